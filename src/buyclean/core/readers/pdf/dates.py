"""The EPD's issue date and validity, from covers that print them in many ways.

Dates come as ISO, '28/07/2029', '05.02.2025', '30 August 2025', 'April 9th , 2025', 'September 15th . 2025';
validity as a date after its label, as a range ('EPD Valid June 19, 2025 through June 18, 2030': the end is the
second date) or as a period ('Period of validity: 5 years': the end is derived from the issue date, and says so).
A numeric date with day and month both under 13 is read month-first only for a US program operator, or when
another date in the same document shows the order; otherwise both readings go to review. A PCR's own validity
('PCR valid through June 30, 2024') is not the EPD's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from buyclean.core.model import Candidate, Evidence, Extracted
from buyclean.core.readers.pdf.layout import Page

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_SEP = r"\s*[,.]?\s*"  # 'April 9th , 2025', 'September 15th . 2025'
_DATE = re.compile(r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)"  # year first: 2025-03-28, 2025/03/28
                   r"|(?<![\d.])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?[./-]\s?(\d{4})(?!\d)"
                   rf"|(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?(?:\.?\s+(?:of\s+)?|-){_MONTH_RE}(?:-|{_SEP})(\d{{4}})"
                   rf"|\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?{_SEP}(\d{{4}})"
                   rf"|\b{_MONTH_RE}\s+(\d{{4}})",  # 'March 2028': the month only (read as its last day)
                   re.I)
# (each led by a look-ahead for its alternatives' first letters, which the regular expression engine skips ahead to:
# a few times faster over a page, the same matches)
ISSUED = re.compile(r"(?=[dipagve])(?:date of issue|issue date|date issued|issued( on)?|publication date|"
                    r"published( on)?|date of publication|approved|approval date|godkjent|data di pubblicazione|"
                    r"valid from|effective date|ausstellungsdatum|erstellt)", re.I)
VALID = re.compile(r"(?=[vegdp])(?:valid until|valid to|validity date|valid thru|valid through|expir\w*|gyldig til|"
                   r"data di validit\w*|period of validity|validity period|validity|gültig bis|valid for|"
                   r"\bepd valid\b|\bvalid\b)", re.I)
# what every match of ISSUED and VALID holds, spaces taken out (Page.may_hold): a page without it has no such label
# on any of its printed lines
_MARKS = {ISSUED: re.compile(r"issue|publi|pubbl|approv|godkjent|validfrom|effectivedate|ausstellungsdatum|erstellt",
                             re.I),
          VALID: re.compile(r"valid|expir|gyldigtil|gültigbis", re.I)}
_PERIOD = re.compile(r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\(\d+\)\s*)?"
                     r"(years?|yrs?\.?)\b", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10}
_RANGE_JOIN = re.compile(r"^\s*(through|thru|to|until|till|–|—|-|\||and|bis)\s*", re.I)
_ENDS_WITH_PCR = re.compile(r"(?:\bpcr|product category rules?)\W{0,3}$", re.I)
_PCR_CONTEXT = re.compile(r"\bpcr\b|product category rules?|sub-?category", re.I)
# US program operators print numeric dates month first
US_PROGRAMS = frozenset({"NSF International", "ASTM International", "UL Environment", "UL Solutions",
                         "SCS Global Services", "Smart EPD", "NRMCA", "National Asphalt Pavement Association",
                         "Sustainable Minds", "ICC-ES", "IAPMO EarthSure"})


@dataclass(frozen=True)
class DateText:
    readings: tuple[dt.date, ...]  # one, or two when day and month cannot be told apart
    spelled: str
    start: int
    end: int


def _month(name: str) -> int:
    return next(n + 1 for n, m in enumerate(_MONTHS) if m.startswith(name[:3].lower()))


def _last_day(year: int, month: int) -> int:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def parse_dates(text: str, order: str | None = None) -> list[DateText]:
    """Every date spelled in the text with its possible readings; ``order`` ('MDY' or 'DMY') settles numeric ones."""
    out: list[DateText] = []
    for m in _DATE.finditer(text):
        readings: list[tuple[int, int, int]] = []
        if m.group(1):
            readings = [(int(m.group(1)), int(m.group(2)), int(m.group(3)))]
        elif m.group(4):
            a, sep, b, year = int(m.group(4)), m.group(5), int(m.group(6)), int(m.group(7))
            if sep == ".":
                readings = [(year, b, a)]  # dotted dates are day.month.year wherever they are printed
            elif a > 12:
                readings = [(year, b, a)]
            elif b > 12 or order == "MDY":
                readings = [(year, a, b)]
            elif order == "DMY":
                readings = [(year, b, a)]
            else:
                readings = [(year, b, a), (year, a, b)] if a != b else [(year, b, a)]
        elif m.group(8):
            readings = [(int(m.group(10)), _month(m.group(9)), int(m.group(8)))]
        elif m.group(11):
            readings = [(int(m.group(13)), _month(m.group(11)), int(m.group(12)))]
        else:
            year, month = int(m.group(15)), _month(m.group(14))
            readings = [(year, month, _last_day(year, month))]
        dates = []
        for y, mo, d in readings:
            try:
                dates.append(dt.date(y, mo, d))
            except ValueError:
                continue
        if dates and all(1990 <= d.year <= 2100 for d in dates):
            out.append(DateText(tuple(dates), m.group(0), m.start(), m.end()))
    return out


def numeric_order(texts: Iterable[str], operator: str | None) -> str | None:
    """'MDY' or 'DMY' when the document's own slash dates show it (a part over 12), else month-first for a US
    program operator, else None: the order cannot be told."""
    month_first = day_first = False
    for text in texts:
        for m in re.finditer(r"(?<![\d.])(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?(\d{4})(?!\d)", text):
            a, b = int(m.group(1)), int(m.group(2))
            if a > 12 >= b:
                day_first = True
            elif b > 12 >= a:
                month_first = True
    if month_first != day_first:
        return "MDY" if month_first else "DMY"
    if month_first and day_first:
        return None
    return "MDY" if operator in US_PROGRAMS else None


@dataclass(frozen=True)
class Labelled:
    """A label found on a page and the text after it (on its visual line, else in the text stream)."""

    label: str
    value: str
    page: int
    bbox: tuple[float, float, float, float] | None
    context: str  # the text before the label on its line or in its sentence
    enclosing: str = ""  # inside an open parenthesis: the text it opens after, from the lines above if it wraps
    lead: str = ""  # the sentence or clause the label continues: its line's text before it, and the lines above
    # back to the last that ends a sentence (at most two)


def _lead(above: list[str], before: str) -> str:
    """The text a label continues ('NSF PCR for Concrete, Version 2.1, issued 08/2021;' / 'valid until ...'): the
    text before it on its line, after the last full stop, and the lines above while they end no sentence."""
    parts = [re.split(r"\.\s", before)[-1]]
    if "." not in before.rstrip()[-1:] and not re.search(r"\.\s", before):
        for line in reversed(above[-2:]):
            if not line.strip() or line.rstrip().endswith("."):
                break
            parts.insert(0, line)
    return " ".join(parts)


def _enclosing(above: list[str], before: str) -> str:
    """The text a parenthesis around a label qualifies ('... Version 2.0 (2020) ((valid until', '... 2022 (PCR' /
    'expiration: ...'), or '' when the label stands in no open parenthesis."""
    if before.rstrip().endswith("("):
        return " ".join([*above[-3:], before])
    if not before.strip() and above and _unclosed(above[-1]):
        return above[-1]
    return ""


def labelled(pages: list[Page], label: re.Pattern[str], first: int = 4) -> list[Labelled]:
    """Every place a label is printed on the first pages, with what follows it: the rest of its line (cover tables
    keep a value beside its label), then the text stream after it (paragraphs, wrapped values)."""
    out: list[Labelled] = []
    mark = _MARKS.get(label)
    for page in pages[:first]:
        lines = page.lines() if mark is None else page.lines_holding(mark)
        for n, line in enumerate(lines):
            for m in label.finditer(line.text):
                before = line.text[: m.start()]
                if not before.strip() and n and _ENDS_WITH_PCR.search(lines[n - 1].text):
                    before = lines[n - 1].text + " "  # '...; PCR' / 'valid through August 31, 2026': the PCR's
                above = [x.text for x in lines[max(n - 3, 0): n]]
                out.append(Labelled(m.group(0), line.text[m.end():], page.number,
                                    (line.x0, line.top, line.x1, line.bottom), before,
                                    _enclosing(above, before), _lead(above, line.text[: m.start()])))
        text = page.text.replace("\r", "")
        for m in label.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1  # the label's own line: a PCR named there owns the date
            above = text[max(text.rfind("\n", 0, max(start - 400, 0)), 0): max(start - 1, 0)].split("\n")
            before = text[start: m.start()]
            if not before.strip() and start and _ENDS_WITH_PCR.search(above[-1]):
                before = above[-1] + " "
            out.append(Labelled(m.group(0), text[m.end(): m.end() + 140], page.number, None,
                                before, _enclosing(above if start else [], text[start: m.start()]),
                                _lead(above if start else [], text[start: m.start()])))
    return out


def _evidence(item: Labelled, spelled: str, note: str | None = None) -> Evidence:
    value = item.value
    cut = value.find(spelled)
    shown = (item.label + value[: cut + len(spelled)] if cut >= 0 else item.label + " " + spelled)
    return Evidence(page=item.page, bbox=item.bbox, text=re.sub(r"\s+", " ", shown).strip()[:160], note=note)


def _extracted(found: DateText, ev: Evidence) -> Extracted[dt.date]:
    if len(found.readings) == 1:
        return Extracted(found.readings[0], ev)
    return Extracted(None, ev, tuple(Candidate(d, Evidence(page=ev.page, bbox=ev.bbox, text=found.spelled,
                                                           note=f"read as {d.isoformat()}")) for d in found.readings),
                     f"'{found.spelled}' can be read as day/month or month/day; check which the EPD means")


def _first_date(value: str, order: str | None) -> DateText | None:
    """The date right after a label: only punctuation or a few short words between ('Issued on', ': ')."""
    found = parse_dates(value[:100], order)
    if not found:
        return None
    gap = value[: found[0].start]
    if re.search(r"\n\s*\S", gap.rstrip()) and re.search(r"\w", gap):
        return None  # the label's own value is on the lines between ('Validity period' / '5 Years' / 'Version' / date)
    return found[0] if len(gap) <= 25 and len(re.findall(r"[^\W\d_]{2,}", gap)) <= 2 else None


def _range_end(value: str, order: str | None) -> tuple[DateText, DateText] | None:
    """Two dates joined by 'through', 'to', a dash or a bar: a validity range."""
    found = parse_dates(value[:160], order)
    if len(found) < 2 or found[0].start > 25:
        return None
    a, b = found[0], found[1]
    if _RANGE_JOIN.match(value[a.end: b.start]) and b.readings[0] > a.readings[0]:
        return a, b
    return None


# Glyphs without a Unicode map come out as control characters or '(cid:NN)'.
_BROKEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|\(cid:\d+\)")


def _broken(pages: list[Page], label: re.Pattern[str]) -> Extracted[dt.date]:
    """No date after a label, because what follows it is printed in a font without a Unicode map: say so."""
    for item in labelled(pages, label, first=3):
        if item.bbox is None and _BROKEN.search(item.value[:40]):
            return Extracted(None, Evidence(page=item.page, text=item.label), (),
                             f"the date after '{item.label}' on page {item.page} is printed in a font without a "
                             "Unicode map (no text layer for it); read it from the page")
    return Extracted(None)


def _agree(options: list[tuple[Extracted[dt.date], int]]) -> Extracted[dt.date]:
    """The best-ranked reading (the kind of statement, then the earliest page); readings of the same rank that
    disagree go to review with each candidate."""
    if not options:
        return Extracted(None)
    options.sort(key=lambda o: o[1])
    best = [e for e, rank in options if rank == options[0][1]]
    values = {e.value for e in best if e.value is not None}
    if len(values) > 1:
        cands = tuple(Candidate(e.value, e.evidence) for e in best if e.value is not None)
        return Extracted(None, best[0].evidence, cands, "different dates are printed for this: "
                         + ", ".join(sorted(v.isoformat() for v in values)) + "; check which is the EPD's")
    return best[0]


def _unclosed(text: str) -> bool:
    """A line that leaves a parenthesis open: the next line continues it."""
    return text.count("(") > text.count(")")


def _of_pcr(item: Labelled) -> bool:
    """A validity in parentheses after a PCR's name, however long the name ('Product Category Rules for Processed
    Glass (UN CPC 3719), NGA, Version 1.0, 2020 (valid until June 28, 2024)', '... NAPA, 2022 (PCR' / 'expiration:
    December 28th, 2026)'): not the EPD's, unless an EPD's number is named after the PCR."""
    named = list(_PCR_CONTEXT.finditer(item.enclosing))
    return bool(named) and not re.search(r"(?i)\b(EPD|declaration)\s*(no\b|number|#)|registration",
                                         item.enclosing[named[-1].end():])


def _continues_pcr(item: Labelled) -> bool:
    """A validity or issue date in lower case that continues a clause naming a PCR, wrapped over lines ('NSF
    International Product Category Rule for' / 'Concrete, Version 2.1, issued 08/2021; valid until' / '02/22/2027'):
    the PCR's. A field's own label ('Valid until', after a row naming the PCR) starts with a capital."""
    if not item.label[:1].islower():
        return False
    named = list(_PCR_CONTEXT.finditer(item.lead))
    return bool(named) and not re.search(r"(?i)\b(EPD|declaration)\b|registration", item.lead[named[-1].end():])


def issue_and_validity(pages: list[Page], operator: str | None) -> tuple[Extracted[dt.date], Extracted[dt.date]]:
    """Read the issue date and the end of validity."""
    order = numeric_order((p.text for p in pages[:6]), operator)
    issued: list[tuple[Extracted[dt.date], int]] = []
    valid: list[tuple[Extracted[dt.date], int]] = []
    periods: list[tuple[int, Labelled, str]] = []
    for item in labelled(pages, VALID):
        if _PCR_CONTEXT.search(item.context[-60:]) or _PCR_CONTEXT.search(item.value[:40]) or _of_pcr(item) or \
                _continues_pcr(item):
            continue  # the PCR's validity, not the EPD's
        pair = _range_end(item.value, order)
        if pair is not None:
            a, b = pair
            valid.append((_extracted(b, _evidence(item, b.spelled)), 0 + item.page * 10))
            issued.append((_extracted(a, _evidence(item, a.spelled)), 2 + item.page * 10))
            continue
        if re.match(r"valid from", item.label, re.I):
            continue
        found = _first_date(item.value, order)
        if found is not None and not re.match(r"(?i)valid for|period", item.label):
            valid.append((_extracted(found, _evidence(item, found.spelled)), 1 + item.page * 10))
            continue
        period = _PERIOD.search(item.value[:40])
        if period is not None:
            n = period.group(1).lower()
            years = int(n) if n.isdigit() else _WORDS[n]
            if 1 <= years <= 15:
                periods.append((years, item, period.group(0)))
    for item in labelled(pages, ISSUED):
        if _PCR_CONTEXT.search(item.context[-40:]) or _continues_pcr(item):
            continue
        pair = _range_end(item.value, order)
        found = pair[0] if pair else _first_date(item.value, order)
        if found is not None:
            rank = (0 if not re.match(r"valid from|effective", item.label, re.I) else 1) + item.page * 10
            issued.append((_extracted(found, _evidence(item, found.spelled)), rank))
            if pair is not None and re.match(r"valid from", item.label, re.I):
                valid.append((_extracted(pair[1], _evidence(item, pair[1].spelled)), item.page * 10))
    issue = _agree(issued) if issued else _broken(pages, ISSUED)
    until = _agree(valid) if valid or periods else _broken(pages, VALID)
    if until.value is None and until.review is None and periods and issue.value is not None and issue.known:
        years, item, spelled = periods[0]
        try:
            end = issue.value.replace(year=issue.value.year + years)
        except ValueError:  # 29 February
            end = issue.value.replace(year=issue.value.year + years, day=28)
        until = Extracted(end, _evidence(item, spelled, note=f"derived: issued {issue.value.isoformat()} plus the "
                                                               f"{years}-year period of validity"))
    return issue, until
