"""Bulk checks: batches of files, checked by one job per file on Celery workers or in the service's own threads."""

from buyclean.jobs.queue import CeleryQueue, EmbeddedQueue, JobQueue, celery_app, job_queue, run_with_retries
from buyclean.jobs.work import JobContext, context_from, open_batch, run_item
from buyclean.jobs.zips import UploadedFile, ZipLimits, expand, is_zip

__all__ = [
    "CeleryQueue",
    "EmbeddedQueue",
    "JobContext",
    "JobQueue",
    "UploadedFile",
    "ZipLimits",
    "celery_app",
    "context_from",
    "expand",
    "is_zip",
    "job_queue",
    "open_batch",
    "run_item",
    "run_with_retries",
]
