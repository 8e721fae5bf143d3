"""Invent realistic products (concrete mixes, steel, asphalt mixes, flat glass, cement) for devgen_g."""

from __future__ import annotations

import random

from .common import PSI_PER_MPA, Product

PSI_CLASSES = [2500, 3000, 3000, 3500, 4000, 4000, 4000, 4500, 5000, 5000, 6000, 7000, 8000]
MPA_CLASSES = [20, 25, 25, 28, 30, 32, 35, 35, 40, 45, 50]


def concrete_mixes(rng: random.Random, n: int, unit: str, use_mpa: bool) -> list[Product]:
    """Invent `n` ready-mixed concrete mixes with distinct codes."""
    style = rng.choice(["code", "numeric", "plant", "psi"])
    prefix = rng.choice(["M", "RM", "C", "MX", "SM"])
    start = rng.randint(100, 900)
    out: list[Product] = []
    seen: set[str] = set()
    for i in range(n):
        mpa = rng.choice(MPA_CLASSES) if use_mpa else None
        psi = float(rng.choice(PSI_CLASSES)) if mpa is None else round(mpa * PSI_PER_MPA, 1)
        age = rng.choices([28, 56, 90], [8, 2, 1])[0]
        he = rng.random() < 0.1
        lw = not he and rng.random() < 0.07
        scm_kind = rng.choice(["FA", "SL", "FA", "SL", "none"])
        scm = 0 if scm_kind == "none" else rng.choice([15, 20, 25, 30, 35, 40, 50])
        slump = rng.choice(["4", "5", "6", "4-6", "8", "3"])
        agg = rng.choice(['3/4"', '1"', '3/8"', '1-1/2"'])
        use = rng.choice(["PUMP", "SLAB", "WALL", "FTG", "PAVING", "", "", "SCC"])
        cls = f"{mpa} MPa" if mpa else f"{int(psi)} PSI"
        k100, k1000, kfull = (mpa, mpa, mpa) if mpa else (int(psi) // 100, int(psi) // 1000, int(psi))
        for _ in range(20):
            if style == "code":
                code = f"{prefix}-{k100}{rng.randint(0, 99):02d}{scm_kind[0] if scm else 'P'}"
            elif style == "numeric":
                code = str(start * 100 + i * rng.randint(1, 7) + rng.randint(0, 5))
            elif style == "plant":
                code = f"{rng.choice('ABCDEFGH')}{rng.randint(10, 99)}-{k1000}{i:02d}"
            else:
                code = f"{kfull}{'HE' if he else ''}{scm_kind if scm else 'PL'}{rng.randint(1, 9)}"
            if code not in seen:
                break
        if code in seen:
            code = f"{code}-{i}"
        seen.add(code)
        words = [cls, agg, use]
        if scm:
            words.append(f"{scm}% {scm_kind}")
        if he:
            words.insert(1, "HE")
        if lw:
            words.insert(1, "LW")
        desc = " ".join(w for w in words if w)
        base_m3 = 150 + psi * 0.042 * (1 - scm / 130) + rng.uniform(-25, 35)
        if he:
            base_m3 *= 1.18
        if lw:
            base_m3 *= 1.1
        base_m3 = min(max(base_m3, 152.0), 548.0)
        base = base_m3 * 0.764555 if unit == "yd3" else base_m3
        p = Product(name=code, material="concrete", declared_unit=unit, base=base, description=desc,
                    strength_psi=psi, strength_age_days=age, lightweight=lw, high_early_strength=he)
        p.strength_text = f"{mpa} MPa" if mpa else f"{int(psi):,} psi"
        p.attrs.update(mpa=mpa, scm=scm, scm_kind=scm_kind, slump=slump, he_days=rng.choice([1, 3, 7]) if he else None,
                       cementitious=int(300 + psi / 20 - scm), density=rng.randint(1750, 1880) if lw else None)
        out.append(p)
    return out


STEEL_KINDS = [
    ("rebar", "Reinforcing bar (rebar), ASTM A615 Grade 60", True),
    ("rebar", "Fabricated reinforcing steel, cut and bent", True),
    ("hot_rolled", "Wide-flange structural sections, ASTM A992", False),
    ("hot_rolled", "Hot-rolled channels and angles", False),
    ("merchant_bar", "Merchant bar quality (MBQ) rounds, flats and angles", True),
    ("plate", "Discrete steel plate, ASTM A572 Gr. 50", False),
    ("hss", "Hollow structural sections (HSS), ASTM A500 Gr. C", False),
    ("sheet", "Hot-rolled sheet and coil", False),
    ("cold_formed", "Cold-formed galvanized studs and track", False),
    ("other", "Special bar quality (SBQ) bar", False),
]


def steel_products(rng: random.Random, n: int, route: str, unit: str, fab_doc: bool | None) -> list[Product]:
    """Invent `n` steel products made by `route` ("eaf" or "integrated")."""
    kinds = rng.sample(STEEL_KINDS, k=min(n, len(STEEL_KINDS)))
    while len(kinds) < n:
        kinds.append(rng.choice(STEEL_KINDS))
    out = []
    sizes = ["#3-#11", "#4-#18", "W8-W14", "W16-W36", '1/4"-2"', "HSS 4x4 - 12x12", "16-10 ga"]
    used: set[str] = set()
    for kind, desc, _ in kinds:
        fabricated = fab_doc if fab_doc is not None else ("Fabricated" in desc or rng.random() < 0.25)
        label = {"rebar": "Rebar", "hot_rolled": "Structural Sections", "merchant_bar": "Merchant Bar",
                 "plate": "Steel Plate", "hss": "HSS", "sheet": "Hot-Rolled Sheet",
                 "cold_formed": "Cold-Formed Framing", "other": "SBQ Bar"}[kind]
        if fabricated and kind in ("rebar", "hot_rolled", "hss", "plate"):
            label = "Fabricated " + label
            if "Fabricated" not in desc:
                desc = desc + ", shop fabricated"
        name = label
        k = 2
        while name in used:
            name = f"{label} {rng.choice(sizes)}" if k == 2 else f"{label} ({k})"
            k += 1
        used.add(name)
        if route == "eaf":
            base_t = rng.uniform(520, 980)
            if kind in ("hss", "cold_formed", "sheet"):
                base_t = rng.uniform(1100, 1650)
        else:
            base_t = rng.uniform(1820, 2480)
        if fabricated:
            base_t += rng.uniform(40, 120)
        base = base_t * 0.907185 if unit == "short_ton" else base_t
        out.append(Product(name=name, material="steel", declared_unit=unit, base=base, description=desc,
                           steel_product=kind, fabricated=fabricated, route=route))
    return out


def asphalt_mixes(rng: random.Random, n: int, unit: str) -> list[Product]:
    """Invent `n` asphalt mixtures."""
    out = []
    used: set[str] = set()
    for i in range(n):
        nmas = rng.choice(["9.5", "12.5", "19.0", "25.0", "4.75"])
        kind = rng.choice(["SP", "SMA", "HMA", "Superpave", "BC", "SM"])
        pg = rng.choice(["PG 64-22", "PG 58-28", "PG 70-22", "PG 76-22", "PG 64-28"])
        rap = rng.choice([0, 10, 15, 20, 25, 30, 35])
        wma = rng.random() < 0.35
        code = f"{kind} {nmas}mm"
        name = code if code not in used else f"{code} {rng.choice('ABCDEFGH')}{i}"
        while name in used:
            name = f"{code} {rng.randint(100, 999)}"
        used.add(name)
        desc = f"{kind} {nmas} mm NMAS, {pg}, {rap}% RAP" + (", warm mix (foaming)" if wma else "")
        base_st = rng.uniform(42, 115) * (1 - rap / 200) * (0.95 if wma else 1)
        base_st = max(base_st, 40.5)
        base = base_st / 0.907185 if unit == "t" else base_st
        out.append(Product(name=name, material="asphalt", declared_unit=unit, base=base, description=desc,
                           attrs={"rap": rap, "pg": pg, "wma": wma}))
    return out


def glass_products(rng: random.Random, n: int, unit: str) -> list[Product]:
    """Invent `n` flat glass products (thickness variants)."""
    tints = ["Clear", "Low-iron", "Gray tint", "Bronze tint", "Green tint", "Clear tempered", "Clear laminated",
             "Low-E coated"]
    thick = [4, 5, 6, 8, 10]
    combos = [(t, h) for t in tints for h in thick]
    rng.shuffle(combos)
    combos = sorted(combos[:n], key=lambda c: (tints.index(c[0]), c[1]))
    out = []
    for tint, th in combos:
        processed = any(w in tint for w in ("tempered", "laminated", "coated"))
        mass = round(th * 2.5, 1)
        base_t = rng.uniform(1220, 1500) * (1.05 if processed else 1)
        name = f"{tint} float glass {th} mm" if not processed else f"{tint} glass {th} mm"
        p = Product(name=name, material="flat_glass", declared_unit="t", base=base_t,
                    description=f"{tint} soda-lime float glass, nominal thickness {th} mm",
                    glass_processed=processed, attrs={"mass_kg_m2": mass, "thick": th})
        if unit == "m2":
            p.base = p.per("m2")
            p.declared_unit = "m2"
        out.append(p)
    return out


def cement_products(rng: random.Random, n: int) -> list[Product]:
    """Invent `n` cements."""
    kinds = [("Type I/II Portland Cement", "ASTM C150 Type I/II portland cement", 930),
             ("Type IL Portland-Limestone Cement", "ASTM C595 Type IL (10% limestone)", 850),
             ("Type III Portland Cement", "ASTM C150 Type III, high early strength", 960),
             ("Type IT(S25) Ternary Blended Cement", "ASTM C595 ternary blended cement", 800),
             ("GUL Portland-Limestone Cement", "CSA A3001 Type GUL", 840),
             ("Masonry Cement Type N", "ASTM C91 masonry cement", 820)]
    out = []
    for name, desc, g in rng.sample(kinds, k=n):
        base = max(801.0, min(998.0, g + rng.uniform(-25, 35)))
        out.append(Product(name=name, material="cement", declared_unit="t", base=base, description=desc))
    return out
