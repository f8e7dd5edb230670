"""The site search's words on PostgreSQL: a stored, GIN-indexed `tsvector` on each entry.

Wagtail's PostgreSQL backend (modelsearch) keeps its own index table and matches the words
against each row's title and body vectors joined together, an expression no index serves: every
question read every index row (628 ms at the 95th percentile at 10,000 pages). So when the
site runs on PostgreSQL with the database search backend, each `SearchEntry` carries its own
`search_vector` (the title weighted A, the summary B, the text and the names of its topics and
organisations C), built in the text search configuration of the entry's language (`english`
for English; `simple`, words as they are, for a language PostgreSQL has no configuration for,
such as Urdu or Bengali), and the words are matched with `websearch_to_tsquery` against it,
which the GIN index made by migration 0003 serves. Ranked with `ts_rank`.

Every other case (SQLite's FTS5, Elasticsearch) goes through Wagtail's search backend as
before: `SiteSearch` (search/results.py) asks `uses_stored_vectors()` which road to take, and
both give the same results in the same order of languages.
"""

import logging

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F
from wagtail.search.backends import get_search_backend, get_search_backends_with_name

logger = logging.getLogger(__name__)

# PostgreSQL's own text search configurations, by language code. Any language not here, or
# whose configuration this server lacks, is searched word for word ("simple").
CONFIGURATIONS = {
    "ar": "arabic", "da": "danish", "de": "german", "en": "english", "es": "spanish",
    "fr": "french", "hi": "hindi", "it": "italian", "nl": "dutch", "pl": "polish",
    "pt": "portuguese", "ru": "russian", "sv": "swedish", "tr": "turkish",
}  # fmt: skip
SIMPLE = "simple"

# ts_rank's weights for D, C, B, A: the title counts three times the text, the summary twice,
# as the `boost`s of SearchEntry.search_fields do for the other backends.
WEIGHTS = [0.1, 0.33, 0.67, 1.0]


def uses_stored_vectors():
    """Whether the search runs on the entries' own vectors: PostgreSQL with the database
    search backend (not Elasticsearch, not SQLite)."""
    return connection.vendor == "postgresql" and type(get_search_backend()).__module__.startswith(
        "modelsearch.backends.database"
    )


_available = None
_by_locale = {}


def _configurations_on_server():
    global _available
    if _available is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT cfgname FROM pg_ts_config")
            _available = {name for (name,) in cursor.fetchall()}
    return _available


def configuration_for(language_code):
    """The text search configuration for a language ("simple" when there is none)."""
    if connection.vendor != "postgresql":
        return ""
    name = CONFIGURATIONS.get(language_code.split("-")[0].lower())
    return name if name in _configurations_on_server() else SIMPLE


def configuration_for_locale(locale_id):
    """The configuration of a Wagtail locale's language (locales are few: kept per process)."""
    if locale_id not in _by_locale:
        from wagtail.models import Locale

        for pk, code in Locale.objects.values_list("pk", "language_code"):
            _by_locale[pk] = configuration_for(code)
    return _by_locale.get(locale_id, SIMPLE if connection.vendor == "postgresql" else "")


def configurations_in_use():
    """Every configuration an entry may have been built in (the locales are read once per
    edition of the site during a request, linksite.serving)."""
    from wagtail.models import Locale

    from linksite.serving import locales

    codes = locales()
    if codes is None:
        codes = Locale.objects.values_list("language_code", flat=True)
    return sorted({SIMPLE} | {configuration_for(code) for code in codes})


def index_entries(entries):
    """Make these (just written) entries searchable: their vectors on PostgreSQL, otherwise
    the search backends' index, in one go for all of them."""
    if not entries:
        return
    if uses_stored_vectors():
        refresh_vectors([entry.pk for entry in entries])
        return
    from .entries import SearchEntry

    fresh = list(
        SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).prefetch_related(
            "topics", "organisations"
        )
    )
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(SearchEntry, fresh)
        except Exception:
            # As Wagtail does: a search server that is down must not lose the page's save;
            # update_index puts it right. A database backend's error is raised.
            logger.exception("Search entries not indexed by the %r search backend", name)
            if not backend.catch_indexing_errors:
                raise


def refresh_vectors(entry_ids):
    """Write the vectors of these entries from their own columns and the names of their
    topics and organisations, in one statement."""
    from .entries import SearchEntry

    entry = SearchEntry._meta.db_table
    topics = SearchEntry.topics.through._meta.db_table
    organisations = SearchEntry.organisations.through._meta.db_table
    tag = SearchEntry.topics.field.related_model._meta.db_table
    organisation = SearchEntry.organisations.field.related_model._meta.db_table
    sql = f"""
        UPDATE {entry} AS e SET search_vector =
            setweight(to_tsvector(e.search_config::regconfig, e.title), 'A')
            || setweight(to_tsvector(e.search_config::regconfig, e.summary), 'B')
            || setweight(to_tsvector(e.search_config::regconfig, e.text), 'C')
            || setweight(to_tsvector(e.search_config::regconfig, concat_ws(' ',
                (SELECT string_agg(t.name, ' ') FROM {topics} et JOIN {tag} t ON t.id = et.tag_id
                 WHERE et.searchentry_id = e.id),
                (SELECT string_agg(o.name, ' ') FROM {organisations} eo
                 JOIN {organisation} o ON o.id = eo.organisation_id
                 WHERE eo.searchentry_id = e.id))), 'C')
        WHERE e.id = ANY(%s)
    """  # noqa: S608 (table names from the models, the only value a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(entry_ids)])


def match(entries, words):
    """`entries` matching `words` (a search box's text: words, "quoted phrases", `or`,
    `-word`), annotated with their `rank`. The words are read in every configuration an entry
    may have been built in, and matched as one query (one GIN index scan): an entry matches
    when it holds all the words in one of their forms."""
    query = None
    for configuration in configurations_in_use():
        one = SearchQuery(words, config=configuration, search_type="websearch")
        query = one if query is None else query | one
    return entries.filter(search_vector=query).annotate(
        rank=SearchRank(F("search_vector"), query, weights=WEIGHTS)
    )
