"""The content plan of one document: metadata and products with every printed string decided before layout."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from tests.devgen_j.fmt import DATE_STYLES, NumStyle, add_years, fmt_date, parse, pick_numstyle

YD3 = 0.764555
SHORT_TON = 0.907185
MPA = 145.038

CITIES = [("Sacramento", "CA", "95815"), ("Fresno", "CA", "93725"), ("Phoenix", "AZ", "85043"),
          ("Denver", "CO", "80216"), ("Austin", "TX", "78744"), ("Houston", "TX", "77029"), ("Tulsa", "OK", "74107"),
          ("Omaha", "NE", "68110"), ("Des Moines", "IA", "50317"), ("St. Paul", "MN", "55119"),
          ("Columbus", "OH", "43207"), ("Allentown", "PA", "18109"), ("Albany", "NY", "12205"),
          ("Raleigh", "NC", "27610"), ("Tacoma", "WA", "98421"), ("Salem", "OR", "97301"),
          ("Baltimore", "MD", "21226"), ("Newark", "NJ", "07114"), ("Nashville", "TN", "37210"),
          ("Boise", "ID", "83716"), ("Hamilton", "ON", "L8L 4X9"), ("Calgary", "AB", "T2C 2X5")]
STREETS = ["Industrial Pkwy", "Quarry Road", "Mill Street", "Commerce Drive", "River Road", "Rail Spur Lane",
           "Foundry Avenue", "Batch Plant Way", "County Road 14", "Harbor Boulevard", "Gravel Pit Road"]
PREFIX = ["Cascade", "Keystone", "Prairie", "Summit", "Bluewater", "Ironwood", "Red Mesa", "Granite State",
          "Lone Pine", "Tri-County", "Great Basin", "Allegheny", "Piedmont", "Willamette", "Sandhill", "Northshore",
          "Cumberland", "High Plains", "Bayview", "Chesapeake"]

OPERATORS = [
    ("NSF International", "789 N. Dixboro Road, Ann Arbor, MI 48105", "nsf"),
    ("ASTM International", "100 Barr Harbor Drive, West Conshohocken, PA 19428", "astm"),
    ("UL Environment", "333 Pfingsten Road, Northbrook, IL 60062", "ul"),
    ("SCS Global Services", "2000 Powell Street, Ste. 600, Emeryville, CA 94608", "scs"),
    ("Smart EPD", "5 Centerpointe Dr., Suite 400, Lake Oswego, OR 97035", "smart"),
    ("NRMCA", "66 Canal Center Plaza, Suite 250, Alexandria, VA 22314", "nrmca"),
    ("CSA Group", "178 Rexdale Blvd., Toronto, ON M9W 1R3", "csa"),
    ("ICC Evaluation Service", "3060 Saturn Street, Suite 100, Brea, CA 92821", "icc"),
    ("EPD Hub", "Kalevankatu 20, 00100 Helsinki, Finland", "hub"),
]


def reg_number(rng: random.Random, key: str) -> str:
    n = rng.randint(1000, 99999)
    return {
        "nsf": rng.choice([f"EPD{n}", f"EPD-{n}"]),
        "astm": f"EPD {rng.randint(100, 999)}",
        "ul": f"{rng.randint(4780000000, 4799999999)}.{rng.randint(100, 130)}.{rng.randint(1, 3)}",
        "scs": f"SCS-EPD-{n:05d}",
        "smart": f"SmartEPD-{rng.randint(2022, 2025)}-{rng.randint(1, 999):03d}-{rng.randint(1, 9999):04d}",
        "nrmca": f"NRMCA-{rng.randint(2022, 2025)}-{n}",
        "csa": f"CSA-EPD-{rng.randint(22, 25)}-{rng.randint(100, 999)}",
        "icc": f"EPD-{rng.randint(10, 99):02d}{rng.randint(10, 99):02d}",
        "hub": f"HUB-{rng.randint(1000, 4999)}",
        "emerge": f"EMG-{rng.randint(2022, 2025)}-{n:05d}",
    }[key]


@dataclass
class Product:
    name: str
    material: str
    description: str
    declared_unit: str
    units: list[str]
    modules: list[str]
    # unit -> indicator key -> module -> printed string
    cells: dict[str, dict[str, dict[str, str]]]
    attrs: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)  # printed attribute strings (strength, density, ...)

    def gwp(self, unit: str, module: str) -> str:
        return self.cells[unit]["gwp"][module]

    @property
    def primary_module(self) -> str:
        return "A1-A3" if "A1-A3" in self.modules else "A1"


@dataclass
class Plan:
    seed: int
    material: str
    layout: str
    engine: str
    ns: NumStyle
    meta: dict[str, Any]
    products: list[Product]
    opts: dict[str, Any]

    def expected_products(self) -> list[dict[str, Any]]:
        out = []
        for p in self.products:
            by_unit = {}
            for u in p.units:
                by_unit[u] = _gwp_value(p, u)
            if "A1-A3" in p.modules:
                printed = p.gwp(p.declared_unit, "A1-A3")
            else:
                printed = " + ".join(p.gwp(p.declared_unit, m) for m in ("A1", "A2", "A3"))
            a = p.attrs
            out.append({
                "name": p.name, "material": p.material, "gwp_a1a3": by_unit[p.declared_unit],
                "declared_unit": p.declared_unit, "gwp_by_unit": by_unit, "modules": list(p.modules),
                "gwp_method": self.meta["traci"], "strength_psi": a.get("strength_psi"),
                "strength_age_days": a.get("strength_age_days"), "lightweight": bool(a.get("lightweight")),
                "high_early_strength": bool(a.get("high_early_strength")), "steel_product": a.get("steel_product"),
                "fabricated": a.get("fabricated"), "route": a.get("route"), "glass_processed": a.get("glass_processed"),
                "description": p.description, "page": 0, "gwp_printed": printed,
            })
        return out


def _gwp_value(p: Product, unit: str) -> float:
    if "A1-A3" in p.modules:
        return parse(p.gwp(unit, "A1-A3"))
    return round(sum(parse(p.gwp(unit, m)) for m in ("A1", "A2", "A3")), 6)


# ---------------------------------------------------------------- indicators
TRACI_OTHER = ["odp", "ap", "ep", "sfp"]
RESOURCE = ["penre", "water"]
DISTRACT = ["gwp_ar5", "gwp_total", "gwp_fossil", "gwp_bio", "gwp_luluc", "gwp_cml"]


def _fill_cells(rng: random.Random, ns: NumStyle, gwp_decl: float, decl: str, units: list[str],
                modules: list[str], conv: dict[str, float]) -> dict[str, dict[str, dict[str, str]]]:
    """Print every indicator for every printed unit; GWP first, distractors and other indicators around it."""
    a1 = rng.uniform(0.70, 0.90)
    a2 = rng.uniform(0.02, 0.10)
    shares = {"A1": a1, "A2": a2, "A3": 1.0 - a1 - a2}
    ratios = {"gwp": 1.0, "gwp_ar5": rng.uniform(0.965, 1.035), "gwp_total": rng.uniform(0.95, 1.06),
              "gwp_cml": rng.uniform(0.96, 1.04)}
    ratios["gwp_fossil"] = ratios["gwp_total"] * rng.uniform(0.975, 0.995)
    ratios["gwp_bio"] = rng.uniform(-0.004, 0.006)
    ratios["gwp_luluc"] = rng.uniform(0.0002, 0.002)
    ratios["odp"] = rng.uniform(1e-8, 4e-8)
    ratios["ap"] = rng.uniform(0.0018, 0.0045)
    ratios["ep"] = rng.uniform(0.0002, 0.0007)
    ratios["sfp"] = rng.uniform(0.03, 0.07)
    ratios["penre"] = rng.uniform(5.5, 11.0)
    ratios["water"] = rng.uniform(0.001, 0.006)
    cells: dict[str, dict[str, dict[str, str]]] = {}
    for u in units:
        base = gwp_decl * conv[u] / conv[decl]
        cells[u] = {}
        for key, r in ratios.items():
            cells[u][key] = {}
            small = key in ("odp", "ap", "ep", "gwp_bio", "gwp_luluc", "water")
            for m in modules:
                share = 1.0 if m == "A1-A3" else shares[m]
                cells[u][key][m] = ns.fmt(base * r * share, small=small)
    return cells


def _modules(rng: random.Random, material: str) -> list[str]:
    r = rng.random()
    if material == "asphalt":
        return ["A1", "A2", "A3"] if r < 0.7 else (["A1", "A2", "A3", "A1-A3"] if r < 0.9 else ["A1-A3"])
    return ["A1-A3"] if r < 0.5 else (["A1", "A2", "A3", "A1-A3"] if r < 0.85 else ["A1", "A2", "A3"])


# ---------------------------------------------------------------- concrete
def _concrete_products(rng: random.Random, n: int, ns: NumStyle, decl: str, units: list[str], modules: list[str],
                       opts: dict[str, Any]) -> list[Product]:
    s_unit = opts["strength_unit"]  # psi / mpa / both
    where = opts["strength_where"]  # column / name / description
    out: list[Product] = []
    used: set[str] = set()
    series = rng.choice(["", "R", "M", "P", "C", "X"])
    code_base = rng.randint(10, 89) * 100
    for i in range(n):
        r = rng.random()
        kind = ("normal" if r < 0.70 else "flowable" if r < 0.80 else "lw" if r < 0.87 else "he" if r < 0.95
                else "shotcrete")
        age = 28 if kind in ("flowable",) or rng.random() < 0.85 else rng.choice([56, 90])
        if kind == "flowable":
            psi = rng.choice([50, 100, 150, 200, 300, 400, 500, 800, 1000, 1200])
            mpa = round(psi / MPA, 1) if psi >= 150 else round(psi / MPA, 2)
        elif s_unit == "mpa":
            mpa = rng.choice([17, 20, 21, 25, 28, 30, 32, 35, 40, 45, 50, 55])
            psi = None
        else:
            psi = rng.choice([2500, 3000, 3000, 3500, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000])
            mpa = round(psi / MPA, 1)
        strength_psi = round(mpa * MPA, 2) if s_unit == "mpa" else float(psi)  # type: ignore[arg-type]
        scm = rng.choice([0, 0, 15, 20, 25, 30, 40, 50])
        scm_kind = rng.choice(["FA", "SL", "FA", "SL/FA"]) if scm else ""
        agg = rng.choice(['3/4"', '3/8"', '1"', '1-1/2"', "#57", "#8", "20mm", "14mm"])
        place = rng.choice(["", "PUMP", "AE", "SCC", "SLAB", "FOOTING", "WALL", "PAVING", "TREMIE"])
        # GWP per m3
        base = 150 + (strength_psi if kind != "flowable" else 0) * rng.uniform(0.035, 0.05)
        base *= 1 - scm / 100 * rng.uniform(0.35, 0.6)
        if kind == "flowable":
            g = rng.uniform(60, 190)
        else:
            if kind == "he":
                base *= rng.uniform(1.1, 1.25)
            if kind == "lw":
                base *= rng.uniform(1.05, 1.25)
            g = min(555, max(142, base * rng.uniform(0.9, 1.12)))
        # strength text
        if s_unit == "mpa":
            st_txt = f"{mpa:g} MPa"
        elif s_unit == "both":
            st_txt = f"{psi:,} psi ({mpa:g} MPa)"
        else:
            st_txt = f"{psi:,} psi" if rng.random() < 0.5 else f"{psi} psi"
        # name
        code = f"{series}{code_base + i * rng.choice([1, 1, 2, 5, 10]) + rng.randint(0, 3)}"
        tags = []
        if kind == "flowable":
            ff = rng.choice(["FLOWABLE FILL", "CDF", "CLSM", "FLOWABLE FILL"])
            ff_strength = f"{ff} {psi} PSI" if s_unit != "mpa" else f"{ff} {mpa:g} MPa"
            nm = ff_strength if where == "name" else f"{code} {ff}"
        else:
            if kind == "lw":
                tags.append(rng.choice(["LW", "LIGHTWEIGHT"]))
            if kind == "he":
                tags.append("HE")
            if kind == "shotcrete":
                tags.append("SHOTCRETE")
            if where == "name":
                if s_unit == "mpa":
                    head = rng.choice([f"C{mpa} MPa", f"{mpa} MPa"])
                else:
                    head = f"{psi} PSI" if rng.random() < 0.7 else f"{psi}PSI"
                if age != 28:
                    head += f" {age}D" if rng.random() < 0.5 else f" @ {age} DAYS"
                elif rng.random() < 0.4:
                    head += " 28D"
                bits = [head, *tags, agg if rng.random() < 0.6 else "", place, f"{scm}% {scm_kind}" if scm else ""]
                nm = " ".join(b for b in bits if b)
                if rng.random() < 0.5:
                    nm = f"{code} {nm}"
            else:
                nm = " ".join([code, *tags]) if tags or rng.random() < 0.7 else f"{code}-{agg.strip(chr(34))}"
        while nm in used:
            nm = f"{nm}-{rng.randint(2, 9)}"
        used.add(nm)
        desc_bits = [st_txt + (f" at {age} days" if age != 28 or rng.random() < 0.3 else "")]
        if kind == "flowable":
            desc_bits = [f"Flowable fill (CLSM), {st_txt}" + (" at 28 days" if rng.random() < 0.5 else "")]
        if kind == "lw":
            desc_bits.append("lightweight aggregate")
        if kind == "he":
            desc_bits.append("high early strength")
        if kind == "shotcrete":
            desc_bits.append("shotcrete")
        if scm:
            desc_bits.append(f"{scm}% {scm_kind}")
        desc_bits.append(f"{agg} aggregate")
        if place:
            desc_bits.append(place.lower())
        desc = ", ".join(desc_bits)
        attrs: dict[str, Any] = {"strength_psi": strength_psi, "strength_age_days": age,
                                 "lightweight": kind == "lw", "high_early_strength": kind == "he"}
        extra = {"strength": st_txt, "age": str(age), "scm": f"{scm}%" if scm else "0%", "agg": agg,
                 "psi": f"{psi:,}" if psi else "", "mpa": f"{mpa:g}"}
        if kind == "lw":
            dens = rng.randint(1620, 1880)
            extra["density"] = f"{dens:,} kg/m³" if rng.random() < 0.6 else f"{dens / 16.0185:.0f} pcf"
            desc += f", density {extra['density']}"
        else:
            extra["density"] = f"{rng.randint(2240, 2420):,} kg/m³"
        if kind == "he":
            ed = rng.choice([1, 3])
            e_psi = int(strength_psi * rng.choice([0.5, 0.6, 0.7]) // 100 * 100)
            extra["early"] = f"{e_psi:,} psi at {ed} day{'s' if ed > 1 else ''}" if s_unit != "mpa" else \
                f"{e_psi / MPA:.0f} MPa at {ed} day{'s' if ed > 1 else ''}"
            desc += f"; {extra['early']}"
        cem = rng.randint(240, 470) if kind != "flowable" else rng.randint(30, 110)
        extra["cem"] = f"{cem}"
        conv = {"m3": 1.0, "yd3": YD3}
        g_decl = g * conv[decl]
        cells = _fill_cells(rng, ns, g_decl, decl, units, modules, conv)
        extra["bench"] = ns.fmt(max(g * 1.1, 260 + strength_psi * 0.03) * conv[decl])
        out.append(Product(nm, "concrete", desc, decl, list(units), list(modules), cells, attrs, extra))
    return out


# ---------------------------------------------------------------- steel
STEEL = [
    ("rebar", ["Grade 60 Reinforcing Bar (ASTM A615)", "Concrete Reinforcing Steel Bar, #3-#18", "Rebar Grade 420",
               "Deformed Rebar A706 Grade 60"], (480, 950)),
    ("hss", ["Hollow Structural Sections (ASTM A500 Grade C)", "HSS Round and Rectangular Tube", "A1085 HSS"],
     (1200, 1750)),
    ("hot_rolled", ["Wide-Flange Sections (ASTM A992)", "Hot-Rolled Structural Shapes (W, S, C, L)",
                    "Structural Beams and Channels", "Heavy Structural Sections"], (680, 1250)),
    ("cold_formed", ["Cold-Formed Steel Studs and Track", "CFS Framing Members (ASTM C955)",
                     "Light-Gauge Steel Framing"], (2000, 2850)),
    ("plate", ["Discrete Steel Plate (ASTM A572 Gr. 50)", "Cut-to-Length Plate", "Hot-Rolled Steel Plate A36"],
     (900, 1300)),
    ("merchant_bar", ["Merchant Bar Quality (MBQ) Rounds and Flats", "Merchant Bar: Angles, Flats, Channels"],
     (560, 1000)),
    ("sheet", ["Hot-Dip Galvanized Steel Sheet", "Hot-Rolled Sheet and Coil", "Cold-Rolled Steel Coil"],
     (1900, 2700)),
    ("other", ["Special Bar Quality (SBQ) Bars", "Wire Rod Coils", "Steel Floor and Roof Deck"], (700, 2400)),
]


def _steel_products(rng: random.Random, n: int, ns: NumStyle, decl: str, units: list[str], modules: list[str],
                    opts: dict[str, Any]) -> list[Product]:
    out = []
    kinds = rng.sample(STEEL, n) if n <= len(STEEL) else [rng.choice(STEEL) for _ in range(n)]
    used: set[str] = set()
    for kind, names, (lo, hi) in kinds:
        route = opts["route"]
        fab = opts["fabricated"] if kind not in ("sheet", "cold_formed") else rng.choice([None, False])
        g = rng.uniform(lo, hi)
        if route == "integrated" and kind in ("hss", "plate", "hot_rolled", "sheet", "cold_formed"):
            g = rng.uniform(max(lo, 1800), 2850)
        if fab:
            g = min(2880, g + rng.uniform(80, 300))
        nm = rng.choice(names)
        if nm in used:
            nm += f" ({rng.choice(['Line 2', 'Mill B', 'Series 300'])})"
        used.add(nm)
        desc = nm.split("(")[0].strip()
        if fab is True:
            desc += rng.choice([", fabricated", "; fabricated (shop fabrication included)", ", fabricated product"])
        elif fab is False:
            desc += rng.choice([", unfabricated", "; unfabricated mill product", " (not fabricated)"])
        conv = {"t": 1.0, "short_ton": SHORT_TON}
        cells = _fill_cells(rng, ns, g * conv[decl], decl, units, modules, conv)
        attrs = {"steel_product": kind, "fabricated": fab, "route": route}
        out.append(Product(nm, "steel", desc, decl, list(units), list(modules), cells, attrs, {}))
    return out


# ---------------------------------------------------------------- asphalt
def _asphalt_products(rng: random.Random, n: int, ns: NumStyle, decl: str, units: list[str], modules: list[str],
                      opts: dict[str, Any]) -> list[Product]:
    out = []
    used: set[str] = set()
    for i in range(n):
        nom = rng.choice(["9.5", "12.5", "19.0", "25.0", "4.75"])
        pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64S-22", "PG 52-34"])
        rap = rng.choice([0, 10, 15, 20, 25, 30, 35])
        wma = rng.random() < 0.35
        style = rng.random()
        if style < 0.4:
            nm = f"{nom} mm Superpave {pg}" + (f" {rap}% RAP" if rap else "")
        elif style < 0.7:
            nm = f"{rng.choice(['SM', 'IM', 'BM', 'SP'])}-{nom}{rng.choice(['A', 'B', 'D', 'E'])}"
        else:
            nm = f"Mix {rng.randint(100, 999)}-{i + 1}"
        if wma and rng.random() < 0.5:
            nm = "WMA " + nm
        while nm in used:
            nm += f" #{rng.randint(2, 9)}"
        used.add(nm)
        desc = f"{nom} mm nominal max. aggregate, {pg}, {rap}% RAP" + (", warm-mix (foaming)" if wma else ", hot mix")
        g = rng.uniform(40, 122)
        if wma:
            g *= rng.uniform(0.9, 0.98)
        g = max(38.5, g * (1 - rap / 300))
        conv = {"short_ton": 1.0, "t": 1 / SHORT_TON}
        cells = _fill_cells(rng, ns, g * conv[decl], decl, units, modules, conv)
        out.append(Product(nm, "asphalt", desc, decl, list(units), list(modules), cells, {},
                           {"pg": pg, "rap": f"{rap}%", "nmas": f"{nom} mm"}))
    return out


# ---------------------------------------------------------------- cement
def _cement_products(rng: random.Random, n: int, ns: NumStyle, decl: str, units: list[str], modules: list[str],
                     opts: dict[str, Any]) -> list[Product]:
    pool = [("Portland Cement Type I/II", (880, 1010)), ("Portland-Limestone Cement Type IL", (790, 900)),
            ("Type III Portland Cement", (900, 1010)), ("Type II/V Portland Cement", (870, 990)),
            ("Type IL(10) Blended Cement", (800, 880)), ("Type GU Cement", (860, 990)),
            ("Type GUL Portland-Limestone Cement", (790, 880))]
    out = []
    for nm, (lo, hi) in rng.sample(pool, n):
        conv = {"t": 1.0, "short_ton": SHORT_TON}
        g = rng.uniform(lo, hi)
        cells = _fill_cells(rng, ns, g * conv[decl], decl, units, modules, conv)
        desc = f"{nm}, ASTM {'C595' if 'IL' in nm else 'C150'}" if "GU" not in nm else f"{nm}, CSA A3001"
        out.append(Product(nm, "cement", desc, decl, list(units), list(modules), cells, {}, {}))
    return out


# ---------------------------------------------------------------- glass
def _glass_products(rng: random.Random, n: int, ns: NumStyle, decl: str, units: list[str], modules: list[str],
                    opts: dict[str, Any]) -> list[Product]:
    out = []
    used: set[str] = set()
    for _ in range(n):
        kind = rng.choice(["float", "float", "tempered", "laminated", "igu", "coated"])
        th = rng.choice([3, 4, 5, 6, 8, 10])
        if kind == "laminated":
            th = rng.choice([6, 8])
        if kind == "igu":
            th = rng.choice([6, 8])
        mass = th * 2.5
        per_t = rng.uniform(1195, 1600)
        if kind != "float":
            per_t = min(1605, per_t * rng.uniform(1.0, 1.05))
        per_m2 = per_t * mass / 1000
        if per_m2 > 41.5 or per_m2 < 8.1:
            per_t = min(1600, max(1195, 30_000 / mass))
            per_m2 = per_t * mass / 1000
        label = {"float": "Clear Float Glass", "tempered": "Tempered Glass", "laminated": "Laminated Glass",
                 "igu": "Insulating Glass Unit", "coated": "Low-E Coated Glass"}[kind]
        nm = f"{label} {th} mm" if kind != "igu" else f"{label} {th // 2}+{th // 2} mm"
        if kind == "laminated":
            nm = f"{label} {th // 2}+{th // 2} mm PVB"
        while nm in used:
            nm += rng.choice([" (tinted)", " (low-iron)", " (bronze)"])
        used.add(nm)
        desc = {"float": "annealed float glass, not processed", "tempered": "fully tempered (processed)",
                "laminated": "laminated safety glass (processed)", "igu": "sealed insulating glass unit (processed)",
                "coated": "sputter-coated low-E glass (processed)"}[kind]
        desc = f"{desc}; nominal thickness {th} mm; {mass:.1f} kg/m²"
        conv = {"t": 1000 / mass, "m2": 1.0}
        decl_val = per_m2 if decl == "m2" else per_t
        cells = _fill_cells(rng, ns, decl_val, decl, units, modules, conv)
        out.append(Product(nm, "flat_glass", desc, decl, list(units), list(modules), cells,
                           {"glass_processed": kind != "float"},
                           {"mass": f"{mass:.1f} kg/m²", "thickness": f"{th} mm"}))
    return out


MAKERS = {"concrete": _concrete_products, "steel": _steel_products, "asphalt": _asphalt_products,
          "cement": _cement_products, "flat_glass": _glass_products}


def make_plan(seed: int) -> Plan:
    rng = random.Random(seed)
    r = rng.random()
    material = ("concrete" if r < 0.55 else "steel" if r < 0.72 else "asphalt" if r < 0.84 else
                "flat_glass" if r < 0.92 else "cement")
    ns = pick_numstyle(rng)
    opts: dict[str, Any] = {}
    # product count
    if material == "concrete":
        r = rng.random()
        n = (1 if r < 0.22 else rng.randint(2, 8) if r < 0.44 else rng.randint(15, 80) if r < 0.95
             else rng.randint(9, 14))
    elif material == "asphalt":
        r = rng.random()
        n = 1 if r < 0.4 else rng.randint(2, 8) if r < 0.75 else rng.randint(15, 30)
    elif material == "steel":
        n = 1 if rng.random() < 0.55 else rng.randint(2, 5)
    elif material == "cement":
        n = 1 if rng.random() < 0.6 else rng.randint(2, 4)
    else:
        n = 1 if rng.random() < 0.5 else rng.randint(2, 6)
    # units
    if material == "concrete":
        decl = "m3" if rng.random() < 0.6 else "yd3"
        other = "yd3" if decl == "m3" else "m3"
    elif material in ("steel", "cement"):
        decl = "t" if rng.random() < 0.8 else "short_ton"
        other = "short_ton" if decl == "t" else "t"
    elif material == "asphalt":
        decl = "short_ton" if rng.random() < 0.8 else "t"
        other = "t" if decl == "short_ton" else "short_ton"
    else:
        decl = "m2" if rng.random() < 0.6 else "t"
        other = "t" if decl == "m2" else "m2"
    both = rng.random() < {"concrete": 0.6, "steel": 0.45, "asphalt": 0.3, "cement": 0.25, "flat_glass": 0.35}[material]
    units = [decl, other] if both else [decl]
    modules = _modules(rng, material)
    if n > 8 and len(units) == 2 and len(modules) == 4 and rng.random() < 0.5:
        modules = ["A1-A3"]
    opts["strength_unit"] = rng.choice(["psi", "psi", "psi", "mpa", "both"])
    opts["strength_where"] = rng.choice(["column", "column", "name", "description"])
    opts["route"] = rng.choice(["eaf", "eaf", "integrated", None])
    opts["fabricated"] = rng.choice([True, False, False, None])
    products = MAKERS[material](rng, n, ns, decl, units, modules, opts)
    meta = _meta(rng, material, n, products, opts)
    layout, engine = _layout(rng, n)
    return Plan(seed, material, layout, engine, ns, meta, products, opts)


def _layout(rng: random.Random, n: int) -> tuple[str, str]:
    if n == 1:
        choices = [("twoup", "html"), ("dashboard", "html"), ("word", "rl"), ("per_product", "html"),
                   ("twoup", "rl")]
    elif n <= 8:
        choices = [("matrix", "html"), ("matrix", "rl"), ("per_product", "html"), ("per_product", "rl"),
                   ("rows", "html"), ("rows", "rl"), ("dashboard", "html")]
    elif n <= 45:
        choices = [("rows", "html"), ("rows", "html"), ("rows", "rl"), ("annex", "rl")]
    else:  # very long plant tables: reportlab keeps them under a second
        choices = [("rows", "rl"), ("rows", "rl"), ("annex", "rl")]
    return rng.choice(choices)


EPD_TYPES = {"product_specific": ["Product-specific", "Product specific EPD", "Product-Specific, Type III"],
             "facility_specific": ["Facility-specific", "Plant-specific", "Product-specific and facility-specific"],
             "company_average": ["Company average", "Manufacturer-specific average (several plants)"],
             "industry_average": ["Industry-wide (average)", "Industry average EPD", "Sector EPD (industry-wide)"],
             "product_group_average": ["Product group average", "Average of a product group"]}

ASSOC = {"steel": ["Concrete Reinforcing Steel Institute", "American Institute of Steel Construction",
                   "Steel Manufacturers Association"],
         "concrete": ["National Ready Mixed Concrete Association"],
         "asphalt": ["National Asphalt Pavement Association"],
         "flat_glass": ["National Glass Association"], "cement": ["Portland Cement Association"]}

PCRS = {
    "concrete": [("NSF PCR for Concrete, Version 2.1", "August 2021"),
                 ("PCR for Concrete (NSF International), v2.1", "August 2021"),
                 ("ASTM/CLF PCR for Concrete Ready-Mixed, Precast, CMU", "2023")],
    "steel": [("PCR Part B: Designated Steel Construction Products (UL Environment), v2.0", "2020"),
              ("SCS PCR for Steel Products, Version 1.0", "2021"),
              ("ASTM PCR for Steel Products (Reinforcing Bar, Sections, Plate)", "2022")],
    "asphalt": [("NAPA PCR for Asphalt Mixtures, Version 2.0", "2022"), ("PCR for Asphalt Mixtures v1.0", "2017")],
    "flat_glass": [("PCR for Flat Glass (NSF International), Version 2.0", "2020"),
                   ("UL Part B: Processed and Fabricated Glass, v1.0", "2021")],
    "cement": [("PCR for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic Cements (NSF), v3.2", "2021"),
               ("ASTM PCR for Cement, Version 3.1", "2021")],
}


def _meta(rng: random.Random, material: str, n: int, products: list[Product], opts: dict[str, Any]) -> dict[str, Any]:
    op_name, op_addr, op_key = rng.choice(OPERATORS)
    if material == "asphalt" and rng.random() < 0.6:
        op_name, op_addr, op_key = "NAPA Emerge", "6406 Ivy Lane, Suite 350, Greenbelt, MD 20770", "emerge"
    reg = reg_number(rng, op_key)
    r = rng.random()
    if material == "concrete":
        et = ("product_specific" if n == 1 or r < 0.35 else "facility_specific" if r < 0.8 else
              "company_average" if r < 0.92 else "industry_average")
    elif material == "steel":
        et = ("product_specific" if r < 0.4 else "facility_specific" if r < 0.65 else "company_average" if r < 0.78
              else "industry_average" if r < 0.92 else "product_group_average")
    else:
        et = ("product_specific" if r < 0.45 else "facility_specific" if r < 0.75 else "company_average" if r < 0.85
              else "industry_average" if r < 0.95 else "product_group_average")
    pref = rng.choice(PREFIX)
    kind_word = {"concrete": rng.choice(["Ready Mix", "Concrete", "Materials", "Redi-Mix"]),
                 "steel": rng.choice(["Steel", "Steel Mills", "Bar Mill", "Metals"]),
                 "asphalt": rng.choice(["Paving", "Asphalt", "Construction Materials"]),
                 "flat_glass": rng.choice(["Glass", "Architectural Glass", "Float Glass"]),
                 "cement": rng.choice(["Cement", "Cement Company", "Portland Cement"])}[material]
    suffix = rng.choice(["Inc.", "LLC", "Co.", "Corporation", "Ltd.", ""])
    manu = f"{pref} {kind_word} {suffix}".strip()
    plant: str | None = None
    if et == "industry_average":
        manu = rng.choice(ASSOC[material])
    elif et != "company_average":
        city = rng.choice(CITIES)[0]
        plant = rng.choice([f"{city} Plant", f"Plant {rng.randint(2, 40)}", f"{city} Mill" if material == "steel"
                            else f"{city} Works", f"{rng.choice(PREFIX)} Plant #{rng.randint(1, 19)}"])
    c1, c2 = rng.sample(CITIES, 2)
    addr_manu = f"{rng.randint(100, 9999)} {rng.choice(STREETS)}, {c1[0]}, {c1[1]} {c1[2]}"
    addr_plant = f"{rng.randint(100, 9999)} {rng.choice(STREETS)}, {c2[0]}, {c2[1]} {c2[2]}"
    issued = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 4 + 200))
    dstyle = rng.choice(DATE_STYLES)
    years = 5 if rng.random() < 0.9 else rng.choice([3, 10])
    vmode = rng.choice(["until", "period", "range", "expires", "through", "range_iso_dash"])
    end = add_years(issued, years)
    if vmode in ("range", "through") and rng.random() < 0.6:
        end = end - dt.timedelta(days=1)
    fi, fe = fmt_date(issued, dstyle), fmt_date(end, dstyle)
    validity = {
        "until": ("Valid until", fe), "period": ("Period of validity", f"{years} years"),
        "range": ("Validity", f"valid from {fi} to {fe}"), "expires": ("Expires", fe),
        "through": ("Declaration validity period", f"EPD Valid {fi} through {fe}"),
        "range_iso_dash": ("Period of validity", f"{fi} – {fe}"),
    }[vmode]
    if vmode == "period" and rng.random() < 0.5:
        validity = ("Period of Validity", f"{years} Years")
    pcr, pcr_date = rng.choice(PCRS[material])
    pcr_end = dt.date(2024 + rng.randint(0, 4), rng.randint(1, 12), rng.choice([1, 15, 28])
                      if rng.random() < 0.5 else 1)
    if pcr_end.month == 2 and pcr_end.day > 28:
        pcr_end = pcr_end.replace(day=28)
    pcr_valid = rng.choice([f"PCR valid through {fmt_date(pcr_end, dstyle)}",
                            f"(valid until {fmt_date(pcr_end, dstyle)})",
                            f"PCR expiry: {fmt_date(pcr_end, 'long')}"])
    traci = rng.choice(["TRACI 2.1", "TRACI 2.1", "TRACI 2.2"])
    methods = [traci]
    extras = rng.random()
    if extras < 0.3:
        methods.append("IPCC AR5")
    elif extras < 0.4:
        methods.append("IPCC AR6")
    if rng.random() < 0.45:
        methods.append("EN 15804+A2")
    if rng.random() < 0.2:
        methods.append("CML-IA")
    verified = rng.random() < 0.88
    return {"operator": op_name, "operator_addr": op_addr, "op_key": op_key, "reg": reg, "epd_type": et,
            "epd_type_text": rng.choice(EPD_TYPES[et]), "manufacturer": manu, "manu_addr": addr_manu, "plant": plant,
            "plant_addr": addr_plant, "issued": issued, "issued_text": fi, "valid_until": end, "validity": validity,
            "pcr": pcr, "pcr_text": f"{pcr} ({pcr_date}); {pcr_valid}", "traci": traci, "methods": methods,
            "verified": verified, "dstyle": dstyle,
            "verifier": rng.choice(["Thomas P. Gloria, Industrial Ecology Consultants", "Jack Geibig, EcoForm",
                                    "Lindita Bushi, Athena Sustainable Materials Institute",
                                    "Matt Fishwick, Fishwick Environmental", "Jenny Oorbeck, WAP Sustainability"]),
            "lca_by": rng.choice(["Climate Earth", "WAP Sustainability Consulting", "Athena Sustainable Materials "
                                  "Institute", "Sphera Solutions", "ClimateCo LCA Services", "SCS Global Services"]),
            "software": rng.choice(["openLCA 2.0, ecoinvent 3.9.1", "Sphera LCA for Experts (GaBi) 10",
                                    "SimaPro 9.5, US-EI 2.2", "Climate Earth EPD Generator"]),
            }
