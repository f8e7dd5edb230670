"""The public's experiences: shared on the site, kept private, handled, counted, quoted only
with consent and approval, and gone after the retention period."""

import datetime
import time

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from experiences.forms import STARTED_SALT
from experiences.pages import ExperienceStoryPage, ShareExperiencePage, WhatPeopleToldUsPage
from experiences.records import Experience, ExperienceAccess, ExperienceSettings, WhoseVoice
from experiences.retention import delete_on_request, remove_old_stories
from linksite.mail import OutgoingMail
from linksite.models import Organisation, Premises

from .admin_forms import as_user

MARKER = "Zanzibarquux"


@pytest.fixture
def share_page(home):
    page = ShareExperiencePage(
        title="Share your experience",
        slug="share-your-experience",
        what_happens_next="<p>A handler reads it within five working days.</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def told_page(home):
    page = WhatPeopleToldUsPage(title="What people told us", slug="what-people-told-us")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def care_home(db):
    provider = Organisation.objects.create(
        name="Brookside Care Homes Ltd", kind=Organisation.Kind.CARE_HOME_PROVIDER
    )
    return Premises.objects.create(organisation=provider, name="Willow Court")


@pytest.fixture
def handler(people):
    from .factories import UserFactory

    user = UserFactory(username="handler")
    user.groups.add(Group.objects.get(name="Experience handlers"))
    return user


def started(seconds_ago=60):
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def answers(care_home, **changes):
    today = timezone.localdate()
    data = {
        "service": f"p{care_home.pk}",
        "month": str(today.month),
        "year": str(today.year),
        "story": f"The carers at the home were rushed. {MARKER} waited an hour for help.",
        "relationship": "on_behalf",
        "started": started(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def share(client, share_page, data):
    return client.post(share_page.url, data)


def test_a_shared_experience_is_kept_with_a_reference_and_the_receipt_says_what_next(
    client, share_page, care_home
):
    response = share(client, share_page, answers(care_home))
    assert response.status_code == 302
    experience = Experience.objects.get()
    assert experience.premises == care_home
    assert experience.organisation == care_home.organisation
    receipt = client.get(response["Location"])
    assert experience.reference in receipt.content.decode()
    assert "within five working days" in receipt.content.decode()


def test_the_answers_about_who_we_heard_from_are_kept_apart_from_the_story(
    client, share_page, care_home
):
    share(client, share_page, answers(care_home, age_band="75_over", postcode_district="al4"))
    voice = WhoseVoice.objects.get()
    assert voice.age_band == "75_over" and voice.postcode_district == "AL4"
    assert not [f for f in WhoseVoice._meta.get_fields() if f.is_relation]


def test_nothing_about_who_we_heard_from_is_kept_when_no_question_was_answered(
    client, share_page, care_home
):
    share(client, share_page, answers(care_home))
    assert not WhoseVoice.objects.exists()


def test_contact_details_are_kept_only_when_they_may_contact_them(client, share_page, care_home):
    share(
        client,
        share_page,
        answers(care_home, contact_name="Pat", contact_email="pat@example.org"),
    )
    experience = Experience.objects.get()
    assert (experience.contact_name, experience.contact_email) == ("", "")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"story": "  "}, "story", "This field is required"),
        ({"story": "word " * 50000}, "story", "Please shorten it to about 1,000 words"),
        ({"year": str(datetime.date.today().year), "month": "13"}, "month", "Select a valid"),
        ({"service": "p99999999", "service_not_listed": ""}, "service", "not in our list"),
        ({"service": "x1"}, "service", "not in our list"),
        ({"service": "o-1"}, "service", "not in our list"),
        ({"service": "o" + "9" * 40}, "service", "not in our list"),
        ({"service": "", "service_not_listed": ""}, "service", "type its name"),
        ({"may_contact": "on"}, "contact_name", "Tell us your name"),
        ({"may_contact": "on", "contact_name": "Pat"}, "contact_email", "email address or a phone"),
        ({"postcode_district": "AL4 7QT"}, "postcode_district", "only the first part"),
        ({"relationship": "owner"}, "relationship", "Select a valid choice"),
    ],
)
def test_bad_answers_are_refused_at_the_field_and_nothing_typed_is_lost(
    client, share_page, care_home, changes, field, message
):
    data = answers(care_home, **{"service_not_listed": "Typed service name", **changes})
    if data.get("service_not_listed") == "":
        data["contact_phone"] = "Typed service name"
    response = share(client, share_page, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'href="#id_{field}-field"' in html
    if data["story"].strip() and len(data["story"]) < 1000:
        assert MARKER in html
    assert "Typed service name" in html
    assert not Experience.objects.exists()


def test_a_month_in_the_future_is_refused(client, share_page, care_home):
    future = timezone.localdate().replace(day=1) + datetime.timedelta(days=40)
    if future.year != timezone.localdate().year:
        pytest.skip("next month is in next year, which the year list does not offer")
    response = share(client, share_page, answers(care_home, month=str(future.month)))
    assert response.status_code == 400
    assert "That month has not happened yet" in response.content.decode()


def test_a_service_typed_by_name_is_accepted_without_a_choice(client, share_page, care_home):
    share(client, share_page, answers(care_home, service="", service_not_listed="Corner pharmacy"))
    assert Experience.objects.get().service_described == "Corner pharmacy"


@pytest.mark.parametrize(
    "changes",
    [{"leave_empty": "http://spam.example"}, {"started": "now"}, {"started": "forged"}],
    ids=["honeypot", "too fast", "forged start"],
)
def test_spam_never_reaches_the_queue_and_a_person_loses_nothing(
    client, share_page, care_home, changes
):
    if changes.get("started") == "now":
        changes = {"started": started(seconds_ago=0)}
    response = share(client, share_page, answers(care_home, **changes))
    assert response.status_code == 400
    assert MARKER in response.content.decode()
    assert not Experience.objects.exists()


def test_a_flood_from_one_client_is_refused_after_five_in_an_hour(client, share_page, care_home):
    for _ in range(5):
        assert share(client, share_page, answers(care_home)).status_code == 302
    response = share(client, share_page, answers(care_home))
    assert response.status_code == 429
    assert MARKER in response.content.decode()
    assert Experience.objects.count() == 5


def test_the_form_has_no_upload_and_links_are_not_made_clickable(client, share_page):
    html = client.get(share_page.url).content.decode()
    assert 'type="file"' not in html and "multipart" not in html


def test_the_sharing_page_is_never_kept_by_a_cache(client, share_page):
    response = client.get(share_page.url)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_receipt_with_a_forged_reference_goes_back_to_the_form(client, share_page):
    response = client.get(share_page.url + "received/?r=EXP-FAKE-FAKE")
    assert response.status_code == 302 and response["Location"].endswith(share_page.url)


# Safeguarding


@pytest.fixture
def lead(home):
    settings = ExperienceSettings.for_site(Site.objects.get(is_default_site=True))
    settings.safeguarding_lead_email = "lead@example.org"
    settings.save()
    return settings.safeguarding_lead_email


def test_a_story_ticked_at_risk_is_flagged_and_mailed_to_the_lead_without_its_words(
    client, share_page, care_home, lead
):
    share(client, share_page, answers(care_home, says_at_risk="on"))
    experience = Experience.objects.get()
    assert experience.safeguarding
    mail = OutgoingMail.objects.get(to=lead)
    assert experience.reference in mail.subject + mail.body
    assert MARKER not in mail.subject + mail.body


def test_words_that_suggest_harm_flag_a_story_without_the_tick(client, share_page, care_home, lead):
    share(client, share_page, answers(care_home, story="A carer hit me and I am scared."))
    experience = Experience.objects.get()
    assert experience.safeguarding and "scared" in experience.harm_words
    assert OutgoingMail.objects.filter(to=lead).exists()


def test_an_ordinary_story_is_not_flagged_and_mails_no_one(client, share_page, care_home, lead):
    share(client, share_page, answers(care_home))
    assert not Experience.objects.get().safeguarding
    assert not OutgoingMail.objects.exists()


def test_flagged_stories_head_the_queue(client, handler, care_home):
    Experience.objects.create(month=1, year=2026, story="fine", premises=care_home)
    flagged = Experience.objects.create(
        month=1,
        year=2026,
        story="x",
        safeguarding=True,
        received_at=timezone.now() - datetime.timedelta(days=30),
    )
    Experience.objects.create(month=1, year=2026, story="newer")
    assert Experience.objects.first() == flagged
    as_user(client, handler)
    html = client.get(reverse("experiences:index")).content.decode()
    assert html.index(flagged.reference) < html.index(Experience.objects.last().reference)


# Who may read them


@pytest.fixture
def experience(care_home):
    return Experience.objects.create(
        month=1,
        year=2026,
        premises=care_home,
        story=f"{MARKER} was left alone.",
        contact_name="Pat Contact",
        may_contact=True,
    )


@pytest.mark.parametrize("role", ["editor", "reviewer", "steering1", "vetting"])
def test_no_one_but_handlers_and_administrators_can_list_or_open_experiences(
    client, people, experience, role
):
    as_user(client, people[role])
    for url in (
        reverse("experiences:index"),
        reverse("experiences:edit", args=[experience.pk]),
        reverse("experiences:delete", args=[experience.pk]),
        reverse("experiences_voices"),
        reverse("experiences_access_log"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert MARKER.encode() not in response.content
    assert not ExperienceAccess.objects.exists()


@pytest.mark.parametrize("role", ["handler", "admin"])
def test_handlers_and_administrators_open_experiences_and_each_opening_is_recorded(
    client, people, handler, experience, role
):
    user = handler if role == "handler" else people["admin"]
    as_user(client, user)
    response = client.get(reverse("experiences:edit", args=[experience.pk]))
    assert response.status_code == 200 and MARKER in response.content.decode()
    access = ExperienceAccess.objects.get()
    assert (access.user, access.action, access.reference) == (
        user,
        ExperienceAccess.Action.OPENED,
        experience.reference,
    )
    experience.refresh_from_db()
    assert experience.state == Experience.State.READ


def test_only_administrators_read_the_access_log(client, people, handler, experience):
    as_user(client, handler)
    assert client.get(reverse("experiences_access_log")).status_code in (302, 403)
    as_user(client, people["admin"])
    assert client.get(reverse("experiences_access_log")).status_code == 200


def test_an_editor_records_one_heard_by_phone_and_sees_only_its_reference(
    client, people, care_home, lead
):
    as_user(client, people["editor"])
    response = client.post(
        reverse("experiences_record"),
        {
            "source": "phone",
            "source_detail": "Tuesday advice line",
            "premises": care_home.pk,
            "month": "3",
            "year": "2026",
            "story": f"{MARKER} told us on the phone she is at risk.",
            "relationship": "self",
            "says_at_risk": "on",
        },
    )
    experience = Experience.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert experience.reference in page and MARKER not in page
    assert experience.recorded_by == people["editor"] and experience.safeguarding
    assert OutgoingMail.objects.filter(to=lead).exists()
    assert client.get(reverse("experiences:edit", args=[experience.pk])).status_code in (302, 403)


def test_recording_refuses_an_experience_with_no_words_and_keeps_the_rest(client, people):
    as_user(client, people["editor"])
    response = client.post(
        reverse("experiences_record"),
        {
            "source": "paper",
            "month": "3",
            "year": "2026",
            "story": " ",
            "relationship": "self",
            "source_detail": "Library drop-in",
        },
    )
    assert response.status_code == 200 and "Library drop-in" in response.content.decode()
    assert not Experience.objects.exists()


def test_closing_a_case_removes_its_contact_details(experience):
    experience.state = Experience.State.CLOSED
    experience.save()
    experience.refresh_from_db()
    assert experience.contact_name == "" and experience.story


# Never in a public byte


def test_a_shared_story_reaches_no_public_page_feed_sitemap_search_or_revision(
    client, home, share_page, told_page, care_home
):
    from search.entries import SearchEntry

    share(client, share_page, answers(care_home))
    assert Experience.objects.filter(story__contains=MARKER).exists()
    urls = [p.url for p in Page.objects.live().filter(depth__gte=2)]
    urls += ["/sitemap.xml", reverse("search") + "?q=rushed", share_page.url]
    for url in urls:
        response = client.get(url)
        assert MARKER.encode() not in response.content, url
    assert not SearchEntry.objects.filter(text__contains=MARKER).exists()
    assert not Revision.objects.filter(content__icontains=MARKER).exists()


def test_experiences_are_not_in_the_search_index_at_all():
    from wagtail.search.index import Indexed

    assert not issubclass(Experience, Indexed) and not issubclass(WhoseVoice, Indexed)


# Counted, never fewer than 5 as a number


def test_the_summary_shows_counts_under_five_as_fewer_than_five(client, told_page, care_home):
    other = Organisation.objects.create(name="Riverside Home Care", kind="home_care_provider")
    for _ in range(6):
        Experience.objects.create(month=1, year=2026, premises=care_home, story="s")
    for _ in range(2):
        Experience.objects.create(month=1, year=2026, organisation=other, story="s")
    html = client.get(told_page.url).content.decode()
    assert "8 experiences in all" in html
    row = html[html.index("Riverside Home Care") :][:200]
    assert "fewer than 5" in row and "2" not in row
    # 8 in all, so showing the 6 would give the 2 away.
    row = html[html.index("Brookside Care Homes Ltd") :][:200]
    assert "not shown" in row and "6" not in row


@pytest.mark.parametrize(
    "counts, shown",
    [
        ([9, 7, 6], [9, 7, 6]),
        ([9, 7, 2], [9, "not shown", None]),
        ([9, 3, 2], [9, None, None]),
        ([3], [None]),
        ([], []),
    ],
)
def test_no_hidden_count_can_be_worked_out_from_the_others(counts, shown):
    from experiences.pages import suppressed

    assert suppressed(counts) == shown


# Quoted only with consent and approval


@pytest.fixture
def quotable(care_home):
    return Experience.objects.create(
        month=1,
        year=2026,
        premises=care_home,
        story="Original words, Pat Contact.",
        deidentified_story="Someone waited an hour for help.",
        may_quote=True,
    )


def test_a_handler_drafts_a_story_page_that_is_not_live(
    client, people, handler, told_page, quotable
):
    handler.groups.add(Group.objects.get(name="Editors"))
    as_user(client, handler)
    response = client.post(reverse("experiences_draft_story", args=[quotable.pk]))
    page = ExperienceStoryPage.objects.get()
    assert response.status_code == 302 and not page.live
    assert page.story == quotable.deidentified_story and "Original words" not in page.story


def test_no_story_is_drafted_without_consent(client, handler, told_page, quotable):
    quotable.may_quote = False
    quotable.save()
    as_user(client, handler)
    client.post(reverse("experiences_draft_story", args=[quotable.pk]))
    assert not ExperienceStoryPage.objects.exists()


def test_a_story_page_cannot_be_saved_or_published_once_consent_is_withdrawn(told_page, quotable):
    from django.core.exceptions import ValidationError

    page = ExperienceStoryPage(title="A story", slug="a-story", experience=quotable, story="x")
    told_page.add_child(instance=page)
    assert page.publication_barriers() == []
    quotable.may_quote = False
    quotable.save()
    assert page.publication_barriers()
    with pytest.raises(ValidationError):
        page.full_clean()


def test_a_story_page_needs_an_experience(told_page):
    from django.core.exceptions import ValidationError

    page = ExperienceStoryPage(title="Made up", slug="made-up", story="Invented.")
    with pytest.raises(ValidationError):
        told_page.add_child(instance=page)


# Kept no longer than needed


def test_old_stories_lose_their_words_and_contact_details_but_are_still_counted(
    client, told_page, care_home
):
    old = Experience.objects.create(
        month=1,
        year=2023,
        premises=care_home,
        story=f"{MARKER} long ago",
        deidentified_story="quoted",
        contact_name="Pat",
        contact_email="pat@example.org",
        received_at=timezone.now() - datetime.timedelta(days=800),
    )
    recent = Experience.objects.create(month=1, year=2026, premises=care_home, story="recent")
    assert remove_old_stories(timezone.localdate()) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.story, old.deidentified_story, old.contact_name, old.contact_email) == (
        "",
        "",
        "",
        "",
    )
    assert old.story_removed_on == timezone.localdate() and recent.story == "recent"
    assert Experience.objects.count() == 2
    assert remove_old_stories(timezone.localdate()) == 0


def test_the_retention_period_is_a_setting(care_home, home):
    settings = ExperienceSettings.for_site(Site.objects.get(is_default_site=True))
    settings.retention_months = 1
    settings.save()
    Experience.objects.create(
        month=1,
        year=2026,
        premises=care_home,
        story="two months old",
        received_at=timezone.now() - datetime.timedelta(days=62),
    )
    assert remove_old_stories(timezone.localdate()) == 1


def test_a_deletion_on_request_keeps_only_that_it_happened_and_takes_its_story_down(
    people, told_page, quotable
):
    page = ExperienceStoryPage(title="A story", slug="a-story", experience=quotable, story="Told.")
    told_page.add_child(instance=page)
    page.save_revision().publish()
    reference = quotable.reference
    delete_on_request(quotable, people["admin"])
    assert not Experience.objects.exists()
    entry = ExperienceAccess.objects.get(action=ExperienceAccess.Action.DELETED)
    assert entry.reference == reference and entry.experience is None
    page.refresh_from_db()
    assert not page.live


# A report's evidence


def test_a_report_counts_the_experiences_linked_to_it_only_in_its_next_version(
    client, report_index, care_home
):
    from .factories import ReportPageFactory

    report = ReportPageFactory(parent=report_index)
    experience = Experience.objects.create(month=1, year=2026, premises=care_home, story="s")
    experience.evidence_for.add(report)
    assert "draws on the experience" not in client.get(report.url).content.decode()
    report.save_revision().publish()
    report.refresh_from_db()
    assert report.experiences_drawn_on == 1
    assert "draws on the experience of 1 person" in client.get(report.url).content.decode()


def test_the_scrutiny_committee_and_regulators_are_not_services_to_tell_us_about(
    client, share_page, care_home
):
    regulator = Organisation.objects.create(name="Care Quality Commission", kind="regulator")
    html = client.get(share_page.url).content.decode()
    assert "Care Quality Commission" not in html
    response = share(client, share_page, answers(care_home, service=f"o{regulator.pk}"))
    assert response.status_code == 400 and not Experience.objects.exists()


def test_who_we_heard_from_is_shown_to_handlers_only_in_aggregate(client, handler):
    quarter = datetime.date(2026, 1, 1)
    for _ in range(7):
        WhoseVoice.objects.create(quarter=quarter, age_band="75_over")
    for _ in range(2):
        WhoseVoice.objects.create(quarter=quarter, age_band="18_34")
    as_user(client, handler)
    html = client.get(reverse("experiences_voices")).content.decode()
    # 9 answered in all, so showing the 7 would give the 2 away.
    assert "18 to 34</td><td>fewer than 5</td>" in html
    assert "75 or over</td><td>not shown</td>" in html
