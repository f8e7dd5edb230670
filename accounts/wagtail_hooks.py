from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import two_factor, unlock


@hooks.register("register_admin_urls")
def register_account_security_urls():
    return [
        path("two-factor/", two_factor.verify, name="accounts_two_factor"),
        path("two-factor/setup/", two_factor.setup, name="accounts_two_factor_setup"),
        # django-otp-webauthn's endpoints (JSON, for its scripts): begin and complete
        # registering a passkey, and signing in with one. Under two-factor/, so a signed-in
        # session that has not yet given its second factor can reach them (middleware).
        path("two-factor/passkeys/", include("django_otp_webauthn.urls")),
        path("locked-out/", unlock.locked_out, name="accounts_locked_out"),
        path(
            "passkeys/<int:pk>/remove/", two_factor.remove_passkey, name="accounts_remove_passkey"
        ),
    ]


class AdministratorsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_locked_out_menu_item():
    return AdministratorsOnlyMenuItem(
        _("Locked-out sign-ins"), reverse("accounts_locked_out"), icon_name="lock", order=900
    )


@hooks.register("register_account_menu_item")
def register_passkeys_account_item(request):
    """In "Account", a way to the passkeys: the setup page lists them and adds another."""
    return {
        "url": reverse("accounts_two_factor_setup"),
        "label": _("Passkeys"),
        "help_text": _("Give your second factor with a passkey instead of typing a code."),
    }
