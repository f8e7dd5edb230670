"""The site search: its entries (`entries.py`) and the text read from documents
(`documents.py`)."""

from .documents import DocumentText  # noqa: F401
from .entries import SearchEntry  # noqa: F401
