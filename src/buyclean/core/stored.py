"""Read a stored assessment document (schemas/assessment.schema.json) back into the typed Assessment.

``load_assessment`` is the inverse of ``report.assessment_json``: ``assessment_json(load_assessment(doc)) == doc``
for every document the writer makes, and ``load_assessment(assessment_json(a)) == a``. Certificates are rendered
from it: from what the officer saw and decided (review decisions are in the document as the values they set, with
"set by review: <who>: <why>" in their evidence), never from a re-reading of the file.

Two things the document carries only in words are read back from them: a verdict's ``asks`` (the review item an
officer's confirmation would settle, written into the product's review list) and a strength's test age other than
28 days (which the verdict names, since it leaves the product needing review). Two the document does not carry at
all, and no certificate states: the alternatives a reader saw for a value it was sure of (candidates are written
only for values that need review), and the rule's unit on a verdict that states neither a GWP nor a limit.
``comparable`` drops those two from an Assessment, so that ``load_assessment(assessment_json(a)) ==
comparable(a)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from typing import Any

from buyclean.core.model import (
    Assessment,
    Candidate,
    Epd,
    EpdType,
    Evidence,
    Extracted,
    Finding,
    FindingStatus,
    Gwp,
    Material,
    Overall,
    Product,
    ProductAssessment,
    ProgramState,
    ProgramStatus,
    Quantity,
    Source,
    Status,
    SteelProduct,
    SteelRoute,
    SteelType,
    Strength,
    TierMargin,
    Verdict,
)
from buyclean.core.report import FORMAT
from buyclean.errors import BuycleanError

# fields an officer's confirmation settles: a verdict asks for them; no reader ever marks them for review
ASKED_FIELDS = frozenset({"high_early_strength_required"})
_AGE = re.compile(r"the strength given is at (\d+) days")


class UnloadableAssessment(BuycleanError):
    """A stored document is not a buyclean assessment this version can read back."""


def _evidence(doc: Mapping[str, Any] | None) -> Evidence:
    if not doc:
        return Evidence()
    bbox = doc.get("bbox")
    return Evidence(path=doc.get("path"), page=doc.get("page"),
                    bbox=None if bbox is None else (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])),
                    text=doc.get("text"), note=doc.get("note"))


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _quantity(value: Any) -> Quantity | None:
    return None if value is None else Quantity(value["quantity"], value["unit"])


def _gwp(value: Any) -> Gwp | None:
    if value is None:
        return None
    return Gwp(value["value"], value["unit"].split("/", 1)[1], value["indicator"], value["modules"], value["method"])


def _strength(value: Any) -> Strength | None:
    return None if value is None else Strength(value["value"], value["unit"], value["psi"], value["kind"])


def _steel(value: Any) -> SteelType | None:
    if value is None:
        return None
    return SteelType(SteelProduct(value["product"]), value["fabricated"],
                     None if value["route"] is None else SteelRoute(value["route"]))


def _same(value: Any) -> Any:
    return value


def _enum(kind: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else kind(value)


PRODUCT_VALUES: dict[str, Callable[[Any], Any]] = {
    "name": _same, "material": _enum(Material), "category": _same, "declared_unit": _quantity, "gwp_a1a3": _gwp,
    "compressive_strength": _strength, "high_early_strength": _same, "high_early_strength_required": _same,
    "lightweight": _same, "steel": _steel, "mass_per_declared_unit_kg": _same, "density_kg_m3": _same,
    "cast_in_place": _same, "no_limit": _same,
}
EPD_VALUES: dict[str, Callable[[Any], Any]] = {
    "registration_number": _same, "program_operator": _same, "manufacturer": _same, "issued": _date,
    "valid_until": _date, "epd_type": _enum(EpdType), "third_party_verified": _same, "pcr": _same,
    "pcr_accepted": _same,
}
# values added after assessments were first stored: a document written before one of them lacks its key, which
# means what the writer now writes as null (no such value, no decision), so it loads without a migration
LATER_VALUES = frozenset({"density_kg_m3", "cast_in_place", "no_limit", "pcr_accepted"})


def _extracted(name: str, doc: Mapping[str, Any], parse: Callable[[Any], Any], evidence: Mapping[str, Any],
               review: Mapping[str, Mapping[str, Any]]) -> Extracted[Any]:
    item = review.get(name)
    candidates = () if item is None else tuple(Candidate(parse(c["value"]), _evidence(c.get("evidence")))
                                               for c in item["candidates"])
    value = doc.get(name) if name in LATER_VALUES else doc[name]
    return Extracted(parse(value), _evidence(evidence.get(name)), candidates,
                     None if item is None else item["reason"])


def _margin(doc: Mapping[str, Any]) -> TierMargin:
    return TierMargin(doc["tier"], doc["label"], doc["limit"], doc["margin"], doc["passed"])


def _verdict(doc: Mapping[str, Any], asks: tuple[str, ...]) -> Verdict:
    limit, gwp = doc.get("limit"), doc.get("gwp")
    unit = (limit or gwp or {}).get("unit")
    return Verdict(
        ruleset=doc["ruleset"], ruleset_version=doc["ruleset_version"], status=Status(doc["status"]),
        message=doc["message"], rule=doc["rule"], why=doc["why"], unit=unit,
        gwp=None if gwp is None else gwp["value"], tier=doc["tier"], tier_label=doc["tier_label"],
        limit=None if limit is None else limit["value"], margins=tuple(_margin(m) for m in doc["margins"]),
        conversion=doc["conversion"], source=doc["source"], confidence=doc["confidence"],
        effective_from=_date(doc["effective_from"]), indicator=doc["indicator"], allowance=doc["allowance"],
        tier_note=doc["tier_note"], program_status=doc["program_status"], asks=asks)


def _finding(doc: Mapping[str, Any]) -> Finding:
    return Finding(doc["check"], FindingStatus(doc["status"]), doc["message"], tuple(doc["rulesets"]))


def _product(doc: Mapping[str, Any]) -> ProductAssessment:
    # a verdict's asks are written into the product's review list (report.product_json); they are not the field's
    asked = [item for item in doc["review"] if item["field"] in ASKED_FIELDS and not item["candidates"]]
    review = {item["field"]: item for item in doc["review"] if item not in asked}
    verdicts = []
    for v in doc["verdicts"]:
        asks = tuple(item["field"] for item in asked if item["reason"] == v["message"])
        verdicts.append(_verdict(v, asks))
    evidence = dict(doc["evidence"])
    gwp = doc.get("gwp_a1a3")
    if gwp is not None and gwp.get("source"):
        evidence["gwp_a1a3"] = gwp["source"]
    values = {name: _extracted(name, doc, parse, evidence, review) for name, parse in PRODUCT_VALUES.items()}
    strength = values["compressive_strength"].value
    if strength is not None:
        ages = [int(m.group(1)) for v in verdicts for m in [_AGE.search(f"{v.message} {v.why or ''}")] if m]
        if ages:
            values["compressive_strength"] = Extracted(
                Strength(strength.value, strength.unit, strength.psi, strength.kind, ages[0]),
                values["compressive_strength"].evidence, values["compressive_strength"].candidates,
                values["compressive_strength"].review)
    product = Product(notes=tuple(doc["notes"]), **values)
    return ProductAssessment(product=product, verdicts=tuple(verdicts),
                             findings=tuple(_finding(f) for f in doc["findings"]), status=Overall(doc["status"]),
                             reasons=tuple(doc["reasons"]))


def _epd(doc: Mapping[str, Any], fmt: str, products: tuple[Product, ...]) -> Epd:
    review = {item["field"]: item for item in doc["review"]}
    values = {name: _extracted(name, doc, parse, doc["evidence"], review) for name, parse in EPD_VALUES.items()}
    return Epd(format=fmt, products=products, plants=tuple(doc["plants"]), standards=tuple(doc["standards"]),
               notes=tuple(doc["notes"]), **values)


def _program_status(doc: Mapping[str, Any]) -> ProgramStatus:
    return ProgramStatus(ProgramState(doc["status"]), doc["legal_basis"], dt.date.fromisoformat(doc["as_of"]),
                         doc["summary"], doc["note"])


def load_assessment(doc: Mapping[str, Any]) -> Assessment:
    """Return the Assessment a stored document describes; raise UnloadableAssessment when it is not one."""
    if doc.get("format") != FORMAT or doc.get("status") == "error":
        raise UnloadableAssessment(f"The stored document is not a {FORMAT} assessment (format "
                                   f"{doc.get('format')!r}, status {doc.get('status')!r}); check the EPD again.",
                                   where="$.format")
    try:
        products = tuple(_product(p) for p in doc["products"])
        source = Source(**{f.name: doc["source"][f.name] for f in fields(Source)})
        return Assessment(
            source=source, epd=_epd(doc["epd"], source.format, tuple(p.product for p in products)),
            checked_on=dt.date.fromisoformat(doc["checked_on"]),
            rulesets=tuple((r["id"], r["version"], r["name"]) for r in doc["rulesets"]),
            products=products, findings=tuple(_finding(f) for f in doc["findings"]), status=Overall(doc["status"]),
            program_status=tuple((r["id"], _program_status(r["program_status"])) for r in doc["rulesets"]
                                 if "program_status" in r))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise UnloadableAssessment(f"The stored assessment cannot be read back ({type(exc).__name__}: {exc}); it "
                                   "was written by another version. Check the EPD again.", where="$") from exc


def _comparable_extracted(ex: Extracted[Any]) -> Extracted[Any]:
    return ex if ex.review is not None or not ex.candidates else replace(ex, candidates=())


def _comparable_fields(obj: Any) -> Any:
    changes = {f.name: _comparable_extracted(getattr(obj, f.name)) for f in fields(obj)
               if isinstance(getattr(obj, f.name), Extracted)}
    return replace(obj, **changes)


def comparable(assessment: Assessment) -> Assessment:
    """Return the assessment without what its JSON document does not carry (see the module's docstring)."""
    products = tuple(replace(pa, product=_comparable_fields(pa.product),
                             verdicts=tuple(v if v.gwp is not None or v.limit is not None else replace(v, unit=None)
                                            for v in pa.verdicts))
                     for pa in assessment.products)
    epd = replace(_comparable_fields(assessment.epd), products=tuple(pa.product for pa in products))
    return replace(assessment, epd=epd, products=products)


def differing_paths(stored: Any, now: Any, path: str = "$", limit: int = 5) -> list[str]:
    """Return up to ``limit`` JSON paths where two assessment documents differ (the stored one and a re-read)."""
    found: list[str] = []

    def walk(a: Any, b: Any, where: str) -> None:
        if len(found) >= limit:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in [*a, *(k for k in b if k not in a)]:
                walk(a.get(key), b.get(key), f"{where}.{key}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{where}[{i}]")
        elif a != b:
            found.append(f"{where}: {_short(a)} then, {_short(b)} now")

    walk(stored, now, path)
    return found


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
