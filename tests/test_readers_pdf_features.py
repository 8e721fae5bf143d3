"""The PDF reader's cross-checks, fallbacks and limits, on generated EPDs and hand-written page text."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from buyclean.core.readers import ReadLimits, read_epd
from buyclean.core.readers.pdf import metadata, products, read_pdf
from buyclean.core.readers.pdf.layout import Page
from buyclean.errors import InputTooLarge
from tests import pdfgen


@pytest.mark.parametrize(("make", "per", "other"), [
    (lambda: pdfgen.ready_mix(yd3_factor=0.70), "m3", "yd3"),
    (lambda: pdfgen.steel(short_ton_factor=1.0), "t", "short_ton"),
], ids=["ready_mix_per_yd3", "steel_per_short_ton"])
def test_unit_columns_that_disagree_need_review(make: Any, per: str, other: str) -> None:
    epd = read_pdf(make().pdf())
    assert epd.products
    for product in epd.products:
        gwp = product.gwp_a1a3
        assert gwp.needs_review and gwp.review is not None and "do not agree" in gwp.review
        assert gwp.value is not None and gwp.value.per_unit == per
        assert {c.value.per_unit for c in gwp.candidates} == {per, other}


def test_unit_columns_that_agree_are_confident() -> None:
    spec = pdfgen.ready_mix()
    for product, want in zip(read_pdf(spec.pdf()).products, spec.expected, strict=True):
        assert product.gwp_a1a3.known
        assert product.gwp_a1a3.value is not None and product.gwp_a1a3.value.per_unit == "m3"
        assert product.gwp_a1a3.value.value == pytest.approx(want["gwp"])


def _spy_on_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    import pdfplumber

    calls: list[list[int]] = []
    real_open = pdfplumber.open

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(list(kwargs.get("pages") or []))
        return real_open(*args, **kwargs)

    monkeypatch.setattr(pdfplumber, "open", spy)
    return calls


def test_pdfplumber_reads_only_the_pages_positions_could_not_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy_on_pdfplumber(monkeypatch)
    # make the position reader fail on the results table, as a table it cannot settle would
    monkeypatch.setattr(products, "read_row_tables", lambda page, carry=None: ([], None))
    epd = read_pdf(pdfgen.flat_glass().pdf())
    gwp = epd.products[0].gwp_a1a3
    assert calls == [[1]]
    assert gwp.known and gwp.value is not None and gwp.value.value == pytest.approx(1286.0)
    assert gwp.evidence.page == 1 and gwp.evidence.bbox is not None
    assert gwp.evidence.note is not None and "pdfplumber" in gwp.evidence.note


def test_pdfplumber_stays_off_the_common_path(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy_on_pdfplumber(monkeypatch)
    for make in pdfgen.ALL:
        read_pdf(make().pdf())
    assert calls == []


def test_read_epd_honours_the_page_limit() -> None:
    with pytest.raises(InputTooLarge, match="30 pages, over the limit of 10"):
        read_epd(pdfgen.many_pages(30), ReadLimits(max_pdf_pages=10))


def test_time_budget_ends_in_a_clear_message() -> None:
    with pytest.raises(InputTooLarge, match="longer than 0 s"):
        read_epd(pdfgen.steel().pdf(), ReadLimits(pdf_time_budget_s=0.0))


def test_page_without_text_is_named_and_the_rest_is_read() -> None:
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.open(io.BytesIO(pdfgen.steel().pdf()))
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    epd = read_pdf(out.getvalue())
    assert any("no text layer on pages 2" in note for note in epd.notes)
    assert epd.products[0].gwp_a1a3.value is not None
    assert any("no text layer on pages 2" in note for note in epd.products[0].notes)


def _page(text: str) -> Page:
    return Page(1, 612.0, 792.0, text)


@pytest.mark.parametrize(("text", "want"), [
    ("Valid until: 2029-07-23", dt.date(2029, 7, 23)),
    ("Valid until 28/07/2029", dt.date(2029, 7, 28)),
    ("Valid to 05.02.2025", dt.date(2025, 2, 5)),
    ("Valid until: 30 August 2025", dt.date(2025, 8, 30)),
    ("Valid until 26th April 2028", dt.date(2028, 4, 26)),
    ("Expiration date: April 26, 2028", dt.date(2028, 4, 26)),
])
def test_dates_in_every_spelling(text: str, want: dt.date) -> None:
    got = metadata.find_date([_page(text)], metadata.VALID, until=True)
    assert got.known and got.value == want


def test_day_month_order_that_cannot_be_told_needs_review() -> None:
    got = metadata.find_date([_page("Valid until: 03/04/2029")], metadata.VALID, until=True)
    assert got.value is None and got.needs_review
    assert {c.value for c in got.candidates} == {dt.date(2029, 4, 3), dt.date(2029, 3, 4)}


def test_date_in_a_font_without_unicode_map_needs_review() -> None:
    got = metadata.find_date([_page("Gyldig til:\n\x14\x13\x11\x14\x13\x11\x15\x13\x15\x16\n")], metadata.VALID)
    assert got.value is None and got.review is not None and "Unicode map" in got.review


def test_operator_named_after_its_label_wins_over_one_mentioned_earlier() -> None:
    text = ("Registered in the International EPD System library.\nEPD Program\nOperator\nEPD\nAustralasia\n"
            "Limited\n")
    got = metadata.program_operator([_page(text)])
    assert got.value == "EPD Australasia Limited"


def test_registration_number_is_the_operators_own_not_a_cited_one() -> None:
    text = ("Declaration number EPD-KNA-20220094-CAB1-EN\nThe board replaces the product of S-P-01234 and "
            "S-P-01234 (see also S-P-01234).\n")
    assert metadata.registration_number([_page(text)], "Institut Bauen und Umwelt e.V. (IBU)").value == \
        "EPD-KNA-20220094-CAB1-EN"
    assert metadata.registration_number([_page(text)], "EPD International AB").value == "S-P-01234"


def test_results_printed_as_a_picture_are_named_not_guessed() -> None:
    import base64

    from PIL import Image
    from weasyprint import HTML

    png = io.BytesIO()
    Image.new("RGB", (600, 400), "white").save(png, format="PNG")
    src = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    cover = pdfgen.steel().html.split("<table><tr><th>Indicator")[0]
    html = (f"{cover}<p style='page-break-before: always'>Results of the life cycle assessment per "
            "metric ton, modules A1-A3, as reported by the LCA software:</p>"
            f"<img src='{src}' style='width: 170mm'></body></html>")
    epd = read_pdf(HTML(string=html).write_pdf())
    gwp = epd.products[0].gwp_a1a3
    assert gwp.value is None and gwp.review is not None
    assert "page 2 is largely pictures" in gwp.review


@pytest.mark.parametrize(("text", "want"), [
    ("Programme: The International EPD® System, www.environdec.com", "EPD International AB"),
    ("Program Operator NAPA Emerald Eco-Label", "National Asphalt Pavement Association"),
    ("Mix designs per ASTM C94 and ASTM C150.\nProgram operator: UL Solutions", "UL Environment"),
    ("Tested to ASTM C94.\nPublished by Underwriters Laboratories", "UL Environment"),
    ("Programmholder EPD-Norge, Postboks 5250", "The Norwegian EPD Foundation"),
])
def test_operator_aliases(text: str, want: str) -> None:
    assert metadata.program_operator([_page(text)]).value == want


def test_standards_are_not_taken_for_the_operator() -> None:
    assert metadata.program_operator([_page("Cement per ASTM C150; pipe per NSF/ANSI 61.")]).value is None


def test_threads_reading_and_rendering_at_once_do_not_crash_the_process() -> None:
    # PDFium is not thread-safe, not even across documents: request threads, evidence crops and the embedded job
    # pool all use it at once. Run in a subprocess, so that a crash (SIGSEGV) fails this test and not the suite.
    script = textwrap.dedent("""
        import threading
        from buyclean.core.readers.pdf.evidence import render_region
        from buyclean.core.readers import read_epd
        from buyclean.core.readers.pdf import render_evidence
        from tests import pdfgen

        files = [make().pdf() for make in pdfgen.ALL]
        errors = []

        def work(n):
            try:
                for i in range(25):
                    data = files[(n + i) % len(files)]
                    epd = read_epd(data)
                    assert epd.products
                    if i % 5 == 0:
                        render_evidence(data, 1, (50.0, 50.0, 300.0, 120.0))
                        render_region(data, 1, None)
            except BaseException as exc:
                errors.append(repr(exc))

        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print("errors", errors)
        raise SystemExit(1 if errors else 0)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[1],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
