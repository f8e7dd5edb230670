"""Factories for the test suite, one per model, named after it."""

import datetime
import decimal

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
    # A decision to spend (kind (c)) says how much and on what; no other kind does.
    amount = factory.LazyAttribute(
        lambda o: decimal.Decimal("100.00") if o.kind == DecisionKind.SPENDING else None
    )
    spending_purpose = factory.LazyAttribute(
        lambda o: "running" if o.kind == DecisionKind.SPENDING else ""
    )


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


# Publications: reports, replies, the accountability view and the work plan.

from publications.models import (  # noqa: E402
    Recommendation,
    RecommendationOutcome,
    RecommendationsPage,
    ReportIndexPage,
    ReportPage,
    ReportRecipient,
    ResponsePage,
    WorkPlanIndexPage,
    WorkPlanItemPage,
    WorkPlanPage,
)


class ReportIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReportIndexPage

    title = "Reports"


class ReportPageFactory(wagtail_factories.PageFactory):
    """A live report; pass `recipients=[ReportRecipient(...)]` and
    `recommendations=[Recommendation(...)]`, or use `sent_report`."""

    class Meta:
        model = ReportPage

    title = factory.Sequence(lambda n: f"Report {n}")
    summary = "What people told us."
    report_date = datetime.date(2026, 11, 2)
    kind = ReportPage.Kind.ENGAGEMENT
    care_sector = "health"


class ResponsePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResponsePage

    title = factory.Sequence(lambda n: f"Reply {n}")
    summary = "What they said."
    received_on = datetime.date(2026, 11, 20)
    organisation = factory.SubFactory(OrganisationFactory)


class RecommendationsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RecommendationsPage

    title = "Recommendations"


class WorkPlanIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkPlanIndexPage

    title = "Work plan"


class WorkPlanPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkPlanPage

    year_starting = 2026
    title = factory.LazyAttribute(lambda o: f"Work plan {WorkPlanPage.label_for(o.year_starting)}")
    slug = factory.LazyAttribute(lambda o: str(o.year_starting))


class WorkPlanItemPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkPlanItemPage

    title = factory.Sequence(lambda n: f"Work {n}")
    summary = "Some work."
    people_affected = "Many."
    harm = "Serious."
    priority = WorkPlanItemPage.Priority.LOCAL
    care_sector = "health"
    status = WorkPlanItemPage.Status.ACTIVE
    lead = factory.SubFactory(PersonFactory)
    starts_on = datetime.date(2026, 4, 1)
    ends_on = datetime.date(2027, 3, 31)


def sent_report(parent, sent_to, sent_on, recommendations=1, reply_within=20, **fields):
    """A live report sent to each organisation in `sent_to` on `sent_on`, with
    `recommendations` numbered recommendations addressed to each of them in turn."""
    return ReportPageFactory(
        parent=parent,
        recipients=[
            ReportRecipient(organisation=o, sent_on=sent_on, reply_within=reply_within)
            for o in sent_to
        ],
        recommendations=[
            Recommendation(
                number=n, organisation=sent_to[(n - 1) % len(sent_to)], text=f"Recommendation {n}."
            )
            for n in range(1, recommendations + 1)
        ],
        **fields,
    )


def reply_to(report, organisation, received_on, outcomes=None, **fields):
    """A live reply to `report` from `organisation`; `outcomes` maps recommendation numbers
    to an outcome value or to (outcome, explanation)."""
    numbered = {r.number: r for r in Recommendation.objects.filter(page=report)}
    rows = []
    for number, given in (outcomes or {}).items():
        outcome, explanation = given if isinstance(given, tuple) else (given, "")
        rows.append(
            RecommendationOutcome(
                recommendation=numbered[number], outcome=outcome, explanation=explanation
            )
        )
    return ResponsePageFactory(
        parent=report,
        organisation=organisation,
        received_on=received_on,
        outcomes=rows,
        **fields,
    )


# Topics (search app): the topic index under the home page.

from search.topics import TopicIndexPage  # noqa: E402


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TopicIndexPage

    title = "Topics"
    slug = "topics"
