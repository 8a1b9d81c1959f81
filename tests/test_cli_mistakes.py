"""What a user types by mistake: one clear sentence, the files untouched (issue 12).

Each row of ROWS is a command line run in a fresh workspace (the bundled corpus/, an
`extract` output X/ made from the hand-made fixtures, a report.html someone else wrote,
bad/same.txt, empty/, pdfs/, Y/c.jsonl written by another tool, U/ an unfinished run),
the exit status it must give, a fragment of its message, the files that must be byte for
byte as they were, and the files that must not appear. No row may print a traceback.
Refusals exit with status 2; a corpus with nothing to read with status 1.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import CORPUS, ROOT

from pipeline.cli import main

FIXTURES = ROOT / "tests" / "fixtures"
ARTICLE = "000_b0933df221b54560.txt"


class Row(NamedTuple):
    name: str
    argv: tuple[str, ...]
    status: int
    message: str  # a fragment of stderr
    untouched: tuple[str, ...] = ()  # paths whose bytes must not change
    absent: tuple[str, ...] = ()  # paths that must not exist afterwards


def _workspace(root: Path) -> None:
    shutil.copytree(CORPUS, root / "corpus")
    (root / "X").mkdir()
    shutil.copy(FIXTURES / "claims.jsonl", root / "X" / "claims.jsonl")
    shutil.copy(FIXTURES / "claims.docs.jsonl", root / "X" / "claims.docs.jsonl")
    (root / "report.html").write_text("<p>someone else's report</p>\n")
    (root / "bad").mkdir()
    shutil.copy(CORPUS / ARTICLE, root / "bad" / "same.txt")
    (root / "empty").mkdir()
    (root / "pdfs").mkdir()
    (root / "pdfs" / "annual-report.pdf").write_bytes(b"%PDF-1.4 not really\n")
    (root / "pdfs" / "chart.png").write_bytes(b"\x89PNG\r\n")
    (root / "Y").mkdir()
    (root / "Y" / "c.jsonl").write_text("another tool's data\n")
    (root / "elsewhere").mkdir()  # a link planted where extract writes its errors
    (root / "elsewhere" / "victim.txt").write_text("a file outside the output folder\n")
    (root / "L").mkdir()
    (root / "L" / "c.errors.jsonl").symlink_to(root / "elsewhere" / "victim.txt")
    (root / "U").mkdir()  # a run stopped after its first checkpoint
    header = {"journal": 1, "settings": {}, "extract": "x", "schema_version": "1.0"}
    checkpoint = {"done": [ARTICLE], "claims": 0, "docs": 0, "errors": 0}
    (root / "U" / "c.journal.jsonl").write_text(
        json.dumps(header) + "\n" + json.dumps(checkpoint) + "\n"
    )
    for name in ("c.jsonl", "c.docs.jsonl", "c.errors.jsonl"):
        (root / "U" / name).write_text("")


CORPUS_FILES = tuple(f"corpus/{p.name}" for p in sorted(CORPUS.iterdir()))
X_FILES = ("X/claims.jsonl", "X/claims.docs.jsonl")
U_FILES = ("U/c.jsonl", "U/c.docs.jsonl", "U/c.errors.jsonl", "U/c.journal.jsonl")
Q = ("--quiet", "--workers", "1")

# Data loss: each becomes a refusal, exit status 2, the file untouched.
DATA_LOSS = [
    Row("extract onto its input file", ("extract", "bad/same.txt", "-o", "bad/same.txt", *Q),
        2, "[E107] Refusing to write 'bad/same.txt': it is the input file",
        ("bad/same.txt",), ("bad/same.docs.jsonl",)),
    Row("extract into its corpus", ("extract", "corpus/", "-o", f"corpus/{ARTICLE}", *Q),
        2, "inside the input corpus", CORPUS_FILES),
    Row("extract a new file into its corpus", ("extract", "corpus", "-o", "corpus/c.jsonl", *Q),
        2, "[E107]", CORPUS_FILES, ("corpus/c.jsonl", "corpus/c.journal.jsonl")),
    Row("report onto its claims", ("report", "X/claims.jsonl", "-o", "X/claims.jsonl"),
        2, "[E107] Refusing to write 'X/claims.jsonl': it is the input claims file", X_FILES),
    Row("consolidate onto its claims", ("consolidate", "X/claims.jsonl", "-o", "X/claims.jsonl"),
        2, "it is the input claims file", X_FILES),
    Row("export onto its claims",
        ("export", "X/claims.jsonl", "-o", "X/claims.jsonl", "--format", "spans"),
        2, "it is the input claims file", X_FILES),
    Row("report onto the docs file", ("report", "X/claims.jsonl", "-o", "X/claims.docs.jsonl"),
        2, "the documents file beside the input claims", X_FILES),
    Row("export onto the journal", ("export", "X/claims.jsonl", "-o", "X/claims.journal.jsonl",
        "--format", "spans"), 2, "the journal beside the input claims", X_FILES,
        ("X/claims.journal.jsonl",)),
    Row("report onto someone else's file", ("report", "X/claims.jsonl", "-o", "report.html"),
        2, "[E109] The report is a folder of pages", ("report.html",)),
    Row("report into someone else's folder", ("report", "X/claims.jsonl", "-o", "pdfs"),
        2, "[E110] Folder 'pdfs' holds other files and is not an earlier report",
        ("pdfs/annual-report.pdf",)),
    Row("extract onto another tool's file", ("extract", "corpus", "-o", "Y/c.jsonl", *Q),
        2, "[E312] 'Y/c.jsonl' exists and was not written by newsclaims extract",
        ("Y/c.jsonl",), ("Y/c.docs.jsonl", "Y/c.journal.jsonl")),
    Row("a plain re-run over an unfinished run", ("extract", "corpus", "-o", "U/c.jsonl", *Q),
        2, "holds the journal of an unfinished run: --resume continues it, --overwrite",
        U_FILES),
    Row("extract through a planted symlink", ("extract", "corpus", "-o", "L/c.jsonl", *Q),
        2, "[E313] Refusing to write 'L/c.errors.jsonl': it is a symbolic link",
        ("elsewhere/victim.txt",)),
    Row("--resume with --overwrite", ("extract", "corpus", "-o", "U/c.jsonl", "--resume",
        "--overwrite"), 2, "not allowed with argument", U_FILES),
]  # fmt: skip

# Tracebacks and silent nonsense: each becomes one sentence naming the value.
ONE_SENTENCE = [
    Row("report of a folder", ("report", "X", "-o", "r"),
        2, "[E106] Claims file 'X' is a folder; give a file such as", X_FILES, ("r",)),
    Row("report into the claims' folder", ("report", "X/claims.jsonl", "-o", "X"),
        2, "[E107] Refusing to write 'X': it is the folder of the input claims file", X_FILES),
    Row("consolidate of a folder", ("consolidate", "X", "-o", "f.jsonl"),
        2, "[E106] Claims file 'X' is a folder", X_FILES, ("f.jsonl",)),
    Row("consolidate into a folder", ("consolidate", "X/claims.jsonl", "-o", "X"),
        2, "[E106] Output path 'X' is a folder; give a file such as facts.jsonl", X_FILES),
    Row("export of a folder", ("export", "X", "-o", "t.csv"), 2, "[E106] Claims file 'X'",
        X_FILES, ("t.csv",)),
    Row("export into a folder", ("export", "X/claims.jsonl", "-o", "X", "--format", "csv"),
        2, "[E106] Output path 'X' is a folder", X_FILES),
    Row("extract into a folder", ("extract", "corpus", "-o", "X", *Q),
        2, "[E305] Output path 'X' is a folder", X_FILES),
    Row("a scheduler that is no address",
        ("extract", "corpus", "-o", "D/c.jsonl", "--engine", "dask", "--scheduler", "nowhere"),
        2, "[E013] expected the address of a running Dask scheduler", (), ("D",)),
    Row("a negative timeout", ("extract", "corpus", "-o", "T/c.jsonl", "--timeout", "-1"),
        2, "[E012] expected a number of seconds, at least 0", (), ("T",)),
    Row("a timeout that is no number", ("extract", "corpus", "-o", "T/c.jsonl", "--timeout",
        "soon"), 2, "'soon' given", (), ("T",)),
    Row("a dollar that is no currency", ("extract", "corpus", "-o", "T/c.jsonl", "--dollar",
        "XYZ"), 2, "[E001] Unknown currency code 'XYZ'", (), ("T",)),
    Row("amounts with no currency", ("amounts", "--dollar", "ABC"), 2, "[E001]"),
    Row("an empty folder", ("extract", "empty", "-o", "E/c.jsonl", *Q),
        1, "[E309] No articles in 'empty': newsclaims reads .txt, .md", (), ("E",)),
    Row("a folder of PDFs and images", ("extract", "pdfs", "-o", "E/c.jsonl", *Q),
        1, "none was found (a file of a kind it does not read, such as PDFs)", (), ("E",)),
    Row("a corpus that does not exist", ("extract", "nope", "-o", "E/c.jsonl", *Q),
        2, "[E002] Corpus path 'nope' does not exist", (), ("E",)),
]  # fmt: skip

ROWS = DATA_LOSS + ONE_SENTENCE


def test_cli_mistakes_table_is_full() -> None:
    assert len(ROWS) >= 25 and len({r.name for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_cli_mistake(
    row: Row, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = {p: (tmp_path / p).read_bytes() for p in row.untouched}
    try:
        status = main(list(row.argv))
    except SystemExit as e:  # argparse's refusals
        status = int(e.code or 0)
    err = capsys.readouterr().err
    assert status == row.status, err
    assert row.message in err, err
    assert "Traceback" not in err
    said = [line for line in err.splitlines() if line and not line.startswith(("usage:", " "))]
    assert len(said) == 1, err  # one sentence (argparse puts its usage lines before it)
    assert {p: (tmp_path / p).read_bytes() for p in row.untouched} == before
    assert not [p for p in row.absent if (tmp_path / p).exists()]


def test_cli_overwrite_replaces_on_purpose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The refusals above are not a dead end: --overwrite replaces, atomically.
    _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    argv = ["report", "X/claims.jsonl", "-o", "R", "--quiet"]
    assert main(argv) == 0 and main(argv) == 2  # the second run would replace the first
    assert main([*argv, "--overwrite"]) == 0
    assert "<html" in (tmp_path / "R" / "index.html").read_text().lower()
    assert not list(tmp_path.glob(".R.*"))  # no temporary folder left behind
    argv = ["consolidate", "X/claims.jsonl", "-o", "f.jsonl"]
    assert main(argv) == 0 and main(argv) == 2  # the second run would replace the first
    assert main([*argv, "--overwrite"]) == 0
    assert "[E108]" in capsys.readouterr().err
