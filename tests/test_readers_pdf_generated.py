"""The PDF reader on generated North American EPDs, and on bad input."""

from __future__ import annotations

import pytest

from buyclean.core.readers import read_epd
from buyclean.core.readers.pdf import read_pdf, render_evidence
from buyclean.errors import InputTooLarge, UnreadableEpd
from tests import pdfgen


@pytest.fixture(scope="module", params=pdfgen.ALL, ids=lambda f: f.__name__)
def generated(request: pytest.FixtureRequest) -> tuple[pdfgen.GeneratedEpd, bytes]:
    epd = request.param()
    return epd, epd.pdf()


def test_gwp_of_every_product(generated: tuple[pdfgen.GeneratedEpd, bytes]) -> None:
    spec, data = generated
    epd = read_epd(data)
    assert epd.format == "pdf"
    assert len(epd.products) == len(spec.expected)
    for product, want in zip(epd.products, spec.expected, strict=True):
        gwp = product.gwp_a1a3
        assert gwp.known, gwp.review
        assert gwp.value is not None
        assert gwp.value.value == pytest.approx(want["gwp"], rel=1e-3)
        assert gwp.value.per_unit == want["per"]
        assert gwp.value.modules == want.get("modules", "A1-A3")
        assert gwp.evidence.page is not None and gwp.evidence.bbox is not None and gwp.evidence.text
        if "psi" in want:
            assert product.compressive_strength.value is not None
            assert product.compressive_strength.value.psi == want["psi"]


def test_metadata(generated: tuple[pdfgen.GeneratedEpd, bytes]) -> None:
    _, data = generated
    epd = read_pdf(data)
    assert epd.issued.value is not None and epd.issued.value.isoformat() == "2024-03-15"
    assert epd.valid_until.value is not None and epd.valid_until.value.isoformat() == "2029-03-14"
    assert epd.registration_number.value
    assert epd.third_party_verified.value is True


def test_evidence_png(generated: tuple[pdfgen.GeneratedEpd, bytes]) -> None:
    _, data = generated
    ev = read_pdf(data).products[0].gwp_a1a3.evidence
    assert ev.page is not None
    png = render_evidence(data, ev.page, ev.bbox)
    assert png.startswith(b"\x89PNG")


def test_not_a_pdf() -> None:
    with pytest.raises(UnreadableEpd, match=r"damaged|not a PDF"):
        read_pdf(b"%PDF-1.7\nthis is not really a pdf\n")


def test_truncated_pdf() -> None:
    data = pdfgen.steel().pdf()
    with pytest.raises(UnreadableEpd):
        read_pdf(data[: len(data) // 3])


def test_too_many_pages() -> None:
    data = pdfgen.many_pages(500)
    with pytest.raises(InputTooLarge, match="500 pages"):
        read_pdf(data, max_pages=100)


def test_encrypted_pdf() -> None:
    pikepdf = pytest.importorskip("pikepdf", reason="pikepdf is needed to write an encrypted PDF")
    import io

    pdf = pikepdf.open(io.BytesIO(pdfgen.steel().pdf()))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(UnreadableEpd, match="encrypted"):
        read_pdf(out.getvalue())


def test_pages_without_text() -> None:
    data = _image_only_pdf()
    with pytest.raises(UnreadableEpd, match="no text layer"):
        read_pdf(data)


def _image_only_pdf() -> bytes:
    from weasyprint import HTML

    svg = "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100'><rect width='200' height='100'/></svg>"
    return HTML(string=f"<html><body><img src='data:image/svg+xml;utf8,{svg}'></body></html>").write_pdf()  # type: ignore[no-any-return]
