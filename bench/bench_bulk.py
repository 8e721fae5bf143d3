"""Benchmark bulk checks: EC3 records through 2 Celery workers on Redis against the single-process loop.

Run: .venv/bin/python bench/bench_bulk.py [--docs 10000] [--workers 2]

Every EC3 record of ../shared/corpus/ec3 is replicated to --docs documents (each copy made distinct, so that none is
a duplicate of another), stored as a batch, and checked twice on the same PostgreSQL: once by the single-process
loop (``run_item`` on each item in turn: the floor), once by --workers Celery worker processes fed through Redis.
Each path does the same work per document: assess, store the submission, mark the item. The goal (issue 7) is at
least 1.6x the loop's documents per second. Needs Redis (BUYCLEAN_BENCH_REDIS_URL, default redis://127.0.0.1:6379/14)
and PostgreSQL (BUYCLEAN_BENCH_DATABASE_URL, default the tests' database, in a schema of its own that is dropped).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlmodel import Session

from buyclean.config import load_settings
from buyclean.core.archives import UploadedFile
from buyclean.jobs import JobContext, context_from, job_queue, run_item
from buyclean.services.batches import open_batch
from buyclean.store import upgrade
from buyclean.store.batches import count_items

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ec3"
GOAL = 1.6
REDIS_URL = os.environ.get("BUYCLEAN_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
POSTGRES_URL = os.environ.get("BUYCLEAN_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def replicas(n: int, tag: str) -> Iterator[UploadedFile]:
    """Yield n EC3 documents: the corpus records in turn, each copy with a distinct id so that its bytes differ."""
    records = [(p.name, json.loads(p.read_bytes())) for p in sorted(CORPUS.glob("*.json"))]
    for i in range(n):
        name, record = records[i % len(records)]
        copy = {**record, "id": f"{record.get('id', name)}-{tag}-{i}"}
        yield UploadedFile(f"{i:05d}-{name}", json.dumps(copy).encode())


def wait_finished(ctx: JobContext, batch_id: int, total: int, poll_s: float = 0.25) -> None:
    with Session(ctx.engine) as session:
        while True:
            counts, _results = count_items(session, batch_id=batch_id)
            session.rollback()  # a fresh snapshot on the next count
            if counts["done"] + counts["failed"] >= total:
                return
            time.sleep(poll_s)


def main(argv: list[str] | None = None) -> int:
    """Print documents per second for the loop and the workers, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"bench_bulk: the EC3 corpus is absent ({CORPUS}); nothing to time")
        return 0

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    instance = Path(tempfile.mkdtemp(prefix="buyclean-bench-bulk-"))
    queue_name = f"buyclean-bench-{schema}"
    env = {"BUYCLEAN_DATABASE_URL": f"{POSTGRES_URL}?options=-csearch_path%3D{schema}",
           "BUYCLEAN_INSTANCE_PATH": str(instance), "BUYCLEAN_BROKER_URL": REDIS_URL,
           "BUYCLEAN_JOB_QUEUE": queue_name}
    settings = load_settings(env)
    ctx = context_from(settings)
    upgrade(ctx.engine)
    rulesets = [ctx.rulesets["gsa-ira-lec"]]
    procs: list[subprocess.Popen[bytes]] = []
    try:
        # the floor: the same job, one item after another, in this process
        with Session(ctx.engine, expire_on_commit=False) as session:
            batch, ids = open_batch(session, files_dir=ctx.files_dir, uploads=replicas(args.docs, "loop"),
                                    rulesets=rulesets, on=None, settings=settings)
        start = time.perf_counter()
        for item_id in ids:
            run_item(ctx, item_id)
        loop_s = time.perf_counter() - start

        # the workers: separate processes, as on separate machines, fed through Redis
        worker_env = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
        for n in range(args.workers):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "buyclean.jobs.worker", "worker", "--queues", queue_name,
                 "--pool", "prefork", "--concurrency", "1", "--loglevel", "WARNING", "--without-gossip",
                 "--without-mingle", "--without-heartbeat", "--hostname", f"bench{n}-{schema}@%h"],
                env=worker_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        queue = job_queue(settings, ctx)
        with Session(ctx.engine, expire_on_commit=False) as session:  # warm: workers up, rule sets loaded
            warm, warm_ids = open_batch(session, files_dir=ctx.files_dir, uploads=replicas(4 * args.workers, "warm"),
                                        rulesets=rulesets, on=None, settings=settings)
        queue.enqueue(warm_ids)
        assert warm.id is not None
        wait_finished(ctx, warm.id, warm.total)
        with Session(ctx.engine, expire_on_commit=False) as session:
            batch, ids = open_batch(session, files_dir=ctx.files_dir, uploads=replicas(args.docs, "queue"),
                                    rulesets=rulesets, on=None, settings=settings)
        assert batch.id is not None
        start = time.perf_counter()
        queue.enqueue(ids)
        wait_finished(ctx, batch.id, batch.total)
        queue_s = time.perf_counter() - start
        with Session(ctx.engine) as session:
            counts, _results = count_items(session, batch_id=batch.id)
    finally:
        for proc in procs:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            proc.wait()
        ctx.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    loop_rate, queue_rate = args.docs / loop_s, args.docs / queue_s
    ratio = queue_rate / loop_rate
    print(f"bulk: {args.docs:,} EC3 documents on PostgreSQL ({os.cpu_count()} CPUs)")
    rows = [
        ("floor: single-process loop", f"{loop_rate:,.1f} docs/s", f"{loop_s:.1f} s"),
        (f"{args.workers} Celery workers on Redis", f"{queue_rate:,.1f} docs/s",
         f"{queue_s:.1f} s, {counts['done']:,} done, {counts['failed']:,} failed"),
        ("ratio to floor", f"{ratio:.2f}x", "PASS" if ratio >= GOAL else f"under {GOAL}x"),
    ]
    for label, value, note in rows:
        print(f"  {label:<28} {value:>16}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
