"""Document styles imitating North American program-operator templates."""

from __future__ import annotations

import html
import random

from .layout import Cell, Col, Flow
from .model import UNIT_LABEL, UNIT_SHORT, Meta, Product, fmt_num

INDICATORS = [("ODP", "kg CFC-11 eq", 1e-6), ("AP", "kg SO2 eq", 0.004), ("EP", "kg N eq", 0.0004),
              ("SFP", "kg O3 eq", 0.06), ("PENRE", "MJ", 6.0), ("ADPf", "MJ surplus", 0.9)]
MOD_HEAD = {"A1": ["A1", "Raw materials"], "A2": ["A2", "Transport"], "A3": ["A3", "Manufacturing"],
            "A1-A3": ["A1-A3", "Total"]}


def unit_word(u: str) -> str:
    return UNIT_LABEL[u]


def gwp_head(rng: random.Random, u: str, lines: int) -> list[str]:
    s = UNIT_SHORT[u]
    opts = {1: [[f"GWP per {s}"]], 2: [["GWP (kg CO2e)", f"per {s}"], ["GWP", f"kg CO2e/{s}"]],
            3: [["GWP", "(kg CO2e", f"per {s})"], ["Global warming", "potential", f"kg CO2e/{s}"]]}
    return list(rng.choice(opts[lines]))


def meta_rows(rng: random.Random, meta: Meta, product_line: str) -> list[tuple[str, str]]:
    reg_label = rng.choice(["Declaration number", "EPD registration number", "EPD No.", "Registration number"])
    rows = [("Program operator", f"{meta.operator}, {meta.operator_address}"),
            ("Manufacturer name and address", f"{meta.manufacturer}; {meta.mfr_address}")]
    if meta.plant:
        rows.append(("Plant", f"{meta.plant}, {meta.plant_address}"))
    rows += [(reg_label, meta.reg), ("Declared product", product_line)]
    rows += [("Reference PCR and version number", meta.pcr), ("PCR validity", meta.pcr_validity)]
    rows += meta.validity_rows
    rows += [("EPD type", meta.epd_type_text), ("EPD scope", "Cradle to gate (A1-A3)"),
             ("LCIA methodology & version", " / ".join(meta.methods)),
             ("LCA software & database", rng.choice(["openLCA 1.11, ecoinvent 3.9.1", "LCA for Experts 10.7",
                                                     "SimaPro 9.5, US LCI", "Climate Earth EPD Generator 3.0"]))]
    if meta.verified:
        rows.append(("Independent verification", "This declaration was independently verified in accordance with "
                     f"ISO 14025:2006 and ISO 21930:2017. [X] External  [ ] Internal. Verifier: {meta.verifier}"))
    else:
        rows.append(("Verification", "Internal verification only; this EPD was not verified by an independent "
                     "third party. [ ] External  [X] Internal"))
    return rows


def indicator_value(rng: random.Random, base: float, scale: float) -> str:
    return f"{base * scale * rng.uniform(0.6, 1.4):.2E}"


def strength_cell(p: Product) -> str:
    s = p.strength_text
    if p.strength_age and p.strength_age != 28:
        s += f" at {p.strength_age} days"
    return s


def product_notes(flow: Flow, products: list[Product]) -> None:
    notes = []
    for p in products:
        if p.he:
            notes.append(f"{p.name}: high-early-strength mix, {p.early_text}.")
        if p.lightweight:
            notes.append(f"{p.name}: lightweight concrete, equilibrium density {p.density_text}.")
    for n in notes[:12]:
        flow.para("* " + n, size=7)


def gwp_cells(p: Product, meta: Meta, idx: int, units: list[str]) -> list[Cell]:
    cells = []
    for u in units:
        for m in meta.modules:
            tag = ("gwp", idx, m) if u == meta.units[0] else None
            cells.append(Cell(p.printed[u][m], tag))
    return cells


def gwp_cols(rng: random.Random, meta: Meta, units: list[str]) -> list[Col]:
    cols = []
    for u in units:
        for m in meta.modules:
            if meta.modules == ["A1-A3"]:
                cols.append(Col(gwp_head(rng, u, rng.choice([1, 2, 3]))))
            else:
                cols.append(Col([f"GWP {m}", f"kg CO2e/{UNIT_SHORT[u]}"]))
    return cols


def other_methods(flow: Flow, rng: random.Random, meta: Meta, products: list[Product], fmt: str) -> None:
    u = meta.units[0]
    for method in meta.extra_methods:
        if method == "EN 15804+A2":
            cols = [Col(["Product"], "l"), Col(["GWP-total"]), Col(["GWP-fossil"]), Col(["GWP-biogenic"]),
                    Col(["GWP-luluc"])]
            rows = []
            for p in products:
                v = p.true[u] * rng.uniform(1.01, 1.05)
                rows.append([Cell(p.name), Cell(fmt_num(v, fmt)), Cell(fmt_num(v * 0.995, fmt)),
                             Cell(f"{v * 0.004:.2E}"), Cell(f"{v * 0.001:.2E}")])
            cap = f"Table: EN 15804+A2 (EF 3.1) climate change indicators, A1-A3, per {unit_word(u)}"
        else:
            label = {"IPCC AR5": "IPCC AR5 GWP100", "IPCC AR6": "IPCC AR6 GWP100", "CML-IA": "CML-IA baseline"}[method]
            cols = [Col(["Product"], "l"), Col([label, f"kg CO2e/{UNIT_SHORT[u]}", "A1-A3"])]
            rows = [[Cell(p.name), Cell(fmt_num(p.true[u] * rng.uniform(0.96, 1.04), fmt))] for p in products]
            cap = f"Table: {method} results (for information; not TRACI), per {unit_word(u)}"
        flow.table(cols, rows, caption=cap, zebra=True)


# -- single-product UL style ----------------------------------------------------------------------------------------


def product_line(p: Product, meta: Meta) -> str:
    u = meta.units[0]
    s = f"1 {unit_word(u)} of {p.description}"
    if p.material == "concrete":
        s = f"1 {unit_word(u)} of ready mixed concrete, mix {p.name} ({p.description})"
    return s


def spec_rows(p: Product) -> list[tuple[str, str]]:
    rows = []
    if p.material == "concrete":
        age = p.strength_age or 28
        rows.append((f"Specified compressive strength ({age} days)", p.strength_text))
        if p.he:
            rows.append(("Early-age strength", p.early_text))
        if p.lightweight:
            rows.append(("Lightweight concrete, density", p.density_text))
        rows.append(("SCM replacement", p.extra.get("scm", "")))
    if p.material == "steel":
        if p.route == "eaf":
            rows.append(("Steelmaking route", "Electric arc furnace (EAF) mini-mill, scrap-based"))
        elif p.route == "integrated":
            rows.append(("Steelmaking route", "Integrated mill: blast furnace and basic oxygen furnace (BOF)"))
        if p.fabricated is True:
            rows.append(("Fabrication", "Fabricated; fabrication at the shop is included in A3"))
        elif p.fabricated is False:
            rows.append(("Fabrication", "Unfabricated mill product; fabrication is not included"))
    if p.material == "flat_glass":
        rows.append(("Nominal thickness", f"{p.thickness} mm"))
        rows.append(("Mass per unit area", f"{p.mass_m2:.1f} kg/m2"))
        proc = "Processed (fabricated) glass" if p.glass_processed else "Float glass, not processed"
        rows.append(("Processing", proc))
    if p.material == "asphalt":
        rows.append(("Mix type", p.description))
    return rows


def ul_single(rng: random.Random, meta: Meta, p: Product, flow: Flow) -> str:
    fmt = meta.numfmt
    flow.space(30)
    flow.para("ENVIRONMENTAL PRODUCT DECLARATION", size=20, bold=True)
    flow.para(p.name, size=16, bold=True)
    flow.para(p.description, size=11)
    flow.para(f"{meta.manufacturer}", size=12, bold=True)
    flow.para(meta.mfr_address if not meta.plant else f"{meta.plant}: {meta.plant_address}", size=9)
    flow.para("According to ISO 14025 and ISO 21930:2017", size=9)
    box = rng.random() < 0.6
    u0 = meta.units[0]
    if box:
        lines: list[tuple[str, Cell | str]] = [("Declared unit", f"1 {unit_word(u0)}")]
        if p.material == "concrete":
            lines.append((f"Specified strength ({p.strength_age} days)", p.strength_text))
        for u in meta.units:
            if "A1-A3" in p.printed[u]:
                tag = ("gwp", 0, "A1-A3") if u == u0 else None
                label = f"GWP A1-A3 ({meta.gwp_method}), kg CO2e/{UNIT_SHORT[u]}"
                lines.append((label, Cell(p.printed[u]["A1-A3"], tag)))
        lines.append(("Registration number", meta.reg))
        flow.box("EPD SUMMARY", lines)
    flow.new_page()
    flow.heading("General information", bar=True)
    flow.kv(meta_rows(rng, meta, product_line(p, meta)), upper=rng.random() < 0.5)
    flow.heading("Product description and specifications", bar=True)
    flow.para(f"Product: {p.name}. {p.description}. Manufactured by {meta.manufacturer} at "
              f"{meta.plant or 'its facilities'}.")
    flow.kv(spec_rows(p), lw=220)
    flow.new_page()
    flow.heading("Life cycle impact assessment results", bar=True)
    flow.para(f"Results for {p.name}, per declared unit of 1 {unit_word(u0)}, cradle to gate.", size=9)
    rows_as_units = len(meta.units) > 1 and rng.random() < 0.5
    if rows_as_units:
        cols = [Col(["Impact category", "(TRACI)"], "l"), Col(["Unit"], "l")]
        cols += [Col(MOD_HEAD[m][: rng.choice([1, 2])]) for m in meta.modules]
        rows: list = [("group", f"{meta.gwp_method} results")]
        for u in meta.units:
            rows.append([Cell("GWP"), Cell(f"kg CO2e/{UNIT_SHORT[u]}")]
                        + [Cell(p.printed[u][m], ("gwp", 0, m) if u == u0 else None) for m in meta.modules])
        for name, unit, sc in INDICATORS[: rng.randint(2, 6)]:
            rows.append([Cell(name), Cell(unit)] + [Cell(indicator_value(rng, p.true[u0], sc)) for _ in meta.modules])
        flow.table(cols, rows, caption=f"Table 5. {meta.gwp_method} impact results per declared unit", zebra=True)
    else:
        for u in meta.units:
            cols = [Col(["Indicator"], "l"), Col(["Unit"], "l")] + [Col(MOD_HEAD[m][:2]) for m in meta.modules]
            rows = [[Cell("Global warming potential (GWP)"), Cell("kg CO2 eq")]
                    + [Cell(p.printed[u][m], ("gwp", 0, m) if u == u0 else None) for m in meta.modules]]
            for name, unit, sc in INDICATORS[: rng.randint(2, 6)]:
                rows.append([Cell(name), Cell(unit)] + [Cell(indicator_value(rng, p.true[u], sc))
                                                        for _ in meta.modules])
            flow.table(cols, rows, caption=f"{meta.gwp_method} results, per 1 {unit_word(u)} of {p.name}",
                       zebra=True)
    if "A1-A3" not in meta.modules:
        flow.para("Note: the product stage A1-A3 is the sum of modules A1, A2 and A3.", size=8)
    other_methods(flow, rng, meta, [p], fmt)
    flow.heading("Interpretation", bar=True)
    flow.para("Raw material supply (A1) dominates the global warming potential of the product stage. "
              "Results are relative expressions and do not predict impacts on category endpoints.")
    how = "units as rows" if rows_as_units else "table per unit"
    return f"UL-style single product EPD ({'summary box, ' if box else ''}{how})"


# -- multi-product tables -------------------------------------------------------------------------------------------


def cover_multi(rng: random.Random, meta: Meta, flow: Flow, title: str, products: list[Product]) -> None:
    flow.space(20)
    flow.para("Environmental Product Declaration", size=20, bold=True)
    flow.para(title, size=14, bold=True)
    flow.para(f"{meta.manufacturer}", size=12, bold=True)
    flow.para(meta.mfr_address, size=9)
    if meta.plant:
        flow.para(f"{meta.plant}, {meta.plant_address}", size=9)
    flow.para(f"Number of products declared: {len(products)}", size=9)
    flow.kv(meta_rows(rng, meta, f"1 {unit_word(meta.units[0])} of each product listed in this declaration"),
            upper=rng.random() < 0.4)


def concrete_plant(rng: random.Random, meta: Meta, products: list[Product], flow: Flow) -> str:
    """NRMCA-style plant EPD: mixes as rows, grouped by strength class or by plant, wide tables may split."""
    cover_multi(rng, meta, flow, "Ready Mixed Concrete - Plant-Specific EPD", products)
    flow.new_page()
    by_plant = meta.plant is None
    if by_plant:
        plants = [f"{w} Plant" for w in rng.sample(["North", "South", "Eastside", "Westgate", "Airport", "Lakeview"],
                                                     rng.randint(2, 4))]
        for p in products:
            p.group = rng.choice(plants)
        products.sort(key=lambda p: p.group)
        flow.para("Plants covered: " + "; ".join(f"{pl}, {rng.choice(['Tacoma, WA', 'Fife, WA', 'Kent, WA'])}"
                                                 for pl in plants), size=8)
    else:
        products.sort(key=lambda p: (p.strength_psi or 0))
    group = rng.random() < 0.75
    units = meta.units if len(meta.modules) == 1 else meta.units[:1]
    wide = rng.random() < 0.35
    cols = [Col(["Mix", "number"] if rng.random() < 0.5 else ["Mix ID"], "l"), Col(["Description"], "l"),
            Col(["f'c", "(28 d unless noted)"] if rng.random() < 0.5 else ["Specified", "strength"])]
    if wide:
        cols += [Col(["Cement", "(lb/yd3)"]), Col(["SCM", "%"]), Col(["Slump", "(in)"]), Col(["Air", "%"]),
                 Col(["w/cm"])]
    cols += gwp_cols(rng, meta, units)
    n_ind = rng.randint(1, 4) if not wide else 6
    cols += [Col([n, u]) for n, u, _ in INDICATORS[:n_ind]]
    bench = rng.random() < 0.35
    if bench:
        cols += [Col(["NRMCA regional", "benchmark", f"kg CO2e/{UNIT_SHORT[units[0]]}"]), Col(["% vs.", "baseline"])]
    rows: list = []
    cur = None
    for i, p in enumerate(products):
        if group and p.group != cur:
            cur = p.group
            rows.append(("group", cur))
        r = [Cell(p.name), Cell(p.description), Cell(strength_cell(p))]
        if wide:
            r += [Cell(p.extra["cement"]), Cell(p.extra["scm"]), Cell(str(rng.choice([4, 5, 6, 8]))),
                  Cell(f"{rng.uniform(1.5, 6.5):.1f}"), Cell(f"{rng.uniform(0.38, 0.6):.2f}")]
        r += gwp_cells(p, meta, i, units)
        r += [Cell(indicator_value(rng, p.true[units[0]], sc)) for _, _, sc in INDICATORS[:n_ind]]
        if bench:
            b = p.true[units[0]] * rng.uniform(1.05, 1.4)
            r += [Cell(fmt_num(b, meta.numfmt)), Cell(f"-{(1 - p.true[units[0]] / b) * 100:.0f}%")]
        rows.append(r)
    flow.table(cols, rows, caption=f"Table 3. {meta.gwp_method} results per mix, A1-A3 (cradle to gate)",
               repeat_head=rng.random() < 0.7, zebra=not group, size=rng.choice([7, 7.5, 8]))
    product_notes(flow, products)
    if bench:
        flow.para("The benchmark column shows the NRMCA regional industry baseline and is not the GWP of the mix.",
                  size=7)
    other_methods(flow, rng, meta, products, meta.numfmt)
    return (f"NRMCA-style plant EPD, mixes as rows ({'grouped by plant' if by_plant else 'grouped by strength'}"
            f"{', wide split' if wide else ''}{', benchmark column' if bench else ''})")


def key_and_results(rng: random.Random, meta: Meta, products: list[Product], flow: Flow) -> str:
    """SCS-style declaration summary: a key table (code, description, strength) and results by code only."""
    mat = products[0].material
    cover_multi(rng, meta, flow, {"concrete": "Ready-Mixed Concrete Products", "steel": "Steel Mill Products",
                                  "cement": "Portland and Blended Cements", "asphalt": "Asphalt Mixtures",
                                  "flat_glass": "Flat Glass Products"}[mat], products)
    flow.new_page()
    flow.heading("Declaration summary", bar=True)
    letter = rng.choice(["P", "S", "C", "G"])
    for i, p in enumerate(products):
        if mat not in ("concrete", "asphalt"):
            p.code = f"{letter}{i + 1:02d}"
            p.name = p.code
    kcols = [Col(["Code"], "l"), Col(["Product description"], "l")]
    if mat == "concrete":
        kcols.append(Col(["Compressive strength"], "l"))
    if mat == "steel":
        kcols += [Col(["Fabricated"], "l")]
    krows = []
    for p in products:
        r = [Cell(p.code), Cell(p.description)]
        if mat == "concrete":
            r.append(Cell(strength_cell(p)))
        if mat == "steel":
            r.append(Cell({True: "Yes", False: "No", None: "n/a"}[p.fabricated]))
        krows.append(r)
    flow.table(kcols, krows, caption="Table 1. Products covered by this EPD", zebra=True)
    if mat == "steel" and products[0].route:
        flow.para({"eaf": "All products are made from recycled scrap melted in an electric arc furnace (EAF).",
                   "integrated": "Steel is made at an integrated mill (blast furnace - basic oxygen furnace)."}
                  [products[0].route], size=8)
    product_notes(flow, products)
    units = meta.units if len(meta.modules) == 1 else meta.units[:1]
    if rng.random() < 0.5:
        flow.new_page()
    n_ind = rng.randint(1, 4)
    cols = [Col(["Code"], "l")] + gwp_cols(rng, meta, units) + [Col([n, u]) for n, u, _ in INDICATORS[:n_ind]]
    rows = []
    for i, p in enumerate(products):
        rows.append([Cell(p.code)] + gwp_cells(p, meta, i, units)
                    + [Cell(indicator_value(rng, p.true[units[0]], sc)) for _, _, sc in INDICATORS[:n_ind]])
    flow.table(cols, rows, caption=f"Table 2. {meta.gwp_method} results, A1-A3, per {unit_word(units[0])}",
               zebra=True)
    other_methods(flow, rng, meta, products, meta.numfmt)
    return "SCS-style declaration summary: key table with codes, results table by code"


def products_as_columns(rng: random.Random, meta: Meta, products: list[Product], flow: Flow) -> str:
    """Indicators as rows, one column per product (cement types, glass thicknesses, a few mixes)."""
    mat = products[0].material
    title = {"concrete": "Ready Mixed Concrete Mixes", "steel": "Steel Products", "cement": "Portland Cements",
             "flat_glass": "Flat Glass by Thickness", "asphalt": "Asphalt Mixtures"}[mat]
    cover_multi(rng, meta, flow, title, products)
    flow.new_page()
    flow.heading("Product information", bar=True)
    for p in products:
        extra = ""
        if mat == "concrete":
            extra = f"; specified strength {strength_cell(p)}"
            if p.he:
                extra += f"; high early strength, {p.early_text}"
            if p.lightweight:
                extra += f"; lightweight, density {p.density_text}"
        if mat == "flat_glass":
            extra = f"; mass per m2 {p.mass_m2:.1f} kg"
        if mat == "steel":
            extra = {True: "; fabricated", False: "; unfabricated", None: ""}[p.fabricated]
        flow.para(f"{p.name}: {p.description}{extra}", size=8)
    if mat == "steel" and products[0].route:
        flow.para({"eaf": "Steelmaking route: electric arc furnace (EAF).",
                   "integrated": "Steelmaking route: integrated (BF-BOF)."}[products[0].route], size=8)
    if mat == "flat_glass":
        flow.para("Processed glass (tempering, laminating, coating) is included." if products[0].glass_processed
                  else "Annealed float glass; no further processing.", size=8)
    flow.new_page()
    for u in meta.units:
        cols = [Col(["Indicator"], "l"), Col(["Unit"], "l")] + [Col(p.name.split(" ", 1) if len(p.name) > 14 and
                                                                    " " in p.name else [p.name]) for p in products]
        rows: list = []
        if mat == "flat_glass":
            rows.append([Cell("Mass per unit area"), Cell("kg/m2")] + [Cell(f"{p.mass_m2:.1f}") for p in products])
        for m in meta.modules:
            rows.append([Cell(f"GWP {m}" if m != "A1-A3" else "GWP, A1-A3 total"), Cell(f"kg CO2e/{UNIT_SHORT[u]}")]
                        + [Cell(p.printed[u][m], ("gwp", i, m) if u == meta.units[0] else None)
                           for i, p in enumerate(products)])
        for name, unit, sc in INDICATORS[: rng.randint(2, 6)]:
            rows.append([Cell(name), Cell(unit)] + [Cell(indicator_value(rng, p.true[u], sc)) for p in products])
        flow.table(cols, rows, caption=f"{meta.gwp_method} results per {unit_word(u)} (A1-A3)", zebra=True)
    other_methods(flow, rng, meta, products, meta.numfmt)
    return f"products as columns, indicators as rows ({mat})"


def steel_rows(rng: random.Random, meta: Meta, products: list[Product], flow: Flow) -> str:
    cover_multi(rng, meta, flow, "Fabricated and Unfabricated Steel Products", products)
    flow.new_page()
    route = products[0].route
    flow.heading("Manufacturing", bar=True)
    if route:
        flow.para({"eaf": "The mill is an electric arc furnace (EAF) mini-mill melting recycled scrap.",
                   "integrated": "Steel is produced at an integrated mill (blast furnace and basic oxygen furnace)."}
                  [route])
    route_col = route is not None and rng.random() < 0.5
    units = meta.units if len(meta.modules) == 1 else meta.units[:1]
    cols = [Col(["Product"], "l"), Col(["Fabricated"], "l")]
    if route_col:
        cols.append(Col(["Route"], "l"))
    cols += gwp_cols(rng, meta, units)
    cols += [Col([n, u]) for n, u, _ in INDICATORS[:3]]
    rows = []
    for i, p in enumerate(products):
        r = [Cell(p.name), Cell({True: "Fabricated", False: "Unfabricated", None: "Not stated"}[p.fabricated])]
        if route_col:
            r.append(Cell({"eaf": "EAF", "integrated": "BF-BOF"}[route]))
        r += gwp_cells(p, meta, i, units)
        r += [Cell(indicator_value(rng, p.true[units[0]], sc)) for _, _, sc in INDICATORS[:3]]
        rows.append(r)
    flow.table(cols, rows, caption=f"Table 4. {meta.gwp_method} results per {unit_word(units[0])}, A1-A3",
               zebra=True)
    other_methods(flow, rng, meta, products, meta.numfmt)
    return "steel mill EPD, products as rows with fabricated column"


def asphalt_rows(rng: random.Random, meta: Meta, products: list[Product], flow: Flow) -> str:
    cover_multi(rng, meta, flow, "Asphalt Mixtures - Plant EPD", products)
    flow.new_page()
    u = meta.units[0]
    cols = [Col(["Mix"], "l"), Col(["Mix description"], "l")]
    cols += [Col([m, f"kg CO2e/{UNIT_SHORT[u]}"]) for m in meta.modules]
    cols += [Col([n, u2]) for n, u2, _ in INDICATORS[:2]]
    rows = []
    for i, p in enumerate(products):
        rows.append([Cell(p.name), Cell(p.description)] + gwp_cells(p, meta, i, [u])
                    + [Cell(indicator_value(rng, p.true[u], sc)) for _, _, sc in INDICATORS[:2]])
    flow.table(cols, rows, caption=f"{meta.gwp_method} global warming potential per {unit_word(u)} of mixture",
               zebra=True)
    if "A1-A3" not in meta.modules:
        flow.para("The product stage total is the sum of A1 (materials), A2 (transport) and A3 (plant operations).",
                  size=8)
    other_methods(flow, rng, meta, products, meta.numfmt)
    return "asphalt plant EPD, mixes as rows with A1/A2/A3 columns"


# -- WeasyPrint: one page per mix (Climate Earth style) -------------------------------------------------------------


def climate_earth_html(rng: random.Random, meta: Meta, products: list[Product]) -> tuple[str, dict, str]:
    e = html.escape
    css = """
    @page {{ size: letter; margin: 2cm 1.8cm;
      @top-left {{ content: "{}"; font: 8pt sans-serif; }}
      @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 7pt sans-serif; }}
      @bottom-left {{ content: "{}"; font: 7pt sans-serif; }} }}
    body {{ font-family: sans-serif; font-size: 9pt; }}
    h1 {{ font-size: 18pt; color: #1f5130; }} h2 {{ font-size: 13pt; background: #dfeee3; padding: 3pt; }}
    table {{ border-collapse: collapse; width: 100%; margin: 6pt 0; }}
    td, th {{ border-bottom: 0.5pt solid #999; padding: 2pt 4pt; text-align: right; }}
    td:first-child, th:first-child {{ text-align: left; }}
    th {{ background: #cfe0d4; }}
    .mix {{ break-before: page; }}
    .kv td {{ text-align: left; }}
    """.format(e(meta.manufacturer + " | Environmental Product Declaration"), e(meta.reg))
    parts = [f"<html><head><style>{css}</style></head><body>"]
    parts.append("<h1>Environmental Product Declaration</h1>")
    parts.append(f"<p><b>{e(meta.manufacturer)}</b><br>{e(meta.mfr_address)}</p>")
    if meta.plant:
        parts.append(f"<p>Plant: {e(meta.plant)}, {e(meta.plant_address)}</p>")
    parts.append('<table class="kv">')
    for k, v in meta_rows(rng, meta, "1 cubic meter / 1 cubic yard of ready mixed concrete")[:]:
        parts.append(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>")
    parts.append("</table>")
    pages = {}
    u0 = meta.units[0]
    for i, p in enumerate(products):
        pages[i] = i + 2
        parts.append('<div class="mix">')
        parts.append(f"<h2>Mix {e(p.name)}</h2>")
        parts.append(f"<p>Description: {e(p.description)}<br>Specified compressive strength: "
                     f"{e(p.strength_text)} at {p.strength_age} days")
        if p.he:
            parts.append(f"<br>High early strength: {e(p.early_text)}")
        if p.lightweight:
            parts.append(f"<br>Lightweight concrete, density {e(p.density_text)}")
        parts.append(f"<br>Plant: {e(meta.plant or 'see cover')}</p>")
        parts.append(f"<table><tr><th>{e(meta.gwp_method)} impact</th><th>Unit</th>")
        for u in meta.units:
            for m in meta.modules:
                parts.append(f"<th>{m}<br>per {UNIT_SHORT[u]}</th>")
        parts.append("</tr><tr><td>Global warming potential</td><td>kg CO2e</td>")
        for u in meta.units:
            for m in meta.modules:
                parts.append(f"<td>{e(p.printed[u][m])}</td>")
        parts.append("</tr>")
        for name, unit, sc in INDICATORS[: rng.randint(2, 6)]:
            parts.append(f"<tr><td>{name}</td><td>{unit}</td>")
            for u in meta.units:
                for _ in meta.modules:
                    parts.append(f"<td>{indicator_value(rng, p.true[u], sc)}</td>")
            parts.append("</tr>")
        parts.append("</table>")
        for method in meta.extra_methods[:1]:
            parts.append(f"<p>{e(method)} (information only): GWP {fmt_num(p.true[u0] * 1.02, meta.numfmt)} "
                         f"kg CO2e per {UNIT_SHORT[u0]}</p>")
        parts.append("</div>")
    parts.append("</body></html>")
    return "".join(parts), pages, "Climate Earth-style one page per mix (WeasyPrint)"
