"""Signed links for an address: confirm (valid for 7 days), manage and unsubscribe. Signed
with the site's SECRET_KEY, so they cannot be forged or guessed."""

from django.core import signing

from .models import CONFIRM_DAYS

SALTS = {"confirm": "alerts.confirm", "manage": "alerts.manage"}


def make(purpose, subscriber, extra=""):
    value = f"{subscriber.pk}:{subscriber.email}:{extra}"
    return signing.TimestampSigner(salt=SALTS[purpose]).sign(value)


def read(purpose, token, max_age_days=None):
    """(subscriber id, email, extra) or None when tampered with or expired."""
    signer = signing.TimestampSigner(salt=SALTS[purpose])
    try:
        if max_age_days:
            value = signer.unsign(token, max_age=max_age_days * 86400)
        else:
            value = signer.unsign(token)
    except signing.BadSignature:
        return None
    pk, _sep, rest = value.partition(":")
    email, _sep, extra = rest.rpartition(":")
    if not pk.isdigit():
        return None
    return int(pk), email, extra


def confirm_token(subscriber):
    return make("confirm", subscriber)


def read_confirm(token):
    return read("confirm", token, max_age_days=CONFIRM_DAYS)
