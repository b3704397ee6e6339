"""The store's messages speak the session's language: Bahasa Indonesia under ``id``, English under ``en``."""

from __future__ import annotations

import hashlib

import pytest

from analytics import i18n
from analytics.framework import default_framework
from analytics.ingest import IngestResult
from analytics.store import NotFound, RoundExists, Store, StoreError

MESSAGES = {
    "en": (
        "A round named '2026-Q3' is already stored. Choose another name, or rename the other round first.",
        "No round named 'Maret' is stored. Stored rounds: '2026-Q3'.",
    ),
    "id": (
        "Putaran bernama '2026-Q3' sudah tersimpan. Pilih nama lain, atau ganti dulu nama putaran yang satunya.",
        "Tidak ada putaran tersimpan bernama 'Maret'. Putaran tersimpan: '2026-Q3'.",
    ),
}


def _save(store: Store, name: str, result: IngestResult, data: bytes) -> None:
    store.save_round(
        name, result, default_framework(), "survey.xlsx", hashlib.sha256(data).hexdigest(), "tester"
    )


@pytest.mark.parametrize("code", ["en", "id"])
def test_a_taken_name_and_a_missing_round_are_told_in_the_session_language(
    store: Store, sample_result: IngestResult, code: str
) -> None:
    taken, missing = MESSAGES[code]
    _save(store, "2026-Q3", sample_result, b"one")
    with i18n.language(code):
        with pytest.raises(StoreError) as caught:
            _save(store, "2026-Q3", sample_result, b"two")
        assert isinstance(caught.value, RoundExists)
        assert str(caught.value) == taken
        with pytest.raises(NotFound) as lost:
            store.open_round("Maret")
        assert str(lost.value) == missing
