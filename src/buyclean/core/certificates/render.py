"""Render a certificate to PDF/A-3b: Jinja fills templates/certificate.html, WeasyPrint lays it out.

WeasyPrint fetches nothing but the template's own assets (templates/certificate/): text from an uploaded EPD ends
up in the page, and a product named ``<img src="file:///etc/passwd">`` must stay text, never become a request.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import mimetypes
import threading
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname
from xml.etree import ElementTree

import cssselect2
import jinja2
import segno
from markupsafe import Markup
from weasyprint import CSS, HTML, Attachment, URLFetcher
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from buyclean.core.certificates.data import CertificateData
from buyclean.core.certificates.scale import tier_scale
from buyclean.resources import certificate_assets_dir, templates_dir

log = logging.getLogger(__name__)

TEMPLATES_DIR = templates_dir()
ASSETS_DIR = certificate_assets_dir()
TEMPLATE = "certificate.html"
STYLESHEET = ASSETS_DIR / "certificate.css"
PDF_VARIANT = "pdf/a-3b"
# Replaces WeasyPrint's user-agent stylesheet (html5_ua.css) for the certificate: that sheet's ::marker and
# ::footnote-*/::note-* rules give every element six pseudo-element styles to compute, and its h1/h2 rules add PDF
# bookmarks. certificate.css sets every margin, size and weight itself, so the page looks the same either way.
USER_AGENT_CSS = """
html, body, div, p, h1, h2, header, footer, section { display: block }
head, title, meta, style, script, link, template { display: none }
b, strong { font-weight: bold }
br::before { content: "\\A"; white-space: pre-line }
svg { overflow: hidden }
"""


class RefusedUrl(ValueError):
    """A URL outside the certificate's own assets; WeasyPrint logs it and leaves the resource out."""


class AssetsOnlyFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint ships no type hints
    """Serve files under one folder and refuse every other URL (file, http, data, ftp...), noting what it refused."""

    def __init__(self, root: Path = ASSETS_DIR) -> None:
        super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False)
        self.root = root.resolve()
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Return a file under the root folder; raise RefusedUrl for anything else (no network, no other file)."""
        parts = urlsplit(url)
        path = Path(url2pathname(unquote(parts.path))).resolve() if parts.scheme == "file" and not parts.netloc \
            else None
        if path is None or not path.is_relative_to(self.root) or not path.is_file():
            self.refused.append(url)
            raise RefusedUrl(f"refused {url[:200]!r}: a certificate loads only its own assets from {self.root}")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})


T = TypeVar("T")


def once_per_process(build: Callable[[], T]) -> Callable[[], T]:
    """Make ``build`` run once per process, even when threads ask at the same time; later calls return its result."""
    lock = threading.Lock()
    made: list[T] = []

    @wraps(build)
    def get() -> T:
        with lock:
            if not made:
                made.append(build())
            return made[0]

    return get


@once_per_process
def font_config() -> FontConfiguration:
    """Return the process's one FontConfiguration (building it scans the system fonts)."""
    return FontConfiguration()


@once_per_process
def stylesheet() -> CSS:
    """Return templates/certificate/certificate.css parsed once per process (through the strict fetcher)."""
    return CSS(url=STYLESHEET.as_uri(), url_fetcher=AssetsOnlyFetcher(), font_config=font_config())


@once_per_process
def user_agent_stylesheet() -> CSS:
    """Return the certificate's user-agent stylesheet, parsed once per process."""
    return CSS(string=USER_AGENT_CSS, font_config=font_config())


class CertificateHTML(HTML):  # type: ignore[misc]  # weasyprint ships no type hints
    """An HTML document styled by the certificate's own small user-agent stylesheet instead of WeasyPrint's."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        # WeasyPrint's hook for its user-agent sheets (private; a test checks it is still called)
        return [user_agent_stylesheet()]

    @classmethod
    def from_xhtml(cls, html: str, *, base_url: str, url_fetcher: URLFetcher) -> CertificateHTML:
        """Read the page with the C XML parser, or with WeasyPrint's HTML5 parser when it is not well-formed XML.

        templates/certificate.html is written as XHTML, and its values are escaped by Jinja, so it parses as XML;
        that takes 0.2 ms where the HTML5 parser took 9. Text from an EPD may still hold a character XML forbids
        (a control character): that page goes through the HTML5 parser, which accepts it. The object is what
        WeasyPrint's HTML(string=...) makes (70: the same attributes); a test checks both render the same bytes.
        """
        try:
            root = ElementTree.fromstring(html)
        except ElementTree.ParseError as exc:
            log.info("Certificate page is not well-formed XML (%s); reading it as HTML5.", exc)
            return cls(string=html, base_url=base_url, url_fetcher=url_fetcher)
        page: CertificateHTML = cls.__new__(cls)
        page.base_url = base_url
        page.url_fetcher = url_fetcher
        page.media_type = "print"
        page.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
        page.etree_element = page.wrapper_element.etree_element
        return page


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _num
    return env


def _num(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def qr_svg(url: str) -> str:
    """Return the QR code of ``url`` as an inline SVG element (error correction M survives a creased print-out).

    One module per user unit and one path of horizontal runs; the stylesheet gives it its printed size.
    """
    # segno scores all eight masks (about half the time here); ISO/IEC 18004 7.8.3 says the lowest-penalty mask
    # shall be used, so no fixed mask
    qr = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    # with its namespace: the page is read as XHTML, where an svg element is SVG only in the SVG namespace
    qr.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, scale=1, border=2, title=None, dark="#111",
            omitsize=True, svgclass=None, lineclass=None)
    return out.getvalue().decode("utf-8")


def certificate_html(data: CertificateData) -> str:
    """Return the certificate page as HTML: every value from the data is escaped by Jinja."""
    scale = tier_scale(gwp=data.gwp, unit=data.unit, limits=[(t.label, t.limit) for t in data.tiers])
    return _environment().get_template(TEMPLATE).render(
        # no text from the data in the SVGs; a self-check has no verify URL and so no QR code
        c=data, scale=scale, scale_svg=Markup(scale.svg), qr=Markup(qr_svg(data.verify_url)) if data.verify_url else "",
        # Fixed metadata dates from the data, so the same certificate renders to the same bytes.
        stamp=f"{data.issued_on.isoformat()}T00:00:00Z",
    )


def html_to_pdf(html: str, *, attachments: list[Attachment] | None = None,
                url_fetcher: AssetsOnlyFetcher | None = None) -> bytes:
    """Lay out HTML as PDF/A-3b with the certificate's assets as the only reachable files."""
    fetcher = url_fetcher or AssetsOnlyFetcher()
    document = CertificateHTML.from_xhtml(html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=fetcher)
    # The stylesheet is parsed once per process and handed over, rather than linked from the page: a warm
    # render then skips fetching and parsing it.
    pdf: bytes = document.write_pdf(font_config=font_config(), stylesheets=[stylesheet()], pdf_variant=PDF_VARIANT,
                                    attachments=attachments, finisher=_list_attachments_once)
    return pdf


def _list_attachments_once(document: Any, pdf: Any) -> None:
    """Keep one entry per attachment in the catalog's /AF (ISO 19005-3, 6.8: the associated files).

    WeasyPrint 70 (pdf/pdfa.py) adds each file specification to /AF twice: once from the /EmbeddedFiles name tree
    and once from its scan for /Filespec objects. Both entries are the same "N 0 R" reference.
    """
    listed = pdf.catalog.get("AF")
    if listed is None:
        return
    seen: set[str] = set()
    unique = [ref for ref in listed if not (str(ref) in seen or seen.add(str(ref)))]  # type: ignore[func-returns-value]
    listed.clear()
    listed.extend(unique)


def _attachment(name: str, text: str, description: str, when: dt.datetime,
                fetcher: AssetsOnlyFetcher) -> Attachment:
    # given the page's fetcher, WeasyPrint builds no default one (an urllib opener) per attachment
    return Attachment(string=text.encode("utf-8"), name=name, description=description, created=when,
                      modified=when, relationship="Data", url_fetcher=fetcher)


def render_certificate(data: CertificateData, *, url_fetcher: AssetsOnlyFetcher | None = None) -> bytes:
    """Render one certificate page to PDF/A-3b with the assessment and the certificate's statements attached."""
    when = dt.datetime.combine(data.issued_on, dt.time(), tzinfo=dt.UTC)
    fetcher = url_fetcher or AssetsOnlyFetcher()
    attachments = [
        _attachment("assessment.json", data.assessment_json,
                    "The buyclean assessment this certificate rests on (buyclean-assessment/1)", when, fetcher),
        _attachment("certificate.json", json.dumps(data.summary(), ensure_ascii=False, indent=1),
                    "What this certificate states, as data (buyclean-certificate/1)", when, fetcher),
    ]
    return html_to_pdf(certificate_html(data), attachments=attachments, url_fetcher=fetcher)
