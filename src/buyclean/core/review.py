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

from buyclean.core.model import (
    Epd,
    EpdType,
    Evidence,
    Extracted,
    Gwp,
    Material,
    Product,
    Quantity,
    SteelProduct,
    SteelRoute,
    SteelType,
    missing,
)
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
    page: int | None = None  # the page of the document an entered value was read from, by a person

    def note(self) -> str:
        if self.page is not None:
            return f"entered by hand by {self.reviewer} from page {self.page}: {self.justification}"
        return f"set by review: {self.reviewer}: {self.justification}"


_HAND_NOTE = re.compile(r"^entered by hand by (?P<person>.+?) from page (?P<page>\d+)(?::|$)")


def hand_entry(evidence: Evidence) -> tuple[str, int] | None:
    """Who entered a value by hand and from which page of the document, as its evidence says (Decision.note)."""
    found = _HAND_NOTE.match(evidence.note or "")
    return None if found is None else (found.group("person"), int(found.group("page")))


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


def _steel(text: str, product: Product | None) -> SteelType:
    """Read 'rebar', 'hot rolled fabricated' or 'plate unfabricated eaf' into a steel type."""
    words = " ".join(text.lower().replace(",", " ").split())
    for spaced in ("hot rolled", "cold formed", "merchant bar", "hot-rolled", "cold-formed", "merchant-bar"):
        words = words.replace(spaced, spaced.replace(" ", "_").replace("-", "_"))
    tokens = words.replace("non-fabricated", "unfabricated").split()
    kinds = [SteelProduct(t) for t in tokens if t in {k.value for k in SteelProduct}]
    if len(kinds) != 1:
        raise InvalidReview(f"'{text}' does not name one steel product; write one of "
                            f"{', '.join(k.value for k in SteelProduct)}, optionally with fabricated or "
                            "unfabricated and eaf or integrated.", where="value")
    old = product.steel.value if product is not None else None
    fabricated = True if "fabricated" in tokens else False if "unfabricated" in tokens else (
        old.fabricated if old else None)
    route = SteelRoute.EAF if "eaf" in tokens else SteelRoute.INTEGRATED if "integrated" in tokens else (
        old.route if old else None)
    return SteelType(kinds[0], fabricated, route)


def _density(text: str) -> float:
    density = _number(text.lower().replace("kg/m3", "").replace("kg/m³", ""))
    if not 100 <= density <= 5000:
        raise InvalidReview(f"A density of {density:g} kg/m3 is not one of concrete (about 1,400 to 2,600); write it "
                            "in kg/m3, like 2400.", where="value")
    return density


def _cast_in_place(text: str) -> bool:
    answer = text.strip().lower().replace("-", " ").replace("_", " ")
    if answer in ("cast in place", "ready mix", "ready mixed", "yes", "true"):
        return True
    if answer in ("precast", "manufactured", "no", "false"):
        return False
    raise InvalidReview(f"'{text}' is neither cast-in-place nor precast.", where="value")


@dataclass(frozen=True)
class ReviewField:
    """A value an officer's decision can set: how entered text becomes it, and what its form offers."""

    name: str
    parse: Callable[[str, Product | None], object]  # the entered text (and the product, for a GWP's unit)
    example: str  # a placeholder for the form
    choices: tuple[tuple[str, str], ...] = ()  # (value, words): the form offers these instead of free text
    # the EPD field a decision judges: its value when decided is kept as the evidence's text (pcr_accepted)
    about: str | None = None


_YES_NO = (("yes", "Yes"), ("no", "No"))


def _fields(*fields: ReviewField) -> dict[str, ReviewField]:
    return {f.name: f for f in fields}


# every value a review can set on a product: the forms, the API and apply_decision all read this registry
PRODUCT_FIELDS: dict[str, ReviewField] = _fields(
    ReviewField("gwp_a1a3", lambda text, p: _gwp(text, p) if p else None, "e.g. 245 kgCO2e/m3"),
    ReviewField("compressive_strength", lambda text, _: _strength(text), "e.g. 4000 psi, 27.6 MPa or C30/37"),
    ReviewField("material", lambda text, _: _material(text), "",
                tuple((m.value, m.value.replace("_", " ")) for m in Material)),
    ReviewField("declared_unit", lambda text, _: _quantity(text), "e.g. 1 m3, 1 yd3 or 1000 kg"),
    ReviewField("mass_per_declared_unit_kg", lambda text, _: _mass(text), "e.g. 2400"),
    # concrete declared per tonne, compared with a limit per m3
    ReviewField("density_kg_m3", lambda text, _: _density(text), "e.g. 2400"),
    ReviewField("steel", _steel, "e.g. rebar, or hot rolled fabricated eaf",
                tuple((k.value, k.value.replace("_", " ")) for k in SteelProduct)),
    ReviewField("cast_in_place", lambda text, _: _cast_in_place(text), "",
                (("cast in place", "Cast-in-place (ready-mixed)"), ("precast", "Precast or other manufactured"))),
    ReviewField("high_early_strength", lambda text, _: _flag(text), "", _YES_NO),
    # an officer's confirmation that high early strength is (yes) or is not (no) required for technical reasons:
    # only a yes lets a row's high-early-strength allowance (+30% under GSA) apply
    ReviewField("high_early_strength_required", lambda text, _: _flag(text), "", _YES_NO),
    ReviewField("lightweight", lambda text, _: _flag(text), "", _YES_NO),
    # not applicable / no limit for this product: the value is the reason, shown with every verdict
    ReviewField("no_limit", lambda text, _: _text(text), "e.g. asphalt paving: no rule set sets a limit"),
)
EPD_FIELDS: dict[str, ReviewField] = _fields(
    ReviewField("valid_until", lambda text, _: _date(text), "YYYY-MM-DD"),
    ReviewField("issued", lambda text, _: _date(text), "YYYY-MM-DD"),
    ReviewField("epd_type", lambda text, _: _epd_type(text), "",
                tuple((t.value, t.value.replace("_", " ")) for t in EpdType)),
    ReviewField("third_party_verified", lambda text, _: _flag(text), "", _YES_NO),
    ReviewField("pcr", lambda text, _: _text(text), "the PCR as the EPD names it"),
    # an officer's judgement that the PCR read is (yes) or is not (no) acceptable where a rule set names another PCR
    # or version for the material: yes passes the PCR check, no fails it; it holds for the PCR text it judged
    ReviewField("pcr_accepted", lambda text, _: _flag(text), "",
                (("yes", "Yes: acceptable for this rule set"), ("no", "No: not acceptable")), about="pcr"),
    ReviewField("registration_number", lambda text, _: _text(text), "the EPD's number, e.g. S-P-05496"),
    ReviewField("manufacturer", lambda text, _: _text(text), "the manufacturer as the EPD names it"),
    ReviewField("program_operator", lambda text, _: _text(text), "the program operator, e.g. NSF International"),
)
# a document nothing could read (a scan): an officer adds each product by hand, then enters its values
ADD_PRODUCT = "add_product"


def _hand_product(decision: Decision) -> Product:
    if decision.page is None:
        raise InvalidReview("Give the page the product is named on.", where="page")
    wanted = "entered by hand: enter it from the document"
    return Product(name=Extracted(_text(str(decision.value or "")), Evidence(page=decision.page, note=decision.note())),
                   material=missing(wanted), declared_unit=missing(wanted), gwp_a1a3=missing(wanted))


def _resolve(current: Extracted[Any], decision: Decision, parse: Callable[[str], object]) -> Extracted[Any]:
    if decision.candidate is not None:
        if not 0 <= decision.candidate < len(current.candidates):
            raise InvalidReview(f"There is no candidate {decision.candidate + 1} for {decision.field}; it has "
                                f"{len(current.candidates)}.", where="candidate")
        chosen = current.candidates[decision.candidate]
        return Extracted(chosen.value, replace(chosen.evidence, note=decision.note()))
    if decision.value is None or str(decision.value).strip() == "":
        raise InvalidReview(f"Choose a candidate or enter a value for {decision.field}.", where="value")
    return Extracted(parse(str(decision.value)), Evidence(page=decision.page, note=decision.note()))


def apply_decision(epd: Epd, decision: Decision) -> Epd:
    """Return the Epd with the decision's field set to the chosen candidate or the entered value."""
    if not decision.justification.strip():
        raise InvalidReview("Say why: a justification is required for every review decision.", where="justification")
    if not decision.reviewer.strip():
        raise InvalidReview("Give the reviewer's name.", where="reviewer")
    if decision.field == ADD_PRODUCT:
        return replace(epd, products=(*epd.products, _hand_product(decision)))
    if decision.product_index is None:
        if decision.field not in EPD_FIELDS:
            raise InvalidReview(f"'{decision.field}' is not a document field a review can set; choose one of "
                                f"{', '.join(EPD_FIELDS)}.", where="field")
        doc_field = EPD_FIELDS[decision.field]
        resolved = _resolve(getattr(epd, decision.field), decision, lambda text: doc_field.parse(text, None))
        if doc_field.about is not None:
            subject: Extracted[Any] = getattr(epd, doc_field.about)
            if not subject.known:
                raise InvalidReview(f"No {doc_field.about.upper()} was read, so there is none to judge; enter the "
                                    f"{doc_field.about.upper()} as the EPD names it first.", where="field")
            resolved = replace(resolved, evidence=replace(resolved.evidence, text=str(subject.value)))
        changes: dict[str, Any] = {decision.field: resolved}
        return replace(epd, **changes)
    if not 0 <= decision.product_index < len(epd.products):
        raise InvalidReview(f"There is no product {decision.product_index}; the EPD has {len(epd.products)}.",
                            where="product")
    if decision.field not in PRODUCT_FIELDS:
        raise InvalidReview(f"'{decision.field}' is not a product field a review can set; choose one of "
                            f"{', '.join(PRODUCT_FIELDS)}.", where="field")
    product = epd.products[decision.product_index]
    product_field = PRODUCT_FIELDS[decision.field]
    extracted = _resolve(getattr(product, decision.field), decision, lambda text: product_field.parse(text, product))
    products = list(epd.products)
    fields: dict[str, Any] = {decision.field: extracted}
    products[decision.product_index] = replace(product, **fields)
    return replace(epd, products=tuple(products))


def apply_decisions(epd: Epd, decisions: Iterable[Decision]) -> Epd:
    """Apply decisions in the order they were made; a later decision on the same field wins."""
    for decision in decisions:
        epd = apply_decision(epd, decision)
    return epd
