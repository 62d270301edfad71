"""Scanning on a Dask cluster gives the tables of a local scan (LocalCluster)."""

import pandas as pd
import pytest

import phrasewatch

distributed = pytest.importorskip("distributed", reason='the dask extra is not installed (pip install "phrasewatch[dask]")')
dask_bag = pytest.importorskip("dask.bag")

from phrasewatch.cluster import scan_documents_on_dask, scan_on_dask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


def test_files_on_dask_give_the_local_tables(client, lexicon, tmp_path):
    local = phrasewatch.scan(lexicon=lexicon)  # the seeds
    remote = scan_on_dask(lexicon=lexicon, partitions=5)
    pd.testing.assert_frame_equal(local.matches, remote.matches)
    pd.testing.assert_frame_equal(local.documents, remote.documents)


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
