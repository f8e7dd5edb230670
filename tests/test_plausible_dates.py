"""Plausible dates: what the LINk sent, received, decided or reported is dated between the day
LINks began and today, a visit at most two years ahead, and a report is not sent before its own
date; each refused through the admin's real edit view with a field error that says why."""

import datetime

import pytest
from wagtail.test.utils.form_data import rich_text

from decisions.models import DecisionKind
from linksite.plausible_dates import EARLIEST_LINK_DATE
from linksite.working_days import current_date

from .admin_forms import add_url, as_user, edit_url
from .decisions_support import decision_form, form_errors, inline_errors, page_form, visit_form
from .factories import DecisionPageFactory, RequestsAndReferralsIndexPageFactory, sent_report
from .publications_forms import add_response_url, report_form_data, response_form_data

pytestmark = pytest.mark.django_db

D = datetime.date
BEFORE_LINKS = "before LINks existed"
FUTURE = "is in the future (today is"
TOMORROW = (current_date() + datetime.timedelta(days=1)).isoformat()


@pytest.fixture
def editor(client, people):
    return as_user(client, people["editor"])


@pytest.fixture
def report(report_index, trust):
    report = sent_report(report_index, [trust], D(2026, 3, 2), slug="hospital-food")
    report.save_revision().publish()
    return report


def edit_report(client, report, **fields):
    return client.post(edit_url(report), report_form_data(**fields))


def test_the_floor_is_the_first_day_of_2008():
    assert EARLIEST_LINK_DATE == D(2008, 1, 1)


@pytest.mark.parametrize(
    ("report_date", "says"),
    [
        ("9999-12-31", FUTURE),
        (TOMORROW, FUTURE),
        ("0001-01-01", BEFORE_LINKS),
        ("2007-12-31", BEFORE_LINKS),
    ],
)
def test_a_report_dated_where_no_report_can_be_is_refused_saying_why(
    editor, report, report_date, says
):
    response = edit_report(editor, report, report_date=report_date)
    [error] = form_errors(response, "report_date")
    assert says in error


def test_a_report_dated_on_the_first_day_of_2008_is_accepted(editor, report):
    response = edit_report(editor, report, report_date="2008-01-01")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("sent_on", "says"),
    [
        ("9999-12-30", FUTURE),
        ("2001-03-02", BEFORE_LINKS),
        ("2020-03-02", "The report is dated 2 March 2026: it cannot have been sent before that."),
    ],
)
def test_a_report_sent_where_it_cannot_have_been_is_refused_saying_why(
    editor, report, trust, sent_on, says
):
    response = edit_report(
        editor, report, report_date="2026-03-02", recipients=[(trust, sent_on, 20)]
    )
    assert any(says in error for error in inline_errors(response, "recipients", "sent_on"))


def test_a_report_sent_on_its_own_date_is_accepted(editor, report, trust):
    response = edit_report(
        editor, report, report_date="2026-03-02", recipients=[(trust, "2026-03-02", 20)]
    )
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(("received_on", "says"), [(TOMORROW, FUTURE), ("9999-01-01", FUTURE)])
def test_a_reply_received_in_the_future_is_refused(editor, report, trust, received_on, says):
    response = editor.post(add_response_url(report), response_form_data(trust, received_on))
    [error] = form_errors(response, "received_on")
    assert says in error


def test_a_decision_dated_before_links_existed_is_refused(editor, decision_log, procedure):
    response = editor.post(
        add_url(decision_log, "decisionpage", "decisions"),
        decision_form(procedure=procedure.pk, decided_on="2007-06-04"),
    )
    assert BEFORE_LINKS in form_errors(response, "decided_on")[0]


def test_a_decision_dated_in_the_year_9999_is_refused(editor, decision_log, procedure):
    response = editor.post(
        add_url(decision_log, "decisionpage", "decisions"),
        decision_form(procedure=procedure.pk, decided_on="9999-06-04"),
    )
    assert FUTURE in form_errors(response, "decided_on")[0]


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("visit_from", "9999-06-10", "too far ahead: a visit is planned at most two years ahead"),
        ("visit_from", "1999-06-10", BEFORE_LINKS),
        ("visit_until", "9999-06-12", "too far ahead"),
    ],
)
def test_a_visit_dated_where_no_visit_can_be_is_refused(
    editor, enter_and_view, representative, field, value, says
):
    response = editor.post(
        add_url(enter_and_view, "visitpage", "decisions"),
        visit_form(representatives=[representative], **{field: value}),
    )
    assert says in form_errors(response, field)[0]


@pytest.fixture
def requests_index(home):
    return RequestsAndReferralsIndexPageFactory(parent=home)


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("sent_on", "9999-03-10", FUTURE),
        ("sent_on", "2003-03-10", BEFORE_LINKS),
        ("replied_on", "9999-03-20", FUTURE),
    ],
)
def test_an_information_request_dated_where_none_can_be_is_refused(
    editor, requests_index, decision_log, trust, field, value, says
):
    decision = DecisionPageFactory(
        parent=decision_log, kind=DecisionKind.INFORMATION_REQUEST, decided_on=D(2025, 3, 5)
    )
    fields = {
        "recipient": str(trust.pk),
        "decision": str(decision.pk),
        "sent_on": "2025-03-10",
        "reply_within": "20",
        "request": rich_text("<p>Your figures for missed visits.</p>"),
        "replied_on": "",
        "reply": rich_text("<p>Here they are.</p>" if field == "replied_on" else ""),
        field: value,
    }
    response = editor.post(
        add_url(requests_index, "informationrequestpage", "decisions"),
        page_form("Missed visits", "missed-visits", **fields),
    )
    assert any(says in error for error in form_errors(response, field))


def test_an_osc_referral_acknowledged_in_the_future_is_refused(
    editor, requests_index, decision_log
):
    from linksite.models import Organisation

    from .factories import OrganisationFactory

    osc = OrganisationFactory(name="Testshire Health OSC", kind=Organisation.Kind.OSC)
    decision = DecisionPageFactory(
        parent=decision_log, kind=DecisionKind.OSC_REFERRAL, decided_on=D(2025, 3, 5)
    )
    fields = {
        "osc": str(osc.pk),
        "decision": str(decision.pk),
        "sent_on": "2025-03-10",
        "matter": rich_text("<p>The closure of a day centre.</p>"),
        "acknowledged_on": TOMORROW,
        "osc_response": rich_text(""),
    }
    response = editor.post(
        add_url(requests_index, "oscreferralpage", "decisions"),
        page_form("Day centre closure", "day-centre", **fields),
    )
    assert any(FUTURE in error for error in form_errors(response, "acknowledged_on"))
