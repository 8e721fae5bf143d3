"""devgen_g: an independent generator of synthetic North American EPD PDFs, used only to measure the PDF reader.

Independence rule: this package was written without reading the project's PDF reader (src/buyclean/core/readers/),
the other generators (tests/pdfgen.py, tests/devgen_b..f/), the held-out set, bench/, tests/pdf_scoring.py or the
git log, and it never runs the reader. Sources: /work/shared/docs/na-epds.md, /work/shared/docs/domain.md, the real
North American PDFs in /work/shared/corpus/pdf-na/ (UL Environment, SCS Global Services, NSF), and general knowledge
of North American program-operator EPD templates (NSF, UL Environment, SCS, ASTM, NRMCA, CSA Group, ICC-ES,
Smart EPD, EPD Hub, NAPA Emerge). Documents are rendered from HTML+CSS with WeasyPrint.

`generate(seed)` returns a `Doc` with `.pdf` (bytes) and `.expected` (the values a perfect reader would extract).
"""

from .common import Doc
from .generator import generate

__all__ = ["Doc", "generate"]
