"""Certificate pages: issue and revoke from a submission, and the public verification pages the QR code opens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, request, url_for
from sqlmodel import select

from buyclean.app.requests import visible_submission
from buyclean.app.runtime import db, lookup_db, runtime
from buyclean.app.security import current, require
from buyclean.config import verify_url
from buyclean.core.certificates import normalize_certificate_number
from buyclean.errors import BuycleanError
from buyclean.services.accounts import visible_condition
from buyclean.services.issuing import (
    certificate_state,
    certificates_zip_bytes,
    chosen_products,
    issue_certificates,
    issuer_identity,
    revoke,
    verify_upload,
)
from buyclean.store import Submission, certificates_of, get_certificate, list_certificates

certificates = Blueprint("certificates", __name__)

STATE_TEXT = {
    "valid": "Valid: this service issued this certificate, and it is neither revoked nor expired.",
    "revoked": "Revoked: this certificate is no longer valid.",
    "expired": "Expired: this certificate was valid until its expiry date.",
    "unknown": "Unknown: this service has issued no certificate with that number.",
    "invalid": "Not valid: the file is not an unchanged certificate issued by this service.",
}


@certificates.post("/submissions/<int:submission_id>/certificates")
@require("certify")
def issue(submission_id: int) -> Any:
    """Issue the certificates of a submission's qualifying products, then show them on its page."""
    submission = visible_submission(submission_id)
    rt = runtime()
    url = url_for("pages.submission_page", submission_id=submission_id) + "#certificates"
    principal = current()
    try:
        picked = chosen_products(request.form.getlist("product"))
        identity = issuer_identity(db(), settings=rt.settings, role=principal.role,
                                   organisation_id=principal.organisation_id, submission=submission)
        records = issue_certificates(db(), settings=rt.settings, files_dir=rt.files_dir, submission=submission,
                                     loaded=rt.rulesets, signer=rt.signer, actor=principal.actor,
                                     identity=identity, products=picked)
    except BuycleanError as exc:
        flash(f"No certificate was issued. {exc.message}", "error")
        return redirect(url)
    flash(f"Issued {len(records)} certificate(s): {', '.join(r.number for r in records)}. Download them below.",
          "info")
    return redirect(url)


@certificates.get("/submissions/<int:submission_id>/certificates.zip")
@require("read")
def certificates_zip(submission_id: int) -> Any:
    """Download a submission's certificates (all, or those named by ?number=...) as one zip of signed PDFs."""
    submission = visible_submission(submission_id)
    assert submission.id is not None
    wanted = set(request.args.getlist("number"))
    records = [r for r in certificates_of(db(), submission_id=submission.id) if not wanted or r.number in wanted]
    if not records:
        abort(404, "This submission has no certificate to download; issue them first.")
    return Response(certificates_zip_bytes(runtime().files_dir, records), mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="certificates-{submission.id}.zip"'})


@certificates.post("/certificates/<number>/revoke")
@require("revoke")
def revoke_page(number: str) -> Any:
    """Revoke a certificate with a reason and go back to its submission."""
    record = get_certificate(db(), number=number)
    if record is None:
        abort(404, f"There is no certificate {number}.")
    visible_submission(record.submission_id)
    url = url_for("pages.submission_page", submission_id=record.submission_id) + "#certificates"
    try:
        revoke(db(), number=number, reason=request.form.get("reason", ""), actor=current().actor)
    except BuycleanError as exc:
        flash(f"The certificate was not revoked. {exc.message}", "error")
        return redirect(url)
    flash(f"Certificate {number} is revoked; its verification page now says so.", "info")
    return redirect(url)


@certificates.get("/certificates")
@require("read")
def certificate_list() -> str:
    """The certificates of the submissions the user may see, newest first; search by number, product or maker."""
    query = request.args.get("q", "").strip()
    visible = select(Submission.id).where(visible_condition(current()))
    rows = list_certificates(db(), query=query or None, limit=200, submission_ids=visible)
    return render_template("certificates.html", rows=[(c, certificate_state(c)) for c in rows], query=query)


@certificates.get("/verify")
def verify_form() -> Any:
    """Look a certificate up by number, or upload its PDF."""
    typed = request.args.get("number", "").strip()
    if typed:
        canonical = normalize_certificate_number(typed)
        if canonical:
            return redirect(url_for("certificates.verify_number", number=canonical))
        flash(f"'{typed}' is not a certificate number; they look like BC-2026-4F7K-9QX2.", "error")
    return render_template("verify.html", state=None, record=None, typed=typed)


@certificates.get("/verify/<number>")
def verify_number(number: str) -> Any:
    """The public verification page: state and key facts of one certificate, nothing else of the submission."""
    canonical = normalize_certificate_number(number)
    if canonical and canonical != number:
        return redirect(url_for("certificates.verify_number", number=canonical))
    record = get_certificate(lookup_db(), number=canonical) if canonical else None
    state = certificate_state(record)
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        # what `buyclean verify-certificate --online` asks: the state and no more than the page shows
        body = {"number": canonical or number, "state": state, "state_text": STATE_TEXT[state],
                "expires_on": None if record is None else record.expires_on.isoformat(),
                "revoked": None if record is None or record.revoked_at is None else
                {"at": record.revoked_at.isoformat(), "reason": record.revoked_reason}}
        return jsonify(body), 404 if record is None else 200
    return render_template("verify.html", state=state, state_text=STATE_TEXT[state], record=record,
                           number=canonical or number, problems=[], verify_link=None), 404 if record is None else 200


@certificates.post("/verify")
def verify_upload_page() -> Any:
    """Check an uploaded certificate PDF and show the verdict."""
    storage = request.files.get("file")
    data = storage.read() if storage is not None else b""
    if not data:
        flash("Choose the certificate PDF to check.", "error")
        return redirect(url_for("certificates.verify_form"))
    try:
        result = verify_upload(db(), pdf=data, trusted_cert=runtime().trusted_pems,
                               timestamp_roots=runtime().tsa_roots)
    except BuycleanError as exc:
        return render_template("verify.html", state="invalid", state_text=STATE_TEXT["invalid"], record=None,
                               number=None, problems=[exc.message], uploaded=True), 422
    number = result.number
    return render_template("verify.html", state=result.state, state_text=STATE_TEXT[result.state],
                           record=result.record, number=number, problems=result.problems, uploaded=True,
                           identical=result.identical,
                           verify_link=verify_url(runtime().settings, number) if number else None)
