"""devgen_e: an independent generator of synthetic North American EPD PDFs (WeasyPrint, HTML + CSS).

Independence rule: this package was written without reading the project's PDF reader
(src/buyclean/core/readers/), tests/pdfgen.py, tests/heldout/, the other generators
(tests/devgen_b/, tests/devgen_c/, tests/devgen_d/), bench/ or the project's git log.
Its only sources were docs/na-epds.md, docs/domain.md, the real North American PDFs in
the shared corpus (pdf-na/), the corpus README and general knowledge of North American
program-operator templates. The reader was never run on these documents while writing it.

``generate(seed) -> Doc`` returns ``Doc.pdf`` (bytes) and ``Doc.expected`` (dict of what the
PDF prints: every expected number is formatted first and then parsed, so expected == printed).
"""

from tests.devgen_e.generator import Doc, generate

__all__ = ["Doc", "generate"]
