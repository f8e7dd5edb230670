"""Connects the alerts to pages going live (only ever through the workflow), and their
daily jobs (forgetting unconfirmed addresses, the weekly digests) to `send_reminders`."""

from wagtail.signals import page_published

from linksite.daily import register_daily_job

from .digests import send_weekly_digests
from .models import delete_unconfirmed
from .sending import on_page_published

page_published.connect(on_page_published, dispatch_uid="alerts_page_published")


@register_daily_job
def forget_unconfirmed_addresses(today=None, out=None):
    deleted = delete_unconfirmed()
    if out:
        out(f"Unconfirmed alert addresses deleted: {deleted}")


register_daily_job(send_weekly_digests)
