"""Benchmark `newsclaims report` on a whole archive: build time, sizes, render times.

For each subset of the claims file (the claims and documents of the first N% of the
documents, in the documents file's order), one run of `newsclaims report --quiet`
in a fresh process is timed end to end (reading, consolidation, every page written),
and the report folder's size, its first page's size and its largest page are measured,
so that growth with the corpus can be read off the rows. On the largest subset, pages
are then opened one at a time in headless Chromium (Debian's, driven by Playwright):
the overview, the article list, the largest spender and article pages and a sample of
the others (`--all`: every page, and the slowest ten); each page's time from navigation
to its load event is reported, with any console error or request that is not the page
itself. Targets (issue 13): built in <= 60 s, first page <= 2 MB, every page rendered in
<= 3 s; the exit status is 1 when one is missed.

    newsclaims extract /tmp/reuters/reuters21578 -o /tmp/reuters_claims/claims.jsonl
    python bench/report.py /tmp/reuters_claims/claims.jsonl --subset 25% --subset 100%
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_CLAIMS = Path("/tmp/reuters_claims/claims.jsonl")
CHROMIUM = Path("/usr/bin/chromium")
BUILD_SECONDS = 60.0
FIRST_PAGE_BYTES = 2_000_000
RENDER_SECONDS = 3.0
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.claims.exists():
        print(f"no claims file {args.claims}: run newsclaims extract first", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newsclaims-bench-report-"))
    try:
        rows = [_build(args.claims, subset, work) for subset in args.subset or ["100%"]]
        for row in rows:
            _print_build(row)
        renders = _render(Path(rows[-1]["report"]), args) if not args.skip_browser else []
        missed = _missed(rows[-1], renders)
        shown = renders
        if args.all and renders:
            shown = sorted(renders, key=lambda r: -r["seconds"])[:10]
            times = sorted(r["seconds"] for r in renders)
            print(
                f"{len(renders)} pages opened: median {times[len(times) // 2]:.2f} s, "
                f"slowest {times[-1]:.2f} s; the slowest ten:"
            )
        for render in shown:
            seconds, size = render["seconds"], render["bytes"]
            print(f"  render {seconds:6.2f} s  {size:>10,} B  {render['page']}")
        for line in missed:
            print(f"MISSED: {line}")
        if args.json:
            print(json.dumps({"builds": rows, "renders": renders}, indent=2))
        return 1 if missed else 0
    finally:
        if args.keep:
            print(f"report folders kept in {work}")
        else:
            shutil.rmtree(work)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("claims", type=Path, nargs="?", default=DEFAULT_CLAIMS)
    p.add_argument(
        "--subset", action="append", help="a percentage of the documents (repeatable; 100%%)"
    )
    p.add_argument("--sample", type=int, default=20, help="other pages opened in Chromium")
    p.add_argument("--all", action="store_true", help="open every page (minutes on Reuters)")
    p.add_argument("--chromium", type=Path, default=CHROMIUM)
    p.add_argument("--skip-browser", action="store_true", help="build times and sizes only")
    p.add_argument("--keep", action="store_true", help="keep the report folders")
    p.add_argument("--json", action="store_true", help="also print the rows as JSON")
    return p


def _subset(claims: Path, percent: float, work: Path) -> Path:
    """The claims and documents of the first `percent` of the documents, in `work`."""
    if percent >= 100:
        return claims
    docs = claims.with_suffix(".docs.jsonl")
    lines = docs.read_text("utf-8").splitlines(keepends=True)
    chosen = lines[: round(len(lines) * percent / 100)]
    ids = {json.loads(line)["doc_id"] for line in chosen if line.strip()}
    folder = work / f"claims-{percent:g}"
    folder.mkdir()
    out = folder / "claims.jsonl"
    (folder / "claims.docs.jsonl").write_text("".join(chosen), "utf-8")
    with claims.open(encoding="utf-8") as f:
        kept = [line for line in f if line.strip() and json.loads(line)["doc_id"] in ids]
    out.write_text("".join(kept), "utf-8")
    return out


def _build(claims: Path, subset: str, work: Path) -> dict[str, Any]:
    percent = float(subset.rstrip("%"))
    source = _subset(claims, percent, work)
    report = work / f"report-{percent:g}"
    newsclaims = Path(sys.executable).with_name("newsclaims")
    command = [str(newsclaims), "report", str(source), "-o", str(report), "--quiet"]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - start
    pages = sorted(report.rglob("*.html"))
    sizes = {p.relative_to(report).as_posix(): p.stat().st_size for p in pages}
    largest = max(sizes, key=sizes.__getitem__)
    with source.open(encoding="utf-8") as f:
        n_claims = sum(1 for line in f if line.strip())
    return {
        "subset": subset,
        "claims": n_claims,
        "seconds": round(seconds, 2),
        "pages": len(pages),
        "bytes": sum(sizes.values()),
        "first_page_bytes": sizes["index.html"],
        "largest_page": largest,
        "largest_page_bytes": sizes[largest],
        "report": str(report),
    }


def _print_build(row: dict[str, Any]) -> None:
    print(
        f"{row['subset']:>5}: {row['claims']:>6,} claims  built in {row['seconds']:6.2f} s  "
        f"{row['pages']:>6,} pages  {row['bytes'] / 1e6:7.1f} MB  "
        f"first page {row['first_page_bytes'] / 1e6:5.2f} MB  "
        f"largest {row['largest_page']} {row['largest_page_bytes'] / 1e6:5.2f} MB"
    )


def _pages_to_open(report: Path, sample: int) -> list[Path]:
    def largest(folder: str, n: int) -> list[Path]:
        files = sorted((report / folder).glob("*.html"), key=lambda p: -p.stat().st_size)
        return files[:n]

    chosen = [report / "index.html", report / "articles.html"]
    chosen += largest("spenders", 3) + largest("articles", 3)
    others = sorted(set(report.rglob("*.html")) - set(chosen))
    chosen += random.Random(13).sample(others, min(sample, len(others)))
    return chosen


def _render(report: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(args.chromium), headless=True, args=LAUNCH_ARGS
        )
        try:
            pages = (
                sorted(report.rglob("*.html")) if args.all else _pages_to_open(report, args.sample)
            )
            return [_open(browser, path, report) for path in pages]
        finally:
            browser.close()


def _open(browser: Any, path: Path, report: Path) -> dict[str, Any]:
    """Open one page in a new tab: seconds from navigation to its load event."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load")
    seconds = time.perf_counter() - start
    page.close()
    return {
        "page": path.relative_to(report).as_posix(),
        "bytes": path.stat().st_size,
        "seconds": round(seconds, 3),
        "console_errors": errors,
        "other_requests": [u for u in requests if u != path.as_uri()],
    }


def _missed(build: dict[str, Any], renders: list[dict[str, Any]]) -> list[str]:
    missed = []
    if build["seconds"] > BUILD_SECONDS:
        missed.append(f"built in {build['seconds']} s (target {BUILD_SECONDS:g} s)")
    if build["first_page_bytes"] > FIRST_PAGE_BYTES:
        missed.append(f"first page {build['first_page_bytes']:,} B (target {FIRST_PAGE_BYTES:,})")
    for render in renders:
        if render["seconds"] > RENDER_SECONDS:
            missed.append(f"{render['page']} rendered in {render['seconds']} s")
        if render["console_errors"] or render["other_requests"]:
            trouble = [*render["console_errors"], *render["other_requests"]]
            missed.append(f"{render['page']}: {trouble}")
    return missed


if __name__ == "__main__":
    sys.exit(main())
