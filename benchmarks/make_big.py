"""Write a valid dataset of N events: the shipped events repeated under new ids.

    python benchmarks/make_big.py 100000 big.json

Everything else (sources, visa rules, domains, claims) is copied as it is, so the file
passes `ckr validate` and every command works on it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "ckr.json"


def big_dataset(count: int) -> dict:
    document = json.loads(SHIPPED.read_text(encoding="utf-8"))
    events = document["events"]
    if count < len(events):
        raise SystemExit(f"N must be at least {len(events)}, the shipped events that others cite")
    # The shipped events keep their ids (domains and claims cite them); copies get new ones.
    copies = [
        {**events[i % len(events)], "id": f"{events[i % len(events)]['id']}-copy-{i}"}
        for i in range(len(events), count)
    ]
    document["events"] = events + copies
    return document


def main() -> None:
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: python benchmarks/make_big.py N OUTPUT.json")
    output = Path(sys.argv[2])
    if output.exists():
        sys.exit(f"{output} exists; choose a new name")
    with output.open("w", encoding="utf-8") as file:
        json.dump(big_dataset(int(sys.argv[1])), file, ensure_ascii=False)
    print(f"wrote {output}: {sys.argv[1]} events")


if __name__ == "__main__":
    main()
