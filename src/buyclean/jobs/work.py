"""The batch job itself, free of Celery and Flask: open a batch from uploads, and check one of its files.

Whichever runs it (a Celery worker, the service's own threads, the CLI), ``run_item`` takes an item id and leaves
the item done with one submission, or failed with a message; running it twice changes nothing the second time.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from sqlmodel import Session

from buyclean.config import Settings, database_url, read_limits
from buyclean.core.pipeline import check_bytes
from buyclean.core.readers import DEFAULT_LIMITS, ReadLimits
from buyclean.core.report import assessment_json
from buyclean.core.rules import RuleSet, load_rulesets, select
from buyclean.errors import BuycleanError, describe_error
from buyclean.store import make_engine, read_blob
from buyclean.store.batches import claim_item, fail_item, finish_item

log = logging.getLogger("buyclean.jobs")

# worth trying again later: the database or the network was away; never a property of the file itself
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError, ConnectionError, TimeoutError)


@dataclass(frozen=True)
class JobContext:
    """What a job needs: the database, the rule sets as loaded here, and the shared file store."""

    engine: Engine
    rulesets: Mapping[str, RuleSet]
    files_dir: Path
    limits: ReadLimits = DEFAULT_LIMITS


def context_from(settings: Settings) -> JobContext:
    """Build a job context from the settings (a worker process, the CLI)."""
    return JobContext(engine=make_engine(database_url(settings)), rulesets=load_rulesets(settings.rules_dirs),
                      files_dir=settings.instance_path.resolve() / "files", limits=read_limits(settings))


def run_item(ctx: JobContext, item_id: int) -> str:
    """Check one file of a batch and store its submission; return 'done', 'failed' or 'skipped' (finished before).

    The core's errors and unexpected ones are the file's result (failed, with a message); only TRANSIENT_ERRORS
    escape, for the caller to retry.
    """
    with Session(ctx.engine, expire_on_commit=False) as session:
        claimed = claim_item(session, item_id=item_id)
        if claimed is None:
            return "skipped"
        item, batch = claimed
        try:
            rulesets = select(ctx.rulesets, batch.rulesets.split(","))
            data = read_blob(ctx.files_dir, item.sha256)
            assessment = check_bytes(data, item.filename, rulesets, batch.checked_on, limits=ctx.limits)
            result = assessment_json(assessment)
        except TRANSIENT_ERRORS:
            raise
        except BuycleanError as exc:
            fail_item(session, item_id=item_id, error=describe_error(exc).kind, message=exc.message, where=exc.where)
            return "failed"
        except FileNotFoundError:
            fail_item(session, item_id=item_id, error="missing",
                      message=f"The uploaded file is not in the file store here ({ctx.files_dir}); every worker "
                              "must mount the same instance folder as the web service (BUYCLEAN_INSTANCE_PATH).")
            return "failed"
        except Exception:
            log.exception("batch item %s (%s) failed unexpectedly", item_id, item.filename)
            fail_item(session, item_id=item_id, error="internal",
                      message="An unexpected error occurred while checking this file; it has been logged.")
            return "failed"
        try:
            submission_id = finish_item(session, item_id=item_id, result=result, batch=batch)
        except TRANSIENT_ERRORS:
            raise
        except Exception:
            # left running, the item would hold its batch unfinished for ever
            log.exception("batch item %s (%s) could not be stored", item_id, item.filename)
            fail_item(session, item_id=item_id, error="internal",
                      message="An unexpected error occurred while storing this file's result; it has been logged.")
            return "failed"
        return "done" if submission_id is not None else "skipped"


def give_up(ctx: JobContext, item_id: int, exc: BaseException) -> None:
    """Mark an item failed after its last retry; best effort, since the database may be what is failing."""
    try:
        with Session(ctx.engine) as session:
            fail_item(session, item_id=item_id, error="gave_up",
                      message=f"The check was tried several times and failed each time ({type(exc).__name__}); "
                              "upload the file again later.")
    except Exception:
        log.exception("could not mark batch item %s failed", item_id)
