"""The LINk's reporting year: April to March (s.227 of the 2007 Act), named "2026/27" after
the calendar year it starts in. The report on a year is due by 30 June after it ends."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The first year a LINk could report on: LINks began on 1 April 2008.
FIRST_YEAR = 2008


@dataclass(frozen=True)
class ReportingYear:
    start_year: int

    @classmethod
    def containing(cls, day):
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def last_complete(cls, today):
        return cls(cls.containing(today).start_year - 1)

    @property
    def starts_on(self):
        return datetime.date(self.start_year, 4, 1)

    @property
    def ends_on(self):
        return datetime.date(self.start_year + 1, 3, 31)

    @property
    def due_by(self):
        """When the report must be prepared by: 30 June after the year ends."""
        return datetime.date(self.start_year + 1, 6, 30)

    @property
    def label(self):
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def title(self):
        return _("Annual report %(year)s") % {"year": self.label}

    @property
    def slug(self):
        return f"annual-report-{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def __contains__(self, day):
        return day is not None and self.starts_on <= day <= self.ends_on

    def __str__(self):
        return self.label


def startable_years(today):
    """The years a report may be started for: any since LINks began, up to the one now running
    (its figures so far; refreshed until it is approved)."""
    return range(ReportingYear.containing(today).start_year, FIRST_YEAR - 1, -1)


def parse_year(text, today):
    """A start year typed by a person ("2026" or "2026/27"), or ValueError saying why not."""
    text = (text or "").strip()
    head, _sep, tail = text.partition("/")
    if not head.isdigit() or len(head) != 4:
        raise ValueError(_("Give the year the report starts in, e.g. 2026 for 2026/27."))
    year = ReportingYear(int(head))
    if tail and tail not in (year.label.split("/")[1], str(year.start_year + 1)):
        raise ValueError(_("%(text)s is not a year from April to March.") % {"text": text})
    if year.start_year not in startable_years(today):
        raise ValueError(
            _("An annual report can be started for a year from %(first)s to %(last)s.")
            % {
                "first": ReportingYear(FIRST_YEAR).label,
                "last": ReportingYear.containing(today).label,
            }
        )
    return year
