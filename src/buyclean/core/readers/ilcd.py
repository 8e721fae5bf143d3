"""ILCD+EPD process datasets, in soda4LCA's JSON form or as ILCD XML, read into an Epd.

The XML is first turned into the dict shape soda4LCA serves as JSON (``_xml_to_doc``), so one mapping reads both;
the evidence paths of an XML document are then rewritten as XPath-like paths into the XML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_et
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from buyclean.core.classification import Clue, classify_material
from buyclean.core.model import (
    Candidate,
    Epd,
    EpdType,
    Evidence,
    Extracted,
    Gwp,
    Material,
    Product,
    Quantity,
    Strength,
    missing,
)
from buyclean.core.readers import MAX_JSON_DEPTH, JsonReader
from buyclean.core.readers.jsondoc import ModuleAmount, a1a3_amount, evidence, get, join, parse_date, text_at
from buyclean.core.units import (
    PSI_PER_MPA,
    convert,
    dimension,
    gwp_per_unit,
    parse_number,
    parse_quantity,
    parse_strength,
    parse_unit,
)
from buyclean.errors import InputTooLarge, UnreadableEpd, UnsupportedFormat

PROCESS_NS = "http://lca.jrc.it/ILCD/Process"
COMMON_NS = "http://lca.jrc.it/ILCD/Common"
EPD_NS = "http://www.iai.kit.edu/EPD/2013"
EPD2019_NS = "http://www.indata.network/EPD/2019"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_PREFIXES = {PROCESS_NS: "", COMMON_NS: "common:", EPD_NS: "epd:", EPD2019_NS: "epd2019:", _XML_NS: "xml:"}

# LCIA method datasets (ILCD reference data): the indicator is known by its UUID, whatever the label's language.
GWP_TOTAL_A2 = "6a37f984-a4b3-458a-a20a-64418c145fa2"
GWP_A1 = "77e416eb-a363-4258-a04e-171d843a6460"
_GWP_INDICATORS = {GWP_TOTAL_A2: ("GWP-total", "EN 15804+A2"), GWP_A1: ("GWP", "EN 15804+A1")}
# Parts of GWP-total (and the IOBC/GHG variant): reported for information, never the value Buy Clean compares.
_GWP_PARTS = {
    "5f635281-343e-44fb-83df-1971b155e6b6": "GWP-fossil",
    "2356e1ab-0185-4db5-86e5-16de51c7485c": "GWP-biogenic",
    "4331bbdb-978a-490d-8707-eeb047f01a55": "GWP-luluc",
    "fb774615-0575-45de-9a89-1ded92f19770": "GWP-IOBC/GHG",
}
_KG_CO2E_UNIT_GROUP = "1ebf3012-d0db-4de2-aefd-ef30cedb0be1"
_MASS_PROPERTY = "93a60a56-a3c8-11da-a746-0800200b9a66"

# ILCD+EPD subType (EPD data format extensions): only a 'specific dataset' declares one manufacturer's product.
_SUBTYPES = {
    "specific dataset": (EpdType.PRODUCT_SPECIFIC, None),
    "average dataset": (EpdType.PRODUCT_GROUP_AVERAGE, "an average over several products, plants or manufacturers"),
    "representative dataset": (EpdType.INDUSTRY_AVERAGE, "representative of a country or region, not of one product"),
    "generic dataset": (EpdType.INDUSTRY_AVERAGE, "generic background data, not one manufacturer's product"),
}
# Owners of these datasets are data providers (thinkstep, research institutes), not manufacturers.
_NOT_A_MANUFACTURER = ("generic dataset", "representative dataset", "template dataset")

# Loose bounds of GWP A1-A3 per kg of product (kg CO2e/kg) that published EPDs stay inside. They catch a declared unit
# off by about 1000 (a per-tonne or per-m3 result against a 1 kg reference flow), not bad products: concrete is about
# 0.1-0.3, cement 0.5-1, asphalt about 0.05, steel 0.3-3, flat glass 1-2, insulation up to about 10 (XPS, PIR);
# other products (aluminium, copper, plastics) stay under about 20, and bio-based ones go down to about -1.7.
_KGCO2E_PER_KG: dict[Material, tuple[float, float]] = {
    Material.CONCRETE: (-0.5, 1.0),
    Material.CEMENT: (0.0, 2.0),
    Material.ASPHALT: (0.0, 0.5),
    Material.STEEL: (0.0, 6.0),
    Material.FLAT_GLASS: (0.0, 5.0),
    Material.INSULATION: (-2.0, 20.0),
}
_ANY_PRODUCT_PER_KG = (-2.0, 50.0)

_STRENGTH_IN_NAME = re.compile(
    r"\bC\s?\d{2,3}\s?/\s?\d{2,3}\b|\bRck\s?\d{2,3}|\d+(?:[.,]\d+)?\s*(?:MPa|N/mm2|N/mm²|psi)\b", re.IGNORECASE)
_BARE_CLASS = re.compile(r"\bC(\d{2,3})\b")
_EXACT_RANGE = re.compile(r'^\W*(\d{4}-\d{2}-\d{2})\W+(\d{4}-\d{2}-\d{2})\W*$')


# --- reading the tree ------------------------------------------------------------------------------------------


def _items(value: Any, path: str) -> list[tuple[Any, str]]:
    """The entries of a JSON list with their paths; a lone object (one XML element) is a list of one."""
    if isinstance(value, list):
        return [(v, join(path, i)) for i, v in enumerate(value)]
    return [] if value is None else [(value, path)]


def _dicts(value: Any, path: str) -> list[tuple[dict[str, Any], str]]:
    return [(v, p) for v, p in _items(value, path) if isinstance(v, dict)]


def _anies(parent: Any, path: str) -> list[tuple[dict[str, Any], str]]:
    """The entries of an ILCD ``other`` extension block (soda4LCA calls them 'anies')."""
    value, p = get(parent, "other", "anies", path=path)
    return _dicts(value, p)


def _named_any(parent: Any, path: str, name: str) -> tuple[Any, str] | None:
    for entry, p in _anies(parent, path):
        if entry.get("name") == name:
            return entry.get("value"), join(p, "value")
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    return parse_number(value) if isinstance(value, str) else None


def _lang_texts(value: Any, path: str) -> list[tuple[str, str | None, str]]:
    """(text, language, path) of each non-empty entry of an ILCD multi-language string."""
    texts = []
    for entry, p in _items(value, path):
        if isinstance(entry, dict):
            text, lang, p = entry.get("value"), entry.get("lang"), join(p, "value")
        else:
            text, lang = entry, None
        if isinstance(text, str) and text.strip():
            texts.append((text.strip(), lang if isinstance(lang, str) else None, p))
    return texts


def _lang_text(value: Any, path: str) -> Extracted[str]:
    """The English text of a multi-language string, else the first one (and say which language it is)."""
    texts = _lang_texts(value, path)
    if not texts:
        return missing(evidence=Evidence(path=path))
    for text, lang, p in texts:
        if lang == "en":
            return Extracted(text, evidence(p, text))
    text, lang, p = texts[0]
    return Extracted(text, evidence(p, text, f"no English text; the '{lang}' text is shown" if lang else None))


def _is_true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


# --- the product ------------------------------------------------------------------------------------------------


def _subtype(doc: Any) -> tuple[str | None, str]:
    mv, p = get(doc, "modellingAndValidation", "LCIMethodAndAllocation")
    found = _named_any(mv, p, "subType")
    if found is None:
        return None, join(join(p, "other"), "anies")
    value, vp = found
    return (value.strip() if isinstance(value, str) and value.strip() else None), vp


def _epd_type(doc: Any) -> Extracted[EpdType]:
    subtype, p = _subtype(doc)
    if subtype is None:
        return Extracted(EpdType.UNKNOWN, Evidence(path=p, note="the dataset has no subType, so it does not say "
                                                                 "whether it is product-specific"))
    key = subtype.lower()
    if key in _SUBTYPES:
        kind, note = _SUBTYPES[key]
        return Extracted(kind, evidence(p, subtype, note))
    if key == "template dataset":
        return Extracted(EpdType.UNKNOWN, evidence(p, subtype), (),
                         "a 'template dataset' models a product type rather than declaring a product; treat it as "
                         "no product-specific EPD unless the EPD document says otherwise")
    return Extracted(EpdType.UNKNOWN, evidence(p, subtype), (),
                     f"the subType '{subtype}' is not one of the ILCD+EPD values; check the EPD type in the document")


def _names(doc: Any) -> tuple[Extracted[str], list[tuple[str, str]]]:
    value, p = get(doc, "processInformation", "dataSetInformation", "name", "baseName")
    return _lang_text(value, p), [(text, tp) for text, _, tp in _lang_texts(value, p)]


def _category(doc: Any) -> tuple[Extracted[str], list[tuple[str, str]]]:
    """The first classification as 'a / b / c', and the text of every classification (for the material)."""
    value, p = get(doc, "processInformation", "dataSetInformation", "classificationInformation", "classification")
    found: list[tuple[str, str]] = []
    for classification, cp in _dicts(value, p):
        levels = [text for text, _, _ in _lang_texts(classification.get("class"), join(cp, "class"))]
        if levels:
            found.append((" / ".join(levels), cp))
    if not found:
        return missing(evidence=Evidence(path=p)), []
    return Extracted(found[0][0], evidence(found[0][1], found[0][0])), found


def _material(names: list[tuple[str, str]], others: list[tuple[str, str]], english: bool) -> Extracted[Material]:
    return classify_material(
        [Clue((text,), evidence(p, text)) for text, p in names]
        + [Clue((text,), evidence(p, text, "read from the classification or flow name")) for text, p in others],
        unnamed=Evidence(path=names[0][1] if names else None, text=names[0][0] if names else None,
                         note="no Buy Clean material is named in the name or classification"),
        # buyclean knows only a few words of other languages: do not call a product 'other' on their strength alone
        unnamed_review=None if english else "the name is not in English and names no material buyclean knows; "
                                            "confirm the product is not concrete, steel, asphalt, glass, cement or "
                                            "insulation")


def strength_from_names(names: list[tuple[str, str]], material: Material | None) -> Extracted[Strength]:
    """Read a concrete strength from names ('35MPa', 'C30/37', 'C35'), the only place ILCD gives it."""
    if material is not Material.CONCRETE:
        return missing()
    for text, p in names:
        for match in _STRENGTH_IN_NAME.finditer(text):
            strength = parse_strength(match.group(0))
            if strength is not None:
                return Extracted(strength, evidence(p, match.group(0), "strength read from the name"))
    for text, p in names:
        bare = _BARE_CLASS.search(text)
        if bare is not None:
            mpa = float(bare.group(1))
            return Extracted(Strength(mpa, "MPa", round(mpa * PSI_PER_MPA, 1), "cylinder"),
                             evidence(p, bare.group(0), "strength read from the name"), (),
                             f"'{bare.group(0)}' in the name is read as a {mpa:g} MPa cylinder class (Danish and "
                             "Norwegian usage), but no C x/y pair confirms it; check the strength class in the EPD")
    return missing()


def _reference_exchange(doc: Any) -> tuple[dict[str, Any], str] | None:
    refs, rp = get(doc, "processInformation", "quantitativeReference", "referenceToReferenceFlow")
    ids = [str(v).strip() for v, _ in _items(refs, rp)]
    exchanges = _dicts(*get(doc, "exchanges", "exchange"))
    for ex, p in exchanges:
        if ids and str(ex.get("dataSetInternalID", "")).strip() == ids[0]:
            return ex, p
    return next(((ex, p) for ex, p in exchanges if _is_true(ex.get("referenceFlow"))), None)


def _declared_from_text(doc: Any, reason: str) -> Extracted[Quantity]:
    """Fall back on the free-text functional unit in the name when the reference flow gives no unit."""
    value, p = get(doc, "processInformation", "dataSetInformation", "name", "functionalUnitFlowProperties")
    text = _lang_text(value, p)
    quantity = parse_quantity(text.value) if text.value else None
    if quantity is None:
        return missing(f"{reason}; check the declared unit in the EPD document", text.evidence)
    return Extracted(quantity, evidence(text.evidence.path or p, text.value, f"{reason}; read from the name's "
                                                                             "functional unit text"))


def _mass(ex: dict[str, Any], ex_path: str, props: list[tuple[dict[str, Any], str]], ref_prop: dict[str, Any],
          declared: Quantity, unit_path: str) -> Extracted[float]:
    if dimension(declared.unit) == "mass":
        kg = convert(declared.value, declared.unit, "kg")
        return Extracted(kg, Evidence(path=unit_path, note="the declared unit is a mass"))
    ref_value = _number(ref_prop.get("meanValue")) or 1.0
    for prop, p in props:
        mean = _number(prop.get("meanValue"))
        if prop.get("uuid") == _MASS_PROPERTY and mean is not None and mean > 0:
            return Extracted(mean * declared.value / ref_value,
                             evidence(join(p, "meanValue"), mean, "mass flow property of the reference flow"))
    for item, p in _dicts(ex.get("materialProperties"), join(ex_path, "materialProperties")):
        name = str(item.get("name", "")).lower()
        unit = str(item.get("unit", "")).lower().replace("^", "")
        value = _number(item.get("value"))
        if value is None or value <= 0:
            continue
        if name == "grammage" and unit == "kg/m2" and declared.unit == "m2":
            return Extracted(value * declared.value, evidence(join(p, "value"), item.get("value"),
                                                              "grammage (kg/m2) times the declared area"))
        if name == "weight per unit" and unit.startswith("kg/") and declared.unit == "item":
            return Extracted(value * declared.value, evidence(join(p, "value"), item.get("value"),
                                                              "weight per piece times the declared pieces"))
    return missing()


def _density_notes(ex: dict[str, Any], ex_path: str) -> tuple[str, ...]:
    """Say when the gross density contradicts grammage / thickness; ÖKOBAUDAT records carry such slips."""
    found: dict[str, tuple[float, str]] = {}
    for item, p in _dicts(ex.get("materialProperties"), join(ex_path, "materialProperties")):
        value = _number(item.get("value"))
        if value is not None and value > 0:
            found[str(item.get("name", "")).lower()] = (value, join(p, "value"))
    if not {"gross density", "grammage", "layer thickness"} <= found.keys():
        return ()
    density, path = found["gross density"]
    implied = found["grammage"][0] / found["layer thickness"][0]
    if 0.5 <= density / implied <= 2.0:
        return ()
    return (f"the gross density {density:g} kg/m3 at {path} disagrees with grammage / layer thickness "
            f"({implied:g} kg/m3); it was not used",)


def _declared_unit(doc: Any) -> tuple[Extracted[Quantity], Extracted[float], tuple[str, ...]]:
    """The declared unit from the reference flow's reference flow property, with the mass per declared unit."""
    found = _reference_exchange(doc)
    if found is None:
        return _declared_from_text(doc, "no exchange is marked as the reference flow"), missing(), ()
    ex, ex_path = found
    props = _dicts(ex.get("flowProperties"), join(ex_path, "flowProperties"))
    ref = next(((prop, p) for prop, p in props if _is_true(prop.get("referenceFlowProperty"))), None)
    if ref is None:
        return (_declared_from_text(doc, "the reference flow carries no reference unit (ILCD keeps it in the flow "
                                         "dataset)"), missing(), ())
    prop, prop_path = ref
    unit_text = prop.get("referenceUnit")
    unit_path = join(prop_path, "referenceUnit")
    unit = parse_unit(str(unit_text)) if unit_text else None
    if unit is None:
        return (missing(f"the reference unit '{unit_text}' at {unit_path} is not a unit buyclean can place; check the "
                        "declared unit in the EPD document", evidence(unit_path, unit_text)), missing(), ())
    amount = _number(ex.get("meanAmount"))
    if amount is None or amount <= 0:
        return (missing(f"the reference flow at {ex_path} has no positive meanAmount; check the declared unit in the "
                        "EPD document", evidence(join(ex_path, "meanAmount"), ex.get("meanAmount"))), missing(), ())
    readings = [Candidate(Quantity(amount, unit), evidence(unit_path, f"{amount:g} {unit_text}",
                                                           f"meanAmount {amount:g} of the reference flow"))]
    # soda4LCA's resultingflowAmount is meanAmount times the reference property's meanValue, which ILCD expects
    # to be 1; when the two disagree, the dataset says two things about its declared unit.
    other, other_path = _number(ex.get("resultingflowAmount")), join(ex_path, "resultingflowAmount")
    if other is None:
        mean_value = _number(prop.get("meanValue"))
        other, other_path = (amount * mean_value if mean_value else None), join(prop_path, "meanValue")
    if other is not None and other > 0 and not math.isclose(other, amount, rel_tol=1e-6):
        readings.append(Candidate(Quantity(other, unit), evidence(other_path, f"{other:g} {unit_text}",
                                                                  f"{other_path.rsplit('.', 1)[-1]} of the reference "
                                                                  "flow")))
        review = (f"the reference flow is {amount:g} {unit_text} by its meanAmount but {other:g} {unit_text} by "
                  f"{other_path}; confirm the declared unit in the EPD document")
        return Extracted(None, readings[0].evidence, tuple(readings), review), missing(), _density_notes(ex, ex_path)
    quantity = readings[0].value
    mass = _mass(ex, ex_path, props, prop, quantity, unit_path)
    return Extracted(quantity, readings[0].evidence), mass, _density_notes(ex, ex_path)


def _implausible(kgco2e: float, declared: Quantity, mass_kg: float | None, material: Material | None) -> str | None:
    """Say why an amount cannot be per this declared unit, or None when it can (or cannot be checked)."""
    kg = convert(declared.value, declared.unit, "kg") if dimension(declared.unit) == "mass" else mass_kg
    if not kg:
        return None
    low, high = _KGCO2E_PER_KG.get(material, _ANY_PRODUCT_PER_KG) if material else _ANY_PRODUCT_PER_KG
    per_kg = kgco2e / kg
    if low <= per_kg <= high:
        return None
    what = material.value.replace("_", " ") if material and material is not Material.OTHER else "a construction product"
    return (f"{kgco2e:.4g} kg CO2e for A1-A3 per {declared.value:g} {declared.unit} ({per_kg:.4g} kg CO2e/kg) is "
            f"implausible for {what}, which stays between {low:g} and {high:g} kg CO2e/kg")


def _gwp(doc: Any, declared: Extracted[Quantity], mass: Extracted[float], material: Material | None) -> Extracted[Gwp]:
    """GWP-total (EN 15804+A2) or GWP (+A1) A1-A3 by indicator UUID, per one reporting unit."""
    value, results_path = get(doc, "LCIAResults", "LCIAResult")
    results: dict[str, tuple[dict[str, Any], str]] = {}
    for result, p in _dicts(value, results_path):
        uuid, _ = get(result, "referenceToLCIAMethodDataSet", "refObjectId")
        results.setdefault(str(uuid).strip().lower(), (result, p))
    present = [uuid for uuid in (GWP_TOTAL_A2, GWP_A1) if uuid in results]
    if not present:
        parts = [label for uuid, label in _GWP_PARTS.items() if uuid in results]
        reason = (f"only {', '.join(parts)} are given, and buyclean never takes them for GWP-total" if parts else
                  "LCIAResults has no GWP-total (EN 15804+A2) or GWP (EN 15804+A1) indicator")
        return missing(f"{reason}; check the EPD's results table", Evidence(path=results_path))
    first: Extracted[Gwp] | None = None
    for uuid in present:  # GWP-total first; the +A1 GWP only when GWP-total has no A1-A3
        indicator, method = _GWP_INDICATORS[uuid]
        result, path = results[uuid]
        entries = [ModuleAmount(str(a.get("module")), a.get("value"), join(p, "value"),
                                str(a["scenario"]) if a.get("scenario") else None)
                   for a, p in _anies(result, path) if a.get("module")]
        amount = a1a3_amount(entries, join(join(path, "other"), "anies"))
        gwp = gwp_from_amount(amount, declared, mass.value, material, indicator, method,
                              _unit_group_review(result, path))
        if amount.value is not None or amount.candidates:
            return gwp
        first = first or gwp
    assert first is not None
    return first


def gwp_from_amount(amount: Extracted[tuple[float, str]], declared: Extracted[Quantity], mass_kg: float | None,
                    material: Material | None, indicator: str, method: str,
                    unit_review: str | None = None) -> Extracted[Gwp]:
    """Put an A1-A3 amount per declared unit per one reporting unit; every unsure reading becomes a Candidate."""
    amounts = [Candidate(amount.value, amount.evidence)] if amount.value is not None else list(amount.candidates)
    if not amounts:
        return missing(amount.review, amount.evidence)
    quantities = [Candidate(declared.value, declared.evidence)] if declared.value is not None else list(
        declared.candidates)
    if not quantities:
        return missing(f"A1-A3 is {amounts[0].value[0]:.4g} kg CO2e per declared unit, but "
                       f"{declared.review or 'the declared unit is unknown'}", amounts[0].evidence)
    options: list[tuple[str | None, Candidate[Gwp]]] = []
    for a in amounts:
        for q in quantities:
            per_value, per_unit = gwp_per_unit(a.value[0], q.value)
            notes = [n for n in (a.evidence.note, f"{a.value[0]:.6g} kg CO2e per {q.value.value:g} {q.value.unit}")
                     if n]
            gwp = Gwp(per_value, per_unit, indicator, a.value[1], method)
            options.append((_implausible(a.value[0], q.value, mass_kg, material),
                            Candidate(gwp, dataclasses.replace(a.evidence, note="; ".join(notes)))))
    options.sort(key=lambda option: option[0] is not None)  # plausible readings first
    if len(options) == 1:
        problem, only = options[0]
        doubts = [f"{problem}: the declared unit is probably wrong, so check it in the EPD document" if problem
                  else None, declared.review, unit_review]
        return Extracted(only.value, only.evidence, (), "; ".join(r for r in doubts if r) or None)
    reasons = [p for p, _ in options if p] + [r for r in (amount.review, declared.review, unit_review) if r]
    return Extracted(None, options[0][1].evidence, tuple(c for _, c in options), "; ".join(reasons))


def _unit_group_review(result: dict[str, Any], path: str) -> str | None:
    found = _named_any(result, path, "referenceToUnitGroupDataSet")
    if found is None:
        return None
    uuid, p = get(found[0], "refObjectId", path=found[1])
    if uuid is None or str(uuid).lower() == _KG_CO2E_UNIT_GROUP:
        return None
    return f"the GWP amounts use unit group {uuid} ({p}), not ILCD's kg CO2-eq.; check the unit in the EPD"


def _flow_names(doc: Any) -> list[tuple[str, str]]:
    found = _reference_exchange(doc)
    if found is None:
        return []
    ex, p = found
    names = [(text, tp) for text, _, tp in _lang_texts(*get(ex, "referenceToFlowDataSet", "shortDescription", path=p))]
    hierarchy, hp = get(ex, "classification", "classHierarchy", path=p)
    return names + ([(hierarchy, hp)] if isinstance(hierarchy, str) else [])


def _product(doc: Any) -> Product:
    name, names = _names(doc)
    category, categories = _category(doc)
    english = any(lang == "en" for _, lang, _ in _lang_texts(*get(doc, "processInformation", "dataSetInformation",
                                                                  "name", "baseName")))
    material = _material(names, categories + _flow_names(doc), english)
    declared, mass, notes = _declared_unit(doc)
    if name.value is None:
        name = missing("the dataset has no baseName; name the product by hand", name.evidence)
    return Product(name=name, material=material, declared_unit=declared,
                   gwp_a1a3=_gwp(doc, declared, mass, material.value), category=category,
                   compressive_strength=strength_from_names(names, material.value), mass_per_declared_unit_kg=mass,
                   notes=notes)


# --- the declaration --------------------------------------------------------------------------------------------


def _registration_number(doc: Any) -> Extracted[str]:
    number = text_at(doc, "administrativeInformation", "publicationAndOwnership", "registrationNumber")
    if number.value is None:
        # generic and research datasets have none: a fact about the dataset, not a reading to review
        return Extracted(None, Evidence(path=number.evidence.path, note="the dataset has no registrationNumber"))
    return number


def _program_operator(doc: Any) -> Extracted[str]:
    po, p = get(doc, "administrativeInformation", "publicationAndOwnership")
    publisher = _named_any(po, p, "referenceToPublisher")
    if publisher is not None:
        text = _lang_text(*get(publisher[0], "shortDescription", path=publisher[1]))
        if text.value is not None:
            return text
    authority = _lang_text(*get(po, "referenceToRegistrationAuthority", "shortDescription", path=p))
    if authority.value is not None:
        return authority
    return Extracted(None, Evidence(path=p, note="the dataset names no publisher or registration authority"))


def _manufacturer(doc: Any) -> Extracted[str]:
    owner = _lang_text(*get(doc, "administrativeInformation", "publicationAndOwnership",
                            "referenceToOwnershipOfDataSet", "shortDescription"))
    subtype, _ = _subtype(doc)
    if owner.value is not None and subtype is not None and subtype.lower() in _NOT_A_MANUFACTURER:
        return Extracted(None, dataclasses.replace(owner.evidence, note=f"the owner of a {subtype} is its data "
                                                                         "provider, not a manufacturer"))
    if owner.value is not None:
        return Extracted(owner.value, dataclasses.replace(owner.evidence, note="the owner of the dataset"))
    return owner


def _issued(doc: Any) -> Extracted[dt.date]:
    time, p = get(doc, "processInformation", "time")
    found = _named_any(time, p, "publicationDateOfEPD")
    if found is None or found[0] in (None, ""):
        return missing(evidence=Evidence(path=join(p, "other")))
    value, vp = found
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:  # soda4LCA serialises dates as milliseconds since 1970 (UTC)
            day = dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return missing(f"'{value}' at {vp} is not a date", evidence(vp, value))
        return Extracted(day, evidence(vp, value, "milliseconds since 1970 (UTC)"))
    parsed = parse_date(str(value))
    if parsed is None:
        return missing(f"'{value}' at {vp} is not a date in YYYY-MM-DD form", evidence(vp, value))
    return Extracted(parsed, evidence(vp, value))


def _valid_until(doc: Any) -> Extracted[dt.date]:
    value, p = get(doc, "processInformation", "time", "dataSetValidUntil")
    if value is None or value == "":
        return missing(evidence=Evidence(path=p))
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        day = parse_date(text)
        if day is None:
            return missing(f"dataSetValidUntil '{text}' at {p} is neither a year nor a date", evidence(p, value))
        return Extracted(day, evidence(p, value))
    year = int(text)
    # EPD Norway writes the exact validity as '"2023-09-27" - "2028-09-27"' here; use it when its year agrees.
    described, dp = get(doc, "processInformation", "time", "timeRepresentativenessDescription")
    for description, _, tp in _lang_texts(described, dp):
        exact = _EXACT_RANGE.match(description)
        end = parse_date(exact.group(2)) if exact else None
        if end is not None and end.year == year:
            return Extracted(end, evidence(tp, description, f"exact end date; dataSetValidUntil at {p} gives only "
                                                            f"the year {year}"))
    return Extracted(dt.date(year, 12, 31), evidence(p, value, "year only; read as the year's end"))


def _third_party_verified(doc: Any) -> Extracted[bool]:
    reviews = _dicts(*get(doc, "modellingAndValidation", "validation", "review"))
    if not reviews:
        return missing(evidence=Evidence(path="$.modellingAndValidation.validation"))
    for review, p in reviews:
        kind = str(review.get("type", ""))
        if "external" in kind.lower() or "third party" in kind.lower():
            return Extracted(True, evidence(join(p, "type"), kind))
    return Extracted(False, evidence(join(reviews[0][1], "type"), reviews[0][0].get("type"), "internal reviews only"))


def _pcr(doc: Any) -> Extracted[str]:
    value, p = get(doc, "modellingAndValidation", "LCIMethodAndAllocation", "referenceToLCAMethodDetails")
    for ref, rp in _dicts(value, p):
        text = _lang_text(ref.get("shortDescription"), join(rp, "shortDescription"))
        if text.value is not None:
            return text
    return missing(evidence=Evidence(path=p))


def _standards(doc: Any) -> tuple[str, ...]:
    value, p = get(doc, "modellingAndValidation", "complianceDeclarations", "compliance")
    found = []
    for compliance, cp in _dicts(value, p):
        text = _lang_text(*get(compliance, "referenceToComplianceSystem", "shortDescription", path=cp))
        if text.value is not None and text.value not in found:
            found.append(text.value)
    return tuple(found)


def _read_doc(doc: Any) -> Epd:
    if not isinstance(doc, dict) or not isinstance(doc.get("processInformation"), dict):
        raise UnreadableEpd("The ILCD dataset has no processInformation section; export the complete process dataset "
                            "(not a flow or contact dataset) and upload it again.", where="$.processInformation")
    return Epd(format="ilcd", products=(_product(doc),), registration_number=_registration_number(doc),
               program_operator=_program_operator(doc), manufacturer=_manufacturer(doc), issued=_issued(doc),
               valid_until=_valid_until(doc), epd_type=_epd_type(doc), third_party_verified=_third_party_verified(doc),
               pcr=_pcr(doc), standards=_standards(doc))


def claims(doc: Any) -> bool:
    """Claim a soda4LCA ILCD process dataset: processInformation beside LCIA results, exchanges or administration."""
    if not isinstance(doc, dict) or not isinstance(doc.get("processInformation"), dict):
        return False
    if any(key in doc for key in ("impacts", "doctype", "gwp", "buyclean_epd")):
        return False
    return any(isinstance(doc.get(key), dict) for key in ("LCIAResults", "exchanges", "administrativeInformation",
                                                           "modellingAndValidation"))


def read(doc: Any) -> Epd:
    """Read an ILCD+EPD process dataset in soda4LCA's JSON form."""
    return _read_doc(doc)


READER = JsonReader(format="ilcd", claims=claims, read=read)


# --- XML --------------------------------------------------------------------------------------------------------


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _qname(tag: str) -> str:
    ns, local = _split(tag)
    return _PREFIXES.get(ns, "") + local


def _convert(elem: Element, jpath: str, xpath: str, xpaths: dict[str, str], depth: int = 0) -> Any:
    """Turn one element into soda4LCA's JSON shape, recording which XPath each JSON path came from."""
    if depth > MAX_JSON_DEPTH:
        raise InputTooLarge(f"The XML nests deeper than {MAX_JSON_DEPTH} levels; no ILCD dataset needs that, so the "
                            "file was refused unread.", where=xpath)
    xpaths[jpath] = xpath
    node: dict[str, Any] = {}
    for key, value in elem.attrib.items():
        ns, local = _split(key)
        node[local] = value
        xpaths[join(jpath, local)] = f"{xpath}/@{_PREFIXES.get(ns, '') + local}"
    children = [child for child in elem if isinstance(child.tag, str)]
    text = (elem.text or "").strip()
    if not children:
        if not node:
            return text
        if text:
            node["value"] = text
            xpaths[join(jpath, "value")] = xpath
        return node
    if _split(elem.tag)[1] == "other":
        node["anies"] = _convert_other(children, join(jpath, "anies"), xpath, xpaths, depth)
        return node
    groups: dict[str, list[Element]] = {}
    for child in children:
        groups.setdefault(_split(child.tag)[1], []).append(child)
    for local, elems in groups.items():
        qname = _qname(elems[0].tag)
        as_list = len(elems) > 1 or f"{{{_XML_NS}}}lang" in elems[0].attrib  # multi-language strings are lists
        if as_list:
            node[local] = [_convert(e, join(join(jpath, local), i), f"{xpath}/{qname}[{i + 1}]", xpaths, depth + 1)
                           for i, e in enumerate(elems)]
        else:
            node[local] = _convert(elems[0], join(jpath, local), f"{xpath}/{qname}", xpaths, depth + 1)
    return node


def _convert_other(children: list[Element], jpath: str, xpath: str, xpaths: dict[str, str],
                   depth: int) -> list[dict[str, Any]]:
    """An ILCD ``common:other`` block: epd:amount as {module, scenario, value}, anything else as {name, value}."""
    xpaths[jpath] = xpath
    anies: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, child in enumerate(children):
        qname = _qname(child.tag)
        seen[qname] = seen.get(qname, 0) + 1
        cx, cj = f"{xpath}/{qname}[{seen[qname]}]", join(jpath, i)
        local = _split(child.tag)[1]
        if local == "amount":
            # ÖKOBAUDAT vintages write epd:module and plain module: match attributes by local name
            entry: dict[str, Any] = {"value": (child.text or "").strip()}
            for key, value in child.attrib.items():
                ns, name = _split(key)
                entry[name] = value
                xpaths[join(cj, name)] = f"{cx}/@{_PREFIXES.get(ns, '') + name}"
            xpaths[cj] = xpaths[join(cj, "value")] = cx
        else:
            entry = {"name": local, "value": _convert(child, join(cj, "value"), cx, xpaths, depth + 1)}
            xpaths[cj] = cx
        anies.append(entry)
    return anies


def _xpath_of(path: str, xpaths: dict[str, str]) -> str:
    """The XPath a JSON path was read from; steps below the last recorded node are appended as they are."""
    probe = path
    while probe:
        if probe in xpaths:
            rest = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + 1}]", path[len(probe):]).replace(".", "/")
            return xpaths[probe] + rest
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return path


def _rewrite(value: Any, fix: Callable[[str], str]) -> Any:
    """Rewrite every evidence path, review and note in an Epd with ``fix``."""
    if isinstance(value, Evidence):
        return dataclasses.replace(value, path=fix(value.path) if value.path else None,
                                   note=fix(value.note) if value.note else None)
    if isinstance(value, Extracted):
        return Extracted(value.value, _rewrite(value.evidence, fix), _rewrite(value.candidates, fix),
                         fix(value.review) if value.review else None)
    if isinstance(value, Candidate):
        return Candidate(value.value, _rewrite(value.evidence, fix))
    if isinstance(value, (Epd, Product)):
        changes = {f.name: _rewrite(getattr(value, f.name), fix) for f in dataclasses.fields(value)}
        changes["notes"] = tuple(fix(note) for note in value.notes)
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_rewrite(v, fix) for v in value)
    return value


def _xml_to_doc(root: Element) -> tuple[dict[str, Any], dict[str, str]]:
    xpaths: dict[str, str] = {}
    doc = _convert(root, "$", f"/{_qname(root.tag)}", xpaths)
    return (doc if isinstance(doc, dict) else {}), xpaths


def read_xml(data: bytes) -> Epd:
    """Read an ILCD+EPD process dataset from its XML, refusing DTDs and entity declarations."""
    try:
        root = safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise UnreadableEpd("The XML declares entities or a DOCTYPE, which buyclean refused (they can expand without "
                            "bound or read other files); ILCD+EPD XML needs neither, so export the dataset again "
                            "without them.", where="DOCTYPE") from exc
    except ParseError as exc:
        line, column = exc.position
        raise UnreadableEpd(f"The XML is malformed at line {line}, column {column}: {exc}. Fix the markup (an XML "
                            "validator shows where) and upload it again.",
                            where=f"line {line}, column {column}") from exc
    if _split(root.tag)[1] != "processDataSet":
        raise UnsupportedFormat(f"The XML is not an ILCD process dataset (its root element is <{_qname(root.tag)}>); "
                                "upload the ILCD+EPD process dataset (root <processDataSet>).", where=f"/{root.tag}")
    doc, xpaths = _xml_to_doc(root)
    epd = _read_doc(doc)

    def fix(text: str) -> str:
        return re.sub(r"\$(?:\.[A-Za-z_][\w-]*|\[\d+\]|\['[^']*'\])*", lambda m: _xpath_of(m.group(0), xpaths), text)

    result = _rewrite(epd, fix)
    assert isinstance(result, Epd)
    return result
