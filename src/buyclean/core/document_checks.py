"""What the EPD itself must be: small functions in a registry, each returning a Finding or None (not asked for).

Each requirement is a check with its own line in the result: valid on the check date, under the age a rule set
allows, an ISO 14025 Type III declaration, product-specific (GSA) or facility-specific (Buy Clean California),
third-party verified, and written to a PCR with its version (the one a rule set names for a material, or one an
officer accepted by review: ``Epd.pcr_accepted``). A check is asked for by the rule sets whose
``document_requirements`` name it; ``assess`` passes only the rule sets that cover one of the EPD's materials
(``covering``). Each Finding names the rule sets that asked, so a certificate under one rule set is not held up by
another's requirement.

A new kind of check is one function here, one registry entry and one row in tests/test_document_checks.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from buyclean.core.model import Epd, EpdType, Finding, FindingStatus, Product
from buyclean.core.rules import RuleSet

DocumentCheck = Callable[[Epd, dt.date, Sequence[RuleSet]], Finding | None]
ProductCheck = Callable[[Product, dt.date, Sequence[RuleSet]], Finding | None]

PASS, FAIL, UNKNOWN = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.UNKNOWN
_ORDER = {PASS: 0, UNKNOWN: 1, FAIL: 2}


def covering(rulesets: Sequence[RuleSet], epd: Epd) -> list[RuleSet]:
    """The rule sets with rows for a material of the EPD (all of them when a product's material is not certain):
    only these ask anything of the EPD, so Buy Clean California's facility rule does not hold up a concrete EPD."""
    materials = set()
    for product in epd.products:
        if product.material.value is None or product.material.needs_review:
            return list(rulesets)
        materials.add(product.material.value.value)
    if not materials:
        return list(rulesets)
    return [rs for rs in rulesets if any(m in rs.rules_by_material for m in materials)]


def _asking(rulesets: Sequence[RuleSet], key: str) -> list[RuleSet]:
    """The rule sets (those covering the EPD, as ``assess`` passes them) whose document requirements name ``key``."""
    return [rs for rs in rulesets if rs.document_requirements.get(key) not in (None, False)]


def _ids(rulesets: Sequence[RuleSet]) -> tuple[str, ...]:
    return tuple(rs.id for rs in rulesets)


def _named(rulesets: Sequence[RuleSet]) -> str:
    return " and ".join(_ids(rulesets))


def _merge(check: str, results: Sequence[tuple[str, FindingStatus, str]]) -> Finding:
    """One finding for several rule sets: the same words when they agree, each rule set's words when they differ."""
    outcomes = {(status, message) for _, status, message in results}
    ids = tuple(rs for rs, _, _ in results)
    if len(outcomes) == 1:
        status, message = outcomes.pop()
        return Finding(check, status, message, ids)
    status = max((s for _, s, _ in results), key=_ORDER.__getitem__)
    return Finding(check, status, "; ".join(f"{rs}: {message}" for rs, _, message in results), ids)


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
    asks = [(rs, rs.document_requirements["max_age_years"]) for rs in _asking(rulesets, "max_age_years")]
    if not asks:
        return None
    ids = tuple(rs.id for rs, _ in asks)
    issued = epd.issued.value
    if issued is None or epd.issued.needs_review:
        return Finding("epd_age", UNKNOWN, "The issue date was not found, so the EPD's age cannot be checked.", ids)
    for rs, req in asks:
        years = req["value"]
        age_days = (on - issued).days
        if age_days > years * 365.25:
            status = FAIL if req["confidence"] == "verbatim" else UNKNOWN
            hedge = "" if status is FAIL else f" (a {req['confidence']} requirement: {req['source']}; confirm it)"
            return Finding("epd_age", status, f"Issued {issued.isoformat()}, {age_days / 365.25:.1f} years before the "
                                              f"check date; {rs.id} wants EPDs under {years:g} years old{hedge}.",
                           (rs.id,))
    return Finding("epd_age", PASS, f"Issued {issued.isoformat()}.", ids)


_TYPE_III = re.compile(r"14025|type\s*iii", re.IGNORECASE)


def type_iii(epd: Epd, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding | None:
    """The EPD must be an ISO 14025 Type III declaration: said so, or registered, verified and published as one."""
    asking = _asking(rulesets, "type_iii")
    if not asking:
        return None
    said = next((text for text in (*epd.standards, epd.pcr.value) if text and _TYPE_III.search(text)), None)
    if said is not None:
        return Finding("type_iii", PASS, f"An ISO 14025 Type III declaration ('{said}').", _ids(asking))
    operator, number, verified = epd.program_operator, epd.registration_number, epd.third_party_verified
    if operator.known and number.known and verified.known and verified.value is True:
        return Finding("type_iii", PASS, f"Registered with {operator.value} as {number.value} and third-party "
                                         "verified: an ISO 14025 Type III declaration.", _ids(asking))
    missing = ["an ISO 14025 reference"] + [what for what, ex in (("the program operator", operator),
                                                                ("the registration number", number)) if not ex.known]
    if not (verified.known and verified.value is True):
        missing.append("third-party verification")
    return Finding("type_iii", UNKNOWN, "Nothing read shows that this is an ISO 14025 Type III declaration (not "
                                        f"found: {', '.join(missing)}); check the EPD document.", _ids(asking))


_KIND_WORDS = {EpdType.INDUSTRY_AVERAGE: "an industry-average", EpdType.COMPANY_AVERAGE: "a company-average",
               EpdType.PRODUCT_GROUP_AVERAGE: "a product-group-average", EpdType.WORST_CASE: "a worst-case"}


def _epd_type(epd: Epd) -> tuple[EpdType | None, str]:
    kind = epd.epd_type
    if kind.value is None or kind.value is EpdType.UNKNOWN or kind.needs_review:
        return None, kind.review or ""
    return kind.value, ""


def product_specific(epd: Epd, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding | None:
    """Programs want product-specific EPDs (facility-specific where feasible); an industry average does not qualify."""
    asking = _asking(rulesets, "product_specific")
    if not asking:
        return None
    ids = _ids(asking)
    kind, why = _epd_type(epd)
    if kind is None:
        return Finding("product_specific", UNKNOWN, "Whether the EPD is product-specific or an industry average was "
                                                    f"not found{': ' + why if why else ''}.", ids)
    if kind is EpdType.INDUSTRY_AVERAGE:
        return Finding("product_specific", FAIL, "This is an industry-average EPD; the programs want a product-"
                                                 "specific (and where feasible facility-specific) EPD.", ids)
    if kind is EpdType.PRODUCT_GROUP_AVERAGE:
        return Finding("product_specific", UNKNOWN, "The EPD declares an average over a group of products; check "
                                                    "that the program accepts it for this product.", ids)
    if kind is EpdType.COMPANY_AVERAGE:
        return Finding("product_specific", UNKNOWN, "The EPD averages the product over several of the manufacturer's "
                                                    f"plants; {_named(asking)} wants a product-specific EPD with "
                                                    "facility-specific data where feasible: check that it accepts "
                                                    "this one.", ids)
    if kind is EpdType.FACILITY_SPECIFIC:
        return Finding("product_specific", PASS, "Facility-specific EPD (product-specific, for one plant).", ids)
    note = " (worst case of several products)" if kind is EpdType.WORST_CASE else ""
    return Finding("product_specific", PASS, f"Product-specific EPD{note}.", ids)


def facility_specific(epd: Epd, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding | None:
    """Buy Clean California wants facility-specific EPDs (for steel, the mill's); averages do not count."""
    asking = _asking(rulesets, "facility_specific")
    if not asking:
        return None
    ids, named = _ids(asking), _named(asking)
    kind, why = _epd_type(epd)
    plants = f" (plants named: {'; '.join(epd.plants)})" if epd.plants else ""
    if kind is EpdType.FACILITY_SPECIFIC:
        return Finding("facility_specific", PASS, f"Facility-specific EPD{plants}.", ids)
    if kind in (EpdType.INDUSTRY_AVERAGE, EpdType.COMPANY_AVERAGE):
        return Finding("facility_specific", FAIL, f"This is {_KIND_WORDS[kind]} EPD; {named} requires a facility-"
                                                  "specific EPD (for steel, the mill's own), so it does not qualify.",
                       ids)
    if kind is None:
        return Finding("facility_specific", UNKNOWN, f"{named} requires a facility-specific EPD (for steel, the "
                                                     "mill's own), and what the EPD covers was not found"
                                                     f"{': ' + why if why else ''}; check the EPD document.", ids)
    said = "product-specific" if kind is EpdType.PRODUCT_SPECIFIC else f"{_KIND_WORDS[kind].split(' ', 1)[1]}"
    return Finding("facility_specific", UNKNOWN, f"The EPD is {said}, but it does not say it is for one facility"
                                                 f"{plants}; {named} requires a facility-specific EPD (for steel, "
                                                 "the mill's own, not the fabricator's). Confirm it by a review "
                                                 "decision on the EPD type.", ids)


def third_party_verified(epd: Epd, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding | None:
    """Programs want EPDs verified by an independent third party (ISO 14025)."""
    asking = _asking(rulesets, "third_party_verified")
    if not asking:
        return None
    ids = _ids(asking)
    verified = epd.third_party_verified
    if verified.value is None or verified.needs_review:
        return Finding("third_party_verified", UNKNOWN, "Third-party verification was not stated in what was read.",
                       ids)
    if not verified.value:
        return Finding("third_party_verified", FAIL, "The EPD is not third-party verified.", ids)
    return Finding("third_party_verified", PASS, "Third-party verified.", ids)


_VERSION = re.compile(r"\b(?:v|ver|version|rev)\.?\s*(\d+(?:\.\d+)*)", re.IGNORECASE)


def pcr_version(text: str) -> str | None:
    """The version a PCR's text states ('NSF PCR for Concrete v2.1 (8/2021)' -> '2.1'), or None."""
    found = _VERSION.search(text)
    return found.group(1) if found else None


def _same_version(a: str | None, b: str) -> bool:
    def parts(v: str) -> list[int]:
        numbers = [int(x) for x in v.split(".")]
        while len(numbers) > 1 and numbers[-1] == 0:
            numbers.pop()
        return numbers

    return a is not None and parts(a) == parts(b)


@lru_cache(maxsize=64)
def _pcr_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _wanted(ruleset: RuleSet, named: Sequence[tuple[str, dict[str, Any]]]) -> str:
    return "; ".join(f"{ruleset.id} names the {spec['name']} v{spec['version']}"
                     + (f" ({spec['published']})" if spec.get("published") else "") + f" for {m}" for m, spec in named)


def _differs(text: str, ruleset: RuleSet, named: Sequence[tuple[str, dict[str, Any]]]) -> str | None:
    """How the PCR read differs from the one the rule set names for a material of the EPD, or None."""
    version = pcr_version(text)
    for material, spec in named:
        if not _pcr_pattern(spec["pattern"]).search(text):
            return (f"Written to '{text}', not the {spec['name']} v{spec['version']} that {ruleset.id} names "
                    f"for {material}")
        if not _same_version(version, spec["version"]):
            return (f"Written to '{text}' (version {version or 'not stated'}), but {ruleset.id} names "
                    f"version {spec['version']} of the {spec['name']} for {material}")
    return None


def _named_pcrs(epd: Epd, ruleset: RuleSet) -> list[tuple[str, dict[str, Any]]]:
    """The PCRs the rule set names for the EPD's materials, as (material, spec)."""
    materials = {p.material.value.value for p in epd.products if p.material.value is not None}
    return [(m, spec) for m, spec in ruleset.document_requirements.get("pcr", {}).items() if m in materials]


def _judged(epd: Epd) -> tuple[bool, str] | None:
    """An officer's judgement of the PCR read (pcr_accepted), if it was made on the same PCR text: (accepted, who and
    why)."""
    judged = epd.pcr_accepted
    if judged.value is None or judged.evidence.text != epd.pcr.value:
        return None
    return judged.value, (judged.evidence.note or "no reason recorded").removeprefix("set by review: ")


def _accepted(epd: Epd, ruleset: RuleSet) -> str | None:
    """Say how a review accepted the EPD's PCR for ``ruleset`` when it is not the one the rule set names ('accepted
    for gsa-ira-lec by review (who: why)'); None when it did not, or the PCR passes on its own."""
    judged = _judged(epd)
    if judged is None or not judged[0] or epd.pcr.value is None or epd.pcr.needs_review:
        return None
    if _differs(epd.pcr.value, ruleset, _named_pcrs(epd, ruleset)) is None:
        return None
    return f"accepted for {ruleset.id} by review ({judged[1]})"


def _pcr_for(epd: Epd, ruleset: RuleSet) -> tuple[FindingStatus, str]:
    named = _named_pcrs(epd, ruleset)
    pcr = epd.pcr
    if pcr.value is None or pcr.needs_review:
        why = f" ({pcr.review})" if pcr.review else ""
        return UNKNOWN, (f"No PCR was read{why}; {_wanted(ruleset, named) or 'an EPD must name its PCR and version'}. "
                         "Check the PCR in the EPD document.")
    text = pcr.value
    # a judgement made on this PCR text: a rejection fails the check under every rule set that asks for it; an
    # acceptance answers only a rule set that names another PCR or version
    judged = _judged(epd)
    if judged is not None and not judged[0]:
        return FAIL, (f"Written to '{text}', which review rejected for {ruleset.id} ({judged[1]})"
                      + (f"; {_wanted(ruleset, named)}." if named else "."))
    differs = _differs(text, ruleset, named)
    if differs is not None:
        accepted = _accepted(epd, ruleset)
        if accepted is not None:
            return PASS, f"{differs}; {accepted}."
        earlier = (f" (a review decision judged '{epd.pcr_accepted.evidence.text}', not this PCR)"
                   if epd.pcr_accepted.value is not None else "")
        return UNKNOWN, f"{differs}; review it under {ruleset.id} before relying on the verdict{earlier}."
    version = pcr_version(text)
    if named:
        return PASS, f"Written to '{text}': {_wanted(ruleset, named)}."
    return PASS, f"PCR: '{text}'" + (f" (version {version})." if version else " (no version stated).")


def pcr(epd: Epd, on: dt.date, rulesets: Sequence[RuleSet]) -> Finding | None:
    """An EPD states its PCR and version; where a rule set names the PCR for a material, it is that one, or another
    that an officer's review accepted for it."""
    asking = _asking(rulesets, "pcr")
    if not asking:
        return None
    return _merge("pcr", [(rs.id, *_pcr_for(epd, rs)) for rs in asking])


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
    "type_iii": type_iii,
    "product_specific": product_specific,
    "facility_specific": facility_specific,
    "third_party_verified": third_party_verified,
    "pcr": pcr,
}
PRODUCT_CHECKS: dict[str, ProductCheck] = {
    "a1a3_present": a1a3_present,
}
