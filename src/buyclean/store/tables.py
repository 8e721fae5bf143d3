"""The tables: submissions, stored files, assessments, products, review decisions and audit events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    """Return the current time in UTC (every timestamp is stored in UTC)."""
    return dt.datetime.now(dt.UTC)


def _when() -> Any:
    return Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))


class StoredFile(SQLModel, table=True):
    """One uploaded file's bytes, kept once under files/ab/cdef... however often it is uploaded."""

    __tablename__ = "stored_file"

    sha256: str = Field(primary_key=True, max_length=64)
    size_bytes: int
    format: str = Field(max_length=16)
    first_filename: str = Field(max_length=255)
    created_at: dt.datetime = _when()


class Submission(SQLModel, table=True):
    """One upload of one file, checked against chosen rule sets on a chosen date."""

    __tablename__ = "submission"

    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = _when()
    filename: str = Field(max_length=255)
    sha256: str = Field(foreign_key="stored_file.sha256", index=True, max_length=64)
    format: str = Field(max_length=16)
    checked_on: dt.date
    rulesets: str = Field(max_length=255, index=True)  # comma-separated rule set ids, as chosen
    status: str = Field(max_length=16, index=True)  # the current assessment's overall status
    supplier: str | None = Field(default=None, max_length=255, index=True)
    registration_number: str | None = Field(default=None, max_length=255)
    submitted_by: str | None = Field(default=None, max_length=255)
    # who may see it: the uploader's organisation, and the agencies it is shared with (table share)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    uploaded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    # its scanned pages or pictured results read by OCR in a job after the upload (jobs/ocr.py): queued, running,
    # done or failed (with the message why); None when the upload's own check was final
    ocr_status: str | None = Field(default=None, max_length=16, index=True)
    ocr_pages_done: int = 0
    ocr_pages_total: int = 0
    ocr_attempts: int = 0
    ocr_message: str | None = None


class AssessmentRecord(SQLModel, table=True):
    """One assessment of a submission: the first on upload, one more after each review decision."""

    __tablename__ = "assessment"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    created_at: dt.datetime = _when()
    reason: str = Field(max_length=16)  # "upload" or "review"
    status: str = Field(max_length=16)
    # [{"id", "version", "name"}]: the versions used, since rule files change after the fact
    rulesets: list[dict[str, str]] = Field(sa_column=Column(JSON, nullable=False))
    result: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class ProductRow(SQLModel, table=True):
    """A product of the current assessment, in columns the history page filters on."""

    __tablename__ = "product"
    __table_args__ = (UniqueConstraint("submission_id", "index"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    index: int
    name: str | None = Field(default=None, max_length=255)
    material: str | None = Field(default=None, max_length=32, index=True)
    status: str = Field(max_length=16, index=True)
    gwp_value: float | None = None
    gwp_unit: str | None = Field(default=None, max_length=32)
    tier: str | None = Field(default=None, max_length=64)
    supplier: str | None = Field(default=None, max_length=255)


class ReviewDecision(SQLModel, table=True):
    """An officer's resolution of one uncertain value: a candidate chosen or a value entered, and why."""

    __tablename__ = "review_decision"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    product_index: int | None = None  # None for a document-level field such as valid_until
    field: str = Field(max_length=64)
    candidate: int | None = None
    value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    justification: str
    reviewer: str = Field(max_length=255)
    created_at: dt.datetime = _when()
    page: int | None = None  # the document's page a value entered by hand was read from


class AuditEvent(SQLModel, table=True):
    """Who did what to which submission, and when; rows are only ever added."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int | None = Field(default=None, foreign_key="submission.id", index=True)
    at: dt.datetime = _when()
    actor: str = Field(max_length=255)
    action: str = Field(max_length=32)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # the organisation whose trail it belongs to (None: the service's own, e.g. an admin's change)
    organisation_id: int | None = Field(default=None, index=True)
    # a hash chain: each event's hash covers its content and the previous event's hash (store.audit)
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)


class CertificateRecord(SQLModel, table=True):
    """An issued certificate: its signed PDF (kept once under its digest), the facts it states, and revocation."""

    __tablename__ = "certificate"
    __table_args__ = (UniqueConstraint("assessment_id", "product_index", "ruleset_id"),)

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=32, unique=True, index=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    product_index: int
    ruleset_id: str = Field(max_length=64)
    ruleset_version: str = Field(max_length=64)
    product_name: str = Field(max_length=255)
    manufacturer: str | None = Field(default=None, max_length=255)
    tier: str | None = Field(default=None, max_length=64)
    issued_on: dt.date
    expires_on: dt.date
    pdf_sha256: str = Field(max_length=64)
    epd_sha256: str = Field(max_length=64)
    # the key facts the public verification page shows, and that an uploaded PDF's embedded data must match
    facts: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    issued_by: str | None = Field(default=None, max_length=255)
    created_at: dt.datetime = _when()
    revoked_at: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    revoked_reason: str | None = None
    revoked_by: str | None = Field(default=None, max_length=255)


class Batch(SQLModel, table=True):
    """Many files checked together against the same rule sets on the same date (a bulk check)."""

    __tablename__ = "batch"

    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = _when()
    rulesets: str = Field(max_length=255)  # comma-separated rule set ids, as chosen
    # fixed when the batch is made, so that a job run again tomorrow gives the same assessment
    checked_on: dt.date
    submitted_by: str | None = Field(default=None, max_length=255)
    total: int = 0
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    uploaded_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class BatchItem(SQLModel, table=True):
    """One file of a batch: its bytes (kept under their digest), where its job is, and the submission it made."""

    __tablename__ = "batch_item"
    # the same bytes twice in one batch are one item: same file + rule sets + date = same assessment
    __table_args__ = (UniqueConstraint("batch_id", "sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="batch.id", index=True)
    position: int
    filename: str = Field(max_length=255)
    sha256: str = Field(max_length=64)
    size_bytes: int
    status: str = Field(default="queued", max_length=16, index=True)  # queued, running, done, failed
    error: str | None = Field(default=None, max_length=32)  # the error kind: unsupported, unreadable, too_large...
    message: str | None = None
    where: str | None = None
    submission_id: int | None = Field(default=None, foreign_key="submission.id", unique=True)
    attempts: int = 0
    updated_at: dt.datetime = _when()


class Organisation(SQLModel, table=True):
    """A manufacturer (kind supplier) or a public agency (kind agency), known by its id: names may repeat.

    A company that signs itself up is unverified until an administrator checks that its members are who they say;
    pages, certificates and exports say so.
    """

    __tablename__ = "organisation"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=255, index=True)
    kind: str = Field(max_length=16)  # supplier, agency or service
    verified: bool = False
    verified_at: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    verified_by: str | None = Field(default=None, max_length=255)
    created_at: dt.datetime = _when()

    @property
    def label(self) -> str:
        """The name as pages, certificates and exports show it: an unverified company says so."""
        return self.name if self.verified else f"{self.name} (unverified)"


class Invitation(SQLModel, table=True):
    """A single-use link that lets a colleague join an organisation; only its SHA-256 is stored."""

    __tablename__ = "invitation"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_by_id: int = Field(foreign_key="user_account.id")
    created_at: dt.datetime = _when()
    expires_at: dt.datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    used_at: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    used_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class UserAccount(SQLModel, table=True):
    """A person who logs in: one role, one organisation (auditors are assigned agencies in auditor_assignment)."""

    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=255, unique=True, index=True)  # kept lower-case
    name: str = Field(max_length=255)
    role: str = Field(max_length=16)  # supplier, officer, auditor, admin
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    password_hash: str = Field(max_length=255)  # argon2id
    active: bool = True
    must_change_password: bool = False
    failed_logins: int = 0
    locked_until: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    # bumped on password change and deactivation: sessions carrying an older value are logged out
    session_version: int = 1
    created_at: dt.datetime = _when()


class AuditorAssignment(SQLModel, table=True):
    """An auditor may read the submissions, certificates and audit trail of this agency."""

    __tablename__ = "auditor_assignment"

    user_id: int = Field(foreign_key="user_account.id", primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)


class ApiToken(SQLModel, table=True):
    """A token for programs: only its SHA-256 is stored; it acts with ``role`` (the user's role or read-only)."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    name: str = Field(max_length=100)
    prefix: str = Field(max_length=16)  # shown in lists so that a person can tell tokens apart
    token_hash: str = Field(max_length=64, unique=True, index=True)
    role: str = Field(max_length=16)
    created_at: dt.datetime = _when()
    last_used_at: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    revoked_at: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class Share(SQLModel, table=True):
    """A supplier's submission shared with an agency: the agency's officers and auditors then see it."""

    __tablename__ = "share"

    submission_id: int = Field(foreign_key="submission.id", primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)
    shared_by: str = Field(max_length=255)
    created_at: dt.datetime = _when()


class LoginSession(SQLModel, table=True):
    """A browser's log-in. The signed session cookie carries a random id; only its SHA-256 is kept here. Logging out
    deletes the row, so a copy of the cookie stops working with it; a password or role change deletes them all."""

    __tablename__ = "login_session"

    id_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    created_at: dt.datetime = _when()
    expires_at: dt.datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))


class RateEvent(SQLModel, table=True):
    """One counted attempt under ``key`` (what, from which address: 'login:203.0.113.9'): a failed log-in, an
    anonymous self-check. Counted over a sliding window (store.rates); rows a day old are deleted."""

    __tablename__ = "rate_event"
    __table_args__ = (Index("ix_rate_event_key_at", "key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=128)
    at: dt.datetime = _when()


class IdempotentRequest(SQLModel, table=True):
    """An API request sent with an Idempotency-Key: what it asked (a digest), then what it was answered, so that
    the same key and request get the same answer for 24 hours and the same key with another request a 409."""

    __tablename__ = "idempotent_request"

    user_id: int = Field(foreign_key="user_account.id", primary_key=True)
    key: str = Field(primary_key=True, max_length=255)
    fingerprint: str = Field(max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True),
                                                                             nullable=False, index=True))
    status: int | None = None  # None while the first request with the key is running
    content_type: str | None = Field(default=None, max_length=255)
    location: str | None = Field(default=None, max_length=2048)
    body: str | None = None
