"""Independent generator "C" of synthetic North American EPD PDFs, with the values each one prints.

Independence rule (kept strictly while writing this package): its author read only
``../shared/docs/na-epds.md``, ``../shared/docs/domain.md``, ``../shared/corpus/README.md`` and the real North
American PDFs in ``../shared/corpus/pdf-na/``, plus general knowledge of North American program operator templates
(UL Environment / UL Solutions, SCS, NSF, ASTM, NRMCA, CSA Group, ICC-ES, Smart EPD, NAPA Emerald Eco-Label, Sphera).
The project's PDF reader (``src/buyclean/core/readers/``), ``tests/pdfgen.py``, ``tests/heldout/``,
``tests/devgen_b/`` and ``bench/reader_accuracy.py`` were NOT opened, and the reader was never run on these documents
to tune them. Expected values are what the PDF prints: every number is formatted first and the expected float is
parsed back from the printed string.

What varies (all under ``random.Random(seed)``, nothing global, no clock):

- material (about 50% ready-mixed concrete, 20% steel, 15% asphalt, 10% flat glass, 5% cement) and program operator
  (NSF, ASTM, UL Environment / UL Solutions, SCS, Smart EPD, NRMCA, CSA Group, ICC-ES, NAPA) with its number format;
- one product or many (concrete plant EPDs up to ~150 mixes), mix naming schemes (codes, "4000-AE-28", "Mix 4012345",
  the description as the name "4000 PSI 3/4\" PUMP 25% FA"), strength in psi or MPa, 28/56/90-day, HE, LW, SCC, fill;
- steel product, route (EAF / integrated) and fabrication; glass thickness, per m2 or per t, float vs processed;
- results layout: products as rows (one table or one per unit, grouped or wrapped heads, optional indicator,
  benchmark and "% vs baseline" columns), products as columns in chunks, per-product blocks with modules as
  columns (units grouped, stacked as row sections or in separate tables) or modules as rows, compact one-page EPDs;
- A1-A3 total and/or A1, A2, A3 split; per m3 and/or yd3, per t and/or short ton, per m2 and/or t;
- TRACI 2.1 / 2.2 alone or with an EF 3.0 / EF 3.1 / CML-IA table (decoy values), module D decoys for steel/glass;
- number formats (312, 312.4, 1,575, 3 significant digits, 3.12E+02, 3,12E+02, 3.12e+02, "1 575"), decoys in
  x10 notation; date formats (June 19, 2025 / June 19th, 2025 / June 19th . 2025 / 06/19/2025 / 6/19/2025 / ISO /
  19 June 2025 / Jun. 19, 2025), validity as an end date, a range, or a period ("5 years", then valid until is issue
  date + 5 years); decoy dates (PCR validity, LCA report, verification, version);
- covers (band, sidebar with a stylised photo, NSF-like boxed metadata, plain), key/value boxes, running heads and
  footers (with the EPD number, sometimes the dates), fonts (Helvetica, Times, Courier tables, DejaVu Sans / Serif /
  Condensed), sizes, margins, Letter or A4, portrait or landscape pages, tables breaking over pages with or without
  repeated heads, orphan heads, footnote marks on the GWP label.

``doc.expected`` follows the scoring schema; ``doc.printed`` keeps the printed date strings for the honesty test.

Use: ``from tests.devgen_c import generate; doc = generate(7); doc.pdf, doc.expected``.
"""

from tests.devgen_c.generator import Doc, generate

__all__ = ["Doc", "generate"]
