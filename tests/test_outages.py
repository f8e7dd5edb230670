"""A database outage answers a clean 503 and the site recovers by itself; with Redis
stopped the site keeps serving (linksite/outages.py)."""

import pytest
from django.db import OperationalError, ProgrammingError
from django.test import Client, override_settings

from home.models import HomePage

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        # A port nothing listens on: a real refused connection, as when Redis is stopped.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
        },
    }
}


def failing_serve(error):
    def serve(self, request, *args, **kwargs):
        raise error

    return serve


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


def test_a_lost_database_connection_answers_503_never_cached_with_retry_after(
    anonymous, home, monkeypatch
):
    monkeypatch.setattr(HomePage, "serve", failing_serve(OperationalError("server closed")))
    response = anonymous.get(home.url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "not working for a moment" in response.content.decode()


def test_a_fault_in_a_query_is_still_a_500_not_an_outage(anonymous, home, monkeypatch):
    monkeypatch.setattr(HomePage, "serve", failing_serve(ProgrammingError("no such column")))
    response = anonymous.get(home.url)
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_the_site_answers_again_on_the_next_request_once_the_database_is_back(
    anonymous, home, monkeypatch
):
    monkeypatch.setattr(HomePage, "serve", failing_serve(OperationalError("restarting")))
    assert anonymous.get(home.url).status_code == 503
    monkeypatch.undo()
    assert anonymous.get(home.url).status_code == 200


@pytest.mark.django_db
def test_with_redis_stopped_pages_are_still_served(anonymous, home):
    from django.core.cache import caches

    # override_settings swaps the cache handlers (django.test.signals), so the site's own
    # cache is this Redis for the duration.
    with override_settings(CACHES=UNREACHABLE_REDIS):
        assert type(caches["default"]).__module__.startswith("django_redis")
        assert caches["default"].get("anything") is None
        response = anonymous.get(home.url)
        assert response.status_code == 200 and home.title in response.content.decode()


def test_a_public_form_is_not_refused_when_the_cache_cannot_count(monkeypatch):
    from linksite import rate_limits

    monkeypatch.setattr(rate_limits.cache, "add", lambda *a, **k: None)
    monkeypatch.setattr(rate_limits.cache, "incr", lambda *a, **k: None)
    assert not rate_limits.over_limit("test", "client", 0)
