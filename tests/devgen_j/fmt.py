"""Number and date formatting: every printed number is formatted first and parsed back for the expected value."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SHORT = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


@dataclass(frozen=True)
class NumStyle:
    """How one document prints numbers: fixed with thousands separators, or E-notation."""

    kind: str  # "fixed", "sci", "sci_lower"
    decimals: int  # fixed: decimals for values >= 100; sci: mantissa decimals
    thousands: bool = True

    def fmt(self, x: float, small: bool = False) -> str:
        """Format x; tiny values fall back to E-notation even in fixed style (as real tables do)."""
        if self.kind == "sci" or (small and self.kind == "fixed" and abs(x) < 0.01):
            return f"{x:.{self.decimals if self.kind == 'sci' else 2}E}"
        if self.kind == "sci_lower":
            mant, exp = f"{x:.{self.decimals}e}".split("e")
            return f"{mant}e{int(exp)}"
        d = self.decimals
        ax = abs(x)
        if ax < 100:
            d = max(d, 1)
        if ax < 10:
            d = max(d, 2)
        if ax < 1:
            d = max(d, 3)
        return f"{x:,.{d}f}" if self.thousands else f"{x:.{d}f}"


def parse(s: str) -> float:
    """Parse a number printed by NumStyle.fmt."""
    return float(s.replace(",", ""))


def pick_numstyle(rng: random.Random) -> NumStyle:
    r = rng.random()
    if r < 0.55:
        return NumStyle("fixed", rng.choice([0, 1, 1, 2]), thousands=rng.random() < 0.85)
    if r < 0.93:
        return NumStyle("sci", rng.choice([2, 2, 3]))
    return NumStyle("sci_lower", 2)


def ordinal(n: int) -> str:
    suf = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


DATE_STYLES = ["long", "ordinal", "us", "iso", "short"]


def fmt_date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "ordinal":
        return f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}"
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "iso":
        return d.isoformat()
    return f"{SHORT[d.month - 1]} {d.day}, {d.year}"


def add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)
