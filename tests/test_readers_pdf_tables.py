"""The table model on shapes North American EPDs print: each case is a small generated document whose table has one
trait the reader must interpret (names ending in numbers, heads set apart from their numbers, an A1A2A3 head, a
footnote between tables, an EN 15804+A2 table beside a TRACI one), and the validity of a PCR printed in parentheses."""

from __future__ import annotations

import datetime as dt

import pytest

from buyclean.core.model import Product
from buyclean.core.readers.pdf import dates, read_pdf
from buyclean.core.readers.pdf.layout import Page
from buyclean.core.readers.pdf.results import indicator_kind
from tests import pdfgen
from tests.pdfgen import GeneratedEpd, _meta, _page

TRACI = "<p>Cradle to gate (A1-A3). Impact categories were characterized with TRACI 2.1 per ISO 21930.</p>"


def _read(body: str, unit: str = "1 short ton of asphalt mixture") -> dict[str, Product]:
    html = _page("Asphalt Mixtures, Plant 4", _meta("NAPA", "NAPA-EE-10001", "Frontier Asphalt Company", unit), body)
    epd = read_pdf(GeneratedEpd("t", html).pdf())
    return {p.name.value or "": p for p in epd.products}


def _gwp(product: Product) -> float:
    assert product.gwp_a1a3.known and product.gwp_a1a3.value is not None, product.gwp_a1a3.review
    return product.gwp_a1a3.value.value


def test_mix_names_that_end_in_numbers_stay_whole() -> None:
    mixes = [("4.75mm HMA", 56.31), ("SM-4.75B", 60.13), ("S 19.0", 65.91), ("SMA 12.5", 80.52), ("Mix 4243", 60.86)]
    rows = "".join(f"<tr><td>{name}</td><td>Hot mix asphalt, PG 64-22</td><td>{gwp:.2f}</td></tr>"
                   for name, gwp in mixes)
    products = _read(TRACI + "<p>Table 2 - TRACI 2.1 results per short ton</p><table><tr><th>Mix Number</th>"
                     f"<th>Description</th><th>GWP (kg CO2 eq) A1-A3 per short ton</th></tr>{rows}</table>")
    assert set(products) == {name for name, _ in mixes}  # 'SM-4.75B' is no 'SM' (secondary material) row
    for name, gwp in mixes:
        assert _gwp(products[name]) == pytest.approx(gwp)


def test_a_footnote_between_tables_ends_the_first() -> None:
    mixes = [("SMA-12.5D", 76.9), ("BASE 9.5", 40.0), ("25.0mm HMA", 46.2), ("SP 12.5", 42.0)]
    rows = "".join(f"<tr><td>{n}</td><td>{g:.1f}</td></tr>" for n, g in mixes)
    other = "".join(f"<tr><td>{label}</td><td>MJ</td><td>{v}</td><td>{w}</td></tr>"
                    for label, v, w in [("Total use of non-renewable primary energy", 351, 402),
                                        ("Net use of fresh water", 0.08, 0.07)])
    products = _read(TRACI + "<table><tr><th>Mix ID</th><th>GWP (kg CO2 eq) A1-A3 per short ton</th></tr>"
                     f"{rows}</table><p>* Biogenic carbon is excluded from GWP per ISO 21930 section 7.2.7.</p>"
                     "<table><tr><th>Parameter</th><th>Unit</th><th>BASE 9.5</th><th>SP 12.5</th></tr>"
                     f"{other}</table>")
    assert {n: _gwp(p) for n, p in products.items()} == {n: pytest.approx(g) for n, g in mixes}


def test_a1a2a3_is_the_total_and_group_heads_over_wide_cells_give_the_unit() -> None:
    head = ("<tr><th rowspan=2>Indicator</th><th colspan=4>per cubic meter</th><th colspan=4>per 1 yd³</th></tr>"
            "<tr>" + "<th>A1 Raw Material Supply</th><th>A2 Transport</th><th>A3 Manufacturing</th><th>A1A2A3</th>" * 2
            + "</tr>")
    row = "<tr><td>GWP</td>" + "".join(f"<td style='text-align:right'>{v}</td>" for v in
                                       ["290", "24.3", "35.4", "350", "222", "18.6", "27.0", "268"]) + "</tr>"
    products = _read(TRACI + "<p>Mix 1585SL</p><p>Table 2 - TRACI 2.1 results for 1585SL, per cubic meter and yd³</p>"
                     f"<table>{head}{row}</table>", unit="1 m3 of ready mixed concrete")
    (product,) = products.values()
    assert product.gwp_a1a3.value is not None and product.gwp_a1a3.value.per_unit == "m3"
    assert _gwp(product) == pytest.approx(350.0)


def test_product_heads_set_left_of_their_right_aligned_numbers() -> None:
    cell = "style='text-align:left;width:110pt'"
    products = _read(TRACI + "<p>Table 10 - TRACI 2.1 results (A1-A3) per short ton</p><table><tr><th>Indicator</th>"
                     f"<th {cell}>HMA-9.5E</th><th {cell}>Mix 6120</th></tr><tr><td>Global warming potential (GWP)"
                     "</td><td style='text-align:right'>79.50</td><td style='text-align:right'>66.83</td></tr>"
                     "<tr><td>Acidification potential</td><td style='text-align:right'>0.198</td>"
                     "<td style='text-align:right'>0.220</td></tr></table>")
    assert {n: _gwp(p) for n, p in products.items()} == {"HMA-9.5E": pytest.approx(79.5),
                                                          "Mix 6120": pytest.approx(66.83)}


def test_a_column_of_values_headed_by_a_mix_names_no_other_product() -> None:
    products = _read(TRACI + "<p>Table 3 - TRACI 2.1 results (A1-A3) per short ton</p><table><tr><th>Indicator</th>"
                     "<th>Mix 3980</th><th>BASE-25.0E</th><th>SM-19.0B</th></tr><tr><td>Global Warming Potential "
                     "(GWP)</td><td>67.53</td><td>64.56</td><td>53.17</td></tr></table>")
    assert {n: _gwp(p) for n, p in products.items()} == {
        "Mix 3980": pytest.approx(67.53), "BASE-25.0E": pytest.approx(64.56), "SM-19.0B": pytest.approx(53.17)}


def test_an_en15804_table_beside_a_traci_one_is_not_taken_for_it() -> None:
    ef = "".join(f"<tr><td>Climate change - {k} ({i})</td><td>{v}</td></tr>" for k, i, v in [
        ("total", "GWP-total", 271.9), ("fossil", "GWP-fossil", 269.0), ("biogenic", "GWP-biogenic", -0.5),
        ("land use and land use change", "GWP-luluc", 0.2)])
    products = _read(TRACI + f"<table><tr><th>Indicator</th><th>A1-A3 per m3</th></tr>{ef}</table><p>MND = Module "
                     "Not Declared</p><table><tr><th>Impact category</th><th>A1-A3 per m3</th></tr><tr><td>Global "
                     "Warming Potential (GWP) (kg CO2-eq.)</td><td>267.6</td></tr></table>",
                     unit="1 m3 of ready mixed concrete")
    (product,) = products.values()
    assert _gwp(product) == pytest.approx(267.6)


@pytest.mark.parametrize("text", [
    "Reference PCR  Part B: Designated Steel Construction Product EPD Requirements, UL 10010-34, Version 2.0\n"
    "(2020) ((valid until April 28, 2024))\nDate of issue: July 02, 2024\nValidity: 5 years from date of issue\n",
    "Reference PCR and version  Product Category Rules for Asphalt Mixtures, Version 2.0, NAPA, 2022 (PCR\n"
    "expiration: December 28th, 2024)\nDate of issue: July 02, 2024\nPeriod of validity: 5 years\n",
])
def test_a_pcrs_validity_in_parentheses_is_not_the_epds(text: str) -> None:
    _issued, valid = dates.issue_and_validity([Page(1, 612.0, 792.0, text)], "UL Environment")
    assert valid.value == dt.date(2029, 7, 2)


def test_an_epds_own_validity_in_parentheses_is_kept() -> None:
    text = "PCR: NSF PCR for Concrete v2.1\nEPD number 4790 (valid until March 14, 2029)\nIssued: March 15, 2024\n"
    _issued, valid = dates.issue_and_validity([Page(1, 612.0, 792.0, text)], "NSF International")
    assert valid.value == dt.date(2029, 3, 14)


def _steel_doc(body: str, unit: str = "1 metric ton of steel") -> dict[str, Product]:
    html = _page("Steel Products", _meta("UL Environment", "4790012345.101.1", "Carolina Bar Mills, Inc.", unit), body)
    epd = read_pdf(GeneratedEpd("s", html).pdf())
    return {p.name.value or "": p for p in epd.products}


STEEL_PROSE = (
    "<p>Steel is produced at Richmond Steel Mill by the electric arc furnace (EAF) route: ferrous scrap is melted in "
    "an EAF and hot rolled. The world steel average for the BF-BOF route is about 2288 kg CO2e per tonne; it is not "
    "comparable.</p><p>Fabricated Rebar (cut and bent): concrete reinforcing bar cut and bent at the fabrication "
    "shop. Shop fabrication (A3) is included in the results.</p><p>Hollow Structural Sections (HSS): unfabricated "
    "hollow structural section as shipped from the mill; fabrication is not included.</p>")


def test_each_steel_products_own_lines_and_the_mills_route() -> None:
    tables = "".join(
        f"<p>Table {n}: TRACI 2.1 V1.05 results for {name}, per tonne</p><table><tr><th>Impact category</th>"
        f"<th>A1-A3</th></tr><tr><td>GWP [kgCO2e]</td><td>{gwp}</td></tr></table>"
        for n, (name, gwp) in enumerate([("Fabricated Rebar (cut and bent)", 950), ("Hollow Structural Sections "
                                                                                  "(HSS)", 1210)], start=2))
    products = _steel_doc(STEEL_PROSE + tables)
    rebar, hss = products["Fabricated Rebar (cut and bent)"], products["Hollow Structural Sections (HSS)"]
    assert _gwp(rebar) == 950 and _gwp(hss) == 1210
    assert rebar.steel.value is not None and hss.steel.value is not None
    assert (rebar.steel.value.product.value, rebar.steel.value.fabricated, rebar.steel.value.route.value) == (
        "rebar", True, "eaf")
    assert (hss.steel.value.product.value, hss.steel.value.fabricated, hss.steel.value.route.value) == (
        "hss", False, "eaf")


@pytest.mark.parametrize(("columns", "unit", "review"), [
    ({"per tonne": 629.0, "per ton": 571.0}, "t", False),  # 571 = 629 x 0.907: the short ton
    ({"per ton": 571.0}, None, True),  # nothing tells short from metric
])
def test_per_ton_is_told_short_or_metric_by_the_other_columns(columns: dict[str, float], unit: str | None,
                                                              review: bool) -> None:
    heads = "".join(f"<th>A1-A3 {h}</th>" for h in columns)
    cells = "".join(f"<td>{v}</td>" for v in columns.values())
    products = _steel_doc(STEEL_PROSE + "<p>Table 3 - TRACI 2.1 results for Structural Shapes</p><table><tr><th>"
                          f"Indicator</th>{heads}</tr><tr><td>Global Warming Potential (GWP)</td>{cells}</tr></table>",
                          unit="see the tables")
    (product,) = (p for n, p in products.items() if "Structural Shapes" in n)
    assert product.gwp_a1a3.needs_review is review
    if not review:
        assert product.gwp_a1a3.value is not None and product.gwp_a1a3.value.per_unit == unit
        assert _gwp(product) == pytest.approx(columns["per tonne"])
    else:
        assert "per ton" in (product.gwp_a1a3.review or "")


def test_a_strength_no_concrete_has_is_left_for_review() -> None:
    rows = "".join(f"<tr><td>{mix}</td><td>{mpa}</td><td>{gwp}</td></tr>" for mix, mpa, gwp in
                   [("3601K", 300, 68.21), ("4602K", 32, 221.8), ("5003K", 35, 240.0)])
    html = _page("Ready Mixed Concrete", _meta("CSA Group", "CSA-EPD-1", "Acme Ready Mix", "1 yd3 of ready mixed "
                                                                                              "concrete"),
                 TRACI + "<p>Table 2 - TRACI 2.1 results by mix (A1-A3), per cubic yard</p><table><tr><th>Mix Design"
                 f"</th><th>Strength (MPa)</th><th>GWP (kg CO2e) per cubic yard</th></tr>{rows}</table>")
    products = {p.name.value: p for p in read_pdf(GeneratedEpd("c", html).pdf()).products}
    assert products["4602K"].compressive_strength.known
    odd = products["3601K"].compressive_strength
    assert odd.value is None and odd.needs_review and "implausible" in (odd.review or "")


# --- heads, captions and labels as independently written North American layouts print them ----------------------

CONCRETE = "1 cubic meter of ready mixed concrete"
RIGHT = "style='text-align:right'"


def _values(row: list[str]) -> str:
    return "".join(f"<td {RIGHT}>{v}</td>" for v in row)


def test_group_heads_narrower_and_wider_than_their_columns_govern_all_of_them() -> None:
    # 'Per yd3' is narrower than one of its four columns; 'Per cubic meter' spans two of its four
    head = ("<tr><th rowspan=2>Impact category</th><th colspan=4 style='text-align:center'>Per yd3</th>"
            "<th colspan=4 style='text-align:center'>Per cubic meter</th></tr>"
            "<tr>" + "<th>A1</th><th>A2</th><th>A3</th><th>Total A1-A3</th>" * 2 + "</tr>")
    gwp = ["116", "10", "16", "143", "152", "14", "21", "187"]
    rows = (f"<tr><td>Global warming potential [kg CO2 eq]</td>{_values(gwp)}</tr>"
            f"<tr><td>Ozone depletion potential [kg CFC-11 eq]</td>{_values(['7.9E-07'] * 8)}</tr>")
    products = _read(TRACI + "<p>Table 2. TRACI v2.1 results per yd3 and per cubic meter of RE-883</p>"
                     f"<table style='font-size:7pt'>{head}{rows}</table>", unit=CONCRETE)
    (product,) = products.values()
    gwp = product.gwp_a1a3.value
    assert gwp is not None and product.gwp_a1a3.known, product.gwp_a1a3.review
    assert (gwp.per_unit, gwp.value) in (("m3", pytest.approx(187.0)), ("yd3", pytest.approx(143.0)))


def test_stacked_tables_of_one_product_named_by_a_number() -> None:
    def table(caption: str, gwp: str) -> str:
        return (f"<p>{caption}</p><table><tr><th>Indicator</th><th>2431489</th></tr><tr><td>GWP A1-A3 [kg CO2e]</td>"
                f"<td {RIGHT}>{gwp}</td></tr><tr><td>ODP [kg CFC-11 eq]</td><td {RIGHT}>8.06E-06</td></tr>"
                f"<tr><td>AP [kg SO2 eq]</td><td {RIGHT}>1.22E+00</td></tr></table>")

    products = _read(TRACI + table("Table 3. TRACI v2.1 results, A1-A3, per 1 m³", "2.082E+02")
                     + table("Table 4. TRACI v2.1 results, A1-A3, per 1 yd3", "1.592E+02")
                     + table("Table 5. CML-IA v4.8 results, A1-A3, per 1 m³", "2.051E+02"), unit=CONCRETE)
    assert set(products) == {"2431489"}
    gwp = products["2431489"].gwp_a1a3.value
    assert gwp is not None and products["2431489"].gwp_a1a3.known, products["2431489"].gwp_a1a3.review
    assert (gwp.per_unit, gwp.value) in (("m3", pytest.approx(208.2)), ("yd3", pytest.approx(159.2)))


def test_a_results_for_heading_and_a_per_unit_of_caption_name_each_products_tables() -> None:
    glass = {"Tinted Float Glass, 5 mm": (5.98, 0.934, 9.07), "Tinted Float Glass, 12 mm": (14.4, 2.24, 21.8)}
    body = ""
    for n, (name, parts) in enumerate(glass.items()):
        rows = (f"<tr><td>Global warming potential (GWP)</td><td>kg CO2-eq.</td>{_values([str(v) for v in parts])}"
                f"</tr><tr><td>Acidification potential (AP)</td><td>kg SO2 eq</td>{_values(['0.0202'] * 3)}</tr>")
        body += (f"<h3>Results for {name}</h3><p>Table {n + 3}. TRACI 2.1 results per m2 of {name}</p><table><tr>"
                 f"<th>Indicator</th><th>Unit</th><th>A1</th><th>A2</th><th>A3</th></tr>{rows}</table>")
    products = _read(TRACI + body, unit="1 m2 of flat glass")
    assert {n: _gwp(p) for n, p in products.items()} == {n: pytest.approx(sum(v)) for n, v in glass.items()}


@pytest.mark.parametrize(("label", "kind"), [
    ("Potential, GWP 100¹, Upstream (A1)", "plain"),  # 'Global Warming' over it was read as a line of its own
    ("Global Warming Potential, GWP 100¹, A2", "plain"),
    ("GWP 100, A3", "plain"),
    ("Share of GWP (A1-A3)", None),  # GWP inside a phrase names no indicator
    ("Contribution to GWP", None),
])
def test_gwp_names_the_indicator_first_in_a_label_or_a_part_of_it(label: str, kind: str | None) -> None:
    assert indicator_kind(label) == kind


def test_a_footnote_below_a_one_row_table_is_not_part_of_its_labels() -> None:
    wide = "style='text-align:left;width:150pt'"
    products = _read(TRACI + "<p>Table 7. TRACI 2.1 results for Type I/II Portland Cement, per 1 metric ton</p>"
                     f"<table><tr><th>Module</th><th {wide}>Global Warming Potential, GWP 100a (kg CO2 eq)</th>"
                     "<th>Eutrophication potential (EP) (kg N eq)</th></tr><tr><td>A1-A3 Total</td>"
                     f"<td {RIGHT}>823</td><td {RIGHT}>0.527</td></tr></table>"
                     "<p style='margin-top:0'>Includes all greenhouse gases; biogenic CO2 reported separately.</p>",
                     unit="1 metric ton of portland cement")
    assert {n: _gwp(p) for n, p in products.items()} == {"Type I/II Portland Cement": pytest.approx(823.0)}


def test_a_head_over_unit_sub_heads_governs_the_run_of_them() -> None:
    mixes = [("SM-95A", 101.5, 111.9), ("SM-190B", 52.6, 58.0), ("HMA-95C WMA", 57.4, 63.2)]
    rows = "".join(f"<tr><td>{n}</td>{_values([str(a), str(b), '0.594', '6.03'])}</tr>" for n, a, b in mixes)
    products = _read(TRACI + "<p>Table 4. TRACI 2.1 results per declared unit, A1-A3 (cradle to gate)</p><table>"
                     "<tr><th rowspan=2>Mix ID</th><th colspan=2 style='text-align:left'>GWP* (TRACI 2.1), kg CO2e</th>"
                     "<th>AP</th><th>SFP</th></tr><tr><th>per short ton</th><th>per metric ton</th><th>(kg SO2 eq)</th>"
                     f"<th>(kg O3 eq)</th></tr>{rows}</table>")
    assert {n: _gwp(p) for n, p in products.items()} == {n: pytest.approx(a) for n, a, _ in mixes}


def test_indicator_labels_wrapped_around_their_values_are_no_product_group() -> None:
    """Labels set on two lines with their unit and value centred between them: the first column is sparse on the
    value lines, yet it holds each row's indicator, never one group label over all rows (which named every row GWP
    and every unit a product)."""
    mid = "style='vertical-align:middle"
    rows = "".join(f"<tr><td {mid}'>{a}<br>{b}</td><td {mid}'>{unit}</td><td {mid};text-align:right'>{v}</td></tr>"
                   for a, b, unit, v in [("Global warming potential", "(GWP)", "kg CO2e", "700.7"),
                                         ("Ozone depletion potential", "(ODP)", "kg CFC-11 eq", "1.13E-05"),
                                         ("Acidification potential", "(AP)", "kg SO2 eq", "2.68E+00"),
                                         ("Eutrophication potential", "(EP)", "kg N eq", "4.22E-01"),
                                         ("Smog formation potential", "(SFP)", "kg O3 eq", "5.39E+01")])
    products = _steel_doc(TRACI + "<p>Table 1. TRACI 2.1 results, A1-A3, per metric ton (1,000 kg)</p>"
                          "<table style='width:100%'><tr><th>Indicator</th><th>Unit</th><th>Merchant Bar</th></tr>"
                          f"{rows}</table>")
    assert {n: _gwp(p) for n, p in products.items()} == {"Merchant Bar": pytest.approx(700.7)}


def _per(product: Product) -> tuple[str, float]:
    gwp = product.gwp_a1a3.value
    assert gwp is not None and product.gwp_a1a3.known, product.gwp_a1a3.review
    return gwp.per_unit, gwp.value


LEFT = "style='text-align:left;vertical-align:top'"


def test_group_heads_set_flush_left_span_their_modules_and_a_dash_is_no_minus() -> None:
    """'Global warming potential (kg CO2e)' over 'per m3', flush left over the first of A1 | A2 | A3 | A1-A3 Total,
    the same for yd3: each head governs its four columns, the unit line is the group's. A dash for 'no strength'
    (flowable fill) above the next mix's strength is not a minus sign wrapped away from it."""
    mixes = [("R67-21", "CDF EXCAVATABLE", "–", ["140", "17", "19", "176"], ["106", "12", "17", "135"]),
             ("R85-34", "3000 PSI 3/8\" PUMP", "3,000", ["200", "23", "33", "256"], ["161", "16", "19", "196"]),
             ("X63-28", "2500 PSI WALL", "2,500", ["162", "14", "27", "202"], ["132", "9", "13", "155"]),
             ("39C84", "5000 PSI WALL", "5,000", ["272", "26", "18", "316"], ["205", "20", "17", "242"])]
    modules = ("<th {0}>A1 Raw materials</th><th {0}>A2 Transport</th><th {0}>A3 Manufacturing</th>"
               "<th {0}>A1-A3 Total</th>")
    head = (f"<tr><th {LEFT} rowspan=2>Mix ID</th><th {LEFT} rowspan=2>Description</th><th {LEFT} rowspan=2>f'c "
            f"(psi)</th><th {LEFT} colspan=4>Global warming potential (kg CO2e)<br>per m3</th><th {LEFT} colspan=4>"
            f"GWP (kg CO2e)<br>per yd3</th><th {LEFT} rowspan=2>ODP</th></tr><tr>{modules.format(LEFT) * 2}</tr>")
    rows = "".join(f"<tr><td>{m}</td><td>{d}</td><td {RIGHT}>{fc}</td>{_values(a + b)}<td>9.4E-06</td></tr>"
                   for m, d, fc, a, b in mixes)
    products = _read(TRACI + f"<table style='font-size:6.5pt;border-spacing:9pt 8pt'>{head}{rows}</table>",
                     unit=CONCRETE)
    assert {n: _per(p) for n, p in products.items()} == {
        m: ("m3", pytest.approx(float(a[-1]))) for m, _d, _fc, a, _b in mixes}
    strength = products["R85-34"].compressive_strength.value
    assert strength is not None and strength.psi == pytest.approx(3000)


def test_a_code_in_one_table_and_the_code_with_its_description_in_another_are_one_product() -> None:
    traci = "".join(f"<th {LEFT}>{code}<br>{desc}</th>" for code, desc, _t, _e in MIXES_BY_CODE)
    ef = "".join(f"<tr><td>{code}</td><td {RIGHT}>{e}</td></tr>" for code, _d, _t, e in MIXES_BY_CODE)
    body = (TRACI + f"<p>Life cycle impact assessment results (TRACI 2.1)</p><table><tr><th {LEFT}>Indicator</th>"
            f"{traci}</tr><tr><td>Global Warming Potential (GWP), kg CO2 eq per cubic meter, A1-A3</td>"
            f"{_values([t for _c, _d, t, _e in MIXES_BY_CODE])}</tr></table>"
            "<p>Supplementary results, EF 3.1 (for information; not TRACI)</p><table><tr><th>Product</th>"
            f"<th>GWP-total (EN 15804+A2, EF 3.1), kg CO2 eq per cubic meter, A1-A3</th></tr>{ef}</table>")
    products = _read(body, unit=CONCRETE)
    assert {n: _per(p) for n, p in products.items()} == {
        code: ("m3", pytest.approx(float(t))) for code, _d, t, _e in MIXES_BY_CODE}


MIXES_BY_CODE = [("98A73", "30 MPA 3/4\" FOOTING", "270", "263"), ("X94-66", "45 MPA SCC WALL", "381", "394"),
                 ("4416", "32 MPA SLAB 90-DAY", "340", "338")]


def _module_table(title: str, parts: list[str]) -> str:
    rows = "".join(f"<tr><td>{m}</td><td {RIGHT}>{v}</td><td {RIGHT}>2.4E-06</td></tr>"
                   for m, v in zip(["Upstream (A1)", "Transport (A2)", "Core (A3)", "Total (A1-A3)"], parts,
                                   strict=True))
    return (f"<p>{title}</p><table><tr><th>Module</th><th>Global warming potential<br>kg CO2 eq</th>"
            f"<th>ODP<br>kg CFC-11 eq</th></tr>{rows}</table>")


def test_a_name_before_the_colon_of_a_results_caption_names_the_table() -> None:
    body = TRACI + "".join(_module_table(f"{name}: TRACI 2.1 results per m2", parts) for name, parts in [
        ("Clear float glass, 8 mm", ["6.2", "0.7", "17.7", "24.6"]),
        ("Low-E glass, 6 mm", ["8.1", "0.9", "21.0", "30.0"])])
    products = _read(body, unit="1 m2 of flat glass")
    assert {n: _per(p) for n, p in products.items()} == {"Clear float glass, 8 mm": ("m2", pytest.approx(24.6)),
                                                         "Low-E glass, 6 mm": ("m2", pytest.approx(30.0))}


def test_a_code_set_off_at_the_start_of_the_line_over_a_table_names_it() -> None:
    body = TRACI + "<p>38C40 – Description: 3500 PSI 3/4\" SLAB; Specified compressive strength: 3500 psi</p>" + \
        _module_table("38C40, per cubic meter", ["208", "25", "34", "266"]) + \
        "<p>T69-79 – Description: 3000 PSI WALL 40% FA</p>" + \
        _module_table("T69-79, per cubic meter", ["175", "20", "14", "209"])
    products = _read(body, unit=CONCRETE)
    assert {n: _per(p) for n, p in products.items()} == {"38C40": ("m3", pytest.approx(266.0)),
                                                         "T69-79": ("m3", pytest.approx(209.0))}


def test_wrapped_indicator_labels_over_module_rows_keep_their_units() -> None:
    """Labels printed once over four module rows and wrapped ('... per ton' / '(2000 lb)', '... per 1,000' / 'kg'):
    each labels its own four rows, and 'per 1,000 kg' is a metric ton, never a kilogram."""
    def block(label: str, values: list[tuple[str, str]]) -> str:
        names = ["Upstream (A1)", "Transport (A2)", "Core (A3)", "Total (A1-A3)"]
        top = "style='text-align:right;vertical-align:top'"
        return "".join(f"<tr>{f'<td rowspan=4 {LEFT}>{label}</td>' if not n else ''}<td {LEFT}>{names[n]}</td>"
                       + "".join(f"<td {top}>{x}</td>" for x in v) + "</tr>" for n, v in enumerate(values))
    short = [("658", "531"), ("48", "32"), ("200", "196"), ("905", "759")]
    metric = [("712", "617"), ("66", "34"), ("220", "186"), ("998", "836")]
    body = (TRACI + "<table><tr><th>Indicator</th><th>Module</th><th>Concrete reinforcing bar<br>(rebar)</th>"
            "<th>Hot-rolled steel<br>plate</th></tr>"
            + block("Global warming potential, kg CO2 eq per ton<br>(2000 lb)", short)
            + block("Global warming potential, kg CO2 eq per 1,000<br>kg", metric)
            + "<tr><td>ODP, kg CFC-11 eq</td><td>Total (A1-A3)</td><td>5.1E-06</td><td>4.2E-06</td></tr></table>")
    products = _steel_doc(body, unit="1 short ton (2,000 lb) of product")
    assert {n: _per(p) for n, p in products.items()} == {
        "Concrete reinforcing bar (rebar)": ("short_ton", pytest.approx(905.0)),
        "Hot-rolled steel plate": ("short_ton", pytest.approx(759.0))}


def test_a_printed_total_stands_beside_the_rounded_sum_of_its_modules() -> None:
    rows = [("GWP 100, kg CO2 eq per yd3", "A1 Raw materials", "148", "242"), ("", "A2 Transport", "14", "19"),
            ("", "A3 Manufacturing", "15", "29"), ("", "A1-A3 Total", "176", "290")] + [
        (ind, "A1-A3 Total", "7.9E-06", "8.4E-06") for ind in ("ODP, kg CFC-11 eq", "AP, kg SO2 eq", "EP, kg N eq",
                                                                "SFP, kg O3 eq")]
    body = (TRACI + "<table><tr><th>Indicator</th><th>Module</th><th>61A44<br>4000 PSI SLAB</th><th>30S66<br>7000 PSI "
            "SLAB</th></tr>" + "".join(f"<tr><td>{a}</td><td>{b}</td>{_values([c, d])}</tr>" for a, b, c, d in rows)
            + "</table>")
    products = _read(body, unit="1 cubic yard of ready mixed concrete")
    got = {n.split()[0]: _per(p) for n, p in products.items()}
    assert got == {"61A44": ("yd3", pytest.approx(176.0)), "30S66": ("yd3", pytest.approx(290.0))}


def _edge_page(number: int, top: list[str], bottom: list[str]) -> Page:
    """A page of 800 pt whose lines are given: ``top`` at its head, ``bottom`` at its foot, a paragraph between."""
    from buyclean.core.readers.pdf.layout import Line, Word

    def line(text: str, y: float) -> Line:
        x, words = 50.0, []
        for part in text.split():
            words.append(Word(part, x, y, x + 6 * len(part), y + 10))
            x += 6 * len(part) + 4
        return Line(words)

    lines = [line(t, 10 + 14 * k) for k, t in enumerate(top)] + [line("Body text of the page", 400)] + \
        [line(t, 760 + 14 * k) for k, t in enumerate(bottom)]
    return Page(number, 600, 800, "\n".join(ln.text for ln in lines), _lines=lines)


@pytest.mark.parametrize("count", [2, 3, 9, 10])
def test_running_lines_are_the_lines_printed_on_half_the_pages_or_more(count: int,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from buyclean.core.readers.pdf import tables

    pages = [_edge_page(n, ["ACME Cement EPD"] + (["Left-hand header"] if n % 2 else []) + (
        ["Section 4 results"] if n in (3, 4) else []), [f"Page {n} of {count}"] + (["Late footer"] if n > 5 else []))
        for n in range(1, count + 1)]
    laid_out = []
    monkeypatch.setattr(Page, "edge_lines", lambda self, share: laid_out.append(self.number) or self.lines())
    found = tables.running_lines(pages)
    # what every page's edge lines, all counted, give
    keys: dict[str, int] = {}
    for page in pages:
        for key in {tables.furniture_key(ln.text) for ln in page.lines() if ln.top < 56 or ln.top > 744}:
            keys[key] = keys.get(key, 0) + 1
    assert found == {key for key, n in keys.items() if n >= 2 and n >= count / 2}
    assert tables.furniture_key("ACME Cement EPD") in found and tables.furniture_key("Page 1 of 9") in found
    assert tables.furniture_key("Section 4 results") not in found or count <= 4
    # a header printed on every other page keeps every page counted; without it, the pages past the point where no
    # line can change the answer are not laid out
    assert len(laid_out) == count
    laid_out.clear()
    for page in pages:
        page._lines = [ln for ln in page.lines() if ln.text != "Left-hand header"]
    assert tables.running_lines(pages) == found - {tables.furniture_key("Left-hand header")}
    assert len(laid_out) < count or count in (2, 10)  # (10: a footer on the last five pages is one)


def test_the_module_codes_are_what_the_module_code_pattern_matches() -> None:
    import itertools

    from buyclean.core.readers.pdf.tables import _MODULE_CODE, _MODULE_CODES

    texts = ["".join(t) for n in range(1, 7) for t in itertools.product("ABCDE0123456789-*", repeat=min(n, 3))]
    texts += [f"{a}-{b}{star}" for a in ("A1", "A4", "B1", "C1", "C2") for b in ("A3", "A5", "B7", "C4", "C3")
              for star in ("", "*")]
    assert {t for t in texts if _MODULE_CODE.match(t)} == {t for t in texts if t in _MODULE_CODES}
    assert {t for t in texts if t in _MODULE_CODES} == set(_MODULE_CODES)


def test_a_cells_extent_is_kept_as_words_join_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # a cell's x0 and x1 are fields, kept as words are added to it (phrases_of, a name rejoined with its number):
    # after every table of generated plant EPDs is built, each cell's extent is still its first and last words'
    from buyclean.core.readers.pdf import tables

    seen: list[tables.Phrase] = []
    built = tables._table

    def watched(number, lines, phrases, block, taken_above):  # type: ignore[no-untyped-def]
        table = built(number, lines, phrases, block, taken_above)
        seen.extend(p for i in block for p in phrases[i])
        return table

    monkeypatch.setattr(tables, "_table", watched)
    for seed in range(6):
        read_pdf(pdfgen.family(seed).pdf())
    assert len(seen) > 500
    assert all(p.x0 == p.words[0].x0 and p.x1 == p.words[-1].x1 for p in seen)
    assert any(len(p.words) > 1 for p in seen)
