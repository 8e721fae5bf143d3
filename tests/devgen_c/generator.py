"""generate(seed) -> Doc: one synthetic North American EPD PDF and the values it prints (see the package docstring
for the independence rule this generator was written under)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from tests.devgen_c import vocab as V
from tests.devgen_c.render import Col, Pdf, TableStyle, draw_table, make_pdf
from tests.devgen_c.spec import Prod, Spec, build


@dataclass
class Doc:
    pdf: bytes
    expected: dict[str, Any]
    printed: dict[str, Any]  # the strings printed for dates, number and validity (used by the honesty test)


UNIT_LABELS = {
    "m3": ["m3", "m³", "cubic meter", "m3"],
    "yd3": ["yd3", "yd³", "cubic yard", "CY"],
    "t": ["metric ton", "tonne", "t", "1,000 kg"],
    "short_ton": ["short ton", "ton (2,000 lb)", "US short ton"],
    "m2": ["m2", "m²", "square meter"],
}
GWP_LABELS = ["GWP", "Global Warming Potential", "GWP-100", "Global warming", "Climate change (GWP)"]
CO2 = ["kg CO2 eq", "kg CO₂ eq", "kg CO2e", "kg CO2-Eq.", "kg CO₂e", "kg CO2 equiv."]
MOD_NAMES = {
    "A1": ["A1", "A1 Raw materials", "Upstream (A1)", "A1 Raw material supply", "A1: Extraction"],
    "A2": ["A2", "A2 Transport", "Core (A2)", "A2 Transport to plant", "A2: Transport"],
    "A3": ["A3", "A3 Manufacturing", "Core (A3)", "A3 Production", "A3: Manufacturing"],
    "A1-A3": ["A1-A3", "Total A1-A3", "Product stage (A1-A3)", "A1-A3 Total", "A1 to A3", "Sum A1-A3"],
}
MATERIAL_WORDS = {
    "concrete": ["Ready Mixed Concrete", "Ready-Mix Concrete", "Ready Mixed Concrete Products"],
    "steel": ["Steel Construction Products", "Structural and Reinforcing Steel", "Steel Products"],
    "asphalt": ["Asphalt Mixtures", "Hot Mix Asphalt", "Asphalt Mixture"],
    "flat_glass": ["Flat Glass", "Architectural Flat Glass", "Float Glass Products"],
    "cement": ["Cement", "Portland and Blended Cements", "Hydraulic Cement"],
}


class Ctx:
    def __init__(self, spec: Spec, rng: random.Random, pdf: Pdf) -> None:
        self.s = spec
        self.rng = rng
        self.pdf = pdf
        self.ul = {u: rng.choice(v) for u, v in UNIT_LABELS.items()}
        self.gwp = rng.choice(GWP_LABELS)
        self.gwp_note = None
        if rng.random() < 0.2:
            mark = rng.choice(["*", "(a)", "1"]) if rng.random() < 0.7 else "**"
            self.gwp += mark if mark != "1" else " (1)"
            self.gwp_note = (mark if mark != "1" else "(1)") + " " + rng.choice([
                "Global warming potential calculated with IPCC AR5 GWP100 factors, excluding biogenic carbon.",
                "Includes fossil and land-use change emissions; biogenic CO2 is reported separately.",
                "Per the PCR, carbonation during use is not included.",
            ])
        self.co2 = rng.choice(CO2)
        self.mods = {m: rng.choice(v) for m, v in MOD_NAMES.items()}
        if rng.random() < 0.5:
            self.mods = {m: m for m in MOD_NAMES}
        if spec.material == "asphalt" and rng.random() < 0.5:
            self.mods = {"A1": "Materials (A1)", "A2": "Transport (A2)", "A3": "Production (A3)",
                         "A1-A3": rng.choice(["Total", "Total (A1-A3)", "A1-A3"])}
        self.printed: dict[str, Any] = {"dates": {}, "strings": []}
        self.desc_printed: set[int] = set()
        self.strength_printed: set[int] = set()
        self.early_printed: set[int] = set()
        self.lw_printed: set[int] = set()
        self.table_no = 0
        self.dfmt = lambda d: V.fmt_date(d, spec.date_style)

    def unit_phrase(self, u: str) -> str:
        lab = self.ul[u]
        if lab.startswith("1,000"):
            return lab
        return f"1 {lab}"

    def caption(self, text: str) -> None:
        self.table_no += 1
        pdf = self.pdf
        style = self.rng.choice(["Table {n}. ", "Table {n}: ", "TABLE {n} - ", ""])
        pdf.font("B", pdf.theme.size)
        if pdf.get_y() + 30 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(pdf.avail, pdf.theme.size * 0.5, pdf.tx(style.format(n=self.table_no) + text),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


# ------------------------------------------------------------------------------------------------------- cover
def _validity_pairs(c: Ctx) -> list[tuple[str, str]]:
    s = c.s
    iss = c.dfmt(s.issued)
    end = c.dfmt(s.valid_until)
    c.printed["dates"]["issued"] = iss
    rng = c.rng
    if s.validity_mode == "until":
        c.printed["dates"]["valid_until"] = end
        return [(rng.choice(["Date of issue", "Issue date", "Date of Issue", "Issued"]), iss),
                (rng.choice(["Valid until", "Valid through", "Expiration date", "End of validity", "Valid to"]), end)]
    if s.validity_mode == "range":
        c.printed["dates"]["valid_until"] = end
        sep = rng.choice(["through", "to", "-"])
        return [(rng.choice(["Date of issue", "Issue date"]), iss),
                (rng.choice(["Period of validity", "Declaration validity period", "EPD validity"]),
                 f"{iss} {sep} {end}")]
    txt = rng.choice(["5 Years", "5 years from date of issue", "Five (5) years", "5 years"])
    c.printed["dates"]["valid_until"] = None
    c.printed["validity_text"] = txt
    return [(rng.choice(["Date of issue", "Issue date", "Date of Issue"]), iss),
            (rng.choice(["Period of validity", "Validity period", "Valid for"]), txt)]


def _methods_text(c: Ctx) -> str:
    s = c.s
    alt = {"EF 3.1": "EN 15804+A2 (EF 3.1)", "EF 3.0": "EF 3.0", "CML-IA": "CML-IA"}
    if not s.alt_method:
        return s.traci
    return s.traci + c.rng.choice([" / ", "; ", " and "]) + alt[s.alt_method]


def _declared_unit_text(c: Ctx) -> str:
    s = c.s
    p = s.products[0]
    u = p.declared_unit
    mat = {"concrete": "ready mixed concrete", "steel": "steel product", "asphalt": "asphalt mixture",
           "flat_glass": "flat glass", "cement": "cement"}[s.material]
    if u == "m2":
        if len(s.products) == 1:
            return f"1 {c.ul['m2']} of {mat} ({p.extra['thick']} mm, {p.extra['mass']} kg/{c.ul['m2']})"
        return f"1 {c.ul['m2']} of {mat} of the stated thickness (2.5 kg/m2 per mm)"
    if u == "short_ton":
        return f"1 short ton (2,000 lb) of {mat}"
    if u == "t":
        return c.rng.choice([f"1 metric ton of {mat}", f"1 tonne (1,000 kg) of {mat}", f"1 t of {mat}"])
    return f"{c.unit_phrase(u)} of {mat}"


def _product_title(c: Ctx) -> str:
    s = c.s
    if len(s.products) == 1:
        return s.products[0].name
    return f"{c.rng.choice(MATERIAL_WORDS[s.material])}"


def _single_facts(c: Ctx, p: Prod, i: int) -> list[tuple[str, str]]:
    """Label/value facts about a single product (cover or product section)."""
    out: list[tuple[str, str]] = []
    rng = c.rng
    if p.description and p.description != p.name:
        labels = {"concrete": ["Description", "Mix description", "Mix Description"],
                  "asphalt": ["Mix description", "Mix type", "Description"]}.get(
            p.material, ["Description", "Product description"])
        out.append((rng.choice(labels), p.description))
        c.desc_printed.add(i)
    if p.material == "concrete" and p.strength_print:
        age = p.strength_age
        sp = p.strength_print
        if sp.endswith("psi") and rng.random() < 0.5:
            sp = f"{int(sp.split()[0]):,} psi"
        out.append((rng.choice(["Compressive strength", "Specified strength (f'c)", "Design strength"]),
                    f"{sp} at {age} days" if rng.random() < 0.7 else f"{sp} ({age}-day)"))
        c.strength_printed.add(i)
        if p.early:
            out.append(("Early strength", p.early))
            c.early_printed.add(i)
        if p.lightweight:
            out.append(("Unit weight", f"{rng.randint(105, 118)} pcf (lightweight)"))
            c.lw_printed.add(i)
    if p.material == "flat_glass":
        out.append(("Nominal thickness", f"{p.extra['thick']} mm ({p.extra['mass']} kg/m2)"))
    return out


def cover(c: Ctx) -> None:
    pdf, s, rng = c.pdf, c.s, c.rng
    pdf.add_page()
    style = rng.choice(["band", "sidebar", "boxed", "plain"])
    c.s.choices.append(f"cover={style}")
    acc = pdf.theme.accent
    title = rng.choice(["Environmental Product Declaration", "ENVIRONMENTAL PRODUCT DECLARATION",
                        "Environmental Product Declaration (EPD)", "Type III Environmental Product Declaration"])
    if style == "band":
        pdf.set_fill_color(*acc)
        pdf.rect(0, 0, pdf.w, 38, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.font("B", pdf.theme.size + 9)
        pdf.set_xy(pdf.l_margin, 12)
        pdf.cell(pdf.avail, 10, pdf.tx(title))
        pdf.font("", pdf.theme.size + 1)
        pdf.set_xy(pdf.l_margin, 24)
        pdf.cell(pdf.avail, 6, pdf.tx(f"According to ISO 14025 and ISO 21930:2017 | {s.operator}"))
        pdf.set_text_color(0, 0, 0)
        pdf.set_y(48)
    elif style == "sidebar":
        pdf.set_fill_color(*pdf.theme.light)
        pdf.rect(0, 0, pdf.w * 0.42, pdf.h, style="F")
        pdf.set_fill_color(*acc)
        for k in range(4):  # a stylised "photo"
            pdf.rect(12 + k * 9, 60 + k * 25, pdf.w * 0.42 - 30 - k * 12, 20, style="F")
        pdf.set_left_margin(pdf.w * 0.46)
        pdf.set_y(20)
        pdf.font("B", pdf.theme.size + 6)
        pdf.multi_cell(pdf.avail, 8, pdf.tx(title), new_x="LMARGIN", new_y="NEXT", align="L")
    else:
        pdf.set_y(22)
        pdf.font("B", pdf.theme.size + 8)
        pdf.set_text_color(*acc)
        pdf.multi_cell(pdf.avail, 9, pdf.tx(title), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(4)

    pdf.font("B", pdf.theme.size + (7 if style != "sidebar" else 4))
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(pdf.avail, 9, pdf.tx(_product_title(c)), new_x="LMARGIN", new_y="NEXT",
                   align="C" if style in ("boxed", "plain") else "L")
    if len(s.products) > 1:
        pdf.para(f"{len(s.products)} products declared in this EPD", size=pdf.theme.size + 1)
    elif s.show_total and rng.random() < 0.25:
        p = s.products[0]
        u = p.declared_unit
        pdf.font("B", pdf.theme.size + 10)
        pdf.set_text_color(*pdf.theme.accent)
        pdf.set_x(pdf.l_margin)
        pdf.cell(pdf.avail, 12, pdf.tx(f"{p.strings[u]['A1-A3']} {c.co2}"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.para(f"Global warming potential, A1-A3 ({s.traci}), per {c.unit_phrase(u)}", size=pdf.theme.size)
        s.choices.append("cover-headline")
    pdf.ln(3)
    if style == "boxed":
        # NSF-like: the metadata box is on the cover
        meta_box(c, on_cover=True)
        return
    blocks: list[tuple[str, str]] = []
    blocks.append((rng.choice(["Declaration Owner", "Manufacturer", "EPD Owner", "Prepared for"]),
                   f"{s.manufacturer}\n{s.man_address}"))
    if s.plant:
        blocks.append((rng.choice(["Plant", "Production facility", "Manufacturing location"]),
                       f"{s.plant}\n{s.plant_address}"))
    if len(s.products) == 1:
        for lab, val in _single_facts(c, s.products[0], 0):
            blocks.append((lab, val))
    if rng.random() < 0.6:
        pairs = _validity_pairs(c)
        c.printed["cover_dates"] = True
        if s.validity_mode == "range" and rng.random() < 0.5:
            blocks.append((rng.choice(["EPD Number and Period of Validity", "Declaration number and validity"]),
                           f"{s.reg}\nEPD Valid {c.dfmt(s.issued)} through {c.dfmt(s.valid_until)}"))
        else:
            blocks.append((rng.choice(["EPD Number", "Declaration Number", "Registration No."]), s.reg))
            blocks.extend(pairs)
    else:
        blocks.append((rng.choice(["EPD Number", "Declaration Number", "Registration No."]), s.reg))
    if rng.random() < 0.2:
        blocks.append((rng.choice(["Version", "Revised", "Version date"]),
                       c.dfmt(s.issued + dt.timedelta(days=rng.randint(10, 300)))))
    blocks.append(("Program Operator", f"{s.operator}\n{s.operator_address}"))
    if style == "sidebar" or rng.random() < 0.5:
        for lab, val in blocks:
            pdf.font("B", pdf.theme.size)
            pdf.set_x(pdf.l_margin)
            pdf.cell(pdf.avail, 5, pdf.tx(lab), new_x="LMARGIN", new_y="NEXT")
            pdf.para(val, size=pdf.theme.size, lh=pdf.theme.size * 0.45)
    else:
        pdf.kv(blocks, label_w=pdf.avail * rng.uniform(0.3, 0.4), style=rng.choice(["plain", "rules"]))
    pdf.set_left_margin(pdf.r_margin)


def cover_compact(c: Ctx) -> None:
    """A short single-product EPD (LCA-tool style): the summary and the results on the first page."""
    pdf, s, rng = c.pdf, c.s, c.rng
    p = s.products[0]
    pdf.add_page()
    acc = pdf.theme.accent
    pdf.set_fill_color(*acc)
    pdf.rect(0, 0, pdf.w, 22, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.font("B", pdf.theme.size + 4)
    pdf.set_xy(pdf.l_margin, 6)
    pdf.cell(pdf.avail * 0.6, 10, pdf.tx(rng.choice(["Environmental Product Declaration", "EPD Summary",
                                                     "Environmental Product Declaration | ISO 21930"])))
    pdf.font("", pdf.theme.size)
    pdf.set_xy(pdf.l_margin + pdf.avail * 0.6, 6)
    pdf.multi_cell(pdf.avail * 0.4, 5, pdf.tx(f"{s.operator}\nEPD No. {s.reg}"), align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(28)
    pdf.font("B", pdf.theme.size + 8)
    pdf.set_x(pdf.l_margin)
    lead = {"concrete": rng.choice(["Mix ", "Mix Number: ", "Product: ", ""]),
            "asphalt": rng.choice(["Mix ", "Mix ID: ", ""])}.get(s.material, "")
    if p.name.lower().startswith("mix") or not any(ch.isdigit() for ch in p.name[:2]):
        lead = ""
    pdf.cell(pdf.avail, 10, pdf.tx(lead + p.name), new_x="LMARGIN", new_y="NEXT")
    facts = _single_facts(c, p, 0)
    pairs = [(rng.choice(["Manufacturer", "Producer", "Company"]), f"{s.manufacturer}\n{s.man_address}")]
    if s.plant:
        pairs.append((rng.choice(["Plant", "Plant location", "Batch plant"]), f"{s.plant}, {s.plant_address}"))
    pairs += facts
    pairs.append(("Declared unit", _declared_unit_text(c)))
    pairs += _validity_pairs(c)
    pdf.kv(pairs, label_w=pdf.avail * 0.3, style=rng.choice(["plain", "rules"]), size=pdf.theme.size - 0.5)
    pdf.ln(2)
    c.s.choices.append("cover=compact")
    results_body(c)


def meta_box(c: Ctx, on_cover: bool = False) -> None:
    pdf, s, rng = c.pdf, c.s, c.rng
    if not on_cover:
        pdf.add_page()
        pdf.heading(rng.choice(["General Information", "EPD Summary", "Declaration Information", "1. General"]))
    pairs: list[tuple[str, str]] = []
    pairs.append((rng.choice(["Program operator", "EPD program and program operator", "Program Operator"]),
                  f"{s.operator}\n{s.operator_address}"))
    pairs.append((rng.choice(["Manufacturer name and address", "Declaration holder", "Declaration owner"]),
                  f"{s.manufacturer}, {s.man_address}"))
    if s.plant:
        pairs.append((rng.choice(["Plant", "Manufacturing facility", "Production plant"]),
                      f"{s.plant}\n{s.plant_address}"))
    pairs.append((rng.choice(["Declaration number", "EPD number", "EPD registration number", "Declaration No."]),
                  s.reg))
    if len(s.products) == 1:
        pairs.append((rng.choice(["Declared product", "Product name", "Product"]), s.products[0].name))
        if on_cover or "desc_on_meta" in s.choices or rng.random() < 0.5:
            pairs.extend(_single_facts(c, s.products[0], 0))
    else:
        pairs.append(("Declared products", f"{len(s.products)} {MATERIAL_WORDS[s.material][0].lower()} products,"
                      " listed in the results section"))
    pairs.append((rng.choice(["Declared unit", "Functional unit or declared unit", "Declared Unit"]),
                  _declared_unit_text(c)))
    pairs.append((rng.choice(["Reference PCR", "Product category rule (PCR)", "Reference PCR and version number"]),
                  s.pcr))
    if rng.random() < 0.5:
        pairs.append(("PCR validity", f"PCR valid through {c.dfmt(s.decoys['pcr_valid'])}"))
    pairs.extend(_validity_pairs(c))
    pairs.append(("EPD type", s.epd_type_label))
    pairs.append(("EPD scope", rng.choice(["Cradle to gate (A1-A3)", "Cradle-to-gate",
                                           "Cradle to gate, modules A1-A3"])))
    pairs.append(("Year(s) of reported primary data", str(s.decoys["data_year"])))
    pairs.append((rng.choice(["LCIA methodology", "LCIA method and version", "Impact assessment method"]),
                  _methods_text(c)))
    pairs.append(("LCA software", rng.choice(["OpenLCA 2.1 / ecoinvent 3.9.1", "LCA for Experts 10.7 (Sphera)",
                                              "SimaPro 9.5 / US-EI 2.2", "Climate Earth EPD Generator v3.4",
                                              "Athena Impact Estimator / ecoinvent 3.8"])))
    pairs.append(("LCA prepared by", rng.choice(V.LCA_FIRMS)))
    box = pdf.theme.family in ("dejavu", "dejavucond")
    x = "☒" if box else "[X]"
    o = "☐" if box else "[ ]"
    if s.verified:
        ver = f"{o} internal   {x} external\n{rng.choice(V.VERIFIERS)}"
        lab = rng.choice(["Independent verification of the declaration and data, according to ISO 14025",
                          "This declaration was independently verified in accordance with ISO 14025:2006"])
    else:
        ver = f"{x} internal   {o} external\nInternal review by {s.manufacturer} (no third-party verification)"
        lab = "Verification of the declaration and data, according to ISO 14025"
    pairs.append((lab, ver))
    if rng.random() < 0.5:
        pairs.append(("Date of verification", c.dfmt(s.decoys["verified_on"])))
    pdf.kv(pairs, label_w=pdf.avail * rng.uniform(0.33, 0.45), style=rng.choice(["box", "box", "rules", "plain"]),
           size=pdf.theme.size - (1 if on_cover else 0))


# ------------------------------------------------------------------------------------------------------- prose
FILLER = [
    "The life cycle assessment was performed in accordance with ISO 14040 and ISO 14044 and the reference PCR. "
    "Primary data were collected from the manufacturer for a twelve-month period.",
    "Cut-off criteria: flows below 1% of the total mass or energy were excluded, provided that the excluded flows "
    "do not exceed 5% of the total. Capital goods and infrastructure are excluded.",
    "Allocation of plant-level energy and water use to products was made by mass, as required by the PCR.",
    "Background data are taken from the ecoinvent and US LCI databases; electricity is modelled with the eGRID "
    "subregion mix of the plant location.",
    "EPDs of construction products may not be comparable if they do not comply with ISO 21930 or if they are "
    "written to different PCRs. Comparisons should be made at the building level.",
]


def prose(c: Ctx) -> None:
    pdf, s, rng = c.pdf, c.s, c.rng
    pdf.add_page()
    pdf.heading(rng.choice(["Product Definition and Information", "2. Product", "Product Description",
                            "About the Product"]))
    pdf.para(f"{s.manufacturer} is headquartered at {s.man_address}. " + rng.choice(FILLER))
    if s.material == "concrete":
        pdf.para("Ready mixed concrete is a mixture of portland cement, supplementary cementitious materials, "
                 "aggregates, water and admixtures, batched at the plant and delivered to site in truck mixers.")
        if len(s.products) == 1 and rng.random() < 0.5:
            p = s.products[0]
            cem = float(p.extra["cement"])
            scm = int(p.extra["scm"].rstrip("%"))
            c.caption(rng.choice(["Mix design inputs per 1 m3", "Material composition (kg per cubic meter)",
                                  "Constituents of the declared mix"]))
            rows = [["Portland cement (Type I/II or IL)", f"{cem * (1 - scm / 100):.0f}"],
                    ["Supplementary cementitious materials", f"{cem * scm / 100:.0f}"],
                    ["Coarse aggregate", f"{rng.uniform(900, 1100):.0f}"],
                    ["Fine aggregate", f"{rng.uniform(650, 850):.0f}"],
                    ["Batch water", f"{cem * float(p.extra['wc']):.0f}"],
                    ["Admixtures", f"{rng.uniform(0.5, 3):.2f}"]]
            draw_table(pdf, [Col(["Constituent"], "L"), Col(["Quantity", "(kg)"])], rows,
                       TableStyle(grid="rules", size=pdf.theme.size - 1, extra={"stretch": False}))
    if s.material == "steel":
        if len(s.products) == 1:
            p = s.products[0]
            route = ("an electric arc furnace (EAF) mini-mill melting recycled scrap" if p.route == "eaf"
                     else "an integrated mill (blast furnace and basic oxygen furnace, BOF)")
            pdf.para(f"{p.name} is produced at {route}.")
            pdf.para(f"Description: {p.description}")
            c.desc_printed.add(0)
            pdf.para("Shop fabrication (cutting, bending, drilling and welding) at the fabricator is included in A3."
                     if p.fabricated else "Results are for unfabricated product at the mill gate; fabrication is "
                     "not included.")
        else:
            c.caption("Products covered by this declaration")
            cols = [Col(["Product"], "L"), Col(["Description"], "L", wrap=True), Col(["Steelmaking", "route"], "L"),
                    Col(["Fabrication"], "L")]
            rows = []
            for i, p in enumerate(s.products):
                rows.append([p.name, p.description or "", "EAF" if p.route == "eaf" else "Integrated (BF/BOF)",
                             "Fabricated" if p.fabricated else "Unfabricated (mill gate)"])
                c.desc_printed.add(i)
            draw_table(pdf, cols, rows, TableStyle(size=pdf.theme.size - 1))
    if s.material == "flat_glass":
        proc = s.products[0].glass_processed
        pdf.para("The declared glass is processed after the float line (heat treatment, coating or lamination); "
                 "these processing steps are included in A3." if proc else
                 "The declared product is annealed float glass as it leaves the float line; no further processing "
                 "(tempering, coating, laminating or insulating glass assembly) is included.")
        if len(s.products) > 1:
            c.caption("Declared products")
            cols = [Col(["Product"], "L"), Col(["Description"], "L", wrap=True), Col(["Thickness", "(mm)"]),
                    Col(["Mass", "(kg/m2)"])]
            rows = []
            for i, p in enumerate(s.products):
                rows.append([p.name, p.description or "", p.extra["thick"], p.extra["mass"]])
                c.desc_printed.add(i)
            draw_table(pdf, cols, rows, TableStyle(size=pdf.theme.size - 1))
    if s.material == "asphalt":
        pdf.para("Asphalt mixtures are produced by heating and drying aggregates and mixing them with asphalt binder "
                 "at a drum or batch plant. Warm-mix technologies lower the production temperature.")
    if s.material == "cement":
        pdf.para("Cement is produced by burning a raw meal of limestone and clay in a rotary kiln to clinker, which "
                 "is interground with gypsum and, for blended cements, limestone or slag.")
    pdf.heading(rng.choice(["Declared Unit", "Functional Unit", "3. LCA: Calculation Rules"]), 2)
    conv = ""
    units = s.products[0].units
    if len(units) > 1:
        conv = {("m3", "yd3"): "Results are also given per cubic yard (1 yd3 = 0.7646 m3). ",
                ("yd3", "m3"): "Results are also given per cubic meter (1 m3 = 1.308 yd3). ",
                ("t", "short_ton"): "Results are also given per short ton (1 short ton = 0.9072 metric tons). ",
                ("short_ton", "t"): "Results are also given per metric ton (1 t = 1.1023 short tons). ",
                ("m2", "t"): "Results are also given per metric ton of glass. ",
                ("t", "m2"): "Results are also given per square meter of the stated thickness. "}.get(
            (units[0], units[1]), "")
    pdf.para(f"The declared unit is {_declared_unit_text(c)}. " + conv + rng.choice(FILLER))
    pdf.heading(rng.choice(["System Boundary", "Scope", "System boundaries"]), 2)
    pdf.para("This EPD is cradle-to-gate: raw material supply (A1), transport to the plant (A2) and manufacturing "
             "(A3). " + rng.choice(FILLER))
    if rng.random() < 0.5:
        pdf.para(f"The underlying LCA report is dated {c.dfmt(s.decoys['lca_report'])}; data represent calendar year "
                 f"{s.decoys['data_year']}.")


# ------------------------------------------------------------------------------------------------------- results
def _other_indicators(c: Ctx, p: Prod) -> list[tuple[str, str]]:
    rng = c.rng
    t = p.base[p.declared_unit]["T"]
    return [
        ("ODP (kg CFC-11 eq)", V.small_sci(t * rng.uniform(1e-8, 6e-8), rng)),
        ("AP (kg SO2 eq)", f"{t * rng.uniform(0.002, 0.006):.3g}"),
        ("EP (kg N eq)", f"{t * rng.uniform(0.0002, 0.0007):.3g}"),
        ("SFP (kg O3 eq)", f"{t * rng.uniform(0.03, 0.09):.3g}"),
        ("PENRT (MJ)", f"{t * rng.uniform(5, 12):,.0f}"),
    ]


def _gwp_head(c: Ctx, u: str | None) -> list[str]:
    rng = c.rng
    g, co2 = c.gwp, c.co2
    per = f"per {c.ul[u]}" if u else ""
    v = rng.randint(0, 3)
    if v == 0:
        out = [g, f"({co2})", per]
    elif v == 1:
        out = [f"{g} ({co2}", f"/{c.ul[u]})"] if u else [g, f"({co2})"]
    elif v == 2:
        out = [g.split(" ")[0], *g.split(" ")[1:], f"[{co2}]", per]
    else:
        out = [f"{g}, {co2}", per]
    return [x for x in out if x]


def _mods_shown(c: Ctx) -> list[str]:
    s = c.s
    out = []
    if s.show_split:
        out += ["A1", "A2", "A3"]
    if s.show_total:
        out.append("A1-A3")
    return out


def _record_page(p: Prod, page: int | None) -> None:
    if p.page is None and page is not None:
        p.page = page


def results_rows(c: Ctx) -> None:
    """Products as rows, GWP (by unit, maybe by module) and other attributes as columns."""
    pdf, s, rng = c.pdf, c.s, c.rng
    prods = s.products
    units = list(prods[0].units)
    if len(units) > 1 and rng.random() < 0.3:
        units.reverse()
        s.choices.append("declared-unit-second")
    mods = _mods_shown(c)
    two_tables = len(units) > 1 and rng.random() < 0.35
    s.choices.append("layout=rows" + ("/two-tables" if two_tables else ""))
    name_head = rng.choice([["Mix ID"], ["Mix", "Number"], ["Product"], ["Mix Design"], ["Mix #"], ["Mix Code"]])
    if s.material != "concrete":
        name_head = rng.choice([["Product"], ["Mix"], ["Product name"], ["Mix designation"]])
    name_same_desc = all(p.name == p.description for p in prods)
    show_desc = not name_same_desc and rng.random() < 0.65
    show_strength = s.material == "concrete" and (rng.random() < 0.6 or (not show_desc and not name_same_desc))
    show_age = show_strength and any(p.strength_age not in (None, 28) for p in prods)
    show_early = show_strength and any(p.early for p in prods) and rng.random() < 0.5
    extras = []
    if s.material == "concrete":
        for k, head in (("cement", ["Cement", "(kg/m3)"]), ("scm", ["SCM", "%"]), ("wc", ["w/cm"]),
                        ("slump", ["Slump", "(in.)"])):
            if rng.random() < 0.25:
                extras.append((k, head))
    if s.material == "asphalt":
        for k, head in (("rap", ["RAP", "(%)"]), ("pg", ["Binder", "grade"]), ("wma", ["WMA"])):
            if rng.random() < 0.4:
                extras.append((k, head))
    baseline = s.material == "concrete" and rng.random() < 0.25
    pct = rng.random() < 0.4
    others = rng.random() < 0.3 and len(units) == 1 and len(mods) == 1
    mpa = any(p.strength_print and "MPa" in p.strength_print for p in prods)

    def base_cols() -> tuple[list[Col], list]:
        cols = [Col(list(name_head), "L")]
        if show_desc:
            cols.append(Col(rng.choice([["Description"], ["Mix Description"], ["Product description"]]), "L",
                            wrap=True))
        if show_strength:
            cols.append(Col(["f'c", "(MPa)"] if mpa else rng.choice([["f'c (psi)"], ["Strength", "(psi)"],
                                                                     ["Specified", "Strength", "(psi)"]])))
        if show_age:
            cols.append(Col(["Age", "(days)"]))
        if show_early:
            cols.append(Col(["Early", "strength"], "L"))
        for _k, head in extras:
            cols.append(Col(list(head)))
        return cols, []

    def row_base(i: int, p: Prod) -> list[str]:
        r = [p.name]
        if show_desc:
            r.append(p.description or "")
            if p.description:
                c.desc_printed.add(i)
        if show_strength:
            if p.strength_print:
                num = p.strength_print.split()[0]
                r.append(f"{int(num):,}" if ("psi" in p.strength_print and rng.random() < 0.3) else num)
                c.strength_printed.add(i)
            else:
                r.append(rng.choice(["-", "n/a", ""]))
        if show_age:
            r.append(str(p.strength_age) if p.strength_age else "-")
        if show_early:
            r.append(p.early or "-")
            if p.early:
                c.early_printed.add(i)
        for k, _h in extras:
            r.append(p.extra[k])
        return r

    table_units = [[u] for u in units] if two_tables else [units]
    for tu in table_units:
        cols, _ = base_cols()
        groups: list[tuple[str, int, int]] = []
        gwp_idx: dict[tuple[str, str], int] = {}
        if len(mods) > 1:
            for u in tu:
                first = len(cols)
                for m in mods:
                    gwp_idx[(u, m)] = len(cols)
                    cols.append(Col([c.mods[m] if len(c.mods[m]) < 12 else m]))
                groups.append((f"{c.gwp} ({c.co2}) per {c.ul[u]}", first, len(mods)))
        elif len(tu) > 1 and rng.random() < 0.6:
            first = len(cols)
            for u in tu:
                gwp_idx[(u, mods[0])] = len(cols)
                cols.append(Col([f"per {c.ul[u]}"]))
            groups.append((f"{c.gwp} {mods[0]} ({c.co2})", first, len(tu)))
        else:
            for u in tu:
                gwp_idx[(u, mods[0])] = len(cols)
                cols.append(Col(_gwp_head(c, u)))
        oth_heads = []
        if others:
            for lab, _v in _other_indicators(c, prods[0]):
                oth_heads.append(lab)
                a, b = lab.split(" (")
                cols.append(Col([a, "(" + b]))
        if baseline:
            cols.append(Col(rng.choice([["% below", "baseline*"], ["Reduction", "vs. NRMCA*"], ["vs.", "baseline*"]])
                            if pct else
                            rng.choice([["Baseline", "GWP*"], ["NRMCA", "benchmark*"], ["Reference", "mix GWP*"]])))
        rows = []
        for i, p in enumerate(prods):
            r = row_base(i, p)
            for u in tu:
                for m in mods:
                    r.append(p.strings[u][m])
            if others:
                r.extend(v for _l, v in _other_indicators(c, p))
            if baseline:
                b = float(p.extra["baseline"])
                r.append(f"{round((1 - p.base['m3']['T'] / b) * 100)}%" if pct else p.extra["baseline"])
            rows.append(r)
        cap = rng.choice([f"{s.traci} results, cradle to gate, per declared unit",
                          f"Environmental impacts ({s.traci}) of the declared mixes",
                          f"LCIA results - {s.traci} - " + " and ".join(f"per {c.unit_phrase(u)}" for u in tu)])
        c.caption(cap)
        st = TableStyle(
            grid=rng.choice(["grid", "rules", "minimal"]), zebra=rng.random() < 0.3, head_fill=rng.random() < 0.6,
            head_valign=rng.choice(["bottom", "top"]), repeat_head=rng.random() < 0.65,
            cont_caption=rng.choice([None, "(continued)", f"Table {c.table_no} continued"]),
            size=rng.choice([6.5, 7, 7.5, 8, 8.5]), extra={"orphan": rng.random() < 0.15},
        )
        pages = draw_table(pdf, cols, rows, st, groups or None)
        for p, pg in zip(prods, pages, strict=True):
            if p.declared_unit in tu:
                _record_page(p, pg)
        if baseline:
            pdf.para("* Benchmark values are regional industry baselines for the same strength class and are not "
                     "results for the declared product.", size=pdf.theme.size - 1.5)
    if s.alt_method:
        _alt_rows(c)


def _alt_rows(c: Ctx) -> None:
    pdf, s, rng = c.pdf, c.s, c.rng
    u = s.products[0].declared_unit
    lab = {"EF 3.1": "GWP-total", "EF 3.0": "GWP-total", "CML-IA": "GWP 100a"}[s.alt_method or ""]
    c.caption(f"Results according to {'EN 15804+A2, ' if s.alt_method != 'CML-IA' else ''}{s.alt_method}, "
              f"per {c.unit_phrase(u)} (for information)")
    cols = [Col(["Product"], "L"), Col([lab, f"({c.co2})"])]
    fossil = s.alt_method != "CML-IA" and rng.random() < 0.6
    if fossil:
        cols.append(Col(["GWP-fossil", f"({c.co2})"]))
    rows = []
    for p in s.products:
        tot = p.alt[u]["A1-A3"]
        r = [p.name, tot]
        if fossil:
            r.append(V.fmt_num(V.parse_num(tot) * rng.uniform(0.97, 0.995), s.num_style))
        rows.append(r)
    draw_table(pdf, cols, rows, TableStyle(grid="rules", size=7.5, repeat_head=True))


def results_prodcols(c: Ctx) -> None:
    """Indicators as rows, products as columns (chunks of a few products per table)."""
    pdf, s, rng = c.pdf, c.s, c.rng
    prods = s.products
    mods = _mods_shown(c)
    chunk = rng.randint(3, 6) if pdf.w < 250 else rng.randint(4, 8)
    s.choices.append(f"layout=prodcols/{chunk}")
    for k in range(0, len(prods), chunk):
        part = prods[k:k + chunk]
        cols = [Col(rng.choice([["Indicator"], ["Impact category"], ["Parameter"]]), "L")]
        for p in part:
            words = p.name.split(" ")
            head = [p.name] if len(p.name) < 14 else [" ".join(words[: len(words) // 2]),
                                                       " ".join(words[len(words) // 2:])]
            cols.append(Col(head))
        rows: list = []
        row_of: list[tuple[str, str] | None] = []
        for u in part[0].units:
            rows.append(("section", f"{s.traci}, results per {c.unit_phrase(u)}"))
            row_of.append(None)
            for m in mods:
                lab = f"{c.gwp} {c.mods[m]} ({c.co2})" if len(mods) > 1 else f"{c.gwp} ({c.co2})"
                rows.append([lab] + [p.strings[u][m] for p in part])
                row_of.append((u, m))
            if u == part[0].declared_unit and rng.random() < 0.6:
                oth = [_other_indicators(c, p) for p in part]
                for j, (lab, _v) in enumerate(oth[0]):
                    rows.append([lab] + [o[j][1] for o in oth])
                    row_of.append(None)
        c.caption(rng.choice([f"LCIA results ({s.traci})", f"Cradle-to-gate results, {s.traci}",
                              "Environmental impact indicators, A1-A3"]))
        st = TableStyle(grid=rng.choice(["grid", "rules"]), zebra=rng.random() < 0.4, size=rng.choice([7, 7.5, 8]),
                        repeat_head=True, head_valign=rng.choice(["bottom", "top"]))
        pages = draw_table(pdf, cols, rows, st)
        for ro, pg in zip(row_of, pages, strict=True):
            if ro and ro[0] == part[0].declared_unit:
                for p in part:
                    _record_page(p, pg)
        if s.alt_method:
            u = part[0].declared_unit
            alt_rows = [[f"{'GWP-total' if s.alt_method != 'CML-IA' else 'GWP 100a'} ({c.co2})"] +
                        [p.alt[u]["A1-A3"] for p in part]]
            c.caption(f"{s.alt_method} results per {c.unit_phrase(u)}")
            draw_table(pdf, [Col(["Indicator"], "L")] + [Col(list(x.head)) for x in cols[1:]], alt_rows,
                       TableStyle(grid="rules", size=7.5))


def results_blocks(c: Ctx) -> None:
    """One block per product: indicators as rows, modules as columns (per unit: grouped or separate tables)."""
    pdf, s, rng = c.pdf, c.s, c.rng
    mods = _mods_shown(c)
    modrows = rng.random() < 0.4 and len(mods) > 1
    per_page = len(s.products) > 1 and (len(s.products) > 8 or rng.random() < 0.4)
    s.choices.append("layout=blocks" + ("/modules-as-rows" if modrows else "") + ("/page-per-product" if per_page
                                                                                   else ""))
    for i, p in enumerate(s.products):
        if per_page and i > 0:
            pdf.add_page()
        if per_page and s.plant and rng.random() < 0.5:
            pdf.para(f"{s.manufacturer} - {s.plant}", size=pdf.theme.size - 1)
        if len(s.products) > 1 or rng.random() < 0.5:
            pdf.heading(rng.choice(["", "Mix ", "Product: "]) + p.name if s.material == "concrete"
                        and not p.name.startswith("Mix") and p.name[:1].isalnum() else p.name, 2)
            if p.description and p.description != p.name and rng.random() < 0.5:
                pdf.para(p.description, size=pdf.theme.size - 0.5)
                c.desc_printed.add(i)
            if p.material == "concrete" and p.strength_print and rng.random() < 0.5:
                pdf.para(f"Specified compressive strength: {p.strength_print} at {p.strength_age} days",
                         size=pdf.theme.size - 0.5)
                c.strength_printed.add(i)
        oth = _other_indicators(c, p)
        if modrows:
            cols = [Col(rng.choice([["Module"], ["Life cycle stage"], ["Stage"]]), "L")]
            for u in p.units:
                cols.append(Col(_gwp_head(c, u)))
            for lab, _v in oth[:3]:
                a, b = lab.split(" (")
                cols.append(Col([a, "(" + b]))
            rows = []
            gwp_rows = []
            for m in mods:
                r = [c.mods[m] if c.mods[m] != m or m != "A1-A3" else "Total A1-A3"]
                for u in p.units:
                    r.append(p.strings[u][m])
                for _lab, v in oth[:3]:
                    frac = {"A1": 0.8, "A2": 0.07, "A3": 0.13, "A1-A3": 1.0}[m]
                    r.append(V.small_sci(V.parse_num(v) * frac, rng) if "E" in v.upper() else
                             f"{V.parse_num(v) * frac:.3g}")
                rows.append(r)
                gwp_rows.append(True)
            c.caption(f"{s.traci} results for {c.unit_phrase(p.declared_unit)} of {p.name}")
            pages = draw_table(pdf, cols, rows, TableStyle(grid=rng.choice(["grid", "rules"]),
                                                           size=rng.choice([7.5, 8, 8.5])))
            _record_page(p, pages[-1] if s.show_total else pages[0])
        elif len(p.units) > 1 and rng.random() < 0.3:
            # one table, a block of rows per unit under a section row
            cols = [Col(rng.choice([["Indicator"], ["Impact category"]]), "L")] + [
                Col([c.mods[m] if len(c.mods[m]) <= 14 else m]) for m in mods]
            rows = []
            gwp_at = 0
            for u in p.units:
                rows.append(("section", rng.choice([f"Per {c.unit_phrase(u)}", f"Results per {c.unit_phrase(u)}",
                                                    f"{s.traci} - {c.unit_phrase(u)}"])))
                if u == p.declared_unit:
                    gwp_at = len(rows)
                rows.append([f"{c.gwp} ({c.co2})"] + [p.strings[u][m] for m in mods])
                if u == p.declared_unit:
                    for lab, v in oth[:2]:
                        rows.append([lab] + [v if m == "A1-A3" else "-" for m in mods])
            c.caption(f"{s.traci} results, {p.name}")
            pages = draw_table(pdf, cols, rows, TableStyle(grid=rng.choice(["grid", "rules"]),
                                                           size=rng.choice([7.5, 8, 8.5])))
            _record_page(p, pages[gwp_at])
            s.choices.append("stacked-units")
        else:
            sep_tables = len(p.units) > 1 and rng.random() < 0.5
            unit_sets = [[u] for u in p.units] if sep_tables else [p.units]
            with_d = s.material in ("steel", "flat_glass") and rng.random() < 0.3
            if with_d:
                s.choices.append("module-D")
            for us in unit_sets:
                cols = [Col(rng.choice([["Impact category", "and unit"], ["Indicator"], ["Parameter", "(unit)"]]),
                            "L")]
                groups = []
                for u in us:
                    first = len(cols)
                    for m in mods:
                        cols.append(Col([c.mods[m] if len(c.mods[m]) <= 14 else m]))
                    if with_d:
                        cols.append(Col(["D"]))
                    if len(us) > 1:
                        groups.append((f"per {c.unit_phrase(u)}", first, len(mods) + with_d))
                gwp_row = [f"{c.gwp} ({c.co2})"]
                for u in us:
                    gwp_row += [p.strings[u][m] for m in mods]
                    if with_d:
                        gwp_row.append(V.fmt_num(-p.base[u]["T"] * rng.uniform(0.05, 0.4), s.num_style))
                rows: list = [gwp_row]
                if us[0] == p.declared_unit:
                    for lab, v in oth:
                        if len(mods) == 1 and len(us) == 1 and not with_d:
                            rows.append([lab, v])
                        elif rng.random() < 0.5:
                            vals = []
                            for u2 in us:
                                k = p.base[u2]["T"] / p.base[p.declared_unit]["T"]
                                for m in mods:
                                    frac = {"A1": 0.8, "A2": 0.07, "A3": 0.13, "A1-A3": 1.0}[m]
                                    x = V.parse_num(v) * frac * k
                                    vals.append(V.small_sci(x, rng) if "E" in v.upper() else f"{x:.3g}")
                                if with_d:
                                    vals.append(rng.choice(["MND", "ND", "-"]))
                            rows.append([lab, *vals])
                cap_u = " and ".join(c.unit_phrase(u) for u in us)
                c.caption(rng.choice([f"{s.traci} impact assessment results per {cap_u}",
                                      f"Results per {cap_u} ({s.traci})",
                                      f"Life cycle impact assessment ({s.traci}), {p.name}, per {cap_u}"]))
                pages = draw_table(pdf, cols, rows, TableStyle(grid=rng.choice(["grid", "rules", "minimal"]),
                                                               size=rng.choice([7.5, 8, 8.5]),
                                                               zebra=rng.random() < 0.3), groups or None)
                if p.declared_unit in us:
                    _record_page(p, pages[0])
        if s.alt_method:
            u = p.declared_unit
            lab = "GWP-total" if s.alt_method != "CML-IA" else "GWP 100a"
            cols = [Col(["Indicator"], "L")] + [Col([m]) for m in mods]
            rows = [[f"{lab} ({c.co2})"] + [p.alt[u][m] for m in mods]]
            if s.alt_method != "CML-IA":
                rows.append([f"GWP-fossil ({c.co2})"] + [
                    V.fmt_num(V.parse_num(p.alt[u][m]) * 0.985, s.num_style) for m in mods])
                rows.append([f"GWP-biogenic ({c.co2})"] + [f"{rng.uniform(-2, 2):.2E}" for _m in mods])
            c.caption(f"Supplementary results, {'EN 15804+A2 / ' if s.alt_method != 'CML-IA' else ''}"
                      f"{s.alt_method}, per {c.unit_phrase(u)}")
            draw_table(pdf, cols, rows, TableStyle(grid="rules", size=7.5))


def results(c: Ctx) -> None:
    pdf, s, rng = c.pdf, c.s, c.rng
    n = len(s.products)
    land = rng.random() < (0.45 if n > 8 else 0.12)
    pdf.add_page(orientation="L" if land else pdf.cur_orientation)
    if land:
        s.choices.append("results-landscape")
    pdf.heading(rng.choice(["LCA Results", "Life Cycle Assessment Results", "5. LCA: Results", "Results"]))
    pdf.para(rng.choice([
        "Results are reported per declared unit for the production stage (A1-A3). LCIA results are relative "
        "expressions and do not predict impacts on category endpoints, the exceeding of thresholds or risks.",
        f"The impact categories follow {s.traci} as required by the PCR. Modules beyond A3 are not declared.",
    ]), size=pdf.theme.size - 0.5)
    results_body(c)
    if n == 1 and rng.random() < 0.4:
        p = s.products[0]
        u = p.declared_unit
        val = p.strings[u]["A1-A3"] if s.show_total else None
        if val:
            bench = V.fmt_num(p.base[u]["T"] * rng.uniform(1.08, 1.4), s.num_style)
            pdf.para(f"The cradle-to-gate GWP of {p.name} is {val} {c.co2} per {c.unit_phrase(u)}, compared with a "
                     f"regional industry benchmark of {bench} {c.co2}.", size=pdf.theme.size - 0.5)


def results_body(c: Ctx) -> None:
    pdf, s, rng = c.pdf, c.s, c.rng
    n = len(s.products)
    if n > 8:
        results_blocks(c) if n <= 30 and rng.random() < 0.2 else results_rows(c)
    elif n == 1:
        rng.choice([results_blocks, results_blocks, results_prodcols, results_rows])(c)
    else:
        rng.choice([results_rows, results_prodcols, results_blocks])(c)
    if c.gwp_note:
        pdf.para(c.gwp_note, size=pdf.theme.size - 1.5)


def tail(c: Ctx) -> None:
    pdf, s, rng = c.pdf, c.s, c.rng
    if rng.random() < 0.4:
        return
    pdf.add_page(orientation="P" if pdf.def_orientation == "P" else "L")
    pdf.heading(rng.choice(["Interpretation", "6. Interpretation", "Additional Environmental Information"]))
    pdf.para("Raw material supply (A1) dominates the production-stage global warming potential; cement and "
             "energy are the main contributors. " + rng.choice(V_TAIL))
    pdf.heading("References", 2)
    refs = [
        f"{s.pcr}.",
        "ISO 14025:2006 Environmental labels and declarations - Type III environmental declarations.",
        "ISO 21930:2017 Sustainability in buildings and civil engineering works - Core rules for EPDs.",
        f"LCA report for {s.manufacturer}, {c.dfmt(s.decoys['lca_report'])}.",
        "Bare, J. TRACI 2.1 - The Tool for the Reduction and Assessment of Chemical and Other Environmental "
        "Impacts, 2012.",
    ]
    for r in refs:
        pdf.para("- " + r, size=pdf.theme.size - 1)


V_TAIL = [
    "Variation between mixes mostly follows the cementitious content and the share of supplementary materials.",
    "Transport distances were reported by the manufacturer for each inbound material.",
    "An uncertainty of about 10% applies to the results, mainly from background datasets.",
]


# ------------------------------------------------------------------------------------------------------- expected
def _product_expected(c: Ctx, i: int, p: Prod) -> dict[str, Any]:
    s = c.s
    mods = _mods_shown(c)
    by_unit: dict[str, float] = {}
    printed: list[str] = []
    for u in p.units:
        if "A1-A3" in mods:
            st = p.strings[u]["A1-A3"]
            by_unit[u] = V.parse_num(st)
            printed.append(st)
        else:
            parts = [p.strings[u][m] for m in ("A1", "A2", "A3")]
            by_unit[u] = round(sum(V.parse_num(x) for x in parts), 6)
            printed.extend(parts)
    desc = p.description if i in c.desc_printed else None
    hints = p.name + " " + (desc or "")
    strength = p.strength_psi
    age = p.strength_age
    if p.material == "concrete":
        stated = i in c.strength_printed or any(w in hints for w in ("PSI", "psi", "MPa"))
        if not stated or strength is None:
            strength, age = None, None
    he = p.high_early and (i in c.early_printed or "HE" in hints.split() or "-HE-" in p.name)
    lw = p.lightweight and (i in c.lw_printed or "LW" in hints.split() or "-LW-" in p.name)
    return {
        "name": p.name,
        "material": p.material,
        "gwp_a1a3": by_unit[p.declared_unit],
        "declared_unit": p.declared_unit,
        "gwp_by_unit": by_unit,
        "modules": "A1-A3" if "A1-A3" in mods else "A1,A2,A3",
        "gwp_method": s.traci,
        "strength_psi": strength,
        "strength_age_days": age,
        "lightweight": bool(lw),
        "high_early_strength": bool(he),
        "steel_product": p.steel_product,
        "fabricated": p.fabricated,
        "route": p.route,
        "glass_processed": p.glass_processed,
        "description": desc,
        "page": p.page,
        "gwp_printed": printed,
    }


def generate(seed: int) -> Doc:
    rng = random.Random(seed)
    spec = build(rng)
    landscape = rng.random() < 0.1
    pdf = make_pdf(rng, landscape, spec.choices)
    pdf.set_creation_date(dt.datetime(spec.issued.year, spec.issued.month, spec.issued.day, 9, 0,
                                      tzinfo=dt.UTC))
    pdf.set_creator(rng.choice(["Microsoft Word", "Adobe InDesign 18.2", "EPD Generator", "fpdf2"]))
    c = Ctx(spec, rng, pdf)
    th = pdf.theme
    th.header_text = rng.choice([
        f"{spec.manufacturer} | {_product_title(c)}",
        f"Environmental Product Declaration - {spec.reg}",
        f"{_product_title(c)} - According to ISO 14025 and ISO 21930:2017",
        "",
    ])
    th.footer_left = rng.choice([
        f"{spec.operator} | {spec.reg}", f"(c) {spec.issued.year} {spec.operator}", spec.manufacturer,
        f"EPD {spec.reg}", "",
    ])
    th.footer_right_fmt = rng.choice(["{n}", "Page {n}", "|{n}|", "- {n} -"])
    if spec.validity_mode != "period" and rng.random() < 0.2:
        th.footer_left = (f"{spec.reg} | Issued {V.fmt_date(spec.issued, spec.date_style)} | Valid through "
                          f"{V.fmt_date(spec.valid_until, spec.date_style)}")
        spec.choices.append("footer-dates")
    compact = len(spec.products) == 1 and spec.material in ("concrete", "asphalt", "cement") and rng.random() < 0.35
    if compact:
        cover_compact(c)
        meta_box(c)
        prose(c)
    else:
        cover(c)
        if "cover=boxed" not in spec.choices:
            meta_box(c)
        prose(c)
        results(c)
    tail(c)
    data = bytes(pdf.output())
    products = [_product_expected(c, i, p) for i, p in enumerate(spec.products)]
    expected = {
        "seed": seed,
        "description": "; ".join([spec.material, f"{len(spec.products)} products", spec.operator_key,
                                  f"dates={spec.date_style}/{spec.validity_mode}", f"num={spec.num_style}",
                                  f"split={spec.show_split}/total={spec.show_total}", f"alt={spec.alt_method}",
                                  *spec.choices]),
        "program_operator": spec.operator,
        "registration_number": spec.reg,
        "manufacturer": spec.manufacturer,
        "plant": spec.plant,
        "issued": spec.issued.isoformat(),
        "valid_until": spec.valid_until.isoformat(),
        "epd_type": spec.epd_type,
        "pcr": spec.pcr,
        "third_party_verified": spec.verified,
        "methods": [spec.traci] + ([spec.alt_method] if spec.alt_method else []),
        "page_count": pdf.pages_count,
        "products": products,
    }
    printed = dict(c.printed)
    printed["validity_mode"] = spec.validity_mode
    return Doc(pdf=data, expected=expected, printed=printed)


def _main() -> None:  # pragma: no cover - manual use
    import json
    import sys
    from pathlib import Path

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/devgen_c")
    out.mkdir(parents=True, exist_ok=True)
    seeds = [int(x) for x in sys.argv[2:]] or list(range(10))
    for sd in seeds:
        d = generate(sd)
        (out / f"{sd}.pdf").write_bytes(d.pdf)
        (out / f"{sd}.json").write_text(json.dumps(d.expected, indent=1, default=str))


if __name__ == "__main__":  # pragma: no cover
    _main()

