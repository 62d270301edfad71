"""CPU seconds per stage of a scan, in one process, without a profiler's overhead.

    python benchmarks/profile_stages.py ../shared/corpora/ungdc/TXT --limit 2000
    python benchmarks/profile_stages.py FOLDER

The stages are those of one document in ``phrasewatch.scan`` (read and decode,
metadata, normalise (the windows the matcher reads, and the key with its spaces for
counts and fingerprints; or the whole key), language, match, offset maps and acronyms, annotate with
sentences, token counts, attribution of voice and stance, fingerprints for copies), plus
loading the lexicon and building the matcher once.
CPU time (``time.process_time``), so that other processes on the machine matter less
than they do to wall time. A script, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, help="only the first N files")
    args = parser.parse_args()

    import phrasewatch
    from phrasewatch.attribution import attribute
    from phrasewatch.corpus import walk
    from phrasewatch.corpus.readers import ReadOptions, read_path
    from phrasewatch.duplicates import fingerprint
    from phrasewatch.match import annotate
    from phrasewatch.scan import _Scanner
    from phrasewatch.text.language import detect_language
    from phrasewatch.text.normalize import ChunkedNormalized, key_with_spaces
    from phrasewatch.text.sentences import Sentences

    seconds: Counter[str] = Counter()
    clock = time.process_time
    started = clock()
    lexicon = phrasewatch.load_lexicon()
    seconds["load lexicon"] += clock() - started
    started = clock()
    scanner = _Scanner(lexicon, ("formula",), ReadOptions())
    seconds["build matcher"] += clock() - started
    entries = [e for e in walk([args.folder]) if e.skip is None and e.error is None][:args.limit]
    megabytes = 0.0
    for entry in entries:
        t0 = clock()
        documents = list(read_path(entry.path, scanner.options))
        seconds["read + decode"] += clock() - t0
        for doc in documents:
            megabytes += len(doc.text.encode("utf-8")) / 1e6
            t0 = clock()
            meta = scanner.metadata(entry, doc)
            t1 = clock()
            windows = scanner.matcher.windows_in(doc.text)  # as in phrasewatch.scan: windows where it can
            counted = key_with_spaces(doc.text) if windows is not None else None
            normalized = ChunkedNormalized(doc.text) if counted is None else None
            t2 = clock()
            detect_language(doc.text)
            t3 = clock()
            read = windows if normalized is None else normalized
            selected, _ = scanner.matcher.select(read.text)
            t4 = clock()
            matches = scanner.matcher._to_matches(read, selected)
            t5 = clock()
            counted = counted if normalized is None else normalized.text
            sentences = Sentences(doc.text)
            rows = annotate(matches, scanner.matcher.lexicon, doc_id="-", source=doc.text, sentences=sentences)
            t6 = clock()
            scanner.tokens.count(counted)
            t7 = clock()
            attribute(rows, doc.text, scanner.matcher.lexicon, language=meta.get("language") or "en", actor=meta.get("actor"),
                      parties=meta.get("parties"), genre=meta.get("genre"), sentences=sentences)
            t8 = clock()
            fingerprint(counted)
            t9 = clock()
            for stage, a, b in (("metadata", t0, t1), ("normalise (windows, key)", t1, t2), ("language", t2, t3),
                                ("match (automaton, overlaps)", t3, t4), ("offset maps, acronyms", t4, t5),
                                ("annotate (sentences)", t5, t6), ("tokens", t6, t7),
                                ("attribution (voice, stance)", t7, t8), ("fingerprint (copies)", t8, t9)):
                seconds[stage] += b - a
    total = sum(seconds.values())
    print(f"{len(entries)} files, {megabytes:.1f} MB, {total:.2f} s CPU")
    for stage, value in seconds.most_common():
        print(f"  {stage:30} {value:6.2f} s {100 * value / total:4.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
