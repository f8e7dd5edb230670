"""Enter and view: private vetting seen only by vetting officers, the public list of authorised
representatives moderated with its page, authorisation letters, and visits that keep the law."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ReferenceIndex, Revision
from wagtail.search import index

from decisions.models import (
    Authorisation,
    DecisionKind,
    VettingRecord,
    VisitPage,
    VisitRepresentative,
)
from linksite.models import DeclaredInterest, LinkSettings
from linksite.workflow import conflicting_interests

from .admin_forms import add_url, as_user, edit_url, refused
from .decisions_support import (
    AUTHORISED_UNTIL,
    D,
    enter_and_view_form,
    form_errors,
    inline_errors,
    post_as,
    queries_for,
    vetted_person,
    visit_form,
)
from .factories import (
    DecisionPageFactory,
    EnterAndViewPageFactory,
    PersonFactory,
    UserFactory,
    VettingRecordFactory,
    VisitPageFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
NEW_FROM = D(2025, 6, 1)


# Vetting records: private, seen only by vetting officers


def vetting_urls(record):
    return [
        reverse("vetting_records:index"),
        reverse("vetting_records:add"),
        reverse("vetting_records:edit", args=[record.pk]),
    ]


def vetting_form(person, considered_by, **overrides):
    data = {
        "person": str(person.pk),
        "certificate_reference": "001999888777",
        "issued_on": "2025-03-03",
        "considered_by": str(considered_by.pk),
        "considered_on": "2025-03-10",
        "outcome": VettingRecord.Outcome.SATISFACTORY,
        "notes": "Nothing relevant disclosed.",
    }
    data.update(overrides)
    return data


def test_the_vetting_officers_group_holds_the_vetting_permissions_and_no_other_group_does():
    officers = Group.objects.get(name="Vetting officers")
    codenames = set(
        officers.permissions.filter(content_type__app_label="decisions").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"add_vettingrecord", "change_vettingrecord", "view_vettingrecord"}
    vetting = Permission.objects.filter(codename__endswith="_vettingrecord")
    assert not Group.objects.exclude(pk=officers.pk).filter(permissions__in=vetting).exists()


def test_a_vetting_officer_sees_and_records_vetting_in_the_admin(client, people, representative):
    record = representative.vetting_records.get()
    as_user(client, people["vetting"])
    for url in vetting_urls(record):
        assert client.get(url).status_code == 200, url
    assert "Vetting records" in client.get(reverse("wagtailadmin_home")).content.decode()
    person = PersonFactory(display_name="New Volunteer")
    response = client.post(reverse("vetting_records:add"), vetting_form(person, people["admin"]))
    assert response.status_code == 302
    assert person.vetting_records.get().certificate_reference == "001999888777"


@pytest.mark.parametrize("who", ["editor", "reviewer", "steering1", "admin"])
def test_everyone_else_is_refused_vetting_records_even_an_administrator(
    client, people, representative, who
):
    record = representative.vetting_records.get()
    as_user(client, people[who])
    for url in vetting_urls(record):
        response = client.get(url)
        assert refused(response), (who, url, response.status_code)
        assert record.certificate_reference not in response.content.decode()
    person = PersonFactory()
    client.post(reverse("vetting_records:add"), vetting_form(person, people["vetting"]))
    assert not person.vetting_records.exists()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Vetting records" not in dashboard and record.certificate_reference not in dashboard


def test_nobody_may_consider_their_own_certificate(client, people):
    themselves = PersonFactory(display_name="Vetting Officer", user=people["vetting"])
    response = post_as(
        client,
        people["vetting"],
        reverse("vetting_records:add"),
        vetting_form(themselves, people["vetting"]),
    )
    assert response.status_code == 200
    assert "regulation 9" in str(response.context["form"].errors["considered_by"])
    assert not VettingRecord.objects.exists()


def test_vetting_records_are_in_no_search_index_and_no_reference_index(representative):
    assert not issubclass(VettingRecord, index.Indexed)
    assert not ReferenceIndex.objects.filter(
        content_type__model="vettingrecord", content_type__app_label="decisions"
    ).exists()
    assert representative.vetting_records.get().certificate_reference not in str(
        representative.vetting_records.get()
    )


# Authorising someone: only with a satisfactory check considered by someone else


def authorise(client, people, page, person, start=NEW_FROM):
    existing = page.authorisations.get()
    rows = [
        (existing.person, existing.authorised_from, existing.authorised_until, None, existing.pk),
        (person, start, AUTHORISED_UNTIL, None, None),
    ]
    return post_as(client, people["editor"], edit_url(page), enter_and_view_form(page, rows, 1))


def assert_refused_and_nothing_saved(response, page, revisions_before):
    errors = inline_errors(response, "authorisations", "person", index=1)
    assert errors and "cannot be authorised" in errors[0] and "regulation 9" in errors[0]
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions_before
    assert Authorisation.objects.count() == 1
    return errors[0]


def test_authorising_someone_with_no_vetting_record_is_refused(client, people, enter_and_view):
    before = Revision.objects.filter(object_id=str(enter_and_view.pk)).count()
    newcomer = PersonFactory(display_name="Unvetted Person")
    response = authorise(client, people, enter_and_view, newcomer)
    assert_refused_and_nothing_saved(response, enter_and_view, before)


def test_authorising_after_an_unsatisfactory_check_is_refused(client, people, enter_and_view):
    person = vetted_person("Refused Person", people["vetting"])
    VettingRecordFactory(
        person=person,
        considered_by=people["vetting"],
        considered_on=D(2025, 2, 1),
        outcome=VettingRecord.Outcome.NOT_SATISFACTORY,
    )
    response = authorise(client, people, enter_and_view, person)
    assert_refused_and_nothing_saved(response, enter_and_view, 0)


def test_authorising_on_a_check_the_person_considered_themselves_is_refused(
    client, people, enter_and_view
):
    own_user = UserFactory(username="selfvetting")
    person = PersonFactory(display_name="Self Vetted", user=own_user)
    # Recorded behind the admin's back: the authorisation check does not trust the record.
    VettingRecord.objects.create(
        person=person,
        certificate_reference="001234000999",
        issued_on=D(2024, 12, 2),
        considered_by=own_user,
        considered_on=D(2024, 12, 9),
        outcome=VettingRecord.Outcome.SATISFACTORY,
    )
    response = authorise(client, people, enter_and_view, person)
    assert_refused_and_nothing_saved(response, enter_and_view, 0)


def test_authorising_before_the_check_was_considered_is_refused(client, people, enter_and_view):
    person = vetted_person("Late Check", people["vetting"], considered_on=D(2025, 7, 1))
    response = authorise(client, people, enter_and_view, person, start=D(2025, 6, 1))
    assert_refused_and_nothing_saved(response, enter_and_view, 0)


def test_the_refusal_tells_the_editor_nothing_about_any_certificate(client, people, enter_and_view):
    person = vetted_person(
        "Refused Person",
        people["vetting"],
        certificate_reference="001777666555",
        notes="Caution in 2019 for shoplifting",
        outcome=VettingRecord.Outcome.NOT_SATISFACTORY,
    )
    response = authorise(client, people, enter_and_view, person)
    message = assert_refused_and_nothing_saved(response, enter_and_view, 0)
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'") or "cannot be authorised" in html
    for secret in ("001777666555", "shoplifting", "9 December 2024", "2024-12-09"):
        assert secret not in html


def test_authorising_someone_vetted_by_another_person_is_saved_as_a_draft(
    client, people, enter_and_view
):
    person = vetted_person("Good Volunteer", people["vetting"])
    response = authorise(client, people, enter_and_view, person)
    assert response.status_code == 302
    enter_and_view.refresh_from_db()
    draft = enter_and_view.get_latest_revision_as_object()
    assert [a.person for a in draft.authorisations.all()][-1] == person
    # Until the steering group approves it, the public list is unchanged.
    assert not Authorisation.objects.filter(person=person).exists()


# The public list and the visits


def test_the_page_lists_current_representatives_apart_from_ended_and_revoked_ones(client, home):
    def person(name):
        return PersonFactory(display_name=name)

    page = EnterAndViewPageFactory(
        parent=home,
        authorisations=[
            Authorisation(
                person=person("Current One"),
                authorised_from=TODAY - DAY,
                authorised_until=TODAY + DAY,
            ),
            Authorisation(
                person=person("Starting Soon"),
                authorised_from=TODAY + 10 * DAY,
                authorised_until=TODAY + 400 * DAY,
            ),
            Authorisation(
                person=person("Ended Earlier"),
                authorised_from=TODAY - 400 * DAY,
                authorised_until=TODAY - DAY,
            ),
            Authorisation(
                person=person("Revoked Today"),
                authorised_from=TODAY - 400 * DAY,
                authorised_until=TODAY + 400 * DAY,
                revoked_on=TODAY,
            ),
        ],
    )
    response = client.get(page.url)
    current = [a.person.display_name for a in response.context["current_authorisations"]]
    former = [a.person.display_name for a in response.context["former_authorisations"]]
    assert current == ["Current One", "Starting Soon"]
    assert former == ["Ended Earlier", "Revoked Today"]
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert html.index("Starting Soon") < html.index("have ended or were revoked")
    assert html.index("have ended or were revoked") < html.index("Ended Earlier")
    assert f"Revoked on {TODAY:%-d %B %Y}" in html


def test_the_page_shows_upcoming_visits_apart_from_past_ones(
    client, enter_and_view, visit_decision, provider
):
    def visit(title, start, status=VisitPage.Status.PLANNED):
        return VisitPageFactory(
            parent=enter_and_view,
            title=title,
            visit_from=start,
            status=status,
            decision=visit_decision,
            provider=provider,
        )

    visit("Next month", TODAY + 30 * DAY)
    visit("Tomorrow", TODAY + DAY)
    visit("Last year", TODAY - 365 * DAY, VisitPage.Status.DONE)
    visit("Called off", TODAY + 5 * DAY, VisitPage.Status.CANCELLED)
    context = client.get(enter_and_view.url).context
    assert [v.title for v in context["upcoming_visits"]] == ["Tomorrow", "Next month"]
    assert [v.title for v in context["past_visits"]] == ["Called off", "Last year"]


def test_the_page_takes_the_same_number_of_queries_for_5_and_30_visits(
    client, people, enter_and_view, visit_decision, provider, representative
):
    def add(count):
        for n in range(count):
            VisitPageFactory(
                parent=enter_and_view,
                decision=visit_decision,
                provider=provider,
                visit_from=TODAY + (n - 10) * DAY,
                representatives=[VisitRepresentative(person=representative)],
            )

    add(5)
    with_five = queries_for(client, enter_and_view.url)
    add(25)
    assert queries_for(client, enter_and_view.url) == with_five


# Authorisation letters


def letter_url(authorisation):
    return reverse("decisions_authorisation_letter", args=[authorisation.pk])


def test_a_vetting_officer_prints_a_letter_with_name_dates_and_the_links_details(
    client, people, enter_and_view, representative
):
    home = enter_and_view.get_parent().specific
    home.link_name = "Testshire LINk"
    home.save_revision().publish()
    settings = LinkSettings.for_site(enter_and_view.get_site())
    settings.postal_address = "1 High Street\nTestshire"
    settings.save()
    authorisation = enter_and_view.authorisations.get()
    as_user(client, people["vetting"])
    listing = client.get(reverse("decisions_authorisation_letters")).content.decode()
    assert letter_url(authorisation) in listing
    html = client.get(letter_url(authorisation)).content.decode()
    assert "Ada Representative" in html and "Testshire LINk" in html and "1 High Street" in html
    assert "20 January 2025" in html and "31 December 2027" in html
    assert enter_and_view.full_url in html
    record = representative.vetting_records.get()
    assert record.certificate_reference not in html and "9 December 2024" not in html


def test_there_is_no_letter_for_an_authorisation_that_ended_or_was_revoked(
    client, people, enter_and_view
):
    authorisation = enter_and_view.authorisations.get()
    as_user(client, people["vetting"])
    Authorisation.objects.filter(pk=authorisation.pk).update(revoked_on=TODAY - DAY)
    assert client.get(letter_url(authorisation)).status_code == 404
    Authorisation.objects.filter(pk=authorisation.pk).update(
        revoked_on=None, authorised_until=TODAY - DAY
    )
    assert client.get(letter_url(authorisation)).status_code == 404


def test_there_is_no_letter_from_a_list_that_is_not_live(client, people, enter_and_view):
    authorisation = enter_and_view.authorisations.get()
    enter_and_view.unpublish()
    as_user(client, people["vetting"])
    assert client.get(letter_url(authorisation)).status_code == 404


@pytest.mark.parametrize("who", ["editor", "steering1"])
def test_others_cannot_open_authorisation_letters(client, people, enter_and_view, who):
    as_user(client, people[who])
    authorisation = enter_and_view.authorisations.get()
    assert refused(client.get(reverse("decisions_authorisation_letters")))
    response = client.get(letter_url(authorisation))
    assert refused(response) and "Ada Representative" not in response.content.decode()


# Visits: the checks an editor meets, each with nothing saved


def add_visit(client, people, page, **overrides):
    url = add_url(page, "visitpage", "decisions")
    return post_as(client, people["editor"], url, visit_form(**overrides))


@pytest.fixture
def visit_fields(visit_decision, provider, representative):
    return {
        "decision": str(visit_decision.pk),
        "provider": str(provider.pk),
        "representatives": [representative],
    }


def test_an_editor_records_a_visit_that_keeps_the_rules(
    client, people, enter_and_view, visit_fields
):
    response = add_visit(client, people, enter_and_view, **visit_fields)
    assert response.status_code == 302, response.context["form"].errors
    visit = VisitPage.objects.get(slug="ward-9")
    assert [r.person.display_name for r in visit.representatives.all()] == ["Ada Representative"]


def test_a_visit_without_a_decision_is_refused(client, people, enter_and_view, visit_fields):
    visit_fields["decision"] = ""
    response = add_visit(client, people, enter_and_view, **visit_fields)
    assert "kind (f)" in form_errors(response, "decision")[0]
    assert not VisitPage.objects.exists()


def test_a_visit_whose_decision_is_not_about_entering_and_viewing_is_refused(
    client, people, enter_and_view, decision_log, visit_fields
):
    spending = DecisionPageFactory(parent=decision_log, kind=DecisionKind.SPENDING)
    visit_fields["decision"] = str(spending.pk)
    response = add_visit(client, people, enter_and_view, **visit_fields)
    [error] = form_errors(response, "decision")
    assert "Spending money on our activities" in error and "kind (f)" in error
    assert not VisitPage.objects.exists()


def test_a_visit_before_the_decision_to_make_it_is_refused(
    client, people, enter_and_view, visit_fields
):
    response = add_visit(client, people, enter_and_view, visit_from="2025-04-30", **visit_fields)
    assert "the decision comes first" in form_errors(response, "decision")[0]
    assert not VisitPage.objects.exists()


def test_a_representative_not_authorised_is_refused(client, people, enter_and_view, visit_fields):
    visit_fields["representatives"] = [PersonFactory(display_name="Keen Volunteer")]
    response = add_visit(client, people, enter_and_view, **visit_fields)
    [error] = inline_errors(response, "representatives", "person")
    assert "Keen Volunteer is not an authorised representative for 10 June 2025" in error
    assert not VisitPage.objects.exists()


def test_a_representative_whose_authorisation_ends_during_the_window_is_refused(
    client, people, enter_and_view, visit_fields
):
    response = add_visit(
        client,
        people,
        enter_and_view,
        visit_from="2027-12-30",
        visit_until="2028-01-02",
        **visit_fields,
    )
    assert inline_errors(response, "representatives", "person")
    assert not VisitPage.objects.exists()


def test_a_representative_revoked_before_the_visit_is_refused(
    client, people, enter_and_view, visit_fields
):
    enter_and_view.authorisations.update(revoked_on=D(2025, 6, 1))
    response = add_visit(client, people, enter_and_view, **visit_fields)
    assert inline_errors(response, "representatives", "person")
    assert not VisitPage.objects.exists()


def test_only_authorisations_on_the_live_approved_list_count(
    client, people, home, enter_and_view, visit_fields
):
    drafted = vetted_person("Drafted Only", people["vetting"])
    listed_elsewhere = vetted_person("Other Page Only", people["vetting"])
    # On the live page, but only in a draft awaiting approval.
    draft = enter_and_view.get_latest_revision_as_object()
    draft.authorisations.add(
        Authorisation(person=drafted, authorised_from=NEW_FROM, authorised_until=AUTHORISED_UNTIL)
    )
    draft.save_revision(user=people["editor"])
    # On an enter and view page that is not live.
    EnterAndViewPageFactory(
        parent=home,
        slug="old-list",
        live=False,
        authorisations=[
            Authorisation(
                person=listed_elsewhere,
                authorised_from=NEW_FROM,
                authorised_until=AUTHORISED_UNTIL,
            )
        ],
    )
    for person in (drafted, listed_elsewhere):
        visit_fields["representatives"] = [person]
        response = add_visit(client, people, enter_and_view, **visit_fields)
        assert inline_errors(response, "representatives", "person"), person
    assert not VisitPage.objects.exists()


@pytest.mark.parametrize("kind", ["own_home", "staff_quarters", "childrens_social_care"])
def test_premises_the_law_excludes_are_refused(client, people, enter_and_view, visit_fields, kind):
    response = add_visit(client, people, enter_and_view, service_kind=kind, **visit_fields)
    assert str(VisitPage.EXCLUDED[kind]) in form_errors(response, "service_kind")
    assert not VisitPage.objects.exists()


def test_a_care_home_visit_must_be_limited_to_communal_areas(
    client, people, enter_and_view, visit_fields
):
    response = add_visit(client, people, enter_and_view, service_kind="care_home", **visit_fields)
    assert "communal areas" in form_errors(response, "communal_areas_only")[0]
    assert not VisitPage.objects.exists()
    response = add_visit(
        client,
        people,
        enter_and_view,
        service_kind="care_home",
        communal_areas_only="on",
        **visit_fields,
    )
    assert response.status_code == 302


def test_a_visit_page_shows_the_premises_decision_representatives_and_status(
    client, enter_and_view, visit_decision, provider, representative
):
    visit = VisitPageFactory(
        parent=enter_and_view,
        premises_name="Willow Court",
        service_kind=VisitPage.ServiceKind.CARE_HOME,
        communal_areas_only=True,
        decision=visit_decision,
        provider=provider,
        visit_from=D(2025, 6, 2),
        visit_until=D(2025, 6, 4),
        status=VisitPage.Status.DONE,
        representatives=[VisitRepresentative(person=representative)],
    )
    html = client.get(visit.url).content.decode()
    assert html.count("<h1") == 1
    assert "2 June 2025 to 4 June 2025" in html and "Done" in html
    assert "Care home: communal areas only" in html and "Testshire Care Homes Ltd" in html
    assert f'href="{visit_decision.url}"' in html and "Ada Representative" in html
    assert "We are writing the report of this visit" in html


def test_a_steering_member_with_an_interest_in_the_provider_is_conflicted_on_the_visit(
    people, enter_and_view, visit_decision, provider
):
    visit = VisitPageFactory(parent=enter_and_view, decision=visit_decision, provider=provider)
    DeclaredInterest.objects.create(
        person=people["steering3"].link_person,
        organisation=provider,
        nature=DeclaredInterest.Nature.FAMILY,
        declared_on=D(2024, 1, 1),
    )
    assert conflicting_interests(people["steering3"], visit).exists()
    assert not conflicting_interests(people["steering1"], visit).exists()


def test_a_translated_page_lists_the_visits_not_yet_translated(
    client, home, enter_and_view, visit_decision, provider, representative
):
    from wagtail.models import Locale

    urdu = Locale.objects.get_or_create(language_code="ur")[0]
    visit = VisitPageFactory(
        parent=enter_and_view,
        title="Ward 1, June 2025",
        decision=visit_decision,
        provider=provider,
        representatives=[VisitRepresentative(person=representative)],
    )
    home.copy_for_translation(urdu).save_revision().publish()
    translated_page = enter_and_view.copy_for_translation(urdu)
    translated_page.save_revision().publish()

    listed = translated_page.listed_visits()
    assert [v.pk for v in listed] == [visit.pk]

    translated_visit = visit.copy_for_translation(urdu)
    translated_visit.save_revision().publish()
    assert [v.pk for v in translated_page.listed_visits()] == [translated_visit.pk]
    assert "Ward 1, June 2025" in client.get(translated_page.url).content.decode()
