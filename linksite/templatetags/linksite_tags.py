"""Navigation and page furniture shared by every template."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


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
    items = home.get_children().live().public().in_menu() if home else Page.objects.none()
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
