"""Support for tests/test_archive.py: a copy of the test database as `migrate` left it (an empty
site to import into), and what the public sees of a site, read the same way on both sides of
the round trip.

Run as `python -m tests.archive_support OUT.json` (with DATABASE_URL naming the imported site)
it writes what the public sees of that site to OUT.json.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile

MAIN = re.compile(r"<main\b[^>]*>.*?</main>", re.DOTALL)
APPROVAL_LINE = re.compile(r'<p class="approval-line[^"]*">.*?</p>', re.DOTALL)
# Per request: the form's CSRF token and the signed time the sharing form was shown.
PER_REQUEST = re.compile(r'(name="(?:csrfmiddlewaretoken|started)" value=")[^"]*(")')
# "How many experiences we heard" counts the public's experiences, which the archive leaves
# out (special-category data): the only part of a page that may differ, and the test says so.
EXPERIENCE_COUNTS = re.compile(r'<section aria-labelledby="how-many">.*?</section>', re.DOTALL)


# --- The empty site: a copy of the test database as migrations left it -----------------------

SNAPSHOT = {}


def wants_empty_site(items):
    return any("empty_site_url" in getattr(item, "fixturenames", ()) for item in items)


def take_snapshot(connection):
    """Copy the test database, just migrated and still empty, for an import to go into."""
    if connection.vendor == "sqlite":
        folder = tempfile.mkdtemp(prefix="linksite-empty-site-")
        path = os.path.join(folder, "empty.sqlite3")
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        SNAPSHOT.update(vendor="sqlite", path=path, folder=folder)
    elif connection.vendor == "postgresql":
        from django.db import connections

        source = connection.settings_dict["NAME"]
        name = f"{source}_empty_site"[:63]
        connections.close_all()  # a template database must have no other session
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        SNAPSHOT.update(vendor="postgresql", name=name)


def drop_snapshot(connection):
    if SNAPSHOT.get("vendor") == "sqlite":
        shutil.rmtree(SNAPSHOT["folder"], ignore_errors=True)
    elif SNAPSHOT.get("vendor") == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{SNAPSHOT["name"]}"')
    SNAPSHOT.clear()


def snapshot_url(settings_dict):
    """DATABASE_URL of the empty site (used once: the import fills it)."""
    if SNAPSHOT.get("vendor") == "sqlite":
        return f"sqlite:///{SNAPSHOT['path']}"
    if SNAPSHOT.get("vendor") == "postgresql":
        from urllib.parse import quote

        user = quote(settings_dict.get("USER") or "")
        password = settings_dict.get("PASSWORD")
        credentials = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or "localhost"
        port = settings_dict.get("PORT") or 5432
        return f"postgres://{credentials}{host}:{port}/{SNAPSHOT['name']}"
    return None


# --- What the public sees --------------------------------------------------------------------


def main_of(html):
    found = MAIN.search(html)
    if not found:
        return None
    text = PER_REQUEST.sub(r"\1…\2", found.group(0))
    return EXPERIENCE_COUNTS.sub("<!-- experience counts -->", text)


def approval_line_of(html):
    found = APPROVAL_LINE.search(html)
    return found.group(0) if found else None


def public_pages():
    from wagtail.models import Page

    from linksite.visibility import public

    pages = public(Page.objects.live().filter(depth__gte=2)).order_by("path")
    return [(page.pk, page.get_url()) for page in pages]


def seen_by_the_public(client):
    """{address: what the public gets}: every live, public page in every language (its <main>
    and approval line), each page's publication record, every document a visitor may fetch
    (its SHA-256), and the sitemap."""
    from django.urls import reverse
    from django.utils import translation
    from wagtail.documents import get_document_model

    seen = {"pages": {}, "records": {}, "documents": {}, "experience_counts": {}}
    for pk, url in public_pages():
        response = client.get(url)
        html = response.content.decode()
        seen["pages"][url] = {
            "status": response.status_code,
            "main": main_of(html),
            "approval_line": approval_line_of(html),
        }
        counts = re.search(r'<section aria-labelledby="how-many">(.*?)</section>', html, re.S)
        if counts:
            seen["experience_counts"][url] = counts.group(1)
        with translation.override("en"):
            record_url = reverse("publication_record", args=[pk])
        response = client.get(record_url)
        seen["records"][record_url] = {
            "status": response.status_code,
            "main": main_of(response.content.decode()),
        }
    for document in get_document_model().objects.order_by("pk"):
        response = client.get(document.url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen["documents"][document.url] = {
            "status": response.status_code,
            "sha256": hashlib.sha256(body).hexdigest() if response.status_code == 200 else None,
        }
    seen["sitemap"] = client.get("/sitemap.xml").content.decode()
    return seen


def facts():
    """What must not have come over, and what must have."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page, Revision, WorkflowState

    from decisions.models import VettingRecord
    from experiences.records import Experience
    from linksite.mail import OutgoingMail

    return {
        "pages_not_live": Page.objects.filter(live=False, depth__gte=2).count(),
        "pages_with_drafts": Page.objects.filter(has_unpublished_changes=True).count(),
        "revisions": Revision.objects.count(),
        "unfinished_workflows": WorkflowState.objects.exclude(status="approved").count(),
        "vetting_records": VettingRecord.objects.count(),
        "experiences": Experience.objects.count(),
        "mail_queued": OutgoingMail.objects.count(),
        "usable_passwords": sum(u.has_usable_password() for u in get_user_model().objects.all()),
        "users": get_user_model().objects.count(),
        "new_rows_fit": new_rows_fit(),
    }


class RolledBack(Exception):
    pass


def new_rows_fit():
    """Whether the site takes new rows after the import (its id sequences moved past the ids
    loaded): an organisation, a page with a version, a person; all rolled back."""
    from django.db import IntegrityError, transaction
    from wagtail.models import Site

    from home.models import StandardPage
    from linksite.models import Organisation, Person

    try:
        with transaction.atomic():
            Organisation.objects.create(name="New after the import", kind="provider")
            Person.objects.create(display_name="New after the import", role="participant")
            page = StandardPage(title="New after the import", slug="new-after-the-import", body=[])
            Site.objects.get(is_default_site=True).root_page.add_child(instance=page)
            page.save_revision()
            raise RolledBack
    except RolledBack:
        return True
    except IntegrityError as error:
        return str(error)


def main(out_path):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linksite.settings.test")
    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's "testserver" host is allowed
    report = {"seen": seen_by_the_public(Client()), "facts": facts()}
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(report, handle)


if __name__ == "__main__":
    main(sys.argv[1])
