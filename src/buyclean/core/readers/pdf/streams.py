"""Refuse decompression bombs before pdfium sees them: a few KB of compressed data can decode to gigabytes.

pdfium decodes a stream whole (up to 1 GB, doubling its buffer as it goes), so one small hostile page costs about
2 GB of memory, and an LZW bomb past that makes it abort the process. Each stream's filters are read from its
dictionary and decoded here in bounded chunks, keeping nothing: Flate (at most about 1032:1), LZW (about 2730:1),
run-length (64:1), and the ASCII hex and base-85 filters that can wrap them (they only shrink). A stream is decoded
when the product of its filters' worst ratios could take it past the limit: a long stream, or filters on filters.
Image codecs (DCT, JPX, CCITT, JBIG2) end the chain: what comes out of them is not measured here. Measuring costs
about 2 ms per MB of Flate output and, in Python, about 0.5 ms per KB of LZW input (rare in EPDs: one corpus
file has a 150 KB LZW image, 70 ms).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from buyclean.errors import InputTooLarge

MAX_STREAM_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # of the streams decoded here: bounds this check's own time too
_CHUNK = 1024 * 1024
_OBJECT_STREAM_TEXT = 32 * 1024 * 1024
_STREAM = re.compile(rb"stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_EARLY_CHANGE_OFF = re.compile(rb"/EarlyChange\s+0(?![\d.])")
_OBJECT = re.compile(rb"(\d+)\s+\d+\s+obj$")
_REFERENCE = re.compile(rb"(\d+)\s+\d+\s+R")
_REFERENCES = re.compile(rb"\[((?:\s*\d+\s+\d+\s+R){2,}\s*)\]")
_ABBREVIATIONS = {"Fl": "FlateDecode", "LZW": "LZWDecode", "RL": "RunLengthDecode", "AHx": "ASCIIHexDecode",
                  "A85": "ASCII85Decode"}
# the most one byte of input can decode to, a little over each filter's theoretical worst case
_WORST_RATIO = {"FlateDecode": 1100, "LZWDecode": 2800, "RunLengthDecode": 64, "ASCIIHexDecode": 1,
                "ASCII85Decode": 1}

Chunks = Iterator[bytes]


def _zlib_header(head: bytes) -> bool:
    return len(head) >= 2 and head[0] & 0x0F == 8 and head[0] >> 4 <= 7 and (head[0] << 8 | head[1]) % 31 == 0


def _flate(chunks: Iterable[bytes]) -> Chunks:
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            while chunk and not inflater.eof:
                yield inflater.decompress(chunk, _CHUNK)
                chunk = inflater.unconsumed_tail
    except zlib.error:
        return  # damaged or not Flate after all: pdfium decides what to do with it


def _lzw(chunks: Iterable[bytes], keep: bool = True, early_change: bool = True) -> Iterator[bytes | int]:
    """Decode PDF LZW (codes of 9 to 12 bits, most significant bit first), in chunks of about 1 MB.

    ``early_change`` is the stream's /EarlyChange (1 unless its DecodeParms say 0): the code width grows one code
    before the table needs it. Decoded the other way, the codes would be misread and a bomb would pass unmeasured.

    With ``keep`` false it yields only how many bytes each stretch decodes to: the table then holds lengths, not
    strings, which makes measuring the last filter of a chain three times faster.
    """
    lengths = [1] * 256 + [0, 0]  # 256 clears the table, 257 ends the data
    table = [bytes([i]) for i in range(256)] + [b"", b""] if keep else []
    size, previous, previous_entry = 258, 0, b""
    width, bits, held, count = 9, 0, 0, 0
    out = bytearray()
    for chunk in chunks:
        for byte in chunk:
            held, bits = held << 8 | byte, bits + 8
            while bits >= width:
                bits -= width
                code = held >> bits
                held &= (1 << bits) - 1
                if code == 256:
                    size, previous, width = 258, 0, 9
                    continue
                if code < size:
                    length = lengths[code]
                    entry = table[code] if keep else b""
                elif code == size and previous:  # the code being defined by this very step
                    length = previous + 1
                    entry = previous_entry + previous_entry[:1] if keep else b""
                else:  # 257 (the end) or damage, where pdfium stops too
                    yield bytes(out) if keep else count
                    return
                if previous and size < 4096:
                    if size == len(lengths):
                        lengths.append(previous + 1)
                        if keep:
                            table.append(previous_entry + entry[:1])
                    else:
                        lengths[size] = previous + 1
                        if keep:
                            table[size] = previous_entry + entry[:1]
                    size += 1
                    if size + early_change >= 1 << width and width < 12:
                        width += 1
                previous, previous_entry = length, entry
                if keep:
                    out += entry
                    if len(out) >= _CHUNK:
                        yield bytes(out)
                        out.clear()
                else:
                    count += length
                    if count >= _CHUNK:
                        yield count
                        count = 0
    yield bytes(out) if keep else count


def _run_length(chunks: Iterable[bytes]) -> Chunks:
    data = b"".join(chunks)  # the encoded stream: at most the file's size
    out, i = bytearray(), 0
    while i < len(data):
        length = data[i]
        if length == 128:
            break
        if length < 128:
            out += data[i + 1:i + 2 + length]
            i += length + 2
        else:
            out += data[i + 1:i + 2] * (257 - length)
            i += 2
        if len(out) >= _CHUNK:
            yield bytes(out)
            out.clear()
    yield bytes(out)


def _ascii_hex(chunks: Iterable[bytes]) -> Chunks:
    text = re.sub(rb"\s", b"", b"".join(chunks)).split(b">", 1)[0]
    try:
        yield binascii.unhexlify(text + b"0" * (len(text) % 2))
    except binascii.Error:
        return


def _ascii85(chunks: Iterable[bytes]) -> Chunks:
    text = re.sub(rb"\s", b"", b"".join(chunks))
    text = text[2:] if text.startswith(b"<~") else text
    try:
        yield base64.a85decode(text.split(b"~>", 1)[0])
    except ValueError:
        return


_DECODERS: dict[str, Callable[[Iterable[bytes]], Iterator[bytes | int]]] = {
    "FlateDecode": _flate, "LZWDecode": _lzw, "RunLengthDecode": _run_length, "ASCIIHexDecode": _ascii_hex,
    "ASCII85Decode": _ascii85,
}


def stream_filters(head: bytes, data: bytes) -> list[str]:
    """Return the filters that decode a stream, from the dictionary before it (names unabbreviated).

    An indirect /Filter cannot be read here; such a stream counts as Flate when its data start like zlib's.
    """
    found = _FILTER.search(head)
    if found is None or found.group(1).endswith(b"R"):
        return ["FlateDecode"] if _zlib_header(data[:2]) else []
    names = [name.decode("latin-1") for name in _NAME.findall(found.group(1))]
    return [_ABBREVIATIONS.get(name, name) for name in names]


def decoded_bytes(data: bytes, filters: list[str], limit: int, deadline: float = math.inf,
                  early_change: bool = True) -> int:
    """Return how many bytes ``data`` decodes to through ``filters``, stopping once past ``limit``.

    Each filter's output is also bounded by the limit, since pdfium holds every stage whole. Past ``deadline``
    (a time.perf_counter() value) it raises TimeoutError, checked at least every MB of output.
    """
    stages = []
    for name in filters:
        if name not in _DECODERS:
            break  # an image codec or an unknown filter: nothing more to measure
        stages.append(name)
    def decode(name: str, chunks: Iterable[bytes], keep: bool) -> Iterator[bytes | int]:
        return _lzw(chunks, keep, early_change) if name == "LZWDecode" else _DECODERS[name](chunks)

    chunks: Iterable[bytes] = (data[i:i + _CHUNK] for i in range(0, len(data), _CHUNK))
    for name in stages[:-1]:
        chunks = _bounded(decode(name, chunks, keep=True), limit)
    last: Iterable[bytes | int] = decode(stages[-1], chunks, keep=False) if stages else chunks
    total = 0
    for chunk in last:
        total += chunk if isinstance(chunk, int) else len(chunk)
        if total > limit:
            break
        if time.perf_counter() > deadline:
            raise TimeoutError
    return total


def _bounded(chunks: Iterator[bytes | int], limit: int) -> Chunks:
    total = 0
    for chunk in chunks:
        assert isinstance(chunk, bytes)  # only the last stage counts without keeping
        total += len(chunk)
        yield chunk
        if total > limit:
            return


@dataclass
class _Stream:
    start: int
    end: int
    filters: list[str]
    early_change: bool
    bound: int  # the most it could decode to: its length times its filters' worst ratios
    object_stream: bool  # /Type /ObjStm: holds other objects' dictionaries (pages among them)
    size: int | None = None  # what it decodes to, once measured (at most the limit and one chunk)
    number: int | None = None  # its object number, where the file gives it before the stream
    drawn: bool = False  # a stream that may draw (a page's contents or a form): not an image, font or metadata
    text: bytes | None = None  # an object stream's text, once decoded (up to 32 MB)


def _worst_ratio(filters: list[str]) -> int:
    """The most one byte of the stream can decode to through the filters measured here (1: nothing expands)."""
    worst = 1
    for name in filters:
        if name not in _DECODERS:
            break
        worst *= _WORST_RATIO[name]
    return worst


def _streams(data: bytes) -> list[_Stream]:
    """Every stream of the file, found once for the checks below: where its data are, and from the dictionary right
    before it (a stream is never inside an object stream, so it follows "N G obj"), its filters and kind."""
    found = []
    for match in _STREAM.finditer(data):
        if data[max(0, match.start() - 3):match.start()] == b"end":
            continue  # the end of the stream before (a look-behind in the pattern made the scan 10x slower)
        start = match.end()
        end = data.find(b"endstream", start)
        end = len(data) if end == -1 else end
        head = data[max(0, match.start() - 2048):match.start()]
        at = head.rfind(b"obj")
        dictionary = head[at + 1:]
        filters = stream_filters(dictionary, data[start:start + 2])
        number = _OBJECT.search(head, max(0, at - 24), at + 3) if at >= 0 else None
        object_stream = b"/ObjStm" in dictionary
        found.append(_Stream(start, end, filters, _EARLY_CHANGE_OFF.search(dictionary) is None,
                             (end - start) * _worst_ratio(filters), object_stream,
                             number=int(number.group(1)) if number else None,
                             drawn=number is not None and not object_stream and not _NOT_DRAWN.search(dictionary)))
    return found


def _object_text(data: bytes, stream: _Stream) -> bytes:
    """An object stream's text (Flate only, as PDF writers make them), decoded once, up to 32 MB."""
    if stream.text is None:
        text, size = bytearray(), 0
        if stream.filters == ["FlateDecode"]:
            for chunk in _flate([data[stream.start:stream.end]]):
                text += chunk
                size += len(chunk)
                if size > _OBJECT_STREAM_TEXT:
                    break
        stream.text = bytes(text)
    return stream.text


def refuse_bombs(data: bytes, limit: int | None = None, total_limit: int | None = None, *,
                 deadline: float = math.inf, budget_s: float | None = None) -> None:
    """Raise InputTooLarge if a stream of the PDF, the streams of one array (a page's /Contents, which PDFium joins
    into one buffer), or the streams decoded here together, decode past the limits.

    ``deadline`` is when the PDF's time budget (``budget_s``) runs out: a file of long streams that decode slowly
    but not far (LZW at 1:1, 50 MB of it, takes about 25 s here) is refused then, like a PDF that is slow to read.
    Given the budget, the pages' drawing instructions are then counted against it too (``refuse_slow_pages``).
    """
    limit = limit or MAX_STREAM_BYTES
    total_limit = total_limit or MAX_TOTAL_BYTES
    total = 0
    streams: dict[int, _Stream] = {}  # by object number: the ones with a filter that expands

    def measure(stream: _Stream, most: int) -> int:
        if stream.size is None:
            try:
                stream.size = decoded_bytes(data[stream.start:stream.end], stream.filters, most, deadline,
                                            early_change=stream.early_change)
            except TimeoutError:
                raise InputTooLarge(f"Checking the PDF's compressed streams took longer than {budget_s or 0:g} s "
                                    f"(stopped at byte {stream.start:,}); the file may be built to be slow to read. "
                                    "Ask the supplier for the original EPD.", where=f"byte {stream.start}") from None
        return stream.size

    found = _streams(data)
    for stream in found:
        if _worst_ratio(stream.filters) == 1:
            continue  # no filter that expands
        if stream.number is not None:
            streams[stream.number] = stream
        if stream.bound <= limit:
            continue  # cannot decode past the limit on its own
        size = measure(stream, min(limit, total_limit - total))
        total += size
        if size > limit or total > total_limit:
            what = (f"A stream of the PDF (at byte {stream.start:,}) decodes to more than {limit // 2**20:,} MB"
                    if size > limit else f"The streams of the PDF decode to more than {total_limit // 2**20:,} MB")
            _refuse(what, stream.start)
    for refs, where in _stream_arrays(data, streams, found):
        members = [streams[n] for n in refs if n in streams]
        if sum(m.bound for m in members) <= limit:
            continue
        together = 0
        for member in members:
            together += measure(member, limit)
            if together > limit:
                _refuse(f"The streams of one array (a page's contents, at byte {where:,}), which PDFium joins, decode "
                        f"together to more than {limit // 2**20:,} MB", where)
    if budget_s is not None:
        refuse_slow_pages(data, budget_s=budget_s, deadline=deadline, found=found)


def _refuse(what: str, where: int) -> None:
    raise InputTooLarge(f"{what}; it looks like a decompression bomb, so the file was refused unread. Ask the "
                        "supplier for the original EPD.", where=f"byte {where}")


def _stream_arrays(data: bytes, streams: dict[int, _Stream],
                   found: list[_Stream]) -> Iterator[tuple[list[int], int]]:
    """Yield the object numbers of every array of two or more references, with where it is: in the file, or in an
    object stream (where PDF 1.5 files keep their page dictionaries; read up to 32 MB, far more than they hold).
    The file is searched between its streams (``found``): their data are encoded, not objects."""
    for start, end in _between_streams(data, found):
        for array in _REFERENCES.finditer(data, start, end):
            yield _referenced(array.group(1)), array.start()
    for stream in streams.values():
        if stream.object_stream:
            for array in _REFERENCES.finditer(_object_text(data, stream)):
                yield _referenced(array.group(1)), stream.start


def _between_streams(data: bytes, found: list[_Stream]) -> Iterator[tuple[int, int]]:
    """The stretches of the file between its streams' data, where its objects are written."""
    at = 0
    for start, end in [*((stream.start, stream.end) for stream in found), (len(data), len(data))]:
        yield at, max(at, start)
        at = max(at, end)


def _referenced(references: bytes) -> list[int]:
    """The object numbers of references 'N G R' as _REFERENCES found them (whitespace, digits and R alone: split
    in C, not by a pattern; an R may touch the next number)."""
    parts = references.replace(b"R", b" R ").split()
    return [int(n) for n in parts[0::3]]


# --- what PDFium will parse: content streams, counted once per reference ----------------------------------------
#
# PDFium parses a page's content stream whole each time it loads the page (and a form XObject's each time a page
# draws it), and nothing can interrupt it. A stream shared by every page counts once above, but 200 pages sharing a
# 1.5 MB stream make PDFium parse 300 MB: 25 s, from a 62 KB file. So, before PDFium loads any page, every stream
# that may draw (not images, fonts or metadata) is counted, a page's contents once for each page that names it, and
# the file is refused when that is more than PDFium parses in the reading time it has: 8 MB a second, about what it
# parses on a 2-core machine (6-10 MB/s loading pages and their text; the corpus's heaviest EPD holds 8 MB in all).
# A form XObject drawn by many pages counts once here; the time budget, checked before each page, still bounds it.
CONTENT_BYTES_PER_S = 8 * 1024 * 1024
# a page's /Contents: one reference, or an array of them (a pattern starting with a literal is scanned quickly)
_CONTENTS = re.compile(rb"/Contents\s*(\d+\s+\d+\s+R|\[[^\]]*\])")
_NOT_DRAWN = re.compile(rb"/Subtype\s*/(?!Form\b)|/Type\s*/(?!XObject\b)|/Length[123]\b")


def _count_contents(text: bytes | bytearray, start: int, end: int, counts: Counter[int]) -> None:
    for found in _CONTENTS.finditer(text, start, end):
        counts.update(int(n) for n in _REFERENCE.findall(found.group(1)))


def _page_contents(data: bytes, found: list[_Stream]) -> Counter[int]:
    """How many pages name each object as (part of) their /Contents, in the file and in its object streams."""
    counts: Counter[int] = Counter()
    for start, end in _between_streams(data, found):
        _count_contents(data, start, end, counts)
    for stream in found:
        if stream.object_stream:
            text = _object_text(data, stream)
            _count_contents(text, 0, len(text), counts)
    return counts


def content_bytes(data: bytes, limit: int, deadline: float = math.inf, *, exact: bool = True,
                  found: list[_Stream] | None = None) -> int:
    """Return how many bytes of drawing operators PDFium will parse to load every page: each content stream's
    decoded size times the pages it is the contents of (a form XObject's, or any other stream's that may draw, once);
    stops counting once past ``limit``.

    Not ``exact``, it answers only whether that is past the limit: the streams are measured largest worst case
    first, and once the others' worst cases together cannot take the total past the limit they are not decoded (most
    EPDs' content streams are too short to), and count at their worst case. ``found``: the file's streams, when the
    caller has found them.
    """
    found = _streams(data) if found is None else found
    drawn = [stream for stream in found if stream.drawn]
    if not drawn:
        return 0
    references = _page_contents(data, found)
    weighed = [(stream, max(1, references[stream.number or 0])) for stream in drawn]
    if not exact:
        weighed.sort(key=lambda pair: pair[0].bound * pair[1], reverse=True)
    unmeasured = sum(stream.bound * times for stream, times in weighed)
    total = 0
    for stream, times in weighed:
        if not exact and total + unmeasured <= limit:
            return total + unmeasured
        unmeasured -= stream.bound * times
        size = decoded_bytes(data[stream.start:stream.end], stream.filters, (limit - total) // times + 1, deadline,
                             early_change=stream.early_change)
        total += size * times
        if total > limit:
            break
    return total


def refuse_slow_pages(data: bytes, *, budget_s: float, deadline: float = math.inf,
                      found: list[_Stream] | None = None) -> None:
    """Raise InputTooLarge when PDFium would parse more drawing operators, to load every page, than it can in
    ``budget_s`` seconds: before it loads the first page, since one page's parse cannot be interrupted."""
    limit = int(CONTENT_BYTES_PER_S * budget_s)
    try:
        total = content_bytes(data, limit, deadline, exact=False, found=found)
    except TimeoutError:
        raise InputTooLarge(f"Checking the PDF's pages took longer than {budget_s:g} s; the file may be built to be "
                            "slow to read. Ask the supplier for the original EPD.") from None
    if total > limit:
        raise InputTooLarge(f"Reading the PDF's pages would take longer than {budget_s:g} s: they hold more than "
                            f"{limit // 2**20:,} MB of drawing instructions (a stream drawn on many pages counts once "
                            "per page); the file may be built to be slow to read. Ask the supplier for the original "
                            "EPD.", where="$")
