"""No input answers 500: hostile parameter values and path segments sent to every public URL
pattern (the resolver's and each live page's, routable subpages included) in every language,
and to the admin's listings, searches and filters as an editor; Hypothesis draws them.

Bounded: a small site built once per test, a fixed number of examples, no deadline (the
machine is shared), Hypothesis's example database off so every run draws afresh and leaves
nothing behind. A 500 raises in the test client, so Hypothesis shrinks it to the smallest
request that fails and prints it.
"""

import datetime
import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents.models import Document
from wagtail.models import Page

from decisions.models import DecisionKind
from linksite.simple_pdf import pdf_with_text
from publications.filters import RecommendationFilterForm, ReportFilterForm
from search.entries import record
from search.results import SiteSearch

from .admin_forms import as_user
from .factories import (
    DecisionPageFactory,
    InformationRequestPageFactory,
    RecommendationsPageFactory,
    RegisterOfInterestsPageFactory,
    RequestsAndReferralsIndexPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    WorkPlanIndexPageFactory,
    WorkPlanItemPageFactory,
    WorkPlanPageFactory,
    reply_to,
    sent_report,
)

pytestmark = pytest.mark.django_db

D = datetime.date
LANGUAGES = ["", "/ur", "/pl", "/bn"]
HUGE = "99999999999999999999"

FIXED_HOSTILE = [
    "\x00",
    "a\x00b",
    "\x1b[2J",
    "\x7f",
    "-1",
    "0",
    "-0",
    HUGE,
    "-" + HUGE,
    "9" * 400,
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "%",
    "%00",
    "\\",
    "../../etc/passwd",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "\u202e\u0645\u0631\u062d\u0628\u0627",
    "\ud7ff\ufeff\ufffd",
    "x" * 5000,
    "",
    " ",
    "[]",
    "{}",
]

hostile_values = st.one_of(
    st.sampled_from(FIXED_HOSTILE),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=200),
)
# A parameter given once, or repeated (?year=1&year=x).
parameter_values = st.one_of(hostile_values, st.lists(hostile_values, min_size=2, max_size=3))

PUBLIC_PARAMETERS = sorted(
    {"q", "page", "sort", "format", "p", *SiteSearch.FILTERS}
    | set(ReportFilterForm.base_fields)
    | set(RecommendationFilterForm.base_fields)
    | {"kind", "year", "organisation"}
)

hostile_segments = st.one_of(
    st.sampled_from(["\x00", HUGE, "-1", "..", "%2e%2e", "<b>", "x" * 300, "_", "%E2%80%AE"]),
    st.text(min_size=1, max_size=30),
)


def parameters(names):
    return st.dictionaries(
        st.one_of(st.sampled_from(names), st.text(min_size=1, max_size=10)),
        parameter_values,
        max_size=4,
    )


def no_5xx(response, url, params):
    assert response.status_code < 500, (url, params, response.status_code)


# Every parameter at once with one kind of hostile value, for every route in every language:
# what a random draw might miss (a NUL in the one parameter that reaches the database).
# A NUL in every language (it reached the database in each); the others in English.
SWEEP_EVERY_LANGUAGE = ["a\x00b"]
SWEEPS = [*SWEEP_EVERY_LANGUAGE, HUGE, ["-1", "<script>alert(1)</script>" * 50]]


def sweep(client, url, names, values=SWEEPS):
    for value in values:
        params = dict.fromkeys(names, value)
        no_5xx(client.get(url, params), url, params)


def sweep_one_by_one(client, url, names, value="a\x00b"):
    # One parameter at a time too: a value refused by one filter can empty the results before
    # another parameter's value reaches the database.
    for name in names:
        params = {name: value}
        no_5xx(client.get(url, params), url, params)


@pytest.fixture
def fuzz_site(home, report_index, trust, council, decision_log, procedure):
    """A small live site: a report with a reply, topics, decisions, a request, the work plan,
    the register, a standard page and a document, with their search entries."""
    report = sent_report(
        report_index, [trust, council], D(2026, 3, 2), recommendations=2, title="Hospital food"
    )
    report.topics.add("hospital food", ")>")
    report.save_revision().publish()
    reply_to(report, trust, D(2026, 3, 20), outcomes={1: "accepted"})
    RecommendationsPageFactory(parent=home, slug="recommendations")
    TopicIndexPageFactory(parent=home)
    decision = DecisionPageFactory(parent=decision_log, title="Ask for figures")
    decision.topics.add("care homes")
    decision.save_revision().publish()
    requests = RequestsAndReferralsIndexPageFactory(parent=home)
    InformationRequestPageFactory(
        parent=requests,
        decision=DecisionPageFactory(
            parent=decision_log, kind=DecisionKind.INFORMATION_REQUEST, decided_on=D(2025, 3, 5)
        ),
    )
    plan = WorkPlanPageFactory(
        parent=WorkPlanIndexPageFactory(parent=home, slug="work-plan"), year_starting=2026
    )
    WorkPlanItemPageFactory(parent=plan)
    RegisterOfInterestsPageFactory(parent=home)
    StandardPageFactory(parent=home, slug="about")
    from django.core.files.base import ContentFile

    document = Document.objects.create(
        title="Report", file=ContentFile(pdf_with_text(["Found."]), name="report.pdf")
    )
    for page in (report, decision, *report.get_children()):
        record(page.pk)
    return {"document": document}


def resolver_routes(resolver=None, prefix=""):
    """Every public route of the URL configuration as a template ("search/",
    "publication-record/<int:page_id>/"); the admin and Wagtail's catch-all are left out
    (the pages stand in for the catch-all)."""
    routes = []
    for entry in (resolver or get_resolver()).url_patterns:
        pattern = str(entry.pattern)
        if pattern.startswith(("admin/", "^")):
            continue
        if isinstance(entry, URLResolver):
            routes += resolver_routes(entry, prefix + pattern)
        elif isinstance(entry, URLPattern):
            routes.append(prefix + pattern)
    return routes


def page_routes():
    """Every live page's path, and each routable page's subpages as templates."""
    routes = []
    for page in Page.objects.live().specific().exclude(depth=1):
        url = page.get_url()
        if not url:
            continue
        routes.append(url.lstrip("/"))
        if isinstance(page, RoutablePageMixin):
            for subpage in page.get_subpage_urls():
                routes.append(url.lstrip("/") + str(subpage.pattern))
    return routes


def fill(route, segment, number):
    """A route template with each converter given a hostile value."""

    def value(match):
        return number if match.group(1) == "int" else quote(segment, safe="")

    return re.sub(r"<(?:(\w+):)?\w+>", value, route)


def in_language(route, language):
    return "" if route.startswith(("sitemap", "documents/")) else language


def test_every_public_url_answers_hostile_parameters_without_a_5xx(client, fuzz_site):
    routes = sorted(set(resolver_routes() + page_routes()))
    document = fuzz_site["document"]
    routes.append(f"documents/{document.pk}/report.pdf")
    assert any(r.startswith("topics/") for r in routes) and "search/" in routes

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        route=st.sampled_from(routes),
        language=st.sampled_from(LANGUAGES),
        segment=hostile_segments,
        number=st.sampled_from([HUGE, "0", "1", str(document.pk), str(2**63), str(2**31)]),
        params=parameters(PUBLIC_PARAMETERS),
        odd_tail=st.one_of(st.none(), hostile_segments),
    )
    def fuzz(route, language, segment, number, params, odd_tail):
        url = f"{in_language(route, language)}/{fill(route, segment, number)}"
        if odd_tail is not None:
            url = url.rstrip("/") + "/" + quote(odd_tail, safe="") + "/"
        no_5xx(client.get(url, params), url, params)

    for route in routes:
        for language in LANGUAGES:
            url = f"{in_language(route, language)}/{fill(route, 'x', str(document.pk))}"
            sweep(client, url, PUBLIC_PARAMETERS, SWEEPS if not language else SWEEP_EVERY_LANGUAGE)
            if not language:
                sweep_one_by_one(client, url, PUBLIC_PARAMETERS)
    fuzz()


ADMIN_PARAMETERS = [
    "q",
    "p",
    "ordering",
    "content_type",
    "locale",
    "collection_id",
    "tag",
    "kind",
    "role",
    "search",
    "offset",
    "limit",
    "child_of",
    "descendant_of",
    "type",
    "fields",
    "order",
    "for_explorer",
    "id",
    "show_locale_labels",
    "has_child_pages",
    "owner",
    "live",
    "latest_revision_created_at_from",
    "export",
]


def test_the_admin_listings_answer_hostile_parameters_without_a_5xx(client, fuzz_site, people):
    as_user(client, people["editor"])
    report_index = Page.objects.get(slug="reports")
    urls = [
        "/admin/",
        f"/admin/pages/{report_index.pk}/",
        "/admin/pages/search/",
        "/admin/pages/",
        "/admin/api/main/pages/",
        "/admin/api/main/documents/",
        "/admin/api/main/images/",
        "/admin/snippets/linksite/organisation/",
        "/admin/snippets/linksite/person/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/documents/chooser/",
        "/admin/images/chooser/",
        "/admin/choose-page/",
        "/admin/choose-page/search/",
        "/admin/reports/site-history/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/workflows/list/",
        f"/admin/pages/{report_index.pk}/history/",
    ]

    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(url=st.sampled_from(urls), params=parameters(ADMIN_PARAMETERS))
    def fuzz(url, params):
        no_5xx(client.get(url, params), url, params)

    for url in urls:
        sweep(client, url, ADMIN_PARAMETERS)
    fuzz()
