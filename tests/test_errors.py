"""Messages carry their codes, and every code in pipeline/errors.py is used somewhere."""

from __future__ import annotations

import pytest
from conftest import ROOT

from pipeline.errors import Errors, Warnings

SOURCES = "\n".join(
    p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "pipeline").rglob("*.py"))
    if p.name != "errors.py"
)
CODES = [(cls, name) for cls in (Errors, Warnings) for name in vars(cls) if name[:1] in "EW"]


def test_errors_codes_are_found() -> None:
    assert len(CODES) > 10


@pytest.mark.parametrize(("cls", "code"), CODES, ids=[c for _, c in CODES])
def test_errors_code_is_shown_and_used(cls: type, code: str) -> None:
    message = getattr(cls, code)
    assert message.startswith(f"[{code}] ")
    assert f"{cls.__name__}.{code}" in SOURCES, f"{code} is raised nowhere: remove it"
