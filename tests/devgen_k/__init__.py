"""devgen_k: an independent generator of synthetic North American EPD PDFs, for measuring a PDF reader.

Independence rule: this package was written without reading the project's PDF reader
(src/buyclean/core/readers/), tests/pdfgen.py, tests/heldout/, the other generators (tests/devgen_*/), their tests,
the reader tests, bench/, tests/pdf_scoring.py, tests/data/ or the git history, and the reader was never run on
these documents. Sources: /work/shared/docs/na-epds.md and domain.md, the corpus README, the real North American
EPDs in /work/shared/corpus/pdf-na/ (UL, SCS, NSF templates) and general knowledge of North American program-operator
templates (UL Environment, SCS Global Services, NSF, ASTM, NRMCA, Climate Earth, CSA Group, steel mill and glass,
cement and asphalt EPDs).

``generate(seed)`` returns a Doc with ``.pdf`` (bytes) and ``.expected`` (the answer key). Every number is formatted
first and parsed back for the key. Randomness comes only from ``random.Random(seed)``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import model, styles
from .layout import BACKENDS, Flow

__all__ = ["Doc", "generate"]

_FONT_CONFIG = None


def _font_config():
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


@dataclass
class Doc:
    pdf: bytes
    expected: dict


MATERIALS = ["concrete", "steel", "asphalt", "flat_glass", "cement"]


def _count(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.3:
        return rng.randint(5, 14)
    if r < 0.75:
        return rng.randint(15, 40)
    return rng.randint(41, 80)


def _choose(rng: random.Random) -> tuple[str, str, int]:
    mat = rng.choices(MATERIALS, [0.46, 0.2, 0.12, 0.1, 0.12])[0]
    if mat == "concrete":
        style = rng.choices(["single", "plant", "key", "climate", "columns"], [0.16, 0.42, 0.2, 0.13, 0.09])[0]
        n = {"single": 1, "plant": _count(rng), "key": rng.randint(8, 40), "climate": rng.randint(1, 8),
             "columns": rng.randint(2, 5)}[style]
    elif mat == "steel":
        style = rng.choice(["single", "rows", "key", "columns"])
        n = {"single": 1, "rows": rng.randint(2, 16), "key": rng.randint(3, 12), "columns": rng.randint(2, 4)}[style]
    elif mat == "asphalt":
        style = rng.choice(["single", "rows", "rows", "key"])
        n = {"single": 1, "rows": rng.randint(3, 30), "key": rng.randint(4, 24)}[style]
    elif mat == "flat_glass":
        style = rng.choice(["single", "columns", "columns"])
        n = 1 if style == "single" else rng.randint(2, 5)
    else:
        style = rng.choice(["single", "columns", "key"])
        n = 1 if style == "single" else rng.randint(2, 4)
    return mat, style, n


def _products(rng: random.Random, mat: str, n: int, meta: model.Meta) -> list[model.Product]:
    if mat == "concrete":
        return model.concrete_products(rng, n, mpa=rng.random() < 0.2)
    if mat == "steel":
        return model.steel_products(rng, n, rng.choice(["eaf", "eaf", "integrated", None]))
    if mat == "asphalt":
        return model.asphalt_products(rng, n)
    if mat == "cement":
        return model.cement_products(rng, n)
    return model.glass_products(rng, n)


def _build(rng: random.Random, seed: int) -> Doc:
    mat, style, n = _choose(rng)
    multi_plant = mat == "concrete" and style == "plant" and rng.random() < 0.3
    meta = model.make_meta(rng, mat, n, multi_plant)
    prods = _products(rng, mat, n, meta)
    if style in ("plant", "key", "rows") and len(meta.modules) > 1:
        meta.units = meta.units[:1]
    if mat == "asphalt" and style == "rows":
        meta.units = meta.units[:1]
    for p in prods:
        model.print_values(p, meta, meta.units, meta.numfmt)
    title = f"EPD {meta.reg} - {meta.manufacturer}"
    landscape = False
    if style == "climate":
        from weasyprint import HTML

        src, pages, desc = styles.climate_earth_html(rng, meta, prods)
        doc = HTML(string=src).render(font_config=_font_config())
        pdf = doc.write_pdf()
        page_count = len(doc.pages)
        page_of = {i: pages[i] for i in range(len(prods))}
        backend = "weasyprint"
    else:
        landscape = style in ("plant", "rows", "key") and rng.random() < 0.35
        header = (meta.manufacturer, f"Environmental Product Declaration | {meta.operator}")
        flow = Flow(landscape, header, f"{meta.reg} | Issued {meta.issued_text}")
        if style == "single":
            desc = styles.ul_single(rng, meta, prods[0], flow)
        elif style == "plant":
            desc = styles.concrete_plant(rng, meta, prods, flow)
        elif style == "key":
            desc = styles.key_and_results(rng, meta, prods, flow)
        elif style == "columns":
            desc = styles.products_as_columns(rng, meta, prods, flow)
        elif mat == "steel":
            desc = styles.steel_rows(rng, meta, prods, flow)
        else:
            desc = styles.asphalt_rows(rng, meta, prods, flow)
        pages_ops = flow.finish()
        backend = rng.choice(list(BACKENDS))
        pdf = BACKENDS[backend](pages_ops, (flow.W, flow.H), title)
        page_count = len(pages_ops)
        page_of = {}
        for i in range(len(prods)):
            mods = ["A1-A3"] if "A1-A3" in meta.modules else meta.modules
            found = {flow.marks[("gwp", i, m)] for m in mods}
            if len(found) != 1:
                raise RuntimeError(f"seed {seed}: GWP parts of product {i} on pages {found}")
            page_of[i] = found.pop()
    expected = {
        "seed": seed,
        "description": f"{mat}: {desc}; {backend}{', landscape' if landscape else ''}",
        "program_operator": meta.operator,
        "registration_number": meta.reg,
        "manufacturer": meta.manufacturer,
        "plant": meta.plant,
        "issued": meta.issued.isoformat(),
        "valid_until": meta.valid_until.isoformat(),
        "epd_type": meta.epd_type,
        "pcr": meta.pcr,
        "third_party_verified": meta.verified,
        "methods": list(meta.methods),
        "page_count": page_count,
        "products": [model.expected_product(p, meta, page_of[i]) for i, p in enumerate(prods)],
    }
    return Doc(pdf, expected)


def generate(seed: int) -> Doc:
    rng = random.Random(seed)
    for _ in range(8):
        doc = _build(rng, seed)
        if doc.expected["page_count"] <= 14:
            return doc
    raise RuntimeError(f"seed {seed}: could not fit in 14 pages")
