"""The decision log: every relevant decision with its reasons and the procedure in force,
the checks an editor meets in the admin, and the public log with its filters and counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from decisions.models import DecisionKind, DecisionPage
from linksite.models import DeclaredInterest
from linksite.workflow import conflicting_interests

from .admin_forms import add_url, as_user, edit_url
from .decisions_support import D, decision_form, form_errors, post_as, queries_for
from .factories import (
    DecisionPageFactory,
    InformationRequestPageFactory,
    OrganisationFactory,
    OSCReferralPageFactory,
    ProcedurePageFactory,
    RequestsAndReferralsIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def add_decision(client, people, log, **overrides):
    url = add_url(log, "decisionpage", "decisions")
    return post_as(client, people["editor"], url, decision_form(**overrides))


# The eight kinds


def test_the_kinds_are_the_eight_of_regulation_2_2_in_plain_words():
    assert DecisionKind.values == list("abcdefgh")
    assert DecisionKind("f").label == "Which premises we enter and view, and when"
    assert DecisionKind("g").label == (
        "Whether to refer a matter to the Overview and Scrutiny Committee"
    )


# Checks in the editor, each with nothing saved


def test_an_editor_records_a_decision_that_follows_the_rules(
    client, people, decision_log, procedure
):
    response = add_decision(client, people, decision_log, procedure=procedure.pk)
    assert response.status_code == 302, response.context["form"].errors
    decision = DecisionPage.objects.get(slug="visit-ward-9")
    assert decision.procedure == procedure and not decision.live


@pytest.mark.parametrize("reasons", ["", "<p></p>", "<p>   </p>", "<p>&nbsp;</p>"])
def test_a_decision_without_reasons_is_refused_and_nothing_saved(
    client, people, decision_log, procedure, reasons
):
    from wagtail.test.utils.form_data import rich_text

    response = add_decision(
        client, people, decision_log, procedure=procedure.pk, reasons=rich_text(reasons)
    )
    assert any("Give the reasons" in e for e in form_errors(response, "reasons"))
    assert not DecisionPage.objects.filter(slug="visit-ward-9").exists()


def test_a_decision_with_no_procedure_in_force_for_its_kind_is_refused(
    client, people, decision_log, procedure, procedures
):
    procedure.kinds = "abc"
    procedure.save_revision().publish()
    response = add_decision(client, people, decision_log, procedure=procedure.pk)
    errors = form_errors(response, "procedure")
    assert "No published procedure for decisions about “Which premises we enter" in errors[0]
    assert "4 June 2025" in errors[0]
    assert not DecisionPage.objects.filter(slug="visit-ward-9").exists()


def test_a_procedure_published_only_after_the_decision_does_not_count(
    client, people, home, procedures
):
    from .factories import DecisionIndexPageFactory

    log = DecisionIndexPageFactory(parent=home)
    later = ProcedurePageFactory(parent=procedures, in_force_from=D(2025, 7, 1))
    response = add_decision(client, people, log, procedure=later.pk)
    assert "No published procedure" in form_errors(response, "procedure")[0]
    assert not DecisionPage.objects.filter(slug="visit-ward-9").exists()


def test_a_procedure_not_in_force_that_day_is_refused_and_the_right_one_suggested(
    client, people, decision_log, procedure, procedures
):
    newer = ProcedurePageFactory(
        parent=procedures,
        title="Making decisions",
        slug="making-2",
        supersedes=procedure,
        in_force_from=D(2025, 4, 1),
    )
    response = add_decision(client, people, decision_log, procedure=procedure.pk)
    [error] = form_errors(response, "procedure")
    assert "“Making decisions (version 1, in force from 1 January 2020)” was not in force" in error
    assert "The procedure in force that day was “Making decisions (version 2" in error
    assert not DecisionPage.objects.filter(slug="visit-ward-9").exists()
    # ...and the suggested version is accepted.
    response = add_decision(client, people, decision_log, procedure=newer.pk)
    assert response.status_code == 302


def test_a_procedure_that_does_not_cover_the_kind_is_refused(
    client, people, decision_log, procedure, procedures
):
    spending = ProcedurePageFactory(parent=procedures, title="Spending", kinds="c")
    response = add_decision(client, people, decision_log, procedure=spending.pk)
    [error] = form_errors(response, "procedure")
    assert "does not cover decisions about “Which premises we enter and view" in error
    assert "“Making decisions (version 1" in error
    assert not DecisionPage.objects.filter(slug="visit-ward-9").exists()


def test_a_decision_without_a_procedure_is_told_which_one_was_in_force(
    client, people, decision_log, procedure
):
    response = add_decision(client, people, decision_log)
    [error] = form_errors(response, "procedure")
    assert error.startswith("Choose the procedure this decision was made under.")
    assert "Making decisions (version 1" in error
    assert not DecisionPage.objects.exists()


def test_a_decision_dated_in_the_future_is_refused(client, people, decision_log, procedure):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = add_decision(
        client, people, decision_log, procedure=procedure.pk, decided_on=tomorrow.isoformat()
    )
    assert "in the future" in form_errors(response, "decided_on")[0]
    assert not DecisionPage.objects.exists()


def test_editing_a_decision_so_it_breaks_a_rule_saves_nothing(
    client, people, decision_log, procedure
):
    from wagtail.test.utils.form_data import rich_text

    decision = DecisionPageFactory(parent=decision_log, title="Visit Ward 9", slug="visit-ward-9")
    revisions = Revision.objects.count()
    response = post_as(
        client,
        people["editor"],
        edit_url(decision),
        decision_form(procedure=procedure.pk, reasons=rich_text("<p></p>")),
    )
    assert form_errors(response, "reasons")
    assert Revision.objects.count() == revisions
    decision.refresh_from_db()
    assert decision.reasons == "<p>Because of that.</p>" and not decision.has_unpublished_changes


# The decision page


def test_a_decision_page_shows_its_reasons_procedure_and_both_dates(
    client, decision_log, procedure, provider
):
    decision = DecisionPageFactory(
        parent=decision_log,
        kind=DecisionKind.SERVICES,
        decided_on=D(2025, 3, 4),
        organisations=[provider],
        reasons="<p>People asked us to.</p>",
        first_published_at=timezone.make_aware(datetime.datetime(2025, 3, 17, 12)),
    )
    html = client.get(decision.url).content.decode()
    assert html.count("<h1") == 1
    assert "(b)</span> Which care services we look at" in html
    assert 'Decided on</dt>\n    <dd><time datetime="2025-03-04">4 March 2025' in html
    assert 'First published</dt>\n    <dd><time datetime="2025-03-17">17 March 2025' in html
    assert "People asked us to." in html
    assert f'href="{procedure.url}"' in html and "(version 1)" in html
    assert "Testshire Care Homes Ltd" in html


def test_what_followed_lists_live_visits_requests_and_referrals_but_not_drafts(
    home, decision_log, procedure
):
    from .factories import EnterAndViewPageFactory, VisitPageFactory

    request_decision = DecisionPageFactory(
        parent=decision_log, kind=DecisionKind.INFORMATION_REQUEST
    )
    referral_decision = DecisionPageFactory(parent=decision_log, kind=DecisionKind.OSC_REFERRAL)
    visit_decision = DecisionPageFactory(parent=decision_log, kind=DecisionKind.ENTER_AND_VIEW)
    index = RequestsAndReferralsIndexPageFactory(parent=home)
    asked = InformationRequestPageFactory(parent=index, decision=request_decision)
    InformationRequestPageFactory(parent=index, decision=request_decision, live=False)
    referred = OSCReferralPageFactory(parent=index, decision=referral_decision)
    visit = VisitPageFactory(parent=EnterAndViewPageFactory(parent=home), decision=visit_decision)
    assert request_decision.what_followed() == [asked]
    assert referral_decision.what_followed() == [referred]
    assert visit_decision.what_followed() == [visit]


def test_a_steering_member_with_an_interest_in_a_decisions_organisation_is_conflicted(
    people, decision_log, procedure, provider
):
    decision = DecisionPageFactory(parent=decision_log, organisations=[provider])
    DeclaredInterest.objects.create(
        person=people["steering1"].link_person,
        organisation=provider,
        nature=DeclaredInterest.Nature.CONTRACT,
        declared_on=D(2024, 1, 1),
    )
    assert list(decision.concerned_organisations()) == [provider]
    assert conflicting_interests(people["steering1"], decision).exists()
    assert not conflicting_interests(people["steering2"], decision).exists()


# The decision log


def log_with(decision_log, count, **fields):
    for n in range(count):
        DecisionPageFactory(parent=decision_log, decided_on=D(2025, 1, 1 + n % 28), **fields)


def test_the_log_lists_newest_first_and_leaves_out_drafts(client, decision_log, procedure):
    DecisionPageFactory(parent=decision_log, title="Older", decided_on=D(2024, 5, 1))
    DecisionPageFactory(parent=decision_log, title="Newer", decided_on=D(2025, 2, 1))
    DecisionPageFactory(parent=decision_log, title="A draft", live=False)
    html = client.get(decision_log.url).content.decode()
    assert html.index("Newer") < html.index("Older")
    assert "A draft" not in html
    assert "2 decisions" in html


def test_the_log_counts_decisions_of_each_kind(client, decision_log, procedure):
    log_with(decision_log, 3, kind=DecisionKind.ENTER_AND_VIEW)
    log_with(decision_log, 2, kind=DecisionKind.SPENDING)
    context = client.get(decision_log.url).context
    counts = {row["code"]: row["count"] for row in context["kind_counts"]}
    assert counts == {"a": 0, "b": 0, "c": 2, "d": 0, "e": 0, "f": 3, "g": 0, "h": 0}


def test_the_log_filters_by_kind_year_and_organisation(client, decision_log, procedure, provider):
    other = OrganisationFactory(name="Other Trust")
    DecisionPageFactory(parent=decision_log, title="Spend 2024", kind="c", decided_on=D(2024, 5, 1))
    DecisionPageFactory(parent=decision_log, title="Visit 2025", kind="f", organisations=[provider])
    DecisionPageFactory(parent=decision_log, title="Ask 2025", kind="d", organisations=[other])

    def titles(query):
        return [d.title for d in client.get(f"{decision_log.url}?{query}").context["decisions"]]

    assert titles("kind=f") == ["Visit 2025"]
    assert titles("year=2024") == ["Spend 2024"]
    assert titles(f"organisation={other.pk}") == ["Ask 2025"]
    assert titles(f"year=2025&organisation={provider.pk}") == ["Visit 2025"]
    assert titles("kind=d&year=2024") == []


def test_counts_per_kind_follow_the_year_and_organisation_chosen(
    client, decision_log, procedure, provider
):
    DecisionPageFactory(parent=decision_log, kind="c", decided_on=D(2024, 5, 1))
    DecisionPageFactory(parent=decision_log, kind="f", organisations=[provider])
    DecisionPageFactory(parent=decision_log, kind="f")
    context = client.get(f"{decision_log.url}?year=2025&kind=f").context
    counts = {row["code"]: row["count"] for row in context["kind_counts"]}
    assert counts["f"] == 2 and counts["c"] == 0
    context = client.get(f"{decision_log.url}?organisation={provider.pk}").context
    assert {r["code"]: r["count"] for r in context["kind_counts"]}["f"] == 1


def test_filter_values_that_do_not_fit_are_ignored(client, decision_log, procedure):
    log_with(decision_log, 2)
    response = client.get(f"{decision_log.url}?kind=z&year=nineteen&organisation=0&page=99")
    assert response.status_code == 200
    assert len(response.context["decisions"].object_list) == 2


def test_the_filter_form_is_a_labelled_get_form(client, decision_log, procedure):
    html = client.get(decision_log.url).content.decode()
    assert 'method="get"' in html
    for field in ("kind", "year", "organisation"):
        assert f'<label for="id_{field}">' in html


def test_the_log_paginates_twenty_to_a_page_keeping_the_filters(client, decision_log, procedure):
    log_with(decision_log, 23, kind="a")
    first = client.get(f"{decision_log.url}?kind=a")
    assert len(first.context["decisions"].object_list) == 20
    assert "?kind=a&amp;page=2" in first.content.decode()
    second = client.get(f"{decision_log.url}?kind=a&page=2")
    assert len(second.context["decisions"].object_list) == 3


def test_the_log_takes_the_same_number_of_queries_for_5_and_30_decisions(
    client, decision_log, procedure, provider
):
    log_with(decision_log, 5, organisations=[provider], kind="f")
    with_five = queries_for(client, decision_log.url)
    log_with(decision_log, 25, organisations=[provider], kind="d")
    assert queries_for(client, decision_log.url) == with_five


def test_the_feed_lists_decisions_with_their_reasons(client, decision_log, procedure):
    DecisionPageFactory(parent=decision_log, title="Spend on leaflets", reasons="<p>Cheap.</p>")
    response = client.get(f"{decision_log.url}feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "Spend on leaflets" in body and "Cheap." in body


def test_the_admin_add_form_offers_the_decision_log_only_decisions(client, people, decision_log):
    as_user(client, people["editor"])
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[decision_log.pk]))
    assert response.status_code in (200, 302)
    assert DecisionPage.can_create_at(decision_log)
    assert not DecisionPage.can_create_at(decision_log.get_parent())


# Spending (kind (c)): how much, and on what


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"kind": "c"}, "amount", "says the amount agreed"),
        ({"kind": "c", "amount": "300"}, "spending_purpose", "what the money pays for"),
        ({"kind": "c", "amount": "-5", "spending_purpose": "volunteers"}, "amount", "greater"),
        ({"kind": "c", "amount": "1e9", "spending_purpose": "volunteers"}, "amount", "digits"),
        ({"kind": "f", "amount": "300"}, "amount", "Only a decision to spend money"),
    ],
)
def test_a_spending_decision_says_how_much_and_on_what_and_no_other_names_an_amount(
    client, people, decision_log, procedure, overrides, field, message
):
    response = add_decision(client, people, decision_log, procedure=procedure.pk, **overrides)
    assert any(message in e for e in form_errors(response, field)), form_errors(response, field)
    assert not DecisionPage.objects.filter(slug="visit-ward-9").exists()


def test_a_spending_decision_page_shows_the_amount_and_what_it_pays_for(client, decision_log):
    from decimal import Decimal

    decision = DecisionPageFactory(
        parent=decision_log,
        kind=DecisionKind.SPENDING,
        amount=Decimal("1200.00"),
        spending_purpose="accessible_information",
    )
    html = client.get(decision.url).content.decode()
    assert "£1,200.00 (accessible information and translation)" in html
