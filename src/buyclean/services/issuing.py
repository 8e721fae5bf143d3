"""Issuing, looking up, revoking and verifying certificates: the certificate core plus the store, for the pages,
the API and the CLI alike."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from buyclean.config import Settings, read_limits, verify_url
from buyclean.core.certificates import (
    MODE_DEVELOPMENT,
    MODE_SERVICE,
    NotCertifiable,
    add_validation_data,
    certificate_data,
    certificate_facts,
    certificate_number,
    fingerprint,
    load_certificate,
    open_review,
    render_certificate,
    sign_pdf,
    verify_certificate_pdf,
)
from buyclean.core.certificates.timestamps import UrllibTimeStamper
from buyclean.core.model import Status
from buyclean.core.report import assessment_json
from buyclean.core.rules import RuleSet
from buyclean.core.stored import UnloadableAssessment, differing_paths, load_assessment
from buyclean.errors import BuycleanError
from buyclean.services.submissions import (
    rebuild_assessment,
    refuse_hand_entered_unless_officer,
    refuse_while_reading,
)
from buyclean.store import (
    CertificateRecord,
    Submission,
    current_assessment,
    find_certificate,
    get_certificate,
    insert_certificate,
    read_blob,
    revoke_certificate,
    write_blob,
)
from buyclean.store.tables import Organisation
from buyclean.store.values import finite_json

if TYPE_CHECKING:
    from pyhanko.sign import signers

NUMBER_ATTEMPTS = 5


def reread_differences(session: Session, *, settings: Settings, files_dir: Path, submission: Submission,
                       loaded: Mapping[str, RuleSet], stored: dict[str, Any]) -> list[str]:
    """Read the stored file again today (with the review decisions and the rule sets as loaded now) and return
    where the result differs from the stored assessment; [] when it is the same."""
    try:
        now = rebuild_assessment(session, files_dir=files_dir, submission=submission, loaded=loaded,
                                 limits=read_limits(settings))
    except BuycleanError as exc:
        return [f"the file cannot be read again today ({exc.message})"]
    return differing_paths(stored, finite_json(assessment_json(now)))


def refuse_if_reread_differs(session: Session, *, settings: Settings, files_dir: Path, submission: Submission,
                             loaded: Mapping[str, RuleSet], stored: dict[str, Any]) -> None:
    """Raise NotCertifiable when today's reading (reader, rules) no longer gives the stored result: a certificate
    never silently states values the officer did not see, nor values nobody would get today."""
    differences = reread_differences(session, settings=settings, files_dir=files_dir, submission=submission,
                                     loaded=loaded, stored=stored)
    if differences:
        raise NotCertifiable("Re-reading this EPD today gives a different result from the check on record ("
                             + "; ".join(differences) + "). No certificate was issued from either: check the EPD "
                             "again (upload it again, and review it) so that the record and the certificate agree.",
                             where="$")


@dataclass(frozen=True)
class IssuerIdentity:
    """Who a certificate names as its issuer, and the organisation that declared the EPD."""

    issuer: str  # "City of Springfield" for an officer; "self-declared by ACME, checked by buyclean" for a supplier
    declared_by: str | None = None


def issuer_identity(session: Session, *, settings: Settings, role: str | None, organisation_id: int | None,
                    submission: Submission) -> IssuerIdentity:
    """Name the issuer: the officer's agency, or for a supplier "self-declared by <company>, checked by <service>"."""
    def label(org_id: int | None) -> str | None:
        org = session.get(Organisation, org_id) if org_id is not None else None
        return org.label if org is not None else None

    own = label(organisation_id)
    declared_by = label(submission.organisation_id)
    if role == "supplier":
        return IssuerIdentity(f"self-declared by {own or 'a supplier with no organisation'}, checked by "
                              f"{settings.certificate_issuer}", declared_by)
    return IssuerIdentity(own or settings.certificate_issuer, declared_by)


def issuing_mode(settings: Settings) -> str:
    """Who stands behind certificates issued here: the service (an https public URL) or a development instance.

    A production process (gunicorn through wsgi.py) refuses to issue without an https BUYCLEAN_PUBLIC_URL: every
    QR code would otherwise point at an address nobody outside can open.
    """
    https = settings.public_url.startswith("https://")
    if settings.production and not https:
        raise NotCertifiable(f"This service runs in production but its public URL is {settings.public_url!r}: "
                             "certificates' QR codes would point there. Set BUYCLEAN_PUBLIC_URL to the https "
                             "address where the public can open /verify/<number>, then issue.",
                             where="BUYCLEAN_PUBLIC_URL")
    return MODE_SERVICE if https else MODE_DEVELOPMENT


def issue_certificates(session: Session, *, settings: Settings, files_dir: Path, submission: Submission,
                       loaded: Mapping[str, RuleSet], signer: signers.SimpleSigner, actor: str,
                       today: dt.date | None = None, identity: IssuerIdentity | None = None,
                       products: Sequence[int] | None = None) -> list[CertificateRecord]:
    """Issue a certificate for every chosen product (default: all) of the submission's current assessment that
    passed a rule set.

    Products already certified on this assessment keep their certificate (issuing twice gives the same numbers).
    Raises NotCertifiable, naming every product's reason, when nothing qualifies or review is not finished.
    """
    assert submission.id is not None
    refuse_while_reading(submission)
    mode = issuing_mode(settings)
    identity = identity or IssuerIdentity(settings.certificate_issuer)
    stored = current_assessment(session, submission_id=submission.id)
    assert stored.id is not None
    refuse_hand_entered_unless_officer(session, actor=actor, result=stored.result)
    # the certificate states what the officer saw: the stored assessment, read back typed, never a re-derivation
    try:
        assessment = load_assessment(stored.result)
    except UnloadableAssessment as exc:
        raise NotCertifiable(exc.message, where=exc.where) from exc
    refuse_if_reread_differs(session, settings=settings, files_dir=files_dir, submission=submission, loaded=loaded,
                             stored=stored.result)
    waiting = open_review(assessment)
    if waiting:
        raise NotCertifiable(f"Review is not finished, so no certificate is issued: {'; '.join(waiting[:8])}"
                             f"{f' (and {len(waiting) - 8} more)' if len(waiting) > 8 else ''} need review. "
                             "Resolve each, then issue.", where="$.review")
    chosen = set(range(len(assessment.products)) if products is None else products)
    unknown = sorted(i for i in chosen if not 0 <= i < len(assessment.products))
    if unknown:
        raise NotCertifiable(f"There is no product {unknown[0] + 1}: the EPD declares {len(assessment.products)}.",
                             where="products")
    issued: list[CertificateRecord] = []
    reasons: list[str] = []
    for index, pa in enumerate(assessment.products):
        if index not in chosen:
            continue
        for verdict in pa.verdicts:
            ruleset = loaded.get(verdict.ruleset)
            if ruleset is None:
                continue
            if verdict.status is not Status.PASS:
                name = pa.product.name.value or f"product {index + 1}"
                reasons.append(f"'{name}' is {verdict.status.value} under {verdict.ruleset}: {verdict.message}")
                continue
            existing = find_certificate(session, assessment_id=stored.id, product_index=index,
                                        ruleset_id=ruleset.id)
            if existing is not None:
                issued.append(existing)
                continue
            try:
                issued.append(_issue_one(session, settings=settings, files_dir=files_dir, submission=submission,
                                         assessment_id=stored.id, assessment=assessment, index=index,
                                         ruleset=ruleset, signer=signer, actor=actor, today=today,
                                         identity=identity, mode=mode))
            except NotCertifiable as exc:
                reasons.append(exc.message)
    if not issued:
        raise NotCertifiable("Nothing in this submission can be certified. " + " ".join(reasons or [
            "It has no product checked against a loaded rule set."]), where="$.products")
    return issued


def _issue_one(session: Session, *, settings: Settings, files_dir: Path, submission: Submission, assessment_id: int,
               assessment: Any, index: int, ruleset: RuleSet, signer: signers.SimpleSigner, actor: str,
               today: dt.date | None, identity: IssuerIdentity, mode: str) -> CertificateRecord:
    assert submission.id is not None
    validity = dt.timedelta(days=settings.certificate_validity_days)
    for _ in range(NUMBER_ATTEMPTS):
        number = certificate_number((today or dt.date.today()).year)
        data = certificate_data(assessment, index, ruleset, number=number, issuer=identity.issuer,
                                verify_url=verify_url(settings, number), issued_on=today, validity=validity,
                                mode=mode, signer_fingerprint=fingerprint(signer_certificate_pem_der(signer)),
                                declared_by=identity.declared_by, timestamp_authority=timestamp_authority(settings))
        stamper = timestamper(settings)
        pdf = sign_pdf(render_certificate(data), signer, timestamper=stamper)
        if stamper is not None and settings.embed_validation_data:
            assert signer.signing_cert is not None
            roots = [signer.signing_cert, *(load_certificate(path.read_bytes()) for path in settings.tsa_trust_certs)]
            pdf = add_validation_data(pdf, roots)
        digest = hashlib.sha256(pdf).hexdigest()
        write_blob(files_dir, digest, pdf)
        facts = certificate_facts(data)
        # the record's columns are the facts the certificate list searches and shows, cut to their column sizes
        record = CertificateRecord(
            number=number, submission_id=submission.id, assessment_id=assessment_id, product_index=index,
            ruleset_id=ruleset.id, ruleset_version=ruleset.version, product_name=facts["product_name"][:255],
            manufacturer=(facts["manufacturer"] or "")[:255] or None, tier=facts["tier_label"][:64],
            issued_on=data.issued_on, expires_on=data.expires_on, pdf_sha256=digest, epd_sha256=facts["epd_sha256"],
            facts=facts, issued_by=actor)
        if insert_certificate(session, record=record, actor=actor):
            return record
        # the number was taken (or the product was certified by a concurrent request): look again
        existing = find_certificate(session, assessment_id=assessment_id, product_index=index, ruleset_id=ruleset.id)
        if existing is not None:
            return existing
    raise BuycleanError("No free certificate number was found; try again.")


def timestamper(settings: Settings) -> UrllibTimeStamper | None:
    """The RFC 3161 client for BUYCLEAN_TSA_URL (signatures become PAdES B-T), or None (baseline B)."""
    if not settings.tsa_url:
        return None
    return UrllibTimeStamper(settings.tsa_url, username=settings.tsa_username, password=settings.tsa_password)


def timestamp_authority(settings: Settings) -> str | None:
    """How the certificate names its time-stamp authority: the host of BUYCLEAN_TSA_URL."""
    if not settings.tsa_url:
        return None
    from urllib.parse import urlsplit

    return f"the time-stamp authority at {urlsplit(settings.tsa_url).netloc}"


def signer_certificate_pem_der(signer: signers.SimpleSigner) -> bytes:
    """The signer's certificate as DER (for its fingerprint)."""
    assert signer.signing_cert is not None
    der: bytes = signer.signing_cert.dump()
    return der


def chosen_products(values: Sequence[object]) -> list[int] | None:
    """Read the products picked in a form or a request (0-based indexes, as "index" in the assessment); none picked
    means every product that passed."""
    picked: list[int] = []
    for value in values:
        try:
            picked.append(int(str(value)))
        except ValueError:
            raise BuycleanError(f"'{value}' is not a product number; pick products from the list.",
                                where="product") from None
    return picked or None


def certificates_zip_bytes(files_dir: Path, records: Sequence[CertificateRecord]) -> bytes:
    """Return the signed PDFs as one zip, each named by its number (stored: PDFs barely compress)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for record in records:
            info = zipfile.ZipInfo(f"{record.number}.pdf", date_time=(*record.issued_on.timetuple()[:3], 0, 0, 0))
            archive.writestr(info, certificate_pdf(files_dir, record))
    return out.getvalue()


def certificate_pdf(files_dir: Path, record: CertificateRecord) -> bytes:
    """Return the stored, signed PDF: the same bytes on every download."""
    return read_blob(files_dir, record.pdf_sha256)


def certificate_state(record: CertificateRecord | None, on: dt.date | None = None) -> str:
    """valid, revoked, expired or unknown."""
    if record is None:
        return "unknown"
    if record.revoked_at is not None:
        return "revoked"
    if record.expires_on < (on or dt.date.today()):
        return "expired"
    return "valid"


def revoke(session: Session, *, number: str, reason: str, actor: str) -> CertificateRecord:
    """Revoke a certificate with a reason; unknown numbers and empty reasons are refused."""
    reason = reason.strip()
    if not reason:
        raise BuycleanError("Say why the certificate is revoked (for example: EPD withdrawn by the program operator, "
                            "rule set corrected).", where="reason")
    record = get_certificate(session, number=number)
    if record is None:
        raise LookupError(number)
    return revoke_certificate(session, record=record, reason=reason[:2000], actor=actor)


@dataclass
class UploadedCertificateVerdict:
    """The verdict on an uploaded certificate PDF: ``state`` is valid only when every check passed."""

    state: str  # valid, revoked, expired, unknown or invalid
    problems: list[str] = field(default_factory=list)
    number: str | None = None
    record: CertificateRecord | None = None
    identical: bool = False  # byte for byte the PDF this service issued


# facts the record and the embedded certificate.json both state (both are projections by certificate_facts)
_COMPARED = ("product_name", "epd_sha256", "expires_on", "tier")


def verify_upload(session: Session, *, pdf: bytes, trusted_cert: bytes | list[bytes],
                  on: dt.date | None = None, timestamp_roots: Sequence[bytes] = ()) -> UploadedCertificateVerdict:
    """Check an uploaded certificate: signature and integrity, that this service issued it, that it is not revoked
    or expired, and that its embedded data match the record."""
    on = on or dt.date.today()
    verification = verify_certificate_pdf(pdf, trusted_cert,
                                          timestamp_roots=[load_certificate(c) for c in timestamp_roots])
    problems = list(verification.problems)
    record = get_certificate(session, number=verification.number) if verification.number else None
    if verification.number and record is None:
        problems.append(f"This service has no certificate {verification.number}.")
    if record is not None and verification.certificate is not None:
        embedded = verification.certificate
        for fact in _COMPARED:
            if str(record.facts.get(fact)) != str(embedded.get(fact)):
                problems.append(f"The embedded {fact.replace('_', ' ')} ({embedded.get(fact)}) does not match "
                                f"the record ({record.facts.get(fact)}).")
        gwp = (embedded.get("gwp") or {}).get("value")
        if gwp != record.facts["gwp"]["value"]:
            problems.append(f"The embedded GWP ({gwp}) does not match the record ({record.facts['gwp']['value']}).")
    identical = record is not None and hashlib.sha256(pdf).hexdigest() == record.pdf_sha256
    if problems:
        return UploadedCertificateVerdict("invalid", problems, verification.number, record, identical)
    state = certificate_state(record, on)
    if state == "revoked" and record is not None:
        problems.append(f"Revoked on {record.revoked_at:%Y-%m-%d}: {record.revoked_reason}")
    elif state == "expired" and record is not None:
        problems.append(f"Expired on {record.expires_on.isoformat()}.")
    return UploadedCertificateVerdict(state, problems, verification.number, record, identical)


@dataclass(frozen=True)
class IssuerAnswer:
    """What the issuing service says about a certificate: valid, revoked, expired, unknown, or unreachable."""

    state: str
    detail: str = ""


def ask_issuer(verify_link: str, *, timeout_s: float = 10.0) -> IssuerAnswer:
    """Ask the service at a certificate's verify URL for its state (the public page's JSON form)."""
    import json
    import urllib.error
    import urllib.request

    if not verify_link.startswith(("https://", "http://")):
        return IssuerAnswer("unreachable", f"{verify_link!r} is not a web address")
    request = urllib.request.Request(verify_link, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # http(s) only, above
            body = json.loads(response.read(1_000_000))
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return IssuerAnswer("unknown", "the service has issued no certificate with that number")
        return IssuerAnswer("unreachable", f"the service answered HTTP {exc.code}")
    except (OSError, ValueError) as exc:
        return IssuerAnswer("unreachable", f"the service could not be asked ({exc})")
    state = str(body.get("state", "unknown")) if isinstance(body, dict) else "unknown"
    if state not in {"valid", "revoked", "expired", "unknown"}:
        return IssuerAnswer("unknown", f"the service answered an unknown state {state!r}")
    detail = ""
    if state == "revoked":
        revoked = body.get("revoked") or {}
        detail = f"revoked on {str(revoked.get('at', ''))[:10]}: {revoked.get('reason', '')}"
    elif state == "expired":
        detail = f"expired on {body.get('expires_on')}"
    return IssuerAnswer(state, detail)
