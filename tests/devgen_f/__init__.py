"""devgen_f: an independent generator of synthetic North American EPD PDFs, for measuring the PDF reader.

Independence rule: written without reading the reader (src/buyclean/core/readers/), the other generators
(tests/pdfgen.py, tests/heldout/, tests/devgen_b..e/), bench/ or the git log, and never run against the reader
while being written. Sources: /work/shared/docs/na-epds.md and domain.md, the real North American PDFs in
/work/shared/corpus/pdf-na/ (UL, SCS, NSF templates) and general knowledge of NA program-operator templates.

PDFs are written at the operator level by a small raw writer (pdfwriter.py), not by HTML rendering, and emit text
the way different producers do: whole strings, word by word, kerned TJ arrays, glyph by glyph, or scaled matrices.

``generate(seed) -> Doc`` with ``Doc.pdf`` (bytes) and ``Doc.expected`` (the truth; every number in it was formatted
first and parsed back from the printed string). Conventions worth knowing when scoring:
- ``gwp_printed`` is the printed A1-A3 string per declared unit; when the document prints only A1, A2 and A3 (no
  total), it is the three printed parts joined with " + " and ``gwp_a1a3`` is their sum.
- ``page`` is the first page where that value (or those parts) is printed: a headline box, else the results table.
- ``description`` is set only when the product description is printed somewhere in the document.
- ``valid_until`` for "Period of validity: 5 years" documents is the issue date plus five years (derived, not printed).
- ``expected["description"]`` lists the layout choices (cover, results layout, units, modules, text mode, number
  style, validity wording, table styles).
"""

from .generator import Doc, generate

__all__ = ["Doc", "generate"]
