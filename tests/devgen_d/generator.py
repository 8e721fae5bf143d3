"""Synthetic North American EPD PDFs drawn with reportlab, with expected values.

See the package docstring for the independence rule. Entry point: generate(seed) -> Doc.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

YD3_PER_M3 = 0.764555
SHORT_TON = 0.907185
MPA_TO_PSI = 145.038

_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
_FONTS_DONE = False


def _register_fonts() -> None:
    global _FONTS_DONE
    if _FONTS_DONE:
        return
    for name, fn in [
        ("DejaVuSans", "DejaVuSans.ttf"),
        ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
        ("DejaVuSerif", "DejaVuSerif.ttf"),
        ("DejaVuSerif-Bold", "DejaVuSerif-Bold.ttf"),
        ("DejaVuSansCondensed", "DejaVuSansCondensed.ttf"),
        ("DejaVuSansCondensed-Bold", "DejaVuSansCondensed-Bold.ttf"),
    ]:
        pdfmetrics.registerFont(TTFont(name, _DEJAVU + fn))
    _FONTS_DONE = True


FONT_FAMILIES = [
    ("Helvetica", "Helvetica-Bold"),
    ("Times-Roman", "Times-Bold"),
    ("DejaVuSans", "DejaVuSans-Bold"),
    ("DejaVuSerif", "DejaVuSerif-Bold"),
    ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"),
]


@dataclass
class Doc:
    pdf: bytes
    expected: dict
    printed: dict = field(default_factory=dict)  # extra printed strings, for honesty tests


# ----------------------------------------------------------------------------- numbers

def fmt_num(v: float, style: str) -> str:
    """Format a value in one of the number styles seen in NA EPDs."""
    if style == "int":
        return f"{v:.0f}"
    if style == "int_thousands":
        return f"{v:,.0f}"
    if style == "1dp":
        return f"{v:.1f}"
    if style == "1dp_thousands":
        return f"{v:,.1f}"
    if style == "2dp":
        return f"{v:.2f}"
    if style == "3sig":
        if abs(v) >= 100:
            return f"{v:,.0f}"
        if abs(v) >= 10:
            return f"{v:.1f}"
        return f"{v:.2f}"
    if style == "E2":
        return f"{v:.2E}"
    if style == "E2comma":
        return f"{v:.2E}".replace(".", ",")
    if style == "E3":
        return f"{v:.3E}"
    raise ValueError(style)


def parse_num(s: str) -> float:
    s = s.strip()
    if "E" in s or "e" in s:
        return float(s.replace(",", "."))
    return float(s.replace(",", ""))


def fmt_small(v: float, rng: random.Random, style: str) -> str:
    """Format a small 'other indicator' (ODP, AP...) value; may use x10 notation."""
    if style == "x10":
        m, e = f"{v:.2E}".split("E")
        return f"{m}x10<super>{int(e)}</super>"
    return f"{v:.2E}" if style != "E2comma" else f"{v:.2E}".replace(".", ",")


# ----------------------------------------------------------------------------- dates

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _ordinal(d: int) -> str:
    if 10 <= d % 100 <= 20:
        return f"{d}th"
    return f"{d}" + {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def fmt_date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "long_ord":
        return f"{MONTHS[d.month - 1]} {_ordinal(d.day)}, {d.year}"
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmy_long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "long_ord_dot":
        return f"{MONTHS[d.month - 1]} {_ordinal(d.day)} . {d.year}"
    if style == "abbr":
        return f"{MONTHS[d.month - 1][:3]}. {d.day}, {d.year}"
    raise ValueError(style)


def add_years(d: dt.date, n: int) -> dt.date:
    return d.replace(year=d.year + n)


# ----------------------------------------------------------------------------- operators

OPERATORS = {
    "NSF": dict(name=["NSF International", "NSF"], reg=lambda r: f"EPD{r.randint(10010, 19999)}",
                addr="789 N. Dixboro Road, Ann Arbor, MI 48105", us=True),
    "ASTM": dict(name=["ASTM International"], reg=lambda r: f"EPD {r.randint(100, 999)}",
                 addr="100 Barr Harbor Drive, West Conshohocken, PA 19428", us=True),
    "UL": dict(name=["UL Environment", "UL Solutions"],
               reg=lambda r: f"{r.randint(4780000000, 4799999999)}.{r.randint(100, 199)}.1",
               addr="333 Pfingsten Rd, Northbrook IL, 60062", us=True),
    "SCS": dict(name=["SCS Global Services"], reg=lambda r: f"SCS-EPD-{r.randint(1000, 12999):05d}",
                addr="2000 Powell Street, Ste. 600, Emeryville, CA 94608", us=True),
    "NRMCA": dict(name=["NRMCA", "National Ready Mixed Concrete Association"],
                  reg=lambda r: f"NRMCA-{r.randint(2022, 2025)}-{r.randint(1000, 9999)}",
                  addr="66 Canal Center Plaza, Suite 250, Alexandria, VA 22314", us=True),
    "CSA": dict(name=["CSA Group"], reg=lambda r: f"EPD {r.randint(1000, 1999)}-{r.randint(1000, 9999)}",
                addr="178 Rexdale Blvd., Toronto, ON M9W 1R3, Canada", us=False),
    "ICC": dict(name=["ICC-ES"], reg=lambda r: f"EPD-{r.randint(100, 999):04d}",
                addr="3060 Saturn Street, Suite 100, Brea, CA 92821", us=True),
    "SMART": dict(name=["Smart EPD"], reg=lambda r: f"EPD{r.randint(1000, 9999)}",
                  addr="smartepd.com", us=True),
    "HUB": dict(name=["EPD Hub"], reg=lambda r: f"HUB-{r.randint(1000, 4999)}",
                addr="EPD Hub Limited, 7 Bell Yard, London WC2A 2JR", us=False),
    "NAPA": dict(name=["National Asphalt Pavement Association", "NAPA Emerald Eco-Label"],
                 reg=lambda r: f"NAPA-{r.randint(10000, 99999)}-{r.choice('ABCDEFGH')}{r.randint(10, 99)}",
                 addr="6406 Ivy Lane, Suite 350, Greenbelt, MD 20770", us=True),
}

MATERIAL_OPERATORS = {
    "concrete": ["NSF", "NRMCA", "ASTM", "SMART", "CSA", "ICC", "UL", "SCS"],
    "steel": ["SCS", "UL", "ASTM", "SMART", "HUB"],
    "asphalt": ["NAPA", "NAPA", "NAPA", "SMART", "ASTM"],
    "flat_glass": ["UL", "NSF", "SCS", "SMART"],
    "cement": ["ASTM", "NSF", "CSA", "SMART"],
}

PCRS = {
    "concrete": ["NSF PCR for Concrete, Version 2.1 (August 2021)",
                 "PCR for Concrete, NSF International, v2.1, 2021",
                 "ISO 21930:2017 and NSF Product Category Rules for Concrete v2.1"],
    "steel": ["PCR for Designated Steel Construction Products, SCS, v1.0, 2020",
              "UL Environment Part B: Designated Steel Construction Product EPD Requirements, v2.0",
              "PCR Guidance for Building-Related Products Part B: Steel, Version 2.0"],
    "asphalt": ["NAPA PCR for Asphalt Mixtures, Version 2.0 (2022)",
                "Product Category Rules for Asphalt Mixtures v1.0"],
    "flat_glass": ["UL Part B: Flat Glass EPD Requirements, v2.0 (2020)",
                   "PCR for Flat Glass Products, NSF, Version 1.0"],
    "cement": ["PCR for Portland, Blended Hydraulic, Masonry, Mortar and Plastic Cements, v3.2 (2021)",
               "NSF PCR for Portland and Blended Hydraulic Cements, v3.1"],
}

COMPANIES = {
    "concrete": ["Cascade Ready Mix, Inc.", "Tri-County Concrete Co.", "Bluewater Materials LLC",
                 "Granite Peak Aggregates & Concrete", "Summit Redi-Mix Corp.", "Prairie Ready Mixed Ltd.",
                 "Harbor Point Concrete", "Keystone Concrete Supply", "Mesa Verde Ready Mix"],
    "steel": ["Great Lakes Steel Mills Inc.", "Southland Bar & Rebar Co.", "Appalachian Structural Steel",
              "Pacific Rim Steel Corporation", "Ironridge Tube & Pipe", "Northstar Plate Company"],
    "asphalt": ["Blacktop Paving Co.", "Hillside Asphalt LLC", "Roadstar Materials", "Capitol Paving Inc."],
    "flat_glass": ["Clearview Float Glass Co.", "Lakeshore Glass Industries", "Sunrise Architectural Glass"],
    "cement": ["Riverbend Cement Company", "Ozark Portland Cement", "Cascadia Cement Ltd."],
}

STREETS = ["1200 Industrial Pkwy", "455 Quarry Road", "88 Mill Street", "3901 W. Harbor Blvd",
           "17 Kiln Lane", "2500 County Road 12", "610 Foundry Avenue"]
CITIES = ["Sacramento, CA 95814", "Columbus, OH 43215", "Tacoma, WA 98402", "Denver, CO 80216",
          "Austin, TX 78744", "Birmingham, AL 35203", "Edmonton, AB T6E 5A1", "Raleigh, NC 27603",
          "St. Paul, MN 55107", "Albany, NY 12207"]
PLANT_NAMES = ["Riverside Plant", "Plant #12", "North Yard", "Eastgate Plant", "Plant 4 - Southside",
               "Lakeview Facility", "Mill No. 2", "Westfield Plant"]


# ----------------------------------------------------------------------------- products

def _concrete_mix(rng: random.Random, idx: int, strength_mode: str) -> dict:
    kind = rng.random()
    lw = kind < 0.06
    he = 0.06 <= kind < 0.14
    flow = 0.14 <= kind < 0.18 and strength_mode != "mpa"
    scc = 0.18 <= kind < 0.24
    if strength_mode == "mpa":
        mpa = rng.choice([20, 25, 28, 30, 32, 35, 40, 45, 50])
        psi = round(mpa * MPA_TO_PSI, 3)
        s_label = f"{mpa} MPa"
    else:
        psi = float(rng.choice([2500, 3000, 3000, 3500, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000]))
        mpa = None
        s_label = f"{int(psi)} PSI"
    age = rng.choice([28, 28, 28, 28, 56, 56, 90]) if not he else 28
    scm = rng.choice([0, 15, 20, 25, 30, 40, 50])
    scm_kind = rng.choice(["FA", "SL", "FA", "SL"])
    agg = rng.choice(['3/4"', '3/8"', '1"', '1-1/2"'])
    placement = rng.choice(["PUMP", "STRAIGHT", "SLAB", "WALL", "FOOTING", ""])
    base = {2500: 230, 3000: 260, 3500: 280, 4000: 300, 4500: 320, 5000: 345, 6000: 380, 7000: 420,
            8000: 460}
    key = min(base, key=lambda k: abs(k - psi))
    gwp = base[key] * (1 - scm / 100 * 0.55) * rng.uniform(0.85, 1.25)
    if he:
        gwp *= 1.25
    if lw:
        gwp *= 1.15
    parts = [s_label]
    if flow:
        parts = ["FLOWABLE FILL" if rng.random() < 0.6 else "CDF"]
        psi, mpa, age = None, None, None
        gwp = rng.uniform(90, 160)
        scm = 0
    else:
        parts.append(agg)
        if placement:
            parts.append(placement)
        if scm:
            parts.append(f"{scm}% {scm_kind}")
        if he:
            parts.append("HE")
        if lw:
            parts.append("LW")
        if scc:
            parts.append("SCC")
    desc = " ".join(parts)
    prefix = rng.choice(["", "M", "RM-", "C"])
    strength_code = int(psi // 100) if psi and mpa is None else (mpa or 0)
    name = f"{prefix}{strength_code:02d}{rng.randint(10, 99)}{chr(65 + idx % 26)}{rng.randint(1, 9)}"
    if flow:
        name = f"{prefix}FF{rng.randint(100, 999)}"
    return dict(name=name, material="concrete", description=desc, psi=psi, mpa=mpa, age=age,
                lw=lw, he=he, he_days=rng.choice([1, 3, 7]) if he else None, scm=scm,
                base=max(gwp, 80.0), steel_product=None, fabricated=None, route=None,
                glass_processed=None)


STEEL_KINDS = [
    # steel_product, label, route choices, gwp range (kg/t) EAF, integrated
    ("rebar", "Concrete reinforcing bar (rebar), ASTM A615 Grade 60", ["eaf"], (650, 1000), None),
    ("merchant_bar", "Merchant bar quality (MBQ) rounds, flats and angles", ["eaf"], (700, 1050), None),
    ("hot_rolled", "Hot-rolled wide-flange structural sections, ASTM A992", ["eaf"], (750, 1200), None),
    ("hss", "Hollow structural sections (HSS), ASTM A500", ["eaf", "integrated"], (1300, 1700),
     (2200, 2700)),
    ("plate", "Cut-to-length steel plate, ASTM A572 Grade 50", ["eaf", "integrated"], (850, 1250),
     (1800, 2500)),
    ("cold_formed", "Cold-formed galvanized studs and track", ["integrated"], None, (2100, 2500)),
    ("sheet", "Hot-dip galvanized steel sheet", ["integrated", "eaf"], (1100, 1500), (2100, 2600)),
]


def _steel_products(rng: random.Random, n: int) -> list[dict]:
    kind = rng.choice(STEEL_KINDS)
    sp, label, routes, eaf_r, int_r = kind
    route = rng.choice(routes)
    fabricated = sp in ("rebar", "hot_rolled", "hss") and rng.random() < 0.35
    out = []
    for i in range(n):
        r = eaf_r if route == "eaf" else int_r
        g = rng.uniform(*r)
        if fabricated:
            g += rng.uniform(80, 300)
        names = {
            "rebar": ["#3 - #18 Rebar", "Grade 60 Rebar", "Grade 80 Rebar", "Epoxy-coated Rebar",
                      "Fabricated Rebar"],
            "merchant_bar": ["MBQ Rounds", "MBQ Angles", "MBQ Flats", "SBQ Bar"],
            "hot_rolled": ["W-Shapes", "Channels", "Angles (L)", "H-Piles", "Fabricated W-Shapes"],
            "hss": ["HSS Square/Rectangular", "HSS Round", "Fabricated HSS"],
            "plate": ["CTL Plate", "Discrete Plate", "Plate Grade 50"],
            "cold_formed": ["CFS Studs", "CFS Track", "Light-gauge Framing"],
            "sheet": ["HDG Sheet", "Galvalume Sheet", "Cold-rolled Sheet"],
        }[sp]
        name = names[i % len(names)] if i < len(names) else f"{names[0]} {i + 1}"
        out.append(dict(name=name, material="steel", description=label if n == 1 else None, psi=None,
                        mpa=None, age=None, lw=False, he=False, he_days=None, base=g, steel_product=sp,
                        fabricated=fabricated, route=route, glass_processed=None, kind_label=label))
    return out


def _asphalt_mix(rng: random.Random, idx: int) -> dict:
    nmas = rng.choice(["9.5", "12.5", "19.0", "25.0"])
    pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64S-22"])
    rap = rng.choice([0, 10, 15, 20, 25, 30, 35])
    wma = rng.random() < 0.4
    name = f"{rng.choice(['SP', 'HMA', 'SM', 'S'])}-{nmas.replace('.', '')}{chr(65 + idx % 26)}"
    if wma:
        name += " WMA"
    desc = f"{nmas} mm Superpave, {pg}, {rap}% RAP" + (", warm-mix (foaming)" if wma else "")
    g = rng.uniform(45, 115) * (1 - rap / 250)
    return dict(name=name, material="asphalt", description=desc, psi=None, mpa=None, age=None,
                lw=False, he=False, he_days=None, base=g, steel_product=None, fabricated=None,
                route=None, glass_processed=None)


def _glass_products(rng: random.Random, n: int) -> list[dict]:
    processed = rng.random() < 0.3
    kind = rng.choice(["Tempered", "Laminated", "Low-E coated"]) if processed else "Clear float"
    thick = sorted(rng.sample([3, 4, 5, 6, 8, 10, 12], n))
    out = []
    for t in thick:
        mass = 2.5 * t
        g_t = rng.uniform(1050, 1500) * (1.25 if processed else 1.0)
        out.append(dict(name=f"{kind} glass {t} mm", material="flat_glass",
                        description=f"{t} mm, {mass:.1f} kg/m²", psi=None, mpa=None, age=None, lw=False,
                        he=False, he_days=None, base=g_t, mass=mass, thick=t, steel_product=None,
                        fabricated=None, route=None, glass_processed=processed))
    return out


def _cement_products(rng: random.Random, n: int) -> list[dict]:
    names = rng.sample(["Type IL Portland-Limestone Cement", "Type I/II Portland Cement",
                        "Type III Portland Cement", "Type IL(10) Cement", "Type V Portland Cement",
                        "Type GU Cement", "Type GUL Cement"], n)
    out = []
    for nm in names:
        g = rng.uniform(820, 960) if "L" not in nm.split()[1] else rng.uniform(700, 860)
        out.append(dict(name=nm, material="cement", description=None, psi=None, mpa=None, age=None,
                        lw=False, he=False, he_days=None, base=g, steel_product=None, fabricated=None,
                        route=None, glass_processed=None))
    return out


# ----------------------------------------------------------------------------- spec

MATERIAL_WEIGHTS = [("concrete", 50), ("steel", 20), ("asphalt", 15), ("flat_glass", 10), ("cement", 5)]
INDUSTRY_BODIES = {
    "concrete": "National Ready Mixed Concrete Association (NRMCA)",
    "steel": "Concrete Reinforcing Steel Institute (CRSI)",
    "flat_glass": "National Glass Association (NGA)",
    "cement": "Portland Cement Association (PCA)",
    "asphalt": "National Asphalt Pavement Association (NAPA)",
}
EPD_TYPE_LABELS = {
    "product_specific": ["Product-specific", "Product specific", "Product-Specific EPD"],
    "facility_specific": ["Facility-specific", "Plant-specific", "Facility specific (single plant)"],
    "company_average": ["Company average", "Company-wide average (multiple facilities)"],
    "industry_average": ["Industry-wide", "Industry average", "Industry-wide (sector) EPD"],
    "product_group_average": ["Product group average", "Average of a product group"],
}
UNIT_LABEL = {"m3": "m³", "yd3": "yd³", "t": "metric ton", "short_ton": "short ton", "m2": "m²"}
UNIT_SHORT = {"m3": "m³", "yd3": "yd³", "t": "t", "short_ton": "sh. ton", "m2": "m²"}
DECLARED_UNIT_TEXT = {
    "m3": "1 m³ (cubic meter) of ready mixed concrete",
    "yd3": "1 yd³ (cubic yard) of ready mixed concrete",
    "t": "1 metric ton (1,000 kg) of {what}",
    "short_ton": "1 short ton (2,000 lb) of {what}",
    "m2": "1 m² of {what} of the stated thickness",
}
WHAT = {"steel": "steel product", "asphalt": "asphalt mixture", "flat_glass": "flat glass",
        "cement": "cement", "concrete": "concrete"}


def _unit_value(p: dict, unit: str) -> float:
    m = p["material"]
    b = p["base"]
    if m == "concrete":
        return b if unit == "m3" else b * YD3_PER_M3
    if m == "asphalt":
        return b if unit == "short_ton" else b / SHORT_TON
    if m == "flat_glass":
        return b if unit == "t" else b * p["mass"] / 1000.0
    return b if unit == "t" else b * SHORT_TON


def build_spec(seed: int) -> dict:
    rng = random.Random(seed)
    mats, wts = zip(*MATERIAL_WEIGHTS, strict=False)
    material = rng.choices(mats, wts)[0]
    choices: list[str] = [material]

    # --- products and layout
    if material == "concrete":
        r = rng.random()
        if r < 0.35:
            n = 1
        elif r < 0.55:
            n = rng.randint(2, 6)
        elif r < 0.85:
            n = rng.randint(7, 40)
        else:
            n = rng.randint(41, 120)
        strength_mode = rng.choice(["psi_col", "psi_col", "mpa_col", "name"]) if n > 1 else rng.choice(
            ["psi", "psi", "mpa"])
        smode_mix = "mpa" if strength_mode == "mpa_col" or strength_mode == "mpa" else "psi"
        products = [_concrete_mix(rng, i, smode_mix) for i in range(n)]
        if strength_mode == "name":
            for p in products:
                if p["age"] is not None:
                    p["age"] = 28
        names = set()
        for i, p in enumerate(products):
            while p["name"] in names:
                p["name"] += chr(65 + i % 26)
            names.add(p["name"])
        declared = rng.choice(["m3", "m3", "yd3"])
        units = rng.choice([[declared], sorted({declared, "m3", "yd3"})])
    elif material == "steel":
        n = rng.choice([1, 1, 1, 2, 3])
        products = _steel_products(rng, n)
        strength_mode = None
        declared = rng.choice(["t", "t", "t", "short_ton"])
        units = rng.choice([[declared], ["t", "short_ton"]])
    elif material == "asphalt":
        n = rng.choice([1, 1, 2, 3, 4, 6, 8, 12])
        products = [_asphalt_mix(rng, i) for i in range(n)]
        strength_mode = None
        declared = rng.choice(["short_ton", "short_ton", "t"])
        units = rng.choice([[declared], [declared], ["short_ton", "t"]])
    elif material == "flat_glass":
        n = rng.choice([1, 2, 3, 4])
        products = _glass_products(rng, n)
        strength_mode = None
        declared = rng.choice(["m2", "m2", "t"])
        units = rng.choice([[declared], ["t", "m2"]])
    else:
        n = rng.choice([1, 1, 2, 3])
        products = _cement_products(rng, n)
        strength_mode = None
        declared = rng.choice(["t", "t", "short_ton"])
        units = rng.choice([[declared], ["t", "short_ton"]])
    if declared not in units:
        units = [declared, *units]
    # declared unit first in column order
    units = [declared] + [u for u in units if u != declared]

    if n == 1:
        layout = rng.choice(["modcols", "modcols", "modrows"])
    elif n <= 6 and material != "concrete":
        layout = rng.choice(["prodcols", "prodcols", "mixrows", "modcols"])
    elif n <= 6:
        layout = rng.choice(["prodcols", "mixrows", "mixrows", "modcols"])
    else:
        layout = "mixrows"
    if layout == "modcols" and n > 4:
        layout = "mixrows"
    special = any(p.get("lw") or p.get("he") or (material == "concrete" and p["psi"] is None)
                  for p in products)
    show_desc = material in ("concrete", "asphalt", "flat_glass") and (
        strength_mode == "name" or special or material == "flat_glass" or rng.random() < 0.75)

    # modules
    if material == "asphalt":
        modules = rng.choice(["split", "split", "split_total", "total"])
    else:
        modules = rng.choice(["total", "total", "split_total", "split"])
    if layout == "mixrows" and modules != "total" and len(units) > 1:
        units = units[:1]
    if layout == "prodcols" and modules != "total" and len(units) > 1:
        units = units[:1]

    # number style
    if material in ("asphalt", "flat_glass"):
        nstyle = rng.choice(["1dp", "2dp", "3sig", "E2", "E2comma", "E3"])
    else:
        nstyle = rng.choice(["int", "int_thousands", "1dp", "1dp_thousands", "2dp", "3sig", "E2",
                             "E2comma", "E3"])
    method = rng.choice(["TRACI 2.1", "TRACI 2.1", "TRACI 2.2"])
    second = rng.choice([None, None, "EF 3.1", "CML-IA"])
    if layout == "mixrows" and n > 30:
        second = None

    # values
    for p in products:
        fr1 = rng.uniform(0.72, 0.9)
        fr2 = rng.uniform(0.02, 0.08)
        p["frac"] = (fr1, fr2, 1 - fr1 - fr2)
        p["vals"] = {}
        p["vals2"] = {}
        p["other"] = {}
        k2 = rng.uniform(0.95, 1.06)
        of = dict(ODP=rng.uniform(2e-9, 2e-8), AP=rng.uniform(0.002, 0.006), EP=rng.uniform(2e-4, 8e-4),
                  SFP=rng.uniform(0.03, 0.08), PENRT=rng.uniform(6, 14))
        for u in units:
            v = _unit_value(p, u)
            p["vals"][u] = _module_strings(v, p["frac"], nstyle)
            p["vals2"][u] = _module_strings(v * k2, p["frac"], nstyle)
            p["other"][u] = {k: v * f for k, f in of.items()}

    # operator, people, dates
    opkey = rng.choice(MATERIAL_OPERATORS[material])
    op = OPERATORS[opkey]
    op_name = rng.choice(op["name"])
    reg = op["reg"](rng)
    if material == "concrete":
        etypes = ["product_specific", "product_specific", "facility_specific"]
    elif material == "steel":
        etypes = ["product_specific", "facility_specific", "company_average", "industry_average"]
    elif material == "asphalt":
        etypes = ["product_specific", "facility_specific"]
    elif material == "flat_glass":
        etypes = ["facility_specific", "company_average", "product_group_average"]
    else:
        etypes = ["facility_specific", "product_specific", "industry_average"]
    epd_type = rng.choice(etypes)
    if epd_type == "industry_average":
        manufacturer = INDUSTRY_BODIES[material]
        if material == "steel" and products[0]["steel_product"] != "rebar":
            manufacturer = "American Institute of Steel Construction (AISC)"
        plant = None
    else:
        manufacturer = rng.choice(COMPANIES[material])
        plant = None if epd_type == "company_average" else rng.choice(PLANT_NAMES)
    issued = dt.date(rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28))
    vmode = rng.choice(["until", "range", "years"])
    if vmode == "years":
        valid_until = add_years(issued, 5)
    else:
        valid_until = add_years(issued, 5) - dt.timedelta(days=rng.choice([0, 1, 1]))
    if op["us"]:
        dstyle = rng.choice(["long", "long_ord", "us", "iso", "abbr", "long", "us", "long_ord_dot"])
    else:
        dstyle = rng.choice(["iso", "dmy_long", "long"])
    verified = rng.random() < 0.88

    choices += [f"n={n}", layout, f"modules={modules}", f"units={'+'.join(units)}", nstyle, method,
                f"second={second}", opkey, epd_type, f"validity={vmode}", f"date={dstyle}"]
    if strength_mode:
        choices.append(f"strength={strength_mode}")
    return dict(rng=rng, material=material, products=products, layout=layout, modules=modules,
                units=units, declared=declared, nstyle=nstyle, method=method, second=second,
                opkey=opkey, op=op, op_name=op_name, reg=reg, epd_type=epd_type,
                manufacturer=manufacturer, plant=plant, issued=issued, valid_until=valid_until,
                vmode=vmode, dstyle=dstyle, show_desc=show_desc, verified=verified, strength_mode=strength_mode,
                choices=choices, pcr=rng.choice(PCRS[material]))


def _module_strings(v: float, frac: tuple, nstyle: str) -> dict:
    a1, a2, a3 = (v * f for f in frac)
    return {"A1": fmt_num(a1, nstyle), "A2": fmt_num(a2, nstyle), "A3": fmt_num(a3, nstyle),
            "total": fmt_num(v, nstyle)}


# ----------------------------------------------------------------------------- rendering helpers

class Anchor(Flowable):
    """Zero-size flowable that records the page it lands on."""

    def __init__(self, key):
        super().__init__()
        self.key = key
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return (0, 0)

    def draw(self):
        pass


class _DocT(BaseDocTemplate):
    def __init__(self, buf, **kw):
        super().__init__(buf, **kw)
        self.anchors: dict = {}

    def afterFlowable(self, flowable):
        if isinstance(flowable, Anchor):
            self.anchors[flowable.key] = self.page


def _co2() -> str:
    return "CO<sub>2</sub>"


class Ctx:
    """Rendering context: fonts, sizes, styles."""

    def __init__(self, rng: random.Random, landscape_: bool):
        self.rng = rng
        self.font, self.bold = rng.choice(FONT_FAMILIES)
        self.size = rng.choice([8, 8.5, 9, 9.5, 10])
        self.tsize = rng.choice([6.5, 7, 7.5, 8])
        self.accent = rng.choice([colors.HexColor("#1f4e79"), colors.HexColor("#2e7d32"),
                                  colors.HexColor("#6a1b9a"), colors.HexColor("#b23c17"),
                                  colors.HexColor("#37474f")])
        self.grid = rng.choice(["grid", "lines", "zebra", "box"])
        self.head_fill = rng.choice([True, False])
        self.landscape = landscape_
        self.lean = False
        self.page_w, self.page_h = landscape(letter) if landscape_ else letter
        self.margin = rng.choice([0.6, 0.75, 0.9]) * inch
        self.body = ParagraphStyle("b", fontName=self.font, fontSize=self.size, leading=self.size * 1.3)
        self.small = ParagraphStyle("s", fontName=self.font, fontSize=self.tsize, leading=self.tsize * 1.2)
        self.head = ParagraphStyle("h", fontName=self.bold, fontSize=self.tsize, leading=self.tsize * 1.2,
                                   textColor=colors.white if self.head_fill else colors.black)
        self.h1 = ParagraphStyle("h1", fontName=self.bold, fontSize=self.size + 8, leading=self.size + 11,
                                 textColor=self.accent)
        self.h2 = ParagraphStyle("h2", fontName=self.bold, fontSize=self.size + 3, leading=self.size + 5,
                                 spaceBefore=6, spaceAfter=4, textColor=self.accent)
        self.label = ParagraphStyle("l", fontName=self.bold, fontSize=self.size - 0.5,
                                    leading=(self.size - 0.5) * 1.25)
        self.label_r = ParagraphStyle("lr", parent=self.label, alignment=TA_RIGHT)

    @property
    def width(self) -> float:
        return self.page_w - 2 * self.margin

    def table_style(self, n_head: int, nrows: int, extra=()) -> TableStyle:
        cmds = [("FONT", (0, 0), (-1, -1), self.font, self.tsize),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, n_head), (-1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        if n_head:
            cmds.append(("FONT", (0, 0), (-1, n_head - 1), self.bold, self.tsize))
            if self.head_fill:
                cmds.append(("BACKGROUND", (0, 0), (-1, n_head - 1), self.accent))
                cmds.append(("TEXTCOLOR", (0, 0), (-1, n_head - 1), colors.white))
            cmds.append(("LINEBELOW", (0, n_head - 1), (-1, n_head - 1), 0.8, colors.black))
        if self.grid == "grid":
            cmds.append(("GRID", (0, 0), (-1, -1), 0.4, colors.grey))
        elif self.grid == "box":
            cmds.append(("BOX", (0, 0), (-1, -1), 0.8, colors.black))
            cmds.append(("INNERGRID", (0, 0), (-1, -1), 0.25, colors.lightgrey))
        elif self.grid == "zebra":
            for r in range(n_head, nrows):
                if (r - n_head) % 2 == 1:
                    cmds.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#eef2f6")))
        else:
            cmds.append(("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black))
        cmds.extend(extra)
        return TableStyle(cmds)


def _hp(ctx: Ctx, text: str) -> Paragraph:
    return Paragraph(text, ctx.head)


def _cp(ctx: Ctx, text: str) -> Paragraph:
    return Paragraph(text, ctx.small)


def _unit_html(u: str) -> str:
    return {"m3": "m<super>3</super>", "yd3": "yd<super>3</super>", "t": "metric ton",
            "short_ton": "short ton", "m2": "m<super>2</super>"}[u]


def _other_str(v: float, kind: str, nstyle: str) -> str:
    if kind == "ODP" or "E" in nstyle:
        out = f"{v:.2E}"
    elif kind == "PENRT":
        out = f"{v:,.0f}"
    else:
        out = f"{v:.3g}"
    return out.replace(".", ",") if nstyle == "E2comma" else out


OTHER_LABELS = {
    "ODP": ("Ozone depletion potential (ODP)", "kg CFC-11 eq"),
    "AP": ("Acidification potential (AP)", "kg SO<sub>2</sub> eq"),
    "EP": ("Eutrophication potential (EP)", "kg N eq"),
    "SFP": ("Smog formation potential (SFP)", "kg O<sub>3</sub> eq"),
    "PENRT": ("Non-renewable primary energy (PENRT)", "MJ, LHV"),
}


# ----------------------------------------------------------------------------- results tables

MOD_LABELS = {
    "A1": ["A1", "A1<br/>Raw materials", "A1 Raw material supply", "Upstream (A1)"],
    "A2": ["A2", "A2<br/>Transport", "A2 Transport"],
    "A3": ["A3", "A3<br/>Manufacturing", "A3 Manufacturing"],
    "total": ["A1-A3", "A1-A3 Total", "Total (A1-A3)", "Product stage (A1-A3)", "A1–A3"],
}


def _mods(modules: str) -> list[str]:
    return {"total": ["total"], "split_total": ["A1", "A2", "A3", "total"], "split": ["A1", "A2", "A3"]}[
        modules]


def _gwp_label(rng: random.Random) -> str:
    return rng.choice(["Global warming potential (GWP)", "GWP", "Global Warming Potential, GWP 100",
                       "Climate change (GWP)", "GWP 100"])


class TooWide(Exception):
    pass


class Results:
    def __init__(self, spec: dict, ctx: Ctx):
        self.s = spec
        self.ctx = ctx
        self.rng = ctx.rng
        self.k = 0
        self.prod_chunk: dict[int, int] = {}
        self.tno = self.rng.randint(3, 7)
        self.modlab = {m: self.rng.choice(v) for m, v in MOD_LABELS.items()}
        self.co2e = self.rng.choice(["kg CO<sub>2</sub> eq", "kg CO<sub>2</sub>e", "kg CO2 eq", "kg CO2e"])
        self.fmark = self.rng.choice(["", "", "", "<super>1</super>", "*", "<super>a</super>"])
        self.x10 = self.rng.random() < 0.35
        self.footnote = {
            "": None,
            "<super>1</super>": "<super>1</super> GWP 100, excluding biogenic carbon removals and emissions.",
            "*": "* Calculated with IPCC AR5 characterization factors as implemented in TRACI.",
            "<super>a</super>": "<super>a</super> Includes all greenhouse gases; biogenic CO<sub>2</sub> "
                                "reported separately.",
        }[self.fmark]

    def _ostr(self, v: float, kind: str):
        if self.x10 and kind == "ODP":
            m, e = f"{v:.2E}".split("E")
            return _cp(self.ctx, f"{m}x10<super>{int(e)}</super>")
        return _other_str(v, kind, self.s["nstyle"])

    def _wrap(self, caption: str | None, table: Table, prods: list[int], primary: bool) -> list:
        k = self.k
        self.k += 1
        if primary:
            for i in prods:
                self.prod_chunk.setdefault(i, k)
        items = [Anchor(("s", k))]
        if caption:
            items.append(Paragraph(caption, self.ctx.label))
            items.append(Spacer(1, 3))
        items += [table, Anchor(("e", k))]
        if self.footnote and primary:
            items.append(Paragraph(self.footnote, self.ctx.small))
        items.append(Spacer(1, 10))
        from reportlab.platypus import KeepTogether
        return [KeepTogether(items)]

    def caption(self, text: str) -> str:
        self.tno += 1
        return f"Table {self.tno}. {text}"

    # --- mixes as rows
    def mixrows(self, rpp: int, method: str, which: str) -> list:
        s, ctx, rng = self.s, self.ctx, self.rng
        prods = s["products"]
        mat = s["material"]
        cols: list[tuple] = []  # (group, head, fn, weight)
        idhead = {"concrete": ["Mix ID", "Mix No.", "Mix Number", "Mix Code"],
                  "asphalt": ["Mix ID", "Mix Designation", "Mix Name"]}.get(mat, ["Product"])
        cols.append((None, rng.choice(idhead), lambda p: p["name"], 1.2))
        show_desc = s["show_desc"]
        self.desc_shown = show_desc
        if show_desc:
            cols.append((None, "Description", lambda p: _cp(ctx, p["description"]), 2.8))
        if mat == "concrete":
            sm = s["strength_mode"]
            ages = {p["age"] for p in prods if p["age"]}
            if sm == "psi_col":
                thou = rng.random() < 0.5

                def fpsi(p, thou=thou):
                    if p["psi"] is None:
                        return "—"
                    return f"{int(p['psi']):,}" if thou else f"{int(p['psi'])}"
                if len(ages) <= 1:
                    a = ages.pop() if ages else 28
                    cols.append((None, rng.choice([f"f'c @ {a} d<br/>(psi)", f"{a}-day<br/>strength (psi)",
                                                   f"Compressive strength<br/>{a} days (psi)"]), fpsi, 1.0))
                else:
                    cols.append((None, "f'c<br/>(psi)", fpsi, 0.8))
                    cols.append((None, "Age<br/>(days)", lambda p: str(p["age"]) if p["age"] else "—", 0.75))
            elif sm == "mpa_col":
                if len(ages) <= 1:
                    a = ages.pop() if ages else 28
                    cols.append((None, f"f'c {a} d<br/>(MPa)", lambda p: str(p["mpa"]), 0.8))
                else:
                    cols.append((None, "Strength<br/>(MPa)", lambda p: str(p["mpa"]), 0.8))
                    cols.append((None, "Test age<br/>(days)", lambda p: str(p["age"]), 0.8))
            if any(p["he"] for p in prods):
                def fe(p):
                    if not p["he"]:
                        return "—"
                    if p["mpa"]:
                        return f"{round(p['mpa'] * 0.55)} MPa @ {p['he_days']} d"
                    return f"{int(p['psi'] * 0.55 // 50 * 50):,} psi @ {p['he_days']} d"
                cols.append((None, "Early-age<br/>strength", fe, 1.2))
            if rng.random() < 0.5 and not ctx.lean:
                cols.append((None, "SCM<br/>(%)", lambda p: str(p["scm"]), 0.6))
            if rng.random() < 0.3 and not ctx.lean:
                cols.append((None, "Cementitious<br/>(lb/yd<super>3</super>)",
                             lambda p: str(int(p["base"] * 1.9 // 5 * 5)), 1.0))
        units = s["units"]
        grouped = rng.random() < 0.6
        vals = "vals" if which == "traci" else "vals2"
        gname = ("GWP" + self.fmark if which == "traci" else "GWP" if method == "CML-IA" else "GWP-total")
        if s["modules"] == "total":
            for u in units:
                if grouped:
                    cols.append((f"{gname} ({method}), {self.co2e}", f"per {_unit_html(u)}",
                                 lambda p, u=u: p[vals][u]["total"], 1.0))
                else:
                    cols.append((None, f"{gname} A1-A3<br/>({self.co2e}<br/>per {_unit_html(u)})",
                                 lambda p, u=u: p[vals][u]["total"], 1.1))
        else:
            u = units[0]
            for m in _mods(s["modules"]):
                cols.append((f"{gname} ({method}), {self.co2e} per {_unit_html(u)}", self.modlab[m],
                             lambda p, m=m: p[vals][u][m], 0.9))
            grouped = True
        if which == "traci" and not ctx.lean:
            for kind in rng.sample(["ODP", "AP", "EP", "SFP"], rng.choice([0, 0, 1, 2, 3])):
                _lab, unit = OTHER_LABELS[kind]
                cols.append((None, f"{kind}<br/>({unit})",
                             lambda p, kind=kind: self._ostr(p["other"][units[0]][kind], kind),
                             1.0))
            if mat == "concrete" and rng.random() < 0.3:
                bf = {p["name"]: rng.uniform(1.05, 1.6) for p in prods}
                cols.append((None, f"Regional<br/>baseline<br/>({self.co2e}/{_unit_html(units[0])})",
                             lambda p: f"{_unit_value(p, units[0]) * bf[p['name']]:.0f}", 1.0))
                cols.append((None, "% vs.<br/>baseline", lambda p: f"{-100 * (1 - 1 / bf[p['name']]):.0f}%", 0.8))
        # build header rows
        has_group = grouped and any(c[0] for c in cols)
        head1, head2, spans = [], [], []
        i = 0
        while i < len(cols):
            g = cols[i][0]
            j = i
            while j + 1 < len(cols) and g and cols[j + 1][0] == g:
                j += 1
            if g:
                head1 += [_hp(ctx, g)] + [""] * (j - i)
                spans.append(("SPAN", (i, 0), (j, 0)))
            else:
                head1 += [_hp(ctx, cols[i][1])] + [""] * (j - i)
                if has_group:
                    spans.append(("SPAN", (i, 0), (i, 1)))
            for c in range(i, j + 1):
                head2.append(_hp(ctx, cols[c][1]) if g else "")
            i = j + 1
        heads = [head1, head2] if has_group else [head1]
        widths = []
        for c in cols:
            words = re.sub(r"<[^>]+>", " ", (c[1] or "") + " " + (c[0] or "" if False else "")).split()
            wmin = max([pdfmetrics.stringWidth(w, ctx.bold, ctx.tsize) for w in words] or [10])
            if c[1] == "Description":
                wmin = max(wmin, 1.5 * inch)
            else:
                for i in range(len(prods)):
                    v = c[2](prods[i])
                    if isinstance(v, str):
                        wmin = max(wmin, pdfmetrics.stringWidth(v, ctx.font, ctx.tsize))
            widths.append(wmin + 8)
        extra = ctx.width - sum(widths)
        if extra < 0:
            raise TooWide
        if show_desc:
            di = [c[1] for c in cols].index("Description")
            widths[di] += extra * 0.6
            extra *= 0.4
        widths = [w + extra / len(widths) for w in widths]
        rep = rng.random() < 0.7
        cont = rng.random() < 0.5
        title = (f"{method} results per declared unit, A1-A3 (cradle to gate)" if which == "traci"
                 else f"Additional results, {method} (for information)")
        cap = self.caption(title)
        out = []
        for ci in range(0, len(prods), rpp):
            chunk = list(range(ci, min(ci + rpp, len(prods))))
            rows = [[c[2](prods[i]) for c in cols] for i in chunk]
            first = ci == 0
            hh = heads if (first or rep) else []
            data = hh + rows
            extra = list(spans) if hh else []
            t = Table(data, colWidths=widths, repeatRows=0)
            t.setStyle(ctx.table_style(len(hh), len(data), extra))
            c = cap if first else (cap.split(".")[0] + ". (continued)" if cont else None)
            if True:
                out.append(PageBreak())
            out += self._wrap(c, t, chunk, which == "traci")
        return out

    # --- products as columns
    def prodcols(self, method: str, which: str) -> list:
        s, ctx, rng = self.s, self.ctx, self.rng
        prods = s["products"]
        vals = "vals" if which == "traci" else "vals2"
        head = [_hp(ctx, "Impact category"), _hp(ctx, "Unit")] + [_hp(ctx, p["name"]) for p in prods]
        rows = []
        gl = (_gwp_label(rng) + self.fmark if which == "traci"
              else ("GWP-total" if method == "EF 3.1" else "GWP 100"))
        for u in s["units"]:
            for m in _mods(s["modules"]):
                lab = gl if s["modules"] == "total" else f"{gl}, {self.modlab[m].replace('<br/>', ' ')}"
                rows.append([_cp(ctx, lab), _cp(ctx, f"{self.co2e} per {_unit_html(u)}")]
                            + [p[vals][u][m] for p in prods])
        if which == "traci":
            for kind in rng.sample(["ODP", "AP", "EP", "SFP", "PENRT"], rng.choice([2, 3, 4, 5])):
                lab, unit = OTHER_LABELS[kind]
                rows.append([_cp(ctx, lab), _cp(ctx, f"{unit} per {_unit_html(s['units'][0])}")]
                            + [self._ostr(p["other"][s["units"][0]][kind], kind) for p in prods])
        data = [head, *rows]
        need = 0.0
        for p in prods:
            for w in p["name"].split():
                need = max(need, pdfmetrics.stringWidth(w, ctx.bold, ctx.tsize))
        for r in rows:
            for v in r[2:]:
                if isinstance(v, str):
                    need = max(need, pdfmetrics.stringWidth(re.sub(r"<[^>]+>", "", v), ctx.font, ctx.tsize))
        rest = max(need + 14, ctx.width * 0.5 / len(prods))
        w0 = (ctx.width - rest * len(prods)) * 0.6
        w1 = (ctx.width - rest * len(prods)) * 0.4
        t = Table(data, colWidths=[w0, w1] + [rest] * len(prods))
        t.setStyle(ctx.table_style(1, len(data)))
        cap = self.caption(f"{method} life cycle impact assessment results, production stage A1-A3"
                           if which == "traci" else f"{method} results (supplementary), A1-A3")
        return self._wrap(cap, t, list(range(len(prods))), which == "traci")

    # --- one table per product, indicators as rows and modules as columns (or transposed)
    def side_by_side(self, method: str) -> list | None:
        """One table per product with the two units side by side (m3 | yd3, t | short ton)."""
        s, ctx, rng = self.s, self.ctx, self.rng
        mods = _mods(s["modules"])
        units = s["units"]
        kinds = rng.sample(["ODP", "AP", "EP", "SFP"], rng.choice([1, 2, 3, 4]))
        lab_w = max(pdfmetrics.stringWidth(w, ctx.bold, ctx.tsize)
                    for m in mods for w in re.sub(r"<[^>]+>", " ", self.modlab[m]).split()) + 10
        ncol = len(mods) * len(units)
        mw = max(lab_w, 48)
        if ncol * mw > ctx.width * 0.68:
            return None
        out = []
        for i, p in enumerate(s["products"]):
            head1 = [_hp(ctx, "Indicator"), _hp(ctx, "Unit")]
            head2 = ["", ""]
            spans = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]
            for ui, u in enumerate(units):
                head1 += [_hp(ctx, f"Per 1 {_unit_html(u)}")] + [""] * (len(mods) - 1)
                c0 = 2 + ui * len(mods)
                spans.append(("SPAN", (c0, 0), (c0 + len(mods) - 1, 0)))
                head2 += [_hp(ctx, self.modlab[m]) for m in mods]
            rows = [[_cp(ctx, _gwp_label(rng) + self.fmark), _cp(ctx, self.co2e)]
                    + [p["vals"][u][m] for u in units for m in mods]]
            for kd in kinds:
                lab, unit = OTHER_LABELS[kd]
                rows.append([_cp(ctx, lab), _cp(ctx, unit)]
                            + [self._ostr(p["other"][u][kd] * (p["frac"][j] if m != "total" else 1), kd)
                               for u in units for j, m in enumerate(mods)])
            data = [head1, head2, *rows]
            rest = ctx.width - mw * ncol
            t = Table(data, colWidths=[rest * 0.65, rest * 0.35] + [mw] * ncol)
            t.setStyle(ctx.table_style(2, len(data), spans))
            cap = self.caption(f"{method} results for {p['name']} (production stage)")
            out += self._wrap(cap, t, [i], True)
        return out

    def per_product(self, transposed: bool, method: str, which: str) -> list:
        s, ctx, rng = self.s, self.ctx, self.rng
        if (which == "traci" and not transposed and len(s["units"]) == 2 and rng.random() < 0.5):
            side = self.side_by_side(method)
            if side is not None:
                return side
        out = []
        vals = "vals" if which == "traci" else "vals2"
        mods = _mods(s["modules"])
        kinds = rng.sample(["ODP", "AP", "EP", "SFP", "PENRT"], rng.choice([2, 3, 4, 5]))
        for i, p in enumerate(s["products"]):
            for ui, u in enumerate(s["units"]):
                o = p["other"][u]
                if which == "traci":
                    gl = _gwp_label(rng) + self.fmark
                    ind = [(gl, self.co2e, [p[vals][u][m] for m in mods])]
                    for kd in kinds:
                        lab, unit = OTHER_LABELS[kd]
                        ind.append((lab, unit, [self._ostr(o[kd] * p["frac"][j] if m != "total" else o[kd], kd)
                                                for j, m in enumerate(mods)]))
                elif method == "EF 3.1":
                    tot = parse_num(p[vals][u]["total"])
                    ind = [("GWP-fossil", self.co2e, [fmt_num(parse_num(p[vals][u][m]) * 0.985, s["nstyle"])
                                                      for m in mods]),
                           ("GWP-biogenic", self.co2e, [f"{-tot * 0.004:.2E}" for _ in mods]),
                           ("GWP-luluc", self.co2e, [f"{tot * 0.0004:.2E}" for _ in mods]),
                           ("GWP-total", self.co2e, [p[vals][u][m] for m in mods])]
                else:
                    ind = [("Global warming (GWP100a)", self.co2e, [p[vals][u][m] for m in mods]),
                           ("Abiotic depletion, fossil fuels", "MJ",
                            [f"{o['PENRT'] * 0.9:,.0f}" for _ in mods])]
                if not transposed:
                    head = [_hp(ctx, "Indicator"), _hp(ctx, "Unit")] + [_hp(ctx, self.modlab[m]) for m in mods]
                    rows = [[_cp(ctx, a), _cp(ctx, b), *c] for a, b, c in ind]
                    mw = max(pdfmetrics.stringWidth(w, ctx.bold, ctx.tsize)
                             for m in mods for w in re.sub(r"<[^>]+>", " ", self.modlab[m]).split()) + 10
                    mw = max(mw, ctx.width * 0.46 / len(mods))
                    rest = ctx.width - mw * len(mods)
                    widths = [rest * 0.7, rest * 0.3] + [mw] * len(mods)
                else:
                    head = [_hp(ctx, "Module")] + [_hp(ctx, f"{a}<br/>({b})") for a, b, _ in ind]
                    rows = [[_cp(ctx, self.modlab[m])] + [c[j] for _, _, c in ind] for j, m in enumerate(mods)]
                    widths = [ctx.width * 0.22] + [ctx.width * 0.78 / len(ind)] * len(ind)
                data = [head, *rows]
                t = Table(data, colWidths=widths)
                t.setStyle(ctx.table_style(1, len(data)))
                unit_txt = {"m3": "1 m<super>3</super>", "yd3": "1 yd<super>3</super>", "t": "1 metric ton",
                            "short_ton": "1 short ton", "m2": "1 m<super>2</super>"}[u]
                if which == "traci":
                    cap = self.caption(f"{method} results for {p['name']}, per {unit_txt}")
                else:
                    cap = self.caption(f"Supplementary {method} results for {p['name']}, per {unit_txt}")
                out += self._wrap(cap, t, [i], which == "traci" and ui == 0)
        return out


# ----------------------------------------------------------------------------- front matter

def _checkbox(ctx: Ctx, on: bool) -> str:
    if ctx.font.startswith("DejaVu"):
        return "☒" if on else "☐"
    return "[X]" if on else "[ ]"


def _meta_rows(spec: dict, ctx: Ctx, pr: dict) -> list[tuple[str, str]]:
    rng = ctx.rng
    s = spec
    rows: list[tuple[str, str]] = []
    rows.append((rng.choice(["Program Operator", "EPD Program and Program Operator", "Program operator"]),
                 f"{s['op_name']}<br/>{s['op']['addr']}"))
    rows.append((rng.choice(["Declaration Holder", "Manufacturer Name and Address", "Declaration owner",
                             "Manufacturer"]),
                 f"{s['manufacturer']}<br/>{s['addr']}"))
    if s["plant"]:
        rows.append((rng.choice(["Plant", "Manufacturing location", "Production facility"]),
                     f"{s['plant']}, {s['plant_addr']}"))
    rows.append((rng.choice(["Declaration Number", "EPD Number", "EPD registration number",
                             "Declaration No."]), s["reg"]))
    prods = s["products"]
    if len(prods) == 1:
        rows.append(("Declared product", prods[0]["name"]))
    else:
        rows.append(("Declared products", f"{len(prods)} products (see results tables)"))
    rows.append((rng.choice(["Declared Unit", "Declared unit", "Functional unit or declared unit"]),
                 DECLARED_UNIT_TEXT[s["declared"]].format(what=WHAT[s["material"]])))
    pcr = s["pcr"]
    if rng.random() < 0.5:
        pcr += f" (PCR valid through {pr['pcr_valid']})"
    rows.append((rng.choice(["Reference PCR", "Product Category Rule", "Reference PCR and version number"]),
                 pcr))
    rows.append((pr["issued_label"], pr["issued"]))
    rows.append((pr["valid_label"], pr["valid_text"]))
    rows.append(("EPD type", pr["etype"]))
    rows.append(("EPD scope", rng.choice(["Cradle to gate (A1-A3)", "Cradle-to-gate", "A1-A3, cradle to gate"])))
    meth = s["method"] + (f" and {s['second']}" if s["second"] else "")
    rows.append((rng.choice(["LCIA method and version", "Impact assessment method", "LCIA Methodology"]), meth))
    rows.append(("LCA report date", pr["lca_date"]))
    if s["verified"]:
        vt = (f"Independent verification of the declaration and data, according to ISO 14025 and ISO 21930: "
              f"{_checkbox(ctx, False)} internal {_checkbox(ctx, True)} external. Verified on {pr['verif_date']}.")
    else:
        vt = ("Internal verification only: this declaration has not been verified by an independent "
              f"third party. {_checkbox(ctx, True)} internal {_checkbox(ctx, False)} external")
    rows.append(("Verification", vt))
    return rows


def _meta_table(rows, ctx: Ctx) -> Table:
    style = ctx.rng.choice(["ul", "scs", "plain"])
    data = []
    for lab, val in rows:
        if style == "ul":
            lp = Paragraph(lab.upper(), ctx.label)
        elif style == "scs":
            lp = Paragraph(lab + ":", ctx.label_r)
        else:
            lp = Paragraph(lab, ctx.label)
        data.append([lp, Paragraph(val, ctx.body)])
    t = Table(data, colWidths=[ctx.width * 0.34, ctx.width * 0.66])
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if style == "ul":
        cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.grey))
    t.setStyle(TableStyle(cmds))
    return t


def _sidebar_meta(rows, ctx: Ctx) -> Table:
    """Key facts in a shaded left sidebar, the rest as a label/value list on the right."""
    keys = ("number", "no.", "issue", "issued", "publication", "valid", "expiration", "operator")
    side, main = [], []
    for lab, val in rows:
        (side if any(k in lab.lower() for k in keys) else main).append((lab, val))
    sw = ctx.width * 0.32
    side_flow = []
    for lab, val in side:
        side_flow.append(Paragraph(lab.upper(), ctx.label))
        side_flow.append(Paragraph(val, ctx.body))
        side_flow.append(Spacer(1, 6))
    inner = []
    for lab, val in main:
        inner.append([Paragraph(lab, ctx.label), Paragraph(val, ctx.body)])
    it = Table(inner, colWidths=[(ctx.width - sw) * 0.35, (ctx.width - sw) * 0.65 - 12])
    it.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)]))
    t = Table([[side_flow, it]], colWidths=[sw, ctx.width - sw])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#e8edf2")),
                           ("LEFTPADDING", (0, 0), (0, 0), 8)]))
    return t


def _prose(spec: dict, ctx: Ctx) -> list:
    s = spec
    rng = ctx.rng
    out = [Paragraph(rng.choice(["Product description", "1. Product Definition", "About this EPD"]), ctx.h2)]
    mat = s["material"]
    prods = s["products"]
    txt = []
    if mat == "concrete":
        txt.append(f"This declaration covers ready mixed concrete produced by {s['manufacturer']}"
                   + (f" at its {s['plant']} facility." if s["plant"] else "."))
        if len(prods) == 1:
            p = prods[0]
            if p["psi"] is None:
                txt.append(f"Mix {p['name']} ({p['description']}) is a controlled low-strength material; "
                           "no specified compressive strength is declared.")
            elif p["mpa"]:
                txt.append(f"Mix {p['name']} ({p['description']}) has a specified compressive strength of "
                           f"{p['mpa']} MPa at {p['age']} days.")
            else:
                txt.append(f"Mix {p['name']} ({p['description']}) has a specified compressive strength of "
                           f"{int(p['psi']):,} psi at {p['age']} days.")
            if p["he"]:
                e = (f"{round(p['mpa'] * 0.55)} MPa" if p["mpa"] else f"{int(p['psi'] * 0.55 // 50 * 50):,} psi")
                txt.append(f"It is a high-early-strength mix reaching {e} at {p['he_days']} days.")
            if p["lw"]:
                txt.append("It is a structural lightweight concrete (expanded shale aggregate, "
                           "equilibrium density about 1,800 kg/m<super>3</super>).")
        elif s["strength_mode"] == "name":
            txt.append("Specified compressive strengths are given in the mix descriptions and are 28-day "
                       "strengths. HE = high early strength, LW = lightweight, SCC = self-consolidating.")
        else:
            txt.append("HE = high early strength, LW = structural lightweight, SCC = self-consolidating, "
                       "FA = fly ash, SL = slag cement.")
    elif mat == "steel":
        p = prods[0]
        route = ("produced in an electric arc furnace (EAF) mini-mill from recycled scrap"
                 if p["route"] == "eaf" else
                 "produced at an integrated mill (blast furnace and basic oxygen furnace, BOF)")
        txt.append(f"The steel products in this declaration are {route}.")
        txt.append(f"Product category: {p['kind_label']}.")
        if p["fabricated"]:
            txt.append("Fabrication at the shop is included in the system boundary (cutting, drilling, "
                       "welding and coating of fabricated steel).")
        else:
            txt.append("The products are unfabricated: the system boundary ends at the mill gate and "
                       "fabrication is not included.")
    elif mat == "asphalt":
        txt.append(f"This EPD covers plant-produced asphalt mixtures from {s['manufacturer']}. Mixtures may "
                   "contain reclaimed asphalt pavement (RAP) and warm-mix additives.")
        if s["modules"] == "split":
            txt.append("Results are reported separately for modules A1, A2 and A3; the A1-A3 total is the "
                       "sum of the three modules.")
    elif mat == "flat_glass":
        p = prods[0]
        if p["glass_processed"]:
            txt.append("The glass is processed after float production (tempering, lamination or coating); "
                       "it is processed glass, not plain float glass.")
        else:
            txt.append("The product is annealed flat (float) glass; no further processing (tempering, "
                       "laminating, coating or insulating glass assembly) is included.")
        txt.append("The mass per square meter is 2.5 kg per mm of thickness.")
    else:
        txt.append("Portland and blended hydraulic cements manufactured in a dry-process kiln with "
                   "preheater/precalciner, conforming to ASTM C150 / C595.")
    out.append(Paragraph(" ".join(txt), ctx.body))
    out.append(Spacer(1, 6))
    if len(prods) > 1 and s["layout"] != "mixrows":
        head = [_hp(ctx, "Product"), _hp(ctx, "Description")]
        if mat == "concrete":
            head.append(_hp(ctx, "Specified strength"))
        data = [head]
        for p in prods:
            row = [_cp(ctx, p["name"]), _cp(ctx, p["description"] or "—")]
            if mat == "concrete":
                if p["psi"] is None:
                    row.append("—")
                elif p["mpa"]:
                    row.append(f"{p['mpa']} MPa at {p['age']} days")
                else:
                    row.append(f"{int(p['psi']):,} psi at {p['age']} days")
            data.append(row)
        t = Table(data, colWidths=[ctx.width / len(head)] * len(head))
        t.setStyle(ctx.table_style(1, len(data), [("ALIGN", (0, 0), (-1, -1), "LEFT")]))
        out.append(t)
    out.append(Spacer(1, 6))
    out.append(Paragraph(rng.choice(["System boundary", "2. Scope"]), ctx.h2))
    out.append(Paragraph("This is a cradle-to-gate EPD covering the product stage: raw material supply (A1), "
                         "transport to the manufacturing site (A2) and manufacturing (A3). Other life cycle "
                         "stages are not declared (MND). Results are calculated with "
                         f"{s['method']} characterization factors.", ctx.body))
    return out


# ----------------------------------------------------------------------------- assembly

def _printed_dates(spec: dict, rng: random.Random) -> dict:
    s = spec
    ds = s["dstyle"]
    issued = fmt_date(s["issued"], ds)
    valid = fmt_date(s["valid_until"], ds)
    pr = dict(issued=issued, valid=valid)
    pr["issued_label"] = rng.choice(["Date of Issue", "Issue date", "Date of publication", "Issued"])
    if s["vmode"] == "until":
        pr["valid_label"] = rng.choice(["Valid until", "Expiration date", "Valid through", "Period of validity"])
        pr["valid_text"] = valid
    elif s["vmode"] == "range":
        pr["valid_label"] = rng.choice(["Period of validity", "Declaration validity period"])
        pr["valid_text"] = rng.choice([f"EPD Valid {issued} through {valid}", f"{issued} through {valid}"])
    else:
        pr["valid_label"] = rng.choice(["Period of validity", "Period of Validity", "Validity"])
        pr["valid_text"] = rng.choice(["5 Years", "5 years", "Valid for 5 years from the date of issue"])
        pr["valid"] = None
    pcr_valid = dt.date(s["issued"].year + rng.choice([-1, 0, 1, 2]), rng.randint(1, 12), rng.randint(1, 28))
    pr["pcr_valid"] = fmt_date(pcr_valid, ds)
    pr["lca_date"] = fmt_date(s["issued"] - dt.timedelta(days=rng.randint(30, 200)), ds)
    pr["verif_date"] = fmt_date(s["issued"] - dt.timedelta(days=rng.randint(3, 25)), ds)
    pr["etype"] = rng.choice(EPD_TYPE_LABELS[s["epd_type"]])
    return pr


def _render(spec: dict, rpp_scale: float, force: int) -> tuple[bytes, dict, int, dict]:
    rng = random.Random(spec["render_seed"])
    s = spec
    n = len(s["products"])
    land = s["layout"] == "mixrows" and rng.random() < 0.6
    ctx = Ctx(rng, land or force > 0)
    ctx.lean = force > 1
    if force > 2:
        ctx.tsize = 6.0
    pr = _printed_dates(s, rng)
    s["addr"] = f"{rng.choice(STREETS)}, {rng.choice(CITIES)}"
    s["plant_addr"] = f"{rng.choice(STREETS)}, {rng.choice(CITIES)}"
    footer_mode = rng.choice(["none", "reg", "reg_valid", "name"])
    cover_box = rng.random() < 0.5

    buf = io.BytesIO()
    doc = _DocT(buf, pagesize=(ctx.page_w, ctx.page_h), leftMargin=ctx.margin, rightMargin=ctx.margin,
                topMargin=ctx.margin, bottomMargin=ctx.margin, invariant=1,
                title=f"EPD {s['reg']}", author=s["manufacturer"], creator="devgen_d")
    frame = Frame(ctx.margin, ctx.margin, ctx.width, ctx.page_h - 2 * ctx.margin, id="f")
    cover_frame = Frame(ctx.margin, ctx.margin, ctx.width, ctx.page_h - 2 * ctx.margin - 60, id="c")

    def on_cover(c, d):
        c.saveState()
        c.setFillColor(ctx.accent)
        c.rect(0, ctx.page_h - 70, ctx.page_w, 70, fill=1, stroke=0)
        c.setFillColor(colors.white)
        c.setFont(ctx.bold, 18)
        c.drawString(ctx.margin, ctx.page_h - 45, "ENVIRONMENTAL PRODUCT DECLARATION")
        c.setFont(ctx.font, 9)
        c.drawRightString(ctx.page_w - ctx.margin, ctx.page_h - 60, "According to ISO 14025 and ISO 21930")
        c.restoreState()

    def on_body(c, d):
        c.saveState()
        c.setFont(ctx.font, 7)
        c.setStrokeColor(ctx.accent)
        c.line(ctx.margin, ctx.margin - 12, ctx.page_w - ctx.margin, ctx.margin - 12)
        if footer_mode == "reg":
            txt = f"{s['manufacturer']}  |  {s['op_name']}  |  {s['reg']}"
        elif footer_mode == "reg_valid" and pr["valid"]:
            txt = f"Declaration {s['reg']}  |  Valid until {pr['valid']}"
        elif footer_mode == "name":
            txt = f"{s['manufacturer']} - Environmental Product Declaration"
        else:
            txt = ""
        c.drawString(ctx.margin, ctx.margin - 22, txt)
        c.drawRightString(ctx.page_w - ctx.margin, ctx.margin - 22, f"{d.page}")
        c.restoreState()

    doc.addPageTemplates([PageTemplate("cover", [cover_frame], onPage=on_cover),
                          PageTemplate("body", [frame], onPage=on_body)])
    story: list = [NextPageTemplate("body")]
    mat = s["material"]
    prods = s["products"]
    title = {"concrete": "Ready Mixed Concrete", "steel": "Steel Products", "asphalt": "Asphalt Mixtures",
             "flat_glass": "Flat Glass", "cement": "Cement"}[mat]
    if n == 1:
        story.append(Paragraph(prods[0]["name"], ctx.h1))
        story.append(Spacer(1, 6))
        if prods[0]["description"]:
            story.append(Paragraph(prods[0]["description"], ctx.h2))
        story.append(Paragraph(title, ctx.body))
    else:
        story.append(Paragraph(title, ctx.h1))
        story.append(Spacer(1, 6))
        story.append(Paragraph(f"{n} products", ctx.h2))
    story.append(Spacer(1, 18))
    story.append(Paragraph(s["manufacturer"], ctx.h2))
    story.append(Paragraph(s["addr"], ctx.body))
    if s["plant"]:
        story.append(Paragraph(f"{s['plant']}<br/>{s['plant_addr']}", ctx.body))
    story.append(Spacer(1, 24))
    if cover_box:
        box = [[Paragraph("EPD Number and Period of Validity", ctx.label)],
               [Paragraph(s["reg"], ctx.body)],
               [Paragraph(pr["valid_text"] if s["vmode"] == "range" else
                          f"{pr['issued_label']}: {pr['issued']}<br/>{pr['valid_label']}: {pr['valid_text']}",
                          ctx.body)],
               [Paragraph("Program Operator", ctx.label)],
               [Paragraph(f"{s['op_name']}<br/>{s['op']['addr']}", ctx.body)]]
        bt = Table(box, colWidths=[ctx.width * 0.6])
        bt.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, ctx.accent),
                                ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
        story.append(bt)
    else:
        story.append(Paragraph(f"Program operator: {s['op_name']}", ctx.body))
    story.append(PageBreak())
    mrows = _meta_rows(s, ctx, pr)
    if rng.random() < 0.3:
        story.append(_sidebar_meta(mrows, ctx))
    else:
        story.append(_meta_table(mrows, ctx))
    story.append(PageBreak())
    story += _prose(s, ctx)

    res = Results(s, ctx)
    if s["layout"] == "mixrows":
        desc_lines = 1.35 if s["show_desc"] else 1
        row_h = ctx.tsize * 1.2 * desc_lines + 3.5
        avail = ctx.page_h - 2 * ctx.margin - 90
        rpp = max(4, int(avail / row_h * rpp_scale))
        story += res.mixrows(rpp, s["method"], "traci")
        if s["second"]:
            story += res.mixrows(rpp, s["second"], "second")
    else:
        story.append(PageBreak())
        if s["layout"] == "prodcols":
            story += res.prodcols(s["method"], "traci")
            if s["second"]:
                story += res.prodcols(s["second"], "second")
        else:
            tr = s["layout"] == "modrows"
            story += res.per_product(tr, s["method"], "traci")
            if s["second"]:
                story += res.per_product(tr, s["second"], "second")
    story.append(Paragraph("References", ctx.h2))
    story.append(Paragraph(f"ISO 21930:2017. {s['pcr']}. LCA background report, {pr['lca_date']}. "
                           f"Bare, J. (2012) TRACI 2.1.", ctx.body))
    doc.build(story)
    pages = doc.page
    ok = all(doc.anchors.get(("s", k)) == doc.anchors.get(("e", k)) for k in range(res.k))
    prod_page = {i: doc.anchors[("s", k)] for i, k in res.prod_chunk.items()}
    s["desc_shown"] = getattr(res, "desc_shown", True)
    return buf.getvalue(), pr, pages, (prod_page if ok else None)


def generate(seed: int) -> Doc:
    _register_fonts()
    spec = build_spec(seed)
    spec["render_seed"] = seed * 7919 + 13
    scale = 1.0
    force = 0
    for _ in range(8):
        try:
            pdf, pr, pages, prod_page = _render(spec, scale, force)
        except TooWide:
            force += 1
            continue
        if prod_page is not None:
            break
        scale *= 0.75
    else:  # pragma: no cover
        raise RuntimeError(f"seed {seed}: could not paginate")
    return Doc(pdf=pdf, expected=_expected(seed, spec, pr, pages, prod_page), printed=pr)


def _expected(seed: int, s: dict, pr: dict, pages: int, prod_page: dict) -> dict:
    prods = []
    mods = _mods(s["modules"])
    for i, p in enumerate(s["products"]):
        by_unit = {}
        printed = []
        for u in s["units"]:
            v = p["vals"][u]
            if "total" in mods:
                by_unit[u] = parse_num(v["total"])
                if u == s["declared"]:
                    printed.append(v["total"])
            else:
                by_unit[u] = round(sum(parse_num(v[m]) for m in ("A1", "A2", "A3")), 6)
                if u == s["declared"]:
                    printed += [v["A1"], v["A2"], v["A3"]]
        desc = p["description"]
        if s["layout"] == "mixrows" and not s["desc_shown"]:
            desc = None
        prods.append(dict(
            name=p["name"], material=p["material"], gwp_a1a3=by_unit[s["declared"]],
            declared_unit=s["declared"], gwp_by_unit=by_unit,
            modules="A1-A3" if "total" in mods else "A1,A2,A3", gwp_method=s["method"],
            strength_psi=p["psi"], strength_age_days=p["age"], lightweight=p["lw"],
            high_early_strength=p["he"], steel_product=p["steel_product"], fabricated=p["fabricated"],
            route=p["route"], glass_processed=p["glass_processed"], description=desc,
            page=prod_page[i], gwp_printed=printed))
    methods = [s["method"]] + ([s["second"]] if s["second"] else [])
    return {
        "seed": seed,
        "description": ", ".join(s["choices"]),
        "program_operator": s["op_name"],
        "registration_number": s["reg"],
        "manufacturer": s["manufacturer"],
        "plant": s["plant"],
        "issued": s["issued"].isoformat(),
        "valid_until": s["valid_until"].isoformat(),
        "epd_type": s["epd_type"],
        "pcr": s["pcr"],
        "third_party_verified": s["verified"],
        "methods": methods,
        "page_count": pages,
        "products": prods,
    }
