"""The names of the files newsclaims writes, defined once.

`extract` writes a claims file (any name, `claims.jsonl` by convention) and three files
beside it whose names replace its suffix: `<stem>.docs.jsonl` (the articles read),
`<stem>.errors.jsonl` (inputs that failed, were skipped or read with an assumption) and
`<stem>.journal.jsonl` (the progress journal `--resume` continues from). The walk of a
corpus never reads a file with one of these endings back as an article, and the
analysis commands find the articles of a claims file in its docs file.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

DOCS_SUFFIX = ".docs.jsonl"
ERRORS_SUFFIX = ".errors.jsonl"
JOURNAL_SUFFIX = ".journal.jsonl"
CLAIMS_SUFFIX = ".claims.jsonl"  # not required, but a claims file so named is never read back
# The tool's own outputs: never read back as input (compared in lower case).
OUTPUT_SUFFIXES = (CLAIMS_SUFFIX, DOCS_SUFFIX, ERRORS_SUFFIX, JOURNAL_SUFFIX)


class OutputPaths(NamedTuple):
    """The files one `extract` run writes."""

    claims: Path
    docs: Path
    errors: Path
    journal: Path


def output_paths(out_path: str | Path) -> OutputPaths:
    """The claims file and the docs, errors and journal files beside it.

    out_path (str | Path): The claims file.
    RETURNS (OutputPaths): The four paths.

    >>> output_paths("out/claims.jsonl").docs.as_posix()
    'out/claims.docs.jsonl'
    """
    out = Path(out_path)
    return OutputPaths(
        claims=out,
        docs=out.with_suffix(DOCS_SUFFIX),
        errors=out.with_suffix(ERRORS_SUFFIX),
        journal=out.with_suffix(JOURNAL_SUFFIX),
    )


def docs_path_for(claims_path: str | Path) -> Path:
    """The documents file that `extract` writes beside `claims_path`.

    claims_path (str | Path): e.g. out/claims.jsonl.
    RETURNS (Path): e.g. out/claims.docs.jsonl.

    >>> docs_path_for(Path("out/claims.jsonl")).as_posix()
    'out/claims.docs.jsonl'
    """
    return output_paths(claims_path).docs


def is_output_name(name: str) -> bool:
    """True for the name of a file newsclaims writes, which is never read as input.

    >>> is_output_name("run.errors.jsonl"), is_output_name("feed.jsonl")
    (True, False)
    """
    return name.lower().endswith(OUTPUT_SUFFIXES)
