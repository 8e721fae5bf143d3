"""Page flow on top of the raw writer: paragraphs, label/value blocks, ruled tables that break over pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .pdfwriter import BOLD, Page, Writer, width

_RICH = re.compile(r"([_^][0-9A-Za-z])")


def rich_width(text: str, font: str, size: float) -> float:
    total = 0.0
    for seg in _RICH.split(text):
        if _RICH.fullmatch(seg):
            total += width(seg[1], font, size * 0.7)
        elif seg:
            total += width(seg, font, size)
    return total


def plain(text: str) -> str:
    return _RICH.sub(lambda m: m.group(1)[1], text)


def wrap(text: str, font: str, size: float, max_w: float) -> list[str]:
    """Greedy word wrap; forced breaks with newline; a word wider than the line stays whole."""
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for word in para.split(" "):
            trial = f"{cur} {word}" if cur else word
            if cur and rich_width(trial, font, size) > max_w:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        lines.append(cur)
    return lines


@dataclass
class Table:
    heads: list[str] | None
    rows: list[list[str]]
    aligns: list[str]
    groups: list[tuple[int, int, str]] = field(default_factory=list)
    wrap_cols: set[int] = field(default_factory=set)
    font: str = "Helvetica"
    size: float = 8.0
    head_size: float = 7.5
    style: str = "grid"  # grid | horiz | zebra | booktabs
    head_fill: float | None = 0.85
    head_rgb: tuple[float, float, float] | None = None
    head_white: bool = False
    repeat_head: bool = True
    order: str = "row"  # row | col
    bold_first_col: bool = False
    full_width: bool = True
    pad: float = 3.0
    min_size: float = 5.5
    col_width_cap: float = 170.0
    max_head_lines: int = 3
    keep_with_next: set[int] = field(default_factory=set)


@dataclass
class Placed:
    page_index: int
    rows: list[int]


def _bind(fn: Callable[..., None], *args: object) -> Callable[[], None]:
    return lambda: fn(*args)


class Flow:
    def __init__(self, writer: Writer, *, landscape: bool = False, margin: float = 54.0, top: float = 60.0,
                 bottom: float = 56.0, font: str = "Helvetica", size: float = 9.5) -> None:
        self.w = writer
        self.landscape = landscape
        self.margin = margin
        self.top_margin = top
        self.bottom = bottom
        self.font = font
        self.size = size
        self.prose_mode: str | None = None
        self.region: tuple[float, float] | None = None  # (left, width) of a column of the page, when set
        self.page: Page = writer.add_page(*self._dims(landscape))
        self.y = self.page.height - top

    def _dims(self, landscape: bool) -> tuple[float, float]:
        return (792.0, 612.0) if landscape else (612.0, 792.0)

    @property
    def page_index(self) -> int:
        return len(self.w.pages) - 1

    @property
    def left(self) -> float:
        return self.region[0] if self.region else self.margin

    @property
    def avail(self) -> float:
        return self.region[1] if self.region else self.page.width - 2 * self.margin

    def new_page(self, landscape: bool | None = None) -> None:
        if landscape is not None:
            self.landscape = landscape
        self.page = self.w.add_page(*self._dims(self.landscape))
        self.y = self.page.height - self.top_margin

    def ensure(self, h: float) -> None:
        if self.y - h < self.bottom:
            self.new_page()

    def space(self, h: float) -> None:
        self.y -= h

    # -- text blocks -------------------------------------------------------------------------------------------
    def draw_rich(self, x: float, y: float, text: str, font: str, size: float, align: str = "l",
                  gray: float = 0.0, rgb: tuple[float, float, float] | None = None, mode: str | None = None) -> None:
        tw = rich_width(text, font, size)
        if align == "r":
            x -= tw
        elif align == "c":
            x -= tw / 2
        if not _RICH.search(text):
            self.w.text(self.page, x, y, text, font=font, size=size, gray=gray, rgb=rgb, mode=mode)
            return
        for seg in _RICH.split(text):
            if not seg:
                continue
            if _RICH.fullmatch(seg):
                sz = size * 0.7
                rise = size * 0.35 if seg[0] == "^" else -size * 0.15
                x += self.w.text(self.page, x, y, seg[1], font=font, size=sz, gray=gray, rgb=rgb, rise=rise,
                                 mode="line")
            else:
                x += self.w.text(self.page, x, y, seg, font=font, size=size, gray=gray, rgb=rgb)

    def heading(self, text: str, *, size: float = 12.0, font: str | None = None,
                rgb: tuple[float, float, float] | None = None, rule: bool = False) -> None:
        font = font or BOLD.get(self.font, "Helvetica-Bold")
        lines = wrap(text, font, size, self.avail)
        self.ensure(size * 1.3 * len(lines) + 30)
        self.y -= size * 0.4
        for line in lines:
            self.y -= size * 1.15
            self.draw_rich(self.left, self.y, line, font, size, rgb=rgb)
        if rule:
            self.w.line(self.page, self.left, self.y - 4, self.left + self.avail, self.y - 4, lw=0.8,
                        gray=0.4)
            self.y -= 4
        self.y -= size * 0.5

    def paragraph(self, text: str, *, size: float | None = None, font: str | None = None, indent: float = 0.0,
                  width_: float | None = None, x: float | None = None, gray: float = 0.0, after: float = 5.0) -> None:
        size = size or self.size
        font = font or self.font
        lead = size * 1.3
        x0 = (x if x is not None else self.left) + indent
        w = (width_ if width_ is not None else self.avail) - indent
        for line in wrap(text, font, size, w):
            self.ensure(lead)
            self.y -= lead
            self.draw_rich(x0, self.y, line, font, size, gray=gray, mode=self.prose_mode)
        self.y -= after

    def columns(self, paragraphs: list[tuple[str, str]], *, ncols: int = 2, gap: float = 18.0,
                size: float | None = None) -> None:
        """Prose in newspaper columns of (heading, text) pairs, balanced on the last page."""
        size = size or self.size
        lead = size * 1.3
        colw = (self.avail - gap * (ncols - 1)) / ncols
        lines: list[tuple[str, bool]] = []
        for head, text in paragraphs:
            if head:
                lines.append((head, True))
            lines.extend((ln, False) for ln in wrap(text, self.font, size, colw))
            lines.append(("", False))
        bold = BOLD.get(self.font, self.font)
        while lines:
            cap = int((self.y - self.bottom) // lead)
            if cap < 4:
                self.new_page()
                continue
            per_col = min(cap, -(-len(lines) // ncols))
            top = self.y
            for col in range(ncols):
                part, lines = lines[:per_col], lines[per_col:]
                y = top
                for text, is_head in part:
                    y -= lead
                    if text:
                        self.draw_rich(self.left + col * (colw + gap), y, text, bold if is_head else self.font, size,
                                       mode=self.prose_mode)
            self.y = top - per_col * lead
            if lines:
                self.new_page()
        self.y -= 6

    # -- tables ------------------------------------------------------------------------------------------------
    def table(self, t: Table, *, caption: str | None = None, caption_font: str | None = None,
              notes: list[str] | None = None) -> list[int]:
        """Lay out and draw ``t``; returns the 0-based page index of every body row."""
        avail = self.avail
        size, head_size = t.size, t.head_size
        bold = BOLD.get(t.font, t.font)
        while True:
            widths = self._natural_widths(t, size, head_size, bold)
            if sum(widths) <= avail or size <= t.min_size:
                break
            size -= 0.25
            head_size = max(head_size - 0.25, t.min_size)
        total = sum(widths)
        if total > avail:  # shrink wrappable columns, then everything
            over = total - avail
            for j in sorted(t.wrap_cols, key=lambda c: -widths[c]):
                cut = min(over, widths[j] - 50)
                if cut > 0:
                    widths[j] -= cut
                    over -= cut
            if over > 0:
                widths = [w * avail / sum(widths) for w in widths]
        elif t.full_width:
            extra = avail - total
            widths = [w + extra * w / total for w in widths]
        pad = t.pad
        lead_b = size * 1.2
        lead_h = head_size * 1.15
        head_font = bold
        # head geometry
        grouped = {c for a, b, _ in t.groups for c in range(a, b + 1)}
        group_lines = [wrap(g, head_font, head_size, sum(widths[a:b + 1]) - 2 * pad) for a, b, g in t.groups]
        gh = (max(len(g) for g in group_lines) * lead_h + 2 * pad) if t.groups else 0.0
        head_lines = [wrap(h, head_font, head_size, widths[j] - 2 * pad) for j, h in enumerate(t.heads or [])]
        sub_h = max((len(h) for j, h in enumerate(head_lines) if j in grouped), default=0) * lead_h + 2 * pad
        solo_h = max((len(h) for j, h in enumerate(head_lines) if j not in grouped), default=0) * lead_h + 2 * pad
        head_h = 0.0 if t.heads is None else max(gh + sub_h if t.groups else 0.0, solo_h)
        if t.groups and head_h > gh + sub_h:
            sub_h = head_h - gh
        # body geometry
        cells = [[wrap(c, t.font, size, widths[j] - 2 * pad) if j in t.wrap_cols else [c]
                  for j, c in enumerate(row)] for row in t.rows]
        heights = [max(len(c) for c in row) * lead_b + 2 * pad - size * 0.2 for row in cells]
        # caption
        if caption:
            cfont = caption_font or BOLD.get(self.font, "Helvetica-Bold")
            cap_lines = wrap(caption, cfont, self.size, avail)
            self.ensure(len(cap_lines) * self.size * 1.3 + head_h + (heights[0] if heights else 0) + 8)
            for line in cap_lines:
                self.y -= self.size * 1.3
                self.draw_rich(self.left, self.y, line, cfont, self.size)
            self.y -= 4
        xs = [self.left]
        for w in widths:
            xs.append(xs[-1] + w)
        pages: list[int] = []
        i = 0
        first = True
        while i < len(cells) or (first and not cells):
            with_head = t.heads is not None and (first or t.repeat_head)
            need = (head_h if with_head else 0) + (self._block(t, heights, i) if i < len(heights) else 0)
            if self.y - need < self.bottom:
                self.new_page()
            top = self.y
            y = top - (head_h if with_head else 0)
            chunk: list[int] = []
            while i < len(cells) and y - heights[i] >= self.bottom:
                if chunk and y - self._block(t, heights, i) < self.bottom:
                    break
                chunk.append(i)
                y -= heights[i]
                i += 1
            if not chunk and i < len(cells):  # a row taller than a page: force it
                chunk.append(i)
                y -= heights[i]
                i += 1
            self._draw_chunk(t, xs, top, with_head, head_h, gh, group_lines, head_lines, grouped, chunk, cells,
                             heights, size, head_size, lead_b, lead_h)
            pages.extend([self.page_index] * len(chunk))
            self.y = y
            first = False
            if not cells:
                break
        if notes:
            self.y -= 3
            for note in notes:
                self.paragraph(note, size=max(self.size - 2, 6.0), after=1)
        self.y -= 8
        return pages

    @staticmethod
    def _block(t: Table, heights: list[float], i: int) -> float:
        """Height of row i and the rows it must stay on the same page with."""
        block = heights[i]
        while i in t.keep_with_next and i + 1 < len(heights):
            i += 1
            block += heights[i]
        return block

    def _natural_widths(self, t: Table, size: float, head_size: float, bold: str) -> list[float]:
        ncol = len(t.aligns)
        widths = []
        for j in range(ncol):
            font = bold if (j == 0 and t.bold_first_col) else t.font
            body = max((rich_width(r[j], font, size) for r in t.rows), default=0.0)
            if j in t.wrap_cols:
                body = min(body, t.col_width_cap)
            head = 0.0
            if t.heads:
                text = t.heads[j].replace("\n", " ")
                head = max((rich_width(wd, bold, head_size) for wd in text.split(" ")), default=0.0)
                head = max(head, rich_width(text, bold, head_size) / t.max_head_lines)
            widths.append(max(body, head, 14.0) + 2 * t.pad)
        for a, b, g in t.groups:
            need = max(rich_width(wd, bold, head_size) for wd in g.split(" ")) + 2 * t.pad
            have = sum(widths[a:b + 1])
            if need > have:
                for j in range(a, b + 1):
                    widths[j] += (need - have) / (b - a + 1)
        return widths

    def _draw_chunk(self, t: Table, xs: list[float], top: float, with_head: bool, head_h: float, gh: float,
                    group_lines: list[list[str]], head_lines: list[list[str]], grouped: set[int], chunk: list[int],
                    cells: list[list[list[str]]], heights: list[float], size: float, head_size: float,
                    lead_b: float, lead_h: float) -> None:
        w = self.w
        page = self.page
        x0, x1 = xs[0], xs[-1]
        bold = BOLD.get(t.font, t.font)
        if with_head:
            if t.head_rgb is not None:
                w.color_rect(page, x0, top - head_h, x1 - x0, head_h, t.head_rgb)
            elif t.head_fill is not None:
                w.rect(page, x0, top - head_h, x1 - x0, head_h, fill=t.head_fill)
        row_tops: dict[int, float] = {}
        y = top - (head_h if with_head else 0)
        for k, r in enumerate(chunk):
            row_tops[r] = y
            if t.style == "zebra" and k % 2 == 1:
                w.rect(page, x0, y - heights[r], x1 - x0, heights[r], fill=0.93)
            y -= heights[r]
        bottom = y
        text_gray = 1.0 if with_head and t.head_white and (t.head_rgb or (t.head_fill or 1) < 0.5) else 0.0
        jobs: list[tuple[int, Callable[[], None]]] = []  # (column, draw) so we can order by column

        def head_cell(j0: int, j1: int, lines: list[str], ytop: float, h: float) -> None:
            block = len(lines) * lead_h
            yy = ytop - (h - block) / 2 - head_size * 0.95
            for line in lines:
                al = t.aligns[j0] if j0 == j1 and t.aligns[j0] == "l" else "c"
                x = xs[j0] + t.pad if al == "l" else (xs[j0] + xs[j1 + 1]) / 2
                self.draw_rich(x, yy, line, bold, head_size, align=al, gray=text_gray)
                yy -= lead_h

        if with_head:
            for (a, b, _), lines in zip(t.groups, group_lines, strict=True):
                jobs.append((a, _bind(head_cell, a, b, lines, top, gh)))
            for j, lines in enumerate(head_lines):
                if j in grouped:
                    jobs.append((j, _bind(head_cell, j, j, lines, top - gh, head_h - gh)))
                else:
                    jobs.append((j, _bind(head_cell, j, j, lines, top, head_h)))

        def body_cell(r: int, j: int) -> None:
            lines = cells[r][j]
            yy = row_tops[r] - t.pad - size * 0.85
            font = bold if (j == 0 and t.bold_first_col) else t.font
            for line in lines:
                al = t.aligns[j]
                x = xs[j] + t.pad if al == "l" else (xs[j + 1] - t.pad if al == "r" else (xs[j] + xs[j + 1]) / 2)
                if line:
                    self.draw_rich(x, yy, line, font, size, align=al)
                yy -= lead_b

        for r in chunk:
            for j in range(len(t.aligns)):
                jobs.append((j, _bind(body_cell, r, j)))
        if t.order == "col":
            jobs.sort(key=lambda job: job[0])
        for _, job in jobs:
            job()
        # rules
        lw = 0.4
        if t.style == "grid":
            ys = [top]
            if with_head:
                ys.append(top - head_h)
            ys += [row_tops[r] - heights[r] for r in chunk]
            for yy in ys:
                w.line(page, x0, yy, x1, yy, lw=lw)
            for x in xs:
                w.line(page, x, top, x, bottom, lw=lw)
            if with_head and t.groups:
                for a, b, _ in t.groups:
                    w.line(page, xs[a], top - gh, xs[b + 1], top - gh, lw=lw)
                    for j in range(a + 1, b + 1):
                        w.line(page, xs[j], top - gh, xs[j], top - head_h, lw=lw)
        else:
            heavy = 1.0 if t.style == "booktabs" else lw
            w.line(page, x0, top, x1, top, lw=heavy)
            if with_head:
                w.line(page, x0, top - head_h, x1, top - head_h, lw=lw)
                for a, b, _ in t.groups:
                    w.line(page, xs[a] + 2, top - gh, xs[b + 1] - 2, top - gh, lw=lw)
            if t.style == "horiz":
                for r in chunk:
                    w.line(page, x0, row_tops[r] - heights[r], x1, row_tops[r] - heights[r], lw=0.25, gray=0.5)
            w.line(page, x0, bottom, x1, bottom, lw=heavy)
