"""assess(epd, rulesets, on=date) -> Assessment. A failed check is a verdict, never an exception."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from buyclean.core.classification import is_cast_in_place_concrete
from buyclean.core.document_checks import DOCUMENT_CHECKS, PRODUCT_CHECKS
from buyclean.core.model import (
    Assessment,
    Epd,
    Extracted,
    FindingStatus,
    Material,
    Overall,
    Product,
    ProductAssessment,
    Source,
    Status,
    TierMargin,
    Verdict,
)
from buyclean.core.rules import Rule, RuleSet
from buyclean.core.units import convert_per_unit, dimension

# A strength given in MPa is a conversion of a psi class: within 1% below a class boundary it is that class.
MPA_CLASS_TOLERANCE = 0.01
# Comparisons at the limit pass; this absorbs binary rounding of unit conversions only.
LIMIT_EPSILON = 1e-9


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


def product_attributes(product: Product) -> dict[str, Attribute]:
    """The attributes rule rows select on, each known or not."""
    name = product.name.value or ""
    category = product.category.value or ""
    strength = product.compressive_strength
    steel = product.steel
    s = steel.value
    strength_desc = "no specified strength"
    if strength.value is not None:
        st = strength.value
        strength_desc = f"f'c {st.value:g} {st.unit}" + ("" if st.unit == "psi" else f" = {st.psi:.0f} psi")
        if st.kind == "cube":
            strength_desc += " (cube strength converted to cylinder)"
    return {
        "cast_in_place": Attribute(is_cast_in_place_concrete(category, name), True,
                                   f"category '{category or name}'"),
        "strength_psi": _from(strength, strength.value, strength_desc),  # type: ignore[arg-type]
        "steel_product": Attribute(s.product.value if s else None, s is not None and steel.review is None,
                                   f"steel product {s.product.value if s else 'unknown'}", steel.review),
        "fabricated": Attribute(s.fabricated if s else None, s is not None and s.fabricated is not None
                                and steel.review is None,
                                {True: "fabricated", False: "unfabricated", None: "fabrication unknown"}[
                                    s.fabricated if s else None], steel.review),
        "route": Attribute(s.route.value if s and s.route else None, s is not None and s.route is not None
                           and steel.review is None, f"route {s.route.value if s and s.route else 'unknown'}",
                           steel.review),
        "name_pattern": Attribute(f"{name} {category}", True, f"name '{name}'"),
        # buyclean does not read thermal resistance yet: rows that need it always go to review.
        "thermal_resistance_rsi": Attribute(None, False, "thermal resistance not read"),
    }


def _strength_fits(bounds: dict[str, float], attr: Attribute) -> bool:
    strength = attr.value
    psi: float = strength.psi  # type: ignore[attr-defined]
    tolerance = MPA_CLASS_TOLERANCE if strength.unit == "MPa" else 0.0  # type: ignore[attr-defined]
    low = bounds.get("min", 0.0) * (1 - tolerance)
    high = bounds.get("below", float("inf")) * (1 - tolerance)
    return low <= psi < high


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


def _verdict(ruleset: RuleSet, status: Status, message: str, rule: Rule | None = None, **kw: object) -> Verdict:
    extra: dict[str, object] = {}
    if rule is not None:
        extra = {"rule": rule.id, "unit": rule.unit, "source": ruleset.cite(rule), "confidence": rule.confidence,
                 "effective_from": rule.effective_from}
    extra.update(kw)
    return Verdict(ruleset.id, ruleset.version, status, message, **extra)  # type: ignore[arg-type]


def judge(product: Product, ruleset: RuleSet, on: dt.date) -> Verdict:
    """Compare one product's GWP A1-A3 with the row of ``ruleset`` that applies to it on ``on``."""
    material = product.material
    if material.value is None or material.needs_review:
        return _verdict(ruleset, Status.NEEDS_REVIEW,
                        f"The material is not certain ({material.review or 'not found'}); confirm it to pick a row.")
    material_name = material.value.value
    rows = ruleset.rules_by_material.get(material_name, ())
    if not rows:
        return _verdict(ruleset, Status.NOT_APPLICABLE, f"{ruleset.name} sets no limits for {material_name}.")
    in_force = [r for r in rows if r.in_force(on)]
    if not in_force:
        first = min(r.effective_from for r in rows)
        return _verdict(ruleset, Status.NO_LIMIT, f"No {material_name} row of {ruleset.id} is in force on "
                                                  f"{on.isoformat()} (the first takes effect {first.isoformat()}).")
    attrs = product_attributes(product)
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
    why = "; ".join(attrs[k].description for k in rule.match) or f"the {material_name} row"
    if rule.limits is None:
        return _verdict(ruleset, Status.NO_LIMIT, f"No limit defined: {rule.no_limit_reason}", rule, why=why)
    return _compare(product, ruleset, rule, why)


def _compare(product: Product, ruleset: RuleSet, rule: Rule, why: str) -> Verdict:
    gwp = product.gwp_a1a3
    if gwp.value is None:
        return _verdict(ruleset, Status.NEEDS_REVIEW, f"No GWP A1-A3 to compare: {gwp.review or 'none declared'}.",
                        rule, why=why)
    converted = gwp_in_unit(product, rule.per_unit)
    if converted is None:
        return _verdict(ruleset, Status.NEEDS_REVIEW,
                        f"The GWP is declared per {gwp.value.per_unit} but the limit is per {rule.per_unit}; no "
                        f"conversion is possible without the mass per declared unit. Enter it to get a verdict.",
                        rule, why=why)
    value, conversion = converted
    factor = rule.high_early_strength_factor if product.high_early_strength.value else None
    limits = [(tier, limit * (factor or 1.0)) for tier, limit in rule.limits or ()]
    if factor:
        why += f"; high-early-strength mix: limits x{factor:g}"
    margins = tuple(TierMargin(tier, ruleset.tier_label(tier), limit, limit - value,
                               value <= limit * (1 + LIMIT_EPSILON)) for tier, limit in limits)
    best = next((m for m in margins if m.passed), None)
    status = Status.PASS if best else Status.FAIL
    loosest = margins[-1]
    if best:
        message = (f"{value:.1f} {rule.unit} is within {best.label} ({best.limit:g}), "
                   f"{best.margin:.1f} below the limit.")
    else:
        message = f"{value:.1f} {rule.unit} is above every tier; the loosest limit is {loosest.limit:g}."
    doubts = [f"{label}: {e.review}" for label, e in (
        ("GWP", product.gwp_a1a3), ("declared unit", product.declared_unit),
        ("strength", product.compressive_strength), ("steel type", product.steel)) if e.review]
    if doubts:
        status = Status.NEEDS_REVIEW
        message = f"Would be: {message} But the reading is not certain ({'; '.join(doubts)})."
    if rule.confidence == "second-hand":
        message += " The limit is second-hand; confirm it with the program."
    return _verdict(ruleset, status, message, rule, why=why, gwp=value, conversion=conversion,
                    tier=best.tier if best else None, tier_label=best.label if best else None,
                    limit=best.limit if best else loosest.limit, margins=margins)


def _product_status(verdicts: Sequence[Verdict], findings: Sequence[object]) -> tuple[Overall, tuple[str, ...]]:
    failed = [f.message for f in findings if f.status is FindingStatus.FAIL]  # type: ignore[attr-defined]
    failed += [v.message for v in verdicts if v.status is Status.FAIL]
    if failed:
        return Overall.NON_COMPLIANT, tuple(failed)
    open_points = [f.message for f in findings if f.status is FindingStatus.UNKNOWN]  # type: ignore[attr-defined]
    judged = [v for v in verdicts if v.status is not Status.NOT_APPLICABLE]
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


def assess(epd: Epd, rulesets: Sequence[RuleSet], *, source: Source, on: dt.date | None = None) -> Assessment:
    """Judge every product of ``epd`` against every rule set, plus the document checks."""
    on = on or dt.date.today()
    document = tuple(f for check in DOCUMENT_CHECKS.values() if (f := check(epd, on, rulesets)) is not None)
    products = []
    for product in epd.products:
        verdicts = tuple(judge(product, rs, on) for rs in rulesets)
        own = tuple(f for check in PRODUCT_CHECKS.values() if (f := check(product, on, rulesets)) is not None)
        status, reasons = _product_status(verdicts, document + own)
        products.append(ProductAssessment(product, verdicts, own, status, reasons))
    status = worst([p.status for p in products]) if products else Overall.NEEDS_REVIEW
    return Assessment(source=source, epd=epd, checked_on=on,
                      rulesets=tuple((rs.id, rs.version, rs.name) for rs in rulesets),
                      products=tuple(products), findings=document, status=status)


ProductCheck = Callable[[Product, dt.date, Sequence[RuleSet]], object]
__all__ = ["Material", "assess", "judge", "worst"]
