import pytest
from django.db import connection

# Fixtures of the decisions app's tests (procedures, decision log, enter and view).
pytest_plugins = ["tests.decisions_support"]


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine} ({settings.DATABASES['default'].get('HOST') or 'embedded'})"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database; and, when the handover archive's round trip is among the tests, a
    copy of it as `migrate` left it, the empty site the demo is imported into
    (tests/archive_support.py)."""
    from . import archive_support

    if not archive_support.wants_empty_site(request.session.items):
        yield
        return
    with django_db_blocker.unblock():
        archive_support.take_snapshot(connection)
    yield
    with django_db_blocker.unblock():
        archive_support.drop_snapshot(connection)


@pytest.fixture(autouse=True)
def empty_cache_between_tests():
    """Each test starts with an empty cache: what one test cached (page furniture under an
    edition its rolled-back transaction undid, a rate limit's count) never reaches the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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

    from .admin_forms import add_url, as_user, standard_page_data

    as_user(client, people["editor"])
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


# Publications: a report index under the home page and organisations to send reports to.


@pytest.fixture
def report_index(home):
    from .factories import ReportIndexPageFactory

    return ReportIndexPageFactory(parent=home, slug="reports")


@pytest.fixture
def trust(db):
    from .factories import OrganisationFactory

    return OrganisationFactory(name="Testshire Hospitals NHS Trust", kind="nhs_trust")


@pytest.fixture
def council(db):
    from .factories import OrganisationFactory

    return OrganisationFactory(
        name="Testshire Council Adult Social Care", kind="council_department"
    )


@pytest.fixture
def agency(db):
    from .factories import OrganisationFactory

    return OrganisationFactory(name="Testshire Home Care Agency", kind="provider")


# Browser tests: Debian's Chromium driven by Playwright for Python, against a live server
# with the demo loaded. Never a downloaded browser build.

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path():
    import os
    import shutil

    candidates = [os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")]
    return next((c for c in candidates if c and os.path.exists(c)), None)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    import os

    path = chromium_path()
    if path is None:
        pytest.skip(
            "No Chromium found at /usr/bin/chromium (or $CHROMIUM): the browser tests need "
            "Debian's chromium package (apt-get install -y chromium)."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API keeps an event loop on this thread; the tests' own
    # database calls are synchronous and safe, so Django need not refuse them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def configured_database_name():
    """The database the settings name before any test database replaces it."""
    import os

    from django.conf import settings

    from linksite.settings.environment import database_from_url

    return database_from_url(os.environ.get("DATABASE_URL", ""), settings.BASE_DIR / "db.sqlite3")[
        "NAME"
    ]


@pytest.fixture(scope="session")
def browser_database(django_db_setup, django_db_blocker):
    """The test database, for browser tests, which hold no test transaction of their own.

    pytest-django creates the test database only when a test marked for the database is
    collected; when browser tests run on their own it is created here, so they never touch
    the development database.
    """
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    created = None
    with django_db_blocker.unblock():
        if connection.settings_dict["NAME"] == configured_database_name():
            created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    assert connection.settings_dict["NAME"] != configured_database_name()
    yield
    if created is not None:
        with django_db_blocker.unblock():
            teardown_databases(created, verbosity=0)


@pytest.fixture(scope="session")
def shared_demo(browser_database, django_db_blocker):
    """The demo, loaded once for the whole run and committed (a live server's thread must see
    it). Every test that uses it runs after every test that does not (see
    `pytest_collection_modifyitems`), so no other test ever finds the demo's content.
    """
    from django.core.cache import cache
    from django.db import connections
    from django.test.utils import override_settings

    from linksite.demo import load_demo

    with django_db_blocker.unblock():
        with override_settings(
            DEBUG=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            load_demo()
        cache.clear()
    yield
    # Playwright's synchronous API runs the tests in a context of its own, where Django
    # opened a connection of its own: close it, or PostgreSQL cannot drop the test database.
    with django_db_blocker.unblock():
        connections.close_all()


@pytest.fixture
def demo(shared_demo, db):
    """The demo, for one test, inside the test's own transaction: what it changes is undone."""


@pytest.fixture(scope="session")
def demo_site(shared_demo):
    """A live server on the demo, shared by the browser tests."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


def pytest_collection_modifyitems(items):
    """Tests on the shared demo run last, and the browser tests (which change it through the
    live server, committed) last of all."""

    def order(item):
        fixtures = getattr(item, "fixturenames", ())
        in_browser = "browser" in fixtures or "demo_site" in fixtures
        return (in_browser or "shared_demo" in fixtures, in_browser)

    items.sort(key=order)


@pytest.fixture(scope="module")
def demo_db(django_db_blocker):
    """Read the demo's database from a browser test (which runs outside a test transaction)."""
    with django_db_blocker.unblock():
        yield


# Background tasks (mail): the database task backend, as in development; a test runs the
# worker explicitly, in its own transaction, when it wants queued mail sent.


@pytest.fixture
def run_worker(db):
    """Run every task that is due (as `manage.py db_worker --batch` does), then return."""
    from django.core.management import call_command

    def run():
        from unittest import mock

        # The worker closes "old" connections between tasks, as a long-running process
        # should; here the connection is the test's own, inside its transaction (on
        # PostgreSQL closing it ends the test's access to the database).
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            run_the_worker()

    def run_the_worker():
        call_command(
            "db_worker",
            "--backend",
            "mail",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0",
        )

    return run


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free local port, collecting what it receives."""
    from aiosmtpd.controller import Controller

    class Collect:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Collect()
    handler.port = port
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()
