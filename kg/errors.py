"""User-facing errors: one class per kind, each with an actionable message.

The CLI prints ``str(error)`` on one line and exits with ``error.exit_code``;
library users catch :class:`KGError`.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg reports to users."""

    exit_code = 1


class InputNotFound(KGError):
    """A path given on the command line does not exist."""


class OutputNotWritable(KGError):
    """The output directory cannot be created or written."""


class ModelNotFound(KGError):
    """The spaCy model is not installed."""


class UnreadableInput(KGError):
    """A single input cannot become a document (binary, empty, not English, ...).

    Builds record it in the report and go on; it never stops a build unless
    ``strict`` is set.
    """


class StoreNotFound(KGError):
    """An output directory holds no built graph."""


class QuerySyntaxError(KGError):
    """Malformed SPARQL; the message carries the position of the error."""

    exit_code = 2


class QueryTimeout(KGError):
    """A query ran longer than its time limit."""

    exit_code = 3


class StrictBuildFailed(KGError):
    """``--strict`` was set and some inputs were skipped."""


class BuildLocked(KGError):
    """Another build is writing the same output directory."""


class OutOfSpace(KGError):
    """The disk holding the output directory is full (or over quota)."""
