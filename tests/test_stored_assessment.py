"""The typed stored assessment: ``load_assessment`` is the inverse of the JSON writer, both ways, on every input
format, with review decisions; and what issuing does when a re-read of the file differs from the stored result."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from buyclean.core.assess import assess
from buyclean.core.model import Assessment
from buyclean.core.pipeline import check_bytes, source_of
from buyclean.core.readers import read_epd
from buyclean.core.report import assessment_json
from buyclean.core.review import Decision, apply_decisions
from buyclean.core.rules import RuleSet
from buyclean.core.stored import UnloadableAssessment, comparable, load_assessment
from tests import pdfgen
from tests.conftest import native_epd, unplaceable_concrete

DATA = Path(__file__).parent / "data"
INPUTS = sorted(p for folder in ("native", "openepd", "ec3", "ilcd", "iso22057") for p in (DATA / folder).iterdir()
                if p.name != "entities.xml")  # refused by the reader (a DOCTYPE), on purpose
ON = dt.date(2025, 6, 30)


def _both(rulesets: dict[str, RuleSet]) -> list[RuleSet]:
    return [rulesets["gsa-ira-lec"], rulesets["buy-clean-california"]]


def _round_trip(assessment: Assessment) -> None:
    doc = json.loads(json.dumps(assessment_json(assessment)))  # as stored: through JSON text
    loaded = load_assessment(doc)
    assert assessment_json(loaded) == doc
    assert loaded == comparable(assessment)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_input_format_loads_back_to_the_same_assessment(path: Path, rulesets: dict[str, RuleSet]) -> None:
    _round_trip(check_bytes(path.read_bytes(), path.name, _both(rulesets), ON))


@pytest.mark.parametrize("make", pdfgen.ALL[:3], ids=lambda f: f.__name__)
def test_a_pdf_assessment_with_evidence_boxes_loads_back(make: Any, rulesets: dict[str, RuleSet]) -> None:
    assessment = check_bytes(make().pdf(), "epd.pdf", _both(rulesets), ON)
    assert any(ex.evidence.bbox for pa in assessment.products for ex in [pa.product.gwp_a1a3])
    _round_trip(assessment)


def test_needs_review_candidates_and_decisions_load_back(rulesets: dict[str, RuleSet]) -> None:
    doc = native_epd()
    doc["products"].append(unplaceable_concrete()["products"][0])
    data = json.dumps(doc).encode()
    open_assessment = check_bytes(data, "epd.json", _both(rulesets), ON)
    assert open_assessment.products[2].verdicts[0].status.value == "needs_review"
    _round_trip(open_assessment)
    # an officer enters the strength: the decision is in the stored document as the value and its note
    epd = apply_decisions(read_epd(data), [Decision(field="compressive_strength", reviewer="officer@agency",
                                                    justification="mix design sheet, page 2", product_index=2,
                                                    value="3000 psi")])
    reviewed = assess(epd, _both(rulesets), source=source_of(data, "epd.json", epd.format), on=ON)
    _round_trip(reviewed)
    strength = load_assessment(assessment_json(reviewed)).products[2].product.compressive_strength
    assert strength.value is not None and strength.value.psi == 3000
    assert strength.evidence.note == "set by review: officer@agency: mix design sheet, page 2"


@pytest.mark.parametrize(("decisions", "pcr"), [
    ([Decision(field="pcr_accepted", reviewer="officer@agency", justification="contract clause 4", value="yes")],
     "EN 15804+A2 and c-PCR-003 (EN 16757)"),
    ([Decision(field="pcr_accepted", reviewer="officer@agency", justification="not EN 15804", value="no")],
     "EN 15804+A2 and c-PCR-003 (EN 16757)"),
    ([Decision(field="cast_in_place", reviewer="officer@agency", justification="UN CPC 37550", product_index=0,
               value="precast"),
      Decision(field="density_kg_m3", reviewer="officer@agency", justification="page 3", product_index=1,
               value="2400"),
      Decision(field="no_limit", reviewer="officer@agency", justification="fill", product_index=1,
               value="flowable fill: no rule set sets a limit")], None),
], ids=["pcr-accepted", "pcr-rejected", "precast-density-no-limit"])
def test_review_decisions_on_every_kind_of_field_load_back(rulesets: dict[str, RuleSet], decisions: list[Decision],
                                                           pcr: str | None) -> None:
    data = json.dumps(native_epd(**({"pcr": pcr} if pcr else {}))).encode()
    epd = apply_decisions(read_epd(data), decisions)
    reviewed = assess(epd, _both(rulesets), source=source_of(data, "epd.json", epd.format), on=ON)
    _round_trip(reviewed)
    loaded = load_assessment(assessment_json(reviewed))
    if pcr:
        assert loaded.epd.pcr_accepted.evidence.text == pcr
        assert loaded.findings == reviewed.findings
        assert {f.status.value for f in loaded.findings if f.check == "pcr"} == (
            {"pass"} if decisions[0].value == "yes" else {"fail"})


def test_an_assessment_stored_before_the_later_values_loads_them_unset(rulesets: dict[str, RuleSet]) -> None:
    doc = json.loads(json.dumps(assessment_json(check_bytes(json.dumps(native_epd()).encode(), "epd.json",
                                                            _both(rulesets), ON))))
    del doc["epd"]["pcr_accepted"]
    for product in doc["products"]:
        for name in ("density_kg_m3", "cast_in_place", "no_limit"):
            del product[name]
    loaded = load_assessment(doc)
    assert loaded.epd.pcr_accepted.value is None
    assert all(p.product.cast_in_place.value is None and p.product.no_limit.value is None for p in loaded.products)


def test_a_verdicts_question_for_an_officer_loads_back_on_the_verdict(rulesets: dict[str, RuleSet]) -> None:
    doc = native_epd()
    # above every normal GSA limit (400 kgCO2e/m3), within the +30% high-early-strength allowance
    doc["products"][0]["high_early_strength"] = True
    doc["products"][0]["gwp_a1a3"]["value"] = 306.0
    assessment = check_bytes(json.dumps(doc).encode(), "epd.json", _both(rulesets), ON)
    asking = [v for pa in assessment.products for v in pa.verdicts if v.asks]
    assert [v.asks for v in asking] == [("high_early_strength_required",)]
    _round_trip(assessment)
    loaded = load_assessment(assessment_json(assessment))
    assert not loaded.products[0].product.high_early_strength_required.needs_review


@pytest.mark.parametrize("broken", [
    {"format": "something-else"},
    {"format": "buyclean-assessment/1", "status": "error", "message": "unreadable"},
    {"format": "buyclean-assessment/1", "status": "compliant", "products": [{"index": 0}]},
])
def test_a_document_that_is_not_an_assessment_is_refused(broken: dict[str, Any]) -> None:
    with pytest.raises(UnloadableAssessment):
        load_assessment(broken)


def test_a_changed_value_in_the_document_is_the_loaded_value(rulesets: dict[str, RuleSet]) -> None:
    doc = assessment_json(check_bytes(json.dumps(native_epd()).encode(), "epd.json", _both(rulesets), ON))
    doc["products"][0]["verdicts"][0]["gwp"]["value"] = 123.4
    loaded = load_assessment(doc)
    assert loaded.products[0].verdicts[0].gwp == 123.4  # what was stored, not a re-derivation
    assert dataclasses.replace(loaded.products[0].verdicts[0], gwp=None).gwp is None


# --- issuing from the stored assessment ---------------------------------------------------------------------


def test_a_reread_that_differs_from_the_stored_result_refuses_issuing(app: Any, client: Any,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from buyclean.core.model import Extracted
    from buyclean.services import submissions

    posted = client.post("/api/v1/assessments", json=native_epd())
    submission_id = int(posted.headers["Location"].rsplit("/", 1)[1])
    stored_gwp = posted.get_json()["products"][0]["gwp_a1a3"]["value"]
    real = submissions.read_epd

    def changed_reader(data: bytes, limits: Any = None, **options: Any) -> Any:
        # a reader changed after the review: it now reads another GWP from the same file
        epd = real(data, limits, **options) if limits is not None else real(data, **options)
        first = epd.products[0]
        gwp = first.gwp_a1a3.value
        assert gwp is not None
        moved = dataclasses.replace(first, gwp_a1a3=Extracted(dataclasses.replace(gwp, value=gwp.value - 20),
                                                              first.gwp_a1a3.evidence))
        return dataclasses.replace(epd, products=(moved, *epd.products[1:]))

    monkeypatch.setattr(submissions, "read_epd", changed_reader)
    refused = client.post(f"/api/v1/assessments/{submission_id}/certificates")
    assert refused.status_code in (409, 422), refused.get_json()
    message = refused.get_json()["message"]
    assert "Re-reading this EPD today gives a different result" in message
    assert f"$.products[0].gwp_a1a3.value: {stored_gwp!r} then, {stored_gwp - 20!r} now" in message
    page = client.post(f"/submissions/{submission_id}/certificates", follow_redirects=True)
    assert "Re-reading this EPD today gives a different result" in page.get_data(as_text=True)

    monkeypatch.setattr(submissions, "read_epd", real)
    issued = client.post(f"/api/v1/assessments/{submission_id}/certificates")
    assert issued.status_code == 201
    # the certificate states the stored GWP, read back from the stored document
    assert issued.get_json()["items"][0]["facts"]["gwp"]["value"] == \
        posted.get_json()["products"][0]["verdicts"][0]["gwp"]["value"]
