"""The read-only open data API (/api/v1/, django-ninja), documented at /api/v1/openapi.json.

- Each record type has a list (`/reports`) and a detail (`/reports/{id}`) endpoint. A record's
  `id` is its page's id (stable while the page exists; an entry of the authorised list and an
  organisation have their own row's id), `url` its public page.
- Only live pages no view restriction covers, in the default language unless `language` asks
  for another; each record holds what its public page shows and nothing more
  (opendata/records.py).
- Lists take `limit` (1 to MAX_LIMIT) and `offset`, and the filters the site's own listings
  offer. An unknown parameter, a value that does not fit, or an offset past the last record is
  answered 400 with the reason.
- Every answer allows any origin (CORS for GET), may be kept by any cache like a public page
  (linksite/cache_control.py), and each client may ask OPENDATA_REQUESTS_PER_MINUTE times a
  minute (linksite/rate_limits.py), then gets 429 with Retry-After.
"""

from typing import Literal

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from ninja.throttling import BaseThrottle
from pydantic import Field

from decisions.models import DecisionKind, VisitPage
from linksite.cache_control import PRIVATE
from linksite.models import CareSector
from linksite.rate_limits import client_address, over_limit
from publications.models import ReportPage

from . import records, schemas

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 1_000_000
# A page id, an organisation id: the database's integers (and no overflow on the way there).
MAX_ID = 2**31 - 1
RATE_PERIOD = 60
SHARED_STATUSES = {200, 404}

LANGUAGES = tuple(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)


class BadRequest(Exception):
    """A request the API cannot answer as asked: 400 with this message."""


class PerClientLimit(BaseThrottle):
    def allow_request(self, request):
        limit = getattr(settings, "OPENDATA_REQUESTS_PER_MINUTE", 120)
        return not over_limit("opendata-api", client_address(request), limit, RATE_PERIOD)

    def wait(self):
        return RATE_PERIOD


def shared_headers(response):
    """CORS for GET, and the public page's Cache-Control on what everyone gets alike."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    if response.status_code in SHARED_STATUSES:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PUBLIC_MAX_AGE,
            s_maxage=settings.PUBLIC_MAX_AGE,
        )
    else:
        response["Cache-Control"] = PRIVATE
    return response


def with_shared_headers(view):
    def wrapped(request, *args, **kwargs):
        return shared_headers(view(request, *args, **kwargs))

    return wrapped


class OpenDataAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return shared_headers(response)


api = OpenDataAPI(
    title="LINk open data",
    version="1",
    description=__doc__,
    urls_namespace="opendata",
    # The docs page runs Swagger UI's inline script, which the site's Content-Security-Policy
    # refuses: the schema itself is the documentation.
    docs_url=None,
    docs_decorator=with_shared_headers,
    throttle=[PerClientLimit()],
)


@api.exception_handler(BadRequest)
def bad_request(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def invalid_parameter(request, exc):
    reasons = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
        reasons.append(f"{where}: {error.get('msg', 'not valid')}")
    return api.create_response(request, {"detail": "; ".join(reasons)}, status=400)


# Filters


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Records per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Records to skip.")
    language: Literal[LANGUAGES] | None = Field(
        None, description="The records in this language (default: the site's default language)."
    )


Year = int | None
YEAR = Field(None, ge=1900, le=2200, description="The calendar year.")
ORGANISATION = Field(None, ge=1, le=MAX_ID, description="An organisation's id.")
TOPIC = Field(None, max_length=100, pattern=r"^[-\w]+$", description="A topic's slug.")


class ReportFilters(Paging):
    year: Year = YEAR
    organisation: int | None = Field(
        None, ge=1, le=MAX_ID, description="An organisation it was sent to."
    )
    topic: str | None = TOPIC
    kind: Literal[tuple(ReportPage.Kind.values)] | None = None
    care_sector: Literal[tuple(CareSector.values)] | None = None


class ReplyFilters(Paging):
    year: Year = Field(None, ge=1900, le=2200, description="The year it was received.")
    organisation: int | None = ORGANISATION


class DecisionFilters(Paging):
    year: Year = Field(None, ge=1900, le=2200, description="The year it was decided.")
    kind: Literal[tuple(DecisionKind.values)] | None = None
    organisation: int | None = ORGANISATION
    topic: str | None = TOPIC


class ProcedureFilters(Paging):
    kind: Literal[tuple(DecisionKind.values)] | None = Field(
        None, description="Procedures covering this kind of decision."
    )


class VisitFilters(Paging):
    year: Year = Field(None, ge=1900, le=2200, description="The year of the (first) day.")
    organisation: int | None = Field(None, ge=1, le=MAX_ID, description="The services-provider.")
    status: Literal[tuple(VisitPage.Status.values)] | None = None
    topic: str | None = TOPIC


class SentFilters(Paging):
    year: Year = Field(None, ge=1900, le=2200, description="The year it was sent.")
    organisation: int | None = ORGANISATION


def refuse_unknown(request, filters_class):
    known = set(filters_class.model_fields)
    unknown = sorted(set(request.GET) - known)
    if unknown:
        names = ", ".join(repr(name[:40]) for name in unknown[:5])
        raise BadRequest(
            f"Unknown parameter {names}. This endpoint takes: {', '.join(sorted(known))}."
        )
    repeated = sorted(name for name, values in request.GET.lists() if len(values) > 1)
    if repeated:
        raise BadRequest(f"The parameter {repeated[0]!r} is given more than once.")


def listing(request, filters, queryset, build):
    """One page of `queryset`, each record built by `build`, in the records' language."""
    count = queryset.count()
    offset, limit = filters.offset, filters.limit
    if offset and offset >= count:
        raise BadRequest(
            f"offset {offset} is past the last record: {count} match, so offset must be "
            f"below {max(count, 1)}."
        )
    with translation.override(filters.language or settings.LANGUAGE_CODE):
        items = [build(item, request) for item in queryset[offset : offset + limit]]

    def page_at(at):
        params = request.GET.copy()
        params["offset"] = str(at)
        params["limit"] = str(limit)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": page_at(offset + limit) if offset + limit < count else None,
        "previous": page_at(max(offset - limit, 0)) if offset else None,
        "items": items,
    }


def detail(request, queryset, pk, build):
    item = queryset.filter(pk=pk).first()
    if item is None:
        raise Http404("No such record is published.")
    language = getattr(getattr(item, "locale", None), "language_code", settings.LANGUAGE_CODE)
    with translation.override(language):
        return build(item, request)


ID = Path(..., ge=1, le=MAX_ID)
ANSWERS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}


def by_year(queryset, field, year):
    return queryset.filter(**{f"{field}__year": year}) if year is not None else queryset


# Reports and replies


@api.get("/reports", response={200: schemas.Listing[schemas.Report], **ANSWERS}, tags=["reports"])
def list_reports(request, filters: Query[ReportFilters]):
    """Reports, newest first, with their recommendations and what became of each."""
    refuse_unknown(request, ReportFilters)
    found = by_year(records.reports(filters.language), "report_date", filters.year)
    if filters.organisation:
        found = found.filter(recipients__organisation=filters.organisation).distinct()
    if filters.topic:
        found = found.filter(topics__slug=filters.topic).distinct()
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.care_sector:
        found = found.filter(care_sector=filters.care_sector)
    return listing(request, filters, found, records.report_record)


@api.get("/reports/{id}", response={200: schemas.Report, **ANSWERS}, tags=["reports"])
def get_report(request, id: int = ID):
    refuse_unknown(request, Schema)
    return detail(request, records.reports(records.ALL_LANGUAGES), id, records.report_record)


@api.get("/replies", response={200: schemas.Listing[schemas.Reply], **ANSWERS}, tags=["reports"])
def list_replies(request, filters: Query[ReplyFilters]):
    """Replies from the organisations reports were sent to, newest first."""
    refuse_unknown(request, ReplyFilters)
    found = by_year(records.replies(filters.language), "received_on", filters.year)
    if filters.organisation:
        found = found.filter(organisation=filters.organisation)
    return listing(request, filters, found, records.reply_record)


@api.get("/replies/{id}", response={200: schemas.Reply, **ANSWERS}, tags=["reports"])
def get_reply(request, id: int = ID):
    refuse_unknown(request, Schema)
    return detail(request, records.replies(records.ALL_LANGUAGES), id, records.reply_record)


# Decisions and procedures


@api.get(
    "/decisions", response={200: schemas.Listing[schemas.Decision], **ANSWERS}, tags=["decisions"]
)
def list_decisions(request, filters: Query[DecisionFilters]):
    """Relevant decisions with their reasons, newest first."""
    refuse_unknown(request, DecisionFilters)
    found = by_year(records.decisions(filters.language), "decided_on", filters.year)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.organisation:
        found = found.filter(organisations=filters.organisation).distinct()
    if filters.topic:
        found = found.filter(topics__slug=filters.topic).distinct()
    return listing(request, filters, found, records.decision_record)


@api.get("/decisions/{id}", response={200: schemas.Decision, **ANSWERS}, tags=["decisions"])
def get_decision(request, id: int = ID):
    refuse_unknown(request, Schema)
    return detail(request, records.decisions(records.ALL_LANGUAGES), id, records.decision_record)


@api.get(
    "/procedures",
    response={200: schemas.Listing[schemas.Procedure], **ANSWERS},
    tags=["decisions"],
)
def list_procedures(request, filters: Query[ProcedureFilters]):
    """The published procedures for relevant decisions, every version."""
    refuse_unknown(request, ProcedureFilters)
    found = records.procedures(filters.language)
    if filters.kind:
        found = found.filter(kinds__contains=filters.kind)
    return listing(request, filters, found, records.procedure_record)


@api.get("/procedures/{id}", response={200: schemas.Procedure, **ANSWERS}, tags=["decisions"])
def get_procedure(request, id: int = ID):
    refuse_unknown(request, Schema)
    return detail(request, records.procedures(records.ALL_LANGUAGES), id, records.procedure_record)


# Enter and view


@api.get(
    "/visits", response={200: schemas.Listing[schemas.Visit], **ANSWERS}, tags=["enter and view"]
)
def list_visits(request, filters: Query[VisitFilters]):
    """Enter and view visits, latest first."""
    refuse_unknown(request, VisitFilters)
    found = by_year(records.visits(filters.language), "visit_from", filters.year)
    if filters.organisation:
        found = found.filter(provider=filters.organisation)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.topic:
        found = found.filter(topics__slug=filters.topic).distinct()
    return listing(request, filters, found, records.visit_record)


@api.get("/visits/{id}", response={200: schemas.Visit, **ANSWERS}, tags=["enter and view"])
def get_visit(request, id: int = ID):
    refuse_unknown(request, Schema)
    return detail(request, records.visits(records.ALL_LANGUAGES), id, records.visit_record)


@api.get(
    "/authorisations",
    response={200: schemas.Listing[schemas.Authorisation], **ANSWERS},
    tags=["enter and view"],
)
def list_authorisations(request, filters: Query[Paging]):
    """The published list of who is, or was, authorised to enter and view."""
    refuse_unknown(request, Paging)
    return listing(
        request, filters, records.authorisations(filters.language), records.authorisation_record
    )


@api.get(
    "/authorisations/{id}",
    response={200: schemas.Authorisation, **ANSWERS},
    tags=["enter and view"],
)
def get_authorisation(request, id: int = ID):
    refuse_unknown(request, Schema)
    entry = records.authorisations(records.ALL_LANGUAGES).filter(pk=id).first()
    if entry is None:
        raise Http404("No such record is published.")
    with translation.override(entry.page.locale.language_code):
        return records.authorisation_record(entry, request)


# Annual reports


class AnnualReportFilters(Paging):
    year: Year = Field(None, ge=2008, le=2200, description="The year it starts in (2025: 2025/26).")


@api.get(
    "/annual-reports",
    response={200: schemas.Listing[schemas.AnnualReport], **ANSWERS},
    tags=["annual reports"],
)
def list_annual_reports(request, filters: Query[AnnualReportFilters]):
    """The annual reports, one a year from April to March, newest first."""
    refuse_unknown(request, AnnualReportFilters)
    found = records.annual_reports(filters.language)
    if filters.year is not None:
        found = found.filter(start_year=filters.year)
    return listing(request, filters, found, records.annual_report_record)


@api.get(
    "/annual-reports/{id}", response={200: schemas.AnnualReport, **ANSWERS}, tags=["annual reports"]
)
def get_annual_report(request, id: int = ID):
    refuse_unknown(request, Schema)
    found = records.annual_reports(records.ALL_LANGUAGES)
    return detail(request, found, id, records.annual_report_record)


# Information requests and OSC referrals


@api.get(
    "/information-requests",
    response={200: schemas.Listing[schemas.InformationRequest], **ANSWERS},
    tags=["requests and referrals"],
)
def list_information_requests(request, filters: Query[SentFilters]):
    """Requests for information to services-providers, newest first."""
    refuse_unknown(request, SentFilters)
    found = by_year(records.information_requests(filters.language), "sent_on", filters.year)
    if filters.organisation:
        found = found.filter(recipient=filters.organisation)
    return listing(request, filters, found, records.information_request_record)


@api.get(
    "/information-requests/{id}",
    response={200: schemas.InformationRequest, **ANSWERS},
    tags=["requests and referrals"],
)
def get_information_request(request, id: int = ID):
    refuse_unknown(request, Schema)
    return detail(
        request,
        records.information_requests(records.ALL_LANGUAGES),
        id,
        records.information_request_record,
    )


@api.get(
    "/osc-referrals",
    response={200: schemas.Listing[schemas.OSCReferral], **ANSWERS},
    tags=["requests and referrals"],
)
def list_osc_referrals(request, filters: Query[SentFilters]):
    """Matters referred to the Overview and Scrutiny Committee, newest first."""
    refuse_unknown(request, SentFilters)
    found = by_year(records.osc_referrals(filters.language), "sent_on", filters.year)
    if filters.organisation:
        found = found.filter(organisations=filters.organisation).distinct()
    return listing(request, filters, found, records.osc_referral_record)


@api.get(
    "/osc-referrals/{id}",
    response={200: schemas.OSCReferral, **ANSWERS},
    tags=["requests and referrals"],
)
def get_osc_referral(request, id: int = ID):
    refuse_unknown(request, Schema)
    return detail(
        request, records.osc_referrals(records.ALL_LANGUAGES), id, records.osc_referral_record
    )


# Organisations


@api.get(
    "/organisations",
    response={200: schemas.Listing[schemas.Organisation], **ANSWERS},
    tags=["organisations"],
)
def list_organisations(request, filters: Query[Paging]):
    """The organisations the published records name, by name."""
    refuse_unknown(request, Paging)
    return listing(
        request, filters, records.organisations(filters.language), records.organisation_record
    )


@api.get(
    "/organisations/{id}", response={200: schemas.Organisation, **ANSWERS}, tags=["organisations"]
)
def get_organisation(request, id: int = ID):
    refuse_unknown(request, Schema)
    return detail(
        request, records.organisations(records.ALL_LANGUAGES), id, records.organisation_record
    )
