"""Run extraction over a corpus: ordered, resumable, fault-isolated, local or on Dask.

`extract_corpus` walks the corpus (`pipeline.ingest.sources.iter_units`), hands chunks of
units to an engine (`pipeline.run.local` or `pipeline.run.dask_engine`, behind the
`pipeline.run.engine.Engine` Protocol) whose workers read each article and call the
per-article function (`pipeline.run.work.process_units` around
`pipeline.link.linker.extract_document`), and writes the results in corpus order through
the journal (`pipeline.run.journal`); the file names come from `pipeline.outputs`:

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

import contextlib
import errno
import itertools
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal

from spacy.language import Language

from models import SCHEMA_VERSION, Document, RunSummary, Settings
from pipeline.errors import Errors, NewsclaimsError, NothingToReadError
from pipeline.ingest.sources import SUFFIXES, is_unread_kind, iter_units
from pipeline.ingest.units import STDIN, FileSource, Unit, unit_key
from pipeline.link.linker import extract_document
from pipeline.link.linker import extract_many as link_extract_many
from pipeline.outputs import OutputPaths, is_inside, output_paths, same_path
from pipeline.run.engine import Engine
from pipeline.run.journal import (
    checkpoint,
    journal_state,
    open_run,
    open_sink,
    run_lock,
    write_result,
)
from pipeline.run.local import LocalEngine
from pipeline.run.work import ExtractFn, ExtractManyFn, Extractor, UnitResult

EngineName = Literal["local", "dask"]

CHUNK_SIZE = 16  # units per task: amortises traffic and nlp.pipe calls, keeps tasks short


def extract_corpus(
    corpus: str | Path,
    out_path: str | Path,
    *,
    settings: Settings | None = None,
    nlp: Language | None = None,
    workers: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    follow_links: bool = False,
    engine: EngineName = "local",
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
    overwrite (bool): Replace outputs this command did not write, or start an unfinished
        run again; without it those are refused (NewsclaimsError). Outputs are never an
        input, nor inside the input corpus, nor a symbolic link.
    follow_links (bool): Read links in the corpus whose targets lie outside it (never
        /proc, /sys or /dev); without it they get a "skipped" record.
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
    _check_options(workers, engine, scheduler)
    paths = output_paths(out_path)
    _check_paths(corpus, paths)
    started = time.monotonic()
    signature = _signature(settings, extract)  # extract_many gives the same by contract
    # Walk first: a corpus that does not exist, or holds nothing to read, raises before
    # any output is touched.
    units = iter_units(
        corpus, settings=settings, exclude=paths, stdin=stdin, follow_links=follow_links
    )
    head = _head_of(units, corpus)
    _check_existing(paths, resume=resume, overwrite=overwrite)
    extractor = Extractor(extract, extract_many, timeout)
    show = sys.stderr.isatty() if progress is None else progress
    total = _count_units(corpus, settings, paths, follow_links) if show else None
    # The engine starts first: a Dask scheduler that cannot be reached leaves no file.
    with _engine(engine, workers, scheduler, nlp, settings, extractor) as runner:
        paths.claims.parent.mkdir(parents=True, exist_ok=True)
        with run_lock(paths) as lock:
            done, counts = open_run(paths, signature, resume=resume)
            todo = (u for u in itertools.chain(head, units) if unit_key(u) not in done)
            _write_all(
                runner.run(_chunked(todo, CHUNK_SIZE), lock=lock),
                paths,
                counts,
                checkpoint_every,
                progress=show,
                initial=len(done),
                total=total,
            )
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


def _write_all(
    results: Iterator[list[UnitResult]],
    paths: OutputPaths,
    counts: dict[str, int],
    checkpoint_every: int,
    *,
    progress: bool,
    initial: int,
    total: int | None,
) -> None:
    # Write every result in order, checkpointing as it goes; a full disk stops the run
    # with a message, what was checkpointed kept for --resume.
    sink = open_sink(paths, checkpoint_every)
    bar = _progress_bar(progress, initial=initial, total=total)
    try:
        for chunk in results:
            for result in chunk:
                write_result(sink, result, counts)
            bar.update(len(chunk))
            bar.set_postfix(
                claims=counts["claims"],
                errors=counts["errors"],
                skipped=counts["skipped"],
                refresh=False,
            )
        checkpoint(sink, finished=True)
    except OSError as e:
        if e.errno != errno.ENOSPC:
            raise
        raise NewsclaimsError(Errors.E311.format(path=str(paths.claims))) from e
    finally:
        bar.close()
        for f in sink.files.values():
            with contextlib.suppress(OSError):  # a full disk fails the last flush too
                f.close()


def _check_paths(corpus: str | Path, paths: OutputPaths) -> None:
    # No output is a folder, one of the inputs, or inside the input corpus.
    if paths.claims.is_dir():
        raise NewsclaimsError(Errors.E305.format(path=str(paths.claims)))
    for path in paths:
        if path.is_symlink():  # a planted link would have the run truncate its target
            target = str(path.resolve())
            raise NewsclaimsError(Errors.E313.format(path=str(path), target=target))
    if str(corpus) == STDIN or not Path(corpus).exists():
        return  # standard input, or a corpus that iter_units reports missing
    folder = Path(corpus).is_dir()
    for path in paths:
        if folder and is_inside(path, corpus):
            what = f"inside the input corpus {str(corpus)!r}"
            raise NewsclaimsError(Errors.E107.format(path=str(path), what=what))
        if not folder and same_path(path, corpus):
            raise NewsclaimsError(Errors.E107.format(path=str(path), what="the input file"))


def _check_existing(paths: OutputPaths, *, resume: bool, overwrite: bool) -> None:
    # Outputs this command did not write, or an unfinished run, are replaced only on purpose.
    if overwrite:
        return
    state = journal_state(paths)
    if state == "unfinished" and not resume:
        raise NewsclaimsError(Errors.E308.format(path=str(paths.journal)))
    if state == "none":
        for path in (paths.claims, paths.docs, paths.errors):
            if path.exists() and path.stat().st_size > 0:
                raise NewsclaimsError(Errors.E312.format(path=str(path)))


def _head_of(units: Iterator[Unit], corpus: str | Path) -> list[Unit]:
    # The units up to the first one that is an input newsclaims reads: none at all (an
    # empty folder, or one of PDFs only) raises before any output is touched.
    head: list[Unit] = []
    for unit in units:
        head.append(unit)
        if not is_unread_kind(unit):
            return head
    unread = len(head)
    kinds = "a file of a kind" if unread == 1 else f"{unread} files of kinds"
    extra = f" ({kinds} it does not read, such as PDFs)" if unread else ""
    suffixes = ", ".join(SUFFIXES)
    raise NothingToReadError(Errors.E309.format(path=str(corpus), suffixes=suffixes, extra=extra))


def _check_options(workers: int, engine: str, scheduler: str | None) -> None:
    if workers < 1:
        raise NewsclaimsError(Errors.E302.format(workers=workers))
    if engine not in ("local", "dask"):
        raise NewsclaimsError(Errors.E303.format(engine=engine))
    if scheduler is not None and engine != "dask":
        raise NewsclaimsError(Errors.E306)


def _engine(
    name: EngineName,
    workers: int,
    scheduler: str | None,
    nlp: Language | None,
    settings: Settings,
    extractor: Extractor,
) -> Engine:
    if name == "dask":
        # Imported here: Dask is imported only by a run that asks for it.
        from pipeline.run.dask_engine import DaskEngine

        return DaskEngine(scheduler, workers, nlp, settings, extractor)
    return LocalEngine(workers, nlp, settings, extractor)


def _signature(settings: Settings, extract: ExtractFn) -> dict[str, Any]:
    # What must not change between a run and its resumption.
    return {
        "settings": settings.model_dump(mode="json"),
        "extract": f"{extract.__module__}.{extract.__qualname__}",
        "schema_version": SCHEMA_VERSION,
    }


def _chunked(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    chunk: list[Unit] = []
    for unit in units:
        chunk.append(unit)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _count_units(
    corpus: str | Path, settings: Settings, paths: OutputPaths, follow_links: bool
) -> int | None:
    # The units a run will see, for the progress bar's total and ETA: a second walk, which
    # only lists files; None for standard input or a corpus with JSONL files, whose
    # records would have to be read to be counted.
    if str(corpus) == STDIN:
        return None
    n = 0
    units = iter_units(corpus, settings=settings, exclude=paths, follow_links=follow_links)
    for unit in units:
        if isinstance(unit, FileSource) and unit.format == "jsonl" or isinstance(unit, Document):
            return None
        n += 1
    return n


def _progress_bar(progress: bool, *, initial: int, total: int | None) -> Any:
    from tqdm import tqdm

    return tqdm(
        desc="extract",
        unit=" inputs",
        initial=initial,
        total=total,
        disable=not progress,
        file=sys.stderr,
        dynamic_ncols=True,
    )
