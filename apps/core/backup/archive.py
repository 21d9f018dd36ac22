"""The backup archive: a gzip-compressed tar of manifest.json, the database dump and the media.

Members: `manifest.json` first, then `database.pgdump` (pg_dump custom format) or
`database.sqlite3` (a SQLite file), then `media/<path>` for each stored file. The manifest gives
every other member's size and SHA-256, so a damaged member is found before anything is restored.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from apps.core.backup.figures import TableFigure

FORMAT = "pantau-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message names the problem for the operator."""


@dataclass(frozen=True)
class Member:
    """One file of the archive as the manifest records it."""

    size: int
    sha256: str


@dataclass
class Manifest:
    """What an archive holds and the figures a restore is checked against."""

    created_at: str
    engine: str
    database: dict[str, str]
    migrations: list[list[str]]
    tables: dict[str, TableFigure]
    files: dict[str, Member] = field(default_factory=dict)
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    @property
    def dump_member(self) -> str:
        return DUMP_MEMBERS[self.engine]

    @property
    def media_members(self) -> list[str]:
        return sorted(name for name in self.files if name.startswith(MEDIA_PREFIX))

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, sort_keys=True).encode() + b"\n"

    @classmethod
    def from_json(cls, text: bytes, *, archive: Path) -> Manifest:
        try:
            data = json.loads(text)
        except ValueError as error:
            raise BackupError(f"{archive}: manifest.json is not valid JSON ({error})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError(
                f"{archive}: not a Pantau backup (its manifest has no format {FORMAT!r})"
            )
        if data.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"{archive}: unknown backup format version {data.get('format_version')!r}; "
                f"this Pantau reads version {FORMAT_VERSION}"
            )
        try:
            manifest = cls(
                created_at=str(data["created_at"]),
                engine=str(data["engine"]),
                database={str(k): str(v) for k, v in data["database"].items()},
                migrations=[[str(app), str(name)] for app, name in data["migrations"]],
                tables={
                    str(name): TableFigure(rows=int(f["rows"]), checksum=str(f["checksum"]))
                    for name, f in data["tables"].items()
                },
                files={
                    str(name): Member(size=int(m["size"]), sha256=str(m["sha256"]))
                    for name, m in data["files"].items()
                },
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise BackupError(
                f"{archive}: the manifest is incomplete or malformed ({error!r})"
            ) from None
        if manifest.engine not in DUMP_MEMBERS:
            raise BackupError(
                f"{archive}: the manifest names an unknown engine {manifest.engine!r}"
            )
        if manifest.dump_member not in manifest.files:
            raise BackupError(f"{archive}: the manifest lists no {manifest.dump_member}")
        return manifest


DUMP_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


def file_member(path: Path) -> Member:
    """The size and SHA-256 of a file on disk."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return Member(size=size, sha256=digest.hexdigest())


def archive_write(*, path: Path, manifest: Manifest, members: dict[str, Path]) -> None:
    """Write the archive to a hidden file beside `path`, then rename it: never half an archive.

    The archive holds password hashes and token digests, so it is readable by its owner only.
    """
    if path.exists():
        raise BackupError(f"{path} already exists; name a new archive or remove the old one")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a folder")
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_bytes(tar, MANIFEST, manifest.to_json())
                for name, source in members.items():
                    info = tarfile.TarInfo(name)
                    info.size = source.stat().st_size
                    info.mode = 0o600
                    info.mtime = int(source.stat().st_mtime)
                    with source.open("rb") as stream:
                        tar.addfile(info, stream)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(data))


_READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, OSError)


@contextmanager
def archive_open(path: Path) -> Iterator[tuple[Manifest, tarfile.TarFile]]:
    """The archive's manifest and the open tar, once the archive proves readable."""
    if not path.exists():
        raise BackupError(f"{path}: no such archive")
    if not path.is_file():
        raise BackupError(f"{path}: not a file")
    with ExitStack() as stack:
        try:
            tar = stack.enter_context(tarfile.open(path, mode="r:gz"))
        except _READ_ERRORS as error:
            raise BackupError(
                f"{path}: not a readable backup archive (a .tar.gz): {error}"
            ) from None
        try:
            info = tar.getmember(MANIFEST)
            stream = tar.extractfile(info)
            text = stream.read() if stream is not None else b""
        except KeyError:
            raise BackupError(f"{path}: not a Pantau backup (it has no manifest.json)") from None
        except _READ_ERRORS as error:
            raise BackupError(f"{path}: the archive is damaged ({error})") from None
        yield Manifest.from_json(text, archive=path), tar


def member_extract(
    *, tar: tarfile.TarFile, manifest: Manifest, name: str, target: Path, archive: Path
) -> None:
    """Copy one member to `target`, refusing it unless its size and SHA-256 are the manifest's."""
    expected = manifest.files[name]
    try:
        info = tar.getmember(name)
        stream = tar.extractfile(info) if info.isfile() else None
        if stream is None:
            raise BackupError(f"{archive}: {name} is not a regular file in the archive")
        with target.open("wb") as out:
            _copy(stream, out)
    except KeyError:
        raise BackupError(
            f"{archive}: the archive lacks {name}, which its manifest lists"
        ) from None
    except _READ_ERRORS as error:
        raise BackupError(f"{archive}: the archive is damaged at {name} ({error})") from None
    found = file_member(target)
    if found != expected:
        raise BackupError(
            f"{archive}: {name} is corrupt: {found.size} bytes with SHA-256 {found.sha256[:12]}…, "
            f"the manifest says {expected.size} bytes with {expected.sha256[:12]}…"
        )


def _copy(source: IO[bytes], target: IO[bytes]) -> None:
    while chunk := source.read(_CHUNK):
        target.write(chunk)


def media_path(name: str) -> PurePosixPath:
    """A media member's path below MEDIA_ROOT; refuses any name that would leave it."""
    relative = PurePosixPath(name[len(MEDIA_PREFIX) :])
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(f"the archive names a stored file outside the media folder: {name}")
    return relative
