"""The catalogue: every text the code marks is translated, keeps its placeholders and markup, and
numbers follow the language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analytics import i18n
from analytics.i18n import N_, _
from analytics.views import fields as f
from analytics.views.formats import counted, format_change, format_number

ROOT = Path(__file__).resolve().parents[2]
# What must survive translation untouched: {placeholders}, Markdown bold, Streamlit's icons,
# Plotly's line breaks.
_KEPT = re.compile(r"\{[a-z_]*\}|\*\*|:material/[a-z_]+:|<br>")


@pytest.fixture(scope="module")
def marked() -> dict[str, list[tuple[str, int]]]:
    return i18n.source_messages(ROOT)


def test_every_marked_text_has_an_indonesian_translation(marked: dict[str, list[tuple[str, int]]]) -> None:
    indonesian = i18n.catalogue(i18n.INDONESIAN)
    missing = {text: where[0] for text, where in marked.items() if not indonesian.get(text)}
    assert not missing, f"{len(missing)} texts without a translation (run scripts/messages): {missing}"
    # The extraction really reads the code: texts of the sidebar, a view and a table heading.
    assert {"Rating source", "Weakest area", "Mean shortfall"} <= set(marked)


def test_no_text_is_marked_inside_an_f_string() -> None:
    # Babel's extractor does not look inside f-strings: a text marked there never reaches the
    # catalogue and stays English ("(not used)" in the command line's check did).
    import ast

    found = []
    for source in i18n.SOURCES:
        where = ROOT / source
        for path in sorted(where.rglob("*.py")) if where.is_dir() else [where]:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.JoinedStr):
                    continue
                for call in ast.walk(node):
                    name = getattr(getattr(call, "func", None), "id", None)
                    marked = isinstance(call, ast.Call) and name in i18n._KEYWORDS and call.args
                    if marked and isinstance(call.args[0], ast.Constant):
                        found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not found, found


def test_the_catalogue_holds_nothing_the_code_no_longer_says(
    marked: dict[str, list[tuple[str, int]]],
) -> None:
    stale = set(i18n.catalogue(i18n.INDONESIAN)) - set(marked)
    assert not stale, f"run scripts/messages: {sorted(stale)[:5]}"


def test_translations_keep_placeholders_icons_and_markup() -> None:
    for english, indonesian in i18n.catalogue(i18n.INDONESIAN).items():
        assert sorted(_KEPT.findall(english)) == sorted(_KEPT.findall(indonesian)), english


def test_a_translation_is_used_in_its_language_only() -> None:
    assert _("Weakest area") == "Weakest area"
    with i18n.language("id"):
        assert _("Weakest area") == "Bidang terlemah"
        assert _(N_("Below target")) == "Di bawah target"
        with i18n.language("en"):
            assert _("Weakest area") == "Weakest area"
        assert i18n.current() == "id"
        # A text the catalogue does not hold (a skill's name from a framework) is left as it is.
        assert _("Paid social advertising") == "Paid social advertising"
    assert i18n.current() == "en"


@pytest.mark.parametrize(
    ("asked", "code"),
    [
        ("id", "id"),
        ("ID", "id"),
        ("id-ID", "id"),
        ("id_ID", "id"),
        ("en-GB", "en"),
        ("fr", None),
        (None, None),
    ],
)
def test_language_codes_from_links_cookies_and_browsers(asked: object, code: str | None) -> None:
    assert i18n.known(asked) == code


def test_numbers_follow_the_language() -> None:
    # Worked by hand: Indonesian writes 1,126.5 as 1.126,5 and keeps the percent sign.
    with i18n.language("id"):
        assert format_number(1126, f.COUNT) == "1.126"
        assert format_number(3.5, f.LEVEL) == "3,5"
        assert format_number(0.4567, f.SCORE) == "0,46"
        assert format_number(12.5, f.HOURS) == "12,5"
        assert format_number(0.456, f.PERCENT) == "46%"
        assert counted(1126, N_("rated skill"), N_("rated skills")) == "1.126 keterampilan dinilai"
        assert format_change(0.347, f.SCORE) == "+0,35"
        assert format_change(-0.1, f.PERCENT) == "-10 poin"
        assert i18n.number_separators() == ",."
    assert format_number(1126.5, f.HOURS) == "1,126.5"
    assert counted(2, N_("person"), N_("people")) == "2 people"
    assert i18n.number_separators() == ".,"


def test_the_catalogue_file_is_what_scripts_messages_writes(tmp_path: Path) -> None:
    """A run of scripts/messages with nothing new leaves the file as it is (no churn in reviews)."""
    path = i18n.CATALOGUES / "id" / "LC_MESSAGES" / "messages.po"
    before = path.read_bytes()
    try:
        messages, untranslated = i18n.update_catalogue(ROOT)
        assert path.read_bytes() == before
        assert untranslated == 0 and messages > 200
    finally:
        path.write_bytes(before)
        i18n.catalogue.cache_clear()
