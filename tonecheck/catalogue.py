"""The rule catalogue: one rule's page (terminal, SARIF) and the Markdown table for the README."""

from __future__ import annotations

from collections.abc import Iterable

from .rule import Rule

SAFETY = {"safe": "безопасное", "unsafe": "требует проверки", "none": "нет"}
#: Shorter labels for the README table.
SAFETY_SHORT = {"safe": "безопасное", "unsafe": "с проверкой", "none": "—"}
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
#: How a rule that is off by default is marked, and how it is turned on.
OFF_NOTE = " (выключено по умолчанию; `extend_select`)"
OFF_PAGE = ("Выключено по умолчанию; включается через extend_select = [\"{code}\"] в настройках "
            "или --extend-select {code}.")


def markdown(rules: Iterable[Rule]) -> str:
    lines = ["| Код | Имя | Категория | Важность | Исправление | Что находит |", "|---|---|---|---|---|---|"]
    for r in sorted(rules, key=lambda r: r.code):
        message = r.message.replace("|", "\\|") + ("" if r.enabled else OFF_NOTE)
        safety = SAFETY_SHORT[r.fix_safety]
        lines.append(f"| {r.code} | `{r.name}` | {r.category} | {r.severity} | {safety} | {message} |")
    return "\n".join(lines)


def document(r: Rule) -> str:
    """A rule's page: what, why, example, fix safety (the same text for ``explain`` and SARIF help)."""
    lines = [f"{r.code} {r.name} ({r.category}, {r.severity})", "", r.message, "",
             "Почему это плохо", "  " + r.why.strip().replace("\n", "\n  ")]
    if r.example:
        lines += ["", "Пример", f"  {r.example}"]
    if r.use_instead:
        lines += ["", "Лучше так", f"  {r.use_instead}"]
    if r.fix_title:
        lines += ["", "Как исправить", f"  {r.fix_title}"]
    lines += ["", f"Автоисправление: {SAFETY[r.fix_safety]}"]
    if not r.enabled:
        lines += ["", OFF_PAGE.format(code=r.code)]
    return "\n".join(lines)


def splice(readme: str, table: str) -> str:
    """``readme`` with the text between the rule-table markers replaced by ``table``."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table}\n{END}{tail}"
