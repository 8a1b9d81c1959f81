"""Review records: labelled spans for annotation tools (Prodigy, doccano, Label Studio)."""

from __future__ import annotations

import datetime as _dt
from typing import Literal

from pydantic import Field

from models._base import Frozen, SpanLabel


class ReviewSpan(Frozen):
    """A labelled character span, as annotation tools import it."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    label: SpanLabel


class ReviewMeta(Frozen):
    """What an annotation tool shows beside a text, and what joins it back."""

    doc_id: str
    date: _dt.date | None = None
    url: str | None = None
    claim_ids: tuple[str, ...] = ()


class ReviewRecord(Frozen):
    """One article for review: Prodigy's `spans` plus doccano's `label` triples."""

    text: str
    spans: tuple[ReviewSpan, ...]
    label: tuple[tuple[int, int, SpanLabel], ...]
    meta: ReviewMeta


class LabelStudioValue(Frozen):
    """A labelled text region in Label Studio's result format."""

    start: int
    end: int
    text: str
    labels: tuple[SpanLabel, ...]


class LabelStudioResult(Frozen):
    """One pre-annotation region; from_name/to_name match the labeling config."""

    id: str
    from_name: str = "label"
    to_name: str = "text"
    type: Literal["labels"] = "labels"
    value: LabelStudioValue


class LabelStudioPrediction(Frozen):
    """The extractor's spans of one article, as Label Studio pre-annotations."""

    model_version: str = "newsclaims"
    result: tuple[LabelStudioResult, ...]


class LabelStudioData(Frozen):
    """The task data: the text plus what joins corrections back to claims."""

    text: str
    doc_id: str
    claim_ids: tuple[str, ...] = ()


class LabelStudioTask(Frozen):
    """One article as a Label Studio task with pre-annotations."""

    data: LabelStudioData
    predictions: tuple[LabelStudioPrediction, ...]
