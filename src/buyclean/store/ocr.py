"""Keyword-only data access for reading a stored upload by OCR in a job: claim it, count its pages, then store the
assessment it gives or why it failed. The upload's own assessment (of the text layer) stays until then."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from buyclean.store.access import product_rows
from buyclean.store.tables import AssessmentRecord, AuditEvent, ProductRow, Submission
from buyclean.store.values import finite_json

READING = ("queued", "running")
OCR_ACTOR = "buyclean (OCR)"


def _update(session: Session, submission_id: int, *conditions: Any, **values: Any) -> bool:
    statement = update(Submission).where(col(Submission.id) == submission_id, *conditions).values(**values)
    try:
        changed = session.connection().execute(statement).rowcount
        session.commit()
    except Exception:
        session.rollback()
        raise
    return bool(changed)


def claim_ocr(session: Session, *, submission_id: int) -> Submission | None:
    """Mark a submission's reading running and count the attempt; None when it is not waiting for one (finished
    already, or a job delivered twice)."""
    if not _update(session, submission_id, col(Submission.ocr_status).in_(READING), ocr_status="running",
                   ocr_pages_done=0, ocr_attempts=col(Submission.ocr_attempts) + 1):
        return None
    submission = session.get(Submission, submission_id)
    assert submission is not None
    session.refresh(submission)
    return submission


def record_ocr_progress(session: Session, *, submission_id: int, done: int, total: int) -> None:
    """Record how many of the pages to read OCR has read."""
    _update(session, submission_id, col(Submission.ocr_status) == "running", ocr_pages_done=done,
            ocr_pages_total=total)


def fail_ocr(session: Session, *, submission_id: int, message: str) -> bool:
    """Record why the reading failed, unless it is done already; the upload's assessment stays the current one."""
    return _update(session, submission_id, col(Submission.ocr_status) != "done", ocr_status="failed",
                   ocr_message=message)


def finish_ocr(session: Session, *, submission_id: int, result: dict[str, Any]) -> AssessmentRecord | None:
    """Store the assessment the reading gave as the submission's current one, with its product rows and an audit
    event, in one transaction; None when the reading is no longer running (another run stored it first)."""
    result = finite_json(result)
    epd = result["epd"]
    try:
        statement = (update(Submission).where(col(Submission.id) == submission_id,
                                              col(Submission.ocr_status) == "running")
                     .values(ocr_status="done", ocr_pages_done=col(Submission.ocr_pages_total), ocr_message=None,
                             status=result["status"], supplier=(epd.get("manufacturer") or "")[:255] or None,
                             registration_number=(epd.get("registration_number") or "")[:255] or None))
        if session.connection().execute(statement).rowcount != 1:
            session.rollback()
            return None
        submission = session.get(Submission, submission_id)
        assert submission is not None
        session.refresh(submission)  # the pages counted by other sessions
        record = AssessmentRecord(submission_id=submission_id, reason="ocr", status=result["status"],
                                  rulesets=result["rulesets"], result=result)
        session.add(record)
        for row in session.exec(select(ProductRow).where(ProductRow.submission_id == submission_id)):
            session.delete(row)
        session.flush()
        session.add_all(product_rows(submission_id, result))
        session.add(AuditEvent(submission_id=submission_id, actor=OCR_ACTOR, action="assessment",
                               organisation_id=submission.organisation_id,
                               detail={"status": result["status"], "checked_on": result["checked_on"],
                                       "reason": "ocr", "pages": submission.ocr_pages_total,
                                       "rulesets": [f"{r['id']} {r['version']}" for r in result["rulesets"]]}))
        session.commit()
    except Exception:
        session.rollback()
        raise
    return record


def unfinished_ocr(session: Session) -> list[int]:
    """The submissions whose reading is queued or running, oldest first (to queue again after a restart)."""
    statement = select(Submission.id).where(col(Submission.ocr_status).in_(READING)).order_by(col(Submission.id))
    return [i for i in session.exec(statement) if i is not None]
