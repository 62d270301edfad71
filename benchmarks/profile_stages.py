"""CPU seconds per stage of a scan, in one process, without a profiler's overhead.

    python benchmarks/profile_stages.py ../shared/corpora/ungdc/TXT --limit 2000
    python benchmarks/profile_stages.py FOLDER

Each document goes through ``phrasewatch.pipeline.DocumentScanner.process`` itself: the
stages are timed by wrapping the functions it calls (metadata, genre and language; the
matcher; the whole-text sentence split; annotation; voice, stance and strength; token
counts; the letters fingerprints hash, and the fingerprint), so the figures follow the
pipeline as it is rather than a copy of it. What no wrapper covers (building the row,
the reads of the stages not listed) is "other". Reading and decoding the files is
timed apart, and loading the lexicon and building the matcher once.
CPU time (``time.process_time``), so that other processes on the machine matter less
than they do to wall time. A script, not a test.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SECONDS: Counter[str] = Counter()


def _timed(owner, name: str, stage: str) -> None:
    """Replace ``owner.name`` by the same function, its CPU time added to ``stage``."""
    function = getattr(owner, name)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SECONDS[stage] += time.process_time() - started

    setattr(owner, name, wrapper)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, help="only the first N files")
    args = parser.parse_args()

    import phrasewatch
    from phrasewatch import pipeline
    from phrasewatch.corpus import walk
    from phrasewatch.corpus.readers import read_path
    from phrasewatch.text.keyed import KeyedText
    from phrasewatch.text.sentences import Sentences
    from phrasewatch.text.tokens import TokenCounter

    for name, stage in (("describe", "metadata, genre, language"), ("china_voice", "China's voice (licences)"),
                        ("annotate", "annotate (sentences)"), ("attribute", "attribution (voice, stance)"),
                        ("fingerprint_of_letters", "fingerprint (copies)")):
        _timed(pipeline, name, stage)
    _timed(Sentences, "expect", "split whole text")
    _timed(TokenCounter, "count_text", "tokens")
    _timed(KeyedText, "letters", "letters for fingerprints")

    clock = time.process_time
    started = clock()
    lexicon = phrasewatch.load_lexicon()
    load = clock() - started
    started = clock()
    scanner = pipeline.DocumentScanner(lexicon)
    build = clock() - started
    matcher = scanner.matcher

    def timed_matcher(*a, **k):
        t0 = clock()
        try:
            return matcher(*a, **k)
        finally:
            SECONDS["match (windows, automaton)"] += clock() - t0

    scanner.matcher = timed_matcher
    entries = [e for e in walk([args.folder]) if e.skip is None and e.error is None][:args.limit]
    for doc in list(read_path(entries[0].path, scanner.options.read))[:1] if entries else []:
        scanner.process(entries[0], doc)  # once before the clock: what is built on first use
    SECONDS.clear()
    reading = megabytes = processing = 0.0
    for entry in entries:
        t0 = clock()
        documents = list(read_path(entry.path, scanner.options.read))
        reading += clock() - t0
        for doc in documents:
            megabytes += len(doc.text.encode("utf-8")) / 1e6
            t0 = clock()
            scanner.process(entry, doc)
            processing += clock() - t0
    SECONDS["other (rows, …)"] = processing - sum(SECONDS.values())
    SECONDS["read + decode"] = reading
    total = reading + processing
    print(f"{len(entries)} files, {megabytes:.1f} MB, {total:.2f} s CPU "
          f"(and once: lexicon {load:.2f} s, matcher {build:.2f} s)")
    for stage, value in SECONDS.most_common():
        print(f"  {stage:30} {value:6.2f} s {100 * value / total:4.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
