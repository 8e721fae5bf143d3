"""Number and date forms as North American EPDs print them."""

from __future__ import annotations

import datetime as dt
import random

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def date_text(day: dt.date, style: str) -> str:
    month = MONTHS[day.month - 1]
    return {
        "long": f"{month} {day.day}, {day.year}",
        "ordinal": f"{month} {ordinal(day.day)}, {day.year}",
        "ordinal_dot": f"{month} {ordinal(day.day)} . {day.year}",
        "us": f"{day.month:02d}/{day.day:02d}/{day.year}",
        "iso": day.isoformat(),
        "dmy": f"{day.day} {month} {day.year}",
        "abbr": f"{month[:3]}. {day.day}, {day.year}" if month != "May" else f"May {day.day}, {day.year}",
    }[style]


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def number_text(value: float, style: str) -> str:
    """A value in one of the printed forms; the reader must take the value the text states."""
    if style == "int":
        return f"{value:,.0f}"
    if style == "int_plain":
        return f"{value:.0f}"
    if style == "dec1":
        return f"{value:,.1f}"
    if style == "dec2":
        return f"{value:,.2f}"
    if style == "sci":
        return f"{value:.2E}".replace("E+0", "E+0")
    if style == "sci_comma":
        return f"{value:.2E}".replace(".", ",")
    if style == "sig3":
        digits = max(0, 2 - len(str(int(abs(value)))) + 1)
        return f"{value:,.{digits}f}"
    raise ValueError(style)


def parse_number(text: str) -> float:
    if "E" in text and "," in text:
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def pick_number_style(rng: random.Random, big: bool) -> str:
    styles = ["int", "dec1", "dec2", "sci", "sig3"] + (["int_plain"] if big else ["sci_comma", "dec1"])
    return rng.choice(styles)


def small_sci(rng: random.Random, low: float, high: float, comma: bool = False) -> str:
    text = f"{rng.uniform(low, high):.2E}"
    return text.replace(".", ",") if comma else text
