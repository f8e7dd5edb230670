"""Public views that belong to no single page type."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page, PageLogEntry, Site

from .models import LinkSettings
from .visibility import public
from .workflow import publication_record as record_of


def publication_record(request, page_id):
    """When each version of a live, public page went live and on whose authority."""
    page = get_object_or_404(public(Page.objects.live()), pk=page_id).specific
    site = Site.find_for_request(request)
    show_names = LinkSettings.for_site(site).show_approver_names if site else False
    # When it was taken down (the reason stays in the admin's history: it may say what was
    # wrong in words that should not be repeated in public).
    taken_down = PageLogEntry.objects.filter(page=page, action="linksite.takedown").order_by(
        "-timestamp"
    )
    return TemplateResponse(
        request,
        "linksite/publication_record.html",
        {
            "subject": page,
            "record": record_of(page),
            "show_names": show_names,
            "taken_down": [entry.timestamp for entry in taken_down],
        },
    )
