"""How far long work has got, for a progress bar: reading a large survey, writing a PDF or a zip.

The work calls ``progress(share, step)`` with a share from 0 to 1 and a few words in the
session's language; it never waits on the listener. Plain Python: the page moves its bar
from its own thread (see ``ui/progress.py``), the command line passes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]
