"""The statutory clock: the one place that knows what a working day is.

A working day is any day but Saturday, Sunday and the bank holidays of England and
Wales (including one-off ones such as a coronation or a state funeral). A reply owed
"within N working days beginning with the date on which it was sent" counts the sending
day as day 1 when it is a working day, otherwise the first working day after it.
"""

import datetime
from functools import lru_cache

import holidays

DEFAULT_REPLY_WORKING_DAYS = 20
ONE_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=64)
def _bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


def deadline(sent_on: datetime.date, working_days: int = DEFAULT_REPLY_WORKING_DAYS):
    """The last day on which a reply to something sent on `sent_on` is on time."""
    if working_days < 1:
        raise ValueError("A reply period is at least one working day.")
    day = next_working_day(sent_on)
    counted = 1
    while counted < working_days:
        day = next_working_day(day + ONE_DAY)
        counted += 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    day = start + ONE_DAY
    while day <= end:
        if is_working_day(day):
            count += 1
        day += ONE_DAY
    return count


def working_days_late(due_by: datetime.date, replied_on=None, today=None) -> int:
    """How many working days after `due_by` the reply came, or is now if none came."""
    end = replied_on or today or datetime.date.today()
    return working_days_between(due_by, end)
