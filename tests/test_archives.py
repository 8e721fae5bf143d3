"""Zip uploads: hostile archives are refused from their central directory, before anything is extracted."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from buyclean.core.archives import UploadedFile, ZipLimits, expand, is_zip, unzip
from buyclean.errors import InputTooLarge, UnsafeArchive

LIMITS = ZipLimits(members=10, uncompressed_bytes=1_000_000, ratio=100.0, member_bytes=500_000)
EPD = b'{"name": "a mix"}'


def make_zip(*members: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


def test_a_plain_zip_yields_its_files_and_skips_folders_and_file_manager_litter() -> None:
    data = make_zip(("suppliers/", b""), ("suppliers/a.json", EPD), ("b.json", b"{}"),
                    ("__MACOSX/suppliers/._a.json", b"junk"), ("suppliers/.DS_Store", b"junk"))
    assert is_zip(data)
    files = list(unzip("epds.zip", data, LIMITS))
    assert [(f.filename, f.data) for f in files] == [("suppliers/a.json", EPD), ("b.json", b"{}")]


def test_expand_keeps_plain_files_and_unpacks_zips() -> None:
    uploads = [UploadedFile("one.json", EPD), UploadedFile("more.zip", make_zip(("two.json", b"{}")))]
    assert [f.filename for f in expand(uploads, LIMITS)] == ["one.json", "two.json"]


@pytest.mark.parametrize("name", ["../evil.json", "epds/../../evil.json", "/etc/passwd", "\\\\server\\share\\x.json",
                                  "C:\\Windows\\evil.json", "c:evil.json", "..\\evil.json", "a\\..\\..\\evil.json"])
def test_a_path_outside_the_archive_is_refused(name: str) -> None:
    data = make_zip(("fine.json", EPD), (zipfile.ZipInfo(name), EPD))
    with pytest.raises(UnsafeArchive, match="outside the archive") as caught:
        list(unzip("hostile.zip", data, LIMITS))
    assert caught.value.where == name


def test_a_symbolic_link_is_refused() -> None:
    link = zipfile.ZipInfo("link.json")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with pytest.raises(UnsafeArchive, match="symbolic link"):
        list(unzip("links.zip", make_zip((link, b"/etc/passwd")), LIMITS))


def test_an_encrypted_member_is_refused() -> None:
    data = bytearray(make_zip(("secret.json", EPD)))
    # set the "encrypted" bit of the general purpose flags, in the local header and the central directory entry
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1
    with pytest.raises(UnsafeArchive, match="encrypted"):
        list(unzip("secret.zip", bytes(data), LIMITS))


def test_a_member_that_expands_too_far_is_a_bomb() -> None:
    bomb = make_zip(("zeros.json", b"0" * 400_000))
    with pytest.raises(InputTooLarge, match="zip bomb"):
        list(unzip("bomb.zip", bomb, LIMITS))


def test_small_members_may_compress_well() -> None:
    # under the ratio floor: 20 KB of zeros is no danger however well it compresses
    assert len(list(unzip("small.zip", make_zip(("zeros.json", b"0" * 20_000)), LIMITS))) == 1


def test_too_many_members_are_refused_before_any_is_read() -> None:
    data = make_zip(*[(f"f{n}.json", EPD) for n in range(11)])
    with pytest.raises(InputTooLarge, match="11 entries, over the limit of 10"):
        list(unzip("many.zip", data, LIMITS))


def test_the_total_uncompressed_size_is_limited() -> None:
    limits = ZipLimits(members=10, uncompressed_bytes=150_000, ratio=1e9, member_bytes=500_000)
    data = make_zip(*[(f"f{n}.json", bytes(range(256)) * 300) for n in range(3)])
    with pytest.raises(InputTooLarge, match="expands to more than 150,000 bytes"):
        list(unzip("big.zip", data, limits))


def test_one_member_over_the_file_limit_is_refused() -> None:
    limits = ZipLimits(members=10, uncompressed_bytes=10_000_000, ratio=1e9, member_bytes=1_000)
    with pytest.raises(InputTooLarge, match="over the 1,000-byte limit"):
        list(unzip("big.zip", make_zip(("big.json", b"x" * 2_000)), limits))


def test_a_broken_zip_says_so() -> None:
    data = make_zip(("a.json", EPD))
    with pytest.raises(UnsafeArchive, match="cannot be opened"):
        list(unzip("broken.zip", data[: len(data) // 2], LIMITS))


def test_a_member_whose_bytes_do_not_match_its_checksum_is_not_extracted() -> None:
    data = bytearray(make_zip(("a.json", EPD * 20)))
    data[40] ^= 0xFF  # inside the compressed data of the only member
    with pytest.raises(UnsafeArchive, match="cannot be extracted"):
        list(unzip("corrupt.zip", bytes(data), LIMITS))


# --- a member that expands past what the directory declares (issue 16 finding 5) -----------------------------
# The 2 GiB one goes through every upload path in a bounded process: tests/test_hostile_files.py.


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2])
def test_a_member_that_expands_past_its_declared_size_is_refused_at_that_size(method: int) -> None:
    import bz2
    import zlib

    from tests.test_hostile_files import lying_zip

    zeros = bytes(10 * 1024 * 1024)
    raw = zlib.compress(zeros, 9)[2:-4] if method == zipfile.ZIP_DEFLATED else bz2.compress(zeros)
    with pytest.raises(InputTooLarge, match="expands past the 1,000 bytes its directory declares") as caught:
        list(unzip("bomb.zip", lying_zip(b"epd.json", raw, 1000, method), LIMITS))
    assert caught.value.where == "epd.json"


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2])
def test_every_usual_method_is_read_and_checked(method: int) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as zf:
        zf.writestr("a.json", EPD * 1000)
    assert [f.data for f in unzip("ok.zip", out.getvalue(), LIMITS)] == [EPD * 1000]
    damaged = bytearray(out.getvalue())
    damaged[40] ^= 0xFF  # inside the member's data
    with pytest.raises((UnsafeArchive, InputTooLarge)):
        list(unzip("damaged.zip", bytes(damaged), LIMITS))


def test_a_method_that_is_not_unpacked_is_refused_plainly() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_LZMA) as zf:
        zf.writestr("a.json", EPD)
    with pytest.raises(UnsafeArchive, match=r"method 14.*usual Deflate"):
        list(unzip("lzma.zip", out.getvalue(), LIMITS))
