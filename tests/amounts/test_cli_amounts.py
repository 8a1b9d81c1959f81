"""The `newsclaims amounts` contract, run as other tools run it: a subprocess.

One JSON object per input line, in order, flushed; empty or malformed lines give
an empty list; it never crashes; `--dollar` sets what a bare "$" means; it does
not import spaCy or pandas.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

AMOUNT_KEYS = {"text", "value", "min", "max", "currency", "qualifier", "start", "end"}


def _run(stdin: bytes, *args: str) -> list[dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "amounts", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def test_cli_amounts_one_line_out_per_line_in() -> None:
    rows = _run(b"over 200 billion yuan (roughly $30 billion)\n\nno money here\n1.5 mln dlrs\n")
    assert [row["text"] for row in rows] == [
        "over 200 billion yuan (roughly $30 billion)",
        "",
        "no money here",
        "1.5 mln dlrs",
    ]
    first = rows[0]["amounts"]
    assert isinstance(first, list) and len(first) == 2
    assert AMOUNT_KEYS | {"equivalent_of"} == set(first[0])
    assert (first[0]["value"], first[0]["currency"], first[0]["qualifier"]) == (2e11, "CNY", "over")
    assert first[1]["equivalent_of"] == 0
    assert rows[1]["amounts"] == [] and rows[2]["amounts"] == []


@pytest.mark.parametrize(
    "line",
    [
        b"\xff\xfe\x00\x01 $5 \xc3",  # not UTF-8, with NUL and control bytes
        b"\r$5\r",  # a lone carriage return is text, not a line break
        b"$" * 10_000,
        b"9" * 50_000 + b" mln dlrs",
        "\u202e$5\u200b mln dlrs \U0001f4b0 ¥".encode(),
    ],
    ids=["binary", "carriage-returns", "dollar-signs", "long-number", "unicode"],
)
def test_cli_amounts_never_crashes(line: bytes) -> None:
    rows = _run(line + b"\nC$5\n")
    assert len(rows) == 2
    assert isinstance(rows[0]["amounts"], list)
    assert rows[1]["amounts"][0]["currency"] == "CAD"  # type: ignore[index]


def test_cli_amounts_dollar_option() -> None:
    rows = _run(b"$5 and 3 dlrs and US$2\n", "--dollar", "AUD")
    assert [a["currency"] for a in rows[0]["amounts"]] == ["AUD", "AUD", "USD"]  # type: ignore[union-attr]


def test_cli_amounts_bad_dollar_option() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "amounts", "--dollar", "dollars"],
        input=b"$5\n",
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert b"ISO 4217" in done.stderr


def test_cli_amounts_does_not_import_spacy_or_pandas() -> None:
    code = (
        "import io, sys\n"
        "sys.stdin = io.StringIO('$5\\n')\n"
        "from pipeline.cli import main\n"
        "main(['amounts'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'pandas'))\n"
        "print(heavy, file=sys.stderr)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()


def test_cli_amounts_streams_one_line_at_a_time() -> None:
    # The answer to a line comes before the next line is written (flushed per line).
    with subprocess.Popen(
        [sys.executable, "-m", "pipeline", "amounts"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        answers = []
        for line in (b"$5 bn\n", b"12 mln stg\n"):
            proc.stdin.write(line)
            proc.stdin.flush()
            answers.append(json.loads(proc.stdout.readline()))
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    assert [a["amounts"][0]["currency"] for a in answers] == ["USD", "GBP"]


# Issue 11, as a new user tries it: each line through the command, with the value
# and currency it must give (or nothing at all, never a part of the number).
ISSUE_11_LINES = [
    ("The buyer paid $3MM for the lot.", 3e6, "USD", "CAD"),
    ("Revenue was $12 500 million.", 12.5e9, "USD", "CAD"),
    ("The Rs4,250-crore canal plan.", 42.5e9, "INR", "INR"),
    ("The $2.5-billion takeover of the mill.", 2.5e9, "USD", "CAD"),
    ("Three $ 200 vouchers were given out.", 200.0, "USD", "CAD"),
    ("one billion two hundred million dollars", 1.2e9, "USD", "CAD"),
    ("Umsatz von € 3,5 Mrd.", 3.5e9, "EUR", "EUR"),
    ("the mill took a c $ 16.4 million charge", 16.4e6, "CAD", "CAD"),
    ("sales rose to hk $ 10.05 billion", 10.05e9, "HKD", "HKD"),
    ("a deal of 40 MEUR", 40e6, "EUR", "EUR"),
    ("tea costs 100元 a pot", 100.0, "CNY", "CNY"),
    ("the state borrows KSh 20 billion", 20e9, "KES", "KES"),
]


@pytest.mark.parametrize("dollar", ["USD", "CAD"])
def test_cli_amounts_issue_11_table(dollar: str) -> None:
    stdin = "".join(line + "\n" for line, *_ in ISSUE_11_LINES) + "15-20 usd per seat\n"
    rows = _run(stdin.encode("utf-8"), "--dollar", dollar)
    for (line, value, usd_reading, cad_reading), row in zip(ISSUE_11_LINES, rows, strict=False):
        want = usd_reading if dollar == "USD" else cad_reading
        got = [(a["value"], a["currency"]) for a in row["amounts"]]  # type: ignore[union-attr]
        assert got == [(value, want)], line
    ranged = rows[-1]["amounts"][0]  # type: ignore[index]
    assert (ranged["min"], ranged["max"], ranged["currency"]) == (15.0, 20.0, "USD")
