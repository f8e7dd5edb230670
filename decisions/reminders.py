"""The replies owed to live information requests and OSC referrals, offered to the core's
reply reminders (`linksite.reply_reminders`)."""

from linksite.reply_reminders import OwedReply, register_owed_replies


@register_owed_replies
def owed_to_requests_and_referrals(today=None):
    from .models.replies import InformationRequestPage, OSCReferralPage

    for request in InformationRequestPage.objects.live().select_related("recipient"):
        yield OwedReply(
            item=request,
            page=request,
            organisation=request.recipient,
            what=f"the information request '{request.title}'",
            recommendations=[],
            status=request.reply_status(today=today),
        )
    for referral in OSCReferralPage.objects.live().select_related("osc"):
        yield OwedReply(
            item=referral,
            page=referral,
            organisation=referral.osc,
            what=f"the referral '{referral.title}'",
            recommendations=[],
            status=referral.reply_status(today=today),
        )
