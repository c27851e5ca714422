"""All errors lagebild raises on purpose, in one place.

Library code raises these; the CLI (the edge) turns them into a one-line message on stderr
and the exit code given here. Anything else that escapes is a bug and is reported as such
(still as one line, unless --debug).
"""
from __future__ import annotations


class LagebildError(Exception):
    """Base class. `exit_code` is what the CLI exits with."""
    exit_code = 1
    code = "E000"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return " ".join(self.message.split())


class InputError(LagebildError):
    """The input cannot be analysed: empty, binary, undecodable, unreadable, wrong format."""
    exit_code = 2
    code = "E100"


class LanguageError(InputError):
    """The text is not in the requested (or any supported) language."""
    code = "E101"


class DataError(LagebildError):
    """A language data file (lexicon, rules) is invalid."""
    exit_code = 3
    code = "E200"


class PipelineError(LagebildError):
    """The pipeline was configured wrongly (unknown component, unmet requirement)."""
    exit_code = 3
    code = "E300"


class StoreError(LagebildError):
    """The corpus store could not be opened, migrated or queried."""
    exit_code = 4
    code = "E400"


class QueryError(StoreError):
    """A user query was rejected (e.g. a write statement given to `lagebild sql`)."""
    code = "E401"


class ClusterError(LagebildError):
    """The cluster could not be reached or used (Dask missing, scheduler unreachable, a task failed)."""
    exit_code = 5
    code = "E500"
