"""Read the declaration's facts from page text: number, operator, dates, owner, EPD type, unit, strength."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from buyclean.core.model import Candidate, EpdType, Evidence, Extracted, Quantity
from buyclean.core.readers.pdf.layout import Page, Word
from buyclean.core.units import parse_quantity

# (pattern, canonical name); the first pattern found on the first pages wins.
OPERATORS: tuple[tuple[str, str], ...] = (
    (r"institut bauen und umwelt|\bIBU\b", "Institut Bauen und Umwelt e.V. (IBU)"),
    (r"EPD\s+Australasia", "EPD Australasia Limited"),
    (r"Næringslivets\s+Stiftelse", "Næringslivets Stiftelse for Miljødeklarasjoner"),
    (r"Norwegian\s+EPD\s+Foundation|EPD[- ]Norge|EPD\s+Norway", "The Norwegian EPD Foundation"),
    (r"EPD\s+International|International\s+EPD\s*®?\s*System|environdec", "EPD International AB"),
    # 'NSF/ANSI 61' and 'ASTM C94' are standards, not the program operator
    (r"NSF\s+International|\bNSF\b(?!\s*/\s*ANSI|\s*\d)", "NSF International"),
    (r"ASTM\s+International|\bASTM\b(?!\s*[A-Z]?\s?\d)", "ASTM International"),
    (r"UL\s+Environment|UL\s+Solutions|Underwriters\s+Laboratories", "UL Environment"),
    (r"SCS\s+Global\s+Services", "SCS Global Services"),
    (r"Smart\s+EPD", "Smart EPD"),
    (r"\bNRMCA\b|National\s+Ready\s+Mixed\s+Concrete", "NRMCA"),
    (r"National\s+Asphalt\s+Pavement|\bNAPA\b|Emerald\s+Eco-?\s?Label", "National Asphalt Pavement Association"),
    (r"EPD\s+Danmark", "EPD Danmark"),
    (r"Kiwa[- ]Ecobility", "Kiwa-Ecobility Experts"),
    (r"\bift\s+Rosenheim", "ift Rosenheim"),
    (r"Bau\s+EPD", "Bau EPD GmbH"),
    (r"EPDItaly|EPD\s+Italy", "EPDItaly"),
    (r"\bZAG\b", "ZAG Slovenia"),
)

# Registration numbers by operator; a generic labelled number is the fallback.
_IBU_NUMBER = r"EPD-[A-Z]{3}-\d{8}-[A-Z0-9]{4}-[A-Z]{2}"
_IES_NUMBERS = (r"EPD-IES-\d{7}", r"S-P-\d{5}\b")
_NEPD_NUMBER = r"NEPD-\d{3,5}-\d{2,5}-[A-Z]{2}"
_NUMBERS = (_IBU_NUMBER, *_IES_NUMBERS, _NEPD_NUMBER)
# Each operator's own numbering: its EPDs cite other operators' EPDs by number, which must not be taken for its own.
_NUMBERS_BY_OPERATOR = {
    "Institut Bauen und Umwelt e.V. (IBU)": (_IBU_NUMBER,),
    "EPD International AB": _IES_NUMBERS,
    "EPD Australasia Limited": _IES_NUMBERS,
    "The Norwegian EPD Foundation": (_NEPD_NUMBER,),
    "Næringslivets Stiftelse for Miljødeklarasjoner": (_NEPD_NUMBER,),
}
_NUMBER_LABEL = re.compile(r"(?:declaration|registration|epd|certificate)\s*(?:number|no\.?|#)\s*[:.]?\s*"
                           r"([A-Z0-9][A-Z0-9\-/.]{3,40})", re.I)

_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                           "september", "october", "november", "december"))}
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\s?([./])\s?(\d{1,2})\s?[./]\s?(\d{4})"
                   rf"|(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH_RE},?\s+(\d{{4}})"
                   rf"|{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})",
                   re.I)
ISSUED = r"date of issue|issue date|issued|publication date|published|date of publication|approved|godkjent" \
          r"|data di pubblicazione|valid from|issue"
VALID = r"valid until|valid to|validity date|valid thru|valid through|expir\w*|gyldig til|data di validit\w*" \
         r"|period of validity|validity"


def _month(name: str) -> int:
    return next(v for k, v in _MONTHS.items() if k.startswith(name[:3].lower()))


def parse_dates(text: str) -> list[tuple[list[dt.date], str]]:
    """Return each date spelled in the text as its possible readings (two when D/M and M/D cannot be told)."""
    out: list[tuple[list[dt.date], str]] = []
    for m in _DATE.finditer(text):
        readings: list[tuple[int, int, int]] = []
        if m.group(1):
            readings = [(int(m.group(1)), int(m.group(2)), int(m.group(3)))]
        elif m.group(4):
            a, b, year = int(m.group(4)), int(m.group(6)), int(m.group(7))
            if m.group(5) == ".":
                readings = [(year, b, a)]  # dotted dates are day.month.year wherever they are printed
            else:
                readings = [(year, b, a), (year, a, b)] if a != b else [(year, b, a)]
        elif m.group(8):
            readings = [(int(m.group(10)), _month(m.group(9)), int(m.group(8)))]
        else:
            readings = [(int(m.group(13)), _month(m.group(11)), int(m.group(12)))]
        dates = []
        for y, mo, d in readings:
            try:
                dates.append(dt.date(y, mo, d))
            except ValueError:
                continue
        if dates:
            out.append((dates, m.group(0)))
    return out


# A validity printed as a range after 'Valid from' ('Valid from 22 April 2023 | 22 April 2028').
_RANGE = re.compile(r"valid from|validity|period of validity|gyldighet", re.I)
# Glyphs without a Unicode map come out as control characters or '(cid:NN)'.
_BROKEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|\(cid:\d+\)")


def _dated(readings: list[dt.date], spelled: str, ev: Evidence) -> Extracted[dt.date]:
    if len(readings) == 1:
        return Extracted(readings[0], ev)
    return Extracted(None, ev, tuple(Candidate(d, Evidence(page=ev.page, bbox=ev.bbox, text=spelled,
                                                           note=f"read as {d.isoformat()}")) for d in readings),
                     f"'{spelled}' can be read as day/month or month/day; check which the EPD means")


def _date_by_position(page: Page, label: str, second: bool) -> Extracted[dt.date] | None:
    """Read the date printed on the same row as its label, for covers whose reading order stacks labels."""
    for line in page.lines():
        m = re.search(label, line.text, re.I)
        if m is None:
            continue
        tail = line.text[m.end():]
        # stop at the next label on the row ('Issue date: X   Valid to: Y')
        stop = re.search(r"\s[A-Z][\w ]{2,30}:", tail)
        found = parse_dates(tail[: stop.start()] if stop else tail)
        if found and (not second or len(found) > 1):
            readings, spelled = found[1] if second else found[0]
            ev = Evidence(page=page.number, bbox=(line.x0, line.top, line.x1, line.bottom),
                          text=(m.group(0) + tail[: tail.find(spelled) + len(spelled)]).strip())
            return _dated(readings, spelled, ev)
    return None


def find_date(pages: list[Page], label: str, *, until: bool = False) -> Extracted[dt.date]:
    """Find the date printed after a label on the first pages; ask for review when D/M order is unclear."""
    broken: Evidence | None = None
    for page in pages[:3]:
        text = page.text.replace("\r", "")
        for m in re.finditer(label, text, re.I):
            window = text[m.end(): m.end() + 90]
            found = parse_dates(window)
            if not found:
                if broken is None and _BROKEN.search(window[:40]):
                    broken = Evidence(page=page.number, text=m.group(0))
                continue
            readings, spelled = found[0]
            ev = Evidence(page=page.number, text=text[m.start(): m.end() + window.find(spelled) + len(spelled)])
            return _dated(readings, spelled, ev)
    for page in pages[:3]:
        if until and _RANGE.search(page.text):
            by_range = _date_by_position(page, _RANGE.pattern, second=True)
            if by_range is not None:
                return by_range
        if re.search(label, page.text, re.I):
            by_row = _date_by_position(page, label, second=False)
            if by_row is not None:
                return by_row
    if broken is not None:
        return Extracted(None, broken, (), f"the date after '{broken.text}' on page {broken.page} is printed in a "
                         "font without a Unicode map (no text layer for it); read it from the page")
    return Extracted(None)


_OPERATOR_LABEL = re.compile(r"program(?:me)?\s+(?:operator|holder)|published by|publisher|programoperatør"
                             r"|programoperat\w*", re.I)


def _operator_in(text: str) -> tuple[str, str] | None:
    for pattern, name in OPERATORS:
        m = re.search(pattern, text, re.I if pattern[0] != "\\" else 0)
        if m:
            return name, m.group(0)
    return None


def program_operator(pages: list[Page]) -> Extracted[str]:
    """Name the program operator: the one named after its label, else the first named on the first pages."""
    for page in pages[:4]:
        for m in _OPERATOR_LABEL.finditer(page.text):
            window = re.sub(r"\s+", " ", page.text[m.end(): m.end() + 160])
            found = _operator_in(window)
            if found:
                return Extracted(found[0], Evidence(page=page.number, text=f"{m.group(0)} ... {found[1]}"))
    for page in pages[:3]:
        found = _operator_in(re.sub(r"[ \t]+", " ", page.text))
        if found:
            return Extracted(found[0], Evidence(page=page.number, text=found[1]))
    return Extracted(None)


def registration_number(pages: list[Page], operator: str | None = None) -> Extracted[str]:
    """Find the declaration's own number: the operator's style of number on the cover, not EPDs cited there."""
    own = _NUMBERS_BY_OPERATOR.get(operator or "", ())
    patterns = (*own, *(p for p in _NUMBERS if p not in own))
    for page in pages[:2]:
        text = page.text.replace("\u00ad", "-").replace("\ufffe", "-")
        for pattern in patterns:
            found = re.findall(pattern, text)
            if found:
                best = max(set(found), key=found.count)
                return Extracted(best, Evidence(page=page.number, text=best))
        m = _NUMBER_LABEL.search(text)
        if m and re.search(r"\d", m.group(1)):
            return Extracted(m.group(1).rstrip("."), Evidence(page=page.number, text=m.group(0)))
    return Extracted(None)


_OWNER_LABEL = re.compile(r"^[ \t]*(?:owner of the declaration|owner of the epd|declaration owner|epd owner"
                          r"|manufacturer|declaration holder|company name)[ \t]*:?[ \t]*\n?[ \t]*([^\n]{3,80})",
                          re.I | re.M)
# what a name is not: the next label of a two-column cover, or a sentence that mentions the owner
_NOT_A_NAME = re.compile(r"^(?:programme|program|publisher|issuer|declaration number|registration|contact|address"
                         r"|owner|manufacturer|product|plant|site)\b|\b(?:has the|shall|is|are|and the|of the)\b",
                         re.I)


def manufacturer(pages: list[Page]) -> Extracted[str]:
    """Read the declaration owner or manufacturer from a line that starts with its label.

    The label must start a line and the value must look like a name (a capital first, not the next label of a
    two-column cover, not a sentence such as "the EPD owner has the sole ownership ..."); otherwise nothing is read.
    """
    for page in pages[:4]:
        for m in _OWNER_LABEL.finditer(page.text.replace("\r", "")):
            value = m.group(1).strip()
            if (value[:1].isupper() or value[:1].isdigit()) and not _NOT_A_NAME.search(value):
                return Extracted(value, Evidence(page=page.number, text=m.group(0).strip()))
    return Extracted(None)


def epd_type(pages: list[Page]) -> Extracted[EpdType]:
    """Tell product-specific from average, worst-case and industry-wide EPDs by their wording."""
    rules = (
        (r"worst[- ]case", EpdType.WORST_CASE),
        (r"industry[- ]wide|industry[- ]average|sector epd|association epd", EpdType.INDUSTRY_AVERAGE),
        (r"average (epd|results|of the product group|product)|product group average|representative epd"
         r"|average epd for", EpdType.PRODUCT_GROUP_AVERAGE),
        (r"product[- ]specific|specific epd|specific products?", EpdType.PRODUCT_SPECIFIC),
    )
    for pattern, kind in rules:
        for page in pages[:6]:
            m = re.search(pattern, page.text, re.I)
            if m:
                return Extracted(kind, Evidence(page=page.number, text=m.group(0)))
    return Extracted(EpdType.PRODUCT_SPECIFIC, Evidence(note="no average, worst-case or industry-wide wording found"))


def third_party_verified(pages: list[Page]) -> Extracted[bool]:
    """Say whether the EPD states independent third-party verification."""
    for page in pages[:6]:
        m = re.search(r"third[- ]party verif\w*|independent(ly)? verif\w*|externally verified|external verif\w*"
                      r"|verified by .{0,40}independent|x\s*external", page.text, re.I)
        if m:
            return Extracted(True, Evidence(page=page.number, text=m.group(0)))
    return Extracted(None, Evidence(), (), "no statement of third-party verification found")


_QUANTITY = re.compile(r"(\d+(?:[.,]\d+)?)\s*(m³|m3|m\^3|m²|m2|m\^2|yd³|yd3|cubic yards?|cubic met(?:er|re)s?"
                       r"|metric tons?|metric tonnes?|tonnes?|short tons?|tons?|kg|t)(?![a-z0-9])", re.I)


_UNIT_LABEL = re.compile(r"declared unit|functional unit|deklarert enhet|funksjonell enhet|unit[àa] dichiarata"
                         r"|unit[àa] funzionale|deklarierte einheit|bezugseinheit", re.I)


def _first_quantity(window: str) -> re.Match[str] | None:
    options = list(_QUANTITY.finditer(window))
    ones = [q for q in options if q.group(1) in ("1", "1.0", "1,0", "1000")] or options
    return next((q for q in ones if parse_quantity(f"{q.group(1)} {q.group(2)}") is not None), None)


def _column_run(words: list[Word], start: int) -> list[Word]:
    """Return the words from ``start`` that sit in one column (no wide gap between them)."""
    run = words[start: start + 1]
    for w in words[start + 1:]:
        if w.x0 - run[-1].x1 > 3 * max(w.height, 4):
            break
        run.append(w)
    return run


def _unit_by_position(page: Page) -> tuple[re.Match[str], str] | None:
    """Read the value printed right of a unit label or on the line below it (two-column cover pages)."""
    lines = page.lines()
    for n, line in enumerate(lines):
        m = _UNIT_LABEL.search(line.text)
        if m is None:
            continue
        offsets = list(itertools.accumulate(len(w.text) + 1 for w in line.words))
        last = next(k for k, end in enumerate(offsets) if end > m.end() - 1)
        first = next(k for k, end in enumerate(offsets) if end > m.start())
        x0 = line.words[first].x0
        texts = [" ".join(w.text for w in _column_run(line.words, last)[1:])] if last + 1 < len(line.words) else []
        for below in lines[n + 1: n + 3]:
            start = next((k for k, w in enumerate(below.words) if abs(w.x0 - x0) < 12), None)
            if start is not None and below.top - line.bottom < 3 * max(line.bottom - line.top, 6):
                texts.append(" ".join(w.text for w in _column_run(below.words, start)))
        window = " ".join(texts)
        q = _first_quantity(window)
        if q is not None:
            return q, f"{m.group(0)} {window}"
    return None


def declared_unit(pages: list[Page]) -> Extracted[Quantity]:
    """Read the declared (or functional) unit stated after its label, in the text or beside it on the page."""
    labelled = [p for p in pages if _UNIT_LABEL.search(p.text)]
    for page in labelled:
        text = page.text.replace("\r", "")
        for m in _UNIT_LABEL.finditer(text):
            window = text[m.end(): m.end() + 160]
            q = _first_quantity(window)
            if q is not None:
                quantity = parse_quantity(f"{q.group(1)} {q.group(2)}")
                line = window[: window.find("\n", q.end()) if "\n" in window[q.end():] else len(window)]
                return Extracted(quantity, Evidence(page=page.number, text=(m.group(0) + line).strip()[:160]))
    for page in labelled:
        # the reading order of two-column pages separates a label from its value; positions keep them together
        found = _unit_by_position(page)
        if found is not None:
            q, shown = found
            return Extracted(parse_quantity(f"{q.group(1)} {q.group(2)}"), Evidence(page=page.number,
                                                                                   text=shown[:160]))
    return Extracted(None, Evidence(), (), "no declared unit found in the text")
