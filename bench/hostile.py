"""Time the regex stages on hostile input: amounts, sentences, periods, the plan.

usage: python bench/hostile.py [--limit SECONDS]

These stages see every byte of every article, so each must finish in bounded time
whatever the input: a pattern that backtracks catastrophically takes minutes on these.
Prints the seconds each case takes and exits 1 when one takes longer than --limit
(default 10 s on this project's 2-core machines; each takes well under a second).
The unit tests check what these stages return on the same inputs, not how long they take.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import Document, Settings  # noqa: E402
from pipeline.amounts.parse import find_amounts  # noqa: E402
from pipeline.link.linker import plan_document  # noqa: E402
from pipeline.text.periods import find_periods  # noqa: E402
from pipeline.text.sentences import split_sentences  # noqa: E402

AMOUNTS = {
    "digits": "9" * 100_000,
    "dollar-signs": "$" * 50_000,
    "long-number": "$1" + "0" * 100_000 + " mln dlrs",
    "separators": "1,000," * 20_000 + " dlrs",
    "betweens": "between " * 20_000,
    "words": "one " * 50_000 + "dollars",
    "1MB-line": "It will spend over 200 billion yuan (roughly $30 billion) on 8,000 H100s. "
    * 14_000,
}
PLAN = {
    "100k digits": "1" * 100_000,
    "50k dollar signs": "$" * 50_000,
    "1 MB line": ("spend $5bn in fiscal 2025 on capex " * 30_000)[:1_000_000],
    "dots and capitals": ". A" * 100_000,
    "years": "1987/88 " * 50_000,
    "newlines and indents": "\n    x" * 100_000,
}


def _plan(text: str) -> None:
    split_sentences(text)
    find_periods(text, doc_date=dt.date(1987, 3, 1))
    plan_document(Document(id="x", text=text), Settings())


def timed(cases: dict[str, str], run: Callable[[str], object]) -> dict[str, float]:
    """Seconds `run` takes on each case."""
    seconds = {}
    for name, text in cases.items():
        started = time.perf_counter()
        run(text)
        seconds[name] = time.perf_counter() - started
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=10.0, help="most seconds per case")
    args = parser.parse_args()
    results = {f"amounts {k}": v for k, v in timed(AMOUNTS, find_amounts).items()}
    results |= {f"plan {k}": v for k, v in timed(PLAN, _plan).items()}
    for name, seconds in results.items():
        print(f"{name:32} {seconds:8.3f} s")
    slow = [name for name, seconds in results.items() if seconds > args.limit]
    if slow:
        print(f"over {args.limit:g} s: {', '.join(slow)}", file=sys.stderr)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
