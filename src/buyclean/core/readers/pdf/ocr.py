"""Read what a PDF prints only as pictures with Tesseract OCR, into the same words the text layer gives.

Two kinds of page need it: scans (no text layer at all) and results pages whose tables were pasted in as images.
Finding them is cheap: the text layer says which pages are empty, and image objects' bounds say where the pictures
are. A scan is first read at a low resolution (enough for its prose and dates); only its pages that name a GWP are
read again at full resolution. Pages are rendered under the PDFium lock and recognised outside it, one Tesseract
process per page at once (``OMP_THREAD_LIMIT=1``: Tesseract's own threads make it several times slower on a
loaded machine), within the document's OCR budget.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from buyclean.core.readers.pdf.layout import Line, Word, group_lines
from buyclean.core.readers.pdf.lock import PDFIUM
from buyclean.core.readers.pdf.numbers import value_of

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin

FULL_DPI = 300
SURVEY_DPI = 150  # a scan's first reading: its prose, dates and where its results are
IMAGE_SHARE = 0.25  # pictures covering this share of a page that speaks of results may hold them
SHRINK = 0.12  # of an OCR line's height, off its top and its bottom
MIN_PICTURE_SHARE = 0.04  # smaller pictures (logos, icons) hold no results table
_RESULTS_WORDS = re.compile(r"environmental\s+impact|results|indicator|gwp|global\s+warming|climate\s+change", re.I)
_GWP_WORDS = re.compile(r"gwp|global\s+warming|climate\s+change|co2?\s*-?\s*e", re.I)


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


def read_pictures(data: bytes, *, budget_s: float, max_pages: int, no_text: Callable[[str], bool]) -> OcrReading:
    """OCR the pages of ``data`` that have no text layer and the pictures on results pages, within ``budget_s``."""
    started = time.perf_counter()
    deadline = started + budget_s
    langs = languages()
    if langs is None:
        return OcrReading(problem="OCR is not installed on this server (Tesseract with its English data)")
    with PDFIUM:
        scans, pictures = _survey(data, max_pages, no_text)
    result = OcrReading(scanned=[p.page for p in scans], pictured=sorted({p.page for p in pictures}))
    words = _recognise([*scans, *pictures], langs, deadline)
    # a scan's results pages are read again at full resolution: a table's digits need it, its prose does not
    results = [p.page for p in scans if p.page in words and _GWP_WORDS.search(" ".join(w.text for w in words[p.page]))]
    if results:
        with PDFIUM:
            again = _render_pages(data, results, FULL_DPI)
        words.update(_recognise(again, langs, deadline))
    result.words = words
    result.unread = sorted({p.page for p in [*scans, *pictures]} - set(words))
    result.seconds = time.perf_counter() - started
    if result.unread:
        result.problem = f"OCR stopped after {budget_s:g} s"
    return result


def _survey(data: bytes, max_pages: int, no_text: Callable[[str], bool]) -> tuple[list[Picture], list[Picture]]:
    """Render the pages without a text layer (at SURVEY_DPI) and the pictures of results pages (at FULL_DPI)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return [], []  # the reader proper says why the file cannot be opened
    scans: list[Picture] = []
    pictures: list[Picture] = []
    try:
        if len(doc) > max_pages:
            return [], []
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            text = page.get_textpage().get_text_range()
            if no_text(text):
                scans.append(_render(page, index + 1, None, SURVEY_DPI, scan=True))
                continue
            if not _RESULTS_WORDS.search(text):
                continue
            boxes: list[Box] = []
            for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
                left, bottom, right, top = obj.get_bounds()
                left, right = max(left, 0.0), min(right, width)
                bottom, top = max(bottom, 0.0), min(top, height)
                area = (right - left) * (top - bottom)
                if right > left and top > bottom and area >= MIN_PICTURE_SHARE * width * height:
                    boxes.append((left, height - top, right, height - bottom))
            if sum((b[2] - b[0]) * (b[3] - b[1]) for b in boxes) >= IMAGE_SHARE * width * height:
                pictures += [_render(page, index + 1, box, FULL_DPI, scan=False) for box in boxes]
    finally:
        doc.close()
    return scans, pictures


def _render_pages(data: bytes, numbers: list[int], dpi: int) -> list[Picture]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return [_render(doc[n - 1], n, None, dpi, scan=True) for n in numbers]
    finally:
        doc.close()


def _render(page: Any, number: int, box: Box | None, dpi: int, *, scan: bool) -> Picture:
    width, height = page.get_size()
    x0, top, x1, bottom = box if box is not None else (0.0, 0.0, width, height)
    scale = dpi / 72
    # pdfium crops by the amount to cut from each side: left, bottom, right, top
    bitmap = page.render(scale=scale, grayscale=True, crop=(x0, height - bottom, width - x1, top))
    w, h, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    rows = buffer if stride == w else b"".join(buffer[i * stride:i * stride + w] for i in range(h))
    return Picture(number, (x0, top, x1, bottom), scale, b"P5\n%d %d\n255\n" % (w, h) + rows, scan)


def _recognise(pictures: list[Picture], langs: str, deadline: float) -> dict[int, list[Word]]:
    """OCR the pictures in parallel, one Tesseract process per core; pictures past the deadline are left unread."""
    if not pictures:
        return {}
    out: dict[int, list[Word]] = {}
    with ThreadPoolExecutor(max_workers=max(1, min(len(pictures), os.cpu_count() or 1))) as pool:
        for picture, tsv in zip(pictures, pool.map(lambda p: run_tesseract(p.pgm, langs, p.scale * 72, deadline),
                                                   pictures), strict=True):
            if tsv is not None:
                out.setdefault(picture.page, []).extend(label_lines(words_from_tsv(tsv, picture.box, picture.scale)))
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


# Tesseract's usual misreadings in E-notation ('1,52E400', '3,01EH00', '5,05€-05'), and table rules read as bars
_EXPONENT_PLUS = re.compile(r"(?<=\d)[Ee][4H+](?=\d{1,3}$)")
_EURO = re.compile(r"(?<=\d)[€£](?=[+\-\u2212]?\d|[+\-]$|$)")
_RULES = re.compile(r"^[|\[\]{}]+|[|\[\]{}]+$")


def clean_word(text: str) -> str:
    """Undo OCR's usual misreadings of table cells: bars of the table's rules, '€' for 'E', '4' for '+'."""
    text = _RULES.sub("", text.strip())
    text = _EURO.sub("E", text)
    return _EXPONENT_PLUS.sub("E+", text)


def words_from_tsv(tsv: str, box: Box, scale: float) -> list[Word]:
    """Turn Tesseract TSV into words in PDF points; each word takes its OCR line's top and bottom (trimmed), as
    text-layer words take their font's, so words of one printed line stay on one line."""
    line_boxes: dict[tuple[str, ...], tuple[int, int]] = {}
    words: list[Word] = []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12:
            continue
        key = tuple(f[1:5])
        left, top, width, height = (int(v) for v in f[6:10])
        if f[0] == "4":
            line_boxes[key] = (top, top + height)
            continue
        text = clean_word(f[11])
        if f[0] != "5" or not text or float(f[10]) < 0 or not (text == "-" or any(ch.isalnum() for ch in text)):
            continue
        top_px, bottom_px = line_boxes.get(key, (top, top + height))
        # an OCR line's box holds all its ink, tall heads and descenders: trimmed, it stays clear of the lines
        # next to it, as a font's box does
        trim = SHRINK * (bottom_px - top_px)
        line_top, line_bottom = top_px + trim, bottom_px - trim
        words.append(Word(text, box[0] + left / scale, box[1] + line_top / scale, box[0] + (left + width) / scale,
                          box[1] + line_bottom / scale, ocr=True, confidence=float(f[10])))
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
