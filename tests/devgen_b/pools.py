"""Names, places, operators and rule documents the generator draws from (all companies and people are fictional)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Operator:
    key: str
    name: str  # as printed
    long_name: str
    address: str
    web: str
    color: tuple[int, int, int]
    cover: str  # the template's usual cover
    us: bool = True  # a US program (month-first slash dates are plausible)


OPERATORS = {
    "nsf": Operator("nsf", "NSF International", "NSF International - National Center for Sustainability Standards",
                    "789 N. Dixboro Road, Ann Arbor, MI 48105", "www.nsf.org", (0, 82, 155), "boxed"),
    "astm": Operator("astm", "ASTM International", "ASTM International Environmental Product Declaration Program",
                     "100 Barr Harbor Drive, PO Box C700, West Conshohocken, PA 19428", "www.astm.org",
                     (0, 61, 121), "band"),
    "ul": Operator("ul", "UL Solutions", "UL Solutions (formerly UL Environment)",
                   "333 Pfingsten Road, Northbrook, IL 60062", "spot.ul.com", (202, 16, 46), "ul_table"),
    "ule": Operator("ule", "UL Environment", "UL Environment", "333 Pfingsten Road, Northbrook, IL 60062",
                    "www.ul.com/environment", (202, 16, 46), "ul_table"),
    "scs": Operator("scs", "SCS Global Services", "SCS Global Services",
                    "2000 Powell Street, Ste. 600, Emeryville, CA 94608", "www.SCSglobalServices.com",
                    (118, 170, 60), "sidebar"),
    "smart": Operator("smart", "Smart EPD", "Smart EPD", "585 Grove St., Ste. 145 PMB 966, Herndon, VA 20170",
                      "www.smartepd.com", (30, 120, 200), "band"),
    "nrmca": Operator("nrmca", "NRMCA", "National Ready Mixed Concrete Association (NRMCA)",
                      "66 Canal Center Plaza, Suite 250, Alexandria, VA 22314", "www.nrmca.org", (0, 98, 65),
                      "headline"),
    "csa": Operator("csa", "CSA Group", "CSA Group EPD Program", "178 Rexdale Boulevard, Toronto, ON M9W 1R3, Canada",
                    "www.csagroup.org", (0, 120, 150), "minimal", us=False),
    "icc": Operator("icc", "ICC-ES", "ICC Evaluation Service, LLC (ICC-ES) EPD Program",
                    "3060 Saturn Street, Suite 100, Brea, CA 92821", "www.icc-es.org", (0, 70, 127), "boxed"),
    "hub": Operator("hub", "EPD Hub", "EPD Hub Limited", "7 Bell Yard, London WC2A 2JR, United Kingdom",
                    "www.epdhub.com", (22, 64, 60), "hub", us=False),
    "napa": Operator("napa", "NAPA", "National Asphalt Pavement Association (NAPA) Emerald Eco-Label",
                     "6406 Ivy Lane, Suite 350, Greenbelt, MD 20770", "www.asphaltpavement.org/emerald",
                     (0, 128, 96), "napa"),
}

# material -> [(operator key, weight)]
OPERATOR_WEIGHTS = {
    "concrete": [("nrmca", 30), ("nsf", 14), ("astm", 12), ("smart", 12), ("csa", 8), ("scs", 7), ("icc", 5),
                 ("hub", 5), ("ul", 4), ("ule", 3)],
    "steel": [("scs", 26), ("ul", 20), ("ule", 6), ("astm", 14), ("smart", 16), ("nsf", 6), ("hub", 8), ("icc", 4)],
    "flat_glass": [("ul", 26), ("nsf", 18), ("astm", 16), ("scs", 14), ("smart", 12), ("hub", 8), ("csa", 6)],
    "asphalt": [("napa", 75), ("smart", 10), ("astm", 8), ("nsf", 7)],
    "cement": [("astm", 30), ("nsf", 18), ("csa", 16), ("scs", 14), ("smart", 12), ("ul", 10)],
}

PLACES = [
    ("Sacramento", "CA", "95815"), ("Fresno", "CA", "93725"), ("Riverside", "CA", "92507"), ("Tucson", "AZ", "85714"),
    ("Mesa", "AZ", "85210"), ("Aurora", "CO", "80011"), ("Pueblo", "CO", "81001"), ("Boise", "ID", "83716"),
    ("Salem", "OR", "97301"), ("Tacoma", "WA", "98421"), ("Spokane", "WA", "99202"), ("Austin", "TX", "78744"),
    ("Waco", "TX", "76705"), ("Lubbock", "TX", "79404"), ("Tulsa", "OK", "74107"), ("Wichita", "KS", "67219"),
    ("Omaha", "NE", "68110"), ("Des Moines", "IA", "50313"), ("Rochester", "MN", "55904"), ("Madison", "WI", "53704"),
    ("Peoria", "IL", "61602"), ("Joliet", "IL", "60436"), ("Fort Wayne", "IN", "46803"), ("Toledo", "OH", "43605"),
    ("Akron", "OH", "44306"), ("Lansing", "MI", "48906"), ("Erie", "PA", "16509"), ("Allentown", "PA", "18109"),
    ("Albany", "NY", "12205"), ("Syracuse", "NY", "13204"), ("Hartford", "CT", "06114"), ("Worcester", "MA", "01604"),
    ("Nashua", "NH", "03060"), ("Trenton", "NJ", "08611"), ("Baltimore", "MD", "21226"), ("Richmond", "VA", "23234"),
    ("Raleigh", "NC", "27610"), ("Columbia", "SC", "29209"), ("Macon", "GA", "31206"), ("Tampa", "FL", "33619"),
    ("Orlando", "FL", "32811"), ("Mobile", "AL", "36610"), ("Jackson", "MS", "39209"), ("Baton Rouge", "LA", "70805"),
    ("Little Rock", "AR", "72206"), ("Memphis", "TN", "38118"), ("Knoxville", "TN", "37914"), ("Louisville", "KY",
                                                                                             "40213"),
    ("Reno", "NV", "89502"), ("Ogden", "UT", "84404"), ("Albuquerque", "NM", "87105"), ("Billings", "MT", "59101"),
]
CANADA = [("Mississauga", "ON", "L5T 2H5"), ("Calgary", "AB", "T2C 4L8"), ("Laval", "QC", "H7L 4S3"),
          ("Surrey", "BC", "V3W 1A1"), ("Winnipeg", "MB", "R2J 3S7")]

STREETS = ["Industrial Blvd", "Quarry Road", "River Road", "Commerce Drive", "Rail Spur Lane", "Gravel Pit Road",
           "County Road 12", "Highway 30 East", "Foundry Street", "Mill Road", "Harbor Drive", "Kiln Way",
           "Depot Street", "Levee Road", "Airport Way", "Old Mine Road", "Enterprise Parkway", "Port Access Road"]

COMPANIES = {
    "concrete": ["Cascade Ready Mix, Inc.", "Blue Ridge Concrete Co.", "Prairie Materials Group",
                 "Tri-County Concrete LLC",
                 "Mesa Redi-Mix", "Northshore Concrete Products", "Red River Ready Mix", "Pinecrest Materials",
                 "Bayview Concrete Supply", "Granite State Ready Mix", "Summit Ready-Mixed Concrete, LLC",
                 "Harbor City Concrete", "Kettle Moraine Ready Mix", "Sierra Foothill Concrete", "Iron Range Redi-Mix",
                 "Big Sky Concrete & Aggregates", "Palmetto Ready Mix", "Lakeshore Building Materials"],
    "steel": ["Lone Prairie Steel", "Great River Steel Corp.", "Carolina Bar Mills, Inc.", "Keystone Structural Steel",
              "Gulf Coast Rebar LLC", "Cumberland Steel Works", "Ohio Valley Tube Company", "Northstar Plate & Coil",
              "Western Mini-Mill Co.", "Appalachian Sheet Steel", "Cedar Creek Steel", "Red Mesa Steel Products"],
    "flat_glass": ["Clearwater Float Glass", "Heartland Glass Company", "Pacific Flat Glass, Inc.",
                   "Laurentian Glass Inc.",
                   "Sunbelt Architectural Glass", "Prairie Glass Fabricators", "Tidewater Glass Products"],
    "asphalt": ["Rolling Hills Asphalt", "Capitol Paving Co.", "Granite Road Materials", "Delta Asphalt, Inc.",
                "Twin Rivers Hot Mix", "Blacktop Industries", "Valley Paving & Materials", "Frontier Asphalt Company"],
    "cement": ["Keystone Cement Company", "Great Plains Cement", "Riverbend Cement", "Atlantic Portland Cement",
               "Coastal Cement Corp.", "Limestone Ridge Cement", "Mountain West Cement Co."],
}
INDUSTRY = {
    "concrete": "National Ready Mixed Concrete Association (NRMCA)",
    "steel": ["Concrete Reinforcing Steel Institute (CRSI)", "American Institute of Steel Construction (AISC)",
              "Steel Deck Institute (SDI)", "Steel Tube Institute (STI)"],
    "flat_glass": "National Glass Association (NGA)",
    "asphalt": "National Asphalt Pavement Association (NAPA)",
    "cement": "Portland Cement Association (PCA)",
}

PEOPLE = ["Dr. Jane Okafor", "Miguel A. Santos, P.E.", "Lindsay Carver", "Rahul Mehta, PhD", "Ellen Thorsen",
          "Caroline Vasquez", "Dr. Peter Lindqvist", "Samuel Whitaker", "Grace Nakamura, LCACP", "Owen Fitzgerald"]
LCA_FIRMS = ["Evergreen LCA Consulting", "Peak Sustainability Group", "Tallgrass Ecometrics", "Northbound Life Cycle",
             "Carbon Ledger Partners", "Quarry Point Analytics", "Greenfield Impact Associates"]
SOFTWARE = ["openLCA 2.1", "SimaPro 9.5", "LCA for Experts (GaBi) 10.7", "openLCA 1.11", "SimaPro 9.4.0.2",
            "an online EPD generator (verified tool)"]
DATABASES = ["ecoinvent 3.9.1", "ecoinvent 3.8 and US LCI", "Sphera Managed LCA Content 2023.2",
             "US LCI and DATASMART 2022", "ecoinvent 3.10 (cut-off)"]

PCRS = {
    "concrete": ["NSF PCR for Concrete, Version 2.1 (August 2021)",
                 "Product Category Rules for Concrete, NSF International, V2.1, 2021",
                 "PCR for Concrete v2.1, NSF International, August 2021",
                 "NSF International PCR for Concrete (Version 2.1)"],
    "concrete_old": ["NSF PCR for Concrete, Version 2.0 (December 2019)", "CLF PCR for Concrete, Version 1.1 (2013)"],
    "steel": ["PCR Guidance for Building-Related Products and Services, Part B: Designated Steel Construction Product "
              "EPD Requirements, UL 10010-34, Version 2.0 (2020)",
              "UL Environment Part A (v4.0, 2022) and Part B: Designated Steel Construction Product EPD Requirements "
              "(UL 10010-34 v2.0)",
              "Part B: Designated Steel Construction Product EPD Requirements, UL Environment, v2.0, August 2020"],
    "flat_glass": ["Product Category Rules for Flat Glass (UN CPC 3711), Version 2.0, NGA, 2020",
                   "PCR for Flat Glass: UN CPC 3711, National Glass Association, v2.0 (September 2020)"],
    "processed_glass": ["Product Category Rules for Processed Glass (UN CPC 3719), NGA, Version 1.0, 2020",
                        "PCR for Processed Glazing: UN CPC 3719, National Glass Association, v1.0 (2020)"],
    "asphalt": ["Product Category Rules for Asphalt Mixtures, Version 2.0, NAPA, 2022",
                "NAPA PCR for Asphalt Mixtures, v2.0 (January 2022)", "Asphalt Mixtures PCR, NAPA, Version 1.0, 2017"],
    "cement": ["Product Category Rules for Portland, Blended Hydraulic, Masonry, Mortar, and Plastic (Stucco) Cements, "
               "NSF International, V3.2, 2021",
               "PCR for Portland, Blended Hydraulic, Masonry, Mortar and Plastic (Stucco) Cements, Version 3.2 (2021)"],
}
# documents a references section cites: other PCRs, other standards, other dates
REFERENCE_POOL = [
    "ISO 14025:2006 Environmental labels and declarations - Type III environmental declarations - Principles and "
    "procedures.",
    "ISO 14040:2006/Amd 1:2020 Environmental management - Life cycle assessment - Principles and framework.",
    "ISO 14044:2006/Amd 2:2020 Environmental management - Life cycle assessment - Requirements and guidelines.",
    "ISO 21930:2017 Sustainability in buildings and civil engineering works - Core rules for environmental product "
    "declarations of construction products and services.",
    "EN 15804:2012+A2:2019 Sustainability of construction works - Environmental product declarations - Core rules "
    "for the product category of construction products.",
    "Bare, J. (2012). TRACI 2.1 - The Tool for the Reduction and Assessment of Chemical and Other Environmental "
    "Impacts. US EPA.",
    "UL Environment. PCR Guidance for Building-Related Products and Services, Part A: Life Cycle Assessment "
    "Calculation Rules and Report Requirements, v3.2, September 2018.",
    "NSF International. Product Category Rules for Concrete, Version 2.0, December 2019 (superseded).",
    "NRMCA Member National and Regional Life Cycle Assessment Benchmark (Industry Average) Report, Version 3.2, "
    "February 2022.",
    "IPCC (2013). Climate Change 2013: The Physical Science Basis. AR5, GWP 100-year values.",
    "ACI 318-19 Building Code Requirements for Structural Concrete.",
    "ASTM C94/C94M-21 Standard Specification for Ready-Mixed Concrete.",
    "ASTM A615/A615M-22 Standard Specification for Deformed and Plain Carbon-Steel Bars for Concrete Reinforcement.",
    "ASTM A992/A992M-22 Standard Specification for Structural Steel Shapes.",
    "ASTM C1036-21 Standard Specification for Flat Glass.",
    "ASTM C150/C150M-22 Standard Specification for Portland Cement.",
    "ASTM C595/C595M-21 Standard Specification for Blended Hydraulic Cements.",
    "AASHTO M 323-17 Superpave Volumetric Mix Design.",
    "US EPA (2016). Documentation for Greenhouse Gas Emission and Energy Factors Used in WARM.",
    "Federal LCA Commons, US Electricity Baseline (eGRID 2021 subregions), released March 14, 2023.",
    "EN 15941:2024 Data quality for environmental assessment of products and construction works.",
    "European Commission (2022). Environmental Footprint reference package 3.1 (EF 3.1).",
    "CML-IA baseline v4.8, Leiden University, Institute of Environmental Sciences, August 2016.",
]
