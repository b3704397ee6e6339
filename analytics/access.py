"""Who may see what: the access file (TOML) in, a :class:`Grant` per signed-in address out.

A department lists its people by address, or whole e-mail domains, each with a role::

    [users."ayu.lestari@contoh.co.id"]
    role = "admin"
    [users."citra.dewi@contoh.co.id"]
    role = "manager"
    teams = ["Growth"]
    [domains."contoh.co.id"]
    role = "planner"

A ``users`` entry wins over a ``domains`` entry. An **admin** sees everything under real
names and manages rounds and frameworks; a **manager** sees real names for the people of
their teams only (everyone else under a pseudonym); a **planner** sees every team under
pseudonyms only. An address that matches nothing gets no grant at all.

A file that cannot be read, or that names an unknown role, raises :class:`AccessError` with
the line to fix: the app then stops rather than open itself to everyone.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from analytics.i18n import N_, _

ADMIN: Final = "admin"
MANAGER: Final = "manager"
PLANNER: Final = "planner"
ROLES: Final = (ADMIN, MANAGER, PLANNER)
# In English (the audit trail keeps them so); :attr:`Grant.shown_role` says them in the session's language.
ROLE_NAMES: Final = {ADMIN: N_("admin"), MANAGER: N_("manager"), PLANNER: N_("L&D planner")}
ACCESS_FILE_VARIABLE: Final = "SKILLS_ACCESS_FILE"
DEFAULT_ACCESS_FILE: Final = Path(".streamlit") / "access.toml"
_LINE: Final = re.compile(r"at line (\d+)")


class AccessError(ValueError):
    """The access file cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class Grant:
    """What one signed-in person may do and see."""

    email: str
    role: str
    teams: tuple[str, ...] = ()

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def named_teams(self) -> tuple[str, ...] | None:
        """The teams whose people this person sees by name: None for every team, () for none."""
        if self.role == ADMIN:
            return None
        if self.role == MANAGER:
            return self.teams
        return ()

    @property
    def described(self) -> str:
        """ "manager of Growth, Care", "admin", "L&D planner": in English, as the audit trail records it."""
        name = ROLE_NAMES[self.role]
        return f"{name} of {', '.join(self.teams)}" if self.role == MANAGER and self.teams else name

    @property
    def shown_role(self) -> str:
        """:attr:`described` in the session's language, for the reader ("Signed in as ... (role)")."""
        if self.role == MANAGER and self.teams:
            return _("manager of {teams}").format(teams=", ".join(self.teams))
        return _(ROLE_NAMES[self.role])


# The one user of a dashboard without sign-in: it runs on their own machine, for them.
LOCAL_USER: Final = Grant("", ADMIN)


@dataclass(frozen=True)
class AccessRules:
    users: Mapping[str, Grant]
    domains: Mapping[str, Grant]

    def grant_for(self, email: str | None) -> Grant | None:
        """The grant of a signed-in address (any case): its own entry, else its domain's, else None."""
        address = _folded(email or "")
        if address.count("@") != 1 or address.startswith("@"):
            return None
        own = self.users.get(address)
        if own is not None:
            return Grant(address, own.role, own.teams)
        domain = self.domains.get(address.rsplit("@", 1)[1])
        return Grant(address, domain.role, domain.teams) if domain is not None else None


def access_file() -> Path:
    """Where the access file is: ``SKILLS_ACCESS_FILE``, else ``.streamlit/access.toml``."""
    return Path(os.environ.get(ACCESS_FILE_VARIABLE) or DEFAULT_ACCESS_FILE)


def load_access(path: Path | None = None) -> AccessRules:
    """The rules of the access file at ``path`` (default :func:`access_file`)."""
    path = path or access_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AccessError(
            _(
                "Sign-in is on, but there is no access file at {path}. Create it to say who may see what "
                "(see the README, 'Sign-in and access'); until then nobody is let in."
            ).format(path=path)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AccessError(
            _("The access file {path} cannot be read: {problem}.").format(path=path, problem=exc)
        ) from None
    return parse_access(text, str(path))


def parse_access(text: str, origin: str | None = None) -> AccessRules:
    """The rules written in ``text``; ``origin`` names it in messages (default: "the access file")."""
    origin = _("the access file") if origin is None else origin
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _LINE.search(str(exc))
        where = _at(origin, int(found.group(1))) if found else origin
        raise AccessError(
            _("{where}: this is not valid TOML ({problem}).").format(where=where, problem=exc)
        ) from None
    unknown = sorted(set(data) - {"users", "domains"})
    if unknown:
        raise AccessError(
            _(
                "{where}: unknown section '{section}'; "
                'only [users."address"] and [domains."domain"] entries are read.'
            ).format(where=_where(origin, text, unknown[0]), section=unknown[0])
        )
    users = _entries(data.get("users", {}), "users", text, origin)
    domains = _entries(data.get("domains", {}), "domains", text, origin)
    for address in users:
        if "@" not in address:
            raise AccessError(
                _(
                    "{where}: '{address}' is not an e-mail address; "
                    'give whole domains under [domains."..."].'
                ).format(where=_where(origin, text, address), address=address)
            )
    return AccessRules(users, domains)


def _entries(table: Any, section: str, text: str, origin: str) -> dict[str, Grant]:
    if not isinstance(table, dict):
        raise AccessError(
            _("{where}: '{section}' must hold one table per entry.").format(
                where=_where(origin, text, section), section=section
            )
        )
    out = {}
    for key, entry in table.items():
        where = _where(origin, text, key)
        if not isinstance(entry, dict):
            raise AccessError(
                _("{where}: the entry for '{key}' must be a table with a role.").format(where=where, key=key)
            )
        role = entry.get("role")
        if role not in ROLES:
            refused = (
                _("{where}: '{role}' for '{key}'; the role must be one of {roles}.")
                if role is not None
                else _("{where}: no role for '{key}'; the role must be one of {roles}.")
            )
            raise AccessError(refused.format(where=where, role=role, key=key, roles=", ".join(ROLES)))
        teams = entry.get("teams", [])
        if not isinstance(teams, list) or not all(isinstance(t, str) and t.strip() for t in teams):
            raise AccessError(
                _("{where}: teams for '{key}' must be a list of team names, like [\"Growth\"].").format(
                    where=where, key=key
                )
            )
        if role == MANAGER and not teams:
            raise AccessError(
                _("{where}: the manager '{key}' needs their teams, like teams = [\"Growth\"].").format(
                    where=where, key=key
                )
            )
        extra = sorted(set(entry) - {"role", "teams"})
        if extra:
            raise AccessError(
                _("{where}: unknown setting '{setting}' for '{key}' (only role and teams).").format(
                    where=where, setting=extra[0], key=key
                )
            )
        folded = _folded(str(key))
        if folded in out:
            raise AccessError(
                _("{where}: '{key}' is listed twice (addresses and domains ignore case).").format(
                    where=where, key=key
                )
            )
        if section == "domains" and ("@" in folded or not folded or "." not in folded):
            raise AccessError(
                _("{where}: '{key}' is not a domain; give it like \"contoh.co.id\".").format(
                    where=where, key=key
                )
            )
        out[folded] = Grant("", role, tuple(" ".join(t.split()) for t in teams))
    return out


def _folded(text: str) -> str:
    """An address or domain as compared: trimmed, ASCII letters in lower case only (``casefold``
    would make "straße" and "strasse" one person)."""
    text = text.strip()
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


def _line_of(text: str, key: str) -> int | None:
    """The number of the first line that names ``key`` (TOML's parser gives no positions for values):
    as a quoted key (``[domains."contoh.co.id"]``, not inside ``"ayu@contoh.co.id"``) if it is one."""
    lines = text.splitlines()
    for wanted in (f'"{key}"', f"'{key}'", key):
        for number, line in enumerate(lines, start=1):
            if wanted in line:
                return number
    return None


def _at(origin: str, line: int) -> str:
    """ "access.toml, line 4", in the session's language."""
    return _("{file}, line {line}").format(file=origin, line=line)


def _where(origin: str, text: str, key: str) -> str:
    """Where a message points: the file and the first line naming ``key``, or the file alone."""
    line = _line_of(text, key)
    return _at(origin, line) if line is not None else origin
