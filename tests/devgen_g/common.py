"""Shared pieces of the devgen_g generator: the Doc value, number and date printing, and document metadata."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

YD3_PER_M3 = 0.764555
SHORT_TON_PER_T = 0.907185
PSI_PER_MPA = 145.038

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@dataclass
class Doc:
    """One generated document: the PDF bytes and what a perfect reader would extract from it."""

    pdf: bytes
    expected: dict[str, Any]
    html: str = ""


@dataclass
class Product:
    """A product as the generator knows it, before and after printing."""

    name: str
    material: str
    declared_unit: str
    base: float  # true GWP A1-A3 per declared unit (TRACI), before printing
    description: str | None = None
    strength_psi: float | None = None
    strength_age_days: int | None = None
    strength_text: str | None = None
    lightweight: bool = False
    high_early_strength: bool = False
    steel_product: str | None = None
    fabricated: bool | None = None
    route: str | None = None
    glass_processed: bool | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    # filled by the layout that prints the product
    gwp_by_unit: dict[str, float] = field(default_factory=dict)
    gwp_printed: str = ""
    modules: list[str] = field(default_factory=list)
    gwp_method: str = "TRACI 2.1"
    anchor: str = ""
    page: int = 0

    def per(self, unit: str) -> float:
        """Return the true GWP A1-A3 per one `unit`."""
        du = self.declared_unit
        if unit == du:
            return self.base
        if {unit, du} == {"m3", "yd3"}:
            return self.base * YD3_PER_M3 if unit == "yd3" else self.base / YD3_PER_M3
        if {unit, du} == {"t", "short_ton"}:
            return self.base * SHORT_TON_PER_T if unit == "short_ton" else self.base / SHORT_TON_PER_T
        mass = self.attrs.get("mass_kg_m2")
        if mass and {unit, du} == {"t", "m2"}:
            return self.base * mass / 1000 if unit == "m2" else self.base * 1000 / mass
        raise ValueError(f"cannot convert {du} to {unit}")

    def expected(self) -> dict[str, Any]:
        return {
            "name": self.name, "material": self.material,
            "gwp_a1a3": self.gwp_by_unit[self.declared_unit], "declared_unit": self.declared_unit,
            "gwp_by_unit": dict(self.gwp_by_unit), "modules": list(self.modules), "gwp_method": self.gwp_method,
            "strength_psi": self.strength_psi, "strength_age_days": self.strength_age_days,
            "lightweight": self.lightweight, "high_early_strength": self.high_early_strength,
            "steel_product": self.steel_product, "fabricated": self.fabricated, "route": self.route,
            "glass_processed": self.glass_processed, "description": self.description, "page": self.page,
            "gwp_printed": self.gwp_printed,
        }


# ---------------------------------------------------------------- numbers

@dataclass(frozen=True)
class NumFmt:
    """How a document prints its numbers."""

    kind: str  # "fixed", "sci", "scic" (decimal comma in E-notation)
    dec: int = 0
    thousands: bool = False

    def __call__(self, v: float) -> str:
        if self.kind == "fixed":
            s = f"{v:,.{self.dec}f}" if self.thousands else f"{v:.{self.dec}f}"
            return "0" if s in ("-0", "-0.0", "-0.00") else s
        mant, exp = f"{v:.{self.dec}E}".split("E")
        e = int(exp)
        out = f"{mant}E{'+' if e >= 0 else '-'}{abs(e):02d}"
        return out.replace(".", ",") if self.kind == "scic" else out


def parse_num(s: str) -> float:
    """Parse a number printed by NumFmt back into a float."""
    s = s.strip()
    if "E" in s:
        m, e = s.split("E")
        return float(f"{m.replace(',', '.')}E{e}")
    return float(s.replace(",", ""))


def pick_numfmt(rng: random.Random, magnitude: float) -> NumFmt:
    """Choose a number format for GWP values of about `magnitude`."""
    r = rng.random()
    if r < 0.18:
        return NumFmt("sci", rng.choice([2, 2, 3]))
    if r < 0.23:
        return NumFmt("scic", 2)
    if magnitude >= 1000:
        return NumFmt("fixed", rng.choice([0, 0, 1]), rng.random() < 0.7)
    if magnitude < 130:
        return NumFmt("fixed", rng.choice([1, 2, 2]), False)
    return NumFmt("fixed", rng.choice([0, 0, 1, 1, 2]), rng.random() < 0.3)


def small_fmt(rng: random.Random) -> NumFmt:
    return NumFmt("sci", 2) if rng.random() < 0.8 else NumFmt("scic", 2)


# ---------------------------------------------------------------- dates

def plus_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def fmt_date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "ordinal":
        return f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}"
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmy":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "abbr":
        return f"{MONTHS[d.month - 1][:3]}. {d.day}, {d.year}"
    raise ValueError(style)


DATE_STYLES = ["long", "long", "ordinal", "us", "iso", "dmy", "abbr"]


def all_date_variants(d: dt.date) -> list[str]:
    return [fmt_date(d, s) for s in sorted(set(DATE_STYLES))]


# ---------------------------------------------------------------- metadata

OPERATORS = {
    "NSF International": ("#00539b", ["EPD{n5}", "EPD {n5}", "NSF-EPD-{n5}"], "ncss@nsf.org | www.nsf.org",
                          "789 N. Dixboro Road, Ann Arbor, MI 48105"),
    "UL Environment": ("#b5121b", ["4790{n6}.{n3}.1", "UL-EPD-{n5}", "4788{n6}.101.1"], "www.ul.com/environment",
                       "333 Pfingsten Road, Northbrook, IL 60062"),
    "SCS Global Services": ("#3e7d34", ["SCS-EPD-{n5}"], "+1.510.452.8000 | www.SCSglobalServices.com",
                            "2000 Powell Street, Ste. 600, Emeryville, CA 94608"),
    "ASTM International": ("#1d3a6b", ["EPD {n3}", "ASTM EPD #{n4}", "EPD-{n3}-{y}"], "www.astm.org",
                           "100 Barr Harbor Drive, West Conshohocken, PA 19428"),
    "NRMCA": ("#005a8c", ["NRMCA-EPD-{y}{n4}", "EPD #{n5}"], "www.nrmca.org",
              "66 Canal Center Plaza, Suite 250, Alexandria, VA 22314"),
    "CSA Group": ("#8a1538", ["EPD {n4}-{n4}", "CSA-EPD-{n4}"], "www.csagroup.org",
                  "178 Rexdale Blvd., Toronto, ON M9W 1R3, Canada"),
    "ICC-ES": ("#00446a", ["EPD-{n4}", "ICC-ES EPD-{n4}"], "www.icc-es.org",
               "3060 Saturn Street, Suite 100, Brea, CA 92821"),
    "Smart EPD": ("#0f7c80", ["SMEPD-{y}-{n4}", "EPD-SM-{n5}"], "www.smartepd.com",
                  "1800 Diagonal Road, Alexandria, VA 22314"),
    "EPD Hub": ("#3b2f6d", ["HUB-{n4}", "EPDHUB-{n5}"], "www.epdhub.com", "Helsinki, Finland (North America desk)"),
    "NAPA Emerge": ("#d35400", ["NAPA-EM-{n5}", "EM-{y}-{n5}"], "www.asphaltpavement.org/emerge",
                    "6406 Ivy Lane, Suite 350, Greenbelt, MD 20770"),
}

OPERATORS_BY_MATERIAL = {
    "concrete": ["NSF International", "NRMCA", "ASTM International", "CSA Group", "Smart EPD", "EPD Hub",
                 "ICC-ES", "NSF International", "NRMCA"],
    "steel": ["SCS Global Services", "UL Environment", "ASTM International", "Smart EPD", "SCS Global Services"],
    "asphalt": ["NAPA Emerge", "NAPA Emerge", "NAPA Emerge", "ASTM International"],
    "flat_glass": ["UL Environment", "ASTM International", "SCS Global Services", "NSF International"],
    "cement": ["NSF International", "ASTM International", "CSA Group", "UL Environment"],
}

CITIES = [
    ("Sacramento", "CA", "958{n2}"), ("Fresno", "CA", "937{n2}"), ("Tacoma", "WA", "984{n2}"),
    ("Boise", "ID", "837{n2}"), ("Denver", "CO", "802{n2}"), ("Austin", "TX", "787{n2}"),
    ("Tulsa", "OK", "741{n2}"), ("Des Moines", "IA", "503{n2}"), ("Columbus", "OH", "432{n2}"),
    ("Charlotte", "NC", "282{n2}"), ("Albany", "NY", "122{n2}"), ("Allentown", "PA", "181{n2}"),
    ("Nashville", "TN", "372{n2}"), ("Phoenix", "AZ", "850{n2}"), ("Salt Lake City", "UT", "841{n2}"),
    ("Minneapolis", "MN", "554{n2}"), ("Baltimore", "MD", "212{n2}"), ("Hamilton", "ON", "L8N {c}"),
    ("Calgary", "AB", "T2E {c}"), ("Laval", "QC", "H7L {c}"),
]
STREETS = ["Industrial Pkwy", "Quarry Road", "River Road", "Mill Street", "Commerce Drive", "Rail Spur Lane",
           "Gravel Pit Road", "Harbor Blvd", "County Road 12", "Foundry Way", "Kiln Drive", "Terminal Ave"]

COMPANY_PARTS = {
    "concrete": (["Cascade", "Summit", "Redrock", "Blue River", "Prairie", "Ironwood", "Granite State", "Lakeshore",
                  "Sierra", "Keystone", "Bayside", "Timberline", "Coastal", "Heartland"],
                 ["Ready Mix", "Concrete Co.", "Materials, Inc.", "Ready-Mix LLC", "Concrete Supply",
                  "Aggregates & Concrete"]),
    "steel": (["Great Lakes", "Southern", "Allegheny", "Pacific", "Tri-State", "Magnolia", "Northstar", "Buckeye"],
              ["Steel Mills", "Steel Corporation", "Rebar & Wire", "Structural Steel, Inc.", "Bar Mill LLC"]),
    "asphalt": (["Valley", "Capitol", "Ridge", "Blacktop", "Delta", "Frontier", "Mesa", "Piedmont"],
                ["Paving", "Asphalt Co.", "Materials", "Road Builders, Inc.", "Hot Mix LLC"]),
    "flat_glass": (["Clearview", "Crystal Plains", "Northern Float", "Lumen", "Brightwater"],
                   ["Glass Company", "Float Glass, Inc.", "Architectural Glass", "Glass Works"]),
    "cement": (["Continental", "Ash Grove Hills", "Eagle Rock", "Rio Verde", "Lone Pine", "St. Lawrence"],
               ["Cement", "Cement Company", "Portland Cement Co.", "Cement Ltd."]),
}


def fill(rng: random.Random, pattern: str, year: int) -> str:
    out = pattern
    for key, digits in (("{n6}", 6), ("{n5}", 5), ("{n4}", 4), ("{n3}", 3), ("{n2}", 2)):
        while key in out:
            out = out.replace(key, "".join(str(rng.randint(0, 9)) for _ in range(digits)), 1)
    out = out.replace("{y}", str(year))
    if "{c}" in out:
        out = out.replace("{c}", f"{rng.randint(1, 9)}{rng.choice('ABCEGHJKLMNPRSTVXY')}{rng.randint(1, 9)}")
    return out


def address(rng: random.Random) -> str:
    city, state, z = rng.choice(CITIES)
    return f"{rng.randint(100, 9899)} {rng.choice(STREETS)}, {city}, {state} {fill(rng, z, 2000)}"


EPD_TYPE_WORDS = {
    "product_specific": ["Product-specific", "Product-Specific", "Product specific Type III EPD",
                         "Manufacturer-specific, product-specific"],
    "facility_specific": ["Plant-specific", "Facility-specific", "Product- and facility-specific",
                          "Plant-Specific EPD"],
    "industry_average": ["Industry-wide", "Industry average", "Industry-wide (sector) EPD"],
    "company_average": ["Company average", "Company-wide average (multiple facilities)"],
    "product_group_average": ["Product group average", "Average of a product group"],
}

PCRS = {
    "concrete": [("NSF PCR for Concrete, Version 2.1", "August 2021", "Part B: Concrete", "2026-08-31"),
                 ("NSF/ANSI/CAN Product Category Rule for Concrete V3.0", "June 2023", "", "2028-06-30"),
                 ("PCR for Concrete, NSF International, v2.1 (2021)", "August 2021", "", "2026-06-30"),
                 ("CSA Group PCR for Ready-Mixed Concrete (ISO 21930)", "March 2022", "", "2027-03-01")],
    "steel": [("UL Environment PCR Part B: Designated Steel Construction Product EPD Requirements, v2.0",
               "August 2020", "UL 10010-34", "2025-08-26"),
              ("PCR for Steel Construction Products, SCS-PCR-004, Version 1.1", "May 2022", "", "2027-05-01"),
              ("Part B: Designated Steel Construction Product EPD Requirements, UL 10010-34 v3.0", "June 2024", "",
               "2029-06-30")],
    "asphalt": [("NAPA Product Category Rules for Asphalt Mixtures, Version 2.0", "March 2022", "", "2027-03-31"),
                ("PCR for Asphalt Mixtures v1.0 (NAPA)", "January 2017", "", "2022-12-31")],
    "flat_glass": [("PCR for Flat Glass: UN CPC 3711, Version 2.0 (NSF/NGA)", "September 2020", "", "2025-09-01"),
                   ("UL PCR Part B: Flat Glass Products, v2.0", "February 2021", "", "2026-02-28")],
    "cement": [("NSF PCR for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic (Stucco) Cements, V3.2",
                "September 2021", "", "2026-09-30"),
               ("ASTM PCR for Portland, Blended, Masonry, Mortar and Plastic Cements, v3.1", "February 2020", "",
                "2025-02-28")],
}

VERIFIERS = ["Thomas P. Gloria, Ph.D., Industrial Ecology Consultants", "Lindita Bushi, Ph.D., Athena Sustainable "
             "Materials Institute", "Jack Geibig, EcoForm", "Jenny Oorbeck, WAP Sustainability",
             "Matt Fishwick, Fishwick Environmental", "Andrew Norman, Aspire Sustainability"]
LCA_TOOLS = ["Climate Earth EPD Generator", "CarbonCure EPD Tool", "NRMCA Industry-wide EPD Tool",
             "openLCA 2.1 with ecoinvent 3.9.1", "SimaPro 9.5 with ecoinvent 3.8", "GaBi/Sphera 2023 databases",
             "Athena Impact Estimator", "C-Change Labs EPD Wizard"]
