"""The third generator of North American EPD PDFs (tests/devgen_b): deterministic, and its expectations are what
the PDF prints (read back with pdfium, not with the project's reader)."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from tests.devgen_b.generator import generate
from tests.devgen_b.numbers import DATE_STYLES, format_date

SEEDS = [0, 5, 9, 17, 23, 48]
SCHEMA = {"seed", "description", "program_operator", "registration_number", "manufacturer", "plant", "issued",
          "valid_until", "epd_type", "pcr", "third_party_verified", "methods", "page_count", "products"}
PRODUCT = {"name", "material", "gwp_a1a3", "declared_unit", "gwp_by_unit", "modules", "gwp_method", "strength_psi",
           "strength_age_days", "lightweight", "high_early_strength", "steel_product", "fabricated", "route",
           "glass_processed", "description", "page", "gwp_printed"}


def _pages(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [re.sub(r"\s+", " ", page.get_textpage().get_text_range()) for page in doc]
    finally:
        doc.close()


def _value(text: str) -> Decimal:
    """A printed number, read independently of the generator's own parser."""
    t = text.replace("×10", "x10").translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+"))
    if "x10" in t:
        mant, _, exp = t.partition("x10")
        return Decimal(mant.replace(",", ".")) * Decimal(10) ** int(exp.lstrip("^"))
    if re.fullmatch(r"-?\d+,\d{1,2}|-?\d+,\d+[eE][-+]?\d+", t):  # a decimal comma
        return Decimal(t.replace(",", "."))
    return Decimal(t.replace(",", ""))


def test_same_seed_same_bytes() -> None:
    a, b = generate(3), generate(3)
    assert a.pdf == b.pdf
    assert a.expected == b.expected
    assert generate(4).pdf != a.pdf


@pytest.mark.parametrize("seed", SEEDS)
def test_expected_is_what_is_printed(seed: int) -> None:
    doc = generate(seed)
    e = doc.expected
    assert set(e) == SCHEMA
    assert e["seed"] == seed and e["description"] == doc.description
    pages = _pages(doc.pdf)
    assert len(pages) == e["page_count"]
    text = " ".join(pages)
    assert e["registration_number"] in text
    assert e["manufacturer"] in text
    assert e["plant"] is None or e["plant"] in text
    # the issue date is printed (in some style); an end of validity is printed unless derived from '5 years'
    issued = dt.date.fromisoformat(e["issued"])
    assert any(format_date(issued, style) in text for style in DATE_STYLES)
    if e["valid_until"] and "valid_until derived" not in e["description"]:
        until = dt.date.fromisoformat(e["valid_until"])
        assert any(format_date(until, style) in text for style in DATE_STYLES)
    assert e["products"]
    for p in e["products"]:
        assert set(p) == PRODUCT
        assert p["name"] in text, p["name"]
        if p["description"]:
            assert p["description"] in text
        assert p["gwp_printed"], p["name"]
        for s in p["gwp_printed"]:
            assert s in text, (p["name"], s)
        assert any(s in pages[p["page"] - 1] for s in p["gwp_printed"]), (p["name"], p["page"])
        for unit, value in p["gwp_by_unit"].items():
            assert math.isfinite(value) and value > 0, (p["name"], unit, value)
        assert p["gwp_a1a3"] == p["gwp_by_unit"][p["declared_unit"]]
        # the value is the printed total, or the sum of the printed A1, A2, A3
        values = [_value(s) for s in p["gwp_printed"]]
        assert any(math.isclose(float(v), x, rel_tol=1e-9) for v in values for x in p["gwp_by_unit"].values()) or \
            any(math.isclose(float(sum(values[i:i + 3])), x, rel_tol=1e-9)
                for i in range(len(values)) for x in p["gwp_by_unit"].values())


def test_documents_vary() -> None:
    descriptions = {generate(s).description.split(";")[0] for s in range(12)}
    assert len(descriptions) >= 6
