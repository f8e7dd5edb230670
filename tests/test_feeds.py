"""Atom feeds of new reports and new replies, linked from the report index."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from .factories import reply_to, sent_report
from .publications_forms import queries_to_get

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
D = datetime.date


def parse_atom(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287: a feed has an id, a title, an updated date and an author (or every entry
    # has one); every entry an id, a title, an updated date and a link.
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None and feed.find(f"{ATOM}{name}").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    return feed, entries


def titles(entries):
    return [entry.find(f"{ATOM}title").text for entry in entries]


@pytest.fixture
def replied(report_index, trust, council):
    report = sent_report(report_index, [trust, council], D(2025, 12, 5), title="Hospital food")
    reply_to(report, trust, D(2026, 1, 7), summary="We will serve hot food hot.")
    return report


def test_the_reports_feed_is_valid_atom_with_each_report_and_its_reply_status(client, replied):
    feed, entries = parse_atom(client.get("/reports/feed/"))
    assert titles(entries) == ["Hospital food"]
    summary = entries[0].find(f"{ATOM}summary").text
    assert "Testshire Hospitals NHS Trust: Replied late (1 working day)" in summary
    assert entries[0].find(f"{ATOM}link").get("href") == "http://localhost/reports/hospital-food/"


def test_the_replies_feed_is_valid_atom_with_each_reply(client, replied):
    feed, entries = parse_atom(client.get("/reports/replies/feed/"))
    assert titles(entries) == ["Reply from Testshire Hospitals NHS Trust to “Hospital food”"]
    assert "We will serve hot food hot." in entries[0].find(f"{ATOM}summary").text


def test_the_index_pages_link_their_feeds(client, replied):
    for url in ("/reports/", "/reports/replies/"):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert 'href="/reports/feed/"' in html and 'href="/reports/replies/feed/"' in html


def test_drafts_private_pages_and_unpublished_edits_are_never_in_the_feeds(
    client, report_index, trust, replied
):
    sent_report(report_index, [trust], D(2026, 3, 2), title="Draft", live=False)
    private = sent_report(report_index, [trust], D(2026, 3, 2), title="Private")
    reply_to(private, trust, D(2026, 3, 9), title="Private reply")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    reply_to(replied, replied.recipients.last().organisation, D(2026, 1, 8), live=False)
    replied.title = "Unapproved title"
    replied.save_revision()
    _, report_entries = parse_atom(client.get("/reports/feed/"))
    _, reply_entries = parse_atom(client.get("/reports/replies/feed/"))
    assert titles(report_entries) == ["Hospital food"]
    assert len(reply_entries) == 1 and "Private" not in titles(reply_entries)[0]


def test_the_feeds_run_the_same_number_of_queries_for_5_and_50_reports(client, report_index, trust):
    def add_reports(count):
        for _ in range(count):
            reply_to(sent_report(report_index, [trust], D(2026, 3, 2)), trust, D(2026, 3, 9))

    add_reports(5)
    reports_with_5 = queries_to_get(client, "/reports/feed/")
    replies_with_5 = queries_to_get(client, "/reports/replies/feed/")
    add_reports(45)
    assert queries_to_get(client, "/reports/feed/") == reports_with_5
    assert queries_to_get(client, "/reports/replies/feed/") == replies_with_5
