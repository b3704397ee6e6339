"""First look: how long a new browser session takes to show the Overview's headline figures.

Two servers run side by side, started here: the dashboard and a bare Streamlit page that
shows one ``st.metric`` (the floor any Streamlit page pays: the websocket, the script run,
the front end drawing). Each server gets one warm-up visit first, so both are measured as a
manager meets them on a running server. Then, taking turns, a new Chromium context (a new
browser session, no cookies or cache) opens each and the time from the start of the
navigation until the metric values are drawn is taken, by the page's own clock; each keeps
its median over ``--visits`` visits.
Prints both and their ratio; target: dashboard / bare <= 1.5. Both servers run with the
project's ``.streamlit/config.toml``. Where the time went, and what was done about it:
docs/ARCHITECTURE.md, "Speed".

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
# What the Overview shows first: the headline metrics (People ... Single points of failure),
# then its two charts (areas, heatmap).
HEADLINE_METRICS = 5
OVERVIEW_CHARTS = 2


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
        # A store of its own: the visits' workspaces go to a temporary folder, not data/.
        env={**os.environ, "SKILLS_DATA_DIR": tempfile.mkdtemp(prefix="first-look-")},
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


# Noted in the page itself, in the frame after the wanted elements appear: waiting from here
# instead (Playwright checks again only every 500 ms after its first few tries) would round
# each visit up to its next check, so the page that misses a check by a few ms would pay 0.5 s.
_WATCH = """
(() => {
  const marks = {figuresAt: ["[data-testid='stMetricValue']", %d],
                 wholeAt: [".js-plotly-plot .main-svg", %d]};
  const note = () => {
    for (const [mark, [selector, want]] of Object.entries(marks)) {
      if (window[mark] === undefined && !window[mark + "Asked"]
          && document.querySelectorAll(selector).length >= want) {
        window[mark + "Asked"] = true;
        requestAnimationFrame(() => { window[mark] = performance.now(); });
      }
    }
  };
  new MutationObserver(note).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""


def first_look(browser: object, url: str, metrics: int, charts: int = 0) -> tuple[float, float]:
    """Seconds from the start of opening ``url`` in a new session until ``metrics`` metric values
    are drawn, and until ``charts`` Plotly charts are drawn too (the whole first screen), by the
    page's own clock (its time origin is the start of the navigation)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    context.add_init_script(_WATCH % (metrics, charts))
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_function("window.figuresAt !== undefined", timeout=60_000)
    figures = float(tab.evaluate("window.figuresAt")) / 1000
    whole = figures
    if charts:
        tab.wait_for_function("window.wholeAt !== undefined", timeout=60_000)
        whole = float(tab.evaluate("window.wholeAt")) / 1000
    context.close()
    return figures, whole


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
            jobs = {
                "dashboard": (app_url, HEADLINE_METRICS, OVERVIEW_CHARTS),
                "bare page": (bare_url, 1, 0),
            }
            for url, metrics, charts in jobs.values():
                first_look(browser, url, metrics, charts)  # warm-up: the server's first script run
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
            for _ in range(args.visits):
                for name, (url, metrics, charts) in jobs.items():
                    times[name].append(first_look(browser, url, metrics, charts))
            browser.close()
    median = {name: statistics.median(v[0] for v in values) for name, values in times.items()}
    for name, values in times.items():
        listed = " ".join(f"{v[0]:.2f}" for v in values)
        print(f"{name:<10} headline figures: median {median[name]:.2f} s   visits: {listed}")
    whole = statistics.median(v[1] for v in times["dashboard"])
    print(f"dashboard  whole first screen (figures and both charts): median {whole:.2f} s, for information")
    ratio = median["dashboard"] / median["bare page"]
    print(f"dashboard / bare page = {ratio:.2f}   (target <= {TARGET})")
    sys.exit(0 if ratio <= TARGET else 1)


if __name__ == "__main__":
    main()
