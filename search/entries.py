"""The site search index: one `SearchEntry` for each live, public page the search offers.

A search entry holds what a partner searches and filters by, whatever the kind of page: its
title, summary and text (PDF text included), its date, health or social care, topics and the
organisations it concerns. It is written from the page as the public sees it, when the page
is published, unpublished, moved or put behind a view restriction (`search/signals.py`), and
rebuilt for every page by `manage.py update_index`. Drafts never reach it: it is always
built from the live row of a page that `public(Page.objects.live())` returns
(linksite.visibility).
"""

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale, Page
from wagtail.search import index

from linksite.models import Organisation
from linksite.visibility import public


class SearchType:
    """One kind of page offered by the site search, with its key in URLs (`?type=report`),
    its name in the type filter (`label`) and on each result (`singular`)."""

    def __init__(self, key, label, singular, model_path):
        self.key, self.label, self.singular, self.model_path = key, label, singular, model_path

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_path)


# The kinds of page the search offers, in the order its type filter lists them. Index pages,
# the home page and the register (a list of people) are left out: they are ways in, not
# things a partner looks for.
SEARCH_TYPES = [
    SearchType("report", _("Reports"), _("Report"), "publications.ReportPage"),
    SearchType(
        "reply", _("Replies to reports"), _("Reply to a report"), "publications.ResponsePage"
    ),
    SearchType("decision", _("Decisions"), _("Decision"), "decisions.DecisionPage"),
    SearchType("procedure", _("Procedures"), _("Procedure"), "decisions.ProcedurePage"),
    SearchType("work", _("Work plan items"), _("Work plan item"), "publications.WorkPlanItemPage"),
    SearchType(
        "visit", _("Enter and view visits"), _("Enter and view visit"), "decisions.VisitPage"
    ),
    SearchType(
        "information_request",
        _("Information requests"),
        _("Information request"),
        "decisions.InformationRequestPage",
    ),
    SearchType(
        "osc_referral",
        _("Referrals to scrutiny"),
        _("Referral to scrutiny"),
        "decisions.OSCReferralPage",
    ),
    SearchType("page", _("Other pages"), _("Page"), "home.StandardPage"),
]
SEARCH_TYPES_BY_KEY = {t.key: t for t in SEARCH_TYPES}


def search_type_of(page_class):
    for search_type in SEARCH_TYPES:
        if issubclass(page_class, search_type.model):
            return search_type
    return None


class SearchEntry(index.Indexed, models.Model):
    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="search_entry")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="Everything else searchable, PDF text included.")
    date = models.DateField(null=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True)
    sector = models.CharField(max_length=16, blank=True)
    topics = models.ManyToManyField(Tag, blank=True, related_name="+")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")

    # Indexed explicitly by `record()`, once its topics and organisations are set.
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("text"),
        index.FilterField("id"),
        index.FilterField("locale"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.FilterField("year"),
        index.FilterField("sector"),
        index.RelatedFields("page", [index.FilterField("live"), index.FilterField("path")]),
        index.RelatedFields("topics", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields(
            "organisations", [index.SearchField("name"), index.FilterField("name")]
        ),
    ]

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("topics", "organisations")

    @property
    def search_type(self):
        return SEARCH_TYPES_BY_KEY.get(self.kind)


def public_page(page_id):
    """The page as the public sees it (its live row), or None when it is not live and public
    or not a kind of page the search offers."""
    page = public(Page.objects.live()).filter(pk=page_id).specific().first()
    if page is None or search_type_of(type(page)) is None:
        return None
    return page


def record(page_id):
    """Bring the search entry of one page in line with what the public sees of it."""
    page = public_page(page_id)
    if page is None:
        forget([page_id])
        return None
    entry, _created = SearchEntry.objects.update_or_create(
        page_id=page.pk, defaults=entry_fields(page)
    )
    entry.topics.set(page.topics.all() if hasattr(page, "topics") else [])
    entry.organisations.set(page.concerned_organisations())
    index.insert_or_update_object(entry)
    return entry


def record_tree(page):
    """Re-record a page and everything under it (after a move or a view restriction)."""
    for page_id in page.get_descendants(inclusive=True).values_list("pk", flat=True):
        record(page_id)


def forget(page_ids):
    SearchEntry.objects.filter(page_id__in=page_ids).delete()  # signals.entry_deleted


def rebuild_entries():
    """Every search entry afresh from the live, public pages (`manage.py update_index`)."""
    searchable = [t.model for t in SEARCH_TYPES]
    page_ids = set(public(Page.objects.live()).type(*searchable).values_list("pk", flat=True))
    forget(SearchEntry.objects.exclude(page_id__in=page_ids).values_list("page_id", flat=True))
    for page_id in sorted(page_ids):
        record(page_id)
    return len(page_ids)


def entry_fields(page):
    from .documents import document_text

    date = page.listing_date()
    summary = getattr(page, "summary", "") or ""
    texts = [
        _plain(value)
        for field in page.get_search_fields()
        for value in _searchable_values(page, field)
    ]
    texts.append(document_text(page))
    return {
        "locale_id": page.locale_id,
        "kind": search_type_of(type(page)).key,
        "title": page.title,
        "summary": _plain(summary),
        "text": "\n".join(t for t in texts if t),
        "date": date,
        "year": date.year if date else None,
        "sector": getattr(page, "care_sector", "") or getattr(page, "sector", "") or "",
    }


def _searchable_values(obj, field, top_level=True):
    """The values of one of a model's `search_fields`, following `RelatedFields`; the title and
    summary have their own columns."""
    if isinstance(field, index.SearchField):
        if top_level and field.field_name in ("title", "summary"):
            return
        value = field.get_value(obj)
        if isinstance(value, (list, tuple)):
            yield from (str(v) for v in value)
        elif value:
            yield str(value)
    elif isinstance(field, index.RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return
        related = related.all() if hasattr(related, "all") else [related]
        for sub_obj in related:
            for sub_field in field.fields:
                yield from _searchable_values(sub_obj, sub_field, top_level=False)


def _plain(text):
    return " ".join(strip_tags(str(text)).split())
