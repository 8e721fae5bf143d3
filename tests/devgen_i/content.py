"""What a document says: metadata, products and numbers, each formatted first and then parsed back.

Everything here is drawn from one ``random.Random`` passed in by the caller; nothing else is random.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from typing import Any

YD3 = 0.764555
SHORT_TON = 0.907185
MPA_PSI = 145.038

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
MONTH_ABBR = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


# ---------------------------------------------------------------- numbers


@dataclass(frozen=True)
class NumStyle:
    """How one document prints its numbers."""

    kind: str  # "plain", "sci", "sci_lower"
    decimals: int
    thousands: bool
    comma_decimal: bool = False


def parse_number(text: str, comma_decimal: bool = False) -> float:
    t = text.strip().replace("\u2212", "-")
    if comma_decimal:
        t = t.replace(" ", "").replace("\u00a0", "").replace(".", "").replace(",", ".")
    else:
        t = t.replace(",", "")
    return float(t)


def fmt_number(value: float, style: NumStyle) -> tuple[str, float]:
    """Format ``value``; return the text and the number parsed back from it."""
    if style.kind in ("sci", "sci_lower"):
        text = f"{value:.{max(style.decimals, 1)}E}"
        mant, exp = text.split("E")
        sign = exp[0]
        digits = exp[1:].lstrip("0") or "0"
        text = f"{mant}E{sign}{digits.zfill(2)}" if style.kind == "sci" else f"{mant}e{sign}{digits.zfill(2)}"
        if style.comma_decimal:
            text = text.replace(".", ",")
        return text, parse_number(text.replace("e", "E"), style.comma_decimal)
    text = f"{value:,.{style.decimals}f}" if style.thousands else f"{value:.{style.decimals}f}"
    if style.comma_decimal:
        text = text.replace(",", "\u00a0" if style.thousands else "").replace(".", ",")
        text = text.replace("\u00a0", " ")
    return text, parse_number(text, style.comma_decimal)


def small_sci(value: float, rng: random.Random, comma: bool = False) -> str:
    """A small indicator value (ODP, EP ...) printed in one of several scientific forms."""
    form = rng.choice(["E", "E", "E", "x10", "plain"])
    if form == "plain" and value >= 0.001:
        text = f"{value:.4f}"
    elif form == "x10":
        m, e = f"{value:.2E}".split("E")
        text = f"{m}x10{int(e)}"
    else:
        text = f"{value:.2E}"
    return text.replace(".", ",") if comma else text


def choose_numstyle(rng: random.Random, magnitude: float) -> NumStyle:
    r = rng.random()
    if r < 0.16:
        return NumStyle("sci", rng.choice([2, 2, 3]), False, comma_decimal=rng.random() < 0.12)
    if r < 0.19:
        return NumStyle("sci_lower", 2, False)
    if r < 0.23:
        return NumStyle("plain", rng.choice([1, 2]), True, comma_decimal=True)
    if magnitude >= 1000:
        return NumStyle("plain", rng.choice([0, 0, 1, 2]), rng.random() < 0.8)
    return NumStyle("plain", rng.choice([0, 1, 1, 2, 2, 3]), rng.random() < 0.7)


# ---------------------------------------------------------------- dates


def fmt_date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "ordinal":
        n = d.day
        suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{MONTHS[d.month - 1]} {n}{suf}, {d.year}"
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us_short":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "abbr":
        return f"{MONTH_ABBR[d.month - 1]} {d.day}, {d.year}"
    if style == "daymonth":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    raise ValueError(style)


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


# ---------------------------------------------------------------- products


@dataclass
class Product:
    """One declared product, with its printed GWP texts."""

    name: str
    material: str
    description: str
    declared_unit: str
    # unit -> {"A1": text, "A2": text, "A3": text, "A1-A3": text}; which keys are printed is decided by ``modules``
    gwp_text: dict[str, dict[str, str]] = field(default_factory=dict)
    gwp_value: dict[str, dict[str, float]] = field(default_factory=dict)
    modules: list[str] = field(default_factory=list)
    strength_psi: float | None = None
    strength_age_days: int | None = None
    strength_text: str = ""  # how the strength is printed (column value or prose)
    strength_unit: str = "psi"
    early_strength_text: str = ""
    lightweight: bool = False
    high_early_strength: bool = False
    steel_product: str | None = None
    fabricated: bool | None = None
    route: str | None = None
    glass_processed: bool | None = None
    mass_per_m2: float | None = None
    thickness_mm: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # other printed attributes (SCM %, RAP %, binder ...)
    other_methods: dict[str, dict[str, str]] = field(default_factory=dict)  # method -> unit -> text (A1-A3)
    indicators: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # unit -> indicator -> module -> t
    page: int = 0

    def has_total(self) -> bool:
        return "A1-A3" in self.modules

    def gwp_printed(self, unit: str) -> str:
        if self.has_total():
            return self.gwp_text[unit]["A1-A3"]
        return " + ".join(self.gwp_text[unit][m] for m in ("A1", "A2", "A3"))

    def gwp_a1a3(self, unit: str) -> float:
        if self.has_total():
            return self.gwp_value[unit]["A1-A3"]
        return round(sum(self.gwp_value[unit][m] for m in ("A1", "A2", "A3")), 6)

    def expected(self, gwp_method: str) -> dict[str, Any]:
        return {
            "name": self.name,
            "material": self.material,
            "gwp_a1a3": self.gwp_a1a3(self.declared_unit),
            "declared_unit": self.declared_unit,
            "gwp_by_unit": {u: self.gwp_a1a3(u) for u in self.gwp_text},
            "modules": list(self.modules),
            "gwp_method": gwp_method,
            "strength_psi": self.strength_psi,
            "strength_age_days": self.strength_age_days,
            "lightweight": self.lightweight,
            "high_early_strength": self.high_early_strength,
            "steel_product": self.steel_product,
            "fabricated": self.fabricated,
            "route": self.route,
            "glass_processed": self.glass_processed,
            "description": self.description,
            "page": self.page,
            "gwp_printed": self.gwp_printed(self.declared_unit),
        }


UNIT_FACTOR = {  # value per unit = value per base unit * factor
    "m3": 1.0, "yd3": YD3, "t": 1.0, "short_ton": SHORT_TON,
}

UNIT_LABEL = {
    "m3": ["m³", "m3", "cubic meter", "cu. m"],
    "yd3": ["yd³", "yd3", "cubic yard", "cu. yd"],
    "t": ["metric ton", "t", "tonne", "1,000 kg"],
    "short_ton": ["short ton", "ton (2,000 lb)", "US ton", "sh. ton"],
    "m2": ["m²", "m2", "square meter"],
    "kg": ["kg"],
}


def set_gwp(p: Product, base_unit_values: dict[str, float], units: list[str], style: NumStyle,
            modules: list[str], rng: random.Random) -> None:
    """Fill the printed GWP of ``p`` for each unit from values in the unit given by ``base_unit_values``.

    ``base_unit_values`` maps unit -> total A1-A3 value in that unit (already converted).
    """
    p.modules = modules
    share_a1 = rng.uniform(0.62, 0.93)
    share_a2 = rng.uniform(0.01, 0.09)
    for unit in units:
        total = base_unit_values[unit]
        texts: dict[str, str] = {}
        vals: dict[str, float] = {}
        parts = {"A1": total * share_a1, "A2": total * share_a2, "A3": total * (1 - share_a1 - share_a2)}
        for m in ("A1", "A2", "A3"):
            texts[m], vals[m] = fmt_number(parts[m], style)
        texts["A1-A3"], vals["A1-A3"] = fmt_number(total, style)
        p.gwp_text[unit] = texts
        p.gwp_value[unit] = vals


# ---------------------------------------------------------------- metadata


OPERATORS = {
    "NSF International": ("nsf", "789 N. Dixboro Road, Ann Arbor, MI 48105"),
    "UL Environment": ("ul", "333 Pfingsten Road, Northbrook, IL 60062"),
    "UL Solutions": ("ul", "333 Pfingsten Rd, Northbrook IL, 60062"),
    "SCS Global Services": ("scs", "2000 Powell Street, Ste. 600, Emeryville, CA 94608"),
    "ASTM International": ("astm", "100 Barr Harbor Drive, West Conshohocken, PA 19428"),
    "NRMCA": ("nrmca", "66 Canal Center Plaza, Suite 250, Alexandria, VA 22314"),
    "CSA Group": ("csa", "178 Rexdale Blvd., Toronto, ON M9W 1R3"),
    "ICC Evaluation Service": ("icc", "3060 Saturn Street, Suite 100, Brea, CA 92821"),
    "Smart EPD": ("smart", "Smart EPD, Inc., Portland, OR"),
    "EPD Hub": ("hub", "EPD Hub Limited, London, United Kingdom"),
    "NAPA Emerge": ("napa", "6406 Ivy Lane, Suite 350, Greenbelt, MD 20770"),
}


def registration_number(rng: random.Random, op_key: str) -> str:
    n = rng.randint(100, 99999)
    year = rng.randint(2019, 2025)
    forms = {
        "nsf": [f"EPD{n:05d}", f"EPD-{n:05d}", f"NSF-EPD-{n:05d}"],
        "ul": [f"{rng.randint(4780000000, 4799999999)}.{rng.randint(101, 109)}.1", f"UL-EPD-{year}-{n:05d}"],
        "scs": [f"SCS-EPD-{n:05d}", f"SCS-EPD-{n:05d}-R{rng.randint(1, 3)}"],
        "astm": [f"EPD {rng.randint(100, 999)}", f"ASTM-EPD{rng.randint(100, 999)}", f"EPD-{rng.randint(100, 999)}"],
        "nrmca": [f"NRMCA-{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}-{n:04d}",
                  f"NRMCA EPD {n}.{rng.randint(100, 999)}"],
        "csa": [f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}", f"CSA EPD #{n:05d}"],
        "icc": [f"EPD-{n:04d}", f"ICC-ES SAVE EPD {n:04d}"],
        "smart": [f"EPD-SMART-{year}{n:05d}", f"SmartEPD-{year}-{rng.randint(1, 99):03d}-{n:04d}"],
        "hub": [f"HUB-{rng.randint(100, 4999):04d}", f"EPD-HUB-{rng.randint(100, 4999)}"],
        "napa": [f"EMERGE-{year}-{n:06d}", f"{rng.randint(1000, 9999)}.{rng.randint(10, 99)}.{rng.randint(100, 999)}"],
    }
    return rng.choice(forms[op_key])


PCRS = {
    "concrete": [
        ("NSF PCR for Concrete v2.1", "August 2021", "February 22, 2027"),
        ("NSF International Product Category Rule for Concrete, Version 2.1", "08/2021", "02/22/2027"),
        ("PCR for Concrete (NSF International, 2021), v2.1", "2021-08-01", "2027-02-22"),
        ("ASTM PCR for Concrete (NRMCA), Part B, v3.0", "May 2023", "May 2028"),
        ("ISO 21930:2017 and NSF PCR: Concrete, version 2.1", "2021", "2027-02-22"),
    ],
    "steel": [
        ("PCR Guidance for Building-Related Products and Services Part B: Designated Steel Construction Product "
         "EPD Requirements, v2.0", "August 2020", "August 26, 2025"),
        ("UL Environment Part B: Designated Steel Construction Product EPD Requirements, UL 10010-34, v2.0",
         "2020", "2025-08-26"),
        ("SCS PCR for Steel Construction Products (Part B), version 1.1", "March 2022", "March 31, 2027"),
        ("Part B: Structural and Architectural Steel Products, ASTM International", "2023", "2028-06-30"),
    ],
    "asphalt": [
        ("NAPA PCR for Asphalt Mixtures, v2.0", "2022", "August 31, 2027"),
        ("Product Category Rules (PCR) for Asphalt Mixtures, NAPA, Version 1.0", "March 2017",
         "PCR valid through March 31, 2024"),
    ],
    "flat_glass": [
        ("NSF PCR for Flat Glass: UN CPC 3711, v2.0", "2020", "2025-09-30"),
        ("PCR for Flat Glass Products, NSF International, Version 2.1 (2023)", "2023", "June 30, 2028"),
        ("PCR for Processed and Fabricated Glass (NSF), v1.0", "2021", "2026-12-31"),
    ],
    "cement": [
        ("NSF PCR for Portland, Blended, Masonry, Mortar, and Plastic (Stucco) Cements, v3.2", "September 2021",
         "September 2026"),
        ("PCR for Cement (NSF International), V3.2", "09/2021", "09/30/2026"),
        ("ASTM PCR for Cement, Part B, version 2.0", "2023", "2028-01-31"),
    ],
}

METHODS_OTHER = ["IPCC AR5 GWP100", "IPCC AR6 GWP100", "EN 15804+A2 (EF 3.1)", "CML-IA baseline"]

CITIES = [
    ("Springfield", "IL", "62703"), ("Fresno", "CA", "93722"), ("Aurora", "CO", "80011"), ("Tacoma", "WA", "98421"),
    ("Macon", "GA", "31201"), ("Round Rock", "TX", "78664"), ("Dayton", "OH", "45402"), ("Lakeland", "FL", "33801"),
    ("Boise", "ID", "83709"), ("Lowell", "MA", "01852"), ("Joliet", "IL", "60436"), ("Provo", "UT", "84601"),
    ("Hamilton", "ON", "L8L 4K4"), ("Laval", "QC", "H7L 4Z5"), ("Saskatoon", "SK", "S7K 1N2"), ("Reno", "NV", "89502"),
]
STREETS = ["Industrial Pkwy", "Quarry Road", "Mill Street", "Harbor Drive", "County Road 12", "Rail Spur Lane",
           "Commerce Blvd.", "River Road", "Foundry Ave.", "Gravel Pit Road"]

NAME_A = ["Ridgeline", "Blue Creek", "Summit", "Pioneer", "Granite State", "Cascade", "Prairie", "Tri-County",
          "Lakeshore", "Ironwood", "Keystone", "Redstone", "Northfield", "Silver Valley", "Canyon", "Harborview"]


def address(rng: random.Random) -> str:
    city, st, z = rng.choice(CITIES)
    return f"{rng.randint(10, 9899)} {rng.choice(STREETS)}, {city}, {st} {z}"


@dataclass
class Meta:
    program_operator: str
    op_key: str
    op_address: str
    registration_number: str
    manufacturer: str
    manufacturer_address: str
    plant: str | None
    plant_address: str | None
    issued: dt.date
    valid_until: dt.date
    issued_text: str
    validity_text: str  # how validity is printed
    validity_label: str
    epd_type: str
    epd_type_text: str
    pcr: str
    pcr_text: str  # PCR line with its own dates
    third_party_verified: bool
    verification_text: str
    gwp_method: str
    methods: list[str]
    date_style: str
    lca_tool: str
    verifier: str

    def expected(self) -> dict[str, Any]:
        return {
            "program_operator": self.program_operator,
            "registration_number": self.registration_number,
            "manufacturer": self.manufacturer,
            "plant": self.plant,
            "issued": self.issued.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "epd_type": self.epd_type,
            "pcr": self.pcr,
            "third_party_verified": self.third_party_verified,
            "methods": list(self.methods),
        }


EPD_TYPE_TEXT = {
    "product_specific": ["Product-specific", "Product specific", "Product-Specific EPD", "Specific (product)"],
    "facility_specific": ["Facility-specific", "Plant-specific", "Product- and facility-specific",
                          "Facility specific EPD"],
    "company_average": ["Company average", "Company-wide average", "Manufacturer average (multiple plants)"],
    "industry_average": ["Industry-wide", "Industry average", "Industry-wide (sector) EPD"],
    "product_group_average": ["Product group average", "Average of a product group", "Representative product group"],
}

MANUF = {
    "concrete": (["Ready Mix, Inc.", "Concrete Co.", "Materials LLC", "Redi-Mix", "Aggregates & Concrete",
                  "Concrete Supply"], ["Plant", "Batch Plant", "Ready-Mix Plant", "Yard"]),
    "steel": (["Steel Mills, Inc.", "Steel Corporation", "Bar Mill LLC", "Tube & Pipe Co.", "Metals Group",
               "Structural Steel Inc."], ["Mill", "Steel Mill", "Works", "Melt Shop"]),
    "asphalt": (["Paving Co.", "Asphalt, LLC", "Construction Materials", "Blacktop Inc.", "Road Builders"],
                ["Plant", "Asphalt Plant", "HMA Plant", "Drum Plant"]),
    "flat_glass": (["Glass Company", "Float Glass Inc.", "Architectural Glass Ltd.", "Glassworks"],
                   ["Float Plant", "Plant", "Fabrication Facility"]),
    "cement": (["Cement Company", "Portland Cement Co.", "Cement Inc.", "Lime & Cement"],
               ["Cement Plant", "Plant", "Kiln Works"]),
}

ASSOCIATIONS = {
    "concrete": "National Ready Mixed Concrete Association",
    "steel": "American Institute of Steel Construction",
    "asphalt": "National Asphalt Pavement Association",
    "flat_glass": "National Glass Association",
    "cement": "Portland Cement Association",
}


def make_meta(rng: random.Random, material: str, n_products: int) -> Meta:
    ops_by_mat = {
        "concrete": ["NSF International", "NRMCA", "ASTM International", "Smart EPD", "CSA Group", "EPD Hub",
                     "SCS Global Services", "ICC Evaluation Service", "NSF International"],
        "steel": ["SCS Global Services", "UL Environment", "UL Solutions", "ASTM International", "Smart EPD",
                  "EPD Hub", "CSA Group"],
        "asphalt": ["NAPA Emerge", "NAPA Emerge", "ASTM International", "Smart EPD"],
        "flat_glass": ["NSF International", "UL Solutions", "SCS Global Services", "EPD Hub"],
        "cement": ["NSF International", "ASTM International", "CSA Group", "UL Environment"],
    }
    op = rng.choice(ops_by_mat[material])
    op_key, op_addr = OPERATORS[op]
    reg = registration_number(rng, op_key)

    r = rng.random()
    if r < 0.08:
        epd_type = "industry_average"
    elif r < 0.16:
        epd_type = "company_average"
    elif r < 0.22 and n_products > 1:
        epd_type = "product_group_average"
    elif r < 0.62:
        epd_type = "facility_specific"
    else:
        epd_type = "product_specific"

    suffixes, plant_words = MANUF[material]
    base = rng.choice(NAME_A)
    if epd_type == "industry_average":
        manufacturer = ASSOCIATIONS[material]
        plant = None
    else:
        manufacturer = f"{base} {rng.choice(suffixes)}"
        if epd_type == "company_average" or rng.random() < 0.12:
            plant = None
        else:
            city = rng.choice(CITIES)[0]
            plant = rng.choice([f"{city} {rng.choice(plant_words)}", f"{rng.choice(plant_words)} {rng.randint(1, 48)}",
                                f"{base} {city} {rng.choice(plant_words)}"])
    date_style = rng.choice(["long", "long", "ordinal", "us", "iso", "abbr", "us_short"])
    issued = dt.date(rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28))
    vr = rng.random()
    if vr < 0.3:
        valid_until = add_years(issued, 5) - dt.timedelta(days=1)
        validity_label = "EPD Validity"
        validity_text = f"EPD Valid {fmt_date(issued, date_style)} through {fmt_date(valid_until, date_style)}"
    elif vr < 0.52:
        valid_until = add_years(issued, 5)
        validity_label = "Period of Validity"
        validity_text = rng.choice(["5 Years", "5 years", "Five (5) years from date of issue"])
    elif vr < 0.78:
        valid_until = add_years(issued, 5)
        validity_label = rng.choice(["Valid until", "Date of expiry", "Expiration date", "Valid through"])
        validity_text = fmt_date(valid_until, date_style)
    else:
        years = rng.choice([5, 5, 3])
        valid_until = add_years(issued, years) - dt.timedelta(days=rng.choice([0, 1]))
        validity_label = "Validity period"
        validity_text = f"{fmt_date(issued, date_style)} - {fmt_date(valid_until, date_style)}"

    pcr, pcr_date, pcr_valid = rng.choice(PCRS[material])
    if pcr_valid.startswith("PCR valid"):
        pcr_text = f"{pcr} ({pcr_date}). {pcr_valid}"
    else:
        pcr_text = rng.choice([f"{pcr} ({pcr_date}), PCR valid through {pcr_valid}",
                               f"{pcr}, issued {pcr_date}; valid until {pcr_valid}", f"{pcr} ({pcr_date})"])
    verified = rng.random() > 0.07
    verifier = rng.choice(["Thomas P. Gloria, Ph.D., Industrial Ecology Consultants", "Jack Geibig, EcoForm",
                           "Lindita Bushi, Ph.D., Athena Sustainable Materials Institute",
                           "Matt Fishwick, Fishwick Environmental", "Sarah Kloss, WAP Sustainability"])
    if verified:
        verification_text = rng.choice([
            "Independent verification of the declaration and data, according to ISO 14025 and ISO 21930: "
            "[ ] internal  [X] external",
            "This EPD was independently verified by an external third party in accordance with ISO 14025:2006 "
            "and ISO 21930:2017.",
            f"Third-party verification: {verifier} (external).",
        ])
    else:
        verification_text = rng.choice([
            "Independent verification of the declaration and data, according to ISO 14025: "
            "[X] internal  [ ] external",
            "This declaration has been verified internally; it has not been verified by an independent third party.",
        ])
    gwp_method = rng.choice(["TRACI 2.1", "TRACI 2.1", "TRACI 2.1", "TRACI 2.2", "TRACI v2.1"])
    methods = [gwp_method]
    r = rng.random()
    if r < 0.45:
        methods += rng.sample(METHODS_OTHER, rng.choice([1, 1, 2]))
    tool = rng.choice(["NRMCA EPD Tool", "Climate Earth EPD Generator", "GaBi / LCA for Experts 10",
                       "SimaPro 9.5", "openLCA 2.0", "One Click LCA", "Smart EPD Builder", "Emerge LCA tool"])
    return Meta(
        program_operator=op, op_key=op_key, op_address=op_addr, registration_number=reg,
        manufacturer=manufacturer, manufacturer_address=address(rng), plant=plant,
        plant_address=address(rng) if plant else None, issued=issued, valid_until=valid_until,
        issued_text=fmt_date(issued, date_style), validity_text=validity_text, validity_label=validity_label,
        epd_type=epd_type, epd_type_text=rng.choice(EPD_TYPE_TEXT[epd_type]), pcr=pcr, pcr_text=pcr_text,
        third_party_verified=verified, verification_text=verification_text, gwp_method=gwp_method,
        methods=methods, date_style=date_style, lca_tool=tool, verifier=verifier,
    )


def method_factor(rng: random.Random, method: str) -> float:
    if method.startswith("EN 15804"):
        return rng.uniform(1.005, 1.05)
    if method.startswith("CML"):
        return rng.uniform(0.96, 1.01)
    return rng.uniform(0.985, 1.03)


def clean_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()
