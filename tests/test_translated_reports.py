"""A translated report tells the same facts as its original: who replied, when, and what
became of each recommendation."""

import datetime

import pytest
from wagtail.models import Locale

from publications.models import RecommendationOutcome

from .factories import reply_to, sent_report

pytestmark = pytest.mark.django_db


def translate(page, locale):
    translation = page.copy_for_translation(locale)
    translation.save_revision().publish()
    return translation


def test_a_translated_report_shows_the_originals_reply_status_and_outcomes(
    client, home, report_index, trust
):
    report = sent_report(report_index, [trust], datetime.date(2025, 12, 5), recommendations=1)
    reply_to(
        report, trust, datetime.date(2025, 12, 12), {1: RecommendationOutcome.Outcome.ACCEPTED}
    )
    urdu = Locale.objects.get_or_create(language_code="ur")[0]
    translate(home, urdu)
    translate(report_index, urdu)
    translated = translate(report, urdu)

    context = client.get(translated.url).context
    [recipient] = context["owed"]
    assert recipient.reply_status().state == "on_time"
    [row] = context["recommendation_rows"]
    assert row.outcome is not None
    assert row.outcome.outcome == RecommendationOutcome.Outcome.ACCEPTED
