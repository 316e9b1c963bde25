"""Sign-up, the reader's own account page (their writings, a copy of their data, deleting
the account), and Django's own login, logout and password views, the reset limited."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetView
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from debate.cache_outage import CacheUnavailable

from . import data
from .client_address import client_address
from .forms import DeleteAccountForm, SignupForm
from .names import folded
from .ratelimit import UNCOUNTED_RETRY_SECONDS, count_attempt

# A return address longer than this is not one of ours: the reader goes home instead.
NEXT_MAX_LENGTH = 2000


def _safe_next(request: HttpRequest) -> str:
    """Where to go back to: a path of this site, else "/". Another host (//evil.example,
    https://evil.example), a scheme (javascript:), whitespace or a control character (which
    would split the Location header) and overlong values are all refused."""
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if (
        len(target) <= NEXT_MAX_LENGTH
        and target.isprintable()
        and not any(character.isspace() for character in target)
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    ):
        return target
    return "/"


def _too_many(request: HttpRequest, message: str, wait: float) -> HttpResponse:
    response = render(request, "accounts/too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(int(wait) + 1)
    return response


def _uncounted(request: HttpRequest) -> HttpResponse:
    """The cache that counts attempts is down: nothing is done rather than done uncounted."""
    context = {"retry_after": UNCOUNTED_RETRY_SECONDS}
    response = render(request, "accounts/limits_unavailable.html", context, status=503)
    response["Retry-After"] = str(UNCOUNTED_RETRY_SECONDS)
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wait = count_attempt("signup", client_address(request), settings.SIGNUP_RATE_LIMIT)
        except CacheUnavailable:
            return _uncounted(request)
        if wait:
            limit, window = settings.SIGNUP_RATE_LIMIT
            message = _(
                "%(limit)s accounts were already created from your address in the last "
                "%(minutes)s minutes. Try again later."
            ) % {"limit": limit, "minutes": window // 60}
            return _too_many(request, message, wait)
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _(
                "Welcome, %(name)s: your account is created and you are signed in. You can "
                "now annotate claims and propose arguments."
            )
            % {"name": user.get_username()},
        )
        return redirect(_safe_next(request))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registration/signup.html",
        {"form": form, "next": _safe_next(request)},
        status=status,
    )


class LimitedPasswordResetView(PasswordResetView):
    """Django's reset form, with at most so many requests per client address (over it: a
    429 page) and so many mails per email address (over it: no mail, and the same page as
    when one is sent, which says nothing of whether an account uses the address)."""

    def form_valid(self, form):
        try:
            wait = count_attempt(
                "reset-from", client_address(self.request), settings.PASSWORD_RESET_RATE_LIMIT
            )
            if wait:
                limit, window = settings.PASSWORD_RESET_RATE_LIMIT
                message = _(
                    "%(limit)s password resets were already asked from your address in the "
                    "last %(minutes)s minutes. Try again later."
                ) % {"limit": limit, "minutes": window // 60}
                return _too_many(self.request, message, wait)
            email = folded(form.cleaned_data["email"])
            if count_attempt("reset-to", email, settings.PASSWORD_RESET_EMAIL_LIMIT):
                return HttpResponseRedirect(self.get_success_url())
        except CacheUnavailable:
            return _uncounted(self.request)
        return super().form_valid(form)


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    shown = data.SHOWN_ON_THE_PAGE
    sections = {
        "annotations": data.annotations_by(user).order_by("-created_at"),
        "claims": data.claims_by(user).order_by("-proposed_at", "-pk"),
        "relations": data.relations_by(user).order_by("-proposed_at", "-pk"),
        "imports": data.imports_by(user),
    }
    context = {}
    for name, rows in sections.items():
        context[name] = list(rows[:shown])
        context[f"{name}_count"] = (
            len(context[name]) if len(context[name]) < shown else rows.count()
        )
    context["shown"] = shown
    return render(request, "accounts/account.html", context)


@never_cache
@require_GET
@login_required
def account_data(request: HttpRequest) -> HttpResponse:
    """A copy of everything the reader wrote, as a JSON file to keep."""
    body = json.dumps(data.account_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="controverse-account.json"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Deletes the account once the reader gives their password. What they wrote stays, as
    the public record's: annotations and proposals then read « a deleted account »."""
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # authenticate(), not check_password(): wrong passwords count towards the login
        # lockout, so a borrowed session cannot be used to guess the password here.
        user = authenticate(
            request, username=request.user.get_username(), password=form.cleaned_data["password"]
        )
        if user is not None and user.pk == request.user.pk:
            with transaction.atomic():
                logout(request)
                user.delete()
            messages.success(request, _("Your account is deleted. What you wrote stays, unsigned."))
            return redirect("/")
        form.add_error("password", _("This is not your password."))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/delete_account.html", {"form": form}, status=status)
