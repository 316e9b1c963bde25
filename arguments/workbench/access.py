"""Who may use the workbench: editors, the members of the "editors" group (or anyone given
its permission). Moderators are not editors: they keep the readers' side clean, editors
write the record."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from arguments.workbench.models import EDIT

GROUP = "editors"


def is_editor(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(EDIT))


def editor_required(view):
    """Editors only: an anonymous visitor is sent to sign in on a GET and refused (403) on
    any other method; a signed-in non-editor is refused (403)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if is_editor(request.user):
            return view(request, *args, **kwargs)
        if not request.user.is_authenticated and request.method in ("GET", "HEAD"):
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied

    return wrapped
