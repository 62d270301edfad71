"""What a change to the lexicon or the matcher added to a scan: two saved matches tables
of the same corpus compared, signature formulae counted per formula, and a random
sample of the new matches to read.

    phrasewatch scan ../shared/corpora/ungdc/TXT -o before/matches.parquet   # on the old code
    phrasewatch scan ../shared/corpora/ungdc/TXT -o after/matches.parquet    # on the new code
    python benchmarks/new_matches.py before/matches.parquet after/matches.parquet --sample 50 --seed 10

A match is keyed by document, raw offsets and formula: one found with other offsets (a
longer form of the same use) is new, and its old span gone. Signature means the class
the bundled lexicon declares now (``distinctiveness``), for both tables. The sample is
printed as a Markdown list (formula, document, surface, sentence) with an empty
judgement to fill in. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import phrasewatch  # noqa: E402

KEY = ["doc_id", "start", "end", "formula_id"]


def _read(path: str) -> pd.DataFrame:
    return pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)


def _only_in(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    merged = a.merge(b[KEY].drop_duplicates(), on=KEY, how="left", indicator=True)
    return merged[merged["_merge"] == "left_only"].drop(columns="_merge")


def _one_line(text) -> str:
    return " ".join(str(text).split())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--sample", type=int, default=50, help="new matches to draw (0: none)")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args(argv)

    before, after = _read(args.before), _read(args.after)
    lexicon = phrasewatch.load_lexicon()
    signature = {fid for fid, f in lexicon.formulae.items() if f.distinctiveness == "signature"}
    sig_before, sig_after = before[before.formula_id.isin(signature)], after[after.formula_id.isin(signature)]
    print(f"matches: before {len(before):,}, after {len(after):,}")
    print(f"signature formulae: before {len(sig_before):,}, after {len(sig_after):,} "
          f"(documents: {sig_before.doc_id.nunique():,} -> {sig_after.doc_id.nunique():,})")
    table = pd.DataFrame({"before": sig_before.formula_id.value_counts(), "after": sig_after.formula_id.value_counts()})
    table = table.fillna(0).astype(int)
    table["change"] = table["after"] - table["before"]
    print(table.sort_values(["change", "after"], ascending=False).to_string())

    new, gone = _only_in(after, before), _only_in(before, after)
    print(f"\nnew matches: {len(new):,} (signature {new.formula_id.isin(signature).sum():,}); "
          f"gone: {len(gone):,} (signature {gone.formula_id.isin(signature).sum():,})")
    print("new, by formula:", new.formula_id.value_counts().to_dict())
    print("gone, by formula:", gone.formula_id.value_counts().to_dict())
    if args.sample and len(new):
        drawn = new.sort_values(KEY).sample(min(args.sample, len(new)), random_state=args.seed)
        print(f"\n{len(drawn)} new matches drawn with seed {args.seed}:\n")
        for i, (_, row) in enumerate(drawn.sort_values(["formula_id", "doc_id", "start"]).iterrows(), 1):
            licence = f", licence {row.licence}" if "licence" in row and isinstance(row.licence, str) else ""
            print(f"{i}. **{row.formula_id}** ({row.distinctiveness}{licence}) {row.doc_id}: "
                  f"\"{_one_line(row.surface)}\" — {_one_line(row.sentence)} — judgement: ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
