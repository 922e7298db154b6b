"""SARIF 2.1.0 output for code-scanning tools: rule metadata, results with regions, and fixes."""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import __version__
from .catalogue import document
from .finding import Finding, Suggestion
from .report import Report
from .rule import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


class _Lines:
    """1-based line and column (in code points, as ``columnKind`` says) of offsets into one text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def region(self, start: int, end: int) -> dict[str, int]:
        def at(offset: int) -> tuple[int, int]:
            line = bisect.bisect_right(self.starts, offset) - 1
            return line + 1, offset - self.starts[line] + 1

        (sl, sc), (el, ec) = at(start), at(end)
        return {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}


def uri(name: str) -> str:
    """A relative URI for a relative path, a ``file:`` URI for an absolute one."""
    path = Path(name)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.why.strip()},
        "help": {"text": document(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"category": rule.category, "fix_safety": rule.fix_safety, "tags": [rule.category]},
    }


def _fix(suggestion: Suggestion, location: str, lines: _Lines) -> dict[str, Any]:
    description = f"Заменить на «{suggestion.replacement}»" if suggestion.replacement else "Удалить"
    description += "" if suggestion.safe else " (проверьте: меняет смысл)"
    return {
        "description": {"text": description},
        "artifactChanges": [{
            "artifactLocation": {"uri": location},
            "replacements": [{
                "deletedRegion": lines.region(suggestion.start, suggestion.end),
                "insertedContent": {"text": suggestion.replacement},
            }],
        }],
    }


def result(finding: Finding, location: str, lines: _Lines, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, Any] = {**lines.region(finding.start, finding.end), "snippet": {"text": finding.text}}
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": location}, "region": region}}],
        "properties": {"category": finding.category, "weight": finding.weight},
    }
    if finding.code in index:
        out["ruleIndex"] = index[finding.code]
    if finding.suggestions:
        out["fixes"] = [_fix(s, location, lines) for s in finding.suggestions]
    return out


def log(items: Sequence[tuple[str, Report]], rules: Sequence[Rule]) -> dict[str, Any]:
    """The SARIF log of one run over ``items`` (name, report)."""
    descriptors = [rule_descriptor(r) for r in rules]
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    artifacts = []
    for name, report in items:
        location = uri(name)
        artifacts.append({"location": {"uri": location}})
        lines = _Lines(report.text)
        results += [result(f, location, lines, index) for f in report.findings]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tonecheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
            "invocations": [{"executionSuccessful": True}],
        }],
    }


def dumps(items: Sequence[tuple[str, Report]], rules: Sequence[Rule]) -> str:
    return json.dumps(log(items, rules), ensure_ascii=False, indent=2)
