import pytest
from django.db import connection


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine} ({settings.DATABASES['default'].get('HOST') or 'embedded'})"


@pytest.fixture(autouse=True)
def english_between_tests():
    """A request to /ur/ leaves Urdu active in the thread (LocaleMiddleware activates it and
    nothing deactivates it); each test starts and ends in English, the default language."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def home(db):
    """The site's home page at the root of the default site, as a real site has it."""
    from wagtail.models import Page, Site

    from home.models import HomePage

    root = Page.get_first_root_node()
    for welcome in root.get_children():
        welcome.delete()
    page = HomePage(title="Testshire LINk", slug="home", introduction="The LINk for Testshire.")
    root.add_child(instance=page)
    page.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": page, "site_name": "Testshire"},
    )
    return page


@pytest.fixture
def db_vendor(db):
    return connection.vendor


@pytest.fixture
def people(db, home):
    """One user per role, in the groups the moderation migration created; steering group
    members have a `Person` so they can declare interests."""
    from django.contrib.auth.models import Group

    from linksite.models import Person

    from .factories import UserFactory

    def member(username, group=None, superuser=False):
        user = UserFactory(username=username, is_superuser=superuser)
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    users = {
        "editor": member("editor", "Editors"),
        "reviewer": member("reviewer", "Editorial reviewers"),
        "steering1": member("steering1", "Steering group"),
        "steering2": member("steering2", "Steering group"),
        "steering3": member("steering3", "Steering group"),
        "vetting": member("vetting", "Vetting officers"),
        "admin": member("admin", superuser=True),
    }
    for name in ("steering1", "steering2", "steering3"):
        Person.objects.create(
            display_name=f"Member {name[-1]}", role=Person.Role.STEERING_GROUP, user=users[name]
        )
    return users


@pytest.fixture
def submitted(client, home, people):
    """A new page the editor has drafted and submitted through the admin."""
    from home.models import StandardPage

    from .admin_forms import add_url, standard_page_data

    client.force_login(people["editor"])
    response = client.post(
        add_url(home),
        standard_page_data("Hospital discharge", "discharge", **{"action-submit": "1"}),
    )
    assert response.status_code == 302, response.content[:2000]
    client.logout()
    return StandardPage.objects.get(slug="discharge")


@pytest.fixture
def live_page(client, submitted, people):
    """The submitted page, taken through the whole approval workflow in the admin."""
    from .admin_forms import publish_through_workflow

    return publish_through_workflow(client, submitted, people)
