"""phrasewatch against the engines users would otherwise pick, on the same files, in
one run.

    python benchmarks/bench_scan.py                       # UN General Debates (199 MB)
    python benchmarks/bench_scan.py --corpus cn           # Chinese reports, scaled up to 100+ MB
    python benchmarks/bench_scan.py --corpus PATH --limit 500 --json figures.json
    python benchmarks/bench_scan.py --check-engines       # also: reference == compiled on every file
    python benchmarks/bench_scan.py --engines grep,phrasewatch --repeat 3   # medians of runs in turn

Each engine runs in its own process (so its peak memory is its own) over the same
list of files, and prints wall time, MB/s, CPU time (the process and its children),
peak RSS, and the ratios of wall and CPU time to GNU grep's:

- phrasewatch end to end (walk, read, decode, normalise, match, sentences, tokens,
  tables), all cores, full bilingual lexicon;
- phrasewatch's matching kernel alone (normalise + compiled match, text in memory, one core);
- GNU grep, one process over the whole file list (``LC_ALL=C grep -F -i -o -h -f
  phrases.txt FILES``) with the lexicon's phrases of the corpus language;
- pyahocorasick with Python normalisation (lower case, whitespace collapsed);
- flashtext (case-insensitive keyword processor);
- Python ``re`` alternation of the phrases with ``\\b``;
- spaCy PhraseMatcher (blank pipeline, attr LOWER), on a sample, extrapolated;
- raw Hyperscan (phrases, case-insensitive, on raw bytes), if installed.

The extra engines come with the benchmark extra (``pip install ".[bench]"``); an
engine that is not installed is reported as skipped. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# the phrasewatch measured: this checkout's, or another's for before/after runs
# (``BENCH_PHRASEWATCH=/path/to/other/checkout python benchmarks/bench_scan.py``)
ROOT = Path(os.environ.get("BENCH_PHRASEWATCH") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT))
CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
SPACY_SAMPLE_BYTES = 8_000_000


# --- the engines, each run in a child process ----------------------------------------


def _texts(files):
    return [Path(f).read_text(encoding="utf-8", errors="replace") for f in files]


def _phrases(language: str) -> list[str]:
    import phrasewatch

    matcher = phrasewatch.Matcher(phrasewatch.load_lexicon())
    return sorted({p.phrase.lower() for p, _ in matcher.keyed if p.language == language and p.regex is None and not p.blocker})


def engine_phrasewatch(files, language, phrases):
    import phrasewatch

    return len(phrasewatch.scan(files, jobs=None).matches)


def engine_kernel(files, language, phrases):
    import phrasewatch

    texts = _texts(files)
    matcher = phrasewatch.Matcher(phrasewatch.load_lexicon())
    started, cpu = time.perf_counter(), _cpu_seconds()
    hits = sum(len(matcher(t)) for t in texts)
    return {"hits": hits, "seconds": time.perf_counter() - started, "cpu_seconds": _cpu_seconds() - cpu}  # without reading


def engine_grep(files, language, phrases):
    # One grep process over the whole file list, as a user would run it: the phrases are
    # compiled once (``xargs`` would start grep and compile them again for every batch);
    # the C locale, so -i folds ASCII only and no UTF-8 decoding slows it down.
    with tempfile.TemporaryDirectory() as tmp:
        patterns = Path(tmp) / "phrases.txt"
        patterns.write_text("\n".join(phrases) + "\n", encoding="utf-8")
        if sum(len(f) + 1 for f in files) > os.sysconf("SC_ARG_MAX") // 2:
            raise RuntimeError("the file list is too long for one grep command line")
        grep = subprocess.Popen(["grep", "-F", "-i", "-o", "-h", "-f", str(patterns), "--", *files],
                                stdout=subprocess.PIPE, env={**os.environ, "LC_ALL": "C"})
        count = subprocess.run(["wc", "-l"], stdin=grep.stdout, capture_output=True, text=True)
        grep.stdout.close()
        grep.wait()
    return int(count.stdout.strip() or 0)


_SPACES = re.compile(r"\s+")


def _python_normalise(text: str) -> str:
    return _SPACES.sub(" ", text.lower())


def engine_pyahocorasick(files, language, phrases):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        automaton.add_word(phrase, phrase)
    automaton.make_automaton()
    return sum(1 for text in _texts(files) for _ in automaton.iter(_python_normalise(text)))


def engine_flashtext(files, language, phrases):
    from flashtext import KeywordProcessor

    processor = KeywordProcessor(case_sensitive=False)
    for phrase in phrases:
        processor.add_keyword(phrase)
    return sum(len(processor.extract_keywords(text)) for text in _texts(files))


def engine_re(files, language, phrases):
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)
    return sum(len(pattern.findall(text)) for text in _texts(files))


def engine_spacy(files, language, phrases):
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("zh" if language == "zh" else "en")
    nlp.max_length = 10**9  # a blank pipeline has no parser to run out of memory
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("lexicon", [nlp.make_doc(p) for p in phrases])
    texts, size = [], 0
    for text in _texts(files):  # a sample: spaCy is too slow for the whole corpus
        texts.append(text)
        size += len(text.encode("utf-8"))
        if size >= SPACY_SAMPLE_BYTES:
            break
    started, cpu = time.perf_counter(), _cpu_seconds()
    hits = sum(len(matcher(doc)) for doc in nlp.pipe(texts))
    return {"hits": hits, "seconds": time.perf_counter() - started, "cpu_seconds": _cpu_seconds() - cpu, "sample_bytes": size}


def engine_hyperscan(files, language, phrases):
    import hyperscan

    database = hyperscan.Database()
    expressions = ["".join(f"\\x{b:02x}" for b in p.encode("utf-8")).encode() for p in phrases]
    database.compile(expressions=expressions, ids=list(range(len(phrases))), elements=len(phrases),
                     flags=[hyperscan.HS_FLAG_CASELESS] * len(phrases))
    count = 0

    def on_match(*_):
        nonlocal count
        count += 1

    for f in files:
        database.scan(Path(f).read_bytes(), match_event_handler=on_match)
    return count


ENGINES = {
    "grep": ("GNU grep -F -i -o", engine_grep),
    "phrasewatch": ("phrasewatch scan, end to end", engine_phrasewatch),
    "kernel": ("phrasewatch kernel (normalise + match)", engine_kernel),
    "hyperscan": ("raw Hyperscan (no normalisation)", engine_hyperscan),
    "pyahocorasick": ("pyahocorasick + Python normalisation", engine_pyahocorasick),
    "flashtext": ("flashtext", engine_flashtext),
    "re": ("Python re alternation with \\b", engine_re),
    "spacy": ("spaCy PhraseMatcher (sample, extrapolated)", engine_spacy),
}


def _cpu_seconds() -> float:
    """User and system time of this process and of its children that have ended (grep,
    the scan's worker processes): the work done, whatever the cores and the load."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_engine(name: str, listing: Path, language: str) -> None:
    files = listing.read_text(encoding="utf-8").split("\0")
    phrases = _phrases(language)  # the phrase list is ready before the clock starts
    started, cpu = time.perf_counter(), _cpu_seconds()
    try:
        value = ENGINES[name][1](files, language, phrases)
    except ImportError as exc:
        print(json.dumps({"skipped": f"not installed: {exc.name}"}))
        return
    figures = {"hits": value, "seconds": time.perf_counter() - started, "cpu_seconds": _cpu_seconds() - cpu}
    if isinstance(value, dict):  # engines that time their own core, or a sample
        figures.update(value)
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    figures["peak_rss_mb"] = rss / 1024
    print(json.dumps(figures))


# --- corpora ---------------------------------------------------------------------------


def corpus_files(name: str, limit: int | None, workdir: Path) -> tuple[list[str], str]:
    from phrasewatch.corpus import walk

    if name == "cn":
        # the work and congress reports as text files, plus a concatenated scale-up
        rows = []
        for table in sorted((CORPORA / "cn-reports").glob("*.jsonl")):
            rows += [json.loads(line)["content"] for line in table.read_text(encoding="utf-8").splitlines() if line.strip()]
        folder = workdir / "cn"
        folder.mkdir()
        for i, text in enumerate(rows):
            (folder / f"report_{i:03d}.txt").write_text(text, encoding="utf-8")
        block = "\n".join(rows)
        copies = max(1, (100_000_000 // len(block.encode("utf-8"))) + 1)
        for i in range(copies):
            (folder / f"scaleup_{i:03d}.txt").write_text(block, encoding="utf-8")
        files, language = sorted(str(p) for p in folder.iterdir()), "zh"
    else:
        folder = CORPORA / "ungdc" / "TXT" if name == "ungdc" else Path(name)
        files = [str(e.path) for e in walk([folder]) if e.skip is None and e.error is None]
        language = "en"
    return (files[:limit] if limit else files), language


def check_engines(files: list[str]) -> bool:
    """Reference and compiled engines return the same matches on every file."""
    import phrasewatch
    from phrasewatch.match import CompiledMatcher, ReferenceMatcher

    lexicon = phrasewatch.load_lexicon()
    reference, compiled = ReferenceMatcher(lexicon), CompiledMatcher(lexicon)
    differing = [f for f in files for text in [Path(f).read_text(encoding="utf-8", errors="replace")]
                 if reference(text) != compiled(text)]
    for f in differing[:10]:
        print(f"  engines differ on {f}")
    return not differing


def _median_run(runs: list[dict]) -> dict:
    """One engine's figures over repeated runs: the median wall and CPU time (each on
    its own), the peak RSS of all, and the times of every run."""
    timed = [r for r in runs if "seconds" in r]
    if not timed:
        return runs[0]
    figures = dict(timed[0])
    for key in ("seconds", "cpu_seconds"):
        figures[key] = statistics.median(r[key] for r in timed)
    figures["peak_rss_mb"] = max(r["peak_rss_mb"] for r in timed)
    if len(timed) > 1:
        figures["runs"] = [{"seconds": round(r["seconds"], 3), "cpu_seconds": round(r["cpu_seconds"], 3)} for r in timed]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="ungdc", help="ungdc, cn, or a folder")
    parser.add_argument("--limit", type=int, help="only the first N files")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, from: " + ", ".join(ENGINES))
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the engines in turn N times and report each engine's medians (for a loaded machine)")
    parser.add_argument("--check-engines", action="store_true", help="check that the reference and compiled engines agree")
    parser.add_argument("--run-engine", help=argparse.SUPPRESS)
    parser.add_argument("--files-from", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--language", default="en", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_engine:
        run_engine(args.run_engine, args.files_from, args.language)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        files, language = corpus_files(args.corpus, args.limit, Path(tmp))
        megabytes = sum(os.path.getsize(f) for f in files) / 1e6
        listing = Path(tmp) / "files"
        listing.write_text("\0".join(files), encoding="utf-8")
        print(f"{args.corpus}: {len(files)} files, {megabytes:.1f} MB, {os.cpu_count()} cores, phrases in {language!r}")
        names = args.engines.split(",")
        runs: dict[str, list[dict]] = {name: [] for name in names}
        for _ in range(args.repeat):  # the engines take turns, so a load that comes and goes is shared
            for name in names:
                out = subprocess.run([sys.executable, __file__, "--run-engine", name, "--files-from", str(listing),
                                      "--language", language], capture_output=True, text=True)
                try:
                    runs[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
                except (IndexError, json.JSONDecodeError):
                    runs[name].append({"skipped": (out.stderr.strip().splitlines() or ["failed"])[-1]})
        rows = []
        for name in names:
            label = ENGINES[name][0]
            figures = _median_run(runs[name])
            figures["engine"] = label
            if "seconds" in figures:
                sample = figures.get("sample_bytes")
                if sample:  # extrapolate a sample to the whole corpus
                    figures["seconds"] *= megabytes * 1e6 / sample
                    figures["cpu_seconds"] *= megabytes * 1e6 / sample
                    figures["hits"] = f"{figures['hits']} (sample)"
                figures["mb_per_s"] = megabytes / figures["seconds"]
            rows.append(figures)
            print(f"  {label:45} " + (f"{figures['seconds']:8.2f} s" if "seconds" in figures else f"skipped ({figures['skipped']})"),
                  flush=True)
        grep = next((r for r in rows if r["engine"] == ENGINES["grep"][0] and "seconds" in r), None)
        print(f"\n{'engine':45} {'seconds':>8} {'MB/s':>7} {'x grep':>7} {'CPU s':>7} {'x grep':>7} {'RSS MB':>7}  hits")
        for r in rows:
            if "seconds" not in r:
                print(f"{r['engine']:45} skipped: {r['skipped']}")
                continue
            r["ratio_to_grep"] = r["seconds"] / grep["seconds"] if grep else None
            r["cpu_ratio_to_grep"] = r["cpu_seconds"] / grep["cpu_seconds"] if grep and grep["cpu_seconds"] else None
            ratio = f"{r['ratio_to_grep']:7.2f}" if grep else "      -"
            cpu_ratio = f"{r['cpu_ratio_to_grep']:7.2f}" if r["cpu_ratio_to_grep"] else "      -"
            print(f"{r['engine']:45} {r['seconds']:8.2f} {r['mb_per_s']:7.1f} {ratio} {r['cpu_seconds']:7.2f} {cpu_ratio}"
                  f" {r['peak_rss_mb']:7.0f}  {r['hits']}")
        report = {"corpus": args.corpus, "files": len(files), "megabytes": round(megabytes, 1), "language": language,
                  "cores": os.cpu_count(), "results": rows}
        if args.check_engines:
            agree = check_engines(files)
            report["engines_agree"] = agree
            print(f"\nreference and compiled engines agree on every file: {agree}")
        if args.json:
            args.json.write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
