"""Partners alerted: subscribe with an address only, confirm by a signed link, get one mail
per subscriber when a page goes live through the workflow, unsubscribe in one click."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from alerts import tokens
from alerts.models import AlertSent, Subscriber, Subscription, delete_unconfirmed
from alerts.sending import alert_subscribers

from .factories import OrganisationFactory, sent_report

pytestmark = pytest.mark.django_db

URL = "/email-alerts/"


def subscribe(client, email="partner@example.org", scope="reports", **extra):
    return client.post(URL, {"email": email, "scope": scope}, **extra)


def link_in(message):
    return re.search(r"http://127\.0\.0\.1:8000(/\S+)", message.body).group(1)


def confirmed(client, run_worker, email="partner@example.org", scope="reports"):
    subscribe(client, email, scope)
    run_worker()
    client.get(link_in(mail.outbox[-1]))
    mail.outbox.clear()
    return Subscriber.objects.get(email=email)


def test_the_form_asks_for_an_address_only_and_says_what_is_kept(client, home):
    html = client.get(URL + "?scope=reports").content.decode()
    form = html.split('action="/email-alerts/"')[1].split("</form>")[0]
    assert 'type="email"' in form
    assert form.count("<input") == 5  # csrf, scope, email, and how often: two radio buttons
    assert form.count('type="radio"') == 2
    assert "What we keep" in html and "7 days" in html


def test_an_invalid_address_gets_a_field_error(client, home):
    response = subscribe(client, email="not an address")
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_an_unknown_scope_gets_a_clear_page_not_an_error(client, home):
    assert subscribe(client, scope="nonsense:<script>").status_code == 404
    assert client.get(URL + "?scope=organisation:999999").status_code == 404


def test_subscribing_sends_a_confirmation_and_nothing_else(client, home, run_worker):
    response = subscribe(client)
    assert response.status_code == 302
    run_worker()
    assert [m.subject for m in mail.outbox] == ["Confirm your email alerts"]
    assert Subscriber.objects.get().confirmed_at is None


def test_confirming_twice_changes_nothing_the_second_time(client, home, run_worker):
    subscribe(client)
    run_worker()
    link = link_in(mail.outbox[0])
    assert client.get(link).status_code == 302
    first = Subscriber.objects.get().confirmed_at
    assert client.get(link).status_code == 200
    assert Subscriber.objects.get().confirmed_at == first


def test_a_tampered_confirmation_link_gets_a_clear_page(client, home, run_worker):
    subscribe(client)
    run_worker()
    link = link_in(mail.outbox[0])
    response = client.get(link[:-3] + "xyz/")
    assert response.status_code == 400
    assert b"This link does not work" in response.content
    assert Subscriber.objects.get().confirmed_at is None


def test_an_expired_confirmation_link_changes_nothing(client, home, run_worker, monkeypatch):
    subscribe(client)
    run_worker()
    link = link_in(mail.outbox[0])
    later = __import__("time").time() + 8 * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client.get(link).status_code == 400
    assert Subscriber.objects.get().confirmed_at is None


def test_unconfirmed_addresses_are_deleted_after_seven_days(home):
    old = Subscriber.objects.create(email="old@example.org")
    Subscriber.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    Subscriber.objects.create(email="new@example.org")
    delete_unconfirmed()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_a_live_report_alerts_each_confirmed_subscriber_once(
    client, report_index, trust, run_worker
):
    partner = confirmed(client, run_worker)
    subscribe(client, scope=f"organisation:{trust.pk}")  # a second matching subscription
    Subscriber.objects.create(email="unconfirmed@example.org").subscriptions.create(
        scope="reports", label="New reports"
    )
    run_worker()
    mail.outbox.clear()
    report = sent_report(report_index, [trust], datetime.date(2026, 1, 5), title="Discharge")
    alert_subscribers.call(report.pk)
    alert_subscribers.call(report.pk)  # again: nobody alerted twice
    run_worker()
    assert [m.to for m in mail.outbox] == [[partner.email]]
    message = mail.outbox[0].message()
    assert "Discharge" in mail.outbox[0].subject
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/email-alerts/unsub")
    assert AlertSent.objects.count() == 1


def test_a_report_going_live_alerts_through_the_worker_not_the_request(
    client, report_index, trust, run_worker
):
    partner = confirmed(client, run_worker)
    report = sent_report(report_index, [trust], datetime.date(2026, 1, 5), title="Meals")
    report.save_revision().publish()
    assert mail.outbox == []  # publishing did not wait for mail
    run_worker()
    assert [m.to for m in mail.outbox] == [[partner.email]]


def test_publishing_costs_the_same_queries_with_one_or_many_subscribers(
    client, report_index, trust, run_worker
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    confirmed(client, run_worker)

    def queries_to_publish(title):
        report = sent_report(report_index, [trust], datetime.date(2026, 1, 5), title=title)
        revision = report.save_revision()
        with CaptureQueriesContext(connection) as captured:
            revision.publish()
        return len(captured)

    few = queries_to_publish("First")
    for n in range(30):
        Subscriber.objects.create(
            email=f"s{n}@example.org", confirmed_at=timezone.now()
        ).subscriptions.create(scope="reports", label="New reports")
    assert queries_to_publish("Second") == few


def test_one_click_unsubscribe_deletes_the_address(client, home, run_worker):
    partner = confirmed(client, run_worker)
    token = tokens.make("manage", partner, "all")
    response = client.post(f"/email-alerts/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    again = client.post(f"/email-alerts/unsubscribe/{token}/")
    assert again.status_code == 400


def test_a_forged_manage_link_shows_nothing(client, home, run_worker):
    partner = confirmed(client, run_worker)
    token = tokens.make("manage", partner)
    forged = token.replace(str(partner.pk), str(partner.pk + 1), 1)
    response = client.get(f"/email-alerts/manage/{forged}/")
    assert response.status_code == 400
    assert partner.email.encode() not in response.content


def test_the_manage_page_lists_and_stops_one_subscription(client, report_index, trust, run_worker):
    partner = confirmed(client, run_worker)
    Subscription.objects.create(subscriber=partner, scope="decisions", label="The decision log")
    url = f"/email-alerts/manage/{tokens.make('manage', partner)}/"
    html = client.get(url).content.decode()
    assert "New reports" in html and "The decision log" in html
    client.post(url, {"scope": "decisions"})
    assert list(partner.subscriptions.values_list("scope", flat=True)) == ["reports"]


def test_the_form_is_rate_limited_per_address(client, home, run_worker):
    statuses = [subscribe(client).status_code for _ in range(5)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3:] == [429, 429]


def test_the_form_is_rate_limited_per_client(client, home):
    statuses = [subscribe(client, email=f"p{n}@example.org").status_code for n in range(22)]
    assert statuses.count(429) == 2


def test_the_answer_does_not_reveal_whether_an_address_is_known(client, home, run_worker):
    confirmed(client, run_worker)
    known = subscribe(client)
    unknown = subscribe(client, email="someone-else@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_a_subscription_in_urdu_gets_its_mail_in_urdu(client, home, run_worker):
    client.post("/ur" + URL, {"email": "u@example.org", "scope": "reports"})
    assert Subscription.objects.get().language == "ur"


def test_an_organisation_page_scope_is_labelled(client, home):
    organisation = OrganisationFactory(name="Testshire Care")
    html = client.get(URL + f"?scope=organisation:{organisation.pk}").content.decode()
    assert "Reports about Testshire Care" in html


def test_the_report_list_and_a_report_offer_alerts(client, report_index, trust):
    report = sent_report(report_index, [trust], datetime.date(2026, 1, 5), title="Discharge")
    assert 'href="/email-alerts/?scope=reports"' in client.get("/reports/").content.decode()
    html = client.get(report.url).content.decode()
    assert f'href="/email-alerts/?scope=replies%3A{report.pk}"' in html
    followed = client.get(f"/email-alerts/?scope=replies:{report.pk}").content.decode()
    assert "Replies to &#x27;Discharge&#x27;" in followed


def test_the_daily_run_deletes_unconfirmed_addresses(home):
    import io

    from django.core.management import call_command

    old = Subscriber.objects.create(email="old@example.org")
    Subscriber.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "Unconfirmed alert addresses deleted: 1" in out.getvalue()
    assert not Subscriber.objects.exists()
