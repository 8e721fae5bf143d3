"""Keyword-only data access for issued certificates: insert (unique number), look up, list and revoke."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from buyclean.store.tables import AuditEvent, CertificateRecord, utcnow
from buyclean.store.values import finite_json


def get_certificate(session: Session, *, number: str) -> CertificateRecord | None:
    """Return the certificate with this number, or None."""
    return session.exec(select(CertificateRecord).where(CertificateRecord.number == number)).first()


def find_certificate(session: Session, *, assessment_id: int, product_index: int,
                     ruleset_id: str) -> CertificateRecord | None:
    """Return the certificate already issued for this product of this assessment under this rule set, or None."""
    statement = select(CertificateRecord).where(CertificateRecord.assessment_id == assessment_id,
                                                CertificateRecord.product_index == product_index,
                                                CertificateRecord.ruleset_id == ruleset_id)
    return session.exec(statement).first()


def certificates_of(session: Session, *, submission_id: int) -> list[CertificateRecord]:
    """Return a submission's certificates, oldest first."""
    statement = (select(CertificateRecord).where(CertificateRecord.submission_id == submission_id)
                 .order_by(col(CertificateRecord.id)))
    return list(session.exec(statement))


def list_certificates(session: Session, *, query: str | None = None, limit: int = 100,
                      submission_ids: Any = None) -> list[CertificateRecord]:
    """Return certificates, newest first: all, or those whose number, product or manufacturer contains ``query``;
    only those of ``submission_ids`` (ids, or a query selecting them) when given."""
    statement = select(CertificateRecord)
    if submission_ids is not None:
        ids = list(submission_ids) if isinstance(submission_ids, (list, tuple, set)) else submission_ids
        statement = statement.where(col(CertificateRecord.submission_id).in_(ids))
    if query:
        like = f"%{query.strip().lower()}%"
        statement = statement.where(or_(func.lower(col(CertificateRecord.number)).like(like),
                                        func.lower(col(CertificateRecord.product_name)).like(like),
                                        func.lower(col(CertificateRecord.manufacturer)).like(like)))
    return list(session.exec(statement.order_by(col(CertificateRecord.id).desc()).limit(limit)))


def insert_certificate(session: Session, *, record: CertificateRecord, actor: str) -> bool:
    """Store a new certificate and its audit event; False (nothing stored) when its number is already taken."""
    record.facts = finite_json(record.facts)
    try:
        session.add(record)
        session.flush()
        session.add(AuditEvent(submission_id=record.submission_id, actor=actor, action="certificate_issued",
                               detail={"number": record.number, "product": record.product_index,
                                       "ruleset": record.ruleset_id, "pdf_sha256": record.pdf_sha256}))
        session.commit()
        return True
    except IntegrityError:
        session.rollback()
        return False


def revoke_certificate(session: Session, *, record: CertificateRecord, reason: str, actor: str,
                       at: dt.datetime | None = None) -> CertificateRecord:
    """Mark the certificate revoked with a reason, and record who did it; revoking twice keeps the first."""
    if record.revoked_at is None:
        record.revoked_at = at or utcnow()
        record.revoked_reason = reason
        record.revoked_by = actor
        session.add(record)
        session.add(AuditEvent(submission_id=record.submission_id, actor=actor, action="certificate_revoked",
                               detail={"number": record.number, "reason": reason}))
        session.commit()
    return record
