"""Place a product in buyclean's materials and steel categories from category paths, names and descriptions.

Every reader classifies through ``classify_material`` and ``classify_steel``: it lists its clues (the texts that
may say what the product is, each with the evidence to cite) in the order it trusts them, and these functions
decide. Order matters within the word lists too: more specific words win ('concrete masonry' is not ready-mix,
'glass wool' is insulation, not glass).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from buyclean.core.model import (
    Candidate,
    Evidence,
    Extracted,
    Gwp,
    Material,
    SteelProduct,
    SteelRoute,
    SteelType,
)
from buyclean.core.units import convert_per_unit, dimension

# (pattern, material); the first match wins.
_MATERIAL_WORDS: tuple[tuple[str, Material], ...] = (
    (r"mineral wool|glass ?wool|stone ?wool|rock ?wool|insulation|\beps\b|\bxps\b|polystyrene|\bpir\b|\bpur\b"
     r"|dämmstoff|wärmedämm|mineralwolle|steinwolle|glaswolle", Material.INSULATION),
    (r"asphalt|bitumen|hot[- ]mix|warm[- ]mix", Material.ASPHALT),
    # 'glass fibres', 'glass wool', 'glass-reinforced': an ingredient of boards and insulation, not flat glass
    (r"flat ?glass|float ?glass|glass pane|flat_glass|\bglazing\b|\bglass\b(?![- ]?(fib|wool|reinforc|mat\b))|"
     r"flachglas|floatglas", Material.FLAT_GLASS),
    # 'Concrete Reinforcing Steel (ASTM A615)', 'W-shapes': steel, though the first names concrete
    (r"reinforcing steel|reinforcing bars?\b|\brebar\b|reinforcement bars?\b|concrete reinforcing|\bw[- ]shapes?\b",
     Material.STEEL),
    (r"\bcement\b(?! board)(?!itious)|portland", Material.CEMENT),
    # 'beton' / 'betong': German, Danish, Norwegian, also inside 'Stahlbeton'; but 'Betonstahl' is rebar and
    # 'Faserbeton' is fibre cement board
    (r"concrete|ready ?mix|readymix|\bshotcrete\b|\bgrout\b|(?<!faser)beton(?!stahl)", Material.CONCRETE),
    (r"\bsteel\b|\brebar\b|reinforcing bar|\bhss\b|hollow structural|hot[- ]rolled|cold[- ]formed|"
     r"\bplate\b|merchant bar|wide[- ]flange|\bstud\b"
     r"|stahl|stål", Material.STEEL),  # German, Danish, Norwegian ('Betonstahl' and 'armeringsstål' are rebar)
)
_MATERIAL_PATTERNS = tuple((re.compile(pattern), material) for pattern, material in _MATERIAL_WORDS)

# Products that carry those words but are not what the rule tables mean.
_NOT_CONCRETE = re.compile(
    r"masonry|\bcmu\b|block|paver|paving|pipe|precast|fibre cement|fiber cement|cement board|roof tile"
    # German / Danish / Norwegian: precast elements, concrete goods, paving stones
    r"|betong?element|fertigteil|betonwaren|betongvarer|pflaster|porenbeton|gasbeton")


def material_from_text(*texts: str | None) -> Material | None:
    """Return the material named by the first text that names one, or None."""
    for text in texts:
        if not text:
            continue
        low = text.lower()
        for pattern, material in _MATERIAL_PATTERNS:
            if pattern.search(low):
                return material
    return None


def is_cast_in_place_concrete(*texts: str | None) -> bool:
    """True unless a text says the concrete is a masonry unit, precast element, pipe or board."""
    return not any(text and _NOT_CONCRETE.search(text.lower()) for text in texts)


# Sheet, coil and decking come before cold-formed framing: 'galvanized steel sheet coil' and 'cold-formed steel
# deck' are sheet products, which GSA's "cold-formed and galvanized (stud, track, framing)" row does not mean; and
# 'galvanized' alone names a coating, not a product.
_STEEL_WORDS: tuple[tuple[str, SteelProduct], ...] = (
    (r"rebar|reinforcing|reinforcement bar|reinforcing bar", SteelProduct.REBAR),
    (r"\bhss\b|hollow structural|hollow section|structural tube|tubing", SteelProduct.HSS),
    (r"\bsheets?\b|\bcoils?\b|decking|\bdecks?\b", SteelProduct.SHEET),
    (r"cold[- ]formed|\bstuds?\b|\btracks?\b|framing|\bjoists?\b|light[- ]gauge|\bcfs\b", SteelProduct.COLD_FORMED),
    (r"hot[- ]rolled (structural )?section|wide[- ]flange|structural section|\bbeam|hot[- ]rolled shape|"
     r"structural steel shapes?|hotrolled|sections|\bw[- ]shapes?\b|\bchannels\b|\bangles\b|\bh[- ]piles?\b",
     SteelProduct.HOT_ROLLED),
    (r"\bplate\b", SteelProduct.PLATE),
    (r"merchant bar|\bsbq\b|\bmbq\b|special bar", SteelProduct.MERCHANT_BAR),
)
_STEEL_PATTERNS = tuple((re.compile(pattern), product) for pattern, product in _STEEL_WORDS)
_UNFABRICATED = re.compile(r"\bunfabricated\b|\bnon[- ]fabricated\b|mill product")
_FABRICATED = re.compile(r"\bfabricated\b|fabrication")
_EAF = re.compile(r"electric arc|\beaf\b")
_INTEGRATED = re.compile(r"integrated|blast furnace|\bbof\b|basic oxygen")
_WORD_BOUNDARY_IN_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def steel_from_text(*texts: str | None) -> SteelType | None:
    """Steel product, fabrication and route named by the texts, or None when no steel product is named."""
    joined = " ".join(t for t in texts if t).lower()
    product = next((p for pattern, p in _STEEL_PATTERNS if pattern.search(joined)), None)
    if product is None:
        return None
    fabricated: bool | None = None
    if _UNFABRICATED.search(joined):
        fabricated = False
    elif _FABRICATED.search(joined):
        fabricated = True
    route: SteelRoute | None = None
    if _EAF.search(joined):
        route = SteelRoute.EAF
    elif _INTEGRATED.search(joined):
        route = SteelRoute.INTEGRATED
    return SteelType(product, fabricated, route)


def steel_from_category(path: str | None) -> SteelType | None:
    """Steel product named by an openEPD/EC3 category path ('Steel >> StructuralSteel >> HollowSections').

    The leaf is tried first, so 'ColdFormedSteel >> DeckingSteel' is decking, not framing.
    """
    if not path:
        return None
    # 'HollowSections' -> 'Hollow Sections', 'MBQSteel' -> 'MBQ Steel', so the word patterns above apply
    parts = [_WORD_BOUNDARY_IN_CAMEL_CASE.sub(" ", part.strip()) for part in path.split(">>")]
    return steel_from_text(parts[-1]) or steel_from_text(" ".join(parts))


@dataclass(frozen=True)
class Clue:
    """Texts that may say what a product is, and the evidence to cite when they do.

    ``category_path`` marks an openEPD/EC3 category path ('Steel >> RebarSteel'), read leaf first for steel.
    """

    texts: tuple[str | None, ...]
    evidence: Evidence
    category_path: bool = False


def text_or_none(value: object) -> str | None:
    """A document's value as a clue's text: strings only."""
    return value if isinstance(value, str) else None


def classify_material(clues: Sequence[Clue], *, unnamed: Evidence, unnamed_review: str | None = None,
                      misfiled_clues: Sequence[Clue] = (), filed_under: str = "") -> Extracted[Material]:
    """The material named by the first clue that names one, cited by that clue; ``Material.OTHER`` when none does.

    ``unnamed`` is the evidence of OTHER, and ``unnamed_review`` asks for review of it (a name in a language
    buyclean knows few words of). With ``misfiled_clues``, a product whose texts show it is not what its material's
    rule tables mean (built-up roofing filed as asphalt, fibre-cement board as cement) is OTHER, citing the text
    that shows it, with the material as a candidate; ``filed_under`` says where the document filed it.
    """
    for clue in clues:
        found = material_from_text(*clue.texts)
        if found is not None:
            break
    else:
        return Extracted(Material.OTHER, unnamed, (), unnamed_review)
    for other in misfiled_clues:
        if misfiled(found, *other.texts) is not None:
            why = f"{filed_under}, but it is not {found.value.replace('_', ' ')} as Buy Clean means it"
            return Extracted(Material.OTHER, replace(other.evidence, note=why), (Candidate(found, clue.evidence),))
    return Extracted(found, clue.evidence)


def _steel_of(clue: Clue) -> SteelType | None:
    if clue.category_path:
        return next((s for text in clue.texts if (s := steel_from_category(text)) is not None), None)
    return steel_from_text(*clue.texts)


def classify_steel(clues: Sequence[Clue], *, name: Clue, description: Clue, unnamed: Evidence, not_named: str,
                   fabricated: bool | None, fabricated_at: str, route: SteelRoute | None,
                   name_is: str = "the name") -> Extracted[SteelType]:
    """The steel product named by the first clue that names one, with the document's fabrication and route.

    No clue naming one asks for review (``not_named`` says where the reader looked); what the ``description``
    suggests is only a candidate, since descriptions list every part of an assembly. A ``fabricated`` flag
    (found at ``fabricated_at``) that the product's name contradicts asks for review with both readings.
    """
    found: SteelType | None = None
    for clue in clues:
        found = _steel_of(clue)
        if found is not None:
            break
    if found is None:
        hint = _steel_of(description)
        return Extracted(None, unnamed, (Candidate(hint, description.evidence),) if hint else (),
                         not_named + (f"; the description suggests {hint.product.value}" if hint else "")
                         + "; confirm the product type from the EPD document")
    named = _steel_of(name)
    if found.product is SteelProduct.COLD_FORMED and named is not None and named.product is SteelProduct.SHEET:
        # a category 'ColdFormedSteel' holds decking and sheet too; the name says which ('galvanized sheet coil')
        found, clue = SteelType(SteelProduct.SHEET, found.fabricated, found.route), name
    steel = SteelType(found.product, fabricated if fabricated is not None else found.fabricated,
                      route or found.route)
    if named is not None and named.fabricated is not None and fabricated is not None \
            and named.fabricated != fabricated:
        said = "fabricated" if named.fabricated else "unfabricated"
        return Extracted(None, clue.evidence, (Candidate(replace(steel, fabricated=named.fabricated), name.evidence),
                                               Candidate(steel, Evidence(path=fabricated_at, text=str(fabricated)))),
                         f"{name_is} {name.texts[0]!r} says {said} but {fabricated_at} is {fabricated}; check which "
                         "the EPD covers")
    return Extracted(steel, clue.evidence)


# Products filed under a Buy Clean material's category that the rule tables for that material do not mean:
# EC3 files built-up roofing under Asphalt, and fibre-cement boards under Cement.
_MISFILED: dict[Material, re.Pattern[str]] = {
    Material.ASPHALT: re.compile(r"roofing|shingle|\bbur\b|bituminous membrane"),
    Material.CEMENT: re.compile(r"fib(re|er)[- ]?cement|fib(re|er)[- ]?concrete|cement board"),
}


def misfiled(material: Material, *texts: str | None) -> str | None:
    """Return the first text showing that a product filed as ``material`` is something else, or None."""
    pattern = _MISFILED.get(material)
    if pattern is None:
        return None
    return next((text for text in texts if text and pattern.search(text.lower())), None)


# Plausible GWP A1-A3 per unit, as (low, high, unit), by material and declared-unit dimension. Deliberately wide
# (several times the spread of published EPDs): they catch a declared unit that does not match the number (1580
# kgCO2e "per kg" of cement board, 0.22 kgCO2e per m2 of glass), not unusual products. Sources for the typical
# values: NRMCA/EC3 ready-mix 150-600 kg/m3; steel 300 (EAF rebar) to 3000 (integrated), stainless up to ~7000 kg/t;
# hot-mix asphalt 30-120 kg/t; float glass ~1200-1500 kg/t (1 m2 of 3-12 mm glass weighs 7.5-30 kg); cement 500-1100
# kg/t. None is the fallback for every other material: no construction product emits 50 kgCO2e per kg.
_PLAUSIBLE: dict[tuple[Material | None, str], tuple[float, float, str]] = {
    (Material.CONCRETE, "volume"): (40.0, 1200.0, "m3"),
    (Material.CONCRETE, "mass"): (15.0, 600.0, "t"),
    (Material.CEMENT, "mass"): (100.0, 1600.0, "t"),
    (Material.STEEL, "mass"): (150.0, 8000.0, "t"),
    (Material.ASPHALT, "mass"): (5.0, 400.0, "t"),
    (Material.FLAT_GLASS, "mass"): (300.0, 4000.0, "t"),
    (Material.FLAT_GLASS, "area"): (2.0, 250.0, "m2"),
    (None, "mass"): (-3000.0, 50000.0, "t"),
}


def implausible_gwp(material: Material | None, gwp: Gwp) -> str | None:
    """Say why a GWP is implausible for its material and unit (one sentence), or None when it is plausible."""
    dim = dimension(gwp.per_unit)
    if dim is None:
        return None
    key = (material, dim) if (material, dim) in _PLAUSIBLE else (None, dim)
    if key not in _PLAUSIBLE:
        return None
    low, high, unit = _PLAUSIBLE[key]
    value = convert_per_unit(gwp.value, gwp.per_unit, unit)
    if value is None or low <= value <= high:
        return None
    what = key[0].value.replace("_", " ") if key[0] else "any construction product"
    return (f"{gwp.value:g} kgCO2e per {gwp.per_unit} ({value:.4g} kgCO2e/{unit}) is outside the plausible range for "
            f"{what} ({low:g} to {high:g} kgCO2e/{unit}); check the declared unit and the GWP in the EPD document")


# Lightweight concrete: "a density under about 1,900 kg/m3" (domain.md); structural lightweight concrete is
# 1440-1840 kg/m3 (ACI 213R) and normal-weight concrete about 2200-2500 kg/m3.
LIGHTWEIGHT_CONCRETE_MAX_KG_M3 = 1900.0


def lightweight_concrete_review(density_kg_m3: float | None, lightweight: object, where: str) -> str | None:
    """Ask for review when a concrete said to be normal-weight has a lightweight density (a lightweight density
    without a flag is lightweight concrete: the assessment gives it no normal-weight verdict)."""
    if density_kg_m3 is None or lightweight is not False or density_kg_m3 >= LIGHTWEIGHT_CONCRETE_MAX_KG_M3:
        return None
    return (f"the mass per declared unit gives {density_kg_m3:.0f} kg/m3, which is lightweight concrete (below "
            f"{LIGHTWEIGHT_CONCRETE_MAX_KG_M3:g} kg/m3), though {where} is {lightweight!r}; check whether the "
            "normal-weight limits apply")


def _first_match(pattern: re.Pattern[str], texts: Sequence[str | None]) -> str | None:
    for text in texts:
        if text:
            found = pattern.search(text)
            if found:
                return found.group(0)
    return None


# 'LW' (North American mix descriptions, na-epds.md) is matched in capitals only, like 'HE'.
_LIGHTWEIGHT = re.compile(r"\bLW\b|(?i:light[- ]?weight|\blwc\b|\blt\.? ?wt\.?\b|leichtbeton|lettbetong|letbeton)")


def lightweight_words(*texts: str | None) -> str | None:
    """The words in a name or category that say the concrete is lightweight ('Structural Lightweight'), or None."""
    return _first_match(_LIGHTWEIGHT, texts)


# A strength specified at 1 or 3 days suggests a high-early-strength mix (domain.md); 7 days is common for any mix.
HIGH_EARLY_DAYS = 3

# 'HE' is matched in capitals only ('he' is a word); the rest in any case.
_HIGH_EARLY = re.compile(r"\bHE\b|\bHES\b|(?i:\bhigh[- ]early\b|\bhi[- ]early\b|\bearly[- ]strength\b)")


def high_early_words(*texts: str | None) -> str | None:
    """The words in a name that suggest a high-early-strength mix ('HE', 'High Early'), or None."""
    return _first_match(_HIGH_EARLY, texts)


# GSA's flat glass row is float glass: processed glass and insulating glass units are excluded. English, and the
# German shorthands of the EC3/ÖKOBAUDAT records (ESG tempered, VSG laminated, TVG heat-strengthened, Isolierglas).
_PROCESSED_GLASS = re.compile(
    r"\btemper(ed|ing)\b|toughened|laminat(ed|ing)\b|(?<!un)coated|coating|low[- ]?e\b|insulat(ed|ing) glass|"
    r"insulating glaz|glazing unit|\bigus?\b|\big units?\b|double[- ]glaz|triple[- ]glaz|heat[- ]strengthen|"
    r"heat[- ]soak|reflective|mirror|spandrel|fritted|silvered|processed|fabricated glass|"
    r"\besg\b|\bvsg\b|\btvg\b|isolierglas|verbund|beschicht|vorgespannt|sicherheitsglas", re.IGNORECASE)


_SHEET = re.compile(r"\bsheets?\b|\bcoils?\b|decking|\bdecks?\b", re.IGNORECASE)


def sheet_words(*texts: str | None) -> str | None:
    """The words that say a steel product is sheet, coil or decking (not cold-formed framing), or None."""
    return _first_match(_SHEET, texts)


def processed_glass_words(*texts: str | None) -> str | None:
    """The words that say a glass product is processed (tempered, laminated, coated) or an IGU, or None."""
    spaced = [_WORD_BOUNDARY_IN_CAMEL_CASE.sub(" ", t) if t else t for t in texts]
    return _first_match(_PROCESSED_GLASS, spaced)


_NOT_FABRICATED = re.compile(r"\bunfabricated\b|\bnon[- ]fabricated\b|mill products?\b|not fabricated|fabrication "
                             r"(?:is |are )?(?:not included|excluded)|excludes? fabrication")
_FABRICATION_INCLUDED = re.compile(r"fabrication (?:at the (?:shop|fabricator)\w* )?(?:is |are )?included|includes? "
                                   r"(?:shop )?fabrication|\bfabricated\b")


_COMPARISON = re.compile(r"\b(?:world|global|industry|national|sector)\b[^.;]{0,40}\baverage\b|benchmark|\bcompar|"
                         r"\bby contrast\b|\bwhereas\b|\bunlike\b")


def steel_route_in(text: str | None) -> SteelRoute | None:
    """The steelmaking route a document's prose names, when it names one only ('produced in an electric arc
    furnace (EAF) mini-mill'); None when it names none or both."""
    # a sentence comparing with others ('the world steel average for the BF-BOF route is ...') says nothing of
    # this document's own route
    low = " ".join(s for s in re.split(r"(?<=[.;])\s+", (text or "").lower()) if not _COMPARISON.search(s))
    eaf, integrated = bool(_EAF.search(low) or "mini-mill" in low or "minimill" in low), bool(_INTEGRATED.search(low))
    if eaf == integrated:
        return None
    return SteelRoute.EAF if eaf else SteelRoute.INTEGRATED


def fabrication_in(text: str | None) -> bool | None:
    """Whether a document's prose says its steel is fabricated ('fabrication at the shop is included') or not
    ('unfabricated mill product'); None when it says neither or both."""
    low = (text or "").lower()
    # 'fabrication is included for fabricated products': says which products are fabricated, not that these are
    low = " ".join(s for s in re.split(r"(?<=[.;])\s+", low) if not _CONDITIONAL_FABRICATION.search(s))
    no, yes = bool(_NOT_FABRICATED.search(low)), bool(_FABRICATION_INCLUDED.search(low))
    if no == yes:
        return None
    return yes


_CONDITIONAL_FABRICATION = re.compile(r"\b(?:for|of)\s+(?:the\s+)?(?:fabricated|unfabricated)\s+(?:products?|items?|"
                                      r"ones|steel|sections|members)\b|\b(?:where|if|when)\s+(?:fabricated|applicable)\b")


_DECLARED_UNIT_SENTENCE = re.compile(r"(?:declared|functional) unit[^.\n]{0,120}", re.I)
_CONCRETE_DOCUMENT = re.compile(r"ready[- ]?mix(?:ed)?|concrete|shotcrete|flowable fill|controlled density fill"
                                r"|\bcdf\b", re.I)
_CEMENT_DOCUMENT = re.compile(r"\bcement\b(?! board)(?!itious)", re.I)


def _most_named(text: str) -> Material | None:
    """The material a text names most often ('Steel Products ... Concrete Reinforcing Steel ... steel'), each word
    counted once, for the most specific material it names ('glass wool' is insulation, not glass); the first in
    ``_MATERIAL_WORDS`` on a tie."""
    low = text.lower()
    counts: dict[Material, int] = {}
    for pattern, material in _MATERIAL_PATTERNS:
        found = len(pattern.findall(low))
        if found:
            counts[material] = counts.get(material, 0) + found
            low = pattern.sub(" ", low)
    return max(counts, key=lambda m: counts[m]) if counts else None


@functools.lru_cache(maxsize=4)  # asked for each product of a document whose own name names no material
def document_material(text: str) -> Material | None:
    """The material a document declares, when its products' own names say nothing: the declared unit's sentence
    ('1 m3 of ready mixed concrete'), else the first material its first pages name. Cement is an ingredient of
    concrete: a document that speaks of concrete more than of cement declares concrete."""
    for m in _DECLARED_UNIT_SENTENCE.finditer(text):
        found = material_from_text(m.group(0))
        if found is not None:
            return found
    found = _most_named(text[:3000])
    if found is Material.CEMENT and len(_CONCRETE_DOCUMENT.findall(text)) >= len(_CEMENT_DOCUMENT.findall(text)):
        return Material.CONCRETE
    return found
