#!/usr/bin/env python
"""CI quality gate: code the ACLED dev exports and fail when a score drops below its pinned floor.

    python scripts/quality_gate.py [--shared ../shared] [--baseline quality/baseline.json] [--limit N]

Reads ``<shared>/data/acled-dev/*.csv`` (the team's shared data; outside users do not have it: the
gate then prints a clear SKIP and exits 0).  Floors live in ``quality/baseline.json``, one block per
file; they only ever go up.  ``no_event.rate`` (and other ``*_rate`` keys listed in
``lower_is_better``) are ceilings instead.  Exit status: 0 pass or skip, 1 below a floor.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("STRIFE_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--baseline", default=str(ROOT / "quality" / "baseline.json"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N rows of each file (quick check)")
    ap.add_argument("--json", action="store_true", help="print the measured scores as JSON")
    args = ap.parse_args(argv)

    data = Path(args.shared) / "data" / "acled-dev"
    if not data.is_dir():
        print(f"SKIP quality gate: {data} is absent (the ACLED dev exports are team data, read at run time)")
        return 0
    baseline = json.loads(Path(args.baseline).read_text("utf-8"))
    lower_better = set(baseline.get("lower_is_better", []))
    sys.path.insert(0, str(ROOT / "src"))
    from strife.eval.acled import evaluate
    from strife.settings import get_settings

    # the learned layer is optional and user-trained: the gate measures the shipped rules
    settings = get_settings(use_learned=False)
    failed: list[str] = []
    measured: dict[str, dict] = {}
    for name, floors in sorted(baseline.get("files", {}).items()):
        path = data / name
        if not path.exists():
            print(f"SKIP {name}: not in {data}")
            continue
        result = evaluate(path, settings, limit=args.limit)
        result.pop("confusion", None)
        measured[name] = result
        print(f"{name}: {result['rows']} rows, {result.get('rows_per_second')} rows/s")
        for key, floor in sorted(floors.items()):
            value = result.get(key)
            if value is None:
                print(f"  {key:28} missing (floor {floor})")
                failed.append(f"{name}:{key} missing")
                continue
            ok = value <= floor if key in lower_better else value >= floor
            mark = "ok  " if ok else "FAIL"
            bound = "ceiling" if key in lower_better else "floor"
            print(f"  {mark} {key:28} {value:.3f}  ({bound} {floor:.2f})")
            if not ok:
                failed.append(f"{name}:{key}={value:.3f} ({bound} {floor})")
    if args.json:
        print(json.dumps(measured, indent=2, sort_keys=True))
    if args.limit:
        print("note: --limit gives a partial measurement; floors were set on whole files")
    if failed:
        print("quality gate FAILED: " + "; ".join(failed))
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
