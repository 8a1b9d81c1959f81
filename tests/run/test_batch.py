"""The batch runner: outputs, worker equivalence, fault isolation, progress, the CLI.

The linker is replaced by `conftest.fake_extract` (one claim per amount) except in the
CLI tests: what is under test here is reading, ordering and writing. Crashes and
resumption are in test_journal.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FAKE_SETTINGS as SETTINGS
from conftest import (
    fake_extract,
    fake_extract_many,
    read_outputs,
    run_fake,
    write_reuters_corpus,
)
from spacy.language import Language

from models import Claim, DocRecord, ErrorRecord
from pipeline.cli import main
from pipeline.errors import NewsclaimsError
from pipeline.outputs import output_paths
from pipeline.run.batch import extract_corpus


def test_batch_writes_three_files(wire: Path, tmp_path: Path, blank_nlp: Language) -> None:
    out = tmp_path / "new" / "claims.jsonl"  # its folder is made
    summary = extract_corpus(
        wire, out, settings=SETTINGS, nlp=blank_nlp, workers=1, extract=fake_extract, progress=False
    )
    files = read_outputs(out)
    claims = [Claim.model_validate_json(x) for x in files["claims"].splitlines()]
    docs = [DocRecord.model_validate_json(x) for x in files["docs"].splitlines()]
    errors = [ErrorRecord.model_validate_json(x) for x in files["errors"].splitlines()]
    texts = {d.doc_id: d.text for d in docs}
    # Every span can be shown from the docs file alone.
    assert all(
        texts[c.doc_id][c.amount.start : c.amount.end] == c.amount.text for c in claims if c.amount
    )
    assert len(docs) == 60 + 1 + 2  # stories, boom.txt, two feed records
    assert sorted((e.doc_id or e.path.rsplit("/", 1)[-1], e.severity, e.line) for e in errors) == [
        ("binary.txt", "error", None),
        ("boom.txt", "error", None),
        ("empty.txt", "skipped", None),
        ("feed.jsonl", "error", 2),
    ]
    assert (summary.articles, summary.claims, summary.errors, summary.skipped) == (
        63,
        len(claims),
        3,
        1,
    )
    assert not summary.ok
    reuters = next(d for d in docs if d.doc_id == "reuters-2.txt")
    assert (reuters.date_source, reuters.format, len(reuters.sha256)) == ("first_line", "txt", 64)


def test_batch_workers_give_the_same_bytes(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    assert run_fake(wire, tmp_path / "w2.jsonl", blank_nlp, workers=2) == reference


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_extract_many_gives_the_same_bytes(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes], workers: int
) -> None:
    # Chunks go through extract_many; the chunk that holds boom.txt makes it raise and
    # is redone article by article, so that only boom.txt gets an error record.
    got = run_fake(
        wire, tmp_path / "m.jsonl", blank_nlp, workers=workers, extract_many=fake_extract_many
    )
    assert got == reference


def test_batch_worker_death_is_one_error(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    # An article that kills its worker process costs that article only.
    corpus = shutil.copytree(wire, tmp_path / "corpus")
    (corpus / "reuters-30.txt").write_text("KILLWORKER with $9 million\n")
    out = tmp_path / "c.jsonl"
    summary = extract_corpus(
        corpus,
        out,
        settings=SETTINGS,
        nlp=blank_nlp,
        workers=2,
        extract=fake_extract,
        progress=False,
    )
    errors = [
        ErrorRecord.model_validate_json(x)
        for x in output_paths(out).errors.read_bytes().splitlines()
    ]
    died = [e for e in errors if e.doc_id == "reuters-30.txt"]
    assert len(died) == 1 and "worker process died" in died[0].reason
    assert summary.articles == 62 and summary.errors == 4
    docs = output_paths(out).docs.read_bytes().splitlines()
    assert len(docs) == len(set(docs)) == 62
    expected = [x for x in reference["claims"].splitlines() if b'"reuters-30.txt"' not in x]
    assert output_paths(out).claims.read_bytes().splitlines() == expected


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("many", [None, fake_extract_many], ids=["one", "many"])
def test_batch_timeout_is_one_error(
    wire: Path, tmp_path: Path, blank_nlp: Language, workers: int, many: Any
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("reuters-1.txt", "reuters-2.txt"):
        (corpus / name).write_bytes((wire / name).read_bytes())
    (corpus / "hang.txt").write_text("SLEEPY with $9 million\n")
    out = tmp_path / "c.jsonl"
    summary = extract_corpus(
        corpus,
        out,
        settings=SETTINGS,
        nlp=blank_nlp,
        workers=workers,
        extract=fake_extract,
        extract_many=many,
        timeout=0.5,
        progress=False,
    )
    (error,) = [
        ErrorRecord.model_validate_json(x) for x in read_outputs(out)["errors"].splitlines()
    ]
    assert error.doc_id == "hang.txt" and "ArticleTimeout: longer than 0.5 s" in error.reason
    assert summary.articles == 3 and summary.claims > 0


def test_batch_progress_bar(
    wire: Path, tmp_path: Path, blank_nlp: Language, capsys: pytest.CaptureFixture[str]
) -> None:
    run_fake(wire, tmp_path / "a.jsonl", blank_nlp, progress=None)  # stderr is not a terminal
    assert capsys.readouterr().err == ""
    run_fake(wire, tmp_path / "b.jsonl", blank_nlp, progress=True)
    err = capsys.readouterr().err
    assert "inputs" in err and "claims=" in err and "errors=3, skipped=1" in err
    assert "/66" not in err  # a JSONL feed in the corpus: the total is not known
    stories = write_reuters_corpus(tmp_path / "stories", 30)
    run_fake(stories, tmp_path / "c.jsonl", blank_nlp, progress=True)
    err = capsys.readouterr().err
    assert re.search(r"30/30 \[[\d:]+<[\d:]+", err), err  # the total and an ETA


def test_batch_stdin(tmp_path: Path, blank_nlp: Language) -> None:
    import io

    feed = io.BytesIO(b'{"id": "a", "text": "Acme to spend $3 billion."}\n')
    extract_corpus(
        "-",
        tmp_path / "c.jsonl",
        nlp=blank_nlp,
        workers=1,
        extract=fake_extract,
        progress=False,
        stdin=feed,
    )
    (claim,) = [
        Claim.model_validate_json(x)
        for x in read_outputs(tmp_path / "c.jsonl")["claims"].splitlines()
    ]
    assert claim.doc_id == "stdin#a"


def test_batch_output_inside_the_corpus_is_refused(
    wire: Path, tmp_path: Path, blank_nlp: Language
) -> None:
    # Nothing is written inside the corpus read, and nothing there is touched.
    corpus = shutil.copytree(wire, tmp_path / "corpus")
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    with pytest.raises(NewsclaimsError, match=r"\[E107\].*inside the input corpus"):
        run_fake(corpus, corpus / "sub" / "claims.jsonl", blank_nlp)
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before
    assert not (corpus / "sub").exists()


# --- the command line, with the real model and linker -----------------------------------


def test_batch_cli_exit_status(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    assert main(["extract", str(corpus_dir), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    docs = output_paths(out).docs.read_text().splitlines()
    assert len(docs) == 5 and output_paths(out).errors.read_text() == ""
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "binary.txt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    out = tmp_path / "bad.jsonl"
    assert (
        main(["extract", str(tmp_path / "bad"), "-o", str(out), "--workers", "1", "--quiet"]) == 1
    )
    (tmp_path / "bad" / "binary.txt").unlink()  # only a skipped file left: not a failure
    assert (
        main(["extract", str(tmp_path / "bad"), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    )


def test_batch_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope"), "-o", str(tmp_path / "c.jsonl")]) == 2
    assert "[E002] Corpus path" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path), "-o", "c.jsonl", "--workers", "0"])


def test_batch_cli_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Claim" and "claim_id" in schema["properties"]


# One input that must never stop or bend a run: its name (bytes as written to disk), its
# content, and a fragment of the one record it gets (issue 12).
DEEP = b"[" * 100_000 + b"]" * 100_000
ONE_BAD_INPUT = [
    ("non-utf8-name", b"caf\xe9.txt", b"Acme will spend $5 million.\n", "not valid UTF-8"),
    ("deep-jsonl", b"feed.jsonl", b'{"id": "a", "text": "x"}\n' + DEEP + b"\n", "too deeply"),
    ("deep-jsonl-object", b"deep.jsonl", b'{"a": ' + DEEP + b"}\n", "too deeply"),
    ("pdf", b"report.pdf", b"%PDF-1.4\n", "PDF files are not read"),
]


@pytest.mark.parametrize(
    ("name", "raw_name", "content", "reason"), ONE_BAD_INPUT, ids=[r[0] for r in ONE_BAD_INPUT]
)
def test_batch_one_bad_input_is_one_record(
    tmp_path: Path, blank_nlp: Language, name: str, raw_name: bytes, content: bytes, reason: str
) -> None:
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Acme will spend $3 billion on a plant.\n")
    with open(os.path.join(os.fsencode(corpus), raw_name), "wb") as f:
        f.write(content)
    out = tmp_path / "c.jsonl"
    for resume in (False, True):  # and a resumed run does not die at it either
        files = run_fake(corpus, out, blank_nlp, resume=resume)
        docs = [DocRecord.model_validate_json(x) for x in files["docs"].splitlines()]
        assert "good.txt" in [d.doc_id for d in docs]
        errors = [ErrorRecord.model_validate_json(x) for x in files["errors"].splitlines()]
        assert [reason in e.reason for e in errors].count(True) == 1, errors
    if name == "non-utf8-name":
        (error,) = errors
        assert error.path.endswith("caf\\xe9.txt") and error.severity == "error"


def test_batch_deep_json_on_stdin(tmp_path: Path, blank_nlp: Language) -> None:
    import io

    feed = io.BytesIO(b'{"id": "a", "text": "Acme to spend $3 billion."}\n' + DEEP + b"\n")
    summary = extract_corpus(
        "-", tmp_path / "c.jsonl", nlp=blank_nlp, workers=1, extract=fake_extract, stdin=feed,
        progress=False,
    )  # fmt: skip
    (error,) = [
        ErrorRecord.model_validate_json(x)
        for x in read_outputs(tmp_path / "c.jsonl")["errors"].splitlines()
    ]
    assert (summary.articles, error.line, error.reason) == (1, 2, "JSON nested too deeply to read")


@pytest.mark.parametrize("many", [None, fake_extract_many], ids=["one", "many"])
def test_batch_timeout_does_not_depend_on_the_chunk(
    wire: Path, tmp_path: Path, blank_nlp: Language, many: Any
) -> None:
    # A 1.5 s article under a 1 s limit times out whether its chunk holds three fast
    # neighbours (an uninterrupted run) or only itself (a resumed run's last chunk).
    def timed_out(names: list[str]) -> set[str]:
        corpus = tmp_path / "-".join(names)
        corpus.mkdir()
        for name in names:
            if name == "dozy.txt":
                (corpus / name).write_text("DOZY with $9 million\n")
            else:
                (corpus / name).write_bytes((wire / name).read_bytes())
        out = corpus.with_suffix(".jsonl")
        extract_corpus(
            corpus, out, settings=SETTINGS, nlp=blank_nlp, workers=1, extract=fake_extract,
            extract_many=many, timeout=1.0, progress=False,
        )  # fmt: skip
        errors = [
            ErrorRecord.model_validate_json(x) for x in read_outputs(out)["errors"].splitlines()
        ]
        return {e.doc_id or "" for e in errors if "ArticleTimeout" in e.reason}

    together = timed_out(["reuters-2.txt", "reuters-3.txt", "dozy.txt", "reuters-5.txt"])
    assert together == timed_out(["dozy.txt"]) == {"dozy.txt"}
