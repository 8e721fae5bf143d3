"""Pages for bulk checks: upload many files or a zip, watch the batch's progress, download its results as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from buyclean.app.batches import batch_json, create_from_request, visible_batch
from buyclean.app.runtime import db, runtime
from buyclean.app.security import current, require
from buyclean.errors import BuycleanError
from buyclean.services.batches import product_results
from buyclean.store import current_assessment
from buyclean.store.batches import list_batch_items, list_batches

batch_pages = Blueprint("batch_pages", __name__)

CSV_COLUMNS = ["position", "filename", "sha256", "job_status", "attempts", "error", "message", "submission_id",
               "page_url", "assessment_url", "epd_number", "valid_until", "manufacturer", "overall_status",
               "product_index", "product_name", "material", "product_status", "gwp_a1a3", "gwp_unit"]
# then, for each rule set of the batch, these columns headed '<rule set> <column>'
CSV_RULESET_COLUMNS = ["status", "tier", "gwp", "limit", "unit", "margin", "rule", "reason"]
# the product table's columns that sort, and how
SORTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "file": lambda r: (r["filename"].lower(), r["index"]), "product": lambda r: (r["name"] or "").lower(),
    "ruleset": lambda r: r["ruleset"], "status": lambda r: r["status"], "tier": lambda r: r["tier"] or "~",
    "gwp": lambda r: (r["gwp"] is None, r["gwp"] or 0.0), "limit": lambda r: (r["limit"] is None, r["limit"] or 0.0),
    "margin": lambda r: (r["margin"] is None, r["margin"] or 0.0)}
PER_PAGE = 100


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
    """Show a batch: a progress bar the page's script keeps up to date, a row per file, and once files are checked
    a table of their products, a row per product and rule set, sortable and filterable."""
    batch = visible_batch(batch_id)
    rows = _product_table(batch_id)
    statuses = sorted({r["status"] for r in rows})
    rulesets = sorted({r["ruleset"] for r in rows})
    status, ruleset = request.args.get("status") or None, request.args.get("ruleset") or None
    text = (request.args.get("q") or "").strip().lower()
    shown = [r for r in rows if (not status or r["status"] == status) and (not ruleset or r["ruleset"] == ruleset)
             and (not text or text in r["filename"].lower() or text in (r["name"] or "").lower())]
    sort = request.args.get("sort") or "file"
    sort = sort if sort in SORTS else "file"
    descending = request.args.get("dir") == "desc"
    shown.sort(key=SORTS[sort], reverse=descending)
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    pages_total = max((len(shown) + PER_PAGE - 1) // PER_PAGE, 1)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("batch.html", batch=batch_json(db(), batch),
                           rows=shown[(page - 1) * PER_PAGE:page * PER_PAGE],
                           total_rows=len(rows), matching=len(shown), statuses=statuses, rulesets=rulesets,
                           status=status, ruleset=ruleset, text=text, sort=sort, descending=descending, args=args,
                           page=page, pages_total=pages_total)


def _product_table(batch_id: int) -> list[dict[str, Any]]:
    """A row per product and rule set of the batch's checked files."""
    rows = []
    for item, submission in list_batch_items(db(), batch_id=batch_id):
        if submission is None or submission.id is None:
            continue
        link = url_for("pages.submission_page", submission_id=submission.id)
        for product in product_results(current_assessment(db(), submission_id=submission.id).result):
            for ruleset, v in product["verdicts"].items():
                rows.append({**v, "filename": item.filename, "index": product["index"], "name": product["name"],
                             "ruleset": ruleset, "product_status": product["status"],
                             "link": f"{link}#product-{product['index']}"})
    return rows


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
    rulesets = batch.rulesets.split(",")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS + [f"{r} {c}" for r in rulesets for c in CSV_RULESET_COLUMNS])
    for item, submission in list_batch_items(db(), batch_id=batch_id):
        result = current_assessment(db(), submission_id=submission.id).result \
            if submission is not None and submission.id is not None else None
        page = url_for("pages.submission_page", submission_id=item.submission_id, _external=True) \
            if item.submission_id else None
        epd = result["epd"] if result else {}
        base = [item.position, item.filename, item.sha256, item.status, item.attempts, item.error, item.message,
                item.submission_id, page,
                url_for("api.get_assessment", submission_id=item.submission_id, _external=True)
                if item.submission_id else None,
                epd.get("registration_number"), epd.get("valid_until"), epd.get("manufacturer"),
                submission.status if submission else None]
        products: list[dict[str, Any] | None] = [*product_results(result)] if result else []
        for product in products or [None]:
            if product is None:
                writer.writerow([_cell(v) for v in base + [None] * (6 + len(rulesets) * len(CSV_RULESET_COLUMNS))])
                continue
            gwp = product["gwp_a1a3"] or {}
            cells = [f"{page}#product-{product['index']}" if page else None, product["index"], product["name"],
                     product["material"], product["status"], gwp.get("value"), gwp.get("unit")]
            for r in rulesets:
                v = product["verdicts"].get(r) or {}
                cells += [v.get(c) for c in CSV_RULESET_COLUMNS]
            row = base[:8] + cells[:1] + base[9:] + cells[1:]
            writer.writerow([_cell(v) for v in row])
    name = f"buyclean-batch-{batch.id}-{batch.checked_on.isoformat()}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
