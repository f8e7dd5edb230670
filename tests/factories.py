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
