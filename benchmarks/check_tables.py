"""Are the scan tables of every corpus the same as before a change? For refactors
that must not change behaviour, and for changes that must say what they changed.

    python benchmarks/check_tables.py --save before/     # on the old code
    python benchmarks/check_tables.py --compare before/  # on the new code: exit 1 on any difference

Each corpus in ``../shared/corpora`` (and the bundled seeds) is scanned through the
command line, as a user would, into a matches and a documents table (CSV), then
scored (adoption, first adoption). ``--compare`` lists every table that differs
and the first rows that do. This is a script, not a test: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"

# name -> scan arguments (paths relative to the corpora folder; None: the bundled seeds)
RUNS = {
    "seeds": [],
    "seeds-reinterpreted": ["--include-reinterpreted"],
    "ungdc": ["{corpora}/ungdc/TXT"],
    "cn-reports": ["{corpora}/cn-reports", "--text-column", "content"],
    "un-resolutions": ["{corpora}/un-resolutions"],
    "joint-statements": ["{corpora}/joint-statements"],
    "us-joint-statements": ["{corpora}/us-joint-statements"],
    "us-joint-statements-reinterpreted": ["{corpora}/us-joint-statements", "--include-reinterpreted"],
}
SCORES = {
    "adoption": ["--table", "adoption"],
    "first": ["--table", "first"],
    "mentions": ["--table", "mentions", "--by", "year"],
}


def _phrasewatch(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "phrasewatch", *args], capture_output=True, text=True, cwd=ROOT)


def produce(out: Path, only: list[str] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, arguments in RUNS.items():
        if only and name not in only:
            continue
        if any("{corpora}" in a for a in arguments) and not CORPORA.is_dir():
            print(f"{name}: skipped, no {CORPORA}")
            continue
        arguments = [a.format(corpora=CORPORA) for a in arguments]
        started = time.perf_counter()
        matches = out / f"{name}.csv"
        done = _phrasewatch("scan", *arguments, "--no-progress", "-o", str(matches))
        if done.returncode not in (0, 3):
            raise SystemExit(f"{name}: scan failed ({done.returncode}): {done.stderr[-2000:]}")
        documents = out / f"{name}.documents.csv"
        for table, extra in SCORES.items():
            scored = _phrasewatch("score", "--matches", str(matches), "--documents", str(documents), *extra,
                                  "-o", str(out / f"{name}.score-{table}.csv"))
            if scored.returncode != 0:
                raise SystemExit(f"{name}: score {table} failed: {scored.stderr[-2000:]}")
        for table in out.glob(f"{name}.*csv"):
            # the bundled seeds are named by their path in this checkout: relative, so
            # that two checkouts' tables compare
            table.write_bytes(table.read_bytes().replace(f"{ROOT}/".encode(), b""))
        print(f"{name}: {time.perf_counter() - started:.1f} s")


def compare(before: Path, after: Path) -> int:
    differing = 0
    for old in sorted(before.glob("*.csv")):
        new = after / old.name
        if not new.exists():
            print(f"{old.name}: missing after")
            differing += 1
            continue
        a, b = old.read_bytes(), new.read_bytes()
        if a == b:
            continue
        differing += 1
        old_lines, new_lines = a.decode().splitlines(), b.decode().splitlines()
        diff = list(difflib.unified_diff(old_lines, new_lines, "before", "after", n=0, lineterm=""))
        print(f"{old.name}: differs ({len(old_lines)} -> {len(new_lines)} lines)")
        for line in diff[:12]:
            print("   ", line[:300])
    print("identical" if not differing else f"{differing} table(s) differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the tables here")
    group.add_argument("--compare", type=Path, help="compare the tables of this code with these")
    parser.add_argument("--only", nargs="*", help=f"only these runs ({', '.join(RUNS)})")
    args = parser.parse_args()
    if args.save:
        produce(args.save, args.only)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        produce(Path(tmp), args.only)
        before = args.compare
        if args.only:
            # compare only what was produced
            return compare_selected(before, Path(tmp))
        return compare(before, Path(tmp))


def compare_selected(before: Path, after: Path) -> int:
    selection = tempfile.mkdtemp()
    for produced in after.glob("*.csv"):
        (Path(selection) / produced.name).write_bytes((before / produced.name).read_bytes() if (before / produced.name).exists() else b"")
    return compare(Path(selection), after)


if __name__ == "__main__":
    sys.exit(main())
