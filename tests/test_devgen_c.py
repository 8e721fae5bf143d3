"""The independent generator C (tests/devgen_c): deterministic, schema-true, and honest (what it expects is printed)."""

from __future__ import annotations

import datetime as dt
import re

import pypdfium2 as pdfium
import pytest

from tests.devgen_c import generate

SEEDS = [0, 1, 2, 5, 7, 10, 19, 26, 33, 41]

TOP_KEYS = {
    "seed", "description", "program_operator", "registration_number", "manufacturer", "plant", "issued",
    "valid_until", "epd_type", "pcr", "third_party_verified", "methods", "page_count", "products",
}
PRODUCT_KEYS = {
    "name", "material", "gwp_a1a3", "declared_unit", "gwp_by_unit", "modules", "gwp_method", "strength_psi",
    "strength_age_days", "lightweight", "high_early_strength", "steel_product", "fabricated", "route",
    "glass_processed", "description", "page", "gwp_printed",
}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


def _pages(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    out = []
    for i in range(len(doc)):
        page = doc[i]
        out.append(page.get_textpage().get_text_range())
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def _num(s: str) -> float:
    """Read a printed number back, on its own (not with the generator's parser)."""
    t = s.strip()
    m = re.fullmatch(r"(-?\d+),(\d+)([Ee][+-]?\d+)", t)
    if m:
        return float(f"{m.group(1)}.{m.group(2)}{m.group(3)}")
    assert re.fullmatch(r"-?\d{1,3}([, ]\d{3})*(\.\d+)?([Ee][+-]?\d+)?|-?\d+(\.\d+)?([Ee][+-]?\d+)?", t), t
    return float(t.replace(",", "").replace(" ", ""))


def _date(s: str) -> dt.date:
    """Read a printed date back (month-first when numeric: these are US documents)."""
    t = s.strip().lower().replace(".", " ").replace(",", " ")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s.strip()):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s.strip()):
        return dt.date(int(m[3]), int(m[1]), int(m[2]))
    words = t.split()
    year = int(words[-1])
    day = month = None
    for w in words[:-1]:
        if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w):
            day = int(re.sub(r"\D", "", w))
        else:
            for i, name in enumerate(MONTHS):
                if name.startswith(w[:3]):
                    month = i + 1
    assert day and month, s
    return dt.date(year, month, day)


@pytest.fixture(scope="module", params=SEEDS)
def doc(request):
    return generate(request.param)


def test_deterministic() -> None:
    for sd in (3, 8):
        a, b = generate(sd), generate(sd)
        assert a.pdf == b.pdf
        assert a.expected == b.expected
    assert generate(1).pdf != generate(2).pdf


def test_schema(doc) -> None:
    e = doc.expected
    assert set(e) == TOP_KEYS
    assert isinstance(e["description"], str) and e["description"]
    for k in ("program_operator", "registration_number", "manufacturer", "pcr"):
        assert isinstance(e[k], str) and e[k]
    assert e["plant"] is None or isinstance(e["plant"], str)
    dt.date.fromisoformat(e["issued"])
    assert dt.date.fromisoformat(e["valid_until"]) > dt.date.fromisoformat(e["issued"])
    assert e["epd_type"] in {"product_specific", "facility_specific", "company_average", "industry_average",
                             "product_group_average"}
    assert isinstance(e["third_party_verified"], bool)
    assert e["methods"] and all(isinstance(m, str) for m in e["methods"])
    assert e["page_count"] == len(pdfium.PdfDocument(doc.pdf))
    assert e["products"]
    for p in e["products"]:
        assert set(p) == PRODUCT_KEYS
        assert p["material"] in {"concrete", "steel", "asphalt", "flat_glass", "cement"}
        assert p["declared_unit"] in {"m3", "yd3", "t", "short_ton", "m2"}
        assert p["declared_unit"] in p["gwp_by_unit"]
        assert p["gwp_a1a3"] == p["gwp_by_unit"][p["declared_unit"]]
        assert p["modules"] in {"A1-A3", "A1,A2,A3"}
        assert p["gwp_method"] in e["methods"] and p["gwp_method"].startswith("TRACI")
        assert p["steel_product"] in {None, "rebar", "hss", "hot_rolled", "cold_formed", "plate", "merchant_bar",
                                      "sheet", "other"}
        assert p["route"] in {None, "eaf", "integrated"}
        assert (p["steel_product"] is not None) == (p["material"] == "steel")
        assert (p["glass_processed"] is not None) == (p["material"] == "flat_glass")
        assert p["strength_psi"] is None or p["material"] == "concrete"
        assert (p["strength_psi"] is None) == (p["strength_age_days"] is None)
        assert isinstance(p["page"], int) and 1 <= p["page"] <= e["page_count"]
        assert all(isinstance(s, str) for s in p["gwp_printed"])


def test_expectations_are_printed(doc) -> None:
    e = doc.expected
    pages = _pages(doc.pdf)
    full = _norm(" ".join(pages))
    assert e["registration_number"] in full
    assert e["program_operator"] in full
    assert e["manufacturer"] in full
    assert _norm(e["pcr"]) in full
    if e["plant"]:
        assert e["plant"] in full
    dates = doc.printed["dates"]
    assert dates["issued"] in full
    assert _date(dates["issued"]).isoformat() == e["issued"]
    if dates["valid_until"] is None:  # validity printed as a period: derived from the issue date
        assert doc.printed["validity_text"] in full
        issued = dt.date.fromisoformat(e["issued"])
        want = issued.replace(year=issued.year + 5) if not (issued.month == 2 and issued.day == 29) else \
            dt.date(issued.year + 5, 2, 28)
        assert e["valid_until"] == want.isoformat()
    else:
        assert dates["valid_until"] in full
        assert _date(dates["valid_until"]).isoformat() == e["valid_until"]
    for p in e["products"]:
        page_text = pages[p["page"] - 1]
        assert _norm(p["name"]) in full, p["name"]
        if p["description"]:
            assert _norm(p["description"]) in full or all(w in full for w in p["description"].split())
        # every printed GWP string is in the document; the declared unit's (listed first) is on the row's page
        for s in p["gwp_printed"]:
            assert s in full, (p["name"], s)
        first = p["gwp_printed"][: 1 if p["modules"] == "A1-A3" else 3]
        for s in first:
            assert s in page_text, (p["name"], s, p["page"])
        assert round(sum(_num(s) for s in first), 6) == round(p["gwp_a1a3"], 6)
        values = [_num(s) for s in p["gwp_printed"]]
        if p["modules"] == "A1-A3":
            assert sorted(values) == sorted(p["gwp_by_unit"].values())
        else:
            sums = [round(sum(values[i:i + 3]), 6) for i in range(0, len(values), 3)]
            assert sorted(sums) == sorted(round(v, 6) for v in p["gwp_by_unit"].values())
        if p["strength_psi"] is not None:
            assert 1500 <= p["strength_psi"] <= 12000
            psi = round(p["strength_psi"])
            mpa = round(p["strength_psi"] / 145.038)
            assert (f"{psi} " in full or f"{psi:,} " in full or f"{psi}-" in full or f"{mpa} MPa" in full
                    or f" {mpa} " in full), (p["name"], p["strength_psi"])
        if p["route"] == "eaf":
            assert "EAF" in full
        if p["route"] == "integrated":
            assert "integrated" in full.lower()
        if p["fabricated"]:
            assert "fabricat" in full.lower()
        if p["high_early_strength"]:
            assert "HE" in full.split() or "early" in full.lower() or "-HE-" in full
        lo, hi = {"concrete": (60, 700), "steel": (500, 3300), "asphalt": (20, 200), "cement": (300, 1200)}.get(
            p["material"], (5, 2000))
        assert lo * 0.6 <= p["gwp_a1a3"] <= hi * 1.2, (p["material"], p["gwp_a1a3"])


def test_materials_mix() -> None:
    """Roughly 50% concrete, 20% steel, 15% asphalt, 10% glass, 5% cement (drawn first, so cheap to check)."""
    import random

    from tests.devgen_c.spec import build

    mats = [build(random.Random(sd)).material for sd in range(400)]
    share = {m: mats.count(m) / len(mats) for m in set(mats)}
    assert 0.4 < share["concrete"] < 0.6
    assert 0.13 < share["steel"] < 0.27
    assert 0.09 < share["asphalt"] < 0.21
    assert 0.05 < share["flat_glass"] < 0.15
    assert 0.01 < share["cement"] < 0.10
    assert generate(4).expected["products"][0]["material"] == build(random.Random(4)).material
