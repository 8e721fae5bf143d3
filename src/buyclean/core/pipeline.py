"""From the bytes of one file to its Assessment: the one path every entry point (CLI, web, API, worker) takes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from buyclean.core.assess import assess
from buyclean.core.model import Assessment, Source
from buyclean.core.readers import DEFAULT_LIMITS, ReadLimits, read_epd
from buyclean.core.rules import RuleSet


def source_of(data: bytes, filename: str, fmt: str) -> Source:
    return Source(filename=filename, sha256=hashlib.sha256(data).hexdigest(), format=fmt, size_bytes=len(data))


def check_bytes(data: bytes, filename: str, rulesets: Sequence[RuleSet], on: dt.date | None = None, *,
                limits: ReadLimits = DEFAULT_LIMITS) -> Assessment:
    """Read an EPD from its bytes and assess it; raises the core's named errors for unreadable input."""
    epd = read_epd(data, limits)
    return assess(epd, rulesets, source=source_of(data, filename, epd.format), on=on)
