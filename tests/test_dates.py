"""Dates as each language's readers write them, from one place (linksite/formats)."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.formats import date_format
from wagtail.models import Page

ROOT = Path(__file__).resolve().parent.parent

POLISH_NOMINATIVE = "|".join(
    "Styczeń Luty Marzec Kwiecień Maj Czerwiec Lipiec Sierpień Wrzesień Październik Listopad "
    "Grudzień".split()
)


@pytest.mark.parametrize(
    "language, written",
    [("en", "1 June 2025"), ("pl", "1 czerwca 2025"), ("ur", "1 جون 2025"), ("bn", "1 জুন 2025")],
)
def test_a_date_is_written_as_the_languages_readers_write_it(language, written):
    with translation.override(language):
        assert date_format(datetime.date(2025, 6, 1)) == written


def test_polish_date_and_time_has_the_month_in_the_genitive():
    with translation.override("pl"):
        assert date_format(datetime.datetime(2026, 12, 22, 9, 5), "DATETIME_FORMAT") == (
            "22 grudnia 2026, 09:05"
        )


def test_no_template_or_code_writes_a_month_with_a_format_of_its_own():
    """Every date with a month or day name goes through the languages' named formats."""
    used = re.compile(r"""(?:\|date:|date_format\([^)]*,\s*|\{% now )["']([^"']*)["']""")

    def own_formats(text):
        return [
            f
            for f in used.findall(text)
            if not re.fullmatch(r"[A-Z_]+_FORMAT", f) and re.search(r"[FEMNbDl]", f)
        ]

    found = []
    paths = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("templates/**/*.txt")]
    for folder in (
        "linksite",
        "publications",
        "decisions",
        "home",
        "search",
        "alerts",
        "accounts",
        "experiences",
        "opendata",
    ):
        paths += [p for p in (ROOT / folder).rglob("*.py") if "formats" not in p.parts]
    for path in paths:
        found += [f"{path.relative_to(ROOT)}: {f}" for f in own_formats(path.read_text())]
    assert not found, found


@pytest.mark.django_db
def test_no_polish_page_of_the_demo_writes_a_day_with_the_nominative_month(client, demo):
    pages = Page.objects.live().public().filter(locale__language_code="pl", depth__gte=2)
    assert pages.count() >= 3
    for page in pages:
        html = client.get(page.url).content.decode()
        wrong = re.findall(rf"\b\d{{1,2}} ({POLISH_NOMINATIVE})\b", html, re.IGNORECASE)
        assert not wrong, (page.url, wrong)


def test_urdu_and_bengali_write_numbers_in_western_digits_everywhere_as_their_dates_do():
    """One choice of digits in each language: the dates (Django's formats) are in Western
    digits, so the catalogues and the demo's translations are too."""
    own_digits = re.compile("[\u09e6-\u09ef\u06f0-\u06f9\u0660-\u0669]")
    paths = [ROOT / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in ("ur", "bn")]
    paths += list(ROOT.glob("*/demo_translations.py")) + list(ROOT.glob("*/demo.py"))
    found = [str(p.relative_to(ROOT)) for p in paths if own_digits.search(p.read_text())]
    assert not found, found
    with translation.override("bn"):
        assert date_format(datetime.date(2026, 12, 22)).startswith("22 ")
