"""Files are moderated with the pages that show them: approving a page approves its bytes.

- When a revision is published, every document and image it shows (a report's PDF, a reply's
  letter, body blocks, rich text links, alternative formats) is recorded with its SHA-256
  (`PublishedFile`): the publication record lists them, so anyone can see what was approved.
- The public may fetch a document only while a live, public page's live version shows it, or
  it sits in a collection an administrator made public on purpose (`PublicCollection`).
  Before that only signed-in staff may, through Wagtail's serve view (`serve_document`),
  never straight from `/media/`.
- A document or image that a live page shows cannot be changed (its file, title or focal
  point) or deleted except by an administrator (`ApprovedFilesPolicy`, and the admin's edit
  and delete views say why). An editor who needs a new version uploads a new file and changes
  the page, which goes through the workflow; the old file stays public until then.
"""

import hashlib

from django.db import models
from django.db.models import F
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.signals import page_published

from .about import referenced_ids

CHANGING = {"change", "delete"}


class PublishedFile(models.Model):
    """One document or image that one published revision of a page showed, byte for byte."""

    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="published_files"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # The file may later be deleted by an administrator: the record of what was approved
    # stays, by name and hash.
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=255)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.filename} ({self.sha256[:12]}…)"


class PublicCollection(models.Model):
    """A collection whose documents an administrator made public on purpose, whether or not a
    page shows them (forms to download, say)."""

    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("why its documents are public"), max_length=255)

    class Meta:
        verbose_name = _("public document collection")

    def __str__(self):
        return str(self.collection)


def sha256_of(field_file):
    digest = hashlib.sha256()
    with field_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def files_shown_by(obj):
    """The documents and images a page (or a revision of it) shows."""
    Document, Image = get_document_model(), get_image_model()
    documents = Document.objects.filter(pk__in=referenced_ids(obj, Document))
    images = Image.objects.filter(pk__in=referenced_ids(obj, Image))
    return list(documents), list(images)


def record_files(revision):
    """Record the files a just-published revision shows, with their hashes (once)."""
    if revision is None or PublishedFile.objects.filter(revision=revision).exists():
        return
    documents, images = files_shown_by(revision.as_object())
    rows = []
    for kind, files in (("document", documents), ("image", images)):
        for file in files:
            try:
                digest = sha256_of(file.file)
            except (OSError, ValueError):
                digest = ""  # the file is missing from storage: recorded as such
            rows.append(
                PublishedFile(
                    revision=revision,
                    page_id=revision.object_id,
                    title=file.title,
                    filename=file.filename,
                    sha256=digest,
                    **{kind: file},
                )
            )
    PublishedFile.objects.bulk_create(rows)


@receiver(page_published)
def record_the_files_a_publication_shows(sender, instance, revision=None, **kwargs):
    record_files(revision or instance.live_revision)


def shown_now(**file):
    """Records of the file in the live version of a live page."""
    return PublishedFile.objects.filter(
        page__live=True, revision_id=F("page__live_revision_id"), **file
    )


def public_pages_showing(**file):
    pages = Page.objects.filter(pk__in=shown_now(**file).values("page_id"))
    for path_prefix in PageViewRestriction.objects.values_list("page__path", flat=True):
        pages = pages.exclude(path__startswith=path_prefix)
    return pages


def live_pages_showing(obj):
    kind = "image" if isinstance(obj, get_image_model()) else "document"
    return Page.objects.filter(pk__in=shown_now(**{kind: obj}).values("page_id")).order_by("title")


def is_public(document):
    return (
        PublicCollection.objects.filter(collection_id=document.collection_id).exists()
        or public_pages_showing(document=document).exists()
    )


def is_staff(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def serve_document(request, document_id, document_filename):
    """Wagtail's document serve view, for what the public may fetch (or staff)."""
    from wagtail.documents.views.serve import serve

    document = get_object_or_404(get_document_model(), pk=document_id)
    staff = is_staff(request.user)
    public = is_public(document)
    if not (public or staff):
        raise Http404("No such document.")
    response = serve(request, document_id, document_filename)
    if public:
        response["Cache-Control"] = "public, max-age=300"
    else:
        # A draft's file, fetched by staff: never kept by a browser or a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response


class ApprovedFilesPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's own policy for documents and images, except that a file a live page shows
    cannot be changed or deleted by anyone but an administrator."""

    def locked(self, user, instance):
        return not user.is_superuser and live_pages_showing(instance).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if action in CHANGING and self.locked(user, instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if set(actions) <= CHANGING and self.locked(user, instance):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= CHANGING and not user.is_superuser:
            kind = "image" if self.model is get_image_model() else "document"
            instances = instances.exclude(pk__in=shown_now().values(f"{kind}_id"))
        return instances


def register_policies():
    """Called from the app's ready(): registered for the exact classes, so they take the place
    of the policies wagtail.documents and wagtail.images register for themselves."""
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.permissions import register_permission_policy

    for auth_model, model in ((Document, get_document_model()), (Image, get_image_model())):
        policy = ApprovedFilesPolicy(
            model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        )
        register_permission_policy(model, policy, exact_class=True)


def guarded(kind, wagtail_view):
    """The admin's edit or delete view of a file, which first says, to anyone but an
    administrator, why a file a live page shows cannot be changed and what to do instead."""
    model = get_image_model() if kind == "image" else get_document_model()

    def view(request, pk, *args, **kwargs):
        obj = get_object_or_404(model, pk=pk)
        pages = list(live_pages_showing(obj))
        if pages and not request.user.is_superuser:
            return TemplateResponse(
                request,
                "linksite/admin/file_in_use.html",
                {"file": obj, "pages": pages, "kind": kind},
                status=403,
            )
        return wagtail_view(request, pk, *args, **kwargs)

    return require_admin_access(view)


def admin_urls():
    """Shadow the admin's edit and delete views of documents and images (matched first)."""
    from wagtail.documents.views import documents
    from wagtail.images.views import images

    def by_keyword(view_class, keyword):
        view = view_class.as_view()
        return lambda request, pk, *args, **kwargs: view(request, *args, **{keyword: pk})

    return [
        path(
            "admin/documents/edit/<int:pk>/",
            guarded("document", by_keyword(documents.EditView, "document_id")),
        ),
        path(
            "admin/documents/delete/<int:pk>/",
            guarded("document", by_keyword(documents.DeleteView, "document_id")),
        ),
        path("admin/images/<int:pk>/", guarded("image", by_keyword(images.EditView, "image_id"))),
        path(
            "admin/images/<int:pk>/delete/",
            guarded("image", by_keyword(images.DeleteView, "image_id")),
        ),
    ]
