"""CPU seconds per stage of a scan, in one process, without a profiler's overhead.

    python benchmarks/profile_stages.py ../shared/corpora/ungdc/TXT --limit 2000
    python benchmarks/profile_stages.py FOLDER

The stages are those of one document in ``phrasewatch.pipeline.DocumentScanner.process``
(read and decode, metadata and language, match (the windows the matcher reads or the
whole key, the automaton, offsets and acronyms), annotate with sentences, attribution of
voice and stance, the key for counts, token counts, fingerprints for copies), plus
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
    from phrasewatch.corpus.describe import describe
    from phrasewatch.corpus.readers import read_path
    from phrasewatch.duplicates import fingerprint
    from phrasewatch.match import annotate
    from phrasewatch.pipeline import DocumentScanner
    from phrasewatch.text import KeyedText, Sentences

    seconds: Counter[str] = Counter()
    clock = time.process_time
    started = clock()
    lexicon = phrasewatch.load_lexicon()
    seconds["load lexicon"] += clock() - started
    started = clock()
    scanner = DocumentScanner(lexicon)
    seconds["build matcher"] += clock() - started
    entries = [e for e in walk([args.folder]) if e.skip is None and e.error is None][:args.limit]
    megabytes = 0.0
    for entry in entries:
        t0 = clock()
        documents = list(read_path(entry.path, scanner.options.read))
        seconds["read + decode"] += clock() - t0
        for doc in documents:
            # the stages of DocumentScanner.process, one by one
            megabytes += len(doc.text.encode("utf-8")) / 1e6
            t0 = clock()
            about = describe(entry, doc, scanner.sidecars)
            t1 = clock()
            keyed = KeyedText(doc.text)
            found = scanner.matcher(keyed)
            t2 = clock()
            sentences = Sentences(doc.text)
            annotated = annotate(found, scanner.lexicon, doc_id=about.doc_id, source=doc.text, date=about.date,
                                 year=about.year, sentences=sentences)
            t3 = clock()
            attribute(annotated, doc.text, scanner.lexicon, language=about.language, actor=about.fields.get("actor"),
                      parties=about.fields.get("parties"), genre=about.fields.get("genre"), sentences=sentences)
            t4 = clock()
            counted = keyed.counting_key()
            t5 = clock()
            scanner.tokens.count(counted)
            t6 = clock()
            fingerprint(counted)
            t7 = clock()
            for stage, a, b in (("metadata, language", t0, t1), ("match (windows, automaton)", t1, t2),
                                ("annotate (sentences)", t2, t3), ("attribution (voice, stance)", t3, t4),
                                ("key for counts", t4, t5), ("tokens", t5, t6), ("fingerprint (copies)", t6, t7)):
                seconds[stage] += b - a
    total = sum(seconds.values())
    print(f"{len(entries)} files, {megabytes:.1f} MB, {total:.2f} s CPU")
    for stage, value in seconds.most_common():
        print(f"  {stage:30} {value:6.2f} s {100 * value / total:4.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
