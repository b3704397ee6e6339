"""Learning plans: a framework's learning actions in, one suggested action per skill with its hours out.

The framework lists each skill's learning actions in order. The first is the *suggested* action:
every plan (the People page, the Priorities page's training plan, the xlsx, html, csv and pdf
reports) counts its hours alone, once per person below target. The other actions are
*alternatives* a person may take instead; they are listed as options and never added to hours,
so the dashboard and the reports always agree on how many hours a plan takes.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from analytics import columns as c
from analytics.framework import Framework, LearningAction
from analytics.i18n import N_, _, localise_number

TITLE: Final = "title"
FORMAT: Final = "format"
# The format as kept (its English word), beside FORMAT as the reader sees it: what a grid edits.
FORMAT_KEY: Final = "format_key"
HOURS: Final = "hours"
DESCRIPTION: Final = "description"
ALTERNATIVES: Final = "alternatives"
PLAN_COLUMNS: Final = (c.SKILL_ID, TITLE, FORMAT, HOURS, DESCRIPTION, ALTERNATIVES)
# Columns of a training plan as the planner shapes it (see analytics.views.plan).
IN_PLAN: Final = "in_plan"
COST: Final = "cost"
TOTAL_COST: Final = "total_cost"
START: Final = "start"
OWNER: Final = "owner"
LEARNER: Final = "learner"
MENTOR: Final = "mentor"
MENTOR_TEAM: Final = "mentor_team"
PAIRED: Final = "paired"
NO_ACTION: Final = N_("No action in the framework yet")


def suggested_actions(framework: Framework) -> pd.DataFrame:
    """One row per skill with learning actions, in framework order: the suggested action and the others.

    Columns: :data:`PLAN_COLUMNS`. ``hours`` are the suggested action's hours for one person;
    ``alternatives`` lists the other actions as text, e.g. ``"Plan a campaign (project, 6 h)"``
    ("" when there are none). Skills without any action are left out. Titles and descriptions
    are in the session's language (English where the framework has no Indonesian).
    """
    rows = []
    for skill in framework.skills:  # a loop over skills, never over people
        actions = framework.actions_for(skill.id)
        if actions:
            first = actions[0]
            others = "; ".join(action_option(a) for a in actions[1:])
            rows.append(
                (
                    skill.id,
                    first.shown_title,
                    first.shown_format,
                    float(first.hours),
                    first.shown_description,
                    others,
                )
            )
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS)).astype({HOURS: float})


def action_option(action: LearningAction) -> str:
    """An action offered instead of the suggested one, as the plans list it: "Plan a campaign (project, 6 h)"."""
    return _("{title} ({format}, {hours} h)").format(
        title=action.shown_title, format=action.shown_format, hours=localise_number(f"{action.hours:g}")
    )
