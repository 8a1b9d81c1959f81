"""The one schema of newsclaims: every record the pipeline reads or writes.

Every model is a frozen pydantic v2 model; sequences are tuples; offsets are
character offsets into the document text they came from. The records live in
modules by kind and are all re-exported here:

- `models.claim`: `Claim` and its parts (`Amount`, `Subject`, `Period`, `Source`, `Evidence`);
- `models.document`: `Document` (an article as ingested) and `DocRecord` (as written);
- `models.run`: `Settings`, `ErrorRecord`, `RunSummary`;
- `models.analysis`: `UsdValue`, `ReportedValue`, `Fact`, `ClaimRow`;
- `models.review`: review spans and Label Studio tasks.
"""

from __future__ import annotations

from models._base import (
    SCHEMA_VERSION,
    DateSource,
    Flag,
    Qualifier,
    Severity,
    SourceFormat,
    SourceMap,
    SpanLabel,
)
from models.analysis import ClaimRow, Fact, ReportedValue, UsdValue
from models.claim import Amount, Claim, Evidence, Period, Source, Subject
from models.document import DocRecord, Document
from models.review import (
    LabelStudioData,
    LabelStudioPrediction,
    LabelStudioResult,
    LabelStudioTask,
    LabelStudioValue,
    ReviewMeta,
    ReviewRecord,
    ReviewSpan,
)
from models.run import ErrorRecord, RunSummary, Settings

__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "Claim",
    "ClaimRow",
    "DateSource",
    "DocRecord",
    "Document",
    "ErrorRecord",
    "Evidence",
    "Fact",
    "Flag",
    "LabelStudioData",
    "LabelStudioPrediction",
    "LabelStudioResult",
    "LabelStudioTask",
    "LabelStudioValue",
    "Period",
    "Qualifier",
    "ReportedValue",
    "ReviewMeta",
    "ReviewRecord",
    "ReviewSpan",
    "RunSummary",
    "Settings",
    "Severity",
    "Source",
    "SourceFormat",
    "SourceMap",
    "SpanLabel",
    "Subject",
    "UsdValue",
]
