"""One lock around every PDFium call in the process.

PDFium is not thread-safe, not even across different documents (pypdfium2's documentation: calls from two threads at
once crash or corrupt the process). The service reads PDFs in request threads, renders evidence crops in others and
runs bulk jobs on a thread pool, so every use of a PDFium document, from opening to closing it, holds this lock.
Processes (gunicorn workers, Celery workers) each have their own PDFium and run in parallel.
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
