"""Find the results tables of an EPD page and read GWP A1-A3 from them, by word positions.

Three table shapes are met: indicators as rows and modules as columns (the EN 15804 layout), products as columns
with one A1-A3 value each, and products as rows with indicators as columns (Australasian multi-mix EPDs).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from buyclean.readers.pdf.layout import Line, Page, Word, bbox_of
from buyclean.readers.pdf.numbers import continues, fold, is_blank_cell, parse_cell, split_run

_AGGREGATE = re.compile(r"^(TOTAL)?A1[-+]?(A?2[-+]?)?A?3\*?$|^A1-A3TOTAL$")
_MODULE = re.compile(r"^(A[1-5]|B[1-7]|C[1-4]|D)(/\w{1,3}|-[A-D]?\d)?\*?$|^(TOTAL)?A1[-+]?(A?2[-+]?)?A?3\*?$")
_FRAGMENT = re.compile(r"^(TOTAL|TOTALA1-A3|[A-D]\d?[-+/]?([A-D]?\d)?\*?|[-+/][A-D]?\d\*?|[A-D]\d/\w{1,3})$")
# Unit words printed in their own column beside the row label ('kg CO2 eq.', '[kg CO2-Eq.]', 'mol H+ eq.').
_UNIT_WORD = re.compile(r"^(\[?kg|co2|co2-?eq\.?\]?|-?eq\.?\]?|-?eqv?\.?|mol|h\+|h⁺|mj|m3|m³|cfc-?11|p|n|sb|nmvoc"
                        r"|-?ekv\.?|co2-?ekv\.?|\[.*\]|\(?co2|c2h4|so2|po4)$", re.I)
_INDICATOR_HEAD = re.compile(r"^(GWP\w*|ODP|AP|EP\w*|POCP|ADP\w*|WDP|PM|IRP|ETP\w*|HTP\w*|SQP|PERE|PENRE)\*?$", re.I)

# Indicator kinds, tried in order on the folded label text.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ghg", re.compile(r"ghg|iobc|gwp-?bc\b|gwp\s*-?\s*ioc", re.I)),
    ("fossil", re.compile(r"foss", re.I)),
    ("biogenic", re.compile(r"biog", re.I)),
    ("luluc", re.compile(r"luluc|land use", re.I)),
    ("total", re.compile(r"gwp\s*-?\s*tot|gwpt\b|climate change\s*-?\s*tot|global warming potential\s*-?\s*tot"
                         r"|gwp\s*-?\s*totale", re.I)),
    ("plain", re.compile(r"^\(?gwp\b|global warming|gwp100|climate change|^gwp\s*\[", re.I)),
)

INDICATOR_NAMES = {"total": "GWP-total", "plain": "GWP"}


def indicator_kind(label: str) -> str | None:
    """Classify a row label as a GWP indicator kind ('total', 'plain', 'fossil', ...) or None."""
    s = fold(label).replace("\u00ad", "-")
    if re.fullmatch(r"gwp\s*-", s, re.I):
        return None  # the rest of the label wraps onto the next line ('GWP-' / 'LULUC')
    if not re.search(r"gwp|global warming|climate change", s, re.I):
        return None
    return next((kind for kind, pattern in _KINDS if pattern.search(s)), None)


def _key(text: str) -> str:
    return fold(text).upper().replace(" ", "").replace("–", "-")


@dataclass
class Column:
    label: str
    x0: float
    x1: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Cell:
    text: str
    value: float | None
    blank: bool
    words: list[Word]

    @property
    def y(self) -> float:
        return self.words[0].yc


@dataclass(frozen=True)
class GwpFinding:
    """One GWP A1-A3 value read from a table, with where it was read."""

    value: float
    kind: str
    modules: str  # "A1-A3" or "A1+A2+A3"
    page: int
    bbox: tuple[float, float, float, float]
    text: str
    product: str | None = None  # a product named by the table (column head, row code or table heading)
    strength: str | None = None
    shape: str = "rows"  # "rows", "product_columns", "product_rows"


def _header_at(lines: list[Line], i: int) -> list[Column] | None:
    """Return the module columns of a header line (merging stacked parts like 'TOTAL' / 'A1-A3'), or None."""
    line = lines[i]
    tokens = [w for w in line.words if _MODULE.match(_key(w.text)) or _key(w.text) in ("A1-", "TOTAL")]
    modules = sum(1 for w in tokens if _MODULE.match(_key(w.text)))
    single = modules == 1 and re.search(r"indicator|parameter|impact categor", line.text, re.I)
    if modules < 2 and not single:
        return None
    h = max(line.bottom - line.top, 6.0)
    near = [w for other in lines if abs(other.yc - line.yc) < 2.2 * h for w in other.words
            if _FRAGMENT.match(_key(w.text))]
    columns: list[tuple[list[Word], float, float]] = []
    for w in sorted(near, key=lambda w: w.x0):
        for col in columns:
            if w.x0 < col[2] - 1 and w.x1 > col[1] + 1:
                col[0].append(w)
                columns[columns.index(col)] = (col[0], min(col[1], w.x0), max(col[2], w.x1))
                break
        else:
            columns.append(([w], w.x0, w.x1))
    result = []
    for words, x0, x1 in columns:
        label = "".join(_key(w.text) for w in sorted(words, key=lambda w: w.top))
        if label.startswith("TOTAL") and _AGGREGATE.match(label):
            label = label[5:]
        label = label.replace("PRODUCTSTAGE", "")
        if _MODULE.match(label):
            result.append(Column(label, x0, x1))
    return result if len(result) >= 2 or (single and result) else None


def _cells_in(words: list[Word], columns: list[Column]) -> dict[int, list[Cell]]:
    """Assign value words to the nearest column and stitch fragments that a narrow cell wrapped."""
    centres = [c.xc for c in columns]
    spacing = min((b - a for a, b in itertools.pairwise(centres)), default=60.0)
    left = centres[0] - max(spacing / 2, (columns[0].x1 - columns[0].x0) / 2 + 2)
    right = centres[-1] + max(spacing / 2, 20)
    pieces: list[Word] = []
    for w in words:
        parts = split_run(w.text)
        if len(parts) == 1:
            pieces.append(w)
            continue
        step = (w.x1 - w.x0) / max(len(w.text), 1)
        x = w.x0
        for part in parts:
            pieces.append(Word(part, x, w.top, x + step * len(part), w.bottom))
            x += step * len(part)
    by_col: dict[int, list[Word]] = {}
    for w in pieces:
        if not left <= w.xc <= right:
            continue
        idx = min(range(len(centres)), key=lambda k: abs(centres[k] - w.xc))
        by_col.setdefault(idx, []).append(w)
    cells: dict[int, list[Cell]] = {}
    for idx, col_words in by_col.items():
        out: list[Cell] = []
        for w in sorted(col_words, key=lambda w: w.top):
            last = out[-1] if out else None
            if (last is not None and continues(last.text, w.text)
                    and w.top - last.words[-1].bottom < 1.5 * max(w.height, 4)):
                text = last.text + w.text
                last.words.append(w)
                last.text = text
                last.value = parse_cell(text)
                continue
            out.append(Cell(w.text, parse_cell(w.text), is_blank_cell(w.text), [w]))
        cells[idx] = [c for c in out if c.value is not None or c.blank]
    return cells


def _labels(lines: list[Line], top: float, bottom: float, boundary: float) -> list[tuple[str, Line, list[Word]]]:
    """Return the row labels (text left of the value columns) between two heights, joining wrapped labels."""
    rows = []
    for line in lines:
        if not top < line.yc < bottom:
            continue
        words = [w for w in line.words if w.x1 <= boundary + 2 and parse_cell(w.text) is None
                 and not _UNIT_WORD.match(w.text)]
        if words:
            rows.append((" ".join(w.text for w in words), line, words))
    labels: list[tuple[str, Line, list[Word]]] = []
    for text, line, words in rows:
        if labels:
            prev_text, prev_line, prev_words = labels[-1]
            gap = line.top - prev_line.bottom
            wraps = prev_text.endswith("-") or (text[:1].islower() and not re.match(r"kg|mol|mj|m3|m2", text, re.I))
            if wraps and gap < 1.2 * max(line.bottom - line.top, 5):
                labels[-1] = (prev_text + ("" if prev_text.endswith("-") else " ") + text, prev_line,
                              prev_words + words)
                continue
        labels.append((text, line, words))
    return labels


def _aggregate(columns: list[Column], row: dict[int, Cell]) -> tuple[float, str, list[Cell]] | None:
    """Return the A1-A3 value of a row: the aggregate column, or the sum of A1, A2 and A3."""
    for idx, col in enumerate(columns):
        if _AGGREGATE.match(col.label) and idx in row and row[idx].value is not None:
            return row[idx].value, "A1-A3", [row[idx]]  # type: ignore[return-value]
    split = {col.label.rstrip("*"): idx for idx, col in enumerate(columns)}
    if all(m in split for m in ("A1", "A2", "A3")):
        cells = [row.get(split[m]) for m in ("A1", "A2", "A3")]
        if all(c is not None and c.value is not None for c in cells):
            return sum(c.value for c in cells if c and c.value is not None), "A1+A2+A3", [c for c in cells if c]
    return None


def _heading(lines: list[Line], header_top: float) -> str | None:
    """Return a product named by the heading just above a table ('Potential environmental impact: D11540')."""
    above = [ln for ln in lines if header_top - 45 < ln.bottom <= header_top + 1]
    for line in reversed(above):
        m = re.search(r"(?:impact|product|mix|results? for)\s*[:\-–]\s*(.+)$", line.text, re.I)
        if m:
            return m.group(1).strip()
    return None


def read_row_tables(page: Page) -> list[GwpFinding]:
    """Read GWP rows from tables with modules as columns on one page."""
    lines = page.lines()
    headers = [(i, cols) for i in range(len(lines)) if (cols := _header_at(lines, i)) is not None]
    findings: list[GwpFinding] = []
    for n, (i, columns) in enumerate(headers):
        top = lines[i].bottom + 0.5 * (lines[i].bottom - lines[i].top)
        bottom = lines[headers[n + 1][0]].top - 2 if n + 1 < len(headers) else page.height
        if not any(_AGGREGATE.match(c.label) or c.label in ("A1", "A3") for c in columns):
            continue
        centres = [c.xc for c in columns]
        spacing = min((b - a for a, b in itertools.pairwise(centres)), default=60.0)
        boundary = centres[0] - max(spacing / 2, (columns[0].x1 - columns[0].x0) / 2 + 2)
        body = [w for ln in lines if top < ln.yc < bottom for w in ln.words]
        cells = _cells_in([w for w in body if w.xc >= boundary], columns)
        labels = _labels(lines, top, bottom, boundary)
        heading = _heading(lines, lines[i].top)
        for k, (text, line, words) in enumerate(labels):
            kind = indicator_kind(text)
            if kind not in ("total", "plain"):
                continue
            lo = (labels[k - 1][1].yc + line.yc) / 2 if k else top
            hi = (labels[k + 1][1].yc + line.yc) / 2 if k + 1 < len(labels) else min(bottom, line.yc + 30)
            row: dict[int, Cell] = {}
            for idx, col_cells in cells.items():
                inside = [c for c in col_cells if lo <= c.y <= hi]
                if inside:
                    row[idx] = min(inside, key=lambda c: abs(c.y - line.yc))
            got = _aggregate(columns, row)
            if got is None:
                continue
            value, modules, _used = got
            all_words = words + [w for c in row.values() for w in c.words]
            shown = " ".join([text] + [row[idx].text for idx in sorted(row)])
            findings.append(GwpFinding(value, kind or "plain", modules, page.number, bbox_of(all_words), shown,
                                       product=heading))
    return findings


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
        heads = [w for w in line.words if _INDICATOR_HEAD.match(_key(w.text))]
        gwp_heads = [w for w in heads if indicator_kind(w.text) in ("total", "plain") or _key(w.text) == "GWPT"]
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
        if not all(names) or any((_FRAGMENT.match(_key(n[0].text)) and len(n) == 1)
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
