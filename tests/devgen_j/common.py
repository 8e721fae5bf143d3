"""Labels and wording shared by the HTML and reportlab layouts."""

from __future__ import annotations

import random
from typing import Any

from tests.devgen_j.content import Plan, Product

UNIT_WORDS = {"m3": ["m³", "m3", "cubic meter"], "yd3": ["yd³", "yd3", "cubic yard"],
              "t": ["metric ton", "t", "tonne", "1,000 kg"], "short_ton": ["short ton", "ton (2,000 lb)", "US ton"],
              "m2": ["m²", "m2"], "kg": ["kg"]}

IND = {
    "gwp": (["Global warming potential", "Global Warming Potential (GWP 100)", "GWP", "Global warming",
             "Climate change (GWP)"], "kg CO2 eq"),
    "odp": (["Ozone depletion potential", "ODP", "Ozone depletion"], "kg CFC-11 eq"),
    "ap": (["Acidification potential", "AP", "Acidification"], "kg SO2 eq"),
    "ep": (["Eutrophication potential", "EP", "Eutrophication"], "kg N eq"),
    "sfp": (["Smog formation potential", "SFP", "Smog creation potential"], "kg O3 eq"),
    "penre": (["Non-renewable primary energy", "PENRT", "Primary energy, non-renewable"], "MJ"),
    "water": (["Net fresh water use", "FW", "Consumption of fresh water"], "m3"),
    "gwp_total": (["GWP-total"], "kg CO2 eq"), "gwp_fossil": (["GWP-fossil"], "kg CO2 eq"),
    "gwp_bio": (["GWP-biogenic"], "kg CO2 eq"), "gwp_luluc": (["GWP-luluc"], "kg CO2 eq"),
    "gwp_cml": (["Global warming (GWP100a)"], "kg CO2 eq"),
}


class Words:
    """Per-document wording choices, fixed once so a document is self-consistent."""

    def __init__(self, rng: random.Random, plan: Plan) -> None:
        self.plan = plan
        self.unit = {u: rng.choice(v) for u, v in UNIT_WORDS.items()}
        self.ind = {k: rng.choice(v[0]) for k, v in IND.items()}
        self.ind_unit = {k: v[1] for k, v in IND.items()}
        self.co2 = rng.choice(["kg CO2 eq", "kg CO2e", "kg CO2-eq"])
        self.ind_unit["gwp"] = self.co2
        self.traci = plan.meta["traci"]
        self.ar = next((m for m in plan.meta["methods"] if m.startswith("IPCC")), None)
        self.ind["gwp_ar5"] = f"GWP 100 ({self.ar})"
        self.ind_unit["gwp_ar5"] = self.co2
        self.module_word = {"A1": rng.choice(["A1", "A1 Raw materials", "A1"]),
                            "A2": rng.choice(["A2", "A2 Transport", "A2"]),
                            "A3": rng.choice(["A3", "A3 Manufacturing", "A3"]),
                            "A1-A3": rng.choice(["A1-A3", "A1-A3 Total", "Total A1-A3", "A1-A3"])}
        self.per = rng.choice(["per", "/"])

    def per_unit(self, u: str) -> str:
        return f"per {self.unit[u]}" if self.per == "per" else f"/ {self.unit[u]}"

    def declared_unit_text(self) -> str:
        p0 = self.plan.products[0]
        u = p0.declared_unit
        txt = {"m3": "1 m³ of ready-mixed concrete", "yd3": "1 cubic yard (yd³) of ready-mixed concrete",
               "t": "1 metric ton (1,000 kg)", "short_ton": "1 short ton (2,000 lb)",
               "m2": "1 m² of flat glass", "kg": "1 kg"}[u]
        if self.plan.material == "asphalt":
            txt += " of asphalt mixture"
        elif self.plan.material == "steel" and u in ("t", "short_ton"):
            txt += " of steel product"
        elif self.plan.material == "cement":
            txt += " of cement"
        elif self.plan.material == "flat_glass" and u == "t":
            txt += " of flat glass"
        if self.plan.material == "flat_glass" and u == "m2":
            txt += " (mass per m² stated for each product)"
        return txt


def meta_rows(rng: random.Random, plan: Plan, w: Words) -> list[tuple[str, str]]:
    """Label/value rows of a cover or general-information table, in one of several program-operator orders."""
    m = plan.meta
    rows: list[tuple[str, str]] = [
        (rng.choice(["Program Operator", "EPD Program and Program Operator", "Program operator"]),
         f"{m['operator']}, {m['operator_addr']}"),
        (rng.choice(["Declaration Number", "EPD Registration Number", "Registration No.", "EPD Number"]), m["reg"]),
        (rng.choice(["Declaration Holder", "Manufacturer", "Declaration Owner", "Manufacturer name and address"]),
         m["manufacturer"]),
        ("Address", m["manu_addr"]),
    ]
    if m["plant"]:
        rows.append((rng.choice(["Plant", "Manufacturing facility", "Production site"]), m["plant"]))
        rows.append(("Plant address", m["plant_addr"]))
    elif m["epd_type"] == "company_average":
        rows.append(("Manufacturing locations", f"{rng.randint(3, 14)} plants (weighted average by production)"))
    rows += [
        (rng.choice(["Declared Unit", "Declared unit", "Functional / declared unit"]), w.declared_unit_text()),
        (rng.choice(["EPD Type", "Type of EPD", "EPD type"]), m["epd_type_text"]),
        (rng.choice(["Reference PCR", "Product Category Rules (PCR)", "PCR"]), m["pcr_text"]),
        (rng.choice(["Date of Issue", "Issue date", "Date of issue", "Published"]), m["issued_text"]),
        m["validity"],
        ("LCIA methods", ", ".join(m["methods"])),
        (rng.choice(["LCA practitioner", "LCA prepared by", "Declaration prepared by"]), m["lca_by"]),
        ("LCA software and database", m["software"]),
        (rng.choice(["Markets of applicability", "Market"]), rng.choice(["North America", "United States",
                                                                          "USA and Canada"])),
    ]
    if m["verified"]:
        rows.append(("Verification", "Independent verification of the declaration and data, according to ISO 14025 "
                     f"and ISO 21930: ☐ internal ☒ external. Third-party verifier: {m['verifier']}"))
    else:
        rows.append(("Verification", rng.choice([
            "Internal verification only; this declaration was not verified by an independent third party.",
            "☒ internal ☐ external: not third-party verified (self-declared)"])))
    core = rows[:2]
    rest = rows[2:]
    rng.shuffle(rest) if rng.random() < 0.3 else None
    return core + rest


def steel_prose(rng: random.Random, plan: Plan) -> list[str]:
    out = []
    route = plan.opts["route"]
    if plan.material != "steel":
        return out
    if route == "eaf":
        out.append(rng.choice([
            "Steel is melted from recycled scrap in an electric arc furnace (EAF) at the mini-mill, cast and rolled.",
            "The mill is a mini-mill: scrap and pig iron are melted in an electric arc furnace (EAF).",
        ]))
    elif route == "integrated":
        out.append(rng.choice([
            "Steel is produced at an integrated mill: iron is made in a blast furnace and refined in a basic oxygen "
            "furnace (BOF) before casting and rolling.",
            "Steelmaking route: integrated (blast furnace - basic oxygen furnace, BF-BOF).",
        ]))
    fabs = {p.attrs["fabricated"] for p in plan.products}
    if fabs == {True}:
        out.append("Fabrication at the fabricator's shop (cutting, drilling, welding) is included in module A3.")
    elif fabs == {False}:
        out.append("The results cover unfabricated mill products; fabrication is not included.")
    return out


def concrete_note() -> str:
    return ("Compressive strengths are specified at 28 days unless another age is stated for the mix. Mix designs "
            "were provided by the producer and evaluated with the plant's batching energy.")


def filler(rng: random.Random, plan: Plan) -> list[tuple[str, str]]:
    """Generic prose sections found in every program template."""
    mat = {"concrete": "ready-mixed concrete", "steel": "steel products", "asphalt": "asphalt mixtures",
           "flat_glass": "flat glass", "cement": "cement"}[plan.material]
    return [
        ("Product description", f"This declaration covers {mat} produced by {plan.meta['manufacturer']}. "
         "Product composition and technical data are summarized below; " +
         rng.choice(["the products are used in commercial, residential and infrastructure construction.",
                     "the products serve building and civil engineering applications."])),
        ("System boundary", "Cradle-to-gate: extraction and processing of raw materials (A1), transport to the "
         "manufacturing site (A2) and manufacturing (A3). Modules A4-C4 and D are not declared. " +
         rng.choice(["Capital goods are excluded.", "Infrastructure and personnel are excluded per the PCR."])),
        ("Cut-off and allocation", "Inputs and outputs below 1% of mass and energy were cut off, totalling less "
         "than 5%. Allocation among co-products is by mass."),
        ("Data quality", f"Primary data cover 12 months of production ({plan.meta['issued'].year - 1}). "
         "Background data are representative of North America."),
        ("Interpretation", "The raw material supply stage (A1) dominates the results. " +
         rng.choice(["EPDs are comparable only if they comply with ISO 21930 and use the same PCR.",
                     "Comparisons between EPDs from different programs may not be meaningful."])),
    ]


def benchmark_label(rng: random.Random) -> str:
    return rng.choice(["NRMCA regional benchmark", "Regional baseline", "Industry average (NRMCA v3.2)",
                       "Benchmark"])


def pct_below(p: Product, u: str, ns: Any) -> str:
    from tests.devgen_j.fmt import parse
    bench = parse(p.extra["bench"])
    mod = p.primary_module
    g = parse(p.gwp(u, mod)) if mod == "A1-A3" else sum(parse(p.gwp(u, m)) for m in ("A1", "A2", "A3"))
    return f"{(bench - g) / bench * 100:.0f}%"
