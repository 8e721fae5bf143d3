"""The review queue: every open item across the submissions and batches a person may see, each with its evidence
and its form, and the count the navigation shows."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import Forbidden

from buyclean.app.requests import check_date, chosen_rulesets, upload_name
from buyclean.app.runtime import db, runtime
from buyclean.app.security import current, require
from buyclean.core.model import Material
from buyclean.core.review import ADD_PRODUCT, EPD_FIELDS, Decision
from buyclean.errors import BuycleanError, InvalidReview
from buyclean.services.accounts import visible_condition
from buyclean.services.submissions import submit_by_hand
from buyclean.store import count_open_submissions, open_submissions
from buyclean.store.tables import Submission
from buyclean.web.pages import (
    _field_order,
    _image_link,
    _review_items,
    document_review_items,
    field_label,
    finding_fields,
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
    settles = finding_fields(result)
    for finding in result["findings"]:
        field = settles.get(finding["check"])
        if finding["status"] == "unknown" and field and field not in reviewed:
            reviewed.add(field)
            # a judgement of a value (the PCR's acceptability) shows where that value was read
            items.append({"product": None, "item": {"field": field, "reason": finding["message"], "candidates": []},
                          "fields": [field], "crop": _crop(submission, epd, EPD_FIELDS[field].about or field)})
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


# the values an officer enters by hand for a document nothing could read, each with the page it is on:
# (form field, decision field, on the product or the document)
HAND_FIELDS = (("name", ADD_PRODUCT, False), ("material", "material", True), ("declared_unit", "declared_unit", True),
               ("gwp_a1a3", "gwp_a1a3", True), ("compressive_strength", "compressive_strength", True),
               ("registration_number", "registration_number", False), ("manufacturer", "manufacturer", False),
               ("issued", "issued", False), ("valid_until", "valid_until", False),
               ("third_party_verified", "third_party_verified", False), ("epd_type", "epd_type", False),
               ("pcr", "pcr", False))


def hand_decisions(form: Any, person: str) -> list[Decision]:
    """The decisions a by-hand form makes: the product first, then each value given, each citing its page."""
    decisions = []
    for name, field, on_product in HAND_FIELDS:
        value = (form.get(name) or "").strip()
        if not value:
            continue
        page_text = (form.get(f"{name}_page") or "").strip()
        if not page_text.isdigit() or int(page_text) < 1:
            raise InvalidReview(f"Give the page {field_label(field if field != ADD_PRODUCT else 'name')} is read "
                                "from (a page number, 1 or more).", where=f"{name}_page")
        decisions.append(Decision(field=field, reviewer=person, justification=(form.get("justification") or
                                                                                "the document has no text layer"),
                                  product_index=0 if on_product else None, value=value, page=int(page_text)))
    if not decisions or decisions[0].field != ADD_PRODUCT:
        raise InvalidReview("Enter the product's name as the document prints it, with its page.", where="name")
    return decisions


@review_queue.route("/submissions/by-hand", methods=["GET", "POST"])
@require("review")
def by_hand() -> Any:
    """For a document nothing could read (a scan): an officer enters its values, each with the page it is on."""
    rt = runtime()
    p = current()
    if p.role != "officer":
        raise Forbidden("Only an officer enters an EPD's values by hand.")
    if request.method == "POST":
        storage = request.files.get("file")
        try:
            if storage is None or not storage.filename:
                raise InvalidReview("Choose the EPD file the values are read from.", where="file")
            data = storage.read()
            submission, _result = submit_by_hand(
                db(), files_dir=rt.files_dir, data=data, filename=upload_name(storage.filename),
                fmt="pdf" if data[:5] == b"%PDF-" else "other", rulesets=chosen_rulesets(request.form.getlist("rules")),
                on=check_date(request.form.get("on")), decisions=hand_decisions(request.form, p.email),
                actor=p.actor, organisation_id=p.organisation_id, uploaded_by_id=p.user_id)
        except BuycleanError as exc:
            flash(f"Nothing was stored: {exc.message}", "error")
        else:
            flash(f"Stored {submission.filename} with the values you entered by hand; each cites its page.", "info")
            return redirect(url_for("pages.submission_page", submission_id=submission.id))
    return render_template("by_hand.html", rulesets=list(rt.rulesets.values()), defaults=rt.settings.default_rulesets,
                           today=dt.date.today().isoformat(), materials=[m.value for m in Material],
                           form=request.form)
