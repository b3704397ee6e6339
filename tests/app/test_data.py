"""The Data page in AppTest: sample data, uploads, the validation report and the editable mappings."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics.framework import default_framework
from analytics.ingest import ERROR, INFO, WARNING, IngestOptions, read_survey
from tests.helpers.app import ROOT, SAMPLE, uploader
from ui import state
from ui.state import SAMPLE_OFFERED
from ui.widgets import safe

# Ana is fine; Budi has an unknown role and a rating off the scale; Citra wrote "abc".
# "Favourite colour" matches nothing; "Reporting skills" is a skill the reader cannot name.
PROBLEMS = (
    b"Name,Email,Team,Role,Rate your skills [Digital marketing strategy],"
    b"Rate your skills [Campaign planning],Favourite colour\n"
    b"Ana,ana@example.com,Growth,Digital Marketing Specialist,3,4,Blue\n"
    b"Budi,budi@example.com,Growth,Astronaut,2,9,Red\n"
    b"Citra,citra@example.com,Care,Social Customer Care,abc,3,Green\n"
)


def data_page(empty: bool = False) -> AppTest:
    """The Data page; ``empty`` starts without the sample data a first visit loads."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if empty:
        at.session_state[SAMPLE_OFFERED] = True
    at.run()
    at.switch_page("app_pages/data_page.py").run()
    assert not at.exception
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    uploader(at).set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_empty_data_page_offers_sample_upload_and_template() -> None:
    at = data_page(empty=True)
    assert "No survey is loaded yet" in " ".join(i.value for i in at.info)
    assert at.button(key="data_sample").label == "Try sample data"
    assert uploader(at).allowed_type == [".xlsx", ".xlsm", ".csv"]
    assert at.download_button(key="data_template").label == "Download a blank template"


def test_sample_data_in_one_click_shows_report_and_mappings() -> None:
    at = data_page(empty=True)
    at.button(key="data_sample").click().run()
    result = read_survey(SAMPLE.read_bytes(), default_framework(), SAMPLE.name)
    counts = result.issue_counts()
    assert metrics(at) == {
        "Errors": str(counts[ERROR]),
        "Warnings": str(counts[WARNING]),
        "Notes": str(counts[INFO]),
    }
    assert f"{result.respondents} people" in at.success[0].value
    columns, roles = (editor.value for editor in at.data_editor)
    assert len(columns) == len(set(result.columns.loc[result.columns["kind"] == "skill", "column"]))
    assert sorted(roles["role as written"]) == sorted(result.roles[c.ROLE])


def test_upload_with_problems_shows_the_validation_report() -> None:
    at = upload(data_page(), "problems.csv", PROBLEMS)
    result = read_survey(PROBLEMS, default_framework(), "problems.csv")
    counts = result.issue_counts()
    assert counts[ERROR] >= 2 and counts[WARNING] >= 2  # the file has what this test is about
    assert metrics(at) == {
        "Errors": str(counts[ERROR]),
        "Warnings": str(counts[WARNING]),
        "Notes": str(counts[INFO]),
    }
    report = at.table[0].value
    # The same headings as the reports' Validation sheet, with the place as one phrase.
    assert list(report.columns) == ["Severity", "What was found", "Where", "What to do", "Count"]
    # st.table renders Markdown in its cells: each message is there escaped, to show as written.
    assert list(report["What was found"]) == [safe(i.message) for i in result.issues]
    assert any("Astronaut" in text for text in report["What was found"])
    assert any("9" in text and "outside the scale" in text for text in report["What was found"])
    assert all(report["What to do"].str.len() > 0)
    # A phone reads the same findings as one block each, message and advice in full.
    blocks = [m.value for m in at.markdown if m.value.startswith("**") and "*What to do:*" in m.value]
    assert len(blocks) == len(result.issues)
    for block, issue in zip(blocks, result.issues, strict=True):
        assert safe(issue.message) in block and safe(issue.action) in block


def test_every_analysis_page_says_what_the_upload_left_out() -> None:
    # PROBLEMS has Budi's 9 (out of the scale) and Citra's "abc" (unreadable): two answers left
    # out; the Blue/Red/Green column matched no skill; Budi's role, Astronaut, is not the
    # framework's. The Data page alone used to say it.
    at = upload(data_page(), "problems.csv", PROBLEMS)
    for page in ("overview", "people", "priorities"):
        at.switch_page(f"app_pages/{page}_page.py").run()
        assert not at.exception
        notes = [w.value for w in at.warning if w.value.startswith("Not in these figures")]
        assert notes == [
            "Not in these figures: 2 row(s) or answer(s) with errors and 1 column(s) that matched no skill "
            "and 1 person(s) whose role is not in the framework. The Data page says why, and what to fix."
        ], page


def test_unusable_file_shows_why() -> None:
    at = upload(data_page(), "notes.csv", b"Shopping list\nmilk\neggs\n")
    assert at.error, "an unusable file must say why"
    assert "could not be used" in at.error[0].value
    assert "Name" in at.error[0].value  # the reader's own advice: add a Name or Email column


def test_correcting_the_column_mapping_reruns_the_analysis() -> None:
    at = upload(data_page(), "problems.csv", PROBLEMS)
    shown = at.data_editor[0].value
    row = int(shown.index[shown["column"] == "Favourite colour"][0])
    key = at.data_editor[0].key
    web = default_framework().skill("web_analytics").name
    at.session_state[key] = {"edited_rows": {row: {"skill": web}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert at.session_state["column_fixes"] == {"Favourite colour": "web_analytics"}
    fixed = read_survey(
        PROBLEMS,
        default_framework(),
        "problems.csv",
        IngestOptions.build(columns={"Favourite colour": "web_analytics"}),
    )
    assert at.session_state["view"].result.mapping == fixed.mapping
    assert metrics(at)["Errors"] == str(fixed.issue_counts()[ERROR])
    at.button(key="data_reset_mapping").click().run()
    assert at.session_state["column_fixes"] == {}


def test_correcting_the_role_mapping_brings_people_in() -> None:
    at = upload(data_page(), "problems.csv", PROBLEMS)
    before = at.session_state["view"].pairs[c.RESPONDENT_ID].nunique()
    shown = at.data_editor[1].value
    row = int(shown.index[shown["role as written"] == "Astronaut"][0])
    key = at.data_editor[1].key
    change = {"framework role": "Digital Marketing Manager"}
    at.session_state[key] = {"edited_rows": {row: change}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert at.session_state["role_fixes"] == {"Astronaut": "dm_manager"}
    pairs = at.session_state["view"].pairs
    assert pairs[c.RESPONDENT_ID].nunique() == before + 1
    assert set(pairs.loc[pairs[c.NAME] == "Budi", c.ROLE_ID]) == {"dm_manager"}


def test_round_label_and_rater_set_by_the_user() -> None:
    at = upload(data_page(), "problems.csv", PROBLEMS)
    assert at.selectbox(key="filter_round").options == [c.DEFAULT_ROUND]
    at.text_input(key="data_round").set_value("2027-Q1").run()
    assert at.selectbox(key="filter_round").options == ["2027-Q1"]
    at.selectbox(key="data_rater").set_value(c.MANAGER).run()
    assert set(at.session_state["view"].result.ratings[c.RATER].astype(str)) == {c.MANAGER}
    # The choice outlives a visit to another page.
    at.switch_page("app_pages/overview_page.py").run()
    at.switch_page("app_pages/data_page.py").run()
    assert at.text_input(key="data_round").value == "2027-Q1"


def test_a_new_file_starts_without_the_last_files_round_label() -> None:
    at = upload(data_page(), "problems.csv", PROBLEMS)
    at.text_input(key="data_round").set_value("2027-Q1").run()
    at.button(key="data_sample").click().run()
    at.button(key="data_sample_confirm").click().run()
    assert not at.exception
    assert at.text_input(key="data_round").value == ""
    assert "2027-Q1" not in at.selectbox(key="filter_round").options


def test_the_sample_asks_before_it_replaces_an_unsaved_upload() -> None:
    at = upload(data_page(), "problems.csv", PROBLEMS)
    at.button(key="data_sample").click().run()
    assert "would replace your upload" in " ".join(w.value for w in at.warning)
    assert at.session_state["view"].kind == state.UPLOADED  # nothing replaced yet
    at.button(key="data_sample_cancel").click().run()
    assert at.session_state["view"].file_name == "problems.csv"
    assert not [w for w in at.warning if "would replace" in w.value]
    at.button(key="data_sample").click().run()
    at.button(key="data_sample_confirm").click().run()
    assert at.session_state["view"].kind == state.SAMPLE_DATA
    assert "You are looking at **sample data**" in " ".join(i.value for i in at.info)


def test_uploading_an_xlsx_uses_it_everywhere() -> None:
    at = data_page()
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    uploader(at).set_value(("team.xlsx", SAMPLE.read_bytes(), xlsx)).run()
    assert not at.exception
    result = read_survey(SAMPLE.read_bytes(), default_framework(), "team.xlsx")
    assert f"{result.respondents} people" in at.success[0].value
    assert "team.xlsx" in at.sidebar.markdown[0].value
    at.switch_page("app_pages/overview_page.py").run()
    assert "team.xlsx" in at.caption[0].value


def test_markdown_in_an_uploaded_name_is_shown_as_text() -> None:
    at = data_page()
    data = b"Name,Team,Role,Rate your skills [Campaign planning]\nAna,Growth,Digital Marketing Specialist,3\n"
    upload(at, "[click](https://example.com) :red[x].csv", data)
    shown = " ".join(s.value for s in at.success)
    # The escaped name renders literally: no link target, no colour directive survives unescaped.
    assert r"\[click\]\(https\://example.com\)" in shown
    assert ":red[" not in shown


def test_an_unusable_upload_keeps_the_survey_already_loaded() -> None:
    at = data_page()  # on the sample data, as a first visit
    upload(at, "scan.csv", b"%PDF-1.7 not a survey")
    assert "scan.csv is a PDF document" in at.error[0].value
    assert "still in use" in at.error[0].value
    sample = read_survey(SAMPLE.read_bytes(), default_framework(), SAMPLE.name)
    assert f"{sample.respondents} people" in at.success[0].value


def test_a_new_file_moves_the_round_filter_to_its_own_latest_round() -> None:
    at = data_page()
    assert at.selectbox(key="filter_round").value == "2026-Q3"
    data = (
        b"Name,Round,Team,Role,Rate your skills [Campaign planning]\n"
        b"Ana,Round 1,Growth,Digital Marketing Specialist,3\n"
        b"Ana,Round 2,Growth,Digital Marketing Specialist,4\n"
    )
    upload(at, "rounds.csv", data)
    assert at.selectbox(key="filter_round").options == ["Round 1", "Round 2"]
    assert at.selectbox(key="filter_round").value == "Round 2"


def test_the_same_bytes_under_another_name_are_read_again() -> None:
    """A csv's name is its sheet's name, which can say the round and the rater: it is part of the key."""
    data = b"Name,Team,Role,Rate your skills [Campaign planning]\nAna,Growth,Digital Marketing Specialist,3\n"
    at = upload(data_page(), "skills 2026-Q1.csv", data)
    assert at.session_state["view"].offered.rounds == ("skills 2026-Q1",)
    upload(at, "manager ratings 2026-Q2.csv", data)
    view = at.session_state["view"]
    expected = read_survey(data, default_framework(), "manager ratings 2026-Q2.csv").ratings
    assert view.offered.rounds == tuple(expected[c.ROUND].unique()) == ("ratings 2026-Q2",)
    assert set(view.ratings[c.RATER]) == {c.MANAGER}


# A form in a manager's own words: a question to check, two matched, one that rates no skill.
OWN_WORDS = (
    b"Nama,Email,Seberapa mahir Anda menyusun kalender konten bulanan?,Campaign planning,"
    b"Data analysis and measurement,Kantor cabang\n"
    b"Ana,ana@example.com,3,4,2,Jakarta\n"
    b"Budi,budi@example.com,2,3,4,Bandung\n"
)


def test_matches_to_check_come_first_and_one_click_confirms_them_and_adds_aliases() -> None:
    at = upload(data_page(), "own-words.csv", OWN_WORDS)
    shown = at.data_editor[0].value
    assert list(shown["found"][:2]) == ["please check", "not recognised"]
    assert shown.set_index("column").loc["Campaign planning", "found"] == "matched"
    assert shown.set_index("column").loc["Campaign planning", "answers"] == 2
    # Nothing was lost except an office column: the banner is a warning that counts it.
    assert any("Left out: 1 column(s) that matched no skill" in w.value for w in at.warning)
    at.button(key="data_confirm_all").click().run()
    assert not at.exception
    confirmed = at.session_state["column_fixes"]
    assert confirmed == {"Seberapa mahir Anda menyusun kalender konten bulanan?": "content_planning"}
    assert "please check" not in list(at.data_editor[0].value["found"])
    at.button(key="data_add_aliases").click().run()
    assert not at.exception
    framework = at.session_state["framework"]
    aliases = framework.skill("content_planning").aliases
    assert "Seberapa mahir Anda menyusun kalender konten bulanan?" in aliases


def test_a_file_read_in_full_is_greeted_with_a_success() -> None:
    clean = b"Name,Campaign planning,Content calendar planning\nAna,3,4\nBudi,2,5\n"
    at = upload(data_page(), "clean.csv", clean)
    assert any("On screen" in s.value for s in at.success)
    assert not any("Left out" in w.value for w in at.warning)


def test_several_files_upload_as_one_survey_and_a_bad_one_is_named() -> None:
    team_a = b"Name,Email,Team,Campaign planning,Content calendar planning\nAna,ana@x.id,Growth,3,4\nBudi,budi@x.id,Growth,2,5\n"
    team_b = b"Name,Email,Team,Campaign planning,Content calendar planning\nCitra,citra@x.id,Care,4,4\n"
    at = data_page()
    uploader(at).set_value(
        [
            ("team_a.csv", team_a, "text/csv"),
            ("team_b.csv", team_b, "text/csv"),
            ("scan.csv", b"%PDF-1.7", "text/csv"),
        ]
    ).run()
    assert not at.exception, [e.message for e in at.exception]
    assert uploader(at).accept_multiple_files
    on_screen = " ".join(w.value for w in [*at.success, *at.warning])
    assert "On screen: " + safe("scan.csv, team_a.csv, team_b.csv") in on_screen and "3 people" in on_screen
    assert "1 file(s) that could not be used" in on_screen and "row(s)" not in on_screen
    report = at.table[0].value
    (error,) = [m for m in report["What was found"] if "scan" in m]
    assert "could not be read" in error
    assert {"file scan.csv", "all files"} <= set(report["Where"])
    assert any(
        "3 files were read" not in m and "2 files were read as one survey" in m
        for m in report["What was found"]
    )
    # Teams from both files are on every page's filter.
    assert set(at.multiselect(key="filter_teams").options) == {"Growth", "Care"}


def test_several_files_none_usable_keep_the_survey_on_screen() -> None:
    at = data_page()
    uploader(at).set_value(
        [("notes.csv", b"Topic,Owner\nBudget,Ana\n", "text/csv"), ("scan.csv", b"%PDF-1.7", "text/csv")]
    ).run()
    assert not at.exception
    assert "None of the 2 files could be used" in at.error[0].value
    assert "still in use" in at.error[0].value
