"""Production settings: refuse to start without the values a public site needs.

`manage.py check --deploy` gives no warnings with these. TLS ends at the reverse proxy
(deploy/nginx/linksite.conf), which says so with X-Forwarded-Proto.
"""

import os

from django.core.exceptions import ImproperlyConfigured

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"{required} must be set in production.")

from .base import *  # noqa: E402,F403
from .environment import env_bool  # noqa: E402

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# On by default; a proxy that already sends every http:// request to https:// (ours does)
# may take the job with SECURE_SSL_REDIRECT=false.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# Browsers remember for a year to use HTTPS only, on every subdomain too, and the header
# asks to be put on the browsers' preload list (which only happens if someone submits the
# domain at hstspreload.org; SECURE_HSTS_PRELOAD=false leaves the request out).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# DENY: no other page may frame ours. Wagtail's preview, the one place the admin frames its
# own pages, sets SAMEORIGIN on its own responses (xframe_options_sameorigin_override).
X_FRAME_OPTIONS = "DENY"
