"""Stored rounds: the store's list of rounds in, the table the Data page and ``rounds list`` show out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd

from analytics.i18n import N_, _
from analytics.store import RoundInfo
from analytics.views import fields as f

ROUND_NAME: Final = "round_name"
PEOPLE: Final = "people"
RATINGS: Final = "ratings"
LABELS: Final = "labels"
SOURCE: Final = "source"
SAVED_BY: Final = "saved_by"
SAVED_AT: Final = "saved_at"
FIELDS: Final = {
    ROUND_NAME: f.Field(N_("Round")),
    PEOPLE: f.Field(N_("People"), f.COUNT),
    RATINGS: f.Field(
        N_("Ratings"), f.COUNT, N_("Answers on the scale (not applicable answers are not counted)")
    ),
    LABELS: f.Field(N_("Survey rounds in the file")),
    SOURCE: f.Field(N_("File")),
    SAVED_BY: f.Field(N_("Saved by")),
    SAVED_AT: f.Field(N_("Saved (UTC)")),
}


def rounds_table(rounds: Sequence[RoundInfo], with_people: bool = True) -> f.Table:
    """One row per stored round, oldest saved first, as the user named them. Without ``with_people``
    the file (often named after a person) and who saved it (an address) are left out."""
    frame = pd.DataFrame(
        {
            "id": [r.id for r in rounds],
            ROUND_NAME: [r.name for r in rounds],
            PEOPLE: [r.n_people for r in rounds],
            RATINGS: [r.n_ratings for r in rounds],
            LABELS: [", ".join(r.labels) for r in rounds],
            SOURCE: [r.source_name for r in rounds],
            # The one local user is stored in English (ui.access.LOCAL_ACTOR); addresses stay as they are.
            SAVED_BY: [_(r.saved_by) for r in rounds],
            SAVED_AT: [f"{r.saved_at:%Y-%m-%d %H:%M}" for r in rounds],
        }
    )
    columns = tuple(FIELDS) if with_people else tuple(x for x in FIELDS if x not in (SOURCE, SAVED_BY))
    return f.Table(_("Stored rounds"), frame, columns, fields=FIELDS)


AUDIT_FIELDS: Final = {
    "at": f.Field(N_("When (UTC)")),
    "actor": f.Field(N_("Who")),
    "action": f.Field(N_("Did")),
    "subject": f.Field(N_("What")),
}


def audit_table(events: pd.DataFrame) -> f.Table:
    """The store's audit trail (:meth:`analytics.store.Store.audit`), newest first.

    Actions (and the one local user) are stored in English, as :func:`ui.access.record` is
    given them, and shown in the session's language; what they were done to is shown as it was
    recorded.
    """
    frame = events.assign(
        at=events["at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        actor=_translated(events["actor"]),
        action=_translated(events["action"]),
    )
    return f.Table(
        _("Audit trail"),
        frame,
        tuple(AUDIT_FIELDS),
        _("Sign-ins, saved, renamed and deleted rounds, saved plans and frameworks, and every export."),
        AUDIT_FIELDS,
    )


def _translated(values: pd.Series) -> pd.Series:
    """Words stored in English, in the session's language (a text the catalogue does not hold stays)."""
    words = {str(x): _(str(x)) for x in values.dropna().unique()}
    return values.map(words, na_action="ignore")
