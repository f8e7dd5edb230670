"""The open data API (/api/v1/): every endpoint serves the demo's public records, each field as
its public page shows it (a page's body too, block by block and as HTML), and nothing private
(drafts, pages behind a view restriction, vetting data, the public's experiences); bad input
is a 400 with the reason, a flood a 429."""

import datetime
import html
import json
from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.test import override_settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from decisions.models import DecisionPage, VettingRecord
from experiences.models import Experience
from opendata.registry import served

pytestmark = pytest.mark.django_db

API = "/api/v1"
# Every type with endpoints of its own (opendata/registry.py): a type added there is walked here.
LISTS = [record_type.name for record_type in served()]
# The test client's address: the API writes the site's links in full, the page as paths.
ROOT = "http://testserver"
# Codes and keys, not words a page shows.
NOT_SHOWN_AS_TEXT = {
    "id",
    "translation_key",
    "language",
    "url",
    "pdf",
    "kind",
    "care_sector",
    "sector",
    "service_kind",
    "status",
    "state",
    "slug",
    "code",
    "outcome",
    "document",
    "letter",
    "spending_purpose",
    "type",
    "level",
}
# Labels the page writes in lower case, within a sentence.
IN_LOWER_CASE = {"spending_purpose_label"}


def get(client, path, **params):
    return client.get(f"{API}/{path}", params)


def everything(client, endpoint, **params):
    items, offset = [], 0
    while True:
        response = get(client, endpoint, limit=100, offset=offset, **params)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        if not body["next"]:
            return items
        offset += 100


def all_output(client):
    """Every record of every endpoint, lists and details, as one string."""
    parts = []
    for endpoint in LISTS:
        items = everything(client, endpoint)
        parts.append(json.dumps(items))
        for item in items:
            parts.append(get(client, f"{endpoint}/{item['id']}").content.decode())
    return "\n".join(parts)


def test_the_schema_lists_every_endpoint(client, demo):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    paths = set(response.json()["paths"])
    for endpoint in LISTS:
        assert f"{API}/{endpoint}" in paths
        assert f"{API}/{endpoint}/{{id}}" in paths


@pytest.mark.parametrize("endpoint", LISTS)
def test_each_endpoint_serves_the_demo_and_each_record_by_its_id(client, demo, endpoint):
    items = everything(client, endpoint)
    assert items, f"the demo has no {endpoint}"
    first = items[0]
    response = get(client, f"{endpoint}/{first['id']}")
    assert response.status_code == 200
    assert response.json() == first
    assert get(client, f"{endpoint}/{2**31 - 1}").status_code == 404


def shown(value, content, text):
    """Whether a value of the API is on the page: as HTML (rich text, a body; the API writes
    its links in full), as escaped text, or line by line (text the page shows with
    `linebreaks`)."""
    if value.replace(f'="{ROOT}/', '="/') in content:
        return True
    if value in content or html.escape(value) in content or value in text:
        return True
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    return bool(lines) and all(html.escape(line) in content or line in text for line in lines)


def unshown_entries(entries, content, text, at):
    missing = []
    for i, entry in enumerate(entries):
        if isinstance(entry, dict):
            missing += unshown_fields(entry, content, text, f"{at}[{i}].")
        elif isinstance(entry, list):  # a table's rows
            missing += unshown_entries(entry, content, text, f"{at}[{i}]")
        elif entry != "" and not shown(str(entry), content, text):
            missing.append(at)
    return missing


def unshown_fields(record, content, text, where=""):
    """The fields of `record` whose value its public page does not show."""
    missing = []
    for key, value in record.items():
        at = f"{where}{key}"
        if value is None or isinstance(value, bool) or value in ("", [], 0):
            continue
        if key in NOT_SHOWN_AS_TEXT and not isinstance(value, dict | list):
            continue
        if isinstance(value, dict):
            missing += unshown_fields(value, content, text, f"{at}.")
        elif isinstance(value, list):
            missing += unshown_entries(value, content, text, at)
        elif key == "amount":
            # Pounds as the page writes them in its language ("£1,200.00", "£1 200,00").
            if f"£{floatformat(Decimal(value), '2g')}" not in text:
                missing.append(at)
        elif key in IN_LOWER_CASE:
            if value.lower() not in text:
                missing.append(at)
        elif isinstance(value, int):
            if str(value) not in text:
                missing.append(at)
        elif key.endswith(("_on", "_date", "_by", "_from", "_until")) and len(value) == 10:
            day = datetime.date.fromisoformat(value)
            if f'datetime="{value}"' not in content and date_format(day) not in text:
                missing.append(at)
        elif not shown(value, content, text):
            missing.append(at)
    return missing


@pytest.mark.parametrize("language", ["en", "ur"])
@pytest.mark.parametrize("endpoint", [e for e in LISTS if e != "organisations"])
def test_each_field_is_on_the_records_public_page(client, demo, endpoint, language):
    found = everything(client, endpoint, language=language)
    assert found or language != "en"
    for record in found[:8]:
        assert unshown_on_its_page(client, record) == [], record["url"]


def unshown_on_its_page(client, record):
    response = client.get(record["url"])
    assert response.status_code == 200, record["url"]
    content = response.content.decode()
    text = html.unescape(strip_tags(content))
    assert record["title" if "title" in record else "name"] in text
    with translation.override(record["language"]):
        return unshown_fields(record, content, text)


def test_each_organisation_is_one_a_public_record_names(client, demo):
    others = [endpoint for endpoint in LISTS if endpoint != "organisations"]
    named = "\n".join(json.dumps(everything(client, endpoint)) for endpoint in others)
    for organisation in everything(client, "organisations"):
        assert json.dumps(organisation["name"]) in named


DRAFT_MARKER = "DRAFT-MARKER-7f3a"
DRAFT_AMOUNT = Decimal("987654.32")


def make_private_things(client):
    """Draft versions of a record of each type (a new title, a paragraph added to a body, a
    spending decision's amount), and a report put behind a login; returns the private page."""
    listed = {endpoint: everything(client, endpoint) for endpoint in LISTS}
    for endpoint in LISTS:
        if endpoint in ("authorisations", "organisations"):
            continue
        page = Page.objects.get(pk=listed[endpoint][0]["id"]).specific
        page.title = f"{DRAFT_MARKER} {page.title}"
        if hasattr(page, "body"):
            page.body.append(("paragraph", RichText(f"<p>{DRAFT_MARKER} in the body</p>")))
        page.save_revision()
    spending = DecisionPage.objects.get(pk=everything(client, "decisions", kind="c")[0]["id"])
    spending.amount = DRAFT_AMOUNT
    spending.save_revision()
    private = Page.objects.get(pk=listed["reports"][1]["id"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return private


def assert_nothing_private(output, private):
    """No draft, private page, vetting data or experience in `output`."""
    assert DRAFT_MARKER not in output
    assert str(DRAFT_AMOUNT) not in output
    assert private.title not in output
    vetting = VettingRecord.objects.all()
    assert vetting.exists()
    for record in vetting:
        assert record.certificate_reference not in output
        if record.notes:
            assert record.notes not in output
    experiences = Experience.objects.exclude(story="")
    assert experiences.exists()
    for experience in experiences:
        assert experience.story not in output
        for private_field in (experience.contact_name, experience.contact_email):
            if private_field:
                assert private_field not in output


def test_no_draft_private_page_vetting_data_or_experience_is_served(client, demo):
    private = make_private_things(client)
    output = all_output(client)
    assert_nothing_private(output, private)
    assert get(client, f"reports/{private.pk}").status_code == 404


def test_the_check_for_private_things_finds_a_draft_that_was_served():
    with pytest.raises(AssertionError):
        assert_nothing_private(f"... {DRAFT_MARKER} ...", Page(title="Not in the output"))


def test_a_reply_goes_when_its_report_is_taken_down(client, demo):
    reply = everything(client, "replies")[0]
    report = Page.objects.get(pk=reply["report"]["id"])
    report.unpublish()
    assert reply["id"] not in {r["id"] for r in everything(client, "replies")}
    assert get(client, f"replies/{reply['id']}").status_code == 404
    assert report.title not in all_output(client)


def test_only_the_default_language_unless_asked(client, demo):
    assert {r["language"] for r in everything(client, "reports")} == {"en"}
    urdu = everything(client, "reports", language="ur")
    assert urdu and {r["language"] for r in urdu} == {"ur"}


def test_filters_narrow_the_list(client, demo):
    reports = everything(client, "reports")
    year = reports[-1]["report_date"][:4]
    in_year = everything(client, "reports", year=year)
    assert in_year and len(in_year) < len(reports)
    assert all(r["report_date"].startswith(year) for r in in_year)

    kind = everything(client, "decisions", kind="e")
    assert kind and {d["kind"] for d in kind} == {"e"}

    page = get(client, "reports", limit=1).json()
    assert len(page["items"]) == 1 and page["count"] == len(reports) and page["next"]


HOSTILE = [
    {"limit": "0"},
    {"limit": "101"},
    {"limit": "-1"},
    {"limit": "ten"},
    {"offset": "-5"},
    {"offset": "99999999999999999999999999"},
    {"offset": "100000"},
    {"year": "2024 OR 1=1"},
    {"year": "99999999999999999999"},
    {"kind": "'; DROP TABLE wagtailcore_page; --"},
    {"organisation": "1 UNION SELECT password FROM auth_user"},
    {"organisation": str(2**63)},
    {"topic": "a\x00b"},
    {"topic": "x" * 500},
    {"language": "xx"},
    {"page": "2"},
    {"format": "csv"},
    {"year": ["2024", "2025"]},
]


@pytest.mark.parametrize("params", HOSTILE)
def test_hostile_input_is_a_400_with_the_reason(client, demo, params):
    response = get(client, "reports", **params)
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["reports/99999999999999999999999", "reports/-1", "reports/abc", "reports/1?x=1"]
)
def test_hostile_ids_are_refused_without_a_server_error(client, demo, path):
    assert client.get(f"{API}/{path}").status_code in (400, 404)


def test_answers_allow_any_origin_and_may_be_cached_publicly(client, demo):
    response = get(client, "reports")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    schema = client.get(f"{API}/openapi.json")
    assert schema["Access-Control-Allow-Origin"] == "*"
    refused = get(client, "reports", nonsense="1")
    assert refused.status_code == 400
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "no-store" in refused["Cache-Control"]


def test_the_site_pages_do_not_get_the_apis_cors_header(client, demo):
    assert not client.get("/").has_header("Access-Control-Allow-Origin")


@override_settings(OPENDATA_REQUESTS_PER_MINUTE=3)
def test_a_client_over_the_limit_gets_429_with_retry_after(client, demo):
    for _ in range(3):
        assert get(client, "organisations").status_code == 200
    refused = get(client, "organisations")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    other = client.get(f"{API}/organisations", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


# What the second pass added: spending, and the bodies of pages.


def test_a_spending_decision_gives_its_amount_and_purpose_as_its_page_shows_them(client, demo):
    spending = everything(client, "decisions", kind="c")
    assert spending
    for decision in spending:
        assert Decimal(decision["amount"]) > 0 and decision["spending_purpose"]
        assert unshown_on_its_page(client, decision) == [], decision["url"]
    others = [d for d in everything(client, "decisions") if d["kind"] != "c"]
    assert others and all(d["amount"] is None and not d["spending_purpose"] for d in others)


def test_reports_and_procedures_give_their_body_as_on_the_page(client, demo):
    for endpoint in ("reports", "procedures"):
        for record in everything(client, endpoint)[:3]:
            assert record["body"] and record["body_html"]
            assert unshown_on_its_page(client, record) == [], record["url"]


@pytest.fixture
def report_with_every_block(home, report_index):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from linksite.simple_pdf import pdf_with_text

    from .factories import ReportPageFactory, StandardPageFactory

    document = get_document_model().objects.create(
        title="Survey results", file=ContentFile(pdf_with_text(["Results."]), name="survey.pdf")
    )
    image = get_image_model().objects.create(title="Ward 7", file=get_test_image_file())
    live = StandardPageFactory(parent=home, title="How to take part", slug="take-part")
    draft = StandardPageFactory(parent=home, title="Plans not yet public", slug="plans", live=False)
    body = [
        ("heading", {"text": "What we found", "level": "h2"}),
        (
            "paragraph",
            RichText(f'<p>Read <a linktype="document" id="{document.pk}">the survey</a>.</p>'),
        ),
        ("image", {"image": image, "alt_text": "The entrance to Ward 7", "decorative": False}),
        ("document", {"document": document, "title": "The survey in full"}),
        ("quote", {"quote": "Nobody told us.\nWe waited.", "attribution": "a carer"}),
        (
            "call_to_action",
            {"heading": "Join us", "text": "", "page": live, "url": "", "link_text": "Take part"},
        ),
        (
            "call_to_action",
            {
                "heading": "Our plans",
                "text": "",
                "page": draft,
                "url": "",
                "link_text": "Read the plans",
            },
        ),
        (
            "table",
            {
                "data": [["Ward", "Waits"], ["Ward 7", "40"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Waits by ward",
            },
        ),
    ]
    report = ReportPageFactory(parent=report_index, title="Leaving Ward 7", body=body)
    return report, document, draft


def test_a_body_is_given_block_by_block_and_as_html_with_documents_at_their_public_address(
    client, report_with_every_block
):
    report, document, draft = report_with_every_block
    record = get(client, f"reports/{report.pk}").json()
    blocks = record["body"]
    assert [b["type"] for b in blocks] == [
        "heading",
        "paragraph",
        "image",
        "document",
        "quote",
        "call_to_action",
        "call_to_action",
        "table",
    ]
    public_address = ROOT + document.url
    assert blocks[3]["value"] == {"title": "The survey in full", "url": public_address}
    assert f'href="{public_address}"' in blocks[1]["value"]
    assert blocks[2]["value"]["url"].startswith(f"{ROOT}/media/images/")
    assert blocks[2]["value"]["alt"] == "The entrance to Ward 7"
    assert blocks[5]["value"]["url"] == "http://localhost/take-part/"
    # The page links the draft; the API gives no address (or title) of a page not public.
    assert blocks[6]["value"]["url"] is None
    assert draft.url_path not in json.dumps(blocks)
    assert blocks[7]["value"]["rows"] == [["Ward", "Waits"], ["Ward 7", "40"]]
    assert f'href="{public_address}"' in record["body_html"]
    assert str(document.file.name) not in json.dumps(record)  # never the stored file's path
    assert unshown_on_its_page(client, record) == []
