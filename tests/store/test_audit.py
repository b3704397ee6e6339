"""The audit trail, on SQLite and PostgreSQL: what is recorded comes back newest first, cut to size."""

from __future__ import annotations

import datetime as dt

from analytics.store import Store


def test_events_come_back_newest_first_with_who_what_and_when(store: Store) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    store.record("ayu@contoh.co.id", "signed in", "admin")
    store.record("citra@contoh.co.id", "exported", "xlsx report of 2026-Q3")
    store.record("ayu@contoh.co.id", "deleted round", "x" * 900)
    events = store.audit()
    assert list(events.columns) == ["at", "actor", "action", "subject"]
    assert events["action"].tolist() == ["deleted round", "exported", "signed in"]
    assert events["actor"].tolist() == ["ayu@contoh.co.id", "citra@contoh.co.id", "ayu@contoh.co.id"]
    assert len(events["subject"].iloc[0]) == 500  # cut to the column's size, not refused
    assert (events["at"] >= before).all() and str(events["at"].dt.tz) == "UTC"
    assert store.audit(limit=1)["action"].tolist() == ["deleted round"]
