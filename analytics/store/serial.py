"""Tables to stored values and back: tidy ratings as Parquet, the rest of an ingest as JSON.

Parquet keeps the categorical key columns as dictionaries, so a million ratings take a few
megabytes and come back as the same categoricals ingest made, with no re-parsing; zstd
compresses them about as well as gzip at several times the speed.
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import pandas as pd

from analytics.ingest import IngestResult, Issue


def frame_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, engine="pyarrow", compression="zstd", index=False)
    return buffer.getvalue()


def bytes_frame(data: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(data), engine="pyarrow")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ingest_json(result: IngestResult) -> str:
    """Everything of an ingest but its ratings: the validation report and the mappings."""
    return json.dumps(
        {
            "issues": [vars(issue) for issue in result.issues],
            "columns": _records(result.columns),
            "roles": _records(result.roles),
            "layout": result.layout,
            "sheets": list(result.sheets),
        },
        ensure_ascii=False,
    )


def ingest_result(ratings: pd.DataFrame, text: str) -> IngestResult:
    data = json.loads(text)
    return IngestResult(
        ratings=ratings,
        issues=tuple(Issue(**issue) for issue in data["issues"]),
        columns=pd.DataFrame(data["columns"]["rows"], columns=data["columns"]["names"]),
        roles=pd.DataFrame(data["roles"]["rows"], columns=data["roles"]["names"]),
        layout=data["layout"],
        sheets=tuple(data["sheets"]),
    )


def _records(frame: pd.DataFrame) -> dict[str, Any]:
    rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    return {"names": [str(name) for name in frame.columns], "rows": rows}
