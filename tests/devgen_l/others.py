"""Steel mill EPDs, asphalt plant EPDs and flat glass EPDs."""

from __future__ import annotations

import random

from .blocks import Block, Cell, Heading, KeyValues, PageBreak, Para, Table
from .common import closing_blocks, decoy_gwp, front_matter, gwp_cell, scope_blocks
from .facts import Doc, asphalt_mixes, glass_products, steel_products
from .texts import number_text, parse_number, small_sci

SHORT = 0.907185
ROUTE_WORDS = {
    "eaf": ["electric arc furnace (EAF)", "EAF mini-mill", "electric arc furnace", "EAF steelmaking from scrap"],
    "integrated": ["integrated BF-BOF mill", "basic oxygen furnace (BOF)", "integrated mill (blast furnace and "
                   "basic oxygen furnace)", "blast furnace / basic oxygen furnace route"],
}
KIND_WORDS = {"rebar": "reinforcing bar", "hot_rolled": "wide-flange beams and other hot-rolled sections",
              "hss": "hollow structural sections (HSS)", "plate": "steel plate",
              "merchant_bar": "merchant bar quality rounds", "sheet": "steel sheet", "cold_formed": "cold-formed studs"}


def build_steel(doc: Doc, rng: random.Random) -> list[Block]:
    steel_products(doc, rng)
    products = doc.products
    route, fab_mode = doc.options["route"], doc.options["fab_mode"]
    per_route = doc.options["route_per_product"]
    if per_route:
        route = None  # each product states its own route, in its row or its section
    unit = rng.choices(["t", "short_ton"], [70, 30])[0]
    for p in products:
        p["declared_unit"] = unit
    units = [unit] + (["short_ton" if unit == "t" else "t"] if rng.random() < 0.55 else [])
    as_rows = len(products) > 1 and rng.random() < 0.6
    route_at = rng.choice(["title", "prose", "table"]) if route else "none"
    kind_at = rng.choice(["title", "prose", "table"])
    if rng.random() < 0.12:
        doc.epd_type, doc.epd_type_text = "industry_average", "Industry-wide EPD (industry average)"
        doc.plant = None
    elif rng.random() < 0.12:
        doc.epd_type, doc.epd_type_text = "company_average", "Company average (3 mills)"
        doc.plant = None
    else:
        doc.epd_type_text = rng.choice(["Product-specific, facility-specific", "Facility-specific", "Mill-specific"])
    route_word = rng.choice(ROUTE_WORDS[route]) if route else ""
    names = " and ".join(KIND_WORDS[p["steel_product"]] for p in products)
    title = (f"{route_word.split(' (')[0].title()} " if route_at == "title" else "") + \
        ("Steel " + products[0]["name"] if len(products) == 1 and kind_at == "title" else "Structural Steel Products")
    if route_at == "title" and route:
        title = f"{'EAF' if route == 'eaf' else 'BF-BOF'} Steel: " + (products[0]["name"] if len(products) == 1
                                                                       else "Hot-Rolled Products")
    doc.variants.append(f"steel/{len(products)}/{unit}/route@{'product' if per_route else route_at}/kind@{kind_at}"
                        f"/fab={fab_mode}/{'rows' if as_rows else 'sections'}")
    declared = {"t": "1 metric ton (1,000 kg) of steel product", "short_ton": "1 short ton (2,000 lb) of steel"}[unit]
    blocks = front_matter(doc, rng, title, ", ".join(p["name"] for p in products), declared)
    blocks.append(Heading("Product Description", 2))
    prose = f"{doc.holder} produces {names}"
    if route and route_at == "prose":
        prose += f" at its {route_word} {'facility' if doc.plant else 'facilities'}"
    prose += ". "
    if route and route_at == "table":
        blocks.append(KeyValues([("Steelmaking route", route_word.capitalize()),
                                 ("Recycled content", f"{rng.randint(20, 98)}% (pre- and post-consumer)")]))
    if fab_mode == "mill":
        prose += rng.choice(["The declared products are mill products; fabrication is not included.",
                             "Results cover the mill product as shipped (unfabricated); fabrication not included."])
    elif fab_mode == "fabricated":
        prose += rng.choice(["The declared products are fabricated: the scope includes shop fabrication (cutting, "
                             "drilling, welding) at the fabricator.",
                             "Fabrication at the shop is included in module A3."])
    prose += " Steel is produced from scrap and other iron units, cast, hot rolled and finished."
    blocks.append(Para(prose, columns=2 if rng.random() < 0.3 else 1))
    blocks += scope_blocks(doc, rng)
    blocks.append(PageBreak(landscape=rng.random() < 0.15))
    blocks.append(Heading("LCA Results", 1))
    style = rng.choice(["int", "int", "dec1", "dec2", "sci", "int_plain"])
    if as_rows:
        head = [Cell("Product", bold=True)]
        widths = [3.0]
        if kind_at == "table":
            head.append(Cell("Product type", bold=True))
            widths.append(1.8)
        if fab_mode == "mixed":
            head.append(Cell("Fabricated", bold=True))
            widths.append(1.0)
        if per_route:
            head.append(Cell("Steelmaking route", bold=True))
            widths.append(1.6)
        head += [Cell(f"GWP ({doc.methods[0]}), kg CO2e per {_uw(u)}", bold=True, align="C") for u in units]
        widths += [1.4] * len(units)
        if len(doc.methods) > 1:
            head.append(Cell(f"GWP {doc.methods[1]} per {_uw(units[0])}", bold=True))
            widths.append(1.4)
        rows = []
        for n, p in enumerate(products):
            row = [Cell(p["name"])]
            if kind_at == "table":
                row.append(Cell(KIND_WORDS[p["steel_product"]].capitalize()))
            if fab_mode == "mixed":
                row.append(Cell("Yes" if p["fabricated"] else "No (mill)"))
            if per_route:
                row.append(Cell(rng.choice(ROUTE_WORDS[p["route"]]).capitalize()))
            row += [gwp_cell(doc, n, u, _per(p["_gwp"], u), style) for u in units]
            if len(doc.methods) > 1:
                row.append(Cell(number_text(decoy_gwp(_per(p["_gwp"], units[0]), doc.methods[1], rng), style),
                                align="R"))
            rows.append(row)
        blocks.append(Table(head=[head], rows=rows, widths=widths, caption="Cradle-to-gate GWP by product"))
        blocks.append(Table(
            head=[[Cell("Indicator (per " + _uw(units[0]) + ")", bold=True), Cell("Unit", bold=True)]
                  + [Cell(p["name"], bold=True, align="C") for p in products]],
            rows=[[Cell(name), Cell(unit_name)] + [Cell(small_sci(rng, low, high), align="R") for _ in products]
                  for name, unit_name, (low, high) in [
                      ("Acidification potential", "kg SO2 eq", (0.8, 6.0)),
                      ("Eutrophication potential", "kg N eq", (0.05, 0.9)),
                      ("Smog formation potential", "kg O3 eq", (20, 140)),
                      ("Ozone depletion potential", "kg CFC-11 eq", (1e-8, 4e-6)),
                      ("Non-renewable primary energy", "MJ", (6000, 26000))]],
            widths=[2.6, 1.2] + [1.6] * len(products), caption="Other impact indicators (TRACI)",
            note="GWP excludes biogenic carbon. Values below 1E-03 are reported in scientific notation."))
    else:
        for n, p in enumerate(products):
            blocks.append(Heading(p["name"], 2))
            facts = []
            if kind_at == "table":
                facts.append(("Product type", KIND_WORDS[p["steel_product"]].capitalize()))
            if fab_mode == "mixed":
                facts.append(("Fabrication", "Fabricated (shop fabrication included)" if p["fabricated"]
                              else "Mill product, fabrication not included"))
            if per_route:
                facts.append(("Steelmaking route", rng.choice(ROUTE_WORDS[p["route"]]).capitalize()))
            if facts:
                blocks.append(KeyValues(facts, boxed=False))
            split = rng.random() < 0.5
            cols = ["A1", "A2", "A3", "Total A1-A3"] if split else ["A1-A3"]
            for u in units:
                total = _per(p["_gwp"], u)
                row = [Cell(f"Global warming potential, {doc.methods[0]}"), Cell("kg CO2 eq")]
                if split:
                    a1 = total * rng.uniform(0.55, 0.8)
                    a2 = total * rng.uniform(0.01, 0.05)
                    row += [Cell(number_text(v, style), align="R") for v in (a1, a2, total - a1 - a2)]
                row.append(gwp_cell(doc, n, u, total, style))
                rows = [row]
                if len(doc.methods) > 1:
                    rows.append([Cell(f"GWP, {doc.methods[1]}"), Cell("kg CO2 eq")]
                                + [Cell("", align="R")] * (len(cols) - 1)
                                + [Cell(number_text(decoy_gwp(total, doc.methods[1], rng), style), align="R")])
                rows.append([Cell("Acidification potential"), Cell("kg SO2 eq")]
                            + [Cell(small_sci(rng, 0.1, 4)) for _ in cols])
                rows.append([Cell("Ozone depletion potential"), Cell("kg CFC-11 eq")]
                            + [Cell(small_sci(rng, 1e-8, 1e-5)) for _ in cols])
                blocks.append(Table(head=[[Cell("Impact category", bold=True), Cell("Unit", bold=True)]
                                          + [Cell(c, bold=True, align="C") for c in cols]],
                                    rows=rows, widths=[3.0, 1.2] + [1.1] * len(cols),
                                    caption=f"Results per {_uw(u)} of {p['name']}"))
    blocks.append(PageBreak())
    blocks += closing_blocks(doc, rng)
    return blocks


def _uw(unit: str) -> str:
    return {"t": "metric ton", "short_ton": "short ton", "m2": "m²"}[unit]


def _per(value_t: float, unit: str) -> float:
    return value_t * SHORT if unit == "short_ton" else value_t


def build_asphalt(doc: Doc, rng: random.Random) -> list[Block]:
    asphalt_mixes(doc, rng, rng.randint(1, 12))
    unit = rng.choices(["short_ton", "t"], [75, 25])[0]
    total = rng.random() < 0.4
    style = rng.choice(["dec1", "dec2", "sci"])
    doc.variants.append(f"asphalt/{len(doc.products)}/{unit}/{'total' if total else 'A1+A2+A3'}")
    declared = "1 short ton (2,000 lb) of asphalt mixture" if unit == "short_ton" else \
        "1 metric ton of asphalt mixture"
    blocks = front_matter(doc, rng, "Asphalt Mixtures", f"Hot and warm mix asphalt, {doc.plant}", declared)
    blocks.append(Para("Asphalt mixtures are produced from aggregates, reclaimed asphalt pavement (RAP) and asphalt "
                       "binder in a drum plant. Warm-mix technology lowers production temperatures."))
    blocks += scope_blocks(doc, rng)
    blocks.append(PageBreak())
    blocks.append(Heading("Results", 1))
    head = [Cell("Mix", bold=True), Cell("Mix description", bold=True)] + [
        Cell(f"{m} (kg CO2e)", bold=True, align="C") for m in ("A1", "A2", "A3")]
    if total:
        head.append(Cell("A1-A3 total", bold=True, align="C"))
    rows = []
    for n, p in enumerate(doc.products):
        p["declared_unit"] = unit
        parts = [v * (1 / SHORT if unit == "t" else 1.0) for v in p["_parts"]]
        p["description"] = p["_desc"]
        row = [Cell(p["name"]), Cell(p["_desc"])]
        if total:
            row += [Cell(number_text(v, style), align="R") for v in parts]
            row.append(gwp_cell(doc, n, unit, sum(parts), style))
        else:
            texts = [number_text(v, style) for v in parts]
            row += [Cell(t, align="R", mark=f"gwp{n}" if i == 0 else None) for i, t in enumerate(texts)]
            value = round(sum(parse_number(t) for t in texts), 6)
            p["gwp_a1a3"] = value
            p["gwp_by_unit"][unit] = value
            p["gwp_printed"] = " + ".join(texts)
        rows.append(row)
    blocks.append(Table(head=[head], rows=rows, widths=[1.2, 3.4, 1.0, 1.0, 1.0] + ([1.1] if total else []),
                        caption=f"GWP ({doc.methods[0]}) per {_uw(unit)} of asphalt mixture",
                        note=None if total else "Module totals are not reported; A1-A3 is the sum of the modules."))
    blocks.append(PageBreak())
    blocks += closing_blocks(doc, rng)
    return blocks


def build_glass(doc: Doc, rng: random.Random) -> list[Block]:
    glass_products(doc, rng)
    unit = rng.choices(["m2", "t"], [65, 35])[0]
    both = rng.random() < 0.5
    units = [unit] + ([u for u in ("m2", "t") if u != unit] if both else [])
    style = rng.choice(["dec1", "dec2", "int"])
    doc.variants.append(f"glass/{len(doc.products)}/{'+'.join(units)}")
    declared = "1 m² of flat glass at the stated thickness" if unit == "m2" else "1 metric ton of flat glass"
    blocks = front_matter(doc, rng, "Flat Glass", ", ".join(p["name"] for p in doc.products), declared)
    blocks.append(Para("Float glass is produced by melting silica sand, soda ash, limestone and cullet and floating "
                       "the melt on molten tin. Processed products (tempered, laminated, coated or insulating units) "
                       "are made from float glass in a downstream line."))
    blocks += scope_blocks(doc, rng)
    blocks.append(PageBreak())
    head = [Cell("Product", bold=True), Cell("Mass (kg/m²)", bold=True)] + [
        Cell(f"GWP {doc.methods[0]} (kg CO2e/{_uw(u)})", bold=True, align="C") for u in units]
    rows = []
    for n, p in enumerate(doc.products):
        p["declared_unit"] = unit
        values = {"m2": p["_gwp"], "t": p["_gwp"] / p["_mass"] * 1000}
        styles = {"m2": style if style != "int" else "dec1", "t": "int"}
        rows.append([Cell(p["name"]), Cell(f"{p['_mass']:.1f}", align="R")]
                    + [gwp_cell(doc, n, u, values[u], styles[u]) for u in units])
    blocks += [Heading("LCIA Results", 1), Table(head=[head], rows=rows, widths=[3.0, 1.0] + [1.6] * len(units))]
    blocks.append(PageBreak())
    blocks += closing_blocks(doc, rng)
    return blocks
