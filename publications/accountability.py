"""The accountability view: every recommendation, what became of it, and who replied on time.

The HTML page and the CSV download are built from the same rows, so they always agree.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from linksite.clock import ReplyTally
from linksite.spreadsheets import csv_lines as spreadsheet_lines

from .replies import recipients_prefetch, recommendations_prefetch, with_replies


class RecommendationState(models.TextChoices):
    """A recommendation's outcome as the public sees it: an organisation's answer, or that
    no answer has come (the reply has not arrived yet, or it left the recommendation out)."""

    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    NOT_ANSWERED = "not_answered", _("Not answered")
    AWAITING = "awaiting", _("Awaiting reply")


@dataclass
class RecommendationRow:
    report: object
    recommendation: object
    recipient: object  # the reply owed by the organisation the recommendation is addressed to
    reply: object
    outcome: object

    @property
    def organisation(self):
        return self.recommendation.organisation

    @property
    def state(self):
        if self.outcome is not None:
            return self.outcome.outcome
        if self.reply is not None:
            return RecommendationState.NOT_ANSWERED.value
        return RecommendationState.AWAITING.value

    @property
    def state_label(self):
        return RecommendationState(self.state).label


def recommendation_rows(reports):
    """One row per recommendation of `reports`, in report then recommendation order."""
    rows = []
    for report in reports:
        if not hasattr(report, "replies"):
            with_replies([report])
        recipients = {recipient.organisation_id: recipient for recipient in report.owed}
        for recommendation in report.recommendations.all():
            reply = report.replies.get(recommendation.organisation_id)
            outcome = None
            if reply is not None:
                # By number, unique in a report: a translated report's recommendations are
                # copies, while the reply's outcomes name the original's.
                outcome = next(
                    (
                        o
                        for o in reply.outcomes.all()
                        if o.recommendation.number == recommendation.number
                    ),
                    None,
                )
            rows.append(
                RecommendationRow(
                    report=report,
                    recommendation=recommendation,
                    recipient=recipients.get(recommendation.organisation_id),
                    reply=reply,
                    outcome=outcome,
                )
            )
    return rows


@dataclass(frozen=True)
class Totals:
    made: int
    accepted: int
    partly_accepted: int
    not_accepted: int
    not_answered: int
    awaiting: int

    @classmethod
    def of(cls, rows):
        counts = Counter(row.state for row in rows)
        return cls(
            made=len(rows),
            **{state.value: counts[state.value] for state in RecommendationState},
        )


def replies_by_organisation(reports, organisation=None):
    """[(organisation, ReplyTally)] for the replies owed to `reports`, by organisation name."""
    statuses = {}
    names = {}
    for report in reports:
        for recipient in report.owed:
            if organisation is not None and recipient.organisation_id != organisation.pk:
                continue
            names[recipient.organisation_id] = recipient.organisation
            statuses.setdefault(recipient.organisation_id, []).append(recipient.reply_status())
    return sorted(
        ((names[pk], ReplyTally.of(found)) for pk, found in statuses.items()),
        key=lambda pair: pair[0].name,
    )


# Reports read from the database at a time, for the CSV: its memory stays flat at any size.
REPORTS_PER_BATCH = 100


def filtered_reports(reports, organisation=None, year=None, batch=None):
    """The `reports`, newest first, with their recipients, recommendations (those addressed
    to `organisation` when one is given) and replies, `batch` reports at a time (or all)."""
    if year:
        reports = reports.filter(report_date__year=year)
    reports = reports.order_by("-report_date", "-pk").prefetch_related(
        recipients_prefetch(), recommendations_prefetch(organisation)
    )
    if batch is None:
        yield with_replies(reports)
        return
    pks = list(reports.values_list("pk", flat=True))
    for start in range(0, len(pks), batch):
        chunk = pks[start : start + batch]
        found = {report.pk: report for report in reports.filter(pk__in=chunk)}
        yield with_replies([found[pk] for pk in chunk])


def filtered_rows(reports, organisation=None, year=None, state=None):
    """The recommendation rows of the CSV, read `REPORTS_PER_BATCH` reports at a time."""
    for batch in filtered_reports(reports, organisation, year, batch=REPORTS_PER_BATCH):
        for row in recommendation_rows(batch):
            if not state or row.state == state:
                yield row


def accountability(reports, organisation=None, year=None, state=None):
    """Rows, totals and replies on time for the live, public `reports`, filtered."""
    reports = [r for batch in filtered_reports(reports, organisation, year) for r in batch]
    rows = recommendation_rows(reports)
    if state:
        rows = [row for row in rows if row.state == state]
    return {
        "rows": rows,
        "totals": Totals.of(rows),
        "replies_by_organisation": replies_by_organisation(reports, organisation),
    }


CSV_HEADER = [
    "Report",
    "Report date",
    "Report address",
    "Number",
    "Recommendation",
    "Addressed to",
    "Outcome",
    "Their explanation",
    "What they will do",
    "By when",
    "Reply received on",
    "Reply status",
]


def csv_row(row, request):
    outcome = row.outcome
    recipient = row.recipient
    return [
        row.report.title,
        row.report.report_date.isoformat(),
        row.report.get_full_url(request),
        row.recommendation.number,
        row.recommendation.text,
        row.organisation.name,
        str(row.state_label),
        outcome.explanation if outcome else "",
        outcome.commitment if outcome else "",
        outcome.commitment_by.isoformat() if outcome and outcome.commitment_by else "",
        row.reply.received_on.isoformat() if row.reply else "",
        str(recipient.reply_status().label) if recipient else "",
    ]


def csv_lines(rows, request):
    """The CSV, line by line, for a streaming response."""
    return spreadsheet_lines(CSV_HEADER, (csv_row(row, request) for row in rows))
