"""Which annual report is due: from 1 April, the one on the year just ended, until it is
live; after 30 June it is late. Who it goes to comes from the directory."""

from dataclasses import dataclass

from django.db.models import Q

from linksite.models import Organisation
from linksite.working_days import current_date

from .starting import report_for
from .year import ReportingYear

# The bodies the Act names for a copy, as the directory knows them (s.227(4)): the local
# authority and its departments, its Overview and Scrutiny Committee, the NHS commissioners.
RECIPIENT_KINDS = (
    Organisation.Kind.COMMISSIONER,
    Organisation.Kind.COUNCIL_DEPARTMENT,
    Organisation.Kind.OSC,
)


@dataclass
class Due:
    year: ReportingYear
    report: object  # the draft, when one was started
    late: bool

    @property
    def recipients(self):
        return Organisation.objects.filter(Q(kind__in=RECIPIENT_KINDS)).order_by("name")


def annual_report_due(today=None):
    """The annual report that editors should be working on now, or None when it is live."""
    today = today or current_date()
    year = ReportingYear.last_complete(today)
    report = report_for(year)
    if report is not None and report.live:
        return None
    return Due(year=year, report=report, late=today > year.due_by)
