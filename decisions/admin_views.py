"""Admin screens of enter and view: the vetting officers' written evidence of authorisation."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.permissions import policy_registry

from linksite.identity import site_identity
from linksite.models import LinkSettings

from .models import Authorisation, VettingRecord


def may_issue_letters(user):
    """Letters are issued by those who see the vetting behind them: the vetting officers."""
    return policy_registry.get_by_type(VettingRecord).user_has_permission(user, "view")


def letter_candidates(today):
    """Authorisations on the published list that are in force, or start later."""
    return (
        Authorisation.objects.approved()
        .filter(authorised_until__gte=today)
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=today))
        .select_related("person", "page")
        .order_by("person__display_name", "authorised_from")
    )


def authorisation_letters(request):
    if not may_issue_letters(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "decisions/admin/authorisation_letters.html",
        {"authorisations": letter_candidates(datetime.date.today())},
    )


def authorisation_letter(request, authorisation_id):
    """A printable letter: the person's name, their dates, and the LINk's details. Nothing
    from the vetting record is on it."""
    if not may_issue_letters(request.user):
        raise PermissionDenied
    today = datetime.date.today()
    authorisation = get_object_or_404(letter_candidates(today), pk=authorisation_id)
    page = authorisation.page
    site = page.get_site()
    if site is None:
        raise Http404("The enter and view page is not on a site.")
    return TemplateResponse(
        request,
        "decisions/admin/authorisation_letter.html",
        {
            "authorisation": authorisation,
            "link": LinkSettings.for_site(site),
            "identity": site_identity(site=site),
            "list_url": page.get_full_url(request),
            "today": today,
        },
    )
