"""Counting what one client (or one address) does in an hour, to refuse a flood: the public
forms (email alerts, sharing an experience) use this one counter.

Counts live in the cache (Redis in production, so every app server shares them); the value
counted is never stored, only a keyed hash of it.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def over_limit(scope, value, limit, period=3600):
    """Count one more for `value` in `scope`; True once more than `limit` in `period` seconds."""
    key = f"rate:{scope}:{salted_hmac('rate-limit', value).hexdigest()[:32]}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=period)
        count = 1
    # None when the cache is unreachable (it then ignores errors, linksite/outages.py): the
    # form is not refused for the cache's fault.
    return (count or 0) > limit


def client_address(request):
    """The client's address as the web server saw it (nginx sets REMOTE_ADDR, deploy/)."""
    return request.META.get("REMOTE_ADDR", "")
