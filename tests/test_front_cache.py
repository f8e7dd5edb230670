"""The front cache is purged of a page and of every page that shows it, in every language, once
the change commits (linksite/front_cache.py). A real HTTP server on a free port stands in for
Varnish and collects the PURGE requests it is sent (tests/test_varnish.py tries Varnish itself).
"""

import contextlib
import datetime
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django_tasks.signals import task_enqueued
from wagtail.actions.move_page import MovePageAction
from wagtail.documents import get_document_model
from wagtail.models import Collection

from linksite.front_cache import in_every_language
from linksite.settings.environment import frontend_cache_from_url
from linksite.simple_pdf import pdf_with_text

from .admin_forms import as_user
from .factories import (
    RecommendationsPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    reply_to,
    sent_report,
)

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = ("", "/ur", "/pl", "/bn")


class PurgeCollector:
    """An HTTP server that answers PURGE with 200 and remembers each one (host, path)."""

    def __init__(self):
        self.received = []
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                collector.received.append((self.headers["Host"], self.path))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def paths(self):
        return {path for _host, path in self.received}


@pytest.fixture
def front_cache(settings):
    """FRONTEND_CACHE_URL pointed at a collecting server."""
    collector = PurgeCollector()
    collector.thread.start()
    settings.WAGTAILFRONTENDCACHE = frontend_cache_from_url(collector.url)
    yield collector
    collector.server.shutdown()
    collector.server.server_close()


@pytest.fixture
def site_pages(home, report_index):
    """What shows a report besides its listing and the home page: the topic index and the
    accountability view."""
    return {
        "topics": TopicIndexPageFactory(parent=home),
        "recommendations": RecommendationsPageFactory(parent=home, slug="recommendations"),
    }


def report_with_topic(report_index, trust, topic="Hospital food"):
    report = sent_report(report_index, [trust], datetime.date(2026, 11, 2), slug="food")
    report.topics.add(topic)
    report.save()
    return report


def everywhere(*paths):
    return {prefix + path for path in paths for prefix in LANGUAGE_PREFIXES}


def test_a_path_is_given_in_every_language_of_the_site():
    assert in_every_language("http://localhost/ur/reports/food/") == [
        "http://localhost/reports/food/",
        "http://localhost/ur/reports/food/",
        "http://localhost/pl/reports/food/",
        "http://localhost/bn/reports/food/",
    ]
    assert in_every_language("http://localhost/") == [
        "http://localhost/",
        "http://localhost/ur/",
        "http://localhost/pl/",
        "http://localhost/bn/",
    ]


def test_publishing_a_report_purges_it_and_every_page_that_shows_it_in_every_language(
    front_cache, site_pages, report_index, trust, django_capture_on_commit_callbacks
):
    report = report_with_topic(report_index, trust)
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    expected = everywhere(
        "/reports/food/",
        "/reports/",
        "/reports/feed/",
        "/reports/replies/",
        "/reports/replies/feed/",
        "/",
        "/topics/",
        "/topics/hospital-food/",
        "/recommendations/",
        "/recommendations/csv/",
        "/search/",
        f"/publication-record/{report.pk}/",
    ) | {"/sitemap.xml"}
    assert expected <= front_cache.paths
    assert {host for host, _path in front_cache.received} == {"localhost"}


def test_the_purge_waits_until_the_publication_commits(
    front_cache, report_index, trust, django_capture_on_commit_callbacks
):
    report = report_with_topic(report_index, trust)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report.save_revision().publish()
    assert front_cache.received == []
    for callback in callbacks:
        callback()
    assert "/reports/food/" in front_cache.paths


def test_a_publication_that_rolls_back_purges_nothing(
    front_cache, report_index, trust, django_capture_on_commit_callbacks
):
    report = report_with_topic(report_index, trust)
    with django_capture_on_commit_callbacks(execute=True):
        with contextlib.suppress(RuntimeError), transaction.atomic():
            report.save_revision().publish()
            raise RuntimeError("the publication fails after the signal")
    assert front_cache.received == []


def test_taking_a_report_down_purges_it_its_replies_and_every_page_that_shows_them(
    client, people, front_cache, site_pages, report_index, trust, django_capture_on_commit_callbacks
):
    report = report_with_topic(report_index, trust)
    reply = reply_to(report, trust, datetime.date(2026, 11, 20), slug="trust-reply")
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(client, people["steering1"]).post(
            reverse("linksite_take_down", args=[report.pk]), {"reason": "Names a patient."}
        )
    assert response.status_code == 302
    expected = everywhere(
        "/reports/food/",
        "/reports/food/trust-reply/",
        "/reports/",
        "/reports/feed/",
        "/reports/replies/",
        "/reports/replies/feed/",
        "/",
        "/topics/",
        "/topics/hospital-food/",
        "/recommendations/",
        "/recommendations/csv/",
        f"/publication-record/{reply.pk}/",
    )
    assert expected <= front_cache.paths


def test_nothing_is_purged_when_frontend_cache_url_is_unset(
    settings, client, people, report_index, trust, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = frontend_cache_from_url("")
    enqueued = []

    def record(sender, task_result, **kwargs):
        enqueued.append(task_result.task.name)

    task_enqueued.connect(record)
    try:
        report = report_with_topic(report_index, trust)
        with django_capture_on_commit_callbacks(execute=True):
            report.save_revision().publish()
            as_user(client, people["steering1"]).post(
                reverse("linksite_take_down", args=[report.pk]), {"reason": "Wrong figures."}
            )
    finally:
        task_enqueued.disconnect(record)
    report.refresh_from_db()
    assert not report.live
    assert "purge_urls_from_cache_task" not in enqueued


def test_a_cache_that_cannot_be_reached_is_logged_and_publishing_goes_on(
    settings, report_index, trust, caplog, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.WAGTAILFRONTENDCACHE = frontend_cache_from_url(f"http://127.0.0.1:{closed_port}")
    report = report_with_topic(report_index, trust)
    with caplog.at_level(logging.ERROR, logger="linksite.front_cache"):
        with django_capture_on_commit_callbacks(execute=True):
            report.save_revision().publish()
    report.refresh_from_db()
    assert report.live
    assert "could not be reached" in caplog.text


def test_moving_a_page_purges_its_old_and_new_addresses_and_both_listings(
    front_cache, home, django_capture_on_commit_callbacks
):
    about = StandardPageFactory(parent=home, slug="about")
    help_section = StandardPageFactory(parent=home, slug="help")
    leaflet = StandardPageFactory(parent=about, slug="leaflet")
    with django_capture_on_commit_callbacks(execute=True):
        MovePageAction(leaflet, help_section, pos="last-child").execute()
    assert everywhere("/about/leaflet/", "/help/leaflet/", "/about/", "/help/", "/") <= (
        front_cache.paths
    )


def test_publishing_a_new_slug_purges_the_old_address_and_the_pages_under_it(
    front_cache, report_index, trust, django_capture_on_commit_callbacks
):
    report = report_with_topic(report_index, trust)
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    reply_to(report, trust, datetime.date(2026, 11, 20), slug="trust-reply")
    front_cache.received.clear()
    report.slug = "hospital-food"
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    assert everywhere(
        "/reports/food/",
        "/reports/hospital-food/",
        "/reports/food/trust-reply/",
        "/reports/hospital-food/trust-reply/",
    ) <= (front_cache.paths)


def test_republishing_without_a_topic_purges_the_page_of_the_topic_it_lost(
    front_cache, site_pages, report_index, trust, django_capture_on_commit_callbacks
):
    report = report_with_topic(report_index, trust, topic="Hospital food")
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    front_cache.received.clear()
    report.topics.set(["Discharge"])
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    assert everywhere("/topics/hospital-food/", "/topics/discharge/") <= front_cache.paths


def test_taking_a_report_down_purges_the_document_it_shows(
    client, people, front_cache, report_index, trust, django_capture_on_commit_callbacks
):
    Document = get_document_model()
    document = Document(title="Hospital food", collection=Collection.get_first_root_node())
    document.file.save("food.pdf", ContentFile(pdf_with_text(["Food."])), save=False)
    document.save()
    report = report_with_topic(report_index, trust)
    report.report_document = document
    report.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        as_user(client, people["steering1"]).post(
            reverse("linksite_take_down", args=[report.pk]), {"reason": "Names a patient."}
        )
    assert document.url in front_cache.paths


def test_taking_a_report_down_purges_a_page_that_links_to_it(
    client, people, front_cache, home, report_index, trust, django_capture_on_commit_callbacks
):
    report = report_with_topic(report_index, trust)
    StandardPageFactory(
        parent=home,
        slug="what-we-found",
        body=[("paragraph", f'<p><a linktype="page" id="{report.pk}">Food</a></p>')],
    )
    with django_capture_on_commit_callbacks(execute=True):
        as_user(client, people["steering1"]).post(
            reverse("linksite_take_down", args=[report.pk]), {"reason": "Names a patient."}
        )
    assert everywhere("/what-we-found/") <= front_cache.paths
