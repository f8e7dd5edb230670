"""Replies chased: an organisation's contact is reminded five working days before a reply
is due and on the first working day it is overdue, once each, and editors see what is
owed and what was sent."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from linksite import working_days
from linksite.reply_reminders import ReplyReminder

from .admin_forms import as_user, edit_url
from .factories import InformationRequestPageFactory, reply_to, sent_report

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def sent_on_for_overdue_by(days, within=1):
    """A sending date whose reply (within `within` working days) is `days` working days late
    today."""
    day = TODAY
    while working_days.working_days_late(working_days.deadline(day, within), today=TODAY) < days:
        day -= datetime.timedelta(days=1)
    return day


def remind(run_worker):
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    run_worker()
    return out.getvalue()


@pytest.fixture
def contact(trust):
    trust.reply_contact_email = "replies@trust.example.org"
    trust.save()
    return trust


def test_a_reply_due_within_five_working_days_reminds_the_contact(
    report_index, contact, run_worker
):
    sent_report(
        report_index,
        [contact],
        TODAY,
        recommendations=2,
        reply_within=3,
        title="Hospital discharge",
    )
    remind(run_worker)
    assert [m.to for m in mail.outbox] == [["replies@trust.example.org"]]
    message = mail.outbox[0]
    assert message.subject.startswith("Reply due by ")
    assert "the report 'Hospital discharge'" in message.body
    assert "1. Recommendation 1." in message.body
    assert "2. Recommendation 2." in message.body
    assert "How to reply" in message.body
    assert ReplyReminder.objects.get().which == "due_soon"


def test_running_twice_never_sends_the_same_reminder_twice(report_index, contact, run_worker):
    sent_report(report_index, [contact], TODAY, reply_within=3)
    remind(run_worker)
    remind(run_worker)
    assert len(mail.outbox) == 1
    assert ReplyReminder.objects.count() == 1


def test_the_database_refuses_a_second_record_of_the_same_reminder(
    report_index, contact, run_worker
):
    sent_report(report_index, [contact], TODAY, reply_within=3)
    remind(run_worker)
    first = ReplyReminder.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReplyReminder.objects.create(
            content_type=first.content_type,
            object_id=first.object_id,
            which=first.which,
            page=first.page,
            organisation=first.organisation,
            sent_to="x@example.org",
            due_by=first.due_by,
        )


def test_a_reply_far_from_due_is_not_reminded(report_index, contact, run_worker):
    sent_report(report_index, [contact], TODAY, reply_within=20)
    remind(run_worker)
    assert mail.outbox == []


def test_the_first_overdue_working_day_sends_the_overdue_reminder(
    report_index, contact, run_worker
):
    sent_report(
        report_index, [contact], sent_on_for_overdue_by(1), reply_within=1, title="Meals on wards"
    )
    remind(run_worker)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Reply overdue (due ")
    assert ReplyReminder.objects.get().which == "overdue"


def test_an_old_debt_is_not_chased_again_and_again(report_index, contact, run_worker):
    sent_report(report_index, [contact], sent_on_for_overdue_by(30), reply_within=1)
    remind(run_worker)
    assert mail.outbox == []


def test_an_organisation_set_not_to_be_reminded_is_not(report_index, contact, run_worker):
    contact.do_not_remind = True
    contact.save()
    sent_report(report_index, [contact], TODAY, reply_within=3)
    remind(run_worker)
    assert mail.outbox == []


def test_an_organisation_without_a_contact_address_is_not_reminded(report_index, trust, run_worker):
    sent_report(report_index, [trust], TODAY, reply_within=3)
    remind(run_worker)
    assert mail.outbox == []


def test_a_report_already_answered_is_not_reminded(report_index, contact, run_worker):
    report = sent_report(report_index, [contact], TODAY, reply_within=3)
    reply_to(report, contact, TODAY)
    remind(run_worker)
    assert mail.outbox == []


def test_an_information_request_is_reminded_too(home, contact, run_worker, decision_log):
    from decisions.models import DecisionKind

    from .factories import DecisionPageFactory, RequestsAndReferralsIndexPageFactory

    decision = DecisionPageFactory(parent=decision_log, kind=DecisionKind.INFORMATION_REQUEST)
    index = RequestsAndReferralsIndexPageFactory(parent=home)
    InformationRequestPageFactory(
        parent=index,
        decision=decision,
        recipient=contact,
        sent_on=TODAY,
        reply_within=2,
        title="Waiting times",
    )
    remind(run_worker)
    assert len(mail.outbox) == 1
    assert "the information request 'Waiting times'" in mail.outbox[0].body


def test_the_command_prints_its_progress(report_index, contact, run_worker):
    sent_report(report_index, [contact], TODAY, reply_within=3)
    output = remind(run_worker)
    assert "due_soon: Testshire Hospitals NHS Trust" in output
    assert "Reply reminders sent: 1" in output


def test_editors_see_replies_owed_overdue_first_then_by_due_date(
    client, report_index, contact, council, people
):
    sent_report(report_index, [council], TODAY, reply_within=20, title="Later")
    sent_report(report_index, [contact], TODAY, reply_within=3, title="Sooner")
    sent_report(
        report_index, [contact], sent_on_for_overdue_by(3), reply_within=1, title="Overdue one"
    )
    html = as_user(client, people["editor"]).get(reverse("wagtailadmin_home")).content.decode()
    assert "Replies owed" in html
    positions = [html.index(title) for title in ("Overdue one", "Sooner", "Later")]
    assert positions == sorted(positions)


def test_the_replies_owed_panel_is_for_editors(client, report_index, contact, people):
    sent_report(report_index, [contact], TODAY, reply_within=3)
    html = as_user(client, people["steering1"]).get(reverse("wagtailadmin_home")).content.decode()
    assert "Replies owed" not in html


def test_reminders_sent_are_shown_to_editors_on_the_report(
    client, report_index, contact, people, run_worker
):
    report = sent_report(report_index, [contact], TODAY, reply_within=3)
    remind(run_worker)
    response = as_user(client, people["editor"]).get(edit_url(report), follow=True)
    html = response.content.decode()
    assert "Reply reminders sent:" in html
    assert "replies@trust.example.org" in html


def test_the_organisation_editor_offers_the_contact_and_the_flag(client, contact, people):
    url = reverse("wagtailsnippets_linksite_organisation:edit", args=[contact.pk])
    html = as_user(client, people["admin"]).get(url).content.decode()
    assert "contact address for replies" in html.lower()
    assert "do not send reply reminders" in html.lower()
