"""The app sends the Cache-Control it means (linksite/cache_control.py): public pages may be
kept a little while, by a browser and the front cache; nothing personal is ever kept."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from .admin_forms import as_user
from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


PUBLIC = {"public", "max-age=60", "s-maxage=300"}
PRIVATE = {"private", "no-store"}


def test_an_anonymous_visitor_gets_a_public_page_that_may_be_kept_a_few_minutes(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert directives(response) == PUBLIC
    assert not response.cookies


def test_a_page_in_another_language_may_be_kept_too(client, home):
    response = client.get("/ur/")
    assert response.status_code == 200
    assert directives(response) == PUBLIC


def test_a_missing_page_may_be_kept_like_any_public_answer(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert directives(response) == PUBLIC


def test_a_signed_in_person_gets_private_no_store_even_on_a_public_page(client, home, people):
    as_user(client, people["editor"])
    response = client.get("/")
    assert response.status_code == 200
    assert directives(response) >= PRIVATE
    assert "public" not in directives(response)


def test_a_visitor_with_a_csrf_cookie_gets_private_no_store(client, home):
    client.cookies["csrftoken"] = "x" * 32
    response = client.get("/")
    assert directives(response) == PRIVATE


def test_the_admin_sign_in_is_never_kept(client, home):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert directives(response) >= PRIVATE


def test_a_preview_in_the_admin_is_never_kept(client, home, people):
    page = StandardPageFactory(parent=home, slug="leaflet")
    as_user(client, people["admin"])
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    assert directives(response) >= PRIVATE


@pytest.mark.parametrize(
    "path",
    [
        "/email-alerts/?scope=reports",
        "/ur/email-alerts/?scope=reports",
        "/email-alerts/manage/not-a-token/",
        "/email-alerts/check-your-email/",
    ],
)
def test_the_email_alerts_pages_are_never_kept(client, home, path):
    response = client.get(path)
    assert directives(response) >= PRIVATE
    assert "public" not in directives(response)


def test_a_response_that_sets_a_cookie_is_never_kept(client, home):
    page = StandardPageFactory(parent=home, slug="members")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get("/members/")
    assert response.status_code == 200  # the password form, with a CSRF cookie
    assert response.cookies
    assert directives(response) == PRIVATE


def test_a_post_is_never_kept(client, home):
    response = client.post("/search/", {"q": "care"})
    assert directives(response) == PRIVATE


def test_a_view_that_says_what_it_means_keeps_its_own_header(client, home):
    response = client.get("/email-alerts/check-your-email/")
    assert not response.cookies
    # never_cache's own words, kept as they are
    assert directives(response) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }
