"""What a page is about: every organisation it names, directly or through what it links to.

The conflict-of-interest rule asks this (linksite/workflow.py): a steering group member with a
declared interest in any organisation a page is about may not approve it, reject it or take it
down. "About" follows links, because that is how a page speaks of an organisation without
naming it in a field of its own: an enter and view report names the visit, and the visit names
the provider's care home; a reply answers a report, and the report was sent to a trust.

Each page type says which organisations it names itself (`own_organisations`, a set of ids)
and, where it hangs under a page it belongs to, which (`about_through`, e.g. the report a reply
answers). Everything the page refers to (foreign keys, inline rows, body blocks, rich text
links) is found by Wagtail's reference extractor, so a page linked from a body block or a work
plan item's links counts without each page type listing its links. A page type that does not
define `own_organisations` fails `manage.py check` (linksite.E002), so no page type is silently
"about nobody".
"""

from django.apps import apps
from django.core.checks import Error, register
from wagtail.models import Page, ReferenceIndex

# How far links are followed: a work plan item links to a report, which names its visit,
# which names the provider. Further than that a page is no longer about the organisation.
LINK_DEPTH = 3


def referenced_ids(obj, model):
    """Ids of the `model` objects that `obj` (a page, or a revision of one) refers to."""
    content_type_id = ReferenceIndex._get_base_content_type(model).id
    ids = set()
    # Wagtail's own extractor: the one place that knows every kind of reference (foreign
    # keys, inline panels, StreamField blocks, rich text links). It reads the object in
    # memory, so a revision's references are the revision's own.
    for to_content_type_id, object_id, *_paths in ReferenceIndex._extract_references_from_object(
        obj
    ):
        if to_content_type_id == content_type_id:
            ids.add(object_id)
    return ids


def versions_of(page):
    """The live row and the latest draft of a page the approved one links to: an interest in
    either counts."""
    page = page.specific
    yield page
    if page.has_unpublished_changes:
        revision = page.get_latest_revision()
        if revision is not None:
            yield revision.as_object()


def linked_pages(obj):
    ids = {int(i) for i in referenced_ids(obj, Page) if str(i).isdigit()}
    ids.discard(getattr(obj, "pk", None))
    return list(Page.objects.filter(pk__in=ids)) if ids else []


def organisation_ids_about(obj, depth=LINK_DEPTH, seen=None):
    """Ids of the organisations `obj` is about, following its links `depth` pages deep."""
    seen = set() if seen is None else seen
    ids = set(obj.own_organisations()) if hasattr(obj, "own_organisations") else set()
    if depth <= 0:
        return ids
    if getattr(obj, "pk", None):
        seen.add(obj.pk)
    related = linked_pages(obj)
    if hasattr(obj, "about_through"):
        related += [p for p in obj.about_through() if p is not None]
    for page in related:
        if page.pk in seen:
            continue
        seen.add(page.pk)
        for version in versions_of(page):
            ids |= organisation_ids_about(version, depth - 1, seen)
    return {i for i in ids if i is not None}


def page_types():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.abstract
    ]


@register()
def every_page_type_says_what_it_is_about(app_configs, **kwargs):
    from .pages import LinkPage

    errors = []
    for model in page_types():
        if (
            issubclass(model, LinkPage)
            and model.own_organisations is not LinkPage.own_organisations
        ):
            continue
        errors.append(
            Error(
                f"The page type {model.__name__} does not say which organisations it is about.",
                hint="Subclass linksite.pages.LinkPage and define own_organisations() (an empty "
                "set when the page names no organisation of its own): the steering group's "
                "conflict-of-interest rule depends on it.",
                obj=model,
                id="linksite.E002",
            )
        )
    return errors
