"""How much one uploaded file may be and take to read: the one place the default limits are written.

Settings (BUYCLEAN_MAX_UPLOAD_BYTES, BUYCLEAN_MAX_PDF_PAGES, BUYCLEAN_PDF_TIME_BUDGET_S) and read_pdf's keyword
defaults both start from DEFAULT_LIMITS.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadLimits:
    """How much one file may be and take: bytes, PDF pages and seconds."""

    max_bytes: int = 50 * 1024 * 1024
    max_pdf_pages: int = 200
    pdf_time_budget_s: float = 20.0
    ocr_budget_s: float = 0.0  # seconds of OCR a document may take; 0 reads no pictures (see Settings.ocr_budget_s)


DEFAULT_LIMITS = ReadLimits()
