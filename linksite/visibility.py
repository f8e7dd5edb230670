"""Which pages the public may see: Wagtail's `.live().public()`, with the view restrictions
read once per edition of the site instead of once per listing.

Wagtail's `PageQuerySet.public()` reads every view restriction from the database each time it
is called, and a page such as a report calls it for its replies, its topics and its listing.
`public(queryset)` filters the same way from the restrictions this request has already read:
during a request they come from the cache kept for the edition of the site (linksite/serving.py;
a change to a restriction starts a new edition, and is seen at once within the request that
made it). Outside a request (a task, a command) they are read each time.
"""

from django.db.models import Q

from . import serving


def _paths_from_the_database():
    from wagtail.models import PageViewRestriction

    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def restricted_paths():
    """The tree paths of the pages under a view restriction (password, login or groups)."""
    return serving.per_edition("view_restrictions", build=_paths_from_the_database)


def public(queryset):
    """The pages of `queryset` that no view restriction covers (as `.public()`)."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


def forget(**kwargs):
    """A view restriction changed: this request reads them again."""
    serving.changed()


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction

    post_save.connect(forget, sender=PageViewRestriction, dispatch_uid="linksite_visibility")
    post_delete.connect(forget, sender=PageViewRestriction, dispatch_uid="linksite_visibility_d")
