"""What the app holds for its requests: settings, engine, loaded rule sets, signer; one database session per
request; and the first administrator, made when the service starts on an empty database."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from flask import Flask, current_app, g
from sqlalchemy import Engine
from sqlmodel import Session
from werkzeug.routing import IntegerConverter, Map

from buyclean.config import Settings
from buyclean.core.certificates import (
    load_or_create_signer,
    signer_certificate_pem,
    trusted_certificates,
)
from buyclean.core.rules import RuleSet
from buyclean.services.accounts import ensure_first_admin
from buyclean.store.rates import Rates, make_rates

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
        spared the BEGIN and ROLLBACK round trips: a public verify page takes 2 round trips (with the pool's
        liveness check) instead of 4."""
        return self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @cached_property
    def rates(self) -> Rates:
        """Where attempts are counted per address: the database, or Redis when BUYCLEAN_RATE_LIMIT_URL is set."""
        return make_rates(self.engine, self.settings.rate_limit_url, self.settings.rate_limit_prefix)

    @cached_property
    def signer_pem(self) -> bytes:
        """The signer's X.509 certificate as PEM: published for offline verification."""
        return signer_certificate_pem(self.signer)

    @cached_property
    def tsa_roots(self) -> list[bytes]:
        """The certificates trusted for time-stamp tokens (BUYCLEAN_TSA_TRUST_CERTS)."""
        return [path.read_bytes() for path in self.settings.tsa_trust_certs]

    @cached_property
    def trusted_pems(self) -> list[bytes]:
        """The certificates whose signatures this service accepts: the signer's, then retired keys' (older
        certificates keep verifying after a key change)."""
        s = self.settings
        known = trusted_certificates(s.instance_path.resolve(), s.signing_cert, s.retired_signing_certs)
        return [self.signer_pem, *(pem for pem in known if pem != self.signer_pem)]


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


MAX_ROW_ID = 2**31 - 1  # the largest key of an INTEGER column in PostgreSQL (SQLite's are larger)


class RowIdConverter(IntegerConverter):
    """``<int:...>`` in routes: a number larger than any row id matches no route (404), instead of overflowing the
    database driver (SQLite raises OverflowError beyond 2**63)."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ROW_ID)
        super().__init__(url_map, *args, **kwargs)


def announce_first_admin(app: Flask) -> None:
    """On a service with no account yet, make the administrator and print its one-time password."""
    with Session(app.extensions["buyclean"].engine) as session:
        password = ensure_first_admin(session)
    if password:
        click.echo("buyclean: first start: log in as admin@localhost with the one-time password "
                   f"{password}  (you choose your own at first log-in)", err=True)
