"""Grammar and spelling mistakes found by LanguageTool (``tonecheck/grammar.py``), off by default.

The rule does nothing until the config names a server (``grammar`` option); then the reply's
``doc.view`` — placeholders and markup blanked with spaces, so offsets map one to one — goes to
LanguageTool. Its matches that touch a blanked span are dropped (the gap is ours, not the author's), and
so are its rules that overlap our own checks or only see our blanking (``OVERLAPPING_RULES``), plus
whatever the user lists in ``grammar_disabled_rules``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .. import grammar
from ..context import Context
from ..doc import Doc
from ..errors import ConfigError
from ..finding import Hit, Suggestion
from ..morph import Morph
from ..rule import Rule

KEYS = {"max_suggestions"}
#: ``Config.options`` keys this kind reads.
OPTIONS = {"grammar", "grammar_disabled_rules"}
#: LanguageTool rules never asked for: runs of spaces are mostly what blanking placeholders and markup
#: leaves in ``doc.view``, not the author's typing.
OVERLAPPING_RULES = frozenset({"WHITESPACE_RULE"})


@dataclass(frozen=True)
class GrammarCheck:
    rule: Rule
    setting: str | None  # None: off; "local" or a server URL
    disabled: frozenset[str]
    max_suggestions: int

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        if self.setting is None or not doc.view.strip():  # off unless the config names a server
            return ()
        return self._run(doc, self.setting)

    def _run(self, doc: Doc, setting: str) -> Iterator[Hit]:
        for issue in grammar.server(setting).check(doc.view, self.disabled):
            if issue.end <= issue.start or _touches_mask(doc, issue.start, issue.end):
                continue
            suggestions = () if self.rule.fix_safety == "none" else tuple(
                Suggestion(r, issue.start, issue.end, self.rule.fix_safety == "safe")
                for r in issue.replacements[: self.max_suggestions])
            yield Hit(issue.start, issue.end, suggestions, message=issue.message,
                      data={"rule_id": issue.rule_id, "category": issue.category})


def _touches_mask(doc: Doc, start: int, end: int) -> bool:
    """The match overlaps or borders a placeholder, or covers characters blanked in ``doc.view`` (markup)."""
    if any(p_start <= end and start <= p_end for p_start, p_end in doc.placeholders):
        return True
    return doc.view[start:end] != doc.text[start:end]


def compile(rule: Rule, analyzer: Morph, options: Mapping[str, Any] | None = None) -> GrammarCheck:
    options = options or {}
    setting = grammar.setting(options.get("grammar"))
    if setting is not None:
        grammar.require()
    extra = options.get("grammar_disabled_rules") or []
    if not isinstance(extra, list) or not all(isinstance(r, str) and r for r in extra):
        raise ConfigError(f"grammar_disabled_rules: ожидается список кодов правил LanguageTool, получено {extra!r}")
    limit = rule.spec.get("max_suggestions", 3)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise rule.error("max_suggestions", f"ожидается целое число ≥ 0, получено {limit!r}")
    return GrammarCheck(rule, setting, OVERLAPPING_RULES | frozenset(extra), limit)
