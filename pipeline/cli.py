"""The `newsclaims` command: a thin layer over library functions.

Heavy modules (spaCy, pandas) are imported inside the sub-command that needs
them, so that `newsclaims amounts` starts fast.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path


def _currency_code(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise argparse.ArgumentTypeError(
            "--dollar must be an ISO 4217 code of three letters such as USD or CAD "
            f"({text!r} given)"
        )
    return code


def _run_amounts(args: argparse.Namespace) -> int:
    from pipeline.amounts import find_amounts

    # A line that is not UTF-8 still gives one output line (undecodable bytes
    # become U+FFFD), and only "\n" ends a line (a lone "\r" is text), as the
    # contract says: one line out per line in.
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(encoding="utf-8", errors="replace", newline="\n")
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    out = sys.stdout
    for line in sys.stdin:
        text = line.rstrip("\r\n")
        try:
            amounts = find_amounts(text, default_dollar=args.dollar)
        except Exception:  # noqa: BLE001 - the contract: never crash on any input line
            amounts = []
        rows = [a.model_dump() for a in amounts]
        out.write(json.dumps({"text": text, "amounts": rows}, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def _run_extract(args: argparse.Namespace) -> int:
    from pipeline.batch import extract_corpus_cli

    return extract_corpus_cli(args)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the `newsclaims` command."""
    parser = argparse.ArgumentParser(
        prog="newsclaims", description="Structured spending claims from news articles."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("amounts", help="money amounts of each stdin line, as JSON lines")
    p.add_argument("--dollar", type=_currency_code, default="USD", help="currency of a bare $")
    p.set_defaults(func=_run_amounts)

    p = sub.add_parser("extract", help="spending claims of a corpus folder, as JSONL")
    p.add_argument("corpus", help="a folder (read recursively), a file, or - for stdin")
    p.add_argument("-o", "--output", type=Path, required=True, help="the claims JSONL file")
    p.add_argument("--dollar", type=_currency_code, default="USD", help="currency of a bare $")
    p.add_argument("--date", default=None, help="default document date (YYYY-MM-DD)")
    p.set_defaults(func=_run_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `newsclaims` command with `argv` and return its exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
