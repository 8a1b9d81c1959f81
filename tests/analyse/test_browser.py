"""The report in a real headless browser: Debian's Chromium driven by Playwright.

Builds the report from the fixture claims of the seed corpus and the Reuters dev
stories, opens it from disk, and checks that the ByteDance table and chart
render, that the console stays clean and that nothing is requested beyond the
file itself. Skipped when /usr/bin/chromium (or $NEWSCLAIMS_CHROMIUM) is missing,
unless NEWSCLAIMS_REQUIRE_BROWSER=1 (set by .ci/run), which makes that a failure.
The screenshot is saved to $NEWSCLAIMS_SCREENSHOT_DIR, else pytest's tmp_path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.analyse.report import write_report

CLAIMS = Path(__file__).resolve().parents[1] / "fixtures" / "claims.jsonl"
CHROMIUM = Path(os.environ.get("NEWSCLAIMS_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = os.environ.get("NEWSCLAIMS_REQUIRE_BROWSER") == "1"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if REQUIRED:
        pytest.fail(f"NEWSCLAIMS_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def test_browser_report_renders(tmp_path: Path) -> None:
    _need_browser()
    if REQUIRED:
        import playwright.sync_api as sync_api
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    report = tmp_path / "report.html"
    write_report(CLAIMS, report)
    shots = Path(os.environ.get("NEWSCLAIMS_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)

    console_errors: list[str] = []
    page_errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=LAUNCH_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            page = context.new_page()
            page.on(
                "console",
                lambda m: console_errors.append(m.text) if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: page_errors.append(str(e)))
            context.on("request", lambda r: requests.append(r.url))
            page.goto(report.as_uri(), wait_until="load")

            section = page.locator("#spender-bytedance")
            table = section.locator("table.facts")
            assert table.is_visible()
            rows = table.locator("tbody tr")
            assert rows.count() >= 5
            text = table.inner_text()
            for expected in ("Rmb150bn", "Rmb160bn", "The Information", "Financial Times"):
                assert expected in text
            assert table.locator("tbody.disputed").count() >= 2

            chart = section.locator("figure.chart img")
            assert chart.is_visible()
            size = chart.evaluate("img => [img.complete, img.naturalWidth, img.naturalHeight]")
            assert size[0] and size[1] > 200 and size[2] > 100, size
            box = chart.bounding_box()
            assert box is not None and box["width"] > 200

            # A figure links to its evidence sentence, highlighted by displaCy.
            section.locator("a.figure", has_text="Rmb150bn").click()
            target = page.locator(".claim:target")
            assert target.count() == 1
            assert "Rmb150bn" in target.inner_text()
            assert target.locator(".spans").count() >= 1

            page.goto(report.as_uri(), wait_until="load")
            page.screenshot(path=str(shots / "report-top.png"))
            section.screenshot(path=str(shots / "report-bytedance.png"))
        finally:
            context.close()

    assert console_errors == []
    assert page_errors == []
    assert {url for url in requests} == {report.as_uri()}
    assert (shots / "report-bytedance.png").stat().st_size > 10_000
