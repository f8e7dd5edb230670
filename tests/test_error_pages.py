"""Error pages in the site's design and the visitor's language; 500 needs no database."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import permission_denied, server_error

LANGUAGES = {
    "en": ("Page not found", "Sorry, something went wrong", "Bad request"),
    "ur": ("صفحہ نہیں ملا", "معذرت، کچھ غلط ہو گیا", "غلط درخواست"),
    "pl": ("Nie znaleziono strony", "Przepraszamy, coś poszło nie tak", "Błędne żądanie"),
    "bn": ("পাতাটি পাওয়া যায়নি", "দুঃখিত, কিছু একটা ভুল হয়েছে", "ভুল অনুরোধ"),
}


def prefix(language):
    return "" if language == "en" else f"/{language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_page_answers_404_in_the_sites_design_and_language(client, home, language):
    response = client.get(f"{prefix(language)}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert f"<h1>{LANGUAGES[language][0]}</h1>" in html
    assert 'class="site-header"' in html and "css/site.css" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_500_page_renders_with_no_database_and_no_request(language):
    # No `db` fixture: pytest-django refuses any database query here.
    with translation.override(language):
        html = server_error(RequestFactory().get("/")).content.decode()
    assert f'<html lang="{language}"' in html
    assert f"<h1>{LANGUAGES[language][1]}</h1>" in html
    with translation.override(language):
        assert LANGUAGES[language][1] in render_to_string("500.html")


def test_the_urdu_500_page_is_right_to_left():
    with translation.override("ur"):
        assert 'dir="rtl"' in render_to_string("500.html")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_request_for_another_host_answers_400_in_the_sites_design(client, home, language):
    response = client.get(f"{prefix(language)}/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert f"<h1>{LANGUAGES[language][2]}</h1>" in html
    assert "css/site.css" in html


@pytest.mark.parametrize(
    "language,heading",
    [
        ("en", "You cannot see this page"),
        ("ur", "آپ یہ صفحہ نہیں دیکھ سکتے"),
        ("pl", "Nie możesz zobaczyć tej strony"),
        ("bn", "আপনি এই পাতাটি দেখতে পারবেন না"),
    ],
)
def test_a_refused_page_answers_403_in_the_sites_design(client, home, language, heading):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(f"{prefix(language)}/")
    request.user = AnonymousUser()
    with translation.override(language):
        html = permission_denied(request, PermissionError()).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html
