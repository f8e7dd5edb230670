"""Posting the admin's add and edit forms for publications' page types, as a browser would."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from .admin_forms import add_url, link_page_formsets


def report_form_data(
    title="Hospital food", slug="hospital-food", recipients=(), recommendations=(), **extra
):
    """`recipients`: [(organisation, "2026-11-02", 20)]; `recommendations`: [(number,
    organisation, text)]; each may be a dict of raw fields for an existing row instead."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "What people told us about hospital food.",
            "report_date": "2026-11-02",
            "kind": "engagement",
            "care_sector": "health",
            "report_document": "",
            "topics": "food, hospitals",
            "body": streamfield([("paragraph", rich_text("<p>We listened.</p>"))]),
            "recipients": inline_formset(
                [
                    row
                    if isinstance(row, dict)
                    else {"organisation": row[0].pk, "sent_on": row[1], "reply_within": row[2]}
                    for row in recipients
                ],
                initial=sum(1 for row in recipients if isinstance(row, dict) and row.get("id")),
            ),
            "recommendations": inline_formset(
                [
                    row
                    if isinstance(row, dict)
                    else {"number": row[0], "organisation": row[1].pk, "text": row[2]}
                    for row in recommendations
                ],
                initial=sum(
                    1 for row in recommendations if isinstance(row, dict) and row.get("id")
                ),
            ),
            **link_page_formsets(),
        }
    )
    data.update(extra)
    return data


def response_form_data(
    organisation, received_on, outcomes=(), title="Their reply", slug="reply", **extra
):
    """`outcomes`: [(recommendation, "accepted", "explanation")]."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "organisation": organisation.pk,
            "received_on": received_on,
            "letter": "",
            "summary": "They replied.",
            "outcomes": inline_formset(
                [
                    {
                        "recommendation": recommendation.pk,
                        "outcome": outcome,
                        "explanation": explanation,
                        "commitment": "",
                        "commitment_by": "",
                    }
                    for recommendation, outcome, explanation in outcomes
                ]
            ),
            **link_page_formsets(),
        }
    )
    data.update(extra)
    return data


def add_report_url(index):
    return add_url(index, model="reportpage", app="publications")


def add_response_url(report):
    return add_url(report, model="responsepage", app="publications")


def errors_in(response):
    """The admin's error messages, as plain text."""
    return response.content.decode()


def queries_to_get(client, url):
    """How many queries serving `url` takes once caches are warm."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body(response)  # a streamed response queries as it is read
    assert response.status_code == 200
    return len(captured.captured_queries)


def body(response):
    """The whole body of a response, streamed or not, as text."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()
