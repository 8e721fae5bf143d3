from __future__ import annotations

import pytest

from buyclean.core.classification import (
    Clue,
    classify_steel,
    high_early_words,
    lightweight_words,
    material_from_text,
    processed_glass_words,
    steel_from_text,
)
from buyclean.core.model import Evidence, Material, SteelProduct


@pytest.mark.parametrize(("text", "material"), [
    ("float glass 6 mm", Material.FLAT_GLASS), ("laminated glass", Material.FLAT_GLASS),
    ("panel reinforced with glass fibres", None), ("glass wool insulation", Material.INSULATION),
    ("ready mixed concrete 4000 psi", Material.CONCRETE), ("hot-mix asphalt", Material.ASPHALT),
    ("reinforcing bar", Material.STEEL),
])
def test_material_from_text(text: str, material: Material | None) -> None:
    assert material_from_text(text) == material


@pytest.mark.parametrize(("text", "product"), [
    # issue 15: sheet, coil and decking are not cold-formed framing, galvanized or not
    ("Galvanized steel sheet coil", SteelProduct.SHEET), ("galvanized deck", SteelProduct.SHEET),
    ("Cold-formed steel deck", SteelProduct.SHEET), ("Composite Steel Floor Deck (galvanized)", SteelProduct.SHEET),
    ("Cold-Rolled Coil", SteelProduct.SHEET), ("Cold-formed steel studs and track", SteelProduct.COLD_FORMED),
    ("Light-Gauge Steel Framing (galvanized)", SteelProduct.COLD_FORMED), ("Galvanized steel", None),
    ("Reinforcing bar", SteelProduct.REBAR), ("HSS tubing", SteelProduct.HSS),
])
def test_steel_from_text(text: str, product: SteelProduct | None) -> None:
    found = steel_from_text(text)
    assert (found.product if found else None) is product


def test_a_sheet_named_product_under_the_cold_formed_category_is_sheet() -> None:
    clue = Clue(("Galvanized steel sheet coil",), Evidence(path="$.name"))
    steel = classify_steel([Clue(("Steel >> ColdFormedSteel",), Evidence(path="$.category"), category_path=True),
                            clue], name=clue, description=Clue((None,), Evidence()), unnamed=Evidence(),
                           not_named="", fabricated=None, fabricated_at="$.fabricated", route=None)
    assert steel.value is not None and steel.value.product is SteelProduct.SHEET and steel.evidence.path == "$.name"


@pytest.mark.parametrize(("text", "processed"), [
    ("Tempered glass 6 mm", True), ("Laminated safety glass", True), ("Insulating glass unit", True), ("IGU", True),
    ("Low-E coated glass", True), ("SGG PLANICLEAR Magnetron Coated Glass", True), ("VSG 44.2", True),
    ("Openings >> Glazing >> InsulatingGlazingUnits", True),
    ("Openings >> Glazing >> GlassPanes >> ProcessedNonInsulatingGlassPanes", True),
    ("Clear float glass", False), ("Uncoated float glass", False),
    ("Openings >> Glazing >> GlassPanes >> FlatGlassPanes", False),
])
def test_processed_glass_words(text: str, processed: bool) -> None:
    assert (processed_glass_words(text) is not None) is processed


@pytest.mark.parametrize(("text", "found"), [
    ("Structural Lightweight Concrete", "Lightweight"), ("LWC 4000", "LWC"), ("Ready mix 4000 psi", None),
])
def test_lightweight_words(text: str, found: str | None) -> None:
    assert lightweight_words(text) == found


@pytest.mark.parametrize(("text", "found"), [
    ("4000 PSI HE mix", "HE"), ("High Early Strength 5000", "High Early"), ("Hi-Early 4000", "Hi-Early"),
    ("the mix he chose", None), ("Ready mix 4000", None),
])
def test_high_early_words(text: str, found: str | None) -> None:
    assert high_early_words(text) == found
