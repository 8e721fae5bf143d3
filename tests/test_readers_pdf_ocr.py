"""OCR of scans and of results printed as pictures (readers/pdf/ocr.py), and the cross-checks that alone let a
value read by OCR be trusted (readers/pdf/crosscheck.py).

The pure parts (cleaning OCR words, TSV to words, labels at the foot of a cell, the arithmetic of the checks) run
everywhere; the few tests that run Tesseract read one page each and skip when it is not installed.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from buyclean.config import load_settings, read_limits
from buyclean.core.model import Evidence, Extracted, Gwp
from buyclean.core.readers.pdf import read_pdf, render_evidence
from buyclean.core.readers.pdf.crosscheck import checked, converts_to, cross_check, half_unit, sums_to
from buyclean.core.readers.pdf.layout import Line, Page, Word, group_lines
from buyclean.core.readers.pdf.ocr import clean_word, label_lines, languages, words_from_tsv
from buyclean.core.readers.pdf.readings import Reading
from buyclean.core.readers.pdf.tables import Cell, Column, Row, Table
from buyclean.core.readers.pdf.values import ValueCell
from buyclean.errors import UnreadableEpd
from tests import pdfgen
from tests.conftest import logged_in, make_account, service

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"
needs_tesseract = pytest.mark.skipif(languages() is None, reason="Tesseract with English data is not installed")


@pytest.mark.parametrize(("read", "meant"), [
    ("1,52E400", "1,52E+00"), ("3,01EH00", "3,01E+00"), ("5,05€-05", "5,05E-05"), ("|-2,05E400", "-2,05E+00"),
    ("O.O0E+00", "0.00E+00"), ("135E-01", "1.35E-01"), ("S.83E-03", "5.83E-03"), ("AT-A3", "A1-A3"),
    ("Al-A3", "A1-A3"), ("34,37", "34,37"), ("13.02.", "13.02"), ("4.05E-08:", "4.05E-08"), ("15.", "15."),
    ("2022.", "2022."), ("Al", "A1"), ("GWP-total", "GWP-total"), ("T.62E-01", "T.62E-01"), ("2024", "2024"),
])
def test_clean_word(read: str, meant: str) -> None:
    assert clean_word(read) == meant


_TSV = "\n".join([
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "4\t1\t1\t1\t1\t0\t100\t200\t600\t40\t-1\t",
    "5\t1\t1\t1\t1\t1\t100\t205\t200\t30\t91.5\tGWP-total",
    "5\t1\t1\t1\t1\t2\t500\t200\t200\t40\t88\t6,24E400",
    "5\t1\t1\t1\t1\t3\t720\t200\t5\t40\t95\t|",
    "5\t1\t1\t1\t1\t4\t740\t200\t50\t40\t-1\t ",
])


def test_words_from_tsv_in_pdf_points() -> None:
    # a picture at (50, 100) on its page, rendered at 300 dpi
    words = words_from_tsv(_TSV, (50.0, 100.0, 550.0, 400.0), 300 / 72)
    assert [w.text for w in words] == ["GWP-total", "6,24E+00"]  # the table's rule and the empty word dropped
    label, value = words
    assert label.ocr and label.confidence == pytest.approx(91.5)
    assert label.x0 == pytest.approx(50 + 100 * 72 / 300) and value.x1 == pytest.approx(50 + 700 * 72 / 300)
    # one line's words share its top and bottom, so they stay on one line
    assert (label.top, label.bottom) == (value.top, value.bottom)
    assert label.top == pytest.approx(100 + 200 * 72 / 300)
    assert len(group_lines(words)) == 1


def _line(y: float, *cells: tuple[float, str]) -> list[Word]:
    return [Word(t, x, y, x + 30, y + 8, ocr=True, confidence=90.0) for x, t in cells]


def test_label_at_the_foot_of_a_tall_cell_joins_its_values() -> None:
    # ZAG's scans: the values at the top of each row's cell, the label at its foot, as near the next row's values
    words = [*_line(100, (200, "34,37"), (260, "0,03"), (320, "5,89")), *_line(109.6, (80, "GWP-total")),
             *_line(119.5, (200, "39,12"), (260, "0,03"), (320, "0,51")), *_line(129, (80, "GWP-fossil"))]
    lines = group_lines(label_lines(words))
    assert [ln.text for ln in lines] == ["GWP-total 34,37 0,03 5,89", "GWP-fossil 39,12 0,03 0,51"]


def test_label_above_its_values_stays_with_them() -> None:
    # labels printed a little above their values: each label's values are below it, not above
    words = [*_line(100, (80, "GWP-total")), *_line(104, (200, "34,37"), (260, "0,03"), (320, "5,89")),
             *_line(113, (80, "GWP-fossil")), *_line(117, (200, "39,12"), (260, "0,03"), (320, "0,51"))]
    assert label_lines(words) == words


@pytest.mark.parametrize(("text", "half"), [
    ("6,24E+01", 0.05), ("34,37", 0.005), ("183", 0.5), ("-3.71E+00", 0.005), ("1,234", 0.5), ("0,123", 0.0005),
    ("4.86E-02", 0.00005),
])
def test_half_unit(text: str, half: float) -> None:
    assert half_unit(text) == pytest.approx(half)


def test_sums_within_rounding() -> None:
    # ZAG_16: GWP-total 6,24E+01 = fossil 6,60E+01 + biogenic -3,71E+00 + luluc 4,86E-02 (62.34, within rounding)
    assert sums_to((62.4, "6,24E+01"), [(66.0, "6,60E+01"), (-3.71, "-3,71E+00"), (0.0486, "4,86E-02")])
    # environdec 8952 prints a GWP-total that its parts do not make (5.28 against 5.94)
    assert not sums_to((5.28, "5.28E+00"), [(5.87, "5.87E+00"), (0.0531, "5.31E-02"), (0.0158, "1.58E-02")])
    # an OCR slip of one digit ('8' for '3') is caught
    assert not sums_to((39.37, "39,37"), [(39.12, "39,12"), (-4.76, "-4,76"), (0.02, "0,02")])


def test_unit_factor_within_rounding() -> None:
    assert converts_to((251.4, "251.4"), (192.2, "192.2"), 0.764555)
    assert not converts_to((251.4, "251.4"), (197.2, "197.2"), 0.764555)


def _value(text: str, value: float, words: list[Word], **kw: object) -> tuple[ValueCell, Cell]:
    cell = Cell(text, "number", value, words)
    return ValueCell(value, "total", frozenset({"A1-A3"}), kw.pop("unit", None), None, None, 1, (cell,),  # type: ignore[arg-type]
                     f"GWP-total {text}"), cell


def _gwp_table(total: str, parts: list[str]) -> tuple[Reading, Table]:
    words = _line(100, (200, total))
    v, cell = _value(total, float(total.replace(",", ".")), words)
    rows = [Row({1: cell}, 100, 108, label=["GWP-total"])]
    for name, text in zip(("GWP-fossil", "GWP-biogenic", "GWP-luluc"), parts, strict=True):
        rows.append(Row({1: Cell(text, "number", float(text.replace(",", ".")), _line(110, (200, text)))}, 110, 118,
                        label=[name]))
    table = Table(1, [Column(0, 100, "Indicator", stub=True), Column(190, 240, "A1-A3")], rows, [], "", 90, 150)
    return Reading(None, v.value, None, "total", False, None, v), table


def test_checked_keeps_a_cross_checked_ocr_value_and_sends_the_rest_to_review() -> None:
    reading, table = _gwp_table("34,37", ["39,12", "-4,76", "0,02"])
    gwp = Extracted(Gwp(34.37, "m3", "GWP-total", "A1-A3"), Evidence(page=1, note=None))
    assert cross_check(reading, [table]) is not None
    good = checked(gwp, reading, [table])
    assert good.known
    assert good.evidence.note is not None and "read by OCR (confidence 90%)" in good.evidence.note
    assert "fossil" in good.evidence.note
    reading, table = _gwp_table("34,37", ["39,12", "-4,76", "0,52"])  # parts that do not add up
    bad = checked(gwp, reading, [table])
    assert bad.needs_review and "read by OCR" in (bad.review or "")
    # the value read is the one candidate, so the review form shows its crop beside it
    assert [c.value for c in bad.candidates] == [gwp.value] and bad.candidates[0].evidence.page == 1


def test_text_layer_values_are_left_alone() -> None:
    reading, table = _gwp_table("34,37", ["1", "2", "3"])
    for cell in reading.source.cells:
        cell.words = [Word(w.text, w.x0, w.top, w.x1, w.bottom) for w in cell.words]
    gwp = Extracted(Gwp(34.37, "m3", "GWP-total", "A1-A3"), Evidence(page=1))
    assert checked(gwp, reading, [table]) == gwp


def test_anonymous_self_checks_do_not_ocr() -> None:
    settings = load_settings({"BUYCLEAN_OCR_BUDGET_S": "45"})
    assert read_limits(settings).ocr_budget_s == 45
    assert read_limits(settings, anonymous=True).ocr_budget_s == 0


def test_scan_without_ocr_says_so() -> None:
    with pytest.raises(UnreadableEpd, match="does not run OCR"):
        read_pdf(_scan(pdfgen.flat_glass().pdf(), dpi=72), ocr_budget_s=0)


@needs_tesseract
def test_ocr_budget_spent() -> None:
    with pytest.raises(UnreadableEpd, match=r"OCR stopped after 1e-06 s, so pages 1.* were not read"):
        read_pdf(_scan(pdfgen.flat_glass().pdf(), dpi=72), ocr_budget_s=1e-6)


def _scan(data: bytes, dpi: int = 200, seed: int = 20) -> bytes:
    """The PDF printed and scanned: pages as greyscale images at ``dpi``, turned a little, with specks and blur."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    doc = pdfium.PdfDocument(data)
    images = []
    for page in doc:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(rng.uniform(-0.6, 0.6), fillcolor=255, resample=Image.Resampling.BILINEAR)
        pixels = image.load()
        assert pixels is not None
        for _ in range(image.width * image.height // 200):
            pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 90, 200, 255))
        images.append(image.filter(ImageFilter.GaussianBlur(0.5)))
    doc.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


@needs_tesseract
def test_generated_scan_reads_back_within_the_cross_checks() -> None:
    spec = pdfgen.ready_mix()
    scan = _scan(spec.pdf())
    epd = read_pdf(scan, ocr_budget_s=120)
    assert epd.notes and "read by OCR" in epd.notes[0]
    # dates read by OCR are checked by nothing in the document: in review, never trusted
    assert epd.issued.value is not None and epd.issued.needs_review and "read by OCR" in (epd.issued.review or "")
    assert epd.valid_until.value is None or epd.valid_until.needs_review
    expected = {w["name"]: w["gwp"] for w in spec.expected}
    confirmed = 0
    for product in epd.products:
        gwp = product.gwp_a1a3
        name = next((n for n in expected if product.name.value and n in product.name.value), None)
        if gwp.value is None:
            assert gwp.needs_review
            continue
        assert gwp.evidence.note is not None and "read by OCR" in gwp.evidence.note
        if gwp.known:  # trusted only when cross-checked, and then right
            assert "cross-checked" in gwp.evidence.note
            assert name is not None
            want = expected[name] if gwp.value.per_unit == "m3" else expected[name] * pdfgen.YD3_IN_M3
            assert gwp.value.value == pytest.approx(want, abs=0.051)
            confirmed += 1
        else:
            assert "read by OCR" in (gwp.review or "") or gwp.candidates
    assert confirmed >= 2
    # the crop beside the form: the picture of the page where OCR read the value
    evidence = epd.products[0].gwp_a1a3.evidence
    assert evidence.page is not None and evidence.bbox is not None
    assert render_evidence(scan, evidence.page, evidence.bbox).startswith(b"\x89PNG")


@needs_tesseract
def test_check_text_first_leaves_ocr_for_later() -> None:
    from buyclean.core.pipeline import check_bytes, check_text_first
    from buyclean.core.readers import ReadLimits
    from buyclean.core.report import assessment_json

    limits = ReadLimits(ocr_budget_s=120)
    # a text PDF the text layer reads whole: the final check, as check_bytes gives it
    text = pdfgen.flat_glass().pdf()
    first = check_text_first(text, "glass.pdf", [], limits=limits)
    assert first.ocr_pages == ()
    assert assessment_json(first.assessment) == assessment_json(check_bytes(text, "glass.pdf", [], limits=limits))
    # a scan: nothing read yet, and the page OCR is to read named
    scan = _scan(pdfgen.flat_glass().pdf(), dpi=72)
    first = check_text_first(scan, "scan.pdf", [], limits=limits)
    assert first.ocr_pages == (1,) and first.assessment.epd.products == ()
    assert first.assessment.epd.notes == ("no text layer: the pages (1) are being read by OCR",)
    # without an OCR budget (an anonymous self-check) the scan is refused, as check_bytes refuses it
    with pytest.raises(UnreadableEpd, match="does not run OCR"):
        check_text_first(scan, "scan.pdf", [], limits=ReadLimits())


def _pages(path: Path, numbers: list[int]) -> bytes:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(path)
    out = pdfium.PdfDocument.new()
    out.import_pages(source, [n - 1 for n in numbers])
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


@needs_tesseract
@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not present")
@pytest.mark.parametrize(("name", "page", "gwp"), [("ZAG_11.pdf", 7, 34.37), ("environdec_epd8559.pdf", 11, 3.92)])
def test_corpus_results_page_read_by_ocr(name: str, page: int, gwp: float) -> None:
    # ZAG_11 is a scan; environdec 8559 prints its results tables as pictures. Both print GWP-fossil, -biogenic and
    # -luluc, whose sum checks the GWP-total read.
    epd = read_pdf(_pages(CORPUS / name, [page]), ocr_budget_s=120)
    gwp_read = epd.products[0].gwp_a1a3
    assert gwp_read.value is not None and gwp_read.value.value == pytest.approx(gwp)
    assert gwp_read.evidence.page == 1 and gwp_read.evidence.bbox is not None
    note = gwp_read.evidence.note or ""
    assert "read by OCR (confidence" in note and "cross-checked: GWP-fossil, -biogenic and -luluc" in note


@needs_tesseract
@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not present")
def test_corpus_picture_table_under_a_tall_head_cell_goes_to_review() -> None:
    # environdec 8952 prints its results (page 11) as a picture whose head cell is three rows tall, its module codes
    # centred in it: the head stands 4 text heights above the first row. Its GWP-total A1-A3 is 5.28E+00 (read off
    # the page image); its parts add up to 5.94, so nothing in the document confirms it: in review, with its crop.
    data = (CORPUS / "environdec_epd8952.pdf").read_bytes()
    epd = read_pdf(data, ocr_budget_s=120)
    assert [p.name.value for p in epd.products] == ["DESSO Grezzo, DESSO Grezzo Bloom and DESSO Grezzo Vivid"]
    gwp = epd.products[0].gwp_a1a3
    assert gwp.value is not None and gwp.value.value == pytest.approx(5.28) and gwp.value.per_unit == "m2"
    assert gwp.value.indicator == "GWP-total" and gwp.value.modules == "A1-A3"
    assert gwp.needs_review and "read by OCR from a picture of page 11" in (gwp.review or "")
    assert "cross-checked" not in (gwp.evidence.note or "")
    assert [c.value for c in gwp.candidates] == [gwp.value]
    assert gwp.evidence.page == 11 and gwp.evidence.bbox is not None
    assert render_evidence(data, gwp.evidence.page, gwp.evidence.bbox).startswith(b"\x89PNG")


def test_module_head_centred_in_a_tall_cell_heads_its_table() -> None:
    # small type read by OCR: a head row of module codes (two misread: 'Ad' for A4, 'BS' for B5) centred in a head
    # cell, 4.3 text heights over the first row, under a heading in type five times its size
    heading = [Word("Potential", 70, 140, 140, 157), Word("impact", 145, 140, 190, 157)]
    head = [Word(t, x, 180, x + 12, 183.6, ocr=True, confidence=80.0)
            for t, x in [("Indicator", 72), ("A1-A3", 130), ("Ad", 160), ("B2", 190), ("BS", 220), ("D", 250)]]
    rows = []
    for n, (label, values) in enumerate([("GWP-total", ["5.28E+00", "1.35E-01", "1.64E-01", "0.00E+00", "-5.18E+00"]),
                                         ("GWP-fossil", ["5.87E+00", "1.35E-01", "1.62E-01", "0.00E+00", "-5.19E+00"]),
                                         ("AP", ["1.34E-06", "2.86E-09", "2.93E-09", "0.00E+00", "-2.48E-08"])]):
        top = 200.9 + 6 * n
        rows += [Word(label, 72, top, 100, top + 4, ocr=True, confidence=80.0)]
        rows += [Word(v, 128 + 30 * k, top, 144 + 30 * k, top + 4, ocr=True, confidence=80.0)
                 for k, v in enumerate(values)]
    page = Page(1, 595, 842, "", None, ocr_words=[*heading, *head, *rows])
    from buyclean.core.readers.pdf.tables import build_tables

    [table] = build_tables(page)
    assert [c.head for c in table.columns] == ["Indicator", "A1-A3", "Ad", "B2", "BS", "D"]
    assert table.caption == ["Potential impact"]
    # without the codes over the columns (a line of prose as far above), the head is not taken
    prose = [Word(t, x, 180, x + 12, 183.6) for t, x in [("Results", 72), ("are", 130), ("shown", 160)]]
    [table] = build_tables(Page(1, 595, 842, "", None, ocr_words=[*heading, *prose, *rows]))
    assert all(c.head == "" for c in table.columns)


def test_page_lines_take_ocr_words() -> None:
    page = Page(1, 595, 842, "GWP-total 1", None, ocr_words=_line(100, (80, "GWP-total"), (200, "1,00")))
    assert [ln.text for ln in page.lines()] == ["GWP-total 1,00"]
    assert isinstance(page.lines()[0], Line)


@pytest.fixture
def ocr_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    with service(database_url, tmp_path) as application:
        yield application


@needs_tesseract
def test_stored_uploads_ocr_and_anonymous_self_checks_do_not(ocr_app: Flask) -> None:
    scan = _scan(pdfgen.flat_glass().pdf())
    anonymous = ocr_app.test_client()
    response = anonymous.post("/api/v1/assessments?filename=scan.pdf", data=scan, content_type="application/pdf")
    assert response.status_code == 422, response.get_json()
    assert "does not run OCR" in response.get_json()["message"]
    user_id, token = make_account(ocr_app, role="officer", organisation="Test Agency")
    officer = logged_in(ocr_app, user_id, token)
    response = officer.post("/api/v1/assessments?filename=scan.pdf", data=scan, content_type="application/pdf")
    # stored at once, its page read by OCR in a job (tests/test_jobs_ocr.py follows the reading)
    assert response.status_code == 202, response.get_json()
    ocr_app.extensions["buyclean.jobs"].drain()
    assert officer.get(response.get_json()["href"]).get_json()["status"] == "done"
    assert "read by OCR" in json.dumps(officer.get(response.headers["Location"]).get_json())


@needs_tesseract
def test_ocr_under_a_held_pdfium_lock_does_not_deadlock() -> None:
    # the workers render under the lock: a caller already holding it has the pages read in its own thread
    from buyclean.core.readers.pdf import _no_text
    from buyclean.core.readers.pdf.lock import PDFIUM
    from buyclean.core.readers.pdf.ocr import read_pictures

    scan = _scan(pdfgen.flat_glass().pdf(), dpi=100)
    with PDFIUM:
        seen = read_pictures(scan, budget_s=60, max_pages=10, no_text=_no_text)
    assert seen.scanned == [1] and seen.unread == []
    assert any(w.text.lower().startswith("glass") for w in seen.words[1])


@needs_tesseract
def test_a_huge_blank_page_is_read_at_a_resolution_that_fits() -> None:
    import pypdfium2 as pdfium

    from buyclean.core.readers.pdf.ocr import MAX_PIXELS, Region, _render

    doc = pdfium.PdfDocument.new()
    doc.new_page(14_400, 14_400)  # the largest page PDF allows: 3.6 billion pixels at 300 dpi
    picture = _render(doc, Region(1, None))
    assert len(picture.pgm) <= MAX_PIXELS * 1.002 + 64  # pdfium rounds each side up to whole pixels
    buffer = io.BytesIO()
    doc.save(buffer)
    with pytest.raises(UnreadableEpd, match="No text could be read"):
        read_pdf(buffer.getvalue(), ocr_budget_s=60)


def _modules_table(total: str, modules: list[str], page: int = 1) -> tuple[Reading, Table]:
    v, cell = _value(total, float(total), _line(100, (300, total)))
    cells = {k + 1: Cell(t, "number", float(t), _line(100, (100 + 50 * k, t))) for k, t in enumerate(modules)}
    row = Row({**cells, 4: cell}, 100, 108, label=["GWP-total"])
    columns = [Column(0, 90, "Indicator", stub=True), Column(95, 140, "A1"), Column(145, 190, "A2"),
               Column(195, 240, "A3"), Column(290, 340, "A1-A3")]
    return Reading(None, v.value, None, "total", False, None, v), Table(page, columns, [row], [], "", 90, 150)


def test_cross_check_by_modules_and_by_a_repeat() -> None:
    reading, table = _modules_table("289.7", ["251.0", "12.4", "26.3"])
    assert cross_check(reading, [table]) == "A1 + A2 + A3 printed beside it add up to it"
    reading, table = _modules_table("289.7", ["251.0", "12.4", "29.3"])
    assert cross_check(reading, [table]) is None
    # the same A1-A3 printed in another table (a second scenario's) is a second reading of it
    _, again = _modules_table("289.7", ["0", "0", "1"], page=3)
    assert cross_check(reading, [table, again]) == "the same value is printed again on page 3"
    _, other = _modules_table("298.7", ["0", "0", "1"], page=3)
    assert cross_check(reading, [table, other]) is None


def test_a_column_ocr_read_no_a1_a3_over_is_confirmed_by_nothing() -> None:
    # 'Al' misread over the first module column: a value taken from there may be A1 alone, whatever agrees with it
    reading, table = _gwp_table("34,37", ["39,12", "-4,76", "0,02"])
    table.columns[1].head = "Al"
    assert cross_check(reading, [table]) is None
    table.caption = ["Results per m3, modules A1-A3"]
    assert cross_check(reading, [table]) is not None
