"""The certificate's scale of GWP against the tier limits: bands and markers as SVG, every label as an HTML line.

The web pages draw the same scale as one SVG (buyclean.core.charts). On the certificate the labels are HTML instead:
WeasyPrint lays out SVG text one glyph at a time (a Pango layout and a text object per character), which made
the chart's six labels cost more than the rest of the result box; as HTML each label is a single line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from buyclean.core.charts import BAND_COLOURS, FAIL_COLOUR

WIDTH, HEIGHT = 1000, 48  # SVG user units; stretched to the box, so x is a per-mille of the width
BAND_TOP, BAND_HEIGHT = 8, 28
FLIP_LEFT = 15.0  # per cent: a tick label right of a limit this close to 0 would leave the box, so it starts there
FLIP_RIGHT = 70.0  # per cent: the GWP label ends at its marker past this point rather than starting there


@dataclass(frozen=True)
class ScaleLabel:
    text: str
    style: str  # where the line sits: a padding in per cent of the scale's width, and its alignment


@dataclass(frozen=True)
class TierScale:
    ticks: tuple[ScaleLabel, ...]  # strictest limit first, each on its own line so close limits never overprint
    svg: str  # numbers and colours only: no text from the data
    gwp: ScaleLabel
    axis: tuple[tuple[float, str], ...] = ()  # (per cent of the width, number): the axis ticks under the bands


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def _at(percent: float, flip_at: float) -> str:
    if percent < flip_at:
        return f"padding-left: {percent:.1f}%"
    return f"text-align: right; padding-right: {100 - percent:.1f}%"


def axis_step(scale_max: float, most: int = 6) -> float:
    """Return a round step (1, 2, 2.5 or 5 times a power of ten) giving at most ``most`` intervals up to
    ``scale_max``."""
    magnitude = 10.0 ** math.floor(math.log10(max(scale_max, 1e-9) / most))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if scale_max / (factor * magnitude) <= most:
            return factor * magnitude
    return 10.0 * magnitude


def tier_scale(*, gwp: float, unit: str, limits: Sequence[tuple[str, float]]) -> TierScale:
    """Return the scale from 0 to 1.2x the loosest limit (or the GWP): tier bands, limit ticks and the GWP marker.

    ``limits`` are (label, limit) pairs in ``unit``, which only the GWP label repeats; the labels are returned as
    text for the template to escape.
    """
    ordered = sorted(limits, key=lambda pair: pair[1])
    scale_max = max([limit for _, limit in ordered] + [gwp, 1e-9]) * 1.2

    def percent(value: float) -> float:
        return 100 * min(max(value, 0.0), scale_max) / scale_max

    band_bottom = BAND_TOP + BAND_HEIGHT
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" preserveAspectRatio="none">',
             f'<rect y="{BAND_TOP}" width="{WIDTH}" height="{BAND_HEIGHT}" fill="{FAIL_COLOUR}"/>']
    ticks, start = [], 0.0
    for i, (label, limit) in enumerate(ordered):
        x0, x1 = percent(start) * WIDTH / 100, percent(limit) * WIDTH / 100
        parts.append(f'<rect x="{x0:.1f}" y="{BAND_TOP}" width="{max(x1 - x0, 0):.1f}" height="{BAND_HEIGHT}" '
                     f'fill="{BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)]}"/>')
        parts.append(f'<path d="M{x1:.1f} 0V{band_bottom}" stroke="#333" stroke-width="2"/>')
        ticks.append(ScaleLabel(f"{label} ≤ {_fmt(limit)}", _at(percent(limit), FLIP_LEFT)))
        start = limit
    step = axis_step(scale_max)
    axis = []
    for i in range(int(scale_max / step) + 1):
        value = i * step
        x = percent(value) * WIDTH / 100
        parts.append(f'<path d="M{x:.1f} {band_bottom}V{band_bottom + 4}" stroke="#5b6670" stroke-width="1.5"/>')
        axis.append((percent(value), _fmt(value)))
    gx = percent(gwp) * WIDTH / 100
    parts.append(f'<path d="M{gx:.1f} {BAND_TOP - 5}V{band_bottom + 4}" stroke="#000" stroke-width="5"/>'
                 f'<path d="M{gx - 9:.1f} {HEIGHT}H{gx + 9:.1f}L{gx:.1f} {band_bottom + 2}Z"/></svg>')
    return TierScale(ticks=tuple(ticks), svg="".join(parts),
                     gwp=ScaleLabel(f"GWP {_fmt(gwp)} {unit}", _at(percent(gwp), FLIP_RIGHT)), axis=tuple(axis))
