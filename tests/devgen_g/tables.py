"""Table building blocks for devgen_g: <table>, CSS-grid row divs and flex row divs, plus GWP cell recording."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

from .common import NumFmt, Product, parse_num

UNIT_LABELS = {
    "m3": ["m3", "m³", "cubic meter"], "yd3": ["yd3", "yd³", "cubic yard"], "t": ["t", "metric ton", "tonne", "MT"],
    "short_ton": ["short ton", "sh. ton", "ton (2,000 lb)"], "m2": ["m2", "m²"], "kg": ["kg"],
}


def esc(s: str) -> str:
    return html.escape(s, quote=False)


@dataclass
class TableStyle:
    """How one document draws its tables."""

    kind: str  # "table", "grid", "flex"
    zebra: bool
    head_bg: str
    head_fg: str
    border: str
    font_pt: float
    repeat_head: bool
    caption_above: bool
    pad: str

    @staticmethod
    def pick(rng: random.Random, accent: str) -> TableStyle:
        dark = rng.random() < 0.65
        return TableStyle(kind=rng.choice(["table", "table", "grid", "flex"]), zebra=rng.random() < 0.6,
                          head_bg=accent if dark else "#e6e6e6", head_fg="#ffffff" if dark else "#111111",
                          border=rng.choice(["0.5pt solid #999", "0.75pt solid #bbb", "none", "0.5pt solid #333"]),
                          font_pt=rng.choice([6.5, 7, 7.5, 8, 8.5]), repeat_head=rng.random() < 0.6,
                          caption_above=rng.random() < 0.7, pad=rng.choice(["2pt 4pt", "3pt 5pt", "1.5pt 3pt"]))


def table_css(ts: TableStyle) -> str:
    b = ts.border
    return f"""
table.r {{ border-collapse: collapse; width: 100%; table-layout: fixed; font-size: {ts.font_pt}pt; margin: 4pt 0 8pt; }}
table.r th, table.r td {{ padding: {ts.pad}; border: {b}; vertical-align: middle; }}
table.r thead th, table.r tr.hd th {{ background: {ts.head_bg}; color: {ts.head_fg}; font-weight: bold; }}
table.r td.n {{ text-align: right; white-space: nowrap; }}
.w {{ white-space: normal; }}
table.r td.l {{ text-align: left; }}
table.r th {{ text-align: left; }} table.r th.n, div.gt div.hd > div.n {{ text-align: right; }}
{'table.r tbody tr:nth-child(even) td { background: #f1f4f7; }' if ts.zebra else ''}
div.gt {{ font-size: {ts.font_pt}pt; margin: 4pt 0 8pt; width: 100%; }}
div.gr {{ display: grid; border-bottom: {b if b != 'none' else '0.5pt solid #ccc'}; break-inside: avoid; }}
div.gr > div {{ padding: {ts.pad}; min-width: 0; overflow-wrap: break-word; }}
div.gr.hd > div {{ background: {ts.head_bg}; color: {ts.head_fg}; font-weight: bold; }}
div.fr {{ display: flex; border-bottom: {b if b != 'none' else '0.5pt solid #ccc'}; break-inside: avoid; }}
div.fr > div {{ padding: {ts.pad}; box-sizing: border-box; flex: none; overflow-wrap: break-word; }}
div.fr.hd > div {{ background: {ts.head_bg}; color: {ts.head_fg}; font-weight: bold; }}
{'div.gt > div.zb > div { background: #f1f4f7; }' if ts.zebra else ''}
div.gt div.n {{ text-align: right; white-space: nowrap; }}
.cap {{ font-size: {ts.font_pt + 0.5}pt; font-weight: bold; margin: 6pt 0 2pt; }}
.fn {{ font-size: {max(ts.font_pt - 1, 6)}pt; color: #444; margin: 0 0 6pt; }}
"""


def render_table(ts: TableStyle, heads: list[list[tuple[str, int]]], rows: list[list[str]], widths: list[float],
                 numeric: set[int], caption: str = "", note: str = "", kind: str | None = None) -> str:
    """Draw a table; `heads` are header rows of (html, colspan), `rows` cell html, `widths` relative column widths."""
    kind = kind or ts.kind
    ncols = len(widths)

    def hcls(row: list[tuple[str, int]], i: int) -> str:
        return ' class="n"' if len(row) == ncols and i in numeric else ""
    cap = f'<div class="cap">{caption}</div>' if caption else ""
    out = [cap] if ts.caption_above else []
    if kind == "table" or (len(heads) > 1 and kind == "flex"):
        total = sum(widths)
        cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths)
        hrows = "".join("<tr class='hd'>" + "".join(f"<th{hcls(hr, i)} colspan={c}>{h}</th>"
                                                    for i, (h, c) in enumerate(hr)) + "</tr>" for hr in heads)
        body = "".join("<tr>" + "".join(f'<td class="{"n" if i in numeric else "l"}">{c}</td>'
                                         for i, c in enumerate(r)) + "</tr>" for r in rows)
        if ts.repeat_head:
            out.append(f'<table class="r"><colgroup>{cols}</colgroup><thead>{hrows}</thead>'
                       f"<tbody>{body}</tbody></table>")
        else:
            out.append(f'<table class="r"><colgroup>{cols}</colgroup><tbody>{hrows}{body}</tbody></table>')
    elif kind == "grid":
        tmpl = " ".join(f"{w}fr" for w in widths)
        parts = ['<div class="gt">']
        for hr in heads:
            parts.append(f'<div class="gr hd" style="grid-template-columns:{tmpl}">' + "".join(
                f'<div{hcls(hr, i)} style="grid-column: span {c}">{h}</div>'
                for i, (h, c) in enumerate(hr)) + "</div>")
        for k, r in enumerate(rows):
            z = " zb" if k % 2 else ""
            parts.append(f'<div class="gr{z}" style="grid-template-columns:{tmpl}">' + "".join(
                f'<div class="{"n" if i in numeric else "l"}">{c}</div>' for i, c in enumerate(r)) + "</div>")
        parts.append("</div>")
        out.append("".join(parts))
    else:
        total = sum(widths)
        pct = [100 * w / total for w in widths]
        parts = ['<div class="gt">']
        cells = zip(heads[0], pct, strict=False)
        parts.append('<div class="fr hd">' + "".join(f'<div{hcls(heads[0], i)} style="width:{p:.2f}%">{h}</div>'
                                                     for i, ((h, _), p) in enumerate(cells)) + "</div>")
        for k, r in enumerate(rows):
            z = " zb" if k % 2 else ""
            parts.append(f'<div class="fr{z}">' + "".join(
                f'<div class="{"n" if i in numeric else "l"}" style="width:{pct[i]:.2f}%">{c}</div>'
                for i, c in enumerate(r)) + "</div>")
        parts.append("</div>")
        out.append("".join(parts))
    if not ts.caption_above and caption:
        out.append(cap)
    if note:
        out.append(f'<div class="fn">{note}</div>')
    return "".join(out)


def splits(rng: random.Random, material: str) -> tuple[float, float, float]:
    """Return A1, A2, A3 shares of A1-A3 for a material."""
    if material == "concrete":
        a2, a3 = rng.uniform(0.03, 0.08), rng.uniform(0.02, 0.07)
    elif material == "asphalt":
        a2, a3 = rng.uniform(0.08, 0.2), rng.uniform(0.25, 0.45)
    elif material == "steel":
        a2, a3 = rng.uniform(0.01, 0.05), rng.uniform(0.3, 0.6)
    else:
        a2, a3 = rng.uniform(0.02, 0.06), rng.uniform(0.4, 0.7)
    return 1 - a2 - a3, a2, a3


def gwp_cells(p: Product, unit: str, mode: str, nf: NumFmt, primary: bool, method: str = "TRACI 2.1",
              marker: str = "") -> list[str]:
    """Print the GWP A1-A3 of `p` per `unit` as module cells and record what was printed.

    mode: "split_total" (A1, A2, A3, A1-A3), "split" (A1, A2, A3 only), "total" (A1-A3 only).
    The first recorded cell carries the product's anchor id when `primary`.
    """
    v = p.per(unit)
    sh = p.attrs.setdefault("split", (0.85, 0.07, 0.08))
    parts = [nf(v * s) for s in sh]
    total = nf(v)
    anchor = f' id="{p.anchor}"' if primary and p.anchor else ""
    if mode == "split":
        p.gwp_by_unit[unit] = round(sum(parse_num(x) for x in parts), 6)
        printed = " + ".join(parts)
        cells = [f"<span{anchor if i == 0 else ''}>{x}</span>" for i, x in enumerate(parts)]
        modules = ["A1", "A2", "A3"]
    else:
        p.gwp_by_unit[unit] = parse_num(total)
        printed = total
        tcell = f"<span{anchor}>{total}</span>{marker}"
        cells = ([*parts, tcell] if mode == "split_total" else [tcell])
        modules = ["A1", "A2", "A3", "A1-A3"] if mode == "split_total" else ["A1-A3"]
    if unit == p.declared_unit:
        p.gwp_printed = printed
        p.modules = modules
        p.gwp_method = method
    return cells


OTHER_INDICATORS = [
    # label, unit, factor relative to GWP per unit
    ("Ozone depletion potential (ODP)", "kg CFC-11 eq", 3.1e-8),
    ("Acidification potential (AP)", "kg SO2 eq", 2.4e-3),
    ("Eutrophication potential (EP)", "kg N eq", 2.9e-4),
    ("Smog formation potential (SFP)", "kg O3 eq", 4.6e-2),
    ("Abiotic depletion, fossil fuels (ADPf)", "MJ surplus", 0.71),
    ("Renewable primary energy, fuel (PERE)", "MJ, LHV", 0.38),
    ("Non-renewable primary energy, fuel (PENRE)", "MJ, LHV", 5.9),
    ("Consumption of freshwater (FW)", "m3", 2.2e-3),
]

SHORT_LABELS = {"Ozone depletion potential (ODP)": "ODP", "Acidification potential (AP)": "AP",
                "Eutrophication potential (EP)": "EP", "Smog formation potential (SFP)": "SFP",
                "Abiotic depletion, fossil fuels (ADPf)": "ADPf", "Renewable primary energy, fuel (PERE)": "PERE",
                "Non-renewable primary energy, fuel (PENRE)": "PENRE", "Consumption of freshwater (FW)": "FW"}


def unit_word(rng: random.Random, unit: str) -> str:
    return rng.choice(UNIT_LABELS[unit])
