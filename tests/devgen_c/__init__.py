"""Independent generator "C" of synthetic North American EPD PDFs, with the values each one prints.

Independence rule (kept strictly while writing this package): its author read only
``../shared/docs/na-epds.md``, ``../shared/docs/domain.md``, ``../shared/corpus/README.md`` and the real North
American PDFs in ``../shared/corpus/pdf-na/``, plus general knowledge of North American program operator templates
(UL Environment / UL Solutions, SCS, NSF, ASTM, NRMCA, CSA Group, ICC-ES, Smart EPD, NAPA Emerald Eco-Label, Sphera).
The project's PDF reader (``src/buyclean/core/readers/``), ``tests/pdfgen.py``, ``tests/heldout/``,
``tests/devgen_b/`` and ``bench/reader_accuracy.py`` were NOT opened, and the reader was never run on these documents
to tune them. Expected values are what the PDF prints: every number is formatted first and the expected float is
parsed back from the printed string.

Use: ``from tests.devgen_c import generate; doc = generate(7); doc.pdf, doc.expected``.
"""

from tests.devgen_c.generator import Doc, generate

__all__ = ["Doc", "generate"]
