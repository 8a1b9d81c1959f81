"""Evidence markup for the report: displaCy spans of claims in their sentences and articles.

displaCy's manual mode takes the claims' own offsets, so the highlights are
exactly what the extractor found; nothing is parsed again.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from spacy.displacy.render import EntityRenderer, SpanRenderer
from spacy.lang.en import English
from spacy.tokenizer import Tokenizer

from models import Claim, ReviewSpan

LABEL_COLORS = {
    "AMOUNT": "#f6c343",
    "EQUIVALENT": "#fde7a5",
    "SUBJECT": "#8ecae6",
    "YEAR": "#b7e4c7",
    "SOURCE": "#f4a6a6",
}
# When spans overlap in the running article text, the first label here wins.
_LABEL_PRIORITY = ("AMOUNT", "EQUIVALENT", "YEAR", "SUBJECT", "SOURCE")
# Every label an article span can carry: one label, or several joined in priority order.
_JOINED_COLORS = {
    "/".join(labels): LABEL_COLORS[labels[0]]
    for n in range(1, len(_LABEL_PRIORITY) + 1)
    for labels in itertools.combinations(_LABEL_PRIORITY, n)
}


class Renderers(NamedTuple):
    """displaCy's renderers and a tokenizer, made once for a whole report.

    displacy.render() builds a renderer per call, and each build reads the
    colour registry's entry points: most of a report's time at archive scale.
    """

    tokenizer: Tokenizer
    spans: SpanRenderer
    entities: EntityRenderer


def make_renderers() -> Renderers:
    """The renderers `render_evidence` and `render_article` use."""
    return Renderers(
        tokenizer=make_tokenizer(),
        spans=SpanRenderer(options={"colors": LABEL_COLORS}),
        entities=EntityRenderer(options={"colors": _JOINED_COLORS}),
    )


def make_tokenizer() -> Tokenizer:
    """A whitespace tokenizer for displaCy's span style."""
    # Whitespace-only tokens: displaCy's span style puts a space after every
    # token, so "$20B," stays one token instead of showing as "$ 20B ,".
    return Tokenizer(English().vocab)


def render_evidence(
    claim: Claim, text: str | None, spans: Sequence[ReviewSpan], renderers: Renderers
) -> str:
    """displaCy span markup of a claim's evidence sentences with its spans.

    claim (Claim): the claim.
    text (str | None): the document text; without it the sentences are shown plain.
    spans (Sequence[ReviewSpan]): the claim's spans (document offsets).
    renderers (Renderers): from `make_renderers`.
    RETURNS (str): HTML markup.
    """
    parts = []
    for evidence in claim.evidence:
        sentence = text[evidence.start : evidence.end] if text else evidence.sentence
        doc = renderers.tokenizer(sentence)
        inside = [s for s in spans if evidence.start <= s.start and s.end <= evidence.end]
        manual_spans = []
        for span in inside:
            char_span = doc.char_span(
                span.start - evidence.start, span.end - evidence.start, alignment_mode="expand"
            )
            if char_span is not None:
                manual_spans.append(
                    {
                        "start_token": char_span.start,
                        "end_token": char_span.end,
                        "label": span.label,
                    }
                )
        data = {"text": sentence, "tokens": [t.text for t in doc], "spans": manual_spans}
        parts.append(renderers.spans.render([data], page=False, minify=False).strip())
    return "\n".join(parts)


def render_article(
    text: str, spans: Iterable[ReviewSpan], renderers: Renderers | None = None
) -> str:
    """displaCy entity markup of a whole article with non-overlapping spans.

    Where spans overlap, the label that comes first in _LABEL_PRIORITY wins;
    one range with several labels shows them joined ("SUBJECT/SOURCE").

    text (str): the article text.
    spans (Iterable[ReviewSpan]): spans with document offsets.
    renderers (Renderers | None): from `make_renderers`; made here when None.
    RETURNS (str): HTML markup.
    """
    renderers = renderers or make_renderers()
    labels: dict[tuple[int, int], list[str]] = {}
    for span in spans:
        labels.setdefault((span.start, span.end), []).append(span.label)
    ranked = sorted(
        labels.items(),
        key=lambda kv: (min(_LABEL_PRIORITY.index(label) for label in kv[1]), kv[0]),
    )
    kept: list[dict[str, Any]] = []
    for (start, end), names in ranked:
        if all(end <= k["start"] or start >= k["end"] for k in kept):
            ordered = sorted(set(names), key=_LABEL_PRIORITY.index)
            kept.append({"start": start, "end": end, "label": "/".join(ordered)})
    data = {"text": text, "ents": sorted(kept, key=lambda k: k["start"]), "title": None}
    return str(renderers.entities.render([data], page=False, minify=False)).strip()
