"""What the pages and the API both read from a request: rule sets, check date, file names, history filters, and
the one answer to "may this principal see that submission" (404 when not, so that ids cannot be probed)."""

from __future__ import annotations

import datetime as dt

from flask import abort, request
from werkzeug.exceptions import BadRequest

from buyclean.app.runtime import MAX_ROW_ID, db, runtime
from buyclean.app.security import current
from buyclean.core.rules import RuleSet, select
from buyclean.services.accounts import can_see
from buyclean.store import Submission, SubmissionFilter, get_submission


def chosen_rulesets(names: list[str]) -> list[RuleSet]:
    """Return the rule sets named in a request (comma-separated or repeated), or the configured defaults."""
    wanted = [n.strip() for name in names for n in name.split(",") if n.strip()]
    rt = runtime()
    return select(rt.rulesets, wanted or list(rt.settings.default_rulesets))


def check_date(text: str | None) -> dt.date | None:
    """Return the check date a request asks for (YYYY-MM-DD), or None for today."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"The check date '{text}' is not a date; write it as YYYY-MM-DD.") from None


def upload_name(filename: str | None, default: str = "upload") -> str:
    """The name a file was uploaded under, as a label: no control characters (PostgreSQL refuses NUL), 255 at most."""
    name = "".join(ch for ch in filename or "" if ch.isprintable()).strip()
    return name[:255] or default


def row_id_arg(text: str | None) -> int | None:
    """A row id from a query or form field: None when absent, not a whole number, or larger than any row id (the
    database driver would overflow on it: SQLite past 2**63, PostgreSQL past its INTEGER)."""
    try:
        value = int(text or "")
    except ValueError:
        return None
    return value if 0 < value <= MAX_ROW_ID else None


def _date_arg(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def history_filter() -> SubmissionFilter:
    """Read the history filters from the query string; an unreadable filter is ignored."""
    args = request.args
    return SubmissionFilter(material=args.get("material") or None, status=args.get("status") or None,
                            supplier=args.get("supplier") or None, ruleset=args.get("ruleset") or None,
                            date_from=_date_arg("date_from"), date_to=_date_arg("date_to"))


def visible_submission(submission_id: int, *, missing: str | None = None) -> Submission:
    """The submission if the current principal may see it; 404 with ``missing`` (or a plain sentence) otherwise."""
    submission = get_submission(db(), submission_id=submission_id)
    if submission is None or not can_see(db(), current(), submission):
        abort(404, missing or f"There is no submission {submission_id} that you can see.")
    return submission
