"""The training plan: ranked priorities, their cohorts and the planner's choices in, a plan to act on out.

The planner chooses how many top priorities the plan covers, and per skill the learning
action (the framework's suggestion, another of its actions, or one of their own), its
format, hours, cost per person, start date and owner; leaves people out of a cohort; picks
a mentor for a learner; and may set a budget. All of it is :class:`PlanChoices`, a frozen
value that travels with the view, so the page, every report and the command line show the
same plan. A choice that cannot be taken (a negative cost, a date already past for a new
action, a budget of zero) is refused by :func:`checked_action` and :func:`checked_budget`
with a message, and the plan keeps what it had.

Mentors: every learner is paired with a colleague rated :data:`MENTOR_LEVEL` or more on the
skill who is not learning it, from the same team first, then the same role, then anyone;
no mentor is given more than :data:`MENTOR_LEARNERS` learners over the whole plan. The
pairing runs per skill and per stage on whole arrays: the loop is over planned skills,
never over people.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics import plans
from analytics.framework import Framework, format_name
from analytics.i18n import N_, _, localise_number
from analytics.privacy import hide_small
from analytics.views import fields as f
from analytics.views.formats import format_number
from analytics.views.names import framework_names, label

# How many top priorities the training plan covers unless the planner chooses otherwise.
DEFAULT_PLAN_SKILLS: Final = 5
# A cohort up to this size is named in the plan; a larger one is counted, and the Mentors
# table lists everyone.
COHORT_NAMES: Final = 25
NAME_SEPARATOR: Final = "; "
MENTOR_LEVEL: Final = g.BENCH_LEVEL
MENTOR_LEARNERS: Final = 3
CURRENCIES: Final = ("IDR", "USD", "SGD", "MYR", "EUR", "AUD", "GBP")
# No learning action costs less than this many rupiah per person: a smaller cost is a typing slip.
LEAST_RUPIAH: Final = 1000
# The keys of TrainingPlan.money_figures.
COST_FIGURE: Final = "plan_cost"
BUDGET_FIGURE: Final = "plan_budget"
# How a learner was paired, in the words of the Mentors table.
SAME_TEAM: Final = N_("same team")
SAME_ROLE: Final = N_("same role")
ANY_TEAM: Final = N_("another team")
CHOSEN: Final = N_("chosen by the planner")
NO_MENTOR: Final = N_("nobody free at level {level} or more")
# What a refused edit says, per part of an action.
_NEGATIVE: Final = {
    "hours": N_("Hours cannot be negative ({value}); it was left at its earlier value."),
    "cost": N_("A cost cannot be negative ({value}); it was left at its earlier value."),
}

IN_PLAN, COST, TOTAL_COST, START, OWNER = (
    plans.IN_PLAN,
    plans.COST,
    plans.TOTAL_COST,
    plans.START,
    plans.OWNER,
)
LEARNER, MENTOR, MENTOR_TEAM, PAIRED = plans.LEARNER, plans.MENTOR, plans.MENTOR_TEAM, plans.PAIRED
MENTOR_ID: Final = "mentor_id"


@dataclass(frozen=True)
class ActionChoice:
    """What the planner chose for one skill's action; None (or "") keeps the framework's suggestion."""

    skill_id: str
    title: str | None = None
    format: str | None = None
    hours: float | None = None
    cost: float | None = None
    start: date | None = None
    owner: str = ""


@dataclass(frozen=True)
class PlanChoices:
    """What the planner chose on the Priorities page; the reports and the command line plan the same.

    ``left_out`` holds (skill id, respondent id) of people taken out of a cohort; ``mentors``
    (skill id, learner id, mentor id) of mentors the planner picked.
    """

    top: int = DEFAULT_PLAN_SKILLS
    actions: tuple[ActionChoice, ...] = ()
    left_out: tuple[tuple[str, str], ...] = ()
    mentors: tuple[tuple[str, str, str], ...] = ()
    budget: float | None = None
    currency: str = CURRENCIES[0]

    def action(self, skill_id: str) -> ActionChoice:
        return next((a for a in self.actions if a.skill_id == skill_id), ActionChoice(skill_id))

    def with_action(self, choice: ActionChoice) -> PlanChoices:
        others = tuple(a for a in self.actions if a.skill_id != choice.skill_id)
        # A choice of nothing but the suggestion is no choice: it is not kept.
        kept = (*others, choice) if choice != ActionChoice(choice.skill_id) else others
        return dataclasses.replace(self, actions=tuple(sorted(kept, key=lambda a: a.skill_id)))

    def renamed(self, ids: Mapping[str, str]) -> PlanChoices:
        """These choices with every person known by ``ids[their id]`` instead: an anonymised report
        plans on pseudonyms, and must leave out and pair the same people as the page. A person
        missing from ``ids`` is not in the data, so their choice goes."""
        return dataclasses.replace(
            self,
            left_out=tuple((s, ids[p]) for s, p in self.left_out if p in ids),
            mentors=tuple((s, ids[p], ids[m]) for s, p, m in self.mentors if p in ids and m in ids),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, for the workspace a reload comes back to and a stored plan."""
        return {
            "top": self.top,
            "actions": [
                {**dataclasses.asdict(a), "start": a.start.isoformat() if a.start else None}
                for a in self.actions
            ],
            "left_out": [list(x) for x in self.left_out],
            "mentors": [list(x) for x in self.mentors],
            "budget": self.budget,
            "currency": self.currency,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlanChoices:
        """Back from :meth:`to_dict`; anything unreadable is dropped rather than failing a reload."""
        actions = []
        for item in data.get("actions") or []:
            if not isinstance(item, dict):
                continue
            try:
                start = date.fromisoformat(item["start"]) if item.get("start") else None
                actions.append(
                    ActionChoice(
                        str(item["skill_id"]),
                        _text_or_none(item.get("title")),
                        _text_or_none(item.get("format")),
                        number_or_none(item.get("hours")),
                        number_or_none(item.get("cost")),
                        start,
                        str(item.get("owner") or ""),
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue
        budget = number_or_none(data.get("budget"))
        currency = str(data.get("currency") or CURRENCIES[0])
        top = number_or_none(data.get("top"))
        return cls(
            top=max(int(top), 1) if top is not None else DEFAULT_PLAN_SKILLS,
            actions=tuple(actions),
            left_out=tuple((str(s), str(p)) for s, p in _pairs(data.get("left_out"), 2)),
            mentors=tuple((str(s), str(p), str(m)) for s, p, m in _pairs(data.get("mentors"), 3)),
            budget=budget if budget is not None and budget > 0 else None,
            currency=currency if currency in CURRENCIES else CURRENCIES[0],
        )


DEFAULT_CHOICES: Final = PlanChoices()


def _text_or_none(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def number_or_none(value: object) -> float | None:
    """A finite number, or None for anything else (blank, text, NaN)."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _pairs(value: object, width: int) -> list[list[Any]]:
    if not isinstance(value, list):
        return []
    return [x for x in value if isinstance(x, list) and len(x) == width]


def checked_action(before: ActionChoice, after: ActionChoice, today: date) -> tuple[ActionChoice, list[str]]:
    """The planner's edit of one skill's action, with every part that cannot be taken put back.

    Hours and cost may not be negative (nor not-a-number); a start date may not be in the
    past unless it was already there (a plan made last quarter keeps its dates).
    """
    problems = []
    kept = after
    for name, message in _NEGATIVE.items():
        value = getattr(after, name)
        if value is not None and (not math.isfinite(value) or value < 0):
            problems.append(_(message).format(value=localise_number(f"{value:g}")))
            kept = dataclasses.replace(kept, **{name: getattr(before, name)})
    if after.start is not None and after.start < today and after.start != before.start:
        problems.append(
            _("The start date {date} is already past; choose today or a later date for a new action.").format(
                date=after.start.isoformat()
            )
        )
        kept = dataclasses.replace(kept, start=before.start)
    owner = " ".join(after.owner.split())[:120]
    return dataclasses.replace(kept, owner=owner), problems


def checked_budget(value: float | None) -> tuple[float | None, str]:
    """A budget to plan against: positive, or none at all; anything else is refused with a message."""
    if value is None:
        return None, ""
    if not math.isfinite(value) or value < 0:
        return None, _("A budget cannot be negative. Leave the box empty to plan without a budget.")
    if value == 0:
        return (
            None,
            _("A budget of 0 leaves nothing to spend. Enter the amount you have, or leave the box empty."),
        )
    return float(value), ""


@dataclass(frozen=True)
class TrainingPlan:
    """The planned action of each chosen top priority, its cohort, costs, dates and mentors.

    ``table`` has one row per planned skill; ``members`` one row per person in a cohort,
    with their mentor; ``by_team`` the people, hours and cost per team. ``hours_each``
    adds the planned actions' hours for one person; totals are each action taken once by
    everyone in its cohort (None when hidden in an anonymised view). ``notes`` says what
    of the planner's choices could not be followed (a mentor no longer in the data).
    """

    table: f.Table
    members: f.Table
    by_team: f.Table
    top: int
    hours_each: float
    total_hours: float | None
    total_cost: float | None
    budget: float | None
    currency: str
    notes: tuple[str, ...] = ()
    # Whether any planned action has a cost (a total of None then means hidden, not unknown).
    costed: bool = False
    # ``members``' rows even where an anonymised view does not list them: who takes which action
    # with which mentor, for the per-person development plans (None: as ``members``).
    learners: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def cohort_rows(self) -> pd.DataFrame:
        """One row per person and planned skill (the columns of ``members``), listed or not."""
        return self.members.frame if self.learners is None else self.learners

    @property
    def actions(self) -> int:
        return len(self.table)

    @property
    def left_over(self) -> float | None:
        """The budget less the plan's cost (negative when over): all of it while no action has a
        cost; None without a budget, or when the cost is hidden (an anonymised view)."""
        if self.budget is None:
            return None
        if self.total_cost is None:
            return None if self.costed else self.budget
        return self.budget - self.total_cost

    @property
    def money_figures(self) -> tuple[f.Figure, ...]:
        """The plan's cost and what is left of its budget (or over it), each once known: the
        Priorities page shows them, and every report's headline figures end with them."""
        figures = []
        if self.total_cost is not None:
            figures.append(
                f.Figure(
                    COST_FIGURE,
                    _("Total cost ({currency})").format(currency=self.currency),
                    self.total_cost,
                    f.MONEY,
                    _("Cost each x people in the plan, over the actions with a cost"),
                )
            )
        if self.left_over is not None and self.budget is not None:
            over = self.left_over < 0
            figures.append(
                f.Figure(
                    BUDGET_FIGURE,
                    _("Over budget") if over else _("Budget left"),
                    abs(self.left_over),
                    f.MONEY,
                    (_("over a budget of {budget}") if over else _("within a budget of {budget}")).format(
                        budget=format_number(self.budget, f.MONEY)
                    ),
                )
            )
        return tuple(figures)

    @property
    def totals(self) -> tuple[str, ...]:
        """The plan's totals in words, as every report states them under its title: the hours,
        and the cost against the budget (each when known)."""
        lines = []
        if self.actions and self.total_hours is not None:
            lines.append(
                _("Total: {hours} learning hours over {skills} skills.").format(
                    hours=format_number(self.total_hours, f.HOURS),
                    skills=format_number(self.actions, f.COUNT),
                )
            )
        money = {"currency": self.currency}
        if self.budget is not None:
            money["budget"] = format_number(self.budget, f.MONEY)
        if self.actions and self.total_cost is not None:
            money["cost"] = format_number(self.total_cost, f.MONEY)
            if self.left_over is None or self.budget is None:
                lines.append(_("Cost: {cost} {currency}.").format(**money))
            elif self.left_over < 0:
                gap = format_number(-self.left_over, f.MONEY)
                lines.append(
                    _("Cost: {cost} {currency}, {gap} over the budget of {budget}.").format(**money, gap=gap)
                )
            else:
                gap = format_number(self.left_over, f.MONEY)
                lines.append(
                    _("Cost: {cost} {currency}, {gap} within the budget of {budget}.").format(
                        **money, gap=gap
                    )
                )
        elif self.budget is not None:
            lines.append(_("Budget: {budget} {currency}; no action has a cost yet.").format(**money))
        return tuple(lines)


def training_plan(
    pairs: pd.DataFrame,
    ranked: pd.DataFrame,
    cohort: pd.DataFrame,
    framework: Framework,
    choices: PlanChoices,
    min_group: int = 0,
) -> TrainingPlan:
    """The plan for the chosen top priorities that anyone falls short on.

    ``ranked`` from :func:`analytics.views.priorities.ranked_priorities` (figures not yet
    hidden), ``cohort`` from :func:`analytics.views.priorities.cohorts`. A skill without a
    learning action in the framework stays in the plan, so the planner sees it needs one; it
    adds no hours until one is chosen.
    """
    top = max(int(choices.top), 1)
    planned = ranked[ranked[g.PEOPLE_AFFECTED] > 0].head(top).reset_index(drop=True)
    skill_ids = planned[c.SKILL_ID].astype(object)
    members, notes = _members(pairs, list(skill_ids), choices, framework)
    chosen = _chosen_actions(list(skill_ids), framework, choices)
    in_plan = (
        members.groupby(c.SKILL_ID, sort=False).size().reindex(skill_ids).fillna(0).to_numpy(dtype=float)
    )
    who = cohort.assign(**{c.SKILL_ID: cohort[c.SKILL_ID].astype(object)}).set_index(c.SKILL_ID)
    hidden = hide_small(
        planned.assign(**{IN_PLAN: in_plan}),
        g.N_PEOPLE,
        [g.PRIORITY, g.PEOPLE_AFFECTED, g.N_PEOPLE, IN_PLAN],
        min_group,
    )
    people = hidden[IN_PLAN].to_numpy(dtype=float)
    hours, cost = chosen[plans.HOURS].to_numpy(dtype=float), chosen[COST].to_numpy(dtype=float)
    if choices.currency == "IDR" and bool(((cost > 0) & (cost < LEAST_RUPIAH)).any()):
        # "1.500.000" typed the Indonesian way reaches the grid as 1.5: say so rather than plan on it.
        notes.append(
            _(
                "A cost under {least} rupiah per person looks like a typing slip: type amounts in digits "
                "only, without dots or commas (1500000 for one and a half million)."
            ).format(least=format_number(LEAST_RUPIAH, f.MONEY))
        )
    names = framework_names(framework)
    frame = pd.DataFrame(
        {
            f.RANK: np.arange(1, len(planned) + 1),
            c.SKILL_ID: skill_ids.to_numpy(),
            f.SKILL: label(skill_ids, names.skill).to_numpy(),
            f.AREA: label(planned[c.AREA_ID], names.area).to_numpy(),
            g.PRIORITY: hidden[g.PRIORITY].to_numpy(dtype=float),
            g.PEOPLE_AFFECTED: hidden[g.PEOPLE_AFFECTED].to_numpy(dtype=float),
            g.N_PEOPLE: hidden[g.N_PEOPLE].to_numpy(dtype=float),
            IN_PLAN: people,
            f.TEAMS: who[f.TEAMS].reindex(skill_ids).fillna("").to_numpy(dtype=object),
            f.NAMES: _names(members, list(skill_ids), min_group > 0),
            plans.TITLE: chosen[plans.TITLE].to_numpy(dtype=object),
            plans.FORMAT: chosen[plans.FORMAT].map(format_name).to_numpy(dtype=object),
            plans.FORMAT_KEY: chosen[plans.FORMAT].to_numpy(dtype=object),
            plans.HOURS: hours,
            COST: cost,
            START: chosen[START].to_numpy(dtype=object),
            OWNER: chosen[OWNER].to_numpy(dtype=object),
            f.TOTAL_HOURS: hours * people,
            TOTAL_COST: cost * people,
            plans.DESCRIPTION: chosen[plans.DESCRIPTION].to_numpy(dtype=object),
            plans.ALTERNATIVES: chosen[plans.ALTERNATIVES].to_numpy(dtype=object),
        }
    )
    money = _money_fields(choices.currency)
    note = _(
        "The top {top} priorities that someone falls short on. The cohort is everyone below their role's "
        "target on the skill, less anyone the planner left out; the action is the framework's first unless "
        "the planner chose another, and the other options add no hours or cost."
    ).format(top=top)
    if min_group:
        note += " " + _(
            "Figures, teams and names of skills rated by fewer than {n} people are hidden."
        ).format(n=min_group)
    # Nothing to train costs nothing; totals hidden on every planned skill are not known (None).
    total_hours = pd.Series(frame[f.TOTAL_HOURS]).sum(min_count=1) if len(frame) else 0.0
    total_cost = pd.Series(frame[TOTAL_COST]).sum(min_count=1) if len(frame) else 0.0
    table = f.Table(
        _("Training plan"),
        frame,
        (
            f.RANK,
            f.SKILL,
            f.AREA,
            g.PRIORITY,
            g.PEOPLE_AFFECTED,
            IN_PLAN,
            f.TEAMS,
            f.NAMES,
            plans.TITLE,
            plans.FORMAT,
            plans.HOURS,
            f.TOTAL_HOURS,
            COST,
            TOTAL_COST,
            START,
            OWNER,
            plans.DESCRIPTION,
            plans.ALTERNATIVES,
        ),
        note,
        {**money, plans.TITLE: f.Field(N_("Action"))},
    )
    listed, learners = _members_table(members, framework, chosen, min_group > 0)
    return TrainingPlan(
        table=table,
        members=listed,
        by_team=_by_team(members, chosen, money, min_group),
        top=top,
        hours_each=float(np.nansum(hours)),
        total_hours=None if pd.isna(total_hours) else float(total_hours),
        total_cost=None if pd.isna(total_cost) else float(total_cost),
        budget=choices.budget,
        currency=choices.currency,
        notes=tuple(notes),
        costed=bool(np.isfinite(cost).any()),
        learners=learners,
    )


def _money_fields(currency: str) -> dict[str, f.Field]:
    return {
        # Headed in the session's language here, as the currency is in the heading.
        COST: f.Field(
            _("Cost each ({currency})").format(currency=currency),
            f.MONEY,
            N_("Cost of the action for one person"),
        ),
        TOTAL_COST: f.Field(
            _("Total cost ({currency})").format(currency=currency),
            f.MONEY,
            N_("Cost each x people in the plan"),
        ),
    }


def _chosen_actions(skill_ids: Sequence[str], framework: Framework, choices: PlanChoices) -> pd.DataFrame:
    """Per planned skill the action as chosen: the planner's title, format, hours, cost, start and owner
    over the framework's. A title the framework has for the skill (in either language) brings its
    format, hours and description unless the planner set them; a framework action is shown by its
    title in the session's language."""
    rows = []
    for skill_id in skill_ids:  # a loop over the planned skills, never over people
        chosen = choices.action(skill_id)
        known = framework.actions_for(skill_id)
        picked = next(
            (a for a in known if a.titled(chosen.title or "")),
            known[0] if known and not chosen.title else None,
        )
        title = picked.shown_title if picked else (chosen.title or _(plans.NO_ACTION))
        others = "; ".join(plans.action_option(a) for a in known if a is not picked)
        rows.append(
            {
                c.SKILL_ID: skill_id,
                plans.TITLE: title,
                plans.FORMAT: chosen.format or (picked.format if picked else ""),
                plans.HOURS: chosen.hours
                if chosen.hours is not None
                else (picked.hours if picked else math.nan),
                COST: chosen.cost if chosen.cost is not None else math.nan,
                START: chosen.start.isoformat() if chosen.start else "",
                OWNER: chosen.owner,
                plans.DESCRIPTION: picked.shown_description if picked else "",
                plans.ALTERNATIVES: others,
            }
        )
    columns = [
        c.SKILL_ID,
        plans.TITLE,
        plans.FORMAT,
        plans.HOURS,
        COST,
        START,
        OWNER,
        plans.DESCRIPTION,
        plans.ALTERNATIVES,
    ]
    return pd.DataFrame(rows, columns=columns).astype({plans.HOURS: float, COST: float})


def rows_of_skills(pairs: pd.DataFrame, skill_ids: Sequence[str]) -> pd.DataFrame:
    """Each person's one pair on each of ``skill_ids``: the rows cohorts and mentors are chosen from.

    The skills are picked before repeats are dropped, since a plan's few skills are a small
    part of a large survey's pairs.
    """
    rated = pairs[pairs[c.SKILL_ID].isin(list(skill_ids)).to_numpy(dtype=bool)]
    return rated.drop_duplicates([c.SKILL_ID, c.RESPONDENT_ID])


def _members(
    pairs: pd.DataFrame, skill_ids: Sequence[str], choices: PlanChoices, framework: Framework
) -> tuple[pd.DataFrame, list[str]]:
    """Everyone in a planned skill's cohort (below target, not left out), with a mentor each."""
    rated = rows_of_skills(pairs, skill_ids)
    person = rated[c.RESPONDENT_ID].astype(object)
    short = (rated[c.SHORTFALL] > 0).to_numpy(dtype=bool)
    left_out = pd.MultiIndex.from_tuples(choices.left_out) if choices.left_out else None
    keys = pd.MultiIndex.from_arrays([rated[c.SKILL_ID].astype(object), person])
    kept = short & (~keys.isin(left_out) if left_out is not None else True)
    learners = rated[kept]
    learners = learners.assign(
        **{
            c.SKILL_ID: learners[c.SKILL_ID].astype(object),
            c.RESPONDENT_ID: learners[c.RESPONDENT_ID].astype(object),
        }
    )
    # Mentors: rated at MENTOR_LEVEL or more on the skill and not learning it themselves.
    level = min(MENTOR_LEVEL, framework.scale.max)
    able = rated[(rated[c.RATING] >= level).to_numpy(dtype=bool) & ~short]
    return _pair_mentors(learners, able, pairs, list(skill_ids), choices, framework_names(framework).skill)


def _pair_mentors(
    learners: pd.DataFrame,
    able: pd.DataFrame,
    pairs: pd.DataFrame,
    skill_ids: list[str],
    choices: PlanChoices,
    skill_names: Mapping[str, str],
) -> tuple[pd.DataFrame, list[str]]:
    """Each learner with a mentor (see the module's docstring), in plan order, largest weighted shortfall first."""
    order = {s: i for i, s in enumerate(skill_ids)}
    learners = learners.assign(_order=learners[c.SKILL_ID].map(order)).sort_values(
        ["_order", c.WEIGHTED_SHORTFALL, c.NAME], ascending=[True, False, True], kind="stable"
    )
    people = pairs.drop_duplicates(c.RESPONDENT_ID).set_index(c.RESPONDENT_ID)
    person_ids = people.index.astype(object)
    codes = pd.Index(person_ids)
    capacity = np.full(len(codes), MENTOR_LEARNERS, dtype=np.int64)
    mentor = np.full(len(learners), -1, dtype=np.int64)
    paired = np.full(len(learners), "", dtype=object)
    notes = []
    # The planner's own picks first; a mentor no longer in the data is said and suggested afresh.
    at = (
        {
            (s, p): i
            for i, (s, p) in enumerate(zip(learners[c.SKILL_ID], learners[c.RESPONDENT_ID], strict=True))
        }
        if choices.mentors
        else {}
    )
    names = people[c.NAME].astype(object)
    for skill_id, learner_id, mentor_id in choices.mentors:  # the planner's few picks
        row = at.get((skill_id, learner_id))
        if row is None:
            continue
        found = codes.get_indexer([mentor_id])[0]
        if found < 0 or mentor_id == learner_id:
            who = names.get(learner_id, learner_id)
            notes.append(
                _(
                    "The mentor chosen for {person} on {skill} is not in this data (or is the learner); "
                    "another colleague was suggested. Pick a mentor again if you want."
                ).format(person=who, skill=skill_names.get(skill_id, skill_id))
            )
            continue
        mentor[row], paired[row] = found, _(CHOSEN)
        capacity[found] -= 1
    skill_of = learners[c.SKILL_ID].to_numpy(dtype=object)
    team_of = learners[c.TEAM].astype(object).to_numpy()
    role_of = learners[c.ROLE_ID].astype(object).to_numpy()
    able_skill = able[c.SKILL_ID].astype(object).to_numpy()
    able_code = codes.get_indexer(able[c.RESPONDENT_ID].astype(object))
    able_team = able[c.TEAM].astype(object).to_numpy()
    able_role = able[c.ROLE_ID].astype(object).to_numpy()
    able_rating = able[c.RATING].to_numpy(dtype=float)
    for skill_id in skill_ids:  # a loop over the planned skills, never over people
        rows = np.flatnonzero(skill_of == skill_id)
        candidates = np.flatnonzero(able_skill == skill_id)
        if not len(rows) or not len(candidates):
            continue
        for how, learner_key, mentor_key in (
            (SAME_TEAM, team_of, able_team),
            (SAME_ROLE, role_of, able_role),
            (ANY_TEAM, np.zeros(len(team_of), dtype=object), np.zeros(len(able_team), dtype=object)),
        ):
            waiting = rows[mentor[rows] < 0]
            free = candidates[capacity[able_code[candidates]] > 0]
            if not len(waiting) or not len(free):
                break
            given = _slots(waiting, learner_key, free, mentor_key, able_code, able_rating, capacity)
            taken = given >= 0
            mentor[waiting[taken]] = given[taken]
            paired[waiting[taken]] = _(how)
            np.subtract.at(capacity, given[taken], 1)
    out = learners.drop(columns="_order").reset_index(drop=True)
    found = mentor >= 0
    safe = np.where(found, mentor, 0)
    out[MENTOR_ID] = np.where(found, person_ids.to_numpy()[safe], "")
    out[MENTOR] = np.where(found, names.to_numpy()[safe], "")
    out[MENTOR_TEAM] = np.where(found, people[c.TEAM].astype(object).to_numpy()[safe], "")
    out[PAIRED] = np.where(found, paired, "")
    return out, notes


def _slots(
    waiting: np.ndarray,
    learner_key: np.ndarray,
    free: np.ndarray,
    mentor_key: np.ndarray,
    able_code: np.ndarray,
    able_rating: np.ndarray,
    capacity: np.ndarray,
) -> np.ndarray:
    """The mentor (a person code, -1 for none) of each waiting learner within groups of equal keys.

    Each free mentor offers as many slots as they have room; slots are dealt round by round
    (every mentor's first slot, then the second), the highest rated first, so learners spread
    over mentors. The n-th waiting learner of a group takes the n-th slot of that group. A
    learner is never their own mentor: mentors are not learning the skill.
    """
    room = capacity[able_code[free]]
    slot_mentor = np.repeat(free, room)
    # Each slot's round: 0 for a mentor's first slot, 1 for their second, ...
    slot_round = np.arange(len(slot_mentor)) - np.repeat(np.cumsum(room) - room, room)
    codes, _uniques = pd.factorize(
        np.concatenate([learner_key[waiting], mentor_key[slot_mentor]]), use_na_sentinel=True
    )
    wait_key, slot_key = codes[: len(waiting)], codes[len(waiting) :]
    slot_code = able_code[slot_mentor]
    order = np.lexsort((slot_code, -able_rating[slot_mentor], slot_round, slot_key))
    sorted_key = slot_key[order]
    # Where each key's slots start in that order, and how many it has.
    groups = int(codes.max()) + 1 if len(codes) else 0
    counts = np.bincount(sorted_key[sorted_key >= 0], minlength=groups)
    starts = np.searchsorted(sorted_key, np.arange(groups))
    # The n-th waiting learner of each key, in the order given (largest need first).
    by_key = np.argsort(wait_key, kind="stable")
    rank = np.empty(len(waiting), dtype=np.int64)
    first = np.searchsorted(wait_key[by_key], wait_key[by_key])
    rank[by_key] = np.arange(len(waiting)) - first
    given = np.full(len(waiting), -1, dtype=np.int64)
    known = wait_key >= 0
    room_of = np.zeros(len(waiting), dtype=np.int64)
    room_of[known] = counts[wait_key[known]]
    fits = known & (rank < room_of)
    given[fits] = slot_code[order[starts[wait_key[fits]] + rank[fits]]]
    return given


def _names(members: pd.DataFrame, skill_ids: Sequence[str], anonymised: bool) -> np.ndarray:
    """Who is in each planned skill's cohort: every name when they are few, else how many they are
    (the Mentors table lists everyone), never a list that trails off; nothing when anonymised."""
    counts = members.groupby(c.SKILL_ID, sort=False).size() if len(members) else pd.Series(dtype=int)
    by_skill = dict(tuple(members.groupby(c.SKILL_ID, sort=False)[c.NAME])) if len(members) else {}
    out = []
    for skill_id in skill_ids:  # a loop over the planned skills
        n = int(counts.get(skill_id, 0))
        if anonymised or not n:
            out.append("")
        elif n > COHORT_NAMES:
            out.append(
                _("{n} people: every name is in the Mentors table").format(n=format_number(n, f.COUNT))
            )
        else:
            out.append(NAME_SEPARATOR.join(by_skill[skill_id].astype(str)))
    return np.array(out, dtype=object)


def _members_table(
    members: pd.DataFrame, framework: Framework, chosen: pd.DataFrame, anonymised: bool
) -> tuple[f.Table, pd.DataFrame | None]:
    """The Mentors table and, when it is anonymised and lists nobody, the rows it leaves out."""
    names = framework_names(framework)
    skill_ids = members[c.SKILL_ID].astype(object) if len(members) else pd.Series(dtype=object)
    actions = chosen.set_index(c.SKILL_ID)
    level = min(MENTOR_LEVEL, framework.scale.max)
    frame = pd.DataFrame(
        {
            c.SKILL_ID: skill_ids.to_numpy(),
            f.SKILL: label(skill_ids, names.skill).to_numpy() if len(members) else [],
            c.RESPONDENT_ID: members[c.RESPONDENT_ID].to_numpy(dtype=object) if len(members) else [],
            LEARNER: members[c.NAME].astype(object).to_numpy() if len(members) else [],
            c.TEAM: members[c.TEAM].astype(object).to_numpy() if len(members) else [],
            c.RATING: members[c.RATING].to_numpy(dtype=float) if len(members) else [],
            c.TARGET: members[c.TARGET].to_numpy(dtype=float) if len(members) else [],
            MENTOR: members[MENTOR].to_numpy(dtype=object) if len(members) else [],
            MENTOR_TEAM: members[MENTOR_TEAM].to_numpy(dtype=object) if len(members) else [],
            PAIRED: (
                members[PAIRED].replace("", _(NO_MENTOR).format(level=level)).to_numpy(dtype=object)
                if len(members)
                else []
            ),
            plans.TITLE: actions[plans.TITLE].reindex(skill_ids).to_numpy(dtype=object)
            if len(members)
            else [],
            START: actions[START].reindex(skill_ids).to_numpy(dtype=object) if len(members) else [],
        }
    )
    note = _(
        "Everyone in the plan's cohorts, one row per person and skill, with a colleague rated {level} or more "
        "on the skill as mentor: the same team first, then the same role, then anyone; at most "
        "{n} learners per mentor over the whole plan."
    ).format(level=level, n=MENTOR_LEARNERS)
    every = None
    if anonymised:
        # Pseudonyms per skill say nothing a planner can act on: the cohorts' sizes are in the plan.
        every, frame = frame, frame.iloc[0:0]
        note = _("Anonymised: the cohorts' sizes are in the training plan; who is in them is not listed.")
    table = f.Table(
        _("Mentors"),
        frame,
        (f.SKILL, LEARNER, c.TEAM, c.RATING, c.TARGET, MENTOR, MENTOR_TEAM, PAIRED, plans.TITLE, START),
        note,
        {plans.TITLE: f.Field(N_("Action"))},
    )
    return table, every


def _by_team(
    members: pd.DataFrame, chosen: pd.DataFrame, money: Mapping[str, f.Field], min_group: int
) -> f.Table:
    """People, hours and cost of the plan per team (a person in two cohorts counts once in people)."""
    actions = chosen.set_index(c.SKILL_ID)
    if len(members):
        skill_ids = members[c.SKILL_ID].astype(object)
        work = pd.DataFrame(
            {
                c.TEAM: members[c.TEAM].astype(object).to_numpy(),
                c.RESPONDENT_ID: members[c.RESPONDENT_ID].to_numpy(dtype=object),
                f.TOTAL_HOURS: actions[plans.HOURS].reindex(skill_ids).to_numpy(dtype=float),
                TOTAL_COST: actions[COST].reindex(skill_ids).to_numpy(dtype=float),
            }
        )
        grouped = work.groupby(c.TEAM, sort=True)
        frame = pd.DataFrame(
            {
                f.PEOPLE: grouped[c.RESPONDENT_ID].nunique(),
                f.TOTAL_HOURS: grouped[f.TOTAL_HOURS].sum(min_count=1),
                TOTAL_COST: grouped[TOTAL_COST].sum(min_count=1),
            }
        ).reset_index()
    else:
        frame = pd.DataFrame({c.TEAM: [], f.PEOPLE: [], f.TOTAL_HOURS: [], TOTAL_COST: []})
    if min_group:
        frame = hide_small(frame, f.PEOPLE, [f.PEOPLE, f.TOTAL_HOURS, TOTAL_COST], min_group)
    return f.Table(
        _("Plan per team"),
        frame,
        (c.TEAM, f.PEOPLE, f.TOTAL_HOURS, TOTAL_COST),
        _("Each planned action taken once by everyone of the team in its cohort."),
        {**money, f.PEOPLE: f.Field(N_("People in the plan"), f.COUNT)},
    )


def plan_members(plan: TrainingPlan) -> pd.DataFrame:
    """Who the plan puts into each planned skill's cohort, and its action: what a stored plan keeps,
    so that a later round can compare the people it trained with the rest. Columns
    ``skill_id``, ``respondent_id``, ``action``."""
    members = plan.members.frame
    return pd.DataFrame(
        {
            c.SKILL_ID: members[c.SKILL_ID].to_numpy(dtype=object),
            c.RESPONDENT_ID: members[c.RESPONDENT_ID].to_numpy(dtype=object),
            "action": members[plans.TITLE].to_numpy(dtype=object),
        }
    )
