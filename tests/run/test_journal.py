"""Crash safety and resumption: real crashes at chosen points, a real SIGKILL, resume.

A subprocess ends abruptly after N units (its driver wraps the journal's `write_result`:
the Nth unit's records are written, no checkpoint follows, half a line goes to the file
named, then os._exit), or is killed with SIGKILL at a moment it does not choose; resumed,
the output equals an uninterrupted run's, byte for byte. No hook for this lives in the
library.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FAKE_SETTINGS as SETTINGS
from conftest import ROOT, SLOW_ENV, fake_extract, read_outputs, run_fake, write_reuters_corpus
from spacy.language import Language

from models import Settings
from pipeline.errors import NewsclaimsError
from pipeline.outputs import output_paths
from pipeline.run.batch import extract_corpus
from pipeline.run.journal import run_lock

# Runs extract_corpus in a subprocess, with the fake linker, for the crash tests; with
# `after` set, the process ends abruptly at the `after`-th unit it writes.
DRIVER = """
import os, sys
sys.path.insert(0, {tests!r})
from conftest import fake_extract
from models import Settings
import pipeline.run.batch as batch
import pipeline.run.journal as journal
from pipeline.run.batch import extract_corpus
import spacy

after, where, written = {after}, {where!r}, [0]
original = journal.write_result

def crashing_write_result(sink, result, counts):
    # A kill at the worst moment: records written but not checkpointed, half a line on disk.
    written[0] += 1
    if after and written[0] >= after:
        journal.checkpoint = lambda sink: None
        original(sink, result, counts)
        f = sink.files[where]
        f.write(b'{{"partial": "line cut by a cra')
        f.flush()
        os._exit(70)
    original(sink, result, counts)

batch.write_result = crashing_write_result
extract_corpus({corpus!r}, {out!r}, settings=Settings(max_chars=100_000),
               nlp=spacy.blank("en"), workers={workers}, resume={resume},
               extract=fake_extract, checkpoint_every={every}, progress=False)
"""


def _driver(
    corpus: Path,
    out: Path,
    *,
    workers: int,
    resume: bool,
    every: int,
    after: int = 0,
    where: str = "claims",
) -> list[str]:
    code = DRIVER.format(
        after=after,
        where=where,
        tests=str(ROOT / "tests"),
        corpus=str(corpus),
        out=str(out),
        workers=workers,
        resume=resume,
        every=every,
    )
    return [sys.executable, "-c", code]


def test_journal_resume_after_a_finished_run(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    out = tmp_path / "c.jsonl"
    run_fake(wire, out, blank_nlp)
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
    assert read_outputs(out) == reference
    assert summary.resumed == 60 + 3 + 3 and summary.errors == 3  # counts include the past


def test_journal_resume_refuses_other_settings(
    wire: Path, tmp_path: Path, blank_nlp: Language
) -> None:
    out = tmp_path / "c.jsonl"
    run_fake(wire, out, blank_nlp)
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


def test_journal_resume_without_journal_starts_over(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    out = tmp_path / "c.jsonl"
    assert run_fake(wire, out, blank_nlp, resume=True) == reference  # nothing to resume


def test_journal_never_replaces_a_file_it_did_not_write(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    # A claims file with no journal beside it is someone else's: refused, untouched,
    # with or without --resume; --overwrite replaces it on purpose.
    out = tmp_path / "c.jsonl"
    out.write_text("junk from elsewhere\n")
    for resume in (False, True):
        with pytest.raises(NewsclaimsError, match=r"\[E312\].*--overwrite"):
            run_fake(wire, out, blank_nlp, resume=resume)
        assert out.read_text() == "junk from elsewhere\n"
    assert run_fake(wire, out, blank_nlp, overwrite=True) == reference


@pytest.mark.parametrize(
    ("after", "where", "workers"),
    [(1, "claims", 1), (7, "docs", 2), (23, "errors", 1), (40, "journal", 2), (66, "claims", 2)],
    ids=repr,
)
def test_journal_crash_then_resume(
    wire: Path, tmp_path: Path, reference: dict[str, bytes], after: int, where: str, workers: int
) -> None:
    # The process ends after `after` units, half a line written to `where`, nothing flushed
    # since the last checkpoint; resumed, the output equals an uninterrupted run's.
    out = tmp_path / "c.jsonl"
    cmd = _driver(wire, out, workers=workers, resume=False, every=5, after=after, where=where)
    crashed = subprocess.run(cmd, capture_output=True, cwd=ROOT, timeout=120)
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
    assert read_outputs(out) == reference


@pytest.mark.parametrize(
    ("after", "where"), [(3, "docs"), (20, "claims"), (47, "errors"), (75, "docs")]
)
def test_journal_crash_then_resume_every_format(
    formats: Path, tmp_path: Path, blank_nlp: Language, after: int, where: str
) -> None:
    # Dataset rows are units of their own: a crash inside a Parquet or CSV file resumes
    # at the row after the last checkpoint, and the output is the uninterrupted one.
    reference = run_fake(formats, tmp_path / "ref.jsonl", blank_nlp)
    out = tmp_path / "c.jsonl"
    cmd = _driver(formats, out, workers=1, resume=False, every=5, after=after, where=where)
    crashed = subprocess.run(cmd, capture_output=True, cwd=ROOT, timeout=120)
    assert crashed.returncode == 70, crashed.stderr.decode()[-2000:]
    resumed = subprocess.run(
        _driver(formats, out, workers=1, resume=True, every=5),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr.decode()[-2000:]
    assert read_outputs(out) == reference


def test_journal_sigkill_then_resume(tmp_path: Path, blank_nlp: Language) -> None:
    # A real kill -9 at a moment the process does not choose, workers included.
    corpus = write_reuters_corpus(tmp_path / "corpus", 300)
    reference = run_fake(corpus, tmp_path / "ref.jsonl", blank_nlp)
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
    partial = read_outputs(out)
    assert 0 < partial["docs"].count(b"\n") < 300
    resumed = subprocess.run(
        _driver(corpus, out, workers=2, resume=True, every=10),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr.decode()[-2000:]
    assert read_outputs(out) == reference
    journal = [json.loads(x) for x in output_paths(out).journal.read_bytes().splitlines()[1:]]
    done = [key for entry in journal for key in entry["done"]]
    assert len(done) == len(set(done)) == 300  # no unit done twice


def test_journal_refuses_a_second_run_on_the_same_output(
    wire: Path, tmp_path: Path, blank_nlp: Language
) -> None:
    out = tmp_path / "c.jsonl"
    with run_lock(output_paths(out)):
        with pytest.raises(NewsclaimsError, match="Another run is writing"):
            run_fake(wire, out, blank_nlp)
    run_fake(wire, out, blank_nlp)  # the lock is gone with its holder


def test_journal_disk_full_stops_with_a_message_and_resume_continues(
    wire: Path,
    tmp_path: Path,
    blank_nlp: Language,
    reference: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The device fills up after 30 units: one sentence, the checkpointed part kept, and
    # --resume (with room again) gives the uninterrupted run's bytes.
    import errno

    import pipeline.run.batch as batch

    written = [0]
    original = batch.write_result

    def filling(*args: object) -> None:
        written[0] += 1
        if written[0] > 30:
            raise OSError(errno.ENOSPC, "No space left on device")
        original(*args)  # type: ignore[arg-type]

    out = tmp_path / "c.jsonl"
    monkeypatch.setattr(batch, "write_result", filling)
    with pytest.raises(NewsclaimsError, match=r"\[E311\] No space left.*--resume"):
        run_fake(wire, out, blank_nlp, checkpoint_every=5)
    monkeypatch.setattr(batch, "write_result", original)
    assert 0 < read_outputs(out)["docs"].count(b"\n") < 60
    assert run_fake(wire, out, blank_nlp, resume=True) == reference


def test_journal_disk_full_on_a_real_small_filesystem(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    # A 16 KiB tmpfs holds less than the run writes; made bigger, --resume finishes it.
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (root only): {made.stderr.decode().strip()}")
    try:
        out = mount / "c.jsonl"
        with pytest.raises(NewsclaimsError, match=r"\[E311\]"):
            run_fake(wire, out, blank_nlp, checkpoint_every=5)
        subprocess.run(["mount", "-o", "remount,size=4m", str(mount)], check=True)
        assert run_fake(wire, out, blank_nlp, resume=True) == reference
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_journal_fresh_run_killed_after_its_header_resumes_from_the_start(
    wire: Path, tmp_path: Path, blank_nlp: Language, reference: dict[str, bytes]
) -> None:
    # A fresh run writes its journal header before it empties the data files: killed in
    # between, the data files still hold an older run and the journal vouches for none of
    # it, so --resume starts over and gives the uninterrupted run's bytes.
    out = tmp_path / "c.jsonl"
    run_fake(wire, out, blank_nlp)
    journal = output_paths(out).journal
    journal.write_bytes(journal.read_bytes().split(b"\n")[0] + b"\n")  # the header only
    assert run_fake(wire, out, blank_nlp, resume=True) == reference


def test_journal_resume_names_a_file_shorter_than_the_journal_says(
    wire: Path, tmp_path: Path, blank_nlp: Language
) -> None:
    out = tmp_path / "c.jsonl"
    run_fake(wire, out, blank_nlp)
    docs = output_paths(out).docs
    docs.write_bytes(docs.read_bytes()[:100])
    with pytest.raises(NewsclaimsError, match=r"\[E314\] Cannot resume: '.*c\.docs\.jsonl' holds"):
        run_fake(wire, out, blank_nlp, resume=True)


def test_journal_killed_at_random_moments_then_resumed(tmp_path: Path, blank_nlp: Language) -> None:
    # kill -9 at several moments the run does not choose (seeded, so a failure can be
    # replayed), the later kills landing during a resume; the last resume gives the
    # uninterrupted run's bytes, and no unit is ever done twice.
    import random

    corpus = write_reuters_corpus(tmp_path / "corpus", 300)
    reference = run_fake(corpus, tmp_path / "ref.jsonl", blank_nlp)
    out = tmp_path / "c.jsonl"
    # slow enough that every moment below falls inside a run on a fast, idle machine too
    env = {**os.environ, SLOW_ENV: "0.05"}
    moments = random.Random(12).sample(range(200, 2000, 50), 4)  # ms after output appears
    kills = 0
    for i, moment in enumerate(moments):
        proc = subprocess.Popen(
            _driver(corpus, out, workers=2, resume=i > 0, every=10),
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stderr=subprocess.PIPE,
        )
        docs, deadline = output_paths(out).docs, time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and not docs.exists():
            time.sleep(0.01)
        time.sleep(moment / 1000)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
    assert kills >= 2, moments
    resumed = subprocess.run(
        _driver(corpus, out, workers=2, resume=True, every=10),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stderr.decode()[-2000:]
    assert read_outputs(out) == reference
    journal = [json.loads(x) for x in output_paths(out).journal.read_bytes().splitlines()[1:]]
    done = [key for entry in journal for key in entry["done"]]
    assert len(done) == len(set(done)) == 300
