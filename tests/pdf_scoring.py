"""How a reading of a PDF is scored against expected values: which product is which, and what counts as right.

Used by the corpus tests, the generated-document tests and bench/bench_reader_accuracy.py, so that every figure
the README reports is counted the same way.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from buyclean.core.assess import assess
from buyclean.core.model import (
    Epd,
    EpdType,
    Evidence,
    Extracted,
    Gwp,
    Material,
    Product,
    Quantity,
    Source,
    SteelProduct,
    SteelRoute,
    SteelType,
    Strength,
)
from buyclean.core.rules import RuleSet
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
    # exact names first, for every expected product, so that a near name ('... 4 mm') never takes the product
    # whose name is exactly another's ('... 5 mm')
    exact_of: dict[int, Product] = {}
    for n, want in enumerate(expected):
        name = (want.get("name") or "").strip()
        exact = [p for p in products if id(p) not in taken and p.name.value and p.name.value.strip() == name
                 and not want.get("market")]
        if exact:
            exact_of[n] = exact[0]
            taken.add(id(exact[0]))
    for n, want in enumerate(expected):
        name = (want.get("name") or "").strip()
        wanted = _tokens(name) | _tokens(want.get("market"))
        if n in exact_of:
            out.append(exact_of[n])
            continue
        free = [p for p in products if id(p) not in taken]
        found: Product | None = None
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
    # a product read with a confident GWP that is none of the printed ones ('kg CFC-11 eq' read as a product):
    # as bad as a wrong value, and not counted in ``total``
    invented: int = 0
    invented_misread: int = 0  # of ``invented``, those whose value is none of the printed products' either
    wrongs: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.right += other.right
        self.wrong += other.wrong
        self.review += other.review
        self.missing += other.missing
        self.total += other.total
        self.invented += other.invented
        self.invented_misread += other.invented_misread
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
    known = {id(p) for p in match_products(products, expected) if p is not None}
    # the corpus files' expected values list the products checked, not always all of a document's (IES_11)
    complete = not any(isinstance(w.get("gwp_a1a3"), dict) for w in expected)
    for p in products if complete else ():
        gwp = p.gwp_a1a3.value
        if id(p) not in known and gwp is not None and p.gwp_a1a3.review is None:
            score.invented += 1
            printed = any(_agrees(gwp.value, gwp.per_unit, w) for w in expected
                          if isinstance(w.get("gwp_a1a3"), (int, float)))
            score.invented_misread += not printed
            score.wrongs.append(f"invented {p.name.value!r}: {gwp.value:g} per {gwp.per_unit}"
                                + ("" if printed else ", a value no product has"))
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


# --- the verdict a product read from a PDF gets, against the one its printed facts call for -------------------

ON = dt.date(2026, 6, 1)
SOURCE = Source("generated.pdf", "0" * 64, "pdf", 0)


def _known(value: Any) -> Extracted[Any]:
    return Extracted(value, Evidence(note="expected"))


# the steel products as devgen_i names them
_STEEL_NAMES = {"hot_rolled_section": "hot_rolled", "hot_rolled_coil": "sheet", "wire": "other"}


def expected_product(want: dict[str, Any]) -> Product | None:
    """The product as the document states it, for the verdict it should get; None when the facts are missing."""
    material = want.get("material")
    unit = want.get("declared_unit")
    if material is None or unit is None or not isinstance(want.get("gwp_a1a3"), (int, float)):
        return None
    strength = None
    if want.get("strength_psi"):
        psi = float(want["strength_psi"])
        strength = Strength(psi, "psi", psi)
    steel = None
    if want.get("steel_product"):
        route = {"eaf": SteelRoute.EAF, "integrated": SteelRoute.INTEGRATED}.get(want.get("route") or "")
        kind = _STEEL_NAMES.get(want["steel_product"], want["steel_product"])
        steel = SteelType(SteelProduct(kind), want.get("fabricated"), route)
    return Product(
        name=_known(want.get("name") or "product"), material=_known(Material(material)),
        declared_unit=_known(Quantity(1.0, unit)),
        gwp_a1a3=_known(Gwp(float(want["gwp_a1a3"]), unit, "GWP")),
        category=_known(want.get("description") or want.get("name") or ""),
        compressive_strength=_known(strength) if strength else Extracted(None),
        high_early_strength=_known(bool(want.get("high_early_strength"))),
        steel=_known(steel) if steel else Extracted(None),
    )


def later_age(want: dict[str, Any]) -> bool:
    """A mix whose strength is stated at 56 or 90 days: GSA's rows select on the specified 28-day strength
    (domain.md), so the printed facts decide no row; the reader leaves it for review. (The development family,
    tests/pdfgen.py, names the age ``strength_days``.)"""
    return want.get("strength_age_days", want.get("strength_days")) not in (None, 28)


def document_text(pdf: bytes) -> str:
    """The text of every page of a PDF, as pdfium extracts it."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def strength_printed(want: dict[str, Any], text: str) -> bool:
    """Whether a mix's strength is printed in the document at all ('5000', '5,000 psi', '34.5 MPa', '5 ksi'):
    a generator may know a strength it never prints, and a strength not printed decides no row."""
    psi = want.get("strength_psi")
    if not psi:
        return False
    mpa = float(psi) / 145.038
    forms: set[str] = set()
    units = set(re.findall(r"\b(psi|mpa|ksi)\b", text.lower()))
    if "psi" in units:
        forms |= {f"{psi:.0f}", f"{psi:,.0f}"}
    if "mpa" in units:
        forms |= {f"{mpa:.1f}", f"{mpa:.0f}", f"{mpa:g}"}
    if "ksi" in units:
        forms.add(f"{float(psi) / 1000:g}")
    numbers = set(re.findall(r"\d[\d,]*(?:\.\d+)?", text))
    return bool(forms & numbers)


def age_printed(want: dict[str, Any], text: str) -> bool:
    """Whether a mix's later test age (56 or 90 days) is printed in the document at all: as a number of its own
    ('56', not '231.56' or '56%') in a document that speaks of days or ages. A generator may know an age it never
    prints; a document that prints none states its strengths at 28 days (by the convention for f'c, often in words:
    'specified at 28 days unless stated otherwise'), and a reader cannot know better."""
    age = want.get("strength_age_days", want.get("strength_days"))
    if age in (None, 28):
        return True
    if not re.search(r"\bdays?\b|\bage\b|\d\s*d\b", text, re.I):
        return False
    return re.search(rf"(?<![\d.,]){age}(?![\d%]|[.,]\d)", text) is not None


def expected_verdicts(expected: dict[str, Any], rulesets: list[Any], text: str | None = None) -> list[str | None]:
    """The GSA verdict each expected product should get (None where its row cannot be decided from the facts
    printed: with the document's ``text``, a concrete mix's strength must be printed in it)."""
    out: list[str | None] = []
    for want in expected["products"]:
        product = expected_product(want)
        unprinted = text is not None and want.get("material") == "concrete" and not strength_printed(want, text)
        if product is None or want.get("lightweight") or want.get("glass_processed") or later_age(want) or unprinted:
            out.append(None)
            continue
        epd = Epd("pdf", (product,), valid_until=_known(dt.date(2030, 1, 1)), issued=_known(dt.date(2024, 1, 1)),
                  epd_type=_known(EpdType.PRODUCT_SPECIFIC), third_party_verified=_known(True))
        verdict = assess(epd, rulesets, source=SOURCE, on=ON).products[0].verdicts[0]
        out.append(verdict.status.value if verdict.status.value in ("pass", "fail") else None)
    return out


@dataclass
class VerdictScore:
    right: int = 0
    wrong: int = 0  # a pass where a fail is due, or the other way: what must never happen
    decidable: int = 0
    later_age: int = 0  # mixes left out of ``decidable``: strength stated at 56 or 90 days only
    unprinted: int = 0  # mixes left out of ``decidable``: a strength the document does not print
    # mixes left out of ``decidable`` whose later age (56/90 days) the document never prints: read at 28 days, as the
    # document states; a pass or fail given to them is counted here, not as confident on the undecidable
    age_unprinted: int = 0
    confident_age_unprinted: int = 0
    # of those left out, the ones given a pass or fail all the same: a row chosen on facts the document does not print
    confident_undecidable: int = 0
    wrongs: list[str] = field(default_factory=list)


def score_verdicts(epd: Epd, expected: dict[str, Any], rulesets: list[RuleSet],
                   text: str | None = None) -> VerdictScore:
    """Judge the products read as the products printed would be judged (the document checks set aside): right,
    wrong (a confident pass or fail that differs), of those whose printed facts decide a verdict (``text``: the
    document's, to tell the strengths it prints)."""
    score = VerdictScore()
    matched = match_products(epd.products, expected["products"])
    wanted = expected_verdicts(expected, rulesets, text)
    fixed = Epd("pdf", tuple(p for p in matched if p is not None), valid_until=_known(dt.date(2030, 1, 1)),
                issued=_known(dt.date(2024, 1, 1)), epd_type=_known(EpdType.PRODUCT_SPECIFIC),
                third_party_verified=_known(True))
    got = iter(assess(fixed, rulesets, source=SOURCE, on=ON).products)
    for product, want, printed in zip(matched, wanted, expected["products"], strict=True):
        actual = next(got).verdicts[0].status.value if product is not None else None
        if want is None:
            if expected_product(printed) is not None and printed.get("material") == "concrete":
                if later_age(printed) and text is not None and not age_printed(printed, text):
                    score.age_unprinted += 1
                    score.confident_age_unprinted += actual in ("pass", "fail")
                    continue
                if later_age(printed):
                    score.later_age += 1
                elif text is not None and not strength_printed(printed, text):
                    score.unprinted += 1
                else:
                    continue
                if actual in ("pass", "fail"):
                    score.confident_undecidable += 1
                    score.wrongs.append(f"{actual} for {product.name.value if product else None!r}, whose printed "
                                        "strength decides no row")
            continue
        score.decidable += 1
        if actual == want:
            score.right += 1
        elif actual in ("pass", "fail"):
            score.wrong += 1
            score.wrongs.append(f"{actual} for {product.name.value if product else None!r}, expected {want}")
    return score
