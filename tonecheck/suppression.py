"""Inline suppressions: a human decided this finding is fine here.

Written in a template comment, ``{# tonecheck: disable=FM001 #}`` or ``<!-- tonecheck: disable=FM001 -->``:

- ``disable=CODES`` — findings on the comment's own line;
- ``disable-next-line=CODES`` — findings on the next line;
- ``disable-file=CODES`` — findings anywhere in the file.

CODES are codes, code prefixes, rule names or categories, comma-separated; without ``=CODES`` every rule.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .finding import Finding

SCOPES = ("line", "next-line", "file")
_COMMENT = re.compile(r"\{#-?(?P<jinja>(?:(?!\{#).)*?)-?#\}|<!--(?P<html>(?:(?!<!--).)*?)-->", re.DOTALL)
_DIRECTIVE = re.compile(
    r"\btonecheck\s*:\s*disable(?P<scope>-next-line|-file|-line)?\b(?:\s*=\s*(?P<codes>[\w\-]+(?:\s*,\s*[\w\-]+)*))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Directive:
    """One ``tonecheck: disable…`` comment: its span in the text, the lines it covers and its selectors."""

    start: int
    end: int
    scope: str
    codes: tuple[str, ...]  # empty: every rule
    first_line: int  # 1-based, inclusive; 0 for the whole file
    last_line: int
    removal: tuple[int, int] = (0, 0)  # what deleting the directive removes: its comment, or its line
    codes_span: tuple[int, int] = (0, 0)

    def covers(self, finding: Finding) -> bool:
        if self.scope != "file" and not self.first_line <= finding.line <= self.last_line:
            return False
        return bool(self.selects(finding))

    def selects(self, finding: Finding) -> list[str]:
        """The selectors that name ``finding`` (``"*"`` when the directive names no rules)."""
        if not self.codes:
            return ["*"]
        return [item for item in self.codes
                if finding.code.startswith(item.upper()) or item in (finding.name, finding.category)]


@lru_cache(maxsize=256)
def parse(text: str) -> tuple[Directive, ...]:
    """Every suppression directive in the template's comments."""
    if "tonecheck" not in text.lower():
        return ()
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    out: list[Directive] = []
    for comment in _COMMENT.finditer(text):
        body_start = comment.start("jinja") if comment.group("jinja") is not None else comment.start("html")
        body = comment.group("jinja") if comment.group("jinja") is not None else comment.group("html")
        for m in _DIRECTIVE.finditer(body):
            scope = {"-next-line": "next-line", "-file": "file"}.get((m.group("scope") or "").lower(), "line")
            codes = tuple(c.strip() for c in (m.group("codes") or "").split(",") if c.strip())
            first = bisect.bisect_right(starts, comment.start())
            last = bisect.bisect_right(starts, max(comment.start(), comment.end() - 1))
            if scope == "next-line":
                first = last = last + 1
            elif scope == "file":
                first = last = 0
            start = body_start + m.start()
            whole = body.strip().rstrip("-").strip() == m.group().strip()
            removal = _removal(text, comment.start(), comment.end()) if whole else (start, body_start + m.end())
            codes_span = (body_start + m.start("codes"), body_start + m.end("codes")) if codes else (0, 0)
            out.append(Directive(start, body_start + m.end(), scope, codes, first, last, removal, codes_span))
    return tuple(out)


def _removal(text: str, start: int, end: int) -> tuple[int, int]:
    """The comment's own line when nothing else is on it, else the comment and the blanks before it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        return line_start, min(len(text), line_end + 1)
    while start > line_start and text[start - 1] in " \t":
        start -= 1
    return start, end


def apply(directives: Iterable[Directive], findings: Iterable[Finding], *,
          blanket: bool = True) -> tuple[list[Finding], list[tuple[Directive, str]]]:
    """(findings no directive covers, (directive, selector) pairs that suppressed nothing).

    ``blanket=False``: only directives that name rules count (a bare ``disable`` never hides its own report).
    """
    directives = tuple(d for d in directives if blanket or d.codes)
    kept: list[Finding] = []
    used: set[tuple[int, str]] = set()
    for finding in findings:
        covering = [d for d in directives if d.covers(finding)]
        if not covering:
            kept.append(finding)
        for d in covering:
            used.update((d.start, item) for item in d.selects(finding))
    unused = [(d, item) for d in directives for item in (d.codes or ("*",)) if (d.start, item) not in used]
    return kept, unused
