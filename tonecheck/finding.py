"""What rules report: findings with offsets into the original text and suggested edits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Replace ``text[start:end]`` with ``replacement``; ``safe`` fixes are applied by ``--fix``."""

    replacement: str
    start: int
    end: int
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's raw match, before the engine turns it into a Finding."""

    start: int
    end: int
    suggestions: tuple[Suggestion, ...] = ()
    message: str | None = None
    weight: float | None = None
    severity: str | None = None
    data: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    category: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    text: str
    message: str
    weight: float
    suggestions: tuple[Suggestion, ...] = ()
    fix_title: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def fixable(self) -> bool:
        return bool(self.suggestions)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["suggestions"] = [asdict(s) for s in self.suggestions]
        if not self.data:
            out.pop("data")
        return out
