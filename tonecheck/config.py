"""Settings for a Linter: which rules run, how strictly, and for which channel."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .context import CHANNELS
from .errors import ConfigError
from .finding import SEVERITIES


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_under: int = 0
    channel: str = "chat"
    allowed_terms: tuple[str, ...] = ()
    rule_dirs: tuple[Path, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    def __post_init__(self) -> None:
        where = self.source or "config"
        if self.channel not in CHANNELS:
            raise ConfigError(f"{where}: channel: неизвестный канал {self.channel!r}; ожидается {', '.join(CHANNELS)}")
        for code, sev in self.severity.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"{where}: severity.{code}: ожидается одно из {', '.join(SEVERITIES)}")
        if not 0 <= self.fail_under <= 100:
            raise ConfigError(f"{where}: fail_under: ожидается число от 0 до 100")

    def with_(self, **changes: Any) -> Config:
        return replace(self, **changes)

    def selects(self, code: str, name: str, category: str) -> bool:
        """ruff-style selection: codes, code prefixes, rule names or categories."""
        def hit(items: tuple[str, ...]) -> bool:
            return any(code.startswith(i) or i in (name, category) for i in items)

        if self.select and not hit(self.select):
            return False
        return not hit(self.ignore)
