"""The limb, hip and buttock muscles (scripts/draw_muscles_limbs.py, issue #13).

tests/test_muscles.py holds every muscle to the shared truths (trigger points
inside, attachments reached, nothing off the body); these check what is
particular to the limb muscles: the stored outlines are the generator's, the
deep muscles are drawn dashed, each muscle shows in the views where it lies at
the surface, and the attachment landmarks sit on the body.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from explorer import body, muscles

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture(scope="module")
def limbs():
    """The generator module, imported from scripts/ as the script itself runs."""
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location("draw_muscles_limbs", SCRIPTS / "draw_muscles_limbs.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPTS))


def test_stored_limb_outlines_are_the_generators(real_ds, limbs):
    """The outlines are generated from attachments: data/muscle_shapes.csv holds
    exactly what the script writes (run it after changing a landmark)."""
    stored = real_ds.muscle_shapes
    for m in limbs.muscles():
        rows = stored[stored["muscle"] == m.name]
        for part in m.parts:
            got = rows[(rows["view"] == part.view) & (rows["part"] == part.name)].sort_values("vertex")
            want = part.vertices()
            assert len(got) == len(want), (m.name, part.view, part.name)
            assert set(got["layer"]) == {part.layer}, (m.name, part.view, part.name)
            for (x, y), gx, gy in zip(want, got["x"], got["y"], strict=True):
                assert abs(gx - x) < 1e-5 and abs(gy - y) < 1e-5, (m.name, part.view, part.name)
        described = real_ds.muscles.loc[m.name]
        assert described["origin"] == m.origin and described["insertion"] == m.insertion


# Muscles that lie under others wherever they are drawn: every part dashed.
DEEP = ["piriformis", "gluteus minimus", "tibialis posterior", "supinator", "quadratus plantae", "adductor magnus"]


@pytest.mark.parametrize("muscle", DEEP)
def test_deep_limb_muscles_are_drawn_deep(real_ds, muscle):
    shapes = [s for view in body.VIEWS for s in muscles.stored_shapes(real_ds)[view] if s.muscle == muscle]
    assert shapes, muscle
    assert all(s.deep for s in shapes), [(s.view, s.part) for s in shapes if not s.deep]


# Views where each muscle lies at (or, for the deep ones, under) the surface.
VIEWS = [
    ("biceps brachii", {"anterior", "lateral"}),
    ("triceps brachii", {"posterior", "lateral"}),
    ("brachioradialis", {"anterior", "posterior", "lateral"}),  # the radial border shows from every side
    ("extensor digitorum", {"posterior", "lateral"}),  # the lateral forearm is half turned: its back shows
    ("first dorsal interosseous", {"posterior", "lateral"}),
    ("adductor pollicis", {"anterior"}),  # the palm
    ("gluteus maximus", {"posterior", "lateral"}),
    ("gluteus medius", {"posterior", "lateral"}),
    ("tensor fasciae latae", {"anterior", "lateral"}),
    ("vastus lateralis", {"anterior", "lateral"}),
    ("rectus femoris", {"anterior", "lateral"}),
    ("biceps femoris", {"posterior", "lateral"}),
    # from the front, the inner contour of the calf
    ("gastrocnemius", {"anterior", "posterior", "lateral"}),
    ("soleus", {"anterior", "posterior", "lateral"}),
    ("tibialis anterior", {"anterior", "lateral"}),
    ("extensor digitorum longus", {"anterior", "lateral"}),
    ("fibularis (peroneus) longus", {"lateral"}),
    ("sartorius", {"anterior"}),
    ("semitendinosus and semimembranosus", {"posterior"}),
]


@pytest.mark.parametrize(("muscle", "views"), VIEWS)
def test_limb_muscles_show_in_their_views(real_ds, muscle, views):
    drawn = {view for view in body.VIEWS if muscle in muscles.muscles_in_view(real_ds, view)}
    assert views <= drawn, f"{muscle} missing from {sorted(views - drawn)}"


def test_limb_attachment_landmarks_lie_on_the_body():
    for a in body._limb_attachment_anchors():
        assert body.inside_body(a.view, a.x * body.CUN, a.y * body.CUN), (a.view, a.name)


def test_frontal_limb_outlines_are_stored_on_the_left(limbs):
    """Bilateral muscles are stored on the subject's left (x >= 0) and mirrored when drawn."""
    for m in limbs.muscles():
        for part in m.parts:
            if part.view != "lateral":
                assert min(x for x, _ in part.vertices()) >= 0, (m.name, part.view, part.name)
