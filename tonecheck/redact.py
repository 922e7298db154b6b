"""Redaction: a report that no longer carries the personal data its privacy findings found.

Masks keep the length of what they hide, so every offset, line and column in the report stays true.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from .finding import Finding, Suggestion
from .report import Report

CATEGORY = "privacy"


def _mask_for(finding: Finding) -> str:
    """The finding's own mask when it has one of the right length, else its characters starred."""
    masked = finding.data.get("masked")
    if isinstance(masked, str) and len(masked) == len(finding.text):
        return masked
    return "".join(ch if ch.isspace() else "*" for ch in finding.text)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class _Masker:
    """Replaces each found secret, wherever a copy of it turns up, with its mask."""

    def __init__(self, secrets: list[tuple[str, str]]) -> None:
        # Longest first, so a card number is masked before a shorter secret inside it.
        self.secrets = [(re.compile(re.escape(secret), re.IGNORECASE), masked)
                        for secret, masked in sorted(set(secrets), key=lambda s: -len(s[0]))]
        self.words = [secret.lower() for secret, _ in secrets]
        self.numbers = [d for secret, _ in secrets if len(d := _digits(secret)) >= 4]

    def scrub(self, value: Any) -> Any:
        if isinstance(value, str):
            for secret, masked in self.secrets:
                # Escaped: a backslash in a mask must not read as a group reference.
                value = secret.sub(masked.replace("\\", "\\\\"), value)
            return value
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.scrub(v) for v in value)
        return value

    def leaks(self, text: str) -> bool:
        """Whether ``text`` still holds a found value, even re-spaced or with other separators."""
        found, lower = _digits(text), text.lower()
        return any(n in found for n in self.numbers) or any(w in lower for w in self.words)


def redact(report: Report) -> Report:
    """``report`` with the data of its privacy findings masked in the text, findings and suggestions."""
    private = [f for f in report.findings if f.category == CATEGORY and f.end > f.start]
    if not private:
        return report
    chars = list(report.text)
    secrets = []
    for finding in private:
        masked = _mask_for(finding)
        chars[finding.start:finding.end] = masked
        secrets.append((finding.text, masked))
    text = "".join(chars)
    masker = _Masker(secrets)
    findings = [_redact_finding(f, text, masker) for f in report.findings]
    return dataclasses.replace(report, text=text, findings=findings, extras=masker.scrub(report.extras))


def _redact_finding(finding: Finding, text: str, masker: _Masker) -> Finding:
    suggestions: list[Suggestion] = []
    for s in finding.suggestions:
        replacement = masker.scrub(s.replacement)
        # A fix that would still write a found number back (re-spaced, re-cased) is dropped, not shown.
        if finding.category != CATEGORY and masker.leaks(replacement):
            continue
        suggestions.append(dataclasses.replace(s, replacement=replacement))
    return dataclasses.replace(
        finding, text=text[finding.start:finding.end], message=masker.scrub(finding.message),
        fix_title=masker.scrub(finding.fix_title), suggestions=tuple(suggestions),
        data=masker.scrub(finding.data),
    )
