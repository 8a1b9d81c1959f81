"""Bytes to text and document dates, from tables.

DECODE rows are byte strings with the text and encoding expected (None: not text);
DATES rows are (text, metadata date, --date) with the date and rule expected.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest

from models import Settings
from pipeline.ingest.decode import decode_bytes, document_date, html_article


class Dec(NamedTuple):
    data: bytes
    partial: bool
    text: str | None
    encoding: str | None


DECODE = [
    Dec(b"1987-03-01\nACME\n", False, "1987-03-01\nACME\n", "utf-8"),
    Dec(b"\xef\xbb\xbfBOM", False, "BOM", "utf-8"),
    Dec("UTF-16 $5".encode("utf-16"), False, "UTF-16 $5", "utf-16"),
    Dec("€5".encode()[:2], True, "", "utf-8"),  # cut inside the euro sign
    Dec(b"GIF89a\x00\x01\x02", False, None, None),
]


@pytest.mark.parametrize("case", DECODE, ids=repr)
def test_decode_bytes(case: Dec) -> None:
    got = decode_bytes(case.data, partial=case.partial)
    if case.text is None:
        assert isinstance(got, str) and "binary" in got
    else:
        assert not isinstance(got, str)
        assert (got.text, got.encoding, got.note) == (case.text, case.encoding, None)


def test_decode_not_utf8_is_guessed_and_said() -> None:
    text = "Der Konzern investiert 5 Milliarden Euro in neue Fabriken für Halbleiter. " * 4
    got = decode_bytes(text.encode("cp1252"), partial=False)
    assert not isinstance(got, str) and got.note is not None
    assert "für" in got.text and got.encoding in got.note


class Date(NamedTuple):
    text: str
    meta: dt.date | None
    default: dt.date | None
    date: dt.date | None
    source: str | None


D1, D2 = dt.date(2024, 5, 3), dt.date(2020, 1, 1)
DATES = [
    Date("1987-03-26\nHEADLINE\n", None, D2, dt.date(1987, 3, 26), "first_line"),
    Date("\n  1987-03-26  \nHEADLINE\n", None, None, dt.date(1987, 3, 26), "first_line"),
    Date("1987-03-26 said the report\n", None, D2, D2, "default"),  # not alone on its line
    Date("HEADLINE\n1987-03-26\n", None, None, None, None),  # not the first line
    Date("1987-02-30\n", None, None, None, None),  # not a date
    Date("1987-03-26\n", D1, D2, D1, "front_matter"),  # metadata wins
]


@pytest.mark.parametrize("case", DATES, ids=repr)
def test_decode_document_date(case: Date) -> None:
    source = "front_matter" if case.meta else None
    got = document_date(case.text, case.meta, source, Settings(default_date=case.default))
    assert got == (case.date, case.source)


def test_decode_html_article() -> None:
    page = (
        "<html><head><title>Acme builds</title><meta name='date' content='2023-01-05'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/m'>$9bn deals</a></nav><article>"
        "<p>Acme Corp said it would spend $5 billion on a new plant in Ohio next year.</p>"
        "</article></body></html>"
    )
    text, date, _ = html_article(page) or ("", None, None)
    assert text.startswith("Acme builds\n\n") and "$5 billion" in text and "$9bn" not in text
    assert date == dt.date(2023, 1, 5)
    assert html_article("<html><body><script>var a = '$5bn';</script></body></html>") is None


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Der Konzern investiert in neue Fabriken für Halbleiter, sagte er. " * 3, "cp1252"),
        ("He said it would spend \u201cabout $5 billion\u201d on chips. " * 3, "cp1252"),
        ("Компания потратит 5 миллиардов рублей на новые заводы в этом году. " * 3, "cp1251"),
        ("Η εταιρεία θα δαπανήσει 5 δισεκατομμύρια ευρώ σε νέα εργοστάσια. " * 3, "cp1253"),
        # Short Western text, where the detector guessed cp775 or mac_latin2 (issue 12).
        ("Société Générale will invest €500 million", "cp1252"),
        ("Müller AG to spend €5 million", "cp1252"),
        ("Nestlé plans £300 million for a café chain", "latin-1"),
        ("Компания потратит 5 миллиардов рублей", "cp1251"),
    ],
    ids=["german", "curly-quotes", "russian", "greek", "short-french", "short-german",
         "short-latin-1", "short-russian"],
)  # fmt: skip
def test_decode_legacy_encodings(text: str, codec: str) -> None:
    got = decode_bytes(text.encode(codec), partial=False)
    assert not isinstance(got, str) and got.text == text
    assert got.note is not None and f"read as {got.encoding}" in got.note  # the guess is said
