"""tonecheck: a linter for the tone and etiquette of Russian customer-support replies.

    >>> import tonecheck
    >>> report = tonecheck.lint("Щас проверю, жди", customer_name="Анна")
    >>> report.score, [f.code for f in report.findings]
"""

from __future__ import annotations

import threading
from typing import Any

from .config import Config
from .context import CHANNELS, Context
from .engine import Linter
from .errors import ConfigError, InputError, RuleError, ToneCheckError
from .finding import Finding, Suggestion
from .report import Report
from .rule import CATEGORIES

__all__ = [
    "CATEGORIES", "CHANNELS", "Config", "ConfigError", "Context", "Finding", "InputError", "Linter",
    "Report", "RuleError", "Suggestion", "ToneCheckError", "fix", "lint",
]
__version__ = "0.1.0"

_default: Linter | None = None
_lock = threading.Lock()


def _linter(config: Config | None) -> Linter:
    global _default
    if config is not None:
        return Linter(config)
    if _default is None:
        with _lock:
            if _default is None:
                _default = Linter()
    return _default


def lint(text: str, *, customer_name: str | None = None, customer_message: str | None = None,
         channel: str | None = None, followup: bool = False, first_contact: bool = False,
         config: Config | None = None) -> Report:
    """Lint one reply with the built-in rules (a shared Linter, created on first call).

    Pass ``config`` for other settings; to reuse them across calls build a ``Linter(config)``.
    """
    return _linter(config).lint(text, customer_name=customer_name, customer_message=customer_message,
                                channel=channel, followup=followup, first_contact=first_contact)


def fix(text: str, *, unsafe: bool = False, config: Config | None = None, **context: Any) -> str:
    """The reply with safe fixes applied (and unsafe ones too when ``unsafe=True``)."""
    return _linter(config).fix(text, unsafe=unsafe, **context)
