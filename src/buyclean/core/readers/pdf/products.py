"""Turn the readings of a document's tables into products, and assemble the Epd with its metadata."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from buyclean.core.classification import (
    Clue,
    classify_material,
    document_material,
    fabrication_in,
    high_early_words,
    lightweight_words,
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
)
from buyclean.core.readers.pdf import dates, metadata
from buyclean.core.readers.pdf.crosscheck import checked
from buyclean.core.readers.pdf.layout import Page, bbox_of
from buyclean.core.readers.pdf.mixes import (
    density_kg_m3,
    labelled_classes,
    later_ages,
    lightweight_in_prose,
    mass_per_unit,
    mix_facts,
    several_classes,
)
from buyclean.core.readers.pdf.readings import (
    Reading,
    assemble,
    document_tables,
    listed_descriptions,
    product_attributes,
    sheet_facts,
)
from buyclean.core.readers.pdf.results import INDICATOR_NAMES
from buyclean.core.readers.pdf.title import product_title
from buyclean.core.readers.pdf.values import ValueCell, document_context
from buyclean.core.units import gwp_per_unit

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


_PROSE_STRENGTH = re.compile(r"\bstrength\b(?:[^.;\n]|\.(?=\d)){0,60}", re.I)
_PROSE_DENSITY = re.compile(r"\b(?:density|unit weight)\b(?:[^.;\n]|\.(?=\d)){0,40}", re.I)
_GWP_PARTS = re.compile(r"gwp[- ]?(?:fossil|biogenic|luluc)|climate change[ ,–-]+(?:fossil|biogenic|land use)", re.I)
_GWP_WHOLE = re.compile(r"gwp[- ]?total|climate change[ ,–-]+total|global warming potential|\bgwp\b(?![- ]?(?:fossil|"
                        r"biogenic|luluc))", re.I)
_ONE_MIX = "the document's description of its one mix"


@dataclass(frozen=True)
class Prose:
    """What the first pages of a one-mix EPD say of the mix: its strength ('Specified compressive strength at 56
    days: 4000 psi'), high early strength, lightweight."""

    sources: list[tuple[str | None, Evidence]]
    lightweight: Extracted[bool]
    density: tuple[float, str] | None


def _prose(pages: list[Page]) -> Prose:
    sources = labelled_classes(pages, _ONE_MIX)
    lightweight: Extracted[bool] = Extracted(None)
    density: tuple[float, str] | None = None
    for page in pages[:4]:
        text = page.text.replace("\n", " ")
        sources += [(m.group(0), Evidence(page=page.number, note=_ONE_MIX)) for m in _PROSE_STRENGTH.finditer(text)
                    if not several_classes(m.group(0))]
        early = high_early_words(text)
        if early:
            sources.append((early, Evidence(page=page.number, note=_ONE_MIX)))
        if lightweight.evidence.page is None:
            lightweight = lightweight_in_prose(text, page.number)
        if density is None:
            density = next(filter(None, (density_kg_m3(m.group(0)) for m in _PROSE_DENSITY.finditer(text))), None)
    return Prose(sources, lightweight, density)


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


@functools.lru_cache(maxsize=4)  # asked once per steel product of one document
def _sentences(prose: str) -> str:
    """The prose's sentences, not the rows of its tables ('Fabricated Rebar | ... | 874.1' names another product)."""
    return "\n".join(ln for ln in prose.split("\n") if not re.search(r"\d[\d,]*\.\d+\s*$", ln) and
                     len(re.findall(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])", ln)) < 2)


# 'Superpave 9.5mm, HMA 12.5mm, SP 19.0mm': a cover naming several products, not one product's name
_LIST_OF_NAMES = re.compile(r"[^,]+,[^,]+,|\band\s+\d+\s+(?:further|more|other)\b", re.I)


def _steel(name: str | None, description: str | None, prose: str, others: tuple[str, ...] = ()) -> SteelType | None:
    """The steel product its own name (or description) names; its route and fabrication from the same texts,
    else from what the document's prose says of all its products (where the names of ``others``, the document's
    other products, say nothing: 'Fabricated Rebar, Steel Plate' does not make the plate fabricated)."""
    named = _lines_naming(name, prose)
    own = steel_from_text(name, description) or (steel_from_text(name, named) if named else None)
    if own is None:
        return None
    sentences = _sentences(prose)
    for other in others:
        if len(other) >= 4 and other != name:
            sentences = re.sub(r"\s+".join(map(re.escape, other.split())), " ", sentences, flags=re.I)
    route = own.route or steel_route_in(named) or steel_route_in(sentences)
    fabricated = next((f for f in (own.fabricated, fabrication_in(named), fabrication_in(sentences))
                       if f is not None), None)
    return SteelType(own.product, fabricated, route)


def _lines_naming(name: str | None, text: str) -> str | None:
    """What the prose says of one product in lines that begin with its name ('Hollow Structural Sections (HSS):
    unfabricated hollow structural section as shipped from the mill'), the line and its wrapped continuation."""
    if not name or len(name) < 4:
        return None
    words = re.findall(r"\w+", name)
    spelled = r"[^\w\n]*".join(map(re.escape, words)) + r"[^\w\n:–—]*"  # 'Sections HSS' as 'Sections (HSS)'
    found = [m.group(1) for m in re.finditer(r"(?:^|\n)[ \t]*" + spelled + r"[ \t]*(?:[:–—]|\s-\s|\s(?:is|are)\b)"
                                             r"([^\n]*(?:\n(?![^\n]{0,60}[:–—]\s)[^\n]*)?)", text, re.I)]
    return " ".join(found) or None


def _product(r: Reading, name: Extracted[str], unit: Extracted[Quantity], text: str,
             attributes: dict[str, str], prose: Prose | None, others: tuple[str, ...],
             unsure_age: bool = False) -> Product:
    """One product; ``prose`` is given for the one product of a document, whose prose speaks of it; ``others``
    are the names of all the document's products; ``unsure_age``: the document states strengths at 56 or 90 days that
    are not tied to its mixes (mixes.later_ages)."""
    description = r.source.description or attributes.get("description")
    product_unit = unit if r.source.unit is None else Extracted(Quantity(1.0, r.source.unit), _evidence(r.source))
    here = _evidence(r.source)
    return _described(Product(name=name, material=_material(name.value or "", description, text),
                              declared_unit=product_unit, gwp_a1a3=_gwp(r, unit),
                              category=Extracted(description, here) if description else Extracted(None)),
                      text, here, r.strength, prose, others, attributes.get("strength"), unsure_age)


_APART = "the product's facts printed apart from its results"


def _described(product: Product, text: str, here: Evidence, column: str | None, prose: Prose | None,
               others: tuple[str, ...] = (), listed: str | None = None, unsure_age: bool = False) -> Product:
    """The product with what its name, description, strength column, the facts printed apart from its results
    (``listed``: a mix table, a data sheet's lines) and (one product) the prose say of it: its steel product, its
    strength and high early strength, its density and whether it is lightweight."""
    name, description = product.name.value, product.category.value
    material = product.material.value
    if material is Material.STEEL:
        return replace(product, steel=Extracted(_steel(name, description, text, others)))
    in_column = (column, replace(here, note="the strength column of the results table"))
    apart = (listed, Evidence(text=listed, note=_APART))
    sources: list[tuple[str | None, Evidence]] = [in_column if column or prose else apart,
                                                  (name, product.name.evidence), (description, here)]
    if material is not Material.CONCRETE:
        return replace(product, compressive_strength=mix_facts(sources).strength) if material is None else product
    own = len(sources)
    if prose:
        # a one-mix EPD: its facts printed apart are the document's, as its prose is, and its prose cites them with
        # their labels ('Strength class for concrete C 30/37')
        sources += [*prose.sources, apart]
    facts = mix_facts(sources, prose=own, unsure_age=unsure_age)
    density = density_kg_m3(description) or density_kg_m3(name) or (prose.density if prose else None)
    lightweight = prose.lightweight if prose and not lightweight_words(name, description) else Extracted(None)
    return replace(product, compressive_strength=facts.strength, high_early_strength=facts.high_early,
                   mass_per_declared_unit_kg=mass_per_unit(density, product.declared_unit.value, here),
                   lightweight=lightweight)


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
    cover = product_title(pages)
    names = tuple(r.name for r in readings if r.name)
    # the one product of a document its tables do not name is the cover's ('Mix 2864A' over '4,000 psi #8 STRUCT')
    one = cover.value if len(readings) == 1 and readings[0].name is None and cover.value else None
    for listed, description in listed_descriptions(pages, names).items():
        attributes.setdefault(listed, {}).setdefault("description", description)
    for sheet, strength in sheet_facts(pages, tables, [*names, *filter(None, [one])]).items():
        attributes.setdefault("" if sheet == one else sheet, {}).setdefault("strength", strength)
    text_head = " ".join(p.text for p in pages[:4])
    products: list[Product] = []
    prose = _prose(pages) if len(readings) == 1 else None
    built = [_product(r, Extracted(r.name, _evidence(r.source)) if r.name else cover, unit, text_head,
                      attributes.get(r.name or "", {}), prose, names) for r in readings]
    stated = later_ages(all_text, tables)
    later = [(r, p) for r, p in zip(readings, built, strict=True)
             if (s := p.compressive_strength.value) is not None and s.age_days > 28]
    own = [t for _r, p in later for t in (p.name.value, p.category.value, p.compressive_strength.evidence.text) if t]
    if stated and not (later and stated.all_in(own)):
        # the document states strengths at 56 or 90 days, and not only in the mixes' own names, descriptions and
        # strength cells (where it is, the mixes that state none are at 28 days): a table whose mixes carry their
        # later ages themselves ('5000 PSI 56-Day Paving', '27.6 (56 d)', an age column read) states the others at
        # 28 days, and so do the mixes' data sheets when one of them labels its strength with a later age
        # ('56-day compressive strength' over one mix, 'Strength' over the next); elsewhere a strength read without
        # an age may be a later one whose age was not tied to it, and goes to review
        # (a table run on over pages is one: its parts print the same heads)
        heads = {id(t): tuple(c.title for c in t.columns) for t in tables}
        aged = {heads.get(r.source.table_id) for r, _p in later} - {None}
        sheets = any(_APART in (p.compressive_strength.evidence.note or "") for _r, p in later)
        built = [p if heads.get(r.source.table_id) in aged or (
                     sheets and _APART in (p.compressive_strength.evidence.note or ""))
                 else _product(r, p.name, unit, text_head, attributes.get(r.name or "", {}), prose, names,
                               unsure_age=True)
                 for r, p in zip(readings, built, strict=True)]
    for r, product in zip(readings, built, strict=True):
        gwp = checked(product.gwp_a1a3, r, tables)
        if r.name is None and gwp.value is not None and gwp.review is None and (
                len(readings) > 1 or _LIST_OF_NAMES.search(cover.value or "")):
            # values no table names, in a document of several products: whose they are is not read
            gwp = replace(gwp, review=(f"no table names the product of this GWP ({gwp.value.value:g} per "
                                       f"{gwp.value.per_unit}, page {r.source.page}) and the document declares "
                                       "several products; confirm which product it belongs to"))
        products.append(replace(product, gwp_a1a3=gwp))
    if not products:
        searched = [p.number for p in pages if re.search(r"gwp|global warming|climate change", p.text, re.I)]
        parts = _GWP_PARTS.search(all_text)
        if parts and not _GWP_WHOLE.search(all_text):
            page = next((p.number for p in pages if _GWP_PARTS.search(p.text)), None)
            reason = (f"only a part of the GWP ('{parts.group(0)}', page {page}) is printed, and a part is never "
                      "compared: GWP-total (EN 15804+A2) or the TRACI GWP is; ask the supplier for it")
        else:
            reason = ("no GWP A1-A3 row found in the results tables"
                      + (f" on pages {', '.join(map(str, searched[:8]))}" if searched else "")
                      + (f"; {no_text_note}" if no_text_note else _pictures(image_pages())))
        products.append(_described(Product(name=cover, material=_material(cover.value or "", None, text_head),
                                           declared_unit=unit, gwp_a1a3=Extracted(None, Evidence(), (), reason)),
                                   text_head, Evidence(), None, _prose(pages)))
    elif no_text_note:
        products = [_with_note(p, no_text_note) for p in products]
    versions = set(_TRACI_VERSION.findall(all_text))
    if len(versions) == 1:  # 'TRACI 2.1' when the document names one version
        traci = f"TRACI {versions.pop()}"
        products = [_traci_version(p, traci) for p in products]
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
        standards=metadata.standards(pages),
        notes=(no_text_note,) if no_text_note else (),
    )


_TRACI_VERSION = re.compile(r"\bTRACI\s*(?:v(?:ersion)?\.?\s*)?(2\.[0-2])\b", re.I)


def _traci_version(product: Product, method: str) -> Product:
    gwp = product.gwp_a1a3
    if gwp.value is None or gwp.value.method != "TRACI":
        return product
    return replace(product, gwp_a1a3=replace(gwp, value=replace(gwp.value, method=method)))


def _with_note(product: Product, note: str) -> Product:
    return replace(product, notes=(*product.notes, note))
