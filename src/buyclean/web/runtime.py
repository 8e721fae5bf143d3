"""What the app holds for its requests: settings, engine, loaded rule sets; and one database session per request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import current_app, g
from sqlalchemy import Engine
from sqlmodel import Session
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter, Map

from buyclean.certificates import load_or_create_signer, signer_certificate_pem
from buyclean.config import Settings
from buyclean.rules import RuleSet, select

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    rulesets: dict[str, RuleSet]
    files_dir: Path

    @cached_property
    def signer(self) -> SimpleSigner:
        """The certificate signer: configured, or the instance's self-signed one (created and logged on first use)."""
        s = self.settings
        return load_or_create_signer(s.instance_path.resolve(), s.signing_key, s.signing_cert,
                                     s.signing_key_passphrase)

    @cached_property
    def lookup_engine(self) -> Engine:
        """The engine for pages that only look something up: each statement runs on its own, so PostgreSQL is
        spared the BEGIN and ROLLBACK round trips (a public verify page made 4 round trips; now 2, with the pool's
        liveness check)."""
        return self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @cached_property
    def signer_pem(self) -> bytes:
        """The signer's X.509 certificate as PEM: published for offline verification."""
        return signer_certificate_pem(self.signer)


def runtime() -> Runtime:
    """Return the current app's runtime."""
    rt: Runtime = current_app.extensions["buyclean"]
    return rt


def db() -> Session:
    """Return this request's database session, opening it on first use."""
    return _request_session("db", runtime().engine)


def lookup_db() -> Session:
    """Return this request's session for reading only, without a transaction (see Runtime.lookup_engine)."""
    return _request_session("lookup_db", runtime().lookup_engine)


_SESSIONS = ("db", "lookup_db")


def _request_session(name: str, engine: Engine) -> Session:
    if name not in g:
        setattr(g, name, Session(engine, expire_on_commit=False))
    session: Session = getattr(g, name)
    return session


def close_db(_exc: BaseException | None = None) -> None:
    """Close the request's sessions, if any were opened."""
    for name in _SESSIONS:
        session = g.pop(name, None)
        if session is not None:
            session.close()


def chosen_rulesets(names: list[str]) -> list[RuleSet]:
    """Return the rule sets named in a request (comma-separated or repeated), or the configured defaults."""
    wanted = [n.strip() for name in names for n in name.split(",") if n.strip()]
    rt = runtime()
    return select(rt.rulesets, wanted or list(rt.settings.default_rulesets))


def check_date(text: str | None) -> dt.date | None:
    """Return the check date a request asks for (YYYY-MM-DD), or None for today."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"The check date '{text}' is not a date; write it as YYYY-MM-DD.") from None


def upload_name(filename: str | None, default: str = "upload") -> str:
    """The name a file was uploaded under, as a label: no control characters (PostgreSQL refuses NUL), 255 at most."""
    name = "".join(ch for ch in filename or "" if ch.isprintable()).strip()
    return name[:255] or default


MAX_ROW_ID = 2**31 - 1  # the largest key of an INTEGER column in PostgreSQL (SQLite's are larger)


class RowIdConverter(IntegerConverter):
    """``<int:...>`` in routes: a number larger than any row id matches no route (404), instead of overflowing the
    database driver (SQLite raises OverflowError beyond 2**63)."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ROW_ID)
        super().__init__(url_map, *args, **kwargs)
