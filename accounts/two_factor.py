"""The second factor every admin user must give: an authenticator app (TOTP), a passkey, or a
recovery code.

django-otp keeps the devices and marks a session verified (`django_otp.login`); these views
enrol a new authenticator (a QR code drawn on the server, the secret in words, then ten
recovery codes shown once) and ask for a code after the password. `middleware` sends every
admin request of an unverified session here.

Passkeys (WebAuthn) are django-otp devices of django-otp-webauthn, whose scripts talk to its
JSON endpoints (wagtail_hooks): the setup page lets a person register one instead of an
authenticator, or add and remove passkeys once signed in with their second factor; the code
page offers a registered passkey instead of a code. Passkeys need JavaScript; the code forms
work without.
"""

import base64

import segno
from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

RECOVERY_CODES = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six-digit code your authenticator app shows, or a recovery code."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def verify_with_any_device(user, code):
    """The device that accepts the code, or None. Each device throttles its own failures."""
    for device in devices_for_user(user):
        if device.verify_token(code):
            return device
    return None


def verify(request):
    """Ask a signed-in user for their code; a right one marks the session verified."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not user_has_device(user):
        return redirect(f"{reverse('accounts_two_factor_setup')}?next={safe_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = verify_with_any_device(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request))
        form.add_error(
            "code",
            _(
                "That code is not right. Codes change every 30 seconds: try the one your app "
                "shows now. After several wrong codes you must wait before trying again."
            ),
        )
    return TemplateResponse(
        request,
        "accounts/verify.html",
        {"form": form, "next": safe_next(request), "has_passkey": passkeys_of(user).exists()},
    )


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def may_remove_a_passkey(user):
    """Only while another passkey or an authenticator app remains: recovery codes alone are
    for a lost device, not a second factor to keep."""
    others = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return others or passkeys_of(user).count() > 1


def remove_passkey(request, pk):
    """Remove one of the signed-in user's own passkeys (a POST from the passkeys page).

    Under the middleware's guard (not under two-factor/): only a verified session gets here.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    passkey = get_object_or_404(passkeys_of(request.user), pk=pk)
    if may_remove_a_passkey(request.user):
        passkey.delete()
    return redirect(f"{reverse('accounts_two_factor_setup')}?next={safe_next(request)}")


def secret_of(device):
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_svg(text):
    """An inline SVG of a QR code: drawn here, so nothing is sent to another site."""
    svg = segno.make(text, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return mark_safe(svg)  # noqa: S308  (segno's own SVG of a URL we made)


def setup(request):
    """Enrol an authenticator app (QR code and secret, a code to prove it) or a passkey, then
    recovery codes.

    Only for a user with no second factor yet; a user who has one must give it first (an
    attacker who knows only the password cannot enrol a device of their own), and may then
    add a passkey here.
    """
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if user_has_device(user):
        if not user.is_verified():
            return redirect(f"{reverse('accounts_two_factor')}?next={safe_next(request)}")
        if not StaticDevice.objects.filter(user=user).exists():
            # Just enrolled with a passkey (its registration marks the session verified):
            # the recovery codes come now, as they do after an authenticator.
            return TemplateResponse(
                request,
                "accounts/recovery_codes.html",
                {"codes": give_recovery_codes(user), "next": safe_next(request)},
            )
        return TemplateResponse(
            request,
            "accounts/passkeys.html",
            {
                "next": safe_next(request),
                "passkeys": passkeys_of(user),
                "may_remove": may_remove_a_passkey(user),
            },
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = give_recovery_codes(user)
            otp_login(request, device)
            return TemplateResponse(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": safe_next(request)},
            )
        form.add_error("code", _("That code is not right: try the one your app shows now."))
    return TemplateResponse(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "next": safe_next(request),
            "qr_code": qr_svg(device.config_url),
            "secret": secret_of(device),
        },
    )


def give_recovery_codes(user):
    """Replace the user's recovery codes with new ones, each good once, and return them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
