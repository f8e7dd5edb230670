"""Keeping experiences no longer than needed, and counting them as a report's evidence.

After the retention period (ExperienceSettings, 24 months by default) the words and contact
details of an experience are removed and only what it is counted by stays (when, where, its
topics and state). `manage.py remove_old_stories` does it, and so does the daily run
(`send_reminders`), so it happens even if no one remembers. A handler can delete one
experience on request (`delete_on_request`): the access log keeps that it happened, not what
it said; a story published from it is taken down at once.
"""

import datetime

from django.db import transaction
from wagtail.models import Site

from .records import Experience, ExperienceAccess, ExperienceSettings


def months_before(day, months):
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return datetime.date(year, month + 1, min(day.day, 28))


def retention_months():
    site = Site.objects.filter(is_default_site=True).first()
    return ExperienceSettings.for_site(site).retention_months if site else 24


def due_for_removal(today):
    cutoff = months_before(today, retention_months())
    return Experience.objects.filter(received_at__date__lt=cutoff, story_removed_on__isnull=True)


def remove_old_stories(today, out=None):
    """Remove the words and contact details of every experience past the retention period;
    returns how many. Idempotent."""
    due = list(due_for_removal(today).values_list("pk", flat=True))
    for done, pk in enumerate(due, start=1):
        with transaction.atomic():
            experience = Experience.objects.select_for_update().get(pk=pk)
            experience.remove_story(today)
            experience.save()
            ExperienceAccess.record(experience, None, ExperienceAccess.Action.STORY_REMOVED)
            for page in experience.story_pages.live():
                page.specific.unpublish()
        if out and (done % 100 == 0 or done == len(due)):
            out(f"Stories removed at the end of the retention period: {done} of {len(due)}")
    return len(due)


def daily_job(today, out):
    removed = remove_old_stories(today, out=out)
    out(f"Experiences past the retention period, stories removed: {removed}")


@transaction.atomic
def delete_on_request(experience, user):
    """Delete an experience because the person asked; the log keeps only its reference."""
    for page in experience.story_pages.live():
        page.specific.unpublish(user=user)
    ExperienceAccess.record(experience, user, ExperienceAccess.Action.DELETED)
    experience.delete()


def experiences_drawn_on(report):
    """How many experiences the handlers linked to a report, in any of its languages."""
    return (
        Experience.objects.filter(evidence_for__translation_key=report.translation_key)
        .distinct()
        .count()
    )
