"""The training plan edited on the Priorities page in AppTest, on the sample data.

Each expectation is read off the plan's own grid (people in each cohort) and multiplied by
hand, or read off the framework; nothing is a stored number.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from streamlit.testing.v1 import AppTest

from analytics import i18n, plans
from analytics.views import fields as f
from analytics.views import plan as pl
from analytics.views.formats import format_number
from analytics.views.plan_grids import mentor_options
from analytics.views.priorities import priorities_view
from tests.helpers.app import Deferred, download, metrics, new_app, open_page, with_sample
from tests.helpers.reports import pdf_text
from ui import workspace
from ui.widgets import safe


def plan_page() -> AppTest:
    return open_page(with_sample(), "priorities")


def editor(at: AppTest, prefix: str) -> Any:
    return next(e for e in at.data_editor if str(e.key).startswith(prefix))


def edit(at: AppTest, prefix: str, rows: dict[int, dict[str, Any]]) -> AppTest:
    grid = editor(at, prefix)
    at.session_state[grid.key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def plan_of(at: AppTest) -> pl.TrainingPlan:
    view = at.session_state["view"]
    return priorities_view(view.pairs, view.framework, view.choices).plan


def test_a_cost_per_person_gives_the_total_cost_and_the_budget_left() -> None:
    at = plan_page()
    # The framework's actions carry no cost: a dash until one is entered, and the help says how.
    assert metrics(at)["Total cost (IDR)"] == "–"
    assert "No costs entered yet" in next(m for m in at.metric if m.label == "Total cost (IDR)").help
    grid = editor(at, "prio_plan_edit").value
    people = int(grid[plans.IN_PLAN].iloc[0])
    at = edit(at, "prio_plan_edit", {0: {plans.COST: 250_000}})
    assert metrics(at)["Total cost (IDR)"] == format_number(250_000 * people, f.MONEY)
    at.number_input(key="prio_budget").set_value(10_000_000).run()
    left = 10_000_000 - 250_000 * people
    label = "Budget left" if left >= 0 else "Over budget"
    assert metrics(at)[label] == format_number(abs(left), f.MONEY)
    assert at.session_state["view"].choices.budget == 10_000_000


def test_a_negative_hour_count_and_a_budget_of_zero_are_refused_with_a_message() -> None:
    at = plan_page()
    before = float(editor(at, "prio_plan_edit").value[plans.HOURS].iloc[0])
    at = edit(at, "prio_plan_edit", {0: {plans.HOURS: -3}})
    assert any(safe("Hours cannot be negative (-3)") in w.value for w in at.warning)
    assert float(editor(at, "prio_plan_edit").value[plans.HOURS].iloc[0]) == before
    at.number_input(key="prio_budget").set_value(0).run()
    assert any(safe("A budget of 0 leaves nothing to spend") in w.value for w in at.warning)
    assert at.session_state["view"].choices.budget is None


def test_another_action_brings_its_hours_and_a_person_can_be_left_out() -> None:
    at = plan_page()
    grid = editor(at, "prio_plan_edit").value
    skill_id = str(grid["skill_id"].iloc[0])
    framework = at.session_state["view"].framework
    actions = framework.actions_for(skill_id)
    assert len(actions) > 1  # the default framework has an alternative for every skill
    at = edit(at, "prio_plan_edit", {0: {plans.TITLE: actions[1].title}})
    row = plan_of(at).table.frame.iloc[0]
    assert (row[plans.TITLE], row[plans.HOURS], row[plans.FORMAT]) == (
        actions[1].title,
        actions[1].hours,
        actions[1].format,
    )
    people = int(row[plans.IN_PLAN])
    cohort = editor(at, f"prio_cohort_{skill_id}").value
    first = str(cohort[plans.LEARNER].iloc[0])
    at = edit(at, f"prio_cohort_{skill_id}", {0: {"takes_part": False}})
    after = plan_of(at)
    assert int(after.table.frame.iloc[0][plans.IN_PLAN]) == people - 1
    members = after.members.frame
    assert first not in set(members.loc[members["skill_id"] == skill_id, plans.LEARNER])


def test_a_mentor_picked_by_name_is_kept() -> None:
    at = plan_page()
    grid = editor(at, "prio_plan_edit").value
    skill_id = str(grid["skill_id"].iloc[0])
    view = at.session_state["view"]
    names = list(mentor_options(view.pairs, skill_id, view.framework))
    assert names, "the sample has colleagues rated 4 or more on every planned skill"
    pick = names[-1]
    at = edit(at, f"prio_cohort_{skill_id}", {1: {plans.MENTOR: pick}})
    members = plan_of(at).members.frame
    learner = str(editor(at, f"prio_cohort_{skill_id}").value[plans.LEARNER].iloc[1])
    row = members[(members["skill_id"] == skill_id) & (members[plans.LEARNER] == learner)].iloc[0]
    assert (row[plans.MENTOR], row[plans.PAIRED]) == (pick.split(" (")[0], pl.CHOSEN)


def test_the_plan_comes_back_after_a_reload() -> None:
    at = plan_page()
    at = edit(at, "prio_plan_edit", {0: {plans.COST: 99_000, plans.OWNER: "Rina"}})
    chosen = at.session_state["view"].choices
    again = new_app()
    again.session_state[workspace.TOKEN] = at.session_state[workspace.TOKEN]
    again.run()
    assert not again.exception
    assert again.session_state["view"].choices == chosen


def test_the_people_page_downloads_a_persons_plan_and_their_teams_zip(deferred: Deferred) -> None:
    at = open_page(with_sample(), "people")
    person = at.selectbox(key="people_person").value
    data, mime, name = download(at, deferred, "people_plan_pdf")
    assert data.startswith(b"%PDF") and mime == "application/pdf" and str(name).endswith(".pdf")
    view = at.session_state["view"]
    first = view.pairs[view.pairs["respondent_id"] == person].iloc[0]
    assert f"Development plan: {first['name']}" in " ".join(pdf_text(data))
    team = view.pairs[view.pairs["team"] == first["team"]]["respondent_id"].nunique()
    # The team's zip is written first, with a bar; then it is offered.
    assert not at.get("download_button") or "people_team_zip" not in [
        b.key for b in at.get("download_button")
    ]
    at.button(key="people_team_prepare").click().run()
    assert not at.exception
    data, mime, name = download(at, deferred, "people_team_zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert len(archive.namelist()) == team
    assert mime == "application/zip" and str(name).endswith(".zip")


def test_formats_read_in_indonesian_and_are_kept_as_the_frameworks_words() -> None:
    at = new_app()
    at.query_params["lang"] = "id"
    at.run()
    at = open_page(at, "priorities")
    grid = editor(at, "prio_plan_edit").value
    skill_id = str(grid["skill_id"].iloc[0])
    framework = at.session_state["view"].framework
    suggested = framework.actions_for(skill_id)[0].format
    # The grid edits the kept word; the plan's table, which pages and reports show, the reader's
    # (the catalogue's: "kursus" for course, "proyek" for project).
    indonesian = {"course": "kursus", "project": "proyek"}
    assert grid[plans.FORMAT].iloc[0] == suggested
    other = "project" if suggested != "project" else "course"
    at = edit(at, "prio_plan_edit", {0: {plans.FORMAT: other}})
    assert at.session_state["view"].choices.action(skill_id).format == other
    assert editor(at, "prio_plan_edit").value[plans.FORMAT].iloc[0] == other
    with i18n.language("id"):
        assert plan_of(at).table.frame[plans.FORMAT].iloc[0] == indonesian[other]
    with i18n.language("en"):
        assert plan_of(at).table.frame[plans.FORMAT].iloc[0] == other
