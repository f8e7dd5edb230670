"""Keep the search entries in line with what the public sees (`search/entries.py`)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from .entries import SearchEntry, record, record_tree
from .vectors import uses_stored_vectors


@receiver(page_published)
@receiver(page_unpublished)
def page_went_live_or_down(sender, instance, **kwargs):
    record(instance.pk)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    # Moving under a view restriction, or out from under one, changes who may see it.
    record_tree(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    record_tree(instance.page)


@receiver(post_delete, sender=SearchEntry)
def entry_deleted(sender, instance, **kwargs):
    # Also when its page is deleted (the entry goes with it). On PostgreSQL its vector went
    # with its row: no search backend holds it.
    if not uses_stored_vectors():
        index.remove_object(instance)
