"""Persistence: SQLModel tables, keyword-only data-access functions, the file store and migrations."""

from buyclean.store.access import (
    SubmissionFilter,
    create_submission,
    current_assessment,
    get_stored_file,
    get_submission,
    list_decisions,
    list_events,
    list_submissions,
    products_of,
    record_review,
)
from buyclean.store.audit import AuditTampered, ChainCheck, audit_csv, list_audit, verify_chain
from buyclean.store.blobs import blob_path, read_blob, write_blob
from buyclean.store.certificates import (
    certificates_of,
    find_certificate,
    get_certificate,
    insert_certificate,
    list_certificates,
    revoke_certificate,
)
from buyclean.store.db import make_engine, upgrade
from buyclean.store.tables import (
    AssessmentRecord,
    AuditEvent,
    CertificateRecord,
    ProductRow,
    ReviewDecision,
    StoredFile,
    Submission,
)

__all__ = [
    "AssessmentRecord",
    "AuditEvent",
    "AuditTampered",
    "CertificateRecord",
    "ChainCheck",
    "ProductRow",
    "ReviewDecision",
    "StoredFile",
    "Submission",
    "SubmissionFilter",
    "audit_csv",
    "blob_path",
    "certificates_of",
    "create_submission",
    "current_assessment",
    "find_certificate",
    "get_certificate",
    "get_stored_file",
    "get_submission",
    "insert_certificate",
    "list_audit",
    "list_certificates",
    "list_decisions",
    "list_events",
    "list_submissions",
    "make_engine",
    "products_of",
    "read_blob",
    "record_review",
    "revoke_certificate",
    "upgrade",
    "verify_chain",
    "write_blob",
]
