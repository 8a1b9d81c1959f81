"""Claims as a table: read claim and document JSONL, flatten claims into typed rows.

`load_claims` turns `claims.jsonl` into a pandas DataFrame with one row per
claim and flat typed columns (the fields of `models.ClaimRow`), US dollar
values included. The article texts are read from the `<stem>.docs.jsonl` file
that `newsclaims extract` writes beside its output, so no corpus is needed.
Exports of this table (Parquet, CSV, review spans) live in `pipeline.analyse.export`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from models import Claim, ClaimRow, DocRecord
from pipeline.analyse.fx import claim_usd
from pipeline.errors import Errors, InputError
from pipeline.outputs import docs_path_for

logger = logging.getLogger(__name__)

LIST_COLUMNS = ("sources", "flags", "evidence", "equivalents", "rules")
# Nullable pandas dtypes, so that a missing year stays <NA> and an int; list
# columns hold Python lists (object); Parquet stores them as list<string>.
_DTYPES: dict[str, str] = {
    **{
        name: "string"
        for name in (
            "doc_id", "claim_id", "kind", "subject", "item", "amount_text", "currency",
            "qualifier", "period_text", "year_basis", "usd_reason", "usd_stated",
        )
    },
    **{
        name: "Int64"
        for name in (
            "subject_start", "subject_end", "amount_start", "amount_end", "year",
            "evidence_start", "evidence_end", "rate_year",
        )
    },
    **{
        name: "Float64"
        for name in (
            "value", "min", "max", "change_pct", "confidence", "value_usd", "min_usd",
            "max_usd", "usd_rate",
        )
    },
    "doc_date": "datetime64[ms]",
}  # fmt: skip


def read_claims(path: Path) -> list[Claim]:
    """Read a claims JSONL file into Claim models.

    path (Path): one JSON claim record per line; blank lines are skipped.
    RETURNS (list[Claim]): the claims in file order.
    """
    if not path.exists():
        raise InputError(Errors.E105.format(path=str(path)))
    if path.is_dir():
        raise InputError(
            Errors.E106.format(role="Claims file", path=str(path), example="out/claims.jsonl")
        )
    claims = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                claims.append(Claim.model_validate_json(line))
            except ValidationError as e:
                raise InputError(Errors.E101.format(line=number, path=str(path), error=e)) from e
    return claims


def read_docs(path: Path) -> dict[str, DocRecord]:
    """Read a documents JSONL file, keyed by doc_id; {} when there is none.

    Fields that DocRecord does not know (path, sha256, ...) are ignored, so
    that a richer documents file from a later `extract` still reads.

    path (Path): one JSON document record per line.
    RETURNS (dict[str, DocRecord]): the documents by doc_id.
    """
    if not path.exists():
        logger.warning("no documents file %s: article texts and dates unknown", path)
        return {}
    known = set(DocRecord.model_fields)
    docs: dict[str, DocRecord] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                doc = DocRecord.model_validate({k: v for k, v in raw.items() if k in known})
            except (ValueError, AttributeError) as e:
                raise InputError(Errors.E102.format(line=number, path=str(path), error=e)) from e
            docs[doc.doc_id] = doc
    return docs


def claim_row(claim: Claim, doc: DocRecord | None = None) -> ClaimRow:
    """Flatten one claim, with its USD value, into a table row.

    claim (Claim): the claim record.
    doc (DocRecord | None): its document, for the date (the fallback year).
    RETURNS (ClaimRow): the row.
    """
    amount, period, subject = claim.amount, claim.period, claim.subject
    year = period.year if period else None
    doc_date = doc.date if doc else None
    doc_year = doc_date.year if doc_date else None
    usd = (
        claim_usd(amount, claim.equivalents, year=year, doc_year=doc_year)
        if amount is not None
        else None
    )
    first = claim.evidence[0] if claim.evidence else None
    return ClaimRow(
        doc_id=claim.doc_id,
        claim_id=claim.claim_id,
        kind=claim.kind,
        subject=subject.name if subject else None,
        subject_start=subject.start if subject else None,
        subject_end=subject.end if subject else None,
        item=claim.item,
        amount_text=amount.text if amount else None,
        amount_start=amount.start if amount else None,
        amount_end=amount.end if amount else None,
        value=amount.value if amount else None,
        min=amount.min if amount else None,
        max=amount.max if amount else None,
        currency=amount.currency if amount else None,
        qualifier=amount.qualifier if amount else None,
        change_pct=claim.change_pct,
        year=year,
        period_text=period.text if period else None,
        sources=tuple(source.name for source in claim.sources),
        flags=claim.flags,
        evidence=tuple(ev.sentence for ev in claim.evidence),
        evidence_start=first.start if first else None,
        evidence_end=first.end if first else None,
        equivalents=tuple(eq.text for eq in claim.equivalents),
        confidence=claim.confidence,
        rules=claim.rules,
        doc_date=doc_date,
        value_usd=usd.value_usd if usd else None,
        min_usd=usd.min_usd if usd else None,
        max_usd=usd.max_usd if usd else None,
        usd_rate=usd.rate if usd else None,
        rate_year=usd.rate_year if usd else None,
        year_basis=usd.year_basis if usd else None,
        usd_reason=usd.reason if usd else "a change record has no amount",
        usd_stated=usd.stated if usd else None,
    )


def claims_frame(claims: Iterable[Claim], docs: Mapping[str, DocRecord]) -> pd.DataFrame:
    """A DataFrame of claims, one row per claim, with the ClaimRow columns and dtypes.

    claims (Iterable[Claim]): the claims.
    docs (Mapping[str, DocRecord]): their documents by doc_id (may be empty).
    RETURNS (pd.DataFrame): the table.
    """
    rows = [claim_row(c, docs.get(c.doc_id)).model_dump() for c in claims]
    frame = pd.DataFrame(rows, columns=list(ClaimRow.model_fields))
    for name in LIST_COLUMNS:
        frame[name] = pd.Series([list(v) for v in frame[name]], index=frame.index, dtype=object)
    return frame.astype(_DTYPES)


def load_claims(path: str | Path) -> pd.DataFrame:
    """Load a claims JSONL file as a DataFrame, one row per claim.

    The documents file beside it (`<stem>.docs.jsonl`) gives the dates used
    as the fallback year of the USD conversion.

    path (str | Path): the claims JSONL file.
    RETURNS (pd.DataFrame): flat typed columns (see models.ClaimRow).
    """
    path = Path(path)
    return claims_frame(read_claims(path), read_docs(docs_path_for(path)))


def read_parquet(path: str | Path) -> pd.DataFrame:
    """Read back an exported Parquet table, list columns as Python lists.

    `pd.read_parquet` alone gives the same dtypes, with NumPy arrays in the
    list columns.

    path (str | Path): a file written by `export_claims`.
    RETURNS (pd.DataFrame): the table as `load_claims` returned it.
    """
    frame = pd.read_parquet(path)
    for name in LIST_COLUMNS:
        frame[name] = pd.Series([list(v) for v in frame[name]], index=frame.index, dtype=object)
    return frame
