"""devgen_l: synthetic North American EPD PDFs (concrete, steel, asphalt, flat glass) with the values they print.

``generate(seed)`` draws a document from the seed (material, layout, how strengths, steel facts, dates and units
are printed), draws it with WeasyPrint, fpdf2 or reportlab, and returns the PDF bytes with the expected reading.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from . import concrete, others, render_fpdf, render_html, render_rl
from .facts import Doc, draw_doc

KEYS = ["seed", "description", "program_operator", "registration_number", "manufacturer", "plant", "issued",
        "valid_until", "epd_type", "pcr", "third_party_verified", "methods", "page_count", "products"]
PRODUCT_KEYS = ["name", "material", "gwp_a1a3", "declared_unit", "gwp_by_unit", "modules", "gwp_method",
                "strength_psi", "strength_age_days", "lightweight", "high_early_strength", "steel_product",
                "fabricated", "route", "glass_processed", "description", "page", "gwp_printed"]


@dataclass(frozen=True)
class Generated:
    pdf: bytes
    expected: dict[str, Any]


def generate(seed: int) -> Generated:
    """Draw one document from ``seed``: the same seed gives the same bytes and the same expected values."""
    rng = random.Random(f"devgen_l:{seed}")
    doc = draw_doc(seed, rng)
    build = {"concrete": concrete.build, "steel": others.build_steel, "asphalt": others.build_asphalt,
             "flat_glass": others.build_glass}[doc.material]
    blocks = build(doc, rng)
    tool = rng.choices(["weasyprint", "fpdf2", "reportlab"], [45, 35, 20])[0]
    header = f"{doc.holder} | Environmental Product Declaration | {doc.registration}"
    renderer = {"weasyprint": render_html.render, "fpdf2": render_fpdf.render, "reportlab": render_rl.render}[tool]
    pdf, pages, count, font = renderer(blocks, rng, header)
    doc.variants.append(f"{tool}/{font}")
    return Generated(pdf, _expected(doc, pages, count))


def _expected(doc: Doc, pages: dict[str, int], count: int) -> dict[str, Any]:
    products = []
    for n, want in enumerate(doc.products):
        want["page"] = pages[f"gwp{n}"]
        want["gwp_method"] = doc.methods[0]
        products.append({key: want[key] for key in PRODUCT_KEYS})
    values = {
        "seed": doc.seed, "description": "; ".join(doc.variants), "program_operator": doc.operator,
        "registration_number": doc.registration, "manufacturer": doc.holder, "plant": doc.plant,
        "issued": doc.issued.isoformat(), "valid_until": doc.valid_until.isoformat(), "epd_type": doc.epd_type,
        "pcr": doc.pcr, "third_party_verified": doc.verified, "methods": list(doc.methods), "page_count": count,
        "products": products,
    }
    return {key: values[key] for key in KEYS}


__all__ = ["Generated", "generate"]
