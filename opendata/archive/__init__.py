"""The handover archive: everything a successor body needs to take the LINk's site over, in
one file (`manage.py export_archive PATH`), rebuilt in an empty site with
`manage.py import_archive PATH`.

What it carries: every live, public page in every language with its content, the versions of
it that went live and their approval record (the workflow runs that approved them, each
steering group member's approval, the log of submitting, approving and publishing, the files
each version showed with their SHA-256: what the public approval line and publication record
are made from); the documents and images those pages and versions show, byte for byte;
organisations and their premises, people and their declared interests; every record of the
LINk's apps (decisions, procedures, replies, information requests, OSC referrals, the
authorised list, visits, the work plan, topics and their names, reply reminders sent); the
site's identity and settings, sites, locales, collections, groups and their permissions, the
workflow and its tasks; and the staff accounts, without passwords or second factors.

What it leaves out, and why, is in each model's rule (opendata.archive.plan) and in the
archive's manifest (`left_out`): drafts (a page never published, the unpublished changes of a
live page, the workflow runs of versions that never went live) and private pages, because
nothing unapproved leaves the site; the public's experiences, which are special-category data
given to this LINk, not to a successor; partners' alert subscriptions; the mail queue.
Vetting records (criminal records checks) only with `--with-vetting`, sealed with a passphrase
(opendata.archive.sealing).

How a new app gets its models in: it does nothing. Its page types and their inline rows are
carried by rule 1 of opendata.archive.plan, its other models by rule 2; it says only what is
not to be carried, or only sealed, in its AppConfig (`archive_leaves_out`, `archive_seals`,
`archive_rebuilds`, `archive_belongs_to`).

The file: a zip with `manifest.json` (format version, the migrations of the database it came
from, counts, the SHA-256 of every member) (opendata.archive.container).
"""

from .container import FORMAT_VERSION, ArchiveRefused
from .exporting import export_archive
from .importing import import_archive

__all__ = ["FORMAT_VERSION", "ArchiveRefused", "export_archive", "import_archive"]
