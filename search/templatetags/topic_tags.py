"""Topic names that link to their topic page, on every page type that takes topics."""

from django import template
from wagtail.models import Locale

from linksite.furniture import cached

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


@register.simple_tag(takes_context=True)
def page_topics(context, page):
    """The page's topics as (name in the page's language, URL of its topic page or ""),
    kept for the site's edition (linksite.furniture): `{% page_topics page as topics %}`."""
    from search.topic_translations import names_in

    def build():
        topics = list(page.topics.all())
        names = names_in(topics, getattr(page, "locale", None) or Locale.get_active())
        return [(names[topic.pk], topic_url(context, topic)) for topic in topics]

    return cached(context.get("request"), "topics", page.pk, build=build)


@register.inclusion_tag("search/includes/topic_links.html")
def topic_links(topics):
    """The topics (from `page_topics`), comma separated, each a link to its topic page when
    there is one."""
    return {"topics": topics}
