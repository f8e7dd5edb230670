"""What shows a report or a reply besides the pages above it and the pages it links with, for
the front cache (linksite/front_cache.py): the accountability view (/recommendations/ and its
CSV), which lists every report's recommendations and what the replies said of them, and links
to the report index."""


def shown_by_publications(page):
    from .models import RecommendationsPage, ReportIndexPage, ReportPage, ResponsePage

    if isinstance(page, ReportPage | ResponsePage | ReportIndexPage):
        yield from RecommendationsPage.objects.live()
