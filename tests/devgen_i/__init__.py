"""devgen_i: an independent generator of synthetic North American EPD PDFs, used only to measure a PDF reader.

Written without reading the project's PDF reader (src/buyclean/core/readers/), the other generators (tests/pdfgen.py,
tests/devgen_*/, tests/heldout/), bench/ or tests/pdf_scoring.py; the reader was never run on its documents.
Sources: /work/shared/docs/na-epds.md and domain.md, the real North American EPDs in /work/shared/corpus/pdf-na/
(UL, SCS and NSF templates, read as text and images), and general knowledge of North American program-operator
templates (NSF, UL Environment, SCS, ASTM, NRMCA, Climate Earth, CSA Group, ICC-ES, Smart EPD, EPD Hub, NAPA Emerge).

``generate(seed)`` returns a ``Doc`` with ``.pdf`` (bytes) and ``.expected`` (dict); the same seed gives the same
document. Documents are drawn with fpdf2 or with a raw reportlab canvas (no platypus), in several production styles.
"""

from __future__ import annotations

from .generator import Doc, generate

__all__ = ["Doc", "generate"]
