"""The data contract: every table, its columns, their types, enums and ranges.

The column registries below are the single source of truth. pandera schemas
are built from them, ``docs/DATA.md`` documents them (a test keeps the two in
step), and :mod:`explorer.data` reports every violation with file, row and
column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VIEWS = ("anterior", "posterior", "lateral")
KINDS = ("acupoint", "trigger_point")
MERIDIANS = ("LU", "LI", "ST", "SP", "HT", "SI", "BL", "KI", "PC", "TE", "GB", "LR", "GV", "CV", "EX")
REGIONS = (
    "head", "face", "neck", "shoulder", "axilla", "chest", "abdomen", "upper_back", "lower_back",
    "buttock", "perineum", "arm", "forearm", "hand", "hip", "thigh", "knee", "leg", "foot",
)
RISK_ZONES = ("chest", "neck", "upper_back", "eye", "kidney")
ANGLES = ("perpendicular", "oblique", "transverse")
PALPATION = ("pincer", "flat")
REFERRAL_AREAS = ("essential", "spillover")
SOURCE_KINDS = ("standard", "book", "article", "review", "web", "regulation")
# needle_in_vivo: the depth read off a needle's markings in living patients when its tip reached
# the structure (the epidural space by loss of resistance, under fluoroscopy or not).
# not_stated: living people measured by a method the record read does not name; kept because the
# figure is a real measurement, and labelled so that nobody mistakes it for imaging.
MEASUREMENT_METHODS = ("ultrasound", "MRI", "CT", "cadaver", "needle_in_vivo", "not_stated")
METHOD_WORDS = {"needle_in_vivo": "needle in patients", "not_stated": "method not stated"}


def method_words(method: object) -> str:
    """A measurement method as a reader says it: "CT", "needle in patients"."""
    return METHOD_WORDS.get(str(method), str(method))
SEXES = ("all", "female", "male")
# Build groups as the studies report them: BMI classes, or CT body types.
BUILDS = ("all", "underweight", "normal", "overweight", "obese", "slender", "intermediate", "stocky")
AGE_GROUPS = ("adult", "child", "elderly")
ENDPOINTS = ("danger", "landmark")
EVIDENCE = ("primary", "review", "secondary")
# How a distance was measured: straight down from the skin (what a perpendicular
# needle would travel), or along a stated needle path (oblique, toward the spine ...).
MEASURES = ("vertical", "needle_path")
# A muscle part at the surface, or under others (drawn dashed).
MUSCLE_LAYERS = ("superficial", "deep")
# What a textbook_depths figure is: how deep the source puts the needle tip (the default when empty),
# or only the length of the needle it advises, which says how deep the tip could go, not how deep it goes.
DEPTH_FIGURE = "depth"
NEEDLE_LENGTH_FIGURE = "needle_length"
FIGURES = (DEPTH_FIGURE, NEEDLE_LENGTH_FIGURE)

# The angle between needle and skin, in degrees (90 = perpendicular). The usual
# values are the Chinese national textbook's convention (CNTextbook, read in
# TextbookAngles): perpendicular 90, oblique about 45, transverse (horizontal)
# about 15 or less. A site whose source gives another angle keeps it, as long
# as it stays within its word's range below.
ANGLE_SOURCE = "TextbookAngles"  # the sources.csv key of that convention
USUAL_ANGLE_DEG: dict[str, float] = {"perpendicular": 90.0, "oblique": 45.0, "transverse": 15.0}
ANGLE_DEG_RANGE: dict[str, tuple[float, float]] = {
    "perpendicular": (75.0, 90.0), "oblique": (30.0, 75.0), "transverse": (0.0, 30.0)}

# WHO Standard Acupuncture Point Locations (2008): points per channel.
WHO_CHANNEL_COUNTS: dict[str, int] = {
    "LU": 11, "LI": 20, "ST": 45, "SP": 21, "HT": 9, "SI": 19, "BL": 67,
    "KI": 27, "PC": 9, "TE": 23, "GB": 44, "LR": 14, "GV": 28, "CV": 24,
}
# The six points for which the standard keeps two accepted locations.
DUAL_LOCATION_POINTS = ("LI19", "LI20", "PC8", "PC9", "GB30", "GV26")

# Needling depths in textbooks are given in proportional cun. A cun scales
# with the patient; for an average adult we convert at 22 mm per cun, the
# conversion used by the compiled literature table in Lin et al. 2013
# (eCAM 2013:740508, Table 3). See docs/DATA.md.
MM_PER_CUN = 22.0


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a table: what it holds and how it is checked."""

    name: str
    dtype: str  # "str", "float", "bool", "int"
    description: str
    required: bool = True  # the column must be present in the file
    nullable: bool = True  # cells may be empty
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    multi: bool = False  # semicolon-separated list of allowed values


@dataclass(frozen=True)
class TableSpec:
    name: str
    filename: str
    description: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...] = field(default=())
    required_file: bool = True

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnSpec:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


C = ColumnSpec

SITES = TableSpec(
    name="sites",
    filename="sites.csv",
    description="One row per needle site: acupoints and myofascial trigger points.",
    key=("site_id",),
    columns=(
        C("site_id", "str", "Unique id. Acupoints: the WHO code without a hyphen (LU1, GB21); extra "
          "points keep their hyphenated code (EX-HN3); trigger points: a slug such as "
          "upper-trapezius-1.", nullable=False),
        C("kind", "str", "acupoint or trigger_point.", nullable=False, allowed=KINDS),
        C("name", "str", "English name (acupoints: the translated name; trigger points: muscle and "
          "number).", nullable=False),
        C("pinyin", "str", "Acupoints: pinyin with tone marks (Jiānjǐng). Empty for trigger points."),
        C("hanzi", "str", "Acupoints: the Chinese name in characters (肩井). Empty for trigger points."),
        C("meridian", "str", "Acupoints: the channel code (LU LI ST SP HT SI BL KI PC TE GB LR GV CV), "
          "or EX for extra points. Empty for trigger points.", allowed=MERIDIANS),
        C("muscle", "str", "Trigger points: the muscle, lower case (upper trapezius). Empty for "
          "acupoints."),
        C("region", "str", "Body region from a fixed vocabulary.", nullable=False, allowed=REGIONS),
        C("view", "str", "The view the site is drawn in: anterior, posterior or lateral.",
          nullable=False, allowed=VIEWS),
        C("x", "float", "Offset from the midline as a fraction of body height; subject's left is "
          "positive in the frontal views; anterior is positive in the lateral view.",
          nullable=False, minimum=-0.5, maximum=0.5),
        C("y", "float", "Height above the sole as a fraction of body height (0 sole, 1 vertex).",
          nullable=False, minimum=0.0, maximum=1.0),
        C("bilateral", "bool", "true when the site exists on both sides; it is stored once, on the "
          "subject's left, and drawn on both.", nullable=False),
        C("anchor", "str", "Landmark the standard definition starts from (a name in "
          "explorer.body.anchors for this view). Empty when the site is placed by eye."),
        C("anchor_dx_cun", "float", "B-cun from the anchor across the body (away from the midline in "
          "frontal views, anterior in the lateral view; across the axis on a limb).",
          minimum=-40, maximum=40),
        C("anchor_dy_cun", "float", "B-cun from the anchor upward (toward the head; toward the "
          "proximal joint along a limb).", minimum=-40, maximum=40),
        C("location", "str", "Where the site is, anatomically precise, in our own words.",
          nullable=False),
        C("alternate_location", "str", "A second accepted location, for the six WHO points that keep "
          "two (LI19, LI20, PC8, PC9, GB30, GV26).", required=False),
        C("depth_min_cun", "float", "Shallowest usual depth in cun, when the source gives cun.",
          minimum=0, maximum=5),
        C("depth_max_cun", "float", "Deepest usual depth in cun, when the source gives cun.",
          minimum=0, maximum=5),
        C("depth_min_mm", "float", "Shallowest usual needling depth for an average adult, mm.",
          nullable=False, minimum=0, maximum=120),
        C("depth_max_mm", "float", "Deepest usual needling depth for an average adult, mm. In a risk "
          "zone it stays below the shallowest measured distance to danger.",
          nullable=False, minimum=0, maximum=120),
        C("angle", "str", "perpendicular, oblique or transverse.", nullable=False, allowed=ANGLES),
        C("angle_deg", "float", "The angle between needle and skin in degrees (90 = perpendicular). "
          "Usually 90, 45 or 15 for perpendicular, oblique and transverse; it must agree with angle "
          "(perpendicular 75-90, oblique 30-75, transverse 0-30).", nullable=False, minimum=0, maximum=90),
        C("angle_direction", "str", "Direction of an oblique or transverse needle where it matters "
          "(toward the spine, along the intercostal space ...)."),
        C("palpation", "str", "Trigger points: pincer or flat palpation.", allowed=PALPATION),
        C("risk_zone", "str", "Empty, or the risk zone the site lies in.", allowed=RISK_ZONES),
        C("risk_note", "str", "For sites in a risk zone: what lies beneath and how practitioners "
          "stay clear of it."),
        C("cautions", "str", "Other cautions: structures to avoid, contraindications."),
        C("indications", "str", "Acupoints: traditional uses in plain words. Trigger points: "
          "conditions they are associated with."),
        C("symptoms", "str", "Trigger points: what a patient would describe.", required=False),
        C("sources", "str", "One or more keys into sources.csv, separated by semicolons.",
          nullable=False),
    ),
)

PLACEMENTS = TableSpec(
    name="site_placements",
    filename="site_placements.csv",
    description="Extra placements of a site in a second view (for example, a point on the side "
    "of the trunk that also shows at the edge of the anterior view).",
    key=("site_id", "view"),
    required_file=False,
    columns=(
        C("site_id", "str", "A site_id from sites.csv.", nullable=False),
        C("view", "str", "The extra view.", nullable=False, allowed=VIEWS),
        C("x", "float", "As in sites.csv.", nullable=False, minimum=-0.5, maximum=0.5),
        C("y", "float", "As in sites.csv.", nullable=False, minimum=0.0, maximum=1.0),
        C("anchor", "str", "As in sites.csv."),
        C("anchor_dx_cun", "float", "As in sites.csv.", minimum=-40, maximum=40),
        C("anchor_dy_cun", "float", "As in sites.csv.", minimum=-40, maximum=40),
    ),
)

REFERRALS = TableSpec(
    name="referrals",
    filename="referrals.csv",
    description="Referred-pain patterns of trigger points, as ellipses in the body frame. A "
    "pattern is the union of its ellipses. Bilateral patterns are stored on the subject's left.",
    required_file=False,
    columns=(
        C("site_id", "str", "A trigger point's site_id.", nullable=False),
        C("area", "str", "essential (where nearly every patient feels it) or spillover (where some "
          "do).", nullable=False, allowed=REFERRAL_AREAS),
        C("view", "str", "The view the ellipse is drawn in.", nullable=False, allowed=VIEWS),
        C("cx", "float", "Centre x, body frame.", nullable=False, minimum=-0.5, maximum=0.5),
        C("cy", "float", "Centre y, body frame.", nullable=False, minimum=0.0, maximum=1.0),
        C("rx", "float", "Half-width, body-frame units.", nullable=False, minimum=0.001, maximum=0.3),
        C("ry", "float", "Half-height, body-frame units.", nullable=False, minimum=0.001, maximum=0.3),
        C("angle_deg", "float", "Rotation of the ellipse, degrees counter-clockwise in the body "
          "frame.", nullable=False, minimum=-180, maximum=180),
    ),
)

SOURCES = TableSpec(
    name="sources",
    filename="sources.csv",
    description="Citation keys and the full references they stand for.",
    key=("key",),
    columns=(
        C("key", "str", "Citation key used in other tables (WHO2008, Chou2015 ...).", nullable=False),
        C("kind", "str", "standard, book, article, review, web or regulation.", nullable=False,
          allowed=SOURCE_KINDS),
        C("citation", "str", "Full reference: authors, year, title, journal or publisher, volume "
          "and pages.", nullable=False),
        C("identifier", "str", "DOI, ISBN, PMID or URL, where one exists."),
        C("note", "str", "How the source was read (primary text, review table, secondary report) "
          "and any flag on it."),
    ),
)

ZONES = TableSpec(
    name="zones",
    filename="zones.csv",
    description="The risk zones: what lies beneath, how harm happens, how practitioners stay clear. "
    "Their areas are drawn in explorer/zones.py.",
    key=("zone",),
    required_file=False,  # the shipped data must have it (a test checks); uploads may omit it
    columns=(
        C("zone", "str", "Zone id, as used in sites.csv risk_zone.", nullable=False, allowed=RISK_ZONES),
        C("label", "str", "Display name.", nullable=False),
        C("structures", "str", "The structures at risk beneath the zone.", nullable=False),
        C("mechanism", "str", "How a needle causes harm there.", nullable=False),
        C("stay_clear", "str", "How practitioners stay clear: angle, grip, rib, needle length.",
          nullable=False),
        C("patient_summary", "str", "One or two calm, plain sentences for patients.", nullable=False),
        C("sources", "str", "Keys into sources.csv, separated by semicolons.", nullable=False),
    ),
)

MEASUREMENTS = TableSpec(
    name="depth_measurements",
    filename="depth_measurements.csv",
    description="One row per published measurement of the distance from skin to a structure, at "
    "an acupoint or in a muscle. Disagreements are kept as separate rows, never averaged.",
    key=("measurement_id",),
    required_file=False,  # the shipped data must have it (a test checks); uploads may omit it
    columns=(
        C("measurement_id", "str", "Unique id: site or muscle, source key and group "
          "(GB21-Chen2018-female).", nullable=False),
        C("site_id", "str", "The acupoint measured (a site_id in sites.csv). Empty for a muscle."),
        C("muscle", "str", "The muscle measured, as in sites.csv (upper trapezius), for dry-needling "
          "studies. Empty for an acupoint."),
        C("structure", "str", "The structure at the endpoint (pleura, lung, common carotid artery, "
          "dura at the foramen magnum, 5th rib ...).", nullable=False),
        C("endpoint", "str", "danger: a structure a needle must not reach; landmark: a bony backstop "
          "or target (a rib, a transverse process).", nullable=False, allowed=ENDPOINTS),
        C("method", "str", "ultrasound, MRI, CT, cadaver, needle_in_vivo (the depth read off a needle's "
          "markings in living patients as its tip reached the structure) or not_stated (living "
          "people, method not named in the record read).", nullable=False,
          allowed=MEASUREMENT_METHODS),
        C("n", "int", "Number of people (or cadavers, or sides) measured.", minimum=1,
          maximum=100000),
        C("sex", "str", "all, female or male: the group the figure describes.", nullable=False,
          allowed=SEXES),
        C("build", "str", "all, or the BMI class (underweight, normal, overweight, obese) or CT "
          "body type (slender, intermediate, stocky) the figure describes.", nullable=False,
          allowed=BUILDS),
        C("age_group", "str", "adult, child or elderly (cadaver series are often elderly).",
          nullable=False, allowed=AGE_GROUPS),
        C("population", "str", "Who was measured, in a few words (Taiwanese adults, embalmed "
          "cadavers ...).", nullable=False),
        C("mean_mm", "float", "Mean distance, mm.", minimum=0, maximum=200),
        C("sd_mm", "float", "Standard deviation, mm.", minimum=0, maximum=100),
        C("min_mm", "float", "Lower end of the reported range (or of a confidence interval, as the "
          "note says), mm.", minimum=0, maximum=200),
        C("max_mm", "float", "Upper end of the reported range, mm.", minimum=0, maximum=200),
        C("direction", "str", "Needle direction along which the distance was measured "
          "(perpendicular to the skin, vertical, oblique toward the spine ...).", nullable=False),
        C("measure", "str", "vertical: the distance straight down from the skin (what a perpendicular "
          "needle travels); needle_path: the distance along the needle path the study states (also "
          "used when the study does not say: the needle's whole length is then compared).",
          nullable=False, allowed=MEASURES),
        C("proxy_spot", "str", "Empty when the figure was measured at the site itself; else where it "
          "was measured (5th intercostal space, mid-axillary line).", required=False),
        C("proxy_distance_cun", "float", "For a proxy: how far the measured spot lies from the site, "
          "in B-cun.", required=False, minimum=0, maximum=30),
        C("evidence", "str", "primary: read in the study itself (abstract or full text); review: "
          "read in a review's table; secondary: reported by another page, unverified.",
          nullable=False, allowed=EVIDENCE),
        C("note", "str", "Anything needed to read the figure right, in our own words."),
        C("sources", "str", "Keys into sources.csv, separated by semicolons.", nullable=False),
    ),
)

REGRESSIONS = TableSpec(
    name="depth_regressions",
    filename="depth_regressions.csv",
    description="Published regressions of a distance to danger on body-mass index: "
    "depth_mm = intercept_mm + slope_mm_per_bmi x BMI, valid only within the BMI range measured.",
    key=("regression_id",),
    required_file=False,
    columns=(
        C("regression_id", "str", "Unique id: site or muscle, source key and group.", nullable=False),
        C("site_id", "str", "The acupoint (a site_id in sites.csv). Empty for a muscle."),
        C("muscle", "str", "The muscle, as in sites.csv. Empty for an acupoint."),
        C("structure", "str", "The structure at the endpoint (pleura, rib ...).", nullable=False),
        C("endpoint", "str", "danger or landmark, as in depth_measurements.csv.", nullable=False,
          allowed=ENDPOINTS),
        C("method", "str", "ultrasound, MRI, CT, cadaver, needle_in_vivo (the depth read off a needle's "
          "markings in living patients as its tip reached the structure) or not_stated (living "
          "people, method not named in the record read).",
          nullable=False, allowed=MEASUREMENT_METHODS),
        C("sex", "str", "all, female or male.", nullable=False, allowed=SEXES),
        C("measure", "str", "vertical or needle_path, as in depth_measurements.csv.", nullable=False,
          allowed=MEASURES),
        C("intercept_mm", "float", "Depth at BMI 0 (a fitting constant, never shown alone), mm.",
          nullable=False, minimum=-200, maximum=200),
        C("slope_mm_per_bmi", "float", "mm of depth per kg/m² of BMI.", nullable=False, minimum=-20,
          maximum=20),
        C("bmi_min", "float", "Lowest BMI in the sample: the regression is not used below it.",
          nullable=False, minimum=10, maximum=70),
        C("bmi_max", "float", "Highest BMI in the sample: the regression is not used above it.",
          nullable=False, minimum=10, maximum=70),
        C("n", "int", "Number of people measured.", minimum=1, maximum=100000),
        C("r_squared", "float", "Coefficient of determination, when given.", minimum=0, maximum=1),
        C("population", "str", "Who was measured, in a few words.", nullable=False),
        C("evidence", "str", "primary, review or secondary, as in depth_measurements.csv.",
          nullable=False, allowed=EVIDENCE),
        C("note", "str", "Anything needed to read the regression right, in our own words."),
        C("sources", "str", "Keys into sources.csv, separated by semicolons.", nullable=False),
    ),
)

TEXTBOOK_DEPTHS = TableSpec(
    name="textbook_depths",
    filename="textbook_depths.csv",
    description="Each textbook's or guideline's needling depth and angle for a site, side by side "
    "(Deadman, the Chinese national textbook, dry-needling manuals ...), so that disagreement shows.",
    key=("site_id", "source"),
    required_file=False,
    columns=(
        C("site_id", "str", "A site_id in sites.csv.", nullable=False),
        C("source", "str", "One key into sources.csv: the book or guideline giving this range.",
          nullable=False),
        C("depth_min_cun", "float", "Shallowest depth in cun, when the book gives cun.", minimum=0, maximum=5),
        C("depth_max_cun", "float", "Deepest depth in cun, when the book gives cun.", minimum=0, maximum=5),
        C("depth_min_mm", "float", "Shallowest depth in mm (cun converted at 22 mm per cun).", minimum=0,
          maximum=120),
        C("depth_max_mm", "float", "Deepest depth in mm (cun converted at 22 mm per cun).", nullable=False,
          minimum=0, maximum=120),
        C("angle", "str", "perpendicular, oblique or transverse, as the book gives it.", allowed=ANGLES),
        C("evidence", "str", "primary: read in the book; review: read in a review's table; secondary: "
          "reported by another page, unverified.", nullable=False, allowed=EVIDENCE),
        C("note", "str", "How the figure was read, in our own words."),
        C("at_point", "str", "Empty when the source speaks of this site itself; else the acupoint or extra "
          "point whose range this is (LU1, Jingbi extra point), for a trigger point that no manual gives a "
          "depth for. The app names it beside the range.", required=False),
        C("at_point_distance_cun", "float", "How far that point lies from this site in the body frame, "
          "B-cun; empty when the two are drawn in different views.", required=False, minimum=0, maximum=3),
        C("figure", "str", "depth (or empty): how deep the source puts the needle; needle_length: only the "
          "length of the needle it advises, which the app names as such and reads as inserted to the hub "
          "when it sets the figure against measured danger.", required=False, allowed=FIGURES),
    ),
)

MUSCLES = TableSpec(
    name="muscles",
    filename="muscles.csv",
    description="One row per muscle that has a trigger point: its attachments, nerve and action "
    "in our own words, and the landmarks its drawn outline must reach.",
    key=("muscle",),
    required_file=False,  # the shipped data must have it (a test checks); uploads may omit it
    columns=(
        C("muscle", "str", "The muscle, exactly as in sites.csv's muscle column (upper trapezius).",
          nullable=False),
        C("origin", "str", "Where it arises, in our own words.", nullable=False),
        C("insertion", "str", "Where it inserts, in our own words.", nullable=False),
        C("innervation", "str", "Its nerve (and root levels where agreed).", nullable=False),
        C("action", "str", "What it does, in plain words.", nullable=False),
        C("origin_landmarks", "str", "Landmarks of the origin its outline reaches, as view:anchor "
          "(names in explorer.body.anchors), separated by semicolons (posterior:C7;posterior:"
          "external_occipital_protuberance)."),
        C("insertion_landmarks", "str", "Landmarks of the insertion its outline reaches, as "
          "view:anchor, separated by semicolons."),
        C("sources", "str", "Keys into sources.csv, separated by semicolons.", nullable=False),
    ),
)

MUSCLE_SHAPES = TableSpec(
    name="muscle_shapes",
    filename="muscle_shapes.csv",
    description="The drawn outlines of the muscles: one row per vertex of a closed polygon in the "
    "body frame. Generated by scripts/draw_muscles_trunk.py and scripts/draw_muscles_limbs.py from "
    "attachment landmarks; bilateral muscles are stored on the subject's left and drawn on both sides.",
    key=("muscle", "view", "part", "vertex"),
    required_file=False,
    columns=(
        C("muscle", "str", "A muscle of muscles.csv.", nullable=False),
        C("view", "str", "The view the outline is drawn in.", nullable=False, allowed=VIEWS),
        C("part", "str", "Name of the piece (main, clavicular head ...); a muscle may have several "
          "parts per view.", nullable=False),
        C("layer", "str", "superficial, or deep (under other muscles: drawn dashed).", nullable=False,
          allowed=MUSCLE_LAYERS),
        C("vertex", "int", "Order of the vertex round the outline, from 1.", nullable=False, minimum=1,
          maximum=10000),
        C("x", "float", "As in sites.csv: subject's left positive in the frontal views, anterior "
          "positive in the lateral view.", nullable=False, minimum=-0.5, maximum=0.5),
        C("y", "float", "Height above the sole as a fraction of body height.", nullable=False,
          minimum=0.0, maximum=1.0),
    ),
)

TABLES: tuple[TableSpec, ...] = (SITES, PLACEMENTS, REFERRALS, SOURCES, ZONES, MEASUREMENTS, REGRESSIONS,
                                 TEXTBOOK_DEPTHS, MUSCLES, MUSCLE_SHAPES)
