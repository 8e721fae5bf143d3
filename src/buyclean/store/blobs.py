"""Uploaded files on disk, addressed by their SHA-256: files/ab/cdef..., written once; and the sweep that removes
files no row names (left by a crash between writing a file and storing its row)."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from sqlmodel import Session, col, select

from buyclean.store.tables import BatchItem, CertificateRecord, StoredFile

TEMPORARY_PREFIX = ".upload-"
# A file younger than this is never swept: with several web machines on one shared folder, another machine may be
# about to store the row that names the file it has just written.
SWEEP_GRACE = dt.timedelta(hours=1)
_HEX = re.compile(r"[0-9a-f]{2}")
_REST = re.compile(r"[0-9a-f]{62}")


def blob_path(files_dir: Path, sha256: str) -> Path:
    """Return where the file with this digest is kept."""
    return files_dir / sha256[:2] / sha256[2:]


def write_blob(files_dir: Path, sha256: str, data: bytes) -> Path:
    """Keep the bytes under their digest unless they are there already; the write is atomic."""
    path = blob_path(files_dir, sha256)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # a temporary file then a rename, so that a crash never leaves a truncated file under a valid digest
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY_PREFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def forget_blob(files_dir: Path, sha256: str) -> None:
    """Remove a file this request wrote when the row that would have named it was not stored."""
    blob_path(files_dir, sha256).unlink(missing_ok=True)


def read_blob(files_dir: Path, sha256: str) -> bytes:
    """Return the kept bytes for a digest."""
    return blob_path(files_dir, sha256).read_bytes()


def unreferenced(session: Session, digests: Iterable[str]) -> list[str]:
    """The digests no row names: no stored file (a submission's), no batch item, no certificate's PDF."""
    wanted = sorted(set(digests))
    named: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        named.update(session.exec(select(StoredFile.sha256).where(col(StoredFile.sha256).in_(chunk))))
        named.update(session.exec(select(BatchItem.sha256).where(col(BatchItem.sha256).in_(chunk))))
        named.update(session.exec(select(CertificateRecord.pdf_sha256)
                                  .where(col(CertificateRecord.pdf_sha256).in_(chunk))))
    return [d for d in wanted if d not in named]


def sweep_orphans(session: Session, files_dir: Path, *, grace: dt.timedelta = SWEEP_GRACE,
                  now: float | None = None) -> list[Path]:
    """Remove the files of the store that no row names, and temporary files of writes that never finished, when
    they are older than ``grace``; return what was removed. Files whose names are not digests are left alone."""
    if not files_dir.is_dir():
        return []
    cutoff = (now if now is not None else time.time()) - grace.total_seconds()
    removed: list[Path] = []
    for folder in sorted(files_dir.iterdir()):
        if not (folder.is_dir() and _HEX.fullmatch(folder.name)):
            continue
        old: dict[str, Path] = {}
        for path in folder.iterdir():
            try:
                if path.stat().st_mtime > cutoff:
                    continue
            except FileNotFoundError:
                continue
            if path.name.startswith(TEMPORARY_PREFIX):
                path.unlink(missing_ok=True)
                removed.append(path)
            elif _REST.fullmatch(path.name):
                old[folder.name + path.name] = path
        for digest in unreferenced(session, old):
            old[digest].unlink(missing_ok=True)
            removed.append(old[digest])
    return removed
