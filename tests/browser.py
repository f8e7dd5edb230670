"""Helpers for the browser tests (fixtures `browser`, `demo_site`, `demo_db` in conftest)."""

from pathlib import Path

from django.urls import reverse
from django.utils import translation

ARTEFACTS = Path(__file__).resolve().parent.parent / "artefacts"

# WCAG 2.0, 2.1 and 2.2, levels A and AA: every rule axe-core tags with one of these.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def screenshot(page, name, full_page=True):
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def one_page_of_each_type(language_code):
    """Path of one live public page of every page type in that language, by type name.

    Found by walking the live pages, so page types added later are covered without a change
    here. The publication record and the search (views, not pages) are added as more "types":
    the search with results and filters, and with nothing found; so is the page of one topic,
    a route of the topic index.
    """
    from wagtail.models import Page

    from search.topics import topic_counts

    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gte=2, locale__language_code=language_code)
        .order_by("path")
        .specific()
    )
    found = {}
    for page in pages:
        found.setdefault(type(page).__name__, page)
    paths = {name: page.url for name, page in found.items()}
    topics = found.get("TopicIndexPage")
    if topics is not None:
        from taggit.models import Tag

        tag = Tag.objects.filter(pk__in=topic_counts(topics.locale)).order_by("name").first()
        if tag is not None:
            paths["topic"] = topics.url + topics.reverse_subpage("topic", args=[tag.slug])
    home = found.get("HomePage")
    if home is not None:
        with translation.override(language_code):
            paths["publication record"] = reverse("publication_record", args=[home.pk])
    with translation.override(language_code):
        search = reverse("search")
    paths["search results"] = search + "?q=care"
    paths["search with nothing found"] = search + "?q=dischrge&year=2001"
    return paths


def axe_violations(page, tags=WCAG_TAGS):
    """axe-core's WCAG violations on the page now loaded, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in result.response["violations"]
    ]
