"""What a certificate states, taken from an Assessment, and the certificate number."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import secrets
from dataclasses import dataclass, fields
from typing import Any

from buyclean.core.model import Assessment, Extracted, FindingStatus, ProgramState, Status, Strength
from buyclean.core.report import assessment_json, plain
from buyclean.core.review import hand_entry
from buyclean.core.rules import Rule, RuleSet
from buyclean.errors import NotCertifiable

MODE_SERVICE, MODE_DEVELOPMENT, MODE_SELF_CHECK = "service", "development", "self-check"
TITLES = {MODE_SERVICE: "Certificate of compliance",
          MODE_DEVELOPMENT: "Development instance: not a valid certificate",
          MODE_SELF_CHECK: "Self-check, not registered with any service"}

# Crockford base32: no I, L, O or U, so a number read aloud or typed from paper is unambiguous.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NUMBER_RE = re.compile(r"^BC-(\d{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})$")
DEFAULT_VALIDITY = dt.timedelta(days=365)

__all__ = ["MODE_DEVELOPMENT", "MODE_SELF_CHECK", "MODE_SERVICE", "CertificateData", "NotCertifiable", "TierLimit",
           "certificate_data", "certificate_facts", "certificate_number", "hand_entry_sentences",
           "normalize_certificate_number",
           "open_review", "owner_note", "strength_text"]


@dataclass(frozen=True)
class TierLimit:
    label: str
    limit: float
    passed: bool


@dataclass(frozen=True)
class CertificateData:
    """Everything one certificate page states, as plain values; ``assessment_json`` is embedded in the PDF."""

    number: str
    issuer: str
    verify_url: str
    issued_on: dt.date
    expires_on: dt.date
    expiry_reason: str  # which bound set the expiry: the EPD's validity or the certificate's own term
    checked_on: dt.date
    product_index: int  # 0-based, as "index" in the assessment JSON
    product_name: str
    product_category: str | None
    material: str | None
    declared_unit: str | None
    strength: str | None
    manufacturer: str | None
    plants: tuple[str, ...]
    epd_registration_number: str | None
    program_operator: str | None
    epd_issued: dt.date | None
    epd_valid_until: dt.date
    epd_filename: str
    epd_sha256: str
    gwp_declared: str  # as the EPD declares it, e.g. "210 kgCO2e/yd3 (GWP (TRACI 2.1), A1-A3)"
    gwp: float  # in the rule's unit
    unit: str  # the rule's unit, e.g. "kgCO2e/m3"
    conversion: str | None
    limit: float
    tier: str
    tier_label: str
    tiers: tuple[TierLimit, ...]  # strictest first
    ruleset_id: str
    ruleset_name: str
    ruleset_version: str
    ruleset_publisher: str
    rule_id: str
    rule_label: str
    rule_source: str  # citation of the source document
    rule_effective_from: dt.date
    assessment_json: str
    program_status: str = ""  # the rule set's program status, one line ("Program status: contract-bound legacy ...")
    program_state: str = ""  # its short form for the page: "contract-bound legacy as of 2025-07-04"
    tier_note: str | None = None  # below the preferred tier: what the buyer must document
    allowance: str | None = None  # an allowance applied to the limits and who confirmed it (high early strength)
    allowance_short: str | None = None  # its few words for the page: "x1.3: high early strength confirmed by review"
    row_why: str | None = None  # why the row applies, e.g. the strength binned down to its class
    indicator: str | None = None  # the GWP compared, e.g. "GWP (TRACI 2.1), A1-A3"
    strength_class: str | None = None  # the class a strength was binned to, e.g. "binned down to the 3000 psi class"
    # who stands behind it: a service (https public URL), a development instance, or a self-check on the command line
    mode: str = MODE_SERVICE
    signer_fingerprint: str = ""  # SHA-256 of the signing certificate, 64 upper-case hex digits
    declared_by: str | None = None  # the organisation of the account that submitted the EPD
    owner_note: str | None = None  # the EPD owner and the declaring account disagree, or the EPD names no owner
    timestamp_authority: str | None = None  # the RFC 3161 authority whose token the signature will carry
    pcr: str | None = None  # the product category rules the EPD declares it follows
    # the limit's provenance when it is not the program's own text: "second-hand: epd.guide (second-hand) ..."
    limit_note: str | None = None
    # the values a person entered by hand (a scan), one sentence per person: "Entered by hand by olive@port.example:
    # GWP A1-A3 and declared unit from page 5 of the EPD; product name, material and strength from page 2"
    hand_entered: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The page's title: a self-check or a development instance never looks like the service's certificate."""
        return TITLES[self.mode]

    def summary(self) -> dict[str, object]:
        """Return the certificate's own statements as JSON-ready values (embedded beside the assessment): a
        selection of ``certificate_facts``, with where to verify it and which product of the assessment it is."""
        facts = {**certificate_facts(self), "verify_url": self.verify_url, "product_index": self.product_index}
        facts["ruleset"] = {key: facts["ruleset"][key] for key in EMBEDDED_RULESET_FACTS}
        return {"format": "buyclean-certificate/1", **{key: facts[key] for key in EMBEDDED_FACTS}}


# What certificate.json in the PDF states, in this order (a signed file: the same data give the same bytes).
EMBEDDED_FACTS = ("number", "issuer", "verify_url", "issued_on", "expires_on", "checked_on", "product_index",
                  "product_name", "epd_registration_number", "epd_sha256", "ruleset", "gwp", "limit", "tier", "mode",
                  "signer_fingerprint", "manufacturer", "declared_by", "owner_note")
EMBEDDED_RULESET_FACTS = ("id", "version", "rule")


def certificate_facts(data: CertificateData) -> dict[str, Any]:
    """The facts a certificate states, as JSON-ready values: the one projection of CertificateData.

    Stored with the certificate's record and shown by the public verification page (nothing else of the
    submission); the PDF's certificate.json (``CertificateData.summary``) is a selection of them.
    """
    return {
        "number": data.number, "issuer": data.issuer, "product_name": data.product_name,
        "material": data.material, "product_category": data.product_category, "strength": data.strength,
        "declared_unit": data.declared_unit, "strength_class": data.strength_class,
        "manufacturer": data.manufacturer, "plants": list(data.plants),
        "epd_registration_number": data.epd_registration_number, "program_operator": data.program_operator,
        "epd_valid_until": data.epd_valid_until.isoformat(), "epd_sha256": data.epd_sha256,
        "gwp": {"value": data.gwp, "unit": data.unit}, "limit": {"value": data.limit, "unit": data.unit},
        "tier": data.tier, "tier_label": data.tier_label,
        "ruleset": {"id": data.ruleset_id, "name": data.ruleset_name, "version": data.ruleset_version,
                    "publisher": data.ruleset_publisher, "rule": data.rule_id, "rule_label": data.rule_label,
                    "source": data.rule_source, "effective_from": data.rule_effective_from.isoformat(),
                    "program_status": data.program_status, "row_why": data.row_why},
        "tier_note": data.tier_note, "allowance": data.allowance, "indicator": data.indicator,
        "checked_on": data.checked_on.isoformat(), "issued_on": data.issued_on.isoformat(),
        "expires_on": data.expires_on.isoformat(), "expiry_reason": data.expiry_reason,
        "mode": data.mode, "signer_fingerprint": data.signer_fingerprint, "declared_by": data.declared_by,
        "owner_note": data.owner_note, "hand_entered": list(data.hand_entered),
    }


def _words(name: str) -> set[str]:
    generic = {"inc", "llc", "ltd", "co", "corp", "corporation", "company", "the", "and", "of", "gmbh", "sa", "ag",
               "plc", "group", "usa", "us", "unverified"}
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in generic and len(w) > 1}


def owner_note(manufacturer: str | None, declared_by: str | None) -> str | None:
    """Say when the EPD's owner and the declaring organisation differ, or when the EPD names no owner."""
    if declared_by is None:
        return None
    if not manufacturer:
        return f"The EPD names no manufacturer; it was declared by {declared_by}."
    owner, declarer = _words(manufacturer), _words(declared_by)
    # the same company when one name's words all appear in the other ("CEMEX" and "CEMEX USA, Inc."); sharing a
    # trade word ("Concrete") is not enough
    if not owner or not declarer or not (owner <= declarer or declarer <= owner):
        return f"The EPD names {manufacturer} as its owner, but it was declared by {declared_by}."
    return None


def certificate_number(year: int | None = None) -> str:
    """Return a new certificate number like "BC-2026-4F7K-9QX2": the year and 40 random bits in Crockford base32.

    40 bits make a clash unlikely (among 1,000 numbers in a year, about 1 in 2 million; among 100,000, about
    1 in 220) but not impossible: the store keeps the number unique and draws again when an insert collides.
    """
    year = dt.date.today().year if year is None else year
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"BC-{year:04d}-{chars[:4]}-{chars[4:]}"


def normalize_certificate_number(text: str) -> str | None:
    """Return the canonical form of a number typed by a person (case, O/0, I/L/1, spaces), or None if malformed."""
    cleaned = re.sub(r"[\s–—_]+", "-", text.strip().upper())
    head, _, tail = cleaned.partition("-")
    tail = tail.translate(str.maketrans("OIL", "011"))
    candidate = f"{head}-{tail}"
    return candidate if NUMBER_RE.match(candidate) else None


def _refuse(index: int, name: str, ruleset: RuleSet, why: str) -> NotCertifiable:
    return NotCertifiable(f"Product {index + 1} ('{name}') cannot be certified under {ruleset.id} "
                          f"{ruleset.version}: {why}", where=f"$.products[{index}]")


def _fmt_number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"


def strength_text(strength: Strength) -> str:
    """The strength as declared and, when not a cylinder strength in psi, the psi value that chose the rule row."""
    declared = f"{_fmt_number(strength.value)} {strength.unit}"
    if strength.kind == "cube":
        return f"{declared} cube ({math.floor(strength.psi + 0.5):,} psi as a cylinder)"
    return declared if strength.unit == "psi" else f"{declared} ({math.floor(strength.psi + 0.5):,} psi)"


def certificate_data(assessment: Assessment, product_index: int, ruleset: RuleSet, *, number: str, issuer: str,
                     verify_url: str, issued_on: dt.date | None = None,
                     validity: dt.timedelta = DEFAULT_VALIDITY, mode: str = MODE_SERVICE, signer_fingerprint: str = "",
                     declared_by: str | None = None, timestamp_authority: str | None = None) -> CertificateData:
    """Build the certificate for one product that passed ``ruleset``; raise NotCertifiable saying why otherwise.

    ``mode`` says who stands behind it (MODE_SERVICE, MODE_DEVELOPMENT, MODE_SELF_CHECK: no verify URL, no QR);
    ``declared_by`` is the submitting organisation, compared with the EPD's manufacturer.
    """
    if mode not in TITLES:
        raise ValueError(f"unknown certificate mode {mode!r}")
    if not 0 <= product_index < len(assessment.products):
        raise NotCertifiable(f"There is no product {product_index + 1}: the EPD {assessment.source.filename} "
                             f"declares {len(assessment.products)} product(s).", where="$.products")
    pa = assessment.products[product_index]
    product, epd = pa.product, assessment.epd
    name = product.name.value or "(unnamed product)"
    verdict = next((v for v in pa.verdicts if v.ruleset == ruleset.id), None)
    if verdict is None:
        raise _refuse(product_index, name, ruleset, f"the assessment did not check it against {ruleset.id} "
                      f"(checked: {', '.join(r[0] for r in assessment.rulesets) or 'none'}); check it again.")
    if verdict.ruleset_version != ruleset.version:
        raise _refuse(product_index, name, ruleset, f"it was checked against version {verdict.ruleset_version}; "
                      "check it again against the current version.")
    if verdict.status is not Status.PASS:
        raise _refuse(product_index, name, ruleset, f"its verdict is {verdict.status.value}: {verdict.message}")
    waiting = open_review(assessment)
    if waiting:
        raise _refuse(product_index, name, ruleset, f"review is not finished: {'; '.join(waiting[:5])}"
                      f"{f' (and {len(waiting) - 5} more)' if len(waiting) > 5 else ''}. Resolve every item marked "
                      "needs review, then issue.")
    if ruleset.program_status.state is ProgramState.RESCINDED:
        raise _refuse(product_index, name, ruleset, f"the program is rescinded and binds no one "
                      f"({ruleset.program_status.line()}).")
    # a finding asked for by another rule set (its PCR, its facility rule) does not hold up this one
    open_findings = [f for f in (*assessment.findings, *pa.findings) if f.status is not FindingStatus.PASS
                     and (not f.rulesets or ruleset.id in f.rulesets)]
    if open_findings:
        f = open_findings[0]
        state = "non_compliant" if f.status is FindingStatus.FAIL else "needs_review"
        raise _refuse(product_index, name, ruleset, f"the document is {state} ({f.check}): {f.message}")
    if (verdict.gwp is None or verdict.limit is None or verdict.tier is None or verdict.unit is None
            or verdict.rule is None or product.gwp_a1a3.value is None):
        raise _refuse(product_index, name, ruleset, "the verdict names no GWP, limit or tier.")
    valid_until = epd.valid_until.value
    if valid_until is None or epd.valid_until.needs_review:
        raise _refuse(product_index, name, ruleset, "the EPD's validity date is not known, so no expiry can be set.")
    issued_on = issued_on or dt.date.today()
    if assessment.checked_on > issued_on:
        # a certificate never states a check that has not happened yet
        raise _refuse(product_index, name, ruleset, f"it was checked on {assessment.checked_on.isoformat()}, after "
                      f"the issue date {issued_on.isoformat()}; a certificate never states a future check date.")
    own_term = assessment.checked_on + validity
    # A certificate never outlives the EPD it rests on.
    expires_on, reason = (valid_until, "the EPD's validity") if valid_until <= own_term else \
        (own_term, f"{validity.days} days after the check")
    if issued_on > expires_on:
        raise _refuse(product_index, name, ruleset, f"it would have expired on {expires_on.isoformat()} "
                      f"({reason}), before the issue date {issued_on.isoformat()}; check the EPD again.")
    rule = next((r for r in ruleset.rules if r.id == verdict.rule), None)
    if rule is None:
        raise _refuse(product_index, name, ruleset, f"row {verdict.rule} is no longer in the rule set.")
    gwp = product.gwp_a1a3.value
    unit = product.declared_unit.value
    strength = product.compressive_strength.value
    return CertificateData(
        number=number, issuer=issuer, verify_url=verify_url, issued_on=issued_on, expires_on=expires_on,
        expiry_reason=reason, checked_on=assessment.checked_on, product_index=product_index, product_name=name,
        product_category=product.category.value, material=plain(product.material.value),
        declared_unit=f"{_fmt_number(unit.value)} {unit.unit}" if unit else None,
        strength=None if strength is None else strength_text(strength),
        manufacturer=epd.manufacturer.value, plants=epd.plants,
        epd_registration_number=epd.registration_number.value, program_operator=epd.program_operator.value,
        epd_issued=epd.issued.value, epd_valid_until=valid_until, epd_filename=assessment.source.filename,
        epd_sha256=assessment.source.sha256,
        gwp_declared=f"{_fmt_number(gwp.value)} {gwp.unit} ({gwp.indicator}, {gwp.modules})",
        gwp=verdict.gwp, unit=verdict.unit, conversion=verdict.conversion, limit=verdict.limit, tier=verdict.tier,
        tier_label=verdict.tier_label or verdict.tier,
        tiers=tuple(TierLimit(m.label, m.limit, m.passed) for m in verdict.margins),
        ruleset_id=ruleset.id, ruleset_name=ruleset.name, ruleset_version=ruleset.version,
        ruleset_publisher=ruleset.publisher, rule_id=rule.id, rule_label=rule.label,
        rule_source=str(ruleset.sources.get(rule.source, {}).get("title", rule.source)),
        rule_effective_from=rule.effective_from,
        assessment_json=json.dumps(assessment_json(assessment), ensure_ascii=False, indent=1, allow_nan=False),
        program_status=ruleset.program_status.line(), tier_note=verdict.tier_note, allowance=verdict.allowance,
        program_state=f"{ruleset.program_status.words} as of {ruleset.program_status.as_of.isoformat()}",
        row_why=verdict.why, indicator=verdict.indicator, strength_class=_strength_class(strength, rule),
        allowance_short=f"x{rule.high_early_strength_factor:g}: high early strength confirmed by review"
        if verdict.allowance and rule.high_early_strength_factor else None,
        mode=mode, signer_fingerprint=signer_fingerprint, declared_by=declared_by,
        owner_note=owner_note(epd.manufacturer.value, declared_by), timestamp_authority=timestamp_authority,
        pcr=epd.pcr.value, limit_note=_limit_note(rule, ruleset),
        hand_entered=hand_entry_sentences(assessment, product_index),
    )


# how a certificate names a value of the product or the EPD
VALUE_NAMES = {"name": "product name", "gwp_a1a3": "GWP A1-A3", "compressive_strength": "strength",
               "mass_per_declared_unit_kg": "mass per declared unit", "density_kg_m3": "density",
               "cast_in_place": "cast-in-place or precast", "issued": "issue date", "valid_until": "valid-until date",
               "epd_type": "EPD type", "third_party_verified": "third-party verification", "pcr": "PCR"}


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def hand_entry_sentences(assessment: Assessment, product_index: int) -> tuple[str, ...]:
    """Say which values of the product and its EPD a person entered by hand, and from which pages: one sentence per
    person, the GWP's page first, e.g. "Entered by hand by olive@port.example: GWP A1-A3 and declared unit from
    page 5 of the EPD; product name, material and strength from page 2"."""
    product, epd = assessment.products[product_index].product, assessment.epd
    pages: dict[str, dict[int, list[str]]] = {}
    for holder in (product, epd):
        for f in sorted(fields(holder), key=lambda f: f.name != "gwp_a1a3"):  # the value compared, first
            value = getattr(holder, f.name)
            if not isinstance(value, Extracted) or value.value is None:
                continue
            entry = hand_entry(value.evidence)
            if entry is not None:
                person, page = entry
                pages.setdefault(person, {}).setdefault(page, []).append(
                    VALUE_NAMES.get(f.name, f.name.replace("_", " ")))
    sentences = []
    for person, by_page in pages.items():
        ordered = sorted(by_page.items(), key=lambda item: ("GWP A1-A3" not in item[1], item[0]))
        parts = [f"{_listed(names)} from page {page}" + (" of the EPD" if k == 0 else "")
                 for k, (page, names) in enumerate(ordered)]
        sentences.append(f"Entered by hand by {person}: {'; '.join(parts)}")
    return tuple(sentences)


def _limit_note(rule: Rule, ruleset: RuleSet) -> str | None:
    """Say that a limit was taken from a secondary source, not the program's own text (rule confidence)."""
    if rule.confidence == "verbatim":
        return None
    source = ruleset.sources.get(rule.source, {})
    by = source.get("publisher") or rule.source
    return f"{rule.confidence}: as reported by {by}, not the program's own text"


def open_review(assessment: Assessment) -> list[str]:
    """Name everything on the assessment that still needs review: a certificate is issued only when none does.

    A value the reader was unsure of, on the EPD or on any product, and any verdict that waits for a review
    ("Registration number: needs review" printed on a certificate reads as an unchecked claim). Document checks
    are certificate_data's own test, per rule set (another program's PCR question does not hold this one up).
    """
    waiting = [f"EPD {f.name.replace('_', ' ')}" for f in fields(assessment.epd)
               if isinstance(value := getattr(assessment.epd, f.name), Extracted) and value.needs_review]
    for index, pa in enumerate(assessment.products):
        label = f"product {index + 1}"
        waiting += [f"{label} {f.name.replace('_', ' ')}" for f in fields(pa.product)
                    if isinstance(value := getattr(pa.product, f.name), Extracted) and value.needs_review]
        waiting += [f"{label} verdict under {v.ruleset}" for v in pa.verdicts if v.status is Status.NEEDS_REVIEW]
    return waiting


def _strength_class(strength: Strength | None, rule: Rule) -> str | None:
    """How a strength between classes was binned (strictly down), for the certificate's strength line."""
    bounds = rule.match.get("strength_psi")
    if strength is None or not isinstance(bounds, dict):
        return None
    low = float(bounds.get("min", 0.0))
    if strength.psi == low:
        return None
    return f"between classes, judged in the class below: {rule.label.split(', ', 1)[-1]}"
