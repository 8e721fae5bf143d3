"""Assemble one synthetic North American EPD: choose a template, draw it with the raw writer, record the truth."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import content as C
from . import products as P
from .content import (
    ASSOCIATIONS,
    EPD_TYPE_WORDS,
    GREEN,
    GWP_LABELS,
    MOD_HEAD,
    NAVY,
    OTHER_ROWS,
    PRODUCERS,
    SENTENCES,
    TEAL,
)
from .layout import Flow, Table
from .pdfwriter import BOLD, TEXT_MODES, Writer


@dataclass
class Doc:
    pdf: bytes
    expected: dict[str, Any]


@dataclass
class Meta:
    operator: str
    reg: str
    manufacturer: str
    plant: str | None
    plant_addr: str | None
    mfr_addr: str
    issued: dt.date
    valid: dt.date
    validity_style: str
    date_style: str
    epd_type: str
    type_words: str
    pcr: str
    pcr_date: str
    pcr_valid: str
    verified: bool
    methods: list[str]
    gwp_method: str
    units: list[str]
    modules: list[str]


def _unit_word(u: str) -> str:
    return {"m3": "1 m^3 (cubic meter)", "yd3": "1 yd^3 (cubic yard)", "t": "1 metric ton (1,000 kg)",
            "short_ton": "1 short ton (2,000 lb)", "m2": "1 m^2", "kg": "1 kg"}[u]


class Builder:
    def __init__(self, seed: int, *, short: bool = False) -> None:
        self.seed = seed
        self.short = short
        self.rng = random.Random(seed)
        self.notes: list[str] = []
        self.alt_done = False
        self.alt_shown: set[str] = set()
        self.facts_shown = False
        self.desc_printed: set[str] = set()

    # -- choices -----------------------------------------------------------------------------------------------
    def choose(self) -> tuple[str, list[P.Product], Meta]:
        rng = self.rng
        material = rng.choices(["concrete", "steel", "asphalt", "flat_glass", "cement"], [50, 20, 14, 8, 8])[0]
        epd_type = {
            "concrete": rng.choices(["product_specific", "facility_specific", "industry_average"], [5, 4, 1]),
            "steel": rng.choices(["facility_specific", "product_specific", "company_average", "industry_average"],
                                 [4, 3, 2, 2]),
            "asphalt": rng.choices(["product_specific", "facility_specific", "product_group_average"], [5, 4, 1]),
            "flat_glass": rng.choices(["product_specific", "facility_specific", "company_average"], [3, 3, 2]),
            "cement": rng.choices(["facility_specific", "company_average", "industry_average"], [5, 2, 2]),
        }[material][0]
        prods = self._products(material)
        units = {
            "concrete": rng.choice([["m3", "yd3"], ["yd3", "m3"], ["m3"], ["yd3"], ["m3", "yd3"]]),
            "steel": rng.choice([["t"], ["t", "short_ton"], ["short_ton"], ["short_ton", "t"], ["t"]]),
            "asphalt": rng.choice([["short_ton"], ["t"], ["short_ton", "t"], ["short_ton"]]),
            "flat_glass": rng.choice([["m2"], ["t"], ["m2", "t"], ["t", "m2"]]),
            "cement": rng.choice([["t"], ["t", "short_ton"], ["short_ton", "t"]]),
        }[material]
        if material == "asphalt":
            modules = rng.choices([["A1", "A2", "A3"], ["A1", "A2", "A3", "A1-A3"], ["A1-A3"]], [6, 3, 2])[0]
        else:
            modules = rng.choices([["A1-A3"], ["A1", "A2", "A3", "A1-A3"], ["A1", "A2", "A3"]], [5, 5, 1])[0]
        if len(prods) > 14 and len(units) > 1 and len(modules) > 1:
            modules = ["A1-A3"]
        methods = ["TRACI 2.1"] if rng.random() < 0.9 else ["TRACI 2.2"]
        extra = rng.random()
        if extra < 0.18:
            methods.append("CML")
        elif extra < 0.3:
            methods.append("EN 15804+A2")
        weights = {"concrete": [25, 20, 35, 12, 3, 5], "steel": [30, 20, 15, 25, 5, 5],
                   "asphalt": [10, 55, 0, 25, 5, 5], "flat_glass": [25, 30, 10, 25, 5, 5],
                   "cement": [30, 25, 20, 15, 5, 5]}[material]
        style = rng.choices(["comma", "plain", "int", "sci", "sci_comma", "sci_lower"], weights)[0]
        if material in ("asphalt",) and style == "int":
            style = "plain"
        dec = 0 if style == "int" else rng.choice([0, 1, 1, 2] if style in ("comma", "plain") else [2, 2, 3])
        if material in ("asphalt", "flat_glass") and style in ("comma", "plain") and dec == 0:
            dec = 1
        alt = rng.choice([0.96, 0.97, 0.98, 1.02, 1.03]) if len(methods) > 1 else None
        small = "x10" if rng.random() < 0.15 else style
        for p in prods:
            P.fill_printed(rng, p, units, modules, style, dec, alt, small)
        self.num_style = style
        self.dec = dec
        issued = dt.date(2019, 6, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
        validity_style = rng.choice(["until", "range", "period", "until", "expires", "kv"])
        minus = rng.random() < 0.6 and validity_style != "period"
        valid = C.add_years(issued, 5) - dt.timedelta(days=1 if minus else 0)
        if material == "concrete" and rng.random() < 0.1 and validity_style != "period":
            valid = C.add_years(issued, 3) - dt.timedelta(days=1 if minus else 0)
        operator = {
            "concrete": rng.choice(["NSF International", "NRMCA", "ASTM International", "Smart EPD", "CSA Group"]),
            "steel": rng.choice(["SCS Global Services", "UL Environment", "ASTM International", "Smart EPD"]),
            "asphalt": rng.choice(["National Asphalt Pavement Association", "NSF International", "Smart EPD"]),
            "flat_glass": rng.choice(["NSF International", "UL Environment", "SCS Global Services"]),
            "cement": rng.choice(["NSF International", "ASTM International", "CSA Group"]),
        }[material]
        if epd_type == "industry_average" and material in ASSOCIATIONS:
            mfr = rng.choice(ASSOCIATIONS[material])
            plant = None
        else:
            mfr = C.company(rng, material)
            plant = None
            if epd_type in ("facility_specific", "product_specific") and rng.random() < 0.85:
                word = {"concrete": "Plant", "asphalt": "Plant", "steel": "Mill", "cement": "Plant",
                        "flat_glass": "Float Plant"}[material]
                plant = rng.choice([f"{rng.choice(C.CITIES)[0]} {word}", f"{word} {rng.randint(1, 60)}",
                                    f"{rng.choice(['North', 'East', 'Westside', 'Harbor', 'Valley'])} {word}"])
        pcr, pcr_date = rng.choice(C.PCRS[material])
        pcr_valid_d = issued + dt.timedelta(days=rng.randint(200, 1400))
        meta = Meta(
            operator=operator, reg=C.registration(rng, operator, issued.year), manufacturer=mfr,
            plant=plant, plant_addr=C.address(rng) if plant else None, mfr_addr=C.address(rng), issued=issued,
            valid=valid, validity_style=validity_style, date_style=rng.choice(C.DATE_STYLES), epd_type=epd_type,
            type_words=rng.choice(EPD_TYPE_WORDS[epd_type]), pcr=pcr, pcr_date=pcr_date,
            pcr_valid=C.fmt_date(pcr_valid_d, rng.choice(["long", "us", "abbr"])),
            verified=rng.random() < 0.88, methods=methods, gwp_method=methods[0], units=units, modules=modules,
        )
        return material, prods, meta

    def _products(self, material: str) -> list[P.Product]:
        rng = self.rng
        if material == "concrete":
            n = 1
            if rng.random() < 0.6:
                n = rng.randint(15, 40) if rng.random() < 0.65 else rng.randint(2, 14)
            mpa = rng.random() < 0.15
            code = rng.choice(["dash", "mix", "code", "num"])
            out: list[P.Product] = []
            seen: set[str] = set()
            while len(out) < n:
                p = P.concrete(rng, mpa=mpa, idx=len(out) + 1, code_style=code)
                if p.name not in seen:
                    seen.add(p.name)
                    out.append(p)
            if rng.random() < 0.7:
                out.sort(key=lambda p: (p.strength_psi or 0, p.name))
            comma = rng.random() < 0.5
            for p in out:
                num, unit = (p.strength_text or "").split(" ")
                p.strength_text = f"{int(num):,} {unit}" if comma else f"{num} {unit}"
            return out
        if material == "steel":
            kinds = rng.choice([["rebar"], ["rebar"], ["rebar", "merchant_bar"], ["hot_rolled"], ["plate"],
                                ["hss"], ["sheet"], ["cold_formed"], ["hot_rolled", "plate"], ["merchant_bar"]])
            route = "integrated" if (kinds[0] in ("sheet", "plate", "cold_formed", "hss") and rng.random() < 0.45) \
                else "eaf"
            fab = rng.random() < 0.3 and kinds[0] in ("rebar", "hot_rolled", "hss")
            out = []
            for k in kinds:
                p = P.steel(rng, k, route, fab)
                if any(q.name == p.name for q in out):
                    p.name += " (2)"
                out.append(p)
            return out
        if material == "asphalt":
            n = rng.choice([1, 1, 1, 2, 3, 4, 6]) if rng.random() < 0.75 else rng.randint(15, 28)
            out = []
            while len(out) < n:
                p = P.asphalt(rng)
                if all(q.name != p.name for q in out):
                    out.append(p)
            return out
        if material == "flat_glass":
            processed = rng.random() < 0.25
            ths = sorted(rng.sample([3, 4, 5, 6, 8, 10, 12], rng.choice([1, 1, 2, 3, 4])))
            return [P.glass(rng, float(t), processed) for t in ths]
        n = rng.choice([1, 1, 2, 3])
        out = []
        while len(out) < n:
            p = P.cement(rng)
            if all(q.name != p.name for q in out):
                out.append(p)
        return out

    # -- drawing -----------------------------------------------------------------------------------------------
    def build(self) -> Doc:
        rng = self.rng
        material, prods, meta = self.choose()
        self.material, self.prods, self.meta = material, prods, meta
        w = Writer(rng, producer=rng.choice(PRODUCERS), compress=rng.random() < 0.6,
                   font_prefix=rng.choice(["F", "TT", "T1_", "C2_"]))
        w.mode = rng.choice(TEXT_MODES)
        self.mod_scheme = rng.randrange(4)
        self.total_head = rng.choice(MOD_HEAD["A1-A3"])
        w.title = f"EPD {meta.reg}"
        font = rng.choice(["Helvetica", "Helvetica", "Times-Roman", "Helvetica"])
        self.accent = rng.choice([NAVY, GREEN, TEAL, None])
        flow = Flow(w, margin=rng.choice([42.0, 50.0, 54.0, 60.0]), font=font, size=rng.choice([8.5, 9.0, 9.5, 10.0]))
        self.flow, self.w = flow, w
        if w.mode == "char" and rng.random() < 0.5:
            flow.prose_mode = "glyph"
        cover = rng.choice(["kv", "sidebar", "lines", "banner"])
        layout = self._pick_layout(len(prods))
        if len(prods) == 1 and material in ("concrete", "asphalt") and rng.random() < 0.35:
            cover, layout = "onepager", "none"
        self.mod_order = list(meta.modules)
        if len(meta.modules) == 4 and rng.random() < 0.25:
            self.mod_order = ["A1-A3", "A1", "A2", "A3"]
        self.notes += [f"{material} x{len(prods)}", f"cover={cover}", f"results={layout}",
                       f"units={'/'.join(meta.units)}", f"modules={'/'.join(meta.modules)}", f"text={w.mode}",
                       f"font={font}", f"numbers={self.num_style}", f"validity={meta.validity_style}"]
        getattr(self, f"_cover_{cover}")()
        n_prose = rng.choice([0, 1, 2, 3, 4, 6, 8, 10, 14]) if len(prods) < 20 else rng.choice([0, 1, 2, 4])
        if cover == "onepager":
            n_prose = rng.choice([0, 0, 0, 2])
        self.verbose = rng.random() < 0.25
        if self.verbose:
            n_prose = rng.randint(12, 16)
        if self.short:
            n_prose = 0
        prose_first = rng.random() < 0.6
        if prose_first and n_prose:
            self._prose(n_prose)
        self._extras()
        if layout != "none":
            getattr(self, f"_results_{layout}")()
        if rng.random() < 0.45:
            self._inventory()
        if self.verbose and not self.short and layout in ("rows", "columns") and len(prods) <= 10:
            f = self.flow
            f.new_page()
            f.heading("Appendix: Detailed Results by Product", size=13)
            self.notes.append("appendix per product")
            self._results_modules()
        if len(meta.methods) > 1 and not self.alt_done:
            self._alt_method_table()
        if not prose_first and n_prose:
            self._prose(n_prose)
        if rng.random() < 0.5:
            self._references()
        self._decorate()
        pdf = w.to_bytes()
        return Doc(pdf=pdf, expected=self._expected(len(w.pages)))

    def _pick_layout(self, n: int) -> str:
        rng = self.rng
        if n == 1:
            return rng.choice(["modules", "modules", "summary"])
        if n <= 4:
            return rng.choice(["rows", "columns", "modules"])
        if n <= 8:
            return rng.choice(["rows", "rows", "columns"])
        return rng.choice(["rows", "rows", "rows", "columns"])

    # covers ----------------------------------------------------------------------------------------------------
    def _issue_lines(self) -> list[tuple[str, str]]:
        m, rng = self.meta, self.rng
        iss = C.fmt_date(m.issued, m.date_style)
        end = C.fmt_date(m.valid, m.date_style if rng.random() < 0.6 else rng.choice(C.DATE_STYLES))
        issue_label = rng.choice(["Date of Issue", "Issue Date", "Date of Publication", "Published", "Issued"])
        if m.validity_style == "range":
            words = rng.choice(["EPD Valid {a} through {b}", "Valid from {a} to {b}", "Validity: {a} - {b}",
                                "{a} through {b}"])
            return [("EPD Validity" if rng.random() < 0.5 else "Period of Validity", words.format(a=iss, b=end))]
        if m.validity_style == "period":
            period = rng.choice(["5 years", "5 Years", "Five (5) years"])
            return [(issue_label, iss), ("Period of Validity", period)]
        if m.validity_style == "expires":
            return [(issue_label, iss), (rng.choice(["Expires", "Expiration", "Expiry Date"]), end)]
        if m.validity_style == "kv":
            return [(issue_label.upper(), iss), ("VALID THROUGH", end)]
        return [(issue_label, iss), (rng.choice(["Valid until", "Valid Until", "Expiration Date", "Valid to"]), end)]

    def _meta_pairs(self) -> list[tuple[str, str]]:
        m, rng = self.meta, self.rng
        pcr = f"{m.pcr} ({m.pcr_date}); PCR valid through {m.pcr_valid}"
        pairs = [
            ("Program Operator", f"{m.operator}, {C.OPERATORS[m.operator][0]}"),
            ("Declaration Number", m.reg),
            ("Manufacturer", f"{m.manufacturer}, {m.mfr_addr}"),
        ]
        if m.plant:
            pairs.append(("Production Plant" if rng.random() < 0.5 else "Facility", f"{m.plant}, {m.plant_addr}"))
        unit = _unit_word(m.units[0])
        what = {"concrete": "ready mixed concrete", "steel": "steel product", "asphalt": "asphalt mixture",
                "flat_glass": "flat glass", "cement": "cement"}[self.material]
        if m.units[0] == "m2":
            mass = self.prods[0].mass_m2
            unit += f" of {what} ({mass:g} kg/m^2)" if len(self.prods) == 1 else f" of {what} (mass per m^2 below)"
        else:
            unit += f" of {what}"
        pairs += [("Declared Unit", unit), ("Reference PCR", pcr), ("EPD Type", m.type_words)]
        pairs += self._issue_lines()
        pairs += [("Scope", rng.choice(["Cradle to gate (A1-A3)", "Cradle-to-gate", "Product stage, A1 to A3"])),
                  ("LCIA Method", " / ".join(m.methods) if rng.random() < 0.7 else ", ".join(m.methods))]
        if rng.random() < 0.5:
            pairs.append(("LCA Practitioner", rng.choice(C.LCA_BY)))
        ver = (f"Independent third-party verification of the declaration and data, according to ISO 14025:2006 "
               f"and ISO 21930:2017: [ ] internal [X] external. Verifier: {rng.choice(C.VERIFIERS)}")
        if not m.verified:
            ver = ("Verification of the declaration according to ISO 14025:2006: [X] internal [ ] external "
                   "(reviewed by the manufacturer's LCA team)")
        pairs.append(("Verification", ver))
        return pairs

    def _title(self) -> str:
        p = self.prods
        if len(p) == 1:
            return p[0].name
        return {"concrete": "Ready Mixed Concrete Products", "steel": "Steel Products", "asphalt": "Asphalt Mixtures",
                "flat_glass": "Flat Glass Products", "cement": "Cement Products"}[self.material]

    def _cover_kv(self) -> None:
        f, w, rng = self.flow, self.w, self.rng
        if self.accent:
            w.color_rect(f.page, 0, f.page.height - 90, f.page.width, 90, self.accent)
            w.text(f.page, f.left, f.page.height - 50, "ENVIRONMENTAL PRODUCT DECLARATION", font="Helvetica-Bold",
                   size=18, gray=1.0)
            w.text(f.page, f.left, f.page.height - 72, self.meta.manufacturer, font="Helvetica", size=12, gray=1.0)
            f.y = f.page.height - 110
        else:
            f.heading("Environmental Product Declaration", size=18, rule=True)
            f.paragraph(self.meta.manufacturer, size=12)
        f.heading(self._title(), size=14)
        if len(self.prods) == 1 and self.prods[0].description:
            f.paragraph(self.prods[0].description, size=10)
            self.desc_printed.add(self.prods[0].name)
        t = Table(heads=None, rows=[[k.upper() if rng.random() < 0.5 else k, v] for k, v in self._meta_pairs()],
                  aligns=["l", "l"], wrap_cols={0, 1}, font=f.font, size=8.5, style=rng.choice(["grid", "horiz"]),
                  bold_first_col=True, col_width_cap=330)
        t.col_width_cap = 330
        f.table(t)
        self._product_blurb()
        f.new_page()

    def _cover_sidebar(self) -> None:
        f, w, rng = self.flow, self.w, self.rng
        page = f.page
        w.rect(page, 0, 0, page.width * 0.42, page.height, fill=rng.choice([0.75, 0.82, 0.6]))
        w.text(page, 30, page.height - 80, "Environmental", font="Helvetica-Bold", size=22, gray=1.0)
        w.text(page, 30, page.height - 106, "Product Declaration", font="Helvetica-Bold", size=22, gray=1.0)
        w.text(page, 30, 60, self.meta.operator, font="Helvetica-Bold", size=12, gray=1.0)
        x = page.width * 0.42 + 18
        width_ = page.width - x - 36
        f.y = page.height - 60
        bold = BOLD[f.font]
        for k, v in [("Declaration Owner", self.meta.manufacturer), ("Product", self._title()), *self._meta_pairs()]:
            f.y -= 4
            f.paragraph(k, font=bold, size=9, x=x, width_=width_, after=0)
            f.paragraph(v, size=8.5, x=x, width_=width_, after=3)
        f.new_page()
        self._product_blurb()

    def _cover_lines(self) -> None:
        f, rng = self.flow, self.rng
        f.heading(rng.choice(["ENVIRONMENTAL PRODUCT DECLARATION", "Environmental Product Declaration (EPD)",
                              "Type III Environmental Product Declaration"]), size=16)
        f.heading(self._title(), size=13)
        f.paragraph(f"According to ISO 14025, ISO 21930:2017 and {self.meta.pcr}", size=9)
        f.space(6)
        bold = BOLD[f.font]
        for k, v in self._meta_pairs():
            f.paragraph(f"{k}: {v}", size=9, after=2)
            _ = bold
        if len(self.prods) == 1:
            self._single_facts()
        self._product_blurb()
        if rng.random() < 0.6:
            f.new_page()

    def _cover_banner(self) -> None:
        f, w = self.flow, self.w
        page = f.page
        acc = self.accent or NAVY
        w.color_rect(page, 0, page.height - 40, page.width, 40, acc)
        w.text(page, page.width - f.margin, page.height - 26, self.meta.operator.upper(), font="Helvetica-Bold",
               size=10, gray=1.0, align="r")
        f.y = page.height - 80
        f.heading(self._title(), size=20)
        f.paragraph("Environmental Product Declaration", size=12, gray=0.3)
        f.space(8)
        pairs = self._meta_pairs()
        half = (len(pairs) + 1) // 2
        rows = []
        for i in range(half):
            a = pairs[i]
            b = pairs[i + half] if i + half < len(pairs) else ("", "")
            rows.append([a[0], a[1], b[0], b[1]])
        f.table(Table(heads=None, rows=rows, aligns=["l", "l", "l", "l"], wrap_cols={0, 1, 2, 3}, font=f.font,
                      size=7.5, style="horiz", bold_first_col=False, col_width_cap=150))
        if len(self.prods) == 1:
            self._single_facts()
        self._product_blurb()
        f.new_page()

    def _cover_onepager(self) -> None:
        """Tool-generated single-mix EPD: banner, metadata column on the left, results on the right, one page."""
        f, w, rng, m = self.flow, self.w, self.rng, self.meta
        p = self.prods[0]
        page = f.page
        acc = self.accent or GREEN
        w.color_rect(page, 0, page.height - 70, page.width, 70, acc)
        w.text(page, 36, page.height - 32, p.name, font="Helvetica-Bold", size=18, gray=1.0)
        w.text(page, 36, page.height - 52, p.description or "", font="Helvetica", size=10, gray=1.0)
        self.desc_printed.add(p.name)
        w.text(page, page.width - 36, page.height - 32, "ENVIRONMENTAL PRODUCT DECLARATION", font="Helvetica-Bold",
               size=9, gray=1.0, align="r")
        w.text(page, page.width - 36, page.height - 46, m.operator, font="Helvetica", size=9, gray=1.0, align="r")
        f.margin = 36.0
        top = page.height - 84
        lw = (page.width - 72) * 0.4
        f.region = (36.0, lw)
        f.y = top
        t = Table(heads=None, rows=[[k, v] for k, v in self._meta_pairs()], aligns=["l", "l"], wrap_cols={0, 1},
                  font=f.font, size=7.0, style="horiz", bold_first_col=True, col_width_cap=200, min_size=6.0)
        f.table(t)
        left_end = f.y
        f.region = (36.0 + lw + 14, page.width - 72 - lw - 14)
        f.y = top
        f.heading("Mix Design", size=10)
        for fact in self._facts(p)[1:]:
            f.paragraph(fact, size=8, after=1)
        self.facts_shown = True
        f.heading(f"Results per {P.UNIT_PLAIN[m.units[0]]} ({m.gwp_method})", size=10)
        for u in m.units:
            heads = ["Indicator", *[self._mod_head(mod) for mod in self.mod_order]]
            rows = [[rng.choice(["GWP", "Global warming"]) + f" (kg CO_2e/{P.UNIT_TEXT[u]})",
                     *[p.printed[u][mod] for mod in self.mod_order]]]
            scale = p.per_unit(u) / p.per_unit(m.units[0])
            for key, _label, unit in rng.sample(OTHER_ROWS, rng.randint(2, 5)):
                rows.append([f"{key} ({unit})", *[_scaled(p.others[key], scale * {"A1": p.fracs[0], "A2": p.fracs[1],
                            "A3": p.fracs[2], "A1-A3": 1.0}[mod]) for mod in self.mod_order]])
            t = self._table_style(Table(heads=heads, rows=rows, aligns=["l"] + ["r"] * len(self.mod_order),
                                        wrap_cols={0}, size=7.0, head_size=6.5, min_size=5.5))
            t.col_width_cap = 110
            pages = f.table(t, caption=f"Per 1 {P.UNIT_TEXT[u]}")
            if u == m.units[0]:
                self._mark(p, pages[0])
        f.y = min(f.y, left_end)
        f.region = None
        f.paragraph("This EPD was generated with a verified LCA tool. EPDs are comparable only if they comply with "
                    "the same PCR, include the same life cycle stages and use equivalent functional units.", size=7)
        self.notes.append("one-pager")

    def _single_facts(self) -> None:
        for fact in self._facts(self.prods[0]):
            self.flow.paragraph(fact, size=9, after=2)
        self.facts_shown = True

    def _product_blurb(self) -> None:
        f, rng, m = self.flow, self.rng, self.meta
        p = self.prods[0]
        txt = ""
        if self.material == "steel":
            route = ("produced in an electric arc furnace (EAF) from recycled scrap at a mini-mill"
                     if p.route == "eaf" else "made from iron ore in a blast furnace and basic oxygen furnace (BOF) "
                     "at an integrated mill")
            fab = ("Fabrication at the shop is included in the system boundary (cut, drilled, welded and coated)."
                   if p.fabricated else "Products are unfabricated, as shipped from the mill gate.")
            txt = f"The steel is {route}. {fab}"
        elif self.material == "flat_glass":
            txt = ("The glass is produced in a float line and shipped as cut sizes."
                   + (" Products are further processed (tempering, lamination or coatings)." if p.glass_processed
                      else " No secondary processing is included."))
        elif self.material == "concrete":
            txt = (f"This EPD covers {len(self.prods)} concrete mix design(s) produced at "
                   f"{m.plant or 'the plants of ' + m.manufacturer}. Results are reported per "
                   + " and per ".join(P.UNIT_PLAIN[u] for u in m.units) + " of concrete.")
        elif self.material == "asphalt":
            txt = "Asphalt mixtures produced at a drum plant; results are per " + P.UNIT_PLAIN[m.units[0]] + "."
        else:
            txt = "Clinker is produced in a dry-process preheater/precalciner kiln and interground with limestone."
        if rng.random() < 0.7:
            f.heading(rng.choice(["Product Description", "1. Product Definition", "About this EPD"]), size=11)
        f.paragraph(txt)

    # extra content -------------------------------------------------------------------------------------------
    def _extras(self) -> None:
        f, w, rng = self.flow, self.w, self.rng
        if rng.random() < 0.4:  # flow diagram of the product stage
            f.heading(rng.choice(["Flow Diagram", "System Boundary Diagram", "Figure 1. Product stage"]), size=11)
            f.ensure(80)
            labels = ["A1 Raw material supply", "A2 Transport to plant", "A3 Manufacturing", "Gate"]
            bw = (f.avail - 3 * 20) / 4
            top = f.y - 10
            for i, lab in enumerate(labels):
                x = f.left + i * (bw + 20)
                w.rect(f.page, x, top - 44, bw, 44, fill=0.9 if i < 3 else 0.97, stroke=0.3)
                lines = lab.split(" ", 1)
                w.text(f.page, x + bw / 2, top - 19, lines[0], font=BOLD[f.font], size=8.5, align="c")
                if len(lines) > 1:
                    w.text(f.page, x + bw / 2, top - 32, lines[1], font=f.font, size=7.5, align="c")
                if i < 3:
                    w.line(f.page, x + bw + 3, top - 22, x + bw + 17, top - 22, lw=1.2)
            f.y = top - 60
        if self.material == "concrete" and rng.random() < 0.5:
            self._mix_proportions()
        if self.material == "concrete" and rng.random() < 0.25:
            self._baseline_table()
        if self.material == "flat_glass":
            f.paragraph(f"The float plant's ENERGY STAR Energy Performance Score is {rng.randint(50, 95)}.")

    def _mix_proportions(self) -> None:
        f, rng = self.flow, self.rng
        imperial = rng.random() < 0.6
        u = "lb/yd^3" if imperial else "kg/m^3"
        k = 1.6856 if imperial else 1.0
        heads = ["Mix", f"Portland cement ({u})", f"Fly ash ({u})", f"Slag cement ({u})", f"Coarse agg. ({u})",
                 f"Fine agg. ({u})", f"Water ({u})", "Admixtures (oz/cwt)"]
        rows = []
        for p in self.prods:
            cm = (p.strength_psi or 4000) / 4000 * 330
            fa = cm * (0.25 if "FA" in (p.description or "") else 0.0)
            sl = cm * (0.35 if "SL" in (p.description or "") else 0.0)
            rows.append([p.name, *[f"{v / k:,.0f}" for v in (cm - fa - sl, fa, sl, rng.uniform(1000, 1100),
                                                            rng.uniform(700, 850), cm * rng.uniform(0.4, 0.5))],
                         f"{rng.uniform(2, 12):.1f}"])
        t = self._table_style(Table(heads=heads, rows=rows, aligns=["l"] + ["r"] * 7, size=7.5, head_size=7.0))
        f.table(t, caption=rng.choice(["Mix design proportions", "Table 1. Material content of the declared mixes",
                                       "Concrete mix designs (batch weights)"]))

    def _baseline_table(self) -> None:
        f, rng = self.flow, self.rng
        rows = []
        for cls, base in [("2500", 242), ("3000", 269), ("4000", 319), ("5000", 366), ("6000", 391), ("8000", 478)]:
            rows.append([f"{cls} psi", str(base + rng.randint(-6, 6)), f"{(base + rng.randint(-6, 6)) * 0.764555:.0f}"])
        t = self._table_style(Table(heads=["Strength class", "Regional benchmark (kg CO_2e/m^3)",
                                           "Regional benchmark (kg CO_2e/yd^3)"], rows=rows, aligns=["l", "r", "r"],
                                    size=8.0, head_size=7.5, full_width=False))
        f.table(t, caption="NRMCA industry-wide regional benchmarks (not results of this EPD)")

    def _inventory(self) -> None:
        f, rng, m = self.flow, self.rng, self.meta
        rows_def = [("RPR_E", "Renewable primary energy used as energy carrier", "MJ"),
                    ("NRPR_E", "Non-renewable primary energy used as energy carrier", "MJ"),
                    ("SM", "Secondary materials", "kg"), ("RSF", "Renewable secondary fuels", "MJ"),
                    ("FW", "Consumption of fresh water", "m^3"), ("HWD", "Hazardous waste disposed", "kg"),
                    ("NHWD", "Non-hazardous waste disposed", "kg"), ("MR", "Materials for recycling", "kg")]
        prods = self.prods[:3]
        heads = ["Parameter", "Abbr.", "Unit", *[p.name for p in prods]]
        rows = []
        for abbr, label, unit in rows_def:
            rows.append([label, abbr.replace("_", " "), unit,
                         *[C.fmt_small(p.per_unit(m.units[0]) * rng.uniform(0.001, 15), self.num_style)
                           for p in prods]])
        t = self._table_style(Table(heads=heads, rows=rows, aligns=["l", "l", "l"] + ["r"] * len(prods),
                                    wrap_cols={0}, size=7.5, head_size=7.0))
        t.col_width_cap = 180
        if len(self.prods) > 3:
            f.paragraph("Inventory parameters are shown for the first three products; the others are available "
                        "in the LCA report.", size=8)
        f.table(t, caption=rng.choice(["Resource use, waste and output flows (ISO 21930)",
                                       "Inventory indicators per declared unit"]))

    # prose -----------------------------------------------------------------------------------------------------
    def _prose(self, n: int) -> None:
        f, rng, m = self.flow, self.rng, self.meta
        heads = ["System Boundary", "Cut-off Criteria", "Data Quality", "Allocation", "Comparability",
                 "LCIA Methodology", "Interpretation", "Company Description", "Product Application",
                 "Raw Materials", "Manufacturing Process", "Transportation", "Electricity and Fuels",
                 "Limitations", "Additional Environmental Information", "Data Collection Period"]
        pick = rng.sample(heads, min(n, len(heads)))
        sections = []
        for head in pick:
            paras = []
            for _ in range(rng.choice([2, 3, 4] if self.verbose else [1, 1, 2, 3])):
                paras.append(" ".join(rng.sample(SENTENCES, rng.randint(3, 7))))
            sections.append((head, paras))
        lcia = (f"Impacts are characterized with {m.methods[0]}"
                + (f"; results with {m.methods[1]} are provided for information only." if len(m.methods) > 1
                   else ".") + " Global warming potential uses 100-year factors (IPCC AR5).")
        sections.append(("LCIA Method", [lcia]))
        numbered = rng.random() < 0.4
        if rng.random() < 0.35:
            f.ensure(120)
            f.columns([(h, " ".join(p)) for h, p in sections], ncols=2, size=max(f.size - 1, 8))
            return
        for i, (head, paras) in enumerate(sections, 1):
            f.heading(f"{i + 1}. {head}" if numbered else head, size=11)
            for para in paras:
                f.paragraph(para)

    def _references(self) -> None:
        f = self.flow
        f.heading("References", size=11)
        for r in ["ISO 14025:2006 Environmental labels and declarations - Type III environmental declarations",
                  "ISO 21930:2017 Sustainability in buildings and civil engineering works - Core rules for EPDs",
                  f"{self.meta.pcr}, {self.meta.pcr_date}",
                  "Bare, J. (2012) TRACI 2.1 User's Guide, US EPA"]:
            f.paragraph("- " + r, size=8, after=1)

    # results ---------------------------------------------------------------------------------------------------
    def _unit_head(self, u: str) -> str:
        return self.rng.choice([f"kg CO_2e/{P.UNIT_TEXT[u]}", f"per {P.UNIT_TEXT[u]}", f"kg CO2 eq / {P.UNIT_TEXT[u]}"])

    def _table_style(self, t: Table) -> Table:
        rng = self.rng
        t.font = self.flow.font
        t.style = rng.choice(["grid", "horiz", "zebra", "booktabs"])
        fill = rng.random()
        if fill < 0.35 and self.accent:
            t.head_rgb, t.head_white = self.accent, True
        elif fill < 0.7:
            t.head_fill = rng.choice([0.8, 0.88, 0.93])
        else:
            t.head_fill = None
        t.repeat_head = rng.random() < 0.6
        t.order = "col" if rng.random() < 0.25 else "row"
        self.notes.append(f"table={t.style}/{'rep' if t.repeat_head else 'norep'}/{t.order}")
        return t

    def _mark(self, p: P.Product, page_index: int) -> None:
        p.page = min(p.page, page_index + 1)

    def _mod_head(self, mod: str) -> str:
        if mod == "A1-A3":
            return self.total_head
        return MOD_HEAD[mod][self.mod_scheme]

    def _results_rows(self) -> None:
        f, rng, m = self.flow, self.rng, self.meta
        landscape = rng.random() < 0.5
        if landscape or f.y < 300:
            f.new_page(landscape=landscape)
        f.heading(rng.choice(["Life Cycle Impact Assessment Results", "LCA Results", "Results per Mix Design",
                              "Environmental Performance"]), size=12)
        split_units = len(m.units) > 1 and rng.random() < 0.3
        alt_col = len(m.methods) > 1 and not split_units and rng.random() < 0.5
        self.alt_done = alt_col
        unit_sets = [[u] for u in m.units] if split_units else [m.units]
        if split_units:
            self.notes.append("one table per unit")
        for k, units in enumerate(unit_sets):
            self._rows_table(units, alt_col, with_others=k == 0)

    def _rows_table(self, units: list[str], alt_col: bool, with_others: bool) -> None:
        f, rng, m = self.flow, self.rng, self.meta
        prods = self.prods
        heads: list[str] = []
        aligns: list[str] = []
        cols: list[Callable[[P.Product], str]] = []
        mat = self.material
        attrs: list[tuple[str, Callable[[P.Product], str], str]] = [
            (rng.choice(["Mix ID", "Mix Number", "Product", "Mix Code"]) if mat == "concrete" else "Product",
             lambda p: p.name, "l")]
        if any(p.description for p in prods) and (mat == "concrete" or rng.random() < 0.8) and mat != "steel":
            attrs.append((rng.choice(["Description", "Mix Description", "Product Description"]),
                          lambda p: p.description or "", "l"))
            self.desc_printed.update(p.name for p in prods)
        if mat == "concrete":
            unit = "MPa" if "MPa" in (prods[0].strength_text or "") else "psi"
            show_age = rng.random() < 0.5 or any(p.strength_age != 28 for p in prods)
            head = rng.choice([f"f'c ({unit})", f"Compressive Strength ({unit})", f"Strength {unit}"])
            if not show_age:
                head = rng.choice([f"28-day f'c ({unit})", f"Compressive Strength at 28 days ({unit})"])
            attrs.append((head, lambda p: (p.strength_text or "").split(" ")[0], "r"))
            if show_age:
                attrs.append((rng.choice(["Age (days)", "Test Age", "Days"]), lambda p: str(p.strength_age), "c"))
        if mat == "flat_glass":
            attrs.append(("Thickness (mm)", lambda p: f"{p.thickness_mm:g}", "r"))
            attrs.append(("Mass (kg/m^2)", lambda p: f"{p.mass_m2:g}", "r"))
        if mat == "steel" and rng.random() < 0.6:
            attrs.append(("Steelmaking route", lambda p: "EAF" if p.route == "eaf" else "BF-BOF (integrated)", "l"))
        if len(attrs) > 2 and rng.random() < 0.3:
            attrs.insert(1, attrs.pop(0))
        for h, fn, al in attrs:
            heads.append(h)
            aligns.append(al)
            cols.append(fn)
        wrap_cols = {j for j, (h, _, _) in enumerate(attrs) if "escription" in h}
        groups: list[tuple[int, int, str]] = []
        gname = rng.choice(["GWP", "Global Warming Potential", "GWP (TRACI)", "Global warming"])
        first_gwp = len(heads)
        for u in units:
            start = len(heads)
            if len(m.modules) == 1:
                if len(units) > 1:
                    heads.append(self._unit_head(u) if rng.random() < 0.5 else f"per {P.UNIT_TEXT[u]}")
                else:
                    heads.append(f"{gname} A1-A3 ({self._unit_head(u)})")
                aligns.append("r")
                cols.append(_getter(u, "A1-A3"))
            else:
                for mod in self.mod_order:
                    heads.append(self._mod_head(mod))
                    aligns.append("r")
                    cols.append(_getter(u, mod))
                groups.append((start, len(heads) - 1, f"{gname} ({self._unit_head(u)})"))
        if len(units) > 1 and len(m.modules) == 1:
            groups.append((first_gwp, first_gwp + len(units) - 1, f"{gname} A1-A3 (kg CO_2e)"))
        if alt_col:
            heads.append(f"GWP {m.methods[1]} (for information, kg CO_2e/{P.UNIT_TEXT[units[0]]})")
            aligns.append("r")
            cols.append(lambda p: p.alt[units[0]])
            self.notes.append("alt-method column")
        extra = rng.sample(OTHER_ROWS, rng.choice([0, 0, 1, 2, 3, 4])) if len(heads) < 9 and with_others else []
        for key, label, unit in extra:
            heads.append(f"{key} ({unit})" if rng.random() < 0.5 else f"{label} ({unit})")
            aligns.append("r")
            cols.append(_other(key))
        if mat == "concrete" and rng.random() < 0.3:
            heads.append(rng.choice(["NRMCA regional baseline (kg CO_2e/m^3)", "Benchmark GWP (kg CO2e/m3)"]))
            aligns.append("r")
            cols.append(lambda p: C.fmt_num(p.per_unit("m3") * rng.uniform(1.05, 1.4), "plain", 0))
            heads.append("% below baseline")
            aligns.append("r")
            cols.append(lambda p: f"{rng.randint(3, 35)}%")
        rows = [[fn(p) for fn in cols] for p in prods]
        t = self._table_style(Table(heads=heads, rows=rows, aligns=aligns, groups=groups, wrap_cols=wrap_cols,
                                    size=rng.choice([7.0, 7.5, 8.0]), head_size=7.0))
        t.max_head_lines = rng.choice([2, 3, 4])
        caption = None
        per = " and ".join(f"1 {P.UNIT_TEXT[u]}" for u in units)
        if rng.random() < 0.7:
            caption = rng.choice([f"Table {rng.randint(2, 6)}. {m.gwp_method} results, cradle to gate, per {per}",
                                  f"Results ({m.gwp_method}) per {per}", f"Potential environmental impacts per {per}"])
        notes = []
        if "A1-A3" not in m.modules:
            notes.append("A1-A3 total is not reported; modules are shown separately.")
        if rng.random() < 0.6:
            notes.append(rng.choice(["Note: mixes marked HE are high-early-strength designs.",
                                     "* Values are rounded; totals may not equal the sum of modules.",
                                     "ND = not declared. Results are not comparable across PCRs."]))
        pages = f.table(t, caption=caption, notes=notes)
        if m.units[0] in units:
            for p, pg in zip(prods, pages, strict=True):
                self._mark(p, pg)
        if f.landscape:
            f.new_page(landscape=False)

    def _results_columns(self) -> None:
        f, rng, m = self.flow, self.rng, self.meta
        prods = self.prods
        per = rng.choice([3, 4, 5, 6])
        if f.y < 300:
            f.new_page()
        f.heading(rng.choice(["Results", "LCIA Results by Product", "Environmental Indicators"]), size=12)
        ind_label = rng.choice(GWP_LABELS)
        for s in range(0, len(prods), per):
            chunk = prods[s:s + per]
            heads = [rng.choice(["Impact Category", "Indicator", "Parameter"]), "Unit", *[p.name for p in chunk]]
            rows: list[list[str]] = []
            gwp_row: dict[tuple[str, str], int] = {}
            if self.material == "concrete":
                unit = (chunk[0].strength_text or " psi").split(" ")[1]
                rows.append(["Specified compressive strength", unit,
                             *[(p.strength_text or "").split(" ")[0] for p in chunk]])
                rows.append(["Strength age", "days", *[str(p.strength_age) for p in chunk]])
            if self.material == "flat_glass":
                rows.append(["Mass per area", "kg/m^2", *[f"{p.mass_m2:g}" for p in chunk]])
            if any(p.description for p in chunk) and (self.material == "concrete" or rng.random() < 0.5):
                rows.insert(0, ["Description", "-", *[p.description or "" for p in chunk]])
                self.desc_printed.update(p.name for p in chunk)
            for u in m.units:
                for mod in m.modules:
                    label = ind_label if mod == "A1-A3" else f"{ind_label} {mod}"
                    if len(m.modules) > 1 and mod == "A1-A3":
                        label = f"{ind_label}, {self.total_head}"
                    gwp_row[(u, mod)] = len(rows)
                    rows.append([label, f"kg CO_2e/{P.UNIT_TEXT[u]}", *[p.printed[u][mod] for p in chunk]])
            for key, label, unit in rng.sample(OTHER_ROWS, rng.randint(2, 6)):
                rows.append([label, unit, *[p.others[key] for p in chunk]])
            t = self._table_style(Table(heads=heads, rows=rows, aligns=["l", "l"] + ["r"] * len(chunk),
                                        wrap_cols=set(range(len(heads))) - {1}, size=8.0, head_size=7.5))
            t.col_width_cap = 150
            t.keep_with_next = {r for r in range(min(gwp_row.values()), max(gwp_row.values()))}
            caption = f"{m.gwp_method} results for {', '.join(p.name for p in chunk)}" if rng.random() < 0.4 else None
            pages = f.table(t, caption=caption)
            u0 = m.units[0]
            mods = ["A1-A3"] if "A1-A3" in m.modules else ["A1", "A2", "A3"]
            for p in chunk:
                for mod in mods:
                    self._mark(p, pages[gwp_row[(u0, mod)]])

    def _facts(self, p: P.Product) -> list[str]:
        facts = []
        if p.description:
            facts.append(p.description)
            self.desc_printed.add(p.name)
        if p.strength_text:
            facts.append(f"Specified compressive strength: {p.strength_text} at {p.strength_age} days")
        if p.early_text:
            facts.append(f"Early strength: {p.early_text}")
        if p.lightweight:
            facts.append("Lightweight concrete, equilibrium density 1,840 kg/m^3 (115 pcf)")
        if p.mass_m2:
            facts.append(f"Nominal thickness {p.thickness_mm:g} mm, mass {p.mass_m2:g} kg/m^2")
        return facts

    def _results_modules(self) -> None:
        f, rng, m = self.flow, self.rng, self.meta
        side_by_side = len(m.units) > 1 and rng.random() < 0.5
        if f.y < 320:
            f.new_page()
        f.heading(rng.choice(["Life Cycle Impact Assessment (LCIA) Results", "Results", "5. LCA Results"]), size=12)
        ind_label = rng.choice(GWP_LABELS)
        for p in self.prods:
            if len(self.prods) > 1 or not self.facts_shown:
                f.ensure(140)
                f.paragraph(f"{p.name}: " + "; ".join(self._facts(p)) if self._facts(p) else p.name,
                            font=BOLD[f.font] if rng.random() < 0.5 else f.font, after=3)
            unit_sets = [m.units] if side_by_side else [[u] for u in m.units]
            for us in unit_sets:
                heads = [rng.choice(["Impact category", "Indicator", "Parameter"]), "Unit"]
                aligns = ["l", "l"]
                groups = []
                for u in us:
                    start = len(heads)
                    for mod in self.mod_order:
                        heads.append(self._mod_head(mod))
                        aligns.append("r")
                    if side_by_side:
                        groups.append((start, len(heads) - 1, f"per {P.UNIT_TEXT[u]}"))
                rows = [[ind_label, "kg CO_2e", *[p.printed[u][mod] for u in us for mod in self.mod_order]]]
                for key, label, unit in rng.sample(OTHER_ROWS, rng.randint(2, 6)):
                    vals = []
                    for u in us:
                        scale = p.per_unit(u) / p.per_unit(m.units[0])
                        for mod in self.mod_order:
                            frac = {"A1": p.fracs[0], "A2": p.fracs[1], "A3": p.fracs[2], "A1-A3": 1.0}[mod]
                            vals.append(_scaled(p.others[key], scale * frac))
                    rows.append([label, unit, *vals])
                if rng.random() < 0.3:  # GWP not always the first row
                    rows.insert(1, rows.pop(0))
                t = self._table_style(Table(heads=heads, rows=rows, aligns=aligns, groups=groups, wrap_cols={0},
                                            size=8.0, head_size=7.5))
                t.col_width_cap = 140
                unit_txt = " and ".join(f"1 {P.UNIT_TEXT[u]}" for u in us)
                caption = rng.choice([f"{m.gwp_method} results for {unit_txt} of {p.name}",
                                      f"Table: {p.name} - results per {unit_txt}",
                                      f"{p.name} ({m.gwp_method}), per {unit_txt}"])
                pages = f.table(t, caption=caption)
                gwp_idx = 0 if rows[0][0] == ind_label else 1
                if m.units[0] in us:
                    self._mark(p, pages[gwp_idx])
            if len(m.methods) > 1 and rng.random() < 0.5 and not self.alt_done:
                self._alt_method_table(only=p)

    def _results_summary(self) -> None:
        """Tool-generated single-mix layout: a headline box with the A1-A3 value, then the module table."""
        f, w, m = self.flow, self.w, self.meta
        p = self.prods[0]
        f.ensure(90)
        u = m.units[0]
        if "A1-A3" in m.modules:
            top = f.y - 6
            bw = min(f.avail, 260)
            w.rect(f.page, f.left, top - 60, bw, 60, fill=0.92, stroke=0.5)
            w.text(f.page, f.left + 10, top - 18, f"Global Warming Potential ({m.gwp_method}), A1-A3",
                   font=BOLD[f.font], size=9)
            w.text(f.page, f.left + 10, top - 46, p.printed[u]["A1-A3"], font=BOLD[f.font], size=22)
            w.text(f.page, f.left + bw - 10, top - 46, f"kg CO2e per {P.UNIT_PLAIN[u]}", font=f.font, size=9,
                   align="r")
            self._mark(p, f.page_index)
            f.y = top - 72
            self.notes.append("headline box")
        self._results_modules()

    def _alt_method_table(self, only: P.Product | None = None) -> None:
        f, rng, m = self.flow, self.rng, self.meta
        prods = [only] if only else self.prods
        if only is not None:
            self.alt_shown.add(only.name)
        prods = [p for p in prods if only is not None or p.name not in self.alt_shown]
        if not prods:
            return
        alt = m.methods[1]
        u = m.units[0]
        f.ensure(120)
        label = "GWP-total" if alt.startswith("EN") else rng.choice(["Global warming (GWP100a)", "GWP 100 years"])
        heads = ["Product", f"{label} A1-A3 (kg CO_2 eq/{P.UNIT_TEXT[u]})"]
        rows = [[p.name, p.alt[u]] for p in prods]
        if alt.startswith("EN"):
            heads.append("GWP-fossil")
            rows = [[*r, C.fmt_num(C.parse_num(r[1]) * 0.99, self.num_style, self.dec)] for r in rows]
        t = self._table_style(Table(heads=heads, rows=rows, aligns=["l"] + ["r"] * (len(heads) - 1), size=8.0,
                                    head_size=7.5, full_width=rng.random() < 0.5))
        cap = {"CML": "Supplementary results, CML-IA baseline (for information; EN 15804+A1)",
               "EN 15804+A2": "Supplementary results, EN 15804+A2 (EF 3.1) - not for comparison with TRACI"}[alt]
        f.table(t, caption=cap)

    # decoration and truth ---------------------------------------------------------------------------------------
    def _decorate(self) -> None:
        rng, w, m = self.rng, self.w, self.meta
        n = len(w.pages)
        style = rng.choice(["pageof", "num", "reg", "none"])
        head = rng.random() < 0.7
        for i, page in enumerate(w.pages):
            if i == 0:
                continue
            if head:
                w.text(page, 40, page.height - 30, f"{m.manufacturer} | {self._title()}", size=7, gray=0.35)
                w.text(page, page.width - 40, page.height - 30, "Environmental Product Declaration", size=7,
                       gray=0.35, align="r")
                w.line(page, 40, page.height - 35, page.width - 40, page.height - 35, lw=0.3, gray=0.6)
            if style == "pageof":
                w.text(page, page.width / 2, 28, f"Page {i + 1} of {n}", size=7.5, align="c")
            elif style == "num":
                w.text(page, page.width - 40, 28, str(i + 1), size=8, align="r")
            elif style == "reg":
                w.text(page, 40, 28, f"{m.operator} | {m.reg}", size=7, gray=0.3)
                w.text(page, page.width - 40, 28, f"{i + 1}", size=7, align="r")

    def _expected(self, page_count: int) -> dict[str, Any]:
        m = self.meta
        prods = []
        for p in self.prods:
            u0 = m.units[0]
            printed = p.printed[u0]
            gp = printed["A1-A3"] if "A1-A3" in printed else " + ".join(printed[k] for k in ("A1", "A2", "A3"))
            prods.append({
                "name": p.name, "material": p.material, "gwp_a1a3": p.gwp[u0], "declared_unit": u0,
                "gwp_by_unit": dict(p.gwp), "modules": list(m.modules), "gwp_method": m.gwp_method,
                "strength_psi": p.strength_psi, "strength_age_days": p.strength_age, "lightweight": p.lightweight,
                "high_early_strength": p.high_early, "steel_product": p.steel_product, "fabricated": p.fabricated,
                "route": p.route, "glass_processed": p.glass_processed,
                "description": p.description if p.name in self.desc_printed else None,
                "page": p.page, "gwp_printed": gp,
            })
        return {
            "seed": self.seed, "description": "; ".join(dict.fromkeys(self.notes)),
            "program_operator": m.operator, "registration_number": m.reg, "manufacturer": m.manufacturer,
            "plant": m.plant, "issued": m.issued.isoformat(), "valid_until": m.valid.isoformat(),
            "epd_type": m.epd_type, "pcr": m.pcr, "third_party_verified": m.verified, "methods": list(m.methods),
            "page_count": page_count, "products": prods,
        }


def _getter(unit: str, mod: str) -> Callable[[P.Product], str]:
    return lambda p: p.printed[unit][mod]


def _other(key: str) -> Callable[[P.Product], str]:
    return lambda p: p.others[key]


def _scaled(text: str, k: float) -> str:
    v = C.parse_num(text) * k
    if "x10" in text:
        return C.fmt_small(v, "x10")
    if "e" in text.lower():
        return C.fmt_small(v, "sci_comma" if "," in text else ("sci_lower" if "e" in text else "sci"))
    return f"{v:,.2f}" if "," in text else f"{v:.2f}"


def generate(seed: int) -> Doc:
    """One synthetic North American EPD, fully determined by ``seed``."""
    doc = Builder(seed).build()
    if doc.expected["page_count"] > 12:  # same choices, without the optional prose
        doc = Builder(seed, short=True).build()
    return doc
