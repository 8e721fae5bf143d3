"""Every setting buyclean reads, and the BUYCLEAN_* environment variables that override them, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from collections.abc import Callable
from pathlib import Path
from typing import Any

from buyclean.rules import DEFAULT_RULES_DIR


def _paths(text: str) -> tuple[Path, ...]:
    return tuple(Path(p) for p in text.split(os.pathsep) if p)


@dataclass(frozen=True)
class Settings:
    """Defaults for an embedded single-machine service; production overrides them through the environment."""

    # Rule sets: the bundled rules/ folder, then any agency folders (BUYCLEAN_RULES_DIRS, os.pathsep-separated).
    rules_dirs: tuple[Path, ...] = (DEFAULT_RULES_DIR,)
    default_rulesets: tuple[str, ...] = ("gsa-ira-lec",)
    # Input limits: every upload path enforces them before reading.
    max_upload_bytes: int = 50 * 1024 * 1024
    max_pdf_pages: int = 200
    pdf_time_budget_s: float = 20.0
    extra: dict[str, Any] = field(default_factory=dict)


_ENV: dict[str, tuple[str, Callable[[str], Any]]] = {
    "rules_dirs": ("BUYCLEAN_RULES_DIRS", lambda v: (DEFAULT_RULES_DIR, *_paths(v))),
    "default_rulesets": ("BUYCLEAN_DEFAULT_RULESETS", lambda v: tuple(s.strip() for s in v.split(",") if s.strip())),
    "max_upload_bytes": ("BUYCLEAN_MAX_UPLOAD_BYTES", int),
    "max_pdf_pages": ("BUYCLEAN_MAX_PDF_PAGES", int),
    "pdf_time_budget_s": ("BUYCLEAN_PDF_TIME_BUDGET_S", float),
}


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then BUYCLEAN_* environment variables, then explicit overrides (tests)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name in _ENV:
            var, parse = _ENV[f.name]
            if env.get(var):
                values[f.name] = parse(env[var])
    values.update(overrides)
    return Settings(**values)
