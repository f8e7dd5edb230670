"""The annual report's figures, computed from the year's records and never typed.

`compute(year)` reads the live, public records in the site's default language (the
translations are the same records) and returns plain JSON: it is frozen into the annual
report's draft when the report is started, refreshed only by "Refresh the figures" while the
report is not live, and so approved by the steering group with the rest of the page. Pages
are named by their `translation_key`, so each language shows its own translation where one
is live (`annual_report.reading`). Amounts are strings of pence-exact decimals.
"""

from collections import Counter, defaultdict
from decimal import Decimal

from wagtail.models import Locale

from decisions.models import (
    Authorisation,
    DecisionKind,
    DecisionPage,
    InformationRequestPage,
    OSCReferralPage,
    SpendingPurpose,
    VisitPage,
)
from linksite.clock import ReplyStatus
from linksite.visibility import public
from linksite.working_days import current_date
from publications.accountability import RecommendationState, recommendation_rows
from publications.models import ReportPage
from publications.replies import recipients_prefetch, recommendations_prefetch, with_replies

# Bumped when the shape below changes, so a page frozen with an older shape can say so.
FIGURES_VERSION = 1


def _records(model, year, date_field):
    default = Locale.get_default()
    pages = model.objects.live().filter(locale=default)
    pages = pages.filter(
        **{f"{date_field}__gte": year.starts_on, f"{date_field}__lte": year.ends_on}
    )
    return public(pages).order_by(date_field, "pk")


def _page(page, **fields):
    return {"key": str(page.translation_key), "title": page.title, **fields}


def _day(value):
    return value.isoformat() if value else None


def _status(status):
    return {
        "state": status.state,
        "due_by": _day(status.due_by),
        "replied_on": _day(status.replied_on),
        "working_days_late": status.working_days_late,
    }


def decisions_figures(year):
    decisions = list(_records(DecisionPage, year, "decided_on").prefetch_related("took_part"))
    by_kind = []
    for kind in DecisionKind:
        items = [d for d in decisions if d.kind == kind.value]
        by_kind.append(
            {
                "kind": kind.value,
                "count": len(items),
                "items": [_page(d, decided_on=_day(d.decided_on)) for d in items],
            }
        )
    took_part = Counter()
    for decision in decisions:
        for person in decision.took_part.all():
            took_part[person.display_name] += 1
    spending = defaultdict(Decimal)
    spent = []
    for decision in decisions:
        if decision.kind == DecisionKind.SPENDING and decision.amount is not None:
            spending[decision.spending_purpose] += decision.amount
            spent.append(
                _page(
                    decision,
                    decided_on=_day(decision.decided_on),
                    amount=str(decision.amount),
                    purpose=decision.spending_purpose,
                )
            )
    return {
        "decisions": {"total": len(decisions), "by_kind": by_kind},
        "took_part": [
            {"person": name, "decisions": count}
            for name, count in sorted(took_part.items(), key=lambda pair: pair[0])
        ],
        "spending": {
            "total": str(sum(spending.values(), Decimal("0.00"))),
            "by_purpose": [
                {"purpose": purpose.value, "amount": str(spending[purpose.value])}
                for purpose in SpendingPurpose
                if purpose.value in spending
            ],
            "items": spent,
        },
    }


def reports_figures(year, today):
    reports = with_replies(
        _records(ReportPage, year, "report_date").prefetch_related(
            recipients_prefetch(), recommendations_prefetch()
        )
    )
    rows = recommendation_rows(reports)
    outcomes = Counter(row.state for row in rows)
    items = []
    for report in reports:
        mine = Counter(row.state for row in rows if row.report is report)
        items.append(
            _page(
                report,
                report_date=_day(report.report_date),
                recommendations=sum(mine.values()),
                outcomes={state.value: mine[state.value] for state in RecommendationState},
                sent_to=[r.organisation.name for r in report.owed],
            )
        )
    owed = [
        (recipient.organisation.name, recipient.reply_status(today=today))
        for report in reports
        for recipient in report.owed
    ]
    return {
        "reports": items,
        "recommendations": {
            "total": len(rows),
            "outcomes": {state.value: outcomes[state.value] for state in RecommendationState},
        },
    }, owed


def _sent(model, addressee, year, today, owed):
    """The year's requests or referrals sent to `addressee` (the field naming who owes the
    reply), each with its reply's status; the replies owed are added to `owed`."""
    items = []
    for page in _records(model, year, "sent_on").select_related(addressee):
        status = page.reply_status(today=today)
        name = getattr(page, addressee).name
        owed.append((name, status))
        items.append(
            _page(page, sent_on=_day(page.sent_on), organisation=name, status=_status(status))
        )
    return items


def requests_and_referrals_figures(year, today):
    owed = []
    return {
        "information_requests": _sent(InformationRequestPage, "recipient", year, today, owed),
        "osc_referrals": _sent(OSCReferralPage, "osc", year, today, owed),
    }, owed


def replies_figures(owed):
    """Replies owed to the year's reports, requests and referrals, per organisation."""
    tallies = defaultdict(Counter)
    for name, status in owed:
        tallies[name][status.state] += 1
    states = (ReplyStatus.ON_TIME, ReplyStatus.LATE, ReplyStatus.OVERDUE, ReplyStatus.AWAITING)
    return {
        "replies": [
            {"organisation": name, **{state: tallies[name][state] for state in states}}
            for name in sorted(tallies)
        ]
    }


def visits_figures(year):
    visits = _records(VisitPage, year, "visit_from").select_related("provider")
    return {
        "visits": [
            _page(
                visit,
                visit_from=_day(visit.visit_from),
                visit_until=_day(visit.visit_until),
                premises=visit.premises_name,
                provider=visit.provider.name if visit.provider else "",
                status=visit.status,
            )
            for visit in visits
        ]
    }


def authorised_figures(year):
    """Everyone whose authorisation to enter and view was in force on any day of the year,
    as the live authorised list records it."""
    default = Locale.get_default()
    rows = (
        Authorisation.objects.approved()
        .filter(page__locale=default, authorised_from__lte=year.ends_on)
        .filter(authorised_until__gte=year.starts_on)
        .exclude(revoked_on__lte=year.starts_on)
        .select_related("person")
        .order_by("person__display_name", "authorised_from")
    )
    return {
        "authorised": [
            {
                "person": row.person.display_name,
                "authorised_from": _day(row.authorised_from),
                "authorised_until": _day(row.authorised_until),
                "revoked_on": _day(row.revoked_on),
            }
            for row in rows
        ]
    }


def compute(year, today=None):
    """Every figure of the annual report on `year` (a ReportingYear), as plain JSON."""
    today = today or current_date()
    # Replies are judged as they stood on the day the figures were made: "Refresh the
    # figures" brings in replies that came since, until the report is approved.
    figures = {
        "version": FIGURES_VERSION,
        "year": year.start_year,
        "starts_on": _day(year.starts_on),
        "ends_on": _day(year.ends_on),
        "made_on": _day(today),
    }
    figures.update(decisions_figures(year))
    reports, report_replies = reports_figures(year, today)
    figures.update(reports)
    requests, request_replies = requests_and_referrals_figures(year, today)
    figures.update(requests)
    figures.update(replies_figures(report_replies + request_replies))
    figures.update(visits_figures(year))
    figures.update(authorised_figures(year))
    return figures
