"""Text written in another language than the page it is shown on is marked with its own
language (WCAG 2.2, 3.1.2 Language of Parts), so a screen reader switches voice.

On a translated page some words can only be the original's: an organisation's name, a
reply not yet translated, the title of a page that exists only in English. Templates mark
them with `{% lang_attrs source %}` on the element around them, or `{{ text|in_language:source }}`,
where `source` is a language code or anything with a `locale` (a page, an inline row). Nothing
is added when the text is in the page's own language.
"""

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

_codes = {}


def forget_locales(**kwargs):
    """post_save and post_delete of a Locale: the ids of the locales are read again."""
    _codes.clear()


def code_of_locale(locale_id):
    """The language code of a locale, by id, without a query per object shown: all the
    locales (a handful) are read once per edition of the site during a request
    (linksite.serving), and otherwise once, and again whenever one is saved or deleted."""
    from .serving import locales

    table = locales()
    if table is not None:
        return next((code for code, one in table.items() if one.pk == locale_id), None)
    if locale_id not in _codes:
        from wagtail.models import Locale

        _codes.clear()
        _codes.update(Locale.objects.values_list("pk", "language_code"))
    return _codes.get(locale_id)


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale

    post_save.connect(forget_locales, sender=Locale, dispatch_uid="linksite_locale_saved")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="linksite_locale_gone")


def language_of(source=None):
    """The language code `source` is written in: a code, an object with a `locale`, or the
    site's default language (the language of names and of anything not translated)."""
    if not source:
        return settings.LANGUAGE_CODE
    if isinstance(source, str):
        return source
    locale_id = getattr(source, "locale_id", None)
    return (locale_id and code_of_locale(locale_id)) or settings.LANGUAGE_CODE


def is_foreign(source=None):
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language_of(source) != current


def direction(code):
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


def lang_attrs(source=None):
    """` lang="en" dir="ltr"` for an element holding text in `source`'s language, when that
    is not the page's; "" when it is."""
    if not is_foreign(source):
        return ""
    code = language_of(source)
    return format_html(' lang="{}" dir="{}"', code, direction(code))


def in_language(text, source=None):
    """The text, escaped, in a `<span lang dir>` when it is not in the page's language."""
    if text in (None, ""):
        return ""
    if not is_foreign(source):
        return format_html("{}", text)
    code = language_of(source)
    return format_html('<span lang="{}" dir="{}">{}</span>', code, direction(code), text)


class Worded(str):
    """A piece of text that knows the language it is written in (`language`)."""

    def __new__(cls, text, language):
        value = super().__new__(cls, text or "")
        value.language = language
        return value

    def __reduce__(self):  # kept in the cache with the furniture
        return (Worded, (str(self), self.language))

    @property
    def marked(self):
        """The text for a template, marked with its language when that is not the page's."""
        return in_language(str(self), self.language)

    @property
    def attrs(self):
        return mark_safe(lang_attrs(self.language))  # noqa: S308 (built by format_html)
