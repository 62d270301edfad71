"""CPU seconds by phase of a one-process (-j 1) scan through a store, as the command
runs it: import the command line and the scan's stages, load the lexicon, walk, run
the entries through the store (router, local scanner), write both tables.

    cp s0.db s.db   # a store in its state before the lexicon edit
    python benchmarks/rematch_phases.py CORPUS s.db -l ccdm -l extra.yaml

The store is changed as the command would change it: copy it back before each run.
"""

from __future__ import annotations

import time

started = time.process_time()

import argparse  # noqa: E402

import phrasewatch.cli  # noqa: E402, F401 - what `python -m phrasewatch` imports before a command runs
from phrasewatch.corpus.walk import walk  # noqa: E402
from phrasewatch.lexicon import load_lexicon  # noqa: E402
from phrasewatch.options import ScanOptions  # noqa: E402
from phrasewatch.result import UniqueIds  # noqa: E402
from phrasewatch.run import run_entries  # noqa: E402
from phrasewatch.scan import write_scan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("store")
    parser.add_argument("-l", "--lexicon", action="append", default=[])
    parser.add_argument("-o", "--output", default="phases.csv")
    args = parser.parse_args()
    phases = {}
    mark = started

    def lap(name: str) -> None:
        nonlocal mark
        now = time.process_time()
        phases[name] = now - mark
        mark = now

    lap("import the command line and the scan's stages")
    lexicon = load_lexicon(*(args.lexicon or ["ccdm"]))
    lap("load the lexicon")
    store = args.store
    own = [args.output, args.output.replace(".csv", ".documents.csv"), *(f"{store}{s}" for s in ("", "-wal", "-shm", "-journal"))]
    entries = list(walk([args.corpus], exclude=own))
    lap(f"walk the {len(entries):,} entries")
    results = list(run_entries(iter(entries), lexicon, ScanOptions(jobs=1, store=store)))
    lap("run_entries: the store, the router, the local scanner and its matcher")
    ids = UniqueIds()
    write_scan((ids.assign(r) for r in results), args.output, own[1])
    lap("tables: unique ids, copy groups, both CSVs")
    for name, seconds in phases.items():
        print(f"{name:72} {seconds:6.2f}")
    print(f"{'total':72} {sum(phases.values()):6.2f}")


if __name__ == "__main__":
    main()
