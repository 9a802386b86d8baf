"""The explore page's widget keys, labels and limits, shared by its modules."""

from __future__ import annotations

CHART_KEY = "body_chart"
RESULTS_KEY = "results_table"
VIEW_PICK_KEY = "view_pick"  # the View radio: a view, or "both" (the front-and-back layout)
CHOOSER_KEY = "site_chooser"  # the chooser offered when a click lands on several markers
# Filters drawn in the "Channel, muscle and more" expander, and its key.
HIDDEN_FILTER_KEYS = ("meridians", "muscle", "area", "zone", "use")
MORE_FILTERS_KEY = "more_filters"
# The diagram's optional layers, as one multi-choice widget (key "layers"):
# four checkboxes cost the first render about four widgets' worth of work.
LAYER_LABELS = {"skeleton": "Skeletal landmarks", "muscles": "Muscles", "lungs": "Lungs and pleura",
                "zones": "Risk zones", "labels": "Site labels"}
MODE_LABELS = {"student": "Student", "patient": "Patient", "present": "Present"}
KIND_LABELS = {"": "Both", "acupoint": "Acupoints", "trigger_point": "Trigger points"}
MAX_PATTERNS = 6  # referral patterns drawn at once for "where does it hurt?"
MAX_PICKER = 1000  # sites listed in the picker; search finds the rest
MAX_TABLE_ROWS = 300  # rows of the results table; the sentence gives the full count
