"""Demo content for reports, replies, the accountability view and the work plan.

Dates are counted back from today, so each report keeps the reply status it is there to
show (awaiting, overdue, late, on time) whenever the demo is loaded.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from linksite import working_days
from linksite.demo import approve_through_workflow, child_page, translate_through_workflow
from linksite.simple_pdf import pdf_with_text

from . import demo_translations
from .models import (
    Recommendation,
    RecommendationOutcome,
    RecommendationsPage,
    ReportIndexPage,
    ReportPage,
    ReportRecipient,
    ResponsePage,
    WorkPlanIndexPage,
    WorkPlanItemPage,
    WorkPlanLink,
    WorkPlanOutcome,
    WorkPlanPage,
)

Outcome = RecommendationOutcome.Outcome


def paragraph(html):
    return ("paragraph", html)


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def quote(text, who):
    return ("quote", {"quote": text, "attribution": who})


def working_days_after(day, count):
    for _ in range(count):
        day = working_days.next_working_day(day + working_days.ONE_DAY)
    return day


# Found only inside the PDF of the demo's patient transport report: the README tells newcomers
# to search for it.
DEMO_PDF_PHRASE = "outside the old Corn Exchange"


def demo_pdf(title, lines):
    """A real PDF document with a text layer, made once."""
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    filename = title.lower().replace(" ", "-").replace(":", "").replace(",", "") + ".pdf"
    document = Document(title=title)
    document.file.save(filename, ContentFile(pdf_with_text(lines, title=title)), save=False)
    document.save()
    return document


def report(index, slug, topics=(), recipients=(), recommendations=(), **fields):
    """The live report with this slug, created with its inline rows and approved if missing."""
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = ReportPage(
        slug=slug,
        live=False,
        recipients=[
            ReportRecipient(organisation=organisation, sent_on=sent_on, reply_within=within)
            for organisation, sent_on, within in recipients
        ],
        recommendations=[
            Recommendation(number=number, organisation=organisation, text=text)
            for number, (organisation, text) in enumerate(recommendations, start=1)
        ],
        **fields,
    )
    page.topics.add(*topics)
    index.add_child(instance=page)
    approve_through_workflow(page)
    return page


def reply(report_page, slug, organisation, received_on, outcomes, **fields):
    """A live reply to `report_page`; `outcomes` maps recommendation numbers to
    (outcome, explanation, commitment, by when)."""
    recommendations = {r.number: r for r in Recommendation.objects.filter(page=report_page)}
    return child_page(
        report_page,
        ResponsePage,
        slug,
        organisation=organisation,
        received_on=received_on,
        outcomes=[
            RecommendationOutcome(
                recommendation=recommendations[number],
                outcome=outcome,
                explanation=explanation,
                commitment=commitment,
                commitment_by=by_when,
            )
            for number, (outcome, explanation, commitment, by_when) in outcomes.items()
        ],
        **fields,
    )


def load(demo):
    today = datetime.date.today()
    index = child_page(
        demo.home,
        ReportIndexPage,
        "reports",
        title="Reports",
        show_in_menus=True,
        introduction="<p>What we found when we listened to people and visited services, what we "
        "recommended, and whether the organisations we wrote to replied in time.</p>",
    )
    demo.pages["reports"] = index
    reports = load_reports(demo, index, today)
    demo.pages["recommendations"] = child_page(
        demo.home,
        RecommendationsPage,
        "recommendations",
        title="Recommendations and replies",
        show_in_menus=True,
        introduction="<p>Every recommendation we have made, who it was for and what they did "
        "about it. Commissioners and providers must reply to our reports within 20 working "
        "days unless they agreed a different period with us.</p>",
    )
    load_work_plan(demo, today, reports)
    load_translations(demo, reports)
    demo.hints.append(f"Try the search with a phrase found only inside a PDF: “{DEMO_PDF_PHRASE}”.")


def load_translations(demo, reports):
    """The enter and view report on Willow Court in Urdu, Polish and Bengali, each approved
    like the English, its recommendations translated with it. The report list goes first:
    translated on its own, a report would bring its parent along as an alias of the English
    list, live without an approval of its own."""
    for language in demo_translations.WILLOW_COURT_REPORT:
        demo.pages[f"reports-{language}"] = translate_through_workflow(
            demo.pages["reports"], language, demo_translations.REPORTS[language]
        )
        demo.pages[f"enter-and-view-willow-court-{language}"] = translate_through_workflow(
            reports["brookside"], language, demo_translations.WILLOW_COURT_REPORT[language]
        )


def load_reports(demo, index, today):
    org = demo.organisation
    brookside = org("Brookside Care Homes")
    council = org("Aldermoor Borough Council Adult Social Care")
    hospitals = org("Aldermoor Hospitals NHS Trust")
    pct = org("NHS Aldermoor Primary Care Trust")
    riverside = org("Riverside Home Care Agency")
    community = org("Aldermoor Community Health Services")
    reports = {}

    # An enter and view report with its PDF, answered on time.
    sent = today - datetime.timedelta(days=150)
    pdf = demo_pdf(
        "Enter and view report: Willow Court care home",
        [
            "Aldermoor LINk - Enter and view report",
            "Willow Court care home, Mill Lane, Aldermoor",
            "Visited by two authorised representatives of Aldermoor LINk.",
            "We spoke with 11 residents, 4 relatives and 6 members of staff.",
            "Recommendation 1: Offer residents a choice of meal at the time it is served.",
            "Recommendation 2: Give help with eating before food goes cold.",
            "Recommendation 3: Fix the call bells in the first floor lounge.",
        ],
    )
    reports["brookside"] = brookside_report = report(
        index,
        "enter-and-view-willow-court",
        topics=["care homes", "mealtimes", "dignity"],
        title="Enter and view visit: Willow Court care home",
        summary="Residents are treated kindly, but mealtimes are rushed and some wait too long "
        "for help.",
        report_date=sent - datetime.timedelta(days=7),
        kind=ReportPage.Kind.ENTER_AND_VIEW,
        care_sector="social_care",
        report_document=pdf,
        visit=demo.pages.get("willow-court-october-2025"),
        body=[
            heading("What we did"),
            paragraph(
                "<p>Two authorised representatives visited the communal areas of Willow "
                "Court, a care home for 42 older people, on a weekday over lunch. We spoke with "
                "residents, relatives and staff. We did not enter residents' rooms.</p>"
            ),
            heading("What we found"),
            paragraph(
                "<p>Staff knew residents well and spoke to them kindly. The home was clean. "
                "Lunch was served quickly and several residents who needed help with eating "
                "waited until their food had gone cold.</p>"
            ),
            quote("They are lovely here, but dinner is a rush.", "a resident"),
            quote("Mum's call bell in the lounge has not worked for weeks.", "a relative"),
        ],
        recipients=[(brookside, sent, 20)],
        recommendations=[
            (
                brookside,
                "Offer residents a choice of meal at the time it is served, not the day before.",
            ),
            (
                brookside,
                "Make sure everyone who needs help with eating gets it before their "
                "food goes cold, if need be by staggering lunch.",
            ),
            (
                brookside,
                "Repair the call bells in the first floor lounge and check every call "
                "bell each week.",
            ),
        ],
    )
    reply(
        brookside_report,
        "reply-from-brookside-care-homes",
        brookside,
        sent + datetime.timedelta(days=8),
        {
            1: (
                Outcome.ACCEPTED,
                "We agree this matters to residents.",
                "Show residents both plated meals at the table.",
                sent + datetime.timedelta(days=60),
            ),
            2: (Outcome.ACCEPTED, "", "Lunch will be served in two sittings.", None),
            3: (
                Outcome.PARTLY_ACCEPTED,
                "The bells are repaired. Weekly checks of every bell are more than we can "
                "manage; we will check them monthly.",
                "Monthly call bell checks.",
                None,
            ),
        },
        title="Reply from Brookside Care Homes Ltd",
        summary="Brookside accepted two recommendations and most of the third. The call bells "
        "were repaired the week after our visit.",
    )

    # Hospital discharge: the council replied on time; the hospital trust has not replied.
    sent = today - datetime.timedelta(days=75)
    reports["discharge"] = discharge = report(
        index,
        "leaving-hospital",
        topics=["hospital discharge", "carers"],
        title="Leaving hospital: what patients and carers told us",
        summary="Too many people leave hospital late in the day, without their medicines or a "
        "plan for care at home.",
        report_date=sent - datetime.timedelta(days=3),
        kind=ReportPage.Kind.ENGAGEMENT,
        care_sector="both",
        decision=demo.pages.get("send-discharge-report"),
        body=[
            paragraph(
                "<p>Over three months 214 people told us about leaving Aldermoor General "
                "Hospital, on paper, online and at 9 listening events.</p>"
            ),
            quote(
                "I was told at nine in the morning I could go. I left at eight at night.",
                "a patient, aged 78",
            ),
        ],
        recipients=[(hospitals, sent, 20), (council, sent, 20)],
        recommendations=[
            (
                hospitals,
                "Plan each patient's discharge from the day they are admitted and share "
                "the plan with them and their carer.",
            ),
            (
                hospitals,
                "Have medicines to take home ready before the patient is told they can go.",
            ),
            (council, "Assess people for care at home before the day they leave hospital."),
        ],
    )
    reply(
        discharge,
        "reply-from-adult-social-care",
        council,
        sent + datetime.timedelta(days=9),
        {
            3: (
                Outcome.ACCEPTED,
                "Most assessments can be done on the ward.",
                "Social workers based at the hospital five days a week.",
                sent + datetime.timedelta(days=120),
            ),
        },
        title="Reply from Adult Social Care",
        summary="The council accepted our recommendation and will base social workers at the "
        "hospital.",
    )

    # Home care: the agency replied, but late.
    sent = today - datetime.timedelta(days=130)
    reports["home-care"] = home_care = report(
        index,
        "home-care-time-to-care",
        topics=["home care"],
        title="Home care: time to care",
        summary="People who get care at home say visits are too short and carers change too often.",
        report_date=sent - datetime.timedelta(days=4),
        kind=ReportPage.Kind.ENGAGEMENT,
        care_sector="social_care",
        body=[paragraph("<p>We heard from 63 people who get care at home, and 25 carers.</p>")],
        recipients=[(riverside, sent, 20)],
        recommendations=[
            (riverside, "Tell people in advance when their carer will change."),
            (riverside, "Stop 15-minute visits for help with washing and dressing."),
        ],
    )
    reply(
        home_care,
        "reply-from-riverside",
        riverside,
        working_days_after(working_days.deadline(sent), 6),
        {
            1: (Outcome.ACCEPTED, "", "A weekly rota sent to each person.", None),
            2: (
                Outcome.NOT_ACCEPTED,
                "The council pays for 15-minute visits; we cannot make them longer ourselves.",
                "",
                None,
            ),
        },
        title="Reply from Riverside Home Care Agency",
        summary="Riverside will send people their carers' rota each week. It says visit "
        "lengths are set by the council, which pays for them.",
    )

    # GP appointments: answered on time, with mixed outcomes.
    sent = today - datetime.timedelta(days=45)
    reports["gp"] = gp = report(
        index,
        "gp-appointments",
        topics=["GP services", "telephone booking"],
        title="Getting a GP appointment: the new phone system",
        summary="Since the new phone system started, people wait longer and some give up.",
        report_date=sent - datetime.timedelta(days=2),
        kind=ReportPage.Kind.ENGAGEMENT,
        care_sector="health",
        body=[paragraph("<p>We asked 402 people about booking an appointment with their GP.</p>")],
        recipients=[(pct, sent, 20)],
        recommendations=[
            (pct, "Tell callers where they are in the queue."),
            (pct, "Keep a way to book in person for people who cannot use the phone or internet."),
            (pct, "Let people book routine appointments more than two weeks ahead."),
            (pct, "Publish each practice's phone answering times every month."),
        ],
    )
    reply(
        gp,
        "reply-from-the-pct",
        pct,
        sent + datetime.timedelta(days=6),
        {
            1: (
                Outcome.ACCEPTED,
                "",
                "Queue position on every practice line.",
                today + datetime.timedelta(days=60),
            ),
            2: (
                Outcome.PARTLY_ACCEPTED,
                "Every practice will keep a reception desk, but not all day.",
                "",
                None,
            ),
            3: (
                Outcome.NOT_ACCEPTED,
                "Practices need to keep appointments free for people who are ill on the day.",
                "",
                None,
            ),
        },
        title="Reply from NHS Aldermoor Primary Care Trust",
        summary="The trust accepted one recommendation, part of another, refused one and did "
        "not answer the fourth.",
    )

    # A consultation response: the reply is not yet due.
    sent = today - datetime.timedelta(days=6)
    reports["mental-health"] = report(
        index,
        "consultation-community-mental-health",
        topics=["mental health"],
        title="Our response to the consultation on community mental health services",
        summary="We support more help close to home, but not closing the crisis house before "
        "its replacement opens.",
        report_date=sent,
        kind=ReportPage.Kind.CONSULTATION_RESPONSE,
        care_sector="health",
        body=[
            paragraph(
                "<p>What 48 people told us about the plans for community mental "
                "health services.</p>"
            )
        ],
        recipients=[(community, sent, 20), (pct, sent, 20)],
        recommendations=[
            (community, "Keep the crisis house open until the new service is running."),
            (pct, "Publish how the new service will be judged, before it starts."),
        ],
    )

    # An older report (three years ago), with a longer reply period agreed, answered on time.
    # Its PDF holds a phrase found nowhere else on the site (DEMO_PDF_PHRASE): searching for it
    # finds this report by the text inside its PDF.
    sent = today - datetime.timedelta(days=3 * 365)
    transport_pdf = demo_pdf(
        "Patient transport to Aldermoor General Hospital (full report)",
        [
            "Patient transport to Aldermoor General Hospital",
            "What 87 people told Aldermoor LINk about getting to their appointments.",
            f"Several people waited for the hospital minibus {DEMO_PDF_PHRASE} for over an hour.",
            "Others missed appointments because no transport came at all.",
            "Recommendation 1: Text patients when their transport is on its way.",
            "Recommendation 2: Count and publish missed pick-ups every quarter.",
        ],
    )
    reports["transport"] = transport = report(
        index,
        "patient-transport",
        topics=["transport"],
        title="Patient transport to Aldermoor General Hospital",
        summary="Patients miss appointments because hospital transport arrives late or not at all.",
        report_date=sent - datetime.timedelta(days=5),
        kind=ReportPage.Kind.OTHER,
        care_sector="health",
        body=[paragraph("<p>Drawn from 87 comments about getting to hospital appointments.</p>")],
        report_document=transport_pdf,
        recipients=[(pct, sent, 30)],
        recommendations=[
            (pct, "Text patients when their transport is on its way."),
            (pct, "Count and publish missed pick-ups every quarter."),
        ],
    )
    reply(
        transport,
        "reply-from-the-pct",
        pct,
        sent + datetime.timedelta(days=30),
        {
            1: (Outcome.ACCEPTED, "", "Text alerts from the transport provider.", None),
            2: (Outcome.ACCEPTED, "", "A quarterly report to the LINk.", None),
        },
        title="Reply from NHS Aldermoor Primary Care Trust",
        summary="The trust accepted both recommendations.",
    )
    return reports


def work_plan_item(plan, slug, topics, **fields):
    """The live work plan item with this slug, created with its topics and approved if
    missing (tags cannot go to a page's constructor)."""
    existing = plan.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = WorkPlanItemPage(slug=slug, live=False, **fields)
    page.topics.add(*topics)
    plan.add_child(instance=page)
    return approve_through_workflow(page)


def load_work_plan(demo, today, reports):
    year = today.year if today.month >= 4 else today.year - 1
    start = datetime.date(year, 4, 1)
    index = child_page(
        demo.home,
        WorkPlanIndexPage,
        "work-plan",
        title="Work plan",
        show_in_menus=True,
        introduction="<p>What we plan to look at each year, from April to March, why we chose "
        "it and how we will know it made a difference.</p>",
    )
    demo.pages["work-plan"] = index
    plan = child_page(
        index,
        WorkPlanPage,
        f"{year}-{(year + 1) % 100:02d}",
        title=f"Work plan {WorkPlanPage.label_for(year)}",
        year_starting=year,
        introduction="<p>The steering group chose this work after our open meeting in March, "
        "weighing how many people each issue affects, how serious the harm is, and who is "
        "left out.</p>",
    )

    def months(count):
        return start + datetime.timedelta(days=30 * count)

    people = demo.people
    items = [
        (
            "leaving-hospital-safely",
            "Leaving hospital safely",
            WorkPlanItemPage.Status.ACTIVE,
            "both",
            people["steering2"],
            (start, months(11)),
            dict(
                summary="Making sure people leave hospital with their medicines and a care plan.",
                people_affected="About 30,000 discharges from Aldermoor General Hospital a year.",
                harm="People go home without medicines or care and are readmitted.",
                inequality="Older people living alone and carers are hit hardest.",
                priority=WorkPlanItemPage.Priority.BOTH,
            ),
            [("Discharge plans shared with patients", "All adult wards by March", "", "pending")],
            ["discharge"],
            ["hospital discharge", "carers"],
        ),
        (
            "dignity-at-mealtimes",
            "Dignity at mealtimes in care homes",
            WorkPlanItemPage.Status.COMPLETED,
            "social_care",
            people["Priya Kaur"],
            (start, months(5)),
            dict(
                summary="Visiting care homes at lunchtime: do residents eat well and with dignity?",
                people_affected="About 900 people live in care homes in Aldermoor.",
                harm="Poor nutrition and loss of dignity.",
                inequality="People with dementia are least able to complain.",
                priority=WorkPlanItemPage.Priority.LOCAL,
            ),
            [
                ("Care homes visited", "3 homes", "3 homes visited", "met"),
                (
                    "Recommendations accepted",
                    "All of them",
                    "2 of 3 in full, 1 in part",
                    "partly_met",
                ),
            ],
            ["brookside"],
            ["care homes", "mealtimes", "dignity"],
        ),
        (
            "getting-a-gp-appointment",
            "Getting a GP appointment",
            WorkPlanItemPage.Status.ACTIVE,
            "health",
            people["Tomasz Nowak"],
            (months(2), months(10)),
            dict(
                summary="Finding out how the new phone booking system works for patients.",
                people_affected="Everyone registered with a GP: 180,000 people.",
                harm="Delays in diagnosis; people going to A&E instead.",
                inequality="People without a smartphone or with little English.",
                priority=WorkPlanItemPage.Priority.NATIONAL,
            ),
            [
                ("People who told us about booking", "400 people", "402 people", "met"),
                ("Practices giving queue position", "All 24 practices", "", "pending"),
            ],
            ["gp"],
            ["GP services", "telephone booking"],
        ),
        (
            "mental-health-crisis-care",
            "Crisis support for mental health",
            WorkPlanItemPage.Status.PROPOSED,
            "health",
            people["Grace Mensah"],
            (months(8), months(11)),
            dict(
                summary="Whether people in a mental health crisis get help quickly, day and night.",
                people_affected="About 1,500 people a year seek crisis support.",
                harm="Serious: risk to life.",
                inequality="Young men and people from Black communities are less likely to get "
                "help early.",
                priority=WorkPlanItemPage.Priority.BOTH,
            ),
            [("People with experience of crisis care heard", "60 people", "", "pending")],
            ["mental-health"],
            ["mental health"],
        ),
        (
            "nhs-dentistry",
            "NHS dentistry for adults",
            WorkPlanItemPage.Status.DROPPED,
            "health",
            people["David Ellis"],
            (start, months(6)),
            dict(
                summary="Why adults cannot find an NHS dentist, and what is being done about it.",
                people_affected="Thousands of adults cannot find an NHS dentist.",
                harm="Pain, infection and people pulling their own teeth.",
                priority=WorkPlanItemPage.Priority.NATIONAL,
                dropped_reason="The Overview and Scrutiny Committee began its own review of "
                "NHS dentistry. Rather than repeat it, we gave the committee what 120 people "
                "had told us and took this item out of our plan.",
            ),
            [("Evidence passed to the committee", "By September", "Sent in July", "met")],
            [],
            ["dentistry"],
        ),
    ]
    for slug, title, status, sector, lead, (starts, ends), why, outcomes, links, topics in items:
        work_plan_item(
            plan,
            slug,
            topics,
            title=title,
            status=status,
            care_sector=sector,
            lead=lead,
            starts_on=starts,
            ends_on=ends,
            outcomes=[
                WorkPlanOutcome(measure=measure, target=target, result=result, progress=progress)
                for measure, target, result, progress in outcomes
            ],
            links=[WorkPlanLink(page=reports[key]) for key in links],
            **why,
        )
