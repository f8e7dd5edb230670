"""The annual report as a printable PDF, made by WeasyPrint from the same figures and words
as the page (`templates/annual_report/includes/report.html` serves both), with the steering
group's approval line. Made once for each published version and language, then kept in the
cache; WeasyPrint may read nothing but the page itself (no file or network fetches)."""

import logging

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _no_fetching(url, *args, **kwargs):
    raise ValueError(f"The annual report's PDF fetches nothing ({url}).")


def print_stylesheet():
    path = finders.find("css/annual_report_print.css")
    with open(path, encoding="utf-8") as stylesheet:
        return stylesheet.read()


def render_pdf(page, request):
    from weasyprint import CSS, HTML

    html = render_to_string(
        "annual_report/annual_report_print.html",
        page.get_context(request) | {"for_print": True},
        request=request,
    )
    document = HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_no_fetching)
    return document.write_pdf(stylesheets=[CSS(string=print_stylesheet())])


def pdf_response(page, request):
    if getattr(request, "is_preview", False):
        return HttpResponse(status=404)
    key = f"annual-report-pdf:{page.pk}:{page.live_revision_id}:{get_language()}"
    pdf = cache.get(key)
    if pdf is None:
        try:
            pdf = render_pdf(page, request)
        except (ImportError, OSError):
            # WeasyPrint or the Pango library it draws with is missing on this machine.
            logger.exception("The annual report's PDF could not be made")
            return HttpResponse(
                _(
                    "The PDF of this report cannot be made just now. "
                    "The page itself has everything in it."
                ),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        cache.set(key, pdf, 60 * 60 * 24 * 30)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{page.slug}.pdf"'
    return response
