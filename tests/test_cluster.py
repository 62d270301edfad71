"""Scanning on a Dask cluster gives the tables of a local scan (LocalCluster)."""

import shutil
import time

import pandas as pd
import pytest

import phrasewatch
from phrasewatch import resources
from phrasewatch.options import ScanOptions
from phrasewatch.scan import write_scan

distributed = pytest.importorskip("distributed", reason='the dask extra is not installed (pip install "phrasewatch[dask]")')
dask = pytest.importorskip("dask")
dask_bag = pytest.importorskip("dask.bag")

from phrasewatch.cluster import (  # noqa: E402
    _scanner_for,
    _ScannerSpec,
    iter_scan_on_dask,
    scan_documents_on_dask,
    scan_on_dask,
)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


@pytest.fixture
def twice_the_seeds(tmp_path):
    """The seeds in two folders: every document id is taken twice, and every document
    has an exact copy, so ids are made unique and copies grouped across partitions."""
    corpus = tmp_path / "corpus"
    for name in ("a", "b"):
        shutil.copytree(resources.seeds_dir(), corpus / name)
    return corpus


def test_files_on_dask_give_the_local_tables(client, lexicon):
    local = phrasewatch.scan(lexicon=lexicon)  # the seeds
    remote = scan_on_dask(lexicon=lexicon, files_per_partition=3)
    pd.testing.assert_frame_equal(local.matches, remote.matches)
    pd.testing.assert_frame_equal(local.documents, remote.documents)


def _write_both(results, folder):
    folder.mkdir()
    counts = write_scan(results, folder / "m.csv", folder / "d.csv", batch=7)
    return counts, (folder / "m.csv").read_bytes(), (folder / "d.csv").read_bytes()


def test_streamed_tables_are_the_local_streamed_tables_byte_for_byte(client, lexicon, twice_the_seeds, tmp_path):
    local = _write_both(phrasewatch.iter_scan([twice_the_seeds], lexicon=lexicon), tmp_path / "local")
    remote = _write_both(iter_scan_on_dask([twice_the_seeds], lexicon=lexicon, files_per_partition=4, in_flight=2),
                         tmp_path / "remote")
    assert remote[1] == local[1]
    assert remote[2] == local[2]
    assert remote[0].documents == local[0].documents == 2 * len(phrasewatch.scan(lexicon=lexicon).documents)
    documents = pd.read_csv(tmp_path / "remote" / "d.csv")
    second = documents[documents["path"].str.contains("/b/") & (documents["status"] == "ok")]
    # the test means something: the ids the second folder took were renamed, its
    # documents grouped with the first folder's, across partitions
    assert len(second) > 8 and second["doc_id"].str.startswith("b/").all()
    assert (second["copy_of_kind"] == "exact").sum() >= len(second) - 1


def test_a_local_dask_scheduler_gives_the_same_files(lexicon, twice_the_seeds, tmp_path):
    local = _write_both(phrasewatch.iter_scan([twice_the_seeds], lexicon=lexicon), tmp_path / "local")
    with dask.config.set(scheduler="threads"):
        remote = _write_both(iter_scan_on_dask([twice_the_seeds], lexicon=lexicon, files_per_partition=3, in_flight=2),
                             tmp_path / "remote")
    assert remote[1:] == local[1:]


def test_tables_written_inside_the_scanned_folder_are_not_scanned(client, lexicon, twice_the_seeds):
    outputs = [twice_the_seeds / "m.csv", twice_the_seeds / "d.csv"]
    first = write_scan(iter_scan_on_dask([twice_the_seeds], lexicon=lexicon, exclude=outputs), *outputs)
    before = outputs[1].read_bytes()
    second = write_scan(iter_scan_on_dask([twice_the_seeds], lexicon=lexicon, exclude=outputs), *outputs)
    assert second.documents == first.documents
    assert outputs[1].read_bytes() == before


def _scans_on_the_scheduler(client) -> int:
    """Partition tasks the scheduler holds (submitted and not yet released)."""
    return client.run_on_scheduler(
        lambda dask_scheduler: sum(key.startswith("_scan_entries-") for key in map(str, dask_scheduler.tasks)))


def test_only_a_window_of_partitions_is_in_flight(client, lexicon, tmp_path):
    for i in range(24):
        (tmp_path / f"D{i:02d}_70_2015.txt").write_text("true multilateralism\n" * (i + 1), encoding="utf-8")
    results = iter_scan_on_dask([tmp_path], lexicon=lexicon, files_per_partition=1, in_flight=3)
    first = next(results)
    assert first.document["path"].endswith("D00_70_2015.txt")
    # all 24 would be there if the walk were submitted at once; the taken one may linger
    assert _scans_on_the_scheduler(client) <= 3 + 1
    results.close()
    deadline = time.monotonic() + 10
    while _scans_on_the_scheduler(client) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _scans_on_the_scheduler(client) == 0  # stopped early, the rest are cancelled


def test_a_worker_thread_builds_its_scanner_once(lexicon):
    scan = _ScannerSpec.of(lexicon, ScanOptions())
    scanner = _scanner_for(scan)
    assert _scanner_for(scan) is scanner
    again = _ScannerSpec.of(lexicon, ScanOptions())  # another scan, same lexicon and options
    assert again.key == scan.key and again.scan != scan.scan
    reused = _scanner_for(again)
    assert reused is not scanner and reused.matcher is scanner.matcher
    assert reused.sidecars is not scanner.sidecars  # a new scan reads the sidecars again
    other = _scanner_for(_ScannerSpec.of(lexicon, ScanOptions(kinds=("formula", "reinterpreted"))))
    assert other.matcher is not scanner.matcher


def test_documents_on_dask_give_the_local_tables(client, lexicon, tmp_path):
    rows = [{"text": "Both sides support the Global Development Initiative (GDI). The GDI helps.", "actor": "IDN", "year": 2024},
            {"text": "双方同意推动构建人类命运共同体。", "actor": "CHN", "year": 2023},
            {"text": "Nothing to see.", "actor": "USA", "year": 2022}] * 7
    table = tmp_path / "docs.jsonl"
    pd.DataFrame(rows).to_json(table, orient="records", lines=True, force_ascii=False)
    local = phrasewatch.scan([table], lexicon=lexicon)
    remote = scan_documents_on_dask(dask_bag.from_sequence(rows, npartitions=4), lexicon=lexicon)
    columns = ["formula_id", "surface", "start", "end", "actor", "year", "sentence"]
    pd.testing.assert_frame_equal(local.matches[columns], remote.matches[columns])
    assert list(remote.documents["doc_id"]) == [f"doc#{i}" for i in range(1, 22)]
    assert list(local.documents["tokens"]) == list(remote.documents["tokens"])


def test_a_dask_dataframe_is_scanned_like_a_bag(client, lexicon):
    import dask.dataframe as dd

    rows = [{"text": "We welcome the Belt and Road Initiative.", "actor": "KAZ"},
            {"text": "共建“一带一路”。", "actor": "CHN"}] * 5
    from_bag = scan_documents_on_dask(dask_bag.from_sequence(rows, npartitions=3), lexicon=lexicon)
    from_frame = scan_documents_on_dask(dd.from_pandas(pd.DataFrame(rows), npartitions=2), lexicon=lexicon)
    pd.testing.assert_frame_equal(from_bag.matches, from_frame.matches)
    assert len(from_frame.matches) == 10
