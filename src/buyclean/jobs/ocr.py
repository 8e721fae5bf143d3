"""The OCR job, free of Celery and Flask: read a stored upload's scanned pages and pictured results by OCR, within
the OCR budget, and store the assessment they give as the submission's current one.

The upload itself stored the assessment of the file's text (``services.submissions.submit`` with ``ocr_later``) and
queued this job; the submission's page shows how many pages OCR has read. A failure is recorded with its message:
the file and the upload's assessment stay. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import logging

from sqlmodel import Session

from buyclean.core.report import assessment_json
from buyclean.errors import BuycleanError
from buyclean.jobs.work import TRANSIENT_ERRORS, JobContext
from buyclean.services.submissions import rebuild_assessment
from buyclean.store.ocr import claim_ocr, fail_ocr, finish_ocr, record_ocr_progress

log = logging.getLogger("buyclean.jobs")


def run_ocr(ctx: JobContext, submission_id: int) -> str:
    """Read one submission's pictures by OCR and store the assessment; return 'done', 'failed' or 'skipped'.

    The core's errors and unexpected ones are the reading's result (failed, with a message); only TRANSIENT_ERRORS
    escape, for the caller to retry.
    """
    with Session(ctx.engine, expire_on_commit=False) as session:
        submission = claim_ocr(session, submission_id=submission_id)
        if submission is None:
            return "skipped"

        def progress(done: int, total: int) -> None:
            try:
                with Session(ctx.engine) as own:
                    record_ocr_progress(own, submission_id=submission_id, done=done, total=total)
            except Exception:  # the progress shown is a courtesy: the reading goes on without it
                log.warning("submission %s: could not record OCR progress", submission_id, exc_info=True)

        try:
            assessment = rebuild_assessment(session, files_dir=ctx.files_dir, submission=submission,
                                            loaded=ctx.rulesets, limits=ctx.limits, on_ocr_progress=progress)
            result = assessment_json(assessment)
        except TRANSIENT_ERRORS:
            raise
        except BuycleanError as exc:
            fail_ocr(session, submission_id=submission_id,
                     message=f"The scanned pages could not be read by OCR: {exc.message}")
            return "failed"
        except FileNotFoundError:
            fail_ocr(session, submission_id=submission_id,
                     message=f"The uploaded file is not in the file store here ({ctx.files_dir}); every worker must "
                             "mount the same instance folder as the web service (BUYCLEAN_INSTANCE_PATH).")
            return "failed"
        except Exception:
            log.exception("submission %s (%s): reading by OCR failed unexpectedly", submission_id,
                          submission.filename)
            fail_ocr(session, submission_id=submission_id,
                     message="An unexpected error occurred while reading the scanned pages by OCR; it has been "
                             "logged. The file is kept: upload it again later, or enter the values by hand.")
            return "failed"
        try:
            stored = finish_ocr(session, submission_id=submission_id, result=result)
        except TRANSIENT_ERRORS:
            raise
        except Exception:
            log.exception("submission %s (%s): the reading could not be stored", submission_id, submission.filename)
            fail_ocr(session, submission_id=submission_id,
                     message="An unexpected error occurred while storing what OCR read; it has been logged.")
            return "failed"
        return "done" if stored is not None else "skipped"


def give_up_ocr(ctx: JobContext, submission_id: int, exc: BaseException) -> None:
    """Mark a reading failed after its last retry; best effort, since the database may be what is failing."""
    try:
        with Session(ctx.engine) as session:
            fail_ocr(session, submission_id=submission_id,
                     message=f"Reading the scanned pages was tried several times and failed each time "
                             f"({type(exc).__name__}); upload the file again later.")
    except Exception:
        log.exception("could not mark the reading of submission %s failed", submission_id)
