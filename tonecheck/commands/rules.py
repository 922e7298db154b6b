"""``tonecheck rules`` and ``tonecheck explain CODE``: the rule catalogue and one rule's documentation."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..catalogue import SAFETY, document
from ..engine import load_rules
from ..rule import Rule, builtin_dir
from . import EXIT_CLEAN, EXIT_ERROR


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
