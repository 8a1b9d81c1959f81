"""Error messages and exception types, kept in one place as spaCy keeps its own."""

from __future__ import annotations


class NewsclaimsError(ValueError):
    """Bad input or configuration given to newsclaims."""


class InputError(NewsclaimsError):
    """An article or corpus that cannot be read."""


class Errors:
    """Message templates; format them with `.format(**kwargs)`."""

    E001 = "Unknown currency code {code!r}: give an ISO 4217 code of three capital letters."
    E002 = "Corpus path {path!r} does not exist."
    E003 = "Output file {path!r} is also inside the corpus; choose another output path."

    # Analysis side (issue 6): exports, consolidation, report.
    E101 = "Line {line} of {path!r} is not a valid claim record: {error}"
    E102 = "Line {line} of {path!r} is not a valid document record: {error}"
    E103 = (
        "Cannot tell the export format of {path!r}: give --format parquet, csv, spans or "
        "labelstudio, "
        "or an output ending in .parquet or .csv."
    )
    E104 = "--tolerance must be a fraction between 0 and 1 such as 0.1 ({value!r} given)."
    E105 = "Claims file {path!r} does not exist."
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
