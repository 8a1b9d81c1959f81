"""Throughput of the money-amount extractor over Reuters-21578, on one core.

usage: python bench/amounts.py [--corpus PATH] [--limit N] [--skip-cli]

PATH is a folder of .txt stories or the .tar.gz they come in (default:
../shared/corpora/reuters21578.tar.gz, read without unpacking). Prints MB/s of
`find_amounts` alone (texts already in memory) and of the `newsclaims amounts`
command with its start-up, fed one story per line as the conformance runs do.
Goals (issue 3): >= 5 MB/s and >= 2 MB/s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def bench_cli(texts: list[str]) -> float:
    """Seconds the `amounts` command takes, start-up included, one story per line."""
    stdin = "".join(text.replace("\n", " ") + "\n" for text in texts).encode("utf-8")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pipeline", "amounts"],
        input=stdin,
        stdout=subprocess.DEVNULL,
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="read at most N stories")
    parser.add_argument("--skip-cli", action="store_true", help="time the library only")
    args = parser.parse_args(argv)
    texts = read_corpus(args.corpus, args.limit)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"corpus: {len(texts)} stories, {megabytes:.2f} MB ({args.corpus})")
    seconds, cpu, found = bench_library(texts)
    print(
        f"find_amounts: {megabytes / seconds:.2f} MB/s wall, {megabytes / cpu:.2f} MB/s CPU "
        f"({seconds:.2f} s, {found} amounts)"
    )
    if not args.skip_cli:
        seconds = bench_cli(texts)
        rate = megabytes / seconds
        print(f"newsclaims amounts (with start-up): {rate:.2f} MB/s wall ({seconds:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
