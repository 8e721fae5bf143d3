"""Sign certificates (PAdES, pyHanko) with the configured RSA key, or a self-signed one made on first use.

The signed file stays PDF/A-3b: RSA keys only (pyHanko marks every ECDSA signature with the ISO/TS 32002 extension and
catalog /Version 2.0, and PDF/A-3 is PDF 1.7), and the signing revision leaves the document's Info and XMP metadata
as rendered (pyHanko would write a new XMP packet whose pdf:Producer disagrees with the Info /Producer).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import fcntl
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto import cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.timestamps import TimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from buyclean.errors import BuycleanError

log = logging.getLogger(__name__)

SIGNATURE_FIELD = "buyclean-certificate"
SIGNING_DIR = "signing"
RETIRED_DIR = "retired"  # certificates of keys no longer used to sign; certificates they signed keep verifying
KEY_FILE, CERT_FILE = "key.pem", "cert.pem"
RSA_BITS = 3072  # NIST SP 800-57: 128-bit security, as the P-256 keys it replaces
EC_REFUSED = ("pyHanko marks every ECDSA signature with the ISO/TS 32002 extension and sets the catalog's /Version "
              "to 2.0, with no setting to stop it, and PDF/A-3b is PDF 1.7: buyclean signs with RSA keys")
# Room for the CMS blob beyond the certificates it carries (signature, signed attributes, structure). Reserving
# the size up front spares pyHanko a dummy signature to measure it: one fewer private-key operation per certificate.
CMS_OVERHEAD_BYTES = 4096


class SigningError(BuycleanError):
    """The signing key or certificate cannot be loaded or used."""


# Signed attributes that are the same in every signature by one key with one digest algorithm; the message digest
# is the only one that changes from document to document.
CONSTANT_ATTRIBUTES = frozenset({"content_type", "signing_certificate_v2", "signing_certificate",
                                 "cms_algorithm_protection"})


RSA_DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {"sha256": hashes.SHA256, "sha384": hashes.SHA384,
                                                     "sha512": hashes.SHA512}


class TemplateSigner(signers.SimpleSigner):
    """A SimpleSigner that builds the CMS of a PAdES signature from its first one, changing only what differs.

    pyHanko assembles every CMS afresh with asn1crypto: the signing-certificate attribute, the signer identifier
    and the certificate set, which took three quarters of the time to sign a certificate (about 20 of 27 ms). Two
    PAdES signatures by one key differ only in the message digest and the signature value, so after pyHanko has
    made the first one this signer loads that one, puts in the new digest and signs the new attributes. Anything
    that would vary from one signature to the next in its signed attributes (a signing time, CAdES attributes, a
    dry run) goes through pyHanko unchanged, and a template is kept only when its signed attributes are all in
    CONSTANT_ATTRIBUTES plus the digest. A time-stamp is unsigned: it is added to a template's signature.
    tests/test_certificates.py checks the result against pyHanko's own.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._templates: dict[str, bytes] = {}  # digest algorithm -> DER of a ContentInfo pyHanko made
        self._rsa_key: rsa.RSAPrivateKey | None = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        """Sign with the private key loaded once: pyHanko loads it from DER for every signature, and loading an
        RSA-3072 key checks it (about 170 ms, more than the whole certificate took with the P-256 key)."""
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        digest = RSA_DIGESTS.get(digest_algorithm.lower())
        if mechanism != "rsassa_pkcs1v15" or self.signing_key is None or digest is None:
            signature: bytes = super().sign_raw(data, digest_algorithm)
            return signature
        if self._rsa_key is None:
            key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
            assert isinstance(key, rsa.RSAPrivateKey)
            self._rsa_key = key
        return self._rsa_key.sign(data, padding.PKCS1v15(), digest())

    async def async_sign(self, data_digest: bytes, digest_algorithm: str, dry_run: bool = False,
                         use_pades: bool = False, timestamper: Any = None,
                         signed_attr_settings: PdfCMSSignedAttributes | None = None, is_pdf_sig: bool = True,
                         encap_content_info: Any = None) -> cms.ContentInfo:
        """Sign ``data_digest``: from the template when there is one for this case, else through pyHanko.

        A time-stamp (PAdES B-T) is an unsigned attribute over the finished signature value: the template makes
        the signature, then pyHanko's own ``unsigned_attrs`` asks the authority for the token, as it would.
        """
        algorithm = digest_algorithm.lower()
        plain = (use_pades and is_pdf_sig and not dry_run and encap_content_info is None
                 and self.signed_attr_prov_spec is None and self.unsigned_attr_prov_spec is None
                 and (signed_attr_settings is None or signed_attr_settings.cades_signed_attrs is None))
        template = self._templates.get(algorithm) if plain else None
        if template is None:
            made: cms.ContentInfo = await super().async_sign(
                data_digest, digest_algorithm, dry_run=dry_run, use_pades=use_pades,
                timestamper=None if plain else timestamper, signed_attr_settings=signed_attr_settings,
                is_pdf_sig=is_pdf_sig, encap_content_info=encap_content_info)
            if not plain or not _is_template(made):
                if plain and timestamper is not None:  # not a template after all: pyHanko, with its time-stamp
                    made = await super().async_sign(
                        data_digest, digest_algorithm, use_pades=use_pades, timestamper=timestamper,
                        signed_attr_settings=signed_attr_settings, is_pdf_sig=is_pdf_sig)
                return made
            self._templates[algorithm] = made.dump()
            if timestamper is None:
                return made
            content = cms.ContentInfo.load(self._templates[algorithm])
            signed_data = content["content"]
            info = signed_data["signer_infos"][0]
        else:
            content = cms.ContentInfo.load(template)
            signed_data = content["content"]
            info = signed_data["signer_infos"][0]
            for attribute in info["signed_attrs"]:
                if attribute["type"].native == "message_digest":
                    attribute["values"] = [data_digest]
            # asn1crypto encodes a changed structure again each time it is asked for its bytes (pyHanko asks
            # several times, 2 ms each): every changed level is read back from its finished bytes before the next
            # change
            info = cms.SignerInfo.load(info.dump())
            # the signature covers the attributes' DER with the SET OF tag, not the [0] they carry in SignerInfo
            # (RFC 5652, 5.4)
            signed = b"\x31" + info["signed_attrs"].dump()[1:]
            info["signature"] = await self.async_sign_raw(signed, algorithm)
        if timestamper is not None:
            unsigned = await self.unsigned_attrs(algorithm, info["signature"].native, info["signed_attrs"],
                                                 timestamper=timestamper)
            if unsigned is not None:
                info["unsigned_attrs"] = unsigned
        signed_data["signer_infos"] = cms.SignerInfos([cms.SignerInfo.load(info.dump())])
        return cms.ContentInfo.load(content.dump())


def _is_template(content: cms.ContentInfo) -> bool:
    """Return whether a CMS from pyHanko can serve as a template: one signer, constant attributes, nothing unsigned."""
    infos = content["content"]["signer_infos"]
    if len(infos) != 1 or infos[0]["unsigned_attrs"].native:
        return False
    kinds = [attribute["type"].native for attribute in infos[0]["signed_attrs"]]
    return kinds.count("message_digest") == 1 and set(kinds) - {"message_digest"} <= CONSTANT_ATTRIBUTES


def signing_paths(instance_dir: Path) -> tuple[Path, Path]:
    """Return where the self-signed key and certificate live in the instance folder."""
    folder = instance_dir / SIGNING_DIR
    return folder / KEY_FILE, folder / CERT_FILE


def create_self_signed(key_path: Path, cert_path: Path, *, common_name: str = "buyclean certificate signing",
                       passphrase: bytes | None = None, years: int = 10) -> None:
    """Write a new RSA-3072 key (mode 0600) and a self-signed X.509 certificate for signing certificates."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "buyclean (self-signed)")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        # non-repudiation (content commitment) is what pyHanko expects of a document-signing key
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption())
    key_path.parent.mkdir(parents=True, exist_ok=True)
    # the key is written with 0600 from the start: never briefly world-readable
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _load_cert(path: Path) -> x509.Certificate:
    data = path.read_bytes()
    return x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)


def _load_key(path: Path, passphrase: bytes | None) -> PrivateKeyTypes:
    data = path.read_bytes()
    if b"-----BEGIN" in data:
        return serialization.load_pem_private_key(data, passphrase)
    return serialization.load_der_private_key(data, passphrase)


def load_signer(key_path: Path, cert_path: Path, passphrase: bytes | None = None) -> TemplateSigner:
    """Load a PEM or DER key and certificate into a pyHanko signer; raise SigningError naming the bad file."""
    try:
        cert = _load_cert(cert_path)
    except (OSError, ValueError) as exc:
        raise SigningError(f"The signing certificate {cert_path} cannot be read ({exc}); set BUYCLEAN_SIGNING_CERT "
                           "to a PEM or DER X.509 certificate.", where=str(cert_path)) from exc
    try:
        key = _load_key(key_path, passphrase)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningError(f"The signing key {key_path} cannot be read ({exc}); set BUYCLEAN_SIGNING_KEY to a PEM "
                           "or DER private key, and BUYCLEAN_SIGNING_KEY_PASSPHRASE if it is encrypted.",
                           where=str(key_path)) from exc
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if key.public_key().public_bytes(*spki) != cert.public_key().public_bytes(*spki):
        raise SigningError(f"The signing key {key_path} does not belong to the certificate {cert_path}; configure "
                           "the pair together.", where=str(key_path))
    if not isinstance(key, rsa.RSAPrivateKey):
        kind = "an EC" if isinstance(key, ec.EllipticCurvePrivateKey) else f"a {type(key).__name__}"
        raise SigningError(f"The signing key {key_path} is {kind} key, which buyclean refuses: {EC_REFUSED}. Make an "
                           f"RSA key of {RSA_BITS} bits (openssl genpkey -algorithm RSA -pkeyopt "
                           f"rsa_keygen_bits:{RSA_BITS}) and its certificate, and keep the old certificate in "
                           "BUYCLEAN_RETIRED_SIGNING_CERTS so that certificates it signed keep verifying.",
                           where=str(key_path))
    if key.key_size < RSA_BITS:
        log.warning("The signing key %s has %d bits; new keys should have %d.", key_path, key.key_size, RSA_BITS)
    # pyHanko works on asn1crypto structures: hand them over as DER
    registry = SimpleCertificateStore.from_certs([])  # type: ignore[no-untyped-call]  # unannotated in pyhanko
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return TemplateSigner(signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
                                signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
                                cert_registry=registry)


def load_or_create_signer(instance_dir: Path, key_path: Path | None = None, cert_path: Path | None = None,
                          passphrase: str | bytes | None = None) -> TemplateSigner:
    """Return the configured signer, or the instance's self-signed one, creating it on first use."""
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    if key_path is not None or cert_path is not None:
        if key_path is None or cert_path is None:
            raise SigningError("Set both BUYCLEAN_SIGNING_KEY and BUYCLEAN_SIGNING_CERT, or neither (then buyclean "
                               "signs with a self-signed key in its instance folder).")
        return load_signer(key_path, cert_path, secret)
    own_key, own_cert = signing_paths(instance_dir)
    own_key.parent.mkdir(parents=True, exist_ok=True)
    # several workers start at once (gunicorn): one makes the key (an RSA key takes a second), the others wait for
    # it and load it, never a half-written file
    with open(own_key.parent / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if own_key.exists() and not _is_rsa(own_key, secret):
                retire_signing_key(instance_dir)
            if not own_key.exists():
                create_self_signed(own_key, own_cert, passphrase=secret)
                log.warning("Created a self-signed certificate-signing key in %s. Certificates signed with it can be "
                            "checked only against %s; to sign with your organisation's key, set BUYCLEAN_SIGNING_KEY "
                            "and BUYCLEAN_SIGNING_CERT (and BUYCLEAN_SIGNING_KEY_PASSPHRASE if the key is "
                            "encrypted).", own_key.parent, own_cert)
            else:
                log.warning("Signing certificates with the self-signed key in %s; set BUYCLEAN_SIGNING_KEY and "
                            "BUYCLEAN_SIGNING_CERT to use your organisation's key.", own_key.parent)
            return load_signer(own_key, own_cert, secret)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _is_rsa(key_path: Path, passphrase: bytes | None) -> bool:
    try:
        return isinstance(_load_key(key_path, passphrase), rsa.RSAPrivateKey)
    except (OSError, ValueError, TypeError):
        return True  # unreadable: load_signer says why


def retire_signing_key(instance_dir: Path) -> Path:
    """Move the instance's self-signed key pair to signing/retired/ (its certificate keeps verifying what it signed).

    Used for the P-256 keys of earlier versions, which cannot sign PDF/A-3b (EC_REFUSED); returns the kept
    certificate's path.
    """
    own_key, own_cert = signing_paths(instance_dir)
    retired = own_key.parent / RETIRED_DIR
    retired.mkdir(parents=True, exist_ok=True)
    stamp = fingerprint(_load_cert(own_cert))[:16]
    kept = retired / f"{stamp}-cert.pem"
    own_cert.replace(kept)
    own_key.replace(retired / f"{stamp}-key.pem")
    log.warning("Retired the signing key in %s (%s); its certificate stays trusted for the certificates it signed, "
                "new ones are signed with a new RSA key.", own_key.parent, EC_REFUSED)
    return kept


def fingerprint(cert: x509.Certificate | asn1_x509.Certificate | bytes) -> str:
    """Return the SHA-256 fingerprint of a certificate (DER, or a loaded one) as 64 upper-case hex digits (what
    ``openssl x509 -fingerprint -sha256`` prints, without its colons)."""
    if isinstance(cert, x509.Certificate):
        der = cert.public_bytes(serialization.Encoding.DER)
    elif isinstance(cert, asn1_x509.Certificate):
        der = cert.dump()
    else:
        der = cert
    digest = hashes.Hash(hashes.SHA256())
    digest.update(der)
    return digest.finalize().hex().upper()


def trusted_certificates(instance_dir: Path, signing_cert: Path | None = None,
                         retired: tuple[Path, ...] = ()) -> list[bytes]:
    """Return the certificates whose signatures this instance accepts: the current one, then retired ones."""
    current = signing_cert or signing_paths(instance_dir)[1]
    paths = [current, *sorted((signing_paths(instance_dir)[0].parent / RETIRED_DIR).glob("*-cert.pem")), *retired]
    return [path.read_bytes() for path in paths if path.is_file()]


def signer_certificate_pem(signer: signers.SimpleSigner) -> bytes:
    """Return the signer's certificate as PEM, e.g. to publish it for offline verification."""
    if signer.signing_cert is None:
        raise SigningError("The signer has no certificate; configure BUYCLEAN_SIGNING_CERT.")
    der: bytes = signer.signing_cert.dump()
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


class MetadataKeepingWriter(IncrementalPdfFileWriter):
    """An incremental writer that leaves the document's Info dictionary and XMP packet as the renderer wrote them.

    pyHanko would append "; pyHanko x.y" to the Info /Producer and write a new XMP packet whose pdf:Producer is
    "pyHanko x.y": ISO 19005-3, 6.6.2.3.1 wants the two to agree. The signature dictionary's /Prop_Build still
    names pyHanko.
    """

    def _update_meta(self) -> None:
        return None


# Room for an RFC 3161 token in the signature's unsigned attributes: TSTInfo, the TSA's signature and certificate
# chain (a few kB with RSA keys; generous, since a reserve too small fails the signature).
TIMESTAMP_RESERVE_BYTES = 16384


def sign_pdf(pdf: bytes, signer: signers.SimpleSigner, *, timestamper: TimeStamper | None = None) -> bytes:
    """Add a PAdES certification signature that allows no later change, as an incremental update: baseline B, or
    B-T with a ``timestamper`` (the TSA's token over the signature value)."""
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        # a certification signature (DocMDP, no changes): any later edit shows as a violation, not as a form fill
        certify=True, docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        reason="Buy Clean compliance certificate issued by buyclean",
    )
    certs = [c for c in (signer.signing_cert, *signer.cert_registry) if c is not None]
    # pyHanko counts the reserve in hex digits: two per byte of CMS
    reserved = 2 * (CMS_OVERHEAD_BYTES + sum(len(c.dump()) for c in certs)
                    + (TIMESTAMP_RESERVE_BYTES if timestamper is not None else 0))
    def run() -> BytesIO:
        writer = MetadataKeepingWriter(BytesIO(pdf))
        result: BytesIO = signers.sign_pdf(writer, meta, signer=signer, timestamper=timestamper,
                                           bytes_reserved=reserved, output=BytesIO())
        return result

    try:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            out = run()
        else:
            # pyHanko's synchronous API starts its own event loop, which cannot nest in a running one
            with ThreadPoolExecutor(max_workers=1) as pool:
                out = pool.submit(run).result()
    except PdfError as exc:
        raise SigningError(f"The certificate PDF cannot be signed: {exc}") from exc
    signed: bytes = out.getvalue()
    return signed

