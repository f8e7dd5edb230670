"""A report names the decision to send it (kind (e)) and, for an enter and view report, the
visit it reports on; the decision and the visit then list the report as what followed."""

import datetime

import pytest

from decisions.models import DecisionKind
from publications.models import ReportPage

from .admin_forms import as_user
from .decisions_support import (  # noqa: F401
    decision_log,
    enter_and_view,
    procedure,
    procedures,
    provider,
    representative,
)
from .factories import DecisionPageFactory, sent_report
from .publications_forms import add_report_url, report_form_data

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def send_decision(decision_log, trust):  # noqa: F811
    return DecisionPageFactory(
        parent=decision_log,
        title="Send the hospital food report",
        kind=DecisionKind.REPORT,
        decided_on=D(2026, 10, 1),
        organisations=[trust],
    )


@pytest.fixture
def visit(provider_visit):
    return provider_visit


def post_report(client, people, report_index, trust, **extra):
    as_user(client, people["editor"])
    return client.post(
        add_report_url(report_index),
        report_form_data(recipients=[(trust, "2026-11-02", 20)], **extra),
    )


def test_a_report_names_the_kind_e_decision_to_send_it(
    client, people, report_index, trust, send_decision
):
    response = post_report(client, people, report_index, trust, decision=send_decision.pk)
    assert response.status_code == 302
    assert ReportPage.objects.get(slug="hospital-food").decision == send_decision


def test_a_decision_of_another_kind_is_refused_and_nothing_saved(
    client,
    people,
    report_index,
    trust,
    decision_log,  # noqa: F811
):
    spending = DecisionPageFactory(
        parent=decision_log, kind=DecisionKind.SPENDING, decided_on=D(2026, 10, 1)
    )
    response = post_report(client, people, report_index, trust, decision=spending.pk)
    assert response.status_code == 200
    assert "needs a kind (e) decision" in response.content.decode()
    assert not ReportPage.objects.filter(slug="hospital-food").exists()


def test_a_decision_made_after_the_report_is_refused(
    client,
    people,
    report_index,
    trust,
    decision_log,  # noqa: F811
):
    late = DecisionPageFactory(
        parent=decision_log, kind=DecisionKind.REPORT, decided_on=D(2026, 11, 10)
    )
    response = post_report(client, people, report_index, trust, decision=late.pk)
    assert "the decision comes first" in response.content.decode()
    assert not ReportPage.objects.filter(slug="hospital-food").exists()


def test_only_an_enter_and_view_report_names_a_visit(client, people, report_index, trust, visit):
    response = post_report(client, people, report_index, trust, visit=visit.pk)
    assert "Only an enter and view visit report names the visit" in response.content.decode()
    assert not ReportPage.objects.filter(slug="hospital-food").exists()

    response = post_report(
        client, people, report_index, trust, visit=visit.pk, kind="enter_and_view"
    )
    assert response.status_code == 302
    assert ReportPage.objects.get(slug="hospital-food").visit == visit


def test_a_report_dated_before_its_visit_is_refused(client, people, report_index, trust, visit):
    visit.visit_from = D(2026, 11, 20)
    visit.save_revision().publish()
    response = post_report(
        client, people, report_index, trust, visit=visit.pk, kind="enter_and_view"
    )
    assert "a report comes after its visit" in response.content.decode()
    assert not ReportPage.objects.filter(slug="hospital-food").exists()


def test_the_decision_and_the_visit_list_the_live_report_that_followed(
    client, report_index, trust, send_decision, visit
):
    report = sent_report(
        report_index,
        [trust],
        D(2026, 11, 2),
        title="Ward 1 at lunchtime",
        kind=ReportPage.Kind.ENTER_AND_VIEW,
        decision=send_decision,
        visit=visit,
    )
    assert report in send_decision.what_followed()
    assert "Ward 1 at lunchtime" in client.get(send_decision.url).content.decode()
    assert "Ward 1 at lunchtime" in client.get(visit.url).content.decode()
    html = client.get(report.url).content.decode()
    assert send_decision.title in html and visit.title in html


def test_a_draft_report_is_not_listed_as_what_followed(client, report_index, trust, send_decision):
    report = sent_report(
        report_index, [trust], D(2026, 11, 2), title="Not yet approved", decision=send_decision
    )
    report.unpublish()
    assert report not in send_decision.what_followed()
    assert "Not yet approved" not in client.get(send_decision.url).content.decode()
