"""The per-article work of a run: read a chunk of units, extract each, catch each failure.

A leaf module: the engines (`pipeline.run.local`, `pipeline.run.dask_engine`) call
`process_units` in their workers, and nothing here knows about engines, journals or
output files. One bad article becomes an error record; it never stops the chunk.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language

from models import Claim, DocRecord, Document, ErrorRecord, Settings
from pipeline.ingest.sources import read_source
from pipeline.ingest.units import FileSource, Unit, unit_key

logger = logging.getLogger(__name__)

ExtractFn = Callable[[Document, Language, Settings], list[Claim]]
ExtractManyFn = Callable[[Sequence[Document], Language, Settings], Sequence[list[Claim]]]

WORKER_DIED = (
    "the worker process died on this article (killed for memory, or a crash in compiled code)"
)


class Extractor(NamedTuple):
    """The extraction functions a run uses; picklable when both are module-level."""

    one: ExtractFn
    many: ExtractManyFn | None = None
    timeout: float | None = None  # seconds per article


class UnitResult(NamedTuple):
    """What one unit of work produced, serialised by the worker that did it."""

    key: str
    claims: tuple[str, ...]  # Claim JSON, one per line
    doc: str | None  # DocRecord JSON, None when no article was read
    problems: tuple[ErrorRecord, ...]
    words: int


class ArticleTimeout(Exception):
    """An article took longer than the run's per-article time limit."""


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
        Enforced with SIGALRM, so only in a process's main thread (not on Dask). Per
        article, whatever the chunk: a batch that takes longer than the limit as a whole
        is redone one article at a time, each under the limit, so that whether an article
        times out never depends on its neighbours (nor on where a resumed run cut chunks).
    RETURNS (list[UnitResult]): One result per unit, in order.
    """
    read = [_read_unit(unit, settings=settings) for unit in units]
    docs = [r.doc for r in read if r.doc is not None]
    found: list[list[Claim] | str] | None = None
    if extract_many is not None and docs:
        try:
            with _time_limit(timeout):
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


def died_result(unit: Unit) -> UnitResult:
    """The result of a unit whose worker process died while working on it.

    unit (Unit): The unit.
    RETURNS (UnitResult): An error record saying so (or the unit's own error record).
    """
    if isinstance(unit, ErrorRecord):
        return UnitResult(unit_key(unit), (), None, (unit,), 0)
    return UnitResult(unit_key(unit), (), None, (_unit_error(unit, WORKER_DIED),), 0)


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
        source_map=doc.source_map,
    )
    lines = tuple(c.model_dump_json() for c in claims)
    return UnitResult(read.key, lines, record.model_dump_json(), problems, len(doc.text.split()))


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
