"""Render realistic North American EPDs to PDF with WeasyPrint; the expected values are known by construction."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from typing import Any

YD3_IN_M3 = 0.764555
SHORT_TON_IN_T = 0.907185

_CSS = """
@page { size: Letter; margin: 18mm; }
body { font-family: sans-serif; font-size: 9pt; }
h1 { font-size: 16pt; } h2 { font-size: 11pt; margin-top: 14pt; }
table { border-collapse: collapse; width: 100%; margin-top: 6pt; page-break-inside: avoid; }
h2 { page-break-after: avoid; }
td, th { border: 0.5pt solid #888; padding: 3pt 5pt; text-align: right; }
td:first-child, th:first-child, td:nth-child(2), th:nth-child(2) { text-align: left; }
.meta td { text-align: left; border: none; }
"""


_FONT_CONFIG: Any = None


def font_config() -> Any:
    """Return the one WeasyPrint FontConfiguration shared by every render in this module (built on first use)."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


@dataclass
class GeneratedEpd:
    """A generated EPD: its HTML and what a reader should find in it.

    ``expected`` is a list of per-product dicts for the five fixed documents, and a dict (see :func:`family`) for
    the generated family. For a family document the products' ``page`` is filled in by :meth:`pdf` (the page of
    the printed TRACI GWP cell), and is None until then.
    """

    name: str
    html: str
    expected: Any = field(default_factory=list)
    declared_unit: str = ""
    _pdf: bytes | None = field(default=None, init=False, repr=False, compare=False)

    def pdf(self) -> bytes:
        """Render the HTML to PDF bytes (once; later calls return the same bytes)."""
        if self._pdf is None:
            from weasyprint import HTML

            doc = HTML(string=self.html).render(font_config=font_config())
            if isinstance(self.expected, dict):
                for number, page in enumerate(doc.pages, start=1):
                    for anchor in page.anchors:
                        if anchor.startswith("gwp-"):
                            self.expected["products"][int(anchor[4:])]["page"] = number
            for page in doc.pages:  # no named destinations in the PDF: they would name the cells to a reader
                page.anchors.clear()
            self._pdf = doc.write_pdf()
        return self._pdf


def _page(title: str, meta: list[tuple[str, str]], body: str) -> str:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in meta)
    return (f"<html><head><style>{_CSS}</style></head><body><h1>Environmental Product Declaration</h1>"
            f"<h2>{title}</h2><table class='meta'>{rows}</table>{body}</body></html>")


def _meta(operator: str, number: str, owner: str, unit: str) -> list[tuple[str, str]]:
    return [("Program Operator", operator), ("Declaration Number", number), ("Manufacturer", owner),
            ("Date of Issue", "2024-03-15"), ("Valid Until", "2029-03-14"), ("Declared Unit", unit),
            ("Verification", "This EPD was independently verified by a third-party verifier (external).")]


def ready_mix(yd3_factor: float = YD3_IN_M3) -> GeneratedEpd:
    """Return a product-specific ready-mix EPD with four mixes, per m3 and per yd3 columns, strengths in psi.

    ``yd3_factor`` turns the per-m3 GWP into the per-yd3 column; anything but 0.764555 prints columns that disagree.
    """
    mixes = [("RM-3000-A", 3000, 251.4), ("RM-4000-B", 4000, 289.7), ("RM-5000-C", 5000, 331.2),
             ("RM-6000-HE", 6000, 402.8)]
    body = ["<p>Scope: cradle to gate (A1-A3); modules A4-D are not declared (MND). Results calculated with "
            "TRACI 2.1 per ISO 21930 and the NSF PCR for Concrete v2.1.</p>"]
    expected = []
    for name, psi, gwp in mixes:
        a1, a2 = round(gwp * 0.82, 1), round(gwp * 0.07, 1)
        a3 = round(gwp - a1 - a2, 1)
        body.append(
            f"<h2>Results for mix: {name} {psi} psi</h2><table><tr><th>Impact category</th><th>Unit</th><th>A1</th>"
            f"<th>A2</th><th>A3</th><th>A1-A3 per m3</th><th>A1-A3 per yd3</th></tr>"
            f"<tr><td>Global warming potential (GWP)</td><td>kg CO2 eq</td><td>{a1:.1f}</td><td>{a2:.1f}</td>"
            f"<td>{a3:.1f}</td><td>{gwp:.1f}</td><td>{gwp * yd3_factor:.1f}</td></tr>"
            f"<tr><td>Ozone depletion potential (ODP)</td><td>kg CFC-11 eq</td><td>5.21E-06</td><td>1.02E-08</td>"
            f"<td>3.3E-07</td><td>5.55E-06</td><td>{5.55e-06 * YD3_IN_M3:.2E}</td></tr>"
            f"<tr><td>Acidification potential (AP)</td><td>kg SO2 eq</td><td>0.72</td><td>0.12</td><td>0.05</td>"
            f"<td>0.89</td><td>{0.89 * YD3_IN_M3:.2f}</td></tr></table>")
        expected.append({"name": name, "gwp": gwp, "per": "m3", "psi": psi})
    html = _page("Ready Mixed Concrete, Plant 12, Springfield", _meta(
        "NSF International", "EPD10999", "Acme Ready Mix LLC", "1 m3 of ready mixed concrete"), "".join(body))
    return GeneratedEpd("ready_mix", html, expected, "m3")


def steel(short_ton_factor: float = SHORT_TON_IN_T) -> GeneratedEpd:
    """Return an EAF hot-rolled sections EPD per metric ton with a per short ton column (``short_ton_factor``)."""
    gwp = 742.0
    body = ("<p>Hot-rolled structural steel sections (wide-flange beams) produced by the electric arc furnace (EAF) "
            "route. Cradle to gate.</p><table><tr><th>Indicator</th><th>Unit</th><th>A1</th><th>A2</th><th>A3</th>"
            "<th>A1-A3 (per metric ton)</th><th>A1-A3 (per short ton)</th></tr>"
            f"<tr><td>GWP (TRACI 2.1)</td><td>kg CO2 eq</td><td>4.12E+02</td><td>3.10E+01</td><td>2.99E+02</td>"
            f"<td>{gwp:.3E}</td><td>{gwp * short_ton_factor:.3E}</td></tr></table>")
    html = _page("Hot-Rolled Structural Sections", _meta(
        "UL Environment", "4790012345.101.1", "Midwest Steel Mill Inc.", "1 metric ton of hot-rolled steel"), body)
    return GeneratedEpd("steel", html, [{"name": None, "gwp": gwp, "per": "t"}], "t")


def asphalt() -> GeneratedEpd:
    """Return an asphalt mixture EPD per short ton with only A1, A2 and A3 given (no total)."""
    a1, a2, a3 = 38.21, 6.47, 13.02
    body = ("<p>Hot mix asphalt, 12.5 mm surface mix, 20% RAP. Cradle to gate.</p><table><tr><th>Indicator</th>"
            "<th>Unit</th><th>A1</th><th>A2</th><th>A3</th></tr>"
            f"<tr><td>Global Warming Potential</td><td>kg CO2 eq</td><td>{a1}</td><td>{a2}</td><td>{a3}</td></tr>"
            "<tr><td>Smog formation potential</td><td>kg O3 eq</td><td>2.1</td><td>0.9</td><td>0.4</td></tr></table>")
    html = _page("Asphalt Mixture HMA 12.5", _meta(
        "NAPA Emerald Eco-Label", "NAPA-2024-0042", "Valley Paving Co.", "1 short ton of asphalt mixture"), body)
    return GeneratedEpd("asphalt", html, [{"name": None, "gwp": round(a1 + a2 + a3, 2), "per": "short_ton",
                                           "modules": "A1+A2+A3"}], "short_ton")


def flat_glass() -> GeneratedEpd:
    """Return a flat (float) glass EPD per metric ton."""
    gwp = 1286.0
    body = ("<p>Clear float glass, 3-19 mm. Cradle to gate (A1-A3).</p><table><tr><th>Indicator</th><th>Unit</th>"
            "<th>A1-A3</th></tr>"
            f"<tr><td>GWP</td><td>kg CO2 eq</td><td>{gwp:,.1f}</td></tr>"
            "<tr><td>ODP</td><td>kg CFC-11 eq</td><td>1.2E-05</td></tr></table>")
    html = _page("Clear Float Glass", _meta(
        "SCS Global Services", "SCS-EPD-08123", "Northern Float Glass Corp.", "1 metric ton of flat glass"), body)
    return GeneratedEpd("flat_glass", html, [{"name": None, "gwp": gwp, "per": "t"}], "t")


def split_table() -> GeneratedEpd:
    """Return an EN 15804+A2 EPD whose results table starts at the foot of page 1 and ends on page 2 unrepeated."""
    gwp = 3.117
    filler = "".join(f"<p>Scenario and data quality note {i}: background data from the 2023 database.</p>"
                     for i in range(22))
    others = "".join(f"<tr><td>Indicator {code}</td><td>unit</td><td>1.00E-0{k % 9}</td><td>2.00E-01</td>"
                     f"<td>3.00E-01</td><td>4.00E-01</td></tr>"
                     for k, code in enumerate(["ODP", "AP", "EP-freshwater", "EP-marine", "EP-terrestrial", "POCP",
                                               "ADPE", "ADPF", "WDP", "PM", "IRP", "ETP-fw", "HTP-c", "HTP-nc",
                                               "SQP", "PERE", "PERM", "PERT", "PENRE"]))
    body = (f"<p>Cradle to gate with options, modules C1-C4 and D.</p>{filler}"
            "<table style='page-break-inside: auto'><tr><th>Core indicator</th><th>Unit</th><th>A1-A3</th>"
            f"<th>C3</th><th>C4</th><th>D</th></tr>{others}"
            f"<tr><td>GWP-fossil</td><td>kg CO2 eq</td><td>3.251E+00</td><td>1.1E-01</td><td>2.0E-02</td>"
            f"<td>-4.1E-01</td></tr><tr><td>GWP-total</td><td>kg CO2 eq</td><td>{gwp:.3E}</td><td>1.2E-01</td>"
            "<td>2.1E-02</td><td>-4.0E-01</td></tr></table>")
    html = _page("Gypsum Fibre Board 12.5 mm", _meta(
        "Institut Bauen und Umwelt e.V. (IBU)", "EPD-GFB-20240012-IBA1-EN", "Board Works GmbH",
        "1 m2 of board, 12.5 mm thick"), body)
    return GeneratedEpd("split_table", html, [{"name": None, "gwp": gwp, "per": "m2"}], "m2")


def many_pages(count: int) -> bytes:
    """Return a PDF with ``count`` near-empty pages."""
    from weasyprint import HTML

    html = "".join(f"<p style='page-break-after: always'>Page {i + 1}</p>" for i in range(count))
    return HTML(string=f"<html><body>{html}</body></html>").write_pdf(  # type: ignore[no-any-return]
        font_config=font_config())


ALL = (ready_mix, steel, asphalt, flat_glass, split_table)


# ======================================================================================================================
# A family of generated North American EPDs: family(seed)
# ======================================================================================================================

MPA_TO_PSI = 145.0377
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_NUMERIC_DATE_STYLES = ("us_numeric", "eu_numeric", "dmy_slash")


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def _e(text: str) -> str:
    return escape(text, quote=False)


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _ordinal(n: int) -> str:
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _date_text(d: date, style: str) -> str:
    month = _MONTHS[d.month - 1]
    return {
        "us_long": f"{month} {d.day}, {d.year}",
        "us_ordinal": f"{month} {_ordinal(d.day)}, {d.year}",
        "us_ordinal_dot": f"{month} {_ordinal(d.day)} . {d.year}",
        "us_numeric": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "iso": d.isoformat(),
        "eu_numeric": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dmy_slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "eu_long": f"{d.day} {month} {d.year}",
    }[style]


@dataclass(frozen=True)
class _Operator:
    names: tuple[str, ...]
    region: str  # "us", "ca" or "eu"
    address: str
    website: str


_OPERATORS = {
    "nsf": _Operator(("NSF International", "NSF Certification LLC"), "us",
                     "789 N. Dixboro Road, Ann Arbor, MI 48105", "www.nsf.org"),
    "astm": _Operator(("ASTM International",), "us", "100 Barr Harbor Drive, West Conshohocken, PA 19428",
                      "www.astm.org"),
    "ul": _Operator(("UL Environment", "UL Solutions"), "us", "333 Pfingsten Road, Northbrook, IL 60062",
                    "www.ul.com"),
    "scs": _Operator(("SCS Global Services",), "us", "2000 Powell Street, Ste. 600, Emeryville, CA 94608",
                     "www.SCSglobalServices.com"),
    "smart": _Operator(("Smart EPD",), "us", "585 Grove St., Ste. 145 PMB 1070, Herndon, VA 20170",
                       "www.smartepd.com"),
    "nrmca": _Operator(("NRMCA", "National Ready Mixed Concrete Association (NRMCA)"), "us",
                       "66 Canal Center Plaza, Suite 250, Alexandria, VA 22314", "www.nrmca.org"),
    "napa": _Operator(("NAPA Emerald Eco-Label", "National Asphalt Pavement Association (NAPA)"), "us",
                      "6406 Ivy Lane, Suite 350, Greenbelt, MD 20770", "www.asphaltpavement.org"),
    "csa": _Operator(("CSA Group",), "ca", "178 Rexdale Blvd, Toronto, ON M9W 1R3", "www.csagroup.org"),
    "environdec": _Operator(("EPD International AB", "The International EPD System"), "eu",
                            "Box 210 60, SE-100 31 Stockholm, Sweden", "www.environdec.com"),
    "ibu": _Operator(("Institut Bauen und Umwelt e.V. (IBU)",), "eu", "Hegelplatz 1, 10117 Berlin, Germany",
                     "ibu-epd.com"),
    "norway": _Operator(("EPD-Norge", "The Norwegian EPD Foundation"), "eu",
                        "Post Box 5250 Majorstuen, 0303 Oslo, Norway", "www.epd-norge.no"),
}

_OPERATOR_WEIGHTS = {
    "concrete": {"nsf": 20, "nrmca": 18, "astm": 9, "smart": 10, "csa": 9, "ul": 6, "scs": 8, "environdec": 10,
                 "ibu": 4, "norway": 6},
    "steel": {"scs": 18, "ul": 22, "astm": 10, "smart": 14, "nsf": 5, "csa": 6, "environdec": 12, "ibu": 7,
              "norway": 6},
    "asphalt": {"napa": 55, "smart": 10, "astm": 8, "nsf": 8, "csa": 7, "norway": 7, "environdec": 5},
    "flat_glass": {"nsf": 30, "ul": 14, "scs": 14, "environdec": 16, "ibu": 12, "smart": 8, "csa": 6},
    "cement": {"astm": 28, "nsf": 10, "csa": 18, "smart": 10, "scs": 8, "environdec": 16, "ul": 10},
}

_PCRS = {
    "concrete": {
        "na": ["NSF PCR for Concrete, version 2.1 (August 2021)", "PCR for Concrete, NSF International, v2.1",
               "Product Category Rules for Concrete, NSF International, Version 2.1, 2021",
               "ASTM PCR for Concrete (adopting the NSF PCR for Concrete v2.1, 2021)"],
        "eu": ["EN 15804:2012+A2:2019 and EN 16757:2022 (c-PCR-003 Concrete and concrete elements)",
               "PCR 2019:14 Construction products, version 1.3.4, and c-PCR-003 (EN 16757)",
               "NPCR 020:2022 Part B for Concrete and concrete elements, version 2.0"]},
    "steel": {
        "na": ["Part B: Designated Steel Construction Product EPD Requirements, UL Environment, v2.0 (2020)",
               "PCR Guidance for Building-Related Products and Services, Part B: Designated Steel Construction "
               "Product EPD Requirements, UL 10010-34, v2.0",
               "SCS PCR for Steel Products, version 1.1 (2022)"],
        "eu": ["PCR 2019:14 Construction products v1.3.4 and c-PCR-013 Steel and aluminium construction products",
               "IBU PCR Part B: Structural steels, v1.8 (2023)",
               "NPCR 013:2021 Part B for Steel and aluminium construction products, version 4.0"]},
    "asphalt": {
        "na": ["NAPA Product Category Rules for Asphalt Mixtures, version 2.0 (2022)",
               "PCR for Asphalt Mixtures, NAPA, v1.0 (2017)"],
        "eu": ["NPCR 025:2021 Part B for Asphalt, version 1.1", "PCR 2019:14 Construction products v1.3.4"]},
    "flat_glass": {
        "na": ["NSF PCR for Flat Glass, version 2.0 (2021)",
               "PCR for Flat Glass: UN CPC 3711, NSF International, v1.0"],
        "eu": ["EN 15804:2012+A2:2019 and EN 17074:2019 Glass in building",
               "IBU PCR Part B: Flat glass in building, v1.6"]},
    "cement": {
        "na": ["NSF PCR for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic (Stucco) Cements, v3.2 (2023)",
               "PCR for Cement, NSF International, v3.1 (2021)"],
        "eu": ["EN 15804:2012+A2:2019 and EN 16908:2017+A1:2022 Cement and building lime",
               "c-PCR-001 Cement and building lime (EN 16908), 2023"]},
}

_CITIES = [("Springfield", "IL", "62703"), ("Fresno", "CA", "93721"), ("Dallas", "TX", "75212"),
           ("Columbus", "OH", "43215"), ("Denver", "CO", "80216"), ("Charlotte", "NC", "28206"),
           ("Tacoma", "WA", "98421"), ("Blytheville", "AR", "72315"), ("Phoenix", "AZ", "85043"),
           ("Albany", "NY", "12205"), ("St. Paul", "MN", "55107"), ("Baltimore", "MD", "21226"),
           ("Newark", "NJ", "07105"), ("Orlando", "FL", "32805"), ("Mississauga", "ON", "L5T 2N7"),
           ("Calgary", "AB", "T2C 4L7"), ("Laval", "QC", "H7L 5A1")]
_STREETS = ["Industrial Pkwy", "Quarry Road", "River Street", "Commerce Drive", "Mill Avenue", "Rail Spur Road",
            "County Road 12", "Harbor Blvd", "Foundry Lane", "Gateway Blvd", "Kiln Road", "Plant Road"]
_MAKERS = {
    "concrete": (["Acme", "Blue Ridge", "Cascade", "Prairie", "Summit", "Gulf Coast", "Keystone", "Lakeshore",
                  "Red Rock", "Tri-County", "Granite State", "Sierra"],
                 ["Ready Mix", "Concrete", "Materials", "Redi-Mix", "Ready-Mix Concrete"]),
    "steel": (["Great Lakes", "Southern", "Atlas", "Keystone", "Cascade", "Prairie", "Ohio Valley", "Gulf"],
              ["Steel", "Steel Mills", "Tube", "Rolling Mills", "Steel Works"]),
    "asphalt": (["Valley", "Tri-State", "Summit", "Mountain", "Coastal", "Heartland"],
                ["Paving", "Asphalt", "Materials", "Construction"]),
    "flat_glass": (["Northern", "Clearview", "Lakeside", "Pacific", "Eastern"],
                   ["Float Glass", "Glass Works", "Glass"]),
    "cement": (["Prairie", "Lone Peak", "Keystone", "Gulf", "River Valley"], ["Cement", "Cement Company"]),
}
_LEGAL = ["LLC", "Inc.", "Co.", "Corp.", "Company"]
_ASSOCIATIONS = {
    "concrete": "National Ready Mixed Concrete Association (NRMCA)",
    "asphalt": "National Asphalt Pavement Association (NAPA)",
    "flat_glass": "National Glass Association (NGA)",
    "cement": "Portland Cement Association (PCA)",
    "rebar": "Concrete Reinforcing Steel Institute (CRSI)",
    "hot_rolled": "American Institute of Steel Construction (AISC)",
    "hss": "Steel Tube Institute (STI)",
    "sheet": "Steel Deck Institute (SDI)",
    "cold_formed": "Steel Framing Industry Association (SFIA)",
    "plate": "Steel Manufacturers Association (SMA)",
    "merchant_bar": "Steel Manufacturers Association (SMA)",
}
_PRACTITIONERS = ["Climate Earth, Inc.", "WAP Sustainability Consulting", "Sphera Solutions, Inc.",
                  "Athena Sustainable Materials Institute", "EarthShift Global", "thinkstep-anz", "Quantis US"]
_VERIFIERS = ["Jack Geibig, EcoForm", "Thomas P. Gloria, PhD, Industrial Ecology Consultants",
              "Lindita Bushi, PhD, Athena Sustainable Materials Institute", "Jenny Oorbeck, independent verifier",
              "Andrew Norman, Ramboll"]

_EPD_TYPE_TEXT = {
    "product_specific": ["Product-specific", "Product specific", "Product-specific EPD"],
    "plant_specific": ["Plant-specific", "Facility-specific", "Product- and plant-specific"],
    "company_average": ["Company average", "Manufacturer-specific average (several plants)"],
    "industry_average": ["Industry-wide", "Industry average", "Industry-wide (sector) EPD"],
}

# Indicators: key, short name, long name, unit, ratio to the product's GWP (in the same declared unit).
_IND = {
    "gwp": ("GWP", "Global warming potential", "", 1.0),
    "odp": ("ODP", "Ozone depletion potential", "kg CFC-11 eq", 1.1e-8),
    "ap": ("AP", "Acidification potential", "kg SO<sub>2</sub> eq", 2.6e-3),
    "ep": ("EP", "Eutrophication potential", "kg N eq", 3.1e-4),
    "sfp": ("SFP", "Smog formation potential", "kg O<sub>3</sub> eq", 5.2e-2),
    "ffd": ("FFD", "Fossil fuel depletion", "MJ surplus", 0.62),
    "penre": ("PENRE", "Non-renewable primary energy", "MJ, NCV", 5.6),
    "gwp_fossil": ("GWP-fossil", "Climate change - fossil", "", 1.03),
    "gwp_bio": ("GWP-biogenic", "Climate change - biogenic", "", -0.035),
    "gwp_luluc": ("GWP-luluc", "Climate change - land use and land use change", "", 0.0042),
    "ap_ef": ("AP", "Acidification", "mol H<sup>+</sup> eq", 3.3e-3),
    "ep_fw": ("EP-freshwater", "Eutrophication, freshwater", "kg P eq", 2.2e-5),
    "pocp": ("POCP", "Photochemical ozone formation", "kg NMVOC eq", 1.9e-3),
    "adpf": ("ADPF", "Depletion of abiotic resources, fossil", "MJ", 5.9),
    "ep_cml": ("EP", "Eutrophication", "kg PO<sub>4</sub><sup>3-</sup> eq", 4.4e-4),
    "pocp_cml": ("POCP", "Photochemical oxidation", "kg C<sub>2</sub>H<sub>4</sub> eq", 1.2e-4),
    "adpe": ("ADPE", "Abiotic depletion, elements", "kg Sb eq", 2.7e-7),
}
_METHOD_INDICATORS = {
    "traci": ["gwp", "odp", "ap", "ep", "sfp", "ffd", "penre"],
    "ef": ["gwp", "gwp_fossil", "gwp_bio", "gwp_luluc", "odp", "ap_ef", "ep_fw", "pocp", "adpf"],
    "cml": ["gwp", "odp", "ap", "ep_cml", "pocp_cml", "adpe", "adpf"],
}
_GWP_KEYS = ("gwp", "gwp_fossil", "gwp_bio", "gwp_luluc")
_MODULE_SETS = {"total": ("A1-A3",), "split_total": ("A1", "A2", "A3", "A1-A3"), "split": ("A1", "A2", "A3"),
                "iso": ("A1", "A2-A3", "A1-A3")}
_SHORT = {"m3": "m3", "yd3": "yd3", "t": "t", "short_ton": "short ton", "m2": "m2"}


@dataclass
class _NumFmt:
    kind: str  # plain, plain_comma, sci_E, sci_E_comma, sci_x10
    decimals: int  # decimals of GWP values (plain kinds) or of every mantissa (sci kinds)
    thousands: bool
    x10_all: bool

    def fmt(self, v: float, gwp: bool = True) -> tuple[str, str, float]:
        """Return (html, text, value) for ``v``: the cell's HTML, its text layer and the number it prints."""
        d = self.decimals
        if self.kind in ("sci_E", "sci_E_comma"):
            t = f"{v:.{d}E}"
            return (t.replace(".", ","),) * 2 + (float(t),) if self.kind == "sci_E_comma" else (t, t, float(t))
        small = v != 0 and abs(v) < 0.01
        if self.kind == "sci_x10":
            if small or (self.x10_all and abs(v) >= 10):
                mant, exp = f"{v:.{d}E}".split("E")
                return f"{mant}x10<sup>{int(exp)}</sup>", f"{mant}x10{int(exp)}", float(f"{mant}E{exp}")
            return self._sig3(v)
        comma = self.kind == "plain_comma"
        if small:
            t = f"{v:.2E}"
            return (t.replace(".", ","),) * 2 + (float(t),) if comma else (t, t, float(t))
        if not gwp:
            return self._sig3(v) if not comma else self._comma(v, _sig_decimals(v))
        if comma:
            return self._comma(v, d)
        t = f"{v:,.{d}f}" if self.thousands else f"{v:.{d}f}"
        return t, t, float(f"{v:.{d}f}")

    def _comma(self, v: float, d: int) -> tuple[str, str, float]:
        t = f"{round(v, d):.{max(d, 0)}f}"
        return t.replace(".", ","), t.replace(".", ","), float(t)

    def _sig3(self, v: float) -> tuple[str, str, float]:
        d = _sig_decimals(v)
        if d >= 0:
            t = f"{v:,.{d}f}" if self.thousands else f"{v:.{d}f}"
            return t, t, float(f"{v:.{d}f}")
        r = round(v, d)
        t = f"{r:,.0f}" if self.thousands else f"{r:.0f}"
        return t, t, float(r)


def _sig_decimals(v: float) -> int:
    """Decimals that print ``v`` with three significant digits (negative: round to tens, hundreds...)."""
    return 2 if v == 0 else 2 - math.floor(math.log10(abs(v)))


@dataclass
class _Prod:
    name: str
    description: str | None
    gwp_base: float  # true A1-A3 GWP per m3 (concrete) or per metric ton (everything else)
    frac: tuple[float, float, float]
    info: dict[str, Any]
    jitter: dict[str, float]
    method_f: dict[str, float]
    cells: dict[str, str] = field(default_factory=dict)  # extra column cells, already HTML
    mass_m2: float | None = None
    thickness: str | None = None
    group: str | None = None  # a group row above it in a mixes table


def _td(html: str, left: bool = False) -> str:
    return f"<td class='l'>{html}</td>" if left else f"<td>{html}</td>"


@dataclass
class _Col:
    head: str
    group: str | None = None
    left: bool = False


def family(seed: int) -> GeneratedEpd:
    """Return one North American EPD of a family that varies at random with ``seed`` (deterministic per seed).

    Building the HTML takes milliseconds; ``.pdf()`` renders it (well under a second for most documents, about
    two to three seconds of CPU for a plant table of 150-200 mixes) and fills in each product's ``page``.

    ``expected`` holds what the document prints: ``program_operator``, ``registration_number``, ``manufacturer``,
    ``plant`` (None for company and industry averages), ``issued`` and ``valid_until`` (ISO; ``valid_until`` is
    derived as issue date + 5 years when only a period is printed, ``valid_until_form`` "period"),
    ``date_order_ambiguous`` (a non-US operator printed numeric dates, all with day and month <= 12), ``epd_type``,
    ``pcr``, ``third_party_verified``, ``methods`` (canonical names of the method tables, in document order) and
    ``products``. A product carries its TRACI GWP A1-A3 per declared unit as printed, or the sum of the printed A1,
    A2 and A3 (``modules`` "A1+A2+A3"), ``gwp_by_unit`` for every unit printed, ``gwp_cells`` (the text of the
    printed cells summed into ``gwp_a1a3``), its material facts, ``description`` (None when no description is
    printed) and ``strength_days``. ``name`` is the mix number (or, in a mixes table without one, the mix
    description) or the product name as printed in its row, column or section heading. ``strength_text`` is the
    strength as the description prints it ("4000 PSI", "4,000 psi", "28 MPa"), or the f'c cell when no description
    is printed; ``strength_psi`` is the design strength (28-day unless ``strength_days`` says 56 or 90; never the
    early strength of a high-early mix), MPa times 145.0377. ``description`` (top level) names the choices made as
    ``key=value`` pairs separated by ``; ``.
    """
    return _Family(seed).build()


class _Family:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.desc: dict[str, str] = {}
        self.dates: list[tuple[date, str]] = []
        self.recorded: dict[tuple[int, str, str], tuple[str, float]] = {}
        self.anchored: set[int] = set()
        self.table_no = 0

    # ------------------------------------------------------------------------------------------------ choices
    def build(self) -> GeneratedEpd:
        rng = self.rng
        self.material = material = _pick(rng, {"concrete": 45, "steel": 25, "asphalt": 15, "flat_glass": 10,
                                               "cement": 5})
        op_key = _pick(rng, _OPERATOR_WEIGHTS[material])
        self.op = _OPERATORS[op_key]
        self.operator = rng.choice(self.op.names)
        self.us = self.op.region == "us"
        self.epd_type = _pick(rng, {"product_specific": 45, "plant_specific": 25, "company_average": 12,
                                    "industry_average": 18})
        self._style()
        self._layout()
        self.products = self._products()
        self._methods()
        self._metadata(op_key)
        html = self._document()
        expected = self._expected()
        return GeneratedEpd(f"family-{self.seed}", html, expected, self.declared)

    def _style(self) -> None:
        rng = self.rng
        self.font = _pick(rng, {"DejaVu Sans": 45, "DejaVu Serif": 25, "DejaVu Sans Condensed": 15,
                                "DejaVu Sans Mono": 15})
        self.size = rng.choice([7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11])
        self.page = _pick(rng, {"Letter": 65, "A4": 35})
        self.margin = rng.choice([12, 15, 18, 20, 25])
        self.rules = _pick(rng, {"grid": 40, "rows": 25, "none": 20, "booktabs": 15})
        self.accent = rng.choice(["#6a9e3a", "#1f4e79", "#8b1a1a", "#444444", "#00728f", "#b35900"])
        self.head_fill = rng.random() < 0.5
        self.zebra = rng.random() < 0.3
        self.cover = _pick(rng, {"table": 40, "two_column": 30, "paragraphs": 30})
        self.head_lines = rng.choice([1, 2, 3, 4])
        self.group_heads = rng.random() < 0.5
        self.co2 = rng.choice(["kg CO2 eq", "kg CO<sub>2</sub> eq", "kg CO2e", "kg CO<sub>2</sub>-eq.", "kg CO2-eq"])
        self.merge_unit = rng.random() < 0.3  # "GWP [kg CO2 eq]" in one cell, no unit column
        self.long_modules = rng.random() < 0.35  # "A1 Raw material supply" heads
        self.first_head = rng.choice(["Indicator", "Impact category", "Parameter", "Impact Category", "@method"])
        self.caption_style = rng.choice(["table", "heading", "plain"])
        self.filler = rng.randint(0, 6)
        self.unit_html = {
            "m3": rng.choice(["m<sup>3</sup>", "m3", "cubic meter"]),
            "yd3": rng.choice(["yd<sup>3</sup>", "yd3", "cubic yard"]),
            "t": rng.choice(["metric ton", "t", "tonne", "1,000 kg"]),
            "short_ton": rng.choice(["short ton", "ton (2,000 lb)", "short ton (2000 lb)"]),
            "m2": rng.choice(["m<sup>2</sup>", "m2"]),
        }
        date_styles = {
            "us": {"us_long": 30, "us_ordinal": 15, "us_ordinal_dot": 8, "us_numeric": 22, "iso": 25},
            "ca": {"iso": 30, "eu_long": 20, "dmy_slash": 25, "us_long": 25},
            "eu": {"eu_numeric": 45, "eu_long": 25, "iso": 30},
        }[self.op.region]
        self.date_style = _pick(rng, date_styles)
        self.valid_form = _pick(rng, {"date": 45, "range": 25, "period": 30})
        self.pcr_trap = rng.random() < 0.35
        kinds = {"plain": 50, "sci_E": 18, "sci_E_comma": 8, "sci_x10": 14}
        if self.op.region == "eu":
            kinds["plain_comma"] = 25
        kind = _pick(rng, kinds)
        self.num = _NumFmt(kind, 2, rng.random() < 0.7, rng.random() < 0.3)
        self.desc.update({"material": self.material, "operator": self.operator, "epd_type": self.epd_type,
                          "font": f"{self.font} {self.size}pt", "page": self.page, "rules": self.rules,
                          "cover": self.cover, "dates": self.date_style, "validity": self.valid_form,
                          "pcr_trap": "yes" if self.pcr_trap else "no"})

    def _layout(self) -> None:
        rng, m = self.rng, self.material
        multi = rng.random() < 0.55
        if not multi:
            self.orientation = _pick(rng, {"indicators_rows": 70, "modules_rows": 30})
            self.n = 1
        else:
            self.orientation = _pick(rng, {
                "concrete": {"mixes_rows": 60, "products_columns": 15, "indicators_rows": 15, "modules_rows": 10},
                "steel": {"products_columns": 40, "mixes_rows": 25, "indicators_rows": 25, "modules_rows": 10},
                "asphalt": {"mixes_rows": 60, "products_columns": 15, "indicators_rows": 20, "modules_rows": 5},
                "flat_glass": {"mixes_rows": 45, "products_columns": 30, "indicators_rows": 25},
                "cement": {"products_columns": 50, "indicators_rows": 30, "mixes_rows": 20},
            }[m])
            if self.orientation == "mixes_rows":
                self.n = {"concrete": round(5 * 40 ** rng.random()), "asphalt": rng.randint(3, 30),
                          "flat_glass": rng.randint(3, 7), "steel": rng.randint(2, 6), "cement": rng.randint(2, 4)}[m]
            else:
                self.n = rng.randint(2, 4 if m == "cement" else 6)
        # declared unit and the units printed
        declared, _, both = {
            "concrete": (("m3", 60, "yd3"), "yd3", 0.7), "steel": (("t", 75, "short_ton"), "short_ton", 0.45),
            "asphalt": (("short_ton", 65, "t"), "t", 0.25), "flat_glass": (("t", 50, "m2"), "m2", 0.4),
            "cement": (("t", 75, "short_ton"), "short_ton", 0.3)}[m]
        first, weight, second = declared
        self.declared = first if rng.random() * 100 < weight else second
        alt = second if self.declared == first else first
        if m == "flat_glass" and self.declared == "t":
            both = 0.0  # a per-t glass EPD prints no per-m2 result (it has no thickness)
        self.units = [self.declared, alt] if rng.random() < both else [self.declared]
        self.modules = _pick(rng, {
            "concrete": {"total": 45, "split_total": 30, "split": 10, "iso": 15},
            "steel": {"total": 50, "split_total": 30, "split": 10, "iso": 10},
            "asphalt": {"split": 55, "split_total": 25, "total": 20},
            "flat_glass": {"total": 50, "split_total": 30, "split": 10, "iso": 10},
            "cement": {"total": 50, "split_total": 30, "split": 10, "iso": 10}}[m])
        if self.orientation == "mixes_rows" and self.modules == "iso":
            self.modules = "split_total"
        if self.orientation == "mixes_rows" and self.modules != "total":
            self.units = [self.declared]
        if self.orientation == "products_columns" and self.modules != "total" and (
                self.n * len(_MODULE_SETS[self.modules]) > 8 or m == "concrete"):
            self.modules = "total"  # a product's modules under its name: at most 8 value columns fit a page
        self.unit_columns = len(self.units) > 1 and rng.random() < 0.55  # else one table per unit
        if len(_MODULE_SETS[self.modules]) > 3:
            self.unit_columns = False  # 2 x 4 value columns do not fit a page in every font
        if self.rng.random() < 0.4:
            self.units = self.units[::-1]  # print order
        self.repeat_head = rng.random() < 0.5
        self.landscape = False
        if len(self.units) == 1:
            unit_layout = "single"
        elif self.orientation == "mixes_rows" or (self.orientation == "indicators_rows" and self.unit_columns):
            unit_layout = "columns"  # both units side by side in one table
        else:
            unit_layout = "tables"  # one table per unit
        self.desc.update({"orientation": self.orientation, "products": str(self.n), "modules": self.modules,
                          "declared": self.declared, "units": "+".join(self.units), "unit_layout": unit_layout,
                          "head": "repeated" if self.repeat_head else "once"})

    # ------------------------------------------------------------------------------------------------ products
    def _frac(self, a1: tuple[float, float], a2: tuple[float, float]) -> tuple[float, float, float]:
        f1, f2 = self.rng.uniform(*a1), self.rng.uniform(*a2)
        return f1, f2, 1.0 - f1 - f2

    def _new(self, name: str, description: str | None, gwp: float, frac: tuple[float, float, float],
             **info: Any) -> _Prod:
        rng = self.rng
        jitter = {k: rng.uniform(0.75, 1.3) for k in _IND}
        signs = (-1, 1)
        method_f = {"cml": 1 + rng.choice(signs) * rng.uniform(0.012, 0.05),
                    "ef": 1 + rng.choice(signs) * rng.uniform(0.012, 0.05)}
        base = {"strength_psi": None, "strength_text": None, "strength_days": None, "lightweight": False,
                "high_early_strength": False, "concrete_kind": None, "steel_product": None, "fabricated": None,
                "route": None, "glass_processed": None}
        base.update(info)
        return _Prod(name, description, gwp, frac, base, jitter, method_f)

    def _products(self) -> list[_Prod]:
        return {"concrete": self._concrete, "steel": self._steel, "asphalt": self._asphalt,
                "flat_glass": self._glass, "cement": self._cement}[self.material]()

    def _concrete(self) -> list[_Prod]:
        rng = self.rng
        metric = rng.random() < (0.6 if self.op.region != "us" else 0.12)
        id_scheme = rng.choice(["psi_scm", "rm", "seq", "plant"])
        case = rng.choice(["upper", "upper", "lower"])
        plant_no = rng.randint(1, 40)
        fc_comma = rng.random() < 0.4
        has_id = self.n == 1 or rng.random() < 0.85
        has_desc = not has_id or rng.random() < 0.8
        if self.orientation != "mixes_rows":
            has_id, has_desc = True, True
        props = [p for p in ("fc", "cem", "scm") if rng.random() < 0.5]
        if not has_desc and "fc" not in props:
            props.insert(0, "fc")
        self.extras = (["id"] if has_id else []) + (["desc"] if has_desc else []) + props
        self.bench = _pick(rng, {"none": 55, "bench": 25, "pct": 20}) if self.orientation == "mixes_rows" else "none"
        self.metric = metric
        self.desc["strength_units"] = "MPa" if metric else "psi"
        used: set[str] = set()
        used_desc: set[str] = set()
        out = []
        for k in range(self.n):
            kind = _pick(rng, {"ready_mix": 90, "flowable_fill": 5, "shotcrete": 5})
            he = kind == "ready_mix" and rng.random() < 0.1
            lw = kind == "ready_mix" and not he and rng.random() < 0.07
            days = 28 if kind != "ready_mix" or he else int(_pick(rng, {"28": 80, "56": 15, "90": 5}))
            if kind == "flowable_fill":
                psi = rng.choice([50, 100, 150, 300])
                mpa = rng.choice([0.3, 0.7, 1.0, 2.0])
            else:
                psi = rng.choice([2500, 3000, 3500, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000])
                mpa = rng.choice([20, 25, 28, 30, 32, 35, 40, 45, 50])
            scm_kind = rng.choice(["FA", "SL", "FA", "none", "FA+SL"])
            scm = 0 if scm_kind == "none" or kind == "flowable_fill" else rng.choice([15, 20, 25, 30, 40, 50])
            psi_eff = mpa * MPA_TO_PSI if metric else psi
            if kind == "flowable_fill":
                gwp = rng.uniform(70, 150)
            else:
                gwp = (95 + 0.052 * psi_eff) * (1 - 0.55 * scm / 100) * rng.uniform(0.93, 1.07)
                gwp *= 1.12 if he else 1.0
                gwp *= 1.15 if lw else 1.0
                gwp *= 1.1 if kind == "shotcrete" else 1.0
            strength_text = (f"{mpa:g} MPa" if metric else f"{psi} PSI" if case == "upper"
                             else f"{psi:,} psi" if fc_comma else f"{psi} psi")
            desc = self._mix_description(kind, strength_text, days, he, lw, scm_kind, scm, metric, case, psi, mpa)
            for _ in range(10):  # a description names its mix when there is no mix number: keep them apart
                if desc not in used_desc:
                    break
                desc = self._mix_description(kind, strength_text, days, he, lw, scm_kind, scm, metric, case, psi, mpa)
            if desc in used_desc:
                desc += f" ({k + 1})"
            used_desc.add(desc)
            mix_id = self._mix_id(id_scheme, psi if not metric else int(mpa), scm, k, plant_no, kind, he, lw, used)
            name = mix_id if has_id else desc
            p = self._new(name, desc if has_desc else None, gwp, self._frac((0.8, 0.9), (0.03, 0.08)),
                          strength_psi=mpa * MPA_TO_PSI if metric else float(psi),
                          strength_text=strength_text if has_desc else None, strength_days=days,
                          lightweight=lw, high_early_strength=he, concrete_kind=kind)
            fc_text = f"{mpa:g}" if metric else f"{psi:,}" if fc_comma else f"{psi}"
            if not has_desc:
                p.info["strength_text"] = fc_text
            cem = 300 + 0.07 * psi_eff + rng.uniform(-25, 25)
            cem_text = f"{round(cem * 0.5933 / 5) * 5}" if metric else f"{round(cem / 5) * 5}"
            p.cells.update({"id": _e(mix_id), "desc": _e(desc), "fc": fc_text, "cem": cem_text,
                            "scm": f"{scm}%" if scm else "0%"})
            bench = 150 + 0.052 * psi_eff + 50
            p.cells["bench"] = f"{bench:.0f}"
            pct = (bench - gwp) / bench * 100
            p.cells["pct"] = f"{pct:.0f}%"
            p.group = (f"f'c = {mpa:g} MPa" if metric else f"f'c = {psi:,} psi") if kind == "ready_mix" else (
                "Flowable fill" if kind == "flowable_fill" else "Shotcrete")
            out.append(p)
        if self.orientation == "mixes_rows" and self.n >= 10 and rng.random() < 0.25:
            out.sort(key=lambda p: (p.group or "", p.name))
            self.desc["group_rows"] = "yes"
        else:
            for p in out:
                p.group = None
        return out

    def _mix_description(self, kind: str, strength: str, days: int, he: bool, lw: bool, scm_kind: str, scm: int,
                         metric: bool, case: str, psi: int, mpa: float) -> str:
        rng = self.rng
        agg = rng.choice(["20 mm", "14 mm", "10 mm", "28 mm"]) if metric else rng.choice(
            ['3/4"', '1"', '3/8"', '1-1/2"', '1/2"'])
        if kind == "flowable_fill":
            words = [rng.choice(["FLOWABLE FILL", "CDF", "CLSM FLOWABLE FILL"]), strength,
                     rng.choice(["", "EXCAVATABLE", "NON-EXCAVATABLE"])]
        elif kind == "shotcrete":
            words = ["SHOTCRETE", strength, agg, rng.choice(["WET MIX", "DRY MIX", ""])]
        else:
            use = rng.choice(["PUMP", "SLAB", "FTG", "WALL", "PAVING", "AE", "SCC", "", "STRUCTURAL"])
            words = [strength]
            if days != 28:
                words.append(f"@ {days} DAYS")
            if he:
                early = f"{round(mpa * 0.6):g} MPa" if metric else f"{round(psi * 0.6, -2):.0f} PSI"
                words += ["HE", rng.choice([f"({early} @ 3 DAYS)", f"3-DAY {early}", f"({early} @ 1 DAY)"])]
            if lw:
                words += ["LW", rng.choice(["1,750 kg/m3", "1,800 kg/m3", "115 PCF"])]
            words += [agg, use]
            if scm:
                words.append({"FA": f"{scm}% FA", "SL": f"{scm}% SLAG",
                              "FA+SL": f"{scm // 2}% FA {scm - scm // 2}% SL"}[scm_kind])
        text = " ".join(w for w in words if w)
        if case == "lower" and not metric:
            text = text.replace("PSI", "psi").replace("PUMP", "pump").replace("SLAB", "slab").replace(
                "DAYS", "days").replace("FTG", "footing").replace("WALL", "wall")
        return text

    def _mix_id(self, scheme: str, strength: int, scm: int, k: int, plant_no: int, kind: str, he: bool, lw: bool,
                used: set[str]) -> str:
        rng = self.rng
        tag = "FF" if kind == "flowable_fill" else "SH" if kind == "shotcrete" else "HE" if he else "LW" if lw else ""
        if scheme == "psi_scm":
            base = f"{strength // 100 if strength >= 100 else strength:02d}{scm:02d}{rng.choice('PSFW')}{tag}"
        elif scheme == "rm":
            base = f"RM-{strength}-{'ABCDEFGH'[k % 8]}{tag}"
        elif scheme == "seq":
            base = f"MX-{rng.randint(10000, 99999)}"
        else:
            base = f"{plant_no}-{strength // 1000 if strength >= 1000 else strength}{rng.choice('ABCDE')}{k:02d}"
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        return name

    def _steel(self) -> list[_Prod]:
        rng = self.rng
        types = ["rebar", "hot_rolled", "hss", "plate", "merchant_bar", "cold_formed", "sheet"]
        weights = [30, 20, 15, 10, 10, 8, 7]
        # one mill, one route; integrated mills make no rebar or merchant bar here
        doc_route = "eaf" if rng.random() < 0.75 else "integrated"
        if doc_route == "integrated":
            weights = [0, 20, 15, 10, 0, 8, 7]
        chosen: list[str] = []
        while len(chosen) < self.n:
            t = rng.choices(types, weights)[0]
            if t not in chosen or len(chosen) >= 4:
                chosen.append(t)
        fab_p = {"rebar": 0.35, "hot_rolled": 0.3, "hss": 0.2}
        self.steel_route_known = not (self.epd_type == "industry_average" and rng.random() < 0.6)
        names = {
            "rebar": ["Reinforcing bar (ASTM A615 Grade 60)", "Rebar #4-#11, ASTM A615/A706",
                      "Concrete reinforcing bar"],
            "hot_rolled": ["Wide-flange beams (ASTM A992)", "Hot-rolled structural sections",
                           "Structural shapes: W, S, C and L"],
            "hss": ["Hollow structural sections (ASTM A500 Grade C)", "HSS round, square and rectangular",
                    "HSS tubing"],
            "plate": ["Steel plate (ASTM A572 Grade 50)", "Discrete plate", "Hot-rolled plate"],
            "merchant_bar": ["Merchant bar: angles, channels, flats", "Merchant bar quality (MBQ) rounds",
                             "Special bar quality (SBQ) bar"],
            "cold_formed": ["Cold-formed steel studs and track (ASTM A1003)", "Cold-formed framing members",
                            "Light-gauge steel framing"],
            "sheet": ["Hot-dip galvanized sheet (ASTM A653)", "Steel deck", "Cold-rolled sheet"],
        }
        gwp_range = {("rebar", "eaf"): (520, 880), ("merchant_bar", "eaf"): (600, 900),
                     ("hot_rolled", "eaf"): (700, 1000),
                     ("plate", "eaf"): (800, 1200), ("hss", "eaf"): (1300, 1700), ("sheet", "eaf"): (1000, 1400),
                     ("cold_formed", "eaf"): (1500, 2000)}
        out = []
        used: set[str] = set()
        for k, t in enumerate(chosen):
            route = doc_route  # one mill, one route (formed products from its own coil)
            lo, hi = gwp_range[(t, route)] if route == "eaf" else (1900, 2600)
            fabricated = rng.random() < fab_p.get(t, 0.0)
            gwp = rng.uniform(lo, hi) * (rng.uniform(1.08, 1.2) if fabricated else 1.0)
            name = rng.choice(names[t])
            if fabricated and rng.random() < 0.6:
                name = f"Fabricated {name[0].lower()}{name[1:]}"
            while name in used:
                name = f"{name} ({k + 1})"
            used.add(name)
            frac = self._frac((0.3, 0.5), (0.02, 0.05)) if route == "eaf" else self._frac((0.7, 0.85), (0.01, 0.03))
            p = self._new(name, None, gwp, frac, steel_product=t, fabricated=fabricated,
                          route=route if self.steel_route_known else None)
            p.cells.update({"id": _e(name), "desc": _e(name)})
            out.append(p)
        self.extras = ["id"]
        self.bench = "none"
        return out

    def _asphalt(self) -> list[_Prod]:
        rng = self.rng
        out = []
        used: set[str] = set()
        scheme = rng.choice(["sp", "mix", "hma"])
        for k in range(self.n):
            nmas = rng.choice(["4.75", "9.5", "12.5", "12.5", "19.0", "25.0"])
            pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64S-22"])
            rap = rng.choice([0, 10, 15, 20, 25, 30, 35, 40])
            wma = rng.random() < 0.35
            tech = rng.choice(["Evotherm", "foamed (water injection)", "Advera", "chemical additive"])
            layer = rng.choice(["Surface", "Intermediate", "Base", "Binder course"])
            desc = f"{'WMA (' + tech + ')' if wma else 'HMA'} {nmas} mm {layer}, {pg}, {rap}% RAP"
            if rng.random() < 0.2:
                desc += f", {rng.choice([3, 5])}% RAS"
            mid = {"sp": f"SP-{nmas}-{k + 1:02d}", "mix": f"Mix {rng.randint(1000, 9999)}",
                   "hma": f"{'WMA' if wma else 'HMA'}-{nmas.split('.')[0]}{'SBIC'[k % 4]}{k:02d}"}[scheme]
            while mid in used:
                mid += "A"
            used.add(mid)
            gwp = rng.uniform(55, 95) * (1 - rap / 250) * (0.9 if wma else 1.0)
            p = self._new(mid, desc, gwp, self._frac((0.5, 0.68), (0.08, 0.15)))
            p.cells.update({"id": _e(mid), "desc": _e(desc), "rap": f"{rap}", "binder": pg, "wma": "Yes" if wma else
                            "No"})
            out.append(p)
        props = [c for c in ("rap", "binder", "wma") if rng.random() < 0.4]
        self.extras = ["id", "desc", *props] if rng.random() < 0.75 else ["id", *props]
        if self.orientation != "mixes_rows":
            self.extras = ["id", "desc", *props]
        if "desc" not in self.extras and self.orientation == "mixes_rows":
            for p in out:
                p.description = None
        self.bench = "none"
        return out

    def _glass(self) -> list[_Prod]:
        rng = self.rng
        kinds = [("Clear float glass", False, (1100, 1450)), ("Low-iron float glass", False, (1200, 1500)),
                 ("Tinted float glass (gray)", False, (1150, 1450)), ("Tempered clear glass", True, (1400, 1700)),
                 ("Laminated glass", True, (1600, 2000)), ("Low-E coated glass", True, (1300, 1600)),
                 ("Insulating glass unit (IGU), double glazed", True, (1800, 2400))]
        processed_doc = rng.random() < 0.3
        pool = [k for k in kinds if k[1] == processed_doc] if rng.random() < 0.7 else kinds
        out = []
        used: set[str] = set()
        per_m2 = "m2" in self.units
        thicknesses = [3, 4, 5, 6, 8, 10, 12]
        mass_decimals = rng.choice([1, 2])
        for _ in range(self.n):
            label, processed, (lo, hi) = rng.choice(pool)
            th = rng.choice(thicknesses)
            name = f"{th} mm {label}" if per_m2 or rng.random() < 0.5 else label
            while name in used:
                th = rng.choice(thicknesses)
                name = f"{th} mm {label}"
                if name in used:
                    name = f"{label} ({len(used) + 1})"
            used.add(name)
            p = self._new(name, None, rng.uniform(lo, hi), self._frac((0.22, 0.35), (0.03, 0.07)),
                          glass_processed=processed)
            p.thickness = f"{th}"
            mass = round(th * 2.5 * rng.uniform(0.99, 1.01), mass_decimals)
            p.mass_m2 = mass if per_m2 else None
            p.cells.update({"id": _e(name), "thick": f"{th}", "mass": f"{mass}"})
            out.append(p)
        self.extras = ["id", "thick", "mass"] if per_m2 else ["id", *(["thick"] if rng.random() < 0.5 else [])]
        self.bench = "none"
        return out

    def _cement(self) -> list[_Prod]:
        rng = self.rng
        kinds = [("Type IL (10) Portland-Limestone Cement", (800, 900)), ("Type I/II Portland Cement", (900, 1000)),
                 ("Type III Portland Cement", (950, 1050)), ("Type IT(S25) Ternary Blended Cement", (650, 780)),
                 ("Masonry Cement Type N", (600, 700))]
        picked = rng.sample(kinds, self.n)
        out = []
        for label, (lo, hi) in picked:
            p = self._new(label, None, rng.uniform(lo, hi), self._frac((0.05, 0.12), (0.01, 0.03)))
            p.cells["id"] = _e(label)
            out.append(p)
        self.extras = ["id"]
        self.bench = "none"
        return out

    def _methods(self) -> None:
        rng = self.rng
        extra = _pick(rng, {"none": 45, "cml": 15, "ef": 25, "both": 15} if self.op.region != "eu" else
                      {"none": 15, "cml": 15, "ef": 50, "both": 20})
        if self.orientation == "mixes_rows" and self.n > 60:
            extra = "none"  # render time: no second 200-row table
        self.traci = _pick(rng, {"TRACI 2.1": 85, "TRACI 2.2": 15})
        methods = ["traci"] + {"none": [], "cml": ["cml"], "ef": ["ef"], "both": ["cml", "ef"]}[extra]
        if len(methods) > 1 and rng.random() < 0.3:
            rng.shuffle(methods)
        self.method_keys = methods
        # a TRACI table with GWP-total/-fossil/-biogenic/-LUC rows (UL's template); mixes tables have GWP columns only
        self.ul_gwp_rows = rng.random() < 0.2 and self.orientation != "mixes_rows"
        # indicators printed besides GWP
        self.traci_inds = ["gwp", *rng.sample(_METHOD_INDICATORS["traci"][1:], rng.randint(2, 5))]
        if self.ul_gwp_rows:
            self.traci_inds[1:1] = ["gwp_fossil", "gwp_bio", "gwp_luluc"]
        elif rng.random() < 0.25:
            rng.shuffle(self.traci_inds)
        d = {"concrete": {0: 30, 1: 45, 2: 25}, "steel": {0: 60, 1: 30, 2: 10}, "asphalt": {1: 40, 2: 60},
             "flat_glass": {0: 50, 1: 50}, "cement": {0: 55, 1: 45}}[self.material]
        if "m2" in self.units:
            d = {1: 40, 2: 40, 3: 20}
        decimals = int(_pick(self.rng, {str(k): v for k, v in d.items()}))
        if self.num.kind.startswith("sci"):
            decimals = rng.choice([2, 2, 3])
        self.num.decimals = decimals
        self.desc.update({"methods": ",".join(self._method_name(k) for k in methods),
                          "numbers": f"{self.num.kind}{decimals}" + ("_x10all" if self.num.kind == "sci_x10"
                                                                      and self.num.x10_all else ""),
                          "gwp_rows": "ul_split" if self.ul_gwp_rows else "single"})

    def _method_name(self, key: str) -> str:
        return {"traci": self.traci, "cml": "CML-IA", "ef": "EN 15804+A2"}[key]

    # ------------------------------------------------------------------------------------------------ metadata
    def _address(self) -> str:
        rng = self.rng
        city, st, z = rng.choice(_CITIES)
        return f"{rng.randint(100, 9999)} {rng.choice(_STREETS)}, {city}, {st} {z}"

    def _metadata(self, op_key: str) -> None:
        rng = self.rng
        prefix, suffix = _MAKERS[self.material]
        if self.epd_type == "industry_average":
            key = self.material if self.material != "steel" else self.products[0].info["steel_product"]
            self.manufacturer = _ASSOCIATIONS[key]
            self.plant = None
        else:
            self.manufacturer = f"{rng.choice(prefix)} {rng.choice(suffix)} {rng.choice(_LEGAL)}"
            city = rng.choice(_CITIES)[0]
            plant = {"concrete": [f"Plant {rng.randint(1, 40)}", f"{city} Plant",
                                  f"Plant #{rng.randint(1, 40)} - {city}"],
                     "steel": [f"{city} Mill", f"{city} Melt Shop", f"{city} Works"],
                     "asphalt": [f"{city} Plant {rng.randint(1, 12)}", f"{city} Asphalt Plant"],
                     "flat_glass": [f"{city} Float Plant", f"{city} Glass Plant"],
                     "cement": [f"{city} Cement Plant", f"{city} Kiln"]}[self.material]
            self.plant = rng.choice(plant) if self.epd_type != "company_average" else None
        self.maker_address = self._address()
        self.plant_address = self._address()
        self.practitioner = rng.choice(_PRACTITIONERS)
        start = date(2019, 6, 1).toordinal()
        issued = date.fromordinal(rng.randint(start, date(2025, 10, 31).toordinal()))
        if self.date_style in _NUMERIC_DATE_STYLES and rng.random() < 0.5:
            issued = issued.replace(day=rng.randint(1, 12))
        self.issued = issued
        five = _add_years(issued, 5)
        self.valid_until = five if self.valid_form == "period" or rng.random() < 0.5 else five - timedelta(days=1)
        self.pcr_valid = date(rng.randint(2022, 2028), rng.choice([3, 6, 8, 12]), rng.choice([9, 15, 28, 30]))
        self.registration = self._registration(op_key, issued.year)
        self.pcr = rng.choice(_PCRS[self.material]["eu" if self.op.region == "eu" else "na"])
        self.verified = rng.random() < 0.9
        self.verify_style = rng.choice(["checkbox", "sentence", "yesno"])
        self.verifier = rng.choice(_VERIFIERS)
        self.epd_type_text = rng.choice(_EPD_TYPE_TEXT[self.epd_type])
        self.desc["verified"] = "yes" if self.verified else "no"

    def _registration(self, key: str, year: int) -> str:
        rng, r = self.rng, self.rng.randint
        return {
            "nsf": lambda: rng.choice([f"EPD{r(10000, 11999)}", f"EPD {r(10000, 11999)}"]),
            "astm": lambda: rng.choice([f"EPD {r(100, 999)}", f"ASTM-EPD{r(100, 999)}"]),
            "ul": lambda: f"4790{r(100000, 999999)}.{r(101, 199)}.1",
            "scs": lambda: f"SCS-EPD-{r(1000, 11999):05d}",
            "smart": lambda: f"SmartEPD-{year}-{r(1, 99):03d}-{r(1, 9999):04d}",
            "nrmca": lambda: rng.choice([f"NRMCA-{year}-{r(100, 999)}", f"EPD {r(1000, 9999)}"]),
            "napa": lambda: rng.choice([f"NAPA-{year}-{r(1, 999):04d}", f"EL-{r(10000, 99999)}"]),
            "csa": lambda: f"EPD {r(1000, 9999)}-{r(1000, 9999)}",
            "environdec": lambda: f"S-P-{r(1000, 14999):05d}",
            "ibu": lambda: f"EPD-{rng.choice(['BRM', 'HMZ', 'STB', 'FLG', 'ZEM'])}-{year}{r(1, 999):04d}-IBA1-EN",
            "norway": lambda: f"NEPD-{r(1000, 9999)}-{r(100, 9999)}-EN",
        }[key]()

    def _date(self, d: date) -> str:
        self.dates.append((d, self.date_style))
        return _date_text(d, self.date_style)

    # ------------------------------------------------------------------------------------------------ values
    def _value(self, p: _Prod, method: str, ind: str, unit: str, module: str) -> float:
        v = p.gwp_base
        if unit == "yd3":
            v *= YD3_IN_M3
        elif unit == "short_ton":
            v *= SHORT_TON_IN_T
        elif unit == "m2":
            v *= (p.mass_m2 or 0.0) / 1000
        v *= p.method_f.get(method, 1.0)
        ratio, j = _IND[ind][3], p.jitter[ind]
        v *= 1.0 if ind == "gwp" else 1 + (ratio - 1) * j if ind == "gwp_fossil" else ratio * j
        if module != "A1-A3":
            f1, f2, f3 = p.frac
            v *= {"A1": f1, "A2": f2, "A3": f3, "A2-A3": f2 + f3}[module]
        return v

    def _cell(self, pi: int, p: _Prod, method: str, ind: str, unit: str, module: str) -> str:
        v = self._value(p, method, ind, unit, module)
        h, t, val = self.num.fmt(v, gwp=ind in _GWP_KEYS)
        if ind in _GWP_KEYS and (method != "traci" or ind != "gwp"):  # a decoy never prints the expected text
            want = self.num.fmt(self._value(p, "traci", "gwp", unit, module))[1]
            for _ in range(8):
                if t != want:
                    break
                v *= 1.03
                h, t, val = self.num.fmt(v)
        attrs = ""
        if method == "traci" and ind == "gwp":
            self.recorded[(pi, unit, module)] = (t, val)
            anchor = "A1-A3" if "A1-A3" in _MODULE_SETS[self.modules] else "A1"
            if unit == self.declared and module == anchor and pi not in self.anchored:
                attrs = f" id='gwp-{pi}'"
                self.anchored.add(pi)
        return f"<td{attrs}>{h}</td>"

    # ------------------------------------------------------------------------------------------------ tables
    def _head_rows(self, cols: list[_Col]) -> str:
        def th(c: _Col, extra: str = "") -> str:
            cls = " class='l'" if c.left else ""
            return f"<th{cls}{extra}>{c.head}</th>"

        if not any(c.group for c in cols):
            return f"<tr class='h'>{''.join(th(c) for c in cols)}</tr>"
        r1, r2, i = [], [], 0
        while i < len(cols):
            c = cols[i]
            if c.group is None:
                r1.append(th(c, " rowspan='2'"))
                i += 1
                continue
            j = i
            while j < len(cols) and cols[j].group == c.group:
                r2.append(th(cols[j]))
                j += 1
            r1.append(f"<th colspan='{j - i}' class='grp'>{c.group}</th>")
            i = j
        return f"<tr class='h'>{''.join(r1)}</tr><tr class='h'>{''.join(r2)}</tr>"

    def _table(self, cols: list[_Col], rows: list[str], *, big: bool = False, dense: bool = False,
               widths: list[str] | None = None) -> str:
        """A results table; with ``widths`` (one per column, "" for an equal share) a fixed layout, which WeasyPrint
        lays out faster than an automatic one on hundreds of rows. Its head repeats on every page when
        ``repeat_head`` (a thead), else it is printed once, as the first rows of the body."""
        head = self._head_rows(cols)
        if self.zebra:
            rows = [r.replace("<tr>", "<tr class='z'>", 1) if i % 2 else r for i, r in enumerate(rows)]
        style = "" if big or self.rng.random() < 0.4 else " style='page-break-inside: avoid'"
        colgroup = ""
        if widths:
            style = " style='table-layout: fixed'"
            colgroup = "<colgroup>" + "".join(f"<col style='width: {w}'>" if w else "<col>" for w in widths) + \
                "</colgroup>"
        body = "".join(rows)
        cls = "res dense" if dense else "res"
        inner = f"<thead>{head}</thead><tbody>{body}</tbody>" if self.repeat_head else f"<tbody>{head}{body}</tbody>"
        return f"<table class='{cls}'{style}>{colgroup}{inner}</table>"

    def _caption(self, text: str) -> str:
        self.table_no += 1
        if self.caption_style == "table":
            return f"<p class='cap'><b>Table {self.table_no}.</b> {text}</p>"
        if self.caption_style == "heading":
            return f"<h3>{text}</h3>"
        return f"<p class='cap'>{text}</p>"

    def _wrap(self, tokens: list[str], lines: int | None = None) -> str:
        n = max(1, min(lines or self.head_lines, len(tokens)))
        size, rest = divmod(len(tokens), n)
        out, k = [], 0
        for i in range(n):
            step = size + (1 if i < rest else 0)
            out.append(" ".join(tokens[k:k + step]))
            k += step
        return "<br>".join(out)

    def _co2_tokens(self) -> list[str]:
        first, rest = self.co2.split(" ", 1)
        return [f"({first}", f"{rest})"]

    def _module_head(self, m: str) -> str:
        if m == "A1":
            return "Upstream (A1)" if self.modules == "iso" else "A1<br>Raw material supply" if self.long_modules \
                else "A1"
        if m == "A2":
            return "A2<br>Transport" if self.long_modules else "A2"
        if m == "A3":
            return "A3<br>Manufacturing" if self.long_modules else "A3"
        if m == "A2-A3":
            return self.core_head
        return self.total_head

    def _ind_label(self, method: str, ind: str) -> tuple[str, str | None]:
        short, long, unit, _ = _IND[ind]
        if ind in _GWP_KEYS:
            unit = self.co2
        if ind == "gwp":
            label = {"traci": self.gwp_label, "ef": self.ef_gwp_label, "cml": "Global warming (GWP100a)"}[method]
        elif method == "traci" and ind in _GWP_KEYS:
            label = {"gwp_fossil": "GWP-fossil", "gwp_bio": "GWP-biogenic", "gwp_luluc": "GWP-LUC"}[ind]
        else:
            label = short if self.short_labels else f"{long} ({short})"
        if self.merge_unit:
            return f"{label} [{unit}]", None
        return label, unit

    def _inds(self, method: str) -> list[str]:
        if method == "traci":
            return self.traci_inds
        return self.ef_inds if method == "ef" else self.cml_inds

    def _method_caption(self, method: str) -> str:
        return {"traci": self.traci_caption, "cml": self.cml_caption, "ef": self.ef_caption}[method]

    def _per(self, unit: str) -> str:
        return f"per 1 {self.unit_html[unit]}"

    def _first_head(self, method: str) -> _Col:
        return _Col(self._method_caption(method) if self.first_head == "@method" else self.first_head, left=True)

    def _indicators_rows(self, pi: int, p: _Prod, method: str, units: list[str]) -> str:
        mods = _MODULE_SETS[self.modules]
        cols = [self._first_head(method)] + ([] if self.merge_unit else [_Col("Unit", left=True)])
        for u in units:
            for m in mods:
                head = self._module_head(m)
                if len(units) > 1:
                    if self.group_heads and len(mods) > 1:
                        cols.append(_Col(head, group=f"Per 1 {self.unit_html[u]}"))
                    else:
                        cols.append(_Col(f"{head}<br>per {self.unit_html[u]}"))
                else:
                    grouped = self.group_heads and len(mods) > 1 and m in ("A1", "A2", "A3")
                    cols.append(_Col(head, group="Product stage" if grouped else None))
        rows = []
        for ind in self._inds(method):
            label, unit = self._ind_label(method, ind)
            cells = [f"<td class='l'>{label}</td>"] + ([] if unit is None else [f"<td class='l'>{unit}</td>"])
            cells += [self._cell(pi, p, method, ind, u, m) for u in units for m in mods]
            rows.append(f"<tr>{''.join(cells)}</tr>")
        what = "per declared unit" if len(units) > 1 else self._per(units[0])
        return self._caption(f"{self._method_caption(method)} results, {what}") + self._table(cols, rows)

    def _modules_rows(self, pi: int, p: _Prod, method: str, unit: str) -> str:
        mods = _MODULE_SETS[self.modules]
        inds = self._inds(method)
        cols = [_Col(self.stage_head, left=True)]
        for ind in inds:
            label, u = self._ind_label(method, ind)
            cols.append(_Col(label if u is None else f"{label}<br>({u})"))
        rows = []
        for m in mods:
            cells = [f"<td class='l'>{self._module_row(m)}</td>"]
            cells += [self._cell(pi, p, method, ind, unit, m) for ind in inds]
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return self._caption(f"{self._method_caption(method)} results {self._per(unit)}") + self._table(cols, rows)

    def _module_row(self, m: str) -> str:
        if m == "A1-A3":
            return self.total_head.replace("<br>", " ")
        if m == "A2-A3":
            return self.core_head.replace("<br>", " ")
        if self.modules == "iso" and m == "A1":
            return "Upstream (A1)"
        names = {"A1": "Raw material supply", "A2": "Transport", "A3": "Manufacturing"}
        return f"{m} {names[m]}" if self.long_modules else f"{names[m]} ({m})" if self.short_labels else m

    def _products_columns(self, method: str, unit: str) -> str:
        mods = _MODULE_SETS[self.modules]
        cols = [self._first_head(method)] + ([] if self.merge_unit else [_Col("Unit", left=True)])
        for p in self.products:
            if len(mods) == 1:
                cols.append(_Col(_e(p.name)))
            else:
                cols += [_Col(self._module_head(m), group=_e(p.name)) for m in mods]
        rows = []
        for ind in self._inds(method):
            label, u = self._ind_label(method, ind)
            cells = [f"<td class='l'>{label}</td>"] + ([] if u is None else [f"<td class='l'>{u}</td>"])
            cells += [self._cell(pi, p, method, ind, unit, m) for pi, p in enumerate(self.products) for m in mods]
            rows.append(f"<tr>{''.join(cells)}</tr>")
        total = self.total_head.replace("<br>", " ")
        text = f"{self._method_caption(method)} results, {total if len(mods) == 1 else 'A1-A3'}, {self._per(unit)}"
        return self._caption(text) + self._table(cols, rows, dense=len(cols) > 8)

    def _extra_col(self, key: str) -> _Col:
        metric = getattr(self, "metric", False)
        heads = {
            "id": self.id_head, "desc": self.desc_head,
            "fc": self._wrap(["f'c", f"({'MPa' if metric else 'psi'})"]),
            "cem": self._wrap(["Cementitious", "(kg/m3)" if metric else "(lb/yd3)"]),
            "scm": self._wrap(["SCM", "(%)"]), "rap": self._wrap(["RAP", "(%)"]), "binder": "Binder",
            "wma": self._wrap(["Warm", "mix"]), "thick": self._wrap(["Thickness", "(mm)"]),
            "mass": self._wrap(["Mass", "(kg/m<sup>2</sup>)"]),
        }
        return _Col(heads[key], left=key in ("id", "desc"))

    def _mixes_table(self, method: str) -> str:
        mods = _MODULE_SETS[self.modules]
        units = self.units if method == "traci" else [self.declared]
        lead = [k for k in self.extras if k in ("id", "desc")]
        props = [k for k in self.extras if k not in ("id", "desc")]
        if method != "traci":
            props = []
        if method == "traci":
            inds = ["gwp"]
        elif method == "ef":
            inds = ["gwp", "gwp_fossil", "gwp_bio", "gwp_luluc"] if len(mods) == 1 else ["gwp"]
        else:
            inds = ["gwp"]
        gwp_cols: list[tuple[_Col, str, str, str]] = []
        for ind in inds:
            first = self.gwp_word if method == "traci" else "GWP-total" if method == "ef" else "GWP"
            word = {"gwp": first,
                    "gwp_fossil": "GWP-fossil", "gwp_bio": "GWP-biogenic", "gwp_luluc": "GWP-luluc"}[ind]
            for u in units:
                for m in mods:
                    sub = []
                    if len(units) > 1:
                        sub.append(f"per {self.unit_html[u]}")
                    if len(mods) > 1:
                        sub.append(self._module_head(m).replace("<br>", " "))
                    if self.group_heads and sub:
                        group = f"{word} ({self.co2})" + ("" if len(units) > 1 else f" per {self.unit_html[u]}")
                        col = _Col("<br>".join(sub), group=group)
                    else:
                        tokens = [word, *self._co2_tokens()]
                        tokens.append(" ".join(sub) if sub else f"per {self.unit_html[u]}")
                        col = _Col(self._wrap(tokens))
                    gwp_cols.append((col, ind, u, m))
        other = self.mix_inds if method == "traci" else []
        bench = self.bench if method == "traci" else "none"
        order = ["lead", "props", "gwp", "bench", "other"] if self.gwp_first else ["lead", "gwp", "bench", "props",
                                                                                   "other"]
        if self.bench_last:
            order.remove("bench")
            order.append("bench")
        cols: list[_Col] = []
        plan: list[tuple[str, Any]] = []
        for block in order:
            if block == "lead":
                for k in lead:
                    cols.append(self._extra_col(k))
                    plan.append(("extra", k))
            elif block == "props":
                for k in props:
                    cols.append(self._extra_col(k))
                    plan.append(("extra", k))
            elif block == "gwp":
                for col, ind, u, m in gwp_cols:
                    cols.append(col)
                    plan.append(("gwp", (ind, u, m)))
            elif block == "bench" and bench != "none":
                head = self._wrap(["NRMCA", "benchmark", *self._co2_tokens()[:1], f"{self.co2.split(' ', 1)[1]}/m3)"]) \
                    if bench == "bench" else self._wrap(["% below", "baseline"])
                cols.append(_Col(head))
                plan.append(("extra", bench))
            elif block == "other":
                for ind in other:
                    _, u = self._ind_label("traci", ind)
                    cols.append(_Col(_IND[ind][0] + ("" if u is None else f"<br>({u})")))
                    plan.append(("ind", ind))
        rows = []
        last_group = None
        for pi, p in enumerate(self.products):
            if p.group and p.group != last_group:
                rows.append(f"<tr class='grp'><td class='l' colspan='{len(cols)}'><b>{_e(p.group)}</b></td></tr>")
                last_group = p.group
            cells = []
            for kind, what in plan:
                if kind == "extra":
                    cells.append(_td(p.cells[what], what in ("id", "desc")))
                elif kind == "gwp":
                    ind, u, m = what
                    cells.append(self._cell(pi, p, method, ind, u, m))
                else:
                    cells.append(self._cell(pi, p, "traci", what, self.declared, "A1-A3"))
            rows.append(f"<tr>{''.join(cells)}</tr>")
        what = "per declared unit" if len(units) > 1 else self._per(units[0])
        text = f"{self._method_caption(method)} results for all {self.noun_plural}, {what}"
        widths = None
        if len(self.products) > 60:  # render time
            widths = [{"id": "10%", "desc": "24%"}.get(what, "") if kind == "extra" else "" for kind, what in plan]
        table = self._table(cols, rows, big=True, dense=True, widths=widths)
        if method == "traci" and len(cols) >= 10 and self.wide_ok:
            self.landscape = True
            return f"<div class='wide'>{self._caption(text)}{table}</div>"
        return self._caption(text) + table

    # ------------------------------------------------------------------------------------------------ wording
    def _words(self) -> None:
        rng = self.rng
        iso = self.modules == "iso"
        self.total_head = rng.choice(["Product stage", "Product stage (A1-A3)", "Product stage<br>A1-A3"]) if iso \
            else rng.choice(["A1-A3", "A1 - A3", "A1–A3", "Total (A1-A3)", "Total<br>A1-A3",
                             "Cradle-to-gate<br>(A1-A3)", "Product stage (A1-A3)"])
        self.core_head = rng.choice(["Core (A2-A3)", "Core<br>(A2-A3)"])
        self.gwp_label = "GWP-total" if self.ul_gwp_rows else rng.choice([
            "Global warming potential (GWP)", "Global Warming Potential", "GWP", "GWP 100", "Global warming",
            "Climate change"])
        self.ef_gwp_label = rng.choice(["GWP-total", "Climate change - total (GWP-total)"])
        self.short_labels = rng.random() < 0.5
        self.traci_caption = rng.choice([self.traci, f"US EPA {self.traci}",
                                         f"North American impact assessment ({self.traci})"])
        self.cml_caption = rng.choice(["CML-IA baseline v4.8", "CML 2001 - Aug. 2016", "CML-IA"])
        self.ef_caption = rng.choice(["EN 15804+A2 (EF 3.1)", "EF 3.1 (EN 15804+A2)", "EN 15804+A2 core indicators"])
        self.stage_head = rng.choice(["Module", "Life cycle stage", "Stage", "Information module"])
        self.id_head = {
            "concrete": rng.choice(["Mix ID", "Mix #", "Mix Number", "Mix Code", "Mix", "Product"]),
            "asphalt": rng.choice(["Mix ID", "Mix #", "Mix Designation", "Mix", "Product"]),
        }.get(self.material) or rng.choice(["Product", "Product name", "Declared product"])
        self.desc_head = rng.choice(["Description", "Mix Description", "Product description"])
        self.gwp_word = rng.choice(["GWP", "GWP", "Global Warming Potential", "Embodied carbon"])
        self.mix_inds = rng.sample(["odp", "ap", "ep", "sfp", "penre"], rng.randint(0, 4))
        self.gwp_first = rng.random() < 0.7
        self.bench_last = rng.random() < 0.4
        self.wide_ok = rng.random() < 0.5
        self.ef_inds = ["gwp", "gwp_fossil", "gwp_bio", "gwp_luluc", *rng.sample(_METHOD_INDICATORS["ef"][4:], 3)]
        self.cml_inds = ["gwp", *rng.sample(_METHOD_INDICATORS["cml"][1:], 3)]
        if rng.random() < 0.3:
            rng.shuffle(self.cml_inds)
        self.noun_plural = {"concrete": "mixes", "asphalt": "mixes", "steel": "products", "flat_glass": "products",
                            "cement": "products"}[self.material]
        self.desc.update({"head_lines": str(self.head_lines), "group_heads": "yes" if self.group_heads else "no",
                          "total_head": self.total_head.replace("<br>", " ")})

    # ------------------------------------------------------------------------------------------------ document
    def _css(self) -> str:
        tsize = min(self.size, 9)
        dense = min(self.size, 8 if len(self.products) > 1 else 9)
        # Simple selectors and separated borders: the collapsing border model and descendant selectors make
        # WeasyPrint several times slower on tables of hundreds of rows.
        rules = {
            "grid": "table.res { border-top: 0.5pt solid #777; border-left: 0.5pt solid #777; } "
                    "td, th { border-right: 0.5pt solid #777; border-bottom: 0.5pt solid #777; }",
            "rows": "td { border-bottom: 0.4pt solid #aaa; } th { border-bottom: 0.8pt solid #333; }",
            "none": "",
            "booktabs": "table.res { border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000; } "
                        "th { border-bottom: 0.6pt solid #000; }",
        }[self.rules]
        fill = f"th {{ background: {self.accent}; color: #fff; }}" if self.head_fill else "th { background: #e8e8e8; }"
        zebra = "tr.z { background: #f1f3f1; }"
        maker = self.manufacturer.replace('"', "")
        return f"""
@page {{ size: {self.page}; margin: {self.margin}mm {self.margin}mm {self.margin + 4}mm; font-family: "{self.font}";
  @top-left {{ content: "Environmental Product Declaration"; font-size: 7pt; color: {self.accent}; }}
  @top-right {{ content: "{maker}"; font-size: 7pt; color: #666; }}
  @bottom-center {{ content: {self.footer}; font-size: 7pt; color: #666; }} }}
@page wide {{ size: {self.page} landscape; }}
@page :first {{ @top-left {{ content: none; }} @top-right {{ content: none; }} }}
.wide {{ page: wide; }}
body {{ font-family: "{self.font}"; font-size: {self.size}pt; line-height: 1.25; }}
h1 {{ font-size: {self.size * 2 + 2}pt; color: {self.accent}; margin: 0 0 6pt; }}
h2 {{ font-size: {self.size + 3}pt; color: {self.accent}; border-bottom: 1pt solid {self.accent};
      margin-top: 14pt; page-break-after: avoid; }}
h3 {{ font-size: {self.size + 1}pt; margin: 10pt 0 3pt; page-break-after: avoid; }}
p.cap {{ margin: 8pt 0 2pt; page-break-after: avoid; }}
.cover {{ page-break-after: always; }}
table {{ border-collapse: separate; border-spacing: 0; }}
table.res {{ width: 100%; margin: 2pt 0 10pt; font-size: {tsize}pt; }}
table.dense {{ font-size: {dense}pt; }}
td, th {{ padding: 2pt 3pt; text-align: right; vertical-align: top; }}
th {{ vertical-align: bottom; font-weight: bold; }}
th.grp {{ text-align: center; }}
.l {{ text-align: left; }}
tr {{ page-break-inside: avoid; }}
tr.h {{ page-break-after: avoid; }}
{rules}
{fill}
{zebra}
table.meta {{ width: 100%; }}
td.m, td.k {{ padding: 3pt 5pt; border: none; border-bottom: 0.4pt solid #ccc; text-align: left; }}
td.k {{ width: 34%; font-weight: bold; background: #f4f4f4; }}
table.two {{ width: 100%; }}
td.c2 {{ padding: 6pt; border: none; text-align: left; }}
td.side {{ width: 36%; background: #f2f2ee; }}
td.side h4 {{ margin: 8pt 0 1pt; color: {self.accent}; }}
.photo {{ height: 170pt; background: #a9b4b0; margin: 10pt 0; }}
.badge {{ border: 1.5pt solid {self.accent}; color: {self.accent}; width: 90pt; text-align: center; padding: 4pt;
          font-size: 7pt; font-weight: bold; float: right; }}
"""

    def _fields(self) -> list[tuple[str, str, str]]:
        """(key, label, value HTML) of every metadata item, in cover order."""
        rng = self.rng
        f: list[tuple[str, str, str]] = []
        op = _e(self.operator) + (f"<br>{_e(self.op.address)}" if rng.random() < 0.6 else "")
        f.append(("operator", rng.choice(["Program Operator", "Program operator", "EPD Program Operator",
                                          "EPD Program"]), op))
        f.append(("reg", rng.choice(["Declaration Number", "EPD Number", "Registration number",
                                     "EPD registration no.", "Declaration #", "EPD ID"]), _e(self.registration)))
        maker_label = rng.choice(["Declaration holder", "EPD commissioner", "Declaring organization"]) \
            if self.epd_type == "industry_average" else rng.choice(["Manufacturer", "Declaration holder",
                                                                    "Declaration owner", "EPD owner", "Company"])
        f.append(("maker", maker_label, f"{_e(self.manufacturer)}<br>{_e(self.maker_address)}"))
        if self.plant:
            f.append(("plant", rng.choice(["Plant", "Production facility", "Manufacturing location", "Plant location"]),
                      f"{_e(self.plant)}<br>{_e(self.plant_address)}"))
        elif self.epd_type == "company_average":
            f.append(("plant", "Manufacturing locations",
                      f"{rng.randint(3, 30)} plants in {rng.choice(_CITIES)[1]} and {rng.choice(_CITIES)[1]}"))
        else:
            f.append(("plant", "Participating companies", f"{rng.randint(8, 60)} member companies, North America"))
        f.append(("product", rng.choice(["Product", "Declared product", "Product name", "Products covered"]),
                  self._product_title()))
        f.append(("unit", rng.choice(["Declared unit", "Declared Unit", "Functional/declared unit"]),
                  self._declared_text(self.declared)))
        issued = self._date(self.issued)
        if self.valid_form == "range":
            end = self._date(self.valid_until)
            text = rng.choice([f"EPD Valid {issued} through {end}", f"{issued} to {end}",
                               f"Valid from {issued} to {end}", f"{issued} – {end}"])
            if rng.random() < 0.5:
                f.append(("issued", rng.choice(["Date of issue", "Issue date", "Date of publication"]), issued))
            f.append(("valid", rng.choice(["Period of validity", "Validity", "EPD validity"]), text))
        else:
            f.append(("issued", rng.choice(["Date of issue", "Issue date", "Date of publication", "Published"]),
                      issued))
            if self.valid_form == "date":
                f.append(("valid", rng.choice(["Valid until", "Expiration date", "Valid through", "End of validity"]),
                          self._date(self.valid_until)))
            else:
                f.append(("valid", rng.choice(["Period of validity", "Validity", "Period of Validity"]),
                          rng.choice(["5 years", "5 Years", "Five (5) years from the date of issue"])))
        f.append(("type", rng.choice(["EPD type", "Type of EPD", "EPD Type"]), self.epd_type_text))
        f.append(("scope", rng.choice(["EPD scope", "Scope", "System boundary"]),
                  rng.choice(["Cradle to gate (A1-A3)", "Cradle-to-gate", "Cradle to gate, modules A1 to A3"])))
        pcr = _e(self.pcr)
        if self.pcr_trap and rng.random() < 0.5:
            pcr += f"<br>PCR valid through {self._date(self.pcr_valid)}"
        elif self.pcr_trap:
            f.append(("pcr_review", "PCR review", f"PCR review panel chair: Thomas Gloria. PCR valid through "
                      f"{self._date(self.pcr_valid)}"))
        f.append(("pcr", rng.choice(["Product Category Rule", "Reference PCR", "PCR", "Reference PCR and version"]),
                  pcr))
        f.append(("lca", rng.choice(["LCA practitioner", "LCA prepared by", "EPD prepared by"]),
                  _e(self.practitioner)))
        f.append(("software", "LCA software and database", rng.choice([
            "openLCA 2.0, ecoinvent 3.9.1", "GaBi 10.7, Sphera MLC 2023.1", "SimaPro 9.5, ecoinvent 3.9",
            "Climate Earth EPD tool 3.2, US LCI"])))
        f.append(("year", "Reference year", str(self.issued.year - 1)))
        f.append(("markets", "Markets of applicability", rng.choice(["North America", "United States",
                                                                       "USA and Canada"])))
        f.append(("verify", *self._verification()))
        if rng.random() < 0.5:  # the PCR trap before the PCR, and a scrambled order in half the documents
            keep = f[:2]
            rest = f[2:]
            rng.shuffle(rest)
            f = keep + rest
        return f

    def _verification(self) -> tuple[str, str]:
        v = self.verifier
        if self.verify_style == "checkbox":
            box = "☐ internal ☒ external" if self.verified else "☒ internal ☐ external"
            text = f"Independent verification of the declaration and data, according to ISO 14025:2006: {box}"
            return "Verification", text + (f"<br>Third-party verifier: {_e(v)}" if self.verified else "")
        if self.verify_style == "sentence":
            return "Verification", (
                f"This EPD was independently verified by {_e(v)} in accordance with ISO 14025:2006 and "
                "ISO 21930:2017 (external, third-party verification)." if self.verified else
                "This declaration was reviewed internally; it has not been verified by an independent third party.")
        return "Third-party verified", f"Yes (external verification by {_e(v)})" if self.verified else \
            "No (internal review only)"

    def _product_title(self) -> str:
        if len(self.products) == 1:
            p = self.products[0]
            if self.material == "concrete":
                return f"Mix {_e(p.name)}: {_e(p.description or '')}"
            if p.description:
                return f"{_e(p.name)}: {_e(p.description)}"
            return _e(p.name)
        noun = {"concrete": "ready mixed concrete mixes", "asphalt": "asphalt mixtures",
                "steel": "steel products", "flat_glass": "flat glass products", "cement": "cements"}[self.material]
        return f"{len(self.products)} {noun} (see the results tables)"

    def _declared_text(self, unit: str) -> str:
        what = {"concrete": "ready mixed concrete", "steel": "steel", "asphalt": "asphalt mixture",
                "flat_glass": "flat glass", "cement": "cement"}[self.material]
        if unit == "m3":
            return f"1 {self.unit_html['m3']} of {what}"
        if unit == "yd3":
            return f"1 cubic yard (yd<sup>3</sup>) of {what}"
        if unit == "t":
            return f"1 metric ton (1,000 kg) of {what}"
        if unit == "short_ton":
            return f"1 short ton (2,000 lb) of {what}"
        if len(self.products) == 1 and self.products[0].mass_m2:
            p = self.products[0]
            return f"1 m<sup>2</sup> of {p.thickness} mm {what} (mass {p.mass_m2} kg/m<sup>2</sup>)"
        return f"1 m<sup>2</sup> of {what} of the stated thickness (mass per m<sup>2</sup> given for each product)"

    def _cover(self, fields: list[tuple[str, str, str]]) -> tuple[str, list[tuple[str, str, str]]]:
        """Return the cover HTML and the fields left for the general information table."""
        rng = self.rng
        title = {"concrete": "Ready Mixed Concrete", "steel": "Steel Construction Products",
                 "asphalt": "Asphalt Mixtures", "flat_glass": "Flat Glass", "cement": "Cement"}[self.material]
        badge = f"<div class='badge'>VERIFIED<br>ENVIRONMENTAL PRODUCT DECLARATION<br>{_e(self.operator)}</div>" \
            if rng.random() < 0.6 else ""
        head = f"{badge}<h1>Environmental Product Declaration</h1><h2>{title}</h2>"
        if self.cover == "table":
            rows = "".join(f"<tr><td class='k'>{k}</td><td class='m'>{v}</td></tr>" for _, k, v in fields)
            return f"<div class='cover'>{head}<table class='meta'>{rows}</table></div>", []
        if self.cover == "paragraphs":
            paras = "".join(f"<p><b>{k}:</b> {v}</p>" for _, k, v in fields)
            return f"<div class='cover'>{head}{paras}</div>", []
        side_keys = ["maker", "plant", "product", "unit", "reg", "valid", "pcr", "operator"]
        side = [x for x in fields if x[0] in side_keys]
        rest = [x for x in fields if x[0] not in side_keys]
        blocks = "".join(f"<h4>{k}</h4><div>{v}</div>" for _, k, v in side)
        photo = "<div class='photo'></div>"
        text = (f"<p>{_e(self.manufacturer)} declares the environmental performance of its "
                f"{title.lower()} in this EPD, written to ISO 14025 and ISO 21930.</p>")
        left, right = f"<td class='c2 side'>{blocks}</td>", f"<td class='c2'>{head}{photo}{text}</td>"
        cells = left + right if rng.random() < 0.7 else right + left
        return f"<div class='cover'><table class='two'><tr>{cells}</tr></table></div>", rest

    def _prose(self) -> str:
        rng = self.rng
        title = rng.choice(["Product description", "Product Definition and Information", "Product identification"])
        parts = [f"<h2>{title}</h2>"]
        m = self.material
        where = f"at {_e(self.plant)}" if self.plant else "at the participating plants"
        if m == "concrete":
            parts.append(f"<p>Ready mixed concrete is a mixture of portland cement, supplementary cementitious "
                         f"materials (fly ash, slag cement), aggregates, water and admixtures, batched {where} and "
                         f"delivered to the job site in a plastic state.</p>")
            if len(self.products) == 1:
                p = self.products[0]
                early = " A high-early-strength mix: its early strength is given in the description." \
                    if p.info["high_early_strength"] else ""
                lw = " Lightweight concrete (structural lightweight aggregate)." if p.info["lightweight"] else ""
                parts.append(f"<p>Mix number {_e(p.name)}, described as “{_e(p.description or '')}”. "
                             f"Specified compressive strength at {p.info['strength_days']} days: "
                             f"{_e(p.info['strength_text'] or '')}.{early}{lw}</p>")
            else:
                parts.append(f"<p>This EPD covers {len(self.products)} mixes. Mix numbers, descriptions and "
                             f"strengths are listed with the results.</p>")
        elif m == "steel":
            parts.append("<ul>" + "".join(f"<li><b>{_e(p.name)}</b>: {self._steel_line(p)}</li>"
                                          for p in self.products) + "</ul>")
            parts.append(f"<p>{self._route_text()}</p>")
        elif m == "asphalt":
            parts.append(f"<p>Asphalt mixtures are produced {where} by heating and drying aggregates and mixing them "
                         "with asphalt binder; recycled asphalt pavement (RAP) replaces part of the virgin binder "
                         "and aggregate, and warm-mix technologies lower the production temperature.</p>")
            if len(self.products) <= 8:
                items = [f"<li>{_e(p.name)}" + (f": {_e(p.description)}" if p.description else "") + "</li>"
                         for p in self.products]
                parts.append(f"<ul>{''.join(items)}</ul>")
        elif m == "flat_glass":
            parts.append(f"<p>Flat glass is made by the float process {where}: batch materials are melted at about "
                         "1,500 °C and floated on molten tin. Processed glass (tempered, laminated, coated, "
                         "insulating units) is made from float glass in further steps.</p>")
            parts.append("<ul>" + "".join(
                f"<li>{_e(p.name)}" + (f", {p.thickness} mm, {p.mass_m2} kg/m<sup>2</sup>" if p.mass_m2 else "")
                + "</li>" for p in self.products) + "</ul>")
        else:
            parts.append(f"<p>Cement is produced {where}: raw meal is burned to clinker in a rotary kiln and "
                         "ground with gypsum and, for blended cements, limestone or slag.</p>")
            parts.append("<ul>" + "".join(f"<li>{_e(p.name)}</li>" for p in self.products) + "</ul>")
        return "".join(parts)

    def _product_list(self) -> str:
        """A table naming each product with its description and properties (multi-product documents whose
        results tables carry the names only)."""
        if len(self.products) == 1 or self.orientation == "mixes_rows":
            return ""
        m = self.material
        keys = {"concrete": ["id", "desc", "fc"], "asphalt": ["id", "desc"], "flat_glass": ["id", "thick", "mass"],
                "steel": ["id"], "cement": ["id"]}[m]
        keys = [k for k in keys if k in self.extras or k in ("id", "desc", "fc")]
        if m == "flat_glass" and "m2" not in self.units:
            keys = ["id", "thick"] if "thick" in self.extras else ["id"]
        if m == "steel":
            cols = [_Col("Product", left=True), _Col("Steelmaking route", left=True), _Col("Fabrication", left=True)]
            rows = [f"<tr><td class='l'>{_e(p.name)}</td><td class='l'>{self._route_word(p)}</td>"
                    f"<td class='l'>{'fabricated' if p.info['fabricated'] else 'unfabricated'}</td></tr>"
                    for p in self.products]
        else:
            cols = [self._extra_col(k) for k in keys]
            rows = []
            for p in self.products:
                cells = "".join(_td(p.cells[k], k in ("id", "desc")) for k in keys)
                rows.append(f"<tr>{cells}</tr>")
        return self._caption(f"{self.noun_plural.capitalize()} covered by this EPD") + self._table(cols, rows)

    def _route_word(self, p: _Prod) -> str:
        route = p.info["route"]
        return {"eaf": "EAF", "integrated": "BOF (integrated mill)", None: "mixed (industry average)"}[route]

    def _steel_line(self, p: _Prod) -> str:
        t = p.info["steel_product"]
        what = {"rebar": "deformed reinforcing bar for concrete", "hot_rolled": "hot-rolled structural sections",
                "hss": "hollow structural sections, cold-formed and welded", "plate": "hot-rolled steel plate",
                "merchant_bar": "merchant bar products", "cold_formed": "cold-formed framing (studs, track, joists)",
                "sheet": "coated steel sheet and deck"}[t]
        fab = ("fabricated: shop fabrication is included" if p.info["fabricated"] else
               self.rng.choice(["unfabricated mill product", "as shipped from the mill (not fabricated)", "mill "
                                "product; fabrication is not included"]))
        return f"{what}; {fab}."

    def _route_text(self) -> str:
        routes = {p.info["route"] for p in self.products}
        rng = self.rng
        if routes == {None}:
            return ("The results are a production-weighted average of participating mills that use both the "
                    "electric arc furnace (EAF) and the basic oxygen furnace (BOF) routes.")
        route = routes.pop()
        coil = any(p.info["steel_product"] in ("hss", "cold_formed", "sheet") for p in self.products)
        if route == "eaf":
            text = rng.choice(["Steel is made in an electric arc furnace (EAF) at our mini-mill from more than 95% "
                               "recycled scrap.", "The mill is an EAF mini-mill melting recycled scrap and pig iron.",
                               "Steel is produced by the electric arc furnace (EAF) route."])
            return text + (" Formed products are made from hot-rolled coil of the same mill." if coil else "")
        return rng.choice(["Steel is made at an integrated mill: iron ore is reduced in a blast furnace and the hot "
                           "metal converted to steel in a basic oxygen furnace (BOF).",
                           "Produced by the basic oxygen furnace (BOF) route at an integrated mill."])

    def _boundary(self) -> str:
        rng = self.rng
        text = ("<h2>System boundary</h2><p>This is a cradle-to-gate EPD: raw material supply (A1), transport to "
                "the plant (A2) and manufacturing (A3). Modules A4 to C4 and D are not declared (MND).")
        if self.material == "steel" and any(p.info["fabricated"] for p in self.products):
            text += " Fabrication at the shop (cutting, drilling, bending, welding) is included in A3."
        text += "</p>"
        second = [u for u in self.units if u != self.declared]
        du = f"<h2>Declared unit</h2><p>The declared unit is {self._declared_text(self.declared)}."
        if second:
            volume, mass = "1 yd<sup>3</sup> = 0.764555 m<sup>3</sup>", "1 short ton = 0.907185 metric tons"
            conv = {"yd3": volume, "m3": volume, "short_ton": mass, "t": mass,
                    "m2": "through the mass per m<sup>2</sup>"}[second[0]]
            du += f" Results are also given {self._per(second[0])} ({conv})."
        du += "</p>"
        if self.material == "concrete" and rng.random() < 0.5:
            du += ("<p>Concrete mixes are identified by the producer's mix number; the specified compressive strength "
                   "is the 28-day strength unless another age is stated.</p>")
        return du + text

    def _filler(self) -> str:
        paras = [
            ("Data quality", "Primary data cover twelve consecutive months of production. Background data come from "
             "the database named above; no data set is older than ten years. Cut-off: 1% of mass and energy."),
            ("Allocation", "Production is allocated by mass. Recycled inputs carry the burdens of their recycling "
             "process only (cut-off approach)."),
            ("Comparability", "EPDs from different programs may not be comparable. Comparison of EPDs is only valid "
             "when the same PCR, declared unit and modules are used (ISO 21930:2017, 5.5)."),
            ("Limitations", "Impact results are relative expressions and do not predict impacts on category "
             "endpoints, the exceeding of thresholds, safety margins or risks."),
            ("Biogenic carbon", "The product contains no biogenic carbon; packaging carries less than 5% of the "
             "mass of the product."),
            ("Electricity", "Grid electricity is modelled with the eGRID 2021 subregion of the plant "
             "(about 0.4 kg CO2 eq per kWh)."),
        ]
        chosen = self.rng.sample(paras, min(self.filler, len(paras)))
        return "".join(f"<h3>{k}</h3><p>{v}</p>" for k, v in chosen)

    def _results(self) -> str:
        rng = self.rng
        title = rng.choice(["Life Cycle Impact Assessment Results", "LCA Results", "Environmental indicators"])
        parts = [f"<h2>{title}</h2><p>Results are given per declared unit for the production stage (A1-A3). The US "
                 "EPA TRACI method is the one required by the PCR; other methods are shown for information.</p>"]
        methods = self.method_keys
        if self.orientation == "mixes_rows":
            parts += [self._mixes_table(m) for m in methods]
        elif self.orientation == "products_columns":
            for m in methods:
                units = self.units if m == "traci" else [self.declared]
                parts += [self._products_columns(m, u) for u in units]
        else:
            for pi, p in enumerate(self.products):
                if len(self.products) > 1:
                    label = {"concrete": "mix", "asphalt": "mix"}.get(self.material, "product")
                    parts.append(f"<h3>Results for {label}: {_e(p.name)}</h3>")
                for m in methods:
                    units = self.units if m == "traci" else [self.declared]
                    if self.orientation == "modules_rows":
                        parts += [self._modules_rows(pi, p, m, u) for u in units]
                    elif self.unit_columns:
                        parts.append(self._indicators_rows(pi, p, m, units))
                    else:
                        parts += [self._indicators_rows(pi, p, m, [u]) for u in units]
        return "".join(parts)

    def _references(self) -> str:
        refs = ["ISO 14025:2006 Environmental labels and declarations - Type III environmental declarations",
                "ISO 21930:2017 Sustainability in buildings and civil engineering works - Core rules for EPDs",
                _e(self.pcr), "Bare, J. (2012). TRACI 2.1, US EPA"]
        return "<h2>References</h2><ol>" + "".join(f"<li>{r}</li>" for r in refs) + "</ol>"

    def _document(self) -> str:
        rng = self.rng
        self._words()
        self.footer = rng.choice(['"Page " counter(page) " of " counter(pages)', 'counter(page)',
                                  '"| " counter(page) " |"', f'"{self.op.website}   " counter(page)'])
        fields = self._fields()
        cover, rest = self._cover(fields)
        info = ""
        if rest:
            rows = "".join(f"<tr><td class='k'>{k}</td><td class='m'>{v}</td></tr>" for _, k, v in rest)
            info = f"<h2>General information</h2><table class='meta'>{rows}</table>"
        body = [cover, info, self._prose(), self._product_list(), self._boundary(), self._filler(), self._results(),
                self._references()]
        self.desc["landscape"] = "yes" if self.landscape else "no"
        css = self._css()
        return (f"<html><head><meta charset='utf-8'><title>Environmental Product Declaration</title>"
                f"<style>{css}</style></head><body>{''.join(body)}</body></html>")

    # ------------------------------------------------------------------------------------------------ expected
    def _expected(self) -> dict[str, Any]:
        mods = _MODULE_SETS[self.modules]
        products = []
        for i, p in enumerate(self.products):
            by_unit = {}
            for u in self.units:
                if "A1-A3" in mods:
                    by_unit[u] = self.recorded[(i, u, "A1-A3")][1]
                else:
                    by_unit[u] = round(sum(self.recorded[(i, u, m)][1] for m in ("A1", "A2", "A3")), 6)
            cells_for = ("A1-A3",) if "A1-A3" in mods else ("A1", "A2", "A3")
            products.append({
                "name": p.name, "description": p.description, "material": self.material,
                "gwp_a1a3": by_unit[self.declared], "declared_unit": self.declared, "gwp_by_unit": by_unit,
                "modules": "A1-A3" if "A1-A3" in mods else "A1+A2+A3",
                "gwp_cells": [self.recorded[(i, self.declared, m)][0] for m in cells_for],
                **p.info, "mass_per_m2_kg": p.mass_m2, "page": None,
            })
        numeric = [d for d, style in self.dates if style in _NUMERIC_DATE_STYLES]
        ambiguous = bool(numeric) and not self.us and all(d.day <= 12 for d in numeric)
        self.desc["ambiguous_dates"] = "yes" if ambiguous else "no"
        description = "; ".join(f"{k}={v}" for k, v in self.desc.items())
        return {
            "seed": self.seed, "description": description, "program_operator": self.operator,
            "registration_number": self.registration, "manufacturer": self.manufacturer, "plant": self.plant,
            "issued": self.issued.isoformat(), "valid_until": self.valid_until.isoformat(),
            "valid_until_form": self.valid_form, "date_order_ambiguous": ambiguous, "epd_type": self.epd_type,
            "pcr": self.pcr, "third_party_verified": self.verified,
            "methods": [self._method_name(k) for k in self.method_keys], "products": products,
        }
