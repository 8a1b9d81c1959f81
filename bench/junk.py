"""Count spending claims whose subject or a source names nobody, over a corpus.

    python bench/junk.py /tmp/reuters/reuters21578 [--limit N] [--workers 2]

Runs `newsclaims extract` once, then audits every spending claim with `audit_name`, a
check written apart from the linker's own guard (`pipeline.link.names.junk_reason`), so
that it measures the guard instead of repeating it: pronouns and relatives, markup, dates,
units and wire abbreviations, names starting with a digit, and one-word lower-case
common nouns (sources may be the common nouns GUIDELINES.md lists: "officials", ...).
Prints the count, the share of spending claims and the most frequent offenders.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_PRONOUNS = set(
    "it its they them their he she his her him we our us i you which who whom whose that "
    "this these those one".split()
)
_UNITS = set(
    "qtr qtrs shr shrs mln bln pct dlrs dlr billion million trillion cts revs net avg".split()
)
_DATES = re.compile(
    r"^(?:(?:last|next|this)\s+(?:year|month|week|quarter)|\d{4}|year|quarter"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?)$",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"[\[\]{}<>|*#`\\]|https?:|www\.")
_SOURCE_NOUNS = set(
    "officials official analysts analyst economists economist reports report sources "
    "prospectus statement filing survey release government cabinet ministry executives "
    "bankers dealers traders spokesman spokeswoman spokesperson".split()
)


def audit_name(name: str, *, as_source: bool = False) -> str | None:
    """Why a subject or source name names nobody, or None."""
    low = " ".join(w for w in name.lower().split() if w not in ("the", "a", "an"))
    if not low:
        return "empty"
    if low in _PRONOUNS:
        return "pronoun"
    if _MARKUP.search(name):
        return "markup"
    if _DATES.match(low):
        return "date"
    if low.strip(".") in _UNITS or low[0].isdigit():
        return "unit"
    if " " not in low and name == name.lower() and not (as_source and low in _SOURCE_NOUNS):
        return "generic noun"
    return None


def audit(claims_path: Path) -> tuple[int, list[tuple[str, str, str]]]:
    """The number of spending claims and the (reason, role, name) of every bad name."""
    total = 0
    bad: list[tuple[str, str, str]] = []
    for line in claims_path.read_text(encoding="utf-8").splitlines():
        claim = json.loads(line)
        if claim.get("kind") != "spending":
            continue
        total += 1
        subject = (claim.get("subject") or {}).get("name")
        found = []
        if subject and (why := audit_name(subject)):
            found.append((why, "subject", subject))
        for source in claim.get("sources") or []:
            if why := audit_name(source["name"], as_source=True):
                found.append((why, "source", source["name"]))
        bad.extend(found[:1])  # a claim counts once
    return total, bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="first N files by name (0: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--python", default=sys.executable, help="interpreter to run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if args.limit:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            for path in sorted(args.corpus.iterdir())[: args.limit]:
                shutil.copy(path, corpus / path.name)
        out = Path(tmp) / "out" / "claims.jsonl"
        subprocess.run(
            [
                args.python,
                "-m",
                "pipeline",
                "extract",
                str(corpus),
                "-o",
                str(out),
                "--quiet",
                "--workers",
                str(args.workers),
            ],
            check=True,
        )
        total, bad = audit(out)
    share = len(bad) / total if total else 0.0
    print(f"spending claims: {total}; with a name that names nobody: {len(bad)} ({share:.1%})")
    for (why, role, name), n in collections.Counter(bad).most_common(15):
        print(f"  {n:5d}  {why:12s} {role:7s} {name!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
