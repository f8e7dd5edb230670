"""The text inside the PDFs pages carry, so the site search finds words only a PDF holds.

A page's documents are its ForeignKeys to documents (a report's PDF, a reply's letter, a
decision's paper) and the documents chosen in its body. Each PDF is read once with pypdf and
its text kept in `DocumentText` until the file changes. A PDF that cannot be read (not a PDF,
damaged, locked with a password, or pictures of pages with no text layer) keeps a short
reason instead: the page is saved as usual and the editor is told its words will not be found
(`search/wagtail_hooks.py`). Other kinds of file are not read, and that is not a problem.
"""

import logging

from django.db import models
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError
from wagtail.blocks import StreamValue, StructValue
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField

logger = logging.getLogger(__name__)

MAX_TEXT = 2_000_000  # characters kept of one document: about 600 pages of a report

# Why a PDF could not be read: the code is stored, the words are shown in the editor's language.
NOT_A_PDF, LOCKED, NO_TEXT = "not_a_pdf", "locked", "no_text"
PROBLEMS = {
    NOT_A_PDF: _("it is not a readable PDF (the file may be damaged or incomplete)"),
    LOCKED: _("it is locked with a password"),
    NO_TEXT: _("it has no text layer (it may be scanned pictures of pages)"),
}


class DocumentText(models.Model):
    """The text read from one document, or why it could not be read."""

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, related_name="extracted_text"
    )
    file_hash = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)
    problem = models.CharField(max_length=16, blank=True, choices=list(PROBLEMS.items()))

    class Meta:
        verbose_name = "document text"

    def __str__(self):
        return f"Text of {self.document}"


def is_pdf(document):
    return document.file_extension.lower() == "pdf"


def extract_pdf_text(fileobj):
    """(text, problem) of a PDF file: the problem is "" when the text could be read."""
    try:
        reader = PdfReader(fileobj)
        if reader.is_encrypted and not reader.decrypt(""):
            return "", LOCKED
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        return "", LOCKED
    except (PyPdfError, ValueError, TypeError, KeyError, OSError) as error:
        logger.info("PDF not readable: %s", error)
        return "", NOT_A_PDF
    text = " ".join(" ".join(pages).split())[:MAX_TEXT]
    return (text, "") if text else ("", NO_TEXT)


def text_of(document):
    """The `DocumentText` of a document, read again when its file has changed."""
    current_hash = document.get_file_hash() if document.file else ""
    known = DocumentText.objects.filter(document=document).first()
    if known is not None and known.file_hash == current_hash:
        return known
    text, problem = "", ""
    if is_pdf(document):
        try:
            with document.open_file() as fileobj:
                text, problem = extract_pdf_text(fileobj)
        except OSError:
            problem = NOT_A_PDF
    known, _created = DocumentText.objects.update_or_create(
        document=document, defaults={"file_hash": current_hash, "text": text, "problem": problem}
    )
    return known


def attached_documents(page):
    """The documents a page carries: its document ForeignKeys, then the documents chosen
    anywhere in its StreamFields, each once."""
    document_model = get_document_model()
    found = []
    for field in type(page)._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model is document_model:
            found.append(getattr(page, field.name))
        elif isinstance(field, StreamField):
            found.extend(_documents_in(getattr(page, field.name)))
    unique = {}
    for document in found:
        if isinstance(document, document_model):
            unique.setdefault(document.pk, document)
    return list(unique.values())


def _documents_in(value, block=None):
    if isinstance(block, DocumentChooserBlock):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _documents_in(child.value, child.block)
    elif isinstance(value, StructValue):
        for name, child in value.items():
            yield from _documents_in(child, value.block.child_blocks[name])
    elif hasattr(block, "child_block"):  # a ListBlock
        for child in value:
            yield from _documents_in(child, block.child_block)


def texts_of_documents(pages):
    """{document id: readable text} of every document these pages carry, read from the kept
    `DocumentText` in one query; only a document never read, or whose file changed, is read
    now."""
    documents = {d.pk: d for page in pages for d in attached_documents(page)}
    if not documents:
        return {}
    known = {t.document_id: t for t in DocumentText.objects.filter(document_id__in=list(documents))}
    texts = {}
    for pk, document in documents.items():
        kept = known.get(pk)
        if kept is None or kept.file_hash != (document.get_file_hash() if document.file else ""):
            kept = text_of(document)
        texts[pk] = kept.text
    return texts


def document_text(page):
    """The readable text of every PDF the page carries, for the search index."""
    return "\n".join(filter(None, (text_of(d).text for d in attached_documents(page))))


def unreadable_pdfs(page):
    """(document, reason) for each PDF the page carries whose text cannot be read."""
    known = [(document, text_of(document)) for document in attached_documents(page)]
    return [(document, PROBLEMS[text.problem]) for document, text in known if text.problem]
