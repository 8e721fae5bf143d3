"""Draw blocks as HTML and typeset them with WeasyPrint; report the page each marked cell lands on."""

from __future__ import annotations

import html
import random

from .blocks import Block, Cell, Cover, Heading, KeyValues, PageBreak, Para, Table, collapse_breaks

_FONT_CONFIG = None


def _fonts():  # type: ignore[no-untyped-def]
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _cell(cell: Cell, tag: str) -> str:
    attrs = []
    if cell.span > 1:
        attrs.append(f'colspan="{cell.span}"')
    if cell.mark:
        attrs.append(f'id="{cell.mark}"')
    cls = [{"R": "r", "C": "c"}.get(cell.align, "")] + (["b"] if cell.bold else []) + (["sh"] if cell.shade else [])
    attrs.append(f'class="{" ".join(c for c in cls if c)}"')
    return f"<{tag} {' '.join(attrs)}>{_e(cell.text)}</{tag}>"


def _table(table: Table) -> str:
    total = sum(table.widths)
    cols = "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in table.widths)
    head = "".join("<tr>" + "".join(_cell(c, "th") for c in row) + "</tr>" for row in table.head)
    body = "".join("<tr>" + "".join(_cell(c, "td") for c in row) + "</tr>" for row in table.rows)
    out = f'<table style="font-size:{table.font_scale * 100:.0f}%"><colgroup>{cols}</colgroup>'
    if table.caption:
        out += f"<caption>{_e(table.caption)}</caption>"
    # a head that does not repeat is a head in the body: it stays on the first page only
    out += (f"<thead>{head}</thead><tbody>{body}</tbody>" if table.repeat_head else f"<tbody>{head}{body}</tbody>")
    out += "</table>"
    if table.note:
        out += f'<p class="note">{_e(table.note)}</p>'
    return out


def to_html(blocks: list[Block], rng: random.Random, header: str) -> tuple[str, str]:
    family = rng.choice(["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Condensed"])
    size = rng.choice([8.5, 9, 9.5, 10])
    accent = rng.choice(["#1f5c99", "#2e7d32", "#8a1c1c", "#444444", "#00607a"])
    parts: list[str] = []
    section_open = False
    for block in blocks:
        if isinstance(block, PageBreak):
            if section_open:
                parts.append("</section>")
            parts.append(f'<section class="{"land" if block.landscape else "port"}">')
            section_open = True
        elif isinstance(block, Cover):
            boxes = "".join(f'<div class="box"><div class="lab">{_e(k)}</div><div class="val">{_e(v)}</div></div>'
                            for k, v in block.boxes)
            parts.append(f'<div class="cover"><div class="band"><div class="kicker">Environmental Product '
                         f'Declaration</div><h1>{_e(block.title)}</h1><div class="sub">{_e(block.subtitle)}</div>'
                         f'</div><div class="holder">{_e(block.holder)}</div><div class="boxes">{boxes}</div>'
                         f'<div class="badge">{_e(block.badge)}</div></div>')
        elif isinstance(block, Heading):
            parts.append(f"<h{block.level + 1}>{_e(block.text)}</h{block.level + 1}>")
        elif isinstance(block, Para):
            cls = ("two " if block.columns == 2 else "") + ("small" if block.small else "")
            parts.append(f'<p class="{cls}">{_e(block.text)}</p>')
        elif isinstance(block, KeyValues):
            rows = "".join(f'<tr><th style="width:{block.label_width * 100:.0f}%">{_e(k)}</th><td>{_e(v)}</td></tr>'
                           for k, v in block.pairs)
            parts.append(f'<table class="kv{" boxed" if block.boxed else ""}">{rows}</table>')
        elif isinstance(block, Table):
            parts.append(_table(block))
    if section_open:
        parts.append("</section>")
    css = f"""
    @page {{ size: letter; margin: 0.75in 0.6in 0.7in 0.6in;
      @top-right {{ content: "{_e(header)}"; font-size: 7.5pt; color: #666; }}
      @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 7.5pt; }} }}
    @page land {{ size: letter landscape; }}
    section.land {{ page: land; }}
    section {{ break-before: page; }}
    body {{ font-family: "{family}"; font-size: {size}pt; color: #222; }}
    h2 {{ color: {accent}; font-size: 150%; margin: 0.6em 0 0.3em; }}
    h3 {{ color: {accent}; font-size: 120%; margin: 0.8em 0 0.3em; break-after: avoid; }}
    p.two {{ column-count: 2; column-gap: 1.5em; }}
    p.small, p.note {{ font-size: 80%; color: #444; }}
    table {{ width: 100%; border-collapse: collapse; margin: 0.4em 0 0.8em; table-layout: fixed; }}
    caption {{ caption-side: top; text-align: left; font-weight: bold; padding-bottom: 3pt; }}
    th, td {{ border: 0.5pt solid #999; padding: 2pt 3pt; vertical-align: top; }}
    th {{ background: #e8eef4; font-weight: bold; }}
    .r {{ text-align: right; }} .c {{ text-align: center; }} .b {{ font-weight: bold; }}
    td.sh {{ background: #f1f1f1; }}
    table.kv th {{ background: none; text-align: left; font-weight: bold; }}
    table.kv:not(.boxed) th, table.kv:not(.boxed) td {{ border: none; border-bottom: 0.3pt solid #ccc; }}
    .cover {{ break-after: page; }}
    .band {{ background: {accent}; color: white; padding: 24pt 18pt; }}
    .band h1 {{ font-size: 26pt; margin: 4pt 0; }} .kicker {{ font-size: 11pt; letter-spacing: 1pt; }}
    .sub {{ font-size: 12pt; }} .holder {{ font-size: 16pt; font-weight: bold; margin: 16pt 0 10pt; }}
    .boxes {{ display: flex; flex-wrap: wrap; gap: 6pt; }}
    .box {{ border: 1pt solid {accent}; width: 46%; padding: 5pt 7pt; }}
    .lab {{ font-size: 75%; text-transform: uppercase; color: {accent}; }} .val {{ font-size: 95%; }}
    .badge {{ margin-top: 24pt; border: 2pt solid {accent}; display: inline-block; padding: 8pt; font-weight: bold;
      color: {accent}; }}
    """
    body = "".join(parts)
    return (f'<html><head><meta charset="utf-8"><title>{_e(header)}</title>'
            f'<meta name="dcterms.created" content="2025-01-01T00:00:00Z">'
            f'<meta name="dcterms.modified" content="2025-01-01T00:00:00Z">'
            f"<style>{css}</style></head><body>{body}</body></html>"), family


def render(blocks: list[Block], rng: random.Random, header: str) -> tuple[bytes, dict[str, int], int, str]:
    """The PDF, the 1-based page of every marked cell, the page count, and the font used."""
    blocks = collapse_breaks(blocks)
    from weasyprint import HTML

    source, family = to_html(blocks, rng, header)
    document = HTML(string=source).render(font_config=_fonts())
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    pdf = document.write_pdf()
    return pdf, pages, len(document.pages), family
