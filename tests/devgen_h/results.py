"""Results tables for devgen_h: every printed GWP value is recorded per product and unit."""

from __future__ import annotations

from .blocks import Cell, Headline, Pair, Para, Table, heads, num
from .content import ST_PER_T, YD3_PER_M3, NumFmt, Product, other_values, split_parts

UNIT_LABELS = {
    "m3": ["m³", "m3", "cubic meter"],
    "yd3": ["yd³", "yd3", "cu. yd"],
    "t": ["metric ton", "t", "tonne", "MT"],
    "short_ton": ["short ton", "ton (2,000 lb)", "sh. ton"],
    "m2": ["m²", "m2", "square meter"],
    "kg": ["kg"],
}
TOTAL_LABELS = ["A1-A3", "A1-A3", "A1–A3", "Total A1-A3", "A1A2A3", "Product stage (A1-A3)"]


class Recorder:
    """Holds what is printed: per product, unit -> (printed string, value) and modules."""

    def __init__(self, r, nf: NumFmt, products: list[Product], base_unit: str):
        self.r = r
        self.nf = nf
        self.products = products
        self.base_unit = base_unit
        self.printed: dict[int, dict[str, tuple[str, float]]] = {i: {} for i in range(len(products))}
        self.modules: dict[int, list[str]] = {i: [] for i in range(len(products))}
        self.ulab = {u: r.choice(v) for u, v in UNIT_LABELS.items()}
        self.total_label = r.choice(TOTAL_LABELS)
        self.gwp_label = r.choice(
            [
                "Global Warming Potential (GWP)",
                "GWP",
                "Global warming",
                "GWP 100",
                "GWP¹",
                "Climate change (GWP)",
                "Global Warming Potential",
            ]
        )
        self.gwp_unit = r.choice(["kg CO2 eq", "kg CO2e", "kg CO2-eq.", "kg CO₂e"])
        self.notes: list[str] = []
        if self.gwp_label.endswith("¹"):
            self.notes.append("¹ GWP 100, TRACI 2.1 characterization factors (IPCC AR5), kg CO2 eq.")

    def value(self, p: Product, unit: str) -> float:
        v = p.base
        if self.base_unit == "m3" and unit == "yd3":
            v *= YD3_PER_M3
        if self.base_unit == "t" and unit == "short_ton":
            v *= ST_PER_T
        if self.base_unit == "short_ton" and unit == "t":
            v /= ST_PER_T
        return v

    def total(self, i: int, unit: str) -> str:
        s, v = self.nf.pair(self.value(self.products[i], unit))
        self.printed[i].setdefault(unit, (s, v))
        self._mod(i, "A1-A3")
        return s

    def parts(self, i: int, unit: str, with_total: bool) -> list[str]:
        p = self.products[i]
        vals = [self.nf.pair(x) for x in split_parts(p, self.value(p, unit))]
        for m in ("A1", "A2", "A3"):
            self._mod(i, m)
        if with_total:
            # the printed total is the rounded total, not the sum of the rounded parts
            out = [s for s, _ in vals] + [self.total(i, unit)]
        else:
            out = [s for s, _ in vals]
            self.printed[i].setdefault(unit, (" + ".join(out), round(sum(v for _, v in vals), 6)))
        return out

    def _mod(self, i, m):
        if m not in self.modules[i]:
            self.modules[i].append(m)

    def mark(self, i: int, unit: str):
        return i if unit == self.decl_unit else None

    decl_unit = "m3"


# ------------------------------------------------------------------ table builders
def products_rows(
    rec: Recorder,
    idx: list[int],
    units: list[str],
    extra: list[tuple[str, str]],
    parts: bool,
    total: bool,
    caption: str,
    repeat: bool,
    bench: bool = False,
) -> Table:
    """One row per product; extra is a list of (head, key) columns taken from product fields/extra."""
    r = rec.r
    unit_in_head = r.random() < 0.7
    first = [Cell(h, bold=True, align="c") for h, _ in extra]
    second: list[Cell] = []
    two_level = len(units) > 1 or parts
    widths = [2.2 if k in ("desc",) else 1.0 for _, k in extra]
    if extra and extra[0][1] == "name":
        widths[0] = 1.3
    for u in units:
        mods = (["A1", "A2", "A3"] if parts else []) + ([rec.total_label] if total else [])
        gl = f"{rec.gwp_label} ({rec.gwp_unit}/{rec.ulab[u]})" if unit_in_head else f"{rec.gwp_label} per {rec.ulab[u]}"
        if two_level:
            first.append(Cell(gl, span=len(mods), bold=True, align="c"))
            second += [Cell(m, bold=True, align="c") for m in mods]
        else:
            first.append(Cell(gl if not parts else gl + " " + mods[0], bold=True, align="c"))
        widths += [1.0] * len(mods)
    if bench:
        first.append(Cell("Regional benchmark (kg CO2e/m³)", bold=True, align="c"))
        widths.append(1.1)
    head = [first]
    if two_level:
        head.append([Cell("", bold=True) for _ in extra] + second + ([Cell("")] if bench else []))
    rows = []
    for i in idx:
        p = rec.products[i]
        row = [Cell(field_text(p, k)) for _, k in extra]
        for u in units:
            if parts:
                vals = rec.parts(i, u, total)
                cells = [num(s) for s in vals]
                cells[-1].mark = rec.mark(i, u)
            else:
                cells = [num(rec.total(i, u), rec.mark(i, u))]
            row += cells
        if bench:
            row.append(num(rec.nf.fmt(p.base * r.uniform(1.05, 1.4))))
        rows.append(row)
    if not unit_in_head:
        rec.notes.append(f"All GWP values in {rec.gwp_unit} per declared unit.")
    return Table(head, rows, widths, caption, repeat_head=repeat, notes=list(rec.notes), small=len(widths) > 7)


def field_text(p: Product, k: str) -> str:
    if k == "name":
        return p.name
    if k == "desc":
        return p.description or ""
    if k == "strength":
        return p.strength_text
    if k == "psi":
        return f"{int(p.strength_psi):,}" if p.strength_psi else ""
    if k == "age":
        return str(p.strength_age_days)
    return str(p.extra.get(k, ""))


def indicator_modules(
    rec: Recorder, i: int, unit: str, parts: bool, total: bool, others: int, caption: str, unit_col: bool
) -> Table:
    """Indicators as rows, modules as columns, for one product and one unit."""
    mods = (["A1", "A2", "A3"] if parts else []) + ([rec.total_label] if total else [])
    head = [heads("Indicator", *(["Unit"] if unit_col else []), *mods)]
    widths = [2.6] + ([1.1] if unit_col else []) + [1.0] * len(mods)
    vals = rec.parts(i, unit, total) if parts else [rec.total(i, unit)]
    gl = rec.gwp_label if unit_col else f"{rec.gwp_label} [{rec.gwp_unit}]"
    row = [Cell(gl)] + ([Cell(rec.gwp_unit)] if unit_col else []) + [num(s) for s in vals]
    row[-1].mark = rec.mark(i, unit)
    rows = [row]
    p = rec.products[i]
    for label, u, v in other_values(rec.r, rec.value(p, unit), others):
        pv = [v * s for s in p.split] if parts else []
        cells = [num(rec.nf.fmt(x, small=x < 0.1)) for x in pv] + ([num(rec.nf.fmt(v, small=v < 0.1))] if total else [])
        lab = label if unit_col else f"{label} [{u}]"
        rows.append([Cell(lab)] + ([Cell(u)] if unit_col else []) + cells)
    return Table(head, rows, widths, caption, notes=list(rec.notes), small=False)


def products_cols(rec: Recorder, idx: list[int], unit: str, others: int, caption: str) -> Table:
    """Mixes as columns: indicators as rows."""
    head = [
        [Cell("Impact category", bold=True), Cell("Unit", bold=True)]
        + [Cell(rec.products[i].name, bold=True, align="c") for i in idx]
    ]
    rows = [[Cell(rec.gwp_label), Cell(rec.gwp_unit)] + [num(rec.total(i, unit), rec.mark(i, unit)) for i in idx]]
    vals = {i: other_values(rec.r, rec.value(rec.products[i], unit), others) for i in idx}
    for k in range(others):
        label, u = vals[idx[0]][k][0], vals[idx[0]][k][1]
        rows.append([Cell(label), Cell(u)] + [num(rec.nf.fmt(vals[i][k][2], small=vals[i][k][2] < 0.1)) for i in idx])
    return Table(head, rows, [2.4, 1.1] + [1.0] * len(idx), caption, notes=list(rec.notes), small=len(idx) > 5)


def sentence(rec: Recorder, i: int, unit: str) -> Para:
    s = rec.total(i, unit)
    p = rec.products[i]
    r = rec.r
    tmpl = r.choice(
        [
            "The GWP of this product is {v} {gu} per {u} ({t}).",
            "Cradle-to-gate ({t}) global warming potential of {n}: {v} {gu}/{u}.",
            "For one {u} of {n}, the product stage ({t}) emits {v} {gu} (TRACI 2.1).",
        ]
    )
    return Para(tmpl.format(v=s, gu=rec.gwp_unit, u=rec.ulab[unit], t="A1-A3", n=p.name), mark=rec.mark(i, unit))


def headline(rec: Recorder, i: int, unit: str) -> Headline:
    s = rec.total(i, unit)
    return Headline(f"{s} {rec.gwp_unit}", f"GWP (A1-A3) per {rec.ulab[unit]}", mark=rec.mark(i, unit))


def pair_units(rec: Recorder, i: int, units: list[str], parts: bool, total: bool, unit_col: bool) -> Pair:
    a = indicator_modules(rec, i, units[0], parts, total, 0, f"Per {rec.ulab[units[0]]}", unit_col)
    b = indicator_modules(rec, i, units[1], parts, total, 0, f"Per {rec.ulab[units[1]]}", unit_col)
    return Pair(a, b)


def alt_method_table(rec: Recorder, idx: list[int], method: str) -> Table:
    """Other-method GWP (EN 15804+A2 or CML-IA or IPCC) for the declared unit: slightly different numbers."""
    r = rec.r
    u = rec.decl_unit
    if method == "EN 15804+A2":
        cols = ["GWP-total", "GWP-fossil", "GWP-biogenic", "GWP-luluc"]
    elif method == "CML-IA":
        cols = ["GWP 100a (CML-IA)"]
    else:
        cols = [f"GWP ({method})"]
    head = [heads("Product", *[f"{c} ({rec.gwp_unit})" for c in cols])]
    rows = []
    for i in idx:
        v = rec.value(rec.products[i], u) * r.uniform(1.015, 1.07)
        vals = [v]
        if len(cols) == 4:
            vals += [v * 0.992, v * 0.006, v * 0.002]
        rows.append([Cell(rec.products[i].name)] + [num(rec.nf.fmt(x, small=x < 1)) for x in vals])
    return Table(
        head,
        rows,
        [2.0] + [1.0] * len(cols),
        f"Supplementary results per {rec.ulab[u]}, A1-A3 ({method})",
        repeat_head=True,
    )
