"""How well the PDF reader reads: GWP per product, the GSA verdict and the metadata, on the real corpus and on
generated documents (the development family in tests/pdfgen.py and the independently written tests/heldout).

    python bench/reader_accuracy.py                       # corpus, dev seeds 0-99, held-out seeds 0-99
    python bench/reader_accuracy.py --dev 0:200 --heldout 1000:1200 --show-failures
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-b 0:60   # tests/devgen_b

A value read with confidence that is not the printed one is "wrong": the worst outcome. "review" is a value left for
an officer to confirm; "missing" is a product the reader did not find. The GSA verdict is compared for products
whose row can be decided from the expected facts (a strength class or steel row, a valid EPD).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.pdf_scoring import Score, match_products, score_gwp  # noqa: E402

from buyclean.core.assess import assess  # noqa: E402
from buyclean.core.model import (  # noqa: E402
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
from buyclean.core.readers.pdf import read_pdf  # noqa: E402
from buyclean.core.rules import load_rulesets  # noqa: E402
from buyclean.errors import BuycleanError  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
ON = dt.date(2026, 6, 1)
SOURCE = Source("generated.pdf", "0" * 64, "pdf", 0)


def _known(value: Any) -> Extracted[Any]:
    return Extracted(value, Evidence(note="expected"))


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
        steel = SteelType(SteelProduct(want["steel_product"]), want.get("fabricated"), route)
    return Product(
        name=_known(want.get("name") or "product"), material=_known(Material(material)),
        declared_unit=_known(Quantity(1.0, unit)),
        gwp_a1a3=_known(Gwp(float(want["gwp_a1a3"]), unit, "GWP")),
        category=_known(want.get("description") or want.get("name") or ""),
        compressive_strength=_known(strength) if strength else Extracted(None),
        high_early_strength=_known(bool(want.get("high_early_strength"))),
        steel=_known(steel) if steel else Extracted(None),
    )


def expected_verdicts(expected: dict[str, Any], rulesets: list[Any]) -> list[str | None]:
    """The GSA verdict each expected product should get (None where its row cannot be decided from the facts)."""
    out: list[str | None] = []
    for want in expected["products"]:
        product = expected_product(want)
        if product is None or want.get("lightweight") or want.get("glass_processed"):
            out.append(None)
            continue
        epd = Epd("pdf", (product,), valid_until=_known(dt.date(2030, 1, 1)), issued=_known(dt.date(2024, 1, 1)),
                  epd_type=_known(EpdType.PRODUCT_SPECIFIC), third_party_verified=_known(True))
        verdict = assess(epd, rulesets, source=SOURCE, on=ON).products[0].verdicts[0]
        out.append(verdict.status.value if verdict.status.value in ("pass", "fail") else None)
    return out


def evaluate(label: str, documents: Iterable[tuple[str, Callable[[], tuple[bytes, dict[str, Any]]]]],
             show: bool) -> dict[str, Any]:
    rulesets = [load_rulesets()["gsa-ira-lec"]]
    gwp = Score()
    verdict_right = verdict_wrong = verdict_total = 0
    meta = {"right": 0, "wrong": 0, "missing": 0}
    times: list[float] = []
    for name, make in documents:
        pdf, expected = make()
        started = time.perf_counter()
        try:
            epd = read_pdf(pdf)
        except BuycleanError as exc:
            print(f"  {name}: unreadable: {exc.message}")
            continue
        times.append(time.perf_counter() - started)
        score = score_gwp(epd.products, expected["products"])
        gwp.add(score)
        if show and (score.wrong or score.right < score.total):
            print(f"  {name}: {score.right}/{score.total} right, {score.wrong} wrong, {score.review} review, "
                  f"{score.missing} missing {score.wrongs[:2]} {expected.get('description', '')[:120]}")
        # the verdict the matched product gets, against the one its printed facts call for
        matched = match_products(epd.products, expected["products"])
        wanted = expected_verdicts(expected, rulesets)
        fixed = Epd("pdf", tuple(p for p in matched if p is not None), valid_until=_known(dt.date(2030, 1, 1)),
                    issued=_known(dt.date(2024, 1, 1)), epd_type=_known(EpdType.PRODUCT_SPECIFIC),
                    third_party_verified=_known(True))
        got = iter(assess(fixed, rulesets, source=SOURCE, on=ON).products)
        for product, want in zip(matched, wanted, strict=True):
            actual = next(got).verdicts[0].status.value if product is not None else None
            if want is None:
                continue
            verdict_total += 1
            if actual == want:
                verdict_right += 1
            elif actual in ("pass", "fail"):
                verdict_wrong += 1
                if show:
                    print(f"  {name}: WRONG VERDICT {actual} for {product.name.value if product else None!r}, "
                          f"expected {want}")
        for field in ("registration_number", "issued", "valid_until"):
            want_value = expected.get(field)
            want_value = want_value.get("value") if isinstance(want_value, dict) else want_value
            got_field = getattr(epd, field)
            value = got_field.value.isoformat() if hasattr(got_field.value, "isoformat") else got_field.value
            if value is None or got_field.review is not None:
                meta["missing"] += 1
            elif value == want_value:
                meta["right"] += 1
            else:
                meta["wrong"] += 1
                if show:
                    print(f"  {name}: WRONG {field} {value!r}, expected {want_value!r}")
    times.sort()
    result = {
        "group": label, "documents": len(times),
        "gwp": {"right": gwp.right, "wrong": gwp.wrong, "review": gwp.review, "missing": gwp.missing,
                "total": gwp.total, "accuracy": round(gwp.accuracy, 4)},
        "gsa_verdict": {"right": verdict_right, "wrong": verdict_wrong, "decidable": verdict_total,
                        "accuracy": round(verdict_right / verdict_total, 4) if verdict_total else None},
        "metadata": meta,
        "seconds": {"median": round(times[len(times) // 2], 3) if times else None,
                    "max": round(times[-1], 3) if times else None},
    }
    print(json.dumps(result))
    return result


def corpus(folder: str) -> list[tuple[str, Callable[[], tuple[bytes, dict[str, Any]]]]]:
    data = ROOT / "tests" / "data" / ("pdf_expected" if folder == "pdf" else "pdf_na_expected")
    out = []
    for path in sorted(data.glob("*.json")):
        expected = json.loads(path.read_text())
        file = CORPUS / folder / expected["file"]
        out.append((path.stem, lambda f=file, e=expected: (f.read_bytes(), e)))
    return out


def generated(kind: str, seeds: range) -> list[tuple[str, Callable[[], tuple[bytes, dict[str, Any]]]]]:
    if kind == "dev":
        from tests import pdfgen

        def make_dev(seed: int) -> tuple[bytes, dict[str, Any]]:
            doc = pdfgen.family(seed)
            pdf = doc.pdf()
            return pdf, doc.expected

        return [(f"dev {s}", lambda s=s: make_dev(s)) for s in seeds]
    if kind == "dev-b":
        from tests.devgen_b import generator as devgen_b

        def make_dev_b(seed: int) -> tuple[bytes, dict[str, Any]]:
            doc = devgen_b.generate(seed)
            return doc.pdf, doc.expected

        return [(f"dev-b {s}", lambda s=s: make_dev_b(s)) for s in seeds]
    from tests.heldout import generator

    def make_heldout(seed: int) -> tuple[bytes, dict[str, Any]]:
        doc = generator.generate(seed)
        return doc.pdf, doc.expected

    return [(f"heldout {s}", lambda s=s: make_heldout(s)) for s in seeds]


def _range(text: str) -> range:
    a, _, b = text.partition(":")
    return range(int(a), int(b))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", default="0:100", help="seeds of tests/pdfgen.family, a:b (empty: skip)")
    parser.add_argument("--heldout", default="0:100", help="seeds of tests/heldout, a:b (empty: skip)")
    parser.add_argument("--dev-b", default="", help="seeds of tests/devgen_b, a:b (empty: skip)")
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    if not args.no_corpus and CORPUS.exists():
        evaluate("corpus European (pdf/)", corpus("pdf"), args.show_failures)
        evaluate("corpus North American (pdf-na/)", corpus("pdf-na"), args.show_failures)
    if args.dev:
        evaluate(f"generated development seeds {args.dev}", generated("dev", _range(args.dev)), args.show_failures)
    if args.heldout:
        evaluate(f"generated held-out seeds {args.heldout}", generated("heldout", _range(args.heldout)),
                 args.show_failures)
    if args.dev_b:
        evaluate(f"generated devgen_b seeds {args.dev_b}", generated("dev-b", _range(args.dev_b)), args.show_failures)


if __name__ == "__main__":
    main()
