"""The batch runner: outputs, worker equivalence, fault isolation, crash and resume.

The linker is replaced by `conftest.fake_extract` (one claim per amount) except in the
CLI tests: what is under test here is reading, ordering, writing and resuming.
Crashes are real: a subprocess ends abruptly through the NEWSCLAIMS_CRASH_AFTER hook
at a chosen point, or is killed with SIGKILL at a moment it does not choose.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SLOW_ENV, fake_extract, fake_extract_many, write_reuters_corpus
from spacy.language import Language

from models import Claim, DocRecord, ErrorRecord, Settings
from pipeline.batch import CRASH_ENV, extract_corpus, output_paths, run_ordered
from pipeline.cli import main
from pipeline.errors import NewsclaimsError

SETTINGS = Settings(max_chars=100_000)
# Runs extract_corpus in a subprocess, with the fake linker, for the crash tests.
DRIVER = """
import sys
sys.path.insert(0, {tests!r})
from conftest import fake_extract
from models import Settings
from pipeline.batch import extract_corpus
import spacy
extract_corpus({corpus!r}, {out!r}, settings=Settings(max_chars=100_000),
               nlp=spacy.blank("en"), workers={workers}, resume={resume},
               extract=fake_extract, checkpoint_every={every}, progress=False)
"""


def _outputs(out: Path) -> dict[str, bytes]:
    paths = output_paths(out)
    return {
        "claims": paths.claims.read_bytes(),
        "docs": paths.docs.read_bytes(),
        "errors": paths.errors.read_bytes(),
    }


def _run(corpus: Path, out: Path, blank_nlp: Language, **kwargs: Any) -> dict[str, bytes]:
    kwargs = {"workers": 1, "progress": False, **kwargs}
    extract_corpus(corpus, out, settings=SETTINGS, nlp=blank_nlp, extract=fake_extract, **kwargs)
    return _outputs(out)


def _driver(corpus: Path, out: Path, *, workers: int, resume: bool, every: int) -> list[str]:
    code = DRIVER.format(
        tests=str(ROOT / "tests"),
        corpus=str(corpus),
        out=str(out),
        workers=workers,
        resume=resume,
        every=every,
    )
    return [sys.executable, "-c", code]


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reuters-like stories plus the bad inputs, in one folder."""
    corpus = write_reuters_corpus(tmp_path_factory.mktemp("wire") / "corpus", 60)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "boom.txt").write_text("EXPLODE with $5 million\n")
    (corpus / "feed.jsonl").write_bytes(
        b'{"id": "f1", "text": "Acme will spend $2 billion.", "date": "2024-02-01"}\n'
        b"this line is not JSON\n"
        b'{"id": "f2", "text": "Nothing to see."}\n'
    )
    return corpus


@pytest.fixture(scope="module")
def reference(
    wire: Path, tmp_path_factory: pytest.TempPathFactory, blank_nlp: Language
) -> dict[str, bytes]:
    """The outputs of an uninterrupted run in this process."""
    return _run(wire, tmp_path_factory.mktemp("ref") / "claims.jsonl", blank_nlp)


def test_batch_writes_three_files(wire: Path, tmp_path: Path, blank_nlp: Language) -> None:
    out = tmp_path / "new" / "claims.jsonl"  # its folder is made
    summary = extract_corpus(
        wire, out, settings=SETTINGS, nlp=blank_nlp, workers=1, extract=fake_extract, progress=False
    )
    files = _outputs(out)
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
    assert _run(wire, tmp_path / "w2.jsonl", blank_nlp, workers=2) == reference


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_extract_many_gives_the_same_bytes(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes], workers: int
) -> None:
    # Chunks go through extract_many; the chunk that holds boom.txt makes it raise and
    # is redone article by article, so that only boom.txt gets an error record.
    got = _run(
        wire, tmp_path / "m.jsonl", blank_nlp, workers=workers, extract_many=fake_extract_many
    )
    assert got == reference


def test_batch_resume_after_a_finished_run(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    out = tmp_path / "c.jsonl"
    _run(wire, out, blank_nlp)
    summary = extract_corpus(
        wire,
        out,
        settings=SETTINGS,
        nlp=blank_nlp,
        workers=1,
        extract=fake_extract,
        resume=True,
        progress=False,
    )
    assert _outputs(out) == reference
    assert summary.resumed == 60 + 3 + 3 and summary.errors == 3  # counts include the past


def test_batch_resume_refuses_other_settings(
    wire: Path, tmp_path: Path, blank_nlp: Language
) -> None:
    out = tmp_path / "c.jsonl"
    _run(wire, out, blank_nlp)
    with pytest.raises(NewsclaimsError, match="other settings"):
        extract_corpus(
            wire,
            out,
            settings=Settings(default_dollar="CAD"),
            nlp=blank_nlp,
            workers=1,
            extract=fake_extract,
            resume=True,
            progress=False,
        )


def test_batch_resume_without_journal_starts_over(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    out = tmp_path / "c.jsonl"
    out.write_text("junk from elsewhere\n")
    assert _run(wire, out, blank_nlp, resume=True) == reference


@pytest.mark.parametrize(
    ("after", "where", "workers"),
    [(1, "claims", 1), (7, "docs", 2), (23, "errors", 1), (40, "journal", 2), (66, "claims", 2)],
    ids=repr,
)
def test_batch_crash_then_resume(
    wire: Path, tmp_path: Path, reference: dict[str, bytes], after: int, where: str, workers: int
) -> None:
    # The process ends after `after` units, half a line written to `where`, nothing flushed
    # since the last checkpoint; resumed, the output equals an uninterrupted run's.
    out = tmp_path / "c.jsonl"
    env = {**os.environ, CRASH_ENV: f"{after}:{where}"}
    cmd = _driver(wire, out, workers=workers, resume=False, every=5)
    crashed = subprocess.run(cmd, env=env, capture_output=True, cwd=ROOT, timeout=120)
    assert crashed.returncode == 70, crashed.stderr.decode()[-2000:]
    path = getattr(output_paths(out), where)
    assert not path.read_bytes().endswith(b"\n")  # the partial line is there
    resumed = subprocess.run(
        _driver(wire, out, workers=workers, resume=True, every=5),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr.decode()[-2000:]
    assert _outputs(out) == reference


def test_batch_sigkill_then_resume(tmp_path: Path, blank_nlp: Language) -> None:
    # A real kill -9 at a moment the process does not choose, workers included.
    corpus = write_reuters_corpus(tmp_path / "corpus", 300)
    reference = _run(corpus, tmp_path / "ref.jsonl", blank_nlp)
    out = tmp_path / "c.jsonl"
    env = {**os.environ, SLOW_ENV: "0.01"}  # ~1.5 s of work on two workers
    proc = subprocess.Popen(
        _driver(corpus, out, workers=2, resume=False, every=10),
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stderr=subprocess.PIPE,
    )
    docs, deadline = output_paths(out).docs, time.monotonic() + 60
    while time.monotonic() < deadline and (not docs.exists() or docs.stat().st_size < 5000):
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before the kill"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    partial = _outputs(out)
    assert 0 < partial["docs"].count(b"\n") < 300
    resumed = subprocess.run(
        _driver(corpus, out, workers=2, resume=True, every=10),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr.decode()[-2000:]
    assert _outputs(out) == reference
    journal = [json.loads(x) for x in output_paths(out).journal.read_bytes().splitlines()[1:]]
    done = [key for entry in journal for key in entry["done"]]
    assert len(done) == len(set(done)) == 300  # no unit done twice


def test_batch_worker_death_is_one_error(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    # An article that kills its worker process costs that article only.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in wire.iterdir():
        (corpus / p.name).write_bytes(p.read_bytes())
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


def test_batch_run_ordered_keeps_order_and_bounds_work() -> None:
    class Handle:
        def __init__(self, chunk: list[Any], log: list[int]) -> None:
            self.chunk, self.log = chunk, log

        def result(self) -> list[Any]:
            self.log.append(-self.chunk[0])
            return self.chunk

    log: list[int] = []

    def submit(chunk: list[Any]) -> Handle:
        log.append(chunk[0])
        return Handle(chunk, log)

    chunks = ([i] for i in range(1, 8))
    assert [r[0] for r in run_ordered(chunks, submit, window=3)] == list(range(1, 8))  # type: ignore[arg-type]
    in_flight = [
        sum(1 for x in log[: i + 1] if x > 0) - sum(1 for x in log[: i + 1] if x < 0)
        for i in range(len(log))
    ]
    assert max(in_flight) == 3


def test_batch_progress_bar(
    wire: Path, tmp_path: Path, blank_nlp: Language, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(wire, tmp_path / "a.jsonl", blank_nlp, progress=None)  # stderr is not a terminal
    assert capsys.readouterr().err == ""
    _run(wire, tmp_path / "b.jsonl", blank_nlp, progress=True)
    err = capsys.readouterr().err
    assert "articles" in err and "claims=" in err and "errors=3, skipped=1" in err


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
        Claim.model_validate_json(x) for x in _outputs(tmp_path / "c.jsonl")["claims"].splitlines()
    ]
    assert claim.doc_id == "stdin#a"


def test_batch_output_inside_the_corpus(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    # Run twice with the output in the corpus: the second run reads none of it.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in wire.iterdir():
        (corpus / p.name).write_bytes(p.read_bytes())
    first = _run(corpus, corpus / "claims.jsonl", blank_nlp)
    _run(corpus, corpus / "other.jsonl", blank_nlp)
    assert _outputs(corpus / "other.jsonl") == first
    assert first["claims"] == reference["claims"]  # paths in the other files differ


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
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path), "-o", "c.jsonl", "--workers", "0"])


def test_batch_cli_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Claim" and "claim_id" in schema["properties"]
