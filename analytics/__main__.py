"""Command line: ``python -m analytics check|summary|report FILE``, for L&D planners' scripts.

It prints and writes the same view objects the dashboard shows (:mod:`analytics.views`):
``summary`` a named table of group figures, ``report`` the dashboard's report of one round.
Exit codes: 0 the file is usable (warnings allowed), 1 it is not (or the framework is
not), 2 the command was used wrongly. Errors are one or two plain lines on stderr, never a
traceback; ``check --json`` prints even a refused file's error as one JSON object.
The report writers are imported only by ``report``, so ``check`` and ``summary`` start fast.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analytics import columns as c
from analytics import gaps
from analytics.files import MAX_FILE_BYTES, SurveyError
from analytics.framework import Framework, FrameworkError, default_framework, load_framework
from analytics.ingest import IngestResult, read_survey
from analytics.matching import matcher_for
from analytics.privacy import DEFAULT_MIN_GROUP_SIZE
from analytics.reports import ReportUnavailable
from analytics.rounds import latest_round, ordered_rounds
from analytics.views.fields import TEXT, Table
from analytics.views.formats import counted, format_column
from analytics.views.priorities import DEFAULT_PLAN_SKILLS, PlanChoices
from analytics.views.selection import Filters, apply_filters, described
from analytics.views.summary import GROUP_KEYS, summary_table

EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analytics", description="Team skills-gap analytics.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help="validate a survey file and show the column mapping")
    summary = commands.add_parser("summary", help="gap figures per group")
    report = commands.add_parser("report", help="write a gap report: .xlsx, .pdf, .html or .csv")
    for sub in (check, summary, report):
        sub.add_argument("file", type=Path, help="survey file: .xlsx, .xlsm or .csv")
        sub.add_argument("--framework", type=Path, help="competency framework YAML (default: built in)")
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
        default=DEFAULT_PLAN_SKILLS,
        help=f"how many top priorities the training plan covers (default {DEFAULT_PLAN_SKILLS})",
    )
    report.add_argument(
        "--anonymise", action="store_true", help="pseudonyms instead of names; small groups hidden"
    )
    report.add_argument(
        "--min-group",
        type=int,
        default=DEFAULT_MIN_GROUP_SIZE,
        help=f"with --anonymise: hide figures over fewer people (default {DEFAULT_MIN_GROUP_SIZE})",
    )
    return parser


def _load(args: argparse.Namespace) -> tuple[Framework, IngestResult]:
    framework = load_framework(args.framework) if args.framework else default_framework()
    try:
        size = args.file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SurveyError(
                f"The file is {size / 1_048_576:.0f} MB; the limit is {MAX_FILE_BYTES // 1_048_576} MB. "
                "Split it by team or survey round."
            )
        data = args.file.read_bytes()
    except OSError as exc:
        raise SurveyError(f"Cannot open {args.file}: {exc.strerror or exc}.") from None
    return framework, read_survey(data, framework, args.file.name)


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
    args: argparse.Namespace, framework: Framework, pairs: pd.DataFrame, all_rounds: bool = False
) -> Filters:
    """The --round, --team and --role of the command, checked against what the survey holds.

    Without --round the latest round is taken (and said on stderr), as the dashboard does,
    unless ``all_rounds`` (a summary by round). A name the survey does not hold lists the
    ones it does.
    """
    rounds = ordered_rounds(pairs[c.ROUND].dropna().unique())
    if args.round and args.round not in rounds:
        raise _UsageError(f"round '{args.round}' is not in the file; it has: {', '.join(rounds) or 'none'}")
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
    matcher = matcher_for(framework)
    roles = []
    for text in args.role:
        role_id = matcher.role_for(text)
        if role_id is None:
            known = ", ".join(r.name for r in framework.roles)
            raise _UsageError(f"unknown role '{text}'; the framework's roles are: {known}")
        roles.append(role_id)
    return Filters(round=chosen, teams=tuple(args.team), roles=tuple(roles))


def _pairs_of(result: IngestResult, framework: Framework, source: str) -> pd.DataFrame:
    """The gap pairs of a rating source; a source the survey has no ratings of is said plainly."""
    pairs = gaps.compute_gaps(result.ratings, framework, source).pairs
    if pairs.empty:
        rated = result.ratings[result.ratings[c.RATING].notna().to_numpy(dtype=bool)]
        raters = [r for r in (c.SELF, c.MANAGER) if (rated[c.RATER] == r).any()]
        if source in (c.SELF, c.MANAGER) and source not in raters:
            other = " or ".join(f"--rater {r}" for r in (*raters, gaps.COMBINED) if r != source)
            raise SurveyError(f"The file has no {source} ratings; use {other}.")
        raise SurveyError("No rating could be measured against a target; run 'check' on the file to see why.")
    return pairs


def _summary(framework: Framework, result: IngestResult, args: argparse.Namespace) -> None:
    keys = [k.strip() for k in args.by.split(",") if k.strip()]
    unknown = [k for k in keys if k not in GROUP_KEYS]
    if unknown:
        raise _UsageError(f"unknown --by key(s): {', '.join(unknown)}; use any of {', '.join(GROUP_KEYS)}")
    source = gaps.ALL if "rater" in keys else args.rater
    pairs = _pairs_of(result, framework, source)
    chosen = apply_filters(pairs, _filters(args, framework, pairs, all_rounds="round" in keys))
    if chosen.empty:
        raise SurveyError("No rated skills match the filters (--team, --role, --round).")
    table = summary_table(chosen, framework, keys)
    if args.json:
        records = [_plain(r) for r in table.frame.astype(object).to_dict(orient="records")]
        print(json.dumps(records, ensure_ascii=False, indent=2, default=str))
        return
    print(_text_table(table))


def _text_table(table: Table) -> str:
    """A view's table as aligned plain text: names to the left, numbers to the right."""
    columns = []
    for name in table.columns:
        kind = table.kind(name)
        cells = [table.heading(name), *format_column(table.frame[name], kind)]
        width = max(len(cell) for cell in cells)
        columns.append([cell.ljust(width) if kind == TEXT else cell.rjust(width) for cell in cells])
    return "\n".join("  ".join(row).rstrip() for row in zip(*columns, strict=True))


def _report(framework: Framework, result: IngestResult, args: argparse.Namespace) -> None:
    from analytics.reports import report_format, write_report
    from analytics.views.report import report_view

    try:
        fmt = report_format(args.out.name)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    if args.min_group < 1:
        raise _UsageError("--min-group must be at least 1")
    if args.top < 1:
        raise _UsageError("--top must be at least 1")
    pairs = _pairs_of(result, framework, args.rater)
    filters = _filters(args, framework, pairs)
    chosen = apply_filters(pairs, filters)
    if chosen.empty:
        raise SurveyError("No rated skills match the filters (--team, --role, --round); nothing to report.")
    view = report_view(
        framework,
        gaps.GapResult(chosen, args.rater),
        result,
        described(filters, framework),
        PlanChoices(top=args.top),
        anonymise=args.anonymise,
        min_group_size=args.min_group,
        # An anonymised report does not name the file: its name may be a person's or a team's.
        title="Skills-gap report" if args.anonymise else f"Skills-gap report: {args.file.name}",
    )
    people, rated = int(chosen[c.RESPONDENT_ID].nunique()), len(chosen)
    round_label = str(chosen[c.ROUND].iloc[0])
    # Written beside the target, then moved over it: a failure leaves any earlier report whole.
    partial = args.out.with_name(args.out.name + ".part")
    try:
        with partial.open("wb") as stream:
            write_report(fmt, view, stream)
        partial.replace(args.out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SurveyError(f"Cannot write {args.out}: {exc.strerror or exc}.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    counts = f"{counted(people, 'person', 'people')}, {counted(rated, 'rated skill')}"
    print(f"Wrote {args.out} ({fmt}: {counts}, round {round_label}).")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    as_json = args.command == "check" and args.json
    try:
        try:
            framework, result = _load(args)
        except (SurveyError, FrameworkError) as exc:
            if as_json:
                print(
                    json.dumps(
                        {"usable": False, "file": args.file.name, "error": str(exc)}, ensure_ascii=False
                    )
                )
            raise
        if args.command == "check":
            _check(framework, result, args.json)
            if not result.usable:
                print(
                    f"{args.file.name}: no answer could be used; the issues above say why.", file=sys.stderr
                )
                return EXIT_UNUSABLE
        else:
            if not result.usable:
                raise SurveyError("No answer could be used; run 'check' on the file to see why.")
            if args.command == "summary":
                _summary(framework, result, args)
            else:
                _report(framework, result, args)
    except _UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FrameworkError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except SurveyError as exc:
        print(f"{args.file.name}: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # the output was piped into head or similar, which stopped reading
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python quiet while it exits
        return EXIT_OK
    except MemoryError:
        print(f"{args.file.name}: the file is too large to analyse on this machine.", file=sys.stderr)
        return EXIT_UNUSABLE
    except ReportUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # the last guard: a plain line, never a traceback
        print(
            f"Something went wrong while reading {args.file.name} ({type(exc).__name__}: {exc}).",
            file=sys.stderr,
        )
        print("Please report this with the file if you can share it.", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
