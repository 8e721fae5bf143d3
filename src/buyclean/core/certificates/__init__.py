"""Certificates for products that meet a rule set: what they state, the signed PDF/A-3b, and the offline check.

assessment -> ``certificate_data`` -> ``render_certificate`` -> ``sign_pdf`` -> stored bytes
-> ``verify_certificate_pdf``. Plain functions: no Flask, no database; the web layer stores, serves and revokes.
"""

# before sign and verify, which import pyHanko
from buyclean.core.certificates import pyhanko_warnings  # noqa: F401

# isort: split
from buyclean.core.certificates.data import (
    MODE_DEVELOPMENT,
    MODE_SELF_CHECK,
    MODE_SERVICE,
    CertificateData,
    NotCertifiable,
    TierLimit,
    certificate_data,
    certificate_facts,
    certificate_number,
    hand_entry_sentences,
    normalize_certificate_number,
    open_review,
    owner_note,
)
from buyclean.core.certificates.render import (
    AssetsOnlyFetcher,
    RefusedUrl,
    certificate_html,
    font_config,
    render_certificate,
)
from buyclean.core.certificates.sign import (
    SigningError,
    fingerprint,
    load_or_create_signer,
    load_signer,
    retire_signing_key,
    sign_pdf,
    signer_certificate_pem,
    signing_paths,
    trusted_certificates,
)
from buyclean.core.certificates.timestamps import add_validation_data
from buyclean.core.certificates.verify import (
    CertificateVerification,
    UnreadableCertificate,
    embedded_files,
    load_certificate,
    verify_certificate_pdf,
)

__all__ = [
    "MODE_DEVELOPMENT",
    "MODE_SELF_CHECK",
    "MODE_SERVICE",
    "AssetsOnlyFetcher",
    "CertificateData",
    "CertificateVerification",
    "NotCertifiable",
    "RefusedUrl",
    "SigningError",
    "TierLimit",
    "UnreadableCertificate",
    "add_validation_data",
    "certificate_data",
    "certificate_facts",
    "certificate_html",
    "certificate_number",
    "embedded_files",
    "fingerprint",
    "font_config",
    "hand_entry_sentences",
    "load_certificate",
    "load_or_create_signer",
    "load_signer",
    "normalize_certificate_number",
    "open_review",
    "owner_note",
    "render_certificate",
    "retire_signing_key",
    "sign_pdf",
    "signer_certificate_pem",
    "signing_paths",
    "trusted_certificates",
    "verify_certificate_pdf",
]
