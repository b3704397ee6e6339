"""Shared fixtures: a small hand-written framework, an xlsx writer, the sample survey, download capture.

The small framework keeps the ingest and framework tests independent of the shipped
YAML, so every expected value can be checked by reading this file:

    scale 1-5: 1 Beginner/Pemula/Basic, 2 Developing/Berkembang, 3 Intermediate/Menengah,
               4 Advanced/Mahir, 5 Expert/Ahli; not applicable: N/A, NA, -, Not applicable,
               Tidak berlaku
    area strategy:  campaign_planning "Campaign planning" (Campaign management,
                    Perencanaan kampanye); budgeting "Budgeting and KPIs" (Budgeting,
                    Penganggaran)
    area analytics: web_analytics "Web analytics" (Google Analytics, Analitik web)
    role specialist "Digital Marketing Specialist" (Digital Marketer, Spesialis Pemasaran Digital)
    role dm_manager "Digital Marketing Manager" (Head of Digital Marketing, Manajer Pemasaran Digital)
"""

from __future__ import annotations

import io
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from streamlit.runtime.media_file_manager import MediaFileManager

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework, default_framework, framework_from_dict
from analytics.ingest import IngestResult, read_survey
from tests.helpers.app import LATEST, SAMPLE, Deferred

# The dashboard's store, in every test, is a SQLite file in a folder of this test run, never the
# project's data/ folder nor a DATABASE_URL of the shell; tests of saving use `fresh_store`.
os.environ["SKILLS_DATA_DIR"] = tempfile.mkdtemp(prefix="skills-test-store-")
os.environ.pop("DATABASE_URL", None)


def _small_framework_data() -> dict[str, Any]:
    return {
        "name": "Small test framework",
        "version": "1",
        "scale": {
            "min": 1,
            "max": 5,
            "levels": [
                {"level": 1, "name": "Beginner", "description": "Needs help", "aliases": ["Pemula", "Basic"]},
                {"level": 2, "name": "Developing", "description": "Some help", "aliases": ["Berkembang"]},
                {"level": 3, "name": "Intermediate", "description": "On their own", "aliases": ["Menengah"]},
                {
                    "level": 4,
                    "name": "Advanced",
                    "description": "Handles the hard cases",
                    "aliases": ["Mahir"],
                },
                {"level": 5, "name": "Expert", "description": "Coaches others", "aliases": ["Ahli"]},
            ],
            "not_applicable": ["N/A", "NA", "-", "Not applicable", "Tidak berlaku"],
        },
        "areas": [
            {
                "id": "strategy",
                "name": "Strategy",
                "description": "Where to aim",
                "aliases": ["Strategi"],
                "skills": [
                    {
                        "id": "campaign_planning",
                        "name": "Campaign planning",
                        "description": "Brief to wrap-up",
                        "aliases": ["Campaign management", "Perencanaan kampanye"],
                    },
                    {
                        "id": "budgeting",
                        "name": "Budgeting and KPIs",
                        "description": "Money and goals",
                        "aliases": ["Budgeting", "Penganggaran"],
                    },
                ],
            },
            {
                "id": "analytics",
                "name": "Analytics",
                "description": "Measuring",
                "aliases": ["Analitik"],
                "skills": [
                    {
                        "id": "web_analytics",
                        "name": "Web analytics",
                        "description": "Traffic and behaviour",
                        "aliases": ["Google Analytics", "Analitik web"],
                    }
                ],
            },
        ],
        "roles": [
            {
                "id": "specialist",
                "name": "Digital Marketing Specialist",
                "description": "Does the work",
                "aliases": ["Digital Marketer", "Spesialis Pemasaran Digital"],
                "targets": {
                    "campaign_planning": {"target": 3, "importance": 2},
                    "budgeting": {"target": 2, "importance": 1},
                    "web_analytics": {"target": 4, "importance": 3},
                },
            },
            {
                "id": "dm_manager",
                "name": "Digital Marketing Manager",
                "description": "Runs the team",
                "aliases": ["Head of Digital Marketing", "Manajer Pemasaran Digital"],
                "targets": {
                    "campaign_planning": {"target": 4, "importance": 3},
                    "budgeting": {"target": 4.5, "importance": 3},
                    "web_analytics": {"target": 3, "importance": 2},
                },
            },
        ],
        "learning": {
            "campaign_planning": [
                {"title": "Campaign workshop", "format": "workshop", "hours": 6, "description": "Plan one"}
            ],
            "budgeting": [{"title": "Budget basics", "format": "course", "hours": 4, "description": ""}],
            "web_analytics": [
                {"title": "GA4 course", "format": "course", "hours": 8, "description": "Reports"},
                {"title": "Traffic audit", "format": "project", "hours": 12.5, "description": "Real site"},
            ],
        },
    }


@pytest.fixture
def small_framework_data() -> dict[str, Any]:
    """A fresh dict each time, so a test may break it without touching the others."""
    return _small_framework_data()


@pytest.fixture(scope="session")
def small_framework() -> Framework:
    return framework_from_dict(_small_framework_data(), origin="small test framework")


@pytest.fixture(scope="session")
def make_xlsx() -> Callable[[dict[str, Sequence[Sequence[Any]]]], bytes]:
    """Write ``{sheet name: rows}`` as an xlsx with openpyxl and return its bytes.

    Cells starting with "=" are stored as text, never as formulas.
    """

    def build(sheets: dict[str, Sequence[Sequence[Any]]]) -> bytes:
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for name, rows in sheets.items():
            sheet = workbook.create_sheet(name)
            for r, row in enumerate(rows, start=1):
                for col, value in enumerate(row, start=1):
                    if value is None:
                        continue
                    cell = sheet.cell(row=r, column=col, value=value)
                    if isinstance(value, str) and value.startswith("="):
                        cell.data_type = "s"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    return build


@pytest.fixture(scope="session")
def sample_result() -> IngestResult:
    """The sample survey as ingest reads it with the default framework."""
    return read_survey(SAMPLE.read_bytes(), default_framework(), SAMPLE.name)


@pytest.fixture(scope="session")
def sample_pairs(sample_result: IngestResult) -> pd.DataFrame:
    """Self-rating gap pairs of every round of the sample survey."""
    return gaps.rating_pairs(sample_result.ratings, default_framework())


@pytest.fixture(scope="session")
def sample_latest(sample_pairs: pd.DataFrame) -> pd.DataFrame:
    """The sample's self-rating pairs of its latest round, which the dashboard opens on."""
    return sample_pairs[sample_pairs[c.ROUND] == LATEST].reset_index(drop=True)


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> Deferred:
    """Every callable a download button hands to Streamlit, by the file id the button carries.

    AppTest does not run a download button's callable, so tests record it and run it
    themselves: the bytes checked are the ones a click would download.
    """
    recorded: Deferred = {}
    real = MediaFileManager.add_deferred

    def recording(
        self: MediaFileManager,
        data_callable: Callable[[], Any],
        mimetype: str | None,
        coordinates: str,
        file_name: str | None = None,
        **kwargs: Any,
    ) -> str:
        file_id = real(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        recorded[file_id] = (data_callable, mimetype, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return recorded


@pytest.fixture
def survey_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the dashboard reads from now on, starting with empty caches."""
    import streamlit as st

    from ui import analysis

    reads: list[str] = []
    real = analysis.read_survey

    def counting(data: bytes, framework: Framework, filename: str = "", *args: Any, **kwargs: Any) -> Any:
        reads.append(filename)
        return real(data, framework, filename, *args, **kwargs)

    monkeypatch.setattr(analysis, "read_survey", counting)
    st.cache_data.clear()
    st.cache_resource.clear()
    return reads


@pytest.fixture
def fresh_store(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """An empty store of this test's own for the dashboard (and its folder)."""
    folder = tmp_path / "store"
    monkeypatch.setenv("SKILLS_DATA_DIR", str(folder))
    return folder


# PostgreSQL ---------------------------------------------------------------------------------
# Every PostgreSQL test gets a schema of its own on the server at 127.0.0.1:5432 (database
# ``test``, or ``SKILLS_TEST_POSTGRES_URL``), reached through the connection's search_path, so
# the tests run in any order and leave nothing behind. Where the server cannot be reached the
# PostgreSQL tests are skipped, except in CI (``SKILLS_REQUIRE_POSTGRES=1``, set by
# ``.ci/run``), where that is a failure.

POSTGRES_URL = os.environ.get("SKILLS_TEST_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("SKILLS_REQUIRE_POSTGRES") == "1"


def _server() -> URL:
    url = make_url(POSTGRES_URL)
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        message = f"PostgreSQL at {url.render_as_string(hide_password=True)} cannot be reached: {exc.orig}"
        if REQUIRE_POSTGRES:
            pytest.fail(message)
        pytest.skip(message)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_url() -> Iterator[URL]:
    """A URL whose connections see only a new, empty schema of their own."""
    server = _server()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield server.update_query_dict({"options": f"-csearch_path={schema}"})
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
