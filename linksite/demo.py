"""Building blocks for the demo content. Every step is idempotent: run it twice, get one copy.

`python manage.py load_demo` builds the core (users, organisations, people, the home page,
settings) and then calls `load(demo)` in each app's own `demo` module, in DEMO_MODULES
order, passing a `Demo` that holds what came before.
"""

import base64
import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page, Site

from .models import DeclaredInterest, LinkSettings, Organisation, Person
from .workflow import (
    EDITORIAL_REVIEWERS,
    EDITORS,
    STEERING_GROUP,
    approval_barrier,
)

DEMO_PASSWORD = "link-demo-only"
# Every demo user's authenticator secret (base32, as an app or `oathtool --totp -b` takes it),
# so the demo and the browser tests can give the second factor. Development only, like the
# password.
DEMO_TOTP_SECRET = "NRUW423TNF2GKLLEMVWW6LLPNZWHSIJB"
DEMO_CODE_COMMAND = (
    '.venv/bin/python -c "import base64; from django_otp.oath import totp; '
    f"print('%06d' % totp(base64.b32decode('{DEMO_TOTP_SECRET}')))\""
)
DEMO_USERS = {
    # username: (first name, last name, group; None for the superuser)
    "editor": ("Erin", "Edwards", EDITORS),
    "reviewer": ("Rowan", "Patel", EDITORIAL_REVIEWERS),
    "steering1": ("Sam", "Okafor", STEERING_GROUP),
    "steering2": ("Sasha", "Whitfield", STEERING_GROUP),
    "steering3": ("Sol", "Haddad", STEERING_GROUP),
    "admin": ("Ari", "Morgan", None),
}
DEMO_MODULES = [
    "home.demo",
    "decisions.demo",
    "publications.demo",
    "experiences.demo",
    "annual_report.demo",
    "search.demo",
    "opendata.demo",
]

ORGANISATIONS = [
    ("NHS Aldermoor Primary Care Trust", Organisation.Kind.COMMISSIONER, "https://example.org/pct"),
    ("Aldermoor Borough Council Adult Social Care", Organisation.Kind.COUNCIL_DEPARTMENT, ""),
    ("Aldermoor Hospitals NHS Trust", Organisation.Kind.NHS_TRUST, "https://example.org/hospitals"),
    ("Aldermoor Community Health Services", Organisation.Kind.NHS_TRUST, ""),
    ("Brookside Care Homes Ltd", Organisation.Kind.PROVIDER, ""),
    ("Riverside Home Care Agency", Organisation.Kind.PROVIDER, ""),
    ("Aldermoor Health Overview and Scrutiny Committee", Organisation.Kind.OSC, ""),
    ("Care Quality Commission", Organisation.Kind.REGULATOR, "https://www.cqc.org.uk/"),
]


@dataclass
class Demo:
    home: Page
    users: dict = field(default_factory=dict)
    # What an app's demo wants the person who loaded it to know (a login it added, a search
    # to try); `load_demo` prints them.
    hints: list = field(default_factory=list)
    organisations: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)

    def organisation(self, name_start):
        return next(o for name, o in self.organisations.items() if name.startswith(name_start))


def child_page(parent, model, slug, **fields):
    """The live child of `parent` with this slug, created and approved if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, live=False, **fields)
    parent.add_child(instance=page)
    approve_through_workflow(page)
    return page


def demo_user(username):
    return get_user_model().objects.get(username=username)


def submit_for_approval(page, submitter="editor"):
    """Save the page's current state as a revision and submit it to its workflow."""
    user = demo_user(submitter)
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def act(page, username, action, comment=""):
    """Perform a workflow action as a demo user, exactly as the admin's buttons do."""
    page.refresh_from_db()
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, demo_user(username), action, comment=comment)


def unconflicted_members(page, count=2):
    """The first steering group members allowed to approve the page at its current step."""
    page.refresh_from_db()
    state = page.current_workflow_task_state
    allowed = [
        name
        for name in ("steering1", "steering2", "steering3")
        if approval_barrier(state, demo_user(name)) is None
    ]
    return allowed[:count]


def approve_through_workflow(page):
    """Take a page through the whole approval workflow, as the demo users would."""
    submit_for_approval(page)
    act(page, "reviewer", "approve")
    for member in unconflicted_members(page):
        act(page, member, "approve")
    page.refresh_from_db()
    return page


def ensure_users():
    User = get_user_model()
    users = {}
    for username, (first, last, group_name) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "is_staff": True,
                "is_superuser": group_name is None,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        ensure_demo_authenticator(user)
        users[username] = user
    return users


def demo_totp_key():
    """The demo secret as django-otp stores it (hex)."""
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def demo_totp_code(steps_ahead=0):
    """The code a demo user's authenticator shows now (or that many 30-second steps on:
    a code is good once, and the next step's code is accepted too)."""
    return f"{totp(bytes.fromhex(demo_totp_key()), drift=steps_ahead):06d}"


def ensure_demo_authenticator(user):
    TOTPDevice.objects.update_or_create(
        user=user,
        name="Demo authenticator",
        defaults={"key": demo_totp_key(), "confirmed": True},
    )


def ensure_organisations():
    result = {}
    for name, kind, website in ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "website": website}
        )
        result[name] = org
    return result


def ensure_people(users, organisations):
    steering = [
        (
            "Sam Okafor",
            "steering1",
            "Aldermoor Hospitals NHS Trust",
            DeclaredInterest.Nature.EMPLOYMENT,
        ),
        ("Sasha Whitfield", "steering2", None, None),
        ("Sol Haddad", "steering3", "Brookside Care Homes Ltd", DeclaredInterest.Nature.FAMILY),
    ]
    people = {}
    for name, username, interest_in, nature in steering:
        person, created = Person.objects.get_or_create(
            display_name=name,
            defaults={"role": Person.Role.STEERING_GROUP, "user": users[username]},
        )
        if created and interest_in:
            DeclaredInterest.objects.create(
                person=person,
                organisation=organisations[interest_in],
                nature=nature,
                declared_on=datetime.date(2026, 4, 1),
            )
        people[username] = person
    for name, role, username in [
        ("Erin Edwards", Person.Role.HOST_STAFF, "editor"),
        ("Rowan Patel", Person.Role.HOST_STAFF, "reviewer"),
        ("Priya Kaur", Person.Role.PARTICIPANT, None),
        ("Tomasz Nowak", Person.Role.PARTICIPANT, None),
        ("Grace Mensah", Person.Role.PARTICIPANT, None),
        ("David Ellis", Person.Role.PARTICIPANT, None),
    ]:
        person, _ = Person.objects.get_or_create(
            display_name=name, defaults={"role": role, "user": users.get(username)}
        )
        people[username or name] = person
    return people


def ensure_home():
    from home.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        # Replace the welcome page Wagtail's first migration creates.
        for welcome in root.get_children().filter(content_type__model="page"):
            welcome.delete()
        home = HomePage(
            title="Aldermoor LINk",
            slug="home",
            link_name="Aldermoor LINk",
            area_name="the Borough of Aldermoor",
            host_organisation="Aldermoor Community Voice Trust",
            introduction=(
                "Aldermoor LINk is the independent local watchdog for health and social care "
                "in the Borough of Aldermoor. We find out what people think of local services "
                "and make sure those who plan and run them listen."
            ),
            get_involved=(
                "<p>Anyone who lives or works in Aldermoor can take part. Tell us about care you "
                "or someone you look after has received, come to an open meeting, or train to "
                "visit care services as an authorised representative.</p>"
            ),
        )
        home.live = False
        root.add_child(instance=home)
        approve_through_workflow(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Aldermoor LINk",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Aldermoor LINk"
        site.save()
    return home


def ensure_settings(home, pages):
    site = Site.objects.get(root_page=home)
    link_settings = LinkSettings.for_site(site)
    link_settings.contact_email = "info@aldermoor-link.example.org"
    link_settings.phone = "0161 496 0000"
    link_settings.postal_address = (
        "Aldermoor LINk\nUnit 4, The Old Library\nHigh Street\nAldermoor AL1 2AB"
    )
    link_settings.accessibility_page = pages.get("accessibility")
    link_settings.privacy_page = pages.get("privacy")
    link_settings.open_data_page = pages.get("open-data")
    link_settings.save()


@transaction.atomic
def load_demo():
    from importlib import import_module

    users = ensure_users()
    organisations = ensure_organisations()
    demo = Demo(home=ensure_home(), users=users, organisations=organisations)
    demo.people = ensure_people(users, organisations)
    for module_name in DEMO_MODULES:
        import_module(module_name).load(demo)
    ensure_settings(demo.home, demo.pages)
    return demo


def translate_snippet(instance, language_code, strings, translator="editor"):
    """A snippet's translation, made as a translator would (wagtail-localize, strings filled
    in as from a PO file). Snippets such as topic names are reference data, like
    organisations: saved, not moderated. Does nothing if the translation already exists."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation
    from wagtail_localize.operations import translate_object

    from .translations import fill_translation

    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    if instance.get_translation_or_none(locale) is not None:
        return
    user = demo_user(translator)
    translate_object(instance, [locale], user=user)
    translation = Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=locale
    )
    fill_translation(translation, strings.get, user=user)
    translation.save_target(user=user)


def translate_through_workflow(page, language_code, strings, translator="editor"):
    """The page's translation into a language, made as a translator would (wagtail-localize,
    strings filled in as from a PO file), submitted by the editor and approved through the
    whole workflow. Does nothing if the translation already exists."""
    from wagtail.models import Locale
    from wagtail_localize.operations import translate_object

    from .translations import fill_translation, submit_translation_for_approval, translation_of

    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    user = demo_user(translator)
    translate_object(page, [locale], user=user)
    translated = page.get_translation(locale).specific
    fill_translation(translation_of(translated), strings.get, user=user)
    submit_translation_for_approval(translated, user)
    act(translated, "reviewer", "approve")
    for member in unconflicted_members(translated):
        act(translated, member, "approve")
    translated.refresh_from_db()
    return translated
