"""WeasyPrint backend for devgen_h: web-tool (EC3 / Smart EPD / One Click LCA-like) and program-report styles."""

from __future__ import annotations

import html

from .blocks import KV, Heading, Headline, PageBreak, Pair, Para, Table

_FONT_CONFIG = None


def font_config():
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def e(s: str) -> str:
    return html.escape(s).replace("\n", "<br>")


CSS = """
@page { size: %(size)s; margin: %(margin)s;
  @top-left { content: "%(header)s"; font-size: 7.5pt; color: #555; }
  @bottom-right { content: "%(footer)s"; font-size: 7.5pt; color: #555; } }
body { font-family: %(family)s; font-size: %(fs)spt; line-height: 1.3; color: #222; }
h1 { font-size: 17pt; color: %(accent)s; margin: 4pt 0 6pt 0; }
h2 { font-size: 11.5pt; color: %(accent)s; margin: 10pt 0 4pt 0; %(h2extra)s }
p { margin: 3pt 0 5pt 0; }
p.small { font-size: 0.85em; }
table { border-collapse: collapse; width: 100%%; margin: 4pt 0 8pt 0; }
td, th { padding: 2pt 3pt; vertical-align: top; }
table.data th { background: %(headbg)s; color: %(headfg)s; font-weight: bold; text-align: center;
  border: %(border)s; }
table.data td { border: %(border)s; }
table.data tr:nth-child(even) td { background: %(stripe)s; }
table.data.small { font-size: 0.86em; }
td.r { text-align: right; } td.c { text-align: center; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 3pt; }
table.kv td.k { font-weight: bold; width: 34%%; color: #333; border-bottom: 0.5pt solid #ccc; }
table.kv td.v { border-bottom: 0.5pt solid #ccc; }
div.pair { display: flex; gap: 12pt; } div.pair > div { flex: 1; }
div.headline { border: 1.5pt solid %(accent)s; border-radius: 6pt; padding: 8pt 12pt; width: 55%%;
  background: #f2f6f9; margin: 6pt 0 10pt 0; }
div.headline .big { font-size: 22pt; font-weight: bold; color: %(accent)s; }
div.note { font-size: 0.8em; color: #444; }
tr { break-inside: avoid; }
"""


def render_html(r, blocks, style: str, header: str, footer: str, accent) -> tuple[bytes, dict[int, int], int]:
    from weasyprint import HTML

    acc = "#{:02x}{:02x}{:02x}".format(*tuple(int(c * 255) for c in accent))
    webtool = style == "webtool"
    params = {
        "size": r.choice(["letter", "letter", "letter landscape"]) if webtool else "letter",
        "margin": r.choice(["16mm", "20mm", "0.75in"]),
        "header": header.replace('"', "'"),
        "footer": footer.replace("{p}", '" counter(page) "').replace("{n}", '" counter(pages) "'),
        "family": "'DejaVu Sans'" if webtool else r.choice(["'DejaVu Serif'", "'DejaVu Sans'"]),
        "fs": r.choice([8, 8.5, 9]) if webtool else r.choice([9, 9.5, 10]),
        "accent": acc,
        "h2extra": f"border-bottom: 1pt solid {acc};" if not webtool else "",
        "headbg": acc if webtool else "#e6e6e6",
        "headfg": "#fff" if webtool else "#000",
        "border": "0.5pt solid #bbb" if webtool else r.choice(["0.6pt solid #333", "0.4pt solid #888"]),
        "stripe": "#f3f6f8" if webtool else "#fff",
    }
    ids: dict[str, int] = {}
    parts: list[str] = []

    def mark_id(m):
        if m is None:
            return ""
        k = f"m{len(ids)}"
        ids[k] = m
        return f' id="{k}"'

    def table_html(t: Table) -> str:
        cls = "data small" if t.small else "data"
        h = [f'<table class="{cls}">']
        if t.caption:
            h.append(f"<caption>{e(t.caption)}</caption>")
        rows_head = []
        for row in t.head:
            rows_head.append(
                "<tr>"
                + "".join(
                    f'<th colspan="{c.span}">{e(c.text)}</th>' if c.span > 1 else f"<th>{e(c.text)}</th>" for c in row
                )
                + "</tr>"
            )
        tot = sum(t.widths)
        h.append("<colgroup>" + "".join(f'<col style="width:{w / tot * 100:.1f}%">' for w in t.widths) + "</colgroup>")
        if t.repeat_head:
            h.append("<thead>" + "".join(rows_head) + "</thead><tbody>")
        else:
            h.append("<tbody>" + "".join(rows_head))
        for row in t.rows:
            cells = []
            for c in row:
                cl = {"r": ' class="r"', "c": ' class="c"'}.get(c.align, "")
                txt = f"<b>{e(c.text)}</b>" if c.bold else e(c.text)
                span = f' colspan="{c.span}"' if c.span > 1 else ""
                cells.append(f"<td{cl}{span}{mark_id(c.mark)}>{txt}</td>")
            h.append("<tr>" + "".join(cells) + "</tr>")
        h.append("</tbody></table>")
        for n in t.notes:
            h.append(f'<div class="note">{e(n)}</div>')
        return "".join(h)

    for b in blocks:
        if isinstance(b, Heading):
            parts.append(f"<h{1 if b.level == 1 else 2}>{e(b.text)}</h{1 if b.level == 1 else 2}>")
        elif isinstance(b, Para):
            cls = ' class="small"' if b.small else ""
            txt = f"<i>{e(b.text)}</i>" if b.italic else e(b.text)
            parts.append(f"<p{cls}{mark_id(b.mark)}>{txt}</p>")
        elif isinstance(b, KV):
            if b.style == "colon":
                parts.append("".join(f"<p><b>{e(k)}:</b> {e(v)}</p>" for k, v in b.pairs))
            else:
                parts.append(
                    '<table class="kv">'
                    + "".join(f'<tr><td class="k">{e(k)}</td><td class="v">{e(v)}</td></tr>' for k, v in b.pairs)
                    + "</table>"
                )
        elif isinstance(b, Table):
            parts.append(table_html(b))
        elif isinstance(b, Pair):
            parts.append(f'<div class="pair"><div>{table_html(b.left)}</div><div>{table_html(b.right)}</div></div>')
        elif isinstance(b, Headline):
            parts.append(
                f'<div class="headline"><div>{e(b.small)}</div><div class="big"{mark_id(b.mark)}>{e(b.big)}</div></div>'
            )
        elif isinstance(b, PageBreak):
            parts.append('<div style="break-before: page"></div>')
    doc = f"<html><head><style>{CSS % params}</style></head><body>{''.join(parts)}</body></html>"
    rendered = HTML(string=doc).render(font_config=font_config())
    marks: dict[int, int] = {}
    for pi, page in enumerate(rendered.pages, 1):
        for k in page.anchors:
            if k in ids:
                marks.setdefault(ids[k], pi)
    return rendered.write_pdf(), marks, len(rendered.pages)
