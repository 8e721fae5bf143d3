"""Render realistic North American EPDs to PDF with WeasyPrint; the expected values are known by construction."""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass
class GeneratedEpd:
    name: str
    html: str
    expected: list[dict[str, object]] = field(default_factory=list)
    declared_unit: str = ""

    def pdf(self) -> bytes:
        """Render the HTML to PDF bytes."""
        from weasyprint import HTML

        return HTML(string=self.html).write_pdf()  # type: ignore[no-any-return]


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
    return HTML(string=f"<html><body>{html}</body></html>").write_pdf()  # type: ignore[no-any-return]


ALL = (ready_mix, steel, asphalt, flat_glass, split_table)
