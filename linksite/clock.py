"""Anything the LINk sends that awaits a reply within N working days.

Reports sent to an organisation, information requests and OSC referrals all use this
one mixin, so "sent on / due by / status" is computed in one way everywhere.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import plausible_dates, working_days


@dataclass(frozen=True)
class ReplyStatus:
    AWAITING = "awaiting"
    OVERDUE = "overdue"
    ON_TIME = "on_time"
    LATE = "late"

    state: str
    due_by: datetime.date
    replied_on: datetime.date | None
    working_days_late: int

    @property
    def answered(self):
        return self.state in (self.ON_TIME, self.LATE)

    @property
    def label(self):
        days = self.working_days_late
        if self.state == self.AWAITING:
            return _("Awaiting reply (due %(date)s)") % {"date": date_format(self.due_by)}
        if self.state == self.OVERDUE:
            return ngettext(
                "Overdue by %(days)d working day", "Overdue by %(days)d working days", days
            ) % {"days": days}
        if self.state == self.ON_TIME:
            return _("Replied on time")
        return ngettext(
            "Replied late (%(days)d working day)", "Replied late (%(days)d working days)", days
        ) % {"days": days}

    def __str__(self):
        return str(self.label)


def reply_status(
    sent_on, replied_on=None, within=working_days.DEFAULT_REPLY_WORKING_DAYS, today=None
) -> ReplyStatus:
    today = today or working_days.current_date()
    due_by = working_days.deadline(sent_on, within)
    if replied_on is None:
        late = working_days.working_days_late(due_by, today=today)
        state = ReplyStatus.OVERDUE if late else ReplyStatus.AWAITING
    else:
        late = working_days.working_days_late(due_by, replied_on=replied_on)
        state = ReplyStatus.LATE if late else ReplyStatus.ON_TIME
    return ReplyStatus(state=state, due_by=due_by, replied_on=replied_on, working_days_late=late)


@dataclass(frozen=True)
class ReplyTally:
    """How many of a set of replies owed are awaiting, overdue, answered on time or late."""

    awaiting: int = 0
    overdue: int = 0
    on_time: int = 0
    late: int = 0

    @classmethod
    def of(cls, statuses):
        counts = Counter(status.state for status in statuses)
        return cls(
            awaiting=counts[ReplyStatus.AWAITING],
            overdue=counts[ReplyStatus.OVERDUE],
            on_time=counts[ReplyStatus.ON_TIME],
            late=counts[ReplyStatus.LATE],
        )

    @property
    def owed(self):
        return self.awaiting + self.overdue + self.on_time + self.late

    @property
    def answered(self):
        return self.on_time + self.late


class AwaitsReply(models.Model):
    """Abstract: sent on a date, owed a reply within a number of working days.

    Subclasses say when the reply came by defining `replied_on` (a field or a property
    returning a date or None).
    """

    sent_on = models.DateField(_("sent on"), validators=plausible_dates.PAST_DATE)
    reply_within = models.PositiveSmallIntegerField(
        _("reply within (working days)"),
        default=working_days.DEFAULT_REPLY_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(250)],
        help_text=_("20 working days unless the recipient agreed a different period."),
    )

    class Meta:
        abstract = True

    @property
    def due_by(self):
        return working_days.deadline(self.sent_on, self.reply_within)

    def reply_status(self, today=None) -> ReplyStatus:
        return reply_status(self.sent_on, self.replied_on, self.reply_within, today=today)
