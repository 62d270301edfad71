"""Recall and precision of a lexicon on a hand-marked sample of UN General Debate
speeches (gold-ungdc.csv: one row per occurrence of a signature or mixed formula that a
reader marked, with the formula's wording as it stands in the speech).

    python benchmarks/recall/measure.py                       # the bundled lexicon
    python benchmarks/recall/measure.py -l OTHER.yaml         # another lexicon (say, before a change)

An occurrence is found when a match of its formula (or of a sub-formula or parent of
it) overlaps its wording in the speech. A match of a signature or mixed formula that
overlaps no marked occurrence counts against precision. Speeches come from
../shared/corpora/ungdc/TXT (read there, not copied).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import phrasewatch  # noqa: E402
from phrasewatch.attribution import china_voice  # noqa: E402
from phrasewatch.corpus import metadata_from_filename  # noqa: E402
from phrasewatch.text import normalize  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "ungdc" / "TXT"


def locate(text: str, quote: str, taken: set) -> tuple[int, int]:
    """Raw span of the first not yet taken occurrence of ``quote`` in ``text`` (compared on
    the matching key, so line breaks and quote styles do not matter)."""
    key = normalize(text)
    needle = normalize(quote).text.strip()
    at = key.text.find(needle)
    while at != -1:
        span = key.to_source(at, at + len(needle))
        if span not in taken:
            taken.add(span)
            return span
        at = key.text.find(needle, at + 1)
    raise SystemExit(f"quote not found: {quote!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-l", "--lexicon", default="ccdm")
    parser.add_argument("--gold", default="gold-ungdc.csv", help="gold-ungdc.csv (read while the lexicon was edited) or gold-heldout.csv (marked after)")
    args = parser.parse_args()
    lexicon = phrasewatch.load_lexicon(args.lexicon)
    matcher = phrasewatch.Matcher(lexicon)
    family = {f.id: {f.id, *(g.id for g in lexicon if g.parent == f.id), *([f.parent] if f.parent else [])} for f in lexicon}
    gold: dict[str, list[tuple[str, str]]] = {}
    with open(Path(__file__).with_name(args.gold), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            items = gold.setdefault(row["doc_id"], [])  # a speech with no row of its own holds none
            if row["formula_id"]:
                items.append((row["formula_id"], row["quote"]))
    found = Counter()
    missed = []
    extra = []
    for doc_id, items in gold.items():
        path = next(CORPUS.glob(f"*/{doc_id}.txt"))
        text = path.read_text(encoding="utf-8")
        meta = metadata_from_filename(path)
        voice = china_voice(text, language="en", actor=meta.get("actor"))
        # every match can find a marked use (a lexicon may class a formula otherwise than
        # when it was marked); only signature and mixed ones count against precision
        matches = list(matcher(text, voice=voice))
        taken: set = set()
        spans = [(fid, locate(text, quote, taken), quote) for fid, quote in items]
        used = set()
        for fid, (a, b), quote in spans:
            hit = next((i for i, m in enumerate(matches) if m.start < b and a < m.end and m.formula_id in family[fid]), None)
            if hit is None:
                missed.append(f"{doc_id}: {fid}: {quote}")
            else:
                used.add(hit)
                found[fid] += 1
        for i, m in enumerate(matches):
            if lexicon[m.formula_id].distinctiveness not in ("signature", "mixed"):
                continue
            if i not in used and not any(m.start < b and a < m.end for _, (a, b), _ in spans):
                extra.append(f"{doc_id}: {m.formula_id}: {m.surface}")
    total = sum(len(v) for v in gold.values())
    hits = sum(found.values())
    print(f"lexicon {args.lexicon}: {hits} of {total} marked occurrences found, recall {hits / total:.3f}; "
          f"{len(extra)} matches of no marked occurrence, precision {hits / (hits + len(extra)):.3f}")
    for line in missed:
        print("  missed", line)
    for line in extra:
        print("  unmarked", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
