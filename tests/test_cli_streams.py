"""The command as other programs run it: a closed pipe, a version, a warning (issue 12)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from conftest import ROOT

from pipeline.cli import main

# Commands whose reader goes away before they write: they end quietly with SIGPIPE's
# status (128 + 13), as Unix tools do, and never print a traceback.
CLOSED_PIPE = [
    ("amounts", b"Acme will spend $5 billion.\n" * 20_000),
    ("schema", b""),
]


@pytest.mark.parametrize(("command", "stdin"), CLOSED_PIPE, ids=[c[0] for c in CLOSED_PIPE])
def test_cli_closed_pipe_ends_quietly(command: str, stdin: bytes) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stdin is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone (`| head -1` after its line) before any write
    time.sleep(0.1)
    try:
        proc.stdin.write(stdin)
        proc.stdin.close()
    except BrokenPipeError:  # it may have ended first
        pass
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, err
    assert "Traceback" not in err and "Exception ignored" not in err, err


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("newsclaims ") and out.split()[1][0].isdigit()


def test_cli_timeout_with_dask_warns_and_unreachable_scheduler_is_one_sentence(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    # Nothing listens on port 1: the run is refused in one sentence, no output file made,
    # after the warning that --timeout does not apply on Dask.
    out = tmp_path / "D" / "c.jsonl"  # type: ignore[operator]
    argv = ["extract", str(ROOT / "corpus"), "-o", str(out), "--engine", "dask"]
    argv += ["--scheduler", "tcp://127.0.0.1:1", "--timeout", "5", "--quiet"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "[W002] --timeout is not enforced with --engine dask" in err
    assert "[E310] Cannot reach the Dask scheduler at 'tcp://127.0.0.1:1'" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 2
    assert not out.parent.exists()
