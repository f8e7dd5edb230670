"""Which pages the public may see: Wagtail's `.live().public()`, with the view restrictions
read once per request instead of once per listing.

Wagtail's `PageQuerySet.public()` reads every view restriction from the database each time it
is called, and a page such as a report calls it for its replies, its topics and its listing.
`public(queryset)` filters the same way from the restrictions this request has already read
(`ViewRestrictionsOncePerRequest` keeps them for the request; a change to a restriction during
the request is seen at once). Outside a request (a task, a command) they are read each time.
"""

import contextvars

from django.db.models import Q

_request_memo = contextvars.ContextVar("linksite_view_restrictions", default=None)


def restricted_paths():
    """The tree paths of the pages under a view restriction (password, login or groups)."""
    from wagtail.models import PageViewRestriction

    memo = _request_memo.get()
    if memo is not None and "paths" in memo:
        return memo["paths"]
    paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    if memo is not None:
        memo["paths"] = paths
    return paths


def public(queryset):
    """The pages of `queryset` that no view restriction covers (as `.public()`)."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


def forget(**kwargs):
    """A view restriction changed: read them again."""
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()


class ViewRestrictionsOncePerRequest:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction

    post_save.connect(forget, sender=PageViewRestriction, dispatch_uid="linksite_visibility")
    post_delete.connect(forget, sender=PageViewRestriction, dispatch_uid="linksite_visibility_d")
