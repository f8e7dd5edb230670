"""Who may approve, reject or take down a page: nobody who wrote it, submitted it, or has a
declared interest in anything it is about, however the page names it. Each case through the
admin's real views as the user it concerns, then checked on the public site."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page

from decisions.models import Authorisation, DecisionKind
from home.models import StandardPage
from linksite.about import every_page_type_says_what_it_is_about
from linksite.models import DeclaredInterest
from linksite.pages import LinkPage
from linksite.workflow import SteeringApproval
from publications.models import ReportPage
from search.entries import SearchEntry

from .admin_forms import (
    as_user,
    edit_url,
    refused,
    standard_page_data,
    through_editorial_check,
    workflow_action,
)
from .decisions_support import visit_form
from .factories import (
    DecisionPageFactory,
    WorkPlanIndexPageFactory,
    WorkPlanItemPageFactory,
    WorkPlanPageFactory,
    reply_to,
    sent_report,
)
from .publications_forms import add_report_url, report_form_data

D = datetime.date
pytestmark = pytest.mark.django_db


def declare(user, organisation, nature="family"):
    return DeclaredInterest.objects.create(
        person=user.link_person,
        organisation=organisation,
        nature=nature,
        declared_on=D(2026, 1, 1),
    )


def submit_visit_report(client, people, report_index, council, visit):
    as_user(client, people["editor"]).post(
        add_report_url(report_index),
        report_form_data(
            "Ward 1 visit",
            "ward-1-visit",
            kind="enter_and_view",
            visit=str(visit.pk),
            recipients=[(council, "2026-11-02", 20)],
            **{"action-submit": "1"},
        ),
    )
    return ReportPage.objects.get(slug="ward-1-visit")


# What a page is about


def test_a_visit_report_sent_only_to_the_council_is_about_the_visited_provider(
    client,
    people,
    report_index,
    council,
    provider,
    provider_visit,
):
    report = submit_visit_report(client, people, report_index, council, provider_visit)
    assert set(report.get_latest_revision_as_object().concerned_organisations()) == {
        council,
        provider,
    }


def test_a_member_with_a_family_interest_in_the_visited_provider_cannot_approve_the_report(
    client,
    people,
    report_index,
    council,
    provider,
    provider_visit,
):
    declare(people["steering1"], provider, "family")
    report = submit_visit_report(client, people, report_index, council, provider_visit)
    through_editorial_check(client, report, people)
    response = workflow_action(as_user(client, people["steering1"]), report, "approve")
    assert refused(response)
    assert not SteeringApproval.objects.filter(user=people["steering1"]).exists()
    told = client.get(edit_url(report)).content.decode()
    assert f"You have declared an interest in {provider.name} (family)" in told
    workflow_action(as_user(client, people["steering2"]), report, "approve")
    report.refresh_from_db()
    assert not report.live


def test_a_reply_is_about_the_report_it_answers_and_its_recipients(
    client, people, report_index, trust, council
):
    report = sent_report(report_index, [trust, council], D(2026, 11, 2))
    declare(people["steering1"], council, "employment")
    reply = reply_to(report, trust, D(2026, 11, 20), live=False)
    reply.save_revision(user=people["editor"])
    reply.get_workflow().start(reply, people["editor"])
    through_editorial_check(client, reply, people)
    assert refused(workflow_action(as_user(client, people["steering1"]), reply, "approve"))


def test_a_work_plan_item_is_about_the_reports_it_links_to(home, report_index, trust):
    report = sent_report(report_index, [trust], D(2026, 11, 2))
    plan = WorkPlanPageFactory(parent=WorkPlanIndexPageFactory(parent=home))
    item = WorkPlanItemPageFactory(parent=plan)
    item.links.create(page=report)
    assert list(item.concerned_organisations()) == [trust]


def test_a_standard_page_is_about_the_report_its_body_links_to(home, report_index, trust):
    report = sent_report(report_index, [trust], D(2026, 11, 2))
    page = StandardPage(
        title="Our work",
        slug="our-work",
        body=[("paragraph", f'<p>See <a linktype="page" id="{report.pk}">the report</a>.</p>')],
    )
    home.add_child(instance=page)
    assert list(page.concerned_organisations()) == [trust]


def test_every_page_type_of_the_site_says_what_it_is_about():
    assert every_page_type_says_what_it_is_about(None) == []


def test_a_page_type_that_does_not_say_what_it_is_about_fails_the_check(monkeypatch):
    class Unsaid(LinkPage):
        class Meta:
            abstract = True
            app_label = "home"

    monkeypatch.setattr("linksite.about.page_types", lambda: [Unsaid])
    errors = every_page_type_says_what_it_is_about(None)
    assert [e.id for e in errors] == ["linksite.E002"]


# Who may approve: never an author or the submitter, at either step


def test_a_member_who_edits_at_the_steering_step_cannot_then_approve(client, submitted, people):
    through_editorial_check(client, submitted, people)
    as_user(client, people["steering3"]).post(
        edit_url(submitted),
        standard_page_data("Hospital discharge", "discharge", text="My own words"),
    )
    # The edit restarts the workflow; past the editorial check again, the author is barred.
    through_editorial_check(client, submitted, people)
    response = workflow_action(as_user(client, people["steering3"]), submitted, "approve")
    assert refused(response)
    told = client.get(edit_url(submitted)).content.decode()
    assert "You wrote part of this version of the page" in told
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    workflow_action(as_user(client, people["steering2"]), submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live  # the other members could still approve it


def test_a_reviewer_cannot_pass_their_own_change_through_the_editorial_check(
    client, live_page, people
):
    from .factories import UserFactory

    as_user(client, people["reviewer"]).post(
        edit_url(live_page),
        standard_page_data(
            "Hospital discharge", "discharge", text="Reviewer's words", **{"action-submit": "1"}
        ),
    )
    response = workflow_action(as_user(client, people["reviewer"]), live_page, "approve")
    assert refused(response)
    told = client.get(edit_url(live_page)).content.decode()
    assert "You submitted this page for approval, so you cannot also approve" in told
    live_page.refresh_from_db()
    assert live_page.current_workflow_task.name == "Editorial check"
    other = UserFactory(username="reviewer2")
    other.groups.add(people["reviewer"].groups.get())
    assert workflow_action(as_user(client, other), live_page, "approve").status_code == 302
    live_page.refresh_from_db()
    assert live_page.current_workflow_task.name == "Steering group approval"


def test_the_dashboard_does_not_offer_an_author_their_own_page_to_check(client, live_page, people):
    as_user(client, people["reviewer"]).post(
        edit_url(live_page),
        standard_page_data(
            "Hospital discharge", "discharge", text="Reviewer's words", **{"action-submit": "1"}
        ),
    )
    task = live_page.current_workflow_task.specific
    assert not task.get_task_states_user_can_moderate(people["reviewer"]).exists()


def test_a_resubmission_after_request_changes_starts_again_at_the_editorial_check(
    client, submitted, people
):
    through_editorial_check(client, submitted, people)
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    workflow_action(as_user(client, people["steering2"]), submitted, "reject", comment="Fix it.")
    as_user(client, people["editor"]).post(
        edit_url(submitted),
        standard_page_data(
            "Hospital discharge", "discharge", text="Fixed", **{"action-submit": "1"}
        ),
    )
    submitted.refresh_from_db()
    assert submitted.current_workflow_task.name == "Editorial check"
    through_editorial_check(client, submitted, people)
    # steering1's approval of the earlier version does not count for this one.
    workflow_action(as_user(client, people["steering3"]), submitted, "approve")
    submitted.refresh_from_db()
    assert not submitted.live
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live
    client.logout()
    assert "Fixed" in client.get("/discharge/").content.decode()


# Taking down


def test_a_member_with_an_interest_cannot_take_down_a_report_about_that_organisation(
    client, people, report_index, trust
):
    report = sent_report(report_index, [trust], D(2026, 11, 2))
    declare(people["steering1"], trust, "employment")
    url = reverse("linksite_take_down", args=[report.pk])
    response = as_user(client, people["steering1"]).post(url, {"reason": "I do not like it."})
    assert response.status_code == 403
    assert (
        f"You have declared an interest in {trust.name} (employment)" in response.content.decode()
    )
    report.refresh_from_db()
    assert report.live
    client.logout()
    assert client.get(report.url).status_code == 200


def test_taking_a_report_down_takes_its_replies_down_from_every_public_place(
    client, people, report_index, trust
):
    report = sent_report(report_index, [trust], D(2026, 11, 2), title="Hospital food")
    reply = reply_to(report, trust, D(2026, 11, 20), title="The trust replies")
    client.logout()
    assert client.get(reply.url).status_code == 200
    as_user(client, people["steering3"]).post(
        reverse("linksite_take_down", args=[report.pk]), {"reason": "Names a patient."}
    )
    reply.refresh_from_db()
    assert not reply.live
    client.logout()
    assert client.get(reply.url or f"/reports/{report.slug}/{reply.slug}/").status_code == 404
    assert not SearchEntry.objects.filter(page_id__in=[report.pk, reply.pk]).exists()
    for url in ("/sitemap.xml", "/reports/feed/", "/reports/replies/feed/"):
        body = client.get(url).content.decode()
        assert "The trust replies" not in body and "Hospital food" not in body, url
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.get(page=reply, action="linksite.takedown")
    assert entry.data["reason"] == "Names a patient." and entry.data["under"] == report.pk


# A quorum that cannot be reached


def test_a_quorum_that_cannot_be_reached_is_shown_to_the_editor_and_the_steering_group(
    client, people, report_index, trust
):
    declare(people["steering1"], trust, "employment")
    declare(people["steering2"], trust, "contract")
    submitted = as_user(client, people["editor"]).post(
        add_report_url(report_index),
        report_form_data(
            "Trust report",
            "trust-report",
            recipients=[(trust, "2026-11-02", 20)],
            **{"action-submit": "1"},
        ),
        follow=True,
    )
    assert "Only 1 steering group members are free to approve" in submitted.content.decode()
    report = ReportPage.objects.get(slug="trust-report")
    for user in ("editor", "steering3"):
        dashboard = as_user(client, people[user]).get(reverse("wagtailadmin_home")).content
        text = dashboard.decode()
        assert "Waiting for a quorum that cannot be reached" in text, user
        assert f"Member 1: has declared an interest in {trust.name} (employment)" in text
    page_view = client.get(edit_url(report)).content.decode()
    assert "Only 1 steering group members are free to approve this page" in page_view
    # When an interest ends, the shortfall is gone.
    DeclaredInterest.objects.filter(person=people["steering2"].link_person).update(
        ended_on=D(2026, 6, 1)
    )
    dashboard = as_user(client, people["editor"]).get(reverse("wagtailadmin_home")).content
    assert "Waiting for a quorum that cannot be reached" not in dashboard.decode()


# Facts that change while a page waits


def test_a_visit_is_not_published_when_its_representatives_authorisation_was_revoked_meanwhile(
    client,
    people,
    enter_and_view,
    representative,
    decision_log,
    provider,
):
    decision = DecisionPageFactory(
        parent=decision_log,
        kind=DecisionKind.ENTER_AND_VIEW,
        decided_on=D(2025, 6, 1),
        organisations=[provider],
    )
    as_user(client, people["editor"]).post(
        reverse("wagtailadmin_pages:add", args=["decisions", "visitpage", enter_and_view.pk]),
        visit_form(
            decision=str(decision.pk),
            provider=str(provider.pk),
            representatives=[representative],
            **{"action-submit": "1"},
        ),
    )
    visit = Page.objects.get(slug="ward-9").specific
    Authorisation.objects.filter(person=representative).update(revoked_on=D(2025, 6, 1))
    through_editorial_check(client, visit, people)
    workflow_action(as_user(client, people["steering1"]), visit, "approve")
    workflow_action(as_user(client, people["steering2"]), visit, "approve")
    visit.refresh_from_db()
    assert not visit.live
    state = visit.current_workflow_state
    assert state.status == state.STATUS_NEEDS_CHANGES
    assert "is not an authorised representative" in state.current_task_state.comment
    dashboard = as_user(client, people["editor"]).get(reverse("wagtailadmin_home")).content
    assert "is not an authorised representative" in dashboard.decode()


def test_the_publication_record_says_when_a_page_was_taken_down(
    client, people, report_index, trust
):
    report = sent_report(report_index, [trust], D(2026, 11, 2), title="Hospital food")
    as_user(client, people["steering3"]).post(
        reverse("linksite_take_down", args=[report.pk]), {"reason": "A wrong figure."}
    )
    report.save_revision().publish()  # put back (here directly, as an administrator would)
    client.logout()
    html = client.get(reverse("publication_record", args=[report.pk])).content.decode()
    assert "The page was taken down from the public site" in html
    assert "A wrong figure." not in html
