"""The statutory clock: the one place that knows what a working day is.

A working day is any day but Saturday, Sunday and the bank holidays of England and
Wales (including one-off ones such as a coronation or a state funeral). A reply owed
"within N working days beginning with the date on which it was sent" counts the sending
day as day 1 when it is a working day, otherwise the first working day after it.

The clock answers for any date Python can hold, whatever is in the database: counting stops
at the last representable day rather than overflowing, and a span of centuries is counted
by arithmetic, not day by day. It is also the one place that says what day it is today.
"""

import datetime
from functools import lru_cache

import holidays
from django.utils import timezone

DEFAULT_REPLY_WORKING_DAYS = 20
ONE_DAY = datetime.timedelta(days=1)


def current_date() -> datetime.date:
    """Today in the site's time zone: the day every clock and date check counts from."""
    return timezone.localdate()


@lru_cache(maxsize=256)
def _bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def _day_after(day: datetime.date) -> datetime.date:
    # The last representable day has no day after it; the clock stops there.
    return day + ONE_DAY if day < datetime.date.max else day


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the first working day after it."""
    while not is_working_day(day) and day < datetime.date.max:
        day += ONE_DAY
    return day


def deadline(sent_on: datetime.date, working_days: int = DEFAULT_REPLY_WORKING_DAYS):
    """The last day on which a reply to something sent on `sent_on` is on time."""
    if working_days < 1:
        raise ValueError("A reply period is at least one working day.")
    day = next_working_day(sent_on)
    counted = 1
    while counted < working_days:
        day = next_working_day(_day_after(day))
        counted += 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    weekdays = _weekdays_up_to(end) - _weekdays_up_to(start)
    holidays_on_weekdays = sum(
        1
        for year in range(
            max(start.year, _FIRST_HOLIDAY_YEAR), min(end.year, _LAST_HOLIDAY_YEAR) + 1
        )
        for holiday in _bank_holidays(year)
        if start < holiday <= end and holiday.weekday() < 5
    )
    return weekdays - holidays_on_weekdays


# The years the holidays package knows bank holidays for in England; outside them every
# weekday is a working day, and no year needs to be asked about.
_FIRST_HOLIDAY_YEAR = holidays.country_holidays("GB", subdiv="ENG").start_year
_LAST_HOLIDAY_YEAR = holidays.country_holidays("GB", subdiv="ENG").end_year


def _weekdays_up_to(day: datetime.date) -> int:
    """Monday to Friday from 1 January of year 1 up to and including `day`."""
    ordinal = day.toordinal()  # 1 January of year 1 is ordinal 1, a Monday
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def working_days_late(due_by: datetime.date, replied_on=None, today=None) -> int:
    """How many working days after `due_by` the reply came, or is now if none came."""
    end = replied_on or today or current_date()
    return working_days_between(due_by, end)
