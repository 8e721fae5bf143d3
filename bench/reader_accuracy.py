"""How well the PDF reader reads: GWP per product, the GSA verdict and the metadata, on the real corpus and on
generated documents: the development family (tests/pdfgen.py), eleven independently written generators the reader
was developed on after a first measurement on each (tests/heldout, tests/devgen_b to tests/devgen_j, tests/devgen_l),
and the measurement generator (tests/devgen_k), written independently and never tuned on: its failures are never shown,
only its figures.

    python bench/reader_accuracy.py                       # corpus, dev seeds 0-99, held-out seeds 0-99
    python bench/reader_accuracy.py --dev 0:200 --heldout 1000:1200 --show-failures
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-b 0:60   # tests/devgen_b
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-c 0:100      # tests/devgen_c
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-d 0:100      # tests/devgen_d
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-e 0:100      # tests/devgen_e
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-f 0:100      # tests/devgen_f
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-g 0:100      # tests/devgen_g
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-h 0:100      # tests/devgen_h
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-i 0:100      # tests/devgen_i
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-j 0:100      # tests/devgen_j
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --measure 0:100   # tests/devgen_k
    python bench/reader_accuracy.py --no-corpus --dev "" --heldout "" --dev-l 0:100      # tests/devgen_l

A value read with confidence that is not the printed one is "wrong": the worst outcome. "review" is a value left for an
officer to confirm; "missing" is a product the reader did not find. The GSA verdict is compared for products whose row
can be decided from the expected facts (a 28-day strength or a steel row, a valid EPD): a mix whose strength is printed
at 56 or 90 days only decides no GSA row (the rows select on the specified 28-day strength), and is counted apart, as is
a mix whose strength the document does not print (a generator may know more than it prints), and a 56/90-day mix whose
age the document never prints (it then states the strength at 28 days, in words or by the convention for f'c: a verdict
given there is counted as "verdicts_on_age_not_printed", not as confident on the undecidable); a pass or fail given to
such a mix all the same is counted too ("confident_on_not_decidable": a row chosen on facts the document does not
print). "invented" products have a confident GWP under a name none of the printed products has; "invented_misread" are
those whose value is none of the printed products' values either.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.pdf_scoring import Score, document_text, score_gwp, score_verdicts  # noqa: E402

from buyclean.core.readers.pdf import read_pdf  # noqa: E402
from buyclean.core.rules import load_rulesets  # noqa: E402
from buyclean.errors import BuycleanError  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def evaluate(label: str, documents: Iterable[tuple[str, Callable[[], tuple[bytes, dict[str, Any]]]]],
             show: bool) -> dict[str, Any]:
    rulesets = [load_rulesets()["gsa-ira-lec"]]
    gwp = Score()
    verdict_right = verdict_wrong = verdict_total = later_age = unprinted = undecidable = 0
    age_unprinted = confident_age_unprinted = 0
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
        if show and (score.wrong or score.invented or score.right < score.total):
            print(f"  {name}: {score.right}/{score.total} right, {score.wrong} wrong, {score.review} review, "
                  f"{score.missing} missing {score.wrongs[:2]} {expected.get('description', '')[:120]}")
        verdicts = score_verdicts(epd, expected, rulesets, document_text(pdf))
        verdict_right += verdicts.right
        verdict_wrong += verdicts.wrong
        verdict_total += verdicts.decidable
        later_age += verdicts.later_age
        unprinted += verdicts.unprinted
        undecidable += verdicts.confident_undecidable
        age_unprinted += verdicts.age_unprinted
        confident_age_unprinted += verdicts.confident_age_unprinted
        if show:
            for message in verdicts.wrongs:
                print(f"  {name}: WRONG VERDICT {message}")
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
                "total": gwp.total, "invented": gwp.invented,
                "invented_misread": gwp.invented_misread, "accuracy": round(gwp.accuracy, 4)},
        "gsa_verdict": {"right": verdict_right, "wrong": verdict_wrong, "decidable": verdict_total,
                        "not_decidable_56_90_day_strength": later_age, "not_decidable_strength_not_printed": unprinted,
                        "not_decidable_56_90_day_age_not_printed": age_unprinted,
                        "verdicts_on_age_not_printed": confident_age_unprinted,
                        "confident_on_not_decidable": undecidable,
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


# the independently written generators: command-line flag, module, label; the last is the measurement generator
GENERATORS = [
    ("heldout", "tests.heldout.generator", "held-out"),
    *((f"dev-{x}", f"tests.devgen_{x}" + (".generator" if x in "bcd" else ""), f"devgen_{x}") for x in "bcdefghijl"),
    ("measure", "tests.devgen_k", "devgen_k (measurement)"),
]


def generated(module_name: str, seeds: range) -> list[tuple[str, Callable[[], tuple[bytes, dict[str, Any]]]]]:
    """Documents of the development family ('') or of a generator module whose ``generate(seed)`` returns a
    document with ``pdf`` and ``expected``."""
    if not module_name:
        from tests import pdfgen

        def make_dev(seed: int) -> tuple[bytes, dict[str, Any]]:
            doc = pdfgen.family(seed)
            return doc.pdf(), doc.expected

        return [(f"dev {s}", lambda s=s: make_dev(s)) for s in seeds]
    module = importlib.import_module(module_name)

    def make(seed: int) -> tuple[bytes, dict[str, Any]]:
        doc = module.generate(seed)
        return doc.pdf, doc.expected

    return [(f"{module_name} {s}", lambda s=s: make(s)) for s in seeds]


def _range(text: str) -> range:
    a, _, b = text.partition(":")
    return range(int(a), int(b))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", default="0:100", help="seeds of tests/pdfgen.family, a:b (empty: skip)")
    for flag, module_name, _label in GENERATORS:
        parser.add_argument(f"--{flag}", default="0:100" if flag == "heldout" else "",
                            help=f"seeds of {module_name}, a:b (empty: skip)" + ("; figures only" if flag == "measure"
                                                                                  else ""))
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    if not args.no_corpus and CORPUS.exists():
        evaluate("corpus European (pdf/)", corpus("pdf"), args.show_failures)
        evaluate("corpus North American (pdf-na/)", corpus("pdf-na"), args.show_failures)
    if args.dev:
        evaluate(f"generated development seeds {args.dev}", generated("", _range(args.dev)), args.show_failures)
    for flag, module_name, label in GENERATORS:
        seeds = getattr(args, flag.replace("-", "_"))
        if seeds:  # the measurement generator's failures are never shown
            evaluate(f"generated {label} seeds {seeds}", generated(module_name, _range(seeds)),
                     args.show_failures and flag != "measure")


if __name__ == "__main__":
    main()
