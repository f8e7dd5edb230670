"""The open data downloads: every record type the API serves (opendata/registry.py), in every
language of the site, as CSV and as JSON, built from the API's own querysets, record builders
and schemas, so a file holds exactly what the API answers.

- **When**: every night (the daily `send_reminders` run, `daily_job`), soon after a page is
  published, taken down, moved or made private (a background task, opendata/tasks.py), and
  by `manage.py build_open_data`. Each build prints what it wrote.
- **Memory stays flat**: records are read `BATCH` at a time and written line by line (the CSV
  through linksite/spreadsheets.py, as the recommendations CSV is) to a temporary file, which
  is then saved to the site's storage.
- **Where**: the site's default storage under `open-data/<build>/`; an `OpenDataFile` row per
  file says where, its size, records, SHA-256 and when its build began. The rows of a build
  replace the last build's in one transaction, whose files are then deleted; the front cache
  is purged of the files and the Open data page (linksite/front_cache.py).
- **JSON**: `{"type", "language", "built_at", "items": [...], "count"}`, each item as the
  API's detail endpoint answers it, one to a line.
- **CSV**: one row per record, a column per field of the schema; a linked record's fields
  are columns of their own (`decision.title`); a list of names (organisations, topics) is
  joined with "; ", any other list is written as JSON in its cell; the fields the type's
  `csv_omits` names are left out (a body's blocks: its HTML is there). A cell a spreadsheet
  would read as a formula starts with an apostrophe.
"""

import datetime
import hashlib
import json
import logging
import os
import tempfile
import types
import typing
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from pydantic import BaseModel

from linksite import front_cache
from linksite.spreadsheets import csv_line

from .models import OpenDataFile, OpenDataPage
from .registry import derived_from, served

logger = logging.getLogger(__name__)

FOLDER = "open-data"
BATCH = 100
# A build's folder left behind (a build that stopped half way) is removed after this long;
# never sooner, since another build may be writing it.
LEFT_BEHIND = datetime.timedelta(days=1)
STAMP = "%Y%m%dT%H%M%S%f"
LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


class SiteRequest(HttpRequest):
    """A request to the site at `root_url`, for building the records outside a request: their
    addresses are the site's own, as a visitor's request would give them."""

    def __init__(self, root_url):
        super().__init__()
        parts = urlsplit(root_url)
        self._scheme = parts.scheme or "https"
        self._host = parts.netloc
        self.path = self.path_info = "/"
        self.method = "GET"
        self.META = {
            "HTTP_HOST": parts.netloc,
            "SERVER_NAME": parts.hostname or "localhost",
            "SERVER_PORT": str(parts.port or (443 if self._scheme == "https" else 80)),
        }

    def _get_scheme(self):
        return self._scheme

    def get_host(self):
        return self._host


def site_root():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


# Records


def in_batches(queryset, size=None):
    """The queryset's items in its order, read `size` (BATCH) at a time."""
    size = size or BATCH
    pks = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(pks), size):
        chunk = pks[start : start + size]
        found = {item.pk: item for item in queryset.filter(pk__in=chunk)}
        for pk in chunk:
            if pk in found:
                yield found[pk]


def serialised(schema, record):
    """A record as the API answers it: through its schema, in JSON's types."""
    return schema.model_validate(record).model_dump(mode="json")


def records_of(record_type, language, request):
    """The records of a type in a language, each as the API builds it (before its schema)."""
    with translation.override(language):
        for item in in_batches(record_type.queryset(language)):
            yield record_type.record(item, request)


# CSV


def schema_in(annotation):
    """The schema an annotation holds as one value (`Link`, `Link | None`), or None."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = inner[0] if len(inner) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def csv_columns(schema, omits=(), prefix=""):
    """The CSV's columns for a schema: each field, a linked record's fields each a column."""
    columns = []
    for name, field in schema.model_fields.items():
        if name in omits:
            continue
        inner = schema_in(field.annotation)
        if inner is not None:
            columns += csv_columns(inner, prefix=f"{prefix}{name}.")
        else:
            columns.append(f"{prefix}{name}")
    return columns


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(isinstance(v, dict) and "name" in v for v in value):
            return "; ".join(str(v["name"]) for v in value)
        if not any(isinstance(v, dict | list) for v in value):
            return "; ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def csv_row(columns, item):
    """The CSV row of one serialised record."""
    row = []
    for column in columns:
        value = item
        for part in column.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        row.append(cell(value))
    return row


# Files


class Output:
    """One file being written: to a temporary file, counting its bytes, records and hash."""

    def __init__(self, record_type, language, file_format):
        self.record_type = record_type
        self.language = language
        self.file_format = file_format
        self.file = tempfile.TemporaryFile()
        self.hash = hashlib.sha256()
        self.size = 0
        self.records = 0
        self.path = None

    def write(self, text):
        data = text.encode("utf-8")
        self.file.write(data)
        self.hash.update(data)
        self.size += len(data)

    def save(self, folder):
        self.file.seek(0)
        name = f"{folder}/{self.language}/{self.record_type.name}.{self.file_format}"
        self.path = default_storage.save(name, File(self.file, name=name))
        self.file.close()
        return self.path


class Writers:
    """The CSV and the JSON of one record type in one language, written a record at a time."""

    def __init__(self, record_type, language, built_at):
        self.record_type = record_type
        self.csv = Output(record_type, language, OpenDataFile.Format.CSV)
        self.json = Output(record_type, language, OpenDataFile.Format.JSON)
        self.columns = csv_columns(record_type.schema, record_type.csv_omits)
        self.csv.write(csv_line(self.columns))
        head = json.dumps(
            {"type": record_type.name, "language": language, "built_at": built_at.isoformat()},
            ensure_ascii=False,
        )
        self.json.write(head[:-1] + ', "items": [')

    def add(self, record):
        item = serialised(self.record_type.schema, record)
        self.json.write(("," if self.json.records else "") + "\n")
        self.json.write(json.dumps(item, ensure_ascii=False))
        self.json.records += 1
        self.csv.write(csv_line(csv_row(self.columns, item)))
        self.csv.records += 1

    def close(self, folder):
        self.json.write(f'\n], "count": {self.json.records}}}\n')
        for output in (self.csv, self.json):
            output.save(folder)
        return [self.csv, self.json]

    def summary(self):
        return (
            f"{self.json.language}, {self.record_type.name}: {self.json.records} records "
            f"(CSV {self.csv.size} bytes, JSON {self.json.size} bytes)"
        )


def write_type(record_type, language, request, built_at, folder, say):
    """Write one record type, and the types derived from it, in one language."""
    writers = [Writers(record_type, language, built_at)]
    writers += [Writers(t, language, built_at) for t in derived_from(record_type.name)]
    for record in records_of(record_type, language, request):
        writers[0].add(record)
        for other in writers[1:]:
            for row in other.record_type.derive(record):
                other.add(row)
    outputs = []
    for writer in writers:
        outputs += writer.close(folder)
        say(f"Open data, {writer.summary()}")
    return outputs


def build_open_data(out=None):
    """Build every file, replace the last build's, and say what was written. Returns the
    number of files."""
    say = out or (lambda message: None)
    built_at = timezone.now()
    folder = f"{FOLDER}/{built_at.strftime(STAMP)}-{get_random_string(6).lower()}"
    root = site_root()
    request = SiteRequest(root)
    outputs = []
    for language in LANGUAGES:
        for record_type in served():
            outputs += write_type(record_type, language, request, built_at, folder, say)
    replace_files(outputs, built_at, root)
    say(f"Open data files built: {len(outputs)}, in {FOLDER}/ of the site's storage.")
    return len(outputs)


def replace_files(outputs, built_at, root):
    """Make this build's files the ones served, in one transaction; then delete the last
    build's files and purge the front cache of what changed."""
    with transaction.atomic():
        before = {f.pk: f.path for f in OpenDataFile.objects.select_for_update().order_by("pk")}
        kept = []
        for output in outputs:
            row, _created = OpenDataFile.objects.update_or_create(
                record_type=output.record_type.name,
                language=output.language,
                file_format=output.file_format,
                defaults={
                    "path": output.path,
                    "size": output.size,
                    "records": output.records,
                    "sha256": output.hash.hexdigest(),
                    "built_at": built_at,
                },
            )
            kept.append(row)
        # A type no longer in the registry: its files go.
        OpenDataFile.objects.exclude(pk__in=[row.pk for row in kept]).delete()
        replaced = set(before.values()) - {row.path for row in kept}
        transaction.on_commit(lambda: delete_files(replaced), robust=True)
        purge(kept, root)


def delete_files(paths):
    for path in sorted(paths):
        try:
            default_storage.delete(path)
        except OSError as error:
            logger.warning("An old open data file could not be deleted: %s (%s)", path, error)
    remove_left_behind()


def remove_left_behind(now=None):
    """Delete the folders of builds that no row names and that are older than LEFT_BEHIND."""
    now = now or timezone.now()
    try:
        folders, _files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    named = {path.split("/")[1] for path in OpenDataFile.objects.values_list("path", flat=True)}
    for folder in folders:
        try:
            began = datetime.datetime.strptime(folder.split("-")[0], STAMP)
        except ValueError:
            continue
        began = timezone.make_aware(began, datetime.UTC)
        if folder in named or now - began < LEFT_BEHIND:
            continue
        remove_folder(f"{FOLDER}/{folder}")


def remove_folder(folder):
    try:
        subfolders, files = default_storage.listdir(folder)
    except (FileNotFoundError, OSError):
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    for name in subfolders:
        remove_folder(f"{folder}/{name}")
    try:  # an empty folder on disk (other storages have none)
        os.rmdir(default_storage.path(folder))
    except (NotImplementedError, OSError):
        pass


def purge(files, root):
    """Purge the front cache of every file and the Open data page in every language."""
    if not front_cache.enabled():
        return
    urls = {root + f.get_absolute_url() for f in files}
    for page in OpenDataPage.objects.live():
        urls |= {
            variant
            for url in front_cache.routes_of(page)
            for variant in front_cache.in_every_language(url)
        }
    front_cache.purge_after_commit(sorted(urls))


def daily_job(today=None, out=None):
    """The nightly rebuild (linksite/daily.py): safe to run twice on one day."""
    build_open_data(out=out)
