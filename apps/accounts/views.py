"""Signing in (password, then a code for users with an authenticator app) and the signed-in
user's own pages: API tokens, two-factor authentication and the interface language."""

from __future__ import annotations

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import selectors, services, two_factor
from apps.accounts.forms import ApiTokenForm, SignInForm, TotpCodeForm, TotpDisableForm
from apps.accounts.login_guard import remember_device


class SignInView(LoginView):
    """The password step, held back by the slowdowns of `apps.accounts.login_guard` (an attempt
    they refuse answers 429 with Retry-After). A user with a confirmed authenticator app is not
    signed in yet: the code step (`sign_in_code`) finishes the sign-in. A sign-in remembers the
    browser (the device cookie)."""

    authentication_form = SignInForm

    def form_invalid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        if form.wait:
            response.status_code = 429
            response["Retry-After"] = str(form.wait)
        return response

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if selectors.totp_device_of(user=user) is None:
            return remember_device(self.request, super().form_valid(form))
        # authenticate() noted on the user which backend accepted the password.
        backend: str = user.backend  # type: ignore[attr-defined]
        two_factor.pending_start(
            self.request, user=user, backend=backend, next_url=self.get_redirect_url()
        )
        return redirect("login-code")


def _safe_next(request: HttpRequest, target: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The code step of a sign-in: a right code signs the user in, verified by the device.

    Every wrong code counts as a failed login for django-axes (locked out after
    AXES_FAILURE_LIMIT, passwords and codes together), and the device itself waits longer
    after each wrong code before it checks another.
    """
    pending = two_factor.pending_of(request)
    device = selectors.totp_device_of(user=pending.user) if pending else None
    if pending is None or device is None:
        two_factor.pending_end(request)
        messages.info(request, _("Please log in again."))
        return redirect("login")
    locked = two_factor.lockout_response(request, user=pending.user)
    if locked is not None:
        two_factor.pending_end(request)
        return locked
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        outcome = services.totp_code_check(device=device, code=form.cleaned_data["code"])
        if outcome == services.CODE_ACCEPTED:
            two_factor.pending_end(request)
            auth_login(request, pending.user, backend=pending.backend)
            django_otp.login(request, device)
            target = pending.next_url or resolve_url(settings.LOGIN_REDIRECT_URL)
            return remember_device(request, redirect(target))
        two_factor.code_failed(request, user=pending.user)
        form.add_error("code", _code_refusal(outcome))
    elif form.is_bound:
        two_factor.code_failed(request, user=pending.user)
    return render(request, "registration/login_code.html", {"form": form})


def _code_refusal(outcome: str) -> str:
    if outcome == services.CODE_THROTTLED:
        return _("Too many wrong codes in a row: wait a minute, then enter the newest code.")
    return _("That code is not right. Enter the newest code the app shows.")


@never_cache
@login_required
def two_factor_status(request: HttpRequest) -> HttpResponse:
    """Whether the user signs in with a code, and whether they must."""
    user = selectors.signed_in(request)
    context = {
        "device": selectors.totp_device_of(user=user),
        "required": selectors.totp_required_for(user=user),
    }
    return render(request, "accounts/two_factor/status.html", context)


@never_cache  # The page shows the secret key.
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrolment: scan the QR code (or type the key), then confirm with a first code."""
    user = selectors.signed_in(request)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if selectors.totp_device_of(user=user) is not None:
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect("two-factor")
    device = services.totp_device_start(user=user)
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        outcome = services.totp_device_confirm(device=device, code=form.cleaned_data["code"])
        if outcome == services.CODE_ACCEPTED:
            # This session proved the new factor: it counts as verified from now on.
            django_otp.login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(next_url or "two-factor")
        form.add_error("code", _code_refusal(outcome))
    context = {
        "form": form,
        "next": next_url,
        "required": selectors.totp_required_for(user=user),
        "secret": two_factor.secret_text(device),
        "qr_code": two_factor.qr_code_svg(device, title=_("QR code for your authenticator app")),
    }
    return render(request, "accounts/two_factor/setup.html", context)


@never_cache
@sensitive_post_parameters("password", "code")
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off, with the password and a current code; not for staff while
    it is required. A wrong password or code counts as a failed login."""
    user = selectors.signed_in(request)
    device = selectors.totp_device_of(user=user)
    if device is None:
        return redirect("two-factor")
    if selectors.totp_required_for(user=user):
        messages.error(request, _("Two-factor authentication is required for staff."))
        return redirect("two-factor")
    form = TotpDisableForm(request.POST if request.method == "POST" else None, user=user)
    if form.is_bound:
        if form.is_valid():
            outcome = services.totp_code_check(device=device, code=form.cleaned_data["code"])
            if outcome == services.CODE_ACCEPTED:
                services.totp_devices_remove(user=user)
                request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("two-factor")
            form.add_error("code", _code_refusal(outcome))
        two_factor.code_failed(request, user=user)
    return render(request, "accounts/two_factor/disable.html", {"form": form})


@never_cache  # The answer to a creation holds the plaintext token: no cache may keep it.
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's API tokens, and a form to create one; a new token is shown in this answer only."""
    created = plaintext = None
    form = ApiTokenForm(request.POST) if request.method == "POST" else ApiTokenForm()
    if form.is_bound and form.is_valid():
        try:
            created, plaintext = services.api_token_create(
                user=selectors.signed_in(request),
                name=form.cleaned_data["name"],
                read_only=form.read_only,
                expires_in_days=form.cleaned_data["expires_in_days"],
                actor=selectors.signed_in(request),
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for field, field_errors in errors.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "tokens": selectors.api_tokens_of(user=request.user),
        "created": created,
        "plaintext": plaintext,
    }
    return render(request, "accounts/token_list.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens (anyone else's answers 404)."""
    token = get_object_or_404(selectors.api_tokens_of(user=request.user), pk=pk)
    services.api_token_revoke(token=token, actor=selectors.signed_in(request))
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("token-list")


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the user, and in a cookie before login."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("Unknown language."))
    if request.user.is_authenticated:
        services.user_set_language(user=selectors.signed_in(request), language=language)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
