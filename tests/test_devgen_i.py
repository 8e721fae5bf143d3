"""Self-tests of the devgen_i generator of synthetic North American EPD PDFs (not tests of the reader)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import time

import pypdfium2 as pdfium
import pytest

from tests.devgen_i import generate

SEEDS = range(60)
TOP_KEYS = ["seed", "description", "program_operator", "registration_number", "manufacturer", "plant", "issued",
            "valid_until", "epd_type", "pcr", "third_party_verified", "methods", "page_count", "products"]
PRODUCT_KEYS = {"name", "material", "gwp_a1a3", "declared_unit", "gwp_by_unit", "modules", "gwp_method",
                "strength_psi", "strength_age_days", "lightweight", "high_early_strength", "steel_product",
                "fabricated", "route", "glass_processed", "description", "page", "gwp_printed"}
MATERIALS = {"concrete", "steel", "asphalt", "flat_glass", "cement"}
UNITS = {"m3", "yd3", "t", "short_ton", "m2", "kg"}
EPD_TYPES = {"product_specific", "facility_specific", "company_average", "industry_average", "product_group_average"}
STEEL = {"hot_rolled_section", "plate", "rebar", "hss", "hot_rolled_coil", "cold_formed", "wire", "other"}
RANGES = {("concrete", "m3"): (140, 560), ("concrete", "yd3"): (140 * 0.764555, 560 * 0.764555),
          ("steel", "t"): (480, 2900), ("steel", "short_ton"): (480 * 0.907185, 2900 * 0.907185),
          ("asphalt", "short_ton"): (38, 125), ("asphalt", "t"): (38 / 0.907185, 125 / 0.907185),
          ("cement", "t"): (790, 1010), ("cement", "short_ton"): (790 * 0.907185, 1010 * 0.907185),
          ("flat_glass", "m2"): (8, 42), ("flat_glass", "t"): (1190, 1610)}


@functools.cache
def doc(seed: int) -> tuple[bytes, dict]:
    d = generate(seed)
    return d.pdf, d.expected


@functools.cache
def page_texts(seed: int) -> list[str]:
    pdf = pdfium.PdfDocument(doc(seed)[0])
    try:
        return [re.sub(r"\s+", " ", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    finally:
        pdf.close()


def test_deterministic() -> None:
    for seed in (0, 7, 31):
        a, b = generate(seed), generate(seed)
        assert a.expected == b.expected
        assert a.pdf == b.pdf
    assert generate(1).expected != generate(2).expected


@pytest.mark.parametrize("seed", SEEDS)
def test_schema_and_text(seed: int) -> None:
    pdf, e = doc(seed)
    assert pdf.startswith(b"%PDF")
    assert list(e) == TOP_KEYS
    assert e["seed"] == seed
    assert isinstance(e["description"], str) and e["description"]
    assert e["epd_type"] in EPD_TYPES
    assert isinstance(e["third_party_verified"], bool)
    assert e["methods"] and e["methods"][0].startswith("TRACI")
    assert dt.date.fromisoformat(e["valid_until"]) > dt.date.fromisoformat(e["issued"])
    texts = page_texts(seed)
    assert len(texts) == e["page_count"] and 1 <= e["page_count"] <= 14
    full = " ".join(texts)
    assert e["registration_number"] in full
    assert e["manufacturer"] in full
    if e["plant"] is not None:
        assert e["plant"] in full
    names = [p["name"] for p in e["products"]]
    assert len(set(names)) == len(names)
    for p in e["products"]:
        assert set(p) == PRODUCT_KEYS
        assert p["material"] in MATERIALS
        assert p["declared_unit"] in UNITS and p["declared_unit"] in p["gwp_by_unit"]
        assert set(p["gwp_by_unit"]) <= UNITS
        assert p["gwp_by_unit"][p["declared_unit"]] == p["gwp_a1a3"]
        assert p["gwp_method"] == e["methods"][0]
        for unit, v in p["gwp_by_unit"].items():
            lo, hi = RANGES[(p["material"], unit)]
            assert lo * 0.995 <= v <= hi * 1.005, (p["name"], unit, v)
        page = texts[p["page"] - 1]
        assert p["name"] in page, (p["name"], p["page"])
        parts = p["gwp_printed"].split(" + ")
        for part in parts:
            assert part in page, (part, p["page"])
        if len(parts) == 3:
            assert "A1-A3" not in p["modules"]
            assert {"A1", "A2", "A3"} <= set(p["modules"])
        else:
            assert "A1-A3" in p["modules"]
        if p["material"] == "concrete":
            assert p["strength_psi"] is None or p["strength_psi"] > 0
            assert p["steel_product"] is None and p["route"] is None
        else:
            assert p["strength_psi"] is None and not p["lightweight"] and not p["high_early_strength"]
        if p["material"] == "steel":
            assert p["steel_product"] in STEEL and p["route"] in ("eaf", "integrated")
        if p["material"] == "flat_glass":
            assert isinstance(p["glass_processed"], bool)


def test_variety() -> None:
    mats = set()
    big = 0
    layouts = set()
    for seed in SEEDS:
        e = doc(seed)[1]
        mats |= {p["material"] for p in e["products"]}
        big += len(e["products"]) >= 15
        layouts.add(e["description"].split(",")[0].split(" (")[0])
    assert mats == MATERIALS
    assert big >= 0.2 * len(SEEDS)
    assert len(layouts) >= 5


def test_generation_time() -> None:
    for seed in (3, 16, 44):
        t = time.perf_counter()
        generate(seed)
        assert time.perf_counter() - t < 1.5
