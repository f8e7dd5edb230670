"""The rows the handover archive carries: each model's rows as Django serializes them (its
serialization format, "python" flavour, written as JSON), narrowed until every pointer holds.

`gather(plan, ...)` starts from each model's selection (opendata.archive.plan), brings in the
files and tags that kept rows point at, then drops a row whose required pointer names a row
that is not kept (a draft's inline rows, the log of a version that never went live) and clears
a pointer that may be empty (a footer link to a draft). It repeats until nothing changes: a
row dropped can take others with it.
"""

from collections import defaultdict

from django.core import serializers
from django.db.models import prefetch_related_objects

from .plan import (
    BY_NAME,
    generic_pointers,
    is_nullable,
    live_public_page_ids,
    many_to_many,
    pointers,
    published_revision_ids,
    target_label,
)


class Context:
    """What the selections share: the pages carried and the versions of them that went live."""

    def __init__(self):
        from wagtail.models import Page, Revision

        self.page_ids = live_public_page_ids()
        self.revision_ids = published_revision_ids(self.page_ids)
        paths = dict(Page.objects.filter(pk__in=self.page_ids).values_list("path", "pk"))
        self.children = defaultdict(int)
        for path in paths:
            parent = paths.get(path[: -Page.steplen])
            if parent is not None:
                self.children[parent] += 1
        self.revision_created = dict(
            Revision.objects.filter(pk__in=self.revision_ids).values_list("pk", "created_at")
        )
        self.pages_left_out = Page.objects.count() - len(self.page_ids)
        self.drafts_left_behind = Page.objects.filter(
            pk__in=self.page_ids, has_unpublished_changes=True
        ).count()


def serialize(entry, context):
    queryset = entry.select(context) if entry.select else entry.model._base_manager.all()
    queryset = queryset.order_by("pk")
    m2m = [f.name for f in many_to_many(entry.model)]
    rows = []
    # A batch at a time, its many-to-many choices fetched in one query each.
    batch = []
    for obj in queryset.iterator(chunk_size=500):
        batch.append(obj)
        if len(batch) == 500:
            rows += serialize_batch(batch, m2m)
            batch = []
    if batch:
        rows += serialize_batch(batch, m2m)
    return rows


def serialize_batch(objects, m2m):
    if m2m:
        prefetch_related_objects(objects, *m2m)
    return serializers.serialize("python", objects)


class Gathered:
    """Every row carried, by model label, and what was dropped on the way."""

    def __init__(self, plan, entries, context):
        self.plan, self.entries, self.context = plan, entries, context
        self.rows = {}  # label -> {pk: row}
        self.kept = {}  # label -> set of pks
        self.dropped = defaultdict(int)

    def present(self, label, pk):
        if label in BY_NAME:
            return True
        kept = self.kept.get(label)
        return kept is not None and pk in kept

    def rows_of(self, label):
        kept = self.kept[label]
        return [row for pk, row in self.rows[label].items() if pk in kept]


def gather(plan, context, with_sealed=False, progress=None):
    entries = {e.label: e for e in plan.carried(with_sealed)}
    gathered = Gathered(plan, entries, context)
    for label, entry in entries.items():
        rows = serialize(entry, context)
        gathered.rows[label] = {row["pk"]: row for row in rows}
        gathered.kept[label] = set() if entry.referenced else set(gathered.rows[label])
        if progress:
            progress(f"Read {label}: {len(rows):,} rows.")
    settle(gathered)
    for entry in entries.values():
        finish_rows(gathered, entry)
    return gathered


def seed_referenced(gathered):
    """The rows of "referenced" models (files, tags) that a kept row points at, or that their
    own seeds name. Returns whether anything changed."""
    wanted = defaultdict(set)
    referenced = {label for label, e in gathered.entries.items() if e.referenced}
    for label, entry in gathered.entries.items():
        kept_rows = gathered.rows_of(label)
        for field, is_pk in pointers(entry.model):
            target = target_label(field)
            if target not in referenced or field.name in entry.no_seed:
                continue
            for row in kept_rows:
                value = row["pk"] if is_pk else row["fields"].get(field.name)
                if value is not None:
                    wanted[target].add(value)
        for field in many_to_many(entry.model):
            target = target_label(field)
            if target in referenced:
                for row in kept_rows:
                    wanted[target].update(row["fields"].get(field.name) or ())
    changed = False
    for label in referenced:
        entry = gathered.entries[label]
        if entry.seeds:
            wanted[label] |= entry.seeds(gathered.context)
        new = wanted[label] & set(gathered.rows[label])
        if new != gathered.kept[label]:
            gathered.kept[label] = new
            changed = True
    return changed


def drop_dangling(gathered):
    """Drop every kept row whose required pointer names a row not kept. Returns whether any
    row was dropped."""
    changed = False
    for label, entry in gathered.entries.items():
        links = pointers(entry.model)
        generic = generic_pointers(entry.model)
        for pk in list(gathered.kept[label]):
            row = gathered.rows[label][pk]
            if not row_holds(gathered, entry, row, links, generic):
                gathered.kept[label].discard(pk)
                gathered.dropped[label] += 1
                changed = True
    return changed


def row_holds(gathered, entry, row, links, generic):
    for field, is_pk in links:
        value = row["pk"] if is_pk else row["fields"].get(field.name)
        if value is None or gathered.present(target_label(field), value):
            continue
        if is_nullable(field) and field.name not in entry.must_point:
            continue  # cleared when the row is written
        return False
    for relation in generic:
        ct_id = row["fields"].get(relation.ct_field)
        object_id = row["fields"].get(relation.fk_field)
        if ct_id is None or object_id is None:
            continue
        target = content_type_model(ct_id)
        if target is None:
            return False
        label = target._meta.concrete_model._meta.label_lower
        if not gathered.present(label, target._meta.pk.to_python(object_id)):
            return False
    return True


def content_type_model(ct_id):
    from django.contrib.contenttypes.models import ContentType

    try:
        return ContentType.objects.get_for_id(ct_id).model_class()
    except ContentType.DoesNotExist:
        return None


def settle(gathered):
    seed_referenced(gathered)
    while drop_dangling(gathered) | seed_referenced(gathered):
        pass


def finish_rows(gathered, entry):
    """Clear the pointers to rows not kept that may be empty, narrow the many-to-many choices
    to rows kept, and apply the model's scrub."""
    label = entry.label
    links = [(f, is_pk) for f, is_pk in pointers(entry.model) if not is_pk]
    m2m = many_to_many(entry.model)
    for row in gathered.rows_of(label):
        fields = row["fields"]
        for field, _is_pk in links:
            value = fields.get(field.name)
            if value is not None and not gathered.present(target_label(field), value):
                fields[field.name] = None
        for field in m2m:
            target = target_label(field)
            fields[field.name] = [
                v for v in fields.get(field.name) or () if gathered.present(target, v)
            ]
        if entry.scrub:
            entry.scrub(row, gathered.context)
