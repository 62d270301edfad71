"""Time phrasewatch against GNU grep on the same files, in one run.

    python benchmarks/bench_scan.py [CORPUS_DIR] [--limit N] [--json out.json]

CORPUS_DIR defaults to ../shared/corpora/ungdc/TXT. Reports wall time, MB/s and the
ratio to grep for: grep -r -F -i -o with the lexicon's English phrases; phrasewatch's
matching kernel alone (normalise + match on text already in memory); phrasewatch end
to end (walk, read, decode, normalise, match, sentences, tokens, tables).
This is a script, not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import phrasewatch  # noqa: E402
from phrasewatch.corpus import walk  # noqa: E402
from phrasewatch.text import decode, normalize  # noqa: E402


def corpus_files(folder: Path, limit: int | None) -> list[Path]:
    files = [e.path for e in walk([folder]) if e.skip is None and e.error is None and e.path.suffix == ".txt"]
    return files[:limit] if limit else files


def timed(label, fn):
    started = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - started
    return label, seconds, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpora" / "ungdc" / "TXT"))
    parser.add_argument("--limit", type=int, help="only the first N files (sorted)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    folder = Path(args.corpus)
    if not folder.is_dir():
        print(f"corpus folder not found: {folder}", file=sys.stderr)
        return 2
    files = corpus_files(folder, args.limit)
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    lexicon = phrasewatch.load_lexicon()
    matcher = phrasewatch.Matcher(lexicon)  # default kinds: the formulae, not reinterpreted words
    # what a user would grep for: the phrases as the lexicon writes them
    english = sorted({p.phrase.lower() for p, _ in matcher.keyed if p.language == "en" and p.regex is None and not p.blocker})
    print(f"{len(files)} files, {megabytes:.1f} MB, {len(matcher)} formulae, {len(matcher.keyed)} patterns "
          f"({len(english)} English phrases for grep)")

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        patterns = Path(tmp) / "phrases.txt"
        patterns.write_text("\n".join(english) + "\n", encoding="utf-8")
        listing = Path(tmp) / "files.txt"
        listing.write_text("\0".join(map(str, files)), encoding="utf-8")

        def grep():
            cmd = f"xargs -0 -a {listing} grep -F -i -o -h -f {patterns} | wc -l"
            out = subprocess.run(cmd, shell=True, capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
            return int(out.stdout.strip() or 0)

        results.append(timed("grep -F -i -o (English phrases)", grep))

        texts = [decode(f.read_bytes()).text for f in files]  # read before the clock starts
        results.append(timed("phrasewatch kernel (normalise + match)",
                             lambda: sum(len(matcher(normalize(t))) for t in texts)))
        texts.clear()
        results.append(timed("phrasewatch scan, end to end", lambda: len(phrasewatch.scan(files, lexicon=lexicon).matches)))

    grep_seconds = results[0][1]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = []
    print(f"\n{'engine':42} {'seconds':>8} {'MB/s':>8} {'x grep':>7} {'hits':>8}")
    for label, seconds, hits in results:
        rows.append({"engine": label, "seconds": round(seconds, 3), "mb_per_s": round(megabytes / seconds, 2),
                     "ratio_to_grep": round(seconds / grep_seconds, 2), "hits": hits})
        print(f"{label:42} {seconds:8.2f} {megabytes / seconds:8.1f} {seconds / grep_seconds:7.1f} {hits:8}")
    print(f"\npeak RSS of this process: {peak_mb:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({"corpus": str(folder), "files": len(files), "megabytes": round(megabytes, 1),
                                         "peak_rss_mb": round(peak_mb), "results": rows}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
