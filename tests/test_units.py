from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buyclean.core.model import Quantity
from buyclean.core.units import (
    SHORT_TON_IN_T,
    YD3_IN_M3,
    ambiguous_unit,
    convert,
    convert_per_unit,
    gwp_per_unit,
    parse_gwp_amount,
    parse_number,
    parse_quantity,
    parse_strength,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("1 m3", Quantity(1, "m3")), ("1 m^3", Quantity(1, "m3")), ("1 m³", Quantity(1, "m3")),
    ("1 cubic meter", Quantity(1, "m3")), ("1 cubic metre of concrete", Quantity(1, "m3")),
    ("1 yd3", Quantity(1, "yd3")), ("1 yd³", Quantity(1, "yd3")), ("1 cubic yard", Quantity(1, "yd3")),
    ("1 t", Quantity(1, "t")), ("1 tonne", Quantity(1, "t")), ("metric ton", Quantity(1, "t")),
    ("1 metric ton", Quantity(1, "t")), ("1000 kg", Quantity(1000, "kg")), ("1000.0 kg", Quantity(1000, "kg")),
    ("1 000 kg", Quantity(1000, "kg")), ("1 short ton", Quantity(1, "short_ton")), ("2000 lb", Quantity(2000, "lb")),
    ("1 kg", Quantity(1, "kg")), ("30 kg", Quantity(30, "kg")), ("1 m2", Quantity(1, "m2")),
    ("1 m^2", Quantity(1, "m2")), ("1 m²", Quantity(1, "m2")), ("1 qm", Quantity(1, "m2")),
    ("1.0 item", Quantity(1, "item")), ("1 pcs.", Quantity(1, "item")), ("0,5 m3", Quantity(0.5, "m3")),
])
def test_declared_unit_spellings(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["2 mm", "None", "", "1 furlong", "-1 m3", "0 m3", "1 ton"])
def test_unplaceable_units_are_none(text: str) -> None:
    assert parse_quantity(text) is None


def test_ton_is_ambiguous_not_guessed() -> None:
    assert ambiguous_unit("1 ton") == ("t", "short_ton")
    assert ambiguous_unit("1 tonne") == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("2.41E+02", 241.0), ("2.193E+002", 219.3), ("7,62E-01", 0.762), ("49.3E-3", 0.0493), ("1 234,5", 1234.5),
    ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("-647.4", -647.4), ("1,5", 1.5), ("12,000", 12000.0),
])
def test_numbers(text: str, expected: float) -> None:
    value = parse_number(text)
    assert value is not None and math.isclose(value, expected)


@pytest.mark.parametrize("text", ["abc", "", "1.2.3", "nan", "inf"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "kg"), [("397.2 kgCO2e", 397.2), ("1.2 tCO2e", 1200.0), ("36.9 kg CO2 eq", 36.9),
                                          ("None", None), ("12 apples", None)])
def test_gwp_amounts(text: str, kg: float | None) -> None:
    value = parse_gwp_amount(text)
    assert value == pytest.approx(kg) if kg is not None else value is None


@pytest.mark.parametrize(("text", "psi", "kind"), [
    ("4000 psi", 4000, "cylinder"), ("27.6 MPa", 4003.0, "cylinder"), ("13.78951 MPa", 2000.0, "cylinder"),
    ("2000.0000000000002 psi", 2000, "cylinder"), ("5 ksi", 5000, "cylinder"), ("C30/37", 4351.1, "cylinder"),
    ("Rck 30", 3611.4, "cube"), ("Strength class C35/45", 5076.3, "cylinder"), ("C8/10", 1160.3, "cylinder"),
    ("C100/115", 14503.8, "cylinder"),
])
def test_strengths(text: str, psi: float, kind: str) -> None:
    s = parse_strength(text)
    assert s is not None and s.psi == pytest.approx(psi, abs=0.6) and s.kind == kind


@pytest.mark.parametrize("text", ["C45/35", "C35/35", "C30/60", "C 12/2019", "C5/6", "LC30/33"])
def test_what_is_no_en_206_strength_class(text: str) -> None:
    assert parse_strength(text) is None


def test_gwp_per_unit_reports_per_canonical_unit() -> None:
    assert gwp_per_unit(571, Quantity(1000, "kg")) == (571, "t")
    assert gwp_per_unit(58.7, Quantity(1, "short_ton")) == (58.7, "short_ton")
    assert gwp_per_unit(58.7, Quantity(2000, "lb")) == (58.7, "short_ton")
    value, per = gwp_per_unit(36.9, Quantity(30, "kg"))
    assert per == "kg" and value == pytest.approx(1.23)
    value, per = gwp_per_unit(37.5, Quantity(37.5, "kg"))
    assert (value, per) == (1.0, "kg")


def test_known_conversions() -> None:
    assert convert_per_unit(100.0, "yd3", "m3") == pytest.approx(100 / YD3_IN_M3)
    assert convert_per_unit(100.0, "short_ton", "t") == pytest.approx(100 / SHORT_TON_IN_T)
    assert convert_per_unit(1.5, "kg", "t") == pytest.approx(1500)
    assert convert(1.0, "m3", "t") is None
    assert convert_per_unit(1.0, "m2", "t") is None


positive = st.floats(min_value=1e-6, max_value=1e7, allow_nan=False, allow_infinity=False)
units_by_dimension = [("m3", "yd3"), ("t", "short_ton", "kg", "lb"), ("m2", "ft2")]
pairs = st.sampled_from(units_by_dimension).flatmap(lambda d: st.tuples(st.sampled_from(d), st.sampled_from(d)))


@given(value=positive, pair=pairs)
def test_conversion_round_trips(value: float, pair: tuple[str, str]) -> None:
    a, b = pair
    there = convert(value, a, b)
    assert there is not None
    back = convert(there, b, a)
    assert back == pytest.approx(value, rel=1e-12)


@given(value=positive, pair=pairs)
def test_intensity_and_amount_conversions_are_inverse(value: float, pair: tuple[str, str]) -> None:
    # converting an intensity (per unit) is dividing by the amount conversion: intensity x amount is invariant
    a, b = pair
    intensity_b = convert_per_unit(value, a, b)
    amount_b = convert(1.0, a, b)
    assert intensity_b is not None and amount_b is not None
    assert intensity_b * amount_b == pytest.approx(value, rel=1e-12)


@given(value=positive)
def test_yd3_intensity_is_lower_than_m3_intensity(value: float) -> None:
    # the same concrete emits less per cubic yard than per cubic metre
    per_yd3 = convert_per_unit(value, "m3", "yd3")
    assert per_yd3 is not None and per_yd3 < value
    assert per_yd3 == pytest.approx(value * YD3_IN_M3)


@given(number=st.decimals(min_value=-1e6, max_value=1e6, places=2, allow_nan=False, allow_infinity=False))
def test_number_formats_agree(number: object) -> None:
    # two decimals: '1,234' (three after the comma) is a thousands group by convention, tested above
    text = f"{number:.2f}"
    assert parse_number(text) == pytest.approx(float(text))
    assert parse_number(text.replace(".", ",")) == pytest.approx(float(text))
    assert parse_number(f"{float(text):.3E}") == pytest.approx(float(text), rel=1e-3, abs=1e-9)
