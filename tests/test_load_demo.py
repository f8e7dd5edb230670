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


def test_load_demo_twice_gives_the_same_content(demo, settings):
    settings.DEBUG = True
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


def test_every_demo_page_renders_for_an_anonymous_visitor(client, demo):
    for page in Page.objects.live().public().filter(depth__gte=2).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_demo_shows_the_workflow_at_each_stage_and_users_in_their_groups(demo):
    from wagtail.models import WorkflowState

    from home.models import StandardPage
    from linksite.workflow import SteeringApproval

    def state_of(slug):
        return StandardPage.objects.get(slug=slug).current_workflow_state

    assert state_of("open-meeting-october-2026").current_task_state.task.name == "Editorial check"
    at_steering = state_of("annual-report-2025-26-summary")
    assert at_steering.current_task_state.task.name == "Steering group approval"
    assert SteeringApproval.objects.filter(task_state=at_steering.current_task_state).count() == 1
    sent_back = WorkflowState.objects.get(
        status=WorkflowState.STATUS_NEEDS_CHANGES,
        object_id=str(StandardPage.objects.get(slug="volunteer-expenses").pk),
    )
    assert "mileage rate" in sent_back.current_task_state.comment
    groups = {
        u.username: set(u.groups.values_list("name", flat=True))
        for u in get_user_model().objects.all()
    }
    assert groups["editor"] == {"Editors"} and groups["reviewer"] == {"Editorial reviewers"}
    assert groups["steering1"] == groups["steering2"] == {"Steering group"}


def test_every_live_demo_page_says_the_steering_group_approved_it(client, demo):
    from django.utils import translation

    for page in Page.objects.live().public().filter(depth__gte=2).specific():
        html = client.get(page.url).content.decode()
        # Translations say it in their own language.
        with translation.override(page.locale.language_code):
            line = translation.gettext(
                "Approved for publication by the steering group on %(date)s."
            )
        assert line.split("%(date)s")[0] in html, page.url
