"""The tier chart: a pure SVG function with escaped text, a scale that fits the limits and the GWP."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from buyclean.core.charts import LEFT, RIGHT, WIDTH, tier_chart

SVG = "{http://www.w3.org/2000/svg}"
LIMITS = [("Top 20%", 284.0), ("Top 40%", 316.0), ("Below average", 360.0)]


def marker_x(svg: str) -> float:
    root = ET.fromstring(svg)
    line = root.find(f"{SVG}g/{SVG}line")
    assert line is not None
    return float(line.attrib["x1"])


def test_the_chart_is_well_formed_and_accessible() -> None:
    svg = tier_chart(gwp=274.7, unit="kgCO2e/m3", limits=LIMITS, title="gsa-ira-lec row concrete-4000")
    root = ET.fromstring(svg)
    assert root.attrib["role"] == "img"
    assert "GWP 275 kgCO2e/m3" in root.attrib["aria-label"]
    title = root.find(f"{SVG}title")
    assert title is not None and title.text and "Top 20% 284" in title.text
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Top 20% ≤ 284", "Top 40% ≤ 316", "Below average ≤ 360"} <= set(texts)


def test_the_scale_runs_to_1_2_times_the_loosest_limit() -> None:
    span = WIDTH - LEFT - RIGHT
    at_limit = marker_x(tier_chart(gwp=360.0, unit="u", limits=LIMITS, title="t"))
    assert abs(at_limit - (LEFT + span / 1.2)) < 0.1


def test_a_gwp_above_every_limit_stretches_the_scale() -> None:
    svg = tier_chart(gwp=720.0, unit="u", limits=LIMITS, title="t")
    assert abs(marker_x(svg) - (LEFT + (WIDTH - LEFT - RIGHT) / 1.2)) < 0.1


def test_markup_in_labels_and_titles_is_escaped() -> None:
    svg = tier_chart(gwp=10.0, unit="kg<b>", limits=[("<script>alert(1)</script>", 20.0)], title='"><img src=x>')
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg
    ET.fromstring(svg)


def test_an_unknown_gwp_draws_no_marker() -> None:
    svg = tier_chart(gwp=None, unit="u", limits=LIMITS, title="t")
    assert "gwp-marker" not in svg
    assert "GWP not known" in svg


def test_bands_are_drawn_strictest_first_whatever_the_order_given() -> None:
    svg = tier_chart(gwp=1.0, unit="u", limits=list(reversed(LIMITS)), title="t")
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="\d+" fill="#',
                                           svg)][1:]
    assert len(widths) == 3 and all(w > 0 for w in widths)
