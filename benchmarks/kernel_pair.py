"""The matching kernel of bench_scan.py (``Matcher(lexicon)(text)`` on text in memory,
one core) of two or more checkouts, pass by pass in turn, in CPU seconds: for
comparing a change with the code before it on a machine others also use.

    python benchmarks/kernel_pair.py 12 ../old-checkout .           # 12 passes each
    python benchmarks/kernel_pair.py 10 ../old . .:../old/lexicons/ccdm.yaml   # CHECKOUT:LEXICON

Each checkout runs in its own process (``PYTHONPATH`` set to it), reads the UN General
Debate speeches once, warms up, and then makes one pass over them each time it is
asked; the order of the checkouts alternates from pass to pass. CPU time
(``time.process_time``) counts less of another process's load than wall time, but not
none: read the medians and the ratio of paired passes, not one pass. This is a script,
not a test.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "ungdc" / "TXT"


def serve(lexicon: str) -> None:
    import phrasewatch

    files = sorted(p for p in CORPUS.rglob("*.txt") if not p.name.startswith("._"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    matcher = phrasewatch.Matcher(phrasewatch.load_lexicon(lexicon) if lexicon else phrasewatch.load_lexicon())
    sum(len(matcher(t)) for t in texts[:500])
    print("ready", Path(phrasewatch.__file__).parent.parent, flush=True)
    for _ in sys.stdin:
        started = time.process_time()
        hits = sum(len(matcher(t)) for t in texts)
        print(f"{time.process_time() - started:.4f} {hits}", flush=True)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"]:
        serve(argv[1] if len(argv) > 1 else "")
        return 0
    if len(argv) < 3:
        print(__doc__)
        return 2
    passes, checkouts = int(argv[0]), argv[1:]
    workers = []
    for checkout in checkouts:
        tree, _, lexicon = checkout.partition(":")
        proc = subprocess.Popen([sys.executable, __file__, "--serve", lexicon], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True, env={**os.environ, "PYTHONPATH": str(Path(tree).resolve())}, cwd="/")
        ready = proc.stdout.readline().split()
        if ready[:1] != ["ready"]:
            raise SystemExit(f"{checkout}: the kernel did not start")
        print(f"{checkout}: phrasewatch from {ready[1]}", flush=True)
        workers.append((checkout, proc))
    cpu: dict[str, list[float]] = {c: [] for c in checkouts}
    hits: dict[str, str] = {}
    for i in range(passes):
        for checkout, proc in workers if i % 2 == 0 else workers[::-1]:
            proc.stdin.write("go\n")
            proc.stdin.flush()
            seconds, hits[checkout] = proc.stdout.readline().split()
            cpu[checkout].append(float(seconds))
        print(f"pass {i + 1}: " + "  ".join(f"{c} {cpu[c][-1]:.3f}" for c in checkouts), flush=True)
    for _, proc in workers:
        proc.stdin.close()
        proc.wait()
    base = checkouts[0]
    for c in checkouts:
        paired = statistics.median(a / b for a, b in zip(cpu[c], cpu[base], strict=True))
        print(f"{c}: {hits[c]} matches; CPU s median {statistics.median(cpu[c]):.3f}, min {min(cpu[c]):.3f}; "
              f"to {base}: ratio of medians {statistics.median(cpu[c]) / statistics.median(cpu[base]):.3f}, "
              f"median of paired ratios {paired:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
