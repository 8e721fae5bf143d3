"""Random choice of what an EPD declares: metadata and products with their GWP values, already formatted."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from tests.devgen_c import vocab as V

YD3 = 0.764555
SHORT = 0.907185
MPA = 145.038


@dataclass
class Prod:
    name: str
    material: str
    declared_unit: str
    units: list[str]  # units printed, declared unit first
    base: dict[str, dict[str, float]]  # unit -> module (A1, A2, A3, T) -> true value
    strength_psi: float | None = None
    strength_print: str | None = None  # how the strength is printed in a column / on the cover
    strength_age: int | None = None
    early: str | None = None  # e.g. "3,000 psi at 3 days"
    lightweight: bool = False
    high_early: bool = False
    steel_product: str | None = None
    fabricated: bool | None = None
    route: str | None = None
    glass_processed: bool | None = None
    description: str | None = None
    extra: dict[str, str] = field(default_factory=dict)  # other printed columns (cement kg, SCM %, ...)
    strings: dict[str, dict[str, str]] = field(default_factory=dict)  # unit -> module -> printed string
    alt: dict[str, dict[str, str]] = field(default_factory=dict)  # other-method (EF/CML) strings, unit -> module
    page: int | None = None


@dataclass
class Spec:
    material: str
    operator: str
    operator_key: str
    operator_address: str
    reg: str
    manufacturer: str
    man_address: str
    plant: str | None
    plant_address: str | None
    issued: dt.date
    valid_until: dt.date
    validity_mode: str  # "until", "range", "period"
    date_style: str
    epd_type: str
    epd_type_label: str
    pcr: str
    verified: bool
    traci: str
    alt_method: str | None  # "EF 3.1", "EF 3.0", "CML-IA" or None
    products: list[Prod]
    show_split: bool
    show_total: bool
    num_style: str
    choices: list[str] = field(default_factory=list)
    decoys: dict[str, Any] = field(default_factory=dict)


OPERATORS: dict[str, tuple[str, str]] = {
    "nsf": ("NSF International", "789 N. Dixboro Road, Ann Arbor, MI 48105"),
    "astm": ("ASTM International", "100 Barr Harbor Drive, West Conshohocken, PA 19428"),
    "ul": ("UL Environment", "333 Pfingsten Road, Northbrook, IL 60062"),
    "uls": ("UL Solutions", "333 Pfingsten Rd, Northbrook IL, 60062"),
    "scs": ("SCS Global Services", "2000 Powell Street, Ste. 600, Emeryville, CA 94608"),
    "smart": ("Smart EPD", "8 The Green, Ste. A, Dover, DE 19901"),
    "nrmca": ("National Ready Mixed Concrete Association (NRMCA)", "66 Canal Center Plaza, Suite 250, Alexandria, VA"
              " 22314"),
    "csa": ("CSA Group", "178 Rexdale Blvd., Toronto, ON M9W 1R3"),
    "icc": ("ICC Evaluation Service, LLC (ICC-ES)", "3060 Saturn Street, Suite 100, Brea, CA 92821"),
    "napa": ("National Asphalt Pavement Association", "6406 Ivy Lane, Suite 350, Greenbelt, MD 20770"),
}

MAT_OPS = {
    "concrete": ["nsf"] * 4 + ["astm", "astm", "nrmca", "nrmca", "csa", "smart", "ul", "icc", "scs"],
    "steel": ["scs", "scs", "ul", "uls", "astm", "smart", "nsf"],
    "asphalt": ["napa", "napa", "napa", "scs", "smart"],
    "flat_glass": ["ul", "uls", "nsf", "scs", "astm"],
    "cement": ["astm", "nsf", "csa", "scs"],
}

PCRS = {
    "concrete": [
        "NSF PCR for Concrete, Version 2.1 (August 2021)",
        "PCR for Concrete, NSF International, v2.1, August 2021",
        "NSF/ANSI PCR for Concrete v2.1 (2021)",
        "Product Category Rules for Concrete, NSF International, Version 3.0 (2025)",
        "ISO 21930:2017 and NSF PCR for Concrete v2.1, 08/2021",
    ],
    "steel": [
        "PCR Guidance for Building-Related Products and Services Part B: Designated Steel Construction Product EPD"
        " Requirements, UL Environment, Version 2.0 (2020)",
        "SCS Global Services PCR for Steel Construction Products, v1.0 (2021)",
        "Part B: Designated Steel Construction Product EPD Requirements, UL 10010-34, v2.0",
    ],
    "asphalt": [
        "NAPA Product Category Rules for Asphalt Mixtures, Version 2.0 (2022)",
        "PCR for Asphalt Mixtures v2.0, National Asphalt Pavement Association, 2022",
    ],
    "flat_glass": [
        "Product Category Rules for Flat Glass: UN CPC 3711, NSF International, v1.0 (2020)",
        "PCR for Flat Glass (UN CPC 3711), Version 1.0, December 2020",
    ],
    "cement": [
        "PCR for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic (Stucco) Cements, NSF International,"
        " Version 3.2 (2021)",
        "NSF PCR for Cement (UN CPC 3744), v3.2, September 2021",
    ],
}

EPD_TYPE_LABELS = {
    "product_specific": ["Product-specific", "Product specific", "Product-Specific Type III EPD"],
    "facility_specific": ["Facility-specific", "Plant-specific", "Facility specific (single plant)"],
    "company_average": ["Company average", "Company-wide average of 3 facilities", "Manufacturer average"],
    "industry_average": ["Industry-wide", "Industry average", "Industry-wide (sector) EPD"],
    "product_group_average": ["Product group average", "Average of a product group"],
}


def _reg(rng: random.Random, key: str, year: int) -> str:
    r = rng.randint
    if key == "nsf":
        return f"EPD{r(10100, 12999)}"
    if key == "astm":
        return rng.choice([f"EPD {r(100, 899)}", f"ASTM-EPD{r(1000, 1999)}"])
    if key in ("ul", "uls"):
        return f"{r(4780000000, 4799999999)}.{r(101, 140)}.{r(1, 3)}"
    if key == "scs":
        return f"SCS-EPD-{r(4000, 11999):05d}"
    if key == "smart":
        return f"SMART-{year}-{r(10, 99):03d}-{r(1, 9999):04d}"
    if key == "nrmca":
        return f"NRMCA-{r(10, 99)}-{r(1000, 9999)}"
    if key == "csa":
        return f"EPD {r(1000, 9999)}-{r(1000, 9999)}"
    if key == "icc":
        return f"EPD-{r(100, 999):04d}"
    if key == "napa":
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        code = "".join(rng.choice(letters + "23456789") for _ in range(6))
        return f"EEL-{year % 100:02d}{code}"
    raise ValueError(key)


def _addr(rng: random.Random, canada: bool = False) -> str:
    town, st, zc = rng.choice(V.CA_TOWNS if canada else V.TOWNS)
    return f"{rng.randint(100, 9899)} {rng.choice(V.STREETS)}, {town}, {st} {zc}"


def _split(rng: random.Random, total: float, a1: tuple[float, float], a2: tuple[float, float]) -> dict[str, float]:
    f1 = rng.uniform(*a1)
    f2 = rng.uniform(*a2)
    f3 = max(0.01, 1 - f1 - f2)
    s = f1 + f2 + f3
    return {"A1": total * f1 / s, "A2": total * f2 / s, "A3": total * f3 / s, "T": total}


def _scaled(mods: dict[str, float], k: float) -> dict[str, float]:
    return {m: v * k for m, v in mods.items()}


# ------------------------------------------------------------------------------------------------------ concrete
AGG = ['3/4"', '1"', '3/8"', '1-1/2"', "#57", "#67", "#8"]
USE = ["PUMP", "SLAB", "WALL", "FOOTING", "PAVING", "STRUCTURAL", "EXTERIOR", "GROUT"]


def _concrete_products(rng: random.Random, n: int, mpa: bool, choices: list[str]) -> list[Prod]:
    scheme = rng.choice(["dash", "code", "mix7", "plant", "psiname", "dash", "code"])
    if mpa and scheme in ("psiname",):
        scheme = "code"
    choices.append(f"mixnames={scheme}")
    age56 = rng.random() < 0.25
    out: list[Prod] = []
    used: set[str] = set()
    plant_code = rng.choice(["RV", "ES", "N", "P12", "HB", "WG", "SQ", ""])
    psis = [2500, 3000, 3000, 3500, 4000, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000]
    mpas = [20, 25, 25, 30, 30, 32, 35, 35, 40, 45, 50]
    lw_allowed = rng.random() < 0.4
    he_allowed = rng.random() < 0.4
    fill_allowed = rng.random() < 0.3
    for _i in range(n):
        kind = "normal"
        roll = rng.random()
        if fill_allowed and roll < 0.05:
            kind = "fill"
        elif lw_allowed and roll < 0.14:
            kind = "lw"
        elif he_allowed and roll < 0.24:
            kind = "he"
        elif roll < 0.3:
            kind = "scc"
        if mpa:
            m = rng.choice(mpas)
            psi_val = m * MPA
            strength_txt = f"{m} MPa"
        else:
            psi = rng.choice(psis)
            psi_val = float(psi)
            m = None
            strength_txt = f"{psi} psi"
        age = 28
        if age56 and rng.random() < 0.5 and kind != "fill":
            age = rng.choice([56, 56, 90])
        scm_kind = rng.choice(["FA", "SL", "FA", "SL", "", "SF", "LS"])
        scm_pct = rng.choice([0, 10, 15, 20, 25, 30, 35, 40, 50]) if scm_kind else 0
        agg = rng.choice(AGG)
        use = rng.choice(USE)
        strength: float | None = psi_val
        # GWP per m3: grows with strength, falls with SCM
        psi_eff = psi_val
        base = 95 + psi_eff * 0.048 + rng.uniform(-25, 35)
        base *= 1 - scm_pct / 100 * rng.uniform(0.5, 0.8)
        if kind == "lw":
            base *= rng.uniform(1.1, 1.3)
        if kind == "he":
            base *= rng.uniform(1.1, 1.25)
        if kind == "fill":
            base = rng.uniform(75, 140)
        base = max(base, 70 if kind == "fill" else 150)
        base = min(base, 640)
        # name and description
        psi_int = round(psi_val)
        if kind == "fill":
            desc = rng.choice(["FLOWABLE FILL", "CDF 100 PSI", "Flowable fill, excavatable", "CLSM FLOWABLE FILL"])
        else:
            parts = []
            if kind == "lw":
                parts.append("LW")
            if kind == "he":
                parts.append("HE")
            if kind == "scc":
                parts.append("SCC")
            parts.append(f"{m} MPa" if m is not None else f"{psi_int} PSI")
            if rng.random() < 0.7:
                parts.append(agg)
            if rng.random() < 0.6:
                parts.append(use)
            if scm_pct:
                parts.append(f"{scm_pct}% {scm_kind}")
            if rng.random() < 0.3:
                parts.append("AIR")
            if age != 28:
                parts.append(f"{age}-DAY")
            desc = " ".join(parts)
            if rng.random() < 0.3:
                desc = desc.title().replace("Psi", "psi").replace("Mpa", "MPa")
                for tok in ("LW", "HE", "SCC", "AIR"):
                    desc = desc.replace(tok.title() + " ", tok + " ")
        for _ in range(50):
            k = psi_int // 1000 if m is None else m
            if scheme == "dash":
                tag = rng.choice(["AE", "NA", "PF", "SL", "FA", "HE" if kind == "he" else "NA",
                                  "LW" if kind == "lw" else "AE"])
                name = f"{psi_int if m is None else m}-{tag}-{age}"
                name += rng.choice("ABCD") if rng.random() < 0.3 else ""
            elif scheme == "code":
                name = f"{k}{rng.choice('ABCDEFGHKMRT')}{rng.randint(10, 99)}{rng.choice(['', 'F', 'S', 'P', 'W'])}"
            elif scheme == "mix7":
                name = f"Mix {k}{rng.randint(0, 99999):05d}"
            elif scheme == "plant":
                name = f"{plant_code}{k:02d}{rng.randint(0, 999):03d}"
            else:
                name = desc if kind != "fill" else f"{desc} {rng.randint(1, 9)}"
            if name not in used:
                break
        used.add(name)
        if kind == "fill":
            strength = None
            strength_txt = None
        p = Prod(
            name=name,
            material="concrete",
            declared_unit="m3",
            units=["m3"],
            base={"m3": {}},
            strength_psi=round(strength, 3) if strength is not None else None,
            strength_print=strength_txt,
            strength_age=age if strength is not None else None,
            lightweight=kind == "lw",
            high_early=kind == "he",
            description=desc,
        )
        p.base["m3"] = _split(rng, base, (0.82, 0.92), (0.03, 0.07))
        if kind == "he":
            early_psi = rng.choice([2000, 2500, 3000, 3500])
            p.early = f"{early_psi:,} psi at {rng.choice([1, 3, 7])} day" if rng.random() < 0.5 else \
                f"{rng.choice([1, 3, 7])}-day {early_psi} psi"
        cement = base * rng.uniform(0.95, 1.25)
        p.extra["cement"] = f"{cement:.0f}"
        p.extra["scm"] = f"{scm_pct}%"
        p.extra["wc"] = f"{rng.uniform(0.38, 0.6):.2f}"
        p.extra["slump"] = f"{rng.choice([4, 5, 6, 8, 10])}"
        p.extra["baseline"] = f"{base * rng.uniform(1.05, 1.45):.0f}"
        out.append(p)
    return out


# ------------------------------------------------------------------------------------------------------ steel
STEEL_KINDS = {
    "rebar": (["Reinforcing Bar", "Rebar (ASTM A615/A706)", "Deformed Steel Rebar #3-#18", "Concrete Reinforcing Bar"],
              "eaf", (640, 980)),
    "hot_rolled": (["Hot-rolled sections", "Wide-Flange Beams", "Structural Sections (W, S, C, MC, L)",
                    "Heavy Structural Shapes"], "eaf", (700, 1150)),
    "hss": (["Hollow Structural Sections (HSS)", "HSS ASTM A500 Grade C", "Square and Rectangular HSS"], "eaf",
            (1300, 1720)),
    "plate": (["Discrete Plate", "Hot-Rolled Steel Plate", "Cut-to-Length Plate", "Steel Plate ASTM A572 Gr. 50"],
              "eaf", (820, 1300)),
    "merchant_bar": (["Merchant Bar Quality (MBQ)", "Merchant Bar (flats, rounds, angles)",
                      "Special Bar Quality (SBQ)"],
                     "eaf", (700, 1050)),
    "cold_formed": (["Cold-Formed Steel Studs and Track", "CFS Framing, galvanized", "Light-Gauge Steel Framing"],
                    "integrated", (2050, 2800)),
    "sheet": (["Hot-Rolled Sheet Coil", "Galvanized Sheet", "Cold-Rolled Sheet"], "integrated", (2100, 2750)),
}


def _steel_products(rng: random.Random, n: int, fabricator: bool, choices: list[str]) -> list[Prod]:
    kinds = list(STEEL_KINDS)
    weights = [5, 3, 2, 2, 2, 1, 1]
    out: list[Prod] = []
    chosen: list[str] = []
    while len(chosen) < n:
        k = rng.choices(kinds, weights)[0]
        if k not in chosen:
            chosen.append(k)
    route_all = None
    for k in chosen:
        names, route, rng_v = STEEL_KINDS[k]
        if k in ("plate", "hss", "hot_rolled") and rng.random() < 0.3:
            route = "integrated"
        if route_all is None:
            route_all = route
        route = route_all if rng.random() < 0.7 else route
        lo, hi = rng_v
        if route == "integrated" and k not in ("cold_formed", "sheet"):
            lo, hi = (1800, 2500) if k == "plate" else (1950, 2600) if k == "hss" else (1700, 2300)
        v = rng.uniform(lo, hi)
        fab = fabricator and k in ("rebar", "hot_rolled", "hss", "plate")
        name = rng.choice(names)
        if fab:
            v += rng.uniform(120, 380)
            name = "Fabricated " + name[0].lower() + name[1:] if rng.random() < 0.6 else name + ", fabricated"
        desc_bits = {
            "eaf": "produced from recycled scrap in an electric arc furnace (EAF)",
            "integrated": "produced at an integrated mill (blast furnace / basic oxygen furnace)",
        }
        desc = f"{name}, {desc_bits[route]}"
        p = Prod(
            name=name, material="steel", declared_unit="t", units=["t"], base={},
            steel_product=k, fabricated=fab, route=route, description=desc,
        )
        p.base["t"] = _split(rng, v, (0.6, 0.88), (0.01, 0.05))
        out.append(p)
    choices.append("steel=" + "+".join(chosen))
    return out


# ------------------------------------------------------------------------------------------------------ asphalt
def _asphalt_products(rng: random.Random, n: int, choices: list[str]) -> list[Prod]:
    out: list[Prod] = []
    used: set[str] = set()
    scheme = rng.choice(["sp", "state", "plain"])
    choices.append(f"asphaltnames={scheme}")
    for _ in range(n):
        nm = rng.choice(["9.5", "12.5", "19.0", "25.0", "4.75"])
        pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64S-22", "PG 52-34"])
        rap = rng.choice([0, 10, 15, 20, 25, 30, 35])
        wma = rng.random() < 0.35
        for _ in range(30):
            if scheme == "sp":
                name = f"SP {nm.replace('.', '')} {pg.split()[1]}" + (f" R{rap}" if rap else "")
            elif scheme == "state":
                name = f"{rng.choice(['SM', 'IM', 'BM', 'S'])}-{nm}{rng.choice('ABCDE')}"
            else:
                name = f"{rng.choice(['Surface', 'Binder', 'Base', 'Intermediate'])} {nm} mm" + (" WMA" if wma else "")
            if name not in used:
                break
            scheme_extra = rng.randint(2, 99)
            name = f"{name}-{scheme_extra}"
            if name not in used:
                break
        used.add(name)
        desc = f"{nm} mm Superpave, {pg}, {rap}% RAP" + (", warm mix (foaming)" if wma else ", hot mix")
        total = rng.uniform(42, 118) * (1 - rap / 200)
        p = Prod(name=name, material="asphalt", declared_unit="short_ton", units=["short_ton"], base={},
                 description=desc)
        p.base["short_ton"] = _split(rng, total, (0.55, 0.7), (0.08, 0.18))
        p.extra["rap"] = str(rap)
        p.extra["pg"] = pg
        p.extra["wma"] = "Yes" if wma else "No"
        out.append(p)
    return out


# ------------------------------------------------------------------------------------------------------ glass
def _glass_products(rng: random.Random, n: int, choices: list[str]) -> list[Prod]:
    kinds = [
        ("Clear float glass", False), ("Low-iron float glass", False), ("Tinted float glass (gray)", False),
        ("Tinted float glass (bronze)", False), ("Solar-control coated glass", True), ("Tempered glass", True),
        ("Laminated glass", True), ("Low-E coated glass", True),
    ]
    processed_doc = rng.random() < 0.3
    pool = [k for k in kinds if k[1] == processed_doc]
    out: list[Prod] = []
    thick = sorted(rng.sample([3, 4, 5, 6, 8, 10, 12], k=min(n, 7)))
    base_kind = rng.choice(pool)
    for i in range(n):
        kname, proc = base_kind if i < len(thick) else rng.choice(pool)
        t = thick[i % len(thick)]
        mass = t * 2.5
        per_t = rng.uniform(1080, 1420) * (rng.uniform(1.1, 1.3) if proc else 1)
        name = f"{kname}, {t} mm"
        desc = f"{t} mm {kname.lower()}, {mass:.1f} kg/m2"
        p = Prod(name=name, material="flat_glass", declared_unit="m2", units=["m2"], base={},
                 glass_processed=proc, description=desc)
        p.base["t"] = _split(rng, per_t, (0.3, 0.45), (0.02, 0.06))
        p.base["m2"] = _scaled(p.base["t"], mass / 1000)
        p.extra["mass"] = f"{mass:.1f}"
        p.extra["thick"] = f"{t}"
        out.append(p)
    choices.append("glass processed" if processed_doc else "glass float")
    return out


# ------------------------------------------------------------------------------------------------------ cement
def _cement_products(rng: random.Random, n: int, choices: list[str]) -> list[Prod]:
    kinds = [
        ("Portland Cement Type I/II", (880, 990)), ("Portland-Limestone Cement (Type IL)", (780, 880)),
        ("Type III Portland Cement", (900, 1010)), ("Blended Cement Type IT(S25)", (620, 760)),
        ("Type V Portland Cement", (870, 980)), ("Masonry Cement Type N", (600, 720)),
    ]
    out: list[Prod] = []
    for name, (lo, hi) in rng.sample(kinds, n):
        p = Prod(name=name, material="cement", declared_unit="t", units=["t"], base={}, description=None)
        p.base["t"] = _split(rng, rng.uniform(lo, hi), (0.12, 0.3), (0.01, 0.04))
        out.append(p)
    return out


# ------------------------------------------------------------------------------------------------------ spec
def build(rng: random.Random) -> Spec:
    choices: list[str] = []
    material = rng.choices(["concrete", "steel", "asphalt", "flat_glass", "cement"], [50, 20, 15, 10, 5])[0]
    key = rng.choice(MAT_OPS[material])
    op_name, op_addr = OPERATORS[key]
    if key == "nrmca" and rng.random() < 0.5:
        op_name = "NRMCA"
    canada = key == "csa"
    issued = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 5 + 200))
    years = 5
    mode = rng.choices(["until", "range", "period"], [45, 30, 25])[0]
    valid_until = V.add_years(issued, years)
    if mode == "range" or (mode == "until" and rng.random() < 0.5):
        valid_until = valid_until - dt.timedelta(days=1)
    date_style = rng.choice(V.DATE_STYLES)
    if canada and date_style in ("us", "us1"):
        date_style = "iso"
    reg = _reg(rng, key, issued.year)

    if material == "concrete":
        manufacturer = rng.choice(V.CONCRETE_COS)
        n = rng.choices([1, rng.randint(2, 8), rng.randint(9, 40), rng.randint(41, 150)], [35, 20, 30, 15])[0]
        mpa = canada or rng.random() < 0.12
        prods = _concrete_products(rng, n, mpa, choices)
        ytype = rng.random()
        epd_type = "product_specific" if n == 1 else ("facility_specific" if ytype < 0.8 else "product_specific")
        if key == "nrmca" and rng.random() < 0.2:
            epd_type = "industry_average"
        elif n > 1 and rng.random() < 0.08:
            epd_type = "company_average"
        dual = rng.random() < (0.3 if mpa else 0.8)
        decl = "m3" if (mpa or rng.random() < 0.6) else "yd3"
        for p in prods:
            p.base["yd3"] = _scaled(p.base["m3"], YD3)
            p.declared_unit = decl
            p.units = [decl] + ([u for u in ("m3", "yd3") if u != decl] if dual else [])
    elif material == "steel":
        manufacturer = rng.choice(V.STEEL_COS)
        fabricator = "Fabricators" in manufacturer or rng.random() < 0.2
        n = rng.choices([1, 2, 3, 4], [55, 25, 12, 8])[0]
        prods = _steel_products(rng, n, fabricator, choices)
        epd_type = rng.choices(["facility_specific", "product_specific", "company_average", "industry_average"],
                               [45, 30, 15, 10])[0]
        if epd_type == "industry_average":
            manufacturer = rng.choice(["North American Rebar Producers Council (members)",
                                       "Structural Steel Fabricators Association", "Hollow Sections Institute",
                                       "Steel Sheet and Framing Alliance"])
        decl = "t" if rng.random() < 0.75 else "short_ton"
        dual = rng.random() < 0.45
        for p in prods:
            p.base["short_ton"] = _scaled(p.base["t"], SHORT)
            p.declared_unit = decl
            p.units = [decl] + ([u for u in ("t", "short_ton") if u != decl] if dual else [])
    elif material == "asphalt":
        manufacturer = rng.choice(V.ASPHALT_COS)
        n = rng.choices([1, rng.randint(2, 6), rng.randint(7, 25)], [50, 30, 20])[0]
        prods = _asphalt_products(rng, n, choices)
        epd_type = "product_specific" if n == 1 or rng.random() < 0.5 else "facility_specific"
        decl = "short_ton" if rng.random() < 0.75 else "t"
        dual = rng.random() < 0.25
        for p in prods:
            p.base["t"] = _scaled(p.base["short_ton"], 1 / SHORT)
            p.declared_unit = decl
            p.units = [decl] + ([u for u in ("t", "short_ton") if u != decl] if dual else [])
    elif material == "flat_glass":
        manufacturer = rng.choice(V.GLASS_COS)
        n = rng.choices([1, rng.randint(2, 6)], [50, 50])[0]
        prods = _glass_products(rng, n, choices)
        epd_type = rng.choice(["product_specific", "facility_specific", "company_average", "product_group_average"])
        decl = "m2" if rng.random() < 0.6 else "t"
        dual = rng.random() < 0.5
        for p in prods:
            p.declared_unit = decl
            p.units = [decl] + ([u for u in ("m2", "t") if u != decl] if dual else [])
    else:
        manufacturer = rng.choice(V.CEMENT_COS)
        n = rng.choice([1, 1, 2, 3])
        prods = _cement_products(rng, n, choices)
        epd_type = rng.choice(["facility_specific", "product_specific", "company_average"])
        decl = "t" if rng.random() < 0.8 else "short_ton"
        dual = rng.random() < 0.3
        for p in prods:
            p.base["short_ton"] = _scaled(p.base["t"], SHORT)
            p.declared_unit = decl
            p.units = [decl] + ([u for u in ("t", "short_ton") if u != decl] if dual else [])

    if epd_type in ("industry_average", "company_average"):
        plant = None
        plant_address = None
    elif material in ("concrete", "asphalt", "cement") or rng.random() < 0.6:
        plant = rng.choice(V.PLANT_NAMES)
        plant_address = _addr(rng, canada)
    else:
        plant = None
        plant_address = None
    man_address = _addr(rng, canada)

    # modules printed
    if material == "asphalt":
        show_split, show_total = True, rng.random() < 0.35
    else:
        r = rng.random()
        show_split, show_total = (r < 0.45), True
        if r > 0.88:
            show_split, show_total = True, False
    # number style for GWP
    if material == "concrete" or material == "asphalt":
        num_style = rng.choices(["d0", "d1", "d2", "sig3", "sci2", "sci3", "scic", "c1"],
                                [25, 20, 15, 12, 12, 5, 4, 7])[0]
    else:
        num_style = rng.choices(["d0", "c0", "d1", "c1", "sig3", "sci2", "sci3", "scic", "scil", "d2"],
                                [15, 20, 10, 12, 12, 12, 5, 4, 4, 6])[0]
    if key == "csa" and material in ("steel", "cement") and rng.random() < 0.5:
        num_style = "s0"
    if material == "flat_glass" and num_style in ("d0", "c0"):
        num_style = "d1"
    traci = rng.choices(["TRACI 2.1", "TRACI 2.2"], [80, 20])[0]
    alt = rng.choices([None, "EF 3.1", "EF 3.0", "CML-IA"], [55, 25, 8, 12])[0]
    verified = rng.random() < 0.92
    spec = Spec(
        material=material, operator=op_name, operator_key=key, operator_address=op_addr, reg=reg,
        manufacturer=manufacturer, man_address=man_address, plant=plant, plant_address=plant_address,
        issued=issued, valid_until=valid_until, validity_mode=mode, date_style=date_style, epd_type=epd_type,
        epd_type_label=rng.choice(EPD_TYPE_LABELS[epd_type]), pcr=rng.choice(PCRS[material]), verified=verified,
        traci=traci, alt_method=alt, products=prods, show_split=show_split, show_total=show_total,
        num_style=num_style, choices=choices,
    )
    # format all GWP strings once
    for p in prods:
        for u in p.units:
            vals = p.base[u]
            p.strings[u] = {m: V.fmt_num(v, num_style) for m, v in (("A1", vals["A1"]), ("A2", vals["A2"]),
                                                                  ("A3", vals["A3"]), ("A1-A3", vals["T"]))}
            if alt:
                k = rng.uniform(0.97, 1.07)
                p.alt[u] = {m: V.fmt_num(v * k, num_style) for m, v in (("A1", vals["A1"]), ("A2", vals["A2"]),
                                                                       ("A3", vals["A3"]), ("A1-A3", vals["T"]))}
    spec.decoys = {
        "pcr_valid": V.add_years(issued, rng.randint(-3, 2)).replace(day=rng.randint(1, 28)),
        "lca_report": issued - dt.timedelta(days=rng.randint(20, 200)),
        "verified_on": issued - dt.timedelta(days=rng.randint(1, 30)),
        "data_year": issued.year - rng.randint(1, 2),
    }
    return spec
