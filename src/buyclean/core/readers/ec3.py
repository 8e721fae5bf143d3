"""EC3 (Building Transparency) material/EPD records: one product per record, quantities as strings with units.

The A1-A3 value is the summary string ``gwp`` ("397.2 kgCO2e") per ``declared_unit`` ("1 yd³"); ``impacts`` is
empty. EC3 records are digitised by hand from PDFs, so the reader checks them against themselves (the GWP EC3
restates per category unit, the mass per declared unit, the category against the name and PCR) and asks for
review rather than passing a record it cannot square.
"""

from __future__ import annotations

import math
import re
import unicodedata
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
from buyclean.core.readers.jsondoc import absent, bool_at, date_at, evidence, get, quantity_from, text_at
from buyclean.core.units import (
    convert,
    convert_per_unit,
    gwp_per_unit,
    parse_gwp_amount,
    parse_quantity,
    parse_strength,
)
from buyclean.errors import UnreadableEpd

FORMAT = "ec3"


def claims(doc: Any) -> bool:
    """Claim an EC3 record: a ``category`` object beside string-or-null ``gwp``/``declared_unit`` or EC3's own ids."""
    if not isinstance(doc, dict) or not isinstance(doc.get("category"), dict):
        return False
    if any(key in doc for key in ("doctype", "buyclean_epd", "processInformation")):
        return False
    # EC3 drops null fields from its dump, so 'gwp' or 'declared_unit' may be absent; present, they are strings
    if any(key in doc and not (doc[key] is None or isinstance(doc[key], str)) for key in ("gwp", "declared_unit")):
        return False
    return any(key in doc for key in ("gwp", "declared_unit", "open_xpd_uuid", "program_operator_fkey"))


def _is_null(value: Any) -> bool:
    # the YAML dump behind these records writes a missing value as the string 'None'
    return value is None or (isinstance(value, str) and value.strip().lower() in ("", "none", "null"))


def _mass_kg(doc: dict[str, Any]) -> Extracted[float]:
    raw, p = get(doc, "mass_per_declared_unit")
    if _is_null(raw):
        return absent(p)
    q = parse_quantity(str(raw))
    kg = convert(q.value, q.unit, "kg") if q else None
    if kg is None:
        return missing(f"mass per declared unit '{raw}' at {p} is not a mass buyclean can read", evidence(p, raw))
    return Extracted(kg, evidence(p, raw))


def _declared_unit(doc: dict[str, Any], mass: Extracted[float]) -> Extracted[Quantity]:
    raw, p = get(doc, "declared_unit")
    if _is_null(raw):
        # EC3's category default unit is what EC3 would compare in, not what the EPD declared: a candidate only
        cat_raw, cat_p = get(doc, "category", "declared_unit")
        cat_q = parse_quantity(str(cat_raw)) if isinstance(cat_raw, str) else None
        candidates = (Candidate(cat_q, evidence(cat_p, cat_raw, "EC3 category default")),) if cat_q else ()
        return Extracted(None, evidence(p, raw), candidates,
                         "EC3 record has no declared unit (declared_unit is absent or null), so the GWP cannot be "
                         "placed; take the declared unit from the EPD document")
    return quantity_from(str(raw), p, mass_kg=mass.value)


def _gwp(doc: dict[str, Any], declared: Extracted[Quantity], material: Material | None) -> Extracted[Gwp]:
    raw, p = get(doc, "gwp")
    if _is_null(raw):
        return missing("EC3 record has no GWP (gwp is absent or null); take the A1-A3 GWP from the EPD document",
                       evidence(p, raw))
    amount = parse_gwp_amount(str(raw))
    if amount is None:
        return missing(f"EC3 GWP '{raw}' is not an amount of kgCO2e buyclean can read; check the EPD document",
                       evidence(p, raw))
    if declared.value is None:
        return missing(f"the GWP {raw} cannot be normalised because the declared unit is unknown ({declared.review})",
                       evidence(p, raw))
    value, per = gwp_per_unit(amount, declared.value)
    # EC3 keeps one summary GWP and does not say which LCIA method produced it
    gwp = Gwp(value, per, "GWP", "A1-A3", None)
    ev = evidence(p, raw)
    reason = implausible_gwp(material, gwp) or _disagrees_with_ec3(doc, gwp)
    return Extracted(gwp, ev, review=reason)


def _disagrees_with_ec3(doc: dict[str, Any], gwp: Gwp) -> str | None:
    """Compare our normalised GWP with the value EC3 restates per its category unit: a unit misread shows here."""
    restated, _ = get(doc, "gwp_per_category_declared_unit")
    cat_unit, _ = get(doc, "category", "declared_unit")
    if not isinstance(restated, str) or not isinstance(cat_unit, str):
        return None
    ec3_value = parse_gwp_amount(restated)
    cat_q = parse_quantity(cat_unit)
    if ec3_value is None or cat_q is None:
        return None
    per_cat_unit = convert_per_unit(gwp.value, gwp.per_unit, cat_q.unit)
    if per_cat_unit is None:
        return None
    ours = per_cat_unit * cat_q.value
    if math.isclose(ours, ec3_value, rel_tol=0.01, abs_tol=1e-9):
        return None
    return (f"the GWP read here is {ours:.4g} kgCO2e per {cat_unit} but EC3 itself restates {restated} "
            f"(gwp_per_category_declared_unit); check the declared unit in the EPD document")


def _category(doc: dict[str, Any]) -> tuple[str | None, str]:
    for key in ("openepd", "openepd_name", "name"):
        value, p = get(doc, "category", key)
        if isinstance(value, str) and value.strip():
            return value.strip(), p
    return None, "$.category.openepd"


def _material(doc: dict[str, Any], category: str | None, cat_path: str) -> Extracted[Material]:
    display, _ = get(doc, "category", "display_name")
    name, name_p = get(doc, "name")
    description, _ = get(doc, "description")
    pcr, pcr_p = get(doc, "pcr", "name")
    name_s, pcr_s, description_s = text_or_none(name), text_or_none(pcr), text_or_none(description)
    return classify_material(
        [Clue((category, text_or_none(display)), evidence(cat_path, category)),
         Clue((name_s, description_s), evidence(name_p, name, "no Buy Clean material in the EC3 category; read from "
                                                              "the name or description"))],
        unnamed=evidence(cat_path, category, "no Buy Clean material named"),
        # e.g. built-up roofing under 'Asphalt', fibre-cement board under 'Cement': not what the rule tables mean
        misfiled_clues=[Clue((name_s,), evidence(name_p, name_s)), Clue((pcr_s,), evidence(pcr_p, pcr_s)),
                        Clue((description_s,), evidence("$.description", description_s))],
        filed_under=f"EC3 files it under {category!r}")


def _product_category(doc: dict[str, Any], material: Extracted[Material], category: str | None, cat_path: str,
                      declared: Extracted[Quantity], mass: Extracted[float]) -> tuple[Extracted[str], list[str]]:
    """The category text a rules engine sees, and notes; concrete that is not ready-mix says so in the text."""
    notes: list[str] = []
    if category is None:
        return absent(cat_path), notes
    text = category
    if material.value is not Material.CONCRETE:
        return Extracted(text, evidence(cat_path, category)), notes
    name, _ = get(doc, "name")
    pcr, _ = get(doc, "pcr", "name")
    display, _ = get(doc, "category", "display_name")
    name_s = name if isinstance(name, str) else None
    pcr_s = pcr if isinstance(pcr, str) else None
    if not text.lower().startswith("concrete"):
        text = f"Concrete >> {text}"
    review: str | None = None
    if not is_cast_in_place_concrete(category, display if isinstance(display, str) else None):
        notes.append(f"{text}: a concrete product that is not ready-mix; the Buy Clean concrete limits in "
                     "buyclean's sources cover ready-mix concrete only")
    elif not is_cast_in_place_concrete(name_s, pcr_s):
        said = name_s if not is_cast_in_place_concrete(name_s) else pcr_s
        review = (f"EC3 files it under {category!r} but {said!r} names a masonry, precast or other manufactured "
                  "concrete product; check which it is")
    light, _ = get(doc, "lightweight")
    if light is True:
        notes.append("EC3 marks this concrete as lightweight; GSA's lightweight limits are not in buyclean's sources")
    return Extracted(text, evidence(cat_path, category), review=review), notes


def _lightweight(doc: dict[str, Any], declared: Extracted[Quantity], mass: Extracted[float]) -> Extracted[bool]:
    """EC3's lightweight flag; a normal-weight flag that the mass per declared unit contradicts asks for review."""
    flag = bool_at(doc, "lightweight")
    review = lightweight_concrete_review(_density_kg_m3(declared, mass), flag.value, flag.evidence.path or "")
    return Extracted(None, flag.evidence, (Candidate(True, mass.evidence), Candidate(False, flag.evidence)),
                     review) if review else flag


def _density_kg_m3(declared: Extracted[Quantity], mass: Extracted[float]) -> float | None:
    if declared.value is None or mass.value is None:
        return None
    m3 = convert(declared.value.value, declared.value.unit, "m3")
    return mass.value / m3 if m3 else None


def _strength(doc: dict[str, Any]) -> tuple[Extracted[Strength], Extracted[bool]]:
    raw, p = get(doc, "concrete_compressive_strength_28d")
    other, other_p = get(doc, "concrete_compressive_strength_other")
    days, days_p = get(doc, "concrete_compressive_strength_other_d")
    high_early: Extracted[bool] = Extracted(None)
    if isinstance(other, str) and isinstance(days, (int, float)) and days <= HIGH_EARLY_DAYS:
        high_early = Extracted(None, evidence(days_p, days), (Candidate(True, evidence(other_p, other)),),
                               f"the record specifies {other} at {days:g} days, which suggests a high-early-strength "
                               "mix; confirm it is required for technical reasons before applying the +30% allowance")
    if _is_null(raw):
        if isinstance(other, str):
            return missing(f"the record gives no 28-day strength, only {other} at {days} days "
                           f"({other_p}); take the specified 28-day strength from the EPD document",
                           evidence(other_p, other)), high_early
        return absent(p), high_early
    strength = parse_strength(str(raw))
    if strength is None:
        return missing(f"strength '{raw}' at {p} is not a strength buyclean can read", evidence(p, raw)), high_early
    # EC3 converts units with float noise ('2000.0000000000002 psi', '13.78951 MPa' for 2000 psi)
    strength = replace(strength, value=round(strength.value, 6), psi=round(strength.psi, 1))
    return Extracted(strength, evidence(p, raw)), high_early


def _steel(doc: dict[str, Any], category: str | None, cat_path: str) -> Extracted[SteelType]:
    name, name_p = get(doc, "name")
    name_s = text_or_none(name)
    description, desc_p = get(doc, "description")
    fabricated, fab_p = _first_bool(doc, "fabricated", "steel_fabricated")
    name_clue = Clue((name_s,), evidence(name_p, name_s))
    return classify_steel(
        [Clue((category,), evidence(cat_path, category), category_path=True), name_clue],
        name=name_clue,
        description=Clue((text_or_none(description),), evidence(desc_p, description)),
        unnamed=evidence(cat_path, category),
        not_named=f"EC3 names no steel product type (rebar, HSS, hot-rolled section, plate, cold-formed...) in the "
                  f"category {category!r} or the name {name_s!r}",
        fabricated=fabricated, fabricated_at=fab_p, route=_route(doc))


def _first_bool(doc: dict[str, Any], *keys: str) -> tuple[bool | None, str]:
    for key in keys:
        value = bool_at(doc, key)
        if value.value is not None:
            return value.value, value.evidence.path or f"$.{key}"
    return None, f"$.{keys[0]}"


_ROUTES = {"eaf": SteelRoute.EAF, "bof": SteelRoute.INTEGRATED, "ohf": None}  # open hearth: no row in any table


def _route_of(ticked: set[str]) -> SteelRoute | None:
    # one route ticked names it; a blend (EAF and BOF), open hearth or nothing is not a route of the rule tables
    return _ROUTES[ticked.pop()] if len(ticked) == 1 else None


def _route(doc: dict[str, Any]) -> SteelRoute | None:
    """The steelmaking route: the nested ``making_route {eaf, bof, ohf}`` or the flat booleans of the public EC3
    export (``steel_making_route_eaf``, ``_bof``, ``_ohf``)."""
    for key in ("making_route", "steel_making_route"):
        value, _ = get(doc, key)
        if isinstance(value, dict):
            ticked = {r for r in _ROUTES if value.get(r) is True}
            if ticked:
                return _route_of(ticked)
    flat = {r for r in _ROUTES if doc.get(f"steel_making_route_{r}") is True}
    return _route_of(flat) if flat else None


_RUNNING_TEXT = re.compile(r"^(and|or|of|the|for|with|by|in|to|from)\b")


def _name(doc: dict[str, Any]) -> Extracted[str]:
    name = text_at(doc, "name")
    # EC3's PDF digitiser sometimes takes a line of running text as the name ('and manufacturer represented')
    if name.value is not None and _RUNNING_TEXT.match(name.value):
        return replace(name, review=f"the product name {name.value!r} looks like a fragment of running text; take "
                                    "the product name from the EPD document")
    return name


_TOOL_VERSION = re.compile(r"\s*so\S{1,3}ware\s*version.*$", re.IGNORECASE)
_DATABASE_ID = re.compile(r"[0-9a-f]{32}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", re.IGNORECASE)
_MIX_NAME = re.compile(r"^mix\b", re.IGNORECASE)
_TELEPHONE = re.compile(r"\d{3}[.\- ]\d{3}[.\- ]\d{4}")


def _registration(doc: dict[str, Any]) -> Extracted[str]:
    raw, p = get(doc, "program_operator_fkey")
    if _is_null(raw):
        return absent(p)
    text = " ".join(unicodedata.normalize("NFKC", str(raw)).split())
    # NAPA records carry the EPD tool's version after the number ('44.130.299 v3 Software Version2.0.0')
    # ('Soﬅware': the PDF's 'ft' ligature was read as U+FB05, which NFKC turns into 'st')
    cleaned = _TOOL_VERSION.sub("", text).strip()
    note = f"trailing {text[len(cleaned):].strip()!r} removed" if cleaned != text else None
    name, _ = get(doc, "name")
    if _DATABASE_ID.fullmatch(cleaned):
        why = "is a database identifier, not an EPD registration number"
    elif cleaned == name or _MIX_NAME.match(cleaned):
        why = "is the mix name, not an EPD registration number"
    elif _TELEPHONE.fullmatch(cleaned):
        why = "has the shape of a telephone number, not an EPD registration number"
    else:
        return Extracted(cleaned, evidence(p, raw, note))
    return Extracted(None, evidence(p, raw), (Candidate(cleaned, evidence(p, raw)),),
                     f"program_operator_fkey {cleaned!r} {why}; take the EPD number from the EPD document")


def _epd_type(doc: dict[str, Any]) -> Extracted[EpdType]:
    raw = text_at(doc, "declaration_type")
    if raw.value is None:
        return missing(evidence=raw.evidence)
    low = raw.value.lower()
    if "industry" in low or "sector" in low:
        return Extracted(EpdType.INDUSTRY_AVERAGE, raw.evidence)
    if "product" in low:
        specific = bool_at(doc, "product_specific")
        if specific.value is False:
            return Extracted(EpdType.PRODUCT_GROUP_AVERAGE, specific.evidence)
        plant = bool_at(doc, "plant_specific")
        if plant.value is True:
            # EC3's plant_specific: the EPD is for one plant (for steel, the mill that made it)
            return Extracted(EpdType.FACILITY_SPECIFIC, plant.evidence)
        return Extracted(EpdType.PRODUCT_SPECIFIC, raw.evidence)
    return Extracted(EpdType.UNKNOWN, raw.evidence, review=f"declaration type {raw.value!r} is not a product-specific "
                                                            "or industry-wide EPD; check what the document is")


def _org_name(doc: dict[str, Any], key: str) -> Extracted[str]:
    value, _ = get(doc, key)
    if isinstance(value, str):
        return text_at(doc, key)
    return text_at(doc, key, "name")


def _pcr(doc: dict[str, Any]) -> Extracted[str]:
    name = text_at(doc, "pcr", "name")
    version, _ = get(doc, "pcr", "version")
    if name.value is None or version in (None, ""):
        return name
    return Extracted(f"{name.value} (version {version})", name.evidence)


def _plants(doc: dict[str, Any]) -> tuple[str, ...]:
    name, _ = get(doc, "plant_or_group", "name")
    # 'Lindner Default for IBU' is EC3's placeholder when the EPD names no plant
    if isinstance(name, str) and name.strip() and " Default for " not in name:
        return (name.strip(),)
    return ()


def _ec3_checks(doc: dict[str, Any]) -> list[str]:
    """EC3's own data-quality flags, kept as notes so a reviewer sees them."""
    notes: list[str] = []
    for key in ("failures", "errors"):
        found, _ = get(doc, key)
        if isinstance(found, dict):
            for field_name, messages in found.items():
                for message in messages if isinstance(messages, list) else [messages]:
                    notes.append(f"EC3 {key[:-1]} on {field_name}: {message}")
    return notes


def read(doc: Any) -> Epd:
    """Read one EC3 material/EPD record."""
    if bool_at(doc, "not_an_epd").value is True:
        raise UnreadableEpd("EC3 marks this record as not an EPD (not_an_epd is true); upload the EPD itself.",
                            where="$.not_an_epd")
    category, cat_path = _category(doc)
    mass = _mass_kg(doc)
    declared = _declared_unit(doc, mass)
    material = _material(doc, category, cat_path)
    gwp = _gwp(doc, declared, material.value)
    product_category, notes = _product_category(doc, material, category, cat_path, declared, mass)
    strength: Extracted[Strength] = Extracted(None)
    high_early: Extracted[bool] = Extracted(None)
    if material.value is Material.CONCRETE:
        strength, high_early = _strength(doc)
    steel: Extracted[SteelType] = _steel(doc, category, cat_path) if material.value is Material.STEEL \
        else Extracted(None)
    if material.value is Material.OTHER and material.candidates:
        notes.append(f"Filed by EC3 under {category!r}, but not a product the Buy Clean rules for "
                     f"{material.candidates[0].value.value.replace('_', ' ')} cover ({material.evidence.text!r})")
    product = Product(
        name=_name(doc), material=material, declared_unit=declared, gwp_a1a3=gwp, category=product_category,
        compressive_strength=strength, high_early_strength=high_early, steel=steel,
        mass_per_declared_unit_kg=mass, notes=tuple(notes + _ec3_checks(doc)),
        lightweight=_lightweight(doc, declared, mass) if material.value is Material.CONCRETE else Extracted(None),
    )
    epd_notes: list[str] = []
    link, _ = get(doc, "original_ec3_link")
    if isinstance(link, str):
        epd_notes.append(f"EC3 record {link}")
    if bool_at(doc, "multiproduct").value is True:
        described, _ = get(doc, "pcr_notes")
        epd_notes.append("EC3 marks this EPD as covering several products"
                         + (f": {described}" if isinstance(described, str) else ""))
    return Epd(
        format=FORMAT,
        products=(product,),
        registration_number=_registration(doc),
        program_operator=_org_name(doc, "program_operator"),
        manufacturer=_org_name(doc, "manufacturer"),
        plants=_plants(doc),
        issued=date_at(doc, "date_of_issue"),
        valid_until=date_at(doc, "date_validity_ends"),
        epd_type=_epd_type(doc),
        third_party_verified=bool_at(doc, "third_party_verified"),
        pcr=_pcr(doc),
        notes=tuple(epd_notes),
    )


READER = JsonReader(format=FORMAT, claims=claims, read=read)
