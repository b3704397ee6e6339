"""Fixtures for browser journeys: the real app on a free port, driven in headless Chromium.

The app is started once per session with ``streamlit run`` and polled on its health
endpoint; Debian's Chromium is launched through Playwright's ``executable_path`` since
no browser can be downloaded here. Tests are skipped, with the reason, when Chromium or
Playwright is missing (``scripts/setup`` installs both).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
CHROMIUM = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_app(
    env: dict[str, str] | None = None, args: tuple[str, ...] = (), port: int | None = None
) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a free port (or ``port``), until the block ends; yields its URL.

    ``env`` adds to the environment (e.g. a ``DATABASE_URL``); the test run's own store folder
    (tests/conftest.py) is inherited otherwise. ``args`` adds Streamlit options.
    """
    port = port or free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "dashboard.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *args,
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            process.kill()
            pytest.fail(f"the app did not start:\n{output[-2000:]}")
        time.sleep(0.25)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


@pytest.fixture
def fresh_app_url() -> Iterator[str]:
    """An app of its own that nobody has visited yet, for what happens on a server's first visit."""
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: scripts/setup installs Debian's chromium package")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def warmed_app(browser: object, app_url: str) -> str:
    """The app after one visit to its main page: the caches warm, so the tests that time
    nothing do not wait on the sample's first reading."""
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(app_url)
    wait_for_app(tab)
    context.close()
    return app_url


@pytest.fixture
def page(browser: object, warmed_app: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def wait_for_app(tab: object) -> None:
    """Wait until Streamlit is connected and the script has finished: never a fixed sleep."""
    tab.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(state="attached")  # type: ignore[attr-defined]
    tab.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached")  # type: ignore[attr-defined]
    tab.get_by_test_id("stSkeleton").first.wait_for(state="detached")  # type: ignore[attr-defined]
