"""The demo content: loads on an empty database, twice without duplicates, never in production."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from linksite.demo import DEMO_USERS
from linksite.models import DeclaredInterest, Organisation, Person

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "revisions": Revision.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "interests": DeclaredInterest.objects.count(),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    }


def test_load_demo_twice_gives_the_same_content(settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    assert set(DEMO_USERS) <= set(first["users"])
    assert first["organisations"] > 0


def test_load_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="editor").exists()


def test_every_demo_page_renders_for_an_anonymous_visitor(client, settings):
    settings.DEBUG = True
    call_command("load_demo")
    settings.DEBUG = False
    for page in Page.objects.live().public().filter(depth__gte=2).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
