"""Words of a survey question folded to what they mean: stems in English and Indonesian, filler out.

Managers word questions their own way ("How confident are you in planning a monthly content
calendar?", "Seberapa mahir Anda mengelola iklan berbayar?"). Before a question is compared
with the framework, both sides are cut to their content words, and each word to the forms it
may stand for: an English stem (Snowball's Porter2 through PyStemmer, so "analysing" ~
"analysis"), and the
Indonesian roots its affixes allow, with the sound changes of the prefixes undone
("mengelola", "pengelolaan" and "kelola" all reach "kelola"). Two words mean the same when
their forms meet. Pure functions on short texts, memoised: a survey has few distinct headers.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import Stemmer

from analytics.text import normalise_label

_ENGLISH = Stemmer.Stemmer("english")


@functools.lru_cache(maxsize=65_536)
def english_stem(word: str) -> str:
    """The Porter2 stem of a folded word: "analysing" -> "analys"."""
    return _ENGLISH.stemWord(word)


_SLASHED_LETTERS = re.compile(r"\b([A-Za-z])\s*[/&]\s*([A-Za-z])\b")
_HINT = re.compile(r"\([^)]*\d[^)]*\)|\[[^\]]*\d[^\]]*\]")
_NUMBERING = re.compile(r"^\s*(?:q(?:uestion)?\s*|no\.?\s*|pertanyaan\s*)?\d+[a-z]?\s*[.):\-]\s*", re.I)
_SHORTEST_ROOT: Final = 3

# Words that carry no skill: question frames, scale words, pronouns, "skill" itself. Written folded.
FILLER: Final = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "am",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "done",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "us",
        "they",
        "their",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "how",
        "what",
        "who",
        "whom",
        "would",
        "could",
        "should",
        "can",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "please",
        "kindly",
        "rate",
        "rating",
        "rated",
        "score",
        "scoring",
        "grade",
        "level",
        "levels",
        "skill",
        "skills",
        "skillset",
        "ability",
        "abilities",
        "able",
        "competency",
        "competencies",
        "competence",
        "proficiency",
        "proficient",
        "confident",
        "confidence",
        "comfortable",
        "good",
        "well",
        "experienced",
        "expertise",
        "knowledge",
        "knowledgeable",
        "familiar",
        "familiarity",
        "understanding",
        "understand",
        "current",
        "currently",
        "self",
        "own",
        "overall",
        "general",
        "generally",
        "about",
        "regarding",
        "using",
        "use",
        "used",
        "very",
        "much",
        "really",
        "quite",
        "so",
        "such",
        "rank",
        "assess",
        "assessment",
        "yes",
        "no",
        "not",
        "e",
        "g",
        "etc",
        "other",
        "others",
        "following",
        "each",
        "per",
        "all",
        "any",
        "some",
        "also",
        "only",
        "just",
        "saya",
        "aku",
        "anda",
        "kamu",
        "kami",
        "kita",
        "dia",
        "ia",
        "mereka",
        "dalam",
        "di",
        "ke",
        "dari",
        "pada",
        "untuk",
        "bagi",
        "dan",
        "atau",
        "serta",
        "yang",
        "dengan",
        "ini",
        "itu",
        "tersebut",
        "adalah",
        "ialah",
        "merupakan",
        "seberapa",
        "bagaimana",
        "apakah",
        "sejauh",
        "mana",
        "mahir",
        "baik",
        "bisa",
        "dapat",
        "mampu",
        "sanggup",
        "paham",
        "memahami",
        "pemahaman",
        "kemampuan",
        "keterampilan",
        "ketrampilan",
        "keahlian",
        "kompetensi",
        "tingkat",
        "tingkatan",
        "nilai",
        "nilailah",
        "berikan",
        "beri",
        "menilai",
        "penilaian",
        "diri",
        "sendiri",
        "rasa",
        "merasa",
        "percaya",
        "cukup",
        "sangat",
        "lebih",
        "secara",
        "para",
        "tolong",
        "silakan",
        "silahkan",
        "mohon",
        "pilih",
        "skala",
        "kuasai",
        "menguasai",
        "penguasaan",
        "melakukan",
        "lakukan",
        "membuat",
        "buat",
        "menggunakan",
        "gunakan",
        "penggunaan",
        "hal",
        "terkait",
        "tentang",
        "mengenai",
        "soal",
        "terhadap",
        "sebagai",
        "juga",
        "saat",
        "sudah",
        "telah",
        "akan",
        "harus",
        "perlu",
        "punya",
        "memiliki",
        "anda",
        "anda",
    ]
)

# Words that say a column asks for something other than a rating of a skill: how many years,
# which office, any comments, what training next. A question that holds one is not taken for a
# skill on likeness alone (an exact skill name still is).
NOT_A_RATING: Final = frozenset(
    [
        "year",
        "years",
        "yrs",
        "tenure",
        "age",
        "salary",
        "office",
        "location",
        "city",
        "branch",
        "address",
        "feedback",
        "suggestion",
        "suggestions",
        "notes",
        "remarks",
        "training",
        "trainings",
        "course",
        "courses",
        "certification",
        "certifications",
        "certificate",
        "certificates",
        "prefer",
        "preferred",
        "preference",
        "availability",
        "available",
        "employee",
        "many",
        "idr",
        "usd",
        "gbp",
        "sgd",
        "eur",
        "rp",
        "rupiah",
        "tahun",
        "tahunnya",
        "usia",
        "umur",
        "gaji",
        "kantor",
        "lokasi",
        "kota",
        "cabang",
        "alamat",
        "masukan",
        "saran",
        "catatan",
        "pelatihan",
        "kursus",
        "sertifikat",
        "sertifikasi",
        "preferensi",
        "tersedia",
        "ketersediaan",
        "karyawan",
        "nomor",
        "nik",
        "nip",
        "berapa",
    ]
)

# Words that often, not always, mean the same ("Which channels are you responsible for?" but
# "Handling complaints"): a question holding one needs a clearer match to count.
MAYBE_NOT_A_RATING: Final = frozenset(
    [
        "platform",
        "platforms",
        "saat",
        "currently",
        "main",
        "utama",
        "responsible",
        "own",
        "owned",
        "annual",
        "monthly",
        "dipegang",
        "pegang",
    ]
)
# Words that mean the same in a short header only: "Any comments?", "Komentar tambahan".
SHORT_NOT_A_RATING: Final = frozenset(["comment", "comments", "komentar", "komen"])
_SHORT_HEADER: Final = 4

# Indonesian affixes: particles and possessives, then suffixes, then prefixes with the
# consonant each nasal prefix swallowed ("meng" + "kelola" -> "mengelola").
_PARTICLES: Final = ("lah", "kah", "tah", "pun", "nya", "ku", "mu")
_SUFFIXES: Final = ("kan", "an", "i")
_VOWELS: Final = "aeiou"


def folded_words(text: object) -> list[str]:
    """``text`` folded to words, question numbers, scale hints and "A/B" joins handled first."""
    raw = "" if text is None else str(text)
    raw = _NUMBERING.sub("", raw)
    raw = _HINT.sub(" ", raw)
    raw = _SLASHED_LETTERS.sub(r"\1\2", raw)
    return [w for w in normalise_label(raw).split() if not w.isdigit()]


@functools.lru_cache(maxsize=65_536)
def forms(word: str) -> frozenset[str]:
    """The stems a folded word may stand for: itself, its English stem and its Indonesian roots."""
    found = {word, english_stem(word)}
    found |= _indonesian_roots(word)
    return frozenset(f for f in found if len(f) >= _SHORTEST_ROOT or f == word)


def _indonesian_roots(word: str) -> set[str]:
    """Roots the Indonesian affixes of ``word`` allow; over-generating is safe, as forms only meet."""
    bases = {word}
    for particle in _PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 4:
            bases.add(word[: -len(particle)])
    for base in list(bases):
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 4:
                bases.add(base[: -len(suffix)])
    roots = set(bases)
    for base in bases:
        for root in _unprefixed(base):
            roots.add(root)
            roots |= _unprefixed(root)  # two prefixes: "memper-", "diper-", "keber-"
    return {r for r in roots if len(r) >= _SHORTEST_ROOT}


def _unprefixed(word: str) -> set[str]:
    out: set[str] = set()
    for nasal in ("meng", "peng"):
        if word.startswith(nasal) and len(word) > len(nasal) + 2:
            rest = word[len(nasal) :]
            out.add(rest)
            if rest[0] in _VOWELS:
                out.add("k" + rest)
    for nasal in ("meny", "peny"):
        if word.startswith(nasal) and len(word) > len(nasal) + 2 and word[len(nasal)] in _VOWELS:
            out.add("s" + word[len(nasal) :])
    for nasal, swallowed in (("mem", "p"), ("pem", "p"), ("men", "t"), ("pen", "t")):
        if word.startswith(nasal) and len(word) > len(nasal) + 2:
            rest = word[len(nasal) :]
            out.add(rest)
            if rest[0] in _VOWELS:
                out.add(swallowed + rest)
    for prefix in ("me", "pe"):
        if word.startswith(prefix) and len(word) > 4 and word[2] in "lrwy":
            out.add(word[2:])
    for prefix in ("ber", "per", "ter", "be", "te", "di", "ke", "se"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            out.add(word[len(prefix) :])
    return out


def content_words(text: object, filler: frozenset[str] = FILLER) -> list[str]:
    """The words of ``text`` that can name a skill, in order, each once."""
    kept: dict[str, None] = {}
    for word in folded_words(text):
        if word not in filler and not (forms(word) & filler):
            kept[word] = None
    return list(kept)


def asks_for_something_else(text: object) -> int:
    """How strongly a question's words ask for years, a place, comments or a wish rather than a
    rating: 2 for surely (one sure word, or two that perhaps do), 1 for perhaps, 0 for not at all."""
    words = folded_words(text)
    found = set(words)
    if found & NOT_A_RATING:
        return 2
    short = len(words) <= _SHORT_HEADER and bool(found & SHORT_NOT_A_RATING)
    return min(2, len(found & MAYBE_NOT_A_RATING) + short)
