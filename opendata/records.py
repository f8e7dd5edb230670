"""What the API serves, read from the live, public pages: one queryset and one record builder
per record type. Each builder gives only what the type's public page shows (its template in
templates/publications/ or templates/decisions/), in the page's language. The open data files
are built from the same functions (opendata/registry.py lists them, opendata/downloads.py
writes them).

HTML (rich text, a page's body) is given with its links and images at full addresses, so it
works wherever it is reused; a document is linked by its public address only (the document
serve view, which answers while a live, public page shows the file).
"""

import re

from django.conf import settings
from wagtail.rich_text import expand_db_html

from annual_report.models import AnnualReportPage
from annual_report.reading import FiguresReading
from decisions.models import (
    Authorisation,
    DecisionKind,
    DecisionPage,
    EnterAndViewPage,
    InformationRequestPage,
    OSCReferralPage,
    ProcedurePage,
    VisitPage,
)
from linksite.models import Organisation
from linksite.visibility import public
from publications.accountability import recommendation_rows
from publications.models import RecommendationOutcome, ReportPage, ResponsePage
from publications.replies import (
    parent_path_expression,
    recipients_prefetch,
    recommendations_prefetch,
    with_replies,
)
from search.topic_translations import names_in

NOT_ANSWERED = RecommendationOutcome.Outcome.NOT_ANSWERED


# For a detail endpoint: a record is found by its id in whichever language it is written.
ALL_LANGUAGES = "*"


def live(model, language=None):
    """The live, public pages of `model` in `language` (the default language if None)."""
    pages = public(model.objects.live())
    if language != ALL_LANGUAGES:
        pages = pages.filter(locale__language_code=language or settings.LANGUAGE_CODE)
    return pages.select_related("locale")


def url_of(page, request):
    return page.get_full_url(request)


def link(page, request):
    """A link to another page the record names, only when that page is live and public."""
    if page is None or not page.live or not public(type(page).objects.filter(pk=page.pk)).exists():
        return None
    return {"id": page.pk, "url": url_of(page, request), "title": page.title}


def organisation(org):
    return {"id": org.pk, "name": org.name}


def by_name(organisations):
    return [organisation(o) for o in sorted(organisations, key=lambda o: (o.name, o.pk))]


# An attribute holding an address on this site ("/documents/3/report.pdf"), not another
# site's ("//example.org/...").
LOCAL_ADDRESS = re.compile(r'\b(href|src)="(/(?!/)[^"]*)"')
# The rendition of a body's image the page shows (templates/blocks/image.html).
BODY_IMAGE = "width-800"


def absolute_links(html, request):
    """`html` with each address on this site written in full (the request's scheme and host)."""
    if request is None:
        return html
    root = request.build_absolute_uri("/").rstrip("/")
    return LOCAL_ADDRESS.sub(lambda m: f'{m.group(1)}="{root}{m.group(2)}"', html)


def rich(html, request=None):
    return absolute_links(expand_db_html(html or ""), request)


def document_url(document, request):
    return request.build_absolute_uri(document.url) if document is not None else None


def body_html(page, request):
    """The page's body as its public page shows it (the same block templates)."""
    rendered = page.body.render_as_block(context={"page": page, "self": page, "request": request})
    return absolute_links(str(rendered), request)


def body_blocks(page, request):
    """The page's body as a list of blocks, each its type and value, in the page's order."""
    blocks = []
    for block in page.body:
        value = block_value(block, request)
        if value is not None:
            blocks.append({"type": block.block_type, "value": value})
    return blocks


def block_value(block, request):
    """One block of a body (linksite/blocks.py BodyBlock) as data; None for a block that shows
    nothing (an image or document since deleted)."""
    kind, value = block.block_type, block.value
    if kind == "paragraph":
        return rich(value.source, request)
    if kind == "heading":
        return {"text": value["text"], "level": value["level"]}
    if kind == "quote":
        return {"quote": value["quote"], "attribution": value["attribution"] or ""}
    if kind == "image":
        if value is None:
            return None
        rendition = value.get_rendition(BODY_IMAGE)
        return {"url": request.build_absolute_uri(rendition.url), "alt": rendition.alt}
    if kind == "document":
        document = value["document"]
        if document is None:
            return None
        return {"title": value["title"] or document.title, "url": document_url(document, request)}
    if kind == "call_to_action":
        chosen = value["page"]
        if chosen is None:
            url = value["url"] or None
        else:
            # Only a live, public page's address: the public page links any page chosen.
            target = link(chosen, request)
            url = target["url"] if target else None
        return {
            "heading": value["heading"],
            "text": value["text"] or "",
            "link_text": value["link_text"],
            "url": url,
        }
    if kind == "table":
        return {
            "caption": value.get("table_caption") or "",
            "first_row_is_header": bool(value.get("first_row_is_table_header")),
            "first_col_is_header": bool(value.get("first_col_is_header")),
            "rows": [["" if c is None else str(c) for c in row] for row in value.get("data") or []],
        }
    # A kind of block added later: as the page shows it.
    return absolute_links(str(block.render(context={"request": request})), request)


def topics_of(page):
    topics = sorted(page.topics.all(), key=lambda topic: (topic.name, topic.pk))
    names = names_in(topics, page.locale)
    return [{"slug": topic.slug, "name": str(names[topic.pk])} for topic in topics]


def base(page, request):
    return {
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "language": page.locale.language_code,
        "url": url_of(page, request),
        "title": page.title,
    }


# Reports


def reports(language=None):
    return (
        live(ReportPage, language)
        .select_related("report_document", "visit", "decision")
        .prefetch_related(recipients_prefetch(), recommendations_prefetch(), "topics")
        .order_by("-report_date", "-pk")
    )


def report_record(report, request):
    with_replies([report])
    # In the editor's order, and the same order on every database.
    report.owed.sort(key=lambda r: (r.sort_order or 0, r.pk))
    rows = recommendation_rows([report])
    return {
        **base(report, request),
        "summary": report.summary,
        "report_date": report.report_date,
        "kind": report.kind,
        "kind_label": str(report.get_kind_display()),
        "care_sector": report.care_sector,
        "care_sector_label": str(report.get_care_sector_display()),
        "topics": topics_of(report),
        "organisations": [organisation(r.organisation) for r in report.owed],
        "sent_to": [
            {
                "organisation": organisation(r.organisation),
                "sent_on": r.sent_on,
                "reply_within": r.reply_within,
                "due_by": r.due_by,
                "reply": link(r.reply, request),
            }
            for r in report.owed
        ],
        "recommendations": [
            {
                "number": row.recommendation.number,
                "text": row.recommendation.text,
                "organisation": organisation(row.organisation),
                "outcome": {
                    "state": row.state,
                    "state_label": str(row.state_label),
                    "reply": link(row.reply, request),
                    "explanation": row.outcome.explanation if row.outcome else "",
                    "commitment": row.outcome.commitment if row.outcome else "",
                    "commitment_by": row.outcome.commitment_by if row.outcome else None,
                },
            }
            for row in rows
        ],
        "body": body_blocks(report, request),
        "body_html": body_html(report, request),
        "experiences_drawn_on": report.experiences_drawn_on,
        "document": document_url(report.report_document, request),
        "visit": link(report.visit, request),
        "decision": link(report.decision, request),
    }


def recommendations_of(report_record):
    """The recommendations of one report's record, each with its report: the rows of the
    recommendations download (the API serves them within each report)."""
    report = {key: report_record[key] for key in ("id", "url", "title")}
    for recommendation in report_record["recommendations"]:
        yield {"report": report, "report_date": report_record["report_date"], **recommendation}


# Replies


def replies(language=None):
    """Replies to live, public reports only: a reply under a report taken down would
    otherwise show the report's title."""
    reports = public(ReportPage.objects.live()).values("path")
    return (
        live(ResponsePage, language)
        .annotate(parent_path=parent_path_expression())
        .filter(parent_path__in=reports)
        .select_related("organisation", "letter")
        .order_by("-received_on", "-pk")
    )


def reply_record(reply, request):
    context_report = reply.report
    recipient = reply.recipient
    outcomes = {o.recommendation.number: o for o in reply.outcomes.select_related("recommendation")}
    answers = []
    for recommendation in context_report.recommendations.all():
        if recommendation.organisation_id != reply.organisation_id:
            continue
        outcome = outcomes.get(recommendation.number)
        answers.append(
            {
                "recommendation_number": recommendation.number,
                "recommendation": recommendation.text,
                "outcome": outcome.outcome if outcome else "not_answered",
                "outcome_label": str(
                    outcome.get_outcome_display() if outcome else NOT_ANSWERED.label
                ),
                "explanation": outcome.explanation if outcome else "",
                "commitment": outcome.commitment if outcome else "",
                "commitment_by": outcome.commitment_by if outcome else None,
            }
        )
    return {
        **base(reply, request),
        "organisations": [organisation(reply.organisation)],
        "received_on": reply.received_on,
        "report": {
            "id": context_report.pk,
            "url": url_of(context_report, request),
            "title": context_report.title,
        },
        "report_sent_on": recipient.sent_on if recipient else None,
        "due_by": recipient.due_by if recipient else None,
        "summary": reply.summary,
        "letter": document_url(reply.letter, request),
        "answers": answers,
    }


# Decisions and procedures


def decisions(language=None):
    return (
        live(DecisionPage, language)
        .select_related("procedure", "document")
        .prefetch_related("organisations", "topics", "took_part")
        .order_by("-decided_on", "-pk")
    )


def decision_record(decision, request):
    return {
        **base(decision, request),
        "kind": decision.kind,
        "kind_label": str(decision.kind_label),
        "decided_on": decision.decided_on,
        "decided_by": decision.decided_by,
        "amount": f"{decision.amount:.2f}" if decision.amount is not None else None,
        "spending_purpose": decision.spending_purpose,
        "spending_purpose_label": (
            str(decision.get_spending_purpose_display()) if decision.spending_purpose else ""
        ),
        "statement": rich(decision.statement, request),
        "reasons": rich(decision.reasons, request),
        "organisations": by_name(decision.organisations.all()),
        "sector": decision.sector,
        "topics": topics_of(decision),
        "procedure": link(decision.procedure, request),
        "document": document_url(decision.document, request),
        "took_part": [person.display_name for person in decision.took_part.all()],
    }


def procedures(language=None):
    return live(ProcedurePage, language).select_related("supersedes").order_by("-in_force_from")


def procedure_record(procedure, request):
    return {
        **base(procedure, request),
        "summary": procedure.summary,
        "kinds": [{"code": c, "label": str(label)} for c, label in procedure.kinds_with_labels()],
        "who_may_decide": rich(procedure.who_may_decide, request),
        "body": body_blocks(procedure, request),
        "body_html": body_html(procedure, request),
        "in_force_from": procedure.in_force_from,
        "version": procedure.version,
        "supersedes": link(procedure.supersedes, request),
    }


# Enter and view


def visits(language=None):
    return (
        live(VisitPage, language)
        .select_related("provider", "decision")
        .prefetch_related("representatives__person", "topics")
        .order_by("-visit_from", "-pk")
    )


def visit_record(visit, request):
    return {
        **base(visit, request),
        "premises_name": visit.premises_name,
        "premises_address": visit.premises_address,
        "service_kind": visit.service_kind,
        "service_kind_label": str(visit.get_service_kind_display()),
        "communal_areas_only": visit.communal_areas_only,
        "sector": visit.sector,
        "organisations": [organisation(visit.provider)],
        "visit_from": visit.visit_from,
        "visit_until": visit.visit_until,
        "status": visit.status,
        "status_note": visit.status_note,
        "purpose": rich(visit.purpose, request),
        "representatives": [r.person.display_name for r in visit.representatives.all()],
        "topics": topics_of(visit),
        "decision": link(visit.decision, request),
        "reports": [link(r, request) for r in visit.resulting_reports()],
    }


def authorisations(language=None):
    pages = live(EnterAndViewPage, language)
    return (
        Authorisation.objects.filter(page__in=pages)
        .select_related("person", "page", "page__locale")
        .order_by("person__display_name", "authorised_from", "pk")
    )


def authorisation_record(entry, request):
    return {
        "id": entry.pk,
        "url": url_of(entry.page, request),
        "language": entry.page.locale.language_code,
        "name": entry.person.display_name,
        "authorised_from": entry.authorised_from,
        "authorised_until": entry.authorised_until,
        "revoked_on": entry.revoked_on,
        "state": str(entry.state()),
    }


# Information requests and OSC referrals


def information_requests(language=None):
    return (
        live(InformationRequestPage, language)
        .select_related("recipient", "decision")
        .order_by("-sent_on", "-pk")
    )


def information_request_record(page, request):
    return {
        **base(page, request),
        "organisations": [organisation(page.recipient)],
        "sent_on": page.sent_on,
        "due_by": page.due_by,
        "replied_on": page.replied_on,
        "request": rich(page.request, request),
        "reply": rich(page.reply, request),
        "decision": link(page.decision, request),
    }


def osc_referrals(language=None):
    return (
        live(OSCReferralPage, language)
        .select_related("osc", "decision")
        .prefetch_related("organisations")
        .order_by("-sent_on", "-pk")
    )


def osc_referral_record(page, request):
    return {
        **base(page, request),
        "osc": organisation(page.osc),
        "organisations": by_name(page.organisations.all()),
        "sent_on": page.sent_on,
        "due_by": page.due_by,
        "acknowledged_on": page.acknowledged_on,
        "matter": rich(page.matter, request),
        "osc_response": rich(page.osc_response, request),
        "decision": link(page.decision, request),
    }


# Organisations


def organisations(language=None):
    """The organisations a live, public record names (by name, as its page shows them): not
    the whole directory, whose other entries no public page shows."""
    named = set()
    for ids in (
        live(ReportPage, language).values_list("recipients__organisation", flat=True),
        live(ResponsePage, language).values_list("organisation", flat=True),
        live(DecisionPage, language).values_list("organisations", flat=True),
        live(VisitPage, language).values_list("provider", flat=True),
        live(InformationRequestPage, language).values_list("recipient", flat=True),
        live(OSCReferralPage, language).values_list("osc", flat=True),
        live(OSCReferralPage, language).values_list("organisations", flat=True),
    ):
        named |= set(ids.order_by())
    named.discard(None)
    return Organisation.objects.filter(pk__in=named).order_by("name", "pk")


def organisation_record(org, request):
    return organisation(org)


KIND_CODES = tuple(DecisionKind.values)


# Annual reports


def annual_reports(language=None):
    return live(AnnualReportPage, language).order_by("-start_year", "pk")


def annual_report_record(page, request):
    """The annual report's figures as its page shows them (annual_report.reading), in its
    language; the records it names are the other endpoints' records."""
    reading = FiguresReading(page, request)
    return {
        **base(page, request),
        "year": page.year.label,
        "starts_on": reading.starts_on,
        "ends_on": reading.ends_on,
        "figures_taken_on": reading.made_on,
        "introduction": rich(page.introduction, request),
        "body": body_blocks(page, request),
        "body_html": body_html(page, request),
        "pdf": request.build_absolute_uri(page.url + "pdf/") if page.url else None,
        "decisions": reading.decisions_total,
        "decisions_by_kind": [
            {"code": kind["code"], "label": str(kind["label"]), "count": kind["count"]}
            for kind in reading.decisions_by_kind
        ],
        "took_part": [
            {"name": str(row["person"]), "decisions": row["decisions"]} for row in reading.took_part
        ],
        "reports": len(reading.reports),
        "recommendations": reading.recommendations_total,
        # As the page: what became of the recommendations only when the year had reports.
        "recommendation_outcomes": [
            {"label": str(label), "count": count} for label, count in reading.outcomes
        ]
        if reading.reports
        else [],
        "replies": [
            {
                "organisation": str(name),
                "on_time": tally.on_time,
                "late": tally.late,
                "overdue": tally.overdue,
                "not_yet_due": tally.awaiting,
            }
            for name, tally in reading.replies
        ],
        "information_requests": len(reading.information_requests),
        "osc_referrals": len(reading.osc_referrals),
        "visits": len(reading.visits),
        "authorised": [str(row["person"]) for row in reading.authorised],
        "spending": {
            "amount": f"{reading.spending_total:.2f}",
            "by_purpose": [
                {"label": str(label), "amount": f"{amount:.2f}"}
                for label, amount in reading.spending_by_purpose
            ],
        },
    }
