"""The lexicon: verb lists are base forms expanded from a generated, complete table."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from pipeline.link import lexicon as lx
from pipeline.link._inflections import VERB_FORMS

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("make_inflections", HERE / "make_inflections.py")
assert _spec is not None and _spec.loader is not None
make_inflections = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_inflections)


def test_lexicon_inflection_table_is_fresh() -> None:
    bases = make_inflections.base_verbs(Path(lx.__file__).read_text())
    assert len(bases) > 50
    fresh = ast.literal_eval(make_inflections.render(bases).split("= ", 1)[1])
    assert VERB_FORMS == fresh


def test_lexicon_verb_lists_hold_every_inflection() -> None:
    assert {"spend", "spent", "spends", "spending"} <= lx.SPEND_VERBS
    assert {"say", "said", "says", "saying"} <= lx.REPORT_VERBS
    assert {"sell", "sold", "sells", "selling"} <= lx.SUPPLY_VERBS


def test_lexicon_verbs_expands_unknown_bases_to_themselves() -> None:
    assert lx.verbs("zzz") == frozenset({"zzz"})
