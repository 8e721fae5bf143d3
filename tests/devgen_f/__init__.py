"""devgen_f: an independent generator of synthetic North American EPD PDFs, for measuring the PDF reader.

Independence rule: written without reading the reader (src/buyclean/core/readers/), the other generators
(tests/pdfgen.py, tests/heldout/, tests/devgen_b..e/), bench/ or the git log, and never run against the reader
while being written. Sources: /work/shared/docs/na-epds.md and domain.md, the real North American PDFs in
/work/shared/corpus/pdf-na/ (UL, SCS, NSF templates) and general knowledge of NA program-operator templates.

PDFs are written at the operator level by a small raw writer (pdfwriter.py), not by HTML rendering, and emit text
the way different producers do: whole strings, word by word, kerned TJ arrays, glyph by glyph, or scaled matrices.
"""

from .generator import Doc, generate

__all__ = ["Doc", "generate"]
