from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from buyclean.core.model import EpdType, Gwp, Material, Product, Quantity, SteelProduct, SteelRoute, SteelType
from buyclean.core.readers import ec3, openepd
from buyclean.errors import UnreadableEpd

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data" / "openepd"


def gwp_set(mean: float, unit: str = "kgCO2e") -> dict[str, Any]:
    return {"gwp": {"A1A2A3": {"mean": mean, "unit": unit}}}


def document(**fields: Any) -> dict[str, Any]:
    """A minimal openEPD document for ready-mix concrete; keyword arguments replace its fields."""
    doc: dict[str, Any] = {
        "doctype": "openEPD",
        "product_name": "Test mix",
        "date_of_issue": "2024-01-01T00:00:00Z",
        "valid_until": "2029-01-01T00:00:00Z",
        "declared_unit": {"qty": 1, "unit": "m3"},
        "kg_per_declared_unit": {"qty": 2400, "unit": "kg"},
        "product_classes": {"io.cqd.ec3": "Concrete >> ReadyMix"},
        "program_operator": {"name": "Test PO"},
        "program_operator_doc_id": "EPD-1",
        "manufacturer": {"name": "Test Co"},
        "third_party_verifier": {"name": "Test Verifier"},
        "specs": {"Concrete": {"strength_28d": "4000 psi"}},
        "impacts": {"TRACI 2.1": gwp_set(300.0)},
    }
    doc.update(fields)
    return doc


def steel_document(steel_spec: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return document(product_classes={}, declared_unit={"qty": 1, "unit": "t"},
                    kg_per_declared_unit={"qty": 1000, "unit": "kg"}, specs={"Steel": steel_spec},
                    impacts={"TRACI 2.1": gwp_set(700.0)}, **fields)


def product(doc: dict[str, Any], prefer: str | None = None) -> Product:
    epd = openepd.read_openepd(doc, prefer)
    assert len(epd.products) == 1
    return epd.products[0]


# --- synthetic documents -----------------------------------------------------------------------------------------


def test_fixture_file_reads_every_field_with_evidence() -> None:
    doc = json.loads((DATA / "ready_mix_two_methods.json").read_text(encoding="utf-8"))
    assert openepd.claims(doc)
    epd = openepd.READER.read(doc)
    p = epd.products[0]
    assert epd.format == "openepd"
    assert p.gwp_a1a3.known
    assert p.gwp_a1a3.value == Gwp(320.5, "m3", "GWP", "A1-A3", "TRACI 2.1")
    assert p.gwp_a1a3.evidence.path == "$.impacts['TRACI 2.1'].gwp.A1A2A3.mean"
    assert p.gwp_a1a3.evidence.text == "320.5 kgCO2e"
    assert [c.value for c in p.gwp_a1a3.candidates] == [Gwp(330.0, "m3", "GWP", "A1-A3", "EF 3.0")]
    assert p.material.value is Material.CONCRETE
    assert p.category.value == "Concrete >> ReadyMix"
    assert p.compressive_strength.value is not None and p.compressive_strength.value.psi == 5000.0
    assert p.mass_per_declared_unit_kg.value == 2400.0
    assert p.name.value == "Test mix 5000"
    assert epd.registration_number.value == "TPO-0002"
    assert epd.program_operator.value == "Test Program Operator"
    assert epd.manufacturer.value == "Test Concrete Co"
    assert epd.plants == ("Test Plant 2",)
    assert epd.issued.value == dt.date(2024, 3, 1) and epd.valid_until.value == dt.date(2029, 3, 1)
    assert epd.epd_type.value is EpdType.PRODUCT_SPECIFIC
    assert epd.third_party_verified.value is True
    assert epd.pcr.value == "NSF PCR for Concrete (version 2.1)"
    assert epd.standards == ("ISO 21930",)


@pytest.mark.parametrize(("methods", "prefer", "chosen"), [
    (["EF 3.0", "TRACI 2.1"], None, "TRACI 2.1"),
    (["EF 3.1", "IPCC AR6", "IPCC AR5"], None, "IPCC AR5"),
    (["EF 3.1", "CML 2012"], None, "EF 3.1"),
    (["CML 2012"], None, "CML 2012"),
    (["EF 3.0", "TRACI 2.1"], "EF 3.0", "EF 3.0"),
    (["TRACI 2.1"], "EF 3.0", "TRACI 2.1"),  # the preferred method is absent
])
def test_method_preference(methods: list[str], prefer: str | None, chosen: str) -> None:
    impacts = {m: gwp_set(300.0 + i) for i, m in enumerate(methods)}
    gwp = product(document(impacts=impacts), prefer).gwp_a1a3
    assert gwp.value is not None and gwp.value.method == chosen
    assert gwp.value.value == 300.0 + methods.index(chosen)
    assert gwp.review is None  # several methods is normal
    assert len(gwp.candidates) == len(methods) - 1


def test_module_level_preference_is_used_by_read(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = document(impacts={"TRACI 2.1": gwp_set(300.0), "EF 3.0": gwp_set(310.0)})
    monkeypatch.setattr(openepd, "PREFERRED_METHOD", "EF 3.0")
    gwp = openepd.READER.read(doc).products[0].gwp_a1a3
    assert gwp.value is not None and (gwp.value.method, gwp.value.value) == ("EF 3.0", 310.0)


def test_split_modules_are_summed_and_said_so() -> None:
    impacts = {"TRACI 2.1": {"gwp": {m: {"mean": v, "unit": "kgCO2e"} for m, v in (("A1", 250.0), ("A2", 20.0),
                                                                                   ("A3", 30.0))}}}
    gwp = product(document(impacts=impacts)).gwp_a1a3
    assert gwp.value is not None and (gwp.value.value, gwp.value.modules) == (300.0, "A1+A2+A3")


def test_gwp_in_tonnes_is_converted_to_kg() -> None:
    gwp = product(document(impacts={"TRACI 2.1": gwp_set(0.3, "tCO2e")})).gwp_a1a3
    assert gwp.value is not None and gwp.value.value == pytest.approx(300.0)


def test_cubic_yard_declared_unit_is_kept() -> None:
    gwp = product(document(declared_unit={"qty": 1, "unit": "yd3"}, kg_per_declared_unit=None)).gwp_a1a3
    assert gwp.known and gwp.value is not None and (gwp.value.value, gwp.value.per_unit) == (300.0, "yd3")


@pytest.mark.parametrize(("fields", "review"), [
    ({"impacts": {}}, "no impacts"),
    ({"impacts": {"TRACI 2.1": {"odp": {"A1A2A3": {"mean": 1e-6, "unit": "kgCFC11e"}}}}}, "no method"),
    ({"declared_unit": None}, "declared unit is unknown"),
    ({"declared_unit": {"qty": 2, "unit": "mm"}}, "declared unit is unknown"),
    ({"impacts": {"TRACI 2.1": gwp_set(300.0, "furlongs")}}, "not a kg CO2e unit"),
    ({"impacts": {"TRACI 2.1": gwp_set(3.0)}}, "outside the plausible range"),
])
def test_gwp_that_cannot_be_trusted_asks_for_review(fields: dict[str, Any], review: str) -> None:
    gwp = product(document(**fields)).gwp_a1a3
    assert gwp.review is not None and review in gwp.review


def test_ambiguous_ton_is_settled_by_the_mass() -> None:
    doc = document(product_classes={"io.cqd.ec3": "Asphalt"}, specs={}, declared_unit={"qty": 1, "unit": "ton"},
                   kg_per_declared_unit={"qty": 907.18474, "unit": "kg"}, impacts={"TRACI 2.1": gwp_set(58.7)})
    p = product(doc)
    assert p.declared_unit.value == Quantity(1.0, "short_ton")
    assert p.gwp_a1a3.known and p.gwp_a1a3.value is not None and p.gwp_a1a3.value.per_unit == "short_ton"


def test_ambiguous_ton_without_mass_asks_for_review() -> None:
    doc = document(product_classes={"io.cqd.ec3": "Asphalt"}, specs={}, declared_unit={"qty": 1, "unit": "ton"},
                   kg_per_declared_unit=None, impacts={"TRACI 2.1": gwp_set(58.7)})
    assert product(doc).declared_unit.review is not None


def test_rebar_spec_gives_product_fabrication_and_route() -> None:
    p = product(steel_document({"making_route": {"eaf": True}, "RebarSteel": {"fabricated": False}},
                               product_name="Rebar #5"))
    assert p.material.value is Material.STEEL
    assert p.steel.value == SteelType(SteelProduct.REBAR, False, SteelRoute.EAF)
    assert p.steel.known
    assert p.gwp_a1a3.value is not None and (p.gwp_a1a3.value.value, p.gwp_a1a3.value.per_unit) == (700.0, "t")


def test_hollow_sections_spec() -> None:
    p = product(steel_document({"making_route": {"bof": True},
                                "StructuralSteel": {"HollowSections": {"fabricated": True}}}, product_name="HSS"))
    assert p.steel.value == SteelType(SteelProduct.HSS, True, SteelRoute.INTEGRATED)


def test_fabricated_name_with_unfabricated_spec_asks_for_review() -> None:
    p = product(steel_document({"RebarSteel": {"fabricated": False}}, product_name="Fabricated rebar"))
    assert p.steel.value is None
    assert p.steel.review is not None and "fabricated" in p.steel.review
    assert {c.value.fabricated for c in p.steel.candidates if c.value is not None} == {True, False}


def test_steel_without_a_product_type_asks_for_review() -> None:
    p = product(steel_document({}, product_name="Steel product"))
    assert p.steel.value is None and p.steel.review is not None


def test_industry_doctype_is_industry_average_and_lists_manufacturers() -> None:
    doc = document(doctype="openIndustryEpd", manufacturer=None,
                   manufacturers=[{"name": "A Co"}, {"name": "B Co"}], third_party_verifier=None)
    epd = openepd.read_openepd(doc)
    assert epd.epd_type.value is EpdType.INDUSTRY_AVERAGE
    assert epd.manufacturer.value == "A Co; B Co"
    assert epd.third_party_verified.value is None


def test_document_without_doctype_is_claimed_and_its_type_asks_for_review() -> None:
    doc = document()
    del doc["doctype"]
    assert openepd.claims(doc)
    epd = openepd.read_openepd(doc)
    assert epd.epd_type.value is None and epd.epd_type.review is not None
    assert epd.products[0].gwp_a1a3.known


def test_precast_category_says_so() -> None:
    p = product(document(product_classes={"io.cqd.ec3": "Precast >> Concrete wall panels"}, specs={}))
    assert p.material.value is Material.CONCRETE
    assert p.category.value == "Concrete >> Precast >> Concrete wall panels"
    assert any("not ready-mix" in note for note in p.notes)


def test_category_falls_back_to_the_spec_path() -> None:
    p = product(document(product_classes={}, specs={"Concrete": {"strength_28d": "30 MPa", "ReadyMix": {}}}))
    assert p.category.value == "Concrete >> ReadyMix"
    assert p.compressive_strength.value is not None and p.compressive_strength.value.psi == 4351.1


def test_unreadable_document_is_refused_with_where() -> None:
    with pytest.raises(UnreadableEpd) as info:
        openepd.read_openepd({"doctype": "openEPD"})
    assert info.value.where == "$"


@pytest.mark.parametrize(("doc", "expected"), [
    (document(), True),
    (document(doctype="openIndustryEpd"), True),
    ({"impacts": {}, "declared_unit": {"qty": 1, "unit": "m3"}}, True),
    ({"impacts": {}, "declared_unit": "1 m3", "category": {"openepd": "Concrete"}, "gwp": "1 kgCO2e"}, False),
    ({"processInformation": {}, "impacts": {}, "declared_unit": {}}, False),
    ({"buyclean_epd": "1", "doctype": "openEPD"}, False),
    ({"doctype": "somethingElse", "impacts": {}, "declared_unit": {}}, False),
])
def test_claims(doc: dict[str, Any], expected: bool) -> None:
    assert openepd.claims(doc) is expected


def test_ec3_does_not_claim_openepd_documents() -> None:
    assert not ec3.claims(document())
    assert not ec3.claims(json.loads((DATA / "ready_mix_two_methods.json").read_text(encoding="utf-8")))


# --- the real corpus (openepd package examples) -----------------------------------------------------------------

needs_corpus = pytest.mark.skipif(not (CORPUS / "openepd").exists(), reason="the shared EPD corpus is absent")


def read_corpus(name: str) -> Any:
    doc = json.loads((CORPUS / "openepd" / name).read_text(encoding="utf-8"))
    assert openepd.claims(doc) and not ec3.claims(doc)
    return openepd.read_openepd(doc)


@needs_corpus
@pytest.mark.corpus
def test_every_corpus_document_is_covered() -> None:
    assert sorted(p.name for p in (CORPUS / "openepd").glob("*.json")) == [
        "example_epd_work_surfaces.openepd.json", "example_industry_epd_metal_products.openepd.json"]


@needs_corpus
@pytest.mark.corpus
def test_corpus_work_surfaces_takes_traci_and_keeps_cml_as_candidate() -> None:
    epd = read_corpus("example_epd_work_surfaces.openepd.json")
    p = epd.products[0]
    assert p.gwp_a1a3.known
    assert p.gwp_a1a3.value == Gwp(50.0, "m2", "GWP", "A1-A3", "TRACI 2.1")
    assert [c.value.method for c in p.gwp_a1a3.candidates if c.value is not None] == ["CML 2012"]
    assert p.material.value is Material.OTHER
    assert p.category.value == "Furnishings >> WorkSurfaces"
    assert epd.registration_number.value == "EPD10526"
    assert epd.program_operator.value == "NSF International"
    assert epd.manufacturer.value == "Herman Miller"
    assert epd.epd_type.value is EpdType.PRODUCT_SPECIFIC
    assert epd.third_party_verified.value is True
    assert epd.valid_until.value == dt.date(2026, 2, 24)


@needs_corpus
@pytest.mark.corpus
def test_corpus_industry_example_has_no_declared_unit() -> None:
    epd = read_corpus("example_industry_epd_metal_products.openepd.json")
    p = epd.products[0]
    assert epd.epd_type.value is EpdType.INDUSTRY_AVERAGE
    assert p.declared_unit.value is None and p.declared_unit.review is not None
    assert p.gwp_a1a3.value is None
    assert p.gwp_a1a3.review is not None and "declared unit is unknown" in p.gwp_a1a3.review
    assert p.gwp_a1a3.evidence.path == "$.impacts['CML 2012'].gwp.A1A2A3"
    assert p.material.value is Material.STEEL
    assert p.mass_per_declared_unit_kg.value == 1.0
    assert epd.registration_number.value == "IND-GALV-2022"
