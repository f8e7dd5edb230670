"""Alerting subscribers when a page goes live: one background task per publication, one
mail per confirmed subscriber however many of their subscriptions match, in the language
they subscribed in, with RFC 8058 one-click unsubscribe headers."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from linksite.mail import queue_many
from linksite.visibility import public

from . import tokens
from .models import AlertSent, Subscriber, Subscription
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
        "headers": {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        "kind": "alert",
    }


@task(backend="mail")
def alert_subscribers(page_id):
    """Queue one mail to each confirmed subscriber the live page matches (once per page)."""
    from wagtail.models import Page

    page = public(Page.objects.live()).filter(pk=page_id).first()
    if page is None:
        return 0
    page = page.specific
    scopes = scopes_of(page)
    if not scopes:
        return 0
    already = AlertSent.objects.filter(page=page).values_list("subscriber_id", flat=True)
    matches = (
        Subscription.objects.filter(scope__in=scopes, subscriber__confirmed_at__isnull=False)
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
    try:
        with transaction.atomic():
            AlertSent.objects.bulk_create(records, batch_size=1000)
            return queue_many(messages)
    except IntegrityError:
        return 0  # another run alerted them first


def on_page_published(sender, instance, revision=None, **kwargs):
    from linksite.mail import after_commit

    page_id = instance.pk
    if not Subscriber.objects.filter(confirmed_at__isnull=False).exists():
        return
    after_commit(lambda: alert_subscribers.enqueue(page_id))
