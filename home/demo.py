"""Demo content for the front door and the plain pages."""

from linksite.demo import (
    act,
    child_page,
    submit_for_approval,
    translate_through_workflow,
    unconflicted_members,
)

from . import demo_translations
from .models import SpokespeoplePage, Spokesperson, StandardPage


def paragraph(html):
    return ("paragraph", html)


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


STANDARD_PAGES = [
    (
        "about-us",
        "About us",
        "Who we are, what we do and who pays for it.",
        [
            paragraph(
                "<p>Aldermoor LINk is a Local Involvement Network: an independent network of "
                "local people and community groups who watch over health and social care services "
                "in the Borough of Aldermoor, whoever provides them.</p>"
            ),
            heading("What we do"),
            paragraph(
                "<ul><li>We ask people what they think of local care, especially people whose "
                "voices are often missed.</li><li>We visit places where care is given, to see and "
                "hear for ourselves.</li><li>We make reports and recommendations and publish the "
                "answers we get.</li><li>We can refer concerns to the council's Overview and "
                "Scrutiny Committee.</li></ul>"
            ),
            heading("Who supports us"),
            paragraph(
                "<p>The council pays a host organisation, Aldermoor Community Voice Trust, to "
                "give us staff, an office and keep our records. The host does not decide what we "
                "say: our steering group, elected by participants, does.</p>"
            ),
            (
                "quote",
                {
                    "quote": "I came to one meeting about the bus to the hospital and stayed for "
                    "three years.",
                    "attribution": "a participant since 2024",
                },
            ),
        ],
    ),
    (
        "how-we-work",
        "How we work",
        "How we choose what to look at and how we make decisions.",
        [
            paragraph(
                "<p>Every decision that the law calls a relevant decision is made under a "
                "published procedure, and we publish each one with its reasons.</p>"
            ),
            paragraph(
                "<p>Nothing appears on this website in the LINk's name until at least two members "
                "of the steering group have approved it. Members who have an interest in an "
                "organisation do not approve what we say about it.</p>"
            ),
        ],
    ),
    (
        "get-involved",
        "Get involved",
        "Ways to take part, from one comment to becoming a visitor.",
        [
            paragraph(
                "<p>You can take part as much or as little as you like. Tell us about your "
                "experience of care, join a meeting, or volunteer.</p>"
            ),
            (
                "call_to_action",
                {
                    "heading": "Tell us about your care",
                    "text": "It takes five minutes and you do not have to give your name.",
                    "page": None,
                    "url": "mailto:info@aldermoor-link.example.org",
                    "link_text": "Email us your experience",
                },
            ),
        ],
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How accessible this website is and how to tell us about a problem.",
        [
            paragraph(
                "<p>We want as many people as possible to be able to use this website. It aims to "
                "meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA.</p>"
            ),
            paragraph(
                "<p>You should be able to use it with a keyboard alone, with a screen reader, at "
                "up to 400% zoom, and with JavaScript turned off.</p>"
            ),
            heading("Reporting a problem"),
            paragraph(
                "<p>If something on this site does not work for you, email "
                "info@aldermoor-link.example.org or phone 0161 496 0000 and we will reply within "
                "ten working days.</p>"
            ),
        ],
    ),
    (
        "privacy",
        "Privacy notice",
        "What we do with personal information.",
        [
            paragraph(
                "<p>We only publish names of people who have agreed to it: members of the "
                "steering group, authorised representatives and those who speak for the LINk.</p>"
            ),
            paragraph(
                "<p>Criminal records checks for authorised representatives are kept privately by "
                "our host and are never published.</p>"
            ),
            paragraph(
                "<p>Email alerts: if you ask for emails about our reports or decisions we keep "
                "only your email address, the language you used, what you chose to follow and "
                "how often (as each page is published, or once a week), when your last weekly "
                "email was sent and which pages we have told you about. An address that is not "
                "confirmed within 7 days is deleted. The address and all its choices are kept "
                "until you unsubscribe, with the link in every email, which deletes them at "
                "once.</p>"
            ),
        ],
    ),
]


IN_FLIGHT = [
    # slug, title, summary, where it has got to
    (
        "open-meeting-october-2026",
        "Open meeting, October 2026: what we heard",
        "Notes from our open meeting on GP appointments and the new phone system.",
        "review",
    ),
    (
        "annual-report-2025-26-summary",
        "Our year 2025/26 in brief",
        "A short summary of what the LINk did between April 2025 and March 2026.",
        "steering",
    ),
    (
        "volunteer-expenses",
        "Volunteer expenses: how to claim",
        "What you can claim back when you volunteer with the LINk, and how.",
        "sent_back",
    ),
]


def load(demo):
    for slug, title, summary, body in STANDARD_PAGES:
        page = child_page(
            demo.home,
            StandardPage,
            slug,
            title=title,
            summary=summary,
            body=body,
            show_in_menus=slug in {"about-us", "how-we-work", "get-involved"},
        )
        demo.pages[slug] = page
    speakers = child_page(
        demo.home,
        SpokespeoplePage,
        "who-speaks-for-us",
        title="Who speaks for us",
        introduction="<p>These people may speak for Aldermoor LINk to the council, the NHS, "
        "regulators and the press. The steering group appoints them.</p>",
        spokespeople=[
            Spokesperson(
                person=demo.people["steering2"],
                role="Chair of the steering group",
                speaks_on="Anything the steering group has approved; the press",
            ),
            Spokesperson(
                person=demo.people["steering1"],
                role="Vice-chair",
                speaks_on="Social care and the Overview and Scrutiny Committee",
            ),
            Spokesperson(
                person=demo.people["editor"],
                role="LINk development officer (host staff)",
                speaks_on="Practical questions about taking part",
            ),
        ],
    )
    demo.pages["who-speaks-for-us"] = speakers
    load_in_flight_pages(demo)
    load_translations(demo)


def load_translations(demo):
    """The front door in Urdu, Polish and Bengali, and "Get involved" in Urdu and Polish, each
    approved like the English."""
    for language, strings in demo_translations.HOME.items():
        demo.pages[f"home-{language}"] = translate_through_workflow(demo.home, language, strings)
    for language, strings in demo_translations.GET_INVOLVED.items():
        demo.pages[f"get-involved-{language}"] = translate_through_workflow(
            demo.pages["get-involved"], language, strings
        )


def load_in_flight_pages(demo):
    """Three pages part-way through approval, so the admin shows the workflow at work."""
    parent = demo.pages["about-us"]
    for slug, title, summary, stage in IN_FLIGHT:
        if parent.get_children().filter(slug=slug).exists():
            continue
        page = StandardPage(
            title=title,
            slug=slug,
            summary=summary,
            live=False,
            body=[paragraph(f"<p>{summary}</p>")],
        )
        parent.add_child(instance=page)
        submit_for_approval(page)
        if stage == "review":
            continue
        if stage == "sent_back":
            act(
                page,
                "reviewer",
                "reject",
                comment="Please check the mileage rate against the "
                "host's current policy before this goes out.",
            )
            continue
        act(page, "reviewer", "approve")
        act(page, unconflicted_members(page, 1)[0], "approve")
