"""Fast checks of the devgen_f generator itself (not of the reader): determinism, schema, printed truth."""

from __future__ import annotations

import datetime as dt
import os
import re

import pypdfium2
import pytest

from tests.devgen_f import generate
from tests.devgen_f.content import date_variants

SEEDS = range(int(os.environ.get("DEVGEN_F_SEEDS", "60")))  # more seeds by hand: DEVGEN_F_SEEDS=500
TOP_KEYS = {"seed", "description", "program_operator", "registration_number", "manufacturer", "plant", "issued",
            "valid_until", "epd_type", "pcr", "third_party_verified", "methods", "page_count", "products"}
PRODUCT_KEYS = {"name", "material", "gwp_a1a3", "declared_unit", "gwp_by_unit", "modules", "gwp_method",
                "strength_psi", "strength_age_days", "lightweight", "high_early_strength", "steel_product",
                "fabricated", "route", "glass_processed", "description", "page", "gwp_printed"}
EPD_TYPES = {"product_specific", "facility_specific", "company_average", "industry_average", "product_group_average"}
RANGES = {  # kg CO2e per one unit
    ("concrete", "m3"): (150, 550), ("concrete", "yd3"): (114, 421), ("steel", "t"): (500, 3000),
    ("steel", "short_ton"): (450, 2750), ("asphalt", "short_ton"): (40, 120), ("asphalt", "t"): (44, 133),
    ("flat_glass", "t"): (1200, 1600), ("flat_glass", "m2"): (9, 48), ("cement", "t"): (800, 1000),
    ("cement", "short_ton"): (720, 910),
}


def _texts(pdf: bytes) -> list[str]:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def docs() -> list[tuple[object, list[str]]]:
    out = []
    for seed in SEEDS:
        doc = generate(seed)
        out.append((doc, _texts(doc.pdf)))
    return out


def test_deterministic_per_seed() -> None:
    for seed in (0, 7, 33):
        a, b = generate(seed), generate(seed)
        assert a.pdf == b.pdf
        assert a.expected == b.expected
    assert generate(1).pdf != generate(2).pdf


def test_schema_and_ranges(docs: list) -> None:
    for doc, _ in docs:
        exp = doc.expected
        assert set(exp) == TOP_KEYS
        assert exp["epd_type"] in EPD_TYPES
        assert exp["products"]
        for prod in exp["products"]:
            assert set(prod) == PRODUCT_KEYS
            assert prod["declared_unit"] in prod["gwp_by_unit"]
            assert prod["gwp_by_unit"][prod["declared_unit"]] == prod["gwp_a1a3"]
            for unit, value in prod["gwp_by_unit"].items():
                lo, hi = RANGES[(prod["material"], unit)]
                assert lo <= value <= hi, (exp["seed"], prod["name"], unit, value)
            assert prod["material"] != "concrete" or prod["strength_psi"]


def test_page_count_and_printed_gwp(docs: list) -> None:
    for doc, texts in docs:
        exp = doc.expected
        assert exp["page_count"] == len(texts)
        assert 1 <= exp["page_count"] <= 12
        for prod in exp["products"]:
            page_text = _squash(texts[prod["page"] - 1])
            for part in prod["gwp_printed"].split(" + "):
                assert part in page_text, (exp["seed"], prod["name"], part, prod["page"])
            if " + " in prod["gwp_printed"]:
                assert prod["modules"] == ["A1", "A2", "A3"]
            assert prod["name"] in _squash(" ".join(texts)), (exp["seed"], prod["name"])


def test_dates_printed(docs: list) -> None:
    for doc, texts in docs:
        exp = doc.expected
        issued = dt.date.fromisoformat(exp["issued"])
        valid = dt.date.fromisoformat(exp["valid_until"])
        assert valid > issued
        full = _squash(" ".join(texts))
        assert any(v in full for v in date_variants(issued)), exp["seed"]
        derived = re.search(r"(?i)validity:? (5|five \(5\)) years", full)
        assert derived or any(v in full for v in date_variants(valid)), exp["seed"]
        if derived:
            assert valid == issued.replace(year=issued.year + 5) or (issued.month, issued.day) == (2, 29)


def test_mix_of_layouts(docs: list) -> None:
    exps = [d.expected for d, _ in docs]
    big = sum(len(e["products"]) >= 15 for e in exps)
    assert big >= len(exps) * 0.2
    assert {e["products"][0]["material"] for e in exps} == {"concrete", "steel", "asphalt", "flat_glass", "cement"}
    assert any(e["page_count"] >= 4 for e in exps)


def test_product_facts_printed(docs: list) -> None:
    for doc, texts in docs:
        full = _squash(" ".join(texts))
        for prod in doc.expected["products"]:
            if prod["description"]:
                assert prod["description"] in full, (doc.expected["seed"], prod["description"])
            if prod["lightweight"]:
                assert "LW" in full or "ightweight" in full
            if prod["high_early_strength"]:
                assert "HE " in full
            if prod["route"] == "eaf":
                assert "EAF" in full
            if prod["route"] == "integrated":
                assert "integrated" in full
            if prod["fabricated"]:
                assert "abrication" in full or "abricated" in full


def test_units_agree(docs: list) -> None:
    factor = {("m3", "yd3"): 0.764555, ("t", "short_ton"): 0.907185, ("short_ton", "t"): 1 / 0.907185}
    for doc, _ in docs:
        for prod in doc.expected["products"]:
            by = prod["gwp_by_unit"]
            for (a, b), k in factor.items():
                if a in by and b in by:
                    want = by[a] * k
                    assert abs(by[b] - want) <= max(0.04 * want, 2.0), (doc.expected["seed"], prod["name"], by)
