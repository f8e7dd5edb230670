"""Bad input answers an ordinary page, a 400 or a field error, never a 500: control characters
in the search, topics with no letters, dates no LINk could have, and the admin's own views."""

import datetime

import pytest
from taggit.models import Tag

from linksite.topic_names import fallback_slug
from linksite.working_days import deadline, working_days_between

from .admin_forms import as_user, edit_url
from .factories import ReportPageFactory, TopicIndexPageFactory, reply_to, sent_report

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def topics(home):
    return TopicIndexPageFactory(parent=home)


def published(page):
    page.save_revision().publish()
    return page


# The search


@pytest.mark.parametrize("prefix", ["", "/ur", "/pl", "/bn"])
@pytest.mark.parametrize("words", ["\x00", "food\x00", "hospital \x1b[31m food", "\x7f\x08"])
def test_control_characters_in_the_search_words_answer_an_ordinary_page(
    client, report_index, prefix, words
):
    ReportPageFactory(parent=report_index, title="Hospital food")
    response = client.get(f"{prefix}/search/", {"q": words})
    assert response.status_code == 200


def test_the_words_around_a_nul_are_still_searched(client, report_index):
    from search.entries import record

    record(ReportPageFactory(parent=report_index, title="Hospital food").pk)
    response = client.get("/search/", {"q": "hospital\x00food"})
    assert "Hospital food" in response.content.decode()


@pytest.mark.parametrize("name", ["topic", "organisation", "sort", "page", "type", "year"])
def test_a_nul_in_a_search_filter_answers_an_ordinary_page(client, report_index, name):
    ReportPageFactory(parent=report_index, title="Hospital food")
    assert client.get("/search/", {"q": "food", name: "x\x00y"}).status_code == 200


# Topics with no letters or digits


def test_a_topic_of_only_punctuation_is_given_a_slug(db):
    assert Tag.objects.create(name=")>").slug == fallback_slug(")>") == "topic-29-3e"


def test_the_topic_index_and_the_page_survive_a_topic_stored_with_no_slug(
    client, report_index, topics
):
    report = ReportPageFactory(parent=report_index, title="Pasted markup")
    report.topics.add("care homes", ")>")
    published(report)
    Tag.objects.filter(name=")>").update(slug="")
    index = client.get("/topics/")
    assert index.status_code == 200
    assert "&gt;" in index.content.decode()
    assert client.get(report.url).status_code == 200


def test_a_control_character_in_a_topic_address_is_not_found(client, report_index, topics):
    report = ReportPageFactory(parent=report_index, title="Care homes")
    report.topics.add("care homes")
    published(report)
    assert client.get("/topics/care%00homes/").status_code == 404


def test_the_editor_refuses_a_topic_with_no_letters_or_digits(client, report_index, people):
    from .publications_forms import report_form_data

    report = published(ReportPageFactory(parent=report_index, slug="hospital-food"))
    as_user(client, people["editor"])
    response = client.post(edit_url(report), report_form_data(topics="food, )>"))
    assert response.status_code == 200
    assert "A topic needs letters or digits in its name" in response.content.decode()
    assert not Tag.objects.filter(name=")>").exists()


# The working-day clock, whatever is in the database


def test_the_clock_does_not_overflow_at_the_end_of_the_calendar():
    assert deadline(D(9999, 12, 30)) == D(9999, 12, 31)
    assert working_days_between(D(1, 1, 1), D(9999, 12, 31)) > 2_500_000


def test_a_report_stored_in_the_year_9999_leaves_every_listing_answering(
    client, home, report_index, trust
):
    from .factories import RecommendationsPageFactory

    RecommendationsPageFactory(parent=home, slug="recommendations")
    report = sent_report(report_index, [trust], D(2026, 3, 2), title="Far future")
    # As an old database might hold it: past the checks the editor now makes.
    type(report).objects.filter(pk=report.pk).update(report_date=D(9999, 12, 31))
    report.recipients.update(sent_on=D(9999, 12, 30))
    for url in (
        "/reports/",
        "/reports/feed/",
        "/reports/replies/feed/",
        "/recommendations/",
        "/recommendations/csv/",
        report.url,
    ):
        assert client.get(url).status_code == 200, url


def test_a_reply_stored_in_the_year_9999_leaves_the_report_answering(client, report_index, trust):
    report = sent_report(report_index, [trust], D(2026, 3, 2))
    reply = reply_to(report, trust, D(2026, 3, 20))
    type(reply).objects.filter(pk=reply.pk).update(received_on=D(9999, 12, 31))
    assert client.get(report.url).status_code == 200
    assert client.get("/reports/").status_code == 200


# The admin


def test_searching_the_organisations_snippet_answers(client, people, trust):
    as_user(client, people["editor"])
    response = client.get("/admin/snippets/linksite/organisation/", {"q": "Testshire"})
    assert response.status_code == 200
    assert "Testshire Hospitals NHS Trust" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"search": "\x00"},
        {"search": "food\x00"},
        {"offset": "99999999999999999999"},
        {"limit": "99999999999999999999"},
        {"offset": "-1"},
        {"child_of": "99999999999999999999"},
        {"id": "99999999999999999999"},
    ],
)
def test_the_admin_pages_api_refuses_hostile_parameters_without_a_500(client, people, params):
    as_user(client, people["editor"])
    assert client.get("/admin/api/main/pages/", params).status_code in (200, 400)


@pytest.mark.parametrize(
    "params",
    [
        {"content_type": "99999999999999999999"},
        {"content_type": "-1"},
        {"content_type": "x"},
        {"p": "99999999999999999999"},
        {"q": "\x00"},
        {"ordering": "\x00"},
    ],
)
def test_the_admin_page_listing_refuses_hostile_parameters_without_a_500(
    client, people, report_index, params
):
    as_user(client, people["editor"])
    response = client.get(f"/admin/pages/{report_index.pk}/", params)
    assert response.status_code in (200, 400, 404)
