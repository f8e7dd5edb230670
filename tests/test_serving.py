"""What every request looks up (the site, the locales, the home page, the view restrictions)
is read once per edition of the site (linksite.serving): a warm page asks none of it again,
and every change to it is served on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from linksite.serving import OncePerRequest

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def published(parent, **fields):
    page = StandardPageFactory(parent=parent, **fields)
    page.save_revision().publish()
    return page


def sql_of(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_a_warm_translated_page_asks_for_no_site_locale_or_view_restriction(client, demo):
    asked = " ".join(sql_of(client, "/ur/reports/"))
    for table in ("wagtailcore_site", "wagtailcore_locale", "wagtailcore_pageviewrestriction"):
        assert table not in asked, table


def test_a_view_restriction_added_after_a_page_was_served_holds_on_the_next_request(client, home):
    parent = published(home, title="Members", slug="members", body=[])
    published(parent, title="Minutes", slug="minutes", body=[("paragraph", "<p>Secret.</p>")])
    assert "Secret." in client.get("/members/minutes/").content.decode()
    restriction = PageViewRestriction.objects.create(
        page=parent, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    html = client.get("/members/minutes/").content.decode()
    assert "Secret." not in html and 'name="password"' in html
    restriction.delete()
    assert "Secret." in client.get("/members/minutes/").content.decode()


def test_a_new_title_for_the_home_page_is_served_at_once(client, home):
    assert "Testshire LINk" in client.get("/").content.decode()
    home.title = "Testshire Local Involvement Network"
    home.save_revision().publish()
    assert "<h1>Testshire Local Involvement Network</h1>" in client.get("/").content.decode()


def test_a_page_moved_under_another_is_routed_at_its_new_address_at_once(client, home):
    page = published(home, title="Leaflets", slug="leaflets")
    other = published(home, title="Resources", slug="resources")
    assert client.get("/leaflets/").status_code == 200
    page.move(other, pos="last-child")
    old = client.get("/leaflets/")  # not found there, so Wagtail's redirect answers
    assert old.status_code == 301 and old["Location"] == "/resources/leaflets/"
    assert client.get("/resources/leaflets/").status_code == 200


def test_a_locale_added_is_found_by_the_next_request(rf, home):
    def in_a_request(code):
        found = []

        def view(request):
            found.append(Locale.objects.get_for_language(code).language_code)
            return None

        OncePerRequest(view)(rf.get("/"))
        return found[0]

    Locale.objects.filter(language_code="pl").delete()
    assert in_a_request("en") == "en"  # the locales are now kept for this edition
    Locale.objects.create(language_code="pl")
    assert in_a_request("pl") == "pl"
