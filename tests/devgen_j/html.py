"""WeasyPrint layouts: EPD-generator web tools, two-up result pages, product matrices and dashboards."""

from __future__ import annotations

import html
import random
from typing import Any

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from tests.devgen_j.common import (
    Words,
    benchmark_label,
    concrete_note,
    filler,
    meta_rows,
    pct_below,
    steel_prose,
)
from tests.devgen_j.content import Plan, Product
from tests.devgen_j.fmt import parse

FONTS = FontConfiguration()

COLORS = {"nsf": "#00529b", "astm": "#1d3f6e", "ul": "#c8102e", "scs": "#4b8b3b", "smart": "#2a7f8f",
          "nrmca": "#5a2d82", "csa": "#b5121b", "icc": "#0b6e4f", "hub": "#1b998b", "emerge": "#e07a1f"}


def e(s: str) -> str:
    return html.escape(s)


def nb(name: str) -> str:
    """Escape a product name and let it wrap only at spaces (WeasyPrint would also break after '/' and '-')."""
    return " ".join(f"<span class='nw'>{e(tok)}</span>" for tok in name.split(" "))


class HtmlDoc:
    def __init__(self, rng: random.Random, plan: Plan) -> None:
        self.rng = rng
        self.plan = plan
        self.w = Words(rng, plan)
        self.parts: list[str] = []
        self.color = COLORS.get(plan.meta["op_key"], "#333")
        self.font = rng.choice(["DejaVu Sans", "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Condensed"])
        self.base = rng.choice([8.5, 9, 9.5, 10])
        self.zebra = rng.random() < 0.6
        self.repeat_head = rng.random() < 0.7
        self.landscape = False
        self.ncols = 0

    # ------------------------------------------------------------------ pieces
    def css(self) -> str:
        c = self.color
        size = "letter landscape" if self.landscape else "letter"
        zebra = "tbody tr:nth-child(even) td { background: #eef2f6; }" if self.zebra else ""
        m = self.plan.meta
        return f"""
@page {{ size: {size}; margin: 18mm 14mm 18mm 14mm;
  @top-left {{ content: "{e(m['manufacturer'])} | Environmental Product Declaration"; font-size: 7pt; color: #666; }}
  @top-right {{ content: "{e(m['reg'])}"; font-size: 7pt; color: #666; }}
  @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 7pt; color: #666; }} }}
body {{ font-family: "{self.font}"; font-size: {self.base}pt; color: #222; }}
h1 {{ color: {c}; font-size: 20pt; margin: 0 0 4mm 0; }}
h2 {{ color: {c}; font-size: 12.5pt; border-bottom: 1.5pt solid {c}; margin: 5mm 0 2mm 0; }}
h3 {{ font-size: 10.5pt; margin: 4mm 0 1.5mm 0; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 3mm; }}
th {{ background: {c}; color: white; font-weight: bold; padding: 1.2mm 1.5mm; border: 0.5pt solid #999;
      font-size: {self.base - 1}pt; }}
td {{ padding: 1mm 1.5mm; border: 0.5pt solid #bbb; vertical-align: top; }}
td.n {{ text-align: right; white-space: nowrap; }}
td.lab {{ font-weight: bold; width: 32%; background: #f3f3f3; }}
.keep {{ break-inside: avoid; }}
.nw {{ white-space: nowrap; }}
.twoup td, .twoup th {{ font-size: 6.5pt; padding: 0.6mm 0.8mm; }}
.twoup h3 {{ font-size: 8.5pt; }}
.small {{ font-size: {self.base - 2}pt; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 4mm; }}
.card {{ border: 1pt solid {c}; border-radius: 3mm; padding: 3mm; width: 78mm; break-inside: avoid; }}
.big {{ font-size: 22pt; font-weight: bold; color: {c}; }}
.cover {{ border-left: 6mm solid {c}; padding-left: 5mm; }}
.pb {{ break-before: page; }}
{zebra}
"""

    def add(self, s: str) -> None:
        self.parts.append(s)

    def meta_table(self) -> None:
        rows = meta_rows(self.rng, self.plan, self.w)
        style = self.rng.choice(["upper", "plain", "colon"])
        out = ["<table class='meta'>"]
        for lab, val in rows:
            lab2 = lab.upper() if style == "upper" else (lab + ":" if style == "colon" else lab)
            out.append(f"<tr><td class='lab'>{e(lab2)}</td><td>{e(val)}</td></tr>")
        out.append("</table>")
        self.add("".join(out))

    def cover(self) -> None:
        p = self.plan
        m = p.meta
        title = (p.products[0].name if len(p.products) == 1 else
                 {"concrete": "Ready-Mixed Concrete", "steel": "Steel Products", "asphalt": "Asphalt Mixtures",
                  "flat_glass": "Flat Glass Products", "cement": "Cement"}[p.material])
        self.add(f"<div class='cover'><p>{e(m['operator'])}</p><h1>Environmental Product Declaration</h1>"
                 f"<h2 style='border:none'>{e(title)}</h2><p><b>{e(m['manufacturer'])}</b><br>{e(m['manu_addr'])}</p>")
        if m["plant"]:
            self.add(f"<p>{e(m['plant'])}<br>{e(m['plant_addr'])}</p>")
        self.add("<p>According to ISO 14025 and ISO 21930:2017</p></div>")

    def prose(self) -> None:
        for i, (h, t) in enumerate(filler(self.rng, self.plan), 1):
            self.add(f"<h3>{i}. {e(h)}</h3><p>{e(t)}</p>")
            if h == "System boundary":
                for s in steel_prose(self.rng, self.plan):
                    self.add(f"<p>{e(s)}</p>")
        if self.plan.material == "concrete":
            self.add(f"<p class='small'>{e(concrete_note())}</p>")

    def method_heading(self, unit: str | None = None) -> str:
        u = f" {self.w.per_unit(unit)}" if unit else ""
        return self.rng.choice([f"{self.w.traci} impact assessment results{u}",
                                f"Life cycle impact assessment ({self.w.traci}){u}",
                                f"Results{u}: {self.w.traci}"])

    def gcell(self, i: int, p: Product, unit: str, mod: str, key: str = "gwp") -> str:
        anchor = key == "gwp" and unit == p.declared_unit and mod == p.primary_module
        ida = f" id='g{i}'" if anchor else ""
        return f"<td class='n'{ida}>{e(p.cells[unit][key][mod])}</td>"

    # ------------------------------------------------------------------ per-product indicator tables
    def indicator_table(self, i: int, p: Product, unit: str, keys: list[str], title: str, short: bool = False) -> str:
        w = self.w
        head = "".join(f"<th>{e(m if short else w.module_word[m])}</th>" for m in p.modules)
        rows = []
        for k in keys:
            tds = "".join(self.gcell(i, p, unit, m, k) for m in p.modules)
            rows.append(f"<tr><td>{e(w.ind[k])}</td><td>{e(w.ind_unit[k])}</td>{tds}</tr>")
        return (f"<div class='keep'><h3>{e(title)}</h3><table><thead><tr><th>Indicator</th><th>Unit</th>{head}"
                f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")

    def traci_keys(self) -> list[str]:
        keys = ["gwp", "odp", "ap", "ep", "sfp"]
        if self.rng.random() < 0.3:
            keys = ["odp", "gwp", "ap", "ep", "sfp"]
        return keys

    def extra_tables(self, i: int, p: Product, unit: str) -> list[str]:
        out = []
        w = self.w
        if w.ar:
            out.append(self.indicator_table(i, p, unit, ["gwp_ar5"], f"{w.ar} GWP 100 (excluding biogenic carbon)"))
        if "EN 15804+A2" in self.plan.meta["methods"]:
            out.append(self.indicator_table(i, p, unit, ["gwp_total", "gwp_fossil", "gwp_bio", "gwp_luluc"],
                                            "EN 15804+A2 (EF 3.1) climate change indicators"))
        if "CML-IA" in self.plan.meta["methods"]:
            out.append(self.indicator_table(i, p, unit, ["gwp_cml"], "CML-IA baseline (v4.7)"))
        out.append(self.indicator_table(i, p, unit, ["penre", "water"], "Resource use"))
        return out

    def product_info(self, p: Product) -> str:
        rows = [("Product", p.name), ("Description", p.description)]
        if p.material == "concrete":
            if self.plan.opts["strength_where"] == "column":
                rows.append(("Specified compressive strength", p.extra["strength"]))
                rows.append(("Strength age", f"{p.extra['age']} days"))
            if "early" in p.extra:
                rows.append(("Early strength", p.extra["early"]))
        if p.material == "flat_glass":
            rows.append(("Mass per area", p.extra["mass"]))
        tr = "".join(f"<tr><td class='lab'>{e(a)}</td><td>{e(b)}</td></tr>" for a, b in rows)
        return f"<table>{tr}</table>"

    # ------------------------------------------------------------------ layouts
    def layout_twoup(self) -> None:
        p = self.plan.products[0]
        self.cover()
        self.meta_table()
        self.add("<div class='pb'></div><h2>Product and scope</h2>" + self.product_info(p))
        self.prose()
        self.add(f"<div class='pb'></div><h2>Life cycle assessment results</h2><p>Product: <b>{nb(p.name)}</b>. "
                 f"Declared unit: {e(self.w.declared_unit_text())}.</p>")
        keys = self.traci_keys()
        left = self.indicator_table(0, p, p.declared_unit, keys, self.method_heading(p.declared_unit), True)
        if len(p.units) > 1:
            right = self.indicator_table(0, p, p.units[1], keys, self.method_heading(p.units[1]), True)
            rest = self.extra_tables(0, p, p.declared_unit)
        else:
            rest = self.extra_tables(0, p, p.declared_unit)
            right = rest.pop(0)
        cell = "style='width:50%; vertical-align:top; border:none; padding:0 1.5mm'"
        self.add(f"<table class='twoup small'><tr><td {cell}>{left}</td><td {cell}>{right}</td></tr></table>")
        for t in rest:
            self.add(t)

    def layout_per_product(self) -> None:
        self.cover()
        self.meta_table()
        self.add("<div class='pb'></div>")
        self.prose()
        self.add("<div class='pb'></div><h2>Results by product</h2>")
        for i, p in enumerate(self.plan.products):
            keys = self.traci_keys()
            blocks = [self.indicator_table(i, p, u, keys, self.method_heading(u)) for u in p.units]
            self.add(f"<div class='keep'><h3>{i + 1}. {nb(p.name)}</h3>{self.product_info(p)}"
                     + "".join(blocks) + "</div>")
            if self.rng.random() < 0.5:
                for t in self.extra_tables(i, p, p.declared_unit)[:1]:
                    self.add(t)

    def layout_matrix(self) -> None:
        self.cover()
        self.meta_table()
        self.add("<div class='pb'></div><h2>Products</h2>")
        self.add(self.products_list())
        self.prose()
        self.add("<div class='pb'></div><h2>Results</h2>")
        prods = list(enumerate(self.plan.products))
        nmod = len(prods[0][1].modules)
        per = max(1, 8 // nmod) if nmod > 1 else 6
        chunks = [prods[k:k + per] for k in range(0, len(prods), per)]
        keys = self.traci_keys()
        for unit in prods[0][1].units:
            for ch in chunks:
                self.add(self.matrix_table(ch, unit, keys))
        if "EN 15804+A2" in self.plan.meta["methods"]:
            for ch in chunks:
                du = prods[0][1].declared_unit
                self.add(self.matrix_table(ch, du, ["gwp_total", "gwp_fossil", "gwp_bio"],
                                           f"EN 15804+A2 indicators {self.w.per_unit(du)}"))

    def products_list(self) -> str:
        rows = "".join(f"<tr><td>{nb(p.name)}</td><td>{e(p.description)}</td></tr>" for p in self.plan.products)
        return f"<table><thead><tr><th>Product</th><th>Description</th></tr></thead><tbody>{rows}</tbody></table>"

    def matrix_table(self, ch: list[tuple[int, Product]], unit: str, keys: list[str], title: str = "") -> str:
        w = self.w
        mods = ch[0][1].modules
        title = title or self.method_heading(unit)
        if len(mods) == 1:
            head = "<tr><th>Indicator</th><th>Unit</th>" + "".join(f"<th>{nb(p.name)}</th>" for _, p in ch) + "</tr>"
        else:
            head = ("<tr><th rowspan='2'>Indicator</th><th rowspan='2'>Unit</th>"
                    + "".join(f"<th colspan='{len(mods)}'>{nb(p.name)}</th>" for _, p in ch) + "</tr><tr>"
                    + "".join(f"<th>{e(m)}</th>" for _ in ch for m in mods) + "</tr>")
        body = []
        for k in keys:
            tds = "".join(self.gcell(i, p, unit, m, k) for i, p in ch for m in mods)
            body.append(f"<tr><td>{e(w.ind[k])}</td><td>{e(w.ind_unit[k])}</td>{tds}</tr>")
        cls = "small" if len(ch) * len(mods) > 5 else ""
        return (f"<div class='keep'><h3>{e(title)}</h3><table class='{cls}'><thead>{head}</thead>"
                f"<tbody>{''.join(body)}</tbody></table></div>")

    def layout_rows(self) -> None:
        self.cover()
        self.meta_table()
        self.add("<div class='pb'></div>")
        self.prose()
        many = len(self.plan.products) > 8
        if many and self.rng.random() < 0.5:
            self.landscape = True
        self.add("<div class='pb'></div><h2>" + e(self.rng.choice(["Results by mix design", "Product results",
                                                                    "Table 4. Results per product"])) + "</h2>")
        self.add(f"<p class='small'>{e(self.method_heading())}; cradle to gate. Declared unit: "
                 f"{e(self.w.declared_unit_text())}.</p>")
        self.add(self.rows_table())
        if self.ncols > 10:
            self.landscape = True

    def rows_table(self) -> str:
        rng, w, plan = self.rng, self.w, self.plan
        p0 = plan.products[0]
        mat = plan.material
        where = plan.opts["strength_where"]
        s_unit = plan.opts["strength_unit"]
        cols: list[tuple[str, str, Any]] = []  # (group, head, fn(i, p) -> td html)
        cols.append(("", rng.choice(["Mix ID", "Product", "Mix number", "Mix / Product"]),
                     lambda i, p: f"<td>{nb(p.name)}</td>"))
        if mat != "concrete" or where == "description" or rng.random() < 0.5:
            cols.append(("", "Description", lambda i, p: f"<td class='small'>{e(p.description)}</td>"))
        if mat == "concrete" and where == "column":
            any_age = any(p.extra["age"] != "28" for p in plan.products)
            age_h = "" if any_age else "<br>@ 28 days"
            if s_unit in ("psi", "both"):
                cols.append(("Strength", f"f'c<br>(psi){age_h}", lambda i, p: f"<td class='n'>{e(p.extra['psi'])}</td>"
                             if p.extra["psi"] else "<td></td>"))
            if s_unit in ("mpa", "both"):
                cols.append(("Strength", f"f'c<br>(MPa){age_h}",
                             lambda i, p: f"<td class='n'>{e(p.extra['mpa'])}</td>"))
            if any_age:
                cols.append(("Strength", "Age<br>(days)", lambda i, p: f"<td class='n'>{e(p.extra['age'])}</td>"))
        roomy = len(p0.units) * len(p0.modules) < 6  # keep wide GWP groups on the page
        if mat == "concrete" and roomy and rng.random() < 0.5:
            cols.append(("", "Cement.<br>(kg/m³)", lambda i, p: f"<td class='n'>{e(p.extra['cem'])}</td>"))
            cols.append(("", "SCM", lambda i, p: f"<td class='n'>{e(p.extra['scm'])}</td>"))
        if mat == "asphalt" and rng.random() < 0.6:
            cols.append(("", "RAP", lambda i, p: f"<td class='n'>{e(p.extra['rap'])}</td>"))
        for u in p0.units:
            grp = f"{w.traci} GWP<br>({w.co2} {w.per_unit(u)})"
            for m in p0.modules:
                cols.append((grp, e(w.module_word[m]), lambda i, p, u=u, m=m: self.gcell(i, p, u, m)))
        total = "A1-A3" in p0.modules and roomy
        if total and w.ar and rng.random() < 0.7:
            u = p0.declared_unit
            cols.append(("", f"GWP {w.ar}<br>A1-A3" if "A1-A3" in p0.modules else f"GWP {w.ar}<br>A1",
                         lambda i, p, u=u: self.gcell(i, p, u, p.primary_module, "gwp_ar5")))
        if total and "EN 15804+A2" in plan.meta["methods"]:
            u = p0.declared_unit
            for k in ("gwp_total", "gwp_fossil"):
                cols.append(("EN 15804+A2", w.ind[k], lambda i, p, u=u, k=k: self.gcell(i, p, u, p.primary_module, k)))
        if mat == "concrete" and roomy and rng.random() < 0.5:
            u = p0.declared_unit
            cols.append(("", f"{benchmark_label(rng)}<br>{w.per_unit(u)}",
                         lambda i, p: f"<td class='n'>{e(p.extra['bench'])}</td>"))
            if rng.random() < 0.6:
                cols.append(("", "% below<br>baseline",
                             lambda i, p, u=u: f"<td class='n'>{pct_below(p, u, None)}</td>"))
        n_other = max(0, 11 - len(cols)) if total else 0
        for k in ["odp", "ap", "ep", "sfp", "penre"][:n_other]:
            u = p0.declared_unit
            cols.append(("Other TRACI indicators", f"{w.ind[k]}<br>({w.ind_unit[k]})",
                         lambda i, p, u=u, k=k: self.gcell(i, p, u, p.primary_module, k)))
        # head rows with group heads spanning sub-columns
        r1, r2 = [], []
        k = 0
        while k < len(cols):
            g = cols[k][0]
            if not g:
                r1.append(f"<th rowspan='2'>{cols[k][1]}</th>")
                k += 1
                continue
            span = 1
            while k + span < len(cols) and cols[k + span][0] == g:
                span += 1
            r1.append(f"<th colspan='{span}'>{g}</th>")
            r2 += [f"<th>{c[1]}</th>" for c in cols[k:k + span]]
            k += span
        head = f"<tr>{''.join(r1)}</tr><tr>{''.join(r2)}</tr>"
        body = "".join("<tr>" + "".join(c[2](i, p) for c in cols) + "</tr>" for i, p in enumerate(plan.products))
        fs = "small" if len(cols) > 7 or len(plan.products) > 8 else ""
        self.ncols = len(cols)
        if self.repeat_head:
            return f"<table class='{fs}'><thead>{head}</thead><tbody>{body}</tbody></table>"
        return f"<table class='{fs}'><tbody>{head}{body}</tbody></table>"

    def layout_dashboard(self) -> None:
        rng, w, plan = self.rng, self.w, self.plan
        self.cover()
        self.meta_table()
        self.add("<div class='pb'></div><h2>" + e(rng.choice(["Summary dashboard", "Results at a glance",
                                                                "Embodied carbon summary"])) + "</h2>")
        self.add(f"<p class='small'>Global warming potential, {e(w.traci)}, cradle to gate (A1-A3).</p>")
        cards = []
        for i, p in enumerate(plan.products):
            u = p.declared_unit
            if "A1-A3" in p.modules:
                big = (f"<div>GWP A1-A3 ({e(w.traci)}):</div><div class='big' id='g{i}'>{e(p.gwp(u, 'A1-A3'))}</div>"
                       f"<div>{e(w.co2)} / {e(w.unit[u])}</div>")
                if len(p.modules) > 1:
                    split = " | ".join(f"{m}: {e(p.gwp(u, m))}" for m in ("A1", "A2", "A3"))
                    big += f"<div class='small'>{split}</div>"
            else:
                big = (f"<div>GWP ({e(w.traci)}), {e(w.co2)} / {e(w.unit[u])}:</div><div id='g{i}'>"
                       + " | ".join(f"{m}: <b>{e(p.gwp(u, m))}</b>" for m in ("A1", "A2", "A3")) + "</div>")
            if len(p.units) > 1:
                u2 = p.units[1]
                vals = " | ".join(f"{m}: {e(p.gwp(u2, m))}" for m in p.modules)
                big += f"<div class='small'>{e(w.per_unit(u2))}: {vals}</div>"
            cards.append(f"<div class='card'><b>{nb(p.name)}</b><div class='small'>{e(p.description)}</div>"
                         f"{big}</div>")
        self.add("<div class='cards'>" + "".join(cards) + "</div>")
        self.add(self.svg_chart())
        self.add("<div class='pb'></div><h2>Other indicators</h2>")
        for i, p in enumerate(plan.products):
            t = self.indicator_table(i, p, p.declared_unit, ["odp", "ap", "ep", "sfp"],
                                     f"other {w.traci} indicators {w.per_unit(p.declared_unit)}")
            t = t.replace("<h3>", f"<h3>{nb(p.name)}: ", 1)
            self.add(t)
            for t2 in self.extra_tables(i, p, p.declared_unit)[:1]:
                self.add(t2.replace("<h3>", f"<h3>{nb(p.name)}: ", 1))
        self.prose()

    def svg_chart(self) -> str:
        plan, rng = self.plan, self.rng
        vals: list[tuple[str, float]] = []
        for p in plan.products[:6]:
            u = p.declared_unit
            mods = ["A1-A3"] if "A1-A3" in p.modules else ["A1", "A2", "A3"]
            g = sum(parse(p.gwp(u, m)) for m in mods)
            ref = parse(p.extra["bench"]) if "bench" in p.extra else g * rng.uniform(1.1, 1.4)
            vals.append((p.name[:18], g))
            vals.append(("Baseline", ref))
        top = max(v for _, v in vals) * 1.15
        wpx, hpx = 520, 200
        bw = (wpx - 60) / len(vals)
        out = [f"<svg width='{wpx}' height='{hpx + 40}' xmlns='http://www.w3.org/2000/svg' font-size='8'>"]
        for t in range(5):
            y = hpx - t * hpx / 4
            lab = f"{top * t / 4:,.0f}"
            out.append(f"<line x1='45' x2='{wpx}' y1='{y}' y2='{y}' stroke='#ddd'/>"
                       f"<text x='2' y='{y + 3}'>{lab}</text>")
        for k, (lab, v) in enumerate(vals):
            h = v / top * hpx
            x = 50 + k * bw
            col = self.color if lab != "Baseline" else "#aaa"
            out.append(f"<rect x='{x:.1f}' y='{hpx - h:.1f}' width='{bw * 0.7:.1f}' height='{h:.1f}' fill='{col}'/>")
            out.append(f"<text x='{x:.1f}' y='{hpx - h - 3:.1f}'>{v:,.0f}</text>")
        out.append(f"<text x='50' y='{hpx + 16}'>Bars: products vs. baseline (rounded, for illustration)</text></svg>")
        return "<div class='keep' style='margin-top:8mm'>" + "".join(out) + "</div>"

    def render(self) -> tuple[bytes, dict[int, int], int]:
        getattr(self, f"layout_{self.plan.layout}")()
        doc_html = f"<html><head><style>{self.css()}</style></head><body>{''.join(self.parts)}</body></html>"
        doc = HTML(string=doc_html).render(font_config=FONTS)
        pages: dict[int, int] = {}
        for n, pg in enumerate(doc.pages, 1):
            for a in pg.anchors:
                if a.startswith("g") and a[1:].isdigit():
                    pages.setdefault(int(a[1:]), n)
        return doc.write_pdf(), pages, len(doc.pages)
