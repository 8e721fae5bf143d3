"""Turn the readings of a document's tables into products, and assemble the Epd with its metadata."""

from __future__ import annotations

import re
from collections.abc import Callable

from buyclean.core.classification import (
    Clue,
    classify_material,
    document_material,
    fabrication_in,
    misfiled,
    steel_from_text,
    steel_route_in,
)
from buyclean.core.model import (
    Candidate,
    Epd,
    Evidence,
    Extracted,
    Gwp,
    Material,
    Product,
    Quantity,
    SteelType,
    Strength,
)
from buyclean.core.readers.pdf import dates, metadata
from buyclean.core.readers.pdf.layout import Page, bbox_of
from buyclean.core.readers.pdf.readings import Reading, assemble, document_tables, product_attributes
from buyclean.core.readers.pdf.results import INDICATOR_NAMES
from buyclean.core.readers.pdf.title import product_title
from buyclean.core.readers.pdf.values import ValueCell, document_context
from buyclean.core.units import gwp_per_unit, parse_strength

# How a method is named in a GWP's record
METHOD_NAMES = {"TRACI": "TRACI", "CML": "CML-IA", "EF": "EN 15804+A2 (EF)", "IPCC": "IPCC", "ReCiPe": "ReCiPe"}


def _evidence(v: ValueCell, note: str | None = None) -> Evidence:
    box = bbox_of([w for cell in v.cells for w in cell.words])
    return Evidence(page=v.page, bbox=tuple(round(x, 1) for x in box), text=v.text[:200], note=note)  # type: ignore[arg-type]


def _gwp_of(v: ValueCell, unit: Extracted[Quantity], kind: str) -> tuple[Gwp | None, str]:
    """The GWP a value states per its unit: the unit its column or caption names, else the declared unit."""
    indicator = INDICATOR_NAMES.get(kind, kind)
    modules = "A1+A2+A3" if "A1+A2+A3" in v.modules else "A1-A3"
    method = METHOD_NAMES.get(v.method or "")
    if v.unit is not None:
        return Gwp(v.value, v.unit, indicator, modules, method), ""
    if unit.value is None:
        return None, "the declared unit was not found, so the GWP cannot be placed per m3, t or m2"
    value, per = gwp_per_unit(v.value, unit.value)
    return Gwp(value, per, indicator, modules, method), ""


def _notes(r: Reading) -> str | None:
    notes = []
    if r.summed:
        notes.append("A1, A2 and A3 summed by the reader")
    if r.method is not None:
        notes.append(f"{METHOD_NAMES.get(r.method, r.method)} results")
    others = [o for o in r.others if o.method != r.method]
    if others:
        shown = sorted({f"{METHOD_NAMES.get(o.method or '', 'another method')} gives {o.value:g}" for o in others})
        notes.append("; ".join(shown[:3]) + " (not compared)")
    return "; ".join(notes) or None


def _gwp(r: Reading, unit: Extracted[Quantity]) -> Extracted[Gwp]:
    ev = _evidence(r.source, _notes(r))
    gwp, problem = _gwp_of(r.source, unit, r.kind)
    if gwp is None:
        return Extracted(Gwp(r.value, "item", INDICATOR_NAMES.get(r.kind, r.kind)), ev, (), problem)
    if r.review is None:
        return Extracted(gwp, ev)
    cands = []
    for c in r.candidates:
        value, _ = _gwp_of(c, unit, c.kind)
        if value is not None:
            cands.append(Candidate(value, _evidence(c, f"per {c.unit}" if c.unit else None)))
    return Extracted(gwp, ev, tuple(cands), r.review)


_STRENGTH = re.compile(r"\bC\s?\d{2,3}\s?/\s?\d{2,3}\b|\bRck\s?\d{2,3}|\b\d{1,2},\d{3}\s?psi\b"
                       r"|\b\d{2,5}(?:[.,]\d)?\s?(?:psi|MPa|N/mm2|ksi)\b", re.I)


def _strength(column: str | None, *texts: str | None) -> Extracted[Strength]:
    """The specified strength: a strength column's cell ('4000 psi'), else the first strength a name states."""
    if column:
        s = parse_strength(column)
        if s is not None:
            return Extracted(s, Evidence(text=column, note="the strength column of the results table"))
    for text in texts:
        if not text:
            continue
        for m in _STRENGTH.finditer(text):
            s = parse_strength(m.group(0).replace(",", ""))
            if s is not None:
                note = "cube strength converted to cylinder strength (f'ck = 0.83 Rck)" if s.kind == "cube" else None
                return Extracted(s, Evidence(text=m.group(0), note=note))
    return Extracted(None)


def _material(name: str, description: str | None, text: str) -> Extracted[Material]:
    """The material the product's own name and description name, else the one the document declares (its
    declared unit, its words); cited by the name either way."""
    named = Evidence(text=name[:80])
    own = classify_material([Clue((name, description), named)], unnamed=named)
    if own.value is not None and misfiled(own.value, name, description):
        return Extracted(Material.OTHER, named)  # 'fibre cement sheets' are boards, not cement
    if own.value not in (None, Material.OTHER):
        return own
    declared = document_material(text)
    if declared is not None and misfiled(declared, text[:3000]):
        return Extracted(Material.OTHER, named)
    return Extracted(declared, named) if declared is not None else own


def _steel(name: str | None, description: str | None, prose: str) -> SteelType | None:
    """The steel product its own name (or description) names; its route and fabrication from the same texts,
    else from what the document's prose says of all its products."""
    own = steel_from_text(name, description)
    if own is None:
        return None
    route = own.route or steel_route_in(prose)
    fabricated = own.fabricated if own.fabricated is not None else fabrication_in(prose)
    return SteelType(own.product, fabricated, route)


def _product(r: Reading, name: Extracted[str], unit: Extracted[Quantity], text: str,
             attributes: dict[str, str]) -> Product:
    description = r.source.description or attributes.get("description")
    product_unit = unit if r.source.unit is None else Extracted(Quantity(1.0, r.source.unit), _evidence(r.source))
    material = _material(name.value or "", description, text)
    steel = _steel(name.value, description, text) if material.value == Material.STEEL else None
    strength = _strength(r.strength or attributes.get("strength"), name.value, description)
    return Product(name=name, material=material, declared_unit=product_unit, gwp_a1a3=_gwp(r, unit),
                   category=Extracted(description, _evidence(r.source)) if description else Extracted(None),
                   compressive_strength=strength, steel=Extracted(steel))


def _pictures(numbers: list[int]) -> str:
    if not numbers:
        return "; the results may be images"
    which = f"pages {', '.join(map(str, numbers[:8]))} are" if len(numbers) > 1 else f"page {numbers[0]} is"
    return f"; {which} largely pictures, where the results tables may be printed as images that no text reader can see"


def build_products(pages: list[Page], no_text_note: str | None, *, deadline: float, budget_s: float,
                   image_pages: Callable[[], list[int]] = list) -> Epd:
    """Read the results tables and the metadata pages into an Epd."""
    tables = document_tables(pages, deadline, budget_s)
    all_text = "\n".join(p.text for p in pages)
    unit = metadata.declared_unit(pages)
    declared = unit.value.unit if unit.value is not None and unit.value.value == 1 else None
    readings = assemble(tables, document_context(all_text), declared)
    attributes = product_attributes(tables)
    text_head = " ".join(p.text for p in pages[:4])
    cover = product_title(pages)
    products: list[Product] = []
    for r in readings:
        name = Extracted(r.name, _evidence(r.source)) if r.name else cover
        products.append(_product(r, name, unit, text_head, attributes.get(r.name or "", {})))
    if not products:
        searched = [p.number for p in pages if re.search(r"gwp|global warming|climate change", p.text, re.I)]
        reason = ("no GWP A1-A3 row found in the results tables"
                  + (f" on pages {', '.join(map(str, searched[:8]))}" if searched else "")
                  + (f"; {no_text_note}" if no_text_note else _pictures(image_pages())))
        products.append(Product(name=cover, material=_material(cover.value or "", None, text_head),
                                declared_unit=unit, gwp_a1a3=Extracted(None, Evidence(), (), reason)))
    elif no_text_note:
        products = [_with_note(p, no_text_note) for p in products]
    operator = metadata.program_operator(pages)
    issued, valid_until = dates.issue_and_validity(pages, operator.value)
    return Epd(
        format="pdf",
        products=tuple(products),
        registration_number=metadata.registration_number(pages, operator.value),
        program_operator=operator,
        manufacturer=metadata.manufacturer(pages),
        plants=metadata.plants(pages),
        issued=issued,
        valid_until=valid_until,
        epd_type=metadata.epd_type(pages),
        third_party_verified=metadata.third_party_verified(pages),
        pcr=metadata.pcr(pages),
        notes=(no_text_note,) if no_text_note else (),
    )


def _with_note(product: Product, note: str) -> Product:
    return Product(product.name, product.material, product.declared_unit, product.gwp_a1a3, product.category,
                   product.compressive_strength, product.high_early_strength, product.steel,
                   product.mass_per_declared_unit_kg, (*product.notes, note))
