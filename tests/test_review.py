"""Applying review decisions to an Epd: candidates, entered values, evidence notes and refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from buyclean.core.assess import assess
from buyclean.core.model import Candidate, EpdType, Evidence, Extracted, Gwp, Material, Overall, Quantity, Source
from buyclean.core.review import Decision, apply_decision, apply_decisions
from buyclean.core.rules import RuleSet
from buyclean.errors import InvalidReview
from tests.conftest import make_epd, make_product

SOURCE = Source("t.json", "0" * 64, "buyclean", 1)
ON = dt.date(2025, 6, 1)


def two_gwp_candidates() -> Extracted[Gwp]:
    return Extracted(None, Evidence(page=4), candidates=(
        Candidate(Gwp(250.0, "m3", "GWP-total"), Evidence(page=4, bbox=(10, 20, 30, 40), text="GWP-total 2.5E+02")),
        Candidate(Gwp(420.0, "m3", "GWP-fossil"), Evidence(page=5, text="GWP-fossil 4.2E+02"))),
        review="two GWP rows could be A1-A3")


def decide(**kw: object) -> Decision:
    base: dict[str, object] = {"field": "gwp_a1a3", "reviewer": "Ada", "justification": "table 5", "product_index": 0}
    base.update(kw)
    return Decision(**base)  # type: ignore[arg-type]


def test_choosing_a_candidate_takes_its_value_and_evidence_and_notes_who_and_why() -> None:
    product = dataclasses.replace(make_product(), gwp_a1a3=two_gwp_candidates())
    epd = apply_decision(make_epd(product), decide(candidate=0))
    gwp = epd.products[0].gwp_a1a3
    assert gwp.known and gwp.value == Gwp(250.0, "m3", "GWP-total")
    assert gwp.evidence.page == 4 and gwp.evidence.text == "GWP-total 2.5E+02"
    assert gwp.evidence.note == "set by review: Ada: table 5"


def test_a_resolved_gwp_turns_needs_review_into_a_verdict(rulesets: dict[str, RuleSet]) -> None:
    from tests.conftest import psi

    product = dataclasses.replace(make_product(strength=psi(4000)), gwp_a1a3=two_gwp_candidates())
    epd = make_epd(product)
    chosen = [rulesets["gsa-ira-lec"]]
    assert assess(epd, chosen, source=SOURCE, on=ON).status is Overall.NEEDS_REVIEW
    resolved = apply_decision(epd, decide(candidate=0))
    assert assess(resolved, chosen, source=SOURCE, on=ON).status is Overall.COMPLIANT


@pytest.mark.parametrize(("field", "text", "expected"), [
    ("gwp_a1a3", "245", Gwp(245.0, "m3", "GWP-total")),
    ("gwp_a1a3", "245 kgCO2e/yd3", Gwp(245.0, "yd3", "GWP-total")),
    ("gwp_a1a3", "1.2 per m3", Gwp(1.2, "m3", "GWP-total")),
    ("compressive_strength", "4000 psi", None),
    ("material", "Steel", Material.STEEL),
    ("declared_unit", "1 yd3", Quantity(1.0, "yd3")),
    ("mass_per_declared_unit_kg", "2400", 2400.0),
    ("high_early_strength", "yes", True),
    ("high_early_strength_required", "yes", True),
    ("high_early_strength_required", "no", False),
    ("lightweight", "no", False),
])
def test_an_entered_value_is_parsed_per_field(field: str, text: str, expected: object) -> None:
    epd = apply_decision(make_epd(make_product()), decide(field=field, value=text))
    extracted = getattr(epd.products[0], field)
    assert extracted.known
    assert extracted.evidence == Evidence(note="set by review: Ada: table 5")
    if expected is not None:
        assert extracted.value == expected
    else:
        assert extracted.value.psi == 4000


def test_a_document_field_is_set_without_a_product() -> None:
    epd = apply_decision(make_epd(make_product()), decide(field="valid_until", product_index=None, value="2031-01-31"))
    assert epd.valid_until.value == dt.date(2031, 1, 31)


@pytest.mark.parametrize(("field", "text", "expected"), [
    ("epd_type", "facility specific", EpdType.FACILITY_SPECIFIC),
    ("epd_type", "company_average", EpdType.COMPANY_AVERAGE),
    ("third_party_verified", "yes", True),
    ("pcr", " NSF PCR for Concrete  v2.1 ", "NSF PCR for Concrete v2.1"),
])
def test_the_epd_fields_a_review_can_set(field: str, text: str, expected: object) -> None:
    epd = apply_decision(make_epd(make_product()), decide(field=field, product_index=None, value=text))
    assert getattr(epd, field).value == expected and getattr(epd, field).known


def test_an_epd_type_that_is_not_one_is_refused() -> None:
    with pytest.raises(InvalidReview, match="facility_specific"):
        apply_decision(make_epd(make_product()), decide(field="epd_type", product_index=None, value="mill"))


def test_later_decisions_win_and_order_is_kept() -> None:
    epd = apply_decisions(make_epd(make_product()), [decide(value="100"), decide(value="200")])
    assert epd.products[0].gwp_a1a3.value is not None
    assert epd.products[0].gwp_a1a3.value.value == 200.0


@pytest.mark.parametrize(("changes", "where"), [
    ({"justification": "  "}, "justification"),
    ({"reviewer": ""}, "reviewer"),
    ({"value": None}, "value"),
    ({"value": "lots"}, "value"),
    ({"candidate": 5}, "candidate"),
    ({"product_index": 3, "value": "1"}, "product"),
    ({"field": "name", "value": "x"}, "field"),
    ({"field": "material", "value": "cheese"}, "value"),
    ({"field": "valid_until", "product_index": None, "value": "31/01/2031"}, "value"),
    ({"field": "gwp_a1a3", "value": "12 kgCO2e/furlong"}, "value"),
])
def test_a_decision_that_cannot_apply_is_refused_with_where(changes: dict[str, object], where: str) -> None:
    with pytest.raises(InvalidReview) as info:
        apply_decision(make_epd(make_product()), decide(**changes))
    assert info.value.where == where


def test_a_bare_gwp_needs_a_declared_unit() -> None:
    product = dataclasses.replace(make_product(), declared_unit=Extracted(None, review="unit not found"))
    with pytest.raises(InvalidReview, match="declared unit is unknown"):
        apply_decision(make_epd(product), decide(value="245"))
