"""The open data files rebuilt soon after what they hold changes: a page published, taken down
(unpublished, or deleted), moved, or put behind a view restriction or out from under one, or
an organisation renamed. A page taken down leaves the downloads within a turn of the worker,
not at the next nightly build.

A change asks for a rebuild (`request_rebuild`): once its transaction has committed, one task
is enqueued (Django's tasks API, on the "mail" backend the worker runs, as search/tasks.py's
are), carrying when it was asked for. The task builds only if no build has begun since then,
so a burst of changes (a take-down with its replies, the demo's hundreds of pages) costs one
build; a transaction asks once however many pages it changes, and publishing costs no query
more.
"""

import datetime
import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from linksite.models import Organisation

from .downloads import build_open_data
from .models import OpenDataFile

logger = logging.getLogger(__name__)


@task(backend="mail")
def rebuild_open_data(requested_at):
    """Rebuild the files, unless a build has begun since `requested_at` (ISO 8601)."""
    asked = datetime.datetime.fromisoformat(requested_at)
    if OpenDataFile.objects.filter(built_at__gte=asked).exists():
        return 0
    return build_open_data(out=logger.info)


def enqueue_rebuild():
    rebuild_open_data.enqueue(timezone.now().isoformat())


def request_rebuild(**kwargs):
    """Enqueue a rebuild once the current transaction has committed (at once outside one)."""
    transaction.on_commit(enqueue_rebuild, robust=True)


def organisation_saved(sender, instance, created, **kwargs):
    if not created:  # a new organisation is in no record until a page names it
        request_rebuild()


def connect():
    uid = "opendata_rebuild"
    page_published.connect(request_rebuild, dispatch_uid=f"{uid}_published")
    page_unpublished.connect(request_rebuild, dispatch_uid=f"{uid}_unpublished")
    post_page_move.connect(request_rebuild, dispatch_uid=f"{uid}_moved")
    post_delete.connect(request_rebuild, sender=Page, dispatch_uid=f"{uid}_deleted")
    post_save.connect(request_rebuild, sender=PageViewRestriction, dispatch_uid=f"{uid}_private")
    post_delete.connect(request_rebuild, sender=PageViewRestriction, dispatch_uid=f"{uid}_public")
    post_save.connect(organisation_saved, sender=Organisation, dispatch_uid=f"{uid}_organisation")
