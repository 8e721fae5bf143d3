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


# -- template wording --------------------------------------------------------------------------------------------
EPD_TYPE_WORDS = {
    "product_specific": ["Product-specific", "Product specific", "Product-specific Type III EPD"],
    "facility_specific": ["Plant-specific", "Facility-specific", "Plant specific (single facility)"],
    "company_average": ["Company average (multiple facilities)", "Manufacturer-wide average", "Company-wide"],
    "industry_average": ["Industry-wide", "Industry average", "Industry-wide (sector) EPD"],
    "product_group_average": ["Product group average", "Average of a product group"],
}
ASSOCIATIONS = {
    "steel": ["American Institute of Steel Construction (AISC)", "Concrete Reinforcing Steel Institute (CRSI)",
              "Steel Tube Institute"],
    "cement": ["Portland Cement Association"],
    "concrete": ["National Ready Mixed Concrete Association"],
}
PRODUCERS = ["Microsoft Word for Microsoft 365", "Adobe PDF Library 17.0", "Adobe InDesign 18.2 (Macintosh)",
             "GPL Ghostscript 9.56.1", "Climate Earth EPD Generator 4.2", "Skia/PDF m120", "Quartz PDFContext"]
MOD_HEAD = {
    "A1": ["A1", "A1 Raw materials", "Raw Material Supply (A1)", "A1 Extraction"],
    "A2": ["A2", "A2 Transport", "Transport (A2)", "A2 Transport to plant"],
    "A3": ["A3", "A3 Manufacturing", "Manufacturing (A3)", "A3 Production"],
    "A1-A3": ["A1-A3", "A1-A3 Total", "Total (A1-A3)", "Product stage A1-A3", "A1 - A3"],
}
OTHER_ROWS = [
    ("ODP", "Ozone depletion potential", "kg CFC-11 eq"),
    ("AP", "Acidification potential", "kg SO_2 eq"),
    ("EP", "Eutrophication potential", "kg N eq"),
    ("SFP", "Smog formation potential", "kg O_3 eq"),
    ("PED", "Primary energy, non-renewable", "MJ"),
    ("WATER", "Fresh water consumption", "m^3"),
]
GWP_LABELS = ["Global warming potential (GWP)", "GWP 100", "Global Warming Potential", "GWP-100 (AR5)",
              "Climate change (GWP)"]
NAVY = (0.12, 0.23, 0.42)
GREEN = (0.16, 0.45, 0.29)
TEAL = (0.0, 0.42, 0.45)


SENTENCES = [
    "This cradle-to-gate EPD includes raw material extraction and processing (A1), transport to the facility (A2) "
    "and manufacturing (A3).",
    "Construction, use and end-of-life stages (A4-C4, D) are not declared.",
    "Capital goods and infrastructure are excluded per the PCR.",
    "Inputs and outputs below 1% of mass and energy were excluded, with the total excluded not exceeding 5%.",
    "No known flows of hazardous substances were cut off.",
    "Background data come from ecoinvent 3.9 and the US LCI database.",
    "Electricity is modelled with the eGRID subregion mix of the plant location.",
    "Co-products are allocated by mass.",
    "Recycled inputs enter free of burden under the cut-off approach.",
    "Slag and fly ash carry no upstream burden from steel making or power generation.",
    "EPDs from different programs may not be comparable.",
    "Comparison is only possible when all stages of a life cycle have been considered and the same PCR was used.",
    "The results are relative expressions and do not predict impacts on category endpoints.",
    "Transport of raw materials was modelled with distances reported by the suppliers.",
    "Truck transport uses a diesel combination truck dataset; rail and barge were modelled where applicable.",
    "Primary data were collected for twelve consecutive months of production.",
    "The data quality was assessed for technological, geographical and temporal representativeness.",
    "The manufacturer operates the facility under an ISO 14001 environmental management system.",
    "Water used in production is drawn from municipal supply and recycled on site.",
    "Natural gas, diesel and grid electricity are the main energy carriers at the facility.",
    "Packaging is negligible and was excluded from the system boundary.",
    "Results of this EPD reflect average production over the reporting period.",
    "Uncertainty in the results stems mainly from background datasets of upstream materials.",
    "The LCA report is available from the program operator upon request under a non-disclosure agreement.",
    "Sensitivity analysis showed that the results are most sensitive to the binder or feedstock content.",
    "Environmental impacts were calculated with OpenLCA 2.0 and the TRACI characterization factors.",
    "The product is used in buildings, bridges and other civil engineering works across North America.",
    "Emissions from combustion at the plant were calculated from fuel use and EPA AP-42 emission factors.",
    "The declaration does not indicate that any environmental or social performance benchmark is met.",
    "Biogenic carbon content of the product and packaging is zero.",
]
