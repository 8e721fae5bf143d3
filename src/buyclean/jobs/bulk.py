"""`buyclean check --bulk DIR`: every file under a folder as one batch, on the workers or in this process."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from buyclean.config import Settings
from buyclean.core.archives import UploadedFile
from buyclean.core.rules import RuleSet
from buyclean.jobs.queue import EmbeddedQueue, job_queue
from buyclean.jobs.work import JobContext
from buyclean.services.batches import open_batch
from buyclean.store import upgrade
from buyclean.store.batches import count_items, list_batch_items
from buyclean.store.tables import BatchItem, Submission


@dataclass(frozen=True)
class Progress:
    """How far a batch has got."""

    batch_id: int
    total: int
    counts: dict[str, int]
    results: dict[str, int]
    elapsed_s: float

    @property
    def finished(self) -> int:
        return self.counts["done"] + self.counts["failed"]


def files_under(directory: Path) -> Iterator[UploadedFile]:
    """Yield every file under ``directory`` (hidden ones left out), named by its path relative to it."""
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield UploadedFile(relative.as_posix(), path.read_bytes())


def check_directory(settings: Settings, ctx: JobContext, directory: Path, rulesets: Sequence[RuleSet],
                    on: dt.date | None, *, actor: str | None = None, on_progress: Callable[[Progress], None],
                    poll_s: float = 0.5) -> tuple[Progress, list[tuple[BatchItem, Submission | None]], str]:
    """Queue every file under ``directory`` as one batch, report progress until all are finished; return the end."""
    if settings.migrate_on_start:
        upgrade(ctx.engine)
    queue = job_queue(settings, ctx)
    start = time.perf_counter()
    with Session(ctx.engine, expire_on_commit=False) as session:
        batch, queued = open_batch(session, files_dir=ctx.files_dir, uploads=files_under(directory),
                                   rulesets=rulesets, on=on, settings=settings, actor=actor)
        assert batch.id is not None
        queue.enqueue(queued)
        while True:
            session.expire_all()
            counts, results = count_items(session, batch_id=batch.id)
            progress = Progress(batch.id, batch.total, counts, results, time.perf_counter() - start)
            on_progress(progress)
            if progress.finished >= batch.total:
                break
            time.sleep(poll_s)
        if isinstance(queue, EmbeddedQueue):
            queue.drain()
        return progress, list_batch_items(session, batch_id=batch.id), queue.describe()
