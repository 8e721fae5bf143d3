"""Keyword-only data access for batches: create one, claim and finish its items, count its progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from buyclean.store.access import create_submission
from buyclean.store.tables import Batch, BatchItem, Submission, utcnow

STATUSES = ("queued", "running", "done", "failed")
RESULTS = ("compliant", "non_compliant", "needs_review")


@dataclass(frozen=True)
class NewItem:
    """A file of a new batch, its bytes already kept under their digest; ``error`` set for a file refused at intake."""

    filename: str
    sha256: str
    size_bytes: int
    error: str | None = None
    message: str | None = None


def create_batch(session: Session, *, rulesets: Sequence[str], checked_on: dt.date, items: Sequence[NewItem],
                 actor: str | None = None, organisation_id: int | None = None,
                 uploaded_by_id: int | None = None) -> tuple[Batch, list[int]]:
    """Store a batch and its items together; return it and the ids of the items to queue."""
    try:
        batch = Batch(rulesets=",".join(rulesets), checked_on=checked_on, submitted_by=actor, total=len(items),
                      organisation_id=organisation_id, uploaded_by_id=uploaded_by_id)
        session.add(batch)
        session.flush()
        assert batch.id is not None
        rows = [BatchItem(batch_id=batch.id, position=n, filename=item.filename[:255], sha256=item.sha256,
                          size_bytes=item.size_bytes, status="failed" if item.error else "queued", error=item.error,
                          message=item.message)
                for n, item in enumerate(items, 1)]
        session.add_all(rows)
        session.flush()
        queued = [row.id for row in rows if row.status == "queued" and row.id is not None]
        session.commit()
    except Exception:
        session.rollback()
        raise
    return batch, queued


def get_batch(session: Session, *, batch_id: int) -> Batch | None:
    """Return the batch, or None."""
    return session.get(Batch, batch_id)


def list_batches(session: Session, *, organisation_id: int | None, everyone: bool = False,
                 limit: int = 20) -> list[Batch]:
    """Return an organisation's latest batches (``everyone``: all batches), newest first."""
    statement = select(Batch)
    if not everyone:
        statement = statement.where(Batch.organisation_id == organisation_id)
    return list(session.exec(statement.order_by(col(Batch.id).desc()).limit(limit)))


def claim_item(session: Session, *, item_id: int) -> tuple[BatchItem, Batch] | None:
    """Mark an item running and count the attempt; None when it is finished already (a job delivered twice)."""
    statement = (update(BatchItem).where(col(BatchItem.id) == item_id, col(BatchItem.status).in_(("queued", "running")))
                 .values(status="running", attempts=col(BatchItem.attempts) + 1, updated_at=utcnow()))
    try:
        claimed = session.connection().execute(statement).rowcount
        session.commit()
    except Exception:
        session.rollback()
        raise
    if not claimed:
        return None
    item = session.get(BatchItem, item_id)
    assert item is not None
    session.refresh(item)
    batch = session.get(Batch, item.batch_id)
    assert batch is not None
    return item, batch


def fail_item(session: Session, *, item_id: int, error: str, message: str, where: str | None = None) -> bool:
    """Record why an item's file could not be assessed, unless the item is done already; True if recorded."""
    statement = (update(BatchItem).where(col(BatchItem.id) == item_id, col(BatchItem.status) != "done")
                 .values(status="failed", error=error[:32], message=message, where=where, updated_at=utcnow()))
    try:
        changed = session.connection().execute(statement).rowcount
        session.commit()
    except Exception:
        session.rollback()
        raise
    return bool(changed)


def finish_item(session: Session, *, item_id: int, result: dict[str, Any], batch: Batch) -> int | None:
    """Store the submission and mark the item done, in one transaction; None if another run stored it first.

    The item is marked with a conditional update (only while it has no submission): a second run of the same job,
    even one running at the same moment on another worker, finds no row to update and rolls its submission back.
    """
    try:
        # the submission belongs to whoever made the batch, as if they had uploaded the file alone
        submission = create_submission(session, result=result, actor=batch.submitted_by, commit=False,
                                       organisation_id=batch.organisation_id, uploaded_by_id=batch.uploaded_by_id)
        statement = (update(BatchItem).where(col(BatchItem.id) == item_id, col(BatchItem.submission_id).is_(None))
                     .values(status="done", submission_id=submission.id, error=None, message=None, where=None,
                             updated_at=utcnow()))
        if session.connection().execute(statement).rowcount != 1:
            session.rollback()
            return None
        session.commit()
    except Exception:
        session.rollback()
        raise
    return submission.id


def count_items(session: Session, *, batch_id: int) -> tuple[dict[str, int], dict[str, int]]:
    """Return how many items are in each job status, and how many done ones have each overall result."""
    by_status = dict.fromkeys(STATUSES, 0)
    statement = (select(BatchItem.status, func.count()).where(BatchItem.batch_id == batch_id)
                 .group_by(col(BatchItem.status)))
    for status, n in session.exec(statement):
        by_status[status] = int(n)
    by_result = dict.fromkeys(RESULTS, 0)
    statement2 = (select(Submission.status, func.count())
                  .join(BatchItem, col(BatchItem.submission_id) == col(Submission.id))
                  .where(BatchItem.batch_id == batch_id).group_by(col(Submission.status)))
    for status, n in session.exec(statement2):
        by_result[status] = int(n)
    return by_status, by_result


def list_batch_items(session: Session, *, batch_id: int) -> list[tuple[BatchItem, Submission | None]]:
    """Return a batch's items in upload order, each with its submission once done."""
    statement = (select(BatchItem, Submission).outerjoin(Submission, col(BatchItem.submission_id) == col(Submission.id))
                 .where(BatchItem.batch_id == batch_id).order_by(col(BatchItem.position)))
    return [(item, submission) for item, submission in session.exec(statement)]


def unfinished_items(session: Session) -> list[int]:
    """Return the ids of every item not yet done or failed, oldest first (to queue again after a restart)."""
    statement = (select(BatchItem.id).where(col(BatchItem.status).in_(("queued", "running")))
                 .order_by(col(BatchItem.id)))
    return [i for i in session.exec(statement) if i is not None]
