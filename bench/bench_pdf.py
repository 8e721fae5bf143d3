"""Time read_pdf on every corpus PDF against pypdfium2 plain text extraction of the same file (the floor)."""

from __future__ import annotations

import contextlib
import statistics
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from buyclean.core.readers.pdf import read_pdf
from buyclean.errors import BuycleanError

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"


def floor_ms(data: bytes) -> float:
    """Return the time to extract all text with pypdfium2, in ms."""
    started = time.perf_counter()
    doc = pdfium.PdfDocument(data)
    for page in doc:
        page.get_textpage().get_text_range()
    doc.close()
    return (time.perf_counter() - started) * 1000


def main() -> int:
    """Print per-document times, then the median and maximum."""
    paths = sorted(CORPUS.glob("*.pdf"))
    if not paths:
        print(f"no corpus at {CORPUS}")
        return 1
    rows = []
    for path in paths:
        data = path.read_bytes()
        base = floor_ms(data)
        started = time.perf_counter()
        with contextlib.suppress(BuycleanError):
            read_pdf(data)
        took = (time.perf_counter() - started) * 1000
        rows.append((path.stem, took, base))
        print(f"{path.stem:26s} {took:8.1f} ms   floor {base:7.1f} ms   x{took / max(base, 0.1):5.1f}")
    times = [r[1] for r in rows]
    print(f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms "
          f"({max(rows, key=lambda r: r[1])[0]}), median ratio x{statistics.median(r[1] / r[2] for r in rows):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
