from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from buyclean.core.model import Epd, EpdType, Material, Product, Quantity, SteelProduct, SteelRoute
from buyclean.core.readers import ec3, openepd
from buyclean.errors import UnreadableEpd

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data" / "ec3"


def record(**fields: Any) -> dict[str, Any]:
    """A minimal EC3 record for ready-mix concrete; keyword arguments replace or (with None) null its fields."""
    doc: dict[str, Any] = {
        "open_xpd_uuid": "ec3synth",
        "name": "Test mix",
        "category": {"openepd": "Concrete >> ReadyMix", "display_name": "Ready Mix", "declared_unit": "1 m3"},
        "declared_unit": "1 m3",
        "gwp": "300 kgCO2e",
        "impacts": {},
        "mass_per_declared_unit": "2400 kg",
        "concrete_compressive_strength_28d": "4000 psi",
        "date_of_issue": "2024-01-01",
        "date_validity_ends": "2029-01-01",
        "declaration_type": "Product EPD",
        "third_party_verified": True,
        "program_operator": {"name": "Test PO"},
        "program_operator_fkey": "EPD-1",
        "manufacturer": {"name": "Test Co"},
    }
    doc.update(fields)
    return doc


def product(doc: dict[str, Any]) -> Product:
    epd = ec3.read(doc)
    assert len(epd.products) == 1
    return epd.products[0]


# --- synthetic records ---------------------------------------------------------------------------------------


def test_fixture_file_reads_every_field_with_evidence() -> None:
    epd = ec3.read(json.loads((DATA / "ready_mix_per_yd3.json").read_text(encoding="utf-8")))
    p = epd.products[0]
    assert epd.format == "ec3"
    assert p.gwp_a1a3.value is not None and p.gwp_a1a3.known
    assert (p.gwp_a1a3.value.value, p.gwp_a1a3.value.per_unit, p.gwp_a1a3.value.indicator) == (250.0, "yd3", "GWP")
    assert p.gwp_a1a3.value.modules == "A1-A3"
    assert (p.gwp_a1a3.evidence.path, p.gwp_a1a3.evidence.text) == ("$.gwp", "250 kgCO2e")
    assert p.declared_unit.value == Quantity(1.0, "yd3")
    assert p.material.value is Material.CONCRETE
    assert p.category.value == "Concrete >> ReadyMix" and p.category.known
    assert p.compressive_strength.value is not None and p.compressive_strength.value.psi == 4003.0
    assert p.mass_per_declared_unit_kg.value == 1835.0
    assert epd.registration_number.value == "TPO-EPD-0001"
    assert epd.program_operator.value == "Test Program Operator"
    assert epd.manufacturer.value == "Test Concrete Co"
    assert epd.plants == ("Test Plant 1",)
    assert epd.issued.value == dt.date(2024, 1, 15) and epd.valid_until.value == dt.date(2029, 1, 15)
    assert epd.epd_type.value is EpdType.PRODUCT_SPECIFIC
    assert epd.third_party_verified.value is True
    assert epd.pcr.value == "NSF PCR for Concrete (version 2.1)"


@pytest.mark.parametrize(("fields", "review"), [
    ({"gwp": None}, "no GWP"),
    ({"gwp": "lots kgCO2e"}, "not an amount"),
    ({"declared_unit": None}, "no declared unit"),
    ({"declared_unit": "2 mm"}, "not a unit buyclean can place"),
    ({"declared_unit": "1 ton", "mass_per_declared_unit": None}, "metric ton or a short ton"),
])
def test_gwp_that_cannot_be_placed_asks_for_review(fields: dict[str, Any], review: str) -> None:
    p = product(record(**fields))
    assert p.gwp_a1a3.value is None
    assert p.gwp_a1a3.review is not None and review in p.gwp_a1a3.review


def test_absent_keys_are_read_like_nulls() -> None:
    doc = record()
    del doc["gwp"], doc["declared_unit"]
    assert ec3.claims(doc)
    p = product(doc)
    assert p.gwp_a1a3.review is not None and p.declared_unit.review is not None


def test_missing_declared_unit_offers_the_category_default_only_as_a_candidate() -> None:
    p = product(record(declared_unit=None))
    assert p.declared_unit.value is None
    assert [c.value for c in p.declared_unit.candidates] == [Quantity(1.0, "m3")]


@pytest.mark.parametrize(("mass", "unit"), [("907.18474 kg", "short_ton"), ("1000 kg", "t")])
def test_ambiguous_ton_is_settled_by_the_mass(mass: str, unit: str) -> None:
    p = product(record(category={"openepd": "Asphalt"}, declared_unit="1 ton", gwp="60 kgCO2e",
                       mass_per_declared_unit=mass))
    assert p.gwp_a1a3.known and p.gwp_a1a3.value is not None
    assert (p.gwp_a1a3.value.value, p.gwp_a1a3.value.per_unit) == (60.0, unit)


def test_per_item_is_read_without_review() -> None:
    p = product(record(category={"openepd": "Openings >> Hardware"}, name="Window handle", declared_unit="1.0 item",
                       gwp="0.77 kgCO2e", mass_per_declared_unit=None))
    assert p.gwp_a1a3.known and p.gwp_a1a3.value is not None
    assert (p.gwp_a1a3.value.value, p.gwp_a1a3.value.per_unit) == (0.77, "item")


def test_1000_kg_is_reported_per_tonne() -> None:
    p = product(record(category={"openepd": "Steel >> RebarSteel"}, declared_unit="1000.0 kg", gwp="571 kgCO2e",
                       mass_per_declared_unit="1000 kg"))
    assert p.gwp_a1a3.value is not None and (p.gwp_a1a3.value.value, p.gwp_a1a3.value.per_unit) == (571.0, "t")
    assert p.steel.value is not None and p.steel.value.product is SteelProduct.REBAR


@pytest.mark.parametrize(("category", "declared", "gwp", "mass"), [
    ("ManufacturingInputs >> CementitiousMaterials >> Cement", "1 kg", "1580 kgCO2e", "1 kg"),
    ("Openings >> Glazing >> GlassPanes >> FlatGlassPanes", "1 m2", "0.22 kgCO2e", "0.0505 kg"),
    ("Concrete >> ReadyMix", "1 m3", "3.2 kgCO2e", "2400 kg"),
    ("Steel >> RebarSteel", "1 t", "12 kgCO2e", "1000 kg"),
])
def test_implausible_gwp_for_the_unit_keeps_the_value_and_asks_for_review(category: str, declared: str, gwp: str,
                                                                          mass: str) -> None:
    p = product(record(category={"openepd": category}, declared_unit=declared, gwp=gwp, mass_per_declared_unit=mass))
    assert p.gwp_a1a3.value is not None
    assert p.gwp_a1a3.review is not None and "outside the plausible range" in p.gwp_a1a3.review


def test_glass_declared_per_kg_is_plausible() -> None:
    p = product(record(category={"openepd": "Openings >> Glazing >> GlassPanes >> FlatGlassPanes"},
                       declared_unit="30 kg", gwp="36.9 kgCO2e", mass_per_declared_unit="30 kg"))
    assert p.material.value is Material.FLAT_GLASS
    assert p.gwp_a1a3.known and p.gwp_a1a3.value is not None
    assert p.gwp_a1a3.value.per_unit == "kg" and p.gwp_a1a3.value.value == pytest.approx(1.23)


def test_ec3s_own_restated_gwp_catches_a_unit_mismatch() -> None:
    # 300 per yd3 is 392.4 per m3, but EC3 restates 300 per m3: one of the two units is wrong
    p = product(record(declared_unit="1 yd3", gwp_per_category_declared_unit="300 kgCO2e"))
    assert p.gwp_a1a3.review is not None and "EC3 itself restates" in p.gwp_a1a3.review


def test_roofing_filed_under_asphalt_is_not_paving_asphalt() -> None:
    p = product(record(category={"openepd": "Asphalt"}, name="BUR Non-Modified Asphalt Roofing",
                       declared_unit="1 kg", gwp="1.83 kgCO2e", mass_per_declared_unit="1 kg"))
    assert p.material.value is Material.OTHER
    assert [c.value for c in p.material.candidates] == [Material.ASPHALT]
    assert p.gwp_a1a3.known


def test_paving_asphalt_stays_asphalt() -> None:
    p = product(record(category={"openepd": "Asphalt"}, name="HMA 12.5 mm", declared_unit="1 metric ton",
                       gwp="55.83 kgCO2e", mass_per_declared_unit="1000 kg"))
    assert p.material.value is Material.ASPHALT and p.material.known


def test_concrete_masonry_units_say_so_in_the_category() -> None:
    p = product(record(category={"openepd": "CMU", "display_name": "Concrete Unit Masonry"},
                       name="8x8x16 Splitface CMU", concrete_compressive_strength_28d="2000.0000000000002 psi"))
    assert p.material.value is Material.CONCRETE
    assert p.category.value == "Concrete >> CMU"
    assert any("not ready-mix" in note for note in p.notes)
    assert p.compressive_strength.value is not None and p.compressive_strength.value.value == 2000.0


def test_ready_mix_category_with_a_block_name_asks_for_review() -> None:
    p = product(record(name="Concrete block, 8 inch"))
    assert p.category.review is not None and "masonry" in p.category.review


def test_lightweight_density_in_normal_weight_ready_mix_asks_for_review() -> None:
    p = product(record(mass_per_declared_unit="1753.04 kg", lightweight=False))
    # on the lightweight marker (issue 15), which an officer's review decision settles
    assert p.lightweight.review is not None and "1753 kg/m3" in p.lightweight.review
    assert [c.value for c in p.lightweight.candidates] == [True, False]


def test_strength_only_at_3_days_asks_for_the_28_day_strength_and_high_early_status() -> None:
    p = product(record(concrete_compressive_strength_28d=None, concrete_compressive_strength_other="25.9 MPa",
                       concrete_compressive_strength_other_d=3))
    assert p.compressive_strength.value is None and p.compressive_strength.review is not None
    assert "28-day" in p.compressive_strength.review
    assert p.high_early_strength.value is None and [c.value for c in p.high_early_strength.candidates] == [True]


@pytest.mark.parametrize(("fkey", "value", "review"), [
    ("NRMCAEPD:10018", "NRMCAEPD:10018", None),
    ("44.130.299 v3 So\ufb05ware Version2.0.0", "44.130.299 v3", None),
    ("65a69595bd524f02bf7fc44b818616ec", None, "database identifier"),
    ("Mix 4000323", None, "mix name"),
    ("209.380.3464", None, "telephone number"),
    (None, None, None),
    ("", None, None),
])
def test_registration_number_is_cleaned_or_flagged(fkey: str | None, value: str | None, review: str | None) -> None:
    reg = ec3.read(record(program_operator_fkey=fkey)).registration_number
    assert reg.value == value
    if review is None:
        assert reg.review is None
    else:
        assert reg.review is not None and review in reg.review
        assert [c.value for c in reg.candidates] == [fkey]


def test_fabricated_name_with_unfabricated_field_asks_for_review() -> None:
    p = product(record(category={"openepd": "Steel >> RebarSteel"}, name="Fabricated rebar", declared_unit="1 t",
                       gwp="700 kgCO2e", mass_per_declared_unit="1000 kg", fabricated=False))
    assert p.steel.value is None
    assert p.steel.review is not None and "fabricated" in p.steel.review
    assert {c.value.fabricated for c in p.steel.candidates if c.value is not None} == {True, False}


def test_steel_without_a_product_type_asks_for_review_with_a_description_hint() -> None:
    p = product(record(category={"openepd": "Steel"}, name="STEEL BARS", declared_unit="1 t", gwp="571 kgCO2e",
                       mass_per_declared_unit="1000 kg", description="Weldable reinforcing steel for concrete in bars"))
    assert p.steel.value is None and p.steel.review is not None
    assert [c.value.product for c in p.steel.candidates if c.value is not None] == [SteelProduct.REBAR]


def hss(**fields: Any) -> dict[str, Any]:
    return record(category={"openepd": "Steel >> StructuralSteel >> HollowSections"}, name="HSS tubing",
                  declared_unit="1 t", gwp="1500 kgCO2e", mass_per_declared_unit="1000 kg", fabricated=False, **fields)


@pytest.mark.parametrize(("fields", "route"), [
    # the public EC3 export's flat booleans (issue 15), as well as the nested form
    ({"steel_making_route_eaf": True, "steel_making_route_bof": False, "steel_making_route_ohf": False},
     SteelRoute.EAF),
    ({"steel_making_route_eaf": False, "steel_making_route_bof": True}, SteelRoute.INTEGRATED),
    ({"steel_making_route_eaf": True, "steel_making_route_bof": True}, None),  # a blend is no row's route
    ({"steel_making_route_ohf": True}, None),  # open hearth has no row
    ({"making_route": {"eaf": True, "bof": False}}, SteelRoute.EAF),
    ({"making_route": {"eaf": True, "ohf": True}}, None),
    ({}, None),
])
def test_steelmaking_route_nested_or_flat(fields: dict[str, Any], route: SteelRoute | None) -> None:
    steel = product(hss(**fields)).steel.value
    assert steel is not None and steel.product is SteelProduct.HSS and steel.route is route


@pytest.mark.parametrize(("plant_specific", "kind"), [(True, EpdType.FACILITY_SPECIFIC),
                                                      (False, EpdType.PRODUCT_SPECIFIC),
                                                      (None, EpdType.PRODUCT_SPECIFIC)])
def test_plant_specific_makes_a_facility_specific_epd(plant_specific: bool | None, kind: EpdType) -> None:
    assert ec3.read(record(plant_specific=plant_specific)).epd_type.value is kind


@pytest.mark.parametrize("flag", [True, False, None])
def test_the_lightweight_flag_is_read(flag: bool | None) -> None:
    assert product(record(lightweight=flag)).lightweight.value is flag


def test_a_lightweight_flag_with_a_lightweight_density_is_read_without_review() -> None:
    p = product(record(mass_per_declared_unit="1700 kg", lightweight=True))
    assert p.lightweight.value is True and p.lightweight.review is None


def test_a_lightweight_density_without_a_flag_is_left_to_the_assessment() -> None:
    # no normal-weight flag to contradict: the assessment reads the density as lightweight concrete
    p = product(record(mass_per_declared_unit="1700 kg"))
    assert p.category.review is None and p.lightweight.review is None


def test_sentence_fragment_name_asks_for_review() -> None:
    assert product(record(name="and manufacturer represented")).name.review is not None


@pytest.mark.parametrize(("declaration_type", "expected"), [
    ("Product EPD", EpdType.PRODUCT_SPECIFIC), ("Industry EPD", EpdType.INDUSTRY_AVERAGE),
])
def test_declaration_type(declaration_type: str, expected: EpdType) -> None:
    assert ec3.read(record(declaration_type=declaration_type)).epd_type.value is expected


def test_not_an_epd_is_refused_with_where() -> None:
    with pytest.raises(UnreadableEpd) as info:
        ec3.read(record(not_an_epd=True))
    assert info.value.where == "$.not_an_epd"


@pytest.mark.parametrize(("doc", "expected"), [
    (record(), True),
    ({"gwp": "1 kgCO2e", "declared_unit": "1 m3"}, False),  # no category object
    (record(declared_unit={"qty": 1, "unit": "m3"}), False),  # openEPD-style declared unit
    (record(doctype="openEPD"), False),
    ({"processInformation": {}, "LCIAResults": {}, "category": {}, "gwp": None}, False),
    ({"buyclean_epd": "1", "category": {}, "gwp": None}, False),
    ({"category": {"openepd": "Steel"}}, False),  # nothing EC3-specific
])
def test_claims(doc: dict[str, Any], expected: bool) -> None:
    assert ec3.claims(doc) is expected


def test_openepd_does_not_claim_ec3_records() -> None:
    assert not openepd.claims(record())
    assert not openepd.claims(json.loads((DATA / "ready_mix_per_yd3.json").read_text(encoding="utf-8")))


# --- the real corpus -------------------------------------------------------------------------------------------

# file -> (GWP value, per unit, material) when the record reads cleanly, or a review substring for the GWP.
# Values checked by hand against each record's gwp / declared_unit / category.
EXPECTED: dict[str, tuple[float, str, Material] | str] = {
    "DE_Flat_Glass_Panes_0285f1422c6740618801e16d4c79893c.json": (1.23, "kg", Material.FLAT_GLASS),
    "DE_Flat_Glass_Panes_078163040e864288b2d6d8afbc9ad2fd.json": (1.16, "kg", Material.FLAT_GLASS),
    "DE_Flat_Glass_Panes_0815799e1f954fb19c8d29868ec8dc4a.json": "outside the plausible range for flat glass",
    "DE_Flat_Glass_Panes_08f77417fcc84698acd6361dd36b908c.json": (1.48, "kg", Material.FLAT_GLASS),
    "GB_Cement_01cf14bce391430fbbda477eed5757f7.json": "outside the plausible range",
    "GB_Cement_01dd687959744940aa72d6e665b4f077.json": "declared unit is unknown",
    "GB_Steel_00973aebc9a14eca8db377bc703ae3ea.json": (0.769897912, "item", Material.STEEL),
    "GB_Steel_0161b49b25ee4e11a891acf48ff92d57.json": (571.0, "t", Material.STEEL),
    "GB_Steel_04803439dcf04e6682c2102ffaf12f57.json": "has no GWP",
    "GB_Steel_048c62b2725f41858d4786f067180a25.json": (26.7, "m2", Material.STEEL),
    "GB_Steel_0e8fd90308c748c6a944dce15ac14fe2.json": (2430.0, "t", Material.STEEL),
    "GB_Steel_1bae3c9cf8cd4559a182ae3989224f85.json": "'2 mm'",
    "US_Asphalt_ec300sgk.json": (55.83, "t", Material.ASPHALT),
    "US_Asphalt_ec3262n0.json": (58.7, "short_ton", Material.ASPHALT),
    "US_Asphalt_ec34jm0y.json": (73.99, "t", Material.ASPHALT),
    "US_Asphalt_ec37y3j3.json": "has no GWP",
    "US_Asphalt_ec3k6x1t.json": (1.83, "kg", Material.OTHER),
    "US_Concrete_Unit_Masonry_ec30edpe.json": (292.0, "m3", Material.CONCRETE),
    "US_Concrete_Unit_Masonry_ec38a4nd.json": (287.0, "yd3", Material.CONCRETE),
    "US_Ready_Mix_ec300wbg.json": (272.0, "m3", Material.CONCRETE),
    "US_Ready_Mix_ec301j4z.json": (397.2, "m3", Material.CONCRETE),
    "US_Ready_Mix_ec301mxj.json": (385.0, "m3", Material.CONCRETE),
    "US_Ready_Mix_ec305e3u.json": (386.01227, "m3", Material.CONCRETE),
    "US_Ready_Mix_ec30dgu7.json": (248.2150254, "m3", Material.CONCRETE),
    "US_Ready_Mix_ec30eq7j.json": (405.0, "m3", Material.CONCRETE),
    "US_Ready_Mix_ec30s5hh.json": (263.81, "m3", Material.CONCRETE),
    "US_Ready_Mix_ec30szyq.json": (264.29, "yd3", Material.CONCRETE),
}

needs_corpus = pytest.mark.skipif(not (CORPUS / "ec3").exists(), reason="the shared EPD corpus is absent")


def read_corpus(name: str) -> Epd:
    doc = json.loads((CORPUS / "ec3" / name).read_text(encoding="utf-8"))
    assert ec3.claims(doc) and not openepd.claims(doc)
    return ec3.read(doc)


@needs_corpus
@pytest.mark.corpus
def test_every_corpus_record_is_listed() -> None:
    assert sorted(p.name for p in (CORPUS / "ec3").glob("*.json")) == sorted(EXPECTED)


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_record(name: str) -> None:
    gwp = read_corpus(name).products[0].gwp_a1a3
    expected = EXPECTED[name]
    if isinstance(expected, str):
        assert gwp.review is not None and expected in gwp.review
        return
    value, per, material = expected
    assert gwp.known and gwp.value is not None, gwp.review
    assert gwp.value.value == pytest.approx(value) and gwp.value.per_unit == per
    assert gwp.evidence.path == "$.gwp"
    assert read_corpus(name).products[0].material.value is material


# Per-file traps from the corpus README, each checked where it lands.
@needs_corpus
@pytest.mark.corpus
def test_corpus_traps() -> None:
    def p(name: str) -> Product:
        return read_corpus(name).products[0]

    assert p("DE_Flat_Glass_Panes_0815799e1f954fb19c8d29868ec8dc4a.json").name.review is not None
    assert p("US_Asphalt_ec37y3j3.json").declared_unit.value == Quantity(1.0, "short_ton")
    assert p("US_Asphalt_ec3k6x1t.json").material.candidates[0].value is Material.ASPHALT
    assert p("GB_Cement_01cf14bce391430fbbda477eed5757f7.json").material.value is Material.OTHER
    assert p("US_Concrete_Unit_Masonry_ec30edpe.json").category.value == "Concrete >> CMU"
    cmu_strength = p("US_Concrete_Unit_Masonry_ec38a4nd.json").compressive_strength.value
    assert cmu_strength is not None and cmu_strength.psi == 2000.0
    assert p("US_Ready_Mix_ec305e3u.json").lightweight.review is not None  # 1753 kg/m3 with lightweight: false
    assert p("US_Ready_Mix_ec301mxj.json").compressive_strength.review is not None  # only a 3-day strength
    strength = p("US_Ready_Mix_ec30eq7j.json").compressive_strength.value
    assert strength is not None and strength.psi == 5000.0
    assert read_corpus("US_Asphalt_ec34jm0y.json").registration_number.value == "44.130.299 v3"
    assert read_corpus("US_Ready_Mix_ec30eq7j.json").registration_number.review is not None
    assert read_corpus("US_Ready_Mix_ec301mxj.json").registration_number.review is not None
    assert read_corpus("US_Ready_Mix_ec300wbg.json").valid_until.value == dt.date(2018, 9, 15)
