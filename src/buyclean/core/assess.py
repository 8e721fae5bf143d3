"""assess(epd, rulesets, on=date) -> Assessment. A failed check is a verdict, never an exception.

Where the rules are stricter than a lookup table (see ../shared/docs/domain.md), the verdict is too: lightweight
concrete gets no normal-weight verdict, processed glass and steel sheet no row, high early strength no +30% without
an officer's confirmation, a strength is binned strictly down to its class, and only GWP-total or the single
(TRACI) GWP is ever compared, never a zero, negative, implausible or non-finite one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from buyclean.core.classification import (
    LIGHTWEIGHT_CONCRETE_MAX_KG_M3,
    high_early_words,
    implausible_gwp,
    is_cast_in_place_concrete,
    lightweight_words,
    processed_glass_words,
    sheet_words,
)
from buyclean.core.document_checks import DOCUMENT_CHECKS, PRODUCT_CHECKS, covering
from buyclean.core.model import (
    Assessment,
    Epd,
    Extracted,
    FindingStatus,
    Gwp,
    Material,
    Overall,
    Product,
    ProductAssessment,
    Source,
    Status,
    SteelProduct,
    TierMargin,
    Verdict,
)
from buyclean.core.rules import Rule, RuleSet
from buyclean.core.units import convert, convert_per_unit, dimension
from buyclean.errors import InvalidCheckDate

# Comparisons at the limit pass; this absorbs binary rounding of unit conversions only.
LIMIT_EPSILON = 1e-9
# A strength is binned strictly down; this absorbs binary rounding of psi values (readers keep 0.1 psi) only.
STRENGTH_EPSILON_PSI = 1e-6
# Materials whose GWP A1-A3 is positive in every real EPD: zero or below is a misreading, not a product.
_POSITIVE_GWP = (Material.CONCRETE, Material.STEEL, Material.FLAT_GLASS, Material.ASPHALT, Material.CEMENT)
# Parts of GWP-total (EN 15804+A2) and the GHG variant: never the value Buy Clean compares.
_GWP_PART = re.compile(r"fossil|biogenic|luluc|land[- ]use|\bghg\b|iobc|\bgwp[- ]?[fb]\b|\bgwp[- ]?lu", re.IGNORECASE)


# a NamedTuple, not a frozen dataclass: seven are built per product and rule set, and a frozen dataclass costs
# several times as much to construct
class Attribute(NamedTuple):
    """A product attribute as the rule matcher sees it: a value, or unknown with the reason why."""

    value: object
    known: bool
    description: str
    review: str | None = None


def _from(extracted: Extracted[object], value: object, description: str) -> Attribute:
    return Attribute(value, extracted.known, description, extracted.review)


def density_kg_m3(product: Product) -> float | None:
    """The product's density: as entered by review, else from a known mass per declared unit and a volume declared
    unit, else None."""
    if product.density_kg_m3.known and product.density_kg_m3.value is not None:
        return product.density_kg_m3.value
    mass, declared = product.mass_per_declared_unit_kg, product.declared_unit
    if not mass.known or not declared.known or mass.value is None or declared.value is None:
        return None
    m3 = convert(declared.value.value, declared.value.unit, "m3")
    return mass.value / m3 if m3 else None


def _lightweight(product: Product) -> Attribute:
    """Lightweight concrete by flag, density or name; unknown when the signs disagree."""
    flag = product.lightweight
    if flag.review:
        return Attribute(None, False, "lightweight or normal-weight not certain", flag.review)
    if flag.known and (flag.evidence.note or "").startswith("set by review"):
        # an officer's decision settles what the density or the name left open
        return Attribute(flag.value, True, f"{'lightweight' if flag.value else 'normal-weight'} concrete "
                                           f"({flag.evidence.note})")
    signs = []
    if flag.value is True:
        signs.append("the EPD marks it lightweight")
    words = lightweight_words(product.name.value, product.category.value)
    if words:
        signs.append(f"'{words}' in its name")
    density = density_kg_m3(product)
    if density is not None and density < LIGHTWEIGHT_CONCRETE_MAX_KG_M3:
        signs.append(f"a density of {density:,.0f} kg/m3 (under about {LIGHTWEIGHT_CONCRETE_MAX_KG_M3:,.0f})")
    if signs and flag.value is False:
        return Attribute(None, False, "lightweight or normal-weight not certain",
                         f"the EPD marks it normal-weight but shows {' and '.join(signs)}; confirm "
                         "whether it is lightweight concrete")
    if signs:
        return Attribute(True, True, f"lightweight concrete ({' and '.join(signs)})")
    return Attribute(False, True, "normal-weight concrete" + (f" ({density:,.0f} kg/m3)" if density else ""))


def _strength(product: Product) -> Attribute:
    strength = product.compressive_strength
    if strength.value is None:
        return _from(strength, None, "no specified strength")  # type: ignore[arg-type]
    st = strength.value
    # half up, as people round: 27.5 MPa = 3,988.5 psi is shown as 3,989 psi (binning uses the exact value)
    desc = f"f'c {st.value:g} {st.unit}" + ("" if st.unit == "psi" else f" = {math.floor(st.psi + 0.5):,} psi")
    if st.kind == "cube":
        desc += " (cube strength converted to cylinder)"
    if st.age_days != 28:
        return Attribute(None, False, desc, f"the strength given is at {st.age_days} days, not the specified 28-day "
                                            "strength the rows select on; enter the 28-day strength")
    return _from(strength, st, desc)  # type: ignore[arg-type]


def _cast_in_place(product: Product) -> Attribute:
    decided = product.cast_in_place
    if decided.known:
        form = "cast-in-place (ready-mixed)" if decided.value else "precast or other manufactured concrete"
        return Attribute(decided.value, True, f"{form} ({decided.evidence.note or decided.evidence.describe()})")
    name, category = product.name.value or "", product.category.value or ""
    return Attribute(is_cast_in_place_concrete(category, name), product.category.review is None,
                     f"category '{category or name}'", product.category.review)


def _steel_product(product: Product) -> Attribute:
    steel = product.steel
    s = steel.value
    if s is not None and s.product is SteelProduct.COLD_FORMED and (sheet := sheet_words(product.name.value)):
        # whatever reader placed it, a product named sheet, coil or deck is not cold-formed framing
        return Attribute(None, False, "steel product cold_formed",
                         f"the name says '{sheet}', a sheet, coil or deck product, which is not cold-formed framing "
                         "(stud, track); confirm the steel product type")
    return Attribute(s.product.value if s else None, s is not None and steel.review is None,
                     f"steel product {s.product.value if s else 'unknown'}", steel.review)


def _fabricated(product: Product) -> Attribute:
    steel = product.steel
    s = steel.value
    fabricated = s.fabricated if s else None
    return Attribute(fabricated, fabricated is not None and steel.review is None,
                     {True: "fabricated", False: "unfabricated", None: "fabrication unknown"}[fabricated], steel.review)


def _route(product: Product) -> Attribute:
    steel = product.steel
    route = steel.value.route if steel.value else None
    return Attribute(route.value if route else None, route is not None and steel.review is None,
                     f"route {route.value if route else 'unknown'}", steel.review)


def _processed_glass(product: Product) -> Attribute:
    processed = processed_glass_words(product.name.value, product.category.value)
    return Attribute(processed is not None, True, f"processed glass ('{processed}')" if processed else "float glass")


def _name_and_category(product: Product) -> Attribute:
    name = product.name.value or ""
    return Attribute(f"{name} {product.category.value or ''}", True, f"name '{name}'")


# attribute -> how it is read from a product; computed when a row first asks for it
ATTRIBUTES: dict[str, Callable[[Product], Attribute]] = {
    "cast_in_place": _cast_in_place,
    "lightweight": _lightweight,
    "strength_psi": _strength,
    "steel_product": _steel_product,
    "fabricated": _fabricated,
    "route": _route,
    "processed_glass": _processed_glass,
    "name_pattern": _name_and_category,
    # buyclean does not read thermal resistance yet: rows that need it always go to review.
    "thermal_resistance_rsi": lambda _: Attribute(None, False, "thermal resistance not read"),
}


class Attributes(dict[str, Attribute]):
    """A product's attributes as rows ask for them, each read once (most rows ask for two or three)."""

    def __init__(self, product: Product) -> None:
        super().__init__()
        self.product = product

    def __missing__(self, key: str) -> Attribute:
        value = self[key] = ATTRIBUTES[key](self.product)
        return value


def product_attributes(product: Product) -> dict[str, Attribute]:
    """The attributes rule rows select on, each known or not (read on first use)."""
    return Attributes(product)


def _strength_fits(bounds: dict[str, float], attr: Attribute) -> bool:
    # strictly down: 27.5 MPa = 3,989 psi is below 4000 and so in the 3000 class; nothing is rounded up
    psi: float = attr.value.psi  # type: ignore[attr-defined]
    return bounds.get("min", 0.0) - STRENGTH_EPSILON_PSI <= psi < bounds.get("below", math.inf) - STRENGTH_EPSILON_PSI


@lru_cache(maxsize=256)
def _name_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _fits(key: str, wanted: object, attr: Attribute) -> bool:
    if key == "strength_psi":
        return _strength_fits(wanted, attr)  # type: ignore[arg-type]
    if key == "name_pattern":
        return _name_pattern(str(wanted)).search(str(attr.value)) is not None
    return attr.value == wanted


def match_rule(rule: Rule, attrs: dict[str, Attribute]) -> tuple[str, list[str]]:
    """Return ('yes'|'no'|'unknown', unknown attribute names) for one row."""
    unknown = []
    for key, wanted in rule.match.items():
        attr = attrs[key]
        if not attr.known:
            unknown.append(key)
        elif not _fits(key, wanted, attr):
            return "no", []
    return ("unknown", unknown) if unknown else ("yes", [])


def gwp_in_unit(product: Product, per_unit: str) -> tuple[float, str | None] | None:
    """The product's GWP per one ``per_unit``, with a note on the conversion; None when it cannot be converted."""
    gwp = product.gwp_a1a3.value
    if gwp is None:
        return None
    if gwp.per_unit == per_unit:
        return gwp.value, None
    direct = convert_per_unit(gwp.value, gwp.per_unit, per_unit)
    if direct is not None:
        return direct, f"{gwp.value:.6g} {gwp.unit} converted to {direct:.6g} kgCO2e/{per_unit}"
    # A GWP per mass reaches a limit per volume through the density (concrete declared per tonne)
    density = product.density_kg_m3
    if dimension(gwp.per_unit) == "mass" and dimension(per_unit) == "volume" and density.known and density.value:
        per_kg = convert_per_unit(gwp.value, gwp.per_unit, "kg")
        per_volume = None if per_kg is None else convert_per_unit(per_kg * density.value, "m3", per_unit)
        if per_volume is not None:
            return per_volume, (f"{gwp.value:.6g} {gwp.unit} at a density of {density.value:g} kg/m3 "
                                f"= {per_volume:.6g} kgCO2e/{per_unit}")
    # A declared unit of area or volume reaches a mass-based limit through the mass per declared unit.
    mass = product.mass_per_declared_unit_kg.value
    declared = product.declared_unit.value
    if mass is None or declared is None or dimension(per_unit) != "mass" or not product.mass_per_declared_unit_kg.known:
        return None
    per_declared = convert_per_unit(gwp.value, gwp.per_unit, declared.unit)
    if per_declared is None:
        return None
    per_kg = per_declared * declared.value / mass
    value = convert_per_unit(per_kg, "kg", per_unit)
    assert value is not None
    return value, (f"{gwp.value:.6g} {gwp.unit} with {mass:g} kg per {declared.value:g} {declared.unit} "
                   f"= {value:.6g} kgCO2e/{per_unit}")


def indicator_text(gwp: Gwp) -> str:
    """The GWP compared, as a verdict records it: 'GWP (TRACI 2.1), A1-A3'."""
    method = f" ({gwp.method})" if gwp.method and gwp.method not in gwp.indicator else ""
    return f"{gwp.indicator}{method}, {gwp.modules}"


def gwp_doubt(product: Product) -> str | None:
    """Why this GWP must not be compared (a part of GWP-total, not finite, zero, negative, implausible), or None."""
    gwp = product.gwp_a1a3.value
    if gwp is None:
        return None
    if _GWP_PART.search(gwp.indicator):
        return (f"The GWP given is {gwp.indicator}; Buy Clean compares GWP-total (EN 15804+A2) or the single GWP "
                "(TRACI), never GWP-fossil, -biogenic, -luluc or GWP-GHG. Enter the GWP-total A1-A3 from the EPD.")
    if not math.isfinite(gwp.value):
        return (f"The GWP A1-A3 read ({gwp.value}) is not a finite number, so nothing can be compared; enter the "
                "GWP A1-A3 from the EPD document.")
    material = product.material.value
    if material in _POSITIVE_GWP and gwp.value <= 0:
        return (f"A GWP A1-A3 of {gwp.value:g} {gwp.unit} is implausible for {material.value.replace('_', ' ')} "
                "(zero or negative); check the declared unit and the GWP in the EPD document.")
    if material in _POSITIVE_GWP:
        reason = implausible_gwp(material, gwp)
        if reason is not None:
            return f"The GWP is implausible: {reason}."
    return None


def _high_early_signs(product: Product) -> list[str]:
    """What suggests a high-early-strength mix: the EPD's flag, a 1- or 3-day strength, 'HE' in the name."""
    he = product.high_early_strength
    signs = []
    if he.value is True:
        signs.append(f"the EPD says high early strength ({he.evidence.describe()})")
    elif he.review or any(c.value is True for c in he.candidates):
        signs.append(he.review or "the reading suggests high early strength")
    words = high_early_words(product.name.value, product.category.value)
    if words:
        signs.append(f"'{words}' in the name")
    st = product.compressive_strength.value
    if st is not None and st.age_days <= 3:
        signs.append(f"a {st.age_days}-day strength")
    return signs


def _verdict(ruleset: RuleSet, status: Status, message: str, rule: Rule | None = None, **kw: object) -> Verdict:
    extra: dict[str, object] = {"program_status": ruleset.program_status_line}
    if rule is not None:
        extra.update(rule=rule.id, unit=rule.unit, source=ruleset.cite(rule), confidence=rule.confidence,
                     effective_from=rule.effective_from)
    extra.update(kw)
    return Verdict(ruleset.id, ruleset.version, status, message, **extra)  # type: ignore[arg-type]


def _not_held(ruleset: RuleSet, material_name: str) -> str:
    held = ", ".join(sorted(m.replace("_", " ") for m in ruleset.rules_by_material))
    return (f"{ruleset.id} holds no rows for {material_name.replace('_', ' ')} (it holds {held}); whether "
            f"{ruleset.publisher} sets limits for it is not in this rule set.")


def _why(rule: Rule, attrs: dict[str, Attribute], material_name: str) -> str:
    parts = []
    for key in rule.match:
        text = attrs[key].description
        if key == "strength_psi":
            psi = attrs[key].value.psi  # type: ignore[attr-defined]
            low = rule.match[key].get("min", 0.0)
            text += (f", the class of row '{rule.label}'" if psi == low else
                     f", binned strictly down to row '{rule.label}' (a strength between classes takes the class "
                     "below)")
        parts.append(text)
    return "; ".join(parts) or f"the {material_name.replace('_', ' ')} row"


def judge(product: Product, ruleset: RuleSet, on: dt.date, attrs: dict[str, Attribute] | None = None) -> Verdict:
    """Compare one product's GWP A1-A3 with the row of ``ruleset`` that applies to it on ``on`` (``attrs``: the
    product's attributes, when the caller judges it against several rule sets)."""
    if product.no_limit.known:
        return _verdict(ruleset, Status.NO_LIMIT, f"No limit applies to this product: {product.no_limit.value} "
                                                  f"({product.no_limit.evidence.note or 'set by review'}).")
    material = product.material
    if material.value is None or material.needs_review:
        return _verdict(ruleset, Status.NEEDS_REVIEW,
                        f"The material is not certain ({material.review or 'not found'}); confirm it to pick a row.")
    material_name = material.value.value
    rows = ruleset.rules_by_material.get(material_name, ())
    if not rows:
        return _verdict(ruleset, Status.NOT_APPLICABLE, _not_held(ruleset, material_name))
    in_force = [r for r in rows if r.in_force(on)]
    if not in_force:
        first = min(r.effective_from for r in rows)
        return _verdict(ruleset, Status.NO_LIMIT, f"No {material_name} row of {ruleset.id} is in force on "
                                                  f"{on.isoformat()} (the first takes effect {first.isoformat()}).")
    attrs = product_attributes(product) if attrs is None else attrs
    outcomes = [(rule, *match_rule(rule, attrs)) for rule in in_force]
    fitting = [rule for rule, outcome, _ in outcomes if outcome == "yes"]
    possible = [(rule, unknown) for rule, outcome, unknown in outcomes if outcome == "unknown"]
    if len(fitting) > 1:
        return _verdict(ruleset, Status.NEEDS_REVIEW, "Several rows fit this product "
                        f"({', '.join(r.id for r in fitting)}); the rule file overlaps, so no row was chosen.")
    if not fitting:
        if possible:
            missing_attrs = sorted({key for _, unknown in possible for key in unknown})
            reasons = "; ".join(f"{attrs[k].description}" + (f" ({attrs[k].review})" if attrs[k].review else "")
                                for k in missing_attrs)
            return _verdict(ruleset, Status.NEEDS_REVIEW,
                            f"Cannot place the product in a {ruleset.id} row: {reasons}. Candidate rows: "
                            f"{', '.join(r.id for r, _ in possible)}. Confirm the missing facts to get a verdict.")
        described = ", ".join(attrs[k].description for k in sorted({k for r in in_force for k in r.match}))
        return _verdict(ruleset, Status.NO_LIMIT, f"No limit defined in {ruleset.id} for this {material_name}"
                                                  f" ({described}).")
    rule = fitting[0]
    why = _why(rule, attrs, material_name)
    if rule.limits is None:
        return _verdict(ruleset, Status.NO_LIMIT, f"No limit defined: {rule.no_limit_reason}", rule, why=why)
    return _compare(product, ruleset, rule, why)


def _margins(ruleset: RuleSet, rule: Rule, value: float, factor: float = 1.0) -> tuple[TierMargin, ...]:
    return tuple(TierMargin(tier, ruleset.tier_label(tier), limit * factor, limit * factor - value,
                            value <= limit * factor * (1 + LIMIT_EPSILON)) for tier, limit in rule.limits or ())


def _compare(product: Product, ruleset: RuleSet, rule: Rule, why: str) -> Verdict:
    gwp = product.gwp_a1a3
    if gwp.value is None:
        return _verdict(ruleset, Status.NEEDS_REVIEW, f"No GWP A1-A3 to compare: {gwp.review or 'none declared'}.",
                        rule, why=why)
    indicator = indicator_text(gwp.value)
    doubt = gwp_doubt(product)
    if doubt is not None:
        finite = math.isfinite(gwp.value.value)
        return _verdict(ruleset, Status.NEEDS_REVIEW, doubt, rule, why=why, indicator=indicator,
                        gwp=gwp.value.value if finite and gwp.value.per_unit == rule.per_unit else None)
    converted = gwp_in_unit(product, rule.per_unit)
    if converted is None and dimension(gwp.value.per_unit) == "mass" and dimension(rule.per_unit) == "volume":
        return _verdict(ruleset, Status.NEEDS_REVIEW,
                        f"The GWP is declared per {gwp.value.per_unit} but the limit is per {rule.per_unit}; no "
                        "conversion is possible without the density. Enter the density (kg/m3) to get a verdict.",
                        rule, why=why, indicator=indicator)
    if converted is None:
        return _verdict(ruleset, Status.NEEDS_REVIEW,
                        f"The GWP is declared per {gwp.value.per_unit} but the limit is per {rule.per_unit}; no "
                        f"conversion is possible without the mass per declared unit. Enter it to get a verdict.",
                        rule, why=why, indicator=indicator)
    value, conversion = converted
    margins = _margins(ruleset, rule, value)
    allowance: str | None = None
    factor = rule.high_early_strength_factor
    he_open: tuple[TierMargin, ...] | None = None  # the margins with the allowance, while it awaits confirmation
    signs: list[str] = []
    he_asks = False
    if factor:
        confirmed = product.high_early_strength_required
        signs = _high_early_signs(product)
        if confirmed.known and confirmed.value is True:
            margins = _margins(ruleset, rule, value, factor)
            who = confirmed.evidence.note or confirmed.evidence.describe()
            allowance = (f"high early strength required for technical reasons, confirmed ({who}): limits "
                         f"x{factor:g}")
            why += f"; high-early-strength mix: limits x{factor:g}"
        elif confirmed.known and confirmed.value is False:
            who = confirmed.evidence.note or confirmed.evidence.describe()
            why += f"; high early strength not required for technical reasons ({who}): normal limits"
        elif signs:
            he_open = _margins(ruleset, rule, value, factor)
            why += f"; high early strength suggested ({'; '.join(signs)}), not confirmed"
    best = next((m for m in margins if m.passed), None)
    status = Status.PASS if best else Status.FAIL
    loosest = margins[-1]
    if best:
        message = (f"{value:.1f} {rule.unit} is within {best.label} ({best.limit:g}), "
                   f"{best.margin:.1f} below the limit.")
    else:
        message = f"{value:.1f} {rule.unit} is above every tier; the loosest limit is {loosest.limit:g}."
    if he_open is not None:
        allowed = next((m for m in he_open if m.passed), None)
        if best is not None and best is margins[0]:
            message += (f" High early strength is suggested but not confirmed; the +{(factor or 1) - 1:.0%} "
                        "allowance could not improve this tier, so it was not needed.")
        elif allowed is None:
            margins, loosest = he_open, he_open[-1]
            message = (f"{value:.1f} {rule.unit} is above every tier even with the +{(factor or 1) - 1:.0%} "
                       f"high-early-strength allowance (loosest limit {loosest.limit:g}).")
            allowance = f"high early strength suggested, not confirmed: limits shown x{factor:g}, failed even so"
        else:
            status, he_asks = Status.NEEDS_REVIEW, True
            normal = f"within {best.label} ({best.limit:g})" if best else "above every tier"
            message = (f"High early strength is suggested ({'; '.join(signs)}). Under the normal limits "
                       f"{value:.1f} {rule.unit} is {normal}; with the +{(factor or 1) - 1:.0%} allowance it would "
                       f"be within {allowed.label} ({allowed.limit:g}). "
                       "The allowance applies only where high early strength is required for technical reasons: "
                       "an officer must confirm it (review decision 'high_early_strength_required') to get a verdict.")
            best = None
    doubts = [f"{label}: {e.review}" for label, e in (
        ("GWP", product.gwp_a1a3), ("declared unit", product.declared_unit),
        ("strength", product.compressive_strength), ("steel type", product.steel)) if e.review]
    if doubts and status is not Status.NEEDS_REVIEW:
        status = Status.NEEDS_REVIEW
        message = f"Would be: {message} But the reading is not certain ({'; '.join(doubts)})."
    tier_note = None
    if best is not None:
        tier = ruleset.tier(best.tier)
        tier_note = tier.justification if tier else None
        if tier_note:
            message += f" {tier_note}"
    if rule.confidence == "second-hand":
        message += " The limit is second-hand; confirm it with the program."
    return _verdict(ruleset, status, message, rule, why=why, gwp=value, conversion=conversion, indicator=indicator,
                    tier=best.tier if best else None, tier_label=best.label if best else None,
                    limit=best.limit if best else loosest.limit, margins=margins, allowance=allowance,
                    tier_note=tier_note, asks=("high_early_strength_required",) if he_asks else ())


def _product_status(verdicts: Sequence[Verdict], findings: Sequence[object],
                    no_limit: str | None = None) -> tuple[Overall, tuple[str, ...]]:
    failed = [f.message for f in findings if f.status is FindingStatus.FAIL]  # type: ignore[attr-defined]
    failed += [v.message for v in verdicts if v.status is Status.FAIL]
    if failed:
        return Overall.NON_COMPLIANT, tuple(failed)
    open_points = [f.message for f in findings if f.status is FindingStatus.UNKNOWN]  # type: ignore[attr-defined]
    judged = [v for v in verdicts if v.status is not Status.NOT_APPLICABLE]
    if no_limit is not None:
        # an officer decided no limit applies: nothing is left to judge, and the decision is the reason shown
        return (Overall.NEEDS_REVIEW, tuple(open_points)) if open_points else (Overall.COMPLIANT, (no_limit,))
    if not judged:
        open_points.append("None of the selected rule sets covers this material.")
    open_points += [f"{v.ruleset}: {v.message}" for v in judged if v.status is not Status.PASS]
    if open_points:
        return Overall.NEEDS_REVIEW, tuple(open_points)
    return Overall.COMPLIANT, ()


_ORDER = {Overall.COMPLIANT: 0, Overall.NEEDS_REVIEW: 1, Overall.NON_COMPLIANT: 2, Overall.ERROR: 3}


def worst(statuses: Sequence[Overall]) -> Overall:
    """The worst of several statuses: error > non_compliant > needs_review > compliant."""
    return max(statuses, key=_ORDER.__getitem__, default=Overall.NEEDS_REVIEW)


def check_date(on: dt.date | None, today: dt.date | None = None) -> dt.date:
    """The date a check is made on: ``on``, or today; a date after today is refused, never stated."""
    today = today or dt.date.today()
    if on is None:
        return today
    if on > today:
        raise InvalidCheckDate(f"The check date {on.isoformat()} is after today ({today.isoformat()}); a check is "
                               "made on today's date or an earlier one, so that no result or certificate states a "
                               "check that has not happened.", where="on")
    return on


def assess(epd: Epd, rulesets: Sequence[RuleSet], *, source: Source, on: dt.date | None = None) -> Assessment:
    """Judge every product of ``epd`` against every rule set, plus the document checks."""
    on = check_date(on)
    asking = covering(rulesets, epd)
    document = tuple(f for check in DOCUMENT_CHECKS.values() if (f := check(epd, on, asking)) is not None)
    products = []
    for product in epd.products:
        attrs = product_attributes(product)
        verdicts = tuple(judge(product, rs, on, attrs) for rs in rulesets)
        own = tuple(f for check in PRODUCT_CHECKS.values() if (f := check(product, on, rulesets)) is not None)
        decided = f"No limit applies: {product.no_limit.value}" if product.no_limit.known else None
        status, reasons = _product_status(verdicts, document + own, decided)
        products.append(ProductAssessment(product, verdicts, own, status, reasons))
    status = worst([p.status for p in products]) if products else Overall.NEEDS_REVIEW
    return Assessment(source=source, epd=epd, checked_on=on,
                      rulesets=tuple((rs.id, rs.version, rs.name) for rs in rulesets),
                      products=tuple(products), findings=document, status=status,
                      program_status=tuple((rs.id, rs.program_status) for rs in rulesets))


ProductCheck = Callable[[Product, dt.date, Sequence[RuleSet]], object]
__all__ = ["Material", "assess", "check_date", "judge", "worst"]
