"""What grouping copies costs a scan of many documents: the compact fingerprints a scan
writing files keeps (phrasewatch.duplicates.CopyKeys) for N documents, and the
grouping at the end, in seconds and MB of peak memory above the interpreter's.

    python benchmarks/bench_copies.py --documents 500000

The documents are made up as bench_scale.py's corpus is: some 11,000 sources, each in
many copies whose MinHash signatures differ in a few of their 64 values (a sentence
added), with the metadata the UN speeches carry (actor, year, language, genre). For
comparison it also reports what the same documents' records (the dicts the scan kept
before, signature as text) take, measured with tracemalloc on a tenth of them.
"""

from __future__ import annotations

import argparse
import base64
import gc
import random
import resource
import tempfile
import time
import tracemalloc

import numpy as np

from phrasewatch.duplicates import CopyKeys


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def records(n: int, sources: int = 11_000, seed: int = 1):
    rnd = random.Random(seed)
    rng = np.random.default_rng(seed)
    bases = rng.integers(0, 2**32, size=(sources, 64), dtype=np.uint64).astype("<u4")
    actors = ["ARG", "AUS", "BEL", "CHN", "IDN", "KEN", "FJI", "USA"]
    for i in range(n):
        s = i % sources
        signature = bases[s].copy()
        copy = i // sources
        if copy:
            signature[rnd.sample(range(64), 3)] = rng.integers(0, 2**32, size=3, dtype=np.uint64).astype("<u4")
        yield {"doc_id": f"copy{copy:04d}/Session {s % 79:02d}/{actors[s % 8]}_{s % 79:02d}_{1946 + s % 79}",
               "path": f"corpus/copy{copy:04d}/Session {s % 79:02d} - {1946 + s % 79}/{actors[s % 8]}_{s % 79:02d}.txt",
               "status": "ok", "content_hash": f"{rnd.getrandbits(96):024x}",
               "minhash": base64.b64encode(signature.tobytes()).decode("ascii"),
               "actor": actors[s % 8], "year": 1946 + s % 79, "language": "zh" if s % 120 == 0 else "en",
               "genre": "general_debate", "session": s % 79, "title": None, "chars": 20_000, "tokens": 3_400}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=500_000)
    args = parser.parse_args()
    gc.collect()
    base = _rss_mb()
    with tempfile.TemporaryDirectory() as spill:
        keys = CopyKeys(spill=spill)
        started = time.perf_counter()
        for record in records(args.documents):
            keys.add(record)
        added = time.perf_counter() - started
        held = _rss_mb() - base
        started = time.perf_counter()
        representative, kind = keys.group()
        grouped = time.perf_counter() - started
        peak = _peak_mb() - base
        keys.close()
    groups = len(np.unique(representative))
    print(f"{args.documents:,} documents: kept {held:.0f} MB ({held * 2**20 / args.documents:.0f} bytes a document), "
          f"{added:.1f} s to add; grouped in {grouped:.1f} s into {groups:,} groups; peak {peak:.0f} MB above the "
          f"interpreter's {base:.0f} MB")
    tenth = max(1, args.documents // 10)
    tracemalloc.start()
    kept = list(records(tenth))
    per_record = tracemalloc.get_traced_memory()[0] / tenth
    tracemalloc.stop()
    print(f"the records themselves (the old way): {per_record:.0f} bytes a document, "
          f"{per_record * args.documents / 2**20:.0f} MB for {args.documents:,}")
    del kept
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
