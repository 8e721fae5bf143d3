"""A small raw PDF writer: standard 14 fonts (WinAnsiEncoding), text, lines, rectangles.

Text can be emitted the way different producers do it: a whole string in one ``Tj`` (word processors), word by
word, as ``TJ`` arrays with kerning numbers (layout programs), character by character with absolute text matrices
(PostScript converters), or with a unit font size scaled by the text matrix. Widths come from the AFM metrics of
the standard fonts (ASCII only), so tables line up.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field

_ASCII = "".join(chr(c) for c in range(32, 127))

# AFM advance widths (1/1000 em) for ASCII 32..126 of the standard fonts.
_HELV = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip
_HELV_B = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
]  # fmt: skip
_TIMES = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
]  # fmt: skip
_TIMES_B = [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
]  # fmt: skip

WIDTHS: dict[str, dict[str, int]] = {
    "Helvetica": dict(zip(_ASCII, _HELV, strict=True)),
    "Helvetica-Bold": dict(zip(_ASCII, _HELV_B, strict=True)),
    "Times-Roman": dict(zip(_ASCII, _TIMES, strict=True)),
    "Times-Bold": dict(zip(_ASCII, _TIMES_B, strict=True)),
    "Courier": dict.fromkeys(_ASCII, 600),
    "Courier-Bold": dict.fromkeys(_ASCII, 600),
}
BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}
BOLD.update({v: v for v in list(BOLD.values())})

TEXT_MODES = ("line", "word", "kern", "char", "matrix")  # "glyph" too, for prose (see Flow.prose_mode)


def width(text: str, font: str, size: float) -> float:
    table = WIDTHS[font]
    return sum(table.get(ch, 556) for ch in text) * size / 1000.0


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _n(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@dataclass
class Page:
    width: float
    height: float
    ops: list[str] = field(default_factory=list)


class Writer:
    """Collects pages and emits a PDF file. ``mode`` picks how text is written (see TEXT_MODES)."""

    def __init__(self, rng: random.Random, *, producer: str, compress: bool, font_prefix: str) -> None:
        self.rng = rng
        self.pages: list[Page] = []
        self.producer = producer
        self.compress = compress
        self.font_prefix = font_prefix
        self.fonts: dict[str, str] = {}
        self.mode = "line"
        self.title = ""

    def add_page(self, w: float = 612.0, h: float = 792.0) -> Page:
        page = Page(w, h)
        self.pages.append(page)
        return page

    def _font(self, font: str) -> str:
        if font not in self.fonts:
            self.fonts[font] = f"{self.font_prefix}{len(self.fonts) + 1}"
        return self.fonts[font]

    # -- drawing -----------------------------------------------------------------------------------------------
    def rect(self, page: Page, x: float, y: float, w: float, h: float, *, fill: float | None = None,
             stroke: float | None = None, lw: float = 0.5) -> None:
        ops = ["q"]
        if fill is not None:
            ops.append(f"{_n(fill)} g")
        if stroke is not None:
            ops.append(f"{_n(stroke)} G {_n(lw)} w")
        paint = "B" if fill is not None and stroke is not None else ("f" if fill is not None else "S")
        ops.append(f"{_n(x)} {_n(y)} {_n(w)} {_n(h)} re {paint} Q")
        page.ops.append(" ".join(ops))

    def color_rect(self, page: Page, x: float, y: float, w: float, h: float, rgb: tuple[float, float, float]) -> None:
        r, g, b = rgb
        page.ops.append(f"q {_n(r)} {_n(g)} {_n(b)} rg {_n(x)} {_n(y)} {_n(w)} {_n(h)} re f Q")

    def line(self, page: Page, x1: float, y1: float, x2: float, y2: float, *, lw: float = 0.5,
             gray: float = 0.0) -> None:
        page.ops.append(f"q {_n(gray)} G {_n(lw)} w {_n(x1)} {_n(y1)} m {_n(x2)} {_n(y2)} l S Q")

    def text_width(self, text: str, font: str, size: float) -> float:
        return width(text, font, size)

    def text(self, page: Page, x: float, y: float, text: str, *, font: str = "Helvetica", size: float = 9.0,
             align: str = "l", gray: float = 0.0, rgb: tuple[float, float, float] | None = None,
             mode: str | None = None, rise: float = 0.0) -> float:
        """Draw ``text`` with its baseline at y, anchored at x per ``align``; returns the drawn width."""
        text = text.encode("latin-1", "replace").decode("latin-1")
        mode = mode or self.mode
        fname = self._font(font)
        # kerning arrays change the advance, so build them first and measure the real width
        kern: list[tuple[str, int]] = []
        w = width(text, font, size)
        if mode in ("kern", "char"):
            chunks: list[tuple[str, int]] = []
            buf = ""
            for i, ch in enumerate(text):
                buf += ch
                if mode == "char" and i < len(text) - 1:  # PostScript converters: a number after every glyph
                    chunks.append((buf, self.rng.choice((-2, -1, 0, 0, 1, 2))))
                    buf = ""
                elif i < len(text) - 1 and self.rng.random() < 0.35:
                    chunks.append((buf, self.rng.choice((-18, -12, -7, 5, 9, 15, 20))))
                    buf = ""
            chunks.append((buf, 0))
            kern = chunks
            w -= sum(k for _, k in chunks) * size / 1000.0
        if align == "r":
            x -= w
        elif align == "c":
            x -= w / 2
        color = f"{_n(rgb[0])} {_n(rgb[1])} {_n(rgb[2])} rg" if rgb else f"{_n(gray)} g"
        y += rise
        if mode == "line":
            body = f"/{fname} {_n(size)} Tf {_n(x)} {_n(y)} Td ({_esc(text)}) Tj"
        elif mode == "matrix":
            body = f"/{fname} 1 Tf {_n(size)} 0 0 {_n(size)} {_n(x)} {_n(y)} Tm ({_esc(text)}) Tj"
        elif mode in ("kern", "char"):
            sep = "" if mode == "char" else " "
            arr = sep.join(f"({_esc(c)}){sep}{k}" if (k or mode == "char") else f"({_esc(c)})" for c, k in kern)
            body = f"/{fname} {_n(size)} Tf {_n(x)} {_n(y)} Td [{arr}] TJ"
        elif mode == "word":
            parts = [f"/{fname} {_n(size)} Tf {_n(x)} {_n(y)} Td"]
            words = text.split(" ")
            for i, word in enumerate(words):
                if word:
                    parts.append(f"({_esc(word)}) Tj")
                if i < len(words) - 1:
                    parts.append(f"{_n(width(word + ' ', font, size))} 0 Td")
            body = " ".join(parts)
        else:  # glyph: every glyph placed with its own text matrix (used for prose only)
            parts = [f"/{fname} {_n(size)} Tf"]
            cx = x
            for ch in text:
                if ch != " ":
                    parts.append(f"1 0 0 1 {cx:.3f} {_n(y)} Tm ({_esc(ch)}) Tj")
                cx += width(ch, font, size)
            body = " ".join(parts)
        page.ops.append(f"BT {color} {body} ET")
        return w

    # -- output ------------------------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        objs: list[bytes] = []

        def add(data: bytes) -> int:
            objs.append(data)
            return len(objs)

        catalog = add(b"")
        pages_id = add(b"")
        font_ids = {}
        for font, name in self.fonts.items():
            font_ids[name] = add(
                f"<< /Type /Font /Subtype /Type1 /BaseFont /{font} /Encoding /WinAnsiEncoding >>".encode()
            )
        fres = " ".join(f"/{n} {i} 0 R" for n, i in font_ids.items())
        kids = []
        for page in self.pages:
            raw = "\n".join(page.ops).encode("latin-1")
            if self.compress:
                data = zlib.compress(raw)
                content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
                              + b"\nendstream")
            else:
                content = add(b"<< /Length %d >>\nstream\n" % len(raw) + raw + b"\nendstream")
            kids.append(add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {_n(page.width)} {_n(page.height)}] "
                f"/Resources << /Font << {fres} >> /ProcSet [/PDF /Text] >> /Contents {content} 0 R >>".encode()
            ))
        objs[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
        objs[pages_id - 1] = (
            f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
        )
        info = add(f"<< /Producer ({_esc(self.producer)}) /Title ({_esc(self.title)}) >>".encode("latin-1"))
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, data in enumerate(objs, 1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + data + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
        for off in offsets:
            out += f"{off:010d} 00000 n \n".encode()
        out += f"trailer\n<< /Size {len(objs) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n".encode()
        out += f"startxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)
