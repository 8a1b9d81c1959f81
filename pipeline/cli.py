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
    from pipeline.errors import Errors

    code = text.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise argparse.ArgumentTypeError(Errors.E001.format(code=text))
    return code


def _run_amounts(args: argparse.Namespace) -> int:
    from pipeline.amounts.parse import find_amounts

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


def extract_corpus_cli(args: argparse.Namespace) -> int:
    """Run `newsclaims extract` from parsed arguments, print its summary, return the status.

    args (argparse.Namespace): Parsed by `build_parser`.
    RETURNS (int): 0 when no article failed with severity "error", 1 otherwise.
    """
    import datetime as dt

    from models import Settings
    from pipeline.outputs import output_paths
    from pipeline.run.batch import extract_corpus

    date = dt.date.fromisoformat(args.date) if args.date else None
    settings = Settings(
        default_dollar=args.dollar,
        default_date=date,
        max_chars=args.max_chars,
        parse_all=args.parse_all,
    )
    summary = extract_corpus(
        args.corpus,
        args.output,
        settings=settings,
        workers=args.workers,
        resume=args.resume,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=False if args.quiet else None,
        timeout=args.timeout or None,
    )
    if not args.quiet:
        paths = output_paths(args.output)
        print(
            f"{summary.articles} articles, {summary.claims} claims, {summary.errors} errors, "
            f"{summary.skipped} skipped, {summary.warnings} warnings"
            + (f" ({summary.resumed} units done before)" if summary.resumed else "")
            + f" in {summary.seconds:.1f}s: {paths.claims}, {paths.docs.name}, "
            f"{paths.errors.name}",
            file=sys.stderr,
        )
    return 0 if summary.ok else 1


def _run_extract(args: argparse.Namespace) -> int:
    from pipeline.errors import NewsclaimsError, Warnings

    try:
        return extract_corpus_cli(args)
    except NewsclaimsError as e:
        print(f"newsclaims extract: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"newsclaims extract: {Warnings.W001}", file=sys.stderr)
        return 130


def _run_schema(args: argparse.Namespace) -> int:
    from models import Claim

    print(json.dumps(Claim.model_json_schema(), indent=2))
    return 0


def _positive_int(text: str) -> int:
    from pipeline.errors import Errors

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(Errors.E010.format(text=text))
    return value


def _iso_date(text: str) -> str:
    import datetime as dt

    from pipeline.errors import Errors

    try:
        dt.date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(Errors.E011.format(text=text)) from e
    return text


def _tolerance(text: str) -> float:
    import math

    from pipeline.errors import Errors

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 1:  # NaN too
        raise argparse.ArgumentTypeError(Errors.E104.format(value=text))
    return value


def _run_export(args: argparse.Namespace) -> int:
    from pipeline.analyse.export import export_claims, export_format
    from pipeline.errors import NewsclaimsError

    try:
        fmt = export_format(args.output, args.format)
        n = export_claims(args.claims, args.output, fmt=fmt)
    except NewsclaimsError as e:
        print(f"newsclaims export: {e}", file=sys.stderr)
        return 2
    unit = "articles" if fmt in ("spans", "labelstudio") else "claims"
    print(f"{n} {unit} written to {args.output} ({fmt})")
    return 0


def _run_consolidate(args: argparse.Namespace) -> int:
    from pipeline.analyse.consolidate import consolidate_file
    from pipeline.errors import NewsclaimsError

    try:
        facts = consolidate_file(args.claims, args.output, tolerance=args.tolerance)
    except NewsclaimsError as e:
        print(f"newsclaims consolidate: {e}", file=sys.stderr)
        return 2
    disputed = sum(f.disputed for f in facts)
    print(f"{len(facts)} facts ({disputed} disputed) written to {args.output}")
    return 0


def _run_report(args: argparse.Namespace) -> int:
    from pipeline.analyse.report import write_report
    from pipeline.errors import NewsclaimsError

    try:
        n_claims, n_docs = write_report(args.claims, args.output, tolerance=args.tolerance)
    except NewsclaimsError as e:
        print(f"newsclaims report: {e}", file=sys.stderr)
        return 2
    print(f"report of {n_claims} claims from {n_docs} articles written to {args.output}")
    return 0


def _add_fact_arguments(p: argparse.ArgumentParser, *, output_help: str) -> None:
    """The arguments `consolidate` and `report` share: claims, output, tolerance."""
    p.add_argument("claims", type=Path, help="a claims JSONL file written by extract")
    p.add_argument("-o", "--output", type=Path, required=True, help=output_help)
    p.add_argument(
        "--tolerance",
        type=_tolerance,
        default=0.1,
        help="values differing by more than this fraction make a fact disputed (default 0.1)",
    )


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
    p.add_argument(
        "--date", type=_iso_date, default=None, help="default document date (YYYY-MM-DD)"
    )
    p.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        help="worker processes (or Dask workers of a new LocalCluster); default: the cores",
    )
    p.add_argument(
        "--resume", action="store_true", help="continue a run that stopped, from its journal"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    p.add_argument(
        "--max-chars",
        type=_positive_int,
        default=2_000_000,
        help="longest article text read; longer ones are cut there and reported",
    )
    p.add_argument("--parse-all", action="store_true", help="parse whole articles with spaCy")
    p.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help="seconds one article may take before it is given up with an error record "
        "(local engine; 0: no limit; default 300)",
    )
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument(
        "--scheduler", default=None, help="address of a running Dask scheduler (--engine dask)"
    )
    p.set_defaults(func=_run_extract)

    docs_note = "article texts and dates come from the .docs.jsonl file beside CLAIMS"
    p = sub.add_parser(
        "export", help="claims as Parquet, CSV or review spans JSONL", description=docs_note
    )
    p.add_argument("claims", type=Path, help="a claims JSONL file written by extract")
    p.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    p.add_argument(
        "--format",
        choices=["parquet", "csv", "spans", "labelstudio"],
        default=None,
        help="default: from the output suffix (.parquet, .csv); spans: JSONL, one record "
        "per article (Prodigy, doccano); labelstudio: a JSON list of tasks with predictions",
    )
    p.set_defaults(func=_run_export)

    p = sub.add_parser(
        "consolidate",
        help="group claims across articles into facts, as JSONL",
        description=docs_note,
    )
    _add_fact_arguments(p, output_help="the facts JSONL file")
    p.set_defaults(func=_run_consolidate)

    p = sub.add_parser(
        "report", help="one self-contained HTML report of the claims", description=docs_note
    )
    _add_fact_arguments(p, output_help="the HTML file")
    p.set_defaults(func=_run_report)
    p = sub.add_parser("schema", help="the JSON Schema of a claim record")
    p.set_defaults(func=_run_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `newsclaims` command with `argv` and return its exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
