"""Pick a material, a layout and a back end for a seed; draw the document; report what it says."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from .content import make_meta
from .draw import Backend, FpdfBackend, RLBackend
from .layouts import LAYOUTS, Ctx, init_labels
from .products import make_products, new_plan, pick_modules

MATERIALS = ["concrete", "steel", "asphalt", "flat_glass", "cement"]
MATERIAL_W = [0.46, 0.17, 0.13, 0.12, 0.12]

LAYOUT_W = {
    "concrete": {"rows": 0.5, "per_product": 0.16, "datasheets": 0.12, "matrix": 0.12, "brochure": 0.10},
    "steel": {"per_product": 0.2, "matrix": 0.25, "brochure": 0.2, "latex": 0.17, "webtool": 0.18},
    "asphalt": {"rows": 0.35, "per_product": 0.2, "datasheets": 0.2, "webtool": 0.1, "matrix": 0.15},
    "flat_glass": {"per_product": 0.2, "matrix": 0.25, "brochure": 0.2, "latex": 0.15, "webtool": 0.2},
    "cement": {"per_product": 0.25, "matrix": 0.2, "brochure": 0.15, "latex": 0.2, "webtool": 0.2},
}


@dataclass
class Doc:
    pdf: bytes
    expected: dict[str, Any]


def _count(rng: random.Random, material: str, layout: str) -> int:
    if layout == "per_product":
        return 1
    if layout == "datasheets":
        return rng.randint(2, 9)
    if layout == "rows":
        if material == "asphalt":
            return rng.randint(8, 30)
        return rng.randint(15, 60) if rng.random() < 0.88 else rng.randint(5, 14)
    if layout == "matrix":
        if material == "concrete":
            return rng.randint(6, 24) if rng.random() < 0.6 else rng.randint(15, 22)
        if material == "asphalt":
            return rng.randint(3, 12)
        return rng.randint(2, 8)
    if layout == "latex":
        return rng.randint(1, 6)
    return rng.randint(1, 5)


def generate(seed: int) -> Doc:
    rng = random.Random(seed)
    material = rng.choices(MATERIALS, MATERIAL_W)[0]
    lw = LAYOUT_W[material]
    layout = rng.choices(list(lw), list(lw.values()))[0]
    n = _count(rng, material, layout)
    meta = make_meta(rng, material, n)
    modules = pick_modules(rng, material, total_only_ok=layout in ("rows", "matrix", "latex"))
    plan = new_plan(rng, material, modules=modules)
    plan.other_methods = list(meta.methods[1:])
    if material == "concrete":
        plan.strength_unit = "MPa" if rng.random() < 0.2 else "psi"
        plan.name_style = rng.choice(["description", "code_k", "code_num", "code_dash", "mix_word"])
        if layout == "per_product":
            plan.strength_where = rng.choice(["prose", "column", "name"])
            if plan.strength_where == "name":
                plan.name_style = "description"
            elif plan.name_style == "description":
                plan.name_style = rng.choice(["code_num", "mix_word"])
        elif plan.name_style == "description":
            plan.strength_where = "name"
        elif layout in ("rows", "matrix", "datasheets"):
            plan.strength_where = rng.choice(["column", "column", "description"])
        else:
            plan.strength_where = "description"
    plan.products = make_products(rng, plan, n)

    pref_rl = layout in ("brochure", "latex", "matrix")
    use_rl = rng.random() < (0.7 if pref_rl else 0.35)
    family = rng.choice(["sans", "sans", "dejavu", "dejavu_cond"] if layout != "latex" else ["serif"])
    title = f"EPD {meta.registration_number}"
    b: Backend = RLBackend(family, title) if use_rl else FpdfBackend(family, title)
    ctx = Ctx(b=b, rng=rng, meta=meta, plan=plan)
    init_labels(ctx)
    description = LAYOUTS[layout](ctx)
    pdf = b.output()
    du = plan.units[0]
    products = []
    for i, p in enumerate(plan.products):
        p.page = ctx.state.tags[(i, du)]
        products.append(p.expected(meta.gwp_method))
    expected: dict[str, Any] = {"seed": seed, "description": f"{description}; {'reportlab' if use_rl else 'fpdf2'}"
                                f" {family}"}
    expected.update(meta.expected())
    expected["page_count"] = b.page_no
    expected["products"] = products
    order = ["seed", "description", "program_operator", "registration_number", "manufacturer", "plant", "issued",
             "valid_until", "epd_type", "pcr", "third_party_verified", "methods", "page_count", "products"]
    return Doc(pdf=pdf, expected={k: expected[k] for k in order})
