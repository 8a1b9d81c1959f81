"""Sentences and paragraphs by regex: offsets preserved, wire and web layouts."""

from __future__ import annotations

from pipeline.text.sentences import parse_view, split_sentences

WIRE = (
    "1987-03-20\nSUPER VALU SETS LOWER CAPITAL SPENDING\nMINNEAPOLIS, March 20 - Super Valu "
    "Stores Inc said its\ncapital budget for the fiscal year beginning March One is 330\n"
    "mln dlrs.\n    It said it spent 363.7 mln dlrs last year, primarily\nbecause of new "
    "centers.\n Reuter\n"
)
WEB = (
    "Decoding ByteDance infrastructure spend\nReuters, The Information, and the FT cite "
    "figures between $7B and $23B. ByteDance claims many details are inaccurate.\n"
    "- Rmb150bn earmarked for 2025, according to Reuters.\n"
)


def _sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_text_wire_story() -> None:
    sents = _sents(WIRE)
    assert sents[0] == "1987-03-20"
    assert sents[1] == "SUPER VALU SETS LOWER CAPITAL SPENDING"
    assert sents[2].startswith("MINNEAPOLIS") and sents[2].endswith("330\nmln dlrs.")
    assert sents[3].startswith("It said it spent")
    assert sents[-1] == "Reuter"


def test_text_web_article() -> None:
    assert _sents(WEB) == [
        "Decoding ByteDance infrastructure spend",
        "Reuters, The Information, and the FT cite figures between $7B and $23B.",
        "ByteDance claims many details are inaccurate.",
        "- Rmb150bn earmarked for 2025, according to Reuters.",
    ]


def test_text_abbreviations_do_not_split() -> None:
    text = "Nippon Kokan K.K. said it will spend more. Chrysler Corp. agreed."
    assert _sents(text) == ["Nippon Kokan K.K. said it will spend more.", "Chrysler Corp. agreed."]


def test_text_parse_view_keeps_length() -> None:
    for text in (WIRE, WEB, "NEWTON, Iowa, March 25 - Maytag Co <MYG> said"):
        assert len(parse_view(text)) == len(text)
