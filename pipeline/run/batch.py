"""Run extraction over a corpus: ordered, resumable, fault-isolated, local or on Dask.

`extract_corpus` walks the corpus (`pipeline.ingest.iter_units`), sends chunks of units to
workers that read each article and call the per-article function
(`pipeline.link.extract_document`), and writes the results in corpus order:

- `<out>`: one `Claim` per line;
- `<out stem>.docs.jsonl`: one `DocRecord` per article read (its text, date, sha256...);
- `<out stem>.errors.jsonl`: one `ErrorRecord` per input that failed, was skipped, or was
  read with an assumption;
- `<out stem>.journal.jsonl`: the progress journal that `resume=True` continues from.

Crash safety: records are appended whole lines at a time; every few seconds the three
output files are flushed and fsynced, then a checkpoint line (the keys of the units
written since the last one and the three file sizes) is appended to the journal and
fsynced. A resumed run truncates every file to the sizes of the last complete checkpoint,
which removes any partial line and any record of a unit not marked done, and skips the
units the journal marks done. Units are written in corpus order, so the resumed output is
the uninterrupted run's output, byte for byte, when the corpus has not changed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, BinaryIO, Literal, NamedTuple, Protocol

from spacy.language import Language

from models import SCHEMA_VERSION, Claim, DocRecord, Document, ErrorRecord, RunSummary, Settings
from pipeline.errors import Errors, NewsclaimsError
from pipeline.ingest.sources import FileSource, Unit, iter_units, read_source, unit_key
from pipeline.link.linker import extract_document
from pipeline.link.linker import extract_many as link_extract_many
from pipeline.nlp import load_nlp
from pipeline.run.journal import (
    UnitResult,
    checkpoint,
    open_run,
    open_sink,
    output_paths,
    run_lock,
    write_result,
)

logger = logging.getLogger(__name__)

ExtractFn = Callable[[Document, Language, Settings], list[Claim]]
ExtractManyFn = Callable[[Sequence[Document], Language, Settings], Sequence[list[Claim]]]
Engine = Literal["local", "dask"]

CHUNK_SIZE = 16  # units per task: amortises traffic and nlp.pipe calls, keeps tasks short


class Extractor(NamedTuple):
    """The extraction functions a run uses; picklable when both are module-level."""

    one: ExtractFn
    many: ExtractManyFn | None = None
    timeout: float | None = None  # seconds per article


class _Handle(Protocol):
    def result(self) -> list[UnitResult]: ...


def extract_corpus(
    corpus: str | Path,
    out_path: str | Path,
    *,
    settings: Settings | None = None,
    nlp: Language | None = None,
    workers: int | None = None,
    resume: bool = False,
    engine: Engine = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
    extract: ExtractFn = extract_document,
    extract_many: ExtractManyFn | None = None,
    timeout: float | None = None,
    checkpoint_every: int = 500,
    stdin: BinaryIO | None = None,
) -> RunSummary:
    """Extract the claims of every article of a corpus into JSONL files.

    corpus (str | Path): A folder (read recursively), one file, or "-" for standard input.
    out_path (str | Path): The claims file; the docs, errors and journal files go beside it.
    settings (Settings | None): Run options; defaults when None.
    nlp (Language | None): The spaCy pipeline; `load_nlp()` in each worker when None.
    workers (int | None): Processes (local) or Dask workers of a new LocalCluster;
        os.cpu_count() when None. 1 runs in this process.
    resume (bool): Continue the run the journal beside `out_path` records.
    engine (str): "local" (processes on this machine) or "dask".
    scheduler (str | None): Address of a running Dask scheduler; a LocalCluster when None.
    progress (bool | None): Show a progress bar on stderr; when None, only on a terminal.
    extract (ExtractFn): The per-article function (picklable: defined at module level).
    extract_many (ExtractManyFn | None): Extracts a chunk of articles at once (one
        nlp.pipe over all their windows), giving what `extract` gives for each;
        `pipeline.link.extract_many` when None and `extract` is the default.
    timeout (float | None): Seconds an article may take (local engine): longer gets an
        error record and the run goes on.
    checkpoint_every (int): Most units written between two journal checkpoints.
    stdin (BinaryIO | None): The stream corpus "-" reads; sys.stdin's buffer when None.
    RETURNS (RunSummary): Counts over the whole output, resumed part included.
    """
    settings = settings or Settings()
    if extract_many is None and extract is extract_document:
        extract_many = link_extract_many  # one nlp.pipe per chunk of articles
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise NewsclaimsError(Errors.E302.format(workers=workers))
    if engine not in ("local", "dask"):
        raise NewsclaimsError(Errors.E303.format(engine=engine))
    if scheduler is not None and engine != "dask":
        raise NewsclaimsError(Errors.E306)
    paths = output_paths(out_path)
    if paths.claims.is_dir():
        raise NewsclaimsError(Errors.E305.format(path=str(paths.claims)))
    started = time.monotonic()
    signature = _signature(settings, extract)  # extract_many gives the same by contract
    # Walk first: a corpus that does not exist raises before any output is touched.
    units = iter_units(corpus, settings=settings, exclude=paths, stdin=stdin)
    first = next(units, None)
    paths.claims.parent.mkdir(parents=True, exist_ok=True)
    with run_lock(paths) as lock:
        done, counts = open_run(paths, signature, resume=resume)
        todo = (u for u in _prepend(first, units) if unit_key(u) not in done)
        chunks = _chunked(todo, CHUNK_SIZE)
        sink = open_sink(paths, checkpoint_every)
        bar = _progress_bar(progress, initial=len(done))
        try:
            extractor = Extractor(extract, extract_many, timeout)
            run = _run_chunks(chunks, engine, workers, scheduler, nlp, settings, extractor, lock)
            for results in run:
                for result in results:
                    write_result(sink, result, counts)
                bar.update(len(results))
                bar.set_postfix(
                    claims=counts["claims"],
                    errors=counts["errors"],
                    skipped=counts["skipped"],
                    refresh=False,
                )
            checkpoint(sink)
        finally:
            bar.close()
            for f in sink.files.values():
                f.close()
    return RunSummary(
        articles=counts["articles"],
        claims=counts["claims"],
        errors=counts["errors"],
        skipped=counts["skipped"],
        warnings=counts["warnings"],
        resumed=len(done),
        seconds=round(time.monotonic() - started, 3),
        words=counts["words"],
    )


def process_units(
    units: Sequence[Unit],
    *,
    nlp: Language,
    settings: Settings,
    extract: ExtractFn,
    extract_many: ExtractManyFn | None = None,
    timeout: float | None = None,
) -> list[UnitResult]:
    """Read and extract a chunk of units; each failure is caught and becomes a record.

    units (Sequence[Unit]): Units from `iter_units`.
    nlp (Language): The spaCy pipeline, loaded once per worker.
    settings (Settings): Run options.
    extract (ExtractFn): The per-article function.
    extract_many (ExtractManyFn | None): A function that extracts many articles at once
        (one nlp.pipe over all their windows) and returns what `extract` would for each.
        When it raises, the chunk is redone article by article to find the culprit.
    timeout (float | None): Seconds an article may take; longer gets an error record.
        Enforced with SIGALRM, so only in a process's main thread (not on Dask).
    RETURNS (list[UnitResult]): One result per unit, in order.
    """
    read = [_read_unit(unit, settings=settings) for unit in units]
    docs = [r.doc for r in read if r.doc is not None]
    found: list[list[Claim] | str] | None = None
    if extract_many is not None and docs:
        try:
            with _time_limit(timeout * len(docs) if timeout else None):
                found = list(extract_many(docs, nlp, settings))
        except Exception:  # noqa: BLE001 - redone one by one below, which says where
            logger.debug("batched extraction failed; one article at a time", exc_info=True)
    if found is None or len(found) != len(docs):
        found = [
            _extract_one(doc, nlp=nlp, settings=settings, extract=extract, timeout=timeout)
            for doc in docs
        ]
    outcomes = iter(found)
    return [_result(r, next(outcomes) if r.doc is not None else []) for r in read]


def extract_corpus_cli(args: argparse.Namespace) -> int:
    """Run `newsclaims extract` from parsed arguments; return the exit status.

    args (argparse.Namespace): Parsed by `pipeline.cli.build_parser`.
    RETURNS (int): 0 when no article failed with severity "error", 1 otherwise.
    """
    date = dt.date.fromisoformat(args.date) if args.date else None
    settings = Settings(
        default_dollar=args.dollar,
        default_date=date,
        max_chars=args.max_chars,
        parse_all=args.parse_all,
    )
    summary = extract_corpus(
        args.corpus,
        args.output,
        settings=settings,
        workers=args.workers,
        resume=args.resume,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=False if args.quiet else None,
        timeout=args.timeout or None,
    )
    if not args.quiet:
        paths = output_paths(args.output)
        print(
            f"{summary.articles} articles, {summary.claims} claims, {summary.errors} errors, "
            f"{summary.skipped} skipped, {summary.warnings} warnings"
            + (f" ({summary.resumed} units done before)" if summary.resumed else "")
            + f" in {summary.seconds:.1f}s: {paths.claims}, {paths.docs.name}, "
            f"{paths.errors.name}",
            file=sys.stderr,
        )
    return 0 if summary.ok else 1


class _Read(NamedTuple):
    key: str
    doc: Document | None
    problems: tuple[ErrorRecord, ...]


def _read_unit(unit: Unit, *, settings: Settings) -> _Read:
    key = unit_key(unit)
    if isinstance(unit, ErrorRecord):
        return _Read(key, None, (unit,))
    if isinstance(unit, Document):
        return _Read(key, unit, ())
    try:
        doc, problems = read_source(unit, settings=settings)
    except Exception as e:  # noqa: BLE001 - one bad article never stops the batch
        return _Read(key, None, (_unit_error(unit, f"reading failed: {_describe(e)}"),))
    return _Read(key, doc, problems)


def _extract_one(
    doc: Document,
    *,
    nlp: Language,
    settings: Settings,
    extract: ExtractFn,
    timeout: float | None,
) -> list[Claim] | str:
    # The claims, or why there are none: the reason of an error record.
    try:
        with _time_limit(timeout):
            return extract(doc, nlp, settings)
    except Exception as e:  # noqa: BLE001 - one bad article never stops the batch
        logger.debug("extraction failed on %s", doc.id, exc_info=True)
        return f"extraction failed: {_describe(e)}"


def _result(read: _Read, outcome: list[Claim] | str) -> UnitResult:
    doc, problems = read.doc, read.problems
    if doc is None:
        return UnitResult(read.key, (), None, problems, 0)
    claims: list[Claim] = []
    if isinstance(outcome, str):
        problems = (*problems, _unit_error(doc, outcome))
    else:
        claims = outcome
    record = DocRecord(
        doc_id=doc.id,
        text=doc.text,
        date=doc.date,
        url=doc.url,
        path=doc.path,
        line=doc.line,
        format=doc.format,
        date_source=doc.date_source,
        encoding=doc.encoding,
        encoding_note=doc.encoding_note,
        truncated=doc.truncated,
        sha256=hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
    )
    lines = tuple(c.model_dump_json() for c in claims)
    return UnitResult(read.key, lines, record.model_dump_json(), problems, len(doc.text.split()))


class ArticleTimeout(Exception):
    """An article took longer than the run's per-article time limit."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    # SIGALRM interrupts Python code and the regex module's matching alike; signals
    # reach only the main thread, so elsewhere (Dask worker threads) there is no limit.
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeout(f"longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _describe(e: BaseException) -> str:
    # The exception and where it was raised, so that the errors file points at the bug.
    where = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    place = f" (at {Path(where.filename).name}:{where.lineno})" if where else ""
    return f"{type(e).__name__}: {e}{place}"


def _unit_error(unit: FileSource | Document, reason: str) -> ErrorRecord:
    if isinstance(unit, Document):
        return ErrorRecord(path=unit.path or unit.id, reason=reason, doc_id=unit.id, line=unit.line)
    return ErrorRecord(path=unit.path, reason=reason, doc_id=unit.doc_id)


def _run_chunks(
    chunks: Iterator[list[Unit]],
    engine: Engine,
    workers: int,
    scheduler: str | None,
    nlp: Language | None,
    settings: Settings,
    extractor: Extractor,
    lock: int | None = None,
) -> Iterator[list[UnitResult]]:
    if engine == "dask":
        from pipeline.run.dask_engine import run_on_dask

        yield from run_on_dask(
            chunks,
            scheduler=scheduler,
            workers=workers,
            nlp=nlp,
            settings=settings,
            extractor=extractor,
        )
        return
    if workers == 1:
        nlp = nlp if nlp is not None else load_nlp()
        for chunk in chunks:
            yield _work_with(chunk, nlp, settings, extractor)
        return
    yield from _run_pool(chunks, workers, nlp, settings, extractor, lock)


def _run_pool(
    chunks: Iterator[list[Unit]],
    workers: int,
    nlp: Language | None,
    settings: Settings,
    extractor: Extractor,
    lock: int | None,
) -> Iterator[list[UnitResult]]:
    # Like run_ordered, and it survives a worker that dies (killed for memory, a crash in
    # C code): the pool is then broken and every chunk in flight failed. The first of them
    # is rerun one article per fresh process, so that the article that kills its process
    # gets an error record; the others are resubmitted to a new pool.
    def new_pool(size: int) -> ProcessPoolExecutor:
        # fork shares an `nlp` given by the caller without pickling it; elsewhere it is
        # pickled once per worker. Each worker loads the model once, in _init_worker.
        fork = "fork" in multiprocessing.get_all_start_methods()
        return ProcessPoolExecutor(
            max_workers=size,
            mp_context=multiprocessing.get_context("fork" if fork else None),
            initializer=_init_worker,
            initargs=(nlp, settings, extractor, lock if fork else None),
        )

    pools = [new_pool(workers)]
    pending: deque[tuple[list[Unit], Future[list[UnitResult]]]] = deque()

    def resolve() -> list[UnitResult]:
        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            logger.warning("a worker process died; rerunning its articles one by one")
        pools[0].shutdown(wait=True, cancel_futures=True)
        results = [_run_alone(unit, new_pool) for unit in chunk]
        pools[0] = new_pool(workers)
        for i, (other, _) in enumerate(pending):
            pending[i] = (other, pools[0].submit(_work, other))
        return results

    try:
        for chunk in chunks:
            pending.append((chunk, pools[0].submit(_work, chunk)))
            if len(pending) >= 4 * workers:
                yield resolve()
        while pending:
            yield resolve()
    finally:
        pools[0].shutdown(wait=True, cancel_futures=True)


def _run_alone(unit: Unit, new_pool: Callable[[int], ProcessPoolExecutor]) -> UnitResult:
    with new_pool(1) as pool:
        try:
            (result,) = pool.submit(_work, [unit]).result()
        except BrokenProcessPool:
            reason = (
                "the worker process died on this article (killed for memory, or a crash "
                "in compiled code)"
            )
            if isinstance(unit, ErrorRecord):
                return UnitResult(unit_key(unit), (), None, (unit,), 0)
            return UnitResult(unit_key(unit), (), None, (_unit_error(unit, reason),), 0)
    return result


def run_ordered(
    chunks: Iterable[list[Unit]],
    submit: Callable[[list[Unit]], _Handle],
    *,
    window: int,
) -> Iterator[list[UnitResult]]:
    """Submit chunks with at most `window` in flight and yield their results in order.

    chunks (Iterable[list[Unit]]): The chunks, in corpus order.
    submit (Callable): Starts a chunk; returns a handle whose `.result()` waits for it.
    window (int): Most chunks in flight: bounds memory however long the corpus.
    RETURNS (Iterator[list[UnitResult]]): Results in the order of `chunks`.
    """
    pending: deque[_Handle] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


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
    chunk: Sequence[Unit], nlp: Language, settings: Settings, extractor: Extractor
) -> list[UnitResult]:
    return process_units(
        chunk,
        nlp=nlp,
        settings=settings,
        extract=extractor.one,
        extract_many=extractor.many,
        timeout=extractor.timeout,
    )


def _signature(settings: Settings, extract: ExtractFn) -> dict[str, Any]:
    # What must not change between a run and its resumption.
    return {
        "settings": settings.model_dump(mode="json"),
        "extract": f"{extract.__module__}.{extract.__qualname__}",
        "schema_version": SCHEMA_VERSION,
    }


def _prepend(first: Unit | None, rest: Iterator[Unit]) -> Iterator[Unit]:
    if first is not None:
        yield first
    yield from rest


def _chunked(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    chunk: list[Unit] = []
    for unit in units:
        chunk.append(unit)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _progress_bar(progress: bool | None, *, initial: int) -> Any:
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    return tqdm(
        desc="extract",
        unit=" articles",
        initial=initial,
        disable=not show,
        file=sys.stderr,
        dynamic_ncols=True,
    )
