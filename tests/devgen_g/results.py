"""Results sections of devgen_g documents: data sheets, mix matrices, long mix lists, per-product sections."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .common import NumFmt, Product, parse_num
from .tables import OTHER_INDICATORS, SHORT_LABELS, TableStyle, esc, gwp_cells, render_table, unit_word


@dataclass
class Ctx:
    """Choices shared by the results section of one document."""

    rng: random.Random
    ts: TableStyle
    nf: NumFmt
    sf: NumFmt
    units: list[str]  # units printed, each product's declared unit among them
    mode: str  # "split_total", "split", "total"
    accent: str
    method: str = "TRACI 2.1"
    extra_methods: list[str] = field(default_factory=list)
    n_other: int = 4
    gwp_label: str = "Global warming potential (GWP)"
    marker: str = ""
    footnotes: list[str] = field(default_factory=list)

    def ulabel(self, unit: str) -> str:
        return unit_word(self.rng, unit)


def module_heads(mode: str, rng: random.Random) -> list[str]:
    total = rng.choice(["A1-A3", "A1-A3", "Total A1-A3", "A1–A3", "Product stage (A1-A3)"])
    if mode == "total":
        return [total]
    names = ["A1", "A2", "A3"]
    if rng.random() < 0.4:
        names = ["A1 Raw materials", "A2 Transport", "A3 Manufacturing"]
    return names + ([total] if mode == "split_total" else [])


def indicator_rows(ctx: Ctx, p: Product, unit: str, primary: bool, others: int) -> list[list[str]]:
    gwp = gwp_cells(p, unit, ctx.mode, ctx.nf, primary, ctx.method, ctx.marker)
    rows = [[ctx.gwp_label + ("<sup>†</sup>" if ctx.marker else ""), "kg CO<sub>2</sub> eq", *gwp]]
    v = p.per(unit)
    sh = p.attrs["split"]
    for label, u, f in OTHER_INDICATORS[:others]:
        val = v * f * ctx.rng.uniform(1.0, 1.4)
        cells = [ctx.sf(val * s) for s in sh] if ctx.mode != "total" else []
        if ctx.mode != "split":
            cells.append(ctx.sf(val))
        if ctx.rng.random() < 0.05:
            cells = ["ND" if ctx.rng.random() < 0.5 else "—" for _ in cells]
        rows.append([SHORT_LABELS[label] if ctx.rng.random() < 0.3 else label, u, *cells])
    return rows


def indicator_table(ctx: Ctx, p: Product, unit: str, primary: bool, caption: str) -> str:
    heads = module_heads(ctx.mode, ctx.rng)
    rows = indicator_rows(ctx, p, unit, primary, ctx.n_other)
    widths = [3.2, 1.3] + [1.0] * len(heads)
    note = ""
    if ctx.marker:
        note = (f"† {ctx.method}; biogenic carbon excluded. Values per 1 {ctx.ulabel(unit)}. "
                "<sup>a</sup> Total of modules A1-A3 as calculated before rounding.")
    return render_table(ctx.ts, [[("Indicator", 1), ("Unit", 1), *[(h, 1) for h in heads]]], rows, widths,
                        set(range(2, 2 + len(heads))), caption, note)


def product_tables(ctx: Ctx, p: Product, word: str = "") -> str:
    """All per-unit indicator tables of one product; the declared unit's table carries the anchor."""
    out = []
    units = list(ctx.units)
    side = len(units) == 2 and ctx.mode == "total" and ctx.rng.random() < 0.5
    for u in units:
        cap = ctx.rng.choice([f"{ctx.method} results per 1 {ctx.ulabel(u)}{word}",
                              f"Table: Life cycle impact assessment, {p.name}, per {ctx.ulabel(u)}",
                              f"Results – declared unit 1 {ctx.ulabel(u)}"])
        t = indicator_table(ctx, p, u, u == p.declared_unit, cap)
        out.append(f'<div style="display:inline-block; width:49%; vertical-align:top">{t}</div>' if side else t)
    if side:
        return '<div class="side">' + " ".join(out) + "</div>"
    return "".join(out)


def extra_method_tables(ctx: Ctx, p: Product) -> str:
    """EF 3.0 / CML tables for the same product (not the compared value)."""
    out = []
    u = p.declared_unit
    v = p.per(u)
    for m in ctx.extra_methods:
        if m.startswith("EF") or "15804" in m:
            rows = []
            k = ctx.rng.uniform(1.005, 1.04)
            for lab, f in (("GWP-total", k), ("GWP-fossil", k * 0.995), ("GWP-biogenic", 0.004 * k),
                           ("GWP-luluc", 0.001 * k)):
                rows.append([lab, "kg CO<sub>2</sub> eq", ctx.nf(v * f) if f > 0.5 else ctx.sf(v * f)])
            out.append(render_table(ctx.ts, [[("EN 15804+A2 indicator", 1), ("Unit", 1), ("A1-A3", 1)]], rows,
                                    [3, 1.5, 1.2], {2}, f"{m} core indicators, {p.name}, per 1 {ctx.ulabel(u)}"))
        else:
            rows = [["Global warming (GWP100a)", "kg CO<sub>2</sub> eq", ctx.nf(v * ctx.rng.uniform(0.97, 1.03))],
                    ["Acidification", "kg SO<sub>2</sub> eq", ctx.sf(v * 2.1e-3)],
                    ["Eutrophication", "kg PO<sub>4</sub> eq", ctx.sf(v * 3.3e-4)]]
            out.append(render_table(ctx.ts, [[("CML-IA baseline", 1), ("Unit", 1), ("A1-A3", 1)]], rows,
                                    [3, 1.5, 1.2], {2}, f"{m} results per 1 {ctx.ulabel(u)} ({p.name})"))
    return "".join(out)


def kv_block(pairs: list[tuple[str, str]], cols: int) -> str:
    cells = "".join(f'<div class="kv"><span class="k">{esc(k)}</span> <span class="v">{esc(v)}</span></div>'
                    for k, v in pairs)
    return f'<div class="kvb" style="column-count:{cols}">{cells}</div>'


def concrete_pairs(p: Product, plant: str | None, rng: random.Random) -> list[tuple[str, str]]:
    a = p.attrs
    pairs = [("Mix description:", p.description or ""),
             (rng.choice(["Specified compressive strength:", "f'c:", "Design strength:"]),
              f"{p.strength_text} at {p.strength_age_days} days")]
    if p.high_early_strength:
        pairs.append(("Early strength:", f"{a['he_days']}-day strength specified"))
    if p.lightweight:
        pairs.append(("Unit weight:", f"{a['density']} kg/m3 (lightweight)"))
    pairs.append(("Slump:", f'{a["slump"]} in'))
    pairs.append(("SCM content:", f"{a['scm']}% {a['scm_kind'] if a['scm'] else ''}".strip()))
    if plant:
        pairs.append(("Plant:", plant))
    return pairs


def datasheets(ctx: Ctx, products: list[Product], plant: str | None) -> str:
    """One page per product: heading, key-value block, key figure box, module tables."""
    out = []
    for p in products:
        head = ctx.rng.choice([f"Mix {p.name}", f"{p.name} — {p.description}", f"Product: {p.name}",
                               f"Mix ID {p.name}"])
        pairs = concrete_pairs(p, plant, ctx.rng) if p.material == "concrete" else [
            ("Description:", p.description or "")]
        out.append(f'<section class="sheet"><h2 class="sh">{esc(head)}</h2>')
        box = ""
        if ctx.rng.random() < 0.7:
            u = p.declared_unit
            big = ctx.nf(p.per(u))
            box = (f'<div class="keyfig"><div class="kl">GWP (A1-A3)</div><div class="kn">{big}</div>'
                   f'<div class="kl">kg CO<sub>2</sub>e / {ctx.ulabel(u)}</div></div>')
        box = f'<div style="float:right; width:32%; margin-left:12pt">{box}</div>' if box else ""
        out.append(f'<div style="overflow:hidden">{box}{kv_block(pairs, 1)}</div>')
        out.append(product_tables(ctx, p))
        if ctx.extra_methods:
            out.append(extra_method_tables(ctx, p))
        out.append("</section>")
    return "".join(out)


def sections(ctx: Ctx, products: list[Product], break_each: bool) -> str:
    """Per-product result sections, flowing (several per page) or one per page."""
    out = []
    for i, p in enumerate(products):
        style = ' style="break-before: page"' if break_each and i else ' style="break-inside: avoid"'
        out.append(f"<section{style}><h3>{esc(p.name)}</h3>")
        if p.description and ctx.rng.random() < 0.8:
            out.append(f'<p class="pd">{esc(p.description)}</p>')
        if p.material == "flat_glass":
            out.append(f'<p class="pd">Nominal thickness {p.attrs["thick"]} mm; mass per unit area '
                       f'{p.attrs["mass_kg_m2"]} kg/m2.</p>')
        out.append(product_tables(ctx, p))
        if ctx.extra_methods:
            out.append(extra_method_tables(ctx, p))
        out.append("</section>")
    return "".join(out)


def matrix(ctx: Ctx, products: list[Product], per_page: int) -> str:
    """Products as columns, `per_page` per page, continued on later pages."""
    out = []
    chunks = [products[i:i + per_page] for i in range(0, len(products), per_page)]
    for k, chunk in enumerate(chunks):
        first = ["Mix ID", "Indicator / Mix"] if chunk[0].material == "concrete" else ["Product", "Indicator"]
        heads = [[(ctx.rng.choice(first), 1), ("Unit", 1),
                  *[(esc(p.name), 1) for p in chunk]]]
        rows: list[list[str]] = []
        if chunk[0].material == "concrete":
            rows.append(["Description", "", *[f'<span class="w">{esc(p.description or "")}</span>' for p in chunk]])
            rows.append(["Compressive strength", "",
                         *[f'<span class="w">{p.strength_text} @ {p.strength_age_days} d</span>' for p in chunk]])
            rows.append(["SCM", "%", *[str(p.attrs["scm"]) for p in chunk]])
        else:
            rows.append(["Description", "", *[f'<span class="w">{esc(p.description or "")}</span>' for p in chunk]])
        for u in ctx.units:
            lab = f"{ctx.gwp_label}, A1-A3, per {ctx.ulabel(u)}"
            rows.append([lab, "kg CO<sub>2</sub>e",
                         *[gwp_cells(p, u, "total", ctx.nf, u == p.declared_unit, ctx.method)[0] for p in chunk]])
        u0 = chunk[0].declared_unit
        for label, unit, f in OTHER_INDICATORS[:ctx.n_other]:
            rows.append([label, unit, *[ctx.sf(p.per(u0) * f) for p in chunk]])
        cap = ("Table 5. LCIA results (A1-A3), per declared unit" if k == 0
               else f"Table 5 (continued, {k + 1} of {len(chunks)})")
        brk = ' style="break-before: page"' if k else ""
        out.append(f"<div{brk}>" + render_table(ctx.ts, heads, rows, [3, 1.2] + [1.6] * len(chunk),
                                                set(range(2, 2 + len(chunk))), cap) + "</div>")
    return "".join(out)


def rowlist(ctx: Ctx, products: list[Product], baseline: str) -> str:
    """Long list of products as rows with attributes and GWP per unit columns."""
    rng = ctx.rng
    concrete = products[0].material == "concrete"
    attr_cols: list[tuple[str, str]] = []
    if concrete:
        mpa = products[0].attrs.get("mpa")
        attr_cols = [("desc", "Description"),
                     ("fc", "f'c (MPa)" if mpa else "f'c (psi)"), ("slump", "Slump (in)"), ("scm", "SCM %")]
        if rng.random() < 0.5:
            attr_cols.append(("age", "Age (days)"))
        rng.shuffle(attr_cols)
        if rng.random() < 0.3:
            attr_cols = [c for c in attr_cols if c[0] != "slump"]
    else:
        attr_cols = [("desc", "Description")]
    units = list(ctx.units)
    rng.shuffle(units)
    with_unit = rng.random() < 0.3
    split_cols = ctx.mode in ("split", "split_total") and not concrete
    gwp_heads = []
    for u in units:
        if split_cols:
            gwp_heads += [f"A1<br>per {ctx.ulabel(u)}", f"A2<br>per {ctx.ulabel(u)}", f"A3<br>per {ctx.ulabel(u)}"]
            if ctx.mode == "split_total":
                gwp_heads.append(f"A1-A3<br>per {ctx.ulabel(u)}")
        else:
            gwp_heads.append(f"per {ctx.ulabel(u)}")
    base_cols = []
    if concrete and baseline:
        base_cols = ["% below<br>baseline"]
        if baseline == "col":
            base_cols.insert(0, "Baseline<br>(kg CO2e/m3)")
    first = ("Mix ID" if concrete else "Product")
    group = ctx.rng.choice(["GWP A1-A3 (kg CO2e)", "Global Warming Potential, kg CO<sub>2</sub>e", "GWP (TRACI 2.1)"])
    heads = [[(first, 1), *[("", 1) for _ in attr_cols], (group, len(gwp_heads)), *[("", 1) for _ in base_cols]],
             [("", 1), *[(h, 1) for _, h in attr_cols], *[(h, 1) for h in gwp_heads], *[(h, 1) for h in base_cols]]]
    if rng.random() < 0.4:  # single header row
        heads = [[(first, 1), *[(h, 1) for _, h in attr_cols], *[(f"GWP {h}", 1) for h in gwp_heads],
                  *[(h, 1) for h in base_cols]]]
    rows = []
    base_vals = {}
    for p in products:
        a = p.attrs
        cells = [esc(p.name)]
        for key, _ in attr_cols:
            cells.append({"desc": esc(p.description or ""), "slump": a.get("slump", ""), "scm": str(a.get("scm", "")),
                          "age": str(p.strength_age_days),
                          "fc": str(a["mpa"]) if a.get("mpa") else f"{int(p.strength_psi or 0):,}"}[key])
        for u in units:
            cs = gwp_cells(p, u, ctx.mode if split_cols else "total", ctx.nf, u == p.declared_unit, ctx.method)
            if with_unit:
                cs = [c + " kg CO2e" for c in cs]
            cells += cs
        if base_cols:
            cls = int(min(p.strength_psi or 3000, 8000) // 1000 * 1000)
            bv = base_vals.setdefault(cls, round(260 + cls * 0.03 + rng.uniform(0, 40)))
            pct = 100 * (bv - p.per("m3")) / bv
            cells += ([str(bv)] if baseline == "col" else []) + [f"{pct:.0f}%"]
        rows.append(cells)
    if base_cols and baseline == "col" and rng.random() < 0.5:
        rows.append(["Regional baseline", *[""] * len(attr_cols), *[""] * len(gwp_heads),
                     str(max(base_vals.values())), "—"])
    widths = [1.3, *[3.2 if k == "desc" else 1.0 for k, _ in attr_cols], *[1.1] * len(gwp_heads),
              *[1.1] * len(base_cols)]
    numeric = set(range(1 + len(attr_cols), len(widths)))
    note = ""
    if base_cols:
        note = ("Baseline: NRMCA regional benchmark for the strength class (not this mix's GWP). "
                "% below baseline = (baseline - mix GWP per m3) / baseline.")
    cap = rng.choice(["Table 4. Mix designs and cradle-to-gate GWP", "Results by mix (A1-A3)",
                      "Table 6 – Global warming potential of declared products"])
    return render_table(ctx.ts, heads, rows, widths, numeric, cap, note)


def sum_check(p: Product) -> None:
    """Sanity: the declared unit's printed value is recorded."""
    assert p.declared_unit in p.gwp_by_unit, p.name
    assert parse_num(p.gwp_printed.split(" + ")[0]) is not None
