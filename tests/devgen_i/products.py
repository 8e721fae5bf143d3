"""Products of the five materials, with their printed numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .content import (
    MPA_PSI,
    SHORT_TON,
    YD3,
    NumStyle,
    Product,
    choose_numstyle,
    fmt_number,
    method_factor,
    set_gwp,
    small_sci,
)


@dataclass
class Plan:
    """Choices shared by all products of one document."""

    material: str
    units: list[str]  # the first is the declared unit
    modules: list[str]
    style: NumStyle
    strength_where: str = "none"  # column, name, description, prose, none
    strength_unit: str = "psi"
    name_style: str = ""
    products: list[Product] = field(default_factory=list)
    other_methods: list[str] = field(default_factory=list)


def pick_modules(rng: random.Random, material: str, total_only_ok: bool = True) -> list[str]:
    r = rng.random()
    if material == "asphalt":
        if r < 0.6:
            return ["A1", "A2", "A3"]
        return ["A1", "A2", "A3", "A1-A3"] if r < 0.85 or not total_only_ok else ["A1-A3"]
    if r < 0.12:
        return ["A1", "A2", "A3"]
    if r < 0.55:
        return ["A1", "A2", "A3", "A1-A3"]
    return ["A1-A3"] if total_only_ok else ["A1", "A2", "A3", "A1-A3"]


def pick_units(rng: random.Random, material: str) -> list[str]:
    opts = {
        "concrete": [["m3"], ["yd3"], ["m3", "yd3"], ["m3", "yd3"], ["yd3", "m3"]],
        "steel": [["t"], ["t"], ["t", "short_ton"], ["short_ton", "t"], ["short_ton"]],
        "asphalt": [["short_ton"], ["short_ton"], ["short_ton", "t"], ["t"]],
        "flat_glass": [["t"], ["m2"], ["m2", "t"], ["t", "m2"]],
        "cement": [["t"], ["t"], ["t", "short_ton"], ["short_ton", "t"]],
    }
    return list(rng.choice(opts[material]))


# ---------------------------------------------------------------- concrete

PSI = [2500, 3000, 3000, 3500, 4000, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000, 10000]
MPA = [20, 25, 28, 30, 32, 35, 40, 45, 50]
MPA_US = ["20.7", "24.1", "27.6", "34.5", "41.4"]


def _psi_text(psi: int, rng: random.Random) -> str:
    return rng.choice([f"{psi:,}", f"{psi}"]) if psi >= 1000 else str(psi)


def concrete_product(rng: random.Random, plan: Plan, idx: int, used: set[str]) -> Product:
    kind_r = rng.random()
    kind = ("flowable" if kind_r < 0.05 else "shotcrete" if kind_r < 0.09 else "lw" if kind_r < 0.17
            else "he" if kind_r < 0.27 else "normal")
    mpa_mode = plan.strength_unit == "MPa"
    if mpa_mode:
        mpa_s = str(rng.choice(MPA)) if rng.random() < 0.5 else rng.choice(MPA_US)
        psi_val: float | None = round(float(mpa_s) * MPA_PSI, 1)
        psi_i = int(psi_val)
    else:
        psi_i = rng.choice(PSI)
        psi_val = float(psi_i)
        mpa_s = ""
    if kind == "flowable":
        psi_i = rng.choice([50, 100, 150, 300, 500, 1200])
        psi_val = float(psi_i)
        mpa_s = f"{psi_i / MPA_PSI:.1f}"
        if mpa_mode:
            psi_val = round(float(mpa_s) * MPA_PSI, 1)
    age = 28
    if kind not in ("flowable", "he"):
        age = rng.choices([28, 56, 90], [0.72, 0.18, 0.10])[0]
    scm_kind = rng.choice(["FA", "SL", "FA", "SL", "", "FA/SL"])
    scm = 0 if not scm_kind else rng.choice([10, 15, 20, 25, 30, 35, 40, 50])
    agg = rng.choice(['3/4"', '1"', '3/8"', '1-1/2"', "#57", "#8"])
    place = rng.choice(["PUMP", "STRUCT", "SLAB", "FTG", "PAVING", "WALL", "", ""])
    # GWP per m3
    ref = psi_val if psi_val is not None else 3000.0
    g = (118 + ref * 0.047) * (1 - scm * 0.55 / 100) * rng.uniform(0.9, 1.12)
    if kind == "lw":
        g *= rng.uniform(1.1, 1.3)
    if kind == "he":
        g *= rng.uniform(1.1, 1.25)
    if kind == "flowable":
        g = rng.uniform(141, 195)
    g = min(max(g, 141.0), 555.0)

    strength_word = f"{mpa_s} MPa" if mpa_mode else f"{_psi_text(psi_i, rng)} PSI"
    if rng.random() < 0.4:
        strength_word = strength_word.replace("PSI", "psi")
    kind_word = {"flowable": rng.choice(["FLOWABLE FILL", "CDF", "Flowable Fill"]),
                 "shotcrete": rng.choice(["SHOTCRETE", "Shotcrete"]), "lw": rng.choice(["LW", "LIGHTWEIGHT"]),
                 "he": rng.choice(["HE", "HIGH EARLY"]), "normal": ""}[kind]
    scm_word = f"{scm}% {scm_kind}" if scm else ""
    age_word = "" if age == 28 and rng.random() < 0.5 else rng.choice([f"{age}-day", f"@{age}d", f"{age}D"])

    desc_parts = [strength_word, agg, place, kind_word, scm_word]
    description = " ".join(x for x in desc_parts if x)
    if age_word and plan.strength_where in ("name", "description"):
        description = f"{strength_word} {age_word} " + " ".join(x for x in desc_parts[1:] if x)
    if kind == "flowable" and rng.random() < 0.35 and plan.strength_where != "column":
        description = f"{kind_word} {agg} excavatable"
        psi_val = None
        age = 0

    code = ""
    for _ in range(50):
        cs = plan.name_style
        if cs == "code_k":
            code = f"C{max(psi_i // 1000, 1)}K-{age}" + (f"-{scm_kind[:2]}{scm}" if scm else "")
            code += rng.choice(["", "", "A", "P", "-S"])
        elif cs == "code_num":
            code = f"{rng.randint(1, 9)}{psi_i // 100:02d}{rng.randint(0, 99):02d}{rng.choice('ABCDFHPS')}"
        elif cs == "code_dash":
            code = f"{rng.choice(['RM', 'MX', 'SM', 'P'])}-{psi_i // 100:02d}{scm:02d}-{rng.randint(1, 999):03d}"
        elif cs == "mix_word":
            code = f"Mix {rng.randint(100, 9999)}{rng.choice(['', '', 'A', 'B', 'LF', 'HE'])}"
        else:  # "description" names: the description itself is the name
            code = description
            if code in used:
                code = f"{description} ({rng.choice(['Type IL', 'Type I/II', 'GU', 'AE', 'NA'])}{rng.randint(1, 99)})"
        if code not in used:
            break
    used.add(code)
    p = Product(name=code, material="concrete", description=description, declared_unit=plan.units[0])
    p.strength_psi = psi_val
    p.strength_age_days = age if psi_val is not None else None
    p.strength_unit = "MPa" if mpa_mode else "psi"
    if psi_val is None:
        p.strength_text = "-"
    else:
        p.strength_text = mpa_s if mpa_mode else f"{psi_i:,}" if rng.random() < 0.6 else str(psi_i)
    p.lightweight = kind == "lw"
    p.high_early_strength = kind == "he"
    if kind == "he":
        early = rng.choice([1, 3, 7])
        p.early_strength_text = f"{int(ref * rng.uniform(0.5, 0.75)) // 50 * 50:,} psi at {early} days"
        p.extra["early_age"] = early
    p.extra["scm"] = f"{scm}%" if scm else "0%"
    p.extra["scm_kind"] = scm_kind or "-"
    p.extra["cement"] = f"{int(g * rng.uniform(1.05, 1.3))}"
    p.extra["unit_weight"] = f"{rng.randint(105, 118) if kind == 'lw' else rng.randint(140, 150)}"
    p.extra["bench"] = f"{int(g * rng.uniform(1.05, 1.5))}"
    values = {"m3": g, "yd3": g * YD3}
    set_gwp(p, values, plan.units, plan.style, plan.modules, rng)
    return p


# ---------------------------------------------------------------- steel

STEEL_NAMES = {
    "rebar": ["Reinforcing Bar (Rebar)", "Grade 60 Rebar", "ASTM A615 Deformed Bar", "Concrete Reinforcing Steel"],
    "hot_rolled_section": ["Wide Flange Beams", "Hot-Rolled Structural Sections", "W-Shapes and Channels",
                           "Structural Angles"],
    "plate": ["Discrete Plate", "Hot-Rolled Steel Plate", "Cut-to-Length Plate"],
    "hss": ["Hollow Structural Sections (HSS)", "HSS Round & Rectangular", "ASTM A500 Grade C HSS"],
    "hot_rolled_coil": ["Hot-Rolled Coil", "Hot-Rolled Sheet & Coil", "Pickled & Oiled Coil"],
    "cold_formed": ["Cold-Formed Steel Studs and Track", "Light-Gauge Framing", "Galvanized Steel Framing"],
    "wire": ["Wire Rod", "Welded Wire Reinforcement", "Steel Wire"],
    "other": ["Merchant Bar Quality (MBQ) Rounds", "Special Bar Quality (SBQ) Bar", "Steel Deck"],
}


def steel_product(rng: random.Random, plan: Plan, kind: str, route: str, used: set[str]) -> Product:
    fab = None
    if kind in ("rebar", "hot_rolled_section", "hss", "plate"):
        fab = rng.random() < 0.3
    elif kind == "cold_formed":
        fab = True if rng.random() < 0.3 else None
    base = {"rebar": (480, 880), "hot_rolled_section": (620, 1100), "plate": (780, 1300), "hss": (1350, 2000),
            "hot_rolled_coil": (900, 1500), "cold_formed": (1900, 2700), "wire": (800, 1500), "other": (560, 1200)}
    lo, hi = base[kind]
    g = rng.uniform(lo, hi)
    if route == "integrated":
        g = max(g * rng.uniform(1.6, 2.3), 1800.0)
    if fab:
        g *= rng.uniform(1.08, 1.3)
    g = min(max(g, 482.0), 2890.0)
    for _ in range(20):
        name = rng.choice(STEEL_NAMES[kind])
        if fab is True and rng.random() < 0.6:
            name += rng.choice([", Fabricated", " - Fabricated", " (fabricated)"])
        elif fab is False and rng.random() < 0.3:
            name += rng.choice([", Unfabricated", " (mill product)"])
        if name not in used:
            break
        name = f"{name} {rng.choice(['Grade 50', 'A992', 'Type 2', 'Series B', 'Line 2'])}"
        if name not in used:
            break
    used.add(name)
    route_word = {"eaf": rng.choice(["electric arc furnace (EAF)", "EAF mini-mill", "electric arc furnace"]),
                  "integrated": rng.choice(["basic oxygen furnace (BOF)", "integrated mill (blast furnace / BOF)",
                                            "integrated BF-BOF route"])}[route]
    fab_word = ("fabricated in the shop (fabrication included)" if fab else
                "unfabricated, as shipped from the mill" if fab is False else "")
    desc = f"{name.split(',')[0]} made by the {route_word} route" + (f", {fab_word}" if fab_word else "")
    p = Product(name=name, material="steel", description=desc, declared_unit=plan.units[0])
    p.steel_product = kind
    p.fabricated = fab
    p.route = route
    p.extra["route_word"] = route_word
    p.extra["recycled"] = f"{rng.randint(88, 99) if route == 'eaf' else rng.randint(15, 30)}%"
    set_gwp(p, {"t": g, "short_ton": g * SHORT_TON}, plan.units, plan.style, plan.modules, rng)
    return p


# ---------------------------------------------------------------- asphalt


def asphalt_product(rng: random.Random, plan: Plan, used: set[str]) -> Product:
    nmas = rng.choice(["9.5", "12.5", "19.0", "25.0", "4.75"])
    pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64S-22", "PG 58S-28"])
    rap = rng.choice([0, 10, 15, 20, 25, 30, 35, 40])
    warm = rng.random() < 0.35
    for _ in range(20):
        st = rng.choice(["SP", "HMA", "SMA", "Superpave", "Base", "Surface"])
        if rng.random() < 0.5:
            name = f"{st} {nmas}mm {pg}" + (f" {rap}% RAP" if rap else "") + (" WMA" if warm else "")
        else:
            name = f"Mix {rng.randint(1000, 9999)}-{nmas.replace('.', '')}"
        if name not in used:
            break
    used.add(name)
    desc = (f"{nmas} mm NMAS dense-graded mix, {pg} binder, {rap}% RAP"
            + (", warm-mix additive (foaming)" if warm else ", hot mix"))
    g_st = rng.uniform(40, 122) * (1 - rap * 0.004)
    g_st = max(g_st, 38.5)
    p = Product(name=name, material="asphalt", description=desc, declared_unit=plan.units[0])
    p.extra.update(rap=f"{rap}%", binder=pg, nmas=nmas, warm="Yes" if warm else "No")
    set_gwp(p, {"short_ton": g_st, "t": g_st / SHORT_TON}, plan.units, plan.style, plan.modules, rng)
    return p


# ---------------------------------------------------------------- glass


def glass_product(rng: random.Random, plan: Plan, used: set[str]) -> Product:
    kind = rng.choice(["float", "float", "lowiron", "tinted", "tempered", "laminated", "igu"])
    if "m2" not in plan.units and kind == "igu":
        kind = "float"
    thick = rng.choice([3.0, 4.0, 5.0, 6.0, 8.0, 10.0]) if kind != "laminated" else rng.choice([6.38, 8.38, 10.76])
    per_t = rng.uniform(1195, 1420)
    if kind in ("tempered", "laminated"):
        per_t = rng.uniform(1380, 1600)
    mass = thick * 2.5
    if kind == "igu":
        mass = 2 * 6 * 2.5
        thick = 25.4
        per_m2 = rng.uniform(31, 41.5)
        per_t = per_m2 / mass * 1000
    per_m2 = per_t * mass / 1000
    if per_m2 > 41.5:
        mass = 41.0 / per_t * 1000
        thick = round(mass / 2.5, 1)
        mass = thick * 2.5
        per_m2 = per_t * mass / 1000
    if per_m2 < 8.1:
        thick = 4.0
        mass = 10.0
        per_m2 = per_t * mass / 1000
    names = {"float": ["Clear Float Glass", "Clear Glass", "Float Glass (Clear)"],
             "lowiron": ["Low-Iron Float Glass", "Ultra-Clear Low Iron Glass"],
             "tinted": ["Tinted Float Glass (Gray)", "Bronze Tinted Glass", "Solar Green Float Glass"],
             "tempered": ["Tempered Glass", "Fully Tempered Clear Glass"],
             "laminated": ["Laminated Glass", "Laminated Safety Glass (PVB)"],
             "igu": ['Insulating Glass Unit (IGU) 1"', "Double-Pane IGU, Argon Filled"]}
    th = f"{thick:g} mm"
    for _ in range(20):
        name = rng.choice(names[kind])
        if kind != "igu" and rng.random() < 0.6:
            name = f"{name} {th}"
        if name not in used:
            break
        name = f"{name} {th} ({rng.choice(['Line 1', 'Line 2', 'Type A', 'Series 2'])})"
        if name not in used:
            break
    used.add(name)
    p = Product(name=name, material="flat_glass", description=f"{names[kind][0]}, nominal thickness {th}",
                declared_unit=plan.units[0])
    p.glass_processed = kind in ("tempered", "laminated", "igu")
    p.thickness_mm = thick
    p.mass_per_m2 = round(mass, 2)
    set_gwp(p, {"t": per_t, "m2": per_m2}, plan.units, plan.style, plan.modules, rng)
    return p


# ---------------------------------------------------------------- cement

CEMENTS = [("Type I/II Portland Cement", (900, 1005)), ("Type IL Portland-Limestone Cement", (790, 900)),
           ("Type III Portland Cement", (930, 1008)), ("Type IP(25) Blended Cement", (790, 860)),
           ("Type V Portland Cement", (900, 1000)), ("Type GU Cement", (880, 990)),
           ("Type GUL (Contempra)", (790, 880)), ("Type IL(11)", (800, 900)), ("Type I Portland Cement", (900, 1008))]


def cement_product(rng: random.Random, plan: Plan, used: set[str]) -> Product:
    free = [c for c in CEMENTS if c[0] not in used]
    if free:
        name, (lo, hi) = rng.choice(free)
    else:
        name, (lo, hi) = rng.choice(CEMENTS)
        name = f"{name} ({rng.choice(['bulk', 'bagged', 'Kiln 2', 'low-alkali'])} {len(used)})"
    used.add(name)
    g = rng.uniform(lo, hi)
    p = Product(name=name, material="cement", description=f"{name} per ASTM C150 / C595",
                declared_unit=plan.units[0])
    set_gwp(p, {"t": g, "short_ton": g * SHORT_TON}, plan.units, plan.style, plan.modules, rng)
    return p


# ---------------------------------------------------------------- all


def make_products(rng: random.Random, plan: Plan, n: int) -> list[Product]:
    used: set[str] = set()
    out: list[Product] = []
    if plan.material == "concrete":
        out = [concrete_product(rng, plan, i, used) for i in range(n)]
    elif plan.material == "steel":
        kinds = ["rebar", "hot_rolled_section", "plate", "hss", "hot_rolled_coil", "cold_formed", "wire", "other"]
        route = rng.choice(["eaf", "eaf", "eaf", "integrated"])
        chosen = rng.sample(kinds, min(n, len(kinds)))
        while len(chosen) < n:
            chosen.append(rng.choice(kinds))
        for k in chosen:
            r = route
            if k in ("rebar", "hot_rolled_section"):
                r = "eaf"
            if k == "cold_formed" and rng.random() < 0.5:
                r = "integrated"
            out.append(steel_product(rng, plan, k, r, used))
    elif plan.material == "asphalt":
        out = [asphalt_product(rng, plan, used) for _ in range(n)]
    elif plan.material == "flat_glass":
        out = [glass_product(rng, plan, used) for _ in range(n)]
    else:
        out = [cement_product(rng, plan, used) for _ in range(n)]
    for p in out:
        add_indicators(rng, plan, p)
    return out


def add_indicators(rng: random.Random, plan: Plan, p: Product) -> None:
    """Other indicators (ODP, AP, EP, SFP, energy) and other methods' GWP, in every printed unit."""
    du = plan.units[0]
    base = p.gwp_value[du]["A1-A3"]
    comma = plan.style.comma_decimal
    shares = {"A1": rng.uniform(0.6, 0.9), "A2": rng.uniform(0.02, 0.1)}
    shares["A3"] = 1 - shares["A1"] - shares["A2"]
    factors = {"ODP": base * rng.uniform(1e-8, 6e-8), "AP": base * rng.uniform(0.002, 0.006),
               "EP": base * rng.uniform(1e-4, 6e-4), "SFP": base * rng.uniform(0.03, 0.09),
               "ADPf": base * rng.uniform(0.8, 1.6), "PENRT": base * rng.uniform(5, 9),
               "PERT": base * rng.uniform(0.2, 0.9), "FW": base * rng.uniform(0.002, 0.01)}
    for u in plan.units:
        conv = p.gwp_value[u]["A1-A3"] / base if base else 1.0
        table: dict[str, dict[str, str]] = {}
        for ind, v in factors.items():
            vv = v * conv
            row = {m: small_sci(vv * s, rng, comma) if vv < 1 else fmt_number(vv * s, plan.style)[0]
                   for m, s in shares.items()}
            row["A1-A3"] = small_sci(vv, rng, comma) if vv < 1 else fmt_number(vv, plan.style)[0]
            table[ind] = row
        p.indicators[u] = table
    for meth in plan.other_methods:
        f = method_factor(rng, meth)
        p.other_methods[meth] = {}
        for u in plan.units:
            tot = p.gwp_value[u]["A1-A3"] * f
            parts = {m: fmt_number(p.gwp_value[u][m] * f, plan.style)[0] for m in ("A1", "A2", "A3")}
            parts["A1-A3"] = fmt_number(tot, plan.style)[0]
            p.other_methods[meth][u] = parts


def new_plan(rng: random.Random, material: str, *, modules: list[str] | None = None, units: list[str] | None = None,
             magnitude: float | None = None) -> Plan:
    mag = magnitude if magnitude is not None else {"concrete": 300, "steel": 1200, "asphalt": 70,
                                                    "flat_glass": 1300, "cement": 900}[material]
    return Plan(material=material, units=units or pick_units(rng, material),
                modules=modules or pick_modules(rng, material), style=choose_numstyle(rng, mag))
