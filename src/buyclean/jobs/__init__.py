"""Bulk checks: one job per file of a batch, on Celery workers or in the service's own threads.

A batch is opened by buyclean.services.batches; ``run_item`` checks one of its files wherever the queue runs it.
"""

from buyclean.jobs.queue import CeleryQueue, EmbeddedQueue, JobQueue, celery_app, job_queue, run_with_retries
from buyclean.jobs.work import JobContext, context_from, run_item

__all__ = [
    "CeleryQueue",
    "EmbeddedQueue",
    "JobContext",
    "JobQueue",
    "celery_app",
    "context_from",
    "job_queue",
    "run_item",
    "run_with_retries",
]
