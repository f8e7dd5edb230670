"""No admin view for a session without a verified second factor.

Runs after django-otp's OTPMiddleware (which sets `request.user.is_verified()`). The sign-in,
sign-out, password reset and the second-factor views themselves stay open, so a person can
get as far as giving their code; so do the passkey endpoints under them (two-factor/passkeys/),
which django-otp-webauthn guards itself: a passkey can be registered with the password alone
only by someone with no second factor yet, and signing in with one needs the password first.
A passkey is a django-otp device like the others: one verified is a verified second factor.
"""

from functools import cached_property
from urllib.parse import quote

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_root(self):
        return reverse("wagtailadmin_home")

    @cached_property
    def open_paths(self):
        return tuple(
            reverse(name)
            for name in (
                "wagtailadmin_login",
                "wagtailadmin_logout",
                "wagtailadmin_password_reset",
                "wagtailadmin_javascript_catalog",
                "wagtailadmin_sprite",  # the admin's icons, which the sign-in pages use too
                "accounts_two_factor",
                "accounts_two_factor_setup",
            )
        )

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if (
            path.startswith(self.admin_root)
            and not path.startswith(self.open_paths)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
        ):
            view = "accounts_two_factor" if user_has_device(user) else "accounts_two_factor_setup"
            # Back to the page asked for, after the code; not to a script's background fetch.
            if request.method == "GET" and request.headers.get("Sec-Fetch-Mode", "navigate") in (
                "navigate",
                "nested-navigate",
            ):
                return redirect(f"{reverse(view)}?next={quote(request.get_full_path())}")
            return redirect(view)
        return self.get_response(request)
