"""Backend-neutral document blocks for devgen_h (rendered by rawpdf.py or htmlpdf.py)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    text: str
    span: int = 1
    align: str = "l"  # l, r, c
    mark: int | None = None  # product index whose GWP is printed in this cell
    bold: bool = False


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str
    mark: int | None = None
    italic: bool = False
    small: bool = False


@dataclass
class KV:
    pairs: list[tuple[str, str]]
    style: str = "table"  # table (label column) or colon (Label: value lines)


@dataclass
class Table:
    head: list[list[Cell]]
    rows: list[list[Cell]]
    widths: list[float]
    caption: str = ""
    repeat_head: bool = True
    notes: list[str] = field(default_factory=list)
    small: bool = False


@dataclass
class Pair:
    left: Table
    right: Table


@dataclass
class Headline:
    big: str
    small: str
    mark: int | None = None


@dataclass
class PageBreak:
    pass


def num(text: str, mark: int | None = None) -> Cell:
    return Cell(text, align="r", mark=mark)


def heads(*texts: str) -> list[Cell]:
    return [Cell(t, bold=True, align="c") for t in texts]
