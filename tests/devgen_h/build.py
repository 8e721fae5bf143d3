"""Assemble one synthetic North American EPD: metadata, layout choice, rendering, expected values."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from . import content as C
from . import results as R
from .blocks import KV, Heading, PageBreak, Para, Table, heads
from .htmlpdf import render_html
from .rawpdf import RawRenderer

ACCENTS = [(0.0, 0.33, 0.55), (0.1, 0.45, 0.25), (0.55, 0.1, 0.1), (0.2, 0.2, 0.2), (0.0, 0.4, 0.6), (0.4, 0.25, 0.0)]


@dataclass
class Doc:
    pdf: bytes
    expected: dict


def _dates(r, ds: str):
    issued = dt.date(r.randint(2020, 2025), r.randint(1, 12), r.randint(1, 28))
    mode = r.choice(["until", "range", "through", "years", "until", "expires"])
    until = C.add_years(issued, 5) if mode == "years" else C.add_years(issued, 5) - dt.timedelta(days=1)
    f = lambda d: C.fmt_date(d, ds)  # noqa: E731
    if mode == "until":
        rows = [
            (r.choice(["Date of Issue", "Issue Date", "Date of issue", "Issued"]), f(issued)),
            (r.choice(["Valid until", "Valid Until", "Valid through", "Expiration Date"]), f(until)),
        ]
    elif mode == "expires":
        rows = [("Effective date", f(issued)), ("Expires", f(until))]
    elif mode == "range":
        rows = [(r.choice(["Validity", "Period of validity", "Valid"]), f"{f(issued)} to {f(until)}")]
    elif mode == "through":
        rows = [("EPD Number and Period of Validity", f"EPD Valid {f(issued)} through {f(until)}")]
    else:
        rows = [
            (r.choice(["Date of Issue", "Issue date"]), f(issued)),
            (
                r.choice(["Period of validity", "Period of Validity"]),
                r.choice(["5 years", "5 Years", "Five (5) years"]),
            ),
        ]
    return issued, until, rows, mode


def generate(seed: int) -> Doc:
    r = random.Random(seed)
    material = r.choices(["concrete", "steel", "asphalt", "flat_glass", "cement"], [48, 18, 14, 10, 10])[0]
    style = r.choice(["word", "indesign", "excel", "webtool", "report"])
    nf = C.NumFmt(r.choices(["comma", "plain", "sci", "int", "sci_lower"], [32, 28, 20, 17, 3])[0], r.choice([0, 1, 2]))
    if nf.style == "plain" and nf.decimals == 0:
        nf.decimals = 1
    op_key = r.choice(C.MAT_OPERATORS[material])
    op_name, op_addr = C.OPERATORS[op_key]
    city, state, zipc = r.choice(C.CITIES)
    manu = f"{r.choice(C.COMPANY_WORDS)} {r.choice(C.COMPANY_SUFFIX[material])}"
    plant = None
    if r.random() < 0.75:
        plant = r.choice(
            [
                f"{city} Plant",
                f"Plant {r.randint(1, 40)}",
                f"{r.choice(C.COMPANY_WORDS)} Mill",
                f"{city} Batch Plant",
                f"{r.choice(['North', 'South', 'East', 'West'])} {city} Facility",
            ]
        )
        if material == "steel":
            plant = plant.replace("Batch Plant", "Mill")
    addr = f"{r.randint(100, 9999)} {r.choice(C.STREETS)}, {city}, {state} {zipc}"
    ds = r.choice(["long", "ord", "us", "iso", "ca", "dmy", "abbr"])
    issued, until, date_rows, dmode = _dates(r, ds)
    regno = C.make_regno(r, op_key, issued.year)
    ty_text, ty = r.choice(C.EPD_TYPES)
    if plant is None and ty == "facility_specific":
        ty_text, ty = "Product-specific", "product_specific"
    pcr_name, pcr_ver, pcr_date = r.choice(C.PCRS[material])
    pcr_valid = C.add_years(issued, r.choice([-1, 1, 2])).replace(day=1) + dt.timedelta(days=r.randint(3, 20))
    third = r.random() < 0.82
    traci = r.choice(["TRACI 2.1", "TRACI 2.1", "TRACI 2.2"])
    alt = r.choice([[], [], ["EN 15804+A2"], ["CML-IA"], ["IPCC AR5"], ["IPCC AR6"], ["EN 15804+A2", "CML-IA"]])
    methods = [traci, *alt]

    # ------------------------------------------------------------- products and layout
    metric = material == "concrete" and (op_key == "CSA" or r.random() < 0.15)
    big = r.random() < 0.42
    layout = ""
    units: list[str]
    if material == "concrete":
        n = r.randint(15, 50) if big else r.choice([1, 1, 2, 3, 4, 6, 8, 10, 12])
        prods = C.concrete_products(r, n, metric)
        base_unit = "m3"
        units = ["m3"] if metric else r.choice([["m3", "yd3"], ["m3", "yd3"], ["m3"], ["yd3"], ["yd3", "m3"]])
    elif material == "steel":
        prods = C.steel_products(r, r.choice([1, 1, 2, 3, 4, 5]))
        base_unit = "t"
        units = r.choice([["t"], ["t", "short_ton"], ["short_ton"], ["t"]])
    elif material == "asphalt":
        prods = C.asphalt_products(r, r.randint(15, 30) if big else r.choice([1, 2, 3, 5, 8]))
        base_unit = "short_ton"
        units = r.choice([["short_ton"], ["short_ton"], ["t"], ["short_ton", "t"]])
    elif material == "flat_glass":
        per_m2 = r.random() < 0.5
        prods = C.glass_products(r, r.choice([1, 2, 3, 4, 6]), per_m2)
        base_unit = "m2" if per_m2 else "t"
        units = ["m2"] if per_m2 else ["t"]
    else:
        prods = C.cement_products(r, r.choice([1, 1, 2, 3]))
        base_unit = "t"
        units = r.choice([["t"], ["t"], ["t", "short_ton"]])
    n = len(prods)
    rec = R.Recorder(r, nf, prods, base_unit)
    rec.decl_unit = units[0]
    if style in ("word", "indesign", "excel") and rec.gwp_unit == "kg CO₂e":
        rec.gwp_unit = "kg CO2e"
    desc_printed = set()

    # ------------------------------------------------------------- cover and metadata
    blocks: list = []
    mat_title = {
        "concrete": "Ready Mixed Concrete",
        "steel": prods[0].description.split(",")[0] if n == 1 else "Steel Products",
        "asphalt": "Asphalt Mixtures",
        "flat_glass": "Flat Glass",
        "cement": "Portland and Blended Cements",
    }[material]
    blocks.append(
        Heading(
            r.choice(
                [
                    "Environmental Product Declaration",
                    "ENVIRONMENTAL PRODUCT DECLARATION",
                    f"{mat_title} — Environmental Product Declaration",
                ]
            ),
            1,
        )
    )
    blocks.append(Para(f"{manu} | {mat_title}" + (f" | {plant}" if plant else "")))
    if n == 1 and material == "concrete":
        blocks.append(Para(f"Mix {prods[0].name}: {prods[0].description}"))
        desc_printed.add(0)
    decl = {
        "m3": "1 cubic meter (m³)",
        "yd3": "1 cubic yard (yd³)",
        "t": "1 metric ton (1,000 kg)",
        "short_ton": "1 short ton (2,000 lb)",
        "m2": "1 m² of glass at the stated thickness",
    }
    kv = [
        ("Program Operator", f"{op_name}, {op_addr}"),
        (r.choice(["Declaration Number", "EPD Number", "Registration No.", "Declaration number"]), regno),
        (r.choice(["Manufacturer", "Declaration Holder", "Manufacturer Name and Address"]), f"{manu}, {addr}"),
    ]
    if plant:
        kv.append((r.choice(["Plant", "Production Facility", "Manufacturing Location", "Mill"]), f"{plant}, {addr}"))
    kv += date_rows
    kv += [
        ("EPD Type", ty_text),
        ("Declared Unit", decl[rec.decl_unit]),
        (
            r.choice(["Reference PCR", "Product Category Rule", "PCR"]),
            f"{pcr_name}, {pcr_ver} ({pcr_date}); PCR valid through {C.fmt_date(pcr_valid, ds)}",
        ),
        ("LCIA Methodology", ", ".join(methods)),
        ("Scope", "Cradle-to-gate (A1-A3)"),
    ]
    if r.random() < 0.5:
        r.shuffle(kv)
    blocks.append(KV(kv, r.choice(["table", "table", "colon"])))
    if third:
        ver = r.choice(
            [
                "This declaration was independently verified in accordance with ISO 14025:2006 and the "
                "reference PCR by an external verifier: ",
                "Independent verification of the declaration and data, according to ISO 14025: [X] external "
                "[ ] internal. Verifier: ",
            ]
        )
        blocks.append(
            Para(
                ver
                + r.choice(
                    [
                        "Thomas P. Gloria, Industrial Ecology Consultants",
                        "Lindita Bushi, Athena Sustainable Materials Institute",
                        "Jack Geibig, EcoForm",
                        "WAP Sustainability Consulting",
                    ]
                )
                + "."
            )
        )
    else:
        blocks.append(
            Para(
                r.choice(
                    [
                        "Verification of the declaration according to ISO 14025: [X] internal [ ] external.",
                        "This EPD was verified internally by the program operator; no external "
                        "third-party verification was performed.",
                    ]
                )
            )
        )
    if material == "steel":
        route_txt = (
            "Steel is produced from recycled scrap in an electric arc furnace (EAF) mini-mill."
            if prods[0].route == "eaf"
            else "Steel is produced at an integrated mill: iron from the blast furnace is refined in a basic "
            "oxygen furnace (BOF)."
        )
        fab = prods[0].fabricated
        route_txt += (
            " Fabrication at the shop is included in the system boundary."
            if fab
            else " The products are unfabricated mill products; fabrication is not included."
        )
        blocks.append(Para(route_txt))
    if material == "flat_glass" and base_unit == "m2":
        blocks.append(
            Para(
                "Results are declared per square meter of glass; the mass per square meter of each "
                "thickness is given in the table (2.5 kg/m² per mm)."
            )
        )

    # ------------------------------------------------------------- results
    blocks.append(
        Heading(
            r.choice(["Life Cycle Impact Assessment Results", "LCA Results", "Results", "Environmental Impacts"]), 2
        )
    )
    if style in ("word", "indesign", "excel") and r.random() < 0.5:
        blocks.insert(len(blocks) - 1, PageBreak())
    parts_mode = material == "asphalt" and r.random() < 0.7
    total_mode = not parts_mode or r.random() < 0.4
    others = r.choice([0, 3, 4, 5])
    unit_col = r.random() < 0.5
    idx = list(range(n))
    if material == "concrete" and n > 1:
        layout = r.choice(["rows", "rows", "cols", "pages"] if n <= 8 else ["rows", "rows", "cols"])
        if layout == "rows":
            extra = [("Mix", "name")]
            if r.random() < 0.8:
                extra.append(("Description", "desc"))
                desc_printed.update(idx)
            extra.append(
                r.choice([("f'c (psi)", "psi"), ("Strength", "strength")]) if not metric else ("f'c", "strength")
            )
            for h, k in r.sample(
                [("Age (days)", "age"), ("Slump", "slump"), ("SCM %", "scm"), ("w/cm", "wcm")], r.randint(0, 3)
            ):
                extra.append((h, k))
            sep = len(units) > 1 and r.random() < 0.4
            bench = r.random() < 0.2 and not sep
            for k, u in enumerate(units if sep else [units]):
                us = [u] if sep else u
                blocks.append(
                    R.products_rows(
                        rec,
                        idx,
                        us,
                        extra,
                        False,
                        True,
                        r.choice(
                            [
                                "Table 3. GWP by mix",
                                "Results by mix design",
                                f"Table {k + 2}: A1-A3 results per {rec.ulab[us[0]]}",
                            ]
                        ),
                        r.random() < 0.6,
                        bench,
                    )
                )
        elif layout == "cols":
            per = r.randint(4, 7)
            for u in units:
                for c in range(0, n, per):
                    chunk = idx[c : c + per]
                    blocks.append(
                        R.products_cols(
                            rec,
                            chunk,
                            u,
                            min(others, 3),
                            f"A1-A3 results per {rec.ulab[u]} — mixes {c + 1} to {c + len(chunk)}",
                        )
                    )
        else:
            for i in idx:
                p = prods[i]
                if i:
                    blocks.append(PageBreak())
                blocks.append(Heading(f"Mix {p.name}", 2))
                blocks.append(
                    KV(
                        [
                            ("Description", p.description or ""),
                            ("Specified strength", f"{p.strength_text} at {p.strength_age_days} days"),
                            ("Slump", p.extra["slump"]),
                        ],
                        "colon",
                    )
                )
                desc_printed.add(i)
                _unit_tables(r, rec, i, units, False, True, others, unit_col, blocks)
    elif n == 1:
        layout = r.choice(["table", "sentence", "headline", "table"])
        if material == "concrete":
            blocks.append(
                Para(
                    f"Specified compressive strength: {prods[0].strength_text} at "
                    f"{prods[0].strength_age_days} days."
                    + (f" Early strength reported at {prods[0].extra['he_age']} days." if prods[0].high_early else "")
                )
            )
        else:
            blocks.append(Para(f"Product: {prods[0].name}. {prods[0].description}."))
            desc_printed.add(0)
        if layout == "sentence":
            blocks.append(R.sentence(rec, 0, units[0]))
            for u in units[1:]:
                blocks.append(R.sentence(rec, 0, u))
        else:
            if layout == "headline":
                blocks.append(R.headline(rec, 0, units[0]))
            _unit_tables(r, rec, 0, units, parts_mode or r.random() < 0.4, total_mode, others, unit_col, blocks)
    else:
        layout = r.choice(["rows", "pages"] if n <= 6 else ["rows", "rows", "cols"])
        if material == "asphalt" and layout == "cols":
            layout = "rows"
        if layout == "rows":
            extra = [(r.choice(["Product", "Mix ID", "Product name"]), "name")]
            if r.random() < 0.6:
                extra.append(("Description", "desc"))
                desc_printed.update(idx)
            if material == "asphalt":
                extra += r.sample([("RAP", "rap"), ("Binder", "pg"), ("WMA", "wma")], r.randint(0, 2))
            if material == "flat_glass":
                extra += [("Thickness", "thickness"), ("Mass", "mass")]
            for u in units:
                blocks.append(
                    R.products_rows(
                        rec,
                        idx,
                        [u],
                        extra,
                        parts_mode,
                        total_mode,
                        f"Cradle-to-gate results per {rec.ulab[u]}",
                        r.random() < 0.6,
                    )
                )
        elif layout == "cols":
            for u in units:
                for c in range(0, n, 5):
                    blocks.append(R.products_cols(rec, idx[c : c + 5], u, min(others, 3), f"Results per {rec.ulab[u]}"))
        else:
            for i in idx:
                if i:
                    blocks.append(PageBreak())
                blocks.append(Heading(prods[i].name, 2))
                blocks.append(Para(prods[i].description or ""))
                desc_printed.add(i)
                _unit_tables(r, rec, i, units, parts_mode, total_mode, others, unit_col, blocks)
    for m in alt:
        blocks.append(R.alt_method_table(rec, idx[:12], m))
    blocks.append(Heading("Interpretation and Limitations", 2))
    blocks.append(
        Para(
            "EPDs from different programs may not be comparable. Results are relative expressions and do "
            "not predict impacts on category endpoints, the exceeding of thresholds or risks.",
            small=True,
        )
    )
    if parts_mode and not total_mode:
        blocks.append(
            Para(
                "A1-A3 totals are not reported; modules A1 (raw materials), A2 (transport) and A3 "
                "(manufacturing) are declared separately.",
                small=True,
            )
        )

    # ------------------------------------------------------------- render
    accent = r.choice(ACCENTS)
    header = f"{manu} — {mat_title} EPD" if r.random() < 0.7 else f"{op_name} | {regno}"
    footer = r.choice(["Page {p} of {n}", "{p}", "|{p}|", f"{regno} | page {{p}}"])
    if style in ("webtool", "report"):
        pdf, marks, pages = render_html(r, blocks, style, header, footer, accent)
    else:
        fam = "helv" if style == "excel" else r.choice(["helv", "times"])
        rr = RawRenderer(r, style, fam, r.choice([8.0, 8.5, 9.0, 9.5]), header, footer, accent)
        pdf, marks, pages = rr.render(blocks)

    products = []
    for i, p in enumerate(prods):
        printed = rec.printed[i]
        du = rec.decl_unit
        s, v = printed[du]
        products.append(
            {
                "name": p.name,
                "material": material,
                "gwp_a1a3": v,
                "declared_unit": du,
                "gwp_by_unit": {u: pv for u, (_, pv) in printed.items()},
                "modules": rec.modules[i],
                "gwp_method": traci,
                "strength_psi": p.strength_psi,
                "strength_age_days": p.strength_age_days,
                "lightweight": p.lightweight,
                "high_early_strength": p.high_early,
                "steel_product": p.steel_product,
                "fabricated": p.fabricated,
                "route": p.route,
                "glass_processed": p.glass_processed,
                "description": p.description if i in desc_printed else None,
                "page": marks.get(i),
                "gwp_printed": s,
            }
        )
    expected = {
        "seed": seed,
        "description": f"{material}; {n} product(s); layout={layout}; style={style}; units={'+'.join(units)}; "
        f"numbers={nf.style}; dates={ds}/{dmode}; methods={'+'.join(methods)}",
        "program_operator": op_name,
        "registration_number": regno,
        "manufacturer": manu,
        "plant": plant,
        "issued": issued.isoformat(),
        "valid_until": until.isoformat(),
        "epd_type": ty,
        "pcr": pcr_name,
        "third_party_verified": third,
        "methods": methods,
        "page_count": pages,
        "products": products,
    }
    return Doc(pdf, expected)


def _unit_tables(r, rec, i, units, parts, total, others, unit_col, blocks):
    if len(units) == 2 and r.random() < 0.5 and not others:
        blocks.append(R.pair_units(rec, i, units, parts, total, unit_col))
        return
    for u in units:
        blocks.append(
            R.indicator_modules(
                rec,
                i,
                u,
                parts,
                total,
                others,
                r.choice(
                    [
                        f"Results per {rec.ulab[u]}",
                        f"Table: LCIA results, 1 {rec.ulab[u]}",
                        f"{rec.products[i].name} — per {rec.ulab[u]}",
                    ]
                ),
                unit_col,
            )
        )


__all__ = ["Doc", "Table", "generate", "heads"]
