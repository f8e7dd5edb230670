"""Any page can offer an easy read version, large print or audio, near the top of the page,
approved with the page it belongs to."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.models import HomePage, StandardPage

from .admin_forms import (
    add_url,
    as_user,
    edit_url,
    public_status,
    publish_through_workflow,
    standard_page_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(db):
    Document = get_document_model()
    return {
        "easy_read": Document.objects.create(
            title="Easy read", file=ContentFile(b"%PDF-1.4 easy", name="easy-read.pdf")
        ),
        "audio": Document.objects.create(
            title="Audio", file=ContentFile(b"ID3 audio", name="discharge.mp3")
        ),
    }


def formats(*rows):
    return [
        {"kind": kind, "document": doc.pk, "description": text, "ORDER": str(i)}
        for i, (kind, doc, text) in enumerate(rows)
    ]


def test_every_link_page_type_has_the_alternative_formats_panel(client, home, people):
    as_user(client, people["editor"])
    for model in (StandardPage, HomePage):
        names = [getattr(p, "relation_name", None) for p in model.content_panels]
        assert "alternative_formats" in names, model
    form = client.get(add_url(home)).content.decode()
    assert 'name="alternative_formats-TOTAL_FORMS"' in form
    assert 'name="alternative_formats-TOTAL_FORMS"' in client.get(edit_url(home)).content.decode()


def test_an_editor_adds_formats_in_the_admin_and_they_are_saved_with_the_draft(
    client, home, people, documents
):
    as_user(client, people["editor"])
    response = client.post(
        add_url(home),
        standard_page_data(
            "Hospital discharge",
            "discharge",
            alternative_formats=formats(
                ("easy_read", documents["easy_read"], "12 pages with pictures"),
                ("audio", documents["audio"], "25 minutes"),
            ),
            **{"action-submit": "1"},
        ),
    )
    assert response.status_code == 302, response.content[:3000]
    page = StandardPage.objects.get(slug="discharge")
    draft = page.get_latest_revision().as_object()
    assert [(f.kind, f.description) for f in draft.alternative_formats.all()] == [
        ("easy_read", "12 pages with pictures"),
        ("audio", "25 minutes"),
    ]
    assert not page.live


def test_an_audio_format_must_be_an_audio_file(client, home, people, documents):
    as_user(client, people["editor"])
    response = client.post(
        add_url(home),
        standard_page_data(
            "Hospital discharge",
            "discharge",
            alternative_formats=formats(("audio", documents["easy_read"], "")),
        ),
    )
    assert response.status_code == 200
    assert "Choose an audio file" in response.content.decode()
    assert not StandardPage.objects.filter(slug="discharge").exists()


def test_the_formats_are_shown_before_the_title_once_the_page_is_approved(
    client, home, people, documents
):
    as_user(client, people["editor"]).post(
        add_url(home),
        standard_page_data(
            "Hospital discharge",
            "discharge",
            alternative_formats=formats(("easy_read", documents["easy_read"], "12 pages")),
            **{"action-submit": "1"},
        ),
    )
    page = StandardPage.objects.get(slug="discharge")
    publish_through_workflow(client, page, people)
    client.logout()
    html = client.get("/discharge/").content.decode()
    aside = re.search(r'<aside class="alternative-formats".*?</aside>', html, re.S).group(0)
    assert 'aria-label="Other formats of this page"' in aside
    assert f'href="{documents["easy_read"].url}"' in aside
    assert "Easy read" in aside and "(PDF" in aside and "12 pages" in aside
    assert html.index('class="alternative-formats"') < html.index("<h1>")


def test_a_format_added_to_a_live_page_waits_for_approval_like_any_change(
    client, live_page, people, documents
):
    as_user(client, people["editor"]).post(
        edit_url(live_page),
        standard_page_data(
            "Hospital discharge",
            "discharge",
            alternative_formats=formats(("easy_read", documents["easy_read"], "")),
            **{"action-submit": "1"},
        ),
    )
    client.logout()
    assert 'class="alternative-formats"' not in client.get("/discharge/").content.decode()
    publish_through_workflow(client, live_page, people)
    client.logout()
    assert public_status(client, live_page) == 200
    assert 'class="alternative-formats"' in client.get("/discharge/").content.decode()


def test_a_page_without_formats_shows_no_formats_box(client, live_page):
    assert "alternative-formats" not in client.get("/discharge/").content.decode()
