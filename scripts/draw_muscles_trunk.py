"""Draw the muscles of the head, neck, trunk and shoulder girdle (issue #13).

Each muscle is written from its attachments: the control points of every
outline are body landmarks (``explorer.body.anchors``, with the attachment
landmarks of ``body._trunk_attachment_anchors``) plus B-cun offsets, so the
drawing follows the skeleton when the body frame changes. The script replaces
its own muscles' rows in data/muscles.csv and data/muscle_shapes.csv and
leaves the limb muscles (scripts/draw_muscles_limbs.py) untouched.

    .venv/bin/python scripts/draw_muscles_trunk.py
"""

from __future__ import annotations

from muscle_drawing import Muscle, at, midline, part, write

P, A, L = "posterior", "anterior", "lateral"
TS = ("Simons1999", "Gray1918")


def trapezius() -> list[Muscle]:
    upper = Muscle(
        "upper trapezius",
        "The external occipital protuberance and the inner third of the superior nuchal line, the "
        "ligamentum nuchae and the spinous process of C7.",
        "The outer third of the clavicle's posterior border and the acromion.",
        "Spinal accessory nerve (cranial nerve XI), with sensory fibres from C3-C4.",
        "Raises the point of the shoulder and turns the scapula upward; one side bends the head "
        "and neck toward it and turns the face away.",
        (f"{P}:external_occipital_protuberance", f"{P}:C7"), (f"{P}:acromion",), TS,
        (part(P, "main", [midline(P, "external_occipital_protuberance"), at(P, "mastoid_tip", -0.6, 0.3),
                          at(P, "mastoid_tip", -0.75, -1.6), at(P, "C7", 2.35, 0.7), at(P, "C7", 4.3, -0.7),
                          at(P, "acromion", -1.0, 0.65), at(P, "acromion", 0.0, 0.0),
                          at(P, "C7", 5.0, -1.75), at(P, "C7", 2.0, -0.65), midline(P, "C7")]),),
    )
    return [upper]


def muscles() -> list[Muscle]:
    return [*trapezius()]


if __name__ == "__main__":
    n, v = write(muscles())
    print(f"wrote {n} muscles, {v} vertices")
