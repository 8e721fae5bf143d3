"""read_epd: sniff the bytes (never the file name) and hand them to the reader for that format."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from buyclean.core.model import Epd
from buyclean.core.readers.jsondoc import nesting_depth_exceeds
from buyclean.core.readers.limits import DEFAULT_LIMITS, ReadLimits
from buyclean.errors import InputTooLarge, UnreadableEpd, UnsupportedFormat

MAX_JSON_DEPTH = 64

__all__ = ["DEFAULT_LIMITS", "MAX_JSON_DEPTH", "JsonReader", "ReadLimits", "parse_json", "read_epd",
           "read_json_document", "refuse_oversize", "sniff"]


@dataclass(frozen=True)
class JsonReader:
    """A reader for one JSON dialect: ``claims`` recognises its documents, ``read`` builds the Epd.

    Claims are exclusive: a document is claimed by one reader or by none, so the result never depends on the order
    of JSON_READERS (tests/test_readers_registry.py checks every seed document and corpus record).
    """

    format: str
    claims: Callable[[Any], bool]
    read: Callable[[Any], Epd]


# The JSON formats, by module: a new format is a module with a READER and a name here.
JSON_READERS = ("native", "openepd", "ec3", "ilcd", "iso22057")


@cache
def json_readers() -> tuple[JsonReader, ...]:
    """Every JSON reader (each module is imported on first use: its import cost is paid only when JSON arrives)."""
    readers: tuple[JsonReader, ...] = tuple(
        import_module(f"buyclean.core.readers.{name}").READER for name in JSON_READERS)
    return readers


def claimants(doc: Any) -> list[JsonReader]:
    """The readers that claim a parsed JSON document: one, or none when it is no format buyclean reads."""
    return [reader for reader in json_readers() if reader.claims(doc)]


def parse_json(data: bytes) -> Any:
    """Decode UTF-8 JSON into Python values, with errors that name the line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableEpd(f"The file is not UTF-8 text (byte {exc.start} cannot be decoded); "
                            "save the JSON as UTF-8 and upload it again.", where=f"byte {exc.start}") from exc
    # refused before json.loads recurses into it; counted on the bytes (readers/jsondoc.py says how)
    if nesting_depth_exceeds(data, MAX_JSON_DEPTH):
        raise InputTooLarge(f"The JSON nests deeper than {MAX_JSON_DEPTH} levels; no EPD format needs that, "
                            "so the file was refused unread.", where="$")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableEpd(f"The JSON is malformed at line {exc.lineno}, column {exc.colno}: {exc.msg}. "
                            "Fix the syntax (a validator such as `python -m json.tool` shows where) and upload again.",
                            where=f"line {exc.lineno}, column {exc.colno}") from exc
    except ValueError as exc:
        # Python turns at most 4,300 digits into an int (a guard against its quadratic-time conversion)
        where = _long_number_at(text)
        raise UnreadableEpd(f"The JSON holds a number with more than {sys.get_int_max_str_digits():,} digits at "
                            f"{where}; no EPD value needs that many, so the file was refused.", where=where) from exc
    # a NUL (\u0000) means nothing in an EPD's text, and PostgreSQL cannot store it: it is dropped from every string
    return _without_nul(doc) if "\\u0000" in text else doc


def _long_number_at(text: str) -> str:
    """Where the first number too long for an int starts: 'line L, column C' (or '$' if it cannot be found)."""
    found = re.search(rf"\d{{{max(sys.get_int_max_str_digits(), 1) + 1},}}", text)
    if found is None:
        return "$"
    line_start = text.rfind("\n", 0, found.start()) + 1
    return f"line {text.count(chr(10), 0, found.start()) + 1}, column {found.start() - line_start + 1}"


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    return value


def sniff(data: bytes) -> str:
    """Return 'pdf', 'json' or 'xml' from the first bytes, or raise UnsupportedFormat."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise UnsupportedFormat("The file is empty; upload the EPD itself (a PDF, openEPD, EC3, ILCD+EPD or "
                                "buyclean JSON document).")
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:1] == b"<":
        return "xml"
    raise UnsupportedFormat("This is not an EPD format buyclean reads (it is neither PDF, JSON nor XML); "
                            "upload the EPD as a PDF or as openEPD, EC3, ILCD+EPD or buyclean JSON.")


def read_json_document(doc: Any) -> Epd:
    """Read an already-parsed JSON document with the reader that claims it."""
    if not isinstance(doc, dict):
        raise UnsupportedFormat("The JSON holds a list or a single value, not an EPD object; upload one EPD "
                                "document per file.", where="$")
    found = claimants(doc)
    if len(found) > 1:
        # claims are exclusive; two would mean a reader's claims grew too wide, and neither is a safe guess
        raise UnsupportedFormat(f"The JSON has the marks of several EPD formats ({', '.join(r.format for r in found)})"
                                "; upload a document in one format.", where="$")
    if found:
        return found[0].read(doc)
    raise UnsupportedFormat("The JSON is not an EPD format buyclean reads: it has none of the keys of openEPD "
                            "('impacts', 'declared_unit'), EC3 ('gwp', 'category'), ILCD+EPD ('processInformation', "
                            "'LCIAResults') or buyclean ('buyclean_epd'). See docs for the buyclean JSON format.",
                            where="$")




def refuse_oversize(size: int, limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """Refuse a file of ``size`` bytes over the upload limit; callers holding only a size (a path, a zip member)
    call it before reading the bytes."""
    if size > limits.max_bytes:
        raise InputTooLarge(f"{size:,} bytes is over the {limits.max_bytes:,}-byte limit (BUYCLEAN_MAX_UPLOAD_BYTES).")


def read_epd(data: bytes, limits: ReadLimits = DEFAULT_LIMITS, *,
             on_ocr_progress: Callable[[int, int], None] | None = None) -> Epd:
    """Read an EPD of any supported format from its bytes, within the size limit; PDFs within a page limit and a
    time budget, their pictures within the OCR budget (``on_ocr_progress`` hears of each page OCR has read)."""
    refuse_oversize(len(data), limits)
    kind = sniff(data)
    if kind == "json":
        return read_json_document(parse_json(data))
    if kind == "xml":
        from buyclean.core.readers import ilcd

        return ilcd.read_xml(data)
    from buyclean.core.readers.pdf import read_pdf

    return read_pdf(data, max_pages=limits.max_pdf_pages, time_budget_s=limits.pdf_time_budget_s,
                    ocr_budget_s=limits.ocr_budget_s, on_ocr_progress=on_ocr_progress)
