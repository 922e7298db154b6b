"""Errors that reach the user as a message (exit code 2), never as a traceback."""

from __future__ import annotations


class ToneCheckError(Exception):
    """Base class: a problem with the user's input, config or rules."""


class InputError(ToneCheckError):
    """A file or text that cannot be read as a draft."""


class ConfigError(ToneCheckError):
    """A malformed configuration file."""


class RuleError(ToneCheckError):
    """A malformed rule file: carries the file, line and field."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.path, self.line, self.field, self.detail = path, line, field, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")
