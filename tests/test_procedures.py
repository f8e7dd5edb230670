"""Published procedures: versioned, in force from a date, superseded versions kept public with
a notice, and each decision naming the version in force on its day."""

import datetime

import pytest
from wagtail.test.utils.form_data import rich_text, streamfield

from decisions.models import ProcedurePage

from .admin_forms import add_url
from .decisions_support import D, form_errors, page_form, post_as, queries_for
from .factories import DecisionPageFactory, ProcedurePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def amended(procedures, procedure):
    """Version 2 of `procedure`, in force from 1 July 2025."""
    return ProcedurePageFactory(
        parent=procedures,
        title="Making decisions",
        slug="making-2",
        supersedes=procedure,
        in_force_from=D(2025, 7, 1),
    )


def procedure_form(title="Making decisions", slug="making-3", **overrides):
    fields = {
        "summary": "",
        "kinds": list("abcdefgh"),
        "who_may_decide": rich_text("<p>The steering group.</p>"),
        "body": streamfield([("paragraph", rich_text("<p>By a majority.</p>"))]),
        "in_force_from": "2025-09-01",
        "supersedes": "",
    }
    fields.update(overrides)
    kinds = fields.pop("kinds")
    data = page_form(title, slug, **fields)
    data["kinds"] = kinds
    return data


def test_an_amended_procedure_names_the_one_it_supersedes_and_is_the_next_version(
    procedure, amended
):
    assert procedure.version == 1 and amended.version == 2
    assert procedure.superseded_by == amended
    assert procedure.superseded_on == D(2025, 7, 1)


def test_the_version_in_force_is_the_one_for_the_day(procedure, amended):
    assert list(ProcedurePage.objects.in_force(D(2025, 6, 30), "f")) == [procedure]
    assert list(ProcedurePage.objects.in_force(D(2025, 7, 1), "f")) == [amended]
    assert not ProcedurePage.objects.in_force(D(2019, 12, 31), "f").exists()
    assert procedure.in_force_on(D(2025, 6, 30)) and not procedure.in_force_on(D(2025, 7, 1))


def test_a_draft_new_version_does_not_supersede_the_published_one(procedures, procedure):
    ProcedurePageFactory(
        parent=procedures,
        slug="draft",
        supersedes=procedure,
        in_force_from=D(2025, 7, 1),
        live=False,
    )
    assert list(ProcedurePage.objects.in_force(D(2025, 8, 1), "f")) == [procedure]
    assert procedure.superseded_by is None


def test_a_superseded_procedure_stays_public_with_a_notice_and_the_decisions_made_under_it(
    client, decision_log, procedure, amended
):
    old = DecisionPageFactory(parent=decision_log, title="Old rules", decided_on=D(2025, 6, 2))
    new = DecisionPageFactory(parent=decision_log, title="New rules", decided_on=D(2025, 7, 2))
    assert old.procedure == procedure and new.procedure == amended

    response = client.get(procedure.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Superseded on 1 July 2025</strong>" in html
    assert f'<a href="{amended.url}">Making decisions (version 2)</a>' in html
    assert "decisions made from 1 January 2020 to 30 June 2025" in html
    assert "Old rules" in html and "New rules" not in html

    html = client.get(old.url).content.decode()
    assert f'<a href="{procedure.url}">Making decisions</a> (version 1)' in html
    assert "superseded on 1 July 2025" in html


def test_a_version_replaced_later_says_when_it_will_be(client, procedures, procedure):
    later = datetime.date.today() + datetime.timedelta(days=30)
    ProcedurePageFactory(parent=procedures, slug="next", supersedes=procedure, in_force_from=later)
    html = client.get(procedure.url).content.decode()
    assert "will be replaced by" in html and "Superseded on" not in html


def test_the_index_lists_versions_in_force_apart_from_superseded_ones(
    client, procedures, procedure, amended
):
    context = client.get(procedures.url).context
    assert context["current_procedures"] == [amended]
    assert context["superseded_procedures"] == [procedure]
    assert context["superseded_procedures"][0].next_version == amended


def test_the_index_takes_the_same_number_of_queries_for_5_and_30_procedures(client, procedures):
    def add(count, start):
        previous = None
        for n in range(start, start + count):
            previous = ProcedurePageFactory(
                parent=procedures,
                slug=f"p{n}",
                supersedes=previous if n % 2 else None,
                in_force_from=D(2020, 1, 1) + datetime.timedelta(days=n),
            )

    add(5, 0)
    with_five = queries_for(client, procedures.url)
    add(25, 5)
    assert queries_for(client, procedures.url) == with_five


# Checks in the editor, each with nothing saved


def test_an_editor_publishes_a_new_version_through_the_admin(client, people, procedures, procedure):
    url = add_url(procedures, "procedurepage", "decisions")
    response = post_as(client, people["editor"], url, procedure_form(supersedes=procedure.pk))
    assert response.status_code == 302, response.context["form"].errors
    new = ProcedurePage.objects.get(slug="making-3")
    assert new.kinds == "abcdefgh" and new.version == 2 and new.supersedes == procedure


def test_a_new_version_must_come_into_force_after_the_one_it_supersedes(
    client, people, procedures, amended
):
    url = add_url(procedures, "procedurepage", "decisions")
    response = post_as(
        client,
        people["editor"],
        url,
        procedure_form(supersedes=amended.pk, in_force_from="2025-07-01"),
    )
    assert "must come into force after" in form_errors(response, "in_force_from")[0]
    assert not ProcedurePage.objects.filter(slug="making-3").exists()


def test_a_version_cannot_be_superseded_twice(client, people, procedures, procedure, amended):
    url = add_url(procedures, "procedurepage", "decisions")
    response = post_as(client, people["editor"], url, procedure_form(supersedes=procedure.pk))
    assert "already has a newer version" in form_errors(response, "supersedes")[0]
    assert not ProcedurePage.objects.filter(slug="making-3").exists()


def test_a_procedure_covers_at_least_one_kind_of_decision(client, people, procedures):
    url = add_url(procedures, "procedurepage", "decisions")
    response = post_as(client, people["editor"], url, procedure_form(kinds=[]))
    assert form_errors(response, "kinds")
    assert not ProcedurePage.objects.filter(slug="making-3").exists()
