"""A progress bar that follows long work: a large upload being read, a PDF, a zip of plans."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import TypeVar

import streamlit as st

from analytics import i18n
from analytics.progress import Progress

T = TypeVar("T")


def with_progress(work: Callable[[Progress], T], first_step: str) -> T:
    """``work(progress)`` with a progress bar that follows the steps it reports, then gone.

    The work runs on a thread of its own and only notes its steps; this thread moves the bar.
    A cached function (the report bytes) may not touch an element made outside it, and the
    page's elements can only be moved from the page's own thread.
    """
    heard: list[tuple[float, str]] = [(0.0, first_step)]
    bar = st.progress(0.0, text=first_step)
    code = i18n.current()

    def speaking(progress: Progress) -> T:
        # The worker has no session of its own to ask: it is told the page's language.
        with i18n.language(code):
            return work(progress)

    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="page-work") as pool:
            future = pool.submit(speaking, lambda share, text: heard.append((share, text)))
            shown = heard[0]
            while not future.done():
                if heard[-1] != shown:
                    shown = heard[-1]
                    bar.progress(min(max(shown[0], 0.0), 1.0), text=shown[1])
                wait([future], timeout=0.2)
            return future.result()
    finally:
        bar.empty()
