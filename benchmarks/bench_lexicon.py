"""Time loading and checking a generated lexicon of N entries (issue 16: both must grow
linearly; 50,000 entries must load in seconds).

    python benchmarks/bench_lexicon.py 50000 [--check]

Prints wall and CPU seconds (CPU is what the code costs; wall includes other load on
a shared machine) and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import phrasewatch  # noqa: E402
from phrasewatch.check import check_lexicon  # noqa: E402
from tests.documents import generated_lexicon  # noqa: E402


def timed(label: str, function):
    wall, cpu = time.perf_counter(), time.process_time()
    out = function()
    print(f"{label}: wall {time.perf_counter() - wall:.1f} s, CPU {time.process_time() - cpu:.1f} s", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("entries", type=int)
    parser.add_argument("--check", action="store_true", help="also run lexicon check (loads it again)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(generated_lexicon(args.entries), encoding="utf-8")
        print(f"{args.entries:,} entries, {path.stat().st_size / 1e6:.1f} MB")
        timed("load_lexicon", lambda: phrasewatch.load_lexicon(path))
        if args.check:
            problems = timed("lexicon check", lambda: check_lexicon(path))
            print(f"{len(problems)} problem(s)")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
