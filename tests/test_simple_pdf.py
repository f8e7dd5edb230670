"""The demo/test PDF writer makes PDFs whose text a real PDF reader extracts."""

import io

import pypdf

from linksite.simple_pdf import pdf_with_text


def test_pdf_with_text_is_readable_and_carries_its_lines():
    data = pdf_with_text(["Visit to (Ward 7)", "The lavender corridor was locked at night."])
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Visit to (Ward 7)" in text
    assert "lavender corridor was locked at night" in text
