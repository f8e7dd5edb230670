"""The admin's image and document listings search within a tag (linksite.media_search)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from linksite.simple_pdf import pdf_with_text

from .admin_forms import as_user

pytestmark = pytest.mark.django_db


def test_the_image_listing_searches_within_a_tag(client, people):
    from wagtail.images.tests.utils import get_test_image_file

    images = get_image_model()
    tagged = images.objects.create(title="Ward entrance", file=get_test_image_file())
    tagged.tags.add("wards")
    images.objects.create(title="Ward garden", file=get_test_image_file())
    as_user(client, people["editor"])
    # The chooser's search is an autocomplete; the listing's a full-text search.
    response = client.get(
        reverse("wagtailimages_chooser:choose_results"), {"q": "war", "tag": "wards"}
    )
    assert response.status_code == 200
    assert [image.title for image in response.context["results"]] == ["Ward entrance"]
    as_user(client, people["admin"])
    response = client.get(reverse("wagtailimages:index"), {"q": "ward", "tag": "wards"})
    assert response.status_code == 200
    assert [image.title for image in response.context["page_obj"]] == ["Ward entrance"]


def test_the_document_listing_searches_within_a_tag(client, people):
    documents = get_document_model()
    for title, tag in [("Ward survey", "wards"), ("Ward leaflet", "")]:
        document = documents.objects.create(
            title=title, file=ContentFile(pdf_with_text(title), name="d.pdf")
        )
        if tag:
            document.tags.add(tag)
    as_user(client, people["admin"])
    response = client.get(reverse("wagtaildocs:index"), {"q": "ward", "tag": "wards"})
    assert response.status_code == 200
    assert [document.title for document in response.context["page_obj"]] == ["Ward survey"]
