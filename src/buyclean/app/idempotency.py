"""Idempotency-Key on the API's POST endpoints: a program that sends a request again (after a timeout, a dropped
connection) with the same key gets the first answer again, instead of a second submission.

Keys are per user and kept 24 hours. The same key with the same request (method, path, query, and body: the form's
fields and the files' contents for multipart, whatever boundary the client chose) replays the stored answer, marked
``Idempotent-Replayed: true``; the same key with another request is 409, as is a key whose first request is still
being answered. An answer of 500 or more is not kept, so that the request may be tried again. Requests without a
token (anonymous self-checks store nothing) ignore the header.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from flask import Flask, Response, g, request
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col
from werkzeug.exceptions import BadRequest, Conflict

from buyclean.app.runtime import runtime
from buyclean.app.security import current
from buyclean.store.tables import IdempotentRequest, utcnow

HEADER = "Idempotency-Key"
KEEP = dt.timedelta(hours=24)
# a first request that has not been answered in this long died with its process: its key may be used again
ABANDONED = dt.timedelta(minutes=15)


def _fingerprint() -> str:
    """A digest of what the request asks: the same for a retry, whatever multipart boundary it uses."""
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.path}\n".encode())
    # (str(): a malformed multipart part may have no name)
    for key, value in sorted(request.args.items(multi=True), key=lambda kv: (str(kv[0]), str(kv[1]))):
        digest.update(f"arg {key}={value}\n".encode())
    if request.mimetype == "multipart/form-data":
        for key, value in sorted(request.form.items(multi=True), key=lambda kv: (str(kv[0]), str(kv[1]))):
            digest.update(f"field {key}={value}\n".encode())
        for key, storage in sorted(request.files.items(multi=True), key=lambda kv: (str(kv[0]), kv[1].filename or "")):
            content = hashlib.sha256()
            while chunk := storage.stream.read(1 << 20):
                content.update(chunk)
            storage.stream.seek(0)
            digest.update(f"file {key}={storage.filename} {content.hexdigest()}\n".encode())
    else:
        digest.update(f"type {request.mimetype}\n".encode())
        digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _replay(row: IdempotentRequest) -> Response:
    response = Response(row.body or "", status=row.status or 200, content_type=row.content_type)
    if row.location:
        response.headers["Location"] = row.location
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _claim() -> Any:
    """Before an API POST: replay the stored answer for its key, refuse a reused key, or claim a new one."""
    key = request.headers.get(HEADER)
    if key is None or request.method != "POST" or not request.path.startswith("/api/"):
        return None
    p = current()
    if not p.authenticated or p.user_id is None:
        return None
    if not 1 <= len(key) <= 255 or not all(" " <= ch <= "~" for ch in key):
        raise BadRequest(f"The {HEADER} header must be 1 to 255 printable ASCII characters (a UUID is usual).")
    fingerprint = _fingerprint()
    now = utcnow()
    with Session(runtime().engine, expire_on_commit=False) as session:
        # keys older than a day are forgotten, this user's at each use (and so never many)
        session.execute(delete(IdempotentRequest).where(col(IdempotentRequest.user_id) == p.user_id,
                                                        col(IdempotentRequest.created_at) < now - KEEP))
        session.commit()
        row = session.get(IdempotentRequest, (p.user_id, key))
        if row is not None and row.status is None and _aware(row.created_at) < now - ABANDONED:
            session.delete(row)
            session.commit()
            row = None
        if row is None:
            session.add(IdempotentRequest(user_id=p.user_id, key=key, fingerprint=fingerprint, created_at=now))
            try:
                session.commit()
            except IntegrityError:  # the same key, at the same moment, from another request
                session.rollback()
                row = session.get(IdempotentRequest, (p.user_id, key))
            else:
                g.idempotency = (p.user_id, key)
                return None
    if row is None or row.fingerprint != fingerprint:
        raise Conflict(f"This {HEADER} was used for another request in the last 24 hours; use a new key for a new "
                       "request.")
    if row.status is None:
        raise Conflict(f"The first request with this {HEADER} is still being answered; send it again in a moment.")
    return _replay(row)


def _remember(response: Response) -> Response:
    """After the request that claimed a key: keep its answer (or free the key if it failed on our side)."""
    claimed = g.pop("idempotency", None)
    if claimed is None:
        return response
    with Session(runtime().engine) as session:
        row = session.get(IdempotentRequest, claimed)
        if row is not None:
            if response.status_code >= 500:
                session.delete(row)
            else:
                row.status = response.status_code
                row.content_type = response.content_type
                row.location = response.headers.get("Location")
                row.body = response.get_data(as_text=True)
                session.add(row)
            session.commit()
    return response


def install(app: Flask) -> None:
    """Honour Idempotency-Key on the API's POST endpoints (after the principal is known)."""
    app.before_request(_claim)
    app.after_request(_remember)
