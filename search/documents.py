"""Placeholder until the PDF text extraction lands."""


def document_text(page):
    return ""
