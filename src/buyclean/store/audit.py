"""The audit trail: append-only events chained by SHA-256, so that an edited, removed or reordered event shows.

Every AuditEvent added to any session is chained when it is flushed (a ``before_flush`` hook), so no code path can
forget it; changing or deleting a stored event through the ORM is refused. ``verify_chain`` re-computes the chain.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, event, func, inspect, or_, text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from buyclean.store.tables import AuditEvent, Submission
from buyclean.store.values import finite_json

GENESIS = "0" * 64
# any constant: PostgreSQL transactions that append events take this lock in turn
_PG_LOCK = 0x6275_7963


class AuditTampered(Exception):
    """An attempt to change or delete a recorded audit event."""


def _canon_time(at: dt.datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def event_hash(prev_hash: str, *, at: dt.datetime, actor: str, action: str, submission_id: int | None,
               organisation_id: int | None, detail: dict[str, Any]) -> str:
    """The hash of one event: its content and the previous event's hash."""
    body = json.dumps([prev_hash, _canon_time(at), actor, action, submission_id, organisation_id, detail],
                      sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _hash_of(e: AuditEvent, prev: str) -> str:
    return event_hash(prev, at=e.at, actor=e.actor, action=e.action, submission_id=e.submission_id,
                      organisation_id=e.organisation_id, detail=e.detail or {})


def _take_write_lock(session: OrmSession) -> None:
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
    elif connection.dialect.name == "sqlite":
        # a write statement takes SQLite's write lock now, so no other writer reads the same chain head
        connection.execute(text("UPDATE audit_event SET hash = hash WHERE 0 = 1"))


def _last_hash(session: OrmSession) -> str:
    with session.no_autoflush:
        last = session.execute(select(AuditEvent.hash).order_by(col(AuditEvent.id).desc()).limit(1)).scalar()
    return last or GENESIS


@event.listens_for(OrmSession, "before_flush")
def _chain_new_events(session: OrmSession, _context: Any, _instances: Any) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditTampered("Audit events are append-only: a recorded event cannot be changed or deleted.")
    new = [obj for obj in session.new if isinstance(obj, AuditEvent) and not obj.hash]
    if not new:
        return
    new.sort(key=lambda obj: inspect(obj).insert_order or 0)
    with session.no_autoflush:
        for obj in new:
            obj.detail = finite_json(obj.detail or {})  # hashed as it will be stored
            # an event about a submission belongs to the submission's organisation's trail
            if obj.organisation_id is None and obj.submission_id is not None:
                submission = session.get(Submission, obj.submission_id)
                obj.organisation_id = submission.organisation_id if submission else None
    _take_write_lock(session)
    prev = _last_hash(session)
    for obj in new:
        obj.prev_hash = prev
        obj.hash = prev = _hash_of(obj, prev)


def chain_existing(connection: Connection) -> None:
    """Chain events stored before the chain existed (used once, by migration 0004)."""
    rows = connection.execute(text("SELECT id, at, actor, action, submission_id, organisation_id, detail "
                                   "FROM audit_event ORDER BY id")).mappings().all()
    prev = GENESIS
    for r in rows:
        at = r["at"] if isinstance(r["at"], dt.datetime) else dt.datetime.fromisoformat(str(r["at"]))
        detail = r["detail"] if isinstance(r["detail"], dict) else json.loads(r["detail"] or "{}")
        digest = event_hash(prev, at=at, actor=r["actor"], action=r["action"], submission_id=r["submission_id"],
                            organisation_id=r["organisation_id"], detail=detail)
        connection.execute(text("UPDATE audit_event SET prev_hash = :p, hash = :h WHERE id = :i"),
                           {"p": prev, "h": digest, "i": r["id"]})
        prev = digest


@dataclass
class ChainCheck:
    """The outcome of re-computing the chain: ``ok`` when every event matches (and the kept head, if one was
    given, is the hash of one of them)."""

    count: int = 0
    problems: list[str] = field(default_factory=list)
    head_event: int | None = None  # the event whose hash is the kept head, when it was found

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ChainHead:
    """The hash of the latest event: it covers every event before it. Kept somewhere the database's owner cannot
    rewrite (a printout, an e-mail, a certificate's record elsewhere), it lets ``verify_chain(head=...)`` show
    whether the trail up to it was rewritten or cut."""

    hash: str
    at: dt.datetime


def chain_head(session: Session) -> ChainHead | None:
    """The audit trail's head: its latest event's hash, or None while the trail is empty."""
    row = session.exec(select(AuditEvent.hash, AuditEvent.at).order_by(col(AuditEvent.id).desc()).limit(1)).first()
    return None if row is None else ChainHead(hash=row[0], at=row[1])


def verify_chain(session: Session, *, batch: int = 5000, head: str | None = None) -> ChainCheck:
    """Re-compute every event's hash in order and report the first events where the chain breaks; with ``head`` (a
    head kept elsewhere), also that the intact chain passes through it."""
    check = ChainCheck()
    prev, last_id = GENESIS, 0
    broken = False
    while True:
        rows = list(session.exec(select(AuditEvent).where(col(AuditEvent.id) > last_id)
                                 .order_by(col(AuditEvent.id)).limit(batch)))
        if not rows:
            break
        for e in rows:
            check.count += 1
            if e.prev_hash != prev:
                broken = True
                check.problems.append(f"Event {e.id} ({e.action}, {_canon_time(e.at)}) does not follow the event "
                                      "before it: an event was removed, inserted or reordered.")
            if _hash_of(e, e.prev_hash) != e.hash:
                broken = True
                check.problems.append(f"Event {e.id} ({e.action}, {_canon_time(e.at)}) was changed after it was "
                                      "recorded: its content no longer matches its hash.")
            if head is not None and e.hash == head and not broken and check.head_event is None:
                check.head_event = e.id
            prev = e.hash
            assert e.id is not None
            last_id = e.id
        if len(check.problems) > 20:
            check.problems.append("… stopped after 20 problems.")
            return check
    if head is not None and check.head_event is None and not broken:
        check.problems.append(f"The kept head {head[:16]}… is not in the trail: events up to it were removed, or "
                              "changed and the chain computed again after them.")
    return check


def list_audit(session: Session, *, organisation_ids: Sequence[int] | None = None, submissions: Any = None,
               action: str | None = None, limit: int = 200, before_id: int | None = None, actor: str | None = None,
               submission_id: int | None = None, date_from: dt.date | None = None,
               date_to: dt.date | None = None) -> list[AuditEvent]:
    """Events newest first. With ``organisation_ids`` (an auditor's agencies), only their events and the events of
    ``submissions`` (a query of submission ids they may see, such as suppliers' submissions shared with them)."""
    statement = select(AuditEvent)
    if organisation_ids is not None:
        mine = col(AuditEvent.organisation_id).in_(list(organisation_ids))
        statement = statement.where(mine if submissions is None else
                                    or_(mine, col(AuditEvent.submission_id).in_(submissions)))
    if action:
        statement = statement.where(AuditEvent.action == action)
    if before_id:
        statement = statement.where(col(AuditEvent.id) < before_id)
    if actor:
        statement = statement.where(func.lower(col(AuditEvent.actor)).contains(actor.lower(), autoescape=True))
    if submission_id:
        statement = statement.where(AuditEvent.submission_id == submission_id)
    if date_from:
        statement = statement.where(col(AuditEvent.at) >= dt.datetime.combine(date_from, dt.time(), tzinfo=dt.UTC))
    if date_to:
        end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        statement = statement.where(col(AuditEvent.at) < end)
    return list(session.exec(statement.order_by(col(AuditEvent.id).desc()).limit(limit)))


def audit_csv(events: Iterable[AuditEvent], head: ChainHead | None = None) -> str:
    """The events as CSV, with their hashes, so that an export can be checked against the chain; and, last, a row
    naming the chain's head (id "head"), for keeping elsewhere."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "at_utc", "actor", "action", "submission_id", "organisation_id", "detail", "prev_hash",
                     "hash"])
    for e in events:
        detail = json.dumps(e.detail, sort_keys=True, ensure_ascii=False, default=str)
        # a cell starting with = + - @ (or a tab or carriage return before one) would be a formula in a
        # spreadsheet: quote it as text, as the batch CSV does
        cells = [e.id, _canon_time(e.at), e.actor, e.action, e.submission_id, e.organisation_id, detail,
                 e.prev_hash, e.hash]
        writer.writerow([f"'{c}" if isinstance(c, str) and c[:1] in ("=", "+", "-", "@", "\t", "\r") else c
                         for c in cells])
    if head is not None:
        writer.writerow(["head", _canon_time(head.at), "", "chain_head", "", "",
                         '{"verify": "buyclean audit verify --head <hash>"}', "", head.hash])
    return out.getvalue()
