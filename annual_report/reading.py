"""The frozen figures of an annual report, read for one language: each record the figures
name is shown as its live translation in the page's language where there is one, else as the
original (marked as English, `linksite.languages`), and as the title it had when the figures
were made, unlinked, once it is no longer live. Labels (kinds, outcomes, reply states) come
from the code, so they are in the reader's language."""

import datetime
from decimal import Decimal

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from decisions.models import DecisionKind, SpendingPurpose, VisitPage
from linksite.clock import ReplyStatus, ReplyTally
from linksite.languages import Worded
from linksite.visibility import public
from publications.accountability import RecommendationState

from . import charts


def day(text):
    return datetime.date.fromisoformat(text) if text else None


class Record:
    """One page the figures name: its title in the reader's language and its address."""

    def __init__(self, item, page, request, default_language):
        self.item = item
        if page is not None:
            self.title = Worded(page.title, page.locale.language_code)
            self.url = page.get_url(request)
        else:
            self.title = Worded(item["title"], default_language)
            self.url = None

    def __getattr__(self, name):
        try:
            value = self.item[name]
        except KeyError:
            raise AttributeError(name) from None
        if isinstance(value, str) and name.endswith(("_on", "_from", "_until", "_by", "_date")):
            return day(value)
        return value


class FiguresReading:
    def __init__(self, page, request):
        self.page = page
        self.request = request
        self.figures = page.figures or {}
        self.default_language = Locale.get_default().language_code

    @property
    def made(self):
        return bool(self.figures)

    @property
    def starts_on(self):
        return day(self.figures.get("starts_on"))

    @property
    def ends_on(self):
        return day(self.figures.get("ends_on"))

    @property
    def made_on(self):
        return day(self.figures.get("made_on"))

    @cached_property
    def _pages(self):
        """{translation key: the live, public page in the reader's language, or else in the
        default language}, in one query."""
        keys = set()
        for section in ("reports", "information_requests", "osc_referrals", "visits"):
            keys.update(item["key"] for item in self.figures.get(section, []))
        for kind in self.figures.get("decisions", {}).get("by_kind", []):
            keys.update(item["key"] for item in kind["items"])
        if not keys:
            return {}
        wanted = {self.page.locale_id, Locale.get_default().pk}
        found = {}
        pages = public(
            Page.objects.live().filter(translation_key__in=keys, locale_id__in=wanted)
        ).select_related("locale")
        for found_page in pages:
            key = str(found_page.translation_key)
            if key not in found or found_page.locale_id == self.page.locale_id:
                found[key] = found_page
        return found

    def records(self, items):
        return [
            Record(item, self._pages.get(item["key"]), self.request, self.default_language)
            for item in items
        ]

    # Decisions ---------------------------------------------------------------------------

    @cached_property
    def decisions_by_kind(self):
        kinds = self.figures.get("decisions", {}).get("by_kind", [])
        return [
            {
                "code": kind["kind"],
                "label": DecisionKind(kind["kind"]).label,
                "count": kind["count"],
                "records": self.records(kind["items"]),
            }
            for kind in kinds
        ]

    @property
    def decisions_total(self):
        return self.figures.get("decisions", {}).get("total", 0)

    @property
    def took_part(self):
        return [
            {"person": Worded(row["person"], self.default_language), "decisions": row["decisions"]}
            for row in self.figures.get("took_part", [])
        ]

    # Reports and replies -----------------------------------------------------------------

    @cached_property
    def reports(self):
        return self.records(self.figures.get("reports", []))

    @property
    def recommendations_total(self):
        return self.figures.get("recommendations", {}).get("total", 0)

    @cached_property
    def outcomes(self):
        counts = self.figures.get("recommendations", {}).get("outcomes", {})
        return [(state.label, counts.get(state.value, 0)) for state in RecommendationState]

    @cached_property
    def replies(self):
        return [
            (
                Worded(row["organisation"], self.default_language),
                ReplyTally(
                    on_time=row[ReplyStatus.ON_TIME],
                    late=row[ReplyStatus.LATE],
                    overdue=row[ReplyStatus.OVERDUE],
                    awaiting=row[ReplyStatus.AWAITING],
                ),
            )
            for row in self.figures.get("replies", [])
        ]

    def outcomes_chart(self):
        return charts.outcomes_chart(self.outcomes, "outcomes-caption")

    def replies_chart(self):
        return charts.replies_chart(self.replies, "replies-caption")

    def _owed(self, section):
        records = self.records(self.figures.get(section, []))
        for record in records:
            status = record.item["status"]
            record.status = ReplyStatus(
                state=status["state"],
                due_by=day(status["due_by"]),
                replied_on=day(status["replied_on"]),
                working_days_late=status["working_days_late"],
            )
            record.organisation_name = Worded(record.item["organisation"], self.default_language)
        return records

    @cached_property
    def information_requests(self):
        return self._owed("information_requests")

    @cached_property
    def osc_referrals(self):
        return self._owed("osc_referrals")

    @property
    def owed_sections(self):
        return [
            (_("Requests for information"), self.information_requests),
            (_("Referrals to the Overview and Scrutiny Committee"), self.osc_referrals),
        ]

    # Visits and who was authorised -------------------------------------------------------

    @cached_property
    def visits(self):
        records = self.records(self.figures.get("visits", []))
        for record in records:
            record.status_label = VisitPage.Status(record.item["status"]).label
            record.premises_name = Worded(record.item["premises"], self.default_language)
        return records

    @cached_property
    def authorised(self):
        return [
            {
                "person": Worded(row["person"], self.default_language),
                "authorised_from": day(row["authorised_from"]),
                "authorised_until": day(row["authorised_until"]),
                "revoked_on": day(row["revoked_on"]),
            }
            for row in self.figures.get("authorised", [])
        ]

    # Spending ----------------------------------------------------------------------------

    @property
    def spending_total(self):
        return Decimal(self.figures.get("spending", {}).get("total", "0"))

    @cached_property
    def spending_by_purpose(self):
        return [
            (SpendingPurpose(row["purpose"]).label, Decimal(row["amount"]))
            for row in self.figures.get("spending", {}).get("by_purpose", [])
        ]

    @cached_property
    def spending_items(self):
        records = self.records(self.figures.get("spending", {}).get("items", []))
        for record in records:
            record.amount_value = Decimal(record.item["amount"])
            record.purpose_label = SpendingPurpose(record.item["purpose"]).label
        return records
