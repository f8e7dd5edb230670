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
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from linksite.models import CareSector
from linksite.visibility import restricted_paths

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
    for path in restricted_paths():
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


def among_keys(column, keys):
    """A filter: `column` is one of `keys` (one array parameter on PostgreSQL)."""
    if connection.vendor == "postgresql":
        return AnyOf(F(column), list(keys))
    return Q(**{f"{column}__in": list(keys)})


class Tally:
    """What `SiteSearch.tally` read: the counts of each combination of type, year and sector
    (`combinations`, [(kind, year, sector, count)]), of each topic (`topics`, [(slug, name,
    count)]) and organisation (`organisations`, [(name, count)]), most results first then by
    name; the number of results (`total`), and the keys of the page of results asked for
    (`page_keys`, from position `first`)."""

    def __init__(self, rows, first=None):
        parts = {"c": [], "t": [], "o": [], "r": []}
        for part, a, b, c, n, place in rows:
            parts[part].append((place, a, b, c, n))
        self.combinations = [
            (a, int(b) if b is not None else None, c, n) for _, a, b, c, n in parts["c"]
        ]
        self.topics = [(a, b, n) for _, a, b, _c, n in sorted(parts["t"])]
        self.organisations = [(a, n) for _, a, _b, _c, n in sorted(parts["o"])]
        self.page_keys = [n for *_, n in sorted(parts["r"])]
        self.first = first
        self.total = sum(n for *_, n in self.combinations)


class KnownKeys:
    """The ordered keys of the matched entries as Paginator reads them: their number is
    known, the page the tally guessed is at hand, and any other page (a number past the last
    page shows the last) is asked for with `fetch(first, last)`."""

    def __init__(self, tally, fetch):
        self.tally, self.fetch = tally, fetch

    def count(self):
        return self.tally.total

    def __len__(self):
        return self.tally.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("KnownKeys is read a page at a time")
        first, last = index.start or 0, index.stop
        if first == self.tally.first:
            return self.tally.page_keys
        return self.fetch(first, last)


# The facets of a search in one statement: `matched` (the entries offered that match the
# words) is read once, and counted by type, year and sector, by topic and by organisation,
# each topic and organisation placed most results first, then by name.
TALLY = """
    WITH matched AS ({{matched}})
    SELECT 'c' AS part, m_kind AS a, CAST(m_year AS TEXT) AS b, m_sector AS c,
        COUNT(*) AS n, 0 AS place
    FROM matched GROUP BY m_kind, m_year, m_sector
    UNION ALL
    SELECT 't', t.slug, t.name, NULL, counted.n, ROW_NUMBER() OVER (ORDER BY counted.n DESC, t.name)
    FROM (
        SELECT et.tag_id, COUNT(*) AS n FROM matched JOIN {topics} et ON et.searchentry_id = m_id
        GROUP BY et.tag_id
    ) counted JOIN {tags} t ON t.id = counted.tag_id
    UNION ALL
    SELECT 'o', o.name, NULL, NULL, counted.n, ROW_NUMBER() OVER (ORDER BY counted.n DESC, o.name)
    FROM (
        SELECT eo.organisation_id, COUNT(*) AS n FROM matched
        JOIN {organisations} eo ON eo.searchentry_id = m_id GROUP BY eo.organisation_id
    ) counted JOIN {organisation} o ON o.id = counted.organisation_id
"""
# ... and, in the same statement, the keys of one page of results in their order (the words
# are ranked once, by the database, and only the page shown leaves it).
PAGE_OF_RESULTS = """
    UNION ALL
    SELECT 'r', NULL, NULL, NULL, m_id, place FROM (
        SELECT m_id, ROW_NUMBER() OVER (ORDER BY {order}) AS place FROM matched
    ) ranked WHERE place > %s AND place <= %s
"""


def tally_sql():
    qn = connection.ops.quote_name
    return TALLY.format(
        topics=qn(SearchEntry.topics.through._meta.db_table),
        tags=qn(SearchEntry.topics.field.related_model._meta.db_table),
        organisations=qn(SearchEntry.organisations.through._meta.db_table),
        organisation=qn(SearchEntry.organisations.field.related_model._meta.db_table),
    )


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
        if not self.query or uses_stored_vectors():
            tally = self.tally(self.matched(), self.ordering())
            self.page = Paginator(KnownKeys(tally, self.reorder), RESULTS_PER_PAGE).get_page(
                self.page_number
            )
        else:
            keys = self.backend_matches()
            tally = Tally([])
            if keys:
                tally = self.tally(SearchEntry.objects.filter(among_keys("pk", keys)))
            self.page = Paginator(keys, RESULTS_PER_PAGE).get_page(self.page_number)
        self.total = tally.total
        self.facets = self.facets_of(tally)
        shown = SearchEntry.objects.select_related("page", "locale").in_bulk(self.page.object_list)
        self.results = [
            Result(shown[key], self.terms, self.locale) for key in self.page if key in shown
        ]
        self.suggestion = self.spelling_suggestion() if not self.total and self.query else None
        self.suggestion_url = self.url(q=self.suggestion) if self.suggestion else None
        return self

    def matched(self):
        """The entries this search offers that match its words (all it offers when it has
        none), in SQL: the words matched by the entries' own vectors (search/vectors.py)."""
        entries = self.entries()
        if self.query:
            entries = match_words(entries, self.query)
        return entries.annotate(
            other_language=Case(
                When(locale=self.locale, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )

    def ordering(self):
        """The order of the matched entries: those in this language first, then those of
        other languages, each best match (with words) or newest first."""
        if self.query and self.sort == "relevance":
            return ("other_language", "-rank", "-id")
        return ("other_language", "-date", "-id")

    def reorder(self, first, last):
        """The keys of the matched entries from position `first` to `last` (from 0), in order:
        asked only when the page wanted was not the one the tally guessed."""
        return list(
            self.matched().order_by(*self.ordering()).values_list("pk", flat=True)[first:last]
        )

    def backend_matches(self):
        """The keys of the entries a search backend (SQLite's FTS5, Elasticsearch) matches,
        those in this language first, then those of other languages, in the backend's order:
        it matches the words in every language, and what this language offers of them is
        then kept."""
        entries = self.filtered()
        if self.sort == "newest":
            entries = entries.order_by("-date", "-id")
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
        return keys

    def wanted_page(self):
        """The page number asked for, as Paginator.get_page reads it (1 when it is no number);
        a number past the last page is put right by `KnownKeys`."""
        try:
            number = int(self.page_number)
        except (TypeError, ValueError):
            return 1
        return max(number, 1)

    def tally(self, matched, ordering=None):
        """What the facets and the page of results need from the matched entries, in one
        statement that matches the words once (`TALLY`): how many entries each combination of
        type, year and sector has, each topic and each organisation; and, given the
        `ordering`, the keys of the page of results asked for. Nothing is fetched per
        matching entry."""
        columns = {"m_id": F("pk"), "m_kind": F("kind"), "m_year": F("year")}
        columns["m_sector"] = F("sector")
        sql, first = tally_sql(), None
        if ordering is not None:
            order = []
            for term in ordering:
                name = term.lstrip("-")
                columns[f"m_{name}"] = F(name)
                order.append(f"m_{name} {'DESC' if term.startswith('-') else 'ASC'}")
            sql += PAGE_OF_RESULTS.format(order=", ".join(order))
            first = (self.wanted_page() - 1) * RESULTS_PER_PAGE
        matching, params = matched.order_by().values(**columns).query.sql_with_params()
        if first is not None:
            params = (*params, first, first + RESULTS_PER_PAGE)
        with connection.cursor() as cursor:
            cursor.execute(sql.format(matched=matching), params)
            return Tally(cursor.fetchall(), first)

    def facets_of(self, tally):
        kinds, years, sectors = Counter(), Counter(), Counter()
        for kind, year, sector, count in tally.combinations:
            kinds[kind] += count
            years[year] += count
            sectors[sector] += count
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
                [FacetValue(slug, name, count) for slug, name, count in tally.topics],
            ),
            Facet(
                "organisation",
                _("Organisation"),
                [FacetValue(name, name, count) for name, count in tally.organisations],
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

    @cached_property
    def terms(self):
        return [t for t in re.findall(r"\w+", self.query.lower()) if len(t) > 1]

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
