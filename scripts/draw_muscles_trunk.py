"""Draw the muscles of the head, neck, trunk and shoulder girdle (issue #13).

Each muscle is written from its attachments: the control points of every
outline are body landmarks (``explorer.body.anchors``, with the attachment
landmarks of ``body._trunk_attachment_anchors``) plus B-cun offsets, so the
drawing follows the skeleton when the body frame changes. Bilateral muscles
are drawn on the subject's left (the figures mirror them). A part under other
muscles is ``deep`` and drawn dashed. The script replaces its own muscles'
rows in data/muscles.csv and data/muscle_shapes.csv and leaves the limb
muscles (scripts/draw_muscles_limbs.py) untouched.

Attachments, nerves and actions: Gray's Anatomy (1918), Myology, and Travell
& Simons' trigger point manuals, in our own words.

    .venv/bin/python scripts/draw_muscles_trunk.py
"""

from __future__ import annotations

from functools import partial

from muscle_drawing import Muscle, at, midline, part, write

from explorer import body

P, A, L = "posterior", "anterior", "lateral"
UPPER = ("Gray1918Myology", "Simons1999")  # Travell & Simons, volume 1: upper half of the body
LOWER = ("Gray1918Myology", "Travell1992")  # volume 2: quadratus lumborum, iliopsoas
post, ant, lat = partial(at, P), partial(at, A), partial(at, L)


def side_neck(x: float, y: float) -> tuple[float, float]:
    """A lateral-view point given in B-cun from the mid-axillary line and the sole, for the floor of
    the posterior triangle, whose landmarks (the cervical transverse processes) have no anchor of
    their own in this view: measured from the C4 level anchor on the mid-axillary line."""
    return lat("C4", x, y - body.anchors()[("lateral", "C4")].y)


def refs(*names: str) -> tuple[str, ...]:
    return tuple(names)


def trapezius() -> list[Muscle]:
    upper = Muscle(
        "upper trapezius",
        "The external occipital protuberance and the inner third of the superior nuchal line, the "
        "ligamentum nuchae and the spinous process of C7.",
        "The outer third of the clavicle's posterior border and the acromion.",
        "Spinal accessory nerve (cranial nerve XI), with sensory fibres from C3-C4.",
        "Raises the point of the shoulder and turns the scapula upward; one side bends the head "
        "and neck toward it and turns the face away.",
        refs(f"{P}:external_occipital_protuberance", f"{P}:C7"), refs(f"{P}:acromion", f"{A}:clavicle_lateral_third"),
        UPPER,
        (part(P, "main", [midline(P, "external_occipital_protuberance"), post("mastoid_tip", -0.6, 0.3),
                          post("mastoid_tip", -0.75, -1.6), post("C7", 2.35, 0.7), post("C7", 4.3, -0.7),
                          post("acromion", -1.0, 0.65), post("acromion", 0.0, 0.0),
                          post("C7", 5.0, -1.75), post("C7", 2.0, -0.65), midline(P, "C7")]),
         # from the front, the trapezius is the slope from the neck to the point of the shoulder
         part(A, "seen from the front", [ant("supraclavicular_fossa", -1.55, 3.0), ant("supraclavicular_fossa", 0.4,
                                                                                       1.0),
                                         ant("clavicle_lateral_third", 0.0, 0.25), ant("acromion", -0.2, 0.0),
                                         ant("acromion", -1.0, 0.7), ant("acromion", -2.5, 1.2),
                                         ant("acromion", -4.0, 1.65), ant("acromion", -5.4, 2.1),
                                         ant("acromion", -6.0, 2.7)]),
         part(L, "main", [lat("external_occipital_protuberance", 0.2, 0.0), lat("mastoid_tip", -1.4, 0.8),
                          lat("mastoid_tip", -0.9, -0.9), lat("spinous_C7", 1.25, 0.0),
                          lat("clavicle_lateral_third", 0.0, 0.4), lat("acromion", 0.0, 0.05),
                          lat("acromion", -1.4, -0.1), lat("acromion", -2.8, -0.6),
                          lat("spinous_C7", -0.45, -1.3), lat("spinous_C7", 0.15, 0.0),
                          lat("external_occipital_protuberance", 1.1, -2.2)])),
    )
    middle = Muscle(
        "middle trapezius",
        "The spinous processes and supraspinous ligaments of C7 to T3.",
        "The inner border of the acromion and the upper lip of the spine of the scapula.",
        "Spinal accessory nerve (cranial nerve XI), with sensory fibres from C3-C4.",
        "Draws the scapula toward the spine (retraction) and steadies it.",
        refs(f"{P}:C7", f"{P}:T3"), refs(f"{P}:scapula_spine_mid", f"{P}:acromion"), UPPER,
        (part(P, "main", [midline(P, "C7"), post("C7", 2.0, -0.65), post("C7", 5.0, -1.75),
                          post("acromion", -0.3, 0.1), post("acromion", -1.1, -0.05),
                          post("scapula_spine_mid", 0.0, 0.1), post("scapula_spine_root", 0.2, 0.15),
                          midline(P, "T4")]),),
    )
    lower = Muscle(
        "lower trapezius",
        "The spinous processes and supraspinous ligaments of T4 to T12.",
        "The tubercle at the inner end of the spine of the scapula, through a flat tendon.",
        "Spinal accessory nerve (cranial nerve XI), with sensory fibres from C3-C4.",
        "Pulls the scapula down and in, and helps turn it upward when the arm is raised.",
        refs(f"{P}:T7", f"{P}:T12"), refs(f"{P}:scapula_spine_root",), UPPER,
        (part(P, "main", [midline(P, "T4"), post("scapula_spine_root", 0.2, 0.15), post("scapula_spine_root", 0.9, 0.2),
                          post("scapula_inferior_angle", -0.3, 2.2), post("T10", 2.0, 1.5), midline(P, "T12")]),),
    )
    return [upper, middle, lower]


def shoulder_girdle() -> list[Muscle]:
    levator = Muscle(
        "levator scapulae",
        "The transverse processes of the atlas and axis and the posterior tubercles of those of C3 and C4.",
        "The medial border of the scapula between its superior angle and the root of its spine.",
        "Branches of C3-C4 and the dorsal scapular nerve (C5).",
        "Lifts the superior angle of the scapula and tips the glenoid down; with the shoulder fixed, "
        "bends and turns the neck to its own side.",
        refs(f"{P}:C1_transverse_process",), refs(f"{P}:scapula_superior_angle",), UPPER,
        (part(P, "main", [post("C1_transverse_process", 0.2, -0.1), post("mastoid_tip", -0.8, -2.6),
                          post("C7", 2.35, 0.1), post("C7", 2.9, -0.45), post("scapula_superior_angle", 0.3, 0.2),
                          post("scapula_superior_angle", 0.0, 0.0), post("scapula_spine_root", 0.0, 0.1),
                          post("C7", 2.3, -1.5), post("C7", 1.85, 0.0), post("C4_transverse_process", -0.1, 0.0)]),
         # from the side it crosses the floor of the posterior triangle, from behind the mastoid down
         # and back to the superior angle; SCM covers its top and trapezius its lower end (dashed)
         part(L, "main", [side_neck(-1.45, 67.1), side_neck(-0.85, 66.9), side_neck(-0.75, 65.6),
                          side_neck(-2.2, 62.9), side_neck(-2.9, 62.0), side_neck(-3.1, 62.4),
                          side_neck(-2.1, 65.0)], layer="deep")),
    )
    rhomboids = Muscle(
        "rhomboids",
        "Minor: the lower ligamentum nuchae and the spinous processes of C7 and T1. Major: the spinous "
        "processes and supraspinous ligaments of T2 to T5.",
        "The medial border of the scapula: minor at the root of the spine, major from there down to "
        "the inferior angle.",
        "Dorsal scapular nerve (C4-C5).",
        "Draw the scapula toward the spine and lift it, turning the glenoid down.",
        refs(f"{P}:C7", f"{P}:T5"), refs(f"{P}:scapula_spine_root", f"{P}:scapula_inferior_angle"), UPPER,
        (part(P, "main", [midline(P, "C7"), post("scapula_spine_root", 0.0, 0.6), post("scapula_inferior_angle",
                                                                                       -0.45, 2.2),
                          post("scapula_inferior_angle", 0.0, 0.0), midline(P, "T5")], layer="deep"),),
    )
    supraspinatus = Muscle(
        "supraspinatus",
        "The inner two-thirds of the supraspinous fossa of the scapula and its fascia.",
        "The highest facet of the greater tubercle of the humerus, passing under the acromion.",
        "Suprascapular nerve (C5-C6).",
        "Starts lifting the arm out to the side and holds the head of the humerus in its socket.",
        refs(f"{P}:suprascapular_fossa_centre",), refs(f"{P}:greater_tubercle",), UPPER,
        (part(P, "main", [post("scapula_spine_root", 0.1, 0.15), post("scapula_superior_angle", 0.0, 0.05),
                          post("suprascapular_fossa_centre", -0.2, 0.9), post("suprascapular_fossa_centre", 1.4, 0.85),
                          post("acromion", -0.7, 0.4), post("greater_tubercle", -0.05, 0.4),
                          post("greater_tubercle", 0.0, 0.0), post("acromion", -1.1, -0.1),
                          post("scapula_spine_mid", 0.0, 0.05)], layer="deep"),),
    )
    infraspinatus = Muscle(
        "infraspinatus",
        "The inner two-thirds of the infraspinous fossa of the scapula and the fascia over it.",
        "The middle facet of the greater tubercle of the humerus, behind the shoulder joint.",
        "Suprascapular nerve (C5-C6).",
        "Turns the arm outward (lateral rotation) and keeps the head of the humerus in its socket.",
        refs(f"{P}:infraspinous_fossa_centre",), refs(f"{P}:greater_tubercle",), UPPER,
        (part(P, "main", [post("scapula_spine_root", 0.05, -0.15), post("scapula_spine_mid", 0.0, -0.15),
                          post("acromion", -1.1, -0.3), post("greater_tubercle", 0.0, -0.2),
                          post("greater_tubercle", -0.05, -0.35), post("infraglenoid_tubercle", -0.1, -0.25),
                          post("scapula_lateral_border_mid", -0.6, 0.3), post("scapula_inferior_angle", 0.7, 0.7),
                          post("scapula_inferior_angle", 0.05, 0.25), post("scapula_inferior_angle", -0.4, 2.2)]),),
    )
    teres_minor = Muscle(
        "teres minor",
        "The upper two-thirds of the dorsal surface of the lateral border of the scapula.",
        "The lowest facet of the greater tubercle of the humerus and the capsule of the shoulder joint.",
        "Axillary nerve (C5-C6).",
        "Turns the arm outward and holds the head of the humerus down in its socket.",
        refs(f"{P}:scapula_lateral_border_mid",), refs(f"{P}:greater_tubercle",), UPPER,
        (part(P, "main", [post("greater_tubercle", -0.05, -0.35), post("infraglenoid_tubercle", -0.1, -0.25),
                          post("scapula_lateral_border_mid", -0.6, 0.3), post("scapula_lateral_border_mid", -0.4,
                                                                              -0.65),
                          post("infraglenoid_tubercle", -0.1, -1.6), post("greater_tubercle", -0.25, -1.15)]),),
    )
    teres_major = Muscle(
        "teres major",
        "The dorsal surface of the scapula near its inferior angle.",
        "The crest of the lesser tubercle of the humerus (the medial lip of the bicipital groove).",
        "Lower subscapular nerve (C5-C7).",
        "Draws the arm back and in and turns it inward, with the latissimus dorsi.",
        refs(f"{P}:scapula_inferior_angle",), refs(f"{P}:lesser_tubercle_crest",), UPPER,
        (part(P, "main", [post("scapula_inferior_angle", 0.15, -0.25), post("scapula_inferior_angle", 0.8, 0.8),
                          post("scapula_lateral_border_mid", -0.4, -0.65), post("lesser_tubercle_crest", -0.15, 0.45),
                          post("lesser_tubercle_crest", 0.1, -0.1), post("posterior_axillary_fold_trunk", 0.6, 1.0),
                          post("scapula_inferior_angle", 1.9, -0.05)]),),
    )
    latissimus = Muscle(
        "latissimus dorsi",
        "The spinous processes of T7 to T12 and, through the thoracolumbar fascia, of the lumbar and "
        "sacral vertebrae; the back of the iliac crest, the lowest three or four ribs and often the "
        "inferior angle of the scapula.",
        "The floor of the bicipital (intertubercular) groove of the humerus.",
        "Thoracodorsal nerve (C6-C8).",
        "Draws the arm down, back and in and turns it inward; pulls the body up toward a fixed arm.",
        refs(f"{P}:T7", f"{P}:iliac_crest_point"), refs(f"{P}:lesser_tubercle_crest",), UPPER,
        (part(P, "main", [midline(P, "T7"), post("scapula_inferior_angle", 0.0, -0.35),
                          post("scapula_inferior_angle", 1.9, -0.15), post("posterior_axillary_fold_trunk", -0.1, 0.6),
                          post("lesser_tubercle_crest", -0.2, -0.05), post("lesser_tubercle_crest", 0.2, -0.4),
                          post("posterior_axillary_fold_trunk", 0.1, -0.2), post("rib9_angle", 2.1, -0.3),
                          post("rib12_tip", 1.95, 0.6), post("iliac_crest_point", -0.15, 2.2),
                          post("iliac_crest_point", -0.3, 0.2), post("iliac_crest_point", -1.4, -0.45),
                          post("iliac_crest_posterior", 0.0, 0.25), post("L2", 2.7, -1.3), post("L1", 2.2, 0.7),
                          post("T10", 1.2, 0.0), midline(P, "T9")]),),
    )
    deltoid = Muscle(
        "deltoid",
        "The lateral third of the clavicle (front), the acromion (middle) and the lower lip of the spine of "
        "the scapula (back).",
        "The deltoid tuberosity, halfway down the outer side of the humerus.",
        "Axillary nerve (C5-C6).",
        "Lifts the arm out to the side; the front fibres bring it forward and turn it in, the back "
        "fibres take it back and turn it out.",
        refs(f"{A}:clavicle_lateral_third", f"{A}:acromion", f"{P}:acromion"),
        refs(f"{A}:deltoid_tuberosity", f"{P}:deltoid_tuberosity"), UPPER,
        (part(A, "main", [ant("clavicle_lateral_third"), ant("acromion", -1.2, -0.5), ant("acromion", 0.0, 0.05),
                          ant("acromion", 0.75, -1.0), ant("deltoid_tuberosity", 0.15, 3.0),
                          ant("deltoid_tuberosity", 0.05, 0.0), ant("deltoid_tuberosity", -0.55, 0.2),
                          ant("deltoid_tuberosity", -1.0, 1.5), ant("coracoid", 0.7, -1.5),
                          ant("infraclavicular_fossa", 0.2, 0.4)]),
         part(P, "main", [post("scapula_spine_mid", -0.6, -0.25), post("acromion", -1.8, -0.35), post("acromion", 0.0,
                                                                                                      0.05),
                          post("acromion", 0.75, -1.0), post("deltoid_tuberosity", 0.15, 3.0),
                          post("deltoid_tuberosity", 0.05, 0.0), post("deltoid_tuberosity", -0.55, 0.2),
                          post("deltoid_tuberosity", -1.0, 2.2), post("infraglenoid_tubercle", 0.6, -1.4),
                          post("infraspinous_fossa_centre", 1.0, 0.7), post("infraspinous_fossa_centre", -0.5, 1.3)]),
         part(L, "main", [lat("clavicle_lateral_third", 0.1, -0.1), lat("acromion", 0.0, 0.2), lat("acromion", -1.4,
                                                                                                   -0.1),
                          lat("acromion", -2.6, -0.55), lat("deltoid_tuberosity", -1.9, 3.5),
                          lat("deltoid_tuberosity", -0.6, 0.6), lat("deltoid_tuberosity", 0.0, -0.2),
                          lat("deltoid_tuberosity", 0.8, 0.8), lat("deltoid_tuberosity", 1.5, 3.6),
                          lat("shoulder_joint", 1.9, 0.0)])),
    )
    subscapularis = Muscle(
        "subscapularis",
        "The subscapular fossa, the whole front (costal) surface of the scapula.",
        "The lesser tubercle of the humerus and the front of the shoulder-joint capsule.",
        "Upper and lower subscapular nerves (C5-C7).",
        "Turns the arm inward (medial rotation) and holds the head of the humerus in its socket from the front.",
        refs(f"{A}:subscapular_fossa",), refs(f"{A}:lesser_tubercle",), UPPER,
        # the belly overhangs the lateral border of the scapula as the back wall of the axilla
        (part(A, "main", [ant("scapula_medial_border", 0.1, 0.0), ant("scapula_superior_angle", 0.05, -0.1),
                          ant("scapula_superior_angle", 1.5, 0.2), ant("scapula_superior_angle", 3.0, -0.1),
                          ant("lesser_tubercle", -0.5, 0.7), ant("lesser_tubercle", 0.1, 0.15),
                          ant("lesser_tubercle", 0.0, -0.45), ant("anterior_axillary_fold_trunk", 0.3, 1.4),
                          ant("scapula_inferior_angle", 2.2, 0.8), ant("scapula_inferior_angle", 0.2, -0.25),
                          ant("scapula_inferior_angle", -0.45, 2.2)], layer="deep"),),
    )
    return [levator, rhomboids, supraspinatus, infraspinatus, teres_minor, teres_major, latissimus, deltoid,
            subscapularis]


def _serratus_slips() -> list[tuple[float, float]]:
    """The serrated front border: a slip on each rib from the 3rd to the 8th (their
    lateral-view levels), the tips forward and the notches between them back."""
    out = []
    for k in range(3, 9):
        rib = f"rib{k}_lateral"
        out += [lat(rib, 2.2 - 0.15 * (k - 3), 0.25), lat(rib, 2.9 - 0.2 * abs(k - 5), -0.1),
                lat(rib, 2.2 - 0.15 * (k - 3), -0.6)]
    return out


def chest() -> list[Muscle]:
    pec_major = Muscle(
        "pectoralis major",
        "Clavicular head: the front of the medial half of the clavicle. Sternocostal head: the front of the "
        "sternum, the upper six costal cartilages and the aponeurosis of the external oblique.",
        "The lateral lip of the bicipital groove of the humerus, by a folded (bilaminar) tendon.",
        "Lateral and medial pectoral nerves (C5-T1).",
        "Draws the arm across the chest and turns it inward; the clavicular head lifts it forward, the "
        "sternal head pulls it down from a raised position.",
        refs(f"{A}:clavicle_medial_third", f"{A}:sternal_angle"), refs(f"{A}:intertubercular_groove",), UPPER,
        (part(A, "main", [ant("sternoclavicular_joint", -0.1, -0.3), ant("clavicle_medial_third", 0.2, -0.2),
                          ant("mammillary_line_clavicle", 0.0, 0.1), ant("infraclavicular_fossa", -0.4, 0.65),
                          ant("coracoid", 0.4, -1.2), ant("intertubercular_groove", -0.75, -1.2),
                          ant("intertubercular_groove", -0.05, -0.2), ant("intertubercular_groove", -0.05, -0.7),
                          ant("anterior_axillary_fold_trunk", 0.7, 0.2), ant("anterior_axillary_fold_trunk", 0.1, -0.6),
                          ant("nipple_point", 2.25, 0.5), ant("nipple_point", 1.0, -1.7), ant("rib5_cartilage", 0.0,
                                                                                              -1.95),
                          ant("xiphisternal_junction", 1.2, -0.9), ant("xiphisternal_junction", 0.35, -0.2),
                          ant("sternal_angle", 0.35, 0.9), ant("sternoclavicular_joint", -0.5, -0.4)]),
         # from the side, the front of the chest to the anterior axillary fold and the arm
         part(L, "main", [lat("sternoclavicular_joint", 0.9, -0.9), lat("nipple_level_midaxillary", 4.3, 3.0),
                          lat("nipple_level_midaxillary", 4.2, -0.1), lat("nipple_level_midaxillary", 2.6, 0.3),
                          lat("axilla_apex", 1.4, -0.3), lat("shoulder_joint", 1.2, -0.3),
                          lat("clavicle_lateral_third", 0.6, -0.6), lat("sternoclavicular_joint", -0.3, -0.35)])),
    )
    pec_minor = Muscle(
        "pectoralis minor",
        "The outer surfaces of the third to fifth ribs near their costal cartilages.",
        "The medial border and upper surface of the coracoid process of the scapula.",
        "Medial pectoral nerve (C8-T1).",
        "Draws the scapula forward and down; lifts the ribs in forced breathing when the scapula is fixed.",
        refs(f"{A}:rib3_anterior", f"{A}:rib5_anterior"), refs(f"{A}:coracoid",), UPPER,
        (part(A, "main", [ant("coracoid", -0.2, 0.25), ant("coracoid", 0.35, 0.05), ant("rib5_anterior", 1.65, -0.1),
                          ant("rib5_anterior", 0.15, -0.2), ant("rib3_anterior", -0.35, -0.1)], layer="deep"),),
    )
    serratus = Muscle(
        "serratus anterior",
        "The outer surfaces of the upper eight or nine ribs, by fleshy slips on the side of the chest.",
        "The costal (front) surface of the medial border of the scapula, most of it at the inferior angle.",
        "Long thoracic nerve (C5-C7).",
        "Draws the scapula forward round the chest and holds it against the ribs; turns it upward when "
        "the arm is raised overhead.",
        refs(f"{L}:nipple_level_midaxillary", f"{L}:rib8_midaxillary"),
        refs(f"{L}:scapula_medial_border", f"{L}:scapula_inferior_angle"), UPPER,
        (part(L, "main", [lat("axilla_apex", -1.2, 0.2), lat("axilla_apex", 1.0, 0.3), *_serratus_slips(),
                          lat("rib8_midaxillary", -0.3, -0.15), lat("rib8_midaxillary", -1.8, 1.25),
                          lat("nipple_level_midaxillary", -2.5, -0.6), lat("nipple_level_midaxillary", -2.3, 2.4)]),
         # round the chest wall, under the latissimus and the scapula, to the scapula's medial border
         part(L, "to the scapula", [lat("scapula_inferior_angle", 1.6, -0.5), lat("scapula_inferior_angle", 0.2, -0.4),
                                    lat("scapula_medial_border", -0.1, -2.2), lat("scapula_medial_border", 0.2, 0.2),
                                    lat("axilla_apex", -1.6, 0.6)], layer="deep"),
         # from the front: the lowest slips on the side of the chest, below the pectoralis major
         part(A, "main", [ant("nipple_point", 2.5, 2.5), ant("nipple_point", 2.7, 1.4), ant("nipple_point", 2.45, -0.6),
                          ant("nipple_point", 2.1, -2.5), ant("nipple_point", 1.2, -2.1), ant("nipple_point", 1.85,
                                                                                              -1.2),
                          ant("nipple_point", 1.6, -0.8), ant("nipple_point", 2.2, 0.2)])),
    )
    return [pec_major, pec_minor, serratus]


def abdomen() -> list[Muscle]:
    rectus = Muscle(
        "rectus abdominis",
        "The pubic crest and the front of the pubic symphysis.",
        "The xiphoid process and the fifth to seventh costal cartilages.",
        "Lower six thoracic nerves (T7-T12).",
        "Bends the trunk forward and presses on the abdomen (coughing, straining).",
        refs(f"{A}:pubic_symphysis",), refs(f"{A}:xiphisternal_junction", f"{A}:rib5_cartilage"), LOWER,
        (part(A, "main", [ant("xiphisternal_junction", 0.2, 0.3), ant("rib5_cartilage", -1.4, -0.35),
                          ant("rib5_cartilage", 0.2, 0.0), ant("costal_margin_mcl", -0.65, 2.4),
                          ant("umbilicus", 3.1, 2.5), ant("umbilicus", 2.8, 0.0), ant("pubic_tubercle", 0.6, 2.0),
                          ant("pubic_tubercle", 0.0, 0.25), ant("pubic_symphysis", 0.2, 0.1), ant("umbilicus", 0.2,
                                                                                                  -2.5),
                          ant("umbilicus", 0.2, 0.0), ant("umbilicus", 0.2, 4.0)]),
         # from the side: the front of the abdominal wall, under the skin
         part(L, "main", [lat("xiphisternal_junction", 3.4, 0.3), lat("xiphisternal_junction", 4.0, 0.1),
                          lat("xiphisternal_junction", 3.8, -2.0), lat("umbilicus", 3.85, 4.0), lat("umbilicus", 4.15,
                                                                                                    1.5),
                          lat("umbilicus", 3.95, -1.5), lat("pubic_symphysis", 3.25, 0.5), lat("pubic_symphysis", 2.7,
                                                                                               0.2),
                          lat("umbilicus", 3.3, -1.5), lat("umbilicus", 3.5, 1.5), lat("umbilicus", 3.2, 4.0),
                          lat("xiphisternal_junction", 3.15, -2.0)])),
    )
    external_oblique = Muscle(
        "external oblique",
        "The outer surfaces of the lower eight ribs, by slips that interlock with serratus anterior and "
        "latissimus dorsi.",
        "The front half of the iliac crest, and through its aponeurosis the linea alba, the pubic "
        "tubercle and the inguinal ligament.",
        "Lower six thoracic nerves (T7-T12) and the iliohypogastric nerve (L1).",
        "Bends the trunk forward and to its own side and turns it to the other side; presses on the abdomen.",
        refs(f"{A}:costal_margin_mcl",), refs(f"{A}:iliac_crest_anterior", f"{A}:asis_point"), LOWER,
        (part(A, "main", [ant("nipple_point", 0.3, -1.8), ant("nipple_point", 1.6, -1.1), ant("nipple_point", 2.25,
                                                                                              -1.4),
                          ant("costal_margin_mcl", 1.85, 1.4), ant("costal_margin_mcl", 1.45, -0.6),
                          ant("iliac_crest_anterior", -0.5, 0.8), ant("iliac_crest_anterior", -0.1, 0.0),
                          ant("asis_point", -0.05, 0.3), ant("asis_point", -1.0, 1.1),
                          ant("costal_margin_mcl", -0.1, -2.1), ant("costal_margin_mcl", -0.2, 0.9)]),
         # the flank, from the lower ribs to the iliac crest; its back border is free
         part(L, "main", [lat("rib8_midaxillary", 2.6, 2.3), lat("rib8_midaxillary", 3.4, -0.2),
                          lat("iliac_crest_midaxillary", 3.6, 0.3), lat("asis", -0.2, 0.4),
                          lat("iliac_crest_midaxillary", 2.2, -1.1), lat("iliac_crest_midaxillary", 0.0, 0.1),
                          lat("iliac_crest_midaxillary", -1.5, -0.3), lat("rib12_free_end", -0.2, 1.0),
                          lat("rib8_midaxillary", -1.0, 0.6), lat("rib8_midaxillary", 1.4, 0.6)])),
    )
    iliopsoas = Muscle(
        "iliopsoas",
        "Psoas major: the sides of the bodies of T12 to L5, their discs and the transverse processes of the "
        "lumbar vertebrae. Iliacus: the upper two-thirds of the iliac fossa and the inner lip of the iliac crest.",
        "The lesser trochanter of the femur, by a common tendon passing under the inguinal ligament.",
        "Psoas: anterior rami of L1-L3; iliacus: femoral nerve (L2-L3).",
        "Bends the hip (brings the thigh forward, or the trunk forward on the thigh) and steadies the "
        "lumbar spine.",
        refs(f"{A}:T12", f"{A}:asis_point"), refs(f"{A}:lesser_trochanter",), LOWER,
        (part(A, "main", [ant("T12", 0.4, 0.0), ant("T12", 1.4, 0.0), ant("L2", 2.0, -0.8), ant("L4", 2.7, -0.8),
                          ant("iliac_crest_anterior", -1.7, 0.1), ant("iliac_crest_anterior", -0.4, -0.1),
                          ant("iliac_crest_anterior", -0.2, -1.0), ant("asis_point", -0.25, 0.0),
                          ant("asis_point", -0.95, -1.9), ant("lesser_trochanter", 0.9, 1.8),
                          ant("lesser_trochanter", 0.5, -0.2), ant("lesser_trochanter", -0.15, -0.1),
                          ant("lesser_trochanter", -0.25, 1.9), ant("pubic_tubercle", 1.0, 1.1), ant("L4", 1.5, -2.3),
                          ant("L2", 0.9, -2.3), ant("L1", 0.5, -0.8)], layer="deep"),),
    )
    return [rectus, external_oblique, iliopsoas]


def back() -> list[Muscle]:
    ql = Muscle(
        "quadratus lumborum",
        "The back of the iliac crest and the iliolumbar ligament.",
        "The lower border of the 12th rib and the tips of the transverse processes of L1 to L4.",
        "Anterior rami of T12-L4.",
        "Bends the lumbar spine to its own side, hitches the hip up, and steadies the 12th rib in breathing in.",
        refs(f"{P}:iliac_crest_posterior", f"{P}:iliac_crest_point"), refs(f"{P}:rib12_tip",
                                                                           f"{P}:L1_transverse_process"),
        LOWER,
        (part(P, "main", [post("T12", 1.3, -0.25), post("rib12_tip", -0.8, 1.05), post("rib12_tip", 0.05, 0.0),
                          post("iliac_crest_point", -0.9, 1.7), post("iliac_crest_point", -0.25, -0.05),
                          post("iliac_crest_posterior", 0.6, 0.7), post("iliac_crest_posterior", -0.4, -0.3),
                          post("L4", 1.7, -1.3), post("L2", 1.9, -1.8), post("L1", 1.8, -0.7)], layer="deep"),),
    )
    iliocostalis_lumborum = Muscle(
        "iliocostalis lumborum",
        "The common tendon of the erector spinae on the sacrum and the back of the iliac crest.",
        "The lower borders of the angles of the lower six or seven ribs.",
        "Posterior rami of the lower thoracic and lumbar nerves.",
        "Straightens the lower back and bends it to its own side; pulls the lower ribs down.",
        refs(f"{P}:iliac_crest_posterior",), refs(f"{P}:rib7_angle", f"{P}:rib10_angle"), UPPER,
        (part(P, "main", [post("iliac_crest_posterior", -0.7, -0.05), post("iliac_crest_posterior", 0.4, 0.4),
                          post("iliac_crest_point", -1.6, 1.2), post("rib12_tip", 0.4, -0.4), post("rib10_angle", 0.4,
                                                                                                   -0.2),
                          post("rib7_angle", 0.5, -0.3), post("rib7_angle", -0.1, -0.3), post("rib10_angle", -0.7,
                                                                                              -0.2),
                          post("L1_transverse_process", 0.5, -0.1), post("L2", 2.3, -1.3)], layer="deep"),),
    )
    iliocostalis_thoracis = Muscle(
        "iliocostalis thoracis",
        "The upper borders of the angles of the lower six ribs, inside the tendons of iliocostalis lumborum.",
        "The angles of the upper six ribs and the transverse process of C7.",
        "Posterior rami of the thoracic nerves.",
        "Straightens the thoracic spine and bends it to its own side.",
        refs(f"{P}:rib10_angle",), refs(f"{P}:rib1_angle",), UPPER,
        (part(P, "main", [post("L1_transverse_process", 0.5, 0.4), post("rib12_tip", -0.1, 0.2), post("rib9_angle",
                                                                                                      -0.25, 0.2),
                          post("rib5_angle", -0.3, -0.2), post("rib1_angle", -0.1, 0.0), post("rib1_angle", -0.8, 0.2),
                          post("rib5_angle", -1.65, -0.2), post("rib9_angle", -1.9, 0.2)], layer="deep"),),
    )
    longissimus = Muscle(
        "longissimus thoracis",
        "The common tendon of the erector spinae (sacrum, lumbar spinous processes, back of the iliac "
        "crest) and the transverse processes of the lumbar vertebrae.",
        "The tips of the transverse processes of all the thoracic vertebrae and the lower nine or ten ribs "
        "between their tubercles and angles.",
        "Posterior rami of the thoracic and lumbar nerves.",
        "Straightens the spine and bends it to its own side.",
        refs(f"{P}:psis",), refs(f"{P}:T1_transverse_process",), UPPER,
        (part(P, "main", [post("psis", -0.8, 0.5), post("psis", 0.0, 0.45), post("L4", 2.4, 0.2), post("L1", 2.5, -0.3),
                          post("T10", 2.35, 1.0), post("T5", 2.15, 0.5), post("T1_transverse_process", 0.55, -0.3),
                          post("T1_transverse_process", -0.15, -0.2), post("T5", 1.05, 0.5), post("T10", 1.0, 1.0),
                          post("L1", 1.0, -0.3), post("L4", 0.9, 0.2)], layer="deep"),),
    )
    multifidus = Muscle(
        "multifidus",
        "The back of the sacrum, the mammillary processes of the lumbar vertebrae, the transverse "
        "processes of the thoracic ones and the articular processes of C4 to C7.",
        "The spinous processes two to four vertebrae higher, up to the axis (C2).",
        "Posterior rami of the spinal nerves, segment by segment.",
        "Steadies the vertebrae one on another, straightens the spine and turns it slightly to the other side.",
        refs(f"{P}:S4",), refs(f"{P}:C2",), UPPER,
        (part(P, "main", [post("S4", 0.25, 0.2), post("S4", 1.2, 1.2), post("S1", 1.5, -0.3), post("L4", 1.1, 0.2),
                          post("L1", 0.95, -0.3), post("T7", 0.85, -0.3), post("T1", 0.75, 0.0), post("C2", 0.65, -0.2),
                          post("C2", 0.25, -0.2), post("T1", 0.25, -0.9), post("T11", 0.25, 0.1), post("L4", 0.25,
                                                                                                       0.2)],
              layer="deep"),),
    )
    sps = Muscle(
        "serratus posterior superior",
        "The lower ligamentum nuchae and the spinous processes of C7 to T2 or T3.",
        "The upper borders of the second to fifth ribs, just beyond their angles.",
        "Intercostal nerves T2-T5.",
        "Lifts the upper ribs (an accessory muscle of breathing in).",
        refs(f"{P}:C7",), refs(f"{P}:rib2_angle", f"{P}:rib5_angle"), UPPER,
        (part(P, "main", [midline(P, "C7"), post("T1", 2.45, -0.2), post("rib2_angle", 0.7, -0.05),
                          post("rib4_angle", 0.9, -0.3), post("rib5_angle", 0.9, -0.25), post("T4", 2.5, -0.25),
                          midline(P, "T3")], layer="deep"),),
    )
    spi = Muscle(
        "serratus posterior inferior",
        "The spinous processes of T11 to L2 or L3, through the thoracolumbar fascia.",
        "The lower borders of the last four ribs, just beyond their angles.",
        "Intercostal nerves T9-T12.",
        "Pulls the lower ribs down and back.",
        refs(f"{P}:T12",), refs(f"{P}:rib9_angle", f"{P}:rib12_tip"), UPPER,
        (part(P, "main", [midline(P, "T11"), post("rib10_angle", -1.6, 0.0), post("rib9_angle", 1.1, 0.1),
                          post("rib10_angle", 1.2, -1.2), post("rib12_tip", 1.0, 0.9), post("rib12_tip", 0.1, -0.2),
                          post("L2", 2.0, 0.7), midline(P, "L2")], layer="deep"),),
    )
    return [ql, iliocostalis_lumborum, iliocostalis_thoracis, longissimus, multifidus, sps, spi]


def neck() -> list[Muscle]:
    scm = Muscle(
        "sternocleidomastoid",
        "Sternal head: the front of the manubrium. Clavicular head: the upper surface of the medial third "
        "of the clavicle.",
        "The outer surface of the mastoid process and the outer half of the superior nuchal line.",
        "Spinal accessory nerve (cranial nerve XI), with sensory fibres from C2-C3.",
        "One side tilts the head to its own side and turns the face to the other; both bend the neck "
        "forward and lift the sternum in forced breathing.",
        refs(f"{A}:sternoclavicular_joint", f"{A}:clavicle_medial_third"), refs(f"{L}:mastoid_tip",),
        UPPER,
        # from the front its upper end is hidden behind the angle of the jaw
        (part(A, "main", [ant("mandible_angle", -0.45, -0.1), ant("mandible_angle", -0.1, -0.15),
                          ant("mandible_angle", -0.3, -0.4), ant("clavicle_medial_third", 0.0, 4.25),
                          ant("clavicle_medial_third", 0.35, 1.35), ant("clavicle_medial_third", 0.65, 0.15),
                          ant("clavicle_medial_third", -0.6, 0.05), ant("sternoclavicular_joint", -0.55, 0.05),
                          ant("sternoclavicular_joint", -0.1, 1.5), ant("mandible_angle", -1.1, -1.5)]),
         part(L, "main", [lat("mastoid_tip", -0.35, 0.3), lat("mastoid_tip", 0.5, 0.35), lat("mandible_angle", -0.7,
                                                                                             0.2),
                          lat("sternoclavicular_joint", -0.9, 2.9), lat("sternoclavicular_joint", -0.1, 0.4),
                          lat("sternoclavicular_joint", -0.2, -0.1), lat("sternoclavicular_joint", -1.1, 0.15),
                          lat("sternoclavicular_joint", -2.2, 1.9), lat("mastoid_tip", 0.1, -1.9)])),
    )
    scalenes = Muscle(
        "scalenes",
        "The transverse processes of C2 or C3 to C7 (anterior scalene: anterior tubercles of C3-C6; "
        "middle: posterior tubercles of C2-C7; posterior: C4-C6).",
        "The upper surface of the first rib (anterior and middle scalenes) and the outer surface of the "
        "second rib (posterior scalene).",
        "Anterior rami of C3-C8.",
        "Bend the neck to their own side; lift the first two ribs in breathing in.",
        refs(f"{A}:cervical_transverse_processes",), refs(f"{A}:first_rib",), UPPER,
        (part(A, "main", [ant("cervical_transverse_processes", -0.3, 0.2), ant("cervical_transverse_processes", 0.45,
                                                                               0.35),
                          ant("cervical_transverse_processes", 0.7, -0.6), ant("first_rib", 0.0, 3.1),
                          ant("first_rib", 0.9, 1.75), ant("first_rib", 1.3, 0.25), ant("first_rib", -0.2, 0.0),
                          ant("first_rib", -1.2, 1.65), ant("cervical_transverse_processes", -0.1, -1.1)]),
         # from the side: from the transverse processes (mid-depth of the neck) down and forward to the
         # first rib behind the clavicle, in the floor of the posterior triangle, under SCM's edge
         part(L, "main", [side_neck(-0.55, 66.4), side_neck(0.05, 66.1), side_neck(1.35, 61.3),
                          side_neck(0.85, 60.95), side_neck(-0.1, 61.1), side_neck(-0.9, 64.3)], layer="deep")),
    )
    splenius_capitis = Muscle(
        "splenius capitis",
        "The lower half of the ligamentum nuchae and the spinous processes of C7 to T3.",
        "The mastoid process and the outer third of the superior nuchal line, under the sternocleidomastoid.",
        "Posterior rami of the middle cervical nerves (C3-C5).",
        "Extends the head and neck; one side turns the face to its own side.",
        refs(f"{P}:C7", f"{P}:T3"), refs(f"{P}:mastoid_tip",), UPPER,
        (part(P, "main", [midline(P, "T3"), midline(P, "C4"), post("superior_nuchal_line_lateral", -1.1, 0.1),
                          post("superior_nuchal_line_lateral", 0.15, -0.05), post("mastoid_tip", 0.2, -0.3),
                          post("mastoid_tip", -0.4, -1.6), post("mastoid_tip", -0.8, -2.6), post("T1", 1.6, 0.1),
                          post("T3", 0.7, 0.3)], layer="deep"),
         # from the side: its upper end reaches the mastoid between SCM and trapezius, at the apex of
         # the posterior triangle; the rest lies under trapezius (dashed)
         part(L, "main", [side_neck(-1.25, 67.6), side_neck(-2.3, 67.9), side_neck(-2.75, 66.6),
                          side_neck(-2.3, 64.7), side_neck(-1.95, 64.9), side_neck(-1.55, 66.5)], layer="deep")),
    )
    splenius_cervicis = Muscle(
        "splenius cervicis",
        "The spinous processes of T3 to T6.",
        "The posterior tubercles of the transverse processes of C1 to C3.",
        "Posterior rami of the lower cervical nerves.",
        "Extends the neck; one side turns it to its own side.",
        refs(f"{P}:T3",), refs(f"{P}:C1_transverse_process",), UPPER,
        (part(P, "main", [midline(P, "T6"), midline(P, "T3"), post("T1", 1.1, -0.4), post("T1_transverse_process",
                                                                                          -0.1, 0.3),
                          post("C4_transverse_process", -0.2, -0.7), post("C1_transverse_process", -0.5, -0.2),
                          post("C1_transverse_process", 0.15, 0.1), post("C4_transverse_process", 0.7, -0.2),
                          post("mastoid_tip", -0.9, -2.6), post("T1_transverse_process", 0.7, 0.3), post("T3", 1.6,
                                                                                                         0.3),
                          post("T6", 0.8, 0.6)], layer="deep"),),
    )
    semispinalis = Muscle(
        "semispinalis capitis",
        "The transverse processes of C7 to T6 and the articular processes of C4 to C6.",
        "The occipital bone between the superior and inferior nuchal lines, beside the midline.",
        "Posterior rami of the cervical nerves (the greater occipital nerve pierces it).",
        "Extends the head on the neck and the neck on the trunk.",
        refs(f"{P}:T1_transverse_process",), refs(f"{P}:external_occipital_protuberance",), UPPER,
        (part(P, "main", [post("external_occipital_protuberance", 0.2, -0.15), post("superior_nuchal_line_lateral",
                                                                                    -1.0, 0.1),
                          post("C1_transverse_process", -0.3, 0.1), post("C4_transverse_process", 0.15, -0.7),
                          post("T1_transverse_process", 0.15, 0.1), post("T3", 1.3, -0.5), post("T3", 0.8, -0.9),
                          post("T1", 0.4, -0.9), post("C5", 0.25, -0.3), post("C2", 0.2, -0.2)], layer="deep"),),
    )
    suboccipitals = Muscle(
        "suboccipitals",
        "The spinous process of the axis (rectus capitis posterior major, obliquus capitis inferior), the "
        "posterior tubercle of the atlas (rectus minor) and the transverse process of the atlas (obliquus superior).",
        "The occipital bone below the inferior nuchal line, and the transverse process of the atlas "
        "(obliquus inferior).",
        "Suboccipital nerve (posterior ramus of C1).",
        "Tilt the head back and turn it on the atlas; fine control of head posture.",
        refs(f"{P}:C2", f"{P}:C1_transverse_process"), refs(f"{P}:external_occipital_protuberance",), UPPER,
        (part(P, "main", [post("C2", 0.2, 0.0), post("C2", 1.3, -0.2), post("C1_transverse_process", 0.0, -0.05),
                          post("C1_transverse_process", 0.15, 0.4), post("superior_nuchal_line_lateral", -1.1, -0.05),
                          post("external_occipital_protuberance", 0.2, -0.3)], layer="deep"),),
    )
    digastric = Muscle(
        "digastric",
        "Posterior belly: the mastoid notch on the inner side of the mastoid process.",
        "Anterior belly: the digastric fossa on the lower border of the mandible near the chin; the two "
        "bellies meet in a tendon slung to the hyoid bone.",
        "Posterior belly: facial nerve (VII); anterior belly: nerve to mylohyoid (trigeminal, V3).",
        "Opens the jaw against resistance and lifts the hyoid in swallowing.",
        refs(f"{L}:mastoid_tip",), refs(f"{L}:digastric_fossa", f"{L}:hyoid"), UPPER,
        (part(L, "posterior belly", [lat("mastoid_tip", 0.15, -0.05), lat("mastoid_tip", 0.55, 0.05),
                                     lat("mandible_angle", -0.6, 0.3), lat("hyoid", -0.05, 0.35), lat("hyoid", -0.15,
                                                                                                      -0.1),
                                     lat("hyoid", -0.5, 0.1), lat("mandible_angle", -1.15, -0.35),
                                     lat("mastoid_tip", 0.1, -0.55)]),
         part(L, "anterior belly", [lat("hyoid", -0.15, 0.05), lat("hyoid", 0.05, 0.35), lat("digastric_fossa", -0.9,
                                                                                             0.35),
                                    lat("digastric_fossa", 0.05, 0.25), lat("digastric_fossa", 0.05, -0.1),
                                    lat("digastric_fossa", -1.1, -0.15)])),
    )
    return [scm, scalenes, splenius_capitis, splenius_cervicis, semispinalis, suboccipitals, digastric]


def head() -> list[Muscle]:
    occipitofrontalis = Muscle(
        "occipitofrontalis",
        "Occipital belly: the outer two-thirds of the superior nuchal line and the mastoid part of the "
        "temporal bone. Both bellies are joined by the galea aponeurotica over the vault.",
        "Frontal belly: the skin and fascia of the eyebrows, blending with the muscles round the eye; it has "
        "no bony attachment.",
        "Facial nerve (VII): posterior auricular branch to the occipital belly, temporal branches to the frontal.",
        "Raises the eyebrows and wrinkles the forehead; draws the scalp back.",
        refs(f"{P}:superior_nuchal_line_lateral",), refs(f"{A}:eyebrow_centre",), UPPER,
        (part(A, "frontal belly", [ant("eyebrow_centre", -1.05, 0.15), ant("eyebrow_centre", 0.0, 0.2),
                                   ant("eyebrow_centre", 0.9, 0.05), ant("eyebrow_centre", 1.8, 0.7),
                                   ant("anterior_hairline", 3.2, -0.7), ant("anterior_hairline", 2.6, 0.6),
                                   ant("anterior_hairline", 1.3, 1.2), ant("anterior_hairline", 0.15, 1.3)]),
         part(P, "occipital belly", [post("external_occipital_protuberance", 0.9, 0.15),
                                     post("superior_nuchal_line_lateral", 0.0, 0.1),
                                     post("superior_nuchal_line_lateral", 0.45, 1.35),
                                     post("external_occipital_protuberance", 2.7, 2.7),
                                     post("external_occipital_protuberance", 1.3, 2.9),
                                     post("external_occipital_protuberance", 0.8, 1.5)]),
         part(L, "frontal belly", [lat("outer_canthus", -0.2, 1.0), lat("outer_canthus", 0.55, 1.15),
                                   lat("anterior_hairline_temple", 0.95, -0.2), lat("anterior_hairline_temple", 0.2,
                                                                                    1.4),
                                   lat("anterior_hairline_temple", -0.8, 2.0), lat("anterior_hairline_temple", -0.9,
                                                                                   1.2),
                                   lat("anterior_hairline_temple", -0.2, 0.0), lat("temple", 0.2, 0.2)]),
         part(L, "occipital belly", [lat("external_occipital_protuberance", 0.3, 0.2),
                                     lat("external_occipital_protuberance", 1.2, 0.0),
                                     lat("external_occipital_protuberance", 1.5,
                                         1.1), lat("external_occipital_protuberance", 1.1, 2.5),
                                     lat("external_occipital_protuberance", 0.35, 2.6),
                                     lat("external_occipital_protuberance", 0.15, 1.3)])),
    )
    temporalis = Muscle(
        "temporalis",
        "The whole temporal fossa up to the inferior temporal line, and the temporal fascia over it.",
        "The coronoid process and the front of the ramus of the mandible, passing under the zygomatic arch.",
        "Deep temporal nerves (mandibular division of the trigeminal, V3).",
        "Closes the jaw; its back fibres draw the jaw back.",
        refs(f"{L}:temple", f"{L}:temporal_line_top"), refs(f"{L}:coronoid_process",), UPPER,
        (part(L, "main", [lat("zygomatic_arch_mid", -0.5, 0.15), lat("coronoid_process", -0.3, -0.05),
                          lat("coronoid_process", 0.3, 0.05), lat("zygomatic_bone", 0.0, 0.4), lat("outer_canthus",
                                                                                                   -0.15, 0.6),
                          lat("temple", 0.6, 0.7), lat("temporal_line_top", 1.8, -0.5), lat("temporal_line_top"),
                          lat("temporal_line_top", -1.8, -0.4), lat("temporal_line_top", -3.0, -1.5),
                          lat("ear_apex", -2.1, 0.0), lat("ear_apex", -0.8, 0.35), lat("ear_apex", 0.3, 0.3),
                          lat("tragus", 0.3, 0.5)]),
         # from the front: the temple beside the orbit, above the zygomatic arch
         part(A, "main", [ant("outer_canthus", 0.7, 0.2), ant("outer_canthus", 1.3, -0.1), ant("outer_canthus", 1.75,
                                                                                               0.7),
                          ant("outer_canthus", 1.6, 2.5), ant("outer_canthus", 1.15, 3.35), ant("outer_canthus", 0.9,
                                                                                                2.9),
                          ant("outer_canthus", 0.65, 1.5)])),
    )
    masseter = Muscle(
        "masseter",
        "The lower border and inner surface of the zygomatic arch, with the zygomatic process of the maxilla.",
        "The outer surface of the ramus and angle of the mandible.",
        "Masseteric nerve (mandibular division of the trigeminal, V3).",
        "Closes the jaw with force (clenching, chewing).",
        refs(f"{L}:zygomatic_arch_mid", f"{L}:zygomatic_bone"), refs(f"{L}:mandible_angle",), UPPER,
        (part(L, "main", [lat("zygomatic_arch_mid", -0.7, -0.1), lat("zygomatic_bone", -0.05, -0.05),
                          lat("zygomatic_bone", -0.05, -1.3), lat("mandible_angle", 1.55, -0.45),
                          lat("mandible_angle", 0.6, -0.25), lat("mandible_angle", -0.05, -0.05),
                          lat("mandible_angle", -0.1, 0.8), lat("mandibular_notch", -0.2, -0.3)]),
         # from the front: the side of the cheek, arch to jaw angle
         part(A, "main", [ant("mandible_angle", -0.3, 2.55), ant("mandible_angle", 0.7, 2.5), ant("mandible_angle",
                                                                                                  0.5, 1.6),
                          ant("mandible_angle", 0.25, 0.5), ant("mandible_angle", 0.0, 0.05),
                          ant("mandible_angle", -0.4, 0.35), ant("mandible_angle", -0.45, 1.5)])),
    )
    lateral_pterygoid = Muscle(
        "lateral pterygoid",
        "Upper head: the infratemporal surface of the greater wing of the sphenoid. Lower head: the outer "
        "surface of the lateral pterygoid plate.",
        "The pterygoid fovea on the neck of the mandibular condyle, and the disc and capsule of the jaw joint.",
        "Nerve to lateral pterygoid (mandibular division of the trigeminal, V3).",
        "Draws the jaw forward and opens it; one side swings the chin to the other side.",
        refs(f"{L}:lateral_pterygoid_plate",), refs(f"{L}:mandibular_condyle",), UPPER,
        (part(L, "main", [lat("mandibular_condyle", -0.1, 0.15), lat("mandibular_condyle", -0.15, -0.25),
                          lat("lateral_pterygoid_plate", -0.9, 0.05), lat("lateral_pterygoid_plate", 0.15, -0.25),
                          lat("lateral_pterygoid_plate", 0.2, 0.45), lat("lateral_pterygoid_plate", -0.9, 0.7)],
              layer="deep"),),
    )
    medial_pterygoid = Muscle(
        "medial pterygoid",
        "The inner surface of the lateral pterygoid plate (deep head) and the tuberosity of the maxilla "
        "(superficial head).",
        "The inner surface of the ramus and angle of the mandible.",
        "Nerve to medial pterygoid (mandibular division of the trigeminal, V3).",
        "Closes the jaw with the masseter, which slings the angle from outside; helps draw the jaw forward.",
        refs(f"{L}:lateral_pterygoid_plate",), refs(f"{L}:mandible_angle",), UPPER,
        (part(L, "main", [lat("lateral_pterygoid_plate", -0.2, 0.05), lat("lateral_pterygoid_plate", 0.2, -0.3),
                          lat("mandible_angle", 0.5, -0.15), lat("mandible_angle", -0.1, 0.05),
                          lat("mandible_angle", 0.0, 0.7)], layer="deep"),),
    )
    return [occipitofrontalis, temporalis, masseter, lateral_pterygoid, medial_pterygoid]


def muscles() -> list[Muscle]:
    return [*trapezius(), *shoulder_girdle(), *chest(), *abdomen(), *back(), *neck(), *head()]


if __name__ == "__main__":
    n, v = write(muscles())
    print(f"wrote {n} muscles, {v} vertices")
