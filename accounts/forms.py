"""The sign-up form (and the admin's account creation form): names that cannot pass for
another account; the form that deletes one's own account."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminUserCreationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .names import lookalike_of, script_problem


class DistinctNameMixin:
    """Refuses a name that mixes alphabets, or reads the same as an existing account's."""

    def clean_username(self):
        username = super().clean_username()
        if not username:
            return username
        problem = script_problem(username)
        if problem:
            raise ValidationError(problem, code="mixed_script")
        # Every name is compared, in Python: look-alike letters have no database lookup.
        # Sign-ups are few, and limited per address.
        names = get_user_model().objects.values_list("username", flat=True)
        if lookalike_of(username, names.iterator(chunk_size=2000)):
            raise ValidationError(
                _("This name is too close to an existing account's: choose another."),
                code="lookalike",
            )
        return username


class SignupForm(DistinctNameMixin, UserCreationForm):
    pass


class AccountCreationForm(DistinctNameMixin, AdminUserCreationForm):
    """The admin's: the same rules as sign-up, so staff cannot create a look-alike either."""


class DeleteAccountForm(forms.Form):
    """The reader's password, checked by the view (so that wrong ones count as failed logins)."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
