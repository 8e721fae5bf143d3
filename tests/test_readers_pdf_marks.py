"""A page's lines (one pdfium box per character: most of the reading time) are built for a reader only when the
page's text holds what the reader looks for along them (``Page.may_hold``). Each mark must hold every label its
reader can find on a printed line, or that reader would miss it: checked here on every line of the real EPDs."""

from __future__ import annotations

import importlib
import re

import pypdfium2 as pdfium
import pytest

from buyclean.core.readers.pdf import dates, metadata, mixes
from buyclean.core.readers.pdf.layout import Page
from tests import pdfgen
from tests.conftest import CORPUS, needs_corpus

# (what a reader looks for along a page's lines, the mark that lets it skip a page)
PAIRS = [
    ("issue date", dates.ISSUED, dates._MARKS[dates.ISSUED]),
    ("validity", dates.VALID, dates._MARKS[dates.VALID]),
    ("EPD type", metadata._TYPE_FIELD, metadata._TYPE_MARK),
    ("PCR", metadata._PCR_LABEL, metadata._PCR_MARK),
    ("plant", metadata._PLANT_LABEL, metadata._PLANT_MARK),
    ("strength", mixes._STRENGTH, mixes.STRENGTH_MARK),
]


def _pages(data: bytes, first: int = 6) -> list[Page]:
    doc = pdfium.PdfDocument(data)
    pages = []
    for index in range(min(first, len(doc))):
        page = doc[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        pages.append(Page(index + 1, width, height, textpage.get_text_range().replace("\xa0", " "), textpage))
    return pages


@needs_corpus
def test_every_label_printed_on_a_line_is_in_its_pages_mark() -> None:
    files = sorted((CORPUS / "pdf").glob("*.pdf")) + sorted((CORPUS / "pdf-na").glob("*.pdf"))
    documents = [f.read_bytes() for f in files] + [pdfgen.family(seed).pdf() for seed in range(6)]
    for name in ["tests.heldout.generator", *(f"tests.devgen_{x}" + (".generator" if x in "bcd" else "")
                                              for x in "bcdefghijl")]:  # (not k: the measurement generator)
        documents += [importlib.import_module(name).generate(seed).pdf for seed in range(2)]
    seen = dict.fromkeys([name for name, _, _ in PAIRS], 0)
    missed = []
    for n, data in enumerate(documents):
        for page in _pages(data):
            for line in page.lines():
                for name, label, mark in PAIRS:
                    if label.search(line.text) is None:
                        continue
                    seen[name] += 1
                    if mark.search(re.sub(r"\s+", "", line.text)) is None or not page.may_hold(mark):
                        missed.append((n, page.number, name, line.text))
    assert not missed
    assert all(count >= 5 for count in seen.values()), seen  # each mark was tried on real labels


@pytest.mark.parametrize(("label", "printed"), [
    (dates.ISSUED, ["Date of issue", "Issue date", "Date issued", "Issued on", "Publication date", "Published",
                    "Date of publication", "Approved", "Approval date", "Godkjent", "Data di pubblicazione",
                    "Valid from", "Effective date", "Ausstellungsdatum", "Erstellt am"]),
    (dates.VALID, ["Valid until", "Valid to", "Validity date", "Valid thru", "Valid through", "Expiration date",
                   "Expires", "Gyldig til", "Data di validità", "Period of validity", "Validity period",
                   "Gültig bis", "Valid for", "EPD valid"]),
    (metadata._TYPE_FIELD, ["EPD type", "Type of EPD", "Type of declaration", "Declaration type", "EPD category"]),
    (metadata._PLANT_LABEL, ["Plant:", "Plant name :", "Plant location:", "Manufacturing site:",
                             "Manufacturing facility:", "Production location:", "Facility name:", "Facility:"]),
])
def test_each_spelling_of_a_label_holds_its_mark(label: re.Pattern[str], printed: list[str]) -> None:
    mark = {dates.ISSUED: dates._MARKS[dates.ISSUED], dates.VALID: dates._MARKS[dates.VALID],
            metadata._TYPE_FIELD: metadata._TYPE_MARK, metadata._PLANT_LABEL: metadata._PLANT_MARK}[label]
    for text in printed:
        assert label.search(text), text
        assert mark.search(text.replace(" ", "")), text


class _NoTextPage:
    """A text page that fails if its characters' boxes are asked for."""

    def count_chars(self) -> int:
        raise AssertionError("the page's lines were built")


def test_a_page_without_any_label_is_not_laid_out() -> None:
    page = Page(1, 612.0, 792.0, "Environmental product declaration\nConcrete for buildings\n4.2 Results",
                _NoTextPage())
    assert metadata.plants([page]) == ()
    assert metadata.epd_type_field([page]) is None
    dates.issue_and_validity([page], None)
    assert page._lines is None
    labelled = Page(1, 612.0, 792.0, "Plant: Fresno", _NoTextPage())
    with pytest.raises(AssertionError, match="lines were built"):
        metadata.plants([labelled])


def test_the_mark_counts_words_ocr_read() -> None:
    from buyclean.core.readers.pdf.layout import Word

    page = Page(1, 612.0, 792.0, "", None, ocr_words=[Word("Plant:", 10, 10, 40, 20), Word("Fresno", 45, 10, 80, 20)])
    assert page.may_hold(metadata._PLANT_MARK)
    assert metadata.plants([page]) == ("Fresno",)

