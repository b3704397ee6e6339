"""Trends page (being built)."""

from __future__ import annotations

from ui import state, widgets

view = state.view()
widgets.header("Trends", view)
widgets.stop_if_empty(view)
