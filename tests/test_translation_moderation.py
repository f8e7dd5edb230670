"""Translations go live only through the approval workflow (wagtail-localize paths)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def urdu(db):
    return Locale.objects.get_or_create(language_code="ur")[0]


def translate_as_editor(client, page, people, urdu):
    client.force_login(people["editor"])
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [urdu.pk], "include_subtree": ""},
    )
    assert response.status_code == 302, response.content[:1000]
    return Page.objects.get(translation_key=page.translation_key, locale=urdu)


def test_translating_a_live_page_creates_a_draft_not_a_live_page(
    client,
    home,
    urdu,
    people,
    live_page,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        translated = translate_as_editor(client, live_page, people, urdu)
    assert not translated.live


def test_update_translations_cannot_publish_for_an_editor(
    client,
    home,
    urdu,
    people,
    live_page,
    django_capture_on_commit_callbacks,
):
    translated = translate_as_editor(client, live_page, people, urdu)
    source = TranslationSource.objects.get(object_id=live_page.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    page_view = client.get(url)
    assert page_view.status_code == 200
    assert 'name="publish_translations"' not in page_view.content.decode().replace(
        'type="hidden" name="publish_translations"', ""
    )
    # wagtail-localize publishes in on-commit callbacks: run them, as a real request would.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"publish_translations": "on"})
    translated.refresh_from_db()
    assert not translated.live


def test_update_translations_still_lets_an_administrator_publish(
    client,
    home,
    urdu,
    people,
    live_page,
    django_capture_on_commit_callbacks,
):
    translated = translate_as_editor(client, live_page, people, urdu)
    source = TranslationSource.objects.get(object_id=live_page.translation_key)
    client.force_login(people["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    translated.refresh_from_db()
    assert translated.live
