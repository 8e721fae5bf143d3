"""Turn the GWP findings of a document into products, and assemble the Epd with its metadata."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from buyclean.core.classification import Clue, classify_material, steel_from_text
from buyclean.core.model import Candidate, Epd, Evidence, Extracted, Gwp, Material, Product, Quantity, Strength
from buyclean.core.readers.pdf import metadata, plumber
from buyclean.core.readers.pdf.layout import Page
from buyclean.core.readers.pdf.module_tables import read_row_tables
from buyclean.core.readers.pdf.product_tables import read_product_columns, read_product_rows
from buyclean.core.readers.pdf.results import INDICATOR_NAMES, GwpFinding
from buyclean.core.readers.pdf.title import product_title
from buyclean.core.units import gwp_per_unit, parse_quantity, parse_strength
from buyclean.errors import InputTooLarge


def _evidence(f: GwpFinding, note: str | None = None) -> Evidence:
    return Evidence(page=f.page, bbox=tuple(round(v, 1) for v in f.bbox), text=f.text, note=note)  # type: ignore[arg-type]


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-12)


def _gwp(f: GwpFinding, unit: Extracted[Quantity], method: str | None) -> Extracted[Gwp]:
    notes = [n for n in (f.note, "A1, A2 and A3 summed by the reader" if f.modules == "A1+A2+A3" else None) if n]
    ev = _evidence(f, "; ".join(notes) or None)
    indicator = INDICATOR_NAMES.get(f.kind, f.kind)
    if f.per is not None:
        # the value's own column states its unit ('A1-A3 per m3'), which settles it whatever the cover says
        unit = Extracted(Quantity(1.0, f.per), ev)
    if unit.value is None:
        return Extracted(Gwp(f.value, "item", indicator, f.modules, method), ev, (),
                         "the declared unit was not found, so the GWP cannot be placed per m3, t or m2")
    value, per = gwp_per_unit(f.value, unit.value)
    gwp = Gwp(value, per, indicator, f.modules, method)
    if f.review is None:
        return Extracted(gwp, ev)
    others = [Candidate(Gwp(v, u, indicator, f.modules, method),
                        Evidence(page=f.page, bbox=ev.bbox, text=f.text, note=f"the per-{u} column"))
              for v, u in f.others]
    cands = (Candidate(gwp, ev), *others)
    return Extracted(gwp, ev, cands, f.review)


def _strength(*texts: str | None) -> Extracted[Strength]:
    for text in texts:
        if not text:
            continue
        for m in re.finditer(r"\bC\s?\d{2,3}\s?/\s?\d{2,3}\b|\bRck\s?\d{2,3}"
                             r"|\b\d{2,5}(?:[.,]\d)?\s?(?:psi|MPa|N/mm2)\b", text, re.I):
            s = parse_strength(m.group(0))
            if s is not None:
                return Extracted(s, Evidence(text=m.group(0), note="cube strength converted to cylinder strength "
                                             "(f'ck = 0.83 Rck)" if s.kind == "cube" else None))
    return Extracted(None)


def _choose(findings: list[GwpFinding]) -> list[GwpFinding]:
    """Keep the findings of the indicator that Buy Clean compares: GWP-total, else the single +A1/TRACI GWP."""
    totals = [f for f in findings if f.kind == "total"]
    return totals or [f for f in findings if f.kind == "plain"]


def _results_findings(pages: list[Page], candidates: list[Page], data: bytes, deadline: float,
                      budget_s: float) -> list[GwpFinding]:
    """Read every results table by positions; hand pdfplumber only the pages positions could not settle."""
    findings: list[GwpFinding] = []
    # a document that declares nothing beyond the factory gate reports A1-A3 without labelling the column
    all_text = " ".join(p.text for p in pages)
    a1a3_only = bool(re.search(r"cradle[- ]to[- ]gate(?! with)", all_text, re.I)) and not re.search(
        r"cradle[- ]to[- ]grave|with options", all_text, re.I)
    carry = None
    rows_carry = None
    for page in candidates:
        if time.perf_counter() > deadline:
            raise InputTooLarge(f"Reading the results tables took longer than {budget_s:g} s (stopped at page "
                                f"{page.number}); the pages may hold too many objects.", where=f"page {page.number}")
        found, carry = read_product_rows(page, a1a3_only, carry)
        if not found:
            found, rows_carry = read_row_tables(page, rows_carry)
        findings += found or read_product_columns(page, a1a3_only)
    if not any(f.kind in ("total", "plain") for f in findings):
        pages_left = [p.number for p in candidates if plumber.unsettled(p)]
        if pages_left:
            findings += plumber.read_with_pdfplumber(data, pages_left, deadline)
    return findings


def _pictures(numbers: list[int]) -> str:
    if not numbers:
        return "; the results may be images"
    which = f"pages {', '.join(map(str, numbers[:8]))} are" if len(numbers) > 1 else f"page {numbers[0]} is"
    return f"; {which} largely pictures, where the results tables may be printed as images that no text reader can see"


def build_products(pages: list[Page], candidates: list[Page], no_text_note: str | None, *, data: bytes,
                   deadline: float, budget_s: float, image_pages: Callable[[], list[int]] = list) -> Epd:
    """Read the results pages and the metadata pages into an Epd."""
    findings = _results_findings(pages, candidates, data, deadline, budget_s)
    # products-as-rows tables are unmistakable; product columns are trusted only when no module-column table exists
    multi = [f for f in findings if f.shape == "product_rows"] or (
        [f for f in findings if f.shape == "product_columns"]
        if not any(f.shape == "rows" and f.kind in ("total", "plain") for f in findings) else [])
    findings = findings if multi else [f for f in findings if f.shape == "rows"]
    chosen = _choose(multi or findings)
    unit = metadata.declared_unit(pages)
    text_head = " ".join(p.text for p in pages[:3])
    method = "EN 15804+A2" if any(f.kind == "total" for f in chosen) else None
    doc_notes: list[str] = []
    if no_text_note:
        doc_notes.append(no_text_note)
    products: list[Product] = []
    named_on_cover = product_title(pages)
    title = named_on_cover.value or "product"
    if multi:
        seen: dict[str, float] = {}
        for f in chosen:
            name = f.product or f"product on page {f.page}"
            if name in seen and _same(seen[name], f.value):
                continue  # a summary table repeating the same result
            if name in seen:
                # the same column heads repeat for each plant or site on its own page
                name = f"{name}, page {f.page}"
            if name in seen:
                continue
            seen[name] = f.value
            products.append(_product(name, f, unit, method, text_head, f.strength))
    elif chosen:
        named = {f.product for f in chosen}
        if len(named) > 1 and None not in named:
            for heading in dict.fromkeys(f.product for f in chosen):
                group = [f for f in chosen if f.product == heading]
                products.append(_merge(heading or title, group, unit, method, text_head))
        else:
            products.append(_merge(title, chosen, unit, method, text_head))
    if not products:
        reason = ("no GWP A1-A3 row found in the results tables"
                  + (f" on pages {', '.join(str(p.number) for p in candidates[:8])}" if candidates else "")
                  + (f"; {no_text_note}" if no_text_note else _pictures(image_pages())))
        products.append(Product(name=named_on_cover,
                                material=_material(title, text_head),
                                declared_unit=unit,
                                gwp_a1a3=Extracted(None, Evidence(), (), reason)))
    elif no_text_note:
        products = [_with_note(p, no_text_note) for p in products]
    operator = metadata.program_operator(pages)
    return Epd(
        format="pdf",
        products=tuple(products),
        registration_number=metadata.registration_number(pages, operator.value),
        program_operator=operator,
        manufacturer=metadata.manufacturer(pages),
        issued=metadata.find_date(pages, metadata.ISSUED),
        valid_until=metadata.find_date(pages, metadata.VALID, until=True),
        epd_type=metadata.epd_type(pages),
        third_party_verified=metadata.third_party_verified(pages),
        notes=tuple(doc_notes),
    )


def _with_note(product: Product, note: str) -> Product:
    return Product(product.name, product.material, product.declared_unit, product.gwp_a1a3, product.category,
                   product.compressive_strength, product.high_early_strength, product.steel,
                   product.mass_per_declared_unit_kg, (*product.notes, note))


def _material(name: str, text: str) -> Extracted[Material]:
    # the product's column or row name first, then the document's first pages; cited by the name either way
    named = Evidence(text=name[:80])
    return classify_material([Clue((name,), named), Clue((text[:3000],), named)], unnamed=named)


def _product(name: str, f: GwpFinding, unit: Extracted[Quantity], method: str | None, text: str,
             strength: str | None) -> Product:
    m = re.search(r"\bper\s+((?:1\s*)?(?:tonne|metric ton|short ton|kg|m3|m³|m2|m²|yd3|yd³))\b", name, re.I)
    if m and parse_quantity(m.group(1)) is not None:
        # a column that names its own unit ('Steel Reinforcement (Per kg)') overrides the document's declared unit
        own = parse_quantity(m.group(1))
        unit = Extracted(own, Evidence(page=f.page, text=name))
    material = _material(name, text)
    strength_text = f"{strength} MPa" if strength and re.fullmatch(r"\d+(\.\d+)?", strength) else strength
    steel = steel_from_text(name, text[:3000]) if material.value == Material.STEEL else None
    return Product(name=Extracted(name, _evidence(f)), material=material, declared_unit=unit,
                   gwp_a1a3=_gwp(f, unit, method), compressive_strength=_strength(name, strength_text),
                   steel=Extracted(steel))


def _merge(name: str, group: list[GwpFinding], unit: Extracted[Quantity], method: str | None, text: str) -> Product:
    """One product from several findings: confident when they agree, else review with every candidate."""
    distinct: list[GwpFinding] = []
    for f in group:
        if not any(_same(f.value, d.value) for d in distinct):
            distinct.append(f)
    product = _product(name, group[0], unit, method, text, None)
    if len(distinct) == 1:
        return product
    gwp = product.gwp_a1a3
    cands = tuple(Candidate(_gwp(f, unit, method).value, _evidence(f)) for f in distinct)
    review = (f"{len(distinct)} different GWP A1-A3 values were found ("
              + ", ".join(f"{f.value:g} on page {f.page}" for f in distinct[:4])
              + "); check which one belongs to the product")
    return Product(product.name, product.material, product.declared_unit,
                   Extracted(gwp.value, gwp.evidence, cands, review),  # type: ignore[arg-type]
                   compressive_strength=product.compressive_strength, steel=product.steel)
