"""`buyclean check` as a supplier runs it: readable tables, JSON Lines, exit codes, and errors one can act on."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from buyclean.cli import main
from buyclean.core.report import assessment_schema
from tests.conftest import DATA

READY_MIX = DATA / "native" / "ready_mix_4000.json"
REBAR = DATA / "native" / "rebar_eaf.json"
VALIDATOR = jsonschema.Draft202012Validator(assessment_schema(), format_checker=jsonschema.FormatChecker())


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_compliant_file_exits_0_with_a_table() -> None:
    code, out, _ = run("check", str(REBAR), "--on", "2025-06-01")
    assert code == 0
    assert "Top 40%" in out and "steel-rebar-unfabricated" in out and "overall: compliant" in out


def test_json_output_follows_the_schema() -> None:
    code, out, _ = run("check", str(REBAR), "--on", "2025-06-01", "--format", "json")
    doc = json.loads(out)
    VALIDATOR.validate(doc)
    product = doc["products"][0]
    assert product["gwp_a1a3"]["unit"] == "kgCO2e/short_ton"
    # 560 per short ton is 617.3 per metric ton: above Top 20% (611), within Top 40% (716)
    verdict = product["verdicts"][0]
    assert verdict["tier"] == "top40" and verdict["gwp"]["value"] == pytest.approx(560 / 0.907185)
    assert code == 0


def test_non_compliant_mix_exits_1() -> None:
    code, out, _ = run("check", str(READY_MIX), "--on", "2025-06-01")
    assert code == 1
    assert "NON_COMPLIANT" in out and "concrete-5000" in out


def test_several_rulesets_and_expiry(tmp_path: Path) -> None:
    expired = tmp_path / "expired.json"
    expired.write_text(json.dumps({**json.loads(REBAR.read_text()), "valid_until": "2025-01-31"}))
    code, out, _ = run("check", str(expired), "--rules", "gsa-ira-lec,buy-clean-california", "--on", "2025-06-01",
                       "--format", "json")
    doc = json.loads(out)
    assert [v["ruleset"] for v in doc["products"][0]["verdicts"]] == ["gsa-ira-lec", "buy-clean-california"]
    assert doc["status"] == "non_compliant" and code == 1
    assert any(f["check"] == "valid_on_date" and f["status"] == "fail" for f in doc["findings"])


BAD_INPUTS = {
    "malformed.json": (b'{"buyclean_epd": "1", "products": [', "malformed at line 1"),
    "schema.json": (json.dumps({"buyclean_epd": "1", "products": [{"name": "x", "material": "concrete",
                                                                    "declared_unit": {"quantity": 1, "unit": "m3"},
                                                                    "gwp_a1a3": {"value": "lots"}}]}).encode(),
                    "$.products[0].gwp_a1a3.value"),
    "entities.xml": (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
                     b'<processDataSet>&lol2;</processDataSet>', "entit"),
    "empty.json": (b"", "empty"),
    "unknown.bin": (b"\x00\x01\x02 GIF89a", "not an EPD format"),
    "other.json": (b'{"hello": "world"}', "not an EPD format"),
    "deep.json": (b"[" * 10000 + b"]" * 10000, "nests deeper"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_an_actionable_message(tmp_path: Path, name: str) -> None:
    data, expected = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run("check", str(path))
    assert code == 2
    assert name in err and expected.lower() in err.lower()
    assert "Traceback" not in err + out


def test_one_bad_file_among_several_keeps_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_bytes(b"{")
    code, out, err = run("check", str(REBAR), str(bad), str(READY_MIX), "--format", "json", "--on", "2025-06-01")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["status"] for d in lines] == ["compliant", "error", "non_compliant"]
    for doc in lines:
        VALIDATOR.validate(doc)
    assert lines[1]["source"]["filename"] == "broken.json" and "malformed" in lines[1]["message"]
    assert code == 2 and "broken.json" in err


@pytest.mark.parametrize(("args", "message"), [
    (["check", str(REBAR), "--on", "30/06/2025"], "YYYY-MM-DD"),
    (["check", str(REBAR), "--rules", "nope"], "Unknown rule set 'nope'"),
    (["check", "/nonexistent/file.json"], "cannot open"),
])
def test_bad_usage_exits_2(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2 and message in err


def test_rules_commands() -> None:
    code, out, _ = run("rules", "list")
    assert code == 0 and "gsa-ira-lec" in out and "buy-clean-california" in out
    code, out, _ = run("rules", "validate")
    assert code == 0 and out.count(": ok") >= 2
