"""Each document and product check: one row per case."""

from __future__ import annotations

import datetime as dt

import pytest

from buyclean.core.document_checks import DOCUMENT_CHECKS, PRODUCT_CHECKS
from buyclean.core.model import EpdType, FindingStatus
from buyclean.core.rules import RuleSet
from tests.conftest import NSF_CONCRETE_PCR, make_epd, make_product

ON = dt.date(2025, 6, 1)
P, F, U = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.UNKNOWN

DOCUMENT_CASES = [
    ("valid_on_date", {"valid_until": dt.date(2030, 1, 1)}, P, "Valid until 2030-01-01"),
    ("valid_on_date", {"valid_until": ON}, P, "Valid until"),
    ("valid_on_date", {"valid_until": dt.date(2025, 5, 31)}, F, "expired on 2025-05-31"),
    ("valid_on_date", {"valid_until": None}, U, "no valid-until date"),
    ("valid_on_date", {"issued": dt.date(2026, 1, 1)}, F, "issued on 2026-01-01, after"),
    ("epd_age", {"issued": dt.date(2024, 1, 1)}, P, "Issued 2024-01-01"),
    ("epd_age", {"issued": dt.date(2019, 1, 1)}, U, "second-hand"),
    ("epd_age", {"issued": None}, U, "issue date was not found"),
    ("product_specific", {"epd_type": EpdType.PRODUCT_SPECIFIC}, P, "Product-specific"),
    ("product_specific", {"epd_type": EpdType.WORST_CASE}, P, "worst case"),
    ("product_specific", {"epd_type": EpdType.INDUSTRY_AVERAGE}, F, "industry-average"),
    ("product_specific", {"epd_type": EpdType.PRODUCT_GROUP_AVERAGE}, U, "average over a group"),
    ("product_specific", {"epd_type": None}, U, "not found"),
    ("third_party_verified", {"verified": True}, P, "Third-party verified"),
    ("third_party_verified", {"verified": False}, F, "not third-party verified"),
    ("third_party_verified", {"verified": None}, U, "not stated"),
    ("product_specific", {"epd_type": EpdType.FACILITY_SPECIFIC}, P, "Facility-specific"),
    ("product_specific", {"epd_type": EpdType.COMPANY_AVERAGE}, U, "several of the manufacturer's plants"),
    ("type_iii", {}, P, "ISO 14025 Type III"),
    ("type_iii", {"standards": ()}, P, "Registered with NSF International as EPD-1 and third-party verified"),
    ("type_iii", {"standards": (), "verified": None}, U, "third-party verification"),
    ("pcr", {}, P, "gsa-ira-lec names the NSF PCR for Concrete v2.1"),
    ("pcr", {"pcr": "NSF PCR for Concrete, version 2.3"}, U, "version 2.3"),
    ("pcr", {"pcr": "EN 15804+A2 and c-PCR-003 (EN 16757)"}, U, "not the NSF PCR for Concrete v2.1"),
    ("pcr", {"pcr": None}, U, "No PCR was read"),
]


@pytest.mark.parametrize(("check", "kwargs", "status", "message"), DOCUMENT_CASES)
def test_document_checks(rulesets: dict[str, RuleSet], check: str, kwargs: dict[str, object],
                         status: FindingStatus, message: str) -> None:
    finding = DOCUMENT_CHECKS[check](make_epd(make_product(), **kwargs), ON, [rulesets["gsa-ira-lec"]])  # type: ignore[arg-type]
    assert finding is not None
    assert finding.status is status
    assert message in finding.message


def test_checks_not_asked_for_by_any_ruleset_are_skipped() -> None:
    assert DOCUMENT_CHECKS["product_specific"](make_epd(make_product()), ON, []) is None
    assert DOCUMENT_CHECKS["epd_age"](make_epd(make_product()), ON, []) is None


@pytest.mark.parametrize(("product", "status"), [
    (make_product(), P),
    (make_product(gwp_review="two GWP rows disagree"), P),
])
def test_a1a3_present(product: object, status: FindingStatus) -> None:
    finding = PRODUCT_CHECKS["a1a3_present"](product, ON, [])  # type: ignore[arg-type]
    assert finding is not None and finding.status is status


def test_a1a3_missing_with_and_without_a_reason() -> None:
    from dataclasses import replace

    from buyclean.core.model import Extracted

    no_gwp = replace(make_product(), gwp_a1a3=Extracted(None))
    assert PRODUCT_CHECKS["a1a3_present"](no_gwp, ON, []).status is F  # type: ignore[union-attr]
    unsure = replace(make_product(), gwp_a1a3=Extracted(None, review="no text layer on pages 1-3"))
    finding = PRODUCT_CHECKS["a1a3_present"](unsure, ON, [])
    assert finding is not None and finding.status is U and "no text layer" in finding.message


def steel_epd(epd_type: EpdType | None, plants: tuple[str, ...] = ()) -> object:
    from buyclean.core.model import Material, SteelProduct, SteelType

    return make_epd(make_product(material=Material.STEEL, per="t", gwp=600,
                                 steel=SteelType(SteelProduct.REBAR, False)), epd_type=epd_type, plants=plants,
                    pcr="PCR for Designated Steel Construction Products, version 2.0")


@pytest.mark.parametrize(("epd_type", "status", "message"), [
    (EpdType.FACILITY_SPECIFIC, P, "Facility-specific EPD"),
    (EpdType.PRODUCT_SPECIFIC, U, "does not say it is for one facility"),
    (EpdType.COMPANY_AVERAGE, F, "company-average"),
    (EpdType.INDUSTRY_AVERAGE, F, "industry-average"),
    (EpdType.PRODUCT_GROUP_AVERAGE, U, "product-group-average"),
    (None, U, "was not found"),
])
def test_buy_clean_california_wants_a_facility_specific_epd(rulesets: dict[str, RuleSet], epd_type: EpdType | None,
                                                            status: FindingStatus, message: str) -> None:
    finding = DOCUMENT_CHECKS["facility_specific"](steel_epd(epd_type), ON,  # type: ignore[arg-type]
                                                   [rulesets["buy-clean-california"]])
    assert finding is not None and finding.status is status and message in finding.message
    assert finding.rulesets == ("buy-clean-california",)


def test_a_rule_set_that_does_not_cover_the_material_asks_nothing(rulesets: dict[str, RuleSet]) -> None:
    # Buy Clean California holds no concrete rows: its facility rule does not hold up a concrete EPD
    from buyclean.core.assess import assess
    from buyclean.core.document_checks import covering
    from buyclean.core.model import Source

    concrete = make_epd(make_product())
    both = [rulesets["gsa-ira-lec"], rulesets["buy-clean-california"]]
    assert covering(both, concrete) == [rulesets["gsa-ira-lec"]]
    a = assess(concrete, both, source=Source("t", "0" * 64, "buyclean", 1), on=ON)
    assert "facility_specific" not in {f.check for f in a.findings}


def test_the_steel_pcr_is_stated_not_named(rulesets: dict[str, RuleSet]) -> None:
    finding = DOCUMENT_CHECKS["pcr"](steel_epd(EpdType.FACILITY_SPECIFIC), ON,  # type: ignore[arg-type]
                                     [rulesets["gsa-ira-lec"], rulesets["buy-clean-california"]])
    assert finding is not None and finding.status is P and "(version 2.0)" in finding.message
    assert finding.rulesets == ("gsa-ira-lec", "buy-clean-california")


@pytest.mark.parametrize(("text", "version"), [
    ("NSF PCR for Concrete v2.1 (8/2021)", "2.1"), ("NSF PCR for Concrete (version 2.3 extension)", "2.3"),
    ("NPCR Part A: Construction products and services. Ver. 1.0. March 2021", "1.0"), ("EN 15804", None),
])
def test_pcr_version(text: str, version: str | None) -> None:
    from buyclean.core.document_checks import pcr_version

    assert pcr_version(text) == version


EN_PCR = "EN 15804+A2 and c-PCR-003 (EN 16757)"
NSF_PCR = NSF_CONCRETE_PCR


def _judged(pcr: str, answer: str, judged_pcr: str | None = None) -> object:
    """A concrete EPD written to ``pcr`` after an officer judged ``judged_pcr`` (the same, unless told)."""
    import dataclasses

    from buyclean.core.review import Decision, apply_decision

    epd = apply_decision(make_epd(make_product(), pcr=judged_pcr or pcr),
                         Decision(field="pcr_accepted", reviewer="officer@agency.example",
                                  justification="precast from Sweden, accepted under contract clause 4", value=answer))
    return dataclasses.replace(epd, pcr=dataclasses.replace(epd.pcr, value=pcr))


@pytest.mark.parametrize(("pcr", "answer", "status", "message"), [
    (EN_PCR, "yes", P, f"Written to '{EN_PCR}', not the NSF PCR for Concrete v2.1 that gsa-ira-lec names for "
                       "concrete; accepted for gsa-ira-lec by review (officer@agency.example: precast from Sweden"),
    ("NSF PCR for Concrete, version 2.3", "yes", P, "version 2.3), but gsa-ira-lec names version 2.1 of the NSF PCR "
                                                    "for Concrete for concrete; accepted for gsa-ira-lec by review"),
    (EN_PCR, "no", F, f"Written to '{EN_PCR}', which review rejected for gsa-ira-lec (officer@agency.example: "
                      "precast from Sweden, accepted under contract clause 4); gsa-ira-lec names the NSF PCR"),
    (NSF_PCR, "yes", P, "gsa-ira-lec names the NSF PCR for Concrete v2.1"),
    (NSF_PCR, "no", F, "which review rejected for gsa-ira-lec"),
], ids=["accepted", "another-version-accepted", "rejected", "nothing-to-accept", "the-named-pcr-rejected"])
def test_a_review_decision_on_the_pcr(rulesets: dict[str, RuleSet], pcr: str, answer: str, status: FindingStatus,
                                      message: str) -> None:
    finding = DOCUMENT_CHECKS["pcr"](_judged(pcr, answer), ON, [rulesets["gsa-ira-lec"]])  # type: ignore[arg-type]
    assert finding is not None and finding.status is status and message in finding.message
    if status is P and answer == "yes" and pcr == NSF_PCR:
        assert "review" not in finding.message  # the named PCR passes on its own


def test_a_pcr_decision_holds_only_for_the_pcr_it_judged(rulesets: dict[str, RuleSet]) -> None:
    # the PCR was entered again after the decision: the judgement of the earlier text does not carry over
    finding = DOCUMENT_CHECKS["pcr"](_judged(EN_PCR, "yes", judged_pcr="EN 15804+A1"), ON,  # type: ignore[arg-type]
                                     [rulesets["gsa-ira-lec"]])
    assert finding is not None and finding.status is U
    assert "a review decision judged 'EN 15804+A1', not this PCR" in finding.message
