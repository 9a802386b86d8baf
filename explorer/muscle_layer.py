"""The muscle layer of the body diagram (issue #13). Pure: no streamlit.

Stub: the outlines come from data/muscle_shapes.csv once that table exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.data import Dataset
    from explorer.figures import FigureOptions, FigureParts


def add_muscles(fig: FigureParts, ds: Dataset, opts: FigureOptions) -> None:
    """Draw the muscles of ``opts.view``: all of them with the layer on, else those in ``opts.muscles_for``."""
    return None
