"""A small flowing layout engine with three back ends (reportlab canvas, fpdf2, a hand-written PDF writer).

The engine places text with the core Helvetica metrics, paginates, and records on which page each tagged cell
was drawn, so the generator knows the page of every printed GWP value.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

FONTS = {False: "Helvetica", True: "Helvetica-Bold"}
LETTER = (612.0, 792.0)


def sw(s: str, size: float, bold: bool = False) -> float:
    return stringWidth(s, FONTS[bold], size)


@dataclass
class Cell:
    text: str
    tag: object = None
    bold: bool = False


@dataclass
class Col:
    head: list[str]
    align: str = "r"


class Flow:
    def __init__(self, landscape: bool = False, header: tuple[str, str] = ("", ""), footer: str = "") -> None:
        self.W, self.H = (LETTER[1], LETTER[0]) if landscape else LETTER
        self.m = 48.0
        self.top = self.H - 62
        self.bottom = 58.0
        self.pages: list[list[tuple]] = [[]]
        self.y = self.top
        self.marks: dict[object, int] = {}
        self.header = header
        self.footer = footer

    @property
    def width(self) -> float:
        return self.W - 2 * self.m

    @property
    def page_no(self) -> int:
        return len(self.pages)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def room(self, h: float) -> None:
        if self.y - h < self.bottom:
            self.new_page()

    def mark(self, tag: object) -> None:
        if tag is not None:
            self.marks.setdefault(tag, self.page_no)

    def t(self, x: float, y: float, s: str, size: float, bold: bool = False, tag: object = None) -> None:
        self.pages[-1].append(("t", x, y, s, bold, size))
        self.mark(tag)

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.5) -> None:
        self.pages[-1].append(("l", x1, y1, x2, y2, w))

    def rect(self, x: float, y: float, w: float, h: float, fill: float | None = None, stroke: bool = True) -> None:
        self.pages[-1].append(("r", x, y, w, h, fill, stroke))

    def space(self, h: float) -> None:
        self.y -= h

    def heading(self, s: str, size: float = 13, bar: bool = False) -> None:
        self.room(size * 3.5)
        self.y -= size * 1.4
        if bar:
            self.rect(self.m, self.y - 4, self.width, size + 7, fill=0.85, stroke=False)
        self.t(self.m + (4 if bar else 0), self.y, s, size, True)
        self.y -= size * 0.7

    def wrap(self, s: str, size: float, width: float, bold: bool = False) -> list[str]:
        lines: list[str] = []
        cur = ""
        for word in s.split(" "):
            trial = (cur + " " + word) if cur else word
            if sw(trial, size, bold) <= width or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = word
        if cur:
            lines.append(cur)
        return lines

    def para(self, s: str, size: float = 9, bold: bool = False, tag: object = None, x0: float = 0) -> None:
        for ln in self.wrap(s, size, self.width - x0, bold):
            self.room(size * 1.35)
            self.y -= size * 1.35
            self.t(self.m + x0, self.y, ln, size, bold, tag)
        self.y -= size * 0.5

    def kv(self, rows: list[tuple[str, str]], lw: float = 180, size: float = 8.5, upper: bool = False) -> None:
        """Label / value rows, labels in a shaded left column (UL / SCS cover tables)."""
        for label, value in rows:
            lab = label.upper() if upper else label
            llines = self.wrap(lab, size, lw - 8, True)
            vlines = self.wrap(value, size, self.width - lw - 10)
            n = max(len(llines), len(vlines))
            h = n * size * 1.3 + 6
            self.room(h)
            top = self.y
            self.rect(self.m, top - h, lw, h, fill=0.92, stroke=False)
            self.line(self.m, top - h, self.m + self.width, top - h, 0.3)
            for i, ln in enumerate(llines):
                self.t(self.m + 4, top - 3 - (i + 1) * size * 1.2, ln, size, True)
            for i, ln in enumerate(vlines):
                self.t(self.m + lw + 6, top - 3 - (i + 1) * size * 1.2, ln, size)
            self.y = top - h
        self.y -= 6

    def box(self, title: str, lines: list[tuple[str, Cell | str]], size: float = 10) -> None:
        """A framed summary box; each line is a label and a value (the value may carry a tag)."""
        h = (len(lines) + 1) * size * 1.6 + 12
        self.room(h + 10)
        top = self.y - 6
        self.rect(self.m, top - h, self.width, h, fill=0.95, stroke=True)
        self.rect(self.m, top - size * 1.8, self.width, size * 1.8, fill=0.25, stroke=False)
        self.pages[-1].append(("w", self.m + 6, top - size * 1.3, title, True, size))
        y = top - size * 1.8
        for label, val in lines:
            y -= size * 1.6
            self.t(self.m + 8, y, label, size * 0.9, False)
            cell = val if isinstance(val, Cell) else Cell(val)
            self.t(self.m + self.width * 0.62, y, cell.text, size, True, cell.tag)
        self.y = top - h - 8

    # -- tables ---------------------------------------------------------------------------------------------

    def _widths(self, cols: list[Col], rows: list, size: float) -> list[float]:
        ws = []
        for j, c in enumerate(cols):
            w = max(sw(h, size, True) for h in c.head) if c.head else 10
            for r in rows:
                if isinstance(r, list):
                    cell = r[j]
                    w = max(w, sw(cell.text, size, cell.bold))
            ws.append(w + 8)
        return ws

    def table(self, cols: list[Col], rows: list, size: float = 8, keys: int = 1, repeat_head: bool = True,
              caption: str = "", cont_caption: str = "", zebra: bool = False, min_size: float = 6.0) -> None:
        """rows: lists of Cell (one per column) or ("group", text). Splits columns into parts if too wide."""
        while size > min_size and sum(self._widths(cols, rows, size)) > self.width:
            size -= 0.5
        ws = self._widths(cols, rows, size)
        parts: list[list[int]] = []
        if sum(ws) <= self.width:
            parts = [list(range(len(cols)))]
        else:
            keyw = sum(ws[:keys])
            cur: list[int] = list(range(keys))
            curw = keyw
            for j in range(keys, len(cols)):
                if curw + ws[j] > self.width and len(cur) > keys:
                    parts.append(cur)
                    cur = list(range(keys))
                    curw = keyw
                cur.append(j)
                curw += ws[j]
            parts.append(cur)
        for pi, part in enumerate(parts):
            cap = caption if pi == 0 else (cont_caption or (caption + " (continued)"))
            if pi > 0:
                self.new_page()
            self._table_part([cols[j] for j in part], [ws[j] for j in part],
                             [r if not isinstance(r, list) else [r[j] for j in part] for r in rows],
                             size, repeat_head, cap, zebra)

    def _table_part(self, cols, ws, rows, size, repeat_head, caption, zebra) -> None:
        nh = max(len(c.head) for c in cols)
        head_h = nh * size * 1.2 + 6
        row_h = size * 1.55
        total_w = sum(ws)

        def head() -> None:
            top = self.y
            self.rect(self.m, top - head_h, total_w, head_h, fill=0.82, stroke=False)
            x = self.m
            for c, w in zip(cols, ws, strict=False):
                for i, hl in enumerate(c.head):
                    yy = top - 3 - (i + 1) * size * 1.2
                    if c.align == "r":
                        self.t(x + w - 4 - sw(hl, size, True), yy, hl, size, True)
                    else:
                        self.t(x + 4, yy, hl, size, True)
                x += w
            self.line(self.m, top - head_h, self.m + total_w, top - head_h, 0.8)
            self.y = top - head_h

        self.room(head_h + row_h * 3 + (size * 2 if caption else 0))
        if caption:
            self.y -= size * 1.6
            self.t(self.m, self.y, caption, size + 1, True)
            self.y -= size * 0.6
        head()
        for k, r in enumerate(rows):
            if self.y - row_h < self.bottom:
                self.new_page()
                if repeat_head:
                    head()
            top = self.y
            if isinstance(r, tuple):
                self.rect(self.m, top - row_h, total_w, row_h, fill=0.9, stroke=False)
                self.t(self.m + 4, top - row_h + size * 0.45, r[1], size, True)
            else:
                if zebra and k % 2:
                    self.rect(self.m, top - row_h, total_w, row_h, fill=0.96, stroke=False)
                x = self.m
                for c, w, cell in zip(cols, ws, r, strict=False):
                    yy = top - row_h + size * 0.45
                    if c.align == "r":
                        self.t(x + w - 4 - sw(cell.text, size, cell.bold), yy, cell.text, size, cell.bold, cell.tag)
                    else:
                        self.t(x + 4, yy, cell.text, size, cell.bold, cell.tag)
                    x += w
            self.line(self.m, top - row_h, self.m + total_w, top - row_h, 0.25)
            self.y = top - row_h
        self.y -= 8

    def finish(self) -> list[list[tuple]]:
        n = len(self.pages)
        for i, ops in enumerate(self.pages, start=1):
            hl, hr = self.header
            ops.insert(0, ("t", self.m, self.H - 34, hl, True, 8))
            ops.insert(1, ("t", self.W - self.m - sw(hr, 8), self.H - 34, hr, False, 8))
            ops.insert(2, ("l", self.m, self.H - 40, self.W - self.m, self.H - 40, 0.7))
            ops.append(("l", self.m, 44, self.W - self.m, 44, 0.4))
            ops.append(("t", self.m, 32, self.footer, False, 7))
            pg = f"Page {i} of {n}"
            ops.append(("t", self.W - self.m - sw(pg, 7), 32, pg, False, 7))
        return self.pages


# -- back ends -------------------------------------------------------------------------------------------------


def render_reportlab(pages: list[list[tuple]], size: tuple[float, float], title: str) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    c.setTitle(title)
    for ops in pages:
        for op in ops:
            if op[0] in ("t", "w"):
                _, x, y, s, bold, fs = op
                c.setFillGray(1 if op[0] == "w" else 0)
                c.setFont(FONTS[bold], fs)
                c.drawString(x, y, s)
                c.setFillGray(0)
            elif op[0] == "l":
                c.setLineWidth(op[5])
                c.line(op[1], op[2], op[3], op[4])
            else:
                _, x, y, w, h, fill, stroke = op
                if fill is not None:
                    c.setFillGray(fill)
                c.setLineWidth(0.6)
                c.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
                c.setFillGray(0)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_fpdf(pages: list[list[tuple]], size: tuple[float, float], title: str) -> bytes:
    from fpdf import FPDF

    W, H = size
    pdf = FPDF(unit="pt", format=(W, H))
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    pdf.set_title(title)
    for ops in pages:
        pdf.add_page()
        for op in ops:
            if op[0] in ("t", "w"):
                _, x, y, s, bold, fs = op
                pdf.set_text_color(255 if op[0] == "w" else 0)
                pdf.set_font("helvetica", "B" if bold else "", fs)
                pdf.text(x, H - y, s)
            elif op[0] == "l":
                pdf.set_line_width(op[5])
                pdf.line(op[1], H - op[2], op[3], H - op[4])
            else:
                _, x, y, w, h, fill, stroke = op
                style = ("F" if not stroke else "DF") if fill is not None else "D"
                if fill is not None:
                    pdf.set_fill_color(int(fill * 255))
                pdf.set_line_width(0.6)
                pdf.rect(x, H - y - h, w, h, style=style)
    return bytes(pdf.output())


def _esc(s: str) -> bytes:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def render_raw(pages: list[list[tuple]], size: tuple[float, float], title: str) -> bytes:
    """A minimal hand-written PDF 1.4 file: standard 14 fonts, compressed content streams."""
    W, H = size
    objs: list[bytes] = []

    def add(b: bytes) -> int:
        objs.append(b)
        return len(objs)

    cat = add(b"")
    pages_id = add(b"")
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for ops in pages:
        out = []
        for op in ops:
            if op[0] in ("t", "w"):
                _, x, y, s, bold, fs = op
                g = b"1 g" if op[0] == "w" else b"0 g"
                out.append(g + b" BT /F%d %.2f Tf %.2f %.2f Td (" % (2 if bold else 1, fs, x, y) + _esc(s) + b") Tj ET")
            elif op[0] == "l":
                out.append(b"%.2f w %.2f %.2f m %.2f %.2f l S" % (op[5], op[1], op[2], op[3], op[4]))
            else:
                _, x, y, w, h, fill, stroke = op
                if fill is not None:
                    paint = b"B" if stroke else b"f"
                    out.append(b"%.2f g 0.6 w %.2f %.2f %.2f %.2f re " % (fill, x, y, w, h) + paint + b" 0 g")
                else:
                    out.append(b"0.6 w %.2f %.2f %.2f %.2f re S" % (x, y, w, h))
        data = zlib.compress(b"\n".join(out))
        cs = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.0f %.0f] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (pages_id, W, H, cs, f1, f2)))
    objs[cat - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                          + b"] /Count %d >>" % len(kids))
    info = add(b"<< /Title (" + _esc(title) + b") /Producer (devgen-k raw writer) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, start=1):
        offs.append(out.tell())
        out.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for o in offs:
        out.write(b"%010d 00000 n \n" % o)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objs) + 1, cat, info, xref))
    return out.getvalue()


BACKENDS = {"reportlab": render_reportlab, "fpdf2": render_fpdf, "raw": render_raw}
