"""The numeric cell grammar of EPD PDF tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buyclean.core.readers.pdf.numbers import continues, incomplete, is_blank_cell, parse_cell, split_run


@pytest.mark.parametrize(("text", "value"), [
    ("2.41E+02", 241.0), ("2.193E+002", 219.3), ("7,62 E -01", 0.762), ("49.3E-3", 0.0493), ("118E-6", 118e-6),
    ("1 234,5", 1234.5), ("1,234.5", 1234.5), ("133,8", 133.8), ("\u22127.37E-1", -0.737), ("4E+00", 4.0),
    ("12,000", 12000.0), ("0,001", 0.001), ("-1.22E+03", -1220.0), ("1.02E+01", 10.2),
])
def test_parse_cell(text: str, value: float) -> None:
    assert parse_cell(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["MND", "ND", "INA", "-", "mnr"])
def test_blank_cells(text: str) -> None:
    assert is_blank_cell(text)
    assert parse_cell(text) is None


def test_run_together_cells_split() -> None:
    assert split_run("5.25E-16.75E-1") == ["5.25E-1", "6.75E-1"]
    assert split_run("2.41E+02") == ["2.41E+02"]


def test_wrapped_cells_continue() -> None:
    assert incomplete("2.61E") and continues("2.61E", "+03")
    assert continues("2,32", "E+02")
    assert continues("1.19E+", "1")
    assert not continues("2.32", "4.5")
    # a number whose decimals a narrow cell wrapped onto the next line ('238.' over '45'); whole numbers do not end
    # in a point
    assert incomplete("238.") and continues("238.", "45") and continues("1,608.", "48")
    assert not incomplete("238") and not continues("238.", "4.5")
    assert not incomplete("4.") and not continues("238.", "4000")  # '4.' numbering a heading over '4000 PSI'


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["x", "ND", "-", "n/a", "MND", "kg", "CO2e", "GWP", "E", "e+", "%", "A", "—", "*",
                                 "x10", "10³", "²", "Total", "1,5", "3.2E-01", "0"]), min_size=2, max_size=6))
def test_words_without_a_digit_joined_are_a_text(words: list[str]) -> None:
    from buyclean.core.readers.pdf.numbers import digit_in, value_of

    joined = " ".join(words)
    if not any(digit_in(w) for w in words):
        assert value_of(joined) == ("text", None)
    assert digit_in(joined) == any(digit_in(w) for w in words)
