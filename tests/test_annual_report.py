"""The annual report (annual_report/): made from the year's records in one action, its
figures frozen into the draft and refreshed only while it is not live, approved like every
page, printed as a PDF, and due from April."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Sum
from wagtail.models import Locale, PageViewRestriction

from annual_report import due as due_module
from annual_report.due import annual_report_due
from annual_report.figures import compute
from annual_report.models import AnnualReportPage
from annual_report.starting import Refused, refresh_figures, start_annual_report
from annual_report.year import ReportingYear, parse_year
from decisions.models import (
    Authorisation,
    DecisionKind,
    DecisionPage,
    InformationRequestPage,
    VisitPage,
)
from linksite.demo import approve_through_workflow

from .admin_forms import as_user, refused

D = datetime.date
DEMO_YEAR = ReportingYear(2025)


def user(name):
    return get_user_model().objects.get(username=name)


def english(model):
    return model.objects.live().filter(locale=Locale.get_default())


def in_year(queryset, field, year):
    return queryset.filter(**{f"{field}__gte": year.starts_on, f"{field}__lte": year.ends_on})


def new_decision(index, slug, decided_on, kind=DecisionKind.ACTIVITIES, live=True, **fields):
    from decisions.models import ProcedurePage

    procedure = (
        ProcedurePage.objects.in_force(decided_on, kind).live().filter(locale=index.locale).first()
    )
    page = DecisionPage(
        procedure=procedure,
        title=f"Decision {slug}",
        slug=slug,
        kind=kind,
        decided_on=decided_on,
        decided_by="Steering group meeting",
        statement="<p>We decided.</p>",
        reasons="<p>Because.</p>",
        live=False,
        **fields,
    )
    index.add_child(instance=page)
    if live:
        approve_through_workflow(page)
    else:
        page.save_revision()
    return page


@pytest.fixture
def decision_index(demo):
    from decisions.models import DecisionIndexPage

    return DecisionIndexPage.objects.get(locale=Locale.get_default())


# The year ------------------------------------------------------------------------------


def test_a_reporting_year_runs_from_april_to_march_and_is_due_by_30_june():
    year = ReportingYear.containing(D(2027, 3, 31))
    assert (year.start_year, year.label) == (2026, "2026/27")
    assert (year.starts_on, year.ends_on, year.due_by) == (
        D(2026, 4, 1),
        D(2027, 3, 31),
        D(2027, 6, 30),
    )
    assert ReportingYear.containing(D(2027, 4, 1)).label == "2027/28"
    assert ReportingYear.last_complete(D(2027, 4, 1)).label == "2026/27"


@pytest.mark.parametrize("text", ["", "abc", "26", "2026/29", "2099", "2007", "2026-27"])
def test_a_year_that_is_not_one_a_report_can_be_started_for_is_refused_with_the_reason(text):
    with pytest.raises(ValueError) as refused:
        parse_year(text, D(2026, 12, 2))
    assert str(refused.value.args[0])


def test_a_year_is_given_as_its_first_calendar_year_or_its_label():
    assert parse_year("2026", D(2026, 12, 2)) == ReportingYear(2026)
    assert parse_year(" 2025/26 ", D(2026, 12, 2)) == ReportingYear(2025)
    assert parse_year("2025/2026", D(2026, 12, 2)) == ReportingYear(2025)


# The figures match the records ------------------------------------------------------------


def test_the_demos_report_on_its_last_complete_year_is_live_in_every_language(demo):
    reports = AnnualReportPage.objects.filter(start_year=2025)
    assert sorted(r.locale.language_code for r in reports if r.live) == ["bn", "en", "pl", "ur"]
    assert len({str(r.figures) for r in reports}) == 1, "translations carry the same figures"


def test_the_figures_count_the_years_live_records_and_nothing_else(demo):
    figures = AnnualReportPage.objects.get(start_year=2025, locale=Locale.get_default()).figures
    decisions = in_year(english(DecisionPage), "decided_on", DEMO_YEAR)
    assert figures["decisions"]["total"] == decisions.count() > 0
    for kind in figures["decisions"]["by_kind"]:
        assert kind["count"] == decisions.filter(kind=kind["kind"]).count()
        assert {i["title"] for i in kind["items"]} == set(
            decisions.filter(kind=kind["kind"]).values_list("title", flat=True)
        )
    spent = decisions.filter(kind=DecisionKind.SPENDING).aggregate(total=Sum("amount"))["total"]
    assert Decimal(figures["spending"]["total"]) == spent == Decimal("1200.00")
    requests = in_year(english(InformationRequestPage), "sent_on", DEMO_YEAR)
    assert [r["title"] for r in figures["information_requests"]] == list(
        requests.order_by("sent_on").values_list("title", flat=True)
    )
    visits = in_year(english(VisitPage), "visit_from", DEMO_YEAR)
    assert len(figures["visits"]) == visits.count() > 0
    authorised = {
        a.person.display_name
        for a in Authorisation.objects.filter(page__live=True, page__locale=Locale.get_default())
        if a.authorised_from <= DEMO_YEAR.ends_on
        and a.authorised_until >= DEMO_YEAR.starts_on
        and (a.revoked_on is None or a.revoked_on > DEMO_YEAR.starts_on)
    }
    assert {row["person"] for row in figures["authorised"]} == authorised != set()
    took_part = {p.display_name for d in decisions for p in d.took_part.all()}
    assert {row["person"] for row in figures["took_part"]} == took_part != set()


def test_drafts_private_pages_and_other_years_are_not_counted(demo, decision_index):
    before = compute(DEMO_YEAR)["decisions"]["total"]
    new_decision(decision_index, "a-draft", D(2025, 6, 1), live=False)
    new_decision(decision_index, "next-year", D(2026, 4, 1))
    private = new_decision(decision_index, "private", D(2025, 6, 2))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    counted = new_decision(decision_index, "counted", D(2026, 3, 31))
    figures = compute(DEMO_YEAR)
    assert figures["decisions"]["total"] == before + 1
    titles = [i["title"] for k in figures["decisions"]["by_kind"] for i in k["items"]]
    assert counted.title in titles
    assert not {"Decision a-draft", "Decision next-year", "Decision private"} & set(titles)


def test_spending_is_totalled_by_purpose(demo, decision_index):
    for slug, amount, purpose in [
        ("venue", "100.50", "running"),
        ("leaflets", "49.50", "running"),
        ("outreach", "300.00", "engagement"),
    ]:
        new_decision(
            decision_index,
            slug,
            D(2025, 10, 1),
            kind=DecisionKind.SPENDING,
            amount=Decimal(amount),
            spending_purpose=purpose,
        )
    spending = compute(DEMO_YEAR)["spending"]
    by_purpose = {row["purpose"]: row["amount"] for row in spending["by_purpose"]}
    assert by_purpose == {
        "engagement": "300.00",
        "accessible_information": "1200.00",
        "running": "150.00",
    }
    assert spending["total"] == "1650.00"


# Started in one action, frozen, refreshed while a draft ----------------------------------------


def test_an_editor_starts_the_report_in_one_action_and_gets_a_draft_with_the_figures(client, demo):
    as_user(client, user("editor"))
    response = client.post("/admin/annual-reports/start/", {"year": "2026"})
    page = AnnualReportPage.objects.get(start_year=2026)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live
    assert page.title == "Annual report 2026/27"
    assert page.figures == compute(ReportingYear(2026)) | {"made_on": page.figures["made_on"]}
    assert page.get_parent().specific_class.__name__ == "HomePage"


def test_the_admin_list_offers_to_start_the_year_now_running(client, demo):
    as_user(client, user("editor"))
    response = client.get("/admin/annual-reports/")
    assert response.status_code == 200
    label = ReportingYear.containing(datetime.date.today()).label
    assert f"Start the annual report for {label}" in response.content.decode()


@pytest.mark.parametrize("year", ["", "next year", "2099", "1999", "2025/27"])
def test_starting_with_a_bad_year_says_why_and_makes_nothing(client, demo, year):
    as_user(client, user("editor"))
    count = AnnualReportPage.objects.count()
    response = client.post("/admin/annual-reports/start/", {"year": year}, follow=True)
    assert response.status_code == 200
    assert AnnualReportPage.objects.count() == count
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_a_year_is_started_once(client, demo):
    as_user(client, user("editor"))
    client.post("/admin/annual-reports/start/", {"year": "2026"})
    response = client.post("/admin/annual-reports/start/", {"year": "2026"}, follow=True)
    assert AnnualReportPage.objects.filter(start_year=2026).count() == 1
    assert "was started already" in response.content.decode()


def test_starting_is_a_post_and_only_for_those_who_may_add_pages(client, demo):
    as_user(client, user("editor"))
    assert client.get("/admin/annual-reports/start/").status_code == 405
    for name in ("reviewer", "steering1"):
        as_user(client, user(name))
        assert refused(client.post("/admin/annual-reports/start/", {"year": "2026"}))
        assert refused(client.get("/admin/annual-reports/"))
    assert not AnnualReportPage.objects.filter(start_year=2026).exists()


def test_the_figures_are_frozen_until_refreshed(demo, decision_index):
    page = start_annual_report(ReportingYear(2026))
    before = page.figures["decisions"]["total"]
    new_decision(decision_index, "later", datetime.date.today())
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().figures["decisions"]["total"] == before
    refresh_figures(page, user=user("editor"))
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().figures["decisions"]["total"] == before + 1


def test_refreshing_keeps_the_narrative(demo):
    page = start_annual_report(ReportingYear(2026))
    draft = page.get_latest_revision_as_object()
    draft.introduction = "<p>Our words.</p>"
    draft.save_revision(user=user("editor"))
    refresh_figures(page, user=user("editor"))
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().introduction == "<p>Our words.</p>"


def test_a_live_reports_figures_cannot_be_refreshed(client, demo, decision_index):
    page = AnnualReportPage.objects.get(start_year=2025, locale=Locale.get_default())
    approved = page.figures
    new_decision(decision_index, "late-news", D(2025, 12, 1))
    with pytest.raises(Refused):
        refresh_figures(page)
    as_user(client, user("editor"))
    response = client.post(f"/admin/annual-reports/{page.pk}/refresh/")
    assert response.status_code == 200
    assert "the steering group approved" in response.content.decode()
    page.refresh_from_db()
    assert page.figures == approved
    assert page.get_latest_revision_as_object().figures == approved


def test_a_translations_figures_are_refreshed_only_on_the_original(demo):
    urdu = AnnualReportPage.objects.get(start_year=2025, locale__language_code="ur")
    urdu.live = False  # not saved: only the refusal's reason is looked at
    with pytest.raises(Refused) as refused:
        refresh_figures(urdu)
    assert "original" in str(refused.value.args[0])


def test_refreshing_in_the_admin_makes_a_new_version_of_the_draft(client, demo, decision_index):
    page = start_annual_report(ReportingYear(2026))
    revisions = page.revisions.count()
    new_decision(decision_index, "refresh-me", datetime.date.today())
    as_user(client, user("editor"))
    assert client.get(f"/admin/annual-reports/{page.pk}/refresh/").status_code == 200
    response = client.post(f"/admin/annual-reports/{page.pk}/refresh/")
    assert response.status_code == 302
    assert page.revisions.count() == revisions + 1
    page.refresh_from_db()
    titles = [
        i["title"]
        for k in page.get_latest_revision_as_object().figures["decisions"]["by_kind"]
        for i in k["items"]
    ]
    assert "Decision refresh-me" in titles


def test_refreshing_is_refused_to_those_who_cannot_edit_the_page(client, demo):
    from django.contrib.auth.models import Group

    from .factories import UserFactory

    page = start_annual_report(ReportingYear(2026))
    handler_only = UserFactory(username="handler-only")
    handler_only.groups.add(Group.objects.get(name="Experience handlers"))
    as_user(client, handler_only)
    assert refused(client.post(f"/admin/annual-reports/{page.pk}/refresh/"))
    assert client.post("/admin/annual-reports/999999/refresh/").status_code == 404


def test_figures_are_not_fields_an_editor_can_type(demo):
    form_class = AnnualReportPage.get_edit_handler().get_form_class()
    assert {"figures", "figures_made_at", "start_year"}.isdisjoint(form_class.base_fields)
    assert not AnnualReportPage.is_creatable


def test_refreshing_while_waiting_for_approval_starts_the_approval_again(client, demo):
    from .admin_forms import workflow_action

    page = start_annual_report(ReportingYear(2026), user=user("editor"))
    workflow = page.get_workflow()
    workflow.start(page, user("editor"))
    as_user(client, user("reviewer"))
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.current_workflow_task.name != "Editorial check"
    refresh_figures(page, user=user("editor"))
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Editorial check"
    assert not page.live


def test_the_command_starts_a_report_and_refuses_bad_input(demo):
    out = io.StringIO()
    call_command("start_annual_report", "2026", stdout=out)
    assert "Started Annual report 2026/27" in out.getvalue()
    assert AnnualReportPage.objects.filter(start_year=2026, live=False).count() == 1
    for bad in ("2026", "twenty", "2099"):
        with pytest.raises(CommandError):
            call_command("start_annual_report", bad, stdout=io.StringIO())


# The public page and its PDF ------------------------------------------------------------


def test_the_page_links_each_record_in_the_readers_language(client, demo):
    response = client.get("/ur/annual-report-2025-26/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a["href"] for a in soup.select("main a[href]")}
    visit = VisitPage.objects.live().get(locale__language_code="en", visit_from__year=2025)
    urdu_visit = visit.get_translation_or_none(Locale.objects.get(language_code="ur"))
    expected = urdu_visit if urdu_visit and urdu_visit.live else visit
    assert expected.url in links
    for a in soup.select("main ul a[href]"):
        if not a["href"].startswith("/ur/"):
            assert a.get("lang") == "en", a


def test_a_record_taken_down_since_is_named_but_no_longer_linked(client, demo):
    page = AnnualReportPage.objects.get(start_year=2025, locale=Locale.get_default())
    key = page.figures["information_requests"][0]["key"]
    request = InformationRequestPage.objects.get(translation_key=key, locale=page.locale)
    url = request.url
    for found in InformationRequestPage.objects.filter(translation_key=key):
        found.unpublish()
    content = client.get(page.url).content.decode()
    assert request.title in content
    assert f'href="{url}"' not in content


def test_taking_down_a_record_purges_the_annual_reports_that_name_it(demo):
    from linksite.front_cache import urls_that_show

    page = AnnualReportPage.objects.get(start_year=2025, locale=Locale.get_default())
    key = page.figures["visits"][0]["key"]
    visit = VisitPage.objects.get(translation_key=key, locale=page.locale)
    from urllib.parse import urlsplit

    paths = {urlsplit(url).path for url in urls_that_show(visit)}
    assert {"/annual-report-2025-26/", "/annual-report-2025-26/pdf/"} <= paths
    assert "/ur/annual-report-2025-26/" in paths


def test_each_chart_is_named_by_its_caption_and_has_its_table(client, demo):
    soup = BeautifulSoup(client.get("/annual-report-2025-26/").content, "html.parser")
    charts = soup.select("figure svg[role=img]")
    assert charts
    for svg in charts:
        caption = soup.find(id=svg["aria-labelledby"])
        assert caption is not None and caption.name == "figcaption"
        assert svg.find_parent("figure").find("table") is not None


def test_the_chart_of_replies_writes_each_count_on_its_bar(client, demo):
    soup = BeautifulSoup(client.get("/annual-report-2025-26/").content, "html.parser")
    svg = soup.find(id="replies-caption").find_parent("figure").svg
    values = [t.get_text() for t in svg.select("text.chart__value")]
    table = soup.find(id="replies-caption").find_parent("figure").table
    cells = [td.get_text() for td in table.select("tbody td") if td.get_text() != "0"]
    assert sorted(values) == sorted(cells)


def test_right_to_left_pages_draw_the_chart_mirrored(client, demo):
    english_svg = BeautifulSoup(client.get("/annual-report-2025-26/").content, "html.parser")
    urdu_svg = BeautifulSoup(client.get("/ur/annual-report-2025-26/").content, "html.parser")
    first = english_svg.select_one("svg.chart text")
    mirrored = urdu_svg.select_one("svg.chart text")
    assert first["text-anchor"] == "start" and mirrored["text-anchor"] == "end"


def pdf_text(content):
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_is_made_from_the_page_with_the_approval_line(client, demo):
    response = client.get("/annual-report-2025-26/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = re.sub(r"\s+", " ", pdf_text(response.content))
    assert "Annual report 2025/26" in text
    assert "Approved for publication by the steering group" in text
    assert "£1,200.00" in text


def test_the_pdf_prints_in_every_language(client, demo):
    for code in ("ur", "pl", "bn"):
        response = client.get(f"/{code}/annual-report-2025-26/pdf/")
        assert response.status_code == 200, code
        assert response.content.startswith(b"%PDF")


def test_a_draft_report_has_no_public_page_or_pdf(client, demo):
    page = start_annual_report(ReportingYear(2026))
    assert client.get(page.url or "/annual-report-2026-27/").status_code == 404
    assert client.get("/annual-report-2026-27/pdf/").status_code == 404


# Due from April ----------------------------------------------------------------------------


def test_from_april_the_report_on_the_year_just_ended_is_due_until_it_is_live(demo):
    due = annual_report_due(D(2027, 4, 1))
    assert due.year == ReportingYear(2026) and not due.late and due.report is None
    assert annual_report_due(D(2027, 7, 1)).late
    assert annual_report_due(D(2026, 5, 1)) is None  # 2025/26 is live in the demo
    names = {o.name for o in due.recipients}
    assert "Aldermoor Health Overview and Scrutiny Committee" in names
    assert "NHS Aldermoor Primary Care Trust" in names
    assert "Brookside Care Homes Ltd" not in names


def test_editors_see_on_the_dashboard_that_it_is_due_and_who_gets_it(client, demo, monkeypatch):
    monkeypatch.setattr(due_module, "current_date", lambda: D(2027, 5, 3))
    as_user(client, user("editor"))
    content = client.get("/admin/").content.decode()
    assert "The annual report for 2026/27 is due by 30 June 2027" in content
    assert "Start the annual report for 2026/27" in content
    assert "Aldermoor Health Overview and Scrutiny Committee" in content


def test_the_editor_shows_the_figures_panel_with_its_refresh_action(client, demo):
    page = start_annual_report(ReportingYear(2026))
    as_user(client, user("editor"))
    content = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Figures from the records" in content
    assert f"/admin/annual-reports/{page.pk}/refresh/" in content
    live = AnnualReportPage.objects.get(start_year=2025, locale=Locale.get_default())
    content = client.get(f"/admin/pages/{live.pk}/edit/").content.decode()
    assert f"/admin/annual-reports/{live.pk}/refresh/" not in content


def test_the_api_serves_the_live_annual_reports_and_never_a_draft(client, demo):
    start_annual_report(ReportingYear(2026))
    listed = client.get("/api/v1/annual-reports", {"language": "en"}).json()["items"]
    assert [r["year"] for r in listed] == ["2025/26"]
    assert listed[0]["spending"]["amount"] == "1200.00"
    assert client.get("/api/v1/annual-reports", {"year": "2026"}).json()["items"] == []
    assert client.get("/api/v1/annual-reports", {"year": "soon"}).status_code == 400
