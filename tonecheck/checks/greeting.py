"""A reply that does not open with a greeting (unless it continues a conversation: ``followup``).

The greeting may come after the name or a salutation («Анна, добрый день!», «Уважаемая Анна
Петровна, здравствуйте!»), so it is looked for among the first ``window`` words of the first sentence
of the letter itself: headings, a hidden preheader or a subject line above it are passed over (unless
they greet: «# Здравствуйте, Анна!»), and the fix goes into the first paragraph after them.
When the customer's name is known, the fix inserts ``insert`` with it: «Здравствуйте, Анна! » (a line
of its own in email); without a name nothing is inserted, since the text may be a fragment of a reply.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..context import CHANNELS, Context
from ..doc import Doc
from ..finding import Hit, Suggestion
from ..layout import chunks, lead, opening, words_between
from ..morph import Morph
from ..pattern import Lookup, Pattern, PatternError, compile_pattern, find
from ..person import parse_person
from ..rule import Rule

KEYS = {"greetings", "window", "insert", "hint_channels"}


@dataclass(frozen=True)
class GreetingCheck:
    rule: Rule
    greetings: tuple[Pattern, ...]
    window: int
    insert: str
    hint_channels: frozenset[str]
    analyzer: Morph
    #: The greetings a text may hold, found by their rarest required word.
    lookup: Lookup = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", Lookup.of(pattern.required for pattern in self.greetings))

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        if ctx.followup:
            return
        parts = chunks(doc)
        if not parts:
            return
        body = lead(doc)
        floor = 0
        candidates = self.lookup.candidates(doc)
        # A heading or preheader above the letter may greet itself («# Здравствуйте, Анна!»); if not,
        # the greeting belongs to the first paragraph after it.
        for first in parts[: body + 1]:
            if doc.placeholders and any(floor <= a <= first.start for a, _ in doc.placeholders):
                return  # «{{ greeting }}, …»: the template greets
            head = list(first.words[: self.window])
            # A greeting whose required word is nowhere in the text is not in its first words either.
            for n in candidates:
                if any(True for _ in find(self.greetings[n], doc, head)):
                    return
            floor = first.stop
        # In an SMS every character costs: there a missing greeting is a hint, not a warning.
        severity = "info" if ctx.channel in self.hint_channels else None
        yield Hit(first.start, first.stop, self._insertion(doc, ctx, first.start), severity=severity)

    def _insertion(self, doc: Doc, ctx: Context, at: int) -> tuple[Suggestion, ...]:
        person = parse_person(ctx.customer_name, self.analyzer) if ctx.customer_name else None
        # Without a name the text may be a fragment rather than a whole reply: say so, do not insert.
        if person is None or self.rule.fix_safety == "none":
            return ()
        start, stop = opening(doc)
        words = words_between(doc, start, stop)
        safe = self.rule.fix_safety == "safe"
        gap = "\n\n" if ctx.channel == "email" else " "
        # «Анна, ваш заказ…» → «Здравствуйте, Анна! Ваш заказ…»: the name the reply opens with joins the greeting.
        k = 0
        while k < min(3, len(words) - 1) and person.is_form(words[k].text):
            k += 1
        if k and words[0].start == at and doc.text[words[k - 1].stop:words[k].start].strip() == ",":
            name, after = doc.text[words[0].start:words[k - 1].stop], words[k]
            return (Suggestion(f"{self.insert}, {name}!{gap}{after.text[0].upper()}", at, after.start + 1, safe),)
        named = any(person.is_form(w.text) for w in words)
        greeting = f"{self.insert}!" if named else f"{self.insert}, {person.salutation}!"
        return (Suggestion(greeting + gap, at, at, safe),)


def compile(rule: Rule, analyzer: Morph) -> GreetingCheck:
    raw = rule.spec.get("greetings")
    if not isinstance(raw, list) or not raw:
        raise rule.error("greetings", "ожидается непустой список шаблонов приветствий")
    patterns = []
    for source in raw:
        try:
            patterns.append(compile_pattern(str(source), analyzer))
        except PatternError as exc:
            raise rule.error("greetings", str(exc)) from None
    window = rule.spec.get("window", 6)
    if not isinstance(window, int) or window < 1:
        raise rule.error("window", "ожидается целое число ≥ 1")
    insert = rule.spec.get("insert", "Здравствуйте")
    if not isinstance(insert, str) or not insert.strip():
        raise rule.error("insert", "ожидается текст приветствия")
    hint_channels = rule.spec.get("hint_channels", [])
    if not isinstance(hint_channels, list) or any(c not in CHANNELS for c in hint_channels):
        raise rule.error("hint_channels", f"ожидается список каналов из {', '.join(CHANNELS)}")
    return GreetingCheck(rule, tuple(patterns), window, insert.strip(), frozenset(hint_channels), analyzer)
