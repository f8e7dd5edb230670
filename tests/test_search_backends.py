"""The search on Elasticsearch: its mapping and queries, checked without a server, and the
site search run against a real server when `ELASTICSEARCH_URL` names one."""

import datetime
import os
import urllib.request

import pytest
from django.test import override_settings
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
)

from search.entries import SearchEntry, record
from search.results import SiteSearch

from .factories import ReportPageFactory


def elasticsearch_url():
    """The server named by ELASTICSEARCH_URL when it answers, else None."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        return None
    try:
        urllib.request.urlopen(url, timeout=2)  # noqa: S310 (a URL the tester gives)
    except OSError:
        return None
    return url


needs_elasticsearch = pytest.mark.skipif(
    elasticsearch_url() is None,
    reason="needs an Elasticsearch server: set ELASTICSEARCH_URL=http://HOST:9200 to run",
)


def test_the_mapping_has_the_searched_text_and_every_filter():
    properties = Elasticsearch9Mapping(SearchEntry).get_mapping()["properties"]
    for searched in ("title", "summary", "text"):
        assert properties[searched]["type"] == "text"
    assert properties["title"]["copy_to"] == ["_all_text", "_all_text_boost_3_0"]
    for filtered, kind in [("kind", "keyword"), ("sector", "keyword"), ("year", "integer"),
                           ("date", "date"), ("locale_id", "integer")]:  # fmt: skip
        assert properties[f"{filtered}_filter"]["type"] == kind
    assert properties["topics"]["type"] == "nested"
    assert properties["topics"]["properties"]["slug_filter"]["type"] == "keyword"
    assert properties["organisations"]["properties"]["name_filter"]["type"] == "keyword"


def test_the_index_settings_keep_the_wagtail_analysers():
    backend = Elasticsearch9SearchBackend({"URLS": ["http://127.0.0.1:9"], "INDEX": "linksite"})
    analysers = backend.settings["settings"]["analysis"]["analyzer"]
    assert {"ngram_analyzer", "edgengram_analyzer"} <= set(analysers)


def test_every_filter_of_the_search_page_becomes_an_elasticsearch_filter(report_index, trust):
    params = {"q": "discharge", "type": "report", "topic": "carers", "year": "2025",
              "sector": "health", "organisation": trust.name}  # fmt: skip
    site_search = SiteSearch(params, report_index.locale)
    backend = Elasticsearch9SearchBackend({"URLS": ["http://127.0.0.1:9"]})
    # What SiteSearch gives a search backend: the filters, in every language (the languages
    # a search offers are kept afterwards, in the database).
    query = backend.search("discharge", site_search.filtered()).query_compiler.get_query()
    filters = str(query["bool"]["filter"])
    for expected in ("'kind_filter': 'report'", "'topics.slug_filter': 'carers'",
                     "'year_filter': 2025", "'sector_filter': 'health'",
                     f"'organisations.name_filter': '{trust.name}'"):  # fmt: skip
        assert expected in filters


def test_an_entry_document_holds_what_the_public_page_shows(report_index, trust):
    page = ReportPageFactory(parent=report_index, title="Leaving hospital", summary="Waits.")
    entry = record(page.pk)
    document = Elasticsearch9Mapping(SearchEntry).get_document(entry)
    assert document["title"] == "Leaving hospital" and document["summary"] == "Waits."
    assert document["kind_filter"] == "report"


@needs_elasticsearch
def test_the_site_search_on_elasticsearch_finds_and_filters(client, report_index, trust):
    from django.core.management import call_command

    backends = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [elasticsearch_url()],
            "INDEX": "linksite_test",
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        for year in (2024, 2025):
            page = ReportPageFactory(
                parent=report_index, title=f"Discharge lounge {year}",
                report_date=datetime.date(year, 1, 1), summary="Cold at night.",
            )  # fmt: skip
            page.topics.add("Hospital discharge")
        call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
        found = SiteSearch({"q": "lounge"}, report_index.locale).run()
        assert found.total == 2
        filtered = SiteSearch({"q": "lounge", "year": "2025"}, report_index.locale).run()
        assert [r.entry.title for r in filtered.results] == ["Discharge lounge 2025"]
