"""The Dask engine: the run's chunks on a Dask distributed cluster, the same per-article work.

Imported only by `extract_corpus(engine="dask")`, so that Dask is never imported otherwise.
Every worker needs newsclaims and the spaCy model installed; a worker plugin loads the
model once per worker, when the worker starts or joins. The client reads the corpus files
and ships their bytes with each task, so workers need no access to the corpus.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, get_worker
from spacy.language import Language

from models import Settings
from pipeline.errors import Errors, NewsclaimsError
from pipeline.ingest.sources import with_bytes
from pipeline.ingest.units import FileSource, Unit
from pipeline.nlp import load_nlp
from pipeline.run.engine import run_ordered
from pipeline.run.work import Extractor, UnitResult, process_units

PLUGIN_NAME = "newsclaims-nlp"
CONNECT_TIMEOUT = "10s"  # how long to try a scheduler address before giving up


class NlpPlugin(WorkerPlugin):
    """Load the spaCy pipeline once per Dask worker (or use the one given, pickled)."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.given = nlp
        self.nlp: Language | None = None

    def setup(self, worker: object) -> None:
        self.nlp = self.given if self.given is not None else load_nlp()


@dataclass
class DaskEngine:
    """Run chunks on a Dask cluster and yield their results in order.

    scheduler (str | None): A running scheduler's address ("tcp://host:8786"); a
        LocalCluster of `workers` single-threaded worker processes when None.
    workers (int): Workers of the LocalCluster (unused with a scheduler address).
    nlp (Language | None): A pipeline to ship to every worker; `load_nlp()` there when None.
    settings (Settings): Run options.
    extractor (Extractor): The extraction functions (importable on the workers).
    """

    scheduler: str | None
    workers: int
    nlp: Language | None
    settings: Settings
    extractor: Extractor

    _client: Any = field(default=None, init=False, repr=False)
    _cluster: Any = field(default=None, init=False, repr=False)

    def __enter__(self) -> DaskEngine:
        if self.scheduler is None:
            self._cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                silence_logs=logging.ERROR,
                dashboard_address=":0",  # any free port: 8787 may be taken
            )
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as e:
                error = str(e).splitlines()[0] if str(e) else type(e).__name__
                raise NewsclaimsError(
                    Errors.E310.format(address=self.scheduler, error=error)
                ) from None  # one sentence: the chained connection errors say no more
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def run(
        self, chunks: Iterator[list[Unit]], *, lock: int | None = None
    ) -> Iterator[list[UnitResult]]:
        """Process `chunks` on the cluster; one list of results per chunk, in order."""
        client = self._client
        client.register_plugin(NlpPlugin(self.nlp), name=PLUGIN_NAME)
        n_workers = max(len(client.scheduler_info().get("workers", {})), 1)
        settings, extractor = self.settings, self.extractor

        def submit(chunk: list[Unit]) -> object:
            # File bytes travel with the task: workers need no access to the corpus.
            shipped = [
                with_bytes(u, settings=settings) if isinstance(u, FileSource) else u for u in chunk
            ]
            return client.submit(_run_chunk, shipped, settings, extractor, pure=False)

        yield from run_ordered(chunks, submit, window=4 * n_workers)  # type: ignore[arg-type]


def _run_chunk(chunk: list[Unit], settings: Settings, extractor: Extractor) -> list[UnitResult]:
    plugin = get_worker().plugins[PLUGIN_NAME]
    if not isinstance(plugin, NlpPlugin):
        raise TypeError(f"worker plugin {PLUGIN_NAME!r} is a {type(plugin).__name__}")
    if plugin.nlp is None:  # a plugin whose setup has not run yet on this worker
        plugin.setup(get_worker())
    nlp = plugin.nlp if plugin.nlp is not None else load_nlp()
    return process_units(
        chunk, nlp=nlp, settings=settings, extract=extractor.one, extract_many=extractor.many
    )  # no time limit: Dask runs tasks in threads, where SIGALRM cannot reach
