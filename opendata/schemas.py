"""The shapes the API answers with, and so its OpenAPI schema: each field is one the matching
public page shows (opendata/records.py fills them from the live pages)."""

import datetime
from typing import Any, Generic, TypeVar

from ninja import Schema
from pydantic import Field

Item = TypeVar("Item")


class Listing(Schema, Generic[Item]):
    count: int = Field(description="How many records match the filters, on all pages.")
    limit: int
    offset: int
    next: str | None = Field(None, description="The address of the next page, if any.")
    previous: str | None = None
    items: list[Item]


class Problem(Schema):
    detail: str


class Link(Schema):
    """Another public page this record names."""

    id: int
    url: str
    title: str


class Organisation(Schema):
    id: int
    name: str


class Topic(Schema):
    slug: str
    name: str = Field(description="In the record's language where a translation exists.")


class PageRecord(Schema):
    id: int = Field(description="The page's id: stable, and the key of the detail endpoint.")
    translation_key: str = Field(description="Shared by a page and its translations.")
    language: str
    url: str = Field(description="The public page this record is read from.")
    title: str


class Block(Schema):
    """One block of a page's body, in the page's order."""

    type: str = Field(
        description="heading, paragraph, image, document, quote, call_to_action or table."
    )
    value: str | dict[str, Any] = Field(
        description=(
            "paragraph: HTML. heading: text, level (h2 to h4). image: url, alt. document: "
            "title, url (the document's public address). quote: quote, attribution. "
            "call_to_action: heading, text, link_text, url (null when the page it names is "
            "not public). table: caption, first_row_is_header, first_col_is_header, rows (a "
            "list of rows, each a list of cells)."
        )
    )


BODY_HTML = "The page's body as HTML, as the page shows it."


class Outcome(Schema):
    state: str = Field(
        description="accepted, partly_accepted, not_accepted, not_answered or awaiting."
    )
    state_label: str
    reply: Link | None = None
    explanation: str = ""
    commitment: str = ""
    commitment_by: datetime.date | None = None


class Recommendation(Schema):
    number: int
    text: str
    organisation: Organisation
    outcome: Outcome


class Recipient(Schema):
    organisation: Organisation
    sent_on: datetime.date
    reply_within: int = Field(description="Working days.")
    due_by: datetime.date
    reply: Link | None = None


class Report(PageRecord):
    summary: str
    report_date: datetime.date
    kind: str
    kind_label: str
    care_sector: str
    care_sector_label: str
    topics: list[Topic]
    organisations: list[Organisation] = Field(description="The organisations it was sent to.")
    sent_to: list[Recipient]
    recommendations: list[Recommendation]
    body: list[Block] = Field(description="The report's body as a list of blocks.")
    body_html: str = Field(description=BODY_HTML)
    experiences_drawn_on: int = Field(description="How many people's experiences it draws on.")
    document: str | None = Field(None, description="The report's file, when published.")
    visit: Link | None = None
    decision: Link | None = None


class RecommendationRow(Recommendation):
    """A recommendation with the report it is in: a row of the recommendations download."""

    report: Link
    report_date: datetime.date


class Answer(Schema):
    recommendation_number: int
    recommendation: str
    outcome: str
    outcome_label: str
    explanation: str = ""
    commitment: str = ""
    commitment_by: datetime.date | None = None


class Reply(PageRecord):
    organisations: list[Organisation] = Field(description="The organisation that replied.")
    received_on: datetime.date
    report: Link
    report_sent_on: datetime.date | None = None
    due_by: datetime.date | None = None
    summary: str
    letter: str | None = None
    answers: list[Answer]


class Decision(PageRecord):
    kind: str = Field(description="The kind of relevant decision, a to h (regulation 2(2)).")
    kind_label: str
    decided_on: datetime.date
    decided_by: str
    amount: str | None = Field(
        None,
        description="For a decision to spend money (kind c): the most that may be spent, in "
        'pounds, with two decimal places (e.g. "1200.00").',
    )
    spending_purpose: str = Field("", description="For kind c: what it pays for (a code).")
    spending_purpose_label: str = ""
    statement: str = Field(description="HTML, as on the page.")
    reasons: str = Field(description="HTML, as on the page.")
    organisations: list[Organisation]
    sector: str
    topics: list[Topic]
    procedure: Link | None = None
    document: str | None = None
    took_part: list[str] = Field(description="Who took part in making the decision.")


class Kind(Schema):
    code: str
    label: str


class Procedure(PageRecord):
    summary: str
    kinds: list[Kind]
    who_may_decide: str = Field(description="HTML, as on the page.")
    body: list[Block] = Field(description="How decisions are made, as a list of blocks.")
    body_html: str = Field(description=BODY_HTML)
    in_force_from: datetime.date
    version: int
    supersedes: Link | None = None


class Visit(PageRecord):
    premises_name: str
    premises_address: str
    service_kind: str
    service_kind_label: str
    communal_areas_only: bool
    sector: str
    organisations: list[Organisation] = Field(description="The services-provider.")
    visit_from: datetime.date
    visit_until: datetime.date | None = None
    status: str
    status_note: str
    purpose: str = Field(description="HTML, as on the page.")
    representatives: list[str] = Field(description="The authorised representatives going.")
    topics: list[Topic]
    decision: Link | None = None
    reports: list[Link]


class InformationRequest(PageRecord):
    organisations: list[Organisation] = Field(description="The organisation asked.")
    sent_on: datetime.date
    due_by: datetime.date
    replied_on: datetime.date | None = None
    request: str = Field(description="HTML, as on the page.")
    reply: str = Field(description="HTML, as on the page.")
    decision: Link | None = None


class OSCReferral(PageRecord):
    osc: Organisation
    organisations: list[Organisation] = Field(description="The organisations it concerns.")
    sent_on: datetime.date
    due_by: datetime.date
    acknowledged_on: datetime.date | None = None
    matter: str = Field(description="HTML, as on the page.")
    osc_response: str = Field(description="HTML, as on the page.")
    decision: Link | None = None


class Authorisation(Schema):
    id: int = Field(description="The entry's id on the published list.")
    url: str = Field(description="The enter and view page that lists it.")
    language: str
    name: str = Field(description="The authorised representative's name, as listed.")
    authorised_from: datetime.date
    authorised_until: datetime.date
    revoked_on: datetime.date | None = None
    state: str = Field(description="current, to_come, ended or revoked.")


class DecisionCount(Schema):
    code: str = Field(description="The kind of relevant decision, a to h.")
    label: str
    count: int


class TookPart(Schema):
    name: str
    decisions: int = Field(description="How many of the year's relevant decisions.")


class OutcomeCount(Schema):
    label: str
    count: int


class RepliesOf(Schema):
    organisation: str
    on_time: int
    late: int
    overdue: int
    not_yet_due: int


class SpendingOn(Schema):
    label: str = Field(description="What it pays for.")
    amount: str = Field(description='In pounds, two decimal places ("1200.00").')


class Spending(Schema):
    amount: str = Field(description="The year's total, in pounds, two decimal places.")
    by_purpose: list[SpendingOn]


class AnnualReport(PageRecord):
    """The annual report on one year from April to March, with the figures its page shows
    (made from the records when the report was approved)."""

    year: str = Field(description='The year from April to March, e.g. "2025/26".')
    starts_on: datetime.date
    ends_on: datetime.date
    figures_taken_on: datetime.date = Field(description="When the figures were taken.")
    introduction: str = Field(description="HTML, as on the page.")
    body: list[Block]
    body_html: str = Field(description=BODY_HTML)
    pdf: str | None = Field(None, description="The printable PDF of the report.")
    decisions: int
    decisions_by_kind: list[DecisionCount]
    took_part: list[TookPart]
    reports: int
    recommendations: int
    recommendation_outcomes: list[OutcomeCount]
    replies: list[RepliesOf] = Field(
        description="Replies owed to the year's reports, requests and referrals."
    )
    information_requests: int
    osc_referrals: int
    visits: int
    authorised: list[str] = Field(description="Everyone authorised to enter and view then.")
    spending: Spending
