"""The PDF region a value was read from, as a PNG: the reader's renderer when present, else pypdfium2 here."""

from __future__ import annotations

import io
from collections.abc import Callable

from buyclean.errors import UnreadableEpd
from buyclean.readers.pdf.lock import PDFIUM

Box = tuple[float, float, float, float]
SCALE = 2.0  # 144 dpi: small print in results tables stays legible
MARGIN_PT = 24.0  # context around the box, so that the row's label shows with its value


def _renderer() -> Callable[[bytes, int, Box | None], bytes]:
    try:
        # the PDF reader's own renderer, once it exists (it knows its coordinate quirks)
        from buyclean.readers.pdf import render_evidence
    except ImportError:
        return render_region
    renderer: Callable[[bytes, int, Box | None], bytes] = render_evidence
    return renderer


def render_region(data: bytes, page: int, bbox: Box | None) -> bytes:
    """Render page ``page`` (from 1) of a PDF, cropped to ``bbox`` (x0, top, x1, bottom in points) plus a margin,
    with the box outlined; the whole page when there is no box."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    with PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise UnreadableEpd(f"The stored PDF cannot be opened for rendering: {exc}.") from exc
        try:
            if not 1 <= page <= len(pdf):
                raise UnreadableEpd(f"The PDF has {len(pdf)} pages; there is no page {page}.", where=f"page {page}")
            pdf_page = pdf[page - 1]
            width, height = pdf_page.get_size()
            image = pdf_page.render(scale=SCALE).to_pil().convert("RGB")
        finally:
            pdf.close()
    if bbox is not None:
        x0, top, x1, bottom = bbox
        # the full width of the page keeps a table row's label and columns together; the height is the box's
        crop = (0, max(top - MARGIN_PT, 0) * SCALE, width * SCALE, min(bottom + MARGIN_PT, height) * SCALE)
        ImageDraw.Draw(image).rectangle((x0 * SCALE - 3, top * SCALE - 3, x1 * SCALE + 3, bottom * SCALE + 3),
                                        outline=(220, 40, 40), width=3)
        image = image.crop(tuple(round(v) for v in crop))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def render_evidence_png(data: bytes, page: int, bbox: Box | None) -> bytes:
    """Return the PNG of the evidence region, rendered by the PDF reader's renderer if it has one."""
    return _renderer()(data, page, bbox)
