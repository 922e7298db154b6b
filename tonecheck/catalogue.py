"""The rule catalogue as Markdown, for the README (a test keeps the README in sync)."""

from __future__ import annotations

from collections.abc import Iterable

from .rule import Rule

SAFETY = {"safe": "безопасное", "unsafe": "с проверкой", "none": "—"}
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def markdown(rules: Iterable[Rule]) -> str:
    lines = ["| Код | Имя | Категория | Важность | Исправление | Что находит |", "|---|---|---|---|---|---|"]
    for r in sorted(rules, key=lambda r: r.code):
        message = r.message.replace("|", "\\|")
        lines.append(f"| {r.code} | `{r.name}` | {r.category} | {r.severity} | {SAFETY[r.fix_safety]} | {message} |")
    return "\n".join(lines)


def splice(readme: str, table: str) -> str:
    """``readme`` with the text between the rule-table markers replaced by ``table``."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table}\n{END}{tail}"
