"""Self-tests of the independent EPD PDF generator tests/devgen_k (never runs the project's reader)."""

from __future__ import annotations

import re
import time

import pypdfium2 as pdfium
import pytest

from tests.devgen_k import generate

SEEDS = range(60)
TOP = {"seed", "description", "program_operator", "registration_number", "manufacturer", "plant", "issued",
       "valid_until", "epd_type", "pcr", "third_party_verified", "methods", "page_count", "products"}
PROD = {"name", "material", "gwp_a1a3", "declared_unit", "gwp_by_unit", "modules", "gwp_method", "strength_psi",
        "strength_age_days", "lightweight", "high_early_strength", "steel_product", "fabricated", "route",
        "glass_processed", "description", "page", "gwp_printed"}
RANGES = {"concrete": {"m3": (60, 560)}, "steel": {"t": (480, 2900)}, "asphalt": {"short_ton": (38, 125)},
          "cement": {"t": (790, 1010)}, "flat_glass": {"m2": (8, 42), "t": (1190, 1610)}}
TO_BASE = {"yd3": ("m3", 1 / 0.764555), "short_ton": ("t", 1 / 0.907185), "t": ("short_ton", 0.907185)}

_docs: dict[int, object] = {}


def doc(seed: int):
    if seed not in _docs:
        _docs[seed] = generate(seed)
    return _docs[seed]


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def page_texts(pdf: bytes) -> list[str]:
    pd = pdfium.PdfDocument(pdf)
    out = []
    for i in range(len(pd)):
        tp = pd[i].get_textpage()
        out.append(norm(tp.get_text_range()))
    return out


def test_deterministic() -> None:
    for s in (0, 1, 7, 33):
        a, b = generate(s), generate(s)
        assert a.expected == b.expected
        assert a.pdf == b.pdf


@pytest.mark.parametrize("seed", SEEDS)
def test_schema_and_text(seed: int) -> None:
    t = time.time()
    d = doc(seed)
    assert time.time() - t < 3
    e = d.expected
    assert set(e) == TOP
    assert e["seed"] == seed
    assert 1 <= e["page_count"] <= 14
    assert e["methods"][0].startswith("TRACI")
    assert e["epd_type"] in {"product_specific", "facility_specific", "company_average", "industry_average",
                             "product_group_average"}
    assert e["issued"] < e["valid_until"]
    texts = page_texts(d.pdf)
    assert len(texts) == e["page_count"]
    full = " ".join(texts)
    assert norm(e["registration_number"]) in full
    assert e["manufacturer"] in full
    names = [p["name"] for p in e["products"]]
    assert len(set(names)) == len(names)
    for p in e["products"]:
        assert set(p) == PROD
        assert p["declared_unit"] in p["gwp_by_unit"]
        assert p["gwp_a1a3"] == p["gwp_by_unit"][p["declared_unit"]]
        page = texts[p["page"] - 1]
        assert norm(p["name"]) in page, (p["name"], p["page"])
        for part in p["gwp_printed"].split(" + "):
            assert part in page, (part, p["page"])
        for unit, v in p["gwp_by_unit"].items():
            lo_hi = RANGES[p["material"]].get(unit)
            if lo_hi is None and unit in TO_BASE:
                base, f = TO_BASE[unit]
                lo_hi = RANGES[p["material"]].get(base)
                v = v * f
            if lo_hi:
                assert lo_hi[0] * 0.97 <= v <= lo_hi[1] * 1.03, (unit, v)
        if p["material"] == "concrete":
            assert p["strength_psi"] is not None and p["strength_age_days"] in (28, 56, 90)
        if p["material"] == "steel":
            assert p["steel_product"] in {"rebar", "hss", "hot_rolled", "cold_formed", "plate", "merchant_bar",
                                          "sheet", "other"}
        else:
            assert p["steel_product"] is None


def test_variety() -> None:
    docs = [doc(s).expected for s in SEEDS]
    mats = {p["material"] for e in docs for p in e["products"]}
    assert mats == {"concrete", "steel", "asphalt", "flat_glass", "cement"}
    big = sum(len(e["products"]) >= 15 for e in docs)
    assert big >= 0.2 * len(docs)
    assert len({e["description"].split(";")[-1].split(",")[0].strip() for e in docs}) >= 4
