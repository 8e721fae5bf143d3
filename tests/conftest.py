"""Shared fixtures: the corpus location, loaded rule sets, and builders for products and EPDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from buyclean.model import (
    Epd,
    EpdType,
    Evidence,
    Extracted,
    Gwp,
    Material,
    Product,
    Quantity,
    SteelType,
    Strength,
)
from buyclean.rules import RuleSet, load_rulesets

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="the shared EPD corpus (../shared/corpus) is absent")


@pytest.fixture(scope="session")
def rulesets() -> dict[str, RuleSet]:
    return load_rulesets()


def known(value: Any, path: str = "$.test") -> Extracted[Any]:
    return Extracted(value, Evidence(path=path))


def make_product(*, material: Material = Material.CONCRETE, gwp: float = 300.0, per: str = "m3",
                 strength: Strength | None = None, steel: SteelType | None = None, name: str = "Test product",
                 category: str | None = None, high_early: bool | None = None, gwp_review: str | None = None,
                 mass_kg: float | None = None) -> Product:
    """A product whose every value is known unless told otherwise."""
    return Product(
        name=known(name), material=known(material), declared_unit=known(Quantity(1.0, per)),
        gwp_a1a3=Extracted(Gwp(gwp, per, "GWP-total"), Evidence(path="$.gwp"), review=gwp_review),
        category=known(category) if category else Extracted(None),
        compressive_strength=known(strength) if strength else Extracted(None),
        high_early_strength=known(high_early) if high_early is not None else Extracted(None),
        steel=known(steel) if steel else Extracted(None),
        mass_per_declared_unit_kg=known(mass_kg) if mass_kg is not None else Extracted(None),
    )


def make_epd(*products: Product, valid_until: dt.date | None = dt.date(2030, 1, 1),
             issued: dt.date | None = dt.date(2024, 1, 1), epd_type: EpdType | None = EpdType.PRODUCT_SPECIFIC,
             verified: bool | None = True) -> Epd:
    return Epd(format="buyclean", products=products, registration_number=known("EPD-1"),
               valid_until=known(valid_until) if valid_until else Extracted(None),
               issued=known(issued) if issued else Extracted(None),
               epd_type=known(epd_type) if epd_type else Extracted(None),
               third_party_verified=known(verified) if verified is not None else Extracted(None))


def psi(value: float) -> Strength:
    return Strength(value, "psi", value)


def mpa(value: float) -> Strength:
    return Strength(value, "MPa", round(value * 145.0377, 1))
