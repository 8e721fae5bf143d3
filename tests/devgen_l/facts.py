"""What a document states: its operator, holder, dates and products, drawn from the seed before any layout."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from .texts import add_years

OPERATORS = {
    "NSF International": lambda r: f"EPD{r.randint(10100, 11999)}",
    "ASTM International": lambda r: f"EPD {r.randint(100, 899)}",
    "UL Environment": lambda r: f"4790{r.randint(100000, 999999)}.{r.randint(101, 140)}.1",
    "SCS Global Services": lambda r: f"SCS-EPD-{r.randint(4000, 11999):05d}",
    "Smart EPD": lambda r: f"SMART-{r.randint(2021, 2025)}-{r.randint(1, 999):03d}",
    "NRMCA": lambda r: f"NRMCA-{r.randint(10000, 39999)}",
    "CSA Group": lambda r: f"{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
}

PCRS = {
    "concrete": ["NSF PCR for Concrete, Version 2.1 (August 2021)",
                 "Product Category Rules for Concrete, NSF International, v2.1, 8/2021",
                 "ISO 21930:2017 and NSF PCR for Concrete v2.1"],
    "steel": ["UL Environment PCR Part B: Designated Steel Construction Products, v2.0 (2020)",
              "PCR for Designated Steel Construction Products, SCS Global Services, Version 1.0",
              "UL PCR Part A v4.0 and Part B: Designated Steel Construction Products, v2.0"],
    "asphalt": ["NSF PCR for Asphalt Mixtures, Version 1.0 (2022)",
                "Product Category Rules for Asphalt Mixtures, v1.0, NAPA Emerald Eco-Label"],
    "flat_glass": ["NSF PCR for Flat Glass: UN CPC 3711, Version 1.0 (2020)",
                   "PCR for Flat Glass Products, NSF International, v1.0, 2020"],
}

CITIES = [("Columbus", "OH", "432"), ("Sacramento", "CA", "958"), ("Denver", "CO", "802"), ("Austin", "TX", "787"),
          ("Raleigh", "NC", "276"), ("Tacoma", "WA", "984"), ("Boise", "ID", "837"), ("Tulsa", "OK", "741"),
          ("Des Moines", "IA", "503"), ("Albany", "NY", "122"), ("Nashville", "TN", "372"), ("Fresno", "CA", "937")]
STREETS = ["Industrial Pkwy", "Quarry Road", "River Road", "Commerce Drive", "Mill Street", "Rail Yard Blvd",
           "County Road 14", "Foundry Lane", "Harbor Way"]
CONCRETE_HOLDERS = ["Granite Ridge Ready Mix", "Cascade Concrete Supply", "Blue Mesa Materials", "Tri-County Redi-Mix",
                    "Lakeshore Concrete Co.", "Prairie State Aggregates", "Summit Ready-Mix, LLC", "Keystone Concrete"]
STEEL_HOLDERS = ["Northfield Steel Corp.", "Bayou Steel Mills", "Appalachian Structural Steel", "Great Plains Steel",
                 "Coastal Rebar Company", "Ironbridge Metals, Inc.", "Sierra Steel Works"]
ASPHALT_HOLDERS = ["Blacktop Paving Co.", "Interstate Asphalt, Inc.", "Valley Hot Mix", "Ridgeline Paving Materials"]
GLASS_HOLDERS = ["Clearview Float Glass", "North American Glass Works", "Lumen Architectural Glass"]


@dataclass
class Doc:
    seed: int
    material: str
    kind: str
    operator: str
    registration: str
    holder: str
    plant: str | None
    address: str
    issued: dt.date
    valid_until: dt.date
    validity_form: str
    date_style: str
    epd_type: str
    epd_type_text: str
    pcr: str
    verified: bool
    methods: list[str]
    products: list[dict[str, Any]] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)


def product(name: str, material: str, unit: str, **facts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": name, "material": material, "gwp_a1a3": None, "declared_unit": unit, "gwp_by_unit": {},
        "modules": ["A1", "A2", "A3"], "gwp_method": "TRACI 2.1", "strength_psi": None, "strength_age_days": 28,
        "lightweight": False, "high_early_strength": False, "steel_product": None, "fabricated": None,
        "route": None, "glass_processed": None, "description": None, "page": None, "gwp_printed": None,
    }
    base.update(facts)
    return base


def draw_doc(seed: int, rng: random.Random) -> Doc:
    material = rng.choices(["concrete", "steel", "asphalt", "flat_glass"], [55, 25, 10, 10])[0]
    if material == "asphalt":
        operator = rng.choice(["NSF International", "ASTM International"])
    elif material == "concrete":
        operator = rng.choice(["NSF International", "NRMCA", "Smart EPD", "ASTM International", "CSA Group"])
    else:
        operator = rng.choice(["UL Environment", "SCS Global Services", "ASTM International", "Smart EPD",
                               "NSF International"])
    holder = rng.choice({"concrete": CONCRETE_HOLDERS, "steel": STEEL_HOLDERS, "asphalt": ASPHALT_HOLDERS,
                         "flat_glass": GLASS_HOLDERS}[material])
    city, state, zip3 = rng.choice(CITIES)
    address = f"{rng.randint(100, 9899)} {rng.choice(STREETS)}, {city}, {state} {zip3}{rng.randint(10, 99)}"
    plant = {
        "concrete": rng.choice([f"{city} Plant", f"Plant {rng.randint(2, 48)}", f"{rng.choice(STREETS)} Plant",
                                f"{city} North Batch Plant"]),
        "steel": rng.choice([f"{city} Mill", f"{city} Works", f"{holder.split()[0]} {city} Mini-Mill"]),
        "asphalt": rng.choice([f"{city} Asphalt Plant", f"Plant No. {rng.randint(1, 20)}"]),
        "flat_glass": f"{city} Float Line {rng.randint(1, 3)}",
    }[material]
    issued = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 4 + 300))
    validity_form = rng.choice(["range", "range", "period", "until", "period_years"])
    valid_until = add_years(issued, 5) - dt.timedelta(days=1) if validity_form in ("range", "until") else \
        add_years(issued, 5)
    us = operator in ("NSF International", "ASTM International", "NRMCA", "Smart EPD")
    date_style = rng.choice(["long", "ordinal", "us", "iso", "abbr"] + (["us", "ordinal_dot"] if us else ["dmy"]))
    methods = rng.choice([["TRACI 2.1"], ["TRACI 2.1"], ["TRACI 2.1", "IPCC AR5"], ["TRACI 2.2", "IPCC AR6"],
                          ["TRACI 2.1", "CML-IA"], ["TRACI 2.1", "IPCC AR5", "CML-IA"]])
    epd_type, epd_type_text = "facility_specific", rng.choice(["Facility-specific", "Plant-specific",
                                                               "Product-specific, plant-specific"])
    verified = rng.random() > 0.08
    return Doc(seed=seed, material=material, kind="", operator=operator, registration=OPERATORS[operator](rng),
               holder=holder, plant=plant, address=address, issued=issued, valid_until=valid_until,
               validity_form=validity_form, date_style=date_style, epd_type=epd_type, epd_type_text=epd_type_text,
               pcr=rng.choice(PCRS[material]), verified=verified, methods=methods)


# --- concrete ---------------------------------------------------------------------------------------------------

STRENGTHS = [2500, 3000, 3000, 3500, 4000, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000]
USES = ["Exterior", "Footing", "Slab on Grade", "Pump", "Wall", "Paving", "Structural", "Column", "Flatwork",
        "Pier", "Foundation", "Topping"]


def concrete_mixes(doc: Doc, rng: random.Random, count: int) -> None:
    """Mixes with their strengths, ages and flags, and a GWP that follows the strength and the SCM share."""
    id_style = rng.choice(["numeric", "alpha", "dash", "named"])
    used: set[str] = set()
    for _ in range(count):
        psi = rng.choice(STRENGTHS)
        kind = rng.choices(["normal", "he", "lw", "cdf", "scc"], [80, 7, 6, 3, 4])[0]
        if kind == "cdf":
            psi = rng.choice([100, 200, 500, 1200])
        age = 28 if kind in ("he", "cdf") else rng.choices([28, 56, 90], [85, 12, 3])[0]
        scm = rng.choice([0, 0, 15, 20, 25, 30, 40, 50])
        scm_kind = rng.choice(["FA", "SL"]) if scm else ""
        cement = (0.055 * psi + 150) * (1 - scm / 100 * 0.85) + (35 if kind == "he" else 0)
        gwp = max(152.0, min(548.0, cement * rng.uniform(0.88, 1.18) + rng.uniform(25, 60)))
        agg = rng.choice(['3/4"', '1"', '3/8"', '1-1/2"'])
        use = rng.choice(USES)
        flag = {"he": " HE", "lw": " LW", "cdf": " FLOWABLE FILL", "scc": " SCC"}.get(kind, "")
        desc = (f'{psi} PSI {agg} {use.upper()}{flag}' + (f" {scm}% {scm_kind}" if scm else "")
                if kind != "cdf" else f"CDF {psi} PSI FLOWABLE FILL")
        while True:
            if id_style == "numeric":
                name = f"{rng.randint(100, 999)}{rng.randint(1000, 9999)}"
            elif id_style == "alpha":
                name = f"{rng.choice('ABCDGMRT')}{rng.randint(1, 9)}{rng.choice('ABCHKPX')}{rng.randint(10, 999)}"
            elif id_style == "dash":
                name = f"{rng.choice(['RM', 'CM', 'MX', 'SR'])}-{rng.randint(100, 999)}{rng.choice(['', 'B', 'W'])}"
            else:
                name = f"{psi} PSI " + (f"{age}-Day " if age != 28 else "") + use + (
                    f" {scm}% {scm_kind}" if scm else "") + flag.title()
                name = name.replace("Flowable Fill", "Flowable Fill").replace(" He", " HE").replace(" Lw", " LW")
                name = name.replace(" Scc", " SCC")
            if name in used and id_style == "named":
                name += " " + next(f"{name} {c}" for c in "BCDEFGHJK" if f"{name} {c}" not in used)[-1]
            if name not in used:
                used.add(name)
                break
        mix = product(name, "concrete", "m3", strength_psi=float(psi), strength_age_days=age,
                      lightweight=kind == "lw", high_early_strength=kind == "he", description=None,
                      _desc=desc, _kind=kind, _scm=scm, _scm_kind=scm_kind, _gwp=gwp,
                      _early=rng.choice([1, 3, 7]) if kind == "he" else None,
                      _named=id_style == "named")
        doc.products.append(mix)


# --- steel ------------------------------------------------------------------------------------------------------

STEEL_KINDS = {
    "rebar": ["Reinforcing Bar (ASTM A615 Grade 60)", "Rebar, ASTM A706", "Concrete Reinforcing Bar #4-#11",
              "Fabricated Reinforcing Steel"],
    "hot_rolled": ["Wide-Flange Beams (W-shapes)", "Hot-Rolled Structural Sections", "Channels and Angles",
                   "Structural Wide Flange Sections"],
    "hss": ["HSS Rectangular & Square (ASTM A500 Gr. C)", "Hollow Structural Sections", "Round HSS (ASTM A1085)"],
    "plate": ["Steel Plate (ASTM A572 Gr. 50)", "Discrete Plate", "Heavy Plate, ASTM A36"],
    "merchant_bar": ["Merchant Bar Quality Rounds", "Merchant Bar (Flats, Angles, Channels)", "MBQ Rounds & Squares"],
    "sheet": ["Hot-Dip Galvanized Sheet", "Cold-Rolled Sheet", "Hot-Rolled Coil"],
    "cold_formed": ["Cold-Formed Steel Studs and Track", "Cold-Formed Framing Members"],
}
STEEL_GWP = {"rebar": (480, 950), "hot_rolled": (620, 1250), "hss": (1150, 1900), "plate": (700, 1350),
             "merchant_bar": (550, 1100), "sheet": (1400, 2600), "cold_formed": (1500, 2700)}


def steel_products(doc: Doc, rng: random.Random) -> None:
    families = [["rebar"], ["rebar", "merchant_bar"], ["hot_rolled"], ["hot_rolled", "plate"], ["hss"],
                ["plate"], ["hot_rolled", "hss", "plate"], ["merchant_bar"], ["sheet"], ["cold_formed"],
                ["rebar", "merchant_bar", "hot_rolled"]]
    kinds = rng.choice(families)
    route = rng.choices(["eaf", "integrated", None], [65, 25, 10])[0]
    if kinds[0] in ("sheet", "cold_formed") and route == "eaf" and rng.random() < 0.5:
        route = "integrated"
    fab_mode = rng.choice(["mill", "fabricated", "unstated", "mixed"])
    if fab_mode in ("fabricated", "mixed") and any(k in ("sheet", "cold_formed", "merchant_bar") for k in kinds):
        fab_mode = rng.choice(["mill", "unstated"])
    per_product = len(kinds) > 1 and rng.random() < 0.3
    doc.options["route_per_product"] = per_product
    for kind in kinds:
        if per_product:
            route = "eaf" if kind in ("rebar", "merchant_bar") else rng.choice(["eaf", "integrated"])
        fabricated = {"mill": False, "fabricated": True, "unstated": None}.get(fab_mode, rng.random() < 0.5)
        low, high = STEEL_GWP[kind]
        gwp = rng.uniform(low, high)
        if route == "integrated":
            gwp = max(gwp, rng.uniform(1800, 2700))
        if fabricated:
            gwp += rng.uniform(90, 380)
        gwp = min(gwp, 2880.0)
        name = rng.choice([n for n in STEEL_KINDS[kind] if fabricated or "Fabricated" not in n])
        if fabricated and kind in ("rebar", "hot_rolled", "hss", "plate") and rng.random() < 0.5 \
                and "Fabricated" not in name:
            name = f"Fabricated {name}"
        doc.products.append(product(name, "steel", "t", steel_product=kind, fabricated=fabricated, route=route,
                                    _gwp=gwp))
    doc.options["fab_mode"] = fab_mode
    doc.options["route"] = route


# --- asphalt and glass ------------------------------------------------------------------------------------------

def asphalt_mixes(doc: Doc, rng: random.Random, count: int) -> None:
    used: set[str] = set()
    for _ in range(count):
        size = rng.choice(["9.5 mm", "12.5 mm", "19 mm", "25 mm", "4.75 mm"])
        rap = rng.choice([0, 10, 15, 20, 25, 30, 35])
        pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64-28"])
        wma = rng.random() < 0.4
        name = rng.choice([f"SP-{size.split()[0]}-{rap}R", f"HMA {rng.randint(100, 999)}",
                           f"{rng.choice(['SM', 'IM', 'BM'])}-{size.split()[0]}{rng.choice('ABDE')}",
                           f"Mix {rng.randint(1000, 9999)}"])
        if name in used:
            name = f"{name}-{len(used)}"
        used.add(name)
        desc = f"{size} Superpave, {pg}, {rap}% RAP" + (", warm mix (foaming)" if wma else "")
        a1, a2, a3 = rng.uniform(24, 62), rng.uniform(2.5, 9.5), rng.uniform(12, 38)
        doc.products.append(product(name, "asphalt", "short_ton", description=None, _desc=desc,
                                    _parts=(a1, a2, a3)))


GLASS = [("Clear Float Glass", False), ("Low-Iron Float Glass", False), ("Tinted Float Glass", False),
         ("Tempered Glass", True), ("Laminated Glass", True), ("Insulating Glass Unit", True),
         ("Low-E Coated Glass", True)]


def glass_products(doc: Doc, rng: random.Random) -> None:
    processed_doc = rng.random() < 0.35
    pool = [g for g in GLASS if g[1] == processed_doc] or GLASS
    count = rng.randint(1, 4)
    thicknesses = sorted(rng.sample([4, 5, 6, 8, 10, 12], count))
    base, processed = rng.choice(pool)
    for mm in thicknesses:
        mass = mm * 2.5 * (2.05 if base == "Insulating Glass Unit" else 1.0)
        per_t = rng.uniform(1050, 1600) * (1.15 if processed else 1.0)
        gwp_m2 = min(39.5, max(8.2, mass * per_t / 1000))
        doc.products.append(product(f"{base} {mm} mm", "flat_glass", "m2", glass_processed=processed,
                                    _mass=mass, _gwp=gwp_m2))
