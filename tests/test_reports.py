"""Reports: the replies each recipient owes, the report index and the report page."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction, Workflow

from linksite.clock import ReplyStatus
from linksite.models import DeclaredInterest
from linksite.simple_pdf import pdf_with_text
from linksite.workflow import approval_barrier
from publications.models import (
    RecommendationOutcome,
    ReportIndexPage,
    ReportPage,
    ReportRecipient,
    ResponsePage,
)

from .admin_forms import as_user, edit_url
from .factories import reply_to, sent_report
from .publications_forms import add_report_url, queries_to_get, report_form_data

pytestmark = pytest.mark.django_db

D = datetime.date
Outcome = RecommendationOutcome.Outcome


def recipient_of(report, organisation):
    return ReportRecipient.objects.get(page=report, organisation=organisation)


# The replies owed, on the one shared clock


def test_a_report_sent_before_christmas_is_awaiting_on_its_due_date_and_overdue_the_next_day(
    report_index, trust
):
    # Sent Monday 7 December 2026: 25, 28 December and 1 January are not working days.
    recipient = recipient_of(sent_report(report_index, [trust], D(2026, 12, 7)), trust)
    on_due = recipient.reply_status(today=D(2027, 1, 6))
    after = recipient.reply_status(today=D(2027, 1, 7))
    assert (on_due.state, str(on_due.label)) == (
        ReplyStatus.AWAITING,
        "Awaiting reply (due 6 January 2027)",
    )
    assert (after.state, str(after.label)) == (ReplyStatus.OVERDUE, "Overdue by 1 working day")


def test_christmas_week_does_not_count_towards_overdue(report_index, trust):
    recipient = recipient_of(sent_report(report_index, [trust], D(2026, 11, 27)), trust)
    assert recipient.due_by == D(2026, 12, 24)
    # 25, 26-27 (weekend) and 28 (Boxing Day substitute) are not working days.
    assert recipient.reply_status(today=D(2026, 12, 28)).state == ReplyStatus.AWAITING
    assert str(recipient.reply_status(today=D(2026, 12, 29)).label) == "Overdue by 1 working day"


def test_a_reply_on_the_due_date_after_christmas_is_on_time(report_index, trust):
    report = sent_report(report_index, [trust], D(2025, 12, 5))
    reply_to(report, trust, D(2026, 1, 6))
    assert str(recipient_of(report, trust).reply_status().label) == "Replied on time"


def test_a_reply_the_working_day_after_the_due_date_is_late(report_index, trust):
    report = sent_report(report_index, [trust], D(2025, 12, 5))
    reply_to(report, trust, D(2026, 1, 7))
    assert str(recipient_of(report, trust).reply_status().label) == "Replied late (1 working day)"


def test_an_agreed_longer_period_moves_the_due_date(report_index, trust):
    report = sent_report(report_index, [trust], D(2025, 12, 5), reply_within=30)
    reply_to(report, trust, D(2026, 1, 7))
    recipient = recipient_of(report, trust)
    assert recipient.due_by == D(2026, 1, 20)
    assert str(recipient.reply_status().label) == "Replied on time"


def test_a_draft_reply_does_not_count_as_a_reply(report_index, trust):
    report = sent_report(report_index, [trust], D(2025, 12, 5))
    reply_to(report, trust, D(2026, 1, 6), live=False)
    status = recipient_of(report, trust).reply_status()
    assert status.state == ReplyStatus.OVERDUE and not status.answered


def test_a_reply_to_another_report_does_not_answer_this_one(report_index, trust):
    first = sent_report(report_index, [trust], D(2025, 12, 5))
    second = sent_report(report_index, [trust], D(2025, 12, 5))
    reply_to(second, trust, D(2026, 1, 6))
    assert recipient_of(first, trust).reply_status().state == ReplyStatus.OVERDUE
    assert recipient_of(second, trust).reply_status().state == ReplyStatus.ON_TIME


# The report index


def titles_in(html, titles):
    """The titles from `titles` that appear in `html`, in the order they appear."""
    found = [(html.find(f">{title}<"), title) for title in titles]
    return [title for position, title in sorted(found) if position >= 0]


def test_the_index_lists_reports_newest_first_with_each_recipients_status(
    client, report_index, trust, council
):
    older = sent_report(
        report_index, [trust], D(2025, 12, 5), title="Older", report_date=D(2025, 12, 1)
    )
    newer = sent_report(
        report_index, [trust, council], D(2026, 2, 2), title="Newer", report_date=D(2026, 2, 1)
    )
    reply_to(older, trust, D(2026, 1, 7))
    reply_to(newer, council, D(2026, 2, 5))
    html = client.get("/reports/").content.decode()
    assert titles_in(html, ["Older", "Newer"]) == ["Newer", "Older"]
    assert "Replied late (1 working day)" in html
    assert "Replied on time" in html
    assert "Overdue by" in html  # the trust never answered the newer report
    assert html.count('class="status status--') == 3


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kind=enter_and_view", ["Visit"]),
        ("year=2025", ["Old"]),
        ("care_sector=social_care", ["Visit"]),
        ("care_sector=both", ["Joint"]),
        ("organisation={council}", ["Joint"]),
        ("kind=engagement&year=2026", ["Joint"]),
        ("year=1999", ["Old", "Joint", "Visit"]),  # a stale value is ignored
    ],
)
def test_the_index_filters_by_kind_year_organisation_and_care_sector(
    client, report_index, trust, council, query, expected
):
    sent_report(report_index, [trust], D(2025, 6, 2), title="Old", report_date=D(2025, 6, 1))
    sent_report(
        report_index,
        [trust, council],
        D(2026, 3, 2),
        title="Joint",
        report_date=D(2026, 3, 1),
        care_sector="both",
    )
    sent_report(
        report_index,
        [trust],
        D(2026, 5, 4),
        title="Visit",
        report_date=D(2026, 5, 1),
        kind=ReportPage.Kind.ENTER_AND_VIEW,
        care_sector="social_care",
    )
    html = client.get("/reports/?" + query.format(council=council.pk)).content.decode()
    assert sorted(titles_in(html, ["Old", "Joint", "Visit"])) == sorted(expected)


def test_the_index_is_paginated_and_keeps_the_filters(client, report_index, trust, monkeypatch):
    monkeypatch.setattr(ReportIndexPage, "reports_per_page", 2)
    for day in range(1, 6):
        sent_report(
            report_index,
            [trust],
            D(2026, 3, day),
            title=f"March {day}",
            report_date=D(2026, 3, day),
        )
    html = client.get("/reports/?year=2026&page=2").content.decode()
    assert titles_in(html, [f"March {day}" for day in range(1, 6)]) == ["March 3", "March 2"]
    assert "?year=2026&amp;page=3" in html


def filter_form(html):
    return html.split('<form class="filters"')[1].split("</form>")[0]


def test_the_filters_offer_a_new_year_and_organisation_as_soon_as_a_report_is_published(
    client, report_index, trust, council
):
    sent_report(report_index, [trust], D(2026, 3, 2), report_date=D(2026, 3, 1))
    form = filter_form(client.get("/reports/").content.decode())  # kept for this edition
    assert council.name not in form and ">2019<" not in form
    report = sent_report(
        report_index, [council], D(2019, 6, 3), report_date=D(2019, 6, 1), live=False
    )
    report.save_revision().publish()
    form = filter_form(client.get("/reports/").content.decode())
    assert council.name in form and ">2019<" in form
    html = client.get(f"/reports/?organisation={council.pk}").content.decode()
    assert titles_in(html, [report.title]) == [report.title]


@pytest.mark.parametrize(
    "query, selected",
    [("", None), ("year=2026", "2026"), ("year=abcd", None), ("year=1999", None)],
)
def test_the_filter_form_shows_what_was_chosen_whatever_was_asked_before(
    client, report_index, trust, query, selected
):
    sent_report(report_index, [trust], D(2026, 3, 2), report_date=D(2026, 3, 1))
    for earlier in ("year=abcd", "year=2026", ""):
        client.get("/reports/?" + earlier)
    form = filter_form(client.get("/reports/?" + query).content.decode())
    year = form.split('name="year"')[1].split("</select>")[0]
    shown = [o.split('"')[1] for o in year.split("<option value=")[1:] if "selected" in o]
    assert shown == ([selected] if selected else [""])


def test_drafts_private_reports_and_unpublished_edits_never_appear_in_the_index(
    client, report_index, trust
):
    sent_report(report_index, [trust], D(2026, 3, 2), title="Published")
    sent_report(report_index, [trust], D(2026, 3, 2), title="Never published", live=False)
    private = sent_report(report_index, [trust], D(2026, 3, 2), title="Members only")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    edited = sent_report(report_index, [trust], D(2026, 3, 2), title="Live title")
    edited.title = "Unapproved new title"
    edited.save_revision()
    html = client.get("/reports/").content.decode()
    assert "Published" in html and "Live title" in html
    for hidden in ("Never published", "Members only", "Unapproved new title"):
        assert hidden not in html
    assert "2 reports." in html


def test_the_index_runs_the_same_number_of_queries_for_5_and_50_reports(
    client, report_index, trust, council
):
    def add_reports(count):
        for n in range(count):
            report = sent_report(report_index, [trust, council], D(2026, 3, 2), recommendations=2)
            if n % 2:
                reply_to(report, trust, D(2026, 3, 20), outcomes={1: Outcome.ACCEPTED})

    add_reports(5)
    with_5 = queries_to_get(client, "/reports/")
    add_reports(45)
    assert queries_to_get(client, "/reports/") == with_5
    assert queries_to_get(client, f"/reports/?organisation={trust.pk}&page=2") <= with_5 + 1


# The report page


def test_the_report_page_takes_the_same_queries_for_1_and_20_recipients_and_recommendations(
    client, report_index
):
    from .factories import OrganisationFactory

    def report_to(count, slug):
        organisations = [OrganisationFactory(name=f"{slug} organisation {n}") for n in range(count)]
        report = sent_report(
            report_index, organisations, D(2026, 3, 2), recommendations=count, slug=slug
        )
        for organisation in organisations:
            reply_to(report, organisation, D(2026, 3, 20), outcomes={})
        return report.url

    one, twenty = report_to(1, "small"), report_to(20, "large")
    assert queries_to_get(client, twenty) == queries_to_get(client, one)


def test_the_report_page_shows_each_recommendations_outcome_next_to_it(
    client, report_index, trust, council
):
    report = sent_report(report_index, [trust, council], D(2025, 12, 5), recommendations=4)
    reply_to(
        report,
        trust,
        D(2026, 1, 6),
        outcomes={1: (Outcome.ACCEPTED, "We agree."), 3: (Outcome.NOT_ACCEPTED, "No money.")},
        title="Reply from the trust",
    )
    html = client.get(report.url).content.decode()
    sections = html.split('class="recommendation"')[1:]
    assert len(sections) == 4
    assert "Recommendation 1." in sections[0] and "Accepted" in sections[0]
    assert "We agree." in sections[0]
    assert "Awaiting reply" in sections[1]  # addressed to the council, which has not replied
    assert "Not accepted" in sections[2] and "No money." in sections[2]
    assert "Awaiting reply" in sections[3]
    assert "Reply from the trust" in html
    assert "Replied on time" in html


def test_a_recommendation_left_out_of_a_reply_is_not_answered(client, report_index, trust):
    report = sent_report(report_index, [trust], D(2025, 12, 5), recommendations=2)
    reply_to(report, trust, D(2026, 1, 6), outcomes={1: Outcome.ACCEPTED})
    html = client.get(report.url).content.decode()
    second = html.split('id="recommendation-2"')[1]
    assert 'outcome--not_answered">Not answered<' in second


def test_the_report_page_shows_sent_on_and_due_by_for_each_recipient(client, report_index, trust):
    report = sent_report(report_index, [trust], D(2025, 12, 5))
    html = client.get(report.url).content.decode()
    assert "5 December 2025" in html and "6 January 2026" in html


def test_a_report_concerns_the_organisations_it_was_sent_to(report_index, trust, council, agency):
    report = sent_report(report_index, [trust, council], D(2026, 3, 2))
    assert set(report.concerned_organisations()) == {trust, council}
    # The workflow asks a revision: its recipients are held in memory, not in the database.
    report.recipients.add(ReportRecipient(organisation=agency, sent_on=D(2026, 3, 2)))
    revision = report.save_revision()
    assert set(revision.as_object().concerned_organisations()) == {trust, council, agency}


def test_a_steering_member_with_an_interest_in_a_recipient_cannot_approve_the_report(
    report_index, trust, people
):
    report = sent_report(report_index, [trust], D(2026, 3, 2), live=False)
    DeclaredInterest.objects.create(
        person=people["steering1"].link_person,
        organisation=trust,
        nature=DeclaredInterest.Nature.EMPLOYMENT,
        declared_on=D(2026, 1, 1),
    )
    report.save_revision(user=people["editor"])
    Workflow.objects.get(name="LINk publication approval").start(report, people["editor"])
    report.refresh_from_db()
    state = report.current_workflow_task_state
    state.task.specific.on_action(state, people["reviewer"], "approve")
    report.refresh_from_db()
    state = report.current_workflow_task_state
    assert "Testshire Hospitals NHS Trust" in str(approval_barrier(state, people["steering1"]))
    assert approval_barrier(state, people["steering2"]) is None


# Editing a report in the admin


def test_an_editor_adds_a_report_with_recipients_recommendations_and_topics(
    client, report_index, trust, people
):
    pdf = Document(title="Hospital food")
    pdf.file.save("hospital-food.pdf", ContentFile(pdf_with_text(["Hospital food"])), save=False)
    pdf.save()
    as_user(client, people["editor"])
    response = client.post(
        add_report_url(report_index),
        report_form_data(
            recipients=[(trust, "2026-11-02", 25)],
            recommendations=[(1, trust, "Serve hot food hot.")],
            report_document=str(pdf.pk),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    report = ReportPage.objects.get(slug="hospital-food")
    assert not report.live and report.report_document == pdf
    assert [(r.organisation, r.reply_within) for r in report.recipients.all()] == [(trust, 25)]
    assert [r.text for r in report.recommendations.all()] == ["Serve hot food hot."]
    assert sorted(t.name for t in report.topics.all()) == ["food", "hospitals"]


def test_an_editor_changes_a_recommendation_of_a_live_report(client, report_index, trust, people):
    report = sent_report(
        report_index, [trust], D(2026, 3, 2), recommendations=1, slug="hospital-food"
    )
    recipient, recommendation = report.recipients.get(), report.recommendations.get()
    as_user(client, people["editor"])
    data = report_form_data(
        report_date="2026-03-02",
        recipients=[
            {
                # Exactly as the editor renders it: an untouched row has not changed.
                "id": recipient.pk,
                "organisation": trust.pk,
                "sent_on": "2026-03-02",
                "reply_within": 20,
                "ORDER": "1",
            }
        ],
        recommendations=[
            {
                "id": recommendation.pk,
                "number": 1,
                "organisation": trust.pk,
                "text": "Better words.",
            }
        ],
    )
    response = client.post(edit_url(report), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report.refresh_from_db()
    draft = report.get_latest_revision_as_object()
    assert [r.text for r in draft.recommendations.all()] == ["Better words."]
    assert report.recommendations.get().text == "Recommendation 1."  # live until approved


def refused_report(response, message):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportPage.objects.filter(slug="hospital-food").exists()


def test_a_recommendation_to_an_organisation_the_report_is_not_sent_to_is_refused(
    client, report_index, trust, council, people
):
    as_user(client, people["editor"])
    response = client.post(
        add_report_url(report_index),
        report_form_data(
            recipients=[(trust, "2026-11-02", 20)],
            recommendations=[(1, council, "Assess people before they leave.")],
        ),
    )
    refused_report(response, "The report is not sent to Testshire Council Adult Social Care.")


def test_the_same_organisation_twice_in_sent_to_is_refused(client, report_index, trust, people):
    as_user(client, people["editor"])
    response = client.post(
        add_report_url(report_index),
        report_form_data(recipients=[(trust, "2026-11-02", 20), (trust, "2026-11-03", 20)]),
    )
    refused_report(
        response, "The report is already listed as sent to Testshire Hospitals NHS Trust."
    )


def test_two_recommendations_with_the_same_number_are_refused(client, report_index, trust, people):
    as_user(client, people["editor"])
    response = client.post(
        add_report_url(report_index),
        report_form_data(
            recipients=[(trust, "2026-11-02", 20)],
            recommendations=[(1, trust, "One."), (1, trust, "Also one.")],
        ),
    )
    refused_report(response, "Another recommendation is already number 1.")


def test_a_report_document_that_is_not_a_pdf_is_refused(client, report_index, people):
    document = Document(title="Notes")
    document.file.save("notes.txt", ContentFile(b"Some notes."), save=False)
    document.save()
    as_user(client, people["editor"])
    response = client.post(
        add_report_url(report_index), report_form_data(report_document=str(document.pk))
    )
    refused_report(response, "Attach the report itself as a PDF.")


def test_a_report_slug_used_by_the_index_routes_is_refused(client, report_index, trust, people):
    as_user(client, people["editor"])
    response = client.post(add_report_url(report_index), report_form_data(slug="replies"))
    assert response.status_code == 200
    assert "is kept for the report list" in response.content.decode()
    assert not ReportPage.objects.exists()


def test_removing_a_recommendation_a_reply_has_answered_is_refused(
    client, report_index, trust, people
):
    report = sent_report(
        report_index, [trust], D(2026, 3, 2), recommendations=2, slug="hospital-food"
    )
    reply_to(report, trust, D(2026, 3, 20), outcomes={2: Outcome.ACCEPTED})
    recipient = report.recipients.get()
    first, second = report.recommendations.order_by("number")
    as_user(client, people["editor"])
    data = report_form_data(
        recipients=[
            {
                # Exactly as the editor renders it: an untouched row has not changed.
                "id": recipient.pk,
                "organisation": trust.pk,
                "sent_on": "2026-03-02",
                "reply_within": 20,
                "ORDER": "1",
            }
        ],
        recommendations=[
            {"id": first.pk, "number": 1, "organisation": trust.pk, "text": "Recommendation 1."},
            {
                "id": second.pk,
                "number": 2,
                "organisation": trust.pk,
                "text": "Gone.",
                "DELETE": "1",
            },
        ],
    )
    response = client.post(edit_url(report), data)
    assert response.status_code == 200
    assert "Recommendation 2 cannot be removed" in response.content.decode()
    assert report.get_latest_revision() is None
    assert report.recommendations.count() == 2


def test_removing_an_organisation_that_has_replied_is_refused(
    client, report_index, trust, council, people
):
    report = sent_report(
        report_index, [trust, council], D(2026, 3, 2), recommendations=0, slug="hospital-food"
    )
    reply_to(report, council, D(2026, 3, 20), title="The council's reply")
    kept, removed = report.recipients.order_by("sort_order")
    as_user(client, people["editor"])
    data = report_form_data(
        recipients=[
            {"id": kept.pk, "organisation": trust.pk, "sent_on": "2026-03-02", "reply_within": 20},
            {
                "id": removed.pk,
                "organisation": council.pk,
                "sent_on": "2026-03-02",
                "reply_within": 20,
                "DELETE": "1",
            },
        ],
    )
    response = client.post(edit_url(report), data)
    assert response.status_code == 200
    assert "its reply" in response.content.decode() and "The council&#x27;s reply" in (
        response.content.decode()
    )
    assert report.get_latest_revision() is None


# Where each page type may go


@pytest.mark.parametrize(
    "child, parent, allowed",
    [
        ("ReportIndexPage", "HomePage", True),
        ("ReportPage", "ReportIndexPage", True),
        ("ReportPage", "HomePage", False),
        ("ResponsePage", "ReportPage", True),
        ("ResponsePage", "ReportIndexPage", False),
        ("RecommendationsPage", "HomePage", True),
        ("WorkPlanIndexPage", "HomePage", True),
        ("WorkPlanPage", "WorkPlanIndexPage", True),
        ("WorkPlanPage", "HomePage", False),
        ("WorkPlanItemPage", "WorkPlanPage", True),
        ("WorkPlanItemPage", "HomePage", False),
    ],
)
def test_publications_page_types_fit_only_where_they_belong(child, parent, allowed):
    from django.apps import apps

    def model(name):
        for app in ("publications", "home"):
            try:
                return apps.get_model(app, name)
            except LookupError:
                continue
        raise LookupError(name)

    assert (model(parent) in model(child).allowed_parent_page_models()) is allowed


def test_a_response_page_has_no_children_and_reports_hold_only_responses():
    assert ResponsePage.allowed_subpage_models() == []
    assert ReportPage.allowed_subpage_models() == [ResponsePage]
