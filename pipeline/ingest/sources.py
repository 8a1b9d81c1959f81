"""Read a corpus into `Document`s: a folder (recursively), one file, or standard input.

Ingestion is split in two so that a batch can spread the costly part over workers:
`iter_units` walks the corpus in a stable order and yields a `FileSource` per article
file (cheap: no file is opened), a ready `Document` per `.jsonl` record, and an
`ErrorRecord` for whatever cannot be an article (a symlink loop, a line that is not
JSON); `read_source` then reads, decodes and extracts one `FileSource`. `iter_documents`
chains both for callers that want plain documents.

Every offset downstream points into `Document.text` exactly as returned here: the text
as decoded, with a Reuters date line kept in it; for HTML the article text trafilatura
extracts; for Markdown the rendered text (`pipeline.ingest.markdown`), whose
`source_map` leads back to the file. Bad input never raises: it becomes an `ErrorRecord`.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from models import DateSource, Document, ErrorRecord, Settings, SourceFormat, SourceMap
from pipeline.errors import Errors, InputError
from pipeline.ingest.datasets import iter_dataset
from pipeline.ingest.decode import (
    MAX_HTML_DEPTH,
    decode_bytes,
    document_date,
    html_article,
    html_depth,
)
from pipeline.ingest.jsonl import iter_jsonl, iter_stdin
from pipeline.ingest.markdown import cut_source_map, render_markdown
from pipeline.ingest.units import (
    STDIN,
    SURROGATE_RE,
    FileSource,
    Unit,
    byte_limit,
    error_record,
    truncated_reason,
)
from pipeline.ingest.warc import iter_archive
from pipeline.outputs import is_output_name

# File name endings read as articles (compared in lower case); anything else is ignored.
SUFFIXES: dict[str, SourceFormat] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".parquet": "parquet",
    ".csv": "csv",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".wet": "wet",
    ".wet.gz": "wet",  # Common Crawl names them .warc.wet.gz
}
# Files of kinds newsclaims does not read but a user may expect it to: each gets a
# "skipped" record saying so (other files are ignored without a word).
UNREAD_KINDS: dict[str, str] = {
    ".pdf": "PDF files are not read: convert it to text (.txt) first",
    ".doc": "Word files are not read: save it as text (.txt) or HTML first",
    ".docx": "Word files are not read: save it as text (.txt) or HTML first",
    ".rtf": "RTF files are not read: save it as text (.txt) first",
}
# Never read, whatever links lead there: the kernel's and the devices' pseudo-files.
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))
NOT_UTF8_NAME = "the file name is not valid UTF-8 (shown escaped): rename the file to read it"


def is_unread_kind(unit: Unit) -> bool:
    """True for the record of a file of a kind newsclaims does not read (a PDF).

    >>> is_unread_kind(ErrorRecord(path="a.pdf", reason=UNREAD_KINDS[".pdf"], severity="skipped"))
    True
    """
    return isinstance(unit, ErrorRecord) and unit.reason in UNREAD_KINDS.values()


def iter_units(
    corpus: str | Path,
    *,
    settings: Settings,
    exclude: Collection[Path] = (),
    stdin: BinaryIO | None = None,
    follow_links: bool = False,
) -> Iterator[Unit]:
    """Walk a corpus in a stable order (sorted by name) and yield its units of work.

    A symbolic link inside a folder corpus whose target lies outside the corpus gets a
    "skipped" record and is not read, unless `follow_links`; files under /proc, /sys and
    /dev are never read.

    corpus (str | Path): A folder, one file, or "-" for standard input.
    settings (Settings): Run options (max_chars, default_date).
    exclude (Collection[Path]): Files never read (the run's own outputs).
    stdin (BinaryIO | None): The stream "-" stands for; sys.stdin's buffer when None.
    follow_links (bool): Read links whose targets lie outside the corpus too.
    RETURNS (Iterator[Unit]): A FileSource per article file, a Document per .jsonl record,
        an ErrorRecord per input that cannot be an article.
    """
    if str(corpus) == STDIN:
        if stdin is None:
            import sys

            stdin = sys.stdin.buffer
        yield from iter_stdin(stdin, settings=settings)
        return
    root = Path(corpus)
    if not root.exists() and not root.is_symlink():
        raise InputError(Errors.E002.format(path=str(corpus)))
    excluded = {_resolve(p) for p in exclude}
    if root.is_dir():
        walk = _Walk(root, _resolve(root), excluded, settings, follow_links)
        yield from _walk(walk, root, frozenset(), {})
    elif SURROGATE_RE.search(str(root)):
        yield _nameerror_record(str(root), root.name)
    else:
        yield from _file_units(root, root.name, format_of(root.name) or "txt", settings)


def read_source(
    source: FileSource, *, settings: Settings
) -> tuple[Document | None, tuple[ErrorRecord, ...]]:
    """Read, decode and (for HTML) extract one article file.

    source (FileSource): The file, from `iter_units`.
    settings (Settings): Run options (max_chars, default_date).
    RETURNS (tuple[Document | None, tuple[ErrorRecord, ...]]): The document, or None when
        the file holds no article; and what the errors file should say about it.
    """
    limit = byte_limit(settings.max_chars)
    loaded = with_bytes(source, settings=settings)
    if isinstance(loaded, ErrorRecord):
        return None, (loaded,)
    data = loaded.data or b""
    if not data.strip():
        return None, (error_record(source, "empty file", "skipped"),)
    cut = len(data) > limit
    decoded = decode_bytes(data[:limit], partial=cut)
    if isinstance(decoded, str):
        return None, (error_record(source, decoded),)
    problems: list[ErrorRecord] = []
    if decoded.note:
        problems.append(error_record(source, decoded.note, "warning"))
    text, url = decoded.text, None
    date: dt.date | None = None
    date_source: DateSource | None = None
    source_map: SourceMap | None = None
    if source.format in ("html", "warc"):
        article = html_article(text)
        if article is None:
            return None, (*problems, error_record(source, _no_article_reason(text), "skipped"))
        text, date, url = article
        date_source = "html_meta" if date else None
        url = source.url or url  # an archive's WARC-Target-URI: the address fetched
    elif source.format == "md":
        rendered = render_markdown(text)
        text, date, url, source_map = (
            rendered.text,
            rendered.date,
            rendered.url,
            rendered.source_map,
        )
        date_source = "front_matter" if date else None
        if rendered.problem:
            problems.append(error_record(source, rendered.problem, "warning"))
    elif source.format == "wet":
        url = source.url
    truncated = cut or len(text) > settings.max_chars
    if truncated:
        text = text[: settings.max_chars]
        if source_map is not None:
            source_map = cut_source_map(source_map, settings.max_chars)
        problems.append(error_record(source, truncated_reason(settings.max_chars), "warning"))
    if not text.strip():
        return None, (*problems, error_record(source, "no text after decoding", "skipped"))
    if date is None and source.date is not None:  # an archive's WARC-Date
        date, date_source = source.date, "warc_header"
    date, date_source = document_date(text, date, date_source, settings)
    doc = Document(
        id=source.doc_id,
        text=text,
        date=date,
        path=source.path,
        url=url,
        encoding_note=decoded.note,
        format=source.format,
        date_source=date_source,
        encoding=decoded.encoding,
        truncated=truncated,
        source_map=source_map,
    )
    return doc, tuple(problems)


def with_bytes(source: FileSource, *, settings: Settings) -> FileSource | ErrorRecord:
    """Read a file's bytes (at most `byte_limit(max_chars) + 1`) into its FileSource.

    A Dask client calls this so that workers need no access to the corpus files.

    source (FileSource): The file.
    settings (Settings): Run options (max_chars).
    RETURNS (FileSource | ErrorRecord): The source with `data` set, or why it cannot be read.
    """
    if source.data is not None:
        return source
    try:
        with open(source.path, "rb") as f:
            data = f.read(byte_limit(settings.max_chars) + 1)
    except OSError as e:
        return error_record(source, f"cannot read the file: {_os_reason(e)}")
    return source._replace(data=data)


def iter_documents(
    corpus: str | Path, *, settings: Settings | None = None, exclude: Collection[Path] = ()
) -> Iterator[Document | ErrorRecord]:
    """Yield the documents of a corpus, read in this process, and a record per problem.

    corpus (str | Path): A folder, one file, or "-" for standard input.
    settings (Settings | None): Run options; defaults when None.
    exclude (Collection[Path]): Files never read.
    RETURNS (Iterator[Document | ErrorRecord]): Documents and error records, in corpus order.
    """
    settings = settings or Settings()
    for unit in iter_units(corpus, settings=settings, exclude=exclude):
        if isinstance(unit, FileSource):
            doc, problems = read_source(unit, settings=settings)
            yield from problems
            if doc is not None:
                yield doc
        else:
            yield unit


class _Walk(NamedTuple):
    # What stays the same over a whole walk.
    root: Path
    resolved_root: Path
    excluded: set[Path]
    settings: Settings
    follow_links: bool


def _walk(
    walk: _Walk,
    folder: Path,
    ancestors: frozenset[tuple[int, int]],
    seen: dict[tuple[int, int], str],
) -> Iterator[Unit]:
    root, excluded, settings = walk.root, walk.excluded, walk.settings
    # Folders are followed through symlinks; (device, inode) pairs catch loops and
    # folders reached twice, which would otherwise be read under two sets of ids.
    st = os.stat(folder)
    key = (st.st_dev, st.st_ino)
    rel = folder.relative_to(root).as_posix()
    if key in ancestors:
        reason = "symlink loop: a folder inside itself"
        yield ErrorRecord(path=str(folder), reason=reason, severity="skipped", doc_id=rel)
        return
    if key in seen:
        reason = f"folder already read as {seen[key]!r}"
        yield ErrorRecord(path=str(folder), reason=reason, severity="skipped", doc_id=rel)
        return
    seen[key] = str(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        reason = f"cannot list the folder: {_os_reason(e)}"
        yield ErrorRecord(path=str(folder), reason=reason, doc_id=rel)
        return
    names = {e.name for e in entries}
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .venv, editor files
        path = Path(entry.path)
        refused = _refused_entry(walk, entry, path)
        if refused is not None:
            yield refused
            continue
        fmt = format_of(path.name)
        try:
            is_dir = path.is_dir()
        except OSError as e:  # ELOOP on a file symlink loop (a.txt -> b.txt -> a.txt)
            yield _staterror_record(path, e, fmt).model_copy(update={"doc_id": _rel(root, path)})
            continue
        if is_dir:  # a folder, even one named "x.txt", is read as a folder
            yield from _walk(walk, path, ancestors | {key}, seen)
            continue
        if fmt is None:
            if entry.is_symlink() and not path.exists():
                yield from _broken_link(path, _rel(root, path))
            elif path.suffix.lower() in UNREAD_KINDS:
                reason = UNREAD_KINDS[path.suffix.lower()]
                yield ErrorRecord(
                    path=str(path), reason=reason, severity="skipped", doc_id=_rel(root, path)
                )
            continue
        if _is_output(path, names, excluded):
            continue
        if not path.exists():
            yield from _broken_link(path, _rel(root, path))
            continue
        if not stat.S_ISREG(path.stat().st_mode):  # a named pipe would block the read
            reason = "not a regular file"
            yield ErrorRecord(
                path=str(path), reason=reason, severity="skipped", doc_id=_rel(root, path)
            )
            continue
        yield from _file_units(path, _rel(root, path), fmt, settings)


def format_of(name: str) -> SourceFormat | None:
    """The format a file is read as, by its name's ending; None for a file not read.

    >>> format_of("CC-NEWS-2024.warc.gz"), format_of("x.warc.wet.gz"), format_of("a.gz")
    ('warc', 'wet', None)
    """
    low = name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if low.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def _file_units(path: Path, rel: str, fmt: SourceFormat, settings: Settings) -> Iterator[Unit]:
    if fmt in ("parquet", "csv"):
        yield from iter_dataset(path, rel=rel, fmt=fmt, settings=settings)
        return
    if fmt in ("warc", "wet"):
        limit = byte_limit(settings.max_chars)
        for item in iter_archive(path, rel=rel, max_bytes=limit):
            if isinstance(item, ErrorRecord):
                yield item
                continue
            kind: SourceFormat = "warc" if item.kind == "html" else "wet"
            doc_id = f"{rel}#{item.record_id}"
            yield FileSource(doc_id, str(path), kind, item.data, item.url, item.date)
        return
    if fmt != "jsonl":
        yield FileSource(rel, str(path), fmt)
        return
    try:
        with open(path, "rb") as f:
            yield from iter_jsonl(f, rel=rel, path=str(path), settings=settings)
    except OSError as e:
        reason = f"cannot read the file: {_os_reason(e)}"
        yield ErrorRecord(path=str(path), reason=reason, doc_id=rel)


def _no_article_reason(html: str) -> str:
    # Why a page gave no article text: too deep for the parser, or none there.
    depth = html_depth(html)
    if depth > MAX_HTML_DEPTH:
        return (
            f"no article text in the HTML: its elements nest {depth} deep, deeper than "
            f"the HTML parser reads ({MAX_HTML_DEPTH})"
        )
    return "no article text in the HTML"


def _is_output(path: Path, names: set[str], excluded: set[Path]) -> bool:
    # The run's own outputs (any name: "-o run.txt" is allowed) and earlier runs' ones.
    if any(path.name == p.name for p in excluded) and _resolve(path) in excluded:
        return True
    if is_output_name(path.name):
        return True
    # A claims file of an earlier run has its docs or journal file beside it, and so
    # has its export (`newsclaims export claims.jsonl -o claims.parquet`).
    stem, dot, suffix = path.name.rpartition(".")
    if not dot or suffix.lower() not in ("jsonl", "parquet", "csv"):
        return False
    return f"{stem}.docs.jsonl" in names or f"{stem}.journal.jsonl" in names


def _refused_entry(walk: _Walk, entry: os.DirEntry[str], path: Path) -> ErrorRecord | None:
    # The record of an entry that is never read: a name that is not UTF-8 (kept by
    # os.fsdecode as surrogates), or a symbolic link that may not be followed.
    if SURROGATE_RE.search(entry.path):
        return _nameerror_record(entry.path, _rel(walk.root, path))
    if not entry.is_symlink():
        return None
    target = _resolve(path)
    if any(target.is_relative_to(folder) for folder in SYSTEM_FOLDERS):
        reason = f"a link to {target}: system files are never read"
    elif not walk.follow_links and not target.is_relative_to(walk.resolved_root):
        reason = f"a link to {target}, outside the corpus: not read (--follow-links reads it)"
    else:
        return None
    return ErrorRecord(
        path=str(path), reason=reason, severity="skipped", doc_id=_rel(walk.root, path)
    )


def _nameerror_record(path: str, rel: str) -> ErrorRecord:
    # A name with bytes that are not UTF-8 cannot go into a JSON record as it is: escaped.
    def shown(name: str) -> str:
        return os.fsencode(name).decode("utf-8", "backslashreplace")

    return ErrorRecord(path=shown(path), reason=NOT_UTF8_NAME, doc_id=shown(rel))


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()


def _staterror_record(path: Path, e: OSError, fmt: SourceFormat | None) -> ErrorRecord:
    if e.errno == errno.ELOOP:
        return ErrorRecord(path=str(path), reason="symlink loop", severity="skipped")
    severity = "error" if fmt else "skipped"
    return ErrorRecord(path=str(path), reason=f"cannot read: {_os_reason(e)}", severity=severity)


def _broken_link(path: Path, rel: str) -> Iterator[ErrorRecord]:
    if path.is_symlink():
        try:
            os.stat(path)
        except OSError as e:
            if e.errno == errno.ELOOP:
                reason = "symlink loop"
                yield ErrorRecord(path=str(path), reason=reason, severity="skipped", doc_id=rel)
                return
        if format_of(path.name) is not None:
            reason = "broken symlink: its target does not exist"
            yield ErrorRecord(path=str(path), reason=reason, doc_id=rel)


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _os_reason(e: OSError) -> str:
    return e.strerror or type(e).__name__
