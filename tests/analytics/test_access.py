"""The access file as a department writes it: roles by address and by domain, and every mistake
named with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.access import ADMIN, MANAGER, PLANNER, AccessError, Grant, load_access, parse_access

EXAMPLE = """\
[users."ayu.lestari@contoh.co.id"]
role = "admin"

[users."citra.dewi@contoh.co.id"]
role = "manager"
teams = ["Growth", "Customer  Care"]

[domains."contoh.co.id"]
role = "planner"
"""


def test_a_users_entry_wins_over_its_domain() -> None:
    rules = parse_access(EXAMPLE)
    assert rules.grant_for("ayu.lestari@contoh.co.id") == Grant("ayu.lestari@contoh.co.id", ADMIN)
    assert rules.grant_for("Citra.Dewi@Contoh.co.id") == Grant(
        "citra.dewi@contoh.co.id", MANAGER, ("Growth", "Customer Care")
    )
    assert rules.grant_for("budi@contoh.co.id") == Grant("budi@contoh.co.id", PLANNER)


@pytest.mark.parametrize(
    "email",
    [
        "budi@lain.co.id",
        "",
        None,
        "not an address",
        "contoh.co.id",
        "@contoh.co.id",
        "a@lain.org@contoh.co.id",
    ],
)
def test_an_address_that_matches_nothing_gets_no_grant(email: str | None) -> None:
    assert parse_access(EXAMPLE).grant_for(email) is None


def test_what_each_role_sees_by_name() -> None:
    rules = parse_access(EXAMPLE)
    assert rules.grant_for("ayu.lestari@contoh.co.id").named_teams is None  # type: ignore[union-attr]
    assert rules.grant_for("citra.dewi@contoh.co.id").named_teams == ("Growth", "Customer Care")  # type: ignore[union-attr]
    assert rules.grant_for("budi@contoh.co.id").named_teams == ()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[users."a@b.id"]\nrole = "superuser"\n', 1, "must be one of admin, manager, planner"),
        ('[users."a@b.id"]\nteams = ["Growth"]\n', 1, "no role"),
        ('\n[users."a@b.id"]\nrole = "manager"\n', 2, "needs their teams"),
        ('[users."a@b.id"]\nrole = "admin"\nrole = "planner"\n', 3, "not valid TOML"),
        ('[users."a@b.id"\nrole = "admin"\n', 1, "not valid TOML"),
        ('[users."ayu"]\nrole = "admin"\n', 1, "not an e-mail address"),
        ('[groups."x"]\nrole = "admin"\n', 1, "unknown section 'groups'"),
        ('[domains."b.id"]\nrole = "manager"\nteams = "Growth"\n', 1, "must be a list"),
        ('[domains."b.id"]\nrole = "admin"\nexpires = 2027\n', 1, "unknown setting 'expires'"),
        ('[users."a@b.id"]\nrole = "admin"\n[users."A@B.ID"]\nrole = "planner"\n', 3, "listed twice"),
        ('[domains."@b.id"]\nrole = "planner"\n', 1, "is not a domain"),
    ],
)
def test_a_bad_access_file_is_refused_naming_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(AccessError) as caught:
        parse_access(text, "access.toml")
    message = str(caught.value)
    assert message.startswith(f"access.toml, line {line}:"), message
    assert words in message


def test_a_missing_file_lets_nobody_in(tmp_path: Path) -> None:
    with pytest.raises(AccessError, match=r"no access file at .*nobody is let in"):
        load_access(tmp_path / "access.toml")
    (tmp_path / "access.toml").write_text(EXAMPLE, encoding="utf-8")
    assert load_access(tmp_path / "access.toml").grant_for("x@contoh.co.id") == Grant(
        "x@contoh.co.id", PLANNER
    )


def test_a_domain_is_found_on_its_own_line_not_inside_an_address() -> None:
    text = '[users."ayu@contoh.co.id"]\nrole = "admin"\n\n[domains."contoh.co.id"]\nrole = "boss"\n'
    with pytest.raises(AccessError, match=r"^access.toml, line 4: 'boss' for 'contoh.co.id'"):
        parse_access(text, "access.toml")


def test_only_ascii_letters_fold_so_distinct_addresses_stay_distinct() -> None:
    rules = parse_access('[users."strasse@x.id"]\nrole = "admin"\n')
    assert rules.grant_for("STRASSE@X.ID") is not None
    assert rules.grant_for("straße@x.id") is None
