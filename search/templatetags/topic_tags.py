"""Topic names that link to their topic page, on every page type that takes topics."""

from django import template
from wagtail.models import Locale

register = template.Library()


@register.simple_tag(takes_context=True)
def topic_url(context, topic):
    """The URL of the topic's page in the current page's language, or "" when there is no
    live topic index in that language."""
    from search.topics import TopicIndexPage

    request = context.get("request")
    page = context.get("page")
    locale = getattr(page, "locale", None) or Locale.get_active()
    index = TopicIndexPage.for_locale(locale, request)
    return index.topic_url(topic, request) if index else ""


@register.inclusion_tag("search/includes/topic_links.html", takes_context=True)
def topic_links(context, topics):
    """The topics, comma separated, each a link to its topic page when there is one."""
    return {"topics": [(topic, topic_url(context, topic)) for topic in topics]}
