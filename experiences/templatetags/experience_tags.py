"""`{% share_experience_link %}`: the header's link to "Share your experience", in the page's
language when the sharing page is translated into it."""

from django import template
from django.utils.translation import gettext as _
from wagtail.models import Locale

from linksite.visibility import public

from ..pages import ShareExperiencePage

register = template.Library()


def share_page():
    pages = public(ShareExperiencePage.objects.live())
    try:
        return pages.filter(locale=Locale.get_active()).first() or pages.first()
    except Locale.DoesNotExist:
        return pages.first()


@register.inclusion_tag("experiences/includes/share_link.html", takes_context=True)
def share_experience_link(context, css_class="site-header__share"):
    page = share_page()
    return {
        "url": page.get_url(context.get("request")) if page else "",
        "label": _("Share your experience"),
        "css_class": css_class,
    }
