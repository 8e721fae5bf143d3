"""Read the declaration's facts from page text: number, operator, dates, owner, EPD type, unit, strength."""

from __future__ import annotations

import datetime as dt
import re

from buyclean.model import Candidate, EpdType, Evidence, Extracted, Quantity
from buyclean.readers.pdf.layout import Page
from buyclean.units import parse_quantity

# (pattern, canonical name); the first pattern found on the first pages wins.
OPERATORS: tuple[tuple[str, str], ...] = (
    (r"institut bauen und umwelt|\bIBU\b", "Institut Bauen und Umwelt e.V. (IBU)"),
    (r"EPD Australasia", "EPD Australasia Limited"),
    (r"Næringslivets Stiftelse", "Næringslivets Stiftelse for Miljødeklarasjoner"),
    (r"Norwegian EPD Foundation|EPD[- ]Norge|EPD Norway", "The Norwegian EPD Foundation"),
    (r"EPD International|International EPD System|environdec", "EPD International AB"),
    (r"NSF International|\bNSF\b", "NSF International"),
    (r"ASTM International|\bASTM\b", "ASTM International"),
    (r"UL Environment|UL Solutions", "UL Environment"),
    (r"SCS Global Services", "SCS Global Services"),
    (r"Smart EPD", "Smart EPD"),
    (r"\bNRMCA\b|National Ready Mixed Concrete", "NRMCA"),
    (r"\bZAG\b", "ZAG Slovenia"),
)

# Registration numbers by operator; a generic labelled number is the fallback.
_NUMBERS = (
    r"EPD-[A-Z]{3}-\d{8}-[A-Z0-9]{4}-[A-Z]{2}",
    r"EPD-IES-\d{7}",
    r"S-P-\d{5}\b",
    r"NEPD-\d{3,5}-\d{2,5}-[A-Z]{2}",
)
_NUMBER_LABEL = re.compile(r"(?:declaration|registration|epd|certificate)\s*(?:number|no\.?|#)\s*[:.]?\s*"
                           r"([A-Z0-9][A-Z0-9\-/.]{3,40})", re.I)

_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                           "september", "october", "november", "december"))}
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\s?([./])\s?(\d{1,2})\s?[./]\s?(\d{4})"
                   rf"|(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{_MONTH_RE}\s+(\d{{4}})|{_MONTH_RE}\s+(\d{{1,2}}),?\s+(\d{{4}})",
                   re.I)
_ISSUED = r"date of issue|issue date|issued|publication date|published|date of publication|approved|godkjent" \
          r"|data di pubblicazione|valid from|issue"
_VALID = r"valid until|valid to|validity date|valid thru|valid through|expir\w*|gyldig til|data di validit\w*" \
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


def find_date(pages: list[Page], label: str) -> Extracted[dt.date]:
    """Find the first date printed after a label on the first pages; ask for review when D/M order is unclear."""
    for page in pages[:3]:
        text = page.text.replace("\r", "")
        for m in re.finditer(label, text, re.I):
            window = text[m.end(): m.end() + 90]
            found = parse_dates(window)
            if not found:
                continue
            readings, spelled = found[0]
            ev = Evidence(page=page.number, text=text[m.start(): m.end() + window.find(spelled) + len(spelled)])
            if len(readings) == 1:
                return Extracted(readings[0], ev)
            return Extracted(None, ev, tuple(Candidate(d, Evidence(page=page.number, text=spelled,
                                                                   note=f"read as {d.isoformat()}"))
                                             for d in readings),
                             f"'{spelled}' can be read as day/month or month/day; check which the EPD means")
    return Extracted(None)


def program_operator(pages: list[Page]) -> Extracted[str]:
    """Name the program operator printed on the first pages, by its canonical name."""
    for page in pages[:3]:
        for pattern, name in OPERATORS:
            m = re.search(pattern, page.text, re.I if pattern[0] != "\\" else 0)
            if m:
                return Extracted(name, Evidence(page=page.number, text=m.group(0)))
    return Extracted(None)


def registration_number(pages: list[Page]) -> Extracted[str]:
    """Find the declaration's own number: the operator-style number printed on the cover, not ones cited later."""
    for page in pages[:2]:
        text = page.text.replace("\u00ad", "-").replace("\ufffe", "-")
        for pattern in _NUMBERS:
            found = re.findall(pattern, text)
            if found:
                best = max(set(found), key=found.count)
                return Extracted(best, Evidence(page=page.number, text=best))
        m = _NUMBER_LABEL.search(text)
        if m and re.search(r"\d", m.group(1)):
            return Extracted(m.group(1).rstrip("."), Evidence(page=page.number, text=m.group(0)))
    return Extracted(None)


def manufacturer(pages: list[Page]) -> Extracted[str]:
    """Read the declaration owner or manufacturer named after its label."""
    label = re.compile(r"(?:owner of the declaration|declaration owner|epd owner|manufacturer|declaration holder"
                       r"|company name)\s*[:\n]?\s*([^\n]{3,80})", re.I)
    for page in pages[:3]:
        m = label.search(page.text.replace("\r", ""))
        if m:
            return Extracted(m.group(1).strip(), Evidence(page=page.number, text=m.group(0)))
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


def declared_unit(pages: list[Page]) -> Extracted[Quantity]:
    """Read the declared (or functional) unit stated after its label."""
    label = re.compile(r"declared unit|functional unit|deklarert enhet|funksjonell enhet|unit[àa] dichiarata"
                       r"|unit[àa] funzionale|deklarierte einheit|bezugseinheit", re.I)
    for page in pages:
        text = page.text.replace("\r", "")
        for m in label.finditer(text):
            window = text[m.end(): m.end() + 160]
            options = [q for q in _QUANTITY.finditer(window)]
            ones = [q for q in options if q.group(1) in ("1", "1.0", "1,0", "1000")] or options
            for q in ones:
                quantity = parse_quantity(f"{q.group(1)} {q.group(2)}")
                if quantity is not None:
                    line = window[: window.find("\n", q.end()) if "\n" in window[q.end():] else len(window)]
                    return Extracted(quantity, Evidence(page=page.number, text=(m.group(0) + line).strip()[:160]))
    return Extracted(None, Evidence(), (), "no declared unit found in the text")
