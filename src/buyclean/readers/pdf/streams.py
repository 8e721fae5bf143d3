"""Refuse decompression bombs before pdfium sees them: a few KB of Flate data can inflate to gigabytes.

pdfium inflates a stream whole (up to 1 GB, doubling its buffer as it goes), so one small hostile page costs about
2 GB of memory. Deflate expands at most about 1032 times, so only streams longer than the limit / 1032 can go over
it; those, and any stream with two Flate filters, are inflated here in bounded chunks (through both layers), and
nothing is kept. Bombs behind other filters (LZW, run-length) are left to the page limit and the time budget.
"""

from __future__ import annotations

import re
import zlib

from buyclean.errors import InputTooLarge

MAX_STREAM_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # of the long streams inflated here: bounds this check's own time too
_MAX_DEFLATE_RATIO = 1100  # a little over deflate's theoretical 1032:1
_CHUNK = 1024 * 1024
_STREAM = re.compile(rb"stream\r?\n")
_FLATE = re.compile(rb"/Fl(?:ateDecode)?\b")


def _zlib_header(head: bytes) -> bool:
    return len(head) >= 2 and head[0] & 0x0F == 8 and head[0] >> 4 <= 7 and (head[0] << 8 | head[1]) % 31 == 0


def _inflated_bytes(data: bytes, start: int, end: int, limit: int) -> int:
    """Return how many bytes data[start:end] inflates to (through two Flate layers), stopping past ``limit``."""
    outer = zlib.decompressobj()
    inner: zlib._Decompress | None = None
    total = 0
    view = memoryview(data)[start:end]
    offset = 0
    try:
        while total <= limit and not outer.eof:
            if outer.unconsumed_tail:
                src: bytes | memoryview = outer.unconsumed_tail
            elif offset < len(view):
                src, offset = view[offset:offset + _CHUNK], offset + _CHUNK
            else:
                break
            out = outer.decompress(src, _CHUNK)
            if total == 0 and _zlib_header(out[:2]):
                inner = zlib.decompressobj()
            total += len(out)
            try:
                while inner is not None and out and not inner.eof and total <= limit:
                    total += len(inner.decompress(out, _CHUNK))
                    out = inner.unconsumed_tail
            except zlib.error:
                inner = None
    except zlib.error:
        pass  # not Flate data (an image, a font in another filter) or damaged: pdfium decides what to do with it
    return total


def refuse_bombs(data: bytes, limit: int | None = None, total_limit: int | None = None) -> None:
    """Raise InputTooLarge if a Flate stream of the PDF, or its long streams together, inflate past the limits."""
    limit = limit or MAX_STREAM_BYTES
    total_limit = total_limit or MAX_TOTAL_BYTES
    shortest = limit // _MAX_DEFLATE_RATIO
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        end = len(data) if end == -1 else end
        if not _zlib_header(data[start:start + 2]):
            continue
        # a stream is never inside an object stream, so its dictionary is right before it, after "obj"
        head = data[max(0, match.start() - 2048):match.start()]
        layered = len(_FLATE.findall(head[head.rfind(b"obj") + 1:])) > 1  # Flate on Flate: a million to one
        if end - start < shortest and not layered:
            continue
        size = _inflated_bytes(data, start, end, min(limit, total_limit - total))
        total += size
        if size > limit or total > total_limit:
            what = (f"A stream of the PDF (at byte {start:,}) inflates to more than {limit // 2**20:,} MB"
                    if size > limit else f"The streams of the PDF inflate to more than {total_limit // 2**20:,} MB")
            raise InputTooLarge(f"{what}; it looks like a decompression bomb, so the file was refused unread. Ask the "
                                "supplier for the original EPD.", where=f"byte {start}")
