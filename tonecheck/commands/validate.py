"""``tonecheck validate-rules PATH``: load and compile rule files, report every problem."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from .. import checks
from ..errors import RuleError
from ..morph import morph
from ..rule import parse_rule, read_yaml, rule_files
from . import EXIT_CLEAN, EXIT_ERROR


def problems(paths: list[Path]) -> tuple[int, list[str]]:
    """(files checked, ``file:line: message`` for every broken file)."""
    keys = checks.kind_keys()
    analyzer = morph()
    found: list[str] = []
    count = 0
    codes: dict[str, str] = {}
    for root in paths:
        files = [root] if root.is_file() else list(rule_files(root)) if root.is_dir() else []
        if not files:
            found.append(f"{root}: нет файлов правил (*.yaml)")
        for path in files:
            count += 1
            try:
                data, lines = read_yaml(path)
                rule = parse_rule(data, lines, str(path), keys)
                checks.KINDS[rule.kind].compile(rule, analyzer)
                if rule.code in codes:
                    raise RuleError(str(path), lines.get("code"), "code",
                                    f"код {rule.code} уже есть в {codes[rule.code]}")
                codes[rule.code] = str(path)
            except RuleError as exc:
                found.append(str(exc))
    return count, found


def run(paths: list[str], out: Console, err: Console) -> int:
    count, found = problems([Path(p) for p in paths])
    for line in found:
        err.print(line, markup=False, highlight=False)
    if found:
        err.print(f"Ошибок: {len(found)} (файлов проверено: {count})", markup=False, highlight=False)
        return EXIT_ERROR
    out.print(f"Все правила в порядке (файлов: {count})", markup=False, highlight=False)
    return EXIT_CLEAN
