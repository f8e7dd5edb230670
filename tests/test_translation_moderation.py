"""Translations go live only through the approval workflow (wagtail-localize paths)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from .admin_forms import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def urdu(db):
    return Locale.objects.get_or_create(language_code="ur")[0]


def translate_as_editor(client, page, people, urdu):
    as_user(client, people["editor"])
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
    as_user(client, people["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    translated.refresh_from_db()
    assert translated.live


# A translation goes live only through the workflow


URDU_TITLE = "ہسپتال سے رخصتی"
URDU_TEXT = "سادہ الفاظ۔"


def in_urdu(source_text):
    """A translator's answers for the page made by the `submitted` fixture."""
    return {
        "Hospital discharge": URDU_TITLE,
        "discharge": "discharge",
        "A plain page.": "ایک سادہ صفحہ۔",
        "Plain words.": URDU_TEXT,
    }.get(source_text)


@pytest.fixture
def urdu_home(home, urdu, django_capture_on_commit_callbacks):
    """The home page live in Urdu (set up directly: what is tested is the page under it)."""
    from wagtail_localize.models import TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(home)
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(urdu, publish=True, fallback=True)
    return home.get_translation(urdu)


def translated_by_the_translator(client, live_page, people, urdu):
    """The editor starts an Urdu translation and fills in every string, as in the editor."""
    from linksite.translations import fill_translation, translation_of

    page = translate_as_editor(client, live_page, people, urdu)
    fill_translation(translation_of(page), in_urdu, user=people["editor"])
    return page


def urdu_status(client, page):
    client.logout()
    return client.get(f"/ur/{page.slug}/")


def test_an_editor_cannot_publish_from_the_translation_editor(
    client, urdu_home, urdu, people, live_page, django_capture_on_commit_callbacks
):
    from .admin_forms import edit_url, refused

    page = translated_by_the_translator(client, live_page, people, urdu)
    editor_view = client.get(edit_url(page)).content.decode()
    assert "canPublish&quot;: false" in editor_view
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(page), {"action": "publish"})
    assert refused(response)
    page.refresh_from_db()
    assert not page.live
    assert urdu_status(client, page).status_code == 404


def test_a_translation_submitted_by_the_editor_goes_live_only_when_the_steering_group_approves(
    client, urdu_home, urdu, people, live_page, django_capture_on_commit_callbacks
):
    from .admin_forms import through_editorial_check, workflow_action

    page = translated_by_the_translator(client, live_page, people, urdu)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("linksite_submit_translation", args=[page.pk]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Editorial check"
    assert not page.live and urdu_status(client, page).status_code == 404
    through_editorial_check(client, page, people)
    workflow_action(as_user(client, people["steering1"]), page, "approve")
    page.refresh_from_db()
    assert not page.live and urdu_status(client, page).status_code == 404
    workflow_action(as_user(client, people["steering2"]), page, "approve")
    response = urdu_status(client, page)
    assert response.status_code == 200
    html = response.content.decode()
    assert URDU_TEXT in html and '<html lang="ur" dir="rtl">' in html
    assert "approval-line" in html


def test_the_submit_translation_button_is_offered_to_the_editor_of_a_translation(
    client, urdu_home, urdu, people, live_page
):
    from .admin_forms import edit_url

    page = translated_by_the_translator(client, live_page, people, urdu)
    submit_url = reverse("linksite_submit_translation", args=[page.pk])
    assert submit_url in client.get(edit_url(page)).content.decode()
    # Not on the English original, which has Wagtail's own submit button.
    assert submit_url not in client.get(edit_url(live_page)).content.decode()
    assert (
        client.get(reverse("linksite_submit_translation", args=[live_page.pk])).status_code == 404
    )


def test_a_change_to_a_live_translation_waits_for_approval(
    client, urdu_home, urdu, people, live_page, django_capture_on_commit_callbacks
):
    from linksite.translations import fill_translation, translation_of

    from .admin_forms import publish_through_workflow

    page = translated_by_the_translator(client, live_page, people, urdu)
    client.post(reverse("linksite_submit_translation", args=[page.pk]))
    publish_through_workflow(client, page, people)
    # The translator changes a string and submits the change.
    fill_translation(translation_of(page), lambda s: "نئے الفاظ۔" if s == "Plain words." else None)
    as_user(client, people["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("linksite_submit_translation", args=[page.pk]))
    html = urdu_status(client, page).content.decode()
    assert URDU_TEXT in html and "نئے الفاظ۔" not in html
    page.refresh_from_db()
    assert page.live and page.has_unpublished_changes


def convert_to_alias(client, page, people, django_capture_on_commit_callbacks, user="admin"):
    """Only an administrator may turn a translation into an alias (admin_views)."""
    as_user(client, people[user])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtail_localize:convert_to_alias", args=[page.pk]))
    page.refresh_from_db()
    return page, response


def test_an_editor_cannot_turn_a_translation_into_an_alias_and_is_told_why(
    client, urdu_home, urdu, people, live_page, django_capture_on_commit_callbacks
):
    page = translated_by_the_translator(client, live_page, people, urdu)
    page, response = convert_to_alias(
        client, page, people, django_capture_on_commit_callbacks, user="editor"
    )
    assert page.alias_of_id is None
    told = client.get(response.url, follow=True).content.decode()
    assert "only an administrator can do it" in told


def test_turning_an_alias_back_into_a_translation_does_not_publish_the_translation(
    client, urdu_home, urdu, people, live_page, django_capture_on_commit_callbacks
):
    """wagtail-localize writes the Urdu strings it already has for a page (here from before
    the editor turned the translation into an alias of the English page) straight into the
    live alias when it becomes a translation again: they must not go public unapproved."""
    page = translated_by_the_translator(client, live_page, people, urdu)
    alias, _ = convert_to_alias(client, page, people, django_capture_on_commit_callbacks)
    assert alias.alias_of_id is not None
    assert alias.live and urdu_status(client, alias).status_code == 200
    as_user(client, people["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtail_localize:submit_page_translation", args=[live_page.pk]),
            {"locales": [urdu.pk], "include_subtree": ""},
        )
    translated = Page.objects.get(pk=alias.pk)
    assert translated.alias_of_id is None
    assert translated.get_latest_revision().content["title"] == URDU_TITLE
    response = urdu_status(client, translated)
    assert URDU_TITLE not in response.content.decode()
    translated.refresh_from_db()
    assert not translated.live


def test_a_translation_is_not_turned_into_an_alias_of_an_unapproved_english_draft(
    client, urdu_home, urdu, people, live_page, django_capture_on_commit_callbacks
):
    from .admin_forms import edit_url, standard_page_data

    page = translated_by_the_translator(client, live_page, people, urdu)
    as_user(client, people["editor"]).post(
        edit_url(live_page),
        standard_page_data("Hospital discharge", "discharge", text="Unapproved change"),
    )
    alias, _ = convert_to_alias(client, page, people, django_capture_on_commit_callbacks)
    assert alias.alias_of_id is None  # refused even to an administrator while a draft waits
    html = urdu_status(client, alias).content.decode()
    assert "Unapproved change" not in html
