"""Benchmark JSON EPD assessment in-process, per document, against json.loads + schema validation of the same bytes.

Run: .venv/bin/python bench/bench_json.py [--runs 50] [--profile]

The budget (issue 7) is a median under 2 ms per document and within 2x of the floor. The documents are every EC3 and
openEPD record of ../shared/corpus plus buyclean's own JSON examples. The floor is the least a service can do with a
JSON document: parse it and validate it against a schema (buyclean's epd.schema.json for its own format; for EC3 and
openEPD records, a schema of the fields the reader uses, below). --profile prints the cProfile of the assessments.
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
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from buyclean.check import check_bytes
from buyclean.rules import load_rulesets

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
BUDGET_MS = 2.0
BUDGET_RATIO = 2.0
ON = dt.date(2025, 6, 30)
_TEXT = {"type": ["string", "null"]}
_NUMBER_OR_TEXT = {"type": ["string", "number", "null"]}
# the fields buyclean's EC3 and openEPD readers look at, with the types they accept
RECORD_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name"],
    "properties": {
        "id": _TEXT, "name": _TEXT, "description": _TEXT, "declared_unit": _NUMBER_OR_TEXT, "gwp": _NUMBER_OR_TEXT,
        "gwp_per_kg": _NUMBER_OR_TEXT, "mass_per_declared_unit": _NUMBER_OR_TEXT,
        "date_of_issue": _TEXT, "date_validity_ends": _TEXT, "declaration_type": _TEXT,
        "externally_verified": {"type": ["boolean", "null"]}, "product_specific": {"type": ["boolean", "null"]},
        "category": {"type": ["object", "string", "null"]}, "manufacturer": {"type": ["object", "string", "null"]},
        "pcr": {"type": ["object", "string", "null"]}, "impacts": {"type": ["object", "null"]},
        "program_operator": {"type": ["object", "string", "null"]},
        "concrete_compressive_strength_28d": _NUMBER_OR_TEXT,
    },
}


def documents() -> list[tuple[str, bytes, dict[str, Any]]]:
    """Return (name, bytes, schema) for every JSON EPD the benchmark times."""
    epd_schema: dict[str, Any] = json.loads(resources.files("buyclean.schemas").joinpath("epd.schema.json")
                                            .read_text(encoding="utf-8"))
    found = [(p, RECORD_SCHEMA) for folder in ("ec3", "openepd") for p in sorted((CORPUS / folder).glob("*.json"))]
    found += [(p, epd_schema) for p in sorted((ROOT / "tests" / "data" / "native").glob("*.json"))]
    return [(p.name, p.read_bytes(), schema) for p, schema in found]


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
    validators = {id(schema): jsonschema.Draft202012Validator(schema) for _n, _d, schema in docs}

    assess_ms, floor_ms = [], []
    for name, data, schema in docs:
        validator = validators[id(schema)]

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
