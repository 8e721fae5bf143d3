"""Parse and convert declared units, GWP amounts and strengths, in the spellings real EPDs use.

Canonical unit codes: m3, yd3, t, short_ton, kg, lb, m2, ft2, m, item. A spelling we cannot place is ``None``,
and callers turn that into "needs review", never a guess.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from buyclean.core.model import Gwp, Quantity, Strength

YD3_IN_M3 = 0.764555
SHORT_TON_IN_T = 0.907185
LB_IN_KG = 0.45359237
FT2_IN_M2 = 0.09290304
PSI_PER_MPA = 145.0377
# Cube-to-cylinder: f'ck ~= 0.83 Rck (EN 206 / Eurocode 2 strength classes C25/30, C30/37 ...).
CYLINDER_PER_CUBE = 0.83

UNITS = ("m3", "yd3", "t", "short_ton", "kg", "lb", "m2", "ft2", "m", "item")

# Conversions within a dimension: how many of the base unit one unit is.
_VOLUME = {"m3": 1.0, "yd3": YD3_IN_M3}
_MASS = {"t": 1.0, "short_ton": SHORT_TON_IN_T, "kg": 0.001, "lb": LB_IN_KG / 1000}
_AREA = {"m2": 1.0, "ft2": FT2_IN_M2}
DIMENSIONS = {"volume": _VOLUME, "mass": _MASS, "area": _AREA}
_DIMENSION_OF = {unit: name for name, table in DIMENSIONS.items() for unit in table}

_SPELLINGS: dict[str, tuple[str, float]] = {}


def _add(unit: str, factor: float, *names: str) -> None:
    for name in names:
        _SPELLINGS[name] = (unit, factor)


_add("m3", 1, "m3", "m^3", "cubic meter", "cubic meters", "cubic metre", "cubic metres", "cbm", "cu m", "cum")
_add("yd3", 1, "yd3", "yd^3", "cubic yard", "cubic yards", "cu yd", "cy", "cuyd")
_add("t", 1, "t", "tonne", "tonnes", "metric ton", "metric tons", "metric tonne", "metric tonnes", "mt", "ton metric")
_add("short_ton", 1, "short ton", "short tons", "us ton", "us tons", "ton (short)")
_add("kg", 1, "kg", "kilogram", "kilograms", "kgs")
_add("lb", 1, "lb", "lbs", "pound", "pounds")
_add("m2", 1, "m2", "m^2", "sqm", "qm", "square meter", "square meters", "square metre", "square metres")
_add("ft2", 1, "ft2", "ft^2", "sf", "sq ft", "square foot", "square feet")
_add("m", 1, "m", "meter", "metre", "meters", "metres", "lm", "linear meter", "linear metre")
_add("item", 1, "item", "items", "piece", "pieces", "pcs", "pcs.", "pc", "unit", "units", "each", "ea")

_NUMBER = r"[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?"
_NUMBER_THEN_REST = re.compile(rf"^({_NUMBER})\s*(.*)$")
_LEADING_NUMBER = re.compile(rf"^{_NUMBER}\s*")
_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(,\d{3})+")
_SPACED_THOUSANDS = re.compile(r"(\d) (\d{3})\b")
_ONE = re.compile(r"^(1|one)\s+")
# the longest spelling first, so 'm3' is not read as 'm'; built once the spellings above are all added
_SPELLING_THEN_TEXT = re.compile("^(" + "|".join(re.escape(s) for s in sorted(_SPELLINGS, key=len, reverse=True))
                                 + r")(\s|$|\s*of\b)")


def normalise_text(text: str) -> str:
    """Fold superscripts, soft hyphens and spacing so that 'm³', 'm^3' and 'M3' compare equal."""
    if not text.isascii():  # NFKC leaves ASCII as it is
        text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("\u2009", " ")
    # str.split() and the regular expression \s agree on what whitespace is
    return " ".join(text.split()).lower()


def parse_number(text: str) -> float | None:
    """Parse '1.5', '1,5', '2.41E+02', '1,234.5' or '1 234,5'; None when it is not one number."""
    s = normalise_text(text).replace(" ", "")
    if not s:
        return None
    if "," in s:
        if "." in s:
            # the last separator is the decimal one
            s = s.replace(",", "") if s.rfind(".") > s.rfind(",") else s.replace(".", "").replace(",", ".")
        elif _THOUSANDS.fullmatch(s):
            # '12,000' groups thousands (as North American EPDs write); '0,001' and '7,62' are comma decimals
            s = s.replace(",", "")
        elif s.count(",") == 1:
            s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@lru_cache(maxsize=1024)
def parse_unit(text: str) -> str | None:
    """Return the canonical unit code for a unit spelling, or None if it cannot be placed."""
    s = normalise_text(text).rstrip(".")
    s = _ONE.sub("", s)
    if s in _SPELLINGS:
        return _SPELLINGS[s][0]
    # '1 m3 of ready mixed concrete', 'metric ton of steel': the unit then a description
    m = _SPELLING_THEN_TEXT.match(s)
    return _SPELLINGS[m.group(1)][0] if m else None


def parse_quantity(text: str) -> Quantity | None:
    """Parse a declared unit such as '1 m3', '1 yd³', '1000.0 kg', 'metric ton', '2000 lb'; None if unplaceable."""
    s = normalise_text(text)
    if _SPACED_THOUSANDS.search(s):  # rare; sub() with a template costs more than the search
        s = _SPACED_THOUSANDS.sub(r"\1\2", s)
    if not s or s in ("none", "null"):
        return None
    m = _NUMBER_THEN_REST.match(s)
    if m is None:
        unit = parse_unit(s)
        return Quantity(1.0, unit) if unit else None
    number = parse_number(m.group(1))
    unit = parse_unit(m.group(2))
    if number is None or number <= 0 or unit is None:
        return None
    return Quantity(number, unit)


# 'ton' is a short ton in US usage and a metric ton elsewhere: only the mass per declared unit can tell.
AMBIGUOUS_UNITS = {"ton": ("t", "short_ton"), "tons": ("t", "short_ton")}


def ambiguous_unit(text: str) -> tuple[str, ...]:
    """Return the possible units of a spelling that could mean several ('1 ton'), else ()."""
    s = _LEADING_NUMBER.sub("", normalise_text(text)).rstrip(".")
    return AMBIGUOUS_UNITS.get(s, ())


def dimension(unit: str) -> str | None:
    return _DIMENSION_OF.get(unit)


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """Convert an amount between units of one dimension; None across dimensions."""
    if from_unit == to_unit:
        return value
    dim = dimension(from_unit)
    if dim is None or dim != dimension(to_unit):
        return None
    table = DIMENSIONS[dim]
    return value * table[from_unit] / table[to_unit]


def convert_per_unit(value: float, from_per: str, to_per: str) -> float | None:
    """Convert an intensity (kg CO2e per one ``from_per``) to kg CO2e per one ``to_per``."""
    one_from_in_to = convert(1.0, from_per, to_per)
    if one_from_in_to is None:
        return None
    return value / one_from_in_to


# Units in which a GWP per declared unit is reported: 1000 kg becomes t, 37.5 kg becomes kg.
_REPORTED_PER = {"m3": "m3", "yd3": "yd3", "t": "t", "short_ton": "short_ton", "kg": "kg", "lb": "kg",
                 "m2": "m2", "ft2": "m2", "m": "m", "item": "item"}


def gwp_per_unit(amount_kgco2e: float, declared: Quantity) -> tuple[float, str]:
    """Turn an amount per declared unit into kg CO2e per one reporting unit (1000 kg -> per t)."""
    if declared.unit == "kg" and math.isclose(declared.value, 1000.0):
        return amount_kgco2e, "t"
    if declared.unit == "lb" and math.isclose(declared.value, 2000.0):
        return amount_kgco2e, "short_ton"
    per = _REPORTED_PER[declared.unit]
    in_per = convert(declared.value, declared.unit, per)
    assert in_per is not None  # every _REPORTED_PER target shares the dimension of its source
    return amount_kgco2e / in_per, per


_GWP_UNITS = {
    "kgco2e": 1.0, "kgco2eq": 1.0, "kg co2e": 1.0, "kg co2 eq": 1.0, "kg co2-eq": 1.0, "kg co2 equiv": 1.0,
    "kg co2-eq.": 1.0, "kg co2 eq.": 1.0, "kg co2-äq.": 1.0, "kg co2": 1.0, "kgco2": 1.0, "kg co₂e": 1.0,
    "tco2e": 1000.0, "t co2e": 1000.0, "t co2 eq": 1000.0, "gco2e": 0.001, "g co2e": 0.001,
}


def parse_gwp_amount(text: str) -> float | None:
    """Parse an EC3-style amount such as '397.2 kgCO2e' or '1.2 tCO2e' into kg CO2e; None if unplaceable."""
    s = normalise_text(text)
    m = _NUMBER_THEN_REST.match(s)
    if m is None:
        return None
    number = parse_number(m.group(1))
    unit = m.group(2).replace("₂", "2").strip()
    if number is None:
        return None
    factor = _GWP_UNITS.get(unit) or _GWP_UNITS.get(unit.replace(" ", ""))
    if factor is None:
        return None
    return number * factor


# EN 206 names a strength class by its characteristic strengths in MPa, cylinder then cube: 'C35/45' is f_ck 35 MPa on
# cylinders (45 on cubes). The classes run from C8/10 to C100/115, each cube strength 1.15 to 1.3 times the cylinder's;
# a pair outside that ('C45/35', 'C 12/2019') is some other code, never read as a strength.
_STRENGTH_CLASS = re.compile(r"\bc\s?(\d{1,3})\s?/\s?(\d{2,3})\b")
_CLASS_CYLINDER_MPA = (8, 120)
_CLASS_CUBE_RATIO = (1.1, 1.35)
_RCK = re.compile(r"\brck\s?(\d{2,3}(?:[.,]\d+)?)")
_NUMBER_AND_STRESS_UNIT = re.compile(rf"^({_NUMBER})\s*(psi|mpa|n/mm2|n/mm²|ksi)$")


def strength_class(text: str) -> tuple[int, int] | None:
    """The EN 206 strength class a text names, as (cylinder, cube) MPa: 'Strength class C35/45' -> (35, 45)."""
    for m in _STRENGTH_CLASS.finditer(normalise_text(text)):
        cylinder, cube = int(m.group(1)), int(m.group(2))
        low, high = _CLASS_CUBE_RATIO
        if _CLASS_CYLINDER_MPA[0] <= cylinder <= _CLASS_CYLINDER_MPA[1] and low <= cube / cylinder <= high:
            return cylinder, cube
    return None


def parse_strength(text: str) -> Strength | None:
    """Parse '4000 psi', '27.6 MPa', '5 ksi', 'C30/37' (cylinder 30 MPa) or 'Rck 30' (cube 30 MPa)."""
    s = normalise_text(text)
    found = strength_class(s)
    if found:
        mpa = float(found[0])
        return Strength(mpa, "MPa", round(mpa * PSI_PER_MPA, 1), "cylinder")
    m = _RCK.search(s)
    if m:
        cube = parse_number(m.group(1))
        assert cube is not None
        return Strength(cube, "MPa", round(cube * CYLINDER_PER_CUBE * PSI_PER_MPA, 1), "cube")
    m = _NUMBER_AND_STRESS_UNIT.match(s)
    if m is None:
        return None
    value = parse_number(m.group(1))
    if value is None or value <= 0:
        return None
    unit = m.group(2)
    if unit == "psi":
        return Strength(value, "psi", value)
    if unit == "ksi":
        return Strength(value * 1000, "psi", value * 1000)
    return Strength(value, "MPa", round(value * PSI_PER_MPA, 1))


def describe_gwp(gwp: Gwp) -> str:
    return f"{gwp.value:.4g} {gwp.unit} ({gwp.indicator}, {gwp.modules})"
