"""Information requests and OSC referrals: the decision behind each, and the reply owed on the
one statutory clock, with the same status words as replies to reports."""

import pytest
from wagtail.test.utils.form_data import rich_text

from decisions.models import DecisionKind, InformationRequestPage, OSCReferralPage
from linksite.clock import ReplyStatus, reply_status

from .admin_forms import add_url, as_user
from .decisions_support import D, form_errors, page_form, post_as, queries_for
from .factories import (
    DecisionPageFactory,
    InformationRequestPageFactory,
    OrganisationFactory,
    OSCReferralPageFactory,
    RequestsAndReferralsIndexPageFactory,
)

pytestmark = pytest.mark.django_db

# Sent on Monday 10 March 2025: 20 working days, counting that day, end on Friday 4 April.
SENT = D(2025, 3, 10)
DUE = D(2025, 4, 4)
NEXT_WORKING_DAY = D(2025, 4, 7)


@pytest.fixture
def index(home):
    return RequestsAndReferralsIndexPageFactory(parent=home)


@pytest.fixture
def request_decision(decision_log):
    return DecisionPageFactory(
        parent=decision_log, kind=DecisionKind.INFORMATION_REQUEST, decided_on=D(2025, 3, 5)
    )


@pytest.fixture
def referral_decision(decision_log):
    return DecisionPageFactory(
        parent=decision_log, kind=DecisionKind.OSC_REFERRAL, decided_on=D(2025, 3, 5)
    )


@pytest.fixture
def osc(db):
    from linksite.models import Organisation

    return OrganisationFactory(name="Testshire Health OSC", kind=Organisation.Kind.OSC)


def request_form(decision, recipient, **overrides):
    fields = {
        "recipient": str(recipient.pk),
        "decision": str(decision.pk) if decision else "",
        "sent_on": SENT.isoformat(),
        "reply_within": "20",
        "request": rich_text("<p>Your figures for missed visits.</p>"),
        "replied_on": "",
        "reply": rich_text(""),
    }
    fields.update(overrides)
    return page_form("Missed visits", "missed-visits", **fields)


def referral_form(decision, osc, **overrides):
    fields = {
        "osc": str(osc.pk),
        "decision": str(decision.pk) if decision else "",
        "sent_on": SENT.isoformat(),
        "matter": rich_text("<p>The closure of a day centre.</p>"),
        "acknowledged_on": "",
        "osc_response": rich_text(""),
    }
    fields.update(overrides)
    return page_form("Day centre closure", "day-centre", **fields)


def add(client, people, index, model, data):
    return post_as(client, people["editor"], add_url(index, model, "decisions"), data)


# The clock, either side of the due date


@pytest.mark.parametrize(
    ("replied_on", "today", "state", "label"),
    [
        (None, DUE, ReplyStatus.AWAITING, "Awaiting reply (due 4 April 2025)"),
        (None, NEXT_WORKING_DAY, ReplyStatus.OVERDUE, "Overdue by 1 working day"),
        (DUE, NEXT_WORKING_DAY, ReplyStatus.ON_TIME, "Replied on time"),
        (NEXT_WORKING_DAY, NEXT_WORKING_DAY, ReplyStatus.LATE, "Replied late (1 working day)"),
    ],
)
def test_an_information_request_is_on_time_or_late_either_side_of_the_due_date(
    index, request_decision, replied_on, today, state, label
):
    page = InformationRequestPageFactory(
        parent=index, decision=request_decision, sent_on=SENT, replied_on=replied_on
    )
    assert page.due_by == DUE
    status = page.reply_status(today=today)
    assert (status.state, str(status.label)) == (state, label)
    # The same words as every other reply owed, from the one clock.
    assert str(status.label) == str(reply_status(SENT, replied_on, 20, today=today).label)


@pytest.mark.parametrize(
    ("acknowledged_on", "today", "state"),
    [
        (None, DUE, ReplyStatus.AWAITING),
        (None, NEXT_WORKING_DAY, ReplyStatus.OVERDUE),
        (DUE, NEXT_WORKING_DAY, ReplyStatus.ON_TIME),
        (NEXT_WORKING_DAY, NEXT_WORKING_DAY, ReplyStatus.LATE),
    ],
)
def test_an_osc_referral_is_acknowledged_within_20_working_days_counting_the_referral_day(
    index, referral_decision, acknowledged_on, today, state
):
    page = OSCReferralPageFactory(
        parent=index, decision=referral_decision, sent_on=SENT, acknowledged_on=acknowledged_on
    )
    assert page.reply_within == 20 and page.due_by == DUE
    assert page.reply_status(today=today).state == state


def test_a_referral_made_on_a_saturday_starts_counting_on_monday(index, referral_decision):
    page = OSCReferralPageFactory(parent=index, decision=referral_decision, sent_on=D(2025, 3, 8))
    assert page.due_by == DUE


def test_the_osc_reply_period_is_not_offered_in_the_editor(client, people, index):
    from django.urls import reverse

    as_user(client, people["editor"])
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["decisions", "oscreferralpage", index.pk])
    )
    assert "reply_within" not in response.context["form"].fields
    assert "reply_within" in InformationRequestPage.get_edit_handler().get_form_class()().fields


# The checks an editor meets, each with nothing saved


def test_an_editor_records_an_information_request(client, people, index, request_decision):
    recipient = OrganisationFactory(name="Home Care Agency")
    response = add(
        client, people, index, "informationrequestpage", request_form(request_decision, recipient)
    )
    assert response.status_code == 302, response.context["form"].errors
    assert InformationRequestPage.objects.get().recipient == recipient


def test_a_request_without_a_kind_d_decision_is_refused(client, people, index, referral_decision):
    recipient = OrganisationFactory()
    for decision in (None, referral_decision):
        response = add(
            client, people, index, "informationrequestpage", request_form(decision, recipient)
        )
        assert "kind (d)" in form_errors(response, "decision")[0]
    assert not InformationRequestPage.objects.exists()


def test_a_request_sent_before_its_decision_is_refused(client, people, index, request_decision):
    data = request_form(request_decision, OrganisationFactory(), sent_on="2025-03-04")
    response = add(client, people, index, "informationrequestpage", data)
    assert "the decision comes first" in form_errors(response, "decision")[0]
    assert not InformationRequestPage.objects.exists()


def test_a_reply_dated_before_the_request_was_sent_is_refused(
    client, people, index, request_decision
):
    data = request_form(request_decision, OrganisationFactory(), replied_on="2025-03-07")
    response = add(client, people, index, "informationrequestpage", data)
    assert "before the day it was sent" in form_errors(response, "replied_on")[0]
    assert not InformationRequestPage.objects.exists()


def test_an_editor_records_an_osc_referral(client, people, index, referral_decision, osc):
    response = add(client, people, index, "oscreferralpage", referral_form(referral_decision, osc))
    assert response.status_code == 302, response.context["form"].errors
    referral = OSCReferralPage.objects.get()
    assert referral.osc == osc and referral.reply_within == 20


def test_a_referral_without_a_kind_g_decision_is_refused(
    client, people, index, request_decision, osc
):
    for decision in (None, request_decision):
        response = add(client, people, index, "oscreferralpage", referral_form(decision, osc))
        assert "kind (g)" in form_errors(response, "decision")[0]
    assert not OSCReferralPage.objects.exists()


def test_a_referral_goes_to_an_overview_and_scrutiny_committee(
    client, people, index, referral_decision
):
    provider = OrganisationFactory(name="Not A Committee")
    response = add(
        client, people, index, "oscreferralpage", referral_form(referral_decision, provider)
    )
    assert form_errors(response, "osc")
    assert not OSCReferralPage.objects.exists()


# The public pages


def test_the_index_shows_each_request_and_referral_with_its_due_date_and_status(
    client, index, request_decision, referral_decision
):
    InformationRequestPageFactory(
        parent=index, title="Unanswered", decision=request_decision, sent_on=SENT
    )
    InformationRequestPageFactory(
        parent=index, title="Answered", decision=request_decision, sent_on=SENT, replied_on=DUE
    )
    OSCReferralPageFactory(parent=index, title="Referred", decision=referral_decision, sent_on=SENT)
    html = client.get(index.url).content.decode()
    assert html.count("<h1") == 1
    assert html.count("4 April 2025") == 3
    assert '<span class="status status--overdue">Overdue by' in html
    assert '<span class="status status--on_time">Replied on time</span>' in html
    assert "Testshire Health OSC" in html


def test_a_request_page_shows_sent_on_due_by_status_and_the_reply(client, index, request_decision):
    page = InformationRequestPageFactory(
        parent=index,
        decision=request_decision,
        sent_on=SENT,
        replied_on=NEXT_WORKING_DAY,
        reply="<p>Here are the figures.</p>",
    )
    html = client.get(page.url).content.decode()
    assert "10 March 2025" in html and "4 April 2025" in html and "7 April 2025" in html
    assert "Replied late (1 working day)" in html and "Here are the figures." in html
    assert f'href="{request_decision.url}"' in html


def test_the_index_takes_the_same_number_of_queries_for_5_and_30_items(
    client, index, request_decision, referral_decision
):
    def add_items(count):
        for _ in range(count):
            InformationRequestPageFactory(parent=index, decision=request_decision)
            OSCReferralPageFactory(parent=index, decision=referral_decision)

    add_items(5)
    with_five = queries_for(client, index.url)
    add_items(25)
    assert queries_for(client, index.url) == with_five
