"""Certificate endpoints of /api/v1: issue for an assessment, fetch (JSON and the signed PDF), revoke, verify."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, request, url_for
from werkzeug.exceptions import BadRequest

from buyclean.app.requests import visible_submission
from buyclean.app.runtime import db, runtime
from buyclean.app.security import current, require
from buyclean.config import verify_url
from buyclean.core.certificates import normalize_certificate_number
from buyclean.services.issuing import (
    UploadedCertificateVerdict,
    certificate_pdf,
    certificate_state,
    certificates_zip_bytes,
    chosen_products,
    issue_certificates,
    issuer_identity,
    revoke,
    verify_upload,
)
from buyclean.store import CertificateRecord, certificates_of, chain_head, get_certificate


def certificate_json(record: CertificateRecord) -> dict[str, Any]:
    """A certificate's record as the API returns it."""
    return {
        "number": record.number, "state": certificate_state(record),
        "href": url_for("api.get_certificate_json", number=record.number),
        "pdf": url_for("api.get_certificate_pdf", number=record.number),
        "verify_url": verify_url(runtime().settings, record.number),
        "assessment": url_for("api.get_assessment", submission_id=record.submission_id),
        "product_index": record.product_index, "ruleset": record.ruleset_id,
        "ruleset_version": record.ruleset_version, "issued_on": record.issued_on.isoformat(),
        "expires_on": record.expires_on.isoformat(), "pdf_sha256": record.pdf_sha256,
        "revoked": None if record.revoked_at is None else {
            "at": record.revoked_at.isoformat(), "reason": record.revoked_reason, "by": record.revoked_by},
        "facts": record.facts,
        # the audit trail's head as this record is read: keep it, and `buyclean audit verify --head` shows later
        # whether the trail up to it (this certificate's issue among it) was rewritten or cut
        "audit_chain_head": head.hash if (head := chain_head(db())) else None,
    }


def uploaded_verdict_json(result: UploadedCertificateVerdict) -> dict[str, Any]:
    """The verdict on an uploaded certificate, as the API returns it."""
    return {"state": result.state, "valid": result.state == "valid", "number": result.number,
            "problems": result.problems, "identical_to_issued": result.identical,
            "facts": None if result.record is None else result.record.facts}


def _record_or_404(number: str) -> CertificateRecord:
    """The certificate if the principal may see its submission (the public sees /verify/<number> instead)."""
    canonical = normalize_certificate_number(number)
    record = get_certificate(db(), number=canonical) if canonical else None
    missing = (f"There is no certificate {number} that you can see; numbers look like BC-2026-4F7K-9QX2 and anyone "
               "can check one at /verify/<number>.")
    if record is None:
        abort(404, missing)
    visible_submission(record.submission_id, missing=missing)
    return record


@require("certify")
def create_certificates(submission_id: int) -> tuple[Response, int]:
    """Issue the certificates of every product of the assessment that passed a rule set."""
    submission = visible_submission(submission_id, missing=f"There is no assessment {submission_id} that you can "
                                                           "see; GET /api/v1/assessments lists them.")
    rt = runtime()
    body = request.get_json(silent=True) if request.content_length else None
    picked = body.get("products") if isinstance(body, dict) else None
    if picked is not None and not (isinstance(picked, list) and all(isinstance(i, int) for i in picked)):
        raise BadRequest('Send {"products": [0, 2]}: the indexes of the products to certify (default: all).')
    principal = current()
    identity = issuer_identity(db(), settings=rt.settings, role=principal.role,
                               organisation_id=principal.organisation_id, submission=submission)
    records = issue_certificates(db(), settings=rt.settings, files_dir=rt.files_dir, submission=submission,
                                 loaded=rt.rulesets, signer=rt.signer, actor=principal.actor, identity=identity,
                                 products=chosen_products(picked or []))
    return jsonify(items=[certificate_json(r) for r in records]), 201


@require("read")
def get_certificates_zip(submission_id: int) -> Response:
    """The submission's certificates (all, or ?number=... ones) as one zip of the signed PDFs."""
    submission = visible_submission(submission_id, missing=f"There is no assessment {submission_id} that you can "
                                                           "see; GET /api/v1/assessments lists them.")
    assert submission.id is not None
    wanted = set(request.args.getlist("number"))
    records = [r for r in certificates_of(db(), submission_id=submission.id) if not wanted or r.number in wanted]
    if not records:
        abort(404, f"Assessment {submission_id} has no certificate to download; POST to its certificates first.")
    return Response(certificates_zip_bytes(runtime().files_dir, records), mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="certificates-{submission.id}.zip"'})


@require("read")
def get_certificate_json(number: str) -> Response:
    """The certificate's record: state, facts, links."""
    return jsonify(certificate_json(_record_or_404(number)))


@require("read")
def get_certificate_pdf(number: str) -> Response:
    """The signed PDF as issued: the same bytes on every download."""
    record = _record_or_404(number)
    return Response(certificate_pdf(runtime().files_dir, record), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{record.number}.pdf"',
                             "ETag": f'"{record.pdf_sha256}"'})


@require("revoke")
def revoke_certificate(number: str) -> Response:
    """Revoke a certificate with a reason (JSON {"reason": ...})."""
    record = _record_or_404(number)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("reason"), str):
        raise BadRequest('Send {"reason": "..."}: say why the certificate is revoked.')
    revoke(db(), number=record.number, reason=body["reason"], actor=current().actor)
    return jsonify(certificate_json(record))


def verify_certificate() -> Response:
    """Check an uploaded certificate PDF (multipart field ``file`` or the raw body)."""
    if request.mimetype == "multipart/form-data":
        storage = request.files.get("file")
        if storage is None:
            raise BadRequest("Send the certificate PDF in the multipart field 'file'.")
        data = storage.read()
    else:
        data = request.get_data()
    if not data:
        raise BadRequest("The upload is empty; send the certificate PDF.")
    rt = runtime()
    return jsonify(uploaded_verdict_json(verify_upload(db(), pdf=data, trusted_cert=rt.trusted_pems,
                                                    timestamp_roots=rt.tsa_roots)))


def signing_certificate() -> Response:
    """The X.509 certificate whose key signs this service's certificates, for offline checks."""
    return Response(runtime().signer_pem, mimetype="application/x-pem-file",
                    headers={"Content-Disposition": 'attachment; filename="buyclean-signing-certificate.pem"'})


def attach_certificate_routes(api: Blueprint) -> None:
    """Put the certificate endpoints on the API blueprint (their endpoint names are api.<function>)."""
    api.add_url_rule("/assessments/<int:submission_id>/certificates", view_func=create_certificates, methods=["POST"])
    api.add_url_rule("/assessments/<int:submission_id>/certificates.zip", view_func=get_certificates_zip,
                     methods=["GET"])
    api.add_url_rule("/certificates/<number>", view_func=get_certificate_json, methods=["GET"])
    api.add_url_rule("/certificates/<number>/pdf", view_func=get_certificate_pdf, methods=["GET"])
    api.add_url_rule("/certificates/<number>/revocation", view_func=revoke_certificate, methods=["POST"])
    api.add_url_rule("/certificates/verify", view_func=verify_certificate, methods=["POST"])
    api.add_url_rule("/signing-certificate.pem", view_func=signing_certificate, methods=["GET"])
