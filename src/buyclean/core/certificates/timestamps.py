"""RFC 3161 time-stamps for certificate signatures: a signature carrying a TSA's token is PAdES B-T; with the
validation data appended (``add_validation_data``), B-LT.

The client speaks RFC 3161 over HTTP (section 3.4: a DER TimeStampReq POSTed as application/timestamp-query, a DER
TimeStampResp back as application/timestamp-reply) with the standard library, so no HTTP client library is needed
beyond what pyHanko already has; credentials are HTTP basic authentication, as most commercial TSAs ask.
"""

from __future__ import annotations

import asyncio
import base64
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.validation.dss import DocumentSecurityStore, collect_validation_info
from pyhanko_certvalidator import ValidationContext

from buyclean.core.certificates.sign import MetadataKeepingWriter, SigningError
from buyclean.errors import BuycleanError

QUERY_TYPE, REPLY_TYPE = "application/timestamp-query", "application/timestamp-reply"
MAX_REPLY_BYTES = 256 * 1024  # a token with its certificate chain is a few kB


class TimestampError(BuycleanError):
    """The time-stamp authority could not be reached or refused the request."""


class UrllibTimeStamper(TimeStamper):
    """Ask an RFC 3161 time-stamp authority over HTTP(S) for a token (pyHanko's TimeStamper interface)."""

    def __init__(self, url: str, *, username: str | None = None, password: str | None = None,
                 timeout_s: float = 10.0) -> None:
        super().__init__(include_nonce=True)  # type: ignore[no-untyped-call]  # unannotated in pyhanko
        if not url.startswith(("https://", "http://")):
            raise TimestampError(f"BUYCLEAN_TSA_URL {url!r} is not an http(s) address of an RFC 3161 time-stamp "
                                 "authority.", where="BUYCLEAN_TSA_URL")
        self.url = url
        self.timeout_s = timeout_s
        self.headers = {"Content-Type": QUERY_TYPE, "Accept": REPLY_TYPE}
        if username is not None:
            token = base64.b64encode(f"{username}:{password or ''}".encode()).decode("ascii")
            self.headers["Authorization"] = f"Basic {token}"

    def _post(self, body: bytes) -> bytes:
        request = urllib.request.Request(self.url, data=body, headers=self.headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # http(s) only, checked above
                kind = response.headers.get("Content-Type", "")
                reply: bytes = response.read(MAX_REPLY_BYTES + 1)
        except urllib.error.HTTPError as exc:
            hint = " (check BUYCLEAN_TSA_USERNAME and BUYCLEAN_TSA_PASSWORD)" if exc.code == 401 else ""
            raise TimestampError(f"The time-stamp authority {self.url} answered HTTP {exc.code}{hint}; no "
                                 "certificate was issued.", where="BUYCLEAN_TSA_URL") from exc
        except OSError as exc:
            raise TimestampError(f"The time-stamp authority {self.url} cannot be reached ({exc}); no certificate was "
                                 "issued.", where="BUYCLEAN_TSA_URL") from exc
        if len(reply) > MAX_REPLY_BYTES or not kind.startswith(REPLY_TYPE):
            raise TimestampError(f"The time-stamp authority {self.url} did not answer with an RFC 3161 reply "
                                 f"(Content-Type {kind!r}).", where="BUYCLEAN_TSA_URL")
        return reply

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        """POST the request and read the reply (in a thread: urllib blocks)."""
        reply = await asyncio.to_thread(self._post, req.dump())
        try:
            return tsp.TimeStampResp.load(reply)
        except ValueError as exc:
            raise TimestampError(f"The time-stamp authority {self.url} sent a reply that is not DER ({exc}).",
                                 where="BUYCLEAN_TSA_URL") from exc


def add_validation_data(pdf: bytes, trust_roots: list[asn1_x509.Certificate], *, allow_fetching: bool = True) -> bytes:
    """Append a DSS with the certificates (and, when they can be fetched, the OCSP responses and CRLs) that validate
    the signature and its time-stamp: a B-T signature becomes PAdES B-LT.

    pyHanko's own ``add_validation_info`` writes the DSS with a writer that rewrites the Info and XMP metadata (see
    MetadataKeepingWriter); this appends the same DSS revision with the metadata left as rendered. The signature's
    DocMDP (no changes) allows a DSS revision (pyHanko's diff analysis: LTA updates).
    """
    def run() -> bytes:
        reader = PdfFileReader(BytesIO(pdf))
        signature = reader.embedded_signatures[0]
        context = ValidationContext(trust_roots=trust_roots, allow_fetching=allow_fetching)
        paths = asyncio.run(collect_validation_info(signature, context))
        writer = MetadataKeepingWriter(BytesIO(pdf))
        DocumentSecurityStore.supply_dss_in_writer(writer, signature.pkcs7_content.hex().encode("ascii"),
                                                   validation_context=context, paths=paths, embed_roots=True)
        out = BytesIO()
        writer.write(out)  # type: ignore[no-untyped-call]  # unannotated in pyhanko
        return out.getvalue()

    try:
        # asyncio.run cannot nest in a running loop (see sign_pdf)
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(run).result()
    except Exception as exc:  # pyHanko's path building and fetching raise many kinds
        raise SigningError(f"The validation data for the signature cannot be collected ({exc}); check "
                           "BUYCLEAN_TSA_TRUST_CERTS and the signing certificate's chain.") from exc
