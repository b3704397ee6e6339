"""A new visitor's first look: the headline figures are sent well before the first chart.

The browser starts Plotly's library when the first chart arrives and draws nothing else
meanwhile, so a session's figures get a head start (ui/widgets.py). What is checked is what
the server sends, as the browser receives it: the gap is the server's own wait, not a race.
The time it saves is measured by benchmarks/bench_first_look.py, never asserted here.
"""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import wait_for_app
from ui import widgets

pytestmark = pytest.mark.browser

# In the last headline figure's message, and in every chart's (its layout, as JSON).
LAST_FIGURE = b"Single points of failure"
CHART = b'"layout":'


def frames_of_a_visit(browser: object, url: str) -> tuple[list[tuple[float, bytes]], object, object]:
    """Every websocket frame a new session receives while opening ``url``, with its arrival time."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    tab = context.new_page()
    frames: list[tuple[float, bytes]] = []

    def listen(socket: object) -> None:
        socket.on(  # type: ignore[attr-defined]
            "framereceived",
            lambda payload: frames.append(
                (time.monotonic(), payload if isinstance(payload, bytes) else payload.encode())
            ),
        )

    tab.on("websocket", listen)
    tab.goto(url)
    wait_for_app(tab)
    return frames, tab, context


def first_at(frames: list[tuple[float, bytes]], needle: bytes) -> float:
    found = [at for at, payload in frames if needle in payload]
    assert found, f"no frame holds {needle!r}"
    return found[0]


def test_a_new_sessions_headline_figures_arrive_well_before_its_first_chart(
    browser: object, warmed_app: str
) -> None:
    frames, tab, context = frames_of_a_visit(browser, warmed_app)
    figures, chart = first_at(frames, LAST_FIGURE), first_at(frames, CHART)
    assert chart - figures >= 0.8 * widgets.FIRST_CHART_HEAD_START
    assert tab.locator(".js-plotly-plot").count() >= 2  # type: ignore[attr-defined]
    context.close()  # type: ignore[attr-defined]
