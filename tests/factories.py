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
