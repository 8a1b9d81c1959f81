"""The regex stages before any parse (sentences, periods, the plan) on hostile text.

They see every byte of every article: on hostile input every range they give must lie
inside the text. How long they take on it is measured by bench/hostile.py, not here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import Document, Settings
from pipeline.link.linker import plan_document
from pipeline.text.periods import find_periods
from pipeline.text.sentences import split_sentences

HOSTILE = {
    "100k digits": "1" * 100_000,
    "50k dollar signs": "$" * 50_000,
    "1 MB line": ("spend $5bn in fiscal 2025 on capex " * 30_000)[:1_000_000],
    "dots and capitals": ". A" * 100_000,
    "years": "1987/88 " * 50_000,
    "newlines and indents": "\n    x" * 100_000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_plan_hostile_input_gives_ranges_inside_the_text(name: str) -> None:
    text = HOSTILE[name]
    sentences = split_sentences(text)
    periods = find_periods(text, doc_date=dt.date(1987, 3, 1))
    plan = plan_document(Document(id="x", text=text), Settings())
    assert sentences and len(plan.texts) == len(plan.to_parse)
    assert all(text[p.start : p.end] == p.text for p in periods)
    assert all(0 <= s.start < s.end <= len(text) for s in sentences)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A.1$\n ,9-/'\"<>")), max_size=400) | st.text())
def test_plan_ranges_lie_inside_the_text(text: str) -> None:
    for seg in split_sentences(text):
        assert 0 <= seg.start < seg.end <= len(text)
        assert text[seg.start : seg.end].strip() == text[seg.start : seg.end]
    for period in find_periods(text, doc_date=dt.date(2025, 1, 1)):
        assert text[period.start : period.end] == period.text
    plan = plan_document(Document(id="x", text=text), Settings())
    assert len(plan.texts) == len(plan.to_parse)
    for idx, view in zip(plan.to_parse, plan.texts, strict=True):
        seg = plan.sentences[idx]
        assert len(view) == seg.end - seg.start
