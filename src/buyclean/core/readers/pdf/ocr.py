"""Read what a PDF prints only as pictures with Tesseract OCR, into the same words the text layer gives.

Two kinds of page need it: scans (no text layer at all) and results pages whose tables were pasted in as images.
The reader calls it only when the text layer leaves a product without a GWP. Finding the pages to read costs no
OCR: the text layer says which pages are empty and which speak of results, and image
objects' bounds say where the pictures are; only those pictures are rendered (300 dpi) and read. A scan is read
whole, every page once: its dates, declared unit and names are on other pages than its results, and a
low-resolution first pass to find the results pages was measured at 80% of the time of a full one (Tesseract's
time goes to finding lines, not to pixels). Pages are rendered under the PDFium lock and recognised outside it,
one Tesseract process per core (``OMP_THREAD_LIMIT=1``: Tesseract's own threads make it several times slower on
a loaded machine), within the document's OCR budget.
"""

from __future__ import annotations

import functools
import math
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from buyclean.core.readers.pdf.evidence import fitted_scale
from buyclean.core.readers.pdf.layout import Line, Word, group_lines
from buyclean.core.readers.pdf.lock import PDFIUM
from buyclean.core.readers.pdf.numbers import value_of

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin

FULL_DPI = 300
# An A4 page at 300 dpi is 8.7 million pixels; a page 14,400 points square would be 3.6 billion (a hostile file):
# larger regions are read at the resolution that fits
MAX_PIXELS = 12_000_000
IMAGE_SHARE = 0.25  # pictures covering this share of a page that speaks of results may hold them
MIN_PICTURE_SHARE = 0.04  # smaller pictures (logos, icons) hold no results table
MIN_PICTURE_SIDE = 72.0  # points: nor does a picture narrower or lower than an inch
MAX_SCAN_OBJECTS = 1_000
MAX_PAGE_OBJECTS = 50_000
_RESULTS_WORDS = re.compile(r"environmental\s+impact|results|indicator|gwp|global\s+warming|climate\s+change", re.I)


@dataclass(frozen=True)
class Picture:
    """A rendered region of a page, as an 8-bit greyscale PGM image; ``scale`` is pixels per PDF point."""

    page: int
    box: Box
    scale: float
    pgm: bytes
    scan: bool


@dataclass
class OcrReading:
    """The words OCR read, per page, and which pages it read whole (scans), in part (pictures) or not at all."""

    words: dict[int, list[Word]] = field(default_factory=dict)
    scanned: list[int] = field(default_factory=list)
    pictured: list[int] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)
    problem: str | None = None
    seconds: float = 0.0


@functools.cache
def languages() -> str | None:
    """The Tesseract languages installed of those EPDs are read in ('eng+slv'), or None without Tesseract."""
    if shutil.which("tesseract") is None:
        return None
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    have = {line.strip() for line in out.splitlines()[1:]}
    wanted = [lang for lang in ("eng", "slv") if lang in have]
    return "+".join(wanted) if "eng" in wanted else None


# told the pages read so far and the pages to read, after each page (a job shows it as progress)
Progress = Callable[[int, int], None]


def read_pictures(data: bytes, *, budget_s: float, max_pages: int, no_text: Callable[[str], bool],
                  on_progress: Progress | None = None) -> OcrReading:
    """OCR the pages of ``data`` that have no text layer and the pictures on results pages, within ``budget_s``."""
    import pypdfium2 as pdfium

    started = time.perf_counter()
    deadline = started + budget_s
    langs = languages()
    if langs is None:
        return OcrReading(problem="OCR is not installed on this server (Tesseract with its English data)")
    with PDFIUM:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return OcrReading()  # the reader proper says why the file cannot be opened
    try:
        with PDFIUM:
            regions, unsurveyed = _survey(doc, max_pages, no_text, deadline)
        result = OcrReading(scanned=[r.page for r in regions if r.box is None],
                            pictured=sorted({r.page for r in regions if r.box is not None}))
        result.words = _recognise(doc, regions, langs, deadline, on_progress)
    finally:
        with PDFIUM:
            doc.close()
    result.unread = sorted(({r.page for r in regions} - set(result.words)) | set(unsurveyed))
    result.seconds = time.perf_counter() - started
    if result.unread or time.perf_counter() > deadline:
        result.problem = f"OCR stopped after {budget_s:g} s"
    return result


def pages_to_read(data: bytes, *, max_pages: int, no_text: Callable[[str], bool]) -> list[int]:
    """The pages ``read_pictures`` would read (scans, and results pages with pictures), found without OCR; none
    when Tesseract is not installed."""
    import pypdfium2 as pdfium

    if languages() is None:
        return []
    with PDFIUM:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return []
        try:
            regions, _ = _survey(doc, max_pages, no_text)
        finally:
            doc.close()
    return sorted({r.page for r in regions})


@dataclass(frozen=True)
class Region:
    """What to read: a whole page (``box`` None) or a picture on it, in PDF points."""

    page: int
    box: Box | None


def _survey(doc: Any, max_pages: int, no_text: Callable[[str], bool],
            deadline: float = math.inf) -> tuple[list[Region], list[int]]:
    """The pages without a text layer that are pictures (scans), and the pictures on pages that speak of
    results; and the pages the deadline left unlooked at."""
    import pypdfium2.raw as pdfium_c

    if len(doc) > max_pages:
        return [], []
    regions: list[Region] = []
    for index in range(len(doc)):
        if time.perf_counter() > deadline:
            return regions, list(range(index + 1, len(doc) + 1))
        page = doc[index]
        width, height = page.get_size()
        text = page.get_textpage().get_text_range()
        scan = no_text(text)
        if not scan and not _RESULTS_WORDS.search(text):
            continue
        # a scan is a few pictures, a results page some thousands of text runs: a page of far more objects is a
        # drawing (or a hostile file), whose objects are not walked one by one here
        if pdfium_c.FPDFPage_CountObjects(page.raw) > (MAX_SCAN_OBJECTS if scan else MAX_PAGE_OBJECTS):
            continue
        boxes: list[Box] = []
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
            left, bottom, right, top = obj.get_bounds()
            left, right = max(left, 0.0), min(right, width)
            bottom, top = max(bottom, 0.0), min(top, height)
            area = (right - left) * (top - bottom)
            # a strip down the margin (a coloured band, vertical running text) holds no table
            if min(right - left, top - bottom) >= MIN_PICTURE_SIDE and area >= MIN_PICTURE_SHARE * width * height:
                boxes.append((left, height - top, right, height - bottom))
        if sum((b[2] - b[0]) * (b[3] - b[1]) for b in boxes) < IMAGE_SHARE * width * height:
            continue  # a page without text that is no picture either (drawn shapes) has nothing to read
        regions += [Region(index + 1, None)] if scan else [Region(index + 1, box) for box in boxes]
    return regions, []


def _render(doc: Any, region: Region, dpi: int = FULL_DPI) -> Picture:
    page = doc[region.page - 1]
    width, height = page.get_size()
    x0, top, x1, bottom = region.box if region.box is not None else (0.0, 0.0, width, height)
    scale = fitted_scale(x1 - x0, bottom - top, dpi / 72, MAX_PIXELS)
    # pdfium crops by the amount to cut from each side: left, bottom, right, top
    bitmap = page.render(scale=scale, grayscale=True, crop=(x0, height - bottom, width - x1, top))
    w, h, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    rows = buffer if stride == w else b"".join(buffer[i * stride:i * stride + w] for i in range(h))
    return Picture(region.page, (x0, top, x1, bottom), scale, b"P5\n%d %d\n255\n" % (w, h) + rows,
                   region.box is None)


def _recognise(doc: Any, regions: list[Region], langs: str, deadline: float,
               on_progress: Progress | None = None) -> dict[int, list[Word]]:
    """Render each region under the PDFium lock and OCR it outside, one region per core at a time (so at most
    that many page images are held); regions past the deadline are left unread. ``on_progress`` hears of each page
    whose regions are all finished, in this thread."""
    if not regions:
        return {}
    left = {page: sum(r.page == page for r in regions) for page in {r.page for r in regions}}
    if on_progress is not None:
        on_progress(0, len(left))

    def read(region: Region) -> tuple[Picture, str | None]:
        if time.perf_counter() > deadline:
            return Picture(region.page, (0, 0, 0, 0), 1.0, b"", region.box is None), None
        with PDFIUM:
            picture = _render(doc, region)
        return picture, run_tesseract(picture.pgm, langs, picture.scale * 72, deadline)

    out: dict[int, list[Word]] = {}
    # a caller already holding the PDFium lock would keep the workers from ever rendering: read in its thread
    workers = 1 if getattr(PDFIUM, "_is_owned", lambda: False)() else max(1, min(len(regions), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = pool.map(read, regions) if workers > 1 else map(read, regions)
        for picture, tsv in done:
            if tsv is not None:
                out.setdefault(picture.page, []).extend(label_lines(words_from_tsv(tsv, picture.box, picture.scale)))
            left[picture.page] -= 1
            if on_progress is not None and left[picture.page] == 0:
                on_progress(sum(n == 0 for n in left.values()), len(left))
    return out


def run_tesseract(image: bytes, langs: str, dpi: float, deadline: float) -> str | None:
    """Tesseract's TSV (word boxes and confidences) for one image, or None when the deadline passes first."""
    left = deadline - time.perf_counter()
    if left <= 0:
        return None
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "-l", langs, "--dpi", str(round(dpi)), "tsv"],
                              input=image, capture_output=True, env=env, timeout=left, check=False)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


# Tesseract's usual misreadings in E-notation ('1,52E400', '3,01EH00', '5,05€-05', 'O.00E+00', '135E-01' for
# '1.35E-01'), in module heads ('AT-A3', 'Al-A3'), and table rules read as bars
_EXPONENT_PLUS = re.compile(r"(?<=\d)[Ee][4H+](?=\d{1,3}$)")
_EURO = re.compile(r"(?<=\d)[€£](?=[+\-\u2212]?\d|[+\-]$|$)")
_RULES = re.compile(r"^[|\[\]{}]+|[|\[\]{}]+$")
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "S": "5", "B": "8"})
_E_NOTATION = re.compile(r"(-?)([0-9OolISB])[.,]?([0-9OolISB]+)E([+\-])([0-9OolISB]{1,3})")
_TRAILING_SPECK = re.compile(r"^(-?\d+[.,]\d+(?:E[+-]\d+)?)[.,:;'`]$")
_A1A3 = re.compile(r"A[1lIiT|!]\s*[-\u2013]\s*A[3S]")


def clean_word(text: str) -> str:
    """Undo OCR's usual misreadings of table cells: bars of the table's rules, '€' for 'E', '4' for '+', letters
    for digits inside a number in E-notation, a lost decimal point ('135E-01': E-notation prints one digit before
    the point), 'AT-A3' for 'A1-A3'."""
    text = _RULES.sub("", text.strip())
    text = _EURO.sub("E", text)
    text = _EXPONENT_PLUS.sub("E+", text)
    m = _E_NOTATION.fullmatch(text)
    if m:
        sign, first, rest, exp_sign, exponent = m.groups()
        sep = next((ch for ch in text if ch in ".,"), ".")
        return f"{sign}{first.translate(_LOOKALIKE)}{sep}{rest.translate(_LOOKALIKE)}E{exp_sign}" \
               f"{exponent.translate(_LOOKALIKE)}"
    if _A1A3.fullmatch(text):
        return "A1-A3"
    if text in ("Al", "AI", "A|"):
        return "A1"  # a module head; 'Al' is no word an EPD's table prints
    # a speck after a decimal number in a cell ('13.02.', '4.05E-08:') is no part of it; '15.' of a date stays
    return _TRAILING_SPECK.sub(r"\1", text)


def words_from_tsv(tsv: str, box: Box, scale: float) -> list[Word]:
    """Turn Tesseract TSV into words in PDF points. Each word is centred on its OCR line and as tall as the
    picture's typical line (or its own line's words, when larger), as text-layer words take their font's box: an
    OCR line's own box holds all its ink (a head over two lines), which would make it overlap the lines next to
    it."""
    rows = [f for f in (r.split("\t") for r in tsv.splitlines()[1:]) if len(f) >= 12]
    lines = {tuple(f[1:5]): (int(f[7]), int(f[7]) + int(f[9])) for f in rows if f[0] == "4"}
    heights = sorted(b - t for t, b in lines.values())
    typical = heights[len(heights) // 2] if heights else 0
    own: dict[tuple[str, ...], list[int]] = {}
    for f in rows:
        if f[0] == "5" and f[11].strip():
            own.setdefault(tuple(f[1:5]), []).append(int(f[9]))
    # a line of large type (a title) keeps its height: the reader looks for the largest words on a cover
    tall = {k: sorted(v)[len(v) // 2] for k, v in own.items()}
    words: list[Word] = []
    for f in rows:
        text = clean_word(f[11])
        if f[0] != "5" or not text or float(f[10]) < 0 or not (text == "-" or any(ch.isalnum() for ch in text)):
            continue
        left, top, width, height = (int(v) for v in f[6:10])
        line_top, line_bottom = lines.get(tuple(f[1:5]), (top, top + height))
        size = max(typical, tall.get(tuple(f[1:5]), 0)) or height
        centre, half = (line_top + line_bottom) / 2, min(size, line_bottom - line_top) / 2
        words.append(Word(text, box[0] + left / scale, box[1] + (centre - half) / scale,
                          box[0] + (left + width) / scale, box[1] + (centre + half) / scale, ocr=True,
                          confidence=float(f[10])))
    return words


def _numeric(text: str) -> bool:
    return value_of(text)[0] in ("number", "blank")


def _label_only(line: Line, values: Line) -> bool:
    """A line of text alone (a row label, its unit) standing left of the values of the line ``values``."""
    return not any(_numeric(w.text) for w in line.words) and any(ch.isalpha() for ch in line.text) \
        and line.x1 <= min(w.x0 for w in values.words)


def _values_only(line: Line) -> bool:
    return sum(_numeric(w.text) for w in line.words) >= 3 and all(_numeric(w.text) for w in line.words)


def label_lines(words: list[Word]) -> list[Word]:
    """Put a row's label on the line of its values when a scanned table prints the values at the top of a tall
    cell and the label at its bottom: the label line then lies as near the next row's values as its own. A label
    joins the values above it when no label stands right above those values (which would make them its own)."""
    lines = group_lines(words)
    moved: dict[int, Word] = {}
    for i in range(1, len(lines)):
        above, line = lines[i - 1], lines[i]
        below = lines[i + 1] if i + 1 < len(lines) else None
        if not _values_only(above) or not _label_only(line, above):
            continue
        if i >= 2 and _label_only(lines[i - 2], above) and id(lines[i - 2].words[0]) not in moved:
            continue  # the label above those values is theirs: this one heads the values below
        gap_above = line.yc - above.yc
        gap_below = below.yc - line.yc if below is not None else float("inf")
        if gap_above <= 1.05 * gap_below and gap_above < 2.5 * (above.bottom - above.top):
            for w in line.words:
                moved[id(w)] = replace(w, top=above.top, bottom=above.bottom)
    return [moved.get(id(w), w) for w in words]


def text_of(words: list[Word]) -> str:
    """The words as lines of text, top to bottom, as a page's text layer reads."""
    return "\n".join(line.text for line in group_lines(words))
