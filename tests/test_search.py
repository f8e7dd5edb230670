"""The site search (/search/): what it finds, its filters and facets, what it never shows."""

import datetime
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from decisions.models import DecisionKind
from publications.models import Recommendation, ReportRecipient
from search.entries import SearchEntry, rebuild_entries, record

from .factories import (
    DecisionPageFactory,
    OrganisationFactory,
    ReportPageFactory,
    StandardPageFactory,
    reply_to,
)

D = datetime.date


def search(client, url="/search/", **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".search-result__title a")]


def total(soup):
    heading = soup.select_one("#results-heading")
    return int(re.match(r"\d+", heading.get_text(strip=True)).group(0)) if heading else None


def report(parent, title, topics=(), sent_to=(), recommendations=(), **fields):
    page = ReportPageFactory(
        parent=parent,
        title=title,
        recipients=[ReportRecipient(organisation=o, sent_on=D(2025, 3, 10)) for o in sent_to],
        recommendations=[
            Recommendation(number=n, text=text, organisation=sent_to[0] if sent_to else None)
            for n, text in enumerate(recommendations, start=1)
        ],
        **fields,
    )
    page.topics.add(*topics)
    page.save()
    record(page.pk)
    return page


@pytest.fixture
def reports(report_index, trust, council):
    """Four live reports: two health ones to the trust (2024 and 2025), a social care one to
    the council (2025), and one to both (2023)."""
    return {
        "discharge": report(
            report_index,
            "Leaving hospital",
            topics=["Hospital discharge", "Carers"],
            sent_to=[trust],
            report_date=D(2025, 6, 1),
            summary="People waited for medicines on the day they went home.",
            body=[("paragraph", RichText("<p>The discharge lounge was cold at night.</p>"))],
            recommendations=["Open the pharmacy hatch in the evening."],
        ),
        "wards": report(
            report_index,
            "Ward food",
            topics=["Hospital food"],
            sent_to=[trust],
            report_date=D(2024, 2, 1),
            summary="Meals on the wards.",
        ),
        "home_care": report(
            report_index,
            "Home care visits",
            topics=["Care at home", "Carers"],
            sent_to=[council],
            report_date=D(2025, 9, 1),
            care_sector="social_care",
            summary="Visits were shorter than booked.",
        ),
        "joint": report(
            report_index,
            "Joint discharge planning",
            topics=["Hospital discharge"],
            sent_to=[trust, council],
            report_date=D(2023, 5, 1),
            care_sector="both",
            summary="Planning between the hospital and social care.",
        ),
    }


# What it finds


def test_a_word_in_the_title_finds_the_report(client, reports):
    _response, soup = search(client, q="ward food")
    assert titles(soup) == ["Ward food"]


def test_a_word_in_the_body_finds_the_report(client, reports):
    _response, soup = search(client, q="lounge")
    assert titles(soup) == ["Leaving hospital"]


def test_a_word_in_a_recommendation_finds_its_report(client, reports):
    _response, soup = search(client, q="pharmacy hatch")
    assert titles(soup) == ["Leaving hospital"]


def test_a_reply_is_found_by_its_summary(client, reports, trust):
    reply = reply_to(
        reports["discharge"], trust, D(2025, 4, 1), title="Reply from the trust",
        summary="We have hired an evening pharmacist.",
    )  # fmt: skip
    record(reply.pk)
    _response, soup = search(client, q="pharmacist")
    assert titles(soup) == ["Reply from the trust"]
    assert soup.select_one(".search-result .meta").get_text().startswith("Reply to a report")


def test_a_decision_and_a_standard_page_are_found(client, home, decision_log, trust):
    decision = DecisionPageFactory(
        parent=decision_log, title="Visit the maternity unit", kind=DecisionKind.ENTER_AND_VIEW,
        decided_on=D(2025, 5, 1), reasons="<p>Mothers told us about long waits.</p>",
    )  # fmt: skip
    page = StandardPageFactory(parent=home, title="Maternity services", slug="maternity")
    record(decision.pk)
    record(page.pk)
    _response, soup = search(client, q="maternity")
    assert sorted(titles(soup)) == ["Maternity services", "Visit the maternity unit"]


def test_each_result_has_its_type_date_and_a_snippet_with_the_words_marked(client, reports):
    _response, soup = search(client, q="lounge")
    result = soup.select_one(".search-result")
    assert "Report ·" in result.select_one(".meta").get_text()
    assert result.select_one("time")["datetime"] == "2025-06-01"
    assert [m.get_text() for m in result.select(".search-result__snippet mark")] == ["lounge"]
    assert result.select_one("a")["href"] == reports["discharge"].url


def test_the_snippet_shows_where_the_words_stand_together_and_marks_short_words_only_there(
    client, report_index
):
    report(
        report_index, "Transport", summary="The minibus was late.",
        body=[("paragraph", RichText("<p>" + "Then they waited. " * 30 + "They waited "
                                     "outside the old Corn Exchange for an hour.</p>"))],
    )  # fmt: skip
    _response, soup = search(client, q="outside the old corn exchange")
    snippet = soup.select_one(".search-result__snippet")
    assert [m.get_text() for m in snippet.select("mark")] == ["outside the old Corn Exchange"]
    assert snippet.get_text().startswith("… ")


def test_a_quoted_phrase_finds_only_that_phrase(client, reports):
    _response, soup = search(client, q='"discharge lounge"')
    assert titles(soup) == ["Leaving hospital"]
    _response, soup = search(client, q='"lounge discharge"')
    assert titles(soup) == []


# Filters, facets, sorting, pages


def test_each_filter_narrows_the_results(client, reports, trust):
    cases = {
        "type": ("report", {"Leaving hospital", "Ward food", "Home care visits",
                            "Joint discharge planning"}),
        "topic": ("hospital-discharge", {"Leaving hospital", "Joint discharge planning"}),
        "organisation": (trust.name, {"Leaving hospital", "Ward food", "Joint discharge planning"}),
        "year": ("2025", {"Leaving hospital", "Home care visits"}),
        "sector": ("social_care", {"Home care visits"}),
    }  # fmt: skip
    for name, (value, expected) in cases.items():
        _response, soup = search(client, **{name: value})
        assert set(titles(soup)) == expected, name


def test_filters_combine_with_each_other_and_with_the_words(client, reports, trust):
    _response, soup = search(client, organisation=trust.name, topic="hospital-discharge")
    assert set(titles(soup)) == {"Leaving hospital", "Joint discharge planning"}
    _response, soup = search(
        client, q="discharge", organisation=trust.name, topic="hospital-discharge", year="2023"
    )
    assert titles(soup) == ["Joint discharge planning"]


def test_every_facet_count_is_the_number_of_results_its_link_gives(client, reports):
    _response, soup = search(client, q="discharge")
    links = soup.select(".facet__values a")
    assert len(links) >= 8
    for link in links:
        count = int(re.search(r"\((\d+)\)", link.get_text()).group(1))
        _response, after = search(client, url="/search/" + link["href"])
        assert total(after) == count, link["href"]


def test_a_chosen_filter_is_shown_with_a_link_that_removes_it(client, reports):
    _response, soup = search(client, q="discharge", year="2023")
    applied = soup.select(".applied-filters li a")
    assert [a.get_text(" ", strip=True).split(" ×")[0] for a in applied] == ["Year: 2023"]
    _response, after = search(client, url="/search/" + applied[0]["href"])
    assert total(after) == 2


def test_an_empty_search_with_a_filter_lists_everything_that_matches_it_newest_first(
    client, reports
):
    _response, soup = search(client, topic="carers")
    assert titles(soup) == ["Home care visits", "Leaving hospital"]


def test_a_search_with_no_words_and_no_filters_shows_only_the_form(client, reports):
    _response, soup = search(client)
    assert soup.select_one("#search-query") is not None
    assert soup.select(".search-result") == []
    assert soup.select_one("#results-heading") is None


def test_newest_first_sorts_by_date(client, reports):
    _response, soup = search(client, q="discharge", sort="newest")
    assert titles(soup) == ["Leaving hospital", "Joint discharge planning"]


def test_results_come_in_pages_of_twenty_with_bookmarkable_links(client, report_index):
    for n in range(25):
        report(report_index, f"Survey {n}", topics=["Surveys"], report_date=D(2025, 1, 1 + n))
    _response, soup = search(client, q="survey", topic="surveys")
    assert total(soup) == 25 and len(titles(soup)) == 20
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    _response, second = search(client, url="/search/" + next_link)
    assert len(titles(second)) == 5
    assert not set(titles(second)) & set(titles(soup))
    assert "topic=surveys" in next_link and "q=survey" in next_link


def test_a_page_number_past_the_last_shows_the_last_page_and_one_that_is_no_number_the_first(
    client, report_index
):
    for n in range(25):
        report(report_index, f"Survey {n}", topics=["Surveys"], report_date=D(2025, 1, 1 + n))
    _response, first = search(client, q="survey")
    _response, second = search(client, q="survey", page="2")
    _response, past = search(client, q="survey", page="9")
    _response, nonsense = search(client, q="survey", page="x")
    assert len(titles(second)) == 5 and titles(past) == titles(second)
    assert titles(nonsense) == titles(first) and len(titles(first)) == 20


def test_the_pages_of_results_link_the_ends_and_the_pages_near_the_current_one_only():
    from django.core.paginator import Paginator

    from linksite.templatetags.linksite_tags import page_numbers

    paginator = Paginator(range(10_000), 20)
    assert page_numbers(paginator.page(1)) == [1, 2, 3, None, 500]
    assert page_numbers(paginator.page(250)) == [1, None, 248, 249, 250, 251, 252, None, 500]
    assert page_numbers(Paginator(range(100), 20).page(3)) == [1, 2, 3, 4, 5]


def test_the_results_page_costs_the_same_queries_for_three_results_or_twenty(
    client, report_index, trust
):
    def queries_for(word, count):
        for n in range(count):
            report(report_index, f"{word} {n}", topics=[word], sent_to=[trust])
        client.get("/search/", {"q": word})  # warm the site root paths cache
        with CaptureQueriesContext(connection) as queries:
            _response, soup = search(client, q=word)
        assert len(titles(soup)) == count
        return len(queries)

    assert queries_for("Dentists", 3) == queries_for("Pharmacies", 20)


def test_nothing_found_suggests_a_spelling_and_fewer_filters(client, reports):
    _response, soup = search(client, q="dischrge", year="2024")
    assert total(soup) == 0
    suggestion = soup.select_one(".no-results__suggestion a")
    assert suggestion.get_text() == "discharge"
    assert "remove some of the filters" in soup.select_one(".no-results").get_text()


def test_a_name_only_typed_in_the_admin_is_never_suggested(client, reports):
    from .factories import OrganisationFactory

    OrganisationFactory(name="Quernmoor Private Clinic")  # no live page is about it
    _response, soup = search(client, q="quernmor")
    assert total(soup) == 0
    assert soup.select_one(".no-results__suggestion a") is None


# Only what is public


def test_a_draft_is_never_found(client, reports):
    page = reports["wards"]
    page.title = "Ward food and zebras"
    page.save_revision()  # a draft change, not published
    _response, soup = search(client, q="zebras")
    assert titles(soup) == []
    assert SearchEntry.objects.get(page=page).title == "Ward food"


def test_a_page_never_published_is_never_found(client, report_index):
    page = ReportPageFactory(parent=report_index, title="Unpublished quokka", live=False)
    page.save_revision()
    record(page.pk)
    _response, soup = search(client, q="quokka")
    assert titles(soup) == []


def test_publishing_adds_a_page_and_unpublishing_takes_it_out(client, report_index):
    page = ReportPageFactory(parent=report_index, title="Wombat survey", live=False)
    page.save_revision().publish()
    assert titles(search(client, q="wombat")[1]) == ["Wombat survey"]
    page.refresh_from_db()
    page.unpublish()
    assert not SearchEntry.objects.filter(page=page).exists()
    assert titles(search(client, q="wombat")[1]) == []


def test_a_deleted_page_leaves_neither_an_entry_nor_a_result(client, reports):
    page = reports["discharge"]
    page.delete()
    assert not SearchEntry.objects.filter(title="Leaving hospital").exists()
    assert titles(search(client, q="lounge")[1]) == []


def test_moving_a_page_under_a_view_restriction_takes_it_out(client, reports, home):
    private = StandardPageFactory(parent=home, title="Members only", slug="members")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    reports["discharge"].move(private, pos="last-child")
    assert not SearchEntry.objects.filter(page=reports["discharge"]).exists()


def test_a_page_under_a_view_restriction_is_not_found_until_the_restriction_goes(
    client, reports, report_index
):
    restriction = PageViewRestriction.objects.create(
        page=report_index, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert titles(search(client, q="lounge")[1]) == []
    restriction.delete()
    assert titles(search(client, q="lounge")[1]) == ["Leaving hospital"]


def test_an_entry_left_behind_for_a_restricted_page_is_still_not_shown(client, reports):
    # Even if the entries were stale, the search only offers live, public pages.
    PageViewRestriction.objects.bulk_create(  # bulk_create sends no signal
        [PageViewRestriction(page=reports["discharge"], restriction_type="password", password="x")]
    )
    assert SearchEntry.objects.filter(page=reports["discharge"]).exists()
    assert titles(search(client, q="lounge")[1]) == []


def test_vetting_records_are_never_found(client, representative, enter_and_view):
    from decisions.models import VettingRecord

    VettingRecord.objects.filter(person=representative).update(notes="certificate 00123456789")
    rebuild_entries()
    _response, soup = search(client, q="00123456789")
    assert titles(soup) == []
    assert "00123456789" not in "".join(SearchEntry.objects.values_list("text", flat=True))


# Languages and rebuilding


def test_update_index_rebuilds_every_entry(client, reports):
    SearchEntry.objects.all().delete()
    assert titles(search(client, q="lounge")[1]) == []
    out = io.StringIO()
    call_command("update_index", stdout=out)
    assert SearchEntry.objects.count() == 4
    assert titles(search(client, q="lounge")[1]) == ["Leaving hospital"]
    assert "Site search: 4 of 4 pages recorded" in out.getvalue()  # the count as it goes


def test_the_search_box_is_on_every_page(client, reports):
    response = client.get(reports["discharge"].url)
    form = BeautifulSoup(response.content, "html.parser").select_one("form.site-search")
    assert form["action"] == "/search/" and form.select_one("input[name=q]")


def test_a_search_in_urdu_finds_urdu_pages_only(client, reports):
    from wagtail.models import Locale

    urdu = Locale.objects.create(language_code="ur")
    english = reports["wards"]
    translated = english.copy_for_translation(urdu, copy_parents=True)
    translated.title = "وارڈ کا کھانا"
    translated.summary = "وارڈز میں کھانا۔"
    translated.save_revision().publish()
    _response, soup = search(client, url="/ur/search/", q="کھانا")
    assert titles(soup) == ["وارڈ کا کھانا"]
    assert titles(search(client, url="/ur/search/", q="meals")[1]) == []
    assert titles(search(client, q="meals")[1]) == ["Ward food"]


def test_organisation_filter_from_another_search_type(client, home, decision_log, trust):
    decision = DecisionPageFactory(
        parent=decision_log, title="Ask the trust about parking", decided_on=D(2024, 5, 1),
        kind=DecisionKind.INFORMATION_REQUEST, organisations=[trust],
    )  # fmt: skip
    other = OrganisationFactory(name="Somewhere Else")
    record(decision.pk)
    assert titles(search(client, q="parking", organisation=trust.name)[1]) == [decision.title]
    assert titles(search(client, q="parking", organisation=other.name)[1]) == []


def urdu_translation(page, title, summary):
    from wagtail.models import Locale

    urdu, _created = Locale.objects.get_or_create(language_code="ur")
    translated = page.copy_for_translation(urdu, copy_parents=True)
    translated.title = title
    translated.summary = summary
    translated.save_revision().publish()
    return translated


def test_a_search_in_urdu_also_finds_pages_not_yet_translated_after_the_urdu_ones(client, reports):
    urdu_translation(reports["discharge"], "ہسپتال سے گھر (hospital)", "دوائیں دیر سے ملیں۔")
    _response, soup = search(client, url="/ur/search/", q="hospital")
    # The Urdu page first; then the English page no one has translated yet, but not the
    # English original of the Urdu page.
    found = titles(soup)
    assert found[0] == "ہسپتال سے گھر (hospital)"
    assert set(found[1:]) == {"Joint discharge planning", "Ward food"}  # its topic: hospital food
    own, other = soup.select(".search-result")[:2]
    assert own.select_one(".search-result__language") is None
    assert not own.select_one(".search-result__title").has_attr("lang")
    for part in (".search-result__title", ".search-result__snippet"):
        assert other.select_one(part)["lang"] == "en"
        assert other.select_one(part)["dir"] == "ltr"
    assert other.select_one(".search-result__language").get_text() == "انگریزی میں"


def test_a_page_only_in_urdu_is_found_by_a_search_in_english_marked_as_urdu(client, reports):
    translated = urdu_translation(reports["wards"], "وارڈ کا کھانا (wards)", "وارڈز میں کھانا۔")
    only_urdu = ReportPageFactory(
        parent=translated.get_parent(), title="وارڈ کی صفائی (wards)", locale=translated.locale
    )
    record(only_urdu.pk)
    _response, soup = search(client, q="wards")
    assert titles(soup) == ["Ward food", "وارڈ کی صفائی (wards)"]
    other = soup.select(".search-result")[1]
    assert other.select_one(".search-result__title")["lang"] == "ur"
    assert other.select_one(".search-result__title")["dir"] == "rtl"
    assert other.select_one(".search-result__language").get_text() == "In Urdu"


def test_a_search_that_finds_nothing_takes_its_suggestions_from_the_kept_vocabulary(
    client, reports, report_index
):
    search(client, q="dischrge")  # gathers this edition's vocabulary
    with CaptureQueriesContext(connection) as queries:
        _response, soup = search(client, q="dischrge")
    assert soup.select_one(".no-results__suggestion a").get_text() == "discharge"
    assert not [q for q in queries if '"search_searchentry"."summary"' in q["sql"]]
    # Publishing starts a new edition: the new page's words are suggested at once.
    page = ReportPageFactory(parent=report_index, title="Zucchini harvest", live=False)
    page.save_revision().publish()
    _response, soup = search(client, q="zuchini")
    assert soup.select_one(".no-results__suggestion a").get_text() == "zucchini"
