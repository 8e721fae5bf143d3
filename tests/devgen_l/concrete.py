"""Ready-mixed concrete: plant EPDs with mixes as rows or columns, per-mix data sheets, single-mix EPDs."""

from __future__ import annotations

import random
import re
from typing import Any

from .blocks import Block, Cell, Heading, KeyValues, PageBreak, Para, Table
from .common import closing_blocks, decoy_gwp, front_matter, gwp_cell, other_indicators, scope_blocks
from .facts import Doc, concrete_mixes
from .texts import number_text, pick_number_style, small_sci

YD3 = 0.764555
MPA = 145.038


def _strength_forms(rng: random.Random) -> dict[str, Any]:
    return {"comma": rng.random() < 0.5, "mpa_digits": rng.choice([1, 1, 0])}


def _psi_text(psi: float, forms: dict[str, Any]) -> str:
    return f"{psi:,.0f}" if forms["comma"] else f"{psi:.0f}"


def _mpa(mix: dict[str, Any], forms: dict[str, Any]) -> str:
    """The MPa printed for a mix; the expected psi becomes the printed MPa converted."""
    mpa = round(mix["_psi"] / MPA, forms["mpa_digits"])
    text = f"{mpa:.{forms['mpa_digits']}f}"
    if not mix["_named"]:
        mix["strength_psi"] = round(float(text) * MPA, 2)
    return text


def _strip_strength(desc: str) -> str:
    return re.sub(r"\d+ PSI ?", "", desc).strip()


def build(doc: Doc, rng: random.Random) -> list[Block]:
    layout = rng.choices(["single", "rows", "columns", "sheets"], [22, 45, 18, 15])[0]
    count = {"single": 1, "rows": rng.randint(3, 40), "columns": rng.randint(3, 10), "sheets": rng.randint(2, 6)}[
        layout]
    concrete_mixes(doc, rng, count)
    mixes = doc.products
    named = mixes[0]["_named"]
    for mix in mixes:
        mix["_psi"] = mix["strength_psi"]
        mix["_age"] = mix["strength_age_days"]
    modes = {"rows": ["psi_col", "mpa_col", "both_col", "in_desc", "mix_table", "group_head"],
             "columns": ["psi_row", "mpa_row", "mix_table"],
             "sheets": ["sheet_line", "sheet_fc", "sheet_row"], "single": ["sheet_line", "sheet_fc", "sheet_row"]}
    mode = "in_name" if named and rng.random() < 0.5 else rng.choice(modes[layout])
    missing = layout != "single" and mode != "in_name" and rng.random() < 0.3
    forms = _strength_forms(rng)
    for mix in mixes:
        if missing and rng.random() < 0.25:
            mix["strength_psi"] = None
            mix["strength_age_days"] = 28
            mix["_desc"] = _strip_strength(mix["_desc"])
        elif mode in ("mpa_col", "mpa_row") or (mode.startswith("sheet") and rng.random() < 0.15):
            mix["_mpa"] = True
    if named:
        for mix in mixes:  # a named mix prints its strength in its name
            mix["strength_psi"] = mix["_psi"]
            mix["strength_age_days"] = mix["_age"]
            mix.pop("_mpa", None)
    doc.options.update(layout=layout, mode=mode, forms=forms)
    unit = rng.choices(["m3", "yd3"], [70, 30])[0]
    for mix in mixes:
        mix["declared_unit"] = unit
    both = rng.random() < 0.6
    doc.options["units"] = [unit] + ([u for u in ("m3", "yd3") if u != unit] if both else [])
    if layout == "single":
        doc.epd_type, doc.epd_type_text = "product_specific", rng.choice(["Product-specific", "Product specific, "
                                                                           "facility-specific data"])
    elif rng.random() < 0.08:
        doc.epd_type, doc.epd_type_text = "industry_average", "Industry-wide (regional industry average)"
        doc.plant = None
    where = doc.plant or "the participating plants"
    doc.variants.append(f"concrete/{layout}/{mode}/{'+'.join(doc.options['units'])}"
                        + ("/missing-strengths" if missing else ""))
    title = "Ready Mixed Concrete"
    subtitle = (f"Mix {mixes[0]['name']}" if layout == "single" else
                f"{len(mixes)} ready mixed concrete mixes produced at {where}")
    declared = "1 cubic meter (m³) of ready mixed concrete" if unit == "m3" else \
        "1 cubic yard (yd³) of ready mixed concrete"
    blocks = front_matter(doc, rng, title, subtitle, declared)
    blocks.append(Heading("Product Description", 2))
    blocks.append(Para(f"Ready mixed concrete is a mixture of portland cement, supplementary cementitious materials, "
                       f"aggregates, water and admixtures, batched at {where} of {doc.holder} and delivered "
                       "to the jobsite in a plastic state. Strengths are the specified compressive strengths used for "
                       "mix design (ASTM C39).", columns=2 if rng.random() < 0.35 else 1))
    blocks += scope_blocks(doc, rng)
    blocks.append(PageBreak())
    blocks.append(Heading("Life Cycle Impact Assessment Results", 1))
    blocks.append(Para(f"Results are reported per declared unit using {doc.methods[0]} characterization factors. "
                       "GWP excludes biogenic carbon."))
    if layout == "rows":
        blocks += _rows(doc, rng)
    elif layout == "columns":
        blocks += _columns(doc, rng)
    else:
        blocks += _sheets(doc, rng)
    blocks.append(PageBreak())
    blocks += closing_blocks(doc, rng)
    return blocks


def _value(mix: dict[str, Any], unit: str) -> float:
    return mix["_gwp"] * (YD3 if unit == "yd3" else 1.0)


def _age_suffix(mix: dict[str, Any]) -> str:
    return {28: "", 56: "*", 90: "**"}[mix["strength_age_days"]]


def _notes(mix: dict[str, Any]) -> str:
    kind = mix["_kind"]
    if kind == "lw":
        return "Lightweight"
    if kind == "he":
        return f"High early strength ({mix['_early']}-day)"
    if kind == "cdf":
        return "Flowable fill"
    if kind == "scc":
        return "SCC"
    return ""


def _rows(doc: Doc, rng: random.Random) -> list[Block]:
    mixes, mode, forms = doc.products, doc.options["mode"], doc.options["forms"]
    units = doc.options["units"]
    style = pick_number_style(rng, big=False)
    split = rng.random() < 0.25
    second = units[1] if len(units) > 1 and not split and rng.random() < 0.35 else None
    if second:
        units = units[:1]
    head_top: list[Cell] = [Cell(rng.choice(["Mix ID", "Mix Number", "Mix Code", "Product"]), bold=True)]
    head_bot: list[Cell] = [Cell("")]
    widths: list[float] = [1.3]
    desc = mode == "in_desc" or rng.random() < 0.4
    if desc and mode != "in_desc":
        for mix in mixes:
            mix["_desc"] = _strip_strength(mix["_desc"])
    if desc:
        head_top.append(Cell("Description", bold=True))
        head_bot.append(Cell(""))
        widths.append(2.6)
    any_late = any(m["strength_age_days"] != 28 and m["strength_psi"] for m in mixes)
    age_col = any_late and rng.random() < 0.5
    if mode in ("psi_col", "both_col"):
        head_top.append(Cell(rng.choice(["f'c (psi)", "Specified Strength (psi)", "Compressive Strength, psi"]),
                             bold=True))
        head_bot.append(Cell(""))
        widths.append(1.0)
    if mode in ("mpa_col", "both_col"):
        head_top.append(Cell(rng.choice(["f'c (MPa)", "Strength (MPa)"]), bold=True))
        head_bot.append(Cell(""))
        widths.append(0.9)
    if age_col and mode in ("psi_col", "both_col", "mpa_col"):
        head_top.append(Cell("Age (days)", bold=True))
        head_bot.append(Cell(""))
        widths.append(0.7)
    special = any(m["_kind"] in ("lw", "he", "cdf") for m in mixes) and not desc
    if special:
        head_top.append(Cell("Notes", bold=True))
        head_bot.append(Cell(""))
        widths.append(1.6)
    scm = rng.random() < 0.5
    if scm:
        head_top.append(Cell("SCM (%)", bold=True))
        head_bot.append(Cell(""))
        widths.append(0.7)
    if split:
        for unit in units[:1]:
            head_top.append(Cell(f"GWP, kg CO2e per {_unit_word(unit)}", span=4, bold=True, align="C"))
            head_bot += [Cell(m, bold=True, align="C") for m in ("A1", "A2", "A3", "A1-A3")]
            widths += [0.9] * 4
        units = units[:1]
    else:
        head_top.append(Cell(f"GWP ({doc.methods[0]})" if len(units) > 1 else
                             f"GWP ({doc.methods[0]}) kg CO2e / {_unit_word(units[0])}", span=len(units),
                             bold=True, align="C"))
        head_bot += [Cell(f"kg CO2e per {_unit_word(u)}", bold=True, align="C") for u in units]
        widths += [1.1] * len(units)
    decoy = doc.methods[1] if len(doc.methods) > 1 and rng.random() < 0.6 else None
    if decoy:
        head_top.append(Cell(f"GWP {decoy}", bold=True))
        head_bot.append(Cell(f"kg CO2e/{_unit_word(units[0])}", align="C"))
        widths.append(1.0)
    bench = rng.choice([None, None, "pct", "abs"])
    if bench == "pct":
        head_top.append(Cell("Regional benchmark", bold=True))
        head_bot.append(Cell("% below", align="C"))
        widths.append(0.9)
    elif bench == "abs":
        head_top.append(Cell("Baseline GWP (industry average)", bold=True))
        head_bot.append(Cell(f"kg CO2e/{_unit_word(units[0])}", align="C"))
        widths.append(1.1)
    others = other_indicators(rng, rng.randint(0, 3))
    for name, unit_name, _ in others:
        head_top.append(Cell(name, bold=True))
        head_bot.append(Cell(unit_name, align="C"))
        widths.append(0.9)
    if mode == "group_head":
        mixes.sort(key=lambda m: (m["strength_psi"] is None, m["strength_psi"] or 0, m["strength_age_days"]))
    rows: list[list[Cell]] = []
    marked = False
    group = None
    group_style = (rng.choice(["", " (28-day)"]), rng.choice([" mixes", "", " class"]))
    before: list[Block] = []
    if mode == "mix_table":
        before = [Heading(rng.choice(["Mix designs", "Products covered", "Mix information"]), 2), _mix_table(doc, rng)]
    for n, mix in enumerate(mixes):
        if mode == "group_head":
            key = (mix["strength_psi"], mix["strength_age_days"])
            if key != group:
                group = key
                if mix["strength_psi"] is None:
                    label = "Other mixes (no specified strength)"
                else:
                    label = f"{_psi_text(mix['_psi'], forms)} psi" + (
                        f" at {mix['strength_age_days']} days" if mix["strength_age_days"] != 28 else
                        group_style[0]) + group_style[1]
                rows.append([Cell(label, span=len(widths), bold=True, shade=True)])
        row = [Cell(mix["name"])]
        if desc:
            row.append(Cell(mix["_desc"]))
        printed = mix["strength_psi"] is not None
        late = printed and mix["strength_age_days"] != 28
        if mode in ("psi_col", "both_col"):
            text = _psi_text(mix["_psi"], forms) if printed else "—"
            row.append(Cell(text + ("" if age_col else _age_suffix(mix) if printed else ""), align="R"))
        if mode in ("mpa_col", "both_col"):
            text = (_mpa(mix, forms) if mode == "mpa_col" else f"{mix['_psi'] / MPA:.1f}") if printed else "—"
            row.append(Cell(text + ("" if age_col or mode == "both_col" else _age_suffix(mix) if printed else ""),
                            align="R"))
        if age_col and mode in ("psi_col", "both_col", "mpa_col"):
            row.append(Cell(str(mix["strength_age_days"]) if printed else "", align="R"))
        if mode == "in_desc" and late:
            row[1] = Cell(mix["_desc"].replace(" PSI", f" PSI @ {mix['strength_age_days']} DAYS", 1))
        if desc:
            mix["description"] = row[1].text
        if special:
            row.append(Cell(_notes(mix)))
        if scm:
            row.append(Cell(str(mix["_scm"]), align="R"))
        if split:
            parts = [rng.uniform(0.8, 0.9), rng.uniform(0.03, 0.07)]
            total = _value(mix, units[0])
            a1 = total * parts[0]
            a2 = total * parts[1]
            row += [Cell(number_text(a1, "dec1"), align="R"), Cell(number_text(a2, "dec1"), align="R"),
                    Cell(number_text(total - a1 - a2, "dec1"), align="R"), gwp_cell(doc, n, units[0], total, style)]
        else:
            row += [gwp_cell(doc, n, u, _value(mix, u), style) for u in units]
        if decoy:
            row.append(Cell(number_text(decoy_gwp(_value(mix, units[0]), decoy, rng), style), align="R"))
        if bench == "pct":
            row.append(Cell(f"{rng.randint(-15, 45)}%", align="R"))
        elif bench == "abs":
            base = (0.06 * mix["_psi"] + 190) * (YD3 if units[0] == "yd3" else 1.0)
            row.append(Cell(number_text(base, style), align="R"))
        for name, _, (low, high) in others:
            row.append(Cell(small_sci(rng, low, high) if name == "ODP" else number_text(rng.uniform(low, high),
                                                                                         "dec2"), align="R"))
        rows.append(row)
        marked = marked or late
    groups = rng.random() < 0.3 and len(mixes) > 6 and mode != "group_head"
    if groups:
        for at, label in sorted(((0, "Structural mixes"), (len(rows) // 2, "Site and paving mixes")), reverse=True):
            rows.insert(at, [Cell(label, span=len(widths), bold=True, shade=True)])
    heads = [head_top, head_bot] if any(c.text for c in head_bot) else [head_top]
    landscape = len(widths) > 9 or sum(widths) > 13
    ages = {m["strength_age_days"] for m in mixes if m["strength_psi"] is not None}
    note = " ".join(text for age, text in ((56, "* Strength specified at 56 days."),
                                           (90, "** Strength specified at 90 days.")) if age in ages)
    note = note if marked and not age_col and mode in ("psi_col", "mpa_col", "both_col") else None
    if mode == "both_col":
        note = (note + " " if note else "") + "MPa values are converted from psi and rounded."
    table = Table(head=heads, rows=rows, widths=widths, repeat_head=rng.random() < 0.6,
                  caption=f"Table {rng.randint(3, 6)}. Cradle-to-gate results per mix, {doc.plant or doc.holder}",
                  font_scale=0.8 if len(widths) > 10 else 0.9, note=note)
    doc.variants.append("split" if split else "total")
    after: list[Block] = []
    if second:
        doc.variants.append(f"{second}-table")
        after = [Table(head=[[Cell(head_top[0].text, bold=True), Cell(f"GWP, kg CO2e per {_unit_word(second)}",
                                                                        bold=True, align="C")]],
                       rows=[[Cell(mix["name"]), gwp_cell(doc, n, second, _value(mix, second), style)]
                             for n, mix in enumerate(mixes)],
                       widths=[1.5, 1.5], caption=f"Results expressed per {_unit_word(second)}",
                       repeat_head=rng.random() < 0.5)]
    if landscape:
        doc.variants.append("landscape")
        return [*before, PageBreak(landscape=True), table, PageBreak(), *after]
    return [*before, table, *after]


def _unit_word(unit: str) -> str:
    return {"m3": "m³", "yd3": "yd³", "t": "t", "short_ton": "short ton", "m2": "m²"}[unit]


def _mix_table(doc: Doc, rng: random.Random) -> Table:
    forms = doc.options["forms"]
    rows = []
    for mix in doc.products:
        if mix["strength_psi"] is None:
            if rng.random() < 0.5:
                continue
            rows.append([Cell(mix["name"]), Cell(_strip_strength(mix["_desc"])), Cell("n/a", align="R"),
                         Cell("", align="R")])
            continue
        strength = _mpa(mix, forms) if mix.get("_mpa") else _psi_text(mix["_psi"], forms)
        rows.append([Cell(mix["name"]), Cell(mix["_desc"] if mix["_kind"] in ("lw", "he", "cdf") else
                                             _strip_strength(mix["_desc"])),
                     Cell(strength, align="R"), Cell(str(mix["strength_age_days"]), align="R")])
    if rng.random() < 0.5:
        rows.sort(key=lambda r: (r[2].text, r[0].text))
    for row in rows:
        for mix in doc.products:
            if mix["name"] == row[0].text:
                mix["description"] = row[1].text
    unit = "MPa" if any(m.get("_mpa") for m in doc.products) else "psi"
    if unit == "MPa":
        for mix in doc.products:  # one unit per column: every printed strength in MPa
            if mix["strength_psi"] is not None and not mix.get("_mpa"):
                mix["_mpa"] = True
        return _mix_table_again(doc, rng)
    return Table(head=[[Cell("Mix ID", bold=True), Cell("Mix description", bold=True),
                        Cell(f"Specified strength ({unit})", bold=True), Cell("Test age (days)", bold=True)]],
                 rows=rows, widths=[1.2, 3.0, 1.3, 1.0], caption="Table 2. Mixes covered by this EPD")


def _mix_table_again(doc: Doc, rng: random.Random) -> Table:
    forms = doc.options["forms"]
    rows = []
    for mix in doc.products:
        if mix["strength_psi"] is None:
            continue
        rows.append([Cell(mix["name"]), Cell(_strip_strength(mix["_desc"]) if mix["_kind"] not in ("lw", "he", "cdf")
                                             else mix["_desc"].split(" ", 2)[-1]),
                     Cell(_mpa(mix, forms), align="R"), Cell(str(mix["strength_age_days"]), align="R")])
    for row in rows:
        for mix in doc.products:
            if mix["name"] == row[0].text:
                mix["description"] = row[1].text
    return Table(head=[[Cell("Mix ID", bold=True), Cell("Mix description", bold=True),
                        Cell("Specified strength (MPa)", bold=True), Cell("Test age (days)", bold=True)]],
                 rows=rows, widths=[1.2, 3.0, 1.3, 1.0], caption="Table 2. Mixes covered by this EPD")


def _columns(doc: Doc, rng: random.Random) -> list[Block]:
    mixes, mode, forms = doc.products, doc.options["mode"], doc.options["forms"]
    blocks: list[Block] = []
    if mode == "mix_table":
        blocks += [Heading("Mixes", 2), _mix_table(doc, rng)]
    style = pick_number_style(rng, big=False)
    per = rng.randint(3, 6)
    others = other_indicators(rng, rng.randint(2, 5))
    chunks = [list(range(i, min(i + per, len(mixes)))) for i in range(0, len(mixes), per)]
    for unit in doc.options["units"]:
        for chunk in chunks:
            head = [[Cell("Impact category", bold=True), Cell("Unit", bold=True)]
                    + [Cell(mixes[i]["name"], bold=True, align="C") for i in chunk]]
            rows: list[list[Cell]] = []
            if mode in ("psi_row", "mpa_row"):
                label = "Compressive strength (psi)" if mode == "psi_row" else "Compressive strength (MPa)"
                cells = []
                for i in chunk:
                    mix = mixes[i]
                    if mix["strength_psi"] is None:
                        cells.append(Cell("—", align="R"))
                        continue
                    text = _mpa(mix, forms) if mode == "mpa_row" else _psi_text(mix["_psi"], forms)
                    if mix["strength_age_days"] != 28:
                        text += f" ({mix['strength_age_days']} d)"
                    cells.append(Cell(text, align="R"))
                rows.append([Cell(label), Cell(""), *cells])
            if any(mixes[i]["_kind"] in ("lw", "he", "cdf") for i in chunk):
                rows.append([Cell("Mix type"), Cell("")] + [Cell(_notes(mixes[i]) or "Normal weight")
                                                            for i in chunk])
            rows.append([Cell(f"Global warming potential ({doc.methods[0]})"), Cell("kg CO2 eq")]
                        + [gwp_cell(doc, i, unit, _value(mixes[i], unit), style) for i in chunk])
            if len(doc.methods) > 1:
                rows.append([Cell(f"GWP 100, {doc.methods[1]}"), Cell("kg CO2 eq")]
                            + [Cell(number_text(decoy_gwp(_value(mixes[i], unit), doc.methods[1], rng), style),
                                    align="R") for i in chunk])
            for name, unit_name, (low, high) in others:
                rows.append([Cell(name), Cell(unit_name)] + [
                    Cell(small_sci(rng, low, high, comma=style == "sci_comma"), align="R") for _ in chunk])
            blocks.append(Table(head=head, rows=rows, widths=[2.6, 1.1] + [1.2] * len(chunk),
                                caption=f"Results per {_unit_word(unit)}", repeat_head=True))
    return blocks


def _sheets(doc: Doc, rng: random.Random) -> list[Block]:
    mode, forms = doc.options["mode"], doc.options["forms"]
    blocks: list[Block] = []
    style = pick_number_style(rng, big=False)
    split = rng.random() < 0.6
    others = other_indicators(rng, rng.randint(2, 5))
    together = rng.random() < 0.5
    for n, mix in enumerate(doc.products):
        if n and rng.random() < 0.7:
            blocks.append(PageBreak())
        blocks.append(Heading(f"Mix {mix['name']}" if not mix["_named"] else mix["name"], 2))
        pairs = [("Mix description", mix["_desc"] if mix["strength_psi"] is not None
                  else _strip_strength(mix["_desc"])), ("Plant", doc.plant or "Industry average")]
        age = mix["strength_age_days"]
        if mix["strength_psi"] is not None and mode != "in_name":
            strength = f"{_mpa(mix, forms)} MPa" if mix.get("_mpa") else f"{_psi_text(mix['_psi'], forms)} psi"
            if mode == "sheet_fc" and age == 28:
                pairs.append(("Strength", f"f'c = {strength}"))
            elif mode == "sheet_row":
                pairs.append((f"Specified strength ({strength.split()[1]})", strength.split()[0]))
                pairs.append(("Test age", f"{age} days"))
            else:
                pairs.append((f"{age}-day compressive strength", strength))
        if mix["_kind"] == "he":
            early = round(mix["_psi"] * rng.uniform(0.45, 0.7), -2)
            pairs.append(("Early strength", f"{mix['_early']}-day strength {early:,.0f} psi required (high early "
                                            "strength)" if mix["strength_psi"] is not None else
                          f"{mix['_early']}-day strength required (high early strength)"))
        if mix["_kind"] == "lw":
            pairs.append(("Unit weight", f"{rng.randint(105, 118)} pcf (lightweight)"))
        if mix["_scm"]:
            pairs.append(("SCM replacement", f"{mix['_scm']}% {'fly ash' if mix['_scm_kind'] == 'FA' else 'slag'}"))
        mix["description"] = pairs[0][1]
        if rng.random() < 0.35:
            blocks.append(Para("\n".join(f"{k}: {v}" for k, v in pairs)))
        else:
            blocks.append(KeyValues(pairs, boxed=rng.random() < 0.5))
        units = doc.options["units"] if together else doc.options["units"][:1]
        head = [Cell("Indicator", bold=True), Cell("Unit", bold=True)]
        widths = [2.4, 1.2]
        cols = ["A1", "A2", "A3", "A1-A3"] if split else ["A1-A3"]
        heads = [[*head, *[Cell(f"Per {_unit_word(u)}", span=len(cols), align="C", bold=True) for u in units]],
                 [Cell(""), Cell(""), *[Cell(c, bold=True, align="C") for _ in units for c in cols]]]
        widths += [0.95] * (len(cols) * len(units))
        row = [Cell(f"GWP ({doc.methods[0]})"), Cell("kg CO2e")]
        for unit in units:
            total = _value(mix, unit)
            if split:
                a1 = total * rng.uniform(0.8, 0.9)
                a2 = total * rng.uniform(0.03, 0.07)
                row += [Cell(number_text(a1, style), align="R"), Cell(number_text(a2, style), align="R"),
                        Cell(number_text(total - a1 - a2, style), align="R")]
            row.append(gwp_cell(doc, n, unit, total, style))
        rows = [row]
        for name, unit_name, (low, high) in others:
            rows.append([Cell(name), Cell(unit_name)] + [Cell(small_sci(rng, low, high), align="R")
                                                         for _ in range(len(cols) * len(units))])
        blocks.append(Table(head=heads, rows=rows, widths=widths, caption=f"Results for mix {mix['name']}"))
        if not together and len(doc.options["units"]) > 1:
            unit = doc.options["units"][1]
            rows2 = [[Cell(f"GWP ({doc.methods[0]})"), Cell("kg CO2e"),
                      gwp_cell(doc, n, unit, _value(mix, unit), style)]]
            blocks.append(Table(head=[[Cell("Indicator", bold=True), Cell("Unit", bold=True),
                                       Cell(f"A1-A3 per {_unit_word(unit)}", bold=True)]],
                                rows=rows2, widths=[2.4, 1.2, 1.2]))
    doc.variants.append("split" if split else "total")
    return blocks
