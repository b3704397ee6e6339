"""Competency framework: a YAML file in, a validated, immutable ``Framework`` out.

The framework is the yardstick every gap is measured against, and users edit and
upload their own, so the loader reports every problem it finds at once, each with
its line and path in the file, instead of stopping at the first one.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analytics import columns as c
from analytics.i18n import INDONESIAN, N_, _, current, localise_number
from analytics.text import normalise_label

DEFAULT_FRAMEWORK_PATH = Path(__file__).parent / "frameworks" / "digital_marketing.yaml"
MAX_FRAMEWORK_BYTES = 1_000_000
IMPORTANCE_MIN, IMPORTANCE_MAX = 1, 3
LEARNING_FORMATS = ("course", "workshop", "mentoring", "project", "reading", "coaching")
# A format is kept (in files, plans and stored rounds) as its English word and shown in the
# session's language: translate with ``_()`` where it is shown (see :func:`format_name`).
FORMAT_NAMES = {
    "course": N_("course"),
    "workshop": N_("workshop"),
    "mentoring": N_("mentoring"),
    "project": N_("project"),
    "reading": N_("reading"),
    "coaching": N_("coaching"),
}
# libyaml's loader where PyYAML was built with it: about ten times faster than the pure-Python
# one, which took most of a command's start (the default framework is read on every run).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Marked for the catalogue: translate a name with ``_()`` where it is shown.
IMPORTANCE_NAMES = {1: N_("Nice to have"), 2: N_("Important"), 3: N_("Critical")}
# How a role's targets say that a skill is not expected of it at all.
NOT_REQUIRED = "not required"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _names(name: str, name_id: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    return (name, name_id, *aliases) if name_id else (name, *aliases)


def format_name(key: object) -> str:
    """A learning format in the session's language; one the framework does not know stays as written."""
    text = "" if key is None or key != key else str(key)
    return _(FORMAT_NAMES[text]) if text in FORMAT_NAMES else text


def _in_language(english: str, indonesian: str) -> str:
    """The Indonesian text where the session speaks Indonesian and the framework gives it, else the English."""
    return indonesian if indonesian and current() == INDONESIAN else english


class FrameworkError(ValueError):
    """A framework file that cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        shown = "\n".join(f"- {p}" for p in problems[:50])
        more = "\n- " + _("... and {n} more").format(n=len(problems) - 50) if len(problems) > 50 else ""
        heading = _("The framework file has {n} problem(s):").format(n=len(problems))
        super().__init__(f"{heading}\n{shown}{more}")


@dataclass(frozen=True)
class Level:
    """A level of the rating scale; ``name_id`` and ``description_id`` are its optional Indonesian.

    ``name`` and ``description`` are the English source (matching and ids rely on them);
    :attr:`shown_name` and :attr:`shown_description` are what a reader sees in the session's
    language, English where the framework has no Indonesian.
    """

    value: int
    name: str
    description: str
    aliases: tuple[str, ...] = ()
    name_id: str = ""
    description_id: str = ""

    @property
    def shown_name(self) -> str:
        return _in_language(self.name, self.name_id)

    @property
    def shown_description(self) -> str:
        return _in_language(self.description, self.description_id)

    @property
    def names(self) -> tuple[str, ...]:
        """What a survey may call it: its name, its Indonesian name (where given) and its aliases."""
        return _names(self.name, self.name_id, self.aliases)


@dataclass(frozen=True)
class Scale:
    min: int
    max: int
    levels: tuple[Level, ...]
    not_applicable: tuple[str, ...]

    def level_name(self, value: float) -> str:
        """Name of the whole level nearest to ``value`` in the session's language, for axis ticks and hover text."""
        # Halves round up (2.5 -> 3); Python's round() would send 2.5 down and 3.5 up.
        nearest = min(max(math.floor(value + 0.5), self.min), self.max)
        return next(level.shown_name for level in self.levels if level.value == nearest)


@dataclass(frozen=True)
class Skill:
    """A skill with the words surveys use for it and, optionally, what each level looks like.

    ``keywords`` (any language) help the survey reader recognise questions worded in
    people's own words; ``levels`` and ``levels_id`` pair a level with its description in
    English and Indonesian, in scale order. ``name_id`` and ``description_id`` are the
    optional Indonesian of ``name`` and ``description`` (the English source);
    :attr:`shown_name` and :attr:`shown_description` are what a reader sees.
    """

    id: str
    name: str
    description: str
    area_id: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    levels: tuple[tuple[int, str], ...] = ()
    levels_id: tuple[tuple[int, str], ...] = ()
    name_id: str = ""
    description_id: str = ""

    @property
    def shown_name(self) -> str:
        return _in_language(self.name, self.name_id)

    @property
    def shown_description(self) -> str:
        return _in_language(self.description, self.description_id)

    @property
    def names(self) -> tuple[str, ...]:
        """What a survey may call it: its name, its Indonesian name (where given) and its aliases."""
        return _names(self.name, self.name_id, self.aliases)

    def level_description(self, level: int, language: str | None = None) -> str:
        """What ``level`` looks like for this skill ("" when the framework does not say), in
        ``language`` (the session's when not given), English where the framework has no Indonesian."""
        wanted = current() if language is None else language
        chosen = self.levels_id if wanted == INDONESIAN and self.levels_id else self.levels
        return dict(chosen).get(level, "")


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    description: str
    skills: tuple[Skill, ...]
    aliases: tuple[str, ...] = ()
    name_id: str = ""
    description_id: str = ""

    @property
    def shown_name(self) -> str:
        return _in_language(self.name, self.name_id)

    @property
    def shown_description(self) -> str:
        return _in_language(self.description, self.description_id)


@dataclass(frozen=True)
class Target:
    skill_id: str
    target: float
    importance: int


@dataclass(frozen=True)
class Role:
    """A role with its targets; a skill in ``not_required`` is not expected of it at all.

    A not-required skill has no target, so it is left out of the role's gaps, readiness and
    plans, and pages say "not required" where a target would be.
    """

    id: str
    name: str
    description: str
    targets: tuple[Target, ...]
    aliases: tuple[str, ...] = ()
    not_required: tuple[str, ...] = ()
    name_id: str = ""
    description_id: str = ""

    @property
    def shown_name(self) -> str:
        return _in_language(self.name, self.name_id)

    @property
    def shown_description(self) -> str:
        return _in_language(self.description, self.description_id)

    @property
    def names(self) -> tuple[str, ...]:
        """What a survey may call it: its name, its Indonesian name (where given) and its aliases."""
        return _names(self.name, self.name_id, self.aliases)

    def target_for(self, skill_id: str) -> Target | None:
        return next((t for t in self.targets if t.skill_id == skill_id), None)


@dataclass(frozen=True)
class LearningAction:
    """A learning action; ``title`` is the English source a plan keeps, ``title_id`` its optional Indonesian."""

    skill_id: str
    title: str
    format: str
    hours: float
    description: str
    title_id: str = ""
    description_id: str = ""

    @property
    def shown_title(self) -> str:
        return _in_language(self.title, self.title_id)

    @property
    def shown_description(self) -> str:
        return _in_language(self.description, self.description_id)

    @property
    def shown_format(self) -> str:
        return format_name(self.format)

    def titled(self, text: str) -> bool:
        """Whether ``text`` is this action's title in either language (a plan's pick, a grid's choice)."""
        return bool(text) and text in (self.title, self.title_id)


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    scale: Scale
    areas: tuple[Area, ...]
    roles: tuple[Role, ...]
    learning: tuple[LearningAction, ...] = ()
    name_id: str = ""
    _skills: dict[str, Skill] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_skills", {s.id: s for a in self.areas for s in a.skills})

    @property
    def skills(self) -> tuple[Skill, ...]:
        return tuple(self._skills.values())

    @property
    def shown_name(self) -> str:
        return _in_language(self.name, self.name_id)

    def skill(self, skill_id: str) -> Skill:
        return self._skills[skill_id]

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def actions_for(self, skill_id: str) -> tuple[LearningAction, ...]:
        return tuple(a for a in self.learning if a.skill_id == skill_id)

    def targets_frame(self) -> pd.DataFrame:
        """One row per (role, skill): the table gap metrics join ratings against."""
        rows = [
            (r.id, t.skill_id, self._skills[t.skill_id].area_id, float(t.target), t.importance)
            for r in self.roles
            for t in r.targets
        ]
        return pd.DataFrame(rows, columns=[c.ROLE_ID, c.SKILL_ID, c.AREA_ID, c.TARGET, c.IMPORTANCE])

    def skills_frame(self) -> pd.DataFrame:
        """Skills in framework order with their area, for labels and ordering."""
        rows = [
            (s.id, s.name, a.id, a.name, i)
            for i, (a, s) in enumerate((a, s) for a in self.areas for s in a.skills)
        ]
        return pd.DataFrame(rows, columns=[c.SKILL_ID, "skill", c.AREA_ID, "area", "order"])

    def learning_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [(a.skill_id, a.title, a.format, a.hours, a.description) for a in self.learning],
            columns=[c.SKILL_ID, "title", "format", "hours", "description"],
        )

    def with_targets(self, targets: pd.DataFrame) -> Framework:
        """A copy whose role targets and importances come from an edited targets table.

        The table has the columns of :meth:`targets_frame`; an empty target or importance
        makes the skill not required for the role. The result is validated like a file, so
        an edit that breaks a rule raises :class:`FrameworkError`.
        """
        data = self.to_dict()
        by_role: dict[str, dict[str, Any]] = {}
        for role_id, skill_id, target, importance in zip(
            targets[c.ROLE_ID], targets[c.SKILL_ID], targets[c.TARGET], targets[c.IMPORTANCE], strict=True
        ):
            if pd.isna(target) or pd.isna(importance):
                by_role.setdefault(str(role_id), {})[str(skill_id)] = NOT_REQUIRED
                continue
            by_role.setdefault(str(role_id), {})[str(skill_id)] = {
                "target": _plain_number(target),
                "importance": _plain_number(importance),
            }
        for role in data["roles"]:
            role["targets"] = by_role.get(role["id"], {})
        return framework_from_dict(data, origin="edited framework")

    def with_aliases(self, aliases: Mapping[str, str]) -> Framework:
        """A copy where each wording (text -> skill id) is an alias of its skill, so the next
        survey worded the same is matched by name. Wordings that already name a skill, or
        whose skill is gone, are passed over."""
        known = {normalise_label(x) for s in self.skills for x in (s.id, *s.names, *s.keywords)}
        data = self.to_dict()
        for area in data["areas"]:
            for skill in area["skills"]:
                for text, skill_id in aliases.items():
                    label = normalise_label(text)
                    if skill_id == skill["id"] and label and label not in known:
                        skill["aliases"].append(text.strip())
                        known.add(label)
        return framework_from_dict(data, origin="framework with new aliases")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            **_optional("name_id", self.name_id),
            "version": self.version,
            "scale": {
                "min": self.scale.min,
                "max": self.scale.max,
                "levels": [
                    {
                        "level": lv.value,
                        "name": lv.name,
                        **_optional("name_id", lv.name_id),
                        "description": lv.description,
                        **_optional("description_id", lv.description_id),
                        "aliases": list(lv.aliases),
                    }
                    for lv in self.scale.levels
                ],
                "not_applicable": list(self.scale.not_applicable),
            },
            "areas": [
                {
                    "id": a.id,
                    "name": a.name,
                    **_optional("name_id", a.name_id),
                    "description": a.description,
                    **_optional("description_id", a.description_id),
                    "aliases": list(a.aliases),
                    "skills": [
                        {
                            "id": s.id,
                            "name": s.name,
                            **_optional("name_id", s.name_id),
                            "description": s.description,
                            **_optional("description_id", s.description_id),
                            "aliases": list(s.aliases),
                            **({"keywords": list(s.keywords)} if s.keywords else {}),
                            **({"levels": dict(s.levels)} if s.levels else {}),
                            **({"levels_id": dict(s.levels_id)} if s.levels_id else {}),
                        }
                        for s in a.skills
                    ],
                }
                for a in self.areas
            ],
            "roles": [
                {
                    "id": r.id,
                    "name": r.name,
                    **_optional("name_id", r.name_id),
                    "description": r.description,
                    **_optional("description_id", r.description_id),
                    "aliases": list(r.aliases),
                    "targets": _targets_dict(r, self.skills),
                }
                for r in self.roles
            ],
            "learning": {
                s.id: [
                    {
                        "title": a.title,
                        **_optional("title_id", a.title_id),
                        "format": a.format,
                        "hours": _plain_number(a.hours),
                        "description": a.description,
                        **_optional("description_id", a.description_id),
                    }
                    for a in self.actions_for(s.id)
                ]
                for s in self.skills
                if self.actions_for(s.id)
            },
        }

    def to_yaml(self) -> str:
        """The framework as YAML that :func:`parse_framework` reads back unchanged."""
        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)

    @functools.cached_property
    def digest(self) -> str:
        """SHA-256 of the framework's YAML, worked out once: equal frameworks share it, so caches key on it."""
        return hashlib.sha256(self.to_yaml().encode("utf-8")).hexdigest()


def _optional(key: str, value: str) -> dict[str, str]:
    """An optional text field as :meth:`Framework.to_dict` writes it: left out when empty."""
    return {key: value} if value else {}


def _targets_dict(role: Role, skills: tuple[Skill, ...]) -> dict[str, Any]:
    """A role's targets in skill order, a not-required skill written as such."""
    out: dict[str, Any] = {}
    for skill in skills:
        target = role.target_for(skill.id)
        if skill.id in role.not_required:
            out[skill.id] = NOT_REQUIRED
        elif target is not None:
            out[skill.id] = {"target": _plain_number(target.target), "importance": target.importance}
    return out


def _plain_number(value: Any) -> Any:
    """Whole floats as ints, so edited YAML reads ``target: 4`` rather than ``4.0``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return int(number) if number.is_integer() else number


@functools.lru_cache(maxsize=1)
def default_framework() -> Framework:
    return load_framework(DEFAULT_FRAMEWORK_PATH)


def load_framework(path: str | Path) -> Framework:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FrameworkError(
            [_("Cannot open {path}: {reason}.").format(path=path, reason=exc.strerror or exc)]
        ) from None
    if size > MAX_FRAMEWORK_BYTES:
        raise FrameworkError(
            [
                _("{file} is {size} bytes; a framework file is at most {limit}.").format(
                    file=path.name, size=localise_number(f"{size:,}"), limit=_max_bytes()
                )
            ]
        )
    return parse_framework(path.read_bytes(), origin=path.name)


def parse_framework(text: str | bytes, origin: str = "framework") -> Framework:
    """Parse and validate framework YAML; raise :class:`FrameworkError` listing every problem."""
    if len(text) > MAX_FRAMEWORK_BYTES:
        raise FrameworkError(
            [_("{origin} is larger than {limit} bytes.").format(origin=origin, limit=_max_bytes())]
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FrameworkError(
                [_("{origin} is not UTF-8 text; save it as UTF-8 YAML.").format(origin=origin)]
            ) from None
    try:
        # Anchors and aliases can make a tiny file expand enormously; frameworks never need them.
        if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=_LOADER)):
            raise FrameworkError(
                [_("{origin}: YAML anchors and aliases (&, *) are not supported.").format(origin=origin)]
            )
        # One pass builds the nodes (their lines name each problem's place) and the data from them.
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except RecursionError:
        raise FrameworkError([_too_deep(origin)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)  # PyYAML's own words, in English
        if mark is not None:
            problem = _("{origin}: not valid YAML at line {line}: {reason}.").format(
                origin=origin, line=mark.line + 1, reason=reason
            )
        else:
            problem = _("{origin}: not valid YAML at somewhere: {reason}.").format(
                origin=origin, reason=reason
            )
        raise FrameworkError([problem]) from None
    try:
        lines = dict(_node_lines(node, ()))
    except RecursionError:
        raise FrameworkError([_too_deep(origin)]) from None
    return framework_from_dict(data, origin=origin, lines=lines)


def _max_bytes() -> str:
    return localise_number(f"{MAX_FRAMEWORK_BYTES:,}")


def _too_deep(origin: str) -> str:
    return _("{origin}: the YAML is nested far too deeply to be a framework.").format(origin=origin)


def _node_lines(node: yaml.Node | None, path: tuple[Any, ...]) -> Iterator[tuple[tuple, int]]:
    if node is None:
        return
    yield path, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _node_lines(value, (*path, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            yield from _node_lines(value, (*path, i))


class _Checker:
    """Collects problems with their place so that one run reports all of them."""

    def __init__(self, origin: str, lines: Mapping[tuple, int]) -> None:
        self.origin = origin
        self.lines = lines
        self.problems: list[str] = []

    def add(self, path: tuple[Any, ...], message: str) -> None:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        line = next((self.lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in self.lines), None)
        where = where or _("top level")
        if line:
            self.problems.append(
                _("line {line}, {where}: {message}").format(line=line, where=where, message=message)
            )
        else:
            self.problems.append(f"{where}: {message}")

    def mapping(self, value: Any, path: tuple[Any, ...]) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.add(path, _("expected a mapping of keys to values, found {kind}").format(kind=_kind(value)))
        return {}

    def sequence(self, value: Any, path: tuple[Any, ...]) -> list[Any]:
        if isinstance(value, list):
            return value
        self.add(path, _("expected a list, found {kind}").format(kind=_kind(value)))
        return []

    def text(self, data: dict[str, Any], key: str, path: tuple[Any, ...], required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add((*path, key), _("is missing or empty"))
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.add((*path, key), _("expected text, found {kind}").format(kind=_kind(value)))
            return ""
        return str(value).strip()

    def identifier(self, data: dict[str, Any], path: tuple[Any, ...]) -> str:
        value = self.text(data, "id", path)
        if value and not _ID.match(value):
            self.add(
                (*path, "id"),
                _("'{value}' is not a valid id: use lowercase letters, digits and _").format(value=value),
            )
        return value

    def aliases(self, data: dict[str, Any], path: tuple[Any, ...], key: str = "aliases") -> tuple[str, ...]:
        raw = data.get(key, [])
        if raw is None:
            return ()
        items = self.sequence(raw, (*path, key))
        out = []
        for i, item in enumerate(items):
            if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
                out.append(str(item).strip())
            else:
                self.add(
                    (*path, key, i),
                    _("an alias must be non-empty text")
                    if key == "aliases"
                    else _("a keyword must be non-empty text"),
                )
        return tuple(out)

    def number(
        self, value: Any, path: tuple[Any, ...], low: float, high: float, whole: bool = False
    ) -> float | None:
        shown_low, shown_high = localise_number(f"{low:g}"), localise_number(f"{high:g}")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.add(
                path,
                _("expected a number from {low} to {high}, found {kind}").format(
                    low=shown_low, high=shown_high, kind=_kind(value)
                ),
            )
            return None
        if not low <= value <= high:
            self.add(
                path,
                _("{value} is outside the allowed range {low} to {high}").format(
                    value=localise_number(f"{value:g}"), low=shown_low, high=shown_high
                ),
            )
            return None
        if whole and float(value) != int(value):
            self.add(path, _("{value} must be a whole number").format(value=localise_number(f"{value:g}")))
            return None
        return float(value)

    def unique(self, names: dict[str, list[tuple[Any, ...]]], message: str) -> None:
        """``message``: a text marked with N_, with ``{name}`` and ``{first}`` (the first place)."""
        for name, paths in names.items():
            for path in paths[1:]:
                self.add(path, _(message).format(name=name, first=_dotted(paths[0])))


_KINDS = {dict: N_("a mapping"), list: N_("a list"), str: N_("text"), bool: N_("true/false")}


def _kind(value: Any) -> str:
    if value is None:
        return _("nothing")
    kind = _KINDS.get(type(value))
    return _(kind) if kind else type(value).__name__


def _unknown_skill(skill_id: Any) -> str:
    return _("unknown skill '{skill}': it is not defined under areas").format(skill=skill_id)


def _dotted(path: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def framework_from_dict(
    data: Any, origin: str = "framework", lines: Mapping[tuple, int] | None = None
) -> Framework:
    """Validate an already-parsed framework; every problem is reported with its place."""
    check = _Checker(origin, lines or {})
    top = check.mapping(data, ())
    scale = _read_scale(check, top)
    areas = _read_areas(check, top, scale)
    skill_ids = {s.id for a in areas for s in a.skills}
    roles = _read_roles(check, top, skill_ids, scale)
    learning = _read_learning(check, top, skill_ids)
    if check.problems:
        raise FrameworkError(check.problems)
    return Framework(
        name=check.text(top, "name", (), required=False) or origin,
        version=str(top.get("version", "")),
        scale=scale,
        areas=areas,
        roles=roles,
        learning=learning,
        name_id=check.text(top, "name_id", (), False),
    )


def _read_scale(check: _Checker, top: dict[str, Any]) -> Scale:
    path: tuple[Any, ...] = ("scale",)
    raw = check.mapping(top.get("scale"), path)
    low = check.number(raw.get("min", 1), (*path, "min"), 0, 100, whole=True)
    high = check.number(raw.get("max", 5), (*path, "max"), 0, 100, whole=True)
    lo = int(low) if low is not None else 1
    hi = int(high) if high is not None else 5
    if low is not None and high is not None and lo >= hi:
        check.add(
            (*path, "max"),
            _("the scale's max ({high}) must be above its min ({low})").format(high=hi, low=lo),
        )
    levels: dict[int, Level] = {}
    labels: dict[str, list[tuple[Any, ...]]] = {}
    for i, item in enumerate(check.sequence(raw.get("levels"), (*path, "levels"))):
        here = (*path, "levels", i)
        entry = check.mapping(item, here)
        value = check.number(entry.get("level"), (*here, "level"), lo, hi, whole=True)
        name = check.text(entry, "name", here)
        aliases = check.aliases(entry, here)
        name_id = check.text(entry, "name_id", here, False)
        if value is None:
            continue
        if int(value) in levels:
            check.add((*here, "level"), _("level {level} is defined more than once").format(level=int(value)))
        levels[int(value)] = Level(
            int(value),
            name,
            check.text(entry, "description", here, False),
            aliases,
            name_id,
            check.text(entry, "description_id", here, False),
        )
        # A level's Indonesian name may well be one of its aliases too: each label counts once per level.
        for label in {normalise_label(x) for x in (name, name_id, *aliases)}:
            labels.setdefault(label, []).append(here)
    for missing in sorted(set(range(lo, hi + 1)) - set(levels)):
        check.add(
            (*path, "levels"),
            _("level {level} has no name: give every whole level from {low} to {high}").format(
                level=missing, low=lo, high=hi
            ),
        )
    check.unique(
        {k: v for k, v in labels.items() if k},
        N_("level label '{name}' is used more than once (first at {first})"),
    )
    na = tuple(
        str(x).strip() for x in check.sequence(raw.get("not_applicable", []), (*path, "not_applicable"))
    )
    return Scale(lo, hi, tuple(levels[k] for k in sorted(levels)), na)


def _read_levels(
    check: _Checker, entry: dict[str, Any], path: tuple[Any, ...], key: str, scale: Scale
) -> tuple[tuple[int, str], ...]:
    """A skill's level descriptions: whole levels of the scale, each with its text."""
    raw = entry.get(key)
    if raw is None:
        return ()
    here = (*path, key)
    out = {}
    for level, text in check.mapping(raw, here).items():
        spot = (*here, level)
        value = check.number(level, spot, scale.min, scale.max, whole=True)
        if not isinstance(text, str) or not text.strip():
            check.add(spot, _("a level description must be non-empty text"))
        elif value is not None:
            out[int(value)] = text.strip()
    return tuple(sorted(out.items()))


def _read_areas(check: _Checker, top: dict[str, Any], scale: Scale) -> tuple[Area, ...]:
    areas = []
    area_ids: dict[str, list[tuple[Any, ...]]] = {}
    skill_ids: dict[str, list[tuple[Any, ...]]] = {}
    skill_labels: dict[str, list[tuple[Any, ...]]] = {}
    raw_areas = check.sequence(top.get("areas"), ("areas",))
    if not raw_areas and "areas" in top:
        check.add(("areas",), _("the framework needs at least one area"))
    for i, item in enumerate(raw_areas):
        here: tuple[Any, ...] = ("areas", i)
        entry = check.mapping(item, here)
        area_id = check.identifier(entry, here)
        area_ids.setdefault(area_id, []).append((*here, "id"))
        skills = []
        raw_skills = check.sequence(entry.get("skills"), (*here, "skills"))
        if not raw_skills and isinstance(entry.get("skills"), list):
            check.add((*here, "skills"), _("an area needs at least one skill"))
        for j, skill_item in enumerate(raw_skills):
            spot = (*here, "skills", j)
            skill_entry = check.mapping(skill_item, spot)
            skill_id = check.identifier(skill_entry, spot)
            name = check.text(skill_entry, "name", spot)
            name_id = check.text(skill_entry, "name_id", spot, False)
            aliases = check.aliases(skill_entry, spot)
            keywords = check.aliases(skill_entry, spot, "keywords")
            skill_ids.setdefault(skill_id, []).append((*spot, "id"))
            for label in {normalise_label(x) for x in (skill_id, name, name_id, *aliases, *keywords)}:
                skill_labels.setdefault(label, []).append(spot)
            skills.append(
                Skill(
                    skill_id,
                    name,
                    check.text(skill_entry, "description", spot, False),
                    area_id,
                    aliases,
                    keywords,
                    _read_levels(check, skill_entry, spot, "levels", scale),
                    _read_levels(check, skill_entry, spot, "levels_id", scale),
                    name_id,
                    check.text(skill_entry, "description_id", spot, False),
                )
            )
        areas.append(
            Area(
                area_id,
                check.text(entry, "name", here),
                check.text(entry, "description", here, False),
                tuple(skills),
                check.aliases(entry, here),
                check.text(entry, "name_id", here, False),
                check.text(entry, "description_id", here, False),
            )
        )
    check.unique(
        {k: v for k, v in area_ids.items() if k},
        N_("area id '{name}' is used more than once (first at {first})"),
    )
    check.unique(
        {k: v for k, v in skill_ids.items() if k},
        N_("skill id '{name}' is used more than once (first at {first})"),
    )
    # Two skills answering to one label would make survey headers ambiguous.
    check.unique(
        {k: v for k, v in skill_labels.items() if k},
        N_("skill name, alias or keyword '{name}' is used more than once (first at {first})"),
    )
    return tuple(areas)


def _read_roles(check: _Checker, top: dict[str, Any], skill_ids: set[str], scale: Scale) -> tuple[Role, ...]:
    roles = []
    role_ids: dict[str, list[tuple[Any, ...]]] = {}
    role_labels: dict[str, list[tuple[Any, ...]]] = {}
    raw_roles = check.sequence(top.get("roles"), ("roles",))
    if not raw_roles and "roles" in top:
        check.add(("roles",), _("the framework needs at least one role"))
    for i, item in enumerate(raw_roles):
        here: tuple[Any, ...] = ("roles", i)
        entry = check.mapping(item, here)
        role_id = check.identifier(entry, here)
        name = check.text(entry, "name", here)
        name_id = check.text(entry, "name_id", here, False)
        aliases = check.aliases(entry, here)
        role_ids.setdefault(role_id, []).append((*here, "id"))
        for label in {normalise_label(x) for x in (role_id, name, name_id, *aliases)}:
            role_labels.setdefault(label, []).append(here)
        targets = []
        not_required = []
        raw_targets = check.mapping(entry.get("targets"), (*here, "targets"))
        for skill_id, spec in raw_targets.items():
            spot = (*here, "targets", skill_id)
            if skill_id not in skill_ids:
                check.add(spot, _unknown_skill(skill_id))
                continue
            if isinstance(spec, str) and normalise_label(spec) == NOT_REQUIRED:
                not_required.append(str(skill_id))
                continue
            if isinstance(spec, str):
                check.add(
                    spot,
                    _("'{value}' is not a target: give {example} or '{not_required}'").format(
                        value=spec, example="{target: N, importance: N}", not_required=NOT_REQUIRED
                    ),
                )
                continue
            spec_map = check.mapping(spec, spot)
            target = check.number(spec_map.get("target"), (*spot, "target"), scale.min, scale.max)
            importance = check.number(
                spec_map.get("importance"), (*spot, "importance"), IMPORTANCE_MIN, IMPORTANCE_MAX, whole=True
            )
            if target is not None and importance is not None:
                targets.append(Target(str(skill_id), target, int(importance)))
        for missing in sorted(skill_ids - {str(k) for k in raw_targets}):
            check.add(
                (*here, "targets"),
                _(
                    "no target for skill '{skill}': give every skill a target and importance, "
                    "or '{not_required}'"
                ).format(skill=missing, not_required=NOT_REQUIRED),
            )
        roles.append(
            Role(
                role_id,
                name,
                check.text(entry, "description", here, False),
                tuple(targets),
                aliases,
                tuple(not_required),
                name_id,
                check.text(entry, "description_id", here, False),
            )
        )
    check.unique(
        {k: v for k, v in role_ids.items() if k},
        N_("role id '{name}' is used more than once (first at {first})"),
    )
    check.unique(
        {k: v for k, v in role_labels.items() if k},
        N_("role name or alias '{name}' is used more than once (first at {first})"),
    )
    return tuple(roles)


def _read_learning(check: _Checker, top: dict[str, Any], skill_ids: set[str]) -> tuple[LearningAction, ...]:
    actions = []
    raw = top.get("learning")
    if raw is None:
        return ()
    for skill_id, items in check.mapping(raw, ("learning",)).items():
        here: tuple[Any, ...] = ("learning", skill_id)
        if skill_id not in skill_ids:
            check.add(here, _unknown_skill(skill_id))
            continue
        for i, item in enumerate(check.sequence(items, here)):
            spot = (*here, i)
            entry = check.mapping(item, spot)
            fmt = check.text(entry, "format", spot)
            if fmt and fmt not in LEARNING_FORMATS:
                check.add(
                    (*spot, "format"),
                    _("'{value}' is not one of {formats}").format(
                        value=fmt, formats=", ".join(LEARNING_FORMATS)
                    ),
                )
            hours = check.number(entry.get("hours"), (*spot, "hours"), 0.1, 10_000)
            actions.append(
                LearningAction(
                    str(skill_id),
                    check.text(entry, "title", spot),
                    fmt,
                    hours or 0.0,
                    check.text(entry, "description", spot, False),
                    check.text(entry, "title_id", spot, False),
                    check.text(entry, "description_id", spot, False),
                )
            )
    return tuple(actions)
