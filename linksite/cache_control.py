"""The Cache-Control each response carries: what a browser and the front cache may keep.

- An anonymous visitor's GET or HEAD of a public page (or of a missing one, a 404):
  `public, max-age=60, s-maxage=300` (PUBLIC_MAX_AGE, PUBLIC_S_MAXAGE). The front cache keeps it
  five minutes and is purged the moment the page changes (linksite/front_cache.py); a browser
  keeps it one, since nothing can purge a browser.
- Anything personal: `private, no-store`. That is a request with a session or CSRF cookie (a
  signed-in person, a form on its way), the admin (sign-in and previews included), anything but
  GET and HEAD, and, whatever the view said, every response that sets a cookie.
- A view that says what it means keeps it (documents, static files, the alerts forms, which are
  `never_cache`).
- Anything else (an error, a temporary redirect): `private, no-store`.

deploy/varnish/default.vcl caches by the same rules, and honours these headers.
"""

from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_cache_control

PRIVATE = "private, no-store"
# Statuses a shared cache may keep (RFC 9110, 15.1): the same answer for everyone until changed.
PUBLIC_STATUSES = {200, 203, 204, 300, 301, 308, 404, 410}


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_root(self):
        return reverse("wagtailadmin_home")

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies:
            response.headers.pop("Cache-Control", None)
            response["Cache-Control"] = PRIVATE
        elif response.has_header("Cache-Control"):
            pass
        elif self.is_personal(request) or response.status_code not in PUBLIC_STATUSES:
            response["Cache-Control"] = PRIVATE
        else:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_MAX_AGE,
                s_maxage=settings.PUBLIC_S_MAXAGE,
            )
        return response

    def is_personal(self, request):
        if request.method not in ("GET", "HEAD"):
            return True
        if request.path_info.startswith(self.admin_root) or getattr(request, "is_preview", False):
            return True
        if {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} & set(request.COOKIES):
            return True
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)
