"""devgen_d: an independent generator of synthetic North American EPD PDFs (reportlab).

Independence rule: this package was written by someone who read ONLY the shared
documentation (docs/na-epds.md, docs/domain.md), the real North American EPD PDFs in
shared/corpus/pdf-na/ and the corpus README, plus general knowledge of North American
program-operator templates. The author never opened the project's PDF reader
(src/buyclean/core/readers/), tests/pdfgen.py, tests/heldout/, tests/devgen_b/,
tests/devgen_c/, bench/reader_accuracy.py nor the project's git log, and never ran the
reader on these documents. Keep it that way: do not tune this generator to the reader.

Each document is drawn with reportlab (a different PDF producer than the other
generators) from a random.Random(seed); expected values are parsed back from the exact
strings that are printed, so expected == printed.
"""

from tests.devgen_d.generator import Doc, generate

__all__ = ["Doc", "generate"]
