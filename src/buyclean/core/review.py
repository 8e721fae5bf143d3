"""Apply officers' review decisions to an Epd: a chosen candidate or an entered value replaces an uncertain one.

Decisions keep what the officer typed; they are parsed here each time they are applied, so re-reading the stored
file and applying every decision in order always rebuilds the same Epd.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from buyclean.core.model import Epd, EpdType, Evidence, Extracted, Gwp, Material, Product, Quantity
from buyclean.core.units import gwp_per_unit, parse_number, parse_quantity, parse_strength, parse_unit
from buyclean.errors import InvalidReview


@dataclass(frozen=True)
class Decision:
    """One resolution: for ``field`` of product ``product_index`` (None: the EPD itself), a candidate or a value."""

    field: str
    reviewer: str
    justification: str
    product_index: int | None = None
    candidate: int | None = None
    value: Any = None  # what the officer entered, e.g. "245 kgCO2e/m3", "4000 psi", "2029-02-28"

    def note(self) -> str:
        return f"set by review: {self.reviewer}: {self.justification}"


def _number(text: str) -> float:
    value = parse_number(text.strip())
    if value is None:
        raise InvalidReview(f"'{text}' is not a number; write it like 245 or 245.5.", where="value")
    return value


_GWP_TEXT = re.compile(r"^\s*(?P<number>[-+]?[\d.,]+(?:[eE][-+]?\d+)?)\s*(?:kg\s*co2[- ]?e?q?\.?)?\s*"
                       r"(?:(?:/|per)\s*(?P<unit>.+))?$", re.IGNORECASE)


def _gwp(text: str, product: Product) -> Gwp:
    """Read '245' (per the declared unit) or '245 kgCO2e/m3' into a Gwp per one reporting unit."""
    m = _GWP_TEXT.match(text)
    if m is None:
        raise InvalidReview(f"'{text}' is not a GWP amount; write it like 245 (per the declared unit) or "
                            "245 kgCO2e/m3.", where="value")
    amount = _number(m.group("number"))
    if m.group("unit"):
        unit = parse_unit(m.group("unit"))
        if unit is None:
            raise InvalidReview(f"'{m.group('unit')}' is not a unit buyclean knows; use m3, yd3, t, short_ton, kg, "
                                "m2 or m.", where="value")
        declared = Quantity(1.0, unit)
    elif product.declared_unit.value is not None:
        declared = product.declared_unit.value
    else:
        raise InvalidReview("The declared unit is unknown, so a bare number cannot be placed; write the unit, "
                            "e.g. 245 kgCO2e/m3, or set the declared unit first.", where="value")
    value, per = gwp_per_unit(amount, declared)
    old = product.gwp_a1a3.value
    return Gwp(value, per, old.indicator if old else "GWP-total", old.modules if old else "A1-A3",
               old.method if old else None)


def _material(text: str) -> Material:
    try:
        return Material(text.strip().lower())
    except ValueError:
        raise InvalidReview(f"'{text}' is not a material; choose one of {', '.join(m.value for m in Material)}.",
                            where="value") from None


def _strength(text: str) -> object:
    strength = parse_strength(text)
    if strength is None:
        raise InvalidReview(f"'{text}' is not a compressive strength; write it like 4000 psi, 27.6 MPa or C30/37.",
                            where="value")
    return strength


def _quantity(text: str) -> Quantity:
    quantity = parse_quantity(text)
    if quantity is None:
        raise InvalidReview(f"'{text}' is not a declared unit; write it like 1 m3, 1 yd3 or 1000 kg.", where="value")
    return quantity


def _mass(text: str) -> float:
    mass = _number(text)
    if mass <= 0:
        raise InvalidReview("The mass per declared unit must be above zero.", where="value")
    return mass


def _flag(text: str) -> bool:
    answer = text.strip().lower()
    if answer in ("yes", "true", "1"):
        return True
    if answer in ("no", "false", "0"):
        return False
    raise InvalidReview(f"'{text}' is not yes or no.", where="value")


def _epd_type(text: str) -> EpdType:
    try:
        return EpdType(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise InvalidReview(f"'{text}' is not an EPD type; choose one of {', '.join(t.value for t in EpdType)}.",
                            where="value") from None


def _text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidReview("Enter the text as the EPD prints it.", where="value")
    return cleaned


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidReview(f"'{text}' is not a date; write it as YYYY-MM-DD.", where="value") from None


# field -> how an entered text becomes the field's value (given the product, for the GWP's declared unit)
PRODUCT_FIELDS: dict[str, Callable[[str, Product], object]] = {
    "gwp_a1a3": _gwp,
    "compressive_strength": lambda text, _: _strength(text),
    "material": lambda text, _: _material(text),
    "declared_unit": lambda text, _: _quantity(text),
    "mass_per_declared_unit_kg": lambda text, _: _mass(text),
    "high_early_strength": lambda text, _: _flag(text),
    # an officer's confirmation that high early strength is (yes) or is not (no) required for technical reasons:
    # only a yes lets a row's high-early-strength allowance (+30% under GSA) apply
    "high_early_strength_required": lambda text, _: _flag(text),
    "lightweight": lambda text, _: _flag(text),
}
EPD_FIELDS: dict[str, Callable[[str], object]] = {"valid_until": _date, "issued": _date, "epd_type": _epd_type,
                                                  "third_party_verified": _flag, "pcr": _text}


def _resolve(current: Extracted[Any], decision: Decision, parse: Callable[[str], object]) -> Extracted[Any]:
    if decision.candidate is not None:
        if not 0 <= decision.candidate < len(current.candidates):
            raise InvalidReview(f"There is no candidate {decision.candidate + 1} for {decision.field}; it has "
                                f"{len(current.candidates)}.", where="candidate")
        chosen = current.candidates[decision.candidate]
        return Extracted(chosen.value, replace(chosen.evidence, note=decision.note()))
    if decision.value is None or str(decision.value).strip() == "":
        raise InvalidReview(f"Choose a candidate or enter a value for {decision.field}.", where="value")
    return Extracted(parse(str(decision.value)), Evidence(note=decision.note()))


def apply_decision(epd: Epd, decision: Decision) -> Epd:
    """Return the Epd with the decision's field set to the chosen candidate or the entered value."""
    if not decision.justification.strip():
        raise InvalidReview("Say why: a justification is required for every review decision.", where="justification")
    if not decision.reviewer.strip():
        raise InvalidReview("Give the reviewer's name.", where="reviewer")
    if decision.product_index is None:
        if decision.field not in EPD_FIELDS:
            raise InvalidReview(f"'{decision.field}' is not a document field a review can set; choose one of "
                                f"{', '.join(EPD_FIELDS)}.", where="field")
        parse_doc = EPD_FIELDS[decision.field]
        changes: dict[str, Any] = {decision.field: _resolve(getattr(epd, decision.field), decision, parse_doc)}
        return replace(epd, **changes)
    if not 0 <= decision.product_index < len(epd.products):
        raise InvalidReview(f"There is no product {decision.product_index}; the EPD has {len(epd.products)}.",
                            where="product")
    if decision.field not in PRODUCT_FIELDS:
        raise InvalidReview(f"'{decision.field}' is not a product field a review can set; choose one of "
                            f"{', '.join(PRODUCT_FIELDS)}.", where="field")
    product = epd.products[decision.product_index]
    parse_product = PRODUCT_FIELDS[decision.field]
    extracted = _resolve(getattr(product, decision.field), decision, lambda text: parse_product(text, product))
    products = list(epd.products)
    fields: dict[str, Any] = {decision.field: extracted}
    products[decision.product_index] = replace(product, **fields)
    return replace(epd, products=tuple(products))


def apply_decisions(epd: Epd, decisions: Iterable[Decision]) -> Epd:
    """Apply decisions in the order they were made; a later decision on the same field wins."""
    for decision in decisions:
        epd = apply_decision(epd, decision)
    return epd
