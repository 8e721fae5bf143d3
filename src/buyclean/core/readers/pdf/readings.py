"""From the document's pages to one GWP A1-A3 reading per product.

The tables of the results pages are rebuilt (``tables``), continued over page breaks, and every GWP value is read
from them (``values``). Then the values are gathered per product: the method the US rule sets compare (TRACI)
and GWP-total before the others, the declared unit before another unit (whose values must agree by the unit
factor), repeats of one value kept once, and different values for one product left for review with each of them.
Products the tables do not name are told apart by their captions or page headings, when those differ.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from buyclean.core.readers.pdf.layout import Line, Page
from buyclean.core.readers.pdf.mixes import STRENGTH_MARK, stated_strengths, strength_cell
from buyclean.core.readers.pdf.tables import (
    Column,
    Phrase,
    Table,
    build_tables,
    furniture_key,
    page_lines,
    phrases_of,
    running_lines,
)
from buyclean.core.readers.pdf.values import (
    ATTRIBUTE_LINE,
    MIX_LINE,
    TON,
    DocumentContext,
    ValueCell,
    age_cell,
    age_column,
    caption_like,
    heading_product,
    method_in,
    product_code,
    read_table,
    table_methods,
    table_product,
    unit_word,
)
from buyclean.core.units import convert_per_unit
from buyclean.errors import InputTooLarge

# the US rule sets compare TRACI; an unnamed method is the document's only one
METHOD_ORDER = {"TRACI": 0, None: 1, "IPCC": 2, "EF": 3, "CML": 4, "ReCiPe": 5}
KIND_ORDER = {"total": 0, "plain": 1}
FACTORS = {("m3", "yd3"): 0.764555, ("t", "short_ton"): 0.907185}
AGREE = 0.012  # three significant figures in both columns agree to about 1% after conversion
SAME = 0.005


@dataclass
class Reading:
    """The GWP A1-A3 read for one product (or the document's one product when ``name`` is None)."""

    name: str | None
    value: float
    unit: str | None
    kind: str
    summed: bool
    method: str | None
    source: ValueCell
    review: str | None = None
    candidates: list[ValueCell] = field(default_factory=list)
    others: list[ValueCell] = field(default_factory=list)  # other methods' or units' readings of the same product
    strength: str | None = None


# (a look-ahead for its alternatives' first letters, which the regular expression engine skips ahead to: a few
# times faster over a whole page, the same matches)
_RESULTS_HINT = re.compile(r"(?=[gcte])(?:gwp|global\s+warming|climate\s+change|treibhaus|embodied\s+carbon|"
                           r"carbon\s+footprint)", re.I)


def document_tables(pages: list[Page], deadline: float, budget_s: float) -> list[Table]:
    """The tables of the pages that may hold results: pages naming GWP, the page before each (a table may begin
    there) and the pages after, while a table runs on."""
    furniture = running_lines(pages)
    hint = [bool(_RESULTS_HINT.search(p.text)) for p in pages]
    per_page: list[list[Table]] = []
    for i, page in enumerate(pages):
        wanted = hint[i] or (i + 1 < len(pages) and hint[i + 1]) or (i > 0 and _runs_on(per_page[i - 1], pages[i - 1]))
        if wanted and time.perf_counter() > deadline:
            raise InputTooLarge(f"Reading the results tables took longer than {budget_s:g} s (stopped at page "
                                f"{page.number}); the pages may hold too many objects.", where=f"page {page.number}")
        per_page.append(build_tables(page, furniture) if wanted else [])
    tails = [_tail(page, tables, furniture) if tables or hint[i] else [] for i, (page, tables)
             in enumerate(zip(pages, per_page, strict=True))]
    continue_tables(per_page, tails)
    tables = [t for tables in per_page for t in tables]
    _captions_below(tables)
    return tables


def _titled(line: str) -> bool:
    """A line naming a method over a table ('Environmental impacts (TRACI 2.1) of the declared mixes')."""
    return len(line) < 120 and bool(method_in(line)) and not line.rstrip().endswith(".") and \
        not re.match(r"\s*\d+(?:\.\d+)*\.?\s", line)


def _captions_below(tables: list[Table]) -> None:
    """Captions set under their tables ('Results - declared unit 1 m3' under the table it names): when more results
    tables have a caption under them only than over them only, the last of them included, each table's caption is
    the line under it, not the line above (which is the table before's)."""
    results = [t for t in tables if (len(t.rows) >= 2 or len(t.value_columns) >= 2) and any(
        _RESULTS_HINT.search(x) for x in [*(c.title for c in t.columns), *(r.label_text for r in t.rows[:6])])]
    if not results:
        return
    # a sentence right above a table naming its results and method ('Results are per declared unit, TRACI v2.1
    # characterization factors.') is its caption too
    sides = [(bool(t.caption) and (caption_like(t.caption[-1]) or _titled(t.caption[-1]) or (
        bool(method_in(t.caption[-1])) and bool(re.search(r"\bresults?\b", t.caption[-1], re.I)))),
              bool(t.after) and caption_like(t.after[0])) for t in results]
    under = sum(b and not a for a, b in sides)
    over = sum(a and not b for a, b in sides)
    if under <= over or not sides[-1][1]:
        return
    for t in results:
        if t.after and caption_like(t.after[0]):
            t.caption = [t.after[0]]


def _runs_on(tables: list[Table], page: Page) -> bool:
    """True when a page ends with a table of several rows: it may continue on the next page (a table is often
    broken well above the page's foot, to keep rows whole or to leave room for a footnote)."""
    real = [t for t in tables if len(t.rows) >= 2]
    if not real or any(t.top > real[-1].bottom and len(t.rows) >= 2 for t in tables):
        return False
    last = real[-1]
    # only a results table is worth following overleaf (reading every page of a long EPD costs seconds)
    texts = [*last.caption, last.corner, *(c.title for c in last.columns), *(r.label_text for r in last.rows[:3])]
    headless = not any(c.head or c.groups for c in last.columns if not c.stub)  # itself a table run on
    return last.bottom > 0.75 * page.height or headless or any(
        _RESULTS_HINT.search(t) or re.search(r"\bcont(?:inued|\.|'d)", t, re.I) for t in texts if t)


_CAPTION = re.compile(r"^\s*(?:table|tab\.)\s*\d|\bresults?\b.*\bper\b|\b(?:traci|cml|ef\s*3|en\s*15804)\b.*"
                      r"\bresults?\b", re.I)


def _tail(page: Page, tables: list[Table], furniture: set[str]) -> list[str]:
    """The lines of a page below its last table: a caption and head whose rows begin on the next page."""
    real = [t for t in tables if len(t.rows) >= 2 or len(t.value_columns) >= 2]
    below = real[-1].bottom if real else 0.0
    return [ln.text for ln in page_lines(page) if ln.top > below + 1 and furniture_key(ln.text) not in furniture]


def continue_tables(pages: list[list[Table]], tails: list[list[str]] | None = None) -> None:
    """Give a table that runs on from the previous page without its head that page's last head, and the caption
    printed at the foot of that page when one was ('Table 2. ... per 1 cubic meter', its rows overleaf)."""
    previous: Table | None = None
    tail: list[str] = []
    for p, tables in enumerate(pages):
        for n, table in enumerate(tables):
            headless = not any(c.head or c.groups for c in table.columns if not c.stub)
            caption = next(([tail[k]] for k in range(len(tail) - 1, -1, -1) if _CAPTION.search(tail[k])), None)
            if n == 0 and not headless and previous is not None and not table.caption and _same_heads(previous, table):
                # the head repeated on the next page: the caption above the first part (or at the page's foot,
                # its rows overleaf) still applies
                table.caption = caption or previous.caption
                table.corner = table.corner or previous.corner
                table.continued = True
            elif n == 0 and headless and previous is not None and _aligned(previous, table):
                for col in table.columns:
                    match = _column_at(previous, col.xc)
                    if match is not None:
                        col.head, col.groups = match.head, list(match.groups)
                table.corner = table.corner or previous.corner
                table.caption = table.caption or caption or previous.caption
                table.continued = True
                # section rows over every row of the first part ('TRACI 2.1') head the rows overleaf too
                lead = [sec for sec in previous.rows[0].sections if all(sec in r.sections for r in previous.rows)] \
                    if previous.rows else []
                for row in table.rows:
                    row.sections[:0] = [sec for sec in lead if sec not in row.sections]
        # a page number or a footnote read as a one-cell table is not what the next page continues
        real = [t for t in tables if len(t.rows) >= 2 or len(t.value_columns) >= 2]
        previous = real[-1] if real else None
        tail = tails[p] if tails else []


def _same_heads(a: Table, b: Table) -> bool:
    heads_a = [sorted(c.title.split()) for c in a.columns if c.title]
    heads_b = [sorted(c.title.split()) for c in b.columns if c.title]
    return bool(heads_b) and heads_a == heads_b


def _column_at(table: Table, x: float) -> Column | None:
    for col in table.columns:
        if col.x0 - 3 <= x <= col.x1 + 3:
            return col
    return None


def _aligned(a: Table, b: Table) -> bool:
    va = [c for c in a.columns if not c.stub]
    vb = [c for c in b.columns if not c.stub]
    if not vb or len(vb) > len(va):
        return False
    return all((col := _column_at(a, c.xc)) is not None and not col.stub for c in vb)


_NOT_A_NAME = re.compile(r"results?|table|indicator|according|iso\s*\d|en\s*15804|page\s*\d|\bper\b|declared unit|"
                         r"\bof\s+\d|:$|=", re.I)


def _other_code(table: Table, heading: str) -> bool:
    """True when the lines over a table name a product code that is not in ``heading``."""
    words = set(heading.split())
    return any(product_code(w.strip(",;:()")) and w.strip(",;:()") not in words
               for line in [*table.heading, *table.caption] for w in line.split())


def _new_heading(table: Table) -> bool:
    """A numbered caption under a short heading line of its own ('Intermediate 25.0 mm WMA' / its description /
    'Table 9: Results per 1 US short ton'): the table is a new product's."""
    numbered = [k for k, line in enumerate(table.caption) if re.match(r"\s*(table|tab\.)\s*[\d:.]", line, re.I)]
    return bool(numbered) and any(_heading_line(line) for line in table.caption[: numbered[-1]])


def _heading_line(line: str) -> bool:
    """A short line that may name a product ('Intermediate 25.0 mm WMA'): no sentence, no caption words."""
    return 0 < len(line.split()) <= 6 and not line.rstrip().endswith(".") and not _NOT_A_NAME.search(line)


def _title(line: str) -> bool:
    """A short line that may title a product's table: no sentence, no caption, no section of the document."""
    t = line.strip()
    return 0 < len(t.split()) <= 9 and not t.endswith((".", ":")) and bool(re.search(r"[A-Za-z]{2}", t)) \
        and not _NOT_A_NAME.search(t) and not _SECTION_WORDS.search(t) and not caption_like(t) \
        and not ATTRIBUTE_LINE.search(t) \
        and not re.match(r"\s*\d+(?:\.\d+)*\.?\s", t)


_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s+(\S.{1,60})$")
_SECTION_WORDS = re.compile(r"\b(?:assessment|impacts?|lcia|lca|boundary|scope|data|method\w*|description|"
                            r"information|environmental|interpretation|references?|modules?|stages?|inventory|"
                            r"additional|core|indicators?|parameters?|resources?|waste|summary|overview|products?|"
                            r"verification)\b", re.I)
_AGE = re.compile(r"\d{1,3}-?D(?:ays?)?", re.I)  # '28D', '56-day': a mix's test age, not its code
_SMALL_WORDS = {"of", "and", "the", "for", "with", "in", "at", "to", "or", "per"}


def _caption_names(values: list[ValueCell], captions: dict[int, list[str]], own: bool = False) -> dict[int, str]:
    """Name unnamed products by what tells their tables' captions apart ('Art Select', 'North America'); ``own``:
    from each table's own caption line ('Table 2. ...') on, not the section's prose above it."""
    words: dict[int, list[str]] = {}
    codes: dict[int, set[str]] = {}
    for key, caption in captions.items():
        numbered = [k for k, line in enumerate(caption) if re.match(r"\s*(table|tab\.)\s*\d", line, re.I)]
        text = " ".join(caption[numbered[-1]:] if numbered and own else caption)
        codes[key] = {t.strip(",;:()") for t in re.sub(r"^\s*(table|tab\.)\s*\d+[.:]?", "", text, flags=re.I).split()
                      if product_code(t.strip(",;:()")) and not _AGE.fullmatch(t.strip(",;:()"))}
        text = re.sub(r"^\s*(table|tab\.)\s*\d+[.:]?", "", text, flags=re.I)
        text = re.sub(r"\b[A-D]\d(?:\s*[-–]\s*[A-D]?\d)?\b|\b(?:indicators?|units?|mnd|impact|category)\b", " ", text,
                      flags=re.I)
        # methods, versions and units tell tables apart without naming a product
        text = re.sub(r"\b(traci|cml(-ia)?|ef|en|iso|ipcc|ar\d|baseline|v\d[\w.]*|\d[\d.,]*|per|metric|short|ton|tonne|"
                      r"m3|yd3|kg|lb|cubic|yard|meter|metre|results?|indicators?|core|additional|table|life|cycle|"
                      r"assessment|lcia|lca|declared|unit|cy|yards?|meters?|lbs?|tonnes?|tons?|mt)\b|m³|yd³|m²", " ",
                      text, flags=re.I)
        words[key] = re.findall(r"[A-Za-z][\w&'-]*", text)
    if len(words) < 2:
        return {}
    # numbered product sections ('2. 41.4 MPa @28d 3/8" PAVING' over the table): the names, numbers aside
    numbered_names = {key: m.group(1).strip() for key, caption in captions.items() for line in caption[-2:]
                      if (m := _NUMBERED.match(line)) and len(m.group(1).split()) <= 9
                      and not m.group(1).rstrip().endswith(".") and not _NOT_A_NAME.search(m.group(1))
                      and not _SECTION_WORDS.search(m.group(1))}
    if len(numbered_names) == len(captions) and len(set(numbered_names.values())) == len(numbered_names):
        return numbered_names
    # a short title right over each table ('Superpave 9.5mm PG 58S-28 25% RAP', 'Mix 7891-190'), each its own
    nearest = {key: caption[-1].strip() for key, caption in captions.items() if caption and _title(caption[-1])}
    if len(nearest) == len(captions) and len(set(nearest.values())) == len(nearest):
        return nearest
    # each caption names its own product code ('..., SM-25.0A, per 1 short ton'): the codes are the names
    shared = set.intersection(*codes.values())
    own_codes = {key: c - shared for key, c in codes.items()}
    if all(len(c) == 1 for c in own_codes.values()) and len({next(iter(c)) for c in own_codes.values()}) == len(codes):
        return {key: next(iter(c)) for key, c in own_codes.items()}
    # each table's caption ('TABLE 2 - Results per 1,000 kg') under a heading of its own ('Solar-control coated
    # glass, 4 mm'): the headings are the names, when they differ and read as names, not prose
    heads: dict[int, str] = {}
    for key, caption in captions.items():
        numbered = [k for k, line in enumerate(caption) if re.match(r"\s*(table|tab\.)\s*\d", line, re.I)]
        # the first short line of the heading block ('Intermediate 25.0 mm WMA' over its description line)
        above = caption[: numbered[-1]] if numbered else []
        found = next((line.strip() for line in above if _heading_line(line)), None)
        if found is not None:
            heads[key] = found
    if len(heads) == len(captions) and len(set(heads.values())) == len(heads):
        return heads
    common = set.intersection(*(set(w) for w in words.values()))
    out: dict[int, str] = {}
    for key, ws in words.items():
        # runs of distinctive words, in order
        runs: list[list[str]] = [[]]
        for w in ws:
            if w in common:
                if runs[-1]:
                    runs.append([])
            else:
                runs[-1].append(w)
        named = [" ".join(r) for r in runs if r]
        if any(len(n) <= 2 or n.lower() in _SMALL_WORDS for n in named):
            return {}  # fragments ('D' of '90D', 'of'): what is left of names once numbers went, not names
        printed = " ".join(captions[key])
        if any(not re.search(re.escape(n) + r"(?!\s*\S*\d)", printed) for n in named):
            return {}  # words a number stood between or after ('SP 9.5mm PG 58-28 RAP'): a name cut up, not one
        if named:
            out[key] = " · ".join(dict.fromkeys(named))
    # what differs between captions that are prose ('Declared unit ... calculated with ...') names nothing
    if any(len(name.replace(" · ", " ").split()) > 6 for name in out.values()):
        return {}
    return out if len(set(out.values())) > 1 else {}


def assemble(tables: list[Table], doc: DocumentContext, declared_unit: str | None) -> list[Reading]:
    values: list[ValueCell] = []
    captions: dict[int, list[str]] = {}
    heading: str | None = None
    heading_page = 0
    for table in tables:
        # a product heading ('Results for mix: 2500W') stands over every table after it until the next one
        own = table_product(table)
        if own is None and (heading is None or table.page != heading_page):
            own = heading_product(table)  # a table of a page under a heading naming a product
        if own is None and _new_heading(table):
            heading = None  # a heading of its own that names no product we can read: not the last product's table
        if own is None and heading is not None and table.page != heading_page and _other_code(table, heading):
            heading = None  # a later page headed by another code ('Mix ID SM-3095F'): not the last product's
        if own is not None:
            heading_page = table.page
        heading = own or heading
        found = read_table(table, doc, heading)
        if found and not any(v.product for v in found):
            captions[id(table)] = table.caption
        values += found
    # unnamed values from tables of different methods are one product read several ways, not several products
    unnamed = _preferred([v for v in values if v.product is None])
    values = [v for v in values if v.product is not None] + unnamed
    captions = {k: c for k, c in captions.items() if any(v.table_id == k for v in unnamed)}
    names = _caption_names(values, captions, own=True)
    if names:
        values = [_renamed(v, names.get(v.table_id)) if v.product is None else v for v in values]
    values = _unify_names(values)
    by_name: dict[str | None, list[ValueCell]] = {}
    for v in values:
        by_name.setdefault(v.product, []).append(v)
    values = [v for group in by_name.values() for v in _preferred(group)]
    values = _split_by_page_heading(values, {id(t): [*t.heading, *t.caption] for t in tables})
    by_product: dict[str | None, list[ValueCell]] = {}
    for v in values:
        by_product.setdefault(v.product, []).append(v)
    named_keys = [k for k in by_product if k is not None]
    if len(named_keys) == 1 and None in by_product and _same_product(by_product[None], by_product[named_keys[0]],
                                                                     declared_unit):
        name = named_keys[0]
        by_product[name] = by_product[name] + [_renamed(v, name) for v in by_product.pop(None)]
    # a document with TRACI tables: a product whose TRACI value was not read is not given another method's
    traci = doc.traci or any("TRACI" in table_methods(t) for t in tables)
    named = {k: v for k, v in by_product.items() if k is not None}
    readings = [_reading(name, group, declared_unit, traci) for name, group in named.items()]
    unnamed = by_product.get(None, [])
    if unnamed:
        # values that repeat a named product's (a summary table) add nothing
        known = [r.value for r in readings]
        rest = [v for v in unnamed if not any(_same(v.value, k) for k in known)]
        if rest and (not readings or len(rest) == len(unnamed)):
            readings.insert(0, _reading(None, rest, declared_unit, traci))
    return readings


def _same_product(loose: list[ValueCell], own: list[ValueCell], declared_unit: str | None = None) -> bool:
    """Values in tables naming no product are the one named product's: other methods' values within 10% of its
    own, or the same method's in other units agreeing by the unit factor (a value that names no unit is per the
    declared unit)."""
    if not {v.method for v in loose} & {v.method for v in own}:
        return _near(loose, own, declared_unit=declared_unit)
    return not {v.unit for v in loose} & {v.unit for v in own} and _near(loose, own, 0.02, declared_unit)


def _near(loose: list[ValueCell], own: list[ValueCell], within: float = 0.1,
          declared_unit: str | None = None) -> bool:
    """True when every value of ``loose`` is within 10% (``within``) of one of ``own`` in the same unit (one
    product's GWP by two methods differs by a few percent; two products' by more)."""
    def close(a: ValueCell, b: ValueCell) -> bool | None:
        a_unit, b_unit = a.unit or declared_unit, b.unit or declared_unit
        if a_unit is None or b_unit is None:
            return None
        other = convert_per_unit(b.value, b_unit, a_unit) if a_unit != b_unit else b.value
        return None if other is None else abs(a.value - other) <= within * max(abs(a.value), abs(other))

    verdicts = [[c for b in own if (c := close(a, b)) is not None] for a in loose]
    return all(v and any(v) for v in verdicts)


def _preferred(values: list[ValueCell]) -> list[ValueCell]:
    """The values of one product's method and indicator that the rule sets compare: TRACI before other methods
    (the US rule sets), GWP-total before a plain GWP (EN 15804+A2 before +A1 tables of the same results)."""
    if not values:
        return values
    best_method = min(METHOD_ORDER.get(v.method, 6) for v in values)
    kept = [v for v in values if METHOD_ORDER.get(v.method, 6) == best_method]
    best_kind = min(KIND_ORDER.get(v.kind, 2) for v in kept)
    return [v for v in kept if KIND_ORDER.get(v.kind, 2) == best_kind]


def _split_by_page_heading(values: list[ValueCell], contexts: dict[int, list[str]]) -> list[ValueCell]:
    """One name read with different values in tables under different headings ('Concrete' on the page of each
    site) is one product per heading: the name gets what tells the headings apart."""
    by_name: dict[str | None, list[ValueCell]] = {}
    for v in values:
        by_name.setdefault(v.product, []).append(v)
    out: list[ValueCell] = []
    for name, group in by_name.items():
        tables = {v.table_id for v in group}
        distinct: list[ValueCell] = []
        for v in group:
            if not any(_same(v.value, d.value) and v.unit == d.unit for d in distinct):
                distinct.append(v)
        # the same results per t and per short ton in two tables are one product's
        units = [d.unit for d in distinct]
        if name is None or len(tables) < 2 or len(units) == len(set(units)):
            out += group
            continue
        names = _caption_names(group, {t: contexts.get(t, []) for t in tables})
        if not names or any(len(n.split()) > 6 for n in names.values()):
            # prose is no product's name: the values stay one product's, for review
            out += group
            continue
        out += [_renamed(v, f"{name} · {names[v.table_id]}" if v.table_id in names else name) for v in group]
    return out


def _unify_names(values: list[ValueCell]) -> list[ValueCell]:
    """One product named by its code in one table and by its code and description in another ('98A73' in the EF
    table, '98A73 30 MPA 3/4" FOOTING' in the TRACI table) is one product, named by its code, the rest its
    description: when the code begins no other name, the names come from different tables, and where both give the
    same method and unit the values agree."""
    names = {v.product for v in values if v.product}
    rename: dict[str, tuple[str, str]] = {}
    # 'Mix 988J49' in one table, '988J49' in another: one mix
    labelled = {m.group(1): n for n in names if (m := MIX_LINE.fullmatch(n))}
    for bare, full in labelled.items():
        if bare in names and not any(n != full and n != bare and n.endswith(bare) for n in names):
            rename[bare] = (full, "")
    for short in names:
        if short in rename or not re.search(r"\d", short):
            continue  # a code ('98A73', 'Mix 405'), not a word that many names begin with
        longer = [n for n in names if n != short and n.startswith(short + " ")]
        if len(longer) != 1:
            continue
        full = longer[0]
        ours = [v for v in values if v.product == short]
        theirs = [v for v in values if v.product == full]
        if {v.table_id for v in ours} & {v.table_id for v in theirs} or any(
                a.method == b.method and a.unit == b.unit and a.kind == b.kind and not _same(a.value, b.value)
                for a in ours for b in theirs):
            continue
        rename[full] = (short, full[len(short):].strip())
    if not rename:
        return values
    out = []
    for v in values:
        if v.product in rename:
            short, rest = rename[v.product]
            v = replace(_renamed(v, short), description=v.description or rest)
        out.append(v)
    return out


def _renamed(v: ValueCell, name: str | None) -> ValueCell:
    if name is None:
        return v
    return ValueCell(v.value, v.kind, v.modules, v.unit, v.method, name, v.page, v.cells, v.text, v.strength, v.key,
                     v.description, v.table_id)


def _rounding(v: ValueCell) -> float:
    """How far a printed value may be from the one computed, relative to it: half its last printed digit
    ('2.5E+02' to two significant figures: 2%)."""
    text = next((c.text for c in v.cells if c.value is not None and _same(c.value, v.value)), "")
    mantissa = re.split(r"[eE]|[x×]\s*10", text.replace(",", ""))[0]
    digits = re.sub(r"\D", "", mantissa).lstrip("0")
    if not digits:
        return 0.0
    return 0.5 * 10.0 ** (1 - len(digits)) / float(f"{digits[0]}.{digits[1:]}0")


def _same(a: float, b: float, tolerance: float = SAME) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-12)


def _tons(group: list[ValueCell]) -> list[ValueCell]:
    """Values 'per ton' as the short or the metric ton, where another column of the same product tells which (its
    per-tonne value times 0.907, or the same per-short-ton value); left 'ton' otherwise."""
    out: list[ValueCell] = []
    for v in group:
        unit = v.unit
        if unit == TON:
            others = [o for o in group if o.unit in ("t", "short_ton")]
            if any(_same(v.value, o.value * FACTORS[("t", "short_ton")], AGREE) if o.unit == "t" else
                   _same(v.value, o.value) for o in others):
                unit = "short_ton"
            elif any(o.unit == "t" and _same(v.value, o.value) for o in others):
                unit = "t"
        out.append(v if unit == v.unit else replace(v, unit=unit))
    return out


def _reading(name: str | None, group: list[ValueCell], declared_unit: str | None, traci: bool = False) -> Reading:
    group = _tons(group)
    if any(v.unit != TON for v in group):
        group = [v for v in group if v.unit != TON]
    best_method = min(METHOD_ORDER.get(v.method, 6) for v in group)
    chosen = [v for v in group if METHOD_ORDER.get(v.method, 6) == best_method]
    others = [v for v in group if v not in chosen]
    best_kind = min(KIND_ORDER.get(v.kind, 2) for v in chosen)
    chosen = [v for v in chosen if KIND_ORDER.get(v.kind, 2) == best_kind]
    units = list(dict.fromkeys(v.unit for v in chosen))
    primary = declared_unit if declared_unit in units else next(
        (u for u in ("m3", "t", "m2", "short_ton", "yd3") if u in units), units[0])
    main = [v for v in chosen if v.unit == primary]
    # modules summed beside the printed total they were rounded for (148 + 14 + 15 beside 176): the total's
    printed = [v for v in main if "A1+A2+A3" not in v.modules]
    main = printed + [v for v in main if v not in printed and not any(_same(v.value, p.value, 0.02) for p in printed)]
    distinct: list[ValueCell] = []
    for v in main:
        if not any(_same(v.value, d.value) for d in distinct):
            distinct.append(v)
    first = distinct[0]
    reading = Reading(name, first.value, primary, first.kind, "A1+A2+A3" in first.modules, first.method, first,
                      others=others + [v for v in chosen if v.unit != primary], strength=first.strength)
    if first.unit == TON:
        reading.unit = None
        reading.review = (f"{name or 'the product'}'s GWP is given 'per ton', which may be the short ton (2,000 lb) or "
                          "the metric ton, and no other column tells which; check the declared unit")
        reading.candidates = distinct
        return reading
    if traci and first.method not in ("TRACI", None):
        reading.review = (f"the document prints TRACI results, which the US rule sets compare, but the TRACI GWP of "
                          f"{name or 'the product'} was not read; {first.value:g} is its {first.method} value")
        reading.candidates = distinct
        return reading
    if len(distinct) > 1:
        reading.review = (f"{len(distinct)} different GWP A1-A3 values were found for "
                          f"{name or 'the product'} (" + ", ".join(f"{d.value:g} on page {d.page}"
                                                                  for d in distinct[:4]) + ")")
        reading.candidates = distinct
        return reading
    for v in chosen:
        if v.unit == primary or v.unit is None or primary is None:
            continue
        factor = FACTORS.get((primary, v.unit)) or (1 / FACTORS[(v.unit, primary)] if (v.unit, primary) in FACTORS
                                                   else None)
        if factor is None:
            continue
        expected = first.value * factor
        if not _same(expected, v.value, max(AGREE, _rounding(first) + _rounding(v))):
            reading.review = (f"the per-{primary} value {first.value:g} and the per-{v.unit} value {v.value:g} do not "
                              f"agree by the unit factor (expected {expected:.4g} per {v.unit}); check the table")
            reading.candidates = [first, v]
    return reading


_STRENGTH_HEAD = re.compile(r"f'?c\b|f.c\b|strength|\bpsi\b|\bmpa\b", re.I)
_DESCRIPTION_HEAD = re.compile(r"description|product|mix design|type", re.I)


def product_attributes(tables: list[Table]) -> dict[str, dict[str, str]]:
    """What the tables say of each product besides its results, by the product's identifier: a list of mixes
    with their descriptions and strengths ('Mix Number | Description | f'c (psi)') printed apart from the results."""
    found: dict[str, dict[str, str]] = {}
    for table in tables:
        strength = [k for k, c in enumerate(table.columns) if _STRENGTH_HEAD.search(c.title)]
        ages = age_column(table) if strength else None
        for row in table.rows:
            if len(row.label) < 1 or not row.label[0].strip():
                continue
            name = row.label[0].strip()
            attrs = found.setdefault(name, {})
            if len(row.label) >= 2:
                attrs.setdefault("description", " ".join(row.label[1:]))
            stated = []
            for k in strength:
                cell = row.cells.get(k)
                title = table.columns[k].title
                unit = unit_word(title)
                if cell is not None and cell.value is not None and unit:
                    stated.append(strength_cell(cell.text, title, unit, age_cell(row, ages)))
            if stated:
                attrs.setdefault("strength", "; ".join(stated))
        sheet = _sheet_strength(table)
        if sheet is not None:
            found.setdefault(sheet[0], {}).setdefault("strength", sheet[1])
    return found


_MIX_TITLE = re.compile(r"\s*(?:mix|mix design|product)\s*(?:id|no\.?|number|#)?\s*:?\s*"
                        r"([A-Z0-9][\w./-]*\d[\w./-]*)\s*$", re.I)


def _sheet_strength(table: Table) -> tuple[str, str] | None:
    """A data sheet's strength ('C3K-28-SL35P' / 'Specified strength (psi) | 3500' / 'Test age 28 days'): its product
    (the code heading the facts, else the product the table or page names) and the strength with the age printed
    near it, or None."""
    if len(table.value_columns) != 1:
        return None
    lead = table.corner.split()[0] if table.corner.split() else ""
    name = lead if product_code(lead) and "epd" not in lead.lower() else table_product(table) or heading_product(table)
    titled = _MIX_TITLE.match(table.caption[-1]) if table.caption else None
    name = name or (titled.group(1) if titled else None)  # 'Mix 9284622' right over its facts
    if not name:
        return None
    k = table.value_columns[0]
    row = next((r for r in table.rows if (c := r.cells.get(k)) is not None and c.value is not None
                and unit_word(r.label_text) and _STRENGTH_HEAD.search(r.label_text)
                and not re.search(r"early|\b[1-7]\s*-?\s*days?\b", r.label_text, re.I)), None)
    if row is None:
        return None
    texts = [*table.caption, *table.heading, *table.after,
             *(f"{r.label_text} {' '.join(c.text for c in r.cells.values())}" for r in table.rows)]
    ages = {m.group(1) for t in texts if re.search(r"\bage\b", t, re.I)
            for m in re.finditer(r"(\d{1,3})\s*-?\s*(?:days?|d)\b", t, re.I)}
    if len(ages) > 1:
        return None  # two ages near one strength: which is whose is not read
    age = next(iter(ages), None)
    return name, f"{row.cells[k].text} {unit_word(row.label_text)}" + (f" @ {age} days" if age else "")


def listed_descriptions(pages: list[Page], names: Sequence[str]) -> dict[str, str]:
    """What a list of the products printed apart from the results says of each ('Product | Description' rows with
    no numbers to make them a table: 'Discrete Plate   Discrete Plate made by the EAF route, unfabricated'): the
    text beside a line whose first cell is one product's whole name, with its wrapped continuation. A name listed
    twice with different texts is left out: which text is its own is not read."""
    wanted = sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True)
    found: dict[str, set[str]] = {}
    # compiled once a document, not once a page (a long list of names overflows the re module's cache)
    begun = [re.compile(r"(?m)^[ \t]*" + re.escape(n) + r"[ \t]+\S") for n in wanted]
    for page in pages:
        # (a name's plain text is looked for first: a pattern that starts at a line's start scans slowly)
        if not any(n in page.text and pattern.search(page.text) for n, pattern in zip(wanted, begun, strict=True)):
            continue  # pdfium's text has no line beginning with a name: no row of a list (and no lines to build)
        lines = page_lines(page)
        for i, line in enumerate(lines):
            text = line.text.strip()
            # the longest name the line begins with: 'M7402 LW' is another mix than 'M7402'
            name = next((n for n in wanted if text.startswith(n + " ")), None)
            if name is None:
                continue
            phrases = phrases_of(line)
            if len(phrases) < 2 or phrases[0].text.strip() != name:
                continue  # a sentence beginning with the name, or a name split across cells
            rest = _text_run(phrases[1:])
            if not rest or len(rest) < len(phrases) - 1 or any(rest[0].text.startswith(n) for n in wanted
                                                                if n != name):
                # values beside the text: a table's row, whose other cells may qualify it ('41.4 MPa ... | 41.4 |
                # 90' under 'Strength | Age (days)'); or a head naming the products one by one
                continue
            description = _listed_text(lines, i, rest, wanted)
            if description is not None:
                found.setdefault(name, set()).add(description)
    return {name: texts.pop() for name, texts in found.items() if len(texts) == 1}


def _listed_text(lines: list[Line], i: int, rest: list[Phrase], names: list[str]) -> str | None:
    """The description a listed row prints beside its name on line ``i``, with the lines it wraps onto; None when
    which lines are its own is not clear: text over the row at the description's edge (a name set at the middle
    of its rows), or wrapped lines not followed by another listed row or a gap (they may begin the next row)."""
    line = lines[i]
    x0, height = rest[0].x0, line.bottom - line.top

    def close(a: Line, b: Line) -> bool:
        return b.top - a.bottom <= 0.8 * height

    def at_description(other: Line) -> bool:
        return abs(other.x0 - x0) <= 2.0

    if i > 0 and close(lines[i - 1], line) and at_description(lines[i - 1]):
        return None
    parts, last, j = [" ".join(p.text for p in rest)], line, i + 1
    while j < len(lines) and close(last, lines[j]) and at_description(lines[j]) and len(parts) < 4:
        phrases = phrases_of(lines[j])
        if len(_text_run(phrases)) != len(phrases):
            break  # values beside it: another row's first line
        parts.append(lines[j].text.strip())
        last, j = lines[j], j + 1
    if len(parts) > 1 and j < len(lines) and close(last, lines[j]):
        # what follows the wrapped lines must be the next row, begun on one line as this one is (its name, then
        # its description at the same edge; 'R2101' set beside the lines under 'R2102' is not), and further from
        # them than they stand from each other (a row's lines are closer than two rows)
        after = lines[j].text.strip()
        cells = phrases_of(lines[j]) if abs(lines[j].x0 - line.x0) <= 2.0 else []
        leading = max(b.top - a.bottom for a, b in itertools.pairwise(lines[i:j]))
        if not (len(cells) > 1 and any(after.startswith(n + " ") for n in names) and cells[1].kind == "text"
                and abs(cells[1].x0 - x0) <= 2.0 and lines[j].top - last.bottom > leading + 0.15 * height):
            return None
    return " ".join(parts)


def _text_run(phrases: list[Phrase]) -> list[Phrase]:
    """The cells of text a row begins with, up to its first value ('3500 psi, 25% SL | 205.0 | 268.1')."""
    run: list[Phrase] = []
    for p in phrases:
        if p.kind != "text" and run:
            break
        run.append(p)
    # a value first is a description's only when its unit follows ('45 MPa at 56 days'), not a result's unit
    return run if run and (run[0].kind == "text" or (len(run) > 1 and _QUANTITY.match(run[1].text))) else []


_QUANTITY = re.compile(r"(?:mpa|psi|ksi|n/mm)\b", re.I)


# the facts a mix's data sheet prints over its results, one to a line ('Specified strength: 5,000 psi at 28 days',
# "f'c: 35 MPa at 28 days", 'Description: 4000 PSI #67 WALL', 'Test age 28 days')
# ('56-day compressive strength  8,000 psi': the age may lead the label)
_FACT_LINE = re.compile(r"\s*(?:\d{1,3}\s*-?\s*days?\s+)?(?:(?:mix\s+)?description|(?:specified\s+|design\s+)?"
                        r"(?:compressive\s+)?strength|f'?c\b)"
                        r"[^:\n]{0,30}?(?::|\s{2,}|\s(?=\d))", re.I)
_ANY_AGE = re.compile(r"\b(\d{1,3})\s*-?\s*(?:days?|d)\b", re.I)
_AGE_LINE = re.compile(r"\s*(?:test\s+)?age\b\D{0,20}(\d{1,3})\s*-?\s*(?:days?|d)\b", re.I)


def sheet_facts(pages: list[Page], tables: list[Table], names: Sequence[str]) -> dict[str, str]:
    """What a mix's data sheet or cover prints of it, by the mix's name: the lines of a page between two of its
    tables (or its top or foot), when every line there that names a product names this one ('Mix RM5118P' /
    'Description: 4000 PSI #67 WALL' / 'Specified strength: 4000 PSI at 28 days' over its results; 'Mix 2864A' /
    '4,000 psi #8 STRUCT' on a cover). Its strengths, with the age a 'Test age' line gives; nothing when two ages
    or two different strengths stand there (which is whose is not read), or when the lines name another product."""
    wanted = sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True)
    patterns = [(n, re.compile(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])")) for n in wanted]
    found: dict[str, set[str]] = {}
    by_page: dict[int, list[Table]] = {}
    for table in tables:
        by_page.setdefault(table.page, []).append(table)
    for page in pages:
        # (the name's plain text is looked for first: a pattern that starts with a look-behind scans slowly)
        if not any(n in page.text and pattern.search(page.text) for n, pattern in patterns) or \
                not page.may_hold(STRENGTH_MARK):
            continue  # (a page's lines are built only when they may say something)
        lines = page_lines(page)
        edges = [(t.top, t.bottom) for t in sorted(by_page.get(page.number, []), key=lambda t: t.top)]
        above = -1.0
        for top, bottom in [*edges, (page.height + 1, page.height + 1)]:
            block = [ln.text for ln in lines if ln.top >= above - 1 and ln.bottom <= top + 1]
            above = max(above, bottom)
            facts = _sheet_block(block, patterns)
            if facts is not None:
                found.setdefault(facts[0], set()).add(facts[1])
    return {name: texts.pop() for name, texts in found.items() if len(texts) == 1}


def _sheet_block(block: list[str], patterns: list[tuple[str, re.Pattern[str]]]) -> tuple[str, str] | None:
    named: list[tuple[int, str]] = []
    for i, text in enumerate(block):
        hits = [n for n, pattern in patterns if n in text and pattern.search(text)]  # (plain text first: faster)
        hits = [n for n in hits if not any(n != m and n in m for m in hits)]  # 'M7402' inside 'M7402 LW'
        named += [(i, n) for n in hits]
    if not named or len({n for _, n in named}) > 1:
        return None
    first, name = named[0]
    facts = [m.group(0) + text[m.end():] for text in block[first:] if (m := _FACT_LINE.match(text))]
    for i in sorted({i for i, _ in named}):
        # the name's own line may go on to the description ('35FA3 — 35 MPa 1" FTG 25% FA'), or the description
        # may be the short line right under it ('1. 24064D' / '4000 PSI 28D 3/4" WALL'), never a sentence
        said = re.search(r"(?<![\w-])" + re.escape(name) + r"\s*(?:[—–:]|\s-)\s*(\S.*)$", block[i])
        if said:
            facts.append(said.group(1))
        under = block[i + 1].strip() if i + 1 < len(block) else ""
        if under and len(under) <= 60 and not under.endswith(".") and not _FACT_LINE.match(under) \
                and all(j != i + 1 for j, _ in named):
            facts.append(under)
    ages = {int(m.group(1)) for text in block[first:] if (m := _AGE_LINE.match(text))}
    # any later age printed there ('Design age 56 days', an age column) may be the strength's
    later = {int(m.group(1)) for text in block[first:] for m in _ANY_AGE.finditer(text) if int(m.group(1)) > 7}
    stated = [s for text in facts for s in stated_strengths(text)]
    specified = [s for s in stated if s.age_days is None or s.age_days > 7]
    ages |= {s.age_days for s in specified if s.age_days is not None}
    if not specified or len(ages) > 1 or len({s.strength.psi for s in specified}) > 1 or later - (ages or {28}):
        return None  # two ages, or two strengths: which is the specified one is not read
    # 'Description: 3000 PSI' over 'Specified strength: 3,000 psi at 90 days': one strength, at the age printed
    age = next(iter(ages), None)
    return name, "; ".join(s.text if s.age_days is not None else f"{s.text} @ {age} days" if age else s.text
                           for s in specified)
