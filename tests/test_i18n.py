"""Every community can read it: the page's languages, its direction, the interface's words."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from home.models import StandardPage

from .admin_forms import as_user
from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """Make a translation directly (setting up, not what is tested), live or as a draft."""

    def make(page, language_code, live=True):
        locale = Locale.objects.get_or_create(language_code=language_code)[0]
        source, _ = TranslationSource.get_or_create_from_instance(page)
        with django_capture_on_commit_callbacks(execute=True):
            source.create_or_update_translation(locale, publish=live, fallback=True)
        return page.get_translation(locale).specific

    return make


@pytest.fixture
def about(home, translate):
    """ "About us" in English and Urdu (live) and Polish (a draft), the home page likewise."""
    page = StandardPageFactory(parent=home, title="About us", slug="about-us")
    for language in ("ur", "pl"):
        translate(home, language)
    translate(page, "ur")
    translate(page, "pl", live=False)
    return page


def language_links(html):
    nav = re.search(r'<nav class="language-links".*?</nav>', html, re.S)
    return nav.group(0) if nav else ""


def test_english_is_unprefixed_and_other_languages_carry_their_code(client, about):
    assert about.url == "/about-us/"
    assert about.get_translation(Locale.objects.get(language_code="ur")).url == "/ur/about-us/"
    assert client.get("/ur/about-us/").status_code == 200


def test_an_urdu_page_is_right_to_left_in_urdu_and_an_english_one_left_to_right(client, about):
    assert '<html lang="ur" dir="rtl">' in client.get("/ur/about-us/").content.decode()
    assert '<html lang="en" dir="ltr">' in client.get("/about-us/").content.decode()


def test_a_page_offers_only_its_live_translations_each_named_in_its_own_language(client, about):
    links = language_links(client.get("/about-us/").content.decode())
    assert (
        '<a href="/about-us/" lang="en" hreflang="en" dir="ltr" aria-current="true">English</a>'
        in links
    )
    assert '<a href="/ur/about-us/" lang="ur" hreflang="ur" dir="rtl">اردو</a>' in links
    # The Polish translation is a draft: not offered.
    assert "/pl/about-us/" not in links and "Polski" not in links
    # The Polish home page is live, so it offers Polski.
    assert ">Polski</a>" in language_links(client.get("/").content.decode())


def test_a_page_in_one_language_only_offers_no_language_links(client, home):
    StandardPageFactory(parent=home, title="Only English", slug="only-english")
    html = client.get("/only-english/").content.decode()
    assert 'class="language-links"' not in html and 'hreflang="' not in html


def test_hreflang_alternates_name_each_live_translation_and_english_as_the_default(client, about):
    html = client.get("/ur/about-us/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        "en": "http://localhost/about-us/",
        "ur": "http://localhost/ur/about-us/",
        "x-default": "http://localhost/about-us/",
    }


def test_the_interface_speaks_the_pages_language(client, about):
    html = client.get("/ur/about-us/").content.decode()
    assert "اصل مواد پر جائیں" in html  # Skip to main content
    assert 'aria-label="مرکزی مینو"' in html  # the main navigation's name
    assert "Skip to main content" not in html
    polish_home = client.get("/pl/").content.decode()
    assert "Przejdź do treści głównej" in polish_home


def test_status_words_and_dates_are_translated(settings):
    import datetime

    from linksite.clock import reply_status

    status = reply_status(datetime.date(2027, 3, 1), today=datetime.date(2027, 3, 2))
    with translation.override("ur"):
        assert str(status.label).startswith("جواب کا انتظار ہے")
        assert "مارچ" in str(status.label)  # March
    late = reply_status(datetime.date(2027, 3, 1), today=datetime.date(2027, 6, 1))
    with translation.override("pl"):
        assert str(late.label).startswith("Po terminie (dni robocze:")
    with translation.override("bn"):
        assert "সময়মতো" in str(reply_status(datetime.date(2027, 3, 1), datetime.date(2027, 3, 2)))


# The catalogues


def public_msgids():
    """The interface's fixed strings the public sees: the public templates, the status words,
    the choice labels and page type names shown on public pages."""
    from wagtail.models import get_page_models

    from linksite.alternative_formats import AlternativeFormat
    from linksite.models import CareSector
    from linksite.pages import LinkPage

    po = polib.pofile(str(ROOT / "locale" / "ur" / "LC_MESSAGES" / "django.po"))
    # The alerts' forms, scope names and mails reach the public too.
    public_files = {"linksite/clock.py"} | {
        f"alerts/{name}.py" for name in ("digests", "forms", "models", "scopes", "views")
    }
    ids = {
        entry.msgid
        for entry in po
        if any(
            (path.startswith("templates/") and not path.startswith("templates/linksite/admin/"))
            or path in public_files
            for path, _line in entry.occurrences
        )
    }
    with translation.override("en"):
        ids |= {str(label) for label in AlternativeFormat.Kind.labels + CareSector.labels}
        ids |= {
            str(model._meta.verbose_name)
            for model in get_page_models()
            if issubclass(model, LinkPage)
        }
    return ids


@pytest.mark.parametrize("language", ["ur", "pl", "bn"])
def test_each_catalogue_translates_every_public_interface_string(language):
    po = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    entries = {entry.msgid: entry for entry in po}
    wanted = public_msgids()
    assert len(wanted) > 40
    missing = sorted(m for m in wanted if m not in entries or not entries[m].translated())
    assert not missing, f"run `make messages` and translate these in {language}: {missing}"


@pytest.mark.parametrize("language", ["ur", "pl", "bn"])
def test_the_committed_compiled_catalogue_matches_its_source(language):
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    source = {
        e.msgid: (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(folder / "django.po"))
        if e.translated()
    }
    compiled = {
        e.msgid: (e.msgstr, e.msgstr_plural)
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    assert compiled == source, "run `make messages` (or manage.py compile_catalogues)"


def test_the_site_languages_are_a_setting_with_english_the_default():
    assert settings.LANGUAGE_CODE == "en"
    assert [code for code, _ in settings.LANGUAGES] == ["en", "ur", "pl", "bn"]


# Translators' formats: wagtail-localize's PO download and upload


def test_a_translator_downloads_a_po_file_fills_it_uploads_it_and_the_translation_is_a_draft(
    client, home, translate
):
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile

    from linksite.translations import translation_of

    from .factories import UserFactory

    translate(home, "ur")
    page = StandardPageFactory(parent=home, title="Hospital discharge", slug="discharge")
    editor = UserFactory(username="translator")
    editor.groups.add(Group.objects.get(name="Editors"))
    as_user(client, editor)
    urdu = Locale.objects.get(language_code="ur")
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [urdu.pk], "include_subtree": ""},
    )
    urdu_page = page.get_translation(urdu)
    job = translation_of(urdu_page)

    download = client.get(reverse("wagtail_localize:download_pofile", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith("-ur.po")
    po = polib.pofile(download.content.decode())
    entry = next(entry for entry in po if entry.msgid == "Hospital discharge")
    entry.msgstr = "ہسپتال سے رخصتی"
    upload = client.post(
        reverse("wagtail_localize:upload_pofile", args=[job.pk]),
        {"file": SimpleUploadedFile("discharge-ur.po", str(po).encode()), "next": "/admin/"},
    )
    assert upload.status_code == 302
    client.post(reverse("linksite_submit_translation", args=[urdu_page.pk]))
    urdu_page.refresh_from_db()
    assert urdu_page.get_latest_revision().content["title"] == "ہسپتال سے رخصتی"
    assert not urdu_page.live
    client.logout()
    assert client.get("/ur/discharge/").status_code == 404


# The demo


def test_the_demo_has_the_home_page_and_get_involved_in_urdu_and_polish_approved(client, demo):
    for url, words in [
        ("/ur/", "ایلڈرمور لنک"),
        ("/ur/get-involved/", "شامل ہوں"),
        ("/pl/", "Aldermoor LINk to niezależna"),
        ("/pl/get-involved/", "Dołącz do nas"),
    ]:
        html = client.get(url).content.decode()
        assert words in html, url
        assert 'class="approval-line"' in html, url
    assert StandardPage.objects.filter(slug="get-involved").count() == 3
