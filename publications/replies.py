"""Which replies have come in, for many reports at once, in a fixed number of queries.

A reply counts once it is live and public: what the public is told about a report's replies
is what the steering group has approved. Replies are child pages of their report, so they
are matched to reports by tree path, not by a foreign key that a page move could leave stale.
"""

from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from linksite.serving import per_edition
from linksite.visibility import public


def parent_path_expression():
    return Substr("path", 1, Length("path") - Page.steplen)


def live_replies(reports, with_outcomes=True):
    """{report pk: {organisation id: reply}} for the live, public replies to `reports`.

    A translated report shares the replies of its original: whether and when an organisation
    replied is the same fact in every language. A reply in the report's own language is
    preferred when there is one.
    """
    from .models import RecommendationOutcome, ReportPage, ResponsePage

    reports = list(reports)
    if not reports:
        return {}
    # The reports in every language: their paths are where the replies hang.
    translations = ReportPage.objects.filter(
        translation_key__in={report.translation_key for report in reports}
    )
    replies = (
        public(ResponsePage.objects.live())
        .annotate(parent_path=parent_path_expression())
        .filter(parent_path__in=translations.values("path"))
        .annotate(
            report_key=Subquery(
                Page.objects.filter(path=OuterRef("parent_path")).values("translation_key")[:1]
            )
        )
        .select_related("organisation", "letter")
        .order_by("received_on", "pk")
    )
    if with_outcomes:
        replies = replies.prefetch_related(
            Prefetch(
                "outcomes", queryset=RecommendationOutcome.objects.select_related("recommendation")
            )
        )
    by_key = {}
    for reply in replies:
        by_key.setdefault(reply.report_key, []).append(reply)
    found = {}
    for report in reports:
        # One reply per organisation per report (the editor refuses a second); the first
        # received is the one the clock counts. The sort is stable: own language first.
        candidates = sorted(
            by_key.get(report.translation_key, []),
            key=lambda reply, report=report: reply.locale_id != report.locale_id,
        )
        replies_to_report = found.setdefault(report.pk, {})
        for reply in candidates:
            replies_to_report.setdefault(reply.organisation_id, reply)
    return found


def recipients_prefetch():
    from .models import ReportRecipient

    # The editor's order, then the order they were added: the same on every database.
    recipients = ReportRecipient.objects.select_related("organisation").order_by("sort_order", "pk")
    return Prefetch("recipients", queryset=recipients)


def recommendations_prefetch(organisation=None):
    """A report's recommendations in the editor's order, each with the organisation it is
    addressed to (only those addressed to `organisation`, when one is given)."""
    from .models import Recommendation

    recommendations = Recommendation.objects.select_related("organisation").order_by(
        "sort_order", "number", "pk"
    )
    if organisation is not None:
        recommendations = recommendations.filter(organisation=organisation)
    return Prefetch("recommendations", queryset=recommendations)


def replies_of_the_edition(reports, with_outcomes=True):
    """`live_replies` for the few reports a visitor reads at once (a report, a page of a
    listing), kept for this edition of the site (linksite/serving.py): a reply comes, goes or
    changes only by being published, unpublished, moved or deleted, and an organisation or a
    document it shows only by being saved, each of which starts a new edition. Read afresh
    outside a request and in a preview."""
    reports = list(reports)
    return per_edition(
        "replies",
        with_outcomes,
        ",".join(str(report.pk) for report in reports),
        build=lambda: live_replies(reports, with_outcomes=with_outcomes),
    )


def with_replies(reports, with_outcomes=True, of_the_edition=False):
    """Give each report `replies` ({organisation id: reply}) and `owed` (its recipients, each
    with its `reply` set). Recipients should be prefetched with `recipients_prefetch()`. With
    `of_the_edition`, the replies are those kept for the edition (`replies_of_the_edition`)."""
    reports = list(reports)
    read = replies_of_the_edition if of_the_edition else live_replies
    found = read(reports, with_outcomes=with_outcomes)
    for report in reports:
        report.replies = found.get(report.pk, {})
        report.owed = list(report.recipients.all())
        for recipient in report.owed:
            recipient.reply = report.replies.get(recipient.organisation_id)
    return reports


def replies_with_reports(replies):
    """Give each reply its `report` and `recipient` (whose status is the reply's), fetching
    the reports and their recipients in a fixed number of queries."""
    from .models import ReportPage

    replies = list(replies)
    paths = {reply.path[: -Page.steplen] for reply in replies}
    reports = {
        report.path: report
        for report in ReportPage.objects.filter(path__in=paths).prefetch_related(
            recipients_prefetch()
        )
    }
    for reply in replies:
        reply.report = reports.get(reply.path[: -Page.steplen])
        reply.recipient = None
        if reply.report is not None:
            reply.recipient = next(
                (
                    r
                    for r in reply.report.recipients.all()
                    if r.organisation_id == reply.organisation_id
                ),
                None,
            )
        if reply.recipient is not None:
            reply.recipient.reply = reply
    return replies
