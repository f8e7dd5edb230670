"""Faults under load: PostgreSQL restarted, and Redis stopped, while visitors keep coming.

Starts the production stack (bench/serving.py) on a throwaway PostgreSQL database with the
demo content and Redis as its cache, keeps 8 clients requesting pages from gunicorn
(uncached, so every request needs the database), and meanwhile:

1. restarts PostgreSQL (pg_ctlcluster ... restart) while a publish loop runs beside the
   visitors: the site must answer 200 or a clean 503 (never a 500 or a dropped connection), be
   back by itself within seconds, and every publish must have either completed or failed
   visibly (the page's live version is the last one that reported success);
2. stops Redis for 10 seconds: every request must still answer 200.

Prints what it sees as it goes and ends with FIGURE lines. Needs root (it restarts the
machine's PostgreSQL and Redis, which other work on the machine shares: run it alone).

    .venv/bin/python bench/faults.py
"""

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import Stack, program, throwaway_postgres  # noqa: E402

PATHS = ["/", "/reports/", "/decisions/", "/recommendations/", "/what-people-told-us/"]
CLIENTS = 8
REDIS_URL = "redis://127.0.0.1:6379/7"


def cluster():
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return version, "main"


class Visitors:
    """CLIENTS threads requesting PATHS in turn; each answer recorded with its time."""

    def __init__(self, port):
        self.port, self.answers, self.stop = port, [], threading.Event()
        self.threads = [threading.Thread(target=self.visit, args=(i,)) for i in range(CLIENTS)]

    def visit(self, number):
        turn = number
        while not self.stop.is_set():
            path = PATHS[turn % len(PATHS)]
            turn += 1
            started = time.monotonic()
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{self.port}{path}", headers={"Host": "localhost"}
                )
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = "no answer"
            self.answers.append((started, time.monotonic(), status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def between(self, start, end):
        return [a for a in self.answers if start <= a[0] < end]


def summary(answers, seconds):
    counts = Counter(status for _s, _e, status in answers)
    rate = len(answers) / seconds if seconds else 0
    return counts, rate


def publish_loop(stop, results):
    """Publish a new version of one standard page, over and over, recording each outcome."""
    import django
    from django.db import close_old_connections

    django.setup()
    from home.models import StandardPage

    attempt = 0
    while not stop.is_set():
        attempt += 1
        title = f"How we work (version {attempt})"
        try:
            close_old_connections()
            page = StandardPage.objects.get(slug="how-we-work")
            page.title = title
            page.save_revision().publish()
            results.append((title, True))
        except Exception as error:  # noqa: BLE001 (any failure counts; it must be visible)
            results.append((title, False))
            print(f"    publish of {title!r} failed visibly: {type(error).__name__}", flush=True)
            from django.db import connection

            connection.close()
        time.sleep(0.2)


def publish_is_whole(results):
    """The page's live version is the last publish that reported success, in title and row."""
    from django.db import connection

    connection.close()
    from home.models import StandardPage

    page = StandardPage.objects.get(slug="how-we-work")
    succeeded = [title for title, ok in results if ok]
    live = page.live_revision.as_object().title if page.live_revision else None
    return bool(succeeded) and page.title == live == succeeded[-1]


def restart_postgres(stack):
    version, name = cluster()
    results, stop = [], threading.Event()
    publisher = threading.Thread(target=publish_loop, args=(stop, results))
    with Visitors(stack.app_port) as visitors:
        publisher.start()
        time.sleep(5)
        print("--- restarting PostgreSQL under load", flush=True)
        fault = time.monotonic()
        subprocess.run(
            [
                program("pg_ctlcluster", "postgresql-common"),
                "--skip-systemctl-redirect",
                version,
                name,
                "restart",
                "-m",
                "fast",
            ],
            check=True,
        )
        back = time.monotonic()
        time.sleep(10)
        stop.set()
        publisher.join()
        end = time.monotonic()
    during = visitors.between(fault, end)
    counts, _rate = summary(during, end - fault)
    ok_after = [a for a in during if a[2] == 200 and a[0] > fault]
    bad = [a for a in during if a[2] != 200]
    recovered = (
        (min(a[0] for a in ok_after if a[0] > max((b[0] for b in bad), default=fault)) - fault)
        if ok_after
        else float("inf")
    )
    whole = publish_is_whole(results)
    print(f"    answers from the fault on: {dict(counts)}", flush=True)
    print(
        f"    PostgreSQL took {back - fault:.1f} s to restart; site answering 200 again "
        f"{recovered:.1f} s after the fault",
        flush=True,
    )
    print(
        f"    publishes: {sum(ok for _t, ok in results)} completed, "
        f"{sum(not ok for _t, ok in results)} failed visibly; live version whole: {whole}",
        flush=True,
    )
    return {
        "faults_pg_restart_503": counts.get(503, 0),
        "faults_pg_restart_500": counts.get(500, 0),
        "faults_pg_restart_no_answer": counts.get("no answer", 0),
        "faults_pg_recovered_after": recovered,
        "faults_publish_half_done": 0 if whole else 1,
    }


def stop_redis(stack):
    with Visitors(stack.app_port) as visitors:
        time.sleep(3)
        print("--- stopping Redis for 10 s under load", flush=True)
        subprocess.run(
            [program("redis-cli", "redis-tools"), "-p", "6379", "shutdown", "nosave"],
            capture_output=True,
        )
        down = time.monotonic()
        time.sleep(10)
        up = time.monotonic()
        subprocess.run(
            [
                program("redis-server", "redis-server"),
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            check=True,
            capture_output=True,
        )
        time.sleep(3)
    counts, rate = summary(visitors.between(down, up), up - down)
    print(f"    answers while Redis was down: {dict(counts)} ({rate:.0f} req/s)", flush=True)
    return {
        "faults_redis_down_errors": sum(n for status, n in counts.items() if status != 200),
        "faults_redis_down_rate": rate,
    }


def main():
    if os.geteuid() != 0:
        sys.exit("bench/faults.py restarts PostgreSQL and Redis: run it as root.")
    figures = {}
    try:
        with (
            throwaway_postgres("linksite_faults_") as database_url,
            Stack(
                prefix="linksite-faults-", database_url=database_url, redis_url=REDIS_URL
            ) as stack,
        ):
            figures.update(restart_postgres(stack))
            figures.update(stop_redis(stack))
    finally:
        subprocess.run(
            [program("redis-cli", "redis-tools"), "-p", "6379", "ping"], capture_output=True
        )
    units = {"faults_pg_recovered_after": "s", "faults_redis_down_rate": "req/s"}
    for key, value in figures.items():
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        print(f"FIGURE {key} {shown} {units.get(key, 'count')}")
    failed = (
        figures["faults_pg_restart_500"]
        or figures["faults_publish_half_done"]
        or figures["faults_redis_down_errors"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
