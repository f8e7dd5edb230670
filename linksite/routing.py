"""Finding the page a URL names in one query, not two for every level of the tree.

Wagtail routes a request one level at a time: each page looks up its child by slug, then that
child's specific type, so a report four levels down costs five queries before it is served.
Every page's `url_path` already spells its whole path, so the home page (where every request
starts) looks up, at once, the deepest page whose `url_path` begins the URL, and hands the
rest of the URL to that page's own `route` (a listing's feed, a topic under the topic index).
"""

from django.http import Http404
from wagtail.models import Page

# More levels than any LINk site has: a longer URL is handed, beyond this, to the page found.
DEEPEST = 12


class RoutesInOneLookup:
    """Mixin for the page every request is routed from (the home page of each language)."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        steps = path_components[:DEEPEST]
        prefixes = [self.url_path + "/".join(steps[:n]) + "/" for n in range(1, len(steps) + 1)]
        found = (
            Page.objects.filter(
                url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth
            )
            .order_by("-depth")
            .first()
        )
        if found is None:
            raise Http404
        return found.specific.route(request, path_components[found.depth - self.depth :])
