"""Read GWP A1-A3 values out of rebuilt tables: one interpretation for every table shape.

Each value cell is read in the context of its column head (and the group heads over it), its row label (and the
section rows above it and the group label beside it), the table's corner and caption, and the document. Every
context is reduced to tags: the indicator named (GWP-total, GWP, GWP-fossil, another indicator), the modules
(A1, A2, A3, A1-A3, product stage, upstream, core...), the unit (per m3, per yd3, per metric ton, per short ton),
the method (TRACI, CML, EF), a benchmark marker, or none of those: then the text names a product. Which axis holds
indicators, modules or products follows from where the tags are found, cell by cell, so indicators-as-rows,
products-as-rows, products-as-columns and stage-rows tables are all the same case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from buyclean.core.readers.pdf.mixes import AGE_COLUMN, strength_cell
from buyclean.core.readers.pdf.numbers import cached
from buyclean.core.readers.pdf.results import indicator_kind
from buyclean.core.readers.pdf.tables import Cell, Row, Table

A1A3 = frozenset({"A1", "A2", "A3"})
TON = "ton"  # a unit that may be the short or the metric ton
_MODULE_WORD = re.compile(r"\b([ABCD])\s?(\d)?(?:\s*(?:[-–‐/]|TO|to)\s*([ABCD])?\s?(\d))?\b")
_STAGES: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"product(ion)?\s*stage|cradle[- ]to[- ]gate|a1\s*[-–+]\s*a3\s*total", re.I), A1A3),
    (re.compile(r"\bupstream\b", re.I), frozenset({"A1"})),
    (re.compile(r"\bcore\b", re.I), frozenset({"A2", "A3"})),
    (re.compile(r"\bdownstream\b", re.I), frozenset({"C"})),
    (re.compile(r"raw material", re.I), frozenset({"A1"})),
    (re.compile(r"\btransport(ation)?\b(?! to (the )?(site|customer))", re.I), frozenset({"A2"})),
    (re.compile(r"\bmanufactur", re.I), frozenset({"A3"})),
)
_TOTAL = re.compile(r"^\s*(life[- ]cycle\s+)?totals?\s*$|^\s*sum\s*$", re.I)
_UNITS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("yd3", re.compile(r"yd3|yd³|yd\^3|cubic\s*yard|\bcy\b|\byd\b", re.I)),
    ("m3", re.compile(r"\bm3\b|m³|m\^3|cubic\s*met", re.I)),
    ("short_ton", re.compile(r"short\s*ton|\bsh\.\s*tons?\b|\bus\s*ton|ton\s*\(short\)|2,?000\s*lb", re.I)),
    ("t", re.compile(r"metric\s*ton|tonne|\bmt\b|1,?000\s*kg|per\s*(?:1|one)?\s*t\b|/\s*t\b", re.I)),
    # 'per ton' says neither short (2,000 lb) nor metric: the reading decides from the other columns, else review
    (TON, re.compile(r"(?:\bper|/)\s*(?:1|one)?\s*tons?\b(?!ne)", re.I)),
    ("m2", re.compile(r"\bm2\b|m²|square\s*met|\bsqm\b", re.I)),
    ("kg", re.compile(r"\bper\s*(?:1|one)?\s*kg\b|/\s*kg\b|\(\s*kg\s*\)", re.I)),
)
_METHODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("TRACI", re.compile(r"\btraci\b", re.I)),
    ("CML", re.compile(r"\bcml\b", re.I)),
    ("EF", re.compile(r"\bef\s*3\.\d|en\s*15804\s*\+\s*a2|environmental footprint", re.I)),
    ("IPCC", re.compile(r"\bipcc\b|\bar[56]\b", re.I)),
    ("ReCiPe", re.compile(r"recipe", re.I)),
)
_BENCHMARK = re.compile(r"benchmark|baseline|reduction|industry\s*(avg|average)|\bvs\.|\bversus\b|difference|compared|"
                        r"\bvs\s+(?:baseline|benchmark|reference|industry|avg|average|nrmca|the)\b|"
                        r"reference|% (below|above|of)|percent", re.I)
_OTHER_INDICATOR = re.compile(r"^\s*(odp|ap|ep|pocp|sfp|adp\w*|wdp|pm|irp|etp|htp|sqp|pere|penre|pert|penrt|perm|"
                              r"penrm|sm|rsf|nrsf|fw|hwd|nhwd|rwd|cru|mfr|mer|eee|eet|ozone|acidification|"
                              r"eutrophication|smog|photochemical|abiotic|water|energy|primary|fossil fuel|"
                              r"resource|waste|renewable|non[- ]renewable|particulate|ionizing|human|land use|"
                              r"ecotox|fresh ?water|biogenic carbon|carbon content)\b(?![-–]?\d)", re.I)
_STRENGTH_HEAD = re.compile(r"f'?c|f.c\b|strength|\bpsi\b|\bmpa\b", re.I)
_NAME_HEAD = re.compile(r"\bmix\b|product|\bname\b|\bid\b|\bcode\b|description|designation|\btype\b", re.I)


_UNIT_FRAGMENT = re.compile(r"^(eq\.?|eqv?\.?|kg|co2|co2[- ]?eq\.?|kg co2[- ]?eq\.?|\[.*\]|\(.*\)|mj|m3|m2|per|units?|"
                            r"value|values|results?|indicators?|parameters?|impact categor(y|ies))$", re.I)


@dataclass(frozen=True)
class Tags:
    indicator: str | None = None  # total, plain, fossil, biogenic, luluc, ghg, other
    modules: frozenset[str] | None = None  # {"A1","A2","A3"}, {"TOTAL"} for a life-cycle total
    unit: str | None = None
    method: str | None = None
    benchmark: bool = False
    text: str = ""

    @property
    def product_like(self) -> bool:
        """Text that names none of the things a results table labels: a product, mix or plant name."""
        t = self.text.strip()
        if not t or self.indicator or self.modules or self.method or self.benchmark:
            return False
        if self.unit and len(t) < 30:
            return False
        if _UNIT_FRAGMENT.match(t):
            return False
        return bool(re.search(r"[A-Za-z0-9]{2}", t))


@cached  # a pure function of the text, asked of each head and label many times
def modules_in(text: str, *, caption: bool = False) -> frozenset[str] | None:
    """The life-cycle modules a head or label names, or None; a caption may name them inside a sentence."""
    text = _STANDARD.sub(" ", text)  # 'GWP EN 15804+A2 per m³' names the standard's amendment, not module A2
    codes = _module_codes(text, caption)
    if codes is not None:
        return codes  # printed codes say more than stage words ('Product stage A2' is A2)
    short = len(text.split()) <= 4  # 'Transport' heads a column; 'Dept of Transport projects' names a section
    for n, (pattern, modules) in enumerate(_STAGES):
        if (n == 0 or short) and pattern.search(text):
            return modules
    if _TOTAL.match(text):
        return frozenset({"TOTAL"})
    return None


_STANDARD = re.compile(r"\b(?:EN\s*)?15804\s*\+\s*A[12]\b", re.I)


def _joined_modules(text: str) -> str:
    """'A1A2A3' and 'A1+A2+A3' printed as one head: the A1-A3 total."""
    return re.sub(r"(?i)\bA1\s*(?:\+\s*)?A2\s*(?:\+\s*)?A3\b", "A1-A3", text)


def _module_codes(text: str, caption: bool) -> frozenset[str] | None:
    found: set[str] = set()
    text = _joined_modules(text)
    for m in _MODULE_WORD.finditer(text.upper().replace(" ", " ")):
        letter, first, letter2, last = m.group(1), m.group(2), m.group(3), m.group(4)
        if first is None:
            if letter == "D" and re.fullmatch(r"\s*D\s*", text):
                found.add("D")
            continue
        if last is not None and (letter2 in (None, letter)):
            a, b = int(first), int(last)
            if a <= b <= 9:
                found.update(f"{letter}{n}" for n in range(a, b + 1))
                continue
        found.add(f"{letter}{first}")
    if not found or not re.search(r"(?<![A-Za-z])[ABCD]\s?\d(?![\d.])", text.upper()):
        return None
    # a code inside a name ('B80 40 MPa, Pump, B1 Exposure') is not a module head; beside indicator and unit
    # words ('GWP (kg CO2-eq) A1', 'A1 Raw material supply') it is; A1-A3 always is
    if frozenset(found) != A1A3 and not caption and _name_words(text) > 2:
        return None
    return frozenset(found)


_HEAD_WORDS = re.compile(r"\b(gwp\w*|global|warming|potential|climate|change|embodied|carbon|footprint|total|fossil|"
                         r"biogenic|luluc|kg|co2e?|co₂e?|eq|eqv|per|unit|module|modules|stage|product|raw|materials?|"
                         r"supply|transport(ation)?|manufactur\w*|production|upstream|core|extraction|processing|"
                         r"plant|facility|mill|acquisition|traci|cml|ia|ef|results?|"
                         r"indicator|impact|category|value|m3|yd3|ton|tonne|metric|short|declared|sum|subtotal|"
                         r"cradle|to|gate|grave|life|cycle|phase)\b", re.I)


def _name_words(text: str) -> int:
    """How many words of a head name something other than an indicator, a unit, a stage or a module."""
    rest = re.sub(r"\b[ABCD]\s?\d(?:\s*[-–/+]\s*[ABCD]?\s?\d)*\b", " ", text)
    rest = _HEAD_WORDS.sub(" ", rest)
    return len(re.findall(r"[^\W\d_]{2,}", rest))


# a density or a mass per area ('1,750 kg/m3', 'lb/yd3', '15.0 kg/ m2') states no unit the results are given per
_DENSITY = re.compile(r"\b(?:kg|lb|lbs|t)\s*/\s*(?:m3|m³|yd3|yd³|cy|ft3|m2|m²|ft2|sf)"
                      r"|\b(?:lb|lbs)\s*/\s*(?:cy|cu\.? ?yd)", re.I)


@cached  # a pure function of the text, asked of each head and label many times
def unit_in(text: str) -> str | None:
    """The unit a head or label states results per; a density ('1,750 kg/m3', 'lb/yd3') states none."""
    text = _DENSITY.sub(" ", text)
    for unit, pattern in _UNITS:
        if pattern.search(text):
            return unit
    return None


_A2_NAME = re.compile(r"\bGWP[-‐–]\s*(?:total|fossil|biogenic|luluc)\b", re.I)
# a method named only to say the values are not its ('EF 3.1 - not for comparison with TRACI')
_NEGATED = re.compile(r"(?:\bnot\b|\bunlike\b|rather\s+than|instead\s+of|\bnor\b|comparison\s+with|"
                      r"compared\s+(?:with|to))[^.;:]{0,25}$", re.I)


_FACTORS_OF = re.compile(r"factors?\W{0,3}(?:ipcc\W*)?$|factors?\s+(?:of|from)\s+(?:the\s+)?(?:ipcc\W*)?$", re.I)


@cached  # a pure function of the text, asked of each head and label many times
def method_in(text: str) -> str | None:
    for name, pattern in _METHODS:
        if any(not _NEGATED.search(text[:m.start()]) and not (name == "IPCC" and _FACTORS_OF.search(
                text[max(0, m.start() - 30):m.start()])) for m in pattern.finditer(text)):
            return name  # 'GWP uses 100-year factors (IPCC AR5)': where the factors come from, not a method
    return None


@cached  # a pure function of the text, asked of each head and label many times
def tags_of(text: str | None, *, caption: bool = False) -> Tags:
    """Reduce a head, label or caption to what it says about the values it governs."""
    if not text:
        return Tags()
    kind = indicator_kind(text)
    if kind is None and _OTHER_INDICATOR.match(text):
        kind = "other"
    modules = modules_in(text, caption=caption)
    return Tags(kind, modules, unit_in(text), method_in(text), bool(_BENCHMARK.search(text)), text)


_GWP_DASH = re.compile(r"\s*gwp\s*[-–]\s*", re.I)


def tags_of_parts(parts: list[str], pieces: list[str] | None = None) -> Tags:
    """Tags of a label printed in several pieces (a method line, then the indicator): the whole label first, then
    each piece read alone."""
    pieces = pieces or []
    if len(parts) <= 1 and len(pieces) <= 1:
        return tags_of(parts[0] if parts else None)
    each = [tags_of(p) for p in [*parts, *pieces]]
    joined = tags_of(" ".join(parts))
    if any(_GWP_DASH.fullmatch(p) for p in parts) and not joined.indicator:
        # 'GWP-' whose end ('total', 'GHG') was not read: which GWP it is cannot be told
        joined = Tags(None, joined.modules, joined.unit, joined.method, joined.benchmark, joined.text)
    # the whole label names the indicator best ('Climate change' / 'Biogenic'); pieces help when a method or
    # a stage is printed before it ('TRACI 2.1' / 'GWP (kg CO2 eq)')
    return Tags(joined.indicator or next((t.indicator for t in each if t.indicator), None),
                next((t.modules for t in each if t.modules), joined.modules),
                # a density wrapped over two lines ('1,750 kg/' / 'm3 1" AE') is no unit in either piece
                joined.unit if _DENSITY.search(" ".join(parts)) else next((t.unit for t in each if t.unit),
                                                                          joined.unit),
                next((t.method for t in each if t.method), joined.method),
                any(t.benchmark for t in each), " ".join(parts))


@dataclass(frozen=True)
class ValueCell:
    """A GWP value read from a table, with what its context said about it."""

    value: float
    kind: str  # total or plain
    modules: frozenset[str]
    unit: str | None
    method: str | None
    product: str | None
    page: int
    cells: tuple[Cell, ...]
    text: str  # the row as read, for evidence
    strength: str | None = None
    key: tuple[object, ...] = ()  # what the cells summed into one value share (table, row or column)
    description: str | None = None  # what the row says of the product beside its identifier
    table_id: int = 0  # which table the value was read from (its identity within one reading)


@dataclass
class DocumentContext:
    """What the document says once for all its tables."""

    a1a3_only: bool = False  # cradle to gate only: an unlabelled value column is A1-A3
    method: str | None = None
    traci: bool = False  # the document names TRACI: a product's other-method value is no substitute for it


def _first(*options: Iterable[object]) -> object:
    for option in options:
        if option:
            return option
    return None


def _sentence_line(text: str) -> bool:
    """A line of prose above a table, not its title: a sentence of six words or more ending in a full stop."""
    return text.rstrip().endswith(".") and len(text.split()) >= 6 and not re.match(r"\s*tab", text, re.I)


def table_methods(table: Table, titles: bool = False) -> set[str]:
    """The methods a table's own caption, corner, sections or row labels name ('Table 2. TRACI 2.1 results');
    with ``titles``, a sentence above the table ('Impact categories were characterized with TRACI 2.1.') is the
    document's statement, not the table's title."""
    caption = [c for c in table.caption[-2:] if not (titles and _sentence_line(c))]
    texts = [*caption, table.corner, *(s for row in table.rows for s in row.sections[-1:]),
             # 'GWP-GHG (IPCC AR5, excl. biogenic)' names the indicator's factors, not the table's method
             *(row.label_text for row in table.rows
               if not titles or tags_of(row.label_text).indicator in (None, "total", "plain"))]
    return {m for m in (method_in(t) for t in texts if t) if m is not None}


def table_product(table: Table) -> str | None:
    """The product a heading or caption above the table names ('Results for mix: 2500W'), or None; else a product
    code printed alone on a line of the page's heading right above it ('SM-25.0C' over its description and table)."""
    named = _caption_product([*table.caption, *_corner_lines(table.corner)])
    if named is not None:
        return named
    # a line over the table that begins with a code set off from the rest ('38C40, per cubic meter', '38C40 –
    # Description: ...'), caught in the head's corner or the nearest caption line
    for line in [table.corner, *reversed(table.caption[-2:])]:
        m = _CODE_LEAD.match(line)
        if m and product_code(m.group(1)) and "epd" not in m.group(1).lower():
            return m.group(1)
    # 'Portland cement Type III, per tonne': a name, then the unit, on the line over the table
    m = _NAME_PER_UNIT.match(table.caption[-1]) if table.caption else None
    if m and _named(m.group(1)) and _caption_name(m.group(1)):
        return m.group(1).strip()
    # 'Mix 45K78F' on a line of its own over the table's caption
    for line in reversed(table.caption[-3:]):
        m = MIX_LINE.match(line)
        if m and product_code(m.group(1)):
            return m.group(1)
    # 'Life cycle impact assessment (TRACI 2.1), 25E50, per 1 cubic meter': the one code set off by commas
    if table.caption and (method_in(table.caption[-1]) or re.search(r"\bresults?\b", table.caption[-1], re.I)):
        named = _set_off(table.caption[-1], alone=False)
        if named is not None:
            return named
    # 'TRACI 2.1 results for 1 t of Clear float glass 4 mm', the nearest caption line
    m = _PER_UNIT_OF.search(table.caption[-1]) if table.caption else None
    if m and not table.caption[-1].rstrip().endswith(".") and _named(m.group(1)):
        return m.group(1).strip()
    # 'Hot-Rolled Sheet' / its description / 'Results - declared unit 1 MT': a short title over the caption
    if len(table.caption) >= 2 and caption_like(table.caption[-1]):
        for line in table.caption[-3:-1]:
            t = line.strip()
            keyed = _KEYED_NAME.fullmatch(t)
            if keyed and _caption_name(keyed.group(1)) and not unit_in(keyed.group(1)):
                return keyed.group(1)  # a data sheet's facts over the caption: 'Product  C2601 5000PSI FOOTING'
            if product_code(t) and "epd" not in t.lower():
                return t  # a code over its description ('SP4.75B-23' / 'SP4.75B mix, PG 64-22, 20% RAP')
            if _caption_name(t, 6) and not unit_in(t) and not re.search(r"[:;.]$|:\s", t) and not caption_like(t) \
                    and not re.match(r"\s*\d+(?:\.\d+)*\.?\s", t) and re.search(r"[A-Za-z]{3}", t) \
                    and not _STAGE_WORDS.search(t) and not ATTRIBUTE_LINE.search(t):
                return t  # the title over a description line, else the line right over the caption
            if _HEAD_LINE.search(t):
                break  # a head's first line ('Impact category  Heavy'): the line under it ends the head, no title
    # 'Clear float glass, 8 mm: TRACI 2.1 results per m2': the product before the colon of a results caption
    m = (_NAME_COLON_RESULTS.match(table.caption[-1]) or _NAME_METHOD_PER.match(table.caption[-1])
         or _TABLE_NAME_DASH.match(table.caption[-1])) if table.caption else None
    if m and _caption_name(m.group(1)) and not unit_in(m.group(1)):
        return m.group(1).strip()
    lines = list(dict.fromkeys([*table.heading, *table.caption]))
    return next((ln.strip() for ln in reversed(lines) if product_code(ln.strip()) and "epd" not in ln.lower()), None)


# 'Product  C2601 5000PSI FOOTING 50% FA', 'Mix name: 4000 PSI 28D': a name after its label
_KEYED_NAME = re.compile(r"(?:product|mix)(?:\s+(?:name|id|designation))?\s*:?\s+(\S.*?)", re.I)


# the first line of a results table's head ('Impact category  Heavy')
_HEAD_LINE = re.compile(r"\b(?:impact\s+categor\w*|indicators?|parameters?|unit)\b", re.I)
# a data sheet's attribute line over the results ('Test age 28 days', 'Specified strength (psi) 3500'): no title
ATTRIBUTE_LINE = re.compile(r"\b\d+\s*(?:days?|d)\b|\bdensity\b|\bpcf\b|kg/m3|kg/m³|^\s*(?:test\s+age|age|"
                             r"(?:specified\s+|design\s+)?(?:compressive\s+)?strength|slump|w/cm?|air content)\b", re.I)
_CAPTION_UNIT = re.compile(r"\b(?:per|declared\s+unit:?)\s+(?:[\d,.]+\s+|one\s+|a\s+)?(?:m3|m³|yd3|yd³|cubic|metric|"
                           r"short|sh\.|ton|tonne|mt\b|t\b|m2|m²|square|kg\b)", re.I)


def caption_like(line: str) -> bool:
    """A table's caption ('Table 3. ...', 'Results - declared unit 1 m3'), not a sentence or a section heading."""
    sentence = line.rstrip().endswith(".")
    return len(line) < 120 and (bool(re.match(r"\s*(?:table|tab\.)\s*[\d:.]", line, re.I)) or (
        bool(_CAPTION_UNIT.search(line)) and not sentence) or (
        bool(re.search(r"\bresults?\b", line, re.I)) and bool(method_in(line)) and not sentence
        and not re.match(r"\s*\d+(?:\.\d+)*\.?\s", line)))


# 'Mix ID SM-3095F', 'Mix 988J49', 'Product code: 5D21W': a label, then the code
MIX_LINE = re.compile(r"\s*(?:mix|product)(?:\s+(?:id|no\.?|number|code|design))?\s*[:#]?\s*(\S*\d\S*)\s*$", re.I)


# 'Description', 'Product name', 'Mix' ... before a data sheet's title
_FACT_LABEL = re.compile(r"\s*(?:description|product(?:\s+name)?|mix(?:\s+name)?|name)\s*:?\s*", re.I)


def heading_product(table: Table) -> str | None:
    """The product named at the head of a table's page ('Product: SM 4.75mm', 'Mix ID SM-3095F', 'SP 19.0mm —
    description'): a data sheet's, for its tables that name none themselves."""
    named = _caption_product([ln for ln in table.heading if ln not in table.caption])
    if named is not None:
        return named
    for line in table.heading:  # 'Mix ID SM-3095F', 'Mix SM-4087F'
        m = MIX_LINE.match(line)
        if m and product_code(m.group(1)):
            return m.group(1)
    # a data sheet titled by its product, then 'Description  <the title>' in its facts: the title is the name
    for line in table.heading:
        t = line.strip()
        # (the label is looked for first: the pattern with the title in it is compiled only for a text it starts)
        if 3 <= len(t) <= 80 and any(_FACT_LABEL.match(c) and re.fullmatch(_FACT_LABEL.pattern + re.escape(t) + r"\s*",
                                                                           c, re.I)
                                     for c in [*table.caption, *table.heading]):
            return t
    # 'SP 19.0mm — SP 19.0 mm NMAS, PG 70-22': a short name with a number, then its description
    for line in table.heading:
        m = re.match(r"\s*(\S.{1,30}?)\s+[—–]\s+\S", line)
        if m and len(m.group(1).split()) <= 4 and re.search(r"\d", m.group(1)) and not unit_in(m.group(1)) \
                and not method_in(m.group(1)) and not _NOT_A_PRODUCT.search(m.group(1)) and \
                not re.search(r"\bpage\b|\bp\.\s*\d|epd|iso\b", m.group(1), re.I):
            return m.group(1).strip()
    return None


def age_column(table: Table) -> int | None:
    """The table's column of test ages beside its strengths ('Age (days)', 'Days'); None with none, or with two
    (which strength is whose is not read)."""
    # (its own head: a group head over it, 'GWP (TRACI 2.1), kg CO2 eq per yd3', spanning it by mistake, is not)
    found = [k for k, c in enumerate(table.columns) if not c.stub and AGE_COLUMN.search(c.head or c.title)]
    return found[0] if len(found) == 1 else None


def age_cell(row: Row, column: int | None) -> str | None:
    """The row's cell in the table's column of test ages, if it has one."""
    cell = row.cells.get(column) if column is not None else None
    return cell.text if cell is not None else None


def _strength_text(row: Row, table: Table, column: int) -> str | None:
    """The row's text in a strength column: its cell, or its label's text when the column is part of the stub."""
    if column in row.cells:
        return row.cells[column].text
    if table.columns[column].stub and row.stub.get(column):
        return " ".join(row.stub[column])
    return None


def _row_strength(row: Row, k: int, ages: Row | None = None) -> str:
    """A product's strength from a row of strengths, its unit (and age) from the row's label: '27.6 (56 d)' under
    'Compressive strength (MPa)' is '27.6 MPa (56 d)'; ``ages``, a row of test ages ('Strength age | days | 28 |
    56'), gives the product's age."""
    label = row.label_text
    text = re.sub(r"^\s*([\d.,]+)", lambda m: f"{m.group(1)} {unit_word(label)}", row.cells[k].text, count=1)
    aged = [bool(_CELL_AGE.search(c.text)) for c in row.cells.values() if c.kind == "number"]
    if any(aged) and not _CELL_AGE.search(text) and not _CELL_AGE.search(label):
        # the row marks the later ages on their cells ('27.6 (56 d)'): a cell it leaves unmarked is at 28 days
        text += " @ 28 days"
    return strength_cell(text, label, "", ages.cells[k].text if ages is not None and k in ages.cells else None)


_CELL_AGE = re.compile(r"\b\d{1,3}\s*-?\s*(?:d|days?)\b", re.I)


def read_table(table: Table, doc: DocumentContext, heading: str | None = None) -> list[ValueCell]:
    """Every GWP A1-A3 value of one table, with its product, unit and method; ``heading`` is the product named by
    the last product heading above it."""
    corner = tags_of(table.corner)
    captions = [tags_of(c, caption=True) for c in table.caption]
    # the line right above a head of module columns may name the indicator of them all, when no column does
    nearest = captions[-1] if captions else Tags()
    caption_indicator = nearest.indicator if nearest.indicator in ("total", "plain") and len(nearest.text) < 80 and \
        not any(t.indicator in ("total", "plain") for t in (tags_of(c.head) for c in table.columns)) else None
    caption_method = next((t.method for t in reversed(captions) if t.method), None)
    # a caption wraps ('... per 1 ton (2,000' / 'lb)'): read its unit from the nearest line, else the whole
    caption_unit = next((t.unit for t in reversed(captions) if t.unit), None)
    whole_unit = tags_of(" ".join(table.caption[-2:]), caption=True).unit
    if whole_unit is not None and whole_unit != caption_unit and caption_unit in ("t", None):
        caption_unit = whole_unit  # '... per 1 ton (2,000' + 'lb)' is a short ton, not a metric one
    # a sentence above the table ('Modules beyond A3 are not declared.') names no module of its values
    caption_modules = next((t.modules for t in reversed(captions) if t.modules and t.modules != A1A3 | {"C"}
                            and not _sentence_line(t.text)), None)
    caption_product = table_product(table) or heading
    # a title over the table caught in its first column's head ('Results by mix (A1-A3)' over 'Mix ID')
    first = table.columns[0] if table.columns else None
    title_modules = tags_of(first.head).modules if first is not None and first.head and len(first.head.split()) > 3 \
        and tags_of(first.head).modules == A1A3 and not tags_of(first.head).indicator else None
    col_tags = {k: tags_of(c.head) for k, c in enumerate(table.columns)}
    group_tags = {k: [tags_of(g) for g in c.groups] for k, c in enumerate(table.columns)}
    _share_module_run_heads(table, col_tags, group_tags)
    # (a head wrapped around its neighbour's, 'Mix' over 'number' beside 'Description', reads as a group over both)
    name_cols = [k for k, c in enumerate(table.columns) if not c.stub and (_NAME_HEAD.search(c.head or "") or (
                     c.groups and _ID_HEAD.search(c.head or "") and _NAME_HEAD.search(c.groups[-1])))
                 and col_tags[k].indicator not in ("total", "plain") and col_tags[k].unit is None
                 and (not col_tags[k].modules or (k == 0 and title_modules))
                 and (_ID_HEAD.search(c.head or "") or _texts(table, k) or _ids(table, k) or _codes(table, k))
                 and _names(table, k)]
    strength_cols = [k for k, c in enumerate(table.columns) if _STRENGTH_HEAD.search(c.title)
                     and not col_tags[k].indicator]
    ages = age_column(table) if strength_cols else None
    # products as columns: a row of their strengths ('Compressive strength (MPa) | 20.7 | 27.6 (56 d)'), read for
    # the values of the column's product
    strength_rows = [row for row in table.rows if _STRENGTH_HEAD.search(row.label_text) and unit_word(
        row.label_text) and not tags_of_parts(row.label).indicator and any(c.kind == "number" for c in
                                                                           row.cells.values())]
    age_rows = [row for row in table.rows if AGE_COLUMN.search(row.label_text) and any(
        c.kind == "number" for c in row.cells.values())] if len(strength_rows) == 1 else []
    named_modules: set[str] = set()
    for t in [*col_tags.values(), *(tags_of_parts(row.label) for row in table.rows)]:
        named_modules |= t.modules or set()
    # a 'Total' beside modules after the gate (C, D, 'Downstream') is the life cycle's, not A1-A3
    total_is_a1a3 = doc.a1a3_only and not (named_modules - A1A3 - {"TOTAL"})
    table_modules = bool(named_modules - {"TOTAL"})
    # GWP split into fossil, biogenic and land use (luluc) is EN 15804+A2's set of indicators: in a document that
    # also prints TRACI results, a table printing that set and naming no method of its own holds the EF results
    kinds = {tags_of_parts(row.label).indicator for row in table.rows} | {t.indicator for t in col_tags.values()} | \
        {g.indicator for gs in group_tags.values() for g in gs}
    # so does a table naming 'GWP-total' or 'GWP-fossil', EN 15804+A2's names, which TRACI tables do not use
    a2_names = any(_A2_NAME.search(t) for t in [*(c.title for c in table.columns), *(" ".join(r.label)
                                                                                     for r in table.rows)])
    table_ef = "EF" if doc.traci and ("luluc" in kinds or {"fossil", "biogenic"} <= kinds or a2_names) and \
        not table_methods(table, titles=True) else None
    # an IPCC column beside GWP columns that name no method ('IPCC AR6 GWP100' right of TRACI's A1, A2, A3): a
    # second method's, not the factors of the table's own
    gwp_cols = [k for k in col_tags if col_tags[k].indicator in ("total", "plain") or any(
        g.indicator in ("total", "plain") for g in group_tags[k])]
    # (a column of 'kg CO2e' modules whose indicator head was lost counts as one of them)
    co2_cols = [k for k, c in enumerate(table.columns) if not c.stub and k not in gwp_cols and col_tags[k].modules
                and re.search(r"\bco2|co₂", c.title, re.I) and _method_of(col_tags[k], group_tags[k]) is None]
    # (or a column naming TRACI itself: 'GWP (TRACI 2.2)' beside 'GWP IPCC AR6')
    ipcc_beside = any(_method_of(col_tags[k], group_tags[k]) == "IPCC" for k in gwp_cols) and (any(
        _method_of(col_tags[k], group_tags[k]) in (None, "TRACI") for k in gwp_cols) or bool(co2_cols))
    # so does a row naming IPCC below one naming TRACI ('Global warming potential, TRACI 2.2' / 'GWP, IPCC AR6')
    row_methods = {tags_of_parts(row.label).method for row in table.rows}
    ipcc_beside = ipcc_beside or {"IPCC", "TRACI"} <= row_methods
    out: list[ValueCell] = []
    for r, row in enumerate(table.rows):
        label = tags_of_parts(row.label, row.label_pieces)
        group = tags_of(row.group)
        sections = [tags_of(s) for s in row.sections]
        sec_method = next((t.method for t in reversed(sections) if t.method), None)
        sec_modules = next((t.modules for t in reversed(sections) if t.modules), None)
        sec_product = next((t.text for t in reversed(sections) if t.product_like), None)
        for k, cell in row.cells.items():
            if cell.kind != "number" or cell.value is None or table.columns[k].stub:
                continue
            col = col_tags[k]
            groups = group_tags[k]
            if col.benchmark or any(g.benchmark for g in groups):
                continue
            g_ind = next((g.indicator for g in groups if g.indicator), None)
            if g_ind and not (col.indicator or col.modules or label.indicator) and \
                    _ATTRIBUTE_HEAD.search(table.columns[k].head or ""):
                continue  # a mix's attribute ('w/cm', 'SCM %') under a group head of GWP columns it is not one of
            indicator = col.indicator or g_ind or label.indicator or group.indicator
            if indicator is None and col.modules and caption_indicator:
                indicator = caption_indicator  # 'GWP (kg CO2-eq.) per short ton' printed over module columns
            if indicator not in ("total", "plain"):
                continue
            if label.indicator and label.indicator not in ("total", "plain") and not col.indicator:
                continue
            if col.indicator and label.indicator and label.indicator not in ("total", "plain") \
                    and label.indicator != "other":
                continue
            g_mod = next((g.modules for g in groups if g.modules), None)
            # a value printed after its module on its line ('A1: 19.8 | A2: 2.23 | A3: 1.27', or 'A3:' ending the
            # line above it): that module's
            key_text = _text_before(row, cell)
            keyed = _KEYED_MODULE.search(key_text)
            # ('/ m3: A1-A3: 4.23E+02' under a card's 'kg CO2 eq / yd3': the unit keyed with it is its own)
            key_unit = unit_in(key_text) if keyed is not None else None
            keyed = keyed or _KEYED_MODULE.search(table.columns[k].head)
            if keyed is not None:
                g_mod = col_mod = modules_in(keyed.group(1))
            else:
                col_mod = col.modules
            modules = (col_mod or g_mod or label.modules or group.modules or sec_modules or corner.modules
                       or caption_modules or title_modules)
            if modules is None and doc.a1a3_only and not table_modules:
                modules = A1A3  # a cradle-to-gate document's unlabelled values are A1-A3; never in a table of modules
            if modules is None or not modules or (not modules <= A1A3 and modules != {"TOTAL"}):
                continue
            if modules == {"TOTAL"}:
                if not total_is_a1a3:
                    continue
                modules = A1A3
            g_unit = next((g.unit for g in groups if g.unit), None)
            unit = (key_unit or col.unit or g_unit or label.unit or group.unit or sec_unit(sections) or corner.unit
                    or caption_unit)
            method = (label.method or sec_method or col.method or next((g.method for g in groups if g.method), None)
                      or corner.method or table_ef or caption_method or doc.method)
            if method == "IPCC" and (corner.method or caption_method or ("TRACI" if doc.traci else None)) == "TRACI" \
                    and not ipcc_beside:
                method = "TRACI"  # 'GWP-100 (AR5)' in a TRACI table: the GWP factors TRACI uses, not another method
            product, description = _product(table, row, k, label, group, sec_product, caption_product, col,
                                            name_cols)
            # a strength column gives a mix's strength in a row of that mix; a row of an indicator (products as
            # columns) holds other products' results, never a strength
            # (a strength column set left among the stub's texts, '8770A | 8000 PSI | 56 | 436', is one too: its
            # text is the row's label there, and the age column beside it still gives the age)
            strength = "; ".join(strength_cell(text, table.columns[s].title, unit_word(table.columns[s].title) or "",
                                               age_cell(row, ages))
                                 for s in strength_cols if s != k and (text := _strength_text(row, table, s))) or None \
                if label.indicator is None and group.indicator is None else None
            if strength is None and len(strength_rows) == 1 and col.product_like and k in strength_rows[0].cells:
                strength = _row_strength(strength_rows[0], k, age_rows[0] if len(age_rows) == 1 else None)
            if modules == A1A3:
                key: tuple[object, ...] = (table.page, id(table), r, k)
            elif col.modules or g_mod:
                key = (table.page, id(table), "row", r)  # split modules across the columns of one row
            else:
                key = (table.page, id(table), "col", k, product)  # split modules down the rows of one column
            text = " ".join(filter(None, [row.group, row.label_text, *[c.text for _, c in sorted(row.cells.items())]]))
            out.append(ValueCell(cell.value, indicator, modules, unit, method, product, table.page, (cell,), text,
                                 strength, key, description, id(table)))
    return _sum_split(out)


def _text_before(row: Row, cell: Cell) -> str:
    """The text printed right before a value on its line: the nearest cell ending left of it, else the row's label."""
    if not cell.words:
        return row.label_text
    x0, top, _x1, bottom = cell.bbox
    left = [c for c in row.cells.values() if c is not cell and c.words and c.bbox[2] <= x0 + 1
            and min(c.bbox[3], bottom) - max(c.bbox[1], top) > 0]
    return max(left, key=lambda c: c.bbox[2]).text if left else row.label_text


# a module code that keys the value after it on its line ('A3: 1.27')
_KEYED_MODULE = re.compile(r"(?:^|[\s|;,])(A1\s*-\s*A3|A[1-5]|B[1-7]|C[1-4]|D)\s*:\s*$")


def _method_of(col: Tags, groups: list[Tags]) -> str | None:
    return col.method or next((g.method for g in groups if g.method), None)


def _share_module_run_heads(table: Table, col_tags: dict[int, Tags], group_tags: dict[int, list[Tags]]) -> None:
    """A group head centred over module columns ('GWP (kg CO2 eq) per yd3' over A1, A2, A3, A1-A3) is printed over
    some of them only: the indicator and unit it names belong to the whole run of adjacent module columns that
    name no indicator of their own."""
    order = [k for k in range(len(table.columns)) if not table.columns[k].stub]
    runs: list[list[int]] = []
    for k in order:
        modular = bool(col_tags[k].modules) and col_tags[k].indicator in (None, "total", "plain")
        # a module printed again starts another run ('A1 A2 A3 | A1 A2 A3': per yd3, then per m3)
        again = bool(runs) and any(col_tags[k].modules == col_tags[j].modules for j in runs[-1])
        if modular and runs and runs[-1][-1] == k - 1 and col_tags[runs[-1][-1]].modules and not again:
            runs[-1].append(k)
        elif modular:
            runs.append([k])
    for run in runs:
        named = [k for k in run if col_tags[k].indicator or any(g.indicator for g in group_tags[k])]
        kinds = {col_tags[k].indicator or next(g.indicator for g in group_tags[k] if g.indicator) for k in named}
        if len(run) < 2 or not named or len(kinds) != 1:
            continue
        source = col_tags[named[0]]
        text = next((g.text for g in group_tags[named[0]] if g.indicator), source.text)
        shared = tags_of(text)
        for k in run:
            if not col_tags[k].indicator and not any(g.indicator for g in group_tags[k]):
                group_tags[k] = [*group_tags[k], Tags(shared.indicator, None, shared.unit, shared.method, False,
                                                      text)]


def unit_word(title: str) -> str | None:
    if re.search(r"mpa", title, re.I):
        return "MPa"
    if re.search(r"psi", title, re.I):
        return "psi"
    return None


def sec_unit(sections: list[Tags]) -> str | None:
    return next((t.unit for t in reversed(sections) if t.unit), None)


# 'Product: X', 'Results for mix - X'; a hyphen only with a space before it ('Product-Specific' names no product)
_CAPTION_PRODUCT = re.compile(r"(?:results?\s+for(?:\s+(?:mix|product))?|mix(?:\s+(?:design|number|no\.?))?|product|"
                              r"impacts?|påvirkning|wirkungen|impatti)(?:\s*:|\s+[-–])\s*(.+)$", re.I)


_CODE_LEAD = re.compile(r"\s*(?:mix\s+)?([A-Za-z0-9][\w./-]*\d[\w./-]*)(?:\s*,\s*(?=per\b|in\b)|\s*[–—:]\s|\s+-\s)",
                        re.I)


_NAME_COLON_RESULTS = re.compile(r"\s*([^:]{3,80}?):\s*(?:(?:TRACI|CML|EF|LCIA|LCA|environmental|impact)\b[^:]*)?"
                                 r"\bresults?\b[^:]*$", re.I)


# 'Table: Fabricated wide-flange beams (ASTM A992) - results per 1 short ton'
_TABLE_NAME_DASH = re.compile(r"\s*(?:table|tab\.)\s*\d*\s*[.:]\s*(?:(?:TRACI|CML|EF\b|EN\s*15804|IPCC)[^:]{0,30}:\s*)?"
                              r"(.{3,80}?)\s+[-–—]\s+"
                              r"(?:(?:TRACI|CML|EF)\s*[\d.]*\s+)?(?:LCIA\s+)?results?\b[^:]*$", re.I)
# 'Type IL Portland-limestone cement (TRACI 2.1), per 1 t'
_NAME_METHOD_PER = re.compile(r"\s*([^:]{3,80}?)\s*\((?:TRACI|CML|EF\b|EN\s*15804)[^)]*\)\s*[,;:–-]?\s*"
                              r"(?:(?:LCIA\s+)?results?\b[^:]*|per\b[^:]*)?$", re.I)
_NOT_A_NAME = re.compile(r"\b(?:life\s+cycle|assessment|lca|lcia|environmental|impacts?|summary|supplementary|"
                         r"additional|scenario|section|figure|appendix|annex|note)\b", re.I)


def _corner_lines(corner: str) -> list[str]:
    # a product heading caught in the head's corner: 'Potential environmental impact: D11540 PARAMETER UNIT'
    m = re.search(r"^(.*?:\s*\S+)", corner)
    return [m.group(1)] if m else []


_NOT_A_PRODUCT = re.compile(r"according|indicator|parameter|results?\b|per (declared|functional)|en ?15804|iso ?\d|"
                            r"category|categories|table", re.I)


# '... results per 1 m3 of 3648629', '... results for RM-4000'
_CAPTION_OF = re.compile(r"\bresults?\b.*\b(?:of|for)\s+(?:mix\s+|product\s+)?([A-Z0-9][\w./-]*\d[\w./-]*)\s*$", re.I)


def _caption_product(caption: list[str]) -> str | None:
    for line in reversed(caption):
        m = _CAPTION_PRODUCT.search(line)
        if m:
            name = m.group(1).strip().rstrip(".")
            if len(name.split()) <= 10 and not _NOT_A_PRODUCT.search(name):
                return name
    numbered = [n for n, line in enumerate(caption) if re.match(r"\s*(?:table|tab\.)\s*[\d:.]", line, re.I)]
    if numbered:
        m = _CAPTION_OF.search(caption[numbered[-1]])
        if m and _identifier(m.group(1)):
            return m.group(1)
        m = _RESULTS_FOR.search(caption[numbered[-1]])
        if m and not _NOT_A_PRODUCT.search(m.group(1)) and not _EVERY.search(m.group(1)) and \
                len(m.group(1).split()) <= 10:
            return m.group(1).strip()
        # 'Table 3. Life cycle impact assessment (TRACI 2.1), SM-25.0A, per 1 short ton': a name set off by commas
        named = _set_off(caption[numbered[-1]])
        if named is not None:
            return named
        m = _PER_UNIT_OF.search(caption[numbered[-1]])
        if m and _named(m.group(1)):
            return m.group(1).strip()
    # a heading line of its own over the table's caption ('Results for Tinted Float Glass, 5 mm')
    for line in reversed(caption[: numbered[-1]] if numbered else caption):
        m = _RESULTS_FOR.search(line)
        if m and re.match(r"\s*results?\s+for\b", line, re.I) and not line.rstrip().endswith(".") and \
                _named(m.group(1)):
            return m.group(1).strip()
    return None


def _set_off(line: str, alone: bool = True) -> str | None:
    """The one code, else the one short name, that commas set off after a caption's first part ('..., SM-25.0A, per
    1 short ton', '..., Hot-Rolled Sheet, per 1 tonne'); a name alone after the first part only when ``alone``."""
    segments: list[str] = []
    # commas that set off parts, not those grouping thousands ('per 1,000 kg of ...')
    for seg in (seg.strip() for seg in re.split(r",(?!\d{3}\b)", line)[1:]):
        if segments and re.fullmatch(r"\d[\d./]*\s*(?:mm|cm|in\.?|inch(?:es)?|\"|″)", seg):
            segments[-1] += ", " + seg  # 'Solar-control coated glass, 5 mm' is one name
        else:
            segments.append(seg)
    codes = [seg for seg in segments if product_code(seg) and not unit_in(seg) and not method_in(seg)]
    if len(codes) == 1:
        return codes[0]
    names = [seg for seg in segments if 0 < len(seg.split()) <= 6 and re.search(r"[A-Za-z]{3}", seg)
             and not unit_in(seg) and not method_in(seg) and not _NOT_A_PRODUCT.search(seg)
             and not _STAGE_WORDS.search(seg) and not re.match(r"(?i)(?:per|in|by|and|for|with)\b", seg)]
    return names[0] if len(names) == 1 and (alone or len(segments) >= 2) else None


def _caption_name(text: str, words: int = 8) -> bool:
    """A product's name in a caption: a few words naming no method, indicator or kind of caption."""
    return 0 < len(text.split()) <= words and not _NOT_A_PRODUCT.search(text) and not _NOT_A_NAME.search(text) \
        and not method_in(text) and not tags_of(text).indicator


# 'Table 3. TRACI 2.1 results per m2 of Tinted Float Glass, 5 mm': the product after the unit
_UNIT_WORDS = (r"(?:1\s+|one\s+|a\s+|[\d,.]+\s+)?(?:m2|m²|m3|m³|yd3|yd³|cy|cubic\s+\w+|square\s+\w+|"
               r"(?:metric\s+|short\s+)?tons?|tonnes?|kg|lbs?|t)(?:\s*\([^)]*\))?")
_PER_UNIT_OF = re.compile(r"\bresults?\b.*?\b(?:per|for)\s+" + _UNIT_WORDS + r"(?:\s+(?:and|&|/)\s+" + _UNIT_WORDS +
                          r")?\s+of\s+(.+?)\s*$", re.I)
# 'Portland cement Type III, per tonne'
_NAME_PER_UNIT = re.compile(r"\s*([^,:]{3,60}?),\s*(?:per|in)\s+" + _UNIT_WORDS + r"\s*$", re.I)
# a material named alone ('per m2 of glass') is the declared unit's, not a product's name
_MATERIAL_ALONE = re.compile(r"(?:the\s+)?(?:flat\s+|float\s+)?(?:glass|concrete|ready[- ]mix(?:ed)?\s+concrete|steel|"
                             r"asphalt(?:\s+mixture)?|cement|products?|mix(?:ture)?s?|materials?)", re.I)


def _named(name: str) -> bool:
    """A product's name, not a sentence, a category of results or a material named alone."""
    name = name.strip().rstrip(".")
    return 0 < len(name.split()) <= 10 and not _NOT_A_PRODUCT.search(name) and not _EVERY.search(name) and \
        not _MATERIAL_ALONE.fullmatch(name)


_STAGE_WORDS = re.compile(r"cradle|gate|grave|\bmodules?\b|\bstages?\b|supplementary|additional|mandatory|optional|"
                          r"\bcore\b|impacts?\b|assessment|inventory|\blcia\b|\blca\b|summary|\btotals?\b", re.I)
_NOT_A_CODE = re.compile(r"^(?:v|ver|version|rev|iso|en|ef|traci|cml|ar|co2|[a-d]\d|pcr|no|table|tab|page|"
                         r"a1\s*-\s*a3)[\d.\s-]*$", re.I)


_CODE = re.compile(r"[A-Za-z0-9][\w./-]{1,22}[A-Za-z0-9]")
_DIGIT = re.compile(r"\d")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def product_code(text: str) -> bool:
    """A product's code: one token of letters and digits ('SM-25.0A', '3000-NA-56', 'N50796'), not a version, a
    standard, a module or a bare number."""
    t = text.strip()
    return (bool(_CODE.fullmatch(t)) and bool(_DIGIT.search(t)) and bool(_LATIN_LETTER.search(t))
            and not _NOT_A_CODE.match(t))


# 'Table 2: TRACI 2.1 results for Fabricated Rebar (cut and bent), per tonne': the product between 'results for'
# and the unit or the end
_RESULTS_FOR = re.compile(r"\bresults?\s+for\s+(?:mix\s*:?\s*|product\s*:?\s*)?(.+?)\s*(?:[,;]\s*(?:per|in|by)\b.*|"
                          r"\s+(?:per|in)\s+(?:1|one|a)?\s*(?:m3|m³|yd|cy\b|cubic|tonnes?|tons?|metric|short|t\b|kg|"
                          r"declared|functional|square).*|\s*\((?:per|in)\b.*)?\s*$", re.I)
_EVERY = re.compile(r"^(?:all|each|every|the)\b|\b(?:mixes|products|mix designs)\b|^(?:mix|product)s?$", re.I)


def _product(table: Table, row: Row, k: int, label: Tags, group: Tags, sec_product: str | None,
             caption_product: str | None, col: Tags, name_cols: list[int]) -> tuple[str | None, str | None]:
    """The product a value belongs to, and its description when the row prints one beside an identifier."""
    parts: list[str] = []
    description: list[str] = []
    if row.group and group.product_like:
        parts.append(row.group)
    if label.product_like:
        # a stub column of a mix's attributes ('Early strength', 'Slump') describes it, never names it
        kept = [(t, k) for t, k in zip(row.label, row.label_columns, strict=False)
                if not _ATTRIBUTE_HEAD.search(table.columns[k].head or "")]
        own = [t for t, _k in kept] or row.label
        described = len(kept) >= 2 and bool(_DESCRIPTION_HEAD.search(table.columns[kept[1][1]].head or "")) and \
            not _DESCRIPTION_HEAD.search(table.columns[kept[0][1]].head or "")
        heads = [table.columns[c].head or "" for _t, c in kept] if len(kept) == len(own) else []
        later = next((n for n, (t, h) in enumerate(zip(own, heads, strict=False)) if n and _identifier(t)
                      and (not _identifier(own[0]) or (product_code(t) and not product_code(own[0])))
                      and _DESCRIPTION_HEAD.search(heads[0])
                      and (_ID_HEAD.search(h) or re.search(r"descr", heads[0], re.I))
                      and not _ID_HEAD.search(heads[0])), None)
        if len(own) >= 2 and (_identifier(own[0]) or described) and later is None:
            # 'Mix ID' then 'Description' ('12.5 mm Superpave Base C' | 'PG 76-22, 20% RAP'): the first names the
            # product, the rest describes it
            parts.append(own[0])
            description += own[1:]
        elif later is not None:
            # 'Product Description' then 'Mix Number': the identifier names it, wherever its column stands
            parts.append(own[later])
            description += [t for n, t in enumerate(own) if n != later]
        else:
            parts.append(" ".join(own))
    for n in name_cols:
        cell = row.cells.get(n)
        if cell is None or n == k:
            continue
        if parts and not _ID_HEAD.search(table.columns[n].head):
            if _ids(table, n) and not any(_identifier(t) for t in parts):
                # a column of numbers naming each product ('910013' under 'Product') beside its description
                description, parts = parts + description, [cell.text]
            else:
                description.append(cell.text)
        elif _identifier(cell.text) or not parts:
            parts.insert(len(parts) if not _ID_HEAD.search(table.columns[n].head) else 0, cell.text)
        else:
            description.append(cell.text)
    if parts:
        return " ".join(parts), " ".join(description) or None
    head = table.columns[k].head
    variant = _variant(head) if (col.modules or col.unit) else None
    over = [g for g in table.columns[k].groups if tags_of(g).product_like]
    if over and (col.modules or col.unit or col.indicator):
        # a product named over its module columns ('Reinforcing bar' over 'A1 | A2 | A3 | A1-A3')
        return " ".join(over) + (f" ({variant})" if variant else ""), None
    if variant:
        # a scenario or variant named over a module column ('Ubeh. og jvt.' over 'A1-A3')
        base = sec_product or caption_product
        return (f"{base} ({variant})" if base else variant), None
    if col.product_like and not table.columns[k].stub and head:
        groups = [g for g in table.columns[k].groups if tags_of(g).product_like]
        # a card's code and description over its value ('P6510' / '8000 psi, 40% SL, #57 aggregate, slab'): the
        # code names it
        code = next((t for t in [head, *groups] if product_code(t)), None) if groups else None
        facts = table.columns[k].facts  # ('Mix type | Normal weight | High early strength') its description
        if code is not None:
            return code, " ".join(t for t in [*groups, head, *facts] if t is not code)
        return " ".join([*groups, head]), " ".join(facts) or None
    return sec_product or caption_product, None


def _names(table: Table, k: int) -> bool:
    """A column that can name products: text or whole-number identifiers ('3648629'), not measured values
    ('67.53' under a head 'Mix 3980', a product's own results column)."""
    cells = [row.cells[k] for row in table.rows if k in row.cells]
    return bool(cells) and sum(c.kind == "text" or bool(re.fullmatch(r"#?\d{3,}", c.text.strip()))
                               for c in cells) >= 0.5 * len(cells)


def _ids(table: Table, k: int) -> bool:
    """A column of distinct whole numbers of four digits or more ('40609', '25853' under 'Product'): identifiers."""
    cells = [row.cells[k].text.strip() for row in table.rows if k in row.cells]
    return len(cells) >= 2 and all(re.fullmatch(r"\d{4,}", c) for c in cells) and len(set(cells)) == len(cells)


def _codes(table: Table, k: int) -> bool:
    """The first column, of short codes, some of them numbers ('5702 HE', '5704', '5705' under 'Product'); never a
    column of measured values ('1866', '1.34E-04' under a product named in the head)."""
    cells = [row.cells[k].text for row in table.rows if k in row.cells]
    return k == min((n for n, c in enumerate(table.columns) if not c.stub), default=-1) and len(cells) >= 2 and all(
        _identifier(c) and not re.search(r"\d[.,]\d", c) for c in cells) and any(not c.strip().isdigit()
                                                                            for c in cells)


def _texts(table: Table, k: int) -> bool:
    """A column of names is mostly text ('Type III Portland Cement' over numbers is a product, not a name column)."""
    cells = [row.cells[k] for row in table.rows if k in row.cells]
    return bool(cells) and sum(c.kind == "text" for c in cells) >= 0.5 * len(cells)


_ATTRIBUTE_HEAD = re.compile(r"\b(?:early|strength|f'?c|slump|density|unit weight|w/cm?|water|air|scm|fly\s*ash|slag|"
                             r"age|days|aggregate|size|pcf|psi|mpa)\b", re.I)


_DESCRIPTION_HEAD = re.compile(r"descr|binder|grade|notes?\b|comments?|application|composition", re.I)
_ID_HEAD = re.compile(r"\bid\b|\bcode\b|number|\bno\.?\b|designation|\bmix\b(?!.*descr)", re.I)


def _identifier(text: str) -> bool:
    """A short code that names a product ('4-3B00', 'RM-4000-B', 'EPG20F', 'Mix 6220')."""
    t = text.strip()
    return 0 < len(t) <= 24 and len(t.split()) <= 3 and bool(re.search(r"\d", t) or re.fullmatch(r"[A-Z0-9\-_/.]+",
                                                                                                      t))


def _variant(head: str) -> str | None:
    """What a module column's head says besides its modules, unit and indicator ('Ubeh. og jvt.'), or None."""
    rest = re.sub(r"\b(?:total\s+)?[ABCD]\s?\d(?:\s*[-–/]\s*[ABCD]?\s?\d)?\b|\bper\b.*$|\(.*?\)|\[.*?\]", " ",
                  _joined_modules(head), flags=re.I)
    rest = _HEAD_WORDS.sub(" ", rest)
    rest = re.sub(r"\s+", " ", rest).strip(" -–:,;")
    return rest if len(re.findall(r"[^\W\d_]", rest)) >= 3 else None


def _sum_split(values: list[ValueCell]) -> list[ValueCell]:
    """Add A1, A2 and A3 (or upstream and core) read as separate cells into one A1-A3 value, where the row (or
    column) prints no A1-A3 total of its own."""
    whole = [v for v in values if v.modules == A1A3]
    # (page, table, row, method) of the rows that print a total: another method's total (an IPCC column beside
    # TRACI's A1, A2 and A3) is no total of the modules
    totalled = {(*v.key[:3], v.method) for v in whole}
    parts: dict[tuple[object, ...], list[ValueCell]] = {}
    for v in values:
        if v.modules != A1A3 and not (v.key[2] == "row" and (v.key[0], v.key[1], v.key[3], v.method) in totalled):
            parts.setdefault((*v.key, v.kind, v.unit, v.method), []).append(v)
    for group in parts.values():
        covered: set[str] = set()
        chosen: list[ValueCell] = []
        for v in group:
            if v.modules & covered:
                continue
            covered |= v.modules
            chosen.append(v)
        if covered == A1A3:
            first = chosen[0]
            whole.append(ValueCell(sum(v.value for v in chosen), first.kind, frozenset({"A1+A2+A3"}) | A1A3,
                                   first.unit, first.method, first.product, first.page,
                                   tuple(c for v in chosen for c in v.cells), first.text, first.strength, first.key,
                                   first.description, first.table_id))
    return whole


_CODES = re.compile(r"\b(A[1-5]|B[1-7]|C[1-4]|D)\b")
_MARKS = re.compile(r"\b(X|x|MND|ND|MNR|NR|INA|✓|√|✔|✗|-|Yes|No)\b|[✓√✔✗]")
_DECLARED = {"X", "x", "✓", "√", "✔", "Yes"}


def declared_modules(text: str) -> set[str] | None:
    """The modules a declaration table marks as declared ('A1 A2 A3 A4 ... D' over 'X X X MND ...'), or None."""
    lines = [ln.strip() for ln in text.splitlines()]
    for i, line in enumerate(lines[:-1]):
        codes = _CODES.findall(line)
        if len(codes) < 8 or len(codes) * 3 < len(line.split()):
            continue
        for below in lines[i + 1:i + 4]:
            marks = [m.group(0) for m in _MARKS.finditer(below)]
            if len(marks) == len(codes):
                return {c for c, m in zip(codes, marks, strict=True) if m in _DECLARED}
    return None


def document_context(text: str) -> DocumentContext:
    """Read the document-wide facts the tables rely on."""
    declared = declared_modules(text)
    if declared is not None and declared:
        a1a3_only = declared <= {"A1", "A2", "A3"}
    else:
        flat = re.sub(r"\s+", " ", text)  # (the whole document's text: flattened only when it is read)
        a1a3_only = bool(_TO_GATE.search(flat)) and not _BEYOND_GATE.search(flat)
    # a method cited in the references ('US EPA TRACI 2.1: Tool for the Reduction ...') is not one the results use
    # (a document that names no TRACI anywhere has none outside its references either)
    return DocumentContext(a1a3_only=a1a3_only,
                           traci=bool(_TRACI.search(text)) and bool(_TRACI.search(_REFERENCES.sub(" ", text))))


# (each led by a look-ahead for its alternatives' first letters, which the regular expression engine skips ahead to:
# a few times faster over a whole document, the same matches)
_TO_GATE = re.compile(r"(?=c)cradle[- ]to[- ]gate(?! with)", re.I)
_BEYOND_GATE = re.compile(r"(?=[cwam])(?:cradle[- ]to[- ](grave|site|cradle)|with options|A4\s*[-–]\s*A5|modules? C\d)",
                          re.I)
_TRACI = re.compile(r"(?=t)\bTRACI\b", re.I)


# a references heading and the list under it, up to a blank line before a line that is no entry, or 40 lines
_REFERENCES = re.compile(r"^[ \t]*(?:\d+\.?\s*)?(?:references|bibliography|literature|sources)[ \t]*:?[ \t]*\r?$"
                         r"(?:\r?\n(?![ \t]*\r?\n[ \t]*[^\s\-•\[(\d]).*){0,40}", re.I | re.M)
