"""The interface's languages: English in the code, Bahasa Indonesia from a gettext catalogue.

Every text a reader sees is written in English where it is used, wrapped in :func:`_` (or
marked with :func:`N_` where it is defined before the language is known, as a table's
headings are, and translated with :func:`_` where it is shown). The Indonesian wording lives
in ``analytics/locales/id/LC_MESSAGES/messages.po``, read with Babel; ``scripts/messages``
collects new texts into it and ``tests/analytics/test_i18n.py`` fails while any lacks its
translation or loses a ``{placeholder}``.

The language is the running session's: pages, reports and the command line set it once
(:func:`use`, :func:`language`) and every view, chart and report below reads it, so a figure
built for a page and the export of the same view speak the same language. A context
variable holds it, so two sessions served at once by two threads never mix.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from babel import Locale
from babel.messages.pofile import read_po

ENGLISH: Final = "en"
INDONESIAN: Final = "id"
# The choice as the sidebar offers it: each language in its own words.
LANGUAGES: Final = {ENGLISH: "English", INDONESIAN: "Bahasa Indonesia"}
CATALOGUES: Final = Path(__file__).parent / "locales"
DOMAIN: Final = "messages"

_current: ContextVar[str | None] = ContextVar("language", default=None)
# Where a thread that was never told its language asks for it (see :func:`ask_when_unset`).
_unset: list[Callable[[], object]] = []


def known(code: object) -> str | None:
    """The language a code such as ``id``, ``ID`` or ``id-ID`` asks for, or None if it is not offered."""
    if not isinstance(code, str):
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else None


def current() -> str:
    code = _current.get()
    if code is None and _unset:
        code = known(_unset[0]())
    return code or ENGLISH


def ask_when_unset(answer: Callable[[], object]) -> None:
    """Where no language was set in this thread, ask ``answer`` (a session's choice), else speak English.

    Streamlit runs a widget's callback on a thread of its own before the page runs: the
    dashboard registers a function that reads the session's choice, so a callback's notes
    speak it as the page does.
    """
    _unset[:] = [answer]


def use(code: str) -> None:
    """Speak this language from here on in this session's thread (pages and the command line)."""
    _current.set(known(code) or ENGLISH)


@contextlib.contextmanager
def language(code: str) -> Iterator[None]:
    """Speak this language inside the block, then the one before (reports of another language, tests)."""
    token = _current.set(known(code) or ENGLISH)
    try:
        yield
    finally:
        _current.reset(token)


@functools.cache
def catalogue(code: str) -> dict[str, str]:
    """English text -> its translation, for every translated message of a language's catalogue."""
    path = CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == ENGLISH or not path.exists():
        return {}
    with path.open("rb") as handle:
        messages = read_po(handle, locale=code)
    return {
        str(m.id): str(m.string)
        for m in messages
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def _(message: str) -> str:
    """The message in the session's language; English (the message itself) where it has no translation."""
    code = current()
    if code == ENGLISH:
        return message
    return catalogue(code).get(message, message)


def N_(message: str) -> str:  # gettext's own name for "mark, translate later"
    """Mark a text for the catalogue where it is defined; :func:`_` translates it where it is shown."""
    return message


def plural(singular: str, many: str, n: float) -> str:
    """The singular or plural message for ``n``, translated (Indonesian nouns do not change with number)."""
    return _(singular if n == 1 else many)


@functools.cache
def _separators(code: str) -> dict[int, str]:
    """Python's "," and "." of a formatted number as the language writes them (1.126,5 in Indonesian)."""
    symbols = Locale.parse(code).number_symbols["latn"]
    group, decimal = symbols["group"], symbols["decimal"]
    return str.maketrans({",": group, ".": decimal}) if (group, decimal) != (",", ".") else {}


def localise_number(text: str) -> str:
    """A number Python formatted (``f"{x:,.1f}"``) with the session language's separators.

    >>> with language("id"):
    ...     localise_number("1,126.5")
    '1.126,5'
    """
    table = _separators(current())
    return text.translate(table) if table else text


def number_separators() -> str:
    """The decimal and thousands marks as Plotly's ``separators`` wants them (``",."`` in Indonesian)."""
    table = _separators(current())
    return (table.get(ord("."), ".") + table.get(ord(","), ",")) if table else ".,"


# Where the interface's texts are written, for the catalogue (paths from the repo's root).
SOURCES: Final = ("analytics", "ui", "app_pages", "dashboard.py")
_KEYWORDS: Final = {"_": None, "N_": None, "plural": (1, 2)}


def source_messages(root: Path) -> dict[str, list[tuple[str, int]]]:
    """Every message the code marks, with where it is written, as Babel's extractor finds them."""
    from babel.messages.extract import extract_from_dir, extract_from_file

    found: dict[str, list[tuple[str, int]]] = {}

    def add(path: str, line: int, message: str | tuple[str, ...]) -> None:
        for text in message if isinstance(message, tuple) else (message,):
            if text:
                found.setdefault(text, []).append((path, line))

    for source in SOURCES:
        where = root / source
        if where.is_dir():
            for name, line, message, _comments, _context in extract_from_dir(
                where, method_map=[("**.py", "python")], keywords=_KEYWORDS
            ):
                add(f"{source}/{name}", line, message)
        else:
            for line, message, _comments, _context in extract_from_file("python", where, keywords=_KEYWORDS):
                add(source, line, message)
    return found


def update_catalogue(root: Path, code: str = INDONESIAN) -> tuple[int, int]:
    """Bring a language's catalogue in line with the code: new messages added untranslated, gone
    ones dropped, translations kept. Returns (messages, untranslated)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    path = CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    known_now = catalogue.__wrapped__(code) if path.exists() else {}
    fresh = Catalog(
        locale=code,
        project="Team Skills-Gap Dashboard",
        domain=DOMAIN,
        header_comment=f"# {LANGUAGES[code]} for the Team Skills-Gap Dashboard: written by scripts/messages,\n"
        "# translated by hand (the msgstr lines).",
        # Fixed, so that a run with nothing new changes nothing.
        creation_date=datetime(2026, 12, 1, tzinfo=UTC),
        revision_date=datetime(2026, 12, 1, tzinfo=UTC),
    )
    messages = source_messages(root)
    for text, where in sorted(messages.items()):
        fresh.add(text, known_now.get(text, ""), locations=where)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, fresh, width=100, sort_output=True, include_lineno=False)
    catalogue.cache_clear()
    return len(messages), sum(1 for text in messages if not known_now.get(text))
