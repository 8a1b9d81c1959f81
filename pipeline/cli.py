"""The `newsclaims` command: a thin layer over library functions.

Heavy modules (spaCy, pandas) are imported inside the sub-command that needs
them, so that `newsclaims amounts` starts fast.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_TIMEOUT = 300.0  # seconds per article, local engine


def _currency_code(text: str) -> str:
    from pipeline.amounts.codes import is_currency_code
    from pipeline.errors import Errors

    code = text.strip().upper()
    if not is_currency_code(code):
        raise argparse.ArgumentTypeError(Errors.E001.format(code=text))
    return code


def _seconds(text: str) -> float:
    import math

    from pipeline.errors import Errors

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value >= 0 and math.isfinite(value)):  # NaN fails both
        raise argparse.ArgumentTypeError(Errors.E012.format(text=text))
    return value


# A Dask scheduler address: an optional protocol, a host, and a port.
_SCHEDULER = (
    r"(?:(?:tcp|tls|ucx|ws|wss)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(?P<port>\d{1,5})"
)


def _scheduler_address(text: str) -> str:
    import re

    from pipeline.errors import Errors

    match = re.fullmatch(_SCHEDULER, text.strip())
    if match is None or not 0 < int(match["port"]) < 65536:
        raise argparse.ArgumentTypeError(Errors.E013.format(text=text))
    return text.strip()


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
    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    if args.engine == "dask" and args.timeout:
        from pipeline.errors import Warnings

        print(f"newsclaims extract: {Warnings.W002}", file=sys.stderr)
    settings = Settings(
        default_dollar=args.dollar,
        default_date=date,
        max_chars=args.max_chars,
        parse_all=args.parse_all,
        text_column=args.text_column,
        id_column=args.id_column,
        date_column=args.date_column,
        url_column=args.url_column,
    )
    summary = extract_corpus(
        args.corpus,
        args.output,
        settings=settings,
        workers=args.workers,
        resume=args.resume,
        overwrite=args.overwrite,
        follow_links=args.follow_links,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=False if args.quiet else None,
        timeout=timeout or None,
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
    from pipeline.errors import NewsclaimsError, NothingToReadError, Warnings

    try:
        return extract_corpus_cli(args)
    except NothingToReadError as e:  # not a usage mistake: the corpus holds nothing to read
        print(f"newsclaims extract: {e}", file=sys.stderr)
        return 1
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
        n = export_claims(args.claims, args.output, fmt=fmt, overwrite=args.overwrite)
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
        facts = consolidate_file(
            args.claims, args.output, tolerance=args.tolerance, overwrite=args.overwrite
        )
    except NewsclaimsError as e:
        print(f"newsclaims consolidate: {e}", file=sys.stderr)
        return 2
    disputed = sum(f.disputed for f in facts)
    copies = sum(len(f.values) - f.independent_reports for f in facts)
    print(
        f"{len(facts)} facts ({disputed} disputed; {copies} values are copies of another "
        f"article's report) written to {args.output}"
    )
    return 0


def _run_report(args: argparse.Namespace) -> int:
    from pipeline.analyse.report import write_report
    from pipeline.errors import NewsclaimsError

    try:
        summary = write_report(
            args.claims,
            args.output,
            tolerance=args.tolerance,
            progress=False if args.quiet else None,
            overwrite=args.overwrite,
        )
    except NewsclaimsError as e:
        print(f"newsclaims report: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(
            f"report of {summary.n_claims} claims from {summary.n_articles} articles "
            f"({summary.n_spenders} spenders, {summary.n_pages} pages) written to "
            f"{args.output}; open {summary.overview}"
        )
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
    _add_overwrite(p)


def _add_overwrite(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an existing output (never an input, nor a file extract wrote beside it)",
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsclaims")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of the `newsclaims` command."""
    parser = argparse.ArgumentParser(
        prog="newsclaims", description="Structured spending claims from news articles."
    )
    parser.add_argument("--version", action="version", version=f"newsclaims {_version()}")
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
    again = p.add_mutually_exclusive_group()
    again.add_argument(
        "--resume", action="store_true", help="continue a run that stopped, from its journal"
    )
    again.add_argument(
        "--overwrite",
        action="store_true",
        help="replace existing outputs, or start an unfinished run again from the beginning",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    p.add_argument(
        "--follow-links",
        action="store_true",
        help="read symbolic links whose targets lie outside the corpus (never /proc, /sys, /dev)",
    )
    p.add_argument(
        "--max-chars",
        type=_positive_int,
        default=2_000_000,
        help="longest article text read; longer ones are cut there and reported",
    )
    p.add_argument("--parse-all", action="store_true", help="parse whole articles with spaCy")
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        help="seconds one article may take before it is given up with an error record "
        f"(local engine; 0: no limit; default {DEFAULT_TIMEOUT:g})",
    )
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument(
        "--scheduler",
        type=_scheduler_address,
        default=None,
        help="address of a running Dask scheduler such as tcp://127.0.0.1:8786 (--engine dask)",
    )
    p.add_argument("--text-column", default="text", help="the article text of .parquet/.csv rows")
    p.add_argument("--id-column", default=None, help="row ids (default: the row number, 1-based)")
    p.add_argument("--date-column", default=None, help="row dates (ISO dates or timestamps)")
    p.add_argument("--url-column", default=None, help="row URLs")
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
    _add_overwrite(p)
    p.set_defaults(func=_run_export)

    p = sub.add_parser(
        "consolidate",
        help="group claims across articles into facts, as JSONL",
        description=docs_note,
    )
    _add_fact_arguments(p, output_help="the facts JSONL file")
    p.set_defaults(func=_run_consolidate)

    p = sub.add_parser(
        "report",
        help="a self-contained folder of HTML pages on the claims (open its index.html)",
        description=docs_note,
    )
    _add_fact_arguments(p, output_help="the report folder (an earlier report: --overwrite)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=_run_report)
    p = sub.add_parser("schema", help="the JSON Schema of a claim record")
    p.set_defaults(func=_run_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `newsclaims` command with `argv` and return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`newsclaims amounts | head -1`): stop quietly, as Unix tools
        # do, with SIGPIPE's status; stdout goes to /dev/null so that the interpreter's
        # last flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13
    return status


if __name__ == "__main__":
    sys.exit(main())
