"""The handover archive's file: one zip, with `manifest.json` naming every other member and its
SHA-256, so a damaged, truncated or altered archive is found before anything is imported.

Members: `records/<app>.<model>.json` (each model's rows in Django's serialization format),
`files/<sha256>` (each document's or image's bytes, named by their hash), and, only when asked
for, `sealed/vetting.bin` (opendata.archive.sealing).
"""

import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from pathlib import Path

FORMAT = "linksite-handover-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class ArchiveRefused(Exception):
    """The archive cannot be written or imported; the message says why."""


class Writer:
    """Writes the zip beside its destination and moves it into place only when complete, so a
    failed export never leaves a half archive under the name asked for."""

    def __init__(self, path):
        self.path = Path(path)
        if self.path.exists():
            raise ArchiveRefused(f"{self.path} already exists: choose a new name.")
        if not self.path.parent.is_dir():
            raise ArchiveRefused(f"There is no folder {self.path.parent} to write the archive in.")
        handle, self.temporary = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".partial"
        )
        os.close(handle)
        self.zip = zipfile.ZipFile(self.temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.members = {}

    def add(self, name, data, compress=True):
        info = zipfile.ZipInfo(name, date_time=(2008, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        self.zip.writestr(info, data)
        self.members[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}

    def add_stream(self, name, stream, compress=True):
        """A file's bytes, streamed; returns their SHA-256."""
        info = zipfile.ZipInfo(name, date_time=(2008, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        digest, size = hashlib.sha256(), 0
        with self.zip.open(info, "w", force_zip64=True) as out:
            for chunk in iter(lambda: stream.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        self.members[name] = {"sha256": digest.hexdigest(), "size": size}
        return digest.hexdigest()

    def finish(self, manifest):
        manifest = {**manifest, "members": self.members}
        data = json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True).encode()
        info = zipfile.ZipInfo(MANIFEST, date_time=(2008, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        self.zip.close()
        os.replace(self.temporary, self.path)

    def abandon(self):
        try:
            self.zip.close()
        finally:
            Path(self.temporary).unlink(missing_ok=True)


def damaged(path, error):
    return ArchiveRefused(
        f"{path} is damaged or truncated and cannot be imported ({error}). Nothing was written."
    )


class Reader:
    """Opens an archive and checks all of it: the zip, the manifest, the format version, and
    every member against its SHA-256. Raises ArchiveRefused, saying why, on the first fault."""

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.is_file():
            raise ArchiveRefused(f"There is no archive at {self.path}.")
        try:
            self.zip = zipfile.ZipFile(self.path)
            names = self.zip.namelist()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise damaged(self.path, error) from error
        if len(names) != len(set(names)):
            raise damaged(self.path, "a member appears twice")
        if MANIFEST not in names:
            raise ArchiveRefused(
                f"{self.path} has no {MANIFEST}: it is not a handover archive of this site, or "
                "it is damaged. Nothing was written."
            )
        self.manifest = self.read_manifest()
        self.check_members(set(names) - {MANIFEST})

    def read_manifest(self):
        try:
            manifest = json.loads(self.zip.read(MANIFEST))
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
            raise damaged(self.path, f"its {MANIFEST} cannot be read: {error}") from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ArchiveRefused(
                f"{self.path} is not a handover archive of this site (its {MANIFEST} does not "
                f"say format {FORMAT!r}). Nothing was written."
            )
        version = manifest.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ArchiveRefused(
                f"{self.path} gives no format version this site knows ({version!r}). Nothing "
                "was written."
            )
        if version > FORMAT_VERSION:
            raise ArchiveRefused(
                f"{self.path} was written in format version {version}, by a newer version of "
                f"the site; this one reads version {FORMAT_VERSION} and older. Import it with "
                "the newer site. Nothing was written."
            )
        members = manifest.get("members")
        if not isinstance(members, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("sha256"), str) for v in members.values()
        ):
            raise damaged(self.path, f"its {MANIFEST} lists no members")
        return manifest

    def check_members(self, names):
        listed = set(self.manifest["members"])
        missing = sorted(listed - names)
        if missing:
            shown = ", ".join(missing[:5]) + (" and more" if len(missing) > 5 else "")
            raise damaged(self.path, f"members are missing: {shown}")
        extra = sorted(names - listed)
        if extra:
            raise damaged(self.path, f"it holds members its manifest does not list: {extra[0]}")
        for name in sorted(listed):
            expected = self.manifest["members"][name]
            digest, size = hashlib.sha256(), 0
            try:
                with self.zip.open(name) as stream:
                    for chunk in iter(lambda s=stream: s.read(CHUNK), b""):
                        digest.update(chunk)
                        size += len(chunk)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
                raise damaged(self.path, f"{name} cannot be read: {error}") from error
            if digest.hexdigest() != expected["sha256"] or size != expected.get("size", size):
                raise damaged(
                    self.path, f"{name} does not match its SHA-256 in the manifest: it was changed"
                )

    def read(self, name):
        return self.zip.read(name)

    def close(self):
        self.zip.close()
