"""Render the part of a PDF page that a value was read from, for people to check it against the document."""

from __future__ import annotations

import io

from buyclean.core.readers.pdf.lock import PDFIUM
from buyclean.errors import UnreadableEpd


def render_region(data: bytes, page: int, bbox: tuple[float, float, float, float] | None, *,
                  margin: float = 24.0, scale: float = 2.0) -> bytes:
    """Render page ``page`` (1-based) cropped to ``bbox`` (PDF points, top-left origin) plus a margin, as PNG."""
    with PDFIUM:
        return _render_locked(data, page, bbox, margin, scale)


def _render_locked(data: bytes, page: int, bbox: tuple[float, float, float, float] | None, margin: float,
                   scale: float) -> bytes:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableEpd("The PDF cannot be opened to show the evidence.") from exc
    try:
        if not 1 <= page <= len(doc):
            raise UnreadableEpd(f"The PDF has no page {page}.", where=f"page {page}")
        pdf_page = doc[page - 1]
        width, height = pdf_page.get_size()
        crop = (0.0, 0.0, 0.0, 0.0)
        if bbox is not None:
            x0, top, x1, bottom = bbox
            # pdfium crops by the amount to cut from each side: left, bottom, right, top
            crop = (max(0.0, x0 - margin), max(0.0, height - bottom - margin), max(0.0, width - x1 - margin),
                    max(0.0, top - margin))
        bitmap = pdf_page.render(scale=scale, crop=crop)
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    finally:
        doc.close()
