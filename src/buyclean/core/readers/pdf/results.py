"""What every results-table reader shares: indicator names, module-column patterns and the GWP finding.

Three table shapes are met, each read by its own module: indicators as rows and modules as columns (the
EN 15804 layout, ``module_tables``), products as columns with one A1-A3 value each, and products as rows with
indicators as columns (Australasian multi-mix EPDs, both in ``product_tables``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from buyclean.core.readers.pdf.numbers import fold

AGGREGATE = re.compile(r"^(TOTAL)?A1[-+]?(A?2[-+]?)?A?3\*?$|^A1-A3TOTAL$")
MODULE = re.compile(r"^(A[1-5]|B[1-7]|C[1-4]|D)(/\w{1,3}|-[A-D]?\d)?\*?$|^(TOTAL)?A1[-+]?(A?2[-+]?)?A?3\*?$")
FRAGMENT = re.compile(r"^(TOTAL|TOTALA1-A3|[A-D]\d?[-+/]?([A-D]?\d)?\*?|[-+/][A-D]?\d\*?|[A-D]\d/\w{1,3})$")
# Unit words printed in their own column beside the row label ('kg CO2 eq.', '[kg CO2-Eq.]', 'mol H+ eq.').
UNIT_WORD = re.compile(r"^(\[?kg|co2|co2-?eq\.?\]?|-?eq\.?\]?|-?eqv?\.?|mol|h\+|h⁺|mj|m3|m³|cfc-?11|p|n|sb|nmvoc"
                       r"|-?ekv\.?|co2-?ekv\.?|\[.*\]|\(?co2|c2h4|so2|po4)$", re.I)
INDICATOR_HEAD = re.compile(r"^(GWP\w*|ODP|AP|EP\w*|POCP|ADP\w*|WDP|PM|IRP|ETP\w*|HTP\w*|SQP|PERE|PENRE)\*?$", re.I)

# Indicator kinds, tried in order on the folded label text.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ghg", re.compile(r"ghg|iobc|gwp-?bc\b|gwp\s*-?\s*ioc", re.I)),
    ("fossil", re.compile(r"foss", re.I)),
    ("biogenic", re.compile(r"biog", re.I)),
    ("luluc", re.compile(r"luluc|land use", re.I)),
    ("total", re.compile(r"gwp\s*-?\s*tot|gwpt\b|climate change\s*-?\s*tot|global warming potential\s*-?\s*tot"
                         r"|gwp\s*-?\s*totale", re.I)),
    ("plain", re.compile(r"^\(?gwp\b|global warming|gwp100|climate change|^gwp\s*\[", re.I)),
)

INDICATOR_NAMES = {"total": "GWP-total", "plain": "GWP"}


def indicator_kind(label: str) -> str | None:
    """Classify a row label as a GWP indicator kind ('total', 'plain', 'fossil', ...) or None."""
    s = fold(label).replace("\u00ad", "-")
    if re.fullmatch(r"gwp\s*-", s, re.I):
        return None  # the rest of the label wraps onto the next line ('GWP-' / 'LULUC')
    if not re.search(r"gwp|global warming|climate change", s, re.I):
        return None
    return next((kind for kind, pattern in _KINDS if pattern.search(s)), None)


def key(text: str) -> str:
    """Fold a header word for matching module names ('A1 – A3' -> 'A1-A3')."""
    return fold(text).upper().replace(" ", "").replace("–", "-")


@dataclass(frozen=True)
class GwpFinding:
    """One GWP A1-A3 value read from a table, with where it was read."""

    value: float
    kind: str
    modules: str  # "A1-A3" or "A1+A2+A3"
    page: int
    bbox: tuple[float, float, float, float]
    text: str
    product: str | None = None  # a product named by the table (column head, row code or table heading)
    strength: str | None = None
    shape: str = "rows"  # "rows", "product_columns", "product_rows"
    per: str | None = None  # the unit the value's own column states ('per m3', 'per short ton'), if any
    review: str | None = None  # why the value is doubtful (e.g. its per-m3 and per-yd3 columns disagree)
    others: tuple[tuple[float, str], ...] = ()  # the other readings (value, per unit) shown with a review
    note: str | None = None  # how the value was read, when not from positions alone ('read with pdfplumber')
