"""The bounds a date the LINk records must lie within, as field validators.

A LINk exists from the Local Government and Public Involvement in Health Act 2007, so
nothing it sent, received, decided or visited can be dated before its first day, and what
has happened cannot be dated after today. Visits are planned ahead, so their dates may lie
in the near future, no further. Each validator is a field error that says why; "today" is
the statutory clock's (`linksite.working_days.current_date`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import working_days

# LINks were set up under the 2007 Act from April 2008; a floor a little before that keeps
# every real date in and catches a year typed wrong (0001, 1208, 2000 for 2020).
EARLIEST_LINK_DATE = datetime.date(2008, 1, 1)

# How far ahead a visit can be planned and recorded.
PLANNING_HORIZON = datetime.timedelta(days=2 * 366)


def _day(value):
    return date_format(value)


def not_before_the_link(value):
    if value is not None and value < EARLIEST_LINK_DATE:
        raise ValidationError(
            _(
                "%(date)s is before LINks existed (they began under the 2007 Act): a date "
                "on or after %(earliest)s is expected. Check the year."
            )
            % {"date": _day(value), "earliest": _day(EARLIEST_LINK_DATE)},
            code="before_the_link",
        )


def not_in_the_future(value):
    today = working_days.current_date()
    if value is not None and value > today:
        raise ValidationError(
            _(
                "%(date)s is in the future (today is %(today)s): record this once it has "
                "happened, and check the year."
            )
            % {"date": _day(value), "today": _day(today)},
            code="in_the_future",
        )


def within_the_planning_horizon(value):
    latest = working_days.current_date() + PLANNING_HORIZON
    if value is not None and value > latest:
        raise ValidationError(
            _(
                "%(date)s is too far ahead: a visit is planned at most two years ahead "
                "(until %(latest)s). Check the year."
            )
            % {"date": _day(value), "latest": _day(latest)},
            code="beyond_the_horizon",
        )


# What has happened: sent, received, decided, reported.
PAST_DATE = [not_before_the_link, not_in_the_future]
# What may be planned: a visit.
PLANNED_DATE = [not_before_the_link, within_the_planning_horizon]
