"""The text inside PDFs: read for the search, and a PDF that cannot be read still saves."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from pypdf import PdfWriter
from wagtail.documents.models import Document
from wagtail.rich_text import RichText

from linksite.simple_pdf import pdf_with_text
from publications.models import ReportPage
from search.documents import (
    LOCKED,
    NO_TEXT,
    NOT_A_PDF,
    PROBLEMS,
    attached_documents,
    document_text,
    extract_pdf_text,
    text_of,
)
from search.entries import record

from .admin_forms import as_user, edit_url
from .factories import DecisionPageFactory, ReportPageFactory, ResponsePageFactory
from .publications_forms import add_report_url, report_form_data

GOOD = pdf_with_text(["Patients waited outside the old Corn Exchange."])


def blank_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(user_password):
    writer = PdfWriter(clone_from=io.BytesIO(GOOD))
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def document(content, name="report.pdf", title="The report"):
    doc = Document(title=title)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


# Reading a file


def test_the_text_of_a_pdf_is_read():
    assert extract_pdf_text(io.BytesIO(GOOD)) == (
        "Patients waited outside the old Corn Exchange.",
        "",
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"This is not a PDF at all.", NOT_A_PDF),
        (GOOD[: len(GOOD) // 2], NOT_A_PDF),  # cut off half way
        (b"", NOT_A_PDF),
        (blank_pdf(), NO_TEXT),  # pictures of pages would read the same: no text layer
    ],
    ids=["not a pdf", "truncated", "empty", "no text layer"],
)
def test_an_unreadable_pdf_gives_its_reason_and_no_text(content, problem):
    assert extract_pdf_text(io.BytesIO(content)) == ("", problem)


def test_a_pdf_locked_with_a_password_gives_its_reason():
    assert extract_pdf_text(io.BytesIO(encrypted_pdf("user-secret"))) == ("", LOCKED)


def test_a_pdf_encrypted_without_a_user_password_is_read():
    text, problem = extract_pdf_text(io.BytesIO(encrypted_pdf("")))
    assert "Corn Exchange" in text and problem == ""


# Documents and pages


def test_a_documents_text_is_kept_and_read_again_when_its_file_changes(db):
    doc = document(GOOD)
    assert "Corn Exchange" in text_of(doc).text
    doc.file.save("new.pdf", ContentFile(pdf_with_text(["A new version."])), save=False)
    doc._set_document_file_metadata()
    doc.save()
    assert text_of(doc).text == "A new version."


def test_a_file_that_is_not_a_pdf_is_not_read_and_is_not_a_problem(db):
    known = text_of(document(b"Plain words.", name="notes.txt"))
    assert (known.text, known.problem) == ("", "")


def test_a_pages_documents_are_its_document_fields_and_those_in_its_body(report_index):
    main, inside = document(GOOD), document(pdf_with_text(["In the body."]), title="Appendix")
    page = ReportPageFactory(
        parent=report_index,
        report_document=main,
        body=[
            ("paragraph", RichText("<p>Words.</p>")),
            ("document", {"document": inside, "title": "Appendix"}),
        ],
    )
    assert sorted(attached_documents(page), key=str) == [inside, main]
    assert set(document_text(page).split("\n")) == {
        "Patients waited outside the old Corn Exchange.",
        "In the body.",
    }


def test_a_replys_letter_and_a_decisions_paper_are_read(report_index, decision_log):
    letter = document(pdf_with_text(["We will run an evening minibus."]), title="Letter")
    paper = document(pdf_with_text(["Minutes of the steering group."]), title="Minutes")
    report = ReportPageFactory(parent=report_index)
    reply = ResponsePageFactory(parent=report, letter=letter)
    decision = DecisionPageFactory(parent=decision_log, document=paper)
    assert document_text(reply) == "We will run an evening minibus."
    assert document_text(decision) == "Minutes of the steering group."


def test_words_only_inside_a_pdf_find_the_page(client, report_index):
    page = ReportPageFactory(parent=report_index, title="Transport", report_document=document(GOOD))
    record(page.pk)
    response = client.get("/search/", {"q": '"old Corn Exchange"'})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text() for a in soup.select(".search-result__title a")] == ["Transport"]
    assert [m.get_text() for m in soup.select(".search-result__snippet mark")] == [
        "old Corn Exchange"
    ]


# The editor's notice


def posted_report(client, people, report_index, pdf, **extra):
    as_user(client, people["editor"])
    response = client.post(
        add_report_url(report_index),
        report_form_data(report_document=str(pdf.pk), **extra),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return response, [str(m) for m in get_messages(response.wsgi_request)]


def test_a_report_with_a_broken_pdf_is_saved_with_a_notice(client, report_index, people):
    broken = document(b"%PDF-1.4 broken", title="Scanned report")
    _response, notices = posted_report(client, people, report_index, broken, title="Food")
    report = ReportPage.objects.get(slug="hospital-food")
    assert report.title == "Food" and report.report_document == broken
    assert report.get_latest_revision().as_object().summary.startswith("What people told us")
    [notice] = [n for n in notices if "cannot be read" in n]
    assert "“Scanned report”" in notice and str(PROBLEMS[NOT_A_PDF]) in notice
    assert "will not be found by the site search" in notice


def test_a_report_with_a_readable_pdf_is_saved_without_a_notice(client, report_index, people):
    _response, notices = posted_report(client, people, report_index, document(GOOD))
    assert ReportPage.objects.filter(slug="hospital-food").exists()
    assert not [n for n in notices if "cannot be read" in n]


def test_editing_a_live_report_to_a_locked_pdf_saves_the_draft_with_a_notice(
    client, report_index, people
):
    report = ReportPageFactory(parent=report_index, slug="hospital-food", report_document=None)
    locked = document(encrypted_pdf("user-secret"), title="Locked report")
    as_user(client, people["editor"])
    response = client.post(
        edit_url(report),
        report_form_data(report_document=str(locked.pk), **{"action-submit": "1"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    notices = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("“Locked report”" in n and str(PROBLEMS[LOCKED]) in n for n in notices)
    report.refresh_from_db()
    assert report.report_document is None  # the live page is unchanged until approval
    assert report.get_latest_revision().as_object().report_document == locked
