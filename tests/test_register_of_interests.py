"""The public register of interests: each current steering group member and the interests
they have declared that apply today."""

import datetime

import pytest

from linksite.models import DeclaredInterest, Person

from .decisions_support import queries_for
from .factories import (
    DeclaredInterestFactory,
    OrganisationFactory,
    PersonFactory,
    RegisterOfInterestsPageFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def register(home):
    return RegisterOfInterestsPageFactory(parent=home)


def member(name):
    return PersonFactory(display_name=name, role=Person.Role.STEERING_GROUP)


def test_the_register_lists_members_with_their_current_interests_only(client, register):
    chair = member("Chair Person")
    trust = OrganisationFactory(name="Testshire NHS Trust")
    agency = OrganisationFactory(name="Home Care Agency")
    council = OrganisationFactory(name="Council Adult Social Care")
    DeclaredInterestFactory(
        person=chair,
        organisation=trust,
        nature=DeclaredInterest.Nature.EMPLOYMENT,
        details="Ward clerk",
        declared_on=TODAY - 400 * DAY,
    )
    DeclaredInterestFactory(
        person=chair, organisation=agency, declared_on=TODAY - 400 * DAY, ended_on=TODAY - DAY
    )
    DeclaredInterestFactory(person=chair, organisation=council, declared_on=TODAY + DAY)
    PersonFactory(display_name="Just A Participant")

    response = client.get(register.url)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "Chair Person" in html and "Just A Participant" not in html
    assert "Testshire NHS Trust" in html and "Employment" in html and "Ward clerk" in html
    assert "Home Care Agency" not in html  # ended
    assert "Council Adult Social Care" not in html  # not yet declared
    [listed] = response.context["members"]
    assert [i.organisation for i in listed.current_interest_list] == [trust]


def test_an_interest_that_ends_later_shows_its_end_date(client, register):
    DeclaredInterestFactory(
        person=member("Chair Person"),
        organisation=OrganisationFactory(name="Testshire NHS Trust"),
        declared_on=datetime.date(2025, 1, 6),
        ended_on=datetime.date(2099, 3, 31),
    )
    html = client.get(register.url).content.decode()
    assert "6 January 2025" in html and "31 March 2099" in html


def test_a_member_with_no_interest_is_listed_as_having_none(client, register):
    member("Quiet Member")
    html = client.get(register.url).content.decode()
    assert "Quiet Member" in html and "No current interests declared." in html


def test_the_register_takes_the_same_number_of_queries_for_5_and_30_members(client, register):
    def add(count):
        for _ in range(count):
            DeclaredInterestFactory(person=member("Member"), declared_on=TODAY - DAY)

    add(5)
    with_five = queries_for(client, register.url)
    add(25)
    assert queries_for(client, register.url) == with_five
