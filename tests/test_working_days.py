"""The statutory clock: linksite.working_days and the reply status built on it."""

import datetime

import pytest

from linksite.clock import ReplyStatus, reply_status
from linksite.working_days import deadline, is_working_day, working_days_late

D = datetime.date


def test_a_plain_weekday_is_day_one_and_twenty_working_days_skip_weekends():
    assert deadline(D(2026, 11, 23)) == D(2026, 12, 18)


def test_sending_on_a_saturday_starts_the_count_on_the_monday():
    assert deadline(D(2026, 11, 28)) == D(2026, 12, 29)


def test_christmas_boxing_day_substitute_and_new_year_are_skipped():
    # Dec 25 (Fri), Dec 28 (Boxing Day substitute) and Jan 1 2027 are bank holidays.
    assert deadline(D(2026, 12, 7)) == D(2027, 1, 6)


def test_the_issue_example_is_due_on_19_january_2027():
    assert deadline(D(2026, 12, 18)) == D(2027, 1, 19)


def test_good_friday_and_easter_monday_are_skipped():
    assert deadline(D(2027, 3, 22), working_days=5) == D(2027, 3, 30)


def test_one_off_bank_holidays_are_skipped():
    assert not is_working_day(D(2023, 5, 8))  # coronation of Charles III
    assert not is_working_day(D(2022, 9, 19))  # state funeral
    assert deadline(D(2023, 5, 5), working_days=2) == D(2023, 5, 9)


def test_a_one_day_period_sent_on_a_working_day_is_due_the_same_day():
    assert deadline(D(2026, 11, 24), working_days=1) == D(2026, 11, 24)


def test_a_period_of_zero_working_days_is_refused():
    with pytest.raises(ValueError):
        deadline(D(2026, 11, 24), working_days=0)


def test_working_days_late_counts_only_working_days_after_the_due_date():
    due = D(2026, 12, 24)
    assert working_days_late(due, replied_on=D(2026, 12, 24)) == 0
    assert working_days_late(due, replied_on=D(2026, 12, 29)) == 1  # 25, 26-27, 28 skipped
    assert working_days_late(due, today=D(2027, 1, 4)) == 4  # 29, 30, 31, 4


def test_status_on_the_due_date_is_awaiting_and_the_next_working_day_overdue():
    sent = D(2026, 12, 18)
    on_due = reply_status(sent, today=D(2027, 1, 19))
    after = reply_status(sent, today=D(2027, 1, 20))
    assert (on_due.state, str(on_due)) == (
        ReplyStatus.AWAITING,
        "Awaiting reply (due 19 January 2027)",
    )
    assert (after.state, str(after)) == (ReplyStatus.OVERDUE, "Overdue by 1 working day")


def test_a_weekend_after_the_due_date_does_not_make_a_reply_overdue():
    # Due Friday 18 December 2026; on the Sunday nothing is owed yet that was not owed Friday.
    status = reply_status(D(2026, 11, 23), today=D(2026, 12, 20))
    assert status.state == ReplyStatus.AWAITING


def test_reply_on_the_due_date_is_on_time_and_one_working_day_after_is_late():
    sent = D(2026, 12, 18)
    assert str(reply_status(sent, replied_on=D(2027, 1, 19))) == "Replied on time"
    assert str(reply_status(sent, replied_on=D(2027, 1, 21))) == "Replied late (2 working days)"


def test_a_longer_agreed_period_moves_the_due_date():
    status = reply_status(D(2026, 12, 18), within=30, today=D(2027, 1, 20))
    assert status.state == ReplyStatus.AWAITING
    assert status.due_by == deadline(D(2026, 12, 18), 30)
