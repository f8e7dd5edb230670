"""The work plan: a page per year, its items, their outcomes and links, and progress at a glance."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publications.models import WorkPlanItemPage, WorkPlanLink, WorkPlanOutcome, WorkPlanPage

from .admin_forms import add_url, as_user, link_page_formsets
from .factories import (
    PersonFactory,
    WorkPlanIndexPageFactory,
    WorkPlanItemPageFactory,
    WorkPlanPageFactory,
    sent_report,
)
from .publications_forms import queries_to_get

pytestmark = pytest.mark.django_db

D = datetime.date
Status = WorkPlanItemPage.Status
Progress = WorkPlanOutcome.Progress


@pytest.fixture
def work_plan_index(home):
    return WorkPlanIndexPageFactory(parent=home, slug="work-plan")


@pytest.fixture
def plan(work_plan_index):
    return WorkPlanPageFactory(parent=work_plan_index, year_starting=2026, slug="2026-27")


def item(plan, status=Status.ACTIVE, outcomes=(), **fields):
    if status == Status.DROPPED:
        fields.setdefault("dropped_reason", "Someone else is doing it.")
    return WorkPlanItemPageFactory(
        parent=plan,
        status=status,
        outcomes=[
            WorkPlanOutcome(measure=f"Measure {n}", target="Some", progress=progress, result="Done")
            for n, progress in enumerate(outcomes)
        ],
        **fields,
    )


def progress_in(html):
    return {
        status: int(count)
        for status, count in re.findall(
            r'work-status--(\w+)">[^<]+</span></dt><dd>(\d+)</dd>', html
        )
    }


def test_the_work_plan_shows_progress_at_a_glance(client, plan):
    item(plan, Status.ACTIVE, outcomes=[Progress.MET, Progress.PENDING])
    item(plan, Status.ACTIVE)
    item(plan, Status.COMPLETED, outcomes=[Progress.MET, Progress.NOT_MET])
    item(plan, Status.PROPOSED)
    item(plan, Status.DROPPED)
    item(plan, Status.COMPLETED, title="A draft", live=False)
    html = client.get("/work-plan/2026-27/").content.decode()
    assert progress_in(html) == {"proposed": 1, "active": 2, "completed": 1, "dropped": 1}
    assert "2 of 4 measurable outcomes met so far (3 measured)." in html
    assert "A draft" not in html


def test_the_progress_bar_draws_each_status_in_turn_without_inline_style(client, plan):
    item(plan, Status.ACTIVE)
    item(plan, Status.ACTIVE)
    item(plan, Status.COMPLETED)
    html = client.get("/work-plan/2026-27/").content.decode()
    parts = re.findall(r'work-status--(\w+)" x="(\d+)" y="0" width="(\d+)"', html)
    assert parts == [("active", "0", "2"), ("completed", "2", "1")]
    assert 'viewBox="0 0 3 1"' in html
    assert " style=" not in html


def test_the_index_lists_each_years_plan_newest_first_with_its_progress(
    client, work_plan_index, plan
):
    later = WorkPlanPageFactory(parent=work_plan_index, year_starting=2027, slug="2027-28")
    item(plan, Status.COMPLETED)
    item(later, Status.PROPOSED)
    item(later, Status.PROPOSED)
    html = client.get("/work-plan/").content.decode()
    assert html.index("Work plan 2027/28") < html.index("Work plan 2026/27")
    later_part, earlier_part = html.split("Work plan 2026/27</a>")
    assert progress_in(later_part)["proposed"] == 2
    assert progress_in(earlier_part)["completed"] == 1


def test_a_years_label_and_dates_run_april_to_march(plan):
    assert plan.year_label == "2026/27"
    assert (plan.starts_on, plan.ends_on) == (D(2026, 4, 1), D(2027, 3, 31))
    assert WorkPlanPage.label_for(2099) == "2099/00"


def test_a_dropped_item_shows_why_it_was_dropped(client, plan):
    dropped = item(plan, Status.DROPPED, dropped_reason="The committee is reviewing it.")
    html = client.get(dropped.url).content.decode()
    assert "Why we dropped this work" in html and "The committee is reviewing it." in html


def test_an_item_links_only_to_live_public_pages_with_their_kind(client, plan, report_index, trust):
    shown = sent_report(report_index, [trust], D(2026, 3, 2), title="Shown report")
    draft = sent_report(report_index, [trust], D(2026, 3, 2), title="Draft report", live=False)
    private = sent_report(report_index, [trust], D(2026, 3, 2), title="Private report")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    work = item(plan, links=[WorkPlanLink(page=p) for p in (shown, draft, private)])
    html = client.get(work.url).content.decode()
    assert 'Shown report</a> <span class="meta">(Report)</span>' in html
    assert "Draft report" not in html and "Private report" not in html


# Refused in the editor


def item_form_data(lead, **overrides):
    fields = {
        "title": "Dentistry",
        "slug": "dentistry",
        "summary": "NHS dentists for adults.",
        "status": "active",
        "care_sector": "health",
        "dropped_reason": "",
        "lead": lead.pk,
        "starts_on": "2026-04-01",
        "ends_on": "2026-09-30",
        "people_affected": "Thousands.",
        "harm": "Pain.",
        "inequality": "",
        "priority": "national",
        "body": streamfield([("paragraph", rich_text("<p>What we will do.</p>"))]),
        "outcomes": inline_formset(
            [{"measure": "People heard", "target": "100", "progress": "pending", "result": ""}]
        ),
        "links": inline_formset([]),
        **link_page_formsets(),
    }
    fields.update(overrides)
    return nested_form_data(fields)


def post_item(client, people, plan, **overrides):
    as_user(client, people["editor"])
    return client.post(
        add_url(plan, model="workplanitempage", app="publications"),
        item_form_data(PersonFactory(), **overrides),
    )


def test_an_editor_adds_a_work_plan_item(client, people, plan):
    response = post_item(client, people, plan)
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = WorkPlanItemPage.objects.get(slug="dentistry")
    assert [o.measure for o in saved.outcomes.all()] == ["People heard"]


def test_dropping_an_item_without_a_reason_is_refused(client, people, plan):
    response = post_item(client, people, plan, status="dropped")
    assert response.status_code == 200
    assert "Say why the work was dropped." in response.content.decode()
    assert not WorkPlanItemPage.objects.exists()


def test_an_item_that_ends_before_it_starts_is_refused(client, people, plan):
    response = post_item(client, people, plan, ends_on="2026-03-01")
    assert "The work cannot end before it starts." in response.content.decode()
    assert not WorkPlanItemPage.objects.exists()


def test_an_outcome_marked_met_without_a_result_is_refused(client, people, plan):
    outcomes = inline_formset(
        [{"measure": "People heard", "target": "100", "progress": "met", "result": ""}]
    )
    response = post_item(client, people, plan, outcomes=outcomes)
    assert "Say what the result was." in response.content.decode()
    assert not WorkPlanItemPage.objects.exists()


def test_a_second_work_plan_for_the_same_year_is_refused(client, people, work_plan_index, plan):
    as_user(client, people["editor"])
    response = client.post(
        add_url(work_plan_index, model="workplanpage", app="publications"),
        nested_form_data(
            {
                "title": "Work plan again",
                "slug": "again",
                "year_starting": 2026,
                "introduction": rich_text(""),
                **link_page_formsets(),
            }
        ),
    )
    assert response.status_code == 200
    assert "There is already a work plan for 2026/27." in response.content.decode()
    assert WorkPlanPage.objects.count() == 1


def test_the_work_plan_and_its_index_run_the_same_number_of_queries_for_5_and_50_items(
    client, plan
):
    def add_items(count):
        for n in range(count):
            item(plan, list(Status)[n % 4], outcomes=[Progress.MET, Progress.PENDING])

    add_items(5)
    page_with_5 = queries_to_get(client, "/work-plan/2026-27/")
    index_with_5 = queries_to_get(client, "/work-plan/")
    add_items(45)
    assert queries_to_get(client, "/work-plan/2026-27/") == page_with_5
    assert queries_to_get(client, "/work-plan/") == index_with_5
