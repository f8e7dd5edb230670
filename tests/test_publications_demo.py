"""The demo shows every reply status, an accountability view that adds up and a work plan.

Loading the demo takes seconds, so each test checks one whole promise of the issue's item 8.
"""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from wagtail.models import Locale

from linksite.clock import ReplyStatus
from publications.demo import DEMO_PDF_PHRASE
from publications.models import RecommendationOutcome, ReportPage, WorkPlanItemPage
from publications.replies import recipients_prefetch, with_replies

pytestmark = pytest.mark.django_db


def live_reports():
    """The English demo's reports (some are also translated)."""
    reports = ReportPage.objects.live().public().filter(locale=Locale.get_default())
    return with_replies(reports.prefetch_related(recipients_prefetch()))


def outcomes_given(report):
    return set(
        RecommendationOutcome.objects.filter(response__in=report.replies.values()).values_list(
            "outcome", flat=True
        )
    )


def test_the_demo_content_is_what_the_issue_lists(demo):
    reports = live_reports()
    assert len(reports) >= 6
    assert all(report.recommendations.exists() for report in reports)
    # An enter and view report with a real PDF.
    visit = next(r for r in reports if r.kind == ReportPage.Kind.ENTER_AND_VIEW)
    with visit.report_document.file.open("rb") as handle:
        assert "Willow Court" in PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    # A reply overdue, one late, one on time (and one not due yet).
    states = {r.reply_status().state for report in reports for r in report.owed}
    assert states == {
        ReplyStatus.AWAITING,
        ReplyStatus.OVERDUE,
        ReplyStatus.LATE,
        ReplyStatus.ON_TIME,
    }
    # One answered on time with mixed outcomes.
    assert any(
        [r.reply_status().state for r in report.owed] == [ReplyStatus.ON_TIME]
        and len(outcomes_given(report)) >= 3
        for report in reports
    )
    # A work plan with five items, in every state.
    items = WorkPlanItemPage.objects.live()
    assert items.count() == 5
    assert set(items.values_list("status", flat=True)) == set(WorkPlanItemPage.Status.values)


def test_the_demo_pages_show_every_report_with_its_reply_status(client, demo):
    html = client.get("/reports/").content.decode()
    assert html.count('<li class="report-summary">') == len(live_reports())
    for words in ("Awaiting reply (due", "Overdue by", "Replied late", "Replied on time"):
        assert words in html
    for url in ("/recommendations/", "/recommendations/csv/", "/work-plan/", "/reports/feed/"):
        assert client.get(url).status_code == 200


def test_the_demo_pdf_phrase_finds_the_three_year_old_report_by_provider_and_topic(client, demo):
    soup = BeautifulSoup(client.get("/search/", {"q": DEMO_PDF_PHRASE}).content, "html.parser")
    first = soup.select_one(".search-result")
    assert first.select_one("a").get_text() == "Patient transport to Aldermoor General Hospital"
    report_date = datetime.date.fromisoformat(first.select_one("time")["datetime"])
    assert (datetime.date.today() - report_date).days > 3 * 365
    organisation = next(
        a for a in soup.select("#facet-organisation ~ ul a") if "Primary Care" in a.get_text()
    )
    narrowed = client.get("/search/" + organisation["href"] + "&topic=transport")
    soup = BeautifulSoup(narrowed.content, "html.parser")
    assert [a.get_text() for a in soup.select(".search-result__title a")] == [
        "Patient transport to Aldermoor General Hospital"
    ]
