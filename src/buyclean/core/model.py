"""Domain values: what an EPD says, and what buyclean concluded from it.

Every value a reader extracts is an ``Extracted``: the value, where it was found, and, when the reader is
unsure, the alternatives it saw and why it is unsure. Nothing here knows about files, the web or a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Material(StrEnum):
    CONCRETE = "concrete"
    STEEL = "steel"
    ASPHALT = "asphalt"
    FLAT_GLASS = "flat_glass"
    CEMENT = "cement"
    INSULATION = "insulation"
    OTHER = "other"


class EpdType(StrEnum):
    """What one EPD covers. Facility-specific: one product from one plant (for steel, the mill); product-specific: one
    manufacturer's product, the plants not stated; company average: one manufacturer's product averaged over several
    of its plants; industry average: several manufacturers."""

    FACILITY_SPECIFIC = "facility_specific"
    PRODUCT_SPECIFIC = "product_specific"
    COMPANY_AVERAGE = "company_average"
    INDUSTRY_AVERAGE = "industry_average"
    PRODUCT_GROUP_AVERAGE = "product_group_average"
    WORST_CASE = "worst_case"
    UNKNOWN = "unknown"


class SteelProduct(StrEnum):
    REBAR = "rebar"
    HSS = "hss"
    HOT_ROLLED = "hot_rolled"
    COLD_FORMED = "cold_formed"
    PLATE = "plate"
    MERCHANT_BAR = "merchant_bar"
    SHEET = "sheet"
    OTHER = "other"


class SteelRoute(StrEnum):
    EAF = "eaf"
    INTEGRATED = "integrated"


@dataclass(frozen=True)
class Evidence:
    """Where a value came from: a JSON path, or a PDF page with a box and the text read there."""

    path: str | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    note: str | None = None

    def describe(self) -> str:
        """Return a one-line human description, e.g. 'page 4: "GWP-total 2.41E+02"'."""
        parts = []
        if self.path is not None:
            parts.append(self.path)
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.text:
            parts.append(f'"{self.text[:80]}"')
        if self.note:
            parts.append(f"({self.note})")
        return " ".join(parts) or "no evidence"


@dataclass(frozen=True)
class Candidate(Generic[T]):
    value: T
    evidence: Evidence


@dataclass(frozen=True)
class Extracted(Generic[T]):
    """A value read from a document; ``review`` is set when the reader is not sure of it."""

    value: T | None
    evidence: Evidence = field(default_factory=Evidence)
    candidates: tuple[Candidate[T], ...] = ()
    review: str | None = None

    @property
    def needs_review(self) -> bool:
        return self.review is not None

    @property
    def known(self) -> bool:
        """True when there is a value and the reader is sure of it."""
        return self.value is not None and self.review is None


def missing(reason: str | None = None, evidence: Evidence | None = None) -> Extracted[T]:
    """Return an Extracted with no value; with a reason, it asks for review."""
    return Extracted(None, evidence or Evidence(), (), reason)


@dataclass(frozen=True)
class Quantity:
    """An amount of a canonical unit (see ``units.UNITS``), e.g. Quantity(1.0, "yd3")."""

    value: float
    unit: str


@dataclass(frozen=True)
class Gwp:
    """GWP A1-A3 in kg CO2e per one ``per_unit`` (a canonical unit: m3, yd3, t, short_ton, kg, m2, ...)."""

    value: float
    per_unit: str
    indicator: str  # e.g. "GWP-total", "GWP (TRACI 2.1)"
    modules: str = "A1-A3"  # "A1-A3" when declared aggregated, "A1+A2+A3" when summed by the reader
    method: str | None = None  # LCIA method, e.g. "TRACI 2.1", "EN 15804+A2"

    @property
    def unit(self) -> str:
        return f"kgCO2e/{self.per_unit}"


@dataclass(frozen=True)
class Strength:
    """Specified compressive strength as declared; ``psi`` is the value used to pick a rule row."""

    value: float
    unit: str  # "psi" or "MPa"
    psi: float
    kind: str = "cylinder"  # "cylinder" or "cube" (converted) or "unspecified"
    age_days: int = 28


@dataclass(frozen=True)
class SteelType:
    product: SteelProduct
    fabricated: bool | None = None
    route: SteelRoute | None = None


@dataclass(frozen=True)
class Product:
    name: Extracted[str]
    material: Extracted[Material]
    declared_unit: Extracted[Quantity]
    gwp_a1a3: Extracted[Gwp]
    category: Extracted[str] = field(default_factory=lambda: Extracted[str](None))
    compressive_strength: Extracted[Strength] = field(default_factory=lambda: Extracted[Strength](None))
    high_early_strength: Extracted[bool] = field(default_factory=lambda: Extracted[bool](None))
    steel: Extracted[SteelType] = field(default_factory=lambda: Extracted[SteelType](None))
    mass_per_declared_unit_kg: Extracted[float] = field(default_factory=lambda: Extracted[float](None))
    notes: tuple[str, ...] = ()
    # True when the EPD says the concrete is lightweight (a flag, or its name); False when it says normal-weight.
    # The assessment also reads the density (mass per declared unit per m3) and the name itself.
    lightweight: Extracted[bool] = field(default_factory=lambda: Extracted[bool](None))
    # Set only by an officer's review decision: high early strength is (True) or is not (False) required for
    # technical reasons. Only a True here lets a rule row's high-early-strength allowance apply.
    high_early_strength_required: Extracted[bool] = field(default_factory=lambda: Extracted[bool](None))
    # kg per m3, for a GWP declared per mass that a limit per volume compares (concrete declared per tonne)
    density_kg_m3: Extracted[float] = field(default_factory=lambda: Extracted[float](None))
    # ready-mixed (True) or precast and other manufactured forms (False); when unknown, the name and category decide
    cast_in_place: Extracted[bool] = field(default_factory=lambda: Extracted[bool](None))
    # Set only by an officer's review decision: why no limit of any rule set applies to this product
    no_limit: Extracted[str] = field(default_factory=lambda: Extracted[str](None))


@dataclass(frozen=True)
class Epd:
    format: str  # "buyclean", "openepd", "ec3", "ilcd", "iso22057", "pdf"
    products: tuple[Product, ...]
    registration_number: Extracted[str] = field(default_factory=lambda: Extracted[str](None))
    program_operator: Extracted[str] = field(default_factory=lambda: Extracted[str](None))
    manufacturer: Extracted[str] = field(default_factory=lambda: Extracted[str](None))
    plants: tuple[str, ...] = ()
    issued: Extracted[dt.date] = field(default_factory=lambda: Extracted[dt.date](None))
    valid_until: Extracted[dt.date] = field(default_factory=lambda: Extracted[dt.date](None))
    epd_type: Extracted[EpdType] = field(default_factory=lambda: Extracted[EpdType](None))
    third_party_verified: Extracted[bool] = field(default_factory=lambda: Extracted[bool](None))
    pcr: Extracted[str] = field(default_factory=lambda: Extracted[str](None))
    # Set only by an officer's review decision: the PCR read is (True) or is not (False) acceptable where a rule set
    # names another PCR, or another version, for the EPD's material. The evidence's text is the PCR decided on: a
    # decision holds only while ``pcr`` reads the same.
    pcr_accepted: Extracted[bool] = field(default_factory=lambda: Extracted[bool](None))
    standards: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


class ProgramState(StrEnum):
    """Whether the program behind a rule set still binds anyone."""

    IN_FORCE = "in_force"
    CONTRACT_BOUND_LEGACY = "contract_bound_legacy"  # binds only contracts that incorporate it
    RESCINDED = "rescinded"


_STATE_WORDS = {ProgramState.IN_FORCE: "in force", ProgramState.CONTRACT_BOUND_LEGACY: "contract-bound legacy",
                ProgramState.RESCINDED: "rescinded"}


@dataclass(frozen=True)
class ProgramStatus:
    """A rule set's program status, its legal basis and a dated note, as the rule file states them."""

    state: ProgramState
    legal_basis: str
    as_of: dt.date
    summary: str  # one sentence, for certificates and one-line answers
    note: str  # the full dated note

    @property
    def words(self) -> str:
        return _STATE_WORDS[self.state]

    def line(self) -> str:
        """One line for pages, the CLI and certificates: 'contract-bound legacy (as of 2025-07-04): ...'."""
        return f"Program status: {self.words} (as of {self.as_of.isoformat()}): {self.summary}"


@dataclass(frozen=True)
class Source:
    filename: str
    sha256: str
    format: str
    size_bytes: int


# --- Conclusions -----------------------------------------------------------------------------------------


class Status(StrEnum):
    """Per-rule status of a GWP against a rule row."""

    PASS = "pass"
    FAIL = "fail"
    NO_LIMIT = "no_limit"
    NEEDS_REVIEW = "needs_review"
    NOT_APPLICABLE = "not_applicable"


class Overall(StrEnum):
    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    NEEDS_REVIEW = "needs_review"
    ERROR = "error"


class FindingStatus(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Finding:
    """The outcome of one document check (validity, EPD type, verification, A1-A3 present)."""

    check: str
    status: FindingStatus
    message: str
    rulesets: tuple[str, ...] = ()  # the rule sets that ask for this check; () for every rule set


@dataclass(frozen=True)
class TierMargin:
    tier: str
    label: str
    limit: float
    margin: float  # limit - gwp, in the rule's unit; positive means below the limit
    passed: bool


@dataclass(frozen=True)
class Verdict:
    """How one product's GWP compares with one rule set's applicable row."""

    ruleset: str
    ruleset_version: str
    status: Status
    message: str
    rule: str | None = None  # row id
    why: str | None = None  # why this row applies (strength class, steel category, ...)
    unit: str | None = None  # the rule's unit, e.g. "kgCO2e/m3"
    gwp: float | None = None  # the product's GWP converted to the rule's unit
    tier: str | None = None  # best tier passed
    tier_label: str | None = None
    limit: float | None = None  # the limit of the best tier passed, or of the loosest tier when failing
    margins: tuple[TierMargin, ...] = ()
    source: str | None = None
    confidence: str | None = None
    effective_from: dt.date | None = None
    conversion: str | None = None  # e.g. "264.29 kgCO2e/yd3 / 0.764555 = 345.68 kgCO2e/m3"
    indicator: str | None = None  # the GWP compared, e.g. "GWP (TRACI 2.1), A1-A3"
    allowance: str | None = None  # an allowance applied to the limits and who confirmed it (high early strength)
    tier_note: str | None = None  # what the buyer must document when the best tier met is not the preferred one
    program_status: str | None = None  # the rule set's program status, one line
    asks: tuple[str, ...] = ()  # product fields an officer's decision would settle (high_early_strength_required)


@dataclass(frozen=True)
class ProductAssessment:
    product: Product
    verdicts: tuple[Verdict, ...]
    findings: tuple[Finding, ...]
    status: Overall
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assessment:
    source: Source
    epd: Epd
    checked_on: dt.date
    rulesets: tuple[tuple[str, str, str], ...]  # (id, version, name)
    products: tuple[ProductAssessment, ...]
    findings: tuple[Finding, ...]
    status: Overall
    program_status: tuple[tuple[str, ProgramStatus], ...] = ()  # (rule set id, its status), as in ``rulesets``
