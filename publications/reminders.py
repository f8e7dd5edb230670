"""The replies owed to live reports, offered to the core's reply reminders
(`linksite.reply_reminders`)."""

from linksite.reply_reminders import OwedReply, register_owed_replies


@register_owed_replies
def owed_to_reports(today=None):
    from .models import Recommendation, ReportPage
    from .replies import recipients_prefetch, with_replies

    reports = with_replies(ReportPage.objects.live().prefetch_related(recipients_prefetch()))
    recommendations = {}
    for rec in Recommendation.objects.filter(page__in=reports).order_by("number"):
        recommendations.setdefault((rec.page_id, rec.organisation_id), []).append(str(rec))
    for report in reports:
        for recipient in report.owed:
            yield OwedReply(
                item=recipient,
                page=report,
                organisation=recipient.organisation,
                what=f"the report '{report.title}'",
                recommendations=recommendations.get((report.pk, recipient.organisation_id), []),
                status=recipient.reply_status(today=today),
            )
