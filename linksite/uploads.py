"""Uploaded documents are what their names say they are.

Wagtail checks a document's extension and size; the LINk serves documents to the public under
the type their name gives, so their bytes are checked too: a program is refused whatever it is
called, a `.pdf` must open as a PDF, a Word, Excel or OpenDocument file must be the zip file
with the parts that type has, and CSV, text and RTF must be text. The checks are the document
form's (`WAGTAILDOCS_DOCUMENT_FORM_BASE`), so the admin's add, edit, multiple-upload and
chooser-upload views all refuse in the same words, on the file field. Images are checked by
Wagtail itself: Willow reads every image and refuses one whose bytes are not the format its
name says.
"""

import io
import os
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from wagtail.documents.forms import BaseDocumentForm

# What a program starts with (Windows, Linux, macOS, Java, and a script run by its #! line).
PROGRAM_SIGNATURES = {
    b"MZ": "Windows",
    b"\x7fELF": "Linux",
    b"\xfe\xed\xfa\xce": "macOS",
    b"\xfe\xed\xfa\xcf": "macOS",
    b"\xce\xfa\xed\xfe": "macOS",
    b"\xcf\xfa\xed\xfe": "macOS",
    b"\xca\xfe\xba\xbe": "macOS or Java",
    b"#!": "script",
}

# The parts each zip-based office format always has.
ZIP_FORMATS = {
    "docx": ("Word document", ["[Content_Types].xml", "word/document.xml"]),
    "xlsx": ("Excel spreadsheet", ["[Content_Types].xml", "xl/workbook.xml"]),
    "odt": ("OpenDocument text", ["mimetype", "content.xml"]),
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

TEXT_FORMATS = {"csv": "CSV file", "txt": "text file"}
# How much of a text file is read to tell text from binary.
TEXT_SAMPLE = 64 * 1024
# Control characters text never holds (tab, line feed, form feed and carriage return it may).
BINARY_BYTES = frozenset(range(32)) - {9, 10, 12, 13}


def document_problem(upload, name):
    """Why the bytes of `upload` are not the document its name `name` says, or None."""
    head = _read(upload, 0, 8)
    for signature, system in PROGRAM_SIGNATURES.items():
        if head.startswith(signature):
            return _(
                "This file is a program (%(system)s), not a document: programs are refused "
                "whatever their name."
            ) % {"system": system}
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension == "pdf":
        return _pdf_problem(upload)
    if extension in ZIP_FORMATS:
        return _zip_problem(upload, extension)
    if extension in TEXT_FORMATS:
        sample = _read(upload, 0, TEXT_SAMPLE)
        if BINARY_BYTES.intersection(sample):
            return _("This is not a %(kind)s: it holds binary data, not text.") % {
                "kind": TEXT_FORMATS[extension]
            }
    if extension == "rtf" and not _read(upload, 0, 5) == b"{\\rtf":
        return _("This is not an RTF document: it does not begin as one.")
    if extension == "mp3" and not _is_mp3(head):
        return _("This is not an MP3 recording: it does not begin as one.")
    return None


def _read(upload, start, size):
    upload.seek(start)
    data = upload.read(size)
    upload.seek(0)
    return data


def _pdf_problem(upload):
    if b"%PDF-" not in _read(upload, 0, 1024):
        return _("This is not a PDF: the file does not begin as a PDF does.")
    try:
        upload.seek(0)
        reader = PdfReader(io.BytesIO(upload.read()))
        # A locked PDF is a PDF (the search says it cannot read its words); any other must
        # have pages.
        if not reader.is_encrypted and len(reader.pages) < 1:
            return _("This PDF has no pages.")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        return _("This PDF is damaged: it does not open. Save it again as a PDF and upload it.")
    finally:
        upload.seek(0)
    return None


def _zip_problem(upload, extension):
    kind, parts = ZIP_FORMATS[extension]
    wrong = _("This is not a %(kind)s: it does not open as one.") % {"kind": kind}
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            members = set(archive.namelist())
            if not all(part in members for part in parts):
                return wrong
            if extension == "odt" and archive.read("mimetype").strip() != ODT_MIMETYPE:
                return wrong
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        return wrong
    finally:
        upload.seek(0)
    return None


def _is_mp3(head):
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] >= 0xE0)


class DocumentForm(BaseDocumentForm):
    """The admin's document form, which looks at the bytes of a newly uploaded file."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            problem = document_problem(upload, upload.name)
            if problem:
                raise ValidationError(problem, code="not_what_it_says")
        return upload
