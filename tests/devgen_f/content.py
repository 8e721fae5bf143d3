"""Vocabulary, numbers and dates of North American EPDs (invented companies, realistic wording)."""

from __future__ import annotations

import datetime as dt
import random

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

OPERATORS = {
    "NSF International": ("789 N. Dixboro Road, Ann Arbor, MI 48105", "EPD{n5}"),
    "ASTM International": ("100 Barr Harbor Drive, West Conshohocken, PA 19428", "EPD {n3}"),
    "UL Environment": ("333 Pfingsten Road, Northbrook, IL 60062", "4790{n6}.101.1"),
    "SCS Global Services": ("2000 Powell Street, Ste. 600, Emeryville, CA 94608", "SCS-EPD-{n5}"),
    "NRMCA": ("66 Canal Center Plaza, Suite 250, Alexandria, VA 22314", "NRMCA-{n5}"),
    "Smart EPD": ("Smart EPD Program, Portland, OR", "SMART-{y}-{n4}"),
    "CSA Group": ("178 Rexdale Blvd., Toronto, ON M9W 1R3", "EPD {n4}-{n4b}"),
    "National Asphalt Pavement Association": ("6406 Ivy Lane, Suite 350, Greenbelt, MD 20770", "NAPA-{n6}"),
}

STREETS = ["Industrial Pkwy", "Quarry Road", "River Rd", "Mill Street", "Commerce Drive", "Rail Spur Way",
           "Highway 61", "Plant Road", "Harbor Blvd", "County Road 12", "Foundry Ave", "Gravel Pit Ln"]
CITIES = [("Sacramento", "CA", "958"), ("Denver", "CO", "802"), ("Minneapolis", "MN", "554"),
          ("Baltimore", "MD", "212"), ("Albany", "NY", "122"), ("Tacoma", "WA", "984"),
          ("Portland", "OR", "972"), ("Austin", "TX", "787"), ("Columbus", "OH", "432"), ("Raleigh", "NC", "276"),
          ("Phoenix", "AZ", "850"), ("Newark", "NJ", "071"), ("Boise", "ID", "837"), ("Omaha", "NE", "681"),
          ("Birmingham", "AL", "352"), ("Charlotte", "NC", "282"), ("Fresno", "CA", "937"), ("Tulsa", "OK", "741")]

FIRST = ["Cascade", "Summit", "Keystone", "Red River", "Granite", "Bluewater", "Prairie", "Ironwood", "Lakeshore",
         "Pioneer", "Frontier", "Heartland", "Coastal", "Mesa", "Northstar", "Tri-County", "Allegheny", "Sierra"]
SUFFIX = {
    "concrete": ["Ready Mix, Inc.", "Concrete Co.", "Materials LLC", "Redi-Mix", "Aggregates & Concrete",
                 "Concrete Supply Co."],
    "steel": ["Steel Mills, Inc.", "Steel Corporation", "Bar Mill LLC", "Steel Works", "Metals Co."],
    "asphalt": ["Paving Co.", "Asphalt, Inc.", "Construction Materials", "Road Builders LLC", "Blacktop Inc."],
    "flat_glass": ["Glass Corporation", "Float Glass LLC", "Architectural Glass Co."],
    "cement": ["Cement Company", "Portland Cement Co.", "Cement LLC"],
}

PCRS = {
    "concrete": [
        ("NSF PCR for Concrete, v2.1", "August 2021"),
        ("NSF International PCR for Concrete (v2.1, 2021)", "August 2021"),
        ("Product Category Rules for ISO 14025 Type III EPDs of Concrete, NSF, Version 2.1", "August 2021"),
        ("NSF PCR for Concrete v3.0", "March 2024"),
    ],
    "steel": [
        ("UL Environment PCR Part B: Designated Steel Construction Product EPD Requirements, v2.0", "August 2020"),
        ("SCS PCR: Steel Construction Products, Version 2.0", "May 2022"),
        ("PCR for Designated Steel Construction Products (UL 10010-34)", "August 2020"),
    ],
    "asphalt": [
        ("NAPA PCR for Asphalt Mixtures, v2.0", "February 2022"),
        ("Product Category Rules for Asphalt Mixtures (NAPA, version 1.0)", "January 2017"),
    ],
    "flat_glass": [
        ("NSF PCR for Flat Glass: UN CPC 3711", "September 2020"),
        ("PCR for Flat Glass Products, NSF International, v2.0", "June 2020"),
    ],
    "cement": [
        ("NSF PCR for Portland, Blended, Masonry, Mortar and Plastic (Stucco) Cements, v3.2", "September 2021"),
        ("PCR for Cement (NSF, Version 3.2)", "September 2021"),
    ],
}

VERIFIERS = ["Thomas P. Gloria, Industrial Ecology Consultants", "Jack Geibig, EcoForm",
             "Lindita Bushi, PhD, Athena Sustainable Materials Institute", "Jenny Oorbeck, WAP Sustainability",
             "Dr. Michael Overcash, Environmental Clarity", "Sarah Scaletti, Trinity Consultants"]
LCA_BY = ["Climate Earth, Inc.", "WAP Sustainability Consulting", "Athena Sustainable Materials Institute",
          "Sphera Solutions", "thinkstep-anz", "EarthShift Global", "the manufacturer's sustainability team"]


def company(rng: random.Random, material: str) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(SUFFIX[material])}"


def address(rng: random.Random) -> str:
    city, st, z = rng.choice(CITIES)
    return f"{rng.randint(100, 9899)} {rng.choice(STREETS)}, {city}, {st} {z}{rng.randint(10, 99)}"


def registration(rng: random.Random, operator: str, year: int) -> str:
    pattern = OPERATORS[operator][1]
    return pattern.format(n3=f"{rng.randint(1, 999):03d}", n4=rng.randint(1000, 9999), n4b=rng.randint(1000, 9999),
                          n5=rng.randint(10000, 99999), n6=rng.randint(100000, 999999), y=year)


# -- dates -----------------------------------------------------------------------------------------------------
def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def fmt_date(d: dt.date, style: str) -> str:
    month = MONTHS[d.month - 1]
    return {
        "long": f"{month} {d.day}, {d.year}",
        "ordinal": f"{month} {_ordinal(d.day)}, {d.year}",
        "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "us_short": f"{d.month}/{d.day}/{d.year}",
        "iso": d.isoformat(),
        "dmy": f"{d.day} {month} {d.year}",
        "abbr": f"{month[:3]}. {d.day}, {d.year}",
    }[style]


DATE_STYLES = ("long", "ordinal", "us", "us_short", "iso", "dmy", "abbr")


def date_variants(d: dt.date) -> list[str]:
    return [fmt_date(d, s) for s in DATE_STYLES]


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


# -- numbers ---------------------------------------------------------------------------------------------------
NUM_STYLES = ("comma", "plain", "sci", "int", "sci_comma", "sci_lower")


def fmt_num(v: float, style: str, decimals: int) -> str:
    if style == "comma":
        return f"{v:,.{decimals}f}"
    if style == "plain":
        return f"{v:.{decimals}f}"
    if style == "int":
        return f"{round(v):,}" if decimals else f"{round(v)}"
    mant = max(decimals, 1)
    s = f"{v:.{mant}E}"
    if style == "sci_comma":
        return s.replace(".", ",")
    if style == "sci_lower":
        return s.lower()
    return s


def parse_num(s: str) -> float:
    t = s.strip()
    if "x10" in t:
        mant, exp = t.split("x10")
        return float(mant.replace(",", ".")) * 10.0 ** int(exp)
    if "e" in t.lower():
        return float(t.replace(",", "."))
    return float(t.replace(",", ""))


def fmt_small(v: float, style: str) -> str:
    """Small indicator values (ODP etc.) are printed in scientific notation by nearly every template."""
    s = f"{v:.2E}"
    if style == "x10":
        mant, exp = s.split("E")
        return f"{mant}x10{int(exp)}"
    return s.replace(".", ",") if style == "sci_comma" else (s.lower() if style == "sci_lower" else s)
