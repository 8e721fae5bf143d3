"""What a document says of a concrete mix besides its results: its strengths and their ages, high early strength,
lightweight and its density.

North American concrete EPDs state the specified strength at 28 days (sometimes 56 or 90), and high-early-strength
mixes a 1-, 3- or 7-day strength as well, in the mix's description ('5000 PSI HE (3000 PSI @ 3 DAYS)'), in a strength
column ('f'c 28-day (psi)') or, for one mix, in the prose. An early strength is never the specified strength; a 1- or
3-day one suggests high early strength, which only an officer can confirm (domain.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from buyclean.core.classification import LIGHTWEIGHT_CONCRETE_MAX_KG_M3, high_early_words
from buyclean.core.model import Candidate, Evidence, Extracted, Quantity, Strength
from buyclean.core.readers.pdf.layout import Page, bbox_of
from buyclean.core.readers.pdf.tables import Table
from buyclean.core.units import PSI_PER_MPA, convert, parse_number, parse_strength, strength_class

# A strength specified at this many days or fewer suggests a high-early-strength mix (domain.md); 7 is common to all.
EARLY_DAYS = 3

# 'C32 MPa' (a class named by its specified strength, as Canadian mixes are): the number after the C is the MPa
_STRENGTH = re.compile(r"\bC\s?\d{1,3}\s?/\s?\d{2,3}\b|\bRck\s?\d{2,3}|\b\d{1,2},\d{3}\s?psi\b"
                       r"|\b\d{2,5}(?:\.\d)?\s?psi\b|\b\d{1,3}(?:\.\d{1,2})?\s?(?:MPa|N/mm2|ksi)\b"
                       r"|(?<=\bC)\d{2,3}\s?(?:MPa|N/mm2)\b", re.I)
# An age printed right after a strength ('@ 56 DAYS', 'at 3 days', '56D', '56-DAY', '(3 d)') or right before it
# ('3-DAY 2500 PSI', '28-day strength: 4000 psi').
_AGE_AFTER = re.compile(r"\s*(?:\(\s*)?(?:@|at|in)?\s*(\d{1,2})\s*-?\s*(?:days?|d)\b\.?", re.I)
_AGE_BEFORE = re.compile(r"\b(\d{1,2})\s*-?\s*(?:days?|d)\b[\s\-]*(?:(?:compressive\s+)?strength)?\s*(?:of|[:=(])?\s*$",
                         re.I)
_AGE_HEAD = re.compile(r"\b(\d{1,2})\s*-?\s*(?:days?|d)\b", re.I)


@dataclass(frozen=True)
class StatedStrength:
    """One strength a text states, with the age it is stated at (None: no age printed, which means 28 days)."""

    strength: Strength
    age_days: int | None
    text: str
    age_after: bool = False  # the age printed after the strength ('8,000 psi @ 56 d'), not before it ('56-DAY')


# what every strength _STRENGTH finds holds, spaces taken out (Page.may_hold): a page without it states none
STRENGTH_MARK = re.compile(r"\d(?:psi|mpa|ksi|n/mm)|rck\d|c\d{1,3}/\d{2}", re.I)


def stated_strengths(text: str) -> list[StatedStrength]:
    """Every strength a text states, each with the age printed beside it."""
    found: list[StatedStrength] = []
    taken_until = 0
    for m in _STRENGTH.finditer(text):
        strength = parse_strength(m.group(0).replace(",", ""))
        if strength is None:
            continue
        age: int | None = None
        after = _AGE_AFTER.match(text, m.end())
        before = _AGE_BEFORE.search(text[max(taken_until, m.start() - 40): m.start()])
        lead = m.start() > 0 and text[m.start() - 1] in "Cc" and not m.group(0)[:1].isalpha()
        shown = ("C" if lead else "") + m.group(0)
        if after is not None:
            age = int(after.group(1))
            shown = text[m.start() - lead: after.end()].strip()
            taken_until = after.end()
        elif before is not None:
            age = int(before.group(1))
            shown = f"{before.group(0).strip()} {m.group(0)}"
            taken_until = m.end()
        else:
            taken_until = m.end()
        found.append(StatedStrength(strength, age, shown, after is not None))
    return found


def strength_cell(cell: str, title: str, unit: str, age_cell: str | None = None) -> str:
    """A strength column's cell as text that keeps the age its head states ('2500 psi @ 3 days'), else the age an
    age column prints in the same row (``age_cell``: 'f'c (psi) | Age (days)' / '4500 | 56')."""
    age = _AGE_HEAD.search(title)
    if age:
        return f"{cell} {unit} @ {age.group(1)} days"
    days = re.fullmatch(r"\s*(\d{1,3})\s*(?:d|days?)?\.?\s*", age_cell or "", re.I)
    return f"{cell} {unit}" + (f" @ {int(days.group(1))} days" if days and int(days.group(1)) in TEST_AGES else "")


# the ages concrete strength is tested at: any other number in an age column is no test age
TEST_AGES = frozenset({1, 3, 7, 14, 28, 42, 56, 90, 91, 180, 365})
# the head of a column of test ages beside a strength column ('Age (days)', 'Test age', 'Age, d', 'Days')
AGE_COLUMN = re.compile(r"^\s*(?:(?:test\s+|design\s+|strength\s+)?age\b(?!\s*(?:of|group))|\(?days?\)?\s*$)", re.I)



_CLASS_LABEL = re.compile(r"\bstrength\s+class\b", re.I)
_CLASS = re.compile(r"\bC\s?\d{1,3}\s?/\s?\d{2,3}\b", re.I)
# a one-mix EPD prints its technical data (strength class, exposure class) on one of its first pages
CLASS_PAGES = 8


def labelled_classes(pages: list[Page], note: str) -> list[tuple[str | None, Evidence]]:
    """The lines of a one-mix EPD's first pages that give its EN 206 strength class under a label ('Strength class
    for concrete   C35/45': a two-column table's label and value are one line of positioned words), each with its
    box. A line naming two classes gives a range or a list ('classes C20/25 to C50/60'), not the mix's class."""
    found: list[tuple[str | None, Evidence]] = []
    for page in pages[:CLASS_PAGES]:
        if not _CLASS_LABEL.search(page.text):
            continue
        for line in page.lines():
            text = line.text
            if _CLASS_LABEL.search(text) and strength_class(text) and not several_classes(text):
                found.append((text, Evidence(page=page.number, bbox=bbox_of(line.words), text=text, note=note)))
    return found


def several_classes(text: str) -> bool:
    """True when a text names two or more strength classes: a range or a list ('classes C20/25 to C50/60', a PCR's
    scope), never one mix's class."""
    return len(_CLASS.findall(text)) > 1


# specified strengths outside this range are no concrete's (flowable fill starts near 50 psi; ultra-high-performance
# concrete tops out near 25,000 psi)
MIN_PSI, MAX_PSI = 40.0, 25000.0


_LATER_AGE = re.compile(r"(?<![\d.,])(?:56|90|91)\s*-?\s*(?:d|days?)\b", re.I)
_STRENGTH_WORD = re.compile(r"strength|\bpsi\b|\bmpa\b|\bksi\b|f'?c\b", re.I)
_OTHER_TEST = re.compile(r"shrinkage|creep|chloride|permeab|curing|modulus", re.I)
_AGE_WORD = re.compile(r"\bage\b|\(\s*days?\s*\)|^\s*days?\s*$", re.I)


@dataclass(frozen=True)
class LaterAges:
    """Where a document states strengths at a later test age: the words that state each in its text ('34.5 MPa
    90-DAY', 'psi @ 56 d'), and whether a column of ages holds one."""

    marks: tuple[str, ...] = ()
    in_columns: bool = False

    def __bool__(self) -> bool:
        return bool(self.marks) or self.in_columns

    def all_in(self, texts: list[str]) -> bool:
        """True when every later age the text states is stated in one of ``texts`` (the mixes' own names,
        descriptions and strength cells), with the two words before it: the document marks its later ages on
        the mixes themselves, and states the others at 28 days."""
        said = [" ".join(t.lower().split()) for t in texts if t]
        return not self.in_columns and all(any(m in t for t in said) for m in self.marks)


def later_ages(text: str, tables: list[Table]) -> LaterAges:
    """Where the document states a strength at a later test age: '8,000 psi @ 56 d', '56-day strength' (a line that
    speaks of a strength), or a column headed by an age ('Age (days)') that holds 56 or 90."""
    marks = []
    for m in _LATER_AGE.finditer(text):
        # of a strength: its line speaks of one ('Drying shrinkage at 56 days' does not)
        start = text.rfind("\n", 0, m.start()) + 1
        line = text[start: (text.find("\n", m.end()) + 1 or len(text) + 1) - 1]
        if _STRENGTH_WORD.search(line) and not _OTHER_TEST.search(line):
            marks.append(" ".join([*text[start: m.start()].split()[-2:], *m.group(0).split()]).lower())
    in_columns = any(_AGE_WORD.search(column.title) and any(
        (cell := row.cells.get(k)) is not None and cell.value in (56, 90, 91) for row in table.rows)
        for table in tables for k, column in enumerate(table.columns))
    return LaterAges(tuple(marks), in_columns)


@dataclass(frozen=True)
class MixFacts:
    """A mix's specified strength and what suggests high early strength."""

    strength: Extracted[Strength]
    high_early: Extracted[bool]


def mix_facts(sources: list[tuple[str | None, Evidence]], prose: int | None = None,
              unsure_age: bool = False) -> MixFacts:
    """The specified strength (28 days, else the first later age, else one printed without an age) and high early
    strength, from the texts that speak of one mix, best first: its strength columns, its name, its description, the
    prose of a one-mix EPD (``sources[prose:]``: words such as 'HE' count only there, the assessment reads the name
    and description). ``unsure_age``: the document states some strengths at 56 or 90 days in places not tied to this
    mix (``later_ages``), so a strength printed without an age is not taken to be a 28-day one."""
    specified: tuple[StatedStrength, Evidence] | None = None
    own: list[tuple[StatedStrength, Evidence]] = []  # the strengths the mix's own texts state
    best = 99
    early: tuple[StatedStrength, Evidence] | None = None
    for n, (text, where) in enumerate(sources):
        if not text:
            continue
        for s in stated_strengths(text):
            if s.age_days is not None and s.age_days <= 7:
                if s.age_days <= EARLY_DAYS and early is None:
                    early = s, where
                continue
            # a strength printed at 28 days, then one with a later age after it, then one printed without an age:
            # '8000 PSI SCC' named at '8,000 psi @ 56 d' is specified at 56 days, not at the 28 an unaged strength
            # means. An age before a strength ('56-DAY 7000 PSI') may end the line above (a description wrapped
            # over two mixes' rows): it comes last. The prose of a one-mix EPD only when the mix's own texts say none.
            rank = (0 if s.age_days == 28 else 2 if s.age_days is None else 1 if s.age_after else 3) + (
                4 if prose is not None and n >= prose else 0)
            if rank < best:
                specified, best = (s, where), rank
            if prose is None or n < prose:
                own.append((s, where))
    if specified is not None and specified[0].strength.unit == "MPa":
        # '34' under 'f'c (MPa)' beside '5000 PSI' in the name: the metric figure rounds the psi the mix is designed
        # to (34 MPa is 4,931 psi, a class below): the psi is the specified strength, at the age found
        psi = [p for p in own if p[0].strength.unit == "psi"
               and abs(p[0].strength.psi / PSI_PER_MPA - specified[0].strength.value) <= 0.5]
        if psi:
            specified = replace(psi[0][0], age_days=specified[0].age_days), psi[0][1]
    strength: Extracted[Strength] = Extracted(None)
    if specified is not None and specified[0].age_days is None:
        # no age printed with the strength, but the mix's own texts name one later age apart from any strength
        # ('5000 PSI 3/8" WALL 20% FA 56-DAY'): the strength is specified at that age, not at 28 days
        ages = {int(m.group(1)) for t, _w in sources[:prose] if t for m in _AGE_HEAD.finditer(t)}
        if len(ages) == 1 and (later := ages.pop()) > 28:
            specified = replace(specified[0], age_days=later), specified[1]
    if specified is not None:
        s, where = specified
        value = Strength(s.strength.value, s.strength.unit, s.strength.psi, s.strength.kind, s.age_days or 28)
        shown = s.text
        if where.text and s.text in where.text and strength_class(s.text):
            shown = where.text  # a class with its label, as the line prints it ('Strength class for concrete C35/45')
        ev = Evidence(page=where.page, bbox=where.bbox, text=shown,
                      note="; ".join(filter(None, (_strength_note(s), where.note))) or None)
        if not MIN_PSI <= value.psi <= MAX_PSI:
            # '300' under 'Strength (MPa)': a flowable fill's psi printed in the wrong column, or a misread unit
            strength = Extracted(None, ev, (Candidate(value, ev),),
                                 f"a specified strength of {s.text} ({value.psi:,.0f} psi) is implausible for "
                                 "concrete; check the value and its unit")
        elif unsure_age and s.age_days is None:
            # the convention that f'c is a 28-day strength holds where the document states no other age; this one
            # states 56 or 90 days for some mixes, and no age was read for this one (its age column or note may
            # not have been tied to it): which row it falls in is not known
            strength = Extracted(None, ev, (Candidate(value, ev),),
                                 f"the document states some strengths at 56 or 90 days, and no test age was read for "
                                 f"this mix's {s.text}; check its age: GSA's limits are by the 28-day strength")
        else:
            strength = Extracted(value, ev)
    words = sources
    if prose is not None:  # the name and description say it already ('HE'): the assessment reads them itself
        words = [] if any(high_early_words(t) for t, _ in sources[:prose]) else sources[prose:]
    return MixFacts(strength, _high_early(words, early))


def _strength_note(s: StatedStrength) -> str | None:
    """How a strength that is not a cylinder strength in psi or MPa was read as one."""
    if s.strength.kind == "cube":
        return "cube strength converted to cylinder strength (f'ck = 0.83 Rck)"
    named = strength_class(s.text)
    if named is not None:
        return (f"EN 206 strength class C{named[0]}/{named[1]}: the cylinder strength f_ck {named[0]} MPa "
                f"(cube {named[1]} MPa) is the specified strength")
    return None


def _high_early(sources: list[tuple[str | None, Evidence]],
                early: tuple[StatedStrength, Evidence] | None) -> Extracted[bool]:
    """High early strength as the mix's texts suggest it: never a confident True (an officer confirms that it is
    required for technical reasons), a candidate with the reason instead."""
    if early is not None:
        s, where = early
        ev = Evidence(page=where.page, bbox=where.bbox, text=s.text)
        return Extracted(None, ev, (Candidate(True, ev),),
                         f"an early strength ({s.text}) suggests a high-early-strength mix")
    for text, where in sources:
        words = high_early_words(text)
        if words:
            ev = Evidence(page=where.page, bbox=where.bbox, text=words)
            return Extracted(None, ev, (Candidate(True, ev),), f"'{words}' suggests a high-early-strength mix")
    return Extracted(None)


_DENSITY = re.compile(r"\b(\d{1,2},?\d{3}(?:\.\d+)?)\s*kg\s*/\s*m(?:3|³)\b"
                      r"|\b(\d{2,3}(?:\.\d+)?)\s*(?:pcf|lb\s*/\s*ft(?:3|³)|lbs?/cu\.?\s*ft)\b", re.I)
_KG_M3_PER_PCF = 16.018463


def density_kg_m3(text: str | None) -> tuple[float, str] | None:
    """A concrete density a mix's text states ('1,750 kg/m3', '115 PCF'), in kg/m3, with the text read."""
    for m in _DENSITY.finditer(text or ""):
        if m.group(1):
            value = parse_number(m.group(1).replace(",", ""))
            kg_m3 = value
        else:
            value = parse_number(m.group(2))
            kg_m3 = value * _KG_M3_PER_PCF if value is not None else None
        if kg_m3 is not None and 800 <= kg_m3 <= 3000:
            return kg_m3, m.group(0)
    return None


def mass_per_unit(density: tuple[float, str] | None, unit: Quantity | None, where: Evidence) -> Extracted[float]:
    """The mass of one declared unit of a mix from its density, when the declared unit is a volume."""
    if density is None or unit is None:
        return Extracted(None)
    m3 = convert(unit.value, unit.unit, "m3")
    if not m3:
        return Extracted(None)
    kg_m3, text = density
    note = f"{kg_m3:,.0f} kg/m3 times the declared unit ({unit.value:g} {unit.unit})"
    return Extracted(kg_m3 * m3, Evidence(page=where.page, bbox=where.bbox, text=text, note=note))


_WEIGHT = re.compile(r"\b(?:structural\s+)?(light|normal)[- ]?weight\s+(?:concrete|mix|aggregate concrete)\b", re.I)
# a sentence that names more than the mix: a PCR's scope, a list of kinds, a negation
_NOT_THE_MIX = re.compile(r"\b(pcr|scope|covers?|cover(?:ed|ing)|appl(?:y|ies)|includ\w*|such as|and|or|nor|not|no|"
                          r"excluded?|except)\b", re.I)


def lightweight_in_prose(text: str, page: int | None) -> Extracted[bool]:
    """For an EPD of one mix, what its prose says: a sentence calling it lightweight (or normal-weight) concrete
    is the mix's flag; a sentence that also speaks of other things (a PCR's scope, 'normal-weight and lightweight
    concrete') asks for review when it says lightweight."""
    for m in _WEIGHT.finditer(text):
        start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        ends = [i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0]
        sentence = text[start: min(ends) if ends else len(text)].strip()
        light = m.group(1).lower() == "light"
        ev = Evidence(page=page, text=sentence[:160])
        if not _NOT_THE_MIX.search(sentence):
            return Extracted(light, ev)
        if light:
            return Extracted(None, ev, (Candidate(True, ev),),
                             f"the document speaks of '{m.group(0)}': confirm whether this mix is lightweight "
                             f"concrete (under about {LIGHTWEIGHT_CONCRETE_MAX_KG_M3:,.0f} kg/m3)")
    return Extracted(None)
