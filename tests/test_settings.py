"""Settings come from the environment; bad values say what is wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from linksite.settings.environment import (
    database_from_url,
    env_bool,
    env_list,
    frontend_cache_from_url,
)

ROOT = Path(__file__).resolve().parent.parent


def test_no_database_url_means_sqlite_in_the_checkout():
    config = database_from_url("", ROOT / "db.sqlite3")
    assert config == {"ENGINE": "django.db.backends.sqlite3", "NAME": str(ROOT / "db.sqlite3")}


def test_a_postgres_url_becomes_a_postgresql_database():
    config = database_from_url("postgres://postgres@127.0.0.1:5432/linksite", ROOT / "x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("127.0.0.1", 5432, "linksite")


def test_postgresql_runs_without_jit_and_keeps_the_urls_own_options():
    url = "postgres://postgres@127.0.0.1:5432/linksite?options=-c%20statement_timeout%3D5000"
    config = database_from_url(url, ROOT / "x")
    assert config["OPTIONS"]["options"] == "-c statement_timeout=5000 -c jit=off"


@pytest.mark.django_db
def test_the_sites_postgresql_connection_has_jit_off():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no JIT")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.parametrize(
    "url", ["nonsense", "mysql://root@localhost/db", "postgres://u@host:5432/"]
)
def test_a_bad_database_url_gives_a_clear_message(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url(url, ROOT / "x")


def test_a_password_in_a_bad_database_url_is_not_repeated_in_the_message():
    with pytest.raises(ImproperlyConfigured) as error:
        database_from_url("mysql://root:hunter2@localhost/db", ROOT / "x")
    assert "hunter2" not in str(error.value)


def test_booleans_and_lists_parse_and_bad_booleans_are_named():
    os.environ["LINKSITE_TEST_FLAG"] = "yes"
    os.environ["LINKSITE_TEST_LIST"] = "a.example, b.example ,"
    try:
        assert env_bool("LINKSITE_TEST_FLAG") is True
        assert env_list("LINKSITE_TEST_LIST") == ["a.example", "b.example"]
        os.environ["LINKSITE_TEST_FLAG"] = "maybe"
        with pytest.raises(ImproperlyConfigured, match="LINKSITE_TEST_FLAG"):
            env_bool("LINKSITE_TEST_FLAG")
    finally:
        del os.environ["LINKSITE_TEST_FLAG"], os.environ["LINKSITE_TEST_LIST"]


def run_settings(module, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_manage_py_settings_work_with_no_variable_set():
    result = run_settings("linksite.settings.dev")
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_required_settings(missing):
    env = {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "link.example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/linksite",
    }
    del env[missing]
    result = run_settings("linksite.settings.production", **env)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_starts_with_its_required_settings():
    result = run_settings(
        "linksite.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="link.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/linksite",
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


def test_a_bad_database_url_stops_manage_py_with_the_message():
    result = run_settings("linksite.settings.dev", DATABASE_URL="mysql://root@localhost/db")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_redis_url_switches_the_cache_to_a_real_redis():
    code = (
        "import django; django.setup(); from django.core.cache import caches; "
        "cache = caches['default']; client = cache.client.get_client(); "
        "client.ping(); client.set('linksite-raw', 1, ex=5); "
        "cache.set('linksite-check', 'stored', 5); "
        "print(cache.get('linksite-check'), type(cache).__module__)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="linksite.settings.dev", REDIS_URL="redis://127.0.0.1:6379/15"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["stored", "django_redis.cache"]


def test_frontend_cache_url_turns_on_purging_through_the_cache_at_that_address():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.WAGTAILFRONTENDCACHE)",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "FRONTEND_CACHE_URL"},
            "DJANGO_SETTINGS_MODULE": "linksite.settings.dev",
            "FRONTEND_CACHE_URL": "http://127.0.0.1:6081",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "'LOCATION': 'http://127.0.0.1:6081'" in result.stdout
    assert "linksite.front_cache.PurgeBackend" in result.stdout


def test_no_frontend_cache_url_means_no_purging():
    assert frontend_cache_from_url("") == {}


def test_a_frontend_cache_url_that_is_not_an_address_is_named_in_the_message():
    with pytest.raises(ImproperlyConfigured, match="FRONTEND_CACHE_URL"):
        frontend_cache_from_url("127.0.0.1:6081")
