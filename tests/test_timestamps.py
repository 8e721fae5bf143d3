"""RFC 3161 time-stamps (PAdES B-T) against a time-stamp authority served over HTTP on loopback: pyHanko's
in-process DummyTimeStamper behind a small http.server handler, with its own root and a time-stamping certificate."""

from __future__ import annotations

import base64
import datetime as dt
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from buyclean.core.certificates import (
    load_or_create_signer,
    render_certificate,
    sign_pdf,
    signer_certificate_pem,
    verify_certificate_pdf,
)
from buyclean.core.certificates.data import CertificateData
from buyclean.core.certificates.timestamps import TimestampError, UrllibTimeStamper
from buyclean.core.rules import RuleSet
from tests.conftest import native_epd, service
from tests.test_certificates import assess, make_data

USER, PASSWORD = "buyclean", "tsa-secret"


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Loopback Time-Stamping (tests)")])


@dataclass(frozen=True)
class Authority:
    url: str
    root_pem: bytes
    requests: list[bytes]


def _der(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@pytest.fixture(scope="module")
def authority() -> Iterator[Authority]:
    now = dt.datetime.now(dt.UTC)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = (x509.CertificateBuilder().subject_name(_name("Loopback TSA root")).issuer_name(_name("Loopback TSA root"))
            .public_key(root_key.public_key()).serial_number(1)
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(root_key, hashes.SHA256()))
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa = (x509.CertificateBuilder().subject_name(_name("Loopback TSA unit 1")).issuer_name(root.subject)
           .public_key(tsa_key.public_key()).serial_number(2)
           .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
           .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
           .sign(root_key, hashes.SHA256()))
    key_info = asn1_keys.PrivateKeyInfo.load(tsa_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    dummy = DummyTimeStamper(tsa_cert=_der(tsa), tsa_key=key_info)
    seen: list[bytes] = []
    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="tsa"')
                self.end_headers()
                return
            if self.headers.get("Content-Type") != "application/timestamp-query":
                self.send_response(415)
                self.end_headers()
                return
            seen.append(body)
            reply = dummy.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Authority(f"http://127.0.0.1:{server.server_address[1]}/tsa",
                        root.public_bytes(serialization.Encoding.PEM), seen)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def data(rulesets: dict[str, RuleSet]) -> CertificateData:
    return make_data(assess(native_epd(), rulesets), rulesets)


def _root(pem: bytes) -> asn1_x509.Certificate:
    return _der(x509.load_pem_x509_certificate(pem))


def test_a_timestamped_signature_validates_with_pyhanko_against_the_loopback_authority(
        authority: Authority, data: CertificateData, tmp_path: Path) -> None:
    signer = load_or_create_signer(tmp_path)
    before = len(authority.requests)
    stamper = UrllibTimeStamper(authority.url, username=USER, password=PASSWORD)
    started = dt.datetime.now(dt.UTC)
    pdf = sign_pdf(render_certificate(data), signer, timestamper=stamper)
    assert len(authority.requests) == before + 1  # the authority was asked, over HTTP

    # pyHanko's own validator: the signature and its time-stamp token, each against its trust root
    sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    status = validate_pdf_signature(
        sig, ValidationContext(trust_roots=[signer.signing_cert], allow_fetching=False),
        ts_validation_context=ValidationContext(trust_roots=[_root(authority.root_pem)], allow_fetching=False))
    assert status.bottom_line and status.timestamp_validity is not None
    stamp = status.timestamp_validity
    assert stamp.intact and stamp.valid and stamp.trusted
    assert "Common Name: Loopback TSA unit 1" in stamp.signing_cert.subject.human_friendly
    assert abs(stamp.timestamp - started) < dt.timedelta(minutes=5)
    # PAdES B-T: the token is an unsigned attribute of the signer info, over the signature value
    kinds = [a["type"].native for a in sig.signer_info["unsigned_attrs"]]
    assert kinds == ["signature_time_stamp_token"]

    ours = verify_certificate_pdf(pdf, signer_certificate_pem(signer), timestamp_roots=[_root(authority.root_pem)])
    assert ours.valid, ours.problems
    assert ours.timestamped_at == stamp.timestamp and ours.timestamp_authority is not None


def test_a_token_from_an_authority_not_trusted_is_reported(authority: Authority, data: CertificateData,
                                                           tmp_path: Path) -> None:
    signer = load_or_create_signer(tmp_path)
    pdf = sign_pdf(render_certificate(data), signer,
                   timestamper=UrllibTimeStamper(authority.url, username=USER, password=PASSWORD))
    check = verify_certificate_pdf(pdf, signer_certificate_pem(signer))
    assert not check.valid and any("not trusted here" in p for p in check.problems), check.problems


def test_wrong_credentials_and_no_authority_refuse_to_sign(authority: Authority, data: CertificateData,
                                                           tmp_path: Path) -> None:
    signer = load_or_create_signer(tmp_path)
    unsigned = render_certificate(data)
    with pytest.raises(TimestampError, match=r"HTTP 401 \(check BUYCLEAN_TSA_USERNAME"):
        sign_pdf(unsigned, signer, timestamper=UrllibTimeStamper(authority.url, username=USER, password="wrong"))
    with pytest.raises(TimestampError, match="cannot be reached"):
        sign_pdf(unsigned, signer, timestamper=UrllibTimeStamper("http://127.0.0.1:9/tsa", timeout_s=2))
    with pytest.raises(TimestampError, match="not an http"):
        UrllibTimeStamper("ftp://tsa.example.org")


def test_the_service_timestamps_when_a_tsa_is_configured(authority: Authority, database_url: str,
                                                         tmp_path: Path) -> None:
    from tests.conftest import logged_in, make_account

    root = tmp_path / "tsa-root.pem"
    root.write_bytes(authority.root_pem)
    with service(database_url, tmp_path, tsa_url=authority.url, tsa_username=USER, tsa_password=PASSWORD,
                 tsa_trust_certs=(root,)) as app:
        user_id, token = make_account(app, role="officer", organisation="Test Agency")
        client = logged_in(app, user_id, token)
        posted = client.post("/api/v1/assessments", json=native_epd())
        submission_id = int(posted.headers["Location"].rsplit("/", 1)[1])
        issued = client.post(f"/api/v1/assessments/{submission_id}/certificates")
        assert issued.status_code == 201, issued.get_json()
        item = issued.get_json()["items"][0]
        pdf = client.get(item["pdf"]).data
        check = client.post("/api/v1/certificates/verify", data={"file": (io.BytesIO(pdf), "c.pdf")},
                            content_type="multipart/form-data").get_json()
        assert check["state"] == "valid", check
        sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
        assert [a["type"].native for a in sig.signer_info["unsigned_attrs"]] == ["signature_time_stamp_token"]
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            text = " ".join((doc.pages[0].extract_text() or "").split())
        assert "signing time certified by the time-stamp authority at 127.0.0.1:" in text


def test_later_signatures_come_from_the_template_and_still_carry_a_valid_token(
        authority: Authority, data: CertificateData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pyhanko.sign import signers

    signer = load_or_create_signer(tmp_path)
    stamper = UrllibTimeStamper(authority.url, username=USER, password=PASSWORD)
    unsigned = render_certificate(data)
    sign_pdf(unsigned, signer, timestamper=stamper)  # makes the template
    assembled: list[bool] = []
    original = signers.SimpleSigner.async_sign

    async def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        assembled.append(True)
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(signers.SimpleSigner, "async_sign", counted)
    before = len(authority.requests)
    second = sign_pdf(unsigned, signer, timestamper=stamper)
    assert assembled == [] and len(authority.requests) == before + 1  # the template's, with a fresh token
    check = verify_certificate_pdf(second, signer_certificate_pem(signer), timestamp_roots=[_root(authority.root_pem)])
    assert check.valid and check.timestamped_at is not None, check.problems


def test_validation_data_after_signing_make_b_lt_and_keep_pdfa(authority: Authority, data: CertificateData,
                                                                tmp_path: Path) -> None:
    import pikepdf

    from buyclean.core.certificates import add_validation_data
    from tests.test_certificate_pdfa import RULES

    signer = load_or_create_signer(tmp_path)
    root = _root(authority.root_pem)
    stamped = sign_pdf(render_certificate(data), signer,
                       timestamper=UrllibTimeStamper(authority.url, username=USER, password=PASSWORD))
    assert signer.signing_cert is not None
    lt = add_validation_data(stamped, [signer.signing_cert, root], allow_fetching=False)
    assert lt.startswith(stamped) and len(lt) > len(stamped)  # one more revision: the DSS
    with pikepdf.open(io.BytesIO(lt)) as pdf:
        dss = pdf.Root.DSS
        assert len(dss.Certs) >= 2  # the signer's and the authority's chains
        for rule, check in RULES.items():
            assert check(pdf, lt) == [], rule
    sig = PdfFileReader(io.BytesIO(lt)).embedded_signatures[0]
    context = ValidationContext(trust_roots=[signer.signing_cert], allow_fetching=False)
    status = validate_pdf_signature(sig, context, ts_validation_context=ValidationContext(trust_roots=[root],
                                                                                        allow_fetching=False))
    assert status.bottom_line and status.docmdp_ok
    ours = verify_certificate_pdf(lt, signer_certificate_pem(signer), timestamp_roots=[root])
    assert ours.valid, ours.problems
    # anything but validation data after the signature is still a change
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    writer = IncrementalPdfFileWriter(io.BytesIO(lt))
    writer.root["/Lang"] = generic.pdf_string("fr")
    writer.update_root()
    changed = io.BytesIO()
    writer.write(changed)
    assert not verify_certificate_pdf(changed.getvalue(), signer_certificate_pem(signer),
                                      timestamp_roots=[root]).valid
