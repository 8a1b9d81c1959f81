"""The Dask engine writes what the local engine writes.

One cluster of two in-process workers serves the module (fast to start); one test
starts the LocalCluster of worker processes that `--engine dask` makes without
--scheduler, as a user would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import fake_extract, fake_extract_many
from spacy.language import Language

from models import Settings
from pipeline.outputs import output_paths
from pipeline.run.batch import extract_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    import logging

    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        silence_logs=logging.ERROR,
        dashboard_address=None,
    ) as cluster:
        yield cluster


def _outputs(out: Path) -> tuple[bytes, bytes, bytes]:
    paths = output_paths(out)
    return paths.claims.read_bytes(), paths.docs.read_bytes(), paths.errors.read_bytes()


def _extract(corpus: Path, out: Path, nlp: Language, **kwargs: object) -> tuple[bytes, ...]:
    extract_corpus(
        corpus, out, settings=Settings(), nlp=nlp, extract=fake_extract, progress=False, **kwargs
    )  # type: ignore[arg-type]
    return _outputs(out)


@pytest.mark.parametrize("many", [None, fake_extract_many], ids=["one", "many"])
def test_dask_engine_equals_local(
    wire: Path, tmp_path: Path, blank_nlp: Language, cluster: object, many: object
) -> None:
    local = _extract(wire, tmp_path / "local.jsonl", blank_nlp, workers=1)
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    dask = _extract(
        wire,
        tmp_path / "dask.jsonl",
        blank_nlp,
        engine="dask",
        scheduler=address,
        extract_many=many,
    )
    assert dask == local and local[0].count(b"\n") > 30


def test_dask_engine_ships_every_format(
    formats: Path, tmp_path: Path, blank_nlp: Language, cluster: object
) -> None:
    # Markdown files travel as bytes and are rendered on the workers; dataset rows
    # travel as documents read by the client: the output is the local engine's.
    local = _extract(formats, tmp_path / "local.jsonl", blank_nlp, workers=1)
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    dask = _extract(formats, tmp_path / "dask.jsonl", blank_nlp, engine="dask", scheduler=address)
    assert dask == local
    docs = local[1].decode()
    for fmt in ("md", "parquet", "csv", "warc"):
        assert f'"format":"{fmt}"' in docs


def test_dask_engine_resumes_a_local_run(
    wire: Path, tmp_path: Path, blank_nlp: Language, cluster: object
) -> None:
    local = _extract(wire, tmp_path / "local.jsonl", blank_nlp, workers=1)
    out = tmp_path / "c.jsonl"
    _extract(wire, out, blank_nlp, workers=1)
    # Cut the run back to its first checkpoint, as a crash would leave it.
    journal = output_paths(out).journal
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(lines[0])
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    summary = extract_corpus(
        wire,
        out,
        settings=Settings(),
        nlp=blank_nlp,
        extract=fake_extract,
        progress=False,
        engine="dask",
        scheduler=address,
        resume=True,
    )
    assert _outputs(out) == local and summary.resumed == 0


def test_dask_engine_local_cluster_of_processes(
    wire: Path, tmp_path: Path, blank_nlp: Language
) -> None:
    local = _extract(wire, tmp_path / "local.jsonl", blank_nlp, workers=1)
    dask = _extract(wire, tmp_path / "dask.jsonl", blank_nlp, engine="dask", workers=2)
    assert dask == local
