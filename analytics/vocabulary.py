"""Words that identify survey columns and answers, in English and Indonesian.

Forms tools name their columns differently (Google Forms "Timestamp" or "Cap waktu",
Microsoft Forms "Start time" and "ID") and people write roles and raters in their own
words; the survey reader recognises all of them through the phrases kept here.
Phrases are written already normalised (see :func:`analytics.text.normalise_label`).
"""

from __future__ import annotations

from typing import Final

from analytics import columns as c
from analytics.i18n import N_

TIMESTAMP: Final = "timestamp"
IGNORED: Final = "ignored"
SKILL: Final = "skill"
UNMATCHED: Final = "unmatched"

# Column kinds with the phrases that name them. Order matters: the first kind whose
# phrase a header contains wins, so the more specific kinds come first ("Employee ID"
# is an id, not a name; "Team name" is a team).
IDENTITY_PHRASES: Final[dict[str, tuple[str, ...]]] = {
    IGNORED: (
        "id",
        "start time",
        "waktu mulai",
        "last modified time",
        "total points",
        "quiz feedback",
        "comments",
        "komentar",
        "catatan",
        "notes",
    ),
    c.EMAIL: ("email address", "alamat email", "e mail", "email", "surel", "alamat surel"),
    c.RATER: (
        "who is filling in this form",
        "who is completing this form",
        "siapa yang mengisi",
        "diisi oleh",
        "filled in by",
        "rated by",
        "rater",
        "penilai",
        "assessment type",
        "jenis penilaian",
    ),
    c.ROUND: ("survey round", "round", "putaran", "periode survei", "periode", "period", "wave", "gelombang"),
    TIMESTAMP: (
        "timestamp",
        "cap waktu",
        "completion time",
        "waktu penyelesaian",
        "waktu selesai",
        "submitted at",
        "submission date",
        "waktu pengisian",
        "tanggal pengisian",
        "date",
        "tanggal",
    ),
    c.TEAM: ("team", "tim", "divisi", "division", "department", "departemen", "unit", "bagian", "squad"),
    c.ROLE: ("job title", "role", "jabatan", "posisi", "position", "peran", "job", "pekerjaan"),
    c.NAME: ("full name", "nama lengkap", "name", "nama", "respondent", "responden", "employee", "karyawan"),
}

# Long sheets (one row per rating) name the skill and the rating in a column each.
LONG_SKILL_PHRASES: Final = ("skill", "competency", "kompetensi", "keterampilan", "keahlian", "kemampuan")
LONG_RATING_PHRASES: Final = ("rating", "score", "skor", "nilai", "level", "tingkat", "self rating")

# Words in a header, a sheet name or a rater answer that say who gave the rating.
RATER_WORDS: Final[dict[str, tuple[str, ...]]] = {
    c.MANAGER: (
        "line manager",
        "manager",
        "atasan",
        "supervisor",
        "team lead",
        "team leader",
        "lead",
        "head",
        "manajer",
        "pimpinan",
    ),
    c.PEER: ("peer", "rekan kerja", "rekan", "colleague", "kolega"),
    c.SELF: ("self assessment", "self", "myself", "diri sendiri", "sendiri", "saya sendiri", "mandiri"),
}

# The blank survey template's guide sheets (see analytics/survey_template.py) start with these,
# in the language it was built in: the reader leaves such a sheet out of a filled-in template.
GUIDE_TITLE: Final = N_("How to fill in this skills survey")
SKILLS_SHEET_HEADERS: Final = (N_("Area"), N_("Skill"), N_("Description"))
