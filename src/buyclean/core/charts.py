"""Server-drawn inline SVG charts: where a product's GWP sits against a rule row's tier limits."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 560
LEFT, RIGHT = 12, 12
BAND_HEIGHT = 24
LABEL_ROW = 12  # each tier's label gets its own row above the band: close limits never overprint
# Tier bands from the strictest (darkest green) outwards; past the loosest limit is the failing zone.
BAND_COLOURS = ("#1b7f3b", "#4fa463", "#8cc79a", "#c2e0c8", "#dcefe0")
FAIL_COLOUR = "#f3c7c2"


def _nice(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def tier_chart(*, gwp: float | None, unit: str, limits: Sequence[tuple[str, float]], title: str) -> str:
    """Return an SVG scale from 0 to 1.2x the loosest limit (or the GWP) with tier bands and a GWP marker.

    ``limits`` are (label, limit) pairs, strictest first, in ``unit``; every text is escaped.
    """
    ordered = sorted(limits, key=lambda pair: pair[1])
    top = max([limit for _, limit in ordered] + ([gwp] if gwp is not None else []) + [1e-9])
    scale_max = top * 1.2
    span = WIDTH - LEFT - RIGHT
    band_top = 6 + LABEL_ROW * max(len(ordered), 1)
    height = band_top + BAND_HEIGHT + 32

    def x(value: float) -> float:
        return LEFT + span * min(max(value, 0.0), scale_max) / scale_max

    where = "GWP not known" if gwp is None else f"GWP {_nice(gwp)} {unit}"
    summary = f"{title}: {where}; limits " + ", ".join(f"{label} {_nice(limit)}" for label, limit in ordered)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tier-chart" viewBox="0 0 {WIDTH} {height}" '
             f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(summary)}">',
             f"<title>{escape(summary)}</title>",
             f'<rect x="{LEFT}" y="{band_top}" width="{span}" height="{BAND_HEIGHT}" fill="{FAIL_COLOUR}"/>']
    start = 0.0
    for i, (label, limit) in enumerate(ordered):
        colour = BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)]
        x0, x1 = x(start), x(limit)
        parts.append(f'<rect x="{x0:.1f}" y="{band_top}" width="{max(x1 - x0, 0):.1f}" height="{BAND_HEIGHT}" '
                     f'fill="{colour}"><title>{escape(label)}: up to {_nice(limit)} {escape(unit)}</title></rect>')
        parts.append(f'<line x1="{x1:.1f}" y1="{band_top - 4}" x2="{x1:.1f}" y2="{band_top + BAND_HEIGHT}" '
                     'stroke="#333" stroke-width="1"/>')
        # the loosest limit's label sits lowest, next to the band; stricter ones stack above it
        y = band_top - 4 - LABEL_ROW * (len(ordered) - 1 - i)
        anchor = "start" if x1 < LEFT + 80 else "end"
        parts.append(f'<line x1="{x1:.1f}" y1="{y + 2}" x2="{x1:.1f}" y2="{band_top}" stroke="#999" '
                     'stroke-width="0.5" stroke-dasharray="2,2"/>')
        parts.append(f'<text x="{x1 + (2 if anchor == "start" else -2):.1f}" y="{y}" font-size="10" '
                     f'text-anchor="{anchor}" fill="#222">{escape(label)} ≤ {_nice(limit)}</text>')
        start = limit
    parts.append(f'<text x="{LEFT}" y="{band_top + BAND_HEIGHT + 14}" font-size="10" fill="#555">0</text>')
    parts.append(f'<text x="{WIDTH - RIGHT}" y="{band_top + BAND_HEIGHT + 14}" font-size="10" text-anchor="end" '
                 f'fill="#555">{escape(unit)}</text>')
    if gwp is not None:
        gx = x(gwp)
        marker_anchor = "end" if gx > WIDTH * 0.7 else "start"
        dx = -4 if marker_anchor == "end" else 4
        parts.append(f'<g class="gwp-marker"><line x1="{gx:.1f}" y1="{band_top - 2}" x2="{gx:.1f}" '
                     f'y2="{band_top + BAND_HEIGHT + 4}" stroke="#000" stroke-width="3"/>'
                     f'<polygon points="{gx - 5:.1f},{band_top + BAND_HEIGHT + 12} {gx + 5:.1f},'
                     f'{band_top + BAND_HEIGHT + 12} {gx:.1f},{band_top + BAND_HEIGHT + 4}" fill="#000"/>'
                     f'<text x="{gx + dx:.1f}" y="{band_top + BAND_HEIGHT + 26}" font-size="11" font-weight="bold" '
                     f'text-anchor="{marker_anchor}">{escape(where)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
