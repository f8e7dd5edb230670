"""What each page type of the demo costs, uncached and through the front cache:
`python bench/pages.py [--seconds 15] [--soak 60] [--quick]` (`make bench` runs it with the others).

It starts the production stack on the demo content with bench/serving.py (gunicorn with
production settings and 2 sync workers on a throwaway SQLite database, Debian's Varnish with
deploy/varnish/default.vcl in front of it), then for each page type (the home page, a standard
page, the report list, a report, the decision log, a decision, /recommendations/, a search, a
topic page and a page in Urdu):

- counts the SQL queries of one warm request, in this process with Django's test client on the
  same database (as the query-budget tests do, tests/publications_forms.py `queries_to_get`);
- runs Debian's `wrk -t2 -c8 -d<seconds>s --latency` against gunicorn directly (uncached), then
  warms Varnish with the page and runs it again through Varnish (cached).

Then (`--soak`, 60 s by default) it runs wrk on every page type in turn, for that long,
uncached and then through Varnish: a crowd's load, which must give no errors.

Then it saves the report page's body, as Varnish served it, in a directory that Debian's nginx
serves as a static file, and runs wrk once on that: the ceiling a cached page could reach.

Prints a line per page type as it finishes, then one table, the static ceiling, and one line
per figure, e.g. `FIGURE report_uncached_rps 85 req/s`, `FIGURE report_cached_p99 3.1 ms`,
`FIGURE report_queries 15 queries`, `FIGURE static_rps 12000 req/s`. Exits non-zero if any
run had errors (a socket error, or an answer other than 2xx or 3xx, as wrk counts them) or a
page did not answer 200. Needs varnishd, nginx and wrk (apt-get install -y varnish nginx wrk).
"""

import argparse
import http.client
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from serving import ROOT, Stack, program, rotating_paths

HOST = "localhost"
UNITS_IN_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(port, path, seconds, host=HOST, address="127.0.0.1", paths=()):
    """Requests a second, p50 and p99 in ms and errors of one wrk run: on `path`, or on each
    of `paths` in turn."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        rotate = []
        if paths:
            script.write(rotating_paths(paths))
            script.flush()
            rotate = ["-s", script.name]
        output = subprocess.run(
            [program("wrk", "wrk"), "-t2", "-c8", f"-d{seconds}s", "--latency", *rotate]
            + ["-H", f"Host: {host}", f"http://{address}:{port}{path}"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not rate:
        sys.exit(f"wrk gave no figures for {path}:\n{output}")

    def percentile(which):
        found = re.search(rf"^\s+{which}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        return float(found.group(1)) * UNITS_IN_MS[found.group(2)] if found else float("nan")

    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(rate.group(1)),
        "p50": percentile(50),
        "p99": percentile(99),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in sockets.groups()) if sockets else 0),
    }


def get(port, path, host=HOST, address="127.0.0.1"):
    """Status, X-Cache and body of one GET."""
    connection = http.client.HTTPConnection(address, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.getheader("X-Cache"), response.read()
    finally:
        connection.close()


def page_types(client):
    """(name, path) of one page of each type, in English but for the last."""
    from wagtail.models import Page

    from decisions.models import DecisionIndexPage, DecisionPage
    from home.models import StandardPage
    from publications.models import RecommendationsPage, ReportIndexPage, ReportPage
    from search.topics import TopicIndexPage

    def first(model, order="path"):
        page = (
            model.objects.live().public().filter(locale__language_code="en").order_by(order).first()
        )
        if page is None:
            sys.exit(f"The demo has no live {model.__name__} in English.")
        return page

    report = first(ReportPage, "-first_published_at")
    topics = first(TopicIndexPage).get_url()
    topic = re.search(rf'href="({re.escape(topics)}[^"/]+/)"', client.get(topics).content.decode())
    in_urdu = Page.objects.live().public().filter(locale__language_code="ur")
    urdu = (
        in_urdu.filter(translation_key=report.translation_key).first()
        or in_urdu.filter(depth=2).first()
    )
    return [
        ("home", "/"),
        ("standard", first(StandardPage).get_url()),
        ("reports", first(ReportIndexPage).get_url()),
        ("report", report.get_url()),
        ("decisions", first(DecisionIndexPage).get_url()),
        ("decision", first(DecisionPage, "-first_published_at").get_url()),
        ("recommendations", first(RecommendationsPage).get_url()),
        ("search", "/search/?q=care"),
        ("topic", topic.group(1) if topic else topics),
        ("urdu", urdu.get_url() if urdu else "/ur/"),
    ]


def queries_to_get(client, path):
    """SQL queries of one request for `path` once caches are warm, and its status."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured.captured_queries), response.status_code


def ms(value):
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=15, help="length of each wrk run")
    parser.add_argument("--quick", action="store_true", help="3 s runs (a rough look)")
    parser.add_argument(
        "--soak", type=int, default=60, help="then every page type in turn for this long (0: no)"
    )
    options = parser.parse_args()
    seconds = 3 if options.quick else options.seconds
    soak = 3 if options.quick and options.soak else options.soak
    for needed, package in (("wrk", "wrk"), ("nginx", "nginx")):
        program(needed, package)
    with Stack(prefix="linksite-pages-") as stack:
        return measure(stack, seconds, soak)


def measure(stack, seconds, soak=0):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    print(f"--- wrk -t2 -c8 -d{seconds}s on each page, uncached then through Varnish", flush=True)
    rows, failed, report_body = [], [], None
    for name, path in page_types(client):
        queries, status = queries_to_get(client, path)
        direct = get(stack.app_port, path)[0]
        uncached = wrk(stack.app_port, path, seconds)
        get(stack.varnish_port, path)
        cached_status, cache, body = get(stack.varnish_port, path)
        cached = wrk(stack.varnish_port, path, seconds)
        if name == "report":
            report_body = body
        answered = {"in process": status, "gunicorn": direct, "Varnish": cached_status}
        problems = [f"{where} answered {code}" for where, code in answered.items() if code != 200]
        if uncached["errors"] or cached["errors"]:
            problems.append(f"{uncached['errors'] + cached['errors']} errors under load")
        if problems:
            failed.append(f"{name} ({path}): " + ", ".join(problems))
        rows.append((name, path, queries, uncached, cached, cache))
        print(
            f"{name:<16} {queries:3d} queries  uncached {uncached['rps']:6.0f} req/s "
            f"p99 {ms(uncached['p99'])} ms  cached ({cache}) {cached['rps']:6.0f} req/s "
            f"p99 {ms(cached['p99'])} ms  errors {uncached['errors'] + cached['errors']}  {path}",
            flush=True,
        )

    soaked = []
    if soak:
        print(f"--- {soak} s of wrk on every page type in turn, uncached then through Varnish")
        every = [path for _name, path, *_ in rows]
        for kind, port in (("uncached", stack.app_port), ("cached", stack.varnish_port)):
            run = wrk(port, every[0], soak, paths=every)
            soaked.append((kind, run))
            print(
                f"soak {kind:<9} {run['rps']:8.0f} req/s  p50 {ms(run['p50'])} ms  "
                f"p99 {ms(run['p99'])} ms  errors {run['errors']}",
                flush=True,
            )
            if run["errors"]:
                failed.append(f"{soak} s {kind}: {run['errors']} errors under load")

    static_dir = Path(tempfile.mkdtemp(prefix="static-", dir=stack.work))
    static_dir.chmod(0o755)
    static_file = static_dir / "report.html"
    static_file.write_bytes(report_body)
    static_file.chmod(0o644)
    static = wrk(stack.static_nginx(static_dir), "/report.html", seconds)
    if static["errors"]:
        failed.append(f"nginx: {static['errors']} errors under load")

    header = (
        f"\n{'page':<16} {'queries':>7} | {'uncached req/s':>14} {'p50':>7} {'p99':>7} | "
        f"{'cached req/s':>12} {'p50':>7} {'p99':>7} | {'errors':>6}"
    )
    print(header + "\n" + "-" * (len(header) - 1))
    for name, _path, queries, uncached, cached, cache in rows:
        print(
            f"{name:<16} {queries:>7} | {uncached['rps']:>14.0f} {ms(uncached['p50']):>7} "
            f"{ms(uncached['p99']):>7} | {cached['rps']:>12.0f} {ms(cached['p50']):>7} "
            f"{ms(cached['p99']):>7} | {uncached['errors'] + cached['errors']:>6}"
            + ("" if cache == "HIT" else f"  (Varnish: {cache}, not from the cache)")
        )
    print("(latencies in ms)")
    print(
        f"\nStatic ceiling, nginx serving the report's {len(report_body):,} bytes as a file: "
        f"{static['rps']:.0f} req/s, p50 {ms(static['p50'])} ms, p99 {ms(static['p99'])} ms, "
        f"{static['errors']} errors\n"
    )
    for name, _path, queries, uncached, cached, _cache in rows:
        print(f"FIGURE {name}_queries {queries} queries")
        for kind, run in (("uncached", uncached), ("cached", cached)):
            print(f"FIGURE {name}_{kind}_rps {run['rps']:.0f} req/s")
            print(f"FIGURE {name}_{kind}_p50 {ms(run['p50'])} ms")
            print(f"FIGURE {name}_{kind}_p99 {ms(run['p99'])} ms")
    for kind, run in soaked:
        print(f"FIGURE soak_{kind}_rps {run['rps']:.0f} req/s")
        print(f"FIGURE soak_{kind}_p99 {ms(run['p99'])} ms")
        print(f"FIGURE soak_{kind}_errors {run['errors']} errors")
    print(f"FIGURE static_rps {static['rps']:.0f} req/s")
    print(f"FIGURE static_p50 {ms(static['p50'])} ms")
    print(f"FIGURE static_p99 {ms(static['p99'])} ms")
    errors = sum(row[3]["errors"] + row[4]["errors"] for row in rows) + static["errors"]
    print(f"FIGURE pages_errors {errors} errors", flush=True)
    for problem in failed:
        print(f"--- {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
