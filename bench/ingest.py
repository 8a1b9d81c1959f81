"""Ingestion of the formats analysts hold: speed and memory of reading, no extraction.

usage: python bench/ingest.py [--pages N] [--page-kb K] [--only FORMAT]

Writes invented articles in a temporary folder as a .warc.gz of N HTML pages of about
K kB each, a .parquet and a .csv of N rows, and N Markdown files; then, each in a fresh
process, walks the file and reads every unit as a batch worker would (Markdown rendered,
HTML extracted by trafilatura) and prints units/s, MB/s of input and the peak resident
memory of the process. Streaming shows as a peak that does not grow with N.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMATS = ("warc", "parquet", "csv", "md")
_COMPANIES = ("Acme Industries", "Borealis Mining", "Cobalt Rail", "Delta Foods", "Ember Power")

MEASURE = """
import sys, time
from models import Document, Settings
from pipeline.ingest.sources import iter_units, read_source
from pipeline.ingest.units import FileSource
settings = Settings()
start, units, chars = time.perf_counter(), 0, 0
for unit in iter_units(sys.argv[1], settings=settings):
    if isinstance(unit, FileSource):
        unit, _ = read_source(unit, settings=settings)
    if isinstance(unit, Document):
        units += 1
        chars += len(unit.text)
seconds = time.perf_counter() - start
# VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the parent's peak across fork and exec.
status = open("/proc/self/status").read().split("VmHWM:")[1]
peak_mb = int(status.split()[0]) / 1024
print(units, chars, seconds, peak_mb)
"""


def paragraph(i: int, words: int) -> str:
    company = _COMPANIES[i % len(_COMPANIES)]
    sentence = f"{company} said it would spend ${i % 90 + 1} billion on new plants in 2025. "
    return sentence * max(words // 13, 1)


def write_inputs(folder: Path, fmt: str, pages: int, page_kb: int) -> Path:
    """Write `pages` invented articles of about `page_kb` kB in one format."""
    words = page_kb * 1024 // 6
    if fmt == "warc":
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        path = folder / "crawl.warc.gz"
        with open(path, "wb") as f:
            writer = WARCWriter(f, gzip=True)
            for i in range(pages):
                html = (
                    f"<html><head><title>Story {i}</title></head><body><nav>Menu</nav>"
                    f"<article><h1>Story {i}</h1><p>{paragraph(i, words)}</p></article>"
                    "</body></html>"
                ).encode()
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
                record = writer.create_warc_record(
                    f"https://news.example/{i}",
                    "response",
                    payload=io.BytesIO(html),
                    http_headers=http,
                )
                writer.write_record(record)
        return path
    if fmt in ("parquet", "csv"):
        import pyarrow as pa
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        path = folder / f"news.{fmt}"
        schema = pa.schema([("id", pa.string()), ("text", pa.string())])
        writer_cls = pq.ParquetWriter if fmt == "parquet" else pacsv.CSVWriter
        with writer_cls(str(path), schema) as writer:
            for start in range(0, pages, 1000):
                ids = [f"n{i}" for i in range(start, min(start + 1000, pages))]
                texts = [paragraph(i, words) for i in range(start, start + len(ids))]
                writer.write_table(pa.table({"id": ids, "text": texts}, schema=schema))
        return path
    path = folder / "md"
    path.mkdir()
    for i in range(pages):
        (path / f"story-{i}.md").write_text(
            f'---\ntitle: "Story {i}"\ndate: 2025-01-02\n---\n'
            f"[{_COMPANIES[i % 5]}](https://q.example/{i}) {paragraph(i, words)}\n",
            encoding="utf-8",
        )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--page-kb", type=int, default=8)
    parser.add_argument("--only", choices=FORMATS, default=None)
    args = parser.parse_args()
    print(f"{'format':8} {'units':>7} {'input MB':>9} {'s':>7} {'units/s':>8} {'MB/s':>6} peak RSS")
    for fmt in [args.only] if args.only else FORMATS:
        with tempfile.TemporaryDirectory() as tmp:
            path = write_inputs(Path(tmp), fmt, args.pages, args.page_kb)
            size = sum(p.stat().st_size for p in [path, *path.rglob("*")] if p.is_file())
            out = subprocess.run(
                [sys.executable, "-c", MEASURE, str(path)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout.split()
            units, _, seconds, peak = int(out[0]), int(out[1]), float(out[2]), float(out[3])
            mb = size / 1e6
            print(
                f"{fmt:8} {units:>7} {mb:>9.1f} {seconds:>7.1f} {units / seconds:>8.0f} "
                f"{mb / seconds:>6.1f} {peak:.0f} MB"
            )


if __name__ == "__main__":
    main()
