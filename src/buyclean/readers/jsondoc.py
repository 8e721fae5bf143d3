"""Walk parsed JSON while keeping the JSON path of every value, so each extracted value carries its evidence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from buyclean.model import Evidence, Extracted, Quantity, missing
from buyclean.units import ambiguous_unit, parse_quantity

_SIMPLE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def join(path: str, key: str | int) -> str:
    """Extend a JSON path: join('$', 'a') == '$.a', join('$.a', 0) == '$.a[0]', odd keys are quoted."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if _SIMPLE_KEY.match(key) else f"{path}[{key!r}]"


def get(doc: Any, *keys: str | int, path: str = "$") -> tuple[Any, str]:
    """Follow keys into doc; return (value or None, the JSON path followed)."""
    value = doc
    for key in keys:
        path = join(path, key)
        if isinstance(key, int):
            value = value[key] if isinstance(value, list) and -len(value) <= key < len(value) else None
        else:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            return None, path
    return value, path


def evidence(path: str, value: Any = None, note: str | None = None) -> Evidence:
    text = None if value is None else str(value)[:200]
    return Evidence(path=path, text=text, note=note)


def text_at(doc: Any, *keys: str | int, path: str = "$") -> Extracted[str]:
    """A non-empty string (numbers are turned into text) at keys, with its path."""
    value, p = get(doc, *keys, path=path)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return missing(evidence=Evidence(path=p))
    return Extracted(value.strip(), evidence(p, value))


def bool_at(doc: Any, *keys: str | int, path: str = "$") -> Extracted[bool]:
    value, p = get(doc, *keys, path=path)
    if isinstance(value, bool):
        return Extracted(value, evidence(p, value))
    return missing(evidence=Evidence(path=p))


def parse_date(text: str) -> dt.date | None:
    """Parse an ISO date or timestamp ('2022-12-28', '2022-12-28T00:00:00Z'); None otherwise."""
    m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", text)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_at(doc: Any, *keys: str | int, path: str = "$") -> Extracted[dt.date]:
    """An ISO date at keys; a value that is present but not a date asks for review."""
    value, p = get(doc, *keys, path=path)
    if value is None or value == "":
        return missing(evidence=Evidence(path=p))
    parsed = parse_date(str(value))
    if parsed is None:
        return missing(f"'{value}' at {p} is not a date in YYYY-MM-DD form", evidence(p, value))
    return Extracted(parsed, evidence(p, value))


def quantity_from(text: Any, p: str, *, mass_kg: float | None = None) -> Extracted[Quantity]:
    """A declared unit from its text; '1 ton' is settled by the mass per declared unit, else asks for review."""
    if text is None or (isinstance(text, str) and text.strip().lower() in ("", "none", "null")):
        return missing(f"no declared unit at {p}", Evidence(path=p))
    raw = str(text)
    options = ambiguous_unit(raw)
    if options:
        if mass_kg is not None:
            for unit, kg in (("t", 1000.0), ("short_ton", 907.185)):
                if abs(mass_kg - kg) / kg < 0.01:
                    return Extracted(Quantity(1.0, unit), evidence(p, raw, f"'{raw}' read as {unit}: the record's "
                                                                       f"mass per declared unit is {mass_kg:g} kg"))
        from buyclean.model import Candidate

        return Extracted(None, evidence(p, raw), tuple(Candidate(Quantity(1.0, u), evidence(p, raw)) for u in options),
                         f"'{raw}' may be a metric ton or a short ton, and no mass per declared unit settles it")
    q = parse_quantity(raw)
    if q is None:
        return missing(f"declared unit '{raw}' at {p} is not a unit buyclean can place", evidence(p, raw))
    return Extracted(q, evidence(p, raw))
