"""Rebuild words and lines from pypdfium2 character boxes, in PDF points with a top-left origin."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from buyclean.core.readers.pdf.numbers import SUPERSCRIPT, continues, incomplete

# A gap wider than this share of the character height splits a word: narrow table cells are often printed with
# no space character between them ('5.25E-16.75E-1'), only a visual gap.
WORD_GAP = 0.28


@dataclass(frozen=True)
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


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)


def bbox_of(words: list[Word]) -> tuple[float, float, float, float]:
    """Return the box (x0, top, x1, bottom) around the words."""
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words),
            max(w.bottom for w in words))


@dataclass
class Page:
    """One page's text: ``number`` is 1-based; ``text`` is pdfium's reading-order text."""

    number: int
    width: float
    height: float
    text: str
    textpage: Any = None
    _lines: list[Line] | None = None
    ocr_words: list[Word] = field(default_factory=list)  # words OCR read where the page has no text (ocr.py)

    def lines(self) -> list[Line]:
        """Return the page's lines of positioned words, top to bottom (computed once)."""
        if self._lines is None:
            words = page_words(self.textpage, self.height) if self.textpage is not None else []
            words += self.ocr_words
            self._lines = group_lines(stitch_wrapped(raise_superscripts(words))) if words else []
        return self._lines


def page_words(textpage: Any, page_height: float) -> list[Word]:
    """Split a pdfium text page into words at spaces, line breaks and visual gaps."""
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    words: list[Word] = []
    chars: list[tuple[str, float, float, float, float]] = []

    def flush() -> None:
        if chars:
            words.append(Word("".join(c[0] for c in chars), min(c[1] for c in chars), min(c[2] for c in chars),
                              max(c[3] for c in chars), max(c[4] for c in chars)))
            chars.clear()

    for i, ch in enumerate(text[:n]):
        if ch.isspace():
            flush()
            continue
        if ch in "\ufffe\u00ad":
            # pdfium marks a hyphen that ends a printed line (often the minus of a wrapped exponent) as U+FFFE
            ch = "-"
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if right - left <= 0 and top - bottom <= 0:
            flush()
            continue
        box = (ch, left, page_height - top, right, page_height - bottom)
        if chars:
            prev = chars[-1]
            h = max(box[4] - box[2], prev[4] - prev[2], 1.0)
            same_line = abs((box[2] + box[4]) / 2 - (prev[2] + prev[4]) / 2) < 0.5 * h
            if not same_line or box[1] - prev[3] > WORD_GAP * h or box[1] < prev[1] - 0.5 * h:
                flush()
        chars.append(box)
    flush()
    return words


def raise_superscripts(words: list[Word]) -> list[Word]:
    """Join a small raised number to the word it follows ('m' '3' -> 'm³', 'x10' '2' -> 'x10²', 'GWP' '1' ->
    'GWP¹'), and a small lowered one ('CO' '2' -> 'CO2'): a superscript or subscript the text layer sets apart would
    otherwise stand on a line of its own."""
    small = [w for w in words if re.fullmatch(r"[-−]?\d{1,3}", w.text)]
    if not small:
        return words
    by_end: dict[int, list[int]] = {}
    for n, w in enumerate(words):
        by_end.setdefault(int(w.x1), []).append(n)
    joined: dict[int, Word] = {}
    gone: set[int] = set()
    index = {id(w): n for n, w in enumerate(words)}
    for w in small:
        hosts = [n for x in range(int(w.x0) - 6, int(w.x0) + 2) for n in by_end.get(x, ())
                 if n not in gone and words[n] is not w]
        for n in hosts:
            o = joined.get(n, words[n])
            if not (o.height > 0 and w.height < 0.85 * o.height and -0.5 <= w.x0 - o.x1 < 0.3 * o.height):
                continue
            if o.top < w.bottom < o.bottom - 0.2 * o.height:  # raised: an exponent, a unit's power, a footnote
                text = o.text + w.text.replace("−", "-").translate(SUPERSCRIPT)
            elif o.top + 0.2 * o.height < w.top < o.bottom and o.text[-1:].isalpha():  # lowered: 'CO' '2' is CO2
                text = o.text + w.text
            else:
                continue
            joined[n] = replace(o, text=text, x1=max(o.x1, w.x1))
            gone.add(index[id(w)])
            break
    return [joined.get(n, w) for n, w in enumerate(words) if n not in gone]


def group_lines(words: list[Word]) -> list[Line]:
    """Group words whose vertical centres are close into lines, each sorted left to right."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.yc, w.x0)):
        if lines:
            last = lines[-1]
            h = max(min(word.height, last.bottom - last.top), 1.0)
            if abs(word.yc - last.yc) < 0.45 * h:
                last.words.append(word)
                continue
        lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def stitch_wrapped(words: list[Word]) -> list[Word]:
    """Join a number that a narrow cell wrapped onto the next line ('1.19E+' above '01') into one word."""
    heads = [w for w in words if incomplete(w.text)]
    if not heads:
        return words
    used: set[int] = set()
    joined: dict[int, Word] = {}
    by_id = {id(w): w for w in words}
    for head in heads:
        h = max(head.height, 1.0)
        if head.text.strip() in ("-", "\u2212", "\u2013") and any(
                w is not head and abs(w.top - head.top) < 0.3 * h and 0 <= head.x0 - w.x1 < 0.8 * h for w in words):
            continue  # the dash of 'A1 - A3', not a minus sign wrapped away from its number
        below = [w for w in words if id(w) not in used and w is not head and w.top > head.top + 0.3 * h
                 and -0.4 * h <= w.top - head.bottom < 0.8 * h + 2
                 and min(w.x1, head.x1) - max(w.x0, head.x0) > 0 and continues(head.text, w.text)]
        if not below:
            continue
        tail = min(below, key=lambda w: w.top)
        used.add(id(tail))
        # the joined word keeps the head's height: it stays on the head's line, at its type size
        joined[id(head)] = replace(head, text=head.text + tail.text, x0=min(head.x0, tail.x0),
                                   x1=max(head.x1, tail.x1), confidence=_least(head.confidence, tail.confidence))
    return [joined.get(id(w), w) for w in words if id(w) not in used and id(w) in by_id]


def _least(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)
