"""What a person locked out of the admin is told, and where their address is read from.

django-axes counts wrong passwords in the database (so every app server sees the same
count) and calls these. A locked-out person is told in plain words for how long.
"""

import ipaddress
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext


def minutes_locked(request=None):
    cool_off = get_cool_off(request)
    return max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else None


def lockout_response(request, original_response=None, credentials=None):
    minutes = minutes_locked(request)
    if minutes is None:
        how_long = None
    else:
        how_long = ngettext(
            "You can try again in %(minutes)d minute.",
            "You can try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
    return render(
        request,
        "accounts/locked_out.html",
        {"how_long": how_long, "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def client_ip(request):
    """The address of the person, not of our own proxy.

    Behind nginx every request comes from 127.0.0.1; nginx appends the real address to
    X-Forwarded-For. Only a request from a trusted proxy may name another address, and then
    only the last hop (the one our proxy added) is believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in settings.TRUSTED_PROXY_ADDRESSES:
        last_hop = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last_hop))
        except ValueError:
            return remote
    return remote
