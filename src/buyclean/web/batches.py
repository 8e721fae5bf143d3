"""Pages for bulk checks: upload many files or a zip, watch the batch's progress, download its results as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from buyclean.app.batches import batch_json, create_from_request, visible_batch
from buyclean.app.runtime import db, runtime
from buyclean.app.security import current, require
from buyclean.errors import BuycleanError
from buyclean.store import ProductRow, products_of
from buyclean.store.batches import list_batch_items, list_batches

batch_pages = Blueprint("batch_pages", __name__)

CSV_COLUMNS = ["position", "filename", "sha256", "job_status", "attempts", "error", "message", "submission_id",
               "assessment_url", "overall_status", "product_index", "product_name", "material", "product_status",
               "gwp_a1a3", "gwp_unit", "tier", "supplier"]


@batch_pages.before_app_request
def _batch_limit() -> None:
    # an app-wide hook, so that it runs before the CSRF check reads the form under the one-file limit
    if request.blueprint == batch_pages.name:
        request.max_content_length = runtime().settings.max_batch_bytes


@batch_pages.get("/batches")
@require("upload")
def batch_form() -> str:
    """Show the bulk upload form and the organisation's latest batches."""
    rt = runtime()
    p = current()
    recent = list_batches(db(), organisation_id=p.organisation_id, everyone=p.role == "admin")
    return render_template("batch_upload.html", rulesets=list(rt.rulesets.values()),
                           defaults=rt.settings.default_rulesets, today=dt.date.today().isoformat(),
                           max_bytes=rt.settings.max_upload_bytes, max_batch_bytes=rt.settings.max_batch_bytes,
                           recent=recent)


@batch_pages.post("/batches")
@require("upload")
def create_batch_page() -> Any:
    """Queue the uploaded files and zips as one batch, then show its progress."""
    try:
        batch = create_from_request("the bulk upload page")
    except BuycleanError as exc:
        flash(exc.message, "error")
        return redirect(url_for("batch_pages.batch_form"))
    return redirect(url_for("batch_pages.batch_page", batch_id=batch.id))


@batch_pages.get("/batches/<int:batch_id>")
@require("read")
def batch_page(batch_id: int) -> str:
    """Show a batch: a progress bar the page's script keeps up to date, and a row per file."""
    batch = visible_batch(batch_id)
    return render_template("batch.html", batch=batch_json(db(), batch))


def _cell(value: Any) -> Any:
    # a file name such as '=HYPERLINK(...)' must stay text when the CSV is opened in a spreadsheet
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@batch_pages.get("/batches/<int:batch_id>.csv")
@require("read")
def batch_csv(batch_id: int) -> Response:
    """Return the batch's results as CSV: a row per product of each checked file, one row for any other file."""
    batch = visible_batch(batch_id)
    rows = list_batch_items(db(), batch_id=batch_id)
    products = products_of(db(), submission_ids=[i.submission_id for i, _s in rows if i.submission_id])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item, submission in rows:
        base = [item.position, item.filename, item.sha256, item.status, item.attempts, item.error, item.message,
                item.submission_id,
                url_for("api.get_assessment", submission_id=item.submission_id, _external=True)
                if item.submission_id else None,
                submission.status if submission else None]
        found: list[ProductRow | None] = [*products.get(item.submission_id or 0, [])]
        for product in found or [None]:
            extra = [None] * 8 if product is None else [
                product.index, product.name, product.material, product.status, product.gwp_value,
                product.gwp_unit, product.tier, product.supplier]
            writer.writerow([_cell(v) for v in base + extra])
    name = f"buyclean-batch-{batch.id}-{batch.checked_on.isoformat()}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
