"""Bulk checks as the pages and the API both serve them: the app's job queue, opening a batch from a request,
who may see a batch, and a batch as JSON (the API's answer, and what the progress page renders)."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, current_app, request, url_for
from sqlmodel import Session
from werkzeug.exceptions import BadRequest, Forbidden

from buyclean.app.requests import check_date, chosen_rulesets, upload_name
from buyclean.app.runtime import Runtime, db, runtime
from buyclean.app.security import current
from buyclean.config import read_limits
from buyclean.core.archives import UploadedFile
from buyclean.jobs.queue import EmbeddedQueue, JobQueue, job_queue
from buyclean.jobs.work import JobContext
from buyclean.services.accounts import sees_organisation
from buyclean.services.batches import open_batch
from buyclean.store.batches import count_items, get_batch, list_batch_items, unfinished_items
from buyclean.store.ocr import unfinished_ocr
from buyclean.store.tables import Batch, BatchItem, Submission

JOBS = "buyclean.jobs"


def start_jobs(app: Flask) -> JobQueue:
    """Return the app's job queue, made on first use; an embedded queue first picks up work left unfinished."""
    queue: JobQueue | None = app.extensions.get(JOBS)
    if queue is None:
        rt: Runtime = app.extensions["buyclean"]
        queue = job_queue(rt.settings, JobContext(engine=rt.engine, rulesets=rt.rulesets, files_dir=rt.files_dir,
                                                         limits=read_limits(rt.settings)))
        app.extensions[JOBS] = queue
        if isinstance(queue, EmbeddedQueue):
            # the service stopped with jobs in its threads; with no broker nobody else will run them
            try:
                with Session(rt.engine) as session:
                    queue.enqueue(unfinished_items(session))
                    queue.enqueue_ocr(unfinished_ocr(session))
            except Exception:
                app.logger.exception("could not resume unfinished jobs")
    return queue


def queue_readings(submissions: list[Submission]) -> None:
    """Queue the reading by OCR of each submission stored waiting for one."""
    waiting = [s.id for s in submissions if s.ocr_status == "queued" and s.id is not None]
    if waiting:
        start_jobs(current_app._get_current_object()).enqueue_ocr(waiting)  # type: ignore[attr-defined]


def _timestamp(value: Any) -> str:
    text: str = value.isoformat()
    return text if value.tzinfo else text + "Z"  # SQLite hands back naive datetimes; every stored time is UTC


def visible_batch(batch_id: int) -> Batch:
    """Return the batch if the current principal may see it; 404 otherwise, so that ids cannot be probed."""
    p = current()
    batch = get_batch(db(), batch_id=batch_id)
    if batch is None or not sees_organisation(p, batch.organisation_id):
        abort(404, f"There is no batch {batch_id} you can see.")
    return batch


def item_json(item: BatchItem, submission: Submission | None) -> dict[str, Any]:
    """One file of a batch, as the API and the progress page show it."""
    sid = item.submission_id
    return {"id": item.id, "position": item.position, "filename": item.filename, "sha256": item.sha256,
            "size_bytes": item.size_bytes, "status": item.status, "attempts": item.attempts,
            "error": item.error, "message": item.message, "where": item.where, "submission_id": sid,
            "assessment": url_for("api.get_assessment", submission_id=sid) if sid else None,
            "page": url_for("pages.submission_page", submission_id=sid) if sid else None,
            "result": submission.status if submission else None}


def batch_json(session: Session, batch: Batch, *, items: bool = True) -> dict[str, Any]:
    """A batch with its progress counts, and (``items``) every file's status and links."""
    assert batch.id is not None
    by_status, by_result = count_items(session, batch_id=batch.id)
    finished = by_status["done"] + by_status["failed"]
    doc: dict[str, Any] = {
        "id": batch.id, "href": url_for("batch_api.get_batch_status", batch_id=batch.id),
        "page": url_for("batch_pages.batch_page", batch_id=batch.id),
        "csv": url_for("batch_pages.batch_csv", batch_id=batch.id),
        "created_at": _timestamp(batch.created_at), "checked_on": batch.checked_on.isoformat(),
        "rulesets": batch.rulesets.split(","), "submitted_by": batch.submitted_by, "total": batch.total,
        "finished": finished, "complete": finished >= batch.total, "counts": by_status, "results": by_result,
    }
    if items:
        doc["items"] = [item_json(i, s) for i, s in list_batch_items(session, batch_id=batch.id)]
    return doc


def create_from_request(source: str) -> Batch:
    """Make a batch from this request's ``file`` fields (EPDs or zips) and queue its jobs."""
    storages = [f for f in request.files.getlist("file") if f.filename or f.content_length]
    if not storages:
        raise BadRequest("Send the EPD files (or zip files of them) in multipart fields named 'file'.")
    rulesets = chosen_rulesets(request.args.getlist("rules") + request.form.getlist("rules"))
    on = check_date(request.args.get("on") or request.form.get("on"))
    p = current()
    if not p.can("upload"):
        raise Forbidden(f"A {p.role} cannot store assessments; use a supplier's or an officer's account.")
    rt = runtime()
    # one upload at a time: a zip is checked, then its members are hashed and kept, then the next upload is read
    uploads = (UploadedFile(upload_name(s.filename, f"upload-{n}"), s.read()) for n, s in enumerate(storages, 1))
    batch, queued = open_batch(db(), files_dir=rt.files_dir, uploads=uploads, rulesets=rulesets, on=on,
                               settings=rt.settings, actor=p.actor, organisation_id=p.organisation_id,
                               uploaded_by_id=p.user_id)
    start_jobs(current_app._get_current_object()).enqueue(queued)  # type: ignore[attr-defined]
    current_app.logger.info("batch %s: %s files from %s, %s queued", batch.id, batch.total, source, len(queued))
    return batch
