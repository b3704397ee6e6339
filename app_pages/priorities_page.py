"""Priorities page: the filtered view and the planner's choices in, the priority chart, ranking, cohorts and plan out."""

from __future__ import annotations

import streamlit as st

from analytics import charts, i18n, plans, reports
from analytics import columns as c
from analytics.framework import LEARNING_FORMATS, format_name
from analytics.i18n import N_, _
from analytics.privacy import DEFAULT_MIN_GROUP_SIZE
from analytics.views import fields as f
from analytics.views import plan as pl
from analytics.views import plan_grids as grids
from analytics.views.formats import DASH, counted
from ui import analysis, planning, rounds, state, widgets

view = state.view()
widgets.header(_("Priorities & training plan"), view)
widgets.stop_if_empty(view)
shown = analysis.priorities(
    view.data,
    view.framework,
    view.options,
    view.source,
    view.filters,
    view.choices,
    view.hide,
    i18n.current(),
)
ranked = shown.ranked

widgets.chart(
    charts.priority_bubbles(ranked.frame, charts.PRIORITY_TITLE),
    key="prio_bubbles",
    narrow=charts.priority_bubbles(ranked.frame, charts.PRIORITY_TITLE, narrow=True),
)
# A phone's bubbles carry no names (they would cover each other): its caption says where to read them.
with st.container(key="wide-prio_bubbles_note"):
    st.caption(
        _(
            "Top right matters most: important skills where people fall far short. Bubble size is people below "
            "target; the five highest priorities are named, hover any bubble for its figures."
        )
    )
with st.container(key="narrow-prio_bubbles_note"):
    st.caption(
        _(
            "Top right matters most: important skills where people fall far short. Bubble size is people below "
            "target; tap a bubble for its skill and figures, and the ranking below names them in order."
        )
    )

st.subheader(ranked.title)
st.caption(ranked.note)
widgets.table(ranked, key="prio_table")

st.subheader(shown.cohorts.title)
if len(shown.cohorts):
    st.caption(shown.cohorts.note)
    widgets.table(shown.cohorts, key="prio_cohorts")
else:
    st.success(_("Nobody in this selection is below target on any skill: no cohorts to train."))

st.subheader(_("Training plan"))
plan = shown.plan
# The choice is kept under a plain key, so the Reports page plans the same skills. It is
# bounded by the framework, not by this selection, so a filter never changes it behind the
# planner's back (a plan of more skills than anyone falls short on lists those there are).
most = max(len(view.framework.skills), 1)
st.session_state[state.PLAN_TOP_WIDGET] = min(view.choices.top, most)
st.number_input(
    _("Plan for how many top priorities"),
    min_value=1,
    max_value=most,
    key=state.PLAN_TOP_WIDGET,
    on_change=state.keep,
    args=(state.PLAN_TOP_WIDGET, state.PLAN_TOP),
    help=_("The reports' training plan covers the same skills."),
)
left, right = st.columns([3, 1])
left.number_input(
    _("Budget (optional)"),
    value=view.choices.budget,
    min_value=None,
    step=100_000.0,
    format="%.0f",
    key=planning.BUDGET_WIDGET,
    on_change=planning.take_budget,
    placeholder=_("No budget"),
    help=_("What you have to spend on this plan; the plan's cost is measured against it."),
)
right.selectbox(
    _("Currency"),
    pl.CURRENCIES,
    index=pl.CURRENCIES.index(view.choices.currency),
    key=planning.CURRENCY_WIDGET,
    on_change=planning.take_currency,
)
for problem in planning.problems():
    st.warning(widgets.safe(problem), icon=":material/block:")
for note in plan.notes:
    st.info(widgets.safe(note), icon=":material/person_search:")
if plan.actions:
    cols = st.columns(4)
    cols[0].metric(_("Learning actions"), plan.actions, help=_("One planned action per skill"))
    cols[1].metric(
        _("Total hours"), widgets.number(plan.total_hours, f.HOURS), help=plan.table.help(f.TOTAL_HOURS)
    )
    money = {figure.key: figure for figure in plan.money_figures}
    cost = money.get(pl.COST_FIGURE)
    if cost is not None:
        cols[2].metric(cost.label, widgets.number(cost.value, cost.kind), help=cost.help)
    else:
        # A dash, not words, where no cost was entered yet: a metric's big figure has room for a number.
        cols[2].metric(
            _("Total cost ({currency})").format(currency=plan.currency),
            DASH,
            help=_("No costs entered yet: give an action a cost per person in the plan below."),
        )
    budget = money.get(pl.BUDGET_FIGURE)
    if budget is not None:
        cols[3].metric(
            budget.label,
            widgets.number(budget.value, budget.kind),
            delta=budget.help,
            delta_color="inverse" if (plan.left_over or 0) < 0 else "normal",
        )
    else:
        cols[3].metric(
            _("Hours per person"),
            widgets.number(plan.hours_each, f.HOURS),
            help=_("All planned actions, once each"),
        )
    st.caption(
        _(
            "Choose each skill's action (or type your own), its format, hours, cost per person, start date "
            "and owner. Totals, the reports and the calendar follow at once."
        )
    )
    grid = grids.plan_grid(plan, view.framework)
    edited = st.data_editor(
        grid,
        hide_index=True,
        placeholder="",
        key=state.editor_key("prio_plan_edit"),
        column_order=list(grids.PLAN_GRID[1:]),
        disabled=[f.SKILL, plans.IN_PLAN],
        column_config={
            # Kept in view while the rest scrolls sideways (on a phone, most of the grid does).
            f.SKILL: st.column_config.TextColumn(_("Skill"), width="medium", pinned=True),
            plans.IN_PLAN: st.column_config.NumberColumn(
                _("People"), format="%d", help=_("In the cohort"), width="small"
            ),
            plans.TITLE: st.column_config.SelectboxColumn(
                _("Action"),
                options=grids.action_titles(plan, view.framework),
                width="large",
                help=_("One of the framework's learning actions"),
            ),
            grids.OWN_TITLE: st.column_config.TextColumn(
                _("Or your own action"),
                max_chars=120,
                help=_("Type an action of your own; it replaces the choice on the left"),
            ),
            plans.FORMAT: st.column_config.SelectboxColumn(
                _("Format"), options=list(LEARNING_FORMATS), format_func=format_name
            ),
            plans.HOURS: st.column_config.NumberColumn(_("Hours each"), format="%g", width="small"),
            # Shown as typed, digits only: the grid reads "1.500.000" as 1.5 whatever the language.
            plans.COST: st.column_config.NumberColumn(
                _("Cost each ({currency})").format(currency=plan.currency),
                format="plain",
                help=_("Per person, in digits only: 1500000"),
            ),
            plans.START: st.column_config.DateColumn(_("Starts"), format="YYYY-MM-DD"),
            plans.OWNER: st.column_config.TextColumn(_("Owner"), max_chars=120),
        },
    )
    planning.apply_plan_edits(grid, edited, view.framework)
    scheduled = int((plan.table.frame[plans.START] != "").sum())
    st.download_button(
        _("Download the calendar ({actions})").format(
            actions=counted(scheduled, N_("scheduled action"), N_("scheduled actions"))
        ),
        data=state.report_builder(view, "ics", False, DEFAULT_MIN_GROUP_SIZE),
        file_name=state.report_file_name(view, "ics", False, N_("training-plan")),
        mime=reports.MEDIA_TYPES["ics"],
        key="prio_calendar",
        icon=":material/calendar_month:",
        on_click="ignore",
        disabled=not scheduled,
        help=_(
            "One event per action and cohort on its start date; give actions a start date to schedule them."
        ),
    )
    with st.expander(_("The whole plan, as the reports show it")):
        st.caption(plan.table.note)
        widgets.table(plan.table, key="prio_plan")
        st.caption(plan.by_team.note)
        widgets.table(plan.by_team, key="prio_plan_teams")

    st.subheader(_("Cohorts and mentors"))
    st.caption(plan.members.note)
    names = dict(zip(plan.table.frame[c.SKILL_ID].astype(str), plan.table.frame[f.SKILL], strict=True))
    chosen = st.selectbox(
        _("Cohort of"), list(names), format_func=names.__getitem__, key=planning.COHORT_SKILL_WIDGET
    )
    if chosen:
        options = grids.mentor_options(view.pairs, chosen, view.framework)
        cohort = grids.cohort_grid(view.pairs, plan, view.choices, chosen)
        suggested = _(grids.SUGGESTED)
        edited_cohort = st.data_editor(
            cohort,
            hide_index=True,
            placeholder="",
            key=state.editor_key(f"prio_cohort_{chosen}"),
            column_order=list(grids.COHORT_GRID[1:]),
            disabled=[plans.LEARNER, c.TEAM, c.RATING, c.TARGET],
            column_config={
                grids.TAKES_PART: st.column_config.CheckboxColumn(
                    _("Takes part"), help=_("Untick to leave the person out")
                ),
                plans.LEARNER: st.column_config.TextColumn(_("Learner"), pinned=True),
                c.TEAM: st.column_config.TextColumn(_("Team")),
                c.RATING: st.column_config.TextColumn(_("Rating"), width="small"),
                c.TARGET: st.column_config.TextColumn(_("Target"), width="small"),
                plans.MENTOR: st.column_config.SelectboxColumn(
                    _("Mentor"),
                    options=[
                        suggested,
                        *options,
                        *sorted(set(cohort[plans.MENTOR]) - set(options) - {"", suggested}),
                    ],
                    help=_(
                        "A colleague rated {level} or more on the skill; '{suggested}' lets the plan choose"
                    ).format(level=pl.MENTOR_LEVEL, suggested=suggested),
                ),
            },
        )
        planning.apply_cohort_edits(chosen, cohort, edited_cohort, options)
    with st.expander(_("Every learner and mentor of the plan")):
        widgets.table(plan.members, key="prio_mentors")
else:
    st.info(_("The top priorities have nobody below target."))

st.subheader(_("Keep this plan"))
home = rounds.plan_round(view)
if home is None:
    st.caption(
        _(
            "Save a plan with a stored round to see later whether it worked: open a saved round on the Data "
            "page, choose it in the sidebar, then save the plan here. The Trends page compares the people it "
            "trained with the rest once a later round is in."
        )
    )
elif plan.actions:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(
        _("Name of the plan"),
        value=_("Plan for {round}").format(round=home.name),
        key=rounds.PLAN_NAME_WIDGET,
        max_chars=200,
    )
    right.button(
        _("Save with the round"),
        key="prio_save_plan",
        on_click=rounds.save_plan,
        args=(view, plan),
        icon=":material/save:",
        help=_(
            "Keeps the plan as you made it (skills, actions, costs, dates, owners, who takes part, mentors). "
            "Saving again under the same name replaces it."
        ),
    )
if home is not None:
    saved = rounds.saved_plans(view)
    if saved:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        names = {p.id: f"{p.name} ({p.saved_at.astimezone().strftime('%Y-%m-%d %H:%M')})" for p in saved}
        picked = left.selectbox(
            _("Plans saved with this round"),
            list(names),
            format_func=names.__getitem__,
            key="prio_saved_plan",
        )
        right.button(
            _("Open this plan"),
            key="prio_open_plan",
            on_click=rounds.open_plan,
            args=(next(p for p in saved if p.id == picked),),
            icon=":material/folder_open:",
        )
