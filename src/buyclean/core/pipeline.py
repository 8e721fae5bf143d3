"""From the bytes of one file to its Assessment: the one path every entry point (CLI, web, API, worker) takes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from buyclean.core.assess import assess
from buyclean.core.model import Assessment, Epd, Source
from buyclean.core.readers import DEFAULT_LIMITS, ReadLimits, read_epd, refuse_oversize, sniff
from buyclean.core.rules import RuleSet


def source_of(data: bytes, filename: str, fmt: str) -> Source:
    return Source(filename=filename, sha256=hashlib.sha256(data).hexdigest(), format=fmt, size_bytes=len(data))


def check_bytes(data: bytes, filename: str, rulesets: Sequence[RuleSet], on: dt.date | None = None, *,
                limits: ReadLimits = DEFAULT_LIMITS,
                on_ocr_progress: Callable[[int, int], None] | None = None) -> Assessment:
    """Read an EPD from its bytes and assess it; raises the core's named errors for unreadable input."""
    epd = read_epd(data, limits, on_ocr_progress=on_ocr_progress)
    return assess(epd, rulesets, source=source_of(data, filename, epd.format), on=on)


@dataclass(frozen=True)
class FirstCheck:
    """The check of a file before OCR: final, or (``ocr_pages`` named) of its text alone until OCR reads them."""

    assessment: Assessment
    ocr_pages: tuple[int, ...] = ()


def check_text_first(data: bytes, filename: str, rulesets: Sequence[RuleSet], on: dt.date | None = None, *,
                     limits: ReadLimits = DEFAULT_LIMITS) -> FirstCheck:
    """Check the bytes as ``check_bytes`` does, but leave OCR for later: when a PDF's text does not give every
    product's GWP and it has scanned pages or pictures on its results pages, assess its text alone (nothing, for a
    scan) and name the pages that ``check_bytes`` would read by OCR."""
    refuse_oversize(len(data), limits)
    if limits.ocr_budget_s <= 0 or sniff(data) != "pdf":
        return FirstCheck(check_bytes(data, filename, rulesets, on, limits=limits))
    from buyclean.core.readers.pdf import read_text_layer

    reading = read_text_layer(data, max_pages=limits.max_pdf_pages, time_budget_s=limits.pdf_time_budget_s)
    epd = reading.epd
    if epd is None:
        which = ", ".join(map(str, reading.ocr_pages))
        epd = Epd(format="pdf", products=(), notes=(f"no text layer: the pages ({which}) are being read by OCR",))
    return FirstCheck(assess(epd, rulesets, source=source_of(data, filename, "pdf"), on=on), reading.ocr_pages)
