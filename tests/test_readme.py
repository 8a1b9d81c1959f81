"""The README's set-up: exactly two commands, each complete, and CI runs the test one."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    section = README[README.index("## Set-up") :]
    start = section.index("```bash") + len("```bash")
    block = section[start : section.index("```", start)]
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_readme_setup_is_two_complete_commands() -> None:
    use, develop = _setup_commands()
    for command in (use, develop):
        assert command.startswith("python3 -m venv .venv && ")
    assert re.search(r"pip install -e \. ", use) and "[test]" not in use
    assert "newsclaims extract corpus/ -o " in use
    assert 'pip install -e ".[test]"' in develop and develop.endswith("-m pytest")


def test_readme_test_command_is_run_by_ci() -> None:
    _, develop = _setup_commands()
    assert develop in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_readme_names_every_subcommand() -> None:
    from pipeline.cli import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    names = list(sub.choices)  # type: ignore[union-attr]
    assert len(names) >= 6
    listing = README[README.index("## Command line") : README.index("## Where things are")]
    for name in names:
        assert f"`newsclaims {name}" in listing, name
