"""Something a reply should contain and does not: a sign-off in email, an apology to a complaint,
the operator's name on first contact, thanks for writing, an offer of further help.

- ``patterns``: phrase patterns (see ``tonecheck.pattern``); any one of them satisfies the rule;
- ``where``: ``start`` (the first ``window`` sentences), ``end`` (the last ``window``) or ``any``;
- ``when``: context flags that must hold, e.g. ``{first_contact: true}`` or ``{followup: false}``;
- ``trigger``: patterns of which one must occur in the customer's message (a complaint, say);
- ``append``: text the fix adds at the end of the reply («\\n\\nС уважением,\\nслужба поддержки»);
- ``lines``: patterns that satisfy the rule when they open a short line without a verb in the region
  («Команда «ЛавкаДом»», «Ирина, специалист службы поддержки»); an item ``{pattern: …, then: name}``
  also needs the rest of the line to be a proper name, every word capitalised («Ваш ЛавкаДом»);
- ``line_words``: the most words such a line may have (10);
- ``placeholders``: regular expressions for a placeholder's name that stands for the content itself
  (``{{ signature }}``, ``%SIGNATURE%``), searched in placeholders that start in the region.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..context import Context
from ..doc import Doc, Token, customer_doc
from ..finding import Hit, Suggestion
from ..layout import Chunk, chunks, lead, words_between
from ..morph import Morph
from ..pattern import Pattern, PatternError, compile_pattern, find
from ..rule import Rule
from ..template import placeholder_name

KEYS = {"patterns", "where", "window", "when", "trigger", "append", "lines", "line_words", "placeholders"}
WHERE = ("start", "end", "any")
WHEN = ("followup", "first_contact")
THEN = ("name",)
#: A line holding a verb says something («Команда уже проверяет заказ»): it is not a signature.
_VERBS = frozenset({"VERB", "INFN"})


@dataclass(frozen=True)
class LinePattern:
    """A pattern that must open a line; ``then`` says what the rest of the line must be."""

    pattern: Pattern
    then: str | None = None

    def opens(self, words: tuple[Token, ...], doc: Doc) -> bool:
        end = self.pattern.match_at(doc, list(words), 0)
        if end is None or end == 0:
            return False
        if self.then == "name":
            rest = words[end:]
            return bool(rest) and all(w.text[0].isupper() for w in rest)
        return True


@dataclass(frozen=True)
class PresenceCheck:
    rule: Rule
    patterns: tuple[Pattern, ...]
    where: str
    window: int
    when: tuple[tuple[str, bool], ...]
    trigger: tuple[Pattern, ...]
    append: str
    analyzer: Morph
    lines: tuple[LinePattern, ...] = ()
    line_words: int = 10
    placeholders: re.Pattern[str] | None = None

    def run(self, doc: Doc, ctx: Context) -> Iterable[Hit]:
        if any(getattr(ctx, key) != value for key, value in self.when):
            return ()
        cause = self._cause(ctx)
        if self.trigger and cause is None:
            return ()
        return self._run(doc, cause)

    def _run(self, doc: Doc, cause: str | None) -> Iterator[Hit]:
        parts = chunks(doc)
        if not parts:
            return
        if self.where == "start":
            region = parts[: lead(doc) + self.window]  # headings above the letter take no place
        elif self.where == "end":  # never the greeting: «Добрый день!» opens, «Доброго дня!» closes
            region = parts[max(1, len(parts) - self.window) :] or parts
        else:
            region = parts
        words = words_between(doc, region[0].start, region[-1].stop)
        keys = doc.vocabulary  # the index's keys, without building the index
        for pattern in self.patterns:
            # A pattern whose required word is nowhere in the text is not in the region either.
            if any(keys.isdisjoint(required) for required in pattern.required):
                continue
            if any(True for _ in find(pattern, doc, words)):
                return
        if self.lines and any(self._is_line(doc, part) for part in region):
            return
        if self.placeholders and self._has_placeholder(doc, region[0].start):
            return
        point = parts[-1] if self.where == "end" else parts[lead(doc)]
        fix: tuple[Suggestion, ...] = ()
        if self.append and self.rule.fix_safety != "none":
            end = len(doc.text.rstrip())
            fix = (Suggestion(self.append, end, end, self.rule.fix_safety == "safe"),)
        message = f"{self.rule.message} (клиент пишет: «{cause}»)" if cause else None
        yield Hit(point.start, point.stop, fix, message=message)

    def _is_line(self, doc: Doc, part: Chunk) -> bool:
        """A short line without a verb that one of ``lines`` opens: «Команда «ЛавкаДом»», «Ваш ЛавкаДом»."""
        words = part.words
        if len(words) > self.line_words:
            return False
        if any(w.best is not None and w.best.pos in _VERBS for w in words):
            return False
        return any(line.opens(words, doc) for line in self.lines)

    def _has_placeholder(self, doc: Doc, start: int) -> bool:
        """A placeholder from ``start`` on whose name stands for the content (``{{ signature }}``)."""
        assert self.placeholders is not None
        return any(
            stop > start and self.placeholders.search(placeholder_name(doc.text[a:stop]))
            for a, stop in doc.placeholders
        )

    def _cause(self, ctx: Context) -> str | None:
        """The words of the customer's message that set the rule off."""
        if not self.trigger or not ctx.customer_message:
            return None
        message = customer_doc(ctx.customer_message, self.analyzer)
        words = message.words
        for pattern in self.trigger:
            for i, end in find(pattern, message, words):
                return message.text[words[i].start : words[end - 1].stop]
        return None


def _patterns(rule: Rule, key: str, analyzer: Morph, required: bool) -> tuple[Pattern, ...]:
    raw: Any = rule.spec.get(key)
    if raw is None and not required:
        return ()
    if not isinstance(raw, list) or not raw:
        raise rule.error(key, "ожидается непустой список шаблонов")
    out = []
    for source in raw:
        try:
            out.append(compile_pattern(str(source), analyzer))
        except PatternError as exc:
            raise rule.error(key, str(exc)) from None
    return tuple(out)


def compile(rule: Rule, analyzer: Morph) -> PresenceCheck:
    where = rule.spec.get("where", "any")
    if where not in WHERE:
        raise rule.error("where", f"ожидается одно из {', '.join(WHERE)}")
    window = rule.spec.get("window", 2)
    if not isinstance(window, int) or window < 1:
        raise rule.error("window", "ожидается целое число ≥ 1")
    when = rule.spec.get("when", {}) or {}
    if not isinstance(when, dict) or any(k not in WHEN or not isinstance(v, bool) for k, v in when.items()):
        raise rule.error(
            "when", f"ожидается словарь флагов контекста ({', '.join(WHEN)}) со значениями true/false"
        )
    append = rule.spec.get("append", "")
    if not isinstance(append, str):
        raise rule.error("append", "ожидается текст")
    line_words = rule.spec.get("line_words", 10)
    if not isinstance(line_words, int) or line_words < 1:
        raise rule.error("line_words", "ожидается целое число ≥ 1")
    return PresenceCheck(
        rule,
        _patterns(rule, "patterns", analyzer, True),
        where,
        window,
        tuple(sorted(when.items())),
        _patterns(rule, "trigger", analyzer, False),
        append,
        analyzer,
        _lines(rule, analyzer),
        line_words,
        _placeholders(rule),
    )


def _lines(rule: Rule, analyzer: Morph) -> tuple[LinePattern, ...]:
    raw: Any = rule.spec.get("lines", [])
    if not isinstance(raw, list):
        raise rule.error("lines", "ожидается список шаблонов строк")
    out = []
    for item in raw:
        source, then = (item.get("pattern"), item.get("then")) if isinstance(item, dict) else (item, None)
        if not isinstance(source, str) or not source.strip():
            raise rule.error("lines", f"ожидается шаблон или {{pattern: …, then: …}}, а не {item!r}")
        if isinstance(item, dict) and (set(item) - {"pattern", "then"} or then not in THEN):
            raise rule.error("lines", f"в {item!r} ожидаются ключи pattern и then ({', '.join(THEN)})")
        try:
            out.append(LinePattern(compile_pattern(source, analyzer), then))
        except PatternError as exc:
            raise rule.error("lines", str(exc)) from None
    return tuple(out)


def _placeholders(rule: Rule) -> re.Pattern[str] | None:
    raw: Any = rule.spec.get("placeholders", [])
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise rule.error("placeholders", "ожидается список регулярных выражений")
    if not raw:
        return None
    try:
        return re.compile("|".join(f"(?:{x})" for x in raw), re.IGNORECASE)
    except re.error as exc:
        raise rule.error("placeholders", f"неверное регулярное выражение: {exc}") from None
