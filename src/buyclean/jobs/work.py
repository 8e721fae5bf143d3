"""The batch job itself, free of Celery and Flask: open a batch from uploads, and check one of its files.

Whichever runs it (a Celery worker, the service's own threads, the CLI), ``run_item`` takes an item id and leaves
the item done with one submission, or failed with a message; running it twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from sqlmodel import Session

from buyclean.check import check_bytes
from buyclean.config import Settings, database_url, read_limits
from buyclean.errors import BuycleanError, InputTooLarge, RulesetError, UnsupportedFormat
from buyclean.jobs.zips import UploadedFile, ZipLimits, expand
from buyclean.readers import DEFAULT_LIMITS, ReadLimits, refuse_oversize
from buyclean.report import assessment_json
from buyclean.rules import RuleSet, load_rulesets, select
from buyclean.store import make_engine, read_blob, write_blob
from buyclean.store.batches import NewItem, claim_item, create_batch, fail_item, finish_item
from buyclean.store.tables import Batch

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


def zip_limits(settings: Settings) -> ZipLimits:
    """Return the zip limits the settings name."""
    return ZipLimits(members=settings.max_zip_members, uncompressed_bytes=settings.max_zip_uncompressed_bytes,
                     ratio=settings.max_zip_ratio, member_bytes=settings.max_upload_bytes)


def error_kind(exc: BuycleanError) -> str:
    """Return the error kind the CLI and the API use for one of the core's errors."""
    if isinstance(exc, UnsupportedFormat):
        return "unsupported"
    if isinstance(exc, InputTooLarge):
        return "too_large"
    if isinstance(exc, RulesetError):
        return "unknown_ruleset"
    return "unreadable"


def open_batch(session: Session, *, files_dir: Path, uploads: Iterable[UploadedFile], rulesets: Sequence[RuleSet],
               on: dt.date | None, settings: Settings, actor: str | None = None, organisation_id: int | None = None,
               uploaded_by_id: int | None = None) -> tuple[Batch, list[int]]:
    """Check the uploads (zips before extracting), keep every file, store the batch; return it and the ids to queue.

    A hostile or oversized zip raises before any row is written. The same bytes twice are one item; a file over the
    size limit becomes a failed item at once.
    """
    items: list[NewItem] = []
    seen: set[str] = set()
    limits = read_limits(settings)
    for upload in expand(iter(uploads), zip_limits(settings)):
        if len(items) >= settings.max_batch_files:
            raise InputTooLarge(f"The upload holds more than {settings.max_batch_files:,} files "
                                "(BUYCLEAN_MAX_BATCH_FILES); split it into several batches.")
        sha256 = hashlib.sha256(upload.data).hexdigest()
        if sha256 in seen:
            continue
        seen.add(sha256)
        size = len(upload.data)
        try:
            refuse_oversize(size, limits)
        except InputTooLarge as exc:
            items.append(NewItem(upload.filename, sha256, size, "too_large", exc.message))
            continue
        write_blob(files_dir, sha256, upload.data)
        items.append(NewItem(upload.filename, sha256, size))
    if not items:
        raise UnsupportedFormat("The upload holds no files (an empty zip, or only folders); add the EPD files.")
    # the date is fixed now, so that a job that runs again tomorrow gives the same assessment
    return create_batch(session, rulesets=[r.id for r in rulesets], checked_on=on or dt.date.today(), items=items,
                        actor=actor, organisation_id=organisation_id, uploaded_by_id=uploaded_by_id)


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
            fail_item(session, item_id=item_id, error=error_kind(exc), message=exc.message, where=exc.where)
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
