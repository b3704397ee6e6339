"""Survey file in, tidy ratings table and validation report out.

Reads wide sheets (one row per person, one column per skill, as Google Forms and
Microsoft Forms export them) and long sheets (one row per person and skill), in
English or Indonesian. Everything it cannot use becomes an entry in the validation
report, with its place and what to do about it; nothing is dropped silently. The work
that grows with respondents is vectorised: answers are parsed once per distinct value.

The package runs one way: :mod:`.model` and :mod:`.values` at the bottom, the wording
in :mod:`.messages`, then :mod:`.sheets`, :mod:`.responses`, :mod:`.cells`,
:mod:`.checks`, and :mod:`.tidy` on top. Other code imports from here only.
"""

from analytics.files import SurveyError
from analytics.ingest.checks import LISTED_DUPLICATES as LISTED_DUPLICATES
from analytics.ingest.messages import EXAMPLE_ROWS as EXAMPLE_ROWS
from analytics.ingest.model import (
    ERROR,
    INFO,
    WARNING,
    IngestOptions,
    IngestResult,
    Issue,
    issues_frame,
)
from analytics.ingest.model import LONG as LONG
from analytics.ingest.model import NO_TEAM as NO_TEAM
from analytics.ingest.model import SEVERITIES as SEVERITIES
from analytics.ingest.model import WIDE as WIDE
from analytics.ingest.sheets import HEADER_SEARCH_ROWS as HEADER_SEARCH_ROWS
from analytics.ingest.tidy import FILE_SEPARATOR as FILE_SEPARATOR
from analytics.ingest.tidy import LONG_NAME as LONG_NAME
from analytics.ingest.tidy import read_files, read_survey, tidy_survey

__all__ = [
    "ERROR",
    "INFO",
    "WARNING",
    "IngestOptions",
    "IngestResult",
    "Issue",
    "SurveyError",
    "issues_frame",
    "read_files",
    "read_survey",
    "tidy_survey",
]
