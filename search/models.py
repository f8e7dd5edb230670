"""The site search: its entries (`entries.py`)."""

from .entries import SearchEntry  # noqa: F401
