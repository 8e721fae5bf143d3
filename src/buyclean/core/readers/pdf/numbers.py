"""The grammar of numeric table cells in EPD PDFs: E-notation in every spelling, comma decimals, blanks,
'3.69x10-3' with its exponent raised, percentages. Each function is a pure function of a cell's text, asked of the
same texts many times over a document: their answers are cached."""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T", str, "str | None")


_KEPT = 1 << 15  # texts remembered per function; the memory of a page's cells, not of a document's life
_LONGEST = 400  # a cell's or a line's length: a hostile PDF's megabyte-long 'word' is computed, never kept


class _Memo(dict):  # type: ignore[type-arg]
    """The answers of a pure function of one text, by text. Looked up as ``memo.__getitem__``: a hit costs no
    Python frame (these functions are asked of the same cell texts hundreds of thousands of times a corpus, and
    a wrapper's frame around ``lru_cache`` cost more than the lookups); a miss computes the answer here."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any], Any]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, text: str | None) -> Any:
        answer = self.function(text)
        if text is None or len(text) <= _LONGEST:
            if len(self) >= _KEPT:
                self.clear()  # a pure function: forgetting costs time only
            self[text] = answer
        return answer


def cached(function: Callable[Concatenate[T, P], R]) -> Callable[Concatenate[T, P], R]:
    """Cache a pure function of a text for texts of a cell's or a line's length (a hostile PDF's megabyte-long
    'word' is computed, never kept). A function of the text alone is answered from a dict (``_Memo``); one with
    more arguments through ``lru_cache``."""
    if len(inspect.signature(function).parameters) == 1:
        # the dict's own lookup, not a function around it: the caller's call is the lookup (the function's name
        # and docstring stay in the source, not on the object)
        return cast(Callable[Concatenate[T, P], R], _Memo(function).__getitem__)
    remembered: Callable[Concatenate[T, P], R] = lru_cache(maxsize=_KEPT)(function)  # type: ignore[assignment]

    @wraps(function)
    def call(text: T, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if text is not None and len(text) > _LONGEST:
            return function(text, *args, **kwargs)
        return remembered(text, *args, **kwargs)

    return call


# Cells that declare no value: module not declared / not relevant / indicator not assessed.
BLANK_CELLS = frozenset({"mnd", "nd", "mnr", "nr", "ina", "na", "n/a", "-", "–", "—", "x", "n.d.", "n.r.", "mna", "*"})

_MINUS = "-\u2212\u2013\u2010\u00ad"
_E_NUMBER = re.compile(r"^([-+]?)(\d+(?:[.,]\d+)?|[.,]\d+)\s*[eE]\s*([-+]?)\s*(\d{1,3})$")
_PLAIN = re.compile(r"^([-+]?)(\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)$")
# Run-together cells ('5.25E-16.75E-1'): each mantissa has one integer digit and an exponent of 1-3 digits,
# the shortest exponent that leaves the rest starting a new number.
_RUN = re.compile(r"[-]?\d[.,]\d+E[-+]?\d{1,3}?(?=[-]?\d[.,]|$)")


@cached
def fold(text: str) -> str:
    """Fold minus signs and spaces so the grammar sees one spelling."""
    for ch in _MINUS:
        text = text.replace(ch, "-")
    return text.replace("\u2009", " ").replace("\u00a0", " ").strip()


@cached
def parse_cell(text: str) -> float | None:
    """Parse one table cell: '2.41E+02', '2.193E+002', '7,62 E -01', '49.3E-3', '1 234,5', '1,234.5', '133,8'."""
    s = fold(text)
    if not s:
        return None
    m = _E_NUMBER.match(s)
    if m:
        mantissa = m.group(2).replace(",", ".")
        value = float(f"{m.group(1)}{mantissa}e{m.group(3)}{m.group(4)}")
        return value if math.isfinite(value) else None
    m = _PLAIN.match(s)
    if m is None:
        return None
    sign, body = m.group(1), m.group(2)
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?", body):
        seps = [c for c in body if c in " ,."]
        if " " in seps:
            # '1 234,5': spaces group thousands, the last comma or dot is the decimal separator
            parts = re.match(r"^([\d ]+)(?:([.,])(\d+))?$", body)
            if parts is None:
                return None
            head = parts.group(1).replace(" ", "")
            tail = parts.group(3) or ""
            body = f"{head}.{tail}" if tail else head
        elif len(set(seps)) == 2:
            dec = body[max(body.rfind(","), body.rfind("."))]
            body = body.replace("," if dec == "." else ".", "").replace(",", ".")
        elif len(seps) > 1:
            body = body.replace(seps[0], "")
        elif seps[0] == ",":
            # '1,234' is a thousands group in North American tables but '7,620' could be a comma decimal;
            # a lone comma before exactly three digits is read as thousands only when the integer part is not 0
            body = body.replace(",", "") if not body.startswith("0") else body.replace(",", ".")
        else:
            # '1.234' with a dot: a decimal (E-notation-era tables never group thousands with dots alone)
            pass
    else:
        body = body.replace(",", ".")
    try:
        value = float(sign + body)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# the patterns of blanks and of wrapped fragments, compiled once: asked of every new text of a document
_DASHES = re.compile(r"[-–—−]{2,3}")
_CUT = re.compile(r"-|[-+]?\d+(?:[.,]\d+)?\s*[eE]\s*[-+]?|[-+]?(?:\d{2,3}(?:,\d{3})*|\d(?:,\d{3})+)\.")
_ENDS_IN_E = re.compile(r"[eE]\s*[-+]?$")
_EXPONENT = re.compile(r"[-+]?\d{1,3}")
_DIGITS_3 = re.compile(r"\d{1,3}")
_MANTISSA = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
_E_EXPONENT = re.compile(r"[eE]\s*[-+]?\s*\d{1,3}")


@cached
def is_blank_cell(text: str) -> bool:
    """True for cells that say 'not declared' (MND, ND, INA, '-'; a dash drawn twice over itself reads '--')."""
    folded = fold(text).lower()
    return folded in BLANK_CELLS or bool(_DASHES.fullmatch(folded))


def split_run(text: str) -> list[str]:
    """Split cells that the text layer ran together ('5.25E-16.75E-1' -> ['5.25E-1', '6.75E-1'])."""
    return list(_split_run(text))


@cached
def _split_run(text: str) -> tuple[str, ...]:
    s = fold(text)
    if _E_NUMBER.match(s) or s.count("E") + s.count("e") < 2:
        return (s,)
    parts = _RUN.findall(s.upper())
    return tuple(parts) if "".join(parts) == s.upper() else (s,)


@cached
def incomplete(text: str) -> bool:
    """True when a fragment is the first part of a cell wrapped inside a narrow column ('2.61E', '1.19E+', '-')."""
    s = fold(text)
    return bool(_CUT.fullmatch(s))


@cached
def continues(head: str, tail: str) -> bool:
    """True when ``tail`` completes a wrapped cell begun by ``head`` ('2.61E' + '+03', '2,32' + 'E+02')."""
    h, t = fold(head), fold(tail)
    if h == "-":
        return parse_cell(t) is not None or incomplete(t)
    if _ENDS_IN_E.search(h):
        return bool(_EXPONENT.fullmatch(t))
    if h.endswith("."):  # '238.' over '45' (a heading's number, '4.' over '4000 PSI', is no wrapped value)
        return bool(_DIGITS_3.fullmatch(t))
    if _MANTISSA.fullmatch(h):
        return bool(_E_EXPONENT.fullmatch(t))
    return False


SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789-+")
_RAISED = re.compile(f"[{_SUPERSCRIPTS}]+")  # (a scan in C: every new text of a document is asked)
_DIGIT_OR_RAISED = re.compile(rf"[\d{_SUPERSCRIPTS}]")  # \d as the patterns below mean it (any decimal digit)
_X10 = re.compile(r"^([-+\u2212]?\d+(?:[.,]\d+)?)\s*[x×\*]\s*10\s*\^?\s*([-+\u2212\u2013]?\d{1,3})$")
_PERCENT = re.compile(r"^[-+\u2212]?\d+(?:[.,]\d+)?\s*%$")


@cached
def digit_in(text: str) -> bool:
    """True when a text holds a digit or a raised one. Words that hold none, joined by spaces, are a text
    (``value_of``'s first answer), whatever each of them is alone ('x', 'ND', '-' are blanks)."""
    return _DIGIT_OR_RAISED.search(text) is not None


@cached
def value_of(text: str) -> tuple[str, float | None]:
    """Classify a cell's text: ('number', v), ('percent', v), ('blank', None) or ('text', None).

    A number cut by its cell's edge ('2.61E', '-') counts as a blank value: it is never text.
    """
    s = text.strip()
    if " " in s and not _DIGIT_OR_RAISED.search(s):
        # words without a digit ('Reuse, recovery and/or'): every reading below needs a digit (a blank cell is one
        # word), so they are text; a head's or a sentence's phrase is asked here once for each word it grows by
        return "text", None
    if incomplete(s) and s not in ("-",) and not s.endswith("."):  # ('1.' numbers a heading: not cut by its cell)
        return "blank", None
    if _RAISED.search(s):  # '2.52x10²', '1.2×10⁻³': a raised exponent
        s = _RAISED.sub(lambda m: "^" + m.group(0).translate(_FROM_SUPERSCRIPT), s)
    m = _X10.match(s)
    if m:
        mantissa = float(m.group(1).replace(",", ".").replace("\u2212", "-"))
        exponent = int(m.group(2).replace("\u2212", "-").replace("\u2013", "-"))
        return "number", mantissa * 10.0 ** exponent
    if _PERCENT.match(s):
        v = parse_cell(s.rstrip("%").strip())
        return ("percent", v) if v is not None else ("text", None)
    v = parse_cell(s)
    if v is not None:
        return "number", v
    if is_blank_cell(s):
        return "blank", None
    for pattern in _NUMBER_WITH:
        m = pattern.match(s)
        v = parse_cell(m.group(1)) if m else None
        if v is not None:
            return "number", v
    return "text", None


# a value with its footnote's mark ('310.3a', '1,234†'), or with its unit in the cell ('236 kg CO2e')
_NUMBER_WITH = (re.compile(r"^([-+\u2212]?\d[\d,.]*(?:[eE][-+]?\d+)?)(?:[a-d]|[*†‡§]+)$"),
                re.compile(r"^(\S+)\s*(?:kg|t)\s*CO(?:2|₂)\s*[-‐]?\s*(?:e|eq|eqv|equiv)?\.?(?:\s*/\s*\S+)?$", re.I))
