"""devgen_h: an independent generator of synthetic North American EPD PDFs, used only to measure a PDF reader.

Independence rule: this package was written without reading the project's PDF reader (src/buyclean/core/readers/),
tests/pdfgen.py, tests/heldout/, the other tests/devgen_*/ generators and their tests, bench/, tests/pdf_scoring.py
or the git history, and the reader was never run on its documents.

Sources: /work/shared/docs/na-epds.md and domain.md, the real North American EPD PDFs in /work/shared/corpus/pdf-na/
(UL, SCS, NSF templates, looked at as text and images), the corpus README, and general knowledge of North American
program-operator templates (NSF, UL Environment, SCS, ASTM, NRMCA, Climate Earth, CSA Group, ICC-ES, Smart EPD,
EPD Hub, NAPA Emerge, steel, glass and cement industry programs).

Two technologies give different text layers: a small raw PDF writer (standard-14 fonts, WinAnsiEncoding, AFM widths)
in Word-like, InDesign-like and Excel-like production styles, and WeasyPrint (one shared FontConfiguration) in
web-tool and program-report styles.

``generate(seed) -> Doc`` with ``Doc.pdf`` (bytes) and ``Doc.expected`` (dict; every number is formatted first and
parsed back, so expected equals what is printed).
"""

from .build import Doc, generate

__all__ = ["Doc", "generate"]
