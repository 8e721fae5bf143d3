"""Submitting a file and reviewing it: the core calls plus storing their results, for the pages and the API alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import sqlmodel
from sqlmodel import Session

from buyclean.core.assess import assess
from buyclean.core.model import Assessment, Epd
from buyclean.core.pipeline import check_bytes, check_text_first, source_of
from buyclean.core.readers import DEFAULT_LIMITS, ReadLimits, read_epd
from buyclean.core.report import assessment_json
from buyclean.core.review import ADD_PRODUCT, Decision, apply_decisions
from buyclean.core.rules import RuleSet, select
from buyclean.errors import NotCertifiable, StillReading
from buyclean.store import (
    ReviewDecision,
    Submission,
    blob_path,
    create_submission,
    forget_blob,
    get_stored_file,
    list_decisions,
    read_blob,
    record_review,
    write_blob,
)
from buyclean.store.tables import UserAccount
from buyclean.store.values import finite_json


def submit(session: Session, *, files_dir: Path, data: bytes, filename: str, rulesets: Sequence[RuleSet],
           on: dt.date | None, actor: str | None = None, organisation_id: int | None = None,
           uploaded_by_id: int | None = None, limits: ReadLimits = DEFAULT_LIMITS,
           ocr_later: bool = False) -> tuple[Submission, dict[str, Any]]:
    """Assess the bytes, then keep the file and store the submission; unreadable or oversized input writes
    nothing. With ``ocr_later``, pages to read by OCR are left for a job (``submission.ocr_status`` is then
    'queued'; the caller queues it): the first assessment is of the text alone."""
    # assessed first: a file that cannot be read raises here, before any byte or row is written
    if ocr_later:
        first = check_text_first(data, filename, rulesets, on, limits=limits)
        assessment, ocr_pages = first.assessment, len(first.ocr_pages)
    else:
        assessment, ocr_pages = check_bytes(data, filename, rulesets, on, limits=limits), 0
    result = finite_json(assessment_json(assessment))
    sha256 = assessment.source.sha256
    # the rows first, unsaved: anything the database refuses is refused before a byte is on disk; then the file;
    # then the rows are saved, or the file this request wrote goes again (the start-up sweep is the last resort)
    wrote = False
    try:
        submission = create_submission(session, result=result, actor=actor, organisation_id=organisation_id,
                                       uploaded_by_id=uploaded_by_id, commit=False, ocr_pages=ocr_pages)
        wrote = not blob_path(files_dir, sha256).exists()
        write_blob(files_dir, sha256, data)
        session.commit()
    except BaseException:
        session.rollback()
        if wrote and get_stored_file(session, sha256=sha256) is None:
            forget_blob(files_dir, sha256)
        raise
    return submission, result


def decision_of(row: ReviewDecision) -> Decision:
    """Return the core decision a stored row records."""
    return Decision(field=row.field, reviewer=row.reviewer, justification=row.justification,
                    product_index=row.product_index, candidate=row.candidate, value=row.value, page=row.page)


def rebuild_assessment(session: Session, *, files_dir: Path, submission: Submission, loaded: Mapping[str, RuleSet],
                       extra: Sequence[Decision] = (), limits: ReadLimits = DEFAULT_LIMITS,
                       on_ocr_progress: Callable[[int, int], None] | None = None) -> Assessment:
    """Re-read the stored file, apply the stored review decisions (then ``extra``) and assess it again."""
    assert submission.id is not None
    data = read_blob(files_dir, submission.sha256)
    earlier = [decision_of(row) for row in list_decisions(session, submission_id=submission.id)]
    if any(d.field == ADD_PRODUCT for d in (*earlier, *extra)):
        # entered by hand: nothing is read from the file (a scan); every value is a person's decision
        epd = Epd(format=submission.format, products=())
    else:
        epd = read_epd(data, limits, on_ocr_progress=on_ocr_progress)
    epd = apply_decisions(epd, [*earlier, *extra])
    # the rule sets as loaded now; the stored assessment records the versions that were used
    rulesets = select(loaded, submission.rulesets.split(","))
    return assess(epd, rulesets, source=source_of(data, submission.filename, epd.format), on=submission.checked_on)


def reassess(session: Session, *, files_dir: Path, submission: Submission, loaded: Mapping[str, RuleSet],
             decision: Decision, limits: ReadLimits = DEFAULT_LIMITS) -> dict[str, Any]:
    """Re-read the stored file, apply every decision so far and this one, assess again and store it all."""
    assert submission.id is not None
    refuse_while_reading(submission)
    assessment = rebuild_assessment(session, files_dir=files_dir, submission=submission, loaded=loaded,
                                    extra=[decision], limits=limits)
    result = assessment_json(assessment)
    row = ReviewDecision(submission_id=submission.id, product_index=decision.product_index, field=decision.field,
                         candidate=decision.candidate, value=decision.value, justification=decision.justification,
                         reviewer=decision.reviewer, page=decision.page)
    record_review(session, submission=submission, decision=row, result=result)
    return result


def refuse_while_reading(submission: Submission) -> None:
    """Raise StillReading while OCR reads the submission's pages: its assessment so far is of its text alone, and
    a decision on it could name a product or value the reading then changes."""
    if submission.ocr_status in ("queued", "running"):
        raise StillReading(f"The scanned pages of {submission.filename} are still being read by OCR "
                           f"({submission.ocr_pages_done} of {submission.ocr_pages_total} pages); review or certify "
                           "it when the reading is done.", where="ocr")


def submit_by_hand(session: Session, *, files_dir: Path, data: bytes, filename: str, fmt: str,
                   rulesets: Sequence[RuleSet], on: dt.date | None, decisions: Sequence[Decision],
                   actor: str, organisation_id: int | None,
                   uploaded_by_id: int | None) -> tuple[Submission, dict[str, Any]]:
    """Store a document nothing could read with the values an officer entered by hand, each citing its page."""
    epd = apply_decisions(Epd(format=fmt, products=()), decisions)
    assessment = assess(epd, rulesets, source=source_of(data, filename, fmt), on=on)
    result = finite_json(assessment_json(assessment))
    wrote = False
    try:
        submission = create_submission(session, result=result, actor=actor, organisation_id=organisation_id,
                                       uploaded_by_id=uploaded_by_id, commit=False)
        assert submission.id is not None
        session.add_all(ReviewDecision(submission_id=submission.id, product_index=d.product_index, field=d.field,
                                       candidate=None, value=d.value, justification=d.justification,
                                       reviewer=d.reviewer, page=d.page) for d in decisions)
        wrote = not blob_path(files_dir, assessment.source.sha256).exists()
        write_blob(files_dir, assessment.source.sha256, data)
        session.commit()
    except BaseException:
        session.rollback()
        if wrote and get_stored_file(session, sha256=assessment.source.sha256) is None:
            forget_blob(files_dir, assessment.source.sha256)
        raise
    return submission, result


def hand_entered(result: dict[str, Any]) -> list[str]:
    """Each value of a stored assessment that a person entered by hand, as its evidence says it."""
    notes = [f"document {name}: {ev['note']}" for name, ev in result["epd"]["evidence"].items()
             if (ev.get("note") or "").startswith("entered by hand")]
    for product in result["products"]:
        notes += [f"product {product['index'] + 1} {name}: {ev['note']}" for name, ev in product["evidence"].items()
                  if (ev.get("note") or "").startswith("entered by hand")]
    return notes


def refuse_hand_entered_unless_officer(session: Session, *, actor: str, result: dict[str, Any]) -> None:
    """Raise NotCertifiable when values were entered by hand and ``actor`` is not an officer: only an officer may
    certify what a person, not the reader, took from the document."""
    notes = hand_entered(result)
    if not notes:
        return
    email = actor.split(" (", 1)[0]
    user = session.exec(sqlmodel.select(UserAccount).where(UserAccount.email == email)).first()
    if user is None or user.role != "officer":
        raise NotCertifiable(f"Values of this EPD were entered by hand ({'; '.join(notes[:3])}); only an officer may "
                             "certify them.", where="$.products")
