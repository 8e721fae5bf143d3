"""Applying review decisions to an Epd: candidates, entered values, evidence notes and refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from buyclean.core.assess import assess
from buyclean.core.model import (
    Candidate,
    EpdType,
    Evidence,
    Extracted,
    Gwp,
    Material,
    Overall,
    Quantity,
    Source,
    SteelProduct,
    SteelRoute,
    SteelType,
)
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


def test_a_pcr_judgement_keeps_the_pcr_it_judged() -> None:
    epd = make_epd(make_product(), pcr="EN 15804+A2 and c-PCR-003 (EN 16757)")
    judged = apply_decision(epd, decide(field="pcr_accepted", product_index=None, value="yes",
                                        justification="accepted under contract clause 4"))
    assert judged.pcr_accepted.value is True and judged.pcr_accepted.known
    assert judged.pcr_accepted.evidence.text == "EN 15804+A2 and c-PCR-003 (EN 16757)"
    assert judged.pcr_accepted.evidence.note == "set by review: Ada: accepted under contract clause 4"
    assert apply_decision(epd, decide(field="pcr_accepted", product_index=None, value="no")).pcr_accepted.value is False


@pytest.mark.parametrize("changes", [{"value": "maybe"}, {"justification": " "}])
def test_a_pcr_judgement_needs_a_yes_or_no_and_a_reason(changes: dict[str, object]) -> None:
    epd = make_epd(make_product(), pcr="EN 15804+A2")
    with pytest.raises(InvalidReview):
        apply_decision(epd, decide(**{"field": "pcr_accepted", "product_index": None, "value": "yes", **changes}))


def test_no_pcr_read_is_entered_not_judged() -> None:
    with pytest.raises(InvalidReview, match="No PCR was read") as info:
        apply_decision(make_epd(make_product(), pcr=None), decide(field="pcr_accepted", product_index=None,
                                                                  value="yes"))
    assert info.value.where == "field"


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


# --- every needs-review item can be closed: the registry's newer fields -------------------------------------------


def test_every_reviewable_field_has_a_parser_an_example_or_choices_and_a_label() -> None:
    from buyclean.core.review import EPD_FIELDS, PRODUCT_FIELDS
    from buyclean.web.pages import FIELD_LABELS

    for name, spec in {**PRODUCT_FIELDS, **EPD_FIELDS}.items():
        assert spec.name == name and (spec.example or spec.choices), name
        assert name in FIELD_LABELS, name


def test_the_api_schema_offers_every_reviewable_field() -> None:
    import json

    from buyclean.core.review import EPD_FIELDS, PRODUCT_FIELDS
    from buyclean.resources import schema_text

    request = json.loads(schema_text("api.schema.json"))["$defs"]["reviewRequest"]
    assert set(request["properties"]["field"]["enum"]) == {*PRODUCT_FIELDS, *EPD_FIELDS}


@pytest.mark.parametrize(("text", "expected"), [
    ("rebar", SteelType(SteelProduct.REBAR)),
    ("Hot rolled fabricated EAF", SteelType(SteelProduct.HOT_ROLLED, True, SteelRoute.EAF)),
    ("plate, unfabricated, integrated", SteelType(SteelProduct.PLATE, False, SteelRoute.INTEGRATED)),
])
def test_a_steel_type_can_be_entered(text: str, expected: SteelType) -> None:
    epd = apply_decision(make_epd(make_product(material=Material.STEEL)), decide(field="steel", value=text))
    assert epd.products[0].steel.known and epd.products[0].steel.value == expected


def test_a_steel_candidate_can_be_chosen_and_gives_a_verdict(rulesets: dict[str, RuleSet]) -> None:
    steel = Extracted(None, Evidence(page=2), candidates=(
        Candidate(SteelType(SteelProduct.REBAR, False), Evidence(page=2, text="product rebar")),
        Candidate(SteelType(SteelProduct.MERCHANT_BAR), Evidence(page=3, text="merchant bar"))),
        review="two steel products named")
    product = dataclasses.replace(make_product(material=Material.STEEL, gwp=700.0, per="t"), steel=steel)
    chosen = [rulesets["gsa-ira-lec"]]
    epd = make_epd(product)
    assert assess(epd, chosen, source=SOURCE, on=ON).products[0].status is Overall.NEEDS_REVIEW
    resolved = apply_decision(epd, decide(field="steel", candidate=0))
    assert resolved.products[0].steel.value == SteelType(SteelProduct.REBAR, False)
    assert assess(resolved, chosen, source=SOURCE, on=ON).products[0].status is not Overall.NEEDS_REVIEW


@pytest.mark.parametrize("text", ["steel bar", "rebar plate", "cheese"])
def test_a_steel_type_that_names_no_single_product_is_refused(text: str) -> None:
    with pytest.raises(InvalidReview, match="one steel product"):
        apply_decision(make_epd(make_product(material=Material.STEEL)), decide(field="steel", value=text))


def test_concrete_per_tonne_gets_a_verdict_once_its_density_is_entered(rulesets: dict[str, RuleSet]) -> None:
    from tests.conftest import psi

    epd = make_epd(make_product(gwp=110.0, per="t", strength=psi(4000)))
    chosen = [rulesets["gsa-ira-lec"]]
    before = assess(epd, chosen, source=SOURCE, on=ON).products[0]
    assert before.status is Overall.NEEDS_REVIEW and "density" in before.verdicts[0].message
    # a mass per declared unit does not help a GWP that is already per mass: the density does
    still = apply_decision(epd, decide(field="mass_per_declared_unit_kg", value="1000"))
    assert assess(still, chosen, source=SOURCE, on=ON).products[0].status is Overall.NEEDS_REVIEW
    resolved = apply_decision(still, decide(field="density_kg_m3", value="2400 kg/m3"))
    after = assess(resolved, chosen, source=SOURCE, on=ON).products[0]
    verdict = after.verdicts[0]
    assert after.status is Overall.COMPLIANT and verdict.gwp == pytest.approx(264.0)
    assert "density of 2400 kg/m3" in (verdict.conversion or "")


def test_an_implausible_density_is_refused() -> None:
    with pytest.raises(InvalidReview, match="density"):
        apply_decision(make_epd(make_product(per="t")), decide(field="density_kg_m3", value="24"))


def test_precast_is_a_reviewable_fact_that_takes_the_other_forms_row(rulesets: dict[str, RuleSet]) -> None:
    from tests.conftest import mpa

    epd = make_epd(make_product(strength=mpa(35), name="Precast element C35/45"))
    chosen = [rulesets["gsa-ira-lec"]]
    precast = apply_decision(epd, decide(field="cast_in_place", value="precast"))
    verdict = assess(precast, chosen, source=SOURCE, on=ON).products[0].verdicts[0]
    assert verdict.rule == "concrete-other-forms" and verdict.status.value == "no_limit"
    assert "precast" in (verdict.why or "") and "set by review: Ada" in (verdict.why or "")
    ready = apply_decision(epd, decide(field="cast_in_place", value="cast-in-place"))
    assert assess(ready, chosen, source=SOURCE, on=ON).products[0].verdicts[0].rule == "concrete-5000"


def test_no_limit_for_this_product_closes_an_item_that_no_row_can(rulesets: dict[str, RuleSet]) -> None:
    panel = make_product(material=Material.INSULATION, gwp=40.0, per="m2", name="Sandwich wall panel")
    epd = make_epd(panel, epd_type=EpdType.FACILITY_SPECIFIC)
    chosen = [rulesets["gsa-ira-lec"], rulesets["buy-clean-california"]]
    assert assess(epd, chosen, source=SOURCE, on=ON).products[0].status is Overall.NEEDS_REVIEW
    decided = apply_decision(epd, decide(field="no_limit", value="a sandwich panel, not insulation board"))
    after = assess(decided, chosen, source=SOURCE, on=ON).products[0]
    assert after.status is Overall.COMPLIANT
    assert {v.status.value for v in after.verdicts} == {"no_limit"}
    assert all("a sandwich panel, not insulation board" in v.message and "Ada" in v.message for v in after.verdicts)
    assert after.reasons == ("No limit applies: a sandwich panel, not insulation board",)


def test_no_limit_does_not_hide_a_failed_document_check(rulesets: dict[str, RuleSet]) -> None:
    epd = make_epd(make_product(material=Material.ASPHALT, per="t"), valid_until=dt.date(2024, 1, 1))
    decided = apply_decision(epd, decide(field="no_limit", value="asphalt: no limit"))
    assert assess(decided, [rulesets["gsa-ira-lec"]], source=SOURCE, on=ON).products[0].status is \
        Overall.NON_COMPLIANT


def test_a_scans_type_iii_check_closes_once_its_operator_is_entered(rulesets: dict[str, RuleSet]) -> None:
    """Nothing read from a scan says ISO 14025: registered with a program operator and verified, it is Type III."""
    from buyclean.core.document_checks import type_iii
    from buyclean.core.model import FindingStatus

    epd = dataclasses.replace(make_epd(make_product(), standards=(), pcr="NSF PCR for Concrete v2.1"),
                              program_operator=Extracted(None, Evidence(), review="not read: a scan"))
    gsa = [rulesets["gsa-ira-lec"]]
    before = type_iii(epd, ON, gsa)
    assert before is not None and before.status is FindingStatus.UNKNOWN and "program operator" in before.message
    epd = apply_decision(epd, decide(field="program_operator", product_index=None, value="NSF International"))
    after = type_iii(epd, ON, gsa)
    assert after is not None and after.status is FindingStatus.PASS, after.message
    assert epd.program_operator.evidence.note == "set by review: Ada: table 5"
