"""The one ordered runner both engines use: order, a bounded window, recovery."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.run.engine import run_ordered


class Handle:
    def __init__(self, chunk: list[Any], log: list[int], fail: bool = False) -> None:
        self.chunk, self.log, self.fail = chunk, log, fail

    def result(self) -> list[Any]:
        self.log.append(-self.chunk[0])
        if self.fail:
            raise OSError("the pool broke")
        return self.chunk


def test_engine_run_ordered_keeps_order_and_bounds_work() -> None:
    log: list[int] = []

    def submit(chunk: list[Any]) -> Handle:
        log.append(chunk[0])
        return Handle(chunk, log)

    chunks = ([i] for i in range(1, 8))
    assert [r[0] for r in run_ordered(chunks, submit, window=3)] == list(range(1, 8))  # type: ignore[arg-type]
    in_flight = [
        sum(1 for x in log[: i + 1] if x > 0) - sum(1 for x in log[: i + 1] if x < 0)
        for i in range(len(log))
    ]
    assert max(in_flight) == 3


def test_engine_run_ordered_recovers_and_resubmits_the_chunks_in_flight() -> None:
    # Chunk 2 fails once (a broken pool): recover gives its results, and the chunks in
    # flight behind it are submitted again; the order of the results is unchanged.
    log: list[int] = []
    failed: set[int] = set()

    def submit(chunk: list[Any]) -> Handle:
        log.append(chunk[0])
        fail = chunk[0] == 2 and 2 not in failed
        failed.update(chunk if fail else ())
        return Handle(chunk, log, fail)

    def recover(chunk: list[Any], error: Exception) -> list[Any]:
        assert isinstance(error, OSError)
        return [c * 10 for c in chunk]

    got = run_ordered(([i] for i in range(1, 6)), submit, window=3, recover=recover)  # type: ignore[arg-type]
    assert [r[0] for r in got] == [1, 20, 3, 4, 5]
    assert log.count(3) == 2  # chunk 3 was in flight when chunk 2 failed: submitted again


def test_engine_run_ordered_raises_without_recover() -> None:
    def submit(chunk: list[Any]) -> Handle:
        return Handle(chunk, [], fail=True)

    with pytest.raises(OSError, match="the pool broke"):
        list(run_ordered([[1]], submit, window=2))  # type: ignore[arg-type]
