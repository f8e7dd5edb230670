"""The open data downloads (opendata/downloads.py) and the Open data page: each file holds
exactly the API's records, in every language and format; a page taken down or made private
leaves the files once the rebuild task has run; nothing private is in them; the command works
on an empty site and says what it does; the files are served to anyone, cached like a public
page and purged from the front cache when rebuilt; a file that does not exist is a 404."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from linksite import daily
from linksite.admin_views import take_down_now
from linksite.models import LinkSettings
from linksite.spreadsheets import spreadsheet_safe
from opendata import downloads
from opendata.downloads import build_open_data, csv_columns, csv_row
from opendata.models import OpenDataFile, OpenDataPage
from opendata.registry import BY_NAME, RECORD_TYPES

from .factories import reply_to, sent_report
from .test_front_cache import front_cache  # noqa: F401  (the fixture)
from .test_opendata import assert_nothing_private, make_private_things

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ur", "pl", "bn"]
FILES = len(RECORD_TYPES) * 4 * 2  # every record type, in 4 languages, as CSV and JSON
# The site's own address, as the files write it (the default site, tests/conftest.py `home`).
SITE = "localhost"


def api_items(client, endpoint, language):
    """Every record of an endpoint in a language, as the API answers at the site's address."""
    items, offset = [], 0
    while True:
        response = client.get(
            f"/api/v1/{endpoint}",
            {"limit": 100, "offset": offset, "language": language},
            HTTP_HOST=SITE,
        )
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        if not body["next"]:
            return items
        offset += 100


def fetch(client, language, filename, **headers):
    return client.get(f"/open-data/files/{language}/{filename}", **headers)


def content_of(client, language, filename):
    response = fetch(client, language, filename)
    assert response.status_code == 200, (language, filename)
    return b"".join(response.streaming_content).decode("utf-8")


def json_file(client, language, name):
    return json.loads(content_of(client, language, f"{name}.json"))


def csv_file(client, language, name):
    return list(csv.reader(io.StringIO(content_of(client, language, f"{name}.csv"))))


def expected_items(client, name, language):
    """What the API gives for a type (a derived type: from its records' type)."""
    record_type = BY_NAME[name]
    if record_type.derived_from is None:
        return api_items(client, name, language)
    return [
        row
        for record in api_items(client, record_type.derived_from, language)
        for row in record_type.derive(record)
    ]


@pytest.fixture
def open_data_page(home):
    page = OpenDataPage(
        title="Open data",
        slug="open-data",
        licence='<p>Under the <a href="https://example.org">Open Government Licence v3.0</a>.</p>',
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


# The files hold exactly the API's records


def test_each_file_holds_exactly_the_apis_records_in_every_language(client, demo):
    build_open_data()
    checked = 0
    for language in LANGUAGES:
        for record_type in RECORD_TYPES:
            expected = expected_items(client, record_type.name, language)
            data = json_file(client, language, record_type.name)
            assert data["items"] == expected, (language, record_type.name)
            assert data["count"] == len(expected)
            assert (data["type"], data["language"]) == (record_type.name, language)

            rows = csv_file(client, language, record_type.name)
            columns = csv_columns(record_type.schema, record_type.csv_omits)
            assert rows[0] == columns
            assert rows[1:] == [
                [spreadsheet_safe(value) for value in csv_row(columns, item)] for item in expected
            ], (language, record_type.name)
            checked += len(expected)
    assert checked > 50


def test_the_csv_has_a_column_for_each_field_and_a_linked_records_fields(client, demo):
    build_open_data()
    reports = api_items(client, "reports", "en")
    rows = csv_file(client, "en", "reports")
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert {"id", "title", "report_date", "body_html", "decision.title", "visit.url"} <= set(header)
    assert "recommendations" not in header  # each is a row of recommendations.csv
    assert first["id"] == str(reports[0]["id"]) and first["title"] == reports[0]["title"]
    assert first["organisations"] == "; ".join(o["name"] for o in reports[0]["organisations"])
    recommendations = csv_file(client, "en", "recommendations")
    assert len(recommendations) - 1 == sum(len(r["recommendations"]) for r in reports)
    assert "report.title" in recommendations[0] and "outcome.state" in recommendations[0]


def test_records_read_a_few_at_a_time_make_the_same_files(client, demo, monkeypatch):
    build_open_data()
    whole = dict(OpenDataFile.objects.filter(file_format="csv").values_list("path", "sha256"))
    monkeypatch.setattr(downloads, "BATCH", 2)
    build_open_data()
    in_twos = dict(OpenDataFile.objects.filter(file_format="csv").values_list("path", "sha256"))
    assert sorted(whole.values()) == sorted(in_twos.values())
    assert set(whole) != set(in_twos)  # a new build, in new files


# Nothing private


def test_no_draft_private_page_vetting_data_or_experience_is_in_the_files(client, demo):
    private = make_private_things(client)
    build_open_data()
    output = "\n".join(
        content_of(client, f.language, f.filename) for f in OpenDataFile.objects.all()
    )
    assert OpenDataFile.objects.count() == len(RECORD_TYPES) * len(LANGUAGES) * 2
    assert_nothing_private(output, private)


# Rebuilt soon after a change


@pytest.fixture
def two_reports(report_index, trust, council):
    import datetime

    kept = sent_report(report_index, [trust], datetime.date(2026, 3, 2), title="Hospital food")
    gone = sent_report(
        report_index, [council], datetime.date(2026, 4, 6), recommendations=2, title="Day centres"
    )
    reply = reply_to(gone, council, datetime.date(2026, 4, 20), title="The council's reply")
    return kept, gone, reply


def titles_in_files(client):
    found = set()
    for name in ("reports", "replies"):
        found |= {item["title"] for item in json_file(client, "en", name)["items"]}
        found |= {row[4] for row in csv_file(client, "en", name)[1:]}
    found |= {
        item["report"]["title"] for item in json_file(client, "en", "recommendations")["items"]
    }
    return found


def rebuild_tasks():
    return DBTaskResult.objects.filter(task_path__endswith="rebuild_open_data")


@pytest.mark.parametrize("change", ["taken down", "made private"])
def test_a_report_taken_down_or_made_private_leaves_the_files_once_the_task_has_run(
    client, people, two_reports, run_worker, django_capture_on_commit_callbacks, change
):
    kept, gone, reply = two_reports
    build_open_data()
    assert {kept.title, gone.title, reply.title} <= titles_in_files(client)
    with django_capture_on_commit_callbacks(execute=True):
        if change == "taken down":
            take_down_now(gone, people["steering1"], "Names a member of staff.")
        else:
            PageViewRestriction.objects.create(page=gone, restriction_type="login")
    assert rebuild_tasks().filter(status="READY").exists()
    assert gone.title in titles_in_files(client)  # until the worker has run the task
    run_worker()
    found = titles_in_files(client)
    assert kept.title in found
    assert gone.title not in found and reply.title not in found
    # However many pages went (the report and its reply), one build.
    results = [task.return_value for task in rebuild_tasks()]
    assert results.count(FILES) == 1 and set(results) <= {0, FILES}


def test_publishing_asks_for_a_rebuild_that_builds_once(
    client, report_index, trust, run_worker, django_capture_on_commit_callbacks
):
    import datetime

    first = sent_report(report_index, [trust], datetime.date(2026, 3, 2), title="Hospital food")
    second = sent_report(report_index, [trust], datetime.date(2026, 3, 9), title="Ward 7")
    for report in (first, second):
        with django_capture_on_commit_callbacks(execute=True):
            report.title += " (revised)"
            report.save_revision().publish()
    assert rebuild_tasks().filter(status="READY").count() == 2
    run_worker()
    assert {"Hospital food (revised)", "Ward 7 (revised)"} <= titles_in_files(client)
    results = sorted(task.return_value for task in rebuild_tasks())
    # The second task found a build begun after it was asked for, and did not build again.
    assert results == [0, FILES]


def test_the_nightly_run_rebuilds_the_files(home, report_index, trust):
    import datetime

    assert downloads.daily_job in daily.jobs()
    sent_report(report_index, [trust], datetime.date(2026, 3, 2), title="Hospital food")
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert f"Open data files built: {FILES}" in out.getvalue()
    assert (
        OpenDataFile.objects.get(language="en", record_type="reports", file_format="json").records
        == 1
    )


# The command


def test_the_command_builds_every_file_on_an_empty_site_and_says_what_it_wrote(client, db):
    out = io.StringIO()
    call_command("build_open_data", stdout=out)
    said = out.getvalue()
    for language in LANGUAGES:
        for record_type in RECORD_TYPES:
            assert f"Open data, {language}, {record_type.name}: 0 records" in said
    assert f"Done: {FILES} files." in said
    assert OpenDataFile.objects.count() == FILES
    data = json_file(client, "en", "reports")
    assert data["items"] == [] and data["count"] == 0
    assert len(csv_file(client, "pl", "decisions")) == 1  # the header


def test_a_second_build_replaces_the_first_and_deletes_its_files(home):
    from django.core.files.storage import default_storage

    build_open_data()
    first = set(OpenDataFile.objects.values_list("path", flat=True))
    build_open_data()
    second = set(OpenDataFile.objects.values_list("path", flat=True))
    assert len(second) == FILES and not first & second
    downloads.delete_files(first)  # what the build does once its transaction commits
    assert not any(default_storage.exists(path) for path in first)
    assert all(default_storage.exists(path) for path in second)


def test_a_build_left_half_done_is_removed_after_a_day_and_not_before(home):
    import datetime

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    build_open_data()
    now = timezone.now()
    old = f"open-data/{(now - datetime.timedelta(days=2)).strftime(downloads.STAMP)}-aaaaaa"
    new = f"open-data/{(now - datetime.timedelta(hours=1)).strftime(downloads.STAMP)}-bbbbbb"
    for folder in (old, new):
        default_storage.save(f"{folder}/en/reports.csv", ContentFile(b"id\n"))
    downloads.remove_left_behind(now)
    assert not default_storage.exists(f"{old}/en/reports.csv")
    assert default_storage.exists(f"{new}/en/reports.csv")  # another build may be writing it
    assert all(default_storage.exists(f.path) for f in OpenDataFile.objects.all())


# Serving


def test_a_file_is_served_to_anyone_and_may_be_kept_like_a_public_page(client, home):
    build_open_data()
    response = fetch(client, "en", "reports.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="reports-en.csv"'
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    stored = OpenDataFile.objects.get(language="en", record_type="reports", file_format="csv")
    assert int(response["Content-Length"]) == stored.size
    assert response["ETag"] == f'"{stored.sha256}"'
    again = fetch(client, "en", "reports.csv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    listed = fetch(client, "ur", "decisions.json")
    assert listed["Content-Type"] == "application/json"
    assert client.head("/open-data/files/en/reports.json").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "en/nothing.csv",
        "en/reports.xml",
        "en/reports",
        "en/REPORTS.csv",
        "xx/reports.csv",
        "en/reports.csv.json",
        "en/%00reports.csv",
        "en/reports.csv%00",
        "en/..%2F..%2Fmanage.py",
        "%2e%2e/reports.csv",
        "en/" + "a" * 2000 + ".csv",
        "bn/" + "ব" * 30 + ".json",
    ],
)
def test_a_file_that_does_not_exist_is_a_404(client, home, path):
    build_open_data()
    assert client.get(f"/open-data/files/{path}").status_code == 404


def test_before_the_first_build_a_file_is_a_404_and_a_post_is_refused(client, home):
    assert fetch(client, "en", "reports.csv").status_code == 404
    assert client.post("/open-data/files/en/reports.csv").status_code == 405


def test_a_rebuild_purges_the_files_and_the_open_data_page_from_the_front_cache(
    front_cache,  # noqa: F811
    open_data_page,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        build_open_data()
    assert {
        "/open-data/files/en/reports.csv",
        "/open-data/files/ur/organisations.json",
        "/open-data/",
        "/ur/open-data/",
    } <= front_cache.paths


# The Open data page


def test_the_open_data_page_lists_each_download_with_its_size_records_and_build(
    client, open_data_page, report_index, trust
):
    import datetime

    from bs4 import BeautifulSoup

    sent_report(report_index, [trust], datetime.date(2026, 3, 2), recommendations=3)
    before = BeautifulSoup(client.get("/open-data/").content, "html.parser")
    assert "not been built yet" in before.get_text()
    build_open_data()
    soup = BeautifulSoup(client.get("/open-data/").content, "html.parser")
    rows = soup.select("#downloads-caption ~ tbody tr")
    assert [row.th.get_text() for row in rows] == [str(t.label) for t in RECORD_TYPES]
    files = {(f.record_type, f.file_format): f for f in OpenDataFile.objects.filter(language="en")}
    for row, record_type in zip(rows, RECORD_TYPES, strict=True):
        cells = row.find_all("td")
        csv_file_, json_file_ = files[record_type.name, "csv"], files[record_type.name, "json"]
        assert cells[0].get_text() == str(csv_file_.records)
        assert cells[1].a["href"] == f"/open-data/files/en/{record_type.name}.csv"
        assert filesizeformat(csv_file_.size) in cells[1].get_text()
        assert cells[2].a["href"] == f"/open-data/files/en/{record_type.name}.json"
        assert filesizeformat(json_file_.size) in cells[2].get_text()
        built = timezone.localtime(csv_file_.built_at)
        assert cells[3].get_text() == date_format(built, "DATETIME_FORMAT")
    counts = {row.th.get_text(): row.find("td").get_text() for row in rows}
    assert counts[str(BY_NAME["reports"].label)] == "1"
    assert counts[str(BY_NAME["recommendations"].label)] == "3"
    links = {a["href"] for a in soup.select("#api ~ ul a")}
    assert "/api/v1/openapi.json" in links
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert "Open Government Licence v3.0" in soup.select_one("#licence").find_next("div").get_text()


def test_the_urdu_page_lists_the_urdu_files_in_urdu(client, demo):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/ur/open-data/").content, "html.parser")
    links = [a["href"] for a in soup.select("#downloads-caption ~ tbody a")]
    assert links and all(link.startswith("/open-data/files/ur/") for link in links)
    with translation.override("ur"):
        assert soup.select_one("#downloads-caption ~ tbody th").get_text() == str(
            RECORD_TYPES[0].label
        )
    assert "?language=ur" in " ".join(a["href"] for a in soup.select("#api ~ ul a"))


def test_the_footer_links_the_open_data_page_in_the_readers_language(client, demo):
    from bs4 import BeautifulSoup

    assert LinkSettings.objects.get().open_data_page is not None
    for prefix in ("", "/pl"):
        soup = BeautifulSoup(client.get(f"{prefix}/").content, "html.parser")
        footer_links = {a["href"] for a in soup.select(".site-footer a")}
        assert f"{prefix}/open-data/" in footer_links
