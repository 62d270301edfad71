"""The ``phrasewatch`` command: a thin shell over the library's public functions."""

from __future__ import annotations

import contextlib
import json
import shlex
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

# Only what the commands' options name is imported here; each command imports the
# stages it runs (a scan needs neither the scores nor the report; --help needs neither).
from .ci import FORMATS, render
from .corpus.walk import count_files
from .errors import EXIT_FAILURE, LexiconError, PhrasewatchError
from .lexicon import KINDS, load_lexicon
from .lexicon.export import EXPORT_FORMATS, IMPORT_FORMATS, export_lexicon, import_lexicon
from .options import DEFAULT_MAX_BYTES, FORMULA_GROUPS, KWIC_LIMIT, SCORE_TABLES, ScanOptions, ScoreOptions
from .resources import seeds_dir

if TYPE_CHECKING:
    from .result import ScanCounts


class Failure(click.ClickException):
    """An error that stops the command: exit code 2, like a usage error."""

    exit_code = EXIT_FAILURE


class _Progress:
    """One status line on stderr, redrawn at most twice a second: files done of the
    total (when the walk has counted them), percent and time left; documents (a table
    file holds many) and skipped files apart; MB and speed."""

    def __init__(self, enabled: bool, total: int | None = None):
        self.enabled = enabled
        self.total = total
        self.started = time.perf_counter()
        self.last = 0.0
        self.documents = 0
        self.skipped = 0
        self.files = 0
        self.path = None
        self.bytes = 0

    def __call__(self, result) -> None:
        path = result.document.get("path")
        if path != self.path or result.document.get("row") in (None, 0):
            self.files += 1  # results come in walk order: a table's rows follow one another
            self.path = path
        if result.document.get("status") == "skipped":
            self.skipped += 1
        else:
            self.documents += 1
        self.bytes += result.bytes_read
        now = time.perf_counter()
        if self.enabled and now - self.last >= 0.5:
            self.last = now
            self.draw(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        parts = []
        if self.total:
            done = min(self.files, self.total)
            left = elapsed / done * (self.total - done) if done else None
            parts.append(f"{done:,}/{self.total:,} files ({100 * done / self.total:.0f}%)")
            if left is not None and done < self.total:
                parts.append(f"{_duration(left)} left")
        parts.append(f"{self.documents:,} documents")
        if self.skipped:
            parts.append(f"{self.skipped:,} skipped")
        parts.append(f"{self.bytes / 1e6:,.1f} MB, {self.documents / elapsed:,.0f} docs/s, {self.bytes / 1e6 / elapsed:,.1f} MB/s")
        return "  " + ", ".join(parts) + " "

    def draw(self, now: float) -> None:
        click.echo("\r" + self.line(now), nl=False, err=True)

    def close(self) -> None:
        if self.enabled and (self.documents or self.skipped):
            self.draw(time.perf_counter())
            click.echo("", err=True)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def _lexicon(names):
    try:
        return load_lexicon(*names)
    except LexiconError as exc:
        raise Failure(str(exc)) from exc


def lexicon_option(f):
    return click.option("-l", "--lexicon", "lexicons", multiple=True, metavar="NAME|FILE",
                        help="Lexicon to use: a bundled name (ccdm) or a YAML file. Repeat to combine. Default: ccdm.")(f)


def read_options(f):
    f = click.option("--text-column", metavar="NAME", help="For .csv/.jsonl/.parquet: the column holding each document's text.")(f)
    f = click.option("--encoding", metavar="CODEC", help="Read text files in this encoding instead of detecting it.")(f)
    f = click.option("--include-reinterpreted", is_flag=True, help="Also match reinterpreted ordinary words (democracy, 发展 …).")(f)
    f = click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Files larger than this are reported, not read.")(f)
    f = click.option("--progress/--no-progress", default=None, help="Progress line on stderr (default: when stderr is a terminal).")(f)
    f = click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
                     help="SQLite file keeping read text and results: resume an interrupted scan, re-match after a lexicon edit.")(f)
    f = click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: one per core).")(f)
    f = click.option("--max-rows", type=click.IntRange(min=1), default=ScanOptions.max_rows, show_default=True,
                     help="Rows read from one table file; the rest are reported as one error.")(f)
    f = click.option("--max-matches", type=click.IntRange(min=1), default=ScanOptions.max_matches, show_default=True,
                     help="Matches kept per document; more are dropped with a warning (exit 3).")(f)
    f = click.option("--chinese-tokens", type=click.Choice(["characters", "jieba"]), default="characters", show_default=True,
                     help="Token unit of Chinese text (the rate denominator): each Chinese character, or jieba's words "
                          "(segments every Chinese text: slower).")(f)
    f = click.option("--rebuild-store", is_flag=True,
                     help="If the --store file is damaged, move it aside (FILE.damaged) and start a new one.")(f)
    f = click.option("--metadata", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="A table of further metadata (.csv/.jsonl/.parquet/.xlsx, e.g. the UNGDC Speakers_by_session.xlsx) "
                          "joined by doc_id, actor+session or actor+year; fills gaps only.")(f)
    return f


def _scan_arguments(paths, lexicons, read: dict) -> dict:
    """The arguments of a library scan from the options of ``read_options`` (``read``),
    every one checked before any work starts."""
    missing = [str(p) for p in paths if not Path(p).exists() and not Path(p).is_symlink()]
    if missing:
        raise Failure(f"no such file or folder: {', '.join(missing)}")
    try:
        options = ScanOptions(kinds=KINDS if read["include_reinterpreted"] else ("formula",), text_column=read["text_column"],
                              encoding=read["encoding"], max_bytes=read["max_bytes"], max_rows=read["max_rows"],
                              max_matches=read["max_matches"], jobs=read["jobs"], store=read["store"],
                              rebuild_store=read["rebuild_store"], chinese_tokens=read["chinese_tokens"])
    except (ValueError, TypeError) as exc:
        raise Failure(str(exc)) from exc
    return dict(paths=list(paths) or None, lexicon=_lexicon(lexicons), options=options, metadata=read["metadata"])


def _report_failures(counts: ScanCounts) -> None:
    for path, reason in counts.failed:
        click.echo(f"phrasewatch: {path}: {reason}", err=True)
    for path, warnings in counts.incomplete:  # read, but not all its matches kept
        click.echo(f"phrasewatch: {path}: incomplete: {warnings}", err=True)


@contextlib.contextmanager
def _scanning(progress, errors=(PhrasewatchError,), paths=None):
    """The progress line for a scan (counting the files of ``paths`` first, to show a
    total and the time left), and its errors as a command failure."""
    enabled = sys.stderr.isatty() if progress is None else progress
    total = count_files(paths or [seeds_dir()]) if enabled and paths is not None else None
    meter = _Progress(enabled, total)
    try:
        yield meter
    except errors as exc:
        raise Failure(str(exc)) from exc
    finally:
        meter.close()


def _run_scan(paths, lexicons, read: dict):
    from .result import ScanCounts
    from .scan import scan

    arguments = _scan_arguments(paths, lexicons, read)
    with _scanning(read["progress"], errors=(PhrasewatchError, ValueError), paths=list(paths)) as meter:
        result = scan(**arguments, on_document=meter)
    _report_failures(ScanCounts.of(result.documents))
    return result


@click.group()
@click.version_option(package_name="phrasewatch")
def main():
    """Measure how CCP diplomatic formulae spread into other people's words.

    \b
    phrasewatch scan                      scan the bundled sample corpus
    phrasewatch scan FOLDER -o m.csv      matches to m.csv, documents to m.documents.csv
    phrasewatch score FOLDER --by actor,year
    phrasewatch report FOLDER -o r.html   an HTML report to open in a browser
    phrasewatch plot diffusion FOLDER -o fig.svg
    phrasewatch lexicon check my.yaml     validate a lexicon (for CI)

    Exit codes: 0 success; 3 finished but some files failed; 2 failure or usage error;
    1 problems found by `lexicon check`.
    """


@main.command("scan")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write matches here (.csv, .jsonl, .parquet).")
@click.option("--documents", "documents_out", type=click.Path(path_type=Path),
              help="Write the documents table here (default with -o: beside it, as NAME.documents.EXT).")
@lexicon_option
@read_options
def scan_command(paths, output, documents_out, lexicons, **read):
    """Scan files and folders (default: the bundled seeds/) for the lexicon's formulae."""
    from .scan import iter_scan, write_scan
    from .tables import check_outputs, companion_path

    if output is None and documents_out is None:
        from .report import summarize  # the summary printed: not for tables written to files

        result = _run_scan(paths, lexicons, read)
        click.echo(summarize(result))
        sys.exit(result.exit_code)
    # With output files, rows are written as they come: memory stays flat.
    documents_out = documents_out or companion_path(output, "documents")
    arguments = _scan_arguments(paths, lexicons, read)
    try:  # before any work: an output must not destroy an input, the store or the other output
        check_outputs([output, documents_out], [Path(p) for p in paths] or [], read["store"])
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    arguments["exclude"] = [p for p in (output, documents_out) if p is not None]
    with _scanning(read["progress"], errors=(PhrasewatchError, ValueError, OSError), paths=list(paths)) as meter:
        counts = write_scan(iter_scan(**arguments), output, documents_out, on_document=meter)
    _report_failures(counts)
    if output is not None:
        click.echo(f"{counts.matches} matches -> {output}", err=True)
    click.echo(f"{counts.documents} documents -> {documents_out}", err=True)
    sys.exit(counts.exit_code)


@main.command("score")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--table", "table_name", type=click.Choice(SCORE_TABLES), default="adoption", show_default=True,
              help="adoption: endorsements credited to the actor voicing them; mentions: every match by document group; "
                   "index: weighted adoption index; first: first adoption and lag; diffusion: adopters per formula and year.")
@click.option("--by", default="actor,year", show_default=True,
              help="Columns to group by, comma-separated ('' for none): actor (who voices it) or any document column (body, year …).")
@click.option("--explain", "explain_args", nargs=3, metavar="ACTOR FORMULA YEAR", default=None,
              help="List the matches behind one figure (YEAR may be 'all').")
@click.option("--matches", "matches_in", type=click.Path(exists=True, path_type=Path), help="Score a saved matches table instead of scanning.")
@click.option("--documents", "documents_in", type=click.Path(exists=True, path_type=Path), help="The documents table saved with --matches.")
@click.option("--include-anachronistic", is_flag=True, help="Count matches dated before the formula's first use.")
@click.option("--include-china-voice", is_flag=True,
              help="Credit every party of a statement with China's own sentences too (the naive document count).")
@click.option("--count-copies", is_flag=True, help="Count every copy of a document (reprint, other format, translation), not each group once.")
@click.option("--include-borrowed", is_flag=True,
              help="Count formulae China took from others (Non-Aligned, Russian, UN wording) also where it had not made them its own.")
@click.option("--include-glosses", is_flag=True,
              help="Count a formula glossed in the other language right after it, 'GDI (全球发展倡议)', twice (default: once).")
@click.option("--weights", "weights_file", type=click.Path(exists=True, path_type=Path),
              help="Formula weights for the index (YAML mapping or CSV formula_id,weight); default: by distinctiveness.")
@click.option("--formula", "formulae", multiple=True, metavar="NAMES",
              help="Count only these formulae (comma-separated or repeated): ids, acronyms (GDI), forms "
                   "(\"community with a shared future\"), categories (initiative, or category:NAME), parent:ID "
                   "(a formula and those under it).")
@click.option("--actor", "actors", multiple=True, metavar="CODES", help="Count only these actors (comma-separated or repeated; any case).")
@click.option("--exclude-actor", "excluded", multiple=True, metavar="CODES", help="Leave these actors out (CHN for everyone but China).")
@click.option("--since", type=int, metavar="YEAR", help="Only documents of this year or later.")
@click.option("--until", type=int, metavar="YEAR", help="Only documents of this year or earlier.")
@click.option("--group", "group", type=click.Choice(FORMULA_GROUPS), default="formula", show_default=True,
              help="Count formulae by category, by parent (a formula with those under it), or all selected as one.")
@click.option("--fill-zero", is_flag=True, help="With --by …year: a row for every year in range, zero where nothing was said.")
@click.option("--wide", is_flag=True,
              help="One row per group of --by (actor, year, doc_id …), one column per formula (a dfm with --by doc_id).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the scores here (.csv, .jsonl, .parquet).")
@lexicon_option
@read_options
def score_command(paths, table_name, by, explain_args, matches_in, documents_in, include_anachronistic, include_china_voice,
                  count_copies, include_borrowed, include_glosses, weights_file, formulae, actors, excluded, since, until, group,
                  fill_zero, wide, output, lexicons, **read):
    """Adoption by actor and year (or any grouping), and the matches behind each figure.

    Scans PATHS (default: the bundled seeds/) or reads a saved scan (--matches and
    --documents). Only endorsements count as adoption; China's own sentences, quotes by
    critics, anachronistic matches, borrowed wording China had not made its own and copies
    of a statement are left out unless asked for.
    """
    from .report import show_table
    from .score import explain, read_weights, score_table
    from .tables import format_of, read_table, saved_scan_hint, write_table

    try:
        if output is not None:
            format_of(output)  # a bad output name fails before the work, not after
        options = ScoreOptions(include_anachronistic=include_anachronistic, include_china_voice=include_china_voice,
                               count_copies=count_copies, include_glosses=include_glosses, include_borrowed=include_borrowed,
                               weights=read_weights(weights_file) if weights_file else None,
                               formula=formulae, actor=actors, exclude_actor=excluded, since=since, until=until)
    except (ValueError, TypeError) as exc:
        raise Failure(str(exc)) from exc
    hint = saved_scan_hint(paths)
    if hint:
        raise click.UsageError(hint)
    if matches_in or documents_in:
        if not (matches_in and documents_in):
            raise click.UsageError("--matches and --documents go together")
        lexicon = _lexicon(lexicons)
        try:
            matches, documents = read_table(matches_in), read_table(documents_in)
        except (ValueError, OSError) as exc:  # an empty or unreadable file (pandas' EmptyDataError is a ValueError)
            raise Failure(f"cannot read the saved tables ({exc})") from exc
        exit_code = 0
    else:
        result = _run_scan(paths, lexicons, read)
        lexicon, matches, documents, exit_code = result.lexicon, result.matches, result.documents, result.exit_code
    try:
        if explain_args:
            actor, formula_id, year = explain_args
            if year != "all" and not year.isdigit():
                raise click.BadParameter(f"YEAR must be a year or 'all', got {year!r}", param_hint="--explain")
            table = explain(matches, documents, actor, formula_id, None if year == "all" else int(year),
                            lexicon=lexicon, options=options)
        else:
            table = score_table(table_name, matches, documents, by=by, lexicon=lexicon, options=options, group=group,
                                fill_zero=fill_zero, wide=wide)
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    if output:
        write_table(table, output)
        click.echo(f"{len(table)} rows -> {output}", err=True)
    elif explain_args:
        click.echo(_explanation(table, explain_args))
    else:
        click.echo(show_table(table) if len(table) else "nothing to score")
    if explain_args and not len(table):
        sys.exit(1)  # like grep: nothing found is not success, for a script that asks
    sys.exit(exit_code)


def _explanation(table, explain_args) -> str:
    """The matches behind a figure, one block per match, readable in a terminal."""
    actor, formula_id, year = explain_args
    if not len(table):
        return f"no matching rows: no match of {formula_id} credited to {actor.upper()} in {year}"
    adopted = int((table["stance"] == "endorse").sum())
    lines = [f"{actor.upper()} · {table['formula_id'].iloc[0]} · {year}: {len(table)} match(es), {adopted} endorsing", ""]
    for row in table.itertuples(index=False):
        cue = f" ({row.stance_cue})" if isinstance(row.stance_cue, str) else ""
        grade = f", {row.strength_name}" if isinstance(row.strength_name, str) else ""
        date = row.date if isinstance(row.date, str) else ""
        lines.append(f"{row.doc_id}  {date}  {row.path}:{row.start}-{row.end}".replace("    ", "  "))
        lines.append(f"  voice {row.voice} [{row.voice_actors}]  stance {row.stance}{cue}{grade}")
        lines.append(f"  {row.sentence}")
        lines.append("")
    return "\n".join(lines).rstrip()


def scored_options(f):
    """What the scores behind a report or a figure count, as ``phrasewatch score`` takes it."""
    f = click.option("--weights", "weights_file", type=click.Path(exists=True, path_type=Path),
                     help="Formula weights for the index (YAML mapping or CSV formula_id,weight); default: by distinctiveness.")(f)
    f = click.option("--include-glosses", is_flag=True,
                     help="Count a formula glossed in the other language right after it, 'GDI (全球发展倡议)', twice.")(f)
    f = click.option("--include-borrowed", is_flag=True,
                     help="Count formulae China took from others also where it had not made them its own.")(f)
    f = click.option("--count-copies", is_flag=True, help="Count every copy of a document, not each group once.")(f)
    f = click.option("--include-china-voice", is_flag=True, help="Credit every party of a statement with China's own sentences too.")(f)
    f = click.option("--include-anachronistic", is_flag=True, help="Count matches dated before the formula's first use.")(f)
    f = click.option("--documents", "documents_in", type=click.Path(exists=True, path_type=Path),
                     help="The documents table saved with --matches.")(f)
    f = click.option("--matches", "matches_in", type=click.Path(exists=True, path_type=Path),
                     help="Use a saved matches table (phrasewatch scan -o) instead of scanning.")(f)
    return f


def _scored_tables(paths, matches_in, documents_in, weights_file, lexicons, read, **counted):
    """``(matches, documents, lexicon, options, exit code)``: a scan of PATHS, or the saved
    tables; ``counted``: the flags of :func:`scored_options` that are ScoreOptions fields."""
    from .score import read_weights
    from .tables import read_table

    try:
        options = ScoreOptions(**counted, weights=read_weights(weights_file) if weights_file else None)
    except (ValueError, TypeError) as exc:
        raise Failure(str(exc)) from exc
    if matches_in or documents_in:
        if not (matches_in and documents_in):
            raise click.UsageError("--matches and --documents go together")
        if paths:
            raise click.UsageError("give PATHS to scan or --matches/--documents, not both")
        try:
            return read_table(matches_in), read_table(documents_in), _lexicon(lexicons), options, 0
        except (OSError, ValueError) as exc:
            raise Failure(str(exc)) from exc
    result = _run_scan(paths, lexicons, read)
    return result.matches, result.documents, result.lexicon, options, result.exit_code


_COUNTED = ("include_anachronistic", "include_china_voice", "count_copies", "include_borrowed", "include_glosses")


def _split_options(options: dict) -> tuple[dict, dict]:
    """The flags of :func:`scored_options` (what the scores count) and the rest (how to read)."""
    return {k: v for k, v in options.items() if k in _COUNTED}, {k: v for k, v in options.items() if k not in _COUNTED}


def _invocation() -> str:
    """The command line that is running, to print in what it makes."""
    return shlex.join(["phrasewatch", *sys.argv[1:]]) if Path(sys.argv[0]).stem in ("phrasewatch", "__main__") else ""


@main.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"), show_default=True,
              help="The HTML file to write (one file: open it in any browser, offline).")
@click.option("--title", default=None, help="The report's title.")
@click.option("--kwic-limit", type=click.IntRange(min=0), default=KWIC_LIMIT, show_default=True,
              help="Most matches the sentence tables carry; above it every first adoption is kept and the rest sampled (the report says so).")
@scored_options
@lexicon_option
@read_options
def report_command(paths, output, title, kwic_limit, matches_in, documents_in, weights_file, lexicons, **rest):
    """Write an HTML report of a scan: overview, diffusion and first adopters per formula,
    a sortable actor x formula heat map, a body/genre breakdown, the sentences (filterable,
    each linked to its document) and the score tables.

    Scans PATHS (default: the bundled seeds/) or reads a saved scan (--matches and
    --documents); --store makes a second report of the same files quick.
    """
    from .report import html

    if output.suffix.lower() not in (".html", ".htm"):
        raise Failure(f"{output}: the report is an HTML file: name it .html")
    counted, read = _split_options(rest)
    matches, documents, lexicon, options, exit_code = _scored_tables(paths, matches_in, documents_in, weights_file, lexicons, read,
                                                                     **counted)
    try:
        html(matches, documents, output=output, lexicon=lexicon, options=options, title=title, command=_invocation() or None,
             kwic_limit=kwic_limit)
    except (OSError, ValueError) as exc:
        raise Failure(str(exc)) from exc
    click.echo(f"report -> {output} ({output.stat().st_size / 1e6:,.1f} MB)", err=True)
    sys.exit(exit_code)


@main.command("plot")
@click.argument("kind", type=click.Choice(["diffusion", "heatmap", "timeline"]))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The figure to write: .svg, .pdf or .png.")
@click.option("-f", "--formula", "formulae", multiple=True, metavar="ID",
              help="A formula to draw (repeat; default: those with most adopters, Beijing's own first).")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="How many formulae (diffusion: 6, timeline: 8) or actors (heatmap: 30) to draw.")
@click.option("--names", is_flag=True, help="Country names instead of ISO3 codes.")
@click.option("--title", default=None, help="The figure's title.")
@scored_options
@lexicon_option
@read_options
def plot_command(kind, paths, output, formulae, top, names, title, matches_in, documents_in, weights_file, lexicons, **rest):
    """Draw a figure for a paper: diffusion curves, an actor x formula heat map, or a
    timeline of first adopters with their lag behind China's first use.

    Scans PATHS (default: the bundled seeds/) or reads a saved scan (--matches and --documents).
    """
    if output.suffix.lower() not in (".svg", ".pdf", ".png"):
        raise Failure(f"cannot tell the figure format of {output.name!r}: use .svg, .pdf or .png")
    from .report import figures

    try:
        figures.require_matplotlib()
    except ImportError as exc:
        raise Failure(str(exc)) from exc
    counted, read = _split_options(rest)
    matches, documents, lexicon, options, exit_code = _scored_tables(paths, matches_in, documents_in, weights_file, lexicons, read,
                                                                     **counted)
    keywords = {"formulae": list(formulae) or None, "title": title}
    if top is not None:
        keywords["top"] = top
    if kind != "diffusion":
        keywords["names"] = names
    draw = {"diffusion": figures.diffusion_figure, "heatmap": figures.heatmap_figure, "timeline": figures.timeline_figure}[kind]
    try:
        figures.save_figure(draw(matches, documents, lexicon=lexicon, options=options, **keywords), output)
    except ImportError as exc:
        raise Failure(str(exc)) from exc
    except (OSError, ValueError) as exc:
        raise Failure(str(exc)) from exc
    click.echo(f"{kind} -> {output}", err=True)
    sys.exit(exit_code)


@main.command("compare")
@click.argument("a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--all", "include_same", is_flag=True, help="Also list the formulae both documents give alike.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the comparison here (.csv, .jsonl, .parquet).")
@lexicon_option
def compare_command(a, b, include_same, output, lexicons):
    """Compare two documents about one event (China's readout and the partner's, or two
    language versions of a statement): each formula one gives and the other leaves out
    or weakens, with voice, stance, grade and sentence on both sides."""
    from .compare import compare, format_comparison
    from .tables import format_of, write_table

    try:
        if output is not None:
            format_of(output)
        table = compare(a, b, lexicon=_lexicon(lexicons), include_same=include_same)
    except (PhrasewatchError, ValueError) as exc:
        raise Failure(str(exc)) from exc
    if output:
        write_table(table, output)
        click.echo(f"{len(table)} rows -> {output}", err=True)
    else:
        click.echo(format_comparison(table, (a.name, b.name)))


@main.command("kwic")
@click.argument("formula")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--matches", "matches_in", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read a saved matches table instead of scanning.")
@click.option("--window", type=click.IntRange(min=1), default=60, show_default=True, help="Characters of context on each side.")
@click.option("--actor", "actors", multiple=True, metavar="CODES", help="Only matches credited to these actors (any case).")
@click.option("--exclude-actor", "excluded", multiple=True, metavar="CODES", help="Leave out matches credited to these actors.")
@click.option("--since", type=int, metavar="YEAR", help="Only documents of this year or later.")
@click.option("--until", type=int, metavar="YEAR", help="Only documents of this year or earlier.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the table here (.csv, .jsonl, .parquet) instead.")
@lexicon_option
@read_options
def kwic_command(formula, paths, matches_in, window, actors, excluded, since, until, output, lexicons, **read):
    """Every match of FORMULA (an id, acronym, form, category or parent:ID; comma-separated
    for several) in PATHS (default: the bundled seeds/) or a saved --matches table, with
    its left and right context, voice and stance. Exit code 1 when there is none."""
    from .kwic import kwic
    from .report import kwic_lines
    from .tables import format_of, read_table, saved_scan_hint, write_table

    hint = saved_scan_hint(paths)
    if hint:
        raise click.UsageError(hint.split(": score a saved scan")[0] + ": give a saved matches table with --matches")
    try:
        if output is not None:
            format_of(output)
        if matches_in is not None:
            lexicon, matches = _lexicon(lexicons), read_table(matches_in)
            exit_code = 0
        else:
            result = _run_scan(paths, lexicons, read)
            lexicon, matches, exit_code = result.lexicon, result.matches, result.exit_code
        table = kwic(matches, formula.split(","), lexicon=lexicon, window=window, actor=actors, exclude_actor=excluded,
                     since=since, until=until)
    except (ValueError, TypeError) as exc:
        raise Failure(str(exc)) from exc
    if output is not None:
        write_table(table, output)
        click.echo(f"{len(table)} rows -> {output}", err=True)
    elif len(table):
        click.echo(kwic_lines(table, window))
    if not len(table):
        click.echo(f"no matching rows: no match of {formula}", err=True)
        sys.exit(1)
    sys.exit(exit_code)


@main.group("lexicon")
def lexicon_group():
    """Inspect and validate lexicons."""


@lexicon_group.command("train-sense")
@click.argument("corpora", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("reinterpreted-en.json"), show_default=True,
              help="Where to save the model (to update the bundled one in a checkout: lexicons/models/reinterpreted-en.json).")
@click.option("--seed", default=0, show_default=True, help="Seed for the sample of other speakers and the held-out split.")
@lexicon_option
def lexicon_train_sense_command(corpora, output, seed, lexicons):
    """Train the PRC-sense model for reinterpreted words on CORPORA (laid out like the
    project's reference corpora: ungdc/TXT and us-joint-statements) and print its
    accuracy on held-out documents."""
    from .attribution.sense import labelled_corpora, sense_examples, train_sense_model

    lexicon = _lexicon(lexicons)
    try:
        examples = sense_examples(labelled_corpora(corpora, seed=seed), lexicon)
    except FileNotFoundError as exc:
        raise Failure(str(exc)) from exc
    about = {"lexicon_version": lexicon.version, "trained_on": "China's UN General Debate speeches (PRC) against a seeded "
             "sample of other speakers' and the US joint statements (not PRC)", "examples": int(len(examples))}
    model, evaluation = train_sense_model(examples, seed=seed, about=about)
    path = model.save(output)
    click.echo(json.dumps(evaluation, indent=2))
    click.echo(f"model -> {path}", err=True)


@lexicon_group.command("check")
@click.argument("files", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: one line per problem; json; github: workflow commands that annotate the lines in a pull "
                   "request; junit: XML, one test case per formula.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--corpus", type=click.Path(exists=True, path_type=Path), default=None,
              help="Also measure each formula's distinctiveness on this reference corpus (e.g. the UNGDC's TXT folder) "
                   "and warn where it contradicts the declared one.")
@click.option("--top", default=3, show_default=True, help="With --corpus: top non-PRC users listed per formula.")
def lexicon_check_command(files, fmt, strict, corpus, top):
    """Validate lexicons (default: the bundled ccdm) and run their examples.

    One line per problem, as FILE:LINE: ID: PROBLEM. Exit code 1 when any error
    (or, with --strict, any warning) is found; 2 when a file does not exist. With
    --corpus, first prints measured against declared distinctiveness for every formula
    and its top non-PRC users.
    """
    from .check import check_distinctiveness, check_report

    try:
        report = check_report(*files)
    except FileNotFoundError as exc:
        raise Failure(str(exc)) from exc
    problems = list(report.problems)
    measured = None
    if corpus is not None and not any(p.severity == "error" for p in problems):
        found, measured = check_distinctiveness(*files, corpus=corpus, top=top)
        problems += found
    failing = [p for p in problems if strict or p.severity == "error"]
    if fmt == "json":
        out = {"ok": not failing, "problems": [p.as_dict() for p in problems]}
        if measured is not None:
            out["distinctiveness"] = json.loads(measured.table.to_json(orient="records", force_ascii=False))
            out["top_users"] = json.loads(measured.top_users.to_json(orient="records", force_ascii=False))
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        if measured is not None and fmt == "text":
            click.echo(measured.format())
            click.echo("")
        output = render(problems, fmt, suite="phrasewatch lexicon check", cases=report.formulae,
                        failing=lambda p: strict or p.severity == "error")
        if output:
            click.echo(output)
    if fmt == "text":
        names = ", ".join(files) or "ccdm"
        click.echo(f"{names}: {len(failing)} error(s), {len(report.problems) - len(failing)} warning(s)", err=True)
    sys.exit(1 if failing else 0)


@lexicon_group.command("list")
@click.option("--search", metavar="TEXT", help="Only formulae with TEXT in any form, either language (\"shared future\", 命运共同体, GDI).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="text: one line per formula; json: every field of each formula; csv: one row per expanded form.")
@lexicon_option
def lexicon_list_command(search, fmt, lexicons):
    """List the formulae of a lexicon: id, kind, distinctiveness, Chinese, English in use now."""
    from .catalogue import formula_record, lexicon_forms, lexicon_listing

    lexicon = _lexicon(lexicons)
    if fmt == "csv":
        click.echo(lexicon_forms(lexicon, search).to_csv(index=False), nl=False)
    elif fmt == "json":
        ids = lexicon_listing(lexicon, search)["id"]
        click.echo(json.dumps([formula_record(lexicon, i) for i in ids], ensure_ascii=False, indent=2))
    else:
        listing = lexicon_listing(lexicon, search)
        for row in listing.itertuples(index=False):
            forms = row.found.split("; ") if search else []
            more = f" (+{len(forms) - 3} more: --format csv lists them)" if len(forms) > 3 else ""
            found = f"    ← {'; '.join(forms[:3])}{more}" if forms else ""
            click.echo(f"{row.id:32} {row.kind:13} {row.distinctiveness:10} {row.zh}  {row.en}{found}")
        if search and not len(listing):
            click.echo(f"no formula has {search!r} in a form", err=True)
            sys.exit(1)


@lexicon_group.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lexicon_option
def lexicon_show_command(name, fmt, lexicons):
    """Everything about one formula, named by its id, an acronym or any form: every
    expanded form in both languages, renderings with their years, blockers, examples."""
    from .catalogue import formula_record, resolve_formula
    from .report import describe_formula

    lexicon = _lexicon(lexicons)
    try:
        record = formula_record(lexicon, resolve_formula(lexicon, name))
    except KeyError as exc:
        raise Failure(exc.args[0]) from exc
    click.echo(json.dumps(record, ensure_ascii=False, indent=2) if fmt == "json" else describe_formula(record))


def _lexicon_findings(report, fmt: str, suite: str) -> None:
    """A coverage or diff report in the format asked for; exit 1 when a finding fails the run."""
    failing = [p for p in report.problems if p.severity == "error"]
    if fmt == "text":
        click.echo(report.summary())
        if report.problems:
            click.echo("\n" + render(report.problems, "text", suite=suite))
    else:
        output = render(report.problems, fmt, suite=suite, cases=report.cases, extra=report.as_dict())
        if output:
            click.echo(output)
    sys.exit(1 if failing else 0)


def _existing(paths) -> None:
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise Failure(f"no such file or folder: {', '.join(missing)}")


@lexicon_group.command("coverage")
@click.argument("lexicon_file", metavar="LEXICON")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--min-hits", type=click.IntRange(min=0), default=None,
              help="Fail (exit 1) when a formula has fewer hits than this in the corpus.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: one per core).")
def lexicon_coverage_command(lexicon_file, corpus, fmt, min_hits, jobs):
    """What LEXICON finds in CORPUS: hits per formula and per form, forms that never
    match, formulae heard from one actor only, forms shadowed by a longer form."""
    from .coverage import lexicon_coverage

    _existing(corpus)
    lexicon = _lexicon([lexicon_file])
    with _scanning(False, errors=(PhrasewatchError, ValueError)):
        report = lexicon_coverage(lexicon, list(corpus), min_hits=min_hits, jobs=jobs)
    _lexicon_findings(report, fmt, "phrasewatch lexicon coverage")


@lexicon_group.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--corpus", multiple=True, type=click.Path(path_type=Path),
              help="Also count the matches each formula gains and loses in this corpus (repeat for several).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--fail-on-loss", is_flag=True, help="Fail (exit 1) when a formula loses matches in the corpus.")
@click.option("--examples", type=click.IntRange(min=0), default=3, show_default=True, help="Examples of matches gained and lost per formula.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: one per core).")
def lexicon_diff_command(old, new, corpus, fmt, fail_on_loss, examples, jobs):
    """What changed from OLD to NEW (two versions of a lexicon): entries and forms added,
    removed and changed, and with --corpus the matches gained and lost per formula."""
    from .coverage import lexicon_diff

    if fail_on_loss and not corpus:
        raise click.UsageError("--fail-on-loss needs --corpus: losses are counted in a corpus")
    _existing(corpus)
    before, after = _lexicon([old]), _lexicon([new])
    with _scanning(False, errors=(PhrasewatchError, ValueError)):
        report = lexicon_diff(before, after, list(corpus) or None, fail_on_loss=fail_on_loss, examples=examples, jobs=jobs)
    _lexicon_findings(report, fmt, "phrasewatch lexicon diff")


@lexicon_group.command("export")
@click.option("--to", "to", type=click.Choice(EXPORT_FORMATS), required=True,
              help="quanteda: dictionary YAML; liwc: a .dic file; spacy: EntityRuler/SpanRuler JSONL patterns; csv: every form.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: standard output).")
@click.option("--include-reinterpreted", is_flag=True,
              help="Also export reinterpreted ordinary words (democracy, 发展 …), which alone say little without phrasewatch's sense model.")
@lexicon_option
def lexicon_export_command(to, output, include_reinterpreted, lexicons):
    """Export a lexicon (default: ccdm) for quanteda, LIWC, spaCy or a spreadsheet.

    Each formula's forms are expanded into literal phrases in both languages. What the
    other tools cannot express (regular expressions, acronyms, blockers; voice and
    stance) is left out and counted on stderr.
    """
    lexicon = _lexicon(lexicons)
    exported = export_lexicon(lexicon if include_reinterpreted else lexicon.select(("formula",)), to)
    if output is None:
        click.echo(exported.text, nl=False)
    else:
        output.write_text(exported.text, encoding="utf-8")
        click.echo(f"{to} -> {output}", err=True)
    if exported.left_out:
        kinds = Counter(item.split(": ", 1)[1].split(" ", 1)[0] for item in exported.left_out)
        click.echo("left out (no counterpart in " + to + "): " + ", ".join(f"{n} {k}" for k, n in kinds.most_common()), err=True)


@lexicon_group.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "source_format", type=click.Choice(IMPORT_FORMATS), required=True,
              help="quanteda: a dictionary YAML file; csv: a table with a column of terms (form, phrase, term …).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the lexicon here (default: standard output).")
@click.option("--name", default=None, help="The new lexicon's name (default: the source file's name).")
def lexicon_import_command(source, source_format, output, name):
    """Start a phrasewatch lexicon from a quanteda dictionary or a CSV of terms.

    What the source does not say (category, distinctiveness, the other language,
    example sentences) is written as TODO, which `lexicon check` reports until filled in.
    """
    import yaml

    if output is not None and output.exists():
        raise Failure(f"{output} exists: choose another name (import never overwrites a lexicon)")
    try:
        text = import_lexicon(source.read_text(encoding="utf-8-sig"), source_format, name=name or source.stem)
    except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise Failure(f"{source}: {exc}") from exc
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"lexicon -> {output} (now fill in the TODOs: phrasewatch lexicon check {output})", err=True)


@main.command("discover")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--formula", metavar="ID", help="Look at one formula's unlisted variants only.")
@click.option("--top", type=click.IntRange(min=1), default=15, show_default=True,
              help="Variants kept per formula; new candidates: four times as many in all.")
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Leave out variants used fewer times (one use counts only from a PRC-marked speaker).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Write variants.csv, candidates.csv and stubs.yaml into this folder (else print the stubs).")
@click.option("--since", type=int, metavar="YEAR", help="Read only documents dated this year or later.")
@click.option("--text-column", metavar="NAME", help="For .csv/.jsonl/.parquet: the column holding each document's text.")
@click.option("--encoding", metavar="CODEC", help="Read text files in this encoding instead of detecting it.")
@lexicon_option
def discover_command(paths, formula, top, min_count, output, since, text_column, encoding, lexicons):
    """A curator's queue: variants of known formulae the lexicon does not match, and
    new formula candidates over-represented where China speaks, with counts, users,
    first dates, contexts and YAML stubs. Read the contexts before pasting anything."""
    from .discovery import discover

    lexicon = _lexicon(lexicons)
    try:
        found = discover(paths, lexicon=lexicon, formula=formula, text_column=text_column, encoding=encoding,
                         top=top, min_count=min_count, since=since)
    except KeyError as exc:
        raise Failure(str(exc.args[0])) from exc
    except PhrasewatchError as exc:
        raise Failure(str(exc)) from exc
    click.echo(found.report(top))
    if output is None:
        click.echo(found.yaml())
        return
    output.mkdir(parents=True, exist_ok=True)
    found.variants.to_csv(output / "variants.csv", index=False)
    found.candidates.to_csv(output / "candidates.csv", index=False)
    (output / "stubs.yaml").write_text(found.yaml(), encoding="utf-8")
    click.echo(f"variants, candidates and stubs -> {output}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
