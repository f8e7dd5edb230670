"""Debian's Varnish with deploy/varnish/default.vcl in front of a live server with the demo:
what it keeps, what it never keeps, and a report taken down gone from it at once.

Skipped, saying so, where varnishd is not installed (apt-get install -y varnish; .ci/run does).
"""

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from linksite.settings.environment import frontend_cache_from_url

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or next(
    (path for path in ("/usr/sbin/varnishd",) if os.path.exists(path)), None
)

pytestmark = pytest.mark.skipif(
    VARNISHD is None,
    reason="No varnishd: the Varnish tests need Debian's varnish (apt-get install -y varnish).",
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Varnish:
    def __init__(self, port):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def request(self, path, method="GET", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, headers={"Host": "localhost", **(headers or {})})
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
            headers = {name.lower(): value for name, value in response.getheaders()}
            return response.status, headers, body
        finally:
            connection.close()

    def cache_result(self, path, **kwargs):
        return self.request(path, **kwargs)[1].get("x-cache")


@pytest.fixture(scope="module")
def varnish(demo_site, demo_db):
    """varnishd in the foreground, its backend the live server instead of 127.0.0.1:8000
    (whose requests read the demo, hence `demo_db`)."""
    work = Path(tempfile.mkdtemp(prefix="linksite-varnish-"))
    work.chmod(0o755)  # varnishd's worker runs as its own user (vcache) and reads it
    backend_port = urlsplit(demo_site.url).port
    vcl = work / "default.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    vcl.chmod(0o644)
    port = free_port()
    log = (work / "varnishd.log").open("wb")
    process = subprocess.Popen(
        [VARNISHD, "-F", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-n", str(work / "varnish")]
        + ["-s", "malloc,64m"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    said = (work / "varnishd.log").read_text(errors="replace")
                    pytest.fail(f"varnishd did not start: {said}")
                time.sleep(0.1)
        yield Varnish(port)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def test_an_anonymous_page_comes_from_the_cache_the_second_time(varnish):
    varnish.request("/")
    status, headers, _body = varnish.request("/")
    assert status == 200
    assert headers["x-cache"] == "HIT"
    assert "age" in headers


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/email-alerts/?scope=reports", "/ur/email-alerts/?scope=reports"]
)
def test_the_admin_and_the_email_alerts_never_come_from_the_cache(varnish, path):
    varnish.request(path)
    assert varnish.cache_result(path) == "PASS"


def test_a_visitor_with_a_session_cookie_goes_past_the_cache(varnish):
    varnish.request("/")
    assert varnish.cache_result("/", headers={"Cookie": "sessionid=abc"}) == "PASS"


def test_other_cookies_are_dropped_and_the_page_still_comes_from_the_cache(varnish):
    varnish.request("/")
    assert varnish.cache_result("/", headers={"Cookie": "theme=dark"}) == "HIT"


def test_a_purge_that_came_through_the_proxy_is_refused(varnish):
    varnish.request("/")
    status, _headers, _body = varnish.request(
        "/", method="PURGE", headers={"X-Forwarded-For": "203.0.113.7"}
    )
    assert status == 405
    assert varnish.cache_result("/") == "HIT"


def test_a_purge_of_a_path_takes_it_with_every_query_string(varnish):
    for query in ("?q=care", "?q=home"):
        varnish.request(f"/search/{query}")
        assert varnish.cache_result(f"/search/{query}") == "HIT"
    status, _headers, _body = varnish.request("/search/", method="PURGE")
    assert status == 200
    assert varnish.cache_result("/search/?q=care") == "MISS"
    assert varnish.cache_result("/search/?q=home") == "MISS"


def test_a_report_taken_down_is_gone_from_the_cache_at_once(varnish, demo_db, settings):
    from django.contrib.auth import get_user_model

    from linksite.admin_views import take_down_now
    from publications.models import ReportPage

    settings.WAGTAILFRONTENDCACHE = frontend_cache_from_url(varnish.url)
    report = (
        ReportPage.objects.live()
        .public()
        .filter(locale__language_code="en")
        .order_by("-first_published_at")
        .first()
    )
    path = report.get_url()
    listing = report.get_parent().get_url()
    for url in (path, listing, "/"):
        varnish.request(url)
        assert varnish.cache_result(url) == "HIT", url
    assert f'href="{path}"' in varnish.request(listing)[2]

    take_down_now(report, get_user_model().objects.get(username="steering1"), "Names a patient.")

    status, headers, _body = varnish.request(path)
    assert status == 404
    assert headers["x-cache"] == "MISS"
    assert f'href="{path}"' not in varnish.request(listing)[2]
    assert f'href="{path}"' not in varnish.request("/")[2]
