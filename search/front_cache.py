"""What the search app shows of a page, for the front cache (linksite/front_cache.py): the
search page (whatever the query), the topic index (it counts the pages on each topic) and the
page of each of the page's topics, in every language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def shown_by_search(page):
    from .topics import TopicIndexPage

    with translation.override(settings.LANGUAGE_CODE):
        yield reverse("search")
    topics = list(page.topics.all()) if hasattr(page, "topics") else []
    for index in TopicIndexPage.objects.live():
        yield index
        for tag in topics:
            url = index.topic_url(tag)
            if url:
                yield url
