"""Topics: reports, decisions, visits and work plan items share one set of topics; each topic
has a public page listing what was published on it, and the topic index lists them all."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from decisions.models import DecisionKind
from publications.models import WorkPlanItemPage

from .admin_forms import as_user, edit_url
from .decisions_support import queries_for
from .factories import (
    DecisionPageFactory,
    ReportPageFactory,
    TopicIndexPageFactory,
    VisitPageFactory,
    WorkPlanIndexPageFactory,
    WorkPlanItemPageFactory,
    WorkPlanPageFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def tagged(page, *topics):
    page.topics.add(*topics)
    page.save_revision().publish()
    return page


@pytest.fixture
def topics(home):
    return TopicIndexPageFactory(parent=home)


@pytest.fixture
def plan(home):
    index = WorkPlanIndexPageFactory(parent=home, slug="work-plan")
    return WorkPlanPageFactory(parent=index, year_starting=2026, slug="2026-27")


@pytest.fixture
def one_of_each(report_index, decision_log, enter_and_view, visit_decision, provider, plan):
    """A report, a decision, a visit and a work plan item on "care homes", each dated
    differently so the topic page's order is known."""
    return {
        "report": tagged(
            ReportPageFactory(
                parent=report_index, title="Mealtimes report", report_date=D(2026, 11, 2)
            ),
            "care homes",
            "mealtimes",
        ),
        "decision": tagged(
            DecisionPageFactory(parent=decision_log, title="Look at care homes"),
            "Care homes",
        ),
        "visit": tagged(
            VisitPageFactory(
                parent=enter_and_view,
                title="Willow Court visit",
                decision=visit_decision,
                provider=provider,
                visit_from=D(2025, 6, 2),
            ),
            "care homes",
        ),
        "item": tagged(
            WorkPlanItemPageFactory(
                parent=plan, title="Dignity in care homes", starts_on=D(2026, 4, 1)
            ),
            "care homes",
        ),
    }


def index_rows(html):
    """(link, topic name, count) for each topic the index lists, in its order."""
    return re.findall(
        r'<li><a href="([^"]+)">(?:<span [^>]*>)?([^<]+)(?:</span>)?</a> '
        r'<span class="topic-list__count">\((\d+)[^)]*\)',
        html,
    )


def listed_titles(html):
    return re.findall(r'<h2 class="report-summary__title"><a href="[^"]+">([^<]+)</a>', html)


def test_a_work_plan_item_takes_topics_shared_with_other_page_types(plan, report_index):
    item = tagged(WorkPlanItemPageFactory(parent=plan), "carers", "hospital discharge")
    report = tagged(ReportPageFactory(parent=report_index), "Carers")
    item = WorkPlanItemPage.objects.get(pk=item.pk)
    assert sorted(t.name for t in item.topics.all()) == ["carers", "hospital discharge"]
    assert list(report.topics.all()) == [item.topics.get(name="carers")]


def test_the_index_lists_each_topic_of_live_public_pages_alphabetically_with_its_count(
    client, topics, one_of_each
):
    html = client.get("/topics/").content.decode()
    assert index_rows(html) == [
        ("/topics/care-homes/", "care homes", "4"),
        ("/topics/mealtimes/", "mealtimes", "1"),
    ]


def test_drafts_unpublished_and_view_restricted_pages_do_not_count_or_show_their_topics(
    client, topics, one_of_each, report_index, plan
):
    draft = ReportPageFactory(parent=report_index, title="Draft", live=False)
    draft.topics.add("care homes", "draft only")
    draft.save()
    withdrawn = tagged(ReportPageFactory(parent=report_index, title="Withdrawn"), "withdrawn")
    withdrawn.topics.add("care homes")
    withdrawn.save_revision().publish()
    withdrawn.unpublish()
    private = tagged(WorkPlanItemPageFactory(parent=plan, title="Private"), "care homes", "secret")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    html = client.get("/topics/").content.decode()
    assert index_rows(html) == [
        ("/topics/care-homes/", "care homes", "4"),
        ("/topics/mealtimes/", "mealtimes", "1"),
    ]
    titles = listed_titles(client.get("/topics/care-homes/").content.decode())
    assert not {"Draft", "Withdrawn", "Private"} & set(titles)
    for slug in ("draft-only", "withdrawn", "secret"):
        assert client.get(f"/topics/{slug}/").status_code == 404


def test_the_topic_page_lists_all_four_types_newest_first_with_kind_date_and_summary(
    client, topics, one_of_each
):
    response = client.get("/topics/care-homes/")
    html = response.content.decode()
    # Report 2 November 2026, work plan item 1 April 2026, visit 2 June 2025, decision
    # 4 March 2025.
    assert listed_titles(html) == [
        "Mealtimes report",
        "Dignity in care homes",
        "Willow Court visit",
        "Look at care homes",
    ]
    assert "<h1>Topic: care homes</h1>" in html
    assert 'Report · <time datetime="2026-11-02">2 November 2026</time>' in html
    assert "Enter and view visit · " in html and "Work plan item · " in html
    assert "Decision · " in html
    assert "What people told us." in html  # the report's summary
    assert '<a href="/topics/">Topics</a>' in html  # the breadcrumb back to the index


def test_the_topic_page_links_to_the_search_within_the_topic_which_lists_the_same_items(
    client, topics, one_of_each
):
    from bs4 import BeautifulSoup

    html = client.get("/topics/care-homes/").content.decode()
    link = BeautifulSoup(html, "html.parser").find("a", href="/search/?topic=care-homes")
    assert link is not None
    found = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    titles = [a.get_text() for a in found.select(".search-result__title a")]
    assert sorted(titles) == sorted(listed_titles(html))


def test_an_unknown_topic_or_one_with_nothing_published_is_not_found(client, topics, one_of_each):
    from taggit.models import Tag

    Tag.objects.create(name="unused")
    assert client.get("/topics/no-such-topic/").status_code == 404
    assert client.get("/topics/unused/").status_code == 404


def test_the_topic_page_is_paginated_with_bookmarkable_page_links(client, topics, report_index):
    for n in range(25):
        tagged(
            ReportPageFactory(
                parent=report_index,
                title=f"Report {n:02d}",
                report_date=D(2026, 1, 1) + datetime.timedelta(days=n),
            ),
            "transport",
        )
    first = client.get("/topics/transport/").content.decode()
    assert len(listed_titles(first)) == 20
    assert listed_titles(first)[0] == "Report 24"
    assert 'href="?page=2"' in first
    second = client.get("/topics/transport/?page=2").content.decode()
    assert listed_titles(second) == [f"Report {n:02d}" for n in range(4, -1, -1)]
    assert "25 items" in second


def test_the_index_and_a_topic_page_run_the_same_number_of_queries_for_3_and_30_items(
    client, topics, report_index, decision_log, enter_and_view, visit_decision, provider, plan
):
    def add(count):
        for n in range(count):
            kind = n % 4
            if kind == 0:
                page = ReportPageFactory(parent=report_index)
            elif kind == 1:
                page = DecisionPageFactory(parent=decision_log, kind=DecisionKind.ACTIVITIES)
            elif kind == 2:
                page = VisitPageFactory(
                    parent=enter_and_view, decision=visit_decision, provider=provider
                )
            else:
                page = WorkPlanItemPageFactory(parent=plan)
            tagged(page, "care homes", f"topic {n}")

    add(3)
    index_with_3 = queries_for(client, "/topics/")
    topic_with_3 = queries_for(client, "/topics/care-homes/")
    add(27)
    assert queries_for(client, "/topics/") == index_with_3
    assert queries_for(client, "/topics/care-homes/") == topic_with_3


def test_topic_names_on_each_page_type_link_to_their_topic_page(client, topics, one_of_each):
    for page in one_of_each.values():
        html = client.get(page.url).content.decode()
        assert '<a href="/topics/care-homes/">' in html, page.url


def test_without_a_topic_index_topic_names_are_plain_text(client, one_of_each):
    html = client.get(one_of_each["report"].url).content.decode()
    assert "care homes" in html
    assert "/topics/" not in html


def test_the_urdu_topic_index_lists_the_topics_of_urdu_pages(
    client, home, topics, report_index, one_of_each
):
    urdu = Locale.objects.get_or_create(language_code="ur")[0]

    def translate(page):
        translation = page.copy_for_translation(urdu)
        translation.save_revision().publish()
        return translation

    translate(home)
    urdu_topics = translate(topics)
    translate(report_index)
    urdu_report = translate(one_of_each["report"])

    response = client.get("/ur/topics/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    # Only the Urdu report counts: the decision, visit and work plan item are English only.
    assert index_rows(html) == [
        ("/ur/topics/care-homes/", "care homes", "1"),
        ("/ur/topics/mealtimes/", "mealtimes", "1"),
    ]
    assert urdu_topics.url == "/ur/topics/"
    topic = client.get("/ur/topics/care-homes/").content.decode()
    assert listed_titles(topic) == [urdu_report.title]
    # The Urdu report links its topics to the Urdu topic pages.
    assert 'href="/ur/topics/care-homes/"' in client.get(urdu_report.url).content.decode()
    # Not yet translated, each name is the English one, marked as English.
    marked = '<a href="/ur/topics/care-homes/"><span lang="en" dir="ltr">care homes</span></a>'
    assert marked in html


def test_a_topic_translated_into_urdu_is_named_in_urdu_and_its_page_links_the_same_topic(
    client, home, topics, report_index, one_of_each
):
    from search.topic_translations import TopicName

    urdu = Locale.objects.get_or_create(language_code="ur")[0]
    for page in (home, topics, report_index, one_of_each["report"]):
        page.copy_for_translation(urdu).save_revision().publish()
    english = TopicName.objects.get(tag__slug="care-homes")
    assert english.locale.language_code == "en" and english.name == "care homes"
    urdu_name = english.copy_for_translation(urdu)
    urdu_name.name = "کیئر ہومز"
    urdu_name.save()

    index = client.get("/ur/topics/").content.decode()
    assert '<a href="/ur/topics/care-homes/">کیئر ہومز</a>' in index
    topic = client.get("/ur/topics/care-homes/").content.decode()
    assert "<h1>موضوع: کیئر ہومز</h1>" in topic or "کیئر ہومز</h1>" in topic
    # The language links and the alternates lead to the same topic, not to the index.
    assert 'href="/topics/care-homes/" lang="en"' in topic
    assert 'hreflang="en" href="http://localhost/topics/care-homes/"' in topic
    english_topic = client.get("/topics/care-homes/").content.decode()
    assert 'href="/ur/topics/care-homes/" lang="ur"' in english_topic
    assert "<h1>Topic: care homes</h1>" in english_topic


def test_a_topic_page_offers_only_the_languages_that_have_pages_on_it(
    client, home, topics, report_index, one_of_each
):
    urdu = Locale.objects.get_or_create(language_code="ur")[0]
    for page in (home, topics, report_index, one_of_each["report"]):
        page.copy_for_translation(urdu).save_revision().publish()
    # Only the report is in Urdu: a topic that only English pages have is not offered in Urdu.
    tagged(one_of_each["decision"], "hospital discharge")
    html = client.get("/topics/hospital-discharge/").content.decode()
    assert 'href="/ur/topics/hospital-discharge/"' not in html
    assert 'href="/ur/topics/"' not in html
    assert 'href="/ur/topics/care-homes/"' in client.get("/topics/care-homes/").content.decode()


def test_a_language_without_a_topic_index_gives_not_found_not_an_error(client, home, topics):
    urdu = Locale.objects.get_or_create(language_code="ur")[0]
    home.copy_for_translation(urdu).save_revision().publish()
    assert client.get("/ur/topics/").status_code == 404


def test_the_report_editor_autocompletes_topics_from_existing_ones(
    client, people, report_index, one_of_each
):
    as_user(client, people["editor"])
    html = client.get(edit_url(one_of_each["report"])).content.decode()
    url = reverse("wagtailadmin_tag_autocomplete")
    widget = re.search(r'<input[^>]*name="topics"[^>]*>', html).group(0)
    assert 'data-controller="w-tag"' in widget
    assert f'data-w-tag-url-value="{url}"' in widget

    response = client.get(url, {"term": "car"})
    assert response.status_code == 200
    assert response.json() == ["care homes"]
    assert client.get(url, {"term": "meal"}).json() == ["mealtimes"]


def test_the_demo_has_a_topic_index_in_the_navigation_whose_topics_all_open(client, demo):
    html = client.get("/topics/").content.decode()
    assert re.search(r'<nav class="main-nav".*href="/topics/"', html, re.S)
    rows = index_rows(html)
    assert ("/topics/hospital-discharge/", "Hospital discharge") in [row[:2] for row in rows]
    for link, _name, count in rows:
        topic = client.get(link).content.decode()
        assert len(listed_titles(topic)) == min(int(count), 20), link
    kinds = client.get("/topics/hospital-discharge/").content.decode()
    for kind in ("Report · ", "Decision · ", "Enter and view visit · ", "Work plan item · "):
        assert kind in kinds
    assert client.get("/ur/topics/").status_code == 200
    assert client.get("/pl/topics/").status_code == 200
