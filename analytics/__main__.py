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
collections (:func:`_exit`).
"""

from __future__ import annotations

import argparse
import contextlib
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
from analytics.ingest import IngestResult, read_files
from analytics.matching import matcher_for
from analytics.privacy import DEFAULT_MIN_GROUP_SIZE
from analytics.reports import ReportUnavailable
from analytics.rounds import latest_round, ordered_rounds
from analytics.views.fields import TEXT, Table
from analytics.views.formats import counted, format_column
from analytics.views.plan import DEFAULT_PLAN_SKILLS, PlanChoices
from analytics.views.selection import Filters, apply_filters, described
from analytics.views.summary import GROUP_KEYS, summary_table

if TYPE_CHECKING:  # the store pulls in SQLAlchemy: imported where a command uses it
    from analytics.store import PlanInfo, RoundInfo, Store

EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE = 0, 1, 2
NO_ROUNDS: Final = "No rounds are stored yet. Save one with: python -m analytics rounds save FILE --name NAME"
_YES: Final = ("y", "yes")


class _UsageError(Exception):
    pass


class _Refused(Exception):
    """What cannot be done as asked (the store's own words): printed as it is, exit 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


@dataclass(frozen=True)
class _Survey:
    """What ``summary`` and ``report`` analyse, read from a file or opened from the store.

    Both sources end here, so every figure after this point is computed by the same code.
    """

    framework: Framework
    result: IngestResult
    name: str  # the file's name, or the stored rounds' names: titles and messages use it
    held_in: str  # "the file" or "the stored rounds", for "round X is not in ..."
    cohorts: pd.DataFrame | None = None  # the plans stored with the rounds (report's training check)
    plan: PlanChoices | None = None  # the choices of the stored plan that --plan names


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analytics", description="Team skills-gap analytics.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help="validate a survey file and show the column mapping")
    summary = commands.add_parser("summary", help="gap figures per group")
    report = commands.add_parser("report", help="write a gap report: .xlsx, .pdf, .html or .csv")
    rounds = commands.add_parser("rounds", help="list, save, rename or delete the stored survey rounds")
    check.add_argument(
        "file",
        type=Path,
        nargs="+",
        help="survey file(s): .xlsx, .xlsm or .csv; several are read as one survey",
    )
    check.add_argument("--framework", type=Path, help="competency framework YAML (default: built in)")
    for sub in (summary, report):
        sub.add_argument(
            "file",
            type=Path,
            nargs="*",
            help="survey file(s): .xlsx, .xlsm or .csv, several read as one survey (or use --stored)",
        )
        sub.add_argument(
            "--stored",
            action="append",
            default=[],
            metavar="NAME",
            help="a stored round instead of a file; repeat to open several together (see: rounds list)",
        )
        sub.add_argument(
            "--framework",
            type=Path,
            help="competency framework YAML (default: built in, or the stored rounds' own)",
        )
    for sub in (check, summary):
        sub.add_argument("--json", action="store_true", help="print JSON instead of text")
    summary.add_argument(
        "--by",
        default="team",
        help=f"comma-separated group keys from: {', '.join(GROUP_KEYS)} (default: team)",
    )
    for sub in (summary, report):
        sub.add_argument("--team", action="append", default=[], help="only this team (repeat for several)")
        sub.add_argument(
            "--role", action="append", default=[], help="only this role, by name or id (repeatable)"
        )
        sub.add_argument(
            "--rater",
            choices=list(gaps.SOURCE_LABELS),
            default=gaps.DEFAULT_SOURCE,
            help="whose ratings to measure: self (default), manager, or combined (mean of both)",
        )
    summary.add_argument("--round", help="survey round (default: the latest, unless --by has round)")
    report.add_argument("--round", help="survey round (default: the latest)")
    report.add_argument("--out", type=Path, required=True, help="report file; its suffix picks the format")
    report.add_argument(
        "--top",
        type=int,
        help=f"how many top priorities the training plan covers (default {DEFAULT_PLAN_SKILLS}, "
        "or the --plan's own)",
    )
    report.add_argument(
        "--plan",
        metavar="NAME",
        help="with --stored: the training plan saved with the round under this name (its actions, costs, "
        "dates, people and mentors, as the Priorities page made it)",
    )
    report.add_argument(
        "--anonymise", action="store_true", help="pseudonyms instead of names; small groups hidden"
    )
    report.add_argument(
        "--person",
        action="append",
        default=[],
        metavar="EMAIL_OR_NAME",
        help="write this person's development plan instead (--out plan.pdf); repeat, or 'all', for a .zip",
    )
    report.add_argument(
        "--min-group",
        type=int,
        default=DEFAULT_MIN_GROUP_SIZE,
        help=f"with --anonymise: hide figures over fewer people (default {DEFAULT_MIN_GROUP_SIZE})",
    )
    for sub in (check, summary, report):
        sub.set_defaults(usage_of=sub)
    _rounds_parser(rounds)
    return parser


def _rounds_parser(rounds: argparse.ArgumentParser) -> None:
    actions = rounds.add_subparsers(dest="action", required=True, parser_class=_Parser)
    listing = actions.add_parser("list", help="the stored rounds")
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    save = actions.add_parser("save", help="save a survey file as a round")
    save.add_argument(
        "file", type=Path, nargs="+", help="survey file(s): .xlsx, .xlsm or .csv; several are one round"
    )
    save.add_argument("--name", required=True, help="the round's name, for example 2026-Q3")
    save.add_argument("--framework", type=Path, help="competency framework YAML (default: built in)")
    save.add_argument("--again", action="store_true", help="save a copy of a file that was saved before")
    rename = actions.add_parser("rename", help="give a stored round another name")
    rename.add_argument("old", help="the round's name now")
    rename.add_argument("new", help="its new name")
    delete = actions.add_parser("delete", help="delete a stored round and its training plans")
    delete.add_argument("name", help="the round's name")
    delete.add_argument("--yes", action="store_true", help="delete without asking")
    for sub in (listing, save, rename, delete):
        sub.set_defaults(usage_of=sub)  # a usage error shows the usage of the command used


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SurveyError(
                f"The file is {size / 1_048_576:.0f} MB; the limit is {MAX_FILE_BYTES // 1_048_576} MB. "
                "Split it by team or survey round."
            )
        return path.read_bytes()
    except OSError as exc:
        raise SurveyError(f"Cannot open {path}: {exc.strerror or exc}.") from None


def _from_files(
    paths: Sequence[Path], framework_path: Path | None
) -> tuple[_Survey, SurveyFile | SurveyFiles]:
    """Survey files read as ``check`` reads them, several as one survey, with what ``rounds save``
    keys on (their names and bytes)."""
    framework = load_framework(framework_path) if framework_path else default_framework()
    upload = survey_upload([SurveyFile(path.name, _read_bytes(path)) for path in paths])
    files = upload.files if isinstance(upload, SurveyFiles) else (upload,)
    held_in = "the files" if len(files) > 1 else "the file"
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
        used = f"the one in {framework_path}" if framework_path else f"the one of '{newest.name}', saved last"
        print(
            "Note: these rounds were scored against different framework versions; "
            f"the figures use {used} ({framework.name}).",
            file=sys.stderr,
        )
    return _Survey(framework, opened.result, ", ".join(opened.names), "the stored rounds", cohorts, plan)


def _stored_plan(saved: Sequence[PlanInfo], name: str) -> PlanChoices:
    """The choices of the plan called ``name`` (any case; the last saved when two rounds have one)."""
    wanted = " ".join(name.split()).casefold()
    found = [p for p in saved if p.name.casefold() == wanted]
    if not found:
        names = ", ".join(f"'{n}'" for n in dict.fromkeys(p.name for p in saved))
        raise _UsageError(
            f"no training plan called '{name}' is saved with these rounds; "
            + (f"saved plans: {names}" if names else "save one on the Priorities page first")
        )
    return PlanChoices.from_dict(found[-1].choices)


def _survey(args: argparse.Namespace) -> _Survey:
    """The FILE or the ``--stored`` rounds of ``summary`` and ``report``: exactly one of them."""
    if args.file and args.stored:
        raise _UsageError("give a survey FILE or --stored NAME, not both")
    if getattr(args, "plan", None) and not args.stored:
        raise _UsageError("--plan opens a plan saved with a stored round: give --stored NAME too")
    if args.file:
        return _from_files(args.file, args.framework)[0]
    if args.stored:
        return _from_store(args.stored, args.framework, getattr(args, "plan", None))
    raise _UsageError(
        "give a survey FILE, or --stored NAME for a stored round (python -m analytics rounds list shows them)"
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
    print(
        f"{result.respondents} people, {rated} ratings, {len(result.ratings) - rated} not applicable or blank "
        f"({result.layout} layout, "
        f"sheets: {', '.join(result.sheets)}), framework: {framework.name}"
    )
    print(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s)")
    print("\nColumns:")
    for header, skill in result.mapping.items():
        print(f"  {header}  ->  {framework.skill(skill).name}")
    for header in result.unmatched_columns:
        print(f"  {header}  ->  (not used)")
    print("\nRoles:")
    roles = result.roles
    for role, role_id, people in zip(roles[c.ROLE], roles[c.ROLE_ID], roles["people"], strict=True):
        target = framework.role(role_id).name if role_id else "(no framework role)"
        print(f"  {role or '(blank)'}  ->  {target}  ({people} {'person' if people == 1 else 'people'})")
    if result.issues:
        print("\nIssues:")
        for issue in result.issues:
            where = ", ".join(
                part
                for part in (
                    f"sheet {issue.sheet}" if issue.sheet else "",
                    f"row {issue.row}" if issue.row else "",
                    f"column '{issue.column}'" if issue.column else "",
                )
                if part
            )
            print(f"  [{issue.severity}] {issue.message}" + (f" ({where})" if where else ""))
            print(f"      what to do: {issue.action}")


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
            f"round '{args.round}' is not in {survey.held_in}; it has: {', '.join(rounds) or 'none'}"
        )
    chosen = args.round
    if not chosen and not all_rounds and len(rounds) == 1:
        chosen = rounds[0]  # the report then names its round, as the dashboard's does
    if not chosen and not all_rounds and len(rounds) > 1:
        chosen = latest_round(rounds)
        print(
            f"Figures are for round {chosen}, the latest of {len(rounds)}; use --round to choose.",
            file=sys.stderr,
        )
    teams = sorted({str(t) for t in pairs[c.TEAM].dropna().unique()})
    unknown = [t for t in args.team if t not in teams]
    if unknown:
        raise _UsageError(
            f"unknown team '{unknown[0]}'; the survey's teams are: {', '.join(teams) or 'none'}"
        )
    matcher = matcher_for(survey.framework)
    roles = []
    for text in args.role:
        role_id = matcher.role_for(text)
        if role_id is None:
            known = ", ".join(r.name for r in survey.framework.roles)
            raise _UsageError(f"unknown role '{text}'; the framework's roles are: {known}")
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
            other = " or ".join(f"--rater {r}" for r in (*raters, gaps.COMBINED) if r != source)
            raise SurveyError(f"There are no {source} ratings in {survey.held_in}; use {other}.")
        raise SurveyError("No rating could be measured against a target; run 'check' on the file to see why.")
    return pairs


def _summary(survey: _Survey, args: argparse.Namespace) -> None:
    keys = [k.strip() for k in args.by.split(",") if k.strip()]
    unknown = [k for k in keys if k not in GROUP_KEYS]
    if unknown:
        raise _UsageError(f"unknown --by key(s): {', '.join(unknown)}; use any of {', '.join(GROUP_KEYS)}")
    source = gaps.ALL if "rater" in keys else args.rater
    pairs = _pairs_of(survey, source)
    chosen = apply_filters(pairs, _filters(args, survey, pairs, all_rounds="round" in keys))
    if chosen.empty:
        raise SurveyError("No rated skills match the filters (--team, --role, --round).")
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
        raise _UsageError("a development plan is a .pdf (or a .zip of several): use --out plan.pdf")
    if args.anonymise:
        raise _UsageError("a development plan names its person: it cannot be anonymised")
    pairs = _pairs_of(survey, args.rater)
    chosen = apply_filters(pairs, _filters(args, survey, pairs))
    people = _people(chosen, args.person)
    if len(people) > 1 and not zipped:
        raise _UsageError(f"{len(people)} people asked for: write them to a .zip (--out plans.zip)")
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
    print(
        f"Wrote {args.out} (development plan{'s' if zipped else ''}: {counted(len(found), 'person', 'people')})."
    )


def _choices(survey: _Survey, args: argparse.Namespace) -> PlanChoices:
    """The planner's choices a report plans with: the stored ``--plan``'s, with ``--top`` if given."""
    if args.top is not None and args.top < 1:
        raise _UsageError("--top must be at least 1")
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
            raise _UsageError(f"nobody called '{text}' is in the chosen round and filters")
        if len(hits) > 1:
            raise _UsageError(f"'{text}' is {len(hits)} people; give one e-mail or id of: {', '.join(hits)}")
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
        raise SurveyError(f"Cannot write {out}: {exc.strerror or exc}.") from None
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
        raise _UsageError("--min-group must be at least 1")
    choices = _choices(survey, args)
    pairs = _pairs_of(survey, args.rater)
    filters = _filters(args, survey, pairs)
    chosen = apply_filters(pairs, filters)
    if chosen.empty:
        raise SurveyError("No rated skills match the filters (--team, --role, --round); nothing to report.")
    view = report_view(
        survey.framework,
        gaps.GapResult(chosen, args.rater),
        survey.result,
        described(filters, survey.framework),
        choices,
        anonymise=args.anonymise,
        min_group_size=args.min_group,
        # An anonymised report does not name its source: the name may be a person's or a team's.
        title="Skills-gap report" if args.anonymise else f"Skills-gap report: {survey.name}",
        # Trends and Calibration see every round under the same team and role filters.
        history=apply_filters(pairs, dataclasses.replace(filters, round=None)),
        ratings=apply_filters(survey.result.ratings, dataclasses.replace(filters, round=None)),
        cohorts=survey.cohorts,
    )
    people, rated = int(chosen[c.RESPONDENT_ID].nunique()), len(chosen)
    round_label = str(chosen[c.ROUND].iloc[0])
    with _written(args.out) as stream:
        write_report(fmt, view, stream)
    counts = f"{counted(people, 'person', 'people')}, {counted(rated, 'rated skill')}"
    planned = f", the saved plan '{args.plan}'" if args.plan else ""
    print(f"Wrote {args.out} ({fmt}: {counts}, round {round_label}{planned}).")


# Stored rounds ---------------------------------------------------------------------------


def _rounds(args: argparse.Namespace) -> int:
    """``rounds list|save|rename|delete``: the store as the Data page keeps it, from a script."""
    if args.action == "delete" and not args.yes and not sys.stdin.isatty():
        raise _UsageError(
            "deleting a round asks first, and there is nobody at a keyboard to answer; "
            "add --yes to delete without asking"
        )
    if args.action == "save":
        survey, upload = _from_files(args.file, args.framework)
        if not survey.result.usable:
            raise SurveyError(
                "No answer could be used, so nothing was saved; run 'check' on the file to see why."
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
            print(f"Renamed round '{old}' to '{info.name}'.")
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
        raise _Refused(f"{exc} If you do, add --again to save a copy.") from None
    counts = f"{counted(info.n_people, 'person', 'people')}, {counted(info.n_ratings, 'rating')}"
    labels = f", survey rounds {', '.join(info.labels)}" if len(info.labels) > 1 else ""
    print(f"Saved round '{info.name}' from {file.name}: {counts}{labels} (in {store.where}).")
    issues = survey.result.issue_counts()
    if issues["error"] or issues["warning"]:
        found = f"{counted(issues['error'], 'error')} and {counted(issues['warning'], 'warning')}"
        print(
            f"{file.name}: its validation report has {found}; "
            f"python -m analytics check {' '.join(str(p) for p in args.file)} lists them.",
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
        print(NO_ROUNDS)
        return
    headings = ["Name", "People", "Ratings", "Rounds in the data", "File", "Saved by", "Saved at"]
    cells = [
        [r.name for r in rounds],
        [f"{r.n_people:,}" for r in rounds],
        [f"{r.n_ratings:,}" for r in rounds],
        [", ".join(r.labels) or "-" for r in rounds],
        [r.source_name for r in rounds],
        [r.saved_by for r in rounds],
        [r.saved_at.astimezone().strftime("%Y-%m-%d %H:%M") for r in rounds],
    ]
    print(_aligned(headings, cells, [False, True, True, False, False, False, False]))


def _delete(store: Store, name: str, yes: bool) -> int:
    info = store.round_info(name)
    people = counted(info.n_people, "person", "people")
    if not yes and not _confirmed(f"Delete round '{info.name}' ({people}) and its training plans? [y/N] "):
        print("Nothing was deleted.")
        return EXIT_OK
    store.delete_round(info.id)  # by id: the round asked about, even if renamed meanwhile
    print(f"Deleted round '{info.name}' ({people}) and its training plans.")
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
    return ", ".join(stored) if stored else "the stored rounds"


def _check_command(args: argparse.Namespace) -> int:
    try:
        survey, _ = _from_files(args.file, args.framework)
    except (SurveyError, FrameworkError) as exc:
        if args.json:
            names = [path.name for path in args.file]
            where = {"file": names[0]} if len(names) == 1 else {"files": names}
            print(json.dumps({"usable": False, **where, "error": str(exc)}, ensure_ascii=False))
        raise
    _check(survey.framework, survey.result, args.json)
    if not survey.result.usable:
        print(f"{_subject(args)}: no answer could be used; the issues above say why.", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    if args.command == "check":
        return _check_command(args)
    if args.command == "rounds":
        return _rounds(args)
    survey = _survey(args)
    if not survey.result.usable:
        raise SurveyError("No answer could be used; run 'check' on the file to see why.")
    if args.command == "summary":
        _summary(survey, args)
    else:
        _report(survey, args)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    subject = _subject(args)
    try:
        return _run(args)
    except _UsageError as exc:
        getattr(args, "usage_of", parser).print_usage(sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
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
        print(f"{subject}: the survey is too large to analyse on this machine.", file=sys.stderr)
        return EXIT_UNUSABLE
    except ReportUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # the last guard: a plain line, never a traceback
        print(
            f"Something went wrong with {subject} ({type(exc).__name__}: {exc}).",
            file=sys.stderr,
        )
        print("Please report this with the file if you can share it.", file=sys.stderr)
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
