"""A small raw PDF writer for devgen_h: standard-14 fonts, WinAnsiEncoding, AFM widths.

Three production styles imitate how real PDFs come out of office and layout tools:
- "word": one BT per line, cells placed with Td moves like tab stops, no rules (pseudo-tables);
- "indesign": every cell (and often every word) its own positioned text object, cells emitted column by column,
  hairlines between rows and a filled head;
- "excel": a grid of stroked cells, filled head, right-aligned numbers, wrapped text cells.
"""

from __future__ import annotations

import zlib

from pdfminer.fontmetrics import FONT_METRICS

from .blocks import KV, Cell, Heading, Headline, PageBreak, Pair, Para, Table

W, H = 612.0, 792.0
FAMILIES = {
    "helv": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "times": ("Times-Roman", "Times-Bold", "Times-Italic"),
}


def text_width(s: str, font: str, size: float) -> float:
    widths = FONT_METRICS[font][1]
    return sum(widths.get(ch, 556) for ch in s) * size / 1000.0


def esc(s: str) -> str:
    b = s.encode("cp1252", errors="replace")
    out = []
    for c in b:
        if c in (0x28, 0x29, 0x5C):
            out.append("\\" + chr(c))
        elif c < 32 or c > 126:
            out.append(f"\\{c:03o}")
        else:
            out.append(chr(c))
    return "".join(out)


def wrap(s: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for para in s.split("\n"):
        cur = ""
        for w in para.split(" "):
            t = (cur + " " + w) if cur else w
            if cur and text_width(t, font, size) > width:
                lines.append(cur)
                cur = w
            else:
                cur = t
        lines.append(cur)
    return lines


class RawRenderer:
    def __init__(self, r, style: str, family: str, size: float, header: str, footer: str, accent):
        self.r = r
        self.style = style
        self.fonts = FAMILIES[family]
        self.size = size
        self.header = header
        self.footer = footer  # format with {p} and {n}
        self.accent = accent
        self.margin = r.choice([48.0, 54.0, 60.0, 72.0])
        self.pages: list[list[str]] = []
        self.marks: dict[int, int] = {}
        self.y = 0.0
        self.split_words = style == "indesign" and r.random() < 0.7
        self.new_page()

    # ------------------------------------------------------------ primitives
    def fname(self, bold=False, italic=False):
        return self.fonts[1] if bold else (self.fonts[2] if italic else self.fonts[0])

    def fref(self, bold=False, italic=False):
        return "/F2" if bold else ("/F3" if italic else "/F1")

    def new_page(self):
        self.pages.append([])
        self.y = H - self.margin - 18

    def ops(self, s: str):
        self.pages[-1].append(s)

    def text(self, x, y, s, size=None, bold=False, italic=False, color=None):
        size = size or self.size
        if not s:
            return
        col = "{:.3f} {:.3f} {:.3f} rg ".format(*color) if color else ""
        f = self.fref(bold, italic)
        if self.split_words and " " in s:
            # InDesign-like: each word a separate positioned run, TJ with small kerning inside words
            cx = x
            parts = []
            for w in s.split(" "):
                if len(w) > 4 and not any(c.isdigit() for c in w) and self.r.random() < 0.3:
                    k = len(w) // 2
                    run = f"[({esc(w[:k])}) {self.r.choice([-8, 10, 15])} ({esc(w[k:])})] TJ"
                else:
                    run = f"({esc(w)}) Tj"
                parts.append(f"1 0 0 1 {cx:.2f} {y:.2f} Tm {run}")
                cx += text_width(w + " ", self.fname(bold, italic), size)
            self.ops(f"BT {col}{f} {size:g} Tf " + " ".join(parts) + " ET" + (" 0 g" if color else ""))
        else:
            self.ops(f"BT {col}{f} {size:g} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({esc(s)}) Tj ET" + (" 0 g" if color else ""))

    def line(self, x1, y1, x2, y2, w=0.5, color=(0, 0, 0)):
        self.ops(
            "{:.3f} {:.3f} {:.3f} RG {:.2f} w {:.2f} {:.2f} m {:.2f} {:.2f} l S 0 0 0 RG".format(
                *color, w, x1, y1, x2, y2
            )
        )

    def rect(self, x, y, w, h, fill=None, stroke=None, lw=0.5):
        s = ""
        if fill:
            s += "{:.3f} {:.3f} {:.3f} rg ".format(*fill)
        if stroke:
            s += "{:.3f} {:.3f} {:.3f} RG {:.2f} w ".format(*stroke, lw)
        op = "B" if fill and stroke else ("f" if fill else "S")
        self.ops(s + f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re {op} 0 g 0 G")

    def need(self, h):
        if self.y - h < self.margin + 16:
            self.new_page()

    @property
    def cw(self):
        return W - 2 * self.margin

    # ------------------------------------------------------------ blocks
    def render(self, blocks) -> tuple[bytes, dict[int, int], int]:
        for b in blocks:
            if isinstance(b, Heading):
                self.heading(b)
            elif isinstance(b, Para):
                self.para(b)
            elif isinstance(b, KV):
                self.kv(b)
            elif isinstance(b, Table):
                self.table(b, self.margin, self.cw)
            elif isinstance(b, Pair):
                self.pair(b)
            elif isinstance(b, Headline):
                self.headline(b)
            elif isinstance(b, PageBreak) and self.pages[-1]:
                self.new_page()
        if not self.pages[-1]:
            self.pages.pop()
        n = len(self.pages)
        for i, ops in enumerate(self.pages):
            self.pages[i] = ops
            ops.insert(0, "")
            hdr = []
            fs = self.size - 1
            hdr.append(
                f"BT /F1 {fs:g} Tf 1 0 0 1 {self.margin:.2f} {H - self.margin + 14:.2f} Tm ({esc(self.header)}) Tj ET"
            )
            foot = self.footer.format(p=i + 1, n=n)
            fx = W - self.margin - text_width(foot, self.fonts[0], fs)
            hdr.append(f"BT /F1 {fs:g} Tf 1 0 0 1 {fx:.2f} {self.margin - 20:.2f} Tm ({esc(foot)}) Tj ET")
            if self.style != "word":
                hdr.append(
                    "{:.3f} {:.3f} {:.3f} RG 0.8 w {:.2f} {:.2f} m {:.2f} {:.2f} l S 0 G".format(
                        *self.accent, self.margin, H - self.margin + 10, W - self.margin, H - self.margin + 10
                    )
                )
            # footers first in the stream for Word (as Word emits headers/footers before the body), last otherwise
            if self.style == "word":
                ops[0] = "\n".join(hdr)
            else:
                ops.append("\n".join(hdr))
        return self.write(), self.marks, n

    def heading(self, b: Heading):
        size = self.size + (6 if b.level == 1 else 2.5)
        self.need(size * 2.6)
        self.y -= size * 0.6
        color = self.accent if self.style != "word" else None
        for ln in wrap(b.text, self.fname(True), size, self.cw):
            self.y -= size * 1.2
            self.text(self.margin, self.y, ln, size=size, bold=True, color=color)
        self.y -= size * 0.5

    def para(self, b: Para):
        size = self.size - (1.5 if b.small else 0)
        lines = wrap(b.text, self.fname(italic=b.italic), size, self.cw)
        lead = size * 1.3
        self.need(lead * len(lines) + 4)
        if b.mark is not None:
            self.marks.setdefault(b.mark, len(self.pages))
        for ln in lines:
            self.y -= lead
            self.text(self.margin, self.y, ln, size=size, italic=b.italic)
        self.y -= lead * 0.6

    def kv(self, b: KV):
        lead = self.size * 1.35
        lw = self.cw * (0.38 if b.style == "table" else 0.0)
        for label, value in b.pairs:
            if b.style == "colon":
                lines = wrap(f"{label}: {value}", self.fname(), self.size, self.cw)
                self.need(lead * len(lines))
                for k, ln in enumerate(lines):
                    self.y -= lead
                    if k == 0:
                        lab = label + ":"
                        self.text(self.margin, self.y, lab, bold=True)
                        rest = ln[len(lab) :].strip()
                        self.text(self.margin + text_width(lab + " ", self.fname(True), self.size), self.y, rest)
                    else:
                        self.text(self.margin, self.y, ln)
                continue
            ll = wrap(label, self.fname(True), self.size, lw - 8)
            vl = wrap(value, self.fname(), self.size, self.cw - lw)
            n = max(len(ll), len(vl))
            self.need(lead * n + 3)
            top = self.y
            for k in range(n):
                self.y -= lead
                if k < len(ll):
                    self.text(self.margin, self.y, ll[k], bold=True)
                if k < len(vl):
                    self.text(self.margin + lw, self.y, vl[k])
            if self.style == "excel":
                self.line(self.margin, self.y - 3, self.margin + self.cw, self.y - 3, 0.3, (0.6, 0.6, 0.6))
            self.y -= 3
            del top
        self.y -= lead * 0.5

    def headline(self, b: Headline):
        bh = 62
        self.need(bh + 12)
        self.y -= 8
        self.rect(self.margin, self.y - bh, self.cw * 0.55, bh, fill=(0.93, 0.95, 0.97), stroke=self.accent, lw=1.2)
        self.text(self.margin + 10, self.y - 18, b.small, size=self.size, bold=True)
        self.text(self.margin + 10, self.y - 46, b.big, size=22, bold=True, color=self.accent)
        if b.mark is not None:
            self.marks.setdefault(b.mark, len(self.pages))
        self.y -= bh + 10

    # ------------------------------------------------------------ tables
    def _layout(self, t: Table, width: float, size: float):
        tot = sum(t.widths)
        cols = [w / tot * width for w in t.widths]
        pad = 2.5

        def cell_lines(c: Cell, ci: int):
            w = sum(cols[ci : ci + c.span]) - 2 * pad
            if c.align == "r" and text_width(c.text, self.fname(c.bold), size) <= w + 2 * pad:
                return [c.text]
            return wrap(c.text, self.fname(c.bold), size, w)

        def row_lines(row):
            out, ci = [], 0
            for c in row:
                out.append((ci, c, cell_lines(c, ci)))
                ci += c.span
            return out

        return cols, pad, row_lines

    def table(self, t: Table, x0: float, width: float, draw_caption=True):
        size = self.size - (1.5 if t.small else 0.5)
        lead = size * 1.22
        cols, pad, row_lines = self._layout(t, width, size)
        xs = [x0]
        for c in cols:
            xs.append(xs[-1] + c)
        head = [row_lines(r) for r in t.head]
        head_h = [max(len(ln) for _, _, ln in r) * lead + 2 * pad + 1 for r in head]
        body = [row_lines(r) for r in t.rows]
        if draw_caption and t.caption:
            self.need(lead * 3 + sum(head_h) + 20)
            self.y -= lead * 1.3
            self.text(x0, self.y, t.caption, size=size + 0.5, bold=True)
            self.y -= 4
        else:
            self.need(sum(head_h) + 30)

        def draw_head():
            for r, h in zip(head, head_h, strict=False):
                self.draw_row(r, xs, h, size, lead, pad, head=True)

        draw_head()
        for ri, r in enumerate(body):
            h = max(len(ln) for _, _, ln in r) * lead + 2 * pad + 1
            if self.y - h < self.margin + 16:
                self.new_page()
                if t.repeat_head:
                    draw_head()
            self.draw_row(r, xs, h, size, lead, pad, head=False, stripe=ri % 2 == 1)
        for note in t.notes:
            for ln in wrap(note, self.fname(), size - 1, width):
                self.need(lead)
                self.y -= lead
                self.text(x0, self.y, ln, size=size - 1)
        self.y -= lead

    def draw_row(self, r, xs, h, size, lead, pad, head, stripe=False):
        top = self.y
        x0, x1 = xs[0], xs[-1]
        st = self.style
        white = head and st == "indesign"
        if head and st in ("excel", "indesign"):
            fill = (0.85, 0.85, 0.85) if st == "excel" else self.accent
            self.rect(x0, top - h, x1 - x0, h, fill=fill)
        elif stripe and st == "indesign":
            self.rect(x0, top - h, x1 - x0, h, fill=(0.95, 0.96, 0.97))
        order = list(r)
        if st == "indesign" and not head:
            order = sorted(order, key=lambda t: (t[1].align != "l", t[0]))
        for ci, c, lines in order:
            cx0, cx1 = xs[ci], xs[ci + c.span]
            for k, ln in enumerate(lines):
                ty = top - pad - (k + 1) * lead + lead * 0.22
                fn = self.fname(c.bold or head)
                if c.align == "r":
                    tx = cx1 - pad - text_width(ln, fn, size)
                elif c.align == "c":
                    tx = (cx0 + cx1 - text_width(ln, fn, size)) / 2
                else:
                    tx = cx0 + pad
                self.text(tx, ty, ln, size=size, bold=c.bold or head, color=(1, 1, 1) if white else None)
            if c.mark is not None:
                self.marks.setdefault(c.mark, len(self.pages))
            if st == "excel":
                self.rect(cx0, top - h, cx1 - cx0, h, stroke=(0.3, 0.3, 0.3), lw=0.4)
        if st == "indesign":
            self.line(x0, top - h, x1, top - h, 0.3, (0.6, 0.6, 0.6))
        elif st == "word" and head:
            self.line(x0, top - h, x1, top - h, 0.6)
        self.y = top - h

    def pair(self, b: Pair):
        gap = 14
        w = (self.cw - gap) / 2
        est = (len(b.left.rows) + len(b.left.head) * 3 + 4) * self.size * 1.4
        self.need(est)
        y0 = self.y
        page0 = len(self.pages)
        self.table(b.left, self.margin, w)
        y_left = self.y
        assert len(self.pages) == page0
        self.y = y0
        self.table(b.right, self.margin + w + gap, w)
        self.y = min(self.y, y_left)

    # ------------------------------------------------------------ file
    def write(self) -> bytes:
        compress = self.r.random() < 0.6
        objs: list[bytes] = []

        def add(b: bytes) -> int:
            objs.append(b)
            return len(objs)

        add(b"")  # 1 catalog placeholder
        add(b"")  # 2 pages placeholder
        fonts = []
        for name in self.fonts:
            fonts.append(
                add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>".encode())
            )
        res = f"<< /Font << /F1 {fonts[0]} 0 R /F2 {fonts[1]} 0 R /F3 {fonts[2]} 0 R >> >>"
        kids = []
        for ops in self.pages:
            data = "\n".join(ops).encode("latin-1")
            if compress:
                data = zlib.compress(data)
                cs = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
            else:
                cs = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
            kids.append(
                add(
                    f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {W:g} {H:g}] /Resources {res} "
                    f"/Contents {cs} 0 R >>".encode()
                )
            )
        objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
        kid_refs = " ".join(f"{k} 0 R" for k in kids)
        objs[1] = f"<< /Type /Pages /Kids [{kid_refs}] /Count {len(kids)} >>".encode()
        info = add(
            b"<< /Producer ("
            + self.r.choice(
                [
                    b"Microsoft\\256 Word for Microsoft 365",
                    b"Adobe PDF Library 17.0",
                    b"Microsoft\\256 Excel\\256 2016",
                    b"Acrobat Distiller 23.0",
                ]
            )
            + b") >>"
        )
        out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
        offs = []
        for i, o in enumerate(objs, 1):
            offs.append(len(out))
            out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
        for o in offs:
            out += b"%010d 00000 n \n" % o
        out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objs) + 1,
            info,
            xref,
        )
        return bytes(out)
