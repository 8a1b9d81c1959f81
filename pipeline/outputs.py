"""The names of the files newsclaims writes, defined once.

`extract` writes a claims file (any name, `claims.jsonl` by convention) and three files
beside it whose names replace its suffix: `<stem>.docs.jsonl` (the articles read),
`<stem>.errors.jsonl` (inputs that failed, were skipped or read with an assumption) and
`<stem>.journal.jsonl` (the progress journal `--resume` continues from). The walk of a
corpus never reads a file with one of these endings back as an article, and the
analysis commands find the articles of a claims file in its docs file.

The rule every command follows (`check_output`, `atomic_output`): no command writes to a
path that is one of its inputs, inside its input corpus, or one of the files `extract`
writes beside a claims file; none replaces an existing file without `--overwrite`; and
the analysis commands write a temporary file beside the target and rename it into place,
so that a failure never leaves half a file (and an existing symlink is replaced, never
followed).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pipeline.errors import Errors, NewsclaimsError

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


def same_path(a: str | Path, b: str | Path) -> bool:
    """True when two paths name the same file (resolved, so links and ".." count).

    >>> same_path("out/../claims.jsonl", "claims.jsonl")
    True
    """
    a, b = Path(a), Path(b)
    with contextlib.suppress(OSError):
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def is_inside(path: str | Path, folder: str | Path) -> bool:
    """True when `path` is `folder` or lies anywhere under it (resolved).

    >>> is_inside("corpus/a/x.jsonl", "corpus"), is_inside("out/x.jsonl", "corpus")
    (True, False)
    """
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def check_output(
    out_path: str | Path,
    *,
    inputs: tuple[Path, ...] = (),
    overwrite: bool = False,
    example: str = "report.html",
) -> None:
    """Refuse an output path that a command must not write (raises NewsclaimsError).

    The output may not be a folder, nor one of the inputs, nor one of the files `extract`
    writes beside an input claims file, and an existing file is replaced only with
    `overwrite`.

    out_path (str | Path): The file the command would write.
    inputs (tuple[Path, ...]): The claims files the command reads.
    overwrite (bool): Whether an existing output may be replaced.
    example (str): A file name the message suggests when the output is a folder.
    """
    out = Path(out_path)
    if out.is_dir():
        raise NewsclaimsError(
            Errors.E106.format(role="Output path", path=str(out), example=example)
        )
    for claims in inputs:
        refuse_claims_files(out, claims)
    if (out.exists() or out.is_symlink()) and not overwrite:
        raise NewsclaimsError(Errors.E108.format(path=str(out)))


def refuse_claims_files(
    out: Path, claims: Path, error: type[NewsclaimsError] = NewsclaimsError
) -> None:
    """Raise E107 when `out` is the claims file `claims` or one of the files beside it.

    out (Path): The path a command would write.
    claims (Path): A claims file the command reads.
    error (type): The error class to raise.
    """
    siblings = output_paths(claims)
    names = {
        siblings.claims: "the input claims file",
        siblings.docs: "the documents file beside the input claims",
        siblings.errors: "the errors file beside the input claims",
        siblings.journal: "the journal beside the input claims",
    }
    for path, what in names.items():
        if same_path(out, path):
            raise error(Errors.E107.format(path=str(out), what=what))


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it when the block ends without error.

    A failure (an exception, a full disk) removes the temporary file and leaves `path`
    as it was; the rename replaces an existing symlink rather than writing through it.

    path (str | Path): The file to write.
    RETURNS (Iterator[Path]): The temporary file to write, for the length of the block.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; give it a normal file's mode
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
