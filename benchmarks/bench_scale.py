"""phrasewatch on a corpus many times the UN General Debates: throughput, peak memory and
time per GB as the corpus grows, with a store, and re-matching after a lexicon edit.

    python benchmarks/bench_scale.py --gigabytes 10 --workdir /big/disk      # the issue's scale
    python benchmarks/bench_scale.py --gigabytes 0.5,1 --workdir scale-work  # linearity, quickly
    python benchmarks/bench_scale.py --gigabytes 1 --dask                     # also on a LocalCluster

The corpus is built from the shared corpora: the UNGDC speeches and the Chinese
reports, copied again and again under varied paths (a copy number in a top folder;
file names and ``Session NN - YYYY`` folders are kept, so metadata is read from them as
for the originals, and document ids are made unique as for any repeated name) with a
light edit in each copy (one sentence of the copy's own added at its end), so that
copies are not exact duplicates of one another. It is built once per size and reused.

Each size is scanned by the command line as a user would, under ``/usr/bin/time``:
``phrasewatch scan CORPUS --store S.db -o m.csv --documents d.csv`` (all cores), then
the same with a lexicon of one more formula (``-l ccdm -l extra.yaml``: the re-match
from the store). Printed and written as JSON (``--json``): seconds, MB/s, seconds per
GB, peak RSS (the largest process: the main one or a worker), for the first scan and
the re-match. With ``--dask`` the first size is also scanned on a Dask LocalCluster,
its tables streamed to files (``write_scan(iter_scan_on_dask(...))``) and compared
byte for byte with the local scan's; wall, CPU and peak RSS of the client and of each
worker are printed.

This is a script, not a test. It needs disk: the corpus plus about a third of it for the
store and the tables.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
EXTRA_FORMULA = """\
formulae:
  - id: bench_extra_formula
    kind: formula
    category: test
    distinctiveness: generic
    zh: {canonical: 共同繁荣发展}
    en: {variants: [common prosperity and development]}
    examples: {match: {en: [common prosperity and development], zh: [共同繁荣发展]}}
"""


def _sources() -> list[tuple[str, str]]:
    """(relative name, text) of every source document: UNGDC speeches and Chinese reports."""
    out = []
    for path in sorted((CORPORA / "ungdc" / "TXT").glob("Session */*.txt")):
        if not path.name.startswith("._"):
            out.append((f"{path.parent.name}/{path.name}", path.read_text(encoding="utf-8", errors="replace")))
    for table in sorted((CORPORA / "cn-reports").glob("*.jsonl")):
        for i, line in enumerate(table.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                out.append((f"cn/{table.stem}_{i:03d}.txt", json.loads(line)["content"]))
    return out


# A run of text up to a full stop or a line break. The sentences taken are what
# re.findall(r"[^.。\n]{40,200}[.。]") finds (the last 200 characters of each run of
# at least 40 that ends in a full stop), without its backtracking: 4 s for the
# sources instead of 110.
_RUN = re.compile(r"([^.。\n]*)([.。\n]?)")


def _sentences(text: str) -> list[str]:
    return [run[-200:] + end for run, end in _RUN.findall(text) if end and end != "\n" and len(run) >= 40]


def build(folder: Path, gigabytes: float) -> int:
    """The corpus of about ``gigabytes`` in ``folder`` (kept if already complete);
    returns its size in bytes. A copy that a complete corpus of another size beside it
    already holds is hard-linked from there: the build is deterministic, so the same
    path has the same bytes."""
    done = folder / ".complete"
    if done.exists():
        return int(done.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    built = [p.parent for p in folder.parent.glob("corpus-*GB/.complete") if p.parent != folder]
    sources = [(name, text, _sentences(text)) for name, text in _sources()]
    target, written, copy = int(gigabytes * 1e9), 0, 0
    while written < target:
        for name, text, sentences in sources:
            # the copy number in the top folder only: file names keep the metadata they carry
            # (ISO3_NN_YYYY: without it the genre is inferred from the text, ~10 ms a speech)
            relative = Path(f"copy{copy:04d}") / name
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            linked = _link(path, [other / relative for other in built])
            if linked is None:
                # the light edit: one of the text's own sentences again at its end, a different one per copy
                linked = _write(path, text + ("\n" + sentences[copy % len(sentences)] if sentences else ""))
            written += linked
            if written >= target:
                break
        copy += 1
    done.write_text(str(written))
    return written


def _link(path: Path, candidates: list[Path]) -> int | None:
    """Hard-link ``path`` to the first candidate that exists; its size, or None if none."""
    for candidate in candidates:
        try:
            os.link(candidate, path)
        except OSError:
            continue
        return path.stat().st_size
    return None


def _write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def timed(command: list[str], env: dict) -> dict:
    """Wall and CPU seconds and peak RSS of a command (GNU time's maximum resident set:
    the largest of the process and the children it waited for)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *command], capture_output=True, text=True, env=env)
    if out.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(command)} failed:\n{out.stderr[-2000:]}")
    wall, user, system, rss_kb = out.stderr.strip().splitlines()[-1].split()
    return {"seconds": float(wall), "cpu_seconds": float(user) + float(system), "peak_rss_mb": int(rss_kb) / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gigabytes", default="10", help="corpus sizes, comma-separated (default 10)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "phrasewatch-scale", help="where corpora, stores and tables go")
    parser.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    parser.add_argument("--dask", action="store_true", help="also scan the first size on a Dask LocalCluster")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    extra = args.workdir / "extra.yaml"
    args.workdir.mkdir(parents=True, exist_ok=True)
    extra.write_text(EXTRA_FORMULA, encoding="utf-8")
    jobs = ["-j", str(args.jobs)] if args.jobs else []
    rows = []
    for size in [float(s) for s in args.gigabytes.split(",")]:
        corpus = args.workdir / f"corpus-{size:g}GB"
        started = time.perf_counter()
        nbytes = build(corpus, size)
        print(f"{size:g} GB: {nbytes / 1e9:.2f} GB of text in {corpus} ({time.perf_counter() - started:.0f} s to build or find)",
              flush=True)
        store = args.workdir / f"store-{size:g}GB.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store}{suffix}").unlink(missing_ok=True)
        scan = [sys.executable, "-m", "phrasewatch", "scan", str(corpus), "--store", str(store), "--no-progress", *jobs]
        first = timed([*scan, "-o", str(args.workdir / "m.csv"), "--documents", str(args.workdir / "d.csv")], env)
        rematch = timed([*scan, "-l", "ccdm", "-l", str(extra), "-o", str(args.workdir / "m-extra.csv"),
                         "--documents", str(args.workdir / "d-extra.csv")], env)
        for name, figures in (("first scan, --store", first), ("re-match, one formula added", rematch)):
            figures.update({"gigabytes": nbytes / 1e9, "run": name, "mb_per_s": nbytes / 1e6 / figures["seconds"],
                            "seconds_per_gb": figures["seconds"] / (nbytes / 1e9)})
            rows.append(figures)
            print(f"  {name:30} {figures['seconds']:9.1f} s {figures['mb_per_s']:7.1f} MB/s {figures['seconds_per_gb']:7.1f} s/GB"
                  f" CPU {figures['cpu_seconds']:9.1f} s  peak RSS {figures['peak_rss_mb']:6.0f} MB", flush=True)
        print(f"  re-match {first['seconds'] / rematch['seconds']:.1f}x faster than the first scan", flush=True)
        if args.dask and size == float(args.gigabytes.split(",")[0]):
            rows.append(_dask(corpus, nbytes, args.workdir, env, args.jobs))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


def _dask(corpus: Path, nbytes: int, workdir: Path, env: dict, jobs: int | None) -> dict:
    """The same corpus on a Dask LocalCluster (one worker process per core, or ``jobs``),
    its tables streamed to files as a user would for a corpus of this size
    (``write_scan(iter_scan_on_dask(...))``) and compared byte for byte with the local
    scan's (m.csv, d.csv of the first scan). CPU and peak RSS are the client's (which
    holds the LocalCluster's scheduler) and each worker's (psutil, /proc VmHWM)."""
    script = f"""
import json, os, time
import psutil
from dask.distributed import Client, LocalCluster
from phrasewatch.cluster import iter_scan_on_dask
from phrasewatch.run import default_jobs
from phrasewatch.scan import write_scan

def peak_mb(pid):
    for line in open(f"/proc/{{pid}}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

with LocalCluster(n_workers={jobs!r} or default_jobs(), threads_per_worker=1, processes=True,
                  dashboard_address=None) as cluster, Client(cluster) as client:
    workers = [psutil.Process(pid) for pid in client.run(os.getpid).values()]
    client_process = psutil.Process()
    def cpu(process):
        return sum(process.cpu_times()[:2])
    client_before, workers_before = cpu(client_process), sum(map(cpu, workers))
    started = time.perf_counter()
    counts = write_scan(iter_scan_on_dask([{str(corpus)!r}]), {str(workdir / 'dask-m.csv')!r}, {str(workdir / 'dask-d.csv')!r})
    seconds = time.perf_counter() - started
    client_cpu, workers_cpu = cpu(client_process) - client_before, sum(map(cpu, workers)) - workers_before
    figures = {{"seconds": seconds, "cpu_seconds": client_cpu + workers_cpu, "client_cpu_seconds": client_cpu,
               "documents": counts.documents, "worker_peak_rss_mb": [peak_mb(w.pid) for w in workers]}}
    # VmHWM, not ru_maxrss: that counts this script's memory too, at the fork that started this process
    figures["client_peak_rss_mb"] = peak_mb(os.getpid())
print(json.dumps(figures))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        print(f"  Dask: failed: {out.stderr.strip().splitlines()[-1:]}")
        return {"run": "dask", "error": out.stderr[-2000:]}
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    same = all(filecmp.cmp(workdir / f"dask-{t}.csv", workdir / f"{t}.csv", shallow=False) for t in ("m", "d"))
    seconds = figures["seconds"]
    workers = ", ".join(f"{mb:.0f}" for mb in figures["worker_peak_rss_mb"])
    print(f"  {'Dask LocalCluster, streamed':30} {seconds:9.1f} s {nbytes / 1e6 / seconds:7.1f} MB/s"
          f" {seconds / (nbytes / 1e9):7.1f} s/GB CPU {figures['cpu_seconds']:9.1f} s (client {figures['client_cpu_seconds']:.1f})"
          f"  peak RSS client {figures['client_peak_rss_mb']:.0f} MB, workers {workers} MB;"
          f" tables byte for byte as the local scan's: {same}", flush=True)
    return {**figures, "run": "dask", "gigabytes": nbytes / 1e9, "mb_per_s": nbytes / 1e6 / seconds,
            "seconds_per_gb": seconds / (nbytes / 1e9), "same_tables": same}


if __name__ == "__main__":
    raise SystemExit(main())
