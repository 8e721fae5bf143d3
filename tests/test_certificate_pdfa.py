"""The signed certificate is PDF/A-3b: each rule of ISO 19005-3 this project can check without veraPDF (which
cannot be installed here), one parametrized case per rule, run on the file as issued (rendered, then signed).

Rules checked (clause of ISO 19005-3:2012, then what is checked):
  6.1.2     header %PDF-1.7, then a comment line of at least four bytes above 127
  6.1.3     trailer /ID present, no /Encrypt, nothing but one EOL after the last %%EOF
  6.1.7     no stream with /F, /FFilter or /FDecodeParms; no LZWDecode or Crypt filter
  6.1.10    no /AlternatePresentations, PostScript XObjects, reference XObjects or /OPI
  6.1.12    /Perms holds only /DocMDP or /UR3
  6.2.3     one PDF/A output intent (/GTS_PDFA1) with an ICC profile stream
  6.2.8     no image with /Interpolate true
  6.2.11.4  every font used on the page is embedded (FontFile, FontFile2 or FontFile3)
  6.3.2     every annotation is printable (/F has Print, not Hidden, Invisible, NoView or ToggleNoView)
  6.6.1     no JavaScript, Launch or other forbidden actions, no /AA additional actions
  6.6.2.3   the Info dictionary and the XMP packet agree (Producer, Title, Author, Creator tool, dates, Keywords)
  6.6.4     the XMP packet identifies PDF/A-3, conformance B
  6.8       each embedded file: /F and /UF, /AFRelationship, a MIME /Subtype, /Params /ModDate, listed once in the
            catalog's /AF, and the /AF lists exactly the embedded files
  6.9       no XFA, /NeedAppearances not true
  PDF 1.7   (ISO 19005-3 is based on ISO 32000-1) catalog /Version absent or 1.7; no ISO/TS 32002 (PDF 2.0) extension
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from buyclean.core.certificates import (
    SigningError,
    load_or_create_signer,
    load_signer,
    render_certificate,
    sign_pdf,
    signer_certificate_pem,
    signing_paths,
    trusted_certificates,
    verify_certificate_pdf,
)
from buyclean.core.certificates.data import CertificateData
from buyclean.core.rules import RuleSet
from tests.conftest import native_epd
from tests.test_certificates import assess, make_data

Check = Callable[[pikepdf.Pdf, bytes], list[str]]


def _objects(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj


def _dict(obj: pikepdf.Object) -> Any:
    return obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj


def header(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    first, second = raw.split(b"\n", 2)[:2]
    problems = [] if first == b"%PDF-1.7" else [f"header is {first!r}"]
    if not (second.startswith(b"%") and sum(b > 127 for b in second) >= 4):
        problems.append(f"second line {second!r} is not a binary comment")
    return problems


def trailer(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    problems = [] if "/ID" in pdf.trailer else ["no /ID in the trailer"]
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        problems.append("encrypted")
    if not re.search(rb"%%EOF(\r\n|\r|\n)?$", raw):
        problems.append("data after the last %%EOF")
    return problems


def streams(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    problems = []
    for obj in _objects(pdf):
        if not isinstance(obj, pikepdf.Stream):
            continue
        d = obj.stream_dict
        problems += [f"{obj.objgen} has {key}" for key in ("/F", "/FFilter", "/FDecodeParms") if key in d]
        filters = d.get("/Filter")
        names = [] if filters is None else [str(f) for f in (filters if isinstance(filters, pikepdf.Array)
                                                              else [filters])]
        problems += [f"{obj.objgen} uses {name}" for name in names if name in ("/LZWDecode", "/Crypt")]
    return problems


def forbidden_objects(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    problems = []
    names = pdf.Root.get("/Names", {})
    if "/AlternatePresentations" in names:
        problems.append("/AlternatePresentations in the name dictionary")
    for obj in _objects(pdf):
        d = _dict(obj)
        if d.get("/Subtype") == "/PS" or (d.get("/Subtype") == "/Form" and "/Ref" in d) or "/OPI" in d:
            problems.append(f"{obj.objgen} is a PostScript, reference or OPI object")
    return problems


def permissions(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    perms = pdf.Root.get("/Perms", {})
    return [f"/Perms has {key}" for key in perms if key not in ("/DocMDP", "/UR3")]


def output_intent(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if len(intents) != 1:
        return [f"{len(intents)} PDF/A output intents"]
    profile = intents[0].get("/DestOutputProfile")
    return [] if isinstance(profile, pikepdf.Stream) and profile.stream_dict.get("/N") in (1, 3, 4) else \
        ["the output intent has no ICC profile stream"]


def images(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    return [f"{obj.objgen} interpolates" for obj in _objects(pdf) if _dict(obj).get("/Interpolate") is True]


def fonts(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    problems, seen = [], 0
    for page in pdf.pages:
        for name, font in page.Resources.get("/Font", {}).items():
            seen += 1
            leaf = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
            descriptor = leaf.get("/FontDescriptor", {})
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"font {name} ({leaf.get('/BaseFont')}) is not embedded")
    return problems if seen else ["no fonts found on the page"]


def annotations(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    problems = []
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            flags = int(annot.get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32 | 256):
                problems.append(f"annotation {annot.get('/T', annot.get('/Subtype'))} has flags {flags}")
    return problems


FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide",
                     "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}


def actions(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    problems = []
    for obj in _objects(pdf):
        d = _dict(obj)
        if "/AA" in d or "/JS" in d:
            problems.append(f"{obj.objgen} has /AA or /JS")
        if d.get("/S") in FORBIDDEN_ACTIONS:
            problems.append(f"{obj.objgen} is a {d.get('/S')} action")
    if "/JavaScript" in pdf.Root.get("/Names", {}):
        problems.append("a JavaScript name tree")
    return problems


def _xmp(pdf: pikepdf.Pdf) -> str:
    return bytes(pdf.Root.Metadata.read_bytes()).decode("utf-8")


def _xmp_value(xmp: str, name: str) -> str | None:
    attribute = re.search(rf'{name}="([^"]*)"', xmp)
    if attribute:
        return attribute.group(1)
    element = re.search(rf"<{name}>(?:\s*<rdf:(?:Alt|Seq|Bag)>\s*<rdf:li[^>]*>)?([^<]*)<", xmp)
    return element.group(1) if element else None


def _xmp_date(value: str) -> str:
    when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return when.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")


def _info_date(value: str) -> str:
    digits = re.match(r"D:(\d{14})(Z|[+-]\d\d'?\d\d'?)?", value)
    assert digits, value
    when = dt.datetime.strptime(digits.group(1), "%Y%m%d%H%M%S")
    zone = (digits.group(2) or "Z").replace("'", "")
    offset = dt.timedelta() if zone == "Z" else dt.timedelta(hours=int(zone[:3]), minutes=int(zone[0] + zone[3:5]))
    return (when - offset).strftime("%Y%m%d%H%M%S")


INFO_XMP = {"/Producer": "pdf:Producer", "/Title": "dc:title", "/Author": "dc:creator",
            "/Creator": "xmp:CreatorTool", "/Keywords": "pdf:Keywords", "/Subject": "dc:description",
            "/CreationDate": "xmp:CreateDate", "/ModDate": "xmp:ModifyDate"}


def info_matches_xmp(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    xmp, problems = _xmp(pdf), []
    for key, prop in INFO_XMP.items():
        if key not in pdf.docinfo:
            continue
        info, meta = str(pdf.docinfo[key]), _xmp_value(xmp, prop)
        same = (meta is not None and _info_date(info) == _xmp_date(meta)) if key.endswith("Date") else info == meta
        if not same:
            problems.append(f"Info {key} {info!r} but XMP {prop} {meta!r}")
    return problems


def pdfa_identification(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    xmp = _xmp(pdf)
    part, conformance = _xmp_value(xmp, "pdfaid:part"), _xmp_value(xmp, "pdfaid:conformance")
    return [] if (part, conformance) == ("3", "B") else [f"pdfaid {part} {conformance}"]


def embedded_files(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    problems = []
    tree = pdf.Root.Names.EmbeddedFiles.Names
    specs = [tree[i] for i in range(1, len(tree), 2)]
    for spec in specs:
        for key in ("/F", "/UF", "/AFRelationship"):
            if key not in spec:
                problems.append(f"{spec.get('/F')} has no {key}")
        stream = spec.EF.F.stream_dict
        if "/Subtype" not in stream or "/ModDate" not in stream.get("/Params", {}):
            problems.append(f"{spec.get('/F')} has no MIME type or modification date")
    listed = [item.objgen for item in pdf.Root.get("/AF", [])]
    if len(listed) != len(set(listed)):
        problems.append(f"/AF lists an attachment more than once: {listed}")
    if set(listed) != {spec.objgen for spec in specs}:
        problems.append("/AF does not list exactly the embedded files")
    return problems


def forms(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    form = pdf.Root.get("/AcroForm", {})
    problems = ["XFA form"] if "/XFA" in form else []
    return problems + (["/NeedAppearances true"] if form.get("/NeedAppearances") is True else [])


def pdf_17(pdf: pikepdf.Pdf, raw: bytes) -> list[str]:
    problems = []
    version = pdf.Root.get("/Version")
    if version is not None and str(version) != "/1.7":
        problems.append(f"catalog /Version {version}")
    extensions = pdf.Root.get("/Extensions", {})
    for prefix, ext in extensions.items():
        for item in (ext if isinstance(ext, pikepdf.Array) else [ext]):
            if str(item.get("/BaseVersion")) not in ("/1.7", "/1.6", "/1.5"):
                problems.append(f"extension {prefix} based on {item.get('/BaseVersion')}")
    return problems


RULES: dict[str, Check] = {
    "6.1.2 header": header, "6.1.3 trailer": trailer, "6.1.7 streams": streams,
    "6.1.10 forbidden objects": forbidden_objects, "6.1.12 permissions": permissions,
    "6.2.3 output intent": output_intent, "6.2.8 images": images, "6.2.11.4 fonts embedded": fonts,
    "6.3.2 annotations": annotations, "6.6.1 actions": actions, "6.6.2.3 Info and XMP agree": info_matches_xmp,
    "6.6.4 PDF/A identification": pdfa_identification, "6.8 embedded files": embedded_files, "6.9 forms": forms,
    "PDF 1.7": pdf_17,
}


@pytest.fixture(scope="module")
def data(rulesets: dict[str, RuleSet]) -> CertificateData:
    return make_data(assess(native_epd(), rulesets), rulesets)


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("instance")


@pytest.fixture(scope="module")
def signed(data: CertificateData, instance: Path) -> bytes:
    return sign_pdf(render_certificate(data), load_or_create_signer(instance))


@pytest.mark.parametrize("rule", list(RULES))
def test_the_signed_certificate_keeps_the_pdfa_3b_rule(rule: str, signed: bytes) -> None:
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        assert RULES[rule](pdf, signed) == []


def _ec_pair(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "old buyclean key")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    key_path, cert_path = folder / "key.pem", folder / "cert.pem"
    folder.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def _sign_as_pyhanko_would(pdf: bytes, key_path: Path, cert_path: Path) -> bytes:
    """What signing did before: pyHanko's own writer, an EC key."""
    signer = signers.SimpleSigner.load(str(key_path), str(cert_path))
    assert signer is not None
    meta = signers.PdfSignatureMetadata(field_name="old", subfilter=fields.SigSeedSubFilter.PADES)
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)
    result: bytes = out.getvalue()
    return result


def test_the_checks_catch_what_pyhankos_own_signing_with_an_ec_key_did(data: CertificateData, tmp_path: Path) -> None:
    old = _sign_as_pyhanko_would(render_certificate(data), *_ec_pair(tmp_path))
    with pikepdf.open(io.BytesIO(old)) as pdf:
        assert any("/Version /2.0" in p for p in pdf_17(pdf, old))
        assert any("/Producer" in p for p in info_matches_xmp(pdf, old))


def test_weasyprints_double_attachment_list_is_caught_and_not_in_ours(data: CertificateData) -> None:
    with pikepdf.open(io.BytesIO(render_certificate(data))) as pdf:
        assert embedded_files(pdf, b"") == []
        pdf.Root.AF.append(pdf.Root.AF[0])
        assert "more than once" in embedded_files(pdf, b"")[0]


def test_a_configured_ec_key_is_refused_with_the_reason(tmp_path: Path) -> None:
    key_path, cert_path = _ec_pair(tmp_path / "ec")
    with pytest.raises(SigningError, match=r"EC key.*ISO/TS 32002.*PDF 1\.7.*RSA"):
        load_signer(key_path, cert_path)
    with pytest.raises(SigningError, match="BUYCLEAN_RETIRED_SIGNING_CERTS"):
        load_or_create_signer(tmp_path / "instance", key_path, cert_path)


def test_new_keys_are_rsa_3072(instance: Path, signed: bytes) -> None:
    cert = x509.load_pem_x509_certificate(signing_paths(instance)[1].read_bytes())
    key = cert.public_key()
    assert getattr(key, "key_size", None) == 3072 and not isinstance(key, ec.EllipticCurvePublicKey)


def test_an_old_ec_instance_key_is_retired_and_its_certificates_keep_verifying(data: CertificateData,
                                                                              tmp_path: Path) -> None:
    key_path, cert_path = signing_paths(tmp_path)
    _ec_pair(key_path.parent)
    old = _sign_as_pyhanko_would(render_certificate(data), key_path, cert_path)
    old_pem = cert_path.read_bytes()
    signer = load_or_create_signer(tmp_path)  # finds the EC key: retires it, makes an RSA one
    new_pem = signer_certificate_pem(signer)
    assert new_pem != old_pem and not key_path.with_name("key.pem").read_bytes().startswith(b"-----BEGIN EC")
    trusted = trusted_certificates(tmp_path)
    assert trusted[0] == signing_paths(tmp_path)[1].read_bytes() and old_pem in trusted
    assert verify_certificate_pdf(old, trusted).valid, verify_certificate_pdf(old, trusted).problems
    new = sign_pdf(render_certificate(data), signer)
    assert verify_certificate_pdf(new, trusted).valid
    # trusting only the new key, the old certificate is by an unknown key
    assert not verify_certificate_pdf(old, new_pem).valid


def test_signing_keeps_the_rendered_metadata_and_attachments(data: CertificateData, signed: bytes) -> None:
    rendered = render_certificate(data)
    with pikepdf.open(io.BytesIO(rendered)) as before, pikepdf.open(io.BytesIO(signed)) as after:
        assert dict(before.docinfo) == dict(after.docinfo)
        assert _xmp(before) == _xmp(after)
        files = {str(s.UF): json.loads(s.EF.F.read_bytes()) for s in after.Root.AF}
        assert set(files) == {"assessment.json", "certificate.json"}
