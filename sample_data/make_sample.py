"""Demo survey data: a fixed seed in, form-export DataFrames and .xlsx files out.

``make_sample_frames`` builds two survey rounds for a fictional marketing department
(47 people, 4 teams, all 5 roles of the default framework), shaped like a Google Forms
response export, with the patterns a real team shows: strategy and planning weakest,
customer care strongest in its own area, most people improving between rounds, a few
people rating themselves well above their manager. ``make_wide_survey`` builds a large
single-round survey for benchmarks. Run this file to rewrite the two workbooks next to
it: the demo survey and a blank template for the default framework.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

if __package__ in (None, ""):
    # Run as ``python sample_data/make_sample.py``: make the project's packages importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.framework import Framework, default_framework
from analytics.survey_template import build_template, rating_choice
from analytics.text import normalise_label

HERE = Path(__file__).resolve().parent
SURVEY_PATH = HERE / "digital_marketing_survey.xlsx"
TEMPLATE_PATH = HERE / "template.xlsx"

TIMESTAMP = "Timestamp"
EMAIL = "Email address"
NAME = "Name"
TEAM = "Team"
ROLE = "Role"
RATER = "Who is filling in this form?"
SELF_LABEL = "Myself (self-assessment)"
MANAGER_LABEL = "Line manager"
RATING_QUESTION = "Rate your skills [{}]"
NOT_APPLICABLE = "N/A"
EMAIL_DOMAIN = "example.com"

Q1, Q3 = "2026-Q1", "2026-Q3"
ROUNDS = (Q1, Q3)
# When each round's form was open: (self answers from, to), (manager answers from, to).
ROUND_WINDOWS = {
    Q1: (("2026-02-02", "2026-02-20"), ("2026-02-16", "2026-03-06")),
    Q3: (("2026-08-03", "2026-08-21"), ("2026-08-17", "2026-09-04")),
}
WORKDAY_START_HOUR, WORKDAY_HOURS = 8, 10

TEAMS = ("Growth", "Content & Social", "Community", "Customer Care")

# (name, team, role as the person typed it). Roles are mostly the framework's names,
# some are aliases in English or Indonesian, one is typed in lower case.
PEOPLE = (
    ("Rina Kartika", "Growth", "Head of Digital Marketing"),
    ("James Whitfield", "Growth", "Digital Marketing Manager"),
    ("Budi Santoso", "Growth", "Digital Marketing Specialist"),
    ("Dewi Lestari", "Growth", "Spesialis Pemasaran Digital"),
    ("Emma Clarke", "Growth", "Digital Marketing Specialist"),
    ("Agus Prasetyo", "Growth", "Digital Marketing Specialist"),
    ("Oliver Bennett", "Growth", "Digital Marketing Executive"),
    ("Putri Maharani", "Growth", "Digital Marketing Specialist"),
    ("Hendra Wijaya", "Growth", "Spesialis Pemasaran Digital"),
    ("Sophie Harlow", "Growth", "Digital Marketing Specialist"),
    ("Fajar Nugroho", "Growth", "Digital Marketing Specialist"),
    ("Nadia Putri", "Growth", "Digital Marketing Specialist"),
    ("Siti Rahmawati", "Content & Social", "Social Media Manager"),
    ("Daniel Hughes", "Content & Social", "Digital Marketing Manager"),
    ("Ayu Wulandari", "Content & Social", "Manajer Media Sosial"),
    ("Grace Mitchell", "Content & Social", "Social Media Manager"),
    ("Rizky Ramadhan", "Content & Social", "Social Media Specialist"),
    ("Maya Anggraini", "Content & Social", "social media manager"),
    ("Thomas Reid", "Content & Social", "Social Media Manager"),
    ("Indah Permata", "Content & Social", "Digital Marketing Specialist"),
    ("Yoga Pratama", "Content & Social", "Digital Marketing Specialist"),
    ("Chloe Adams", "Content & Social", "Digital Marketing Specialist"),
    ("Eko Saputra", "Content & Social", "Digital Marketing Specialist"),
    ("Lina Marlina", "Content & Social", "Staf Pemasaran Digital"),
    ("Sari Handayani", "Community", "Community Manager"),
    ("Lucy Morgan", "Community", "Community Manager"),
    ("Dimas Kurniawan", "Community", "Manajer Komunitas"),
    ("Wulan Sari", "Community", "Community Manager"),
    ("Ryan Foster", "Community", "Community Lead"),
    ("Tika Amelia", "Community", "Community Manager"),
    ("Bayu Setiawan", "Community", "Community Manager"),
    ("Hannah Brooks", "Community", "Community Manager"),
    ("Intan Cahyani", "Community", "Social Media Manager"),
    ("Adi Firmansyah", "Community", "Social Media Manager"),
    ("Fitri Yuliana", "Customer Care", "Social Customer Care"),
    ("Joko Susilo", "Customer Care", "Customer Service Agent"),
    ("Mega Puspita", "Customer Care", "Agen Layanan Pelanggan"),
    ("Amelia Ward", "Customer Care", "Social Customer Care"),
    ("Rudi Hartono", "Customer Care", "Social Customer Care"),
    ("Nur Aisyah", "Customer Care", "Social Customer Care"),
    ("George Palmer", "Customer Care", "Social Customer Care"),
    ("Dian Safitri", "Customer Care", "Customer Care Agent"),
    ("Arif Hidayat", "Customer Care", "Social Customer Care"),
    ("Ratna Sari", "Customer Care", "Social Customer Care"),
    ("Kevin Lim", "Customer Care", "Social Customer Care"),
    ("Yuni Astuti", "Customer Care", "Community Manager"),
    ("Bella Kusuma", "Customer Care", "Social Customer Care"),
)
JOINED_IN_Q3 = frozenset({"Nadia Putri", "Lina Marlina", "Bella Kusuma"})
LEFT_AFTER_Q1 = frozenset({"Eko Saputra"})
# People who rate themselves about a level and a half above what their manager sees.
OVER_RATERS = frozenset({"Oliver Bennett", "Rizky Ramadhan", "Ryan Foster"})

# How far below role targets each area sits on average: strategy and planning are where
# digital marketers struggle most, customer service is the most practised.
AREA_SHIFT = {
    "strategy": -1.1,
    "planning": -0.9,
    "analytics": -0.45,
    "community": -0.35,
    "customer_service": -0.3,
}
CARE_TEAM = "Customer Care"
CARE_AREA = "customer_service"
CARE_TEAM_BONUS = 0.4
PERSON_SPREAD = 0.35
SKILL_SPREAD = 0.55
ROUND_NOISE = 0.3
RATER_NOISE = 0.3
IMPROVER_SHARE = 0.85
IMPROVEMENT_MEAN, IMPROVEMENT_SPREAD = 0.4, 0.15
OVER_RATER_BIAS = 1.6
SELF_BIAS_SPREAD = 0.1
MANAGER_SHARE = 0.8
# N/A is likelier on skills far from the person's job, i.e. with a low role target.
NA_CHANCE_BY_TARGET = {1: 0.08, 2: 0.03}
NA_CHANCE_OTHERWISE = 0.004

WIDE_NA_SHARE = 0.02
WIDE_SKILL_SPREAD = 0.8
WIDE_WINDOW = ("2026-08-03", "2026-08-21")


def make_sample_frames(seed: int = 2026) -> dict[str, pd.DataFrame]:
    """The demo survey, one form-export DataFrame per round (``2026-Q1``, ``2026-Q3``).

    Each person has a latent level per skill (role target, shifted by area, person and
    skill); Q3 adds a per-person improvement. Self and manager answers are noisy readings
    of that level, so the two rounds and the two raters tell one consistent story.
    """
    framework = default_framework()
    rng = np.random.default_rng(seed)
    skills = framework.skills
    names = np.array([p[0] for p in PEOPLE])
    teams = np.array([p[1] for p in PEOPLE])
    roles = np.array([p[2] for p in PEOPLE])
    n_people, n_skills = len(PEOPLE), len(skills)

    targets = _target_matrix(framework, [_role_id(framework, r) for r in roles])
    area_of_skill = np.array([s.area_id for s in skills])
    shift = np.array([AREA_SHIFT[a] for a in area_of_skill])
    care_bonus = np.outer(teams == CARE_TEAM, area_of_skill == CARE_AREA) * CARE_TEAM_BONUS
    over = np.isin(names, list(OVER_RATERS))
    person = rng.normal(0, PERSON_SPREAD, n_people)

    level_q1 = (
        targets + shift + care_bonus + person[:, None] + rng.normal(0, SKILL_SPREAD, (n_people, n_skills))
    )
    improver = rng.random(n_people) < IMPROVER_SHARE
    gain = np.where(improver, rng.normal(IMPROVEMENT_MEAN, IMPROVEMENT_SPREAD, n_people), 0.0)
    level_q3 = level_q1 + gain[:, None] + rng.normal(0, ROUND_NOISE, (n_people, n_skills))
    self_bias = np.where(over, OVER_RATER_BIAS, rng.normal(0, SELF_BIAS_SPREAD, n_people))
    na_chance = np.vectorize(lambda t: NA_CHANCE_BY_TARGET.get(t, NA_CHANCE_OTHERWISE))(targets)

    scale = framework.scale
    labels = {lv.value: rating_choice(lv.value, lv.name) for lv in scale.levels}
    questions = [RATING_QUESTION.format(s.name) for s in skills]
    present = {
        Q1: ~np.isin(names, list(JOINED_IN_Q3)),
        Q3: ~np.isin(names, list(LEFT_AFTER_Q1)),
    }
    frames = {}
    for round_label, level in ((Q1, level_q1), (Q3, level_q3)):
        here = np.flatnonzero(present[round_label])
        # Managers answer for most people; the over-raters are always among them so the
        # calibration page has its story in every round.
        others = here[~over[here]]
        n_rated = round(MANAGER_SHARE * len(here)) - int(over[here].sum())
        rated = np.sort(np.concatenate([here[over[here]], rng.choice(others, size=n_rated, replace=False)]))
        self_window, manager_window = ROUND_WINDOWS[round_label]
        parts = []
        for who, rater, window, bias in (
            (here, SELF_LABEL, self_window, self_bias[here]),
            (rated, MANAGER_LABEL, manager_window, np.zeros(len(rated))),
        ):
            noisy = level[who] + bias[:, None] + rng.normal(0, RATER_NOISE, (len(who), n_skills))
            ratings = np.clip(np.rint(noisy), scale.min, scale.max).astype(int)
            answers = np.vectorize(labels.__getitem__, otypes=[object])(ratings)
            answers[rng.random(answers.shape) < na_chance[who]] = NOT_APPLICABLE
            person_part = pd.DataFrame(
                {
                    TIMESTAMP: _timestamps(rng, len(who), *window),
                    EMAIL: [_email(n) for n in names[who]],
                    NAME: names[who],
                    TEAM: teams[who],
                    ROLE: roles[who],
                    RATER: rater,
                }
            )
            parts.append(pd.concat([person_part, pd.DataFrame(answers, columns=questions)], axis=1))
        frame = pd.concat(parts, ignore_index=True)
        frames[round_label] = frame.sort_values(TIMESTAMP, kind="stable", ignore_index=True)
    return frames


def make_wide_survey(n_people: int, framework: Framework, seed: int = 7) -> pd.DataFrame:
    """A large single-round self-assessment in the form-export shape, for benchmarks.

    Ratings are plain numbers on the framework's scale (a few ``N/A`` strings mixed in),
    spread around each person's role targets. Everything is drawn in whole arrays, so
    20,000 people take a small fraction of a second.
    """
    rng = np.random.default_rng(seed)
    skills = framework.skills
    role_index = rng.integers(0, len(framework.roles), n_people)
    targets = _target_matrix(framework, [r.id for r in framework.roles])[role_index]
    noisy = targets + rng.normal(0, WIDE_SKILL_SPREAD, targets.shape)
    ratings = np.clip(np.rint(noisy), framework.scale.min, framework.scale.max).astype(int)
    answers = ratings.astype(object)
    answers[rng.random(answers.shape) < WIDE_NA_SHARE] = NOT_APPLICABLE

    first_names = np.array([p[0].split()[0] for p in PEOPLE])
    last_names = np.array([p[0].split()[-1] for p in PEOPLE])
    first = pd.Series(first_names[rng.integers(0, len(first_names), n_people)])
    last = pd.Series(last_names[rng.integers(0, len(last_names), n_people)])
    number = pd.Series(np.arange(1, n_people + 1)).astype(str)
    people = pd.DataFrame(
        {
            TIMESTAMP: _timestamps(rng, n_people, *WIDE_WINDOW),
            # The number keeps e-mails unique although names repeat, as in a big company.
            EMAIL: (first + "." + last + number).str.lower() + "@" + EMAIL_DOMAIN,
            NAME: first + " " + last,
            TEAM: np.array(TEAMS)[rng.integers(0, len(TEAMS), n_people)],
            ROLE: np.array([r.name for r in framework.roles])[role_index],
            RATER: SELF_LABEL,
        }
    )
    questions = [RATING_QUESTION.format(s.name) for s in skills]
    return pd.concat([people, pd.DataFrame(answers, columns=questions)], axis=1)


def _role_id(framework: Framework, written: str) -> str:
    """The framework role a written role title names, by its name or one of its aliases."""
    lookup = {
        normalise_label(label): role.id for role in framework.roles for label in (role.name, *role.aliases)
    }
    return lookup[normalise_label(written)]


def _target_matrix(framework: Framework, role_ids: list[str]) -> np.ndarray:
    """Targets as a (len(role_ids), skills) array in framework skill order."""
    table = framework.targets_frame().pivot(index="role_id", columns="skill_id", values="target")
    table = table.loc[role_ids, [s.id for s in framework.skills]]
    return table.to_numpy(dtype=float)


def _timestamps(rng: np.random.Generator, n: int, start: str, end: str) -> pd.Series:
    """Whole-second submission times on working days and hours between two dates."""
    days = pd.bdate_range(start, end)
    day = days[rng.integers(0, len(days), n)]
    seconds = rng.integers(0, WORKDAY_HOURS * 3600, n) + WORKDAY_START_HOUR * 3600
    return pd.Series(day + pd.to_timedelta(seconds, unit="s")).astype("datetime64[us]")


def _email(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@{EMAIL_DOMAIN}"


def _write_sample(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """Write the rounds as sheets of one workbook, as a team would keep them."""
    with pd.ExcelWriter(path, engine="openpyxl", datetime_format="yyyy-mm-dd hh:mm:ss") as xl:
        for sheet, frame in frames.items():
            frame.to_excel(xl, sheet_name=sheet, index=False, freeze_panes=(1, 3))
            columns = xl.sheets[sheet].column_dimensions
            for letter, width in zip("ABCDEF", (20, 32, 20, 18, 30, 26), strict=True):
                columns[letter].width = width


def main() -> None:
    """Rewrite the demo survey and the blank template next to this file."""
    _write_sample(make_sample_frames(), SURVEY_PATH)
    TEMPLATE_PATH.write_bytes(build_template(default_framework()))
    print(f"Wrote {SURVEY_PATH.name} and {TEMPLATE_PATH.name} in {HERE}")


if __name__ == "__main__":
    main()
