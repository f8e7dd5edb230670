"""The record types of the open data, in one list: what the API serves and the downloads
hold. Each entry names the queryset and the record builder (opendata/records.py) and the
schema (opendata/schemas.py) that the API's endpoints (opendata/api.py) use; the download
files (opendata/downloads.py) are built from the same three, so the files and the API cannot
disagree.

To add a record type (the annual reports, say):

1. in records.py, a queryset of its live, public pages (`annual_reports(language=None)`, built
   on `live(...)`) and a builder giving what its public page shows
   (`annual_report_record(page, request)`);
2. in schemas.py, its schema (`AnnualReport(PageRecord)`);
3. here, one `RecordType` in `RECORD_TYPES`, where the list should show it;
4. in api.py, its two endpoints, a list with its filters and a detail, as the others are.

The downloads, the Open data page and the tests that walk every type (tests/test_opendata.py:
the fields on the public pages, nothing private) then take it up with no other change.

A derived type (`derived_from`) has no queryset of its own: its rows come from each record of
another type (each recommendation of each report), in the same pass over the records.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import records, schemas


@dataclass(frozen=True)
class RecordType:
    name: str  # the API's path (/api/v1/<name>) and the files' name (<name>.csv)
    label: str  # what the Open data page calls it
    schema: type
    queryset: Callable | None = None  # language -> the live, public records, in order
    record: Callable | None = None  # (item, request) -> what its public page shows
    derived_from: str | None = None  # the name of the type whose records its rows come from
    derive: Callable | None = None  # record of that type -> its rows
    # Fields left out of the CSV, whose content the CSV holds another way (a body's blocks:
    # its HTML; a report's recommendations: the recommendations file).
    csv_omits: tuple = ()


RECORD_TYPES = [
    RecordType(
        "reports",
        _("Reports"),
        schemas.Report,
        records.reports,
        records.report_record,
        csv_omits=("body", "recommendations"),
    ),
    RecordType(
        "recommendations",
        _("Recommendations and what became of them"),
        schemas.RecommendationRow,
        derived_from="reports",
        derive=records.recommendations_of,
    ),
    RecordType(
        "replies", _("Replies to reports"), schemas.Reply, records.replies, records.reply_record
    ),
    RecordType(
        "decisions",
        _("Relevant decisions"),
        schemas.Decision,
        records.decisions,
        records.decision_record,
    ),
    RecordType(
        "procedures",
        _("Procedures for relevant decisions"),
        schemas.Procedure,
        records.procedures,
        records.procedure_record,
        csv_omits=("body",),
    ),
    RecordType(
        "visits", _("Enter and view visits"), schemas.Visit, records.visits, records.visit_record
    ),
    RecordType(
        "authorisations",
        _("Authorised representatives"),
        schemas.Authorisation,
        records.authorisations,
        records.authorisation_record,
    ),
    RecordType(
        "information-requests",
        _("Information requests"),
        schemas.InformationRequest,
        records.information_requests,
        records.information_request_record,
    ),
    RecordType(
        "osc-referrals",
        _("Referrals to the Overview and Scrutiny Committee"),
        schemas.OSCReferral,
        records.osc_referrals,
        records.osc_referral_record,
    ),
    RecordType(
        "organisations",
        _("Organisations"),
        schemas.Organisation,
        records.organisations,
        records.organisation_record,
    ),
    RecordType(
        "annual-reports",
        _("Annual reports"),
        schemas.AnnualReport,
        records.annual_reports,
        records.annual_report_record,
        csv_omits=("body",),
    ),
]

BY_NAME = {record_type.name: record_type for record_type in RECORD_TYPES}


def served():
    """The types the API serves at endpoints of their own."""
    return [t for t in RECORD_TYPES if t.derived_from is None]


def derived_from(name):
    return [t for t in RECORD_TYPES if t.derived_from == name]
