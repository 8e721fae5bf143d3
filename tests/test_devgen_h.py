"""Fast self-tests of the devgen_h synthetic North American EPD generator."""

from __future__ import annotations

import datetime as dt
import re
import time

import pypdfium2
import pytest

from tests.devgen_h import generate
from tests.devgen_h.content import ST_PER_T, YD3_PER_M3, fmt_date

SEEDS = range(60)
TOP = {
    "seed",
    "description",
    "program_operator",
    "registration_number",
    "manufacturer",
    "plant",
    "issued",
    "valid_until",
    "epd_type",
    "pcr",
    "third_party_verified",
    "methods",
    "page_count",
    "products",
}
PROD = {
    "name",
    "material",
    "gwp_a1a3",
    "declared_unit",
    "gwp_by_unit",
    "modules",
    "gwp_method",
    "strength_psi",
    "strength_age_days",
    "lightweight",
    "high_early_strength",
    "steel_product",
    "fabricated",
    "route",
    "glass_processed",
    "description",
    "page",
    "gwp_printed",
}
EPD_TYPES = {"product_specific", "facility_specific", "company_average", "industry_average", "product_group_average"}
UNITS = {"m3", "yd3", "t", "short_ton", "m2", "kg"}

_CACHE: dict = {}


def doc(seed):
    if seed not in _CACHE:
        _CACHE[seed] = generate(seed)
    return _CACHE[seed]


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\r", " ").replace("\x00", "")).strip()


def page_texts(pdf: bytes) -> list[str]:
    d = pypdfium2.PdfDocument(pdf)
    try:
        return [norm(d[i].get_textpage().get_text_range()) for i in range(len(d))]
    finally:
        d.close()


def test_deterministic():
    for s in (0, 7, 13):
        a, b = generate(s), generate(s)
        assert a.pdf == b.pdf
        assert a.expected == b.expected


@pytest.mark.parametrize("seed", SEEDS)
def test_document(seed):
    d = doc(seed)
    e = d.expected
    assert set(e) == TOP
    assert e["seed"] == seed
    assert e["epd_type"] in EPD_TYPES
    assert isinstance(e["third_party_verified"], bool)
    assert e["methods"] and e["methods"][0].startswith("TRACI")
    issued = dt.date.fromisoformat(e["issued"])
    until = dt.date.fromisoformat(e["valid_until"])
    assert until > issued
    texts = page_texts(d.pdf)
    assert len(texts) == e["page_count"]
    assert 1 <= e["page_count"] <= 14
    alltext = " ".join(texts)
    styles = ["long", "ord", "us", "iso", "ca", "dmy", "abbr"]
    assert any(fmt_date(issued, st) in alltext for st in styles)
    if "5 years" not in alltext.lower() and "five (5) years" not in alltext.lower():
        assert any(fmt_date(until, st) in alltext for st in styles)
    assert e["registration_number"] in alltext
    assert e["products"]
    for p in e["products"]:
        assert set(p) == PROD
        assert p["declared_unit"] in UNITS
        assert set(p["gwp_by_unit"]) <= UNITS
        assert p["gwp_by_unit"][p["declared_unit"]] == p["gwp_a1a3"]
        assert p["name"] in alltext
        page = p["page"]
        assert isinstance(page, int) and 1 <= page <= e["page_count"]
        for part in p["gwp_printed"].split(" + "):
            assert norm(part) in texts[page - 1], (p["name"], part, page)
        if " + " in p["gwp_printed"]:
            vals = [float(x.replace(",", "")) for x in p["gwp_printed"].split(" + ")]
            assert p["gwp_a1a3"] == pytest.approx(sum(vals), abs=1e-6)
            assert "A1-A3" not in p["modules"]
        else:
            assert p["gwp_a1a3"] == float(p["gwp_printed"].replace(",", ""))
            assert "A1-A3" in p["modules"]
        g = p["gwp_by_unit"]
        if "m3" in g and "yd3" in g:
            assert g["yd3"] == pytest.approx(g["m3"] * YD3_PER_M3, rel=0.02, abs=1.0)
        if "t" in g and "short_ton" in g:
            assert g["short_ton"] == pytest.approx(g["t"] * ST_PER_T, rel=0.02, abs=2.5)
        per_m3 = g.get("m3", g.get("yd3", 0) / YD3_PER_M3)
        if p["material"] == "concrete":
            assert 140 <= per_m3 <= 560
            assert p["strength_psi"] and p["strength_age_days"] in (28, 56, 90)
        if p["material"] == "steel":
            per_t = g.get("t", g.get("short_ton", 0) / ST_PER_T)
            assert 480 <= per_t <= 2900
            assert p["route"] in ("eaf", "integrated") and p["steel_product"]
        if p["material"] == "asphalt":
            per_st = g.get("short_ton", g.get("t", 0) * ST_PER_T)
            assert 38 <= per_st <= 125
        if p["material"] == "cement":
            assert 790 <= g["t"] <= 1010
        if p["material"] == "flat_glass":
            assert 8 <= g.get("m2", 20) <= 42 and 1190 <= g.get("t", 1300) <= 1610


def test_variety_and_speed():
    many = sum(len(doc(s).expected["products"]) >= 15 for s in SEEDS)
    assert many >= 0.2 * len(SEEDS)
    mats = {doc(s).expected["products"][0]["material"] for s in SEEDS}
    assert mats == {"concrete", "steel", "asphalt", "flat_glass", "cement"}
    worst = 0.0
    for s in range(100, 112):
        t = time.perf_counter()
        generate(s)
        worst = max(worst, time.perf_counter() - t)
    assert worst < 1.5
