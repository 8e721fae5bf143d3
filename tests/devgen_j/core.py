"""generate(seed): plan a document, render it with WeasyPrint or reportlab, and state what it holds."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import pypdfium2

from tests.devgen_j.content import Plan, make_plan


@dataclass(frozen=True)
class Doc:
    pdf: bytes
    expected: dict[str, Any]


def plan(seed: int) -> Plan:
    """Return the content plan of a seed's document (products and metadata), without rendering it."""
    return make_plan(seed)


def _describe(p: Plan) -> str:
    units = "+".join(p.products[0].units)
    mods = ",".join(p.products[0].modules)
    return (f"{p.material}: {p.layout} layout ({'WeasyPrint HTML' if p.engine == 'html' else 'reportlab platypus'}), "
            f"{len(p.products)} product(s), GWP per {units}, modules {mods}, numbers {p.ns.kind}, "
            f"methods {', '.join(p.meta['methods'])}")


def generate(seed: int) -> Doc:
    """Build the seed's EPD PDF and its expected reading."""
    p = make_plan(seed)
    rng = random.Random(seed * 7919 + 17)
    if p.engine == "html":
        from tests.devgen_j.html import HtmlDoc

        pdf, pages, n_pages = HtmlDoc(rng, p).render()
    else:
        from tests.devgen_j.rl import RlDoc

        pdf, pages = RlDoc(rng, p).render()
        n_pages = len(pypdfium2.PdfDocument(pdf))
    products = p.expected_products()
    for i, prod in enumerate(products):
        if i not in pages:
            raise RuntimeError(f"seed {seed}: page of product {i} unknown")
        prod["page"] = pages[i]
    m = p.meta
    expected = {
        "seed": seed, "description": _describe(p), "program_operator": m["operator"],
        "registration_number": m["reg"], "manufacturer": m["manufacturer"], "plant": m["plant"],
        "issued": m["issued"].isoformat(), "valid_until": m["valid_until"].isoformat(), "epd_type": m["epd_type"],
        "pcr": m["pcr"], "third_party_verified": m["verified"], "methods": list(m["methods"]),
        "page_count": n_pages, "products": products,
    }
    return Doc(pdf, expected)
