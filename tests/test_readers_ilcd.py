"""ILCD+EPD reader: synthetic soda4LCA JSON and ILCD XML fixtures, then every ILCD file of the shared corpus."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from buyclean.core.model import EpdType, Material, Quantity
from buyclean.core.readers import ilcd, read_epd
from buyclean.errors import UnreadableEpd, UnsupportedFormat

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data" / "ilcd"
needs_corpus = pytest.mark.skipif(not (CORPUS / "ilcd").exists(), reason="the shared EPD corpus is absent")

GWP_TOTAL = 1  # index of the GWP-total result in specific_concrete.json (index 0 is GWP-fossil)


def dataset() -> dict[str, Any]:
    """A fresh copy of the synthetic dataset: 1 m3 of product-specific concrete, GWP-total A1-A3 300.5."""
    doc: dict[str, Any] = json.loads((DATA / "specific_concrete.json").read_text(encoding="utf-8"))
    return doc


def set_gwp_modules(doc: dict[str, Any], *modules: tuple[str, str], index: int = GWP_TOTAL) -> None:
    doc["LCIAResults"]["LCIAResult"][index]["other"]["anies"] = [{"module": m, "value": v} for m, v in modules]


def reference_property(doc: dict[str, Any]) -> dict[str, Any]:
    prop: dict[str, Any] = doc["exchanges"]["exchange"][0]["flowProperties"][0]
    return prop


# --- claims -----------------------------------------------------------------------------------------------------


def test_claims_an_ilcd_process_dataset() -> None:
    assert ilcd.claims(dataset())


@pytest.mark.parametrize("doc", [
    {"impacts": {}, "doctype": "openEPD", "declared_unit": {"qty": 1, "unit": "m3"}},
    {"gwp": "300 kgCO2e", "category": {"openepd": "Concrete"}},
    {"buyclean_epd": "1.0", "products": []},
    {"subScenarios": [{"subScenarioItems": []}], "subIndicators": []},
    {"processInformation": {}},  # nothing beside it: not enough to call it ILCD
    {"processInformation": {}, "LCIAResults": {}, "impacts": {}},  # another format's key: not ours
    ["processInformation"],
])
def test_does_not_claim_other_formats(doc: Any) -> None:
    assert not ilcd.claims(doc)


# --- GWP --------------------------------------------------------------------------------------------------------


def test_reads_gwp_total_a1a3_by_indicator_uuid_not_the_fossil_row() -> None:
    gwp = ilcd.read(dataset()).products[0].gwp_a1a3
    assert gwp.known and gwp.value is not None
    assert (gwp.value.value, gwp.value.per_unit, gwp.value.indicator, gwp.value.modules, gwp.value.method) == (
        300.5, "m3", "GWP-total", "A1-A3", "EN 15804+A2")
    assert gwp.evidence.path == "$.LCIAResults.LCIAResult[1].other.anies[0].value"
    assert gwp.evidence.text == "300.5"


def test_sums_split_a1_a2_a3_and_says_so() -> None:
    doc = dataset()
    set_gwp_modules(doc, ("A1", "250.25"), ("A2", "10.5"), ("A3", "4.25"), ("A4", "9.0"))
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.known and gwp.value is not None
    assert gwp.value.value == pytest.approx(265.0)
    assert gwp.value.modules == "A1+A2+A3"
    assert gwp.evidence.note is not None and "summed A1+A2+A3" in gwp.evidence.note


def test_declared_a1a3_confirmed_by_the_split_is_kept_as_declared() -> None:
    doc = dataset()
    set_gwp_modules(doc, ("A1", "-764.07"), ("A2", "24.73"), ("A3", "91.92"), ("A1-A3", "-647.42"))
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.known and gwp.value is not None
    assert (gwp.value.value, gwp.value.modules) == (-647.42, "A1-A3")


def test_declared_a1a3_that_contradicts_the_split_asks_for_review_with_both() -> None:
    doc = dataset()
    set_gwp_modules(doc, ("A1-A3", "300"), ("A1", "200"), ("A2", "10"), ("A3", "5"))
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.value is None and gwp.review is not None and "differs" in gwp.review
    assert sorted(c.value.value for c in gwp.candidates) == [215.0, 300.0]


def test_incomplete_split_is_not_summed() -> None:
    doc = dataset()
    set_gwp_modules(doc, ("A1", "200"), ("A3", "5"))
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.value is None and gwp.review is not None and "only A1, A3" in gwp.review


def test_a1a3_given_for_two_scenarios_asks_which() -> None:
    doc = dataset()
    doc["LCIAResults"]["LCIAResult"][GWP_TOTAL]["other"]["anies"] = [
        {"module": "A1-A3", "value": "300", "scenario": "plant 1"},
        {"module": "A1-A3", "value": "320", "scenario": "plant 2"}]
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.value is None and len(gwp.candidates) == 2 and gwp.review is not None and "scenarios" in gwp.review


def test_only_gwp_fossil_is_never_taken_for_gwp_total() -> None:
    doc = dataset()
    del doc["LCIAResults"]["LCIAResult"][GWP_TOTAL]
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.value is None and gwp.review is not None and "GWP-fossil" in gwp.review


def test_a1_gwp_when_there_is_no_gwp_total() -> None:
    doc = dataset()
    doc["LCIAResults"]["LCIAResult"][GWP_TOTAL]["referenceToLCIAMethodDataSet"]["refObjectId"] = ilcd.GWP_A1
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.value is not None and (gwp.value.indicator, gwp.value.method) == ("GWP", "EN 15804+A1")


def test_gwp_total_wins_over_a1_gwp() -> None:
    doc = dataset()
    a1 = copy.deepcopy(doc["LCIAResults"]["LCIAResult"][GWP_TOTAL])
    a1["referenceToLCIAMethodDataSet"]["refObjectId"] = ilcd.GWP_A1
    a1["other"]["anies"] = [{"module": "A1-A3", "value": "290.0"}]
    doc["LCIAResults"]["LCIAResult"].insert(0, a1)
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.value is not None and (gwp.value.value, gwp.value.indicator) == (300.5, "GWP-total")


def test_a_foreign_unit_group_asks_for_review() -> None:
    doc = dataset()
    doc["LCIAResults"]["LCIAResult"][GWP_TOTAL]["other"]["anies"][3]["value"]["refObjectId"] = "not-kg-co2"
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.value is not None and gwp.review is not None and "unit group" in gwp.review


# --- declared unit and plausibility -----------------------------------------------------------------------------


@pytest.mark.parametrize(("unit", "expected"), [("qm", "m2"), ("pcs.", "item"), ("kg", "kg"), ("m3", "m3"),
                                                ("t", "t")])
def test_reference_units(unit: str, expected: str) -> None:
    doc = dataset()
    reference_property(doc)["referenceUnit"] = unit
    set_gwp_modules(doc, ("A1-A3", "0.2"))  # plausible per kg of concrete too
    product = ilcd.read(doc).products[0]
    assert product.declared_unit.value == Quantity(1.0, expected)
    assert product.gwp_a1a3.value is not None and product.gwp_a1a3.value.per_unit == expected


def test_an_unknown_reference_unit_asks_for_review() -> None:
    doc = dataset()
    reference_property(doc)["referenceUnit"] = "furlong"
    product = ilcd.read(doc).products[0]
    assert product.declared_unit.value is None and product.declared_unit.review is not None
    assert product.gwp_a1a3.value is None and product.gwp_a1a3.review is not None
    assert "300.5 kg CO2e per declared unit" in product.gwp_a1a3.review


def test_1000_kg_is_reported_per_tonne() -> None:
    doc = dataset()
    reference_property(doc)["referenceUnit"] = "kg"
    exchange = doc["exchanges"]["exchange"][0]
    exchange["meanAmount"] = exchange["resultingflowAmount"] = 1000.0
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.known and gwp.value is not None and (gwp.value.value, gwp.value.per_unit) == (300.5, "t")


def test_a_tonne_sized_result_against_1_kg_is_flagged() -> None:
    doc = dataset()
    reference_property(doc)["referenceUnit"] = "kg"
    set_gwp_modules(doc, ("A1", "158.8"), ("A2", "10.8"), ("A3", "9.5"))
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    assert gwp.value is not None and gwp.value.per_unit == "kg"
    assert gwp.review is not None and "implausible for concrete" in gwp.review


def test_a_reference_flow_with_two_amounts_gives_both_readings_plausible_first() -> None:
    doc = dataset()
    reference_property(doc).update(referenceUnit="kg", meanValue=1000.0)
    doc["exchanges"]["exchange"][0]["resultingflowAmount"] = 1000.0
    set_gwp_modules(doc, ("A1", "158.8"), ("A2", "10.8"), ("A3", "9.5"))
    product = ilcd.read(doc).products[0]
    assert product.declared_unit.value is None
    assert [c.value for c in product.declared_unit.candidates] == [Quantity(1.0, "kg"), Quantity(1000.0, "kg")]
    gwp = product.gwp_a1a3
    assert gwp.value is None and gwp.review is not None and "implausible" in gwp.review
    assert [(c.value.value, c.value.per_unit) for c in gwp.candidates] == [(pytest.approx(179.1), "t"),
                                                                          (pytest.approx(179.1), "kg")]


def test_mass_per_declared_unit_comes_from_the_mass_flow_property() -> None:
    product = ilcd.read(dataset()).products[0]
    assert product.mass_per_declared_unit_kg.value == 2350.0


def test_grammage_gives_the_mass_of_one_m2_and_a_contradicting_density_is_noted() -> None:
    doc = dataset()
    reference_property(doc)["referenceUnit"] = "qm"
    exchange = doc["exchanges"]["exchange"][0]
    del exchange["flowProperties"][1]
    exchange["materialProperties"] = [
        {"name": "grammage", "value": "179.0", "unit": "kg/m^2"},
        {"name": "gross density", "value": "2.4", "unit": "kg/m^3"},
        {"name": "layer thickness", "value": "0.08", "unit": "m"}]
    set_gwp_modules(doc, ("A1-A3", "21.8"))
    product = ilcd.read(doc).products[0]
    assert product.mass_per_declared_unit_kg.value == 179.0
    assert product.gwp_a1a3.known
    assert any("gross density 2.4" in note for note in product.notes)


# --- the declaration --------------------------------------------------------------------------------------------


def test_declaration_fields() -> None:
    epd = ilcd.read(dataset())
    assert epd.format == "ilcd"
    assert epd.registration_number.value == "NEPD-1234-5678-TEST"
    assert epd.program_operator.value == "EPD Norway"
    assert epd.manufacturer.value == "Test Beton A/S"
    assert epd.issued.value == dt.date(2024, 3, 16)  # 1710547200000 ms since 1970
    assert epd.third_party_verified.value is True
    assert epd.pcr.value == "NPCR 020 Part B for concrete"
    assert epd.standards == ("EN 15804+A2",)
    product = epd.products[0]
    assert product.name.value == "Test ready-mix concrete 35 MPa"  # English preferred over the first ('da') name
    assert product.material.value is Material.CONCRETE
    assert product.category.value == "Bygg / Betongvarer"


def test_valid_until_is_a_year_read_as_its_end() -> None:
    valid = ilcd.read(dataset()).valid_until
    assert valid.value == dt.date(2029, 12, 31)
    assert valid.evidence.note == "year only; read as the year's end"


def test_an_exact_end_date_of_the_same_year_is_used() -> None:
    doc = dataset()
    doc["processInformation"]["time"]["timeRepresentativenessDescription"] = [
        {"value": '"2024-03-16" - "2029-03-16"', "lang": "en"}]
    assert ilcd.read(doc).valid_until.value == dt.date(2029, 3, 16)
    doc["processInformation"]["time"]["dataSetValidUntil"] = 2030  # another year: not the validity
    assert ilcd.read(doc).valid_until.value == dt.date(2030, 12, 31)


@pytest.mark.parametrize(("subtype", "expected", "review"), [
    ("specific dataset", EpdType.PRODUCT_SPECIFIC, False),
    ("average dataset", EpdType.PRODUCT_GROUP_AVERAGE, False),
    ("representative dataset", EpdType.INDUSTRY_AVERAGE, False),
    ("generic dataset", EpdType.INDUSTRY_AVERAGE, False),
    ("template dataset", EpdType.UNKNOWN, True),
    ("something new", EpdType.UNKNOWN, True),
    (None, EpdType.UNKNOWN, False),
])
def test_subtype(subtype: str | None, expected: EpdType, review: bool) -> None:
    doc = dataset()
    entry = doc["modellingAndValidation"]["LCIMethodAndAllocation"]["other"]["anies"][0]
    if subtype is None:
        del entry["value"]
    else:
        entry["value"] = subtype
    epd_type = ilcd.read(doc).epd_type
    assert epd_type.value is expected
    assert epd_type.needs_review is review


def test_the_owner_of_a_generic_dataset_is_not_a_manufacturer() -> None:
    doc = dataset()
    doc["modellingAndValidation"]["LCIMethodAndAllocation"]["other"]["anies"][0]["value"] = "generic dataset"
    manufacturer = ilcd.read(doc).manufacturer
    assert manufacturer.value is None and manufacturer.evidence.text == "Test Beton A/S"


def test_a_missing_registration_number_is_a_fact_not_a_doubt() -> None:
    doc = dataset()
    del doc["administrativeInformation"]["publicationAndOwnership"]["registrationNumber"]
    number = ilcd.read(doc).registration_number
    assert number.value is None and not number.needs_review


@pytest.mark.parametrize(("name", "mpa", "review"), [
    ("Test concrete 35 MPa", 35.0, False),
    ("Test concrete C30/37", 30.0, False),
    ("Betonelement Væg C35 Passiv", 35.0, True),
    ("Test concrete", None, False),
])
def test_strength_is_read_from_the_name(name: str, mpa: float | None, review: bool) -> None:
    doc = dataset()
    doc["processInformation"]["dataSetInformation"]["name"]["baseName"] = [{"value": name, "lang": "en"}]
    strength = ilcd.read(doc).products[0].compressive_strength
    assert (strength.value.value if strength.value else None) == mpa
    assert strength.needs_review is review
    if mpa is not None:
        assert strength.evidence.note == "strength read from the name"


def test_no_strength_for_products_that_are_not_concrete() -> None:
    doc = dataset()
    doc["processInformation"]["dataSetInformation"]["name"]["baseName"] = [{"value": "Paint 35 MPa", "lang": "en"}]
    doc["processInformation"]["dataSetInformation"]["classificationInformation"]["classification"] = []
    doc["exchanges"]["exchange"][0]["referenceToFlowDataSet"]["shortDescription"] = []
    product = ilcd.read(doc).products[0]
    assert product.material.value is Material.OTHER and not product.material.needs_review
    assert product.compressive_strength.value is None


def test_a_name_in_another_language_naming_no_material_asks_for_review() -> None:
    doc = dataset()
    doc["processInformation"]["dataSetInformation"]["name"]["baseName"] = [{"value": "Massivholzplatte", "lang": "de"}]
    doc["processInformation"]["dataSetInformation"]["classificationInformation"]["classification"] = []
    doc["exchanges"]["exchange"][0]["referenceToFlowDataSet"]["shortDescription"] = []
    product = ilcd.read(doc).products[0]
    assert product.name.evidence.note == "no English text; the 'de' text is shown"
    assert product.material.value is Material.OTHER and product.material.needs_review


def test_a_dataset_without_process_information_is_unreadable() -> None:
    with pytest.raises(UnreadableEpd) as caught:
        ilcd.read({"LCIAResults": {}})
    assert caught.value.where == "$.processInformation"


# --- XML --------------------------------------------------------------------------------------------------------


def test_xml_is_read_through_read_epd_with_xpath_evidence() -> None:
    epd = read_epd((DATA / "specific_concrete_split.xml").read_bytes())
    assert epd.format == "ilcd"
    product = epd.products[0]
    gwp = product.gwp_a1a3
    assert gwp.known and gwp.value is not None
    assert (gwp.value.value, gwp.value.per_unit, gwp.value.modules, gwp.value.indicator) == (
        265.0, "m3", "A1+A2+A3", "GWP-total")
    assert gwp.evidence.path == "/processDataSet/LCIAResults/LCIAResult[2]/common:other"
    assert product.declared_unit.value == Quantity(1.0, "m3")
    assert product.mass_per_declared_unit_kg.value == 2400.0
    assert product.compressive_strength.value is not None and product.compressive_strength.value.value == 30.0
    assert product.name.value == "Test ready-mix concrete C30/37"
    assert epd.registration_number.value == "NEPD-0000-0000-TEST"
    assert epd.registration_number.evidence.path == (
        "/processDataSet/administrativeInformation/publicationAndOwnership/common:registrationNumber")
    assert epd.program_operator.value == "EPD Norway"
    assert epd.issued.value == dt.date(2025, 3, 1)
    assert epd.valid_until.value == dt.date(2030, 12, 31)
    assert epd.epd_type.value is EpdType.PRODUCT_SPECIFIC
    assert epd.third_party_verified.value is True


def test_plain_ilcd_xml_without_the_flow_unit_asks_for_the_declared_unit() -> None:
    epd = ilcd.read_xml((DATA / "plain_ilcd_a1.xml").read_bytes())
    product = epd.products[0]
    assert product.declared_unit.value is None and product.declared_unit.review is not None
    gwp = product.gwp_a1a3
    assert gwp.value is None and gwp.review is not None and "2.5 kg CO2e per declared unit" in gwp.review
    assert gwp.evidence.path == "/processDataSet/LCIAResults/LCIAResult/common:other/epd:amount[1]"
    assert product.material.value is Material.STEEL  # 'Stahlblech'
    assert epd.epd_type.value is EpdType.INDUSTRY_AVERAGE
    assert epd.registration_number.value is None and not epd.registration_number.needs_review


def test_xml_and_json_share_one_mapping() -> None:
    from_xml = ilcd.read_xml((DATA / "specific_concrete_split.xml").read_bytes())
    doc = dataset()
    set_gwp_modules(doc, ("A1", "250.5"), ("A2", "10.25"), ("A3", "4.25"))
    from_json = ilcd.read(doc)
    assert from_xml.products[0].gwp_a1a3.value == from_json.products[0].gwp_a1a3.value
    assert from_xml.epd_type.value == from_json.epd_type.value


def test_xml_entities_are_refused() -> None:
    with pytest.raises(UnreadableEpd) as caught:
        read_epd((DATA / "entities.xml").read_bytes())
    assert caught.value.message.startswith("The XML declares entities")
    assert "refused" in caught.value.message


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(UnreadableEpd) as caught:
        ilcd.read_xml(b"<processDataSet>\n  <processInformation>\n</processDataSet>")
    assert caught.value.where is not None and caught.value.where.startswith("line 3")


def test_xml_that_is_not_a_process_dataset_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat):
        ilcd.read_xml(b'<flowDataSet xmlns="http://lca.jrc.it/ILCD/Flow"/>')


# --- the corpus -------------------------------------------------------------------------------------------------

# file stem: (GWP value or None, per_unit, modules, indicator, review substring or None), verified by reading the files
CORPUS_EXPECTED: dict[str, tuple[float | None, str | None, str | None, str | None, str | None]] = {
    "00c28f1f-1d49-4c81-9208-138922a1dd6c": (5.75046217471126, "item", "A1-A3", "GWP", None),
    "0aa8b645-02d9-41b4-8aa3-70335af2a9e7": (268.594529005012, "m3", "A1+A2+A3", "GWP-total", None),
    "0b488798-140f-4efa-96e2-55aa46ed129a": (0.865769384309081, "kg", "A1-A3", "GWP", None),
    "0cb92770-9007-48c6-bc03-466af8894419": (1.93153238620983, "kg", "A1-A3", "GWP-total", None),
    "0e80e6e7-6882-47be-8bd8-5cd869a746d9": (16.31622174, "m2", "A1+A2+A3", "GWP", None),
    "0e85f255-4d11-4973-9daa-c03889948351": (21.8, "m2", "A1-A3", "GWP-total", None),
    "503dfca1-7c65-4179-9ffa-ebc6d8b48b7d": (None, None, None, None, "implausible for concrete"),
    "f63ac879-fa7d-4f91-813e-e816cbdf1927": (-647.4201396839651, "m3", "A1-A3", "GWP", None),
}


@needs_corpus
def test_the_corpus_holds_the_files_expected() -> None:
    assert {p.stem for p in (CORPUS / "ilcd").glob("*.json")} == set(CORPUS_EXPECTED)


@needs_corpus
@pytest.mark.parametrize("stem", sorted(CORPUS_EXPECTED))
def test_corpus_file(stem: str) -> None:
    doc = json.loads((CORPUS / "ilcd" / f"{stem}.json").read_text(encoding="utf-8"))
    assert ilcd.claims(doc)
    gwp = ilcd.read(doc).products[0].gwp_a1a3
    value, per_unit, modules, indicator, review = CORPUS_EXPECTED[stem]
    if review is None:
        assert gwp.known and gwp.value is not None
        assert gwp.value.value == pytest.approx(value, rel=1e-9)
        assert (gwp.value.per_unit, gwp.value.modules, gwp.value.indicator) == (per_unit, modules, indicator)
    else:
        assert gwp.value is None and gwp.review is not None and review in gwp.review


@needs_corpus
def test_corpus_precast_wall_offers_per_tonne_first() -> None:
    doc = json.loads((CORPUS / "ilcd" / "503dfca1-7c65-4179-9ffa-ebc6d8b48b7d.json").read_text(encoding="utf-8"))
    epd = ilcd.read(doc)
    first = epd.products[0].gwp_a1a3.candidates[0].value
    assert (first.value, first.per_unit, first.modules) == (pytest.approx(179.137536677058), "t", "A1+A2+A3")
    assert epd.epd_type.value is EpdType.UNKNOWN  # no subType: no guess
    assert epd.valid_until.value == dt.date(2029, 3, 16)


@needs_corpus
def test_corpus_danish_concrete_has_its_strength_and_number() -> None:
    doc = json.loads((CORPUS / "ilcd" / "0aa8b645-02d9-41b4-8aa3-70335af2a9e7.json").read_text(encoding="utf-8"))
    epd = ilcd.read(doc)
    product = epd.products[0]
    assert product.material.value is Material.CONCRETE
    assert product.compressive_strength.value is not None and product.compressive_strength.value.value == 35.0
    assert epd.registration_number.value == "NEPD-4945-3957-DK"
    assert epd.program_operator.value == "EPD Norway"
    assert epd.epd_type.value is EpdType.PRODUCT_SPECIFIC


@needs_corpus
def test_corpus_paving_blocks_ignore_the_odd_density() -> None:
    doc = json.loads((CORPUS / "ilcd" / "0e85f255-4d11-4973-9daa-c03889948351.json").read_text(encoding="utf-8"))
    product = ilcd.read(doc).products[0]
    assert product.mass_per_declared_unit_kg.value == 179.0
    assert any("gross density 2.4" in note for note in product.notes)
