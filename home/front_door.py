"""What the home page lists as the latest from the LINk: each app registers a page type and
the field holding its own date (a report's date, a decision's date), and the home page shows
the newest of them all by those dates, not by when they were published on the site.

A home page in another language lists its own pages and those of the default language not
yet translated into it (the template marks each with its language), so a reader of every
language sees the latest, as the search does."""

from wagtail.models import Locale, Page

from linksite.visibility import public

_latest = []


def register_latest(model, date_field):
    if (model, date_field) not in _latest:
        _latest.append((model, date_field))


def latest(home, limit=6):
    """The newest live, public pages of the registered types under `home` (and, for a home
    page in another language, the untranslated ones of the default language), newest first."""
    trees = [home]
    default = Locale.get_default()
    if home.locale_id != default.pk:
        english_home = home.get_translation_or_none(default)
        if english_home is not None:
            trees.append(english_home)
    found = []
    for model, date_field in _latest:
        for tree in trees:
            pages = public(model.objects.live().descendant_of(tree))
            if tree is not home:
                translated = Page.objects.filter(locale_id=home.locale_id).values("translation_key")
                pages = pages.exclude(translation_key__in=translated)
            pages = pages.order_by(f"-{date_field}", "-first_published_at")
            found += [(getattr(page, date_field), page) for page in pages[:limit]]
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [page for _date, page in found[:limit]]
