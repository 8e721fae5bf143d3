"""Front matter every layout shares: cover, general information, dates, verification, scope, closing text."""

from __future__ import annotations

import random
from typing import Any

from .blocks import Block, Cell, Cover, Heading, KeyValues, Para, Table
from .facts import Doc
from .texts import date_text, number_text, parse_number

TITLES = {"concrete": "Ready Mixed Concrete", "steel": "Steel Products", "asphalt": "Asphalt Mixtures",
          "flat_glass": "Flat Glass"}
UNIT_WORDS = {"m3": "1 cubic meter (m³)", "yd3": "1 cubic yard (yd³)", "t": "1 metric ton (1,000 kg)",
              "short_ton": "1 short ton (2,000 lb)", "m2": "1 square meter (m²)"}


def validity_text(doc: Doc, rng: random.Random) -> tuple[str, str]:
    """The label and text of the validity statement, in the form the document uses."""
    issued = date_text(doc.issued, doc.date_style)
    until = date_text(doc.valid_until, doc.date_style)
    if doc.validity_form == "range":
        return "Period of validity", rng.choice([f"EPD valid {issued} through {until}",
                                                 f"{issued} through {until}", f"{issued} - {until}"])
    if doc.validity_form == "until":
        return "Valid until", until
    if doc.validity_form == "period":
        return "Period of validity", rng.choice(["5 Years", "5 years", "Five (5) years from date of issue"])
    return "Validity", "Valid for 5 years from the date of issue"


def gwp_cell(doc: Doc, index: int, unit: str, value: float, style: str, *, declared: bool = True,
             align: str = "R") -> Cell:
    """A printed GWP: the product takes the printed value for this unit, and its page if it is the declared one."""
    text = number_text(value, style)
    want = doc.products[index]
    want["gwp_by_unit"][unit] = parse_number(text)
    if declared and unit == want["declared_unit"]:
        want["gwp_a1a3"] = parse_number(text)
        want["gwp_printed"] = text
        return Cell(text, mark=f"gwp{index}", align=align)
    return Cell(text, align=align)


def front_matter(doc: Doc, rng: random.Random, title: str, subtitle: str, declared: str) -> list[Block]:
    issued = date_text(doc.issued, doc.date_style)
    label, validity = validity_text(doc, rng)
    method_text = ", ".join(doc.methods)
    verified = ("External verification per ISO 14025 and ISO 21930: [X] external [ ] internal" if doc.verified
                else "Verification: internal review only ([ ] external [X] internal); not third-party verified")
    verifier = rng.choice(["Thomas P. Gloria, Ph.D., Industrial Ecology Consultants", "Jack Geibig, EcoForm",
                           "Lindita Bushi, Ph.D., Athena Sustainable Materials Institute",
                           "Jenny Oorbeck, WAP Sustainability"])
    pairs = [
        ("Program Operator", f"{doc.operator}"),
        ("Declaration Holder", doc.holder),
        ("Address", doc.address),
        ("Declaration Number", doc.registration),
        ("Declared Product", subtitle),
        ("Declared Unit", declared),
        ("Reference PCR", doc.pcr),
        ("Date of Issue", issued),
        (label, validity),
        ("EPD Type", doc.epd_type_text),
        ("LCIA Methods", method_text),
        ("EPD Scope", "Cradle-to-gate (A1-A3)"),
        ("Verification", verified),
        ("EPD Verifier", verifier if doc.verified else "—"),
    ]
    if doc.plant:
        pairs.insert(3, (rng.choice(["Manufacturing Location", "Plant", "Production Facility"]), doc.plant))
    if rng.random() < 0.4:
        pairs.append(("PCR validity", f"PCR valid through {date_text(doc.issued.replace(day=1), 'long')[:-4]}"
                                      f"{doc.issued.year + 2}"))
    blocks: list[Block] = []
    if rng.random() < 0.6:
        boxes = [(k, v) for k, v in pairs if k in ("Declaration Holder", "Declaration Number", "Declared Unit",
                                                   "Date of Issue", label, "Reference PCR", "Program Operator")]
        blocks.append(Cover(title=title, subtitle=subtitle, holder=doc.holder, boxes=boxes,
                            badge=f"{doc.operator.upper()} CERTIFIED EPD" if doc.verified else doc.operator))
        blocks.append(Heading("General Information"))
        rest = [p for p in pairs if p not in boxes]
        blocks.append(KeyValues(rest, boxed=rng.random() < 0.6))
    else:
        blocks.append(Heading(f"Environmental Product Declaration – {title}"))
        blocks.append(Para(f"{doc.holder} | {subtitle}"))
        blocks.append(KeyValues(pairs, boxed=rng.random() < 0.7, label_width=rng.choice([0.3, 0.36, 0.42])))
    doc.variants.append(f"validity={doc.validity_form}/{doc.date_style}")
    return blocks


def scope_blocks(doc: Doc, rng: random.Random) -> list[Block]:
    mods = ["A1", "A2", "A3", "A4", "A5", "B1-B7", "C1-C4", "D"]
    return [
        Heading("System Boundary", 2),
        Para("This EPD covers the product stage (A1-A3): Upstream (A1) raw material supply, and Core (A2-A3) "
             "transport to and manufacturing at the facility. Other modules are not declared (MND).",
             columns=2 if rng.random() < 0.3 else 1),
        Table(head=[[Cell("Product stage", span=3, bold=True, align="C"), Cell("Construction", span=2, align="C"),
                     Cell("Use", align="C"), Cell("End of life", align="C"), Cell("Beyond", align="C")],
                    [Cell(m, bold=True, align="C") for m in mods]],
              rows=[[Cell("X", align="C")] * 3 + [Cell("MND", align="C")] * 5],
              widths=[1] * 8, caption="Table. Modules declared (X = included, MND = module not declared)"),
    ]


def closing_blocks(doc: Doc, rng: random.Random, extra: list[str] | None = None) -> list[Block]:
    notes = [
        "Comparability: EPDs from different programs may not be comparable. Environmental declarations from "
        "different programs (ISO 14025) may not be comparable. Comparison of the environmental performance of "
        "products using EPD information shall be based on the product's use and impacts at the building level.",
        "The results of this EPD are relative expressions and do not predict impacts on category endpoints, the "
        "exceeding of thresholds, safety margins or risks.",
    ] + (extra or [])
    refs = ["ISO 14025:2006 Environmental labels and declarations – Type III environmental declarations.",
            "ISO 21930:2017 Sustainability in buildings and civil engineering works – Core rules for EPDs.",
            "Bare, J. (2012). TRACI 2.1 User's Manual. US EPA.", doc.pcr + "."]
    return [Heading("Interpretation and Limitations", 2), *[Para(n, columns=2 if len(n) > 300 and rng.random() < 0.3
                                                                  else 1) for n in notes],
            Heading("References", 2), Para("\n".join(refs), small=True)]


def decoy_gwp(value: float, method: str, rng: random.Random) -> float:
    factor = {"IPCC AR5": rng.uniform(1.005, 1.04), "IPCC AR6": rng.uniform(1.01, 1.05),
              "CML-IA": rng.uniform(0.95, 0.99)}.get(method, 1.02)
    return value * factor


def other_indicators(rng: random.Random, count: int) -> list[tuple[str, str, Any]]:
    pool = [("ODP", "kg CFC-11 eq", (1e-6, 9e-6)), ("AP", "kg SO2 eq", (0.3, 1.8)), ("EP", "kg N eq", (0.05, 0.4)),
            ("SFP", "kg O3 eq", (8, 40)), ("PENRE", "MJ", (800, 2600)), ("ADPf", "MJ", (700, 2400))]
    return rng.sample(pool, count)
