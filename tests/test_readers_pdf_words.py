"""Words from pdfium's characters (layout.page_words): split at spaces, gaps, steps back and moves off the line,
each with the box of its own characters. Pages written by hand here, so that each case is the one named."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from buyclean.core.readers.pdf.layout import page_words


def _pdf(content: bytes) -> bytes:
    """A one-page PDF drawing ``content`` with Helvetica as /F1."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o
                                                                             for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _words(content: bytes) -> list[tuple[str, float, float, float, float]]:
    page = pdfium.PdfDocument(_pdf(content))[0]
    return [(w.text, w.x0, w.top, w.x1, w.bottom) for w in page_words(page.get_textpage(), page.get_size()[1])]


@pytest.mark.parametrize("letters", [b"bc", b"bcxy"])
def test_a_word_split_off_by_a_step_back_has_its_own_height(letters: bytes) -> None:
    # 'A' large, then small letters on its baseline, then the text steps back left with no space between: two
    # words, the second as tall as its own small letters, not as the large 'A' of the word before
    words = _words(b"BT /F1 20 Tf 72 700 Td (A) Tj /F1 10 Tf [(" + letters + b") 2500 (de)] TJ ET")
    assert [w[0] for w in words] == ["A" + letters.decode(), "de"]
    first, second = words
    assert second[1] < first[3]  # set back over the first word
    assert second[4] - second[2] < 0.6 * (first[4] - first[2])
    small = _words(b"BT /F1 10 Tf 72 700 Td (de) Tj ET")[0]
    assert (second[2], second[4]) == pytest.approx((small[2], small[4]), abs=0.01)


def test_words_at_spaces_and_on_separate_lines() -> None:
    words = _words(b"BT /F1 10 Tf 72 700 Td (GWP total) Tj 0 -20 Td (2.5E+02) Tj ET")
    assert [w[0] for w in words] == ["GWP", "total", "2.5E+02"]
    assert words[0][4] < words[2][2]  # the third word on the line below
    assert words[0][3] < words[1][1]


def test_the_page_text_given_with_its_no_break_spaces_made_spaces_gives_the_same_words() -> None:
    # Helvetica's code 160 is a no-break space (WinAnsi): 'Declared\xa0unit' as the IBU templates print it
    content = b"BT /F1 10 Tf 72 700 Td (Declared\xa0unit 1\xa0m) Tj 0 -14 Td [(GWP) -2000 (2.5E+02)] TJ ET"
    page = pdfium.PdfDocument(_pdf(content))[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    assert "\xa0" in text
    asked = page_words(textpage, page.get_size()[1])
    given = page_words(textpage, page.get_size()[1], text.replace("\xa0", " "))
    assert [(w.text, w.x0, w.top, w.x1, w.bottom) for w in given] == \
        [(w.text, w.x0, w.top, w.x1, w.bottom) for w in asked]
    assert [w.text for w in given] == ["Declared", "unit", "1", "m", "GWP", "2.5E+02"]
