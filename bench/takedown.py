"""How long a report taken down is still served by the front cache, under load:
`python bench/takedown.py [--runs 3] [--seconds 8]`.

As deploy/run-local.sh does, it starts gunicorn (production settings, 2 workers) on a throwaway
SQLite database with the demo content, and Debian's Varnish with deploy/varnish/default.vcl in
front of it, the app purging it (FRONTEND_CACHE_URL), with bench/serving.py. Then, for each
run, it puts load on a live report, its listing and the home page through Varnish (Debian's wrk
when installed, otherwise a Python load loop), takes the report down as a steering group member does
(`linksite.admin_views.take_down_now`, the admin's own take-down, from this process, warmed up
on another report first as a running app server is) and asks Varnish every 2 ms until the
report page answers 404 and neither the listing nor the home page links to it.

Prints each run, and ends with one line per figure:
    FIGURE takedown_gone_ms <worst run> ms     (from the take-down to gone from every page)
    FIGURE takedown_gone_median_ms <median> ms
    FIGURE takedown_request_ms <worst run> ms  (the take-down itself, purge included)
    FIGURE takedown_after_return_ms <worst run> ms  (from its end to gone from every page)
    FIGURE takedown_load_rps <mean> req/s      (the load Varnish served meanwhile)
Needs varnishd (apt-get install -y varnish); wrk is optional (apt-get install -y wrk).
"""

import argparse
import http.client
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

from serving import ROOT, Stack, rotating_paths

GONE_WITHIN = 10.0  # seconds: a run that takes longer has failed


class Client:
    """One keep-alive connection to Varnish."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def get(self, path, retry=True):
        try:
            self.connection.request("GET", path, headers={"Host": "localhost"})
            response = self.connection.getresponse()
            return response.status, response.getheader("X-Cache"), response.read().decode()
        except (OSError, http.client.HTTPException):
            # Varnish closes a connection left idle for 5 s (timeout_idle): open another.
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            if not retry:
                raise
            return self.get(path, retry=False)


def shows(client, path, report_path):
    status, _cache, body = client.get(path)
    return status == 200 and f'href="{report_path}"' in body


class Load:
    """wrk on the three paths for `seconds`, or, without wrk, eight Python threads."""

    def __init__(self, port, paths, seconds, work):
        self.port, self.paths, self.seconds = port, paths, seconds
        self.wrk = shutil.which("wrk")
        self.requests = 0
        self.errors = 0
        if self.wrk:
            script = work / "paths.lua"
            script.write_text(rotating_paths(paths))
            # At the lowest priority: the crowd's own computers are not the server's, though
            # on this machine they share its cores (Varnish serving them does not).
            self.process = subprocess.Popen(
                ["nice", "-n", "19", self.wrk, "-t2", "-c8", f"-d{seconds}s", "-s", str(script)]
                + ["-H", "Host: localhost", f"http://127.0.0.1:{port}/"],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        else:
            self.stop = time.monotonic() + seconds
            self.threads = [threading.Thread(target=self.loop, args=(n,)) for n in range(8)]
            for thread in self.threads:
                thread.start()

    def loop(self, n):
        client = Client(self.port)
        while time.monotonic() < self.stop:
            try:
                client.get(self.paths[n % len(self.paths)])
                self.requests += 1
            except (OSError, http.client.HTTPException):
                self.errors += 1
            n += 1

    def finish(self):
        """Requests a second, and a description of the load."""
        if self.wrk:
            output = self.process.communicate()[0]
            rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
            errors = re.search(r"Socket errors:.*", output)
            described = f"wrk -t2 -c8: {rate:.0f} req/s"
            return rate, described + (f", {errors.group(0)}" if errors else "")
        for thread in self.threads:
            thread.join()
        rate = self.requests / self.seconds
        return rate, f"8 Python threads: {rate:.0f} req/s, {self.errors} errors"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="reports taken down, one a run")
    parser.add_argument("--seconds", type=int, default=8, help="load on each run")
    options = parser.parse_args()
    with Stack(prefix="linksite-takedown-") as stack:
        return measure(options, stack)


def measure(options, stack):
    work, varnish_port = stack.work, stack.varnish_port
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from linksite.admin_views import take_down_now
    from publications.models import ReportPage

    member = get_user_model().objects.get(username="steering1")
    live = list(
        ReportPage.objects.live()
        .public()
        .filter(locale__language_code="en")
        .order_by("-first_published_at")
    )
    reports = live[: options.runs]
    if len(live) > len(reports):
        # An app server that has been up a while has run this code before: so does this
        # process, on the oldest report, unmeasured.
        take_down_now(live[-1], member, "Benchmark warm-up.")
    gone, requests, after, rates = [], [], [], []
    client = Client(varnish_port)
    for report in reports:
        path, listing = report.get_url(), report.get_parent().get_url()
        for url in (path, listing, "/"):
            client.get(url)
        if client.get(path)[1] != "HIT":
            sys.exit(f"{path} is not served from Varnish: nothing to measure.")
        load = Load(varnish_port, [path, listing, "/"], options.seconds, work)
        time.sleep(min(3, options.seconds / 3))
        started = time.perf_counter()
        take_down_now(report, member, "Benchmark.")
        returned = time.perf_counter()
        while True:
            status = client.get(path)[0]
            if status == 404 and not shows(client, listing, path) and not shows(client, "/", path):
                break
            if time.perf_counter() - started > GONE_WITHIN:
                break
            time.sleep(0.002)
        ended = time.perf_counter()
        rate, described = load.finish()
        gone.append((ended - started) * 1000)
        requests.append((returned - started) * 1000)
        after.append((ended - returned) * 1000)
        rates.append(rate)
        print(
            f"{report.title[:50]:<50} take-down {requests[-1]:6.1f} ms, gone from page, "
            f"listing and home {gone[-1]:6.1f} ms after; load {described}",
            flush=True,
        )
    if not gone:
        sys.exit("The demo has no live report to take down.")
    failed = max(gone) > GONE_WITHIN * 1000
    if failed:
        print(f"--- a report was still served after {GONE_WITHIN:.0f} s")
    print(f"FIGURE takedown_gone_ms {max(gone):.0f} ms")
    print(f"FIGURE takedown_gone_median_ms {statistics.median(gone):.0f} ms")
    print(f"FIGURE takedown_request_ms {max(requests):.0f} ms")
    print(f"FIGURE takedown_after_return_ms {max(after):.0f} ms")
    print(f"FIGURE takedown_load_rps {statistics.mean(rates):.0f} req/s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
