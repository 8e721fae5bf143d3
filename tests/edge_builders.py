"""One EPD described once (``Case``), written in every input format buyclean reads, for the verdict edge tests.

Each builder turns a Case into an ``Epd`` the way that format arrives: the JSON formats as bytes through
``read_epd``; ``markers`` builds the Epd a PDF reader must produce from a PDF that prints the same facts, naming the
model fields it fills (see ``markers``). A format that cannot say what a case needs raises ``Unsayable`` with the
reason, and the test is skipped with it.

``pdf`` prints the Case as a North American EPD (WeasyPrint) and reads it with the PDF reader, so every edge test
runs on the PDF path too.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from buyclean.core.classification import material_from_text, steel_from_text
from buyclean.core.model import (
    Candidate,
    Epd,
    EpdType,
    Evidence,
    Extracted,
    Gwp,
    Material,
    Product,
    Quantity,
    SteelProduct,
    SteelRoute,
    SteelType,
)
from buyclean.core.readers import read_epd
from buyclean.core.units import gwp_per_unit, parse_strength

ISSUED = "2024-03-01"
VALID_UNTIL = "2029-02-28"
NSF_CONCRETE = ("NSF PCR for Concrete", "2.1")
STEEL_PCR = ("PCR for Designated Steel Construction Products", "2.0")
GLASS_PCR = ("NSF PCR for Flat Glass", "2.0")
CEMENT_PCR = ("NSF PCR for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic (Stucco) Cements", "3.2")
ASPHALT_PCR = ("NAPA PCR for Asphalt Mixtures", "2.0")
EN_CONCRETE = ("c-PCR-003 Concrete and concrete elements (EN 16757)", "1")

_DEFAULT_PCR = {Material.CONCRETE: NSF_CONCRETE, Material.STEEL: STEEL_PCR, Material.FLAT_GLASS: GLASS_PCR,
                Material.CEMENT: CEMENT_PCR, Material.ASPHALT: ASPHALT_PCR}
# EC3 / openEPD category paths, by material and steel product
_CATEGORY = {Material.CONCRETE: "Concrete >> ReadyMix", Material.FLAT_GLASS: "Openings >> Glazing >> GlassPanes >> "
             "FlatGlassPanes", Material.CEMENT: "ManufacturingInputs >> CementitiousMaterials >> Cement",
             Material.ASPHALT: "Asphalt"}
_STEEL_CATEGORY = {SteelProduct.REBAR: "Steel >> RebarSteel",
                   SteelProduct.HSS: "Steel >> StructuralSteel >> HollowSections",
                   SteelProduct.PLATE: "Steel >> PlateSteel",
                   SteelProduct.HOT_ROLLED: "Steel >> StructuralSteel >> HotRolledSections",
                   SteelProduct.COLD_FORMED: "Steel >> ColdFormedSteel",
                   # the worst case: a sheet product filed under the general cold-formed category
                   SteelProduct.SHEET: "Steel >> ColdFormedSteel"}
_GWP_TOTAL = "6a37f984-a4b3-458a-a20a-64418c145fa2"
_GWP_FOSSIL = "5f635281-343e-44fb-83df-1971b155e6b6"
_GWP_BIOGENIC = "2356e1ab-0185-4db5-86e5-16de51c7485c"


class Unsayable(Exception):
    """The format cannot say what the case needs."""


@dataclass(frozen=True)
class Case:
    """An EPD with one product. ``gwp`` is kg CO2e per declared unit; ``unit`` is m3 or t."""

    material: Material
    name: str
    gwp: float
    unit: str = "m3"
    strength: str | None = None  # the specified 28-day strength, e.g. "27.5 MPa", "3960 psi"
    strength_3d: str | None = None  # a strength given at 3 days (suggests high early strength)
    lightweight: bool | None = None  # the EPD's flag
    mass_kg: float | None = None  # per declared unit
    high_early: bool | None = None  # the EPD's flag
    indicator: str = "total"  # "total", "fossil" or "biogenic"
    epd_type: EpdType = EpdType.PRODUCT_SPECIFIC
    pcr: tuple[str, str] | str | None = "default"
    steel: SteelProduct | None = None
    fabricated: bool | None = None
    route: str | None = None  # "eaf" or "bof"
    flat_route: bool = False  # EC3: the route as steel_making_route_* booleans
    category: str | None = None  # an EC3/openEPD category path other than the material's default
    verified: bool = True
    issued: str = ISSUED
    valid_until: str = VALID_UNTIL

    @property
    def pcr_pair(self) -> tuple[str, str] | None:
        return _DEFAULT_PCR.get(self.material) if self.pcr == "default" else self.pcr  # type: ignore[return-value]

    @property
    def pcr_text(self) -> str | None:
        pair = self.pcr_pair
        return f"{pair[0]}, version {pair[1]}" if pair else None

    @property
    def mass(self) -> float:
        if self.mass_kg is not None:
            return self.mass_kg
        return 1000.0 if self.unit == "t" else 2400.0

    @property
    def category_path(self) -> str:
        if self.category:
            return self.category
        if self.material is Material.STEEL and self.steel is not None:
            return _STEEL_CATEGORY[self.steel]
        return _CATEGORY.get(self.material, "Other")

    def named_with_strength(self) -> str:
        """The name, with the strength in it (ILCD and ISO 22057 give a concrete's strength only in its name)."""
        if self.strength and self.strength not in self.name:
            return f"{self.name} {self.strength}"
        return self.name


# --- buyclean JSON ---------------------------------------------------------------------------------------------


def native(case: Case) -> Epd:
    if case.strength_3d is not None:
        raise Unsayable("the buyclean format has no field for a strength at 3 days (it has high_early_strength)")
    if case.flat_route:
        raise Unsayable("the EC3 export's flat steel_making_route_* booleans are EC3's own")
    indicator = {"total": "GWP-total", "fossil": "GWP-fossil", "biogenic": "GWP-biogenic"}[case.indicator]
    product: dict[str, Any] = {"name": case.name, "material": case.material.value,
                               "declared_unit": {"quantity": 1, "unit": case.unit},
                               "gwp_a1a3": {"value": case.gwp, "indicator": indicator},
                               "mass_per_declared_unit_kg": case.mass}
    if case.strength:
        value, unit = case.strength.split()
        product["compressive_strength"] = {"value": float(value), "unit": unit}
    if case.lightweight is not None:
        product["lightweight"] = case.lightweight
    if case.high_early is not None:
        product["high_early_strength"] = case.high_early
    if case.steel is not None:
        steel: dict[str, Any] = {"product": case.steel.value}
        if case.fabricated is not None:
            steel["fabricated"] = case.fabricated
        if case.route:
            steel["route"] = "eaf" if case.route == "eaf" else "integrated"
        product["steel"] = steel
    doc: dict[str, Any] = {"buyclean_epd": "1", "registration_number": "EPD-EDGE-1", "program_operator":
                           "NSF International", "manufacturer": "Edge Products Co", "plants": ["Plant 1"],
                           "issued": case.issued, "valid_until": case.valid_until, "epd_type": case.epd_type.value,
                           "third_party_verified": case.verified, "standards": ["ISO 14025", "ISO 21930"],
                           "products": [product]}
    if case.pcr_text:
        doc["pcr"] = case.pcr_text
    return read_epd(json.dumps(doc).encode())


# --- EC3 -------------------------------------------------------------------------------------------------------


def ec3(case: Case) -> Epd:
    if case.indicator != "total":
        raise Unsayable("an EC3 record carries one summary GWP, with no indicator to name")
    if case.high_early is not None:
        raise Unsayable("an EC3 record has no high-early-strength flag (it gives a strength at N days)")
    declaration = {EpdType.INDUSTRY_AVERAGE: "Industry EPD"}.get(case.epd_type, "Product EPD")
    if case.epd_type not in (EpdType.INDUSTRY_AVERAGE, EpdType.PRODUCT_SPECIFIC, EpdType.FACILITY_SPECIFIC):
        # a record that is not plant_specific reads as product-specific, which BCCA also refuses (needs review)
        raise Unsayable(f"EC3's declaration_type and plant_specific cannot say {case.epd_type.value}")
    doc: dict[str, Any] = {
        "open_xpd_uuid": "ec3edge", "name": case.name,
        "category": {"openepd": case.category_path, "declared_unit": f"1 {case.unit}"},
        "declared_unit": f"1 {case.unit}", "gwp": f"{case.gwp} kgCO2e", "mass_per_declared_unit": f"{case.mass} kg",
        "date_of_issue": case.issued, "date_validity_ends": case.valid_until, "declaration_type": declaration,
        "product_specific": True, "manufacturer_specific": True,
        # EC3 marks a one-plant EPD plant_specific; a company average (several plants) is not
        "plant_specific": case.epd_type is EpdType.FACILITY_SPECIFIC,
        "third_party_verified": case.verified, "program_operator": {"name": "NSF International"},
        "program_operator_fkey": "EPD-EDGE-1", "manufacturer": {"name": "Edge Products Co"},
    }
    if case.pcr_pair:
        doc["pcr"] = {"name": case.pcr_pair[0], "version": case.pcr_pair[1]}
    if case.strength:
        doc["concrete_compressive_strength_28d"] = case.strength
    if case.strength_3d:
        doc["concrete_compressive_strength_other"] = case.strength_3d
        doc["concrete_compressive_strength_other_d"] = 3
    if case.lightweight is not None:
        doc["lightweight"] = case.lightweight
    if case.fabricated is not None:
        doc["fabricated"] = case.fabricated
    if case.route:
        if case.flat_route:
            doc.update(steel_making_route_eaf=case.route == "eaf", steel_making_route_bof=case.route == "bof",
                       steel_making_route_ohf=False)
        else:
            doc["making_route"] = {"eaf": case.route == "eaf", "bof": case.route == "bof"}
    return read_epd(json.dumps(doc).encode())


# --- openEPD ---------------------------------------------------------------------------------------------------


def openepd(case: Case) -> Epd:
    if case.high_early is not None:
        raise Unsayable("openEPD has no high-early-strength flag (it gives a strength at N days)")
    if case.flat_route:
        raise Unsayable("the EC3 export's flat steel_making_route_* booleans are EC3's own")
    if case.epd_type not in (EpdType.PRODUCT_SPECIFIC, EpdType.INDUSTRY_AVERAGE):
        raise Unsayable(f"openEPD's doctype says product EPD or industry EPD, not {case.epd_type.value}")
    key = {"total": "gwp", "fossil": "gwp-fossil", "biogenic": "gwp-biogenic"}[case.indicator]
    specs: dict[str, Any] = {}
    if case.material is Material.CONCRETE:
        concrete: dict[str, Any] = {"ReadyMix": {}}
        if case.strength:
            concrete["strength_28d"] = case.strength
        if case.strength_3d:
            concrete.update(strength_other=case.strength_3d, strength_other_d=3)
        if case.lightweight is not None:
            concrete["lightweight"] = case.lightweight
        specs["Concrete"] = concrete
    if case.material is Material.STEEL:
        steel: dict[str, Any] = {}
        if case.fabricated is not None:
            steel["fabricated"] = case.fabricated
        if case.route:
            steel["making_route"] = {"eaf": case.route == "eaf", "bof": case.route == "bof"}
        specs["Steel"] = steel
    doc: dict[str, Any] = {
        "doctype": "openIndustryEpd" if case.epd_type is EpdType.INDUSTRY_AVERAGE else "openEPD",
        "product_name": case.name, "date_of_issue": f"{case.issued}T00:00:00Z",
        "valid_until": f"{case.valid_until}T00:00:00Z", "declared_unit": {"qty": 1, "unit": case.unit},
        "kg_per_declared_unit": {"qty": case.mass, "unit": "kg"},
        "product_classes": {"io.cqd.ec3": case.category_path}, "program_operator": {"name": "NSF International"},
        "program_operator_doc_id": "EPD-EDGE-1", "manufacturer": {"name": "Edge Products Co"},
        "plants": [{"name": "Plant 1"}], "compliance": [{"short_name": "ISO 14025"}, {"short_name": "ISO 21930"}],
        "specs": specs,
        "impacts": {"TRACI 2.1": {key: {"A1A2A3": {"mean": case.gwp, "unit": "kgCO2e"}}}},
    }
    if case.verified:
        doc["third_party_verifier"] = {"name": "Independent Verifier"}
    if case.pcr_pair:
        doc["pcr"] = {"name": case.pcr_pair[0], "version": case.pcr_pair[1]}
    return read_epd(json.dumps(doc).encode())


# --- ILCD+EPD (soda4LCA JSON) -----------------------------------------------------------------------------------


def ilcd(case: Case) -> Epd:
    if case.lightweight is not None or case.high_early is not None or case.strength_3d is not None:
        raise Unsayable("ILCD+EPD has no lightweight or high-early flag and no early strength (only names)")
    if case.steel is not None or case.flat_route:
        raise Unsayable("ILCD+EPD names no steel product type, fabrication or route")
    subtype = {EpdType.PRODUCT_SPECIFIC: "specific dataset", EpdType.INDUSTRY_AVERAGE: "representative dataset",
               EpdType.PRODUCT_GROUP_AVERAGE: "average dataset"}.get(case.epd_type)
    if subtype is None:
        raise Unsayable(f"ILCD+EPD's subType cannot say {case.epd_type.value}")
    uuid = {"total": _GWP_TOTAL, "fossil": _GWP_FOSSIL, "biogenic": _GWP_BIOGENIC}[case.indicator]
    volume = case.unit == "m3"
    properties = ([{"uuid": "93a60a56-a3c8-22da-a746-0800200c9a66", "referenceFlowProperty": True, "meanValue": 1.0,
                    "referenceUnit": "m3"}, {"uuid": "93a60a56-a3c8-11da-a746-0800200b9a66", "meanValue": case.mass}]
                  if volume else [{"uuid": "93a60a56-a3c8-11da-a746-0800200b9a66", "referenceFlowProperty": True,
                                   "meanValue": 1.0, "referenceUnit": "kg"}])
    doc: dict[str, Any] = {
        "processInformation": {
            "dataSetInformation": {"name": {"baseName": [{"value": case.named_with_strength(), "lang": "en"}]}},
            "quantitativeReference": {"referenceToReferenceFlow": [1]},
            "time": {"dataSetValidUntil": case.valid_until, "other": {"anies": [
                {"name": "publicationDateOfEPD", "value": case.issued}]}},
        },
        "modellingAndValidation": {
            "LCIMethodAndAllocation": {
                "typeOfDataSet": "EPD", "other": {"anies": [{"name": "subType", "value": subtype}]},
                **({"referenceToLCAMethodDetails": [{"shortDescription": [{"value": case.pcr_text, "lang": "en"}]}]}
                   if case.pcr_text else {})},
            "validation": {"review": [{"type": "Independent external review" if case.verified else
                                       "Independent internal review"}]},
            "complianceDeclarations": {"compliance": [{"referenceToComplianceSystem": {"shortDescription": [
                {"value": "ISO 14025", "lang": "en"}]}}]},
        },
        "administrativeInformation": {"publicationAndOwnership": {
            "registrationNumber": "EPD-EDGE-1",
            "referenceToOwnershipOfDataSet": {"shortDescription": [{"value": "Edge Products Co", "lang": "en"}]},
            "other": {"anies": [{"name": "referenceToPublisher", "value": {"shortDescription": [
                {"value": "NSF International", "lang": "en"}]}}]}}},
        "exchanges": {"exchange": [{"dataSetInternalID": 1, "referenceFlow": True,
                                    "meanAmount": 1.0 if volume else 1000.0, "flowProperties": properties}]},
        "LCIAResults": {"LCIAResult": [{"referenceToLCIAMethodDataSet": {"refObjectId": uuid},
                                        "other": {"anies": [{"module": "A1-A3", "value": str(case.gwp)}]}}]},
    }
    return read_epd(json.dumps(doc).encode())


# --- EN ISO 22057 ----------------------------------------------------------------------------------------------


def iso22057(case: Case) -> Epd:
    if case.lightweight is not None or case.high_early is not None or case.strength_3d is not None:
        raise Unsayable("EN ISO 22057 has no lightweight or high-early field and no early strength (only names)")
    if case.steel is not None or case.flat_route:
        raise Unsayable("EN ISO 22057 names no steel product type, fabrication or route")
    kind = {EpdType.PRODUCT_SPECIFIC: "specific product", EpdType.FACILITY_SPECIFIC: "specific product from one plant",
            EpdType.COMPANY_AVERAGE: "one manufacturer, average of several plants",
            EpdType.INDUSTRY_AVERAGE: "average from several manufacturers"}.get(case.epd_type)
    if kind is None:
        raise Unsayable(f"cannot say {case.epd_type.value}")
    indicator = {"total": "global warming potential - total", "fossil": "global warming potential - fossil fuels",
                 "biogenic": "global warming potential - biogenic"}[case.indicator]
    items = {"product name": case.named_with_strength(), "EPD programme operator": "NSF International",
             "EPD registration number": "EPD-EDGE-1", "publication date of EPD": case.issued,
             "data set valid until": case.valid_until, "manufacturer(s) providing data": "Edge Products Co",
             "production site(s) name": "Plant 1",
             "type of verification": "external verification" if case.verified else "internal verification",
             "EPD type - product representativeness according to ISO 21930": kind,
             "core PCR": "ISO 21930:2017", "programme operator product level PCR": case.pcr_text or "",
             "mass conversion factor": str(case.mass),
             "reference quantity (volume)": "1" if case.unit == "m3" else "",
             "reference quantity (mass)": "1000" if case.unit == "t" else ""}
    doc = {"subScenarios": [{"name": "EPD", "subScenarioItems": [{"name": k, "value": v} for k, v in items.items()]}],
           "subIndicators": [{"name": "EN 15804:2012+A2:2019 Mandatory LCIA Indicators", "subIndicatorItems": [
               {"name": indicator, "values": [{"name": "A1-A3", "unit": "kg CO2 -eq", "value": str(case.gwp)}]}]}]}
    return read_epd(json.dumps(doc).encode())


# --- what a PDF reader must produce ----------------------------------------------------------------------------


def markers(case: Case) -> Epd:
    """The Epd a PDF reader must build from a PDF printing this case's facts: the model fields it fills.

    Product: ``name``, ``material`` (classify_material), ``declared_unit``, ``gwp_a1a3`` (a ``Gwp`` whose
    ``indicator`` says which GWP row was read: "GWP-total" / "GWP" (TRACI) are compared, "GWP-fossil" etc. never;
    ``method`` the LCIA method), ``compressive_strength`` (the 28-day one), ``high_early_strength`` (True when the
    PDF says high early strength; unknown with review and a True candidate when a 1- or 3-day strength suggests
    it), ``lightweight`` (True/False when the PDF says lightweight / normal-weight), ``mass_per_declared_unit_kg``
    (gives the density), ``steel`` (classify_steel on the product's name: 'galvanized sheet coil' is SHEET).
    Epd: ``epd_type`` (FACILITY_SPECIFIC for one plant or mill, COMPANY_AVERAGE for several plants of one
    manufacturer), ``pcr`` (the PCR's name and version as printed), ``standards`` ("ISO 14025", ...),
    ``third_party_verified``, ``program_operator``, ``registration_number``, ``issued``, ``valid_until``, ``plants``.
    """
    ev = Evidence(page=1, text=case.name)
    indicator = {"total": "GWP-total", "fossil": "GWP-fossil", "biogenic": "GWP-biogenic"}[case.indicator]
    value, per = gwp_per_unit(case.gwp, Quantity(1.0, case.unit))
    gwp: Extracted[Gwp] = Extracted(Gwp(value, per, indicator, "A1-A3", "TRACI 2.1"), Evidence(page=4))
    if not math.isfinite(case.gwp):
        gwp = Extracted(None, Evidence(page=4, text=str(case.gwp)), (), "the GWP cell is not a number")
    strength = parse_strength(case.strength) if case.strength else None
    high_early: Extracted[bool] = Extracted(None)
    if case.high_early is not None:
        high_early = Extracted(case.high_early, Evidence(page=2, text="High early strength"))
    elif case.strength_3d:
        high_early = Extracted(None, Evidence(page=2, text=f"{case.strength_3d} at 3 days"),
                               (Candidate(True, Evidence(page=2)),), f"a {case.strength_3d} strength at 3 days "
                               "suggests a high-early-strength mix")
    steel: Extracted[SteelType] = Extracted(None)
    if case.material is Material.STEEL:
        named = steel_from_text(case.name)
        if named is None:
            named = SteelType(case.steel) if case.steel else None
        if named is not None:
            route = {"eaf": SteelRoute.EAF, "bof": SteelRoute.INTEGRATED}.get(case.route or "")
            steel = Extracted(replace(named, fabricated=case.fabricated, route=route), ev)
    product = Product(
        name=Extracted(case.name, ev),
        material=Extracted(material_from_text(case.name) or case.material, ev),
        declared_unit=Extracted(Quantity(1.0, case.unit), Evidence(page=3)), gwp_a1a3=gwp,
        compressive_strength=Extracted(strength, Evidence(page=2)) if strength else Extracted(None),
        high_early_strength=high_early, steel=steel,
        mass_per_declared_unit_kg=Extracted(case.mass, Evidence(page=3)),
        lightweight=Extracted(case.lightweight, Evidence(page=2)) if case.lightweight is not None
        else Extracted(None))
    return Epd(format="pdf", products=(product,), registration_number=Extracted("EPD-EDGE-1", Evidence(page=1)),
               program_operator=Extracted("NSF International", Evidence(page=1)),
               manufacturer=Extracted("Edge Products Co", Evidence(page=1)), plants=("Plant 1",),
               issued=Extracted(dt.date.fromisoformat(case.issued), Evidence(page=1)),
               valid_until=Extracted(dt.date.fromisoformat(case.valid_until), Evidence(page=1)),
               epd_type=Extracted(case.epd_type, Evidence(page=1)),
               third_party_verified=Extracted(case.verified, Evidence(page=1)),
               pcr=Extracted(case.pcr_text, Evidence(page=1)) if case.pcr_text else Extracted(None),
               standards=("ISO 14025", "ISO 21930"))


_TYPE_TEXT = {EpdType.FACILITY_SPECIFIC: "Facility-specific (one plant)", EpdType.PRODUCT_SPECIFIC: "Product-specific",
              EpdType.COMPANY_AVERAGE: "Company average of 3 plants", EpdType.INDUSTRY_AVERAGE: "Industry-wide EPD",
              EpdType.PRODUCT_GROUP_AVERAGE: "Product group average", EpdType.WORST_CASE: "Worst case of 4 products"}
_UNIT_TEXT = {"m3": "1 m3 of {what}", "t": "1 metric ton of {what}", "m2": "1 m2 of {what}",
              "yd3": "1 yd3 of {what}"}
_CSS = ("@page { size: Letter; margin: 18mm } body { font-family: 'DejaVu Sans'; font-size: 9pt } "
        "table { border-collapse: collapse; margin: 6pt 0 } td, th { border: 0.5pt solid #888; padding: 2pt 5pt } "
        "h1 { font-size: 16pt } h2 { font-size: 12pt; page-break-before: always }")


def _long_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d:%B} {d.day}, {d.year}"


def pdf_html(case: Case) -> str:
    """The case as a North American EPD: a cover table, a product description, TRACI results (EF 3.1 for a case
    whose GWP is fossil or biogenic, which such a document gives no TRACI value for)."""
    from html import escape

    if not math.isfinite(case.gwp):
        raise Unsayable("a PDF prints numbers; a non-finite GWP only arrives in JSON")
    if case.flat_route:
        raise Unsayable("the EC3 export's flat steel_making_route_* booleans are EC3's own")
    what = {Material.CONCRETE: "ready mixed concrete", Material.STEEL: "steel", Material.FLAT_GLASS: "flat glass",
            Material.CEMENT: "cement", Material.ASPHALT: "asphalt mixture"}.get(case.material, "product")
    cover = [("Program Operator", "NSF International"), ("Declaration Number", "EPD-EDGE-1"),
             ("Manufacturer", "Edge Products Co"), ("Plant", "Plant 1, 100 Main Street, Springfield, IL 62701"),
             ("Date of Issue", _long_date(case.issued)), ("Valid Until", _long_date(case.valid_until)),
             ("Declared Unit", _UNIT_TEXT[case.unit].format(what=what)), ("EPD Type", _TYPE_TEXT[case.epd_type])]
    if case.pcr_text:
        cover.append(("PCR", case.pcr_text))
    cover.append(("Verification", "Independent third-party verification of the declaration, external" if case.verified
                  else "Internal review by the manufacturer"))
    described = [f"{escape(case.name)}."]
    if case.strength:
        described.append(f"Specified compressive strength at 28 days: {case.strength}.")
    if case.strength_3d:
        described.append(f"Early strength {case.strength_3d} at 3 days.")
    if case.high_early:
        described.append("A high early strength mix.")
    if case.lightweight is True:
        described.append("Structural lightweight concrete.")
    elif case.lightweight is False:
        described.append("Normal-weight concrete.")
    if case.mass_kg is not None and case.unit == "m3":
        described.append(f"Density {case.mass_kg:,.0f} kg/m3.")
    if case.route:
        described.append("Produced by the electric arc furnace (EAF) route." if case.route == "eaf" else
                         "Produced by the integrated basic oxygen furnace (BF-BOF) route.")
    if case.indicator == "total":
        title, rows = "Life cycle impact assessment results, TRACI 2.1", [
            ("Global warming potential (GWP)", "kg CO2 eq"), ("Ozone depletion potential", "kg CFC-11 eq"),
            ("Acidification potential", "kg SO2 eq")]
    else:
        title, rows = "Life cycle impact assessment results, EN 15804+A2 (EF 3.1)", [
            (f"Climate change - {case.indicator} (GWP-{case.indicator})", "kg CO2 eq"),
            ("Ozone depletion (ODP)", "kg CFC-11 eq"), ("Acidification (AP)", "mol H+ eq")]
    values = [f"{case.gwp:.4g}", "1.2E-05", "0.85"]
    table = "".join(f"<tr><td>{n}</td><td>{u}</td><td>{v}</td></tr>" for (n, u), v in zip(rows, values, strict=True))
    return (f"<html><head><style>{_CSS}</style></head><body><h1>Environmental Product Declaration</h1>"
            f"<p><b>{escape(case.name)}</b></p><table>"
            + "".join(f"<tr><td><b>{k}</b></td><td>{escape(v)}</td></tr>" for k, v in cover)
            + "</table><p>This declaration conforms to ISO 14025 and ISO 21930. Cradle to gate (A1-A3).</p>"
            f"<h2>Product description</h2><p>{' '.join(described)}</p>"
            f"<h2>Results</h2><p>{title}, per declared unit ({_UNIT_TEXT[case.unit].format(what=what)}).</p>"
            f"<table><tr><th>Indicator</th><th>Unit</th><th>A1-A3</th></tr>{table}</table></body></html>")


@functools.cache
def _pdf_bytes(case: Case) -> bytes:
    from weasyprint import HTML

    from tests.pdfgen import font_config

    return HTML(string=pdf_html(case)).write_pdf(font_config=font_config())  # type: ignore[no-any-return]


def pdf(case: Case) -> Epd:
    """The case printed as a PDF and read by the PDF reader."""
    return read_epd(_pdf_bytes(case))


Builder = Callable[[Case], Epd]
BUILDERS: dict[str, Builder] = {"native": native, "ec3": ec3, "openepd": openepd, "ilcd": ilcd,
                                "iso22057": iso22057, "markers": markers, "pdf": pdf}
