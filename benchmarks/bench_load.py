"""Twenty people using the dashboard at once: pages served, time per page, errors and the server's memory.

A real server (``streamlit run dashboard.py``) on a 2,000-person survey, driven by 20 users
in headless Chromium (one browser context each, all at once) for ``--seconds``: each
uploads the survey, then visits pages in turn, changes the rating source and downloads a
report, again and again. A page counts as served when Streamlit's script has finished and
its skeleton is gone; an error is an exception box on the page or a step that timed out.
Printed per store (SQLite, then PostgreSQL when ``--postgres`` names a server): pages
served, p50 and p95 seconds per page, the same for one user alone in the same run (the
baseline, and the ratio to it), errors (target 0) and the server's peak memory (target
under 2 GiB, read from /proc).

Run from the project root: ``python benchmarks/bench_load.py [--users 20] [--seconds 90]
[--postgres postgresql+psycopg://127.0.0.1:5432/test]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from playwright.async_api import Page, async_playwright  # noqa: E402

from analytics.framework import default_framework  # noqa: E402
from sample_data.make_sample import make_wide_survey  # noqa: E402

CHROMIUM = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
PAGES = ("overview", "competencies", "people", "priorities", "trends", "calibration", "reports", "data")
MEMORY_LIMIT = 2 * 1024**3
STEP_TIMEOUT_MS = 60_000
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    downloads: int = 0


def survey_xlsx(people: int, path: Path) -> Path:
    wide = make_wide_survey(people, default_framework())
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        wide.to_excel(writer, sheet_name="Form responses 1", index=False)
    path.write_bytes(buffer.getvalue())
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.25)
    process.kill()
    raise SystemExit("the server did not start")


@contextlib.contextmanager
def postgres_schema(server: str) -> Iterator[str]:
    """A schema of this run's own on the server, dropped afterwards: the store's tables go there."""
    from sqlalchemy import create_engine, make_url, text

    schema = f"bench_load_{os.getpid()}"
    admin = create_engine(server)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def peak_memory(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


async def served(page: Page, tally: Tally, what: str) -> None:
    """Wait for the page to finish, counting its time and any error it shows."""
    start = time.perf_counter()
    try:
        await page.wait_for_selector(READY, state="attached", timeout=STEP_TIMEOUT_MS)
        await page.get_by_test_id("stSkeleton").first.wait_for(state="detached", timeout=STEP_TIMEOUT_MS)
    except Exception as exc:  # a timeout is an error of the run, not of the benchmark
        tally.errors.append(f"{what}: {type(exc).__name__}")
        return
    tally.times.append(time.perf_counter() - start)
    if await page.get_by_test_id("stException").count():
        text = await page.get_by_test_id("stException").first.inner_text()
        tally.errors.append(f"{what}: an exception on the page: {' '.join(text.split())[:300]}")


async def user(
    browser: object, url: str, survey: Path, until: float, tally: Tally, number: int, pages: tuple[str, ...]
) -> None:
    context = await browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    try:
        await page.goto(f"{url}/data")
        await served(page, tally, "data")
        await page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(survey))
        await served(page, tally, "upload")
        step = number  # each user starts on another page
        while time.monotonic() < until:
            name = pages[step % len(pages)]
            step += 1
            await page.goto(f"{url}/{'' if name == 'overview' else name}")  # the default page is at /
            await served(page, tally, name)
            if name in ("overview", "priorities"):
                # Another rating source: every figure of the page is made again from other pairs.
                source = ("Manager ratings", "Self ratings")[step // len(pages) % 2]
                await page.get_by_test_id("stSidebar").get_by_text(source, exact=True).click()
                await served(page, tally, "rating source")
            if name == "reports":
                await page.get_by_text("csv", exact=True).click()
                await served(page, tally, "format")
                async with page.expect_download(timeout=STEP_TIMEOUT_MS):
                    await page.get_by_role("button", name="Download the csv report").click()
                tally.downloads += 1
    except Exception as exc:
        tally.errors.append(f"user {number}: {type(exc).__name__}: {str(exc)[:120]}")
        if os.environ.get("BENCH_LOAD_SHOTS"):
            await page.screenshot(path=f"{os.environ['BENCH_LOAD_SHOTS']}/user{number}.png")
    finally:
        await context.close()


async def run_users(url: str, survey: Path, users: int, seconds: float, pages: tuple[str, ...]) -> Tally:
    tally = Tally()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        # Until a server's first run has called st.navigation, a visit straight to a page shows
        # "Page not found" first: one visit to the main page, as any first user makes.
        context = await browser.new_context()
        warm = await context.new_page()
        await warm.goto(url)
        await served(warm, Tally(), "first visit")
        await context.close()
        until = time.monotonic() + seconds
        await asyncio.gather(*(user(browser, url, survey, until, tally, n, pages) for n in range(users)))
        await browser.close()
    return tally


def quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q * 100) - 1] if len(values) > 1 else (values or [0.0])[0]


def bench(
    store: str, env: dict[str, str], survey: Path, users: int, seconds: float, pages: tuple[str, ...]
) -> bool:
    process, url = start_server(env)
    try:
        alone = asyncio.run(run_users(url, survey, 1, min(seconds, 30), pages))
        crowd = asyncio.run(run_users(url, survey, users, seconds, pages))
        memory = peak_memory(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=20)
    p50, p95 = quantile(crowd.times, 0.5), quantile(crowd.times, 0.95)
    base50, base95 = quantile(alone.times, 0.5), quantile(alone.times, 0.95)
    ok = not crowd.errors and not alone.errors and memory < MEMORY_LIMIT
    print(
        f"{store:<11}{len(crowd.times):>7}{crowd.downloads:>10}{p50:>8.2f}s{p95:>8.2f}s"
        f"{base50:>9.2f}s{base95:>8.2f}s{p95 / max(base95, 1e-9):>8.1f}x{len(crowd.errors):>8}"
        f"{memory / 1024**2:>9.0f} MiB  {'ok' if ok else 'MISSED'}"
    )
    for error in (crowd.errors + alone.errors)[:10]:
        print(f"    {error}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument(
        "--postgres", help="a PostgreSQL URL to run the same load on (its tables are created)"
    )
    parser.add_argument(
        "--pages", nargs="+", default=list(PAGES), choices=PAGES, help="the pages users visit"
    )
    args = parser.parse_args()
    pages = tuple(args.pages)
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    survey = survey_xlsx(args.people, folder / "survey.xlsx")
    print(
        f"{args.users} users for {args.seconds:.0f} s on a {args.people:,}-person survey; one user alone first"
    )
    print(
        f"{'store':<11}{'pages':>7}{'reports':>10}{'p50':>9}{'p95':>9}{'alone50':>10}{'alone95':>9}{'p95x':>9}{'errors':>8}{'peak':>13}"
    )
    ok = bench(
        "SQLite",
        {"SKILLS_DATA_DIR": str(folder / "sqlite"), "DATABASE_URL": ""},
        survey,
        args.users,
        args.seconds,
        pages,
    )
    if args.postgres:
        with postgres_schema(args.postgres) as url:
            env = {"SKILLS_DATA_DIR": str(folder / "pg"), "DATABASE_URL": url}
            ok &= bench("PostgreSQL", env, survey, args.users, args.seconds, pages)
    print(f"targets: no errors, server peak memory under {MEMORY_LIMIT / 1024**3:.0f} GiB")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
