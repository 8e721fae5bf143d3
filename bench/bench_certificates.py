"""Benchmark certificates: warm render + sign against WeasyPrint's floor, and memory over many certificates.

Run: .venv/bin/python bench/bench_certificates.py [--runs 30] [--many 500]

The budget (issue 5) is a warm render + sign under 100 ms median. Absolute times vary with the machine, so the run
also times WeasyPrint rendering a one-line page (the floor) and prints the ratio. Memory is flat when the resident
set after --many certificates is within a few MB of the one after a tenth of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from weasyprint import HTML

from buyclean.certificates import (
    certificate_data,
    certificate_number,
    font_config,
    load_or_create_signer,
    render_certificate,
    sign_pdf,
)
from buyclean.check import check_bytes
from buyclean.rules import load_rulesets

ROOT = Path(__file__).resolve().parents[1]
EPD = ROOT / "tests" / "data" / "native" / "ready_mix_4000.json"
BUDGET_MS = 100.0
FLAT_MB = 10.0  # allowed growth of the resident set between a tenth and all of --many certificates


def rss_mb() -> float:
    """Return the current resident set size in MB (Linux /proc; the peak from getrusage would hide a release)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Return the median wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    """Print the timing and memory table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--many", type=int, default=500)
    args = parser.parse_args(argv)

    ruleset = load_rulesets()["gsa-ira-lec"]
    assessment = check_bytes(EPD.read_bytes(), EPD.name, [ruleset], dt.date(2025, 6, 30))
    instance = Path(tempfile.mkdtemp(prefix="buyclean-bench-"))
    signer = load_or_create_signer(instance)
    fonts = font_config()

    def certify() -> bytes:
        number = certificate_number()
        data = certificate_data(assessment, 0, ruleset, number=number, issuer="buyclean bench",
                                verify_url=f"https://buyclean.example.org/verify/{number}",
                                issued_on=dt.date(2025, 7, 1))
        return sign_pdf(render_certificate(data), signer)

    def floor() -> bytes:
        pdf: bytes = HTML(string='<p style="font-family: \'DejaVu Sans\'">One line.</p>').write_pdf(font_config=fonts)
        return pdf

    for _ in range(3):  # warm: fonts scanned, stylesheet parsed, template compiled
        certify()
        floor()
    floor_ms = median_ms(floor, args.runs)
    cert_ms = median_ms(certify, args.runs)
    floor_ms = (floor_ms + median_ms(floor, args.runs)) / 2  # before and after: the machine's load drifts

    gc.collect()
    tenth = max(args.many // 10, 1)
    for _ in range(tenth):
        certify()
    gc.collect()
    rss_tenth = rss_mb()
    for _ in range(args.many - tenth):
        certify()
    gc.collect()
    rss_all = rss_mb()
    growth = rss_all - rss_tenth

    rows = [
        ("floor: one-line page", f"{floor_ms:.1f} ms", ""),
        ("render + sign (median)", f"{cert_ms:.1f} ms", "PASS" if cert_ms < BUDGET_MS else f"over {BUDGET_MS:.0f} ms"),
        ("ratio to floor", f"{cert_ms / floor_ms:.1f}x", ""),
        (f"RSS after {tenth}", f"{rss_tenth:.1f} MB", ""),
        (f"RSS after {args.many}", f"{rss_all:.1f} MB", "flat" if growth <= FLAT_MB else "GROWING"),
        ("growth per certificate", f"{growth * 1024 / max(args.many - tenth, 1):.2f} KB", ""),
    ]
    print(f"certificates ({args.runs} warm runs, {args.many} for memory)")
    for name, value, verdict in rows:
        print(f"  {name:<26} {value:>12}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
