"""Name the product of a single-product EPD from its cover page."""

from __future__ import annotations

import re
import statistics

from buyclean.core.model import Evidence, Extracted
from buyclean.core.readers.pdf.layout import Line, Page

# 'Product name: X' or 'Product:' with X on the next line (EPD Norway, IBU and environdec covers); 'Products
# covered' or 'Declared product' above X (North American covers).
_LABELLED = re.compile(r"(?:^|\n)\s*(?:product name|name of the product|product|produkt|produktnavn|prodotto)\s*:"
                       r"[ \t]*\n?[ \t]*([^\n:]{3,120})\n", re.I)
_COVERED = re.compile(r"(?:^|\n)\s*(?:products? covered|declared products?|product identification|product\(s\)|"
                      r"mix(?: number| id| design)?)\s*:?[ \t]*\n[ \t]*([^\n]{3,120})\n", re.I)
# environdec covers: 'In accordance with ISO 14025 ... for: <product> from <owner>'.
_FOR_FROM = re.compile(r"\bfor:\s*\n((?:[^\n]{2,120}\n){1,4})", re.I)
_BOILERPLATE = re.compile(r"accordance|as per|iso\s*1\d{4}|en\s*15804|\bpage\b|programme|program|publisher|owner"
                          r"|valid|issue|date|registration|www\.|https?:|@|:|^\d+\s*/\s*\d+$|verif|eier|gyldig", re.I)
_TITLE_WORDS = re.compile(r"^(environmental|environment|product|declaration|epd|umwelt|produktdeklaration|-|\s"
                          r"|miljødeklarasjon|dichiarazione|ambientale|di|prodotto|type iii)+$", re.I)
# The owner's company name is often printed as large as the product's.
_COMPANY = re.compile(r"\b(GmbH|KG|AG|AB|AS|A/S|ASA|Inc\.?|LLC|Ltd\.?|Limited|S\.p\.A\.?|S\.A\.|SA|Oy|Co\.|Corp\.?"
                      r"|Srl|S\.r\.l\.|B\.V\.|N\.V\.|d\.o\.o\.|plc|ApS|Aps|A\.Ş\.|Sanayi|International)(\s|$|,)")
# A street address is never a product's name (North American covers print the plant's beside the title).
_ADDRESS = re.compile(r"\b\d{1,6}\s+[\w.]+(?:\s+[\w.]+){0,4}\s+(?:street|st\.?|avenue|ave\.?|road|rd\.?|way|"
                      r"blvd\.?|boulevard|drive|dr\.?|lane|ln\.?|pkwy|parkway|highway|hwy\.?|court|ct\.?)(?:\W|$)|"
                      r"\bsuite\s+\d|\bste\.?\s+\d|p\.?\s?o\.?\s+box|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|"
                      r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b|united kingdom|united states|\busa\b", re.I)
# Template placeholders left in the text layer of IBU covers ('Name des Herstellers – Name des Produkts').
_PLACEHOLDER = re.compile(r"name des (herstellers|produkts)|product name here|\[product|<product", re.I)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" -–,")


def _height(line: Line) -> float:
    return statistics.median(w.height for w in line.words)


def owner_words(text: str) -> set[str]:
    """Return the words of the owner's or manufacturer's name printed on the cover, lower-cased."""
    m = re.search(r"(?:owner of the declaration|declaration owner|manufacturer|eier av deklarasjonen)\s*:?[ \t]*"
                  r"\n?([^\n]{3,80})", text, re.I)
    return {w.lower() for w in re.findall(r"[^\W\d_]{3,}", m.group(1))} if m else set()


def _largest(page: Page, owner: set[str]) -> tuple[str, Line] | None:
    lines = [ln for ln in page.lines() if len(ln.text) > 3 and not _BOILERPLATE.search(ln.text)
             and not (owner and {w.lower() for w in re.findall(r"[^\W\d_]{3,}", ln.text)} <= owner)
             and not _TITLE_WORDS.fullmatch(ln.text) and not _COMPANY.search(ln.text)
             and not _PLACEHOLDER.search(ln.text) and not _ADDRESS.search(ln.text)
             and re.search(r"[^\W\d_]{3}", ln.text)]
    if not lines:
        return None
    best = max(lines, key=_height)
    parts = [best]
    for line in page.lines():
        last = parts[-1]
        if (line.top > last.bottom - 1 and line.top - last.bottom < 0.8 * _height(last)
                and abs(_height(line) - _height(best)) < 0.6 and line in lines):
            parts.append(line)
    return " ".join(p.text for p in parts), best


def product_title(pages: list[Page]) -> Extracted[str]:
    """Return the product name printed on the cover, by label, by 'for: ... from', else by the largest type."""
    first = pages[0]
    text = first.text.replace("\r", "")
    for pattern in (_LABELLED, _COVERED, _FOR_FROM):
        m = pattern.search(text)
        if m is None:
            continue
        name = m.group(1)
        if pattern is _FOR_FROM:
            cut = re.search(r"\s+from\b(?!.*\bfrom\b)", name, re.S)
            if cut is None:
                continue
            name = name[: cut.start()]
        if not _PLACEHOLDER.search(name) and not _ADDRESS.search(name) and len(_clean(name)) > 2:
            return Extracted(_clean(name)[:120], Evidence(page=first.number, text=_clean(m.group(0))[:160]))
    boxed = _boxed_label(first)
    if boxed is not None:
        return boxed
    found = _largest(first, owner_words(first.text))
    if found is not None:
        name, line = found
        return Extracted(_clean(name)[:120], Evidence(page=first.number, bbox=(line.x0, line.top, line.x1,
                                                                             line.bottom), text=name[:160]))
    return Extracted("product", Evidence(page=first.number), (), "no product name found on the cover page")


# A cover table's label, its value in the next cell of the same line ('Product name      Mix 294T65'), best first.
_BOXED_LABELS = (re.compile(r"(?:product|trade)\s+names?|name of (?:the )?product", re.I),
                 re.compile(r"products?(?: covered)?|declared products?", re.I),
                 re.compile(r"mix(?:\s+(?:id|number|no\.?|name|design))?", re.I))


def _boxed_label(page: Page) -> Extracted[str] | None:
    from buyclean.core.readers.pdf.tables import phrases_of

    cells = [(line, phrases_of(line)) for line in page.lines()]
    for label in _BOXED_LABELS:
        for line, phrases in cells:
            if len(phrases) < 2 or not label.fullmatch(phrases[0].text.strip(" :")):
                continue
            name = _clean(" ".join(p.text for p in phrases[1:]))
            if len(name) > 2 and not _ADDRESS.search(name) and not _PLACEHOLDER.search(name):
                return Extracted(name[:120], Evidence(page=page.number, bbox=(line.x0, line.top, line.x1, line.bottom),
                                                      text=line.text[:160]))
    return None
