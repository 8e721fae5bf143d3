"""Benchmark certificates: warm render + sign against WeasyPrint's floor, and memory over many certificates.

Run: .venv/bin/python bench/bench_certificates.py [--runs 30] [--many 500] [--profile]

The budget (issue 5) is a warm render + sign under 100 ms median, judged as a ratio to WeasyPrint rendering a one-line
page (the floor) in the same run: absolute times vary with the machine (the development machine's floor has been 5.4
to 7.6 ms when quiet and 12-14 ms on a slower day). 100 ms at the median quiet floor (6.9 ms) is 14.5x; at the slowest
quiet floor seen (7.6 ms), 13.2x. The run judges the ratio against both. Signing keys are RSA-3072 (issue 17: PDF/A-3b
after signing). A time-stamped signature (PAdES B-T) is reported separately, against pyHanko's in-process dummy
authority with the authority's own time taken out (in service that time is the TSA's round trip, not ours); and a
batch of 100 certificates, per certificate (issue 17: issuing 100 stays within the budget). Memory is flat when the
resident set after --many certificates is within a few MB of the one after a tenth of them. --profile prints where one
certificate's time goes (median per phase, CPU time so that other processes on the machine count less) and the
cProfile of ten certificates.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.timestamps import DummyTimeStamper
from weasyprint import HTML

from buyclean.core.certificates import (
    CertificateData,
    certificate_data,
    certificate_html,
    certificate_number,
    font_config,
    load_or_create_signer,
    render_certificate,
    sign_pdf,
)
from buyclean.core.certificates.render import ASSETS_DIR, PDF_VARIANT, AssetsOnlyFetcher, CertificateHTML, stylesheet
from buyclean.core.pipeline import check_bytes
from buyclean.core.rules import load_rulesets

ROOT = Path(__file__).resolve().parents[1]
EPD = ROOT / "tests" / "data" / "native" / "ready_mix_4000.json"
BUDGET_MS = 100.0
REFERENCE_FLOOR_MS = 6.9  # median of the development machine's quiet floors, 2026-11-28 and 29
STRICT_FLOOR_MS = 7.6  # the slowest of them
FLAT_MB = 10.0  # allowed growth of the resident set between a tenth and all of --many certificates


def rss_mb() -> float:
    """Return the current resident set size in MB (Linux /proc; the peak from getrusage would hide a release)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def medians_ms(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, tuple[float, float]]:
    """Return the median wall and CPU time of each function in milliseconds, timed in turn within each round.

    Alternating keeps the floor and the certificate under the same load when other processes come and go; timing
    one after the other let the ratio swing from 15x to 25x on a shared machine. CPU time (this process only)
    moves less with the load than wall time.
    """
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {name: (statistics.median(w for w, _ in spent) * 1000, statistics.median(c for _, c in spent) * 1000)
            for name, spent in times.items()}


PHASES = ("template, scale and QR code", "WeasyPrint: parse HTML", "WeasyPrint: styles + layout",
          "WeasyPrint: draw + write PDF", "pyHanko: sign")


def print_phases(data: CertificateData, signer: SimpleSigner, runs: int) -> None:
    """Print the median CPU time of each phase of one certificate (attachments left out: under 1 ms)."""
    times: dict[str, list[float]] = {name: [] for name in PHASES}
    for _ in range(runs):
        clock = [time.process_time()]
        html = certificate_html(data)
        clock.append(time.process_time())
        page = CertificateHTML.from_xhtml(html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=AssetsOnlyFetcher())
        clock.append(time.process_time())
        document = page.render(font_config=font_config(), stylesheets=[stylesheet()], pdf_variant=PDF_VARIANT)
        clock.append(time.process_time())
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        clock.append(time.process_time())
        sign_pdf(pdf, signer)
        clock.append(time.process_time())
        for name, start, end in zip(PHASES, clock, clock[1:], strict=False):
            times[name].append(end - start)
    print("phases (median CPU ms of one certificate)")
    for name, spent in times.items():
        print(f"  {name:<30} {statistics.median(spent) * 1000:8.1f}")


class TimedDummyTimeStamper(DummyTimeStamper):
    """pyHanko's in-process authority, keeping the time it spends answering (to take it out of the figure)."""

    spent_s: float = 0.0

    async def async_request_tsa_response(self, req: object) -> object:
        start = time.perf_counter()
        try:
            return await super().async_request_tsa_response(req)  # type: ignore[arg-type]
        finally:
            self.spent_s += time.perf_counter() - start


def dummy_authority() -> TimedDummyTimeStamper:
    """A self-signed RSA time-stamping certificate for the in-process authority."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench TSA")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=9))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(key, hashes.SHA256()))
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return TimedDummyTimeStamper(tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
                                 tsa_key=asn1_keys.PrivateKeyInfo.load(der))


def main(argv: list[str] | None = None) -> int:
    """Print the timing and memory table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--many", type=int, default=500)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    ruleset = load_rulesets()["gsa-ira-lec"]
    assessment = check_bytes(EPD.read_bytes(), EPD.name, [ruleset], dt.date(2025, 6, 30))
    instance = Path(tempfile.mkdtemp(prefix="buyclean-bench-"))
    signer = load_or_create_signer(instance)
    fonts = font_config()

    def data() -> CertificateData:
        number = certificate_number()
        return certificate_data(assessment, 0, ruleset, number=number, issuer="buyclean bench",
                                verify_url=f"https://buyclean.example.org/verify/{number}",
                                issued_on=dt.date(2025, 7, 1))

    def certify() -> bytes:
        return sign_pdf(render_certificate(data()), signer)

    def floor() -> bytes:
        pdf: bytes = HTML(string='<p style="font-family: \'DejaVu Sans\'">One line.</p>').write_pdf(font_config=fonts)
        return pdf

    for _ in range(3):  # warm: fonts scanned, stylesheet parsed, template compiled
        certify()
        floor()
    if args.profile:
        print_phases(data(), signer, args.runs)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(10):
            certify()
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return 0
    authority = dummy_authority()

    def certify_timestamped() -> bytes:
        return sign_pdf(render_certificate(data()), signer, timestamper=authority)

    certify_timestamped()
    medians = medians_ms({"floor": floor, "certificate": certify}, args.runs)
    (floor_ms, floor_cpu_ms), (cert_ms, cert_cpu_ms) = medians["floor"], medians["certificate"]
    # time-stamped: the authority's own time (its signature, in process here; a round trip in service) taken out
    stamped: list[float] = []
    for _ in range(args.runs):
        before, start = authority.spent_s, time.perf_counter()
        certify_timestamped()
        stamped.append(time.perf_counter() - start - (authority.spent_s - before))
    stamped_ms = statistics.median(stamped) * 1000
    # CPU time (this process): a batch cannot alternate with the floor, and wall time then moves with the load
    batch_start = time.process_time()
    for _ in range(100):
        certify()
    batch_cpu_ms = (time.process_time() - batch_start) * 1000 / 100

    gc.collect()
    tenth = max(args.many // 10, 1)
    for _ in range(tenth):
        certify()
    gc.collect()
    rss_tenth = rss_mb()
    for _ in range(args.many - tenth):
        certify()
    gc.collect()
    rss_all = rss_mb()
    growth = rss_all - rss_tenth

    ratio, budget, strict = cert_ms / floor_ms, BUDGET_MS / REFERENCE_FLOOR_MS, BUDGET_MS / STRICT_FLOOR_MS
    rows = [
        ("floor: one-line page", f"{floor_ms:.1f} ms", ""),
        ("render + sign (median)", f"{cert_ms:.1f} ms", f"{BUDGET_MS:.0f} ms is for the reference floor"),
        ("ratio to floor", f"{ratio:.1f}x", "PASS" if ratio < budget else f"over {budget:.1f}x"),
        ("  strictest budget", f"{strict:.1f}x", "PASS" if ratio < strict else "over"),
        (f"  at a {REFERENCE_FLOOR_MS} ms floor", f"{ratio * REFERENCE_FLOOR_MS:.1f} ms", ""),
        ("time-stamped (B-T), median", f"{stamped_ms:.1f} ms",
         f"{stamped_ms / floor_ms:.1f}x the floor, authority's time excluded"),
        ("100 certificates, CPU each", f"{batch_cpu_ms:.1f} ms", f"{batch_cpu_ms / floor_cpu_ms:.1f}x the floor's CPU: "
         + ("PASS" if batch_cpu_ms / floor_cpu_ms < budget else f"over {budget:.1f}x")),
        ("CPU: certificate / floor", f"{cert_cpu_ms:.1f} / {floor_cpu_ms:.1f} ms",
         f"{cert_cpu_ms / floor_cpu_ms:.1f}x"),
        (f"RSS after {tenth}", f"{rss_tenth:.1f} MB", ""),
        (f"RSS after {args.many}", f"{rss_all:.1f} MB", "flat" if growth <= FLAT_MB else "GROWING"),
        ("growth per certificate", f"{growth * 1024 / max(args.many - tenth, 1):.2f} KB", ""),
    ]
    print(f"certificates ({args.runs} warm runs, {args.many} for memory)")
    for name, value, verdict in rows:
        print(f"  {name:<26} {value:>12}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
