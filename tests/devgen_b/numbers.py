"""How numbers and dates are printed, and how a printed number is read back exactly (so expected = printed)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTHS_ABBR = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
MONTHS_3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# kind: fixed (decimals by magnitude), sig (significant figures), sci (mantissa + E exponent), x10 (mantissa x 10^n)
NUMBER_KINDS = ("fixed", "fixed_thousands", "sig3", "sig4", "sci", "sci_comma", "x10", "comma_fixed")


@dataclass(frozen=True)
class NumStyle:
    kind: str
    mantissa: int = 2  # decimals of a scientific mantissa
    exp_form: str = "E+02"  # 'E+02', 'E+2', 'e+02', 'E2'
    x10_mode: str = "raised"  # 'raised' (exponent drawn small and high), 'unicode' (superscript glyphs), 'caret'
    small: str = "sci"  # how a fixed style prints values below 0.01: 'sci' or 'decimals'

    @property
    def comma_decimal(self) -> bool:
        return self.kind in ("sci_comma", "comma_fixed")

    def label(self) -> str:
        if self.kind in ("sci", "sci_comma"):
            return f"{self.kind}({self.mantissa},{self.exp_form})"
        if self.kind == "x10":
            return f"x10({self.x10_mode})"
        return self.kind


@dataclass(frozen=True)
class Printed:
    """A number as drawn: the main text and, for a raised exponent, the small text drawn after it."""

    main: str
    sup: str = ""

    @property
    def text(self) -> str:
        return self.main + self.sup


SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")


def _exp_text(exp: int, form: str) -> str:
    if form == "E+02":
        return f"E{exp:+03d}"
    if form == "E+2":
        return f"E{exp:+d}"
    if form == "e+02":
        return f"e{exp:+03d}"
    return f"E{exp}"  # 'E2', 'E-3'


def _split_sci(value: float, digits: int) -> tuple[str, int]:
    text = f"{value:.{digits}e}"
    mant, _, exp = text.partition("e")
    return mant, int(exp)


def _fixed_decimals(value: float) -> int:
    a = abs(value)
    if a >= 1000:
        return 0
    if a >= 100:
        return 1
    if a >= 10:
        return 2
    if a >= 1:
        return 2
    if a >= 0.1:
        return 3
    return 4


def format_number(value: float, style: NumStyle, unicode_ok: bool = True) -> Printed:
    """The printed text of a value in a style (every indicator: tiny values fall back as real templates do)."""
    kind = style.kind
    if value == 0:
        return Printed("0")
    if kind in ("sci", "sci_comma"):
        mant, exp = _split_sci(value, style.mantissa)
        if kind == "sci_comma":
            mant = mant.replace(".", ",")
        return Printed(mant + _exp_text(exp, style.exp_form))
    if kind == "x10":
        mant, exp = _split_sci(value, style.mantissa)
        if exp == 0 and style.x10_mode != "caret":
            return Printed(mant)
        if style.x10_mode == "unicode" and unicode_ok:
            return Printed(f"{mant}×10{str(exp).translate(SUPERSCRIPT)}")
        if style.x10_mode == "caret":
            return Printed(f"{mant}x10^{exp}")
        return Printed(f"{mant}x10", str(exp))
    a = abs(value)
    if a < 0.01 and style.small == "sci":
        mant, exp = _split_sci(value, 2)
        text = mant + f"E{exp:+03d}"
        return Printed(text.replace(".", ",") if style.comma_decimal else text)
    if kind in ("sig3", "sig4"):
        sig = 3 if kind == "sig3" else 4
        mag = math.floor(math.log10(a))
        decimals = max(0, sig - 1 - mag)
        rounded = round(value, decimals)
        return Printed(f"{rounded:,.{decimals}f}")
    decimals = _fixed_decimals(value)
    if a < 0.01:
        decimals = max(4, -math.floor(math.log10(a)) + 2)
    if kind == "fixed_thousands":
        return Printed(f"{value:,.{decimals}f}")
    if kind == "comma_fixed":
        return Printed(f"{value:.{min(decimals, 2) if a >= 1 else decimals}f}".replace(".", ","))
    return Printed(f"{value:.{decimals}f}")


def parse_printed(printed: Printed, style: NumStyle) -> Decimal:
    """The exact value of a printed number (the inverse of format_number for its style)."""
    text = printed.text
    if "×10" in text:
        mant, _, exp = text.partition("×10")
        exp = exp.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+"))
        return Decimal(mant) * (Decimal(10) ** int(exp))
    if "x10^" in text:
        mant, _, exp = text.partition("x10^")
        return Decimal(mant) * (Decimal(10) ** int(exp))
    if printed.sup:
        mant = printed.main[: -len("x10")]
        return Decimal(mant) * (Decimal(10) ** int(printed.sup))
    if style.comma_decimal:
        return Decimal(text.replace(",", "."))
    return Decimal(text.replace(",", ""))


# ---------------------------------------------------------------------------------------------------- dates

DATE_STYLES = ("long", "long_ord", "dmy_long", "us_slash", "us_slash_short", "iso", "abbr", "dmy_abbr", "long_pad")
# styles a Canadian or international program would not use (the month-first slash form)
US_ONLY_DATES = ("us_slash", "us_slash_short")


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def format_date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "long_pad":
        return f"{MONTHS[d.month - 1]} {d.day:02d}, {d.year}"
    if style == "long_ord":
        return f"{MONTHS[d.month - 1]} {_ordinal(d.day)}, {d.year}"
    if style == "dmy_long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "us_slash":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us_slash_short":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "abbr":
        return f"{MONTHS_ABBR[d.month - 1]} {d.day}, {d.year}"
    if style == "dmy_abbr":
        return f"{d.day:02d}-{MONTHS_3[d.month - 1]}-{d.year}"
    raise ValueError(style)


def add_years(d: dt.date, years: int) -> dt.date:
    return d.replace(year=d.year + years)
