"""Uploaded files on disk, addressed by their SHA-256: files/ab/cdef..., written once."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_blob(files_dir: Path, sha256: str) -> bytes:
    """Return the kept bytes for a digest."""
    return blob_path(files_dir, sha256).read_bytes()
