"""How a reading of a PDF is scored against expected values: which product is which, and what counts as right.

Used by the corpus tests, the generated-document tests and bench/bench_reader_accuracy.py, so that every figure
the README reports is counted the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from buyclean.core.model import Product
from buyclean.core.units import convert_per_unit

# values printed to three significant figures agree within half a percent
TOLERANCE = 0.005


def _tokens(text: str | None) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", (text or "").lower()))


def match_products(products: Sequence[Product], expected: Sequence[dict[str, Any]]) -> list[Product | None]:
    """The product read for each expected one: the same name, else the one whose name shares the most telling
    words with the expected name (and market), else, in a single-product document, the one product."""
    names = [_tokens(p.name.value) for p in products]
    df = {t: sum(t in n for n in names) for n in names for t in n}

    def weight(tokens: set[str]) -> float:
        # words every product's name has ('overflatebehandlet') tell little, words none has tell nothing here
        return sum(math.log(1 + len(names) / df[t]) for t in tokens if t in df)

    def _overlap(a: set[str], b: set[str]) -> float:
        common = weight(a & b)
        return max(common / weight(a) if weight(a) else 0.0, common / weight(b) if weight(b) else 0.0)

    taken: set[int] = set()
    out: list[Product | None] = []
    for want in expected:
        name = (want.get("name") or "").strip()
        wanted = _tokens(name) | _tokens(want.get("market"))
        free = [p for p in products if id(p) not in taken]
        exact = [p for p in free if p.name.value and p.name.value.strip() == name and not want.get("market")]
        found: Product | None = exact[0] if exact else None
        if found is None and wanted:
            # the share of either name's words the other holds ('S20' in 'ENVISIA® S20', or the other way)
            scored = sorted(((_overlap(wanted, _tokens(p.name.value)), -len(_tokens(p.name.value)), n, p)
                             for n, p in enumerate(free) if p.name.value), key=lambda s: (-s[0], -s[1], s[2]))
            if scored and scored[0][0] >= 0.6 and (len(scored) == 1 or scored[0][:2] != scored[1][:2]):
                found = scored[0][3]
        if found is None and len(expected) == 1 and len(products) == 1:
            found = products[0]
        if found is not None:
            taken.add(id(found))
        out.append(found)
    return out


@dataclass
class Score:
    right: int = 0
    wrong: int = 0  # a confident value that is not the expected one: the worst outcome
    review: int = 0
    missing: int = 0
    total: int = 0
    wrongs: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.right += other.right
        self.wrong += other.wrong
        self.review += other.review
        self.missing += other.missing
        self.total += other.total
        self.wrongs += other.wrongs

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def expected_values(want: dict[str, Any]) -> dict[str, float]:
    """Every unit the expected product states its GWP in (kg CO2e per one unit)."""
    if isinstance(want.get("gwp_a1a3"), dict):  # corpus files: per declared unit
        return {}
    values = dict(want.get("gwp_by_unit") or {})
    if want.get("gwp_a1a3") is not None and want.get("declared_unit"):
        values.setdefault(want["declared_unit"], float(want["gwp_a1a3"]))
    return values


def score_gwp(products: Sequence[Product], expected: Sequence[dict[str, Any]], declared: float | None = None) -> Score:
    """Right, wrong, in review or missing, per expected product with a GWP."""
    score = Score()
    wanted = [w for w in expected if w.get("gwp_a1a3") is not None]
    for want, product in zip(wanted, match_products(products, wanted), strict=True):
        score.total += 1
        gwp = product.gwp_a1a3 if product else None
        if gwp is None or gwp.value is None:
            score.missing += 1
            continue
        if gwp.review is not None:
            score.review += 1
            continue
        if _agrees(gwp.value.value, gwp.value.per_unit, want):
            score.right += 1
        else:
            score.wrong += 1
            score.wrongs.append(f"{want.get('name')!r}: read {gwp.value.value:g} per {gwp.value.per_unit} "
                                f"({product.name.value if product else None!r})")
    return score


def _agrees(value: float, per: str, want: dict[str, Any]) -> bool:
    g = want["gwp_a1a3"]
    if isinstance(g, dict):  # corpus files state the value per declared unit
        target = g["value"]
        return abs(value - target) <= TOLERANCE * max(abs(target), 1e-9)
    for unit, target in expected_values(want).items():
        converted = convert_per_unit(value, per, unit)
        if converted is not None and abs(converted - target) <= TOLERANCE * max(abs(target), 1e-9):
            return True
    return False
