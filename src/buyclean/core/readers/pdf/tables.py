"""Rebuild tables from word positions into a grid of cells, once, for every results-table shape.

A table is found by its body: consecutive lines that hold value cells (numbers, percentages, 'MND'). Its columns
come from the x-extents of the body's cells (two cells of one row never share a column); its head is the lines
just above the body, each head word merged into the column it sits over, and a head phrase that spans several
columns becomes a group head of each. Lines inside the body without values are row labels that wrapped (joined to
the rows they sit beside), section rows ('TRACI 2.1', a product name) that apply to the rows below them, or group
labels of a sparse first column (a product name printed once beside its rows). A table that continues on the
next page without its head is joined to it when its columns line up.

What a column or a row *means* (indicator, module, unit, product) is not decided here: see ``values``.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from buyclean.core.readers.pdf.layout import Line, Page, Word, bbox_of
from buyclean.core.readers.pdf.layout import median as _median
from buyclean.core.readers.pdf.numbers import cached, continues, digit_in, fold, split_run, value_of

# A gap wider than this share of the text height separates two cells of a line; a word space is about 0.25.
CELL_GAP = 0.75
# A table's head of module codes may stand this many text heights above its body: a tall head cell (a head that
# wraps in other columns, or room for one) prints one-line heads at its middle (environdec 8952's results)
MODULE_HEAD_REACH = 6.0
HEADING_SIZE = 2.5  # a line this many times taller than the head below it is a heading over the table, not a head
Box = tuple[float, float, float, float]

@dataclass(slots=True)
class Phrase:
    """Words of one line that belong to one cell."""

    words: list[Word]
    kind: str  # number, percent, blank, text
    value: float | None
    # where its first word starts and its last word ends, given when it is made and kept when a word is added (asked
    # of every cell many times: read as fields, not worked out); derived, so not compared
    x0: float = field(compare=False, repr=False)
    x1: float = field(compare=False, repr=False)

    # (most cells are one word: it is read without a join or a generator; these are asked of every cell many times)
    @property
    def text(self) -> str:
        words = self.words
        return words[0].text if len(words) == 1 else " ".join([w.text for w in words])

    def add(self, words: list[Word]) -> None:
        """Add words after its own (a cell joined with the next on its line)."""
        self.words = [*self.words, *words]
        self.x1 = self.words[-1].x1

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def top(self) -> float:
        words = self.words
        return words[0].top if len(words) == 1 else min(w.top for w in words)

    @property
    def bottom(self) -> float:
        words = self.words
        return words[0].bottom if len(words) == 1 else max(w.bottom for w in words)

    @property
    def is_value(self) -> bool:
        return self.kind != "text"


def _height(line: Line) -> float:
    return line.height


def phrases_of(line: Line) -> list[Phrase]:
    """Split a line into cells: at wide gaps, and around values, except a number inside a text ('Mix 4000 PSI')."""
    h = _height(line)
    pieces: list[Word] = []
    for w in line.words:
        parts = _parts(w.text)
        if len(parts) == 1:
            pieces.append(w)
            continue
        step = (w.x1 - w.x0) / max(len(w.text), 1)
        x = w.x0
        for part in parts:
            pieces.append(replace(w, text=part, x0=x, x1=x + step * len(part)))
            x += step * len(part)
    kinds = [value_of(w.text) for w in pieces]
    # the width of a word space in this line's font: what separates words of one text, not cells
    spaces = [b.x0 - a.x1 for (a, ka), (b, kb) in itertools.pairwise(zip(pieces, kinds, strict=True))
              if ka[0] == kb[0] == "text" and 0 <= b.x0 - a.x1 < CELL_GAP * h]
    space = _median(spaces) if spaces else 0.3 * h
    out: list[Phrase] = []
    # whether each cell so far holds a digit: a cell of words without any, grown by another, stays a text (most
    # cells of a line of prose: not one classification of each longer text, a line's length squared)
    digits: list[bool] = []
    for j, w in enumerate(pieces):
        kind, value = kinds[j]
        if out:
            last = out[-1]
            gap = w.x0 - last.x1
            near = gap < CELL_GAP * h
            if kind == "text":
                # words of one cell stand a word space apart; cells of a tight table a few spaces apart
                near = near and gap <= 2.5 * space + 1.0
                # a wrapped description's second line may start with a number ('7% FA 8% SL'): a word space apart
                nxt = pieces[j + 1] if j + 1 < len(pieces) else None
                # a value with its unit in the cell ('744.6 kg CO2e'): one cell
                with_unit = last.kind == "number" and len(last.words) == 1 and (
                    (w.text.lower() in ("kg", "t") and nxt is not None and nxt.text.upper().startswith(("CO2", "CO₂")))
                    or w.text.upper().startswith(("KGCO2", "KG CO2"))) and gap <= 1.3 * space + 0.5
                join = (near and (last.kind == "text" or (len(last.words) == 1 and _short_int(last.text)) or (
                    len(last.words) == 1 and (_texty(last.text) or _QUANTITY_UNIT.match(w.text) is not None)
                    and gap <= 1.3 * space + 0.5))) or with_unit
            else:
                # a number joins the text before it only when text follows it closely too ('MIX 4000 PSI 3/4')
                nxt = pieces[j + 1] if j + 1 < len(pieces) else None
                embedded = nxt is not None and kinds[j + 1][0] == "text" and nxt.x0 - w.x1 < CELL_GAP * h
                versioned = _TAKES_NUMBER.match(last.words[-1].text) is not None or kind == "blank"
                if versioned and _TAKES_NUMBER.match(last.words[-1].text) and gap < 0.8 * h and near:
                    # a version right after its name ('TRACI 2.2', 'EF 3.1'), in any font's spacing
                    last.add([w])
                    last.kind, last.value = value_of(" ".join(x.text for x in last.words))
                    digits[-1] = True  # (a number)
                    continue
                # '8000 PSI 3/4" WALL 12%': a percent or a small whole number a word space after text is part of it
                spaced = gap <= 1.3 * space + 0.5 and _texty(w.text)
                join = near and last.kind == "text" and (embedded or versioned or spaced) and (
                    gap < 0.45 * h or gap <= 1.3 * space + 0.5)  # a word space (wide in a monospaced font)
            if join:
                last.add([w])
                if digits[-1] or digit_in(w.text):
                    last.kind, last.value = value_of(" ".join([x.text for x in last.words]))
                    digits[-1] = True
                else:
                    last.kind, last.value = "text", None
                continue
        out.append(Phrase([w], kind, value, w.x0, w.x1))
        digits.append(digit_in(w.text))
    return out


_GLUED_UNIT = re.compile(r"^(CO(?:2|₂)[-‐]?(?:e|eq|eqv)?\.?\)?)([-+]?\d[\d,.]*(?:[eE][-+]?\d+)?)$")


@cached  # a pure function of a word's text, asked of every word of every line cut into cells
def _parts(text: str) -> tuple[str, ...]:
    """The cells a word's text holds: itself, or a unit run into its value ('CO2e309': a unit, then a value), or
    values the text layer ran together ('5.25E-16.75E-1')."""
    glued = _GLUED_UNIT.match(text)
    return (glued.group(1), glued.group(2)) if glued else tuple(split_run(text))


# words followed by a number that belongs to them: 'TRACI 2.1', 'Version 3', 'PG 64-22', 'Class 4'
_TAKES_NUMBER = re.compile(r"(?i)^(traci|cml|ef|v|ver\.?|version|iso|en|pcr|ar|ipcc|no\.?|#|type|class|grade|pg|"
                           r"table|page|section|figure|phase|stage|step|plant|mix|scenario|option|cem|cfc|cfc-?|per)$")


# a number a word space before its unit is a quantity in a description ('50.0 MPa 28mm', '22.8 MPa @ 3 days')
_QUANTITY_UNIT = re.compile(r"(?:mpa|psi|ksi|n/mm|mm|cm|in\.?|kg/m|lb|pcf|days?)\b", re.I)


_TEXTY = re.compile(r"\d{1,3}(?:[.,]\d)?\s*%|\d{1,4}")
_SHORT_INT = re.compile(r"\d{1,8}")


def _texty(text: str) -> bool:
    """A number that reads as part of a description: a percentage or a whole number of up to four digits."""
    return bool(_TEXTY.fullmatch(text.strip()))


def _short_int(text: str) -> bool:
    """A whole number without separators that text may follow: '40 MPa', a mix number '7745966 4000 PSI'."""
    return bool(_SHORT_INT.fullmatch(text))


@dataclass(slots=True)
class Cell:
    text: str
    kind: str
    value: float | None
    words: list[Word]

    @property
    def bbox(self) -> Box:
        return bbox_of(self.words)


@dataclass(slots=True)
class Column:
    x0: float
    x1: float
    head: str = ""  # the head text printed over this column alone, lines joined top to bottom
    groups: list[str] = field(default_factory=list)  # heads that span this column and its neighbours, outermost first
    stub: bool = False  # a row-label column, left of the values
    text: bool = False  # a column of texts among the values (a description), its texts set left
    head_words: list[Word] = field(default_factory=list)
    # texts printed in this column on rows of the products' facts among the values ('Mix type | Normal weight |
    # High early strength (3-day)'): what a product named by this column's head is
    facts: list[str] = field(default_factory=list)

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def title(self) -> str:
        return " ".join([*self.groups, self.head]).strip()


@dataclass(slots=True)
class Row:
    cells: dict[int, Cell]
    top: float
    bottom: float
    label: list[str] = field(default_factory=list)  # stub texts, left to right (wrapped lines joined)
    label_pieces: list[str] = field(default_factory=list)  # the same texts as printed, line by line
    group: str | None = None  # a sparse first column's label for this row (a product printed once per group)
    sections: list[str] = field(default_factory=list)  # section rows above this one, nearest last
    words: list[Word] = field(default_factory=list)
    stub: dict[int, list[str]] = field(default_factory=dict)  # stub column -> its texts on the data line
    pieces: list[tuple[int, float, str]] = field(default_factory=list)  # (stub column, top, text) of its label
    boxes: list[tuple[int, float, float, float]] = field(default_factory=list)  # (stub column, top, bottom, x0)
    label_columns: list[int] = field(default_factory=list)  # the stub column of each text of ``label``

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def label_text(self) -> str:
        return " ".join(t for t in self.label if t)


@dataclass(slots=True)
class Table:
    page: int
    columns: list[Column]
    rows: list[Row]
    caption: list[str]  # lines above the head, nearest last
    corner: str  # the head text over the stub ('Impact category', 'TRACI 2.1')
    top: float
    bottom: float
    continued: bool = False  # its head came from the previous page's table
    heading: list[str] = field(default_factory=list)  # the first lines of its page (a site or product heading)
    after: list[str] = field(default_factory=list)  # up to two lines right below it (a caption set under a table)

    @property
    def value_columns(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if not c.stub]


@dataclass(slots=True)
class _Item:
    phrase: Phrase
    row: int


def _cluster(items: list[_Item]) -> list[list[_Item]]:
    """Group cells into columns: overlapping x-extents, never two cells of one row."""
    clusters: list[tuple[list[_Item], float, float, set[int]]] = []
    for item in sorted(items, key=lambda i: i.phrase.xc):
        p = item.phrase
        best, best_overlap = None, 0.0
        left, right = p.x0, p.x1  # (read once, and comparisons for min and max: every cell against every column)
        for n, (_members, x0, x1, rows) in enumerate(clusters):
            if item.row in rows:
                continue
            overlap = (right if right < x1 else x1) - (left if left > x0 else x0)
            if overlap > best_overlap:
                best, best_overlap = n, overlap
        if best is None:
            clusters.append(([item], p.x0, p.x1, {item.row}))
        else:
            members, x0, x1, rows = clusters[best]
            members.append(item)
            rows.add(item.row)
            clusters[best] = (members, min(x0, p.x0), max(x1, p.x1), rows)
    merged = True
    while merged:
        merged = False
        clusters.sort(key=lambda c: c[1])
        for a, b in itertools.pairwise(range(len(clusters))):
            ma, a0, a1, ra = clusters[a]
            mb, b0, b1, rb = clusters[b]
            if b0 < a1 and not (ra & rb):
                clusters[a] = (ma + mb, min(a0, b0), max(a1, b1), ra | rb)
                del clusters[b]
                merged = True
                break
    return [c[0] for c in sorted(clusters, key=lambda c: c[1])]


_NUMBERED_CAPTION = re.compile(r"(table|tab\.|figure|fig\.|tabelle)\s*\d", re.I)


def _data_line(phrases: list[Phrase]) -> bool:
    if _looks_like_head(phrases):
        return False
    if phrases and _NUMBERED_CAPTION.match(phrases[0].text):
        return False  # a caption ('Table 2. ... per 1,000 kg') is no row of values
    values = [p for p in phrases if p.is_value]
    numbers = sum(p.kind in ("number", "percent") for p in values)
    if not numbers:
        return False  # dashes and 'MND' alone are no row of values
    if all(_wrapped_version(p, phrases[j + 1] if j + 1 < len(phrases) else None)
           for j, p in enumerate(phrases) if p.is_value):
        return False  # '2.1 GWP' | '2.1 GWP': a tall head's method versions wrapped under 'TRACI', no values
    texts = len(phrases) - len(values)
    if numbers == 1 and texts >= 3:
        return False  # a head line of units with a stray number in it
    return len(phrases) >= 2 or len(phrases[0].text) < 12


_VERSION = re.compile(r"\d\.\d")


def _wrapped_version(p: Phrase, after: Phrase | None) -> bool:
    """A method's version that its head wrapped away from its name ('2.1' starting '2.1 GWP' under 'TRACI'): a
    one-digit version, a word space before the head's text."""
    return bool(_VERSION.fullmatch(p.text)) and after is not None and after.kind == "text" and \
        0 <= after.x0 - p.x1 < 0.6 * (p.bottom - p.top)


def _version_under_name(lines: list[Line], phrases: list[list[Phrase]], i: int) -> bool:
    """A line of versions alone, each right under its method's name ('TRACI' over '2.1' in a tall head cell): part
    of the head, no row of values."""
    values = [p for p in phrases[i] if p.is_value]
    if not values or len(values) != len(phrases[i]) or not all(re.fullmatch(r"\d\.\d", p.text) for p in values):
        return False
    h = _height(lines[i])
    above = [q for j in range(max(0, i - 3), i) if lines[i].top - lines[j].bottom < 1.5 * h for q in phrases[j]]
    return all(any(q.kind == "text" and _METHOD_NAME.fullmatch(q.text) and min(q.x1, p.x1) - max(q.x0, p.x0) > 0
                   for q in above) for p in values)


_METHOD_NAME = re.compile(r"(?i)traci|cml|ef|recipe|ipcc\s+ar\d")


def _blocks(lines: list[Line], phrases: list[list[Phrase]]) -> list[list[int]]:
    """Indexes of lines forming each table body: data lines near each other, with the lines between them."""
    data = [i for i, ps in enumerate(phrases) if _data_line(ps) and not _version_under_name(lines, phrases, i)]
    blocks: list[list[int]] = []
    counts: list[list[int]] = []
    for i in data:
        h = _height(lines[i])
        n = sum(p.is_value for p in phrases[i])
        if blocks:
            last = blocks[-1][-1]
            gap = lines[i].top - lines[last].bottom
            between = i - last - 1
            # a line with far fewer values than the rows above (a footer's page number) does not continue them
            typical = _median(counts[-1])
            attributes = _attribute_rows(lines, phrases, last, i) or _wrapped_cells(lines, phrases, last, i)
            heads_between = not attributes and any(_looks_like_head(phrases[j]) or _sentence(lines[j], phrases[j])
                                                   or _CAPTION_LINE.match(lines[j].text) for j in range(last + 1, i))
            # rows of a roomy table stand far apart, but their values stay in the same columns
            reach = 5.0 if _aligned_values(phrases[last], phrases[i]) else 3.2
            if attributes or (gap <= reach * h and between <= 3 and not heads_between):
                if n < 0.3 * typical and n < 2:
                    continue  # a stray number (a footer's page number, a wrapped name): not a row of this table
                blocks[-1].extend(range(last + 1, i + 1))
                counts[-1].append(n)
                continue
        blocks.append([i])
        counts.append([n])
    # a label printed on two lines beside its values overlaps the value line: it belongs to the body, not the head
    for block in blocks:
        first, last = block[0], block[-1]
        values_x0 = min((p.x0 for p in phrases[first] if p.is_value), default=math.inf)
        while first > 0 and lines[first - 1].bottom > lines[first].top + 0.25 * _height(lines[first]) \
                and not _data_line(phrases[first - 1]) and lines[first - 1].x0 < values_x0:
            first -= 1
            block.insert(0, first)
        while last + 1 < len(lines) and not _data_line(phrases[last + 1]) and not _looks_like_head(phrases[last + 1]) \
                and not _sentence(lines[last + 1], phrases[last + 1]) \
                and (lines[last + 1].top < lines[last].bottom + 0.35 * _height(lines[last])
                     or _continues_label(lines[last], lines[last + 1])):
            last += 1
            block.append(last)
    return blocks


_CAPTION_LINE = re.compile(r"\s*(?:table|tab\.|tabelle)\s*\d+\b", re.I)  # 'Table 4. ... per 1 yd3' starts a table
# the label of a row of a product's facts set in the columns of its values ('Mix type | Normal weight | ...')
_ATTRIBUTE_LABEL = re.compile(r"^\s*(?:mix\s+type|type|use|application|description|class|exposure|slump|air|"
                              r"w/cm?|scm|cement|binder|(?:compressive\s+)?strength|f'?c|age|density|unit\s+weight|"
                              r"aggregate|max\.?\s+aggregate|placement)\b", re.I)


def _attribute_rows(lines: list[Line], phrases: list[list[Phrase]], last: int, i: int) -> bool:
    """True when the lines between two rows of values are rows of the products' facts in texts, set in the values'
    columns at the rows' spacing ('Compressive strength | 41 | 55' / 'Mix type | Normal | Flowable' / 'weight |
    fill' / 'Global warming potential | 345 | 156'): rows of one table, not the head of another. One of them is
    labelled as a fact ('Mix type', 'Slump'), none as a head ('Impact category')."""
    between = range(last + 1, i)
    if not between or len(between) > 8:
        return False
    h = _height(lines[i])
    values = [p for p in phrases[i] if p.is_value]
    # texts centred over right-set numbers reach left of them: right of the row's label texts is the values' side
    labels_end = max((p.x1 for p in phrases[i] if not p.is_value and p.x1 < values[0].x0), default=lines[i].x0) \
        if values else 0.0
    stub_x0 = lines[i].x0
    if len(values) < 2 or any(lines[b].top - lines[a].bottom > 1.2 * h
                              for a, b in itertools.pairwise(range(last, i + 1))):
        return False
    labelled = False
    columns: set[int] = set()
    for j in between:
        cells = phrases[j]
        if any(p.is_value for p in cells):
            return False
        in_values = [p for p in cells if p.x0 > labels_end + 0.5 * h]
        stub = [p for p in cells if p not in in_values]
        if len(stub) > 1 or any(p.x1 > values[0].x0 for p in stub):
            return False
        # (cells centred in tall rows put a row's label on any of its lines: the texts of the values' side are
        # counted over all the lines between)
        columns |= {n for p in in_values for n, v in enumerate(values)
                    if min(p.x1, v.x1 + h) - max(p.x0, v.x0 - 3 * h) > 0}
        if stub and _ATTRIBUTE_LABEL.match(stub[0].text) and abs(stub[0].x0 - stub_x0) < 1.5 * h:
            labelled = True
        elif stub and not re.match(r"[(\[a-z]", stub[0].text):
            return False  # a label of another kind ('Impact category' over new columns): another table's head
    return labelled and len(columns) >= 2


def _wrapped_cells(lines: list[Line], phrases: list[list[Phrase]], last: int, i: int) -> bool:
    """True when the lines between two rows of values are a text cell of the upper row wrapped over them, however
    many ('7813 LW | 3000 psi at 28 | 2.31E+02 ...' / 'days,' / 'lightweight' / 'aggregate,' / ... / 'pcf'): each
    line's texts set under a cell of that row, at a wrapped line's spacing."""
    between = range(last + 1, i)
    if len(between) <= 3 or len(between) > 16:
        return False
    h = _height(lines[last])
    # under the row's texts, or its first cell ('7802' over 'LIGHTWEIGHT': a code wraps too), never its values;
    # a wrapped text may hold a number ('density 1,720' / 'kg/m³')
    values = [p for p in phrases[last] if p.is_value]
    # (a row of a table: values beside its cells, and its texts cells left of them, not a sentence ending in a
    # number over a table's head: 'Tinted float glass: ... mass 7.5' / 'kg/m2' / 'per t  per m2' / 'Indicator ...')
    width = lines[last].x1 - lines[last].x0
    anchors = [p for p in phrases[last] if p.kind == "text" and values and p.x1 < values[-1].x0
               and p.x1 - p.x0 < 0.5 * width]
    if len(values) < 2 or not anchors or any(lines[b].top - lines[a].bottom > 0.8 * h
                                             for a, b in itertools.pairwise(range(last, i + 1))) or any(
            _looks_like_head(phrases[j]) for j in between):
        return False
    anchors.append(phrases[last][0])
    return all(phrases[j] and all(any(t.x0 - h <= p.x0 and p.x1 <= t.x1 + 4 * h for t in anchors)
                                  for p in phrases[j]) for j in between)


def _sentence(line: Line, phrases: list[Phrase]) -> bool:
    """A line of prose, past a footnote mark: one long phrase ending in a full stop ('* Biogenic carbon is excluded
    from GWP per ISO 21930 section 7.2.7.'). It ends a table; it is never a head or a row."""
    said = [p for p in phrases if p.kind != "blank"]
    return bool(said) and len(said) <= 2 and len(said[0].words) >= 6 and line.text.rstrip().endswith(".") and \
        not re.match(r"\s*(table|tab\.)\s*\d", line.text, re.I)


def _continues_label(line: Line, below: Line) -> bool:
    """The last row's label wrapped onto the line below ('Total (A1-' / 'A3)'): a short line starting under the
    label, right below it."""
    label = line.words[0]
    return (below.top - line.bottom < 0.8 * _height(line) and len(below.words) <= 4
            and abs(below.x0 - label.x0) < 3 * _height(line) and below.x1 < line.words[-1].x0)


_MODULE_CODE = re.compile(r"^(A[1-5]|B[1-7]|C[1-4]|D|A1-A3|A4-A5|C1-C4|B1-B7)\*?$")
# the texts it matches (a word has no line break), for the test asked of every word of every line
_MODULE_CODES = frozenset(code + star for code in (*(f"A{n}" for n in range(1, 6)), *(f"B{n}" for n in range(1, 8)),
                                                   *(f"C{n}" for n in range(1, 5)), "D", "A1-A3", "A4-A5", "C1-C4",
                                                   "B1-B7") for star in ("", "*"))


def _module_codes(phrases: list[Phrase]) -> bool:
    """Two or more of the line's words are module codes (counted until the second)."""
    codes = 0
    for p in phrases:
        for w in p.words:
            if w.text in _MODULE_CODES:
                codes += 1
                if codes == 2:
                    return True
    return False


def _looks_like_head(phrases: list[Phrase]) -> bool:
    """A line of column heads: several module codes, or three or more text cells and no value."""
    return _module_codes(phrases) or (len(phrases) >= 3 and not any(p.is_value for p in phrases))


def _aligned_values(above: list[Phrase], below: list[Phrase]) -> bool:
    """True when most values of a line sit under values of the line above."""
    mine = [p for p in below if p.is_value]
    theirs = [p for p in above if p.is_value]
    if not mine or not theirs:
        return False
    # (the spans read once, and comparisons for min and max: asked of each data line against the one before it)
    spans = [(q.x0, q.x1) for q in theirs]
    hits = 0
    for p in mine:
        left, right = p.x0, p.x1
        hits += any((q1 if q1 < right else right) - (q0 if q0 > left else left) > 0 for q0, q1 in spans)
    return hits >= 0.6 * len(mine) and hits >= 2


def _is_head_line(line: Line, phrases: list[Phrase], left: float, right: float,
                  values_left: float = math.inf, heads_left: float = math.inf) -> bool:
    """Whether a line above a body can be part of its head; ``heads_left``: right of the stub's columns, where the
    value columns' heads are set (wider than the numbers under them: 'GWP (TRACI 2.2), kg CO2e per metric ton')."""
    if any(p.kind in ("number", "percent") for p in phrases) and len(phrases) > 2:
        # a head may carry numbers ('A1-A3', '2,000 lb') but not a row of values
        values = sum(p.kind in ("number", "percent") for p in phrases)
        if values * 2 >= len(phrases):
            return False
    width = line.x1 - line.x0
    # a group head over value columns, or the heads of several value columns set closely (a monospaced font)
    over_values = (line.x0 >= values_left - 2 or line.x0 >= heads_left) and len(line.words) <= 24
    # a sentence over the table: a caption, not a head; a line of names in title case ('Structural Tubing
    # Galvanized Roof Wide Flange', the first line of four product heads set close) is no sentence
    sentence = any(w.text[:1].islower() for w in line.words)
    if len(phrases) == 1 and not over_values and sentence and (
            (width > 0.8 * (right - left) and len(line.words) > 8) or len(line.words) >= 6):
        return False
    if re.match(r"(table|tab\.|figure|tabelle)\s*\d", line.text, re.I):
        return False
    if re.match(r"^[^:]{0,40}(impacts?|results?|product|mix|påvirkning|wirkungen|impatti)\s*:\s*\S", line.text, re.I):
        return False  # 'Environmental impact: <product>' names the table's product, above its head
    return line.x1 > left - 2 and line.x0 < right + 2


def page_lines(page: Page) -> list[Line]:
    """The page's lines of words (numbers a narrow cell wrapped are joined: see ``layout``)."""
    return page.lines()


_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def furniture_key(text: str) -> str:
    """A running header or footer compared across pages: digits (page numbers) and spaces ignored (a line read
    from pdfium's text runs may space its words differently from one read from its characters' boxes)."""
    return _DIGITS.sub("#", _SPACES.sub("", text.lower()))


def running_lines(pages: list[Page]) -> set[str]:
    """Headers and footers: lines at the top or bottom edge of a page printed the same on several pages."""
    seen: dict[str, int] = {}
    needed = max(2, math.ceil(0.5 * len(pages)))  # pages a line must be printed on
    for done, page in enumerate(pages):
        left = len(pages) - done
        # every line seen is furniture already or can no longer be, nor can a line not seen yet: the pages left
        # cannot change the answer (once past half of a document, when its running lines are on every page)
        if left < needed and all(n >= needed or n + left < needed for n in seen.values()):
            break
        lines = page.edge_lines(0.07)
        edge = [ln for ln in lines if ln.bottom < 0.07 * page.height][:2] + \
               [ln for ln in lines if ln.top > 0.93 * page.height][-2:]
        # a table's head or rows repeated at the top of each page are not furniture
        edge = [ln for ln, phrases in ((ln, phrases_of(ln)) for ln in edge)  # (each line's cells made once)
                if not _data_line(phrases) and not _looks_like_head(phrases)
                and not re.search(r"gwp|global warming|a1\s*-\s*a3", ln.text, re.I)]
        for key in {furniture_key(ln.text) for ln in edge}:
            seen[key] = seen.get(key, 0) + 1
    # on half the pages or more (and two): a section heading printed atop two pages of fifty is content
    return {key for key, n in seen.items() if n >= needed}


def build_tables(page: Page, furniture: set[str] | frozenset[str] = frozenset()) -> list[Table]:
    """Find the tables on a page and rebuild each as columns, heads and rows of cells; ``furniture`` are the
    running headers and footers, which belong to no table."""
    # (no running lines in the document: no line's key to make)
    lines = [ln for ln in page_lines(page) if furniture_key(ln.text) not in furniture] if furniture else \
        list(page_lines(page))
    phrases = [_corner_row(phrases_of(line)) for line in lines]
    tables: list[Table] = []
    taken_above = -1
    for block in _blocks(lines, phrases):
        table = _table(page.number, lines, phrases, block, taken_above)
        if table is not None and _prose_line(table):
            continue  # a sentence that ends in a number ('... mass 7.5' / 'kg/m2'): the next table's caption
        if table is not None:
            table.heading = [ln.text for ln in lines[:3] if ln.bottom < table.top]
            tables.append(table)
            taken_above = block[-1]
    for n, table in enumerate(tables):
        limit = tables[n + 1].top if n + 1 < len(tables) else math.inf
        below = [ln for ln in lines if table.bottom < ln.top and ln.bottom <= limit]
        # a last row of 'not declared' marks ('PERE | MJ | ND | — | ND') is the table's, not its caption
        end = table.bottom
        while below and sum(value_of(w.text)[0] == "blank" for w in below[0].words) >= 2:
            end, below = below[0].bottom, below[1:]
        table.after = [ln.text for k, ln in enumerate(below[:2])
                       if ln.top - (below[k - 1].bottom if k else end) < 2.2 * _height(ln)]
    return tables


def _prose_line(table: Table) -> bool:
    """A 'table' of one row whose one value ends a sentence of many words (with its punctuation): prose."""
    if len(table.rows) != 1 or len(table.rows[0].cells) != 1:
        return False
    label = " ".join(table.rows[0].label)
    return len(label.split()) >= 10 and bool(re.search(r"[;:,]", label))


_CORNER = re.compile(r"(?:environmental |impact )?(?:indicators?|parameters?)|impact categor(?:y|ies)|"
                     r"(?:lca )?results?|mix(?: id| number| no\.?| design)?|product(?: name| id)?", re.I)


def _corner_row(phrases: list[Phrase]) -> list[Phrase]:
    """A head row naming products by number ('Indicator | 2431489', 'Parameter | 7745966 | 3648629'): its numbers
    are product names, not values. Only whole numbers beside a corner word, which no row of values is labelled."""
    if len(phrases) >= 2 and _CORNER.fullmatch(phrases[0].text.strip(" :")) and all(
            p.kind == "text" or (p.kind == "number" and re.fullmatch(r"\d{3,}", p.text)) for p in phrases[1:]):
        for p in phrases[1:]:
            p.kind, p.value = "text", None
    return phrases


def _table(number: int, lines: list[Line], phrases: list[list[Phrase]], block: list[int],
           taken_above: int) -> Table | None:
    data = [i for i in block if _data_line(phrases[i])]
    value_items = [_Item(p, i) for i in data for p in phrases[i] if p.is_value]
    if not value_items:
        return None
    value_clusters = _cluster(value_items)
    if len(data) >= 4:
        # a number printed once in a text column ('Synergy 140 & 170') is text, not a column of values
        weak = [c for c in value_clusters if len(c) < max(2, 0.25 * len(data))]
        for c in weak:
            for it in c:
                it.phrase.kind, it.phrase.value = "text", None
        value_clusters = [c for c in value_clusters if c not in weak]
        data = [i for i in data if any(p.is_value for p in phrases[i])]
        if not value_clusters:
            return None
    value_clusters = _rejoin_names(value_clusters, phrases, data)
    if not value_clusters:
        return None
    first_value_x = min(min(it.phrase.x0 for it in c) for c in value_clusters)
    # text cells: left of the values they label the row (the stub); among the values they are text columns
    text_items = [_Item(p, i) for i in block for p in phrases[i] if not p.is_value]
    stub_items = [it for it in text_items if it.phrase.x1 <= first_value_x + 2]
    inner_text = [it for it in text_items if it.phrase.x1 > first_value_x + 2]
    stub_clusters = _cluster(stub_items) if stub_items else []
    columns: list[Column] = []
    members: list[list[_Item]] = []
    for c in stub_clusters:
        columns.append(Column(min(it.phrase.x0 for it in c), max(it.phrase.x1 for it in c), stub=True))
        members.append(c)
    for c in value_clusters:
        columns.append(Column(min(it.phrase.x0 for it in c), max(it.phrase.x1 for it in c)))
        members.append(c)
    # text among the values: in the value column it overlaps, else its own column (a description between numbers)
    loose: list[_Item] = []
    for it in inner_text:
        k = _overlapping(columns, it.phrase)
        same = [m for m in members[k] if m.row == it.row] if k is not None else []
        h = it.phrase.bottom - it.phrase.top
        if k is not None and not columns[k].stub and (not same or (
                # a note right after the value of its cell ('27.6 (56 d)', '4000 psi'): part of that cell
                len(same) == 1 and same[0].phrase.is_value and 0 <= it.phrase.x0 - same[0].phrase.x1 < 0.8 * h)):
            members[k].append(it)
        else:
            loose.append(it)
    if loose and any(it.row in data for it in loose):
        for c in _cluster([it for it in loose if it.row in data]):
            columns.append(Column(min(it.phrase.x0 for it in c), max(it.phrase.x1 for it in c), text=True))
            members.append(c)
    for col, its in zip(columns, members, strict=True):
        # codes set left with the numbers of their column ('4202 SHOTCRETE' over '4203'): the column is as wide
        # as they are, for the head centred over them ('Mix ID'), unless that reaches into the next column
        wide = max([col.x1, *(it.phrase.x1 for it in its if it.row in data and it.phrase.kind == "text"
                              and abs(it.phrase.x0 - col.x0) < 1.0)])
        if not any(col.x1 < other.x0 < wide for other in columns):
            col.x1 = wide
    order = sorted(range(len(columns)), key=lambda k: columns[k].x0)
    columns = [columns[k] for k in order]
    members = [members[k] for k in order]
    top = lines[block[0]].top
    bottom = lines[block[-1]].bottom
    left = min(c.x0 for c in columns)
    right = max(c.x1 for c in columns)
    gaps = [lines[b].top - lines[a].bottom for a, b in itertools.pairwise(data)]
    row_gap = _median(gaps) if gaps else 0.0
    stub_right = max((c.x1 for c in columns if c.stub), default=-math.inf)
    head_lines = _head(lines, phrases, block[0], taken_above, left, right, row_gap,
                       min((c.x0 for c in columns if not c.stub), default=math.inf),
                       [(c.x0, c.x1) for c in columns if not c.stub],
                       stub_right + 2 if stub_right > -math.inf else math.inf)
    # a single-cell line between a head of several cells and the body is a section row ('Normal class')
    lead: list[str] = []
    while len(head_lines) >= 2 and len(phrases[head_lines[-1]]) == 1 and any(
            len(phrases[i]) >= 2 for i in head_lines[:-1]):
        last, above = lines[head_lines[-1]], lines[head_lines[-2]]
        if (last.top - above.bottom < 0.2 * _height(last) or last.x1 <= stub_right + 2 or (last.x0 > stub_right + 2
                and sum(min(c.x1, last.x1) - max(c.x0, last.x0) > -_height(last) for c in columns if not c.stub) == 1
                and not any(c.x0 - 2 <= (last.x0 + last.x1) / 2 <= c.x1 + 2 for c in columns if c.stub))) \
                and not (SECTION.match(last.text) and not (_UNIT_LINE.match(last.text) and last.x0 > stub_right + 2)):
            # a head word wrapped under its neighbours ('Param' / 'eter'), the stub's own head, or the last line
            # of a value column's head ('per m³' under 'GWP (TRACI 2.1), kg CO2e')
            break
        lead.insert(0, lines[head_lines.pop()].text)
    corner = _assign_heads(columns, [lines[i] for i in head_lines], phrases, head_lines)
    columns, members = _join_headless(columns, members)
    caption_top = lines[head_lines[0]].top if head_lines else top
    caption = _caption(lines, head_lines[0] if head_lines else block[0], taken_above, caption_top)
    rows = _rows(lines, phrases, block, data, columns, members)
    for row in rows:
        row.sections[:0] = lead
    _column_facts(phrases, block, data, columns)
    return Table(number, columns, rows, caption, corner, lines[head_lines[0]].top if head_lines else top, bottom)


def _column_facts(phrases: list[list[Phrase]], block: list[int], data: list[int], columns: list[Column]) -> None:
    """Record in each value column the texts the rows of facts print in it: lines of the body with no value and
    texts in two or more value columns ('Mix type | Normal | Flowable', wrapped 'weight | fill' below)."""
    stub_right = max((c.x1 for c in columns if c.stub), default=-math.inf)
    facts: dict[int, list[str]] = {}
    runs: list[list[list[tuple[int, str]]]] = [[]]  # runs of lines without values, each line's texts by column
    for i in block:
        if i in data:
            runs.append([])
            continue
        placed = [(_overlapping(columns, p), p.text) for p in phrases[i] if p.x0 > stub_right + 1 and not p.is_value]
        runs[-1].append([(k, t) for k, t in placed if k is not None and not columns[k].stub])
    for run in runs:
        # a run with texts in two columns or more on one of its lines (cells centred in a tall row put a short text
        # on a line of its own: 'High early' / 'strength (1-' / 'day)')
        if any(len({k for k, _t in line}) >= 2 for line in run):
            for line in run:
                for k, t in line:
                    facts.setdefault(k, []).append(t)
    for k, texts in facts.items():
        joined = ""
        for t in texts:
            joined = joined + t if joined.endswith("-") else f"{joined} {t}".strip()
        columns[k].facts = [joined]


def _join_headless(columns: list[Column], members: list[list[_Item]]) -> tuple[list[Column], list[list[_Item]]]:
    """A column of values with no head beside one with a head, the two never filled in one row: one column whose
    rows' values are set to two right edges ('A1-A3' over '3.96E+00' and, further right, the GWP rows' '2,379.9')."""
    k = 0
    while k + 1 < len(columns):
        a, b = columns[k], columns[k + 1]
        rows_a, rows_b = {it.row for it in members[k]}, {it.row for it in members[k + 1]}
        headless = [c for c in (a, b) if not c.head and not c.groups and not c.head_words]
        if not a.stub and not b.stub and not a.text and not b.text and len(headless) == 1 and \
                not rows_a & rows_b and (a.head or b.head):
            keep = b if a in headless else a
            columns[k] = replace(keep, x0=min(a.x0, b.x0), x1=max(a.x1, b.x1))
            members[k] = members[k] + members[k + 1]
            del columns[k + 1], members[k + 1]
            continue
        k += 1
    return columns, members


def _rejoin_names(clusters: list[list[_Item]], phrases: list[list[Phrase]], data: list[int]) -> list[list[_Item]]:
    """Numbers that end names in a column of names ('S 19.0', 'SMA 12.5' among '4.75mm HMA', 'SM-4.75B'): each a
    word space after a text, in a column that other rows fill with text. They are part of the names."""
    kept: list[list[_Item]] = []
    for c in clusters:
        x0, x1 = min(it.phrase.x0 for it in c), max(it.phrase.x1 for it in c)
        rows = {it.row for it in c}
        attached: list[tuple[_Item, Phrase]] = []
        for it in c:
            line = phrases[it.row]
            j = next(n for n, q in enumerate(line) if q is it.phrase)
            before = line[j - 1] if j else None
            h = it.phrase.bottom - it.phrase.top
            if before is not None and before.kind == "text" and 0 <= it.phrase.x0 - before.x1 <= 0.45 * h and \
                    len(before.words) <= 2:
                attached.append((it, before))
        others = [i for i in data if i not in rows]
        texts = sum(any(q.kind == "text" and min(q.x1, x1) - max(q.x0, x0) > 0 for q in phrases[i]) for i in others)
        if len(attached) == len(c) and others and texts >= 0.6 * len(others):
            for it, before in attached:
                before.add(it.phrase.words)
                phrases[it.row].remove(it.phrase)
            continue
        kept.append(c)
    return kept


def _overlapping(columns: list[Column], p: Phrase) -> int | None:
    best, best_overlap = None, 0.0
    left, right = p.x0, p.x1  # (read once, and comparisons for min and max: asked for every cell of every table)
    for k, col in enumerate(columns):
        overlap = (right if right < col.x1 else col.x1) - (left if left > col.x0 else col.x0)
        if overlap > best_overlap:
            best, best_overlap = k, overlap
    return best


def _head(lines: list[Line], phrases: list[list[Phrase]], first: int, taken_above: int, left: float,
          right: float, row_gap: float = 0.0, values_left: float = math.inf,
          value_spans: list[tuple[float, float]] | None = None, heads_left: float = math.inf) -> list[int]:
    """The lines just above a body that form its head (at most twenty: a narrow column wraps its head often, and a
    tall head cell centres its one-line heads far above the body)."""
    head: list[int] = []
    below = lines[first]
    for i in range(first - 1, max(taken_above, first - 21), -1):
        line = lines[i]
        h = max(_height(line), _height(below))
        # the head sits above the body as far as the rows stand apart (ruled tables pad their cells); a row of
        # module codes over the columns is the head even when a tall head cell centres it further up
        reach = max(3.5 * h, 1.3 * row_gap) if not head else 1.6 * h
        if not head and _module_heads_over(phrases[i], value_spans or []):
            reach = max(reach, MODULE_HEAD_REACH * h)
        if below.top - line.bottom > reach:
            break
        if head and _height(line) > HEADING_SIZE * _height(below):
            break  # a heading in far larger type above the head ('Potential environmental impact' over 5 pt heads)
        if not _is_head_line(line, phrases[i], left, right, values_left, heads_left):
            # a long single line right above the body is a section row when a head of several cells sits above it
            above = i - 1
            if head or above <= taken_above or len(phrases[i]) != 1 or len(phrases[above]) < 2 or \
                    line.top - lines[above].bottom > 1.6 * h or not _is_head_line(lines[above], phrases[above], left,
                                                                                right, values_left, heads_left):
                break
        if _data_line(phrases[i]) and not any(p.kind == "text" for p in phrases[i]):
            break
        if _sentence(line, phrases[i]):
            break  # a footnote of the table above ('* Biogenic carbon is excluded from GWP ...') heads nothing
        if head and len(phrases[i]) == 1 and _CAPTION_LINE.match(line.text) and line.x1 < values_left:
            break  # 'Results per 1 m³' over the head: the table's caption, and what stands above it no head
        if head and len(phrases[i]) == 1 and line.x0 < left - 1.5:
            break  # a title set from the page's margin, left of the cells' padded text: over the table, no head
        if _ends_a_sentence_above(lines, phrases, i, taken_above, left, right, values_left):
            break
        head.insert(0, i)
        below = line
    return head


_CAPTION_LINE = re.compile(r"\s*(?:table|tab\.)\s*\d|\s*results?\b.*\bper\b", re.I)


def _module_heads_over(phrases: list[Phrase], value_spans: list[tuple[float, float]]) -> bool:
    """A line of module codes ('A1-A3 A4 A5 B1 ...') with a head centred over most value columns and no values.
    OCR misreads some codes of small type ('Ad' for 'A4', 'BS' for 'B5'), so two codes are enough when the other
    heads line up too."""
    if len(value_spans) < 3 or any(p.kind in ("number", "percent") for p in phrases):
        return False
    if not _module_codes(phrases):
        return False
    over = sum(any(x0 - 2 <= p.xc <= x1 + 2 for p in phrases) for x0, x1 in value_spans)
    return over >= 0.75 * len(value_spans)


def _ends_a_sentence_above(lines: list[Line], phrases: list[list[Phrase]], i: int, taken_above: int, left: float,
                           right: float, values_left: float) -> bool:
    """A one-cell line that is the wrapped end of a caption above it ('Table 1. Results ... per 1 cubic' / 'yard'):
    set at a line's spacing below it and from the same left edge."""
    above = i - 1
    if len(phrases[i]) != 1 or above <= taken_above:
        return False
    line, prev = lines[i], lines[above]
    h = _height(line)
    return (line.top - prev.bottom < 0.6 * h and abs(line.x0 - prev.x0) < h and len(phrases[above]) == 1
            and len(prev.words) >= 6 and not _is_head_line(prev, phrases[above], left, right, values_left))


def _caption(lines: list[Line], first: int, taken_above: int, top: float) -> list[str]:
    out: list[str] = []
    y = top
    for i in range(first - 1, max(taken_above, first - 5), -1):
        line = lines[i]
        if y - line.bottom > 3.5 * _height(line):
            break
        out.insert(0, line.text)
        y = line.top
    return out


def _assign_heads(columns: list[Column], head_lines: list[Line], phrases: list[list[Phrase]],
                  indexes: list[int]) -> str:
    """Give each column the head words over it; a phrase over several columns is a group head of each."""
    corner: list[str] = []
    if not head_lines:
        return ""
    value_cols = [k for k, c in enumerate(columns) if not c.stub]
    stub_right = max((c.x1 for c in columns if c.stub), default=None)
    first_value = min(columns[k].x0 for k in value_cols) if value_cols else math.inf
    per_col: dict[int, list[Word]] = {}
    groups: list[_Group] = []
    singles: list[tuple[int, Phrase, int]] = []  # (head line, phrase, its column) of one-column heads
    ordinals = {i: _heads_in_order(columns, value_cols, phrases[i], stub_right) or _cells_in_order(columns, phrases[i])
                or _modules_in_order(columns, value_cols, phrases[i]) for i in indexes}
    # heads placed by order, with their lines: a head stacked on one of them (flush left, flush right or centred,
    # on another line) belongs to the same column ('A1 Raw' over 'material' over 'supply')
    placed = [(i, q, ordinals[i][id(q)]) for i in indexes for q in phrases[i] if id(q) in ordinals[i]]
    for line_no, i in enumerate(indexes):
        ordinal = ordinals[i]
        for p in phrases[i]:
            if id(p) in ordinal:
                per_col.setdefault(ordinal[id(p)], []).extend(p.words)
                singles.append((line_no, p, ordinal[id(p)]))
                continue
            spanned = [k for k in range(len(columns)) if p.x0 - 2 <= columns[k].xc <= p.x1 + 2]
            if len(spanned) >= 2 and p.x1 - p.x0 > 0 and sum(not columns[k].stub for k in spanned) >= 2:
                # words spaced evenly over columns that have heads of their own below ('GWP kg CO2 eq per m³' over
                # 'A1 A2 A3'): one group head, however its words happen to fall over the narrow columns
                below = {k for j in indexes[line_no + 1:] for q in phrases[j] if (k := _overlapping(columns, q))
                         is not None}
                runs = None if set(spanned) <= below and _evenly_spaced(p.words) else _runs_per_column(
                    p, columns, spanned)
                if runs is None:
                    groups.append(_Group(p.text, p.x0, p.x1, p.bottom, line_no, spanned))
                else:
                    for run, spanned_k in runs:
                        per_col.setdefault(spanned_k, []).extend(run)
                continue
            wrapped = _wrapped_group(groups, p, line_no)
            if wrapped is not None:
                wrapped.text += " " + p.text  # 'Reinforcing bar (ASTM A615 Grade' / '60)'
                continue
            stacked = next((k for j, q, k in placed if j != i and (abs(q.x0 - p.x0) < 2 or abs(q.x1 - p.x1) < 2 or abs(
                q.xc - p.xc) < 0.15 * max(q.x1 - q.x0, p.x1 - p.x0))), None)
            if stacked is None and _overlapping(columns, p) is None:
                # lines of one head cell set flush left, over numbers set right ('Transport' over '(A2)')
                stacked = next((k for n, q, k in reversed(singles) if n == line_no - 1 and abs(q.x0 - p.x0) < 1.5
                                and not columns[k].stub), None)
            if stacked is not None:
                per_col.setdefault(stacked, []).extend(p.words)
                singles.append((line_no, p, stacked))
                continue
            # a head over no column's numbers, stacked over a wider head of one column ('A1' over 'Raw Material
            # Supply', both set apart from right-aligned numbers): that column's (the narrowest such head)
            anchor = min(((q.x1 - q.x0, q) for j in indexes if j != i for q in phrases[j]
                          if q.x0 <= (p.x0 + p.x1) / 2 <= q.x1 and p.x1 <= q.x1 + 0.25 * (p.x1 - p.x0)
                          and q.x1 > first_value + 1
                          and q.x0 > (stub_right if stub_right is not None else -math.inf)
                          and _overlapping(columns, q) is not None
                          and sum(q.x0 - 2 <= c.xc <= q.x1 + 2 for c in columns) <= 1),
                         key=lambda t: t[0], default=(0, None))[1] if _overlapping(columns, p) is None else None
            if anchor is not None:
                head_k = _column_of_phrase(columns, anchor)
                if head_k is not None and not columns[head_k].stub:
                    per_col.setdefault(head_k, []).extend(p.words)
                    singles.append((line_no, p, head_k))
                    continue
            # centred under a head already given to a value column ('per m³' under '(kg CO₂ eq)', both far from
            # the numbers of a wide cell): the same column's
            above = next((k for n, q, k in reversed(singles) if n < line_no and not columns[k].stub
                          and (q.x0 <= p.xc <= q.x1 or p.x0 <= q.xc <= p.x1)
                          and abs(q.xc - p.xc) < 0.25 * max(q.x1 - q.x0, p.x1 - p.x0)), None) \
                if _overlapping(columns, p) is None else None
            if above is not None:
                per_col.setdefault(above, []).extend(p.words)
                singles.append((line_no, p, above))
                continue
            if p.x1 <= first_value - 1 and stub_right is not None and value_cols and _overlapping(columns, p) is None \
                    and (p.x0 - stub_right > 2 * (first_value - p.x1) or (
                        p.x0 - stub_right > 4 * (p.bottom - p.top) and len(phrases[i]) >= 2
                        and _indicator_head(p.text))):
                # in the gap between the stub and the first values, far nearer the values ('Spec. Strength [psi]'
                # set left in a wide cell over right-aligned numbers): the first value column's head
                k0 = min(value_cols, key=lambda k: columns[k].x0)
                per_col.setdefault(k0, []).extend(p.words)
                singles.append((line_no, p, k0))
                continue
            if p.x1 <= first_value - 1 and (stub_right is None or p.x0 < first_value):
                stub_k = _overlapping(columns, p)
                if stub_k is None or columns[stub_k].stub or p.x1 <= first_value - 1:
                    if stub_k is not None and columns[stub_k].stub:
                        per_col.setdefault(stub_k, []).extend(p.words)
                    corner.append(p.text)
                    continue
            head_k = _column_of_phrase(columns, p)
            if _overlapping(columns, p) is None and p.x0 > first_value:
                # a head over no numbers, set flush left in its cell over right-aligned numbers ('A1-A3' left of
                # its '395'): the column whose numbers end first to its right, when it ends before them
                right = min((k for k in value_cols if columns[k].x1 > p.x0 + 1), key=lambda k: columns[k].x1,
                            default=None)
                # (texts are set left: a head ending before a column of them starts is not its head; nor is a head
                # with another head of its line between it and the numbers, 'Mix ID' left of 'Description')
                if right is not None and p.x1 < columns[right].x1 + 2 and not columns[right].text and not any(
                        p.x1 < q.x0 and q.x1 < columns[right].x1 + 2 for q in phrases[i] if q is not p):
                    head_k = right
            if head_k is not None:
                per_col.setdefault(head_k, []).extend(p.words)
                singles.append((line_no, p, head_k))
    between = _between_columns(singles, columns, value_cols, len(indexes), groups)
    taken = {k for g in groups for k in g.columns} | {k for _p, spanned in between for k in spanned}
    used = {id(w) for p, _spanned in between for w in p.words}  # a head already a group between columns
    for p, spanned in [*between, *((q, run) for q, run in _over_variants(singles, value_cols, len(indexes), taken)
                                   if not any(id(w) in used for w in q.words))]:
        for k in spanned:
            per_col[k] = [w for w in per_col.get(k, []) if w not in p.words]
        groups.append(_Group(p.text, p.x0, p.x1, p.bottom, -1, spanned))
    _extend_groups(groups, singles, value_cols, per_col)
    _widen_groups(groups, columns, singles, per_col)
    _runs_of_modules(groups, per_col)
    for g in groups:
        for k in g.columns:
            columns[k].groups.append(g.text)
    for k, words in per_col.items():
        words.sort(key=lambda w: (round(w.top / 2), w.x0))
        columns[k].head_words = words
        columns[k].head = " ".join(w.text for w in words)
    return " ".join(corner)


def _cells_in_order(columns: list[Column], line: list[Phrase]) -> dict[int, int]:
    """A head line with one head per column, every column's included, in order, each head starting before its
    column's text ends and after the column two before it ends (heads set left in grid cells whose numbers are set
    right and whose descriptions overflow: 'SCM' left of the description's end): the n-th head is the n-th column's.
    Only the value columns' heads are given (the stub's stay the corner's)."""
    n = len(columns)
    if n < 4 or len(line) != n:
        return {}
    for k, (p, c) in enumerate(zip(line, columns, strict=True)):
        if not (p.x0 < c.x1 and (k < 2 or p.x0 > columns[k - 2].x1) and (k + 1 == n or p.x1 < columns[k + 1].x1)
                and (k + 1 == n or p.x0 < line[k + 1].x0)):
            return {}
    return {id(p): k for k, (p, c) in enumerate(zip(line, columns, strict=True)) if not c.stub}


def _modules_in_order(columns: list[Column], value_cols: list[int], line: list[Phrase]) -> dict[int, int]:
    """A line of module codes ('A1 A2 A3 A1 A2 A3'), set left in grid cells over right-aligned numbers, alone or
    as one run among other heads ('A1 A2 A3 A1-A3 | % below | kg N eq'): the columns of the one run of as many value
    columns where each code starts before its column's numbers end and after the numbers of the column before it
    end. The other heads of the line are placed as any head is."""
    at = [n for n, p in enumerate(line) if _MODULE_CODE.match(p.text.replace(" ", ""))]
    if not at or at != list(range(at[0], at[-1] + 1)) or (len(at) < len(line) and len(at) < 3):
        return {}
    line = line[at[0]:at[-1] + 1]
    m = len(line)
    if m < 2 or m > len(value_cols):
        return {}
    found: list[list[int]] = []
    for start in range(len(value_cols) - m + 1):
        run = value_cols[start:start + m]
        if all(p.x0 < columns[k].x1 and (j + start < 1 or p.x0 > columns[value_cols[j + start - 1]].x1)
               and (j + 1 == m or p.x1 < columns[run[j + 1]].x1)
               for j, (p, k) in enumerate(zip(line, run, strict=True))):
            found.append(run)
    if len(found) != 1:
        return {}
    return {id(p): k for p, k in zip(line, found[0], strict=True)}


def _heads_in_order(columns: list[Column], value_cols: list[int], line: list[Phrase],
                    stub_right: float | None) -> dict[int, int]:
    """One head per value column, in order, each between its neighbours' numbers (heads set left in wide cells
    over right-aligned numbers, 'HMA-9.5E' well left of its '79.50'): the n-th head is the n-th column's."""
    heads = [p for p in line if stub_right is None or p.x0 > stub_right + 2]
    if len(heads) != len(value_cols) or len(heads) < 2 or any(
            min(c.x1, p.x1) - max(c.x0, p.x0) > 0 for c in columns if c.stub for p in heads):
        return {}
    out: dict[int, int] = {}
    for n, (p, k) in enumerate(zip(heads, value_cols, strict=True)):
        before = columns[value_cols[n - 1]].x1 if n else (stub_right if stub_right is not None else -math.inf)
        after = columns[value_cols[n + 1]].x0 if n + 1 < len(value_cols) else math.inf
        if not (before < p.x0 and p.x1 < after):
            return {}
        out[id(p)] = k
    return out


def _between_columns(singles: list[tuple[int, Phrase, int]], columns: list[Column],
                     value_cols: list[int], lines: int, groups: list[_Group]) -> list[tuple[Phrase, list[int]]]:
    """Heads of column groups set narrower than their groups ('Per CY' centred over A1 | A2 | A3 | A1-A3, 'Per 1 m3'
    over the next four): on a head line above the last, two or more phrases for at most half the value columns,
    each centred over the columns nearer to it than to the others, or flush with their outer edge. A phrase of that
    line already wide enough to span two columns ('Per cubic meter' over the middle two of its four) is one of them:
    its group is widened to its share."""
    out: list[tuple[Phrase, list[int]]] = []
    for line in range(lines - 1):
        # (a module code heads its own column, never a group of them)
        here: list[Phrase | _Group] = [p for n, p, k in singles if n == line and not columns[k].stub
                                       and not _stacked(p, k, columns, singles, line)
                                       and not _MODULE_CODE.match(p.text.replace(" ", ""))]
        here += [g for g in groups if g.line == line]
        # the columns under groups of module or unit columns first: a mix's strength and age beside them are no part
        variants = [c for c in value_cols if _variant_sub(" ".join(q.text for n, q, k in singles
                                                                   if k == c and n > line))]
        for cols in ([variants, value_cols] if len(variants) >= 2 * len(here) and variants != value_cols
                     else [value_cols]):
            found = _partition(here, cols, columns, singles, line)
            if found is not None:
                for p, spans in found:
                    if isinstance(p, _Group):
                        p.columns = spans
                    else:
                        out.append((p, spans))
                break
    return out


def _stacked(p: Phrase, k: int, columns: list[Column], singles: list[tuple[int, Phrase, int]], line: int) -> bool:
    """The first line of a head stacked over one column ('Global' / 'Warming' / '(kg CO2e)' / 'per m³', each set
    right where the column's numbers end): no group head (which a group head set flush left over its first column,
    'per m3' over 'A1 Raw', may be)."""
    return any(n == line + 1 and kk == k and abs(q.x1 - p.x1) < 1.0 and abs(p.x1 - columns[k].x1) < 1.5
               for n, q, kk in singles)


def _partition(here: list[Phrase | _Group], value_cols: list[int], columns: list[Column],
               singles: list[tuple[int, Phrase, int]], line: int) -> list[tuple[Phrase | _Group, list[int]]] | None:
    """Share ``value_cols`` out between the group heads of one line (see _between_columns), or None."""
    if len(here) < 2 or len(here) * 2 > len(value_cols):
        return None
    pitch = min((b - a for a, b in itertools.pairwise(sorted(columns[c].xc for c in value_cols))), default=0.0)
    # a column reaches as far as the heads below the group line (wide heads over right-aligned numbers)
    ext = {c: (min([columns[c].x0, *(p.x0 for n, p, k in singles if k == c and n > line)]),
               max([columns[c].x1, *(p.x1 for n, p, k in singles if k == c and n > line)])) for c in value_cols}
    centre = {id(p): (p.x0 + p.x1) / 2 for p in here}
    # a group head stands over heads of each of its columns (a description's wrapped line does not)
    below = {c for n, p, c in singles if n > line}
    for reach in ({c: (columns[c].x0, columns[c].x1) for c in value_cols}, ext):
        spans = {id(p): [c for c in value_cols
                         if min(here, key=lambda q: abs(centre[id(q)] - sum(reach[c]) / 2)) is p] for p in here}
        if all(len(spans[id(p)]) >= 2 and _over_span(p.x0, p.x1, reach[spans[id(p)][0]][0],
                                                      reach[spans[id(p)][-1]][1], 0.3 * pitch)
               and set(spans[id(p)]) <= below for p in here) \
                and all(set(p.columns) <= set(spans[id(p)]) for p in here if isinstance(p, _Group)):
            return [(p, spans[id(p)]) for p in here]
    # heads set flush left over their first column ('per m3' | 'per yd3' over four modules each): each spans from
    # there to the next
    starts = sorted(here, key=lambda q: q.x0)
    spans = {id(p): [c for c in value_cols if p.x0 - 2 <= columns[c].xc and (
        n + 1 == len(starts) or columns[c].xc < starts[n + 1].x0 - 2)] for n, p in enumerate(starts)}
    if all(len(spans[id(p)]) >= 2 and min(ext[c][0] for c in spans[id(p)]) >= p.x0 - 2.5 and any(
            abs(ext[c][0] - p.x0) < 2.5 for c in spans[id(p)]) and set(spans[id(p)]) <= below for p in here) and \
            sum(len(v) for v in spans.values()) == len(value_cols) and \
            all(set(p.columns) <= set(spans[id(p)]) for p in here if isinstance(p, _Group)):
        return [(p, spans[id(p)]) for p in here]
    return None


# a sub-head that only says which unit or module the values are in: 'per short ton' | 'per metric ton', 'A1' | 'A2'
_VARIANT = re.compile(r"(?:per\s+)?(?:1\s+|one\s+)?(?:m3|m³|yd3|yd³|cy|cubic\s+(?:yards?|meters?|metres?)|"
                      r"(?:metric\s+|short\s+|us\s+)?tons?|tonnes?|kg|m2|m²)|(?:A[1-5]|B[1-7]|C[1-4]|D|A1\s*[-–]\s*A3)",
                      re.I)


def _over_variants(singles: list[tuple[int, Phrase, int]], value_cols: list[int],
                   lines: int, grouped: set[int]) -> list[tuple[Phrase, list[int]]]:
    """A head set over the first of a run of columns whose sub-heads only name their units or modules ('GWP
    (TRACI 2.1), kg CO2e' over 'per short ton' | 'per metric ton', no head over the second on its line): the head
    of the whole run."""
    out: list[tuple[Phrase, list[int]]] = []
    order = sorted(value_cols)
    for line in range(lines - 1):
        on_line = {k: p for n, p, k in singles if n == line}

        def sub(k: int, line: int = line) -> str:
            return " ".join(q.text for n, q, kk in singles if kk == k and n > line)

        for k, p in on_line.items():
            if k not in order or not _variant_sub(sub(k)) or \
                    _VARIANT.fullmatch(p.text.strip(" ()[]-–")) or p.x1 - p.x0 <= _width(singles, k, line):
                continue  # a head wrapped over two lines ('A1-' over 'A3'), not one over a run of them
            run = [k]
            for j in order[order.index(k) + 1:]:
                if j in on_line or j in grouped or any(n < line and kk == j for n, q, kk in singles) or \
                        not _variant_sub(sub(j)):
                    break
                run.append(j)
            if len(run) >= 2:
                unit = _unit_line(singles, run, line)
                out.append((Phrase([*p.words, *unit.words], "text", None, p.x0, unit.x1) if unit else p, run))
    return out


# a sub-head naming a module, with its stage's name or after the unit ('A1 Raw materials', 'per m3 A1-A3 Total')
_UNIT_LEAD = re.compile(r"\(?(?:per\s+)?(?:1\s+|one\s+)?(?:m3|m³|yd3|yd³|cy|cubic\s+(?:yards?|meters?|metres?)|"
                        r"(?:metric\s+|short\s+|us\s+)?tons?|tonnes?|m2|m²)\)?(?=\s|$)", re.I)
_MODULE_LEAD = re.compile(r"(?:A1\s*[-–]\s*A3|A[1-5]|B[1-7]|C[1-4]|D)(?=\s|$)")


_TOTAL_LEAD = re.compile(r"^(?:total|sum|sub-?total|(?:product(?:ion)?|manufacturing)\s+stage|cradle[\s-]to[\s-]gate)"
                         r"\b\W*", re.I)
_STAGE_OF_MODULE = re.compile(r"[A-Za-z][A-Za-z .&/-]{0,30}\(\s*(?:A1\s*[-–]\s*A3|A[1-5]|B[1-7]|C[1-4]|D)\s*\)?")
_SPACED_DASH = re.compile(r"(?<=[A-D]\d)\s*([-–])\s*(?=[A-D]\d)")
_RUN_A1A3 = re.compile(r"\bA1\s*A2\s*A3\b")


@cached  # a pure function of the heads' text, asked for each head line and column of a table
def _variant_sub(text: str) -> bool:
    """True when the heads under a head only say which unit or module a column holds ('per yd3', 'A2',
    'A1 Raw materials', 'per m3 A1-A3 Total')."""
    t = _SPACED_DASH.sub(r"\1", text).strip(" ()[]")  # 'A1-' over 'A3)'
    t = _RUN_A1A3.sub("A1-A3", t)  # 'A1A2A3'
    if not t:
        return False
    if _VARIANT.fullmatch(t):
        return True
    lead = _UNIT_LEAD.match(t)
    rest = t[lead.end():].strip(" ()[]") if lead else t
    # 'Total (A1-A3)', 'Product stage (A1-A3)'
    rest = _TOTAL_LEAD.sub("", rest)
    if _STAGE_OF_MODULE.fullmatch(rest):
        return True  # 'Upstream (A1)', 'Raw material supply (A1)'
    return not rest or _MODULE_LEAD.match(rest) is not None


def _unit_line(singles: list[tuple[int, Phrase, int]], run: list[int], line: int) -> Phrase | None:
    """A unit set on the line under a group head over its first column alone ('Global warming potential (kg CO2e)'
    over 'per m3', the modules below): the group's unit, not its first column's."""
    under = [(q, kk) for n, q, kk in singles if n == line + 1 and kk in run]
    if len(under) == 1 and under[0][1] == run[0] and _UNIT_LEAD.fullmatch(under[0][0].text.strip()):
        return under[0][0]
    return None


def _extend_groups(groups: list[_Group], singles: list[tuple[int, Phrase, int]], value_cols: list[int],
                   per_col: dict[int, list[Word]]) -> None:
    """A group head set flush left over its first columns ('Global warming potential (kg CO2e)' over A1 | A2 of
    A1 | A2 | A3 | A1-A3) spans the columns after them that have no head of their own on its line or above and whose
    heads below only name modules or units, up to the next head on its line."""
    order = sorted(value_cols)
    owned = {k for g in groups for k in g.columns}
    for g in groups:
        if g.line < 0 or not g.columns or not all(_variant_sub(" ".join(
                q.text for n, q, kk in singles if kk == k and n > g.line)) for k in g.columns):
            continue
        last = max(g.columns)
        for j in (k for k in order if k > last):
            if j in owned or any(n <= g.line and kk == j for n, q, kk in singles) or not _variant_sub(" ".join(
                    q.text for n, q, kk in singles if kk == j and n > g.line)):
                break
            g.columns.append(j)
            owned.add(j)
        unit = _unit_line(singles, sorted(g.columns), g.line)
        if unit is not None and len(g.columns) >= 2:
            g.text += " " + unit.text
            k0 = min(g.columns)
            per_col[k0] = [w for w in per_col.get(k0, []) if w not in unit.words]


def _width(singles: list[tuple[int, Phrase, int]], k: int, line: int) -> float:
    """How wide column k's heads below a head line are printed (a unit on the line under it aside)."""
    below = [q for n, q, kk in singles if kk == k and n > line and not (
        n == line + 1 and _UNIT_LEAD.fullmatch(q.text.strip()))]
    return max(q.x1 for q in below) - min(q.x0 for q in below) if below else 0.0


def _over_span(x0: float, x1: float, span_x0: float, span_x1: float, slack: float) -> bool:
    """A head (from x0 to x1) centred over the span, or set flush with its left or right edge."""
    return abs((x0 + x1) / 2 - (span_x0 + span_x1) / 2) < slack or abs(x0 - span_x0) < 2.5 or abs(x1 - span_x1) < 2.5


@dataclass(slots=True)
class _Group:
    """A head printed over several columns (a product over its module columns)."""

    text: str
    x0: float
    x1: float
    bottom: float
    line: int
    columns: list[int]


def _wrapped_group(groups: list[_Group], p: Phrase, line: int) -> _Group | None:
    """The group head a phrase continues: one line below it, centred under it ('60)' under 'Reinforcing bar
    (ASTM A615 Grade')."""
    if _MODULE_CODE.match(p.text.replace(" ", "")):
        return None
    for g in groups:
        width = g.x1 - g.x0
        unfinished = g.text.count("(") > g.text.count(")") or g.text.count("[") > g.text.count("]") or \
            p.text.count(")") > p.text.count("(") or p.text[:1].islower() or g.text.endswith(("-", ",", "/", "&"))
        below = g.line == line - 1 and 0 <= p.top - g.bottom < 0.6 * (p.bottom - p.top)
        if unfinished and below and p.x1 - p.x0 < width and abs((p.x0 + p.x1) / 2 - (g.x0 + g.x1) / 2) < 0.12 * width:
            return g
    return None


def _widen_groups(groups: list[_Group], columns: list[Column], singles: list[tuple[int, Phrase, int]],
                  per_col: dict[int, list[Word]]) -> None:
    """Group heads printed side by side on one line share out the value columns between them: a column a group's
    text falls short of ('Total A1-A3' at the right of its product's columns) belongs to the nearest group, unless
    its own head stands as high as the groups ('Cementitious (lb/yd3)' beside 'GWP per m3' over modules)."""
    centres = sorted(c.xc for c in columns if not c.stub)
    if len(centres) < 2:
        return
    step = min(b - a for a, b in itertools.pairwise(centres))
    for line in {g.line for g in groups}:
        row = sorted((g for g in groups if g.line == line), key=lambda g: g.x0)
        if len(row) < 2:
            continue
        taken = {k for g in row for k in g.columns}
        lo, hi = min(min(g.columns) for g in row), max(max(g.columns) for g in row)
        for k, col in enumerate(columns):
            if col.stub or k in taken or not lo - 1 <= k <= hi + 1:
                continue
            near = min(row, key=lambda g: max(g.x0 - col.xc, col.xc - g.x1, 0.0))
            if any(kk == k and q.top < near.bottom for n, q, kk in singles):
                continue
            # nor when its own head starts above the heads of the group's columns ('Cementitious' / '(lb/yd3)'
            # beside 'A1' under 'GWP per m3')
            members = [w.top for j in near.columns for w in per_col.get(j, [])]
            if members and any(w.top < min(members) - 1 for w in per_col.get(k, [])):
                continue
            if max(near.x0 - col.xc, col.xc - near.x1, 0.0) < step and (k - 1 in near.columns or k + 1 in
                                                                        near.columns):
                near.columns.append(k)


def _runs_of_modules(groups: list[_Group], per_col: dict[int, list[Word]]) -> None:
    """Group heads side by side over runs of module columns ('per m³' over A1 A2 A3, 'per yd³' over A1 A2 A3): each
    group's columns are one run, a run ending where a module code repeats, whatever the heads' positions say (a wide
    'A3 Manufacturing' under the next group's flush-left head, a mix's age beside the first run)."""
    for line in {g.line for g in groups}:
        row = sorted((g for g in groups if g.line == line and g.columns), key=lambda g: g.x0)
        if len(row) < 2:
            continue
        cols = sorted({k for g in row for k in g.columns})
        code = {k: _module_of(per_col.get(k, [])) for k in cols}
        runs: list[list[int]] = []
        for k in cols:
            if code[k] is None:
                continue
            if not runs or code[k] in {code[j] for j in runs[-1]} or runs[-1][-1] != k - 1:
                runs.append([k])
            else:
                runs[-1].append(k)
        if len(runs) != len(row) or len({len(r) for r in runs}) != 1 or len(runs[0]) < 2:
            continue
        for g, run in zip(row, runs, strict=True):
            g.columns = run


def _module_of(words: list[Word]) -> str | None:
    """The module a column's head names ('A2', '(A1-A3)', 'Total'), or None."""
    for w in words:
        t = w.text.strip("()[],;:")
        if _MODULE_CODE.match(t):
            return t
        if re.fullmatch(r"A1\+?A2\+?A3", t, re.I):
            return "A1-A3"  # 'A1A2A3', 'A1+A2+A3': the total
    return "TOTAL" if any(w.text.strip("()[],;:").lower() == "total" for w in words) else None


def _runs_per_column(p: Phrase, columns: list[Column], spanned: list[int]) -> list[tuple[list[Word], int]] | None:
    """Heads of neighbouring columns read as one phrase ('Steel Reinforcement Rubber Rings'): split at the widest
    gaps, each part starts over its own column."""
    words = sorted(p.words, key=lambda w: w.x0)
    if len(words) < len(spanned):
        return None
    # heads that overflow their cells into each other ('A1 Raw materials' over-running 'A2 Transport'): cut where a
    # word overlaps the one before it, and before each module code
    cuts = [j for j in range(1, len(words)) if words[j].x0 < words[j - 1].x1 - 0.5
            or re.fullmatch(r"[A-D]\d(?:\s*[-–]\s*[A-D]\d)?", words[j].text)]
    if len(cuts) + 1 == len(spanned) and any(words[j].x0 < words[j - 1].x1 - 0.5 for j in cuts):
        runs = [words[a:b] for a, b in itertools.pairwise([0, *cuts, len(words)])]
        return list(zip(runs, spanned, strict=True))
    # units in brackets side by side ('(kg CO2-eq) (kg CFC-11 eq) (kg SO2 eq)'), one per column
    starts = [j for j, w in enumerate(words) if w.text.startswith(("(", "["))]
    if len(starts) == len(spanned) and starts[0] == 0:
        runs = [words[a:b] for a, b in itertools.pairwise([*starts, len(words)])]
        if all(min(range(len(columns)), key=lambda n: abs(columns[n].xc - (run[0].x0 + run[-1].x1) / 2)) == k
               for run, k in zip(runs, spanned, strict=True)):
            return list(zip(runs, spanned, strict=True))
    gaps = sorted(range(1, len(words)), key=lambda j: words[j].x0 - words[j - 1].x1, reverse=True)
    cuts = sorted(gaps[: len(spanned) - 1])
    width = {j: words[j].x0 - words[j - 1].x1 for j in range(1, len(words))}
    others = [width[j] for j in width if j not in cuts]
    h = max(w.height for w in words)
    runs = [words[a:b] for a, b in itertools.pairwise([0, *cuts, len(words)])]
    # each part ends where its column's numbers end (right-aligned heads) or starts where they start
    aligned = all(abs(run[-1].x1 - columns[k].x1) < 2.5 or abs(run[0].x0 - columns[k].x0) < 2.5
                  for run, k in zip(runs, spanned, strict=True))
    # heads of two columns are further apart than the words of one head; a group head's words are evenly spaced
    if not aligned and min(width[j] for j in cuts) < max(0.5 * h, 2 * (statistics.median(others) if others
                                                                        else 0.0)):
        return None
    for run, k in zip(runs, spanned, strict=True):
        if abs(run[-1].x1 - columns[k].x1) < 1.0:
            continue  # ends where its column's right-aligned numbers end ('Cementitious' over '532')
        nearest = min(range(len(columns)), key=lambda n: min(abs(columns[n].x0 - run[0].x0),
                                                             abs(columns[n].xc - (run[0].x0 + run[-1].x1) / 2)))
        if nearest != k:
            return None
    return list(zip(runs, spanned, strict=True))


def _indicator_head(text: str) -> bool:
    """A head naming an indicator or its unit ('GWP A1-A3 (kg CO2e per m3)'), never a stub's ('Mix ID')."""
    return bool(_INDICATOR_WORD.search(text) or re.search(r"\bkg\s*co", text, re.I))


def _evenly_spaced(words: list[Word]) -> bool:
    """Words set with one space between each, as one phrase is (not heads of neighbouring cells set close)."""
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    return len(gaps) >= 2 and min(gaps) > 0 and max(gaps) <= 1.5 * min(gaps) + 0.5


def _column_of_phrase(columns: list[Column], p: Phrase) -> int | None:
    """The column a head phrase stands over: the one it overlaps most, else the one it is aligned with (heads of
    right-aligned numbers end where the numbers end, and may reach far left of them)."""
    best, best_overlap = None, 0.0
    for k, col in enumerate(columns):
        overlap = min(col.x1, p.x1) - max(col.x0, p.x0)
        if overlap > best_overlap:
            best, best_overlap = k, overlap
    if best is not None:
        return best
    def misalign(k: int) -> float:
        col = columns[k]
        return min(abs(p.x1 - col.x1), abs(p.x0 - col.x0), abs(p.xc - col.xc))
    k = min(range(len(columns)), key=misalign)
    return k if misalign(k) < max(12.0, 0.5 * (p.x1 - p.x0)) else _nearest(columns, p.words[0])


def _nearest(columns: list[Column], w: Word) -> int | None:
    """The column a head word sits over: the one it overlaps most, else the nearest centre within reach."""
    best, best_overlap = None, 0.0
    for k, col in enumerate(columns):
        overlap = min(col.x1, w.x1) - max(col.x0, w.x0)
        if overlap > best_overlap:
            best, best_overlap = k, overlap
    if best is not None:
        return best
    k = min(range(len(columns)), key=lambda k: abs(columns[k].xc - w.xc))
    gap = max(columns[k].x0 - w.x1, w.x0 - columns[k].x1)
    return k if gap < 25 else None


def _rows(lines: list[Line], phrases: list[list[Phrase]], block: list[int], data: list[int],
          columns: list[Column], members: list[list[_Item]]) -> list[Row]:
    where: dict[tuple[int, int], int] = {}
    for k, items in enumerate(members):
        for it in items:
            where[(it.row, id(it.phrase))] = k
    rows: list[Row] = []
    for i in data:
        cells: dict[int, Cell] = {}
        stub: list[tuple[int, str]] = []
        boxes: list[tuple[int, float, float, float]] = []
        for p in phrases[i]:
            found = where.get((i, id(p)))
            if found is None:
                found = _overlapping(columns, p)
                if found is None:
                    continue
            k = found
            if columns[k].stub:
                stub.append((k, p.text))
                boxes.append((k, p.top, p.bottom, p.x0))
                continue
            if k in cells:
                # a second phrase in one column of one row: text beside a value ('4000 psi')
                old = cells[k]
                text = old.text + " " + p.text
                kind, value = value_of(text)
                cells[k] = Cell(text, kind if kind != "text" else old.kind, value if kind != "text" else old.value,
                                old.words + p.words)
                continue
            cells[k] = Cell(p.text, p.kind, p.value, list(p.words))
        row = Row(cells, lines[i].top, lines[i].bottom, words=list(lines[i].words), boxes=boxes)
        for k, t in stub:
            row.stub.setdefault(k, []).append(t)
            row.pieces.append((k, lines[i].top, t))
        rows.append(row)
    _stitch_wrapped(rows)
    rows = _merge_overlapping(rows)
    _inner_lines(lines, phrases, block, data, columns, rows)
    return rows


def _merge_overlapping(rows: list[Row]) -> list[Row]:
    """One printed row read as two lines (values raised above a label, cells of different sizes): rows that
    overlap in height and fill different columns are one row."""
    out: list[Row] = []
    for row in rows:
        last = out[-1] if out else None
        h = min(row.bottom - row.top, last.bottom - last.top) if last else 0.0
        if last is not None and row.top < last.bottom - 0.25 * h and not (set(row.cells) & set(last.cells)):
            last.cells.update(row.cells)
            last.pieces += row.pieces
            last.boxes += row.boxes
            for k, texts in row.stub.items():
                last.stub.setdefault(k, []).extend(texts)
            last.words += row.words
            last.top, last.bottom = min(last.top, row.top), max(last.bottom, row.bottom)
            continue
        out.append(row)
    return out


def _stitch_wrapped(rows: list[Row]) -> None:
    """Join value fragments that a narrow cell wrapped onto the next line ('2.61E' / '+03')."""
    for a, b in itertools.pairwise(rows):
        # a lone dash ('not applicable') over a row of its own: the number below is that row's
        own = sum(k not in a.cells or not continues(a.cells[k].text, c.text) for k, c in b.cells.items()) + bool(
            b.label)
        for k, cell in list(b.cells.items()):
            above = a.cells.get(k)
            if above is None or not continues(above.text, cell.text) or (
                    fold(above.text).strip() == "-" and own >= 2):
                continue
            text = above.text + cell.text
            kind, value = value_of(text)
            a.cells[k] = Cell(text, kind, value, above.words + cell.words)
            del b.cells[k]


def _inner_lines(lines: list[Line], phrases: list[list[Phrase]], block: list[int], data: list[int],
                 columns: list[Column], rows: list[Row]) -> None:
    """Lines without values inside a body: wrapped labels, section rows and group labels of a sparse column."""
    data_set = set(data)
    inner = [i for i in block if i not in data_set]
    stubs = [k for k, c in enumerate(columns) if c.stub]
    if not rows:
        return
    bands: list[tuple[float, float]] = []
    for n, row in enumerate(rows):
        lo = (rows[n - 1].bottom + row.top) / 2 if n else row.top - 0.6 * (row.bottom - row.top)
        hi = (row.bottom + rows[n + 1].top) / 2 if n + 1 < len(rows) else row.bottom + 0.6 * (row.bottom - row.top)
        bands.append((lo, hi))
    # a column of descriptions among the values ('Mix ID | Description | ... | GWP'): its cells wrap like labels
    texty = {k for k, c in enumerate(columns) if not c.stub and _text_column(rows, k)}
    fragments: list[tuple[int, Phrase, int]] = []  # (line, phrase, stub or text column, or -1)
    for i in inner:
        for p in phrases[i]:
            k = _overlapping(columns, p)
            fragments.append((i, p, k if k is not None and (columns[k].stub or k in texty) else -1))
    # a stub column with cells on few data rows carries group labels (printed once beside their rows)
    dense = {k: sum(bool(row.stub.get(k)) for row in rows) for k in stubs}
    sparse = {k for k in stubs if len(stubs) > 1 and k == stubs[0] and (dense[k] < 0.6 * len(rows) or (
        dense[k] < 0.75 * len(rows) and _labels_over_runs([bool(row.stub.get(k)) for row in rows])))
              and len(rows) >= 4 and any(dense[j] >= 0.8 * len(rows) for j in stubs if j != k)
              and not _indicator_labels([p.text for _i, p, kk in fragments if kk == k]
                                        + [" ".join(row.stub[k]) for row in rows if row.stub.get(k)], len(rows))
              and not _own_indicators(rows, k) and not _centred_cells(rows, bands, fragments, k)}
    # a column of identifiers ('RM-25-G', '4-3B00') never wraps: text in it between rows is a section row
    id_columns = {k for k in stubs if len(rows) >= 3 and dense[k] >= 0.7 * len(rows) and sum(
        _identifier_like(" ".join(row.stub.get(k, []))) for row in rows if row.stub.get(k)) >= 0.8 * dense[k]}
    pieces: list[tuple[float, float, str]] = []
    # label lines already placed, per stub column: (top, bottom, x0, row)
    placed: dict[int, list[tuple[float, float, float, int]]] = {}
    wrapped: dict[tuple[int, int], list[Phrase]] = {}  # (row, text column) -> its cell's lines off the data line
    for n, row in enumerate(rows):
        for k, top, bottom, x0 in row.boxes:
            placed.setdefault(k, []).append((top, bottom, x0, n))
        for k in texty & set(row.cells):
            top, bottom, x0 = row.cells[k].bbox[1], row.cells[k].bbox[3], row.cells[k].bbox[0]
            placed.setdefault(k, []).append((top, bottom, x0, n))

    def cell_text(n: int, k: int) -> str:
        """A description cell as read so far: its last wrapped line, else its data line's text."""
        extra = wrapped.get((n, k)) or []
        return extra[-1].text if extra else (rows[n].cells[k].text if k in rows[n].cells else "")

    def label_text(n: int, k: int) -> str:
        return " ".join(t for kk, _t, t in rows[n].pieces if kk == k) or " ".join(rows[n].stub.get(k, []))

    for _line, p, k in sorted(fragments, key=lambda f: f[1].top):
        if k in sparse:
            pieces.append((p.top, p.bottom, p.text))
            continue
        h = max(p.bottom - p.top, 1.0)
        overlaps = {n: min(hi, p.bottom) - max(lo, p.top) for n, (lo, hi) in enumerate(bands)}
        hit = [n for n, o in overlaps.items() if o >= 0.3 * h]
        if k in texty and hit and not SECTION.match(p.text):
            found = _wrapped_row(placed.get(k, []), p, k, cell_text)
            n = found if found is not None else _label_row(rows, hit, overlaps, {
                m for m, row in enumerate(rows) if k in row.cells or (m, k) in wrapped})
            wrapped.setdefault((n, k), []).append(p)
            placed.setdefault(k, []).append((p.top, p.bottom, p.x0, n))
            continue
        if k >= 0 and hit and k not in id_columns:
            # a label wrapped over several lines: a line set right under a label line of a row continues it; a unit
            # or a method (a section row's words) only when it ends a label left unfinished ('Global Warming
            # Potential, A1-A3,' / 'per m³'), else it is a section row over the rows below
            found = _wrapped_row(placed.get(k, []), p, k, label_text)
            if not SECTION.match(p.text) or (found is not None and _unfinished(label_text(found, k))):
                n = found if found is not None else _label_row(rows, hit, overlaps, {
                    m for m, row in enumerate(rows) if any(kk == k for kk, _t, _x in row.pieces)})
                rows[n].pieces.append((k, p.top, p.text))
                placed.setdefault(k, []).append((p.top, p.bottom, p.x0, n))
                continue
        # a section row: it applies to the rows below it
        for row in rows:
            if row.top >= p.bottom - 0.5:
                row.sections.append(p.text)
    for (n, k), extra in wrapped.items():
        cell = rows[n].cells.get(k)
        parts = sorted([*((w.top, w.text) for w in extra), *([(cell.bbox[1], cell.text)] if cell else [])])
        words = [w for p in extra for w in p.words] + (cell.words if cell else [])
        rows[n].cells[k] = Cell(_join_wrapped([t for _top, t in parts]), "text", None, words)
    if sparse:
        # the sparse column's labels printed on data lines are group labels too
        k = next(iter(sparse))
        for row in rows:
            own = row.stub.pop(k, [])
            if own:
                pieces.append((row.top, row.bottom, " ".join(own)))
                row.pieces = [pc for pc in row.pieces if pc[0] != k]
        _assign_groups(rows, _group_pieces(pieces))
    for row in rows:
        by_col: dict[int, list[tuple[float, str]]] = {}
        for k, top, text in row.pieces:
            by_col.setdefault(k, []).append((top, text))
        row.label = [_join_wrapped([t for _top, t in sorted(texts)]) for _k, texts in sorted(by_col.items())]
        row.label_columns = [k for k, _texts in sorted(by_col.items())]
        row.label_pieces = [t for _k, texts in sorted(by_col.items()) for _top, t in sorted(texts)]


# A line naming a method or a group of indicators inside a table heads the rows below it, however tight the rows
# ('TRACI 2.2' / 'EN 15804+A2 (EF 3.1)' / 'Core indicators').
# a unit the rows below are given per ('Per 1 metric ton')
_UNIT = (r"(?:results?\s+)?per\s+(?:1\s+|one\s+|a\s+)?(?:metric\s+tons?|tonnes?|short\s+tons?|tons?|m3|m³"
         r"|cubic\s+(?:meter|metre|yard)s?|yd3|yd³|cy|m2|m²|square\s+(?:meter|metre)s?)(?![\w³²])")
_UNIT_LINE = re.compile(r"^\s*" + _UNIT, re.I)
SECTION = re.compile(r"^\s*(?:(?:us\s+epa\s+)?traci\b|cml\b|ef\s*3|en\s*15804|ipcc\b|recipe\b|environmental footprint"
                     r"|(?:core|additional|optional|mandatory)\s+(?:environmental\s+)?(?:impact\s+)?indicators?\b"
                     r"|" + _UNIT + r")(?!.{60})", re.I)


def _continues_text(above: str, text: str) -> bool:
    """A line that ends a label begun above it: the label is unfinished ('Potential [kg CO2-', 'Depletion of the'),
    or the line reads as a tail ('eq]', 'stratospheric ozone layer (ODP)'), not as a label of its own
    ('EN 15804+A2')."""
    t = text.strip()
    return _unfinished(above) or t[:1].islower() or t[:1] in ")]" or t.count(")") > t.count("(")


def _unfinished(label: str) -> bool:
    """A label that a line below must finish: it ends on a comma, a dash, an open bracket or a small word."""
    a = label.strip()
    return a.endswith(("-", "(", "[", ",", "/", "&", "+")) or a.count("(") > a.count(")") or \
        a.count("[") > a.count("]") or bool(re.search(r"\b(of|and|the|per|to|for|in|from|with|de|und|og)$", a, re.I))


def _join_wrapped(texts: list[str]) -> str:
    """Join the lines of a wrapped label: 'GWP-' + 'total' is 'GWP-total', other lines join with a space."""
    out = ""
    for text in texts:
        out = f"{out}{text}" if out.endswith(("-", "–", "/")) else f"{out} {text}".strip()
    return out


def _wrapped_row(placed: list[tuple[float, float, float, int]], p: Phrase, k: int,
                 text_of: Callable[[int, int], str]) -> int | None:
    """The one row whose text in column k a line continues: set right under a line already placed in that column,
    from the same left edge, finishing what that row's text (``text_of``) leaves unfinished; None when no one row is."""
    h = max(p.bottom - p.top, 1.0)
    above = [n for top, bottom, x0, n in placed if 0 <= p.top - bottom < 0.45 * h and abs(p.x0 - x0) < 1.5 * h
             and not (top < p.top < bottom) and _continues_text(text_of(n, k), p.text)]
    return above[-1] if len(set(above)) == 1 else None


def _text_column(rows: list[Row], k: int) -> bool:
    """A value column whose cells are words, not numbers: descriptions beside the identifiers."""
    cells = [row.cells[k] for row in rows if k in row.cells]
    texts = sum(c.kind == "text" and len(c.text) > 3 for c in cells)
    return texts >= 2 and texts >= 0.6 * len(cells)


def _identifier_like(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= 20 and len(t.split()) <= 2 and bool(re.search(r"\d", t)) and not re.search(r"[()]", t)


def _label_row(rows: list[Row], hit: list[int], overlaps: dict[int, float], own: set[int]) -> int:
    """The one row a wrapped piece of a label (or of a description cell) belongs to: the row it overlaps most;
    between two, a row that has no text of its own in that column (not in ``own``: a value row whose label, or whose
    description beside its identifier, is centred on it), else the upper row (labels wrap downwards)."""
    best = max(overlaps[n] for n in hit)
    close = [n for n in hit if overlaps[n] >= 0.85 * best]
    if len(close) == 1:
        return close[0]
    unlabelled = [n for n in close if n not in own and any(c.kind == "number" for c in rows[n].cells.values())]
    if len(unlabelled) == 1:
        return unlabelled[0]
    return min(close)


_INDICATOR_WORD = re.compile(r"\b(?:gwp|odp|ap|ep|sfp|pocp|adp\w*|global warming|ozone|acidification|eutrophication|"
                             r"smog|photochemical|abiotic|fossil fuel)\b", re.I)


def _labels_over_runs(labelled: list[bool]) -> bool:
    """True when a label stands over two or more rows without one ('GWP' beside A1, then A2 and A3 below it):
    every row without a label follows a labelled one, in runs of two or more."""
    runs: list[int] = []
    for n, has in enumerate(labelled):
        if not has:
            if not n:
                return False
            if labelled[n - 1]:
                runs.append(0)
            runs[-1] += 1
    return bool(runs) and all(r >= 2 for r in runs)


def _indicator_labels(texts: list[str], rows: int) -> bool:
    """A column naming an indicator on about every row, its labels wrapped around their values ('Global warming
    potential' / 'kgCO2e 700.7' / '(GWP)'): each row's own label, not groups of rows labelled once (where a label
    stands over several rows, a mix's each)."""
    naming = sum(bool(_INDICATOR_WORD.search(t)) for t in texts)
    return naming >= 3 and naming >= 0.75 * rows


def _centred_cells(rows: list[Row], bands: list[tuple[float, float]], fragments: list[tuple[int, Phrase, int]],
                   k: int) -> bool:
    """True when every row without a text of its own in stub column k has a line of that column within its band:
    names wrapped over two lines and centred on their rows ('Low-iron float glass 5' / values / 'mm'), each row's
    own, not labels of groups of rows (which leave the rows under the first of each group without any)."""
    lines = [p for _i, p, kk in fragments if kk == k]
    return len(rows) >= 2 and all(row.stub.get(k) or any(
        min(hi, p.bottom) - max(lo, p.top) >= 0.3 * max(p.bottom - p.top, 1.0) for p in lines)
        for row, (lo, hi) in zip(rows, bands, strict=True))


def _own_indicators(rows: list[Row], k: int) -> bool:
    """True when the rows without a text in stub column k each name their own indicator ('GWP' / 'ODP' set apart
    from '100† | kg CO2 eq', then 'Acidification potential (AP)'): the column's few texts begin their rows' labels,
    they are no labels of groups of rows."""
    others = [row for row in rows if not row.stub.get(k)]
    return bool(others) and all(_INDICATOR_WORD.search(" ".join(t for j, texts in row.stub.items() if j != k
                                                                 for t in texts)) for row in others)


def _group_pieces(pieces: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """Join the pieces of a sparse column's labels set close above one another into group labels."""
    groups: list[tuple[float, float, str]] = []
    for top, bottom, text in sorted(pieces):
        if groups and top - groups[-1][1] < 0.6 * max(bottom - top, 4):
            first_top, _bottom, joined = groups[-1]
            groups[-1] = (first_top, bottom, f"{joined} {text}")
        else:
            groups.append((top, bottom, text))
    return groups


def _assign_groups(rows: list[Row], groups: list[tuple[float, float, str]]) -> None:
    """Give each row its group label: the nearest label (labels centred on their rows), or the one above it
    (labels on the first row of each group)."""
    if not groups:
        return
    centres = [(t + b) / 2 for t, b, _ in groups]
    on_rows = all(any(abs(c - r.yc) < 0.35 * (r.bottom - r.top) for r in rows) for c in centres)
    top_aligned = on_rows and abs(centres[0] - rows[0].yc) < 0.35 * (rows[0].bottom - rows[0].top)
    # labels wrapped below the first row of their group ('... per ton' / '(2000 lb)'): their first lines on rows
    if not top_aligned and len(groups) >= 2 and all(any(abs(t - r.top) < 0.35 * (r.bottom - r.top) for r in rows)
                                                    for t, _, _ in groups) \
            and abs(groups[0][0] - rows[0].top) < 0.35 * (rows[0].bottom - rows[0].top):
        for row in rows:
            above = [g for g in groups if g[0] <= row.top + 0.35 * (row.bottom - row.top)]
            row.group = above[-1][2] if above else None
        return
    for row in rows:
        if top_aligned:
            above = [g for g, c in zip(groups, centres, strict=True) if c <= row.yc + 0.35 * (row.bottom - row.top)]
            row.group = above[-1][2] if above else None
        else:
            n = min(range(len(groups)), key=lambda n: abs(centres[n] - row.yc))
            row.group = groups[n][2]
