"""Pages anyone may open without an account: what buyclean is, and a health check for load balancers."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from sqlalchemy import text

from buyclean.app.runtime import db, runtime

public = Blueprint("public", __name__)


@public.get("/about")
def about() -> str:
    """Describe the service and the rule sets it applies."""
    return render_template("about.html", rulesets=list(runtime().rulesets.values()))


@public.get("/healthz")
def healthz() -> dict[str, Any]:
    """Answer ok when the database answers."""
    db().exec(text("SELECT 1"))  # type: ignore[call-overload]
    return {"status": "ok"}
