"""Navigation and page furniture shared by every template."""

from django import template
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from ..furniture import cached
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
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized.specific


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


def language_name(code):
    """A language's name written in that language ("اردو", "Polski", "বাংলা")."""
    return capfirst(get_language_info(code)["name_local"])


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context, page):
    """The languages this page can be read in, each named in its own language."""
    request = context["request"]
    current = get_language()
    languages = [
        {
            "code": p.locale.language_code,
            "name": language_name(p.locale.language_code),
            "url": p.get_url(request),
            "current": p.locale.language_code == current,
            "bidi": get_language_info(p.locale.language_code)["bidi"],
        }
        for p in live_translations(page)
    ]
    return {"languages": languages if len(languages) > 1 else []}


@register.inclusion_tag("includes/hreflang_links.html", takes_context=True)
def hreflang_links(context, page):
    """`<link rel="alternate" hreflang>` for each live translation; x-default is English."""
    request = context["request"]
    translations = live_translations(page)
    if len(translations) < 2:
        return {"alternates": [], "default": None}
    alternates = [(p.locale.language_code, p.get_full_url(request)) for p in translations]
    default = next((url for code, url in alternates if code == settings.LANGUAGE_CODE), None)
    return {"alternates": alternates, "default": default}


@register.inclusion_tag("includes/alternative_formats.html")
def alternative_formats(page):
    """Easy read, large print and audio versions of the page, for the top of the page."""
    return {"formats": list(page.alternative_formats.all())}
