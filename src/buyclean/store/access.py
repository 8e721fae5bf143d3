"""Keyword-only data-access functions over the tables; each writing function commits one whole change or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from buyclean.store.tables import (
    AssessmentRecord,
    AuditEvent,
    Organisation,
    ProductRow,
    ReviewDecision,
    StoredFile,
    Submission,
    UserAccount,
)
from buyclean.store.values import finite_json


@dataclass(frozen=True)
class SubmissionFilter:
    """What the history page and GET /api/v1/assessments filter on; None means any."""

    material: str | None = None
    status: str | None = None
    supplier: str | None = None  # a case-insensitive part of the manufacturer's name
    ruleset: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive


def product_rows(submission_id: int, result: dict[str, Any]) -> list[ProductRow]:
    """The product rows the history lists and filters on, of an assessment."""
    supplier = result["epd"].get("manufacturer")
    rows = []
    for p in result["products"]:
        gwp = p.get("gwp_a1a3") or {}
        # the first rule set that placed the product in a tier names the tier shown in lists
        tier = next((v["tier_label"] for v in p["verdicts"] if v.get("tier_label")), None)
        rows.append(ProductRow(submission_id=submission_id, index=p["index"], name=(p["name"] or "")[:255] or None,
                               material=p["material"], status=p["status"], gwp_value=gwp.get("value"),
                               gwp_unit=gwp.get("unit"), tier=tier, supplier=supplier and supplier[:255]))
    return rows


def _ensure_file(session: Session, *, sha256: str, size_bytes: int, fmt: str, filename: str) -> None:
    if session.get(StoredFile, sha256) is None:
        session.add(StoredFile(sha256=sha256, size_bytes=size_bytes, format=fmt, first_filename=filename[:255]))


def create_submission(session: Session, *, result: dict[str, Any], actor: str | None = None,
                      commit: bool = True, organisation_id: int | None = None,
                      uploaded_by_id: int | None = None, ocr_pages: int = 0) -> Submission:
    """Store a new submission with its first assessment and products, and the file row if the bytes are new.

    ``result`` is the assessment JSON document (stored with non-finite numbers as null); the file's bytes must be
    kept under their digest before the transaction commits.
    ``commit=False`` only flushes, for a caller that adds to the same transaction (a batch job marks its item done
    in it); the caller must not have written anything else in the transaction before.
    ``ocr_pages``: that many pages are still to be read by OCR, in a job (the submission is queued for it).
    """
    result = finite_json(result)  # what PostgreSQL's JSON can hold (store.values)
    source = result["source"]
    for attempt in range(2):
        try:
            _ensure_file(session, sha256=source["sha256"], size_bytes=source["size_bytes"], fmt=source["format"],
                         filename=source["filename"])
            submission = Submission(
                filename=source["filename"][:255], sha256=source["sha256"], format=source["format"],
                checked_on=dt.date.fromisoformat(result["checked_on"]),
                rulesets=",".join(r["id"] for r in result["rulesets"]), status=result["status"],
                supplier=(result["epd"].get("manufacturer") or "")[:255] or None,
                registration_number=(result["epd"].get("registration_number") or "")[:255] or None,
                submitted_by=actor, organisation_id=organisation_id, uploaded_by_id=uploaded_by_id,
                ocr_status="queued" if ocr_pages else None, ocr_pages_total=ocr_pages)
            session.add(submission)
            session.flush()
            assert submission.id is not None
            session.add(AssessmentRecord(submission_id=submission.id, reason="upload", status=result["status"],
                                         rulesets=result["rulesets"], result=result))
            session.add_all(product_rows(submission.id, result))
            session.add(AuditEvent(submission_id=submission.id, actor=actor or "anonymous", action="upload",
                                   organisation_id=organisation_id,
                                   detail={"filename": source["filename"], "sha256": source["sha256"],
                                           "status": result["status"]}))
            session.add(AuditEvent(submission_id=submission.id, actor=actor or "anonymous", action="assessment",
                                   organisation_id=organisation_id,
                                   detail={"status": result["status"], "checked_on": result["checked_on"],
                                           "rulesets": [f"{r['id']} {r['version']}" for r in result["rulesets"]]}))
            if commit:
                session.commit()
            else:
                session.flush()
            return submission
        except IntegrityError:
            # the same bytes uploaded concurrently: the other request stored the file row; store ours once more
            session.rollback()
            if attempt:
                raise
    raise AssertionError("unreachable")


def get_submission(session: Session, *, submission_id: int) -> Submission | None:
    """Return the submission, or None."""
    return session.get(Submission, submission_id)


def get_stored_file(session: Session, *, sha256: str) -> StoredFile | None:
    """Return the stored file row for a digest, or None."""
    return session.get(StoredFile, sha256)


def current_assessment(session: Session, *, submission_id: int) -> AssessmentRecord:
    """Return the latest assessment of a submission."""
    statement = (select(AssessmentRecord).where(AssessmentRecord.submission_id == submission_id)
                 .order_by(col(AssessmentRecord.id).desc()).limit(1))
    return session.exec(statement).one()


def list_decisions(session: Session, *, submission_id: int) -> list[ReviewDecision]:
    """Return a submission's review decisions in the order they were made."""
    statement = (select(ReviewDecision).where(ReviewDecision.submission_id == submission_id)
                 .order_by(col(ReviewDecision.id)))
    return list(session.exec(statement))


def list_events(session: Session, *, submission_id: int) -> list[AuditEvent]:
    """Return a submission's audit events, oldest first."""
    statement = select(AuditEvent).where(AuditEvent.submission_id == submission_id).order_by(col(AuditEvent.id))
    return list(session.exec(statement))


def record_review(session: Session, *, submission: Submission, decision: ReviewDecision,
                  result: dict[str, Any]) -> AssessmentRecord:
    """Store a review decision, the re-assessment it led to, the new product rows and an audit event, together."""
    assert submission.id is not None
    result = finite_json(result)
    try:
        session.add(decision)
        record = AssessmentRecord(submission_id=submission.id, reason="review", status=result["status"],
                                  rulesets=result["rulesets"], result=result)
        session.add(record)
        for row in session.exec(select(ProductRow).where(ProductRow.submission_id == submission.id)):
            session.delete(row)
        session.flush()
        session.add_all(product_rows(submission.id, result))
        submission.status = result["status"]
        session.add(submission)
        session.flush()
        session.add(AuditEvent(submission_id=submission.id, actor=decision.reviewer, action="review",
                               detail={"decision": decision.id, "product": decision.product_index,
                                       "field": decision.field, "candidate": decision.candidate,
                                       "value": decision.value, "justification": decision.justification,
                                       "status": result["status"]}))
        session.commit()
    except Exception:
        session.rollback()
        raise
    return record


def list_submissions(session: Session, *, filters: SubmissionFilter = SubmissionFilter(), page: int = 1,
                     per_page: int = 25, visible: Any = None) -> tuple[Sequence[Submission], int]:
    """Return one page of submissions, newest first, and how many match in all (only ``visible`` ones if given)."""
    conditions: list[Any] = [] if visible is None else [visible]
    if filters.status:
        conditions.append(Submission.status == filters.status)
    if filters.supplier:
        conditions.append(func.lower(col(Submission.supplier)).contains(filters.supplier.lower(), autoescape=True))
    if filters.ruleset:
        # rule set ids are kept comma-separated; match whole ids only
        conditions.append(or_(col(Submission.rulesets) == filters.ruleset,
                              col(Submission.rulesets).startswith(filters.ruleset + ",", autoescape=True),
                              col(Submission.rulesets).endswith("," + filters.ruleset, autoescape=True),
                              col(Submission.rulesets).contains("," + filters.ruleset + ",", autoescape=True)))
    if filters.date_from:
        conditions.append(col(Submission.created_at) >= dt.datetime.combine(filters.date_from, dt.time(),
                                                                            tzinfo=dt.UTC))
    if filters.date_to:
        end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        conditions.append(col(Submission.created_at) < end)
    if filters.material:
        has_material = (select(ProductRow.submission_id).where(ProductRow.material == filters.material))
        conditions.append(col(Submission.id).in_(has_material))
    total = session.exec(select(func.count()).select_from(Submission).where(*conditions)).one()
    page = max(page, 1)
    statement = (select(Submission).where(*conditions).order_by(col(Submission.id).desc())
                 # a page past the last is empty; past 2**31 rows it would overflow the database's integers
                 .offset(min((max(page, 1) - 1) * per_page, 2**31 - 1)).limit(per_page))
    return list(session.exec(statement)), int(total)


def products_of(session: Session, *, submission_ids: Sequence[int]) -> dict[int, list[ProductRow]]:
    """Return the product rows of several submissions, by submission id."""
    out: dict[int, list[ProductRow]] = {i: [] for i in submission_ids}
    if submission_ids:
        statement = (select(ProductRow).where(col(ProductRow.submission_id).in_(submission_ids))
                     .order_by(col(ProductRow.submission_id), col(ProductRow.index)))
        for row in session.exec(statement):
            out[row.submission_id].append(row)
    return out


def _not_reading() -> Any:
    """Not waiting for OCR to read its pictures: until then its assessment is of its text alone, not to review."""
    return or_(col(Submission.ocr_status).is_(None), col(Submission.ocr_status).not_in(("queued", "running")))


def open_submissions(session: Session, *, visible: Any, material: str | None = None, text: str | None = None,
                     limit: int = 200) -> list[tuple[Submission, AssessmentRecord]]:
    """The ``visible`` submissions that need review, oldest first, each with its current assessment."""
    # a document needing review, or one with a product that does (a non-compliant document may hold both)
    waiting = select(ProductRow.submission_id).where(ProductRow.status == "needs_review",
                                                     *([ProductRow.material == material] if material else []))
    conditions: list[Any] = [visible, _not_reading(), col(Submission.id).in_(waiting) if material else
                             or_(col(Submission.status) == "needs_review", col(Submission.id).in_(waiting))]
    if text:
        conditions.append(func.lower(col(Submission.filename)).contains(text.lower(), autoescape=True))
    submissions = list(session.exec(select(Submission).where(*conditions).order_by(col(Submission.id))
                                    .limit(limit)))
    return [(s, current_assessment(session, submission_id=s.id)) for s in submissions if s.id is not None]


def count_open_submissions(session: Session, *, visible: Any) -> int:
    """How many of the ``visible`` submissions wait for a review (the navigation's count, as the queue's files)."""
    waiting = select(ProductRow.submission_id).where(ProductRow.status == "needs_review")
    statement = select(func.count()).select_from(Submission).where(
        visible, _not_reading(), or_(col(Submission.status) == "needs_review", col(Submission.id).in_(waiting)))
    return int(session.exec(statement).one())


def receiving_agencies(session: Session) -> list[Organisation]:
    """The agencies a supplier can share with: those with an officer to receive the submission."""
    officers = select(UserAccount.organisation_id).where(UserAccount.role == "officer")
    return list(session.exec(select(Organisation).where(Organisation.kind == "agency",
                                                        col(Organisation.id).in_(officers))
                             .order_by(col(Organisation.name))))


def organisation_names(session: Session, *, ids: Sequence[int]) -> dict[int, str]:
    """The names (marked unverified where so) of several organisations, by id."""
    if not ids:
        return {}
    rows = session.exec(select(Organisation).where(col(Organisation.id).in_(list(set(ids)))))
    return {o.id: o.label for o in rows if o.id is not None}
