"""Generate one synthetic North American EPD PDF (WeasyPrint) and what a reader should extract from it."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from . import products as prod
from .common import (
    COMPANY_PARTS,
    DATE_STYLES,
    EPD_TYPE_WORDS,
    LCA_TOOLS,
    OPERATORS,
    OPERATORS_BY_MATERIAL,
    PCRS,
    VERIFIERS,
    Doc,
    Product,
    address,
    fill,
    fmt_date,
    pick_numfmt,
    plus_years,
    small_fmt,
)
from .results import Ctx, datasheets, matrix, rowlist, sections
from .tables import TableStyle, esc, render_table, splits, table_css

FONT_CONFIG = FontConfiguration()

FONTS = ["'DejaVu Sans'", "'DejaVu Serif'", "'DejaVu Sans Condensed', 'DejaVu Sans'",
         "'DejaVu Serif Condensed', 'DejaVu Serif'", "'DejaVu Sans Light', 'DejaVu Sans'"]

MATERIALS = ["concrete"] * 10 + ["steel"] * 4 + ["asphalt"] * 3 + ["flat_glass"] * 2 + ["cement"] * 2

MATERIAL_WORDS = {"concrete": "Ready-Mixed Concrete", "steel": "Steel Construction Products",
                  "asphalt": "Asphalt Mixtures", "flat_glass": "Flat Glass", "cement": "Portland and Blended Cements"}


def _products(rng: random.Random, material: str) -> tuple[list[Product], str, list[str], dict[str, Any]]:
    """Pick the products, the results layout and the printed units."""
    info: dict[str, Any] = {}
    if material == "concrete":
        layout = rng.choice(["datasheet", "matrix", "rowlist", "rowlist", "single", "matrix"])
        n = {"datasheet": rng.randint(2, 7), "matrix": rng.randint(6, 32), "rowlist": rng.randint(12, 60),
             "single": 1}[layout]
        unit = rng.choice(["m3", "m3", "yd3"])
        ps = prod.concrete_mixes(rng, n, unit, use_mpa=rng.random() < 0.2)
        units = [unit] if rng.random() < 0.3 else [unit, "yd3" if unit == "m3" else "m3"]
    elif material == "steel":
        layout = rng.choice(["rowlist", "sections", "datasheet", "matrix"])
        n = {"rowlist": rng.randint(3, 18), "sections": rng.randint(1, 4), "datasheet": rng.randint(2, 6),
             "matrix": rng.randint(3, 12)}[layout]
        route = "eaf" if rng.random() < 0.75 else "integrated"
        unit = "t" if rng.random() < 0.8 else "short_ton"
        fab_doc = rng.choice([None, None, True, False])
        ps = prod.steel_products(rng, n, route, unit, fab_doc)
        units = [unit] if rng.random() < 0.4 else [unit, "short_ton" if unit == "t" else "t"]
        info.update(route=route, fab_doc=fab_doc)
    elif material == "asphalt":
        layout = rng.choice(["sections", "rowlist", "datasheet"])
        n = {"sections": rng.randint(1, 6), "rowlist": rng.randint(5, 30), "datasheet": rng.randint(2, 6)}[layout]
        unit = "short_ton" if rng.random() < 0.75 else "t"
        ps = prod.asphalt_mixes(rng, n, unit)
        units = [unit] if rng.random() < 0.7 else [unit, "t" if unit == "short_ton" else "short_ton"]
    elif material == "flat_glass":
        layout = rng.choice(["rowlist", "sections"])
        n = rng.randint(4, 20) if layout == "rowlist" else rng.randint(1, 4)
        unit = rng.choice(["m2", "t"])
        ps = prod.glass_products(rng, n, unit)
        units = [unit] if rng.random() < 0.5 else [unit, "t" if unit == "m2" else "m2"]
    else:
        layout = "sections"
        ps = prod.cement_products(rng, rng.randint(1, 3))
        units = ["t"] if rng.random() < 0.7 else ["t", "short_ton"]
    for i, p in enumerate(ps):
        p.anchor = f"gwp-{i}"
        p.attrs["split"] = splits(rng, material)
    return ps, layout, units, info


def _dates(rng: random.Random) -> tuple[dt.date, dt.date, list[tuple[str, str]]]:
    issued = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
    style = rng.choice(DATE_STYLES)
    kind = rng.choice(["until", "range", "period", "expire", "dash"])
    if kind == "period":
        valid = plus_years(issued, 5)
        return issued, valid, [(rng.choice(["Date of Issue", "Issue Date", "Date of issue"]), fmt_date(issued, style)),
                               (rng.choice(["Period of Validity", "Period of validity"]),
                                rng.choice(["5 years", "5 Years", "Five (5) years"]))]
    valid = plus_years(issued, 5) - dt.timedelta(days=rng.choice([1, 1, 0]))
    a, b = fmt_date(issued, style), fmt_date(valid, style)
    if kind == "until":
        return issued, valid, [("Date of Issue", a), (rng.choice(["Valid until", "Valid Until", "Expiration"]), b)]
    if kind == "range":
        return issued, valid, [("Period of Validity", f"EPD Valid {a} through {b}")]
    if kind == "expire":
        return issued, valid, [("Issued", a), ("Expires", b)]
    return issued, valid, [("Validity", f"{a} – {b}")]


def _meta(rng: random.Random, material: str) -> dict[str, Any]:
    op = rng.choice(OPERATORS_BY_MATERIAL[material])
    color, patterns, web, op_addr = OPERATORS[op]
    issued, valid, date_pairs = _dates(rng)
    reg = fill(rng, rng.choice(patterns), issued.year)
    first, second = COMPANY_PARTS[material]
    manu = f"{rng.choice(first)} {rng.choice(second)}"
    if material == "concrete":
        etype = rng.choice(["facility_specific", "facility_specific", "product_specific", "industry_average",
                            "company_average"])
    elif material == "asphalt":
        etype = rng.choice(["facility_specific", "product_specific", "facility_specific"])
    else:
        etype = rng.choice(["facility_specific", "product_specific", "company_average", "industry_average",
                            "product_group_average"])
    if etype == "industry_average":
        manu = {"concrete": "National Ready Mixed Concrete Association (NRMCA)",
                "steel": rng.choice(["Concrete Reinforcing Steel Institute (CRSI)",
                                     "American Institute of Steel Construction (AISC)", "Steel Recycling Institute"]),
                "asphalt": "National Asphalt Pavement Association (NAPA)",
                "flat_glass": "National Glass Association (NGA)",
                "cement": "Portland Cement Association (PCA)"}[material]
    plant = None
    if etype in ("facility_specific", "product_specific"):
        city_word = rng.choice(["North", "East", "Riverside", "Westside", "Harbor", "Mill Creek", "Plant 7", "Valley"])
        kind = {"concrete": "Plant", "steel": "Mill", "asphalt": "Plant", "flat_glass": "Float Line",
                "cement": "Cement Plant"}[material]
        plant = f"{city_word} {kind}"
    pcr_name, pcr_date, pcr_extra, pcr_through = rng.choice(PCRS[material])
    return {
        "operator": op, "color": color, "web": web, "op_addr": op_addr, "reg": reg, "manufacturer": manu,
        "manu_addr": address(rng), "plant": plant, "plant_addr": address(rng), "issued": issued, "valid": valid,
        "date_pairs": date_pairs, "etype": etype, "etype_word": rng.choice(EPD_TYPE_WORDS[etype]), "pcr": pcr_name,
        "pcr_date": pcr_date, "pcr_extra": pcr_extra,
        "pcr_through": fmt_date(dt.date.fromisoformat(pcr_through), rng.choice(DATE_STYLES)),
        "verified": rng.random() < 0.9, "verifier": rng.choice(VERIFIERS), "tool": rng.choice(LCA_TOOLS),
    }


def _meta_pairs(m: dict[str, Any], ps: list[Product], units: list[str], methods: list[str],
                rng: random.Random) -> list[tuple[str, str]]:
    names = ", ".join(p.name for p in ps[:6]) + (f" and {len(ps) - 6} further products" if len(ps) > 6 else "")
    du = {"m3": "1 cubic meter (m3)", "yd3": "1 cubic yard (yd3)", "t": "1 metric ton (1,000 kg)",
          "short_ton": "1 short ton (2,000 lb)", "m2": "1 square meter (m2)"}[ps[0].declared_unit]
    pairs = [("Program Operator", f"{m['operator']}, {m['op_addr']}"),
             (rng.choice(["Declaration Holder", "Manufacturer", "Declaration Owner", "EPD Owner"]),
              f"{m['manufacturer']}, {m['manu_addr']}"),
             (rng.choice(["Declaration Number", "EPD Number", "Registration No.", "EPD Registration Number"]),
              m["reg"]),
             (rng.choice(["Declared Product(s)", "Products", "Product Name"]), names),
             (rng.choice(["Declared Unit", "Declared unit"]), du),
             ("EPD Type", m["etype_word"]),
             ("Reference PCR", f"{m['pcr']} ({m['pcr_date']}){'; ' + m['pcr_extra'] if m['pcr_extra'] else ''}; "
                               f"PCR valid through {m['pcr_through']}"),
             ("LCIA Method", ", ".join(methods) + ("; IPCC AR5 GWP100" if rng.random() < 0.4 else "")),
             ("LCA Software / Tool", m["tool"])]
    if m["plant"]:
        pairs.insert(2, (rng.choice(["Manufacturing Plant", "Plant", "Facility", "Production Site"]),
                         f"{m['plant']}, {m['plant_addr']}"))
    pairs[5:5] = m["date_pairs"]
    if m["verified"]:
        pairs.append(("Verification", "Independent verification of the declaration and data according to ISO 14025 "
                                      f"and ISO 21930: ☐ internal ☒ external. Verifier: {m['verifier']}"))
    else:
        pairs.append(("Verification", "Internal review only (☒ internal ☐ external); this declaration has not been "
                                      "verified by an independent third party."))
    return pairs


def _cover(rng: random.Random, m: dict[str, Any], material: str, ps: list[Product], pairs: list[tuple[str, str]],
           variant: str) -> str:
    title = rng.choice(["Environmental Product Declaration", "ENVIRONMENTAL PRODUCT DECLARATION",
                        "Type III Environmental Product Declaration"])
    sub = esc(ps[0].name if len(ps) == 1 else MATERIAL_WORDS[material])
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in pairs)
    if variant == "ul":
        return (f'<div class="band"><div class="bt">{title}</div><div class="bs">{esc(m["manufacturer"])} | {sub}'
                f'</div></div><table class="meta">{rows}</table><p class="small">According to ISO 14025, ISO 21930 '
                f"and EN 15804. Comparability: EPDs from different programs may not be comparable.</p>")
    if variant == "scs":
        blocks = "".join(f'<div class="blk"><div class="bh">{esc(k)}</div><div>{esc(v)}</div></div>'
                         for k, v in pairs)
        return (f'<h1 class="cov">{title}</h1><div class="cs">{esc(m["manufacturer"])} | {sub}</div>'
                f'<div class="twocol">{blocks}</div>')
    if variant == "sidebar":
        side = "".join(f'<div class="sk">{esc(k)}</div><div class="sv">{esc(v)}</div>' for k, v in pairs)
        intro = (f"{esc(m['manufacturer'])} presents this declaration for {sub.lower()} produced in North America. "
                 "The results cover the product stage (cradle to gate, modules A1 to A3) and are reported with the "
                 "TRACI characterisation factors required by the referenced PCR.")
        more = ("Environmental product declarations within the same product category from different programs may "
                "not be comparable. Results are based on primary data from the manufacturer for a twelve-month "
                "reference period, with background data from commercial life cycle inventory databases. Energy "
                "use, raw material supply and inbound transport are modelled per the PCR; capital goods are "
                "excluded.")
        return (f'<div class="sbwrap"><div class="sidebar">{side}</div><div class="sbmain"><h1 class="cov">{title}'
                f'</h1><div class="cs">{sub}</div><div class="cols2"><p>{intro}</p><p>{more}</p></div></div></div>')
    # "nsf": label/value rows with leaders
    lines = "".join(f'<div class="lv"><span class="lk">{esc(k)}</span><span class="lvv">{esc(v)}</span></div>'
                    for k, v in pairs)
    return f'<h1 class="cov">{title} – {sub}</h1><div class="nsf">{lines}</div>'


def _prose(rng: random.Random, m: dict[str, Any], material: str, info: dict[str, Any], ps: list[Product],
           ts: TableStyle) -> str:
    out = ['<h2 class="sec" style="break-before: page">1. Product and manufacturer</h2><div class="cols">']
    where = f"at its {m['plant']} ({m['plant_addr']})" if m["plant"] else "at facilities across North America"
    out.append(f"<p>{esc(m['manufacturer'])} produces {MATERIAL_WORDS[material].lower()} {esc(where)}. This "
               "declaration covers the products listed in the results section. Product data were collected for a "
               "consecutive twelve-month period and are representative of current production.</p>")
    if material == "steel":
        if info["route"] == "eaf":
            route = rng.choice(["Steel is melted in an electric arc furnace (EAF) from recycled scrap at a mini-mill.",
                                "The mill is an EAF mini-mill; scrap and pig iron are melted in an electric arc "
                                "furnace, refined in a ladle furnace and continuously cast."])
        else:
            route = rng.choice(["Steel is made at an integrated mill: iron from the blast furnace is converted in a "
                                "basic oxygen furnace (BOF).", "The integrated mill route (blast furnace – BOF) is "
                                "used for all products in this declaration."])
        out.append(f"<p>{route}</p>")
        if info["fab_doc"] is True:
            out.append("<p>Fabrication at the shop is included in the system boundary (cutting, drilling, welding "
                       "and bending of mill products).</p>")
        elif info["fab_doc"] is False:
            out.append("<p>Products are declared unfabricated, at the mill gate; shop fabrication is excluded.</p>")
    if material == "concrete":
        out.append("<p>Ready mixed concrete is batched from portland or blended cement, supplementary cementitious "
                   "materials (fly ash, slag cement), aggregates, water and admixtures, and delivered in truck "
                   "mixers. Compressive strength is specified at 28 days unless stated otherwise.</p>")
    if material == "asphalt":
        out.append("<p>Asphalt mixtures are produced in a drum plant from aggregates, asphalt binder and recycled "
                   "asphalt pavement (RAP). Warm-mix technology lowers production temperature where listed.</p>")
    out.append("</div>")
    mods = ["A1", "A2", "A3", "A4", "A5", "B1-B7", "C1-C4", "D"]
    row = ["X", "X", "X", *["MND"] * 5]
    out.append('<h2 class="sec">2. System boundary</h2>')
    out.append(render_table(ts, [[(x, 1) for x in mods]], [row], [1] * len(mods), set(),
                            "Table 2. Life cycle stages (X = included, MND = module not declared)", kind="table"))
    out.append("<p>The system boundary is cradle to gate. Cut-off: flows below 1% of mass and energy, with a total "
               "of less than 5%, may be excluded. Allocation follows the PCR.</p>")
    out.append('<h2 class="sec">3. Life cycle impact assessment</h2><p>Impact indicators are characterised with '
               "TRACI 2.1 (US EPA). Results are relative expressions and do not predict impacts on category "
               "endpoints, exceeding of thresholds, safety margins or risks.</p>")
    return "".join(out)


def _css(rng: random.Random, m: dict[str, Any], landscape: bool, res_landscape: bool, ts: TableStyle,
         font: str) -> str:
    size = "letter landscape" if landscape else "letter"
    q = lambda s: s.replace('"', "'")  # noqa: E731
    head_l = q(f"{m['manufacturer']} | Environmental Product Declaration")
    foot = rng.choice(['"Page " counter(page) " of " counter(pages)', "counter(page)", '"p. " counter(page)'])
    left = rng.choice([f'"{q(m["reg"])}"', f'"{q(m["operator"])}"', '""'])
    c = m["color"]
    return f"""
@page {{ size: {size}; margin: 0.75in 0.6in 0.7in 0.6in;
  @top-left {{ content: "{head_l}"; font-size: 7pt; color: #555; }}
  @top-right {{ content: "{q(m['operator'])}"; font-size: 7pt; color: {c}; }}
  @bottom-right {{ content: {foot}; font-size: 7pt; }}
  @bottom-left {{ content: {left}; font-size: 7pt; color: #777; }} }}
@page land {{ size: letter landscape; }}
.land {{ page: land; }}
body {{ font-family: {font}; font-size: {rng.choice([8.5, 9, 9.5])}pt; color: #222; line-height: 1.3; }}
h1.cov {{ color: {c}; font-size: 20pt; margin: 0 0 4pt; }}
.cs {{ font-size: 13pt; margin-bottom: 10pt; }}
h2.sec {{ color: {c}; font-size: 12pt; border-bottom: 1pt solid {c}; margin: 10pt 0 4pt; }}
h2.sh {{ background: {c}; color: white; padding: 4pt 8pt; font-size: 12pt; }}
h3 {{ color: {c}; font-size: 10.5pt; margin: 8pt 0 2pt; }}
.pd {{ font-size: 8pt; color: #444; margin: 0 0 3pt; }}
.sheet {{ break-before: page; }}
.band {{ background: {c}; color: white; padding: 14pt; margin-bottom: 10pt; }}
.bt {{ font-size: 18pt; font-weight: bold; }} .bs {{ font-size: 11pt; }}
table.meta {{ border-collapse: collapse; width: 100%; font-size: 8pt; }}
table.meta th {{ text-align: left; width: 32%; font-variant: small-caps; padding: 3pt; border-bottom: 0.5pt solid #ccc;
  vertical-align: top; }}
table.meta td {{ padding: 3pt; border-bottom: 0.5pt solid #ccc; }}
.small {{ font-size: 6.5pt; color: #555; }}
.twocol {{ column-count: 2; column-gap: 18pt; font-size: 8.5pt; }}
.blk {{ break-inside: avoid; margin-bottom: 8pt; }} .bh {{ font-weight: bold; color: {c}; }}
.sbwrap {{ display: flex; gap: 14pt; }}
.sidebar {{ width: 34%; background: #eef1f4; border-left: 4pt solid {c}; padding: 8pt; font-size: 7.5pt; }}
.sk {{ font-weight: bold; color: {c}; margin-top: 4pt; }} .sbmain {{ flex: 1; }}
.cols2 {{ column-count: 2; column-gap: 12pt; text-align: justify; }}
.cols {{ column-count: {rng.choice([1, 2, 2, 3])}; column-gap: 14pt; }}
.nsf .lv {{ display: flex; border-bottom: 0.5pt dotted #999; padding: 2.5pt 0; font-size: 8.5pt; }}
.nsf .lk {{ width: 38%; font-weight: bold; }} .nsf .lvv {{ flex: 1; }}
.kvb {{ font-size: 8.5pt; }} .kv {{ padding: 1.5pt 0; }} .k {{ font-weight: bold; }}
.keyfig {{ border: 2pt solid {c}; text-align: center; padding: 8pt; border-radius: 6pt; }}
.kn {{ font-size: 26pt; font-weight: bold; color: {c}; }} .kl {{ font-size: 8pt; }}
{table_css(ts)}
"""


def generate(seed: int) -> Doc:
    """Build the PDF for `seed` and the values a perfect reader would extract."""
    rng = random.Random(seed)
    material = rng.choice(MATERIALS)
    ps, layout, units, info = _products(rng, material)
    m = _meta(rng, material)
    traci = "TRACI 2.1" if rng.random() < 0.85 else "TRACI 2.2"
    extra: list[str] = []
    if rng.random() < 0.3:
        extra.append(rng.choice(["EF 3.0", "EF 3.1", "EN 15804+A2 (EF 3.1)"]))
    if material in ("cement", "flat_glass") and rng.random() < 0.35:
        extra.append("CML-IA")
    methods = [traci, *extra]
    ts = TableStyle.pick(rng, m["color"])
    mag = ps[0].per(ps[0].declared_unit)
    mode = rng.choice(["split_total", "total", "split_total"] + (["split", "split"] if material == "asphalt" else []))
    if material == "asphalt" and layout != "rowlist" and rng.random() < 0.5:
        mode = "split"
    ctx = Ctx(rng=rng, ts=ts, nf=pick_numfmt(rng, mag), sf=small_fmt(rng), units=units, mode=mode,
              accent=m["color"], method=traci, extra_methods=extra if layout in ("datasheet", "sections") else [],
              n_other=rng.randint(2, 7),
              gwp_label=rng.choice(["Global warming potential (GWP)", "Global Warming Potential", "GWP 100",
                                    "Climate change (GWP)", "GWP"]),
              marker=rng.choice(["", "", "<sup>a</sup>"]))
    font = rng.choice(FONTS)
    landscape = layout in ("matrix", "rowlist") and rng.random() < 0.35
    res_land = not landscape and layout in ("matrix", "rowlist") and rng.random() < 0.4
    pairs = _meta_pairs(m, ps, units, methods, rng)
    variant = rng.choice(["ul", "scs", "sidebar", "nsf"])
    body = [_cover(rng, m, material, ps, pairs, variant)]
    body.append(_prose(rng, m, material, info, ps, ts))
    cls = ' class="land"' if res_land else ""
    body.append(f'<div{cls} style="break-before: page"><h2 class="sec">4. Results</h2>')
    body.append(f"<p>Results are reported per declared unit with {traci}. Modules A1-A3 are declared.</p>")
    if layout == "datasheet":
        body.append(datasheets(ctx, ps, m["plant"]))
    elif layout == "matrix":
        body.append(matrix(ctx, ps, rng.randint(4, 6) if not (landscape or res_land) else rng.randint(5, 8)))
    elif layout == "rowlist":
        body.append(rowlist(ctx, ps, rng.choice(["", "", "col", "pct"])))
    else:
        body.append(sections(ctx, ps, break_each=len(ps) > 1 and rng.random() < 0.4))
    body.append("</div>")
    if layout in ("matrix", "rowlist") and extra:
        rows = [[esc(p.name), ctx.nf(p.per(p.declared_unit) * rng.uniform(1.005, 1.04)),
                 ctx.nf(p.per(p.declared_unit) * rng.uniform(0.99, 1.02))] for p in ps]
        body.append('<div style="break-before: page">' + render_table(
            ts, [[("Product", 1), ("GWP-total", 1), ("GWP-fossil", 1)]], rows, [2, 1, 1], {1, 2},
            f"{extra[0]} results (A1-A3), informative; not the TRACI result") + "</div>")
    body.append('<h2 class="sec">5. References</h2><p class="small">ISO 14025:2006; ISO 14040/14044:2006; '
                f"ISO 21930:2017; {esc(m['pcr'])}; US EPA TRACI 2.1 User's Manual.</p>")
    html_doc = f"<html><head><meta charset='utf-8'><style>{_css(rng, m, landscape, res_land, ts, font)}</style>" \
               f"</head><body>{''.join(body)}</body></html>"
    document = HTML(string=html_doc).render(font_config=FONT_CONFIG)
    for i, page in enumerate(document.pages):
        for p in ps:
            if p.anchor in page.anchors:
                p.page = i + 1
    pdf = document.write_pdf(uncompressed_pdf=True)
    desc = (f"{material}, {layout} results ({ts.kind}, {ctx.mode}), cover {variant}, units {'+'.join(units)}, "
            f"{'landscape' if landscape else 'landscape results' if res_land else 'portrait'}, "
            f"numbers {ctx.nf.kind}/{ctx.nf.dec}, {len(ps)} products")
    expected = {
        "seed": seed, "description": desc, "program_operator": m["operator"], "registration_number": m["reg"],
        "manufacturer": m["manufacturer"], "plant": m["plant"], "issued": m["issued"].isoformat(),
        "valid_until": m["valid"].isoformat(), "epd_type": m["etype"], "pcr": m["pcr"],
        "third_party_verified": m["verified"], "methods": methods, "page_count": len(document.pages),
        "products": [p.expected() for p in ps],
    }
    return Doc(pdf=pdf, expected=expected, html=html_doc)
