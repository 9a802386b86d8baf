"""Validate a data folder the way the app and the tests do, and print findings.

    python scripts/check_data.py [DATA_DIR]   (default: the package's data/)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer import audit
from explorer.data import load_dataset


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else None
    ds = load_dataset(folder)
    failures = 0
    for p in ds.problems:
        print("SCHEMA", p)
        failures += 1
    if ds.problems:
        return 1
    for label, check in audit.ALL_CHECKS.items():
        for finding in check(ds):
            print(f"{label.upper()}: {finding}")
            failures += 1
    counts = ds.sites.groupby("kind").size().to_dict()
    print(f"{len(ds.sites)} sites {counts}; {len(ds.referrals)} referral ellipses; {failures} findings")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
