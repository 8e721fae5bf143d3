"""Read the declaration's facts from page text: number, operator, owner, EPD type, PCR, plants, declared unit.

Dates are read in ``dates``."""

from __future__ import annotations

import itertools
import re

from buyclean.core.model import EpdType, Evidence, Extracted, Quantity
from buyclean.core.readers.pdf.dates import parse_dates
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
    (r"UL\s+Solutions", "UL Solutions"),
    (r"UL\s+Environment|Underwriters\s+Laboratories", "UL Environment"),
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
    (r"\bCSA\s+Group\b", "CSA Group"),
    (r"\bIAPMO\b|EarthSure", "IAPMO EarthSure"),
    (r"\bICC[- ]ES\b", "ICC-ES"),
    (r"Sustainable\s+Minds", "Sustainable Minds"),
    (r"EPD\s+Hub", "EPD Hub"),
)

# Registration numbers by operator; a generic labelled number is the fallback.
_IBU_NUMBER = r"EPD-[A-Z]{3}-\d{8}-[A-Z0-9]{4}-[A-Z]{2}"
_IES_NUMBERS = (r"EPD-IES-\d{7}(?::\d{3})?", r"S-P-\d{5}\b(?::\d{3})?")
_NEPD_NUMBER = r"NEPD-\d{3,5}-\d{2,5}-[A-Z]{2}"
_SCS_NUMBER = r"SCS-EPD-\d{4,6}(?:-R\d{1,2}\b)?"  # with its revision ('SCS-EPD-04926-R3')
_NSF_NUMBER = r"\bEPD\s?\d{5,6}\b"
_UL_NUMBER = r"\b\d{10}\.\d{3}\.\d\b"
_NUMBERS = (_IBU_NUMBER, *_IES_NUMBERS, _NEPD_NUMBER, _SCS_NUMBER, _UL_NUMBER)
# Each operator's own numbering: its EPDs cite other operators' EPDs by number, which must not be taken for its own.
_NUMBERS_BY_OPERATOR = {
    "Institut Bauen und Umwelt e.V. (IBU)": (_IBU_NUMBER,),
    "EPD International AB": _IES_NUMBERS,
    "EPD Australasia Limited": _IES_NUMBERS,
    "The Norwegian EPD Foundation": (_NEPD_NUMBER,),
    "Næringslivets Stiftelse for Miljødeklarasjoner": (_NEPD_NUMBER,),
    "SCS Global Services": (_SCS_NUMBER,),
    "NSF International": (_NSF_NUMBER,),
    "UL Environment": (_UL_NUMBER,),
    "UL Solutions": (_UL_NUMBER,),
}
# (a number may be spelled with its program's initials and the program's own words for it before it: 'Declaration
# number' over 'EPD 843', 'EPD Number: NRMCA 2021-285', 'EPD ID NAPA-EE-23880', 'NRMCA EPD 8818.649', 'ICC-ES SAVE
# EPD 28413')
_NUMBER_LABEL = re.compile(r"(?:declaration|registration|epd|certificate)\s*(?:number|no\.?|#|id\b)\s*[:.]?\s*"
                           r"((?-i:[A-Z]{2,6}(?:-[A-Z]{2,6})?(?: (?:SAVE|EPD)){0,2}) ?#? ?\d[A-Z0-9\-/.]{0,30}"
                           r"|[A-Z0-9][A-Z0-9\-/.]{3,40})", re.I)

_OPERATOR_LABEL = re.compile(r"program(?:me)?\s+(?:operator|holder)|published by|publisher|programoperatør"
                             r"|programoperat\w*|\bepd program(?:me)?(?!\s*(?:instructions|rules|and))", re.I)
# an organisation's name, when the operator after its label is one buyclean does not know
_ORGANISATION = re.compile(r"\b(group|international|institute|institut|foundation|association|services|council|"
                           r"program|programme|epd|inc|llc|ltd|gmbh|ab|as|corp|society|agency|labs?|solutions)\b", re.I)


def _operator_in(text: str) -> tuple[str, str] | None:
    for pattern, name in OPERATORS:
        m = re.search(pattern, text, re.I if pattern[0] != "\\" else 0)
        if m:
            return name, m.group(0)
    return None


def program_operator(pages: list[Page]) -> Extracted[str]:
    """Name the program operator: a known one named right after its label (on its printed line, else in the text
    after it), else the organisation named after the label as printed, else the first known one named on the
    first pages outside a PCR's or standard's citation."""
    unknown: Extracted[str] | None = None
    for page in pages[:4]:
        for line in page.lines():
            m = _OPERATOR_LABEL.search(line.text)
            if m is None:
                continue
            value = line.text[m.end():].lstrip(" :-–")
            bbox = (line.x0, line.top, line.x1, line.bottom)
            found = _operator_in(value[:60])
            if found:
                return Extracted(found[0], Evidence(page=page.number, bbox=bbox, text=f"{m.group(0)} {found[1]}"))
            named = re.split(r"\s{2,}|[,;(|]|\bwww\.|\d", value)[0].strip(" .")
            if unknown is None and 3 <= len(named) <= 60 and re.match(r"[A-Z]", named) and _ORGANISATION.search(
                    named) and not re.match(r"(?i)(name|address|logo|website|and|of|the)\b", named):
                unknown = Extracted(named, Evidence(page=page.number, bbox=bbox, text=line.text[:160]))
        for m in _OPERATOR_LABEL.finditer(page.text):
            window = re.sub(r"\s+", " ", page.text[m.end(): m.end() + 80])
            found = _operator_in(window)
            if found:
                return Extracted(found[0], Evidence(page=page.number, text=f"{m.group(0)} ... {found[1]}"))
    if unknown is not None:
        return unknown
    for page in pages[:3]:
        # a PCR's or a standard's publisher named on the cover is not the program operator
        text = "\n".join(line for line in page.text.replace("\r", "").split("\n")
                         if not re.search(r"\bpcr\b|product category rule|standard", line, re.I))
        found = _operator_in(re.sub(r"[ \t]+", " ", text))
        if found:
            return Extracted(found[0], Evidence(page=page.number, text=found[1]))
    return Extracted(None)


def _labelled_number(text: str) -> re.Match[str] | None:
    """The first label's value that can be a declaration's number: it has a digit, and no date (a cover table's next
    label and its value, 'DECLARATION NUMBER' then 'VALID 2030-06-18', are not a number with its program's
    initials)."""
    return next((m for m in _NUMBER_LABEL.finditer(text)
                 if re.search(r"\d", m.group(1)) and not parse_dates(m.group(1))), None)


def _as_printed(m: re.Match[str], text: str) -> str:
    """The number a label found, as the declaration prints it: a number spelled with its sign ('EPD #67987', 'ASTM
    EPD #9534', the operator's initials before it) is whole, not its digits; after 'Declaration number:' it is the
    value alone."""
    number = m.group(1).rstrip(".")
    label = m.group(0)[: m.start(1) - m.start(0)].strip(" :.")
    # (a number with letters of its own is whole: 'ICC-ES EPD #EPD-0179' is EPD-0179)
    if re.fullmatch(r"epd\s*#", label, re.I) and not re.search(r"[^\W\d_]", number):
        initials = re.search(r"(?:^|[\s,(])([A-Z]{2,6}\s+)$", text[: m.start()])
        return f"{initials.group(1) if initials else ''}{label}{number}"
    return number


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
        # ('EPD Number ASTM EPD #9534': the first label's value is the next label's initials)
        m = _labelled_number(text)
        if m:
            return Extracted(_as_printed(m, text), Evidence(page=page.number, text=m.group(0)))
    for page in pages[:2]:
        # a cover table whose reading order puts the value away from its label: read along the printed line
        for line in page.lines():
            m = _labelled_number(line.text)
            if m:
                return Extracted(_as_printed(m, line.text), Evidence(page=page.number, bbox=(line.x0, line.top, line.x1,
                                                                                           line.bottom),
                                                                text=m.group(0)))
    return Extracted(None)


_OWNER_LABEL = re.compile(r"^[ \t]*(?:owner of the declaration|owner of the epd|declaration owner|epd owner"
                          r"|manufacturer(?:'s)?(?: name)?(?: and address)?|declaration holder|company name)"
                          r"[ \t]*:?[ \t]*\n?[ \t]*([^\n]{3,120})", re.I | re.M)
_SUFFIX = re.compile(r"\b(Inc|LLC|OG|OHG|L\.L\.C|Ltd|Limited|Corp|Corporation|Company|Co|GmbH|AG|KG|AB|AS|A/S|ASA|"
                     r"S\.A|SA|SpA|S\.p\.A|Srl|B\.V|N\.V|Oy|plc|ApS|LP|L\.P|PLC|ULC|Pty)\b\.?", re.I)


def company_name(value: str) -> str:
    """The company in a manufacturer field, without its address ('Interface, Inc.; Seoul, South Korea',
    'Acme Ready Mix LLC, 1200 Industrial Pkwy, Springfield, IL 62701')."""
    value = re.split(r"\s*[;|]\s*|\s+[-–]\s+", value.strip())[0].strip(" ,")
    end = None
    for m in _SUFFIX.finditer(value):
        # a chain of suffixes ('Pty Ltd', 'Co., LTD') ends the name
        if end is None or re.fullmatch(r"[\s,.&]*", value[end: m.start()]):
            end = m.end()
        else:
            break
    if end is not None and re.search(r"\d|\b[A-Z]{2}\b|,\s*[A-Z][a-z]+", value[end:]):
        return value[:end].strip(" ,")
    # an address after the name: a street number, or a comma before digits
    return re.split(r",\s*\d|\s\d{1,5}\s+[A-Z][a-z]+\s", value)[0].strip(" ,")
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
            value = company_name(m.group(1))
            if (value[:1].isupper() or value[:1].isdigit()) and not _NOT_A_NAME.search(value) and len(value) > 2:
                return Extracted(value, Evidence(page=page.number, text=m.group(0).strip()))
    return Extracted(None)


_FIELD_KINDS = {"industry_average": EpdType.INDUSTRY_AVERAGE, "product_group_average": EpdType.PRODUCT_GROUP_AVERAGE,
                "product_specific": EpdType.PRODUCT_SPECIFIC, "facility_specific": EpdType.FACILITY_SPECIFIC,
                "company_average": EpdType.COMPANY_AVERAGE}


def epd_type(pages: list[Page]) -> Extracted[EpdType]:
    """Tell product-specific from plant-specific, company-average and industry-wide EPDs: by the 'EPD type' field
    the program templates print, else by the document's wording."""
    field = epd_type_field(pages)
    if field is not None:
        kind, evidence = field
        return Extracted(_FIELD_KINDS[kind], evidence)
    return _epd_type_by_wording(pages)


# (each with a look-ahead for its alternatives' first letters: see _UNIT_LABEL)
_TYPE_WORDING = tuple((re.compile(pattern, re.I), kind) for pattern, kind in (
    (r"(?=w)worst[- ]case", EpdType.WORST_CASE),
    (r"(?=[isa])(?:industry[- ]wide|industry[- ]average|sector epd|association epd)", EpdType.INDUSTRY_AVERAGE),
    (r"(?=[cma])(?:(?:company|manufacturer)[- ](?:wide|average) (?:epd|declaration|results)|averaged? (?:across|over) "
     r"(?:\w+ ){0,2}(?:plants|facilities|mills))", EpdType.COMPANY_AVERAGE),
    (r"(?=[pfsm])(?:plant|facility|site|mill)[- ]specific (?:epd|declaration|environmental product)",
     EpdType.FACILITY_SPECIFIC),
    (r"(?=[apr])(?:average (epd|results|of the product group|product)|product group average|representative epd"
     r"|average epd for)", EpdType.PRODUCT_GROUP_AVERAGE),
    (r"(?=[ps])(?:product[- ]specific|specific epd|specific products?)", EpdType.PRODUCT_SPECIFIC),
))


# any of the wordings: a page it finds nothing on holds none of them (one scan of each page, not one per wording),
# with a look-ahead for all their first letters (each wording starts with one for its own)
_TYPE_FIRST_LETTERS = "".join(sorted({c for pattern, _ in _TYPE_WORDING
                                     for c in re.match(r"\(\?=\[?(\w+)", pattern.pattern)[1]}))  # type: ignore[index]
_ANY_TYPE_WORDING = re.compile(f"(?=[{_TYPE_FIRST_LETTERS}])(?:"
                               + "|".join(f"(?:{pattern.pattern})" for pattern, _ in _TYPE_WORDING) + ")", re.I)


def _epd_type_by_wording(pages: list[Page]) -> Extracted[EpdType]:
    worded = [page for page in pages[:6] if _ANY_TYPE_WORDING.search(page.text)]
    for pattern, kind in _TYPE_WORDING:
        for page in worded:
            m = pattern.search(page.text)
            if m:
                return Extracted(kind, Evidence(page=page.number, text=m.group(0)))
    return Extracted(EpdType.PRODUCT_SPECIFIC, Evidence(note="no average, worst-case or industry-wide wording found"))


_NOT_VERIFIED = re.compile(r"\bnot\s+(?:been\s+)?(?:independently|third[- ]party|externally)\s+verified", re.I)
_INTERNAL = re.compile(r"\binternal(?:ly)?\s+(?:verifi\w*|review\w*)(?!\s*(?:☐|☒|□|■|x)?\s*external)", re.I)


def third_party_verified(pages: list[Page]) -> Extracted[bool]:
    """Say whether the EPD states independent third-party verification, or says it was not (only internally)
    verified."""
    for pattern, value in ((_NOT_VERIFIED, False), (_VERIFIED, True), (_INTERNAL, False)):
        for page in pages[:6]:
            m = pattern.search(page.text)
            if m:
                return Extracted(value, Evidence(page=page.number, text=m.group(0)))
    return Extracted(None, Evidence(), (), "no statement of third-party verification found")


_VERIFIED = re.compile(r"(?=[tievx])(?:third[- ]party verif\w*|independent(ly)? verif\w*|externally verified|"
                       r"external verif\w*|verified by .{0,40}independent|x\s*external)", re.I)


_QUANTITY = re.compile(r"(\d+(?:[.,]\d+)?|\bone)\s*(m³|m3|m\^3|m²|m2|m\^2|yd³|yd3|cubic yards?|cubic met(?:er|re)s?"
                       r"|metric tons?|metric tonnes?|tonnes?|short tons?|us tons?|tons?|kg|t)(?![a-z0-9])", re.I)


# (patterns scanned over whole pages start with a look-ahead for their alternatives' first letters, which the regular
# expression engine skips ahead to: a few times faster, the same matches)
_UNIT_LABEL = re.compile(r"(?=[dfub])(?:declared\s+unit|functional\s+unit|deklarert enhet|funksjonell enhet|"
                         r"unit[àa] dichiarata|unit[àa] funzionale|deklarierte einheit|bezugseinheit)", re.I)


def _first_quantity(window: str) -> re.Match[str] | None:
    options = list(_QUANTITY.finditer(window))
    ones = [q for q in options if q.group(1).lower() in ("1", "1.0", "1,0", "1000", "one")] or options
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
            if re.search(r"\bper\s+(?:the\s+|one\s+|1\s+)?$", text[max(0, m.start() - 12): m.start()], re.I):
                continue  # 'results are per declared unit': no label
            window = text[m.end(): m.end() + 160]
            window = "\n".join(window.split("\n")[:3])  # the label's line and the next (a value set below it)
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


_TYPE_FIELD = re.compile(r"\b(?:epd type|type of epd|type of declaration|declaration type|epd category)\b\s*[:\-]?\s*",
                         re.I)
_TYPE_MARK = re.compile(r"epdtype|typeofepd|typeofdeclaration|declarationtype|epdcategory", re.I)  # (Page.may_hold)
# (pattern, kind): plant-specific first, since 'product-specific, plant-specific' names both
_TYPE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"industry[- ]wide|industry[- ]average|sector(?:[- ]wide)?\b|association|generic|representative",
                re.I), "industry_average"),
    (re.compile(r"company[- ](?:wide|average|specific average)|manufacturer[- ]average|average of (?:\w+ )?plants|"
                r"multiple (?:plants|facilities)|multi[- ]plant", re.I), "company_average"),
    (re.compile(r"plant[- ]specific|facility[- ]specific|site[- ]specific|single (?:plant|facility)", re.I),
     "facility_specific"),
    (re.compile(r"product group|average product|worst[- ]case", re.I), "product_group_average"),
    (re.compile(r"product[- ]specific|specific epd", re.I), "product_specific"),
)


def epd_type_field(pages: list[Page]) -> tuple[str, Evidence] | None:
    """The kind of EPD its 'EPD type' field states, read along the printed line, else from the text after it."""
    for page in pages[:4]:
        sources: list[tuple[str, tuple[float, float, float, float] | None]] = [
            (line.text, (line.x0, line.top, line.x1, line.bottom))
            for line in page.lines_holding(_TYPE_MARK)]
        sources.append((page.text.replace("\r", ""), None))
        for text, bbox in sources:
            for m in _TYPE_FIELD.finditer(text):
                value = text[m.end(): m.end() + 80].split("\n")[0]
                for pattern, kind in _TYPE_WORDS:
                    found = pattern.search(value)
                    if found:
                        return kind, Evidence(page=page.number, bbox=bbox,
                                              text=(m.group(0) + value[: found.end()]).strip())
    return None


_PCR_LABEL = re.compile(r"(?:reference\s+)?(?:pcr|product category rules?)(?:\s*\(pcr\))?"
                        r"(?:\s+(?:and\s+version(?:\s+number)?|used|reference|name))?\s*[:\-]\s*|"
                        r"^\s*(?:reference\s+)?pcr(?:\s+and\s+version\s+number)?\s+", re.I | re.M)
_PCR_MARK = re.compile(r"pcr|productcategoryrule", re.I)  # in every match of _PCR_LABEL (Page.may_hold)
_PCR_NAME = re.compile(r"(pcr|product category rule|part [ab]\b|c-pcr|en 15804|iso 21930|\d{4}:\d{2})", re.I)


def pcr(pages: list[Page]) -> Extracted[str]:
    """The PCR the EPD was written to, with its version, as printed."""
    for page in pages[:5]:
        sources: list[tuple[str, tuple[float, float, float, float] | None]] = [
            (line.text, (line.x0, line.top, line.x1, line.bottom))
            for line in page.lines_holding(_PCR_MARK)]
        sources.append((page.text.replace("\r", ""), None))
        for text, bbox in sources:
            for m in _PCR_LABEL.finditer(text):
                value = re.split(r"\n|\s{3,}", text[m.end(): m.end() + 200])[0].strip(" .;,")
                if len(value) < 6 or re.match(r"(review|reviewed|panel|valid|chair|moderator|verif)", value, re.I):
                    continue
                if re.search(r"^[^\d]{0,30}:", value) or not re.search(r"[^\W\d_]{3,}.*[^\W\d_]{3,}", value):
                    continue  # the next label of a cover table ('Scope:', 'Issue date:'), or a bare date
                if re.fullmatch(r"[A-Z][A-Z &/()-]{2,40}", value) or re.fullmatch(
                        r"(?:date of issue|issue date|valid(?:ity)?(?: until| to| period)?|period of validity|"
                        r"expiration date|declared unit|program operator)", value, re.I):
                    continue  # the label of the next cell on the line ('REFERENCE PCR      DATE OF ISSUE')
                if not _PCR_NAME.search(m.group(0) + value) and not re.search(r"v\.?\s?\d|version\s*\d", value,
                                                                                re.I):
                    continue
                return Extracted(value[:160], Evidence(page=page.number, bbox=bbox, text=(m.group(0) + value)[:160]))
    return Extracted(None)


_PLANT_LABEL = re.compile(r"\b(?:plant(?: name| location)?|manufacturing (?:plant|site|location|facility)|production "
                          r"(?:site|plant|location)|facility(?: name| location)?)\s*[:]\s*", re.I)
# in every match of _PLANT_LABEL, spaces taken out (Page.may_hold)
_PLANT_MARK = re.compile(r"plant(?:name)?:|site:|location:|facility(?:name)?:", re.I)


def plants(pages: list[Page]) -> tuple[str, ...]:
    """The plants or production sites the cover names after a label."""
    found: list[str] = []
    for page in pages[:3]:
        for line in page.lines_holding(_PLANT_MARK):
            for m in _PLANT_LABEL.finditer(line.text):
                value = re.split(r"\s{3,}|;", line.text[m.end():])[0].strip(" ,.")
                if 2 < len(value) <= 120 and value not in found:
                    found.append(value)
    return tuple(found[:10])


_STANDARDS = re.compile(r"\b(ISO|EN|CSA)\s*(14025|21930|15804|14040|14044|14021)\b", re.I)


def standards(pages: list[Page]) -> tuple[str, ...]:
    """The standards the EPD says it conforms to ('ISO 14025', 'ISO 21930', 'EN 15804'), in the order printed."""
    found: list[str] = []
    for page in pages[:6]:
        for m in _STANDARDS.finditer(page.text):
            name = f"{m.group(1).upper()} {m.group(2)}"
            if name not in found:
                found.append(name)
    return tuple(found)
