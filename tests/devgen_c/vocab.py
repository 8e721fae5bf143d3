"""Words, names, numbers and dates for the generator: formatting is done here, parsing back too."""

from __future__ import annotations

import datetime as dt
import math
import re

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
ABBR = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

DATE_STYLES = ["long", "ord", "orddot", "us", "us1", "iso", "dmy", "abbr"]


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def fmt_date(d: dt.date, style: str) -> str:
    m = MONTHS[d.month - 1]
    if style == "long":
        return f"{m} {d.day}, {d.year}"
    if style == "ord":
        return f"{m} {ordinal(d.day)}, {d.year}"
    if style == "orddot":
        return f"{m} {ordinal(d.day)} . {d.year}"
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us1":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmy":
        return f"{d.day} {m} {d.year}"
    if style == "abbr":
        return f"{ABBR[d.month - 1]} {d.day}, {d.year}"
    raise ValueError(style)


def add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


# ---------------------------------------------------------------------------------------------------------- numbers
NUM_STYLES = ["d0", "d1", "d2", "c0", "c1", "sig3", "sci2", "sci3", "scic", "scil"]


def fmt_num(v: float, style: str) -> str:
    if style == "d0":
        return f"{v:.0f}"
    if style == "d1":
        return f"{v:.1f}"
    if style == "d2":
        return f"{v:.2f}"
    if style == "c0":
        return f"{v:,.0f}"
    if style == "c1":
        return f"{v:,.1f}"
    if style == "c2":
        return f"{v:,.2f}"
    if style == "s0":
        return f"{v:,.0f}".replace(",", " ")
    if style == "sig3":
        if v == 0:
            return "0"
        digits = 2 - math.floor(math.log10(abs(v)))
        if digits > 0:
            return f"{round(v, digits):.{digits}f}"
        r = round(v, digits)
        return f"{r:,.0f}" if abs(r) >= 10000 else f"{r:.0f}"
    if style == "sci2":
        return f"{v:.2E}"
    if style == "sci3":
        return f"{v:.3E}"
    if style == "scic":
        return f"{v:.2E}".replace(".", ",")
    if style == "scil":
        return f"{v:.2e}"
    raise ValueError(style)


def parse_num(s: str) -> float:
    t = s.strip()
    if m := re.fullmatch(r"(-?\d+\.\d+)x10(-?\d+)", t):
        return float(m[1]) * 10 ** int(m[2])
    t = t.replace(",", ".") if re.fullmatch(r"-?\d+,\d+[Ee][+-]?\d+", t) else t.replace(",", "").replace(" ", "")
    return float(t)


def small_sci(v: float, rng) -> str:
    """A small indicator value (ODP etc.) in one of the scientific looks."""
    k = rng.random()
    if k < 0.6:
        return f"{v:.2E}"
    if k < 0.75:
        return f"{v:.2e}"
    if k < 0.88 and v > 0:
        e = math.floor(math.log10(v))
        return f"{v / 10 ** e:.2f}x10{e}"
    return f"{v:.3E}"


# ---------------------------------------------------------------------------------------------------------- names
TOWNS = [
    ("Fresno", "CA", "93725"), ("Boise", "ID", "83716"), ("Tulsa", "OK", "74107"), ("Raleigh", "NC", "27610"),
    ("Spokane", "WA", "99202"), ("Knoxville", "TN", "37921"), ("Reno", "NV", "89502"), ("Omaha", "NE", "68117"),
    ("Albany", "NY", "12205"), ("Mesa", "AZ", "85210"), ("Lansing", "MI", "48906"), ("Dayton", "OH", "45404"),
    ("Savannah", "GA", "31408"), ("Provo", "UT", "84601"), ("Salem", "OR", "97301"), ("Aurora", "CO", "80011"),
    ("Waco", "TX", "76705"), ("Peoria", "IL", "61604"), ("Duluth", "MN", "55807"), ("Tampa", "FL", "33619"),
]
CA_TOWNS = [
    ("Calgary", "AB", "T2C 4L8"), ("Burnaby", "BC", "V5J 5G4"), ("Mississauga", "ON", "L5T 2N7"),
    ("Laval", "QC", "H7L 3W9"), ("Winnipeg", "MB", "R2R 0X5"), ("Halifax", "NS", "B3S 1B3"),
]
STREETS = [
    "Industrial Pkwy", "Quarry Road", "River Road", "Commerce Dr.", "Rail Spur Lane", "Cement Plant Rd",
    "Gateway Blvd", "Mill Street", "Foundry Ave", "Harbor Way", "County Road 14", "Aggregate Drive",
]

CONCRETE_COS = [
    "Cascade Ready Mix, LLC", "Summit Materials Concrete Co.", "Bluewater Concrete Inc.", "Red Mesa Ready-Mix",
    "Prairie Rock Concrete", "Keystone Redi-Mix, Inc.", "Granite Bay Concrete Supply", "Lone Pine Ready Mix Co.",
    "Tri-County Concrete Products", "Northline Aggregates & Concrete", "Ironwood Ready-Mixed Concrete",
    "Pacific Crest Concrete", "Heartland Batch Plants Inc.", "Silver Creek Concrete LLC",
]
STEEL_COS = [
    "Great Plains Steel Company", "Tidewater Mill Works", "Blue Ridge Bar Company", "Lakeshore Plate & Strip, Inc.",
    "Sierra Rebar Fabricators", "Ohio Valley Structural Steel", "Cumberland Steel Mills", "Northstar Tube & Pipe",
    "Copper Basin Steel Corp.", "Atlantic Beam & Section Co.",
]
ASPHALT_COS = [
    "Valley Paving & Asphalt", "Granite State Paving Co.", "Blacktop Materials Inc.", "Route 9 Asphalt, LLC",
    "Mesa Verde Paving", "Riverbend Hot Mix", "Kettle Moraine Asphalt", "Coastal Bitumen Paving Co.",
]
GLASS_COS = [
    "Clearwater Float Glass Co.", "Lumen Architectural Glass", "Great Lakes Flat Glass, Inc.", "Vista Glass Works",
    "Solara Float Technologies",
]
CEMENT_COS = [
    "Limestone Ridge Cement Co.", "Mountain West Cement", "Bayou Portland Cement Company", "Cedar Hollow Cement",
    "Northern Kiln Industries",
]
PLANT_NAMES = [
    "Eastside Plant", "Riverside Plant", "North Yard", "Plant 12", "Harbor Plant", "Airport Road Plant",
    "Westgate Batch Plant", "Plant No. 3", "Mill Creek Plant", "South Quarry Plant", "Downtown Plant",
    "Canyon Road Facility",
]
VERIFIERS = [
    "Thomas Gloria, Ph.D., Industrial Ecology Consultants", "Jack Geibig, EcoForm", "Lindita Bushi, Ph.D., Athena",
    "Jenny Oorbeck, WAP Sustainability", "Terrie Boguski, Harmony Environmental", "Kim Allbritton, Sphera",
    "Paula Myers, Climate Earth", "Andrew Norman, LCA.no Verifiers",
]
LCA_FIRMS = [
    "Sphera Solutions, Inc.", "Climate Earth, Inc.", "WAP Sustainability Consulting", "Athena Sustainable Materials"
    " Institute", "EarthShift Global", "Long Trail Sustainability", "thinkstep-anz",
]
