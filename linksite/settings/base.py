"""Settings every environment shares. Values that differ come from environment variables."""

import datetime
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .environment import database_from_url, env_bool, env_list, frontend_cache_from_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-secret-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "linksite",
    "home",
    "publications",
    "decisions",
    "search",
    "experiences",
    "annual_report",
    "alerts",
    "opendata",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the session, CSRF and authentication middleware, so it sees the cookies they set
    # and the user they found (linksite/cache_control.py).
    "linksite.cache_control.CacheControlMiddleware",
    # What a request reads once (the view restrictions, the locales): linksite/serving.py.
    "linksite.serving.OncePerRequest",
    "linksite.security.PermissionsPolicyMiddleware",
    "linksite.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Once the host is checked: the site, from the edition's cache (linksite/serving.py).
    "linksite.serving.SiteOncePerEdition",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "linksite.hostile_parameters.HostileAdminParametersMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it turns a lock-out found during sign-in into the "locked for N minutes" page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "linksite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "linksite.wsgi.application"

DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL", ""), BASE_DIR / "db.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "linksite",
            # With Redis unreachable, the cache is a miss rather than an error: the site keeps
            # serving from the database (linksite/outages.py). Short timeouts, so a Redis
            # that does not answer slows no request by more than a fraction of a second.
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": os.environ.get("ELASTICSEARCH_INDEX", "linksite"),
            "TIMEOUT": 10,
            "AUTO_UPDATE": True,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Mail: SMTP when EMAIL_HOST is set; otherwise each message is written as a file in `mail/`
# in the checkout, where a person trying the site can read it.
# The front cache (Varnish, deploy/varnish/): its address, e.g. http://127.0.0.1:6081, turns on
# purging every URL that shows a page when the page is published, taken down or moved
# (linksite/front_cache.py). Not `wagtail.contrib.frontend_cache` in INSTALLED_APPS: its signal
# handlers purge before the transaction commits, and only the page itself.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = frontend_cache_from_url(FRONTEND_CACHE_URL)
# linksite/front_cache.py gives every language itself: Wagtail's own would put English under /en/.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# How long an anonymous visitor's public page may be kept (linksite/cache_control.py): by the
# browser, and by the front cache, which is purged at once when the page changes.
PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "60"))
PUBLIC_S_MAXAGE = int(os.environ.get("PUBLIC_S_MAXAGE", "300"))
# Requests one client may make to the open data API in a minute (opendata/api.py).
OPENDATA_REQUESTS_PER_MINUTE = int(os.environ.get("OPENDATA_REQUESTS_PER_MINUTE", "120"))

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587" if EMAIL_HOST else "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=bool(EMAIL_HOST))
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LINk <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "mail"

# Background work (all mail, and the search entries a renamed organisation or a replaced
# document's file touch: search/tasks.py) goes through Django's tasks API, on the "mail"
# backend: the database backend keeps the queue in the site's own database, so nothing more
# is needed to run it. `manage.py db_worker --backend mail` runs the tasks (`make run` starts it).
# Wagtail's own housekeeping tasks (the reference and search indexes, image focal points, the
# front cache's purges) stay on "default", run at once as Wagtail 8 does out of the box: the
# admin's searches and file usage listings must not wait for a worker, nor a page taken down
# wait to leave the front cache (linksite/front_cache.py).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# A failed send is tried again after 1, 2, 4... minutes, this many times in all, then recorded
# as failed (linksite/mail.py).
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "8"))

# An item waiting longer than this many working days at a workflow step is reminded to that
# step's people, once, and shown as waiting on the dashboard (linksite/notifications.py).
WORKFLOW_REMINDER_WORKING_DAYS = int(os.environ.get("WORKFLOW_REMINDER_WORKING_DAYS", "5"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in lock-out (django-axes): wrong passwords are counted in the database, so every app
# server sees the same count. Five wrong for one account, or from one address, stop sign-in
# for that account or address for AXES_COOLOFF_MINUTES; an administrator can unlock sooner
# (Settings > Locked-out sign-ins, or manage.py axes_reset_username NAME).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_VERBOSE = False
# Addresses of our own reverse proxy: only they may say who the client is (X-Forwarded-For).
TRUSTED_PROXY_ADDRESSES = env_list("TRUSTED_PROXY_ADDRESSES", default=["127.0.0.1", "::1"])

# Second factor (django-otp): the issuer name the authenticator app shows.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "LINk admin")
# Passkeys (django-otp-webauthn) are a second factor too, after the password, never instead of
# it: no passwordless sign-in, so the password and its lock-out always come first. A passkey
# belongs to one domain, the relying party ID (the site's host name; "localhost" on a laptop,
# where browsers allow passkeys over plain http). Changing it makes everyone register again.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_ID = os.environ.get("OTP_WEBAUTHN_RP_ID") or (
    ALLOWED_HOSTS[0].lstrip(".") if ALLOWED_HOSTS and not DEBUG else "localhost"
)
OTP_WEBAUTHN_RP_NAME = os.environ.get("OTP_WEBAUTHN_RP_NAME", OTP_TOTP_ISSUER)
# The addresses the admin is opened at, as the browser sees them (scheme, host and port).
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "OTP_WEBAUTHN_ALLOWED_ORIGINS",
    default=["http://localhost:8000"] if DEBUG else [f"https://{OTP_WEBAUTHN_RP_ID}"],
)

# Content-Security-Policy (django-csp): public pages run only the site's own files, with no
# inline script or style. The admin has its own policy (linksite.security).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin sets style attributes from its scripts (menus, the editor, charts), and its
# choosers (the organisation and page choosers among them) run small inline scripts that carry
# no nonce, so inline styles and scripts are allowed there, and only there; never a script
# from another origin. The public pages' policy above has no 'unsafe-inline' at all.
# It frames its own preview, hence frame-src/frame-ancestors 'self'.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "media-src": ["'self'", "blob:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Nothing on the site uses these browser features: turn them off for every page and script.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
# No avatars from a third party keyed on a hash of each staff member's email address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a request to releases.wagtail.org from every administrator's dashboard.
WAGTAIL_ENABLE_UPDATE_CHECK = False

LANGUAGE_CODE = "en"
# How each language writes a date (linksite/formats): `|date` and `date_format(value)`.
FORMAT_MODULE_PATH = ["linksite.formats"]
# The languages the site is ready for; English is the default and needs no URL prefix.
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("ur", _("Urdu")),
    ("pl", _("Polish")),
    ("bn", _("Bengali")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "LINk"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx", "mp3"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go out only through the serve view, which lets the public fetch a file only while
# a live, public page shows it (linksite/approved_files.py); never a direct /media/ link.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Documents are checked by their bytes, not only their names (linksite/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "linksite.uploads.DocumentForm"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# No autosave: during moderation a revision must be something a person chose to save. An
# autosave while a reviewer or steering group member has the editor open would make a new
# revision (restarting the approval), or save a half-loaded form in their name.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# A translation must go through the approval workflow like any page (see DOMAIN.md).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# Publish exactly the revision the steering group approved (see linksite/workflow.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "linksite.publishing.publish_approved_revision"
