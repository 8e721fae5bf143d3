"""Load rule sets kept as data in rules/*.yaml|json, validate them, and find the rows that fit a product."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from buyclean.core.model import ProgramState, ProgramStatus
from buyclean.errors import RulesetError
from buyclean.resources import rules_dir, schema_text

DEFAULT_RULES_DIR = rules_dir()


@dataclass(frozen=True)
class Tier:
    id: str
    label: str
    # what the buyer must document when this is the best tier a product meets (GSA: why a better tier was not
    # available); None for the preferred tier
    justification: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    material: str
    match: Mapping[str, Any]
    unit: str  # "kgCO2e/<per unit>"
    limits: tuple[tuple[str, float], ...] | None  # (tier id, limit), strictest first; None = no number defined
    no_limit_reason: str | None
    effective_from: dt.date
    effective_until: dt.date | None
    source: str
    confidence: str
    high_early_strength_factor: float | None = None
    interpretations: tuple[str, ...] = ()
    note: str | None = None

    @property
    def per_unit(self) -> str:
        return self.unit.split("/", 1)[1]

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_until is None or on < self.effective_until)


@dataclass(frozen=True)
class RuleSet:
    id: str
    name: str
    version: str
    publisher: str
    tiers: tuple[Tier, ...]
    rules: tuple[Rule, ...]
    sources: Mapping[str, Mapping[str, str]]
    interpretations: Mapping[str, str]
    document_requirements: Mapping[str, Any]
    path: str
    program_status: ProgramStatus

    @cached_property
    def rules_by_material(self) -> Mapping[str, tuple[Rule, ...]]:
        """The rows for each material, in file order (built on first use; a RuleSet never changes)."""
        found: dict[str, list[Rule]] = {}
        for rule in self.rules:
            found.setdefault(rule.material, []).append(rule)
        return {material: tuple(rows) for material, rows in found.items()}

    @cached_property
    def program_status_line(self) -> str:
        """The program status as one line (built once)."""
        return self.program_status.line()

    def tier_label(self, tier_id: str) -> str:
        return next((t.label for t in self.tiers if t.id == tier_id), tier_id)

    def tier(self, tier_id: str) -> Tier | None:
        return next((t for t in self.tiers if t.id == tier_id), None)

    def cite(self, rule: Rule) -> str:
        """Return a citation for a row: rule set, version, row id and source title."""
        source = self.sources.get(rule.source, {})
        return f"{self.id} {self.version}, row {rule.id}: {source.get('title', rule.source)} ({rule.confidence})"


class _StringDateLoader(yaml.SafeLoader):
    """A SafeLoader that keeps dates as the strings written, so the schema sees what the author wrote."""


_StringDateLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def ruleset_schema() -> dict[str, Any]:
    text = schema_text("ruleset.schema.json")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_ruleset_document(doc: Any, where: str) -> None:
    """Raise RulesetError naming the file, the JSON path and the problem when doc breaks the schema."""
    validator = jsonschema.Draft202012Validator(ruleset_schema())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise RulesetError(f"Rule file {where} is invalid at {first.json_path}: {first.message}.",
                           where=first.json_path)
    _validate_requirements(doc, where)
    ids = [r["id"] for r in doc["rules"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RulesetError(f"Rule file {where} repeats row ids {', '.join(duplicates)}; each row needs its own id.")
    tier_ids = {t["id"] for t in doc["tiers"]}
    for i, rule in enumerate(doc["rules"]):
        for tier in rule["limits"] or {}:
            if tier not in tier_ids:
                raise RulesetError(f"Rule file {where}, row {rule['id']}: tier '{tier}' is not one of the rule set's "
                                   f"tiers ({', '.join(sorted(tier_ids))}).", where=f"$.rules[{i}].limits")
        if rule["source"] not in doc["sources"]:
            raise RulesetError(f"Rule file {where}, row {rule['id']}: source '{rule['source']}' is not listed under "
                               "sources.", where=f"$.rules[{i}].source")
        for key in rule.get("interpretations", []):
            if key not in doc.get("interpretations", {}):
                raise RulesetError(f"Rule file {where}, row {rule['id']}: interpretation '{key}' is not described "
                                   "under interpretations.", where=f"$.rules[{i}].interpretations")
        if "name_pattern" in rule.get("match", {}):
            try:
                re.compile(rule["match"]["name_pattern"])
            except re.error as exc:
                raise RulesetError(f"Rule file {where}, row {rule['id']}: name_pattern is not a valid regular "
                                   f"expression ({exc}).", where=f"$.rules[{i}].match.name_pattern") from exc


def _validate_requirements(doc: Any, where: str) -> None:
    for material, named in doc.get("document_requirements", {}).get("pcr", {}).items():
        try:
            re.compile(named["pattern"])
        except re.error as exc:
            raise RulesetError(f"Rule file {where}: the PCR pattern for {material} is not a valid regular expression "
                               f"({exc}).", where=f"$.document_requirements.pcr.{material}.pattern") from exc
        if named["source"] not in doc["sources"]:
            raise RulesetError(f"Rule file {where}: the PCR for {material} cites source '{named['source']}', which is "
                               "not listed under sources.", where=f"$.document_requirements.pcr.{material}.source")


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _implied_match(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row's match, with what every row of its kind means unless it says otherwise: a row that selects concrete
    by strength class is for normal-weight concrete, a flat glass row for unprocessed (float) glass."""
    match = dict(row.get("match", {}))
    if row["material"] == "concrete" and "strength_psi" in match:
        match.setdefault("lightweight", False)
    if row["material"] == "flat_glass":
        match.setdefault("processed_glass", False)
    return match


def parse_ruleset(doc: Any, where: str) -> RuleSet:
    """Validate a parsed rule document and build the RuleSet."""
    validate_ruleset_document(doc, where)
    tiers = tuple(Tier(t["id"], t["label"], t.get("justification")) for t in doc["tiers"])
    status = doc["program_status"]
    order = [t.id for t in tiers]
    rules = []
    for r in doc["rules"]:
        limits = r["limits"]
        rules.append(Rule(
            id=r["id"], label=r["label"], material=r["material"], match=_implied_match(r), unit=r["unit"],
            limits=None if limits is None else tuple(sorted(limits.items(), key=lambda kv: order.index(kv[0]))),
            no_limit_reason=r.get("no_limit_reason"), effective_from=_date(r["effective_from"]),
            effective_until=_date(r["effective_until"]) if "effective_until" in r else None,
            source=r["source"], confidence=r["confidence"],
            high_early_strength_factor=r.get("high_early_strength_factor"),
            interpretations=tuple(r.get("interpretations", ())), note=r.get("note"),
        ))
    return RuleSet(id=doc["id"], name=doc["name"], version=doc["version"], publisher=doc["publisher"], tiers=tiers,
                   rules=tuple(rules), sources=doc["sources"], interpretations=doc.get("interpretations", {}),
                   document_requirements=doc.get("document_requirements", {}), path=where,
                   program_status=ProgramStatus(ProgramState(status["status"]), status["legal_basis"],
                                                _date(status["as_of"]), " ".join(status["summary"].split()),
                                                " ".join(status["note"].split())))


def load_ruleset_file(path: Path) -> RuleSet:
    """Load and validate one rule file (YAML or JSON)."""
    try:
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_StringDateLoader)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise RulesetError(f"Rule file {path} cannot be read: {exc}", where=str(path)) from exc
    return parse_ruleset(doc, str(path))


def load_rulesets(dirs: Iterable[Path] = (DEFAULT_RULES_DIR,)) -> dict[str, RuleSet]:
    """Load every rule file in the given directories; a later directory may add rule sets, not replace them."""
    found: dict[str, RuleSet] = {}
    for directory in dirs:
        for path in sorted(directory.glob("*.y*ml")) + sorted(directory.glob("*.json")):
            ruleset = load_ruleset_file(path)
            if ruleset.id in found:
                raise RulesetError(f"Rule set id '{ruleset.id}' is defined twice ({found[ruleset.id].path} and "
                                   f"{path}); give the agency's file its own id.", where=str(path))
            found[ruleset.id] = ruleset
    return found


def select(rulesets: Mapping[str, RuleSet], names: Iterable[str]) -> list[RuleSet]:
    """Return the named rule sets, or raise RulesetError listing the known names."""
    chosen = []
    for name in names:
        if name not in rulesets:
            raise RulesetError(f"Unknown rule set '{name}'; known rule sets: {', '.join(sorted(rulesets))}.")
        chosen.append(rulesets[name])
    return chosen
