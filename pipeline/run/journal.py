"""The crash-safe output of a run: whole JSONL lines, fsynced checkpoints, resumption.

A run writes three record files and a journal beside the claims file. Records are
appended whole lines at a time, in corpus order. Every `checkpoint_every` units or
CHECKPOINT_SECONDS, the three record files are flushed and fsynced, then a checkpoint
line (the keys of the units written since the last one and the three file sizes) is
appended to the journal and fsynced. Resuming cuts every file back to the sizes of the
last complete checkpoint, which removes any partial line and any record of a unit not
marked done, and returns the keys done: a crash, `kill -9` or power loss at any moment
loses at most the work since the last checkpoint, and never leaves a partial or
duplicate record behind.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import ErrorRecord
from pipeline.errors import Errors, NewsclaimsError
from pipeline.outputs import OutputPaths
from pipeline.run.work import UnitResult

logger = logging.getLogger(__name__)

CHECKPOINT_SECONDS = 2.0
_JOURNAL_VERSION = 1
_COUNT_OF = {"error": "errors", "skipped": "skipped", "warning": "warnings"}  # severity -> count


@dataclass
class Sink:
    """The open output files of a run and what has been written since the last checkpoint."""

    paths: OutputPaths
    files: dict[str, Any]  # binary files opened for appending
    pending: list[str] = field(default_factory=list)
    last_checkpoint: float = field(default_factory=time.monotonic)
    checkpoint_every: int = 500


@contextlib.contextmanager
def run_lock(paths: OutputPaths) -> Iterator[int]:
    """Hold a lock on a run's journal, so that a second run on the same output is refused.

    The lock goes with the process: a killed run leaves none behind. Forked children
    share it: they should close the descriptor, so that it dies with the parent.

    paths (OutputPaths): The run's files.
    RETURNS (Iterator[int]): The locked file descriptor, for the length of the context.
    """
    fd = os.open(paths.journal, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _flock(fd, paths)
        yield fd
    finally:
        os.close(fd)


def _flock(fd: int, paths: OutputPaths) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        raise NewsclaimsError(Errors.E307.format(path=str(paths.claims))) from e


def open_run(
    paths: OutputPaths, signature: dict[str, Any], *, resume: bool
) -> tuple[set[str], dict[str, int]]:
    # A fresh run truncates every output and starts a journal; a resumed one cuts every
    # file back to its last checkpoint and returns the keys done and the counts so far.
    counts = dict.fromkeys(("articles", "claims", "errors", "skipped", "warnings", "words"), 0)
    data = paths.journal.read_bytes() if resume and paths.journal.exists() else b""
    lines = data.split(b"\n")[:-1]  # the last element is a partial line or b""
    if not lines:  # a fresh run, or one that ended before its journal had a header
        if resume:
            logger.warning("no journal at %s: starting from the beginning", paths.journal)
        # The journal first: a kill between the two steps leaves a journal that vouches
        # for nothing, from which --resume starts over, never an older journal that
        # vouches for bytes the data files no longer hold.
        header = {"journal": _JOURNAL_VERSION, **signature}
        _write_synced(paths.journal, json.dumps(header).encode() + b"\n", mode="wb")
        for p in (paths.claims, paths.docs, paths.errors):
            p.write_bytes(b"")
        return set(), counts
    found = _json_line(lines[0])
    if found is None or found.get("journal") != _JOURNAL_VERSION:
        detail = "no header" if found is None else f"version {found.get('journal')!r}"
        raise NewsclaimsError(Errors.E304.format(path=str(paths.journal), detail=detail))
    old = {k: found.get(k) for k in signature}
    if old != signature:
        raise NewsclaimsError(
            Errors.E301.format(
                path=str(paths.journal), old=json.dumps(old), new=json.dumps(signature)
            )
        )
    done: set[str] = set()
    sizes = {"claims": 0, "docs": 0, "errors": 0}
    end = len(lines[0]) + 1
    for line in lines[1:]:
        entry = _json_line(line)
        if entry is None:
            break
        done.update(entry["done"])
        sizes = {k: int(entry[k]) for k in sizes}
        end += len(line) + 1
    _truncate(paths.journal, end, paths)
    for name, size in sizes.items():
        path: Path = getattr(paths, name)
        _truncate(path, size, paths)
    counts.update(_count_existing(paths))
    return done, counts


def _count_existing(paths: OutputPaths) -> dict[str, int]:
    counts = {"claims": _count_lines(paths.claims), "articles": _count_lines(paths.docs)}
    counts.update(dict.fromkeys(_COUNT_OF.values(), 0))
    with paths.errors.open("rb") as f:
        for line in f:
            record = ErrorRecord.model_validate_json(line)
            counts[_COUNT_OF[record.severity]] += 1
    return counts


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            n += block.count(b"\n")
    return n


def _truncate(path: Path, size: int, paths: OutputPaths) -> None:
    actual = path.stat().st_size if path.exists() else 0
    if actual < size:
        raise NewsclaimsError(
            Errors.E314.format(path=str(path), actual=actual, size=size, journal=str(paths.journal))
        )
    with path.open("r+b") as f:
        f.truncate(size)
        f.flush()
        os.fsync(f.fileno())


def open_sink(paths: OutputPaths, checkpoint_every: int) -> Sink:
    files = {
        "claims": paths.claims.open("ab"),
        "docs": paths.docs.open("ab"),
        "errors": paths.errors.open("ab"),
        "journal": paths.journal.open("ab"),
    }
    return Sink(paths=paths, files=files, checkpoint_every=checkpoint_every)


def write_result(sink: Sink, result: UnitResult, counts: dict[str, int]) -> None:
    files = sink.files
    for line in result.claims:
        files["claims"].write(line.encode("utf-8") + b"\n")
    if result.doc is not None:
        files["docs"].write(result.doc.encode("utf-8") + b"\n")
        counts["articles"] += 1
    for problem in result.problems:
        files["errors"].write(problem.model_dump_json().encode("utf-8") + b"\n")
        counts[_COUNT_OF[problem.severity]] += 1
    counts["claims"] += len(result.claims)
    counts["words"] += result.words
    sink.pending.append(result.key)
    if (
        len(sink.pending) >= sink.checkpoint_every
        or time.monotonic() - sink.last_checkpoint >= CHECKPOINT_SECONDS
    ):
        checkpoint(sink)


def journal_state(paths: OutputPaths) -> str:
    """What the journal beside a claims file says: "none", "unfinished" or "finished".

    "none": no journal, or one without a header (a run that wrote nothing yet);
    "finished": its last complete line marks the end of a run.

    paths (OutputPaths): The run's files.
    RETURNS (str): The state.
    """
    try:
        data = paths.journal.read_bytes()
    except FileNotFoundError:
        return "none"
    lines = [line for line in data.split(b"\n")[:-1] if _json_line(line) is not None]
    if not lines:
        return "none"
    last = _json_line(lines[-1]) or {}
    return "finished" if last.get("finished") else "unfinished"


def checkpoint(sink: Sink, *, finished: bool = False) -> None:
    """Flush and fsync the record files, then append the journal line that vouches for them.

    sink (Sink): The open files.
    finished (bool): This is the run's last checkpoint: the journal says the run ended.
    """
    # Data first, then the journal line that vouches for it.
    sizes = {}
    for name in ("claims", "docs", "errors"):
        f = sink.files[name]
        f.flush()
        os.fsync(f.fileno())
        sizes[name] = f.tell()
    entry: dict[str, Any] = {"done": sink.pending, **sizes}
    if finished:
        entry["finished"] = True
    journal = sink.files["journal"]
    journal.write(json.dumps(entry).encode() + b"\n")
    journal.flush()
    os.fsync(journal.fileno())
    sink.pending = []
    sink.last_checkpoint = time.monotonic()


def _write_synced(path: Path, data: bytes, *, mode: str) -> None:
    with path.open(mode) as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _json_line(line: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
