"""Pages for officers and suppliers: upload, the assessment of a submission, review, and history."""

from __future__ import annotations

import base64
import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup
from werkzeug.exceptions import Forbidden

from buyclean.app.batches import queue_readings
from buyclean.app.errors import error_response
from buyclean.app.requests import check_date, chosen_rulesets, history_filter, upload_name, visible_submission
from buyclean.app.runtime import db, runtime
from buyclean.app.security import allow_anonymous_checks, current, require
from buyclean.config import read_limits
from buyclean.core.charts import tier_chart
from buyclean.core.model import Material, Overall
from buyclean.core.pipeline import check_bytes
from buyclean.core.readers.pdf import render_evidence
from buyclean.core.report import assessment_json
from buyclean.core.review import EPD_FIELDS, PRODUCT_FIELDS, Decision
from buyclean.errors import BuycleanError
from buyclean.services.accounts import shares_of, visible_condition
from buyclean.services.issuing import certificate_state
from buyclean.services.submissions import reassess, submit
from buyclean.store import (
    certificates_of,
    current_assessment,
    list_decisions,
    list_events,
    list_submissions,
    organisation_names,
    products_of,
    read_blob,
    receiving_agencies,
)
from buyclean.store.tables import Organisation

pages = Blueprint("pages", __name__)

FIELD_LABELS = {
    "name": "Product name", "material": "Material", "declared_unit": "Declared unit", "gwp_a1a3": "GWP A1-A3",
    "category": "Category", "compressive_strength": "Compressive strength",
    "high_early_strength": "High early strength",
    "steel": "Steel type", "mass_per_declared_unit_kg": "Mass per declared unit (kg)", "valid_until": "Valid until",
    "issued": "Issued", "registration_number": "Registration number", "program_operator": "Program operator",
    "manufacturer": "Manufacturer", "epd_type": "EPD type", "third_party_verified": "Third-party verified",
    "pcr": "PCR", "pcr_accepted": "PCR acceptable for this rule set", "lightweight": "Lightweight concrete",
    "high_early_strength_required": "High early strength required for technical reasons",
    "density_kg_m3": "Density (kg/m3)", "cast_in_place": "Cast-in-place or precast",
    "no_limit": "Not applicable / no limit for this product",
    "type_iii": "ISO 14025 Type III", "product_specific": "Product-specific", "facility_specific": "Facility-specific",
    "valid_on_date": "Valid on the check date", "epd_age": "EPD age",
}
# a document check that could not be confirmed -> the EPD field an officer's decision settles it with
FINDING_FIELDS = {"pcr": "pcr", "product_specific": "epd_type", "facility_specific": "epd_type",
                  "third_party_verified": "third_party_verified", "valid_on_date": "valid_until", "epd_age": "issued",
                  # registered with a program operator (and verified): a Type III declaration
                  "type_iii": "program_operator"}


def finding_fields(result: dict[str, Any]) -> dict[str, str]:
    """FINDING_FIELDS for one stored assessment: a PCR that was read, and differs from the one a rule set names, is
    settled by judging it (pcr_accepted), not by entering it again; one not read is entered."""
    epd = result["epd"]
    read = epd.get("pcr") is not None and all(item["field"] != "pcr" for item in epd["review"])
    return {**FINDING_FIELDS, "pcr": "pcr_accepted"} if read else dict(FINDING_FIELDS)
STATUS_LABELS = {"compliant": "Compliant", "non_compliant": "Not compliant", "needs_review": "Needs review",
                 "pass": "Pass", "fail": "Fail", "no_limit": "No limit", "not_applicable": "Not applicable",
                 "unknown": "Unknown", "error": "Error"}


@pages.app_context_processor
def _review_registry() -> dict[str, Any]:
    # every review form is built from the registry of reviewable fields (choices, examples)
    return {"review_fields": {**PRODUCT_FIELDS, **EPD_FIELDS}}


@pages.app_template_filter("show")
def show(value: Any) -> str:
    """Render a value of the assessment JSON as short text."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.1f}"
    if isinstance(value, dict):
        # a number the document did not state as a finite number is stored as null (store.values): shown as a dash
        if "quantity" in value:
            return f"{_number(value['quantity'], 'g')} {value['unit']}"
        if "indicator" in value:
            return (f"{_number(value['value'], ',.2f')} {value['unit']} ({value['indicator']}, "
                    f"{value.get('modules', 'A1-A3')})")
        if "psi" in value:
            psi = value["psi"]
            extra = "" if value["unit"] == "psi" else (  # half up: 3,988.5 psi is 3,989
                f" = {int(psi + 0.5):,} psi" if isinstance(psi, int | float) and math.isfinite(psi) else " = — psi")
            return f"{_number(value['value'], 'g')} {value['unit']}{extra}" + (
                " (cube)" if value.get("kind") == "cube" else "")
        if "product" in value:
            return ", ".join(f"{k} {v}" for k, v in value.items() if v is not None)
        if "value" in value and "unit" in value:
            return f"{_number(value['value'], ',.1f')} {value['unit']}"
    return str(value)


@pages.app_template_filter("number")
def _number(value: Any, spec: str = ",.1f") -> str:
    """A number as ``spec`` formats it; a dash for a missing one (a NaN in an EPD is stored as null)."""
    return format(value, spec) if isinstance(value, int | float) and math.isfinite(value) else "—"


@pages.app_template_filter("status_label")
def status_label(value: str | None) -> str:
    """Return the words for a status code."""
    return STATUS_LABELS.get(value or "", value or "—")


@pages.app_template_filter("field_label")
def field_label(value: str) -> str:
    """Return the words for a field name."""
    return FIELD_LABELS.get(value, value.replace("_", " "))


@pages.get("/")
def upload_form() -> str:
    """Show the upload form."""
    rt = runtime()
    return render_template("upload.html", rulesets=list(rt.rulesets.values()), defaults=rt.settings.default_rulesets,
                           today=dt.date.today().isoformat(), max_bytes=rt.settings.max_upload_bytes)


@pages.post("/submissions")
def upload() -> Any:
    """Check and store each uploaded file; background requests get JSON, the plain form a page."""
    files = [f for f in request.files.getlist("file") if f.filename or f.content_length]
    if not files:
        return error_response(400, "bad_request", "Choose at least one EPD file to upload.", "file")
    rulesets = chosen_rulesets(request.form.getlist("rules"))
    on = check_date(request.form.get("on"))
    rt = runtime()
    p = current()
    if not p.authenticated:
        allow_anonymous_checks(len(files))
        return self_check(files, rulesets, on)
    if not p.can("upload"):
        raise Forbidden(f"Your role ({p.role}) cannot upload; suppliers and officers can.")
    done: list[int] = []
    for storage in files:
        filename = upload_name(storage.filename)
        try:
            submission, result = submit(db(), files_dir=rt.files_dir, data=storage.read(), filename=filename,
                                        rulesets=rulesets, on=on, limits=read_limits(rt.settings), actor=p.actor,
                                        organisation_id=p.organisation_id, uploaded_by_id=p.user_id, ocr_later=True)
        except BuycleanError as exc:
            if len(files) == 1:
                raise
            flash(f"{filename}: {exc.message}", "error")
            continue
        assert submission.id is not None
        queue_readings([submission])  # its scanned pages are read in a job; its page shows how far
        done.append(submission.id)
        if request.headers.get("X-Requested-With") == "XMLHttpRequest":
            url = url_for("pages.submission_page", submission_id=submission.id)
            return {"id": submission.id, "url": url, "status": result["status"], "filename": filename,
                    "reading": submission.ocr_status or "none"}, 201
    if len(files) == 1:
        return redirect(url_for("pages.submission_page", submission_id=done[0]))
    flash(f"{len(done)} of {len(files)} files were checked.", "info")
    return redirect(url_for("pages.history"))


def _chart(verdict: dict[str, Any]) -> Markup | None:
    if not verdict.get("margins"):
        return None
    unit = (verdict.get("limit") or verdict.get("gwp") or {}).get("unit", "")
    gwp = (verdict.get("gwp") or {}).get("value")
    svg = tier_chart(gwp=gwp, unit=unit, limits=[(m["label"], m["limit"]) for m in verdict["margins"]],
                     title=f"{verdict['ruleset']} row {verdict.get('rule') or ''}")
    return Markup(svg)


# (product index, field, candidate index or None, evidence) -> the image's URL, or None for no image
ImageLink = Callable[[int, str, int | None, dict[str, Any]], str | None]


def _image_link(submission_id: int) -> ImageLink:
    def link(product: int, field: str, candidate: int | None, _evidence: dict[str, Any]) -> str:
        return url_for("api.evidence_image", submission_id=submission_id, product=product, field=field,
                       candidate=candidate)
    return link


def _evidence_rows(product: dict[str, Any], image: ImageLink | None) -> list[dict[str, Any]]:
    rows = []
    for name, evidence in product["evidence"].items():
        url = image(product["index"], name, None, evidence) if image and evidence.get("page") else None
        rows.append({"field": name, "value": product.get(name), "evidence": evidence, "image": url})
    return rows


def _review_items(product: dict[str, Any], image: ImageLink | None) -> list[dict[str, Any]]:
    items = []
    for item in product["review"]:
        candidates = []
        for k, candidate in enumerate(item["candidates"]):
            ev = candidate["evidence"]
            url = image(product["index"], item["field"], k, ev) if image and ev.get("page") else None
            candidates.append({**candidate, "index": k, "image": url})
        items.append({**item, "candidates": candidates, "settable": item["field"] in PRODUCT_FIELDS})
    return items


def document_review_items(epd: dict[str, Any]) -> list[dict[str, Any]]:
    """The EPD's own open items with each candidate's index, which its form submits."""
    return [{**item, "candidates": [{**c, "index": k} for k, c in enumerate(item["candidates"])],
             "settable": item["field"] in EPD_FIELDS} for item in epd["review"]]


def _once(product: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The verdict cards and the reasons still to print, each reason once: a review item's reason is printed in its
    review box, a verdict's message in its card."""
    cards = []
    for v in product["verdicts"]:
        message = v["message"]
        for item in product["review"]:
            if item["reason"] and f"({item['reason']})" in message:
                message = message.replace(f"({item['reason']})", "(see “Needs review” below)")
        cards.append({**v, "message": message, "chart": _chart(v)})
    printed = {f"{v['ruleset']}: {v['message']}" for v in product["verdicts"]} | {
        f["message"] for f in product["findings"]} | {item["reason"] for item in product["review"]}
    return cards, [r for r in product["reasons"] if r not in printed]


def waits_for_document(result: dict[str, Any], product: dict[str, Any]) -> bool:
    """True when a product needs review only for the document's own open points (a PCR, the EPD type): those are
    settled once, on the document, not again on each of its products."""
    if product["status"] != "needs_review" or product["review"]:
        return False
    document = {f["message"] for f in result["findings"] if f["status"] != "pass"}
    return all(reason in document for reason in product["reasons"])


def products_view(result: dict[str, Any], image: ImageLink | None) -> list[dict[str, Any]]:
    """The assessment's products with what the product cards show: charts, evidence rows, review items."""
    views = []
    for product in result["products"]:
        cards, reasons = _once(product)
        views.append({**product, "cards": cards, "reasons_left": reasons,
                      "waits_for_document": waits_for_document(result, product),
                      "evidence_rows": _evidence_rows(product, image), "review_items": _review_items(product, image),
                      "field_order": _field_order(product)})
    return views


MAX_SELF_CHECK_IMAGES = 12


def self_check(files: list[Any], rulesets: list[Any], on: dt.date | None) -> Any:
    """Check files for someone without an account: show the verdicts, store nothing."""
    rt = runtime()
    checks: list[dict[str, Any]] = []
    for storage in files:
        filename = upload_name(storage.filename)
        data = storage.read()
        try:
            result = assessment_json(check_bytes(data, filename, rulesets, on,
                                                 limits=read_limits(rt.settings, anonymous=True)))
        except BuycleanError as exc:
            if len(files) == 1:
                raise
            checks.append({"filename": filename, "error": exc.message})
            continue
        budget = [MAX_SELF_CHECK_IMAGES]

        def inline(product: int, field: str, candidate: int | None, ev: dict[str, Any],
                   data: bytes = data, budget: list[int] = budget) -> str | None:
            # the GWP and the candidates to choose from are what a supplier needs to see; pictures inline
            if budget[0] <= 0 or (field != "gwp_a1a3" and candidate is None):
                return None
            budget[0] -= 1
            png = render_evidence(data, ev["page"], tuple(ev["bbox"]) if ev.get("bbox") else None)
            return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

        checks.append({"filename": filename, "record": result,
                       "products": products_view(result, inline if result["source"]["format"] == "pdf" else None)})
    return render_template("selfcheck.html", checks=checks)


# words in a needs-review reason -> the field an officer most likely has to enter, offered first
_HINTED_FIELDS = (("density", "density_kg_m3"), ("precast", "cast_in_place"), ("cast-in-place", "cast_in_place"),
                  ("cast_in_place", "cast_in_place"), ("ready-mix", "cast_in_place"),
                  ("steel product", "steel"), ("no limit", "no_limit"),
                  ("high early strength", "high_early_strength_required"), ("lightweight", "lightweight"),
                  ("strength", "compressive_strength"), ("mass per declared unit", "mass_per_declared_unit_kg"),
                  ("material", "material"), ("declared unit", "declared_unit"), ("gwp", "gwp_a1a3"))


def _field_order(product: dict[str, Any]) -> list[str]:
    reasons = " ".join(product.get("reasons", [])).lower()
    hinted = [field for words, field in _HINTED_FIELDS if words in reasons]
    return list(dict.fromkeys([*hinted, *PRODUCT_FIELDS]))


@pages.get("/submissions/<int:submission_id>")
def submission_page(submission_id: int) -> str:
    """Show a submission: a card per product with verdicts, charts, evidence and open review items."""
    session_db = db()
    submission = visible_submission(submission_id)
    record = current_assessment(session_db, submission_id=submission_id)
    result = record.result
    products = products_view(result, _image_link(submission_id) if submission.format == "pdf" else None)
    issued = certificates_of(session_db, submission_id=submission_id)
    certified = {(c.product_index, c.ruleset_id) for c in issued if c.assessment_id == record.id}
    return render_template(
        "submission.html", submission=submission, record=result, products=products,
        reading=submission.ocr_status in ("queued", "running"),
        listing=_product_page(products), document_status=document_status(result),
        organisation=session_db.get(Organisation, submission.organisation_id) if submission.organisation_id else None,
        decisions=list_decisions(session_db, submission_id=submission_id),
        events=list_events(session_db, submission_id=submission_id), product_fields=list(PRODUCT_FIELDS),
        epd_fields=list(EPD_FIELDS), epd_review=document_review_items(result["epd"]), reviewer=current().name,
        can_review=current().can("review"),
        finding_fields=finding_fields(result),
        shares=shares_of(session_db, submission_id=submission_id), agencies=receiving_agencies(session_db),
        certificates=[(c, certificate_state(c)) for c in issued],
        # a passing product of the current assessment that has no certificate yet, and no open point of that rule set
        certifiable=any(v["status"] == "pass" and (p["index"], v["ruleset"]) not in certified
                        and not _open_findings(result, p, v["ruleset"])
                        for p in result["products"] for v in p["verdicts"]))


PRODUCTS_PER_PAGE = 10


def document_status(result: dict[str, Any]) -> str:
    """The document's status in words that explain it: '69 of 71 products comply; 2 do not.'"""
    products = result["products"]
    counts = {st: sum(1 for p in products if p["status"] == st) for st in ("compliant", "non_compliant",
                                                                          "needs_review")}
    total = len(products)
    if total == 0:
        return "No product was found in the document."
    if total == 1:
        return {"compliant": "The product complies.", "non_compliant": "The product does not comply.",
                "needs_review": "The product needs review."}.get(products[0]["status"], "")
    parts = [f"{counts['compliant']} of {total} products comply"]
    if counts["non_compliant"]:
        parts.append(f"{counts['non_compliant']} do{'es' if counts['non_compliant'] == 1 else ''} not")
    if counts["needs_review"]:
        parts.append(f"{counts['needs_review']} need{'s' if counts['needs_review'] == 1 else ''} review")
    return "; ".join(parts) + "."


def _product_page(products: list[dict[str, Any]]) -> dict[str, Any]:
    """Which product cards a long document shows: filtered by status, a page at a time."""
    status = request.args.get("status") or None
    chosen = [p for p in products if not status or p["status"] == status]
    pages_total = max((len(chosen) + PRODUCTS_PER_PAGE - 1) // PRODUCTS_PER_PAGE, 1)
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages_total)
    if len(products) <= PRODUCTS_PER_PAGE and not status:
        return {"cards": products, "status": None, "page": 1, "pages_total": 1, "where": {},
                "per_page": PRODUCTS_PER_PAGE}
    shown = chosen[(page - 1) * PRODUCTS_PER_PAGE:page * PRODUCTS_PER_PAGE] if status else \
        products[(page - 1) * PRODUCTS_PER_PAGE:page * PRODUCTS_PER_PAGE]
    # the summary list links each product to the page its card is on, among all the products
    where = {p["index"]: k // PRODUCTS_PER_PAGE + 1 for k, p in enumerate(products)}
    return {"cards": shown, "status": status, "page": page, "pages_total": pages_total, "where": where,
            "per_page": PRODUCTS_PER_PAGE}


def _open_findings(result: dict[str, Any], product: dict[str, Any], ruleset: str) -> list[dict[str, Any]]:
    """The findings of a stored assessment that are not a pass and that ``ruleset`` asks for (or every rule set)."""
    return [f for f in (*result["findings"], *product["findings"]) if f["status"] != "pass"
            and (not f.get("rulesets") or ruleset in f["rulesets"])]


@pages.post("/submissions/<int:submission_id>/review")
@require("review")
def review(submission_id: int) -> Any:
    """Record an officer's decision on one value and re-assess the submission."""
    session_db = db()
    submission = visible_submission(submission_id)
    form = request.form
    product = form.get("product", "")
    candidate = form.get("candidate", "")
    value = form.get("value", "").strip()
    field = form.get("field", "")
    justification = form.get("justification", "").strip()
    if field == "no_limit" and not justification:
        justification = value  # the reason no limit applies is the justification
    decision = Decision(field=field, reviewer=current().email, justification=justification,
                        product_index=int(product) if product.isdigit() else None,
                        candidate=int(candidate) if candidate.isdigit() else None,
                        value=value or None)
    url = request.form.get("next", "")
    if not url.startswith("/") or url.startswith("//") or "\\" in url:  # only a page of this site
        url = url_for("pages.submission_page", submission_id=submission_id)
    try:
        result = reassess(session_db, files_dir=runtime().files_dir, submission=submission,
                          loaded=runtime().rulesets, decision=decision, limits=read_limits(runtime().settings))
    except BuycleanError as exc:
        flash(f"The decision was not recorded: {exc.message}", "error")
        return redirect(url)
    what = "the document" if decision.product_index is None else f"product {decision.product_index + 1}"
    flash(f"Recorded {field_label(decision.field)} for {what} by {decision.reviewer} ({submission.filename}); the "
          f"submission is now {status_label(result['status']).lower()}.", "info")
    return redirect(url)


@pages.get("/submissions/<int:submission_id>/file")
def original_file(submission_id: int) -> Response:
    """Send the uploaded file as it was received: a download, never a page of this site."""
    submission = visible_submission(submission_id)
    data = read_blob(runtime().files_dir, submission.sha256)
    mimetype = "application/pdf" if submission.format == "pdf" else "application/json" \
        if data.lstrip()[:1] in (b"{", b"[") else "application/xml"
    # the file is the uploader's, not ours: an ILCD file's XHTML (or a PDF's script) shown inline would run with
    # this site's origin. A download, and a sandbox (a unique origin, no script) should a browser render it anyway
    return Response(data, mimetype=mimetype, headers={
        "Content-Disposition": content_disposition("attachment", submission.filename),
        "Content-Security-Policy": "sandbox", "Cache-Control": "private, no-store"})


def content_disposition(kind: str, filename: str) -> str:
    """A Content-Disposition header for an uploaded file's name: no quotes, control characters or path parts."""
    from urllib.parse import quote

    name = "".join(ch for ch in filename.replace("\\", "/").rsplit("/", 1)[-1] if ch.isprintable())
    plain = "".join(ch if ch.isascii() and ch not in '"%;' else "_" for ch in name).strip() or "download"
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(name or 'download')}"


@pages.get("/submissions")
@require("read")
def history() -> str:
    """List the submissions the user may see, newest first, with filters and pages."""
    page = request.args.get("page", 1, type=int) or 1
    per_page = runtime().settings.page_size
    rows, total = list_submissions(db(), filters=history_filter(), page=page, per_page=per_page,
                                   visible=visible_condition(current()))
    products = products_of(db(), submission_ids=[r.id for r in rows if r.id is not None])
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    pages_total = max((total + per_page - 1) // per_page, 1)
    companies = organisation_names(db(), ids=[r.organisation_id for r in rows if r.organisation_id is not None])
    return render_template("history.html", rows=rows, products=products, total=total, page=page, companies=companies,
                           pages_total=pages_total, args=args, materials=[m.value for m in Material],
                           statuses=[s.value for s in Overall if s is not Overall.ERROR],
                           rulesets=list(runtime().rulesets))
