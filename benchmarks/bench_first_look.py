"""First look: how long a new browser session takes to show the Overview's headline figures.

Two servers run side by side, started here: the dashboard and a bare Streamlit page that
shows one ``st.metric`` (the floor any Streamlit page pays: the websocket, the script run,
the front end drawing). Each server gets one warm-up visit first, so both are measured as a
manager meets them on a running server. Then, taking turns, a new Chromium context (a new
browser session, no cookies or cache) opens each and the time from ``goto`` until the
metric values are drawn is taken; each keeps its median over ``--visits`` visits.
Prints both and their ratio; target: dashboard / bare <= 1.5.

Run from the project root: ``python benchmarks/bench_first_look.py [--visits 9]``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
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
TARGET = 1.5
BARE_PAGE = """import streamlit as st

st.metric("People", "47")
"""
# What the Overview shows first: the headline metrics (People ... Single points of failure).
HEADLINE_METRICS = 5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def server(script: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def first_look(browser: object, url: str, metrics: int) -> float:
    """Seconds from opening ``url`` in a new session until ``metrics`` metric values are drawn."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    start = time.perf_counter()
    tab.goto(url)
    tab.get_by_test_id("stMetricValue").nth(metrics - 1).wait_for(state="visible", timeout=60_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=9, help="new sessions per server (median taken)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_PAGE, encoding="utf-8")
        with (
            server(ROOT / "dashboard.py") as app_url,
            server(bare) as bare_url,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            jobs = {"dashboard": (app_url, HEADLINE_METRICS), "bare page": (bare_url, 1)}
            for url, metrics in jobs.values():
                first_look(browser, url, metrics)  # warm-up: the server's first script run
            times: dict[str, list[float]] = {name: [] for name in jobs}
            for _ in range(args.visits):
                for name, (url, metrics) in jobs.items():
                    times[name].append(first_look(browser, url, metrics))
            browser.close()
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        listed = " ".join(f"{v:.2f}" for v in values)
        print(f"{name:<10} median {median[name]:.2f} s   visits: {listed}")
    ratio = median["dashboard"] / median["bare page"]
    print(f"dashboard / bare page = {ratio:.2f}   (target <= {TARGET})")
    sys.exit(0 if ratio <= TARGET else 1)


if __name__ == "__main__":
    main()
