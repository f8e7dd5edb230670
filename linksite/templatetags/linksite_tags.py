"""Navigation and page furniture shared by every template."""

from django import template
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from .. import languages, serving
from ..furniture import cached
from ..identity import site_identity
from ..visibility import public

register = template.Library()


@register.tag("furniture")
def furniture(parser, token):
    """`{% furniture "name" [vary ...] %}…{% endfurniture %}`: what is inside, kept for this
    edition of the site (linksite.furniture), per host, language and the values given."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("furniture needs a name")
    nodelist = parser.parse(("endfurniture",))
    parser.delete_first_token()
    return FurnitureNode(nodelist, [parser.compile_filter(bit) for bit in bits])


class FurnitureNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values

    def render(self, context):
        name, *vary = [value.resolve(context) for value in self.values]
        # As Django's own {% cache %}: the rendered fragment, already escaped, as it was kept.
        return cached(
            context.get("request"), name, *vary, build=lambda: self.nodelist.render(context)
        )


def site_home(request):
    return serving.home(request)


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    home = site_home(request)
    current = context.get("page")
    items = public(home.get_children().live()).in_menu() if home else Page.objects.none()
    return {"home": home, "items": items, "current": current, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context["request"]
    home = site_home(request)
    if page is None or home is None or page.pk == home.pk:
        return {"ancestors": []}
    ancestors = page.get_ancestors().filter(depth__gte=home.depth).live()
    return {"ancestors": ancestors, "page": page}


@register.inclusion_tag("includes/approval_line.html", takes_context=True)
def approval_line(context, page):
    """Who authorised the version of the page being shown, taken from the workflow record."""
    from linksite.workflow import current_publication

    request = context.get("request")
    if getattr(request, "is_preview", False):
        return {"preview": True}
    return {"publication": current_publication(page), "page": page}


def live_translations(page):
    """The page in every language it is live in, the site's language order, this one included.

    Only live, public translations: a draft translation is not offered to the public, and a
    language the page does not exist in is not offered at all.
    """
    if page is None or not getattr(page, "pk", None):
        return []
    order = [code for code, _name in settings.LANGUAGES]
    pages = public(Page.objects.filter(translation_key=page.translation_key).live()).select_related(
        "locale"
    )
    found = [p for p in pages if p.locale.language_code in order]
    return sorted(found, key=lambda p: order.index(p.locale.language_code))


def language_versions(context, page):
    """[(language code, page, URL)] of what the page shows in each language it is live in.

    A view that shows something of its own under the page (a topic of the topic index) puts
    `language_urls` in the context, {code: URL} or a callable giving it, and only those
    languages are offered, at those addresses."""
    request = context["request"]
    urls = context.get("language_urls")
    if callable(urls):
        urls = urls()
    versions = []
    for p in live_translations(page):
        code = p.locale.language_code
        if urls is None:
            versions.append((code, p, p.get_url(request)))
        elif code in urls:
            versions.append((code, p, urls[code]))
    return versions


def language_name(code):
    """A language's name written in that language ("اردو", "Polski", "বাংলা")."""
    return capfirst(get_language_info(code)["name_local"])


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context, page):
    """The languages this page can be read in, each named in its own language."""
    current = get_language()
    languages = [
        {
            "code": code,
            "name": language_name(code),
            "url": url,
            "current": code == current,
            "bidi": get_language_info(code)["bidi"],
        }
        for code, _page, url in language_versions(context, page)
    ]
    return {"languages": languages if len(languages) > 1 else []}


def full_url(page, url, request):
    """`url` (on the page's site) in full, as Wagtail writes the page's own full URL."""
    own, full = page.get_url(request), page.get_full_url(request)
    if url.startswith("/") and full.endswith(own):
        return full[: len(full) - len(own)] + url
    return url


@register.inclusion_tag("includes/hreflang_links.html", takes_context=True)
def hreflang_links(context, page):
    """`<link rel="alternate" hreflang>` for each live translation; x-default is English."""
    request = context["request"]
    versions = language_versions(context, page)
    if len(versions) < 2:
        return {"alternates": [], "default": None}
    alternates = [(code, full_url(p, url, request)) for code, p, url in versions]
    default = next((url for code, url in alternates if code == settings.LANGUAGE_CODE), None)
    return {"alternates": alternates, "default": default}


@register.inclusion_tag("includes/alternative_formats.html")
def alternative_formats(page):
    """Easy read, large print and audio versions of the page, for the top of the page."""
    return {"formats": list(page.alternative_formats.all())}


@register.simple_tag(takes_context=True)
def link_identity(context):
    """The LINk's name, area and host in the page's language (linksite/identity.py):
    `{% link_identity as link %}`, then `{{ link.area_name.marked }}`."""
    request = context.get("request")
    found = getattr(request, "_link_identity", None) if request is not None else None
    if found is None:
        found = site_identity(request)
        if request is not None:
            request._link_identity = found
    return found


@register.simple_tag
def lang_attrs(source=None):
    """` lang dir` for an element whose text is in `source`'s language (a code, or anything
    with a locale), when that is not the page's (linksite/languages.py)."""
    return languages.lang_attrs(source)


@register.filter
def in_language(text, source=None):
    """`{{ organisation.name|in_language }}`: the text in a `<span lang dir>` when it is not
    in the page's language (the default language unless `source` says otherwise)."""
    return languages.in_language(text, source)


@register.filter
def page_numbers(page):
    """The page numbers a list of pages links to: the first and last, and two either side of
    the current one, None marking each gap (1 2 3 4 5 … 500); so a search with thousands of
    results links to a dozen pages, not to every one."""
    paginator = page.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
