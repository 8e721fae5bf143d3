"""Time read_pdf on every corpus PDF against pypdfium2 plain text extraction of the same file (the floor).

With ``--ocr``: time reading the scans by OCR (default ZAG_11.pdf, 11 scanned pages), ``--runs`` times each, against
bare Tesseract on the same pages rendered the same way, one process per core (the floor, measured in the same run).
Wall and CPU time (this process and its Tesseract children) are both reported, with the load average: on a shared
host the wall time says as much about the other jobs as about the reader.

    python bench/bench_pdf.py [--runs 3]
    python bench/bench_pdf.py --ocr [ZAG_11.pdf ZAG_16.pdf] [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from buyclean.core.readers.pdf import read_pdf
from buyclean.errors import BuycleanError

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"
OCR_DPI = 300


def floor_ms(data: bytes) -> float:
    """Return the time to extract all text with pypdfium2, in ms."""
    started = time.perf_counter()
    doc = pdfium.PdfDocument(data)
    for page in doc:
        page.get_textpage().get_text_range()
    doc.close()
    return (time.perf_counter() - started) * 1000


def text_layer(runs: int = 3) -> int:
    """Print per-document times, then the median and maximum. Each document is timed ``runs`` times, the floor and
    the reading in turn, and the least time of each is kept: on a shared host one slow moment otherwise decides a
    ratio (the floor of a small file takes a few milliseconds)."""
    paths = sorted(CORPUS.glob("*.pdf"))
    if not paths:
        print(f"no corpus at {CORPUS}")
        return 1
    rows = []
    for path in paths:
        data = path.read_bytes()
        bases, tooks = [], []
        for _ in range(max(runs, 1)):
            bases.append(floor_ms(data))
            started = time.perf_counter()
            with contextlib.suppress(BuycleanError):
                read_pdf(data)
            tooks.append((time.perf_counter() - started) * 1000)
        base, took = min(bases), min(tooks)
        rows.append((path.stem, took, base))
        print(f"{path.stem:26s} {took:8.1f} ms   floor {base:7.1f} ms   x{took / max(base, 0.1):5.1f}")
    times = [r[1] for r in rows]
    print(f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms "
          f"({max(rows, key=lambda r: r[1])[0]}), median ratio x{statistics.median(r[1] / r[2] for r in rows):.2f} "
          f"(least of {max(runs, 1)} runs each)")
    return 0


def _cpu_s() -> float:
    """CPU seconds of this process and of its children that have finished (the Tesseract processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = _cpu_s(), time.perf_counter()
    work()
    return time.perf_counter() - wall, _cpu_s() - cpu


def bare_tesseract(data: bytes, langs: str) -> None:
    """Render every page at 300 dpi in grey and OCR it with Tesseract, one process per core, nothing else: what
    any reader of the scan must spend."""
    doc = pdfium.PdfDocument(data)
    images = []
    for page in doc:
        bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
        w, h, stride = bitmap.width, bitmap.height, bitmap.stride
        buffer = bytes(bitmap.buffer)
        rows = buffer if stride == w else b"".join(buffer[i * stride:i * stride + w] for i in range(h))
        images.append(b"P5\n%d %d\n255\n" % (w, h) + rows)
    doc.close()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def ocr(image: bytes) -> None:
        subprocess.run(["tesseract", "stdin", "stdout", "-l", langs, "--dpi", str(OCR_DPI), "tsv"], input=image,
                       capture_output=True, env=env, check=True)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(ocr, images))


def scans(names: list[str], runs: int) -> int:
    """Read each scan by OCR ``runs`` times, alternating with the floor; print wall and CPU medians and the ratio."""
    from buyclean.core.readers.pdf.ocr import languages

    langs = languages()
    if langs is None:
        print("Tesseract with English data is not installed")
        return 1
    for name in names:
        path = CORPUS / name
        if not path.exists():
            print(f"no {path}")
            return 1
        data = path.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        reads: list[tuple[float, float]] = []
        floors: list[tuple[float, float]] = []
        for run in range(1, runs + 1):
            load = os.getloadavg()
            reads.append(_timed(functools.partial(read_pdf, data, ocr_budget_s=600)))
            floors.append(_timed(functools.partial(bare_tesseract, data, langs)))
            (wall, cpu), (fwall, fcpu) = reads[-1], floors[-1]
            print(f"{name} run {run}: read {wall:6.1f} s wall, {cpu:6.1f} s CPU; bare Tesseract {fwall:6.1f} s wall, "
                  f"{fcpu:6.1f} s CPU; load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
        wall = statistics.median(r[0] for r in reads)
        cpu = statistics.median(r[1] for r in reads)
        fwall = statistics.median(f[0] for f in floors)
        fcpu = statistics.median(f[1] for f in floors)
        print(f"{name}: {pages} pages, {os.cpu_count()} cores, {langs}, {OCR_DPI} dpi; median of {runs}: read "
              f"{wall:.1f} s wall ({wall / pages:.2f} s a page), {cpu:.1f} s CPU ({cpu / pages:.2f} s a page); "
              f"x{wall / fwall:.2f} the wall and x{cpu / fcpu:.2f} the CPU of bare Tesseract ({fwall:.1f} s, "
              f"{fcpu:.1f} s); load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ocr", nargs="*", metavar="FILE", help="time reading these corpus scans by OCR "
                                                                  "(default ZAG_11.pdf) instead of the text layer")
    parser.add_argument("--runs", type=int, default=3, help="runs of each document, or of each scan with --ocr "
                        "(default 3; the least time of each is kept)")
    args = parser.parse_args()
    if args.ocr is not None:
        return scans(args.ocr or ["ZAG_11.pdf"], args.runs)
    return text_layer(args.runs)


if __name__ == "__main__":
    sys.exit(main())
