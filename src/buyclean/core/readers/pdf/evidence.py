"""Render the part of a PDF page that a value was read from, for people to check it against the document."""

from __future__ import annotations

import io
import math

from buyclean.core.readers.pdf.lock import PDFIUM
from buyclean.errors import UnreadableEpd

# What one evidence picture may hold: a region people can read (2,000 x 2,000 pixels, 16 MB as a bitmap). Evidence
# without a box shows its whole page, and a page may be 14,400 points square: at the usual scale of 2 that was
# 830 million pixels, 3.3 GB and 40 s of rendering with the PDF lock held. Bigger regions are drawn smaller instead.
MAX_PIXELS = 4_000_000


def render_region(data: bytes, page: int, bbox: tuple[float, float, float, float] | None, *,
                  margin: float = 24.0, scale: float = 2.0) -> bytes:
    """Render page ``page`` (1-based) cropped to ``bbox`` (PDF points, top-left origin) plus a margin, as PNG; a
    region too large for MAX_PIXELS at ``scale`` is drawn at the scale that fits."""
    with PDFIUM:
        return _render_locked(data, page, bbox, margin, scale)


def fitted_scale(width: float, height: float, scale: float, max_pixels: int = MAX_PIXELS) -> float:
    """``scale``, or the smaller one at which a region of ``width`` x ``height`` points holds ``max_pixels``."""
    pixels = width * scale * height * scale
    if pixels <= max_pixels:
        return scale
    return math.sqrt(max_pixels / (width * height))


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
        if not (0 < width < math.inf and 0 < height < math.inf):
            raise UnreadableEpd(f"Page {page} of the PDF has no size to show.", where=f"page {page}")
        crop = (0.0, 0.0, 0.0, 0.0)
        if bbox is not None:
            x0, top, x1, bottom = bbox
            # pdfium crops by the amount to cut from each side: left, bottom, right, top
            crop = (max(0.0, x0 - margin), max(0.0, height - bottom - margin), max(0.0, width - x1 - margin),
                    max(0.0, top - margin))
            if crop[0] + crop[2] >= width or crop[1] + crop[3] >= height:
                crop = (0.0, 0.0, 0.0, 0.0)  # a box outside the page: show the page
        shown_w, shown_h = width - crop[0] - crop[2], height - crop[1] - crop[3]
        bitmap = pdf_page.render(scale=fitted_scale(shown_w, shown_h, scale), crop=crop)
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    finally:
        doc.close()
