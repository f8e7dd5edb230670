"""No English left unmarked on a translated page (WCAG 2.2, 3.1.2 Language of Parts).

Every public page of the demo in Urdu, Polish and Bengali is read as a screen reader would:
each piece of text (and each label a screen reader speaks: `alt`, `title`, `aria-label`,
`placeholder`) is in the page's language unless an element around it says otherwise with its
own `lang`. Text counts as English when it has a word of the English pages that the
language's own words (its catalogue and the demo's translations) do not have; people's names
are names in any language. A failure names the address, where on the page, the text and the
English words found.
"""

import re
from html.parser import HTMLParser
from importlib import import_module

import polib
import pytest
from django.conf import settings
from wagtail.models import Page

from linksite.models import Person

from .browser import one_page_of_each_type

pytestmark = pytest.mark.django_db

# Where the demo keeps what its translators wrote: dicts of {language: {English: translation}}.
DEMO_TRANSLATIONS = [
    "home.demo_translations",
    "publications.demo_translations",
    "decisions.demo_translations",
    "search.demo",
    "opendata.demo",
]
SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
SILENT = {"script", "style", "template"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|\S+\.(?:org|uk|com)\S*")


def words(text):
    return WORD.findall(ADDRESSES.sub(" ", text))


class Passages(HTMLParser):
    """Each passage of text on a page with the language it is declared in and where it is."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang or None, label for the path)
        self.passages = []  # (lang, where, text)

    def where(self):
        return " > ".join(label for _tag, _lang, label in self.stack[-4:])

    def language(self):
        return next((lang for _tag, lang, _label in reversed(self.stack) if lang), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        label = tag + (f"#{attrs['id']}" if attrs.get("id") else "")
        if attrs.get("class"):
            label += "." + attrs["class"].split()[0]
        lang = attrs.get("lang")
        self.stack.append((tag, lang, label))
        for name in SPOKEN_ATTRIBUTES:
            if attrs.get(name):
                self.passages.append((self.language(), f"{self.where()} [{name}]", attrs[name]))
        if tag in VOID:
            self.stack.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, _lang, _label in self.stack):
            return
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not any(tag in SILENT for tag, _lang, _label in self.stack):
            self.passages.append((self.language(), self.where(), text))


def passages_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = Passages()
    parser.feed(response.content.decode())
    return parser.passages


# NOT_COVERED_HERE: the search page. It is being changed to find the pages not yet translated
# (issue 18, other work): its results and filters then mark each page's language themselves,
# and it repeats the visitor's own words, whose language no one knows. Its check belongs there.


def public_addresses(code):
    """Every live public page in the language, and the routes that are not pages (topics,
    the publication record, the search) from the browser tests' list."""
    pages = Page.objects.live().public().filter(depth__gte=2, locale__language_code=code)
    addresses = {page.url for page in pages.specific()}
    addresses |= {
        url
        for kind, url in one_page_of_each_type(code).items()
        if not kind.startswith("search")  # NOT_COVERED_HERE
    }
    return sorted(addresses)


def own_words(code):
    """The language's own words: its catalogue's translations and the demo's translations."""
    found = set()
    catalogue = polib.pofile(str(settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in texts:
            found.update(word.casefold() for word in words(text))
    for module_name in DEMO_TRANSLATIONS:
        module = import_module(module_name)
        for value in vars(module).values():
            if isinstance(value, dict) and isinstance(value.get(code), dict):
                for text in value[code].values():
                    found.update(word.casefold() for word in words(text))
    return found


def names():
    found = set()
    for name in Person.objects.values_list("display_name", flat=True):
        found.update(word.casefold() for word in words(name))
    return found


def english_words(text, english, own, people):
    return [
        word
        for word in words(text)
        if word.casefold() in english
        and word.casefold() not in own
        and word.casefold() not in people
        and not word.isupper()  # an abbreviation (PDF, NHS) is a term, not a passage
    ]


@pytest.fixture
def english(client, demo):
    """Every word of every public English page of the demo."""
    found = set()
    for url in public_addresses("en"):
        for _lang, _where, text in passages_of(client, url):
            found.update(word.casefold() for word in words(text))
    return found


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_no_english_without_its_own_lang_on_a_translated_page(client, demo, english, code):
    own = own_words(code)
    people = names()
    addresses = public_addresses(code)
    # Every site language has something to read: the home page and a report at least.
    assert any(url.rstrip("/").endswith(f"/{code}") for url in addresses), addresses
    assert any("/reports/" in url for url in addresses), addresses
    unmarked = []
    for url in addresses:
        for lang, where, text in passages_of(client, url):
            if lang != code:
                continue
            found = english_words(text, english, own, people)
            if found:
                unmarked.append(f"{url} at {where}: {text[:120]!r} (English: {' '.join(found)})")
    assert not unmarked, f"{len(unmarked)} passages in English without lang:\n" + "\n".join(
        unmarked[:60]
    )


def test_the_check_finds_an_english_passage_in_an_urdu_sentence():
    english = {"the", "borough", "of", "aldermoor"}
    found = english_words("آزاد آواز the Borough of Aldermoor میں", english, set(), set())
    assert found == ["the", "Borough", "of", "Aldermoor"]


def test_the_check_reads_lang_from_the_nearest_element_that_has_one():
    parser = Passages()
    parser.feed('<html lang="ur"><p>ایک <span lang="en">Care homes</span> دو</p></html>')
    assert [(lang, text) for lang, _where, text in parser.passages] == [
        ("ur", "ایک"),
        ("en", "Care homes"),
        ("ur", "دو"),
    ]
