"""Walk parsed JSON while keeping the JSON path of every value, so each extracted value carries its evidence."""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, count
from typing import Any

from buyclean.core.model import Candidate, Evidence, Extracted, Quantity, missing
from buyclean.core.units import ambiguous_unit, parse_number, parse_quantity

_SIMPLE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# --- nesting depth, measured on the UTF-8 bytes before json.loads recurses into them ------------------------------

_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_NOT_MARK = bytes(c for c in range(256) if c not in b'"[]{}')
_ONE_BRACKET = bytes.maketrans(b"{}", b"[]")
_STEP = bytes.maketrans(b"[]", b"\x02\x00")


def nesting_depth_exceeds(data: bytes, limit: int) -> bool:
    """True when UTF-8 JSON ``data`` nests arrays and objects deeper than ``limit``; brackets in strings do not count.

    Works on the bytes, in a few passes of C (translate, replace): no byte of a multi-byte UTF-8 character is ASCII,
    so quotes, brackets and backslashes are found exactly. On an EC3 record it takes about 25 us, where a regular
    expression that drops the strings from the decoded text takes about 200 us, twice ``json.loads`` itself.
    """
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)  # every escape pair (\\, \", \u...) goes, so quotes then alternate exactly
    marks = data.translate(None, _NOT_MARK)
    if marks.count(b"[") + marks.count(b"{") <= limit:
        return False
    # what is left of a string is its quotes and any brackets inside it; most strings leave '""', dropped in one pass
    marks = marks.replace(b'""', b"")
    if b'"' in marks:
        marks = _STRING.sub(b"", marks)
    brackets = marks.translate(_ONE_BRACKET)
    # each pass drops every innermost '[]' pair, so a balanced sequence empties after as many passes as it is deep
    remaining = brackets
    for _ in range(limit):
        shorter = remaining.replace(b"[]", b"")
        if not shorter:
            return False
        if len(shorter) == len(remaining):
            break
        remaining = shorter
    # deeper than the limit, or unbalanced (malformed JSON): the running depth decides
    depths = map(operator.sub, accumulate(brackets.translate(_STEP)), count(1))
    return max(depths, default=0) > limit


def join(path: str, key: str | int) -> str:
    """Extend a JSON path: join('$', 'a') == '$.a', join('$.a', 0) == '$.a[0]', odd keys are quoted."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if _SIMPLE_KEY.match(key) else f"{path}[{key!r}]"


@lru_cache(maxsize=4096)
def _path(path: str, keys: tuple[str | int, ...]) -> str:
    # readers ask for the same few paths of every document ('$.category.openepd'): build each string once
    for key in keys:
        path = join(path, key)
    return path


def get(doc: Any, *keys: str | int, path: str = "$") -> tuple[Any, str]:
    """Follow keys into doc; return (value or None, the JSON path followed)."""
    value = doc
    for depth, key in enumerate(keys, start=1):
        if isinstance(key, int):
            value = value[key] if isinstance(value, list) and -len(value) <= key < len(value) else None
        else:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            return None, _path(path, keys[:depth])
    return value, _path(path, keys)


def evidence(path: str, value: Any = None, note: str | None = None) -> Evidence:
    text = None if value is None else value[:200] if isinstance(value, str) else str(value)[:200]
    return Evidence(path=path, text=text, note=note)


@lru_cache(maxsize=1024)
def absent(path: str) -> Extracted[Any]:
    """Nothing at ``path``, and no reason to ask for review: one shared value per path (Extracted is immutable)."""
    return missing(evidence=Evidence(path=path))


def text_at(doc: Any, *keys: str | int, path: str = "$") -> Extracted[str]:
    """A non-empty string (numbers are turned into text) at keys, with its path."""
    value, p = get(doc, *keys, path=path)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return absent(p)
    return Extracted(value.strip(), evidence(p, value))


def bool_at(doc: Any, *keys: str | int, path: str = "$") -> Extracted[bool]:
    value, p = get(doc, *keys, path=path)
    if isinstance(value, bool):
        return Extracted(value, evidence(p, value))
    return absent(p)


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> dt.date | None:
    """Parse an ISO date or timestamp ('2022-12-28', '2022-12-28T00:00:00Z'); None otherwise."""
    m = _ISO_DATE.match(text)
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
        return absent(p)
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
        from buyclean.core.model import Candidate

        return Extracted(None, evidence(p, raw), tuple(Candidate(Quantity(1.0, u), evidence(p, raw)) for u in options),
                         f"'{raw}' may be a metric ton or a short ton, and no mass per declared unit settles it")
    q = parse_quantity(raw)
    if q is None:
        return missing(f"declared unit '{raw}' at {p} is not a unit buyclean can place", evidence(p, raw))
    return Extracted(q, evidence(p, raw))


# --- A1-A3 from per-module amounts (ILCD+EPD, EN ISO 22057) ---------------------------------------------------

# Spellings of the aggregated production stage; anything else is a single module or a scenario.
_A1A3_MODULES = {"A1-A3", "A1A2A3", "A1-3", "A1+A2+A3", "A1TOA3"}
_NOT_DECLARED = {"", "INA", "ND", "MND", "NR", "N/A", "NA", "-", "X"}


@dataclass(frozen=True)
class ModuleAmount:
    """One module's raw amount of one indicator ('A1', '12.3'), with the JSON path of the amount."""

    module: str
    value: Any
    path: str
    scenario: str | None = None


_SPACES = re.compile(r"\s+")


def _module_key(module: str) -> str:
    return _SPACES.sub("", module.replace("\u2013", "-").replace("\u2014", "-")).upper()


def _amount(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and value.strip().upper() not in _NOT_DECLARED:
        return parse_number(value)
    return None


def a1a3_amount(entries: Sequence[ModuleAmount], where: str) -> Extracted[tuple[float, str]]:
    """Return (amount, modules) for A1-A3: the 'A1-A3' amount as declared, else A1+A2+A3 summed and said so."""
    by_module: dict[str, list[ModuleAmount]] = {}
    for entry in entries:
        if _amount(entry.value) is not None:
            by_module.setdefault(_module_key(entry.module), []).append(entry)
    aggregated = [e for key in _A1A3_MODULES for e in by_module.get(key, [])]
    split = [by_module.get(m, []) for m in ("A1", "A2", "A3")]
    if len(aggregated) > 1 or any(len(s) > 1 for s in split):
        # several scenarios for the production stage: which one the EPD means is not ours to pick
        options = aggregated or [e for s in split for e in s]
        scenarios = ", ".join(sorted({e.scenario or "none" for e in options}))
        return Extracted(None, evidence(where), tuple(Candidate((_amount(e.value) or 0.0, e.module),
                                                               evidence(e.path, e.value, e.scenario)) for e in options),
                         f"A1-A3 is given more than once at {where} (scenarios {scenarios}); pick the declared one "
                         "by hand")
    summed: Candidate[tuple[float, str]] | None = None
    if all(split):
        parts = [(s[0], _amount(s[0].value) or 0.0) for s in split]
        text = "; ".join(f"{e.module} {e.value}" for e, _ in parts)
        summed = Candidate((math.fsum(v for _, v in parts), "A1+A2+A3"),
                           evidence(where, text, "A1-A3 is not declared as one amount; summed A1+A2+A3"))
    if aggregated:
        entry = aggregated[0]
        declared = Candidate((_amount(entry.value) or 0.0, "A1-A3"), evidence(entry.path, entry.value))
        if summed is None or math.isclose(summed.value[0], declared.value[0], rel_tol=0.01, abs_tol=1e-9):
            # a split that agrees with the declared total only confirms it
            return Extracted(declared.value, declared.evidence)
        return Extracted(None, declared.evidence, (declared, summed),
                         f"the declared A1-A3 ({declared.value[0]:g}) differs from A1+A2+A3 ({summed.value[0]:g}) "
                         f"at {where}; check the results table of the EPD")
    if summed is not None:
        return Extracted(summed.value, summed.evidence)
    present = [m for m in ("A1", "A2", "A3") if by_module.get(m)]
    if present:
        return missing(f"only {', '.join(present)} of A1, A2, A3 are declared at {where}, so A1-A3 cannot be formed; "
                       "check the EPD's results table", evidence(where))
    return missing(f"no A1-A3 amount (aggregated or as A1, A2, A3) at {where}", evidence(where))
