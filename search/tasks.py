"""Search entries brought up to date in the background when what they hold changes outside
their page: an organisation renamed (its name is searched with every page about it, and is a
filter value), or a document's file replaced (its PDF text is searched with the pages that
carry it).

The change is saved at once; the task (Django's tasks API, on the site's background queue,
the "mail" backend that `manage.py db_worker --backend mail` runs) re-records the affected
entries from their live pages afterwards, `entries.BATCH` pages at a time, so a rename that
touches thousands of pages does not hold up the admin's save.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

from linksite.furniture import new_edition
from linksite.mail import after_commit
from linksite.models import Organisation

from .documents import text_of
from .entries import BATCH, SearchEntry, record_many


def record_pages(page_ids):
    page_ids = sorted(set(page_ids))
    for start in range(0, len(page_ids), BATCH):
        record_many(page_ids[start : start + BATCH])
    return len(page_ids)


@task(backend="mail")
def refresh_entries_about_organisation(organisation_id):
    """Re-record the entries of the pages about an organisation (after it was renamed)."""
    page_ids = SearchEntry.objects.filter(organisations=organisation_id).values_list(
        "page_id", flat=True
    )
    recorded = record_pages(page_ids)
    # The spelling suggestions' words (search/vocabulary.py) include organisations' names.
    new_edition()
    return recorded


@task(backend="mail")
def refresh_entries_carrying_document(document_id):
    """Read a document's file again and re-record the entries of the pages carrying it."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return 0
    text_of(document)
    referring = ReferenceIndex.get_references_to(document).values_list("object_id", flat=True)
    page_ids = SearchEntry.objects.filter(
        page_id__in=[int(i) for i in referring if str(i).isdigit()]
    ).values_list("page_id", flat=True)
    return record_pages(page_ids)


@receiver(pre_save, sender=Organisation)
def note_organisation_name(sender, instance, **kwargs):
    instance._name_before = (
        Organisation.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_name_before", None)
    if not created and before is not None and before != instance.name:
        organisation_id = instance.pk
        after_commit(lambda: refresh_entries_about_organisation.enqueue(organisation_id))


def note_document_file(sender, instance, **kwargs):
    instance._file_before = (
        sender.objects.filter(pk=instance.pk).values_list("file", "file_hash").first()
        if instance.pk
        else None
    )


def document_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_file_before", None)
    if created or before is None:
        return
    name, file_hash = before
    # A hash worked out for the first time (Document.get_file_hash) is not a new file.
    if name == instance.file.name and (not file_hash or file_hash == instance.file_hash):
        return
    document_id = instance.pk
    after_commit(lambda: refresh_entries_carrying_document.enqueue(document_id))


pre_save.connect(note_document_file, sender=get_document_model(), dispatch_uid="search_doc")
post_save.connect(document_saved, sender=get_document_model(), dispatch_uid="search_doc_saved")
