"""Signing in to the admin: lock-out after wrong passwords, and the second factor."""

import datetime
import io
import json
import re

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .admin_forms import as_user
from .factories import UserFactory

LOGIN = "/admin/login/"
PASSWORD = "password"  # UserFactory's


def sign_in_with_password(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def signed_in(client):
    return "_auth_user_id" in client.session


def lock_out(client, username, times=5):
    """Wrong passwords; the fifth is the one that locks (and says so)."""
    statuses = [sign_in_with_password(client, username, "wrong").status_code for _ in range(times)]
    assert statuses == [200] * min(times, 4) + [429] * max(0, times - 4)


def code_of(device, steps_ahead=0):
    return f"{totp(device.bin_key, drift=steps_ahead):06d}"


@pytest.fixture
def steering_member(db, home):
    return UserFactory(username="member")


# Lock-out -------------------------------------------------------------------------------


def test_five_wrong_passwords_then_the_right_one_is_refused_saying_for_how_long(
    client, steering_member
):
    lock_out(client, "member")
    response = sign_in_with_password(client, "member", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    text = response.content.decode()
    assert "Sign-in locked for now" in text
    assert "You can try again in 15 minutes." in text


def test_four_wrong_passwords_do_not_lock_the_account(client, steering_member):
    lock_out(client, "member", times=4)
    assert sign_in_with_password(client, "member", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_lock_out_is_kept_in_the_database_for_every_app_server(client, steering_member):
    lock_out(client, "member")
    assert AccessAttempt.objects.get(username="member").failures_since_start == 5


def test_after_the_cool_off_the_right_password_signs_in(client, steering_member):
    lock_out(client, "member")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert sign_in_with_password(client, "member", PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_administrator_unlocks_a_locked_out_account(client, steering_member, people):
    lock_out(client, "member")
    admin = as_user(client, people["admin"])
    listing = admin.get(reverse("accounts_locked_out"))
    assert "Unlock member" in listing.content.decode()
    admin.post(reverse("accounts_locked_out"), {"username": "member", "ip_address": "127.0.0.1"})
    client.logout()
    assert sign_in_with_password(client, "member", PASSWORD).status_code == 302
    assert signed_in(client)


def test_only_administrators_may_unlock(client, steering_member, people):
    lock_out(client, "member")
    editor = as_user(client, people["editor"])
    response = editor.post(reverse("accounts_locked_out"), {"username": "member"})
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(username="member").exists()


def test_password_reset_requests_are_throttled_with_the_sign_in(client, steering_member):
    from django.core import mail

    url = reverse("wagtailadmin_password_reset")
    statuses = [client.post(url, {"email": "member@example.org"}).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 302, 429]
    sent = len(mail.outbox)
    response = client.post(url, {"email": "member@example.org"})
    assert response.status_code == 429
    assert "You can try again in 15 minutes." in response.content.decode()
    assert len(mail.outbox) == sent


def test_the_address_behind_our_proxy_is_the_one_counted(client, steering_member):
    client.post(
        LOGIN,
        {"username": "member", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
    )
    assert AccessAttempt.objects.get(username="member").ip_address == "198.51.100.7"


# The second factor ----------------------------------------------------------------------


ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/api/main/pages/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_an_admin_url_without_a_second_factor_sends_the_user_to_set_one_up(client, people, url):
    client.force_login(people["admin"])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor_setup"))


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_an_admin_url_with_an_unverified_device_asks_for_the_code(client, people, url):
    TOTPDevice.objects.create(user=people["steering1"], name="phone")
    client.force_login(people["steering1"])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor"))


def test_a_wrong_code_is_refused(client, people):
    TOTPDevice.objects.create(user=people["steering1"], name="phone")
    client.force_login(people["steering1"])
    response = client.post(reverse("accounts_two_factor"), {"code": "000000", "next": "/admin/"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_right_code_opens_the_admin(client, people):
    device = TOTPDevice.objects.create(user=people["steering1"], name="phone")
    client.force_login(people["steering1"])
    response = client.post(
        reverse("accounts_two_factor"), {"code": code_of(device), "next": "/admin/pages/"}
    )
    assert response.status_code == 302
    assert response.url == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_the_code_page_never_sends_the_user_to_another_site(client, people):
    device = TOTPDevice.objects.create(user=people["steering1"], name="phone")
    client.force_login(people["steering1"])
    response = client.post(
        reverse("accounts_two_factor"), {"code": code_of(device), "next": "https://evil.example/"}
    )
    assert response.url == "/admin/"


def test_a_recovery_code_works_once(client, people):
    user = people["steering1"]
    TOTPDevice.objects.create(user=user, name="phone")
    codes = StaticDevice.objects.create(user=user, name="Recovery codes")
    StaticToken.objects.create(device=codes, token="recover1")
    client.force_login(user)
    first = client.post(reverse("accounts_two_factor"), {"code": "recover1"})
    assert first.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(user)
    again = client.post(reverse("accounts_two_factor"), {"code": "recover1"})
    assert again.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_setting_up_shows_a_qr_code_and_the_secret_then_recovery_codes(client, people):
    user = people["reviewer"]
    client.force_login(user)
    page = client.get(reverse("accounts_two_factor_setup")).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r"<code class=\"two-factor-secret\" data-secret>(\w+)</code>", page)[1]
    assert secret and secret in device.config_url
    done = client.post(reverse("accounts_two_factor_setup"), {"code": code_of(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    # And one of those codes is a second factor on the next sign-in.
    client.logout()
    client.force_login(user)
    assert client.post(reverse("accounts_two_factor"), {"code": codes[0]}).status_code == 302


def test_setting_up_with_a_wrong_code_turns_nothing_on(client, people):
    client.force_login(people["reviewer"])
    client.get(reverse("accounts_two_factor_setup"))
    client.post(reverse("accounts_two_factor_setup"), {"code": "000000"})
    assert not TOTPDevice.objects.filter(user=people["reviewer"], confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_a_password_alone_cannot_enrol_a_new_device_for_a_user_who_has_one(client, people):
    TOTPDevice.objects.create(user=people["steering1"], name="phone")
    client.force_login(people["steering1"])
    response = client.get(reverse("accounts_two_factor_setup"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor"))
    assert TOTPDevice.objects.filter(user=people["steering1"]).count() == 1


def test_signing_in_with_the_password_leads_to_the_code(client, people):
    TOTPDevice.objects.create(user=people["editor"], name="phone")
    response = sign_in_with_password(client, "editor", PASSWORD)
    assert response.status_code == 302
    follow = client.get(response.url)
    assert follow.status_code == 302
    assert follow.url.startswith(reverse("accounts_two_factor"))


def test_a_demo_user_signs_in_with_the_known_secret(client, people):
    from linksite.demo import DEMO_TOTP_SECRET, demo_totp_code, ensure_demo_authenticator

    ensure_demo_authenticator(people["editor"])
    device = TOTPDevice.objects.get(user=people["editor"])
    assert DEMO_TOTP_SECRET in device.config_url
    client.force_login(people["editor"])
    assert (
        client.post(reverse("accounts_two_factor"), {"code": demo_totp_code()}).status_code == 302
    )
    assert client.get("/admin/").status_code == 200


def test_the_admin_shows_no_third_party_avatars(client, people):
    page = as_user(client, people["editor"]).get("/admin/").content.decode()
    assert "gravatar" not in page


def test_resetting_a_users_second_factor_makes_them_set_up_a_new_one(client, people):
    from django.core.management import call_command

    device = TOTPDevice.objects.create(user=people["steering1"], name="phone")
    as_user(client, people["steering1"])
    call_command("reset_two_factor", "steering1", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert client.get("/admin/").status_code == 302  # signed out everywhere
    client.force_login(people["steering1"])
    assert client.get("/admin/").url.startswith(reverse("accounts_two_factor_setup"))


def test_a_background_request_is_not_where_the_code_leads_back_to(client, people):
    TOTPDevice.objects.create(user=people["steering1"], name="phone")
    client.force_login(people["steering1"])
    response = client.get("/admin/pages/", HTTP_SEC_FETCH_MODE="cors")
    assert response.url == reverse("accounts_two_factor")


# Passkeys (django-otp-webauthn) -----------------------------------------------------------

PASSKEY_ENDPOINTS = [
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
]


def a_passkey(user):
    from django_otp_webauthn.models import WebAuthnCredential

    return WebAuthnCredential.objects.create(
        user=user,
        name="Laptop",
        confirmed=True,
        credential_id=b"credential-id-of-a-test-passkey",
        public_key=b"not a real key",
    )


@pytest.mark.parametrize("endpoint", PASSKEY_ENDPOINTS)
def test_the_passkey_endpoints_refuse_a_visitor_who_is_not_signed_in(client, db, endpoint):
    response = client.post(reverse(endpoint), "{}", content_type="application/json")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert not any(key.startswith("otp_webauthn") for key in client.session.keys())


def test_a_password_alone_cannot_register_a_passkey_for_a_user_who_has_a_device(client, people):
    TOTPDevice.objects.create(user=people["steering1"], name="phone")
    client.force_login(people["steering1"])
    response = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert response.status_code == 403
    assert "otp_webauthn_register_state" not in client.session


def test_a_user_setting_up_may_begin_registering_a_passkey_for_this_site(client, people):
    client.force_login(people["reviewer"])
    page = client.get(reverse("accounts_two_factor_setup")).content.decode()
    assert 'id="passkey-registration-available-template"' in page
    assert "otp_webauthn_register.js" in page
    response = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert response.status_code == 200
    assert response.json()["rp"]["id"] == "localhost"
    assert "otp_webauthn_register_state" in client.session


def test_a_user_whose_only_device_is_a_passkey_is_asked_for_it_before_the_admin(client, people):
    a_passkey(people["editor"])
    client.force_login(people["editor"])
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor"))
    page = client.get(response.url).content.decode()
    assert 'id="passkey-verification-available-template"' in page
    assert "otp_webauthn_auth.js" in page
    # No code lets them in: a passkey is no code.
    assert client.post(reverse("accounts_two_factor"), {"code": "000000"}).status_code == 200
    assert client.get("/admin/").status_code == 302
    # The passkey sign-in may begin, for this user's passkey only.
    begin = client.post(reverse("otp_webauthn:credential-authentication-begin"))
    assert begin.status_code == 200
    assert [c["id"] for c in begin.json()["allowCredentials"]] == [
        "Y3JlZGVudGlhbC1pZC1vZi1hLXRlc3QtcGFzc2tleQ"
    ]
    assert client.get("/admin/").status_code == 302


def test_the_code_page_offers_no_passkey_to_a_user_without_one(client, people):
    TOTPDevice.objects.create(user=people["editor"], name="phone")
    client.force_login(people["editor"])
    page = client.get(reverse("accounts_two_factor")).content.decode()
    assert "passkey-verification" not in page


def test_a_verified_passkey_lets_the_user_in(client, people):
    from django_otp import DEVICE_ID_SESSION_KEY

    device = a_passkey(people["editor"])
    client.force_login(people["editor"])
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get("/admin/").status_code == 200


def test_after_a_first_passkey_come_the_recovery_codes_then_the_passkeys_page(client, people):
    from django_otp import DEVICE_ID_SESSION_KEY

    device = a_passkey(people["reviewer"])
    client.force_login(people["reviewer"])
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # as the registration leaves it
    session.save()
    first = client.get(reverse("accounts_two_factor_setup")).content.decode()
    assert len(re.findall(r"<li><code>(\w+)</code></li>", first)) == 10
    again = client.get(reverse("accounts_two_factor_setup")).content.decode()
    assert "<li><code>" not in again
    assert "Laptop" in again
    assert "(registered " in again
    assert 'id="passkey-register-button"' in again


def test_passkeys_are_a_second_factor_only(client, people):
    from django.conf import settings

    assert settings.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is False
    a_passkey(people["editor"])
    # Without the password first, the passkey sign-in does not even begin.
    response = client.post(reverse("otp_webauthn:credential-authentication-begin"))
    assert response.status_code == 302
    assert not signed_in(client)


def test_resetting_a_users_second_factor_removes_their_passkeys(client, people):
    from django.core.management import call_command
    from django_otp_webauthn.models import WebAuthnCredential

    a_passkey(people["steering1"])
    call_command("reset_two_factor", "steering1", stdout=io.StringIO())
    assert not WebAuthnCredential.objects.filter(user=people["steering1"]).exists()
    client.force_login(people["steering1"])
    assert client.get("/admin/").url.startswith(reverse("accounts_two_factor_setup"))


def test_the_account_page_leads_to_the_passkeys(client, people):
    page = as_user(client, people["editor"]).get(reverse("wagtailadmin_account")).content.decode()
    assert f'href="{reverse("accounts_two_factor_setup")}"' in page


HOSTILE_PASSKEY_BODIES = [
    "not json",
    "{}",
    "[]",
    "null",
    '{"id": 5, "rawId": [1], "response": null}',
    '{"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {"clientDataJSON": '
    '"\\u0000", "authenticatorData": "!!", "signature": "x", "attestationObject": "zz"}}',
]


@pytest.mark.parametrize("flow", ["registration", "authentication"])
def test_the_passkey_endpoints_refuse_hostile_bodies_without_a_5xx(client, people, flow):
    user = people["editor"]
    if flow == "authentication":
        a_passkey(user)
    client.force_login(user)
    statuses = set()
    for body in HOSTILE_PASSKEY_BODIES:
        for content_type in ("application/json", "application/x-www-form-urlencoded"):
            client.post(reverse(f"otp_webauthn:credential-{flow}-begin"))
            complete = reverse(f"otp_webauthn:credential-{flow}-complete")
            statuses.add(client.post(complete, body, content_type=content_type).status_code)
    assert statuses and all(400 <= status < 500 for status in statuses), statuses
    assert client.get("/admin/").status_code == 302


def test_the_passkey_scripts_speak_the_users_language(client, people):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(people["editor"])
    profile.preferred_language = "ur"
    profile.save()
    catalogue = as_user(client, people["editor"]).get(reverse("otp_webauthn:js-i18n-catalog"))
    # The catalogue is JSON inside a script, with its letters \u-escaped.
    assert json.dumps("تصدیق کامیاب ہو گئی!") in catalogue.content.decode()


def test_a_user_removes_a_passkey_while_their_authenticator_remains(client, people):
    from django_otp_webauthn.models import WebAuthnCredential

    user = people["editor"]
    passkey = a_passkey(user)
    TOTPDevice.objects.create(user=user, name="phone")
    as_user(client, user)
    page = client.get(reverse("accounts_two_factor_setup")).content.decode()
    remove = reverse("accounts_remove_passkey", args=[passkey.pk])
    assert f'action="{remove}"' in page
    assert client.post(remove).status_code == 302
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_a_users_only_passkey_stays_and_no_one_removes_anothers(client, people):
    from django_otp_webauthn.models import WebAuthnCredential

    own = a_passkey(people["editor"])
    as_user(client, people["editor"])
    assert (
        "Remove this passkey"
        not in client.get(reverse("accounts_two_factor_setup")).content.decode()
    )
    client.post(reverse("accounts_remove_passkey", args=[own.pk]))
    assert WebAuthnCredential.objects.filter(pk=own.pk).exists()
    TOTPDevice.objects.create(user=people["reviewer"], name="phone")
    as_user(client, people["reviewer"])
    assert client.post(reverse("accounts_remove_passkey", args=[own.pk])).status_code == 404
    assert WebAuthnCredential.objects.filter(pk=own.pk).exists()


def test_removing_a_passkey_needs_the_second_factor(client, people):
    from django_otp_webauthn.models import WebAuthnCredential

    passkey = a_passkey(people["editor"])
    TOTPDevice.objects.create(user=people["editor"], name="phone")
    client.force_login(people["editor"])
    response = client.post(reverse("accounts_remove_passkey", args=[passkey.pk]))
    assert response.url.startswith(reverse("accounts_two_factor"))
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
