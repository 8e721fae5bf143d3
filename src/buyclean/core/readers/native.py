"""buyclean's own JSON EPD format, validated against schemas/epd.schema.json."""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

import jsonschema

from buyclean.core.model import (
    Epd,
    EpdType,
    Extracted,
    Gwp,
    Material,
    Product,
    SteelProduct,
    SteelRoute,
    SteelType,
    Strength,
    missing,
)
from buyclean.core.readers import JsonReader
from buyclean.core.readers.jsondoc import bool_at, date_at, evidence, join, quantity_from, text_at
from buyclean.core.units import CYLINDER_PER_CUBE, PSI_PER_MPA, gwp_per_unit
from buyclean.errors import UnreadableEpd
from buyclean.resources import schema_text


@cache
def epd_schema() -> dict[str, Any]:
    import json

    text = schema_text("epd.schema.json")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def epd_validator() -> jsonschema.Draft202012Validator:
    """The validator of buyclean EPD documents, with format checks ('date'); built once, it holds no state."""
    return jsonschema.Draft202012Validator(epd_schema(), format_checker=jsonschema.FormatChecker())


def validate(doc: Any) -> None:
    """Raise UnreadableEpd naming the JSON path and what was expected when doc breaks the schema."""
    errors = sorted(epd_validator().iter_errors(doc),
                    key=lambda e: (len(list(e.absolute_path)), list(map(str, e.path))))
    if errors:
        first = errors[0]
        rest = len(errors) - 1
        more = f" ({rest} more problem{'s' if rest > 1 else ''} after this one)" if rest else ""
        raise UnreadableEpd(f"The buyclean EPD JSON is invalid at {first.json_path}: {first.message}{more}. "
                            "See src/buyclean/schemas/epd.schema.json for the format.", where=first.json_path)


# Parts of GWP-total and the GHG variant: read, shown, never compared (the assessment refuses them too).
_GWP_PART = re.compile(r"fossil|biogenic|luluc|land[- ]use|\bghg\b|iobc", re.IGNORECASE)


def _not_finite(value: float, path: str) -> Extracted[Any]:
    # json.loads reads NaN, Infinity and 1e999 as floats; none is a reading of an EPD
    return missing(f"the number at {path} is {value}, not a finite number; enter the value from the EPD document",
                   evidence(path, value))


def _strength(p: dict[str, Any], path: str) -> Extracted[Strength]:
    cs = p.get("compressive_strength")
    if cs is None:
        return Extracted(None)
    value, unit, kind = cs["value"], cs["unit"], cs.get("kind", "cylinder")
    if not math.isfinite(value):
        return _not_finite(value, join(join(path, "compressive_strength"), "value"))
    psi = value if unit == "psi" else value * PSI_PER_MPA
    if kind == "cube":
        psi *= CYLINDER_PER_CUBE
    return Extracted(Strength(value, unit, round(psi, 1), kind), evidence(join(path, "compressive_strength"), cs))


def _product(p: dict[str, Any], path: str) -> Product:
    du = p["declared_unit"]
    mass = p.get("mass_per_declared_unit_kg")
    mass_path = join(path, "mass_per_declared_unit_kg")
    mass_read: Extracted[float] = Extracted(None)
    if mass is not None:
        mass_read = Extracted(float(mass), evidence(mass_path, mass)) if math.isfinite(mass) \
            else _not_finite(mass, mass_path)
        mass = mass_read.value
    declared = quantity_from(f"{du['quantity']} {du['unit']}", join(path, "declared_unit"), mass_kg=mass)
    gwp_path = join(join(path, "gwp_a1a3"), "value")
    g = p["gwp_a1a3"]
    gwp: Extracted[Gwp]
    indicator = g.get("indicator", "GWP-total")
    if not math.isfinite(g["value"]):
        gwp = _not_finite(g["value"], gwp_path)
    elif declared.value is None:
        gwp = Extracted(None, evidence(gwp_path, g["value"]), review=f"the GWP cannot be normalised: {declared.review}")
    else:
        value, per = gwp_per_unit(float(g["value"]), declared.value)
        part = _GWP_PART.search(indicator)
        gwp = Extracted(Gwp(value, per, indicator, g.get("modules", "A1-A3"), g.get("method")),
                        evidence(gwp_path, g["value"]),
                        review=f"the GWP is {indicator!r}, a part of GWP-total; Buy Clean compares GWP-total or the "
                               "single (TRACI) GWP, so enter that A1-A3 value" if part else None)
    steel: Extracted[SteelType] = Extracted(None)
    if "steel" in p:
        s = p["steel"]
        steel = Extracted(SteelType(SteelProduct(s["product"]), s.get("fabricated"),
                                    SteelRoute(s["route"]) if "route" in s else None), evidence(join(path, "steel"), s))
    return Product(
        name=text_at(p, "name", path=path),
        material=Extracted(Material(p["material"]), evidence(join(path, "material"), p["material"])),
        declared_unit=declared,
        gwp_a1a3=gwp,
        category=text_at(p, "category", path=path),
        compressive_strength=_strength(p, path),
        high_early_strength=bool_at(p, "high_early_strength", path=path),
        steel=steel,
        mass_per_declared_unit_kg=mass_read,
        lightweight=bool_at(p, "lightweight", path=path),
    )


def read(doc: Any) -> Epd:
    """Read a buyclean EPD document after validating it against its schema."""
    validate(doc)
    return Epd(
        format="buyclean",
        products=tuple(_product(p, f"$.products[{i}]") for i, p in enumerate(doc["products"])),
        registration_number=text_at(doc, "registration_number"),
        program_operator=text_at(doc, "program_operator"),
        manufacturer=text_at(doc, "manufacturer"),
        plants=tuple(doc.get("plants", ())),
        issued=date_at(doc, "issued"),
        valid_until=date_at(doc, "valid_until"),
        epd_type=Extracted(EpdType(doc["epd_type"]), evidence("$.epd_type", doc["epd_type"]))
        if "epd_type" in doc else Extracted(None),
        third_party_verified=bool_at(doc, "third_party_verified"),
        pcr=text_at(doc, "pcr"),
        standards=tuple(doc.get("standards", ())),
    )


READER = JsonReader(format="buyclean", claims=lambda doc: "buyclean_epd" in doc, read=read)
