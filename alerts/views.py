"""The public side of alerts: subscribe (double opt-in), confirm, manage, unsubscribe."""

from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from linksite.mail import queue_mail
from linksite.rate_limits import client_address, over_limit

from . import tokens
from .forms import FrequencyForm, SubscribeForm
from .models import Subscriber, Subscription
from .scopes import label_of
from .sending import site_url

PER_ADDRESS_PER_HOUR = 3
PER_CLIENT_PER_HOUR = 20


def subscribe(request):
    scope = request.POST.get("scope") or request.GET.get("scope", "")
    label = label_of(scope) if scope else None
    if label is None:
        return TemplateResponse(request, "alerts/not_found.html", status=404)
    form = SubscribeForm(request.POST or None, initial={"scope": scope, "frequency": "immediate"})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if over_limit("alerts-client", client_address(request), PER_CLIENT_PER_HOUR) or over_limit(
            "alerts-address", email, PER_ADDRESS_PER_HOUR
        ):
            return TemplateResponse(request, "alerts/too_many.html", {"label": label}, status=429)
        language = translation.get_language() or "en"
        frequency = form.cleaned_data["frequency"]
        with transaction.atomic():
            subscriber, _created = Subscriber.objects.get_or_create(
                email=email, defaults={"language": language}
            )
            subscription, created = Subscription.objects.get_or_create(
                subscriber=subscriber,
                scope=scope,
                defaults={"label": label, "language": language, "frequency": frequency},
            )
            if not created and not subscriber.confirmed and subscription.frequency != frequency:
                # Not yet confirmed: the latest choice is the one being confirmed. A confirmed
                # address's choices change only through its manage link (mailed to it below).
                subscription.frequency = frequency
                subscription.save(update_fields=["frequency"])
            if subscriber.confirmed:
                send_manage_link(subscriber, language)
            else:
                send_confirmation(subscriber, label, language)
        # The same answer whether or not the address was known: nothing is revealed.
        return redirect(reverse("alerts:check_email"))
    return TemplateResponse(request, "alerts/subscribe.html", {"form": form, "label": label})


def send_confirmation(subscriber, label, language):
    link = site_url(reverse("alerts:confirm", args=[tokens.confirm_token(subscriber)]))
    body = "\n\n".join(
        [
            _("Someone (we hope you) asked for emails from us about: %(label)s.")
            % {"label": label},
            _("To confirm, open this link within 7 days:") + "\n" + link,
            _(
                "If it was not you, ignore this mail: nothing will be sent and the address will be "
                "deleted after 7 days."
            ),
        ]
    )
    queue_mail(subscriber.email, _("Confirm your email alerts"), body + "\n", kind="alert.confirm")


def send_manage_link(subscriber, language):
    link = site_url(reverse("alerts:manage", args=[tokens.make("manage", subscriber)]))
    body = _("Your email alerts were updated. See or change them here:") + "\n" + link + "\n"
    queue_mail(subscriber.email, _("Your email alerts"), body, kind="alert.manage")


def check_email(request):
    return TemplateResponse(request, "alerts/check_email.html", {})


def subscriber_for(token, purpose="manage", confirm=False):
    found = tokens.read_confirm(token) if confirm else tokens.read(purpose, token)
    if found is None:
        return None, None
    pk, email, extra = found
    subscriber = Subscriber.objects.filter(pk=pk, email=email).first()
    return subscriber, extra


def confirm(request, token):
    subscriber, _extra = subscriber_for(token, confirm=True)
    if subscriber is None:
        return TemplateResponse(request, "alerts/bad_link.html", {}, status=400)
    if subscriber.confirmed:
        return TemplateResponse(request, "alerts/already_confirmed.html", {})
    subscriber.confirmed_at = timezone.now()
    subscriber.save(update_fields=["confirmed_at"])
    return redirect(reverse("alerts:manage", args=[tokens.make("manage", subscriber)]))


def manage(request, token):
    """An address's subscriptions: how often each sends (a form each), and stopping one."""
    subscriber, _extra = subscriber_for(token)
    if subscriber is None:
        return TemplateResponse(request, "alerts/bad_link.html", {}, status=400)
    subscriptions = list(subscriber.subscriptions.order_by("pk"))
    posted = None
    if request.method == "POST" and "frequency" in request.POST:
        posted = FrequencyForm(request.POST)
        if posted.is_valid():
            subscriber.subscriptions.filter(scope=posted.cleaned_data["scope"]).update(
                frequency=posted.cleaned_data["frequency"]
            )
            return redirect(request.path)
    elif request.method == "POST":
        scope = request.POST.get("scope", "")
        subscriber.subscriptions.filter(scope=scope).delete()
        if not subscriber.subscriptions.exists():
            subscriber.delete()
            return TemplateResponse(request, "alerts/unsubscribed.html", {})
        return redirect(request.path)
    rows = []
    for subscription in subscriptions:
        form = FrequencyForm(
            initial={"scope": subscription.scope, "frequency": subscription.frequency},
            auto_id=f"id_%s_{subscription.pk}",
        )
        if posted is not None and posted.data.get("scope") == subscription.scope:
            form = posted  # the one that was sent back with an error, showing it
            form.auto_id = f"id_%s_{subscription.pk}"
        rows.append((subscription, form))
    return TemplateResponse(
        request,
        "alerts/manage.html",
        {"subscriber": subscriber, "rows": rows},
        status=400 if posted is not None else 200,
    )


@csrf_exempt  # RFC 8058: the mail client posts "List-Unsubscribe=One-Click" without a form
def unsubscribe(request, token):
    subscriber, extra = subscriber_for(token)
    if request.method == "POST":
        if subscriber is None:
            return TemplateResponse(request, "alerts/bad_link.html", {}, status=400)
        subscriber.delete()  # the address and all its choices
        return TemplateResponse(request, "alerts/unsubscribed.html", {})
    if request.method != "GET":
        return HttpResponseBadRequest()
    if subscriber is None:
        # Used before (the address is gone), tampered with, or never valid: nothing changes.
        return TemplateResponse(request, "alerts/bad_link.html", {}, status=400)
    return TemplateResponse(request, "alerts/unsubscribe.html", {"subscriber": subscriber})
