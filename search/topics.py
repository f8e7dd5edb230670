"""Topics: the tags on reports, decisions, visits and work plan items, one public page each.

A topic is one `taggit.Tag` shared by every page type that takes topics, so "care homes" on a
report and on a visit is the same topic. The index counts and lists only live, public pages
in the index's own language, read from the site search's entries (search/entries.py), the
same the search filters by topic; a draft or a page in a private section never shows a topic.
"""

from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from linksite.pages import LinkPage, NamesNoOrganisation
from linksite.visibility import public

from .entries import SearchEntry
from .results import public_entries, without_control_characters
from .topic_translations import names_in


def topic_counts(locale):
    """{tag id: number of live public pages in `locale` with that topic}, in one query."""
    rows = (
        SearchEntry.topics.through.objects.filter(
            searchentry__in=public_entries(locale).values("pk")
        )
        .values("tag_id")
        .annotate(items=Count("searchentry_id"))
        .order_by()
    )
    return {row["tag_id"]: row["items"] for row in rows}


def pages_with_topic(tag, locale):
    """The search entries of every live public page in `locale` with this topic, newest
    first by listing date."""
    return (
        public_entries(locale)
        .filter(topics=tag)
        .select_related("page")
        .order_by(F("date").desc(nulls_last=True), "-page_id")
    )


class TopicIndexPage(NamesNoOrganisation, RoutablePageMixin, LinkPage):
    """Every topic, with what the LINk has published on it (/topics/ and /topics/<topic>/)."""

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = LinkPage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    items_per_page = 20

    class Meta:
        verbose_name = _("topic index page")

    @classmethod
    def for_locale(cls, locale, request=None):
        """The live, public topic index in `locale`, or None; looked up once a request."""
        cache = getattr(request, "_topic_indexes", None) if request is not None else None
        if cache is None:
            cache = {}
            if request is not None:
                request._topic_indexes = cache
        if locale.pk not in cache:
            cache[locale.pk] = public(cls.objects.live()).filter(locale=locale).first()
        return cache[locale.pk]

    def topic_url(self, tag, request=None):
        # A tag stored with no slug (before linksite/topic_names.py) has no page to link to.
        if not tag.slug:
            return ""
        return self.get_url(request) + self.reverse_subpage("topic", args=[tag.slug])

    @path("")
    def topic_list(self, request):
        counts = topic_counts(self.locale)
        tags = list(Tag.objects.filter(pk__in=counts))
        names = names_in(tags, self.locale)
        for tag in tags:
            tag.name = names[tag.pk]  # in the index's language (search/topic_translations.py)
            tag.items = counts[tag.pk]
            tag.url = self.topic_url(tag, request)
        topics = sorted(tags, key=lambda tag: tag.name.casefold())
        return self.render(request, context_overrides={"topics": topics})

    @path("<str:slug>/", name="topic")
    def topic(self, request, slug):
        # No slug holds a control character, and PostgreSQL refuses a string with a NUL.
        if without_control_characters(slug) != slug:
            raise Http404
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        paginator = Paginator(pages_with_topic(tag, self.locale), self.items_per_page)
        if not paginator.count:  # the count the pages need anyway
            raise Http404
        items = paginator.get_page(request.GET.get("page"))
        return self.render(
            request,
            template="search/topic_page.html",
            context_overrides={
                "topic": tag,
                "topic_name": names_in([tag], self.locale)[tag.pk],
                "items": items,
                # The language links lead to this topic in the other languages (where it
                # has pages), not to their topic index; only built when not in the cache.
                "language_urls": lambda: self.topic_in_other_languages(tag, request),
                "language_route": tag.slug,
            },
        )

    def topic_in_other_languages(self, tag, request):
        """{language code: URL of this topic's page in that language} for each live public
        topic index that has live public pages on the topic."""
        indexes = public(TopicIndexPage.objects.live()).filter(translation_key=self.translation_key)
        return {
            index.locale.language_code: index.topic_url(tag, request)
            for index in indexes.select_related("locale")
            if pages_with_topic(tag, index.locale).exists()
        }
