"""generate(seed) -> Document: one synthetic North American EPD PDF and what it states (see __init__)."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .numbers import NumStyle, Printed, parse_printed
from .plan import CORE, TOTAL, Plan, make_plan
from .render import Record, Renderer

__all__ = ["Document", "generate"]


@dataclass(frozen=True)
class Document:
    pdf: bytes
    expected: dict[str, Any]
    description: str


def _parse(text: str, style: NumStyle, sup_style: bool) -> Decimal:
    if sup_style and "x10" in text and "^" not in text:
        main, _, exp = text.partition("x10")
        return parse_printed(Printed(main + "x10", exp), style)
    return parse_printed(Printed(text), style)


def _style(plan: Plan, method: str) -> NumStyle:
    main = "TRACI" if "TRACI" in plan.methods else "EF"
    return plan.num if method == main else plan.alt_num


def _expected(plan: Plan, records: list[Record], pages: int) -> dict[str, Any]:
    method = "TRACI" if "TRACI" in plan.methods else "EF"
    products = []
    for pi, prod in enumerate(plan.products):
        recs = [r for r in records if r.product == pi and r.method == method]
        style = _style(plan, method)
        by_unit: dict[str, float] = {}
        printed: list[str] = []
        page = None
        for unit in plan.units:
            urecs = [r for r in recs if r.unit == unit]
            totals = [r for r in urecs if r.module == TOTAL]
            if totals:
                value = _parse(totals[0].text, style, True)
                used = totals
            else:
                parts = {m: next((r for r in urecs if r.module == m), None) for m in CORE}
                if any(r is None for r in parts.values()):
                    raise AssertionError(f"seed {plan.seed}: {prod.name} has no GWP per {unit}")
                value = sum((_parse(r.text, style, True) for r in parts.values() if r is not None), Decimal(0))
                used = [r for r in urecs if r.module in CORE]
            by_unit[unit] = float(value)
            for r in used:
                if r.text not in printed:
                    printed.append(r.text)
            table = [r for r in used if not r.cover]
            if page is None and table:
                page = table[0].page
        declared = plan.units[0]
        # a mix table without a description column does not state the description (nor, then, LW or HE)
        stated = plan.results.layout != "mix_rows" or "desc" in plan.results.mix_columns or prod.description is None
        products.append({
            "name": prod.name, "material": prod.material, "gwp_a1a3": by_unit[declared], "declared_unit": declared,
            "gwp_by_unit": by_unit, "modules": "A1-A3",
            "gwp_method": "TRACI 2.1" if method == "TRACI" else "EF 3.1",
            "strength_psi": prod.strength_psi, "strength_age_days": prod.strength_age,
            "lightweight": prod.lightweight and stated, "high_early_strength": prod.high_early and stated,
            "steel_product": prod.steel_product, "fabricated": prod.fabricated, "route": prod.route,
            "glass_processed": prod.glass_processed, "description": prod.description if stated else None, "page": page,
            "gwp_printed": printed,
        })
    methods = {"TRACI": "TRACI 2.1", "EF": "EF 3.1", "CML": "CML-IA"}
    description = "; ".join(plan.choices)
    return {
        "seed": plan.seed, "description": description, "program_operator": plan.operator.name,
        "registration_number": plan.registration, "manufacturer": plan.manufacturer, "plant": plan.plant,
        "issued": plan.issued.isoformat(), "valid_until": plan.valid_until.isoformat() if plan.valid_until else None,
        "epd_type": plan.epd_type, "pcr": plan.pcr, "third_party_verified": plan.verified,
        "methods": [methods[m] for m in plan.methods], "page_count": pages, "products": products,
    }


def generate(seed: int) -> Document:
    """The document of one seed: the same bytes and expectations every time."""
    plan = make_plan(seed)
    first = Renderer(plan, None, None).run()
    final = Renderer(make_plan(seed), first.pages, first.section_pages).run()
    if final.pages != first.pages:
        raise AssertionError(f"seed {seed}: page count changed between passes ({first.pages} -> {final.pages})")
    expected = _expected(plan, final.records, final.pages)
    return Document(final.pdf, expected, expected["description"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write synthetic North American EPD PDFs and their expected JSON.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("devgen_b_out"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in range(args.seed, args.seed + args.count):
        doc = generate(seed)
        (args.out / f"devgen_b_{seed:05d}.pdf").write_bytes(doc.pdf)
        (args.out / f"devgen_b_{seed:05d}.json").write_text(json.dumps(doc.expected, indent=1, ensure_ascii=False))
        print(f"{seed}: {doc.expected['page_count']} pages, {len(doc.expected['products'])} products - "
              f"{doc.description[:140]}")


if __name__ == "__main__":
    main()
