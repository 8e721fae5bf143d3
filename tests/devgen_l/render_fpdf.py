"""Draw blocks with fpdf2: own table drawing, so the page of every marked cell is known as it is drawn."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from fpdf import FPDF

from .blocks import Block, Cell, Cover, Heading, KeyValues, PageBreak, Para, Table, collapse_breaks

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FAMILIES = {
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "DejaVuCond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
}


class _Pdf(FPDF):
    header_text = ""
    accent = (31, 92, 153)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(self.family_name, "", 7)
        self.set_text_color(110, 110, 110)
        self.set_xy(self.l_margin, 8)
        self.cell(self.epw, 4, self.header_text, align="R")
        self.set_draw_color(*self.accent)
        self.line(self.l_margin, 13, self.w - self.r_margin, 13)
        self.set_text_color(0, 0, 0)
        self.set_y(17)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family_name, "", 7)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C")


class _Writer:
    def __init__(self, rng: random.Random, header: str) -> None:
        self.rng = rng
        self.family = rng.choice(sorted(FAMILIES))
        self.size = rng.choice([8.0, 8.5, 9.0, 9.5])
        pdf = _Pdf(format="letter", unit="mm")
        pdf.family_name = self.family  # type: ignore[attr-defined]
        pdf.header_text = header
        pdf.accent = rng.choice([(31, 92, 153), (46, 125, 50), (138, 28, 28), (60, 60, 60), (0, 96, 122)])
        regular, bold = FAMILIES[self.family]
        pdf.add_font(self.family, "", str(FONT_DIR / regular))
        pdf.add_font(self.family, "B", str(FONT_DIR / bold))
        pdf.set_creation_date(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        pdf.set_title(header)
        pdf.set_producer("fpdf2")
        pdf.set_auto_page_break(True, margin=16)
        pdf.set_margins(16, 17, 16)
        pdf.add_page()
        self.pdf = pdf
        self.pages: dict[str, int] = {}
        self.landscape = False

    def font(self, bold: bool = False, scale: float = 1.0) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", self.size * scale)

    def line_h(self, scale: float = 1.0) -> float:
        return self.size * scale * 0.45

    def heading(self, block: Heading) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 45:
            pdf.add_page(orientation="L" if self.landscape else "P")
        pdf.ln(2)
        self.font(True, 1.5 if block.level == 1 else 1.2)
        pdf.set_text_color(*pdf.accent)
        pdf.multi_cell(0, self.line_h(1.5 if block.level == 1 else 1.25), block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1)

    def para(self, block: Para) -> None:
        pdf = self.pdf
        scale = 0.8 if block.small else 1.0
        self.font(False, scale)
        if block.columns == 2:
            with pdf.text_columns(ncols=2, gutter=6, text_align="J", balance=True) as cols:
                cols.write(block.text)
        else:
            pdf.multi_cell(0, self.line_h(scale), block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    def key_values(self, block: KeyValues) -> None:
        pdf = self.pdf
        width = pdf.epw
        table = Table(head=[], rows=[[Cell(k, bold=True), Cell(v)] for k, v in block.pairs],
                      widths=[block.label_width, 1 - block.label_width])
        self.table(table, border=1 if block.boxed else "B", total=width)

    def cover(self, block: Cover) -> None:
        pdf = self.pdf
        pdf.set_fill_color(*pdf.accent)
        pdf.rect(0, 0, pdf.w, 70, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(16, 16)
        self.font(False, 1.3)
        pdf.cell(0, 7, "ENVIRONMENTAL PRODUCT DECLARATION", new_x="LMARGIN", new_y="NEXT")
        self.font(True, 2.8)
        pdf.multi_cell(0, 11, block.title, new_x="LMARGIN", new_y="NEXT")
        self.font(False, 1.3)
        pdf.multi_cell(0, 6, block.subtitle, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_y(80)
        self.font(True, 1.8)
        pdf.cell(0, 10, block.holder, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        box_w = (pdf.epw - 6) / 2
        row_bottom = pdf.get_y()
        for n, (label, value) in enumerate(block.boxes):
            x = pdf.l_margin + (n % 2) * (box_w + 6)
            if n % 2 == 0 and n:
                pdf.set_y(row_bottom + 4)
            top = pdf.get_y()
            pdf.set_xy(x + 2, top + 2)
            self.font(True, 0.8)
            pdf.set_text_color(*pdf.accent)
            pdf.cell(box_w - 4, 4, label.upper(), new_x="LEFT", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            self.font(False, 1.0)
            pdf.multi_cell(box_w - 4, self.line_h(), value, new_x="LEFT", new_y="NEXT")
            bottom = pdf.get_y() + 2
            pdf.set_draw_color(*pdf.accent)
            pdf.rect(x, top, box_w, bottom - top)
            row_bottom = bottom if n % 2 == 0 else max(row_bottom, bottom)
            pdf.set_y(top)
        pdf.set_y(row_bottom + 10)
        self.font(True, 1.2)
        pdf.set_text_color(*pdf.accent)
        pdf.cell(0, 8, block.badge, border=1, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)
        pdf.add_page()

    def _lines(self, cell: Cell, width: float, scale: float) -> list[str]:
        self.font(cell.bold, scale)
        lines = self.pdf.multi_cell(width - 2, self.line_h(scale), cell.text or " ", dry_run=True, output="LINES")
        return list(lines) or [""]

    def _row(self, cells: list[Cell], widths: list[float], scale: float, border: int | str, head: bool) -> float:
        pdf = self.pdf
        spans, at = [], 0
        for cell in cells:
            spans.append(sum(widths[at:at + cell.span]))
            at += cell.span
        lines = [self._lines(c, w, scale) for c, w in zip(cells, spans, strict=True)]
        height = max(len(x) for x in lines) * self.line_h(scale) + 2
        if pdf.get_y() + height > pdf.page_break_trigger:
            return -1.0
        x, y = pdf.l_margin, pdf.get_y()
        for cell, width, text in zip(cells, spans, lines, strict=True):
            if head or cell.shade:
                pdf.set_fill_color(228, 236, 244) if head else pdf.set_fill_color(240, 240, 240)
                pdf.rect(x, y, width, height, style="F")
            if border == 1:
                pdf.set_draw_color(150, 150, 150)
                pdf.rect(x, y, width, height)
            else:
                pdf.set_draw_color(200, 200, 200)
                pdf.line(x, y + height, x + width, y + height)
            self.font(cell.bold or head, scale)
            pdf.set_xy(x + 1, y + 1)
            pdf.multi_cell(width - 2, self.line_h(scale), "\n".join(text), align=cell.align,
                           new_x="LEFT", new_y="NEXT")
            if cell.mark:
                self.pages.setdefault(cell.mark, pdf.page_no())
            x += width
        pdf.set_xy(pdf.l_margin, y + height)
        return height

    def _fit(self, table: Table, widths: list[float], scale: float) -> float:
        """The largest font scale at which no word of a cell is wider than its column (numbers never split)."""
        while scale > 0.55:
            fits = True
            for row in [*table.head, *table.rows]:
                at = 0
                for cell in row:
                    width = sum(widths[at:at + cell.span]) - 2.3 - 2 * self.pdf.c_margin
                    at += cell.span
                    self.font(True, scale)
                    if any(self.pdf.get_string_width(word) > width for word in cell.text.split()):
                        fits = False
                        break
                if not fits:
                    break
            if fits:
                return scale
            scale -= 0.05
        return scale

    def table(self, table: Table, border: int | str = 1, total: float | None = None) -> None:
        pdf = self.pdf
        width = total or pdf.epw
        widths = [w / sum(table.widths) * width for w in table.widths]
        scale = self._fit(table, widths, table.font_scale)
        if table.caption:
            if pdf.get_y() > pdf.page_break_trigger - 30:
                pdf.add_page(orientation="L" if self.landscape else "P")
            self.font(True, scale)
            pdf.multi_cell(0, self.line_h(), table.caption, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)

        def heads() -> None:
            for row in table.head:
                if self._row(row, widths, scale, border, True) < 0:
                    pdf.add_page(orientation="L" if self.landscape else "P")
                    self._row(row, widths, scale, border, True)

        heads()
        for row in table.rows:
            if self._row(row, widths, scale, border, False) < 0:
                pdf.add_page(orientation="L" if self.landscape else "P")
                if table.repeat_head:
                    heads()
                self._row(row, widths, scale, border, False)
        if table.note:
            self.font(False, 0.8)
            pdf.multi_cell(0, self.line_h(0.8), table.note, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    def draw(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, PageBreak):
                self.landscape = block.landscape
                self.pdf.add_page(orientation="L" if block.landscape else "P")
            elif isinstance(block, Cover):
                self.cover(block)
            elif isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Para):
                self.para(block)
            elif isinstance(block, KeyValues):
                self.key_values(block)
            elif isinstance(block, Table):
                self.table(block)


def render(blocks: list[Block], rng: random.Random, header: str) -> tuple[bytes, dict[str, int], int, str]:
    """The PDF, the 1-based page of every marked cell, the page count, and the font used."""
    blocks = collapse_breaks(blocks)
    writer = _Writer(rng, header)
    writer.draw(blocks)
    count = writer.pdf.page_no()
    return bytes(writer.pdf.output()), writer.pages, count, writer.family
