"""The local engine: chunks in this process, or in a pool of worker processes.

The pool survives a worker that dies (killed for memory, a crash in C code): the pool
is then broken and every chunk in flight failed. The first of them is rerun one article
per fresh process, so that the article that kills its process gets an error record; the
others are submitted again to a new pool (`run_ordered`'s `recover`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from models import Settings
from pipeline.ingest.units import Unit
from pipeline.nlp import load_nlp
from pipeline.run.engine import run_ordered
from pipeline.run.work import Extractor, UnitResult, died_result, process_units

logger = logging.getLogger(__name__)


@dataclass
class LocalEngine:
    """Run chunks on this machine: in this process when `workers` is 1, else in a pool.

    workers (int): Worker processes; 1 runs in this process.
    nlp (Language | None): The pipeline; `load_nlp()` in each worker when None.
    settings (Settings): Run options.
    extractor (Extractor): The extraction functions.
    """

    workers: int
    nlp: Language | None
    settings: Settings
    extractor: Extractor
    _lock: int | None = field(default=None, init=False, repr=False)
    _pool: ProcessPoolExecutor | None = field(default=None, init=False, repr=False)

    def __enter__(self) -> LocalEngine:
        return self  # the pool starts with the first chunk, in run()

    def __exit__(self, *exc: object) -> None:
        return None

    def run(
        self, chunks: Iterator[list[Unit]], *, lock: int | None = None
    ) -> Iterator[list[UnitResult]]:
        """Process `chunks` and yield their results in order.

        lock (int | None): The run's lock descriptor, which forked workers close.
        """
        self._lock = lock
        if self.workers == 1:
            nlp = self.nlp if self.nlp is not None else load_nlp()
            for chunk in chunks:
                yield _work_with(chunk, nlp, self.settings, self.extractor)
            return
        self._pool = self._new_pool(self.workers)
        try:
            yield from run_ordered(
                chunks, self._submit, window=4 * self.workers, recover=self._recover
            )
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _submit(self, chunk: list[Unit]) -> Any:
        assert self._pool is not None  # set by run()
        return self._pool.submit(_work, chunk)

    def _recover(self, chunk: list[Unit], error: Exception) -> list[UnitResult]:
        if not isinstance(error, BrokenProcessPool):
            raise error
        logger.warning("a worker process died; rerunning its articles one by one")
        assert self._pool is not None  # set by run()
        self._pool.shutdown(wait=True, cancel_futures=True)
        results = [self._run_alone(unit) for unit in chunk]
        self._pool = self._new_pool(self.workers)
        return results

    def _run_alone(self, unit: Unit) -> UnitResult:
        with self._new_pool(1) as pool:
            try:
                (result,) = pool.submit(_work, [unit]).result()
            except BrokenProcessPool:
                return died_result(unit)
        return result

    def _new_pool(self, size: int) -> ProcessPoolExecutor:
        # fork shares an `nlp` given by the caller without pickling it; elsewhere it is
        # pickled once per worker. Each worker loads the model once, in _init_worker.
        fork = "fork" in multiprocessing.get_all_start_methods()
        return ProcessPoolExecutor(
            max_workers=size,
            mp_context=multiprocessing.get_context("fork" if fork else None),
            initializer=_init_worker,
            initargs=(self.nlp, self.settings, self.extractor, self._lock if fork else None),
        )


# The state of one worker process, set once by _init_worker (ProcessPoolExecutor's
# initializer) so that the model is loaded once per process, not once per task.
_WORKER: dict[str, Any] = {}


def _init_worker(
    nlp: Language | None, settings: Settings, extractor: Extractor, lock: int | None
) -> None:
    if lock is not None:  # the run's lock, inherited by fork: it must die with the parent
        os.close(lock)
    # A worker whose parent was killed (kill -9) would wait for work forever.
    watchdog = threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True)
    watchdog.start()
    _WORKER["nlp"] = nlp if nlp is not None else load_nlp()
    _WORKER["settings"] = settings
    _WORKER["extractor"] = extractor


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(chunk: list[Unit]) -> list[UnitResult]:
    return _work_with(chunk, _WORKER["nlp"], _WORKER["settings"], _WORKER["extractor"])


def _work_with(
    chunk: list[Unit], nlp: Language, settings: Settings, extractor: Extractor
) -> list[UnitResult]:
    return process_units(
        chunk,
        nlp=nlp,
        settings=settings,
        extract=extractor.one,
        extract_many=extractor.many,
        timeout=extractor.timeout,
    )
