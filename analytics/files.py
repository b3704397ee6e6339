"""Uploaded bytes in, raw sheets out: every cell as the file holds it, no header chosen yet.

This is the only module that touches file formats. It decides the format from the
bytes themselves (a renamed file is common), refuses anything that is not a
spreadsheet or would inflate past a safe size, and decodes csv whatever its encoding,
delimiter or decimal mark.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Final

import numpy as np
import python_calamine

from analytics.i18n import N_, _
from analytics.views import fields as f
from analytics.views.formats import format_number

MAX_FILE_BYTES: Final = 50 * 1024 * 1024
# Several files read as one survey (one per team, one per person): enough for a department
# that answered one file each, and no more than the memory a single large upload may take.
MAX_FILES: Final = 500
MAX_TOTAL_BYTES: Final = 100 * 1024 * 1024
# An xlsx is a zip of XML; calamine inflates it without any bound of its own.
MAX_UNCOMPRESSED_BYTES: Final = 400 * 1024 * 1024
MAX_COMPRESSION_RATIO: Final = 200
RATIO_CHECK_FROM_BYTES: Final = 1024 * 1024
MAX_ZIP_MEMBERS: Final = 5_000
# 20,000 people x 30 columns is 600,000 cells; this leaves room for far larger surveys.
MAX_SHEET_CELLS: Final = 20_000_000
DIMENSION_SEARCH_BYTES: Final = 8192
CSV_ENCODINGS: Final = ("utf-8-sig", "cp1252")
CSV_DELIMITERS: Final = (",", ";", "\t")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_QUOTED = re.compile(r'"[^"]*"')
_CELL = re.compile(rb"([A-Z]*)(\d*)")
_CELL_REF = re.compile(rb'<c\s[^>]*?r="([A-Z]{1,3})(\d{1,7})"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]*\d*)(?::([A-Z]*\d*))?"')
_BINARY_SIGNATURES: Final = {
    b"%PDF": N_("a PDF document"),
    b"\x89PNG": N_("a PNG image"),
    b"\xff\xd8\xff": N_("a JPEG image"),
    b"GIF8": N_("a GIF image"),
    b"\x1f\x8b": N_("a gzip archive"),
    b"Rar!": N_("a RAR archive"),
    b"7z\xbc\xaf": N_("a 7-Zip archive"),
}


@dataclass(frozen=True)
class SurveyFile:
    """A survey file as the app keeps it: its name, its bytes and their SHA-256, worked out once.

    The digest stands for the bytes wherever a cache or a store needs a key, so a 10 MB
    upload is hashed once, not on every use.
    """

    name: str
    data: bytes = field(repr=False)
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", hashlib.sha256(self.data).hexdigest())

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class SurveyFiles:
    """Several survey files uploaded together and read as one survey, in the order of their names.

    The order is the names' so that the same files, chosen in another order, are the same
    survey: same digest, same reading, same report.
    """

    files: tuple[SurveyFile, ...]
    name: str = field(init=False)
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.files, key=lambda f: (f.name.casefold(), f.name, f.digest)))
        object.__setattr__(self, "files", ordered)
        names = [f.name for f in ordered]
        more = len(names) - 3
        shown = ", ".join(names[:3]) + (f" and {more} more file{'s' if more > 1 else ''}" if more > 0 else "")
        object.__setattr__(self, "name", shown)
        keyed = "\n".join(f"{f.name}\0{f.digest}" for f in ordered)
        object.__setattr__(self, "digest", hashlib.sha256(keyed.encode("utf-8")).hexdigest())

    @property
    def size(self) -> int:
        return sum(len(f.data) for f in self.files)


def survey_upload(files: Sequence[SurveyFile]) -> SurveyFile | SurveyFiles:
    """What the user uploaded, as one file or several; raises :class:`SurveyError` past the limits."""
    if not files:
        raise ValueError("survey_upload needs at least one file")
    if len(files) == 1:
        return files[0]
    if len(files) > MAX_FILES:
        raise SurveyError(
            _(
                "{n} files were uploaded together; at most {most} can be read as one survey. "
                "Combine some of them into one sheet first, or upload them in groups."
            ).format(n=format_number(len(files), f.COUNT), most=format_number(MAX_FILES, f.COUNT))
        )
    total = sum(len(f.data) for f in files)
    if total > MAX_TOTAL_BYTES:
        raise SurveyError(
            _(
                "The {n} files come to {size} MB together; the limit is {limit} MB. Upload them in "
                "smaller groups, for example by team."
            ).format(
                n=format_number(len(files), f.COUNT),
                size=format_number(total / 1_048_576, f.COUNT),
                limit=format_number(MAX_TOTAL_BYTES // 1_048_576, f.COUNT),
            )
        )
    return SurveyFiles(tuple(files))


class SurveyError(ValueError):
    """A survey file that cannot be used at all; the message says why and what to do.

    The message is written in the session's language (see :mod:`analytics.i18n`)."""


def _named(filename: str, unnamed: str) -> str:
    """How a message names the file: its own name, or (translated) ``unnamed`` when it has none."""
    return filename or _(unnamed)


def read_tables(data: bytes, filename: str = "") -> dict[str, np.ndarray]:
    """Every non-empty sheet of ``data`` as a 2-D object array of raw cells, keyed by sheet name.

    Row i of the array is row i + 1 of the sheet, so reported row numbers match what the
    user sees. Cells keep their types from xlsx (numbers, text, dates) and are text from
    csv, so the reader downstream sees what the person typed, not what pandas guessed.
    """
    if not data:
        raise SurveyError(_("The file is empty. Export the survey responses again and upload that file."))
    if len(data) > MAX_FILE_BYTES:
        raise SurveyError(
            _(
                "The file is {size} MB; the limit is {limit} MB. "
                "Split it by team or survey round and upload the parts one at a time."
            ).format(
                size=format_number(len(data) / 1_048_576, f.COUNT),
                limit=format_number(MAX_FILE_BYTES // 1_048_576, f.COUNT),
            )
        )
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, filename)
    if data.startswith(_OLE_MAGIC):
        raise SurveyError(
            _(
                "{name} is an old-style Excel (.xls) or an encrypted workbook. "
                "Open it in Excel, remove any password and save it as .xlsx, then upload that."
            ).format(name=_named(filename, N_("The file")))
        )
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise SurveyError(
                _(
                    "{name} is {kind}, not a spreadsheet. Upload the survey responses as .xlsx, .xlsm or .csv."
                ).format(name=_named(filename, N_("The file")), kind=_(kind))
            )
    return {_sheet_name(filename): _read_csv(data, filename)}


def is_workbook(data: bytes) -> bool:
    """Whether ``data`` is read as a workbook, whose sheets have names of their own (a csv's is its file's)."""
    return data.startswith(_ZIP_MAGIC)


def _sheet_name(filename: str) -> str:
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem or "Sheet1"


def _check_zip(data: bytes, filename: str) -> None:
    name = _named(filename, N_("The file"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise SurveyError(
            _(
                "{name} looks like an Excel file but is damaged. Open it in Excel, save it again and re-upload."
            ).format(name=name)
        ) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise SurveyError(
            _("{name} holds {n} parts, far more than a survey workbook; it was refused.").format(
                name=name, n=format_number(len(members), f.COUNT)
            )
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise SurveyError(
            _(
                "{name} would expand to {size} MB when opened (the limit is {limit} MB), so it was not "
                "opened. Split the survey into smaller files, or remove unused sheets, formatting and images."
            ).format(
                name=name,
                size=format_number(total / 1_048_576, f.COUNT),
                limit=format_number(MAX_UNCOMPRESSED_BYTES // 1_048_576, f.COUNT),
            )
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise SurveyError(
                _(
                    "{name} contains a part that expands {ratio} times when opened, which is how "
                    "'zip bomb' attacks look, so it was not opened. Save the survey again from Excel "
                    "or your forms tool and upload that file."
                ).format(name=name, ratio=format_number(ratio, f.COUNT))
            )
    if not any(m.filename.startswith("xl/") for m in members):
        raise SurveyError(
            _(
                "{name} is a zip archive, not an Excel workbook. Upload the survey as .xlsx, .xlsm or .csv."
            ).format(name=name)
        )
    _check_sheet_areas(data, members, name)


def _check_sheet_areas(data: bytes, members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse sheets whose used area is far larger than a survey's.

    calamine builds each sheet as a dense grid from A1 to its last cell, so a few bytes
    with one cell at XFD1048576 would ask for billions of cells. Every writer we know puts
    the used area in a ``<dimension ref="A1:AE20001">`` near the top of the sheet's XML.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in members:
            if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                continue
            with archive.open(member) as sheet:
                head = sheet.read(DIMENSION_SEARCH_BYTES)
                found = _DIMENSION.search(head)
                last = (found.group(2) or found.group(1)) if found else _last_cell(head, sheet)
            letters, digits = _CELL.match(last).groups()  # type: ignore[union-attr]
            columns = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters.decode())))
            cells = max(columns, 1) * max(int(digits or 1), 1)
            if cells > MAX_SHEET_CELLS:
                raise SurveyError(
                    _(
                        "{name} has a sheet whose used area is {cells} cells (up to {last}), "
                        "more than the {most} a survey file may have, so it was not opened. "
                        "Delete the empty rows and columns below and to the right of the answers, "
                        "or copy the answers into a new workbook."
                    ).format(
                        name=name,
                        cells=format_number(cells, f.COUNT),
                        last=last.decode(),
                        most=format_number(MAX_SHEET_CELLS, f.COUNT),
                    )
                )


def _last_cell(head: bytes, sheet: IO[bytes]) -> bytes:
    """The far corner of the cells a sheet names, read through without a dimension element."""
    max_col, max_row = b"A", 1
    chunk, tail = head, b""
    while chunk:
        text = tail + chunk
        for letters, digits in _CELL_REF.findall(text):
            if (len(letters), letters) > (len(max_col), max_col):
                max_col = letters
            max_row = max(max_row, int(digits))
        tail = text[-32:]
        chunk = sheet.read(1 << 20)
    return max_col + str(max_row).encode()


def _read_xlsx(data: bytes, filename: str) -> dict[str, np.ndarray]:
    """Sheets through python-calamine, the parser behind pandas' ``engine="calamine"``.

    pandas' wrapper converts every cell in a Python loop, which costs more than the
    parsing itself on a large survey; the raw rows are all the reader needs.
    """
    _check_zip(data, filename)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return {str(name): _sheet_grid(workbook.get_sheet_by_name(name)) for name in workbook.sheet_names}
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        raise SurveyError(
            _(
                "{name} could not be read as a spreadsheet ({error}). "
                "Open it in Excel, save it again as .xlsx and re-upload."
            ).format(name=_named(filename, N_("The workbook")), error=type(exc).__name__)
        ) from None


def _sheet_grid(sheet: python_calamine.CalamineSheet) -> np.ndarray:
    """A sheet's cells from A1 to its last used cell, blanks as "" (as calamine gives them).

    The array is filled from ``iter_rows``, each row freed as soon as it is copied, while
    its cells are still in the CPU cache: on a 20,000-row survey that is about a fifth
    faster than building all the row lists with ``to_python`` first. ``iter_rows`` may
    leave out the empty rows and columns before the first used cell; they are put back,
    so that row i is always spreadsheet row i + 1.
    """
    rows = sheet.iter_rows()
    first = next(rows, None)
    if first is None or sheet.end is None:
        return np.empty((0, 0), dtype=object)
    cells = itertools.chain(first, itertools.chain.from_iterable(rows))
    grid = np.fromiter(cells, dtype=object).reshape(-1, len(first))
    last_row, last_column = sheet.end
    above, before = last_row + 1 - grid.shape[0], last_column + 1 - grid.shape[1]
    if above or before:
        padded = np.full((last_row + 1, last_column + 1), "", dtype=object)
        padded[above:, before:] = grid
        grid = padded
    return grid


def _grid(rows: Sequence[Sequence[object]]) -> np.ndarray:
    if not rows:
        return np.empty((0, 0), dtype=object)
    widths = set(map(len, rows))
    width = max(widths)
    if len(widths) == 1:
        # Filling a flat array from the cells skips np.array's search for nested shapes.
        cells = itertools.chain.from_iterable(rows)
        return np.fromiter(cells, dtype=object, count=len(rows) * width).reshape(len(rows), width)
    # Rows of unequal length (a csv title line, a short last line): pad with blanks.
    return np.array([list(r) + [None] * (width - len(r)) for r in rows], dtype=object)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SurveyError(
                _(
                    "The file starts like UTF-16 text but is damaged. Save it again as CSV (UTF-8) and re-upload."
                )
            ) from None
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(text: str) -> str:
    """The delimiter used most in the header line, quoted text aside."""
    first = _QUOTED.sub("", text.lstrip().split("\n", 1)[0])
    counts = {d: first.count(d) for d in CSV_DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes, filename: str) -> np.ndarray:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SurveyError(
            _("{name} is not a spreadsheet or text file. Upload the survey as .xlsx, .xlsm or .csv.").format(
                name=_named(filename, N_("The file"))
            )
        )
    text = _decode(data)
    try:
        # The csv module keeps blank lines and short title lines, so row numbers match the file.
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise SurveyError(
            _(
                "{name} could not be read as a table ({error}). "
                "Save it again as CSV from your spreadsheet program, or as .xlsx, and upload that."
            ).format(name=_named(filename, N_("The csv file")), error=exc)
        ) from None
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise SurveyError(
            _("{name} has no rows. Export the survey responses again.").format(
                name=_named(filename, N_("The csv file"))
            )
        )
    return _grid(rows)
