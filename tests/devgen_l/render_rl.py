"""Draw blocks on a reportlab canvas with the standard Type 1 fonts; pages are laid out here, so the page of every
marked cell is known as it is drawn."""

from __future__ import annotations

import io
import random

from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .blocks import Block, Cell, Cover, Heading, KeyValues, PageBreak, Para, Table, collapse_breaks

FONTS = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}
MARGIN = 46.0


class _Writer:
    def __init__(self, rng: random.Random, header: str) -> None:
        self.font_name = rng.choice(sorted(FONTS))
        self.size = rng.choice([8.0, 8.5, 9.0])
        self.accent = rng.choice([(0.12, 0.36, 0.6), (0.18, 0.49, 0.2), (0.54, 0.11, 0.11), (0.25, 0.25, 0.25)])
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=letter, invariant=1, pageCompression=1)
        self.canvas.setTitle(header)
        self.canvas.setCreator("reportlab")
        self.header = header
        self.page = 1
        self.pagesize = letter
        self.y = letter[1] - MARGIN
        self.pages: dict[str, int] = {}
        self._decorate()

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * MARGIN

    def _decorate(self) -> None:
        c = self.canvas
        c.setFont(self.font_name, 7)
        c.setFillGray(0.4)
        if self.page > 1:
            c.drawRightString(self.pagesize[0] - MARGIN, self.pagesize[1] - 28, self.header)
        c.drawCentredString(self.pagesize[0] / 2, 24, f"{self.page}")
        c.setFillGray(0)

    def new_page(self, land: bool | None = None) -> None:
        self.canvas.showPage()
        self.page += 1
        if land is not None:
            self.pagesize = landscape(letter) if land else letter
        self.canvas.setPageSize(self.pagesize)
        self.y = self.pagesize[1] - MARGIN - 6
        self._decorate()

    def font(self, bold: bool = False, scale: float = 1.0) -> tuple[str, float]:
        name = FONTS[self.font_name] if bold else self.font_name
        self.canvas.setFont(name, self.size * scale)
        return name, self.size * scale

    def text(self, text: str, bold: bool = False, scale: float = 1.0, width: float | None = None,
             color: tuple[float, float, float] | None = None) -> None:
        name, size = self.font(bold, scale)
        lines = [w for part in text.split("\n") for w in (simpleSplit(part, name, size, width or self.width) or [""])]
        if color:
            self.canvas.setFillColorRGB(*color)
        for line in lines:
            if self.y - size * 1.3 < MARGIN:
                self.new_page()
                self.font(bold, scale)
                if color:
                    self.canvas.setFillColorRGB(*color)
            self.y -= size * 1.3
            self.canvas.drawString(MARGIN, self.y, line)
        self.canvas.setFillGray(0)

    def cover(self, block: Cover) -> None:
        c = self.canvas
        w, h = self.pagesize
        c.setFillColorRGB(*self.accent)
        c.rect(0, h - 210, w, 210, stroke=0, fill=1)
        c.setFillGray(1)
        c.setFont(self.font_name, 12)
        c.drawString(MARGIN, h - 60, "Environmental Product Declaration")
        size = 26.0
        while size > 15 and stringWidth(block.title, FONTS[self.font_name], size) > self.width:
            size -= 1
        c.setFont(FONTS[self.font_name], size)
        for n, line in enumerate(simpleSplit(block.title, FONTS[self.font_name], size, self.width)[:2]):
            c.drawString(MARGIN, h - 100 + 10 - n * size * 1.1, line)
        c.setFont(self.font_name, 11)
        for n, line in enumerate(simpleSplit(block.subtitle, self.font_name, 11, self.width)[:4]):
            c.drawString(MARGIN, h - 130 - 14 * n, line)
        c.setFillGray(0)
        self.y = h - 250
        self.text(block.holder, bold=True, scale=2.0)
        self.y -= 10
        for label, value in block.boxes:
            top = self.y
            self.text(label.upper(), bold=True, scale=0.8, color=self.accent)
            self.text(value, width=self.width - 12)
            self.y -= 6
            c.setStrokeColorRGB(*self.accent)
            c.line(MARGIN - 4, top, MARGIN - 4, self.y + 2)
        self.y -= 20
        self.text(block.badge, bold=True, scale=1.3, color=self.accent)
        self.new_page()

    def _lines(self, cell: Cell, width: float, scale: float, bold: bool) -> list[str]:
        name, size = self.font(bold, scale)
        return simpleSplit(cell.text, name, size, width - 5) or [""]

    def _row(self, cells: list[Cell], widths: list[float], scale: float, head: bool, grid: bool) -> bool:
        spans, at = [], 0
        for cell in cells:
            spans.append(sum(widths[at:at + cell.span]))
            at += cell.span
        lines = [self._lines(c, w, scale, c.bold or head) for c, w in zip(cells, spans, strict=True)]
        lead = self.size * scale * 1.2
        height = max(len(x) for x in lines) * lead + 4
        if self.y - height < MARGIN:
            return False
        c = self.canvas
        x = MARGIN
        for cell, width, text in zip(cells, spans, lines, strict=True):
            if head or cell.shade:
                c.setFillGray(0.9 if head else 0.95)
                c.rect(x, self.y - height, width, height, stroke=0, fill=1)
                c.setFillGray(0)
            c.setStrokeGray(0.6)
            c.setLineWidth(0.4)
            if grid:
                c.rect(x, self.y - height, width, height, stroke=1, fill=0)
            else:
                c.line(x, self.y - height, x + width, self.y - height)
            self.font(cell.bold or head, scale)
            for n, line in enumerate(text):
                base = self.y - 2 - lead * (n + 1) + lead * 0.25
                if cell.align == "R":
                    c.drawRightString(x + width - 2.5, base, line)
                elif cell.align == "C":
                    c.drawCentredString(x + width / 2, base, line)
                else:
                    c.drawString(x + 2.5, base, line)
            if cell.mark:
                self.pages.setdefault(cell.mark, self.page)
            x += width
        self.y -= height
        return True

    def _fit(self, table: Table, widths: list[float]) -> float:
        scale = table.font_scale
        while scale > 0.55:
            name, size = FONTS[self.font_name], self.size * scale
            ok = True
            for row in [*table.head, *table.rows]:
                at = 0
                for cell in row:
                    width = sum(widths[at:at + cell.span]) - 5
                    at += cell.span
                    if any(stringWidth(word, name, size) > width for word in cell.text.split()):
                        ok = False
            if ok:
                return scale
            scale -= 0.05
        return scale

    def table(self, table: Table, grid: bool = True) -> None:
        widths = [w / sum(table.widths) * self.width for w in table.widths]
        scale = self._fit(table, widths)
        if table.caption:
            if self.y < MARGIN + 80:
                self.new_page()
            self.text(table.caption, bold=True)
            self.y -= 3
        for row in table.head:
            if not self._row(row, widths, scale, True, grid):
                self.new_page()
                self._row(row, widths, scale, True, grid)
        for row in table.rows:
            if not self._row(row, widths, scale, False, grid):
                self.new_page()
                if table.repeat_head:
                    for head in table.head:
                        self._row(head, widths, scale, True, grid)
                self._row(row, widths, scale, False, grid)
        if table.note:
            self.text(table.note, scale=0.8)
        self.y -= 8

    def draw(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, PageBreak):
                self.new_page(block.landscape)
            elif isinstance(block, Cover):
                self.cover(block)
            elif isinstance(block, Heading):
                if self.y < MARGIN + 90:
                    self.new_page()
                self.y -= 8
                self.text(block.text, bold=True, scale=1.6 if block.level == 1 else 1.25, color=self.accent)
                self.y -= 3
            elif isinstance(block, Para):
                self.text(block.text, scale=0.8 if block.small else 1.0)
                self.y -= 5
            elif isinstance(block, KeyValues):
                table = Table(head=[], rows=[[Cell(k, bold=True), Cell(v)] for k, v in block.pairs],
                              widths=[block.label_width, 1 - block.label_width])
                self.table(table, grid=block.boxed)
            elif isinstance(block, Table):
                self.table(block)


def render(blocks: list[Block], rng: random.Random, header: str) -> tuple[bytes, dict[str, int], int, str]:
    """The PDF, the 1-based page of every marked cell, the page count, and the font used."""
    blocks = collapse_breaks(blocks)
    writer = _Writer(rng, header)
    writer.draw(blocks)
    writer.canvas.showPage()
    writer.canvas.save()
    return writer.buffer.getvalue(), writer.pages, writer.page, writer.font_name
