"""The front cache (Varnish, deploy/varnish/) never serves what was taken down.

Anonymous visitors' pages are kept by Varnish for a few minutes (linksite/cache_control.py says
for how long). When a page is published, unpublished (a take-down, and everything taken down
with it), moved or deleted, every URL whose response shows it is purged, once the transaction
has committed: a purge sent before the commit would let a request in between put the old
version back in the cache.

What shows a page is one rule, `urls_that_show(page)`:

- the page itself, at its own URL and at each of its routes without parameters (a report
  index's feeds and replies, the accountability view's CSV);
- every page above it: its listing, the home page with its latest items;
- the pages it links to (a visit lists the reports on it, a procedure the decisions made under
  it) and the live pages that link to it (a report names its visit and its decision), as
  Wagtail's reference extractor and reference index know them;
- the documents it shows (a document is public only while a live page shows it,
  linksite/approved_files.py), its publication record and the sitemap;
- whatever the apps say also shows it (`register`): the topic pages, the search page, the
  accountability view;

each path in every language of the site (English without a prefix, then /ur/, /pl/, /bn/).
On publish the version that was live before counts too: a topic taken off a report or a
changed slug leaves pages that showed the old version.

Purging is on when FRONTEND_CACHE_URL names the cache (settings.WAGTAILFRONTENDCACHE), through
Wagtail's frontend cache invalidation with `PurgeBackend`, its HTTPBackend sending PURGE.
Varnish bans each purged path whatever its query string (/reports/?page=2, /search/?q=...).
A cache that cannot be reached is logged and never makes publishing fail.
"""

import copy
import logging
import re
import threading
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.urls.resolvers import RoutePattern
from django.utils import translation
from django.utils.encoding import iri_to_uri
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger(__name__)

_sources = []


def register(source):
    """Say what else shows a page: `source(page)` yields pages (each counted at its URL and
    its routes) or URL paths ("/topics/care-homes/"), for any page or a past version of one.
    Apps register theirs in their `ready()`, so this module never imports them."""
    if source not in _sources:
        _sources.append(source)
    return source


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def urls_that_show(page, previous=None):
    """Every URL whose response shows `page` or, given, `previous` (the version that was live
    before), in every language: full URLs, sorted."""
    page = page.specific
    root = _root_url(page)
    if root is None:  # in no site: nothing shows it
        return []
    localised, exact = set(), set()
    for version in (page, previous) if previous is not None else (page,):
        localised |= routes_of(version)
        for ancestor in version.get_ancestors().filter(depth__gt=1).specific():
            localised |= routes_of(ancestor)
        linked_pages, documents = _referenced(version)
        for linked in linked_pages:
            localised |= routes_of(linked)
        exact |= {root + document.url for document in documents}
        for source in _sources:
            for shown_by in source(version):
                localised |= _urls_of(shown_by, root)
    for linking in _pages_linking_to(page):
        localised |= routes_of(linking)
    with translation.override(settings.LANGUAGE_CODE):
        localised.add(root + reverse("publication_record", args=[page.pk]))
    exact.add(root + "/sitemap.xml")  # linksite/urls.py, in no language
    urls = {variant for url in localised for variant in in_every_language(url)} | exact
    return sorted(iri_to_uri(url) for url in urls)


def routes_of(page):
    """The page's full URL and each of its routes without parameters (Wagtail's
    `get_cached_paths`, and a routable page's fixed routes such as `feed/`)."""
    parts = page.get_url_parts()
    if parts is None:
        return set()
    _site_id, root, path = parts
    subpaths = set(page.get_cached_paths())
    if hasattr(page, "get_subpage_urls"):  # RoutablePageMixin
        subpaths |= {
            str(route.pattern)
            for route in page.get_subpage_urls()
            if isinstance(route.pattern, RoutePattern) and not route.pattern.converters
        }
    return {root + path + subpath.lstrip("/") for subpath in subpaths}


def in_every_language(url):
    """The URL in each of the site's languages: the default one has no prefix
    (`i18n_patterns(prefix_default_language=False)`), the others /ur/, /pl/, /bn/."""
    codes = [code for code, _name in settings.LANGUAGES]
    scheme, netloc, path, query, fragment = urlsplit(url)
    bare = re.sub(rf"^/({'|'.join(map(re.escape, codes))})(?=/)", "", path) or "/"
    return [
        urlunsplit(
            (scheme, netloc, bare if code == settings.LANGUAGE_CODE else f"/{code}{bare}", "", "")
        )
        for code in codes
    ]


def _root_url(page):
    parts = page.get_url_parts()
    return parts[1] if parts else None


def _urls_of(shown_by, root):
    if isinstance(shown_by, str):
        return {shown_by if "://" in shown_by else root + shown_by}
    return routes_of(shown_by.specific)


def _referenced(version):
    """The live pages a version of a page links to, and the documents it shows (a document is
    public only while a live page shows it, linksite/approved_files.py). Image renditions come
    from nginx, not the front cache."""
    from wagtail.documents import get_document_model
    from wagtail.models import Page, ReferenceIndex

    Document = get_document_model()
    page_type = ReferenceIndex._get_base_content_type(Page).id
    document_type = ReferenceIndex._get_base_content_type(Document).id
    pages, documents = set(), set()
    # Wagtail's own extractor, once, as linksite/about.py uses it: foreign keys, inline rows,
    # body blocks, rich text links, of the version in memory.
    for to_type, object_id, *_paths in ReferenceIndex._extract_references_from_object(version):
        if str(object_id).isdigit() and to_type in (page_type, document_type):
            (pages if to_type == page_type else documents).add(int(object_id))
    pages.discard(version.pk)
    return (
        Page.objects.live().filter(pk__in=pages).specific() if pages else [],
        Document.objects.filter(pk__in=documents) if documents else [],
    )


def _pages_linking_to(page):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    ids = {
        int(i)
        for i in ReferenceIndex.get_references_to(page)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
        if str(i).isdigit()
    } - {page.pk}
    return Page.objects.live().filter(pk__in=ids).specific() if ids else []


def previous_live_version(page, revision=None):
    """The version of the page that was live before `revision` was published, or None.

    Read from the page's history: Wagtail writes a publication's log entry just after the
    `page_published` signal, so the latest one is still the one before."""
    from wagtail.models import PageLogEntry

    entries = PageLogEntry.objects.filter(
        page_id=page.pk, action="wagtail.publish", revision__isnull=False
    )
    if revision is not None:
        entries = entries.exclude(revision_id=revision.pk)
    entry = entries.select_related("revision").order_by("-timestamp", "-pk").first()
    return entry.revision.as_object() if entry is not None else None


def moved_subtree_urls(page, old_url_path):
    """The old and new URLs of the live pages under a page whose address changed (a move, or a
    new slug published): the old ones still hold the old versions, the new ones a 404."""
    urls = set()
    new_url_path = page.url_path
    for descendant in page.get_descendants().live().specific():
        urls |= routes_of(descendant)
        at_old_place = copy.copy(descendant)
        at_old_place.url_path = old_url_path + descendant.url_path[len(new_url_path) :]
        urls |= routes_of(at_old_place)
    return {iri_to_uri(variant) for url in urls for variant in in_every_language(url)}


# Purging, once the transaction commits.

_local = threading.local()


class _Batch:
    """The URLs to purge when one transaction commits: a take-down with the replies under it
    is one batch, each URL sent once."""

    def __init__(self):
        self.urls = set()
        self.purged = set()
        self.done = False

    def purge(self):
        self.done = True
        urls = self.urls - self.purged
        self.purged |= urls
        if urls:
            from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

            # Wagtail's task, on the "default" task backend, which runs it at once
            # (settings.TASKS): purged before the response that made the change is sent.
            purge_urls_from_cache(sorted(urls))


def purge_after_commit(urls):
    """Purge the URLs once the current transaction commits (at once outside one); nothing if
    it rolls back. Each call adds to the transaction's batch and asks for it to be purged on
    commit: the first of those calls purges it all, the others find nothing left."""
    if not urls:
        return
    batch = getattr(_local, "batch", None)
    waiting = [entry[1] for entry in transaction.get_connection().run_on_commit]
    if (
        batch is None
        or batch.done
        or not any(getattr(hook, "batch", None) is batch for hook in waiting)
    ):
        batch = _local.batch = _Batch()
    batch.urls.update(urls)

    def purge_the_batch():
        batch.purge()

    purge_the_batch.batch = batch
    transaction.on_commit(purge_the_batch, robust=True)


class PurgeBackend(HTTPBackend):
    """Wagtail's HTTPBackend (a PURGE for each URL to the cache at LOCATION, with the URL's
    host), sending a batch over one connection, with a timeout, and giving up on the batch
    (logged once) when the cache cannot be reached: publishing must never wait on it."""

    timeout = 5

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        connection_class = HTTPSConnection if self.cache_scheme == "https" else HTTPConnection
        connection = connection_class(self.cache_netloc, timeout=self.timeout)
        refused = []
        try:
            for url in urls:
                parsed = urlsplit(url)
                connection.request(
                    "PURGE",
                    urlunsplit(("", "", parsed.path or "/", parsed.query, "")),
                    headers={
                        "Host": parsed.netloc,
                        "User-Agent": f"Wagtail-frontendcache/{wagtail_version}",
                    },
                )
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    refused.append(f"{url} ({response.status} {response.reason})")
        except (OSError, HTTPException) as error:
            logger.error(
                "The front cache at %s could not be reached to purge %d URLs (%s): they may "
                "be served from it until they expire.",
                self.cache_netloc,
                len(urls),
                error,
            )
        finally:
            connection.close()
        if refused:
            logger.error("The front cache refused to purge: %s", "; ".join(refused))


# What sets it off: Wagtail's signals, sent by publishing (the workflow's last step),
# unpublishing (linksite/admin_views.take_down, for the page and each page under it; deleting
# a live page unpublishes it first), and moving.


def page_published(sender, instance, revision=None, **kwargs):
    if not enabled():
        return
    previous = previous_live_version(instance, revision)
    urls = set(urls_that_show(instance, previous))
    if previous is not None and previous.url_path != instance.url_path:
        urls |= moved_subtree_urls(instance, previous.url_path)
    purge_after_commit(urls)


def page_unpublished(sender, instance, **kwargs):
    if enabled():
        purge_after_commit(urls_that_show(instance))


def page_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    if not enabled():
        return
    page = instance.specific
    if not page.live and not page.get_descendants().live().exists():
        return
    at_old_place = copy.copy(page)
    at_old_place.url_path = url_path_before
    old = routes_of(at_old_place)
    for ancestor in parent_page_before.get_ancestors(inclusive=True).filter(depth__gt=1).specific():
        old |= routes_of(ancestor)
    urls = set(urls_that_show(page)) | moved_subtree_urls(page, url_path_before)
    urls |= {iri_to_uri(variant) for url in old for variant in in_every_language(url)}
    purge_after_commit(urls)


def connect():
    from wagtail import signals

    signals.page_published.connect(page_published, dispatch_uid="linksite_front_cache_publish")
    signals.page_unpublished.connect(
        page_unpublished, dispatch_uid="linksite_front_cache_unpublish"
    )
    signals.post_page_move.connect(page_moved, dispatch_uid="linksite_front_cache_move")
