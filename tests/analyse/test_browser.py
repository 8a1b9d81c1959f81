"""The report in a real headless browser: Debian's Chromium driven by Playwright.

Builds the report from the fixture claims of the seed corpus and the Reuters dev
stories, opens its overview from disk, filters the spender list, opens the
ByteDance page from it (table, chart, evidence) and an article page from the
evidence, and checks that the console stays clean and that nothing but the
pages opened is requested. Skipped when /usr/bin/chromium (or $NEWSCLAIMS_CHROMIUM) is missing,
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
    report = tmp_path / "report"
    summary = write_report(CLAIMS, report)
    shots = Path(os.environ.get("NEWSCLAIMS_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)

    console_errors: list[str] = []
    page_errors: list[str] = []
    requests: list[tuple[str, str]] = []
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
            context.on("request", lambda r: requests.append((r.url, r.resource_type)))
            page.goto(summary.overview.as_uri(), wait_until="load")

            # The overview lists every spender; the filter box narrows the list.
            rows = page.locator("#spender-list tbody tr")
            assert rows.count() == summary.n_spenders
            assert rows.first.inner_text().split("\t")[1] == "ByteDance"
            page.screenshot(path=str(shots / "report-overview.png"))
            page.locator("#filter").fill("byte")
            assert page.locator("#spender-list tbody tr:visible").count() == 1
            assert page.locator("#shown").inner_text() == "1"
            page.locator("#filter").fill("")
            page.locator("#disputed-only").check()
            visible = page.locator("#spender-list tbody tr:visible")
            assert 0 < visible.count() < summary.n_spenders
            page.locator("#disputed-only").uncheck()

            # A spender's page opens from the overview and shows its facts and evidence.
            page.locator("#spender-list a", has_text="ByteDance").click()
            page.wait_for_load_state("load")
            table = page.locator("table.facts")
            assert table.is_visible()
            assert table.locator("tbody tr").count() >= 5
            text = table.inner_text()
            for expected in ("Rmb150bn", "Rmb160bn", "The Information", "Financial Times"):
                assert expected in text
            assert table.locator("tbody.disputed").count() >= 2

            chart = page.locator("svg.chart")
            assert chart.count() == 1 and chart.is_visible()
            box = chart.bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 150
            assert chart.locator("circle.point").count() == 6
            assert chart.locator("rect.band").count() == 2  # the facts with two figures

            # A figure links to its evidence sentence, highlighted by displaCy.
            page.locator("a.figure", has_text="Rmb150bn").click()
            target = page.locator(".claim:target")
            assert target.count() == 1
            assert "Rmb150bn" in target.inner_text()
            assert target.locator(".spans").count() >= 1
            page.screenshot(path=str(shots / "report-bytedance.png"), full_page=True)

            # ... and the evidence links to the whole article, highlighted.
            target.locator("a", has_text="003_").click()
            page.wait_for_load_state("load")
            assert page.locator(".claim:target").count() == 1
            assert page.locator(".entities mark").count() >= 5
        finally:
            context.close()

    assert console_errors == []
    assert page_errors == []
    # Only the pages opened were loaded: no script, style, font or image from anywhere.
    assert {kind for _, kind in requests} == {"document"}
    assert all(url.startswith(report.as_uri() + "/") for url, _ in requests), requests
    assert (shots / "report-bytedance.png").stat().st_size > 10_000
