"""Document and product checks: small functions in a registry, each returning a Finding or None (not asked for).

A new kind of check is one function here, one registry entry and one row in tests/test_document_checks.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from buyclean.core.model import Epd, EpdType, Finding, FindingStatus, Product
from buyclean.core.rules import RuleSet

DocumentCheck = Callable[[Epd, dt.date, Sequence[RuleSet]], Finding | None]
ProductCheck = Callable[[Product, dt.date, Sequence[RuleSet]], Finding | None]

PASS, FAIL, UNKNOWN = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.UNKNOWN


def _required(rulesets: Sequence[RuleSet], key: str) -> list[str]:
    return [rs.id for rs in rulesets if rs.document_requirements.get(key)]


def valid_on_date(epd: Epd, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding:
    """The EPD must be valid on the date checked."""
    valid = epd.valid_until
    if valid.value is None or valid.needs_review:
        why = valid.review or "no valid-until date was found"
        return Finding("valid_on_date", UNKNOWN, f"Validity on {on.isoformat()} cannot be confirmed: {why}.")
    if valid.value < on:
        return Finding("valid_on_date", FAIL, f"The EPD expired on {valid.value.isoformat()}, before the check date "
                                              f"{on.isoformat()}; ask the supplier for a current EPD.")
    if epd.issued.value is not None and epd.issued.value > on:
        return Finding("valid_on_date", FAIL, f"The EPD was issued on {epd.issued.value.isoformat()}, after the "
                                              f"check date {on.isoformat()}.")
    return Finding("valid_on_date", PASS, f"Valid until {valid.value.isoformat()}.")


def epd_age(epd: Epd, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding | None:
    """Some programs want EPDs younger than a number of years."""
    asks = [(rs, rs.document_requirements["max_age_years"]) for rs in rulesets
            if "max_age_years" in rs.document_requirements]
    if not asks:
        return None
    issued = epd.issued.value
    if issued is None or epd.issued.needs_review:
        return Finding("epd_age", UNKNOWN, "The issue date was not found, so the EPD's age cannot be checked.")
    for rs, req in asks:
        years = req["value"]
        age_days = (on - issued).days
        if age_days > years * 365.25:
            status = FAIL if req["confidence"] == "verbatim" else UNKNOWN
            hedge = "" if status is FAIL else f" (a {req['confidence']} requirement: {req['source']}; confirm it)"
            return Finding("epd_age", status, f"Issued {issued.isoformat()}, {age_days / 365.25:.1f} years before the "
                                              f"check date; {rs.id} wants EPDs under {years:g} years old{hedge}.")
    return Finding("epd_age", PASS, f"Issued {issued.isoformat()}.")


def product_specific(epd: Epd, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding | None:
    """Programs want product-specific EPDs; an industry average does not qualify a product."""
    if not _required(rulesets, "product_specific"):
        return None
    kind = epd.epd_type
    if kind.value is None or kind.value is EpdType.UNKNOWN or kind.needs_review:
        return Finding("product_specific", UNKNOWN, "Whether the EPD is product-specific or an industry average was "
                                                    f"not found{': ' + kind.review if kind.review else ''}.")
    if kind.value is EpdType.INDUSTRY_AVERAGE:
        return Finding("product_specific", FAIL, "This is an industry-average EPD; the programs want a product-"
                                                 "specific (and where feasible facility-specific) EPD.")
    if kind.value is EpdType.PRODUCT_GROUP_AVERAGE:
        return Finding("product_specific", UNKNOWN, "The EPD declares an average over a group of products; check "
                                                    "that the program accepts it for this product.")
    note = " (worst case of several products)" if kind.value is EpdType.WORST_CASE else ""
    return Finding("product_specific", PASS, f"Product-specific EPD{note}.")


def third_party_verified(epd: Epd, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding | None:
    """Programs want EPDs verified by an independent third party (ISO 14025)."""
    if not _required(rulesets, "third_party_verified"):
        return None
    verified = epd.third_party_verified
    if verified.value is None or verified.needs_review:
        return Finding("third_party_verified", UNKNOWN, "Third-party verification was not stated in what was read.")
    if not verified.value:
        return Finding("third_party_verified", FAIL, "The EPD is not third-party verified.")
    return Finding("third_party_verified", PASS, "Third-party verified.")


def a1a3_present(product: Product, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding:
    """The product must declare GWP for the production stage A1-A3."""
    gwp = product.gwp_a1a3
    if gwp.value is not None:
        how = "declared" if gwp.value.modules == "A1-A3" else "summed from A1, A2 and A3"
        return Finding("a1a3_present", PASS, f"GWP A1-A3 {how} ({gwp.value.indicator}).")
    if gwp.review:
        return Finding("a1a3_present", UNKNOWN, f"GWP A1-A3 not read: {gwp.review}.")
    return Finding("a1a3_present", FAIL, "No GWP A1-A3 is declared for this product.")


DOCUMENT_CHECKS: dict[str, DocumentCheck] = {
    "valid_on_date": valid_on_date,
    "epd_age": epd_age,
    "product_specific": product_specific,
    "third_party_verified": third_party_verified,
}
PRODUCT_CHECKS: dict[str, ProductCheck] = {
    "a1a3_present": a1a3_present,
}
