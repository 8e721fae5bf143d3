"""Random document content: metadata, products and their printed numbers (formatted first, parsed back)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

YD3 = 0.764555
ST = 0.907185
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def ordinal(n: int) -> str:
    suf = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def fmt_date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "ordinal":
        return f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}"
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "dmy":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "abbr":
        return f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}"
    return d.isoformat()


def fmt_num(v: float, style: str) -> str:
    if style == "int":
        return f"{v:,.0f}"
    if style == "d1":
        return f"{v:,.1f}"
    if style == "d2":
        return f"{v:,.2f}"
    if style == "p1":
        return f"{v:.1f}"
    if style == "sci":
        return f"{v:.2E}"
    if style == "sci3":
        return f"{v:.3E}"
    if style == "scic":
        return f"{v:.2E}".replace(".", ",")
    raise ValueError(style)


def parse_num(s: str) -> float:
    if "E" in s:
        return float(s.replace(",", "."))
    return float(s.replace(",", ""))


def small(v: float, rng: random.Random) -> str:
    return f"{v:.2E}"


UNIT_LABEL = {"m3": "m3", "yd3": "yd3", "t": "metric ton", "short_ton": "short ton", "m2": "m2", "kg": "kg"}
UNIT_SHORT = {"m3": "m3", "yd3": "yd3", "t": "t", "short_ton": "short ton", "m2": "m2", "kg": "kg"}


@dataclass
class Product:
    material: str
    name: str
    description: str
    true: dict[str, float]  # unit -> true A1-A3 value
    split: tuple[float, float, float]
    code: str = ""
    strength_text: str = ""
    strength_psi: float | None = None
    strength_age: int | None = None
    early_text: str = ""
    lightweight: bool = False
    density_text: str = ""
    he: bool = False
    steel_product: str | None = None
    fabricated: bool | None = None
    route: str | None = None
    glass_processed: bool | None = None
    thickness: float | None = None
    mass_m2: float | None = None
    group: str = ""
    extra: dict = field(default_factory=dict)
    printed: dict[str, dict[str, str]] = field(default_factory=dict)  # unit -> module -> text


@dataclass
class Meta:
    operator: str
    operator_address: str
    reg: str
    manufacturer: str
    mfr_address: str
    plant: str | None
    plant_address: str
    issued: dt.date
    valid_until: dt.date
    issued_text: str
    validity_rows: list[tuple[str, str]]
    epd_type: str
    epd_type_text: str
    pcr: str
    pcr_validity: str
    verified: bool
    verifier: str
    methods: list[str]
    gwp_method: str
    units: list[str]
    modules: list[str]  # printed module labels among A1, A2, A3, A1-A3
    numfmt: str
    extra_methods: list[str]


OPERATORS = {
    "NSF International": ("789 N. Dixboro Road, Ann Arbor, MI 48105", lambda r: f"EPD{r.randint(10100, 11999)}"),
    "ASTM International": ("100 Barr Harbor Drive, West Conshohocken, PA 19428",
                           lambda r: f"EPD {r.randint(100, 899)}"),
    "UL Environment": ("333 Pfingsten Road, Northbrook, IL 60062",
                       lambda r: f"4790{r.randint(1000, 9999)}.{r.randint(101, 120)}.1"),
    "SCS Global Services": ("2000 Powell Street, Ste. 600, Emeryville, CA 94608",
                            lambda r: f"SCS-EPD-{r.randint(1000, 11999):05d}"),
    "NRMCA": ("66 Canal Center Plaza, Suite 250, Alexandria, VA 22314",
              lambda r: f"NRMCA-EPD-{r.randint(10010, 10999)}"),
    "CSA Group": ("178 Rexdale Blvd., Toronto, ON M9W 1R3",
                  lambda r: f"EPD {r.randint(1000, 9999)}-{r.randint(1000, 9999)}"),
    "Smart EPD": ("1201 Wakarusa Drive, Lawrence, KS 66049",
                  lambda r: f"SMART-{r.randint(2022, 2025)}-{r.randint(10, 999):03d}"),
    "EPD Hub": ("7 Bell Yard, London WC2A 2JR", lambda r: f"HUB-{r.randint(1000, 3999)}"),
    "ICC-ES": ("3060 Saturn Street, Suite 100, Brea, CA 92821", lambda r: f"EPD-{r.randint(10, 199):04d}"),
}

OPS_BY_MAT = {
    "concrete": ["NSF International", "ASTM International", "NRMCA", "CSA Group", "Smart EPD", "EPD Hub"],
    "steel": ["SCS Global Services", "UL Environment", "ASTM International", "Smart EPD", "NSF International"],
    "asphalt": ["NSF International", "ASTM International", "Smart EPD"],
    "flat_glass": ["NSF International", "UL Environment", "ICC-ES", "SCS Global Services"],
    "cement": ["NSF International", "ASTM International", "CSA Group", "UL Environment"],
}

PCRS = {
    "concrete": [("NSF PCR for Concrete, v2.1", "August 2021", "PCR valid through February 22, 2027"),
                 ("NSF/ANSI PCR for Concrete (NRMCA), Version 3.0", "2023", "PCR validity: 2023-2028"),
                 ("ISO 21930:2017 and NSF PCR for Concrete v2.1 (2021)", "", "PCR valid through 08/31/2026")],
    "steel": [("PCR Guidance for Building-Related Products and Services Part B: Designated Steel Construction "
               "Product EPD Requirements, UL Environment, v2.0", "2020", "PCR valid until August 26, 2025"),
              ("SCS PCR for Steel Products, Version 1.0", "2023", "PCR expires June 30, 2028")],
    "asphalt": [("NSF PCR for Asphalt Mixtures, Version 1.0", "2022", "PCR valid through June 30, 2027")],
    "flat_glass": [("NSF PCR for Flat Glass: UN CPC 3711, Version 2.0", "2020", "PCR valid until 2025-09-30"),
                   ("Part B: Processed Glazing EPD Requirements, UL Environment, v2.0", "2019",
                    "PCR valid through September 2024")],
    "cement": [("NSF PCR for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic (Stucco) Cements, V3.2",
                "2021", "PCR valid through September 8, 2026"),
               ("CSA Group PCR for Cement (ISO 21930:2017), Version 1.0", "2022", "PCR valid until 2027-01-01")],
}

COMPANIES = {
    "concrete": ["Cascade Ready Mix LLC", "Prairie Concrete Supply, Inc.", "Tri-County Ready-Mix Co.",
                 "Harbor Aggregates & Concrete", "Blue Ridge Concrete Products", "Lone Pine Materials, Inc."],
    "steel": ["Ridgeline Steel Mill, LLC", "Great Lakes Steel Corporation", "Southern Bar Mills, Inc.",
              "Keystone Structural Steel Co.", "Pacific Rolling Mills"],
    "asphalt": ["Midstate Paving Materials", "Granite Hill Asphalt Co.", "Valley Blacktop, Inc.",
                "Northern Road Builders LLC"],
    "flat_glass": ["Clearview Float Glass, Inc.", "Northstar Architectural Glass", "Summit Glass Products Co."],
    "cement": ["Red Rock Cement Company", "Riverside Portland Cement", "Great Plains Cement, LLC"],
}

STREETS = ["1200 Industrial Parkway", "455 Quarry Road", "87 Riverside Drive", "3100 Mill Street",
           "9 Gravel Pit Lane", "2250 Commerce Blvd.", "610 Harbor Avenue", "14 Kiln Road"]
CITIES = ["Tacoma, WA 98421", "Denver, CO 80216", "Joliet, IL 60436", "Fresno, CA 93725", "Lakeland, FL 33805",
          "Allentown, PA 18109", "Waco, TX 76705", "Ogden, UT 84404", "Fargo, ND 58102", "Knoxville, TN 37914"]


def address(rng: random.Random) -> str:
    return f"{rng.choice(STREETS)}, {rng.choice(CITIES)}"


EPD_TYPES = {
    "product_specific": ["Product-specific", "Product specific", "Product-Specific Type III EPD"],
    "facility_specific": ["Facility-specific", "Plant-specific", "Product- and facility-specific"],
    "company_average": ["Company average", "Company-wide average (multiple facilities)"],
    "industry_average": ["Industry-wide", "Industry average", "Sector EPD (industry-wide)"],
    "product_group_average": ["Product group average", "Average of a product group"],
}


def make_meta(rng: random.Random, material: str, n_products: int, multi_plant: bool = False) -> Meta:
    op = rng.choice(OPS_BY_MAT[material])
    op_addr, regf = OPERATORS[op]
    reg = regf(rng)
    mfr = rng.choice(COMPANIES[material])
    city_word = rng.choice(["North", "Eastside", "Riverside", "Airport", "Hillcrest", "Southport", "Central"])
    plant_word = {"concrete": "Plant", "steel": "Mill", "asphalt": "Plant", "flat_glass": "Float Plant",
                  "cement": "Cement Plant"}[material]
    plant = None if multi_plant else f"{city_word} {plant_word}"
    issued = dt.date(rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28))
    dstyle = rng.choice(["long", "ordinal", "us", "iso", "dmy", "abbr"])
    issued_text = fmt_date(issued, dstyle)
    vmode = rng.choice(["years", "range", "until", "prose"])
    end = issued.replace(year=issued.year + 5)
    if vmode == "years":
        rows = [("Date of issue", issued_text), ("Period of validity", rng.choice(["5 Years", "5 years"]))]
    elif vmode == "range":
        end = end - dt.timedelta(days=rng.choice([0, 1]))
        rows = [("EPD issue date", issued_text),
                ("Validity", f"EPD Valid {issued_text} through {fmt_date(end, dstyle)}")]
    elif vmode == "until":
        end = end - dt.timedelta(days=rng.choice([0, 1]))
        rows = [("Issued", issued_text), (rng.choice(["Valid until", "Expiration date", "Valid through"]),
                                          fmt_date(end, dstyle))]
    else:
        rows = [("Date of issue", issued_text),
                ("Period of validity", "This declaration is valid for five years from the date of issue")]
    if n_products == 1:
        etype = rng.choice(["product_specific", "product_specific", "facility_specific"])
    elif multi_plant:
        etype = "company_average" if material != "concrete" else "facility_specific"
    else:
        etype = rng.choice(["facility_specific", "product_specific", "product_group_average"])
    if material == "steel" and n_products > 1 and rng.random() < 0.25:
        etype = rng.choice(["industry_average", "company_average"])
    pcr, pcr_date, pcr_valid = rng.choice(PCRS[material])
    pcr_full = pcr if not pcr_date else f"{pcr} ({pcr_date})"
    traci = rng.choice(["TRACI 2.1", "TRACI 2.1", "TRACI 2.2"])
    extra = rng.sample(["IPCC AR5", "IPCC AR6", "EN 15804+A2", "CML-IA"], rng.choice([0, 0, 1, 1, 2]))
    units = {"concrete": [["m3", "yd3"], ["yd3", "m3"], ["m3"], ["yd3"]],
             "steel": [["t"], ["t", "short_ton"], ["short_ton", "t"], ["short_ton"]],
             "asphalt": [["short_ton"], ["short_ton"], ["t"], ["short_ton", "t"]],
             "flat_glass": [["m2"], ["t"], ["m2", "t"]],
             "cement": [["t"], ["t", "short_ton"], ["short_ton"]]}[material]
    if material == "asphalt":
        modules = rng.choice([["A1", "A2", "A3"], ["A1", "A2", "A3"], ["A1", "A2", "A3", "A1-A3"]])
    else:
        modules = rng.choice([["A1-A3"], ["A1-A3"], ["A1", "A2", "A3", "A1-A3"], ["A1", "A2", "A3"]])
    numfmt = {"concrete": ["int", "d1", "d2", "sci", "p1", "scic"], "steel": ["int", "d1", "sci", "sci3", "d2"],
              "asphalt": ["d1", "d2", "sci", "p1"], "flat_glass": ["d1", "d2", "sci"],
              "cement": ["int", "d1", "sci", "d2"]}[material]
    verified = rng.random() < 0.9
    verifier = rng.choice(["Thomas Gloria, Ph.D., Industrial Ecology Consultants", "Jack Geibig, EcoForm",
                           "Lindita Bushi, Ph.D., Athena Institute", "Jenny Oorbeck, WAP Sustainability"])
    return Meta(op, op_addr, reg, mfr, address(rng), plant, address(rng), issued, end, issued_text, rows, etype,
                rng.choice(EPD_TYPES[etype]), pcr_full, pcr_valid, verified, verifier, [traci, *extra], traci,
                rng.choice(units), modules, rng.choice(numfmt), extra)


SPLITS = {"concrete": (0.78, 0.9, 0.04, 0.09), "steel": (0.55, 0.85, 0.02, 0.06), "asphalt": (0.55, 0.75, 0.05, 0.12),
          "flat_glass": (0.35, 0.5, 0.03, 0.07), "cement": (0.12, 0.2, 0.01, 0.03)}


def split_for(rng: random.Random, material: str) -> tuple[float, float, float]:
    a, b, c, d = SPLITS[material]
    s1 = rng.uniform(a, b)
    s2 = rng.uniform(c, d)
    return (s1, s2, 1 - s1 - s2)


def convert(v: float, unit: str, decl: str, p: Product) -> float:
    """Convert a per-declared-unit value into another unit."""
    if unit == decl:
        return v
    factors = {"m3": 1.0, "yd3": YD3, "t": 1.0, "short_ton": ST}
    if unit in factors and decl in factors:
        return v / factors[decl] * factors[unit]
    assert p.mass_m2 is not None
    if decl == "m2" and unit == "t":
        return v / p.mass_m2 * 1000
    if decl == "t" and unit == "m2":
        return v * p.mass_m2 / 1000
    raise ValueError((unit, decl))


def print_values(p: Product, meta: Meta, units: list[str], fmt: str) -> None:
    for u in units:
        v = p.true[u]
        row = {"A1": fmt_num(v * p.split[0], fmt), "A2": fmt_num(v * p.split[1], fmt),
               "A3": fmt_num(v * p.split[2], fmt), "A1-A3": fmt_num(v, fmt)}
        p.printed[u] = {m: row[m] for m in meta.modules}


def expected_product(p: Product, meta: Meta, page: int) -> dict:
    by_unit = {}
    for u, row in p.printed.items():
        if "A1-A3" in row:
            by_unit[u] = parse_num(row["A1-A3"])
        else:
            by_unit[u] = round(sum(parse_num(row[m]) for m in ("A1", "A2", "A3")), 6)
    decl = meta.units[0]
    row = p.printed[decl]
    printed = row["A1-A3"] if "A1-A3" in row else f"{row['A1']} + {row['A2']} + {row['A3']}"
    return {
        "name": p.name, "material": p.material, "gwp_a1a3": by_unit[decl], "declared_unit": decl,
        "gwp_by_unit": by_unit, "modules": list(meta.modules), "gwp_method": meta.gwp_method,
        "strength_psi": p.strength_psi, "strength_age_days": p.strength_age, "lightweight": p.lightweight,
        "high_early_strength": p.he, "steel_product": p.steel_product, "fabricated": p.fabricated,
        "route": p.route, "glass_processed": p.glass_processed, "description": p.description, "page": page,
        "gwp_printed": printed,
    }


# -- products per material ------------------------------------------------------------------------------------


def concrete_products(rng: random.Random, n: int, mpa: bool) -> list[Product]:
    out: list[Product] = []
    used: set[str] = set()
    prefix = rng.choice(["", "M", "C", "RM", "MX-"])
    agg = rng.choice(['3/4"', '1"', '3/8"', "#57", "#67"]) if not mpa else rng.choice(["20mm", "14mm", "10mm"])
    for _ in range(n):
        kind = rng.choices(["normal", "flow", "lw", "he"], [0.76, 0.08, 0.08, 0.08])[0]
        if n == 1:
            kind = rng.choices(["normal", "flow", "lw", "he"], [0.7, 0.1, 0.1, 0.1])[0]
        if kind == "flow":
            psi = rng.choice([50, 100, 150, 200, 300, 500, 800, 1200])
        elif kind == "lw":
            psi = rng.choice([3000, 3500, 4000, 4500, 5000])
        elif kind == "he":
            psi = rng.choice([3000, 4000, 5000, 6000])
        else:
            psi = rng.choice([2500, 3000, 3000, 3500, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000])
        use_mpa = mpa and kind != "flow"
        age = 28
        if kind in ("normal", "lw") and rng.random() < 0.15:
            age = rng.choice([56, 90])
        scm = rng.choice([0, 0, 15, 20, 25, 30, 40])
        scm_type = rng.choice(["FA", "SL"])
        if kind == "flow":
            m3 = rng.uniform(60, 90) + psi * 0.09
        else:
            m3 = (115 + psi * 0.043) * (1 - scm * 0.006) * rng.uniform(0.92, 1.1)
            if kind == "he":
                m3 *= 1.18
            if kind == "lw":
                m3 *= 1.12
            m3 = min(max(m3, 145), 555)
        if use_mpa:
            mp = round(psi / 145.038)
            strength = f"{mp} MPa"
            spsi = mp * 145.038
        else:
            strength = f"{psi:,} psi" if rng.random() < 0.5 else f"{psi} psi"
            spsi = float(psi)
        scm_txt = f" {scm}% {scm_type}" if scm else ""
        sdesc = f"{mp} MPa" if use_mpa else f"{psi} PSI"
        if kind == "flow":
            desc = rng.choice([f"FLOWABLE FILL {psi} PSI", f"CDF {psi} PSI", f"FLOWABLE FILL {psi} PSI EXCAV."])
        elif kind == "lw":
            desc = f"LW {sdesc} 3/8\" {rng.choice([110, 112, 115])} PCF"
        elif kind == "he":
            desc = f"HE {sdesc} {agg}{scm_txt}"
        else:
            desc = f"{sdesc} {agg} {rng.choice(['PUMP', 'SLAB', 'WALL', 'FTG', 'SCC', 'PAVING', 'STRUCT'])}{scm_txt}"
        while True:
            code = f"{prefix}{psi // 100 if psi >= 1000 else psi // 10:02d}{rng.randint(0, 99):02d}"
            if kind == "flow":
                code = f"FF{psi:04d}-{rng.randint(1, 9)}"
            if rng.random() < 0.3:
                code += rng.choice(["A", "B", "P", "S"])
            if code not in used:
                used.add(code)
                break
        p = Product("concrete", code, desc, {"m3": m3, "yd3": m3 * YD3}, split_for(rng, "concrete"), code=code,
                    strength_text=strength, strength_psi=spsi, strength_age=age)
        p.group = f"{psi:,} psi mixes" if not use_mpa else f"{mp} MPa mixes"
        if kind == "flow":
            p.group = "Flowable fill (CDF)"
        p.extra["scm"] = f"{scm}%"
        p.extra["cement"] = f"{int(180 + psi * 0.06 * (1 - scm / 100))}"
        if kind == "lw":
            p.lightweight = True
            p.density_text = rng.choice([f"{1760 + rng.randint(0, 120)} kg/m3", f"{rng.choice([110, 112, 115])} pcf"])
        if kind == "he":
            p.he = True
            d = rng.choice([1, 3])
            early = round(psi * (0.5 if d == 1 else 0.7) / 100) * 100
            p.early_text = f"{early} psi at {d} day{'s' if d > 1 else ''}" if not use_mpa else \
                f"{round(early / 145.038)} MPa at {d} day{'s' if d > 1 else ''}"
        out.append(p)
    return out


STEEL = [
    ("rebar", ["Reinforcing Bar (Rebar) Grade 60", "#4-#11 Rebar ASTM A615", "Rebar A706 Grade 60"], (520, 900)),
    ("hot_rolled", ["Wide Flange Sections", "W-Shapes A992", "Structural Angles and Channels"], (620, 1250)),
    ("hss", ["HSS A500 Grade C", "Hollow Structural Sections", "Round HSS A1085"], (1150, 2000)),
    ("plate", ["Discrete Plate A572", "Steel Plate", "Cut-to-Length Plate"], (720, 1400)),
    ("cold_formed", ["Cold-Formed Studs and Track", "CFS Framing (G60)", "Light-Gauge Framing"], (1900, 2850)),
    ("merchant_bar", ["Merchant Bar Quality Rounds", "MBQ Flats and Angles", "Merchant Bar"], (500, 1000)),
    ("sheet", ["Hot-Rolled Sheet", "Galvanized Sheet Coil", "Cold-Rolled Coil"], (1200, 2700)),
    ("other", ["Special Bar Quality (SBQ)", "Wire Rod", "Steel Deck"], (600, 2400)),
]


def steel_products(rng: random.Random, n: int, route: str | None) -> list[Product]:
    kinds = rng.sample(STEEL, min(n, len(STEEL)))
    while len(kinds) < n:
        kinds.append(rng.choice(STEEL))
    out = []
    used: set[str] = set()
    for kind, names, (lo, hi) in kinds:
        name = rng.choice(names)
        k = 2
        base = name
        while name in used:
            name = f"{base} {chr(64 + k)}"
            k += 1
        used.add(name)
        fab = rng.choice([True, False, None])
        r = route
        t = rng.uniform(lo, hi)
        if r == "integrated":
            t = min(max(t * 1.6, 1700), 2880)
        elif r == "eaf":
            t = min(t, 1900)
        if fab:
            t = min(t * 1.12, 2890)
        t = max(t, 485)
        desc = f"{name}, {'fabricated' if fab else 'unfabricated' if fab is False else 'mill product'}"
        p = Product("steel", name, desc, {"t": t, "short_ton": t * ST}, split_for(rng, "steel"),
                    steel_product=kind, fabricated=fab, route=r)
        out.append(p)
    return out


def asphalt_products(rng: random.Random, n: int) -> list[Product]:
    out = []
    used: set[str] = set()
    for _ in range(n):
        nm = rng.choice(["9.5", "12.5", "19.0", "25.0"])
        pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64-28"])
        rap = rng.choice([0, 10, 15, 20, 25, 30, 35])
        wma = rng.random() < 0.4
        while True:
            code = f"{rng.choice(['SP', 'HMA', 'WMA' if wma else 'HMA', 'SMA'])}-{nm}-{rng.randint(1, 99):02d}"
            if code not in used:
                used.add(code)
                break
        desc = f"Superpave {nm} mm {pg} {rap}% RAP" + (" warm mix (foaming)" if wma else "")
        st = rng.uniform(40, 120) * (1 - rap * 0.004)
        st = max(st, 39)
        p = Product("asphalt", code, desc, {"short_ton": st, "t": st / ST}, split_for(rng, "asphalt"), code=code)
        out.append(p)
    return out


def cement_products(rng: random.Random, n: int) -> list[Product]:
    types = rng.sample([("Type I/II", 930, 1005), ("Type IL", 795, 880), ("Type III", 950, 1008),
                        ("Type V", 920, 995), ("Type IP", 800, 870), ("Type I", 935, 1000),
                        ("Type IL(11)", 790, 860), ("Type II (MH)", 915, 990)], n)
    out = []
    for name, lo, hi in types:
        t = rng.uniform(lo, hi)
        desc = f"Portland cement {name} (ASTM C150/C595)"
        out.append(Product("cement", name, desc, {"t": t, "short_ton": t * ST}, split_for(rng, "cement")))
    return out


def glass_products(rng: random.Random, n: int) -> list[Product]:
    kinds = [("Clear Float", False), ("Low-Iron Float", False), ("Tinted Float", False), ("Tempered", True),
             ("Laminated", True), ("Coated Low-E", True)]
    base, processed = rng.choice(kinds)
    ths = sorted(rng.sample([3, 4, 5, 6, 8, 10], n))
    out = []
    for th in ths:
        mass = th * 2.5
        kgt = rng.uniform(1200, 1600)
        m2 = kgt * mass / 1000
        name = f"{base} {th} mm"
        desc = f"{base} glass, {th} mm nominal thickness, {mass:.1f} kg/m2"
        p = Product("flat_glass", name, desc, {"m2": m2, "t": kgt}, split_for(rng, "flat_glass"),
                    glass_processed=processed, thickness=th, mass_m2=mass)
        out.append(p)
    return out
