"""What every engine is: a function from chunks of units to their results, in order.

`Engine` is the Protocol the corpus loop (`pipeline.run.batch`) talks to; the local
engine (`pipeline.run.local`) and the Dask engine (`pipeline.run.dask_engine`) implement
it, and both keep their results in corpus order with the one `run_ordered` below.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from pipeline.ingest.units import Unit
from pipeline.run.work import UnitResult


class Engine(Protocol):
    """Runs chunks of units and yields one list of results per chunk, in chunk order.

    Used as a context manager: entering starts what the engine needs (a Dask client
    connects then), before the run touches any output, so that a scheduler that cannot be
    reached is reported with the outputs as they were; leaving releases it.
    """

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...

    def run(
        self, chunks: Iterator[list[Unit]], *, lock: int | None = None
    ) -> Iterator[list[UnitResult]]:
        """Process `chunks`; results come back in the order the chunks were given.

        lock (int | None): The run's lock descriptor, which a forked worker must close.
        """
        ...


class Handle(Protocol):
    """A chunk in flight: `.result()` waits for it (a Future)."""

    def result(self) -> list[UnitResult]: ...


# Called with a chunk whose handle raised, and the exception: returns the chunk's results
# (after, say, replacing a broken pool), or raises. The chunks still in flight are then
# submitted again, since the failure may have lost them too.
Recover = Callable[[list[Unit], Exception], list[UnitResult]]


def run_ordered(
    chunks: Iterable[list[Unit]],
    submit: Callable[[list[Unit]], Handle],
    *,
    window: int,
    recover: Recover | None = None,
) -> Iterator[list[UnitResult]]:
    """Submit chunks with at most `window` in flight and yield their results in order.

    chunks (Iterable[list[Unit]]): The chunks, in corpus order.
    submit (Callable): Starts a chunk; returns a handle whose `.result()` waits for it.
    window (int): Most chunks in flight: bounds memory however long the corpus.
    recover (Recover | None): Gives the results of a chunk whose handle raised; the
        exception propagates when None.
    RETURNS (Iterator[list[UnitResult]]): Results in the order of `chunks`.
    """
    pending: deque[tuple[list[Unit], Handle]] = deque()

    def resolve() -> list[UnitResult]:
        chunk, handle = pending.popleft()
        if recover is None:
            return handle.result()
        try:
            return handle.result()
        except Exception as e:  # noqa: BLE001 - recover decides, and re-raises what it can't mend
            results = recover(chunk, e)
        for i, (other, _) in enumerate(pending):
            pending[i] = (other, submit(other))
        return results

    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            yield resolve()
    while pending:
        yield resolve()
