"""Command line: ``python -m analytics check|summary|report|rounds``, for L&D planners' scripts.

It prints and writes the same view objects the dashboard shows (:mod:`analytics.views`):
``summary`` a named table of group figures, ``report`` the dashboard's report of one round,
``rounds`` lists, saves, renames and deletes the rounds kept in the store. ``summary`` and
``report`` read a survey FILE or stored rounds (``--stored NAME``); either way they get the
same :class:`_Survey` (ingest result, framework, name), and the same code runs from there.
Exit codes: 0 done (a file with warnings is usable), 1 the file, framework or store cannot
be used or the round cannot be saved as asked, 2 the command was used wrongly. Errors are
one or two plain lines on stderr, never a traceback; ``check --json`` prints even a refused
file's error as one JSON object. The report writers are imported only by ``report`` and the
store (SQLAlchemy and a database driver) only by ``rounds`` and ``--stored``, so ``check``
and ``summary FILE`` start fast; every command skips the interpreter's final garbage
collections (:func:`_exit`). ``--lang id`` (before or after the command) speaks Bahasa
Indonesia: the command's own lines, its help, the validation report and the written reports;
``--json`` keys stay English.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import dataclasses
import datetime as dt
import gc
import getpass
import json
import math
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

import pandas as pd

from analytics import columns as c
from analytics import gaps
from analytics.files import MAX_FILE_BYTES, SurveyError, SurveyFile, SurveyFiles, survey_upload
from analytics.framework import Framework, FrameworkError, default_framework, load_framework
from analytics.i18n import ENGLISH, LANGUAGES, N_, _, use
from analytics.ingest import IngestResult, read_files
from analytics.matching import matcher_for
from analytics.privacy import DEFAULT_MIN_GROUP_SIZE
from analytics.reports import ReportUnavailable
from analytics.rounds import latest_round, ordered_rounds
from analytics.views.fields import COUNT, TEXT, Table
from analytics.views.formats import counted, format_column, format_number
from analytics.views.plan import DEFAULT_PLAN_SKILLS, PlanChoices
from analytics.views.selection import Filters, apply_filters, described
from analytics.views.summary import GROUP_KEYS, summary_table

if TYPE_CHECKING:  # the store pulls in SQLAlchemy: imported where a command uses it
    from analytics.store import PlanInfo, RoundInfo, Store

EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE = 0, 1, 2
NO_ROUNDS: Final = N_(
    "No rounds are stored yet. Save one with: python -m analytics rounds save FILE --name NAME"
)
_YES: Final = ("y", "yes", "ya")  # "ya": yes in Bahasa Indonesia
# How ``check`` names a survey's layout (ingest's codes).
_LAYOUTS: Final = {"wide": N_("wide layout"), "long": N_("long layout"), "mixed": N_("mixed layout")}
# The operating system's commonest reasons a file cannot be opened or written, as it words them
# in English (``OSError.strerror``), for the catalogue; any other reason is shown as it comes.
_OS_REASONS: Final = frozenset(
    {
        N_("No such file or directory"),
        N_("Permission denied"),
        N_("Is a directory"),
        N_("No space left on device"),
    }
)
# ``check``'s word for an issue's severity (ingest's codes).
_SEVERITIES: Final = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


class _UsageError(Exception):
    pass


class _Refused(Exception):
    """What cannot be done as asked (the store's own words): printed as it is, exit 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        print(_("error: {message}").format(message=message), file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _language_option(text: str) -> str:
    """``--lang``'s value: a language the command line speaks, or a usage error saying which ones it does."""
    code = text.strip().lower()
    if code not in LANGUAGES:
        raise argparse.ArgumentTypeError(
            _("unknown language '{code}': choose en (English) or id (Bahasa Indonesia)").format(code=text)
        )
    return code


def _asked_language(argv: Sequence[str]) -> str:
    """The language ``--lang`` asks for, read before the parser is built so its help speaks it too.

    Only a known language counts here; the parser then refuses any other plainly (exit 2).
    """
    asked = ENGLISH
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value is not None and value.strip().lower() in LANGUAGES:
            asked = value.strip().lower()
    return asked


@dataclass(frozen=True)
class _Survey:
    """What ``summary`` and ``report`` analyse, read from a file or opened from the store.

    Both sources end here, so every figure after this point is computed by the same code.
    """

    framework: Framework
    result: IngestResult
    name: str  # the file's name, or the stored rounds' names: titles and messages use it
    held_in: str  # "the file" or "the stored rounds" (translated), for "round X is not in ..."
    cohorts: pd.DataFrame | None = None  # the plans stored with the rounds (report's training check)
    plan: PlanChoices | None = None  # the choices of the stored plan that --plan names


def _parser() -> argparse.ArgumentParser:
    """The commands and their options, with help in the session's language (set before it is built)."""
    parser = _Parser(prog="python -m analytics", description=_("Team skills-gap analytics."))
    _lang_argument(parser, default=ENGLISH)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help=_("validate a survey file and show the column mapping"))
    summary = commands.add_parser("summary", help=_("gap figures per group"))
    report = commands.add_parser("report", help=_("write a gap report: .xlsx, .pdf, .html or .csv"))
    rounds = commands.add_parser("rounds", help=_("list, save, rename or delete the stored survey rounds"))
    check.add_argument(
        "file",
        type=Path,
        nargs="+",
        help=_("survey file(s): .xlsx, .xlsm or .csv; several are read as one survey"),
    )
    check.add_argument("--framework", type=Path, help=_("competency framework YAML (default: built in)"))
    for sub in (summary, report):
        sub.add_argument(
            "file",
            type=Path,
            nargs="*",
            help=_("survey file(s): .xlsx, .xlsm or .csv, several read as one survey (or use --stored)"),
        )
        sub.add_argument(
            "--stored",
            action="append",
            default=[],
            metavar="NAME",
            help=_("a stored round instead of a file; repeat to open several together (see: rounds list)"),
        )
        sub.add_argument(
            "--framework",
            type=Path,
            help=_("competency framework YAML (default: built in, or the stored rounds' own)"),
        )
    for sub in (check, summary):
        sub.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    summary.add_argument(
        "--by",
        default="team",
        help=_("comma-separated group keys from: {keys} (default: team)").format(keys=", ".join(GROUP_KEYS)),
    )
    for sub in (summary, report):
        sub.add_argument("--team", action="append", default=[], help=_("only this team (repeat for several)"))
        sub.add_argument(
            "--role", action="append", default=[], help=_("only this role, by name or id (repeatable)")
        )
        sub.add_argument(
            "--rater",
            choices=list(gaps.SOURCE_LABELS),
            default=gaps.DEFAULT_SOURCE,
            help=_("whose ratings to measure: self (default), manager, or combined (mean of both)"),
        )
    summary.add_argument("--round", help=_("survey round (default: the latest, unless --by has round)"))
    report.add_argument("--round", help=_("survey round (default: the latest)"))
    report.add_argument("--out", type=Path, required=True, help=_("report file; its suffix picks the format"))
    report.add_argument(
        "--top",
        type=int,
        help=_("how many top priorities the training plan covers (default {n}, or the --plan's own)").format(
            n=DEFAULT_PLAN_SKILLS
        ),
    )
    report.add_argument(
        "--plan",
        metavar="NAME",
        help=_(
            "with --stored: the training plan saved with the round under this name (its actions, costs, "
            "dates, people and mentors, as the Priorities page made it)"
        ),
    )
    report.add_argument(
        "--anonymise", action="store_true", help=_("pseudonyms instead of names; small groups hidden")
    )
    report.add_argument(
        "--person",
        action="append",
        default=[],
        metavar="EMAIL_OR_NAME",
        help=_("write this person's development plan instead (--out plan.pdf); repeat, or 'all', for a .zip"),
    )
    report.add_argument(
        "--min-group",
        type=int,
        default=DEFAULT_MIN_GROUP_SIZE,
        help=_("with --anonymise: hide figures over fewer people (default {n})").format(
            n=DEFAULT_MIN_GROUP_SIZE
        ),
    )
    for sub in (check, summary, report):
        sub.set_defaults(usage_of=sub)
        _lang_argument(sub)
    _lang_argument(rounds)
    _rounds_parser(rounds)
    return parser


def _lang_argument(parser: argparse.ArgumentParser, default: str = argparse.SUPPRESS) -> None:
    """``--lang``: on the main parser, and on each command's (where it keeps the main one's value unless given)."""
    parser.add_argument(
        "--lang",
        type=_language_option,
        choices=list(LANGUAGES),
        default=default,
        help=_("language of the messages and reports: en (English, the default) or id (Bahasa Indonesia)"),
    )


def _rounds_parser(rounds: argparse.ArgumentParser) -> None:
    actions = rounds.add_subparsers(dest="action", required=True, parser_class=_Parser)
    listing = actions.add_parser("list", help=_("the stored rounds"))
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    save = actions.add_parser("save", help=_("save a survey file as a round"))
    save.add_argument(
        "file", type=Path, nargs="+", help=_("survey file(s): .xlsx, .xlsm or .csv; several are one round")
    )
    save.add_argument("--name", required=True, help=_("the round's name, for example 2026-Q3"))
    save.add_argument("--framework", type=Path, help=_("competency framework YAML (default: built in)"))
    save.add_argument("--again", action="store_true", help=_("save a copy of a file that was saved before"))
    rename = actions.add_parser("rename", help=_("give a stored round another name"))
    rename.add_argument("old", help=_("the round's name now"))
    rename.add_argument("new", help=_("its new name"))
    delete = actions.add_parser("delete", help=_("delete a stored round and its training plans"))
    delete.add_argument("name", help=_("the round's name"))
    delete.add_argument("--yes", action="store_true", help=_("delete without asking"))
    for sub in (listing, save, rename, delete):
        sub.set_defaults(usage_of=sub)  # a usage error shows the usage of the command used
        _lang_argument(sub)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SurveyError(
                _("The file is {size} MB; the limit is {limit} MB. Split it by team or survey round.").format(
                    size=format_number(size / 1_048_576, COUNT),
                    limit=format_number(MAX_FILE_BYTES // 1_048_576, COUNT),
                )
            )
        return path.read_bytes()
    except OSError as exc:
        raise SurveyError(
            _("Cannot open {path}: {reason}.").format(path=path, reason=_os_reason(exc))
        ) from None


def _os_reason(exc: OSError) -> str:
    """Why a file cannot be opened or written, in the session's language where the reason is a common one."""
    return _(exc.strerror) if exc.strerror in _OS_REASONS else str(exc.strerror or exc)


def _from_files(
    paths: Sequence[Path], framework_path: Path | None
) -> tuple[_Survey, SurveyFile | SurveyFiles]:
    """Survey files read as ``check`` reads them, several as one survey, with what ``rounds save``
    keys on (their names and bytes)."""
    framework = load_framework(framework_path) if framework_path else default_framework()
    upload = survey_upload([SurveyFile(path.name, _read_bytes(path)) for path in paths])
    files = upload.files if isinstance(upload, SurveyFiles) else (upload,)
    held_in = _("the files") if len(files) > 1 else _("the file")
    return _Survey(framework, read_files(files, framework), upload.name, held_in), upload


def _from_store(names: Sequence[str], framework_path: Path | None, plan_name: str | None = None) -> _Survey:
    """Stored rounds opened together, as the dashboard opens them, with their own framework.

    ``--framework`` replaces the rounds' own. Rounds scored against different framework
    versions are measured against one, and stderr says which. ``plan_name`` names a plan saved
    with the rounds, whose choices the report then plans with.
    """
    from analytics.store import open_together

    chosen = load_framework(framework_path) if framework_path else None
    with _store() as store:
        stored = [store.open_round(name) for name in names]
        opened = open_together(list({r.info.id: r for r in stored}.values()))  # each round once
        cohorts = store.cohorts(opened.rounds)
        plan = _stored_plan(store.plans([r.id for r in opened.rounds]), plan_name) if plan_name else None
    framework = chosen or opened.framework
    if opened.mixed_frameworks:
        newest = max(opened.rounds, key=lambda r: (r.saved_at, r.id))
        note = (
            _(
                "Note: these rounds were scored against different framework versions; "
                "the figures use the one in {path} ({framework})."
            )
            if framework_path
            else _(
                "Note: these rounds were scored against different framework versions; "
                "the figures use the one of '{round}', saved last ({framework})."
            )
        )
        print(
            note.format(path=framework_path, round=newest.name, framework=framework.shown_name),
            file=sys.stderr,
        )
    return _Survey(framework, opened.result, ", ".join(opened.names), _("the stored rounds"), cohorts, plan)


def _stored_plan(saved: Sequence[PlanInfo], name: str) -> PlanChoices:
    """The choices of the plan called ``name`` (any case; the last saved when two rounds have one)."""
    wanted = " ".join(name.split()).casefold()
    found = [p for p in saved if p.name.casefold() == wanted]
    if not found:
        names = ", ".join(f"'{n}'" for n in dict.fromkeys(p.name for p in saved))
        missing = (
            _("no training plan called '{name}' is saved with these rounds; saved plans: {names}")
            if names
            else _(
                "no training plan called '{name}' is saved with these rounds; save one on the Priorities page first"
            )
        )
        raise _UsageError(missing.format(name=name, names=names))
    return PlanChoices.from_dict(found[-1].choices)


def _survey(args: argparse.Namespace) -> _Survey:
    """The FILE or the ``--stored`` rounds of ``summary`` and ``report``: exactly one of them."""
    if args.file and args.stored:
        raise _UsageError(_("give a survey FILE or --stored NAME, not both"))
    if getattr(args, "plan", None) and not args.stored:
        raise _UsageError(_("--plan opens a plan saved with a stored round: give --stored NAME too"))
    if args.file:
        return _from_files(args.file, args.framework)[0]
    if args.stored:
        return _from_store(args.stored, args.framework, getattr(args, "plan", None))
    raise _UsageError(
        _(
            "give a survey FILE, or --stored NAME for a stored round (python -m analytics rounds list shows them)"
        )
    )


@contextlib.contextmanager
def _store() -> Iterator[Store]:
    """The store that DATABASE_URL (or SKILLS_DATA_DIR) names; its failures become plain messages."""
    from analytics.store import Store, StoreError

    try:
        store = Store.open()
        try:
            yield store
        finally:
            store.close()
    except StoreError as exc:
        raise _Refused(str(exc)) from None


def _check(framework: Framework, result: IngestResult, as_json: bool) -> None:
    rated = int(result.ratings[c.RATING].notna().sum())
    if as_json:
        print(
            json.dumps(
                {
                    "usable": result.usable,
                    "respondents": result.respondents,
                    "ratings": rated,
                    "not_applicable": len(result.ratings) - rated,
                    "layout": result.layout,
                    "sheets": list(result.sheets),
                    "files": list(result.files),
                    "mapping": result.mapping,
                    "unmatched_columns": result.unmatched_columns,
                    "roles": {
                        str(k): v for k, v in zip(result.roles[c.ROLE], result.roles[c.ROLE_ID], strict=True)
                    },
                    "issues": [_plain(vars(i)) for i in result.issues],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    counts = result.issue_counts()
    layout = _LAYOUTS.get(result.layout)
    print(
        _(
            "{people} people, {ratings} ratings, {blank} not applicable or blank "
            "({layout}, sheets: {sheets}), framework: {framework}"
        ).format(
            people=format_number(result.respondents, COUNT),
            ratings=format_number(rated, COUNT),
            blank=format_number(len(result.ratings) - rated, COUNT),
            layout=_(layout) if layout else _("{layout} layout").format(layout=result.layout),
            sheets=", ".join(result.sheets),
            framework=framework.shown_name,
        )
    )
    print(
        _("{errors} error(s), {warnings} warning(s), {notes} note(s)").format(
            errors=format_number(counts["error"], COUNT),
            warnings=format_number(counts["warning"], COUNT),
            notes=format_number(counts["info"], COUNT),
        )
    )
    print("\n" + _("Columns:"))
    for header, skill in result.mapping.items():
        print(f"  {header}  ->  {framework.skill(skill).shown_name}")
    unused = _("(not used)")  # outside the f-string, where the catalogue's extractor finds it
    for header in result.unmatched_columns:
        print(f"  {header}  ->  {unused}")
    print("\n" + _("Roles:"))
    roles = result.roles
    blank = _("(blank)")
    for role, role_id, people in zip(roles[c.ROLE], roles[c.ROLE_ID], roles["people"], strict=True):
        target = framework.role(role_id).shown_name if role_id else _("(no framework role)")
        who = counted(people, N_("person"), N_("people"))
        print(f"  {role or blank}  ->  {target}  ({who})")
    if result.issues:
        print("\n" + _("Issues:"))
        for issue in result.issues:
            where = ", ".join(
                part
                for part in (
                    _("sheet {sheet}").format(sheet=issue.sheet) if issue.sheet else "",
                    _("row {row}").format(row=issue.row) if issue.row else "",
                    _("column '{column}'").format(column=issue.column) if issue.column else "",
                )
                if part
            )
            severity = _SEVERITIES.get(issue.severity)
            print(
                f"  [{_(severity) if severity else issue.severity}] {issue.message}"
                + (f" ({where})" if where else "")
            )
            print("      " + _("what to do: {action}").format(action=issue.action))


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}


def _filters(
    args: argparse.Namespace, survey: _Survey, pairs: pd.DataFrame, all_rounds: bool = False
) -> Filters:
    """The --round, --team and --role of the command, checked against what the survey holds.

    Without --round the latest round is taken (and said on stderr), as the dashboard does,
    unless ``all_rounds`` (a summary by round). A name the survey does not hold lists the
    ones it does.
    """
    rounds = ordered_rounds(pairs[c.ROUND].dropna().unique())
    if args.round and args.round not in rounds:
        raise _UsageError(
            _("round '{round}' is not in {held_in}; it has: {rounds}").format(
                round=args.round, held_in=survey.held_in, rounds=", ".join(rounds) or _("none")
            )
        )
    chosen = args.round
    if not chosen and not all_rounds and len(rounds) == 1:
        chosen = rounds[0]  # the report then names its round, as the dashboard's does
    if not chosen and not all_rounds and len(rounds) > 1:
        chosen = latest_round(rounds)
        print(
            _("Figures are for round {round}, the latest of {n}; use --round to choose.").format(
                round=chosen, n=format_number(len(rounds), COUNT)
            ),
            file=sys.stderr,
        )
    teams = sorted({str(t) for t in pairs[c.TEAM].dropna().unique()})
    unknown = [t for t in args.team if t not in teams]
    if unknown:
        raise _UsageError(
            _("unknown team '{team}'; the survey's teams are: {teams}").format(
                team=unknown[0], teams=", ".join(teams) or _("none")
            )
        )
    matcher = matcher_for(survey.framework)
    roles = []
    for text in args.role:
        role_id = matcher.role_for(text)
        if role_id is None:
            known = ", ".join(r.shown_name for r in survey.framework.roles)
            raise _UsageError(
                _("unknown role '{role}'; the framework's roles are: {roles}").format(role=text, roles=known)
            )
        roles.append(role_id)
    return Filters(round=chosen, teams=tuple(args.team), roles=tuple(roles))


def _pairs_of(survey: _Survey, source: str) -> pd.DataFrame:
    """The gap pairs of a rating source; a source the survey has no ratings of is said plainly."""
    result = survey.result
    pairs = gaps.compute_gaps(result.ratings, survey.framework, source).pairs
    if pairs.empty:
        rated = result.ratings[result.ratings[c.RATING].notna().to_numpy(dtype=bool)]
        raters = [r for r in (c.SELF, c.MANAGER) if (rated[c.RATER] == r).any()]
        if source in (c.SELF, c.MANAGER) and source not in raters:
            *others, last = [f"--rater {r}" for r in (*raters, gaps.COMBINED) if r != source]
            other = _("{options} or {last}").format(options=", ".join(others), last=last) if others else last
            missing = (
                _("There are no self ratings in {held_in}; use {other}.")
                if source == c.SELF
                else _("There are no manager ratings in {held_in}; use {other}.")
            )
            raise SurveyError(missing.format(held_in=survey.held_in, other=other))
        raise SurveyError(
            _("No rating could be measured against a target; run 'check' on the file to see why.")
        )
    return pairs


def _summary(survey: _Survey, args: argparse.Namespace) -> None:
    keys = [k.strip() for k in args.by.split(",") if k.strip()]
    unknown = [k for k in keys if k not in GROUP_KEYS]
    if unknown:
        raise _UsageError(
            _("unknown --by key(s): {keys}; use any of {known}").format(
                keys=", ".join(unknown), known=", ".join(GROUP_KEYS)
            )
        )
    source = gaps.ALL if "rater" in keys else args.rater
    pairs = _pairs_of(survey, source)
    chosen = apply_filters(pairs, _filters(args, survey, pairs, all_rounds="round" in keys))
    if chosen.empty:
        raise SurveyError(_("No rated skills match the filters (--team, --role, --round)."))
    table = summary_table(chosen, survey.framework, keys)
    if args.json:
        records = [_plain(r) for r in table.frame.astype(object).to_dict(orient="records")]
        print(json.dumps(records, ensure_ascii=False, indent=2, default=str))
        return
    print(_text_table(table))


def _text_table(table: Table) -> str:
    """A view's table as aligned plain text: names to the left, numbers to the right."""
    return _aligned(
        [table.heading(name) for name in table.columns],
        [list(format_column(table.frame[name], table.kind(name))) for name in table.columns],
        [table.kind(name) != TEXT for name in table.columns],
    )


def _aligned(headings: Sequence[str], columns: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """Columns of text under their headings, each as wide as its widest cell."""
    laid_out = []
    for heading, cells, to_right in zip(headings, columns, right, strict=True):
        cells = [heading, *cells]
        width = max(len(cell) for cell in cells)
        laid_out.append([cell.rjust(width) if to_right else cell.ljust(width) for cell in cells])
    return "\n".join("  ".join(row).rstrip() for row in zip(*laid_out, strict=True))


def _development(survey: _Survey, args: argparse.Namespace) -> None:
    """``report --person``: the People page's development plans, one PDF or a zip of them."""
    from analytics.reports.development import write_development_plan, write_development_plans
    from analytics.views.development import development_plans_of
    from analytics.views.priorities import priorities_view

    zipped = args.out.suffix.lower() == ".zip"
    if args.out.suffix.lower() not in (".pdf", ".zip"):
        raise _UsageError(_("a development plan is a .pdf (or a .zip of several): use --out plan.pdf"))
    if args.anonymise:
        raise _UsageError(_("a development plan names its person: it cannot be anonymised"))
    pairs = _pairs_of(survey, args.rater)
    chosen = apply_filters(pairs, _filters(args, survey, pairs))
    people = _people(chosen, args.person)
    if len(people) > 1 and not zipped:
        raise _UsageError(
            _("{n} people asked for: write them to a .zip (--out plans.zip)").format(
                n=format_number(len(people), COUNT)
            )
        )
    plan = priorities_view(chosen, survey.framework, _choices(survey, args)).plan
    rounds = chosen[c.ROUND].dropna().unique()
    found = development_plans_of(
        survey.result.ratings,
        chosen,
        people,
        plan,
        survey.framework,
        str(rounds[0]) if len(rounds) == 1 else None,
        gaps.SOURCE_LABELS[args.rater],
        dt.datetime.now(dt.UTC),
    )
    with _written(args.out) as stream:
        stream.write(write_development_plans(found) if zipped else write_development_plan(found[0]))
    wrote = (
        _("Wrote {out} (development plans: {people}).")
        if zipped
        else _("Wrote {out} (development plan: {people}).")
    )
    print(wrote.format(out=args.out, people=counted(len(found), N_("person"), N_("people"))))


def _choices(survey: _Survey, args: argparse.Namespace) -> PlanChoices:
    """The planner's choices a report plans with: the stored ``--plan``'s, with ``--top`` if given."""
    if args.top is not None and args.top < 1:
        raise _UsageError(_("--top must be at least 1"))
    choices = survey.plan or PlanChoices()
    return dataclasses.replace(choices, top=args.top) if args.top is not None else choices


def _people(pairs: pd.DataFrame, asked: Sequence[str]) -> list[str]:
    """Respondent ids of the people asked for by e-mail or name (any case), or everyone for 'all'."""
    ids = pairs[c.RESPONDENT_ID].astype(str)
    names = pairs[c.NAME].astype(str)
    if any(a.strip().lower() == "all" for a in asked):
        return list(dict.fromkeys(ids[names.sort_values(kind="stable").index]))
    out = []
    for text in asked:
        wanted = " ".join(text.split()).casefold()
        hits = list(dict.fromkeys(ids[(ids.str.casefold() == wanted) | (names.str.casefold() == wanted)]))
        if not hits:
            raise _UsageError(
                _("nobody called '{name}' is in the chosen round and filters").format(name=text)
            )
        if len(hits) > 1:
            raise _UsageError(
                _("'{name}' is {n} people; give one e-mail or id of: {ids}").format(
                    name=text, n=format_number(len(hits), COUNT), ids=", ".join(hits)
                )
            )
        out.append(hits[0])
    return list(dict.fromkeys(out))


@contextlib.contextmanager
def _written(out: Path) -> Iterator[IO[bytes]]:
    """A stream to ``out``, written beside it and then moved over it: a failure leaves any earlier file whole."""
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("wb") as stream:
            yield stream
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SurveyError(
            _("Cannot write {path}: {reason}.").format(path=out, reason=_os_reason(exc))
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _report(survey: _Survey, args: argparse.Namespace) -> None:
    from analytics.reports import report_format, write_report
    from analytics.views.report import report_view

    if args.person:
        _development(survey, args)
        return

    try:
        fmt = report_format(args.out.name)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    if args.min_group < 1:
        raise _UsageError(_("--min-group must be at least 1"))
    choices = _choices(survey, args)
    pairs = _pairs_of(survey, args.rater)
    filters = _filters(args, survey, pairs)
    chosen = apply_filters(pairs, filters)
    if chosen.empty:
        raise SurveyError(
            _("No rated skills match the filters (--team, --role, --round); nothing to report.")
        )
    view = report_view(
        survey.framework,
        gaps.GapResult(chosen, args.rater),
        survey.result,
        described(filters, survey.framework),
        choices,
        anonymise=args.anonymise,
        min_group_size=args.min_group,
        # An anonymised report does not name its source: the name may be a person's or a team's.
        title=_("Skills-gap report")
        if args.anonymise
        else _("Skills-gap report: {name}").format(name=survey.name),
        # Trends and Calibration see every round under the same team and role filters.
        history=apply_filters(pairs, dataclasses.replace(filters, round=None)),
        ratings=apply_filters(survey.result.ratings, dataclasses.replace(filters, round=None)),
        cohorts=survey.cohorts,
    )
    people, rated = int(chosen[c.RESPONDENT_ID].nunique()), len(chosen)
    round_label = str(chosen[c.ROUND].iloc[0])
    with _written(args.out) as stream:
        write_report(fmt, view, stream)
    wrote = (
        _("Wrote {out} ({format}: {people}, {rated}, round {round}, the saved plan '{plan}').")
        if args.plan
        else _("Wrote {out} ({format}: {people}, {rated}, round {round}).")
    )
    print(
        wrote.format(
            out=args.out,
            format=fmt,
            people=counted(people, N_("person"), N_("people")),
            rated=counted(rated, N_("rated skill"), N_("rated skills")),
            round=round_label,
            plan=args.plan,
        )
    )


# Stored rounds ---------------------------------------------------------------------------


def _rounds(args: argparse.Namespace) -> int:
    """``rounds list|save|rename|delete``: the store as the Data page keeps it, from a script."""
    if args.action == "delete" and not args.yes and not sys.stdin.isatty():
        raise _UsageError(
            _(
                "deleting a round asks first, and there is nobody at a keyboard to answer; "
                "add --yes to delete without asking"
            )
        )
    if args.action == "save":
        survey, upload = _from_files(args.file, args.framework)
        if not survey.result.usable:
            raise SurveyError(
                _("No answer could be used, so nothing was saved; run 'check' on the file to see why.")
            )
        with _store() as store:
            _save(store, survey, upload, args)
        return EXIT_OK
    with _store() as store:
        if args.action == "list":
            _list(store.rounds(), args.json)
        elif args.action == "rename":
            from analytics.store import clean_name

            old = clean_name(args.old)
            info = store.rename_round(old, args.new)
            print(_("Renamed round '{old}' to '{new}'.").format(old=old, new=info.name))
        else:
            return _delete(store, args.name, args.yes)
    return EXIT_OK


def _save(store: Store, survey: _Survey, file: SurveyFile | SurveyFiles, args: argparse.Namespace) -> None:
    from analytics.store import SameFileSaved

    try:
        info = store.save_round(
            args.name,
            survey.result,
            survey.framework,
            source_name=file.name,
            source_digest=file.digest,
            saved_by=f"{_user()} (command line)",
            same_file_ok=args.again,
        )
    except SameFileSaved as exc:
        raise _Refused(_("{message} If you do, add --again to save a copy.").format(message=exc)) from None
    saved = (
        _("Saved round '{name}' from {file}: {people}, {ratings}, survey rounds {labels} (in {where}).")
        if len(info.labels) > 1
        else _("Saved round '{name}' from {file}: {people}, {ratings} (in {where}).")
    )
    print(
        saved.format(
            name=info.name,
            file=file.name,
            people=counted(info.n_people, N_("person"), N_("people")),
            ratings=counted(info.n_ratings, N_("rating"), N_("ratings")),
            labels=", ".join(info.labels),
            where=store.where,
        )
    )
    issues = survey.result.issue_counts()
    if issues["error"] or issues["warning"]:
        print(
            _(
                "{file}: its validation report has {errors} and {warnings}; "
                "python -m analytics check {files} lists them."
            ).format(
                file=file.name,
                errors=counted(issues["error"], N_("error"), N_("errors")),
                warnings=counted(issues["warning"], N_("warning"), N_("warnings")),
                files=" ".join(str(p) for p in args.file),
            ),
            file=sys.stderr,
        )


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return "unknown user"


def _list(rounds: Sequence[RoundInfo], as_json: bool) -> None:
    if as_json:
        records = [
            {
                "name": r.name,
                "people": r.n_people,
                "ratings": r.n_ratings,
                "labels": list(r.labels),
                "file": r.source_name,
                "saved_by": r.saved_by,
                "saved_at": r.saved_at.astimezone().isoformat(timespec="seconds"),
            }
            for r in rounds
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if not rounds:
        print(_(NO_ROUNDS))
        return
    headings = [
        _("Name"),
        _("People"),
        _("Ratings"),
        _("Rounds in the data"),
        _("File"),
        _("Saved by"),
        _("Saved at"),
    ]
    cells = [
        [r.name for r in rounds],
        [format_number(r.n_people, COUNT) for r in rounds],
        [format_number(r.n_ratings, COUNT) for r in rounds],
        [", ".join(r.labels) or "-" for r in rounds],
        [r.source_name for r in rounds],
        [r.saved_by for r in rounds],
        [r.saved_at.astimezone().strftime("%Y-%m-%d %H:%M") for r in rounds],
    ]
    print(_aligned(headings, cells, [False, True, True, False, False, False, False]))


def _delete(store: Store, name: str, yes: bool) -> int:
    info = store.round_info(name)
    people = counted(info.n_people, N_("person"), N_("people"))
    question = _("Delete round '{name}' ({people}) and its training plans? [y/N] ")
    if not yes and not _confirmed(question.format(name=info.name, people=people)):
        print(_("Nothing was deleted."))
        return EXIT_OK
    store.delete_round(info.id)  # by id: the round asked about, even if renamed meanwhile
    print(
        _("Deleted round '{name}' ({people}) and its training plans.").format(name=info.name, people=people)
    )
    return EXIT_OK


def _confirmed(question: str) -> bool:
    """The person at the keyboard's answer; anything but yes (or Ctrl-C, or Ctrl-D) is no."""
    print(question, end="", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        answer = ""
    if not answer.endswith("\n"):
        print(file=sys.stderr)
    return answer.strip().lower() in _YES


# The command -----------------------------------------------------------------------------


def _subject(args: argparse.Namespace) -> str:
    """What a message is about: the file, the stored rounds, or the store."""
    files = getattr(args, "file", None)
    if files:
        return ", ".join(path.name for path in files)
    stored = getattr(args, "stored", None)
    return ", ".join(stored) if stored else _("the stored rounds")


def _check_command(args: argparse.Namespace) -> int:
    try:
        survey, _upload = _from_files(args.file, args.framework)
    except (SurveyError, FrameworkError) as exc:
        if args.json:
            names = [path.name for path in args.file]
            where = {"file": names[0]} if len(names) == 1 else {"files": names}
            print(json.dumps({"usable": False, **where, "error": str(exc)}, ensure_ascii=False))
        raise
    _check(survey.framework, survey.result, args.json)
    if not survey.result.usable:
        print(
            _("{subject}: no answer could be used; the issues above say why.").format(subject=_subject(args)),
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    if args.command == "check":
        return _check_command(args)
    if args.command == "rounds":
        return _rounds(args)
    survey = _survey(args)
    if not survey.result.usable:
        raise SurveyError(_("No answer could be used; run 'check' on the file to see why."))
    if args.command == "summary":
        _summary(survey, args)
    else:
        _report(survey, args)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """The command ``argv`` asks for (default: this process's arguments); returns its exit code.

    It speaks the ``--lang`` it is given; a caller in the same process keeps its own language.
    """
    return contextvars.copy_context().run(_main, sys.argv[1:] if argv is None else list(argv))


def _main(argv: list[str]) -> int:
    use(_asked_language(argv))  # before the parser is built: its help and errors speak it too
    parser = _parser()
    args = parser.parse_args(argv)
    use(args.lang)  # as parsed, before anything is read or printed
    subject = _subject(args)
    try:
        return _run(args)
    except _UsageError as exc:
        getattr(args, "usage_of", parser).print_usage(sys.stderr)
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return EXIT_USAGE
    except _Refused as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except FrameworkError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except SurveyError as exc:
        print(f"{subject}: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # the output was piped into head or similar, which stopped reading
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python quiet while it exits
        return EXIT_OK
    except MemoryError:
        print(
            _("{subject}: the survey is too large to analyse on this machine.").format(subject=subject),
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    except ReportUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # the last guard: a plain line, never a traceback
        print(
            _("Something went wrong with {subject} ({error}).").format(
                subject=subject, error=f"{type(exc).__name__}: {exc}"
            ),
            file=sys.stderr,
        )
        print(_("Please report this with the file if you can share it."), file=sys.stderr)
        return EXIT_UNUSABLE


def _exit(code: int) -> NoReturn:
    """Exit without the interpreter's final garbage collections.

    At exit Python collects garbage several times while it clears the modules, and each
    pass walks every object pandas, pyarrow and SQLAlchemy made at import: a tenth of a
    second or more for nothing, as the process is ending. Frozen objects are not walked;
    objects are still freed by their reference counts, and stdout is still flushed.
    """
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    _exit(main())
