"""Two drawing back ends (fpdf2 and a raw reportlab canvas) behind one small interface, plus text and tables.

Coordinates are points from the top-left corner of the page. Text is placed at its baseline.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
LETTER = (612.0, 792.0)

# characters the core (WinAnsi / latin-1) fonts cannot show
CORE_MAP = {"₂": "2", "₃": "3", "≤": "<=", "≥": ">=", "−": "-", "☐": "[ ]", "☒": "[X]", "→": "->", "•": "-",
            "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."}


def core_safe(s: str, latin1_only: bool) -> str:
    for k, v in CORE_MAP.items():
        if latin1_only or k in "₂₃≤≥−☐☒→":
            s = s.replace(k, v)
    return s


class Backend:
    """What a layout may do on a page."""

    width: float
    height: float
    page_no: int
    family: str  # "sans", "serif", "mono", "dejavu", "dejavu_cond"

    def new_page(self, landscape: bool = False) -> None:
        raise NotImplementedError

    def font(self, size: float, bold: bool = False, italic: bool = False, family: str | None = None) -> None:
        raise NotImplementedError

    def text(self, x: float, y: float, s: str) -> None:
        raise NotImplementedError

    def rtext(self, x: float, y: float, s: str, angle: float = 90) -> None:
        raise NotImplementedError

    def width_of(self, s: str) -> float:
        raise NotImplementedError

    def color(self, rgb: tuple[int, int, int]) -> None:
        raise NotImplementedError

    def fill_rect(self, x: float, y: float, w: float, h: float, rgb: tuple[int, int, int]) -> None:
        raise NotImplementedError

    def stroke_rect(self, x: float, y: float, w: float, h: float, lw: float = 0.5) -> None:
        raise NotImplementedError

    def line(self, x1: float, y1: float, x2: float, y2: float, lw: float = 0.5,
             rgb: tuple[int, int, int] = (0, 0, 0)) -> None:
        raise NotImplementedError

    def output(self) -> bytes:
        raise NotImplementedError

    # shared helpers ------------------------------------------------------------------
    def ctext(self, x_center: float, y: float, s: str) -> None:
        self.text(x_center - self.width_of(s) / 2, y, s)

    def right(self, x_right: float, y: float, s: str) -> None:
        self.text(x_right - self.width_of(s), y, s)


class FpdfBackend(Backend):
    def __init__(self, family: str, title: str) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format="letter")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        self.pdf.set_title(title)
        self.pdf.set_producer(" ")
        self.pdf.set_creator("Microsoft Excel" if family == "sans" else "Adobe InDesign 18.0")
        self.family = family
        self.core = family in ("sans", "serif", "mono")
        if not self.core:
            stem = "DejaVuSansCondensed" if family == "dejavu_cond" else "DejaVuSans"
            self.pdf.add_font("dv", "", str(DEJAVU / f"{stem}.ttf"))
            self.pdf.add_font("dv", "B", str(DEJAVU / f"{stem}-Bold.ttf"))
            self.pdf.add_font("dv", "I", str(DEJAVU / f"{stem}-Oblique.ttf"))
            self.pdf.add_font("dv", "BI", str(DEJAVU / f"{stem}-BoldOblique.ttf"))
        self.page_no = 0
        self.width, self.height = LETTER
        self._rgb = (0, 0, 0)

    def _fam(self, family: str | None) -> str:
        fam = family or self.family
        core = {"sans": "helvetica", "serif": "times", "mono": "courier"}
        return core.get(fam, "dv" if not self.core else "helvetica")

    def new_page(self, landscape: bool = False) -> None:
        self.pdf.add_page(orientation="L" if landscape else "P")
        self.page_no += 1
        self.width, self.height = (LETTER[1], LETTER[0]) if landscape else LETTER

    def font(self, size: float, bold: bool = False, italic: bool = False, family: str | None = None) -> None:
        fam = self._fam(family)
        self.pdf.set_font(fam, ("B" if bold else "") + ("I" if italic else ""), size)

    def _s(self, s: str) -> str:
        return core_safe(s, True) if self.pdf.font_family in ("helvetica", "times", "courier") else s

    def text(self, x: float, y: float, s: str) -> None:
        self.pdf.text(x, y, self._s(s))

    def rtext(self, x: float, y: float, s: str, angle: float = 90) -> None:
        with self.pdf.rotation(angle, x, y):
            self.pdf.text(x, y, self._s(s))

    def width_of(self, s: str) -> float:
        return float(self.pdf.get_string_width(self._s(s)))

    def color(self, rgb: tuple[int, int, int]) -> None:
        self.pdf.set_text_color(*rgb)

    def fill_rect(self, x: float, y: float, w: float, h: float, rgb: tuple[int, int, int]) -> None:
        self.pdf.set_fill_color(*rgb)
        self.pdf.rect(x, y, w, h, style="F")

    def stroke_rect(self, x: float, y: float, w: float, h: float, lw: float = 0.5) -> None:
        self.pdf.set_line_width(lw)
        self.pdf.set_draw_color(0, 0, 0)
        self.pdf.rect(x, y, w, h, style="D")

    def line(self, x1: float, y1: float, x2: float, y2: float, lw: float = 0.5,
             rgb: tuple[int, int, int] = (0, 0, 0)) -> None:
        self.pdf.set_line_width(lw)
        self.pdf.set_draw_color(*rgb)
        self.pdf.line(x1, y1, x2, y2)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


_RL_REGISTERED = False


def _rl_register() -> None:
    global _RL_REGISTERED
    if _RL_REGISTERED:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, stem in [("DV", "DejaVuSans"), ("DV-B", "DejaVuSans-Bold"), ("DV-I", "DejaVuSans-Oblique"),
                       ("DV-BI", "DejaVuSans-BoldOblique"), ("DVC", "DejaVuSansCondensed"),
                       ("DVC-B", "DejaVuSansCondensed-Bold"), ("DVC-I", "DejaVuSansCondensed-Oblique"),
                       ("DVC-BI", "DejaVuSansCondensed-BoldOblique")]:
        pdfmetrics.registerFont(TTFont(name, str(DEJAVU / f"{stem}.ttf")))
    _RL_REGISTERED = True


RL_FONTS = {
    "sans": {"": "Helvetica", "B": "Helvetica-Bold", "I": "Helvetica-Oblique", "BI": "Helvetica-BoldOblique"},
    "serif": {"": "Times-Roman", "B": "Times-Bold", "I": "Times-Italic", "BI": "Times-BoldItalic"},
    "mono": {"": "Courier", "B": "Courier-Bold", "I": "Courier-Oblique", "BI": "Courier-BoldOblique"},
    "dejavu": {"": "DV", "B": "DV-B", "I": "DV-I", "BI": "DV-BI"},
    "dejavu_cond": {"": "DVC", "B": "DVC-B", "I": "DVC-I", "BI": "DVC-BI"},
}


class RLBackend(Backend):
    def __init__(self, family: str, title: str) -> None:
        from reportlab.pdfgen import canvas

        if family.startswith("dejavu"):
            _rl_register()
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=LETTER, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setCreator("Adobe InDesign 19.2 (Macintosh)")
        self.family = family
        self.page_no = 0
        self.width, self.height = LETTER
        self._font = ("Helvetica", 10.0)
        self._rgb = (0, 0, 0)

    def new_page(self, landscape: bool = False) -> None:
        if self.page_no:
            self.c.showPage()
        self.page_no += 1
        self.width, self.height = (LETTER[1], LETTER[0]) if landscape else LETTER
        self.c.setPageSize((self.width, self.height))
        self.c.setFont(*self._font)
        self.c.setFillColorRGB(*[v / 255 for v in self._rgb])

    def font(self, size: float, bold: bool = False, italic: bool = False, family: str | None = None) -> None:
        fam = family or self.family
        if fam.startswith("dejavu"):
            _rl_register()
        name = RL_FONTS[fam][("B" if bold else "") + ("I" if italic else "")]
        self._font = (name, size)
        self.c.setFont(name, size)

    def _s(self, s: str) -> str:
        return core_safe(s, False) if not self._font[0].startswith("DV") else s

    def text(self, x: float, y: float, s: str) -> None:
        self.c.drawString(x, self.height - y, self._s(s))

    def rtext(self, x: float, y: float, s: str, angle: float = 90) -> None:
        self.c.saveState()
        self.c.translate(x, self.height - y)
        self.c.rotate(angle)
        self.c.drawString(0, 0, self._s(s))
        self.c.restoreState()

    def width_of(self, s: str) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(stringWidth(self._s(s), *self._font))

    def color(self, rgb: tuple[int, int, int]) -> None:
        self._rgb = rgb
        self.c.setFillColorRGB(*[v / 255 for v in rgb])

    def fill_rect(self, x: float, y: float, w: float, h: float, rgb: tuple[int, int, int]) -> None:
        self.c.saveState()
        self.c.setFillColorRGB(*[v / 255 for v in rgb])
        self.c.rect(x, self.height - y - h, w, h, stroke=0, fill=1)
        self.c.restoreState()

    def stroke_rect(self, x: float, y: float, w: float, h: float, lw: float = 0.5) -> None:
        self.c.setLineWidth(lw)
        self.c.rect(x, self.height - y - h, w, h, stroke=1, fill=0)

    def line(self, x1: float, y1: float, x2: float, y2: float, lw: float = 0.5,
             rgb: tuple[int, int, int] = (0, 0, 0)) -> None:
        self.c.saveState()
        self.c.setLineWidth(lw)
        self.c.setStrokeColorRGB(*[v / 255 for v in rgb])
        self.c.line(x1, self.height - y1, x2, self.height - y2)
        self.c.restoreState()

    def output(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


# ---------------------------------------------------------------- text blocks


def wrap(b: Backend, s: str, width: float) -> list[str]:
    lines: list[str] = []
    for para in s.split("\n"):
        cur = ""
        for word in para.split(" "):
            trial = f"{cur} {word}" if cur else word
            if b.width_of(trial) <= width or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = word
        lines.append(cur)
    return lines


def paragraph(b: Backend, x: float, y: float, width: float, s: str, size: float, leading: float | None = None,
              bold: bool = False, italic: bool = False, justify: bool = False) -> float:
    """Draw wrapped text starting with its first baseline at ``y``; return the y below the block."""
    b.font(size, bold, italic)
    lead = leading or size * 1.3
    lines = wrap(b, s, width)
    for i, ln in enumerate(lines):
        words = ln.split(" ")
        if justify and i < len(lines) - 1 and len(words) > 3:
            # every word placed on its own, as page-layout programs do
            total = sum(b.width_of(w) for w in words)
            gap = (width - total) / (len(words) - 1)
            xx = x
            for w in words:
                b.text(xx, y, w)
                xx += b.width_of(w) + gap
        else:
            b.text(x, y, ln)
        y += lead
    return y


# ---------------------------------------------------------------- tables


@dataclass
class Col:
    head: list[str]
    align: str = "R"  # "L", "R", "C"
    min_width: float = 0.0
    rotate_head: bool = False


@dataclass
class Cell:
    text: str
    tag: Any = None
    bold: bool = False
    sup: str = ""  # a footnote mark drawn small and raised after the text


@dataclass
class TableStyle:
    kind: str = "grid"  # grid, booktabs, banded, minimal
    size: float = 7.5
    head_size: float | None = None
    head_fill: tuple[int, int, int] = (220, 220, 220)
    head_text: tuple[int, int, int] = (0, 0, 0)
    band_fill: tuple[int, int, int] = (242, 242, 242)
    repeat_head: bool = True
    row_pad: float = 3.0
    caption_cont: str = ""  # printed above a continued table ("Table 4 (continued)")


@dataclass
class TableState:
    tags: dict[Any, int] = field(default_factory=dict)
    y: float = 0.0


def _fit_widths(b: Backend, cols: list[Col], rows: list[list[Cell]], style: TableStyle, avail: float,
                groups: list[tuple[int, int, str]]) -> tuple[list[float], float]:
    size = style.size
    while True:
        b.font(size)
        widths = []
        for ci, c in enumerate(cols):
            w = c.min_width
            hs = style.head_size or size
            b.font(hs, bold=True)
            if c.rotate_head:
                w = max(w, hs * 1.3 * len(c.head) + 4)
            else:
                for h in c.head:
                    w = max(w, b.width_of(h) + 6)
            b.font(size)
            for r in rows:
                cell = r[ci]
                b.font(size, bold=cell.bold)
                w = max(w, b.width_of(cell.text) + 6 + (b.width_of(cell.sup) * 0.7 if cell.sup else 0))
            widths.append(w)
        for start, span, text in groups:
            b.font(style.head_size or size, bold=True)
            need = b.width_of(text) + 8
            have = sum(widths[start:start + span])
            if need > have:
                for k in range(start, start + span):
                    widths[k] += (need - have) / span
        total = sum(widths)
        if total <= avail or size <= 5.0:
            if total < avail * 0.7:
                return [w * (avail * 0.8 / total) for w in widths], size
            return widths, size
        size -= 0.5


def draw_table(b: Backend, x: float, y: float, avail: float, cols: list[Col], rows: list[list[Cell]],
               style: TableStyle, state: TableState, bottom: float, new_page: Any,
               groups: list[tuple[int, int, str]] | None = None, fill_width: bool = False) -> float:
    """Draw a table, breaking onto new pages (``new_page()`` returns the y to continue at); return y after it."""
    groups = groups or []
    widths, size = _fit_widths(b, cols, rows, style, avail, groups)
    if fill_width:
        total = sum(widths)
        widths = [w * avail / total for w in widths]
    hs = style.head_size or size
    tw = sum(widths)
    row_h = size + 2 * style.row_pad + 1
    head_lines = max(len(c.head) for c in cols)
    rot_h = 0.0
    for c in cols:
        if c.rotate_head:
            b.font(hs, bold=True)
            rot_h = max(rot_h, max(b.width_of(h) for h in c.head) + 8)
    head_h = max(head_lines * (hs * 1.15) + 2 * style.row_pad, rot_h)
    group_h = (hs * 1.2 + 2 * style.row_pad) if groups else 0.0

    def head(y0: float) -> float:
        xs = [x + sum(widths[:i]) for i in range(len(widths))]
        if style.kind == "booktabs":
            b.line(x, y0, x + tw, y0, 1.2)
        if style.kind in ("grid", "banded"):
            b.fill_rect(x, y0, tw, group_h + head_h, style.head_fill)
        b.color(style.head_text if style.kind in ("grid", "banded") else (0, 0, 0))
        b.font(hs, bold=True)
        if groups:
            for start, span, text in groups:
                gx = xs[start]
                gw = sum(widths[start:start + span])
                b.ctext(gx + gw / 2, y0 + style.row_pad + hs, text)
                if style.kind in ("booktabs", "minimal"):
                    b.line(gx + 3, y0 + group_h - 1, gx + gw - 3, y0 + group_h - 1, 0.5)
                elif style.kind == "grid":
                    b.stroke_rect(gx, y0, gw, group_h, 0.5)
        yh = y0 + group_h
        for i, c in enumerate(cols):
            if c.rotate_head:
                for k, h in enumerate(c.head):
                    b.rtext(xs[i] + widths[i] / 2 + hs * 0.35 + (k - (len(c.head) - 1) / 2) * hs * 1.2,
                            yh + head_h - 4, h)
            else:
                top = yh + style.row_pad + hs + (head_h - 2 * style.row_pad - len(c.head) * hs * 1.15)
                for k, h in enumerate(c.head):
                    ty = top + k * hs * 1.15
                    if c.align == "L":
                        b.text(xs[i] + 3, ty, h)
                    elif c.align == "R":
                        b.right(xs[i] + widths[i] - 3, ty, h)
                    else:
                        b.ctext(xs[i] + widths[i] / 2, ty, h)
            if style.kind == "grid":
                b.stroke_rect(xs[i], yh, widths[i], head_h, 0.5)
        b.color((0, 0, 0))
        y1 = yh + head_h
        if style.kind in ("booktabs", "minimal", "banded"):
            b.line(x, y1, x + tw, y1, 0.6 if style.kind == "booktabs" else 0.8)
        return y1

    y = head(y)
    for ri, r in enumerate(rows):
        if y + row_h > bottom:
            if style.kind == "booktabs":
                b.line(x, y, x + tw, y, 1.2)
            y = new_page()
            if style.caption_cont:
                b.font(style.size + 1, italic=True)
                b.text(x, y, style.caption_cont)
                y += style.size + 6
            if style.repeat_head:
                y = head(y)
        if style.kind == "banded" and ri % 2 == 1:
            b.fill_rect(x, y, tw, row_h, style.band_fill)
        xx = x
        base = y + style.row_pad + size
        for ci, cell in enumerate(r):
            b.font(size, bold=cell.bold)
            w = widths[ci]
            al = cols[ci].align
            supw = b.width_of(cell.sup) * 0.7 if cell.sup else 0.0
            if al == "L":
                tx = xx + 3
            elif al == "R":
                tx = xx + w - 3 - b.width_of(cell.text) - supw
            else:
                tx = xx + (w - b.width_of(cell.text) - supw) / 2
            b.text(tx, base, cell.text)
            if cell.sup:
                tw_cell = b.width_of(cell.text)
                b.font(size * 0.65)
                b.text(tx + tw_cell + 0.5, base - size * 0.4, cell.sup)
            if cell.tag is not None:
                state.tags.setdefault(cell.tag, b.page_no)
            if style.kind == "grid":
                b.stroke_rect(xx, y, w, row_h, 0.4)
            xx += w
        y += row_h
        if style.kind == "minimal":
            b.line(x, y, x + tw, y, 0.25, (150, 150, 150))
    if style.kind in ("booktabs", "banded"):
        b.line(x, y, x + tw, y, 1.2 if style.kind == "booktabs" else 0.8)
    state.y = y
    return y
