"""Benchmark of the site search: `make bench-search` (or `python bench/search.py 1000 10000`).

In a throwaway database (the test database of whatever `DATABASE_URL` names: SQLite when it
is unset), it builds a site of N live reports with realistic text, topics, organisations,
recommendations and dates, records their search entries, then asks /search/ 200 varied
questions through Django's test client (the whole page rendered) and prints the index
build time and the median and 95th percentile latency, with and without filters. Sizes
grow one after the other: 1,000 pages, then 9,000 more for 10,000. Ends with one line per
figure and size, e.g. `FIGURE search_p95_10000 142 ms`, `FIGURE search_build_per_page_10000
9.5 ms` (search_median_N, search_build_N in s too).
"""

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linksite.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]

PLACES = ["Aldermoor General Hospital", "Ward 7", "the discharge lounge", "Willow Court",
          "Brookside care home", "the minor injuries unit", "Riverside surgery",
          "the community mental health team", "the eye clinic", "the maternity unit",
          "the ambulance station", "the day centre", "the pharmacy", "the stroke unit"]  # fmt: skip
PEOPLE = ["patients", "carers", "residents", "relatives", "older people", "young carers",
          "people with a learning disability", "people who use wheelchairs", "parents",
          "people whose first language is not English", "staff", "volunteers"]  # fmt: skip
ISSUES = ["waited a long time for medicines to take home", "could not book an appointment by phone",
          "were not told about their care plan", "found the signs hard to follow",
          "had meals left out of reach", "were discharged late in the evening",
          "waited for transport for several hours", "were not offered an interpreter",
          "did not know how to complain", "had visits cut short", "praised the nursing staff",
          "found the waiting room cold", "could not get a home visit",
          "had their hearing aids lost"]  # fmt: skip
ACTIONS = ["Share the discharge plan with the patient and their carer",
           "Offer an interpreter at every appointment", "Publish waiting times each month",
           "Train staff in accessible information", "Review the telephone booking system",
           "Check that call bells are within reach", "Provide transport home before 8pm",
           "Make the complaints leaflet available in easy read"]  # fmt: skip
TOPICS = ["Hospital discharge", "Care homes", "GP services", "Mental health", "Carers",
          "Home care", "Transport", "Accessible information", "Dentists", "Pharmacies",
          "Maternity", "Mealtimes", "Dignity", "Complaints", "Interpreters", "Older people",
          "Learning disability", "Waiting times", "Telephone booking", "Children"]  # fmt: skip
ORGANISATIONS = ["Aldermoor Hospitals NHS Trust", "Aldermoor Borough Council Adult Social Care",
                 "Aldermoor Primary Care Trust", "Brookside Care Homes Ltd",
                 "Riverside Home Care Agency", "Aldermoor Mental Health Trust",
                 "County Ambulance Service", "Willow Court Care Home", "Riverside Surgery",
                 "Aldermoor Community Dental Service"]  # fmt: skip
WORDS = ["discharge", "medicines", "appointment", "interpreter", "carers", "waiting", "dignity",
         "transport", "complaints", "mealtimes", "telephone", "wheelchair", "maternity",
         "dentist", "pharmacy", "stroke", "hearing", "signs", "lounge", "evening",
         "nurses"]  # fmt: skip
PHRASES = ['"discharge lounge"', '"care plan"', '"waiting room"', '"call bells"', '"home visit"']


def paragraph(rng):
    return " ".join(
        f"At {rng.choice(PLACES)}, {rng.choice(PEOPLE)} told us they {rng.choice(ISSUES)}."
        for _ in range(rng.randint(3, 6))
    )


def build_site():
    from wagtail.models import Page, Site

    from home.models import HomePage
    from linksite.models import Organisation
    from publications.models import ReportIndexPage

    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = root.add_child(
        instance=HomePage(title="Benchmark LINk", slug="home", introduction="Benchmark.")
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "root_page": home}
    )
    index = home.add_child(instance=ReportIndexPage(title="Reports", slug="reports"))
    organisations = [
        Organisation.objects.create(name=name, kind="provider") for name in ORGANISATIONS
    ]
    return index, organisations


def add_reports(index, organisations, start, count, rng):
    """`count` live reports more, written in bulk (`BULK` at a time): the same rows Wagtail
    writes when a page is added and published (the page, the report, its recipients,
    recommendations and topics), without its one-at-a-time tree and revision work, which
    costs ~90 ms a page and would make 100,000 pages take hours. Nothing here reads Wagtail's
    own search index, so it is not kept."""
    from django.db import connection
    from taggit.models import Tag
    from wagtail.models import Page

    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in TOPICS}
    for first in range(start, start + count, BULK):
        last = min(first + BULK, start + count)
        made = [report(index, organisations, n, rng) for n in range(first, last)]
        write_pages(index, made, tags)
        print(f"  {first - start + len(made):,} of {count:,} pages written", end="\r", flush=True)
    print()
    problems = [found for found in Page.find_problems() if found]
    if problems:
        raise SystemExit(f"the page tree is not whole after writing pages: {problems}")
    if connection.vendor == "postgresql":
        # A site grows a page at a time, and autovacuum keeps the planner's counts of rows up
        # to date as it does; thousands of rows written at once are counted now instead.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


BULK = 500


def report(index, organisations, n, rng):
    """Report number `n`, not yet saved; its recipients, recommendations and topic names are
    kept on it until `write_pages` writes them."""
    import uuid

    from django.utils import timezone
    from wagtail.rich_text import RichText

    from publications.models import Recommendation, ReportPage, ReportRecipient

    report_date = date(2009, 1, 1) + timedelta(days=rng.randrange(0, 6500))
    sent_to = rng.sample(organisations, rng.randint(1, 2))
    title = f"{rng.choice(PLACES).capitalize()}: what {rng.choice(PEOPLE)} told us ({n})"
    published = timezone.now()
    page = ReportPage(
        title=title,
        draft_title=title,
        slug=f"report-{n}",
        url_path=f"{index.url_path}report-{n}/",
        locale_id=index.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        summary=paragraph(rng)[:290],
        report_date=report_date,
        kind=ReportPage.Kind.ENGAGEMENT,
        care_sector=rng.choice(["health", "social_care", "both"]),
        body=[("paragraph", RichText(f"<p>{paragraph(rng)}</p>")) for _ in range(4)],
    )
    page.bench_rows = [
        ReportRecipient(organisation=o, sent_on=report_date, reply_within=20, sort_order=i)
        for i, o in enumerate(sent_to)
    ] + [
        Recommendation(
            number=r,
            text=rng.choice(ACTIONS),
            organisation=sent_to[0],
            sort_order=r,
            locale_id=index.locale_id,
            translation_key=uuid.uuid4(),
        )
        for r in range(1, rng.randint(2, 4))
    ]
    page.bench_topics = rng.sample(TOPICS, rng.randint(1, 3))
    return page


def write_pages(index, pages, tags):
    """The pages as the last children of `index`, in one transaction; `tags` are the topics'
    tags by name."""
    from django.db import transaction
    from wagtail.models import Page

    from publications.models import ReportPage, ReportTopic

    with transaction.atomic():
        index.refresh_from_db()
        for step, page in enumerate(pages, start=index.numchild + 1):
            page.path = Page._get_path(index.path, index.depth + 1, step)
            page.depth = index.depth + 1
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.id
        fields = ReportPage._meta.local_concrete_fields
        ReportPage._base_manager._insert(pages, fields=fields, using="default")
        rows = {}
        for page in pages:
            for row in page.bench_rows:
                row.page_id = page.id
                rows.setdefault(type(row), []).append(row)
        for model, made in rows.items():
            model.objects.bulk_create(made)
        ReportTopic.objects.bulk_create(
            ReportTopic(content_object_id=page.id, tag=tags[name])
            for page in pages
            for name in page.bench_topics
        )
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))


def queries(rng, organisations):
    """200 questions a partner might ask: words, phrases, filters and both."""
    asked = []
    for n in range(200):
        params = {}
        if n % 4 != 3:
            params["q"] = rng.choice(
                [rng.choice(WORDS), f"{rng.choice(WORDS)} {rng.choice(WORDS)}", rng.choice(PHRASES)]
            )
        if n % 2 == 1:
            filters = ["topic", "organisation", "year", "sector", "type"]
            for name in rng.sample(filters, rng.randint(1, 3)):
                params[name] = {
                    "topic": lambda: rng.choice(TOPICS).lower().replace(" ", "-"),
                    "organisation": lambda: rng.choice(organisations).name,
                    "year": lambda: str(rng.randint(2009, 2026)),
                    "sector": lambda: rng.choice(["health", "social_care", "both"]),
                    "type": lambda: "report",
                }[name]()
        if n % 10 == 0:
            params["sort"] = "newest"
        if n % 7 == 0:
            params["page"] = "2"
        asked.append(params)
    return asked


def measure(client, asked):
    timings = {"without filters": [], "with filters": []}
    for params in asked:
        started = time.perf_counter()
        response = client.get("/search/", params)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"/search/ answered {response.status_code} to {params}")
        filtered = any(k in params for k in ("topic", "organisation", "year", "sector", "type"))
        timings["with filters" if filtered else "without filters"].append(elapsed)
    return timings


def entries_recorded(done, total):
    print(f"  {done:,} of {total:,} search entries recorded", end="\r", flush=True)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(sizes):
    from search.entries import rebuild_entries

    rng = random.Random(2026)
    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"Site search benchmark on {vendor}, search backend {backend}")
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        index, organisations = build_site()
        client = Client()
        made = 0
        figures = []
        for size in sizes:
            started = time.perf_counter()
            add_reports(index, organisations, made, size - made, rng)
            made = size
            generated = time.perf_counter() - started
            started = time.perf_counter()
            recorded = rebuild_entries(progress=entries_recorded)
            print()
            built = time.perf_counter() - started
            print(f"\n{size:,} pages (generated in {generated:.0f} s)")
            print(f"  index build (update_index's entries, {recorded:,} pages): {built:.1f} s")
            asked = queries(rng, organisations)
            measure(client, asked[:10])  # warm up
            timings = measure(client, asked)
            every = timings["without filters"] + timings["with filters"]
            for label, values in [("all 200 queries", every), *timings.items()]:
                print(
                    f"  {label:>16}: median {statistics.median(values):6.1f} ms, "
                    f"95th percentile {percentile(values, 0.95):6.1f} ms, "
                    f"slowest {max(values):6.1f} ms ({len(values)} queries)"
                )
            figures += [
                (f"search_p95_{size}", f"{percentile(every, 0.95):.0f}", "ms"),
                (f"search_median_{size}", f"{statistics.median(every):.0f}", "ms"),
                (f"search_build_{size}", f"{built:.1f}", "s"),
                (f"search_build_per_page_{size}", f"{built * 1000 / max(recorded, 1):.1f}", "ms"),
            ]
    finally:
        teardown_databases(old_config, verbosity=0)
    print()
    for name, value, unit in figures:
        print(f"FIGURE {name} {value} {unit}")


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [1000, 10000])
