from django.template.response import TemplateResponse
from wagtail.models import Locale

from .results import SORTS, SiteSearch


def search(request):
    """The site search (/search/): reports, replies, decisions, procedures, work plan items,
    visits and pages, in the language of the URL."""
    site_search = SiteSearch(request.GET, Locale.get_active())
    if site_search.asked:
        site_search.run()
    sorts = [
        (key, label, site_search.url(sort=key if key != "relevance" else None))
        for key, label in SORTS.items()
    ]
    return TemplateResponse(request, "search/search.html", {"search": site_search, "sorts": sorts})
