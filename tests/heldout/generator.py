"""Held-out generator of North American EPD PDFs with the values a correct reader should find.

Written independently of buyclean's PDF reader (see tests/heldout/__init__.py): every seed picks a material, a
program operator, a layout, number and date formats, and renders a PDF with reportlab. ``expected`` holds exactly
what the document prints (numbers are formatted first, then the printed text is parsed back with Decimal), so a
reader can be judged exactly.

    python -m tests.heldout.generator --seed 0 --count 30 --out /tmp/heldout
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

rl_config.invariant = 1

YD3_PER_M3 = Decimal("0.764555")  # value per yd3 = value per m3 * 0.764555
SHORT_PER_METRIC = Decimal("0.907185")  # value per short ton = value per metric ton * 0.907185
PSI_PER_MPA = 145.0377

US_PROGRAMS = {"NSF", "ASTM", "UL", "SCS", "SMART", "NRMCA", "NAPA"}


# --------------------------------------------------------------------------------------------------------------------
# Numbers: format first, then keep the value of the printed text


@dataclass(frozen=True)
class NumStyle:
    kind: str  # fixed | sig | sci | x10
    places: int = 2
    thousands: bool = False
    dec_comma: bool = False
    spaced: bool = False  # '7,62 E -01'
    times: str = "x"  # x10 style: 'x' or the multiplication sign

    def label(self) -> str:
        bits = [self.kind, str(self.places)]
        if self.thousands:
            bits.append("thousands")
        if self.dec_comma:
            bits.append("deccomma")
        return "/".join(bits)


@dataclass(frozen=True)
class Printed:
    text: str  # the whole printed text (x10: mantissa and 'x10' followed by the exponent)
    value: Decimal
    main: str = ""  # x10: the part on the base line
    exp: str = ""  # x10: the superscript exponent

    @property
    def f(self) -> float:
        return float(self.value)


def _d(v: float) -> Decimal:
    return Decimal(repr(float(v)))


def _group(s: str, thousands: bool, dec_comma: bool) -> str:
    """Apply the separators to a Python-formatted number ('1234.5' or '1,234.5')."""
    if dec_comma:
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", "." if thousands else "")
    elif not thousands:
        s = s.replace(",", "")
    return s


def _fixed(v: Decimal, places: int, thousands: bool, dec_comma: bool) -> Printed:
    q = v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)
    s = f"{q:,.{places}f}"
    return Printed(_group(s, thousands, dec_comma), q)


def _sig(v: Decimal, n: int, thousands: bool, dec_comma: bool) -> Printed:
    if v == 0:
        return Printed("0", Decimal(0))
    e = math.floor(math.log10(abs(float(v))))
    places = n - 1 - e
    if places >= 0:
        q = v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        s = f"{q:,.{places}f}"
    else:
        k = Decimal(10) ** (-places)
        q = (v / k).quantize(Decimal(1), rounding=ROUND_HALF_UP) * k
        s = f"{int(q):,d}"
    return Printed(_group(s, thousands, dec_comma), q)


def _mant_exp(v: Decimal, places: int) -> tuple[Decimal, int]:
    e = math.floor(math.log10(abs(float(v))))
    m = v.scaleb(-e).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if abs(m) >= 10:
        e += 1
        m = v.scaleb(-e).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return m, e


def fmt_num(v: float, st: NumStyle) -> Printed:
    d = _d(v)
    if st.kind == "fixed":
        if d != 0 and abs(d) < Decimal(10) ** (1 - st.places) and abs(d) < 1:
            if abs(d) < Decimal("0.001"):
                return fmt_num(v, NumStyle("sci", 2, dec_comma=st.dec_comma))
            return _sig(d, 3, False, st.dec_comma)
        return _fixed(d, st.places, st.thousands, st.dec_comma)
    if st.kind == "sig":
        if d != 0 and abs(d) < Decimal("0.001"):
            return fmt_num(v, NumStyle("sci", 2, dec_comma=st.dec_comma))
        return _sig(d, max(2, st.places), st.thousands, st.dec_comma)
    if d == 0:
        return Printed("0", Decimal(0))
    if st.kind == "sci":
        m, e = _mant_exp(d, st.places)
        ms = f"{m:.{st.places}f}"
        if st.dec_comma:
            ms = ms.replace(".", ",")
        sign = "+" if e >= 0 else "-"
        text = f"{ms} E {sign}{abs(e):02d}" if st.spaced else f"{ms}E{sign}{abs(e):02d}"
        return Printed(text, m.scaleb(e))
    # x10: three significant figures, scientific only for large and small numbers (SCS style)
    if Decimal("0.01") <= abs(d) < 1000:
        return _sig(d, 3, False, False)
    m, e = _mant_exp(d, 2)
    main = f"{m:.2f}{st.times}10"
    return Printed(main + str(e), m.scaleb(e), main=main, exp=str(e))


def dsum(ps: Sequence[Printed]) -> Decimal:
    total = Decimal(0)
    for p in ps:
        total += p.value
    return total


# --------------------------------------------------------------------------------------------------------------------
# Dates

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]
NUMERIC_DATE_STYLES = {"us_num", "dmy_dot", "dmy_slash"}


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


class DatePrinter:
    def __init__(self, style: str, pad: bool) -> None:
        self.style = style
        self.pad = pad
        self.numeric: list[tuple[int, int]] = []  # (day, month) of every numeric day/month date printed

    def fmt(self, d: dt.date, style: str | None = None) -> str:
        s = style or self.style
        mon = MONTHS[d.month - 1]
        if s in NUMERIC_DATE_STYLES:
            self.numeric.append((d.day, d.month))
        if s == "long":
            return f"{mon} {d.day}, {d.year}"
        if s == "ordinal":
            return f"{mon} {_ordinal(d.day)}, {d.year}"
        if s == "ordinal_dot":
            return f"{mon} {_ordinal(d.day)} . {d.year}"
        if s == "abbr":
            short = mon if len(mon) <= 4 else mon[:3] + "."
            return f"{short} {d.day}, {d.year}"
        if s == "us_num":
            return f"{d.month:02d}/{d.day:02d}/{d.year}" if self.pad else f"{d.month}/{d.day}/{d.year}"
        if s == "iso":
            return d.isoformat()
        if s == "dmy_dot":
            return f"{d.day:02d}.{d.month:02d}.{d.year}"
        if s == "dmy_slash":
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        if s == "d_month_y":
            return f"{d.day} {mon} {d.year}"
        raise ValueError(s)


# --------------------------------------------------------------------------------------------------------------------
# Program operators, companies, places


@dataclass(frozen=True)
class Operator:
    key: str
    names: tuple[str, ...]
    address: str
    web: str
    color: tuple[float, float, float]
    logo: str


OPERATORS: dict[str, Operator] = {
    "NSF": Operator("NSF", ("NSF International",), "789 N. Dixboro Road, Ann Arbor, MI 48105, USA", "www.nsf.org",
                    (0.0, 0.33, 0.62), "NSF"),
    "ASTM": Operator("ASTM", ("ASTM International",), "100 Barr Harbor Drive, West Conshohocken, PA 19428, USA",
                     "www.astm.org", (0.05, 0.2, 0.45), "ASTM"),
    "UL": Operator("UL", ("UL Environment", "UL Solutions"), "333 Pfingsten Road, Northbrook, IL 60062, USA",
                   "www.ul.com", (0.55, 0.12, 0.15), "UL"),
    "SCS": Operator("SCS", ("SCS Global Services",), "2000 Powell Street, Ste. 600, Emeryville, CA 94608, USA",
                    "www.SCSglobalServices.com", (0.42, 0.62, 0.2), "SCS"),
    "SMART": Operator("SMART", ("Smart EPD",), "585 Grove Street, Suite 145, Herndon, VA 20170, USA",
                      "www.smartepd.com", (0.0, 0.5, 0.55), "smartEPD"),
    "NRMCA": Operator("NRMCA", ("NRMCA", "National Ready Mixed Concrete Association (NRMCA)"),
                      "66 Canal Center Plaza, Suite 250, Alexandria, VA 22314, USA", "www.nrmca.org",
                      (0.45, 0.1, 0.1), "NRMCA"),
    "NAPA": Operator("NAPA", ("National Asphalt Pavement Association (NAPA)", "NAPA Emerald Eco-Label"),
                     "6406 Ivy Lane, Suite 350, Greenbelt, MD 20770, USA", "www.asphaltpavement.org",
                     (0.15, 0.45, 0.25), "NAPA"),
    "CSA": Operator("CSA", ("CSA Group",), "178 Rexdale Blvd., Toronto, ON M9W 1R3, Canada", "www.csagroup.org",
                    (0.75, 0.1, 0.1), "CSA"),
    "EPDI": Operator("EPDI", ("EPD International AB", "The International EPD System"),
                     "Box 210 60, SE-100 31 Stockholm, Sweden", "www.environdec.com", (0.1, 0.45, 0.3), "EPD"),
    "IBU": Operator("IBU", ("Institut Bauen und Umwelt e.V. (IBU)",), "Hegelplatz 1, 10117 Berlin, Germany",
                    "www.ibu-epd.com", (0.1, 0.2, 0.5), "IBU"),
}

OPERATOR_WEIGHTS: dict[str, dict[str, int]] = {
    "concrete": {"NSF": 28, "NRMCA": 14, "ASTM": 10, "SMART": 9, "UL": 6, "SCS": 6, "CSA": 10, "EPDI": 4, "IBU": 2},
    "steel": {"SCS": 22, "UL": 22, "ASTM": 14, "SMART": 14, "NSF": 6, "CSA": 8, "EPDI": 8, "IBU": 6},
    "asphalt": {"NAPA": 45, "ASTM": 12, "NSF": 10, "SMART": 10, "UL": 6, "CSA": 10, "EPDI": 7},
    "flat_glass": {"NSF": 25, "UL": 20, "SCS": 15, "ASTM": 10, "SMART": 8, "CSA": 6, "EPDI": 10, "IBU": 6},
    "cement": {"NSF": 30, "ASTM": 25, "CSA": 18, "SMART": 8, "UL": 6, "EPDI": 8, "IBU": 5},
}

NAME_STEMS = [
    "Cascade", "Summit", "Great Lakes", "Prairie", "Bayou", "Pioneer", "Keystone", "Redwood", "Tri-County",
    "Granite State", "Lone Star", "Heartland", "Northern", "Blue Ridge", "Sierra", "Piedmont", "Coastal", "Frontier",
    "Ozark", "Cumberland", "Palmetto", "Willamette", "Mesa", "Big Sky", "Tidewater", "Iron Range", "Chesapeake",
]
COMPANY_SUFFIX = {
    "concrete": ["Ready Mix, Inc.", "Concrete Company", "Materials, LLC", "Ready-Mix Concrete Co.",
                 "Aggregates & Concrete"],
    "steel": ["Steel Mills, Inc.", "Steel Corporation", "Bar Mill LLC", "Structural Steel Co.", "Metals Group"],
    "asphalt": ["Paving & Materials", "Asphalt Company", "Construction Materials, Inc.", "Hot Mix, LLC"],
    "flat_glass": ["Glass Corporation", "Float Glass, Inc.", "Architectural Glass Co."],
    "cement": ["Cement Company", "Cement, Inc.", "Portland Cement Co."],
}
US_CITIES = [
    ("Columbus", "OH", "43215"), ("Sacramento", "CA", "95815"), ("Austin", "TX", "78744"), ("Denver", "CO", "80216"),
    ("Charlotte", "NC", "28206"), ("Tacoma", "WA", "98421"), ("Nashville", "TN", "37210"), ("Omaha", "NE", "68117"),
    ("Richmond", "VA", "23234"), ("Tucson", "AZ", "85714"), ("Joliet", "IL", "60436"), ("Birmingham", "AL", "35207"),
    ("Boise", "ID", "83716"), ("Albany", "NY", "12205"), ("Portland", "OR", "97217"), ("Baton Rouge", "LA", "70805"),
]
CA_CITIES = [
    ("Mississauga", "ON", "L5T 1A1"), ("Surrey", "BC", "V3W 1J9"), ("Laval", "QC", "H7L 4S3"),
    ("Edmonton", "AB", "T6E 5L1"), ("Winnipeg", "MB", "R2J 3R8"), ("Hamilton", "ON", "L8H 3R1"),
]
STREETS = ["Industrial Pkwy", "Quarry Road", "River Road", "Commerce Drive", "Mill Street", "Harbor Way",
           "Plant Road", "County Road 12", "Railroad Avenue", "Foundry Lane", "Gravel Pit Road", "Kiln Drive"]
PEOPLE = ["Thomas P. Gloria, Ph.D.", "Jack Geibig", "Cooper McCollum", "Lindita Bushi, Ph.D.", "Jenny Oorbeck",
          "Sam Kaufman", "Angela Fisher", "Terrie Boguski", "Dr. Rita Schenck", "Matt Fishwick"]
VERIFIER_ORGS = ["Industrial Ecology Consultants", "EcoForm", "Athena Sustainable Materials Institute",
                 "Sustainable Solutions Corporation", "WAP Sustainability Consulting", "Long Trail Sustainability"]


# --------------------------------------------------------------------------------------------------------------------
# Products


@dataclass
class Product:
    name: str
    material: str
    description: str
    split: tuple[float, float, float]  # true A1, A2, A3 GWP per metric base unit (m3 or metric ton)
    attrs: dict[str, Any]  # expected per-product fields (strength, steel route, ...)
    meta: dict[str, str] = field(default_factory=dict)  # printed meta cells (mix table columns)
    mass_per_m2: Decimal | None = None  # glass sold per m2: printed mass per m2
    ind: dict[str, float] = field(default_factory=dict)  # other indicator scale factors (relative to GWP)
    delta: dict[str, float] = field(default_factory=dict)  # method -> relative difference to TRACI

    @property
    def total(self) -> float:
        return sum(self.split)

    def factor(self, unit: str) -> Decimal:
        if unit in ("m3", "t"):
            return Decimal(1)
        if unit == "yd3":
            return YD3_PER_M3
        if unit == "short_ton":
            return SHORT_PER_METRIC
        if unit == "m2":
            assert self.mass_per_m2 is not None
            return self.mass_per_m2 / 1000
        raise ValueError(unit)


def _split(rng: random.Random, total: float, a1: tuple[float, float], a2: tuple[float, float]) -> tuple[
        float, float, float]:
    f1 = rng.uniform(*a1)
    f2 = rng.uniform(*a2)
    f3 = max(0.01, 1 - f1 - f2)
    s = f1 + f2 + f3
    return total * f1 / s, total * f2 / s, total * f3 / s


def _base_attrs(material: str) -> dict[str, Any]:
    return {
        "strength_psi": None, "strength_text": None, "strength_age_days": None, "lightweight": False,
        "high_early_strength": False, "concrete_kind": None, "steel_product": None, "fabricated": None,
        "route": None, "glass_processed": None, "mass_per_m2_kg": None, "material": material,
    }


AGGS_IN = ['3/4"', '3/8"', '1"', '1-1/2"', "#57", "#67", "#8", '1/2"']
AGGS_MM = ["20mm", "14mm", "10mm", "28mm"]
PLACEMENTS = ["PUMP", "BLDG", "FTG", "SLAB", "WALL", "PAVING", "TAIL", "AE 6% AIR", "FIBER", "EXT FLATWORK", "COLUMN"]


@dataclass
class ConcreteStyle:
    mpa: bool
    id_style: int
    psi_style: int  # 0 '4000 PSI', 1 '4,000 psi', 2 '4000PSI', 3 '4000#'
    scm_style: int
    agg_metric: bool


def make_mix(rng: random.Random, cs: ConcreteStyle, idx: int, used_ids: set[str], plant_code: str) -> Product:
    kind = rng.choices(["normal", "he", "lw", "flow", "shot", "scc"], [74, 7, 6, 6, 3, 4])[0]
    attrs = _base_attrs("concrete")
    attrs["concrete_kind"] = {"flow": "flowable_fill", "shot": "shotcrete"}.get(kind, "ready_mix")
    age = 28
    if kind == "normal" and rng.random() < 0.12:
        age = rng.choice([56, 56, 56, 90])
    if kind == "flow":
        psi_opts = [50, 100, 150, 200, 300, 500]
    elif kind == "he":
        psi_opts = [4000, 5000, 6000, 7000]
    elif kind == "lw":
        psi_opts = [3000, 4000, 5000]
    else:
        psi_opts = [2500, 3000, 3000, 3500, 4000, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000, 10000]
    psi = rng.choice(psi_opts)
    mpa: Decimal | None = None
    if cs.mpa and kind == "flow":
        mpa = rng.choice([Decimal("0.3"), Decimal("0.5"), Decimal("0.7"), Decimal("1.0"), Decimal("2.0")])
        psi = round(float(mpa) * PSI_PER_MPA)
    elif cs.mpa:
        mpa = rng.choice([Decimal("17.2"), Decimal("20.7"), Decimal("24.1"), Decimal("27.6"), Decimal("31.0"),
                          Decimal("34.5"), Decimal("41.4"), Decimal(20), Decimal(25), Decimal(30), Decimal(32),
                          Decimal(35), Decimal(40), Decimal(50)])
        psi = round(float(mpa) * PSI_PER_MPA)
    fa = rng.choice([0, 0, 15, 20, 25, 30]) if kind != "flow" else rng.choice([0, 30, 50])
    sl = rng.choice([0, 0, 0, 25, 40, 50]) if fa < 30 else 0
    scm = fa + sl
    agg = rng.choice(AGGS_MM) if cs.agg_metric else rng.choice(AGGS_IN)
    place = rng.choice(PLACEMENTS)
    # strength token
    if mpa is not None:
        mtxt = f"{mpa:.1f}" if mpa != mpa.to_integral_value() or rng.random() < 0.5 else f"{int(mpa)}"
        stoken = f"{mtxt} MPa"
    elif cs.psi_style == 1:
        stoken = f"{psi:,} psi"
    elif cs.psi_style == 2:
        stoken = f"{psi}PSI"
    elif cs.psi_style == 3:
        stoken = f"{psi}#"
    else:
        stoken = f"{psi} PSI"
    scm_tok = ""
    if fa and sl:
        scm_tok = f"{fa}% FA/{sl}% SL"
    elif fa:
        scm_tok = [f"{fa}% FA", f"W/ {fa}% FLYASH", f"{fa}% F-ASH"][cs.scm_style % 3]
    elif sl:
        scm_tok = [f"{sl}% SL", f"W/ {sl}% SLAG", f"{sl}% GGBFS"][cs.scm_style % 3]
    elif rng.random() < 0.3:
        scm_tok = "TYPE IL"
    toks: list[str]
    if kind == "flow":
        base = rng.choice(["FLOWABLE FILL", "CDF", "CLSM FLOWABLE FILL", "EXCAVATABLE FLOWABLE FILL"])
        no_strength = "EXCAVATABLE" in base and rng.random() < 0.6
        toks = [base] if no_strength else [base, stoken]
        if no_strength:
            psi = 0
    else:
        no_strength = False
        toks = [stoken, agg, place]
        if kind == "he":
            toks.insert(1, "HE")
        elif kind == "lw":
            toks.insert(0, "LW")
        elif kind == "shot":
            toks = ["SHOTCRETE", stoken, '3/8"' if not cs.agg_metric else "10mm"]
        elif kind == "scc":
            toks = ["SCC", stoken, '3/8"' if not cs.agg_metric else "10mm"]
        if age != 28:
            toks.insert(toks.index(stoken) + 1, rng.choice([f"@ {age} DAYS", f"{age}D", f"{age}-DAY"]))
    if scm_tok:
        toks.append(scm_tok)
    desc = " ".join(toks)
    # mix id
    for attempt in range(50):
        n = rng.randint(1, 999)
        if cs.id_style == 0:
            mid = f"{psi // 100:02d}{rng.choice('34567')}{place[0]}{scm:02d}" if psi >= 100 else f"FF{n:03d}"
        elif cs.id_style == 1:
            mid = f"{rng.randint(1000000, 9999999)}"
        elif cs.id_style == 2:
            mid = f"RM-{n:04d}"
        elif cs.id_style == 3:
            mid = f"{plant_code}-{n:03d}"
        else:
            mid = f"M{max(psi, 100) // 100}{chr(65 + (n % 26))}{attempt or ''}"
        if mid not in used_ids:
            used_ids.add(mid)
            break
    # GWP per m3
    if kind == "flow":
        gwp = rng.uniform(55, 150)
    else:
        gwp = (120 + 0.047 * psi) * (1 - 0.5 * fa / 100 - 0.55 * sl / 100) * rng.uniform(0.9, 1.12)
        gwp *= {"he": 1.2, "lw": 1.35, "shot": 1.18, "scc": 1.12}.get(kind, 1.0)
        gwp = max(gwp, 110)
    split = _split(rng, gwp, (0.8, 0.9), (0.04, 0.09))
    attrs["lightweight"] = kind == "lw"
    attrs["high_early_strength"] = kind == "he"
    if not no_strength:
        attrs["strength_psi"] = round(float(mpa) * PSI_PER_MPA, 1) if mpa is not None else float(psi)
        attrs["strength_age_days"] = age
        attrs["strength_text"] = stoken
    attrs["_psi_int"] = psi if not no_strength else None
    attrs["_mpa"] = mpa
    attrs["_stoken"] = stoken
    attrs["_kind"] = kind
    meta = {
        "mix": mid, "desc": desc,
        "cm": f"{round(400 + psi * 0.055 + rng.uniform(-30, 60)) if kind != 'flow' else rng.randint(50, 200)}",
        "scm": f"{scm}", "slump": rng.choice(["4", "5", "4-6", "6", "8", "5 +/- 1"]) if kind != "flow" else "10",
        "wcm": f"{rng.uniform(0.38, 0.58):.2f}", "age": str(age),
    }
    if kind == "he":
        early = rng.choice([int(psi * 0.6) // 100 * 100, int(psi * 0.75) // 100 * 100])
        eday = rng.choice([1, 3, 3, 7])
        attrs["early_strength_psi"] = float(early)
        attrs["early_strength_age_days"] = eday
        etxt = f"{early:,} psi"
        if mpa is not None:
            emp = f"{early * 0.00689476:.1f}"
            etxt = f"{emp} MPa"
            attrs["early_strength_psi"] = round(float(emp) * PSI_PER_MPA, 1)
        meta["early"] = f"{etxt} @ {eday} day{'s' if eday > 1 else ''}"
        attrs["early_strength_text"] = etxt
    if kind == "lw":
        dens = rng.choice([1650, 1700, 1750, 1800, 1850])
        meta["density"] = f"{dens:,}" if rng.random() < 0.5 else f"{round(dens / 16.0185)} pcf"
        meta["density_kg"] = f"{dens:,}"
    else:
        meta["density"] = f"{rng.choice([2320, 2350, 2380, 2400, 2420]):,}" if kind != "flow" else "2,000"
        meta["density_kg"] = meta["density"]
    return Product(name=mid, material="concrete", description=desc, split=split, attrs=attrs, meta=meta)


STEEL_PRODUCTS: dict[str, list[tuple[str, list[str]]]] = {
    "rebar": [("rebar", ["Rebar", "Reinforcing Bar", "Concrete Reinforcing Steel (ASTM A615/A706)",
                         "#3-#18 Deformed Reinforcing Bar"])],
    "merchant": [("merchant_bar", ["Merchant Bar Quality (MBQ) Products", "Merchant Bar", "Angles, Flats & Channels"]),
                 ("merchant_bar", ["Special Bar Quality (SBQ) Bar", "SBQ Rounds"])],
    "sections": [("hot_rolled", ["Wide Flange Beams", "Hot-Rolled Structural Sections", "W-Shapes and Channels",
                                 "Structural Steel Sections"])],
    "plate": [("plate", ["Steel Plate", "Discrete Cut-to-Length Plate", "Hot-Rolled Plate"])],
    "hss": [("hss", ["Hollow Structural Sections (HSS)", "HSS Round and Rectangular Tubing",
                     "Structural Tubing (HSS)"])],
    "sheet": [("sheet", ["Hot-Rolled Sheet", "Galvanized Steel Sheet", "Composite Steel Floor Deck (galvanized)",
                         "Galvanized Roof Deck", "Cold-Rolled Coil"])],
    "cfs": [("cold_formed", ["Cold-Formed Steel Studs and Track", "Light-Gauge Steel Framing (galvanized)",
                             "Cold-Formed Steel Joists", "CFS Framing Members"])],
}
STEEL_GWP = {  # (product, route) -> range per metric ton, unfabricated
    ("rebar", "eaf"): (420, 900), ("merchant_bar", "eaf"): (550, 1050), ("hot_rolled", "eaf"): (620, 1200),
    ("hot_rolled", "integrated"): (1700, 2300), ("plate", "eaf"): (800, 1300), ("plate", "integrated"): (1900, 2500),
    ("hss", "eaf"): (1100, 1700), ("hss", "integrated"): (2100, 2700), ("sheet", "eaf"): (1000, 1500),
    ("sheet", "integrated"): (2100, 2800), ("cold_formed", "eaf"): (1300, 1900), ("cold_formed", "integrated"): (
        2100, 2900),
}


def make_steel(rng: random.Random, family: str, route: str | None, fabricated: bool | None, used: set[str],
               name_override: str | None = None) -> Product:
    sp, names = rng.choice(STEEL_PRODUCTS[family])
    name = name_override or next((n for n in rng.sample(names, len(names)) if n not in used), names[0] + " II")
    used.add(name)
    r = route or "eaf"
    if sp in ("rebar", "merchant_bar"):
        r = "eaf"
    lo, hi = STEEL_GWP[(sp, r)]
    gwp = rng.uniform(lo, hi) + (rng.uniform(150, 330) if fabricated else 0)
    attrs = _base_attrs("steel")
    attrs.update(steel_product=sp, route=r if route is not None else None, fabricated=fabricated)
    a1 = (0.55, 0.8) if r == "eaf" else (0.75, 0.9)
    split = _split(rng, gwp, a1, (0.02, 0.06))
    desc = name
    return Product(name=name, material="steel", description=desc, split=split, attrs=attrs)


BINDERS = ["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64S-22", "PG 64E-22", "PG 52-34"]


def make_asphalt(rng: random.Random, i: int, id_style: int) -> Product:
    nmas = rng.choice(["9.5 mm", "12.5 mm", "19.0 mm", "25.0 mm", "4.75 mm"])
    binder = rng.choice(BINDERS)
    rap = rng.choice([0, 10, 15, 20, 25, 30, 35, 40])
    wma = rng.random() < 0.35
    layer = rng.choice(["Surface", "Intermediate", "Base", "Binder Course", "Surface Course"])
    bits = [f"{nmas} Superpave {layer}" if rng.random() < 0.6 else f"SP-{nmas.split()[0]} {layer}", binder]
    if rap:
        bits.append(f"{rap}% RAP")
    if wma:
        bits.append(rng.choice(["WMA (foaming)", "Warm Mix", "WMA chemical additive"]))
    desc = ", ".join(bits)
    mid = [f"Mix {100 + i * rng.randint(1, 9)}", f"SP{nmas.split()[0].replace('.', '')}-{binder[3:5]}-{i + 1}",
           f"HMA-{rng.randint(10, 99)}{chr(65 + i)}"][id_style]
    a1 = rng.uniform(28, 58) * (1 - rap / 160)
    a2 = rng.uniform(2, 9)
    a3 = rng.uniform(9, 26) * (0.8 if wma else 1.0)
    attrs = _base_attrs("asphalt")
    attrs.update(rap_percent=rap, warm_mix=wma, binder=binder)
    p = Product(name=mid, material="asphalt", description=desc, split=(a1, a2, a3), attrs=attrs)
    p.meta = {"mix": mid, "desc": desc, "rap": str(rap), "binder": binder, "nmas": nmas}
    return p


GLASS = [
    ("Clear Float Glass", False), ("Low-Iron Float Glass", False), ("Tinted Float Glass", False),
    ("Float Glass (clear, uncoated)", False), ("Tempered Glass", True), ("Laminated Glass", True),
    ("Low-E Coated Glass", True), ("Insulating Glass Unit (IGU)", True), ("Heat-Strengthened Glass", True),
]


def make_glass(rng: random.Random, per_m2: bool, used: set[str]) -> Product:
    name, processed = rng.choice([g for g in GLASS if g[0] not in used] or GLASS)
    used.add(name)
    gwp = rng.uniform(1050, 1500) + (rng.uniform(250, 700) if processed else 0)
    attrs = _base_attrs("flat_glass")
    attrs["glass_processed"] = processed
    p = Product(name=name, material="flat_glass", description=name, split=_split(rng, gwp, (0.35, 0.5), (0.02, 0.06)),
                attrs=attrs)
    if per_m2:
        thick = rng.choice([3, 4, 5, 6, 6, 8, 10, 12])
        mass = Decimal(thick) * Decimal("2.5")
        if rng.random() < 0.4:
            mass = (mass * Decimal(rng.choice(["0.99", "1.01", "1.0"]))).quantize(Decimal("0.01"))
        p.mass_per_m2 = mass
        p.meta["thick"] = f"{thick} mm"
        attrs["thickness_mm"] = thick
        attrs["mass_per_m2_kg"] = float(mass)
        p.name = f"{name}, {thick} mm" if rng.random() < 0.5 else name
    return p


CEMENTS = [("Portland Cement Type I/II", 880, 960), ("Portland-Limestone Cement Type IL", 760, 860),
           ("Type III Portland Cement", 900, 990), ("Blended Cement Type IT(S25)", 620, 760),
           ("Type IL(10) Cement", 780, 860), ("General Use (GU) Cement", 870, 950),
           ("Portland-Limestone Cement (GUL)", 760, 850)]


def make_cement(rng: random.Random, used: set[str]) -> Product:
    name, lo, hi = rng.choice([c for c in CEMENTS if c[0] not in used] or CEMENTS)
    used.add(name)
    attrs = _base_attrs("cement")
    return Product(name=name, material="cement", description=name,
                   split=_split(rng, rng.uniform(lo, hi), (0.06, 0.12), (0.01, 0.03)), attrs=attrs)


# --------------------------------------------------------------------------------------------------------------------
# Indicators

# (key, abbreviation, full name, unit, scale relative to GWP (lo, hi))
TRACI_IND = [
    ("ODP", "ODP", "Ozone depletion potential", "kg CFC-11 eq", (0.5e-8, 4e-8)),
    ("AP", "AP", "Acidification potential", "kg SO2 eq", (0.0015, 0.005)),
    ("EP", "EP", "Eutrophication potential", "kg N eq", (0.0001, 0.0005)),
    ("SFP", "SFP", "Smog formation potential", "kg O3 eq", (0.03, 0.09)),
    ("FFD", "ADPfossil", "Fossil fuel depletion", "MJ surplus", (0.3, 1.2)),
]
CML_IND = [
    ("ODP", "ODP", "Depletion of the stratospheric ozone layer", "kg CFC-11 eq", (0.5e-8, 4e-8)),
    ("AP", "AP", "Acidification of land and water", "kg SO2 eq", (0.0012, 0.004)),
    ("EP", "EP", "Eutrophication", "kg PO4 eq", (0.0002, 0.0009)),
    ("POCP", "POCP", "Photochemical ozone creation", "kg C2H4 eq", (0.0001, 0.0004)),
    ("ADPe", "ADPe", "Abiotic depletion, elements", "kg Sb eq", (1e-7, 9e-6)),
]
EF_IND = [
    ("ODP", "ODP", "Depletion potential of the stratospheric ozone layer", "kg CFC11 eq", (0.5e-8, 4e-8)),
    ("AP", "AP", "Acidification potential, accumulated exceedance", "mol H+ eq", (0.002, 0.006)),
    ("EPf", "EP-freshwater", "Eutrophication potential, freshwater", "kg P eq", (1e-5, 9e-5)),
    ("POCP", "POCP", "Formation potential of tropospheric ozone", "kg NMVOC eq", (0.002, 0.006)),
    ("ADPf", "ADPF", "Abiotic depletion potential, fossil resources", "MJ", (5.0, 12.0)),
]
INVENTORY = [("PENRT", "PENRT", "Non-renewable primary energy, total", "MJ", (5.0, 12.0)),
             ("FW", "FW", "Use of net fresh water", "m3", (0.002, 0.01))]

INVENTORY_FULL = [  # (abbreviation, name, unit, scale relative to GWP)
    ("RPRE", "Renewable primary energy used as energy carrier", "MJ", 0.9),
    ("RPRM", "Renewable primary energy resources used as material", "MJ", 0.05),
    ("NRPRE", "Non-renewable primary energy used as energy carrier", "MJ", 7.5),
    ("NRPRM", "Non-renewable primary energy resources used as material", "MJ", 0.4),
    ("SM", "Use of secondary materials", "kg", 0.6),
    ("RSF", "Use of renewable secondary fuels", "MJ", 0.2),
    ("NRSF", "Use of non-renewable secondary fuels", "MJ", 0.35),
    ("FW", "Use of net fresh water", "m3", 0.004),
    ("HWD", "Hazardous waste disposed", "kg", 0.0004),
    ("NHWD", "Non-hazardous waste disposed", "kg", 0.08),
    ("HLRW", "High-level radioactive waste", "kg", 0.000002),
    ("ILLRW", "Intermediate and low-level radioactive waste", "kg", 0.00003),
    ("RE", "Recovered energy", "MJ", 0.0),
    ("CRU", "Components for re-use", "kg", 0.0),
    ("MR", "Materials for recycling", "kg", 0.01),
    ("MER", "Materials for energy recovery", "kg", 0.0),
    ("EE", "Exported energy", "MJ", 0.0),
]
LONG_PROSE = [
    "The life cycle inventory was compiled from primary data supplied by the manufacturer for raw material "
    "consumption, energy use, water use, emissions and waste generation over a twelve-month reference period. "
    "Upstream data for raw materials, fuels and electricity come from industry-average datasets.",
    "Electricity was modelled with the regional grid mix of the eGRID subregion in which the facility is located. "
    "No renewable energy certificates were applied in the base case.",
    "Biogenic carbon content of the product is below 5% of its mass and is therefore not reported. Packaging "
    "biogenic carbon is declared as zero.",
    "A sensitivity analysis on transport distances and electricity mix showed that the global warming potential of "
    "the product stage changes by less than 5%. The conclusions of the study are robust.",
    "Data gaps were filled with proxy datasets of similar technology. The contribution of proxies to the total "
    "global warming potential is below 2%.",
    "Infrastructure and capital goods, personnel-related impacts and research and development are outside the "
    "system boundary in accordance with the PCR.",
    "The results of this EPD reflect the specific production conditions of the declared facility and reference "
    "year. Results of EPDs produced with other PCRs or software may differ.",
]
METHOD_NAMES = {
    "TRACI": ["TRACI 2.1", "TRACI 2.1", "TRACI v2.1", "TRACI 2.2"],
    "CML": ["CML-IA", "CML-IA baseline", "CML 4.2", "CML-IA v4.8"],
    "EF": ["EN 15804+A2 (EF 3.1)", "EF 3.1", "EN 15804+A2", "EF 3.0 (EN 15804+A2)"],
}
METHOD_CANON = {"TRACI": "TRACI 2.1", "CML": "CML-IA", "EF": "EN 15804+A2"}


# --------------------------------------------------------------------------------------------------------------------
# Layout primitives


class Tracker:
    def __init__(self) -> None:
        self.pages: dict[str, list[int]] = {}

    def record(self, key: str, page: int) -> None:
        self.pages.setdefault(key, []).append(page)


class NumCell(Flowable):  # type: ignore[misc]
    """A number in a table cell: records the page it lands on, draws x10 exponents as superscripts."""

    def __init__(self, p: Printed, font: str, size: float, tracker: Tracker | None = None, key: str = "") -> None:
        super().__init__()
        self.p = p
        self.font = font
        self.size = size
        self.tracker = tracker
        self.key = key

    def _main(self) -> str:
        return self.p.main if self.p.exp else self.p.text

    def width_for(self, size: float) -> float:
        w = float(stringWidth(self._main(), self.font, size))
        if self.p.exp:
            w += stringWidth(self.p.exp, self.font, size * 0.65) + 0.5
        return w

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self.width_for(self.size)
        self.height = self.size * 1.15
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(colors.black)
        c.setFont(self.font, self.size)
        base = self.size * 0.22
        main = self._main()
        c.drawString(0, base, main)
        if self.p.exp:
            c.setFont(self.font, self.size * 0.65)
            c.drawString(stringWidth(main, self.font, self.size) + 0.5, base + self.size * 0.45, self.p.exp)
        if self.tracker is not None and self.key:
            self.tracker.record(self.key, c.getPageNumber())


class Box(Flowable):  # type: ignore[misc]
    """A filled box with a few centred lines: operator 'logo' or a photo placeholder."""

    def __init__(self, w: float, h: float, fill: colors.Color, lines: list[str], font: str, size: float,
                 text_color: colors.Color = colors.white) -> None:
        super().__init__()
        self.width = w
        self.height = h
        self.fill = fill
        self.lines = lines
        self.font = font
        self.size = size
        self.text_color = text_color

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(self.fill)
        c.roundRect(0, 0, self.width, self.height, 4, stroke=0, fill=1)
        c.setFillColor(self.text_color)
        n = len(self.lines)
        for i, line in enumerate(self.lines):
            size = self.size if i == 0 else self.size * 0.55
            size = min(size, (self.width - 8) / max(1.0, stringWidth(line, self.font, 1)))
            y = self.height / 2 + (n / 2 - i - 0.8) * self.size * 0.9
            c.setFont(self.font, size)
            c.drawCentredString(self.width / 2, y, line)


@dataclass
class Theme:
    pagesize: tuple[float, float]
    paper: str
    family: str
    font: str
    bold: str
    italic: str
    size: float
    tsize: float
    margin: float
    accent: colors.Color
    light: colors.Color
    rules: str  # grid | lines | hlines | box | none
    zebra: bool
    head_fill: str  # dark | light | none
    header: int
    footer: int
    num_align: str
    pad: float

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * self.margin


FAMILIES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}


def _mix(c: tuple[float, float, float], w: float) -> colors.Color:
    return colors.Color(c[0] + (1 - c[0]) * w, c[1] + (1 - c[1]) * w, c[2] + (1 - c[2]) * w)


Cell = Any  # str or Flowable


@dataclass
class TableSpec:
    data: list[list[Cell]]
    nhead: int
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # (c0, r0, c1, r1)
    num_from: int = 1  # first numeric column
    wrap_cols: tuple[int, ...] = ()
    section_rows: tuple[int, ...] = ()
    left_cols: tuple[int, ...] = ()  # left-aligned columns at or beyond num_from
    wrap_frac: float = 0.26  # wrapped text columns get at most this share of the frame width


def _measure(cell: Cell, font: str, size: float) -> float:
    if isinstance(cell, NumCell):
        return cell.width_for(size)
    if isinstance(cell, str):
        return max((stringWidth(line, font, size) for line in cell.split("\n")), default=0.0)
    return 0.0


def _col_widths(spec: TableSpec, th: Theme, size: float) -> list[float]:
    ncols = len(spec.data[0])
    w = [0.0] * ncols
    covered: set[tuple[int, int]] = set()
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    for c0, r0, c1, r1 in spec.spans:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                covered.add((r, c))
        origins[(r0, c0)] = (c0, c1)
    for r, row in enumerate(spec.data):
        if r in spec.section_rows:
            continue
        font = th.bold if r < spec.nhead else th.font
        for c, cell in enumerate(row):
            if (r, c) in covered and ((r, c) not in origins or origins[(r, c)][0] != origins[(r, c)][1]):
                continue
            w[c] = max(w[c], _measure(cell, font, size))
    for (r, _c), (c0, c1) in origins.items():
        if c0 == c1:
            continue
        font = th.bold if r < spec.nhead else th.font
        need = _measure(spec.data[r][c0], font, size)
        have = sum(w[c0:c1 + 1]) + 2 * th.pad * (c1 - c0)
        if need > have:
            extra = (need - have) / (c1 - c0 + 1)
            for c in range(c0, c1 + 1):
                w[c] += extra
    return [x + 2 * th.pad + 1 for x in w]


def build_table(spec: TableSpec, th: Theme, rng: random.Random, repeat: bool, size: float | None = None,
                avail: float | None = None) -> Table | None:
    """Fit the table to the frame width (smaller fonts, wrapped text columns); None when it cannot fit."""
    avail = avail or th.width
    size = size or th.tsize
    originals = {(r, c): spec.data[r][c] for r in range(spec.nhead, len(spec.data)) for c in spec.wrap_cols}
    widths: list[float] = []
    fitted = False
    while size >= 6.5:
        for (r, c), txt in originals.items():
            if isinstance(txt, str):
                lim = max(45.0, avail * spec.wrap_frac)
                spec.data[r][c] = "\n".join(simpleSplit(txt, th.font, size, lim)) if txt else txt
        widths = _col_widths(spec, th, size)
        if sum(widths) <= avail:
            fitted = True
            break
        size -= 0.5
    if not fitted:
        return None
    for row in spec.data:
        for cell in row:
            if isinstance(cell, NumCell):
                cell.size = size
    if rng.random() < 0.45:
        k = avail / sum(widths)
        widths = [x * k for x in widths]
    t = Table(spec.data, colWidths=widths, repeatRows=spec.nhead if repeat else 0, hAlign=rng.choice(
        ["LEFT", "CENTER", "CENTER"]))
    t.setStyle(TableStyle(table_style(spec, th, size)))
    return t


def table_style(spec: TableSpec, th: Theme, size: float) -> list[tuple[Any, ...]]:
    nh = spec.nhead
    nrows = len(spec.data)
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), th.font, size, size * 1.18),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), th.pad * 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), th.pad * 0.6),
        ("LEFTPADDING", (0, 0), (-1, -1), th.pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), th.pad),
        ("ALIGN", (spec.num_from, 0), (-1, -1), th.num_align),
    ]
    for c in spec.left_cols:
        cmds.append(("ALIGN", (c, nh), (c, -1), "LEFT"))
    if nh:
        cmds.append(("FONT", (0, 0), (-1, nh - 1), th.bold, size, size * 1.18))
        cmds.append(("ALIGN", (0, 0), (-1, nh - 1), "CENTER"))
        if th.head_fill == "dark":
            cmds += [("BACKGROUND", (0, 0), (-1, nh - 1), th.accent), ("TEXTCOLOR", (0, 0), (-1, nh - 1), colors.white)]
        elif th.head_fill == "light":
            cmds.append(("BACKGROUND", (0, 0), (-1, nh - 1), th.light))
    if th.zebra and nrows > nh + 2:
        cmds.append(("ROWBACKGROUNDS", (0, nh), (-1, -1), [colors.white, _mix((0.85, 0.85, 0.85), 0.5)]))
    grey = colors.Color(0.45, 0.45, 0.45)
    if th.rules == "grid":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.4, grey))
    elif th.rules == "box":
        cmds += [("BOX", (0, 0), (-1, -1), 0.8, colors.black), ("INNERGRID", (0, 0), (-1, -1), 0.25, grey)]
    elif th.rules == "hlines":
        cmds += [("LINEBELOW", (0, 0), (-1, -1), 0.3, grey), ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black)]
    elif th.rules == "lines":
        cmds += [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, max(nh - 1, 0)), (-1, max(
            nh - 1, 0)), 0.6, colors.black), ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black)]
    for c0, r0, c1, r1 in spec.spans:
        cmds.append(("SPAN", (c0, r0), (c1, r1)))
    for r in spec.section_rows:
        cmds += [("SPAN", (0, r), (-1, r)), ("FONT", (0, r), (-1, r), th.bold, size, size * 1.18),
                 ("ALIGN", (0, r), (-1, r), "LEFT"), ("BACKGROUND", (0, r), (-1, r), th.light)]
    return cmds


# --------------------------------------------------------------------------------------------------------------------
# The document


UNIT_LABELS = {
    "m3": ["m³", "m3", "cubic meter", "1 m³"],
    "yd3": ["yd³", "yd3", "cubic yard", "CY"],
    "t": ["metric ton", "t", "tonne", "1,000 kg", "metric ton (1,000 kg)"],
    "short_ton": ["short ton", "ton (2,000 lb)", "US short ton", "short ton (2,000 lbs)"],
    "m2": ["m²", "m2", "square meter"],
}
CO2 = ["kg CO2 eq", "kg CO2e", "kg CO2-eq.", "kgCO2e", "kg CO2 equiv."]


@dataclass
class Plan:
    material: str
    kind: str
    op: Operator
    op_name: str
    units: list[str]
    declared: str
    modules: str  # total | split_total | split | iso_total | iso_split
    orientation: str  # ind_rows | mod_rows | prod_cols | mix_rows
    methods: list[str]  # order of appearance
    primary: str
    method_layout: str  # separate | combined
    unit_layout: str  # side | separate
    ns_gwp: NumStyle
    ns_other: NumStyle
    date_style: str
    validity_form: str
    repeat_head: bool
    epd_type_key: str | None
    epd_type_text: str | None
    verified: bool


class DocBuilder:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.tracker = Tracker()
        self.story: list[Flowable] = []
        self.table_no = 0
        self.notes: list[str] = []

    # ---- choices ---------------------------------------------------------------------------------------------------
    def w(self, options: dict[str, float]) -> str:
        keys = list(options)
        return self.rng.choices(keys, [options[k] for k in keys])[0]

    def plan(self) -> None:
        r = self.rng
        material = self.w({"concrete": 45, "steel": 25, "asphalt": 15, "flat_glass": 10, "cement": 5})
        self.material = material
        opkey = self.w({k: float(v) for k, v in OPERATOR_WEIGHTS[material].items()})
        op = OPERATORS[opkey]
        self.op = op
        self.us = opkey in US_PROGRAMS
        self.europe = opkey in ("EPDI", "IBU")
        self.canada = opkey == "CSA" or (opkey in ("ASTM", "NSF") and r.random() < 0.15)
        self.company = self._company(material)
        # products
        products: list[Product] = []
        kind = material
        cstyle = None
        if material == "concrete":
            multi = r.random() < 0.5
            kind = "concrete_plant" if multi else "concrete_mix"
            cstyle = ConcreteStyle(mpa=self.europe or (r.random() < (0.35 if self.canada else 0.1)),
                                   id_style=r.randrange(5), psi_style=r.choice([0, 0, 0, 1, 2, 3]),
                                   scm_style=r.randrange(3),
                                   agg_metric=self.europe or (self.canada and r.random() < 0.5))
            self.cstyle = cstyle
            n = 1
            if multi:
                n = r.choice([r.randint(5, 12), r.randint(5, 30), r.randint(10, 80), r.randint(40, 80)])
            used: set[str] = set()
            code = "".join(ch for ch in self.company.split()[0][:2].upper() if ch.isalpha()) or "PL"
            products = [make_mix(r, cstyle, i, used, code) for i in range(n)]
        elif material == "steel":
            products = self._steel_products()
            kind = self.steel_kind
        elif material == "asphalt":
            n = r.choice([1, 1, 2, 3, 4, 5, 6])
            ids = r.randrange(3)
            products = []
            seen: set[str] = set()
            while len(products) < n:
                a = make_asphalt(r, len(products) + len(seen), ids)
                if a.name not in seen:
                    seen.add(a.name)
                    products.append(a)
        elif material == "flat_glass":
            per_m2 = r.random() < 0.45
            self.glass_m2 = per_m2
            usedg: set[str] = set()
            products = [make_glass(r, per_m2, usedg) for _ in range(r.choice([1, 1, 2, 3]))]
            if per_m2 and len(products) > 1 and r.random() < 0.5:  # same product, several thicknesses
                base = products[0]
                products = [base]
                for thick in r.sample([4, 5, 8, 10, 12], len(products) + r.randint(0, 2)):
                    if thick == base.attrs.get("thickness_mm"):
                        continue
                    q = make_glass(r, True, set())
                    q.attrs = dict(base.attrs)
                    q.mass_per_m2 = Decimal(thick) * Decimal("2.5")
                    q.attrs.update(thickness_mm=thick, mass_per_m2_kg=float(q.mass_per_m2))
                    q.meta["thick"] = f"{thick} mm"
                    q.name = f"{base.description}, {thick} mm"
                    q.description = base.description
                    q.split = base.split
                    products.append(q)
                products[0].name = f"{base.description}, {base.attrs['thickness_mm']} mm"
        else:
            usedc: set[str] = set()
            products = [make_cement(r, usedc) for _ in range(r.choice([1, 1, 1, 2, 3]))]
        self.products = products
        for p in products:
            p.delta = {"CML": r.uniform(-0.04, 0.03) or 0.01, "EF": r.uniform(-0.02, 0.045) or 0.01}
            p.ind = {k: r.uniform(*rng_) for k, _a, _f, _u, rng_ in [*TRACI_IND, *CML_IND, *EF_IND, *INVENTORY]}
            p.ind["bio"] = r.uniform(-0.012, 0.008)
            p.ind["luluc"] = r.uniform(0.0004, 0.003)
        # units
        units: list[str]
        if material == "concrete":
            declared = r.choices(["m3", "yd3"], [70, 30])[0]
            units = r.choices([["m3", "yd3"], [declared]], [55, 45])[0]
            if self.europe:
                declared, units = "m3", ["m3"]
        elif material in ("steel", "cement"):
            declared = r.choices(["t", "short_ton"], [78, 22])[0] if not self.europe else "t"
            units = r.choices([["t", "short_ton"], [declared]], [30, 70])[0]
        elif material == "asphalt":
            declared = r.choices(["short_ton", "t"], [65, 35])[0] if not self.europe else "t"
            units = r.choices([["short_ton", "t"], [declared]], [25, 75])[0]
        else:
            declared = "m2" if self.glass_m2 else "t"
            units = [declared] if r.random() < 0.7 or declared == "t" else ["m2", "t"]
        if r.random() < 0.5:
            units = list(reversed(units))
        if declared not in units:
            units.append(declared)
        # modules
        mods = {
            "concrete": {"total": 40, "split_total": 33, "iso_total": 14, "split": 7, "iso_split": 6},
            "steel": {"total": 38, "split_total": 40, "iso_total": 10, "split": 12},
            "asphalt": {"split": 55, "split_total": 30, "total": 15},
            "flat_glass": {"total": 35, "split_total": 45, "iso_total": 10, "split": 10},
            "cement": {"total": 30, "split_total": 48, "iso_total": 12, "split": 10},
        }[material]
        modules = self.w({k: float(v) for k, v in mods.items()})
        n = len(products)
        if material == "concrete" and n > 1:
            orient = "mix_rows" if n > 6 or r.random() < 0.8 else "prod_cols"
        elif material == "concrete":
            orient = self.w({"ind_rows": 60, "mod_rows": 25, "prod_cols": 15})
        elif n == 1:
            orient = self.w({"ind_rows": 55, "mod_rows": 25, "prod_cols": 20})
        else:
            orient = self.w({"ind_rows": 35, "prod_cols": 35, "mix_rows": 30})
        if orient == "prod_cols" and modules in ("split", "iso_split"):
            orient = "ind_rows" if n <= 6 else "mix_rows"
        if orient == "mix_rows" and modules.startswith("iso") and r.random() < 0.5:
            modules = "split_total" if modules == "iso_total" else "split"
        if orient == "mix_rows" and modules in ("split_total", "split") and len(units) > 1:
            units = [declared]
        # methods
        extra = [m for m in ("CML", "EF") if r.random() < (0.45 if m == "EF" else 0.35)]
        if self.europe:
            extra = ["EF"] + (["CML"] if r.random() < 0.2 else [])
            methods = (["TRACI"] if r.random() < 0.6 else []) + extra
        else:
            methods = ["TRACI", *extra]
        primary = "TRACI" if "TRACI" in methods else "EF"
        if r.random() < 0.3:
            r.shuffle(methods)
        method_layout = "combined" if len(methods) > 1 and orient in ("ind_rows", "prod_cols") and r.random() < 0.45 \
            else "separate"
        # numbers
        ns_gwp, ns_other = self._num_styles()
        # dates
        if self.us and not (opkey in ("ASTM", "NSF") and self.canada and r.random() < 0.3):
            ds = self.w({"long": 30, "ordinal": 14, "ordinal_dot": 5, "us_num": 22, "iso": 14, "abbr": 10})
        elif self.us:
            ds = "iso"
        elif opkey == "CSA":
            ds = self.w({"long": 30, "iso": 25, "dmy_slash": 30, "d_month_y": 15})
        else:
            ds = self.w({"dmy_dot": 60, "iso": 20, "d_month_y": 20})
        vform = self.w({"date": 45, "range": 25, "period": 30})
        etype = self._epd_type(kind)
        self.p = Plan(material=material, kind=kind, op=op, op_name=r.choice(op.names), units=units, declared=declared,
                      modules=modules, orientation=orient, methods=methods, primary=primary,
                      method_layout=method_layout, unit_layout=r.choice(["side", "separate"]), ns_gwp=ns_gwp,
                      ns_other=ns_other, date_style=ds, validity_form=vform, repeat_head=r.random() < 0.6,
                      epd_type_key=etype[0], epd_type_text=etype[1], verified=r.random() < 0.94)
        self.dates = DatePrinter(ds, pad=r.random() < 0.75)
        # dates
        start = dt.date(2019, 3, 1)
        self.issued = start + dt.timedelta(days=r.randrange(0, 2400))
        if ds in NUMERIC_DATE_STYLES and r.random() < 0.5:
            self.issued = self.issued.replace(day=r.randint(1, 12))
        self.valid_years = r.choice([5, 5, 5, 5, 3, 10]) if vform == "period" else 5
        minus_one = vform == "range" or (vform == "date" and r.random() < 0.4)
        end = add_years(self.issued, self.valid_years)
        self.valid_until = end - dt.timedelta(days=1) if minus_one else end
        self.plant = self._plant()
        self.regno = self._regno()
        self.theme = self._theme()

    def _company(self, material: str) -> str:
        r = self.rng
        return f"{r.choice(NAME_STEMS)} {r.choice(COMPANY_SUFFIX[material])}"

    def _steel_products(self) -> list[Product]:
        r = self.rng
        kind = self.w({"mill": 75, "industry": 15, "company": 10})
        self.steel_kind = f"steel_{kind}"
        used: set[str] = set()
        if kind == "industry":
            choice = r.randrange(4)
            if choice == 0:
                self.company = "American Institute of Steel Construction (AISC)"
                return [make_steel(r, "sections", "eaf" if r.random() < 0.5 else None, True, used,
                                   "Fabricated Hot-Rolled Structural Sections")]
            if choice == 1:
                self.company = "Concrete Reinforcing Steel Institute (CRSI)"
                return [make_steel(r, "rebar", "eaf", True, used, "Fabricated Steel Reinforcement")]
            if choice == 2:
                self.company = "Steel Tube Institute (STI)"
                return [make_steel(r, "hss", "eaf", False, used, "HSS (EAF)"),
                        make_steel(r, "hss", "integrated", False, used, "HSS (BOF)")]
            self.company = "Steel Deck Institute (SDI)"
            return [make_steel(r, "sheet", None, None, used, r.choice(["Steel Roof and Floor Deck",
                                                                        "Steel Deck (galvanized)"]))]
        route = r.choices(["eaf", "integrated"], [75, 25])[0]
        if route == "eaf":
            fams = ["rebar", "merchant", "sections", "plate", "hss", "sheet", "cfs"]
        else:
            fams = ["sections", "plate", "hss", "sheet", "cfs"]
        n = r.choice([1, 1, 2, 3, 4])
        picked = [r.choice(fams) for _ in range(n)]
        fab_mode = r.choices(["unfab", "fab", "unstated"], [60, 22, 18])[0]
        if fab_mode == "fab" and not all(f in ("rebar", "sections", "plate", "hss") for f in picked):
            fab_mode = "unfab"
        fab: bool | None = {"unfab": False, "fab": True, "unstated": None}[fab_mode]
        stated_route: str | None = route if r.random() < 0.93 else None
        return [make_steel(r, fam, stated_route, fab, used) for fam in picked]

    def _num_styles(self) -> tuple[NumStyle, NumStyle]:
        r = self.rng
        comma_ok = not self.us or r.random() < 0.08
        k = self.w({"fixed": 40, "sig": 15, "sci": 30, "x10": 15 if self.op.key in ("SCS", "UL", "NSF") else 4})
        if k == "fixed":
            dec = r.choice([False] * 4 + [True]) if self.europe or self.op.key == "CSA" else False
            g = NumStyle("fixed", r.choice([0, 0, 1, 1, 2, 2, 3]) if not dec else r.choice([1, 2, 2]),
                         thousands=r.random() < 0.6, dec_comma=dec)
            if dec and g.thousands:
                g = NumStyle("fixed", 2, thousands=True, dec_comma=True)
            o = NumStyle("sci", 2, dec_comma=dec) if r.random() < 0.7 else NumStyle("sig", 3, dec_comma=dec)
            return g, o
        if k == "sig":
            g = NumStyle("sig", r.choice([3, 3, 4]), thousands=r.random() < 0.5)
            return g, NumStyle("sci", 2) if r.random() < 0.5 else g
        if k == "sci":
            dec = comma_ok and r.random() < 0.5
            g = NumStyle("sci", r.choice([2, 2, 2, 3, 1]), dec_comma=dec, spaced=self.europe and r.random() < 0.3)
            return g, NumStyle("sci", 2, dec_comma=dec, spaced=g.spaced)
        g = NumStyle("x10", 2, times=r.choice(["x", "x", "×"]))
        return g, g

    def _epd_type(self, kind: str) -> tuple[str | None, str | None]:
        r = self.rng
        if r.random() < 0.1:
            return None, None
        if kind in ("steel_industry",):
            return "industry_average", r.choice(["Industry-wide", "Industry-wide EPD", "Industry average",
                                                 "Sector EPD", "Industry-wide (average)"])
        if kind == "steel_company":
            return "company_average", r.choice(["Company average", "Company-wide average (3 mills)",
                                                "Manufacturer average"])
        opts = [("product_specific", "Product-specific"), ("product_specific", "Product specific"),
                ("facility_specific", "Plant-specific"), ("facility_specific", "Facility-specific"),
                ("product_specific", "Product-specific, plant-specific"),
                ("product_specific", "Product-Specific Type III EPD")]
        return r.choice(opts)

    def _plant(self) -> tuple[str | None, str, str]:
        """Plant name (None when not printed), street line, city line."""
        r = self.rng
        city, prov, code = r.choice(CA_CITIES if self.canada else US_CITIES)
        street = f"{r.randint(100, 9999)} {r.choice(STREETS)}"
        cityline = f"{city}, {prov} {code}" + (", Canada" if self.canada and r.random() < 0.5 else "")
        if self.p.kind in ("steel_industry", "steel_company"):
            return None, street, cityline
        if r.random() < 0.15:
            return None, street, cityline
        noun = {"concrete": ["Plant", "Batch Plant", "Ready Mix Plant"], "steel": ["Mill", "Steel Mill", "Works"],
                "asphalt": ["Plant", "Asphalt Plant", "HMA Plant"], "flat_glass": ["Float Plant", "Plant"],
                "cement": ["Plant", "Cement Plant"]}[self.material]
        name = r.choice([f"{city} {r.choice(noun)}", f"{r.choice(noun)} #{r.randint(2, 40)}",
                         f"{r.choice(['North', 'South', 'East', 'West', 'Riverside', 'Airport', 'Downtown'])} "
                         f"{r.choice(noun)}"])
        return name, street, cityline

    def _regno(self) -> str:
        r = self.rng
        k = self.op.key
        y = self.issued.year
        if k == "NSF":
            return r.choice([f"EPD{r.randint(10000, 12999)}", f"EPD {r.randint(10000, 12999)}"])
        if k == "ASTM":
            return r.choice([f"EPD {r.randint(100, 999)}", f"ASTM-EPD{r.randint(100, 999):04d}"])
        if k == "UL":
            return f"{r.randint(4780000000, 4799999999)}.{r.randint(100, 199)}.1"
        if k == "SCS":
            return f"SCS-EPD-{r.randint(4000, 11000):05d}"
        if k == "SMART":
            return r.choice([f"SMEPD{r.randint(100, 2000):05d}", f"EPD-SMART-{y}-{r.randint(1, 999):03d}"])
        if k == "NRMCA":
            return r.choice([f"NRMCA-EPD-{r.randint(10000, 29999)}", f"EPD {r.randint(10000, 29999)}"])
        if k == "NAPA":
            return f"NAPA-{y}-{r.randint(100, 9999):04d}"
        if k == "CSA":
            return r.choice([f"EPD {r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
                             f"CSA-EPD-{y}-{r.randint(1, 999)}"])
        if k == "EPDI":
            return r.choice([f"S-P-{r.randint(1000, 15000):05d}", f"EPD-IES-{r.randint(1, 25000):07d}:001"])
        code = "".join(ch for ch in self.company.upper() if ch.isalpha())[:3]
        return f"EPD-{code}-{self.issued:%Y%m%d}-{r.choice(['IBA1', 'IBC1', 'CBA1'])}-EN"

    def _theme(self) -> Theme:
        r = self.rng
        a4 = r.random() < (0.8 if self.europe else 0.2)
        fam = self.w({"Helvetica": 60, "Times": 25, "Courier": 15})
        size = r.choice([6.5, 7, 7.5, 8, 8.5, 9, 9, 9.5, 10, 10.5, 11])
        if fam == "Courier":
            size = min(size, 9.0)
        font, bold, italic = FAMILIES[fam]
        c = self.op.color
        return Theme(pagesize=A4 if a4 else letter, paper="A4" if a4 else "letter", family=fam, font=font, bold=bold,
                     italic=italic, size=size, tsize=max(6.5, size - r.choice([0, 0.5, 1, 1.5])),
                     margin=r.choice([36, 42, 50, 54, 60, 72]), accent=colors.Color(*c), light=_mix(c, 0.82),
                     rules=self.w({"grid": 35, "lines": 20, "hlines": 20, "box": 15, "none": 10}),
                     zebra=r.random() < 0.3, head_fill=self.w({"dark": 35, "light": 35, "none": 30}),
                     header=r.randrange(4), footer=r.randrange(4), num_align=r.choice(["RIGHT", "CENTER"]),
                     pad=r.choice([2.0, 3.0, 4.0]))

    # ---- text helpers ----------------------------------------------------------------------------------------------
    def styles(self) -> None:
        th = self.theme
        s = th.size
        self.st_body = ParagraphStyle("b", fontName=th.font, fontSize=s, leading=s * 1.3, spaceAfter=s * 0.5)
        self.st_small = ParagraphStyle("s", parent=self.st_body, fontSize=max(6.0, s - 1.5), leading=max(6, s - 1.5)
                                       * 1.25)
        self.st_h1 = ParagraphStyle("h1", fontName=th.bold, fontSize=s + 8, leading=(s + 8) * 1.2,
                                    textColor=th.accent, spaceAfter=6)
        self.st_h2 = ParagraphStyle("h2", fontName=th.bold, fontSize=s + 3, leading=(s + 3) * 1.25,
                                    textColor=th.accent if self.rng.random() < 0.6 else colors.black, spaceBefore=6,
                                    spaceAfter=4)
        self.st_cap = ParagraphStyle("c", fontName=th.bold if self.rng.random() < 0.6 else th.italic,
                                     fontSize=max(6.5, s - 0.5), leading=max(6.5, s - 0.5) * 1.25, spaceBefore=4,
                                     spaceAfter=3)
        self.st_center = ParagraphStyle("cc", parent=self.st_body, alignment=TA_CENTER)
        self.co2 = self.rng.choice(CO2)
        self.ulabel = {u: self.rng.choice(v) for u, v in UNIT_LABELS.items()}
        self.ind_names = self.rng.choice(["abbr", "full", "both"])

    def para(self, text: str, style: ParagraphStyle | None = None) -> None:
        self.story.append(Paragraph(text, style or self.st_body))

    def h2(self, text: str) -> None:
        self.story.append(CondPageBreak(60))
        self.para(text, self.st_h2)

    def caption(self, text: str) -> None:
        self.table_no += 1
        self.story.append(Paragraph(f"Table {self.table_no}. {text}", self.st_cap))

    def per(self, unit: str) -> str:
        if not hasattr(self, "_per"):
            self._per: dict[str, str] = {}
        if unit not in self._per:
            lab = self.ulabel[unit]
            one = self.rng.random() < 0.5 and not lab.startswith("1") and unit != "m2"
            self._per[unit] = f"per {'1 ' if one else ''}{lab}"
        return self._per[unit]

    def cap(self, s: str) -> str:
        return s[:1].upper() + s[1:]

    def esc(self, s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    # ---- printed GWP values ----------------------------------------------------------------------------------------
    def compute_values(self) -> None:
        """Printed GWP per (product, method, unit, module) for every value the tables show."""
        self.gv: dict[tuple[int, str, str, str], Printed] = {}
        for pi, p in enumerate(self.products):
            a1, a2, a3 = p.split
            for m in self.p.methods:
                k = 1.0 + p.delta[m] if m != "TRACI" else 1.0
                for u in self.p.units:
                    f = float(p.factor(u))
                    vals = {"A1": a1, "A2": a2, "A3": a3, "A2A3": a2 + a3, "A1A3": a1 + a2 + a3}
                    for mod, v in vals.items():
                        self.gv[(pi, m, u, mod)] = fmt_num(v * k * f, self.p.ns_gwp)

    def mods(self) -> list[str]:
        return {"total": ["A1A3"], "split_total": ["A1", "A2", "A3", "A1A3"], "split": ["A1", "A2", "A3"],
                "iso_total": ["A1", "A2A3", "A1A3"], "iso_split": ["A1", "A2A3"]}[self.p.modules]

    def mod_head(self, mod: str) -> str:
        iso = self.p.modules.startswith("iso")
        if not hasattr(self, "_modv"):
            self._modv = self.rng.randrange(4)
        v = self._modv
        if iso:
            return {"A1": ["Upstream (A1)", "Upstream\n(A1)", "Upstream\nA1", "Upstream (A1)"][v],
                    "A2A3": ["Core (A2-A3)", "Core\n(A2-A3)", "Core\nA2-A3", "Core (A2 - A3)"][v],
                    "A1A3": ["Product stage (A1-A3)", "Product stage\n(A1-A3)", "Product\nstage\nA1-A3",
                             "Total A1-A3"][v]}[mod]
        return {"A1": ["A1", "A1\nRaw material\nsupply", "A1", "A1"][v],
                "A2": ["A2", "A2\nTransport", "A2", "A2"][v],
                "A3": ["A3", "A3\nManufac-\nturing", "A3", "A3"][v],
                "A1A3": ["A1-A3", "A1-A3\nTotal", "Total\nA1–A3", "A1 to A3"][v]}[mod]

    def gwp_cell(self, pi: int, m: str, u: str, mod: str) -> NumCell:
        pr = self.gv[(pi, m, u, mod)]
        key = f"{pi}|{u}|{mod}" if m == self.p.primary else ""
        return NumCell(pr, self.theme.font, self.theme.tsize, self.tracker, key)

    def other_cell(self, v: float) -> Cell:
        pr = fmt_num(v, self.p.ns_other)
        if pr.exp:
            return NumCell(pr, self.theme.font, self.theme.tsize)
        return pr.text

    def ind_label(self, abbr: str, full: str, unit: str, with_unit: bool) -> str:
        name = {"abbr": abbr, "full": full, "both": f"{full} ({abbr})"}[self.ind_names]
        return f"{name} [{unit}]" if with_unit else name

    def gwp_label(self, m: str) -> str:
        if m == "EF":
            return "GWP-total"
        return {"abbr": "GWP", "full": "Global warming potential", "both": "Global warming potential (GWP)"}[
            self.ind_names]

    def method_title(self, m: str) -> str:
        if not hasattr(self, "_mnames"):
            self._mnames = {k: self.rng.choice(v) for k, v in METHOD_NAMES.items()}
        return self._mnames[m]

    # ---- cover and general information -----------------------------------------------------------------------------
    def title_of(self) -> str:
        if not hasattr(self, "_title"):
            self._title = self._title_of()
        return self._title

    def _title_of(self) -> str:
        p = self.products
        mat = self.material
        if mat == "concrete":
            if len(p) == 1:
                return f"Mix {p[0].name}" if self.rng.random() < 0.5 else p[0].description
            return self.rng.choice(["Ready Mixed Concrete", "Ready-Mixed Concrete Products", "Concrete Mixes"])
        if mat == "steel":
            return p[0].name if len(p) == 1 else self.rng.choice(["Steel Products", "Hot-Rolled Steel Products",
                                                                  "Mill Products"])
        if mat == "asphalt":
            return p[0].description if len(p) == 1 else "Asphalt Mixtures"
        if mat == "flat_glass":
            return p[0].description if len(p) == 1 else "Flat Glass Products"
        return p[0].name if len(p) == 1 else "Portland and Blended Cements"

    def pcr_text(self) -> tuple[str, str | None]:
        r = self.rng
        k = self.op.key
        mat = self.material
        trap: str | None = None
        if mat == "concrete":
            if self.europe:
                pcr = r.choice(["PCR 2019:14 Construction products, version 1.3.4 and c-PCR-003 Concrete",
                                "EN 15804+A2 and IBU PCR Part B: Concrete, v1.6"])
            elif k == "CSA" or self.canada:
                pcr = r.choice(["NSF PCR for Concrete, v2.1", "CSA Group PCR for Concrete (based on NSF PCR v2.1)",
                                "NSF PCR for Concrete v3.0"])
            else:
                pcr = r.choice(["NSF PCR for Concrete, v2.1", "NSF PCR for Concrete v3.0",
                                "NSF International PCR for Concrete, Version 2.1 (August 2021)",
                                "Product Category Rules for Concrete, NSF International, v2.1",
                                "NSF PCR for Concrete v2.1 (2021)"])
        elif mat == "steel":
            pcr = r.choice(["PCR for Designated Steel Construction Products, SCS, v1.0 (2020)",
                            "UL Environment PCR Part B: Designated Steel Construction Product EPD Requirements, v2.0",
                            "Part B: Designated Steel Construction Product EPD Requirements, UL 10010-34, v2.0",
                            "ISO 21930:2017 and Smart EPD PCR for Steel Construction Products, v1.1"])
        elif mat == "asphalt":
            pcr = r.choice(["NAPA PCR for Asphalt Mixtures, v2.0", "PCR for Asphalt Mixtures (NAPA, 2022), version 2",
                            "Product Category Rules for Asphalt Mixtures v1.0"])
        elif mat == "flat_glass":
            pcr = r.choice(["NSF PCR for Flat Glass: UN CPC 3711, v2.0", "PCR for Flat Glass (GANA/NSF), version 2",
                            "UL PCR Part B: Flat Glass, v1.0"])
        else:
            pcr = r.choice(["NSF PCR for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic (Stucco) Cements, "
                            "v3.2", "PCR for Cement, NSF International, version 3.1", "CSA PCR for Cement v2.0"])
        if r.random() < 0.35:
            pend = dt.date(r.choice([2024, 2025, 2026, 2027]), r.choice([3, 6, 8, 12]), r.choice([1, 30, 28, 15]))
            lab = r.choice(["PCR valid through", "PCR validity:", "PCR expires", "Valid through (PCR):"])
            trap = f"{lab} {self.dates.fmt(pend)}"
        return pcr, trap

    def meta_pairs(self) -> list[tuple[str, str]]:
        r = self.rng
        p = self.p
        pairs: list[tuple[str, str]] = []
        opv = f"{p.op_name}<br/>{self.op.address}" if r.random() < 0.6 else p.op_name
        pairs.append((r.choice(["Program operator", "Program Operator", "EPD Program Operator", "Programme operator"]),
                      opv))
        mlabel = r.choice(["Manufacturer", "Declaration holder", "Manufacturer name and address", "EPD owner",
                           "Declaration owner"])
        plant, street, cityline = self.plant
        if self.p.kind in ("steel_industry",):
            pairs.append((r.choice(["Declaration holder", "EPD commissioner", "Association"]),
                          f"{self.company}<br/>{street}, {cityline}"))
        else:
            pairs.append((mlabel, f"{self.company}<br/>{street}<br/>{cityline}" if r.random() < 0.6 else
                          f"{self.company}, {street}, {cityline}"))
            if plant:
                plab = {"steel": ["Mill", "Manufacturing facility", "Plant"],
                        "concrete": ["Plant", "Production plant", "Plant name"]}.get(self.material, ["Plant",
                                                                                                     "Facility"])
                pairs.append((r.choice(plab), plant))
        pairs.append((r.choice(["Declaration number", "EPD number", "Registration number", "EPD registration no.",
                                "Declaration No."]), self.regno))
        pairs.append((r.choice(["Declared product", "Product", "Product name", "Products covered"]),
                      self.esc(self.title_of()) if len(self.products) <= 4 or self.material != "concrete" else
                      f"{len(self.products)} ready mixed concrete mixes (see results table)"))
        du = self.declared_unit_text()
        pairs.append((r.choice(["Declared unit", "Declared Unit", "Functional / declared unit"]), du))
        pcr, trap = self.pcr_text()
        self.pcr = pcr
        pcr_v = pcr + (f"<br/>{trap}" if trap else "")
        pairs.append((r.choice(["Reference PCR", "PCR", "Product Category Rule (PCR)", "PCR and version"]), pcr_v))
        pairs += self.date_pairs()
        if p.epd_type_text and r.random() < 0.8:
            pairs.append((r.choice(["EPD type", "Type of EPD", "EPD Type", "Declaration type"]), p.epd_type_text))
            self.type_in_meta = True
        else:
            self.type_in_meta = False
        pairs.append((r.choice(["LCIA methodology", "LCIA method and version", "Impact assessment method"]),
                      " / ".join(self.method_title(m) for m in sorted(p.methods, key=lambda x: x != "TRACI"))))
        if r.random() < 0.6:
            pairs.append(("Reference year of data" if r.random() < 0.5 else "Year of reported data",
                          str(self.issued.year - r.choice([1, 1, 2]))))
        if r.random() < 0.5:
            pairs.append(("Market of applicability", r.choice(["North America", "United States", "Canada", "USA"])))
        if r.random() < 0.5:
            pairs.append(("LCA software", r.choice(["SimaPro 9.5", "GaBi 10", "openLCA 2.0", "LCA for Experts 10.7",
                                                    "Climate Earth", "NRMCA EPD Tool"])))
        order = pairs[:4]
        rest = pairs[4:]
        if r.random() < 0.4:
            r.shuffle(rest)
        return order + rest

    def declared_unit_text(self) -> str:
        d = self.p.declared
        r = self.rng
        return {"m3": r.choice(["1 m³ of ready mixed concrete", "1 cubic meter (m3) of concrete", "1 m3"]),
                "yd3": r.choice(["1 yd³ of ready mixed concrete", "1 cubic yard of concrete", "1 yd3 (0.7646 m3)"]),
                "t": r.choice(["1 metric ton", "1 metric ton (1,000 kg)", "1 tonne", "1 t of product"]),
                "short_ton": r.choice(["1 short ton (2,000 lb)", "1 short ton", "one US short ton (907.185 kg)"]),
                "m2": r.choice(["1 m² of flat glass", "1 square meter of glass", "1 m2 of glass (thickness and "
                                "mass per m2 as stated)"])}[d]

    def date_pairs(self) -> list[tuple[str, str]]:
        r = self.rng
        form = self.p.validity_form
        iss = self.dates.fmt(self.issued)
        if form == "range":
            end = self.dates.fmt(self.valid_until)
            lab = r.choice(["EPD number and period of validity", "Period of validity", "Validity"])
            txt = r.choice([f"EPD Valid {iss} through {end}", f"Valid from {iss} to {end}", f"{iss} – {end}",
                            f"{iss} through {end}"])
            return [(lab, txt)]
        out = [(r.choice(["Date of issue", "Issue date", "Date of publication", "Issued", "Publication date"]), iss)]
        if form == "date":
            out.append((r.choice(["Valid until", "Valid to", "Expiration date", "End of validity", "Valid through"]),
                        self.dates.fmt(self.valid_until)))
        else:
            yrs = self.valid_years
            words = {3: "three", 5: "five", 10: "ten"}[yrs]
            out.append((r.choice(["Period of validity", "Validity period", "Period of Validity"]),
                        r.choice([f"{yrs} years", f"{yrs} Years", f"{words} ({yrs}) years from date of issue",
                                  f"Valid for {yrs} years from the date of issue"])))
        return out

    def logo(self, w: float = 90, h: float = 54) -> Box:
        lines = [self.op.logo, "CERTIFIED", "ENVIRONMENTAL PRODUCT DECLARATION"] if self.rng.random() < 0.6 else [
            self.op.logo, "VERIFIED EPD"]
        return Box(w, h, self.theme.accent, lines, self.theme.bold, 18)

    def cover(self) -> None:
        r = self.rng
        th = self.theme
        st = r.choice(["table", "sidebar", "labels", "simple"])
        st = self.force_cover or st
        self.cover_style = st
        title_txt = r.choice(["Environmental Product Declaration", "ENVIRONMENTAL PRODUCT DECLARATION",
                              "Type III Environmental Product Declaration", "EPD"])
        title = self.esc(self.title_of())
        holder = self.esc(self.company)
        pairs = self.meta_pairs()
        lw = th.width * r.uniform(0.28, 0.38)
        if st == "table":
            head = Table([[Paragraph(title_txt, self.st_h1), self.logo()]], colWidths=[th.width - 100, 100])
            head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            self.story += [head, Paragraph(f"<b>{title}</b>", self.st_h2), Paragraph(holder, self.st_body)]
            if r.random() < 0.5:
                self.story.append(Paragraph(self.product_blurb(), self.st_body))
            rows = [[Paragraph(f"<b>{a}</b>", self.st_small), Paragraph(b, self.st_small)] for a, b in pairs]
            t = Table(rows, colWidths=[lw, th.width - lw])
            cmds: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
            if r.random() < 0.6:
                cmds += [("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]
            else:
                cmds += [("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.grey)]
            if r.random() < 0.4:
                cmds.append(("BACKGROUND", (0, 0), (0, -1), th.light))
            t.setStyle(TableStyle(cmds))
            self.story += [Spacer(1, 8), t]
        elif st == "sidebar":
            left: list[Flowable] = [Paragraph(title_txt, self.st_h2), Paragraph(f"<b>{title}</b>", self.st_h1),
                                    Box(th.width * 0.5, 150, colors.Color(0.8, 0.78, 0.74), ["[product photo]"],
                                        th.font, 10, colors.Color(0.4, 0.4, 0.4)),
                                    Spacer(1, 6), Paragraph(self.product_blurb(), self.st_body)]
            right: list[Flowable] = [self.logo(80, 50), Spacer(1, 8)]
            for a, b in pairs:
                right.append(Paragraph(f"<b>{a}</b>", self.st_small))
                right.append(Paragraph(b, self.st_small))
                right.append(Spacer(1, 3))
            t = Table([[left, right]], colWidths=[th.width * 0.56, th.width * 0.44])
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BACKGROUND", (1, 0), (1, 0), th.light if r.random() < 0.6 else colors.white)]))
            self.story.append(t)
        elif st == "labels":
            self.story += [self.logo(), Spacer(1, 6), Paragraph(title_txt, self.st_h1),
                           Paragraph(f"<b>{title}</b>", self.st_h2), Paragraph(self.product_blurb(), self.st_body)]
            for a, b in pairs:
                self.story.append(Paragraph(f"<b>{a}:</b> {b}", self.st_body))
        else:
            self.story += [Paragraph(title_txt, ParagraphStyle("t", parent=self.st_h1, alignment=TA_CENTER)),
                           Paragraph(f"<b>{title}</b>", ParagraphStyle("t2", parent=self.st_h2, alignment=TA_CENTER)),
                           Paragraph(f"{holder}", self.st_center)]
            if self.plant[0]:
                self.story.append(Paragraph(self.esc(self.plant[0]), self.st_center))
            self.story.append(Paragraph(f"{self.plant[1]}, {self.plant[2]}", self.st_center))
            self.story.append(Spacer(1, 10))
            rows = [[a, Paragraph(b, self.st_small)] for a, b in pairs]
            t = Table(rows, colWidths=[lw, th.width - lw])
            t.setStyle(TableStyle([("FONT", (0, 0), (0, -1), th.bold, max(6.5, th.size - 1.5)),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            self.story.append(t)
        if len(self.products) == 1 and self.material == "concrete":
            self.one_mix_details()
        if self.summary_on_cover:
            self.cover_summary()
        if r.random() < 0.55 and self.length != "short":
            self.story.append(PageBreak())

    def product_blurb(self) -> str:
        mat = self.material
        n = len(self.products)
        r = self.rng
        if mat == "concrete":
            if n == 1:
                return (f"This EPD reports the environmental impacts of one ready mixed concrete mix produced by "
                        f"{self.esc(self.company)}. Ready mixed concrete is a mixture of portland cement, "
                        "supplementary cementitious materials, aggregates, water and admixtures.")
            return (f"This EPD covers {n} ready mixed concrete mixes produced at one plant. Mixes are listed by mix "
                    "number with their description and specified compressive strength.")
        if mat == "steel":
            return ("Steel products are used in buildings, bridges and infrastructure. " + self.route_prose()
                    + " " + self.fab_prose())
        if mat == "asphalt":
            return (f"This EPD covers {'one' if n == 1 else n} asphalt mixture{'s' if n > 1 else ''} produced at a "
                    "single asphalt plant. "
                    "Asphalt mixtures consist of aggregates, asphalt binder, and recycled materials such as "
                    "reclaimed asphalt pavement (RAP).")
        if mat == "flat_glass":
            return ("Flat glass is produced by the float process, in which molten glass is floated on a bath of tin. "
                    + r.choice(["It is used in windows, curtain walls and doors.", "Products are sold as jumbo "
                                "lites and cut sizes."]))
        return ("Cement is a hydraulic binder produced by grinding clinker with gypsum and, for blended cements, "
                "limestone or other constituents.")

    def route_prose(self) -> str:
        routes = {p.attrs["route"] for p in self.products}
        if routes == {"eaf"}:
            return self.rng.choice([
                "The steel is produced in an electric arc furnace (EAF) mini-mill from recycled scrap.",
                "All products are made via the electric arc furnace (EAF) route, using predominantly recycled scrap.",
                "The mill is an EAF mini-mill melting ferrous scrap."])
        if routes == {"integrated"}:
            return self.rng.choice([
                "Steel is made in a basic oxygen furnace (BOF) integrated mill from iron produced in a blast furnace.",
                "The products come from an integrated mill (blast furnace and basic oxygen furnace, BF-BOF).",
                "Hot metal from the blast furnace is refined in a basic oxygen furnace (BOF) at our integrated mill."])
        if routes == {"eaf", "integrated"}:
            return "Results are given separately for electric arc furnace (EAF) and basic oxygen furnace (BOF) routes."
        return "The results represent the steel produced by the participating facilities."

    def fab_prose(self) -> str:
        fabs = {p.attrs["fabricated"] for p in self.products}
        if fabs == {True}:
            return self.rng.choice(["Fabrication at the shop is included (cutting, drilling, welding and coating).",
                                    "The declared products are fabricated: shop fabrication is inside the system "
                                    "boundary."])
        if fabs <= {False, None} and False in fabs:
            return self.rng.choice(["The products are unfabricated; fabrication is not included.",
                                    "The system boundary ends at the mill gate; shop fabrication is excluded "
                                    "(unfabricated steel)."])
        return ""

    def one_mix_details(self) -> None:
        p = self.products[0]
        r = self.rng
        a = p.attrs
        rows: list[tuple[str, str]] = [(r.choice(["Mix number", "Mix ID", "Mix code", "Product number"]), p.name),
                                       (r.choice(["Mix description", "Description"]), self.esc(p.description))]
        if a["_psi_int"] is not None:
            if a["_mpa"] is not None:
                st = a["_stoken"]
            else:
                st = r.choice([f"{a['_psi_int']:,} psi", f"{a['_psi_int']} psi", f"{a['_psi_int']} PSI"])
            age = a["strength_age_days"]
            rows.append((r.choice(["Compressive strength", "Specified compressive strength", "Design strength (f'c)",
                                   "Strength"]), f"{st} at {age} days" if r.random() < 0.6 else f"{st} @ {age} days"))
        if "early" in p.meta:
            rows.append(("Early strength", p.meta["early"]))
        if a["lightweight"]:
            d = p.meta["density"]
            rows.append(("Density (fresh unit weight)", d if "pcf" in d else f"{d} kg/m³"))
        if self.plant[0]:
            rows.append(("Plant", f"{self.esc(self.plant[0])}, {self.plant[1]}, {self.plant[2]}"))
        else:
            rows.append(("Production location", f"{self.plant[1]}, {self.plant[2]}"))
        t = Table([[Paragraph(f"<b>{x}</b>", self.st_small), Paragraph(y, self.st_small)] for x, y in rows],
                  colWidths=[self.theme.width * 0.3, self.theme.width * 0.7])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25,
                                                                      colors.grey)]))
        self.story += [Spacer(1, 6), t]

    def cover_summary(self) -> None:
        u = self.p.declared
        mod = "A1A3" if "A1A3" in self.mods() else None
        if mod is None:
            return
        cell = self.gwp_cell(0, self.p.primary, u, mod)
        lab = Paragraph(f"<b>Global Warming Potential (A1-A3), {self.esc(self.co2)} {self.per(u)}</b>", self.st_body)
        t = Table([[lab, cell]], colWidths=[self.theme.width * 0.6, self.theme.width * 0.25])
        t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, self.theme.accent), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BACKGROUND", (0, 0), (-1, -1), self.theme.light)]))
        self.story += [Spacer(1, 8), t]

    def general_sections(self, fill: int) -> None:
        r = self.rng
        mat = self.material
        if self.length == "short":
            if mat == "steel":
                self.para(self.route_prose() + " " + self.fab_prose())
            if mat == "flat_glass":
                self.glass_table()
            if mat == "asphalt" or (mat == "concrete" and self.p.orientation == "prod_cols"):
                self.product_list_table()
            if self.p.epd_type_text and not self.type_in_meta:
                self.para(self.epd_type_sentence())
            return
        self.h2(r.choice(["Product Description", "1. Product Definition", "Product information", "About the product"]))
        self.para(self.product_blurb())
        if mat == "steel":
            self.steel_table()
        if mat == "flat_glass":
            self.glass_table()
            self.para(f"ENERGY STAR Energy Performance Score of the float plant: {r.randint(50, 95)} "
                      f"(reported {self.issued.year - 1}).")
        if mat == "asphalt" or (mat == "concrete" and self.p.orientation == "prod_cols"):
            self.product_list_table()
        if self.p.epd_type_text and not self.type_in_meta:
            self.para(self.epd_type_sentence())
        self.h2(r.choice(["Declared Unit", "2. Declared unit", "Functional and declared unit"]))
        du = self.declared_unit_text()
        extra = ""
        if mat == "concrete" and len(self.p.units) > 1:
            other = next(u for u in self.p.units if u != self.p.declared)
            extra = f" Results are also reported {self.per(other)}."
        self.para(f"The declared unit is {du}.{extra}")
        self.h2(r.choice(["System Boundary", "3. System boundaries", "Scope and system boundary"]))
        sb = ("This cradle-to-gate EPD covers the product stage: raw material supply (A1), transport to the "
              "manufacturer (A2) and manufacturing (A3). Other life cycle stages are not declared (MND).")
        if mat == "steel":
            sb += " " + self.fab_prose()
        self.para(sb)
        filler = [
            ("Cut-off Criteria", "Processes contributing less than 1% of mass and energy were excluded, provided the "
             "total excluded does not exceed 5% of energy usage and mass. Capital goods are excluded."),
            ("Allocation", "Allocation follows ISO 21930:2017 section 7.2. Where co-products exist, mass allocation "
             "was applied. Recycled content enters the system free of burden (cut-off approach)."),
            ("Data Quality", "Primary data were collected from the manufacturer for a 12-month period. Background "
             "data are from ecoinvent 3.9 and the US LCI database. Data quality was judged good for geographic, "
             "technological and temporal representativeness."),
            ("Comparability", "EPDs from different programs may not be comparable. Comparison of EPDs is only "
             "possible when they follow the same PCR, including the same version, declared unit and system "
             "boundary, and use equivalent data."),
            ("Limitations", "LCA results are relative expressions and do not predict impacts on category endpoints, "
             "the exceeding of thresholds, safety margins or risks. Environmental declarations from different "
             "programs may not be comparable."),
            ("Transportation", "Transport distances for raw materials were obtained from suppliers. Trucks, rail and "
             "barge were modelled with US average datasets."),
        ]
        for title, txt in r.sample(filler, min(fill, len(filler))):
            self.h2(title)
            self.para(txt)

    def steel_table(self) -> None:
        r = self.rng
        if len(self.products) < 2 and r.random() < 0.6:
            return
        rows = [["Product", "Steelmaking route", "Fabrication"]]
        for p in self.products:
            rt = {"eaf": "Electric arc furnace (EAF)", "integrated": "Integrated mill (BF-BOF)", None: "Not stated"}[
                p.attrs["route"]]
            fb = {True: "Fabricated", False: "Unfabricated", None: "-"}[p.attrs["fabricated"]]
            rows.append([p.name, rt, fb])
        spec = TableSpec(rows, 1, num_from=1, left_cols=(1, 2))
        t = build_table(spec, self.theme, r, True)
        if t is not None:
            self.caption("Products covered")
            self.story.append(t)

    def epd_type_sentence(self) -> str:
        t = self.p.epd_type_text or ""
        if "EPD" in t:
            return f"Type of declaration: {t}."
        return self.rng.choice([f"This is a {t} EPD.", f"EPD type: {t}.", f"This EPD is {t}."])

    def product_list_table(self) -> None:
        r = self.rng
        if self.material == "concrete":
            meta = {k: v for k, v in self.meta_columns().items() if k != "bench"}
            if "mix" not in meta:
                meta = {"mix": (self.mix_id_head(), None), **meta}
        else:
            meta = {"mix": (self.mix_id_head(), None), "desc": ("Description", None)}
            if r.random() < 0.5:
                meta["rap"] = ("RAP", "%")
        head = [h if u is None else f"{h} ({u})".replace("\n", " ") for h, u in meta.values()]
        rows: list[list[Cell]] = [head]
        for p in self.products:
            rows.append([self._meta_cell(p, k) for k in meta])
        keys = list(meta)
        spec = TableSpec(rows, 1, num_from=len(keys), wrap_cols=tuple(i for i, k in enumerate(keys) if k == "desc"))
        t = build_table(spec, self.theme, r, True)
        if t is not None:
            self.caption(r.choice(["Products covered by this EPD", "Mix designs", "Declared products"]))
            self.story.append(t)

    def glass_table(self) -> None:
        if not getattr(self, "glass_m2", False):
            return
        rows = [["Product", "Nominal thickness", "Mass per m²" if self.rng.random() < 0.5 else "Mass (kg/m2)"]]
        for p in self.products:
            m = p.mass_per_m2
            assert m is not None
            ms = f"{m.normalize():f}" if m == m.to_integral_value() else f"{m}"
            rows.append([p.name, p.meta["thick"], f"{ms} kg/m²" if "²" in rows[0][2] else ms])
        spec = TableSpec(rows, 1, num_from=1)
        t = build_table(spec, self.theme, self.rng, True)
        if t is not None:
            self.caption("Declared products, thickness and mass per unit area")
            self.story.append(t)

    # ---- results ---------------------------------------------------------------------------------------------------
    def results(self) -> None:
        r = self.rng
        self.h2(r.choice(["Life Cycle Impact Assessment Results", "LCA Results", "5. LCA: Results", "Results",
                          "Environmental Indicators"]))
        self.para(r.choice([
            "Results are reported per declared unit. LCA results are relative expressions and do not predict "
            "impacts on category endpoints.",
            "The following tables report the impact indicators required by the PCR. Modules not declared are "
            "marked MND.",
            "All values are rounded. Totals may differ from the sum of modules due to rounding."]))
        o = self.p.orientation
        if o == "ind_rows":
            self.results_ind_rows()
        elif o == "mod_rows":
            self.results_mod_rows()
        elif o == "prod_cols":
            self.results_prod_cols()
        else:
            self.results_mix_rows()

    def unit_groups(self, allow_side: bool = True) -> list[list[str]]:
        units = self.p.units
        if len(units) > 1 and self.p.unit_layout == "side" and allow_side:
            return [units]
        return [[u] for u in units]

    def other_inds(self, m: str) -> list[tuple[str, str, str, str]]:
        inds = {"TRACI": TRACI_IND, "CML": CML_IND, "EF": EF_IND}[m]
        k = self.rng.randint(2, len(inds))
        out = [(a, b, c, d) for a, b, c, d, _ in inds[:k]]
        if m == "TRACI" and self.rng.random() < 0.3:
            out += [(a, b, c, d) for a, b, c, d, _ in INVENTORY]
        return out

    def ef_gwp_rows(self, pi: int, u: str, mod: str) -> list[tuple[str, Cell]]:
        """GWP-fossil, -biogenic, -luluc next to GWP-total (EN 15804+A2)."""
        p = self.products[pi]
        tot = float(self.gv[(pi, "EF", u, mod)].value)
        bio = tot * p.ind["bio"]
        luluc = tot * p.ind["luluc"]
        fossil = tot - bio - luluc
        return [("GWP-fossil", self.other_cell(fossil)), ("GWP-biogenic", self.other_cell(bio)),
                ("GWP-luluc", self.other_cell(luluc))]

    def ind_val(self, p: Product, m: str, key: str) -> float:
        """A non-GWP indicator, slightly different per method."""
        k = 1.0 if m == "TRACI" else 1.0 + 4 * p.delta[m]
        return p.total * p.ind[key] * k

    def pct(self, p: Product, mod: str) -> str:
        f = self.mod_frac(p, mod) * 100
        return f"{f:.1f}%" if f < 10 else f"{f:.0f}%"

    def mod_frac(self, p: Product, mod: str) -> float:
        a1, a2, a3 = p.split
        t = a1 + a2 + a3
        return {"A1": a1, "A2": a2, "A3": a3, "A2A3": a2 + a3, "A1A3": t}[mod] / t

    def results_ind_rows(self) -> None:
        """Per product: indicators as rows, modules as columns (units side by side or in separate tables)."""
        r = self.rng
        mods = self.mods()
        unit_col = r.random() < 0.55
        extra_mods: list[str] = []
        if "A1A3" in mods and r.random() < 0.3:
            extra_mods = r.choice([["A4", "A5"], ["A4", "C1", "C2", "C3", "C4", "D"], ["C1", "C2", "C3", "C4"],
                                   ["A4"]])
        pct_rows = self.p.modules == "split_total" and r.random() < 0.2
        methods_blocks = [self.p.methods] if self.p.method_layout == "combined" else [[m] for m in self.p.methods]
        for pi, p in enumerate(self.products):
            if len(self.products) > 1:
                self.h2(f"Results for {self.esc(p.name)}" + (f" ({self.esc(p.description)})" if p.description !=
                                                             p.name and r.random() < 0.5 else ""))
            for block in methods_blocks:
                for ug in self.unit_groups(allow_side=not extra_mods):
                    self._ind_table(pi, p, block, ug, mods, extra_mods if len(ug) == 1 else [], unit_col, pct_rows)

    def _ind_table(self, pi: int, p: Product, block: list[str], ug: list[str], mods: list[str], extra: list[str],
                   unit_col: bool, pct_rows: bool) -> None:
        r = self.rng
        primary_units = ug
        if any(m != self.p.primary for m in block) and len(block) == 1:
            primary_units = [self.p.declared]  # secondary-method tables in the declared unit only
            if self.p.declared not in ug:
                return
        ug = [u for u in ug if u in primary_units]
        head0: list[Cell] = ["Indicator" if r.random() < 0.5 else "Impact category"] + (["Unit"] if unit_col else [])
        nfix = len(head0)
        data: list[list[Cell]] = []
        spans: list[tuple[int, int, int, int]] = []
        cols_mods = [*mods, *extra]
        if len(ug) > 1:
            g: list[Cell] = [""] * nfix
            for j, u in enumerate(ug):
                c0 = nfix + j * len(cols_mods)
                g += [self.cap(self.per(u))] + [""] * (len(cols_mods) - 1)
                if len(cols_mods) > 1:
                    spans.append((c0, 0, c0 + len(cols_mods) - 1, 0))
            for c in range(nfix):
                spans.append((c, 0, c, 1))
            g[0:nfix] = head0
            data.append(g)
            data.append([""] * nfix + [self.mod_head(m) if m in mods else m for _u in ug for m in cols_mods])
            nhead = 2
        else:
            data.append(head0 + [self.mod_head(m) if m in mods else m for m in cols_mods])
            nhead = 1
        sections: list[int] = []
        for m in block:
            if len(block) > 1:
                sections.append(len(data))
                data.append([self.method_title(m)] + [""] * (len(data[0]) - 1))
            unit = self.co2
            lab = self.gwp_label(m)
            row: list[Cell] = [lab if unit_col else f"{lab} [{unit}]"] + ([unit] if unit_col else [])
            for u in ug:
                for mod in cols_mods:
                    if mod in mods:
                        row.append(self.gwp_cell(pi, m, u, mod))
                    else:
                        row.append(self._extra_mod(p, mod, u))
            data.append(row)
            if pct_rows and m != "EF":
                data.append(["", *([""] if unit_col else [])] + [
                    self.pct(p, mod) if mod in mods else "" for _u in ug for mod in cols_mods])
            if m == "EF":
                for mod_lab in ("GWP-fossil", "GWP-biogenic", "GWP-luluc"):
                    row = [mod_lab if unit_col else f"{mod_lab} [{unit}]"] + ([unit] if unit_col else [])
                    for u in ug:
                        for mod in cols_mods:
                            if mod in mods:
                                cells = dict(self.ef_gwp_rows(pi, u, mod))
                                row.append(cells[mod_lab])
                            else:
                                row.append("MND")
                    data.append(row)
            for key, abbr, full, iunit in self.other_inds(m):
                row = [self.ind_label(abbr, full, iunit, not unit_col)] + ([iunit] if unit_col else [])
                for u in ug:
                    for mod in cols_mods:
                        if mod in mods:
                            v = self.ind_val(p, m, key) * self.mod_frac(p, mod) * float(p.factor(u))
                            row.append(self.other_cell(v))
                        else:
                            row.append(self._mnd.get(mod) or "MND" if hasattr(self, "_mnd") else "MND")
                data.append(row)
        spec = TableSpec(data, nhead, spans, num_from=nfix, wrap_cols=(0,), section_rows=tuple(sections))
        t = build_table(spec, self.theme, r, self.p.repeat_head)
        if t is None:  # too wide: drop the unit column, then abbreviate, then one unit per table, then no extras
            if unit_col:
                self._ind_table(pi, p, block, ug, mods, extra, False, pct_rows)
            elif self.ind_names != "abbr":
                self.ind_names = "abbr"
                self._ind_table(pi, p, block, ug, mods, extra, False, pct_rows)
            elif len(ug) > 1:
                for u in ug:
                    self._ind_table(pi, p, block, [u], mods, extra, False, pct_rows)
            elif extra:
                self._ind_table(pi, p, block, ug, mods, [], False, pct_rows)
            else:
                raise RuntimeError(f"seed {self.seed}: results table does not fit")
            return
        mnames = " and ".join(self.method_title(m) for m in block)
        self.caption(f"{mnames} results {', '.join(self.per(u) for u in ug)}" + (
            f" of {self.esc(p.name)}" if r.random() < 0.5 else ""))
        self.story.append(t)

    def _extra_mod(self, p: Product, mod: str, u: str) -> Cell:
        r = self.rng
        if not hasattr(self, "_mnd"):
            self._mnd = {m: r.choice(["MND", "MND", "ND", ""]) for m in ("A4", "A5", "C1", "C2", "C3", "C4", "D")}
        if self._mnd[mod]:
            return self._mnd[mod]
        v = p.total * float(p.factor(u)) * {"A4": 0.04, "A5": 0.02, "C1": 0.01, "C2": 0.01, "C3": 0.005,
                                             "C4": 0.01, "D": -0.3 if self.material == "steel" else -0.02}[mod]
        return self.other_cell(v * r.uniform(0.5, 1.5))

    def results_mod_rows(self) -> None:
        """Modules as rows (ISO 21930 stage names or A1/A2/A3), indicators as columns."""
        r = self.rng
        mods = self.mods()
        for pi, p in enumerate(self.products):
            for m in self.p.methods:
                units = self.p.units if m == self.p.primary else [self.p.declared]
                for u in units:
                    inds = self.other_inds(m)
                    head: list[Cell] = [r.choice(["Module", "Life cycle stage", "Stage"])]
                    gl = self.gwp_label(m)
                    unit_row = r.random() < 0.5
                    head.append(gl if unit_row else f"{gl}\n({self.co2})")
                    ef = m == "EF"
                    if ef:
                        head += ["GWP-fossil" if unit_row else f"GWP-fossil\n({self.co2})", "GWP-biogenic" if unit_row
                                 else f"GWP-biogenic\n({self.co2})"]
                    head += [abbr if unit_row else f"{abbr}\n({iu})" for _k, abbr, _f, iu in inds]
                    data: list[list[Cell]] = [head]
                    if unit_row:
                        data.append([""] + [self.co2] * (3 if ef else 1) + [iu for *_x, iu in inds])
                    for mod in mods:
                        row: list[Cell] = [self.mod_head(mod).replace("-\n", "").replace("\n", " ")]
                        row.append(self.gwp_cell(pi, m, u, mod))
                        if ef:
                            cells = dict(self.ef_gwp_rows(pi, u, mod))
                            row += [cells["GWP-fossil"], cells["GWP-biogenic"]]
                        for key, *_rest in inds:
                            row.append(self.other_cell(self.ind_val(p, m, key) * self.mod_frac(p, mod) *
                                                       float(p.factor(u))))
                        data.append(row)
                    spec = TableSpec(data, 2 if unit_row else 1, num_from=1, wrap_cols=(0,))
                    t = build_table(spec, self.theme, r, self.p.repeat_head)
                    while t is None and len(data[0]) > 2:  # too wide: drop the last indicator column
                        data = [row[:-1] for row in data]
                        spec = TableSpec(data, 2 if unit_row else 1, num_from=1, wrap_cols=(0,))
                        t = build_table(spec, self.theme, r, self.p.repeat_head)
                    if t is None:
                        raise RuntimeError(f"seed {self.seed}: module table does not fit")
                    self.caption(f"{self.method_title(m)} impact assessment results {self.per(u)}" + (
                        f" – {self.esc(p.name)}" if len(self.products) > 1 else ""))
                    self.story.append(t)

    def results_prod_cols(self) -> None:
        """Indicators as rows, one column per product (A1-A3 totals)."""
        r = self.rng
        blocks = [self.p.methods] if self.p.method_layout == "combined" else [[m] for m in self.p.methods]
        unit_col = r.random() < 0.6
        for block in blocks:
            units = self.p.units if self.p.primary in block else [self.p.declared]
            for u in units:
                use = [m for m in block if m == self.p.primary or u == self.p.declared]
                head: list[Cell] = ["Indicator"] + (["Unit"] if unit_col else [])
                nfix = len(head)
                head += ["\n".join(simpleSplit(p.name, self.theme.bold, self.theme.tsize, 80)) for p in self.products]
                data: list[list[Cell]] = [head]
                sections: list[int] = []
                for m in use:
                    if len(use) > 1:
                        sections.append(len(data))
                        data.append([self.method_title(m)] + [""] * (len(head) - 1))
                    lab = self.gwp_label(m) + (" A1-A3" if r.random() < 0.5 else "")
                    data.append([lab if unit_col else f"{lab} [{self.co2}]"] + ([self.co2] if unit_col else []) +
                                [self.gwp_cell(pi, m, u, "A1A3") for pi in range(len(self.products))])
                    if m == "EF":
                        for lab2 in ("GWP-fossil", "GWP-biogenic", "GWP-luluc"):
                            data.append([lab2 if unit_col else f"{lab2} [{self.co2}]"] + ([self.co2] if unit_col else
                                                                                          []) +
                                        [dict(self.ef_gwp_rows(pi, u, "A1A3"))[lab2] for pi in
                                         range(len(self.products))])
                    for key, abbr, full, iu in self.other_inds(m):
                        data.append([self.ind_label(abbr, full, iu, not unit_col)] + ([iu] if unit_col else []) +
                                    [self.other_cell(self.ind_val(p, m, key) * float(p.factor(u))) for p in
                                     self.products])
                spec = TableSpec(data, 1, num_from=nfix, wrap_cols=(0,), section_rows=tuple(sections))
                t = build_table(spec, self.theme, r, self.p.repeat_head)
                if t is None and unit_col:  # too wide: fold the unit into the indicator name
                    data = [[f"{row[0]} [{row[1]}]" if i and row[1] and i not in sections else row[0], *row[2:]]
                            for i, row in enumerate(data)]
                    spec = TableSpec(data, 1, num_from=1, wrap_cols=(0,), section_rows=tuple(sections))
                    t = build_table(spec, self.theme, r, self.p.repeat_head)
                if t is None:
                    raise RuntimeError(f"seed {self.seed}: product table does not fit")
                self.caption(f"{' / '.join(self.method_title(m) for m in use)} results, A1-A3, {self.per(u)}")
                self.story.append(t)

    def results_mix_rows(self) -> None:
        """Products (mixes) as rows; meta columns, GWP columns and other indicators as columns."""
        r = self.rng
        p0 = self.p
        mods = self.mods()
        primary_units = p0.units
        # meta columns
        meta = self.meta_columns()
        if "mix" not in meta:
            for p in self.products:
                p.name = p.description
        drop_order = ["wcm", "slump", "density", "age", "cm", "scm", "bench", "other"]
        if self.material != "concrete":
            drop_order.append("desc")
        others = self.other_inds(p0.primary)[: r.randint(0, 4)]
        gwp_group_style = r.choice(["group", "flat"])
        self.wrap_frac = 0.26
        for _attempt in range(40):
            cols = self._mix_columns(meta, mods, primary_units, others, gwp_group_style)
            spec = self._mix_spec(cols)
            t = build_table(spec, self.theme, r, p0.repeat_head)
            if t is not None:
                break
            for c in drop_order:
                if c == "other" and others:
                    others = others[:-1]
                    break
                if c in meta and c not in ("mix",):
                    if c == "desc" and "mix" not in meta:
                        continue
                    del meta[c]
                    break
            else:
                if gwp_group_style != "flat":
                    gwp_group_style = "flat"
                elif self.wrap_frac > 0.12:
                    self.wrap_frac -= 0.04
                elif "A1A3" in mods and len(mods) > 1:
                    self.p.modules = "total"
                    mods = self.mods()
                else:
                    raise RuntimeError(f"seed {self.seed}: mix table does not fit")
        else:
            raise RuntimeError(f"seed {self.seed}: mix table does not fit")
        self.caption(r.choice([f"{self.method_title(p0.primary)} results (A1-A3) for all mixes",
                               "Mix designs and environmental impacts", "Results by product"]) +
                     (f", {self.per(primary_units[0])}" if len(primary_units) == 1 else ""))
        self.story.append(t)
        if "bench" in meta and r.random() < 0.7:
            self.para(r.choice(["Benchmark values are provided for information only and are not part of the "
                                "declared results.", "Values in the reduction column compare each mix to the "
                                "regional baseline mix of the same strength class."]))
        # secondary methods: GWP only, declared unit
        for m in p0.methods:
            if m == p0.primary:
                continue
            u = p0.declared
            head: list[Cell] = [self.mix_id_head() if "mix" in meta else "Description"]
            smods = ["A1A3"] if "A1A3" in mods else mods
            ef = m == "EF" and smods == ["A1A3"]
            if ef:
                head += [f"GWP-total\n({self.co2})", "GWP-fossil", "GWP-biogenic", "GWP-luluc"]
            else:
                gl = self.gwp_label(m)
                head += [f"{gl} {self.mod_head(mod)}\n({self.co2})" for mod in smods]
            rows: list[list[Cell]] = []
            for pi, p in enumerate(self.products):
                row: list[Cell] = [p.name] + [self.gwp_cell(pi, m, u, mod) for mod in smods]
                if ef:
                    row += [c for _l, c in self.ef_gwp_rows(pi, u, "A1A3")]
                rows.append(row)
            spec = TableSpec([head, *rows], 1, num_from=1, wrap_cols=(0,))
            t2 = build_table(spec, self.theme, r, p0.repeat_head)
            if t2 is not None:
                self.caption(f"{self.method_title(m)} results {self.per(u)}")
                self.story.append(t2)

    def mix_id_head(self) -> str:
        if not hasattr(self, "_mixhead"):
            if self.material == "concrete":
                self._mixhead = self.rng.choice(["Mix ID", "Mix No.", "Mix Number", "Mix Code", "Mix #", "Product ID"])
            else:
                self._mixhead = self.rng.choice(["Product", "Mix", "Product name", "Mix ID"])
        return self._mixhead

    def meta_columns(self) -> dict[str, tuple[str, str | None]]:
        """Column id -> (head, unit) for the meta columns printed in a mix table (ordered, maybe shuffled)."""
        r = self.rng
        cols: dict[str, tuple[str, str | None]] = {}
        mat = self.material
        if mat == "concrete":
            cs = self.cstyle
            keep_id = r.random() < 0.85
            if keep_id:
                cols["mix"] = (self.mix_id_head(), None)
            cols["desc"] = (r.choice(["Description", "Mix Description", "Product Description"]), None)
            if r.random() < 0.7:
                cols["fc"] = (r.choice(["f'c", "Strength", "Specified\nStrength", "28-day\nf'c", "Compressive\n"
                                        "Strength"]), "MPa" if cs.mpa else "psi")
            any_age = any(p.attrs["strength_age_days"] not in (28, None) for p in self.products)
            if any_age and r.random() < 0.6:
                cols["age"] = (r.choice(["Age", "Test age", "Design age"]), "days")
            if any(p.attrs["high_early_strength"] for p in self.products) and r.random() < 0.7:
                cols["early"] = ("Early strength", None)
            if r.random() < 0.5:
                cols["cm"] = (r.choice(["Cementitious", "Total\ncementitious", "Binder content"]), "lb/yd³")
            if r.random() < 0.5:
                cols["scm"] = (r.choice(["SCM", "SCM\nreplacement", "Fly ash/slag"]), "%")
            if r.random() < 0.3:
                cols["slump"] = ("Slump", "in")
            if r.random() < 0.15:
                cols["wcm"] = ("w/cm", None)
            if any(p.attrs["lightweight"] for p in self.products) and r.random() < 0.7:
                cols["density"] = ("Density", "kg/m³")
            if r.random() < 0.35:
                cols["bench"] = ("", None)
        else:
            cols["mix"] = (self.mix_id_head(), None)
            if any(p.description != p.name for p in self.products):
                cols["desc"] = ("Description", None)
            if mat == "asphalt" and r.random() < 0.5:
                cols["rap"] = ("RAP", "%")
            if mat == "asphalt" and r.random() < 0.3:
                cols["binder"] = ("Binder grade", None)
            if mat == "flat_glass" and self.glass_m2:
                cols["thick"] = ("Thickness", None)
                cols["mass"] = ("Mass", "kg/m²")
            if mat == "steel" and r.random() < 0.5:
                cols["route"] = ("Route", None)
        keys = list(cols)
        if r.random() < 0.35:
            head = keys[:2] if r.random() < 0.7 else keys[:1]
            tail = keys[len(head):]
            r.shuffle(tail)
            keys = head + tail
        if r.random() < 0.15 and "mix" in keys and "desc" in keys:
            keys.remove("desc")
            keys.insert(0, "desc")
        return {k: cols[k] for k in keys}

    def _meta_cell(self, p: Product, key: str) -> Cell:
        a = p.attrs
        if key == "mix":
            return p.name
        if key == "desc":
            return p.description
        if key == "fc":
            if a["_psi_int"] is None:
                return "-"
            if a["_mpa"] is not None:
                mpa = a["_mpa"]
                return f"{mpa:.1f}" if mpa != mpa.to_integral_value() else str(int(mpa))
            return f"{a['_psi_int']:,}" if self.cstyle.psi_style == 1 else str(a["_psi_int"])
        if key == "age":
            return p.meta["age"] if a["strength_age_days"] else "-"
        if key == "early":
            return p.meta.get("early", "")
        if key == "density":
            return p.meta["density_kg"]
        if key == "route":
            return {"eaf": "EAF", "integrated": "BOF", None: "-"}[a["route"]]
        if key == "mass":
            m = p.mass_per_m2
            return f"{m}" if m is not None else "-"
        return p.meta.get(key, "")

    def _mix_columns(self, meta: dict[str, tuple[str, str | None]], mods: list[str], units: list[str],
                     others: list[tuple[str, str, str, str]], group_style: str) -> list[dict[str, Any]]:
        r = self.rng
        p0 = self.p
        if not hasattr(self, "_mixcfg"):
            self._mixcfg: dict[str, Any] = {
                "unit_row": r.random() < 0.35,
                "gwp_word": r.choice(["GWP", "GWP", "Global Warming\nPotential", "GWP-100", "Climate change"]),
                "bench": r.choice(["bench_kg", "vs_baseline", "reduction"]),
                "order": r.random(),
            }
        cfg = self._mixcfg
        unit_row = cfg["unit_row"]
        cols: list[dict[str, Any]] = []
        for key, (head, unit) in meta.items():
            if key == "bench":
                continue
            cells = [self._meta_cell(p, key) for p in self.products]
            h = head if unit is None or unit_row else f"{head}\n({unit})"
            cols.append({"head": h, "unit": unit or "", "group": None, "cells": cells, "num": key in (
                "fc", "cm", "scm", "slump", "wcm", "age", "density", "rap", "mass"), "wrap": key == "desc"})
        gcols: list[dict[str, Any]] = []
        gw = cfg["gwp_word"]
        for u in units:
            for mod in mods:
                mh = self.mod_head(mod).replace("-\n", "").replace("\n", " ")
                if group_style == "group" and (len(units) > 1 or len(mods) > 1):
                    if len(units) > 1 and len(mods) > 1:
                        group = f"{gw} ({self.co2}) {self.per(u)}".replace("\n", " ")
                        sub = mh
                    elif len(units) > 1:
                        group = f"{gw} ({self.co2})".replace("\n", " ")
                        sub = self.per(u)
                    else:
                        group = f"{gw} ({self.co2} {self.per(u)})".replace("\n", " ")
                        sub = mh
                    head = sub
                else:
                    group = None
                    parts = [gw]
                    if len(mods) > 1:
                        parts.append(mh)
                    elif r.random() < 0.4:
                        parts.append("A1-A3")
                    if not unit_row:
                        parts.append(f"({self.co2}")
                        parts.append(f"{self.per(u)})")
                    else:
                        parts.append(self.per(u))
                    head = "\n".join(parts)
                gcols.append({"head": head, "unit": self.co2 if unit_row else "", "group": group,
                              "cells": [self.gwp_cell(pi, p0.primary, u, mod) for pi in range(len(self.products))],
                              "num": True, "wrap": False})
        ocols = []
        for key, abbr, _full, iu in others:
            u = units[0]
            ocols.append({"head": abbr if unit_row else f"{abbr}\n({iu})", "unit": iu, "group": None,
                          "cells": [self.other_cell(p.total * p.ind[key] * float(p.factor(u))) for p in self.products],
                          "num": True, "wrap": False})
        bench: list[dict[str, Any]] = []
        if "bench" in meta:
            u = units[0]
            kind = cfg["bench"]
            cells = []
            for pi, p in enumerate(self.products):
                psi = p.attrs.get("_psi_int") or 3000
                base = (175 + 0.05 * psi) * float(p.factor(u))
                mine = float(self.gv[(pi, p0.primary, u, mods[-1])].value)
                if kind == "bench_kg":
                    cells.append(f"{base:,.0f}")
                elif kind == "vs_baseline":
                    cells.append(f"{(mine - base) / base * 100:+.0f}%")
                else:
                    cells.append(f"{max(0.0, (base - mine) / base * 100):.0f}%")
            head = {"bench_kg": f"NRMCA\nBenchmark\n({self.co2}\n{self.per(u)})", "vs_baseline": "vs.\nbaseline",
                    "reduction": "% reduction\nvs. benchmark"}[kind]
            bench.append({"head": head, "unit": self.co2 if kind == "bench_kg" and unit_row else "", "group": None,
                          "cells": cells, "num": True, "wrap": False})
        order = cfg["order"]
        if order < 0.6:
            return cols + gcols + ocols + bench
        if order < 0.8:
            return cols + ocols + gcols + bench
        return cols + bench + gcols + ocols

    def _mix_spec(self, cols: list[dict[str, Any]]) -> TableSpec:
        has_group = any(c["group"] for c in cols)
        unit_row = self._mixcfg["unit_row"]
        rows: list[list[Cell]] = []
        spans: list[tuple[int, int, int, int]] = []
        nhead = (2 if has_group else 1) + (1 if unit_row else 0)
        if has_group:
            g: list[Cell] = []
            i = 0
            while i < len(cols):
                c = cols[i]
                if c["group"]:
                    j = i
                    while j + 1 < len(cols) and cols[j + 1]["group"] == c["group"]:
                        j += 1
                    g += [c["group"]] + [""] * (j - i)
                    if j > i:
                        spans.append((i, 0, j, 0))
                    i = j + 1
                else:
                    g.append(c["head"])
                    spans.append((i, 0, i, 1))
                    i += 1
            rows.append(g)
            rows.append([c["head"] if c["group"] else "" for c in cols])
        else:
            rows.append([c["head"] for c in cols])
        if unit_row:
            rows.append([c["unit"] for c in cols])
        for k in range(len(self.products)):
            rows.append([c["cells"][k] for c in cols])
        first_num = next((i for i, c in enumerate(cols) if c["num"]), len(cols) - 1)
        left = tuple(i for i, c in enumerate(cols) if not c["num"] and i >= first_num)
        wrap = tuple(i for i, c in enumerate(cols) if c["wrap"])
        return TableSpec(rows, nhead, spans, num_from=first_num, wrap_cols=wrap, left_cols=left,
                         wrap_frac=self.wrap_frac)

    def lca_chapter(self) -> None:
        r = self.rng
        self.h2(r.choice(["Life Cycle Assessment", "4. LCA: Calculation Rules", "Methodology"]))
        for title in r.sample(["Goal and scope", "Reference service life", "Estimates and assumptions",
                               "Period under review", "Background data", "Modules declared", "Power mix"],
                              r.randint(3, 6)):
            self.para(f"<b>{title}.</b> " + " ".join(r.sample(LONG_PROSE, 2)))
        rows = [["Module", "Description", "Declared"]]
        for m, d in [("A1", "Raw material supply"), ("A2", "Transport to manufacturer"), ("A3", "Manufacturing"),
                     ("A4", "Transport to site"), ("A5", "Construction / installation"), ("B1-B7", "Use stage"),
                     ("C1-C4", "End of life"), ("D", "Benefits beyond the system boundary")]:
            rows.append([m, d, "X" if m in ("A1", "A2", "A3") else "MND"])
        t = build_table(TableSpec(rows, 1, num_from=2), self.theme, r, True)
        if t is not None:
            self.caption("Description of the system boundary (X = included, MND = module not declared)")
            self.story.append(t)

    def contribution(self) -> None:
        r = self.rng
        self.h2(r.choice(["Interpretation of Results", "Contribution Analysis", "Dominance Analysis"]))
        names = {"concrete": ["Portland cement", "Supplementary cementitious materials", "Aggregates",
                              "Admixtures", "Plant energy", "Inbound transport"],
                 "steel": ["Scrap and alloys", "Electricity", "Natural gas", "Refractories", "Inbound transport",
                           "Rolling"],
                 "asphalt": ["Asphalt binder", "Aggregates", "Burner fuel", "Electricity", "Inbound transport"],
                 "flat_glass": ["Soda ash", "Sand and dolomite", "Natural gas (furnace)", "Electricity",
                                "Inbound transport"],
                 "cement": ["Clinker production (calcination)", "Kiln fuels", "Electricity", "Raw meal",
                            "Inbound transport"]}[self.material]
        shares = [r.uniform(1, 10) for _ in names]
        shares[0] *= 8
        tot = sum(shares)
        rows = [["Contributor", "Share of GWP (A1-A3)"]] + [[n, f"{x / tot * 100:.0f}%"] for n, x in zip(
            names, shares, strict=True)]
        t = build_table(TableSpec(rows, 1, num_from=1), self.theme, r, True)
        if t is not None:
            self.caption("Contribution of processes to global warming potential")
            self.story.append(t)
        self.para(" ".join(r.sample(LONG_PROSE, 3)))

    def appendix(self) -> None:
        """Long documents: inventory tables, mix proportions, per-mix results, glossary."""
        r = self.rng
        self.story.append(PageBreak())
        self.h2(r.choice(["Appendix A: Resource Use and Waste", "Additional Environmental Information",
                          "Life Cycle Inventory Results"]))
        self.para("Resource use, waste and output flows are reported as inventory parameters. They are not impact "
                  "indicators and are given for information.")
        n = len(self.products)
        if self.p.orientation == "mix_rows" or n > 6:
            self.inventory_rows()
        else:
            for pi in range(n):
                self.inventory_table(pi)
        if self.material == "concrete":
            self.mix_proportions()
        if self.p.orientation == "mix_rows" and n <= 40 and r.random() < 0.7:
            self.h2("Appendix B: Results per Mix")
            mods = self.mods()
            for pi, p in enumerate(self.products):
                self.para(f"<b>{self.esc(p.name)}</b> {self.esc(p.description) if p.description != p.name else ''}",
                          self.st_small)
                self._ind_table(pi, p, [self.p.primary], [self.p.declared], mods, [], r.random() < 0.5, False)
        self.h2("Glossary")
        gl = [["Acronym", "Meaning"], ["GWP", "Global warming potential"], ["ODP", "Ozone depletion potential"],
              ["AP", "Acidification potential"], ["EP", "Eutrophication potential"],
              ["SFP", "Smog formation potential"], ["PENRT", "Total use of non-renewable primary energy"],
              ["MND", "Module not declared"], ["SCM", "Supplementary cementitious material"],
              ["RAP", "Reclaimed asphalt pavement"], ["EAF", "Electric arc furnace"], ["BOF", "Basic oxygen furnace"]]
        t = build_table(TableSpec(gl, 1, num_from=2), self.theme, r, True)
        if t is not None:
            self.story.append(t)
        for title in r.sample(["Life Cycle Inventory Analysis", "Data Sources", "Electricity Modelling",
                               "Biogenic Carbon", "Sensitivity Analysis"], r.randint(3, 5)):
            self.h2(title)
            for _ in range(r.randint(2, 4)):
                self.para(r.choice(LONG_PROSE))

    def inventory_table(self, pi: int) -> None:
        r = self.rng
        p = self.products[pi]
        mods = self.mods()
        u = self.p.declared
        head: list[Cell] = ["Parameter", "Unit", *[self.mod_head(m) for m in mods]]
        rows: list[list[Cell]] = [head]
        for abbr, full, unit, scale in INVENTORY_FULL:
            v = p.total * scale * (p.ind.get("PENRT", 8.0) / 8.0)
            if scale == 0:
                rows.append([self.ind_label(abbr, full, unit, False), unit, *["0" for _ in mods]])
                continue
            rows.append([self.ind_label(abbr, full, unit, False), unit,
                         *[self.other_cell(v * self.mod_frac(p, m) * float(p.factor(u))) for m in mods]])
        t = build_table(TableSpec(rows, 1, num_from=2, wrap_cols=(0,)), self.theme, r, self.p.repeat_head)
        if t is not None:
            self.caption(f"Resource use and waste {self.per(u)}" + (f" – {self.esc(p.name)}" if len(
                self.products) > 1 else ""))
            self.story.append(t)

    def inventory_rows(self) -> None:
        r = self.rng
        u = self.p.declared
        picks = r.sample(INVENTORY_FULL[:12], 5)
        head: list[Cell] = [self.mix_id_head() if self.material != "concrete" else "Mix"] + [
            f"{a}\n({unit})" for a, _f, unit, _s in picks]
        rows: list[list[Cell]] = [head]
        for p in self.products:
            rows.append([p.name] + [self.other_cell(p.total * sc * float(p.factor(u))) if sc else "0"
                                    for _a, _f, _u, sc in picks])
        t = build_table(TableSpec(rows, 1, num_from=1, wrap_cols=(0,)), self.theme, r, self.p.repeat_head)
        if t is not None:
            self.caption(f"Inventory parameters (A1-A3) {self.per(u)}")
            self.story.append(t)

    def mix_proportions(self) -> None:
        r = self.rng
        metric = self.cstyle.mpa
        unit = "kg/m³" if metric else "lb/yd³"
        head: list[Cell] = ["Mix", "Cement", "Fly ash", "Slag", "Coarse\naggregate", "Fine\naggregate", "Water"]
        rows: list[list[Cell]] = [head, ["", unit, unit, unit, unit, unit, unit]]
        k = 0.5933 if metric else 1.0  # lb/yd3 -> kg/m3
        for p in self.products[:40]:
            cm = float(p.meta["cm"])
            scm = float(p.meta["scm"]) / 100
            fa_share = r.choice([1.0, 0.5, 0.0]) if scm else 0.0
            vals = [cm * (1 - scm), cm * scm * fa_share, cm * scm * (1 - fa_share), r.uniform(1650, 1900),
                    r.uniform(1150, 1450), cm * r.uniform(0.38, 0.55)]
            rows.append([p.name, *[f"{v * k:,.0f}" for v in vals]])
        t = build_table(TableSpec(rows, 2, num_from=1, wrap_cols=(0,)), self.theme, r, self.p.repeat_head)
        if t is not None:
            self.caption("Mix proportions (batch weights)" + (", first 40 mixes" if len(self.products) > 40 else ""))
            self.story.append(t)

    def closing(self, fill: int) -> None:
        r = self.rng
        if self.material == "concrete":
            self.h2("Interpretation")
            self.para("Cement production dominates the global warming potential of ready mixed concrete (A1). "
                      "Mixes with supplementary cementitious materials such as fly ash and slag cement have lower "
                      "impacts.")
        self.h2(r.choice(["Verification", "Third-Party Verification", "Verification statement"]))
        if self.p.verified:
            self.para(r.choice([
                "This declaration was independently verified in accordance with ISO 14025:2006 and ISO 21930:2017. "
                "[ ] Internal [X] External",
                "Independent third-party verification of the declaration and data, according to ISO 14025:2006: "
                "External.",
                "This EPD and the underlying LCA were verified by an independent third party."]))
            self.para(f"Third-party verifier: {r.choice(PEOPLE)}, {r.choice(VERIFIER_ORGS)}")
        else:
            self.para(r.choice(["This declaration was verified internally in accordance with ISO 14025:2006. "
                                "[X] Internal [ ] External",
                                "Verification: internal review by the program operator (not third-party verified)."]))
        self.para(f"PCR review was conducted by: {r.choice(PEOPLE)}, chair of the PCR committee.")
        if fill > 2 and self.length != "short":
            self.h2("References")
            for ref in ["ISO 14025:2006 Environmental labels and declarations - Type III environmental declarations",
                        "ISO 21930:2017 Sustainability in buildings and civil engineering works - Core rules for "
                        "environmental product declarations of construction products and services",
                        "ISO 14040:2006 and ISO 14044:2006 Life cycle assessment",
                        "US EPA TRACI 2.1: Tool for the Reduction and Assessment of Chemical and Other Environmental "
                        "Impacts"]:
                self.para(f"- {ref}", self.st_small)

    # ---- page decoration -------------------------------------------------------------------------------------------
    def on_page(self, canv: Any, doc: Any) -> None:
        th = self.theme
        W, H = th.pagesize
        n = canv.getPageNumber()
        canv.saveState()
        small = max(6.0, th.size - 2)
        short = self.title_of()
        if len(short) > 40:
            short = short[:40] + "..."
        if th.header == 0:
            canv.setFillColor(th.accent)
            canv.rect(th.margin, H - th.margin * 0.7, W - 2 * th.margin, small + 6, stroke=0, fill=1)
            canv.setFillColor(colors.white)
            canv.setFont(th.bold, small)
            canv.drawString(th.margin + 4, H - th.margin * 0.7 + 4, "Environmental Product Declaration")
            canv.drawRightString(W - th.margin - 4, H - th.margin * 0.7 + 4, f"{self.company} | {short}")
        elif th.header == 1 and n > 1:
            canv.setFont(th.font, small)
            canv.drawString(th.margin, H - th.margin * 0.6, self.company)
            canv.drawRightString(W - th.margin, H - th.margin * 0.6, f"{self.p.op_name} | {self.regno}")
            canv.line(th.margin, H - th.margin * 0.6 - 3, W - th.margin, H - th.margin * 0.6 - 3)
        elif th.header == 2 and n > 1:
            canv.setFont(th.italic, small)
            canv.drawString(th.margin, H - th.margin * 0.6, f"{short} - according to ISO 14025 and ISO 21930")
        canv.setFillColor(colors.black)
        canv.setFont(th.font, small)
        y = th.margin * 0.45
        if th.footer == 0:
            canv.drawCentredString(W / 2, y, str(n))
        elif th.footer == 1:
            canv.drawRightString(W - th.margin, y, f"Page {n}")
        elif th.footer == 2:
            canv.drawString(th.margin, y, f"{n} | {self.op.web}")
        else:
            canv.drawString(th.margin, y, f"{self.regno}")
            canv.drawRightString(W - th.margin, y, f"Page {n}")
        canv.restoreState()

    # ---- build -----------------------------------------------------------------------------------------------------
    def build(self, fill: int, length: str) -> bytes:
        self.story = []
        self.tracker = Tracker()
        self.table_no = 0
        self.length = length
        self.cover()
        self.general_sections(fill)
        if length == "long":
            self.story.append(PageBreak())
            self.lca_chapter()
            self.story.append(PageBreak())
        self.results()
        if length == "long":
            self.contribution()
            self.story.append(PageBreak())
        self.closing(fill)
        if length == "long":
            self.appendix()
        buf = io.BytesIO()
        th = self.theme
        doc = SimpleDocTemplate(buf, pagesize=th.pagesize, leftMargin=th.margin, rightMargin=th.margin,
                                topMargin=th.margin, bottomMargin=th.margin, invariant=1,
                                title=f"EPD {self.title_of()}", author=self.company, creator="heldout-generator")
        doc.build(self.story, onFirstPage=self.on_page, onLaterPages=self.on_page)
        self.npages = doc.page
        return buf.getvalue()

    def generate(self) -> tuple[bytes, dict[str, Any], str]:
        self.plan()
        self.styles()
        self.summary_on_cover = len(self.products) == 1 and self.rng.random() < 0.3
        self.compute_values()
        length = self.w({"short": 12, "normal": 50, "long": 38})
        fill = {"short": 0, "normal": self.rng.randint(0, 4), "long": 6}[length]
        state = self.rng.getstate()
        pdf = b""
        self.force_cover: str | None = None
        attempts = [(fill, length), (fill, length), (2, "normal"), (0, "short"), (0, "short")]
        for f, ln in attempts:
            self.rng.setstate(state)
            self.dates.numeric = []
            self._reset_cached()
            try:
                pdf = self.build(f, ln)
            except LayoutError:  # a cover too tall for one page: fall back to a splittable label table
                self.force_cover = "table"
                continue
            if self.npages <= 20:
                break
        if not pdf or self.npages > 20:
            raise RuntimeError(f"seed {self.seed}: no layout within 20 pages")
        desc = self.describe()
        exp = self.expected(desc)
        if any(p["page"] is None for p in exp["products"]):
            raise RuntimeError(f"seed {self.seed}: a product's GWP was not printed")
        return pdf, exp, desc

    def _reset_cached(self) -> None:
        for a in ("_modv", "_mnames", "_mixhead", "_mixcfg", "_title", "_mnd", "_per"):
            if hasattr(self, a):
                delattr(self, a)

    def describe(self) -> str:
        p = self.p
        th = self.theme
        return (f"seed {self.seed}: {p.kind} x{len(self.products)}, {p.op.key}, {p.orientation}, "
                f"units {'+'.join(p.units)} (declared {p.declared}), modules {p.modules}, "
                f"methods {'+'.join(p.methods)} ({p.method_layout}), numbers {p.ns_gwp.label()}, "
                f"dates {p.date_style}/{p.validity_form}, {th.paper} {th.family} {th.size}pt {th.rules}, "
                f"head {'repeated' if p.repeat_head else 'not repeated'}, cover {self.cover_style}, {self.length}, "
                f"{self.npages} pages")

    # ---- expected --------------------------------------------------------------------------------------------------
    def expected(self, desc: str) -> dict[str, Any]:
        p = self.p
        mods = self.mods()
        has_total = "A1A3" in mods
        prods = []
        for pi, pr in enumerate(self.products):
            by_unit: dict[str, float] = {}
            for u in p.units:
                if has_total:
                    by_unit[u] = float(self.gv[(pi, p.primary, u, "A1A3")].value)
                else:
                    by_unit[u] = float(dsum([self.gv[(pi, p.primary, u, m)] for m in mods]))
            key_mod = "A1A3" if has_total else mods[0]
            shown = [self.gv[(pi, p.primary, p.declared, m)] for m in (["A1A3"] if has_total else mods)]
            pages = sorted(set(self.tracker.pages.get(f"{pi}|{p.declared}|{key_mod}", [])))
            a = pr.attrs
            item: dict[str, Any] = {
                "name": pr.name,
                "material": pr.material,
                "gwp_a1a3": by_unit[p.declared],
                "declared_unit": p.declared,
                "gwp_by_unit": by_unit,
                "modules": "A1-A3" if has_total else "A1+A2+A3",
                "gwp_method": METHOD_CANON[p.primary],
                "strength_psi": a["strength_psi"],
                "strength_text": a["strength_text"],
                "strength_age_days": a["strength_age_days"],
                "lightweight": a["lightweight"],
                "high_early_strength": a["high_early_strength"],
                "concrete_kind": a["concrete_kind"],
                "steel_product": a["steel_product"],
                "fabricated": a["fabricated"],
                "route": a["route"],
                "glass_processed": a["glass_processed"],
                "mass_per_m2_kg": a["mass_per_m2_kg"],
                "gwp_printed": [x.text for x in shown],
                "page": pages[0] if pages else None,
                "pages": pages,
            }
            if pr.material != "concrete" or pr.description != pr.name:
                item["description"] = pr.description
            for extra in ("early_strength_psi", "early_strength_age_days", "rap_percent", "warm_mix",
                          "binder", "thickness_mm"):
                if extra in a:
                    item[extra] = a[extra]
            prods.append(item)
        non_us = p.op.key not in US_PROGRAMS
        nums = self.dates.numeric
        ambiguous = non_us and bool(nums) and all(d <= 12 and m <= 12 for d, m in nums)
        return {
            "seed": self.seed,
            "description": desc,
            "program_operator": p.op_name,
            "program_operator_us": not non_us,
            "registration_number": self.regno,
            "manufacturer": self.company,
            "plant": self.plant[0],
            "address": f"{self.plant[1]}, {self.plant[2]}",
            "issued": self.issued.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "valid_until_form": p.validity_form,
            "date_order_ambiguous": ambiguous,
            "epd_type": p.epd_type_key,
            "epd_type_text": p.epd_type_text,
            "pcr": self.pcr,
            "third_party_verified": p.verified,
            "methods": [METHOD_CANON[m] if m != "TRACI" else self.method_title("TRACI").replace(" v", " ")
                        for m in p.methods],
            "page_count": self.npages,
            "products": prods,
        }


# --------------------------------------------------------------------------------------------------------------------
# API


@dataclass
class HeldoutDocument:
    seed: int
    pdf: bytes
    expected: dict[str, Any]
    description: str


def generate(seed: int) -> HeldoutDocument:
    """One EPD PDF and the values a correct reader should find in it; deterministic for a seed."""
    b = DocBuilder(seed)
    pdf, exp, desc = b.generate()
    return HeldoutDocument(seed=seed, pdf=pdf, expected=exp, description=desc)


def main(argv: Sequence[str] | None = None, write: Callable[[str], Any] = print) -> int:
    ap = argparse.ArgumentParser(description="Write held-out EPD PDFs and their expected values.")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for s in range(args.seed, args.seed + args.count):
        d = generate(s)
        (args.out / f"heldout_{s}.pdf").write_bytes(d.pdf)
        (args.out / f"heldout_{s}.json").write_text(json.dumps(d.expected, indent=1, ensure_ascii=False) + "\n")
        write(d.description)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
