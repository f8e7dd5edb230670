"""Page furniture (header, navigation, breadcrumbs, language links, other formats, the
approval line, topics, the footer), built once per edition of the site and kept in the cache.

What every page shows around its own content changes only when something is published,
unpublished, moved or deleted, a view restriction changes, the site's settings or sites
change, or an organisation or a document (which pages name and link to) is saved or
deleted. Each of those starts a new *edition* of the site (`SiteEdition`, one row holding a
random token, never reused even when the change is rolled back), and each piece of furniture
is cached under the edition it was built in, by `cached()`: in `base.html` through the
`{% furniture %}` tag (linksite_tags), in Python for the topics. A change is seen at once by every
app server, whatever the cache (local memory per process, or Redis), for the price of one
query a request: reading the edition. Old editions' fragments simply expire.

A preview (Wagtail renders it through the whole middleware stack, marked `is_preview`) never
reads or writes the cache: it shows the draft's own furniture.
"""

import uuid

from django.core.cache import cache
from django.db import models
from django.utils.translation import get_language

# How long a fragment is kept (seconds). An edition's fragments are never stale, so this only
# bounds the memory old editions hold.
FRAGMENT_SECONDS = 24 * 60 * 60


class SiteEdition(models.Model):
    """The site's current edition: one row, a new token for every change of furniture."""

    token = models.CharField(max_length=32, default="first")

    class Meta:
        app_label = "linksite"

    def __str__(self):
        return f"edition {self.token}"


def current_edition():
    return SiteEdition.objects.filter(pk=1).values_list("token", flat=True).first() or "none"


def new_edition(**kwargs):
    """Start a new edition, in the transaction of the change that calls for it: other
    requests see the new edition exactly when they can see the change."""
    from .serving import changed

    token = uuid.uuid4().hex
    changed()  # what this request read from the old edition is read afresh
    if not SiteEdition.objects.filter(pk=1).update(token=token):
        SiteEdition.objects.update_or_create(pk=1, defaults={"token": token})


def key(request):
    """The edition this request's furniture is cached under, and for how long (0 for a
    preview, which never reads or writes the cache). Read once per request."""
    if request is None:
        return {"edition": "none", "timeout": 0}
    found = getattr(request, "_linksite_furniture", None)
    if found is None:
        if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
            found = {"edition": "preview", "timeout": 0}
        else:
            found = {"edition": current_edition(), "timeout": FRAGMENT_SECONDS}
        request._linksite_furniture = found
    return found


def cached(request, name, *vary, build):
    """What `build()` returns, kept for this edition of the site under `name` and `vary`
    (and built afresh for a preview, or outside a request)."""
    from .serving import memo

    found = key(request)
    if not found["timeout"] or (memo() or {}).get("changed"):
        return build()
    parts = [name, found["edition"], request.get_host(), get_language(), *vary]
    cache_key = "furniture:" + ":".join(str(part) for part in parts)
    value = cache.get(cache_key)
    if value is None:
        value = build()
        cache.set(cache_key, value, found["timeout"])
    return value


def connect():
    """Start a new edition on every change that furniture shows."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import LinkSettings, Organisation

    uid = "linksite_new_edition"
    page_published.connect(new_edition, dispatch_uid=f"{uid}_published")
    page_unpublished.connect(new_edition, dispatch_uid=f"{uid}_unpublished")
    post_page_move.connect(new_edition, dispatch_uid=f"{uid}_moved")
    post_delete.connect(new_edition, sender=Page, dispatch_uid=f"{uid}_page_deleted")
    # Pages show organisations' names and documents' titles and addresses (a reply's letter,
    # a report's PDF): renaming one, or replacing a file, is a change every page may show.
    shown_on_pages = (Organisation, get_document_model())
    for model in (PageViewRestriction, Site, Locale, *shown_on_pages):
        post_save.connect(new_edition, sender=model, dispatch_uid=f"{uid}_{model.__name__}")
    for model in (PageViewRestriction, Site, Locale, LinkSettings, *shown_on_pages):
        post_delete.connect(new_edition, sender=model, dispatch_uid=f"{uid}_{model.__name__}_d")
    # The settings are created, with their defaults, by the first page that reads them: the
    # page it renders already shows those defaults, so only a change is a new edition.
    post_save.connect(settings_changed, sender=LinkSettings, dispatch_uid=f"{uid}_settings")


def settings_changed(created=False, **kwargs):
    if not created:
        new_edition()
