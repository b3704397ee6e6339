"""A new visitor's first look: the headline figures are sent well before the first chart.

The browser starts Plotly's library when the first chart arrives and draws nothing else
meanwhile, so a session's figures get a head start (ui/widgets.py). What is checked is what
the server sends, as the page receives it (by the page's own clock): the gap is the server's
own wait, not a race. The time it saves is measured by benchmarks/bench_first_look.py, never
asserted here.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_app
from ui import widgets

pytestmark = pytest.mark.browser

# Notes, in the page, when the first frame holding the last headline figure and the first
# frame holding a chart (its layout, as JSON) arrive.
_WATCH = """
(() => {
  const wanted = {figuresAt: "Single points of failure", chartAt: '"layout":'};
  const text = new TextDecoder("utf-8");
  const Socket = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Socket(...args);
    socket.addEventListener("message", (event) => {
      const now = performance.now();
      const data = typeof event.data === "string" ? event.data : text.decode(event.data);
      for (const [mark, needle] of Object.entries(wanted)) {
        if (window[mark] === undefined && data.includes(needle)) window[mark] = now;
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Socket.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""


def test_a_new_sessions_headline_figures_arrive_well_before_its_first_chart(
    browser: object, warmed_app: str
) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    context.add_init_script(_WATCH)
    tab = context.new_page()
    tab.goto(warmed_app)
    wait_for_app(tab)
    figures, chart = tab.evaluate("[window.figuresAt, window.chartAt]")
    context.close()
    assert figures is not None and chart is not None, "the figures or the charts never arrived"
    assert (chart - figures) / 1000 >= 0.8 * widgets.FIRST_CHART_HEAD_START
