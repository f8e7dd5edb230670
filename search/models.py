"""The site search: its entries (`entries.py`), the text read from documents
(`documents.py`) and the topic index page (`topics.py`)."""

from .documents import DocumentText  # noqa: F401
from .entries import SearchEntry  # noqa: F401
from .topic_translations import TopicName  # noqa: F401,E402
from .topics import TopicIndexPage  # noqa: F401
