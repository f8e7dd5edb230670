"""The weekly digest of alerts: a daily job of `manage.py send_reminders` (linksite/daily.py).

A subscriber with a weekly subscription is due a digest `DIGEST_DAYS` after their last one
(the first, that long after they confirmed). The digest is one mail listing every live,
public page that went live since then and matches one of their weekly subscriptions, each
page once however many subscriptions match, in the language of their first weekly
subscription, with the same one-click unsubscribe and manage links as an immediate alert.

Never twice: each page listed is recorded as `AlertSent` (unique per subscriber and page), and
the subscriber's `last_digest_at` is written, in the same transaction as the mail is queued;
a page already alerted about (at once, or in an earlier digest) is not listed again. So a
second run on one day, or a run after a crash, sends nothing already sent. A page matching
one of the subscriber's immediate subscriptions is never in their digest: it had its own
mail. A page taken down before the digest is made is not listed (only live, public pages are).

The window reaches `OVERLAP` back before the last digest, so that a page whose publishing
was still being committed while the last digest was made is not missed; what the last digest
listed is recorded, so the overlap lists nothing twice.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from linksite.mail import queue_many
from linksite.visibility import public

from .models import DIGEST_DAYS, AlertSent, Frequency, Subscriber
from .scopes import scopes_of
from .sending import links_for, unsubscribe_headers

logger = logging.getLogger(__name__)

OVERLAP = datetime.timedelta(hours=1)
CHUNK = 500


def due_subscribers(now):
    """Confirmed subscribers with a weekly subscription whose digest is due, by id."""
    cutoff = now - datetime.timedelta(days=DIGEST_DAYS)
    return (
        Subscriber.objects.filter(
            confirmed_at__isnull=False, subscriptions__frequency=Frequency.WEEKLY
        )
        .annotate(since=Coalesce(F("last_digest_at"), F("confirmed_at")))
        .filter(since__lte=cutoff)
        .distinct()
        .order_by("pk")
    )


def window_start(subscriber, subscription):
    """Pages that went live after this count for this weekly subscription: not before it
    was made, nor before the address was confirmed, nor (less the overlap) its last digest."""
    starts = [subscription.created_at, subscriber.confirmed_at]
    if subscriber.last_digest_at:
        starts.append(subscriber.last_digest_at - OVERLAP)
    return max(starts)


class Candidates:
    """The live, public pages that went live since a time, each with its scopes; a page's
    scopes are worked out once per run however many subscribers it is listed for."""

    def __init__(self):
        self.scopes = {}
        self.pages = {}
        self.urls = {}

    def url(self, page, language):
        key = (page.pk, language)
        if key not in self.urls:
            with translation.override(language):
                self.urls[key] = page.full_url
        return self.urls[key]

    def since(self, start):
        from wagtail.models import Page

        found = (
            public(Page.objects.live())
            .filter(last_published_at__gt=start)
            .select_related("locale")
            .order_by("last_published_at", "pk")
        )
        pages = []
        for page in found:
            if page.pk not in self.scopes:
                self.pages[page.pk] = page.specific
                self.scopes[page.pk] = scopes_of(self.pages[page.pk])
            if self.scopes[page.pk]:
                pages.append(self.pages[page.pk])
        return pages


def pages_for(subscriber, candidates, scopes, alerted):
    """The pages to list in this subscriber's digest, and the language to write it in."""
    subscriptions = sorted(subscriber.subscriptions.all(), key=lambda s: (s.created_at, s.pk))
    weekly = [s for s in subscriptions if s.frequency == Frequency.WEEKLY]
    immediate = {s.scope for s in subscriptions if s.frequency == Frequency.IMMEDIATE}
    starts = {s.scope: window_start(subscriber, s) for s in weekly}
    chosen = []
    for page in candidates:
        if page.pk in alerted or scopes[page.pk] & immediate:
            continue  # listed or mailed before; or mailed at once by an immediate subscription
        if any(page.last_published_at > starts[s] for s in scopes[page.pk] if s in starts):
            chosen.append(page)
    language = (weekly[0].language if weekly else "") or subscriber.language
    return one_version_each(chosen, language), chosen, language


def one_version_each(pages, language):
    """A page and its translations are listed once: in the subscriber's language when that
    version is among them, else the first to go live."""
    by_key = {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)
    listed = []
    for versions in by_key.values():
        mine = [p for p in versions if p.locale.language_code == language]
        listed.append((mine or versions)[0])
    return sorted(listed, key=lambda p: (p.last_published_at, p.pk))


def digest_message(subscriber, pages, language, found):
    manage, unsubscribe = links_for(subscriber, language)
    with translation.override(language):
        context = {
            "pages": [{"title": page.title, "url": found.url(page, language)} for page in pages],
            "manage": manage,
            "unsub": unsubscribe,
        }
        subject = ngettext(
            "This week on the LINk's site: %(count)d new page",
            "This week on the LINk's site: %(count)d new pages",
            len(pages),
        ) % {"count": len(pages)}
        body = render_to_string("alerts/mail/digest.txt", context)
    return {
        "to": subscriber.email,
        "subject": subject,
        "body": body,
        "headers": unsubscribe_headers(unsubscribe),
        "kind": "alert.digest",
    }


def send_weekly_digests(today=None, out=None, now=None):
    """Queue the digests that are due; returns how many were sent. Safe to run again."""
    now = now or timezone.now()
    due_ids = list(due_subscribers(now).values_list("pk", flat=True))
    found = Candidates()
    counts = {"due": len(due_ids), "done": 0, "sent": 0, "pages": 0, "nothing_new": 0}
    for start in range(0, len(due_ids), CHUNK):
        _digest_chunk(due_ids[start : start + CHUNK], now, found, counts)
        if len(due_ids) > CHUNK:
            progress(out, counts)
    summary = (
        f"Weekly alert digests: {counts['sent']} sent, listing {counts['pages']} page(s); "
        f"{counts['nothing_new']} subscriber(s) due had nothing new; "
        f"{counts['done']} of {counts['due']} due done"
    )
    logger.info(summary)
    if out:
        out(summary)
    return counts["sent"]


def progress(out, counts):
    line = f"Weekly alert digests: {counts['done']} of {counts['due']} due subscribers done"
    logger.info(line)
    if out:
        out(line)


def _digest_chunk(ids, now, found, counts):
    """One transaction: the chunk's digests queued, what they list recorded, and their
    `last_digest_at` written; all or nothing."""
    # Asked again: a run at the same time may have done some of them since the list was made.
    subscribers = list(due_subscribers(now).filter(pk__in=ids).prefetch_related("subscriptions"))
    starts = [
        window_start(subscriber, subscription)
        for subscriber in subscribers
        for subscription in subscriber.subscriptions.all()
        if subscription.frequency == Frequency.WEEKLY
    ]
    if not starts:
        return
    candidates = found.since(min(starts))
    alerted = {}
    for subscriber_id, page_id in AlertSent.objects.filter(
        subscriber_id__in=ids, page_id__in=[p.pk for p in candidates]
    ).values_list("subscriber_id", "page_id"):
        alerted.setdefault(subscriber_id, set()).add(page_id)
    messages, records, listed_pages = [], [], 0
    for subscriber in subscribers:
        listed, covered, language = pages_for(
            subscriber, candidates, found.scopes, alerted.get(subscriber.pk, set())
        )
        if listed:
            messages.append(digest_message(subscriber, listed, language, found))
            records += [AlertSent(subscriber=subscriber, page_id=page.pk) for page in covered]
            listed_pages += len(listed)
    try:
        with transaction.atomic():
            AlertSent.objects.bulk_create(records, batch_size=1000)
            queue_many(messages)
            Subscriber.objects.filter(pk__in=[s.pk for s in subscribers]).update(last_digest_at=now)
    except IntegrityError:
        # Another run recorded some of these pages first: nothing of this chunk was queued,
        # and the next run makes the digests still due.
        logger.warning("Weekly alert digests: a chunk was left to the run that got there first")
        return
    counts["sent"] += len(messages)
    counts["pages"] += listed_pages
    counts["nothing_new"] += len(subscribers) - len(messages)
    counts["done"] += len(subscribers)
