"""The search app's page types: the topic index (search/topics.py)."""

from .topics import TopicIndexPage  # noqa: F401
