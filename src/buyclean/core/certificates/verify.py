"""Check a certificate PDF offline: signed by the trusted key, unchanged since, and its embedded data consistent."""

from __future__ import annotations

import datetime as dt
import json
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from buyclean.core.certificates.sign import fingerprint
from buyclean.errors import BuycleanError

log = logging.getLogger(__name__)

# The most an embedded file may inflate to: the assessment of a large EPD is a few hundred kB.
MAX_EMBEDDED_BYTES = 16 * 2**20

ASSESSMENT_FILE, CERTIFICATE_FILE = "assessment.json", "certificate.json"


class UnreadableCertificate(BuycleanError):
    """The bytes are not a PDF that can be read at all."""


@dataclass(frozen=True)
class CertificateVerification:
    """The outcome of checking one certificate PDF: ``valid`` only when ``problems`` is empty."""

    valid: bool
    problems: list[str] = field(default_factory=list)
    number: str | None = None
    certificate: dict[str, Any] | None = None  # certificate.json: number, product, rule set, expiry, EPD hash
    assessment: dict[str, Any] | None = None  # assessment.json: the assessment the certificate rests on
    signer_subject: str | None = None
    signed_at: dt.datetime | None = None
    expires_on: dt.date | None = None
    signer_fingerprint: str | None = None  # SHA-256 of the signing certificate, 64 upper-case hex digits
    timestamped_at: dt.datetime | None = None  # the RFC 3161 time-stamp token's time, when the signature has one
    timestamp_authority: str | None = None
    # an offline check cannot know whether the issuer revoked the certificate since: it says so, and where to ask
    revocation_checked: bool = False


def load_certificate(data: bytes) -> asn1_x509.Certificate:
    """Read an X.509 certificate from PEM or DER bytes."""
    try:
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        return asn1_x509.Certificate.load(data)
    except (ValueError, TypeError) as exc:
        raise BuycleanError(f"The signing certificate cannot be read ({exc}); give a PEM or DER X.509 "
                            "certificate.") from exc


def _fingerprint(cert: asn1_x509.Certificate) -> str:
    return str(cert.sha256.hex()[:16].upper())


def _trusted(trusted_cert: bytes | asn1_x509.Certificate | Sequence[bytes | asn1_x509.Certificate],
             ) -> list[asn1_x509.Certificate]:
    given = [trusted_cert] if isinstance(trusted_cert, (bytes, asn1_x509.Certificate)) else list(trusted_cert)
    if not given:
        raise BuycleanError("No signing certificate to trust was given; pass the issuer's certificate.")
    return [load_certificate(c) if isinstance(c, bytes) else c for c in given]


def _name_tree(node: generic.DictionaryObject) -> dict[str, Any]:
    found: dict[str, Any] = {}
    names = node.get("/Names")
    if names is not None:
        items = list(names)
        for key, value in zip(items[::2], items[1::2], strict=False):
            found[str(key)] = value.get_object()
    for kid in node.get("/Kids", []):
        found.update(_name_tree(kid.get_object()))
    return found


def embedded_files(reader: PdfFileReader) -> dict[str, bytes]:
    """Return the PDF's embedded files by file name (the /EmbeddedFiles name tree)."""
    try:
        tree = reader.root["/Names"]["/EmbeddedFiles"]
    except KeyError:
        return {}
    files: dict[str, bytes] = {}
    for key, spec in _name_tree(tree.get_object()).items():
        name = str(spec.get("/UF", spec.get("/F", key)))
        files[name] = _inflate(spec["/EF"]["/F"].get_object(), name)
    return files


def _inflate(stream: generic.StreamObject, name: str) -> bytes:
    """Return an embedded file's bytes, inflating at most MAX_EMBEDDED_BYTES (a public upload may be a bomb)."""
    filters = stream.get("/Filter")
    names = [] if filters is None else [str(f) for f in (filters if isinstance(filters, generic.ArrayObject)
                                                          else [filters])]
    raw: bytes = stream.encoded_data
    if not names:
        data = raw
    elif names == ["/FlateDecode"] and stream.get("/DecodeParms") is None:
        data = zlib.decompressobj().decompress(raw, MAX_EMBEDDED_BYTES + 1)
    else:
        raise ValueError(f"{name} is encoded with {' '.join(names)}; buyclean writes plain /FlateDecode")
    if len(data) > MAX_EMBEDDED_BYTES:
        raise ValueError(f"{name} inflates past {MAX_EMBEDDED_BYTES // 2**20} MB; a buyclean certificate's data "
                         "are far smaller")
    return data


def _json(files: dict[str, bytes], name: str, problems: list[str]) -> dict[str, Any] | None:
    if name not in files:
        problems.append(f"The certificate has no embedded {name}; it was not issued by buyclean or was rebuilt.")
        return None
    try:
        doc = json.loads(files[name])
    except (UnicodeDecodeError, ValueError) as exc:
        problems.append(f"The embedded {name} is not valid JSON ({exc}).")
        return None
    return doc if isinstance(doc, dict) else None


def _check_consistency(cert: dict[str, Any], assessment: dict[str, Any]) -> list[str]:
    """Return where the certificate's statements disagree with the assessment embedded beside them."""
    problems = []
    if cert.get("epd_sha256") != assessment.get("source", {}).get("sha256"):
        problems.append("The embedded data do not match: the certificate's EPD SHA-256 differs from the "
                        "assessment's.")
    products = assessment.get("products", [])
    index = cert.get("product_index")
    if not isinstance(index, int) or not 0 <= index < len(products):
        return [*problems, f"The embedded data do not match: the assessment has no product {index}."]
    product = products[index]
    ruleset = cert.get("ruleset", {})
    verdict = next((v for v in product.get("verdicts", []) if v.get("ruleset") == ruleset.get("id")), None)
    if verdict is None or verdict.get("status") != "pass" or verdict.get("ruleset_version") != ruleset.get("version"):
        problems.append(f"The embedded data do not match: the assessment does not record a pass of product "
                        f"{index + 1} under {ruleset.get('id')} {ruleset.get('version')}.")
    elif verdict.get("tier") != cert.get("tier") or (verdict.get("gwp") or {}).get("value") != cert["gwp"]["value"]:
        problems.append("The embedded data do not match: the certificate's tier or GWP differs from the assessment.")
    if product.get("name") != cert.get("product_name"):
        problems.append("The embedded data do not match: the certificate names a different product.")
    return problems


def verify_certificate_pdf(pdf: bytes,
                           trusted_cert: bytes | asn1_x509.Certificate | Sequence[bytes | asn1_x509.Certificate], *,
                           on: dt.date | None = None,
                           timestamp_roots: Sequence[asn1_x509.Certificate] = ()) -> CertificateVerification:
    """Check the signature (by one of ``trusted_cert``: the current key's certificate, then retired ones; covering
    the whole file), its time-stamp if it has one (against ``timestamp_roots``), and the embedded data; expiry if
    ``on``. Revocation is the issuer's to say: see ``revocation_checked``."""
    trusted_all = _trusted(trusted_cert)
    trusted = trusted_all[0]
    # The file is untrusted and pyHanko's reader and validator meet a damaged one with whatever error the damage
    # leads to (zlib.error, KeyError, AttributeError, NotImplementedError for a filter name with a changed letter;
    # test_a_changed_byte_anywhere_is_reported_never_raised flips bytes to show it): any error while reading is the
    # file's fault.
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception as exc:  # see above
        raise UnreadableCertificate(f"The file is not a readable PDF ({exc}); it may be damaged or not a "
                                    "certificate.") from exc
    if not signatures:
        return CertificateVerification(False, ["No signature found: this is not a buyclean certificate, or its "
                                               "signature was removed."])
    problems: list[str] = []
    if len(signatures) > 1:
        problems.append(f"The PDF carries {len(signatures)} signatures; a buyclean certificate has exactly one.")
    sig = signatures[0]
    context = ValidationContext(trust_roots=trusted_all, allow_fetching=False)
    # the time-stamp is checked against the authorities trusted for it (and the signing roots, for a test TSA)
    ts_context = ValidationContext(trust_roots=[*timestamp_roots, *trusted_all], allow_fetching=False)
    try:
        status = validate_pdf_signature(sig, context, ts_validation_context=ts_context)
    except Exception as exc:  # a damaged file, whatever pyHanko raised (see above)
        log.info("certificate signature validation failed", exc_info=True)
        return CertificateVerification(False, [f"The signature cannot be checked ({exc}); the PDF was changed after "
                                               "it was signed or is damaged."])
    subject = status.signing_cert.subject.human_friendly
    if not status.intact:
        problems.append("The PDF was changed after it was signed: the signed bytes no longer match the signature.")
    elif not status.valid:
        problems.append("The signature is not valid: it does not match the signing certificate's key.")
    elif not status.trusted:
        # two self-signed instances share a subject name: the fingerprint tells them apart
        problems.append(f"Signed by an unknown key ({subject}, SHA-256 {_fingerprint(status.signing_cert)}); it "
                        f"is not the certificate you trust ({trusted.subject.human_friendly}, SHA-256 "
                        f"{_fingerprint(trusted)}).")
    # a later revision holding only validation data (a DSS: PAdES B-LT) is allowed; anything else is a change
    lta_only = (status.coverage is SignatureCoverageLevel.ENTIRE_REVISION
                and status.modification_level is not None
                and status.modification_level <= ModificationLevel.LTA_UPDATES)
    if status.coverage is not SignatureCoverageLevel.ENTIRE_FILE and not lta_only:
        level = status.modification_level
        what = "only form fields or annotations" if level is not None and level <= ModificationLevel.FORM_FILLING \
            else "content"
        problems.append(f"The PDF was changed after it was signed: an update adding {what} was appended after "
                        "the signature.")
    stamp = status.timestamp_validity
    if stamp is not None:
        if not (stamp.intact and stamp.valid):
            problems.append("The signature's time-stamp is damaged: its token does not match the signature.")
        elif not stamp.trusted:
            problems.append(f"The signature's time-stamp comes from an authority that is not trusted here "
                            f"({stamp.signing_cert.subject.human_friendly}); pass its root certificate "
                            "(BUYCLEAN_TSA_TRUST_CERTS).")
    if status.docmdp_ok is False:
        problems.append("The PDF was changed after it was signed, in a way its certification signature forbids.")
    files: dict[str, bytes] | None
    try:
        files = embedded_files(reader)
    except Exception as exc:  # a damaged file (see above)
        # a changed byte inside a compressed stream shows up here first
        problems.append(f"The embedded data cannot be read ({exc}); the PDF is damaged or was changed.")
        files = None
    cert = None if files is None else _json(files, CERTIFICATE_FILE, problems)
    assessment = None if files is None else _json(files, ASSESSMENT_FILE, problems)
    if cert is not None and assessment is not None:
        problems.extend(_check_consistency(cert, assessment))
    expires_on = None
    if cert is not None:
        try:
            expires_on = dt.date.fromisoformat(str(cert.get("expires_on")))
        except ValueError:
            problems.append("The embedded certificate data have no readable expiry date.")
    if on is not None and expires_on is not None and expires_on < on:
        problems.append(f"The certificate expired on {expires_on.isoformat()}.")
    return CertificateVerification(
        valid=not problems, problems=problems, number=None if cert is None else cert.get("number"),
        certificate=cert, assessment=assessment, signer_subject=subject,
        signed_at=status.signer_reported_dt, expires_on=expires_on,
        signer_fingerprint=fingerprint(status.signing_cert.dump()),
        timestamped_at=None if status.timestamp_validity is None else status.timestamp_validity.timestamp,
        timestamp_authority=None if status.timestamp_validity is None
        else status.timestamp_validity.signing_cert.subject.human_friendly,
    )
