"""The training plan's widgets on the Priorities page: the planner's edits in, the choices in session state out.

What an edit means is decided in :mod:`analytics.views.plan_grids` and checked in
:mod:`analytics.views.plan`; this module only moves values between the widgets and
:func:`ui.state.set_plan`, so the page, the reports and a reload all see the same plan.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Final

import pandas as pd
import streamlit as st

from analytics.framework import Framework
from analytics.views import plan as pl
from analytics.views import plan_grids as grids
from ui import state

BUDGET_WIDGET: Final = "prio_budget"
CURRENCY_WIDGET: Final = "prio_currency"
COHORT_SKILL_WIDGET: Final = "prio_cohort_skill"


def take_budget() -> None:
    """Callback of the budget box: a positive budget, or none; a refused one empties the box."""
    budget, problem = pl.checked_budget(st.session_state.get(BUDGET_WIDGET))
    if problem:
        st.session_state[BUDGET_WIDGET] = None
    state.set_plan(dataclasses.replace(state.plan_choices(), budget=budget), [problem] if problem else [])


def take_currency() -> None:
    chosen = st.session_state.get(CURRENCY_WIDGET) or pl.CURRENCIES[0]
    state.set_plan(dataclasses.replace(state.plan_choices(), currency=chosen))


def apply_plan_edits(before: pd.DataFrame, after: pd.DataFrame, framework: Framework) -> None:
    """Take the plan grid's edits; rerun at once so every figure and the grid show them."""
    choices = state.plan_choices()
    edited, problems = grids.edited_plan(choices, before, after, framework, date.today())
    if edited != choices or problems:
        state.set_plan(edited, problems)
        st.rerun()


def apply_cohort_edits(
    skill_id: str, before: pd.DataFrame, after: pd.DataFrame, mentors: dict[str, str]
) -> None:
    choices = state.plan_choices()
    edited = grids.edited_cohort(choices, skill_id, before, after, mentors)
    if edited != choices:
        state.set_plan(edited)
        st.rerun()


def problems() -> list[str]:
    """What the planner's last edit asked for and could not be taken (said once)."""
    found: list[str] = st.session_state.pop(state.PLAN_PROBLEMS, None) or []
    return found
