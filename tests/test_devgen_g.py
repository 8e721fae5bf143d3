"""Fast checks of the devgen_g generator itself (not of any reader)."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pypdfium2
import pytest

from tests.devgen_g import generate
from tests.devgen_g.common import SHORT_TON_PER_T, YD3_PER_M3, all_date_variants, parse_num

SEEDS = list(range(24))
TOP_KEYS = {"seed", "description", "program_operator", "registration_number", "manufacturer", "plant", "issued",
            "valid_until", "epd_type", "pcr", "third_party_verified", "methods", "page_count", "products"}
PRODUCT_KEYS = {"name", "material", "gwp_a1a3", "declared_unit", "gwp_by_unit", "modules", "gwp_method",
                "strength_psi", "strength_age_days", "lightweight", "high_early_strength", "steel_product",
                "fabricated", "route", "glass_processed", "description", "page", "gwp_printed"}
UNITS = {"m3", "yd3", "t", "short_ton", "m2", "kg"}
RANGES = {"concrete": {"m3": (150, 550)}, "steel": {"t": (500, 2600)}, "asphalt": {"short_ton": (40, 120)},
          "flat_glass": {"t": (1200, 1800), "m2": (8, 50)}, "cement": {"t": (800, 1000)}}


@functools.cache
def doc(seed: int):
    return generate(seed)


@functools.cache
def page_texts(seed: int) -> list[str]:
    pdf = pypdfium2.PdfDocument(doc(seed).pdf)
    return [re.sub(r"\s+", " ", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]


def test_deterministic_per_seed() -> None:
    for seed in (3, 11):
        again = generate(seed)
        assert again.expected == doc(seed).expected
        assert again.html == doc(seed).html


@pytest.mark.parametrize("seed", SEEDS)
def test_schema(seed: int) -> None:
    e = doc(seed).expected
    assert set(e) == TOP_KEYS
    assert e["seed"] == seed
    assert e["epd_type"] in {"product_specific", "facility_specific", "company_average", "industry_average",
                             "product_group_average"}
    assert e["methods"] and e["methods"][0].startswith("TRACI")
    assert 1 <= e["page_count"] <= 14
    names = [p["name"] for p in e["products"]]
    assert len(names) == len(set(names))
    for p in e["products"]:
        assert set(p) == PRODUCT_KEYS
        assert p["declared_unit"] in UNITS and set(p["gwp_by_unit"]) <= UNITS
        assert p["gwp_a1a3"] == p["gwp_by_unit"][p["declared_unit"]]
        assert p["modules"] and p["gwp_method"] in e["methods"]
        if p["material"] != "steel":
            assert p["steel_product"] is None and p["fabricated"] is None and p["route"] is None
        if p["material"] != "concrete":
            assert p["strength_psi"] is None


@pytest.mark.parametrize("seed", SEEDS)
def test_pages_and_printed_values(seed: int) -> None:
    d = doc(seed)
    texts = page_texts(seed)
    assert d.expected["page_count"] == len(texts)
    for p in d.expected["products"]:
        assert 1 <= p["page"] <= len(texts)
        parts = p["gwp_printed"].split(" + ")
        for part in parts:
            assert re.search(rf"(?<![\d.,]){re.escape(part)}(?![\d])", texts[p["page"] - 1]), (p["name"], part)
        total = sum(parse_num(x) for x in parts)
        assert p["gwp_a1a3"] == pytest.approx(total, rel=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_dates_and_units(seed: int) -> None:
    e = doc(seed).expected
    text = " ".join(page_texts(seed))
    issued, valid = dt.date.fromisoformat(e["issued"]), dt.date.fromisoformat(e["valid_until"])
    assert valid > issued
    assert any(v in text for v in all_date_variants(issued))
    assert any(v in text for v in all_date_variants(valid)) or re.search(r"5 years|Five \(5\) years", text, re.I)
    assert e["registration_number"] in text and e["manufacturer"] in text
    for p in e["products"]:
        by = p["gwp_by_unit"]
        if "m3" in by and "yd3" in by:
            assert by["yd3"] == pytest.approx(by["m3"] * YD3_PER_M3, rel=0.03)
        if "t" in by and "short_ton" in by:
            assert by["short_ton"] == pytest.approx(by["t"] * SHORT_TON_PER_T, rel=0.03)
        for unit, (lo, hi) in RANGES[p["material"]].items():
            if unit in by:
                assert lo <= by[unit] <= hi * 1.01, (p["name"], unit, by[unit])


def test_many_products_share() -> None:
    big = sum(len(doc(s).expected["products"]) >= 15 for s in SEEDS)
    assert big >= 0.2 * len(SEEDS)
