"""A reader who signs in is forgiven their own mistyped passwords from that address, and
only those: the address's failures at other accounts still count (settings_accounts.py)."""

from __future__ import annotations

from axes.models import AccessAttempt

from .client_address import client_address


def forget_own_failures(sender, request, user, **kwargs) -> None:
    if request is None:
        return
    AccessAttempt.objects.filter(
        username=user.get_username(), ip_address=client_address(request)
    ).delete()
