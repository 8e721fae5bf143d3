"""Drawing helpers over fpdf2: a themed document, wrapped text and a table engine that records pages."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_ASCII = {
    "₂": "2", "–": "-", "—": "-", "☒": "[X]", "☐": "[ ]", "≥": ">=", "≤": "<=", "’": "'", "“": '"', "”": '"',
    "•": "-", "‑": "-", "…": "...", "‐": "-",
}


@dataclass
class Theme:
    family: str
    uni: bool
    size: float
    accent: tuple[int, int, int]
    light: tuple[int, int, int]
    table_family: str
    header_text: str = ""
    footer_left: str = ""
    footer_right_fmt: str = "{n}"
    header_rule: bool = True
    margins: float = 15.0


class Pdf(FPDF):
    theme: Theme

    def header(self) -> None:
        if self.page_no() == 1 or not self.theme.header_text:
            return
        self.set_font(self.theme.family, "", self.theme.size - 1.5)
        self.set_text_color(90, 90, 90)
        self.set_xy(self.l_margin, 6)
        self.cell(self.w - self.l_margin - self.r_margin, 5, self.tx(self.theme.header_text), align="R")
        if self.theme.header_rule:
            self.set_draw_color(*self.theme.accent)
            self.set_line_width(0.4)
            self.line(self.l_margin, 12, self.w - self.r_margin, 12)
        self.set_text_color(0, 0, 0)
        self.set_y(max(self.t_margin, 15))

    def footer(self) -> None:
        self.set_font(self.theme.family, "", self.theme.size - 2)
        self.set_text_color(100, 100, 100)
        self.set_xy(self.l_margin, self.h - 11)
        w = self.w - self.l_margin - self.r_margin
        if self.theme.footer_left:
            self.cell(w * 0.75, 4, self.tx(self.theme.footer_left), align="L")
        self.set_xy(self.l_margin + w * 0.75, self.h - 11)
        self.cell(w * 0.25, 4, self.theme.footer_right_fmt.format(n=self.page_no()), align="R")
        self.set_text_color(0, 0, 0)

    # text helpers ---------------------------------------------------------------------------------------
    def tx(self, s: str) -> str:
        if self.font_family not in ("helvetica", "times", "courier"):
            return s
        for a, b in _ASCII.items():
            s = s.replace(a, b)
        return s

    @property
    def avail(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def font(self, style: str = "", size: float | None = None, table: bool = False) -> None:
        fam = self.theme.table_family if table else self.theme.family
        self.set_font(fam, style, size if size is not None else self.theme.size)

    def para(self, text: str, size: float | None = None, style: str = "", lh: float | None = None) -> None:
        self.font(style, size)
        lh = lh or (self.font_size_pt * 0.5)
        self.set_x(self.l_margin)
        self.multi_cell(self.avail, lh, self.tx(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(lh * 0.5)

    def heading(self, text: str, level: int = 1) -> None:
        size = self.theme.size + (5 if level == 1 else 2.5)
        if self.get_y() + 20 > self.page_break_trigger:
            self.add_page()
        self.ln(2)
        self.font("B", size)
        self.set_text_color(*self.theme.accent)
        self.set_x(self.l_margin)
        self.multi_cell(self.avail, size * 0.5, self.tx(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def wrap(self, text: str, width: float) -> list[str]:
        words = text.split(" ")
        lines: list[str] = []
        cur = ""
        for w in words:
            cand = w if not cur else cur + " " + w
            if self.get_string_width(self.tx(cand)) <= width or not cur:
                cur = cand
            else:
                lines.append(cur)
                cur = w
        if cur:
            lines.append(cur)
        return lines or [""]

    def kv(self, pairs: list[tuple[str, str]], label_w: float, style: str, size: float | None = None) -> None:
        """Label/value rows: style 'box' (grid), 'rules' or 'plain' (right-aligned labels)."""
        size = size or self.theme.size
        lh = size * 0.45
        vw = self.avail - label_w
        for label, value in pairs:
            self.font("B", size)
            llines = self.wrap(label, label_w - 3)
            self.font("", size)
            vlines: list[str] = []
            for part in value.split("\n"):
                vlines.extend(self.wrap(part, vw - 3))
            h = max(len(llines), len(vlines)) * lh + 2
            if self.get_y() + h > self.page_break_trigger:
                self.add_page()
            y = self.get_y()
            x = self.l_margin
            if style == "box":
                self.set_fill_color(*self.theme.light)
                self.rect(x, y, label_w, h, style="DF")
                self.rect(x + label_w, y, vw, h)
            elif style == "rules":
                self.set_draw_color(180, 180, 180)
                self.line(x, y + h, x + self.avail, y + h)
            self.font("B", size)
            for i, ln in enumerate(llines):
                self.set_xy(x + 1.5, y + 1 + i * lh)
                self.cell(label_w - 3, lh, self.tx(ln), align="R" if style == "plain" else "L")
            self.font("", size)
            for i, ln in enumerate(vlines):
                self.set_xy(x + label_w + 1.5, y + 1 + i * lh)
                self.cell(vw - 3, lh, self.tx(ln))
            self.set_xy(x, y + h)


@dataclass
class Col:
    head: list[str]
    align: str = "R"
    wrap: bool = False
    key: str = ""
    w: float = 0.0


@dataclass
class TableStyle:
    grid: str = "grid"  # grid, rules, minimal
    zebra: bool = False
    head_fill: bool = True
    head_bold: bool = True
    head_valign: str = "bottom"
    repeat_head: bool = True
    cont_caption: str | None = None
    size: float = 8.0
    pad: float = 1.2
    extra: dict = field(default_factory=dict)


def draw_table(pdf: Pdf, cols: list[Col], rows: list, st: TableStyle,
               groups: list[tuple[str, int, int]] | None = None) -> list[int | None]:
    """Draw a table; rows are lists of strings or ('section', text). Returns the page of each row."""
    size = st.size
    while True:
        pdf.font("", size, table=True)
        nat = []
        for ci, c in enumerate(cols):
            pdf.font("B" if st.head_bold else "", size, table=True)
            hw = max((pdf.get_string_width(pdf.tx(h)) for h in c.head), default=0)
            pdf.font("", size, table=True)
            cw = 0.0
            for r in rows:
                if isinstance(r, tuple):
                    continue
                cw = max(cw, pdf.get_string_width(pdf.tx(r[ci])))
            if c.wrap:
                cw = min(cw, max(hw, 28.0))
            nat.append(max(hw, cw) + 2 * st.pad + 0.6)
        total = sum(nat)
        if total <= pdf.avail or size <= 5.0:
            break
        size -= 0.5
    if total < pdf.avail and st.extra.get("stretch", True):
        k = pdf.avail / total
        nat = [w * k for w in nat]
    elif total > pdf.avail:  # shrink wrapped columns only
        over = total - pdf.avail
        for ci, c in enumerate(cols):
            if c.wrap and over > 0:
                cut = min(over, nat[ci] - 14)
                nat[ci] -= cut
                over -= cut
    for c, w in zip(cols, nat, strict=True):
        c.w = w
    lh = size * 0.42
    glines: list[list[str]] = []
    for label, first, span in groups or []:
        pdf.font("B" if st.head_bold else "", size, table=True)
        gw = sum(c.w for c in cols[first:first + span])
        lines = pdf.wrap(label, gw - 2)
        widest = max(pdf.get_string_width(pdf.tx(x)) for x in lines)
        if widest > gw - 2:
            for c in cols[first:first + span]:
                c.w += (widest - gw + 2) / span
        glines.append(lines)
    gnum = max((len(x) for x in glines), default=0)
    x0 = pdf.l_margin

    def draw_head() -> None:
        pdf.font("B" if st.head_bold else "", size, table=True)
        nlines = max(len(c.head) for c in cols)
        gh = (gnum * lh + 1.5) if groups else 0.0
        hh = nlines * lh + 2 * st.pad
        y = pdf.get_y()
        grouped = set()
        if groups:
            for _label, first, span in groups:
                grouped.update(range(first, first + span))
        if st.head_fill:
            pdf.set_fill_color(*pdf.theme.light)
            pdf.rect(x0, y, sum(c.w for c in cols), gh + hh, style="F")
        if groups:
            for (_label, first, span), lines in zip(groups, glines, strict=True):
                gx = x0 + sum(c.w for c in cols[:first])
                gw = sum(c.w for c in cols[first:first + span])
                for k, ln in enumerate(lines):
                    pdf.set_xy(gx, y + 0.5 + (gnum - len(lines) + k) * lh)
                    pdf.cell(gw, lh, pdf.tx(ln), align="C")
                pdf.set_draw_color(120, 120, 120)
                pdf.line(gx + 1, y + gh - 0.3, gx + gw - 1, y + gh - 0.3)
        x = x0
        for ci, c in enumerate(cols):
            top = y + gh if ci in grouped else y
            area = (y + gh + hh) - top
            n = len(c.head)
            start = top + area - n * lh - st.pad if st.head_valign == "bottom" else top + st.pad
            for i, h in enumerate(c.head):
                pdf.set_xy(x + st.pad, start + i * lh)
                pdf.cell(c.w - 2 * st.pad, lh, pdf.tx(h), align="L" if c.align == "L" else "C")
            x += c.w
        pdf.set_draw_color(60, 60, 60)
        pdf.set_line_width(0.3)
        if st.grid == "grid":
            x = x0
            for c in cols:
                pdf.rect(x, y + (gh if groups else 0), c.w, hh)
                x += c.w
        pdf.line(x0, y + gh + hh, x0 + sum(c.w for c in cols), y + gh + hh)
        pdf.set_line_width(0.2)
        pdf.set_xy(x0, y + gh + hh)

    need = 3 * lh + 20
    if st.extra.get("keep", True) and len(rows) <= 14:  # small tables are kept on one page
        need = (max(len(c.head) for c in cols) + gnum + 1) * lh + 4 * st.pad
        for r in rows:
            if isinstance(r, tuple):
                need += lh + 2 * st.pad
            else:
                pdf.font("", size, table=True)
                n = max(len(pdf.wrap(v, c.w - 2 * st.pad)) if c.wrap else 1 for v, c in zip(r, cols, strict=True))
                need += n * lh + 2 * st.pad
    if st.extra.get("orphan"):  # the head may sit alone at the foot of a page
        need = (max(len(c.head) for c in cols) + gnum) * lh + 2 * st.pad + 1
    if pdf.get_y() + need > pdf.page_break_trigger:
        pdf.add_page()
    draw_head()
    pages: list[int | None] = []
    tw = sum(c.w for c in cols)
    for ri, r in enumerate(rows):
        if isinstance(r, tuple):
            h = lh + 2 * st.pad
            if pdf.get_y() + h * 2 > pdf.page_break_trigger:
                pdf.add_page()
                if st.repeat_head:
                    draw_head()
            pdf.font("B", size, table=True)
            pdf.set_xy(x0 + st.pad, pdf.get_y())
            pdf.cell(tw - 2 * st.pad, h, pdf.tx(r[1]), align="L")
            pdf.set_xy(x0, pdf.get_y() + h)
            pages.append(None)
            continue
        pdf.font("", size, table=True)
        cells = [pdf.wrap(v, c.w - 2 * st.pad) if c.wrap else [v] for v, c in zip(r, cols, strict=True)]
        h = max(len(x) for x in cells) * lh + 2 * st.pad
        if pdf.get_y() + h > pdf.page_break_trigger:
            pdf.add_page()
            if st.cont_caption:
                pdf.font("", size - 0.5, table=True)
                pdf.set_x(x0)
                pdf.cell(tw, lh + 1, pdf.tx(st.cont_caption), new_x="LMARGIN", new_y="NEXT")
            if st.repeat_head:
                draw_head()
            pdf.font("", size, table=True)
        y = pdf.get_y()
        if st.zebra and ri % 2 == 1:
            pdf.set_fill_color(*pdf.theme.light)
            pdf.rect(x0, y, tw, h, style="F")
        x = x0
        for lines, c in zip(cells, cols, strict=True):
            for i, ln in enumerate(lines):
                pdf.set_xy(x + st.pad, y + st.pad + i * lh)
                pdf.cell(c.w - 2 * st.pad, lh, pdf.tx(ln), align=c.align)
            if st.grid == "grid":
                pdf.set_draw_color(90, 90, 90)
                pdf.rect(x, y, c.w, h)
            x += c.w
        if st.grid == "rules":
            pdf.set_draw_color(170, 170, 170)
            pdf.line(x0, y + h, x0 + tw, y + h)
        pdf.set_xy(x0, y + h)
        pages.append(pdf.page_no())
    if st.grid == "minimal":
        pdf.set_draw_color(60, 60, 60)
        pdf.line(x0, pdf.get_y(), x0 + tw, pdf.get_y())
    pdf.ln(3)
    return pages


def make_pdf(rng: random.Random, landscape: bool, choices: list[str]) -> Pdf:
    fam = rng.choices(["helvetica", "times", "dejavu", "dejavuserif", "dejavucond"], [48, 28, 10, 4, 10])[0]
    if fam.startswith("dejavu") and not (DEJAVU / "DejaVuSans.ttf").exists():
        fam = "helvetica"
    pdf = Pdf(orientation="L" if landscape else "P", unit="mm", format=rng.choice(["letter", "letter", "A4"]))
    uni = fam.startswith("dejavu")
    if uni:
        files = {"dejavu": "DejaVuSans", "dejavuserif": "DejaVuSerif", "dejavucond": "DejaVuSansCondensed"}[fam]
        pdf.add_font(fam, "", str(DEJAVU / f"{files}.ttf"))
        pdf.add_font(fam, "B", str(DEJAVU / f"{files}-Bold.ttf"))
    table_family = fam
    if rng.random() < 0.12:
        table_family = "courier"
    elif not uni and rng.random() < 0.2:
        table_family = "helvetica"
    accent = rng.choice([(0, 84, 147), (0, 122, 94), (150, 30, 45), (60, 60, 60), (200, 100, 0), (20, 90, 160),
                         (88, 40, 120)])
    light = tuple(int(230 + (c / 255) * 20) for c in accent)
    pdf.theme = Theme(
        family=fam, uni=uni, size=rng.choice([8.5, 9, 9.5, 10, 10.5]), accent=accent, light=light,
        table_family=table_family,
    )
    m = rng.choice([12.0, 15.0, 18.0, 20.0])
    pdf.set_margins(m, 16, m)
    pdf.set_auto_page_break(True, margin=16)
    choices.append(f"font={fam}/{table_family}")
    return pdf
