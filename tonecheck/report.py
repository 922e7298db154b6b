"""The result of linting one text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .context import Context
from .finding import Finding
from .score import VERDICTS

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Report:
    text: str
    findings: list[Finding]
    score: int
    category_scores: dict[str, int]
    verdict: str
    context: Context
    relevance: float | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict_text(self) -> str:
        return VERDICTS[self.verdict]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def __getattr__(self, name: str) -> Any:
        # Measurements added by later checks (spam_score, readability, …) read as attributes.
        extras = object.__getattribute__(self, "extras")
        if name in extras:
            return extras[name]
        raise AttributeError(name)

    def to_dict(self) -> dict[str, Any]:
        ctx = self.context
        return {
            "schema_version": SCHEMA_VERSION,
            "score": self.score,
            "verdict": self.verdict,
            "verdict_text": self.verdict_text,
            "category_scores": self.category_scores,
            "relevance": self.relevance,
            "context": {
                "customer_name": ctx.customer_name,
                "channel": ctx.channel,
                "followup": ctx.followup,
                "first_contact": ctx.first_contact,
                "has_customer_message": ctx.customer_message is not None,
            },
            **{k: v for k, v in self.extras.items()},
            "findings": [f.to_dict() for f in self.findings],
        }
