"""The neutral page content a layout is built from, drawn by one of the renderers (WeasyPrint or fpdf2)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    text: str
    span: int = 1
    mark: str | None = None  # an anchor: the renderer reports the page this cell lands on
    bold: bool = False
    align: str = "L"
    shade: bool = False


@dataclass
class Table:
    head: list[list[Cell]]
    rows: list[list[Cell]]
    widths: list[float]  # relative column widths
    repeat_head: bool = True
    caption: str | None = None
    font_scale: float = 1.0
    note: str | None = None  # a footnote under the table


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str
    columns: int = 1
    small: bool = False


@dataclass
class KeyValues:
    pairs: list[tuple[str, str]]
    boxed: bool = True
    label_width: float = 0.36


@dataclass
class PageBreak:
    landscape: bool = False


@dataclass
class Cover:
    """A cover page: a band with the title, then label/value boxes."""

    title: str
    subtitle: str
    holder: str
    boxes: list[tuple[str, str]] = field(default_factory=list)
    badge: str = ""


Block = Cell | Table | Heading | Para | KeyValues | PageBreak | Cover


def collapse_breaks(blocks: list[Block]) -> list[Block]:
    """Page breaks in a row make one break (the last one's orientation), and none ends the document."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, PageBreak) and out and isinstance(out[-1], PageBreak):
            out[-1] = block
        else:
            out.append(block)
    while out and isinstance(out[-1], PageBreak):
        out.pop()
    return out
