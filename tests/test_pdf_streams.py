"""The decompression-bomb guard: every expanding PDF filter, alone and wrapped, measured without keeping the output."""

from __future__ import annotations

import binascii
import io
import random
import time
import zlib
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buyclean.core.readers.pdf.streams import decoded_bytes, refuse_bombs, stream_filters
from buyclean.errors import InputTooLarge
from tests.conftest import CORPUS, needs_corpus
from tests.test_hostile_files import (
    contents_array_pdf,
    lzw_encode,
    lzw_zero_bomb,
    pages_pdf,
    run_length_zeros,
    stream,
    zeros_deflated,
)

MB = 1024 * 1024


def qpdf_decoded(data: bytes, filters: str, params: str = "") -> bytes:
    """What qpdf (pikepdf) decodes a page's content stream with these filters to: a decoder not our own."""
    pdf = pikepdf.open(io.BytesIO(pages_pdf(1, stream(data, filters, params))))
    return bytes(pdf.pages[0].Contents.read_bytes(decode_level=pikepdf.StreamDecodeLevel.specialized))


# --- the decoders agree with qpdf's --------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=3000), st.text(alphabet="ab c", max_size=20000).map(str.encode)), st.booleans())
def test_lzw_decodes_what_qpdf_decodes(data: bytes, early_change: bool) -> None:
    encoded = lzw_encode(data, early_change)
    assert qpdf_decoded(encoded, "/LZWDecode", "" if early_change else "<< /EarlyChange 0 >>") == data
    assert decoded_bytes(encoded, ["LZWDecode"], 10 * MB, early_change=early_change) == len(data)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.binary(min_size=1, max_size=128).map(lambda b: bytes([len(b) - 1]) + b),
                          st.tuples(st.integers(129, 255), st.integers(0, 255)).map(bytes)), max_size=60))
def test_run_length_decodes_what_qpdf_decodes(runs: list[bytes]) -> None:
    encoded = b"".join(runs) + b"\x80"
    assert decoded_bytes(encoded, ["RunLengthDecode"], 10 * MB) == len(qpdf_decoded(encoded, "/RunLengthDecode"))


@pytest.mark.parametrize("early_change", [True, False])
def test_the_lzw_bomb_is_what_it_claims(early_change: bool) -> None:
    bomb = lzw_zero_bomb(2, early_change)
    assert len(bomb) < 12_000
    params = "" if early_change else "<< /EarlyChange 0 >>"
    assert qpdf_decoded(bomb, "/LZWDecode", params) == bytes(2 * sum(range(1, 3839)))  # per cycle: 1, 2, ... 3,838


# --- what is refused, and what is not --------------------------------------------------------------------------

BOMBS = {
    "Flate": lambda: stream(zeros_deflated(300)),
    "Flate on Flate": lambda: stream(zlib.compress(zeros_deflated(300), 9), "/FlateDecode /FlateDecode"),
    "LZW": lambda: stream(lzw_zero_bomb(40), "/LZWDecode"),  # 296 MB from 240 KB
    "LZW, abbreviated": lambda: stream(lzw_zero_bomb(40), "/LZW"),
    # decoded with the default early change, these codes would be misread and the bomb pass unmeasured
    "LZW, EarlyChange 0": lambda: stream(lzw_zero_bomb(40, early_change=False), "/LZWDecode", "<< /EarlyChange 0 >>"),
    "run-length": lambda: stream(run_length_zeros(300 * MB), "/RunLengthDecode"),
    "hex-wrapped Flate": lambda: stream(binascii.hexlify(zeros_deflated(300)), "/ASCIIHexDecode /FlateDecode"),
    "Flate-wrapped LZW": lambda: stream(zlib.compress(lzw_zero_bomb(40)), "/FlateDecode /LZWDecode"),
}


@pytest.mark.parametrize("kind", list(BOMBS))
def test_a_bomb_behind_any_expanding_filter_is_refused(kind: str) -> None:
    body = BOMBS[kind]()
    with pytest.raises(InputTooLarge, match="decodes to more than 256 MB; it looks like a decompression bomb"):
        refuse_bombs(pages_pdf(1, body))


def test_streams_that_stay_under_the_limit_pass() -> None:
    text = b"BT /F1 12 Tf 72 720 Td (GWP A1-A3 301 kg CO2e) Tj ET\n" * 20_000  # 1 MB of page description
    for body in (stream(zlib.compress(text)), stream(lzw_encode(text), "/LZWDecode"),
                 stream(run_length_zeros(200 * MB), "/RunLengthDecode"), stream(zeros_deflated(200))):
        refuse_bombs(pages_pdf(1, body))


def test_the_streams_together_are_bounded_too() -> None:
    # long enough to be measured (a shorter one cannot pass the per-stream limit, and is left to pdfium)
    pdf = pages_pdf(1, stream(zeros_deflated(250)))
    with pytest.raises(InputTooLarge, match="The streams of the PDF decode to more than 300 MB"):
        refuse_bombs(pdf + pdf.replace(b"%PDF", b"%XXX"), total_limit=300 * MB)


@pytest.mark.parametrize(("head", "filters"), [
    (b"<< /Length 9 /Filter /FlateDecode >>", ["FlateDecode"]),
    (b"<</Filter[/AHx/Fl]/Length 9>>", ["ASCIIHexDecode", "FlateDecode"]),
    (b"<< /Filter [ /LZW /RL ] /DecodeParms [null null] >>", ["LZWDecode", "RunLengthDecode"]),
    (b"<< /Filter /DCTDecode /Width 10 >>", ["DCTDecode"]),
    (b"<< /Length 9 >>", []),
])
def test_filters_are_read_from_the_stream_dictionary(head: bytes, filters: list[str]) -> None:
    assert stream_filters(head, b"xx") == filters


def test_an_indirect_filter_counts_as_flate_when_the_data_look_like_zlib() -> None:
    assert stream_filters(b"<< /Filter 12 0 R >>", zlib.compress(b"x")[:2]) == ["FlateDecode"]
    assert stream_filters(b"<< /Filter 12 0 R >>", b"\xff\xd8") == []


def test_streams_that_take_longer_than_the_time_budget_to_check_are_refused() -> None:
    slow = lzw_encode(random.Random(5).randbytes(150_000))  # decodes 1:1: long enough to be measured, never a bomb
    pdf = pages_pdf(1, stream(slow, "/LZWDecode"))
    refuse_bombs(pdf)
    with pytest.raises(InputTooLarge, match="Checking the PDF's compressed streams took longer than 20 s"):
        refuse_bombs(pdf, deadline=time.perf_counter() - 1, budget_s=20)


@pytest.mark.parametrize(("count", "refs"), [(3, [0, 1, 2]), (1, [0, 0, 0, 0])])
def test_streams_that_pdfium_joins_are_bounded_together(count: int, refs: list[int]) -> None:
    # each stream stays under the limit alone; a page's contents are joined into one buffer, 20 such streams crashed
    # PDFium (SIGABRT under 2 GB); one stream named four times is read four times
    pdf = contents_array_pdf([stream(zeros_deflated(20))] * count, refs)
    with pytest.raises(InputTooLarge, match=r"The streams of one array .* decode together to more than 32 MB"):
        refuse_bombs(pdf, limit=32 * MB)
    refuse_bombs(pdf, limit=128 * MB)


def test_a_page_array_between_streams_is_found_and_array_bytes_inside_a_stream_are_not_read() -> None:
    from tests.test_hostile_files import raw_pdf

    # the streams first (objects 4 to 6), then the page naming them (7): its array lies after the streams' data;
    # the first stream's data spell out an array of references, which is drawing data, not an object
    fake = stream(b"[5 0 R 5 0 R 5 0 R 5 0 R 6 0 R 6 0 R]", "")  # (six times 20 MB, if it were read)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [7 0 R] /Count 1 >>", b"<< >>", fake,
               stream(zeros_deflated(20)), stream(zeros_deflated(20)),
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 3 0 R /Contents [5 0 R 6 0 R] >>"]
    pdf = raw_pdf(objects)
    with pytest.raises(InputTooLarge, match=r"The streams of one array .* decode together to more than 32 MB"):
        refuse_bombs(pdf, limit=32 * MB)
    refuse_bombs(pdf, limit=64 * MB)


def test_a_page_array_inside_an_object_stream_is_found(tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(contents_array_pdf([stream(zeros_deflated(20))] * 3, [0, 1, 2]))) as pdf:
        pdf.save(tmp_path / "packed.pdf", object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
    packed = (tmp_path / "packed.pdf").read_bytes()
    assert b"/Contents [" not in packed and b"/ObjStm" in packed  # the page dictionary is compressed
    with pytest.raises(InputTooLarge, match="decode together to more than 32 MB"):
        refuse_bombs(packed, limit=32 * MB)


# --- drawing instructions counted once per page that draws them (issue 16 finding 7) ---------------------------

def test_a_content_stream_shared_by_many_pages_counts_once_per_page(tmp_path: Path) -> None:
    from buyclean.core.readers.pdf.streams import content_bytes
    from tests.test_hostile_files import heavy_pages_pdf

    one_page = content_bytes(heavy_pages_pdf(1), 10**12)
    assert one_page == len(b"0 0 1 1 re f\n") * 120_000
    assert content_bytes(heavy_pages_pdf(10), 10**12) == 10 * one_page
    # the same with the page dictionaries compressed in an object stream (PDF 1.5)
    with pikepdf.open(io.BytesIO(heavy_pages_pdf(10))) as pdf:
        pdf.save(tmp_path / "packed.pdf", object_stream_mode=pikepdf.ObjectStreamMode.generate)
    packed = (tmp_path / "packed.pdf").read_bytes()
    assert b"/ObjStm" in packed and content_bytes(packed, 10**12) == 10 * one_page
    assert content_bytes(heavy_pages_pdf(200), 5 * MB) > 5 * MB  # past the limit (where counting stops)


def test_streams_too_short_to_matter_are_not_decoded_to_say_the_pages_are_within_the_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from buyclean.core.readers.pdf import streams as module
    from tests.test_hostile_files import heavy_pages_pdf

    decoded: list[int] = []
    measured = module.decoded_bytes

    def counted(data: bytes, *args: object, **kwargs: object) -> int:
        decoded.append(len(data))
        return measured(data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "decoded_bytes", counted)
    pdf = heavy_pages_pdf(5)
    exact = module.content_bytes(pdf, 10**12)
    assert decoded and exact == 5 * len(b"0 0 1 1 re f\n") * 120_000
    decoded.clear()
    # the one content stream (a few KB) could not decode past 160 MB even five times over: not decoded
    worst = module.content_bytes(pdf, 160 * MB, exact=False)
    assert not decoded and exact <= worst <= 160 * MB
    # past what its worst case allows, it is measured, and counted exactly
    assert module.content_bytes(pdf, exact - 1, exact=False) > exact - 1 and decoded
    assert module.content_bytes(pdf, exact, exact=False) == exact


def test_pages_that_could_not_be_parsed_in_the_reading_time_are_refused_before_any_is_loaded() -> None:
    from tests.test_hostile_files import heavy_pages_pdf

    pdf = heavy_pages_pdf(200)  # 300 MB to parse: 25 s
    assert len(pdf) < 64 * 1024
    started = time.perf_counter()
    with pytest.raises(InputTooLarge, match=r"longer than 20 s: they hold more than 160 MB of drawing instructions"):
        refuse_bombs(pdf, budget_s=20)
    assert time.perf_counter() - started < 2
    refuse_bombs(heavy_pages_pdf(5), budget_s=20)  # 7.5 MB
    with pytest.raises(InputTooLarge, match="more than 4 MB of drawing instructions"):
        refuse_bombs(heavy_pages_pdf(5), budget_s=0.5)


@needs_corpus
def test_every_corpus_epd_is_far_below_the_anonymous_limit() -> None:
    from buyclean.core.readers.pdf.streams import CONTENT_BYTES_PER_S, content_bytes

    anonymous_limit = CONTENT_BYTES_PER_S * 5
    heaviest = max(content_bytes(path.read_bytes(), 10**12) for path in CORPUS.glob("pdf*/**/*.pdf"))
    assert heaviest < anonymous_limit / 3, heaviest


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 99), st.sampled_from(["", " ", "\n", "\r\n\t "]),
                          st.sampled_from([" ", "\n", "  "]), st.sampled_from([" ", "\t", "\r\n"])), min_size=2,
                max_size=12))
def test_the_numbers_of_an_array_of_references_are_read_as_its_pattern_reads_them(
        references: list[tuple[int, int, str, str, str]]) -> None:
    from buyclean.core.readers.pdf.streams import _REFERENCE, _REFERENCES, _referenced

    array = ("[" + "".join(f"{lead}{n}{gap}{g}{before_r}R" for n, g, lead, gap, before_r in references) + " ]").encode()
    found = _REFERENCES.fullmatch(array)
    assert found is not None
    assert _referenced(found.group(1)) == [int(n) for n in _REFERENCE.findall(found.group(1))] == \
        [n for n, *_ in references]
