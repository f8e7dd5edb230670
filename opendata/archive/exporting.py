"""`export_archive`: write the handover archive of this site (opendata.archive)."""

import datetime
import hashlib
import json
import uuid
from contextlib import contextmanager

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .container import FORMAT, FORMAT_VERSION, ArchiveRefused, Writer
from .plan import build_plan, unsealed_private_models
from .rows import Context, gather
from .sealing import SealError, seal

SEALED_MEMBER = "sealed/vetting.bin"


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it would round them to the
    millisecond), so the order of a page's log entries survives the round trip."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def dumps(rows):
    return json.dumps(rows, cls=ExactEncoder, ensure_ascii=False).encode("utf-8")


def associated_data(archive_id):
    return f"{FORMAT}:{archive_id}:vetting".encode()


@contextmanager
def consistent_read():
    """Every query of the export sees the database at one moment, even while editors work."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def file_fields(model):
    return [f for f in model._meta.local_fields if isinstance(f, models.FileField)]


def files_of(gathered):
    """[(storage, name, label, pk)] of every file a carried row holds."""
    found = []
    for label, entry in gathered.entries.items():
        for field in file_fields(entry.model):
            for row in gathered.rows_of(label):
                name = row["fields"].get(field.name)
                if name:
                    found.append((field.storage, name, label, row["pk"]))
    return found


def megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def export_archive(path, passphrase=None, out=None):
    """Write the archive at `path`; with a passphrase, the vetting records too, sealed.
    Returns the manifest. Raises ArchiveRefused, saying why, and then writes nothing."""
    out = out or (lambda line: None)
    plan = build_plan()
    private = unsealed_private_models(plan)
    if private:
        raise ArchiveRefused(
            "These models are seen only by some people but their apps do not say how the "
            f"archive carries them (archive_seals or archive_leaves_out): {', '.join(private)}."
        )
    with_vetting = passphrase is not None
    with consistent_read():
        context = Context()
        out(
            f"Pages: {len(context.page_ids) - 1:,} live, public pages. Left out: "
            f"{context.pages_left_out:,} pages never published, taken down or private (with the "
            f"pages under them), and the unpublished changes of {context.drafts_left_behind:,} "
            "live pages."
        )
        gathered = gather(plan, context, with_sealed=with_vetting, progress=out)
        return write(path, plan, gathered, passphrase, out)


def write(path, plan, gathered, passphrase, out):
    archive_id = uuid.uuid4().hex
    writer = Writer(path)
    try:
        counts = {}
        for label, entry in sorted(gathered.entries.items()):
            if entry.sealed:
                continue
            rows = gathered.rows_of(label)
            writer.add(f"records/{label}.json", dumps(rows))
            counts[label] = len(rows)
            if rows:
                out(f"Archived {label}: {len(rows):,}")
        files = write_files(writer, gathered, out)
        vetting = write_sealed(writer, gathered, passphrase, archive_id, out)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "archive_id": archive_id,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": sorted(
                [app, name] for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "records": counts,
            "dropped": dict(sorted(gathered.dropped.items())),
            "files": files,
            "content_types": {
                str(ct.pk): [ct.app_label, ct.model] for ct in ContentType.objects.all()
            },
            "permissions": {
                str(p.pk): [p.content_type.app_label, p.content_type.model, p.codename]
                for p in Permission.objects.select_related("content_type")
            },
            "vetting": vetting,
            "left_out": dict(sorted(plan.left_out.items())),
            "rebuilt": dict(sorted(plan.rebuilt.items())),
        }
        writer.finish(manifest)
    except BaseException:
        writer.abandon()
        raise
    out(f"Archive written: {path} ({megabytes(writer.path.stat().st_size)}).")
    return manifest


def write_files(writer, gathered, out):
    entries, missing, seen, total = [], [], {}, 0
    for storage, name, label, pk in files_of(gathered):
        if name not in seen:
            try:
                seen[name] = write_file(writer, storage, name)
            except (OSError, ValueError):
                missing.append(f"{name} ({label} {pk})")
                continue
            total += seen[name]["size"]
        entries.append({**seen[name], "model": label, "pk": pk})
    if missing:
        raise ArchiveRefused(
            "These files are missing from the media storage, so the archive would lose them: "
            f"{', '.join(missing)}. Restore them (or replace the documents) and export again."
        )
    out(f"Archived {len(seen):,} files ({megabytes(total)}), each with its SHA-256.")
    return entries


def write_file(writer, storage, name):
    """One file, stored under its SHA-256: the zip's member names never come from an upload's
    name. Read twice (to name it, then to store it), and refused if it changed in between."""
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    member = f"files/{digest.hexdigest()}"
    if member not in writer.members:
        with storage.open(name, "rb") as stream:
            if writer.add_stream(member, stream) != digest.hexdigest():
                raise ArchiveRefused(f"{name} changed while it was being archived: export again.")
    return {"name": name, "sha256": digest.hexdigest(), "size": writer.members[member]["size"]}


def write_sealed(writer, gathered, passphrase, archive_id, out):
    sealed = [e for e in gathered.entries.values() if e.sealed]
    if passphrase is None:
        out("Vetting records: left out (export with --with-vetting to seal them in).")
        return None
    rows = {e.label: gathered.rows_of(e.label) for e in sealed}
    try:
        ciphertext, parameters = seal(dumps(rows), passphrase, associated_data(archive_id))
    except SealError as error:
        raise ArchiveRefused(str(error)) from error
    writer.add(SEALED_MEMBER, ciphertext, compress=False)
    count = sum(len(r) for r in rows.values())
    out(f"Vetting records: {count:,}, sealed with the passphrase ({parameters['cipher']}).")
    return {"member": SEALED_MEMBER, "records": {k: len(v) for k, v in rows.items()}, **parameters}
