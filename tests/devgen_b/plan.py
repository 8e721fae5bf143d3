"""Every choice a document makes, drawn from one seed before anything is drawn: the renderer draws no numbers."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .numbers import DATE_STYLES, US_ONLY_DATES, NumStyle, add_years, format_date
from .pools import (
    CANADA,
    COMPANIES,
    DATABASES,
    INDUSTRY,
    LCA_FIRMS,
    OPERATOR_WEIGHTS,
    OPERATORS,
    PCRS,
    PEOPLE,
    PLACES,
    REFERENCE_POOL,
    SOFTWARE,
    STREETS,
    Operator,
)

YD3 = 0.764555
SHORT_TON = 0.907185
MPA_TO_PSI = 145.0377

CORE = ("A1", "A2", "A3")
TOTAL = "A1-A3"
LATER = ("A4", "A5", "B1-B7", "C1", "C2", "C3", "C4", "D")


def pick(rng: random.Random, weighted: Sequence[tuple[Any, float]]) -> Any:
    total = sum(w for _, w in weighted)
    r = rng.random() * total
    for value, w in weighted:
        r -= w
        if r <= 0:
            return value
    return weighted[-1][0]


@dataclass
class Product:
    name: str
    material: str
    description: str | None
    gwp: float  # TRACI GWP A1-A3 per the first printed unit (the declared unit)
    shares: tuple[float, float, float]
    strength_psi: float | None = None
    strength_age: int | None = None
    strength_text: str | None = None  # as the document prints it: '4000', '32 MPa'
    early_text: str | None = None
    lightweight: bool = False
    high_early: bool = False
    steel_product: str | None = None
    fabricated: bool | None = None
    route: str | None = None
    glass_processed: bool | None = None
    attrs: dict[str, str] = field(default_factory=dict)  # printed extra facts (SCM %, density, RAP %, thickness)
    # method -> indicator -> module -> value per declared unit
    values: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)


@dataclass
class Results:
    layout: str  # ind_rows | modules_rows | products_cols | mix_rows | mix_pages
    show_total: bool
    split: bool  # A1, A2, A3 printed
    units_mode: str  # separate | side_by_side | declared_only
    unit_place: str  # header | column | caption | label
    later_modules: list[str]
    later_values: bool  # later modules carry numbers (else MND)
    module_label: str  # how the total is headed
    split_labels: str  # 'codes' ('A1') or 'named' ('A1 Raw materials')
    indicator_style: str  # 'long' | 'abbr' | 'both'
    head_lines: int
    grid: str  # full | horiz | none | zebra
    font_size: float
    landscape: bool
    repeat_head: bool
    cont_caption: bool
    baseline_col: bool
    mix_columns: list[str]  # extra columns of a mix table
    other_indicators: bool  # ODP, AP, EP ... in the TRACI table
    ef_table: bool
    cml_table: bool
    alt_first: bool  # the EF/CML table before the TRACI one
    resource_table: bool
    footnote_marks: bool
    products_per_table: int
    cover_gwp: bool  # the headline GWP on the cover (one-mix EPDs)
    mnd_text: str  # 'MND' | 'ND' | '-' | 'n/a'
    caption_style: str  # 'Table N.' | 'Table N:' | 'bar' | 'none'
    total_first: bool = False  # the A1-A3 column before A1, A2, A3
    gwp_mark: str = ""  # a footnote mark after the GWP label
    ghg_row: bool = False  # EF tables add a GWP-GHG row (never the compared value)
    contribution: bool = False  # a table of module shares (percent) of GWP


@dataclass
class Plan:
    seed: int
    material: str
    operator: Operator
    cover: str
    epd_type: str
    epd_type_text: str | None  # as printed; None: not printed
    manufacturer: str
    mfr_address: str
    plant: str | None
    plant_address: str | None
    n_plants: int
    registration: str
    reg_label: str
    issued: dt.date
    valid_until: dt.date | None  # what the expected states (derived for 'valid for 5 years')
    validity: str  # until | range | years | years_prose
    date_style: str
    pcr: str
    pcr_note: str | None  # 'PCR valid through ...' (not the EPD's date)
    verified: bool
    verifier: str
    lca_by: str
    software: str
    database: str
    methods: list[str]
    traci_label: str
    products: list[Product]
    units: list[str]  # printed units, first = declared
    unit_words: dict[str, str]
    gwp_unit: str
    page_format: str
    font: str
    unicode: bool
    accent: tuple[int, int, int]
    header: str
    footer: str
    page_of: bool
    two_col: bool
    sections: list[str]
    results: Results
    num: NumStyle
    alt_num: NumStyle  # style of the EF / CML tables
    data_year: int
    references: list[str]
    toc: bool
    declared_text: str
    prose_seed: int
    version_date: dt.date | None = None  # a revision date printed near the validity range (not the issue date)
    verified_on: dt.date | None = None
    lca_report: dt.date | None = None
    plants_list: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)

    def date(self, d: dt.date) -> str:
        return format_date(d, self.date_style)


# --------------------------------------------------------------------------------------------------- products

AGGS = ['3/8"', '1/2"', '3/4"', '1"', '1-1/2"', "#57", "#67", "#8"]


def _mix_name(rng: random.Random, pattern: str, psi: int, seq: int, code: str) -> str:
    if pattern == "psi_seq":
        return f"{psi // 100:02d}{seq:02d}{code}"
    if pattern == "rm":
        return f"RM-{psi}-{seq:03d}"
    if pattern == "plant":
        return f"{code}{seq:04d}"
    if pattern == "m":
        return f"M{seq:04d}"
    if pattern == "dash":
        return f"{psi // 1000}{rng.choice('ABCDEFG')}{seq:02d}-{code}"
    return f"{seq + 100}{psi // 1000}{rng.choice(['PF', 'FA', 'SL', 'NA', 'AE'])}"


def concrete_products(rng: random.Random, n: int, metric: bool, desc_style: str, ages: list[int]) -> list[Product]:
    pattern = rng.choice(["psi_seq", "rm", "plant", "m", "dash", "free"])
    psi_fmt = rng.choice(["{:d}", "{:d}", "{:,d}"])
    code = rng.choice(["PF", "A", "SAC", "TX", "N", "RB", "K"])
    out: list[Product] = []
    names: set[str] = set()
    seq0 = rng.randint(1, 60)
    for i in range(n):
        kind = pick(rng, [("normal", 70), ("he", 8), ("lw", 6), ("scc", 5), ("ff", 4), ("pump", 7)])
        if metric:
            mpa = pick(rng, [(20, 8), (25, 15), (30, 18), (32, 12), (35, 15), (40, 12), (45, 6), (50, 5), (60, 2)])
            psi_val = mpa * MPA_TO_PSI
            psi_nominal = int(round(psi_val, -2))
        else:
            psi_nominal = pick(rng, [(2500, 6), (3000, 18), (3500, 10), (4000, 22), (4500, 12), (5000, 14),
                                     (6000, 9), (7000, 4), (8000, 3), (10000, 2)])
            psi_val = float(psi_nominal)
            mpa = 0
        scm_kind = pick(rng, [("", 25), ("FA", 35), ("SLAG", 25), ("FA/SL", 10), ("SF", 5)])
        scm = 0 if not scm_kind else rng.choice([10, 15, 20, 25, 30, 35, 40, 50])
        agg = rng.choice(AGGS)
        age = 28
        if scm >= 35 and 56 in ages:
            age = 56
        elif scm >= 40 and 90 in ages:
            age = 90
        elif len(ages) == 1:
            age = ages[0]
        early = None
        lw = he = False
        density = None
        if kind == "ff":
            ff_psi = rng.choice([0, 100, 150, 300])
            desc = rng.choice(["FLOWABLE FILL", "CDF", "FLOWABLE FILL EXCAVATABLE"])
            if ff_psi:
                desc += f" {ff_psi} PSI"
            psi_val = float(ff_psi)
            metric_here = False
        else:
            metric_here = metric
            strength = f"{mpa} MPa" if metric else f"{psi_nominal} PSI"
            scm_txt = f" {scm}% {scm_kind}" if scm else ""
            if desc_style == "lower":
                strength = strength.replace("PSI", "psi")
                scm_txt = scm_txt.replace("SLAG", "slag").replace("FA", "fly ash") if scm else ""
            if kind == "he":
                he = True
                e_days = rng.choice([1, 3, 3, 7])
                e_psi = int(round(psi_val * rng.choice([0.5, 0.6, 0.75]), -2))
                early = f"{e_psi} PSI @ {e_days} DAY{'S' if e_days > 1 else ''}"
                desc = f"{strength} HE ({early}){scm_txt}"
            elif kind == "lw":
                lw = True
                density = rng.choice([110, 112, 115, 118, 120])
                desc = f"LW {strength} {density} PCF{scm_txt}"
            elif kind == "scc":
                desc = f"SCC {strength} {rng.choice(AGGS[:3])}{scm_txt}"
            elif kind == "pump":
                desc = f"{strength} {agg} PUMP{scm_txt}"
            else:
                extra = rng.choice(["", "", " AE", " CLASS A", " EXT", " SLAB", " FTG", " WALL"])
                desc = f"{strength} {agg}{extra}{scm_txt}"
            if age != 28:
                desc += f" {age}D"
        if desc_style == "lower":
            desc = desc.replace("PUMP", "pump").replace("FLOWABLE FILL", "Flowable fill")
        # cradle-to-gate GWP per m3
        base = 70 + 0.055 * max(psi_val, 0) if kind != "ff" else rng.uniform(55, 110)
        base *= 1 - 0.85 * scm / 100 * (0.7 if scm_kind == "FA" else 0.95)
        if he:
            base *= 1.22
        if lw:
            base *= 1.18
        if kind == "scc":
            base *= 1.1
        gwp = max(40.0, base * rng.uniform(0.9, 1.12) + 25)
        name = _mix_name(rng, pattern, psi_nominal or 100, seq0 + i * rng.choice([1, 1, 2, 3]), code)
        while name in names:
            name += rng.choice("ABCDEFGH")
        names.add(name)
        cem = int((gwp - 20) * 1.9 / 0.764555 * 0.7)
        p = Product(
            name=name, material="concrete", description=desc, gwp=gwp,
            shares=_shares(rng, (0.87, 0.06, 0.07)),
            strength_psi=round(psi_val, 4) if psi_val else None,
            strength_age=age if psi_val else None,
            strength_text=(f"{mpa}" if metric_here else psi_fmt.format(int(psi_val))) if psi_val else None,
            early_text=early, lightweight=lw, high_early=he,
            attrs={"scm": f"{scm}%" if scm else "0%", "cem": f"{cem}", "wc": f"{rng.choice([0.38, 0.42, 0.45, 0.5])}",
                   "density": f"{density}" if density else f"{rng.choice([144, 145, 147, 148, 150])}",
                   "slump": f'{rng.choice([4, 5, 6, 8])}"'},
        )
        out.append(p)
    return out


def _shares(rng: random.Random, base: tuple[float, float, float]) -> tuple[float, float, float]:
    raw = [max(0.005, b * rng.uniform(0.7, 1.3)) for b in base]
    s = sum(raw)
    return (raw[0] / s, raw[1] / s, raw[2] / s)


STEEL_ITEMS = [
    # name choices, steel_product, usual route, GWP per t (eaf), GWP per t (integrated), fabricated
    (["Reinforcing Bar (Rebar)", "ASTM A615 Grade 60 Rebar", "Concrete Reinforcing Steel", "Rebar"], "rebar",
     "eaf", (600, 950), (1900, 2300)),
    (["Fabricated Reinforcing Bar", "Fabricated Rebar (cut and bent)"], "rebar", "eaf", (700, 1050), (2000, 2400)),
    (["Merchant Bar Quality (MBQ) Steel", "Merchant Bar", "Merchant Bar (angles, flats, rounds)"], "merchant_bar",
     "eaf", (650, 1000), (1900, 2300)),
    (["Wide Flange Beams", "Hot-Rolled Structural Sections", "Structural Shapes (W, S, C, MC, L)",
      "Hot-Rolled Steel Sections"], "hot_rolled", "eaf", (600, 1000), (1900, 2400)),
    (["Fabricated Hot-Rolled Structural Sections", "Fabricated Structural Steel"], "hot_rolled", "eaf", (900, 1250),
     (2100, 2600)),
    (["Hollow Structural Sections (HSS)", "HSS Tubing (ASTM A500)", "Square and Rectangular HSS"], "hss", "eaf",
     (1150, 1700), (2200, 2700)),
    (["Steel Plate", "Discrete Plate", "Hot-Rolled Steel Plate (ASTM A36/A572)"], "plate", "eaf", (800, 1200),
     (1950, 2450)),
    (["Hot-Rolled Sheet", "Hot-Rolled Coil", "Hot-Dip Galvanized Sheet", "Cold-Rolled Coil"], "sheet", "integrated",
     (900, 1400), (2100, 2700)),
    (["Composite Steel Floor Deck", "Steel Roof Deck"], "sheet", "integrated", (1100, 1500), (2300, 2800)),
    (["Cold-Formed Steel Studs and Track", "Cold-Formed Steel Framing"], "cold_formed", "integrated", (1300, 1700),
     (2200, 2700)),
]


def steel_products(rng: random.Random, n: int, route_hint: str) -> list[Product]:
    items = rng.sample(STEEL_ITEMS, min(n, len(STEEL_ITEMS)))
    out = []
    used: set[str] = set()
    for item in items:
        names, product, route, eaf_range, int_range = item
        route = route_hint if route_hint else route
        name = rng.choice(names)
        if name in used:
            continue
        used.add(name)
        fabricated = "Fabricated" in name
        lo, hi = eaf_range if route == "eaf" else int_range
        out.append(Product(name=name, material="steel", description=None, gwp=rng.uniform(lo, hi),
                           shares=_shares(rng, (0.35, 0.05, 0.6) if route == "eaf" else (0.8, 0.04, 0.16)),
                           steel_product=product, fabricated=fabricated, route=route,
                           attrs={"recycled": f"{rng.randint(88, 99) if route == 'eaf' else rng.randint(15, 30)}%"}))
    return out


GLASS_FLOAT = ["Clear Float Glass", "Low-Iron Float Glass", "Tinted Float Glass (Gray)", "Solar Control Tinted Float",
               "Clear Float Glass 6 mm"]
GLASS_PROCESSED = ["Tempered Glass", "Heat-Strengthened Glass", "Laminated Glass", "Low-E Coated Glass",
                   "Insulating Glass Unit (IGU)", "Triple-Pane IGU", "Spandrel Glass"]


def glass_products(rng: random.Random, n: int, processed: bool, per_m2: bool) -> list[Product]:
    pool = GLASS_PROCESSED if processed else GLASS_FLOAT
    out = []
    for name in rng.sample(pool, min(n, len(pool))):
        thick = rng.choice([3, 4, 5, 6, 8, 10, 12])
        if "IGU" in name:
            thick = rng.choice([24, 25, 36])
        mass = round(2.5 * (thick if "IGU" not in name else 12), 1)
        per_t = rng.uniform(1100, 1450) * (1.25 if processed else 1.0)
        gwp = per_t * mass / 1000 if per_m2 else per_t
        out.append(Product(name=name, material="flat_glass", description=None, gwp=gwp,
                           shares=_shares(rng, (0.3, 0.05, 0.65)), glass_processed=processed,
                           attrs={"thickness": f"{thick} mm", "mass": f"{mass} kg/m2"}))
    return out


def asphalt_products(rng: random.Random, n: int) -> list[Product]:
    out = []
    names: set[str] = set()
    for i in range(n):
        size = rng.choice(["9.5", "12.5", "19.0", "25.0", "4.75"])
        pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64S-22", "PG 52-34"])
        rap = rng.choice([0, 10, 15, 20, 25, 30, 35])
        wma = rng.random() < 0.4
        kind = rng.choice(["SP", "SM", "S", "HMA", "BASE", "SMA"])
        name = rng.choice([f"{kind} {size}", f"{kind}-{size}{rng.choice('ABCDE')}", f"Mix {rng.randint(1000, 9999)}",
                           f"{size}mm {kind}"])
        while name in names:
            name += f"-{i}"
        names.add(name)
        desc = f"{size} mm {'Warm Mix' if wma else 'Hot Mix'} Asphalt, {pg}, {rap}% RAP"
        if wma:
            desc += rng.choice([", foaming", ", Evotherm", ", chemical additive"])
        gwp = rng.uniform(48, 85) * (1 - rap / 250) * (0.93 if wma else 1.0)
        out.append(Product(name=name, material="asphalt", description=desc, gwp=gwp,
                           shares=_shares(rng, (0.58, 0.1, 0.32)), attrs={"rap": f"{rap}%", "binder": pg}))
    return out


CEMENTS = [("Type I/II Portland Cement", (880, 990)), ("Type IL Portland-Limestone Cement", (780, 880)),
           ("Type III Portland Cement", (920, 1020)), ("Type V Portland Cement", (870, 960)),
           ("Type IL(10) Portland-Limestone Cement", (800, 890)), ("Masonry Cement Type N", (600, 720)),
           ("Type GU Portland Cement", (880, 960)), ("Type GUL Portland-Limestone Cement", (780, 860))]


def cement_products(rng: random.Random, n: int) -> list[Product]:
    out = []
    for name, (lo, hi) in rng.sample(CEMENTS, n):
        out.append(Product(name=name, material="cement", description=None, gwp=rng.uniform(lo, hi),
                           shares=_shares(rng, (0.12, 0.03, 0.85))))
    return out


# ------------------------------------------------------------------------------------------------ indicators

TRACI = [("gwp", 1.0), ("odp", 2.1e-8), ("ap", 2.4e-3), ("ep", 1.6e-4), ("sfp", 4.2e-2), ("ffd", 1.05)]
EF = [("gwp_total", 1.0), ("gwp_fossil", 1.0), ("gwp_bio", 0.004), ("gwp_luluc", 0.0011), ("odp", 1.9e-8),
      ("ap", 3.1e-3), ("ep_fw", 2.2e-5), ("pocp", 2.6e-3), ("adpf", 7.9)]
CML = [("gwp", 1.0), ("odp", 1.8e-8), ("ap", 2.9e-3), ("ep", 6.1e-4), ("pocp", 1.3e-4), ("adpe", 3.2e-6),
       ("adpf", 7.5)]
RES = [("penrt", 8.1), ("pert", 0.55), ("sm", 0.06), ("fw", 0.0031), ("hwd", 2.1e-5), ("nhwd", 0.031)]


def fill_values(rng: random.Random, p: Product, methods: list[str], later: list[str], later_values: bool) -> None:
    def split(total: float, jitter: float) -> dict[str, float]:
        parts = [s * rng.uniform(1 - jitter, 1 + jitter) for s in p.shares]
        k = total / sum(parts)
        out = {m: v * k for m, v in zip(CORE, parts, strict=True)}
        out[TOTAL] = total
        for m in later:
            if later_values:
                if m == "D":
                    out[m] = -total * rng.uniform(0.05, 0.4) if p.material == "steel" else -total * 0.01
                elif m == "B1-B7":
                    continue
                else:
                    out[m] = total * rng.uniform(0.002, 0.06)
        return out

    g = p.gwp
    if "TRACI" in methods:
        p.values["TRACI"] = {k: split(g * f * rng.uniform(0.7, 1.4) if k != "gwp" else g, 0.0 if k == "gwp" else 0.2)
                             for k, f in TRACI}
    if "EF" in methods:
        total = g * rng.uniform(0.97, 1.05)
        vals = {}
        for k, f in EF:
            if k == "gwp_total":
                vals[k] = split(total, 0.05)
            elif k == "gwp_fossil":
                vals[k] = split(total * rng.uniform(0.985, 0.999), 0.05)
            elif k == "gwp_bio":
                vals[k] = split(total * rng.uniform(-0.004, 0.006), 0.3)
                vals["gwp_ghg"] = split(total * rng.uniform(0.96, 0.995), 0.05)
            else:
                vals[k] = split(g * f * rng.uniform(0.7, 1.4), 0.2)
        p.values["EF"] = vals
    if "CML" in methods:
        p.values["CML"] = {k: split(g * f * (rng.uniform(0.96, 1.04) if k == "gwp" else rng.uniform(0.7, 1.4)), 0.1)
                           for k, f in CML}
    p.values["RES"] = {k: split(g * f * rng.uniform(0.6, 1.5), 0.2) for k, f in RES}


# --------------------------------------------------------------------------------------------------- the plan


def _registration(rng: random.Random, op: Operator, year: int) -> tuple[str, str]:
    label = rng.choice(["Declaration Number", "EPD Number", "EPD Registration Number", "Declaration No.",
                        "EPD ID", "Registration Number"])
    k = op.key
    if k == "nsf":
        reg = f"EPD{rng.randint(10100, 11999)}"
    elif k == "astm":
        reg = rng.choice([f"EPD {rng.randint(150, 899)}", f"ASTM-EPD{rng.randint(200, 999)}"])
    elif k in ("ul", "ule"):
        reg = f"4790{rng.randint(100000, 999999)}.{rng.randint(101, 104)}.1"
    elif k == "scs":
        reg = f"SCS-EPD-{rng.randint(5000, 11999):05d}"
    elif k == "smart":
        reg = f"SmartEPD-{year}-{rng.randint(1, 40):03d}-{rng.randint(1, 9999):04d}"
    elif k == "nrmca":
        reg = rng.choice([f"NRMCA-EPD-{rng.randint(10000, 19999)}", f"NRMCA {year}-{rng.randint(100, 999)}"])
    elif k == "csa":
        reg = f"CSA-EPD-{year}-{rng.randint(1, 999):04d}"
    elif k == "icc":
        reg = f"EPD-{rng.randint(100, 999):04d}"
    elif k == "hub":
        reg = f"HUB-{rng.randint(300, 4999):04d}"
    else:
        reg = f"NAPA-EE-{rng.randint(10000, 99999)}"
    return reg, label


def _font(rng: random.Random) -> tuple[str, bool]:
    font = pick(rng, [("helvetica", 34), ("times", 10), ("dejavu", 30), ("dejavu-cond", 14), ("dejavu-serif", 12)])
    return font, font.startswith("dejavu")


def make_plan(seed: int) -> Plan:
    rng = random.Random(seed * 7919 + 17)
    ch: list[str] = []
    material = pick(rng, [("concrete", 50), ("steel", 18), ("flat_glass", 10), ("asphalt", 12), ("cement", 10)])
    op = OPERATORS[pick(rng, OPERATOR_WEIGHTS[material])]
    covers = ["band", "boxed", "sidebar", "ul_table", "minimal", "hub"] + (["headline"] if material == "concrete"
                                                                         else ["napa"] if material == "asphalt" else [])
    cover = op.cover if rng.random() < 0.7 and op.cover in covers else rng.choice(covers)
    font, uni = _font(rng)
    page_format = "a4" if (op.key == "hub" or rng.random() < 0.12) else "letter"
    issued = dt.date(rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28))
    date_styles = [s for s in DATE_STYLES if op.us or s not in US_ONLY_DATES]
    date_style = rng.choice(date_styles)
    validity = pick(rng, [("until", 40), ("range", 25), ("years", 20), ("years_prose", 10), ("until_minus", 5)])
    if validity == "range" or validity == "until_minus":
        valid_until: dt.date | None = add_years(issued, 5) - dt.timedelta(days=1)
    else:
        valid_until = add_years(issued, 5)
    canada = op.key == "csa" or (op.key == "hub" and rng.random() < 0.3)
    place = rng.choice(CANADA if canada else PLACES)
    street = f"{rng.randint(100, 9800)} {rng.choice(STREETS)}"

    # EPD type, manufacturer and plant
    if material == "concrete":
        epd_type = pick(rng, [("facility_specific", 58), ("product_specific", 22), ("company_average", 10),
                              ("industry_average", 10)])
    elif material == "steel":
        epd_type = pick(rng, [("facility_specific", 45), ("product_specific", 25), ("company_average", 14),
                              ("industry_average", 12), ("product_group_average", 4)])
    else:
        epd_type = pick(rng, [("facility_specific", 50), ("product_specific", 25), ("company_average", 10),
                              ("industry_average", 12), ("product_group_average", 3)])
    if epd_type == "industry_average":
        ind = INDUSTRY[material]
        manufacturer = ind if isinstance(ind, str) else rng.choice(ind)
    else:
        manufacturer = rng.choice(COMPANIES[material])
    town, state, zipc = place
    mfr_address = f"{street}, {town}, {state} {zipc}"
    n_plants = 1
    plant = plant_address = None
    if epd_type in ("facility_specific", "product_specific"):
        if material == "concrete":
            plant = rng.choice([f"{town} Plant", f"Plant {rng.randint(1, 40)} - {town}", f"{town} Ready Mix Plant",
                                f"{rng.choice(STREETS).split()[0]} Street Plant"])
        elif material == "steel":
            plant = rng.choice([f"{town} Mill", f"{town}, {state} Melt Shop", f"{town} Steel Mill"])
        elif material == "flat_glass":
            plant = rng.choice([f"{town} Float Plant", f"{town}, {state} Facility", f"{town} Fabrication Plant"])
        elif material == "asphalt":
            plant = rng.choice([f"{town} Plant", f"Plant {rng.randint(2, 30)} ({town})", f"{town} HMA Facility"])
        else:
            plant = rng.choice([f"{town} Cement Plant", f"{town} Plant", f"{town}, {state} Cement Works"])
        plant_address = f"{rng.randint(100, 9800)} {rng.choice(STREETS)}, {town}, {state} {zipc}"
    elif epd_type == "company_average":
        n_plants = rng.randint(2, 14)
    ch.append(f"{material}/{op.key}/{cover}/{epd_type}")

    # products
    units: list[str]
    metric = False
    if material == "concrete":
        n = pick(rng, [(1, 25), (rng.randint(2, 8), 25), (rng.randint(9, 60), 30), (rng.randint(61, 250), 20)])
        if epd_type == "product_specific":
            n = 1
        metric = canada or rng.random() < 0.12
        ages = pick(rng, [([28], 70), ([28, 56], 20), ([28, 56, 90], 6), ([56], 4)])
        products = concrete_products(rng, n, metric, rng.choice(["upper", "upper", "lower"]), ages)
        declared = "m3" if rng.random() < 0.6 else "yd3"
        units = [declared] + ([("yd3" if declared == "m3" else "m3")] if rng.random() < 0.7 else [])
        if declared == "yd3":
            for p in products:
                p.gwp *= YD3
        ch.append(f"{n} mixes{' MPa' if metric else ''} ages={ages}")
    elif material == "steel":
        route_hint = pick(rng, [("", 70), ("eaf", 20), ("integrated", 10)])
        n = pick(rng, [(1, 50), (2, 25), (3, 15), (4, 10)])
        products = steel_products(rng, n, route_hint)
        declared = "t" if rng.random() < 0.85 else "short_ton"
        units = [declared] + (["short_ton" if declared == "t" else "t"] if rng.random() < 0.3 else [])
        if declared == "short_ton":
            for p in products:
                p.gwp *= SHORT_TON
    elif material == "flat_glass":
        processed = rng.random() < 0.4
        per_m2 = rng.random() < 0.35
        products = glass_products(rng, pick(rng, [(1, 50), (2, 25), (3, 15), (4, 10)]), processed, per_m2)
        units = ["m2"] if per_m2 else ["t"]
    elif material == "asphalt":
        products = asphalt_products(rng, pick(rng, [(1, 35), (rng.randint(2, 5), 40), (rng.randint(6, 14), 25)]))
        declared = "short_ton" if rng.random() < 0.65 else "t"
        units = [declared] + (["t" if declared == "short_ton" else "short_ton"] if rng.random() < 0.2 else [])
        if declared == "t":
            for p in products:
                p.gwp /= SHORT_TON
    else:
        products = cement_products(rng, pick(rng, [(1, 55), (2, 30), (3, 15)]))
        declared = "t" if rng.random() < 0.85 else "short_ton"
        units = [declared] + (["short_ton" if declared == "t" else "t"] if rng.random() < 0.2 else [])
        if declared == "short_ton":
            for p in products:
                p.gwp *= SHORT_TON
    ch.append("units=" + "+".join(units))

    # methods
    methods = pick(rng, [(["TRACI"], 45), (["TRACI", "EF"], 27), (["TRACI", "CML"], 10), (["TRACI", "EF", "CML"], 8),
                         (["EF"], 5 if op.key not in ("nrmca", "napa") else 0), (["TRACI", "EF"], 5)])
    traci_label = rng.choice(["TRACI 2.1", "TRACI 2.1", "TRACI v2.1", "TRACI 2.1 (US EPA)", "TRACI 2.1 V1.05"])

    # results layout
    n = len(products)
    if material == "concrete":
        if n == 1:
            layout = pick(rng, [("ind_rows", 45), ("modules_rows", 20), ("mix_pages", 35)])
        elif n <= 8:
            layout = pick(rng, [("mix_pages", 30), ("products_cols", 25), ("mix_rows", 30), ("ind_rows", 15)])
        elif n <= 14:
            layout = pick(rng, [("mix_rows", 80), ("mix_pages", 20)])
        else:
            layout = "mix_rows"
    elif material == "asphalt":
        layout = pick(rng, [("ind_rows", 55), ("mix_rows", 30 if n > 1 else 0), ("products_cols", 15 if n > 1 else 0),
                            ("modules_rows", 10)])
    else:
        layout = pick(rng, [("ind_rows", 40), ("products_cols", 30 if n > 1 else 0), ("modules_rows", 20),
                            ("mix_rows", 10 if n > 1 else 0)])
    if material == "asphalt":
        show_total = rng.random() < 0.35
    else:
        show_total = rng.random() < (0.85 if material == "concrete" else 0.92)
    if layout in ("products_cols",):
        show_total = True
    split = (not show_total) or rng.random() < 0.55
    if layout == "mix_rows" and show_total and material != "asphalt":
        split = rng.random() < 0.15
    later: list[str] = []
    later_values = False
    if material in ("steel", "flat_glass", "cement") and layout in ("ind_rows", "modules_rows") and rng.random() < 0.35:
        later = rng.choice([list(LATER), ["C1", "C2", "C3", "C4", "D"], ["A4", "A5", "C1", "C2", "C3", "C4", "D"]])
        later_values = rng.random() < 0.6
    elif layout == "ind_rows" and rng.random() < 0.15:
        later = ["A4", "A5"]
    units_mode = "declared_only" if len(units) == 1 else pick(rng, [("separate", 45), ("side_by_side", 40),
                                                                   ("declared_only", 15)])
    if layout == "mix_rows" and len(units) > 1:
        units_mode = "side_by_side" if rng.random() < 0.8 else "separate"
    if layout == "products_cols" and units_mode == "side_by_side":
        units_mode = "separate"
    if units_mode == "declared_only":
        units = units[:1]
    mix_columns = []
    if layout == "mix_rows":
        if material == "concrete":
            mix_columns = [c for c, pr in [("desc", 0.85), ("strength", 0.8), ("age", 0.25), ("scm", 0.4),
                                           ("cem", 0.2), ("wc", 0.1), ("density", 0.15)] if rng.random() < pr]
            if "desc" not in mix_columns:  # the strength (and its age) must then be stated in columns
                mix_columns = ["strength", "age", *[c for c in mix_columns if c not in ("strength", "age")]]
        elif material == "asphalt":
            mix_columns = [c for c, pr in [("desc", 0.8), ("rap", 0.6), ("binder", 0.3)] if rng.random() < pr]
    wide = len(mix_columns) + (2 if len(units) > 1 else 1) * (4 if split else 1)
    other_ind = rng.random() < (0.45 if layout == "mix_rows" else 0.85)
    res = Results(
        layout=layout, show_total=show_total, split=split, units_mode=units_mode,
        unit_place=rng.choice(["header", "column", "caption", "label"]),
        later_modules=later, later_values=later_values,
        module_label=rng.choice(["A1-A3", "A1-A3", "A1–A3", "Total A1-A3", "A1 to A3", "Product Stage (A1-A3)",
                                 "Cradle-to-gate", "A1A2A3", "Sum A1-A3"]),
        split_labels=rng.choice(["codes", "codes", "named"]),
        indicator_style=rng.choice(["long", "abbr", "both"]),
        head_lines=rng.choice([1, 2, 2, 3]),
        grid=rng.choice(["full", "horiz", "none", "zebra"]),
        font_size=rng.choice([6.5, 7.0, 7.5, 8.0, 8.5]),
        landscape=(layout == "mix_rows" and (wide + other_ind * 4 > 9 or rng.random() < 0.3)) or
        (layout == "ind_rows" and len(later) > 5 and rng.random() < 0.5),
        repeat_head=rng.random() < 0.6,
        cont_caption=rng.random() < 0.5,
        baseline_col=layout == "mix_rows" and material == "concrete" and rng.random() < 0.3,
        mix_columns=mix_columns,
        other_indicators=other_ind,
        ef_table="EF" in methods and "TRACI" in methods,
        cml_table="CML" in methods,
        alt_first=rng.random() < 0.3,
        resource_table=rng.random() < 0.6,
        footnote_marks=rng.random() < 0.4,
        products_per_table=rng.choice([3, 4, 5, 6]),
        cover_gwp=(n == 1 and material == "concrete" and rng.random() < 0.5) or (n == 1 and rng.random() < 0.1),
        mnd_text=rng.choice(["MND", "MND", "ND", "-", "n/a"]),
        caption_style=rng.choice(["Table N.", "Table N:", "bar", "none", "Table N -"]),
        total_first=rng.random() < 0.2,
        gwp_mark=pick(rng, [("", 70), ("*", 12), ("1", 8), (" (a)", 10)]),
        ghg_row=rng.random() < 0.4,
        contribution=rng.random() < 0.3,
    )
    for p in products:
        fill_values(rng, p, methods, later, later_values)

    # numbers
    kind = pick(rng, [("fixed", 20), ("fixed_thousands", 16), ("sig3", 14), ("sig4", 6), ("sci", 22),
                      ("sci_comma", 6), ("x10", 8), ("comma_fixed", 4)])
    num = NumStyle(kind=kind, mantissa=rng.choice([2, 2, 3]), exp_form=rng.choice(["E+02", "E+02", "E+2", "e+02"]),
                   x10_mode=rng.choice(["raised", "unicode", "caret"] if uni else ["raised", "caret"]),
                   small=rng.choice(["sci", "decimals"]))
    alt_num = num if rng.random() < 0.6 else NumStyle(kind=rng.choice(["sci", "fixed", "sig3"]), mantissa=2)
    ch.append(f"num={num.label()} alt={alt_num.label()}")

    # words
    m3w = rng.choice(["m³", "m3", "cubic meter", "m3"])
    yd3w = rng.choice(["yd³", "yd3", "cubic yard", "CY"])
    unit_words = {"m3": m3w, "yd3": yd3w, "t": rng.choice(["metric ton", "t", "tonne", "1,000 kg", "MT"]),
                  "short_ton": rng.choice(["short ton", "short ton (2,000 lb)", "ton", "US ton"]), "m2": "m²"}
    gwp_unit = rng.choice(["kg CO₂e", "kg CO₂ eq", "kg CO2e", "kg CO2 eq", "kg CO2-eq.", "kgCO2e", "kg CO2 eq."] if uni
                          else ["kg CO2e", "kg CO2 eq", "kg CO2-eq.", "kgCO2e", "kg CO2 eq."])
    declared_text = _declared_text(rng, material, units[0], unit_words, products)

    # PCR
    if material == "flat_glass" and products[0].glass_processed:
        pcr = rng.choice(PCRS["processed_glass"])
    elif material == "concrete" and rng.random() < 0.08:
        pcr = rng.choice(PCRS["concrete_old"])
    else:
        pcr = rng.choice(PCRS[material])
    pcr_note = None
    if rng.random() < 0.45:
        pcr_note = rng.choice(["PCR valid through {d}", "PCR expiration: {d}", "(valid until {d})",
                               "PCR review completed {d}"])
    epd_type_text = _epd_type_text(rng, epd_type, n_plants)
    sections = ["cover"]
    if cover not in ("ul_table",) or rng.random() < 0.4:
        sections.append("general")
    body = ["company", "product", "scope"]
    if rng.random() < 0.3:
        body = ["product", "company", "scope"]
    sections += body
    sections.append("results")
    if rng.random() < 0.7:
        sections.append("interpretation")
    if rng.random() < 0.5:
        sections.append("additional")
    sections.append("references")
    header = rng.choice(["title_right", "reg_right", "band", "none", "logo_left", "two_line"])
    footer = rng.choice(["page_of", "page_num", "copyright", "reg_page", "web_page", "none_cover", "dates"])
    plan = Plan(
        seed=seed, material=material, operator=op, cover=cover, epd_type=epd_type, epd_type_text=epd_type_text,
        manufacturer=manufacturer, mfr_address=mfr_address, plant=plant, plant_address=plant_address,
        n_plants=n_plants, registration="", reg_label="", issued=issued, valid_until=valid_until, validity=validity,
        date_style=date_style, pcr=pcr, pcr_note=pcr_note, verified=rng.random() < 0.95,
        verifier=rng.choice(PEOPLE), lca_by=rng.choice(LCA_FIRMS), software=rng.choice(SOFTWARE),
        database=rng.choice(DATABASES), methods=methods, traci_label=traci_label, products=products, units=units,
        unit_words=unit_words, gwp_unit=gwp_unit, page_format=page_format, font=font, unicode=uni,
        accent=op.color if rng.random() < 0.8 else rng.choice([(40, 40, 40), (120, 20, 30), (10, 90, 140)]),
        header=header, footer=footer, page_of=rng.random() < 0.5, two_col=rng.random() < 0.35, sections=sections,
        results=res, num=num, alt_num=alt_num, data_year=min(issued.year - 1, rng.randint(issued.year - 3,
                                                                                          issued.year - 1)),
        references=_references(rng, material), toc=rng.random() < 0.3,
        declared_text=declared_text, prose_seed=rng.randint(0, 10**9),
    )
    plan.registration, plan.reg_label = _registration(rng, op, issued.year)
    if validity == "range" and rng.random() < 0.5:
        plan.version_date = issued + dt.timedelta(days=rng.randint(10, 400))
    if rng.random() < 0.5:
        plan.verified_on = issued - dt.timedelta(days=rng.randint(3, 40))
    if rng.random() < 0.4:
        plan.lca_report = issued - dt.timedelta(days=rng.randint(30, 200))
    if epd_type == "company_average":
        pool = CANADA if canada else PLACES
        places = rng.sample(pool, min(n_plants, len(pool), 8))
        plan.plants_list = [f"{t}, {st}" for t, st, _ in places]
    if pcr_note:
        plan.pcr_note = pcr_note.format(d=plan.date(dt.date(rng.randint(2024, 2029), rng.randint(1, 12), 28)))
    ch.append(f"layout={layout} total={show_total} split={split} units_mode={units_mode} "
              f"unit_place={res.unit_place} later={len(later)} grid={res.grid} landscape={res.landscape} "
              f"repeat_head={res.repeat_head} methods={'+'.join(methods)} date={date_style} validity={validity} "
              f"font={font} header={header} footer={footer} two_col={plan.two_col} toc={plan.toc}")
    if not show_total:
        ch.append("no A1-A3 total printed: gwp_a1a3 = A1+A2+A3 as printed")
    if validity in ("years", "years_prose"):
        ch.append("valid_until derived: issue + 5 years")
    if "TRACI" not in methods:
        ch.append("EF 3.1 only: gwp = GWP-total")
    plan.choices = ch
    return plan


def _declared_text(rng: random.Random, material: str, unit: str, words: dict[str, str],
                   products: list[Product]) -> str:
    if material == "concrete":
        if unit == "m3":
            return rng.choice(["1 m³ of ready mixed concrete", "One cubic meter (1 m³) of ready-mixed concrete",
                               "1 cubic meter of concrete"])
        return rng.choice(["1 yd³ of ready mixed concrete", "One cubic yard (1 yd³) of ready-mixed concrete",
                           "1 cubic yard of concrete"])
    if unit == "m2":
        p = products[0]
        return f"1 m² of glass, {p.attrs['thickness']} nominal thickness ({p.attrs['mass']})"
    if unit == "short_ton":
        what = {"steel": "steel product", "asphalt": "asphalt mixture", "cement": "cement"}.get(material, "product")
        return rng.choice([f"1 short ton (2,000 lb) of {what}", f"One short ton of {what}",
                           f"1 ton (2000 lbs) of {what}"])
    what = {"steel": "fabricated or unfabricated steel", "flat_glass": "flat glass", "asphalt": "asphalt mixture",
            "cement": "cement"}[material]
    return rng.choice([f"1 metric ton (1,000 kg) of {what}", f"1 tonne of {what}", f"One metric ton of {what}"])


def _epd_type_text(rng: random.Random, epd_type: str, n_plants: int) -> str | None:
    if rng.random() < 0.12:
        return None
    options = {
        "product_specific": ["Product-specific", "Product specific", "Product-Specific Type III EPD",
                             "Specific (one product, one plant)"],
        "facility_specific": ["Plant-specific", "Facility-specific", "Product-specific, facility-specific",
                              "Plant specific (one plant)"],
        "company_average": [f"Company average ({n_plants} plants)", f"Manufacturer average of {n_plants} facilities",
                            "Company-wide average"],
        "industry_average": ["Industry-wide", "Industry average", "Industry-wide (sector) EPD", "Sector EPD"],
        "product_group_average": ["Product group average", "Average of a product group"],
    }
    return rng.choice(options[epd_type])


OFF_TOPIC = {
    "concrete": ("A615", "A992", "C1036", "AASHTO", "Portland Cement.", "C595"),
    "steel": ("ACI 318", "C94", "C1036", "AASHTO", "C150", "C595", "Concrete, Version", "NRMCA"),
    "flat_glass": ("ACI 318", "C94", "A615", "A992", "AASHTO", "C150", "C595", "Concrete", "NRMCA"),
    "asphalt": ("ACI 318", "C94", "A615", "A992", "C1036", "C150", "C595", "Concrete, Version", "NRMCA"),
    "cement": ("A615", "A992", "C1036", "AASHTO", "NRMCA"),
}


def _references(rng: random.Random, material: str) -> list[str]:
    """A references list: standards and other PCRs of the field (with their own dates), never the EPD's own."""
    pool = [r for r in REFERENCE_POOL if not any(word in r for word in OFF_TOPIC[material])]
    return rng.sample(pool, min(len(pool), rng.randint(5, 10)))
