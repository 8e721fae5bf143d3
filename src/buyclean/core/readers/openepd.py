"""openEPD JSON (the `openepd` package's EPD and industry-EPD documents): one product per document.

GWP A1-A3 sits at ``impacts[<LCIA method>].gwp.A1A2A3`` as ``{mean, unit}``; a document may carry several methods
(TRACI 2.1, IPCC AR5, EF 3.0, CML ...). The reader takes one by a fixed preference and keeps the others as
candidates: several methods is normal, not a reason for review. The package does not check units, so the
declared unit and the GWP unit are normalised here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from buyclean.core.classification import (
    HIGH_EARLY_DAYS,
    Clue,
    classify_material,
    classify_steel,
    implausible_gwp,
    is_cast_in_place_concrete,
    lightweight_concrete_review,
    text_or_none,
)
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
    SteelRoute,
    SteelType,
    Strength,
    missing,
)
from buyclean.core.readers import JsonReader
from buyclean.core.readers.jsondoc import (
    ModuleAmount,
    a1a3_amount,
    absent,
    bool_at,
    date_at,
    evidence,
    get,
    join,
    quantity_from,
    text_at,
)
from buyclean.core.units import convert, gwp_per_unit, parse_gwp_amount, parse_strength
from buyclean.errors import UnreadableEpd

FORMAT = "openepd"

# An LCIA method to take before all others when a document has several (a deployment may prefer EF 3.1 for
# European EPDs); None keeps METHOD_ORDER. Set it from configuration, not per call.
PREFERRED_METHOD: str | None = None

# North American Buy Clean limits were derived from TRACI 2.1 / IPCC AR5 EPDs, EN 15804+A2 ones use EF 3.x.
METHOD_ORDER = (r"traci\s*2\.1", r"ipcc\s*ar5", r"ipcc\s*ar6", r"ef\s*3(\.\d+)?")

_DOCTYPES = {"openEPD": EpdType.PRODUCT_SPECIFIC, "openIndustryEpd": EpdType.INDUSTRY_AVERAGE}

# specs.Steel.making_route flags; 'ohf' (open hearth) has no row in any rule table.
_STEEL_ROUTE_KEYS: dict[str, SteelRoute | None] = {"eaf": SteelRoute.EAF, "bof": SteelRoute.INTEGRATED, "ohf": None}


def claims(doc: Any) -> bool:
    """Claim an openEPD document: doctype openEPD/openIndustryEpd, or ``impacts`` and ``declared_unit`` objects."""
    if not isinstance(doc, dict) or any(key in doc for key in ("buyclean_epd", "processInformation")):
        return False
    doctype = doc.get("doctype")
    if isinstance(doctype, str) and doctype in _DOCTYPES:
        return True
    return doctype is None and isinstance(doc.get("impacts"), dict) and isinstance(doc.get("declared_unit"), dict)


def _method_rank(method: str, prefer: str | None) -> int:
    if prefer is not None and method.strip().lower() == prefer.strip().lower():
        return 0
    for rank, pattern in enumerate(METHOD_ORDER, start=1):
        if re.fullmatch(pattern, method.strip(), re.IGNORECASE):
            return rank
    return len(METHOD_ORDER) + 1


def _method_gwp(impacts: dict[str, Any], method: str, declared: Quantity) -> Extracted[Gwp] | None:
    """The A1-A3 GWP of one LCIA method, normalised to kg CO2e per reporting unit; None if it has no gwp."""
    gwp_set, where = get(impacts, method, "gwp", path="$.impacts")
    if not isinstance(gwp_set, dict):
        return None
    entries = []
    units: set[str] = set()
    for module, amount in gwp_set.items():
        if isinstance(amount, dict) and "mean" in amount:
            entries.append(ModuleAmount(str(module), amount["mean"], join(join(where, module), "mean")))
            units.add(str(amount.get("unit", "")))
    if not entries:
        return None
    found = a1a3_amount(entries, where)
    if found.value is None:
        return missing(found.review, found.evidence)
    if len(units) != 1:
        return missing(f"the GWP modules under {where} give {len(units)} different units ({sorted(units)}); "
                       "check the EPD", found.evidence)
    unit = units.pop()
    factor = parse_gwp_amount(f"1 {unit}") if unit else None
    if factor is None:
        return missing(f"GWP unit {unit!r} under {where} is not a kg CO2e unit buyclean can read; check the EPD",
                       found.evidence)
    amount_kg, modules = found.value
    value, per = gwp_per_unit(amount_kg * factor, declared)
    text = f"{found.evidence.text} {unit}" if found.evidence.text else unit
    return Extracted(Gwp(value, per, "GWP", modules, method.strip()), replace(found.evidence, text=text))


def _gwp(doc: dict[str, Any], declared: Extracted[Quantity], material: Material | None,
         prefer: str | None) -> Extracted[Gwp]:
    impacts, where = get(doc, "impacts")
    if not isinstance(impacts, dict) or not impacts:
        return missing(f"the openEPD document has no impacts ({where} is empty or absent); take the A1-A3 GWP from "
                       "the EPD document", Evidence(path=where))
    methods = sorted(impacts, key=lambda m: _method_rank(str(m), prefer))  # stable: document order within a rank
    if declared.value is None:
        raw, raw_p = get(impacts, methods[0], "gwp", "A1A2A3", path=where)
        return missing(f"the GWP cannot be normalised because the declared unit is unknown ({declared.review})",
                       evidence(raw_p, raw))
    results = [r for r in (_method_gwp(impacts, str(m), declared.value) for m in methods) if r is not None]
    if not results:
        return missing(f"no method under {where} gives a GWP (methods: {', '.join(map(str, impacts))}); take the "
                       "A1-A3 GWP from the EPD document", Evidence(path=where))
    # the first method with a GWP decides, even when it needs review: a later method is not a silent fallback
    chosen, rest = results[0], results[1:]
    others = tuple(Candidate(r.value, r.evidence) for r in rest if r.value is not None)
    if chosen.value is None:
        return Extracted(None, chosen.evidence, others, chosen.review)
    return Extracted(chosen.value, chosen.evidence, others, implausible_gwp(material, chosen.value))


def _mass_kg(doc: dict[str, Any]) -> Extracted[float]:
    raw, p = get(doc, "kg_per_declared_unit")
    if not isinstance(raw, dict):
        return absent(p)
    qty, unit = raw.get("qty"), raw.get("unit")
    kg = convert(float(qty), str(unit), "kg") if isinstance(qty, (int, float)) and unit is not None else None
    if kg is None:
        return missing(f"mass per declared unit {raw} at {p} is not a mass buyclean can read", evidence(p, raw))
    return Extracted(kg, evidence(p, raw))


def _declared_unit(doc: dict[str, Any], mass: Extracted[float]) -> Extracted[Quantity]:
    raw, p = get(doc, "declared_unit")
    if not isinstance(raw, dict):
        return missing(f"the openEPD document has no declared unit ({p}), so the GWP cannot be placed; take the "
                       "declared unit from the EPD document", evidence(p, raw))
    qty, unit = raw.get("qty"), raw.get("unit")
    if unit is None:
        return missing(f"declared unit {raw} at {p} has no unit", evidence(p, raw))
    text = f"{qty:g} {unit}" if isinstance(qty, (int, float)) and not isinstance(qty, bool) else f"{qty} {unit}"
    return quantity_from(text, p, mass_kg=mass.value)


def _spec_path(specs: Any) -> str | None:
    """'Concrete >> ReadyMix' from nested spec objects (category names are capitalised keys holding objects)."""
    names: list[str] = []
    node = specs
    while isinstance(node, dict):
        child = next((k for k, v in node.items() if isinstance(v, dict) and k[:1].isupper()), None)
        if child is None:
            break
        names.append(child)
        node = node[child]
    return " >> ".join(names) or None


def _category(doc: dict[str, Any]) -> tuple[str | None, str]:
    for keys in (("product_classes", "io.cqd.ec3"), ("product_classes", "EC3"), ("ec3", "category"),
                 ("ext", "ec3", "category")):
        value, p = get(doc, *keys)
        if isinstance(value, list) and value and isinstance(value[0], str):
            value, p = value[0], join(p, 0)
        if isinstance(value, str) and value.strip():
            return value.strip(), p
    specs, p = get(doc, "specs")
    return _spec_path(specs), p


def _description(doc: dict[str, Any]) -> tuple[str | None, str]:
    for key in ("product_description", "description"):
        value, p = get(doc, key)
        if isinstance(value, str) and value.strip():
            return value, p
    return None, "$.product_description"


def _material(doc: dict[str, Any], category: str | None, cat_path: str) -> Extracted[Material]:
    name, name_p = get(doc, "product_name")
    description, desc_p = _description(doc)
    pcr, pcr_p = get(doc, "pcr", "name")
    name_s, pcr_s = text_or_none(name), text_or_none(pcr)
    return classify_material(
        [Clue((category, _spec_path(doc.get("specs"))), evidence(cat_path, category)),
         Clue((name_s,), evidence(name_p, name_s, "no Buy Clean material in the category; read from the product name")),
         Clue((description,), evidence(desc_p, description, "no Buy Clean material in the category or name; read "
                                                            "from the description"))],
        unnamed=evidence(cat_path, category, "no Buy Clean material named"),
        misfiled_clues=[Clue((name_s,), evidence(name_p, name_s)), Clue((pcr_s,), evidence(pcr_p, pcr_s))],
        filed_under=f"filed under {category!r}")


def _product_category(doc: dict[str, Any], material: Extracted[Material], category: str | None, cat_path: str,
                      declared: Extracted[Quantity], mass: Extracted[float]) -> tuple[Extracted[str], list[str]]:
    notes: list[str] = []
    if category is None:
        return absent(cat_path), notes
    if material.value is not Material.CONCRETE:
        return Extracted(category, evidence(cat_path, category)), notes
    name, _ = get(doc, "product_name")
    name_s = name if isinstance(name, str) else None
    text = category if category.lower().startswith("concrete") else f"Concrete >> {category}"
    review: str | None = None
    if not is_cast_in_place_concrete(category, name_s):
        notes.append(f"{text}: a concrete product that is not ready-mix; the Buy Clean concrete limits in "
                     "buyclean's sources cover ready-mix concrete only")
    elif get(doc, "specs", "Concrete", "lightweight")[0] is True:
        notes.append("the document marks this concrete as lightweight; GSA's lightweight limits are not in "
                     "buyclean's sources")
    return Extracted(text, evidence(cat_path, category), review=review), notes


def _lightweight(doc: dict[str, Any], declared: Extracted[Quantity], mass: Extracted[float]) -> Extracted[bool]:
    """The lightweight flag; a normal-weight flag that the mass per declared unit contradicts asks for review."""
    flag = bool_at(doc, "specs", "Concrete", "lightweight")
    density = None
    if declared.value is not None and mass.value is not None:
        m3 = convert(declared.value.value, declared.value.unit, "m3")
        density = mass.value / m3 if m3 else None
    review = lightweight_concrete_review(density, flag.value, flag.evidence.path or "")
    return Extracted(None, flag.evidence, (Candidate(True, mass.evidence), Candidate(False, flag.evidence)),
                     review) if review else flag


def _strength(doc: dict[str, Any]) -> tuple[Extracted[Strength], Extracted[bool]]:
    raw, p = get(doc, "specs", "Concrete", "strength_28d")
    other, other_p = get(doc, "specs", "Concrete", "strength_other")
    days, days_p = get(doc, "specs", "Concrete", "strength_other_d")
    high_early: Extracted[bool] = Extracted(None)
    if isinstance(other, str) and isinstance(days, (int, float)) and days <= HIGH_EARLY_DAYS:
        high_early = Extracted(None, evidence(days_p, days), (Candidate(True, evidence(other_p, other)),),
                               f"the document specifies {other} at {days:g} days, which suggests a high-early-strength "
                               "mix; confirm it is required for technical reasons before applying the +30% allowance")
    if not isinstance(raw, str) or not raw.strip():
        if isinstance(other, str):
            return missing(f"the document gives no 28-day strength, only {other} at {days} days ({other_p}); take "
                           "the specified 28-day strength from the EPD document", evidence(other_p, other)), high_early
        return absent(p), high_early
    strength = parse_strength(raw)
    if strength is None:
        return missing(f"strength '{raw}' at {p} is not a strength buyclean can read", evidence(p, raw)), high_early
    return Extracted(replace(strength, psi=round(strength.psi, 1)), evidence(p, raw)), high_early


def _steel(doc: dict[str, Any], category: str | None, cat_path: str) -> Extracted[SteelType]:
    steel_spec, steel_p = get(doc, "specs", "Steel")
    spec_path = _spec_path(doc.get("specs"))
    name, name_p = get(doc, "product_name")
    name_s = text_or_none(name)
    description, desc_p = _description(doc)
    fabricated, fab_p = _fabricated(steel_spec, steel_p)
    name_clue = Clue((name_s,), evidence(name_p, name_s))
    return classify_steel(
        [Clue((spec_path,), evidence(steel_p, spec_path), category_path=True),
         Clue((category,), evidence(cat_path, category), category_path=True), name_clue],
        name=name_clue, description=Clue((description,), evidence(desc_p, description)),
        unnamed=evidence(cat_path, category),
        not_named="the document names no steel product type (rebar, HSS, hot-rolled section, plate, cold-formed...) in "
                  "specs.Steel, its category or its name",
        fabricated=fabricated, fabricated_at=fab_p, route=_route(steel_spec), name_is="the product name")


def _fabricated(spec: Any, path: str) -> tuple[bool | None, str]:
    """The deepest ``fabricated`` flag under specs.Steel (it sits on RebarSteel, HollowSections, PlateSteel...)."""
    found: tuple[bool | None, str] = (None, join(path, "fabricated"))
    node, p = spec, path
    while isinstance(node, dict):
        if isinstance(node.get("fabricated"), bool):
            found = (node["fabricated"], join(p, "fabricated"))
        child = next((k for k, v in node.items() if isinstance(v, dict) and k[:1].isupper()), None)
        if child is None:
            break
        node, p = node[child], join(p, child)
    return found


def _route(spec: Any) -> SteelRoute | None:
    route = spec.get("making_route") if isinstance(spec, dict) else None
    if not isinstance(route, dict):
        return None
    ticked = [key for key in _STEEL_ROUTE_KEYS if route.get(key) is True]
    # several routes ticked (a blend), open hearth or none: not one of the rule table's routes
    return _STEEL_ROUTE_KEYS[ticked[0]] if len(ticked) == 1 else None


def _org(doc: dict[str, Any], key: str) -> Extracted[str]:
    value, _ = get(doc, key)
    return text_at(doc, key) if isinstance(value, str) else text_at(doc, key, "name")


def _manufacturer(doc: dict[str, Any]) -> Extracted[str]:
    single = _org(doc, "manufacturer")
    if single.value is not None:
        return single
    orgs, p = get(doc, "manufacturers")
    names = [o["name"] for o in orgs if isinstance(o, dict) and isinstance(o.get("name"), str)] \
        if isinstance(orgs, list) else []
    if not names:
        return absent(p)
    return Extracted("; ".join(names), evidence(p, "; ".join(names)))


def _epd_type(doc: dict[str, Any]) -> Extracted[EpdType]:
    doctype, p = get(doc, "doctype")
    if doctype in _DOCTYPES:
        return Extracted(_DOCTYPES[doctype], evidence(p, doctype))
    return missing("the document has no doctype, so it does not say whether it is a product-specific or an "
                   "industry-wide EPD; check the EPD document", evidence(p, doctype))


def _verified(doc: dict[str, Any]) -> Extracted[bool]:
    verifier, p = get(doc, "third_party_verifier")
    name = verifier.get("name") if isinstance(verifier, dict) else verifier
    if isinstance(name, str) and name.strip():
        return Extracted(True, evidence(p, name, "a third-party verifier is named"))
    return absent(p)


def _pcr(doc: dict[str, Any]) -> Extracted[str]:
    name = text_at(doc, "pcr", "name")
    version, _ = get(doc, "pcr", "version")
    if name.value is None or version in (None, ""):
        return name
    return Extracted(f"{name.value} (version {version})", name.evidence)


def _standards(doc: dict[str, Any]) -> tuple[str, ...]:
    found = doc.get("compliance")
    if not isinstance(found, list):
        return ()
    names = (s.get("short_name") or s.get("name") if isinstance(s, dict) else s for s in found)
    return tuple(n for n in names if isinstance(n, str) and n)


def read_openepd(doc: Any, prefer_method: str | None = None) -> Epd:
    """Read an openEPD document, taking GWP from ``prefer_method`` when it is present, else by METHOD_ORDER."""
    if not isinstance(doc, dict):
        raise UnreadableEpd("The openEPD document is not a JSON object; upload one EPD document per file.", where="$")
    if not any(key in doc for key in ("impacts", "declared_unit", "product_name", "name")):
        raise UnreadableEpd("The openEPD document has no impacts, declared unit or product name, so there is no "
                            "product to read; export the full EPD from its source.", where="$")
    category, cat_path = _category(doc)
    mass = _mass_kg(doc)
    declared = _declared_unit(doc, mass)
    material = _material(doc, category, cat_path)
    product_category, notes = _product_category(doc, material, category, cat_path, declared, mass)
    strength: Extracted[Strength] = Extracted(None)
    high_early: Extracted[bool] = Extracted(None)
    if material.value is Material.CONCRETE:
        strength, high_early = _strength(doc)
    steel: Extracted[SteelType] = _steel(doc, category, cat_path) if material.value is Material.STEEL \
        else Extracted(None)
    name = text_at(doc, "product_name")
    if name.value is None:
        name = text_at(doc, "name")
    product = Product(
        name=name, material=material, declared_unit=declared,
        gwp_a1a3=_gwp(doc, declared, material.value, prefer_method), category=product_category,
        compressive_strength=strength, high_early_strength=high_early, steel=steel,
        mass_per_declared_unit_kg=mass, notes=tuple(notes),
        lightweight=_lightweight(doc, declared, mass) if material.value is Material.CONCRETE else Extracted(None),
    )
    epd_notes: list[str] = []
    url, _ = get(doc, "declaration_url")
    if isinstance(url, str):
        epd_notes.append(f"declaration {url}")
    sample, _ = get(doc, "sample_size")
    if isinstance(sample, dict):
        epd_notes.append("industry-wide sample: " + ", ".join(f"{v} {k}" for k, v in sample.items()))
    plants, _ = get(doc, "plants")
    return Epd(
        format=FORMAT,
        products=(product,),
        registration_number=text_at(doc, "program_operator_doc_id"),
        program_operator=_org(doc, "program_operator"),
        manufacturer=_manufacturer(doc),
        plants=tuple(p["name"] for p in plants if isinstance(p, dict) and isinstance(p.get("name"), str))
        if isinstance(plants, list) else (),
        issued=date_at(doc, "date_of_issue"),
        valid_until=date_at(doc, "valid_until"),
        epd_type=_epd_type(doc),
        third_party_verified=_verified(doc),
        pcr=_pcr(doc),
        standards=_standards(doc),
        notes=tuple(epd_notes),
    )


def read(doc: Any) -> Epd:
    """Read an openEPD document with the deployment's PREFERRED_METHOD."""
    return read_openepd(doc, PREFERRED_METHOD)


READER = JsonReader(format=FORMAT, claims=claims, read=read)
