"""The JSON API (/api/v1): check and store EPDs, list and fetch assessments, evidence images, review decisions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, request, url_for
from werkzeug.exceptions import BadRequest, Forbidden

from buyclean.api.certificates import attach_certificate_routes
from buyclean.api.openapi import openapi_document
from buyclean.app.batches import queue_readings
from buyclean.app.requests import check_date, chosen_rulesets, history_filter, upload_name, visible_submission
from buyclean.app.runtime import db, runtime
from buyclean.app.security import allow_anonymous_checks, current, require
from buyclean.config import read_limits
from buyclean.core.pipeline import check_bytes
from buyclean.core.readers.pdf import render_evidence
from buyclean.core.report import assessment_json
from buyclean.core.review import Decision
from buyclean.services.accounts import visible_condition
from buyclean.services.submissions import reassess, submit
from buyclean.store import (
    ProductRow,
    ReviewDecision,
    Submission,
    current_assessment,
    list_decisions,
    list_submissions,
    products_of,
    read_blob,
)
from buyclean.store.values import finite_json

api = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_PER_PAGE = 200


def _submission_or_404(submission_id: int) -> Submission:
    return visible_submission(submission_id, missing=f"There is no assessment {submission_id} that you can see; "
                                                     "GET /api/v1/assessments lists them.")


def _timestamp(value: Any) -> str:
    text: str = value.isoformat()
    # SQLite hands back naive datetimes; every stored time is UTC
    return text if value.tzinfo else text + "Z"


def _summary(s: Submission, products: list[ProductRow]) -> dict[str, Any]:
    return {
        "id": s.id, "href": url_for("api.get_assessment", submission_id=s.id), "filename": s.filename,
        "format": s.format, "sha256": s.sha256, "created_at": _timestamp(s.created_at),
        "checked_on": s.checked_on.isoformat(), "rulesets": s.rulesets.split(","), "status": s.status,
        "supplier": s.supplier, "registration_number": s.registration_number, "reading": s.ocr_status or "none",
        "products": [{"index": p.index, "name": p.name, "material": p.material, "status": p.status,
                      "gwp": None if p.gwp_value is None else {"value": p.gwp_value, "unit": p.gwp_unit},
                      "tier": p.tier} for p in products],
    }


def _decision_json(d: ReviewDecision) -> dict[str, Any]:
    return {"id": d.id, "product": d.product_index, "field": d.field, "candidate": d.candidate, "value": d.value,
            "reviewer": d.reviewer, "justification": d.justification, "created_at": _timestamp(d.created_at)}


@api.get("/openapi.json")
def openapi() -> Response:
    """Serve the OpenAPI 3.1 document."""
    return jsonify(openapi_document())


@api.post("/assessments")
def create_assessment() -> tuple[Response, int, dict[str, str]]:
    """Check an uploaded EPD (multipart field ``file``, or a JSON body); store it when a token is sent."""
    if request.mimetype == "multipart/form-data":
        storage = request.files.get("file")
        if storage is None:
            raise BadRequest("Send the EPD in the multipart field 'file'.")
        data, filename = storage.read(), upload_name(storage.filename)
    else:
        data, filename = request.get_data(), upload_name(request.args.get("filename"), "upload.json")
    rulesets = chosen_rulesets(request.args.getlist("rules") + request.form.getlist("rules"))
    on = check_date(request.args.get("on") or request.form.get("on"))
    rt = runtime()
    p = current()
    if not p.authenticated:
        # a self-check: the verdict, and nothing stored; so many per address, in a shorter reading time
        allow_anonymous_checks(1)
        result = finite_json(assessment_json(check_bytes(data, filename, rulesets, on,
                                                         limits=read_limits(rt.settings, anonymous=True))))
        return jsonify(result), 200, {}
    if not p.can("upload"):
        raise Forbidden(f"A {p.role} token cannot store assessments; use a supplier's or an officer's token.")
    submission, result = submit(db(), files_dir=rt.files_dir, data=data, filename=filename, rulesets=rulesets, on=on,
                                limits=read_limits(rt.settings), actor=p.actor,
                                organisation_id=p.organisation_id, uploaded_by_id=p.user_id, ocr_later=True)
    location = {"Location": url_for("api.get_assessment", submission_id=submission.id)}
    if submission.ocr_status == "queued":
        # stored, its pictures left for the OCR job: where to follow the reading, not yet the assessment
        queue_readings([submission])
        return jsonify(reading_json(submission)), 202, location
    return jsonify(result), 201, location


def reading_json(s: Submission) -> dict[str, Any]:
    """How far the reading of a submission's pictures by OCR has got ('none': its upload's check was final)."""
    return {"id": s.id, "href": url_for("api.get_reading", submission_id=s.id),
            "assessment": url_for("api.get_assessment", submission_id=s.id),
            "page": url_for("pages.submission_page", submission_id=s.id), "status": s.ocr_status or "none",
            "pages_done": s.ocr_pages_done, "pages_total": s.ocr_pages_total, "message": s.ocr_message}


@api.get("/assessments/<int:submission_id>/reading")
def get_reading(submission_id: int) -> Response:
    """Return how far the reading of the submission's scanned pages by OCR has got."""
    return jsonify(reading_json(_submission_or_404(submission_id)))


@api.get("/assessments")
@require("read")
def list_assessments() -> Response:
    """List submissions with the history page's filters, one page at a time."""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    per_page = min(max(request.args.get("per_page", runtime().settings.page_size, type=int) or 1, 1), MAX_PER_PAGE)
    rows, total = list_submissions(db(), filters=history_filter(), page=page, per_page=per_page,
                                   visible=visible_condition(current()))
    products = products_of(db(), submission_ids=[r.id for r in rows if r.id is not None])
    return jsonify(items=[_summary(r, products[r.id or 0]) for r in rows], page=page, per_page=per_page, total=total)


@api.get("/assessments/<int:submission_id>")
def get_assessment(submission_id: int) -> Response:
    """Return the current assessment of a submission."""
    _submission_or_404(submission_id)
    return jsonify(current_assessment(db(), submission_id=submission_id).result)


@api.get("/assessments/<int:submission_id>/reviews")
def list_reviews(submission_id: int) -> Response:
    """Return the review decisions of a submission, in the order they were made."""
    _submission_or_404(submission_id)
    return jsonify(items=[_decision_json(d) for d in list_decisions(db(), submission_id=submission_id)])


def _int_or_none(body: dict[str, Any], key: str) -> int | None:
    value = body.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
        return value
    raise BadRequest(f"'{key}' must be a whole number from 0, or null.")


@api.post("/assessments/<int:submission_id>/reviews")
@require("review")
def create_review(submission_id: int) -> tuple[Response, int, dict[str, str]]:
    """Record a review decision, re-assess and return the new assessment."""
    submission = _submission_or_404(submission_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadRequest("Send the decision as a JSON object (see ReviewRequest in /api/v1/openapi.json).")
    value = body.get("value")
    decision = Decision(field=str(body.get("field", "")), reviewer=current().email,
                        justification=str(body.get("justification", "")).strip(),
                        product_index=_int_or_none(body, "product"), candidate=_int_or_none(body, "candidate"),
                        value=None if value is None else str(value))
    rt = runtime()
    result = reassess(db(), files_dir=rt.files_dir, submission=submission, loaded=rt.rulesets, decision=decision,
                      limits=read_limits(rt.settings))
    return jsonify(result), 201, {"Location": url_for("api.get_assessment", submission_id=submission_id)}


@api.get("/assessments/<int:submission_id>/evidence.png")
def evidence_image(submission_id: int) -> Response:
    """Render the PDF region a value (or one of its candidates) was read from."""
    submission = _submission_or_404(submission_id)
    if submission.format != "pdf":
        abort(404, "Only PDF submissions have evidence images; JSON evidence is the path shown with the value.")
    result = current_assessment(db(), submission_id=submission_id).result
    field = request.args.get("field", "")
    index = request.args.get("product", type=int)
    candidate = request.args.get("candidate", type=int)
    holder = result["epd"] if index is None else next((p for p in result["products"] if p["index"] == index), None)
    if holder is None:
        abort(404, f"There is no product {index}.")
    if candidate is None:
        evidence = holder.get("evidence", {}).get(field)
    else:
        item = next((r for r in holder.get("review", []) if r["field"] == field), None)
        candidates = item["candidates"] if item else []
        evidence = candidates[candidate]["evidence"] if 0 <= candidate < len(candidates) else None
    if not evidence or not evidence.get("page"):
        abort(404, f"No page is recorded for {field or 'that field'}.")
    bbox = evidence.get("bbox")
    png = render_evidence(read_blob(runtime().files_dir, submission.sha256), evidence["page"],
                              tuple(bbox) if bbox else None)
    # the crop for a given stored file and box never changes
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, max-age=86400"})


attach_certificate_routes(api)
