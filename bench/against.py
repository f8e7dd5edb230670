"""This site beside another Wagtail site, page type by page type, uncached, in one run:
`python bench/against.py --other http://127.0.0.1:8100 [--postgres] [--seconds 15] [--passes 2]`.

The other site (Wagtail's bakerydemo, for the comparison the speed issue asks for) is started
by whoever runs this, on the same machine, with production settings and gunicorn with 2 sync
workers, as bench/serving.py starts this one; the project does not ship it. Its comparable
pages are given with --other-home, --other-listing, --other-detail and --other-search
(bakerydemo's by default: `/`, `/blog/`, `/breads/bolani/`, `/search/?q=bread`).

It starts this site's production stack on a throwaway copy of the demo (a SQLite file, or
with --postgres a throwaway database on the machine's PostgreSQL), then for each page type
(the home page; a listing, `/reports/`; a detail page, the newest report; a search,
`/search/?q=care`) runs `wrk -t2 -c8 -d<seconds>s` against this site's gunicorn and the other
site's in turn, `--passes` times each, so both meet the same machine. Prints a line per run as
it goes, then a table of requests a second (the lower and the higher pass of each) with the
ratio of the means, and one line per figure, e.g. `FIGURE against_detail_ratio 2.1 x`,
`FIGURE against_detail_this_rps 230 req/s`, `FIGURE against_detail_other_rps 110 req/s`.
Exits non-zero if a run had errors or a page did not answer 200.
"""

import argparse
import contextlib
import statistics
import sys
import urllib.parse

from pages import HOST, get, page_types, wrk
from serving import ROOT, Stack, program, throwaway_postgres

OTHER_PAGES = {
    "home": "/",
    "listing": "/blog/",
    "detail": "/breads/bolani/",
    "search": "/search/?q=bread",
}


def this_sites_pages():
    """(page type, path) here, for the types the other site has too."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    ours = dict(page_types(Client(HTTP_HOST=HOST)))
    return {
        "home": ours["home"],
        "listing": ours["reports"],
        "detail": ours["report"],
        "search": ours["search"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--other", required=True, help="its address: http://127.0.0.1:8100")
    parser.add_argument("--postgres", action="store_true", help="this site on PostgreSQL")
    parser.add_argument("--seconds", type=int, default=15, help="length of each wrk run")
    parser.add_argument("--passes", type=int, default=2, help="runs of each page on each site")
    for kind, path in OTHER_PAGES.items():
        parser.add_argument(f"--other-{kind}", default=path, help=f"the other site's {kind} page")
    options = parser.parse_args()
    program("wrk", "wrk")
    other = urllib.parse.urlsplit(options.other)
    if not other.hostname:
        sys.exit(f"--other needs an address such as http://127.0.0.1:8100, not {options.other!r}")
    theirs = {kind: getattr(options, f"other_{kind}") for kind in OTHER_PAGES}
    problems = [
        f"the other site answered {status} for {path}"
        for path in theirs.values()
        if (status := get(other.port or 80, path, other.netloc, other.hostname)[0]) != 200
    ]
    if problems:
        sys.exit("; ".join(problems))
    with contextlib.ExitStack() as stack:
        database_url = (
            stack.enter_context(throwaway_postgres("linksite_against_"))
            if options.postgres
            else None
        )
        here = stack.enter_context(Stack(prefix="linksite-against-", database_url=database_url))
        return measure(here, options, theirs, other)


def measure(here, options, theirs, other):
    ours = this_sites_pages()
    database = "PostgreSQL" if options.postgres else "SQLite"
    print(
        f"--- wrk -t2 -c8 -d{options.seconds}s, {options.passes} passes, this site on "
        f"{database} against {options.other}",
        flush=True,
    )
    runs = {kind: {"this": [], "other": []} for kind in ours}
    failed = []
    for kind in ours:
        status = get(here.app_port, ours[kind])[0]
        if status != 200:
            failed.append(f"this site answered {status} for {ours[kind]}")
        for _ in range(options.passes):
            for side, address, port, host, path in (
                ("this", "127.0.0.1", here.app_port, HOST, ours[kind]),
                ("other", other.hostname, other.port or 80, other.netloc, theirs[kind]),
            ):
                run = wrk(port, path, options.seconds, host=host, address=address)
                runs[kind][side].append(run)
                if run["errors"]:
                    failed.append(f"{side} site, {path}: {run['errors']} errors under load")
                print(
                    f"{kind:<8} {side:<5} {run['rps']:7.1f} req/s  p50 {run['p50']:6.1f} ms  "
                    f"p99 {run['p99']:6.1f} ms  errors {run['errors']}  {path}",
                    flush=True,
                )
    header = f"\n{'page':<8} | {'this site req/s':>17} | {'other site req/s':>17} | {'ratio':>6}"
    print(header + "\n" + "-" * (len(header) - 1))
    figures = []
    for kind, sides in runs.items():
        this = [run["rps"] for run in sides["this"]]
        them = [run["rps"] for run in sides["other"]]
        ratio = statistics.mean(this) / statistics.mean(them)
        print(
            f"{kind:<8} | {min(this):>8.0f}–{max(this):<8.0f} | {min(them):>8.0f}–{max(them):<8.0f}"
            f" | {ratio:>5.2f}×"
        )
        figures += [
            (f"against_{kind}_this_rps", f"{statistics.mean(this):.0f}", "req/s"),
            (f"against_{kind}_other_rps", f"{statistics.mean(them):.0f}", "req/s"),
            (f"against_{kind}_ratio", f"{ratio:.2f}", "x"),
        ]
    print(f"(this site on {database}; pages: {ours}; the other's: {theirs})\n")
    for name, value, unit in figures:
        print(f"FIGURE {name} {value} {unit}")
    for problem in failed:
        print(f"--- {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
