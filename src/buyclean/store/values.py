"""What the database can hold of an assessment's JSON: no NaN or infinity, which PostgreSQL's JSON refuses (a 500,
with the uploaded file left on disk) and which JSON itself does not have.

An EPD may state them ("NaN" and "Infinity" are read by Python's JSON); what such a value means is the assessment's
business (it needs review), but no stored document ever holds one: each is stored as null.
"""

from __future__ import annotations

import json
import math
from typing import Any


def finite_json(value: Any) -> Any:
    """``value`` with every non-finite float replaced by None; the same object when there is none."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        cleaned = {k: finite_json(v) for k, v in value.items()}
        return value if all(cleaned[k] is value[k] for k in value) else cleaned
    if isinstance(value, list | tuple):
        items = [finite_json(v) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def dumps(value: Any) -> str:
    """The JSON columns' serializer: as json.dumps, with non-finite numbers stored as null (a last guard; the
    writers clean their documents before they hash or store them)."""
    try:
        return json.dumps(value, allow_nan=False)
    except ValueError:
        return json.dumps(finite_json(value), allow_nan=False)
