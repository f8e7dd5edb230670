"""What every request looks up before it reaches its page, read once per edition of the site.

Each request used to start with the same look-ups: which site (Wagtail's
`Site.find_for_request`), which locale (`Locale.get_active` and `get_default`, asked by
Wagtail, wagtail-localize and the site several times a request), the home page in that
language and its specific row, then the view restrictions over the page and its ancestors.
None of them changes between two editions of the site (linksite/furniture.py: saving or
deleting a site, a locale or a view restriction, and publishing, unpublishing, moving or
deleting any page, start a new one), so a request reads them from the cache kept under the
edition, whose token it reads once anyway:

- `OncePerRequest` (middleware, early) keeps what this request has read (`memo()`); the view
  restrictions (linksite/visibility.py) and the locales (`locales()`, used by Wagtail's own
  `Locale.objects.get_for_language` through `serve_locales_from_the_edition`) come from it.
- `SiteOncePerEdition` (middleware, once the host is checked) gives Wagtail the site.
- `serve` (in place of Wagtail's view for pages) routes from the home page kept for the
  edition, then lets Wagtail serve the page as ever (its hooks, its view restriction check).
- `LinkPage.get_view_restrictions` (linksite/pages.py) asks no question when no page of the
  site has a view restriction (`visibility.restricted_paths()`).

Outside a request (a task, a command), for a preview and after a change within the request
itself (`changed()`), everything is read from the database as Wagtail does.
"""

import contextvars

from django.http import Http404

_memo = contextvars.ContextVar("linksite_request_memo", default=None)


def memo():
    """What this request has read so far (a dict), or None outside a request."""
    return _memo.get()


def changed():
    """Something the cached look-ups show changed during this request: read it afresh."""
    found = _memo.get()
    if found is not None:
        request = found.get("request")
        found.clear()
        found.update(request=request, changed=True)


def per_edition(name, *vary, build):
    """What `build()` returns, kept under this edition of the site (linksite.furniture), read
    once per request; built afresh outside a request or after a change within it."""
    found = _memo.get()
    if found is None or found.get("changed") or found.get("request") is None:
        return build()
    key = (name, *vary)
    if key not in found:
        from .furniture import cached

        found[key] = cached(found["request"], "serving", name, *vary, build=build)
    return found[key]


class OncePerRequest:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({"request": request})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def locales():
    """{language code: Locale} of every locale, read once per edition; None outside a
    request (or after a locale changed in it), where the database is asked."""
    found = _memo.get()
    if found is None or found.get("changed") or found.get("request") is None:
        return None
    from wagtail.models import Locale

    return per_edition(
        "locales", build=lambda: {one.language_code: one for one in Locale.objects.all()}
    )


def locale_by_id(locale_id):
    """The Locale with this id, from `locales()` when there; else from the database."""
    table = locales()
    if table is not None:
        for locale in table.values():
            if locale.pk == locale_id:
                return locale
    from wagtail.models import Locale

    return Locale.objects.get(pk=locale_id)


def serve_locales_from_the_edition():
    """Wagtail's `Locale.objects.get_for_language` (behind `Locale.get_active` and
    `get_default`) answers from `locales()` during a request."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale
    from wagtail.models.i18n import LocaleManager

    if getattr(LocaleManager.get_for_language, "from_the_edition", False):
        return
    from_the_database = LocaleManager.get_for_language

    def get_for_language(self, language_code):
        table = locales()
        if table is None:
            return from_the_database(self, language_code)
        code = get_supported_content_language_variant(language_code)
        if code not in table:
            raise Locale.DoesNotExist(f"No locale for {code!r}")
        return table[code]

    get_for_language.from_the_edition = True
    LocaleManager.get_for_language = get_for_language


class SiteOncePerEdition:
    """Gives Wagtail the request's site (`request._wagtail_site`, which
    `Site.find_for_request` reads first) from the edition's cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site") and not getattr(request, "is_dummy", False):
            from wagtail.models import Site

            request._wagtail_site = per_edition(
                "site",
                request.get_host(),
                request.get_port(),
                build=lambda: Site._find_for_request(request),
            )
        return self.get_response(request)


def home(request):
    """The home page of the request's site in the active language (its specific row), kept
    for the edition: where every page's route starts."""
    from django.utils.translation import get_language
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return None
    return per_edition(
        "home", site.pk, get_language(), build=lambda: site.root_page.localized.specific
    )


def serve(request, path):
    """Wagtail's page view, routed from the edition's home page (`home`) rather than from the
    site's root page looked up afresh."""
    from wagtail.views import serve as wagtail_serve

    if not hasattr(request, "_wagtail_route_for_request"):
        start = home(request)
        route = None
        if start is not None:
            try:
                route = start.route(request, [part for part in path.split("/") if part])
            except Http404:
                route = None
        request._wagtail_route_for_request = route
    return wagtail_serve(request, path)
