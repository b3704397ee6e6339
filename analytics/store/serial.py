"""Tables to stored values and back: tidy ratings as Arrow IPC, the rest of an ingest as JSON.

The Arrow IPC file format keeps the categorical key columns as dictionaries, so a million
ratings take a few megabytes (zstd) and come back as the same categoricals ingest made,
with no re-parsing: opening a stored round costs a decompression and a copy, about half the
time of decoding the same table from Parquet (``benchmarks/bench_store.py``). Pandas
turns every stored text into its ``str`` dtype; the dtype of each categorical's categories
is written beside the table, so a frame comes back exactly as it went in.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Final

import pandas as pd
import pyarrow as pa
import pyarrow.ipc

from analytics.ingest import IngestResult, Issue

# Schema metadata: {column: dtype of its categories}, for the categoricals whose categories
# are not pandas' default text dtype (ingest makes most of them object).
_CATEGORIES_KEY: Final = b"skills_gap.categories"


def frame_bytes(frame: pd.DataFrame) -> bytes:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    kinds = {
        str(name): str(column.cat.categories.dtype)
        for name, column in frame.items()
        if isinstance(column.dtype, pd.CategoricalDtype)
    }
    metadata = {**(table.schema.metadata or {}), _CATEGORIES_KEY: json.dumps(kinds).encode()}
    table = table.replace_schema_metadata(metadata)
    sink = pa.BufferOutputStream()
    options = pyarrow.ipc.IpcWriteOptions(compression="zstd")
    with pyarrow.ipc.new_file(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def bytes_frame(data: bytes) -> pd.DataFrame:
    table = pyarrow.ipc.open_file(pa.py_buffer(data)).read_all()
    frame = table.to_pandas()
    kinds = json.loads((table.schema.metadata or {}).get(_CATEGORIES_KEY, b"{}"))
    for name, kind in kinds.items():
        column = frame[name]
        if kind == "object" and column.cat.categories.dtype != object:
            frame[name] = pd.Categorical.from_codes(
                column.cat.codes,
                categories=pd.Index(column.cat.categories.to_numpy(dtype=object), dtype=object),
                ordered=column.cat.ordered,
            )
    return frame


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
            "files": list(result.files),
            "files_left_out": list(result.files_left_out),
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
        # Rounds saved before several files could be read together have neither.
        files=tuple(data.get("files", [])),
        files_left_out=tuple(data.get("files_left_out", [])),
    )


def _records(frame: pd.DataFrame) -> dict[str, Any]:
    rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    return {"names": [str(name) for name in frame.columns], "rows": rows}
