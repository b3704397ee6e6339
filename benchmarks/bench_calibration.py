"""Time the Calibration view on a large survey with self and manager ratings, against matching the pairs alone.

Data: ``make_wide_survey`` answered twice for the same people, once by themselves and once
by their managers (each manager answer moved by -1, 0 or +1 level; 2% of people two levels
lower, 1% two levels higher, so the lists of people worth a conversation are not empty),
read as one csv upload would be. Baseline: filtering the tidy ratings and matching self and
manager ratings (``apply_filters`` + ``gaps.calibration_pairs``), the least the view must do.
Printed per selection (everyone, one team, every team but the first): the view's best time
of ``--repeat`` runs and its ratio to the baseline. Target: every view under 1 s.

Run from the project root: ``python benchmarks/bench_calibration.py [--people 20000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analytics import columns as c  # noqa: E402
from analytics import gaps  # noqa: E402
from analytics.framework import default_framework  # noqa: E402
from analytics.ingest import read_survey  # noqa: E402
from analytics.views.calibration import calibration_view  # noqa: E402
from analytics.views.selection import Filters, apply_filters  # noqa: E402
from sample_data.make_sample import MANAGER_LABEL, RATER, RATING_QUESTION, make_wide_survey  # noqa: E402

LIMIT_S = 1.0


def survey_csv(n_people: int) -> bytes:
    framework = default_framework()
    own = make_wide_survey(n_people, framework)
    managers = own.copy()
    skills = [RATING_QUESTION.format(skill.name) for skill in framework.skills]
    rng = np.random.default_rng(3)
    ratings = managers[skills].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    shift = rng.integers(-1, 2, ratings.shape).astype(float)
    shift[rng.random(n_people) < 0.02] = -2.0
    shift[rng.random(n_people) < 0.01] = 2.0
    moved = np.clip(ratings + shift, framework.scale.min, framework.scale.max)
    managers[skills] = pd.DataFrame(moved, columns=skills).astype(object).where(~np.isnan(moved), "N/A")
    managers[RATER] = MANAGER_LABEL
    return pd.concat([own, managers], ignore_index=True).to_csv(index=False).encode()


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs per figure")
    args = parser.parse_args()
    framework = default_framework()
    ratings = read_survey(survey_csv(args.people), framework, "bench.csv").ratings
    raters = ratings.groupby(c.RATER, observed=True).size()
    print(
        f"{args.people:,} people: {raters.get(c.SELF, 0):,} self and {raters.get(c.MANAGER, 0):,} manager ratings"
    )
    latest = str(ratings[c.ROUND].iloc[0])
    teams = sorted(str(t) for t in ratings[c.TEAM].dropna().unique())
    selections = {
        "everyone": Filters(round=latest),
        "one team": Filters(round=latest, teams=(teams[0],)),
        "all but one team": Filters(round=latest, teams=tuple(teams[1:])),
    }
    print(f"{'selection':<18}{'baseline':>10}{'view':>9}{'ratio':>8}  verdict")
    failed = False
    for name, chosen in selections.items():
        base = best(lambda chosen=chosen: gaps.calibration_pairs(apply_filters(ratings, chosen)), args.repeat)
        view = best(lambda chosen=chosen: calibration_view(ratings, framework, chosen), args.repeat)
        ok = view <= LIMIT_S
        failed |= not ok
        print(f"{name:<18}{base:>9.3f}s{view:>8.3f}s{view / base:>8.1f}  {'ok' if ok else 'MISSED'}")
    print(f"target: every view <= {LIMIT_S:.0f} s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
