"""Text from an upload is data: names and teams written as Markdown or HTML show literally on every page.

Streamlit renders titles, captions, Markdown, alerts and metric labels as Markdown, so every
text that came from a file must reach them escaped. Each hostile text below is checked in the
source of every element that Streamlit renders as Markdown, on every page.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers.app import markdown_texts, open_page, upload, with_sample
from ui.widgets import safe

BOLD = "**Bold Name**"
LINK = "[Click me](javascript:alert(1))"
IMAGE = "<img src=x onerror=alert(1)>"
TEAM = "_Slanted_ team"
HOSTILE = (BOLD, LINK, IMAGE, TEAM)
SURVEY = (
    "Name,Email,Team,Role,Rate your skills [Campaign planning],Rate your skills [Web and social analytics]\n"
    f'"{BOLD}",bold@example.com,{TEAM},Digital Marketing Specialist,2,3\n'
    f'"{LINK}",link@example.com,{TEAM},Digital Marketing Specialist,1,4\n'
    f'"{IMAGE}",image@example.com,Growth,Digital Marketing Manager,3,2\n'
).encode()
PAGES = ("overview", "data", "competencies", "people", "priorities", "reports", "framework")


@pytest.fixture(scope="module")
def app() -> AppTest:
    return upload(open_page(with_sample(), "data"), "hostile [file] *name*.csv", SURVEY)


def assert_literal(texts: list[str], where: str) -> None:
    for text in texts:
        for hostile in (*HOSTILE, "[file]", "*name*"):
            assert hostile not in text, f"{where}: {hostile!r} would be rendered as Markdown in {text!r}"


def test_the_hostile_file_was_read(app: AppTest) -> None:
    assert app.session_state["view"].result.respondents == 3


@pytest.mark.parametrize("page", PAGES)
def test_every_page_escapes_names_teams_and_the_file_name(app: AppTest, page: str) -> None:
    open_page(app, page)
    assert_literal(markdown_texts(app), page)
    assert_literal([m.label for m in app.metric], f"{page} metric labels")


@pytest.mark.parametrize("person", ["bold@example.com", "link@example.com", "image@example.com"])
def test_the_people_page_shows_each_name_as_written(app: AppTest, person: str) -> None:
    open_page(app, "people")
    app.selectbox(key="people_person").set_value(person).run()
    assert not app.exception
    texts = markdown_texts(app)
    assert_literal(texts, f"people page of {person}")
    name = {"bold@example.com": BOLD, "link@example.com": LINK, "image@example.com": IMAGE}[person]
    assert any(safe(name) in text for text in texts), "the name is shown, escaped"


def test_safe_escapes_what_markdown_would_read() -> None:
    assert safe(BOLD) == r"\*\*Bold Name\*\*"
    assert safe(TEAM) == r"\_Slanted\_ team"
    assert safe(LINK) == r"\[Click me\]\(javascript\:alert\(1\)\)"
    assert safe(IMAGE) == r"\<img src=x onerror=alert\(1\)\>"
    assert safe("AT&T :red[x]") == r"AT\&T \:red\[x\]"


def test_the_validation_table_shows_upload_text_as_written() -> None:
    # st.table renders Markdown in its cells; the message quotes the role as written.
    data = (
        b"Name,Team,Role,Rate your skills [Campaign planning]\n"
        b"Ana,Growth,Digital Marketing Specialist,3\n"
        b"Budi,Growth,[Boss](http://evil.example),2\n"
    )
    at = upload(open_page(with_sample(), "data"), "roles.csv", data)
    cells = [str(v) for v in at.table[0].value.to_numpy().ravel()]
    assert any(safe("[Boss](http://evil.example)") in cell for cell in cells)
    assert not any("[Boss](http://evil.example)" in cell for cell in cells)


def test_names_from_an_uploaded_framework_are_escaped_in_metrics_and_alerts(
    small_framework_data: dict,
) -> None:
    import yaml

    small_framework_data["areas"][0]["name"] = "**Strategy**"
    small_framework_data["areas"][1]["name"] = "[Analytics](http://evil.example)"
    at = open_page(with_sample(), "framework")
    text = yaml.safe_dump(small_framework_data).encode()
    at.file_uploader(key="fw_upload").set_value(("evil.yaml", text, "application/x-yaml")).run()
    assert not at.exception
    survey = (
        b"Name,Team,Role,Rate your skills [Campaign planning],Rate your skills [Web analytics]\n"
        b"Ana,Growth,Digital Marketing Specialist,1,1\n"
    )
    upload(open_page(at, "data"), "small.csv", survey)
    open_page(at, "overview")
    weakest = next(m for m in at.metric if m.label == "Weakest area")
    assert weakest.value in (safe("**Strategy**"), safe("[Analytics](http://evil.example)"))
    open_page(at, "competencies")
    at.selectbox(key="comp_area").set_value("analytics").run()
    texts = markdown_texts(at)  # Ana rated 1: nobody to mentor, Ana below target, both alerts name the area
    assert any(safe("[Analytics](http://evil.example)") in text for text in texts)
    assert not any("[Analytics](http://evil.example)" in text for text in texts)
