"""EN ISO 22057 reader: a synthetic fixture, then both ISO 22057 files of the shared corpus."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from buyclean.core.model import EpdType, Material, Quantity
from buyclean.core.readers import ilcd, iso22057

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data" / "iso22057"
needs_corpus = pytest.mark.skipif(not (CORPUS / "iso22057").exists(), reason="the shared EPD corpus is absent")


def document() -> dict[str, Any]:
    """A fresh copy of the synthetic document: a block declared per 1000 kg, GWP-total A1, A2, A3 only."""
    doc: dict[str, Any] = json.loads((DATA / "block_per_tonne.json").read_text(encoding="utf-8"))
    return doc


def set_item(doc: dict[str, Any], name: str, value: str | None) -> None:
    for scenario in doc["subScenarios"]:
        for item in scenario["subScenarioItems"]:
            if item["name"] == name:
                item["value"] = value
                return
    raise KeyError(name)


def test_claims_iso22057_and_nothing_else() -> None:
    assert iso22057.claims(document())
    assert not ilcd.claims(document())
    for other in ({"impacts": {}, "doctype": "openEPD"}, {"gwp": "1 kgCO2e", "category": {}},
                  {"buyclean_epd": "1.0"}, {"processInformation": {}, "LCIAResults": {}},
                  {"subScenarios": [], "subIndicators": []}, {"subScenarios": [{"subScenarioItems": []}]}):
        assert not iso22057.claims(other)


def test_sums_split_gwp_total_and_never_takes_fossil() -> None:
    gwp = iso22057.read(document()).products[0].gwp_a1a3
    assert gwp.known and gwp.value is not None
    assert gwp.value.value == pytest.approx(102.875)  # 92.5 + 3.25 + 7.125; fossil would be 105
    assert (gwp.value.per_unit, gwp.value.modules, gwp.value.indicator, gwp.value.method) == (
        "t", "A1+A2+A3", "GWP-total", "EN 15804+A2")
    assert gwp.evidence.path == "$.subIndicators[1].subIndicatorItems[1].values"
    assert gwp.evidence.note is not None and "summed A1+A2+A3" in gwp.evidence.note


def test_falls_back_on_the_a1_gwp_without_gwp_total() -> None:
    doc = document()
    del doc["subIndicators"][1]["subIndicatorItems"][1]
    gwp = iso22057.read(doc).products[0].gwp_a1a3
    assert gwp.value is not None
    assert (gwp.value.value, gwp.value.indicator, gwp.value.method) == (100.0, "GWP", "EN 15804+A1")


def test_only_fossil_is_not_a_result() -> None:
    doc = document()
    del doc["subIndicators"][1]["subIndicatorItems"][1]
    del doc["subIndicators"][0]
    gwp = iso22057.read(doc).products[0].gwp_a1a3
    assert gwp.value is None and gwp.review is not None


def test_a_gwp_unit_that_is_not_kg_co2_asks_for_review() -> None:
    doc = document()
    for value in doc["subIndicators"][1]["subIndicatorItems"][1]["values"]:
        value["unit"] = "t CO2 -eq"
    gwp = iso22057.read(doc).products[0].gwp_a1a3
    assert gwp.value is not None and gwp.review is not None and "t CO2 -eq" in gwp.review


# --- dates ------------------------------------------------------------------------------------------------------


def test_an_unambiguous_us_date_sets_the_order_for_the_others() -> None:
    epd = iso22057.read(document())
    assert epd.valid_until.value == dt.date(2027, 4, 19) and epd.valid_until.known
    assert epd.issued.value == dt.date(2022, 7, 1) and epd.issued.known  # '7/1/2022' read as M/D/Y
    assert epd.issued.evidence.note is not None and "data set valid until" in epd.issued.evidence.note


def test_an_ambiguous_date_gives_both_readings() -> None:
    doc = document()
    set_item(doc, "data set valid until", "4/11/2026 12:00:00 AM")
    valid = iso22057.read(doc).valid_until
    assert valid.value is None and valid.review is not None
    assert [c.value for c in valid.candidates] == [dt.date(2026, 4, 11), dt.date(2026, 11, 4)]


@pytest.mark.parametrize(("text", "expected"), [
    ("19/4/2026", dt.date(2026, 4, 19)),  # the first number cannot be a month
    ("12/12/2022 12:00:00 AM", dt.date(2022, 12, 12)),  # both readings agree
    ("2026-04-19", dt.date(2026, 4, 19)),
])
def test_dates_with_one_reading(text: str, expected: dt.date) -> None:
    doc = document()
    set_item(doc, "data set valid until", text)
    set_item(doc, "publication date of EPD", "")
    valid = iso22057.read(doc).valid_until
    assert valid.value == expected and valid.known


def test_an_unreadable_date_asks_for_review() -> None:
    doc = document()
    set_item(doc, "data set valid until", "next spring")
    assert iso22057.read(doc).valid_until.needs_review


# --- declared unit ----------------------------------------------------------------------------------------------


def test_the_mass_conversion_factor_is_the_declared_unit_when_the_text_agrees() -> None:
    product = iso22057.read(document()).products[0]
    assert product.declared_unit.value == Quantity(1000.0, "kg") and product.declared_unit.known
    assert product.declared_unit.evidence.note is not None and "'1 tonne'" in product.declared_unit.evidence.note
    assert product.mass_per_declared_unit_kg.value == 1000.0


def test_the_mass_conversion_factor_alone_asks_for_review() -> None:
    doc = document()
    set_item(doc, "main product components or materials - type", "")
    declared = iso22057.read(doc).products[0].declared_unit
    assert declared.value == Quantity(1000.0, "kg") and declared.needs_review
    assert iso22057.read(doc).products[0].gwp_a1a3.needs_review


def test_one_reference_quantity_is_the_declared_unit() -> None:
    doc = document()
    set_item(doc, "reference quantity (volume)", "1")
    product = iso22057.read(doc).products[0]
    assert product.declared_unit.value == Quantity(1.0, "m3") and product.declared_unit.known
    assert product.gwp_a1a3.value is not None and product.gwp_a1a3.value.per_unit == "m3"


def test_two_reference_quantities_give_two_readings() -> None:
    doc = document()
    set_item(doc, "reference quantity (volume)", "1")
    set_item(doc, "reference quantity (length)", "1")
    gwp = iso22057.read(doc).products[0].gwp_a1a3
    assert gwp.value is None and gwp.review is not None and "reference quantity (length)" in gwp.review
    assert {c.value.per_unit for c in gwp.candidates} == {"m", "m3"}


# --- the declaration --------------------------------------------------------------------------------------------


def test_the_operator_is_normalised_and_its_legal_name_kept() -> None:
    operator = iso22057.read(document()).program_operator
    assert operator.value == "EPD Norway"
    assert operator.evidence.text == "Næringslivets Stiftelse for miljødeklarasjoner"


def test_an_empty_registration_number_is_missing_without_review() -> None:
    doc = document()
    set_item(doc, "EPD registration number", "")
    set_item(doc, "reference to original EPD", None)
    number = iso22057.read(doc).registration_number
    assert number.value is None and not number.needs_review
    assert number.evidence.note == "the 'EPD registration number' field is empty"


def test_declaration_fields() -> None:
    epd = iso22057.read(document())
    assert epd.format == "iso22057"
    assert epd.registration_number.value == "NEPD-9999-0001"
    assert epd.manufacturer.value == "Test Blokk AS"
    assert epd.plants == ("Test plant",)
    assert epd.epd_type.value is EpdType.UNKNOWN and not epd.epd_type.needs_review
    assert epd.third_party_verified.value is None and epd.third_party_verified.needs_review
    assert epd.pcr.value == "NPCR Part A: test"
    assert epd.standards == ("EN 15804:2012+A2:2019",)
    assert epd.products[0].material.value is Material.OTHER


def test_a_name_in_another_language_naming_no_material_asks_for_review() -> None:
    doc = document()
    doc["subScenarios"][0]["subScenarioItems"].append({"guid": "x", "name": "language according to ISO 639-1",
                                                       "value": "no"})
    set_item(doc, "product name", "Isoblokk 30 cm")
    material = iso22057.read(doc).products[0].material
    assert material.value is Material.OTHER and material.needs_review


# --- the corpus -------------------------------------------------------------------------------------------------

# file: (GWP value or None, per_unit, modules, indicator, review substring or None), verified by reading the files
CORPUS_EXPECTED: dict[str, tuple[float | None, str | None, str | None, str | None, str | None]] = {
    "leca_isoblokk_LSX30_iso22057.json": (None, None, None, None, "reference quantity (volume)"),
    "massiv_betonelement_vaeg_iso22057.json": (108.85475936132, "t", "A1+A2+A3", "GWP-total", None),
}


@needs_corpus
def test_the_corpus_holds_the_files_expected() -> None:
    assert {p.name for p in (CORPUS / "iso22057").glob("*.json")} == set(CORPUS_EXPECTED)


@needs_corpus
@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_file(name: str) -> None:
    doc = json.loads((CORPUS / "iso22057" / name).read_text(encoding="utf-8"))
    assert iso22057.claims(doc) and not ilcd.claims(doc)
    gwp = iso22057.read(doc).products[0].gwp_a1a3
    value, per_unit, modules, indicator, review = CORPUS_EXPECTED[name]
    if review is None:
        assert gwp.known and gwp.value is not None
        assert gwp.value.value == pytest.approx(value, rel=1e-9)
        assert (gwp.value.per_unit, gwp.value.modules, gwp.value.indicator) == (per_unit, modules, indicator)
    else:
        assert gwp.value is None and gwp.review is not None and review in gwp.review



@needs_corpus
def test_corpus_leca_block_is_per_m_or_per_m3() -> None:
    doc = json.loads((CORPUS / "iso22057" / "leca_isoblokk_LSX30_iso22057.json").read_text(encoding="utf-8"))
    assert iso22057.claims(doc)
    epd = iso22057.read(doc)
    gwp = epd.products[0].gwp_a1a3
    assert gwp.value is None and gwp.review is not None and "reference quantity (length)" in gwp.review
    assert [(c.value.value, c.value.per_unit, c.value.modules, c.value.indicator) for c in gwp.candidates] == [
        (pytest.approx(213.255163377905), "m", "A1+A2+A3", "GWP-total"),
        (pytest.approx(213.255163377905), "m3", "A1+A2+A3", "GWP-total")]
    assert epd.products[0].mass_per_declared_unit_kg.value == 361.0
    assert epd.registration_number.value == "NEPD-2808-1506"
    assert epd.program_operator.value == "EPD Norway"
    assert epd.valid_until.value == dt.date(2026, 4, 19) and epd.valid_until.known
    assert epd.issued.value == dt.date(2022, 7, 1)


@needs_corpus
def test_corpus_precast_wall_is_per_tonne() -> None:
    doc = json.loads((CORPUS / "iso22057" / "massiv_betonelement_vaeg_iso22057.json").read_text(encoding="utf-8"))
    assert iso22057.claims(doc)
    epd = iso22057.read(doc)
    gwp = epd.products[0].gwp_a1a3
    assert gwp.known and gwp.value is not None
    assert gwp.value.value == pytest.approx(108.85475936132, rel=1e-9)
    assert (gwp.value.per_unit, gwp.value.modules, gwp.value.indicator) == ("t", "A1+A2+A3", "GWP-total")
    assert epd.products[0].material.value is Material.CONCRETE
    assert epd.registration_number.value is None and not epd.registration_number.needs_review
    assert epd.program_operator.value == "EPD Norway"
    assert epd.program_operator.evidence.text == "Næringslivets Stiftelse for miljødeklarasjoner"
    assert epd.valid_until.value is None and epd.valid_until.review is not None
    assert [c.value for c in epd.valid_until.candidates] == [dt.date(2026, 4, 11), dt.date(2026, 11, 4)]
    assert epd.issued.value == dt.date(2022, 12, 12)
