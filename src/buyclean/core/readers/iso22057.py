"""EN ISO 22057 JSON (the EPD Norway digital EPD pilot) read into an Epd.

The document is two name/value lists: ``subScenarios[].subScenarioItems[]`` ({name, value}) for what the EPD says
about itself, and ``subIndicators[].subIndicatorItems[].values[]`` ({name: module, unit, value}) for the results.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from buyclean.core.classification import Clue, classify_material
from buyclean.core.model import Candidate, Epd, EpdType, Evidence, Extracted, Gwp, Material, Product, Quantity, missing
from buyclean.core.readers import JsonReader
from buyclean.core.readers.ilcd import gwp_from_amount, strength_from_names
from buyclean.core.readers.jsondoc import ModuleAmount, a1a3_amount, evidence, join, parse_date
from buyclean.core.units import parse_number

# Operators under their legal or older names; the name as written stays in the evidence.
_OPERATORS = {
    "næringslivets stiftelse for miljødeklarasjoner": "EPD Norway",
    "the norwegian epd foundation": "EPD Norway",
    "epd-norge": "EPD Norway",
    "epd norge": "EPD Norway",
    "epd norway": "EPD Norway",
}

# ISO 22057 gives the declared unit as a quantity per dimension, in SI units.
_REFERENCE_QUANTITIES = {
    "reference quantity (area)": "m2",
    "reference quantity (item)": "item",
    "reference quantity (length)": "m",
    "reference quantity (mass)": "kg",
    "reference quantity (volume)": "m3",
}
_DESCRIPTIONS = ("main product components or materials - type", "application", "production technology")

# .NET's en-US DateTime text ('4/19/2026 12:00:00 AM'), which the pilot's exporter writes.
_SLASH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)?\s*$", re.I)
_DATE_FIELDS = ("data set valid until", "publication date of epd", "revision date of epd")

Fields = dict[str, tuple[Any, str]]


def _fields(doc: dict[str, Any]) -> Fields:
    """Every scenario item by its lower-case name: (value, JSON path of the value); the first one wins."""
    found: Fields = {}
    scenarios = doc.get("subScenarios")
    for i, scenario in enumerate(scenarios if isinstance(scenarios, list) else []):
        items = scenario.get("subScenarioItems") if isinstance(scenario, dict) else None
        for j, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                found.setdefault(item["name"].strip().lower(), (item.get("value"),
                                                                f"$.subScenarios[{i}].subScenarioItems[{j}].value"))
    return found


def _where(name: str) -> str:
    return f"$.subScenarios[*].subScenarioItems[?(@.name=='{name}')].value"


def _text(fields: Fields, *names: str) -> Extracted[str]:
    """The first non-empty text among the named items."""
    for name in names:
        value, p = fields.get(name, (None, _where(name)))
        if isinstance(value, str) and value.strip():
            return Extracted(value.strip(), evidence(p, value))
    return missing(evidence=Evidence(path=fields.get(names[0], (None, _where(names[0])))[1]))


def _date_order(fields: Fields) -> tuple[str, str] | None:
    """('M/D/Y' or 'D/M/Y', the item that shows it) when a date in the document can only be read one way."""
    orders: dict[str, str] = {}
    for name in _DATE_FIELDS:
        match = _SLASH_DATE.match(str(fields.get(name, ("", ""))[0] or ""))
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            if second > 12 >= first:
                orders.setdefault("M/D/Y", name)
            elif first > 12 >= second:
                orders.setdefault("D/M/Y", name)
    # one exporter writes one order; a document that shows both tells us nothing
    return next(iter(orders.items())) if len(orders) == 1 else None


def _date(fields: Fields, name: str, order: tuple[str, str] | None) -> Extracted[dt.date]:
    value, p = fields.get(name, (None, _where(name)))
    if value is None or (isinstance(value, str) and not value.strip()):
        return missing(evidence=Evidence(path=p))
    text = str(value).strip()
    iso = parse_date(text)
    if iso is not None:
        return Extracted(iso, evidence(p, value))
    match = _SLASH_DATE.match(text)
    if match is None:
        return missing(f"'{text}' at {p} is not a date buyclean can read; enter it by hand", evidence(p, value))
    first, second, year = (int(g) for g in match.groups())
    mdy, dmy = _make_date(year, first, second), _make_date(year, second, first)
    if mdy is None and dmy is None:
        return missing(f"'{text}' at {p} is not a calendar date; enter it by hand", evidence(p, value))
    if mdy is None or dmy is None or mdy == dmy:
        day = mdy or dmy
        assert day is not None
        note = None if mdy == dmy else "the only possible reading: " + ("M/D/Y" if mdy else "D/M/Y")
        return Extracted(day, evidence(p, value, note))
    if order is not None:
        day = mdy if order[0] == "M/D/Y" else dmy
        return Extracted(day, evidence(p, value, f"read as {order[0]}: '{order[1]}' in this document can only be "
                                                 f"read that way"))
    return Extracted(None, evidence(p, value),
                     (Candidate(mdy, evidence(p, value, "read as M/D/Y (the US order of the exporter's timestamps)")),
                      Candidate(dmy, evidence(p, value, "read as D/M/Y"))),
                     f"'{text}' at {p} is {mdy:%d %B %Y} read as M/D/Y or {dmy:%d %B %Y} read as D/M/Y, and no "
                     "date in the document settles the order; check the date in the EPD document")


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _program_operator(fields: Fields) -> Extracted[str]:
    raw = _text(fields, "epd programme operator", "epd program operator")
    if raw.value is None:
        return raw
    name = _OPERATORS.get(raw.value.lower())
    if name is None or name == raw.value:
        return raw
    return Extracted(name, evidence(raw.evidence.path or "", raw.value, f"'{raw.value}' is {name}"))


def _registration_number(fields: Fields) -> Extracted[str]:
    number = _text(fields, "epd registration number", "reference to original epd")
    if number.value is None:
        # the exporter left the field empty: a fact about this file, shown as such rather than as a doubt
        return Extracted(None, Evidence(path=number.evidence.path, text="",
                                        note="the 'EPD registration number' field is empty"))
    return number


def _epd_type(fields: Fields) -> Extracted[EpdType]:
    product = _text(fields, "epd type - product representativeness according to en 15804",
                    "epd type - product representativeness according to iso 21930")
    makers = _text(fields, "epd type - manufacturer representation according to en 15804",
                   "epd type - manufacturer representation according to iso 21930")
    if product.value is None and makers.value is None:
        return Extracted(EpdType.UNKNOWN, Evidence(path=product.evidence.path, note="the EPD type fields are empty"))
    words = " ".join(t.value for t in (product, makers) if t.value).lower()
    found = product if product.value else makers
    if re.search(r"(several|multiple|group of|average of)\s+(\w+\s+)?manufacturers|association|industry|sector|"
                 r"representative|generic", words):
        return Extracted(EpdType.INDUSTRY_AVERAGE, found.evidence)
    if re.search(r"(several|multiple|average of|group of)\s+(\w+\s+)?(plants|facilities|sites|factories)", words):
        return Extracted(EpdType.COMPANY_AVERAGE, found.evidence)
    if re.search(r"\b(one|single|specific)\s+(\w+\s+)?(plant|facility|site|factory)\b", words):
        return Extracted(EpdType.FACILITY_SPECIFIC, found.evidence)
    if re.search(r"several|multiple", words):
        return Extracted(EpdType.INDUSTRY_AVERAGE, found.evidence)
    if "worst" in words:
        return Extracted(EpdType.WORST_CASE, found.evidence)
    if "average" in words:
        return Extracted(EpdType.PRODUCT_GROUP_AVERAGE, found.evidence)
    if "specific" in words:
        return Extracted(EpdType.PRODUCT_SPECIFIC, found.evidence)
    return Extracted(EpdType.UNKNOWN, found.evidence, (),
                     f"the EPD type '{words}' is not one buyclean recognises; check the EPD type in the document")


def _third_party_verified(fields: Fields) -> Extracted[bool]:
    kind = _text(fields, "type of verification")
    if kind.value is None:
        return missing(evidence=kind.evidence)
    text = kind.value.split("|")[0].strip()
    if re.search(r"external|third[- ]party|independent", text, re.I):
        return Extracted(True, kind.evidence)
    return Extracted(None, kind.evidence, (),
                     f"the verification is '{text}', not an external verification of this EPD; decide whether the "
                     "program accepts it as third-party verification")


def _declared_unit(fields: Fields) -> tuple[Extracted[Quantity], Extracted[float]]:
    """The declared unit from the reference quantities, else from the mass per declared unit."""
    raw, mp = fields.get("mass conversion factor", (None, _where("mass conversion factor")))
    kg = parse_number(raw) if isinstance(raw, str) else None
    mass: Extracted[float] = (Extracted(kg, evidence(mp, raw, "mass conversion factor: kg per declared unit"))
                              if kg and kg > 0 else missing(evidence=Evidence(path=mp)))
    readings = []
    for name, unit in _REFERENCE_QUANTITIES.items():
        value, p = fields.get(name, (None, _where(name)))
        amount = parse_number(value) if isinstance(value, str) else None
        if amount is not None and amount > 0:
            readings.append(Candidate(Quantity(amount, unit), evidence(p, value, name)))
    if len(readings) == 1:
        return Extracted(readings[0].value, readings[0].evidence), mass
    if readings:
        said = " and as ".join(f"{c.value.value:g} {c.value.unit} ({c.evidence.note})" for c in readings)
        return Extracted(None, readings[0].evidence, tuple(readings),
                         f"the declared unit is given as {said}; confirm which one the results are per in the EPD "
                         "document"), mass
    if mass.value is None:
        return missing("no reference quantity and no mass conversion factor is filled in; check the declared unit in "
                       "the EPD document", Evidence(path=_where("reference quantity (...)"))), mass
    quantity = Quantity(mass.value, "kg")
    note = "no reference quantity is filled in; the declared unit is the mass per declared unit"
    agrees = _text_mentions_mass(fields, mass.value)
    if agrees is not None:
        return Extracted(quantity, evidence(mp, raw, f"{note}; '{agrees}' in the description agrees")), mass
    return Extracted(quantity, evidence(mp, raw, note), (),
                     f"no reference quantity is filled in, so the declared unit is taken as the mass conversion "
                     f"factor ({mass.value:g} kg) with nothing to confirm it; check the declared unit in the EPD"), mass


def _text_mentions_mass(fields: Fields, kg: float) -> str | None:
    """The words in the product descriptions that name this mass ('1 tonn', '1000 kg'), if any."""
    patterns = [rf"\b{kg:g}\s*kg\b"]
    if abs(kg - 1000.0) < 1e-6:
        patterns.append(r"\b1\s*(?:tonn|tonne|tonnes|t|metric ton)\b")
    for name in _DESCRIPTIONS:
        text = fields.get(name, (None, ""))[0]
        for pattern in patterns:
            match = re.search(pattern, text, re.I) if isinstance(text, str) else None
            if match:
                return match.group(0)
    return None


def _gwp(doc: dict[str, Any], declared: Extracted[Quantity], mass: Extracted[float],
         material: Material | None) -> Extracted[Gwp]:
    """GWP-total from the EN 15804+A2 indicators, else GWP from the +A1 ones; never fossil, biogenic or luluc."""
    groups = doc.get("subIndicators")
    wanted = ((r"\+\s*A2\b", r"global warming potential\s*[-–]?\s*total", "GWP-total", "EN 15804+A2"),
              (r"\+\s*A1\b", r"global warming potential", "GWP", "EN 15804+A1"))
    for group_pattern, item_pattern, indicator, method in wanted:
        for i, group in enumerate(groups if isinstance(groups, list) else []):
            if not isinstance(group, dict) or not re.search(group_pattern, str(group.get("name", ""))):
                continue
            items = group.get("subIndicatorItems")
            for j, item in enumerate(items if isinstance(items, list) else []):
                if not isinstance(item, dict) or not re.fullmatch(item_pattern, str(item.get("name", "")).strip(),
                                                                  re.I):
                    continue
                path = f"$.subIndicators[{i}].subIndicatorItems[{j}].values"
                values = item.get("values")
                entries = [(v, join(path, k)) for k, v in enumerate(values if isinstance(values, list) else [])
                           if isinstance(v, dict)]
                amount = a1a3_amount([ModuleAmount(str(v.get("name")), v.get("value"), join(p, "value"))
                                      for v, p in entries], path)
                return gwp_from_amount(amount, declared, mass.value, material, indicator, method,
                                       _unit_review(entries))
    return missing("no 'global warming potential - total' (EN 15804+A2) or 'global warming potential' (+A1) indicator "
                   "in subIndicators; check the EPD's results table", Evidence(path="$.subIndicators"))


def _unit_review(entries: list[tuple[dict[str, Any], str]]) -> str | None:
    for value, p in entries:
        unit = str(value.get("unit", ""))
        if str(value.get("name", "")).upper() in ("A1", "A2", "A3", "A1-A3") and not re.sub(
                r"[\s.\-]", "", unit.lower()).startswith("kgco2"):
            return f"the GWP unit at {join(p, 'unit')} is '{unit}', not kg CO2-eq.; check the unit in the EPD"
    return None


def _product(doc: dict[str, Any], fields: Fields) -> Product:
    name = _text(fields, "product name", "alternative name")
    if name.value is None:
        name = missing("the 'product name' field is empty; name the product by hand", name.evidence)
    names = [(name.value, name.evidence.path or "")] if name.value else []
    language = _text(fields, "language according to iso 639-1")
    doubt = None
    if (language.value or "en").lower() != "en":
        # buyclean knows only a few words of other languages: do not call a product 'other' on their strength alone
        doubt = (f"the product name is in '{language.value}' and names no material buyclean knows; confirm the "
                 "product is not concrete, steel, asphalt, glass, cement or insulation")
    material = classify_material([Clue((name.value,), name.evidence)], unnamed_review=doubt,
                                 unnamed=Evidence(path=name.evidence.path, text=name.value,
                                                  note="no Buy Clean material is named in the product name"))
    declared, mass = _declared_unit(fields)
    return Product(name=name, material=material, declared_unit=declared,
                   gwp_a1a3=_gwp(doc, declared, mass, material.value),
                   compressive_strength=strength_from_names(names, material.value), mass_per_declared_unit_kg=mass)


def claims(doc: Any) -> bool:
    """Claim an EN ISO 22057 document: the subScenarios and subIndicators name/value lists."""
    if not isinstance(doc, dict) or any(key in doc for key in ("impacts", "doctype", "gwp", "buyclean_epd",
                                                                "processInformation")):
        return False
    if isinstance(doc.get("category"), dict):
        return False  # EC3's category object: claims stay exclusive
    scenarios, indicators = doc.get("subScenarios"), doc.get("subIndicators")
    return (isinstance(scenarios, list) and isinstance(indicators, list)
            and any(isinstance(s, dict) and "subScenarioItems" in s for s in scenarios))


def read(doc: Any) -> Epd:
    """Read an EN ISO 22057 JSON document."""
    fields = _fields(doc)
    order = _date_order(fields)
    plant = _text(fields, "production site(s) name")
    core = _text(fields, "core pcr")
    return Epd(format="iso22057", products=(_product(doc, fields),),
               registration_number=_registration_number(fields), program_operator=_program_operator(fields),
               manufacturer=_text(fields, "manufacturer(s) providing data", "name of owner"),
               plants=(plant.value,) if plant.value else (), issued=_date(fields, "publication date of epd", order),
               valid_until=_date(fields, "data set valid until", order), epd_type=_epd_type(fields),
               third_party_verified=_third_party_verified(fields),
               pcr=_text(fields, "programme operator product level pcr", "product level pcr standard", "core pcr"),
               standards=(core.value,) if core.value else ())


READER = JsonReader(format="iso22057", claims=claims, read=read)
