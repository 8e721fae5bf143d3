"""Read GWP A1-A3 from tables with indicators as rows and modules as columns, by word positions.

A table may state its columns' unit ('A1-A3 per m3' beside 'A1-A3 per yd3'), carry scenario or variant
sub-columns ('Ubeh. og jvt.' / 'Signatur' above two A1-A3 columns), or run on to the next page without repeating
its header; each case is handled here.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from buyclean.core.readers.pdf.layout import Line, Page, Word, bbox_of
from buyclean.core.readers.pdf.numbers import continues, is_blank_cell, parse_cell, split_run
from buyclean.core.readers.pdf.results import AGGREGATE, FRAGMENT, MODULE, UNIT_WORD, GwpFinding, indicator_kind, key
from buyclean.core.units import convert_per_unit, dimension

# The unit a column head states for its values; short ton before metric ton, which 'ton' alone would match.
_COLUMN_UNITS = (
    ("yd3", re.compile(r"yd3|yd³|yd\^3|cubic\s*yard|\bcy\b", re.I)),
    ("m3", re.compile(r"\bm3\b|m³|m\^3|cubic\s*met", re.I)),
    ("short_ton", re.compile(r"short\s*ton|\bus\s*ton|ton\s*\(short\)|2,?000\s*lb", re.I)),
    ("t", re.compile(r"metric\s*ton|tonne|1,?000\s*kg", re.I)),
)
# Values printed to three significant figures in both columns agree to about 1% after conversion.
_AGREE = 0.012


@dataclass
class Column:
    label: str
    x0: float
    x1: float
    per: str | None = None  # the unit stated in the column head
    variant: str | None = None  # a scenario or product variant named above the column

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
class TableCarry:
    """The columns of a table whose GWP row had not appeared when its page ended."""

    columns: list[Column] = field(default_factory=list)
    page: int = 0


def _header_at(lines: list[Line], i: int) -> list[Column] | None:
    """Return the module columns of a header line (merging stacked parts like 'TOTAL' / 'A1-A3'), or None."""
    line = lines[i]
    tokens = [w for w in line.words if MODULE.match(key(w.text)) or key(w.text) in ("A1-", "TOTAL")]
    modules = sum(1 for w in tokens if MODULE.match(key(w.text)))
    single = modules == 1 and re.search(r"indicator|parameter|impact categor", line.text, re.I)
    if modules < 2 and not single:
        return None
    h = max(line.bottom - line.top, 6.0)
    block = [other for other in lines if abs(other.yc - line.yc) < 2.2 * h]
    near = [w for other in block for w in other.words if FRAGMENT.match(key(w.text))]
    groups: list[tuple[list[Word], float, float]] = []
    for w in sorted(near, key=lambda w: w.x0):
        for n, col in enumerate(groups):
            if w.x0 < col[2] - 1 and w.x1 > col[1] + 1:
                col[0].append(w)
                groups[n] = (col[0], min(col[1], w.x0), max(col[2], w.x1))
                break
        else:
            groups.append(([w], w.x0, w.x1))
    result = []
    for words, x0, x1 in groups:
        label = "".join(key(w.text) for w in sorted(words, key=lambda w: w.top))
        if label.startswith("TOTAL") and AGGREGATE.match(label):
            label = label[5:]
        label = label.replace("PRODUCTSTAGE", "")
        if MODULE.match(label):
            result.append(Column(label, x0, x1))
    if not (len(result) >= 2 or (single and result)):
        return None
    _annotate(block, result)
    return result


def _annotate(block: list[Line], columns: list[Column]) -> None:
    """Give each column the unit or the variant name printed in the header block above or below its code."""
    centres = [c.xc for c in columns]
    spacing = min((b - a for a, b in itertools.pairwise(centres)), default=60.0)
    texts: list[list[Word]] = [[] for _ in columns]
    extents = [[c.x0, c.x1] for c in columns]
    words = sorted((w for line in block for w in line.words), key=lambda w: w.x0)
    for w in words:
        if FRAGMENT.match(key(w.text)) or parse_cell(w.text) is not None:
            continue
        # distance to each column's head so far: a head like 'A1-A3 (per metric ton)' runs on word by word
        gaps = [max(x0 - w.x1, w.x0 - x1, 0.0) for x0, x1 in extents]
        k = min(range(len(columns)), key=lambda k: (gaps[k], abs(centres[k] - w.xc)))
        if gaps[k] < min(8.0, spacing / 2):
            texts[k].append(w)
            extents[k] = [min(extents[k][0], w.x0), max(extents[k][1], w.x1)]
    for col, words in zip(columns, texts, strict=True):
        text = " ".join(w.text for w in sorted(words, key=lambda w: (round(w.top), w.x0)))
        col.per = next((unit for unit, pattern in _COLUMN_UNITS if pattern.search(text)), None)
        if col.per is not None:
            # a head like 'A1-A3 (per short ton)' is wider than its code and its values sit under all of it
            col.x0, col.x1 = min(col.x0, *(w.x0 for w in words)), max(col.x1, *(w.x1 for w in words))
        if col.per is None and re.search(r"[^\W\d_]{2}", text):
            col.variant = text.strip()


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
                last.text += w.text
                last.words.append(w)
                last.value = parse_cell(last.text)
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
                 and not UNIT_WORD.match(w.text)]
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


def _aggregates(columns: list[Column], row: dict[int, Cell]) -> list[tuple[Column | None, float, str, list[Cell]]]:
    """Return the A1-A3 values of a row: one per aggregate column, else the sum of A1, A2 and A3."""
    found: list[tuple[Column | None, float, str, list[Cell]]] = []
    for idx, col in enumerate(columns):
        cell = row.get(idx)
        if AGGREGATE.match(col.label) and cell is not None and cell.value is not None:
            found.append((col, cell.value, "A1-A3", [cell]))
    if found:
        return found
    split = {col.label.rstrip("*"): idx for idx, col in enumerate(columns)}
    if all(m in split for m in ("A1", "A2", "A3")):
        cells = [row.get(split[m]) for m in ("A1", "A2", "A3")]
        values = [c.value for c in cells if c is not None and c.value is not None]
        if len(values) == 3:
            return [(None, sum(values), "A1+A2+A3", [c for c in cells if c])]
    return []


_HEADING = re.compile(r"(?:impacts?|product|mix|results? for|påvirkning|wirkungen|impatti)\s*[:\-–]\s*(.+)$", re.I)


def _heading(lines: list[Line], header_top: float) -> str | None:
    """Return a product named by the heading just above a table ('Potential environmental impact: D11540')."""
    above = [ln for ln in lines if header_top - 45 < ln.bottom <= header_top + 1]
    for line in reversed(above):
        m = _HEADING.search(line.text)
        if m:
            return m.group(1).strip()
    return None


def _unit_findings(base: GwpFinding, values: list[tuple[Column | None, float, str, list[Cell]]]
                   ) -> GwpFinding | None:
    """One finding from columns that give the same result per m3 and per yd3 (or per t and short ton)."""
    stated = [(col.per, value) for col, value, _m, _c in values if col is not None and col.per]
    if len(stated) != len(values) or len({per for per, _v in stated}) != len(stated):
        return None
    dims = {dimension(per) for per, _v in stated}
    if len(dims) != 1:
        return None
    primary = next(((per, v) for per, v in stated if per in ("m3", "t")), stated[0])
    others = tuple((v, per) for per, v in stated if per != primary[0])
    review = None
    for value, per in others:
        expected = convert_per_unit(primary[1], primary[0], per)
        if expected is None or abs(expected - value) > _AGREE * max(abs(expected), abs(value), 1e-9):
            review = (f"the per-{primary[0]} value {primary[1]:g} and the per-{per} value {value:g} in the same row "
                      f"do not agree by the unit factor (expected {expected:.4g} per {per}); check the table")
    return GwpFinding(primary[1], base.kind, "A1-A3", base.page, base.bbox, base.text, base.product,
                      per=primary[0], review=review, others=others if review else ())


def _region_findings(page: Page, lines: list[Line], top: float, bottom: float, columns: list[Column],
                     heading: str | None) -> list[GwpFinding]:
    centres = [c.xc for c in columns]
    spacing = min((b - a for a, b in itertools.pairwise(centres)), default=60.0)
    boundary = centres[0] - max(spacing / 2, (columns[0].x1 - columns[0].x0) / 2 + 2)
    body = [w for ln in lines if top < ln.yc < bottom for w in ln.words]
    cells = _cells_in([w for w in body if w.xc >= boundary], columns)
    labels = _labels(lines, top, bottom, boundary)
    findings: list[GwpFinding] = []
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
        values = _aggregates(columns, row)
        if not values:
            continue
        all_words = words + [w for c in row.values() for w in c.words]
        shown = " ".join([text] + [row[idx].text for idx in sorted(row)])
        base = GwpFinding(values[0][1], kind or "plain", values[0][2], page.number, bbox_of(all_words), shown,
                          product=heading)
        by_unit = _unit_findings(base, values) if len(values) > 1 else None
        if by_unit is not None:
            findings.append(by_unit)
            continue
        for col, value, modules, _cells in values:
            product = heading
            if len(values) > 1 and col is not None and col.variant:
                product = f"{heading} ({col.variant})" if heading else col.variant
            findings.append(GwpFinding(value, base.kind, modules, page.number, base.bbox, shown, product=product,
                                       per=col.per if col is not None else None))
    return findings


def read_row_tables(page: Page, carry: TableCarry | None = None) -> tuple[list[GwpFinding], TableCarry | None]:
    """Read GWP rows from tables with modules as columns on one page; carry a table that runs on."""
    lines = page.lines()
    headers = [(i, cols) for i in range(len(lines)) if (cols := _header_at(lines, i)) is not None]
    findings: list[GwpFinding] = []
    if carry is not None and carry.page == page.number - 1:
        # the table continues from the previous page without repeating its header
        end = lines[headers[0][0]].top - 2 if headers else page.height
        findings += _region_findings(page, lines, 0.0, end, carry.columns, None)
    last: TableCarry | None = None
    for n, (i, columns) in enumerate(headers):
        if not any(AGGREGATE.match(c.label) or c.label in ("A1", "A3") for c in columns):
            continue
        top = lines[i].bottom + 0.5 * (lines[i].bottom - lines[i].top)
        bottom = lines[headers[n + 1][0]].top - 2 if n + 1 < len(headers) else page.height
        found = _region_findings(page, lines, top, bottom, columns, _heading(lines, lines[i].top))
        findings += found
        last = None if found or n + 1 < len(headers) else TableCarry(columns, page.number)
    return findings, last
