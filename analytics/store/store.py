"""The store: rounds, remembered mappings, framework versions, training plans and workspaces.

A :class:`Store` wraps one SQLAlchemy engine (see :mod:`analytics.store.migrate`). Every
method is one transaction: a round is saved whole or not at all, and a failure of the
database becomes a :class:`~analytics.store.errors.StoreError` in the user's words. The
store holds values only; it never decides what a page shows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import pandas as pd
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from analytics import columns as c
from analytics.framework import Framework, FrameworkError, parse_framework
from analytics.i18n import N_, _
from analytics.ingest import IngestResult
from analytics.rounds import ordered_rounds
from analytics.store import schema as s
from analytics.store import serial
from analytics.store.errors import NameTaken, NotFound, RoundExists, SameFileSaved, StoreError
from analytics.store.location import database_url, described
from analytics.store.migrate import connect, unavailable

# The columns of a stored training plan's members: who is in which skill's cohort, doing what.
MEMBER_COLUMNS: Final = (c.SKILL_ID, c.RESPONDENT_ID, "action")


@dataclass(frozen=True)
class RoundInfo:
    """What the Data page and ``rounds list`` say about a stored round without opening it."""

    id: int
    name: str
    source_name: str
    source_digest: str
    framework_digest: str
    ratings_digest: str
    labels: tuple[str, ...]
    n_people: int
    n_ratings: int
    saved_by: str
    saved_at: dt.datetime


@dataclass(frozen=True)
class StoredRound:
    info: RoundInfo
    result: IngestResult
    framework: Framework


@dataclass(frozen=True)
class RememberedMapping:
    """Column and role corrections a user confirmed for a form (its set of headers)."""

    columns: dict[str, str]
    roles: dict[str, str]
    saved_at: dt.datetime


@dataclass(frozen=True)
class FrameworkVersion:
    id: int
    name: str
    digest: str
    saved_by: str
    saved_at: dt.datetime


@dataclass(frozen=True)
class PlanInfo:
    id: int
    round_id: int
    name: str
    skills: tuple[str, ...]
    n_people: int
    saved_by: str
    saved_at: dt.datetime
    # The planner's choices saved with it (see PlanChoices.to_dict); empty for older plans.
    choices: Mapping[str, Any] = field(default_factory=dict)


Named = Literal["round", "framework version", "plan"]
# What a name is refused with, one whole sentence for each thing named (see clean_name).
_NO_NAME: Final[dict[str, str]] = {
    "round": N_("Give the round a name, for example the survey's month: '2026-Q3'."),
    "framework version": N_("Give the framework version a name, for example the survey's month: '2026-Q3'."),
    "plan": N_("Give the plan a name, for example the survey's month: '2026-Q3'."),
}
_LONG_NAME: Final[dict[str, str]] = {
    "round": N_("That name is {length} characters long; a round name can have at most {limit}."),
    "framework version": N_(
        "That name is {length} characters long; a framework version name can have at most {limit}."
    ),
    "plan": N_("That name is {length} characters long; a plan name can have at most {limit}."),
}


def clean_name(name: str, what: Named = "round") -> str:
    """A name as stored: trimmed, one line, not empty, not too long; raises StoreError otherwise."""
    cleaned = " ".join(unicodedata.normalize("NFC", str(name)).split())
    if not cleaned:
        raise StoreError(_(_NO_NAME[what]))
    if len(cleaned) > s.NAME_LENGTH:
        raise StoreError(_(_LONG_NAME[what]).format(length=len(cleaned), limit=s.NAME_LENGTH))
    return cleaned


def headers_key(headers: Sequence[str]) -> str:
    """A form is known by its set of headers, whatever their order or case."""
    folded = sorted({" ".join(str(h).casefold().split()) for h in headers})
    return hashlib.sha256("\n".join(folded).encode("utf-8")).hexdigest()


class Store:
    """The rounds and everything kept with them, in the database at ``url``."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, url: str | URL | None = None) -> Store:
        """The store at ``url`` (default: ``DATABASE_URL`` or the SQLite file), schema upgraded."""
        address = url if isinstance(url, URL) else database_url(url)
        return cls(connect(address), address)

    @property
    def where(self) -> str:
        return described(self.url)

    def close(self) -> None:
        self.engine.dispose()

    # Rounds ------------------------------------------------------------------------------

    def rounds(self) -> list[RoundInfo]:
        """Every stored round, oldest saved first."""
        query = select(*_INFO_COLUMNS).order_by(s.rounds.c.saved_at, s.rounds.c.id)
        with self._reading() as conn:
            return [_round_info(row) for row in conn.execute(query)]

    def round_info(self, name_or_id: str | int) -> RoundInfo:
        column = s.rounds.c.id if isinstance(name_or_id, int) else s.rounds.c.name
        key = name_or_id if isinstance(name_or_id, int) else clean_name(name_or_id)
        with self._reading() as conn:
            row = conn.execute(select(*_INFO_COLUMNS).where(column == key)).first()
        if row is None and isinstance(name_or_id, int):
            raise NotFound(
                _(
                    "That round is no longer stored (someone may have deleted it). Stored rounds: {names}."
                ).format(names=self._names())
            )
        if row is None:
            raise NotFound(
                _("No round named '{name}' is stored. Stored rounds: {names}.").format(
                    name=name_or_id, names=self._names()
                )
            )
        return _round_info(row)

    def save_round(
        self,
        name: str,
        result: IngestResult,
        framework: Framework,
        source_name: str,
        source_digest: str,
        saved_by: str,
        same_file_ok: bool = False,
    ) -> RoundInfo:
        """Store the analysis of one file as a round, in one transaction.

        Raises :class:`RoundExists` when the name is taken and :class:`SameFileSaved` when a
        file of the same content is stored already (unless ``same_file_ok``), so the user can
        be asked; nothing is written then.
        """
        name = clean_name(name)
        ratings = serial.frame_bytes(result.ratings)
        labels = ordered_rounds(result.ratings[c.ROUND].dropna().unique()) if len(result.ratings) else []
        values = {
            "name": name,
            "source_name": source_name[:500],
            "source_digest": source_digest,
            "framework_yaml": framework.to_yaml(),
            "framework_digest": framework.digest,
            "ratings": ratings,
            "ratings_digest": serial.digest(ratings),
            "ingest": serial.ingest_json(result),
            "labels": json.dumps(labels, ensure_ascii=False),
            "n_people": result.respondents,
            "n_ratings": int(result.ratings[c.RATING].notna().sum()),
            "saved_by": saved_by[:320],
            "saved_at": _now(),
        }
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    # Two people saving the same file at once: the second waits, then is asked.
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(hashtext(:digest))"), {"digest": source_digest}
                    )
                if not same_file_ok:
                    earlier = conn.execute(
                        select(s.rounds.c.name).where(s.rounds.c.source_digest == source_digest)
                    ).scalars()
                    names = tuple(earlier)
                    if names:
                        raise SameFileSaved(names)
                new_id = conn.execute(insert(s.rounds).values(values).returning(s.rounds.c.id)).scalar_one()
        except IntegrityError:
            raise RoundExists(name) from None
        except SQLAlchemyError as exc:
            raise unavailable(self.url, exc) from None
        return self.round_info(int(new_id))

    def open_round(self, name_or_id: str | int) -> StoredRound:
        """A stored round as it was saved: its ratings, validation report and own framework."""
        info = self.round_info(name_or_id)
        query = select(s.rounds.c.ratings, s.rounds.c.ingest, s.rounds.c.framework_yaml).where(
            s.rounds.c.id == info.id
        )
        with self._reading() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise NotFound(_("The round '{name}' was deleted a moment ago.").format(name=info.name))
        try:
            framework = parse_framework(
                row.framework_yaml, origin=_("the framework of round '{name}'").format(name=info.name)
            )
        except FrameworkError as exc:
            raise StoreError(
                _("The framework stored with round '{name}' cannot be read: {problem}").format(
                    name=info.name, problem=exc
                )
            ) from None
        try:
            result = serial.ingest_result(serial.bytes_frame(row.ratings), row.ingest)
        except (ValueError, KeyError, TypeError, OSError) as exc:
            # pyarrow's and json's errors are ValueErrors or OSErrors; a damaged value is not a bug.
            raise StoreError(
                _(
                    "The round '{name}' is damaged in the store and cannot be opened ({error}). "
                    "Upload its file again and save it under a new name."
                ).format(name=info.name, error=type(exc).__name__)
            ) from None
        return StoredRound(info, result, framework)

    def rename_round(self, old: str | int, new: str) -> RoundInfo:
        info = self.round_info(old)
        new = clean_name(new)
        try:
            with self.engine.begin() as conn:
                done = conn.execute(
                    update(s.rounds).where(s.rounds.c.id == info.id).values(name=new)
                ).rowcount
        except IntegrityError:
            raise RoundExists(new) from None
        except SQLAlchemyError as exc:
            raise unavailable(self.url, exc) from None
        if not done:
            raise NotFound(
                _("The round '{name}' was deleted a moment ago, so it was not renamed.").format(
                    name=info.name
                )
            )
        return dataclasses.replace(info, name=new)

    def delete_round(self, name_or_id: str | int) -> RoundInfo:
        """Delete a round and the training plans saved with it, in one transaction."""
        info = self.round_info(name_or_id)
        with self._writing() as conn:
            conn.execute(delete(s.plans).where(s.plans.c.round_id == info.id))
            done = conn.execute(delete(s.rounds).where(s.rounds.c.id == info.id)).rowcount
        if not done:
            raise NotFound(_("The round '{name}' was deleted already.").format(name=info.name))
        return info

    # Mappings ----------------------------------------------------------------------------

    def remember_mapping(
        self, headers: Sequence[str], columns: Mapping[str, str], roles: Mapping[str, str], saved_by: str
    ) -> None:
        """Keep the corrections confirmed for this form, replacing what was kept before."""
        key = headers_key(headers)
        values = {
            "headers": json.dumps(sorted(set(headers)), ensure_ascii=False),
            "columns": json.dumps(dict(columns), ensure_ascii=False),
            "roles": json.dumps(dict(roles), ensure_ascii=False),
            "saved_by": saved_by[:320],
            "saved_at": _now(),
        }
        self._upsert(s.mappings, s.mappings.c.headers_digest, key, values)

    def mapping_for(self, headers: Sequence[str]) -> RememberedMapping | None:
        query = select(s.mappings.c.columns, s.mappings.c.roles, s.mappings.c.saved_at).where(
            s.mappings.c.headers_digest == headers_key(headers)
        )
        with self._reading() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        return RememberedMapping(json.loads(row.columns), json.loads(row.roles), _aware(row.saved_at))

    # Framework versions ------------------------------------------------------------------

    def save_framework(self, name: str, framework: Framework, saved_by: str) -> FrameworkVersion:
        name = clean_name(name, "framework version")
        values: dict[str, Any] = {
            "name": name,
            "digest": framework.digest,
            "yaml": framework.to_yaml(),
            "saved_by": saved_by[:320],
            "saved_at": _now(),
        }
        try:
            with self.engine.begin() as conn:
                new_id = conn.execute(
                    insert(s.frameworks).values(values).returning(s.frameworks.c.id)
                ).scalar_one()
        except IntegrityError:
            raise NameTaken(
                _("A framework version named '{name}' is saved already. Choose another name.").format(
                    name=name
                )
            ) from None
        except SQLAlchemyError as exc:
            raise unavailable(self.url, exc) from None
        return FrameworkVersion(int(new_id), name, framework.digest, values["saved_by"], values["saved_at"])

    def frameworks(self) -> list[FrameworkVersion]:
        t = s.frameworks
        query = select(t.c.id, t.c.name, t.c.digest, t.c.saved_by, t.c.saved_at).order_by(
            t.c.saved_at, t.c.id
        )
        with self._reading() as conn:
            return [
                FrameworkVersion(r.id, r.name, r.digest, r.saved_by, _aware(r.saved_at))
                for r in conn.execute(query)
            ]

    def open_framework(self, version_id: int) -> Framework:
        with self._reading() as conn:
            row = conn.execute(
                select(s.frameworks.c.yaml, s.frameworks.c.name).where(s.frameworks.c.id == version_id)
            ).first()
        if row is None:
            raise NotFound(_("That framework version is no longer stored."))
        try:
            return parse_framework(row.yaml, origin=_("framework version '{name}'").format(name=row.name))
        except FrameworkError as exc:
            raise StoreError(
                _("The framework version '{name}' cannot be read: {problem}").format(
                    name=row.name, problem=exc
                )
            ) from None

    # Audit trail --------------------------------------------------------------------------

    def record(self, actor: str, action: str, subject: str = "") -> None:
        """Note in the audit trail that ``actor`` did ``action`` (``"signed in"``, ``"saved round"``,
        ``"exported report"`` ...) to ``subject``, now."""
        values = {"at": _now(), "actor": actor[:320], "action": action[:40], "subject": subject[:500]}
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(s.audit).values(values))
        except SQLAlchemyError as exc:
            raise unavailable(self.url, exc) from None

    def audit(self, limit: int = 1000) -> pd.DataFrame:
        """The latest ``limit`` events, newest first: columns ``at`` (UTC), ``actor``, ``action``, ``subject``."""
        t = s.audit
        query = select(t.c.at, t.c.actor, t.c.action, t.c.subject).order_by(t.c.at.desc(), t.c.id.desc())
        with self._reading() as conn:
            rows = conn.execute(query.limit(limit)).all()
        frame = pd.DataFrame(rows, columns=["at", "actor", "action", "subject"])
        frame["at"] = (
            pd.to_datetime([_aware(r.at) for r in rows], utc=True)
            if rows
            else pd.Series(dtype="datetime64[ns, UTC]")
        )
        return frame

    # Training plans ----------------------------------------------------------------------

    def save_plan(
        self,
        round_id: int,
        name: str,
        members: pd.DataFrame,
        saved_by: str,
        choices: Mapping[str, Any] | None = None,
    ) -> PlanInfo:
        """Keep who a plan puts into each skill's cohort (:data:`MEMBER_COLUMNS`) with its round, and
        the planner's ``choices`` (plain JSON values) so the plan can be opened again as it was.

        Saving a plan under a name used before for this round replaces it.
        """
        name = clean_name(name, "plan")
        members = members.loc[:, list(MEMBER_COLUMNS)].astype(str).reset_index(drop=True)
        skills = list(dict.fromkeys(members[c.SKILL_ID]))
        values: dict[str, Any] = {
            "round_id": round_id,
            "name": name,
            "members": serial.frame_bytes(members),
            "skills": json.dumps(skills, ensure_ascii=False),
            "n_people": int(members[c.RESPONDENT_ID].nunique()),
            "saved_by": saved_by[:320],
            "saved_at": _now(),
            "choices": json.dumps(dict(choices or {}), ensure_ascii=False),
        }
        try:
            with self.engine.begin() as conn:
                if conn.execute(select(s.rounds.c.id).where(s.rounds.c.id == round_id)).first() is None:
                    raise NotFound(
                        _("The round of this plan is no longer stored, so the plan was not saved.")
                    )
                conn.execute(
                    delete(s.plans).where((s.plans.c.round_id == round_id) & (s.plans.c.name == name))
                )
                new_id = conn.execute(insert(s.plans).values(values).returning(s.plans.c.id)).scalar_one()
        except SQLAlchemyError as exc:
            raise unavailable(self.url, exc) from None
        return PlanInfo(
            int(new_id),
            round_id,
            name,
            tuple(skills),
            values["n_people"],
            values["saved_by"],
            values["saved_at"],
            dict(choices or {}),
        )

    def plans(self, round_ids: Sequence[int] | None = None) -> list[PlanInfo]:
        t = s.plans
        query = select(
            t.c.id, t.c.round_id, t.c.name, t.c.skills, t.c.n_people, t.c.saved_by, t.c.saved_at, t.c.choices
        )
        if round_ids is not None:
            query = query.where(t.c.round_id.in_(list(round_ids)))
        with self._reading() as conn:
            return [
                PlanInfo(
                    r.id,
                    r.round_id,
                    r.name,
                    tuple(json.loads(r.skills)),
                    r.n_people,
                    r.saved_by,
                    _aware(r.saved_at),
                    _json_object(r.choices),
                )
                for r in conn.execute(query.order_by(t.c.saved_at, t.c.id))
            ]

    def plan_members(self, plan_id: int) -> pd.DataFrame:
        with self._reading() as conn:
            data = conn.execute(select(s.plans.c.members).where(s.plans.c.id == plan_id)).scalar()
        if data is None:
            raise NotFound(_("That training plan is no longer stored."))
        return serial.bytes_frame(data)

    def cohorts(self, rounds: Sequence[RoundInfo]) -> pd.DataFrame | None:
        """Who the latest plan saved with each of ``rounds`` put into each skill's cohort.

        Columns ``skill_id``, ``respondent_id`` and ``round`` (the round's stored name, as it is
        shown once opened); None when none of the rounds has a plan. What the Trends page and
        the reports' training check compare.
        """
        names = {r.id: r.name for r in rounds}
        latest = {plan.round_id: plan for plan in self.plans(list(names))}
        frames = [
            self.plan_members(plan.id)[[c.SKILL_ID, c.RESPONDENT_ID]].assign(**{c.ROUND: names[round_id]})
            for round_id, plan in latest.items()
        ]
        return pd.concat(frames, ignore_index=True) if frames else None

    # Workspaces --------------------------------------------------------------------------

    def save_workspace(self, token: str, state: Mapping[str, Any]) -> None:
        self._upsert(
            s.workspaces,
            s.workspaces.c.token,
            token,
            {"state": json.dumps(dict(state), ensure_ascii=False, sort_keys=True), "updated_at": _now()},
        )

    def workspace(self, token: str) -> dict[str, Any] | None:
        with self._reading() as conn:
            text = conn.execute(select(s.workspaces.c.state).where(s.workspaces.c.token == token)).scalar()
        if text is None:
            return None
        state = json.loads(text)
        return state if isinstance(state, dict) else None

    # Plumbing ----------------------------------------------------------------------------

    def _names(self) -> str:
        with self._reading() as conn:
            names = list(conn.execute(select(s.rounds.c.name).order_by(s.rounds.c.saved_at)).scalars())
        return ", ".join(f"'{n}'" for n in names) or _("none yet")

    def _upsert(self, table: Any, key_column: Any, key: str, values: Mapping[str, Any]) -> None:
        """Update the row of ``key`` or insert it; a concurrent insert of the same key updates instead."""
        for _attempt in range(2):
            try:
                with self.engine.begin() as conn:
                    done = conn.execute(update(table).where(key_column == key).values(values)).rowcount
                    if not done:
                        conn.execute(insert(table).values({key_column.name: key, **values}))
                return
            except IntegrityError:
                continue
            except SQLAlchemyError as exc:
                raise unavailable(self.url, exc) from None
        raise StoreError(_("Two windows saved the same thing at once; try again."))

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection whose database errors reach the caller as StoreErrors."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise unavailable(self.url, exc) from None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One transaction, committed at the end of the block, rolled back on any error."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise unavailable(self.url, exc) from None


_INFO_COLUMNS: Final = (
    s.rounds.c.id,
    s.rounds.c.name,
    s.rounds.c.source_name,
    s.rounds.c.source_digest,
    s.rounds.c.framework_digest,
    s.rounds.c.ratings_digest,
    s.rounds.c.labels,
    s.rounds.c.n_people,
    s.rounds.c.n_ratings,
    s.rounds.c.saved_by,
    s.rounds.c.saved_at,
)


def _round_info(row: Any) -> RoundInfo:
    return RoundInfo(
        id=int(row.id),
        name=row.name,
        source_name=row.source_name,
        source_digest=row.source_digest,
        framework_digest=row.framework_digest,
        ratings_digest=row.ratings_digest,
        labels=tuple(json.loads(row.labels)),
        n_people=int(row.n_people),
        n_ratings=int(row.n_ratings),
        saved_by=row.saved_by,
        saved_at=_aware(row.saved_at),
    )


def _json_object(text: str | None) -> dict[str, Any]:
    """A stored JSON object, or {} for none (plans saved before choices were kept) or a damaged one."""
    try:
        found = json.loads(text) if text else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; every stored time is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
