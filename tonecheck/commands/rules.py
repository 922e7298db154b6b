"""``tonecheck rules`` and ``tonecheck explain CODE``: the rule catalogue and one rule's documentation."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engine import load_rules
from ..rule import Rule, builtin_dir
from . import EXIT_CLEAN, EXIT_ERROR

SAFETY = {"safe": "безопасное", "unsafe": "требует проверки", "none": "нет"}


def catalogue() -> list[Rule]:
    return sorted(load_rules([builtin_dir()]), key=lambda r: r.code)


def list_rules(out: Console) -> int:
    table = Table(title="Правила tonecheck", show_lines=False)
    for column in ("Код", "Имя", "Категория", "Важность", "Исправление", "Что находит"):
        table.add_column(column)
    for r in catalogue():
        # Rule texts (user rules too) are plain text, never rich markup: «[важно]» stays as written.
        table.add_row(*(Text(cell) for cell in (r.code, r.name, r.category, r.severity, SAFETY[r.fix_safety],
                                                r.message)))
    out.print(table)
    return EXIT_CLEAN


def explain(code: str, out: Console, err: Console) -> int:
    wanted = code.strip()
    for r in catalogue():
        if wanted.upper() == r.code or wanted == r.name:
            out.print(Text(document(r)))
            return EXIT_CLEAN
    err.print(f"tonecheck: правило {wanted!r} не найдено; список: tonecheck rules", markup=False, highlight=False)
    return EXIT_ERROR


def document(r: Rule) -> str:
    """A rule's page: what, why, example, fix safety (the same text for the terminal and the docs)."""
    lines = [f"{r.code} {r.name} ({r.category}, {r.severity})", "", r.message, "",
             "Почему это плохо", "  " + r.why.strip().replace("\n", "\n  ")]
    if r.example:
        lines += ["", "Пример", f"  {r.example}"]
    if r.use_instead:
        lines += ["", "Лучше так", f"  {r.use_instead}"]
    if r.fix_title:
        lines += ["", "Как исправить", f"  {r.fix_title}"]
    lines += ["", f"Автоисправление: {SAFETY[r.fix_safety]}"]
    return "\n".join(lines)
