"""Character patterns over the text: «!!!», «???», «?!?!», repeated letters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..context import Context
from ..doc import Doc
from ..finding import Hit, Suggestion
from ..morph import Morph
from ..rule import Rule

KEYS = {"regex", "replace", "ignore_case"}


@dataclass(frozen=True)
class RegexCheck:
    rule: Rule
    regex: re.Pattern[str]
    replace: str | None

    def run(self, doc: Doc, ctx: Context) -> Iterator[Hit]:
        safe = self.rule.fix_safety == "safe"
        for m in self.regex.finditer(doc.view):
            suggestions: tuple[Suggestion, ...] = ()
            if self.replace is not None and self.rule.fix_safety != "none":
                suggestions = (Suggestion(m.expand(self.replace), m.start(), m.end(), safe),)
            yield Hit(m.start(), m.end(), suggestions)


def compile(rule: Rule, analyzer: Morph) -> RegexCheck:
    source = rule.spec.get("regex")
    if not isinstance(source, str) or not source:
        raise rule.error("regex", "ожидается регулярное выражение")
    flags = re.IGNORECASE if rule.spec.get("ignore_case") else 0
    try:
        regex = re.compile(source, flags)
    except re.error as exc:
        raise rule.error("regex", f"ошибка в регулярном выражении: {exc}") from None
    replace = rule.spec.get("replace")
    if replace is not None:
        try:
            for ref in re.findall(r"\\(\d+)", replace):
                if int(ref) > regex.groups:
                    raise re.error(f"нет группы {ref}")
        except re.error as exc:
            raise rule.error("replace", f"замена не подходит к выражению: {exc}") from None
    return RegexCheck(rule, regex, replace)
