"""A passkey in a real browser: a demo user, signed in with password and authenticator code,
registers a passkey on the second-factor setup page, then signs in again with the password
and the passkey instead of a code. Chromium's virtual authenticator (DevTools' WebAuthn
domain) stands in for the fingerprint reader; the admin's Content-Security-Policy is in force.
"""

import pytest
from playwright.sync_api import expect

from linksite.demo import DEMO_PASSWORD

from .browser import DESKTOP, axe_violations, screenshot
from .test_editorial_journey import log_in

pytestmark = pytest.mark.browser

USERNAME = "steering3"


@pytest.fixture
def passkey_tab(browser, demo_site, demo_db, settings):
    # The live server's address, port and all, is where the browser makes the passkey.
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [demo_site.url]
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    devtools = context.new_cdp_session(tab)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp_webauthn.models import WebAuthnCredential

    had_codes = set(StaticDevice.objects.values_list("pk", flat=True))
    yield tab, errors
    context.close()
    # The demo is shared by the run: leave its users as the demo made them.
    WebAuthnCredential.objects.all().delete()
    StaticDevice.objects.exclude(pk__in=had_codes).delete()


@pytest.fixture
def newcomer(demo_db):
    """A new editor with a password and no second factor yet."""
    from django.contrib.auth import get_user_model

    from linksite.demo import demo_user

    user = get_user_model().objects.create_user("newcomer", password=DEMO_PASSWORD)
    user.groups.set(demo_user("editor").groups.all())
    yield user
    user.delete()


def test_a_user_registers_a_passkey_and_signs_in_with_it(passkey_tab, demo_site):
    tab, console_errors = passkey_tab
    site = demo_site.url
    log_in(tab, site, USERNAME)

    tab.goto(f"{site}/admin/two-factor/setup/")
    if tab.locator("ul.recovery-codes").count():  # a demo user has no recovery codes yet
        tab.goto(f"{site}/admin/two-factor/setup/")
    expect(tab.get_by_role("heading", name="Passkeys", exact=True)).to_be_visible()
    with tab.expect_navigation():  # the page loads again once the passkey is registered
        tab.get_by_role("button", name="Register a passkey").click()
    expect(tab.locator("ul.passkeys li")).to_have_count(1)
    screenshot(tab, "passkey-registered")
    assert axe_violations(tab) == []

    # Next sign-in: the password, then the passkey instead of a code.
    tab.context.clear_cookies()
    tab.goto(f"{site}/admin/login/")
    tab.fill("#id_username", USERNAME)
    tab.fill("#id_password", DEMO_PASSWORD)
    with tab.expect_navigation():
        tab.click("button[type=submit]")
    assert "/admin/two-factor/" in tab.url
    screenshot(tab, "passkey-second-factor")
    expect(tab.get_by_role("button", name="Use a passkey")).to_be_visible()
    assert axe_violations(tab) == []
    with tab.expect_navigation(url=f"{site}/admin/"):
        tab.get_by_role("button", name="Use a passkey").click()
    expect(tab.locator("body")).not_to_contain_text("Enter your code")
    assert not [e for e in console_errors if "Content Security Policy" in e], console_errors


def test_a_new_user_sets_up_a_passkey_instead_of_an_app_and_gets_recovery_codes(
    passkey_tab, demo_site, newcomer
):
    tab, console_errors = passkey_tab
    site = demo_site.url
    tab.goto(f"{site}/admin/login/")
    tab.fill("#id_username", newcomer.username)
    tab.fill("#id_password", DEMO_PASSWORD)
    with tab.expect_navigation():
        tab.click("button[type=submit]")
    assert "/admin/two-factor/setup/" in tab.url
    expect(tab.get_by_role("button", name="Register a passkey")).to_be_visible()
    assert axe_violations(tab) == []
    with tab.expect_navigation():
        tab.get_by_role("button", name="Register a passkey").click()
    expect(tab.locator("ul.recovery-codes li")).to_have_count(10)
    with tab.expect_navigation(url=f"{site}/admin/"):
        tab.get_by_role("link", name="I have kept them: continue").click()
    assert not [e for e in console_errors if "Content Security Policy" in e], console_errors
