"""The site search index: one `SearchEntry` for each live, public page the search offers.

A search entry holds what a partner searches and filters by, whatever the kind of page: its
title, summary and text (PDF text included), its date, health or social care, topics and the
organisations it concerns. It is written from the page as the public sees it, when the page
is published, unpublished, moved or put behind a view restriction (`search/signals.py`), and
rebuilt for every page by `manage.py update_index`. Drafts never reach it: it is always
built from the live row of a page that `public(Page.objects.live())` returns
(linksite.visibility).
"""

from collections import defaultdict

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.search import index

from linksite.about import organisation_ids_about
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
    # On PostgreSQL, the words of the title (weight A), summary (B), text and the names of its
    # topics and organisations (C), in the text search configuration of the entry's language
    # (`search_config`), kept by `search/vectors.py` and served by a GIN index. Empty on
    # other databases, whose search backend keeps its own index.
    search_config = models.CharField(max_length=32, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

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
        from .vectors import uses_stored_vectors

        if uses_stored_vectors():
            # PostgreSQL's database search: the entries carry their own indexed vectors,
            # so the search backend's index would only be written and never read.
            return cls.objects.none()
        return super().get_indexed_objects().prefetch_related("topics", "organisations")

    @property
    def search_type(self):
        return SEARCH_TYPES_BY_KEY.get(self.kind)


def public_page(page_id):
    """The page as the public sees it (its live row), or None when it is not live and public
    or not a kind of page the search offers."""
    return next(iter(public_pages([page_id])), None)


def public_pages(page_ids):
    """The pages of `page_ids` the public sees (their live rows, specific), of the kinds the
    search offers, with what their entries read fetched in a few queries for all of them."""
    pages = [
        page
        for page in public(Page.objects.live()).filter(pk__in=list(page_ids)).specific()
        if search_type_of(type(page)) is not None
    ]
    by_class = defaultdict(list)
    for page in pages:
        by_class[type(page)].append(page)
    for model, same in by_class.items():
        prefetch_related_objects(same, *_prefetch_lookups(model))
    return pages


def _prefetch_lookups(model):
    """What building a page's entry reads from other tables: its inline rows (recommendations,
    recipients: what it names and is about), its many-to-many fields (topics, organisations)
    and the relations its `search_fields` follow."""
    lookups = {relation.get_accessor_name() for relation in get_all_child_relations(model)}
    lookups |= {field.name for field in model._meta.many_to_many}
    document_model = get_document_model()
    lookups |= {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is document_model
    }
    lookups |= {
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, index.RelatedFields)
    }
    return sorted(lookups)


def record(page_id):
    """Bring the search entry of one page in line with what the public sees of it."""
    return record_many([page_id]).get(page_id)


def record_many(page_ids):
    """Bring the search entries of these pages in line with what the public sees of them, in
    a fixed number of queries per batch (whatever the number of pages), and index them.
    Returns {page id: entry} of the pages recorded; the others' entries are removed."""
    from .documents import texts_of_documents
    from .vectors import index_entries

    page_ids = set(page_ids)
    pages = public_pages(page_ids)
    gone = page_ids - {page.pk for page in pages}
    if gone:
        forget(gone)
    if not pages:
        return {}
    texts = texts_of_documents(pages)
    entries = [SearchEntry(page_id=page.pk, **entry_fields(page, texts)) for page in pages]
    SearchEntry.objects.bulk_create(
        entries, update_conflicts=True, unique_fields=["page"], update_fields=ENTRY_FIELDS
    )
    ids = dict(
        SearchEntry.objects.filter(page_id__in=[p.pk for p in pages]).values_list("page_id", "pk")
    )
    for entry in entries:
        entry.pk = ids[entry.page_id]
    topics_through = SearchEntry.topics.through
    organisations_through = SearchEntry.organisations.through
    topics_through.objects.filter(searchentry_id__in=ids.values()).delete()
    organisations_through.objects.filter(searchentry_id__in=ids.values()).delete()
    topics_through.objects.bulk_create(
        topics_through(searchentry_id=ids[page.pk], tag_id=tag.pk)
        for page in pages
        for tag in {t.pk: t for t in _topics_of(page)}.values()
    )
    about = {page.pk: organisation_ids_about(page) for page in pages}
    known = set(
        Organisation.objects.filter(pk__in=set().union(*about.values())).values_list(
            "pk", flat=True
        )
    )
    organisations_through.objects.bulk_create(
        organisations_through(searchentry_id=ids[page_id], organisation_id=organisation_id)
        for page_id, organisation_ids in about.items()
        for organisation_id in sorted(organisation_ids & known)
    )
    index_entries(entries)
    return {entry.page_id: entry for entry in entries}


def _topics_of(page):
    return page.topics.all() if hasattr(page, "topics") else []


def record_tree(page):
    """Re-record a page and everything under it (after a move or a view restriction)."""
    page_ids = list(page.get_descendants(inclusive=True).values_list("pk", flat=True))
    for start in range(0, len(page_ids), BATCH):
        record_many(page_ids[start : start + BATCH])


def forget(page_ids):
    SearchEntry.objects.filter(page_id__in=page_ids).delete()  # signals.entry_deleted


# Pages recorded together: each batch costs the same few queries, whatever its size.
BATCH = 200


def rebuild_entries(progress=None):
    """Every search entry afresh from the live, public pages (`manage.py update_index`),
    `BATCH` pages at a time; `progress(done, total)` is told after each batch."""
    searchable = [t.model for t in SEARCH_TYPES]
    page_ids = sorted(
        public(Page.objects.live()).type(*searchable).values_list("pk", flat=True).order_by()
    )
    stale = SearchEntry.objects.exclude(page_id__in=public(Page.objects.live()).type(*searchable))
    forget(stale.values_list("page_id", flat=True))
    for start in range(0, len(page_ids), BATCH):
        record_many(page_ids[start : start + BATCH])
        if progress is not None:
            progress(min(start + BATCH, len(page_ids)), len(page_ids))
    if connection.vendor == "postgresql":
        # Every row is new: let the planner know how many hold each word before it is asked.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
    return len(page_ids)


# What `record_many` writes of an entry (all but its page and its many-to-many fields).
ENTRY_FIELDS = [
    "locale", "kind", "title", "summary", "text", "date", "year", "sector", "search_config",
]  # fmt: skip


def entry_fields(page, document_texts=None):
    """The entry's own fields from a page; `document_texts` ({document id: text}, from
    `documents.texts_of_documents`) spares reading each document's text again."""
    from .documents import attached_documents, document_text
    from .vectors import configuration_for_locale

    date = page.listing_date()
    summary = getattr(page, "summary", "") or ""
    texts = [
        _plain(value)
        for field in page.get_search_fields()
        for value in _searchable_values(page, field)
    ]
    if document_texts is None:
        texts.append(document_text(page))
    else:
        texts += [document_texts.get(d.pk, "") for d in attached_documents(page)]
    return {
        "locale_id": page.locale_id,
        "kind": search_type_of(type(page)).key,
        "title": page.title,
        "summary": _plain(summary),
        "text": "\n".join(t for t in texts if t),
        "date": date,
        "year": date.year if date else None,
        "sector": getattr(page, "care_sector", "") or getattr(page, "sector", "") or "",
        "search_config": configuration_for_locale(page.locale_id),
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
