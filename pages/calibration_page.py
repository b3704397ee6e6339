"""Calibration page (being built)."""

from __future__ import annotations

from ui import state, widgets

view = state.view()
widgets.header("Calibration", view)
widgets.stop_if_empty(view)
