"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``) driven by Selenium, with the network off.

Where the browser is missing the test skips and says why; under CI (the ``CI`` environment
variable set) it fails instead, so CI never silently skips it. The screenshot it takes at
1280 px is the one in ``docs/report.md``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from munintl.report import build_report, render_html

ROOT = Path(__file__).parents[1]
SCREENSHOT = ROOT / "docs" / "img" / "report.png"
PACKS = ("bergen", "oslo", "hamar")
AS_OF = "2025-01-01"  # a fixed day keeps the committed screenshot the same from day to day
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _missing() -> str | None:
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(path).exists():
            return f"{path} is missing (apt-get install {package})"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (the test extra)"
    return None


def _skip_or_fail(reason: str) -> None:
    """Skip with the reason; under CI, fail: CI must not skip the browser test."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {reason}")
    pytest.skip(reason)


def test_a_missing_browser_skips_locally_and_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(f"{__name__}.CHROMIUM", "/nonexistent/chromium")
    reason = _missing()
    assert reason == "/nonexistent/chromium is missing (apt-get install chromium)"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        _skip_or_fail(reason)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser test"):
        _skip_or_fail(reason)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(build_report(*PACKS, as_of=AS_OF)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        _skip_or_fail(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="munintl-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(browser: Any, page: Path, width: int) -> None:
    browser.set_window_size(width, 900)
    browser.get_log("performance")  # drop what came before
    browser.get_log("browser")
    browser.get(page.as_uri())
    # The viewport, not the window, must be this wide (window chrome differs by platform).
    inner = browser.execute_script("return window.innerWidth")
    if inner != width:
        browser.set_window_size(width + (width - inner), 900)
        browser.get(page.as_uri())


def _requests(browser: Any) -> tuple[list[str], list[str]]:
    """URLs the page asked for, and requests that failed, from the DevTools log."""
    asked, failed = [], []
    for entry in browser.get_log("performance"):
        event = json.loads(entry["message"])["message"]
        if event["method"] == "Network.requestWillBeSent":
            asked.append(event["params"]["request"]["url"])
        elif event["method"] == "Network.loadingFailed":
            failed.append(event["params"].get("errorText", "?"))
    return asked, failed


@pytest.mark.parametrize("width", [1280, 390])
def test_report_in_a_browser(
    browser: Any, page: Path, width: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _open(browser, page, width)
    assert browser.execute_script("return window.innerWidth") == width
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    asked, failed = _requests(browser)
    assert page.as_uri() in asked  # the log sees requests at all
    assert failed == [] and [u for u in asked if not u.startswith("file:")] == []
    # structure
    sections = browser.execute_script(
        "return [...document.querySelectorAll('section.municipality')].map(s => s.id)"
    )
    assert sections == ["m-bergen", "m-oslo", "m-hamar"]
    tiles = browser.execute_script(
        "return [...document.querySelectorAll('section.municipality')]"
        ".map(s => s.querySelectorAll('li[data-sdg]').length)"
    )
    assert tiles == [17, 17, 17]
    pairs = browser.execute_script(
        "return [...document.querySelectorAll('li.pair')]"
        ".map(p => [...p.querySelectorAll('.goal-title')].map(t => t.innerText))"
    )
    doc = build_report(*PACKS, as_of=AS_OF)
    expected = [[c["a"]["title"], c["b"]["title"]] for c in doc["overlap"]["correspondences"]]
    assert pairs == expected and pairs
    # no horizontal scrolling
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
    )
    if width == 1280:
        _screenshot(browser, tmp_path_factory.mktemp("screenshot") / "report.png")


def _screenshot(browser: Any, target: Path) -> None:
    """The top of the page at desktop width; docs/report.md's picture when
    MUNINTL_UPDATE_SCREENSHOT=1 (so a test run leaves the committed file alone)."""
    if os.environ.get("MUNINTL_UPDATE_SCREENSHOT") == "1":
        target = SCREENSHOT
    height = browser.execute_script("return document.documentElement.scrollHeight")
    # The viewport itself, not the window (whose frame would show as a black band).
    metrics = {"width": 1280, "height": min(height, 2400), "deviceScaleFactor": 1, "mobile": False}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        assert browser.save_screenshot(str(target))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert target.stat().st_size > 10_000


def test_report_prints(browser: Any, page: Path) -> None:
    _open(browser, page, 1280)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert (
            browser.execute_script("return getComputedStyle(document.querySelector('nav')).display")
            == "none"
        )
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
        assert len(pdf["data"]) > 10_000  # base64 of a real PDF
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert browser.get_log("browser") == []
