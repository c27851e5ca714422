"""All errors lagebild raises on purpose, in one place.

Library code raises these; the CLI (the edge) turns them into a one-line message on stderr
and the exit code given here. Anything else that escapes is a bug and is reported as such
(still as one line, unless --debug).
"""
from __future__ import annotations

# Exit codes of `analyze` and `ingest` (the same rule for both; docs/cli.md, README "Exit codes"):
EXIT_OK = 0           # every input was analysed (or, for ingest, was already stored)
EXIT_PARTIAL = 5      # some inputs were analysed, some skipped: a summary line names the reasons
# nothing could be read or analysed: InputError.exit_code (2), also with the summary line
EXIT_INTERNAL = 70    # EX_SOFTWARE: a bug, not bad input
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as shells report a terminated process


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


class BudgetError(InputError):
    """A document took longer to analyse than the per-document time budget (it is skipped)."""
    code = "E102"


class LanguageError(InputError):
    """The text is not in the requested (or any supported) language."""
    code = "E101"


class ParameterError(InputError):
    """A web or API request parameter is invalid (`lagebild serve` answers 400 with the message)."""
    code = "E104"


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
    exit_code = 6  # 5 is partial success (EXIT_PARTIAL)
    code = "E500"


class PartialSuccess(LagebildError):
    """Not an error of the run: some inputs were analysed and some skipped. The message is the
    summary line ("analysed 10, skipped 2: no text to analyse (empty) 1, ...")."""
    exit_code = EXIT_PARTIAL
    code = "E001"


class NothingAnalysed(InputError):
    """Every input was skipped: nothing could be read or analysed."""
    code = "E103"


class Stopped(StoreError):
    """The ingest was asked to stop (SIGTERM): the open transaction was finished first."""
    exit_code = EXIT_TERMINATED
    code = "E402"
