"""Every page of the dashboard on the sample data, at desktop and phone width, in both languages.

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--pages overview people] [--lang id]

Starts the app on a free port with a store in a temporary folder, opens each page in
headless Chromium at 1440 x 900 and 390 x 844, in English and Bahasa Indonesia (``?lang=``),
and saves the whole page (its full height) as ``<out>/<page>-<width>-<lang>.png``. It also
lists what each page's browser console said (an error there is a bug) in
``<out>/console.txt``. Look at every picture before saying a page is done.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "overview",
    "data",
    "competencies",
    "people",
    "priorities",
    "trends",
    "calibration",
    "reports",
    "framework",
)
SIZES = {"1440": (1440, 900), "390": (390, 844)}
LANGUAGES = ("en", "id")
CHROMIUM = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(data_dir: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT,
        env={**os.environ, "SKILLS_DATA_DIR": data_dir},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("The app did not start within 90 s.")


def settle(page: object) -> None:
    """Wait until the script has run and the charts are drawn."""
    page.wait_for_selector(READY, state="attached", timeout=90_000)  # type: ignore[attr-defined]
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]
    page.wait_for_selector(READY, state="attached", timeout=90_000)  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="screenshots", type=Path)
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES))
    parser.add_argument("--lang", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    parser.add_argument("--sizes", nargs="+", choices=tuple(SIZES), default=list(SIZES))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    console: list[str] = []
    with tempfile.TemporaryDirectory(prefix="skills-shots-") as data_dir:
        process, url = start_app(data_dir)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                for size in args.sizes:
                    width, height = SIZES[size]
                    for lang in args.lang:
                        context = browser.new_context(viewport={"width": width, "height": height})
                        page = context.new_page()
                        said: list[str] = []
                        page.on("console", lambda m, said=said: said.append(f"{m.type}: {m.text}"))
                        page.on(
                            "response",
                            lambda r, said=said: (
                                said.append(f"error: {r.status} {r.url}") if r.status >= 400 else None
                            ),
                        )
                        # Anything asked of another host is refused here, and listed.
                        page.route(
                            lambda u, url=url: not u.startswith(url),
                            lambda route, said=said: (
                                said.append(f"error: another host: {route.request.url}"),
                                route.abort(),
                            ),
                        )
                        page.goto(f"{url}/?lang={lang}")  # the first visit sets up the navigation
                        settle(page)
                        for name in args.pages:
                            said.clear()
                            page.set_viewport_size({"width": width, "height": height})
                            page.goto(f"{url}/{'' if name == 'overview' else name}?lang={lang}")
                            settle(page)
                            # The page scrolls inside Streamlit's main block: grow the window to it.
                            full = page.evaluate(
                                "() => { const m = document.querySelector(\"[data-testid='stMain']\");"
                                " return m ? m.scrollHeight : document.body.scrollHeight; }"
                            )
                            page.set_viewport_size({"width": width, "height": max(height, int(full))})
                            page.wait_for_timeout(800)
                            path = args.out / f"{name}-{size}-{lang}.png"
                            page.screenshot(path=str(path))
                            wide = page.evaluate("() => document.documentElement.scrollWidth")
                            problems = [line for line in said if line.startswith(("error", "warning"))]
                            note = f"; wider than the screen: {wide} px" if wide > width else ""
                            console.append(f"{path.name}: {len(problems)} console errors/warnings{note}")
                            console.extend(f"    {line[:300]}" for line in problems)
                            print(console[-1 - len(problems)], flush=True)
                        context.close()
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)
    (args.out / "console.txt").write_text("\n".join(console) + "\n")


if __name__ == "__main__":
    main()
