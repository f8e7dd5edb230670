"""Atom feeds of new reports and new replies, served by routes of the report index page."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from linksite.identity import site_identity

from .listings import live_replies_under
from .replies import recipients_prefetch, replies_with_reports, with_replies


class PageFeed(Feed):
    feed_type = Atom1Feed
    size = 20

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.link_name = str(site_identity(request).link_name)
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.index.get_full_url(self.request)

    def feed_url(self):
        return self.request.build_absolute_uri()

    def author_name(self):
        return self.link_name

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        # Atom requires an updated date; a page made live outside Wagtail's publish action
        # (an import, a fixture) has no publication times, but it always has its own date.
        return (
            item.last_published_at
            or item.first_published_at
            or timezone.make_aware(datetime.datetime.combine(item.listing_date(), datetime.time()))
        )


class ReportsFeed(PageFeed):
    def title(self):
        return _("%(name)s: reports") % {"name": self.link_name}

    def subtitle(self):
        return _("New reports and recommendations from %(name)s.") % {"name": self.link_name}

    def items(self):
        reports = self.index.live_reports().order_by("-first_published_at", "-pk")
        return with_replies(
            reports.prefetch_related(recipients_prefetch())[: self.size], with_outcomes=False
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        sent = "; ".join(
            f"{recipient.organisation.name}: {recipient.reply_status().label}"
            for recipient in item.owed
        )
        dated = date_format(item.report_date)
        return f"{item.summary} ({item.get_kind_display()}, {dated}.)" + (
            f" {_('Sent to')}: {sent}." if sent else ""
        )

    def item_categories(self, item):
        return [item.get_kind_display()]


class RepliesFeed(PageFeed):
    def title(self):
        return _("%(name)s: replies to our reports") % {"name": self.link_name}

    def subtitle(self):
        return _("Replies from commissioners and providers to reports by %(name)s.") % {
            "name": self.link_name
        }

    def items(self):
        replies = live_replies_under(self.index).order_by("-first_published_at", "-pk")
        return replies_with_reports(replies[: self.size])

    def item_title(self, item):
        return _("Reply from %(organisation)s to “%(report)s”") % {
            "organisation": item.organisation.name,
            "report": item.report.title,
        }

    def item_description(self, item):
        status = item.recipient.reply_status().label if item.recipient else ""
        return f"{item.summary} ({status}.)" if status else item.summary
