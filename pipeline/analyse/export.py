"""Exports of a claims file: Parquet, CSV, review spans JSONL and Label Studio tasks.

The table comes from `pipeline.analyse.table`; the article texts from the
`<stem>.docs.jsonl` file beside the claims.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

import pandas as pd
import regex as re

from models import (
    Claim,
    DocRecord,
    LabelStudioData,
    LabelStudioPrediction,
    LabelStudioResult,
    LabelStudioTask,
    LabelStudioValue,
    ReviewMeta,
    ReviewRecord,
    ReviewSpan,
)
from pipeline.analyse.table import LIST_COLUMNS, claims_frame, read_claims, read_docs
from pipeline.errors import Errors, InputError
from pipeline.outputs import atomic_output, check_output, docs_path_for

logger = logging.getLogger(__name__)

ExportFormat = Literal["parquet", "csv", "spans", "labelstudio"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv", "spans", "labelstudio")


def review_records(claims: Iterable[Claim], docs: Mapping[str, DocRecord]) -> list[ReviewRecord]:
    """One review record per article: its text and the spans of its claims.

    Labels: AMOUNT, EQUIVALENT, SUBJECT, YEAR (the period words) and SOURCE.
    A span shared by several claims (a source named once) is listed once.
    Articles whose text is missing from `docs` are left out, with a warning.

    claims (Iterable[Claim]): the claims.
    docs (Mapping[str, DocRecord]): the documents by doc_id.
    RETURNS (list[ReviewRecord]): in document order of `docs`.
    """
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc_id, []).append(claim)
    missing = sorted(set(by_doc) - set(docs))
    if missing:
        logger.warning("no text for %d documents, left out: %s", len(missing), missing[:5])
    records = []
    for doc_id, doc in docs.items():
        doc_claims = by_doc.get(doc_id, [])
        spans = sorted(
            {span for claim in doc_claims for span in claim_spans(claim)},
            key=lambda s: (s.start, -s.end, s.label),
        )
        records.append(
            ReviewRecord(
                text=doc.text,
                spans=tuple(spans),
                label=tuple((s.start, s.end, s.label) for s in spans),
                meta=ReviewMeta(
                    doc_id=doc_id,
                    date=doc.date,
                    url=doc.url,
                    claim_ids=tuple(c.claim_id for c in doc_claims),
                ),
            )
        )
    return records


def label_studio_task(record: ReviewRecord) -> LabelStudioTask:
    """A review record as a Label Studio task whose predictions are our spans.

    record (ReviewRecord): one article with its spans.
    RETURNS (LabelStudioTask): the task (import a JSON list of them).
    """
    results = tuple(
        LabelStudioResult(
            id=f"s{n}",
            value=LabelStudioValue(
                start=span.start,
                end=span.end,
                text=record.text[span.start : span.end],
                labels=(span.label,),
            ),
        )
        for n, span in enumerate(record.spans)
    )
    data = LabelStudioData(
        text=record.text, doc_id=record.meta.doc_id, claim_ids=record.meta.claim_ids
    )
    return LabelStudioTask(data=data, predictions=(LabelStudioPrediction(result=results),))


def whole_name(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """The span of `name` in `text` around the span [start, end), else that span.

    The extractor may point a name's offsets at its head word only ("Times" of
    "Financial Times"); a reader expects the whole name highlighted.

    text (str): the document text.
    name (str): the name as the claim gives it.
    start (int): the span's start offset.
    end (int): its end offset.
    RETURNS (tuple[int, int]): the offsets of the name as written (any spacing,
        any case) where it holds the span, else (start, end).

    >>> text = "a figure, says The Information."
    >>> whole_name(text, "The Information", 19, 30)
    (15, 30)
    >>> whole_name(text, "The Decoder", 19, 30)
    (19, 30)
    """
    words = name.split()
    if not words:
        return start, end
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
    window = len(name) + 8  # room for the name's spacing to differ
    for match in pattern.finditer(text, max(0, start - window), min(len(text), end + window)):
        if match.start() <= start and end <= match.end():
            return match.start(), match.end()
    return start, end


def claim_spans(claim: Claim, *, text: str | None = None) -> list[ReviewSpan]:
    """The labelled spans of one claim: amount, equivalents, subject, year, sources.

    claim (Claim): the claim.
    text (str | None): the document text; when given, SUBJECT and SOURCE spans
        widen to the whole name around them (see `whole_name`). The review
        exports leave it out, so that they show the extractor's own offsets.
    RETURNS (list[ReviewSpan]): spans with offsets, in no particular order.
    """
    spans = []
    if claim.amount is not None:
        spans.append(ReviewSpan(start=claim.amount.start, end=claim.amount.end, label="AMOUNT"))
    spans += [ReviewSpan(start=e.start, end=e.end, label="EQUIVALENT") for e in claim.equivalents]
    Label = Literal["SUBJECT", "YEAR", "SOURCE"]
    located: list[tuple[int | None, int | None, Label, str | None]] = [
        (s.start, s.end, "SOURCE", s.name) for s in claim.sources
    ]
    if claim.subject is not None:
        located.append((claim.subject.start, claim.subject.end, "SUBJECT", claim.subject.name))
    if claim.period is not None:
        located.append((claim.period.start, claim.period.end, "YEAR", None))
    for start, end, label, name in located:
        if start is None or end is None or end <= start:
            continue
        if text is not None and name is not None:
            start, end = whole_name(text, name, start, end)
        spans.append(ReviewSpan(start=start, end=end, label=label))
    return spans


def _csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for name in LIST_COLUMNS:
        out[name] = [json.dumps(list(v), ensure_ascii=False) for v in out[name]]
    return out


def export_format(out_path: Path, fmt: str | None) -> ExportFormat:
    """The export format: the one given, else the output's suffix.

    out_path (Path): the output file.
    fmt (str | None): "parquet", "csv", "spans" or None.
    RETURNS (ExportFormat): the format.

    >>> export_format(Path("claims.parquet"), None)
    'parquet'
    >>> export_format(Path("review.jsonl"), "spans")
    'spans'
    """
    chosen = fmt or out_path.suffix.lstrip(".").lower()
    for known in EXPORT_FORMATS:
        if chosen == known:
            return known
    raise InputError(Errors.E103.format(path=str(out_path)))


def export_claims(
    claims_path: Path, out_path: Path, *, fmt: str | None = None, overwrite: bool = False
) -> int:
    """Export a claims file as Parquet, CSV, or review spans JSONL.

    claims_path (Path): the claims JSONL (its .docs.jsonl beside it).
    out_path (Path): the output file.
    fmt (str | None): "parquet", "csv", "spans" (JSONL, one record per article)
        or "labelstudio" (a JSON list of tasks); None: from the suffix.
    overwrite (bool): replace an existing `out_path` (never an input: see
        `pipeline.outputs.check_output`).
    RETURNS (int): the number of rows (claims) or records (articles) written.
    """
    chosen = export_format(out_path, fmt)
    example = {"spans": "review.jsonl", "labelstudio": "review.json"}.get(chosen, "claims.csv")
    check_output(out_path, inputs=(claims_path,), overwrite=overwrite, example=example)
    claims = read_claims(claims_path)
    docs = read_docs(docs_path_for(claims_path))
    with atomic_output(out_path) as tmp:
        return _write_export(chosen, claims, docs, tmp)


def _write_export(
    chosen: ExportFormat, claims: list[Claim], docs: Mapping[str, DocRecord], out_path: Path
) -> int:
    if chosen == "spans":
        records = review_records(claims, docs)
        with out_path.open("w", encoding="utf-8") as out:
            out.writelines(r.model_dump_json() + "\n" for r in records)
        return len(records)
    if chosen == "labelstudio":
        tasks = [label_studio_task(r) for r in review_records(claims, docs)]
        with out_path.open("w", encoding="utf-8") as out:
            out.write("[\n" + ",\n".join(t.model_dump_json() for t in tasks) + "\n]\n")
        return len(tasks)
    frame = claims_frame(claims, docs)
    if chosen == "parquet":
        frame.to_parquet(out_path, engine="pyarrow", index=False)
    else:
        _csv_frame(frame).to_csv(out_path, index=False)
    return len(frame)
