"""The running text of an EPD: company, product, scope, interpretation. Plausible, varied, full of numbers and
dates that are not the declaration's own."""

from __future__ import annotations

import random

from .plan import Plan

STEEL_WORDS = {
    "rebar": "concrete reinforcing bar", "merchant_bar": "merchant bar", "hot_rolled": "hot-rolled structural section",
    "hss": "hollow structural section", "plate": "plate", "sheet": "sheet and coil product", "cold_formed":
    "cold-formed framing product",
}


def company(rng: random.Random, plan: Plan) -> list[str]:
    m = plan.manufacturer
    year = rng.randint(1921, 1995)
    if plan.epd_type == "industry_average":
        return [
            f"{m} represents producers across the United States and Canada. Member companies that contributed "
            f"primary data for the {plan.data_year} reference year operate {rng.randint(18, 900)} facilities; "
            "the results are production-weighted averages and do not represent any single producer.",
            "Participation in the data collection was voluntary. Facility data were screened for completeness and "
            f"outliers by {plan.lca_by} before averaging, and the averaging approach was reviewed as part of the "
            "independent verification.",
        ]
    what = {"concrete": "ready mixed concrete", "steel": "steel products", "flat_glass": "architectural glass",
            "asphalt": "asphalt paving mixtures", "cement": "portland and blended cements"}[plan.material]
    paras = [
        f"Founded in {year}, {m} supplies {what} to contractors, public agencies and developers throughout the "
        f"region. The company employs about {rng.randint(40, 2400)} people and is headquartered at "
        f"{plan.mfr_address}.",
        rng.choice([
            f"{m} has participated in its industry's sustainability programs since {rng.randint(2005, 2018)} and "
            "publishes this declaration to give specifiers transparent, third-party verified data.",
            "Quality management at every facility follows ISO 9001, and the environmental management system is "
            f"certified to ISO 14001:2015 (certificate renewed {rng.randint(2019, 2024)}).",
            f"Annual production capacity is approximately {rng.randint(80, 900) * 1000:,} "
            f"{'cubic yards' if plan.material == 'concrete' else 'tons'}, delivered within a "
            f"{rng.randint(25, 90)}-mile radius of the plant.",
        ]),
    ]
    if plan.epd_type == "company_average":
        paras.append(f"The results in this declaration are the production-weighted average of {plan.n_plants} "
                     f"plants operated by {m}; they are not specific to any one facility.")
    return paras


def product(rng: random.Random, plan: Plan) -> list[str]:
    p0 = plan.products[0]
    if plan.material == "concrete":
        paras = [
            "Ready mixed concrete is a mixture of portland or blended cement, supplementary cementitious materials "
            "(fly ash, slag cement, silica fume), aggregates, water and chemical admixtures, batched at the plant "
            "and delivered to the jobsite in truck mixers. Products are manufactured to ASTM C94 and the project's "
            "specifications.",
            f"This declaration covers {len(plan.products)} concrete mix design{'s' if len(plan.products) > 1 else ''}"
            + (f" produced at {plan.plant}, {plan.plant_address}." if plan.plant else
               f" representative of {plan.manufacturer}'s production.")
            + " Specified compressive strength is the strength at 28 days unless a later test age is stated.",
        ]
        if any(p.high_early for p in plan.products):
            paras.append("Mixes designated HE are high-early-strength mixes proportioned to reach the stated "
                         "strength at an early age (for example to strip forms or open pavements sooner).")
        if any(p.lightweight for p in plan.products):
            paras.append("Mixes designated LW use expanded shale lightweight aggregate; the equilibrium density "
                         "is given in pounds per cubic foot (PCF).")
        return paras
    if plan.material == "steel":
        routes = {p.route for p in plan.products}
        paras = []
        if "eaf" in routes:
            paras.append(rng.choice([
                f"Steel is produced at {plan.plant or 'the mills'} by the electric arc furnace (EAF) route: "
                f"ferrous scrap (about {p0.attrs.get('recycled', '95%')} recycled content) is melted in an EAF, "
                "refined in a ladle furnace, continuously cast into billets or blooms and hot rolled.",
                "The mini-mill melts recycled scrap in an electric arc furnace (EAF). Liquid steel is cast and "
                "rolled on site; no blast furnace or coke oven is operated.",
            ]))
        if "integrated" in routes:
            paras.append(rng.choice([
                "Steel is made at an integrated mill: iron ore pellets, coke and limestone are charged to the blast "
                "furnace, and the hot metal is converted to steel in a basic oxygen furnace (BOF) before casting "
                "and hot rolling.",
                "The product is made by the blast furnace / basic oxygen furnace (BF-BOF) route at an integrated "
                f"steelworks, with about {rng.randint(14, 28)}% scrap charged to the BOF.",
            ]))
        for p in plan.products:
            word = STEEL_WORDS.get(p.steel_product or "", "steel product")
            if p.fabricated:
                paras.append(f"{p.name}: {word} cut, drilled, bent or welded at the fabrication shop. Shop "
                             "fabrication (A3) is included in the results.")
            else:
                paras.append(f"{p.name}: unfabricated {word} as shipped from the mill; fabrication is not included.")
        return paras
    if plan.material == "flat_glass":
        if p0.glass_processed:
            return ["The declared products are processed (fabricated) glass: float glass purchased from primary "
                    "manufacturers is cut, edged, and then tempered, laminated, coated or assembled into insulating "
                    "glass units at the fabrication plant.",
                    "Float glass production upstream is included in A1 using supplier-specific data where available."]
        return ["Flat glass is produced by the float process: batch materials (silica sand, soda ash, dolomite, "
                "limestone and cullet) are melted at about 1,550 °C and floated on molten tin to form a ribbon of "
                "uniform thickness, which is annealed and cut.",
                f"Cullet makes up about {rng.randint(15, 35)}% of the batch. The plant's ENERGY STAR Energy "
                f"Performance Score is {rng.randint(50, 95)}."]
    if plan.material == "asphalt":
        return ["Asphalt mixtures consist of aggregates, asphalt binder and, where used, reclaimed asphalt pavement "
                "(RAP) and additives. Warm-mix technologies lower the production temperature by 30-50 °F.",
                f"The {plan.plant or 'plants'} is a {rng.choice(['drum', 'batch', 'counterflow drum'])} plant fired "
                f"with {rng.choice(['natural gas', 'recycled fuel oil', 'propane'])}; burner fuel and electricity "
                "were metered for the reference year."]
    return ["Portland cement is made by heating limestone and clay or shale in a kiln to form clinker, which is "
            "interground with gypsum. Portland-limestone cement (Type IL) replaces part of the clinker with up to "
            "15% finely ground limestone.",
            f"The {plan.plant or 'plants'} operates a {rng.choice(['preheater/precalciner', 'long dry', 'preheater'])}"
            f" kiln with a clinker capacity of {rng.randint(6, 30) * 100000:,} short tons per year."]


def scope(rng: random.Random, plan: Plan) -> list[str]:
    y = plan.data_year
    return [
        f"This is a cradle-to-gate EPD: it covers raw material supply (A1), transport to the manufacturing site "
        f"(A2) and manufacturing (A3). Primary data cover January 1, {y} through December 31, {y}.",
        rng.choice([
            "Cut-off criteria: processes contributing less than 1% of total mass and energy may be excluded, "
            "provided the total of excluded flows does not exceed 5% of energy use, mass and environmental impacts.",
            "All known flows were included. The cut-off rules of ISO 21930:2017 section 7.1.8 (1% per flow, 5% in "
            "total) were applied; capital goods and personnel are excluded.",
        ]),
        rng.choice([
            "Allocation between co-products follows ISO 14044 section 4.3.4, using mass where physical "
            "relationships cannot be established. Recycled inputs enter the system burden-free (cut-off approach).",
            "Plant-level energy and water use were allocated to products by mass of production. No co-product "
            "allocation was required.",
        ]),
        f"The life cycle assessment was performed by {plan.lca_by} using {plan.software} and {plan.database}. "
        f"Electricity was modelled with the eGRID {rng.choice(['2020', '2021', '2022'])} subregion mix.",
    ]


def interpretation(rng: random.Random, plan: Plan) -> list[str]:
    words = {"concrete": "cement", "steel": "electricity and alloys", "flat_glass": "natural gas combustion in the "
             "furnace", "asphalt": "asphalt binder", "cement": "clinker production"}[plan.material]
    share = rng.randint(55, 92)
    paras = [f"Raw material supply (A1) dominates most indicators; {words} accounts for about {share}% of the "
             "global warming potential of the production stage."]
    if plan.material == "concrete":
        base = rng.randint(300, 420)
        paras.append(f"For comparison, the NRMCA regional benchmark for a 4000 psi mix is {base} kg CO2e per m3 "
                     f"({round(base * 0.764555)} kg CO2e per yd3). Benchmarks are given for information and are not "
                     "results of this EPD.")
    elif plan.material == "steel":
        paras.append(f"The world steel average for the BF-BOF route is about {rng.randint(2100, 2400)} kg CO2e per "
                     "tonne of crude steel (worldsteel, 2023); it is not comparable with this EPD.")
    paras.append("EPDs of construction products may not be comparable if they do not comply with ISO 21930, or if "
                 "they are based on different PCRs or different background data.")
    return paras


def additional(rng: random.Random, plan: Plan) -> list[str]:
    if plan.material == "asphalt":
        return [f"Emerald Eco-Label techniques used at this plant: RAP content above 20% in "
                f"{rng.randint(1, len(plan.products))} mixes; warm-mix technology; burner tuned "
                f"{plan.date(plan.issued.replace(year=plan.issued.year - 1))}."]
    if plan.material == "concrete":
        return ["Concrete is locally produced; typical delivery distance to site is "
                f"{rng.randint(8, 30)} miles. Returned concrete is reclaimed or crushed for use as aggregate."]
    return [f"Recycled content and regional material information are available on request. Data for the previous "
            f"version of this EPD (issued {plan.date(plan.issued.replace(year=plan.issued.year - 5))}) are "
            "superseded."]
