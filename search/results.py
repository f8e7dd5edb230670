"""One search of the site: the words, the filters, the matching entries, their facets.

Filters are single-valued and combine with the words and with each other. Facet counts are
taken over the current results, so each count is the number of results one gets by choosing
that value. Whatever the number of matches, a search costs the same few queries: the words
are matched once, for the keys of every matching entry; three queries count the facets from
those keys; one more fetches the page of results shown.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    Value,
    When,
)
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, PageViewRestriction
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from linksite.models import CareSector

from .entries import SEARCH_TYPES, SEARCH_TYPES_BY_KEY, SearchEntry
from .vectors import match as match_words
from .vectors import uses_stored_vectors
from .vocabulary import suggestion

SORTS = {"relevance": _("Best match"), "newest": _("Newest first")}
RESULTS_PER_PAGE = 20


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class Facet:
    name: str  # the URL parameter
    label: str
    values: list = field(default_factory=list)

    @property
    def selected(self):
        return next((v for v in self.values if v.selected), None)


def public_entries(locale=None):
    """The search entries (in `locale`, or in every language) of pages live and public now.
    The entries follow the pages (search/signals.py); the live and view restriction checks
    here make sure that, whatever happened, nothing else is ever offered (by the search or
    the topic pages)."""
    entries = SearchEntry.objects.filter(page__live=True)
    if locale is not None:
        entries = entries.filter(locale=locale)
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        entries = entries.exclude(page__path__startswith=path)
    return entries


def readable_in(locale):
    """Which entries a search in `locale` offers: those in `locale`, and those of pages not
    translated into it (no live page of theirs in `locale`), each page once: in the site's
    default language when it is live in it, else in each language it has."""
    default = Locale.get_default()

    def live_in(other):
        return Exists(
            SearchEntry.objects.filter(
                locale=other,
                page__live=True,
                page__translation_key=OuterRef("page__translation_key"),
            )
        )

    untranslated = ~Q(locale=locale) & ~live_in(locale)
    if default.pk != locale.pk:
        untranslated &= Q(locale=default) | ~live_in(default)
    return Q(locale=locale) | untranslated


def without_control_characters(text):
    """`text` with each control character (NUL, escape, ...) made a space: no language's
    words hold them, and a database refuses some (SQLite's full-text query ends at a NUL,
    PostgreSQL refuses a NUL in any string). Format characters such as the zero-width
    non-joiner, which Urdu and Bengali words do hold, stay."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


class AnyOf(Lookup):
    """`column IN (SELECT unnest(%s))` with the keys as one array parameter (PostgreSQL):
    not a list of thousands of values to parse, and the planner may hash it (a semi-join)
    rather than look up each key in an index."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} IN (SELECT unnest(%s::bigint[]))", [*lhs_params, list(self.rhs)]


class SiteSearch:
    """The search a request asks for (`?q=...&type=...&topic=...&organisation=...&year=...
    &sector=...&sort=...&page=...`), in the request's language."""

    FILTERS = ("type", "topic", "organisation", "year", "sector")

    def __init__(self, params, locale):
        def param(name):
            return without_control_characters(params.get(name, ""))

        self.query = " ".join(param("q").split())[:200]
        self.sort = param("sort") if param("sort") in SORTS else "relevance"
        self.locale = locale
        self.filters = {}
        for name in self.FILTERS:
            value = param(name).strip()
            if value and self._valid(name, value):
                self.filters[name] = value
        self.page_number = param("page")[:20] or 1

    @staticmethod
    def _valid(name, value):
        if name == "type":
            return value in SEARCH_TYPES_BY_KEY
        if name == "sector":
            return value in CareSector.values
        if name == "year":
            return value.isdigit() and len(value) == 4
        return len(value) <= 200

    @property
    def asked(self):
        """Whether there is anything to search for: words, or at least one filter."""
        return bool(self.query or self.filters)

    def filtered(self):
        """The entries of pages live and public now that the filters allow, in every
        language: what a search backend is asked to match."""
        entries = public_entries()
        lookups = {
            "type": "kind",
            "topic": "topics__slug",
            "organisation": "organisations__name",
            "year": "year",
            "sector": "sector",
        }
        for name, value in self.filters.items():
            entries = entries.filter(**{lookups[name]: value})
        return entries

    def entries(self):
        """The entries the filters allow that a search in this language offers: its own,
        and those of pages not yet translated into it (`readable_in`)."""
        return self.filtered().filter(readable_in(self.locale))

    def run(self):
        """Match, count facets and cut out the page of results asked for."""
        keys, matched = self.matches()
        self.page = Paginator(keys, RESULTS_PER_PAGE).get_page(self.page_number)
        self.total = len(keys)
        self.facets = self.count_facets(matched)
        shown = SearchEntry.objects.select_related("page", "locale").in_bulk(self.page.object_list)
        self.results = [
            Result(shown[key], self.terms, self.locale) for key in self.page if key in shown
        ]
        self.suggestion = self.spelling_suggestion() if not self.total and self.query else None
        self.suggestion_url = self.url(q=self.suggestion) if self.suggestion else None
        return self

    def matches(self):
        """The keys of the matching entries, those in this language first, then those of
        other languages, each best match or newest first; and the matching entries for
        counting facets. The words are matched once, however many results."""
        newest = ("-date", "-id")
        if not self.query or uses_stored_vectors():
            entries = self.entries()
            if self.query:
                entries = match_words(entries, self.query)
            ranked = self.query and self.sort == "relevance"
            own_language_first = Case(
                When(locale=self.locale, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
            ordered = entries.annotate(other_language=own_language_first).order_by(
                "other_language", *(("-rank", "-id") if ranked else newest)
            )
            if not self.query:
                return list(ordered.values_list("pk", flat=True)), entries
            # The matching entries' types, years and sectors come with their keys: the words
            # are matched once, and these three facets need no query of their own.
            rows = list(ordered.values_list("pk", "kind", "year", "sector"))
            self.combinations = Counter(row[1:] for row in rows)
            return [row[0] for row in rows], [row[0] for row in rows]
        # A search backend (SQLite's FTS5, Elasticsearch) matches the words in every
        # language; what this language offers of them is then kept, in the backend's order.
        entries = self.filtered()
        if self.sort == "newest":
            entries = entries.order_by(*newest)
        results = get_search_backend().search(
            parse_query_string(self.query, operator="and")[1],
            entries,
            order_by_relevance=self.sort == "relevance",
        )
        if hasattr(results, "get_queryset"):
            # The database backends match in SQL: take only the keys, in their order.
            rows = list(
                results.get_queryset()
                .filter(readable_in(self.locale))
                .values_list("pk", "locale_id")
            )
        else:
            # A search server (Elasticsearch) gives the matching entries.
            found = [entry.pk for entry in results]
            readable = dict(
                SearchEntry.objects.filter(readable_in(self.locale), pk__in=found).values_list(
                    "pk", "locale_id"
                )
            )
            rows = [(pk, readable[pk]) for pk in found if pk in readable]
        own = self.locale.pk
        keys = [pk for pk, locale in rows if locale == own]
        keys += [pk for pk, locale in rows if locale != own]
        return keys, keys

    @cached_property
    def terms(self):
        return [t for t in re.findall(r"\w+", self.query.lower()) if len(t) > 1]

    def count_facets(self, matched):
        def among(column):
            if not isinstance(matched, list):
                return Q(**{f"{column}__in": matched.order_by().values("pk")})
            if connection.vendor == "postgresql":
                # One array parameter, however many keys (not a list of thousands).
                return AnyOf(F(column), matched)
            return Q(**{f"{column}__in": matched})

        combinations = getattr(self, "combinations", None)
        if combinations is None:
            combinations = (
                SearchEntry.objects.filter(among("pk"))
                .values_list("kind", "year", "sector")
                .annotate(count=Count("pk"))
                .order_by()
            )
        else:
            combinations = [(*combination, n) for combination, n in combinations.items()]
        kinds, years, sectors = Counter(), Counter(), Counter()
        for kind, year, sector, count in combinations:
            kinds[kind] += count
            years[year] += count
            sectors[sector] += count
        topics = (
            SearchEntry.topics.through.objects.filter(among("searchentry_id"))
            .values("tag__slug", "tag__name")
            .annotate(count=Count("searchentry_id"))
            .order_by("-count", "tag__name")
        )
        organisations = (
            SearchEntry.organisations.through.objects.filter(among("searchentry_id"))
            .values("organisation__name")
            .annotate(count=Count("searchentry_id"))
            .order_by("-count", "organisation__name")
        )
        sector_labels = dict(CareSector.choices)
        facets = [
            Facet(
                "type",
                _("Type"),
                [FacetValue(t.key, t.label, kinds[t.key]) for t in SEARCH_TYPES if kinds[t.key]],
            ),
            Facet(
                "topic",
                _("Topic"),
                [FacetValue(t["tag__slug"], t["tag__name"], t["count"]) for t in topics],
            ),
            Facet(
                "organisation",
                _("Organisation"),
                [
                    FacetValue(o["organisation__name"], o["organisation__name"], o["count"])
                    for o in organisations
                ],
            ),
            Facet(
                "year",
                _("Year"),
                [
                    FacetValue(str(y), str(y), n)
                    for y, n in sorted(((y, n) for y, n in years.items() if y), reverse=True)
                ],
            ),
            Facet(
                "sector",
                _("Health or social care"),
                [
                    FacetValue(s, sector_labels[s], sectors[s])
                    for s in CareSector.values
                    if sectors[s]
                ],
            ),
        ]
        for facet in facets:
            for value in facet.values:
                value.selected = self.filters.get(facet.name) == value.value
                value.url = self.url(**{facet.name: None if value.selected else value.value})
        return facets

    def url(self, **changes):
        """The query string of this search with some parameters changed (None removes one);
        any change starts again from the first page."""
        params = {name: value for name, value in self.filters.items()}
        if self.query:
            params["q"] = self.query
        if self.sort != "relevance":
            params["sort"] = self.sort
        params.update(changes)
        ordered = [
            (name, params[name]) for name in ("q", *self.FILTERS, "sort") if params.get(name)
        ]
        return "?" + urlencode(ordered)

    def applied_filters(self):
        """The filters in force, each with its label and the link that removes it."""
        selected = {facet.name: facet for facet in self.facets}
        return [
            (
                selected[name].label,
                selected[name].selected.label if selected[name].selected else value,
                self.url(**{name: None}),
            )
            for name, value in self.filters.items()
        ]

    def spelling_suggestion(self):
        """The words asked for, each replaced by the nearest word of the live text this search
        offers when that differs; None when none is near enough. Only asked when nothing
        matched; the words come from a vocabulary kept per edition of the site
        (search/vocabulary.py), not read afresh."""
        return suggestion(self.query, self.locale)


class Result:
    """One search result: its entry, the page's URL and a snippet with the words marked; for a
    page in another language than the search's, that language (`language`, `direction`, and
    `language_label`, e.g. "In English", in the search's language)."""

    SNIPPET_LENGTH = 240

    def __init__(self, entry, terms, locale=None):
        self.entry = entry
        self.page = entry.page
        self.terms = terms
        other = locale is not None and entry.locale_id != locale.pk
        self.language = entry.locale.language_code if other else None

    @property
    def direction(self):
        return "rtl" if self.language and get_language_bidi_of(self.language) else "ltr"

    @property
    def language_label(self):
        return in_language(self.language) if self.language else ""

    @property
    def snippet(self):
        """The summary when it holds what was asked for, else the passage of the text where
        it first appears (the words together if they are there together), with the words
        marked."""
        marked = self._pattern()
        summary, text = self.entry.summary, self.entry.text
        if marked is None:
            return mark(summary or self._excerpt(0), None)
        phrase = self._phrase()
        wanted = phrase if phrase and (phrase.search(summary) or phrase.search(text)) else marked
        found = wanted.search(text)
        if wanted.search(summary) or not found:
            return mark(summary or self._excerpt(0), marked)
        return mark(self._excerpt(max(0, found.start() - self.SNIPPET_LENGTH // 3)), marked)

    def _excerpt(self, start):
        """About SNIPPET_LENGTH characters of the text from `start`, in whole words."""
        body = self.entry.text
        if start:
            start = body.rfind(" ", 0, start) + 1
        end = start + self.SNIPPET_LENGTH
        excerpt = body[start:end]
        if end < len(body):
            excerpt = excerpt.rsplit(" ", 1)[0] + " …"
        return ("… " if start else "") + excerpt

    def _phrase(self):
        """The words asked for, one after the other."""
        if len(self.terms) < 2:
            return None
        return re.compile(r"\b" + r"\W+".join(re.escape(t) for t in self.terms) + r"\b", re.I)

    def _pattern(self):
        """What to mark: the words together, and each word of four letters or more with its
        endings ("discharge" marks "discharged", "visits" marks "visit"); short words such as
        "the" only inside the words together, unless they are all there is."""
        if not self.terms:
            return None
        stems = {t[:-1] if len(t) > 4 and t.endswith("s") else t for t in self.terms if len(t) > 3}
        phrase = self._phrase()
        parts = [phrase.pattern] if phrase else []
        parts += [re.escape(stem) + r"\w*" for stem in sorted(stems, key=len, reverse=True)]
        if not parts:
            parts = [re.escape(t) + r"\b" for t in self.terms]
        return re.compile(r"\b(?:" + "|".join(parts) + ")", re.I)


# "In English" on a result in another language than the search's, for each site language; a
# language added later is named through Django's own names of languages.
IN_LANGUAGE = {
    "en": _("In English"),
    "ur": _("In Urdu"),
    "pl": _("In Polish"),
    "bn": _("In Bengali"),
}


def in_language(code):
    if code in IN_LANGUAGE:
        return IN_LANGUAGE[code]
    return _("In %(language)s") % {"language": get_language_info(code)["name_translated"]}


def get_language_bidi_of(code):
    try:
        return get_language_info(code)["bidi"]
    except KeyError:
        return False


def mark(text, pattern):
    """HTML-escaped text with each match of `pattern` in <mark>."""
    if not pattern:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every part escaped above)
