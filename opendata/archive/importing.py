"""`import_archive`: rebuild a site from its handover archive (opendata.archive), in an empty
one.

Everything that can refuse is checked before anything is written: the archive (zip, format
version, every member's SHA-256), the migrations (the archive's must be exactly this
database's), the site (empty: what `migrate` made and nothing more), the passphrase of the
vetting records, every record (each is read and converted), and the media storage (no other
file under a name the archive uses). Then, in one transaction: what migrations made and the
archive carries (groups, the workflow, the root page, the default site...) is replaced by the
archive's rows, every row is saved with its own primary key, every pointer is checked, the
database's id sequences are moved past the ids loaded (PostgreSQL), and the files are written.
Afterwards what the archive does not carry because it is worked out from the rest (the search
entries, Wagtail's reference index) is built again.
"""

import hashlib
import json
import re

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import call_command, get_commands
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from wagtail.models import Page

from .container import ArchiveRefused, Reader
from .exporting import associated_data, file_fields
from .plan import build_plan, many_to_many, pointers, target_label
from .sealing import SealError, unseal

NOTHING_WRITTEN = "Nothing was written."
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def import_archive(path, passphrase=None, without_vetting=False, out=None):
    """Rebuild the archive's site here. Raises ArchiveRefused, saying why, and then nothing
    is written."""
    out = out or (lambda line: None)
    reader = Reader(path)
    try:
        manifest = reader.manifest
        out(f"Checked {len(manifest['members']):,} members of the archive against their SHA-256.")
        check_migrations(manifest)
        out("Its migrations are this database's.")
        plan = build_plan()
        check_empty(plan)
        out("This site is empty.")
        sealed = open_sealed(reader, manifest, passphrase, without_vetting, out)
        loaded = read_records(reader, manifest, plan, sealed, out)
        files = plan_files(reader, manifest, loaded)
        save(reader, loaded, files, plan, out)
    finally:
        reader.close()
    rebuild(plan, out)
    return {label: len(objects) for label, (_entry, objects) in loaded.items()}


# --- Checks, before anything is written ------------------------------------------------------


def listed(names, limit=5):
    names = sorted(names)
    shown = ", ".join(f"{app}.{name}" for app, name in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def check_migrations(manifest):
    raw = manifest.get("migrations")
    if not isinstance(raw, list) or not all(
        isinstance(m, list) and len(m) == 2 and all(isinstance(x, str) for x in m) for m in raw
    ):
        raise ArchiveRefused(
            f"The archive does not say which migrations made it. {NOTHING_WRITTEN}"
        )
    archived = {tuple(m) for m in raw}
    known = set(MigrationLoader(connection, ignore_no_migrations=True).disk_migrations)
    unknown = archived - known
    if unknown:
        raise ArchiveRefused(
            "The archive was made by a newer version of the site (or one with other apps): it "
            f"has migrations this code does not have: {listed(unknown)}. Import it with the "
            f"version of the site that made it. {NOTHING_WRITTEN}"
        )
    applied = set(MigrationRecorder(connection).applied_migrations())
    if archived - applied:
        raise ArchiveRefused(
            "This database lacks migrations the archive was made with: "
            f"{listed(archived - applied)}. Run `manage.py migrate` first. {NOTHING_WRITTEN}"
        )
    if applied - archived:
        raise ArchiveRefused(
            "The archive was made by an older version of the site: this database has "
            f"migrations it lacks: {listed(applied - archived)}. Import it into a database of "
            "that version (the manifest lists its migrations), then update the code and run "
            f"`manage.py migrate`. {NOTHING_WRITTEN}"
        )


def extra_pages():
    """Pages besides the root and the welcome page `migrate` makes."""
    welcome = Page.objects.filter(
        depth=2, numchild=0, content_type=ContentType.objects.get_for_model(Page)
    ).values_list("pk", flat=True)[:1]
    return Page.objects.exclude(depth=1).exclude(pk__in=list(welcome)).count()


def check_empty(plan):
    found = []
    pages = extra_pages()
    if pages:
        found.append(
            f"{pages:,} {'page' if pages == 1 else 'pages'} besides the root and Wagtail's "
            "welcome page"
        )
    checked = [e.model for e in plan.entries.values() if not e.replaces]
    checked += [m for m in project_models_left_out(plan)]
    for model in checked:
        count = model._base_manager.count()
        if count:
            name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
            found.append(f"{count:,} {name} ({model._meta.label_lower})")
    if found:
        raise ArchiveRefused(
            f"This site is not empty: it has {'; '.join(found)}. Import only into a freshly "
            f"migrated, empty database. {NOTHING_WRITTEN}"
        )


def project_models_left_out(plan):
    from django.apps import apps

    from .plan import is_project_app

    for label in plan.left_out:
        model = apps.get_model(label)
        if is_project_app(apps.get_app_config(model._meta.app_label)):
            yield model


def open_sealed(reader, manifest, passphrase, without_vetting, out):
    """{label: rows} of the sealed records, opened with the passphrase."""
    vetting = manifest.get("vetting")
    if not vetting:
        if passphrase is not None:
            out("The archive holds no vetting records: the passphrase was not needed.")
        return {}
    if without_vetting:
        out("Vetting records: left out, as asked.")
        return {}
    if passphrase is None:
        raise ArchiveRefused(
            "This archive holds vetting records sealed with a passphrase: give it with "
            "--passphrase-file FILE, or import without them with --without-vetting. "
            + NOTHING_WRITTEN
        )
    member = vetting.get("member") if isinstance(vetting, dict) else None
    if member not in manifest["members"]:
        raise ArchiveRefused(f"The archive's vetting records are missing. {NOTHING_WRITTEN}")
    try:
        plaintext = unseal(
            reader.read(member), passphrase, vetting, associated_data(manifest.get("archive_id"))
        )
    except SealError as error:
        raise ArchiveRefused(str(error)) from error
    rows = json.loads(plaintext)
    if not isinstance(rows, dict) or not all(isinstance(r, list) for r in rows.values()):
        raise ArchiveRefused(f"The archive's vetting records are damaged. {NOTHING_WRITTEN}")
    out(f"Vetting records: {sum(len(r) for r in rows.values()):,}, opened with the passphrase.")
    return rows


class Names:
    """The new site's ids of the content types and permissions the archive names."""

    def __init__(self, manifest):
        self.content_types = self.read(manifest, "content_types", 2)
        self.permissions = self.read(manifest, "permissions", 3)
        self.ct_ids, self.permission_ids = {}, {}

    @staticmethod
    def read(manifest, key, size):
        table = manifest.get(key)
        if not isinstance(table, dict) or not all(
            isinstance(v, list) and len(v) == size for v in table.values()
        ):
            raise ArchiveRefused(f"The archive's table of {key} is damaged. {NOTHING_WRITTEN}")
        return table

    def content_type(self, old):
        if old is None:
            return None
        if old not in self.ct_ids:
            app_label, model = self.content_types.get(str(old)) or (None, None)
            try:
                self.ct_ids[old] = ContentType.objects.get_by_natural_key(app_label, model).pk
            except ContentType.DoesNotExist as error:
                raise ArchiveRefused(
                    f"The archive holds records of a kind this site does not have "
                    f"({app_label}.{model}). {NOTHING_WRITTEN}"
                ) from error
        return self.ct_ids[old]

    def permission(self, old):
        if old not in self.permission_ids:
            app_label, model, codename = self.permissions.get(str(old)) or (None, None, None)
            try:
                found = Permission.objects.get_by_natural_key(codename, app_label, model)
            except Permission.DoesNotExist as error:
                raise ArchiveRefused(
                    f"The archive names a permission this site does not have "
                    f"({app_label}.{codename}). {NOTHING_WRITTEN}"
                ) from error
            self.permission_ids[old] = found.pk
        return self.permission_ids[old]

    def rename(self, model, rows):
        """Give each row's pointers to content types and permissions this site's ids."""
        links = [(f, is_pk, target_label(f)) for f, is_pk in pointers(model)]
        links = [
            link for link in links if link[2] in ("contenttypes.contenttype", "auth.permission")
        ]
        m2m = [f for f in many_to_many(model) if target_label(f) == "auth.permission"]
        for row in rows:
            fields = row["fields"]
            for field, is_pk, target in links:
                change = (
                    self.content_type if target == "contenttypes.contenttype" else self.permission
                )
                if is_pk:
                    row["pk"] = change(row["pk"])
                elif fields.get(field.name) is not None:
                    fields[field.name] = change(fields[field.name])
            for field in m2m:
                fields[field.name] = [self.permission(v) for v in fields.get(field.name) or ()]
            content = fields.get("content")
            if model._meta.label_lower == "wagtailcore.revision" and isinstance(content, dict):
                # A version's content names its page type by id: as_object() reads it.
                if content.get("content_type") is not None:
                    content["content_type"] = self.content_type(content["content_type"])


def read_records(reader, manifest, plan, sealed, out):
    """{label: (entry, [DeserializedObject])}, every row converted, nothing saved."""
    counts = manifest.get("records")
    if not isinstance(counts, dict):
        raise ArchiveRefused(f"The archive's manifest lists no records. {NOTHING_WRITTEN}")
    names = Names(manifest)
    sources = {label: None for label in counts}
    sources.update({label: rows for label, rows in sealed.items()})
    loaded = {}
    for label, rows in sources.items():
        entry = plan.entries.get(label)
        if entry is None:
            raise ArchiveRefused(
                f"The archive holds {label}, which this site does not carry in an archive. "
                + NOTHING_WRITTEN
            )
        if rows is None:
            member = f"records/{label}.json"
            if member not in manifest["members"]:
                raise ArchiveRefused(f"The archive lacks {member}. {NOTHING_WRITTEN}")
            try:
                rows = json.loads(reader.read(member))
            except ValueError as error:
                raise ArchiveRefused(f"{member} is not readable JSON. {NOTHING_WRITTEN}") from error
            if not isinstance(rows, list) or len(rows) != counts[label]:
                raise ArchiveRefused(
                    f"{member} does not hold the {counts[label]} rows the manifest counts. "
                    + NOTHING_WRITTEN
                )
        try:
            names.rename(entry.model, rows)
            objects = list(serializers.deserialize("python", rows))
        except (DeserializationError, ValueError, TypeError, LookupError, AttributeError) as error:
            raise ArchiveRefused(
                f"The archive's {label} records cannot be read ({error}). {NOTHING_WRITTEN}"
            ) from error
        if any(type(o.object) is not entry.model for o in objects):
            raise ArchiveRefused(
                f"records/{label}.json holds rows of another model. {NOTHING_WRITTEN}"
            )
        loaded[label] = (entry, objects)
    out(f"Read {sum(len(o) for _e, o in loaded.values()):,} records of {len(loaded)} models.")
    return loaded


def safe_name(name):
    return (
        isinstance(name, str)
        and name
        and not name.startswith(("/", "\\"))
        and "\\" not in name
        and ".." not in name.split("/")
        and "\x00" not in name
    )


def plan_files(reader, manifest, loaded):
    """[(storage, name, member)] of the files to write, each checked against the manifest and
    against what the storage already holds under its name."""
    by_name = {}
    items = manifest.get("files") or []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ArchiveRefused(f"The archive's list of files is damaged. {NOTHING_WRITTEN}")
    for item in items:
        name, digest = item.get("name"), item.get("sha256")
        if not safe_name(name) or not isinstance(digest, str) or not SHA256.match(digest):
            raise ArchiveRefused(f"The archive's list of files is damaged. {NOTHING_WRITTEN}")
        if by_name.setdefault(name, digest) != digest:
            raise ArchiveRefused(f"The archive gives {name} two contents. {NOTHING_WRITTEN}")
    planned, seen = [], set()
    for _label, (entry, objects) in loaded.items():
        for field in file_fields(entry.model):
            for obj in objects:
                name = getattr(obj.object, field.attname).name
                if not name or name in seen:
                    continue
                seen.add(name)
                digest = by_name.get(name)
                if digest is None or f"files/{digest}" not in manifest["members"]:
                    raise ArchiveRefused(
                        f"The archive lacks the file {name} its records name. {NOTHING_WRITTEN}"
                    )
                storage = field.storage
                if storage.exists(name):
                    if stored_sha256(storage, name) != digest:
                        raise ArchiveRefused(
                            f"The media storage already holds a different file at {name}: "
                            f"import into an empty media folder. {NOTHING_WRITTEN}"
                        )
                    continue
                planned.append((storage, name, f"files/{digest}"))
    return planned


def stored_sha256(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- Writing, in one transaction -------------------------------------------------------------


def replaced_models(plan):
    """What migrations made that the archive carries, with their many-to-many tables."""
    found = []
    for entry in plan.entries.values():
        if entry.replaces:
            found.append(entry.model)
            found += [f.remote_field.through for f in entry.model._meta.local_many_to_many]
    return found


def save(reader, loaded, files, plan, out):
    written = []
    try:
        with transaction.atomic():
            check_empty(plan)  # again, now inside the transaction that fills it
            for model in replaced_models(plan):
                model._base_manager.all()._raw_delete(connection.alias)
            # Parents before the page types and tasks built on them, for readability of any
            # error; the database checks the pointers once everything is in.
            order = sorted(loaded.items(), key=lambda i: len(i[1][0].model._meta.get_parent_list()))
            for label, (entry, objects) in order:
                save_objects(entry, objects)
                if objects:
                    out(f"Imported {label}: {len(objects):,}")
            connection.check_constraints()
            reset_sequences([entry.model for entry, _objects in loaded.values()])
            for storage, name, member in files:
                stored = storage.save(name, ContentFile(reader.read(member)))
                written.append((storage, stored))
                if stored != name:
                    raise ArchiveRefused(f"The media storage renamed {name} to {stored}.")
            out(f"Wrote {len(files):,} files to the media storage.")
    except ArchiveRefused as error:
        remove(written)
        message = str(error)
        if not message.endswith(NOTHING_WRITTEN):
            message = f"{message} {NOTHING_WRITTEN}"
        raise ArchiveRefused(message) from error
    except (DatabaseError, ValueError, TypeError, OSError) as error:
        remove(written)
        raise ArchiveRefused(
            f"The archive's records could not be loaded ({error}). {NOTHING_WRITTEN}"
        ) from error


def save_objects(entry, objects):
    # Accounts arrive without passwords (the archive carries none): the new site's
    # administrator decides who keeps access, with `manage.py changepassword`.
    user_model = issubclass(entry.model, AbstractBaseUser)
    through_rows = {}
    for deserialized in objects:
        obj = deserialized.object
        if user_model:
            obj.set_unusable_password()
        obj.save_base(raw=True, force_insert=True)
        for name, values in (deserialized.m2m_data or {}).items():
            field = entry.model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through_rows.setdefault(through, []).extend(
                through(**{f"{source}_id": obj.pk, f"{target}_id": value}) for value in values
            )
    for through, rows in through_rows.items():
        through._base_manager.bulk_create(rows, batch_size=500)


def reset_sequences(model_list):
    """Move PostgreSQL's id sequences past the ids loaded (SQLite follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def remove(written):
    for storage, name in written:
        storage.delete(name)


# --- Afterwards --------------------------------------------------------------------------------


def rebuild(plan, out):
    """Build again what is worked out from the rest (each app's `archive_rebuilds`)."""
    from linksite.furniture import new_edition

    new_edition()  # what any cache kept of the pages before is not served again
    available = get_commands()
    for command in plan.rebuild_commands():
        if command not in available:
            continue
        out(f"Building again: manage.py {command}")
        try:
            call_command(command, stdout=CommandOutput(out), verbosity=1)
        except Exception as error:  # a search server that does not answer, say
            raise ArchiveRefused(
                f"The records and files were imported, but `manage.py {command}` failed "
                f"({error}): run it again once that is put right."
            ) from error


class CommandOutput:
    """A file-like object passing a management command's lines to `out`."""

    def __init__(self, out):
        self.out, self.buffer = out, ""

    def write(self, text):
        self.buffer += text
        while "\n" in self.buffer:
            line, self.buffer = self.buffer.split("\n", 1)
            if line.strip():
                self.out(line)

    def flush(self):
        if self.buffer.strip():
            self.out(self.buffer)
        self.buffer = ""
