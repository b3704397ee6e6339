"""Text normalisation shared by the framework loader, the survey reader and the names of exported files.

Survey headers, role titles and rating labels arrive with any case, accents,
punctuation and spacing; both sides of every match are folded the same way here so
that "Perencanaan  Kampanye!" and "perencanaan kampanye" meet.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise_label(text: object) -> str:
    """Fold ``text`` to lowercase ASCII words separated by single spaces.

    >>> normalise_label("  Perencanaan Kampanye / Campaign-Planning ")
    'perencanaan kampanye campaign planning'
    """
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", folded.lower()).strip()


def file_slug(text: object) -> str:
    """``text`` as part of a file name, in any language and from any upload: lowercase ASCII words
    joined by dashes, so no browser or archive tool trips over it.

    >>> file_slug("Siti Rahmawati / Ops")
    'siti-rahmawati-ops'
    """
    return normalise_label(text).replace(" ", "-")
