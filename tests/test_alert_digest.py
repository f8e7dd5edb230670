"""Alerts as they go live or in a weekly digest: the choice on the form and the manage page;
the digest made by the daily `send_reminders` once a week, listing each page once, never
twice, in the subscriber's language, with one-click unsubscribe; and an organisation's
reports followed from the report list filtered to it."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from alerts import tokens
from alerts.digests import send_weekly_digests
from alerts.models import AlertSent, Subscriber, Subscription

from .factories import sent_report

pytestmark = pytest.mark.django_db

URL = "/email-alerts/"


def subscriber(email="partner@example.org", days_ago=8, language="en", **subscriptions):
    """A subscriber confirmed `days_ago` days ago, with `scope=frequency` subscriptions
    (`organisation_7="weekly"` is the scope `organisation:7`)."""
    person = Subscriber.objects.create(
        email=email,
        language=language,
        confirmed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    for scope, frequency in subscriptions.items():
        scope = scope.replace("_", ":", 1)
        person.subscriptions.create(
            scope=scope, label=scope, language=language, frequency=frequency
        )
    return person


def published(report_index, sent_to, title):
    """A report sent to `sent_to` going live (the publish that the workflow's last approval
    makes, which alerts subscribers)."""
    report = sent_report(report_index, sent_to, datetime.date(2026, 1, 5), title=title)
    report.save_revision().publish()
    report.refresh_from_db()
    return report


def daily_run():
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def digests():
    return [m for m in mail.outbox if "This week on the LINk" in m.subject]


def test_a_weekly_subscriber_gets_nothing_when_a_page_goes_live(report_index, trust, run_worker):
    subscriber(reports="weekly")
    published(report_index, [trust], "Discharge")
    run_worker()
    assert mail.outbox == []
    assert not AlertSent.objects.exists()


def test_the_digest_lists_each_page_that_went_live_once(report_index, trust, council, run_worker):
    person = subscriber(reports="weekly", **{f"organisation_{trust.pk}": "weekly"})
    first = published(report_index, [trust], "Discharge from hospital")
    second = published(report_index, [council], "Home care visits")
    run_worker()
    output = daily_run()
    run_worker()
    assert [m.to for m in mail.outbox] == [[person.email]]
    body = mail.outbox[0].body
    assert "2 new pages" in mail.outbox[0].subject
    assert body.count("Discharge from hospital") == 1  # two subscriptions match it: once
    assert first.full_url in body and second.full_url in body
    assert "Weekly alert digests: 1 sent, listing 2 page(s)" in output


def test_no_digest_is_sent_before_seven_days(report_index, trust, run_worker):
    subscriber(days_ago=3, reports="weekly")
    published(report_index, [trust], "Discharge")
    daily_run()
    run_worker()
    assert mail.outbox == []
    send_weekly_digests(now=timezone.now() + datetime.timedelta(days=5))
    run_worker()
    assert len(digests()) == 1


def test_the_digest_is_not_sent_twice(report_index, trust, run_worker):
    person = subscriber(reports="weekly")
    published(report_index, [trust], "Discharge")
    daily_run()
    daily_run()  # run again the same day, or after a crash
    run_worker()
    assert len(digests()) == 1
    # A week later, nothing new: no mail; then only what is new is listed.
    next_week = timezone.now() + datetime.timedelta(days=7, minutes=1)
    assert send_weekly_digests(now=next_week) == 0
    Subscriber.objects.filter(pk=person.pk).update(
        last_digest_at=timezone.now() - datetime.timedelta(days=8)
    )
    published(report_index, [trust], "Meals on the wards")
    send_weekly_digests()
    run_worker()
    assert len(digests()) == 2
    assert "Meals on the wards" in digests()[1].body
    assert "Discharge" not in digests()[1].body


def test_a_run_that_crashes_records_nothing_and_the_next_sends_the_digest(
    report_index, trust, run_worker, monkeypatch
):
    person = subscriber(reports="weekly")
    published(report_index, [trust], "Discharge")

    def crash(messages):
        raise ConnectionError("the database went away")

    monkeypatch.setattr("alerts.digests.queue_many", crash)
    with pytest.raises(ConnectionError):
        send_weekly_digests()
    person.refresh_from_db()
    assert person.last_digest_at is None and not AlertSent.objects.exists()
    monkeypatch.undo()
    assert send_weekly_digests() == 1
    assert send_weekly_digests() == 0
    run_worker()
    assert len(digests()) == 1


def test_a_page_taken_down_before_the_digest_is_not_listed(report_index, trust, run_worker):
    subscriber(reports="weekly")
    published(report_index, [trust], "Discharge")
    withdrawn = published(report_index, [trust], "Withdrawn report")
    withdrawn.unpublish()
    daily_run()
    run_worker()
    assert len(digests()) == 1
    assert "Discharge" in digests()[0].body
    assert "Withdrawn report" not in digests()[0].body


def test_immediate_and_weekly_both_matching_send_the_page_once_at_once(
    report_index, trust, council, run_worker
):
    person = subscriber(reports="weekly", **{f"organisation_{trust.pk}": "immediate"})
    published(report_index, [trust], "Discharge")
    published(report_index, [council], "Home care visits")
    daily_run()  # the digest is made before the worker has sent the immediate alert
    run_worker()
    [alert] = [m for m in mail.outbox if m not in digests()]
    assert alert.to == [person.email] and "Discharge" in alert.subject
    assert len(digests()) == 1
    assert "Home care visits" in digests()[0].body
    assert "Discharge" not in digests()[0].body


def test_the_digest_is_in_the_language_subscribed_in(report_index, trust, run_worker):
    subscriber(language="ur", reports="weekly")
    published(report_index, [trust], "Discharge")
    daily_run()
    run_worker()
    with translation.override("ur"):
        manage_words = translation.gettext("Manage your alerts:")
        intro = translation.gettext("New on the LINk's site since your last weekly email:")
    assert intro != "New on the LINk's site since your last weekly email:"
    [digest] = mail.outbox
    assert manage_words in digest.body and intro in digest.body
    assert "This week" not in digest.subject


def test_the_digest_has_one_click_unsubscribe_and_a_manage_link(
    client, report_index, trust, run_worker
):
    person = subscriber(reports="weekly")
    published(report_index, [trust], "Discharge")
    daily_run()
    run_worker()
    message = mail.outbox[0].message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"<http://127\.0\.0\.1:8000(/\S+)>", message["List-Unsubscribe"])
    # The link is signed when the mail is made (a timestamp): read it back, not remade.
    manage = re.search(r"/email-alerts/manage/(\S+?)/", mail.outbox[0].body)
    assert manage and tokens.read("manage", manage.group(1)) == (person.pk, person.email, "")
    response = client.post(unsubscribe.group(1), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_the_form_offers_immediate_or_weekly_with_labels(client, home):
    html = client.get(URL + "?scope=reports").content.decode()
    assert "<legend>How often do you want emails?</legend>" in html
    for value in ("immediate", "weekly"):
        radio = re.search(rf'<input type="radio" name="frequency" value="{value}"[^>]*>', html)
        assert radio, value
        label_for = re.search(r'id="([^"]+)"', radio.group(0)).group(1)
        assert f'<label for="{label_for}">' in html
    assert 'value="immediate"' in html.split("checked")[0].rsplit("<input", 1)[1]


def test_subscribing_weekly_keeps_the_choice(client, home):
    client.post(URL, {"email": "w@example.org", "scope": "reports", "frequency": "weekly"})
    assert Subscription.objects.get().frequency == "weekly"


def test_an_unknown_frequency_gets_a_field_error(client, home):
    response = client.post(
        URL, {"email": "w@example.org", "scope": "reports", "frequency": "hourly"}
    )
    assert response.status_code == 200
    assert "Choose how often you want emails." in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_manage_page_shows_and_changes_how_often(client, home):
    person = subscriber(reports="immediate", decisions="weekly")
    url = f"/email-alerts/manage/{tokens.make('manage', person)}/"
    html = client.get(url).content.decode()
    assert "Now: As soon as something is published" in html
    assert "Now: Once a week, in one email" in html
    assert client.post(url, {"scope": "reports", "frequency": "weekly"}).status_code == 302
    assert set(person.subscriptions.values_list("frequency", flat=True)) == {"weekly"}


def test_the_manage_page_refuses_an_unknown_frequency_and_changes_nothing(client, home):
    person = subscriber(reports="immediate")
    url = f"/email-alerts/manage/{tokens.make('manage', person)}/"
    response = client.post(url, {"scope": "reports", "frequency": "hourly"})
    assert response.status_code == 400
    assert "Choose how often you want emails." in response.content.decode()
    assert person.subscriptions.get().frequency == "immediate"


def test_the_report_list_filtered_to_one_organisation_offers_its_alerts(
    client, report_index, trust, council
):
    sent_report(report_index, [trust], datetime.date(2026, 1, 5), title="Discharge")
    html = client.get(f"/reports/?organisation={trust.pk}").content.decode()
    assert f'href="/email-alerts/?scope=organisation%3A{trust.pk}"' in html
    assert "Get emails when reports about Testshire Hospitals NHS Trust are published" in html
    assert 'href="/email-alerts/?scope=reports"' in client.get("/reports/").content.decode()
    form = client.get(f"/email-alerts/?scope=organisation:{trust.pk}").content.decode()
    assert "Reports about Testshire Hospitals NHS Trust" in form


def test_an_organisation_subscriber_is_alerted_about_its_reports_only(
    report_index, trust, council, run_worker
):
    person = subscriber(**{f"organisation_{trust.pk}": "immediate"})
    published(report_index, [council], "Home care visits")
    published(report_index, [trust], "Discharge")
    run_worker()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([person.email], "New on the LINk's site: Discharge")
    ]
