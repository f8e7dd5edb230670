"""Which models the handover archive carries, and which of their rows: one rule for every
model Django knows, so a page type or an app added later is carried without editing this.

1. **Page types**, wherever they are defined, are carried as their live, public pages
   (`live_public_page_ids`), with the rows of rule 2 that hang off them: inline rows (with a
   ParentalKey), their tags, many-to-many choices, kept only with their page. A draft, a page
   behind a view restriction and a page under either are not carried.
2. **Every other model of an app of this project** (an app whose code is in the checkout, not
   a library) is carried whole, unless its AppConfig says otherwise, in these dicts keyed by
   the model's class name:

   - `archive_leaves_out = {"Model": "why"}`: never carried (the public's experiences,
     partners' alert subscriptions, the mail queue...).
   - `archive_rebuilds = {"Model": "command"}`: worked out from the rest; the import runs
     that management command afterwards (or nothing, for None).
   - `archive_seals = {"Model": "why"}`: carried only with `--with-vetting`, encrypted with
     a passphrase (vetting records).
   - `archive_belongs_to = {"Model": "field"}`: a row is kept only while the row that field
     names is kept, and never brings that row in by itself (a topic's name and its tag).

   A model only some people may see (its permission policy is `linksite.permissions.HeldOnlyBy`)
   must be sealed or left out: the export refuses to run while one is neither.
3. **Models of the libraries** (Wagtail, Django, taggit...) are carried only as `LIBRARY_MODELS`
   says, each with its rule (the approval record: published revisions, their log entries and
   the workflow runs that approved them); the rest are the libraries' working data and are left
   out (`LIBRARY_LEFT_OUT` says why for those that matter).

Whatever is carried keeps its primary key, so every reference (rich text links, a revision's
content, a document chosen in a body) still holds in the new site. Rows pointing at a row that
is not carried are dropped when the pointer is required, and have it cleared when it may be
empty (`opendata.archive.rows`). Content types and permissions, which every site has under its
own ids, are carried by name.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from wagtail.models import Page, PageLogEntry, PageViewRestriction, TaskState, WorkflowState

from linksite.workflow import PUBLISH_ACTIONS

# Rows every site has under ids of its own: carried by name (app label, model, codename).
BY_NAME = {"contenttypes.contenttype", "auth.permission"}


@dataclass
class Entry:
    """How one model is carried."""

    model: type
    # None: every row; else a function of the Context giving the rows to start from.
    select: object = None
    # Only the rows that a carried row points at (files, tags), and those `seeds` names.
    referenced: bool = False
    seeds: object = None
    # Pointers that may be empty but, when set, must point at a carried row (else the row goes).
    must_point: tuple = ()
    # Pointers that do not bring the row they point at into the archive.
    no_seed: tuple = ()
    # Rows of it that migrations make: the import replaces them with the archive's.
    replaces: bool = False
    # Only with --with-vetting, encrypted.
    sealed: bool = False
    # Changes each row before it is written (a function of the row dict and the Context).
    scrub: object = None

    @property
    def label(self):
        return self.model._meta.label_lower


@dataclass
class Plan:
    entries: dict = field(default_factory=dict)  # label -> Entry
    left_out: dict = field(default_factory=dict)  # label -> why
    rebuilt: dict = field(default_factory=dict)  # label -> management command or None

    def carried(self, with_sealed):
        return [e for e in self.entries.values() if with_sealed or not e.sealed]

    def sealed(self):
        return [e for e in self.entries.values() if e.sealed]

    def rebuild_commands(self):
        """The management commands that build again what the archive does not carry, each once,
        in a fixed order."""
        return sorted({c for c in self.rebuilt.values() if c})


# --- What is a live, public page, and what is its approval record ------------------------


def live_public_page_ids():
    """The root, and every live page the public can reach: live itself, every page above it
    live, and no view restriction on it or above it."""
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    kept, kept_paths = set(), set()
    rows = Page.objects.order_by("path").values_list("pk", "path", "depth", "live")
    for pk, path, depth, live in rows.iterator():
        if depth == 1:
            kept.add(pk)
            kept_paths.add(path)
            continue
        if not live or path[: -Page.steplen] not in kept_paths:
            continue
        if any(path.startswith(prefix) for prefix in restricted):
            continue
        kept.add(pk)
        kept_paths.add(path)
    return kept


def published_revision_ids(page_ids):
    """Every revision of these pages that went live at some time (the public saw it)."""
    published = set(
        PageLogEntry.objects.filter(
            page_id__in=page_ids, action__in=PUBLISH_ACTIONS, revision__isnull=False
        ).values_list("revision_id", flat=True)
    )
    published |= set(
        Page.objects.filter(pk__in=page_ids, live_revision__isnull=False).values_list(
            "live_revision_id", flat=True
        )
    )
    return published


def select_pages(model):
    return lambda context: model._base_manager.filter(pk__in=context.page_ids)


def select_revisions(context):
    from wagtail.models import Revision

    return Revision.objects.filter(pk__in=context.revision_ids)


def select_log_entries(context):
    # Only what is tied to a version that went live: submitting, each approval, publishing.
    # Entries about drafts (a rejection's comment, an edit) and entries tied to no version
    # are not the approval record.
    return PageLogEntry.objects.filter(
        page_id__in=context.page_ids, revision_id__in=context.revision_ids
    )


def select_workflow_runs(context):
    return WorkflowState.objects.filter(status=WorkflowState.STATUS_APPROVED)


def select_approved_steps(context):
    return TaskState.objects.filter(
        status=TaskState.STATUS_APPROVED, revision_id__in=context.revision_ids
    )


def files_pages_show(kind):
    """Documents or images the carried pages show in their bodies and rich text (pointers
    bring in the rest), and the documents of collections an administrator made public."""

    def seeds(context):
        from linksite.approved_files import PublicCollection, files_shown_by

        found = set()
        for page in Page.objects.filter(pk__in=context.page_ids).specific().iterator():
            documents, images = files_shown_by(page)
            found |= {f.pk for f in (documents if kind == "document" else images)}
        if kind == "document":
            from wagtail.documents import get_document_model

            found |= set(
                get_document_model()
                .objects.filter(collection_id__in=PublicCollection.objects.values("collection_id"))
                .values_list("pk", flat=True)
            )
        return found

    return seeds


# --- Changes made to rows on the way out ---------------------------------------------------


def scrub_page(row, context):
    """A page row holds its live version; what says a draft exists goes."""
    fields = row["fields"]
    fields["latest_revision"] = fields["live_revision"]
    fields["has_unpublished_changes"] = False
    fields["draft_title"] = fields["title"]
    fields["locked"], fields["locked_at"], fields["locked_by"] = False, None, None
    fields["numchild"] = context.children.get(row["pk"], 0)
    created = context.revision_created.get(fields["live_revision"])
    if created is not None:
        fields["latest_revision_created_at"] = created


def scrub_revision(row, context):
    # Editors' comments on a version are working notes, not what was published.
    content = row["fields"]["content"]
    if isinstance(content, dict):
        content.pop("wagtail_admin_comments", None)
        content.pop("comments", None)


def scrub_user(row, context):
    """Accounts travel without their passwords (and without second factors, which are not
    carried): the new site's administrator decides who keeps access."""
    row["fields"]["password"] = ""


# --- The libraries' models ---------------------------------------------------------------

LIBRARY_MODELS = {
    "wagtailcore.locale": {"replaces": True},
    "wagtailcore.site": {"replaces": True},
    "wagtailcore.collection": {"replaces": True},
    "wagtailcore.collectionviewrestriction": {},
    "wagtailcore.groupcollectionpermission": {"replaces": True},
    "wagtailcore.grouppagepermission": {"replaces": True},
    "wagtailcore.groupsitepermission": {"replaces": True},
    "wagtailcore.workflow": {"replaces": True},
    "wagtailcore.workflowtask": {"replaces": True},
    "wagtailcore.workflowpage": {"replaces": True},
    "wagtailcore.workflowcontenttype": {"replaces": True},
    "wagtailcore.task": {"replaces": True},
    "wagtailcore.groupapprovaltask": {"replaces": True},
    "wagtailcore.revision": {"select": select_revisions, "scrub": scrub_revision},
    "wagtailcore.pagelogentry": {"select": select_log_entries, "must_point": ("revision",)},
    "wagtailcore.workflowstate": {"select": select_workflow_runs},
    "wagtailcore.taskstate": {"select": select_approved_steps},
    "wagtaildocs.document": {"referenced": True, "seeds": files_pages_show("document")},
    "wagtailimages.image": {"referenced": True, "seeds": files_pages_show("image")},
    "taggit.tag": {"referenced": True},
    "taggit.taggeditem": {},
    "wagtailredirects.redirect": {"must_point": ("redirect_page",)},
    "auth.group": {"replaces": True},
    settings.AUTH_USER_MODEL.lower(): {"scrub": scrub_user},
}

LIBRARY_REBUILT = {
    "wagtailcore.referenceindex": "rebuild_references_index",
    "wagtailimages.rendition": None,
}
LIBRARY_APPS_REBUILT = {"wagtailsearch": "update_index"}

LIBRARY_LEFT_OUT = {
    "contenttypes.contenttype": "every site has its own: the archive names them in its manifest",
    "auth.permission": "every site has its own: the archive names them in its manifest",
    "wagtailcore.comment": "editors' comments on drafts: working notes",
    "wagtailcore.commentreply": "editors' comments on drafts: working notes",
    "wagtailcore.pagesubscription": "editors' choices of comment notifications",
    "wagtailcore.pageviewrestriction": "pages behind a view restriction are not carried",
    "wagtailcore.modellogentry": (
        "the admin's history of snippets and settings, which names vetting records and "
        "experiences that were opened"
    ),
    "wagtailforms.formsubmission": "what the public sent through forms: personal data",
    "wagtailusers.userprofile": "staff's admin preferences and avatars",
    "wagtail_localize": (
        "wagtail-localize's working store of strings, which can hold drafts: the translations "
        "themselves are carried as pages"
    ),
    "otp_totp": "second factors belong to the old site: each person sets one up again",
    "otp_static": "second factors belong to the old site: each person sets one up again",
    "django_otp_webauthn": "passkeys belong to the old site's address: registered again",
    "axes": "sign-in attempts: security logs of the old site",
    "sessions": "sign-in sessions",
    "django_tasks_database": "the queue of background work",
    "admin": "Django admin's own log",
}


def library_left_out_reason(model):
    label = model._meta.label_lower
    return (
        LIBRARY_LEFT_OUT.get(label)
        or LIBRARY_LEFT_OUT.get(model._meta.app_label)
        or "a library's working data, not the LINk's records"
    )


# --- Building the plan -----------------------------------------------------------------------


def is_project_app(app_config):
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return path.is_relative_to(base) and "site-packages" not in path.parts


def concrete_models():
    return [m for m in apps.get_models() if not m._meta.proxy and not m._meta.abstract]


def subclasses_of_replaced(model, plan_entries):
    return any(
        issubclass(model, e.model) and e.replaces
        for e in plan_entries.values()
        if e.model is not model
    )


def build_plan():
    plan = Plan()
    for model in concrete_models():
        label = model._meta.label_lower
        config = apps.get_app_config(model._meta.app_label)
        name = model.__name__
        if issubclass(model, Page):
            plan.entries[label] = Entry(
                model,
                select=select_pages(model),
                replaces=model is Page,
                scrub=scrub_page if model is Page else None,
            )
        elif is_project_app(config):
            if name in getattr(config, "archive_leaves_out", {}):
                plan.left_out[label] = config.archive_leaves_out[name]
            elif name in getattr(config, "archive_rebuilds", {}):
                plan.rebuilt[label] = config.archive_rebuilds[name]
            elif name in getattr(config, "archive_seals", {}):
                plan.entries[label] = Entry(model, sealed=True)
            else:
                owner = getattr(config, "archive_belongs_to", {}).get(name)
                owned = (owner,) if owner else ()
                plan.entries[label] = Entry(model, must_point=owned, no_seed=owned)
        elif label in LIBRARY_MODELS:
            plan.entries[label] = Entry(model, **LIBRARY_MODELS[label])
        elif label in LIBRARY_REBUILT:
            plan.rebuilt[label] = LIBRARY_REBUILT[label]
        elif model._meta.app_label in LIBRARY_APPS_REBUILT:
            plan.rebuilt[label] = LIBRARY_APPS_REBUILT[model._meta.app_label]
        else:
            plan.left_out[label] = library_left_out_reason(model)
    # A model built on one whose rows migrations make (the workflow's own tasks) is made by
    # them too.
    for entry in plan.entries.values():
        if subclasses_of_replaced(entry.model, plan.entries):
            entry.replaces = True
    return plan


def unsealed_private_models(plan):
    """Models only some people may see that the plan would carry in clear."""
    from wagtail.hooks import search_for_hooks
    from wagtail.permissions import policy_registry

    from linksite.permissions import HeldOnlyBy

    search_for_hooks()  # each app registers its permission policies in its wagtail_hooks
    return [
        e.label
        for e in plan.entries.values()
        if not e.sealed
        and isinstance(policy_registry.get_by_type(e.model, fallback=False), HeldOnlyBy)
    ]


# --- Pointers between rows --------------------------------------------------------------------


def pointers(model):
    """The model's own pointers to other rows, as the serializer writes them: (field, is the
    primary key) for each foreign key or one-to-one, its primary key included when that is one
    (a page type's pointer to its page, a workflow page's to its page)."""
    found = []
    for f in model._meta.local_fields:
        if f.is_relation and (f.many_to_one or f.one_to_one):
            found.append((f, f.primary_key))
    return found


def many_to_many(model):
    """The model's many-to-many fields the serializer writes with it (auto-created through)."""
    return [
        f
        for f in model._meta.local_many_to_many
        if f.serialize and f.remote_field.through._meta.auto_created
    ]


def generic_pointers(model):
    return [f for f in model._meta.private_fields if isinstance(f, GenericForeignKey)]


def target_label(field):
    return field.remote_field.model._meta.concrete_model._meta.label_lower


def is_nullable(field):
    return bool(field.null) and not field.primary_key
