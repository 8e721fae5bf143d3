"""Zip uploads: every member's path, kind and size is checked against the limits before a byte is extracted."""

from __future__ import annotations

import bz2
import io
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from buyclean.errors import InputTooLarge, UnsafeArchive

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or the end record of an empty archive
# a small member may compress far better than the ratio allows (a JSON file of zeros) without being a danger
RATIO_FLOOR_BYTES = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ZipLimits:
    """What a zip upload may hold (see Settings.max_zip_*)."""

    members: int
    uncompressed_bytes: int
    ratio: float
    member_bytes: int


@dataclass(frozen=True)
class UploadedFile:
    """One file as uploaded, or as taken out of an uploaded zip."""

    filename: str
    data: bytes


def is_zip(data: bytes) -> bool:
    """True when the bytes are a zip archive (by their signature, never the file name)."""
    return data[:4] in ZIP_MAGIC


def _check_path(archive: str, name: str) -> None:
    parts = re.split(r"[\\/]", name)
    if "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
        raise UnsafeArchive(f"The zip file '{archive}' holds '{name}', a path that points outside the archive; "
                            "nothing was extracted. Zip the EPD files with paths relative to one folder.",
                            where=name)


def _skipped(info: zipfile.ZipInfo) -> bool:
    # folders, and the litter of macOS and Windows file managers
    base = info.filename.rstrip("/").rsplit("/", 1)[-1]
    return info.is_dir() or info.filename.startswith("__MACOSX/") or base.startswith(".") or base == "Thumbs.db"


def checked_members(archive: str, zf: zipfile.ZipFile, limits: ZipLimits) -> list[zipfile.ZipInfo]:
    """Return the members to extract, after checking every entry of the central directory; raise if any is unsafe."""
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise InputTooLarge(f"The zip file '{archive}' has {len(infos):,} entries, over the limit of "
                            f"{limits.members:,} (BUYCLEAN_MAX_ZIP_MEMBERS); split it into smaller zips.")
    total = 0
    members = []
    for info in infos:
        _check_path(archive, info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UnsafeArchive(f"The zip file '{archive}' holds a symbolic link, '{info.filename}'; nothing was "
                                "extracted. Zip the EPD files themselves, not links to them.", where=info.filename)
        if info.flag_bits & 0x1:
            raise UnsafeArchive(f"The zip file '{archive}' is encrypted ('{info.filename}'); upload it without a "
                                "password.", where=info.filename)
        if _skipped(info):
            continue
        if info.file_size > limits.member_bytes:
            raise InputTooLarge(f"'{info.filename}' in the zip file '{archive}' is {info.file_size:,} bytes, over the "
                                f"{limits.member_bytes:,}-byte limit for one file (BUYCLEAN_MAX_UPLOAD_BYTES).",
                                where=info.filename)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > limits.ratio:
            raise InputTooLarge(f"'{info.filename}' in the zip file '{archive}' expands {ratio:,.0f} times "
                                f"({info.compress_size:,} to {info.file_size:,} bytes), over the limit of "
                                f"{limits.ratio:g} (BUYCLEAN_MAX_ZIP_RATIO); it looks like a zip bomb and nothing "
                                "was extracted.", where=info.filename)
        total += info.file_size
        if total > limits.uncompressed_bytes:
            raise InputTooLarge(f"The zip file '{archive}' expands to more than {limits.uncompressed_bytes:,} bytes "
                                "(BUYCLEAN_MAX_ZIP_UNCOMPRESSED_BYTES); split it into smaller zips.")
        members.append(info)
    return members


# a member's local header (zipfile.structFileHeader): signature, versions, flags, method, time, date, CRC, sizes,
# then the lengths of the name and the extra field that come before the data
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CHUNK = 64 * 1024


def _inflate(raw: bytes, declared: int, decompressor: Callable[[bytes, int], bytes], done: Callable[[], bool],
             leftover: Callable[[], bytes]) -> bytes | None:
    """Decompress ``raw``, never producing more than one byte past ``declared``; None when it goes past it."""
    out = bytearray()
    pending = raw
    while True:
        piece = decompressor(pending, declared + 1 - len(out))
        out += piece
        if len(out) > declared:
            return None
        pending = leftover()
        if done() or (not pending and not piece):
            return bytes(out)


def _member_data(archive: str, data: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, read from the archive's own bytes and decompressed in bounded steps that stop one byte past
    the size the central directory declares (zipfile asks zlib for up to 2 GiB at once, then cuts to that size)."""
    def damaged(why: str) -> UnsafeArchive:
        return UnsafeArchive(f"'{info.filename}' in the zip file '{archive}' cannot be extracted ({why}); zip the "
                             "files again and upload the new archive.", where=info.filename)

    start = info.header_offset
    header = data[start:start + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise damaged("its local header is missing")
    fields = _LOCAL_HEADER.unpack(header)
    begin = start + _LOCAL_HEADER.size + fields[-2] + fields[-1]
    raw = data[begin:begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise damaged("the archive ends inside it")
    declared = info.file_size
    out: bytes | None
    if info.compress_type == zipfile.ZIP_STORED:
        out = raw[:declared + 1]
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        try:
            out = _inflate(raw, declared, inflater.decompress, lambda: inflater.eof, lambda: inflater.unconsumed_tail)
        except zlib.error as exc:
            raise damaged(f"its data are damaged: {exc}") from exc
    elif info.compress_type == zipfile.ZIP_BZIP2:
        unbzip = bz2.BZ2Decompressor()
        try:
            # after the first call the input is held inside; b"" asks for more of its output
            out = _inflate(raw, declared, unbzip.decompress, lambda: unbzip.eof, lambda: b"")
        except (OSError, EOFError, ValueError) as exc:
            raise damaged(f"its data are damaged: {exc}") from exc
    else:
        raise UnsafeArchive(f"'{info.filename}' in the zip file '{archive}' is compressed with a method buyclean does "
                            f"not unpack (method {info.compress_type}); zip the files again with the usual Deflate.",
                            where=info.filename)
    if out is None or len(out) > declared:
        raise InputTooLarge(f"'{info.filename}' in the zip file '{archive}' expands past the {declared:,} bytes its "
                            "directory declares; it looks like a zip bomb and nothing was extracted.",
                            where=info.filename)
    if len(out) < declared or zlib.crc32(out) != info.CRC:
        raise damaged("its size or checksum does not match the directory")
    return out


def unzip(archive: str, data: bytes, limits: ZipLimits) -> Iterator[UploadedFile]:
    """Yield the files of a zip upload, once the whole archive has passed the checks."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise UnsafeArchive(f"The zip file '{archive}' cannot be opened ({exc}); zip the files again and upload "
                            "the new archive.") from exc
    with zf:
        members = checked_members(archive, zf, limits)
        for info in members:
            yield UploadedFile(info.filename, _member_data(archive, data, info))


def expand(uploads: Iterator[UploadedFile] | list[UploadedFile], limits: ZipLimits) -> Iterator[UploadedFile]:
    """Yield every uploaded file, with each zip replaced by its checked members."""
    for upload in uploads:
        if is_zip(upload.data):
            yield from unzip(upload.filename, upload.data, limits)
        else:
            yield upload
