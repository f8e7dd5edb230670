"""Topics: the tags on reports, decisions, visits and work plan items, one public page each.

A topic is one `taggit.Tag` shared by every page type that takes topics, so "care homes" on a
report and on a visit is the same topic. The index counts and lists only live, public pages
in the index's own language; a draft or a page in a private section never shows a topic.
"""

import datetime

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from linksite.pages import LinkPage


def tagged_page_types():
    """(page model, through model) for each page type that takes topics."""
    from decisions.models.decision_log import DecisionPage, DecisionPageTag
    from decisions.models.enter_and_view import VisitPage, VisitPageTag
    from publications.models import ReportPage, ReportTopic, WorkPlanItemPage, WorkPlanItemTopic

    return [
        (ReportPage, ReportTopic),
        (DecisionPage, DecisionPageTag),
        (VisitPage, VisitPageTag),
        (WorkPlanItemPage, WorkPlanItemTopic),
    ]


def public_pages(model, locale):
    return model.objects.live().public().filter(locale=locale)


def topic_counts(locale):
    """{tag id: number of live public pages in `locale` with that topic}, one query a type."""
    counts = {}
    for model, through in tagged_page_types():
        rows = (
            through.objects.filter(content_object__in=public_pages(model, locale))
            .values("tag_id")
            .annotate(items=Count("content_object", distinct=True))
            .order_by()
        )
        for row in rows:
            counts[row["tag_id"]] = counts.get(row["tag_id"], 0) + row["items"]
    return counts


def pages_with_topic(tag, locale):
    """Every live public page in `locale` with this topic, newest first by listing date."""
    pages = []
    for model, through in tagged_page_types():
        found = public_pages(model, locale).filter(
            pk__in=through.objects.filter(tag=tag).values("content_object_id")
        )
        for page in found:
            page.kind = capfirst(model._meta.verbose_name)
            page.topic_summary = getattr(page, "summary", "") or page.search_description
            pages.append(page)
    pages.sort(key=lambda page: (page.listing_date() or datetime.date.min, page.pk), reverse=True)
    return pages


class TopicIndexPage(RoutablePageMixin, LinkPage):
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
            cache[locale.pk] = cls.objects.live().public().filter(locale=locale).first()
        return cache[locale.pk]

    def topic_url(self, tag, request=None):
        return self.get_url(request) + self.reverse_subpage("topic", args=[tag.slug])

    @path("")
    def topic_list(self, request):
        counts = topic_counts(self.locale)
        topics = sorted(Tag.objects.filter(pk__in=counts), key=lambda tag: tag.name.casefold())
        for tag in topics:
            tag.items = counts[tag.pk]
            tag.url = self.topic_url(tag, request)
        return self.render(request, context_overrides={"topics": topics})

    @path("<str:slug>/", name="topic")
    def topic(self, request, slug):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        pages = pages_with_topic(tag, self.locale)
        if not pages:
            raise Http404
        items = Paginator(pages, self.items_per_page).get_page(request.GET.get("page"))
        return self.render(
            request,
            template="search/topic_page.html",
            context_overrides={"topic": tag, "items": items},
        )
