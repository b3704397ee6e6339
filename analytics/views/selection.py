"""What a view covers: tidy ratings or gap pairs and the user's filters in, the rows kept and words for them out.

The sidebar of the dashboard, the reports and the command line all choose one round and
any teams and roles the same way (:class:`Filters`), keep the same rows
(:func:`apply_filters`), describe the choice in the same words (:func:`described`) and,
when nothing is left, say why in the same words (:func:`empty_reason`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics.framework import Framework
from analytics.i18n import N_, _
from analytics.rounds import ordered_rounds


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices: one round, and teams and roles (empty means all)."""

    round: str | None = None
    teams: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class FilterOptions:
    """What the sidebar filters offer: rounds in time order, teams, role ids in framework order,
    and which raters gave any rating (to say why a rating source shows nothing)."""

    rounds: tuple[str, ...]
    teams: tuple[str, ...]
    roles: tuple[str, ...]
    raters: tuple[str, ...] = ()


@dataclass(frozen=True)
class EmptyReason:
    """Why a page has nothing to show, and what the user can do about it."""

    why: str
    todo: str


def filter_options(ratings: pd.DataFrame, framework: Framework) -> FilterOptions:
    """Rounds, teams and known roles present in the tidy ratings, for the sidebar."""
    rounds = ordered_rounds(ratings[c.ROUND].dropna().unique()) if len(ratings) else []
    teams = sorted({str(x) for x in ratings[c.TEAM].dropna().unique()})
    present = {str(x) for x in ratings[c.ROLE_ID].dropna().unique()}
    roles = [r.id for r in framework.roles if r.id in present]
    rated = ratings[ratings[c.RATING].notna().to_numpy(dtype=bool)] if len(ratings) else ratings
    raters = tuple(r for r in c.RATERS if r in {str(x) for x in rated[c.RATER].dropna().unique()})
    return FilterOptions(tuple(rounds), tuple(teams), tuple(roles), raters)


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of a pairs or tidy ratings table that the filters keep.

    When every row is kept (one round, no team or role chosen) the table itself comes back,
    uncopied: on a large survey that is the common case and the copy would cost the most.
    """
    keep = np.ones(len(frame), dtype=bool)
    if filters.round is not None:
        keep &= (frame[c.ROUND] == filters.round).to_numpy(dtype=bool)
    if filters.teams:
        keep &= frame[c.TEAM].isin(filters.teams).to_numpy(dtype=bool)
    if filters.roles:
        keep &= frame[c.ROLE_ID].isin(filters.roles).to_numpy(dtype=bool)
    if keep.all() and isinstance(frame.index, pd.RangeIndex):
        return frame
    return frame[keep].reset_index(drop=True)


def described(filters: Filters, framework: Framework) -> tuple[tuple[str, str], ...]:
    """The filters in the reader's words, one (what, which) pair each, as pages and reports list them."""
    roles = ", ".join(framework.role(r).shown_name for r in filters.roles)
    return (
        (_("Round"), filters.round or _("all rounds")),
        (_("Teams"), ", ".join(filters.teams) or _("all teams")),
        (_("Roles"), roles or _("all roles")),
    )


def empty_reason(
    has_data: bool,
    source: str,
    source_pairs: pd.DataFrame,
    pairs: pd.DataFrame,
    filters: Filters,
    framework: Framework,
    raters: Collection[str] = (),
) -> EmptyReason | None:
    """Why the filtered pairs are empty (None when they are not), in the user's words.

    ``raters`` are the raters who gave any rating in the survey (:class:`FilterOptions`).
    """
    if not has_data:
        return EmptyReason(
            _("No survey is loaded yet."),
            _("Upload your team's survey file on the Data page, or try the sample data to look around."),
        )
    if len(pairs):
        return None
    if not len(source_pairs):
        if source in _NO_SOURCE and source not in raters:
            why, todo = _NO_SOURCE[source]
            return EmptyReason(_(why), _(todo))
        return EmptyReason(
            _(
                "No rating in the survey could be measured against a target: nobody has a role the "
                "framework knows, or every answer was not applicable."
            ),
            _("Check the role mapping and the validation report on the Data page."),
        )
    chosen = [_("round {round}").format(round=filters.round)] if filters.round else []
    chosen += [_("team {teams}").format(teams=", ".join(filters.teams))] if filters.teams else []
    roles = ", ".join(framework.role(r).shown_name for r in filters.roles)
    chosen += [_("role {roles}").format(roles=roles)] if filters.roles else []
    return EmptyReason(
        _("Nobody matches the filters ({filters}) with this rating source.").format(
            filters="; ".join(chosen) or _("none")
        ),
        _("Clear the team or role filter in the sidebar, or pick another round."),
    )


# Why a single rating source shows nothing, and the other one to suggest.
_NO_SOURCE: Final = {
    c.SELF: (
        N_("This survey has no self ratings, so there is nothing to show for that rating source."),
        N_(
            "Choose 'Manager ratings' or 'Combined' as the rating source in the sidebar, or upload a survey "
            "that includes self ratings."
        ),
    ),
    c.MANAGER: (
        N_("This survey has no manager ratings, so there is nothing to show for that rating source."),
        N_(
            "Choose 'Self ratings' or 'Combined' as the rating source in the sidebar, or upload a survey "
            "that includes manager ratings."
        ),
    ),
}
