"""The workflow tells the people who can act, and only them, through the task queue: each
step tried as the users it concerns, through the admin's real views, then the mails the
worker sends read as their recipients would."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from home.models import StandardPage
from linksite.models import DeclaredInterest, Organisation
from linksite.notifications import MailPreference, StepNotice, notify_quorum_unreachable

from .admin_forms import as_user, through_editorial_check, workflow_action

pytestmark = pytest.mark.django_db


def mailed(run_worker):
    """Run the worker; {username-part of the address: [subjects]} of what it sent."""
    run_worker()
    out = {}
    for message in mail.outbox:
        for address in message.to:
            out.setdefault(address.split("@")[0], []).append(message.subject)
    mail.outbox.clear()
    return out


def bodies_to(username):
    return [m.body for m in mail.outbox if m.to == [f"{username}@example.org"]]


def test_submitting_sends_nothing_inside_the_request(submitted):
    assert mail.outbox == []


def test_submission_tells_the_editorial_reviewers_only(submitted, run_worker):
    sent = mailed(run_worker)
    assert sent == {"reviewer": ["Awaiting editorial check: Hospital discharge"]}


def test_passing_the_editorial_check_tells_every_steering_member(
    client, submitted, people, run_worker
):
    mailed(run_worker)
    through_editorial_check(client, submitted, people)
    sent = mailed(run_worker)
    assert set(sent) == {"steering1", "steering2", "steering3"}
    assert sent["steering1"] == ["Awaiting your approval: Hospital discharge"]


def test_the_steering_mail_gives_title_subject_count_and_links(
    client, submitted, people, run_worker
):
    through_editorial_check(client, submitted, people)
    run_worker()
    body = bodies_to("steering2")[-1]
    assert "Title: Hospital discharge" in body
    assert "What it is about: Standard page" in body
    assert "Approvals so far: 0 of 2. 2 more approvals are needed." in body
    assert f"http://127.0.0.1:8000/admin/pages/{submitted.pk}/edit/" in body
    assert f"/admin/pages/{submitted.pk}/revisions/" in body
    assert "Plain words." not in body  # never the page's text


def test_a_conflicted_member_is_not_asked_to_approve(
    client, submitted, people, run_worker, monkeypatch
):
    trust = Organisation.objects.create(name="Testshire Hospitals NHS Trust", kind="nhs_trust")
    DeclaredInterest.objects.create(
        person=people["steering3"].link_person,
        organisation=trust,
        nature="employment",
        declared_on=datetime.date(2020, 1, 1),
    )
    monkeypatch.setattr(
        StandardPage,
        "concerned_organisations",
        lambda self: Organisation.objects.filter(pk=trust.pk),
    )
    mailed(run_worker)
    through_editorial_check(client, submitted, people)
    run_worker()
    assert "about Testshire Hospitals NHS Trust" in bodies_to("steering1")[0]
    sent = mailed(lambda: None)
    assert set(sent) == {"steering1", "steering2"}


def test_a_submitting_member_is_not_asked_to_approve_their_own_page(
    client, home, people, run_worker
):
    from .admin_forms import add_url, standard_page_data

    people["steering1"].groups.add(*people["editor"].groups.all())
    as_user(client, people["steering1"]).post(
        add_url(home), standard_page_data("Mine", "mine", **{"action-submit": "1"})
    )
    page = StandardPage.objects.get(slug="mine")
    mailed(run_worker)
    through_editorial_check(client, page, people)
    assert set(mailed(run_worker)) == {"steering2", "steering3"}


def test_after_an_approval_the_remaining_members_see_the_new_count(
    client, submitted, people, run_worker
):
    through_editorial_check(client, submitted, people)
    mailed(run_worker)
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    run_worker()
    recipients = {m.to[0].split("@")[0] for m in mail.outbox}
    assert recipients == {"steering2", "steering3"}
    assert mail.outbox[0].subject == "Approval count now 1 of 2: Hospital discharge"
    assert "1 more approval is needed." in mail.outbox[0].body


def test_publishing_tells_the_submitter_and_the_approvers(client, submitted, people, run_worker):
    through_editorial_check(client, submitted, people)
    workflow_action(as_user(client, people["steering1"]), submitted, "approve")
    mailed(run_worker)
    workflow_action(as_user(client, people["steering2"]), submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live
    sent = mailed(run_worker)
    assert sent == {
        "editor": ["Published: Hospital discharge"],
        "steering1": ["Published: Hospital discharge"],
        "steering2": ["Published: Hospital discharge"],
    }


def test_requesting_changes_tells_the_submitter_and_authors_with_the_comment(
    client, submitted, people, run_worker
):
    through_editorial_check(client, submitted, people)
    mailed(run_worker)
    workflow_action(as_user(client, people["steering2"]), submitted, "reject", "Say who decided.")
    run_worker()
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert mail.outbox[0].subject == "Changes requested: Hospital discharge"
    assert "Comment: Say who decided." in mail.outbox[0].body


def test_wagtails_own_workflow_mails_are_not_sent(submitted, run_worker):
    # Wagtail would mail every administrator about each submission.
    assert "admin" not in mailed(run_worker)


def test_nobody_is_mailed_about_a_page_they_may_not_see(client, submitted, people, run_worker):
    from django.contrib.auth.models import Group

    from linksite.notifications import on_task_submitted

    # The reviewers' group loses its access to the admin: they can no longer see the page.
    reviewers = Group.objects.get(name="Editorial reviewers")
    reviewers.permissions.remove(*reviewers.permissions.filter(codename="access_admin"))
    mailed(run_worker)
    state = StandardPage.objects.get(pk=submitted.pk).current_workflow_task_state
    on_task_submitted(TaskState, state)  # the step's signal, sent again
    assert mailed(run_worker) == {}


def test_a_member_choosing_the_daily_digest_gets_one_digest_instead(
    client, submitted, people, run_worker
):
    as_user(client, people["steering1"])
    data = account_form_data(client)
    data.update({"name_email-first_name": "Sam", "name_email-last_name": "Member"})
    data["linksite_mail-delivery"] = "daily"
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302
    assert MailPreference.objects.get(user=people["steering1"]).delivery == "daily"
    through_editorial_check(client, submitted, people)
    assert "steering1" not in mailed(run_worker)
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    run_worker()
    digest = [m for m in mail.outbox if m.to == ["steering1@example.org"]]
    assert [m.subject for m in digest] == ["Your LINk digest: 1 item"]
    assert "Awaiting your approval: Hospital discharge" in digest[0].body


def account_form_data(client):
    """What the account settings form holds now, as a browser would post it back."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(reverse("wagtailadmin_account")).content, "html.parser")
    form = soup.find("form", id="w-editor-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("file", "submit"):
            continue
        if field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


def test_the_account_settings_offer_the_choice(client, people):
    as_user(client, people["steering1"])
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "One daily digest" in html
    assert "A mail for each item" in html


def age(state, days):
    TaskState.objects.filter(pk=state.pk).update(
        started_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_an_item_waiting_too_long_is_reminded_once_and_shown_on_the_dashboard(
    client, submitted, people, run_worker
):
    mailed(run_worker)
    age(submitted.current_workflow_task_state, 14)
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sent = mailed(run_worker)
    assert list(sent) == ["reviewer"]
    assert len(sent["reviewer"]) == 1
    assert sent["reviewer"][0].startswith("Waiting ")
    assert StepNotice.objects.filter(kind="waiting").count() == 1
    dashboard = as_user(client, people["reviewer"]).get(reverse("wagtailadmin_home"))
    html = dashboard.content.decode()
    assert "Waiting too long" in html
    assert "working days" in html


def test_an_item_within_the_limit_is_not_reminded(submitted, run_worker):
    mailed(run_worker)
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mailed(run_worker) == {}


def test_quorum_unreachable_tells_the_editor_and_the_group_naming_the_conflicted(
    client, submitted, people, run_worker
):
    through_editorial_check(client, submitted, people)
    mailed(run_worker)
    state = StandardPage.objects.get(pk=submitted.pk).current_workflow_task_state
    conflicted = [(people["steering2"], "interest"), (people["steering3"], "interest")]
    notify_quorum_unreachable(state, 1, 2, conflicted)
    notify_quorum_unreachable(state, 1, 2, conflicted)  # said once per step
    sent = mailed(run_worker)
    assert set(sent) == {"editor", "steering1", "steering2", "steering3"}
    assert all(len(s) == 1 for s in sent.values())
    run_worker()
