"""Something a reply should contain and does not: a sign-off in email, an apology to a complaint,
the operator's name on first contact, thanks for writing, an offer of further help.

- ``patterns``: phrase patterns (see ``tonecheck.pattern``); any one of them satisfies the rule;
- ``where``: ``start`` (the first ``window`` sentences), ``end`` (the last ``window``) or ``any``;
- ``when``: context flags that must hold, e.g. ``{first_contact: true}`` or ``{followup: false}``;
- ``trigger``: patterns of which one must occur in the customer's message (a complaint, say);
- ``append``: text the fix adds at the end of the reply («\\n\\nС уважением,\\nслужба поддержки»).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..context import Context
from ..doc import Doc, customer_doc
from ..finding import Hit, Suggestion
from ..layout import chunks, words_between
from ..morph import Morph
from ..pattern import Pattern, PatternError, compile_pattern, find
from ..rule import Rule

KEYS = {"patterns", "where", "window", "when", "trigger", "append"}
WHERE = ("start", "end", "any")
WHEN = ("followup", "first_contact")


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
            region = parts[: self.window]
        elif self.where == "end":  # never the greeting: «Добрый день!» opens, «Доброго дня!» closes
            region = parts[max(1, len(parts) - self.window) :] or parts
        else:
            region = parts
        words = words_between(doc, region[0].start, region[-1].stop)
        keys = doc.index.keys()
        for pattern in self.patterns:
            # A pattern whose required word is nowhere in the text is not in the region either.
            if any(keys.isdisjoint(required) for required in pattern.required):
                continue
            if any(True for _ in find(pattern, doc, words)):
                return
        point = parts[-1] if self.where == "end" else parts[0]
        fix: tuple[Suggestion, ...] = ()
        if self.append and self.rule.fix_safety != "none":
            end = len(doc.text.rstrip())
            fix = (Suggestion(self.append, end, end, self.rule.fix_safety == "safe"),)
        message = f"{self.rule.message} (клиент пишет: «{cause}»)" if cause else None
        yield Hit(point.start, point.stop, fix, message=message)

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
    return PresenceCheck(
        rule,
        _patterns(rule, "patterns", analyzer, True),
        where,
        window,
        tuple(sorted(when.items())),
        _patterns(rule, "trigger", analyzer, False),
        append,
        analyzer,
    )
