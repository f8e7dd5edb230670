"""The decisions demo: what the issue asks it to show, loaded twice without duplicates, and no
vetting detail on any public response, feed, sitemap, search result or page revision."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from decisions.models import (
    Authorisation,
    DecisionIndexPage,
    DecisionPage,
    EnterAndViewPage,
    InformationRequestPage,
    OSCReferralPage,
    ProcedurePage,
    RegisterOfInterestsPage,
    VettingRecord,
    VisitPage,
    VisitRepresentative,
    vetting_clears,
)
from linksite.clock import ReplyStatus

pytestmark = pytest.mark.django_db

REPRESENTATIVES = {"Priya Kaur", "Tomasz Nowak", "Grace Mensah", "David Ellis"}


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            ProcedurePage,
            DecisionPage,
            VettingRecord,
            Authorisation,
            VisitPage,
            VisitRepresentative,
            InformationRequestPage,
            OSCReferralPage,
        )
    }


def test_the_demo_has_what_the_decisions_issue_asks_for(demo):
    decisions = DecisionPage.objects.live()
    assert decisions.count() >= 10
    assert set(decisions.values_list("kind", flat=True)) == set("abcdefgh")

    superseded = [p for p in ProcedurePage.objects.live() if p.superseded_by]
    assert len(superseded) == 1 and superseded[0].decisions.live().exists()

    assert RegisterOfInterestsPage.objects.live().exists()
    page = EnterAndViewPage.objects.live().get(locale=Locale.get_default())
    authorisations = list(page.authorisations.select_related("person"))
    assert {a.person.display_name for a in authorisations} == REPRESENTATIVES
    assert sorted(a.state() for a in authorisations) == ["current", "current", "ended", "revoked"]
    assert all(vetting_clears(a.person_id, a.authorised_from) for a in authorisations)

    visits = VisitPage.objects.live()
    assert visits.count() == 3 and any(v.is_upcoming() for v in visits)
    states = [r.reply_status().state for r in InformationRequestPage.objects.live()]
    assert ReplyStatus.OVERDUE in states
    assert ReplyStatus.ON_TIME in states or ReplyStatus.LATE in states
    assert OSCReferralPage.objects.live().count() == 1


def test_loading_the_demo_twice_duplicates_nothing(demo, settings):
    first = counts()
    settings.DEBUG = True
    call_command("load_demo")
    assert counts() == first


def public_urls():
    pages = list(Page.objects.live().public().filter(depth__gte=2).specific())
    urls = [page.url for page in pages]
    urls += [reverse("publication_record", args=[page.pk]) for page in pages]
    urls += [f"{index.url}feed/" for index in DecisionIndexPage.objects.live()]
    urls.append("/sitemap.xml")
    return urls


def test_no_certificate_reference_reaches_any_public_response_or_the_search_index(client, demo):
    references = list(VettingRecord.objects.values_list("certificate_reference", flat=True))
    assert len(references) == 4

    seen_names = set()
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        seen_names |= {name for name in REPRESENTATIVES if name in body}
        for reference in references:
            assert reference not in body, url
    assert seen_names == REPRESENTATIVES  # the crawl did reach the public list

    backend = get_search_backend()
    assert list(backend.search("Willow Court", VisitPage))  # the index is populated
    for reference in references:
        for model in get_indexed_models():
            assert not list(backend.search(reference, model)), (model, reference)

    revisions = json.dumps([r.content for r in Revision.objects.all()])
    for reference in references:
        assert reference not in revisions
