"""Factories for the test suite, one per model, named after it."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from home.models import StandardPage
from linksite.models import DeclaredInterest, Organisation, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("password")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.PROVIDER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    display_name = factory.Sequence(lambda n: f"Person {n}")
    role = Person.Role.PARTICIPANT


class DeclaredInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclaredInterest

    person = factory.SubFactory(PersonFactory, role=Person.Role.STEERING_GROUP)
    organisation = factory.SubFactory(OrganisationFactory)
    nature = DeclaredInterest.Nature.EMPLOYMENT
    declared_on = datetime.date(2026, 1, 1)


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    summary = "A plain page."
    body = [("paragraph", "<p>Plain words.</p>")]


# Decisions, procedures, enter and view, requests and referrals (decisions app).
# Pages are created live under the parent given, e.g. DecisionPageFactory(parent=log).

from decisions.models import (  # noqa: E402
    DecisionIndexPage,
    DecisionKind,
    DecisionPage,
    EnterAndViewPage,
    InformationRequestPage,
    OSCReferralPage,
    ProcedureIndexPage,
    ProcedurePage,
    RegisterOfInterestsPage,
    RequestsAndReferralsIndexPage,
    VettingRecord,
    VisitPage,
)


class ProcedureIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProcedureIndexPage

    title = "Procedures"
    slug = "procedures"


class ProcedurePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProcedurePage

    title = factory.Sequence(lambda n: f"Procedure {n}")
    kinds = "".join(DecisionKind.values)
    who_may_decide = "<p>The steering group.</p>"
    body = [("paragraph", "<p>By a majority of members present.</p>")]
    in_force_from = datetime.date(2020, 1, 1)


class DecisionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DecisionIndexPage

    title = "Decisions"
    slug = "decisions"


def procedure_in_force(decision):
    return ProcedurePage.objects.in_force(decision.decided_on, decision.kind).first()


class DecisionPageFactory(wagtail_factories.PageFactory):
    """Names the live procedure in force for its kind and date unless given one."""

    class Meta:
        model = DecisionPage

    title = factory.Sequence(lambda n: f"Decision {n}")
    kind = DecisionKind.ACTIVITIES
    decided_on = datetime.date(2025, 3, 4)
    decided_by = "Steering group meeting"
    statement = "<p>We decided this.</p>"
    reasons = "<p>Because of that.</p>"
    procedure = factory.LazyAttribute(procedure_in_force)


class RegisterOfInterestsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegisterOfInterestsPage

    title = "Register of interests"
    slug = "register-of-interests"


class EnterAndViewPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EnterAndViewPage

    title = "Enter and view"
    slug = "enter-and-view"


class VettingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VettingRecord

    person = factory.SubFactory(PersonFactory)
    certificate_reference = factory.Sequence(lambda n: f"0019{n:08d}")
    issued_on = datetime.date(2024, 12, 2)
    considered_by = factory.SubFactory(UserFactory)
    considered_on = datetime.date(2024, 12, 9)
    outcome = VettingRecord.Outcome.SATISFACTORY


class VisitPageFactory(wagtail_factories.PageFactory):
    """Needs `decision` (kind (f)) and `provider`; representatives are inline rows."""

    class Meta:
        model = VisitPage

    title = factory.Sequence(lambda n: f"Visit {n}")
    premises_name = "Ward 1"
    premises_address = "Hospital Road"
    service_kind = VisitPage.ServiceKind.HOSPITAL
    sector = "health"
    provider = factory.SubFactory(OrganisationFactory)
    visit_from = datetime.date(2025, 6, 2)
    purpose = "<p>Mealtimes.</p>"


class RequestsAndReferralsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RequestsAndReferralsIndexPage

    title = "Requests and referrals"
    slug = "requests-and-referrals"


class InformationRequestPageFactory(wagtail_factories.PageFactory):
    """Needs `decision` (kind (d))."""

    class Meta:
        model = InformationRequestPage

    title = factory.Sequence(lambda n: f"Request {n}")
    recipient = factory.SubFactory(OrganisationFactory)
    request = "<p>Your figures, please.</p>"
    sent_on = datetime.date(2025, 3, 10)


class OSCReferralPageFactory(wagtail_factories.PageFactory):
    """Needs `decision` (kind (g))."""

    class Meta:
        model = OSCReferralPage

    title = factory.Sequence(lambda n: f"Referral {n}")
    osc = factory.SubFactory(
        OrganisationFactory, name="Testshire Health OSC", kind=Organisation.Kind.OSC
    )
    matter = "<p>Please look at this.</p>"
    sent_on = datetime.date(2025, 3, 10)
