"""assess(): per-rule verdicts stay about the GWP; document findings decide the overall status beside them."""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

from buyclean.core.assess import assess, worst
from buyclean.core.model import EpdType, Material, Overall, Status
from buyclean.core.pipeline import source_of
from buyclean.core.report import assessment_json, assessment_schema, assessment_text
from buyclean.core.rules import RuleSet
from tests.conftest import make_epd, make_product, psi

ON = dt.date(2025, 6, 1)
SOURCE = source_of(b"{}", "test.json", "buyclean")


def run(rulesets: dict[str, RuleSet], *products: object, names: tuple[str, ...] = ("gsa-ira-lec",),
        **epd_kwargs: object) -> object:
    epd = make_epd(*products, **epd_kwargs)  # type: ignore[arg-type]
    return assess(epd, [rulesets[n] for n in names], source=SOURCE, on=ON)


def test_compliant_product(rulesets: dict[str, RuleSet]) -> None:
    a = run(rulesets, make_product(gwp=250, strength=psi(4000)))
    assert a.status is Overall.COMPLIANT  # type: ignore[attr-defined]
    v = a.products[0].verdicts[0]  # type: ignore[attr-defined]
    assert (v.status, v.tier) == (Status.PASS, "top20")


def test_expired_epd_is_non_compliant_but_the_gwp_verdict_still_passes(rulesets: dict[str, RuleSet]) -> None:
    a = run(rulesets, make_product(gwp=250, strength=psi(4000)), valid_until=dt.date(2024, 1, 1))
    pa = a.products[0]  # type: ignore[attr-defined]
    assert pa.verdicts[0].status is Status.PASS
    assert pa.status is Overall.NON_COMPLIANT
    assert any("expired" in r for r in pa.reasons)


def test_industry_average_does_not_qualify(rulesets: dict[str, RuleSet]) -> None:
    a = run(rulesets, make_product(gwp=250, strength=psi(4000)), epd_type=EpdType.INDUSTRY_AVERAGE)
    assert a.status is Overall.NON_COMPLIANT  # type: ignore[attr-defined]


def test_unknown_verification_needs_review(rulesets: dict[str, RuleSet]) -> None:
    a = run(rulesets, make_product(gwp=250, strength=psi(4000)), verified=None)
    assert a.status is Overall.NEEDS_REVIEW  # type: ignore[attr-defined]


def test_unsure_gwp_is_never_a_confident_verdict(rulesets: dict[str, RuleSet]) -> None:
    a = run(rulesets, make_product(gwp=250, strength=psi(4000), gwp_review="two candidate GWP rows"))
    v = a.products[0].verdicts[0]  # type: ignore[attr-defined]
    assert v.status is Status.NEEDS_REVIEW and v.message.startswith("Would be:")
    assert a.status is Overall.NEEDS_REVIEW  # type: ignore[attr-defined]


def test_no_limit_is_not_a_pass(rulesets: dict[str, RuleSet]) -> None:
    a = run(rulesets, make_product(material=Material.ASPHALT, per="t", gwp=50))
    assert a.products[0].verdicts[0].status is Status.NO_LIMIT  # type: ignore[attr-defined]
    assert a.status is Overall.NEEDS_REVIEW  # type: ignore[attr-defined]


def test_material_no_selected_ruleset_covers(rulesets: dict[str, RuleSet]) -> None:
    a = run(rulesets, make_product(gwp=250, strength=psi(4000)), names=("buy-clean-california",))
    pa = a.products[0]  # type: ignore[attr-defined]
    assert pa.status is Overall.NEEDS_REVIEW and "None of the selected rule sets" in pa.reasons[0]


def test_one_failing_mix_makes_the_file_non_compliant(rulesets: dict[str, RuleSet]) -> None:
    a = run(rulesets, make_product(gwp=250, strength=psi(4000)), make_product(gwp=500, strength=psi(4000)))
    assert [p.status for p in a.products] == [Overall.COMPLIANT, Overall.NON_COMPLIANT]  # type: ignore[attr-defined]
    assert a.status is Overall.NON_COMPLIANT  # type: ignore[attr-defined]


def test_worst_order() -> None:
    assert worst([Overall.COMPLIANT, Overall.NEEDS_REVIEW]) is Overall.NEEDS_REVIEW
    assert worst([Overall.NEEDS_REVIEW, Overall.NON_COMPLIANT]) is Overall.NON_COMPLIANT
    assert worst([]) is Overall.NEEDS_REVIEW


@pytest.mark.parametrize("names", [("gsa-ira-lec",), ("gsa-ira-lec", "buy-clean-california")])
def test_json_matches_the_schema_and_text_is_readable(rulesets: dict[str, RuleSet], names: tuple[str, ...]) -> None:
    a = run(rulesets, make_product(gwp=250 * 0.764555, per="yd3", strength=psi(4000)),
            make_product(gwp=100, gwp_review="unsure"), names=names)
    doc = assessment_json(a)  # type: ignore[arg-type]
    jsonschema.Draft202012Validator(assessment_schema(), format_checker=jsonschema.FormatChecker()).validate(doc)
    assert doc["products"][0]["gwp_a1a3"]["unit"] == "kgCO2e/yd3"
    assert doc["products"][0]["verdicts"][0]["gwp"] == {"value": pytest.approx(250), "unit": "kgCO2e/m3"}
    text = assessment_text(a)  # type: ignore[arg-type]
    assert "Top 20%" in text and "NEEDS_REVIEW" in text
