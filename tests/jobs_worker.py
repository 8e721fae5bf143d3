"""The Celery app the tests' worker subprocesses run: buyclean's own, plus a test-only slow first attempt.

When BUYCLEAN_TEST_SLOW_MARKER names a file that does not exist yet, the first job on a file whose name starts with
"slow" writes it (with the worker's pid) and then sleeps, so that a test can kill the worker mid-job. The broker
sweeps for unacknowledged jobs every second, so that a lost job comes back quickly.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Sequence
from pathlib import Path

from buyclean.core.model import Assessment
from buyclean.core.readers import DEFAULT_LIMITS, ReadLimits
from buyclean.core.rules import RuleSet
from buyclean.jobs import work
from buyclean.jobs.worker import app

app.conf.broker_transport_options = {**app.conf.broker_transport_options, "unacked_restore_interval": 1,
                                     "unacked_restore_throttle": 1}
_check_bytes = work.check_bytes


def _slow_check(data: bytes, filename: str, rulesets: Sequence[RuleSet], on: dt.date | None = None, *,
                limits: ReadLimits = DEFAULT_LIMITS) -> Assessment:
    marker = os.environ.get("BUYCLEAN_TEST_SLOW_MARKER")
    if marker and filename.startswith("slow") and not Path(marker).exists():
        Path(marker).write_text(str(os.getpid()))
        time.sleep(120)
    return _check_bytes(data, filename, rulesets, on, limits=limits)


work.check_bytes = _slow_check  # type: ignore[assignment]

__all__ = ["app"]
