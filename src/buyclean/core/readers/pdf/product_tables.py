"""Read GWP A1-A3 from tables that give one product per row or one product per column, by word positions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from buyclean.core.readers.pdf.layout import Line, Page, Word, bbox_of
from buyclean.core.readers.pdf.numbers import is_blank_cell, parse_cell
from buyclean.core.readers.pdf.results import FRAGMENT, INDICATOR_HEAD, GwpFinding, indicator_kind, key


@dataclass(frozen=True)
class RowTable:
    """The geometry of a products-as-rows table, carried to the next page when the table continues there."""

    gwp: Word
    first_head: float
    strength_x: float | None
    page: int


def read_product_rows(page: Page, a1a3_only: bool, carry: RowTable | None = None
                      ) -> tuple[list[GwpFinding], RowTable | None]:
    """Read tables with one row per product and indicators as columns (a 'GWPT' or 'GWP-total' column)."""
    findings: list[GwpFinding] = []
    lines = page.lines()
    a1a3_page = a1a3_only or bool(re.search(r"A1\s*[-–]\s*A3|cradle[- ]to[- ]gate", page.text, re.I))
    table: RowTable | None = None
    for i, line in enumerate(lines):
        heads = [w for w in line.words if INDICATOR_HEAD.match(key(w.text))]
        gwp_heads = [w for w in heads if indicator_kind(w.text) in ("total", "plain") or key(w.text) == "GWPT"]
        # a legend line ('GWP = Global warming potential; ODP = ...') names indicators too, among many words
        if len(heads) >= 4 and gwp_heads and a1a3_page and len(heads) * 2 >= len(line.words):
            first_head = min(h.x0 for h in heads)
            strength = next((w for ln in lines[max(0, i - 2): i + 5] for w in ln.words
                             if re.match(r"strength|\(mpa\)", w.text, re.I) and w.x1 < first_head), None)
            table = RowTable(gwp_heads[0], first_head, strength.xc if strength else None, page.number)
            findings += _product_rows(page, lines, line.bottom + 8, table)
    if not findings and carry is not None and carry.page == page.number - 1:
        # the table runs on from the previous page without repeating its header
        findings = _product_rows(page, lines, 0.0, carry)
        table = RowTable(carry.gwp, carry.first_head, carry.strength_x, page.number) if findings else None
    return findings, table


def read_product_columns(page: Page, a1a3_only: bool) -> list[GwpFinding]:
    """Read tables with one column per product, when the caption or the document says the values are A1-A3."""
    findings: list[GwpFinding] = []
    lines = page.lines()
    a1a3_page = a1a3_only or bool(re.search(r"A1\s*[-–]\s*A3", page.text, re.I))
    for i, line in enumerate(lines):
        label = " ".join(w.text for w in line.words if parse_cell(w.text) is None)
        if indicator_kind(label) not in ("total", "plain") or not a1a3_page:
            continue
        values = [w for w in line.words if parse_cell(w.text) is not None and w.x0 > line.words[0].x1]
        if len(values) < 2 or any(parse_cell(w.text) is None and not is_blank_cell(w.text)
                                  for w in line.words if w.x0 > values[0].x0):
            continue
        spacing = min((b.xc - a.xc for a, b in itertools.pairwise(values)), default=60.0)
        unit_end = max((w.x1 for w in line.words if w.x1 <= values[0].x0), default=values[0].x0 - 40)
        names: list[list[Word]] = [[] for _ in values]
        for j in range(i - 1, -1, -1):
            above = lines[j]
            if line.top - above.bottom > 90 or re.match(r"table\b", above.text, re.I):
                break
            numeric = [w for w in above.words if parse_cell(w.text) is not None or is_blank_cell(w.text)]
            if len(numeric) >= len(values) and any(w.x1 < unit_end - 2 for w in above.words):
                break
            for w in above.words:
                if w.x0 < unit_end - 2:
                    continue
                k = min(range(len(values)), key=lambda k: abs(values[k].xc - w.xc))
                if abs(values[k].xc - w.xc) < spacing / 2:
                    names[k].insert(0, w)
        if not all(names) or any((FRAGMENT.match(key(n[0].text)) and len(n) == 1)
                                 or any(re.match(r"modul", w.text, re.I) for w in n) for n in names):
            continue
        kind = indicator_kind(label) or "plain"
        for v, name_words in zip(values, names, strict=True):
            name_words.sort(key=lambda w: (round(w.top), w.x0))
            name = " ".join(w.text for w in name_words)
            findings.append(GwpFinding(parse_cell(v.text) or 0.0, kind, "A1-A3", page.number,
                                       bbox_of([v, *name_words]), f"{label} [{name}] {v.text}", product=name,
                                       shape="product_columns"))
    return findings


def _product_rows(page: Page, lines: list[Line], top: float, table: RowTable) -> list[GwpFinding]:
    out: list[GwpFinding] = []
    gwp = table.gwp
    for line in lines:
        if line.top <= top:
            continue
        cell = next((w for w in line.words if abs(w.xc - gwp.xc) < 0.6 * max(gwp.x1 - gwp.x0, 20)), None)
        if cell is None or parse_cell(cell.text) is None:
            continue
        left = [w for w in line.words if w.x1 < table.first_head - 1]
        names = [w.text for w in left if parse_cell(w.text) is None]
        if not names:
            continue
        strength = next((w.text for w in left if table.strength_x is not None and abs(w.xc - table.strength_x) < 25
                         and parse_cell(w.text) is not None), None)
        value = parse_cell(cell.text)
        assert value is not None
        out.append(GwpFinding(value, indicator_kind(gwp.text) or "total", "A1-A3", page.number,
                              bbox_of([*left, cell]), line.text, product=" ".join(names), strength=strength,
                              shape="product_rows"))
    return out
