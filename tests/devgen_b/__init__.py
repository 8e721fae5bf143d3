"""devgen_b: a third, independently written generator of synthetic North American EPD PDFs (ready mixed concrete,
steel, flat glass, asphalt, cement), rendered with fpdf2, for developing the PDF reader.

Independence rule: this package was written from the public description of North American EPDs
(../shared/docs/na-epds.md, domain.md), the real PDFs of the corpus and general knowledge of NA program templates.
It must not be shaped by the PDF reader (src/buyclean/core/readers/pdf/) or by the other generators
(tests/pdfgen.py, tests/heldout/): do not read them when changing it, and do not tune it to what the reader does.
Its expected values are what it prints (numbers are formatted first, then read back exactly).
"""
