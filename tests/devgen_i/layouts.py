"""Page layouts: per-mix EPD, plant table of mixes, product matrix, brochure, LaTeX-like report, web-tool report."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .content import Meta, Product
from .draw import Backend, Cell, Col, TableState, TableStyle, draw_table, paragraph
from .products import Plan

IND_LABELS = {
    "GWP": [("Global warming potential (GWP)", "kg CO2 eq"), ("GWP", "kg CO2e"), ("Global Warming Potential",
            "kg CO₂ eq"), ("Global warming", "kg CO2-eq"), ("GWP 100", "kg CO2 eq")],
    "ODP": [("Ozone depletion potential (ODP)", "kg CFC-11 eq"), ("ODP", "kg CFC-11e"), ("Ozone Depletion",
            "kg CFC 11 eq")],
    "AP": [("Acidification potential (AP)", "kg SO2 eq"), ("AP", "kg SO2e"), ("Acidification", "kg SO₂ eq")],
    "EP": [("Eutrophication potential (EP)", "kg N eq"), ("EP", "kg Ne"), ("Eutrophication", "kg N eq")],
    "SFP": [("Smog formation potential (SFP)", "kg O3 eq"), ("SFP", "kg O3e"), ("Smog", "kg O₃ eq")],
    "ADPf": [("Abiotic depletion potential, fossil (ADPf)", "MJ surplus"), ("ADP fossil", "MJ, LHV")],
    "PENRT": [("Non-renewable primary energy (PENRT)", "MJ"), ("PENRT", "MJ, NCV")],
    "PERT": [("Renewable primary energy (PERT)", "MJ"), ("PERT", "MJ, NCV")],
    "FW": [("Use of net fresh water (FW)", "m3"), ("FW", "m³")],
}
UNIT_SHORT = {"m3": "m³", "yd3": "yd³", "t": "t", "short_ton": "short ton", "m2": "m²", "kg": "kg"}
UNIT_LONG = {"m3": "1 m³", "yd3": "1 yd³", "t": "1 metric ton", "short_ton": "1 short ton", "m2": "1 m²",
             "kg": "1 kg"}


@dataclass
class Ctx:
    b: Backend
    rng: random.Random
    meta: Meta
    plan: Plan
    header: str = ""
    accent: tuple[int, int, int] = (0, 70, 120)
    margin: float = 50.0
    landscape: bool = False
    state: TableState = field(default_factory=TableState)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    section: int = 0

    def page(self, landscape: bool | None = None) -> float:
        ls = self.landscape if landscape is None else landscape
        self.b.new_page(ls)
        b = self.b
        if self.header:
            b.font(7.5, italic=True)
            b.color((90, 90, 90))
            b.text(self.margin, 28, self.header)
            b.right(b.width - self.margin, 28, "Environmental Product Declaration")
            b.line(self.margin, 33, b.width - self.margin, 33, 0.4, (120, 120, 120))
            b.font(7)
            b.ctext(b.width / 2, b.height - 22, f"Page {b.page_no}")
            b.color((0, 0, 0))
        return 56.0

    @property
    def bottom(self) -> float:
        return self.b.height - 48

    @property
    def avail(self) -> float:
        return self.b.width - 2 * self.margin

    def ensure(self, y: float, need: float) -> float:
        if y + need > self.bottom:
            return self.page()
        return y

    def heading(self, y: float, text: str, size: float = 12) -> float:
        y = self.ensure(y, size + 60)
        self.section += 1
        self.b.font(size, bold=True)
        self.b.color(self.accent)
        self.b.text(self.margin, y + size, text)
        self.b.color((0, 0, 0))
        return y + size + 10

    def para(self, y: float, text: str, size: float = 8.5, justify: bool = False, x: float | None = None,
             width: float | None = None) -> float:
        w = width or self.avail
        xx = self.margin if x is None else x
        lines_est = int(self.b.width_of(text) / w) + 2 if text else 1
        y = self.ensure(y, min(lines_est * size * 1.35, 200))
        return paragraph(self.b, xx, y + size, w, text, size, justify=justify) + 2


def init_labels(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.labels = {k: rng.choice(v) for k, v in IND_LABELS.items()}
    others = ["ODP", "AP", "EP", "SFP", *rng.sample(["ADPf", "PENRT", "PERT", "FW"], rng.randint(0, 3))]
    order = ["GWP", *others]
    r = rng.random()
    if r < 0.2:
        order = sorted(order, key=lambda k: ctx.labels[k][0])
    elif r < 0.35:
        order = ["ODP", "GWP", *order[2:]]
    ctx.order = order


# ---------------------------------------------------------------- shared blocks


def unit_text(p: Product, unit: str, rng: random.Random) -> str:
    if unit == "m2" and p.mass_per_m2:
        return f"1 m² of {p.thickness_mm:g} mm glass ({p.mass_per_m2:g} kg/m²)"
    return {"m3": rng.choice(["1 m³ of ready mixed concrete", "1 cubic meter (m³)", "1 m3"]),
            "yd3": rng.choice(["1 cubic yard (yd³)", "1 yd³ of concrete", "1 yd3"]),
            "t": rng.choice(["1 metric ton", "1 metric ton (1,000 kg)", "1 tonne"]),
            "short_ton": rng.choice(["1 short ton (2,000 lb)", "1 short ton", "one US ton (2,000 lbs)"]),
            "kg": "1 kg"}[unit]


def meta_items(ctx: Ctx, product: Product | None = None) -> list[tuple[str, str]]:
    rng, m = ctx.rng, ctx.meta
    items = [
        (rng.choice(["Program Operator", "EPD Program Operator", "Program operator"]), m.program_operator),
        ("", m.op_address) if rng.random() < 0.5 else ("", ""),
        (rng.choice(["Declaration Number", "EPD Number", "Registration No.", "EPD Registration Number",
                     "Declaration #", "EPD ID"]), m.registration_number),
        (rng.choice(["Manufacturer", "Declaration Holder", "Declaration Owner", "EPD Owner", "Company"]),
         m.manufacturer),
        ("Address", m.manufacturer_address),
    ]
    if m.plant:
        items.append((rng.choice(["Plant", "Production Facility", "Manufacturing Location", "Facility"]), m.plant))
        items.append(("", m.plant_address or ""))
    if product is not None:
        items.append((rng.choice(["Declared Product", "Product", "Product Name"]), product.name))
    du = ctx.plan.units[0]
    p0 = product or ctx.plan.products[0]
    items += [
        (rng.choice(["Declared Unit", "Declared unit", "Functional/Declared Unit"]), unit_text(p0, du, rng)),
        (rng.choice(["Date of Issue", "Issue Date", "Issued", "Date of issue"]), m.issued_text),
        (m.validity_label, m.validity_text),
        (rng.choice(["EPD Type", "Type of EPD", "EPD type"]), m.epd_type_text),
        (rng.choice(["Reference PCR", "Product Category Rule", "PCR"]), m.pcr_text),
        (rng.choice(["LCIA Method", "LCIA Methodology & Version", "Impact assessment"]),
         " / ".join(m.methods)),
        (rng.choice(["EPD Scope", "System boundary"]), rng.choice(["Cradle-to-gate (A1-A3)", "Cradle to gate",
                                                                    "Cradle-to-gate, modules A1 to A3"])),
        (rng.choice(["LCA Software", "LCA tool"]), m.lca_tool),
    ]
    return [(k, v) for k, v in items if v]


def kv_block(ctx: Ctx, y: float, items: list[tuple[str, str]], style: str, x: float | None = None,
             width: float | None = None, size: float = 8.5) -> float:
    b = ctx.b
    x = ctx.margin if x is None else x
    width = width or ctx.avail
    b.font(size, bold=True)
    label_w = min(max(b.width_of(k) for k, _ in items) + 12, width * 0.42)
    for k, v in items:
        if style == "upper":
            k = k.upper()
        b.font(size)
        lines_v = _wrap_lines(b, v, width - label_w - 6)
        b.font(size, bold=style != "plain")
        lines_k = _wrap_lines(b, f"{k}:" if k and style == "colon_right" else k, label_w - 10) if k else [""]
        n_lines = max(len(lines_v), len(lines_k))
        y = ctx.ensure(y, n_lines * size * 1.3 + 4)
        for i, lk in enumerate(lines_k):
            if style == "colon_right":
                b.right(x + label_w - 8, y + size + i * size * 1.3, lk)
            else:
                b.text(x, y + size + i * size * 1.3, lk)
        b.font(size)
        for i, ln in enumerate(lines_v):
            b.text(x + label_w, y + size + i * size * 1.3, ln)
        y += n_lines * size * 1.3 + 3
        if style == "upper":
            b.line(x, y, x + width, y, 0.3, (170, 170, 170))
            y += 2
    return y + 6


def _wrap_lines(b: Backend, s: str, width: float) -> list[str]:
    from .draw import wrap

    return wrap(b, s, width)


def verification(ctx: Ctx, y: float) -> float:
    m = ctx.meta
    y = ctx.para(y, m.verification_text)
    who = ctx.rng.choice(["EPD verifier", "Verifier"])
    y = ctx.para(y, f"The PCR review was conducted by the PCR committee. {who}: {m.verifier}."
                 if m.third_party_verified else "Verification: internal review by the LCA team.")
    return y


def intro_prose(ctx: Ctx, product: Product | None) -> str:
    m, mat, rng = ctx.meta, ctx.plan.material, ctx.rng
    ps = ctx.plan.products
    where = f" at its {m.plant} facility" if m.plant else ""
    if mat == "concrete":
        s = (f"{m.manufacturer} produces ready mixed concrete{where}. This declaration covers "
             f"{'one concrete mix' if len(ps) == 1 else f'{len(ps)} concrete mixes'} batched for structural and "
             "general construction. Concrete is made of portland or blended cement, supplementary cementitious "
             "materials (fly ash, slag cement), aggregates, water and admixtures.")
        if ctx.plan.strength_where in ("name", "description"):
            s += (" Specified compressive strengths are stated in the mix descriptions and are at 28 days unless "
                  "another age is noted.")
        if product is not None and ctx.plan.strength_where == "prose" and product.strength_psi is not None:
            s += (f" The mix has a specified compressive strength of {product.strength_text} "
                  f"{'MPa' if product.strength_unit == 'MPa' else 'psi'} at {product.strength_age_days} days.")
        if product is not None and product.high_early_strength:
            s += f" It is a high-early-strength mix reaching {product.early_strength_text}."
        if product is not None and product.lightweight:
            s += f" It is a lightweight concrete with an equilibrium density of {product.extra['unit_weight']} pcf."
    elif mat == "steel":
        routes = sorted({p.extra["route_word"] for p in ps})
        s = (f"{m.manufacturer} manufactures steel products{where}. Steel is produced by the "
             f"{' and '.join(routes)} route{'s' if len(routes) > 1 else ''}"
             f" with a recycled content of about {ps[0].extra['recycled']}. ")
        fabs = [p for p in ps if p.fabricated]
        if fabs:
            s += "Fabrication at the shop (cutting, drilling, welding, coating) is included for fabricated products. "
        elif any(p.fabricated is False for p in ps):
            s += "Products are declared unfabricated, as shipped from the mill; fabrication is excluded. "
    elif mat == "asphalt":
        s = (f"{m.manufacturer} produces asphalt mixtures{where}. The mixtures combine aggregates, asphalt binder and "
             "reclaimed asphalt pavement (RAP). Results for A1, A2 and A3 are reported separately; the "
             "cradle-to-gate total is their sum.")
    elif mat == "flat_glass":
        s = (f"{m.manufacturer} manufactures flat glass{where}. Float glass is produced from silica sand, soda ash, "
             "limestone, dolomite and cullet melted in a natural-gas fired furnace.")
        if any(p.glass_processed for p in ps):
            s += " Processed products (tempered, laminated, insulating units) include fabrication steps."
    else:
        s = (f"{m.manufacturer} produces cement{where} by the dry process with a preheater/precalciner kiln. "
             "Clinker is interground with gypsum and limestone.")
    if rng.random() < 0.5:
        s += (" The EPD is intended for business-to-business communication. Results are cradle-to-gate and do "
              "not include use or end of life.")
    return s


def gwp_cells(p: Product, unit: str, modules: list[str], idx: int, tag_module: str | None = None) -> list[Cell]:
    out = []
    tag_m = tag_module or ("A1-A3" if "A1-A3" in p.modules else "A1")
    for mo in modules:
        out.append(Cell(p.gwp_text[unit][mo], tag=(idx, unit) if mo == tag_m else None))
    return out


# ---------------------------------------------------------------- indicators x modules table for one product


def product_results_table(ctx: Ctx, y: float, p: Product, idx: int, style: TableStyle, side_by_side: bool,
                          extra_modules: list[str] | None = None) -> float:
    """Indicators as rows and modules as columns, per unit (side by side with group heads, or one after the other)."""
    units = ctx.plan.units
    mods = list(p.modules)
    extra_modules = extra_modules or []
    rng = ctx.rng
    unit_col = rng.random() < 0.6

    def rows_for(units_here: list[str]) -> list[list[Cell]]:
        rows = []
        for key in ctx.order:
            lab, u = ctx.labels[key]
            row = [Cell(lab)]
            if unit_col:
                row.append(Cell(u))
            else:
                row[0] = Cell(f"{lab} [{u}]")
            for unit in units_here:
                if key == "GWP":
                    row += gwp_cells(p, unit, mods, idx)
                else:
                    row += [Cell(p.indicators[unit][key][mo]) for mo in mods]
                for em in extra_modules:
                    row.append(Cell(p.extra.setdefault(f"x{unit}{key}{em}", _tiny(rng, key, em))))
            rows.append(row)
        return rows

    def cols_for(units_here: list[str]) -> tuple[list[Col], list[tuple[int, int, str]]]:
        cols = [Col([rng.choice(["Indicator", "Impact category", "Parameter"])], "L")]
        if unit_col:
            cols.append(Col(["Unit"], "L"))
        groups = []
        for unit in units_here:
            start = len(cols)
            for mo in mods + extra_modules:
                cols.append(Col([mo], "R"))
            if len(units_here) > 1:
                groups.append((start, len(mods) + len(extra_modules), f"Per {UNIT_SHORT[unit]}"))
        return cols, groups

    if side_by_side and len(units) > 1:
        cols, groups = cols_for(units)
        y = draw_table(ctx.b, ctx.margin, y, ctx.avail, cols, rows_for(units), style, ctx.state, ctx.bottom,
                       ctx.page, groups)
    else:
        for unit in units:
            if unit != units[0]:
                y = ctx.ensure(y, 30 + 15 * len(ctx.order))
            if len(units) > 1:
                ctx.b.font(8.5, bold=True)
                ctx.b.text(ctx.margin, y + 9, f"Results per {UNIT_LONG[unit]}" + (
                    f" of {p.name}" if rng.random() < 0.5 else ""))
                y += 14
            cols, _ = cols_for([unit])
            y = draw_table(ctx.b, ctx.margin, y, ctx.avail, cols, rows_for([unit]), style, ctx.state, ctx.bottom,
                           ctx.page)
            y += 10
    if extra_modules and not set(extra_modules) <= set(p.modules):
        p.modules = p.modules + [m for m in extra_modules if m not in p.modules]
    return y + 8


def _tiny(rng: random.Random, key: str, mod: str) -> str:
    if mod == "D":
        return f"-{rng.uniform(1, 300):.1f}" if key == "GWP" else f"-{rng.uniform(0.001, 0.5):.2E}"
    return f"{rng.uniform(0.1, 12):.2f}" if key == "GWP" else f"{rng.uniform(1e-6, 0.05):.2E}"


def methods_tables(ctx: Ctx, y: float, products: list[Product], style: TableStyle) -> float:
    """Other-method GWP (A1-A3) in separate tables, products as rows."""
    for meth in ctx.plan.other_methods:
        y = ctx.ensure(y, 80)
        ctx.b.font(9, bold=True)
        ctx.b.text(ctx.margin, y + 9, f"Supplementary results: GWP according to {meth}")
        y += 16
        units = ctx.plan.units
        lab = "GWP-total" if meth.startswith("EN") else "Climate change" if meth.startswith("CML") else "GWP100"
        cols = [Col(["Product"], "L")] + [Col([f"{lab}", f"A1-A3 per {UNIT_SHORT[u]}"], "R") for u in units]
        rows = [[Cell(p.name)] + [Cell(p.other_methods[meth][u]["A1-A3"]) for u in units] for p in products]
        if meth.startswith("EN"):
            cols.append(Col(["GWP-fossil", "A1-A3"], "R"))
            for r, p in zip(rows, products, strict=True):
                r.append(Cell(_fossil(p, units[0])))
        y = draw_table(ctx.b, ctx.margin, y, ctx.avail, cols, rows, style, ctx.state, ctx.bottom, ctx.page)
        y += 12
    return y


def _fossil(p: Product, unit: str) -> str:
    v = p.gwp_value[unit]["A1-A3"] * 0.985
    return f"{v:.3E}"


# ---------------------------------------------------------------- L1: one EPD per mix / data sheets


def layout_per_product(ctx: Ctx, datasheets: bool) -> str:
    b, rng, plan, m = ctx.b, ctx.rng, ctx.plan, ctx.meta
    ps = plan.products
    single = len(ps) == 1
    ctx.header = f"{m.manufacturer} | {ps[0].name}" if single else f"{m.manufacturer} | {m.plant or 'EPD'}"
    y = ctx.page()
    # cover
    b.fill_rect(0, 0, b.width, 110, ctx.accent)
    b.color((255, 255, 255))
    b.font(22, bold=True)
    b.text(ctx.margin, 55, rng.choice(["Environmental Product Declaration", "ENVIRONMENTAL PRODUCT DECLARATION"]))
    b.font(11)
    b.text(ctx.margin, 78, rng.choice(["According to ISO 14025 and ISO 21930", "Type III declaration, ISO 14025",
                                       f"{m.program_operator} certified EPD"]))
    b.color((0, 0, 0))
    y = 135
    if single:
        p = ps[0]
        b.font(16, bold=True)
        b.text(ctx.margin, y, p.name)
        y += 18
        b.font(10)
        if p.description != p.name:
            b.text(ctx.margin, y, p.description)
            y += 14
    else:
        b.font(14, bold=True)
        b.text(ctx.margin, y, f"{len(ps)} {'mixes' if plan.material in ('concrete', 'asphalt') else 'products'}"
                              f" from {m.plant or m.manufacturer}")
        y += 18
    y += 8
    y = kv_block(ctx, y, meta_items(ctx, ps[0] if single else None), rng.choice(["plain", "bold", "colon_right",
                                                                                 "upper"]))
    y = verification(ctx, y)
    tstyle = TableStyle(kind=rng.choice(["grid", "banded", "minimal"]), size=rng.choice([7.5, 8, 8.5]),
                        head_fill=rng.choice([(220, 220, 220), (205, 225, 240), (230, 240, 220)]))
    side = rng.random() < 0.5
    if single:
        y = ctx.page()
        y = ctx.heading(y, "Product description")
        y = ctx.para(y, intro_prose(ctx, ps[0]), justify=rng.random() < 0.5)
        if plan.strength_where == "column" and ps[0].strength_psi is not None:
            y = kv_block(ctx, y, _strength_items(ps[0]), "plain", size=8.5)
        y = ctx.heading(y, rng.choice(["Life cycle impact assessment results", "LCA Results", "Results"]))
        y = ctx.para(y, f"Results are per declared unit, {ctx.meta.gwp_method} characterization factors.")
        y = product_results_table(ctx, y, ps[0], 0, tstyle, side)
        if plan.other_methods:
            y = methods_tables(ctx, y, ps, tstyle)
        _closing(ctx, y)
        return f"per-product EPD ({plan.material}), cover + results, {'side-by-side units' if side else 'per unit'}"
    # data sheets: one page per product
    y = ctx.page()
    y = ctx.heading(y, "General information")
    y = ctx.para(y, intro_prose(ctx, None), justify=True)
    y = ctx.para(y, f"Each of the following pages is the data sheet of one "
                    f"{'mix' if plan.material in ('concrete', 'asphalt') else 'product'}. "
                    f"Results use {ctx.meta.gwp_method}.")
    if rng.random() < 0.6:
        y = scope_section(ctx, y)
    for i, p in enumerate(ps):
        y = ctx.page()
        b.fill_rect(ctx.margin, y, ctx.avail, 26, (235, 235, 235))
        b.font(13, bold=True)
        b.text(ctx.margin + 6, y + 18, p.name)
        y += 36
        items = [("Description", p.description), *_strength_items(p)]
        if plan.material == "asphalt":
            items += [("RAP content", p.extra["rap"]), ("Binder", p.extra["binder"]), ("Warm mix", p.extra["warm"])]
        y = kv_block(ctx, y, items, "bold")
        y = product_results_table(ctx, y, p, i, tstyle, side)
        if plan.other_methods:
            for meth in plan.other_methods:
                b.font(8)
                y = ctx.ensure(y, 14)
                u = plan.units[0]
                b.text(ctx.margin, y + 8, f"GWP ({meth}), A1-A3: {p.other_methods[meth][u]['A1-A3']} kg CO2e per "
                                          f"{UNIT_SHORT[u]}")
                y += 13
    return f"data-sheet pages, one per {plan.material} product ({len(ps)})"


def _strength_items(p: Product) -> list[tuple[str, str]]:
    if p.material != "concrete" or p.strength_psi is None:
        return []
    unit = "MPa" if p.strength_unit == "MPa" else "psi"
    out = [(f"Specified strength ({unit})", p.strength_text), ("Test age", f"{p.strength_age_days} days")]
    if p.high_early_strength:
        out.append(("Early strength", p.early_strength_text))
    if p.lightweight:
        out.append(("Unit weight", f"{p.extra['unit_weight']} pcf (lightweight)"))
    return out


MODULES_ALL = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "C1", "C2", "C3", "C4", "D"]


def scope_section(ctx: Ctx, y: float) -> float:
    """System boundary matrix (X / MND) and a data-quality paragraph, as most NA templates print."""
    rng = ctx.rng
    y = ctx.heading(y, rng.choice(["System boundary", "Scope of the declaration", "LCA: Calculation rules"]))
    y = ctx.para(y, "The declaration is cradle-to-gate. Modules not declared are marked MND. Product stage (A1-A3): "
                    "Upstream (A1) raw material supply, Core (A2-A3) transport to the facility and manufacturing.",
                 size=8)
    declared = {"A1", "A2", "A3"} | ({"C1", "C2", "C3", "C4", "D"} if rng.random() < 0.2 else set())
    cols = [Col([m], "C") for m in MODULES_ALL]
    rows = [[Cell("X" if m in declared else "MND") for m in MODULES_ALL]]
    y = draw_table(ctx.b, ctx.margin, y, ctx.avail, cols, rows, TableStyle(kind="grid", size=6.5), TableState(),
                   ctx.bottom, ctx.page, [(0, 3, "Product stage"), (3, 2, "Construction"), (5, 7, "Use stage"),
                                          (12, 4, "End of life"), (16, 1, "Benefits")], fill_width=True)
    y += 10
    y = ctx.para(y, rng.choice([
        "Data quality: primary data for the reference year were collected from the facility; background data are "
        "from ecoinvent 3.9 and the US LCI database. Temporal, geographical and technological representativeness "
        "is rated good.",
        "Allocation: mass allocation is used between co-products. Cut-off: flows below 1% of energy and mass are "
        "excluded, with no more than 5% excluded in total.",
    ]), size=8)
    return y


RESOURCE = [("RPRE", "MJ, NCV"), ("NRPRE", "MJ, NCV"), ("SM", "kg"), ("RSF", "MJ, NCV"), ("NRSF", "MJ, NCV"),
            ("RE", "MJ, NCV"), ("FW", "m3"), ("HWD", "kg"), ("NHWD", "kg"), ("HLRW", "kg"), ("ILLRW", "kg"),
            ("CRU", "kg"), ("MFR", "kg"), ("MER", "kg"), ("EE", "MJ"), ("BCRP", "kg CO2"), ("BCEP", "kg CO2")]


def resource_section(ctx: Ctx, y: float) -> float:
    """Resource use, waste and output flows (ISO 21930 inventory indicators) for up to eight products."""
    rng = ctx.rng
    ps = ctx.plan.products[:8]
    u = ctx.plan.units[0]
    y = ctx.page()
    y = ctx.heading(y, rng.choice(["Resource use, waste and output flows", "Inventory indicators (ISO 21930)"]))
    y = ctx.para(y, f"Values are A1-A3 per {UNIT_LONG[u]}. These parameters describe flows, not impacts.", size=8)
    cols = [Col(["Parameter"], "L"), Col(["Unit"], "L")] + [Col([f"#{i + 1}"], "R") for i in range(len(ps))]
    rows = []
    for key, unit in RESOURCE:
        row = [Cell(key), Cell(unit)]
        for p in ps:
            base = p.gwp_value[u]["A1-A3"]
            v = base * rng.uniform(0.001, 8)
            row.append(Cell(f"{v:.2E}" if v < 0.01 or rng.random() < 0.3 else f"{v:,.2f}"))
        rows.append(row)
    y = draw_table(ctx.b, ctx.margin, y, ctx.avail, cols, rows, TableStyle(kind="grid", size=7), TableState(),
                   ctx.bottom, ctx.page)
    if len(ps) > 1:
        y = ctx.para(y + 6, "Columns: " + "; ".join(f"#{i + 1} = {p.name}" for i, p in enumerate(ps)), size=7)
    return y + 8


def composition_section(ctx: Ctx, y: float) -> float:
    rng = ctx.rng
    mat = ctx.plan.material
    rows_src = {
        "concrete": [("Portland cement (Type IL)", "ASTM C595"), ("Fly ash, Class F", "ASTM C618"),
                     ("Slag cement", "ASTM C989"), ("Coarse aggregate", "ASTM C33"), ("Fine aggregate", "ASTM C33"),
                     ("Water", "ASTM C1602"), ("Admixtures", "ASTM C494")],
        "steel": [("Scrap steel", "-"), ("Pig iron / DRI", "-"), ("Alloys (Mn, Si)", "-"), ("Lime / flux", "-"),
                  ("Electrodes", "-")],
        "asphalt": [("Virgin aggregate", "AASHTO M 323"), ("RAP", "-"), ("Asphalt binder", "AASHTO M 320"),
                    ("Warm-mix additive", "-")],
        "flat_glass": [("Silica sand", "-"), ("Soda ash", "-"), ("Dolomite", "-"), ("Limestone", "-"),
                       ("Cullet", "-")],
        "cement": [("Clinker", "-"), ("Gypsum", "-"), ("Limestone", "ASTM C595"), ("Process additions", "-")],
    }[mat]
    y = ctx.heading(y, rng.choice(["Material composition", "Product composition", "Raw materials"]))
    shares = [rng.uniform(1, 60) for _ in rows_src]
    tot = sum(shares)
    cols = [Col(["Component"], "L"), Col(["Standard"], "L"), Col(["Share (% by mass)"], "R")]
    rows = [[Cell(n), Cell(sd), Cell(f"{v / tot * 100:.1f}")] for (n, sd), v in zip(rows_src, shares, strict=True)]
    y = draw_table(ctx.b, ctx.margin, y, ctx.avail * 0.7, cols, rows, TableStyle(kind="minimal", size=7.5),
                   TableState(), ctx.bottom, ctx.page)
    return y + 10


def _closing(ctx: Ctx, y: float) -> None:
    if ctx.rng.random() < 0.5:
        y = composition_section(ctx, y)
    if ctx.rng.random() < 0.6:
        y = scope_section(ctx, y)
    if ctx.rng.random() < 0.45 and ctx.b.page_no < 10:
        y = resource_section(ctx, y)
    y = ctx.heading(y, "References")
    refs = ["ISO 14025:2006 Environmental labels and declarations - Type III environmental declarations.",
            "ISO 21930:2017 Sustainability in buildings and civil engineering works - Core rules for EPDs.",
            f"{ctx.meta.pcr}.",
            "Bare, J. (2012) TRACI 2.1 - The Tool for the Reduction and Assessment of Chemical and other "
            "Environmental Impacts, US EPA."]
    for r in refs[: ctx.rng.randint(2, 4)]:
        y = ctx.para(y, r, size=7.5)


# ---------------------------------------------------------------- L2: plant table, mixes as rows


def layout_rows(ctx: Ctx) -> str:
    b, rng, plan, m = ctx.b, ctx.rng, ctx.plan, ctx.meta
    ps = plan.products
    conc = plan.material == "concrete"
    units = plan.units
    mods = plan.modules
    many_mods = len(mods) > 1
    ctx.header = f"{m.manufacturer} - {m.plant or 'Plant-specific EPD'}"
    ctx.landscape = rng.random() < 0.45 or (many_mods and len(units) > 1)
    y = ctx.page(False)
    b.font(20, bold=True)
    b.color(ctx.accent)
    b.text(ctx.margin, y + 20, rng.choice(["Environmental Product Declaration", "EPD - Ready Mixed Concrete"
                                           if conc else "EPD - Asphalt Mixtures" if plan.material == "asphalt"
                                           else "Environmental Product Declaration"]))
    b.color((0, 0, 0))
    y += 36
    y = kv_block(ctx, y, meta_items(ctx), rng.choice(["plain", "bold", "colon_right", "upper"]))
    y = verification(ctx, y)
    y = ctx.heading(y, "Product description")
    y = ctx.para(y, intro_prose(ctx, None), justify=rng.random() < 0.4)
    if conc and plan.strength_where == "column":
        y = ctx.para(y, "Specified compressive strength (f'c) is given in the results table for each mix.")
    if rng.random() < 0.5:
        y = scope_section(ctx, y)
    # columns
    cols: list[Col] = []
    groups: list[tuple[int, int, str]] = []
    has_id = plan.name_style not in ("description",)
    name_head = rng.choice([["Mix ID"], ["Mix", "Number"], ["Mix Code"], ["Product"]]) if conc or has_id else \
        [rng.choice(["Mix", "Product"])]
    cols.append(Col(name_head, "L"))
    show_desc = has_id and (rng.random() < 0.8 or plan.strength_where == "description")
    if show_desc:
        cols.append(Col([rng.choice(["Description", "Mix Description", "Product description"])], "L"))
    age_col = False
    if conc and plan.strength_where == "column":
        su = "MPa" if plan.strength_unit == "MPa" else "psi"
        ages = {p.strength_age_days for p in ps if p.strength_age_days}
        if len(ages) > 1 or rng.random() < 0.3:
            cols.append(Col(rng.choice([[f"f'c ({su})"], ["Strength", f"({su})"], ["Design", "strength", f"({su})"]]),
                            "R"))
            cols.append(Col(["Age", "(days)"], "R"))
            age_col = True
        else:
            age = ages.pop() if ages else 28
            cols.append(Col(rng.choice([[f"f'c ({su})", f"@ {age} d"], [f"{age}-day", "strength", f"({su})"],
                                        [f"{age}-Day f'c", f"({su})"]]), "R"))
    extra_cols: list[tuple[list[str], str]] = []
    if conc and rng.random() < 0.6:
        extra_cols.append((["SCM", "(%)"], "scm"))
    if conc and rng.random() < 0.3:
        extra_cols.append((["Cementitious", "(lb/yd³)"], "cement"))
    if plan.material == "asphalt":
        extra_cols += [(["RAP", "(%)"], "rap"), (["Binder"], "binder")]
        if rng.random() < 0.5:
            extra_cols.append((["WMA"], "warm"))
    for h, _ in extra_cols:
        cols.append(Col(h, "R"))
    gwp_head_variants = [["GWP (kg", "CO2e)"], ["GWP", "kg CO2 eq"], ["Global", "Warming", "(kg CO2e)"],
                         ["GWP"], ["TRACI GWP", "kg CO₂e"]]
    gh = rng.choice(gwp_head_variants)
    gwp_start = len(cols)
    for u in units:
        start = len(cols)
        if many_mods:
            for mo in mods:
                cols.append(Col([mo], "R"))
            groups.append((start, len(mods), f"{' '.join(gh)} per {UNIT_SHORT[u]}"))
        else:
            cols.append(Col([*gh, f"per {UNIT_SHORT[u]}"], "R"))
    if groups and gwp_start > 0:
        pass
    meth_cols = [mt for mt in plan.other_methods if rng.random() < 0.6]
    for mt in meth_cols:
        cols.append(Col(["GWP", mt.split(" (")[0].replace(" baseline", ""), f"per {UNIT_SHORT[units[0]]}"], "R"))
    ind_keys = [k for k in ctx.order if k != "GWP"][: rng.randint(0, 4 if not ctx.landscape else 5)]
    if many_mods and len(units) > 1:
        ind_keys = ind_keys[:2]
    for k in ind_keys:
        lab, u = ctx.labels[k]
        cols.append(Col([k if len(lab) > 14 else lab, f"({u})"], "R"))
    bench = conc and rng.random() < 0.3
    if bench:
        cols.append(Col(["Baseline", "GWP", f"per {UNIT_SHORT[units[0]]}"], "R"))
        cols.append(Col(["% vs.", "baseline"], "R"))
    marks: dict[int, str] = {}
    notes: list[str] = []
    if rng.random() < 0.4:
        for i, p in enumerate(ps):
            if p.high_early_strength or p.lightweight or (rng.random() < 0.06):
                marks[i] = "a" if p.high_early_strength else "b" if p.lightweight else "c"
        notes = ["a High-early-strength mix.", "b Lightweight aggregate concrete.", "c Mix batched seasonally."]
    rows = []
    for i, p in enumerate(ps):
        r = [Cell(p.name, sup=marks.get(i, ""))]
        if show_desc:
            r.append(Cell(p.description))
        if conc and plan.strength_where == "column":
            r.append(Cell(p.strength_text))
            if age_col:
                r.append(Cell(str(p.strength_age_days or "-")))
        for _, key in extra_cols:
            r.append(Cell(p.extra[key]))
        for u in units:
            if many_mods:
                r += gwp_cells(p, u, mods, i)
            else:
                r.append(Cell(p.gwp_text[u]["A1-A3"], tag=(i, u)))
        for mt in meth_cols:
            r.append(Cell(p.other_methods[mt][units[0]]["A1-A3"]))
        for k in ind_keys:
            r.append(Cell(p.indicators[units[0]][k]["A1-A3"]))
        if bench:
            base = float(p.extra["bench"]) * (1 if units[0] == "m3" else 0.764555)
            r.append(Cell(f"{base:.0f}"))
            r.append(Cell(f"{(p.gwp_a1a3(units[0]) / base - 1) * 100:+.0f}%"))
        rows.append(r)
    tstyle = TableStyle(kind=rng.choice(["grid", "grid", "banded", "minimal", "booktabs"]),
                        size=rng.choice([6.5, 7, 7.5, 8]), repeat_head=rng.random() < 0.65,
                        head_fill=rng.choice([(217, 217, 217), (198, 224, 180), (189, 215, 238)]),
                        caption_cont=rng.choice(["", "Table 3 (continued)", "Results (cont.)"]))
    y = ctx.page()
    y = ctx.heading(y, rng.choice(["LCA results per mix", "Environmental impacts, cradle-to-gate (A1-A3)",
                                   "Results"]))
    y = ctx.para(y, f"Table 3. Results per declared unit ({', '.join(UNIT_LONG[u] for u in units)}), "
                    f"{m.gwp_method}." + (" Baseline values are regional industry averages, not product results."
                                          if bench else ""))
    y = draw_table(b, ctx.margin, y, ctx.avail, cols, rows, tstyle, ctx.state, ctx.bottom, ctx.page, groups)
    y += 12
    for nt in notes:
        if nt[0] in marks.values():
            y = ctx.para(y, nt, size=7)
    rest = [mt for mt in plan.other_methods if mt not in meth_cols]
    if rest:
        keep = plan.other_methods
        plan.other_methods = rest
        y = methods_tables(ctx, y, ps, TableStyle(kind="minimal", size=7))
        plan.other_methods = keep
    if not plan.modules or "A1-A3" not in plan.modules:
        y = ctx.para(y, "Note: A1-A3 total equals the sum of the A1, A2 and A3 columns.", size=7.5)
    if rng.random() < 0.5:
        _closing(ctx, y)
    return (f"plant table, {len(ps)} {plan.material} products as rows, {'landscape' if ctx.landscape else 'portrait'}"
            f", {tstyle.kind} style, head {'repeated' if tstyle.repeat_head else 'not repeated'}")


# ---------------------------------------------------------------- L3: matrix, products as columns


def layout_matrix(ctx: Ctx) -> str:
    b, rng, plan, m = ctx.b, ctx.rng, ctx.plan, ctx.meta
    ps = plan.products
    ctx.landscape = len(ps) > 5 and rng.random() < 0.6
    ctx.header = f"{m.manufacturer} | EPD {m.registration_number}"
    y = ctx.page(False)
    b.font(18, bold=True)
    b.text(ctx.margin, y + 18, "Environmental Product Declaration")
    b.font(11)
    b.text(ctx.margin, y + 36, f"{m.manufacturer}" + (f" - {m.plant}" if m.plant else ""))
    y += 52
    y = kv_block(ctx, y, meta_items(ctx), rng.choice(["plain", "bold", "colon_right", "upper"]))
    y = verification(ctx, y)
    y = ctx.heading(y, "Products")
    y = ctx.para(y, intro_prose(ctx, None))
    # product list table
    li_cols = [Col(["Product"], "L"), Col(["Description"], "L")]
    li_rows = [[Cell(p.name), Cell(p.description)] for p in ps]
    if plan.material == "concrete" and plan.strength_where == "column":
        su = "MPa" if plan.strength_unit == "MPa" else "psi"
        li_cols += [Col([f"Strength ({su})"], "R"), Col(["Age (days)"], "R")]
        for r, p in zip(li_rows, ps, strict=True):
            r += [Cell(p.strength_text), Cell(str(p.strength_age_days or "-"))]
    if plan.material == "flat_glass":
        li_cols += [Col(["Thickness (mm)"], "R"), Col(["Mass (kg/m²)"], "R")]
        for r, p in zip(li_rows, ps, strict=True):
            r += [Cell(f"{p.thickness_mm:g}"), Cell(f"{p.mass_per_m2:g}")]
    y = draw_table(b, ctx.margin, y, ctx.avail, li_cols, li_rows, TableStyle(kind="minimal", size=7.5), TableState(),
                   ctx.bottom, ctx.page)
    y = ctx.page()
    y = ctx.heading(y, "LCA results")
    rotate = max(len(p.name) for p in ps) > 16 and rng.random() < 0.5
    per = rng.randint(4, 6) if not ctx.landscape else rng.randint(6, 9)
    if rotate:
        per += 3
    tstyle = TableStyle(kind=rng.choice(["grid", "banded", "minimal", "booktabs"]), size=rng.choice([7, 7.5, 8]),
                        head_fill=rng.choice([(220, 220, 220), (210, 230, 245)]))
    mods = plan.modules
    for u in plan.units:
        for c0 in range(0, len(ps), per):
            chunk = ps[c0:c0 + per]
            need = 40 + 14 * (len(ctx.order) + len(mods)) + (60 if rotate else 20)
            y = ctx.ensure(y, need)
            b.font(8.5, bold=True)
            b.text(ctx.margin, y + 9, f"Table {ctx.section + 3}. Impacts per {UNIT_LONG[u]} ({m.gwp_method})"
                   + (f" - products {c0 + 1} to {c0 + len(chunk)}" if len(ps) > per else ""))
            ctx.section += 1
            y += 15
            cols = [Col([rng.choice(["Impact category", "Indicator"])], "L"), Col(["Unit"], "L")]
            cols += [Col([p.name], "R", rotate_head=rotate) for p in chunk]
            rows = []
            for key in ctx.order:
                lab, un = ctx.labels[key]
                if key == "GWP":
                    for mo in mods:
                        row = [Cell(f"{lab} {mo}" if len(mods) > 1 else f"{lab}, {mo}"), Cell(un)]
                        tag_m = "A1-A3" if "A1-A3" in mods else "A1"
                        row += [Cell(p.gwp_text[u][mo], tag=(c0 + j, u) if mo == tag_m else None)
                                for j, p in enumerate(chunk)]
                        rows.append(row)
                else:
                    rows.append([Cell(lab), Cell(un)] + [Cell(p.indicators[u][key]["A1-A3"]) for p in chunk])
            y = draw_table(b, ctx.margin, y, ctx.avail, cols, rows, tstyle, ctx.state, ctx.bottom, ctx.page)
            y += 14
    if plan.other_methods:
        y = methods_tables(ctx, y, ps, tstyle)
    _closing(ctx, y)
    return (f"product matrix, {len(ps)} {plan.material} products as columns in chunks of {per}"
            f"{', rotated heads' if rotate else ''}, {'landscape' if ctx.landscape else 'portrait'}")


# ---------------------------------------------------------------- L4: brochure with sidebar, one table per product


def layout_brochure(ctx: Ctx) -> str:
    b, rng, plan, m = ctx.b, ctx.rng, ctx.plan, ctx.meta
    ps = plan.products
    ctx.header = f"{m.manufacturer}  |  {ps[0].name if len(ps) == 1 else 'Product EPD'}"
    ctx.accent = rng.choice([(0, 94, 84), (150, 30, 40), (30, 60, 140), (90, 90, 90)])
    y = ctx.page()
    # left sidebar with key facts, right two columns of prose
    side_w = 165
    b.fill_rect(ctx.margin - 8, y - 6, side_w + 10, 470, (238, 241, 244))
    b.font(15, bold=True)
    b.color(ctx.accent)
    b.text(ctx.margin, y + 16, "EPD")
    b.color((0, 0, 0))
    items = [(k, v) for k, v in meta_items(ctx, ps[0] if len(ps) == 1 else None) if k]
    yy = y + 30
    for k, v in items[:12]:
        b.font(6.8, bold=True)
        b.text(ctx.margin, yy + 7, k.upper())
        yy += 9
        yy = paragraph(b, ctx.margin, yy + 7, side_w - 8, v, 7.2) + 2
    x0 = ctx.margin + side_w + 14
    colw = (b.width - ctx.margin - x0 - 14) / 2
    b.font(17, bold=True)
    b.color(ctx.accent)
    b.text(x0, y + 16, ps[0].name if len(ps) == 1 else f"{m.manufacturer}")
    b.color((0, 0, 0))
    text = intro_prose(ctx, ps[0] if len(ps) == 1 else None) + " " + (
        "Life cycle assessment followed ISO 14040/14044. Primary data cover twelve consecutive months of production. "
        "Background data come from ecoinvent and US LCI. Allocation between co-products follows the PCR. "
        "Cut-off criteria: flows below 1% of mass and energy may be excluded provided the total excluded is "
        "below 5%. Capital goods and infrastructure are excluded.")
    from .draw import wrap

    b.font(8.2)
    lines = wrap(b, text, colw)
    half = (len(lines) + 1) // 2
    for ci, chunk in enumerate([lines[:half], lines[half:]]):
        for li, ln in enumerate(chunk):
            b.text(x0 + ci * (colw + 14), y + 40 + li * 10.6, ln)
    y = max(y + 480, y + 50 + half * 10.6)
    y = ctx.para(y, m.verification_text, size=7.5)
    tstyle = TableStyle(kind=rng.choice(["banded", "minimal", "grid"]), size=rng.choice([7.5, 8]),
                        head_fill=ctx.accent, head_text=(255, 255, 255))
    side = rng.random() < 0.5
    extra_mods = ["C1", "C2", "C3", "C4", "D"] if rng.random() < 0.25 else []
    y = ctx.page()
    y = ctx.heading(y, "LCA results")
    for i, p in enumerate(ps):
        need = 40 + (len(ctx.order) + 2) * 16 * (1 if side else len(plan.units))
        y = ctx.ensure(y, min(need, ctx.bottom - 70))
        b.font(10, bold=True)
        b.color(ctx.accent)
        b.text(ctx.margin, y + 10, f"{i + 1}.  {p.name}")
        b.color((0, 0, 0))
        y += 14
        b.font(7.5, italic=True)
        b.text(ctx.margin, y + 8, p.description[:110])
        y += 13
        y = product_results_table(ctx, y, p, i, tstyle, side, extra_mods)
    if plan.other_methods:
        y = methods_tables(ctx, y, ps, tstyle)
    if extra_mods:
        y = ctx.para(y, "C1-C4 and D are reported for information; Buy Clean comparisons use A1-A3.", size=7)
    if rng.random() < 0.6:
        _closing(ctx, y)
    return f"brochure with sidebar and two-column prose, one table per product ({len(ps)} {plan.material})"


# ---------------------------------------------------------------- L5: LaTeX-like report


def layout_latex(ctx: Ctx) -> str:
    b, rng, plan, m = ctx.b, ctx.rng, ctx.plan, ctx.meta
    ps = plan.products
    ctx.margin = 72
    ctx.header = ""
    ctx.accent = (0, 0, 0)
    y = ctx.page()
    b.font(17, bold=True, family="serif")
    b.ctext(b.width / 2, y + 30, "Environmental Product Declaration")
    b.font(12, family="serif")
    b.ctext(b.width / 2, y + 50, m.manufacturer)
    if len(ps) == 1:
        b.ctext(b.width / 2, y + 66, ps[0].name)
    b.font(10, italic=True, family="serif")
    b.ctext(b.width / 2, y + 84, f"{m.program_operator}, {m.registration_number}")
    y += 104
    b.font(9, family="serif")
    fam = b.family
    b.family = "serif"
    y = kv_block(ctx, y, meta_items(ctx, ps[0] if len(ps) == 1 else None), "plain", size=9)
    y = ctx.heading(y, "1  Introduction", 11)
    y = ctx.para(y, intro_prose(ctx, ps[0] if len(ps) == 1 else None), size=9.5, justify=True)
    y = ctx.para(y, m.verification_text, size=9.5)
    y = ctx.heading(y, "2  Results", 11)
    tstyle = TableStyle(kind="booktabs", size=8.5, repeat_head=rng.random() < 0.5)
    tno = 1
    per_product = len(ps) <= 3 or rng.random() < 0.4
    if per_product:
        for i, p in enumerate(ps):
            y = ctx.ensure(y, 40 + (len(ctx.order) + 3) * 15)
            b.font(9, family="serif")
            b.ctext(b.width / 2, y + 10, f"Table {tno}: TRACI results per {UNIT_LONG[plan.units[0]]} of {p.name}")
            tno += 1
            y += 18
            y = product_results_table(ctx, y, p, i, tstyle, True)
    else:
        # products as rows, modules as columns, GWP only
        for u in plan.units:
            y = ctx.ensure(y, 80)
            b.font(9, family="serif")
            b.ctext(b.width / 2, y + 10, f"Table {tno}: Global warming potential ({m.gwp_method}), kg CO2 eq "
                                         f"per {UNIT_LONG[u]}")
            tno += 1
            y += 18
            cols = [Col(["Product"], "L")] + [Col([mo], "R") for mo in plan.modules]
            rows = [[Cell(p.name), *gwp_cells(p, u, plan.modules, i)] for i, p in enumerate(ps)]
            y = draw_table(b, ctx.margin, y, ctx.avail, cols, rows, tstyle, ctx.state, ctx.bottom, ctx.page)
            y += 14
        for u in plan.units[:1]:
            b.font(9, family="serif")
            y = ctx.ensure(y, 80)
            b.ctext(b.width / 2, y + 10, f"Table {tno}: Other TRACI indicators, A1-A3, per {UNIT_LONG[u]}")
            y += 18
            keys = [k for k in ctx.order if k != "GWP"][:4]
            cols = [Col(["Product"], "L")] + [Col([ctx.labels[k][0][:18], ctx.labels[k][1]], "R") for k in keys]
            rows = [[Cell(p.name)] + [Cell(p.indicators[u][k]["A1-A3"]) for k in keys] for p in ps]
            y = draw_table(b, ctx.margin, y, ctx.avail, cols, rows, tstyle, TableState(), ctx.bottom, ctx.page)
            y += 14
    if plan.other_methods:
        y = methods_tables(ctx, y, ps, tstyle)
    if rng.random() < 0.5:
        _closing(ctx, y)
    b.family = fam
    return f"LaTeX-like report, serif, booktabs tables ({len(ps)} {plan.material})"


# ---------------------------------------------------------------- L6: web-tool report


def layout_webtool(ctx: Ctx) -> str:
    b, rng, plan, m = ctx.b, ctx.rng, ctx.plan, ctx.meta
    ps = plan.products
    ctx.accent = rng.choice([(16, 112, 96), (40, 90, 200), (220, 110, 20)])
    ctx.header = f"{m.program_operator} | {m.registration_number}"
    y = ctx.page()
    b.fill_rect(ctx.margin, y, ctx.avail, 44, ctx.accent)
    b.color((255, 255, 255))
    b.font(15, bold=True)
    b.text(ctx.margin + 10, y + 20, ps[0].name if len(ps) == 1 else f"{m.manufacturer} - {len(ps)} products")
    b.font(8.5)
    b.text(ctx.margin + 10, y + 36, f"Generated with {m.lca_tool} | {m.program_operator}")
    b.color((0, 0, 0))
    y += 58
    items = meta_items(ctx, ps[0] if len(ps) == 1 else None)
    # cards: two columns of key/value
    half = (len(items) + 1) // 2
    colw = ctx.avail / 2 - 6
    y1 = kv_block(ctx, y, items[:half], "upper", x=ctx.margin, width=colw, size=7.5)
    y2 = kv_block(ctx, y, items[half:], "upper", x=ctx.margin + colw + 12, width=colw, size=7.5)
    y = max(y1, y2)
    y = verification(ctx, y)
    y = ctx.heading(y, "About the product", 11)
    y = ctx.para(y, intro_prose(ctx, ps[0] if len(ps) == 1 else None))
    if rng.random() < 0.5:
        y = scope_section(ctx, y)
    tstyle = TableStyle(kind=rng.choice(["banded", "grid"]), size=7.5, head_fill=ctx.accent, head_text=(255, 255, 255))
    extra_mods = ["C1", "C2", "C3", "C4", "D"] if plan.material != "concrete" and rng.random() < 0.3 else []
    y = ctx.page()
    y = ctx.heading(y, "Environmental impacts", 11)
    for i, p in enumerate(ps):
        y = ctx.ensure(y, 60 + 16 * (len(ctx.order) + 2) * len(plan.units))
        b.font(9.5, bold=True)
        b.text(ctx.margin, y + 10, p.name)
        y += 16
        y = product_results_table(ctx, y, p, i, tstyle, False, extra_mods)
    if plan.other_methods:
        y = methods_tables(ctx, y, ps, tstyle)
    return f"program web-tool report, cards + per-product tables ({len(ps)} {plan.material})"


LAYOUTS: dict[str, Any] = {
    "per_product": lambda c: layout_per_product(c, False),
    "datasheets": lambda c: layout_per_product(c, True),
    "rows": layout_rows,
    "matrix": layout_matrix,
    "brochure": layout_brochure,
    "latex": layout_latex,
    "webtool": layout_webtool,
}
