"""Independent generator of synthetic North American EPD PDFs (devgen_j), used only to measure a PDF reader.

Independence rule: this package was written without reading the project's PDF reader (src/buyclean/core/readers/),
the other generators (tests/pdfgen.py, tests/devgen_*/, tests/heldout/), bench/ or tests/pdf_scoring.py, and without
looking at the git history; the reader was never run on its documents.

Sources: /work/shared/docs/na-epds.md and domain.md, the real North American EPD PDFs in /work/shared/corpus/pdf-na/
(looked at as text and images), and general knowledge of North American program-operator templates (NSF, UL
Environment, SCS Global Services, ASTM, NRMCA, Climate Earth, CSA Group, ICC-ES, Smart EPD, EPD Hub, NAPA Emerge,
CRSI/AISC/SMA steel, NGA glass, PCA cement).

`generate(seed)` returns a `Doc` with `.pdf` (bytes) and `.expected` (dict); `plan(seed)` returns the content plan
(products and metadata) without rendering, so cheap variety checks need no PDF.
"""

from tests.devgen_j.core import Doc, generate, plan

__all__ = ["Doc", "generate", "plan"]
