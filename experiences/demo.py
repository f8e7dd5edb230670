"""Demo content for the public's experiences: premises in the directory, the sharing page and
"What people told us" (English, Urdu, Polish and Bengali, approved like every page), a handler, a
queue of experiences in every state (one flagged for safeguarding), one quoted story published
with its author's consent, and one report that draws on experiences."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from linksite.alternative_formats import AlternativeFormat
from linksite.demo import (
    DEMO_PASSWORD,
    approve_through_workflow,
    child_page,
    ensure_demo_authenticator,
    translate_through_workflow,
)
from linksite.models import Premises
from linksite.workflow import EDITORS
from publications.demo import demo_pdf
from publications.models import ReportPage

from .access import EXPERIENCE_HANDLERS
from .pages import ExperienceStoryPage, ShareExperiencePage, WhatPeopleToldUsPage
from .records import Experience, ExperienceSettings

SHARE_INTRO = (
    "Tell us about a health or social care service you, or someone you look after, used in "
    "our area: good or bad. You do not need to join anything or give your name."
)
NEXT_STEPS = (
    "Someone who handles experiences at the LINk will read yours within five working days. "
    "We use what people tell us to choose what to look into, and as evidence in our reports. "
    "We never publish your words unless you agreed, and then only without anything that "
    "could identify you. If you agreed that we may contact you, we may ask you more."
)
TOLD_INTRO = (
    "How many people told us about their care, and about which services. Stories are "
    "published only when the person agreed, with anything that could identify them removed."
)
TRANSLATIONS = {
    "ur": {
        "Share your experience": "اپنا تجربہ بتائیں",
        "share-your-experience": "share-your-experience",
        SHARE_INTRO: (
            "ہمارے علاقے میں صحت یا سماجی دیکھ بھال کی کسی سروس کے بارے میں بتائیں جو آپ نے، یا "
            "جس کی آپ دیکھ بھال کرتے ہیں اس نے، استعمال کی: اچھی ہو یا بری۔ آپ کو کسی چیز میں "
            "شامل ہونے یا اپنا نام بتانے کی ضرورت نہیں۔"
        ),
        NEXT_STEPS: (
            "لنک میں تجربات دیکھنے والا کوئی شخص پانچ کاروباری دنوں کے اندر آپ کا تجربہ پڑھے گا۔ "
            "لوگ جو بتاتے ہیں اسے ہم یہ چننے کے لیے استعمال کرتے ہیں کہ کس چیز کی جانچ کریں، اور "
            "اپنی رپورٹوں میں ثبوت کے طور پر۔ ہم آپ کے الفاظ آپ کی رضامندی کے بغیر کبھی شائع نہیں "
            "کرتے، اور تب بھی صرف ایسی ہر بات ہٹا کر جس سے آپ کی شناخت ہو سکے۔ اگر آپ نے رابطے "
            "کی اجازت دی ہے تو ہم آپ سے مزید پوچھ سکتے ہیں۔"
        ),
        "What people told us": "لوگوں نے ہمیں کیا بتایا",
        "what-people-told-us": "what-people-told-us",
        TOLD_INTRO: (
            "کتنے لوگوں نے ہمیں اپنی دیکھ بھال کے بارے میں بتایا، اور کن سروسز کے بارے میں۔ "
            "کہانیاں صرف اس شخص کی رضامندی سے شائع ہوتی ہیں، شناخت ہو سکنے والی ہر بات ہٹا کر۔"
        ),
    },
    "pl": {
        "Share your experience": "Podziel się swoim doświadczeniem",
        "share-your-experience": "share-your-experience",
        SHARE_INTRO: (
            "Opowiedz nam o usłudze zdrowotnej lub opiekuńczej w naszej okolicy, z której "
            "korzystałeś ty albo osoba, którą się opiekujesz: dobrej lub złej. Nie musisz "
            "niczego dołączać ani podawać swojego nazwiska."
        ),
        NEXT_STEPS: (
            "Osoba, która w LINk zajmuje się doświadczeniami, przeczyta twoje w ciągu pięciu dni "
            "roboczych. To, co ludzie nam mówią, pomaga nam wybrać, czym się zająć, i jest "
            "dowodem w naszych raportach. Nigdy nie publikujemy twoich słów bez twojej zgody, a "
            "wtedy tylko bez niczego, co mogłoby cię zidentyfikować. Jeśli zgodziłeś się na "
            "kontakt, możemy zapytać o więcej."
        ),
        "What people told us": "Co ludzie nam powiedzieli",
        "what-people-told-us": "what-people-told-us",
        TOLD_INTRO: (
            "Ile osób opowiedziało nam o swojej opiece i o których usługach. Historie "
            "publikujemy tylko za zgodą danej osoby, usuwając wszystko, co mogłoby ją "
            "zidentyfikować."
        ),
    },
    "bn": {
        "Share your experience": "আপনার অভিজ্ঞতা জানান",
        "share-your-experience": "share-your-experience",
        SHARE_INTRO: (
            "আমাদের এলাকায় আপনি, বা আপনি যাঁর দেখাশোনা করেন তিনি, যে স্বাস্থ্য বা সামাজিক "
            "পরিচর্যা সেবা ব্যবহার করেছেন তার কথা আমাদের বলুন: ভালো হোক বা খারাপ। আপনাকে কোনো "
            "কিছুতে যোগ দিতে বা আপনার নাম দিতে হবে না।"
        ),
        NEXT_STEPS: (
            "LINk-এ যিনি অভিজ্ঞতাগুলো দেখেন, তিনি পাঁচ কার্যদিবসের মধ্যে আপনারটি পড়বেন। "
            "মানুষ আমাদের যা বলেন, তা দিয়ে আমরা ঠিক করি কী খতিয়ে দেখব, এবং আমাদের "
            "প্রতিবেদনে প্রমাণ হিসেবে তা ব্যবহার করি। আপনার সম্মতি ছাড়া আমরা কখনো আপনার কথা "
            "প্রকাশ করি না, আর তখনও আপনাকে চেনা যায় এমন সবকিছু বাদ দিয়ে। আপনি যোগাযোগের "
            "অনুমতি দিলে আমরা আপনার কাছে আরও জানতে চাইতে পারি।"
        ),
        "What people told us": "মানুষ আমাদের যা বলেছেন",
        "what-people-told-us": "what-people-told-us",
        TOLD_INTRO: (
            "কতজন মানুষ তাঁদের পরিচর্যার কথা আমাদের বলেছেন, এবং কোন কোন সেবা নিয়ে। কোনো "
            "গল্প কেবল সেই মানুষের সম্মতিতেই প্রকাশ করা হয়, তাঁকে চেনা যায় এমন সবকিছু বাদ দিয়ে।"
        ),
    },
}

PREMISES = {
    "Aldermoor Hospitals NHS Trust": [
        ("Aldermoor General Hospital", "1-100000001", "Infirmary Road\nAldermoor", "AL1 2AB"),
        ("Westfield Community Hospital", "1-100000002", "Westfield Lane\nAldermoor", "AL4 7QT"),
    ],
    "Brookside Care Homes Ltd": [
        ("Willow Court Care Home", "1-100000011", "12 Willow Way\nAldermoor", "AL3 5RS"),
        ("Meadow View Care Home", "1-100000012", "3 Meadow Close\nAldermoor", "AL2 9LP"),
    ],
    "Riverside Home Care Agency": [
        ("Riverside Home Care, Aldermoor office", "1-100000021", "Unit 4, Mill Yard", "AL1 6DD")
    ],
}

QUOTED = (
    "My dad waited all day to leave the ward. Nobody told us why. When he got home his "
    "tablets were missing and we spent the evening ringing round. The nurses were kind, but "
    "nobody seemed to be in charge of getting him home."
)
DEIDENTIFIED = (
    "My relative waited all day to leave the ward, and nobody told us why. At home, his "
    "medicines were missing. The nurses were kind, but nobody seemed to be in charge of "
    "getting him home."
)


def ensure_handler():
    user, created = get_user_model().objects.get_or_create(
        username="handler",
        defaults={
            "first_name": "Hollis",
            "last_name": "Grant",
            "email": "handler@example.org",
            "is_staff": True,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name=EXPERIENCE_HANDLERS), Group.objects.get(name=EDITORS))
    ensure_demo_authenticator(user)
    return user


def ensure_premises(demo):
    for organisation_name, places in PREMISES.items():
        organisation = demo.organisation(organisation_name)
        for name, location_id, address, postcode in places:
            Premises.objects.get_or_create(
                cqc_location_id=location_id,
                defaults={
                    "organisation": organisation,
                    "name": name,
                    "address": address,
                    "postcode": postcode,
                },
            )


def demo_experiences(demo, today):
    """(days ago, organisation or premises name, story, extra fields) of the demo's queue."""
    hospital = Premises.objects.get(cqc_location_id="1-100000001")
    willow = Premises.objects.get(cqc_location_id="1-100000011")
    riverside = demo.organisation("Riverside Home Care Agency")
    rows = [
        (
            3,
            hospital,
            QUOTED,
            {
                "may_quote": True,
                "deidentified_story": DEIDENTIFIED,
                "state": Experience.State.EVIDENCE,
            },
        ),
        (
            5,
            willow,
            "The staff at the home are lovely and mum is settled. Visiting is easy.",
            {"rating": 5},
        ),
        (
            9,
            riverside,
            "Carers come at different times every day, sometimes 11 in the morning "
            "for breakfast. Mum is scared to complain.",
            {"state": Experience.State.FOLLOW_UP},
        ),
        (12, willow, "Residents are left in the lounge for hours with nothing to do.", {}),
        (
            20,
            hospital,
            "Discharge took nine hours and nobody explained the delay.",
            {"state": Experience.State.EVIDENCE},
        ),
        (
            40,
            hospital,
            "The discharge lounge had no water and nowhere to lie down.",
            {"state": Experience.State.EVIDENCE},
        ),
        (
            55,
            hospital,
            "I was sent home without my medicines and had to come back the next day.",
            {"state": Experience.State.EVIDENCE},
        ),
        (
            70,
            hospital,
            "Good care on the ward, but going home was chaos.",
            {"state": Experience.State.CLOSED, "rating": 3},
        ),
        (100, riverside, "Two carers were kind and careful with my husband.", {"rating": 4}),
        (
            130,
            None,
            "The pharmacy on the high street keeps running out of my prescription.",
            {"service_described": "High Street Pharmacy"},
        ),
        (
            2,
            willow,
            "A resident told me a member of staff hit her when no one was looking.",
            {"says_at_risk": True},
        ),
    ]
    return rows


def load_experiences(demo, today):
    from . import safeguarding

    if Experience.objects.exists():
        return list(Experience.objects.all())
    made = []
    now = timezone.now()
    for days_ago, service, story, extra in demo_experiences(demo, today):
        received = now - datetime.timedelta(days=days_ago)
        experience = Experience(
            received_at=received,
            premises=service if isinstance(service, Premises) else None,
            organisation=None if isinstance(service, Premises) else service,
            month=received.month,
            year=received.year,
            story=story,
            relationship=Experience.Relationship.ON_BEHALF,
            **extra,
        )
        safeguarding.flag(experience)
        experience.save()
        made.append(experience)
    return made


def load(demo):
    today = datetime.date.today()
    ensure_handler()
    demo.hints.append(
        "The public's experiences: sign in as 'handler' (same password and second factor) to "
        "read and handle them; editors only record them."
    )
    ensure_premises(demo)
    site = Site.objects.get(is_default_site=True)
    settings = ExperienceSettings.for_site(site)
    settings.safeguarding_lead_email = (
        settings.safeguarding_lead_email or "safeguarding@example.org"
    )
    settings.save()

    easy_read = demo_pdf(
        "Share your experience: easy read",
        [
            "Tell us about your care.",
            "Good or bad. You do not have to give your name.",
            "We keep what you tell us private.",
        ],
    )
    share = child_page(
        demo.home,
        ShareExperiencePage,
        "share-your-experience",
        title="Share your experience",
        show_in_menus=False,
        introduction=f"<p>{SHARE_INTRO}</p>",
        what_happens_next=f"<p>{NEXT_STEPS}</p>",
        alternative_formats=[
            AlternativeFormat(kind=AlternativeFormat.Kind.EASY_READ, document=easy_read)
        ],
    )
    told = child_page(
        demo.home,
        WhatPeopleToldUsPage,
        "what-people-told-us",
        title="What people told us",
        show_in_menus=True,
        introduction=f"<p>{TOLD_INTRO}</p>",
    )
    demo.pages["share-your-experience"] = share
    demo.pages["what-people-told-us"] = told
    for language, strings in TRANSLATIONS.items():
        demo.pages[f"share-your-experience-{language}"] = translate_through_workflow(
            share, language, strings
        )
        demo.pages[f"what-people-told-us-{language}"] = translate_through_workflow(
            told, language, strings
        )

    experiences = load_experiences(demo, today)
    discharge = ReportPage.objects.filter(slug="leaving-hospital", locale=demo.home.locale).first()
    used = [e for e in experiences if e.state == Experience.State.EVIDENCE]
    if discharge and used and not discharge.experiences_drawn_on:
        for experience in used:
            experience.evidence_for.add(discharge)
        approve_through_workflow(discharge)
    quoted = next((e for e in experiences if e.may_quote), None)
    if quoted and not quoted.story_pages.exists():
        story = ExperienceStoryPage(
            slug="going-home-from-the-ward",
            title="Going home from the ward",
            experience=quoted,
            organisation=quoted.organisation,
            shared_in=quoted.received_at.year,
            story=quoted.deidentified_story,
            live=False,
        )
        told.add_child(instance=story)
        approve_through_workflow(story)
        demo.pages["story"] = story
