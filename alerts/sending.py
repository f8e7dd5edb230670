"""Alerting subscribers when a page goes live: one background task per publication, one
mail per confirmed subscriber however many of their immediate subscriptions match, in the
language they subscribed in, with RFC 8058 one-click unsubscribe headers. Weekly
subscriptions get nothing now: their pages go in the weekly digest (alerts/digests.py)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from linksite.mail import queue_many
from linksite.visibility import public

from . import tokens
from .models import AlertSent, Frequency, Subscriber, Subscription
from .scopes import scopes_of


def site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def links_for(subscriber, language):
    with translation.override(language):
        manage = site_url(reverse("alerts:manage", args=[tokens.make("manage", subscriber)]))
        unsubscribe = site_url(
            reverse("alerts:unsubscribe", args=[tokens.make("manage", subscriber, "all")])
        )
    return manage, unsubscribe


def unsubscribe_headers(unsubscribe):
    """RFC 8058 one-click unsubscribe: the mail client posts to the link without a form."""
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def alert_message(subscriber, page, language):
    manage, unsubscribe = links_for(subscriber, language)
    with translation.override(language):
        context = {"page": page, "url": page.full_url, "manage": manage, "unsub": unsubscribe}
        subject = render_to_string("alerts/mail/alert_subject.txt", context).strip()
        body = render_to_string("alerts/mail/alert.txt", context)
    return {
        "to": subscriber.email,
        "subject": subject,
        "body": body,
        "headers": unsubscribe_headers(unsubscribe),
        "kind": "alert",
    }


@task(backend="mail")
def alert_subscribers(page_id):
    """Queue one mail to each confirmed subscriber with an immediate subscription the live
    page matches (once per page)."""
    from wagtail.models import Page

    page = public(Page.objects.live()).filter(pk=page_id).first()
    if page is None:
        return 0
    page = page.specific
    scopes = scopes_of(page)
    if not scopes:
        return 0
    for _attempt in range(3):
        try:
            return _alert_once(page, scopes)
        except IntegrityError:
            continue  # another run (or a weekly digest) recorded some of them first: ask again
    return 0


def _alert_once(page, scopes):
    already = AlertSent.objects.filter(page=page).values_list("subscriber_id", flat=True)
    matches = (
        Subscription.objects.filter(
            scope__in=scopes,
            frequency=Frequency.IMMEDIATE,
            subscriber__confirmed_at__isnull=False,
        )
        .exclude(subscriber_id__in=already)
        .select_related("subscriber")
        .order_by("subscriber_id", "created_at")
    )
    chosen = {}
    for subscription in matches.iterator():
        chosen.setdefault(subscription.subscriber_id, subscription)  # the first they made
    messages = []
    records = []
    for subscription in chosen.values():
        subscriber = subscription.subscriber
        language = subscription.language or subscriber.language
        messages.append(alert_message(subscriber, page, language))
        records.append(AlertSent(subscriber=subscriber, page=page))
    with transaction.atomic():
        AlertSent.objects.bulk_create(records, batch_size=1000)
        return queue_many(messages)


def on_page_published(sender, instance, revision=None, **kwargs):
    from linksite.mail import after_commit

    page_id = instance.pk
    if not Subscriber.objects.filter(confirmed_at__isnull=False).exists():
        return
    after_commit(lambda: alert_subscribers.enqueue(page_id))
