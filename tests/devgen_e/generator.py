"""Synthetic North American EPD PDFs rendered with WeasyPrint (see the package docstring for the
independence rule). ``generate(seed)`` is deterministic per seed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import random
import re
from dataclasses import dataclass, field
from typing import Any

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

_FONT_CONFIG: FontConfiguration | None = None

YD3_PER_M3 = 0.764555
SHORT_TON = 0.907185
PSI_PER_MPA = 145.038


def _fc() -> FontConfiguration:
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


@dataclass
class Doc:
    pdf: bytes
    expected: dict[str, Any]
    html: str = field(default="", repr=False)


# ----------------------------------------------------------------------------- numbers
def fmt_num(value: float, style: str) -> str:
    """Format a number in one of the North American print styles."""
    if style == "int":
        return f"{value:.0f}"
    if style == "int_comma":
        return f"{value:,.0f}"
    if style == "d1":
        return f"{value:.1f}"
    if style == "d1_comma":
        return f"{value:,.1f}"
    if style == "d2":
        return f"{value:.2f}"
    if style == "sig3":
        s = f"{value:.3g}"
        if "e" in s:
            s = f"{value:.0f}"
        return s
    if style == "sci":
        return f"{value:.2E}"
    if style == "sci3":
        return f"{value:.3E}"
    if style == "sci_comma":
        return f"{value:.2E}".replace(".", ",")
    if style == "x10":
        m, e = f"{value:.2e}".split("e")
        return f"{m}x10{int(e)}"
    raise ValueError(style)


def parse_num(s: str) -> float:
    s = s.strip()
    m = re.fullmatch(r"(-?\d+(?:[.,]\d+)?)x10(-?\d+)", s)
    if m:
        return round(float(m.group(1).replace(",", ".")) * 10 ** int(m.group(2)), 10)
    if "E" in s.upper():
        mant, exp = re.split(r"[Ee]", s)
        return round(float(mant.replace(",", ".")) * 10 ** int(exp), 10)
    return float(s.replace(",", ""))


def num_html(s: str) -> str:
    """HTML for a printed number; the x10 form prints its exponent as a superscript."""
    m = re.fullmatch(r"(-?\d+(?:[.,]\d+)?)x10(-?\d+)", s)
    if m:
        return f"{m.group(1)}x10<sup>{m.group(2)}</sup>"
    return html.escape(s)


# ----------------------------------------------------------------------------- dates
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _ordinal(d: int) -> str:
    if 11 <= d % 100 <= 13:
        return f"{d}th"
    return f"{d}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def fmt_date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "ordinal":
        return f"{MONTHS[d.month - 1]} {_ordinal(d.day)}, {d.year}"
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmy_long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "ordinal_dot":
        return f"{MONTHS[d.month - 1]} {_ordinal(d.day)} . {d.year}"
    if style == "abbr":
        return f"{MONTHS[d.month - 1][:3]}. {d.day}, {d.year}"
    raise ValueError(style)


DATE_STYLES = ["long", "ordinal", "us", "iso", "dmy_long", "abbr", "ordinal_dot"]


def date_variants(iso: str) -> list[str]:
    d = dt.date.fromisoformat(iso)
    return [fmt_date(d, s) for s in DATE_STYLES]


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


# ----------------------------------------------------------------------------- vocab
STREETS = ["Industrial Blvd", "Quarry Rd", "River Rd", "Mill St", "Commerce Dr", "Harbor Way", "Rail Spur Ln",
           "County Road 12", "Cement Plant Rd", "Foundry Ave", "Gravel Pit Rd", "Lakeshore Dr"]
CITIES = [("Fresno", "CA", "93725"), ("Dayton", "OH", "45404"), ("Boise", "ID", "83716"), ("Tulsa", "OK", "74107"),
          ("Macon", "GA", "31206"), ("Joliet", "IL", "60436"), ("Spokane", "WA", "99202"), ("Durham", "NC", "27703"),
          ("Pueblo", "CO", "81001"), ("Albany", "NY", "12205"), ("Lansing", "MI", "48906"), ("Austin", "TX", "78744"),
          ("Hamilton", "ON", "L8L 4Y5"), ("Fargo", "ND", "58102"), ("Reno", "NV", "89502")]
NAME_A = ["Granite Ridge", "Tri-County", "Blue Heron", "Red Mesa", "Lakeshore", "Prairie", "Cascade", "Summit",
          "Ironwood", "Keystone", "Pioneer", "Bayview", "Northstar", "Silver Creek", "Old Mill", "Frontier"]
PEOPLE = ["Dana Whitfield", "Jorge Alvarez, P.E.", "Priya Raman, Ph.D.", "Thomas Keller", "Megan O'Rourke",
          "Samuel Osei, LCACP", "Linh Tran", "Robert Kowalski, Ph.D."]

OPERATORS = {
    "NSF": ("NSF International", lambda r: f"EPD{r.randint(10000, 11999)}",
            "789 N. Dixboro Road, Ann Arbor, MI 48105"),
    "ASTM": ("ASTM International", lambda r: f"EPD {r.randint(100, 899)}",
             "100 Barr Harbor Drive, West Conshohocken, PA 19428"),
    "UL": ("UL Environment", lambda r: f"{r.randint(4780000000, 4799999999)}.{r.randint(101, 199)}.1",
           "333 Pfingsten Road, Northbrook, IL 60062"),
    "SCS": ("SCS Global Services", lambda r: f"SCS-EPD-{r.randint(4000, 11999):05d}",
            "2000 Powell Street, Ste. 600, Emeryville, CA 94608"),
    "NRMCA": ("NRMCA", lambda r: f"NRMCA-{r.randint(2020, 2025)}-{r.randint(100, 9999):04d}",
              "66 Canal Center Plaza, Suite 250, Alexandria, VA 22314"),
    "CSA": ("CSA Group", lambda r: f"EPD {r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
            "178 Rexdale Blvd., Toronto, ON M9W 1R3"),
    "SMART": ("Smart EPD", lambda r: f"EPD-SM-{r.randint(2022, 2025)}{r.randint(1, 999):03d}",
              "smartepd.com"),
    "HUB": ("EPD Hub", lambda r: f"HUB-{r.randint(100, 4999):04d}", "epdhub.com"),
    "ICC": ("ICC-ES", lambda r: f"ICC-EPD-{r.randint(10, 999):03d}", "3060 Saturn Street, Suite 100, Brea, CA 92821"),
    "NAPA": ("NAPA Emerald Eco-Label", lambda r: f"EL-{r.randint(1000, 9999)}-{r.randint(10, 99)}",
             "6406 Ivy Lane, Suite 350, Greenbelt, MD 20770"),
}
MAT_OPS = {
    "concrete": ["NSF", "NSF", "NRMCA", "SMART", "ASTM", "CSA", "UL", "HUB", "ICC"],
    "steel": ["SCS", "UL", "ASTM", "SMART", "HUB"],
    "asphalt": ["NAPA", "NAPA", "NAPA", "SMART", "ASTM"],
    "flat_glass": ["UL", "SCS", "NSF", "ASTM"],
    "cement": ["NSF", "ASTM", "CSA", "UL"],
}
PCRS = {
    "concrete": ["NSF PCR for Concrete, v2.1 (August 2021)",
                 "Product Category Rules for Concrete, NSF International, Version 2.1, August 2021",
                 "NSF International PCR for Concrete, V3.0 (2025)",
                 "ISO 21930:2017 and NSF PCR for Concrete v2.1"],
    "steel": ["PCR for Designated Steel Construction Products, SCS Global Services, v2.0 (2020)",
              "UL Environment PCR Part B: Designated Steel Construction Product EPD Requirements, v2.0",
              "PCR Guidance for Building-Related Products and Services Part B: Designated Steel Construction "
              "Product EPD Requirements, UL 10010-34, Version 2.0"],
    "asphalt": ["NAPA PCR for Asphalt Mixtures, v2.0 (2022)",
                "Product Category Rules for Asphalt Mixtures, NAPA, Version 1.0, 2017"],
    "flat_glass": ["NSF PCR for Flat Glass: UN CPC 3711, v2.0 (2020)",
                   "PCR for Flat Glass Products, UL Environment, v1.0"],
    "cement": ["NSF PCR for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic (Stucco) Cements, v3.2",
               "PCR for Portland, Blended Hydraulic Cements, NSF International, V3.1 (2023)"],
}
EPD_TYPE_LABELS = {
    "product_specific": ["Product-specific", "Product specific", "Product-Specific Type III"],
    "facility_specific": ["Facility-specific", "Plant-specific", "Product-specific, facility-specific"],
    "company_average": ["Company average (multiple facilities)", "Manufacturer-average"],
    "industry_average": ["Industry-wide", "Industry average", "Sector EPD (industry-wide)"],
    "product_group_average": ["Product group average", "Average of a product group"],
}

OTHER_IND = [("ODP", "kg CFC-11 eq", 1e-8, 1e-5), ("AP", "kg SO2 eq", 0.2, 3.0), ("EP", "kg N eq", 0.05, 0.8),
             ("SFP", "kg O3 eq", 5.0, 60.0), ("PENRT", "MJ", 500.0, 4000.0)]


# ----------------------------------------------------------------------------- products
def _prod_base(name: str, material: str) -> dict[str, Any]:
    return {"name": name, "material": material, "strength_psi": None, "strength_age_days": None,
            "lightweight": False, "high_early_strength": False, "steel_product": None, "fabricated": None,
            "route": None, "glass_processed": None, "description": None}


def _concrete_products(r: random.Random, n: int, strength_mode: str) -> list[dict[str, Any]]:
    out = []
    used: set[str] = set()
    for _ in range(n):
        kind = r.choices(["normal", "he", "lw", "scc", "flow"], [70, 8, 8, 8, 6])[0]
        age = r.choice([28, 28, 28, 56, 90]) if kind == "normal" else 28
        psi_choices = [2500, 3000, 3500, 4000, 4500, 5000, 6000, 7000, 8000]
        mpa_choices = [17, 20, 25, 28, 30, 32, 35, 40, 45, 50]
        scm = r.choice([0, 15, 20, 25, 30, 40, 50])
        scm_kind = r.choice(["FA", "SL"]) if scm else ""
        p = _prod_base("", "concrete")
        if kind == "flow":
            psi = None
            base = r.uniform(110, 190)
        else:
            psi = r.choice(psi_choices)
            if strength_mode == "mpa":
                mpa = r.choice(mpa_choices)
                p["strength_mpa"] = mpa
                psi = mpa * PSI_PER_MPA
            base = 120 + psi * 0.045 * (1 - scm / 160) + r.uniform(-20, 25)
        if kind == "lw":
            base *= r.uniform(1.2, 1.45)
        if kind == "he":
            base *= r.uniform(1.1, 1.3)
        p["gwp_m3"] = max(150.0, min(600.0, base))
        agg = r.choice(['3/4"', '1"', '3/8"', '1-1/2"'])
        if kind == "flow":
            words = [r.choice(["FLOWABLE FILL", "CDF"]), r.choice(["EXCAVATABLE", "CLSM", "NON-EXCAVATABLE"])]
        else:
            words = [f"{p['strength_mpa']} MPA"] if "strength_mpa" in p else [f"{psi} PSI"]
            words.append(agg)
            if kind == "he":
                words.append("HE")
            if kind == "lw":
                words.append("LW")
            if kind == "scc":
                words.append("SCC")
            words.append(r.choice(["PUMP", "STRUCTURAL", "PAVING", "FOOTING", "SLAB", "WALL", ""]))
            if scm:
                words.append(f"{scm}% {scm_kind}")
            if age != 28:
                words.append(f"{age}-DAY")
        desc = " ".join(w for w in words if w)
        while True:
            mid = r.choice([f"{r.randint(1, 9)}{r.randint(100, 999)}", f"{r.choice('ABCDRSTX')}{r.randint(20, 99)}-"
                            f"{r.randint(10, 99)}", f"{r.randint(10, 99)}{r.choice('ABCLPS')}{r.randint(10, 99)}"])
            if mid not in used:
                used.add(mid)
                break
        p["mix_id"] = mid
        p["desc"] = desc
        p["kind"] = kind
        if psi is not None:
            p["strength_psi"] = round(psi, 6)
            p["strength_age_days"] = age
        p["lightweight"] = kind == "lw"
        p["high_early_strength"] = kind == "he"
        if kind == "he":
            p["early"] = (r.choice([1, 3, 7]), r.choice([1500, 2000, 2500, 3000]))
        p["scm"] = scm
        p["cem_lb"] = r.randint(420, 800) if kind != "flow" else r.randint(50, 150)
        out.append(p)
    return out


STEEL_KINDS = {
    "rebar": ("Concrete reinforcing bar (rebar), ASTM A615 Grade 60", (700, 1000), ["eaf"]),
    "merchant_bar": ("Merchant bar quality (MBQ) rounds, flats and angles", (650, 1000), ["eaf"]),
    "hot_rolled": ("Wide-flange structural sections, ASTM A992", (700, 1200), ["eaf"]),
    "plate": ("Hot-rolled steel plate, ASTM A572 Grade 50", (800, 1300), ["eaf", "integrated"]),
    "hss": ("Hollow structural sections (HSS), ASTM A500 Grade C", (1300, 1700), ["eaf", "integrated"]),
    "sheet": ("Hot-dip galvanized steel sheet", (900, 1400), ["eaf", "integrated"]),
    "cold_formed": ("Cold-formed steel studs and track (framing)", (2200, 2700), ["integrated", "eaf"]),
}


def _steel_products(r: random.Random, n: int) -> list[dict[str, Any]]:
    kinds = r.sample(list(STEEL_KINDS), n)
    route_all = r.choice(["eaf", "eaf", "integrated"])
    out = []
    for k in kinds:
        label, (lo, hi), routes = STEEL_KINDS[k]
        route = route_all if route_all in routes else routes[0]
        v = r.uniform(lo, hi)
        if route == "integrated":
            v = r.uniform(1800, 2500) if k != "cold_formed" else r.uniform(2300, 2800)
            if k == "hss":
                v = r.uniform(2200, 2700)
        fab = k in ("rebar", "hot_rolled") and r.random() < 0.3
        if fab:
            v += r.uniform(60, 250)
        p = _prod_base(label.split(",")[0] if r.random() < 0.5 else label, "steel")
        if fab:
            p["name"] = "Fabricated " + p["name"][0].lower() + p["name"][1:]
        p.update(steel_product=k, fabricated=fab, route=route, gwp_t=v)
        p["desc"] = None
        out.append(p)
    return out


def _asphalt_products(r: random.Random, n: int) -> list[dict[str, Any]]:
    out = []
    used = set()
    for _ in range(n):
        nmas = r.choice(["9.5 mm", "12.5 mm", "19.0 mm", "25.0 mm"])
        use = r.choice(["Surface", "Intermediate", "Base"])
        pg = r.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64-28"])
        rap = r.choice([0, 10, 15, 20, 25, 30, 35])
        wma = r.random() < 0.4
        name = f"{nmas} Superpave {use}"
        while name in used:
            name += " " + r.choice(["A", "B", "C", "II"])
        used.add(name)
        bits = [pg, f"{rap}% RAP" if rap else "no RAP"]
        if wma:
            bits.append(r.choice(["WMA (foamed)", "WMA (chemical additive)", "warm-mix"]))
        p = _prod_base(name, "asphalt")
        p["desc"] = ", ".join(bits)
        p["gwp_st"] = r.uniform(40, 120) * (1 - rap / 250) * (0.92 if wma else 1.0)
        out.append(p)
    return out


def _glass_products(r: random.Random, n: int) -> list[dict[str, Any]]:
    opts = [("Clear float glass", False), ("Low-iron float glass", False), ("Tinted float glass", False),
            ("Tempered glass", True), ("Laminated glass", True), ("Low-E coated glass", True),
            ("Insulating glass unit (IGU)", True)]
    out = []
    for name, processed in r.sample(opts, n):
        th = r.choice([3, 4, 5, 6, 8, 10, 12])
        p = _prod_base(f"{name}, {th} mm", "flat_glass")
        p["glass_processed"] = processed
        per_t = r.uniform(1100, 1500) * (1.25 if processed else 1.0)
        p["mass_m2"] = th * 2.5
        p["gwp_t"] = per_t
        p["gwp_m2"] = per_t * p["mass_m2"] / 1000
        p["desc"] = f"{th} mm nominal thickness, {p['mass_m2']:.1f} kg/m2"
        out.append(p)
    return out


def _cement_products(r: random.Random, n: int) -> list[dict[str, Any]]:
    opts = ["Portland-limestone cement (Type IL)", "Portland cement Type I/II", "Portland cement Type III",
            "Blended hydraulic cement Type IS(25)", "Masonry cement Type N"]
    out = []
    for name in r.sample(opts, n):
        p = _prod_base(name, "cement")
        p["gwp_t"] = r.uniform(600, 950) * (0.9 if "IL" in name or "IS" in name else 1.0)
        p["desc"] = None
        out.append(p)
    return out


# ----------------------------------------------------------------------------- value split / printing
def _split(r: random.Random, total: float, material: str) -> list[float]:
    shares = {"concrete": (0.82, 0.08), "steel": (0.7, 0.05), "asphalt": (0.6, 0.1), "flat_glass": (0.3, 0.03),
              "cement": (0.12, 0.03)}[material]
    a1 = total * (shares[0] + r.uniform(-0.05, 0.05))
    a2 = total * (shares[1] + r.uniform(-0.02, 0.02))
    return [a1, a2, total - a1 - a2]


def _units_for(material: str, r: random.Random) -> tuple[str, list[str]]:
    if material == "concrete":
        c = r.choices([("m3", ["m3", "yd3"]), ("yd3", ["yd3", "m3"]), ("m3", ["m3"]), ("yd3", ["yd3"])],
                      [45, 25, 20, 10])[0]
    elif material in ("steel", "cement"):
        c = r.choices([("t", ["t"]), ("t", ["t", "short_ton"]), ("short_ton", ["short_ton", "t"]),
                       ("short_ton", ["short_ton"])], [45, 30, 15, 10])[0]
    elif material == "asphalt":
        c = r.choices([("short_ton", ["short_ton"]), ("t", ["t"]), ("short_ton", ["short_ton", "t"])],
                      [70, 15, 15])[0]
    else:
        c = r.choices([("m2", ["m2", "t"]), ("t", ["t", "m2"]), ("m2", ["m2"]), ("t", ["t"])], [40, 25, 20, 15])[0]
    return c[0], list(c[1])


def _value_in(p: dict[str, Any], unit: str) -> float:
    if p["material"] == "concrete":
        return p["gwp_m3"] * (YD3_PER_M3 if unit == "yd3" else 1.0)
    if p["material"] == "asphalt":
        return p["gwp_st"] / (SHORT_TON if unit == "t" else 1.0)
    if unit == "m2":
        return p["gwp_m2"]
    return p["gwp_t"] * (SHORT_TON if unit == "short_ton" else 1.0)


UNIT_LABEL = {
    "m3": ["m3", "m<sup>3</sup>", "cubic meter"], "yd3": ["yd3", "yd<sup>3</sup>", "cubic yard"],
    "t": ["metric ton", "t", "1,000 kg", "tonne"], "short_ton": ["short ton", "short ton (2,000 lb)", "ton (2000 lb)"],
    "m2": ["m2", "m<sup>2</sup>", "square meter"],
}


# ----------------------------------------------------------------------------- HTML pieces
def _css(r: random.Random, page_size: str, font: str, header: str, footer_left: str) -> str:
    zebra = "tbody tr:nth-child(even) td { background: #eef3f7; }" if r.random() < 0.6 else ""
    borders = r.choice(["td, th { border: 0.5pt solid #888; }", "td, th { border-bottom: 0.5pt solid #bbb; }",
                        "th { border-bottom: 1pt solid #000; }"])
    accent = r.choice(["#1f4e79", "#2e7d32", "#6a1b9a", "#b23c17", "#37474f", "#00695c"])
    return f"""
@page {{ size: {page_size}; margin: 20mm 15mm 20mm 15mm;
  @top-left {{ content: "{header}"; font-size: 7.5pt; color: #555; }}
  @bottom-left {{ content: "{footer_left}"; font-size: 7pt; color: #555; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 7pt; }} }}
@page wide {{ size: {page_size.split()[0]} landscape; }}
@page cover {{ @top-left {{ content: none; }} }}
body {{ font-family: "{font}"; font-size: 8.5pt; line-height: 1.3; }}
h1 {{ color: {accent}; font-size: 20pt; margin: 0 0 4mm 0; }}
h2 {{ color: {accent}; font-size: 12pt; border-bottom: 1pt solid {accent}; margin-top: 5mm; }}
h3 {{ font-size: 9.5pt; margin: 3mm 0 1mm 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 2mm 0 3mm 0; }}
td, th {{ padding: 1.2mm 1.5mm; vertical-align: top; }}
th {{ background: {accent}; color: white; font-weight: bold; font-size: 7.5pt; }}
{borders}
{zebra}
td.n {{ text-align: right; white-space: nowrap; }}
.cover {{ page: cover; }}
.wide {{ page: wide; }}
.brk {{ break-before: page; }}
.prose {{ columns: 2; column-gap: 7mm; text-align: justify; }}
.kv td.k {{ font-weight: bold; width: 38%; color: #333; }}
.grid {{ display: flex; gap: 6mm; }}
.side {{ width: 62mm; background: #f1f1f1; padding: 3mm; font-size: 8pt; }}
.side h4 {{ margin: 2mm 0 0.5mm 0; color: {accent}; font-size: 8.5pt; }}
.main {{ flex: 1; }}
.box {{ border: 1pt solid {accent}; padding: 3mm; margin: 3mm 0; }}
.fn {{ font-size: 6.5pt; color: #444; }}
sup {{ font-size: 60%; }}
table.dense td, table.dense th {{ font-size: 6.5pt; padding: 0.8mm 1mm; }}
"""


def _e(s: str) -> str:
    return html.escape(s, quote=False)


@dataclass
class Ctx:
    r: random.Random
    material: str
    products: list[dict[str, Any]]
    decl_unit: str
    units: list[str]
    modules: str  # "total", "split_total", "split"
    method: str
    second: str | None
    styles: dict[str, str]
    unit_lbl: dict[str, str]
    anchor_n: int = 0


def _fmt_p(ctx: Ctx, p: dict[str, Any], unit: str) -> None:
    """Create the printed strings of product p in unit (total and/or modules)."""
    st = ctx.styles[unit]
    total = _value_in(p, unit)
    parts = _split(ctx.r, total, ctx.material)
    pr = p.setdefault("printed", {})
    part_style = st if st not in ("int", "int_comma") or ctx.material != "flat_glass" else "d2"
    if ctx.material in ("asphalt", "flat_glass") and st in ("int", "int_comma", "sig3") and unit != "t":
        part_style = "d2"
    parts_s = [fmt_num(x, part_style) for x in parts] if ctx.modules != "total" else None
    tot_s = fmt_num(total, st) if ctx.modules != "split" else None
    pr[unit] = {"total": tot_s, "parts": parts_s}
    if tot_s is not None:
        v = parse_num(tot_s)
    else:
        assert parts_s is not None
        v = round(sum(parse_num(s) for s in parts_s), 10)
    p.setdefault("by_unit", {})[unit] = v
    # secondary method (EF 3.1 / CML): slightly different numbers
    p.setdefault("second", {})[unit] = fmt_num(total * ctx.r.uniform(0.965, 1.04), st)


def _cell(ctx: Ctx, s: str, anchor: str | None = None) -> str:
    a = f' id="{anchor}"' if anchor else ""
    return f'<td class="n"{a}>{num_html(s)}</td>'


def _anchor(p: dict[str, Any], unit: str, ctx: Ctx) -> str | None:
    if unit == ctx.decl_unit and "anchor" not in p:
        ctx.anchor_n += 1
        p["anchor"] = f"gwp{ctx.anchor_n}"
        return p["anchor"]
    return None


def _strength_str(ctx: Ctx, p: dict[str, Any]) -> str:
    if p["strength_psi"] is None:
        return "n/a (flowable fill)"
    if "strength_mpa" in p:
        s = f"{p['strength_mpa']} MPa"
    else:
        s = f"{p['strength_psi']:,.0f} psi" if ctx.r.random() < .5 else f"{p['strength_psi']:.0f} PSI"
    s += f" at {p['strength_age_days']} days"
    if p.get("early"):
        s += f"; {p['early'][1]} psi at {p['early'][0]} days (high early strength)"
    if p["lightweight"]:
        s += "; lightweight"
    return s


def _other_cells(ctx: Ctx, k: int) -> str:
    out = []
    for _, _, lo, hi in OTHER_IND[:k]:
        out.append(f'<td class="n">{fmt_num(ctx.r.uniform(lo, hi), "sci")}</td>')
    return "".join(out)


def _gwp_label(ctx: Ctx) -> str:
    return ctx.r.choice(["GWP", "Global warming potential", "GWP 100", "Global Warming Potential (GWP)"])


def _mods_heads(ctx: Ctx) -> list[str]:
    total_lbl = ctx.r.choice(["A1-A3", "A1-A3 Total", "Total (A1-A3)", "Product stage (A1-A3)"])
    if ctx.modules == "total":
        return [total_lbl]
    names = ctx.r.choice([["A1", "A2", "A3"], ["A1 Raw materials", "A2 Transport", "A3 Manufacturing"],
                          ["Upstream (A1)", "Transport (A2)", "Core (A3)"]])
    return names + ([total_lbl] if ctx.modules == "split_total" else [])


def _val_cells(ctx: Ctx, p: dict[str, Any], unit: str) -> str:
    pr = p["printed"][unit]
    anc = _anchor(p, unit, ctx)
    cells = []
    if pr["parts"]:
        for i, s in enumerate(pr["parts"]):
            cells.append(_cell(ctx, s, anc if (i == 0 and pr["total"] is None) else None))
    if pr["total"]:
        cells.append(_cell(ctx, pr["total"], anc))
    return "".join(cells)


# ---- layout A: indicator rows x module columns, one table per product (and unit or units side by side)
def _table_indicator_rows(ctx: Ctx, p: dict[str, Any], title: str) -> str:
    heads = _mods_heads(ctx)
    side_by_side = len(ctx.units) > 1 and ctx.r.random() < 0.5
    out = []
    unit_groups = [ctx.units] if side_by_side else [[u] for u in ctx.units]
    for group in unit_groups:
        h1 = '<tr><th rowspan="2">Indicator</th><th rowspan="2">Unit</th>'
        h1 += "".join(f'<th colspan="{len(heads)}">per {ctx.unit_lbl[u]}</th>' for u in group) + "</tr>"
        h2 = "<tr>" + "".join(f"<th>{_e(h)}</th>" for _ in group for h in heads) + "</tr>"
        rows = [f"<tr><td>{_gwp_label(ctx)} ({_e(ctx.method)})</td><td>kg CO2 eq</td>"
                + "".join(_val_cells(ctx, p, u) for u in group) + "</tr>"]
        for name, unit, lo, hi in OTHER_IND[: ctx.r.randint(2, 5)]:
            vals = "".join(f'<td class="n">{fmt_num(ctx.r.uniform(lo, hi), "sci")}</td>' for _ in group for _ in heads)
            rows.append(f"<tr><td>{name}</td><td>{unit}</td>{vals}</tr>")
        cap = f"{title}, per {' and per '.join(ctx.unit_lbl[u] for u in group)}"
        out.append(f"<h3>{cap}</h3><table><thead>{h1}{h2}</thead><tbody>{''.join(rows)}</tbody></table>")
    return "".join(out)


# ---- layout B: module rows x indicator columns
def _table_module_rows(ctx: Ctx, p: dict[str, Any], title: str) -> str:
    heads = _mods_heads(ctx)
    out = []
    n_other = ctx.r.randint(2, 4)
    for u in ctx.units:
        pr = p["printed"][u]
        vals = (pr["parts"] or []) + ([pr["total"]] if pr["total"] else [])
        anc = _anchor(p, u, ctx)
        anchor_idx = len(vals) - 1 if pr["total"] else 0
        th = (f"<tr><th>Module</th><th>{_gwp_label(ctx)}<br>kg CO2 eq</th>"
              + "".join(f"<th>{n}<br>{un}</th>" for n, un, _, _ in OTHER_IND[:n_other]) + "</tr>")
        rows = []
        for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
            rows.append(f"<tr><td>{_e(h)}</td>{_cell(ctx, v, anc if i == anchor_idx else None)}"
                        f"{_other_cells(ctx, n_other)}</tr>")
        out.append(f"<h3>{title}: {ctx.method} results per {ctx.unit_lbl[u]}</h3>"
                   f"<table><thead>{th}</thead><tbody>{''.join(rows)}</tbody></table>")
    return "".join(out)


# ---- layout C: products as columns
def _table_product_cols(ctx: Ctx, prods: list[dict[str, Any]]) -> str:
    heads = _mods_heads(ctx)
    th = "<tr><th>Indicator</th><th>Module</th>" + "".join(f"<th>{_e(p['name'])}</th>" for p in prods) + "</tr>"
    rows = []
    if any(p.get("desc") for p in prods):
        rows.append("<tr><td colspan='2'>Description</td>"
                    + "".join(f"<td>{_e(p.get('desc') or '')}</td>" for p in prods) + "</tr>")
        for p in prods:
            p["description"] = p.get("desc")
    if ctx.material == "concrete":
        rows.append("<tr><td colspan='2'>Specified compressive strength</td>"
                    + "".join(f"<td>{_strength_str(ctx, p)}</td>" for p in prods) + "</tr>")
    total_lbl = heads[-1] if ctx.modules != "split" else "A1-A3"
    for u in ctx.units:
        lbl = f"{_gwp_label(ctx)}, kg CO2 eq per {ctx.unit_lbl[u]}"
        for i, h in enumerate(heads):
            first = f'<td rowspan="{len(heads)}">{lbl}</td>' if i == 0 else ""
            cells = []
            for p in prods:
                pr = p["printed"][u]
                vals = (pr["parts"] or []) + ([pr["total"]] if pr["total"] else [])
                anchor_idx = len(vals) - 1 if pr["total"] else 0
                anc = _anchor(p, u, ctx) if i == anchor_idx else None
                cells.append(_cell(ctx, vals[i], anc))
            rows.append(f"<tr>{first}<td>{_e(h)}</td>{''.join(cells)}</tr>")
    for name, unit, lo, hi in OTHER_IND[: ctx.r.randint(1, 4)]:
        cells = "".join(f'<td class="n">{fmt_num(ctx.r.uniform(lo, hi), "sci")}</td>' for _ in prods)
        rows.append(f"<tr><td>{name}, {unit}</td><td>{_e(total_lbl)}</td>{cells}</tr>")
    return (f"<h3>Life cycle impact assessment results ({ctx.method})</h3>"
            f"<table><thead>{th}</thead><tbody>{''.join(rows)}</tbody></table>")


# ---- layout D: mixes / products as rows
def _table_rows(ctx: Ctx, prods: list[dict[str, Any]], strength_col: str) -> str:
    r = ctx.r
    heads = _mods_heads(ctx)
    conc = ctx.material == "concrete"
    base_cols = ["Mix ID", "Description"] if conc else ["Product", "Description"]
    has_desc = any(p.get("desc") for p in prods)
    if not has_desc:
        base_cols = base_cols[:1]
    extra = []
    if conc and strength_col != "none":
        extra.append("f'c (psi)" if strength_col == "psi" else "f'c (MPa)")
        if r.random() < 0.5:
            extra.append("Age (days)")
        if r.random() < 0.5:
            extra.append("Cementitious<br>(lb/yd3)")
    baseline = conc and r.random() < 0.3
    dense = len(ctx.units) * len(heads) > 3
    n_other = r.randint(0, 1 if dense else 3)
    thousands = r.random() < 0.5
    head_in_thead = r.random() < 0.75
    fn = "<sup>a</sup>" if r.random() < 0.4 else ""
    ncols_unit = len(heads)
    h1 = "".join(f'<th rowspan="2">{c}</th>' for c in base_cols + extra)
    h1 += "".join(f'<th colspan="{ncols_unit}">{_gwp_label(ctx)}{fn} (kg CO2e)<br>per {ctx.unit_lbl[u]}</th>'
                  for u in ctx.units)
    if baseline:
        h1 += '<th rowspan="2">% vs. NRMCA<br>regional<br>baseline</th>'
    h1 += "".join(f'<th rowspan="2">{n}<br>({un})</th>' for n, un, _, _ in OTHER_IND[:n_other])
    h2 = "".join(f"<th>{_e(h)}</th>" for _ in ctx.units for h in heads)
    head = f"<tr>{h1}</tr><tr>{h2}</tr>"
    rows = []
    for p in prods:
        cells = [f"<td>{_e(p['name'])}</td>"]
        if has_desc:
            cells.append(f"<td>{_e(p.get('desc') or '')}</td>")
        for c in extra:
            if c.startswith("f'c"):
                if p["strength_psi"] is None:
                    s = "–"
                elif strength_col == "mpa":
                    s = str(p["strength_mpa"])
                else:
                    s = f"{p['strength_psi']:,.0f}" if thousands else f"{p['strength_psi']:.0f}"
                cells.append(f'<td class="n">{s}</td>')
            elif c.startswith("Age"):
                cells.append(f'<td class="n">{p["strength_age_days"] or "–"}</td>')
            else:
                cells.append(f'<td class="n">{p["cem_lb"]}</td>')
        for u in ctx.units:
            cells.append(_val_cells(ctx, p, u))
        if baseline:
            cells.append(f'<td class="n">{r.uniform(-45, 5):+.0f}%</td>')
        cells.append(_other_cells(ctx, n_other))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    tcls = " class='dense'" if dense else ""
    if head_in_thead:
        tbl = f"<table{tcls}><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    else:
        tbl = f"<table{tcls}><tbody>{head}{''.join(rows)}</tbody></table>"
    note = ""
    if fn:
        note = f'<p class="fn"><sup>a</sup> {ctx.method}; A1-A3 cradle to gate. Values are per declared unit.</p>'
    if baseline:
        note += '<p class="fn">The baseline column compares each mix with the NRMCA regional benchmark; it is not ' \
                "the GWP of the product.</p>"
    return f"<h3>Results: {ctx.method}, cradle to gate, per {ctx.unit_lbl[ctx.units[0]]}</h3>{tbl}{note}" \
        if len(ctx.units) == 1 else f"<h3>Results: {ctx.method}, cradle to gate</h3>{tbl}{note}"


def _second_table(ctx: Ctx, prods: list[dict[str, Any]]) -> str:
    name = {"EF 3.1": "GWP-total (EN 15804+A2, EF 3.1)", "CML-IA": "GWP 100a (CML-IA baseline)"}[ctx.second or ""]
    u = ctx.units[0]
    rows = "".join(f"<tr><td>{_e(p['name'])}</td>{_cell(ctx, p['second'][u])}</tr>" for p in prods)
    return (f"<h3>Supplementary results, {ctx.second} (for information; not TRACI)</h3>"
            f"<table><thead><tr><th>Product</th><th>{name}, kg CO2 eq per {ctx.unit_lbl[u]}, A1-A3</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>")


# ----------------------------------------------------------------------------- document
LOREM = ("The life cycle assessment was conducted in accordance with ISO 14040/44, ISO 21930:2017 and the reference "
         "PCR. Primary data were collected for a twelve-month reference period and background data come from "
         "ecoinvent and US LCI datasets. Cut-off criteria follow the PCR: flows below 1% of mass and energy were "
         "excluded where their sum does not exceed 5%. Allocation between co-products follows physical "
         "relationships. EPDs of construction products may not be comparable if they do not comply with ISO 21930. ")


def generate(seed: int) -> Doc:
    r = random.Random(seed)
    material = r.choices(["concrete", "steel", "asphalt", "flat_glass", "cement"], [50, 20, 15, 10, 5])[0]
    op_key = r.choice(MAT_OPS[material])
    op_name, reg_fn, op_addr = OPERATORS[op_key]
    reg = reg_fn(r)
    pcr = r.choice(PCRS[material])
    city, state, zipc = r.choice(CITIES)
    suffix = {"concrete": ["Ready Mix, Inc.", "Concrete Co.", "Materials LLC", "Redi-Mix"],
              "steel": ["Steel Mill LLC", "Steel Corporation", "Bar Mills, Inc."],
              "asphalt": ["Paving Co.", "Asphalt, Inc.", "Construction Materials"],
              "flat_glass": ["Float Glass Inc.", "Glass Company"], "cement": ["Cement Company", "Cement LLC"]}
    epd_type = r.choices(["product_specific", "facility_specific", "company_average", "industry_average",
                          "product_group_average"], [50, 25, 10, 10, 5])[0]
    if epd_type == "industry_average":
        manufacturer = r.choice({"concrete": ["National Ready Mixed Concrete Association"],
                                 "steel": ["Concrete Reinforcing Steel Institute (CRSI)",
                                           "American Institute of Steel Construction (AISC)"],
                                 "asphalt": ["National Asphalt Pavement Association"],
                                 "flat_glass": ["National Glass Association"],
                                 "cement": ["Portland Cement Association"]}[material])
        plant = None
    else:
        manufacturer = f"{r.choice(NAME_A)} {r.choice(suffix[material])}"
        plant = None
        if epd_type in ("product_specific", "facility_specific") or (epd_type != "company_average"
                                                                    and r.random() < 0.3):
            kind = "Mill" if material == "steel" else r.choice(["Plant", "Facility", "Works", "Yard"])
            plant = f"{r.choice(NAME_A)} {kind}"
            if material == "concrete" and r.random() < 0.4:
                plant = f"Plant {r.randint(1, 60)} – {city}"
    mf_addr = f"{r.randint(100, 9999)} {r.choice(STREETS)}, {city}, {state} {zipc}"

    # products
    strength_mode = "psi"
    if material == "concrete":
        per_mix = r.random() < 0.35
        n = 1 if per_mix else r.choices([r.randint(2, 6), r.randint(7, 25), r.randint(26, 100)], [50, 42, 8])[0]
        strength_mode = "mpa" if r.random() < 0.15 else "psi"
        prods = _concrete_products(r, n, strength_mode)
        for p in prods:
            p["name"] = ("Mix " + p["mix_id"]) if per_mix and r.random() < 0.5 else p["mix_id"]
    elif material == "steel":
        prods = _steel_products(r, r.choices([1, 2, 3], [60, 25, 15])[0])
        if epd_type == "industry_average":
            kind = "hot_rolled" if "AISC" in manufacturer else "rebar"
            p = prods[0]
            p.update(steel_product=kind, fabricated=True, route="eaf",
                     gwp_t=r.uniform(1000, 1250) if kind == "hot_rolled" else r.uniform(750, 950))
            p["name"] = ("Fabricated hot-rolled structural sections" if kind == "hot_rolled"
                         else "Fabricated concrete reinforcing steel (rebar)")
            prods = [p]
    elif material == "asphalt":
        prods = _asphalt_products(r, r.choices([1, r.randint(2, 12)], [45, 55])[0])
    elif material == "flat_glass":
        prods = _glass_products(r, r.choices([1, 2, 3], [50, 30, 20])[0])
    else:
        prods = _cement_products(r, r.choices([1, 2, 3], [60, 25, 15])[0])

    decl_unit, units = _units_for(material, r)
    modules = r.choices(["total", "split_total", "split"], [45, 35, 20])[0]
    if material == "asphalt":
        modules = r.choices(["split", "split_total", "total"], [60, 25, 15])[0]
    method = r.choice(["TRACI 2.1", "TRACI 2.1", "TRACI 2.2"])
    second = r.choice([None, None, "EF 3.1", "CML-IA"])
    methods = [method] + ([second] if second else [])
    big = {"concrete": True, "steel": True, "cement": True}.get(material, False)
    styles = {}
    for u in units:
        if big and u != "m2":
            styles[u] = r.choices(["int", "int_comma", "d1", "d1_comma", "sig3", "sci", "sci_comma", "x10", "d2"],
                                  [20, 20, 12, 8, 10, 12, 5, 3, 10])[0]
        else:
            styles[u] = r.choices(["d1", "d2", "sig3", "sci", "sci3", "sci_comma", "int"], [25, 30, 10, 15, 8, 4, 8])[0]
    if material in ("steel", "cement") and "int_comma" not in styles.values() and r.random() < 0.3:
        styles[decl_unit] = "int_comma"
    unit_lbl = {u: r.choice(UNIT_LABEL[u]) for u in units}
    ctx = Ctx(r, material, prods, decl_unit, units, modules, method, second, styles, unit_lbl)
    for p in prods:
        for u in units:
            _fmt_p(ctx, p, u)

    # dates
    date_style = r.choices(DATE_STYLES, [25, 15, 20, 15, 10, 10, 5])[0]
    issued = dt.date(2020, 1, 1) + dt.timedelta(days=r.randint(0, 2100))
    if date_style == "us" and issued.day <= 12:
        issued = issued.replace(day=r.randint(13, 28))
    validity_form = r.choices(["range", "years", "until"], [40, 35, 25])[0]
    years = 5
    if validity_form == "years":
        valid_until = _add_years(issued, years)
    else:
        valid_until = _add_years(issued, years) - dt.timedelta(days=r.choice([0, 1]))
        if date_style == "us" and valid_until.day <= 12:
            valid_until = valid_until.replace(day=13)
    iss_s = fmt_date(issued, date_style)
    val_s = fmt_date(valid_until, date_style)
    pcr_valid = dt.date(r.randint(2024, 2028), r.randint(1, 12), r.choice([15, 20, 28]))
    if date_style == "us" and pcr_valid.day <= 12:
        pcr_valid = pcr_valid.replace(day=20)
    lca_date = issued - dt.timedelta(days=r.randint(20, 120))
    verif_date = issued - dt.timedelta(days=r.randint(2, 15))
    verified = r.random() < 0.93

    # --- metadata block
    type_lbl = r.choice(EPD_TYPE_LABELS[epd_type])
    if validity_form == "range":
        validity_txt = r.choice([f"EPD Valid {iss_s} through {val_s}", f"{iss_s} through {val_s}",
                                 f"Valid from {iss_s} to {val_s}", f"EPD Valid {iss_s} through {val_s}"])
        kv_dates = [("EPD Number and Period of Validity", f"{reg}<br>{validity_txt}")] if r.random() < .4 else \
            [("Declaration Number", reg), ("Declaration Validity Period", validity_txt)]
    elif validity_form == "years":
        kv_dates = [("Declaration Number", reg), ("Date of Issue", iss_s),
                    ("Period of Validity", r.choice(["5 Years", "5 years", "Valid for 5 years from date of issue"]))]
    else:
        kv_dates = [("Declaration Number", reg), ("Date of Issue", iss_s), ("Valid Until", val_s)]
    verif_txt = ("☐ internal ☒ external" if verified else "☒ internal ☐ external")
    kv = [("Program Operator", f"{op_name}<br><small>{_e(op_addr)}</small>"),
          ("Declaration Holder", f"{_e(manufacturer)}<br><small>{_e(mf_addr)}</small>")]
    if plant:
        kv.append(("Plant" if material != "steel" else "Manufacturing facility (mill)", _e(plant)))
    kv += kv_dates
    du_text = {"m3": "1 cubic meter (m3) of ready mixed concrete", "yd3": "1 cubic yard (yd3) of ready mixed concrete",
               "t": "1 metric ton (1,000 kg) of product", "short_ton": "1 short ton (2,000 lb) of product",
               "m2": "1 square meter (m2) of glass of the stated thickness"}[decl_unit]
    kv += [("Declared Unit", du_text), ("Reference PCR", _e(pcr)), ("EPD Type", type_lbl),
           ("EPD Scope", "Cradle to gate (A1-A3)"), ("LCIA Method", ", ".join(methods)),
           ("Independent verification of the declaration and data, according to ISO 14025 and ISO 21930", verif_txt),
           ("Verifier", r.choice(PEOPLE)
            + (f", verified {fmt_date(verif_date, date_style)}" if r.random() < .5 else "")),
           ("PCR validity", f"PCR valid through {fmt_date(pcr_valid, date_style)}"),
           ("LCA report", f"{r.choice(PEOPLE)}, LCA report dated {fmt_date(lca_date, date_style)}")]
    tail = kv[-4:]
    r.shuffle(tail)
    kv[-4:] = tail

    title_prod = prods[0]["name"] if len(prods) == 1 else {
        "concrete": "Ready Mixed Concrete", "steel": "Steel Products", "asphalt": "Asphalt Mixtures",
        "flat_glass": "Flat Glass Products", "cement": "Cement"}[material]
    cover_style = r.choice(["kv", "sidebar", "box"])
    page_size = r.choice(["letter", "A4"])
    font = r.choice(["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Condensed", "DejaVu Sans"])
    header = f"{manufacturer} | Environmental Product Declaration".replace('"', "")
    footer_left = r.choice([f"{op_name} {reg}", f"{title_prod}", "ISO 14025 / ISO 21930"]).replace('"', "")
    body = []
    kv_html = "<table class='kv'><tbody>" + "".join(f"<tr><td class='k'>{k}</td><td>{v}</td></tr>" for k, v in kv) + \
        "</tbody></table>"
    intro = f"<h1>Environmental Product Declaration</h1><p style='font-size:13pt'>{_e(title_prod)}</p>"
    if len(prods) == 1 and prods[0].get("desc"):
        intro += f"<p><b>Description:</b> {_e(prods[0]['desc'])}</p>"
        prods[0]["description"] = prods[0]["desc"]
    if material == "concrete" and len(prods) == 1:
        intro += f"<p><b>Specified compressive strength:</b> {_strength_str(ctx, prods[0])}</p>"
        if prods[0]["lightweight"]:
            intro += f"<p><b>Density:</b> {r.randint(1650, 1850)} kg/m3 (structural lightweight concrete)</p>"
    if cover_style == "kv":
        body.append(f"<section class='cover'>{intro}{kv_html}</section>")
    elif cover_style == "sidebar":
        side = "".join(f"<h4>{k}</h4><div>{v}</div>" for k, v in kv)
        body.append(f"<section class='cover grid'><div class='side'>{side}</div><div class='main'>{intro}"
                    f"<div class='prose'><p>{LOREM}</p></div></div></section>")
    else:
        body.append(f"<section class='cover'>{intro}<div class='box'>{kv_html}</div></section>")

    # --- product description / route prose
    prose = [LOREM]
    if material == "steel":
        for p in prods:
            route_txt = ("produced in an electric arc furnace (EAF) mini-mill from recycled scrap"
                         if p["route"] == "eaf" else
                         "produced at an integrated mill (blast furnace and basic oxygen furnace, BOF)")
            fab_txt = (" Fabrication at the fabricator's shop (cutting, bending, welding) is included in the system "
                       "boundary." if p["fabricated"] else
                       " The product is declared as delivered from the mill, unfabricated; fabrication is not "
                       "included.")
            prose.append(f"{_e(p['name'])} is {route_txt}.{fab_txt} ")
    if material == "flat_glass":
        for p in prods:
            proc = ("a processed glass product (secondary processing after the float line)" if p["glass_processed"]
                    else "an unprocessed float glass product from the float line")
            prose.append(f"{_e(p['name'])} is {proc}; mass per unit area {p['mass_m2']:.1f} kg/m2. ")
    if material == "asphalt":
        prose.append("Results are given for modules A1 (raw materials), A2 (transport) and A3 (plant operations). ")
    body.append(f"<section class='{r.choice(['brk', 'brk', ''])}'><h2>Product and system description</h2>"
                f"<div class='prose'><p>{''.join(prose)}</p></div>")
    if material == "concrete" and len(prods) > 1:
        body.append(f"<p>This plant-specific declaration covers {len(prods)} mix designs produced at the plant. "
                    "Specified compressive strengths are at the age shown.</p>")
    body.append("</section>")

    # --- results
    wide = r.random() < (0.6 if len(prods) > 4 else 0.2)
    n_mod_cols = len(units) * {"total": 1, "split": 3, "split_total": 4}[modules]
    if n_mod_cols > 3 and len(prods) > 3:
        wide = True
    res = [f"<section class='brk{' wide' if wide else ''}'><h2>Life cycle assessment results</h2>",
           f"<p>Declared unit: {du_text}. Results are cradle to gate (A1-A3) and were calculated with {method}.</p>"]
    if len(prods) == 1:
        lay = r.choice(["ind", "mod"])
        res.append(_table_indicator_rows(ctx, prods[0], prods[0]["name"]) if lay == "ind"
                   else _table_module_rows(ctx, prods[0], prods[0]["name"]))
    elif len(prods) <= 6 and r.random() < 0.4:
        lay = "cols"
        res.append(_table_product_cols(ctx, prods))
    elif len(prods) <= 3 and r.random() < 0.5:
        lay = "each"
        for p in prods:
            info = []
            if p.get("desc"):
                info.append(f"Description: {_e(p['desc'])}")
                p["description"] = p["desc"]
            if material == "concrete":
                info.append(f"Specified compressive strength: {_strength_str(ctx, p)}")
            if info:
                res.append(f"<p><b>{_e(p['name'])}</b> – {'; '.join(info)}</p>")
            res.append(_table_indicator_rows(ctx, p, p["name"]))
    else:
        lay = "rows"
        scol = strength_mode if material == "concrete" else "none"
        if len(units) > 1 and r.random() < 0.35:
            lay = "rows_per_unit"
            for u in units:
                res.append(_table_rows(dataclasses.replace(ctx, units=[u]), prods, scol))
        else:
            res.append(_table_rows(ctx, prods, scol))
    if second:
        if r.random() < 0.3:
            res.insert(2, _second_table(ctx, prods))  # the supplementary method printed before TRACI
        else:
            res.append(_second_table(ctx, prods))
    res.append("</section>")
    body.extend(res)
    body.append("<section><h2>References</h2><p class='fn'>ISO 14025:2006; ISO 21930:2017; "
                f"{_e(pcr)}; {method} (US EPA).</p></section>")

    # product descriptions for multi-row docs
    for p in prods:
        if len(prods) > 1 and p.get("desc") and lay in ("rows", "rows_per_unit"):
            p["description"] = p["desc"]

    page_html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>EPD {_e(reg)}</title>"
                 "<meta name='dcterms.created' content='2024-01-01T00:00:00Z'>"
                 "<meta name='dcterms.modified' content='2024-01-01T00:00:00Z'>"
                 f"<style>{_css(r, page_size, font, header, footer_left)}</style></head><body>"
                 f"{''.join(body)}</body></html>")
    document = HTML(string=page_html).render(font_config=_fc())
    anchor_page = {}
    for i, pg in enumerate(document.pages):
        for a in pg.anchors:
            anchor_page.setdefault(a, i + 1)
    pdf = document.write_pdf()

    products = []
    for p in prods:
        pr = p["printed"][decl_unit]
        printed = [pr["total"]] if pr["total"] else list(pr["parts"])
        products.append({
            "name": p["name"], "material": material, "gwp_a1a3": p["by_unit"][decl_unit],
            "declared_unit": decl_unit, "gwp_by_unit": dict(p["by_unit"]),
            "modules": "A1-A3" if pr["total"] else "A1,A2,A3", "gwp_method": method,
            "strength_psi": p["strength_psi"], "strength_age_days": p["strength_age_days"],
            "lightweight": p["lightweight"], "high_early_strength": p["high_early_strength"],
            "steel_product": p["steel_product"], "fabricated": p["fabricated"], "route": p["route"],
            "glass_processed": p["glass_processed"], "description": p.get("description"),
            "page": anchor_page[p["anchor"]], "gwp_printed": printed,
        })
    desc = (f"{material} x{len(prods)} {op_key} layout={lay} cover={cover_style} modules={modules} "
            f"units={'+'.join(units)} decl={decl_unit} styles={','.join(styles[u] for u in units)} "
            f"dates={date_style}/{validity_form} second={second} wide={wide} {page_size}")
    expected = {
        "seed": seed, "description": desc, "program_operator": op_name, "registration_number": reg,
        "manufacturer": manufacturer, "plant": plant, "issued": issued.isoformat(),
        "valid_until": valid_until.isoformat(), "epd_type": epd_type, "pcr": pcr,
        "third_party_verified": verified, "methods": methods, "page_count": len(document.pages),
        "products": products,
    }
    return Doc(pdf=pdf, expected=expected, html=page_html)
