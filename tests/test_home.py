"""The front door and plain pages: they render for anyone, accessibly, in the right place."""

import re

import pytest
from django.utils.html import escape
from wagtail.models import Page

from home.models import HomePage, StandardPage

from .admin_forms import as_user
from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_renders_for_an_anonymous_visitor_with_one_h1(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert home.title in html


def test_every_page_has_a_skip_link_landmarks_and_language(client, home):
    page = StandardPageFactory(parent=home, title="About us")
    html = client.get(page.url).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert '<nav class="main-nav" aria-label="Main">' in html
    assert "<footer" in html and "<header" in html


def test_standard_page_renders_with_breadcrumbs_back_to_home(client, home):
    parent = StandardPageFactory(parent=home, title="How we work")
    child = StandardPageFactory(parent=parent, title="Meetings")
    html = client.get(child.url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert f'href="{parent.url}"' in html
    assert '<span aria-current="page">Meetings</span>' in html


def test_draft_standard_page_is_not_served_or_listed_in_navigation(client, home):
    draft = StandardPageFactory(
        parent=home, title="Not yet approved", live=False, show_in_menus=True
    )
    assert client.get(f"/{draft.slug}/").status_code == 404
    assert "Not yet approved" not in client.get("/").content.decode()


def test_standard_page_can_sit_under_the_home_page_or_another_standard_page():
    assert StandardPage.can_create_at(HomePage())
    assert StandardPage.can_create_at(StandardPage())


def test_standard_page_cannot_be_created_at_the_tree_root(home):
    root = Page.get_first_root_node()
    assert not StandardPage.can_create_at(root)
    assert not HomePage.can_create_at(home)


def test_the_admin_refuses_to_add_a_standard_page_at_the_tree_root(client, home):
    from .factories import UserFactory

    as_user(client, UserFactory(username="root-admin", is_superuser=True))
    root = Page.get_first_root_node()
    response = client.post(
        f"/admin/pages/add/home/standardpage/{root.pk}/",
        {"title": "Misplaced", "slug": "misplaced", "body-count": "0"},
    )
    assert response.status_code == 302 and response.url == "/admin/"
    assert not StandardPage.objects.filter(slug="misplaced").exists()
    assert client.get(f"/admin/pages/add/home/standardpage/{home.pk}/").status_code == 200


def test_footer_shows_contact_details_and_statement_links_from_settings(client, home):
    from wagtail.models import Site

    from linksite.models import LinkSettings

    statement = StandardPageFactory(parent=home, title="Accessibility statement")
    home.link_name = "Testshire LINk"
    home.host_organisation = "Testshire Voice"
    home.save_revision().publish()
    settings = LinkSettings.for_site(Site.objects.get(root_page=home))
    settings.contact_email = "hello@testshire.example.org"
    settings.accessibility_page = statement
    settings.save()
    html = client.get("/").content.decode()
    assert "Testshire LINk" in html
    assert "Supported by our host organisation, Testshire Voice." in html
    assert 'href="mailto:hello@testshire.example.org"' in html
    assert f'href="{statement.url}">Accessibility statement</a>' in html


@pytest.mark.django_db
def test_the_front_door_lists_reports_and_decisions_by_their_own_dates(client, demo):
    from decisions.models import DecisionPage
    from publications.models import ReportPage

    home = HomePage.objects.get(locale__language_code="en")
    html = client.get(home.url).content.decode()
    latest = html[html.index('id="latest"') :]
    reports = ReportPage.objects.live().filter(locale=home.locale).order_by("-report_date")
    decisions = DecisionPage.objects.live().filter(locale=home.locale).order_by("-decided_on")
    newest = sorted(
        [(r.report_date, r.title) for r in reports[:6]]
        + [(d.decided_on, d.title) for d in decisions[:6]],
        reverse=True,
    )[:6]
    positions = [latest.index(escape(title)) for _day, title in newest]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_the_front_door_offers_sharing_an_experience_and_the_search(client, demo):
    from experiences.pages import ShareExperiencePage

    for language in ("en", "ur", "pl", "bn"):
        share = ShareExperiencePage.objects.get(locale__language_code=language)
        home = share.get_parent()
        html = client.get(home.url).content.decode()
        assert html.count(f'href="{share.url}"') >= 2, language  # the header and the front door
        assert 'id="front-search-query"' in html


def test_the_links_name_area_and_host_come_from_the_home_page_in_the_pages_language(client, home):
    from wagtail.models import Locale

    home.link_name, home.area_name = "Testshire LINk", "the County of Testshire"
    home.host_organisation = "Testshire Voice"
    home.save_revision().publish()
    urdu = home.copy_for_translation(Locale.objects.get_or_create(language_code="ur")[0])
    urdu.link_name, urdu.area_name, urdu.host_organisation = "ٹیسٹ شائر لنک", "", ""
    urdu.save_revision().publish()
    html = client.get("/ur/").content.decode()
    assert '<span class="site-header__link-name">ٹیسٹ شائر لنک</span>' in html
    # Not translated yet: the English words, marked as English inside the Urdu sentence.
    assert '<span lang="en" dir="ltr">the County of Testshire</span>' in html
    assert '<span lang="en" dir="ltr">Testshire Voice</span>' in html
    english = client.get("/").content.decode()
    assert (
        "in the County of Testshire" in english and 'lang="en" dir="ltr">the County' not in english
    )


@pytest.mark.django_db
def test_a_home_page_in_another_language_lists_untranslated_reports_marked_english(client, demo):
    urdu_home = HomePage.objects.get(locale__language_code="ur")
    html = client.get(urdu_home.url).content.decode()
    latest = html[html.index('id="latest"') :]
    assert 'lang="en" dir="ltr">Leaving hospital: what patients and carers told us' in latest
