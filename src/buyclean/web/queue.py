"""The review queue: every open item across the submissions and batches a person may see, each with its evidence
and its form, and the count the navigation shows."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for

from buyclean.app.runtime import db
from buyclean.app.security import current, require
from buyclean.core.model import Material
from buyclean.core.review import EPD_FIELDS
from buyclean.services.accounts import visible_condition
from buyclean.store import count_open_submissions, open_submissions
from buyclean.store.tables import Submission
from buyclean.web.pages import (
    FINDING_FIELDS,
    _field_order,
    _image_link,
    _review_items,
    document_review_items,
    waits_for_document,
)

review_queue = Blueprint("review_queue", __name__)

PER_PAGE = 20


@review_queue.app_context_processor
def _open_count() -> dict[str, Any]:
    def open_reviews() -> int:
        """How many files wait for the person's review (counted only when the navigation asks)."""
        p = current()
        return count_open_submissions(db(), visible=visible_condition(p)) if p.can("review") else 0
    return {"open_reviews": open_reviews}


def _crop(submission: Submission, holder: dict[str, Any], field: str) -> str | None:
    """The picture of where ``field`` (else the GWP) was read, for an item without candidates."""
    if submission.format != "pdf":
        return None
    for name in (field, "gwp_a1a3"):
        if (holder.get("evidence") or {}).get(name, {}).get("page"):
            return url_for("api.evidence_image", submission_id=submission.id, product=holder.get("index"), field=name)
    return None


def _document_items(submission: Submission, result: dict[str, Any]) -> list[dict[str, Any]]:
    epd = result["epd"]
    items: list[dict[str, Any]] = []
    for item in document_review_items(epd):
        for c in item["candidates"]:
            if submission.format == "pdf" and c["evidence"].get("page"):
                c["image"] = url_for("api.evidence_image", submission_id=submission.id, field=item["field"],
                                     candidate=c["index"])
        items.append({"product": None, "item": item, "fields": list(EPD_FIELDS), "crop": None})
    reviewed = {item["field"] for item in epd["review"]}
    for finding in result["findings"]:
        field = FINDING_FIELDS.get(finding["check"])
        if finding["status"] == "unknown" and field and field not in reviewed:
            reviewed.add(field)
            items.append({"product": None, "item": {"field": field, "reason": finding["message"], "candidates": []},
                          "fields": [field], "crop": _crop(submission, epd, field)})
    return items


def queue_items(submission: Submission, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The open items of one stored assessment: the document's, then each product's needing review."""
    image = _image_link(submission.id) if submission.format == "pdf" and submission.id is not None else None
    items = _document_items(submission, result)
    for product in result["products"]:
        if product["status"] != "needs_review" or waits_for_document(result, product):
            continue  # a product waiting only for the document's points is settled by the document's items
        open_items = _review_items(product, image)
        for item in open_items:
            items.append({"product": product, "item": item, "fields": [item["field"]],
                          "crop": None if item["candidates"] else _crop(submission, product, item["field"])})
        if not open_items:
            items.append({"product": product, "item": None, "fields": _field_order(product),
                          "reason": "; ".join(product["reasons"]), "crop": _crop(submission, product, "gwp_a1a3")})
    for entry in items:
        entry["submission"] = submission
    return items


@review_queue.get("/review")
@require("review")
def queue_page() -> str:
    """List every open item the person may review, filtered, each with its evidence and its form."""
    field = request.args.get("field") or None
    material = request.args.get("material") or None
    text = (request.args.get("q") or "").strip() or None
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    items = [entry for submission, record in open_submissions(db(), visible=visible_condition(current()),
                                                               material=material, text=text)
             for entry in queue_items(submission, record.result)]
    if material:
        items = [e for e in items if e["product"] is None or e["product"]["material"] == material]
    fields = sorted({e["item"]["field"] if e["item"] else "missing fact" for e in items})
    if field:
        items = [e for e in items if (e["item"]["field"] if e["item"] else "missing fact") == field]
    files = len({e["submission"].id for e in items})
    pages_total = max((len(items) + PER_PAGE - 1) // PER_PAGE, 1)
    shown = items[(page - 1) * PER_PAGE:page * PER_PAGE]
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("review_queue.html", items=shown, total=len(items), files=files, page=page,
                           pages_total=pages_total, args=args, fields=fields, field=field, material=material,
                           text=text or "", materials=[m.value for m in Material],
                           here=f"{url_for('review_queue.queue_page')}?{urlencode({**args, 'page': page})}")
