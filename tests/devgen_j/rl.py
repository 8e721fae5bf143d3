"""Reportlab platypus layouts: "PDF from Word" reports with numbered sections, spreadsheet annexes, two-up tables."""

from __future__ import annotations

import io
import random
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tests.devgen_j.common import Words, benchmark_label, concrete_note, filler, meta_rows, pct_below, steel_prose
from tests.devgen_j.content import Plan, Product

RL_COLORS = {"nsf": "#00529b", "astm": "#1d3f6e", "ul": "#c8102e", "scs": "#4b8b3b", "smart": "#2a7f8f",
             "nrmca": "#5a2d82", "csa": "#b5121b", "icc": "#0b6e4f", "hub": "#1b998b", "emerge": "#e07a1f"}


def x(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class KeyPara(Paragraph):
    """A paragraph that records the page it is drawn on (the page of a GWP value)."""

    def __init__(self, text: str, style: ParagraphStyle, key: int, record: dict[int, int]) -> None:
        super().__init__(text, style)
        self.key = key
        self.record = record

    def draw(self) -> None:
        self.record.setdefault(self.key, self.canv.getPageNumber())
        super().draw()


class RlDoc:
    def __init__(self, rng: random.Random, plan: Plan) -> None:
        self.rng = rng
        self.plan = plan
        self.w = Words(rng, plan)
        self.pages: dict[int, int] = {}
        self.story: list[Any] = []
        ss = getSampleStyleSheet()
        self.font = rng.choice(["Helvetica", "Times-Roman", "Helvetica"])
        bold = "Helvetica-Bold" if self.font == "Helvetica" else "Times-Bold"
        self.bold = bold
        self.size = rng.choice([8.5, 9, 9.5])
        self.color = colors.HexColor(RL_COLORS.get(plan.meta["op_key"], "#333333"))
        self.body = ParagraphStyle("b", parent=ss["Normal"], fontName=self.font, fontSize=self.size,
                                   leading=self.size * 1.25)
        self.cell = ParagraphStyle("c", parent=self.body, fontSize=self.size - 1, leading=(self.size - 1) * 1.2)
        self.ncell = ParagraphStyle("n", parent=self.cell, alignment=2)
        self.h1 = ParagraphStyle("h1", parent=ss["Heading1"], fontName=bold, textColor=self.color)
        self.h2 = ParagraphStyle("h2", parent=ss["Heading2"], fontName=bold, fontSize=12, textColor=self.color)
        self.h3 = ParagraphStyle("h3", parent=ss["Heading3"], fontName=bold, fontSize=10)
        self.sec = 0
        self.pagesize = letter
        self.grid = rng.choice(["grid", "lines", "box"])

    # ------------------------------------------------------------------ helpers
    def P(self, t: str, st: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(t, st or self.body)

    def heading(self, t: str) -> None:
        self.sec += 1
        self.story.append(self.P(f"{self.sec}. {x(t)}", self.h2))

    def tstyle(self, head_rows: int, extra: list[Any] | None = None, small: bool = False) -> TableStyle:
        fs = self.size - (2.5 if small else 1)
        cmds: list[Any] = [
            ("FONT", (0, 0), (-1, -1), self.font, fs),
            ("FONT", (0, 0), (-1, head_rows - 1), self.bold, fs),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, head_rows), (-1, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        if head_rows:
            cmds.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), colors.HexColor("#dde4ee")))
        if self.grid == "grid":
            cmds.append(("GRID", (0, 0), (-1, -1), 0.4, colors.grey))
        elif self.grid == "lines":
            cmds += [("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey),
                     ("LINEBELOW", (0, head_rows - 1), (-1, head_rows - 1), 1, colors.black)]
        else:
            cmds += [("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("INNERGRID", (0, 0), (-1, -1), 0.25, colors.grey)]
        if self.rng.random() < 0.5:
            cmds.append(("ROWBACKGROUNDS", (0, head_rows), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]))
        return TableStyle(cmds + (extra or []))

    def gval(self, i: int, p: Product, unit: str, mod: str, key: str = "gwp", small: bool = False) -> Any:
        s = p.cells[unit][key][mod]
        if key == "gwp" and unit == p.declared_unit and mod == p.primary_module:
            st = ParagraphStyle("k", parent=self.ncell, fontSize=self.size - (2.5 if small else 1))
            return KeyPara(x(s), st, i, self.pages)
        return s

    def meta_table(self) -> None:
        rows = meta_rows(self.rng, self.plan, self.w)
        data = [[self.P(f"<b>{x(a)}</b>", self.cell), self.P(x(b), self.cell)] for a, b in rows]
        t = Table(data, colWidths=[55 * mm, 120 * mm])
        t.setStyle(self.tstyle(0, [("ALIGN", (0, 0), (-1, -1), "LEFT"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        self.story.append(t)

    def cover(self) -> None:
        p, m = self.plan, self.plan.meta
        title = p.products[0].name if len(p.products) == 1 else {
            "concrete": "Ready Mixed Concrete Mixes", "steel": "Steel Mill Products", "asphalt": "Asphalt Mixtures",
            "flat_glass": "Flat Glass", "cement": "Cement Products"}[p.material]
        self.story += [self.P(x(m["operator"])), self.P("ENVIRONMENTAL PRODUCT DECLARATION", self.h1),
                       self.P(x(title), self.h2), self.P(f"<b>{x(m['manufacturer'])}</b>"), self.P(x(m["manu_addr"]))]
        if m["plant"]:
            self.story += [self.P(x(m["plant"])), self.P(x(m["plant_addr"]))]
        self.story.append(Spacer(1, 6 * mm))

    def prose(self) -> None:
        for h, t in filler(self.rng, self.plan):
            self.heading(h)
            self.story.append(self.P(x(t)))
            if h == "System boundary":
                self.story += [self.P(x(s)) for s in steel_prose(self.rng, self.plan)]
        if self.plan.material == "concrete":
            self.story.append(self.P(x(concrete_note()), self.cell))

    def indicator_table(self, i: int, p: Product, unit: str, keys: list[str], title: str, width: float,
                        keep: bool = True) -> Any:
        w = self.w
        narrow = width < 120 * mm
        head = ["Indicator", "Unit", *[m if narrow else w.module_word[m] for m in p.modules]]
        data: list[list[Any]] = [[self.P(f"<b>{x(h)}</b>", self.cell) for h in head]]
        for k in keys:
            data.append([self.P(x(w.ind[k]), self.cell), self.P(x(w.ind_unit[k]), self.cell),
                         *[self.gval(i, p, unit, m, k) for m in p.modules]])
        nm = len(p.modules)
        lab = width * (0.34 if nm > 1 else 0.5)
        uw = width * 0.18
        cw = [lab, uw, *[(width - lab - uw) / nm] * nm]
        t = Table(data, colWidths=cw, repeatRows=1)
        t.setStyle(self.tstyle(1))
        parts = [self.P(f"<b>{x(title)}</b>", self.cell), Spacer(1, 1 * mm), t, Spacer(1, 3 * mm)]
        return KeepTogether(parts) if keep else parts

    def method_title(self, unit: str) -> str:
        return self.rng.choice([f"Table: {self.w.traci} results {self.w.per_unit(unit)}",
                                f"{self.w.traci} LCIA results, {self.w.per_unit(unit)}"])

    def product_info(self, p: Product) -> Any:
        rows = [("Product", p.name), ("Description", p.description)]
        if p.material == "concrete" and self.plan.opts["strength_where"] == "column":
            rows += [("Specified compressive strength", p.extra["strength"]), ("Test age", f"{p.extra['age']} days")]
        if "early" in p.extra:
            rows.append(("Early-age strength", p.extra["early"]))
        if p.material == "flat_glass":
            rows.append(("Mass per unit area", p.extra["mass"]))
        t = Table([[self.P(f"<b>{x(a)}</b>", self.cell), self.P(x(b), self.cell)] for a, b in rows],
                  colWidths=[50 * mm, 125 * mm])
        t.setStyle(self.tstyle(0, [("ALIGN", (0, 0), (-1, -1), "LEFT")]))
        return t

    def extras(self, i: int, p: Product, width: float, keep: bool = True) -> list[Any]:
        out = []
        u = p.declared_unit
        if self.w.ar:
            out.append(self.indicator_table(i, p, u, ["gwp_ar5"], f"{self.w.ar} results", width, keep))
        if "EN 15804+A2" in self.plan.meta["methods"]:
            out.append(self.indicator_table(i, p, u, ["gwp_total", "gwp_fossil", "gwp_bio", "gwp_luluc"],
                                            "Core indicators, EN 15804+A2", width, keep))
        if "CML-IA" in self.plan.meta["methods"]:
            out.append(self.indicator_table(i, p, u, ["gwp_cml"], "CML-IA results", width, keep))
        return out

    # ------------------------------------------------------------------ layouts
    def layout_word(self) -> None:
        p = self.plan.products[0]
        self.cover()
        self.heading("General information")
        self.meta_table()
        self.story.append(PageBreak())
        self.heading("Product identification")
        self.story.append(self.product_info(p))
        self.prose()
        self.story.append(PageBreak())
        self.heading("Life cycle assessment results")
        self.story.append(self.P(f"Results for <b>{x(p.name)}</b>, cradle to gate (A1-A3)."))
        width = 175 * mm
        keys = ["gwp", "odp", "ap", "ep", "sfp"]
        for u in p.units:
            self.story.append(self.indicator_table(0, p, u, keys, self.method_title(u), width))
        self.story += self.extras(0, p, width)
        self.story.append(self.indicator_table(0, p, p.declared_unit, ["penre", "water"], "Resource use", width))

    def layout_twoup(self) -> None:
        p = self.plan.products[0]
        self.cover()
        self.meta_table()
        self.story.append(PageBreak())
        self.story.append(self.product_info(p))
        self.prose()
        self.story.append(PageBreak())
        self.heading("Results")
        self.story.append(self.P(f"{x(p.name)}: {x(self.w.declared_unit_text())}"))
        half = 86 * mm
        keys = ["gwp", "odp", "ap", "ep", "sfp"]
        left = self.indicator_table(0, p, p.declared_unit, keys, self.method_title(p.declared_unit), half, False)
        rest = self.extras(0, p, half, False)
        if len(p.units) > 1:
            right = self.indicator_table(0, p, p.units[1], keys, self.method_title(p.units[1]), half, False)
        elif rest:
            right = rest.pop(0)
        else:
            right = self.indicator_table(0, p, p.declared_unit, ["penre", "water"], "Resource use", half, False)
        outer = Table([[left, right]], colWidths=[half + 3 * mm, half + 3 * mm])
        outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        self.story.append(outer)
        self.story += [KeepTogether(r) for r in rest]

    def layout_per_product(self) -> None:
        self.cover()
        self.meta_table()
        self.story.append(PageBreak())
        self.prose()
        self.story.append(PageBreak())
        self.heading("Results per product")
        width = 175 * mm
        for i, p in enumerate(self.plan.products):
            block = [self.P(f"<b>{self.sec}.{i + 1} {x(p.name)}</b>", self.h3), self.product_info(p), Spacer(1, 2 * mm)]
            for u in p.units:
                block.append(self.indicator_table(i, p, u, ["gwp", "odp", "ap", "ep", "sfp"], self.method_title(u),
                                                  width))
            self.story.append(KeepTogether(block))

    def layout_matrix(self) -> None:
        self.cover()
        self.meta_table()
        self.story.append(PageBreak())
        self.heading("Products covered")
        data = [["Product", "Description"]] + [[self.P(x(p.name), self.cell), self.P(x(p.description), self.cell)]
                                               for p in self.plan.products]
        t = Table(data, colWidths=[60 * mm, 115 * mm], repeatRows=1)
        t.setStyle(self.tstyle(1, [("ALIGN", (0, 0), (-1, -1), "LEFT")]))
        self.story.append(t)
        self.prose()
        self.story.append(PageBreak())
        self.heading("Results")
        prods = list(enumerate(self.plan.products))
        mods = prods[0][1].modules
        per = max(1, 8 // len(mods)) if len(mods) > 1 else 5
        w = self.w
        keys = ["gwp", "odp", "ap", "ep", "sfp"]
        for u in prods[0][1].units:
            for k0 in range(0, len(prods), per):
                ch = prods[k0:k0 + per]
                ncol = len(ch) * len(mods)
                small = ncol > 5
                cw0 = 40 * mm
                cw = (175 * mm - cw0 - 20 * mm) / ncol
                if len(mods) == 1:
                    data = [["Indicator", "Unit", *[self.P(f"<b>{x(p.name)}</b>", self.cell) for _, p in ch]]]
                    hr = 1
                    spans: list[Any] = []
                else:
                    r1: list[Any] = ["Indicator", "Unit"]
                    spans = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]
                    for j, (_, p) in enumerate(ch):
                        r1 += [self.P(f"<b>{x(p.name)}</b>", self.cell)] + [""] * (len(mods) - 1)
                        c0 = 2 + j * len(mods)
                        spans.append(("SPAN", (c0, 0), (c0 + len(mods) - 1, 0)))
                    r2 = ["", "", *[m for _ in ch for m in mods]]
                    data = [r1, r2]
                    hr = 2
                for k in keys:
                    data.append([self.P(x(w.ind[k]), self.cell), w.ind_unit[k],
                                 *[self.gval(i, p, u, m, k, small) for i, p in ch for m in mods]])
                t = Table(data, colWidths=[cw0, 20 * mm, *[cw] * ncol], repeatRows=hr)
                t.setStyle(self.tstyle(hr, [*spans, ("ALIGN", (2, 0), (-1, hr - 1), "CENTER")], small))
                self.story.append(KeepTogether([self.P(f"<b>{x(self.method_title(u))}</b>", self.cell), t,
                                                Spacer(1, 4 * mm)]))

    def layout_rows(self, annex: bool = False) -> None:
        rng, w, plan = self.rng, self.w, self.plan
        self.cover()
        self.heading("General information")
        self.meta_table()
        self.story.append(PageBreak())
        self.prose()
        self.story.append(PageBreak())
        if annex:
            self.story.append(self.P("ANNEX A - RESULTS BY MIX (SPREADSHEET EXPORT)", self.h2))
        else:
            self.heading("Results by product")
        self.story.append(self.P(x(f"{w.traci}, cradle to gate. Declared unit: {w.declared_unit_text()}."),
                                 self.cell))
        p0 = plan.products[0]
        mat = plan.material
        where, s_unit = plan.opts["strength_where"], plan.opts["strength_unit"]
        small = annex or len(plan.products) > 8
        cols: list[tuple[str, str, Any, float]] = []  # group, head, fn, width weight
        cols.append(("", "Mix ID" if mat == "concrete" else "Product", lambda i, p: self.P(x(p.name), self.cell), 3))
        if mat != "concrete" or where == "description" or annex:
            cols.append(("", "Description", lambda i, p: self.P(x(p.description), self.cell), 4))
        if mat == "concrete" and where == "column":
            any_age = any(p.extra["age"] != "28" for p in plan.products)
            if s_unit in ("psi", "both"):
                cols.append(("Strength", "f'c (psi)" + ("" if any_age else "\n28-day"),
                             lambda i, p: p.extra["psi"], 1))
            if s_unit in ("mpa", "both"):
                cols.append(("Strength", "f'c (MPa)" + ("" if any_age else "\n28-day"),
                             lambda i, p: p.extra["mpa"], 1))
            if any_age:
                cols.append(("Strength", "Age (d)", lambda i, p: p.extra["age"], 0.8))
        if mat == "concrete" and annex:
            cols.append(("", "SCM", lambda i, p: p.extra["scm"], 0.8))
        for u in p0.units:
            for m in p0.modules:
                cols.append((f"{w.traci} GWP ({w.co2} {w.per_unit(u)})", w.module_word[m].replace(" ", "\n", 1),
                             lambda i, p, u=u, m=m: self.gval(i, p, u, m, "gwp", small), 1.3))
        total = "A1-A3" in p0.modules
        u = p0.declared_unit
        if total and "EN 15804+A2" in plan.meta["methods"]:
            for k in ("gwp_total", "gwp_fossil", "gwp_bio"):
                cols.append(("EN 15804+A2", w.ind[k], lambda i, p, k=k: p.cells[u][k]["A1-A3"], 1.2))
        if mat == "concrete" and rng.random() < 0.5:
            cols.append(("", benchmark_label(rng).replace(" ", "\n", 1), lambda i, p: p.extra["bench"], 1.3))
            cols.append(("", "% below\nbaseline", lambda i, p: pct_below(p, u, None), 1))
        if total:
            for k in ["odp", "ap", "ep", "sfp", "penre"][: max(0, 12 - len(cols)) if annex else 2]:
                cols.append(("Other indicators", f"{w.ind[k]}\n{w.ind_unit[k]}",
                             lambda i, p, k=k: p.cells[u][k]["A1-A3"], 1.2))
        grouped = any(c[0] for c in cols)
        r1: list[Any] = []
        r2: list[Any] = []
        spans: list[Any] = []
        k = 0
        while k < len(cols):
            g = cols[k][0]
            if not g or not grouped:
                r1.append(cols[k][1])
                r2.append("")
                if grouped:
                    spans.append(("SPAN", (k, 0), (k, 1)))
                k += 1
                continue
            span = 1
            while k + span < len(cols) and cols[k + span][0] == g:
                span += 1
            r1 += [self.P(f"<b>{x(g)}</b>", self.cell)] + [""] * (span - 1)
            r2 += [c[1] for c in cols[k:k + span]]
            spans.append(("SPAN", (k, 0), (k + span - 1, 0)))
            k += span
        fs = self.size - (2.5 if small else 1)
        hst = ParagraphStyle("h", parent=self.cell, fontName=self.bold, fontSize=fs, leading=fs * 1.15, alignment=1)

        def hp(c: Any) -> Any:
            return self.P(x(c).replace("\n", "<br/>"), hst) if isinstance(c, str) and c else c

        head = [[hp(c) for c in r1], [hp(c) for c in r2]] if grouped else [[hp(c) for c in r1]]
        data = head + [[c[2](i, p) for c in cols] for i, p in enumerate(plan.products)]
        if annex or sum(c[3] for c in cols) > 16:
            self.pagesize = landscape(letter)
        total_w = (self.pagesize[0] - 30 * mm)
        weights = sum(c[3] for c in cols)
        cw = [total_w * c[3] / weights for c in cols]
        repeat = len(head) if rng.random() < 0.7 else 0
        t = Table(data, colWidths=cw, repeatRows=repeat)
        t.setStyle(self.tstyle(len(head), [*spans, ("ALIGN", (0, 0), (-1, len(head) - 1), "CENTER")], small))
        self.story.append(t)

    def layout_annex(self) -> None:
        self.layout_rows(annex=True)

    def render(self) -> tuple[bytes, dict[int, int]]:
        getattr(self, f"layout_{self.plan.layout}")()
        buf = io.BytesIO()
        m = self.plan.meta

        def deco(canv: Any, doc: Any) -> None:
            canv.saveState()
            canv.setFont(self.font, 7)
            canv.drawString(15 * mm, 10 * mm, f"{m['manufacturer']} - EPD {m['reg']}")
            canv.drawRightString(doc.pagesize[0] - 15 * mm, 10 * mm, f"Page {doc.page}")
            canv.restoreState()

        doc = SimpleDocTemplate(buf, pagesize=self.pagesize, leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=15 * mm, bottomMargin=18 * mm, title=f"EPD {m['reg']}",
                                author=m["manufacturer"], invariant=1)
        doc.build(self.story, onFirstPage=deco, onLaterPages=deco)
        return buf.getvalue(), self.pages
