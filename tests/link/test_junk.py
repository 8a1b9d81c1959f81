"""No claim's subject or source names nobody (issue 10's "junk never reaches output").

Checked on the committed probe stories (40 Reuters-21578 stories nobody tuned for) with
the audit of bench/junk.py, which is written apart from the linker's own guard.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from spacy.language import Language

from models import Settings
from pipeline.link.linker import extract_text
from pipeline.link.names import junk_reason

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("junk", ROOT / "bench" / "junk.py")
assert _spec is not None and _spec.loader is not None
junk = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(junk)

STORIES = sorted((ROOT / "tests" / "probes").glob("*/texts/*.txt"))


@pytest.mark.parametrize(
    ("name", "as_source", "reason"),
    [
        ("which", False, "pronoun"),
        ("[Meta](https://www.cnbc.com/quotes/META/", False, "markup"),
        ("Last year", False, "date"),
        ("Mln", False, "unit"),
        ("department", False, "generic noun"),
        ("officials", True, None),
        ("Harbor Energy & Development Corp", False, None),
    ],
)
def test_junk_audit_and_guard_agree(name: str, as_source: bool, reason: str | None) -> None:
    assert (junk.audit_name(name, as_source=as_source) is None) == (reason is None)
    assert (junk_reason(name, as_source=as_source) is None) == (reason is None)


def test_junk_never_reaches_output(nlp: Language) -> None:
    assert len(STORIES) >= 40
    settings = Settings()
    checked = 0
    for path in STORIES:
        text = path.read_text(encoding="utf-8")
        for claim in extract_text(text, nlp=nlp, settings=settings, doc_id=path.name):
            if claim.kind != "spending":
                continue
            checked += 1
            if claim.subject is not None:
                assert junk.audit_name(claim.subject.name) is None, (path.name, claim.subject)
            for source in claim.sources:
                assert junk.audit_name(source.name, as_source=True) is None, (path.name, source)
    assert checked >= 50
