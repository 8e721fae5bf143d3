"""Benchmark a worker's memory: resident set after 1,000 batch jobs and 1,000 certificates, in one process.

Run: .venv/bin/python bench/bench_memory.py [--jobs 1000] [--certificates 1000]

One process does what a worker does, many times over: ``run_item`` on EC3 documents (assess + store on SQLite in a
temporary instance), then certificate render + sign (as bench_certificates.py does). The floor is the process's
resident set after the first tenth of each; memory is "flat" when the rest adds less than FLAT_MB. The peak is the
kernel's high-water mark (VmHWM).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
import tempfile
from pathlib import Path

from sqlmodel import Session

from buyclean.config import load_settings
from buyclean.core.archives import UploadedFile
from buyclean.core.certificates import (
    certificate_data,
    certificate_number,
    load_or_create_signer,
    render_certificate,
    sign_pdf,
)
from buyclean.core.pipeline import check_bytes
from buyclean.jobs import context_from, run_item
from buyclean.services.batches import open_batch
from buyclean.store import upgrade

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ec3"
EPD = ROOT / "tests" / "data" / "native" / "ready_mix_4000.json"
FLAT_MB = 10.0


def status_mb(field: str) -> float:
    """Return a VmRSS/VmHWM line of /proc/self/status in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    """Print the resident set after a tenth and after all of the jobs, then of the certificates."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--certificates", type=int, default=1000)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"bench_memory: the EC3 corpus is absent ({CORPUS}); nothing to measure")
        return 0
    instance = Path(tempfile.mkdtemp(prefix="buyclean-bench-memory-"))
    settings = load_settings({"BUYCLEAN_INSTANCE_PATH": str(instance)})
    ctx = context_from(settings)
    upgrade(ctx.engine)
    records = [(p.name, json.loads(p.read_bytes())) for p in sorted(CORPUS.glob("*.json"))]
    uploads = (UploadedFile(f"{i}-{name}", json.dumps({**rec, "id": f"copy-{i}"}).encode())
               for i, (name, rec) in ((i, records[i % len(records)]) for i in range(args.jobs)))
    with Session(ctx.engine, expire_on_commit=False) as session:
        _batch, ids = open_batch(session, files_dir=ctx.files_dir, uploads=uploads,
                                 rulesets=[ctx.rulesets["gsa-ira-lec"]], on=None, settings=settings)
    gc.collect()
    start_mb = status_mb("VmRSS")
    tenth = max(len(ids) // 10, 1)
    for item_id in ids[:tenth]:
        run_item(ctx, item_id)
    gc.collect()
    jobs_tenth = status_mb("VmRSS")
    for item_id in ids[tenth:]:
        run_item(ctx, item_id)
    gc.collect()
    jobs_all = status_mb("VmRSS")

    ruleset = ctx.rulesets["gsa-ira-lec"]
    assessment = check_bytes(EPD.read_bytes(), EPD.name, [ruleset], dt.date(2025, 6, 30))
    signer = load_or_create_signer(instance)

    def certify() -> bytes:
        number = certificate_number()
        data = certificate_data(assessment, 0, ruleset, number=number, issuer="buyclean bench",
                                verify_url=f"https://buyclean.example.org/verify/{number}",
                                issued_on=dt.date(2025, 7, 1))
        return sign_pdf(render_certificate(data), signer)

    ctenth = max(args.certificates // 10, 1)
    for _ in range(ctenth):
        certify()
    gc.collect()
    certs_tenth = status_mb("VmRSS")
    for _ in range(args.certificates - ctenth):
        certify()
    gc.collect()
    certs_all = status_mb("VmRSS")
    peak = status_mb("VmHWM")
    ctx.engine.dispose()

    def verdict(growth: float) -> str:
        return "flat" if growth <= FLAT_MB else "GROWING"

    rows = [
        ("RSS before", f"{start_mb:.1f} MB", ""),
        (f"after {tenth} jobs", f"{jobs_tenth:.1f} MB", "floor for the jobs"),
        (f"after {len(ids)} jobs", f"{jobs_all:.1f} MB",
         f"{verdict(jobs_all - jobs_tenth)} (+{jobs_all - jobs_tenth:.1f} MB)"),
        (f"after {ctenth} certificates", f"{certs_tenth:.1f} MB", "floor for the certificates"),
        (f"after {args.certificates} certificates", f"{certs_all:.1f} MB",
         f"{verdict(certs_all - certs_tenth)} (+{certs_all - certs_tenth:.1f} MB)"),
        ("peak (VmHWM)", f"{peak:.1f} MB", ""),
    ]
    print(f"worker memory ({len(ids)} batch jobs, then {args.certificates} certificates, one process)")
    for label, value, note in rows:
        print(f"  {label:<28} {value:>10}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
