"""Error messages and exception types, kept in one place as spaCy keeps its own.

Every message a user can see lives here, under a code. As in spaCy, reading a message
from `Errors` prefixes its code: `Errors.E305` is "[E305] Output path ...", so the code
travels with the message to the terminal and into bug reports. Codes: E0xx the amounts
and the command line's arguments, E1xx the analysis side (exports, consolidation,
report), E3xx ingestion and the batch runner.
"""

from __future__ import annotations

from typing import Any


class NewsclaimsError(ValueError):
    """Bad input or configuration given to newsclaims."""


class InputError(NewsclaimsError):
    """An article or corpus that cannot be read."""


class NothingToReadError(InputError):
    """A corpus that holds no file newsclaims reads (the command exits with status 1)."""


class _ErrorsWithCodes(type):
    # spaCy's ErrorsWithCodes: an attribute read through the class carries its code.
    def __getattribute__(cls, code: str) -> Any:
        msg = super().__getattribute__(code)
        if code.startswith("_") or not isinstance(msg, str):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=_ErrorsWithCodes):
    """Message templates; format them with `.format(**kwargs)`.

    >>> Errors.E306
    '[E306] --scheduler needs --engine dask.'
    """

    E001 = "Unknown currency code {code!r}: give an ISO 4217 code such as USD, CAD or EUR."
    E002 = "Corpus path {path!r} does not exist."
    # The command line's argument checks (argparse prints them after the option's name).
    E010 = "expected a whole number of at least 1 ({text!r} given)"
    E011 = "expected a date as YYYY-MM-DD ({text!r} given)"
    E012 = "expected a number of seconds, at least 0 (0: no limit) ({text!r} given)"
    E013 = (
        "expected the address of a running Dask scheduler such as tcp://127.0.0.1:8786 "
        "({text!r} given)"
    )
    # The spaCy component.
    E020 = (
        "The component {name!r} needs a dependency parse and the document has none: add a "
        "parser before it in the pipeline (en_core_web_sm has one), not spacy.blank()."
    )

    # Analysis side (issue 6): exports, consolidation, report.
    E101 = "Line {line} of {path!r} is not a valid claim record: {error}"
    E102 = "Line {line} of {path!r} is not a valid document record: {error}"
    E103 = (
        "Cannot tell the export format of {path!r}: give --format parquet, csv, spans or "
        "labelstudio, or an output ending in .parquet or .csv."
    )
    E104 = "--tolerance must be a fraction between 0 and 1 such as 0.1 ({value!r} given)."
    E105 = "Claims file {path!r} does not exist."
    E106 = "{role} {path!r} is a folder; give a file such as {example}."
    E107 = "Refusing to write {path!r}: it is {what}; choose another output path."
    E108 = "{path!r} exists; give --overwrite to replace it, or choose another output path."
    E109 = (
        "The report is a folder of pages: give -o a folder such as out/report, not the file "
        "{path!r}."
    )
    E110 = (
        "Folder {path!r} holds other files and is not an earlier report; give a new or empty "
        "folder (a report replaces its folder)."
    )

    # Ingestion and the batch runner (issues 4 and 5): E3xx.
    E301 = (
        "Cannot resume: {path!r} was written with other settings ({old}); now {new}. "
        "Run again without --resume, or with the same settings."
    )
    E302 = "workers must be at least 1 ({workers} given)."
    E303 = "engine must be 'local' or 'dask' ({engine!r} given)."
    E304 = "Cannot resume: the journal {path!r} is not a newsclaims journal ({detail})."
    E305 = "Output path {path!r} is a folder; give a file such as claims.jsonl."
    E306 = "--scheduler needs --engine dask."
    E307 = "Another run is writing {path!r} now; wait for it, or choose another output."
    E308 = (
        "{path!r} holds the journal of an unfinished run: --resume continues it, "
        "--overwrite starts again from the beginning."
    )
    E309 = "No articles in {path!r}: newsclaims reads {suffixes} files, and none was found{extra}."
    E310 = (
        "Cannot reach the Dask scheduler at {address!r} ({error}); start one there, or "
        "leave out --scheduler for a local cluster."
    )
    E311 = (
        "No space left on the device while writing {path!r}: the run stopped and what was "
        "checkpointed is kept; free some room, then run again with --resume to continue."
    )
    E313 = (
        "Refusing to write {path!r}: it is a symbolic link (to {target!r}), and newsclaims "
        "never writes through one; remove it, or choose another output path."
    )
    E314 = (
        "Cannot resume: {path!r} holds {actual} bytes, fewer than the {size} that the journal "
        "{journal!r} vouches for (was it changed or lost?); --overwrite starts again."
    )
    E312 = (
        "{path!r} exists and was not written by newsclaims extract (no journal beside it); "
        "give --overwrite to replace it, or choose another output path."
    )


class Warnings(metaclass=_ErrorsWithCodes):
    """Messages that do not stop a command; read through the class, they carry their code."""

    W001 = "interrupted; --resume continues the run"
    W002 = (
        "--timeout is not enforced with --engine dask (Dask runs articles in threads, "
        "where no timer can stop them); articles there have no time limit"
    )
