"""Opening a batch: uploads (zips unpacked within limits) kept in the file store and recorded as one item each.

The items are then checked one by one by ``buyclean.jobs.work.run_item``, wherever the job queue runs it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlmodel import Session

from buyclean.config import Settings, read_limits
from buyclean.core.archives import UploadedFile, ZipLimits, expand
from buyclean.core.assess import check_date
from buyclean.core.readers import refuse_oversize
from buyclean.core.rules import RuleSet
from buyclean.errors import InputTooLarge, UnsupportedFormat
from buyclean.store import blob_path, forget_blob, unreferenced, write_blob
from buyclean.store.batches import NewItem, create_batch
from buyclean.store.tables import Batch


def zip_limits(settings: Settings) -> ZipLimits:
    """Return the zip limits the settings name."""
    return ZipLimits(members=settings.max_zip_members, uncompressed_bytes=settings.max_zip_uncompressed_bytes,
                     ratio=settings.max_zip_ratio, member_bytes=settings.max_upload_bytes)


def open_batch(session: Session, *, files_dir: Path, uploads: Iterable[UploadedFile], rulesets: Sequence[RuleSet],
               on: dt.date | None, settings: Settings, actor: str | None = None, organisation_id: int | None = None,
               uploaded_by_id: int | None = None) -> tuple[Batch, list[int]]:
    """Check the uploads (zips before extracting), keep every file, store the batch; return it and the ids to queue.

    A hostile or oversized zip raises before any row is written. The same bytes twice are one item; a file over the
    size limit becomes a failed item at once.
    """
    on = check_date(on)  # a date after today is refused before anything is written
    items: list[NewItem] = []
    seen: set[str] = set()
    written: list[str] = []  # files this upload put in the store: removed again if the batch is not stored
    limits = read_limits(settings)
    try:
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
            if not blob_path(files_dir, sha256).exists():
                written.append(sha256)
            write_blob(files_dir, sha256, upload.data)
            items.append(NewItem(upload.filename, sha256, size))
        if not items:
            raise UnsupportedFormat("The upload holds no files (an empty zip, or only folders); add the EPD files.")
        # the date is fixed now, so that a job that runs again tomorrow gives the same assessment
        return create_batch(session, rulesets=[r.id for r in rulesets], checked_on=on,
                            items=items, actor=actor, organisation_id=organisation_id, uploaded_by_id=uploaded_by_id)
    except BaseException:
        # a zip refused after some of its members were kept, or the rows not stored: no file without a row
        session.rollback()
        for sha256 in unreferenced(session, written):
            forget_blob(files_dir, sha256)
        raise


def _margin(verdict: dict[str, Any]) -> float | None:
    limit, gwp = verdict.get("limit") or {}, verdict.get("gwp") or {}
    if isinstance(limit.get("value"), int | float) and isinstance(gwp.get("value"), int | float):
        return float(limit["value"]) - float(gwp["value"])
    return None


def product_results(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each product of a stored assessment with one entry per rule set: status, tier, GWP and limit in the rule's
    unit, the margin (limit minus GWP; negative above it), the rule row and the reason, for tables and the CSV."""
    out = []
    for product in result["products"]:
        rulesets = {v["ruleset"] for v in product["verdicts"]}
        # reasons that belong to no single rule set (an expired EPD, a document check): said with every verdict
        shared = [r for r in product["reasons"] if r.split(":", 1)[0] not in rulesets]
        verdicts = {}
        for v in product["verdicts"]:
            own = [] if v["status"] == "pass" else [v["message"]]
            verdicts[v["ruleset"]] = {
                "status": v["status"], "tier": v.get("tier_label"), "rule": v.get("rule"),
                "gwp": (v.get("gwp") or {}).get("value"), "limit": (v.get("limit") or {}).get("value"),
                "unit": (v.get("limit") or v.get("gwp") or {}).get("unit"), "margin": _margin(v),
                "reason": " ".join([*shared, *own])}
        out.append({"index": product["index"], "name": product["name"], "material": product["material"],
                    "status": product["status"], "gwp_a1a3": product.get("gwp_a1a3"), "verdicts": verdicts})
    return out
