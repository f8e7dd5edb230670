"""Demo content: procedures (one superseded), the decision log, the register of interests,
enter and view with its authorised representatives and visits, requests and referrals.

Every step is idempotent, and every page passes the same checks an editor's would: pages are
validated when saved, and the inline authorisations and visit representatives are validated
here as the admin's forms validate them.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group

from linksite.demo import approve_through_workflow, translate_through_workflow
from linksite.models import CareSector, DeclaredInterest
from linksite.workflow import VETTING_OFFICERS

from . import demo_translations
from .models import (
    Authorisation,
    DecisionIndexPage,
    DecisionKind,
    DecisionPage,
    EnterAndViewPage,
    InformationRequestPage,
    OSCReferralPage,
    ProcedureIndexPage,
    ProcedurePage,
    RegisterOfInterestsPage,
    RequestsAndReferralsIndexPage,
    SpendingPurpose,
    VettingRecord,
    VisitPage,
    VisitRepresentative,
)

D = datetime.date


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def paragraph(html):
    return ("paragraph", html)


def published(parent, model, slug, topics=(), validate=(), **fields):
    """Like `linksite.demo.child_page`, with topics (tags cannot go to a page's constructor)
    and the inline rows checked as the admin's forms check them."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, live=False, **fields)
    if topics:
        page.topics.add(*topics)
    for row in validate:
        row.full_clean(exclude=["page"])
    parent.add_child(instance=page)
    return approve_through_workflow(page)


# Procedures ------------------------------------------------------------------------------

WHO_V1 = (
    "<ul><li>The steering group, at a meeting of which participants had seven days' notice, "
    "with at least four members present.</li><li>The chair, when a decision cannot wait for "
    "the next meeting; the chair reports it to that meeting.</li></ul>"
)
WHO_V2 = (
    "<ul><li>The steering group, at a meeting of which participants had seven days' notice, "
    "with at least four members present.</li><li>The enter and view sub-group (three "
    "steering group members), for decisions about which premises to visit and when.</li>"
    "<li>The chair with one other member, when a decision cannot wait for the next meeting; "
    "they report it to that meeting.</li></ul>"
)


def load_procedures(demo):
    index = published(
        demo.home,
        ProcedureIndexPage,
        "procedures",
        title="How we make decisions",
        introduction="<p>The law requires us to publish how we make each kind of relevant "
        "decision before we make it. When we change a procedure we publish the new version; "
        "earlier versions stay here.</p>",
    )
    all_kinds = "".join(DecisionKind.values)
    v1 = published(
        index,
        ProcedurePage,
        "making-relevant-decisions-2025",
        title="Making relevant decisions",
        summary="How the steering group makes every kind of relevant decision.",
        kinds=all_kinds,
        in_force_from=D(2025, 4, 1),
        who_may_decide=WHO_V1,
        body=[
            paragraph(
                p(
                    "Any participant may propose a decision. Proposals are sent to members "
                    "with the papers for the meeting.",
                    "The steering group decides by a majority of members present. A member "
                    "with a declared interest in an organisation the decision concerns says "
                    "so and takes no part.",
                    "We publish each decision, with our reasons, within 20 working days.",
                )
            )
        ],
    )
    v2 = published(
        index,
        ProcedurePage,
        "making-relevant-decisions-2026",
        title="Making relevant decisions",
        summary="How we make every kind of relevant decision, with an enter and view "
        "sub-group and a two-person urgent route.",
        kinds=all_kinds,
        in_force_from=D(2026, 7, 1),
        supersedes=v1,
        who_may_decide=WHO_V2,
        body=[
            paragraph(
                p(
                    "Any participant may propose a decision. Proposals are sent to members "
                    "with the papers for the meeting, and published with the agenda.",
                    "The steering group, or the enter and view sub-group, decides by a "
                    "majority of members present. A member with a declared interest in an "
                    "organisation the decision concerns says so and takes no part.",
                    "We publish each decision, with our reasons, within 20 working days.",
                )
            )
        ],
    )
    spending = published(
        index,
        ProcedurePage,
        "spending-our-budget",
        title="Spending our budget",
        summary="Who may agree to spend the LINk's money, and up to what amount.",
        kinds=DecisionKind.SPENDING,
        in_force_from=D(2025, 4, 1),
        who_may_decide="<ul><li>The steering group, for any amount within the annual "
        "budget.</li><li>The host's LINk development officer with the chair, up to £250 "
        "at a time.</li></ul>",
        body=[
            paragraph(
                p(
                    "Spending is agreed against the budget the steering group sets each "
                    "April. The host keeps the accounts and reports spending to every "
                    "meeting."
                )
            )
        ],
    )
    demo.pages.update(procedures=index, procedure_v1=v1, procedure_v2=v2, spending=spending)


# Decisions -------------------------------------------------------------------------------

DECISIONS = [
    # slug, title, kind, decided on, by, procedure key, organisations, topics, sector,
    # statement, reasons
    (
        "work-plan-priorities-2025-26",
        "Our priorities for 2025/26",
        DecisionKind.ACTIVITIES,
        D(2025, 5, 14),
        "Steering group meeting, 14 May 2025",
        "procedure_v1",
        [],
        ["Work plan"],
        "",
        p(
            "We will spend most of our time this year on three things: leaving hospital, care "
            "at home, and getting a GP appointment."
        ),
        p(
            "These were the three subjects people raised most at our open meetings and in "
            "the 412 comments we received in 2024/25.",
            "Each of them crosses health and social care, where a LINk can see what a single "
            "organisation cannot.",
        ),
    ),
    (
        "look-at-hospital-discharge",
        "Look at how people leave hospital for care at home",
        DecisionKind.SERVICES,
        D(2025, 6, 11),
        "Steering group meeting, 11 June 2025",
        "procedure_v1",
        ["Aldermoor Hospitals", "Aldermoor Borough Council Adult Social Care"],
        ["Hospital discharge", "Care at home"],
        CareSector.BOTH,
        p(
            "We will look at how older people leave Aldermoor General Hospital when they need "
            "care at home, from the ward to the first week at home."
        ),
        p(
            "Carers told us of discharges late in the evening with no care in place. The "
            "trust and the council each hold part of the picture; we can hear from patients "
            "and carers about the whole of it."
        ),
    ),
    (
        "translated-survey",
        "Pay for an easy-read and translated survey",
        DecisionKind.SPENDING,
        D(2025, 7, 9),
        "Steering group meeting, 9 July 2025",
        "spending",
        [],
        ["Hospital discharge", "Accessible information"],
        "",
        p(
            "We will spend up to £1,200 on easy-read, Urdu, Polish and Bengali versions of our "
            "hospital discharge survey."
        ),
        p(
            "A quarter of people in the borough speak a language other than English at home. "
            "Without these versions we would hear mostly from people who are already heard."
        ),
    ),
    (
        "enter-and-view-willow-court",
        "Enter and view Willow Court care home",
        DecisionKind.ENTER_AND_VIEW,
        D(2025, 9, 10),
        "Steering group meeting, 10 September 2025",
        "procedure_v1",
        ["Brookside Care Homes"],
        ["Care homes", "Hospital discharge"],
        CareSector.SOCIAL_CARE,
        p(
            "Two authorised representatives will enter and view the communal areas of Willow "
            "Court in October 2025, on a date agreed with the home."
        ),
        p(
            "Many people leaving hospital go to Willow Court for short-term care. We want to "
            "see how new residents are welcomed and hear from them and their visitors."
        ),
    ),
    (
        "ask-riverside-for-missed-visits",
        "Ask Riverside Home Care Agency about missed visits",
        DecisionKind.INFORMATION_REQUEST,
        D(2025, 11, 12),
        "Steering group meeting, 12 November 2025",
        "procedure_v1",
        ["Riverside Home Care"],
        ["Care at home"],
        CareSector.SOCIAL_CARE,
        p(
            "We will ask Riverside Home Care Agency how many home care visits were missed or "
            "more than an hour late in each month since April 2025."
        ),
        p(
            "Eleven people told us of carers not arriving after a hospital discharge. We need "
            "the agency's own figures to know how often it happens."
        ),
    ),
    (
        "send-discharge-report",
        "Send our hospital discharge report to the trust and the council",
        DecisionKind.REPORT,
        D(2026, 2, 11),
        "Steering group meeting, 11 February 2026",
        "procedure_v1",
        ["Aldermoor Hospitals", "Aldermoor Borough Council Adult Social Care"],
        ["Hospital discharge"],
        CareSector.BOTH,
        p(
            "We will send our report on leaving hospital, with its six recommendations, to the "
            "hospitals trust and to the council's adult social care department."
        ),
        p(
            "Both organisations share responsibility for discharge. Sending it to both means "
            "each must reply, within 20 working days, to the recommendations for it."
        ),
    ),
    (
        "tell-cqc-about-home-care",
        "Tell the Care Quality Commission about concerns over missed home care visits",
        DecisionKind.REPORT_ELSEWHERE,
        D(2026, 3, 11),
        "Steering group meeting, 11 March 2026",
        "procedure_v1",
        ["Care Quality Commission", "Riverside Home Care"],
        ["Care at home"],
        CareSector.SOCIAL_CARE,
        p(
            "We will share with the Care Quality Commission what people told us about missed "
            "home care visits, and the agency's own figures."
        ),
        p(
            "The figures show one visit in twelve missed or late in the winter months. The "
            "regulator should know, and may inspect sooner than planned."
        ),
    ),
    (
        "volunteer-travel",
        "Pay volunteers' travel to visits and meetings",
        DecisionKind.SPENDING,
        D(2026, 5, 13),
        "The LINk development officer with the chair, 13 May 2026",
        "spending",
        [],
        ["Volunteering"],
        "",
        p("We will repay volunteers' bus fares and mileage, up to £250 this quarter."),
        p(
            "Nobody should be unable to take part because of what it costs them. The amount "
            "is within what the procedure lets two people agree."
        ),
    ),
    (
        "enter-and-view-ward-7",
        "Enter and view Ward 7 at Aldermoor General Hospital",
        DecisionKind.ENTER_AND_VIEW,
        D(2026, 7, 8),
        "Enter and view sub-group, 8 July 2026",
        "procedure_v2",
        ["Aldermoor Hospitals"],
        ["Hospital discharge", "Older people"],
        CareSector.HEALTH,
        p(
            "Two authorised representatives will enter and view Ward 7 (care of older people) "
            "over two days in August 2026."
        ),
        p(
            "Ward 7 discharges more people to care at home than any other ward. Our report "
            "recommended that discharge planning start on admission; we want to see whether "
            "it does."
        ),
    ),
    (
        "ask-pct-for-gp-waiting-times",
        "Ask the primary care trust for GP appointment waiting figures",
        DecisionKind.INFORMATION_REQUEST,
        D(2026, 9, 9),
        "Steering group meeting, 9 September 2026",
        "procedure_v2",
        ["NHS Aldermoor Primary Care Trust"],
        ["GP access"],
        CareSector.HEALTH,
        p(
            "We will ask the primary care trust for the average wait for a routine GP "
            "appointment at each practice in the borough, month by month."
        ),
        p(
            "Getting a GP appointment is one of our three priorities. People's accounts vary "
            "greatly between practices; the trust's figures will show where to look."
        ),
    ),
    (
        "refer-elm-lodge-closure",
        "Refer the planned closure of Elm Lodge day centre to the scrutiny committee",
        DecisionKind.OSC_REFERRAL,
        D(2026, 10, 7),
        "Steering group meeting, 7 October 2026",
        "procedure_v2",
        ["Aldermoor Borough Council Adult Social Care", "Aldermoor Health Overview"],
        ["Day services", "Older people"],
        CareSector.SOCIAL_CARE,
        p(
            "We will refer the council's plan to close Elm Lodge day centre to the Health "
            "Overview and Scrutiny Committee."
        ),
        p(
            "Forty people use Elm Lodge each week and were not asked before the plan was "
            "announced. The committee can require the council to explain how it consulted."
        ),
    ),
    (
        "enter-and-view-oak-house",
        "Enter and view Oak House care home",
        DecisionKind.ENTER_AND_VIEW,
        D(2026, 11, 11),
        "Enter and view sub-group, 11 November 2026",
        "procedure_v2",
        ["Brookside Care Homes"],
        ["Care homes", "Older people"],
        CareSector.SOCIAL_CARE,
        p(
            "Two authorised representatives will enter and view the communal areas of Oak "
            "House over three days in January 2027."
        ),
        p(
            "Relatives asked us to visit after Oak House changed its visiting hours. A window "
            "of three days lets us see mealtimes and visiting times."
        ),
    ),
]


def load_decisions(demo):
    index = published(
        demo.home,
        DecisionIndexPage,
        "decisions",
        title="Our decisions",
        show_in_menus=True,
        introduction="<p>Every relevant decision we make, with our reasons and the procedure "
        "we followed, newest first.</p>",
    )
    demo.pages["decisions"] = index
    for row in DECISIONS:
        slug, title, kind, decided_on, by, procedure, orgs, topics, sector, statement, reasons = row
        amount, purpose = SPENDING.get(slug, (None, ""))
        organisations = [demo.organisation(name) for name in orgs]
        demo.pages[slug] = published(
            index,
            DecisionPage,
            slug,
            title=title,
            kind=kind,
            decided_on=decided_on,
            decided_by=by,
            procedure=demo.pages[procedure],
            organisations=organisations,
            sector=sector,
            statement=statement,
            reasons=reasons,
            topics=topics,
            amount=amount,
            spending_purpose=purpose,
            took_part=free_to_take_part(demo, organisations, decided_on),
        )


def free_to_take_part(demo, organisations, on):
    """The steering group members with no interest, on the day, in what a decision concerns."""
    members = [demo.people[name] for name in ("steering1", "steering2", "steering3")]
    concerned = {organisation.pk for organisation in organisations}
    return [
        member
        for member in members
        if not concerned & set(member.current_interests(on).values_list("organisation", flat=True))
    ]


# The amount and purpose of each decision to spend (kind (c)), by slug.
SPENDING = {
    "translated-survey": (Decimal("1200.00"), SpendingPurpose.ACCESSIBLE_INFORMATION),
    "volunteer-travel": (Decimal("250.00"), SpendingPurpose.VOLUNTEERS),
}


# Register of interests -------------------------------------------------------------------


def load_register(demo):
    # An interest that has ended: kept in the records, not shown on the public register.
    DeclaredInterest.objects.get_or_create(
        person=demo.people["steering2"],
        organisation=demo.organisation("Riverside Home Care"),
        nature=DeclaredInterest.Nature.TRUSTEESHIP,
        defaults={
            "details": "Trustee of the agency's charitable parent",
            "declared_on": D(2025, 4, 1),
            "ended_on": D(2026, 3, 31),
        },
    )
    demo.pages["register-of-interests"] = published(
        demo.home,
        RegisterOfInterestsPage,
        "register-of-interests",
        title="Register of interests",
        introduction="<p>Members of our steering group make our decisions and approve what "
        "we publish, so they declare any interest they have in a care organisation.</p>",
    )


# Enter and view --------------------------------------------------------------------------

# Certificate references are private: the demo's public pages are tested never to show them.
VETTING = [
    # person, certificate reference, issued on, considered on
    ("Priya Kaur", "001857362940", D(2025, 4, 22), D(2025, 5, 6)),
    ("Tomasz Nowak", "001861447203", D(2025, 7, 30), D(2025, 8, 12)),
    ("Grace Mensah", "001855019826", D(2025, 4, 15), D(2025, 5, 6)),
    ("David Ellis", "001862280517", D(2025, 8, 4), D(2025, 8, 12)),
]
AUTHORISATIONS = [
    # person, from, until, revoked on
    ("Priya Kaur", D(2025, 6, 1), D(2028, 5, 31), None),
    ("Tomasz Nowak", D(2025, 9, 1), D(2028, 8, 31), None),
    ("Grace Mensah", D(2025, 6, 1), D(2026, 5, 31), None),
    ("David Ellis", D(2025, 9, 1), D(2028, 8, 31), D(2026, 10, 1)),
]
VISITS = [
    # slug, title, premises, address, kind, communal only, sector, provider, from, until,
    # status, note, decision, representatives, topics, purpose
    (
        "willow-court-october-2025",
        "Willow Court care home, October 2025",
        "Willow Court",
        "14 Mill Lane\nAldermoor AL3 4QT",
        VisitPage.ServiceKind.CARE_HOME,
        True,
        CareSector.SOCIAL_CARE,
        "Brookside Care Homes",
        D(2025, 10, 16),
        None,
        VisitPage.Status.DONE,
        "",
        "enter-and-view-willow-court",
        ["Priya Kaur", "Grace Mensah"],
        ["Care homes"],
        p(
            "How people who arrive from hospital are welcomed, and what residents and their "
            "visitors think of daily life in the home's lounges, dining room and garden."
        ),
    ),
    (
        "ward-7-august-2026",
        "Ward 7, Aldermoor General Hospital, August 2026",
        "Ward 7 (care of older people), Aldermoor General Hospital",
        "Hospital Road\nAldermoor AL1 6HG",
        VisitPage.ServiceKind.HOSPITAL,
        False,
        CareSector.HEALTH,
        "Aldermoor Hospitals",
        D(2026, 8, 18),
        D(2026, 8, 19),
        VisitPage.Status.DONE,
        "",
        "enter-and-view-ward-7",
        ["Tomasz Nowak", "David Ellis"],
        ["Hospital discharge"],
        p(
            "When discharge planning starts, and whether patients and carers know what will "
            "happen when they leave the ward."
        ),
    ),
    (
        "oak-house-january-2027",
        "Oak House care home, January 2027",
        "Oak House",
        "2 Orchard Rise\nAldermoor AL5 1PD",
        VisitPage.ServiceKind.NURSING_HOME,
        True,
        CareSector.SOCIAL_CARE,
        "Brookside Care Homes",
        D(2027, 1, 19),
        D(2027, 1, 21),
        VisitPage.Status.PLANNED,
        "",
        "enter-and-view-oak-house",
        ["Priya Kaur", "Tomasz Nowak"],
        ["Care homes", "Visiting"],
        p(
            "Mealtimes and visiting times in the communal areas, and what residents and "
            "relatives think of the new visiting hours."
        ),
    ),
]


def load_vetting(demo):
    considered_by = demo.users["admin"]
    # In the demo the administrator is the person the LINk nominated to consider certificates.
    considered_by.groups.add(Group.objects.get(name=VETTING_OFFICERS))
    for name, reference, issued_on, considered_on in VETTING:
        VettingRecord.objects.get_or_create(
            person=demo.people[name],
            certificate_reference=reference,
            defaults={
                "issued_on": issued_on,
                "considered_by": considered_by,
                "considered_on": considered_on,
                "outcome": VettingRecord.Outcome.SATISFACTORY,
            },
        )


def load_enter_and_view(demo):
    load_vetting(demo)
    authorisations = [
        Authorisation(
            person=demo.people[name],
            authorised_from=start,
            authorised_until=end,
            revoked_on=revoked,
        )
        for name, start, end, revoked in AUTHORISATIONS
    ]
    page = published(
        demo.home,
        EnterAndViewPage,
        "enter-and-view",
        title="Enter and view",
        show_in_menus=True,
        introduction="<p>The law lets us send authorised representatives to enter and view "
        "places where health and social care is given, to see and hear for ourselves. Here "
        "is who may do so for us, and where we are going.</p>",
        authorisations=authorisations,
        validate=authorisations,
    )
    demo.pages["enter-and-view"] = page
    for language in ("ur", "pl"):
        # The enter and view page in Urdu and Polish, each approved like the English.
        demo.pages[f"enter-and-view-{language}"] = translate_through_workflow(
            page, language, demo_translations.ENTER_AND_VIEW[language]
        )
    for row in VISITS:
        (slug, title, premises, address, kind, communal, sector, provider, start, end,
         status, note, decision, names, topics, purpose) = row  # fmt: skip
        representatives = [VisitRepresentative(person=demo.people[n]) for n in names]
        visit = VisitPage(visit_from=start, visit_until=end)
        for representative in representatives:
            representative.page = visit
        demo.pages[slug] = published(
            page,
            VisitPage,
            slug,
            title=title,
            premises_name=premises,
            premises_address=address,
            service_kind=kind,
            communal_areas_only=communal,
            sector=sector,
            provider=demo.organisation(provider),
            visit_from=start,
            visit_until=end,
            status=status,
            status_note=note,
            decision=demo.pages[decision],
            purpose=purpose,
            representatives=representatives,
            topics=topics,
            validate=representatives,
        )


# Information requests and OSC referrals --------------------------------------------------


def load_requests_and_referrals(demo):
    index = published(
        demo.home,
        RequestsAndReferralsIndexPage,
        "requests-and-referrals",
        title="Information requests and referrals",
        introduction="<p>What we have asked care providers to tell us, what we have referred "
        "to the council's scrutiny committee, and whether they replied in time.</p>",
    )
    demo.pages["requests-and-referrals"] = index
    demo.pages["riverside-missed-visits"] = published(
        index,
        InformationRequestPage,
        "riverside-missed-visits",
        title="Missed and late home care visits",
        recipient=demo.organisation("Riverside Home Care"),
        decision=demo.pages["ask-riverside-for-missed-visits"],
        sent_on=D(2025, 11, 17),
        request=p(
            "For each month from April to October 2025: how many visits were planned, how "
            "many were missed, and how many were more than an hour late."
        ),
        replied_on=D(2025, 12, 10),
        reply=p(
            "The agency sent the figures for each month. Between 4% and 8% of visits were "
            "missed or more than an hour late, most of them in October."
        ),
    )
    demo.pages["gp-waiting-figures"] = published(
        index,
        InformationRequestPage,
        "gp-waiting-figures",
        title="Waits for a routine GP appointment",
        recipient=demo.organisation("NHS Aldermoor Primary Care Trust"),
        decision=demo.pages["ask-pct-for-gp-waiting-times"],
        sent_on=D(2026, 9, 14),
        request=p(
            "For each GP practice in the borough, the average number of days to the next "
            "routine appointment, for each month from January to August 2026."
        ),
    )
    demo.pages["elm-lodge-referral"] = published(
        index,
        OSCReferralPage,
        "elm-lodge-referral",
        title="The planned closure of Elm Lodge day centre",
        osc=demo.organisation("Aldermoor Health Overview"),
        decision=demo.pages["refer-elm-lodge-closure"],
        organisations=[demo.organisation("Aldermoor Borough Council Adult Social Care")],
        sent_on=D(2026, 10, 12),
        matter=p(
            "The council plans to close Elm Lodge day centre in March 2027. The forty people "
            "who use it, and their carers, were not asked before the plan was announced. We "
            "ask the committee to review how the decision was reached and what will replace "
            "the centre."
        ),
        acknowledged_on=D(2026, 10, 30),
        osc_response=p(
            "The committee acknowledged the referral and will hear it at its meeting on 14 "
            "January 2027."
        ),
    )


def load(demo):
    load_procedures(demo)
    load_decisions(demo)
    load_register(demo)
    load_enter_and_view(demo)
    load_requests_and_referrals(demo)
