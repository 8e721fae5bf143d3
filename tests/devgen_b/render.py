"""Draws a plan with fpdf2: cover, running heads, prose, system boundary, results tables. Every TRACI (or, with no
TRACI, EF) GWP value of the production stage is recorded with the page it lands on, as printed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from fpdf import FPDF

from . import prose
from .numbers import NumStyle, Printed, format_number
from .plan import CORE, SHORT_TON, TOTAL, YD3, Plan, Product

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONT_FILES = {
    "dejavu": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "dejavu-cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSansCondensed-Oblique.ttf"),
    "dejavu-serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
}
CORE_MAP = str.maketrans({"₂": "2", "–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "≤": "<=",
                          "≥": ">=", "⁻": "-", "☒": "[X]", "☐": "[ ]", "•": "-", "…": "...", "⁰": "0", "⁴": "4",
                          "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁺": "+", "→": "->", "Δ": "d"})
PT = 0.3528  # mm per point

IND_LABELS: dict[str, dict[str, tuple[str, str, str]]] = {
    "TRACI": {
        "gwp": ("Global Warming Potential", "GWP", "{gwp}"),
        "odp": ("Ozone Depletion Potential", "ODP", "kg CFC-11 eq"),
        "ap": ("Acidification Potential", "AP", "kg SO2 eq"),
        "ep": ("Eutrophication Potential", "EP", "kg N eq"),
        "sfp": ("Smog Formation Potential", "SFP", "kg O3 eq"),
        "ffd": ("Fossil Fuel Depletion", "FFD", "MJ surplus"),
    },
    "EF": {
        "gwp_total": ("Climate change - total", "GWP-total", "{gwp}"),
        "gwp_fossil": ("Climate change - fossil", "GWP-fossil", "{gwp}"),
        "gwp_bio": ("Climate change - biogenic", "GWP-biogenic", "{gwp}"),
        "gwp_luluc": ("Climate change - land use and land use change", "GWP-luluc", "{gwp}"),
        "gwp_ghg": ("Climate change - GHG (IPCC AR5, excl. biogenic)", "GWP-GHG", "{gwp}"),
        "odp": ("Ozone depletion", "ODP", "kg CFC-11 eq"),
        "ap": ("Acidification", "AP", "mol H+ eq"),
        "ep_fw": ("Eutrophication aquatic freshwater", "EP-freshwater", "kg P eq"),
        "pocp": ("Photochemical ozone formation", "POCP", "kg NMVOC eq"),
        "adpf": ("Depletion of abiotic resources - fossil fuels", "ADP-fossil", "MJ"),
    },
    "CML": {
        "gwp": ("Global warming (GWP100a)", "GWP100", "{gwp}"),
        "odp": ("Ozone layer depletion (ODP)", "ODP", "kg CFC-11 eq"),
        "ap": ("Acidification", "AP", "kg SO2 eq"),
        "ep": ("Eutrophication", "EP", "kg PO4 eq"),
        "pocp": ("Photochemical oxidation", "POCP", "kg C2H4 eq"),
        "adpe": ("Abiotic depletion (elements)", "ADPE", "kg Sb eq"),
        "adpf": ("Abiotic depletion (fossil fuels)", "ADPF", "MJ"),
    },
    "RES": {
        "penrt": ("Total use of non-renewable primary energy", "PENRT", "MJ"),
        "pert": ("Total use of renewable primary energy", "PERT", "MJ"),
        "sm": ("Use of secondary materials", "SM", "kg"),
        "fw": ("Net use of fresh water", "FW", "m3"),
        "hwd": ("Hazardous waste disposed", "HWD", "kg"),
        "nhwd": ("Non-hazardous waste disposed", "NHWD", "kg"),
    },
}
GWP_KEY = {"TRACI": "gwp", "EF": "gwp_total", "CML": "gwp"}
METHOD_TITLE = {"EF": "EN 15804+A2 (EF 3.1)", "CML": "CML-IA baseline", "RES": "Resource use and waste"}
MODULE_NAMES = {"A1": "Raw Material Supply", "A2": "Transport", "A3": "Manufacturing"}
FACTOR = {("m3", "yd3"): YD3, ("yd3", "m3"): 1 / YD3, ("t", "short_ton"): SHORT_TON, ("short_ton", "t"): 1 / SHORT_TON}


@dataclass
class Cell:
    text: str
    sup: str = ""
    bold: bool = False
    rec: tuple[int, str, str, str] | None = None  # product index, method, unit, module


@dataclass
class Record:
    product: int
    method: str
    unit: str
    module: str
    text: str
    page: int
    cover: bool = False


class _Pdf(FPDF):
    def __init__(self, owner: Renderer, fmt: str) -> None:
        super().__init__(orientation="P", unit="mm", format=fmt)
        self.owner = owner

    def header(self) -> None:
        self.owner.header()

    def footer(self) -> None:
        self.owner.footer()


@dataclass
class Output:
    pdf: bytes
    pages: int
    section_pages: dict[str, int]
    records: list[Record] = field(default_factory=list)


class Renderer:
    def __init__(self, plan: Plan, total: int | None, toc: dict[str, int] | None) -> None:
        self.plan = plan
        self.total = total
        self.toc_pages = toc or {}
        self.rng = random.Random(plan.prose_seed)
        self.records: list[Record] = []
        self.section_pages: dict[str, int] = {}
        self.table_no = 0
        self.orient = "P"
        self.in_cover = False
        pdf = _Pdf(self, plan.page_format)
        pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
        pdf.set_producer("devgen-b")
        pdf.set_title(f"EPD {plan.registration}")
        pdf.set_author(plan.manufacturer)
        margin = self.rng.choice([14.0, 16.0, 18.0, 20.0])
        pdf.set_margins(margin, 22 if plan.header != "none" else 16, margin)
        pdf.set_auto_page_break(True, 18)
        if plan.font.startswith("dejavu"):
            regular, bold, italic = FONT_FILES[plan.font]
            pdf.add_font("body", "", FONT_DIR + regular)
            pdf.add_font("body", "B", FONT_DIR + bold)
            pdf.add_font("body", "I", FONT_DIR + italic)
            self.fam = "body"
            self.core = False
        else:
            self.fam = plan.font
            self.core = True
        self.pdf = pdf
        self.head_fill = self.rng.choice(["accent", "grey", "light", "none"])
        self.title = self._title()

    # ------------------------------------------------------------------------------------------ text helpers
    def t(self, s: str) -> str:
        if self.core:
            s = s.translate(CORE_MAP)
            return s.encode("latin-1", "replace").decode("latin-1")
        return s

    def font(self, style: str = "", size: float = 9.0) -> None:
        self.pdf.set_font(self.fam, style, size)

    def color(self, rgb: tuple[int, int, int] = (0, 0, 0)) -> None:
        self.pdf.set_text_color(*rgb)

    def para(self, text: str, size: float = 9.0, align: str = "J", gap: float = 2.0) -> None:
        self.font("", size)
        self.color((30, 30, 30))
        self.pdf.multi_cell(0, size * PT * 1.45, self.t(text), align=align, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: 13.0, 2: 10.5, 3: 9.0}[level]
        self.need(size * PT * 4 + (25 if level > 1 else 12))
        self.font("B", size)
        self.color(self.plan.accent if level < 3 else (20, 20, 20))
        self.pdf.cell(0, size * PT * 1.6, self.t(text), new_x="LMARGIN", new_y="NEXT")
        if level == 1 and self.rng.random() < 0.5:
            y = self.pdf.get_y()
            self.pdf.set_draw_color(*self.plan.accent)
            self.pdf.set_line_width(0.4)
            self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
            self.pdf.ln(1.5)
        self.pdf.ln(1)
        self.color()

    def need(self, h: float) -> None:
        if self.pdf.get_y() + h > self.pdf.h - self.pdf.b_margin:
            self.page()

    def page(self, orient: str | None = None) -> None:
        if orient:
            self.orient = orient
        self.pdf.add_page(orientation=self.orient)

    def section(self, name: str) -> None:
        self.section_pages.setdefault(name, self.pdf.page_no())

    def text_at(self, x: float, y: float, s: str) -> None:
        self.pdf.text(x, y, self.t(s))

    def width(self, s: str) -> float:
        return float(self.pdf.get_string_width(self.t(s)))

    def fmt(self, value: float, style: NumStyle) -> Printed:
        return format_number(value, style, unicode_ok=not self.core)

    def unit(self, u: str) -> str:
        return self.plan.unit_words[u]

    def per(self, u: str) -> str:
        w = self.unit(u)
        return self.rng.choice([f"per {w}", f"per 1 {w}", f"/{w}"]) if len(w) < 6 else f"per {w}"

    def _title(self) -> str:
        p = self.plan
        if len(p.products) == 1 and p.material != "concrete":
            return p.products[0].name
        return {"concrete": "Ready Mixed Concrete", "steel": "Steel Products", "flat_glass": "Flat Glass Products",
                "asphalt": "Asphalt Mixtures", "cement": "Cement"}[p.material]

    # -------------------------------------------------------------------------------------- running heads
    def header(self) -> None:
        pdf, p = self.pdf, self.plan
        if pdf.page_no() == 1 or p.header == "none":
            return
        self.font("", 7.5)
        self.color((90, 90, 90))
        right = pdf.w - pdf.r_margin
        if p.header == "title_right":
            self.text_at(pdf.l_margin, 11, "Environmental Product Declaration")
            s = f"{p.manufacturer} | {self.title}"
            self.text_at(right - self.width(s), 11, s)
        elif p.header == "reg_right":
            self.text_at(pdf.l_margin, 11, p.operator.name)
            s = f"EPD #{p.registration}"
            self.text_at(right - self.width(s), 11, s)
        elif p.header == "band":
            pdf.set_fill_color(*p.accent)
            pdf.rect(0, 0, pdf.w, 13, style="F")
            self.color((255, 255, 255))
            self.font("B", 8)
            self.text_at(pdf.l_margin, 8.5, f"{p.manufacturer} - {self.title}")
            self.font("", 7.5)
            s = "ENVIRONMENTAL PRODUCT DECLARATION"
            self.text_at(right - self.width(s), 8.5, s)
        elif p.header == "logo_left":
            pdf.set_fill_color(*p.accent)
            pdf.rect(pdf.l_margin, 6, 7, 7, style="F")
            self.text_at(pdf.l_margin + 9, 11, p.operator.name)
            s = "According to ISO 14025 and ISO 21930:2017"
            self.text_at(right - self.width(s), 11, s)
        else:
            s1, s2 = self.title, p.manufacturer
            self.text_at(right - self.width(s1), 8, s1)
            self.text_at(right - self.width(s2), 12, s2)
        if p.header != "band":
            pdf.set_draw_color(*p.accent)
            pdf.set_line_width(0.3)
            pdf.line(pdf.l_margin, 14, right, 14)
        self.color()

    def footer(self) -> None:
        pdf, p = self.pdf, self.plan
        n = pdf.page_no()
        if n == 1 and p.footer != "page_num":
            return
        total = self.total or 99
        self.font("", 7.5)
        self.color((90, 90, 90))
        y = pdf.h - 9
        right = pdf.w - pdf.r_margin
        if p.footer == "page_of":
            s = f"Page {n} of {total}"
            self.text_at((pdf.w - self.width(s)) / 2, y, s)
        elif p.footer == "page_num":
            s = str(n)
            self.text_at(right - self.width(s), y, s)
        elif p.footer == "copyright":
            self.text_at(pdf.l_margin, y, f"© {p.issued.year} {p.operator.web}")
            s = f"{n}" if not p.page_of else f"{n} of {total}"
            self.text_at(right - self.width(s), y, s)
        elif p.footer == "reg_page":
            self.text_at(pdf.l_margin, y, f"{p.reg_label}: {p.registration}")
            s = f"Page {n} of {total}" if p.page_of else f"Page {n}"
            self.text_at(right - self.width(s), y, s)
        elif p.footer == "dates":
            until = f" | Valid until {p.date(p.valid_until)}" if p.valid_until and p.validity in (
                "until", "until_minus") else ""
            self.text_at(pdf.l_margin, y, f"Issued {p.date(p.issued)}{until}")
            s = f"{n}"
            self.text_at(right - self.width(s), y, s)
        elif p.footer == "web_page":
            s = f"{p.operator.web}  |  {n}"
            self.text_at(right - self.width(s), y, s)
        else:
            s = f"{n}/{total}" if p.page_of else f"- {n} -"
            self.text_at((pdf.w - self.width(s)) / 2, y, s)
        self.color()

    # ---------------------------------------------------------------------------------------- metadata
    def validity_items(self) -> list[tuple[str, str]]:
        p = self.plan
        issued = p.date(p.issued)
        until = p.date(p.valid_until) if p.valid_until else ""
        il = self.rng.choice(["Date of Issue", "Issue Date", "Date of issue", "Issued", "Publication Date",
                              "Date Issued"])
        if p.validity in ("until", "until_minus"):
            vl = self.rng.choice(["Valid until", "Valid Through", "Expiration Date", "Period of Validity",
                                  "Valid to", "Validity End"])
            return [(il, issued), (vl, until)]
        if p.validity == "range":
            form = self.rng.choice(["EPD Valid {a} through {b}", "{a} - {b}", "{a} to {b}", "{a} through {b}"])
            return [(self.rng.choice(["Period of Validity", "Validity Period", "EPD Validity"]),
                     form.format(a=issued, b=until))]
        if p.validity == "years":
            years = self.rng.choice(["5 Years", "5 years", "Five (5) years", "5 years from date of issue"])
            return [(il, issued), (self.rng.choice(["Period of Validity", "Validity", "Period of validity"]), years)]
        return [(il, issued)]

    def meta_items(self) -> list[tuple[str, str]]:
        p = self.plan
        items: list[tuple[str, str]] = [
            ("Program Operator", f"{p.operator.long_name}, {p.operator.address}"),
            ("Declaration Holder" if self.rng.random() < 0.5 else "Manufacturer",
             f"{p.manufacturer}, {p.mfr_address}"),
        ]
        if p.plant:
            items.append((self.rng.choice(["Plant", "Manufacturing Facility", "Plant Location", "Facility"]),
                          f"{p.plant}, {p.plant_address}"))
        items.append((p.reg_label, p.registration))
        items.append(("Declared Product", self.title if len(p.products) > 1 else p.products[0].name))
        items.append(("Declared Unit" if self.rng.random() < 0.8 else "Declared Unit / Functional Unit",
                      p.declared_text))
        pcr = p.pcr + (f" ({p.pcr_note})" if p.pcr_note else "")
        items.append((self.rng.choice(["Reference PCR", "PCR", "Product Category Rule (PCR)", "Reference PCR and "
                                                                                               "version"]), pcr))
        items += self.validity_items()
        if p.version_date:
            items.append(("Version", p.date(p.version_date)))
        if p.epd_type_text:
            items.append(("EPD Type", p.epd_type_text))
        items.append(("EPD Scope", self.rng.choice(["Cradle to gate (A1-A3)", "Cradle-to-gate", "A1-A3"])))
        items.append(("Year of Reported Primary Data", str(p.data_year)))
        methods = {"TRACI": p.traci_label, "EF": "EN 15804+A2 / EF 3.1", "CML": "CML-IA 4.8"}
        items.append(("LCIA Methodology", ", ".join(methods[m] for m in p.methods)))
        items.append(("LCA Software & Database", f"{p.software}; {p.database}"))
        items.append(("LCA Practitioner", p.lca_by + (f" (LCA report dated {p.date(p.lca_report)})"
                                                       if p.lca_report else "")))
        items.append(("Independent verification", (
            "External verification of the declaration and data according to ISO 14025 and ISO 21930"
            if p.verified else "Internal verification only (not third-party verified)")))
        items.append(("Verifier", f"{p.verifier}" + (f", {self.rng.choice(['independent', 'external'])} verifier"
                                                      if p.verified else "")))
        if p.verified_on:
            items.append(("Date of Verification", p.date(p.verified_on)))
        return items

    def kv_table(self, items: list[tuple[str, str]], style: str, x: float | None = None, w: float | None = None,
                 size: float = 8.0) -> None:
        pdf = self.pdf
        x0 = pdf.l_margin if x is None else x
        total_w = (pdf.w - pdf.r_margin - x0) if w is None else w
        lw = total_w * (0.34 if style != "stacked" else 1.0)
        lh = size * PT * 1.45
        for label, value in items:
            if style == "stacked":
                self.need(lh * 3)
                pdf.set_x(x0)
                self.font("B", size)
                self.color(self.plan.accent)
                pdf.cell(total_w, lh, self.t(label), new_x="LEFT", new_y="NEXT")
                self.font("", size)
                self.color((20, 20, 20))
                pdf.set_x(x0)
                pdf.multi_cell(total_w, lh, self.t(value), new_x="LEFT", new_y="NEXT")
                pdf.ln(1.5)
                continue
            self.font("", size)
            wrapped = pdf.multi_cell(total_w - lw - 2, lh, self.t(value), dry_run=True, output="LINES")
            lines = len(wrapped) if isinstance(wrapped, list) else 1
            h = max(1, lines) * lh + 1.6
            self.need(h)
            y = pdf.get_y()
            if style == "shaded":
                pdf.set_fill_color(232, 236, 240)
                pdf.rect(x0, y, lw, h, style="F")
            if style in ("grid", "shaded"):
                pdf.set_draw_color(150, 150, 150)
                pdf.set_line_width(0.15)
                pdf.rect(x0, y, total_w, h)
                pdf.line(x0 + lw, y, x0 + lw, y + h)
            elif style == "rules":
                pdf.set_draw_color(190, 190, 190)
                pdf.set_line_width(0.15)
                pdf.line(x0, y + h, x0 + total_w, y + h)
            self.font("B", size)
            self.color((40, 40, 40))
            label_text = label.upper() if style == "shaded" and self.plan.cover == "ul_table" else label
            colon = ":" if style == "plain" else ""
            if style == "right":
                pdf.set_xy(x0, y + 0.8)
                pdf.cell(lw - 2, lh, self.t(label + ":"), align="R")
            else:
                pdf.set_xy(x0 + 1, y + 0.8)
                pdf.multi_cell(lw - 2, lh, self.t(label_text + colon))
            self.font("", size)
            self.color((20, 20, 20))
            pdf.set_xy(x0 + lw + 1, y + 0.8)
            pdf.multi_cell(total_w - lw - 2, lh, self.t(value))
            pdf.set_xy(x0, y + h)
        self.color()

    def logo(self, x: float, y: float, w: float, h: float) -> None:
        pdf, p = self.pdf, self.plan
        pdf.set_fill_color(*p.accent)
        pdf.rect(x, y, h, h, style="F")
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(x + h * 0.25, y + h * 0.25, h * 0.5, h * 0.5, style="F")
        pdf.set_fill_color(*p.accent)
        pdf.rect(x + h * 0.4, y + h * 0.4, h * 0.2, h * 0.2, style="F")
        self.font("B", h * 1.2)
        self.color(p.accent)
        self.text_at(x + h + 2, y + h * 0.72, p.operator.name.split(" (")[0])
        self.color()

    def photo(self, x: float, y: float, w: float, h: float) -> None:
        """A product photograph stand-in: bands of related tones."""
        base = self.rng.choice([(150, 150, 145), (110, 120, 130), (170, 160, 140), (120, 135, 150)])
        n = 14
        for i in range(n):
            k = 0.75 + 0.5 * ((i * 7919) % n) / n
            self.pdf.set_fill_color(*(min(255, int(c * k)) for c in base))
            self.pdf.rect(x, y + i * h / n, w, h / n + 0.2, style="F")

    # ------------------------------------------------------------------------------------------- cover
    def cover(self) -> None:
        p = self.plan
        self.section("cover")
        self.page("P")
        getattr(self, f"cover_{p.cover}")()
        if p.toc and p.cover in ("sidebar", "boxed", "ul_table"):
            self.toc()

    def _cover_gwp(self, x: float, y: float) -> None:
        p = self.plan
        if not (p.results.cover_gwp and p.results.show_total):
            return
        pdf = self.pdf
        units = p.units
        w = 58.0
        for i, u in enumerate(units):
            v = p.products[0].values[self.main_method()][GWP_KEY[self.main_method()]][TOTAL] * self.factor(u)
            pr = self.fmt(v, p.num)
            bx = x + i * (w + 4)
            pdf.set_fill_color(*p.accent)
            pdf.rect(bx, y, w, 24, style="F")
            self.color((255, 255, 255))
            self.font("", 7)
            self.text_at(bx + 3, y + 5, "GLOBAL WARMING POTENTIAL (A1-A3)")
            self.font("B", 16)
            self.text_at(bx + 3, y + 14, pr.main)
            if pr.sup:
                sw = self.width(pr.main)
                self.font("B", 9)
                self.text_at(bx + 3 + sw + 0.1, y + 11, pr.sup)
            self.font("", 8)
            self.text_at(bx + 3, y + 20, f"{p.gwp_unit} {self.per(u)}")
            self.records.append(Record(0, self.main_method(), u, TOTAL, pr.text, pdf.page_no(), cover=True))
        self.color()

    def _product_block(self, x: float, size: float = 18.0) -> None:
        p, pdf = self.plan, self.pdf
        pdf.set_x(x)
        self.font("B", size)
        self.color(p.accent)
        if len(p.products) == 1:
            prod = p.products[0]
            pdf.multi_cell(pdf.w - pdf.r_margin - x, size * PT * 1.3, self.t(prod.name), new_x="LEFT",
                           new_y="NEXT")
            if prod.description:
                self.font("", size * 0.6)
                self.color((40, 40, 40))
                pdf.set_x(x)
                pdf.multi_cell(pdf.w - pdf.r_margin - x, size * 0.6 * PT * 1.4, self.t(prod.description),
                               new_x="LEFT", new_y="NEXT")
        else:
            pdf.multi_cell(pdf.w - pdf.r_margin - x, size * PT * 1.3, self.t(self.title), new_x="LEFT",
                           new_y="NEXT")
            self.font("", size * 0.55)
            self.color((40, 40, 40))
            pdf.set_x(x)
            what = "mix designs" if p.material in ("concrete", "asphalt") else "products"
            pdf.cell(0, 6, self.t(f"{len(p.products)} {what}"), new_x="LEFT", new_y="NEXT")
        self.color()

    def cover_band(self) -> None:
        p, pdf = self.plan, self.pdf
        pdf.set_fill_color(*p.accent)
        pdf.rect(0, 0, pdf.w, 48, style="F")
        self.color((255, 255, 255))
        self.font("B", 20)
        self.text_at(pdf.l_margin, 31, "ENVIRONMENTAL PRODUCT DECLARATION")
        self.font("", 10)
        self.text_at(pdf.l_margin, 40, "In accordance with ISO 14025 and ISO 21930:2017")
        self.font("B", 12)
        lw = self.width(p.operator.name.split(" (")[0]) + 16
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(pdf.w - pdf.r_margin - lw, 6, lw, 13, style="F")
        self.logo(pdf.w - pdf.r_margin - lw + 2, 7.5, lw, 10)
        pdf.set_y(58)
        self._product_block(pdf.l_margin)
        self.font("", 11)
        pdf.cell(0, 7, self.t(p.manufacturer), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        self._cover_gwp(pdf.l_margin, pdf.get_y())
        if p.results.cover_gwp and p.results.show_total:
            pdf.set_y(pdf.get_y() + 30)
        self.kv_table(self.cover_items(), self.rng.choice(["plain", "rules", "right"]), size=8.5)
        y = pdf.get_y() + 6
        if pdf.h - 22 - y > 40 and self.rng.random() < 0.7:
            self.photo(pdf.l_margin, y, pdf.w - pdf.l_margin - pdf.r_margin, pdf.h - 22 - y)

    def cover_items(self) -> list[tuple[str, str]]:
        """The fields a short cover carries (the general page repeats them with the rest)."""
        p = self.plan
        items = [(p.reg_label, p.registration), *self.validity_items(),
                 ("Program Operator", p.operator.name), ("Declared Unit", p.declared_text)]
        if p.plant:
            items.insert(1, ("Plant", f"{p.plant}, {p.plant_address}"))
        if p.epd_type_text and self.rng.random() < 0.5:
            items.append(("EPD Type", p.epd_type_text))
        return items

    def cover_boxed(self) -> None:
        p, pdf = self.plan, self.pdf
        self.logo(pdf.w - pdf.r_margin - 50, 12, 50, 11)
        pdf.set_draw_color(*p.accent)
        pdf.set_line_width(0.6)
        pdf.rect(pdf.l_margin, 28, pdf.w - pdf.l_margin - pdf.r_margin, 30)
        pdf.set_xy(pdf.l_margin + 4, 31)
        self.font("B", 14)
        self.color(p.accent)
        pdf.multi_cell(pdf.w - pdf.l_margin - pdf.r_margin - 8, 7,
                       self.t(f"Environmental Product Declaration - {self.title}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(pdf.l_margin + 4)
        self.font("", 10)
        self.color((30, 30, 30))
        pdf.cell(0, 6, self.t(p.manufacturer))
        pdf.set_y(62)
        if len(p.products) == 1 and p.products[0].description:
            self.para(f"{p.products[0].name}: {p.products[0].description}", size=9)
        self._cover_gwp(pdf.l_margin, pdf.get_y())
        if p.results.cover_gwp and p.results.show_total:
            pdf.set_y(pdf.get_y() + 28)
        self.kv_table(self.meta_items(), "grid", size=7.5)

    def cover_sidebar(self) -> None:
        p, pdf = self.plan, self.pdf
        band = pdf.w * 0.42
        for i, shade in enumerate([(200, 205, 210), (170, 180, 190), (140, 150, 160), (185, 190, 170)]):
            pdf.set_fill_color(*shade)
            pdf.rect(0, i * pdf.h / 4, band, pdf.h / 4, style="F")
        pdf.set_fill_color(*p.accent)
        pdf.rect(band + 6, 10, 60, 8, style="F")
        self.color((255, 255, 255))
        self.font("B", 8)
        self.text_at(band + 8, 15.5, "Environmental Product Declaration")
        x = band + 6
        pdf.set_y(26)
        self._product_block(x, 15)
        pdf.ln(3)
        items = [("Declaration Owner", f"{p.manufacturer}\n{p.mfr_address}")]
        if p.plant:
            items.append(("Manufacturing Location", f"{p.plant}\n{p.plant_address}"))
        items.append(("Declared Unit", p.declared_text))
        vi = self.validity_items()
        items.append((f"{p.reg_label} and Period of Validity", "\n".join([p.registration] + [
            f"{k}: {v}" if not v.startswith("EPD Valid") else v for k, v in vi])))
        items.append(("Product Category Rule", p.pcr + (f"\n{p.pcr_note}" if p.pcr_note else "")))
        items.append(("Program Operator", f"{p.operator.name}\n{p.operator.address}"))
        self.kv_table(items, "stacked", x=x, w=pdf.w - pdf.r_margin - x, size=8)
        self._cover_gwp(x, pdf.get_y() + 2)

    def cover_ul_table(self) -> None:
        p, pdf = self.plan, self.pdf
        self.font("B", 16)
        self.color(p.accent)
        self.text_at(pdf.l_margin, 20, "ENVIRONMENTAL PRODUCT DECLARATION")
        self.logo(pdf.w - pdf.r_margin - 30, 11, 30, 10)
        pdf.set_y(26)
        self._product_block(pdf.l_margin, 13)
        self.font("", 9)
        pdf.cell(0, 6, self.t(p.manufacturer), new_x="LMARGIN", new_y="NEXT")
        s = "According to ISO 14025 and ISO 21930:2017"
        self.font("", 8)
        self.text_at(pdf.w - pdf.r_margin - self.width(s), 38, s)
        pdf.ln(2)
        self.kv_table(self.meta_items(), "shaded", size=7.0)

    def cover_minimal(self) -> None:
        p, pdf = self.plan, self.pdf
        pdf.set_y(60)
        self.font("", 12)
        self.color((80, 80, 80))
        pdf.cell(0, 8, self.t("Environmental Product Declaration"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        self.font("B", 20)
        self.color(p.accent)
        names = p.products[0].name if len(p.products) == 1 else self.title
        pdf.multi_cell(0, 9, self.t(names), align="C", new_x="LMARGIN", new_y="NEXT")
        self.font("", 12)
        self.color((30, 30, 30))
        pdf.cell(0, 8, self.t(p.manufacturer), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        self.font("I", 9)
        pdf.cell(0, 6, "In accordance with ISO 14025:2006 and ISO 21930:2017", align="C", new_x="LMARGIN",
                 new_y="NEXT")
        y = pdf.get_y() + 8
        if pdf.h - 118 - y > 30:
            self.photo(pdf.w * 0.2, y, pdf.w * 0.6, pdf.h - 118 - y)
        pdf.set_y(pdf.h - 95)
        self.logo(pdf.l_margin, pdf.h - 110, 40, 9)
        self.kv_table(self.cover_items(), "rules", size=8)

    def cover_headline(self) -> None:
        p, pdf = self.plan, self.pdf
        pdf.set_fill_color(*p.accent)
        pdf.rect(0, 0, pdf.w, 16, style="F")
        self.color((255, 255, 255))
        self.font("B", 10)
        self.text_at(pdf.l_margin, 10, "ENVIRONMENTAL PRODUCT DECLARATION")
        s = f"{p.operator.name} EPD Program"
        self.text_at(pdf.w - pdf.r_margin - self.width(s), 10, s)
        pdf.set_y(26)
        self.font("B", 11)
        self.color((30, 30, 30))
        pdf.cell(0, 6, self.t(p.manufacturer), new_x="LMARGIN", new_y="NEXT")
        if p.plant:
            self.font("", 9)
            pdf.cell(0, 5, self.t(f"{p.plant}"), new_x="LMARGIN", new_y="NEXT")
            pdf.cell(0, 5, self.t(f"{p.plant_address}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
        if len(p.products) == 1:
            prod = p.products[0]
            self.font("", 9)
            self.color((90, 90, 90))
            label = self.rng.choice(["Mix", "Mix ID", "Mix Number", "Product"]) if p.material == "concrete" else \
                "Product"
            pdf.cell(0, 5, self.t(label), new_x="LMARGIN", new_y="NEXT")
            self.font("B", 22)
            self.color(p.accent)
            pdf.cell(0, 11, self.t(prod.name), new_x="LMARGIN", new_y="NEXT")
            if prod.description:
                self.font("", 12)
                self.color((30, 30, 30))
                pdf.cell(0, 7, self.t(prod.description), new_x="LMARGIN", new_y="NEXT")
            if prod.strength_text:
                self.font("", 9)
                unit = "MPa" if self._metric(prod) else "psi"
                pdf.cell(0, 6, self.t(f"Specified compressive strength: {prod.strength_text} {unit} at "
                                      f"{prod.strength_age} days"), new_x="LMARGIN", new_y="NEXT")
        else:
            self._product_block(pdf.l_margin, 18)
        pdf.ln(4)
        self._cover_gwp(pdf.l_margin, pdf.get_y())
        if p.results.cover_gwp and p.results.show_total:
            pdf.set_y(pdf.get_y() + 30)
        self.kv_table(self.cover_items(), "plain", size=8.5)

    def cover_hub(self) -> None:
        p, pdf = self.plan, self.pdf
        pdf.set_fill_color(*p.accent)
        pdf.rect(0, 0, pdf.w, pdf.h * 0.55, style="F")
        self.color((255, 255, 255))
        self.font("B", 24)
        self.text_at(pdf.l_margin, 40, "ENVIRONMENTAL")
        self.text_at(pdf.l_margin, 51, "PRODUCT DECLARATION")
        self.font("", 9)
        self.text_at(pdf.l_margin, 60, "IN ACCORDANCE WITH ISO 14025, ISO 21930 AND EN 15804+A2")
        self.font("B", 15)
        self.text_at(pdf.l_margin, 85, self.title)
        self.font("", 11)
        self.text_at(pdf.l_margin, 93, p.manufacturer)
        pdf.set_y(pdf.h * 0.55 + 8)
        self.color()
        items = [("EPD program operator", p.operator.name), ("Publisher", p.operator.name),
                 (p.reg_label, p.registration), *self.validity_items()]
        self.kv_table(items, "plain", size=9)

    def cover_napa(self) -> None:
        p, pdf = self.plan, self.pdf
        pdf.set_fill_color(*p.accent)
        pdf.ellipse(pdf.l_margin, 12, 24, 24, style="F")
        self.font("B", 16)
        self.color(p.accent)
        self.text_at(pdf.l_margin + 30, 22, "Emerald Eco-Label")
        self.font("", 9)
        self.color((60, 60, 60))
        self.text_at(pdf.l_margin + 30, 29, "Environmental Product Declaration for Asphalt Mixtures")
        pdf.set_y(44)
        self.font("B", 12)
        self.color((20, 20, 20))
        pdf.cell(0, 7, self.t(p.manufacturer), new_x="LMARGIN", new_y="NEXT")
        self.font("", 9)
        if p.plant:
            pdf.cell(0, 5, self.t(f"{p.plant} - {p.plant_address}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        self._product_block(pdf.l_margin, 14)
        pdf.ln(3)
        self._cover_gwp(pdf.l_margin, pdf.get_y())
        if p.results.cover_gwp and p.results.show_total:
            pdf.set_y(pdf.get_y() + 30)
        self.kv_table(self.cover_items(), self.rng.choice(["grid", "rules"]), size=8)

    def toc(self) -> None:
        pdf = self.pdf
        pdf.ln(3)
        self.font("B", 9)
        pdf.cell(0, 6, "Contents", new_x="LMARGIN", new_y="NEXT")
        self.font("", 8.5)
        names = [("company", "About the manufacturer"), ("product", "Product description"),
                 ("scope", "LCA calculation rules"), ("results", "LCA results"),
                 ("interpretation", "Interpretation"), ("references", "References")]
        for i, (key, label) in enumerate([n for n in names if n[0] in self.plan.sections], 1):
            page = str(self.toc_pages.get(key, 0))
            line = f"{i}. {label}"
            pdf.cell(0, 4.8, self.t(line), new_x="LMARGIN")
            w = self.width(page)
            pdf.set_x(pdf.w - pdf.r_margin - w)
            pdf.cell(w, 4.8, page, new_x="LMARGIN", new_y="NEXT")

    # ------------------------------------------------------------------------------------------ body
    def general(self) -> None:
        p = self.plan
        self.section("general")
        self.page("P")
        self.heading(self.rng.choice(["General Information", "Declaration Information", "EPD Information",
                                      "1. General information"]))
        self.kv_table(self.meta_items(), self.rng.choice(["grid", "rules", "plain", "right", "shaded"]),
                      size=8)
        if p.toc and p.cover not in ("sidebar", "boxed", "ul_table"):
            self.toc()
        self.pdf.ln(3)
        self.para("EPDs from different programs may not be comparable. Comparison of the environmental performance "
                  "of construction products using EPD information shall consider the use of the products and their "
                  "impacts at the building level.", size=7.5)

    def prose_block(self, title: str, paras: list[str]) -> None:
        self.heading(title)
        if self.plan.two_col and sum(len(x) for x in paras) > 500:
            self.font("", 8.5)
            self.color((30, 30, 30))
            with self.pdf.text_columns(ncols=2, gutter=7, text_align="J", line_height=1.35, balance=True) as cols:
                for x in paras:
                    cols.write(self.t(x))
                    cols.ln()
                    cols.ln()
            self.pdf.ln(2)
        else:
            for x in paras:
                self.para(x, size=8.5)

    def company(self) -> None:
        self.section("company")
        if self.pdf.page_no() == 1 or self.pdf.get_y() > self.pdf.h * 0.6:
            self.page("P")
        self.prose_block(self.rng.choice(["About the Manufacturer", "Company Description", "Organization",
                                          "Declaration Owner"]), prose.company(self.rng, self.plan))
        p = self.plan
        if p.plants_list:
            rows = [[Cell(f"{i}"), Cell(place), Cell(f"{self.rng.randint(4, 30)}%")]
                    for i, place in enumerate(p.plants_list, 1)]
            self.table([[("#", 1), ("Plant location", 1), ("Share of production", 1)]], rows, ["C", "L", "R"],
                       fs=7.5, caption=self.caption(f"Plants included in the average ({p.n_plants} plants; the "
                                                     "largest are listed)"), full=False)

    def product(self) -> None:
        p = self.plan
        self.section("product")
        if self.pdf.page_no() == 1:
            self.page("P")
        self.prose_block(self.rng.choice(["Product Description", "Product Identification", "Products Covered"]),
                         prose.product(self.rng, p))
        if p.material in ("concrete", "asphalt") and p.results.layout not in ("mix_rows", "mix_pages"):
            self.product_table()
        if p.material == "concrete" and self.rng.random() < 0.5:
            self.heading("Material Composition", 2)
            rows = [[Cell(a), Cell(b), Cell(c)] for a, b, c in [
                ("Portland cement", "ASTM C150", "7-15%"), ("Fly ash / slag cement", "ASTM C618 / C989", "0-8%"),
                ("Coarse aggregate", "ASTM C33", "38-45%"), ("Fine aggregate", "ASTM C33", "28-35%"),
                ("Water", "ASTM C1602", "6-8%"), ("Admixtures", "ASTM C494 / C260", "<0.5%")]]
            self.table([[("Material", 1), ("Standard", 1), ("Mass share", 1)]], rows, ["L", "L", "R"],
                       fs=7.5, caption="Typical composition (range across mixes, by mass)")

    def _metric(self, prod: Product) -> bool:
        return bool(prod.description and "MPa" in prod.description)

    def product_table(self) -> None:
        p = self.plan
        metric = any(self._metric(x) for x in p.products)
        if p.material == "concrete":
            head = [("Mix ID", 1), ("Description", 1),
                    ("Strength (MPa)" if metric else "Strength (psi)", 1), ("Age (days)", 1)]
            rows = [[Cell(x.name), Cell(x.description or ""), Cell(x.strength_text or "-"),
                     Cell(str(x.strength_age) if x.strength_age else "-")] for x in p.products]
        else:
            head = [("Mix", 1), ("Description", 1), ("RAP", 1)]
            rows = [[Cell(x.name), Cell(x.description or ""), Cell(x.attrs.get("rap", ""))] for x in p.products]
        self.table([head], rows, ["L", "L", "R", "R"][: len(head)], fs=7.5,
                   caption=self.caption("Products covered by this declaration"))

    def scope(self) -> None:
        p = self.plan
        self.section("scope")
        self.need(60)
        paras = prose.scope(self.rng, p)
        if p.validity == "years_prose":
            paras.insert(0, self.rng.choice([
                "This EPD is valid for five years from the date of issue.",
                "In accordance with ISO 14025, this declaration is valid for a period of five (5) years from the "
                "date of issue."]))
        self.prose_block(self.rng.choice(["LCA Calculation Rules", "Scope of the LCA", "Life Cycle Assessment",
                                          "Methodology"]), [f"Declared unit: {p.declared_text}.", *paras])
        self.boundary_table()
        if self.rng.random() < 0.5:
            self.flow_diagram()

    def boundary_table(self) -> None:
        p = self.plan
        mods = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "C1", "C2", "C3", "C4", "D"]
        later = p.results.later_modules
        marks = []
        for m in mods:
            declared = m in CORE or m in later or (m.startswith("B") and "B1-B7" in later)
            marks.append(Cell("X" if declared else self.rng.choice(["MND", "MND"]) if p.results.mnd_text != "ND"
                              else "ND"))
        head = [[("Production", 3), ("Construction", 2), ("Use", 7), ("End of life", 4), ("Beyond", 1)],
                [(m, 1) for m in mods]]
        self.table(head, [marks], ["C"] * len(mods), fs=6.5, full=True, even=True,
                   caption=self.caption("Modules included in the system boundary (X = included, MND = module not "
                                        "declared)"))

    def flow_diagram(self) -> None:
        pdf, p = self.pdf, self.plan
        steps = {"concrete": ["Raw materials", "Transport", "Batching", "Mixing", "Truck loading"],
                 "steel": ["Scrap / ore", "Transport", "Melting", "Casting", "Rolling"],
                 "flat_glass": ["Batch materials", "Transport", "Melting", "Float bath", "Annealing, cutting"],
                 "asphalt": ["Aggregates, binder", "Transport", "Drying", "Mixing", "Storage silo"],
                 "cement": ["Quarry", "Raw mill", "Kiln", "Finish mill", "Shipping"]}[p.material]
        self.need(30)
        y = pdf.get_y() + 3
        w = (pdf.w - pdf.l_margin - pdf.r_margin - 4 * 6) / 5
        for i, s in enumerate(steps):
            x = pdf.l_margin + i * (w + 6)
            pdf.set_draw_color(*p.accent)
            pdf.set_fill_color(235, 242, 238)
            pdf.rect(x, y, w, 14, style="DF")
            self.font("", 7)
            self.text_at(x + (w - self.width(s)) / 2, y + 8, s)
            if i < 4:
                pdf.line(x + w, y + 7, x + w + 6, y + 7)
                pdf.line(x + w + 6, y + 7, x + w + 4, y + 5.5)
                pdf.line(x + w + 6, y + 7, x + w + 4, y + 8.5)
        self.font("I", 7)
        self.text_at(pdf.l_margin, y + 20, "Figure 1. Production stage processes (A1-A3)")
        pdf.set_y(y + 24)

    def interpretation(self) -> None:
        self.section("interpretation")
        self.need(40)
        self.prose_block(self.rng.choice(["Interpretation", "LCA Interpretation", "Discussion of Results"]),
                         prose.interpretation(self.rng, self.plan))
        p = self.plan
        if p.results.contribution:
            prod = p.products[0]
            method = self.main_method()
            vals = prod.values[method][GWP_KEY[method]]
            rows = [[Cell(m), Cell(f"{vals[m] / vals[TOTAL] * 100:.1f}%")] for m in CORE]
            self.table([[("Module", 1), ("Share of GWP", 1)]], rows, ["L", "R"], fs=7.5, full=False,
                       caption=self.caption(f"Contribution of modules to GWP ({prod.name})"))

    def additional(self) -> None:
        self.section("additional")
        self.need(30)
        self.prose_block("Additional Environmental Information", prose.additional(self.rng, self.plan))

    def references(self) -> None:
        self.section("references")
        self.need(50)
        self.heading("References")
        refs = [*self.plan.references, self.plan.pcr + "."]
        for i, r in enumerate(refs, 1):
            self.para(f"[{i}] {r}", size=7.5, align="L", gap=0.5)

    # ------------------------------------------------------------------------------------------- tables
    def caption(self, text: str) -> str | None:
        style = self.plan.results.caption_style
        self.table_no += 1
        if style == "none":
            return None
        if style == "bar":
            return text
        sep = {"Table N.": ".", "Table N:": ":", "Table N -": " -"}[style]
        return f"Table {self.table_no}{sep} {text}"

    def _natural(self, head: list[list[tuple[str, int]]], rows: list[list[Cell]], ncol: int, fs: float,
                 pad: float) -> list[float]:
        pdf = self.pdf
        widths = [0.0] * ncol
        pdf.set_font(self.fam, "B", fs)
        for hr in head:
            col = 0
            for text, span in hr:
                if span == 1:
                    lw = max(self.width(line) for line in text.split("\n"))
                    widths[col] = max(widths[col], lw + 2 * pad)
                col += span
        for row in rows:
            for i, c in enumerate(row):
                pdf.set_font(self.fam, "B" if c.bold else "", fs)
                w = self.width(c.text)
                if c.sup:
                    pdf.set_font(self.fam, "", fs * 0.7)
                    w += self.width(c.sup) + 0.4
                widths[i] = max(widths[i], w + 2 * pad)
        for hr in head:
            col = 0
            pdf.set_font(self.fam, "B", fs)
            for text, span in hr:
                if span > 1:
                    lw = max(self.width(line) for line in text.split("\n")) + 2 * pad
                    have = sum(widths[col:col + span])
                    if lw > have:
                        for j in range(col, col + span):
                            widths[j] += (lw - have) / span
                col += span
        return widths

    def table(self, head: list[list[tuple[str, int]]], rows: list[list[Cell]], aligns: list[str], *, fs: float,
              caption: str | None, notes: list[str] | None = None, full: bool | None = None,
              after_row: Callable[[int], None] | None = None, even: bool = False) -> None:
        pdf, p = self.pdf, self.plan
        res = p.results
        ncol = len(aligns)
        avail = pdf.w - pdf.l_margin - pdf.r_margin
        pad = 1.3
        size = fs
        widths = self._natural(head, rows, ncol, size, pad)
        while sum(widths) > avail and size > 4.6:
            size -= 0.3
            pad = max(0.7, pad - 0.1)
            widths = self._natural(head, rows, ncol, size, pad)
        if sum(widths) > avail:
            k = avail / sum(widths)
            widths = [w * k for w in widths]
        full = (self.rng.random() < 0.7) if full is None else full
        if full and sum(widths) < avail:
            extra = avail - sum(widths)
            if even:
                widths = [w + extra / ncol for w in widths]
            else:
                widths[0] += extra * 0.35
                for i in range(1, ncol):
                    widths[i] += extra * 0.65 / max(1, ncol - 1)
        lh = size * PT * 1.2
        row_h = lh + 1.8
        head_h = [max(len(t.split("\n")) for t, _ in hr) * lh + 2.0 for hr in head]
        x0 = pdf.l_margin
        grid = res.grid
        dark = self.head_fill == "accent"

        def draw_caption(suffix: str = "") -> None:
            if caption is None:
                return
            if res.caption_style == "bar":
                pdf.set_fill_color(*p.accent)
                pdf.rect(x0, pdf.get_y(), sum(widths), 6, style="F")
                self.font("B", 8)
                self.color((255, 255, 255))
                self.text_at(x0 + 1.5, pdf.get_y() + 4.2, caption + suffix)
                pdf.set_y(pdf.get_y() + 6.5)
            else:
                self.font("B", 8.5)
                self.color((25, 25, 25))
                pdf.multi_cell(avail, 8.5 * PT * 1.4, self.t(caption + suffix), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(0.8)
            self.color()

        def draw_head() -> None:
            y = pdf.get_y()
            if grid == "none":
                pdf.set_draw_color(0, 0, 0)
                pdf.set_line_width(0.4)
                pdf.line(x0, y, x0 + sum(widths), y)
            for hr, h in zip(head, head_h, strict=True):
                x = x0
                col = 0
                for text, span in hr:
                    w = sum(widths[col:col + span])
                    if self.head_fill != "none":
                        pdf.set_fill_color(*(p.accent if dark else (225, 228, 232) if self.head_fill == "grey"
                                             else (240, 244, 247)))
                        pdf.rect(x, y, w, h, style="F")
                    if grid == "full":
                        pdf.set_draw_color(120, 120, 120)
                        pdf.set_line_width(0.15)
                        pdf.rect(x, y, w, h)
                    self.font("B", size)
                    self.color((255, 255, 255) if dark else (20, 20, 20))
                    lines = text.split("\n")
                    for k, line in enumerate(lines):
                        lw = self.width(line)
                        align = "L" if (col == 0 and span == 1) else "C"
                        tx = x + pad if align == "L" else x + (w - lw) / 2
                        ty = y + 1.0 + (h - 2.0 - len(lines) * lh) / 2 + (k + 0.78) * lh
                        self.text_at(tx, ty, line)
                    x += w
                    col += span
                y += h
            pdf.set_draw_color(60, 60, 60)
            pdf.set_line_width(0.3 if grid != "full" else 0.15)
            pdf.line(x0, y, x0 + sum(widths), y)
            pdf.set_y(y)
            self.color()

        self.need(sum(head_h) + row_h * min(3, len(rows)) + 10)
        draw_caption()
        draw_head()
        for ri, row in enumerate(rows):
            if pdf.get_y() + row_h > pdf.h - pdf.b_margin:
                self.page()
                if res.cont_caption and caption:
                    draw_caption(self.rng.choice([" (continued)", " (cont.)", " - continued"]))
                if res.repeat_head or ri == 0:
                    draw_head()
            y = pdf.get_y()
            if grid == "zebra" and ri % 2 == 1:
                pdf.set_fill_color(242, 245, 248)
                pdf.rect(x0, y, sum(widths), row_h, style="F")
            x = x0
            for i, c in enumerate(row):
                w = widths[i]
                if grid == "full":
                    pdf.set_draw_color(120, 120, 120)
                    pdf.set_line_width(0.15)
                    pdf.rect(x, y, w, row_h)
                self.font("B" if c.bold else "", size)
                self.color((20, 20, 20))
                tw = self.width(c.text)
                sw = 0.0
                if c.sup:
                    self.font("", size * 0.7)
                    sw = self.width(c.sup) + 0.05
                    self.font("B" if c.bold else "", size)
                al = aligns[i]
                tx = x + pad if al == "L" else (x + w - pad - tw - sw if al == "R" else x + (w - tw - sw) / 2)
                ty = y + row_h / 2 + size * PT * 0.35
                self.text_at(tx, ty, c.text)
                if c.sup:
                    self.font("", size * 0.7)
                    self.text_at(tx + tw + 0.05, ty - size * PT * 0.38, c.sup)
                if c.rec is not None:
                    pi, method, unit, module = c.rec
                    self.records.append(Record(pi, method, unit, module, c.text + c.sup, pdf.page_no()))
                x += w
            if grid == "horiz":
                pdf.set_draw_color(200, 200, 200)
                pdf.set_line_width(0.15)
                pdf.line(x0, y + row_h, x0 + sum(widths), y + row_h)
            pdf.set_y(y + row_h)
            if after_row:
                after_row(ri)
        if grid in ("none", "zebra", "horiz"):
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.4 if grid == "none" else 0.2)
            y = pdf.get_y()
            pdf.line(x0, y, x0 + sum(widths), y)
        pdf.ln(1.5)
        for note in notes or []:
            self.font("I", 6.8)
            self.color((60, 60, 60))
            pdf.multi_cell(avail, 6.8 * PT * 1.4, self.t(note), new_x="LMARGIN", new_y="NEXT")
        self.color()
        pdf.ln(3)

    # ------------------------------------------------------------------------------------------ results
    def main_method(self) -> str:
        return "TRACI" if "TRACI" in self.plan.methods else "EF"

    def factor(self, unit: str) -> float:
        first = self.plan.units[0]
        return 1.0 if unit == first else FACTOR[(first, unit)]

    def ind_label(self, method: str, key: str, with_unit: bool) -> str:
        long, abbr, unit = IND_LABELS[method][key]
        unit = unit.format(gwp=self.plan.gwp_unit)
        style = self.plan.results.indicator_style
        text = long if style == "long" else abbr if style == "abbr" else f"{long} ({abbr})"
        if key == GWP_KEY.get(method) and self.plan.results.gwp_mark:
            text += self.plan.results.gwp_mark
        if with_unit:
            text += f" [{unit}]" if self.rng.random() < 0.5 else f" ({unit})"
        return text

    def ind_unit(self, method: str, key: str) -> str:
        return IND_LABELS[method][key][2].format(gwp=self.plan.gwp_unit)

    def indicators(self, method: str) -> list[str]:
        keys = list(IND_LABELS[method])
        if method == "EF" and self.plan.results.ghg_row:
            keys.insert(4, "gwp_ghg")
        if method == "TRACI" and not self.plan.results.other_indicators:
            return ["gwp"]
        return keys

    def module_cols(self) -> list[str]:
        res = self.plan.results
        cols: list[str] = []
        if res.split:
            cols += list(CORE)
        if res.show_total:
            cols.insert(0 if res.total_first else len(cols), TOTAL)
        return cols + res.later_modules

    def module_head(self, m: str) -> str:
        res = self.plan.results
        lines = res.head_lines
        if m == TOTAL:
            label = res.module_label
            if lines > 1 and " " in label and self.rng.random() < 0.7:
                a, _, b = label.rpartition(" ")
                return f"{a}\n{b}"
            return label
        if m in MODULE_NAMES and res.split_labels == "named":
            return f"{m}\n{MODULE_NAMES[m]}" if lines > 1 else f"{m} {MODULE_NAMES[m]}"
        return m

    def value_cell(self, pi: int, method: str, key: str, module: str, unit: str, style: NumStyle) -> Cell:
        prod = self.plan.products[pi]
        vals = prod.values[method][key]
        if module not in vals:
            return Cell(self.plan.results.mnd_text)
        pr = self.fmt(vals[module] * self.factor(unit), style)
        rec = None
        if key == GWP_KEY.get(method) and method == self.main_method() and (module in CORE or module == TOTAL):
            rec = (pi, method, unit, module)
        return Cell(pr.main, pr.sup, rec=rec)

    def style_for(self, method: str) -> NumStyle:
        return self.plan.num if method == "TRACI" or method == self.main_method() else self.plan.alt_num

    def method_title(self, method: str) -> str:
        return self.plan.traci_label if method == "TRACI" else METHOD_TITLE[method]

    def results(self) -> None:
        p = self.plan
        res = p.results
        self.section("results")
        orient = "L" if res.landscape else "P"
        self.page(orient)
        self.heading(self.rng.choice(["LCA Results", "Life Cycle Impact Assessment Results", "Results",
                                      "Environmental Impacts"]))
        units_txt = " and ".join(self.unit(u) for u in p.units)
        said = self.rng.choice([f"Impact categories were characterized with {p.traci_label}.",
                                "LCIA results are relative expressions and do not predict impacts on category "
                                "endpoints, the exceeding of thresholds, safety margins or risks.",
                                f"The US EPA method {p.traci_label} was used; global warming potential uses "
                                "IPCC AR5 100-year factors."])
        if "TRACI" not in p.methods and p.traci_label in said:  # a document without TRACI results names no TRACI
            said = "Impact categories were characterized with the methods named in each table."
        self.para(f"Results are reported per {units_txt}. " + said, size=8.5)
        methods = [m for m in ("TRACI", "EF", "CML") if m in p.methods]
        if res.alt_first and len(methods) > 1:
            methods = methods[1:] + methods[:1]
        for method in methods:
            getattr(self, f"layout_{res.layout}")(method)
        if res.resource_table:
            self.layout_resources()
        if orient == "L":
            self.orient = "P"
            self.page("P")

    def _notes(self) -> list[str]:
        p = self.plan
        notes = []
        mnd = p.results.mnd_text
        if p.results.later_modules and not p.results.later_values:
            notes.append(f"{mnd} = Module Not Declared" if mnd in ("MND", "ND") else f"'{mnd}': module not declared")
        if len(p.units) > 1 and self.rng.random() < 0.5:
            notes.append(f"Results per {self.unit(p.units[1])} are converted from the declared unit "
                         f"({self.unit(p.units[0])}).")
        if p.results.footnote_marks:
            notes.append("* Biogenic carbon is excluded from GWP per ISO 21930 section 7.2.7.")
        return notes

    def layout_ind_rows(self, method: str, only: list[int] | None = None) -> None:
        p = self.plan
        res = p.results
        style = self.style_for(method)
        mods = self.module_cols()
        side = res.units_mode == "side_by_side" and len(p.units) > 1 and len(mods) * len(p.units) <= 10
        unit_sets = [p.units] if side else [[u] for u in p.units]
        for pi in (only if only is not None else range(len(p.products))):
            prod = p.products[pi]
            for us in unit_sets:
                unit_col = res.unit_place == "column"
                head_main: list[tuple[str, int]] = [("Indicator" if self.rng.random() < 0.6 else "Impact category", 1)]
                if unit_col:
                    head_main.append(("Unit", 1))
                head: list[list[tuple[str, int]]]
                if side:
                    top = [*([("", 1)] * len(head_main))] + [(self.per(u).replace("/", "per "), len(mods)) for u in us]
                    head = [top, head_main + [(self.module_head(m), 1) for m in mods] * len(us)]
                else:
                    sub = f"\n({self.per(us[0])})" if res.unit_place == "header" else ""
                    head = [head_main + [(self.module_head(m) + (sub if m == TOTAL else ""), 1) for m in mods]]
                rows = []
                for key in self.indicators(method):
                    label = self.ind_label(method, key, res.unit_place in ("label", "header"))
                    row = [Cell(label)]
                    if unit_col:
                        row.append(Cell(self.ind_unit(method, key)))
                    for u in us:
                        for m in mods:
                            row.append(self.value_cell(pi, method, key, m, u, style))
                    rows.append(row)
                per = " and ".join(self.unit(u) for u in us)
                cap = f"{self.method_title(method)} results for {prod.name}, per {per}"
                if res.unit_place == "caption":
                    cap += f" (GWP in {p.gwp_unit})"
                aligns = ["L"] + (["C"] if unit_col else []) + ["R"] * (len(mods) * len(us))
                self.table(head, rows, aligns, fs=res.font_size, caption=self.caption(cap), notes=self._notes())

    def layout_modules_rows(self, method: str) -> None:
        p = self.plan
        res = p.results
        style = self.style_for(method)
        keys = self.indicators(method)[:7]
        for pi, prod in enumerate(p.products):
            for u in p.units:
                head_cells = [("Module", 1)]
                for k in keys:
                    _, abbr, unit = IND_LABELS[method][k]
                    unit = unit.format(gwp=p.gwp_unit)
                    head_cells.append((f"{abbr}\n[{unit}]" if res.unit_place != "caption" else abbr, 1))
                rows = []
                for m in self.module_cols():
                    label = {TOTAL: res.module_label}.get(m, m)
                    if m in MODULE_NAMES and res.split_labels == "named":
                        label = f"{m} {MODULE_NAMES[m]}"
                    rows.append([Cell(label, bold=m == TOTAL)] + [self.value_cell(pi, method, k, m, u, style)
                                                                  for k in keys])
                cap = f"{self.method_title(method)}: {prod.name} - results per {self.unit(u)}"
                self.table([head_cells], rows, ["L"] + ["R"] * len(keys), fs=res.font_size,
                           caption=self.caption(cap), notes=self._notes())

    def layout_products_cols(self, method: str) -> None:
        p = self.plan
        res = p.results
        style = self.style_for(method)
        n = res.products_per_table
        for start in range(0, len(p.products), n):
            chunk = list(range(start, min(len(p.products), start + n)))
            for u in p.units:
                head = [("Indicator", 1)] + ([("Unit", 1)] if res.unit_place == "column" else [])
                head += [(p.products[i].name, 1) for i in chunk]
                rows = []
                for key in self.indicators(method):
                    row = [Cell(self.ind_label(method, key, res.unit_place in ("label", "header")))]
                    if res.unit_place == "column":
                        row.append(Cell(self.ind_unit(method, key)))
                    row += [self.value_cell(i, method, key, TOTAL, u, style) for i in chunk]
                    rows.append(row)
                cap = f"{self.method_title(method)} results ({res.module_label}) per {self.unit(u)}"
                aligns = ["L"] + (["C"] if res.unit_place == "column" else []) + ["R"] * len(chunk)
                self.table([head], rows, aligns, fs=res.font_size, caption=self.caption(cap), notes=self._notes())

    def layout_mix_pages(self, method: str) -> None:
        p = self.plan
        for pi, prod in enumerate(p.products):
            if method == p.methods[0] or self.rng.random() < 0.5:
                self.page()
                self.font("B", 12)
                self.color(p.accent)
                self.pdf.cell(0, 7, self.t(f"Mix {prod.name}" if self.rng.random() < 0.4 else prod.name),
                              new_x="LMARGIN", new_y="NEXT")
                self.color()
                self.font("", 9)
                if prod.description:
                    self.pdf.cell(0, 5, self.t(prod.description), new_x="LMARGIN", new_y="NEXT")
                if prod.strength_text:
                    unit = "MPa" if self._metric(prod) else "psi"
                    self.pdf.cell(0, 5, self.t(f"{prod.strength_age}-day compressive strength: {prod.strength_text} "
                                               f"{unit}"), new_x="LMARGIN", new_y="NEXT")
                if prod.early_text:
                    self.pdf.cell(0, 5, self.t(f"Early strength: {prod.early_text}"), new_x="LMARGIN", new_y="NEXT")
                self.pdf.ln(2)
            self.layout_ind_rows(method, only=[pi])

    def layout_mix_rows(self, method: str) -> None:
        p = self.plan
        res = p.results
        style = self.style_for(method)
        metric = any(self._metric(x) for x in p.products)
        lines = res.head_lines
        nl = "\n" if lines > 1 else " "
        cols: list[tuple[str, str, Callable[[int, Product], Cell]]] = []
        name_head = self.rng.choice(["Mix ID", "Mix Number", "Mix Code", "Product", "Mix #", "Mix Design"])
        cols.append((name_head, "L", lambda i, x: Cell(x.name)))
        for c in res.mix_columns:
            if c == "desc":
                cols.append(("Description", "L", lambda i, x: Cell(x.description or "")))
            elif c == "strength":
                if metric:
                    h = f"Strength{nl}(MPa)"
                else:
                    h = self.rng.choice([f"f'c{nl}(psi)", f"Compressive{nl}Strength (psi)", f"Spec.{nl}Strength [psi]",
                                         f"28-day{nl}Strength (psi)" if all(x.strength_age in (28, None) for x in
                                                                            p.products) else "PSI"])
                cols.append((h, "R", lambda i, x: Cell(x.strength_text or "-")))
            elif c == "age":
                cols.append((f"Age{nl}(days)", "R", lambda i, x: Cell(str(x.strength_age) if x.strength_age else "-")))
            elif c == "scm":
                cols.append((f"SCM{nl}(%)", "R", lambda i, x: Cell(x.attrs["scm"])))
            elif c == "cem":
                cols.append((f"Cementitious{nl}(lb/yd³)", "R", lambda i, x: Cell(x.attrs["cem"])))
            elif c == "wc":
                cols.append(("w/cm", "R", lambda i, x: Cell(x.attrs["wc"])))
            elif c == "density":
                cols.append((f"Density{nl}(pcf)", "R", lambda i, x: Cell(x.attrs["density"])))
            elif c == "rap":
                cols.append(("RAP", "R", lambda i, x: Cell(x.attrs["rap"])))
            elif c == "binder":
                cols.append(("Binder", "L", lambda i, x: Cell(x.attrs["binder"])))
        n_info = len(cols)
        gkey = GWP_KEY[method]
        mods = self.module_cols()
        unit_sets = [p.units] if (len(p.units) == 1 or not res.split) and res.units_mode != "separate" \
            else [[u] for u in p.units]
        keys = [gkey] + ([k for k in self.indicators(method) if k != gkey][:4] if method == "TRACI" and
                         res.other_indicators else [])
        if method == "EF":
            keys = ["gwp_total", "gwp_fossil", "gwp_bio", "gwp_luluc"]
        if method == "CML":
            keys = ["gwp"]
        group = self.rng.random() < 0.5 and lines > 1
        for us in unit_sets:
            head_top: list[tuple[str, int]] = [("", 1)] * n_info
            head_low: list[tuple[str, int]] = [(h, 1) for h, _, _ in cols]
            getters: list[Callable[[int, Product], Cell]] = [g for _, _, g in cols]
            aligns = [a for _, a, _ in cols]
            for k in keys:
                _, abbr, unit = IND_LABELS[method][k]
                unit = unit.format(gwp=p.gwp_unit)
                k_units = us if k == gkey else us[:1]
                k_mods = mods if k == gkey else [TOTAL if res.show_total else "A3"][:1]
                if k != gkey and not res.show_total:
                    continue
                span = len(k_units) * len(k_mods)
                head_top.append((f"{abbr} ({unit})" if k == gkey else abbr, span))
                for u in k_units:
                    for m in k_mods:
                        parts = []
                        if len(k_mods) > 1 or m != TOTAL:
                            parts.append(self.module_head(m).replace("\n", " "))
                        if k == gkey or len(us) > 1:
                            parts.append(self.per(u))
                        if not group:
                            label = (f"{abbr}{nl}({unit}){nl}" if k == gkey else f"{abbr}{nl}({unit}) ") + \
                                " ".join(parts)
                        else:
                            label = nl.join(parts) if k == gkey else unit
                        head_low.append((label.strip(), 1))
                        aligns.append("R")
                        getters.append(self._getter(method, k, m, u, style))
            if res.baseline_col and method == "TRACI":
                head_top.append(("", 1))
                head_low.append((f"Baseline{nl}({self.unit(us[0])})" if lines > 1 else "Benchmark", 1))
                aligns.append("R")
                getters.append(self._baseline_getter(us[0], style))
                head_top.append(("", 1))
                head_low.append((f"% vs.{nl}baseline", 1))
                aligns.append("R")
                getters.append(lambda i, x: Cell(f"{(x.gwp / self._baseline(x) - 1) * 100:+.0f}%"))
            rows = [[g(i, x) for g in getters] for i, x in enumerate(p.products)]
            head = [head_top, head_low] if group else [head_low]
            per = " and ".join(self.unit(u) for u in us)
            cap = self.caption(f"{self.method_title(method)} results by mix ({res.module_label}), per {per}")
            self.table(head, rows, aligns, fs=res.font_size, caption=cap, notes=self._notes(), full=True)

    def _getter(self, method: str, k: str, m: str, u: str, style: NumStyle) -> Callable[[int, Product], Cell]:
        return lambda i, x: self.value_cell(i, method, k, m, u, style)

    def _baseline_getter(self, u: str, style: NumStyle) -> Callable[[int, Product], Cell]:
        return lambda i, x: Cell(self.fmt(self._baseline(x) * self.factor(u), style).text)

    def _baseline(self, x: Product) -> float:
        psi = x.strength_psi or 3000.0
        base_m3 = 250 + 0.03 * psi
        return base_m3 * (YD3 if self.plan.units[0] == "yd3" else 1.0)

    def layout_resources(self) -> None:
        p = self.plan
        res = p.results
        keys = list(IND_LABELS["RES"])
        pis = list(range(min(len(p.products), 4 if res.layout != "mix_rows" else 3)))
        u = p.units[0]
        head = [("Parameter", 1), ("Unit", 1)] + [(p.products[i].name, 1) for i in pis]
        rows = [[Cell(self.ind_label("RES", k, False)), Cell(IND_LABELS["RES"][k][2])] +
                [Cell(self.fmt(p.products[i].values["RES"][k][TOTAL] * self.factor(u), p.alt_num).text)
                 for i in pis] for k in keys]
        self.table([head], rows, ["L", "C"] + ["R"] * len(pis), fs=res.font_size,
                   caption=self.caption(f"Resource use and waste ({res.module_label}) per {self.unit(u)}"))

    # ---------------------------------------------------------------------------------------------- run
    def run(self) -> Output:
        p = self.plan
        self.cover()
        full_cover = p.cover in ("boxed", "ul_table")
        for s in p.sections[1:]:
            if s == "general" and full_cover and self.rng.random() < 0.5:
                continue
            getattr(self, s)()
        return Output(bytes(self.pdf.output()), self.pdf.page_no(), self.section_pages, self.records)
