"""Where batch jobs run: Celery workers on a Redis broker, or (no broker configured) threads in this process.

Both run the same job, ``run_item``, and retry it with backoff on transient errors. On Celery a job is acknowledged
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
from buyclean.jobs.work import TRANSIENT_ERRORS, JobContext, context_from, give_up, run_item

log = logging.getLogger("buyclean.jobs")

TASK_NAME = "buyclean.check_batch_item"
MAX_RETRIES = 5


def retry_delay_s(retries: int) -> float:
    """Seconds to wait before retry number ``retries + 1``: exponential, capped at a minute, with jitter."""
    return float(min(2 ** retries, 60)) * (0.5 + random.random() / 2)


class JobQueue(Protocol):
    """Something that runs batch items, sooner or later."""

    def enqueue(self, item_ids: Sequence[int]) -> None:
        """Queue the items' jobs."""

    def describe(self) -> str:
        """Say where the jobs run, for logs and the CLI."""


def run_with_retries(ctx: JobContext, item_id: int, sleep: Callable[[float], None] = time.sleep) -> str:
    """Run one job here, retrying transient errors with backoff; after the last retry the item is failed."""
    for attempt in range(MAX_RETRIES + 1):
        try:
            return run_item(ctx, item_id)
        except TRANSIENT_ERRORS as exc:
            if attempt == MAX_RETRIES:
                give_up(ctx, item_id, exc)
                return "failed"
            log.warning("batch item %s: %s; trying again", item_id, exc)
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
        for item_id in item_ids:
            future = self._pool.submit(self._run, item_id)
            with self._lock:
                self._pending.add(future)
            future.add_done_callback(self._forget)

    def _run(self, item_id: int) -> str:
        try:
            return run_with_retries(self._ctx, item_id)
        except Exception:
            log.exception("batch item %s: job failed", item_id)
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
        with self._app.producer_or_acquire() as producer:
            for item_id in item_ids:
                self._app.send_task(TASK_NAME, args=[item_id], queue=self._queue, producer=producer)

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

    def check_batch_item(task: Any, item_id: int) -> str:
        # built on the first job in each worker process (after the fork), never shared across processes
        ctx = contexts.get(os.getpid()) or contexts.setdefault(os.getpid(), context_from(settings))
        try:
            return run_item(ctx, item_id)
        except TRANSIENT_ERRORS as exc:
            if task.request.retries >= MAX_RETRIES:
                give_up(ctx, item_id, exc)
                raise
            raise task.retry(exc=exc, countdown=retry_delay_s(task.request.retries)) from exc

    app.task(name=TASK_NAME, bind=True, acks_late=True, reject_on_worker_lost=True,
             max_retries=MAX_RETRIES)(check_batch_item)
    return app


def job_queue(settings: Settings, ctx: JobContext) -> JobQueue:
    """Return the queue the settings ask for: Celery when a broker is configured, else threads here."""
    if settings.broker_url:
        return CeleryQueue(celery_app(settings), settings.job_queue)
    return EmbeddedQueue(ctx, settings.job_threads)
