"""Read EPD PDFs: pypdfium2 text and character boxes on the hot path, results tables rebuilt from positions."""

from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass
from typing import Any

from buyclean.core.model import Epd
from buyclean.core.readers.limits import DEFAULT_LIMITS
from buyclean.core.readers.pdf.crosscheck import review_ocr_metadata
from buyclean.core.readers.pdf.layout import Page
from buyclean.core.readers.pdf.lock import PDFIUM
from buyclean.core.readers.pdf.ocr import OcrReading, Progress, languages, pages_to_read, read_pictures, text_of
from buyclean.core.readers.pdf.products import build_products
from buyclean.core.readers.pdf.streams import refuse_bombs
from buyclean.errors import InputTooLarge, UnreadableEpd

__all__ = ["TextReading", "read_pdf", "read_text_layer", "render_evidence"]



def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    if not data.lstrip()[:1024].count(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise UnreadableEpd("The file is not a PDF (no %PDF header); upload the EPD document itself.")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text or "security" in text:
            raise UnreadableEpd("The PDF is encrypted; ask the supplier for an unprotected copy.") from exc
        raise UnreadableEpd("The PDF is damaged or truncated and cannot be opened; ask the supplier for the "
                            "original file or re-download it.") from exc


def _page_ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    for n in numbers:
        if parts and "-" in parts[-1] and int(parts[-1].split("-")[1]) == n - 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{n}"
        elif parts and "-" not in parts[-1] and int(parts[-1]) == n - 1:
            parts[-1] = f"{parts[-1]}-{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts)


_NOT_LETTER = re.compile(r"[\W_]")
_BROKEN = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b\x0c\x0e-\x1f]")  # a glyph without a Unicode map, a control


_LETTER = re.compile(r"[^\W_]")


def _no_text(text: str) -> bool:
    """True when a page has no usable text: empty, or glyphs without a Unicode map ('(cid:12)', U+FFFD)."""
    broken = text.count("\ufffd") + len(_BROKEN.findall(text))
    if not broken:  # (most pages: then twenty letters are enough to know, not a count of all of them)
        return next(itertools.islice(_LETTER.finditer(text), 19, None), None) is None
    letters = len(text) - len(_NOT_LETTER.findall(text))
    return letters < 20 or broken > letters / 4


def _image_pages(loaded: list[Any], deadline: float, budget_s: float) -> list[int]:
    """Return the pages after the cover that are a quarter or more pictures (results tables pasted as images), of
    the document's pages as loaded to read their text."""
    import pypdfium2.raw as pdfium_c

    numbers = []
    for index in range(1, len(loaded)):
        if time.perf_counter() > deadline:  # within the same reading time
            raise InputTooLarge(f"Reading the PDF took longer than {budget_s:g} s (stopped at page {index + 1} of "
                                f"{len(loaded)}); the pages may hold too many objects.", where=f"page {index + 1}")
        page = loaded[index]
        width, height = page.get_size()
        area = 0.0
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
            left, bottom, right, top = obj.get_bounds()
            area += (right - left) * (top - bottom)
        if area >= 0.25 * width * height:
            numbers.append(index + 1)
    return numbers


def read_pdf(data: bytes, *, max_pages: int = DEFAULT_LIMITS.max_pdf_pages,
             time_budget_s: float = DEFAULT_LIMITS.pdf_time_budget_s,
             ocr_budget_s: float = DEFAULT_LIMITS.ocr_budget_s, on_ocr_progress: Progress | None = None) -> Epd:
    """Read an EPD PDF into an Epd, with page, box and text evidence for every value; with an ``ocr_budget_s``, a
    document whose text does not give every product's GWP is read again with its scanned pages and the pictures on
    its results pages read by OCR (ocr.py), telling ``on_ocr_progress`` of each page read."""
    started = time.perf_counter()
    # before PDFium decodes anything, and outside the lock (it can take a second); it spends the same time budget
    refuse_bombs(data, deadline=started + time_budget_s, budget_s=time_budget_s)
    if ocr_budget_s <= 0:
        with PDFIUM:
            return _read_locked(data, started, max_pages, time_budget_s)
    # the text layer first (a tenth of a second): a document it reads whole is not read by OCR, whatever pictures
    # it holds (photos, flow charts), so OCR can never unsettle a value the text gives
    text_only, unreadable = _text_first(data, started, max_pages, time_budget_s)
    if text_only is not None and _complete(text_only):
        return text_only
    seen = read_pictures(data, budget_s=ocr_budget_s, max_pages=max_pages, no_text=_no_text,
                         on_progress=on_ocr_progress)
    if not seen.words and seen.problem is None:  # nothing to read by OCR: the text's reading stands
        if text_only is None:
            assert unreadable is not None
            raise unreadable
        return text_only
    with PDFIUM:  # OCR has its own budget
        return _read_locked(data, time.perf_counter(), max_pages, time_budget_s, seen, ocr=True)


def _complete(epd: Epd) -> bool:
    return all(p.gwp_a1a3.value is not None for p in epd.products)


def _text_first(data: bytes, started: float, max_pages: int,
                time_budget_s: float) -> tuple[Epd | None, UnreadableEpd | None]:
    """The text layer's reading as a reader that runs OCR says it, or (a document without any text) None and the
    error it gives."""
    try:
        with PDFIUM:
            return _read_locked(data, started, max_pages, time_budget_s, ocr=True), None
    except UnreadableEpd as exc:
        if exc.where != "page 1" or "No text could be read" not in str(exc):
            raise
        return None, exc


@dataclass(frozen=True)
class TextReading:
    """A PDF's text layer read, and the pages OCR would read to complete it: none when the reading is final."""

    epd: Epd | None  # None: the document has no text at all (a scan)
    ocr_pages: tuple[int, ...] = ()


def read_text_layer(data: bytes, *, max_pages: int = DEFAULT_LIMITS.max_pdf_pages,
                    time_budget_s: float = DEFAULT_LIMITS.pdf_time_budget_s) -> TextReading:
    """Read the text layer alone, and name the pages ``read_pdf`` with an OCR budget would read by OCR (found
    without OCR: a tenth of a second). With no pages to read the reading is what ``read_pdf`` gives; a document
    with no text and nothing to read raises as it does."""
    started = time.perf_counter()
    refuse_bombs(data, deadline=started + time_budget_s, budget_s=time_budget_s)
    epd, unreadable = _text_first(data, started, max_pages, time_budget_s)
    if epd is not None and _complete(epd):
        return TextReading(epd)
    pages = pages_to_read(data, max_pages=max_pages, no_text=_no_text)
    if not pages and languages() is None:
        # read_pdf says that OCR is not installed, at once
        return TextReading(read_pdf(data, max_pages=max_pages, time_budget_s=time_budget_s, ocr_budget_s=1.0))
    if not pages and epd is None:
        assert unreadable is not None
        raise unreadable
    return TextReading(epd, tuple(pages))


def _ocr_note(seen: OcrReading | None) -> str | None:
    if seen is None:
        return None
    read = sorted(set(seen.words) & {*seen.scanned, *seen.pictured})
    parts = []
    if read:
        which = f"pages {_page_ranges(read)} were" if len(read) > 1 else f"page {read[0]} was"
        parts.append(f"{which} read by OCR from pictures of the page; values read there need review against their "
                     "crops unless the document checks them")
    if seen.problem:
        parts.append(f"{seen.problem}, so pages {_page_ranges(seen.unread)} were not read" if seen.unread
                     else seen.problem)
    return "; ".join(parts) or None


def _read_locked(data: bytes, started: float, max_pages: int, time_budget_s: float,
                 seen: OcrReading | None = None, *, ocr: bool = False) -> Epd:
    doc = _open(data)
    try:
        count = len(doc)
        if count == 0:
            raise UnreadableEpd("The PDF has no pages; ask the supplier for the complete document.")
        if count > max_pages:
            raise InputTooLarge(f"The PDF has {count} pages, over the limit of {max_pages}; upload the EPD alone, "
                                "not a bundle of documents.", where=f"page {max_pages + 1}")
        pages: list[Page] = []
        loaded = []  # pdfium's pages (a page's text page holds it open anyway)
        for index in range(count):
            if time.perf_counter() - started > time_budget_s:
                raise InputTooLarge(f"Reading the PDF took longer than {time_budget_s:g} s (stopped at page "
                                    f"{index + 1} of {count}); the pages may hold too many objects.",
                                    where=f"page {index + 1}")
            try:
                page = doc[index]
                loaded.append(page)
                width, height = page.get_size()
                textpage = page.get_textpage()
                # IBU templates join words with no-break spaces ('Declared\xa0unit'), which labels must match
                text = textpage.get_text_range().replace("\xa0", " ")
            except Exception as exc:  # pdfium raises bare errors on broken page trees
                raise UnreadableEpd(f"Page {index + 1} of the PDF is damaged and cannot be read; ask the supplier "
                                    "for the original file.", where=f"page {index + 1}") from exc
            ocr_words = seen.words.get(index + 1, []) if seen else []
            if ocr_words and _no_text(text):
                pages.append(Page(index + 1, width, height, text_of(ocr_words), None, ocr_words=ocr_words))
            elif ocr_words:
                pages.append(Page(index + 1, width, height, f"{text}\n{text_of(ocr_words)}", textpage,
                                  ocr_words=ocr_words))
            else:
                pages.append(Page(index + 1, width, height, text, textpage))
        blank = [p.number for p in pages if _no_text(p.text)]
        no_text_note = None
        if blank:
            no_text_note = (f"no text layer on pages {_page_ranges(blank)}; the document may be a scan or use fonts "
                            "without a Unicode map, so values there were not read")
            if not ocr:
                no_text_note += (" (this check does not run OCR: sign in and upload the EPD to have its scanned "
                                 "pages read)")
        no_text_note = "; ".join(filter(None, (_ocr_note(seen), no_text_note))) or None
        if len(blank) == count:
            raise UnreadableEpd(f"No text could be read: {no_text_note}. Ask the supplier for the original "
                                "(not scanned) PDF, or enter the values by hand.", where="page 1")
        epd = build_products(pages, no_text_note, deadline=started + time_budget_s, budget_s=time_budget_s,
                             image_pages=lambda: _image_pages(loaded, started + time_budget_s, time_budget_s))
        return review_ocr_metadata(epd, seen.words) if seen else epd
    finally:
        doc.close()


def render_evidence(data: bytes, page: int, bbox: tuple[float, float, float, float] | None = None, *,
                    margin: float = 24.0, scale: float = 2.0) -> bytes:
    """Render the region of a page around an evidence box as PNG bytes."""
    from buyclean.core.readers.pdf.evidence import render_region

    return render_region(data, page, bbox, margin=margin, scale=scale)


