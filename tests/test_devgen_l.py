"""Self-tests of the devgen_l generator: deterministic bytes, the expected schema, and values that are printed."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

import pypdfium2
import pytest

from tests.devgen_l import KEYS, PRODUCT_KEYS, generate

SEEDS = range(30)
MATERIALS = {"concrete", "steel", "asphalt", "flat_glass", "cement"}
UNITS = {"m3", "yd3", "t", "short_ton", "m2", "kg"}
EPD_TYPES = {"product_specific", "facility_specific", "company_average", "industry_average", "product_group_average"}
STEEL = {None, "rebar", "hss", "hot_rolled", "cold_formed", "plate", "merchant_bar", "sheet", "other"}
RANGES = {"concrete": {"m3": (150, 550), "yd3": (150 * 0.764555, 550 * 0.764555)},
          "steel": {"t": (400, 2900), "short_ton": (400 * 0.907185, 2900 * 0.907185)},
          "asphalt": {"short_ton": (40, 120), "t": (40 / 0.907185, 120 / 0.907185)},
          "flat_glass": {"m2": (8, 40), "t": (900, 2000)}}


@functools.cache
def _generated(seed: int) -> Any:
    return generate(seed)


@functools.cache
def _pages(seed: int) -> list[str]:
    doc = pypdfium2.PdfDocument(_generated(seed).pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def test_same_seed_same_bytes() -> None:
    for seed in (3, 8):
        again = generate(seed)
        assert again.pdf == _generated(seed).pdf
        assert again.expected == _generated(seed).expected


def test_seeds_differ() -> None:
    assert len({_generated(s).expected["description"] for s in SEEDS}) > 20


@pytest.mark.parametrize("seed", SEEDS)
def test_schema(seed: int) -> None:
    expected = _generated(seed).expected
    assert list(expected) == KEYS
    assert expected["seed"] == seed
    assert "\n" not in expected["description"]
    assert expected["epd_type"] in EPD_TYPES
    assert isinstance(expected["third_party_verified"], bool)
    assert dt.date.fromisoformat(expected["valid_until"]) > dt.date.fromisoformat(expected["issued"])
    assert expected["methods"] and expected["methods"][0].startswith("TRACI")
    assert expected["products"]
    names = [want["name"] for want in expected["products"]]
    assert len(set(names)) == len(names), "products are told apart by name"
    for want in expected["products"]:
        assert list(want) == PRODUCT_KEYS
        assert want["material"] in MATERIALS
        assert want["declared_unit"] in UNITS
        assert set(want["gwp_by_unit"]) <= UNITS
        assert want["gwp_by_unit"][want["declared_unit"]] == pytest.approx(want["gwp_a1a3"])
        assert want["steel_product"] in STEEL
        assert want["route"] in (None, "eaf", "integrated")
        assert want["fabricated"] in (None, True, False)
        assert want["glass_processed"] in (None, True, False)
        assert want["strength_age_days"] in (28, 56, 90)
        assert want["gwp_method"] == expected["methods"][0]
        assert want["modules"] == ["A1", "A2", "A3"]
        for unit, value in want["gwp_by_unit"].items():
            low, high = RANGES[want["material"]][unit]
            assert low * 0.98 <= value <= high * 1.02, (want["name"], unit, value)
        if want["material"] != "steel":
            assert want["steel_product"] is None and want["fabricated"] is None and want["route"] is None
        else:
            assert want["steel_product"] is not None
        if want["material"] != "concrete":
            assert want["strength_psi"] is None
        if want["material"] == "flat_glass":
            assert want["glass_processed"] is not None


@pytest.mark.parametrize("seed", SEEDS)
def test_printed(seed: int) -> None:
    expected = _generated(seed).expected
    pages = _pages(seed)
    assert len(pages) == expected["page_count"]
    text = "\n".join(pages)
    squeezed = re.sub(r"\s+", " ", text)
    for want in expected["products"]:
        page = pages[want["page"] - 1]
        # a GWP summed from A1, A2 and A3 prints as its three parts
        for part in want["gwp_printed"].split(" + "):
            assert part in page, (want["name"], part, want["page"])
        if " + " not in want["gwp_printed"]:
            printed = want["gwp_printed"]
            value = float(printed.replace(",", ".")) if "E" in printed else float(printed.replace(",", ""))
            assert value == pytest.approx(want["gwp_a1a3"])
        else:
            parts = [float(p.replace(",", "")) for p in want["gwp_printed"].split(" + ")]
            assert sum(parts) == pytest.approx(want["gwp_a1a3"])
        # a name in a wrapped head cell comes out line by line, between its neighbours' lines
        assert _words(want["name"]) <= _words(squeezed), want["name"]
        if want["description"]:
            assert _words(want["description"]) <= _words(squeezed), want["description"]
        if want["strength_psi"] is not None:
            assert _strength_forms(want["strength_psi"]) & set(re.findall(r"\d[\d,]*(?:\.\d+)?", text))


def _words(text: str) -> set[str]:
    """Words split at spaces and hyphens: a wrapped head cell may break '56-Day' after its hyphen."""
    return set(re.findall(r"[^\s-]+", text))


def _strength_forms(psi: float) -> set[str]:
    mpa = psi / 145.038
    return {f"{psi:.0f}", f"{psi:,.0f}", f"{mpa:.1f}", f"{mpa:.0f}"}


def test_unprinted_strength_is_null() -> None:
    """A mix whose row prints no strength has none expected: no psi, MPa or name states it."""
    seen = 0
    for seed in SEEDS:
        expected = _generated(seed).expected
        for want in expected["products"]:
            if want["material"] == "concrete" and want["strength_psi"] is None:
                seen += 1
                assert not re.search(r"\d+ ?PSI", want["name"], re.I)
                assert not re.search(r"\d+ ?PSI", want["description"] or "", re.I)
    assert seen


def test_variety() -> None:
    """Thirty seeds cover the materials, both tools and several concrete layouts and strength forms."""
    described = " ".join(_generated(s).expected["description"] for s in SEEDS)
    for word in ("concrete/rows", "concrete/sheets", "steel/", "weasyprint", "fpdf2", "reportlab", "asphalt/"):
        assert word in described
    assert len({re.search(r"concrete/\w+/(\w+)", d).group(1) for d in described.split("; ")
                if re.search(r"concrete/\w+/(\w+)", d)}) >= 4
