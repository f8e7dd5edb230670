"""The accountability view at /recommendations/: rows, totals, replies on time, and the CSV."""

import csv
import datetime
import io
import re
from html.parser import HTMLParser

import pytest
from wagtail.models import PageViewRestriction

from publications.accountability import RecommendationState
from publications.models import RecommendationOutcome

from .factories import RecommendationsPageFactory, reply_to, sent_report
from .publications_forms import body, queries_to_get

pytestmark = pytest.mark.django_db

D = datetime.date
Outcome = RecommendationOutcome.Outcome


class TableRows(HTMLParser):
    """The text of each cell of each body row of the table with the given id."""

    def __init__(self, table_id):
        super().__init__()
        self.table_id, self.inside, self.in_body, self.rows, self.cell = (
            table_id,
            False,
            False,
            [],
            None,
        )

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = self.in_body = False
        elif self.in_body and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join(" ".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def html_rows(client, query=""):
    parser = TableRows("recommendation-rows")
    parser.feed(client.get("/recommendations/" + query).content.decode())
    return [row for row in parser.rows if len(row) == 6]


def csv_rows(client, query=""):
    response = client.get("/recommendations/csv/" + query)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(body(response))))


def comparable_html(rows):
    # The report cell holds the title then the date; the outcome cell the outcome, then when
    # a reply is still owed, its due date or how overdue it is.
    return [
        (
            re.sub(r" \d{1,2} \w+ \d{4}$", "", r[0]),
            r[1],
            r[2],
            r[3],
            re.sub(r" (due .*|Overdue by .*)$", "", r[4]),
        )
        for r in rows
    ]


def comparable_csv(rows):
    return [
        (r["Report"], r["Number"], r["Recommendation"], r["Addressed to"], r["Outcome"])
        for r in rows
    ]


@pytest.fixture
def published(home, report_index, trust, council, agency):
    """Six recommendations in public, plus some that must never be counted."""
    older = sent_report(
        report_index,
        [trust, council],
        D(2025, 6, 2),
        recommendations=3,  # 1 and 3 to the trust, 2 to the council
        title="Older report",
        report_date=D(2025, 6, 1),
    )
    reply_to(
        older,
        trust,
        D(2025, 6, 20),
        outcomes={1: (Outcome.ACCEPTED, "Agreed."), 3: (Outcome.NOT_ACCEPTED, "No money.")},
    )
    newer = sent_report(
        report_index,
        [agency],
        D(2026, 2, 2),
        recommendations=2,
        title="Newer report",
        report_date=D(2026, 2, 1),
    )
    reply_to(newer, agency, D(2026, 4, 1), outcomes={1: Outcome.PARTLY_ACCEPTED})
    pending = sent_report(
        report_index, [council], D(2026, 3, 2), title="Pending report", report_date=D(2026, 3, 1)
    )
    reply_to(pending, council, D(2026, 3, 10), outcomes={1: Outcome.ACCEPTED}, live=False)
    sent_report(report_index, [trust], D(2026, 3, 2), title="Draft report", live=False)
    private = sent_report(report_index, [trust], D(2026, 3, 2), title="Private report")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    RecommendationsPageFactory(parent=home, slug="recommendations")
    return {"older": older, "newer": newer, "pending": pending}


def totals_in(html):
    return {
        label: int(count) for label, count in re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", html)
    }


def test_the_totals_add_up_and_count_each_outcome(client, published):
    totals = totals_in(client.get("/recommendations/").content.decode())
    assert totals == {
        "Recommendations made": 6,
        "Accepted": 1,
        "Partly accepted": 1,
        "Not accepted": 1,
        "Not answered": 1,  # the agency's reply left recommendation 2 out
        "Awaiting reply": 2,  # the council's, on the older report and on the pending one
    }
    assert totals["Recommendations made"] == sum(
        v for k, v in totals.items() if k != "Recommendations made"
    )
    assert totals["Recommendations made"] == len(html_rows(client))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?outcome=awaiting",
        "?organisation={trust}",
        "?year=2025",
        "?outcome=not_answered&year=2026",
    ],
)
def test_the_csv_has_exactly_the_rows_of_the_page(client, published, trust, query):
    query = query.format(trust=trust.pk)
    page_rows = comparable_html(html_rows(client, query))
    assert page_rows, "each case should show some rows"
    assert comparable_csv(csv_rows(client, query)) == page_rows


def test_each_outcome_in_the_view_is_the_one_shown_on_its_report_page(client, published):
    for row in csv_rows(client):
        report_html = client.get(
            row["Report address"].replace("http://localhost", "")
        ).content.decode()
        section = report_html.split(f'id="recommendation-{row["Number"]}"')[1].split("</li>")[0]
        assert f">{row['Outcome']}<" in section, (row["Report"], row["Number"])


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?organisation={trust}", {("Older report", "1"), ("Older report", "3")}),
        ("?outcome=not_accepted", {("Older report", "3")}),
        ("?outcome=awaiting", {("Older report", "2"), ("Pending report", "1")}),
        ("?year=2026", {("Newer report", "1"), ("Newer report", "2"), ("Pending report", "1")}),
    ],
)
def test_the_view_filters_by_organisation_outcome_and_year(
    client, published, trust, query, expected
):
    rows = csv_rows(client, query.format(trust=trust.pk))
    assert {(r["Report"], r["Number"]) for r in rows} == expected


def test_per_organisation_it_counts_replies_on_time_late_and_overdue(client, published):
    html = client.get("/recommendations/").content.decode()
    on_time = html.split('id="on-time-caption"')[1].split("</table>")[0]
    rows = {
        name: counts
        for name, *counts in re.findall(
            r'<th scope="row">([^<]+)</th>\s*<td>(\d+)</td>\s*<td>(\d+)</td>\s*<td>(\d+)</td>'
            r"\s*<td>(\d+)</td>\s*<td>(\d+)</td>",
            on_time,
        )
    }
    # sent, on time, late, overdue, not yet due
    assert rows == {
        "Testshire Council Adult Social Care": ["2", "0", "0", "2", "0"],
        "Testshire Home Care Agency": ["1", "0", "1", "0", "0"],
        "Testshire Hospitals NHS Trust": ["1", "1", "0", "0", "0"],
    }


def test_drafts_private_reports_and_draft_replies_are_never_counted(client, published):
    html = client.get("/recommendations/").content.decode()
    exported = body(client.get("/recommendations/csv/"))
    for hidden in ("Draft report", "Private report"):
        assert hidden not in html and hidden not in exported
    pending = [r for r in csv_rows(client) if r["Report"] == "Pending report"]
    assert [r["Outcome"] for r in pending] == ["Awaiting reply"]


def test_unpublished_edits_to_a_live_report_are_not_in_the_view(client, published):
    older = published["older"]
    older.title = "A title nobody approved"
    older.save_revision()
    assert "A title nobody approved" not in client.get("/recommendations/").content.decode()
    assert "A title nobody approved" not in body(client.get("/recommendations/csv/"))


def test_the_csv_cannot_run_formulas_in_a_spreadsheet(client, home, report_index, trust):
    report = sent_report(report_index, [trust], D(2026, 3, 2))
    report.recommendations.update(text='=HYPERLINK("http://example.com","click")')
    RecommendationsPageFactory(parent=home, slug="recommendations")
    (row,) = csv_rows(client)
    assert row["Recommendation"].startswith("'=HYPERLINK")


def test_the_csv_is_a_download_named_recommendations(client, published):
    response = client.get("/recommendations/csv/")
    assert response["Content-Disposition"] == 'attachment; filename="recommendations.csv"'


def test_recommendation_states_include_every_outcome_an_organisation_can_give():
    assert set(Outcome.values) < set(RecommendationState.values)
    assert set(RecommendationState.values) - set(Outcome.values) == {"awaiting"}


def test_the_view_and_csv_run_the_same_number_of_queries_for_5_and_50_reports(
    client, home, report_index, trust, council
):
    RecommendationsPageFactory(parent=home, slug="recommendations")

    def add_reports(count):
        for n in range(count):
            report = sent_report(report_index, [trust, council], D(2026, 3, 2), recommendations=3)
            if n % 2:
                reply_to(report, trust, D(2026, 3, 20), outcomes={1: Outcome.ACCEPTED})

    add_reports(5)
    page_with_5 = queries_to_get(client, "/recommendations/")
    csv_with_5 = queries_to_get(client, "/recommendations/csv/")
    add_reports(45)
    assert queries_to_get(client, "/recommendations/") == page_with_5
    assert queries_to_get(client, "/recommendations/csv/") == csv_with_5


def test_the_view_shows_fifty_recommendations_a_page_and_the_csv_has_them_all(
    client, home, report_index, trust
):
    RecommendationsPageFactory(parent=home, slug="recommendations")
    for n in range(6):
        sent_report(report_index, [trust], D(2026, 3, 2 + n), recommendations=10)
    first, second = html_rows(client), html_rows(client, "?page=2")
    assert (len(first), len(second)) == (50, 10)
    assert not {(row[0], row[2]) for row in first} & {(row[0], row[2]) for row in second}
    html = client.get("/recommendations/").content.decode()
    assert totals_in(html)["Recommendations made"] == 60
    assert 'href="?page=2"' in html and 'aria-label="Pages of recommendations"' in html
    assert len(csv_rows(client)) == 60
    assert html_rows(client, "?page=999") == second  # past the end: the last page
    assert html_rows(client, "?page=x") == first
