"""The handover archive (opendata/archive): `export_archive` and `import_archive`.

A small site is exported inside a transaction that is then rolled back, so the test database is
empty again for its import (the test database is only migrated until the demo, shared by the
tests that run last, is loaded). The demo's own round trip imports into a copy of the test
database made as `migrate` left it (tests/archive_support.py), in a process of its own, and
compares what the public sees of both sites.
"""

import io
import json
import os
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import transaction

from . import archive_support
from .archive_support import approval_line_of, main_of

PASSPHRASE = "correct horse battery staple"
CERTIFICATE = "001987654321"
SECRETS = {
    "draft": "DRAFT-ONLY-WORDS",
    "draft title": "DRAFT-TITLE-WORDS",
    "unpublished": "NEVER-PUBLISHED-WORDS",
    "private": "PRIVATE-PAGE-WORDS",
    "certificate": CERTIFICATE,
    "vetting notes": "SEALED-NOTES-WORDS",
}


class RolledBack(Exception):
    pass


def png():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def build_small_site():
    """Home, an organisation with premises, a steering group member with a declared interest, a
    live page showing a document (with a draft waiting), a page never published, a private
    page, and a vetting record."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.rich_text import RichText

    from decisions.models import VettingRecord
    from home.models import HomePage, StandardPage
    from linksite.demo import approve_through_workflow, demo_user, ensure_users
    from linksite.models import DeclaredInterest, Organisation, Person, Premises

    users = ensure_users()
    root = Page.get_first_root_node()
    for welcome in root.get_children():
        welcome.delete()
    home = HomePage(title="Testshire LINk", slug="home", introduction="The LINk.", live=False)
    root.add_child(instance=home)
    approve_through_workflow(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "T"},
    )
    trust = Organisation.objects.create(name="Testshire Hospitals NHS Trust", kind="nhs_trust")
    Premises.objects.create(organisation=trust, name="Testshire General", postcode="TS1 1AA")
    member = Person.objects.create(
        display_name="Sam Okafor", role=Person.Role.STEERING_GROUP, user=users["steering3"]
    )
    DeclaredInterest.objects.create(
        person=member, organisation=trust, nature="employment", declared_on="2026-01-05"
    )
    document = get_document_model().objects.create(
        title="Minutes", file=ContentFile(b"The minutes of the open meeting.", name="minutes.txt")
    )

    def page(title, slug, words, **fields):
        new = StandardPage(
            title=title,
            slug=slug,
            body=[("paragraph", RichText(f"<p>{words}</p>"))],
            live=False,
            **fields,
        )
        home.add_child(instance=new)
        return new

    chart = get_image_model().objects.create(
        title="Chart", file=ContentFile(png(), name="chart.png")
    )
    minutes = page("Minutes", "minutes", "Approved words.")
    minutes.body.append(("document", {"document": document, "title": ""}))
    minutes.body.append(("image", {"image": chart, "alt_text": "A chart", "decorative": False}))
    minutes.save()
    approve_through_workflow(minutes)
    minutes.body = [("paragraph", RichText(f"<p>{SECRETS['draft']}</p>"))]
    minutes.title = SECRETS["draft title"]
    minutes.save_revision(user=demo_user("editor"))
    page("Plans", "plans", SECRETS["unpublished"]).save_revision(user=demo_user("editor"))
    private = page("Steering only", "private", SECRETS["private"])
    approve_through_workflow(private)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    representative = Person.objects.create(display_name="Ada Representative", role="participant")
    VettingRecord.objects.create(
        person=representative,
        certificate_reference=CERTIFICATE,
        issued_on="2024-12-02",
        considered_by=users["admin"],
        considered_on="2024-12-09",
        outcome="satisfactory",
        notes=SECRETS["vetting notes"],
    )
    return {"minutes": minutes.url, "home": home.url, "document": document.url}


def seen(client, urls):
    out = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        out[url] = (response.status_code, body)
    return out


@pytest.fixture(scope="module")
def small_archives(browser_database, django_db_blocker, tmp_path_factory):
    """Archives of the small site, plain and with sealed vetting records, and what the public
    saw of it; then the site is rolled back, so the test database is empty again."""
    from django.core.cache import cache
    from django.test import Client

    folder = tmp_path_factory.mktemp("small-site")
    passphrase_file = folder / "passphrase.txt"
    passphrase_file.write_text(PASSPHRASE + "\n")
    made = {"plain": folder / "plain.zip", "sealed": folder / "sealed.zip"}
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                urls = build_small_site()
                made["before"] = seen(Client(), urls.values())
                made["urls"] = urls
                made["plain_output"] = export(made["plain"])
                export(made["sealed"], "--with-vetting", "--passphrase-file", passphrase_file)
                raise RolledBack
        except RolledBack:
            pass
        cache.clear()
    made["passphrase_file"] = passphrase_file
    return made


def export(path, *args):
    out = io.StringIO()
    call_command("export_archive", str(path), *[str(a) for a in args], stdout=out)
    return out.getvalue()


def import_(path, *args):
    out = io.StringIO()
    call_command("import_archive", str(path), *[str(a) for a in args], stdout=out)
    return out.getvalue()


def every_byte(path):
    """The archive's bytes, and each member's bytes uncompressed."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return path.read_bytes(), members


def manifest_of(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def fingerprint():
    """What an import would have written: rows of the tables it fills, and the media files."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.models import Page, Revision

    from decisions.models import VettingRecord
    from linksite.models import Organisation, Person

    media = sorted(str(p.relative_to(settings.MEDIA_ROOT)) for p in settings.MEDIA_ROOT.rglob("*"))
    return {
        "pages": list(Page.objects.values_list("pk", "title")),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "documents": get_document_model().objects.count(),
        "vetting": VettingRecord.objects.count(),
        "media": media,
    }


# --- The small site ---------------------------------------------------------------------------


def test_import_rebuilds_the_small_site_with_its_pages_files_people_and_approval_line(
    db, client, small_archives
):
    from django.contrib.auth import get_user_model

    from linksite.mail import OutgoingMail
    from linksite.models import DeclaredInterest, Organisation

    # The rolled-back site left its files behind: the import must write them again, and the
    # image's renditions are made again from the original.
    stored = stored_files(small_archives)
    assert sorted(p.parts[-2] for p in stored) == ["documents", "original_images"]
    for path in stored:
        path.unlink()
    for rendition in (settings.MEDIA_ROOT / "images").glob("*"):
        rendition.unlink()
    output = import_(small_archives["plain"])

    assert all(path.exists() for path in stored)
    after = seen(client, small_archives["urls"].values())
    for url, (status, body) in small_archives["before"].items():
        assert after[url][0] == status == 200, url
        if url == small_archives["urls"]["document"]:
            assert after[url][1] == body
        else:
            assert main_of(after[url][1].decode()) == main_of(body.decode())
            line = approval_line_of(after[url][1].decode())
            assert line and "Approved for publication by the steering group" in line
            assert line == approval_line_of(body.decode())
    minutes = after[small_archives["urls"]["minutes"]][1].decode()
    assert '<img alt="A chart"' in minutes and "/documents/" in minutes
    trust = Organisation.objects.get(name="Testshire Hospitals NHS Trust")
    assert [p.name for p in trust.premises.all()] == ["Testshire General"]
    assert DeclaredInterest.objects.get().person.user.username == "steering3"
    users = get_user_model().objects.all()
    assert users.count() == 6 and not any(u.has_usable_password() for u in users)
    assert not OutgoingMail.objects.exists()  # loading past approvals mails nobody
    assert "Imported wagtailcore.page: 3" in output  # root, home and the live public page


def stored_files(small_archives):
    return [settings.MEDIA_ROOT / f["name"] for f in manifest_of(small_archives["plain"])["files"]]


def stored_file(small_archives):
    (document,) = [p for p in stored_files(small_archives) if p.parts[-2] == "documents"]
    return document


def test_a_different_file_under_a_name_the_archive_uses_is_refused(db, small_archives):
    stored = stored_file(small_archives)
    original = stored.read_bytes()
    stored.write_bytes(b"Someone else's minutes.")
    try:
        before = fingerprint()
        with pytest.raises(CommandError, match="already holds a different file at documents/"):
            import_(small_archives["plain"])
        assert fingerprint() == before
        assert stored.read_bytes() == b"Someone else's minutes."
    finally:
        stored.write_bytes(original)


def test_drafts_private_pages_and_vetting_data_are_not_in_the_archive_without_the_flag(
    small_archives,
):
    raw, members = every_byte(small_archives["plain"])
    for what, words in SECRETS.items():
        assert words.encode() not in raw, what
        for name, data in members.items():
            assert words.encode() not in data, (what, name)
    manifest = manifest_of(small_archives["plain"])
    assert manifest["vetting"] is None
    assert not any(name.startswith("sealed/") for name in members)
    assert "records/decisions.vettingrecord.json" not in members
    assert "Vetting records: left out" in small_archives["plain_output"]


def test_the_import_without_vetting_data_has_no_vetting_records(db, small_archives):
    from decisions.models import VettingRecord

    import_(small_archives["plain"])
    assert not VettingRecord.objects.exists()


def test_sealed_vetting_records_cannot_be_read_in_the_archive(small_archives):
    raw, members = every_byte(small_archives["sealed"])
    assert "sealed/vetting.bin" in members
    for words in (SECRETS["certificate"], SECRETS["vetting notes"], "Ada Representative"):
        assert words.encode() not in members["sealed/vetting.bin"]
    for words in (SECRETS["certificate"], SECRETS["vetting notes"]):
        assert words.encode() not in raw
        assert not any(words.encode() in data for data in members.values())


def test_sealed_vetting_records_are_restored_with_the_passphrase(db, small_archives):
    from decisions.models import VettingRecord

    output = import_(
        small_archives["sealed"], "--passphrase-file", small_archives["passphrase_file"]
    )
    record = VettingRecord.objects.get()
    assert record.certificate_reference == CERTIFICATE
    assert record.notes == SECRETS["vetting notes"]
    assert record.person.display_name == "Ada Representative"
    assert record.considered_by.username == "admin"
    assert "Vetting records: 1, opened with the passphrase" in output


def test_a_wrong_passphrase_is_refused_and_nothing_is_written(db, small_archives, tmp_path):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all")
    before = fingerprint()
    with pytest.raises(CommandError, match="passphrase does not open the vetting records"):
        import_(small_archives["sealed"], "--passphrase-file", wrong)
    assert fingerprint() == before


def test_sealed_vetting_records_need_the_passphrase_or_an_explicit_leaving_out(db, small_archives):
    from decisions.models import VettingRecord
    from linksite.models import Person

    before = fingerprint()
    with pytest.raises(CommandError, match="--passphrase-file FILE, or import without them"):
        import_(small_archives["sealed"])
    assert fingerprint() == before
    import_(small_archives["sealed"], "--without-vetting")
    assert Person.objects.filter(display_name="Ada Representative").exists()
    assert not VettingRecord.objects.exists()


def test_export_with_vetting_needs_a_passphrase_file_and_a_long_passphrase(db, tmp_path):
    with pytest.raises(CommandError, match="needs --passphrase-file"):
        export(tmp_path / "a.zip", "--with-vetting")
    short = tmp_path / "short.txt"
    short.write_text("hunter2")
    with pytest.raises(CommandError, match="too short"):
        export(tmp_path / "a.zip", "--with-vetting", "--passphrase-file", short)
    assert not (tmp_path / "a.zip").exists()


def test_export_refuses_to_overwrite_an_existing_file(db, tmp_path):
    path = tmp_path / "taken.zip"
    path.write_bytes(b"something else")
    with pytest.raises(CommandError, match="already exists"):
        export(path)
    assert path.read_bytes() == b"something else"


def test_export_refuses_a_model_only_some_may_see_that_its_app_does_not_seal(
    db, tmp_path, monkeypatch
):
    from django.apps import apps

    monkeypatch.setattr(apps.get_app_config("decisions"), "archive_seals", {})
    with pytest.raises(CommandError, match="decisions.vettingrecord"):
        export(tmp_path / "a.zip")
    assert not (tmp_path / "a.zip").exists()


def test_every_page_type_and_every_row_of_ours_that_hangs_off_a_page_is_carried():
    from django.apps import apps
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page

    from opendata.archive.plan import build_plan, is_project_app

    plan = build_plan()
    for model in apps.get_models():
        ours = is_project_app(apps.get_app_config(model._meta.app_label))
        hangs_off_a_page = ours and any(
            isinstance(f, ParentalKey) and issubclass(f.related_model, Page)
            for f in model._meta.local_fields
        )
        if issubclass(model, Page) or hangs_off_a_page:
            entry = plan.entries.get(model._meta.label_lower)
            assert entry is not None and not entry.sealed, model


# --- Bad input: each refused before anything is written, saying why ---------------------------


def rewrite(source, target, change_manifest=None, change_member=None, leave_out=None):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == leave_out:
                continue
            if name == "manifest.json" and change_manifest:
                manifest = json.loads(data)
                change_manifest(manifest)
                data = json.dumps(manifest).encode()
            elif change_member and name == change_member[0]:
                data = change_member[1](data)
            new.writestr(name, data)


def newer_format(m):
    m["format_version"] += 1


def newer_migration(m):
    m["migrations"].append(["decisions", "9999_from_a_newer_site"])


def older_migrations(m):
    m["migrations"] = [
        x for x in m["migrations"] if x != ["decisions", "0001_procedures_and_decision_log"]
    ]


BAD_ARCHIVES = {
    "newer format version": (
        lambda s, t: rewrite(s, t, change_manifest=newer_format),
        "newer version of the site",
    ),
    "a migration this code does not have": (
        lambda s, t: rewrite(s, t, change_manifest=newer_migration),
        "migrations this code does not have: decisions.9999_from_a_newer_site",
    ),
    "an older version's migrations": (
        lambda s, t: rewrite(s, t, change_manifest=older_migrations),
        "made by an older version of the site",
    ),
    "truncated": (
        lambda s, t: t.write_bytes(s.read_bytes()[: len(s.read_bytes()) // 2]),
        "damaged or truncated",
    ),
    "not a zip": (lambda s, t: t.write_bytes(b"%PDF-1.4 not an archive"), "damaged or truncated"),
    "a member changed": (
        lambda s, t: rewrite(
            s,
            t,
            change_member=(
                "records/linksite.organisation.json",
                lambda d: d.replace(b"Testshire", b"Elsewhere"),
            ),
        ),
        "does not match its SHA-256",
    ),
    "a member missing": (
        lambda s, t: rewrite(s, t, leave_out="records/wagtailcore.page.json"),
        "members are missing: records/wagtailcore.page.json",
    ),
    "a member the manifest does not list": (
        lambda s, t: (rewrite(s, t), zipfile.ZipFile(t, "a").writestr("extra.txt", b"x")),
        "members its manifest does not list",
    ),
    "no manifest": (
        lambda s, t: rewrite(s, t, leave_out="manifest.json"),
        "has no manifest.json",
    ),
}


@pytest.mark.parametrize("damage", BAD_ARCHIVES, ids=list(BAD_ARCHIVES))
def test_a_bad_archive_is_refused_saying_why_and_nothing_is_written(
    db, small_archives, tmp_path, damage
):
    make, reason = BAD_ARCHIVES[damage]
    bad = tmp_path / "bad.zip"
    make(small_archives["plain"], bad)
    before = fingerprint()
    with pytest.raises(CommandError, match=reason.replace(".", r"\.")):
        import_(bad)
    assert fingerprint() == before


def test_an_import_into_a_site_that_is_not_empty_is_refused_and_nothing_is_written(
    home, small_archives
):
    from linksite.models import Organisation

    Organisation.objects.create(name="Already here", kind="provider")
    before = fingerprint()
    with pytest.raises(
        CommandError, match="This site is not empty: it has 1 page besides the root.*1 organisation"
    ):
        import_(small_archives["plain"])
    assert fingerprint() == before


# --- The demo: export, import into an empty database, and the public sees the same site ------


@pytest.fixture(scope="session")
def empty_site_url(django_db_setup):
    from django.db import connection

    url = archive_support.snapshot_url(connection.settings_dict)
    if url is None:
        pytest.skip(f"No copy of an empty database on {connection.vendor}.")
    return url


def run(args, env, timeout=240):
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def subprocess_env(database_url, media_root):
    env = {
        k: v
        for k, v in os.environ.items()
        # Its own cache, search and front cache: nothing shared with this run's.
        if k not in {"REDIS_URL", "ELASTICSEARCH_URL", "FRONTEND_CACHE_URL"}
    }
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        DJANGO_SETTINGS_MODULE="linksite.settings.test",
    )
    return env


def test_the_demo_imported_into_an_empty_site_shows_the_public_the_same_site(
    demo, client, empty_site_url, tmp_path
):
    from django.contrib.auth import get_user_model

    archive = tmp_path / "demo.zip"
    exported = export(archive)
    assert "Archived wagtailcore.page: " in exported and "files (" in exported
    expected = archive_support.seen_by_the_public(client)

    env = subprocess_env(empty_site_url, tmp_path / "media")
    imported = run(["manage.py", "import_archive", str(archive)], env)
    assert imported.returncode == 0, imported.stderr[-3000:]
    assert "Imported wagtailcore.page: " in imported.stdout
    report_path = tmp_path / "seen.json"
    reading = run(["-m", "tests.archive_support", str(report_path)], env)
    assert reading.returncode == 0, reading.stderr[-3000:]
    report = json.loads(report_path.read_text())
    got = report["seen"]

    assert set(got["pages"]) == set(expected["pages"])
    # A page type of an app the archive does not name is carried like any other.
    from annual_report.models import AnnualReportPage

    annual_reports = [p.url for p in AnnualReportPage.objects.live()]
    assert annual_reports and set(annual_reports) <= set(expected["pages"])
    for url, page in expected["pages"].items():
        assert page["status"] == 200 and page["main"], url
        assert got["pages"][url] == page, url
        assert page["approval_line"] and "/publication-record/" in page["approval_line"], url
    assert got["records"] == expected["records"]
    assert got["documents"] == expected["documents"]
    assert all(d["status"] == 200 and d["sha256"] for d in expected["documents"].values())
    assert got["sitemap"] == expected["sitemap"]
    # What people told us counts the experiences, which are not carried: the new site has none.
    assert set(got["experience_counts"]) == set(expected["experience_counts"])
    english = [
        url for url in expected["experience_counts"] if not url.startswith(("/ur/", "/pl/", "/bn/"))
    ]
    assert len(english) == 1
    assert "experiences in all" in expected["experience_counts"][english[0]]
    assert "Fewer than 5 so far." in got["experience_counts"][english[0]]

    facts = report["facts"]
    assert facts["pages_not_live"] == facts["pages_with_drafts"] == 0
    assert facts["unfinished_workflows"] == 0
    assert facts["vetting_records"] == facts["experiences"] == facts["mail_queued"] == 0
    assert facts["usable_passwords"] == 0
    assert facts["new_rows_fit"] is True
    assert facts["users"] == get_user_model().objects.count()

    again = run(["manage.py", "import_archive", str(archive)], env)
    assert again.returncode == 1
    assert "This site is not empty" in again.stderr and "Traceback" not in again.stderr
