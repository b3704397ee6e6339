"""Framework page: the current framework in, its tables, an editable target grid and YAML download/upload out."""

from __future__ import annotations

import streamlit as st

from analytics.framework import FrameworkError
from analytics.i18n import _
from analytics.text import file_slug
from analytics.views import fields as f
from analytics.views import framework_tables as ft
from analytics.views.formats import format_number
from ui import access, rounds, state, widgets

fw = state.framework()
st.title(_("Competency framework"))
st.caption(
    _("**{name}**, version {version}: {areas} areas, {skills} skills, {roles} roles.").format(
        name=widgets.safe(fw.shown_name),
        version=widgets.safe(fw.version or "-"),
        areas=format_number(len(fw.areas), f.COUNT),
        skills=format_number(len(fw.skills), f.COUNT),
        roles=format_number(len(fw.roles), f.COUNT),
    )
)

left, middle, right = st.columns([1, 2, 1])
left.download_button(
    _("Download framework (YAML)"),
    data=fw.to_yaml(),
    file_name=file_slug(_("framework")) + ".yaml",
    mime="application/x-yaml",
    key="fw_download",
    icon=":material/download:",
)
middle.file_uploader(
    _("Upload another framework"),
    type=["yaml", "yml"],
    key=state.FRAMEWORK_UPLOAD_WIDGET,
    on_change=state.take_framework_upload,
)
right.button(_("Back to the default framework"), key="fw_reset", on_click=state.reset_framework)
problems = st.session_state.get(state.FRAMEWORK_PROBLEMS) or []
if problems:
    listed = "\n".join(f"- {widgets.safe(p)}" for p in problems[:30])
    st.error(
        _("**That framework file was not used: it has {n} problem(s).**").format(n=len(problems))
        + f"\n\n{listed}",
        icon=":material/error:",
    )

with st.expander(_("Saved versions of the framework")):
    if st.session_state.get(state.STORE_ERROR):
        st.warning(widgets.safe(st.session_state[state.STORE_ERROR]), icon=":material/database:")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(
        _("Name for this version"),
        key=rounds.VERSION_NAME_WIDGET,
        max_chars=200,
        placeholder=_("e.g. Growth team targets 2026"),
    )
    right.button(
        _("Save this version"),
        key="fw_save_version",
        on_click=rounds.save_framework_version,
        disabled=not access.grant().is_admin,
        help=None
        if access.grant().is_admin
        else _("Only an admin can save framework versions for everyone."),
    )
    versions = rounds.framework_versions()
    if versions:
        labels = {
            v.id: _("{name} (saved {when} UTC by {who})").format(
                name=v.name, when=f"{v.saved_at:%Y-%m-%d %H:%M}", who=v.saved_by
            )
            for v in versions
        }
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.selectbox(
            _("Saved versions"), list(labels), format_func=labels.__getitem__, key=rounds.VERSION_WIDGET
        )
        right.button(_("Use this version"), key="fw_open_version", on_click=rounds.open_framework_version)
    else:
        st.caption(_("No version saved yet. A saved version can be used again later, by you or a colleague."))

st.subheader(_("Targets and importance by role"))
st.caption(
    _(
        "Targets are levels from {low} ({low_name}) to {high} ({high_name}); importance is 1 nice to have, "
        "2 important, 3 critical. Edits apply to every page at once. Hover a role's header for its full name."
    ).format(
        low=fw.scale.min,
        low_name=widgets.safe(fw.scale.levels[0].shown_name),
        high=fw.scale.max,
        high_name=widgets.safe(fw.scale.levels[-1].shown_name),
    )
)
targets, importance = ft.target_grids(fw)
role_names = list(targets.columns)
grid_height = 35 * (len(targets) + 1) + 3  # every skill in view, no inner scrolling
# Role columns are headed by the role's whole name (an abbreviation such as "DM Specialist"
# reads as jargon): the grid scrolls sideways when they do not fit, the skill column pinned.
skill_column = st.column_config.TextColumn(_("Skill"), width=275, pinned=True)


def role_columns(step: float) -> dict[str, object]:
    return {
        "_index": skill_column,
        **{
            name: st.column_config.NumberColumn(
                name,
                help=widgets.safe(name),  # a tooltip is Markdown; the name came from a framework file
                width=max(80, 24 + 7 * len(name)),
                # No min or max here: the grid would undo an out-of-range edit without a word;
                # the framework's own check refuses it below with a message saying why.
                step=step,
                # "3", not "3.0": whole levels read as such, and "%g" has no decimal mark to localise.
                format="%g",
            )
            for name in role_names
        },
    }


st.caption(
    _(
        "Empty a cell for a skill the role does not need: it is then not required, and left out of that "
        "role's gaps, readiness and plans."
    )
)
tab_targets, tab_importance = st.tabs([_("Targets"), _("Importance")])
edited_targets = tab_targets.data_editor(
    targets,
    key=state.editor_key("fw_targets"),
    height=grid_height,
    disabled=["skill"],
    column_config=role_columns(0.5),
)
edited_importance = tab_importance.data_editor(
    importance,
    key=state.editor_key("fw_importance"),
    height=grid_height,
    disabled=["skill"],
    column_config=role_columns(1),
)
if not (edited_targets.equals(targets) and edited_importance.equals(importance)):
    try:
        edited = fw.with_targets(ft.targets_from_grids(fw, edited_targets, edited_importance))
    except FrameworkError as exc:
        st.error(
            _("**That edit was not applied.**")
            + "\n\n"
            + "\n".join(f"- {widgets.safe(p)}" for p in exc.problems[:30])
        )
    else:
        state.use_edited_framework(edited)

tables = ft.framework_tables(fw)
headings = {
    "level": _("Level"),
    "name": _("Name"),
    "description": _("Description"),
    "also accepted": _("Also accepted"),
    "area": _("Area"),
    "skill": _("Skill"),
    "role": _("Role"),
    "title": _("Action"),
    "format": _("Format"),
    "hours": _("Hours"),
}
with st.expander(_("Rating scale")):
    st.dataframe(tables["scale"], hide_index=True, placeholder="", key="fw_scale", column_config=headings)
with st.expander(_("Areas and skills")):
    st.dataframe(tables["skills"], hide_index=True, placeholder="", key="fw_skills", column_config=headings)
with st.expander(_("Roles")):
    st.dataframe(tables["roles"], hide_index=True, placeholder="", key="fw_roles", column_config=headings)
with st.expander(_("Learning actions")):
    st.dataframe(
        tables["learning"],
        hide_index=True,
        placeholder="",
        key="fw_learning",
        column_order=["area", "skill", "title", "format", "hours", "description"],
        column_config=headings,
    )
