"""Which GWP an indicator label names: GWP-total, the single GWP of EN 15804+A1 and TRACI, or a part of it
(fossil, biogenic, land use, GHG) that Buy Clean never compares."""

from __future__ import annotations

import re

from buyclean.core.readers.pdf.numbers import cached, fold

# Indicator kinds, tried in order on the folded label text.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ghg", re.compile(r"ghg|iobc|gwp-?bc\b|gwp\s*-?\s*ioc", re.I)),
    ("fossil", re.compile(r"foss", re.I)),
    ("biogenic", re.compile(r"biog", re.I)),
    ("luluc", re.compile(r"luluc|lulc|\bluc\b|land use", re.I)),
    ("total", re.compile(r"gwp\s*-?\s*tot|gwpt\b|climate change\s*-?\s*tot|global warming potential\s*-?\s*tot"
                         r"|gwp\s*-?\s*totale", re.I)),
    # GWP first in the label or in a part of it ('Potential, GWP 100, Upstream (A1)': the label's first line was
    # read apart), or after a method ('TRACI GWP kg CO2e'), never inside a phrase ('Share of GWP')
    ("plain", re.compile(r"(?:^|[,;]\s*)\(?gwp\b|^(?:us\s+epa\s+)?(?:traci|ipcc|cml)(?:\s*v?\d+(?:\.\d+)?)?\s+gwp\b|"
                         r"global warming|gwp100|climate change|^gwp\s*\[|embodied carbon|"
                         r"carbon footprint", re.I)),
)

INDICATOR_NAMES = {"total": "GWP-total", "plain": "GWP"}


# compiled once (a label's footnote marks, then whether it names a GWP at all): asked of every new label
_MARK = re.compile(r"(?i)(gwp|potential|change|carbon)[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+")
_LETTER = re.compile(r"\b(GWP|Potential|Change|Carbon)[a-e]\b")
_NUMBER_MARK = re.compile(r"(?i)\b(gwp)\d(?![\d.,])")
_GWP_DASH = re.compile(r"gwp\s*-", re.I)
_ANY_GWP = re.compile(r"gwp|global warming|climate change|embodied carbon|carbon footprint", re.I)


@cached  # a pure function of the text, asked of each head and label many times
def indicator_kind(label: str) -> str | None:
    """Classify a row label as a GWP indicator kind ('total', 'plain', 'fossil', ...) or None."""
    s = fold(label).replace("\u00ad", "-")
    s = _MARK.sub(r"\1 ", s)  # a footnote mark ('GWP¹', 'GWP*')
    s = _LETTER.sub(r"\1 ", s)  # a footnote letter set small ('GWPa')
    s = _NUMBER_MARK.sub(r"\1 ", s)  # a footnote number run into the word ('GWP1'), not 'GWP100'
    if _GWP_DASH.fullmatch(s):
        return None  # the rest of the label wraps onto the next line ('GWP-' / 'LULUC')
    if not _ANY_GWP.search(s):
        return None
    return next((kind for kind, pattern in _KINDS if pattern.search(s)), None)


def key(text: str) -> str:
    """Fold a header word for matching module names ('A1 – A3' -> 'A1-A3')."""
    return fold(text).upper().replace(" ", "").replace("–", "-")
