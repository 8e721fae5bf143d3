"""Benchmark JSON EPD assessment in-process, per document, against json.loads + schema validation of the same bytes.

Run: .venv/bin/python bench/bench_json.py [--runs 50] [--profile]

The budget (issue 7) is a median under 2 ms per document and within 2x of the floor. The documents are every EC3 and
openEPD record of ../shared/corpus plus buyclean's own JSON examples. The floor is the least a service can do with a
JSON document: parse it and validate it against a schema: for buyclean's own format the validator its reader uses
(epd.schema.json with format checks); for EC3 and openEPD records, a schema of every field that format's reader looks
at, with the types it accepts (below). --profile prints the cProfile of the assessments.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema

from buyclean.core.pipeline import check_bytes
from buyclean.core.readers.native import epd_validator
from buyclean.core.rules import load_rulesets

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
BUDGET_MS = 2.0
BUDGET_RATIO = 2.0
ON = dt.date(2025, 6, 30)
_TEXT = {"type": ["string", "null"]}
_NUMBER_OR_TEXT = {"type": ["string", "number", "null"]}
_FLAG = {"type": ["boolean", "null"]}
_NAMED = {"type": ["object", "string", "null"], "properties": {"name": _TEXT}}
_QTY = {"type": ["object", "null"], "properties": {"qty": {"type": ["number", "null"]}, "unit": _TEXT}}
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Every field buyclean's EC3 reader (src/buyclean/core/readers/ec3.py) looks at, with the types it accepts. Until
# 2026-11-29 one RECORD_SCHEMA served EC3 and openEPD: it listed 18 fields, three of which no reader reads
# ('id', 'externally_verified', 'gwp_per_kg'), missed 19 the EC3 reader reads, and typed openEPD's
# declared_unit (an object) as a string.
EC3_SCHEMA: dict[str, Any] = {
    "$schema": _DRAFT, "type": "object", "required": ["name"],
    "properties": {
        "name": _TEXT, "description": _TEXT, "not_an_epd": _FLAG, "doctype": _TEXT, "open_xpd_uuid": _TEXT,
        "category": {"type": ["object", "null"], "properties": {
            key: _TEXT for key in ("openepd", "openepd_name", "name", "display_name", "declared_unit")}},
        "declared_unit": _TEXT, "mass_per_declared_unit": _NUMBER_OR_TEXT, "gwp": _TEXT,
        "gwp_per_category_declared_unit": _TEXT, "lightweight": _FLAG,
        "concrete_compressive_strength_28d": _NUMBER_OR_TEXT, "concrete_compressive_strength_other": _TEXT,
        "concrete_compressive_strength_other_d": {"type": ["number", "null"]},
        "fabricated": _FLAG, "steel_fabricated": _FLAG,
        "making_route": {"type": ["object", "null"], "properties": {"eaf": _FLAG, "bof": _FLAG}},
        "steel_making_route": {"type": ["object", "null"], "properties": {"eaf": _FLAG, "bof": _FLAG}},
        "program_operator_fkey": _NUMBER_OR_TEXT, "declaration_type": _TEXT, "product_specific": _FLAG,
        "program_operator": _NAMED, "manufacturer": _NAMED, "plant_or_group": _NAMED,
        "pcr": {"type": ["object", "null"], "properties": {"name": _TEXT, "version": _NUMBER_OR_TEXT}},
        "failures": {"type": ["object", "null"]}, "errors": {"type": ["object", "null"]},
        "original_ec3_link": _TEXT, "multiproduct": _FLAG, "pcr_notes": _TEXT,
        "date_of_issue": _TEXT, "date_validity_ends": _TEXT, "third_party_verified": _FLAG,
    },
}
_MODULE = {"properties": {"mean": {"type": ["number", "string", "null"]}, "unit": _TEXT}}
# Every field buyclean's openEPD reader (src/buyclean/core/readers/openepd.py) looks at.
OPENEPD_SCHEMA: dict[str, Any] = {
    "$schema": _DRAFT, "type": "object",
    "properties": {
        "doctype": _TEXT, "product_name": _TEXT, "name": _TEXT, "product_description": _TEXT, "description": _TEXT,
        "declared_unit": _QTY, "kg_per_declared_unit": _QTY,
        "impacts": {"type": ["object", "null"], "additionalProperties": {
            "type": "object", "properties": {"gwp": {"type": "object", "additionalProperties": _MODULE}}}},
        "specs": {"type": ["object", "null"]}, "product_classes": {"type": ["object", "null"]},
        "ec3": {"type": ["object", "null"]}, "ext": {"type": ["object", "null"]},
        "date_of_issue": _TEXT, "valid_until": _TEXT, "program_operator_doc_id": _TEXT,
        "program_operator": _NAMED, "manufacturer": _NAMED,
        "manufacturers": {"type": ["array", "null"], "items": _NAMED},
        "plants": {"type": ["array", "null"], "items": _NAMED}, "third_party_verifier": _NAMED,
        "pcr": {"type": ["object", "null"], "properties": {"name": _TEXT, "version": _NUMBER_OR_TEXT}},
        "compliance": {"type": ["array", "null"]}, "declaration_url": _TEXT,
        "sample_size": {"type": ["object", "null"]},
    },
}


def documents() -> list[tuple[str, bytes, jsonschema.Draft202012Validator]]:
    """Return (name, bytes, validator) for every JSON EPD the benchmark times, each with its format's validator."""
    validators = {"ec3": jsonschema.Draft202012Validator(EC3_SCHEMA),
                  "openepd": jsonschema.Draft202012Validator(OPENEPD_SCHEMA),
                  # the validator the buyclean reader itself uses: its schema, with format checks ('date')
                  "native": epd_validator()}
    found = [(p, validators[folder]) for folder in ("ec3", "openepd") for p in sorted((CORPUS / folder).glob("*.json"))]
    found += [(p, validators["native"]) for p in sorted((ROOT / "tests" / "data" / "native").glob("*.json"))]
    return [(p.name, p.read_bytes(), validator) for p, validator in found]


def median_ms(fn: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    """Print the per-document timing table against its floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    if not (CORPUS / "ec3").is_dir():
        print(f"bench_json: the corpus is absent ({CORPUS}); nothing to time")
        return 0
    rulesets = [load_rulesets()["gsa-ira-lec"]]
    docs = documents()
    assess_ms, floor_ms = [], []
    for name, data, validator in docs:
        def assess(data: bytes = data, name: str = name) -> object:
            return check_bytes(data, name, rulesets, ON)

        def floor(data: bytes = data, validator: Any = validator) -> object:
            doc = json.loads(data)
            for _error in validator.iter_errors(doc):  # every error, as a validating service reports them
                pass
            return doc

        for _ in range(3):  # warm: readers imported, regular expressions compiled
            assess()
            floor()
        floor_ms.append(median_ms(floor, args.runs))
        assess_ms.append(median_ms(assess, args.runs))

    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(10):
            for name, data, _schema in docs:
                check_bytes(data, name, rulesets, ON)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(15)

    median_assess, median_floor = statistics.median(assess_ms), statistics.median(floor_ms)
    ratio = median_assess / median_floor
    slowest = max(range(len(docs)), key=lambda i: assess_ms[i])
    rows = [
        ("documents", f"{len(docs)}", "EC3 + openEPD corpus, buyclean examples"),
        ("floor: loads + validate", f"{median_floor:.3f} ms", "median of the per-document medians"),
        ("assessment (median)", f"{median_assess:.3f} ms",
         "PASS" if median_assess < BUDGET_MS else f"over {BUDGET_MS:.0f} ms"),
        ("assessment (slowest)", f"{assess_ms[slowest]:.3f} ms", docs[slowest][0]),
        ("ratio to floor", f"{ratio:.2f}x", "PASS" if ratio <= BUDGET_RATIO else f"over {BUDGET_RATIO:.0f}x"),
    ]
    print(f"JSON EPD assessment, in-process ({args.runs} warm runs per document)")
    for label, value, verdict in rows:
        print(f"  {label:<26} {value:>12}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
