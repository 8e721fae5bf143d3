"""Random products (concrete mixes, steel, asphalt mixtures, flat glass, cement) with their printed GWP values."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .content import fmt_num, fmt_small, parse_num

YD3 = 0.764555
SHORT = 0.907185
PSI_PER_MPA = 145.038
UNIT_TEXT = {"m3": "m^3", "yd3": "yd^3", "t": "t", "short_ton": "short ton", "m2": "m^2", "kg": "kg"}
UNIT_PLAIN = {"m3": "m3", "yd3": "yd3", "t": "metric ton", "short_ton": "short ton", "m2": "m2", "kg": "kg"}


@dataclass
class Product:
    name: str
    material: str
    description: str | None
    canonical: float  # GWP A1-A3 per canonical unit (m3, t, short_ton for asphalt)
    fracs: tuple[float, float, float]
    strength_psi: float | None = None
    strength_text: str | None = None
    strength_age: int | None = None
    early_text: str | None = None
    lightweight: bool = False
    high_early: bool = False
    steel_product: str | None = None
    fabricated: bool | None = None
    route: str | None = None
    glass_processed: bool | None = None
    thickness_mm: float | None = None
    mass_m2: float | None = None
    printed: dict[str, dict[str, str]] = field(default_factory=dict)  # unit -> module -> text
    gwp: dict[str, float] = field(default_factory=dict)
    others: dict[str, str] = field(default_factory=dict)
    alt: dict[str, str] = field(default_factory=dict)  # other-method GWP A1-A3 per unit
    page: int = 10**6

    def per_unit(self, unit: str) -> float:
        c = self.canonical
        if self.material == "concrete":
            return c if unit == "m3" else c * YD3
        if self.material == "asphalt":
            return c if unit == "short_ton" else c / SHORT
        if unit == "m2":
            assert self.mass_m2 is not None
            return c * self.mass_m2 / 1000.0
        return c * SHORT if unit == "short_ton" else c


def _frac(rng: random.Random, material: str) -> tuple[float, float, float]:
    a1, a2 = {
        "concrete": (rng.uniform(0.78, 0.9), rng.uniform(0.03, 0.08)),
        "steel": (rng.uniform(0.35, 0.65), rng.uniform(0.02, 0.06)),
        "asphalt": (rng.uniform(0.5, 0.7), rng.uniform(0.05, 0.12)),
        "flat_glass": (rng.uniform(0.3, 0.45), rng.uniform(0.02, 0.05)),
        "cement": (rng.uniform(0.08, 0.15), rng.uniform(0.01, 0.03)),
    }[material]
    return a1, a2, 1.0 - a1 - a2


def concrete(rng: random.Random, *, mpa: bool, idx: int, code_style: str) -> Product:
    he = rng.random() < 0.08
    lw = rng.random() < 0.07
    if mpa:
        m = rng.choice([20, 25, 28, 30, 32, 35, 40, 45, 50])
        psi = round(m * PSI_PER_MPA, 6)
        stext = f"{m} MPa"
        nominal = m
    else:
        psi = float(rng.choice([2500, 3000, 3000, 3500, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000]))
        stext = f"{int(psi)} psi"
        nominal = int(psi)
    age = rng.choices([28, 56, 90], [0.8, 0.15, 0.05])[0]
    agg = rng.choice(['3/4"', '3/8"', '1"', '1.5"', "#57", "#67"])
    scm = rng.choice(["", " 20% FA", " 25% FA", " 30% SL", " 40% SLAG", " 15% FA", " TERNARY"])
    extras = rng.choice(["", " PUMP", " AE", " SCC", " EXT", " FTG", " WALL", " CarbonCure"])
    unit_word = "MPA" if mpa else "PSI"
    desc = f"{nominal} {unit_word} {agg}{extras}{scm}"
    if he:
        desc = "HE " + desc
    if lw:
        desc = desc + " LW"
    n = {
        "dash": f"{nominal}-{rng.choice(['AE', 'NA', 'P', 'FA', 'SL', 'XP'])}-{rng.randint(1, 40):02d}",
        "mix": f"Mix {rng.randint(100, 999)}{rng.choice('ABCDEFGHJK')}{rng.randint(0, 99):02d}",
        "code": f"{rng.choice(['RM', 'C', 'MX', 'PC'])}{nominal // (1 if mpa else 100):02d}{rng.randint(10, 99)}"
                f"{rng.choice(['N', 'F', 'S', 'L', ''])}",
        "num": f"{rng.randint(10, 99)}{idx:03d}{rng.randint(0, 9)}",
    }[code_style]
    base = 150 + (psi - 2500) / 5500 * 260 + rng.uniform(-30, 40)
    if "SL" in scm or "FA" in scm or "TERNARY" in scm:
        base -= rng.uniform(10, 40)
    base += 60 if he else 0
    base += 45 if lw else 0
    p = Product(name=n, material="concrete", description=desc, canonical=min(max(base, 152.0), 545.0),
                fracs=_frac(rng, "concrete"), strength_psi=psi, strength_text=stext, strength_age=age,
                lightweight=lw, high_early=he)
    if he:
        p.early_text = f"{rng.choice([1, 3, 7])}-day: {int(psi * rng.uniform(0.5, 0.75)) // 50 * 50:,} psi"
    return p


STEEL_KINDS = {
    "rebar": ["Concrete reinforcing bar (rebar), Grade 60", "#4-#11 Rebar, ASTM A615 Gr. 60", "Rebar",
              "Reinforcing Bar"],
    "merchant_bar": ["Merchant bar quality (MBQ) rounds, flats and angles", "Merchant Bar", "SBQ and merchant bar"],
    "hot_rolled": ["Wide-flange beams (ASTM A992)", "Hot-rolled structural sections", "Structural shapes W/S/C"],
    "plate": ["Discrete cut-to-length plate (A36/A572)", "Steel plate", "Heavy plate"],
    "hss": ["Hollow structural sections (HSS), ASTM A500", "HSS round and rectangular", "Structural tubing (HSS)"],
    "sheet": ["Hot-rolled coil and sheet", "Galvanized sheet", "Cold-rolled sheet"],
    "cold_formed": ["Cold-formed steel studs and track", "Light-gauge framing (CFS)"],
}


def steel(rng: random.Random, kind: str, route: str, fabricated: bool) -> Product:
    if route == "eaf":
        lo, hi = {"rebar": (500, 1000), "merchant_bar": (600, 1050), "hot_rolled": (700, 1150),
                  "plate": (800, 1200), "hss": (1100, 1700), "sheet": (900, 1400),
                  "cold_formed": (1300, 1900)}[kind]
    else:
        lo, hi = 1800, 2500
    v = rng.uniform(lo, hi)
    if fabricated:
        v *= rng.uniform(1.05, 1.18)
    name = rng.choice(STEEL_KINDS[kind])
    if fabricated and rng.random() < 0.6:
        name = f"Fabricated {name[0].lower()}{name[1:]}"
    return Product(name=name, material="steel", description=None, canonical=v, fracs=_frac(rng, "steel"),
                   steel_product=kind, fabricated=fabricated, route=route)


def asphalt(rng: random.Random) -> Product:
    size = rng.choice(["9.5mm", "12.5mm", "19mm", "25mm", "4.75mm"])
    pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64S-22", "PG 52-34"])
    kind = rng.choice(["HMA", "WMA", "SMA", "SP", "Superpave"])
    rap = rng.choice([0, 10, 15, 20, 25, 30, 35])
    name = rng.choice([f"{kind} {size} {pg}", f"{kind} {size} {rap}% RAP", f"Mix {rng.randint(1000, 9999)}",
                       f"{kind}-{size.replace('mm', '')}-{rng.randint(1, 9)}"])
    desc = f"{kind} surface/base course, {size} NMAS, {pg}, {rap}% RAP"
    if kind == "WMA":
        desc += ", warm-mix (foaming)"
    return Product(name=name, material="asphalt", description=desc, canonical=rng.uniform(40, 118),
                   fracs=_frac(rng, "asphalt"))


def glass(rng: random.Random, thickness: float, processed: bool) -> Product:
    kind = rng.choice(["tempered", "laminated", "low-E coated", "insulating glass unit"]) if processed else "clear"
    tint = rng.choice(["Clear", "Low-iron", "Tinted (gray)", "Tinted (bronze)"])
    name = f"{tint} float glass {thickness:g} mm" if not processed else f"{kind.capitalize()} glass {thickness:g} mm"
    mass = round(thickness * 2.5, 2)
    desc = f"{tint} soda-lime float glass" if not processed else f"{kind.capitalize()} glass on {tint.lower()} float"
    return Product(name=name, material="flat_glass", description=desc,
                   canonical=rng.uniform(1210, 1590), fracs=_frac(rng, "flat_glass"), glass_processed=processed,
                   thickness_mm=thickness, mass_m2=mass)


def cement(rng: random.Random) -> Product:
    name = rng.choice(["Type IL Portland-limestone cement", "Type I/II Portland cement", "Type III Portland cement",
                       "Type IL(10)", "Type GU (general use) cement", "Type IP blended cement"])
    v = rng.uniform(800, 900) if "IL" in name or "IP" in name else rng.uniform(880, 1000)
    return Product(name=name, material="cement", description=f"{name} per ASTM C150/C595", canonical=v,
                   fracs=_frac(rng, "cement"))


def fill_printed(rng: random.Random, p: Product, units: list[str], modules: list[str], style: str, dec: int,
                 alt_factor: float | None, small: str) -> None:
    """Format GWP per unit and module; the expected values are parsed back from the printed strings."""
    for u in units:
        v = p.per_unit(u)
        row: dict[str, str] = {}
        parts = [v * f for f in p.fracs]
        for mod, part in zip(("A1", "A2", "A3"), parts, strict=True):
            if mod in modules:
                row[mod] = fmt_num(part, style, dec)
        if "A1-A3" in modules:
            row["A1-A3"] = fmt_num(v, style, dec)
            p.gwp[u] = parse_num(row["A1-A3"])
        else:
            p.gwp[u] = round(sum(parse_num(row[m]) for m in ("A1", "A2", "A3")), 6)
        p.printed[u] = row
        if alt_factor is not None:
            p.alt[u] = fmt_num(v * alt_factor, style, dec)
    base = p.per_unit(units[0])
    p.others = {
        "ODP": fmt_small(base * rng.uniform(2e-9, 2e-8), small),
        "AP": fmt_num(base * rng.uniform(0.002, 0.006), "plain", 2) if style not in ("sci", "sci_comma", "sci_lower")
        else fmt_small(base * rng.uniform(0.002, 0.006), style),
        "EP": fmt_small(base * rng.uniform(1e-4, 5e-4), small),
        "SFP": fmt_num(base * rng.uniform(0.03, 0.09), "plain", 2),
        "PED": fmt_num(base * rng.uniform(5, 14), "comma" if style == "comma" else "plain", 0),
        "WATER": fmt_num(base * rng.uniform(0.002, 0.01), "plain", 2),
    }
