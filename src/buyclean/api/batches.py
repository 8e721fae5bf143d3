"""The bulk-check API: POST /api/v1/batches queues many files (or zips of them); GET shows each file's progress."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, url_for

from buyclean.app.batches import batch_json, create_from_request, visible_batch
from buyclean.app.runtime import db, runtime
from buyclean.app.security import require

batch_api = Blueprint("batch_api", __name__, url_prefix="/api/v1")


@batch_api.before_app_request
def _batch_limit() -> None:
    # a batch upload may be far bigger than one file (the per-file limit still applies to each file); an app-wide
    # hook, so that it runs before the input checks in app/security.py read the form under the one-file limit
    if request.blueprint == batch_api.name:
        request.max_content_length = runtime().settings.max_batch_bytes


@batch_api.post("/batches")
@require("upload")
def create_batch() -> tuple[Response, int, dict[str, str]]:
    """Queue a check of every uploaded file (multipart fields ``file``; zips are unpacked); 202 with the batch."""
    batch = create_from_request("the API")
    return jsonify(batch_json(db(), batch)), 202, {
        "Location": url_for("batch_api.get_batch_status", batch_id=batch.id)}


@batch_api.get("/batches/<int:batch_id>")
@require("read")
def get_batch_status(batch_id: int) -> Response:
    """Return a batch's progress; ``?items=false`` leaves out the per-file list."""
    batch = visible_batch(batch_id)
    with_items = request.args.get("items", "true").lower() not in ("0", "false", "no")
    return jsonify(batch_json(db(), batch, items=with_items))
