"""Random EPD content for devgen_h: metadata, products, number and date formatting.

Every number that ends up in ``expected`` is formatted first and parsed back from its printed form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

YD3_PER_M3 = 0.764555
ST_PER_T = 0.907185
MPA_TO_PSI = 145.038

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# ---------------------------------------------------------------- numbers
@dataclass
class NumFmt:
    style: str  # "comma", "plain", "sci", "sci_lower", "int"
    decimals: int = 1

    def fmt(self, v: float, small: bool = False) -> str:
        st = self.style
        if small and st in ("comma", "plain", "int"):
            st = "sci"
        if st == "sci":
            return f"{v:.2E}"
        if st == "sci_lower":
            m, e = f"{v:.2e}".split("e")
            return f"{m}e{int(e)}"
        if st == "int":
            return f"{round(v):,}" if abs(v) >= 1000 else str(round(v))
        if st == "comma":
            return f"{v:,.{self.decimals}f}"
        return f"{v:.{self.decimals}f}"

    def pair(self, v: float, small: bool = False) -> tuple[str, float]:
        s = self.fmt(v, small)
        return s, parse_num(s)


def parse_num(s: str) -> float:
    return float(s.replace(",", ""))


# ---------------------------------------------------------------- dates
def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def fmt_date(d: dt.date, style: str) -> str:
    m = MONTHS[d.month - 1]
    return {
        "long": f"{m} {d.day}, {d.year}",
        "ord": f"{m} {ordinal(d.day)}, {d.year}",
        "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "iso": d.isoformat(),
        "ca": f"{d.year}/{d.month:02d}/{d.day:02d}",
        "dmy": f"{d.day} {m} {d.year}",
        "abbr": f"{m[:3]}. {d.day}, {d.year}" if len(m) > 4 else f"{m} {d.day}, {d.year}",
    }[style]


def add_years(d: dt.date, n: int) -> dt.date:
    return d.replace(year=d.year + n)


# ---------------------------------------------------------------- metadata pools
OPERATORS = {
    "NSF": ("NSF International", "NSF Certification LLC, 789 N. Dixboro Road, Ann Arbor, MI 48105"),
    "UL": ("UL Environment", "UL Solutions, 333 Pfingsten Road, Northbrook, IL 60062"),
    "SCS": ("SCS Global Services", "2000 Powell Street, Ste. 600, Emeryville, CA 94608"),
    "ASTM": ("ASTM International", "100 Barr Harbor Drive, West Conshohocken, PA 19428"),
    "NRMCA": ("NRMCA", "National Ready Mixed Concrete Association, 66 Canal Center Plaza, Alexandria, VA"),
    "CE": ("Climate Earth", "Climate Earth, Inc., 137 Park Place, Suite 204, Point Richmond, CA 94801"),
    "CSA": ("CSA Group", "178 Rexdale Blvd., Toronto, ON M9W 1R3, Canada"),
    "ICC": ("ICC-ES", "ICC Evaluation Service, LLC, 3060 Saturn Street, Brea, CA 92821"),
    "SMART": ("Smart EPD", "Smart EPD, 585 Grove St., Suite 145 PMB 5001, Herndon, VA 20170"),
    "HUB": ("EPD Hub", "EPD Hub Limited, 7 Bell Yard, London WC2A 2JR, United Kingdom"),
    "NAPA": ("NAPA Emerge", "National Asphalt Pavement Association, 6406 Ivy Lane, Greenbelt, MD 20770"),
}

MAT_OPERATORS = {
    "concrete": ["NSF", "NRMCA", "CE", "ASTM", "SMART", "CSA", "ICC", "SCS", "HUB"],
    "steel": ["SCS", "UL", "ASTM", "SMART", "NSF", "HUB"],
    "asphalt": ["NAPA", "NAPA", "SMART", "ASTM"],
    "flat_glass": ["UL", "SCS", "NSF", "ASTM"],
    "cement": ["ASTM", "CSA", "NSF", "SCS", "UL"],
}

PCRS = {
    "concrete": [
        ("NSF PCR for Concrete", "v2.1", "August 2021"),
        ("NSF/ANSI PCR for Concrete", "v3.0", "2024"),
        ("CSA Group PCR for Concrete (ISO 21930)", "v1.0", "2020"),
    ],
    "steel": [
        (
            "PCR Guidance for Building-Related Products and Services Part B: Designated Steel Construction Product",
            "v2.0",
            "2020",
        ),
        ("SCS PCR for Steel Products", "v1.1", "2022"),
        ("NSF PCR for Fabricated Steel Reinforcement", "v1.0", "2021"),
    ],
    "asphalt": [
        ("NAPA PCR for Asphalt Mixtures", "v2.0", "2022"),
        ("NAPA Product Category Rules for Asphalt Mixtures", "v1.0", "2017"),
    ],
    "flat_glass": [
        ("NSF PCR for Flat Glass", "v2.0", "2020"),
        ("UL Part B: Flat Glass EPD Requirements", "v1.0", "2019"),
    ],
    "cement": [
        ("NSF PCR for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic (Stucco) Cements", "v3.2", "2021"),
        ("ASTM PCR for Cement", "v3.1", "2021"),
    ],
}

COMPANY_WORDS = [
    "Cascade",
    "Prairie",
    "Summit",
    "Bayou",
    "Granite State",
    "Lakeshore",
    "Red River",
    "Pioneer",
    "Blue Ridge",
    "Sierra",
    "Northstar",
    "Coastal",
    "Keystone",
    "Timberline",
    "Great Plains",
    "Ozark",
    "Delta",
    "Maple Leaf",
    "Tri-County",
    "Ironwood",
    "Capitol",
    "Harbor",
    "Mesa",
    "Evergreen",
]
COMPANY_SUFFIX = {
    "concrete": ["Ready Mix, Inc.", "Concrete Co.", "Materials LLC", "Redi-Mix Ltd.", "Aggregates & Concrete"],
    "steel": ["Steel Mills, Inc.", "Steel Corporation", "Bar Mill LLC", "Metals Company", "Steel Works Ltd."],
    "asphalt": ["Paving Co.", "Asphalt, Inc.", "Construction Materials", "Road Builders LLC"],
    "flat_glass": ["Glass Corporation", "Float Glass, Inc.", "Architectural Glass LLC"],
    "cement": ["Cement Company", "Cement, Inc.", "Portland Cement Co.", "Ciment Ltée"],
}
CITIES = [
    ("Portland", "OR", "97217"),
    ("Tulsa", "OK", "74107"),
    ("Boise", "ID", "83709"),
    ("Fresno", "CA", "93706"),
    ("Dayton", "OH", "45402"),
    ("Mobile", "AL", "36610"),
    ("Spokane", "WA", "99202"),
    ("Omaha", "NE", "68107"),
    ("Laredo", "TX", "78045"),
    ("Provo", "UT", "84601"),
    ("Albany", "NY", "12207"),
    ("Reno", "NV", "89502"),
    ("Calgary", "AB", "T2C 4L7"),
    ("Hamilton", "ON", "L8L 4X9"),
    ("Laval", "QC", "H7L 4S3"),
]
STREETS = [
    "Industrial Pkwy",
    "Quarry Road",
    "River Street",
    "Mill Road",
    "Commerce Drive",
    "Rail Spur Ave.",
    "Harbor Blvd.",
    "County Road 12",
    "Foundry Lane",
]

EPD_TYPES = [  # (printed wording, expected)
    ("Product-specific", "product_specific"),
    ("Product specific", "product_specific"),
    ("Plant-specific", "facility_specific"),
    ("Facility-specific", "facility_specific"),
    ("Product-specific, facility-specific", "facility_specific"),
    ("Industry-wide", "industry_average"),
    ("Industry average", "industry_average"),
    ("Company average", "company_average"),
    ("Company-wide average", "company_average"),
    ("Product group average", "product_group_average"),
]


def make_regno(r, op: str, year: int) -> str:
    n = r.randint(100, 99999)
    return {
        "NSF": f"EPD{r.randint(10000, 12999)}",
        "UL": f"{r.randint(4780000000, 4799999999)}.{r.randint(100, 130)}.1",
        "SCS": f"SCS-EPD-{r.randint(1000, 11999):05d}",
        "ASTM": f"EPD {r.randint(100, 899)}",
        "NRMCA": f"NRMCA-{year}-{r.randint(1, 999):03d}-{r.randint(1000, 9999)}",
        "CE": f"CE-{year}-{r.randint(100000, 999999)}",
        "CSA": f"{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
        "ICC": f"EPD-{r.randint(100, 999):04d}",
        "SMART": f"SMEPD-{year}-{r.randint(1, 999):03d}-{r.randint(1000, 9999)}",
        "HUB": f"HUB-{r.randint(100, 4999):04d}",
        "NAPA": f"{year}-EM-{n:05d}",
    }[op]


# ---------------------------------------------------------------- products
@dataclass
class Product:
    name: str
    material: str
    description: str | None = None
    strength_psi: float | None = None
    strength_age_days: int | None = None
    strength_text: str = ""
    lightweight: bool = False
    high_early: bool = False
    steel_product: str | None = None
    fabricated: bool | None = None
    route: str | None = None
    glass_processed: bool | None = None
    base: float = 0.0  # true GWP A1-A3 per base unit (m3, t, short_ton for asphalt, m2 or t for glass)
    split: tuple[float, float, float] = (0.8, 0.05, 0.15)
    extra: dict = field(default_factory=dict)  # slump, scm, wcm, thickness, mass...


def concrete_products(r, n: int, metric: bool) -> list[Product]:
    out = []
    used = set()
    strengths = [2500, 3000, 3000, 3500, 4000, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000]
    mpas = [20, 25, 25, 30, 32, 35, 40, 45, 50]
    psi_upper = r.random() < 0.5
    for _ in range(n):
        code = f"{r.choice(['', 'M', 'RM', 'C'])}{r.randint(1, 9)}{r.randint(100, 999)}{r.choice(['', '', 'A', 'P'])}"
        while code in used:
            code += str(r.randint(0, 9))
        used.add(code)
        lw = r.random() < 0.08
        he = r.random() < 0.12
        age = 28 if r.random() < 0.8 else r.choice([56, 90])
        scm_kind = r.choice(["FA", "SL", "FA", "None", "SL/FA"])
        scm = 0 if scm_kind == "None" else r.choice([15, 20, 25, 30, 40, 50])
        if metric:
            mpa = r.choice(mpas)
            psi = mpa * MPA_TO_PSI
            stext = f"{mpa} MPa"
        else:
            psi = float(r.choice(strengths))
            stext = f"{int(psi)} PSI" if psi_upper else f"{int(psi):,} psi"
        agg = r.choice(['3/4"', '1"', '3/8"', '1-1/2"', "#57", "#67"])
        words = [f"{int(psi)} PSI" if not metric else f"{mpa} MPA", agg]
        if r.random() < 0.4:
            words.append(r.choice(["PUMP", "SLAB", "WALL", "FOOTING", "PAVING", "AIR"]))
        if he:
            words.insert(1, "HE")
        if lw:
            words.append("LW")
        if scm:
            words.append(f"{scm}% {scm_kind}")
        if r.random() < 0.05 and not lw and not he:
            words = ["SCC", *words]
        desc = " ".join(words)
        base = 150 + (psi - 2000) * 0.05 + r.uniform(-30, 60) - scm * 1.4 + (60 if he else 0) + (40 if lw else 0)
        base = max(155.0, min(545.0, base))
        a1 = r.uniform(0.78, 0.9)
        a2 = r.uniform(0.03, 0.08)
        p = Product(code, "concrete", desc, psi, age, stext, lw, he, base=base, split=(a1, a2, 1 - a1 - a2))
        p.extra = {
            "slump": r.choice(['4"', '5"', '6"', '4-6"', '8"', "100 mm", "150 mm"])
            if not metric
            else r.choice(["75 mm", "100 mm", "150 mm"]),
            "scm": f"{scm}%",
            "wcm": f"{r.uniform(0.35, 0.6):.2f}",
            "age": age,
            "he_age": r.choice([1, 3, 7]) if he else None,
        }
        out.append(p)
    return out


STEEL_KINDS = [
    (
        "rebar",
        "Reinforcing Bar (Rebar)",
        ["#4 Grade 60 Rebar", "ASTM A615 Grade 60 Rebar", "A706 Weldable Rebar", "Rebar, #3-#11", "Epoxy-Coated Rebar"],
    ),
    (
        "hot_rolled",
        "Hot-Rolled Structural Sections",
        ["Wide Flange Beams", "W-Shapes A992", "Channels and Angles", "Structural Sections"],
    ),
    ("plate", "Steel Plate", ["Discrete Plate A572", "Cut-to-Length Plate", "Heavy Plate A36"]),
    ("hss", "Hollow Structural Sections", ["HSS A500 Grade C", "Round HSS", "Square & Rectangular HSS"]),
    ("merchant_bar", "Merchant Bar Quality", ["MBQ Angles", "Flats and Rounds", "Merchant Bar"]),
    ("cold_formed", "Cold-Formed Framing", ["Light-Gauge Studs", "Cold-Formed Track", "Galvanized C-Studs"]),
    ("sheet", "Steel Sheet", ["Hot-Rolled Coil", "Galvanized Sheet", "Cold-Rolled Sheet"]),
]


def steel_products(r, n: int) -> list[Product]:
    route = "eaf" if r.random() < 0.7 else "integrated"
    kinds = r.sample(STEEL_KINDS, min(n, len(STEEL_KINDS))) if n > 1 else [r.choice(STEEL_KINDS)]
    fab_doc = r.choice([True, False, None])
    out = []
    for kind, label, names in kinds[:n]:
        fab = fab_doc if fab_doc is not None else r.random() < 0.4
        if kind in ("cold_formed", "sheet"):
            fab = False
        base = r.uniform(520, 980) if route == "eaf" else r.uniform(1820, 2480)
        if kind == "hss" and route == "eaf":
            base = r.uniform(1100, 1600)
        if kind == "cold_formed":
            base = r.uniform(1900, 2450) if route == "integrated" else r.uniform(900, 1400)
        if fab:
            base *= 1.12
        name = r.choice(names)
        if fab:
            name = "Fabricated " + name
        desc = f"{label}, {'fabricated' if fab else 'unfabricated (mill)'}; " + (
            "produced by electric arc furnace (EAF)" if route == "eaf" else "produced at an integrated mill (BOF)"
        )
        a1 = r.uniform(0.6, 0.85)
        a2 = r.uniform(0.01, 0.05)
        p = Product(
            name,
            "steel",
            desc,
            steel_product=kind,
            fabricated=fab,
            route=route,
            base=min(base, 2500),
            split=(a1, a2, 1 - a1 - a2),
        )
        out.append(p)
    return out


def asphalt_products(r, n: int) -> list[Product]:
    out = []
    used = set()
    for _ in range(n):
        code = (
            f"{r.choice(['SP', 'HMA', 'WMA', 'SMA', 'BC', 'SM-'])}{r.choice(['9.5', '12.5', '19.0', '25.0', '4.75'])}"
        )
        code += r.choice(["", "A", "B", "D", "E"]) + f"-{r.randint(10, 99)}"
        while code in used:
            code += "X"
        used.add(code)
        rap = r.choice([0, 10, 15, 20, 25, 30, 35])
        pg = r.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64-28"])
        wm = r.random() < 0.35
        desc = f"{code.split('-')[0]} mix, {pg}, {rap}% RAP" + (", warm-mix (foaming)" if wm else "")
        base = r.uniform(42, 118)
        a1 = r.uniform(0.45, 0.65)
        a2 = r.uniform(0.05, 0.15)
        p = Product(code, "asphalt", desc, base=base, split=(a1, a2, 1 - a1 - a2))
        p.extra = {"rap": f"{rap}%", "pg": pg, "wma": "Yes" if wm else "No"}
        out.append(p)
    return out


def glass_products(r, n: int, per_m2: bool) -> list[Product]:
    out = []
    thick = r.sample([4, 5, 6, 8, 10] if per_m2 else [3, 4, 5, 6, 8, 10, 12], min(n, 5 if per_m2 else 7))
    tint = r.choice(["Clear", "Low-Iron", "Tinted Gray", "Solar Green"])
    processed = r.random() < 0.25
    for t in thick[:n]:
        mass = round(t * 2.5, 1)
        per_t = r.uniform(1210, 1590)
        base = per_t * mass / 1000 if per_m2 else per_t
        name = f"{tint} {t} mm {'Tempered Glass' if processed else 'Float Glass'}"
        p = Product(
            name,
            "flat_glass",
            f"{t} mm {tint.lower()} {'tempered' if processed else 'float'} glass, {mass} kg/m2",
            glass_processed=processed,
            base=base,
            split=(0.45, 0.05, 0.5),
        )
        p.extra = {"thickness": f"{t} mm", "mass": f"{mass} kg/m2"}
        out.append(p)
    return out


def cement_products(r, n: int) -> list[Product]:
    kinds = [
        ("Type IL", "Portland-limestone cement (ASTM C595 Type IL)"),
        ("Type I/II", "Portland cement ASTM C150"),
        ("Type III", "High early strength portland cement"),
        ("GUL", "General use limestone cement (CSA A3001)"),
        ("Type IT(S25)", "Ternary blended cement"),
        ("GU", "General use cement (CSA A3001)"),
    ]
    out = []
    for kind, desc in r.sample(kinds, n):
        base = r.uniform(810, 995) if "L" not in kind and "IT" not in kind else r.uniform(800, 900)
        out.append(
            Product(f"{kind} Cement" if r.random() < 0.6 else kind, "cement", desc, base=base, split=(0.9, 0.01, 0.09))
        )
    return out


# ---------------------------------------------------------------- other indicators
OTHER_INDICATORS = [  # label, unit, factor relative to GWP
    ("Ozone Depletion Potential (ODP)", "kg CFC-11 eq", 1.1e-8),
    ("Acidification Potential (AP)", "kg SO2 eq", 2.3e-3),
    ("Eutrophication Potential (EP)", "kg N eq", 1.4e-4),
    ("Smog Formation Potential (SFP)", "kg O3 eq", 3.9e-2),
    ("Non-renewable primary energy (PENRT)", "MJ", 6.1),
    ("Abiotic depletion, fossil (ADPf)", "MJ, NCV", 5.2),
    ("Use of net fresh water (FW)", "m3", 1.9e-3),
]


def other_values(r, gwp: float, k: int) -> list[tuple[str, str, float]]:
    rows = []
    for label, unit, f in OTHER_INDICATORS[:k]:
        rows.append((label, unit, gwp * f * r.uniform(0.7, 1.3)))
    return rows


def split_parts(p: Product, v: float) -> tuple[float, float, float]:
    a1, a2, _ = p.split
    return v * a1, v * a2, v - v * a1 - v * a2


def strip_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()
