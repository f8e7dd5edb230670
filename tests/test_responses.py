"""Replies to reports: what the editor refuses, and what the public sees."""

import datetime

import pytest
from django.utils import timezone

from publications.models import RecommendationOutcome, ResponsePage

from .admin_forms import as_user, edit_url
from .factories import reply_to, sent_report
from .publications_forms import add_response_url, queries_to_get, response_form_data

pytestmark = pytest.mark.django_db

D = datetime.date
Outcome = RecommendationOutcome.Outcome


@pytest.fixture
def report(report_index, trust, council):
    """Sent to the trust on 5 December 2025 and to the council on 8 December; recommendations
    1 and 3 are addressed to the trust, 2 to the council."""
    report = sent_report(report_index, [trust, council], D(2025, 12, 5), recommendations=3)
    council_copy = report.recipients.get(organisation=council)
    council_copy.sent_on = D(2025, 12, 8)
    council_copy.save()
    return report


def recommendation(report, number):
    return report.recommendations.get(number=number)


def post_reply(client, people, report, *args, **kwargs):
    as_user(client, people["editor"])
    return client.post(add_response_url(report), response_form_data(*args, **kwargs))


def assert_refused(response, message):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ResponsePage.objects.exists()
    assert not RecommendationOutcome.objects.exists()


def test_a_valid_reply_is_saved_with_its_outcomes(client, people, report, trust):
    response = post_reply(
        client,
        people,
        report,
        trust,
        "2026-01-06",
        outcomes=[
            (recommendation(report, 1), "accepted", "We agree."),
            (recommendation(report, 3), "not_accepted", "We cannot afford it."),
        ],
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    reply = ResponsePage.objects.get()
    assert reply.get_parent().pk == report.pk and not reply.live
    assert sorted(o.outcome for o in reply.outcomes.all()) == ["accepted", "not_accepted"]


def test_a_reply_dated_before_the_report_was_sent_to_that_organisation_is_refused(
    client, people, report, council
):
    # Sent to the trust on 5 December but to the council only on 8 December.
    response = post_reply(client, people, report, council, "2025-12-06")
    assert_refused(
        response,
        "The report was sent to Testshire Council Adult Social Care on 8 December 2025: a reply "
        "cannot be dated before that.",
    )


def test_a_reply_from_an_organisation_the_report_was_not_sent_to_is_refused(
    client, people, report, agency
):
    response = post_reply(client, people, report, agency, "2026-01-06")
    assert_refused(
        response,
        "The report was not sent to Testshire Home Care Agency, so it cannot have replied. It was "
        "sent to: Testshire Council Adult Social Care, Testshire Hospitals NHS Trust.",
    )


def test_a_reply_dated_in_the_future_is_refused(client, people, report, trust):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post_reply(client, people, report, trust, tomorrow.isoformat())
    assert_refused(response, "is in the future (today is")


def test_a_second_reply_from_the_same_organisation_is_refused(client, people, report, trust):
    reply_to(report, trust, D(2026, 1, 6), title="First reply")
    response = post_reply(client, people, report, trust, "2026-01-09", slug="second")
    assert response.status_code == 200
    assert "A reply from Testshire Hospitals NHS Trust to this report is already recorded" in (
        response.content.decode()
    )
    assert list(ResponsePage.objects.values_list("title", flat=True)) == ["First reply"]


def test_an_outcome_for_a_recommendation_addressed_to_another_organisation_is_refused(
    client, people, report, trust
):
    response = post_reply(
        client,
        people,
        report,
        trust,
        "2026-01-06",
        outcomes=[(recommendation(report, 2), "accepted", "")],
    )
    assert_refused(
        response,
        "Recommendation 2 is addressed to Testshire Council Adult Social Care, not to Testshire "
        "Hospitals NHS Trust.",
    )


def test_two_outcomes_for_the_same_recommendation_are_refused(client, people, report, trust):
    response = post_reply(
        client,
        people,
        report,
        trust,
        "2026-01-06",
        outcomes=[
            (recommendation(report, 1), "accepted", ""),
            (recommendation(report, 1), "not_accepted", ""),
        ],
    )
    assert_refused(response, "Recommendation 1 already has an outcome in this reply.")


def test_an_outcome_can_only_answer_a_recommendation_of_this_report(
    client, people, report, report_index, trust
):
    other = sent_report(report_index, [trust], D(2025, 12, 5))
    response = post_reply(
        client,
        people,
        report,
        trust,
        "2026-01-06",
        outcomes=[(recommendation(other, 1), "accepted", "")],
    )
    assert_refused(response, "Select a valid choice.")
    editor_page = client.get(add_response_url(report)).content.decode()
    assert f'<option value="{recommendation(report, 1).pk}">' in editor_page
    assert f'<option value="{recommendation(other, 1).pk}">' not in editor_page


def test_editing_a_reply_keeps_the_same_checks(client, people, report, trust):
    reply = reply_to(report, trust, D(2026, 1, 6), slug="reply")
    as_user(client, people["editor"])
    response = client.post(edit_url(reply), response_form_data(trust, "2025-12-01"))
    assert response.status_code == 200
    assert "a reply cannot be dated before that" in response.content.decode()
    reply.refresh_from_db()
    assert reply.received_on == D(2026, 1, 6) and reply.get_latest_revision() is None


# What the public sees


def test_the_reply_page_says_whether_it_came_on_time_and_answers_each_recommendation(
    client, report, trust
):
    reply = reply_to(
        report,
        trust,
        D(2026, 1, 7),
        outcomes={1: (Outcome.PARTLY_ACCEPTED, "Only on weekdays.")},
    )
    html = client.get(reply.url).content.decode()
    assert "Replied late (1 working day)" in html
    assert "6 January 2026" in html  # the due date
    sections = html.split('class="recommendation"')[1:]
    assert len(sections) == 2  # recommendations 1 and 3 are the trust's
    assert "Partly accepted" in sections[0] and "Only on weekdays." in sections[0]
    assert "Not answered" in sections[1]


def test_a_reply_concerns_its_sender_and_everyone_the_report_it_answers_concerns(report, trust):
    reply = reply_to(report, trust, D(2026, 1, 6))
    expected = {trust, *report.concerned_organisations()}
    assert len(expected) > 1  # the report went to more than the trust
    assert set(reply.concerned_organisations()) == expected
    assert set(reply.get_latest_revision_as_object().concerned_organisations()) == expected


def test_the_replies_list_shows_live_replies_newest_first_with_their_status(
    client, report, trust, council
):
    reply_to(report, trust, D(2026, 1, 6), title="From the trust")
    reply_to(report, council, D(2026, 1, 20), title="From the council")
    html = client.get("/reports/replies/").content.decode()
    assert html.index("Testshire Council Adult Social Care") < html.index(
        "Testshire Hospitals NHS Trust"
    )
    assert "Replied on time" in html and "Replied late (9 working days)" in html


def test_draft_and_private_replies_are_not_in_the_replies_list(client, report, trust, council):
    from wagtail.models import PageViewRestriction

    reply_to(report, trust, D(2026, 1, 6), title="Draft", live=False)
    private = reply_to(report, council, D(2026, 1, 7), title="Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    html = client.get("/reports/replies/").content.decode()
    assert "No replies have been published yet." in html


def test_the_replies_list_runs_the_same_number_of_queries_for_5_and_50_replies(
    client, report_index, trust, council
):
    def add_replies(count):
        for _ in range(count):
            report = sent_report(report_index, [trust, council], D(2026, 3, 2), recommendations=2)
            reply_to(report, trust, D(2026, 3, 9), outcomes={1: Outcome.ACCEPTED})

    add_replies(5)
    with_5 = queries_to_get(client, "/reports/replies/")
    add_replies(45)
    assert queries_to_get(client, "/reports/replies/") == with_5


# The replies a report page and the report list show are kept for the edition of the site
# (publications.replies.replies_of_the_edition): each change they show is seen at once.


def replies_section(html):
    return html.split("Replies received")[1] if "Replies received" in html else ""


def test_a_reply_is_on_its_report_and_the_list_once_published_and_gone_once_taken_down(
    client, report, trust
):
    assert client.get(report.url).status_code == 200  # the edition's replies: none yet
    assert client.get("/reports/").status_code == 200
    reply = reply_to(report, trust, D(2026, 1, 6), title="Answer from the trust", live=False)
    reply.save_revision().publish()
    assert "Answer from the trust" in client.get(report.url).content.decode()
    assert "Replied on time" in client.get("/reports/").content.decode()
    reply.refresh_from_db()
    reply.unpublish()
    assert "Answer from the trust" not in client.get(report.url).content.decode()
    assert "Replied on time" not in client.get("/reports/").content.decode()


def test_renaming_an_organisation_is_on_the_report_page_at_once(client, report, trust):
    reply_to(report, trust, D(2026, 1, 6), title="Answer from the trust")
    assert trust.name in client.get(report.url).content.decode()
    old_name, trust.name = trust.name, "Testshire Hospitals NHS Foundation Trust"
    trust.save()
    html = client.get(report.url).content.decode()
    assert trust.name in html and old_name not in html
