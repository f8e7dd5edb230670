"""Approving a page approves the bytes it shows: each rule tried through the admin's real views
as the user it concerns, then checked by fetching the public file."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, PageViewRestriction

from linksite.approved_files import PublicCollection, PublishedFile
from linksite.simple_pdf import pdf_with_text
from publications.models import ReportPage

from .admin_forms import as_user, edit_url, publish_through_workflow
from .publications_forms import add_report_url, report_form_data

pytestmark = pytest.mark.django_db

Document = get_document_model()

DRAFT_WORDS = "Only the draft says this about Ward 7."


def upload(user, title, text, filename="report.pdf"):
    document = Document(
        title=title, uploaded_by_user=user, collection=Collection.get_first_root_node()
    )
    document.file.save(filename, ContentFile(pdf_with_text([text], title=title)), save=False)
    document.save()
    return document


def fetch(client, document):
    client.logout()
    return client.get(document.url)


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def submit_report(client, editor, report_index, document, slug="ward-7"):
    as_user(client, editor).post(
        add_report_url(report_index),
        report_form_data(
            "Ward 7", slug, report_document=str(document.pk), **{"action-submit": "1"}
        ),
    )
    return ReportPage.objects.get(slug=slug)


@pytest.fixture
def draft_pdf(people):
    return upload(people["editor"], "Ward 7 report", DRAFT_WORDS)


@pytest.fixture
def submitted_report(client, people, report_index, draft_pdf):
    return submit_report(client, people["editor"], report_index, draft_pdf)


def test_a_drafts_document_is_not_public_before_approval(client, submitted_report, draft_pdf):
    assert not submitted_report.live
    assert fetch(client, draft_pdf).status_code == 404


def test_staff_may_fetch_a_drafts_document_and_it_is_never_cached(
    client, people, submitted_report, draft_pdf
):
    response = as_user(client, people["reviewer"]).get(draft_pdf.url)
    assert response.status_code == 200
    assert DRAFT_WORDS.encode("latin-1") in body_of(response)
    assert response["Cache-Control"] == "private, no-store"


def test_the_document_is_public_once_its_page_is_approved(
    client, people, submitted_report, draft_pdf
):
    publish_through_workflow(client, submitted_report, people)
    response = fetch(client, draft_pdf)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert DRAFT_WORDS.encode("latin-1") in body_of(response)
    assert response["Cache-Control"].startswith("public")


def test_a_document_on_a_page_taken_down_is_no_longer_public(
    client, people, submitted_report, draft_pdf
):
    report = publish_through_workflow(client, submitted_report, people)
    as_user(client, people["steering3"]).post(
        reverse("linksite_take_down", args=[report.pk]), {"reason": "Names a patient."}
    )
    assert fetch(client, draft_pdf).status_code == 404


def test_a_document_on_a_live_page_under_a_view_restriction_is_not_public(
    client, people, submitted_report, draft_pdf
):
    report = publish_through_workflow(client, submitted_report, people)
    PageViewRestriction.objects.create(page=report, restriction_type="login")
    assert fetch(client, draft_pdf).status_code == 404


def test_an_editor_cannot_replace_the_file_of_a_document_a_live_page_shows(
    client, people, submitted_report, draft_pdf
):
    publish_through_workflow(client, submitted_report, people)
    approved = body_of(fetch(client, draft_pdf))
    url = reverse("wagtaildocs:edit", args=[draft_pdf.pk])
    as_user(client, people["editor"])
    page = client.get(url)
    assert page.status_code == 403
    assert "cannot be changed or deleted" in page.content.decode()
    assert "upload it as a new file" in page.content.decode()
    swap = SimpleUploadedFile("report.pdf", pdf_with_text(["Swapped words."]), "application/pdf")
    client.post(
        url, {"title": "Ward 7 report", "file": swap, "collection": draft_pdf.collection_id}
    )
    assert body_of(fetch(client, draft_pdf)) == approved


def test_an_editor_cannot_delete_a_document_a_live_page_shows(
    client, people, submitted_report, draft_pdf
):
    publish_through_workflow(client, submitted_report, people)
    as_user(client, people["editor"])
    response = client.post(reverse("wagtaildocs:delete", args=[draft_pdf.pk]))
    assert response.status_code == 403
    bulk = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"])
    client.post(f"{bulk}?id={draft_pdf.pk}")
    multiple = reverse("wagtaildocs:delete_multiple", args=[draft_pdf.pk])
    client.post(multiple)
    assert Document.objects.filter(pk=draft_pdf.pk).exists()
    assert fetch(client, draft_pdf).status_code == 200


def test_an_editor_may_still_change_their_own_document_that_no_live_page_shows(
    client, people, submitted_report, draft_pdf
):
    url = reverse("wagtaildocs:edit", args=[draft_pdf.pk])
    assert as_user(client, people["editor"]).get(url).status_code == 200


def test_an_administrator_may_remove_a_document_a_live_page_shows(
    client, people, submitted_report, draft_pdf
):
    publish_through_workflow(client, submitted_report, people)
    filename = draft_pdf.filename
    as_user(client, people["admin"]).post(reverse("wagtaildocs:delete", args=[draft_pdf.pk]))
    assert not Document.objects.filter(pk=draft_pdf.pk).exists()
    # The record of what was approved keeps the file's name and hash.
    assert PublishedFile.objects.filter(filename=filename, document=None).exists()


def test_a_new_version_goes_public_only_with_the_approved_page_and_the_old_one_then_goes(
    client, people, submitted_report, draft_pdf
):
    report = publish_through_workflow(client, submitted_report, people)
    new_pdf = upload(people["editor"], "Ward 7 report, corrected", "Corrected words.", "new.pdf")
    as_user(client, people["editor"]).post(
        edit_url(report),
        report_form_data(
            "Ward 7", "ward-7", report_document=str(new_pdf.pk), **{"action-submit": "1"}
        ),
    )
    assert fetch(client, draft_pdf).status_code == 200  # the approved file stays public
    assert fetch(client, new_pdf).status_code == 404
    publish_through_workflow(client, report, people)
    assert fetch(client, new_pdf).status_code == 200
    assert fetch(client, draft_pdf).status_code == 404  # no live page shows it any more


def test_the_publication_record_lists_each_file_with_its_sha256(
    client, people, submitted_report, draft_pdf
):
    report = publish_through_workflow(client, submitted_report, people)
    client.logout()
    expected = hashlib.sha256(body_of(fetch(client, draft_pdf))).hexdigest()
    html = client.get(reverse("publication_record", args=[report.pk])).content.decode()
    assert draft_pdf.filename in html
    assert expected in html


def test_a_collection_an_administrator_made_public_serves_its_documents_without_a_page(
    client, people
):
    forms = Collection.get_first_root_node().add_child(name="Forms to download")
    document = upload(people["editor"], "Expenses form", "Claim your travel.", "expenses.pdf")
    document.collection = forms
    document.save()
    assert fetch(client, document).status_code == 404
    PublicCollection.objects.create(collection=forms, reason="Forms for volunteers")
    assert fetch(client, document).status_code == 200


def test_an_editor_cannot_replace_or_delete_an_image_a_live_page_shows(client, people, home):
    from wagtail.images.tests.utils import get_test_image_file

    from home.models import StandardPage

    image = get_image_model().objects.create(
        title="Ward 7 entrance", file=get_test_image_file(), uploaded_by_user=people["editor"]
    )
    page = StandardPage(
        title="Ward 7", slug="ward-7-photo", body=[("image", {"image": image, "alt_text": "Door"})]
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    assert PublishedFile.objects.filter(image=image, revision=page.live_revision).exists()
    as_user(client, people["editor"])
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 403
    assert client.post(reverse("wagtailimages:delete", args=[image.pk])).status_code == 403
    assert get_image_model().objects.filter(pk=image.pk).exists()
