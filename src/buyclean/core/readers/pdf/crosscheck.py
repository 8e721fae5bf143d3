"""Whether a GWP read by OCR is confirmed by another, independent reading of the same document.

OCR misreads digits ('8' for '3', a lost minus) without knowing it, and its confidence says little about digits.
A value read from a picture is trusted only when the document itself checks it: the same result per the other
unit agreeing by the unit factor, the modules A1, A2 and A3 summing to the printed A1-A3, GWP-fossil, -biogenic and
-luluc summing to GWP-total, or the same value printed again elsewhere. Each check compares printed numbers within
their printed precision; anything else leaves the value for review beside its crop.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from buyclean.core.model import Candidate, Epd, Evidence, Extracted, Gwp
from buyclean.core.readers.pdf.layout import Word
from buyclean.core.readers.pdf.numbers import parse_cell
from buyclean.core.readers.pdf.readings import FACTORS, Reading
from buyclean.core.readers.pdf.results import indicator_kind, key
from buyclean.core.readers.pdf.tables import Cell, Table
from buyclean.core.readers.pdf.values import ValueCell

_PARTS = ("fossil", "biogenic", "luluc")


def half_unit(text: str) -> float:
    """Half the last printed digit of a number as printed ('6,24E+01' -> 0.05, '34,37' -> 0.005, '1,234' -> 0.5
    when the comma separates thousands, as the value read says)."""
    s = text.strip().replace("\u2212", "-").replace(" ", "")
    m = re.search(r"[eE]([+\-]?\d+)$", s)
    exponent = int(m.group(1)) if m else 0
    mantissa = s[:m.start()] if m else s
    digits = re.search(r"[.,](\d+)$", mantissa)
    decimals = len(digits.group(1)) if digits else 0
    if digits and not m and re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", mantissa):
        # '1,234' or '1.234.567': thousands when the reader took it so
        value = parse_cell(text)
        if value is not None and abs(value) >= 1000:
            decimals = 0
    return 0.5 * 10.0 ** (exponent - decimals)


def sums_to(total: tuple[float, str], parts: Sequence[tuple[float, str]]) -> bool:
    """True when the printed parts add up to the printed total within what rounding each of them allows."""
    slack = half_unit(total[1]) + sum(half_unit(text) for _, text in parts)
    return abs(total[0] - sum(v for v, _ in parts)) <= slack * 1.001 + 1e-12


def converts_to(a: tuple[float, str], b: tuple[float, str], factor: float) -> bool:
    """True when ``b`` is ``a`` times the unit factor, within the printed precision of both."""
    slack = half_unit(a[1]) * abs(factor) + half_unit(b[1])
    return abs(a[0] * factor - b[0]) <= slack * 1.001 + 1e-12


def _printed(v: ValueCell) -> tuple[float, str]:
    cell = next((c for c in v.cells if c.value is not None), None)
    return v.value, cell.text if cell is not None else f"{v.value:g}"


def _where(tables: list[Table], cell: Cell) -> tuple[Table, int, int] | None:
    for table in tables:
        for r, row in enumerate(table.rows):
            for k, c in row.cells.items():
                if c is cell:
                    return table, r, k
    return None


def _names_a1a3(v: ValueCell, tables: list[Table]) -> bool:
    """True when the value's own column, row or caption prints 'A1-A3' (or says product stage): OCR can misread
    a head, and an unnamed column may be A1 alone, which a second reading of the same column would confirm."""
    cells = [c for c in v.cells if c.value is not None]
    found = _where(tables, cells[0]) if len(cells) == 1 else None
    if found is None:
        return False
    table, r, k = found
    texts = [table.columns[k].title, table.rows[r].label_text, *table.caption[-2:]]
    return any(_A1A3_NAMED.search(t) for t in texts)


_A1A3_NAMED = re.compile(r"A1\s*(?:[-\u2013]|to)\s*A3|A1\s*\+\s*A2\s*\+\s*A3|product\s+stage|cradle[- ]to[- ]gate",
                         re.I)


def cross_check(reading: Reading, tables: list[Table]) -> str | None:
    """Name the independent check in the document that confirms the reading's value, or None. A value the reader
    summed, or one whose column OCR read no 'A1-A3' over, is confirmed by nothing."""
    if reading.summed or not _names_a1a3(reading.source, tables):
        return None
    value = _printed(reading.source)
    for other in reading.others:
        if other.unit == reading.unit or other.method != reading.method or other.kind != reading.kind:
            continue
        factor = FACTORS.get((reading.unit or "", other.unit or ""))
        if factor is None and (other.unit, reading.unit) in FACTORS:
            factor = 1 / FACTORS[(other.unit or "", reading.unit or "")]
        if factor is not None and _names_a1a3(other, tables) and converts_to(value, _printed(other), factor):
            return f"the per-{other.unit} value {other.value:g} (page {other.page}) agrees by the unit factor"
    cells = [c for c in reading.source.cells if c.value is not None]
    found = _where(tables, cells[0])
    if found is None:
        return None
    table, r, k = found
    row = table.rows[r]
    modules = {key(table.columns[j].head): c for j, c in row.cells.items() if c.value is not None}
    if all(m in modules for m in ("A1", "A2", "A3")):
        parts = [(modules[m].value or 0.0, modules[m].text) for m in ("A1", "A2", "A3")]
        if sums_to(value, parts):
            return "A1 + A2 + A3 printed beside it add up to it"
    split: dict[str, Cell] = {}
    for part_row in table.rows:
        kind = indicator_kind(part_row.label_text)
        cell = part_row.cells.get(k)
        if kind in _PARTS and kind not in split and cell is not None and cell.value is not None:
            split[kind] = cell
    if len(split) == 3 and sums_to(value, [(split[p].value or 0.0, split[p].text) for p in _PARTS]):
        return "GWP-fossil, -biogenic and -luluc printed below it add up to it"
    for t in tables:
        for other_row in t.rows:
            if other_row is row or indicator_kind(other_row.label_text) != reading.kind:
                continue
            for j, c in other_row.cells.items():
                if c.value is not None and c.text.strip() == value[1].strip() and \
                        key(t.columns[j].head) == key(table.columns[k].head):
                    return f"the same value is printed again on page {t.page}"
    return None


def confidence(v: ValueCell) -> float | None:
    """The OCR engine's least confidence in the words of the value, or None when it was not read by OCR."""
    scores = [w.confidence for c in v.cells for w in c.words if w.ocr and w.confidence is not None]
    if not scores and not any(w.ocr for c in v.cells for w in c.words):
        return None
    return min(scores) if scores else 0.0


def checked(gwp: Extracted[Gwp], reading: Reading, tables: list[Table]) -> Extracted[Gwp]:
    """The GWP as read; when it was read by OCR, its evidence says so, and it needs review unless a cross-check
    in the document confirms it."""
    score = confidence(reading.source)
    if score is None or gwp.value is None:
        return gwp
    note = f"read by OCR (confidence {score:.0f}%)"
    check = cross_check(reading, tables)
    if check:
        note += f"; cross-checked: {check}"
    evidence: Evidence = replace(gwp.evidence, note="; ".join(filter(None, (note, gwp.evidence.note))))
    review, candidates = gwp.review, gwp.candidates
    if check is None and review is None:
        review = (f"the GWP {gwp.value.value:g} was read by OCR from a picture of page {reading.source.page} "
                  f"(confidence {score:.0f}%) and nothing else in the document confirms it; compare it with the crop")
    if review is not None and not candidates:
        candidates = (Candidate(gwp.value, evidence),)  # the review form shows a candidate's crop beside it
    return replace(gwp, evidence=evidence, review=review, candidates=candidates)


def _from_ocr(evidence: Evidence, pages: dict[int, list[Word]]) -> bool:
    """True when the evidence lies on words OCR read (or on a page only OCR read, when it has no box)."""
    words = pages.get(evidence.page or 0)
    if not words:
        return False
    if evidence.bbox is None:
        return True
    x0, top, x1, bottom = evidence.bbox
    return any(w.x0 < x1 and w.x1 > x0 and w.top < bottom and w.bottom > top for w in words)


def review_ocr_metadata(epd: Epd, ocr_words: dict[int, list[Word]]) -> Epd:
    """The EPD with its dates and registration number read by OCR in review: a misread digit in a date changes the
    verdict as surely as one in the GWP, and nothing in the document checks them."""
    def flagged(field: Extracted[Any]) -> Extracted[Any]:
        if field.value is None or field.review is not None or not _from_ocr(field.evidence, ocr_words):
            return field
        return replace(field, review=f"read by OCR from a picture of page {field.evidence.page}; compare it with "
                                     "the crop")

    return replace(epd, issued=flagged(epd.issued), valid_until=flagged(epd.valid_until),
                   registration_number=flagged(epd.registration_number))
