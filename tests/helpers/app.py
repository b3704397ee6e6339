"""Driving the dashboard in Streamlit's AppTest: start it, open pages, read what they show.

Widgets are found by their keys (see :mod:`ui.state` and the pages); figures read off the
screen are compared with what :mod:`analytics` computes from the same file, never with
numbers copied from the screen.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics.framework import default_framework
from ui import state
from ui.state import SAMPLE_OFFERED

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "sample_data" / "digital_marketing_survey.xlsx"
LATEST = "2026-Q3"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOAD = "report_download"
# A download button's callable, MIME type and file name, by the file id the button carries.
Deferred = dict[str, tuple[Callable[[], Any], str | None, str | None]]


def new_app(empty: bool = False) -> AppTest:
    """The app; ``empty`` starts it without the sample data it loads on a first visit."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if empty:
        at.session_state[SAMPLE_OFFERED] = True
    return at


def with_sample() -> AppTest:
    """The app as a first-time visitor sees it: on the sample data."""
    at = new_app().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"app_pages/{page}_page.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def uploader(at: AppTest) -> Any:
    """The Data page's survey uploader (its key changes after every upload, so it starts empty)."""
    count = at.session_state[state.UPLOADS] if state.UPLOADS in at.session_state else 0  # noqa: SIM401 - no .get here
    return at.file_uploader(key=f"{state.UPLOAD_WIDGET}_{count}")


def upload(at: AppTest, name: str, data: bytes, mime: str = "text/csv") -> AppTest:
    """Upload a file on the Data page, as a user drops it on the uploader."""
    uploader(at).set_value((name, data, mime)).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def filtered_to_nobody(at: AppTest, latest: pd.DataFrame) -> AppTest:
    """Choose a team and a role that no one in ``latest`` (the pairs on screen) has together."""
    present = set(zip(latest[c.TEAM].astype(str), latest[c.ROLE_ID].astype(str), strict=True))
    teams = sorted(latest[c.TEAM].astype(str).unique())
    roles = [r.id for r in default_framework().roles if r.id in set(latest[c.ROLE_ID].astype(str))]
    team, role = next((t, r) for t in teams for r in roles if (t, r) not in present)
    at.multiselect(key="filter_teams").set_value([team]).run()
    at.multiselect(key="filter_roles").set_value([role]).run()
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def charts(at: AppTest, narrow: bool = False) -> list[dict[str, Any]]:
    """The page's charts as a desktop shows them; ``narrow``: the variants a phone shows instead
    (ui.widgets.chart sends both where a chart has one)."""
    return [
        json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
        if str(chart.key or "").endswith("_narrow") == narrow
    ]


def chart(at: AppTest, key: str) -> dict[str, Any]:
    """The Plotly figure of the chart with this key."""
    found = [c for c in at.get("plotly_chart") if c.key == key]
    assert found, f"no chart {key!r}"
    return dict(json.loads(found[0].proto.spec))


def values(data: Any) -> list[Any]:
    """A trace's array as a list, decoding Plotly's base64 typed arrays ({dtype, bdata})."""
    if isinstance(data, dict) and "bdata" in data:
        array = np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"]))
        shape = data.get("shape")
        if isinstance(shape, str):
            shape = [int(x) for x in shape.split(",")]
        return array.reshape(shape).tolist() if shape else array.tolist()
    return list(data)


def chart_titles(at: AppTest) -> list[str]:
    # A long title wraps onto lines (analytics.charts.TITLE_CHARACTERS): read as one line.
    return [chart["layout"]["title"]["text"].replace("<br>", " ") for chart in charts(at)]


def table(at: AppTest, key: str) -> Any:
    """The dataframe in the container with this key (as :func:`ui.widgets.table` draws every table)."""

    def find(node: Any) -> Any:
        block_id = str(getattr(getattr(node, "proto", None), "id", "") or "")
        if block_id.endswith(f"-{key}"):
            return next(child for child in node.children.values() if type(child).__name__ == "Dataframe")
        for child in getattr(node, "children", {}).values():
            found = find(child)
            if found is not None:
                return found
        return None

    found = find(at._tree)
    assert found is not None, f"no table {key!r} on the page"
    return found


def infos(at: AppTest) -> str:
    return " ".join(str(i.value) for i in at.info)


def markdown_texts(at: AppTest) -> list[str]:
    """The source of every element Streamlit renders as Markdown on the page and in the sidebar."""
    kinds = ("title", "header", "subheader", "caption", "markdown", "info", "success", "warning", "error")
    return [str(element.value) for kind in kinds for element in getattr(at, kind)]


def download(at: AppTest, recorded: Deferred, key: str = DOWNLOAD) -> tuple[bytes, str | None, str | None]:
    """What clicking the download button would download: bytes, MIME type and file name."""
    button = at.download_button(key=key)
    build, mime, name = recorded[button.proto.deferred_file_id]
    data = build()
    assert isinstance(data, bytes)
    return data, mime, name


def page_source(at: AppTest) -> str:
    """Everything the page and the sidebar send the browser (texts, tables' data, charts' specs,
    widgets' options and tooltips), as one text to search."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)
