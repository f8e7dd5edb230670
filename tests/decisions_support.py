"""Fixtures and admin form data for the decisions app's tests (procedures, the decision log,
enter and view, requests and referrals). Test modules import the fixtures they use."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from decisions.models import Authorisation, DecisionKind

from .admin_forms import as_user, link_page_formsets
from .factories import (
    DecisionIndexPageFactory,
    DecisionPageFactory,
    EnterAndViewPageFactory,
    OrganisationFactory,
    PersonFactory,
    ProcedureIndexPageFactory,
    ProcedurePageFactory,
    VettingRecordFactory,
    VisitPageFactory,
)

D = datetime.date
AUTHORISED_FROM = D(2025, 1, 20)
AUTHORISED_UNTIL = D(2027, 12, 31)


@pytest.fixture
def procedures(home):
    return ProcedureIndexPageFactory(parent=home)


@pytest.fixture
def procedure(procedures):
    """Every kind of decision, in force since 2020."""
    return ProcedurePageFactory(parent=procedures, title="Making decisions", slug="making")


@pytest.fixture
def decision_log(home, procedure):
    return DecisionIndexPageFactory(parent=home)


@pytest.fixture
def provider(db):
    return OrganisationFactory(name="Testshire Care Homes Ltd")


@pytest.fixture
def visit_decision(decision_log, provider):
    return DecisionPageFactory(
        parent=decision_log,
        title="Visit Ward 1",
        kind=DecisionKind.ENTER_AND_VIEW,
        decided_on=D(2025, 5, 1),
        organisations=[provider],
    )


@pytest.fixture
def provider_visit(decision_log, provider, enter_and_view):
    """A live enter and view visit to `provider`, on 5 October 2026, with its decision."""
    decision = DecisionPageFactory(
        parent=decision_log,
        title="Visit Ward 1",
        kind=DecisionKind.ENTER_AND_VIEW,
        decided_on=D(2026, 9, 1),
        organisations=[provider],
    )
    return VisitPageFactory(
        parent=enter_and_view, decision=decision, provider=provider, visit_from=D(2026, 10, 5)
    )


def vetted_person(name, vetting_officer, **record):
    person = PersonFactory(display_name=name)
    VettingRecordFactory(person=person, considered_by=vetting_officer, **record)
    return person


@pytest.fixture
def representative(people):
    """A person with a satisfactory check, considered by the vetting officer."""
    return vetted_person("Ada Representative", people["vetting"])


@pytest.fixture
def enter_and_view(home, representative):
    """The live enter and view page, listing `representative` as authorised 2025 to 2027."""
    return EnterAndViewPageFactory(
        parent=home,
        authorisations=[
            Authorisation(
                person=representative,
                authorised_from=AUTHORISED_FROM,
                authorised_until=AUTHORISED_UNTIL,
            )
        ],
    )


def post_as(client, user, url, data):
    return as_user(client, user).post(url, data)


def form_errors(response, field):
    """The errors the admin's page form shows on one of its fields."""
    assert response.status_code == 200, (response.status_code, getattr(response, "url", ""))
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def inline_errors(response, relation, field, index=0):
    formset = response.context["form"].formsets[relation]
    return [str(e) for e in formset.forms[index].errors.get(field, [])]


def page_form(title, slug, **fields):
    data = {"title": title, "slug": slug, **link_page_formsets()}
    for name, value in fields.items():
        data[name] = value
    return nested_form_data(data)


def decision_form(title="Visit Ward 9", slug="visit-ward-9", **overrides):
    fields = {
        "kind": DecisionKind.ENTER_AND_VIEW,
        "decided_on": "2025-06-04",
        "decided_by": "Steering group meeting, 4 June 2025",
        "procedure": "",
        "statement": rich_text("<p>Two representatives will visit Ward 9.</p>"),
        "reasons": rich_text("<p>Patients told us about mealtimes.</p>"),
        "sector": "",
        "topics": "",
        "amount": "",
        "spending_purpose": "",
    }
    fields.update(overrides)
    organisations = fields.pop("organisations", [])
    data = page_form(title, slug, **fields)
    if organisations:
        data["organisations"] = [str(pk) for pk in organisations]
    return data


def visit_form(title="Ward 9, June 2025", slug="ward-9", representatives=(), **overrides):
    fields = {
        "premises_name": "Ward 9",
        "premises_address": "Hospital Road, Testshire",
        "service_kind": "hospital",
        "sector": "health",
        "provider": "",
        "visit_from": "2025-06-10",
        "visit_until": "",
        "decision": "",
        "status": "planned",
        "status_note": "",
        "purpose": rich_text("<p>Mealtimes.</p>"),
        "topics": "",
        "representatives": inline_formset([{"person": str(p.pk)} for p in representatives], min=1),
    }
    fields.update(overrides)
    return page_form(title, slug, **fields)


def authorisation_rows(*rows):
    """Inline rows for the enter and view page: (person, from, until, revoked on, id)."""
    data = []
    for person, start, end, revoked, pk in rows:
        data.append(
            {
                "id": str(pk or ""),
                "person": str(person.pk),
                "authorised_from": start.isoformat(),
                "authorised_until": end.isoformat(),
                "revoked_on": revoked.isoformat() if revoked else "",
            }
        )
    return data


def enter_and_view_form(page, rows, initial):
    return page_form(
        page.title,
        page.slug,
        introduction=rich_text("<p>Who may enter and view.</p>"),
        authorisations=inline_formset(authorisation_rows(*rows), initial=initial),
    )


def queries_for(client, url):
    """How many queries one anonymous request for `url` makes, after a warm-up request."""
    client.logout()
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
