"""Uploads are what they say: a document's bytes are checked, not only its name, in every
admin view that uploads one (add, multiple upload, the chooser's upload)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from linksite.simple_pdf import pdf_with_text

from .admin_forms import as_user

pytestmark = pytest.mark.django_db

WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


@pytest.fixture
def editor(client, people):
    return as_user(client, people["editor"])


def add(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def refusal(response):
    return response.content.decode()


# The add view


def test_a_windows_program_called_a_pdf_is_refused(editor):
    response = add(editor, "evil.pdf", WINDOWS_PROGRAM)
    assert response.status_code == 200
    assert "This file is a program (Windows), not a document" in refusal(response)
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("tool.docx", b"\x7fELF\x02\x01\x01" + b"\x00" * 50, "This file is a program (Linux)"),
        ("notes.txt", b"#!/bin/sh\nrm -rf /\n", "This file is a program (script)"),
        ("report.pdf", b"Just some words, not a PDF at all.", "This is not a PDF"),
        ("report.pdf", b"%PDF-1.4\nbroken beyond repair", "This PDF is damaged"),
        ("minutes.docx", b"plain words", "This is not a Word document"),
        ("minutes.docx", zipped({"other.xml": "<x/>"}), "This is not a Word document"),
        ("budget.xlsx", DOCX, "This is not a Excel spreadsheet"),
        ("letter.odt", zipped({"mimetype": "text/plain", "content.xml": "<x/>"}), "OpenDocument"),
        ("figures.csv", b"a,b\n\x00\x01\x02\x03", "it holds binary data, not text"),
        ("letter.rtf", b"not rich text", "This is not an RTF document"),
        ("talk.mp3", b"RIFF....WAVE", "This is not an MP3 recording"),
    ],
)
def test_a_document_whose_bytes_are_not_its_type_is_refused_saying_why(editor, name, data, says):
    response = add(editor, name, data)
    assert response.status_code == 200
    assert says in refusal(response)
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", pdf_with_text(["What we found."])),
        ("minutes.docx", DOCX),
        (
            "letter.odt",
            zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
        ),
        ("figures.csv", "name,count\nCafé Ward,3\n".encode()),
        ("letter.rtf", b"{\\rtf1\\ansi Hello}"),
        ("talk.mp3", b"ID3\x04\x00" + b"\x00" * 40),
    ],
)
def test_a_document_that_is_what_its_name_says_is_accepted(editor, name, data):
    response = add(editor, name, data)
    assert response.status_code == 302, refusal(response)[:2000]
    assert Document.objects.get().file.read() == data


def test_a_document_over_the_size_limit_is_refused(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    response = add(editor, "figures.csv", b"a,b\n" * 500)
    assert "This file is too big" in refusal(response)
    assert not Document.objects.exists()


def test_the_public_is_never_served_a_refused_program(client, people):
    add(as_user(client, people["editor"]), "evil.pdf", WINDOWS_PROGRAM)
    client.logout()
    assert not Document.objects.exists()
    assert client.get("/documents/1/evil.pdf").status_code == 404


# The other upload views


def test_the_multiple_upload_refuses_a_program_called_a_pdf(editor):
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("evil.pdf", WINDOWS_PROGRAM)},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "This file is a program (Windows)" in response.json()["error_message"]
    assert not Document.objects.exists()


def test_the_chooser_upload_refuses_a_program_called_a_pdf(editor):
    response = editor.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "evil",
            "document-chooser-upload-file": SimpleUploadedFile("evil.pdf", WINDOWS_PROGRAM),
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "This file is a program (Windows)" in response.content.decode()
    assert not Document.objects.exists()


def test_replacing_a_document_with_a_program_is_refused(editor):
    add(editor, "report.pdf", pdf_with_text(["What we found."]))
    document = Document.objects.get()
    response = editor.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Report",
            "file": SimpleUploadedFile("report.pdf", WINDOWS_PROGRAM),
            "collection": document.collection_id,
        },
    )
    assert "This file is a program (Windows)" in response.content.decode()
    document.refresh_from_db()
    assert document.file.read().startswith(b"%PDF-")


def test_a_program_called_an_image_is_refused_by_wagtail(editor):
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "evil",
            "file": SimpleUploadedFile("evil.png", WINDOWS_PROGRAM),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Image.objects.exists()
