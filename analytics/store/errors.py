"""What can go wrong with the store, in words a user can act on.

Every failure of the database reaches the user as a :class:`StoreError` whose text says
what is wrong and what to do; the pages show it and keep what is on screen, the command
line prints it and exits 1. Nothing here is a traceback.
"""

from __future__ import annotations

from analytics.i18n import _


class StoreError(Exception):
    """The store cannot do what was asked; ``str()`` is the message for the user."""


class StoreUnavailable(StoreError):
    """The database cannot be opened at all (down, refused, damaged, someone else's, too new)."""


class RoundExists(StoreError):
    def __init__(self, name: str) -> None:
        super().__init__(
            _(
                "A round named '{name}' is already stored. Choose another name, or rename the other round first."
            ).format(name=name)
        )
        self.name = name


class NameTaken(StoreError):
    """A framework version or a plan of this name exists already."""


class NotFound(StoreError):
    """The round (or version, or plan) is no longer stored: someone may have deleted it."""


class SameFileSaved(StoreError):
    """Raised instead of saving a file whose content is stored already, so the user can be asked."""

    def __init__(self, names: tuple[str, ...]) -> None:
        quoted = ", ".join(f"'{n}'" for n in names)
        super().__init__(
            _(
                "This file was saved before, as {names}. Save it again only if you mean to keep a copy."
            ).format(names=quoted)
        )
        self.names = names
