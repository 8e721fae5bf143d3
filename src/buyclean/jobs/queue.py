"""Where jobs run: Celery workers on a Redis broker, or (no broker configured) threads in this process.

Two kinds of job: a batch's file (``run_item``) and a stored upload's reading by OCR (``run_ocr``). Both places run
the same jobs, and retry them with backoff on transient errors. On Celery a job is acknowledged
only when it has finished (acks_late), so a worker that dies mid-job leaves it on the queue; it runs again once the
broker's visibility timeout has passed (or at once, when only the worker's child process died).
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_all
from typing import Any, Protocol

from buyclean.config import Settings
from buyclean.jobs.ocr import give_up_ocr, run_ocr
from buyclean.jobs.work import TRANSIENT_ERRORS, JobContext, context_from, give_up, run_item

log = logging.getLogger("buyclean.jobs")

TASK_NAME = "buyclean.check_batch_item"
OCR_TASK_NAME = "buyclean.read_submission"
MAX_RETRIES = 5
Job = Callable[[JobContext, int], str]
GiveUp = Callable[[JobContext, int, BaseException], None]


def retry_delay_s(retries: int) -> float:
    """Seconds to wait before retry number ``retries + 1``: exponential, capped at a minute, with jitter."""
    return float(min(2 ** retries, 60)) * (0.5 + random.random() / 2)


class JobQueue(Protocol):
    """Something that runs batch items and readings by OCR, sooner or later."""

    def enqueue(self, item_ids: Sequence[int]) -> None:
        """Queue the items' jobs."""

    def enqueue_ocr(self, submission_ids: Sequence[int]) -> None:
        """Queue the submissions' readings by OCR."""

    def describe(self) -> str:
        """Say where the jobs run, for logs and the CLI."""


def run_with_retries(ctx: JobContext, item_id: int, sleep: Callable[[float], None] = time.sleep, *,
                     job: Job | None = None, give_up_job: GiveUp | None = None) -> str:
    """Run one job here (default: a batch item's), retrying transient errors with backoff; after the last retry the
    item (or reading) is failed."""
    job, give_up_job = job or run_item, give_up_job or give_up
    for attempt in range(MAX_RETRIES + 1):
        try:
            return job(ctx, item_id)
        except TRANSIENT_ERRORS as exc:
            if attempt == MAX_RETRIES:
                give_up_job(ctx, item_id, exc)
                return "failed"
            log.warning("%s %s: %s; trying again", job.__name__, item_id, exc)
            sleep(retry_delay_s(attempt))
    raise AssertionError("unreachable")


class EmbeddedQueue:
    """Runs jobs on a small thread pool in this process: the service alone, with no broker, still does bulk checks."""

    def __init__(self, ctx: JobContext, threads: int) -> None:
        self._ctx = ctx
        self._pool = ThreadPoolExecutor(max_workers=max(threads, 1), thread_name_prefix="buyclean-job")
        self._pending: set[Future[str]] = set()
        self._lock = threading.Lock()

    def enqueue(self, item_ids: Sequence[int]) -> None:
        """Queue the items' jobs on the thread pool."""
        self._submit(item_ids, run_item, give_up)

    def enqueue_ocr(self, submission_ids: Sequence[int]) -> None:
        """Queue the submissions' readings by OCR on the thread pool."""
        self._submit(submission_ids, run_ocr, give_up_ocr)

    def _submit(self, ids: Sequence[int], job: Job, give_up_job: GiveUp) -> None:
        for one in ids:
            future = self._pool.submit(self._run, one, job, give_up_job)
            with self._lock:
                self._pending.add(future)
            future.add_done_callback(self._forget)

    def _run(self, one: int, job: Job, give_up_job: GiveUp) -> str:
        try:
            return run_with_retries(self._ctx, one, job=job, give_up_job=give_up_job)
        except Exception:
            log.exception("%s %s: job failed", job.__name__, one)
            raise

    def _forget(self, future: Future[str]) -> None:
        with self._lock:
            self._pending.discard(future)

    def drain(self) -> None:
        """Wait until every queued job has finished (the CLI and tests)."""
        while True:
            with self._lock:
                pending = set(self._pending)
            if not pending:
                return
            wait_all(pending)

    def describe(self) -> str:
        """Say where the jobs run."""
        return f"in this process ({self._pool._max_workers} threads; set BUYCLEAN_BROKER_URL for workers)"


class CeleryQueue:
    """Sends jobs to the Celery workers through the broker."""

    def __init__(self, app: Any, queue: str) -> None:
        self._app = app
        self._queue = queue

    def enqueue(self, item_ids: Sequence[int]) -> None:
        """Send one message per item; the message holds only the item id (the database holds the rest)."""
        self._send(TASK_NAME, item_ids)

    def enqueue_ocr(self, submission_ids: Sequence[int]) -> None:
        """Send one message per submission to read by OCR; it holds only the submission id."""
        self._send(OCR_TASK_NAME, submission_ids)

    def _send(self, task: str, ids: Sequence[int]) -> None:
        with self._app.producer_or_acquire() as producer:
            for one in ids:
                self._app.send_task(task, args=[one], queue=self._queue, producer=producer)

    def describe(self) -> str:
        """Say where the jobs run."""
        return f"on the Celery queue '{self._queue}' at {_shown_broker(self._app.conf.broker_url)}"


def _shown_broker(url: str) -> str:
    from kombu.utils.url import maybe_sanitize_url

    shown: str = maybe_sanitize_url(url)
    return shown


def celery_app(settings: Settings) -> Any:
    """Return a Celery app for the configured broker, with the batch job registered."""
    from celery import Celery

    if not settings.broker_url:
        raise ValueError("BUYCLEAN_BROKER_URL is not set: without a broker, batch jobs run in the service itself.")
    app = Celery("buyclean", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True, task_reject_on_worker_lost=True, task_ignore_result=True,
        # one message at a time per process: with late acknowledgement a prefetched job would wait behind a slow one
        worker_prefetch_multiplier=1, task_default_queue=settings.job_queue,
        task_serializer="json", accept_content=["json"], broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": settings.job_visibility_timeout_s},
        worker_hijack_root_logger=False,
    )

    contexts: dict[int, JobContext] = {}

    def task_of(job: Job, give_up_job: GiveUp) -> Callable[[Any, int], str]:
        def run(task: Any, one: int) -> str:
            # built on the first job in each worker process (after the fork), never shared across processes
            ctx = contexts.get(os.getpid()) or contexts.setdefault(os.getpid(), context_from(settings))
            try:
                return job(ctx, one)
            except TRANSIENT_ERRORS as exc:
                if task.request.retries >= MAX_RETRIES:
                    give_up_job(ctx, one, exc)
                    raise
                raise task.retry(exc=exc, countdown=retry_delay_s(task.request.retries)) from exc
        return run

    for name, job, give_up_job in ((TASK_NAME, run_item, give_up), (OCR_TASK_NAME, run_ocr, give_up_ocr)):
        app.task(name=name, bind=True, acks_late=True, reject_on_worker_lost=True,
                 max_retries=MAX_RETRIES)(task_of(job, give_up_job))
    return app


def job_queue(settings: Settings, ctx: JobContext) -> JobQueue:
    """Return the queue the settings ask for: Celery when a broker is configured, else threads here."""
    if settings.broker_url:
        return CeleryQueue(celery_app(settings), settings.job_queue)
    return EmbeddedQueue(ctx, settings.job_threads)
