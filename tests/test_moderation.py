"""Only the steering group decides what the LINk says in public: each rule tried as the user
it concerns, through the admin's real views, then checked on the public site."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupPagePermission,
    Page,
    PageLogEntry,
    Workflow,
    WorkflowPage,
    WorkflowState,
)

from home.models import StandardPage
from linksite.checks import no_group_can_publish
from linksite.models import DeclaredInterest, Organisation
from linksite.workflow import SteeringApproval

from .admin_forms import (
    add_url,
    as_user,
    edit_url,
    public_status,
    publish_through_workflow,
    refused,
    standard_page_data,
    through_editorial_check,
    workflow_action,
)

pytestmark = pytest.mark.django_db


# Groups, permissions and the workflow on a fresh database


def test_fresh_database_has_the_four_groups_and_no_moderators():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editors", "Editorial reviewers", "Steering group", "Vetting officers"} <= names
    assert "Moderators" not in names


def test_no_group_holds_page_publish_permission_after_migration():
    assert not GroupPagePermission.objects.filter(permission__codename="publish_page").exists()
    assert no_group_can_publish(None) == []


def test_the_workflow_is_assigned_to_the_tree_root_with_two_steps():
    workflow = Workflow.objects.get(name="LINk publication approval")
    assert WorkflowPage.objects.get(page__depth=1).workflow == workflow
    steps = [t.task.specific for t in workflow.workflow_tasks.order_by("sort_order")]
    assert [s.name for s in steps] == ["Editorial check", "Steering group approval"]
    assert list(steps[0].groups.values_list("name", flat=True)) == ["Editorial reviewers"]
    assert steps[1].quorum == 2
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_system_check_fails_when_a_group_is_given_publish_permission():
    group = Group.objects.get(name="Editors")
    GroupPagePermission.objects.create(
        group=group,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="publish_page"),
    )
    errors = no_group_can_publish(None)
    assert [e.id for e in errors] == ["linksite.E001"]
    assert "Editors" in errors[0].msg


# The approval journey


def test_an_editors_submission_is_not_live(client, submitted):
    assert not submitted.live
    assert public_status(client, submitted) == 404


def test_an_editors_publish_attempt_leaves_the_page_not_live(client, home, people):
    as_user(client, people["editor"])
    client.post(add_url(home), standard_page_data("Sneaky", "sneaky", **{"action-publish": "1"}))
    page = StandardPage.objects.get(slug="sneaky")
    assert not page.live
    client.post(edit_url(page), standard_page_data("Sneaky", "sneaky", **{"action-publish": "1"}))
    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert public_status(client, page) == 404


def test_reviewer_plus_one_steering_approval_is_not_enough(client, submitted, people):
    through_editorial_check(client, submitted, people)
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    submitted.refresh_from_db()
    assert not submitted.live
    assert public_status(client, submitted) == 404


def test_two_distinct_steering_approvals_publish_with_the_approval_line(client, submitted, people):
    through_editorial_check(client, submitted, people)
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    workflow_action(as_user(client, people["steering2"]), submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live
    client.logout()
    html = client.get("/discharge/").content.decode()
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Approved for publication by the steering group on {today}." in html


def test_the_same_member_approving_twice_counts_once(client, submitted, people):
    through_editorial_check(client, submitted, people)
    as_user(client, people["steering1"])
    workflow_action(client, submitted, "approve")
    second = workflow_action(client, submitted, "approve")
    submitted.refresh_from_db()
    assert not submitted.live
    assert SteeringApproval.objects.filter(user=people["steering1"]).count() == 1
    # Once approved, the member has no approve action left for this page.
    assert refused(second)


def test_a_reviewer_cannot_approve_on_behalf_of_the_steering_group(client, submitted, people):
    through_editorial_check(client, submitted, people)
    response = workflow_action(as_user(client, people["reviewer"]), submitted, "approve")
    assert refused(response)
    assert not SteeringApproval.objects.exists()
    submitted.refresh_from_db()
    assert not submitted.live


def test_a_member_with_a_declared_interest_is_refused_and_told_why(
    client, submitted, people, monkeypatch
):
    trust = Organisation.objects.create(name="Aldermoor Hospitals NHS Trust", kind="nhs_trust")
    DeclaredInterest.objects.create(
        person=people["steering1"].link_person,
        organisation=trust,
        nature="employment",
        declared_on=datetime.date(2026, 1, 1),
    )
    monkeypatch.setattr(
        StandardPage,
        "concerned_organisations",
        lambda self: Organisation.objects.filter(pk=trust.pk),
    )
    through_editorial_check(client, submitted, people)
    as_user(client, people["steering1"])
    response = workflow_action(client, submitted, "approve")
    assert refused(response)
    assert not SteeringApproval.objects.exists()
    editor_view = client.get(edit_url(submitted), follow=True).content.decode()
    assert (
        "You have declared an interest in Aldermoor Hospitals NHS Trust (employment)" in editor_view
    )
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "You cannot approve this:" in dashboard


def test_an_interest_that_has_ended_does_not_bar_approval(client, submitted, people, monkeypatch):
    trust = Organisation.objects.create(name="Old Employer", kind="provider")
    DeclaredInterest.objects.create(
        person=people["steering1"].link_person,
        organisation=trust,
        nature="employment",
        declared_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 1, 1),
    )
    monkeypatch.setattr(
        StandardPage,
        "concerned_organisations",
        lambda self: Organisation.objects.filter(pk=trust.pk),
    )
    through_editorial_check(client, submitted, people)
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    assert SteeringApproval.objects.filter(user=people["steering1"]).count() == 1


def test_the_submitter_cannot_approve_their_own_page(client, home, people):
    page = StandardPage(title="Mine", slug="mine", body=[], live=False)
    home.add_child(instance=page)
    as_user(client, people["steering1"]).post(
        edit_url(page), standard_page_data("Mine", "mine", **{"action-submit": "1"})
    )
    assert page.current_workflow_state.requested_by == people["steering1"]
    through_editorial_check(client, page, people)
    response = workflow_action(as_user(client, people["steering1"]), page, "approve")
    assert refused(response)
    assert not SteeringApproval.objects.exists()


def test_one_rejection_sends_the_page_back_to_its_editor_with_the_comment(
    client, submitted, people
):
    through_editorial_check(client, submitted, people)
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    workflow_action(
        as_user(client, people["steering2"]), submitted, "reject", comment="Name the ward, please."
    )
    state = WorkflowState.objects.get(requested_by=people["editor"])
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    submitted.refresh_from_db()
    assert not submitted.live
    dashboard = as_user(client, people["editor"]).get(reverse("wagtailadmin_home")).content.decode()
    assert "Your pages sent back for changes" in dashboard
    assert "Name the ward, please." in dashboard


def test_reviewers_see_their_queue_on_the_dashboard(client, submitted, people):
    dashboard = as_user(client, people["reviewer"]).get(reverse("wagtailadmin_home"))
    assert "Hospital discharge" in dashboard.content.decode()


# Editing what is live


def test_the_live_version_is_unchanged_while_a_change_awaits_approval(client, submitted, people):
    page = publish_through_workflow(client, submitted, people)
    as_user(client, people["editor"]).post(
        edit_url(page),
        standard_page_data(
            "Hospital discharge", "discharge", text="Changed words", **{"action-submit": "1"}
        ),
    )
    through_editorial_check(client, page, people)
    workflow_action(as_user(client, people["steering1"]), page, "approve")
    client.logout()
    html = client.get("/discharge/").content.decode()
    assert "Plain words." in html and "Changed words" not in html
    workflow_action(as_user(client, people["steering2"]), page, "approve")
    client.logout()
    assert "Changed words" in client.get("/discharge/").content.decode()


def test_an_edit_after_an_approval_restarts_the_approval(client, submitted, people):
    through_editorial_check(client, submitted, people)
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    # A member changes the page during the steering group step...
    as_user(client, people["steering3"]).post(
        edit_url(submitted), standard_page_data("Hospital discharge", "discharge", text="Edited")
    )
    # ...so the next approval does not publish: the edit goes back to the first step.
    workflow_action(as_user(client, people["steering2"]), submitted, "approve")
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.current_workflow_task.name == "Editorial check"


def test_what_goes_live_is_exactly_the_approved_revision(client, submitted, people):
    approved_revision = submitted.get_latest_revision()
    page = publish_through_workflow(client, submitted, people)
    assert page.live_revision_id == approved_revision.pk


def test_the_scheduled_publishing_command_does_not_publish_an_unapproved_page(client, home, people):
    past = (timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    as_user(client, people["editor"]).post(
        add_url(home),
        standard_page_data("Timed", "timed", go_live_at=past, **{"action-submit": "1"}),
    )
    call_command("publish_scheduled")
    page = StandardPage.objects.get(slug="timed")
    assert not page.live


def test_a_scheduled_page_goes_live_at_its_time_only_once_approved(client, home, people):
    future = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    as_user(client, people["editor"]).post(
        add_url(home),
        standard_page_data("Timed", "timed", go_live_at=future, **{"action-submit": "1"}),
    )
    page = StandardPage.objects.get(slug="timed")
    through_editorial_check(client, page, people)
    workflow_action(as_user(client, people["steering1"]), page, "approve")
    workflow_action(as_user(client, people["steering2"]), page, "approve")
    page.refresh_from_db()
    revision = page.get_latest_revision()
    assert not page.live
    assert revision.approved_go_live_at is not None
    # Time passes: the approved revision's moment arrives.
    moment = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = moment
    revision.content["go_live_at"] = moment.isoformat()
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk
    client.logout()
    html = client.get("/timed/").content.decode()
    assert "Approved for publication by the steering group on" in html


# No way round it


def test_copying_with_publish_copies_does_not_publish_the_copy(client, home, live_page, people):
    as_user(client, people["editor"]).post(
        reverse("wagtailadmin_pages:copy", args=[live_page.pk]),
        {
            "new_title": "Copy",
            "new_slug": "copy",
            "new_parent_page": home.pk,
            "publish_copies": "on",
        },
    )
    copy = Page.objects.get(slug="copy")
    assert not copy.live
    assert public_status(client, copy) == 404


def test_an_editor_cannot_create_an_alias(client, home, live_page, people):
    as_user(client, people["editor"]).post(
        reverse("wagtailadmin_pages:copy", args=[live_page.pk]),
        {"new_title": "Alias", "new_slug": "alias", "new_parent_page": home.pk, "alias": "on"},
    )
    alias = Page.objects.filter(slug="alias").first()
    assert alias is None or (alias.alias_of_id is None and not alias.live)


def test_reverting_to_an_old_revision_does_not_publish_it(client, live_page, people):
    old = live_page.live_revision
    as_user(client, people["editor"]).post(
        edit_url(live_page), standard_page_data("Hospital discharge", "discharge", text="Newer")
    )
    live_page.refresh_from_db()
    as_user(client, people["editor"]).post(
        edit_url(live_page),
        standard_page_data(
            "Hospital discharge",
            "discharge",
            text="Reverted",
            revision=str(old.pk),
            **{"action-publish": "1"},
        ),
    )
    live_page.refresh_from_db()
    assert live_page.live_revision_id == old.pk
    client.logout()
    html = client.get("/discharge/").content.decode()
    assert "Plain words." in html and "Reverted" not in html


def test_the_bulk_publish_action_refuses_an_editor(client, submitted, people):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    as_user(client, people["editor"]).post(f"{url}?id={submitted.pk}", {})
    submitted.refresh_from_db()
    assert not submitted.live


def test_moving_a_draft_page_does_not_publish_it(client, home, submitted, people):
    target = StandardPage(title="Section", slug="section", body=[], live=True)
    home.add_child(instance=target)
    as_user(client, people["editor"]).post(
        reverse("wagtailadmin_pages:move_confirm", args=[submitted.pk, target.pk])
    )
    submitted.refresh_from_db()
    assert not submitted.live


def test_the_admin_api_publish_action_refuses_an_editor(client, submitted, people):
    as_user(client, people["editor"])
    response = client.post(f"/admin/api/main/pages/{submitted.pk}/action/publish/", {})
    assert response.status_code in (400, 403, 404)
    submitted.refresh_from_db()
    assert not submitted.live


def test_no_public_content_api_is_mounted(client):
    assert client.get("/api/v2/pages/").status_code == 404
    assert client.get("/api/v3/pages/").status_code == 404


def test_editors_cannot_change_reference_data_shown_on_public_pages(client, people):
    organisation = Organisation.objects.create(name="Riverside Care", kind="provider")
    as_user(client, people["editor"])
    url = reverse("wagtailsnippets_linksite_organisation:edit", args=[organisation.pk])
    response = client.post(url, {"name": "Renamed", "kind": "provider"})
    assert response.status_code in (302, 403)
    organisation.refresh_from_db()
    assert organisation.name == "Riverside Care"
    add_person = reverse("wagtailsnippets_linksite_person:add")
    client.post(
        add_person,
        {
            "display_name": "Self-appointed",
            "role": "steering_group",
            "interests-TOTAL_FORMS": "0",
            "interests-INITIAL_FORMS": "0",
        },
    )
    from linksite.models import Person

    assert not Person.objects.filter(display_name="Self-appointed").exists()


def test_drafts_preview_and_history_only_for_people_who_may_edit(client, submitted, people):
    preview = reverse("wagtailadmin_pages:view_draft", args=[submitted.pk])
    history = reverse("wagtailadmin_pages:history", args=[submitted.pk])
    client.logout()
    assert client.get(preview).status_code == 302  # to the login page
    as_user(client, people["vetting"])
    assert client.get(preview).status_code in (302, 403)
    assert client.get(history).status_code in (302, 403)
    as_user(client, people["editor"])
    assert client.get(preview).status_code == 200


# Taking something down


def test_a_steering_member_takes_a_page_down_at_once_with_a_reason(client, live_page, people):
    url = reverse("linksite_take_down", args=[live_page.pk])
    as_user(client, people["steering3"])
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 200 and "Give the reason" in refused.content.decode()
    live_page.refresh_from_db()
    assert live_page.live
    client.post(url, {"reason": "Names a patient by mistake."})
    live_page.refresh_from_db()
    assert not live_page.live
    assert public_status(client, live_page) == 404
    entry = PageLogEntry.objects.get(page=live_page, action="linksite.takedown")
    assert entry.user == people["steering3"]
    assert entry.data["reason"] == "Names a patient by mistake."


def test_an_editor_cannot_take_a_page_down(client, live_page, people):
    as_user(client, people["editor"])
    response = client.post(reverse("linksite_take_down", args=[live_page.pk]), {"reason": "x"})
    assert refused(response)
    live_page.refresh_from_db()
    assert live_page.live


# Who speaks for the LINk, in public; the audit trail


def test_an_administrators_direct_publication_is_never_silent(client, home, people):
    as_user(client, people["admin"])
    client.post(add_url(home), standard_page_data("Urgent", "urgent", **{"action-publish": "1"}))
    page = StandardPage.objects.get(slug="urgent")
    assert page.live
    client.logout()
    html = client.get("/urgent/").content.decode()
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Published by an administrator without steering group approval on {today}." in html
    assert "Approved for publication by the steering group" not in html


def test_the_publication_record_counts_approvers_and_names_them_only_when_allowed(
    client, live_page, people
):
    from wagtail.models import Site

    from linksite.models import LinkSettings

    url = reverse("publication_record", args=[live_page.pk])
    client.logout()
    html = client.get(url).content.decode()
    assert "approved by 2 members" in html
    assert "Member 1" not in html
    settings = LinkSettings.for_site(Site.objects.get(is_default_site=True))
    settings.show_approver_names = True
    settings.save()
    html = client.get(url).content.decode()
    assert "Member 1, Member 2" in html


def test_the_publication_record_of_a_draft_is_not_public(client, submitted):
    assert client.get(reverse("publication_record", args=[submitted.pk])).status_code == 404


def test_every_step_is_in_the_audit_log_with_user_and_time(client, live_page, people):
    actions = {
        (e.action, e.user.username)
        for e in PageLogEntry.objects.filter(page=live_page).select_related("user")
        if e.user
    }
    assert ("wagtail.workflow.start", "editor") in actions
    assert ("wagtail.workflow.approve", "reviewer") in actions
    assert ("linksite.steering_approval", "steering1") in actions
    assert ("wagtail.workflow.approve", "steering2") in actions
    assert ("wagtail.publish", "steering2") in actions
    assert all(e.timestamp for e in PageLogEntry.objects.filter(page=live_page))


def test_the_page_editor_does_not_autosave_while_a_page_is_in_moderation(client, submitted, people):
    html = as_user(client, people["reviewer"]).get(edit_url(submitted)).content
    form = BeautifulSoup(html, "html.parser").select_one("form[data-edit-form]")
    assert "w-autosave" not in form["data-controller"].split()
    assert form.get("data-w-autosave-interval-value") is None
