"""The slow path: pdfplumber's ruled-table finder, run only on the pages whose tables positions could not settle.

pdfplumber needs about 0.35 s to open an EPD and about 1 s per dense results page, so it never runs on the common
path (reading a PDF must stay well under a second); ``pdfplumber.open(..., pages=[...])`` limits it to the pages named.
"""

from __future__ import annotations

import io
import re
import time
from typing import Any

from buyclean.core.readers.pdf.layout import Page
from buyclean.core.readers.pdf.numbers import parse_cell
from buyclean.core.readers.pdf.results import AGGREGATE, GwpFinding, indicator_kind, key

NOTE = "read from the ruled table with pdfplumber, because word positions alone could not settle it"


def unsettled(page: Page) -> bool:
    """True when a page shows a GWP row and module columns, yet no value was read from it by positions."""
    if not re.search(r"A1\s*[-–]\s*A3|\bA1\b.*\bA3\b", page.text, re.S):
        return False
    for line in page.lines():
        label = " ".join(w.text for w in line.words if parse_cell(w.text) is None)
        if indicator_kind(label) in ("total", "plain") and any(parse_cell(w.text) is not None for w in line.words):
            return True
    return False


def _cell(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _table_findings(number: int, table: Any) -> list[GwpFinding]:
    rows: list[list[str | None]] = table.extract()
    findings: list[GwpFinding] = []
    aggregate: int | None = None
    split: dict[str, int] = {}
    for r, row in enumerate(rows):
        texts = [_cell(c) for c in row]
        heads = {i: key(t) for i, t in enumerate(texts)}
        if any(AGGREGATE.match(h.split("(")[0].replace("PER", "")) for h in heads.values() if h):
            aggregate = next(i for i, h in heads.items() if h and AGGREGATE.match(h.split("(")[0].replace("PER", "")))
            split = {h: i for i, h in heads.items() if h in ("A1", "A2", "A3")}
            continue
        if all(m in (h for h in heads.values()) for m in ("A1", "A2", "A3")):
            split = {h: i for i, h in heads.items() if h in ("A1", "A2", "A3")}
            aggregate = None
            continue
        label = " ".join(t for t in texts if t and parse_cell(t.replace(" ", "")) is None)
        kind = indicator_kind(label)
        if kind not in ("total", "plain"):
            continue
        values = {i: parse_cell(t.replace(" ", "")) for i, t in enumerate(texts) if t}
        if aggregate is not None and values.get(aggregate) is not None:
            value, modules = values[aggregate], "A1-A3"
        elif len(split) == 3 and all(values.get(i) is not None for i in split.values()):
            value, modules = sum(values[i] or 0.0 for i in split.values()), "A1+A2+A3"
        else:
            continue
        assert value is not None
        box = table.rows[r].bbox
        findings.append(GwpFinding(value, kind, modules, number, tuple(float(v) for v in box),  # type: ignore[arg-type]
                                   " ".join(t for t in texts if t), note=NOTE))
    return findings


def read_with_pdfplumber(data: bytes, numbers: list[int], deadline: float) -> list[GwpFinding]:
    """Read GWP A1-A3 rows from the ruled tables of the given pages (1-based) with pdfplumber."""
    import pdfplumber

    findings: list[GwpFinding] = []
    try:
        with pdfplumber.open(io.BytesIO(data), pages=numbers) as pdf:
            for page in pdf.pages:
                if time.perf_counter() > deadline:
                    break
                for table in page.find_tables():
                    findings += _table_findings(page.page_number, table)
    except Exception:  # pdfminer raises many kinds on odd files; the fallback then simply finds nothing
        return findings
    return findings
