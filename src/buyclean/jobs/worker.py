"""The Celery app for workers, configured from BUYCLEAN_* variables: `celery -A buyclean.jobs.worker worker`.

`buyclean worker` starts the same thing with the queue name filled in.
"""

from __future__ import annotations

from buyclean.config import load_settings
from buyclean.jobs.queue import celery_app

settings = load_settings()
app = celery_app(settings)
