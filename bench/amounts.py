"""Throughput of the money-amount extractor over Reuters-21578, on one core.

usage: python bench/amounts.py [--corpus PATH] [--limit N] [--skip-cli]

PATH is a folder of .txt stories or the .tar.gz they come in (default:
../shared/corpora/reuters21578.tar.gz, read without unpacking). Prints MB/s of
`find_amounts` alone (texts already in memory) and of the `newsclaims amounts`
command with its start-up, fed one story per line as the conformance runs do.
Goals (issue 3): >= 5 MB/s and >= 2 MB/s.

Absolute figures move with the machine's load, so each is also measured against
a floor run side by side (issue 11): one compiled money regex over the same texts
(goal: find_amounts within 2x of it), and a Python process that runs that regex
per line and writes JSON lines (goal: the command within 2x of it, start-up
included). Both ratios are printed; lower is better.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The floor: one money regex of the usual kind (symbol or code, digits, scale, or
# digits, scale, unit word), compiled once, as a simple extractor would write it:
# case-insensitive, since headlines write "MLN DLRS".
SIMPLE_MONEY = (
    r"(?:[$€£¥₹]|\b(?:US\$|HK\$|A\$|C\$|USD|EUR|GBP|Rs\.?|Rmb)\s?)\d[\d,.]*"
    r"(?:\s?(?:mln|million|billion|bn|m|k|crore)\b)?"
    r"|\b\d[\d,.]*\s(?:mln|million|billion|bn)?\s?"
    r"(?:dlrs|dollars|euros|yen|yuan|stg|pounds|francs|marks|crowns|lire|rupees)\b"
)
_FLOOR_CLI = f"""
import json, re, sys
money = re.compile({SIMPLE_MONEY!r}, re.IGNORECASE)
out = sys.stdout
for line in sys.stdin:
    text = line.rstrip("\\n")
    found = [{{"text": m[0], "start": m.start(), "end": m.end()}} for m in money.finditer(text)]
    out.write(json.dumps({{"text": text, "amounts": found}}, ensure_ascii=False) + "\\n")
"""
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.tar.gz"


def read_corpus(path: Path, limit: int | None) -> list[str]:
    """Read the stories of a folder or a .tar.gz, in name order, at most `limit`."""
    if path.is_dir():
        files = sorted(path.rglob("*.txt"))[:limit]
        return [f.read_text(encoding="utf-8") for f in files]
    stories: dict[str, str] = {}
    with tarfile.open(path) as tar:  # read in archive order: a .tar.gz cannot seek back cheaply
        for member in tar:
            handle = tar.extractfile(member) if member.name.endswith(".txt") else None
            if handle is not None:
                stories[member.name] = handle.read().decode("utf-8")
    return [stories[name] for name in sorted(stories)[:limit]]


def bench_library(texts: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds `find_amounts` takes over `texts`, and the amounts found.

    CPU time is printed too because the machine may be shared: on a busy machine
    the wall clock also counts the time other processes held the core.
    """
    from pipeline.amounts.parse import find_amounts

    started, cpu_started = time.perf_counter(), time.process_time()
    found = sum(len(find_amounts(text)) for text in texts)
    return time.perf_counter() - started, time.process_time() - cpu_started, found


def bench_floor(texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one compiled money regex over `texts` (the floor)."""
    money = re.compile(SIMPLE_MONEY, re.IGNORECASE)
    started, cpu_started = time.perf_counter(), time.process_time()
    for text in texts:
        for _ in money.finditer(text):
            pass
    return time.perf_counter() - started, time.process_time() - cpu_started


def _run_lines(command: list[str], texts: list[str]) -> float:
    stdin = "".join(text.replace("\n", " ") + "\n" for text in texts).encode("utf-8")
    started = time.perf_counter()
    subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
    return time.perf_counter() - started


def bench_cli(texts: list[str]) -> float:
    """Seconds the `amounts` command takes, start-up included, one story per line."""
    return _run_lines([sys.executable, "-m", "pipeline", "amounts"], texts)


def bench_floor_cli(texts: list[str]) -> float:
    """Seconds a process running the floor regex per line and writing JSON lines takes."""
    return _run_lines([sys.executable, "-c", _FLOOR_CLI], texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="read at most N stories")
    parser.add_argument("--skip-cli", action="store_true", help="time the library only")
    args = parser.parse_args(argv)
    texts = read_corpus(args.corpus, args.limit)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"corpus: {len(texts)} stories, {megabytes:.2f} MB ({args.corpus})")
    floor, floor_cpu = bench_floor(texts)
    seconds, cpu, found = bench_library(texts)
    print(
        f"find_amounts: {megabytes / seconds:.2f} MB/s wall, {megabytes / cpu:.2f} MB/s CPU "
        f"({seconds:.2f} s, {found} amounts)"
    )
    print(
        f"one money regex: {megabytes / floor_cpu:.2f} MB/s CPU; "
        f"find_amounts / regex = {cpu / floor_cpu:.2f}x CPU (goal <= 2x)"
    )
    if not args.skip_cli:
        floor_cli = bench_floor_cli(texts)
        seconds = bench_cli(texts)
        rate = megabytes / seconds
        print(f"newsclaims amounts (with start-up): {rate:.2f} MB/s wall ({seconds:.2f} s)")
        print(
            f"regex-per-line process: {floor_cli:.2f} s; "
            f"newsclaims amounts / it = {seconds / floor_cli:.2f}x wall (goal <= 2x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
