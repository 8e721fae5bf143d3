"""Attempts counted per key over a sliding window, the same in every process: failed log-ins per address, anonymous
self-checks per address. In the database (table rate_event), or in Redis when BUYCLEAN_RATE_LIMIT_URL names one.

``take`` records an attempt, then counts the attempts in the window, itself included; over the limit it takes the
attempt back and refuses. Since each attempt is stored before it is counted, the attempts let through never exceed
the limit, however many arrive at once and in however many processes: of any set let through, the last one to count
saw all the others. ``give_back`` forgets an attempt that turned out not to count (a log-in that succeeded).
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine, delete, func
from sqlmodel import Session, col, select

from buyclean.store.tables import RateEvent, utcnow

# rows older than this are deleted now and then; no window is longer
MAX_WINDOW = dt.timedelta(days=1)
_PRUNE_EVERY = 64  # inserts


@dataclass(frozen=True)
class Ticket:
    """One attempt that was let through, to give back if it should not count."""

    key: str
    ident: str


class Rates(Protocol):
    def take(self, key: str, *, limit: int, window_s: float) -> Ticket | None:
        """Record an attempt under ``key``; None (and nothing recorded) when it would be over ``limit`` in the
        last ``window_s`` seconds."""

    def give_back(self, ticket: Ticket) -> None:
        """Forget an attempt that was let through."""


class DatabaseRates:
    """Attempts as rows of rate_event, counted with one query; every process sharing the database shares them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def take(self, key: str, *, limit: int, window_s: float, now: dt.datetime | None = None) -> Ticket | None:
        now = now or utcnow()
        window = dt.timedelta(seconds=min(window_s, MAX_WINDOW.total_seconds()))
        with Session(self.engine) as session:
            row = RateEvent(key=key[:128], at=now)
            session.add(row)
            session.commit()  # visible to every other counter before this one counts
            assert row.id is not None
            count = session.exec(select(func.count()).select_from(RateEvent).where(
                RateEvent.key == key[:128], col(RateEvent.at) > now - window)).one()
            if count > limit:
                session.execute(delete(RateEvent).where(col(RateEvent.id) == row.id))
                session.commit()
                return None
            if row.id % _PRUNE_EVERY == 0:
                session.execute(delete(RateEvent).where(col(RateEvent.at) < now - MAX_WINDOW))
                session.commit()
            return Ticket(key, str(row.id))

    def give_back(self, ticket: Ticket) -> None:
        with Session(self.engine) as session:
            session.execute(delete(RateEvent).where(col(RateEvent.id) == int(ticket.ident)))
            session.commit()


class RedisRates:
    """Attempts as members of a sorted set per key (scored by time), trimmed, added and counted in one MULTI."""

    def __init__(self, url: str, prefix: str = "buyclean:rate") -> None:
        import redis

        self.client: Any = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self.prefix = prefix

    def take(self, key: str, *, limit: int, window_s: float) -> Ticket | None:
        name = f"{self.prefix}:{key}"
        now = time.time()
        member = f"{now:.6f}:{secrets.token_hex(6)}"
        pipe = self.client.pipeline(transaction=True)
        pipe.zremrangebyscore(name, "-inf", now - window_s)
        pipe.zadd(name, {member: now})
        pipe.zcard(name)
        pipe.expire(name, int(window_s) + 1)
        count = pipe.execute()[2]
        if count > limit:
            self.client.zrem(name, member)
            return None
        return Ticket(name, member)

    def give_back(self, ticket: Ticket) -> None:
        self.client.zrem(ticket.key, ticket.ident)


def make_rates(engine: Engine, redis_url: str | None, prefix: str = "buyclean:rate") -> Rates:
    """Count in Redis when a URL is given, else in the database."""
    return RedisRates(redis_url, prefix) if redis_url else DatabaseRates(engine)
