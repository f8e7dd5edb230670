"""Reading settings from environment variables, with clear errors for bad values."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


SUPPORTED_DATABASES = {
    "django.db.backends.sqlite3": "SQLite",
    "django.db.backends.postgresql": "PostgreSQL",
}


def database_from_url(url, default_sqlite_path: Path):
    """Turn DATABASE_URL into a Django DATABASES entry, or explain what is wrong with it."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL {redact(url)!r} is not a database URL this site understands ({error}). "
            "Use postgres://USER@HOST:PORT/NAME or sqlite:///PATH, or unset it for SQLite."
        ) from error
    if config.get("ENGINE") not in SUPPORTED_DATABASES:
        raise ImproperlyConfigured(
            f"DATABASE_URL {redact(url)!r} names an unsupported database; "
            "use postgres://USER@HOST:PORT/NAME or sqlite:///PATH."
        )
    if config["ENGINE"] == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ImproperlyConfigured(
            f"DATABASE_URL {redact(url)!r} has no database name; add it after the last '/'."
        )
    if config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT compilation: the site's statements are short, and PostgreSQL's estimate of a
        # search over many entries made it compile each one afresh, which cost 400 ms of a
        # 980 ms search at 100,000 pages (bench/search.py). Options in the URL are kept.
        options = config.setdefault("OPTIONS", {})
        options["options"] = " ".join(filter(None, [options.get("options"), JIT_OFF]))
    return config


JIT_OFF = "-c jit=off"


def frontend_cache_from_url(url):
    """WAGTAILFRONTENDCACHE for FRONTEND_CACHE_URL: a PURGE to the cache at that address for
    every URL that shows a changed page (linksite/front_cache.py); nothing when it is unset."""
    if not url:
        return {}
    parsed = urlsplit(url)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE_URL {url!r} is not the address of a cache; use http://HOST:PORT "
            "(e.g. http://127.0.0.1:6081, Varnish on this machine), or unset it."
        )
    return {"varnish": {"BACKEND": "linksite.front_cache.PurgeBackend", "LOCATION": url}}


def redact(url):
    """Hide a password in a URL before it goes into an error message."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else url
