"""Rebuild words and lines from pypdfium2 character boxes, in PDF points with a top-left origin."""

from __future__ import annotations

import bisect
import ctypes
import math
import operator
import re
import statistics
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any, cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from buyclean.core.readers.pdf.numbers import SUPERSCRIPT, continues, incomplete

# A gap wider than this share of the character height splits a word: narrow table cells are often printed with
# no space character between them ('5.25E-16.75E-1'), only a visual gap.
WORD_GAP = 0.28


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    ocr: bool = False  # read by OCR from a picture of the page, not from its text layer
    confidence: float | None = None  # the OCR engine's confidence in the word, 0-100

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Line:
    """Words on one printed line, left to right. Its box and text are computed once; give it all its words when
    it is made (a list changed in place after that is not seen)."""

    __slots__ = ("_box", "_height", "_text", "words")
    words: list[Word]
    _box: tuple[float, float, float, float] | None
    _text: str | None
    _height: float | None

    def __init__(self, words: list[Word] | None = None) -> None:
        # set as __setattr__ below would set them, without its call for each (a page has hundreds of lines)
        object.__setattr__(self, "words", words if words is not None else [])
        object.__setattr__(self, "_box", None)
        object.__setattr__(self, "_text", None)
        object.__setattr__(self, "_height", None)

    def __repr__(self) -> str:
        return f"Line({self.text!r})"

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        if name == "words":
            object.__setattr__(self, "_box", None)
            object.__setattr__(self, "_text", None)
            object.__setattr__(self, "_height", None)

    def _bounds(self) -> tuple[float, float, float, float]:
        if self._box is None:
            self._box = bbox_of(self.words)
        return self._box

    @property
    def height(self) -> float:
        """The median height of its words, at least 1 pt (asked of a table's lines many times over)."""
        if self._height is None:
            self._height = max(median([w.bottom - w.top for w in self.words]), 1.0)
        return self._height

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(w.text for w in self.words)
        return self._text

    # (the box once computed is read without a call to _bounds: these are asked hundreds of thousands of times)
    @property
    def top(self) -> float:
        return (self._box or self._bounds())[1]

    @property
    def bottom(self) -> float:
        return (self._box or self._bounds())[3]

    @property
    def yc(self) -> float:
        box = self._box or self._bounds()
        return (box[1] + box[3]) / 2

    @property
    def x0(self) -> float:
        return (self._box or self._bounds())[0]

    @property
    def x1(self) -> float:
        return (self._box or self._bounds())[2]


def median(values: Sequence[float]) -> float:
    """statistics.median, without its generality: asked of every line's word heights, many times a table."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise statistics.StatisticsError("no median for empty data")
    half = n // 2
    return ordered[half] if n % 2 else (ordered[half - 1] + ordered[half]) / 2


def bbox_of(words: list[Word]) -> tuple[float, float, float, float]:
    """Return the box (x0, top, x1, bottom) around the words."""
    if not words:
        raise ValueError("min() arg is an empty sequence")  # as the four min and max over the words said
    # one pass with comparisons that keep the first of equals, as min and max do (every line's box is made here)
    first = words[0]
    x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
    for w in words:
        if w.x0 < x0:
            x0 = w.x0
        if w.top < top:
            top = w.top
        if w.x1 > x1:
            x1 = w.x1
        if w.bottom > bottom:
            bottom = w.bottom
    return x0, top, x1, bottom


@dataclass
class Page:
    """One page's text: ``number`` is 1-based; ``text`` is pdfium's reading-order text (its text page's whole text,
    no-break spaces made spaces, on a page with a text page and without OCR words)."""

    number: int
    width: float
    height: float
    text: str
    textpage: Any = None
    _lines: list[Line] | None = None
    ocr_words: list[Word] = field(default_factory=list)  # words OCR read where the page has no text (ocr.py)
    _squeezed: str | None = None

    def may_hold(self, mark: re.Pattern[str]) -> bool:
        """False when no line of the page can hold what ``mark`` stands for: a pattern that matches, spaces taken
        out, every text a reader looks for along the printed lines. Each line's words are the page text's
        characters (or OCR's words) spaced by their positions, so a page whose text, spaces taken out, has no
        match has no such line, and its lines need not be built for that reader (most of a page's reading time)."""
        if self._squeezed is None:
            # (split and joined: what the pattern of spaces takes out, in one C pass each)
            self._squeezed = "".join(self.text.split()) + "".join(w.text for w in self.ocr_words)
        return mark.search(self._squeezed) is not None

    def lines_holding(self, mark: re.Pattern[str]) -> list[Line]:
        """The page's lines for a reader that looks along them for what ``mark`` stands for: none, unbuilt, when
        the page cannot hold it (``may_hold``)."""
        return self.lines() if self.may_hold(mark) else []

    def lines(self) -> list[Line]:
        """Return the page's lines of positioned words, top to bottom (computed once)."""
        if self._lines is None:
            # (a page without OCR words has its text page's text as its text: not asked of pdfium again)
            words = page_words(self.textpage, self.height, None if self.ocr_words else self.text) \
                if self.textpage is not None else []
            words += self.ocr_words
            self._lines = group_lines(stitch_wrapped(raise_superscripts(words))) if words else []
        return self._lines

    def edge_lines(self, share: float) -> list[Line]:
        """The lines in the page's top and bottom ``share`` of its height (running headers and footers). A page
        whose lines are not built yet gives them from pdfium's text runs, not from each character's box: most pages
        of a long EPD are read for nothing else."""
        top, bottom = share * self.height, (1 - share) * self.height
        if self._lines is not None or self.textpage is None:
            return [ln for ln in self.lines() if ln.bottom < top or ln.top > bottom]
        words: list[Word] = []
        # pdfium's FPDFText_GetRect(text_page, index, left, top, right, bottom) asked directly, as for the characters'
        # boxes (page_words): a long document has thousands of runs, most of them outside the edges
        left_, top_, right_, bottom_ = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        raw, refs = _plain_pointer(self.textpage.raw), tuple(map(ctypes.byref, (left_, top_, right_, bottom_)))
        for i in range(self.textpage.count_rects()):
            if not _RECT(raw, i, *refs):
                raise pdfium.PdfiumError(f"Failed to get the text rectangle {i}.")
            left, low, right, high = left_.value, bottom_.value, right_.value, top_.value
            y0, y1 = self.height - high, self.height - low
            if y1 >= top and y0 <= bottom:
                continue
            text = self.textpage.get_text_bounded(left, low, right, high)
            words += _spread(text, left, y0, right, y1)
        return group_lines(words)


def _spread(text: str, x0: float, top: float, x1: float, bottom: float) -> list[Word]:
    """The words of a run of text printed across a box, each placed by its share of the characters."""
    step = (x1 - x0) / max(len(text), 1)
    return [Word(m.group(0), x0 + step * m.start(), top, x0 + step * m.end(), bottom)
            for m in _NON_SPACE.finditer(text)]


# FPDFText_GetLooseCharBox(text_page, index, rect) and FPDFText_GetRect(text_page, index, left, top, right, bottom)
# called through prototypes that declare their return type only: pypdfium2's binding checks and converts each
# argument on every call, more than half the cost of the call, once per character of the document; here the text
# page is passed as a plain pointer, the index as a C int (ctypes' default for a Python int) and the outputs by
# reference, which is what the functions take
def _prototype(function: Any) -> Any:
    return ctypes.CFUNCTYPE(ctypes.c_int)(cast(int, ctypes.cast(function, ctypes.c_void_p).value))


_LOOSE_CHAR_BOX = _prototype(pdfium_c.FPDFText_GetLooseCharBox)
_RECT = _prototype(pdfium_c.FPDFText_GetRect)


def _plain_pointer(handle: Any) -> ctypes.c_void_p:
    """A pdfium handle as the untyped pointer the prototypes take."""
    return ctypes.c_void_p(ctypes.cast(handle, ctypes.c_void_p).value)


def page_words(textpage: Any, page_height: float, text: str | None = None) -> list[Word]:
    """Split a pdfium text page into words at spaces, line breaks and visual gaps. ``text``: the text page's text,
    when the caller has it (its no-break spaces may be spaces: either ends a word)."""
    n = textpage.count_chars()
    if n <= 0:
        return []
    # pdfium marks a hyphen that ends a printed line (often the minus of a wrapped exponent) as U+FFFE
    text = (textpage.get_text_range(0, n) if text is None else text).translate(_LINE_END_HYPHENS)
    # one character box per character is most of the reader's time: ask pdfium directly, into one reused struct
    rect = pdfium_c.FS_RECTF()
    box_of, raw, ref = _LOOSE_CHAR_BOX, _plain_pointer(textpage.raw), ctypes.byref(rect)
    box = memoryview(rect).cast("B").cast("f")  # its four floats read in one unpacking, not four field lookups
    words: list[Word] = []
    begun = -1  # where the word so far begins in the text (-1: no word): a word is a stretch of the text
    x0 = top = x1 = bottom = 0.0  # the word so far
    p_left = p_right = p_top = p_bottom = 0.0  # its last character
    # its last character as pdfium gave it (y growing upwards), with the limits of a gap and of a step back that
    # character's height sets: the next character in the same line and size is compared against them alone
    p_up_top = p_up_bottom = gap_limit = back_limit = half = math.nan
    # runs of characters between spaces and line breaks (which end a word): the loop below is for their characters
    for run in _NON_SPACE.finditer(text, 0, n):
        for i in range(run.start(), run.end()):
            if not box_of(raw, i, ref):
                raise pdfium.PdfiumError(f"Failed to get the box of character {i}.")
            left, up_top, right, up_bottom = box  # FS_RECTF: left, top, right, bottom, with y growing upwards
            if up_top == p_up_top and up_bottom == p_up_bottom and begun >= 0:
                # the last character's line and size (most characters): no move of the centre, no footnote mark,
                # the same height; only a gap or a step back ends the word (as below, with that height)
                if left - p_right > gap_limit or left < back_limit:
                    words.append(_word(text[begun:i], x0, top, x1, bottom))
                    # (a new word of this character alone: its top and bottom are the last character's)
                    begun, x0, top, x1, bottom = i, left, p_top, right, p_bottom
                else:
                    if left < x0:
                        x0 = left
                    if right > x1:
                        x1 = right
                p_left, p_right = left, right
                back_limit = left - half
                continue
            c_top, c_bottom = page_height - up_top, page_height - up_bottom
            if right - left <= 0 and c_bottom - c_top <= 0:
                if begun >= 0:
                    words.append(_word(text[begun:i], x0, top, x1, bottom))
                    begun = -1
                p_up_top = math.nan  # (no character to compare the next one with)
                continue
            if begun >= 0:
                h = c_bottom - c_top
                if p_bottom - p_top > h:
                    h = p_bottom - p_top
                if h < 1.0:
                    h = 1.0
                shift = (c_top + c_bottom) - (p_top + p_bottom)  # twice the move of the centre
                if not -h < shift < h or left - p_right > WORD_GAP * h or left < p_left - 0.5 * h or (
                        c_bottom < p_bottom - 0.2 * h and c_bottom - c_top < 0.8 * (p_bottom - p_top)
                        and _footnote_mark(text[i], text, i, n)):
                    words.append(_word(text[begun:i], x0, top, x1, bottom))
                    begun = -1
            if begun >= 0:  # (comparisons, not min and max: this runs once per character of the document)
                if left < x0:
                    x0 = left
                if c_top < top:
                    top = c_top
                if right > x1:
                    x1 = right
                if c_bottom > bottom:
                    bottom = c_bottom
            else:
                begun, x0, top, x1, bottom = i, left, c_top, right, c_bottom
            p_left, p_right, p_top, p_bottom = left, right, c_top, c_bottom
            # the limits the next character is held to when it shares this one's line and size (its height is
            # then this one's: h above); a character without height leaves the next one to the full comparison
            p_height = c_bottom - c_top
            if p_height > 0:
                if p_height < 1.0:
                    p_height = 1.0
                p_up_top, p_up_bottom = up_top, up_bottom
                half = 0.5 * p_height
                gap_limit, back_limit = WORD_GAP * p_height, left - half
            else:
                p_up_top = math.nan
        if begun >= 0:
            words.append(_word(text[begun:run.end()], x0, top, x1, bottom))
            begun = -1
    return words


_LINE_END_HYPHENS = str.maketrans({"\ufffe": "-", "\u00ad": "-"})
_NON_SPACE = re.compile(r"\S+")  # (\S is what str.isspace() is not: both ask Py_UNICODE_ISSPACE)
_new = object.__new__
# the fields' own setters (slots), which a frozen dataclass's __init__ reaches through object.__setattr__, one call
# per field, checking each name: taken once here, in the fields' order
_SET_TEXT, _SET_X0, _SET_TOP, _SET_X1, _SET_BOTTOM, _SET_OCR, _SET_CONFIDENCE = (
    getattr(Word, f.name).__set__ for f in fields(Word))
_OCR_DEFAULT, _CONFIDENCE_DEFAULT = (f.default for f in fields(Word)[5:])
assert [f.name for f in fields(Word)] == ["text", "x0", "top", "x1", "bottom", "ocr", "confidence"] and not hasattr(
    Word, "__post_init__") and MISSING not in (_OCR_DEFAULT, _CONFIDENCE_DEFAULT)


def _word(text: str, x0: float, top: float, x1: float, bottom: float) -> Word:
    """``Word(text, x0, top, x1, bottom)``, made as its dataclass's __init__ makes it (the same fields, the same
    values) without the object.__setattr__ call per field a frozen dataclass's __init__ makes: page_words makes one
    per word of the document."""
    word = _new(Word)
    _SET_TEXT(word, text)
    _SET_X0(word, x0)
    _SET_TOP(word, top)
    _SET_X1(word, x1)
    _SET_BOTTOM(word, bottom)
    _SET_OCR(word, _OCR_DEFAULT)
    _SET_CONFIDENCE(word, _CONFIDENCE_DEFAULT)
    return word


def _footnote_mark(ch: str, text: str, i: int, n: int) -> bool:
    """A lone letter or mark ('a', '*', '†') that ends a word: set small and raised, a footnote mark."""
    return (ch.isalpha() or ch in _MARKS) and (i + 1 >= n or not text[i + 1].isalnum())


_MARKS = "*†‡§"


# a word that may be set small beside another: a number of up to three digits, a letter or a footnote mark
_SMALL = re.compile(r"[-−]?\d{1,3}|[a-z*†‡§]")  # (compiled once: asked of every word of every page)


def raise_superscripts(words: list[Word]) -> list[Word]:
    """Join a small raised number to the word it follows ('m' '3' -> 'm³', 'x10' '2' -> 'x10²', 'GWP' '1' ->
    'GWP¹'), and a small lowered one ('CO' '2' -> 'CO2'); drop a small raised footnote mark ('C4K-28' 'a'): a
    superscript or subscript the text layer sets apart would otherwise stand on a line of its own, and a mark would
    become part of a product's name."""
    small = [w for w in words if len(w.text) <= 4 and _SMALL.fullmatch(w.text)]  # (none is longer than '-123')
    if not small:
        return words
    # the words by where they end, of the ends a small word may follow (a page's small words are a few places)
    wanted = {x for w in small for x in range(int(w.x0) - 6, int(w.x0) + 2)}
    by_end: dict[int, list[int]] = {}
    for n, w in enumerate(words):
        end = int(w.x1)
        if end in wanted:
            by_end.setdefault(end, []).append(n)
    joined: dict[int, Word] = {}
    gone: set[int] = set()
    index: dict[int, int] | None = None  # each word's place, made when a first word is joined (most pages join few)
    for w in small:
        # (positions and heights read once, not through the properties: a table's page has thousands of small words)
        w_x0, w_top, w_bottom = w.x0, w.top, w.bottom
        w_height = w_bottom - w_top
        hosts = [n for x in range(int(w_x0) - 6, int(w_x0) + 2) for n in by_end.get(x, ())
                 if n not in gone and words[n] is not w]
        for n in hosts:
            o = joined.get(n, words[n])
            o_top, o_bottom = o.top, o.bottom
            o_height = o_bottom - o_top
            if not (o_height > 0 and w_height < 0.85 * o_height and -0.5 <= w_x0 - o.x1 < 0.3 * o_height):
                continue
            if o_top < w_bottom < o_bottom - 0.2 * o_height and not w.text[0].isdigit() and w.text[0] not in "-−":
                text = o.text  # a footnote mark: no part of the word
            elif o_top < w_bottom < o_bottom - 0.2 * o_height:  # raised: an exponent, a unit's power, a footnote
                text = o.text + w.text.replace("−", "-").translate(SUPERSCRIPT)
            elif o_top + 0.2 * o_height < w_top < o_bottom and o.text[-1:].isalpha():  # lowered: 'CO' '2' is CO2
                text = o.text + w.text
            else:
                continue
            joined[n] = replace(o, text=text, x1=max(o.x1, w.x1))
            if index is None:
                index = {id(x): k for k, x in enumerate(words)}
            gone.add(index[id(w)])
            break
    if not gone:
        return words  # (most pages: no small word joined)
    return [joined.get(n, w) for n, w in enumerate(words) if n not in gone]


def group_lines(words: list[Word]) -> list[Line]:
    """Group words whose vertical centres are close into lines, each sorted left to right."""
    groups: list[list[Word]] = []
    top = bottom = 0.0  # the box of the line being grouped
    # (a word's centre and height are worked out here, and comparisons stand for min and max: this runs once per
    # word of each page)
    for word in sorted(words, key=_centre_then_left):
        w_top, w_bottom = word.top, word.bottom
        if groups:
            h = w_bottom - w_top
            if bottom - top < h:
                h = bottom - top
            if h < 1.0:
                h = 1.0
            if abs((w_top + w_bottom) / 2 - (top + bottom) / 2) < 0.45 * h:
                groups[-1].append(word)
                if w_top < top:
                    top = w_top
                if w_bottom > bottom:
                    bottom = w_bottom
                continue
        groups.append([word])
        top, bottom = w_top, w_bottom
    return [Line(sorted(group, key=_LEFT)) for group in groups]


def _centre_then_left(word: Word) -> tuple[float, float]:
    return (word.top + word.bottom) / 2, word.x0


_LEFT = operator.attrgetter("x0")


def stitch_wrapped(words: list[Word]) -> list[Word]:
    """Join a number that a narrow cell wrapped onto the next line ('1.19E+' above '01') into one word."""
    heads = [w for w in words if incomplete(w.text)]
    if not heads:
        return words
    used: set[int] = set()
    joined: dict[int, Word] = {}
    by_top = sorted(words, key=lambda w: w.top)  # stable: words of one top keep their order
    tops = [w.top for w in by_top]

    def near(low: float, high: float) -> list[Word]:
        """The words whose top is within [low, high], in the order of ``words`` among equal tops."""
        return by_top[bisect.bisect_left(tops, low): bisect.bisect_right(tops, high)]

    for head in heads:
        h = max(head.height, 1.0)
        if head.text.strip() in ("-", "\u2212", "\u2013") and any(
                w is not head and abs(w.top - head.top) < 0.3 * h and 0 <= head.x0 - w.x1 < 0.8 * h
                for w in near(head.top - 0.3 * h, head.top + 0.3 * h)):
            continue  # the dash of 'A1 - A3', not a minus sign wrapped away from its number
        low = max(head.top + 0.3 * h, head.bottom - 0.4 * h)
        below = [w for w in near(low, head.bottom + 0.8 * h + 2) if id(w) not in used and w is not head
                 and w.top > head.top + 0.3 * h and -0.4 * h <= w.top - head.bottom < 0.8 * h + 2
                 and min(w.x1, head.x1) - max(w.x0, head.x0) > 0 and continues(head.text, w.text)]
        if not below:
            continue
        tail = min(below, key=lambda w: w.top)
        if head.text.strip() in ("-", "\u2212", "\u2013") and _next_row(tail, heads, near(tail.top - 0.3 * h,
                                                                                            tail.top + 0.3 * h)):
            continue  # a dash for 'not applicable' over the next row's number, not a minus sign wrapped away
        used.add(id(tail))
        # the joined word keeps the head's height: it stays on the head's line, at its type size
        joined[id(head)] = replace(head, text=head.text + tail.text, x0=min(head.x0, tail.x0),
                                   x1=max(head.x1, tail.x1), confidence=_least(head.confidence, tail.confidence))
    return [joined.get(id(w), w) for w in words if id(w) not in used]


def _next_row(tail: Word, heads: list[Word], line: list[Word]) -> bool:
    """True when the line of a number below a lone dash holds two or more words that complete no wrapped fragment
    above them: a row of its own (a wrapped minus sign's line holds the wrapped tails only)."""
    h = max(tail.height, 1.0)
    own = [w for w in line if w is not tail and not any(
        min(w.x1, x.x1) - max(w.x0, x.x0) > 0 and 0 < w.top - x.top < 2.5 * h for x in heads)]
    return len(own) >= 2


def _least(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)
